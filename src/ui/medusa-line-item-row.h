/* medusa-line-item-row.h: one line item of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-line-item.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_LINE_ITEM_ROW (medusa_line_item_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaLineItemRow, medusa_line_item_row, MEDUSA, LINE_ITEM_ROW, AdwActionRow)

GtkWidget *medusa_line_item_row_new (MedusaLineItem *item,
                                     const char     *currency_code);

G_END_DECLS
