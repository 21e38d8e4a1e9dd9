/* medusa-order-v2.h: orders of a Medusa v2 store, read into the common models
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Medusa v2 (2.x) sends an order in another shape than v1 (see HACKING.md,
 * "Medusa v2 orders in the models"): amounts are JSON numbers in major units
 * (19.5 for 19.50 EUR), most with an exact decimal string beside them
 * (raw_unit_price: {"value": "19.5", "precision": 20}), payments come as
 * payment collections, tracking numbers as fulfillment labels. These
 * constructors read it into the same MedusaOrder, MedusaLineItem,
 * MedusaShippingMethod, MedusaPayment, MedusaFulfillment and
 * MedusaOrderPage the v1 parser fills, amounts in minor units.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "medusa-order-page.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* The digits after the decimal point of @currency_code (lower case, as the
 * order has it), e.g. from GET /store/currencies/{code} "decimal_digits";
 * -1 for "not known": then medusa_currency_get_exponent() decides. */
typedef int (*MedusaCurrencyDigitsFunc) (const char *currency_code,
                                         gpointer    user_data);

/* The amount @member of @object in minor units of a currency with @digits
 * (≤ 18) digits: from raw_<member>.value when there is one, else from the
 * number (see the .c file for when a number is exact). Missing or null
 * (both) → 0. MEDUSA_ERROR_PARSE for anything not exact or too large. */
gboolean         medusa_v2_read_amount                     (JsonObject                *object,
                                                            const char                *member,
                                                            guint                      digits,
                                                            gint64                    *out,
                                                            GError                   **error);

/* An order of GET /store/orders (a row) or GET /store/orders/{id}. The
 * currency's digits come from medusa_currency_get_exponent(). */
MedusaOrder     *medusa_order_new_from_v2_json             (JsonObject                *object,
                                                            GError                   **error);
/* As above with the currency's digits given (0 … 18; -1: from the table). */
MedusaOrder     *medusa_order_new_from_v2_json_with_digits (JsonObject                *object,
                                                            int                        digits,
                                                            GError                   **error);
/* As above, the digits asked of @digits_func (may be NULL) per order. */
MedusaOrder     *medusa_order_new_from_v2_json_full        (JsonObject                *object,
                                                            MedusaCurrencyDigitsFunc   digits_func,
                                                            gpointer                   user_data,
                                                            GError                   **error);

/* {"orders": [...], "count", "offset", "limit"} of GET /store/orders. */
MedusaOrderPage *medusa_order_page_new_from_v2_json        (JsonObject                *object,
                                                            GError                   **error);
MedusaOrderPage *medusa_order_page_new_from_v2_json_full   (JsonObject                *object,
                                                            MedusaCurrencyDigitsFunc   digits_func,
                                                            gpointer                   user_data,
                                                            GError                   **error);

/* The same orders in the v1 shape (amounts as integers in minor units, v1
 * member names; "updated_at" and line items' variant {title, sku, product}
 * kept for the local copy's columns and search index), for code that keeps
 * or reads v1 JSON (src/store): the constructors above are these followed
 * by medusa_order_new_from_json() / medusa_order_page_new_from_json(). The
 * result is not checked beyond the amounts: parse it with those before
 * trusting it. NULL with MEDUSA_ERROR_PARSE for an amount that is not exact
 * or too large. */
JsonObject      *medusa_order_v2_to_v1_json                (JsonObject                *object,
                                                            MedusaCurrencyDigitsFunc   digits_func,
                                                            gpointer                   user_data,
                                                            GError                   **error);
JsonObject      *medusa_order_page_v2_to_v1_json           (JsonObject                *object,
                                                            MedusaCurrencyDigitsFunc   digits_func,
                                                            gpointer                   user_data,
                                                            GError                   **error);

G_END_DECLS
