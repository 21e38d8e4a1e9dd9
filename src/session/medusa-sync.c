/* medusa-sync.c: fills the local copy of the account from the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-sync"

#include "config.h"

#include "medusa-account-json.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-order-query.h"
#include "medusa-sync.h"

struct _MedusaSync
{
  GObject             parent_instance;

  MedusaClient       *client;    /* (owned) */
  MedusaAccountStore *store;     /* (owned) */
  GTask              *running;   /* (owned) (nullable): the run going on */
  GPtrArray          *waiters;   /* (owned) of GTask: runs asked for meanwhile */
  gboolean            verified;  /* the server's count was compared once */
  guint               n_page_requests; /* of the last finished run */
  gboolean            last_run_full;
  gboolean            last_run_probed;
};

G_DEFINE_FINAL_TYPE (MedusaSync, medusa_sync, G_TYPE_OBJECT)

typedef enum
{
  PHASE_FULL,
  PHASE_INCREMENTAL,
} Phase;

typedef struct
{
  MedusaCustomer       *customer;     /* (owned) (nullable) */
  MedusaStoreSyncState *before;       /* (owned) (nullable) */
  MedusaOrderQuery     *query;        /* (owned) (nullable): the pages' filters */
  Phase                 phase;
  gint64                count;        /* the first page's count, -1 before */
  guint                 next_offset;
  guint                 requests;     /* list requests in flight */
  guint                 pending;      /* list requests and puts in flight */
  guint                 n_page_requests;
  gboolean              probed;
  GError               *error;        /* (owned) (nullable): the first failure */
  gboolean              full_done;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->customer);
  g_clear_pointer (&data->before, medusa_store_sync_state_free);
  g_clear_pointer (&data->query, medusa_order_query_free);
  g_clear_error (&data->error);
  g_free (data);
}

static const char order_fields[] =
  "id,display_id,status,fulfillment_status,payment_status,cart_id,customer_id,email,"
  "region_id,currency_code,tax_rate,created_at,updated_at,canceled_at";

const char *
medusa_sync_get_order_fields (void)
{
  return order_fields;
}

/* Finishing a run: the running task and every waiter get the same answer. */
static void
finish_run (MedusaSync *self,
            GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->running);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  RunData *data = g_task_get_task_data (task);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  if (error == NULL)
    self->verified = TRUE;
  self->n_page_requests = data->n_page_requests;
  self->last_run_full = data->full_done;
  self->last_run_probed = data->probed;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_pointer (waiter, g_object_ref (data->customer), g_object_unref);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (data->customer), g_object_unref);
}

/* The JSON object root of @bytes, or NULL with MEDUSA_ERROR_PARSE. */
static JsonNode *
parse_object (GBytes  *bytes,
              GError **error)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonNode) root = medusa_json_parse (text, length, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           "The store answered with something that is not an object");
      return NULL;
    }
  return g_steal_pointer (&root);
}

static void start_phase (GTask *task, Phase phase);
static void fetch_next_pages (GTask *task);

/* Closing */

static void
state_set_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    {
      finish_run (self, error);
      return;
    }
  finish_run (self, NULL);
}

static void
save_state (GTask                *task,
            MedusaStoreSyncState *state,
            gint64                server_count,
            gboolean              complete)
{
  MedusaSync *self = g_task_get_source_object (task);

  state->server_count = server_count;
  state->complete = complete;
  g_clear_pointer (&state->last_synced, g_date_time_unref);
  state->last_synced = g_date_time_new_now_utc ();

  medusa_account_store_set_sync_state_async (self->store, state, NULL, state_set_cb,
                                             g_object_ref (task));
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  MedusaStoreSyncState *held = g_object_get_data (G_OBJECT (task), "held");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gint64 total;

  bytes = medusa_client_fetch_account_json_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes != NULL)
    root = parse_object (bytes, &error);
  if (root == NULL)
    {
      finish_run (self, error);
      return;
    }

  total = json_object_get_int_member_with_default (json_node_get_object (root), "count", -1);
  if (total > held->n_orders && !data->full_done)
    {
      /* The store has orders the copy never saw: fetch everything again. */
      g_debug ("The store has %" G_GINT64_FORMAT " orders, the copy %" G_GINT64_FORMAT
               ": syncing the whole history", total, held->n_orders);
      start_phase (task, PHASE_FULL);
      return;
    }

  save_state (task, held, total >= 0 ? total : held->n_orders, TRUE);
}

static void
held_state_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaStoreSyncState) held = NULL;
  g_autoptr(MedusaOrderQuery) probe = NULL;
  GError *error = NULL;

  held = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (held == NULL)
    {
      finish_run (self, error);
      return;
    }

  if (data->phase == PHASE_FULL)
    {
      gint64 count = data->count;

      save_state (task, held, count, held->n_orders >= count);
      return;
    }

  /* Incremental: the first run compares the count with the store's. */
  if (self->verified)
    {
      save_state (task, held, MAX (held->n_orders, data->before->server_count), TRUE);
      return;
    }

  data->probed = TRUE;
  g_object_set_data_full (G_OBJECT (task), "held", g_steal_pointer (&held),
                          (GDestroyNotify) medusa_store_sync_state_free);
  probe = medusa_order_query_new ();
  medusa_order_query_set_limit (probe, 1);
  medusa_order_query_set_fields (probe, "id");
  medusa_client_fetch_account_json_async (self->client, MEDUSA_ACCOUNT_JSON_ORDERS, probe,
                                          g_task_get_cancellable (task), probe_cb,
                                          g_object_ref (task));
}

/* Pages of orders */

static void
step_done (GTask  *task,
           GError *error)
{
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = error;
  else if (error != NULL)
    g_error_free (error);

  data->pending--;
  if (data->error == NULL)
    fetch_next_pages (task);
  if (data->pending > 0)
    return;

  if (data->error != NULL)
    {
      finish_run (self, g_steal_pointer (&data->error));
      return;
    }

  if (data->phase == PHASE_FULL)
    data->full_done = TRUE;
  medusa_account_store_get_sync_state_async (self->store, NULL, held_state_cb,
                                             g_object_ref (task));
}

static void
page_put_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  step_done (task, error);
}

/* In a thread: the page checked, and its "count". */
static void
check_page_in_thread (GTask        *check,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *page;

  root = parse_object (task_data, &error);
  if (root == NULL)
    {
      g_task_return_error (check, error);
      return;
    }
  page = json_node_get_object (root);
  if (!json_object_has_member (page, "orders") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "orders")))
    {
      g_task_return_new_error (check, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                               "The store answered a list of orders without orders");
      return;
    }
  g_task_return_int (check, MAX (json_object_get_int_member_with_default (page, "count", 0), 0));
}

static void
page_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GBytes *bytes = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gssize count;

  count = g_task_propagate_int (G_TASK (result), &error);
  if (error != NULL)
    {
      step_done (task, error);
      return;
    }
  if (data->count < 0)
    data->count = count;

  /* The put is one more step; the check's step ends here. */
  data->pending++;
  medusa_account_store_put_orders_async (self->store, bytes, NULL, page_put_cb,
                                         g_object_ref (task));
  step_done (task, NULL);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;

  data->requests--;
  bytes = medusa_client_fetch_account_json_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      step_done (task, error);
      return;
    }

  /* A page of 50 whole orders is tens of milliseconds of parsing: not on
   * the main loop (the window would stall). The check is one more step;
   * this request's step ends here. */
  data->pending++;
  check = g_task_new (NULL, g_task_get_cancellable (task), page_checked_cb, g_object_ref (task));
  g_task_set_source_tag (check, check_page_in_thread);
  g_task_set_task_data (check, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (check, check_page_in_thread);
  step_done (task, NULL);
}

static void
fetch_page (GTask *task,
            guint  offset)
{
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_copy (data->query);

  medusa_order_query_set_offset (query, offset);
  data->n_page_requests++;
  data->requests++;
  data->pending++;
  medusa_client_fetch_account_json_async (self->client, MEDUSA_ACCOUNT_JSON_ORDERS, query,
                                          g_task_get_cancellable (task), page_cb,
                                          g_object_ref (task));
}

/* After the first page (which brings the count): the rest, a few at once. */
static void
fetch_next_pages (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  if (data->count < 0)
    return;
  while (data->requests < MEDUSA_SYNC_MAX_CONCURRENT_PAGES &&
         (gint64) data->next_offset < data->count)
    {
      guint offset = data->next_offset;

      data->next_offset += MEDUSA_SYNC_PAGE_SIZE;
      fetch_page (task, offset);
    }
}

static void
start_phase (GTask *task,
             Phase  phase)
{
  RunData *data = g_task_get_task_data (task);

  data->phase = phase;
  data->count = -1;
  data->next_offset = MEDUSA_SYNC_PAGE_SIZE;
  g_clear_pointer (&data->query, medusa_order_query_free);
  data->query = medusa_order_query_new ();
  medusa_order_query_set_limit (data->query, MEDUSA_SYNC_PAGE_SIZE);
  medusa_order_query_set_fields (data->query, order_fields);

  if (phase == PHASE_INCREMENTAL)
    {
      g_autoptr(GDateTime) since =
        g_date_time_add_seconds (data->before->newest_updated_at, -MEDUSA_SYNC_SAFETY_MARGIN_SECONDS);

      medusa_order_query_set_date (data->query, MEDUSA_ORDER_DATE_UPDATED_AT,
                                   MEDUSA_ORDER_DATE_GTE, since);
    }

  fetch_page (task, 0);
}

static void
before_state_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->before = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (source),
                                                             result, &error);
  if (data->before == NULL)
    {
      finish_run (self, error);
      return;
    }

  /* A store whose order history this app cannot read yet (the dialect
   * says so): the copy holds the customer and the addresses. */
  if (!medusa_client_has_capability (self->client, MEDUSA_CAPABILITY_ORDERS))
    {
      finish_run (self, NULL);
      return;
    }

  if (data->before->complete && data->before->newest_updated_at != NULL)
    start_phase (task, PHASE_INCREMENTAL);
  else
    start_phase (task, PHASE_FULL);
}

/* The customer and the payment methods */

static void
payment_methods_put_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    {
      finish_run (self, error);
      return;
    }
  medusa_account_store_get_sync_state_async (self->store, NULL, before_state_cb,
                                             g_object_ref (task));
}

static void
payment_methods_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = medusa_client_fetch_account_json_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      /* A store without the route has no saved payment methods to show. */
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          medusa_account_store_get_sync_state_async (self->store, NULL, before_state_cb,
                                                     g_object_ref (task));
          return;
        }
      finish_run (self, error);
      return;
    }

  medusa_account_store_put_payment_methods_async (self->store, bytes, NULL,
                                                  payment_methods_put_cb, g_object_ref (task));
}

static void
customer_put_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    {
      finish_run (self, error);
      return;
    }

  /* The addresses put is queued behind; the worker keeps the order. */
  medusa_client_fetch_account_json_async (self->client, MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS, NULL,
                                          g_task_get_cancellable (task), payment_methods_cb,
                                          g_object_ref (task));
}

static void
addresses_put_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    g_message ("Could not keep the addresses in the local copy: %s", error->message);
}

static void
customer_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *object;

  bytes = medusa_client_fetch_account_json_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes != NULL)
    root = parse_object (bytes, &error);
  if (root != NULL)
    {
      object = json_node_get_object (root);
      if (json_object_has_member (object, "customer") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "customer")))
        data->customer = medusa_customer_new_from_json (json_object_get_object_member (object, "customer"),
                                                        &error);
      else
        g_set_error_literal (&error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                             "The store answered without the customer");
    }
  if (data->customer == NULL)
    {
      finish_run (self, error);
      return;
    }

  /* A copy is one customer's: another one's answer is not put into it. */
  if (g_strcmp0 (medusa_customer_get_id (data->customer),
                 medusa_account_store_get_customer_id (self->store)) != 0)
    {
      finish_run (self, g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                             "The store answered for another customer"));
      return;
    }

  medusa_account_store_put_customer_async (self->store, bytes, NULL, customer_put_cb,
                                           g_object_ref (task));
  medusa_account_store_put_addresses_async (self->store, bytes, NULL, addresses_put_cb, NULL);
}

/* GObject */

static void
medusa_sync_dispose (GObject *object)
{
  MedusaSync *self = MEDUSA_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (medusa_sync_parent_class)->dispose (object);
}

static void
medusa_sync_finalize (GObject *object)
{
  MedusaSync *self = MEDUSA_SYNC (object);

  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (medusa_sync_parent_class)->finalize (object);
}

static void
medusa_sync_class_init (MedusaSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_sync_dispose;
  object_class->finalize = medusa_sync_finalize;
}

static void
medusa_sync_init (MedusaSync *self)
{
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

MedusaSync *
medusa_sync_new (MedusaClient       *client,
                 MedusaAccountStore *store)
{
  MedusaSync *self;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (store), NULL);

  self = g_object_new (MEDUSA_TYPE_SYNC, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);

  return self;
}

MedusaClient *
medusa_sync_get_client (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), NULL);
  return self->client;
}

MedusaAccountStore *
medusa_sync_get_store (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), NULL);
  return self->store;
}

void
medusa_sync_run_async (MedusaSync          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_sync_run_async);

  if (self->running != NULL)
    {
      g_ptr_array_add (self->waiters, g_steal_pointer (&task));
      return;
    }

  g_task_set_task_data (task, g_new0 (RunData, 1), (GDestroyNotify) run_data_free);
  self->running = g_object_ref (task);
  medusa_client_fetch_account_json_async (self->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL,
                                          cancellable, customer_cb, g_steal_pointer (&task));
}

MedusaCustomer *
medusa_sync_run_finish (MedusaSync    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_sync_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
medusa_sync_get_n_page_requests (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), 0);
  return self->n_page_requests;
}

gboolean
medusa_sync_get_last_run_full (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), FALSE);
  return self->last_run_full;
}

gboolean
medusa_sync_get_last_run_probed (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), FALSE);
  return self->last_run_probed;
}
