/* medusa-account-store.c: the local copy of one customer's account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-store"

#include "config.h"

#include "medusa-account-store.h"
#include "medusa-address.h"
#include "medusa-payment-method.h"
#include "medusa-store-db-private.h"
#include "medusa-store-order-filter-private.h"

G_DEFINE_QUARK (medusa-account-store-error-quark, medusa_account_store_error)

struct _MedusaAccountStore
{
  GObject      parent_instance;

  char        *store_url;
  char        *customer_id;
  char        *path;
  GThreadPool *pool;        /* one exclusive thread */

  /* Touched on the worker thread only */
  sqlite3     *db;          /* (nullable) NULL once closed */
};

G_DEFINE_FINAL_TYPE (MedusaAccountStore, medusa_account_store, G_TYPE_OBJECT)

/* -------------------------------------------------------------------------- */
/* Sync state                                                                 */

G_DEFINE_BOXED_TYPE (MedusaStoreSyncState, medusa_store_sync_state,
                     medusa_store_sync_state_copy, medusa_store_sync_state_free)

MedusaStoreSyncState *
medusa_store_sync_state_new (void)
{
  MedusaStoreSyncState *self = g_new0 (MedusaStoreSyncState, 1);

  self->server_count = -1;
  return self;
}

MedusaStoreSyncState *
medusa_store_sync_state_copy (const MedusaStoreSyncState *self)
{
  MedusaStoreSyncState *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MedusaStoreSyncState, 1);
  *copy = *self;
  copy->newest_updated_at = self->newest_updated_at ? g_date_time_ref (self->newest_updated_at) : NULL;
  copy->last_synced = self->last_synced ? g_date_time_ref (self->last_synced) : NULL;
  return copy;
}

void
medusa_store_sync_state_free (MedusaStoreSyncState *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->newest_updated_at, g_date_time_unref);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_free (self);
}

/* -------------------------------------------------------------------------- */
/* The worker                                                                 */

typedef void (*JobFunc) (MedusaAccountStore *self,
                         GTask              *task,
                         gpointer            data);

typedef struct
{
  JobFunc   func;
  GTask    *task;          /* (owned) NULL: only close @close_db */
  sqlite3  *close_db;
  gboolean  cancellable;   /* FALSE: runs even when cancelled (delete) */
  gboolean  needs_db;
} Job;

/* The store whose worker this thread is, so that a finalize that happens
 * on the worker (it dropped the last reference) does not wait for itself. */
static GPrivate worker_of = G_PRIVATE_INIT (NULL);

/* After a damaged page was found during a call: start over with an empty copy. */
static void
rebuild (MedusaAccountStore *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->db, sqlite3_close);
  medusa_store_move_aside (self->path);
  self->db = medusa_store_open_database (self->path, &error);
  if (self->db == NULL)
    g_message ("The saved copy could not be rebuilt: %s", error->message);
}

static void
return_error (MedusaAccountStore *self,
              GTask              *task,
              GError             *error)
{
  if (g_error_matches (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT))
    rebuild (self);
  g_task_return_error (task, error);
}

static void
worker_run (gpointer item,
            gpointer pool_data)
{
  Job *job = item;
  MedusaAccountStore *self;

  if (job->task == NULL)
    {
      sqlite3_close (job->close_db);
      g_free (job);
      return;
    }

  self = g_task_get_source_object (job->task);
  g_private_set (&worker_of, self);

  if (job->cancellable && g_task_return_error_if_cancelled (job->task))
    ;
  else if (job->needs_db && self->db == NULL)
    g_task_return_new_error (job->task, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CLOSED,
                             "The saved copy of the account is closed");
  else
    job->func (self, job->task, g_task_get_task_data (job->task));

  /* May be the last reference to the store (see finalize) */
  g_clear_object (&job->task);
  g_private_set (&worker_of, NULL);
  g_free (job);
}

static void
push_job (MedusaAccountStore *self,
          GTask              *task,
          JobFunc             func,
          gboolean            cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->task = task;   /* steals */
  job->cancellable = cancellable;
  job->needs_db = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

static GTask *
new_task (MedusaAccountStore  *self,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* -------------------------------------------------------------------------- */
/* GObject                                                                    */

static void
medusa_account_store_finalize (GObject *object)
{
  MedusaAccountStore *self = MEDUSA_ACCOUNT_STORE (object);

  /* No call is queued (each holds a reference): close on the worker */
  if (self->pool != NULL)
    {
      gboolean on_worker = g_private_get (&worker_of) == self;

      if (self->db != NULL)
        {
          Job *job = g_new0 (Job, 1);

          job->close_db = g_steal_pointer (&self->db);
          g_thread_pool_push (self->pool, job, NULL);
        }
      if (on_worker)
        g_private_set (&worker_of, NULL);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, !on_worker);
    }

  g_free (self->store_url);
  g_free (self->customer_id);
  g_free (self->path);

  G_OBJECT_CLASS (medusa_account_store_parent_class)->finalize (object);
}

static void
medusa_account_store_class_init (MedusaAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_account_store_finalize;
}

static void
medusa_account_store_init (MedusaAccountStore *self)
{
}

const char *
medusa_account_store_get_path (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->path;
}

const char *
medusa_account_store_get_store_url (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->store_url;
}

const char *
medusa_account_store_get_customer_id (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->customer_id;
}

/* -------------------------------------------------------------------------- */
/* Open, close, delete                                                        */

static void
open_job (MedusaAccountStore *self,
          GTask              *task,
          gpointer            data)
{
  GError *error = NULL;

  self->db = medusa_store_open_or_rebuild (self->path, &error);
  if (self->db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_open_async (const char          *store_url,
                                 const char          *customer_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MedusaAccountStore) self = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Job *job;

  g_return_if_fail (store_url != NULL && *store_url != '\0');
  g_return_if_fail (customer_id != NULL && *customer_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (MEDUSA_TYPE_ACCOUNT_STORE, NULL);
  self->store_url = g_strdup (store_url);
  self->customer_id = g_strdup (customer_id);
  self->path = medusa_account_store_dup_path (store_url, customer_id);
  task = new_task (self, cancellable, callback, user_data, medusa_account_store_open_async);

  self->pool = g_thread_pool_new (worker_run, NULL, 1, TRUE, &error);
  if (self->pool == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  job = g_new0 (Job, 1);
  job->func = open_job;
  job->task = task;
  job->cancellable = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

MedusaAccountStore *
medusa_account_store_open_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_account_store_open_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_object_ref (g_task_get_source_object (G_TASK (result)));
}

static void
close_job (MedusaAccountStore *self,
           GTask              *task,
           gpointer            data)
{
  g_clear_pointer (&self->db, sqlite3_close);
  g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_close_async (MedusaAccountStore  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_close_async);
  job = g_new0 (Job, 1);
  job->func = close_job;
  job->task = task;
  job->cancellable = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

gboolean
medusa_account_store_close_finish (MedusaAccountStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_job (MedusaAccountStore *self,
            GTask              *task,
            gpointer            data)
{
  GError *error = NULL;

  g_clear_pointer (&self->db, sqlite3_close);
  if (!medusa_store_unlink_database (self->path, TRUE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_delete_async (MedusaAccountStore  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_delete_async);
  job = g_new0 (Job, 1);
  job->func = delete_job;
  job->task = task;
  job->cancellable = FALSE;
  g_thread_pool_push (self->pool, job, NULL);
}

gboolean
medusa_account_store_delete_finish (MedusaAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -------------------------------------------------------------------------- */
/* Put                                                                        */

static gboolean
replace_rows (sqlite3     *db,
              const char  *table,
              JsonArray   *array,
              GError     **error)
{
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (position, json) VALUES (?1, ?2)", table);
  g_autoptr(MedusaStoreStmt) insert = NULL;

  if (!medusa_store_exec (db, delete_sql, error))
    return FALSE;
  insert = medusa_store_prepare (db, insert_sql, error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *json = medusa_store_object_to_string (medusa_store_array_object (array, i));

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, i);
      medusa_store_bind_text (insert, 2, json);
      if (!medusa_store_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_load (JsonArray    *array,
          MedusaStoreNewFromJson   new_from_json,
          const char   *what,
          GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!medusa_store_check_loads (medusa_store_array_object (array, i), new_from_json, what, error))
      return FALSE;
  return TRUE;
}

static gboolean
in_transaction (MedusaAccountStore  *self,
                gboolean           (*func) (MedusaAccountStore *self, JsonNode *root, GError **error),
                JsonNode            *root,
                GError             **error)
{
  if (!medusa_store_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, root, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return medusa_store_exec (self->db, "COMMIT", error);
}

static gboolean
put_customer (MedusaAccountStore  *self,
              JsonNode            *root,
              GError             **error)
{
  JsonObject *customer = medusa_store_unwrap_object (root, "customer");
  g_autofree char *json = NULL;
  g_autoptr(MedusaStoreStmt) stmt = NULL;

  if (!medusa_store_check_loads (customer, (MedusaStoreNewFromJson) medusa_customer_new_from_json, "a customer", error))
    return FALSE;
  json = medusa_store_object_to_string (customer);
  stmt = medusa_store_prepare (self->db, "INSERT OR REPLACE INTO customer (id, json) VALUES (1, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  medusa_store_bind_text (stmt, 1, json);
  return medusa_store_step_done (self->db, stmt, error);
}

static gboolean
put_addresses (MedusaAccountStore  *self,
               JsonNode            *root,
               GError             **error)
{
  JsonArray *array = medusa_store_unwrap_array (root, "shipping_addresses", "addresses");

  if (array == NULL)
    return medusa_store_set_invalid (error, "a list of addresses");
  if (!all_load (array, (MedusaStoreNewFromJson) medusa_address_new_from_json, "an address", error))
    return FALSE;
  return replace_rows (self->db, "addresses", array, error);
}

static gboolean
put_payment_methods (MedusaAccountStore  *self,
                     JsonNode            *root,
                     GError             **error)
{
  JsonArray *array = medusa_store_unwrap_array (root, "payment_methods", NULL);

  if (array == NULL)
    return medusa_store_set_invalid (error, "a list of payment methods");
  if (!all_load (array, (MedusaStoreNewFromJson) medusa_payment_method_new_from_json, "a payment method", error))
    return FALSE;
  return replace_rows (self->db, "payment_methods", array, error);
}

/* Inserts or updates the row of @order; as summary, or as details (then the
 * summary JSON of an order already held stays). */
static gboolean
upsert_order (sqlite3     *db,
              JsonObject  *order,
              gboolean     details,
              GError     **error)
{
  static const char orders_sql[] =
    "INSERT INTO orders (id, display_id, created_at, updated_at, status, fulfillment_status,"
    "  payment_status, currency_code, total, region_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (id) DO UPDATE SET display_id = excluded.display_id,"
    "  created_at = excluded.created_at, updated_at = coalesce (excluded.updated_at, updated_at),"
    "  status = excluded.status, fulfillment_status = excluded.fulfillment_status,"
    "  payment_status = excluded.payment_status, currency_code = excluded.currency_code,"
    "  total = excluded.total, region_id = excluded.region_id"
    " RETURNING rowid";
  static const char summary_sql[] =
    "INSERT INTO order_json (rowid, summary, row) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (rowid) DO UPDATE SET summary = excluded.summary, row = excluded.row"
    " RETURNING details";
  static const char details_sql[] =
    "INSERT INTO order_json (rowid, summary, details, row) VALUES (?1, ?2, ?2, ?3)"
    " ON CONFLICT (rowid) DO UPDATE SET details = excluded.details"
    " RETURNING summary";
  g_autoptr(MedusaStoreStmt) stmt = NULL;
  g_autoptr(MedusaStoreStmt) json_stmt = NULL;
  g_autoptr(GDateTime) created_at = medusa_store_date_member (order, "created_at");
  g_autoptr(GDateTime) updated_at = medusa_store_date_member (order, "updated_at");
  g_autofree char *json = medusa_store_object_to_string (order);
  g_autofree char *row = medusa_store_order_row (order);
  g_autoptr(JsonNode) other = NULL;
  JsonObject *other_object;
  gint64 value;
  gint64 rowid;
  int rc;

  stmt = medusa_store_prepare (db, orders_sql, error);
  if (stmt == NULL)
    return FALSE;
  medusa_store_bind_text (stmt, 1, medusa_store_string_member (order, "id"));
  if (medusa_store_int_member (order, "display_id", &value))
    sqlite3_bind_int64 (stmt, 2, value);
  medusa_store_bind_date (stmt, 3, created_at);
  medusa_store_bind_date (stmt, 4, updated_at);
  medusa_store_bind_text (stmt, 5, medusa_store_string_member (order, "status"));
  medusa_store_bind_text (stmt, 6, medusa_store_string_member (order, "fulfillment_status"));
  medusa_store_bind_text (stmt, 7, medusa_store_string_member (order, "payment_status"));
  medusa_store_bind_text (stmt, 8, medusa_store_string_member (order, "currency_code"));
  if (medusa_store_int_member (order, "total", &value))
    sqlite3_bind_int64 (stmt, 9, value);
  medusa_store_bind_text (stmt, 10, medusa_store_string_member (order, "region_id"));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return medusa_store_set_sqlite_error (db, rc, error);
  rowid = sqlite3_column_int64 (stmt, 0);
  if (!medusa_store_step_done (db, stmt, error))
    return FALSE;

  json_stmt = medusa_store_prepare (db, details ? details_sql : summary_sql, error);
  if (json_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (json_stmt, 1, rowid);
  medusa_store_bind_text (json_stmt, 2, json);
  medusa_store_bind_text (json_stmt, 3, row);
  rc = sqlite3_step (json_stmt);
  if (rc != SQLITE_ROW)
    return medusa_store_set_sqlite_error (db, rc, error);
  /* The one just put is at hand; the other one is parsed only when held */
  other = medusa_store_parse_stored ((const char *) sqlite3_column_text (json_stmt, 0));
  if (!medusa_store_step_done (db, json_stmt, error))
    return FALSE;

  other_object = other && JSON_NODE_HOLDS_OBJECT (other) ? json_node_get_object (other) : NULL;
  if (details)
    return medusa_store_index_order (db, rowid, other_object, order, error);
  return medusa_store_index_order (db, rowid, order, other_object, error);
}

static gboolean
put_orders (MedusaAccountStore  *self,
            JsonNode            *root,
            GError             **error)
{
  JsonArray *array = medusa_store_unwrap_array (root, "orders", NULL);

  if (array == NULL)
    return medusa_store_set_invalid (error, "a list of orders");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = medusa_store_array_object (array, i);

      if (!medusa_store_check_loads (order, (MedusaStoreNewFromJson) medusa_order_new_from_json, "an order", error))
        return FALSE;
      if (!upsert_order (self->db, order, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_order_details (MedusaAccountStore  *self,
                   JsonNode            *root,
                   GError             **error)
{
  JsonObject *order = medusa_store_unwrap_object (root, "order");

  if (!medusa_store_check_loads (order, (MedusaStoreNewFromJson) medusa_order_new_from_json, "an order", error))
    return FALSE;
  return upsert_order (self->db, order, TRUE, error);
}

typedef struct
{
  GBytes     *json;   /* (owned) (nullable) */
  JsonNode   *root;   /* (owned) (nullable): parsed by the caller, the worker's */
  gboolean  (*func) (MedusaAccountStore *self, JsonNode *root, GError **error);
} PutData;

static void
put_data_free (PutData *data)
{
  g_clear_pointer (&data->json, g_bytes_unref);
  g_clear_pointer (&data->root, json_node_unref);
  g_free (data);
}

static void
put_job (MedusaAccountStore *self,
         GTask              *task,
         gpointer            task_data)
{
  PutData *data = task_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  /* A tree handed over is freed here, in the worker, as a parsed one is. */
  if (data->root != NULL)
    root = g_steal_pointer (&data->root);
  else
    root = medusa_store_parse_bytes (data->json, &error);
  if (root == NULL || !in_transaction (self, data->func, root, &error))
    return_error (self, task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Puts @json, or @root (taken) when @json is NULL, with @func in a job. */
static void
put_async (MedusaAccountStore  *self,
           GBytes              *json,
           JsonNode            *root,
           gboolean           (*func) (MedusaAccountStore *self, JsonNode *root, GError **error),
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = new_task (self, cancellable, callback, user_data, medusa_account_store_put_finish);
  PutData *data = g_new0 (PutData, 1);

  data->json = json != NULL ? g_bytes_ref (json) : NULL;
  data->root = root;
  data->func = func;
  g_task_set_task_data (task, data, (GDestroyNotify) put_data_free);
  push_job (self, task, put_job, TRUE);
}

void
medusa_account_store_put_customer_async (MedusaAccountStore  *self,
                                         GBytes              *json,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, NULL, put_customer, cancellable, callback, user_data);
}

void
medusa_account_store_put_addresses_async (MedusaAccountStore  *self,
                                          GBytes              *json,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, NULL, put_addresses, cancellable, callback, user_data);
}

void
medusa_account_store_put_payment_methods_async (MedusaAccountStore  *self,
                                                GBytes              *json,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, NULL, put_payment_methods, cancellable, callback, user_data);
}

void
medusa_account_store_put_orders_async (MedusaAccountStore  *self,
                                       GBytes              *json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, NULL, put_orders, cancellable, callback, user_data);
}

void
medusa_account_store_take_orders_async (MedusaAccountStore  *self,
                                        JsonNode            *root,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (root != NULL);
  put_async (self, NULL, root, put_orders, cancellable, callback, user_data);
}

void
medusa_account_store_put_order_details_async (MedusaAccountStore  *self,
                                              GBytes              *json,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, NULL, put_order_details, cancellable, callback, user_data);
}

gboolean
medusa_account_store_put_finish (MedusaAccountStore  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_account_store_put_finish, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -------------------------------------------------------------------------- */
/* Get                                                                        */

/* Builds a model from each row's column 0; rows that do not parse are left out. */
static GListStore *
models_from_rows (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  GType          type,
                  MedusaStoreNewFromJson    new_from_json,
                  GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = medusa_store_parse_stored ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(GObject) model = NULL;
      g_autoptr(GError) local_error = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      model = new_from_json (json_node_get_object (node), &local_error);
      if (model == NULL)
        g_debug ("A stored %s does not load: %s", g_type_name (type), local_error->message);
      else
        g_list_store_append (store, model);
    }
  if (rc != SQLITE_DONE)
    {
      medusa_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

typedef struct
{
  const char  *sql;
  GType        type;
  MedusaStoreNewFromJson  new_from_json;
  gboolean     single;      /* return the first model or NULL, not a list */
  char        *arg;         /* (nullable) bound to ?1 */
} GetData;

static void
get_data_free (GetData *data)
{
  g_free (data->arg);
  g_free (data);
}

static void
get_job (MedusaAccountStore *self,
         GTask              *task,
         gpointer            task_data)
{
  GetData *data = task_data;
  g_autoptr(MedusaStoreStmt) stmt = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *error = NULL;

  stmt = medusa_store_prepare (self->db, data->sql, &error);
  if (stmt != NULL && data->arg != NULL)
    medusa_store_bind_text (stmt, 1, data->arg);
  if (stmt != NULL)
    store = models_from_rows (self->db, stmt, data->type, data->new_from_json, &error);
  if (store == NULL)
    return_error (self, task, error);
  else if (data->single)
    g_task_return_pointer (task, g_list_model_get_item (G_LIST_MODEL (store), 0), g_object_unref);
  else
    g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
get_async (MedusaAccountStore  *self,
           GetData             *data,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  GTask *task = new_task (self, cancellable, callback, user_data, source_tag);

  g_task_set_task_data (task, data, (GDestroyNotify) get_data_free);
  push_job (self, task, get_job, TRUE);
}

static GetData *
get_data_new (const char  *sql,
              GType        type,
              MedusaStoreNewFromJson  new_from_json,
              gboolean     single)
{
  GetData *data = g_new0 (GetData, 1);

  data->sql = sql;
  data->type = type;
  data->new_from_json = new_from_json;
  data->single = single;
  return data;
}

static gpointer
get_finish (MedusaAccountStore  *self,
            GAsyncResult        *result,
            gpointer             source_tag,
            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medusa_account_store_get_customer_async (MedusaAccountStore  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM customer", MEDUSA_TYPE_CUSTOMER,
                                 (MedusaStoreNewFromJson) medusa_customer_new_from_json, TRUE),
             cancellable, callback, user_data, medusa_account_store_get_customer_async);
}

MedusaCustomer *
medusa_account_store_get_customer_finish (MedusaAccountStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_customer_async, error);
}

void
medusa_account_store_get_addresses_async (MedusaAccountStore  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM addresses ORDER BY position", MEDUSA_TYPE_ADDRESS,
                                 (MedusaStoreNewFromJson) medusa_address_new_from_json, FALSE),
             cancellable, callback, user_data, medusa_account_store_get_addresses_async);
}

GListModel *
medusa_account_store_get_addresses_finish (MedusaAccountStore  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_addresses_async, error);
}

void
medusa_account_store_get_payment_methods_async (MedusaAccountStore  *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM payment_methods ORDER BY position",
                                 MEDUSA_TYPE_PAYMENT_METHOD,
                                 (MedusaStoreNewFromJson) medusa_payment_method_new_from_json, FALSE),
             cancellable, callback, user_data, medusa_account_store_get_payment_methods_async);
}

GListModel *
medusa_account_store_get_payment_methods_finish (MedusaAccountStore  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_payment_methods_async, error);
}

void
medusa_account_store_get_order_details_async (MedusaAccountStore  *self,
                                              const char          *order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GetData *data;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (order_id != NULL);

  data = get_data_new ("SELECT j.details FROM orders o JOIN order_json j ON j.rowid = o.rowid"
                       " WHERE o.id = ?1 AND j.details IS NOT NULL",
                       MEDUSA_TYPE_ORDER, (MedusaStoreNewFromJson) medusa_order_new_from_json, TRUE);
  data->arg = g_strdup (order_id);
  get_async (self, data, cancellable, callback, user_data, medusa_account_store_get_order_details_async);
}

MedusaOrder *
medusa_account_store_get_order_details_finish (MedusaAccountStore  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_order_details_async, error);
}

/* -------------------------------------------------------------------------- */
/* Orders                                                                     */

typedef struct
{
  GListStore *orders;
  gint64      n_total;
} OrdersResult;

static void
orders_result_free (OrdersResult *result)
{
  g_clear_object (&result->orders);
  g_free (result);
}

typedef struct
{
  const char *text;     /* (nullable) else an integer */
  gint64      value;
} Param;

static void
add_text_param (GArray     *params,
                const char *text)
{
  Param param = { text, 0 };

  g_array_append_val (params, param);
}

static void
add_status_clause (GString    *where,
                   GArray     *params,
                   const char *column,
                   guint32     mask,
                   const char *(*to_string) (int value))
{
  gboolean first = TRUE;

  if (mask == 0)
    return;
  g_string_append_printf (where, " AND %s IN (", column);
  for (int v = 0; v < 32; v++)
    {
      const char *name;

      if ((mask & (1u << v)) == 0 || (name = to_string (v)) == NULL)
        continue;
      g_string_append (where, first ? "?" : ", ?");
      add_text_param (params, name);
      first = FALSE;
    }
  if (first)
    g_string_append (where, "NULL");
  g_string_append_c (where, ')');
}

static void
bind_params (sqlite3_stmt *stmt,
             GArray       *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      Param *param = &g_array_index (params, Param, i);

      if (param->text != NULL)
        sqlite3_bind_text (stmt, i + 1, param->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, i + 1, param->value);
    }
}

static gint64
to_usec (GDateTime *when)
{
  return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
}

/* A search matching more orders than this walks the orders newest first */
#define MANY_MATCHES 500

static OrdersResult *
query_orders (sqlite3                      *db,
              const MedusaStoreOrderFilter *filter,
              GError                      **error)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autofree char *match = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  g_autoptr(MedusaStoreStmt) count = NULL;
  g_autoptr(MedusaStoreStmt) list = NULL;
  OrdersResult *result;
  int rc;

  match = medusa_store_fts_query_from_text (filter->text);
  if (match != NULL)
    {
      g_string_append (where, " AND rowid IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)");
      add_text_param (params, match);
    }
  add_status_clause (where, params, "status", filter->statuses,
                     (const char *(*) (int)) medusa_order_status_to_string);
  add_status_clause (where, params, "fulfillment_status", filter->fulfillment_statuses,
                     (const char *(*) (int)) medusa_fulfillment_status_to_string);
  add_status_clause (where, params, "payment_status", filter->payment_statuses,
                     (const char *(*) (int)) medusa_payment_status_to_string);
  if (filter->display_id != NULL)
    {
      g_string_append (where, " AND display_id = ?");
      add_text_param (params, filter->display_id);
    }
  if (filter->currency_code != NULL)
    {
      g_string_append (where, " AND lower (currency_code) = lower (?)");
      add_text_param (params, filter->currency_code);
    }
  if (filter->region_id != NULL)
    {
      g_string_append (where, " AND region_id = ?");
      add_text_param (params, filter->region_id);
    }
  if (filter->created_from != NULL)
    {
      Param param = { NULL, to_usec (filter->created_from) };

      g_string_append (where, " AND created_at >= ?");
      g_array_append_val (params, param);
    }
  if (filter->created_until != NULL)
    {
      Param param = { NULL, to_usec (filter->created_until) };

      g_string_append (where, " AND created_at < ?");
      g_array_append_val (params, param);
    }

  count_sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE %s", where->str);
  count = medusa_store_prepare (db, count_sql, error);
  if (count == NULL)
    return NULL;
  bind_params (count, params);

  result = g_new0 (OrdersResult, 1);
  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    {
      orders_result_free (result);
      medusa_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  result->n_total = sqlite3_column_int64 (count, 0);

  /* The page is chosen on the small rows; only its lean row JSON is read
   * (the summary of an order put before version 3 had none). When many
   * orders match a search, walking the orders newest first and stopping at
   * the page's end beats sorting every match (10,000 orders, a word in
   * 8,333 of them: 5.2 → 1.6 ms of CPU); for few matches, sorting them is
   * cheaper than walking. */
  list_sql = g_strdup_printf ("SELECT coalesce (j.row, j.summary) FROM"
                              " (SELECT rowid, created_at, display_id, id FROM orders%s WHERE %s"
                              "  ORDER BY created_at DESC, display_id DESC, id DESC"
                              "  LIMIT %d OFFSET %u) AS page"
                              " JOIN order_json j ON j.rowid = page.rowid"
                              " ORDER BY page.created_at DESC, page.display_id DESC, page.id DESC",
                              match != NULL && result->n_total > MANY_MATCHES ? " INDEXED BY orders_by_created" : "",
                              where->str, filter->limit, filter->offset);
  list = medusa_store_prepare (db, list_sql, error);
  if (list == NULL)
    {
      orders_result_free (result);
      return NULL;
    }
  bind_params (list, params);
  result->orders = models_from_rows (db, list, MEDUSA_TYPE_ORDER,
                                     (MedusaStoreNewFromJson) medusa_order_new_from_json, error);
  if (result->orders == NULL)
    {
      orders_result_free (result);
      return NULL;
    }
  return result;
}

static void
get_orders_job (MedusaAccountStore *self,
                GTask              *task,
                gpointer            task_data)
{
  GError *error = NULL;
  OrdersResult *result = query_orders (self->db, task_data, &error);

  if (result == NULL)
    return_error (self, task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) orders_result_free);
}

void
medusa_account_store_get_orders_async (MedusaAccountStore           *self,
                                       const MedusaStoreOrderFilter *filter,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_get_orders_async);
  g_task_set_task_data (task,
                        filter ? medusa_store_order_filter_copy (filter) : medusa_store_order_filter_new (),
                        (GDestroyNotify) medusa_store_order_filter_free);
  push_job (self, task, get_orders_job, TRUE);
}

GListModel *
medusa_account_store_get_orders_finish (MedusaAccountStore  *self,
                                        GAsyncResult        *result,
                                        gint64              *n_total,
                                        GError             **error)
{
  OrdersResult *orders;
  GListModel *model;

  orders = get_finish (self, result, medusa_account_store_get_orders_async, error);
  if (orders == NULL)
    return NULL;
  if (n_total != NULL)
    *n_total = orders->n_total;
  model = G_LIST_MODEL (g_steal_pointer (&orders->orders));
  orders_result_free (orders);
  return model;
}

/* -------------------------------------------------------------------------- */
/* Sync state                                                                 */

static gboolean
read_sync_state (sqlite3               *db,
                 MedusaStoreSyncState  *state,
                 GError               **error)
{
  g_autoptr(MedusaStoreStmt) stmt = NULL;
  g_autoptr(MedusaStoreStmt) held = NULL;
  int rc;

  stmt = medusa_store_prepare (db, "SELECT newest_updated_at, server_count, last_synced, complete"
                      " FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->newest_updated_at = medusa_store_column_date (stmt, 0);
      state->server_count = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1);
      state->last_synced = medusa_store_column_date (stmt, 2);
      state->complete = sqlite3_column_int (stmt, 3) != 0;
    }
  else if (rc != SQLITE_DONE)
    return medusa_store_set_sqlite_error (db, rc, error);

  held = medusa_store_prepare (db, "SELECT max (updated_at), count(*) FROM orders", error);
  if (held == NULL)
    return FALSE;
  rc = sqlite3_step (held);
  if (rc != SQLITE_ROW)
    return medusa_store_set_sqlite_error (db, rc, error);
  state->n_orders = sqlite3_column_int64 (held, 1);
  if (sqlite3_column_type (held, 0) != SQLITE_NULL)
    {
      g_autoptr(GDateTime) newest = medusa_store_column_date (held, 0);

      if (state->newest_updated_at == NULL
          || g_date_time_compare (newest, state->newest_updated_at) > 0)
        {
          g_clear_pointer (&state->newest_updated_at, g_date_time_unref);
          state->newest_updated_at = g_steal_pointer (&newest);
        }
    }
  return TRUE;
}

static void
get_sync_state_job (MedusaAccountStore *self,
                    GTask              *task,
                    gpointer            task_data)
{
  g_autoptr(MedusaStoreSyncState) state = medusa_store_sync_state_new ();
  GError *error = NULL;

  if (!read_sync_state (self->db, state, &error))
    return_error (self, task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&state), (GDestroyNotify) medusa_store_sync_state_free);
}

void
medusa_account_store_get_sync_state_async (MedusaAccountStore  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  push_job (self,
            new_task (self, cancellable, callback, user_data, medusa_account_store_get_sync_state_async),
            get_sync_state_job, TRUE);
}

MedusaStoreSyncState *
medusa_account_store_get_sync_state_finish (MedusaAccountStore  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_sync_state_async, error);
}

static void
set_sync_state_job (MedusaAccountStore *self,
                    GTask              *task,
                    gpointer            task_data)
{
  MedusaStoreSyncState *state = task_data;
  g_autoptr(MedusaStoreStmt) stmt = NULL;
  GError *error = NULL;

  stmt = medusa_store_prepare (self->db, "INSERT OR REPLACE INTO sync_state"
                            " (id, newest_updated_at, server_count, last_synced, complete)"
                            " VALUES (1, ?1, ?2, ?3, ?4)", &error);
  if (stmt != NULL)
    {
      medusa_store_bind_date (stmt, 1, state->newest_updated_at);
      if (state->server_count >= 0)
        sqlite3_bind_int64 (stmt, 2, state->server_count);
      medusa_store_bind_date (stmt, 3, state->last_synced);
      sqlite3_bind_int (stmt, 4, state->complete ? 1 : 0);
    }
  if (stmt == NULL || !medusa_store_step_done (self->db, stmt, &error))
    return_error (self, task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_set_sync_state_async (MedusaAccountStore         *self,
                                           const MedusaStoreSyncState *state,
                                           GCancellable               *cancellable,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (state != NULL);

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_put_finish);
  g_task_set_task_data (task, medusa_store_sync_state_copy (state),
                        (GDestroyNotify) medusa_store_sync_state_free);
  push_job (self, task, set_sync_state_job, TRUE);
}
