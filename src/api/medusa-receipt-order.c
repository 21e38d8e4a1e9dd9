/* medusa-receipt-order.c: the whole of one order, as a receipt needs it
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on Medusa 1.20.11: GET /store/orders/{id} sends neither
 * "gift_cards" nor "refunds" nor "billing_address", and refuses
 * expand=gift_cards or expand=refunds (400 "Requested fields [gift_cards] are
 * not valid"). The customer's order list sends gift cards and refunds by
 * default, and the billing address with expand=billing_address; an expand=
 * replaces the default relations, so every one is named.
 */
#define G_LOG_DOMAIN "medusa-receipt-order"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-receipt-order.h"
#include "medusa-orders-dialect-private.h"

#define RECEIPT_EXPAND \
  "items,items.variant,shipping_address,billing_address,shipping_methods,fulfillments," \
  "fulfillments.tracking_links,payments,discounts,gift_cards,refunds,region"

static void
on_list_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  GError *error = NULL;

  orders = g_task_propagate_pointer (G_TASK (result), &error);
  if (orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* the filter is exact: one order, or none */
  if (g_list_model_get_n_items (orders) > 0)
    order = g_list_model_get_item (orders, 0);
  if (order == NULL ||
      g_strcmp0 (medusa_order_get_id (order), g_task_get_task_data (task)) != 0)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                               "The store has no such order");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&order), g_object_unref);
}

void
medusa_client_retrieve_receipt_order_async (MedusaClient        *self,
                                            const char          *order_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) list_task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_retrieve_receipt_order_async);
  g_task_set_task_data (task, g_strdup (order_id), g_free);

  /* The dialect's order has every relation a receipt reads. */
  if (_medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_get_order_model (self, g_steal_pointer (&task), order_id,
                                       (MedusaJsonModelFunc) medusa_order_new_from_json);
      return;
    }

  escaped = g_uri_escape_string (order_id, NULL, TRUE);
  query = g_strconcat ("id=", escaped, "&limit=1&expand=" RECEIPT_EXPAND, NULL);

  list_task = g_task_new (self, cancellable, on_list_cb, g_steal_pointer (&task));
  _medusa_client_request_list (self, g_steal_pointer (&list_task), "GET",
                               "/store/customers/me/orders", query,
                               MEDUSA_REQUEST_DEFAULT, "orders", MEDUSA_TYPE_ORDER,
                               (MedusaJsonModelFunc) medusa_order_new_from_json);
}

MedusaOrder *
medusa_client_retrieve_receipt_order_finish (MedusaClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_retrieve_receipt_order_async,
                                           error);
}
