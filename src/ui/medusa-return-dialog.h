/* medusa-return-dialog.h: ask the store to take items of an order back
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-order.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_RETURN_DIALOG (medusa_return_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnDialog, medusa_return_dialog, MEDUSA, RETURN_DIALOG, AdwWindow)

/* @returns: the order's returns so far (GListModel of MedusaReturn): what
 * they hold is not offered again. Emits "requested" (a MedusaReturn) once the
 * store has the return, then closes. */
GtkWidget *medusa_return_dialog_new (MedusaSession *session,
                                     MedusaOrder   *order,
                                     GListModel    *returns);

/* Can a return be asked for @order (shipped or fulfilled, not canceled)? */
gboolean   medusa_return_dialog_order_allows_return (MedusaOrder *order);

G_END_DECLS
