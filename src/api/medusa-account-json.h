/* medusa-account-json.h: the signed-in customer's resources as the store
 * sends them, for the local copy
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order-query.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* What the local copy fetches, each answered as the JSON text of the whole
 * answer (GBytes, to hand to MedusaAccountStore's put calls), with the same
 * retries, deadline, size cap and error mapping as every other call:
 *   MEDUSA_ACCOUNT_JSON_CUSTOMER:        GET /store/customers/me
 *   MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS: GET /store/customers/me/payment-methods
 *   MEDUSA_ACCOUNT_JSON_ORDERS:          GET /store/customers/me/orders?<query>
 * (@query is only used for the orders and may be NULL). A customer the
 * store's dialect reshapes (v2) is parsed and put in v1's shape in a thread
 * and must be a JSON object, else MEDUSA_ERROR_PARSE; every other answer is
 * the body's bytes as they came (JSON Content-Type, not empty, within the
 * size cap), not parsed yet: whoever reads them parses them with
 * medusa_json_parse() first, in a thread (the sync's checks, the local
 * copy's worker), which is where they are validated. */
typedef enum
{
  MEDUSA_ACCOUNT_JSON_CUSTOMER,
  MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS,
  MEDUSA_ACCOUNT_JSON_ORDERS,
} MedusaAccountJsonKind;

void    medusa_client_fetch_account_json_async  (MedusaClient           *self,
                                                 MedusaAccountJsonKind   kind,
                                                 const MedusaOrderQuery *query,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GBytes *medusa_client_fetch_account_json_finish (MedusaClient           *self,
                                                 GAsyncResult           *result,
                                                 GError                **error);

/* The same with "If-None-Match: @etag" (nullable; sent only when it is at
 * most 256 visible ASCII characters): on a 304 the finish returns NULL
 * without error and sets *@not_modified. @etag (out) is the answer's ETag
 * (200 or 304) when it is valid, else NULL. The caller keeps ETags per
 * customer: they are never shared between accounts. */
void    medusa_client_fetch_account_json_if_changed_async  (MedusaClient           *self,
                                                            MedusaAccountJsonKind   kind,
                                                            const MedusaOrderQuery *query,
                                                            const char             *etag,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
GBytes *medusa_client_fetch_account_json_if_changed_finish (MedusaClient           *self,
                                                            GAsyncResult           *result,
                                                            gboolean               *not_modified,
                                                            char                  **etag,
                                                            GError                **error);

/* GET /store/orders/{id}: the whole order, for the order's page and the
 * local copy. Finishes with the order (transfer full) and, in @json, the
 * answer's JSON text for medusa_account_store_put_order_details_async(). */
void         medusa_client_fetch_order_json_async  (MedusaClient         *self,
                                                    const char           *order_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
MedusaOrder *medusa_client_fetch_order_json_finish (MedusaClient         *self,
                                                    GAsyncResult         *result,
                                                    GBytes              **json,
                                                    GError              **error);

G_END_DECLS
