/* medusa-return-item-row.h: one item of an order in the return dialog
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-line-item.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_RETURN_ITEM_ROW (medusa_return_item_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnItemRow, medusa_return_item_row, MEDUSA, RETURN_ITEM_ROW, AdwExpanderRow)

/* @reasons: GListModel of MedusaReturnReason (the store's top-level reasons).
 * Property "quantity" (notified) is what the spin button says, 0 … @max_quantity. */
GtkWidget      *medusa_return_item_row_new            (MedusaLineItem      *item,
                                                       gint64               max_quantity,
                                                       GListModel          *reasons);
MedusaLineItem *medusa_return_item_row_get_item       (MedusaReturnItemRow *self);
gint64          medusa_return_item_row_get_quantity   (MedusaReturnItemRow *self);
/* The chosen reason's id (a child reason's when one is chosen), or NULL. */
const char     *medusa_return_item_row_get_reason_id  (MedusaReturnItemRow *self);
/* The note without surrounding white space (free it), or NULL when empty. */
char           *medusa_return_item_row_dup_note       (MedusaReturnItemRow *self);

G_END_DECLS
