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

G_BEGIN_DECLS

/* What the local copy fetches, each answered as the JSON text of the whole
 * answer (GBytes, to hand to MedusaAccountStore's put calls), with the same
 * retries, deadline, size cap and error mapping as every other call:
 *   MEDUSA_ACCOUNT_JSON_CUSTOMER:        GET /store/customers/me
 *   MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS: GET /store/customers/me/payment-methods
 *   MEDUSA_ACCOUNT_JSON_ORDERS:          GET /store/customers/me/orders?<query>
 * (@query is only used for the orders and may be NULL). The answer must be a
 * JSON object, else MEDUSA_ERROR_PARSE. */
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

G_END_DECLS
