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
#include "medusa-orders-dialect-private.h"

/* Replaces @root's "customer" by @dialect's normal form. */
static gboolean
normalize_customer (const MedusaDialect  *dialect,
                    JsonNode             *root,
                    GError              **error)
{
  JsonObject *customer;
  JsonObject *normalized;

  customer = medusa_json_get_object_member (root, "customer", error);
  if (customer == NULL)
    return FALSE;

  normalized = dialect->normalize_customer_json (customer, error);
  if (normalized == NULL)
    return FALSE;

  json_object_set_object_member (json_node_get_object (root), "customer", normalized);
  return TRUE;
}

/* What both fetches' tasks finish with: the JSON text, and for a
 * conditional fetch the answer's ETag */
typedef struct
{
  GBytes   *json;          /* (owned) (nullable): NULL when not modified */
  char     *etag;          /* (owned) (nullable) */
} AccountJson;

static void
account_json_free (AccountJson *data)
{
  g_clear_pointer (&data->json, g_bytes_unref);
  g_free (data->etag);
  g_free (data);
}

/* A customer to put in the dialect's normal form, in a thread: the text is
 * parsed (bounded: medusa_json_parse()), reshaped and written out again. */
typedef struct
{
  const MedusaDialect *dialect;
  AccountJson         *answer;       /* (owned) */
} CustomerJob;

static void
customer_job_free (CustomerJob *job)
{
  g_clear_pointer (&job->answer, account_json_free);
  g_free (job);
}

static void
normalize_customer_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CustomerJob *job = task_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gsize size = 0;
  const char *text = g_bytes_get_data (job->answer->json, &size);
  char *normalized;

  root = medusa_json_parse (text, size, &error);
  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    _medusa_client_set_parse_error (&error);
  if (error != NULL || !normalize_customer (job->dialect, root, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  normalized = json_to_string (root, FALSE);
  g_bytes_unref (job->answer->json);
  job->answer->json = g_bytes_new_take (normalized, strlen (normalized));
  g_task_return_pointer (task, g_steal_pointer (&job->answer), (GDestroyNotify) account_json_free);
}

/* Finishes @task with @json and @etag (both nullable), in the dialect's
 * normal form when it is a customer the dialect reshapes: that is done in
 * a thread (a store's answer may be large, up to MEDUSA_REQUEST_LARGE_ANSWER).
 * Takes @json and @etag. */
static void
return_account_json (GTask        *task,
                     MedusaClient *client,
                     GBytes       *json,
                     char         *etag)
{
  const MedusaDialect *dialect = _medusa_client_get_dialect (client);
  AccountJson *answer = g_new0 (AccountJson, 1);

  answer->json = json;
  answer->etag = etag;

  if (json != NULL &&
      GPOINTER_TO_INT (g_task_get_task_data (task)) == MEDUSA_ACCOUNT_JSON_CUSTOMER &&
      dialect->normalize_customer_json != NULL)
    {
      CustomerJob *job = g_new0 (CustomerJob, 1);

      job->dialect = dialect;
      job->answer = answer;
      g_task_set_task_data (task, job, (GDestroyNotify) customer_job_free);
      g_task_run_in_thread (task, normalize_customer_thread);
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify) account_json_free);
}

/* Every answer as the bytes came (MEDUSA_REQUEST_RAW_BODY), neither parsed
 * here nor written out again, but for a customer the dialect reshapes
 * (return_account_json()). The sync validates them once, in a thread
 * (medusa_json_parse(): size, depth, UTF-8), before anything reads them. */
#define ACCOUNT_JSON_FLAGS (MEDUSA_REQUEST_LARGE_ANSWER | MEDUSA_REQUEST_RAW_BODY)

static void
fetch_account_json_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GBytes *bytes;
  GError *error = NULL;

  bytes = _medusa_client_request_bytes_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (bytes == NULL && error == NULL)
    _medusa_client_set_parse_error (&error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  return_account_json (task, MEDUSA_CLIENT (source), bytes, NULL);
}

/* The orders through the dialect (medusa-orders-dialect-private.h): the
 * v1-shaped page, as the v1 route answers it. */
static void
dialect_orders_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaOrdersJson) answer = NULL;
  GError *error = NULL;

  answer = _medusa_dialect_list_orders_finish (MEDUSA_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (answer->json == NULL)
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }
  return_account_json (task, MEDUSA_CLIENT (source), g_steal_pointer (&answer->json), NULL);
}

/* The path of @kind, and the query string of @query for the orders. */
static const char *
account_json_path (MedusaAccountJsonKind   kind,
                   const MedusaOrderQuery *query,
                   char                  **query_string)
{
  *query_string = NULL;
  switch (kind)
    {
    case MEDUSA_ACCOUNT_JSON_CUSTOMER:
      return "/store/customers/me";
    case MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS:
      return "/store/customers/me/payment-methods";
    case MEDUSA_ACCOUNT_JSON_ORDERS:
      if (query != NULL)
        *query_string = medusa_order_query_to_string (query);
      if (*query_string != NULL && **query_string == '\0')
        g_clear_pointer (query_string, g_free);
      return "/store/customers/me/orders";
    default:
      return NULL;
    }
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
  const char *path = account_json_path (kind, query, &query_string);

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_fetch_account_json_async);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);

  if (kind == MEDUSA_ACCOUNT_JSON_ORDERS && _medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_list_orders_async (self, query, NULL, cancellable, dialect_orders_cb,
                                         g_steal_pointer (&task));
      return;
    }

  /* A page of whole orders can be large. */
  medusa_client_request_async (self, "GET", path, query_string,
                               NULL, ACCOUNT_JSON_FLAGS, MEDUSA_ERROR_CONTEXT_DEFAULT,
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
  AccountJson *data = _medusa_client_propagate_pointer (self, result, medusa_client_fetch_account_json_async,
                                                        error);
  GBytes *json;

  if (data == NULL)
    return NULL;
  json = g_steal_pointer (&data->json);
  account_json_free (data);
  return json;
}

/* The same for medusa_client_fetch_account_json_if_changed_async(). */
static void
dialect_orders_if_changed_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaOrdersJson) answer = NULL;
  GError *error = NULL;

  answer = _medusa_dialect_list_orders_finish (MEDUSA_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  return_account_json (task, MEDUSA_CLIENT (source), g_steal_pointer (&answer->json),
                       g_steal_pointer (&answer->etag));
}

static void
fetch_account_json_if_changed_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint status = 0;

  bytes = _medusa_client_request_bytes_finish (MEDUSA_CLIENT (source), result, &status, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (status != SOUP_STATUS_NOT_MODIFIED && bytes == NULL)
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }
  if (status == SOUP_STATUS_NOT_MODIFIED)
    g_clear_pointer (&bytes, g_bytes_unref);

  return_account_json (task, MEDUSA_CLIENT (source), g_steal_pointer (&bytes),
                       g_strdup (_medusa_client_request_get_etag (MEDUSA_CLIENT (source), result)));
}

/**
 * medusa_client_fetch_account_json_if_changed_async:
 * @self: a #MedusaClient
 * @kind: what to fetch
 * @query: (nullable): the filters of the order list (for
 *   %MEDUSA_ACCOUNT_JSON_ORDERS only)
 * @etag: (nullable): the ETag of the answer the caller holds
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * As medusa_client_fetch_account_json_async(), with "If-None-Match: @etag"
 * (when @etag is a valid ETag): the store may answer 304, "unchanged".
 */
void
medusa_client_fetch_account_json_if_changed_async (MedusaClient           *self,
                                                   MedusaAccountJsonKind   kind,
                                                   const MedusaOrderQuery *query,
                                                   const char             *etag,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query_string = NULL;
  const char *path = account_json_path (kind, query, &query_string);

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_fetch_account_json_if_changed_async);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  if (kind == MEDUSA_ACCOUNT_JSON_ORDERS && _medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_list_orders_async (self, query, etag, cancellable, dialect_orders_if_changed_cb,
                                         g_steal_pointer (&task));
      return;
    }
  _medusa_client_request_conditional_async (self, path, query_string, ACCOUNT_JSON_FLAGS,
                                            etag, cancellable, fetch_account_json_if_changed_cb,
                                            g_steal_pointer (&task));
}

/**
 * medusa_client_fetch_account_json_if_changed_finish:
 * @not_modified: (out): TRUE when the store answered 304 (then the result
 *   is %NULL without @error)
 * @etag: (out) (optional) (transfer full) (nullable): the answer's ETag,
 *   when it is a valid one
 *
 * Returns: (transfer full) (nullable): the answer as JSON text
 */
GBytes *
medusa_client_fetch_account_json_if_changed_finish (MedusaClient  *self,
                                                    GAsyncResult  *result,
                                                    gboolean      *not_modified,
                                                    char         **etag,
                                                    GError       **error)
{
  AccountJson *data;
  GBytes *json;

  g_return_val_if_fail (not_modified != NULL, NULL);

  *not_modified = FALSE;
  if (etag != NULL)
    *etag = NULL;
  data = _medusa_client_propagate_pointer (self, result,
                                           medusa_client_fetch_account_json_if_changed_async, error);
  if (data == NULL)
    return NULL;

  json = g_steal_pointer (&data->json);
  *not_modified = json == NULL;
  if (etag != NULL)
    *etag = g_steal_pointer (&data->etag);
  account_json_free (data);
  return json;
}

/* The order and its JSON text, from GET /store/orders/{id} */
typedef struct
{
  MedusaOrder *order;
  GBytes      *json;
} OrderJson;

static void
order_json_free (OrderJson *data)
{
  g_clear_object (&data->order);
  g_clear_pointer (&data->json, g_bytes_unref);
  g_free (data);
}

static void
fetch_order_json_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  OrderJson *data;
  JsonNode *member = NULL;
  char *text;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    member = json_object_get_member (json_node_get_object (root), "order");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }
  order = medusa_order_new_from_json (json_node_get_object (member), &error);
  if (order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  text = json_to_string (root, FALSE);
  data = g_new0 (OrderJson, 1);
  data->order = g_steal_pointer (&order);
  data->json = g_bytes_new_take (text, strlen (text));
  g_task_return_pointer (task, data, (GDestroyNotify) order_json_free);
}

/* The order's bytes through the dialect: the same as the v1 route's. */
static void
dialect_order_json_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  OrderJson *data;
  GError *error = NULL;

  bytes = _medusa_dialect_get_order_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  root = medusa_json_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL);
  order = _medusa_client_parse_model (root, "order", (MedusaJsonModelFunc) medusa_order_new_from_json,
                                      &error);
  if (order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (OrderJson, 1);
  data->order = g_steal_pointer (&order);
  data->json = g_steal_pointer (&bytes);
  g_task_return_pointer (task, data, (GDestroyNotify) order_json_free);
}

/**
 * medusa_client_fetch_order_json_async:
 * @self: a #MedusaClient
 * @order_id: the order's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Fetches one whole order (as medusa_client_retrieve_order_async() does)
 * and keeps the answer's JSON text for the local copy.
 */
void
medusa_client_fetch_order_json_async (MedusaClient        *self,
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
  g_task_set_source_tag (task, medusa_client_fetch_order_json_async);
  if (_medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_get_order_async (self, order_id, cancellable, dialect_order_json_cb,
                                       g_steal_pointer (&task));
      return;
    }

  escaped = g_uri_escape_string (order_id, NULL, TRUE);
  path = g_strconcat ("/store/orders/", escaped, NULL);
  medusa_client_request_async (self, "GET", path, NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, fetch_order_json_cb, g_steal_pointer (&task));
}

/**
 * medusa_client_fetch_order_json_finish:
 * @json: (out) (optional): the answer as JSON text
 *
 * Returns: (transfer full): the order, or %NULL with @error
 */
MedusaOrder *
medusa_client_fetch_order_json_finish (MedusaClient  *self,
                                       GAsyncResult  *result,
                                       GBytes       **json,
                                       GError       **error)
{
  OrderJson *data = _medusa_client_propagate_pointer (self, result, medusa_client_fetch_order_json_async, error);
  MedusaOrder *order;

  if (data == NULL)
    return NULL;
  order = g_steal_pointer (&data->order);
  if (json != NULL)
    *json = g_steal_pointer (&data->json);
  order_json_free (data);
  return order;
}
