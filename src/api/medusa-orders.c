/* medusa-orders.c: one order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-orders"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-orders.h"
#include "medusa-orders-dialect-private.h"

/* Order */

/**
 * medusa_client_retrieve_order_async:
 * @self: a #MedusaClient
 * @order_id: the order's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Fetches one order. Medusa 1.20's default relations already include items,
 * fulfillments (with tracking links), shipping methods, payments, region,
 * addresses and the customer, so no `expand` is sent.
 */
void
medusa_client_retrieve_order_async (MedusaClient        *self,
                                    const char          *order_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_retrieve_order_async);

  if (_medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_get_order_model (self, g_steal_pointer (&task), order_id,
                                       (MedusaJsonModelFunc) medusa_order_new_from_json);
      return;
    }

  escaped = g_uri_escape_string (order_id, NULL, TRUE);
  path = g_strconcat ("/store/orders/", escaped, NULL);

  _medusa_client_request_model (self, g_steal_pointer (&task), "GET", path, NULL, NULL,
                                MEDUSA_REQUEST_CACHE, MEDUSA_ERROR_CONTEXT_DEFAULT,
                                "order", (MedusaJsonModelFunc) medusa_order_new_from_json);
}

MedusaOrder *
medusa_client_retrieve_order_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_retrieve_order_async, error);
}
