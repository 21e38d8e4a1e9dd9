/* medusa-address-dialog.h: add or edit one saved address
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-address.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ADDRESS_DIALOG (medusa_address_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaAddressDialog, medusa_address_dialog, MEDUSA, ADDRESS_DIALOG, AdwWindow)

/* A modal window with its own header bar (Cancel / Save). @address NULL adds
 * a new address, else edits that one, through the session (which takes the
 * customer the store answers). On success it emits "saved"
 * (MedusaCustomer *customer) and closes itself. */
GtkWidget     *medusa_address_dialog_new          (MedusaSession *session,
                                                   MedusaAddress *address);
/* (nullable) the address being edited */
MedusaAddress *medusa_address_dialog_get_address  (MedusaAddressDialog *self);

G_END_DECLS
