/* medusa-shipping-method.h: how an order is shipped
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_SHIPPING_METHOD (medusa_shipping_method_get_type ())
G_DECLARE_FINAL_TYPE (MedusaShippingMethod, medusa_shipping_method, MEDUSA, SHIPPING_METHOD, GObject)

/* Properties (read-only): "id", "name" (shipping_option.name, nullable),
 * "price", "total" (gint64; total falls back to price when absent). */
MedusaShippingMethod *medusa_shipping_method_new_from_json  (JsonObject           *object,
                                                             GError              **error);

const char           *medusa_shipping_method_get_id         (MedusaShippingMethod *self);
const char           *medusa_shipping_method_get_name       (MedusaShippingMethod *self);
gint64                medusa_shipping_method_get_price      (MedusaShippingMethod *self);
gint64                medusa_shipping_method_get_total      (MedusaShippingMethod *self);

G_END_DECLS
