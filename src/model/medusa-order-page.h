/* medusa-order-page.h: one page of GET /store/customers/me/orders
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_PAGE (medusa_order_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderPage, medusa_order_page, MEDUSA, ORDER_PAGE, GObject)

/* {"orders": [...], "count": N, "offset": o, "limit": l} */
MedusaOrderPage *medusa_order_page_new_from_json  (JsonObject      *object,
                                                   GError         **error);
/* GListModel of MedusaOrder (owned by the page) */
GListModel      *medusa_order_page_get_orders     (MedusaOrderPage *self);
gint64           medusa_order_page_get_count      (MedusaOrderPage *self);
gint64           medusa_order_page_get_offset     (MedusaOrderPage *self);
gint64           medusa_order_page_get_limit      (MedusaOrderPage *self);

G_END_DECLS
