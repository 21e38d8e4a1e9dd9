/* medusa-order.h: one order of the customer
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "medusa-address.h"
#include "medusa-enums.h"
#include "medusa-fulfillment.h"
#include "medusa-line-item.h"
#include "medusa-payment.h"
#include "medusa-refund.h"
#include "medusa-shipping-method.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER (medusa_order_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrder, medusa_order, MEDUSA, ORDER, GObject)

/* Properties (read-only): "id", "display-id", "status" (MEDUSA_TYPE_ORDER_STATUS),
 * "fulfillment-status" (MEDUSA_TYPE_FULFILLMENT_STATUS), "payment-status"
 * (MEDUSA_TYPE_PAYMENT_STATUS), "email", "currency-code", "region-id",
 * "region-name", "tax-rate", "created-at", "canceled-at", "items", "n-items",
 * "shipping-address", "billing-address", "shipping-methods", "fulfillments",
 * "payments", "metadata", and the totals "subtotal", "discount-total",
 * "shipping-total", "tax-total", "gift-card-total", "refunded-total",
 * "paid-total", "total".
 *
 * An order from a `fields=` list request has no relations: the lists are then
 * empty and the addresses NULL. Unknown status strings → *_UNKNOWN. */
MedusaOrder             *medusa_order_new_from_json            (JsonObject  *object,
                                                                GError     **error);

const char              *medusa_order_get_id                   (MedusaOrder *self);
gint64                   medusa_order_get_display_id           (MedusaOrder *self);
MedusaOrderStatus        medusa_order_get_status               (MedusaOrder *self);
MedusaFulfillmentStatus  medusa_order_get_fulfillment_status   (MedusaOrder *self);
MedusaPaymentStatus      medusa_order_get_payment_status       (MedusaOrder *self);
const char              *medusa_order_get_email                (MedusaOrder *self);
const char              *medusa_order_get_currency_code        (MedusaOrder *self);
const char              *medusa_order_get_region_id            (MedusaOrder *self);
/* region.name when the region is included, else NULL */
const char              *medusa_order_get_region_name          (MedusaOrder *self);
/* null on the server → 0 */
double                   medusa_order_get_tax_rate             (MedusaOrder *self);
GDateTime               *medusa_order_get_created_at           (MedusaOrder *self);
GDateTime               *medusa_order_get_canceled_at          (MedusaOrder *self);
JsonObject              *medusa_order_get_metadata             (MedusaOrder *self);

/* GListModel of MedusaLineItem (never NULL) */
GListModel              *medusa_order_get_items                (MedusaOrder *self);
/* sum of the items' quantities */
gint64                   medusa_order_get_n_items              (MedusaOrder *self);
/* (nullable) */
MedusaAddress           *medusa_order_get_shipping_address     (MedusaOrder *self);
MedusaAddress           *medusa_order_get_billing_address      (MedusaOrder *self);
/* GListModels of MedusaShippingMethod, MedusaFulfillment, MedusaPayment (never NULL) */
GListModel              *medusa_order_get_shipping_methods     (MedusaOrder *self);
GListModel              *medusa_order_get_fulfillments         (MedusaOrder *self);
GListModel              *medusa_order_get_payments             (MedusaOrder *self);

/* Totals in minor units of the order's currency */
gint64                   medusa_order_get_subtotal             (MedusaOrder *self);
gint64                   medusa_order_get_discount_total       (MedusaOrder *self);
gint64                   medusa_order_get_shipping_total       (MedusaOrder *self);
gint64                   medusa_order_get_tax_total            (MedusaOrder *self);
gint64                   medusa_order_get_gift_card_total      (MedusaOrder *self);
gint64                   medusa_order_get_refunded_total       (MedusaOrder *self);
gint64                   medusa_order_get_paid_total           (MedusaOrder *self);
gint64                   medusa_order_get_total                (MedusaOrder *self);

MedusaOrder             *medusa_order_copy_summary             (MedusaOrder *self);

/* For receipts: the codes of order.discounts and order.gift_cards (never
 * NULL, empty without), and order.refunds as a GListModel of MedusaRefund
 * (never NULL). Not kept by medusa_order_copy_summary(). */
const char * const      *medusa_order_get_discount_codes       (MedusaOrder *self);
const char * const      *medusa_order_get_gift_card_codes      (MedusaOrder *self);
GListModel              *medusa_order_get_refunds              (MedusaOrder *self);

G_END_DECLS
