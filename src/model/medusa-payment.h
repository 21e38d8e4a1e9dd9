/* medusa-payment.h: a payment of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_PAYMENT (medusa_payment_get_type ())
G_DECLARE_FINAL_TYPE (MedusaPayment, medusa_payment, MEDUSA, PAYMENT, GObject)

/* Properties (read-only): "id", "provider-id", "amount", "amount-refunded"
 * (gint64), "currency-code", "captured-at", "canceled-at" (nullable). */
MedusaPayment *medusa_payment_new_from_json         (JsonObject     *object,
                                                     GError        **error);
const char    *medusa_payment_get_id                (MedusaPayment  *self);
const char    *medusa_payment_get_provider_id       (MedusaPayment  *self);
gint64         medusa_payment_get_amount            (MedusaPayment  *self);
gint64         medusa_payment_get_amount_refunded   (MedusaPayment  *self);
const char    *medusa_payment_get_currency_code     (MedusaPayment  *self);
GDateTime     *medusa_payment_get_captured_at       (MedusaPayment  *self);
GDateTime     *medusa_payment_get_canceled_at       (MedusaPayment  *self);

G_END_DECLS
