/* medusa-claim-order-dialog.h: find orders placed as a guest and add them to the account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_CLAIM_ORDER_DIALOG (medusa_claim_order_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaClaimOrderDialog, medusa_claim_order_dialog, MEDUSA, CLAIM_ORDER_DIALOG, AdwWindow)

/* A modal assistant over @parent: look orders up by number and email, ask the
 * store to mail a confirmation code to their email, then take the pasted code
 * (or the link holding it). Emits "claimed" once the store moved the orders
 * into the account and the session synced. */
MedusaClaimOrderDialog *medusa_claim_order_dialog_new     (GtkWindow     *parent,
                                                           MedusaSession *session);

/* Opens the assistant over @page's window; when orders were added it
 * activates "page.refresh" on @page (if @page is still there). */
void                    medusa_claim_order_dialog_present (GtkWidget     *page,
                                                           MedusaSession *session);

G_END_DECLS
