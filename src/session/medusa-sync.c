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
  guint               n_not_modified;  /* of the last finished run */
  /* The ETags of the answers the copy holds, by request (see etag_keep):
   * in memory, this copy's and this customer's only. */
  GHashTable         *etags;     /* (owned) key → KeptAnswer (owned) */
};

/* The ETag of a request's answer that the copy holds, with what a 304
 * cannot repeat: the customer it brought, the orders' "count". */
typedef struct
{
  char           *etag;      /* (owned) */
  gint64          count;     /* of a page of orders, else -1 */
  MedusaCustomer *customer;  /* (owned) (nullable): of the customer's answer */
} KeptAnswer;

static void
kept_answer_free (KeptAnswer *kept)
{
  g_free (kept->etag);
  g_clear_object (&kept->customer);
  g_free (kept);
}

/* Keys of self->etags */
#define KEY_CUSTOMER        "customer"
#define KEY_PAYMENT_METHODS "payment-methods"
#define KEY_ORDERS          "orders?"

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
  gboolean              customer_in_copy;
  guint                 n_not_modified; /* requests answered 304 */
  GHashTable           *used;         /* (owned): keys of self->etags this run asked with or kept */
  char                 *customer_etag;        /* (owned) (nullable): of the answer being put */
  char                 *payment_methods_etag; /* (owned) (nullable): the same */
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->customer);
  g_clear_pointer (&data->before, medusa_store_sync_state_free);
  g_clear_pointer (&data->query, medusa_order_query_free);
  g_clear_error (&data->error);
  g_clear_pointer (&data->used, g_hash_table_unref);
  g_free (data->customer_etag);
  g_free (data->payment_methods_etag);
  g_free (data);
}

/* ETags. A request the sync repeats (the customer, the payment methods, the
 * incremental orders query, by its query string) carries If-None-Match with
 * the ETag of the answer the copy holds; a 304 means "unchanged": no body,
 * nothing parsed or put. An ETag is kept only once its answer is in the
 * copy, and forgotten as soon as a new answer comes for the request (a put
 * that then fails must not leave the old ETag standing for data the copy no
 * longer holds). The client lets only valid ETags through (at most 256
 * visible ASCII characters); at most MAX_KEPT_ETAGS are kept, and the keys
 * a successful run did not use are dropped (an old updated_at[gte]). */
#define MAX_KEPT_ETAGS 16

static const char *
etag_for (MedusaSync *self,
          RunData    *data,
          const char *key)
{
  KeptAnswer *kept = key != NULL ? g_hash_table_lookup (self->etags, key) : NULL;

  if (kept == NULL)
    return NULL;
  g_hash_table_add (data->used, g_strdup (key));
  return kept->etag;
}

static void
etag_forget (MedusaSync *self,
             const char *key)
{
  if (key != NULL)
    g_hash_table_remove (self->etags, key);
}

static void
etag_keep (MedusaSync     *self,
           RunData        *data,
           const char     *key,
           const char     *etag,
           gint64          count,
           MedusaCustomer *customer)
{
  KeptAnswer *kept;

  if (key == NULL || etag == NULL ||
      (g_hash_table_size (self->etags) >= MAX_KEPT_ETAGS && !g_hash_table_contains (self->etags, key)))
    return;

  kept = g_new0 (KeptAnswer, 1);
  kept->etag = g_strdup (etag);
  kept->count = count;
  kept->customer = customer != NULL ? g_object_ref (customer) : NULL;
  g_hash_table_replace (self->etags, g_strdup (key), kept);
  g_hash_table_add (data->used, g_strdup (key));
}

/* A 304 for @key: what was kept for it (the ETag the 304 names replaces
 * the kept one), or NULL with MEDUSA_ERROR_PARSE when nothing was (a 304
 * to a request sent without If-None-Match). */
static KeptAnswer *
etag_not_modified (MedusaSync  *self,
                   RunData     *data,
                   const char  *key,
                   const char  *etag,
                   GError     **error)
{
  KeptAnswer *kept = key != NULL ? g_hash_table_lookup (self->etags, key) : NULL;

  if (kept == NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           "The store answered “not modified” to a request without an ETag");
      return NULL;
    }
  data->n_not_modified++;
  if (etag != NULL)
    {
      g_free (kept->etag);
      kept->etag = g_strdup (etag);
    }
  return kept;
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
static void start_run (MedusaSync *self, GTask *task);

static void
finish_run (MedusaSync *self,
            GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->running);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  RunData *data = g_task_get_task_data (task);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  if (error == NULL)
    {
      GHashTableIter iter;
      const char *key;

      self->verified = TRUE;
      g_hash_table_iter_init (&iter, self->etags);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        if (!g_hash_table_contains (data->used, key))
          g_hash_table_iter_remove (&iter);
    }
  self->n_page_requests = data->n_page_requests;
  self->n_not_modified = data->n_not_modified;
  self->last_run_full = data->full_done;
  self->last_run_probed = data->probed;

  /* Those who asked meanwhile may know of a change this run began too
   * early to see (an edit of the profile): after a run that worked they get
   * one more, together. After an error, they share it. */
  if (error != NULL)
    {
      for (guint i = 0; i < waiters->len; i++)
        g_task_return_error (g_ptr_array_index (waiters, i), g_error_copy (error));
      g_task_return_error (task, error);
      return;
    }

  if (waiters->len > 0)
    {
      GTask *next = g_object_ref (g_ptr_array_index (waiters, 0));

      for (guint i = 1; i < waiters->len; i++)
        g_ptr_array_add (self->waiters, g_object_ref (g_ptr_array_index (waiters, i)));
      start_run (self, next);
    }

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

/* The "count" of a page of orders: @missing when it has none (or null), a
 * MEDUSA_ERROR_PARSE when it is not an integer. */
static gboolean
read_count (JsonObject  *page,
            gint64       missing,
            gint64      *count,
            GError     **error)
{
  JsonNode *node = json_object_get_member (page, "count");

  *count = missing;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return medusa_json_read_int (page, "count", count, error);
}

static void start_phase (GTask *task, Phase phase);
static void check_page_async (GBytes *bytes, gboolean keep_tree, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
static gboolean checked_page_count_finish (GAsyncResult *result, gint64 *count, GError **error);
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
probe_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  MedusaStoreSyncState *held = g_object_get_data (G_OBJECT (task), "held");
  GError *error = NULL;
  gint64 total;

  /* A "count" that is not a number is a hostile answer (json-glib's own
   * getter would be a critical on an object or an array). */
  if (!checked_page_count_finish (result, &total, &error))
    {
      finish_run (self, error);
      return;
    }
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
probe_cb (GObject      *source,
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
      finish_run (self, error);
      return;
    }
  /* Checked like a page (a hostile store may send a large one). */
  check_page_async (bytes, FALSE, g_task_get_cancellable (task), probe_checked_cb, g_object_ref (task));
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

/* One page request of orders, through its check and its put. */
typedef struct
{
  GTask  *task;   /* (owned): the run */
  char   *key;    /* (owned) (nullable): of self->etags (incremental query only) */
  char   *etag;   /* (owned) (nullable): of the answer */
  gint64  count;  /* the answer's "count" */
} PageStep;

static void
page_step_free (PageStep *step)
{
  g_clear_object (&step->task);
  g_free (step->key);
  g_free (step->etag);
  g_free (step);
}

static void
page_put_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PageStep *step = user_data;
  g_autoptr(GTask) task = g_object_ref (step->task);
  GError *error = NULL;

  if (medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    etag_keep (g_task_get_source_object (task), g_task_get_task_data (task),
               step->key, step->etag, step->count, NULL);
  page_step_free (step);
  step_done (task, error);
}

/* What the check of a page of orders finds, in a thread */
typedef struct
{
  JsonNode *root;   /* (owned): the page, parsed once (medusa_json_parse) */
  gint64    count;  /* its "count", -1 when it has none */
} CheckedPage;

static void
checked_page_free (CheckedPage *checked)
{
  g_clear_pointer (&checked->root, json_node_unref);
  g_free (checked);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckedPage, checked_page_free)

/* In a thread: the answer's bytes, as they came from the store, parsed
 * (and so validated: size, depth, UTF-8) for the one time; checked to be
 * a list of orders, and its "count" read. The tree goes on to the copy's
 * worker, which puts the orders from it without parsing them again. */
static void
check_page_in_thread (GTask        *check,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autoptr(CheckedPage) checked = g_new0 (CheckedPage, 1);
  GError *error = NULL;
  JsonObject *page;

  checked->root = parse_object (task_data, &error);
  if (checked->root == NULL)
    {
      g_task_return_error (check, error);
      return;
    }
  page = json_node_get_object (checked->root);
  if (!json_object_has_member (page, "orders") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "orders")))
    {
      g_task_return_new_error (check, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                               "The store answered a list of orders without orders");
      return;
    }
  if (!read_count (page, -1, &checked->count, &error))
    {
      g_task_return_error (check, error);
      return;
    }
  /* Only the count wanted (the probe): the tree is freed here too. */
  if (g_task_get_source_tag (check) != check_page_in_thread)
    g_clear_pointer (&checked->root, json_node_unref);
  g_task_return_pointer (check, g_steal_pointer (&checked), (GDestroyNotify) checked_page_free);
}

/* Checks @bytes in a thread; @callback gets the CheckedPage (with the tree
 * when @keep_tree). */
static void
check_page_async (GBytes              *bytes,
                  gboolean             keep_tree,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) check = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (check, keep_tree ? (gpointer) check_page_in_thread : (gpointer) checked_page_count_finish);
  g_task_set_task_data (check, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (check, check_page_in_thread);
}

/* The "count" of a page checked by check_page_async() (-1: none), for the
 * count probe, which puts nothing. */
static gboolean
checked_page_count_finish (GAsyncResult  *result,
                           gint64        *count,
                           GError       **error)
{
  g_autoptr(CheckedPage) checked = g_task_propagate_pointer (G_TASK (result), error);

  *count = -1;
  if (checked == NULL)
    return FALSE;
  *count = checked->count;
  return TRUE;
}

static void
page_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PageStep *step = user_data;
  g_autoptr(GTask) task = g_object_ref (step->task);
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(CheckedPage) checked = NULL;
  GError *error = NULL;
  gint64 count;

  checked = g_task_propagate_pointer (G_TASK (result), &error);
  if (checked == NULL)
    {
      page_step_free (step);
      step_done (task, error);
      return;
    }
  count = MAX (checked->count, 0);
  if (data->count < 0)
    data->count = count;
  step->count = count;

  /* The put is one more step; the check's step ends here. */
  data->pending++;
  medusa_account_store_take_orders_async (self->store, g_steal_pointer (&checked->root), NULL,
                                          page_put_cb, step);
  step_done (task, NULL);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PageStep *step = user_data;
  g_autoptr(GTask) task = g_object_ref (step->task);
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;
  gboolean not_modified = FALSE;
  GError *error = NULL;

  data->requests--;
  bytes = medusa_client_fetch_account_json_if_changed_finish (MEDUSA_CLIENT (source), result,
                                                              &not_modified, &etag, &error);
  if (not_modified)
    {
      /* The copy holds this very page: its count is the one kept with it. */
      KeptAnswer *kept = etag_not_modified (self, data, step->key, etag, &error);

      if (kept != NULL && data->count < 0)
        data->count = kept->count;
      page_step_free (step);
      step_done (task, error);
      return;
    }
  if (bytes == NULL)
    {
      page_step_free (step);
      step_done (task, error);
      return;
    }
  etag_forget (self, step->key);
  step->etag = g_steal_pointer (&etag);

  /* A page of 50 whole orders is tens of milliseconds of parsing: not on
   * the main loop (the window would stall). The check is one more step;
   * this request's step ends here. */
  data->pending++;
  check_page_async (bytes, TRUE, g_task_get_cancellable (task), page_checked_cb, step);
  step_done (task, NULL);
}

static void
fetch_page (GTask *task,
            guint  offset)
{
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_copy (data->query);
  PageStep *step = g_new0 (PageStep, 1);

  medusa_order_query_set_offset (query, offset);
  step->task = g_object_ref (task);
  step->count = -1;
  /* Only the incremental query is repeated: a full sync's pages are not. */
  if (data->phase == PHASE_INCREMENTAL)
    {
      g_autofree char *query_string = medusa_order_query_to_string (query);

      step->key = g_strconcat (KEY_ORDERS, query_string, NULL);
    }
  data->n_page_requests++;
  data->requests++;
  data->pending++;
  medusa_client_fetch_account_json_if_changed_async (self->client, MEDUSA_ACCOUNT_JSON_ORDERS, query,
                                                     etag_for (self, data, step->key),
                                                     g_task_get_cancellable (task), page_cb, step);
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

  /* Only a store whose orders' updated_at moves with every change may be
   * asked for the changed ones (a v2 capture leaves it alone): others are
   * synced whole each time. */
  if (data->before->complete && data->before->newest_updated_at != NULL &&
      medusa_client_has_capability (self->client, MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE))
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
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    {
      finish_run (self, error);
      return;
    }
  etag_keep (self, data, KEY_PAYMENT_METHODS, data->payment_methods_etag, -1, NULL);
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
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;
  gboolean not_modified = FALSE;
  GError *error = NULL;

  bytes = medusa_client_fetch_account_json_if_changed_finish (MEDUSA_CLIENT (source), result,
                                                              &not_modified, &etag, &error);
  if (not_modified)
    {
      if (etag_not_modified (self, data, KEY_PAYMENT_METHODS, etag, &error) == NULL)
        {
          finish_run (self, error);
          return;
        }
      medusa_account_store_get_sync_state_async (self->store, NULL, before_state_cb,
                                                 g_object_ref (task));
      return;
    }
  etag_forget (self, KEY_PAYMENT_METHODS);
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

  data->payment_methods_etag = g_steal_pointer (&etag);
  medusa_account_store_put_payment_methods_async (self->store, bytes, NULL,
                                                  payment_methods_put_cb, g_object_ref (task));
}

static void
fetch_payment_methods (GTask *task)
{
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  /* A store without saved payment methods (Medusa v2) is not asked. */
  if (!medusa_client_has_capability (self->client, MEDUSA_CAPABILITY_PAYMENT_METHODS))
    {
      medusa_account_store_get_sync_state_async (self->store, NULL, before_state_cb,
                                                 g_object_ref (task));
      return;
    }

  medusa_client_fetch_account_json_if_changed_async (self->client, MEDUSA_ACCOUNT_JSON_PAYMENT_METHODS,
                                                     NULL, etag_for (self, data, KEY_PAYMENT_METHODS),
                                                     g_task_get_cancellable (task), payment_methods_cb,
                                                     g_object_ref (task));
}

static void
customer_put_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    {
      finish_run (self, error);
      return;
    }
  data->customer_in_copy = TRUE;

  /* The addresses put is queued behind; the worker keeps the order. */
  fetch_payment_methods (task);
}

/* Runs after customer_put_cb (the worker keeps the order): the customer's
 * ETag is kept once the customer and the addresses are both in the copy. */
static void
addresses_put_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    g_message ("Could not keep the addresses in the local copy: %s", error->message);
  else if (data->customer_in_copy)
    etag_keep (g_task_get_source_object (task), data, KEY_CUSTOMER, data->customer_etag, -1,
               data->customer);
}

/* In a thread: the customer's answer, as it came, parsed (and validated)
 * and its customer built; the tree is freed here too. */
static void
check_customer_in_thread (GTask        *check,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  g_autoptr(JsonNode) root = NULL;
  MedusaCustomer *customer = NULL;
  GError *error = NULL;
  JsonObject *object;

  root = parse_object (task_data, &error);
  if (root != NULL)
    {
      object = json_node_get_object (root);
      if (json_object_has_member (object, "customer") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "customer")))
        customer = medusa_customer_new_from_json (json_object_get_object_member (object, "customer"),
                                                  &error);
      else
        g_set_error_literal (&error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                             "The store answered without the customer");
    }
  if (customer == NULL)
    g_task_return_error (check, error);
  else
    g_task_return_pointer (check, customer, g_object_unref);
}

static void
customer_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GBytes *bytes = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  data->customer = g_task_propagate_pointer (G_TASK (result), &error);
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
  medusa_account_store_put_addresses_async (self->store, bytes, NULL, addresses_put_cb,
                                            g_object_ref (task));
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
  g_autoptr(GTask) check = NULL;
  gboolean not_modified = FALSE;
  GError *error = NULL;

  bytes = medusa_client_fetch_account_json_if_changed_finish (MEDUSA_CLIENT (source), result,
                                                              &not_modified, &data->customer_etag,
                                                              &error);
  if (not_modified)
    {
      /* Unchanged: the customer kept with the ETag (checked when it came). */
      KeptAnswer *kept = etag_not_modified (self, data, KEY_CUSTOMER, data->customer_etag, &error);

      if (kept == NULL)
        {
          finish_run (self, error);
          return;
        }
      data->customer = g_object_ref (kept->customer);
      fetch_payment_methods (task);
      return;
    }
  if (bytes == NULL)
    {
      finish_run (self, error);
      return;
    }
  etag_forget (self, KEY_CUSTOMER);

  /* The bytes as the store sent them (of any size up to the cap): parsed
   * in a thread, not on the main loop. */
  check = g_task_new (NULL, g_task_get_cancellable (task), customer_checked_cb, g_object_ref (task));
  g_task_set_source_tag (check, check_customer_in_thread);
  g_task_set_task_data (check, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (check, check_customer_in_thread);
}

static void
fetch_customer (GTask *task)
{
  MedusaSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  medusa_client_fetch_account_json_if_changed_async (self->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL,
                                                     etag_for (self, data, KEY_CUSTOMER),
                                                     g_task_get_cancellable (task), customer_cb,
                                                     g_object_ref (task));
}

/* Before a run asks with ETags: a copy that is not complete (emptied,
 * rebuilt after corruption) holds none of those answers any more. */
static void
etags_state_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSync *self = g_task_get_source_object (task);
  g_autoptr(MedusaStoreSyncState) state = NULL;
  GError *error = NULL;

  state = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (state == NULL)
    {
      finish_run (self, error);
      return;
    }
  if (!state->complete)
    g_hash_table_remove_all (self->etags);
  fetch_customer (task);
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
  g_clear_pointer (&self->etags, g_hash_table_unref);

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
  self->etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) kept_answer_free);
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

/* Runs @task (consumed): the sync's running one. */
static void
start_run (MedusaSync *self,
           GTask      *task)
{
  RunData *data = g_new0 (RunData, 1);

  data->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  self->running = g_object_ref (task);
  if (g_hash_table_size (self->etags) > 0)
    medusa_account_store_get_sync_state_async (self->store, NULL, etags_state_cb, task);
  else
    {
      fetch_customer (task);
      g_object_unref (task);
    }
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

  start_run (self, g_steal_pointer (&task));
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

guint
medusa_sync_get_n_not_modified (MedusaSync *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC (self), 0);
  return self->n_not_modified;
}
