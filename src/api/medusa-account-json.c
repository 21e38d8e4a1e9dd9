/* medusa-account-json.c: the signed-in customer's resources as the store
 * sends them, for the local copy
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-account-json"

#include "config.h"

#include <string.h>

#include "medusa-account-json.h"
#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"

/* Replaces @root's "customer" by the dialect's normal form (if it has one). */
static gboolean
normalize_customer (MedusaClient  *client,
                    JsonNode      *root,
                    GError       **error)
{
  const MedusaDialect *dialect = _medusa_client_get_dialect (client);
  JsonObject *customer;
  JsonObject *normalized;

  if (dialect->normalize_customer_json == NULL)
    return TRUE;

  customer = medusa_json_get_object_member (root, "customer", error);
  if (customer == NULL)
    return FALSE;

  normalized = dialect->normalize_customer_json (customer, error);
  if (normalized == NULL)
    return FALSE;

  json_object_set_object_member (json_node_get_object (root), "customer", normalized);
  return TRUE;
}

static void
fetch_account_json_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  gsize length = 0;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }

  /* The customer in the shape the local copy reads, whatever the dialect. */
  if (GPOINTER_TO_INT (g_task_get_task_data (task)) == MEDUSA_ACCOUNT_JSON_CUSTOMER &&
      !normalize_customer (MEDUSA_CLIENT (source), root, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  text = json_to_string (root, FALSE);
  length = strlen (text);
  g_task_return_pointer (task, g_bytes_new_take (g_steal_pointer (&text), length),
                         (GDestroyNotify) g_bytes_unref);
}

/**
 * medusa_client_fetch_account_json_async:
 * @self: a #MedusaClient
 * @kind: what to fetch
 * @query: (nullable): the filters of the order list (for
 *   %MEDUSA_ACCOUNT_JSON_ORDERS only)
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Fetches one of the signed-in customer's resources and finishes with the
 * answer's JSON text, for the local copy of the account.
 */
void
medusa_client_fetch_account_json_async (MedusaClient           *self,
                                        MedusaAccountJsonKind   kind,
                                        const MedusaOrderQuery *query,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query_string = NULL;
  const char *path;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_fetch_account_json_async);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);

  switch (kind)
    {
    case MEDUSA_ACCOUNT_JSON_CUSTOMER:
      path = "/store/customers/me";
      break;
    case MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS:
      path = "/store/customers/me/payment-methods";
      break;
    case MEDUSA_ACCOUNT_JSON_ORDERS:
      path = "/store/customers/me/orders";
      if (query != NULL)
        query_string = medusa_order_query_to_string (query);
      break;
    default:
      g_return_if_reached ();
    }

  /* A page of whole orders can be large. */
  medusa_client_request_async (self, "GET", path,
                               query_string != NULL && *query_string != '\0' ? query_string : NULL,
                               NULL, MEDUSA_REQUEST_LARGE_ANSWER, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, fetch_account_json_cb, g_steal_pointer (&task));
}

/**
 * medusa_client_fetch_account_json_finish:
 *
 * Returns: (transfer full): the answer as JSON text, or %NULL with @error
 */
GBytes *
medusa_client_fetch_account_json_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_fetch_account_json_async, error);
}
