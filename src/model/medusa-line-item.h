/* medusa-line-item.h: one line of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_LINE_ITEM (medusa_line_item_get_type ())
G_DECLARE_FINAL_TYPE (MedusaLineItem, medusa_line_item, MEDUSA, LINE_ITEM, GObject)

/* Properties (read-only): "id", "title", "description", "variant-title",
 * "thumbnail", "quantity", "unit-price", "subtotal", "total", "tax-total",
 * "discount-total" (gint64, minor units), "currency-code". */
MedusaLineItem *medusa_line_item_new_from_json                (JsonObject     *object,
                                                               GError        **error);
/* As above; @currency_code (the order's; may be NULL) becomes "currency-code". */
MedusaLineItem *medusa_line_item_new_from_json_with_currency  (JsonObject     *object,
                                                               const char     *currency_code,
                                                               GError        **error);

const char     *medusa_line_item_get_id                       (MedusaLineItem *self);
const char     *medusa_line_item_get_title                    (MedusaLineItem *self);
const char     *medusa_line_item_get_description              (MedusaLineItem *self);
/* variant.title when the variant is expanded, else the description */
const char     *medusa_line_item_get_variant_title            (MedusaLineItem *self);
const char     *medusa_line_item_get_thumbnail                (MedusaLineItem *self);
gint64          medusa_line_item_get_quantity                 (MedusaLineItem *self);
gint64          medusa_line_item_get_unit_price               (MedusaLineItem *self);
gint64          medusa_line_item_get_subtotal                 (MedusaLineItem *self);
gint64          medusa_line_item_get_total                    (MedusaLineItem *self);
gint64          medusa_line_item_get_tax_total                (MedusaLineItem *self);
gint64          medusa_line_item_get_discount_total           (MedusaLineItem *self);
const char     *medusa_line_item_get_currency_code            (MedusaLineItem *self);
/* What the line costs: "subtotal" when the store sent one (not 0), else
 * quantity × unit price. FALSE when that product does not fit in a gint64:
 * then there is no total to show (*@total is 0). */
gboolean        medusa_line_item_compute_line_total           (MedusaLineItem *self,
                                                               gint64         *total);

G_END_DECLS
