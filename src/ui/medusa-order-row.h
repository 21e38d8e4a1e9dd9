/* medusa-order-row.h: one order in the order history list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "medusa-order.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_ROW (medusa_order_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderRow, medusa_order_row, MEDUSA, ORDER_ROW, GtkWidget)

/* Shows "#number", the date, the status badges, "N items" and the total.
 * Property "order" (MedusaOrder, nullable). */
GtkWidget   *medusa_order_row_new                 (void);
void         medusa_order_row_set_order           (MedusaOrderRow *self,
                                                   MedusaOrder    *order);

G_END_DECLS
