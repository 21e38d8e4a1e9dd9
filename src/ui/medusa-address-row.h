/* medusa-address-row.h: one saved address in the address book
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-address.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ADDRESS_ROW (medusa_address_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaAddressRow, medusa_address_row, MEDUSA, ADDRESS_ROW, AdwActionRow)

GtkWidget     *medusa_address_row_new         (MedusaAddress    *address);
MedusaAddress *medusa_address_row_get_address (MedusaAddressRow *self);
/* Edit and Delete wait while @session is offline (medusa-offline-guard.h). */
void           medusa_address_row_guard_offline (MedusaAddressRow *self,
                                                 MedusaSession    *session);

G_END_DECLS
