/* medusa-order-row.h: one order in the order history list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-enums.h"
#include "medusa-order.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_ROW (medusa_order_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderRow, medusa_order_row, MEDUSA, ORDER_ROW, AdwBin)

/* Shows "#number", the date, the status badges, "N items" and the total.
 * Property "order" (MedusaOrder, nullable). */
GtkWidget   *medusa_order_row_new                 (void);
MedusaOrder *medusa_order_row_get_order           (MedusaOrderRow *self);
void         medusa_order_row_set_order           (MedusaOrderRow *self,
                                                   MedusaOrder    *order);

/* Small status labels ("badges") shared with the order details page. The
 * style class is one of "success", "warning", "error", "dim-label". */
const char  *medusa_order_status_style            (MedusaOrderStatus       status);
const char  *medusa_fulfillment_status_style      (MedusaFulfillmentStatus status);
const char  *medusa_payment_status_style          (MedusaPaymentStatus     status);
GtkWidget   *medusa_status_badge_new              (const char             *text,
                                                   const char             *style_class);
/* Appends the order's three status badges to @box. */
void         medusa_order_append_status_badges    (MedusaOrder            *order,
                                                   GtkBox                 *box);

G_END_DECLS
