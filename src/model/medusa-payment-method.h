/* medusa-payment-method.h: a saved payment method of the customer
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_PAYMENT_METHOD (medusa_payment_method_get_type ())
G_DECLARE_FINAL_TYPE (MedusaPaymentMethod, medusa_payment_method, MEDUSA, PAYMENT_METHOD, GObject)

/* {"provider_id": "manual", "data": {...}}. A missing/empty provider_id is a
 * PARSE error (payment methods have no id). Properties (read-only):
 * "provider-id", "data" (boxed JsonObject, never NULL), "summary". */
MedusaPaymentMethod *medusa_payment_method_new_from_json     (JsonObject          *object,
                                                              GError             **error);
const char          *medusa_payment_method_get_provider_id   (MedusaPaymentMethod *self);
/* never NULL (an empty object when the server sent none) */
JsonObject          *medusa_payment_method_get_data          (MedusaPaymentMethod *self);
/* A line for people from common data keys (data or data.card: brand,
 * last4, exp_month, exp_year), e.g. "Visa •••• 4242 · 04/2030"; else the
 * provider's name (medusa_payment_provider_dup_name()). */
char                *medusa_payment_method_dup_summary       (MedusaPaymentMethod *self);

/* "manual" → "Manual payment" (translated), "stripe" → "Stripe", "paypal" →
 * "PayPal", others "stripe_ideal" → "Stripe ideal"; NULL for NULL or "". */
char                *medusa_payment_provider_dup_name        (const char          *provider_id);

G_END_DECLS
