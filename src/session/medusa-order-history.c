/* medusa-order-history.c: the order history and one order's details, from
 * the local copy or from the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaOrderHistory"

#include "config.h"

#include "medusa-account-json.h"
#include "medusa-error.h"
#include "medusa-order-history.h"
#include "medusa-order-list.h"

/* Statuses are bits below 32 in both the query and the store's filter. */
#define MAX_STATUS 31

/* Items this close to the end of the copy's page load the next one. */
#define LOCAL_PREFETCH_DISTANCE 10

/* What a load from the store brings (up to 200 orders) is shown one page
 * a frame: a view that follows the end (End pressed) binds a page of rows per
 * frame rather than all of them in one (GTK 4.8 binds every row of a jump at
 * once; issue 10, the stall row). */
#define SHOW_STEP     MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE
#define SHOW_INTERVAL 16  /* ms */

MedusaStoreOrderFilter *
medusa_order_query_to_store_filter (const MedusaOrderQuery *query)
{
  g_autoptr(MedusaOrderQuery) rest = NULL;
  MedusaStoreOrderFilter *filter;
  GDateTime *from = NULL;
  GDateTime *until = NULL;
  g_autoptr(GDateTime) from_gt = NULL;
  g_autoptr(GDateTime) until_lte = NULL;
  GDateTime *when;

  g_return_val_if_fail (query != NULL, NULL);

  /* What is left once every filter the copy holds is taken out must be
   * nothing: anything else is for the store. */
  rest = medusa_order_query_copy (query);
  medusa_order_query_set_q (rest, NULL);
  medusa_order_query_set_display_id (rest, NULL);
  medusa_order_query_clear_statuses (rest);
  medusa_order_query_set_date (rest, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, NULL);
  medusa_order_query_set_date (rest, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT, NULL);
  medusa_order_query_set_date (rest, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, NULL);
  medusa_order_query_set_date (rest, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, NULL);
  if (medusa_order_query_has_filters (rest))
    return NULL;

  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_set_text (filter, medusa_order_query_get_q (query));
  medusa_store_order_filter_set_display_id (filter, medusa_order_query_get_display_id (query));
  for (guint i = 1; i <= MAX_STATUS; i++)
    {
      if (medusa_order_query_has_status (query, i))
        medusa_store_order_filter_add_status (filter, i);
      if (medusa_order_query_has_fulfillment_status (query, i))
        medusa_store_order_filter_add_fulfillment_status (filter, i);
      if (medusa_order_query_has_payment_status (query, i))
        medusa_store_order_filter_add_payment_status (filter, i);
    }

  /* The later of the lower bounds and the earlier of the upper ones */
  from = medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE);
  when = medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT);
  if (when != NULL)
    {
      from_gt = g_date_time_add (when, 1);
      if (from_gt != NULL && (from == NULL || g_date_time_compare (from_gt, from) > 0))
        from = from_gt;
    }
  until = medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT);
  when = medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE);
  if (when != NULL)
    {
      /* NULL past the last representable microsecond: nothing is later */
      until_lte = g_date_time_add (when, 1);
      if (until_lte != NULL && (until == NULL || g_date_time_compare (until_lte, until) < 0))
        until = until_lte;
    }
  medusa_store_order_filter_set_created_range (filter, from, until);

  return filter;
}

gboolean
medusa_order_history_use_copy (const MedusaStoreSyncState *state,
                               const MedusaOrderQuery     *query)
{
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;

  if (state == NULL || !state->complete)
    return FALSE;
  filter = query != NULL ? medusa_order_query_to_store_filter (query) : medusa_store_order_filter_new ();
  return filter != NULL;
}

/* MedusaOrderHistory */

typedef enum
{
  COPY_UNKNOWN,   /* the sync state is being asked for */
  COPY_COMPLETE,
  COPY_NONE,      /* no copy, or not a complete one */
} CopyState;

struct _MedusaOrderHistory
{
  GObject             parent_instance;

  MedusaSession      *session;          /* (owned) */
  MedusaClient       *client;           /* (owned) */
  MedusaAccountStore *store;            /* (owned) (nullable) */
  MedusaOrderQuery   *query;            /* (owned) */
  CopyState           copy_state;
  GCancellable       *state_cancellable; /* (owned) (nullable): the sync state asked for */

  /* From the store */
  MedusaOrderList    *server;           /* (owned) (nullable) */
  guint               n_shown;          /* of the server's items, what listeners know */
  guint               show_id;          /* timeout that shows the next step */

  /* From the copy (also what is shown while the decision is made) */
  gboolean            local;
  GPtrArray          *items;            /* of MedusaOrder */
  gint64              n_total;
  gboolean            loading;
  GError             *error;
  GCancellable       *local_cancellable; /* (owned) (nullable) */
  guint               more_idle_id;
  gboolean            synced_once;      /* asked for a sync when the copy first answered */
};

static void medusa_order_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedusaOrderHistory, medusa_order_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, medusa_order_history_list_model_init))

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_QUERY,
  PROP_N_TOTAL,
  PROP_LOADING,
  PROP_ERROR,
  PROP_LOCAL,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void decide (MedusaOrderHistory *self);

/* Auxiliary methods */

static void
set_loading (MedusaOrderHistory *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
set_n_total (MedusaOrderHistory *self,
             gint64              n_total)
{
  if (self->n_total == n_total)
    return;
  self->n_total = n_total;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_TOTAL]);
}

static void
set_error (MedusaOrderHistory *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
}

static void
set_local (MedusaOrderHistory *self,
           gboolean            local)
{
  if (self->local == local)
    return;
  self->local = local;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCAL]);
}

static void
cancel_local (MedusaOrderHistory *self)
{
  g_cancellable_cancel (self->local_cancellable);
  g_clear_object (&self->local_cancellable);
  g_clear_handle_id (&self->more_idle_id, g_source_remove);
}

static void
cancel_state (MedusaOrderHistory *self)
{
  g_cancellable_cancel (self->state_cancellable);
  g_clear_object (&self->state_cancellable);
}

/* Same order, shown the same way in a row */
static gboolean
same_order (MedusaOrder *a,
            MedusaOrder *b)
{
  return medusa_order_get_status (a) == medusa_order_get_status (b) &&
         medusa_order_get_fulfillment_status (a) == medusa_order_get_fulfillment_status (b) &&
         medusa_order_get_payment_status (a) == medusa_order_get_payment_status (b) &&
         medusa_order_get_total (a) == medusa_order_get_total (b) &&
         medusa_order_get_display_id (a) == medusa_order_get_display_id (b) &&
         g_list_model_get_n_items (medusa_order_get_items (a)) ==
           g_list_model_get_n_items (medusa_order_get_items (b));
}

static gboolean
same_id (MedusaOrder *a,
         MedusaOrder *b)
{
  return g_strcmp0 (medusa_order_get_id (a), medusa_order_get_id (b)) == 0;
}

/* id → index + 1 */
static GHashTable *
index_ids (GPtrArray *orders)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < orders->len; i++)
    {
      const char *id = medusa_order_get_id (g_ptr_array_index (orders, i));

      if (id != NULL)
        g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }
  return ids;
}

/* The index of @order's id in @ids, or -1 */
static gint64
index_of (GHashTable  *ids,
          MedusaOrder *order)
{
  const char *id = medusa_order_get_id (order);
  guint found = id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (ids, id)) : 0;

  return (gint64) found - 1;
}

/* Makes self->items (which listeners know as @old) into @new_items one
 * step at a time, by order id: orders that stay keep their row (replaced
 * in place when they changed), the others are removed or inserted where
 * they are. A view keeps its scroll position. Takes @old. */
static void
replace_items (MedusaOrderHistory *self,
               GPtrArray          *old,
               GPtrArray          *new_items)
{
  g_autoptr(GPtrArray) dropped = old;
  g_autoptr(GHashTable) old_ids = index_ids (old);
  g_autoptr(GHashTable) new_ids = index_ids (new_items);
  GPtrArray *cur = g_ptr_array_new_full (old->len, g_object_unref);
  guint i = 0, j = 0, p = 0;

  for (guint k = 0; k < old->len; k++)
    g_ptr_array_add (cur, g_object_ref (g_ptr_array_index (old, k)));
  g_ptr_array_unref (self->items);
  self->items = cur;

  while (i < old->len || j < new_items->len)
    {
      MedusaOrder *was = i < old->len ? g_ptr_array_index (old, i) : NULL;
      MedusaOrder *now = j < new_items->len ? g_ptr_array_index (new_items, j) : NULL;
      gint64 was_at, now_was_at;

      if (was != NULL && now != NULL && same_id (was, now))
        {
          if (!same_order (was, now))
            {
              g_object_unref (g_ptr_array_index (cur, p));
              g_ptr_array_index (cur, p) = g_object_ref (now);
              g_list_model_items_changed (G_LIST_MODEL (self), p, 1, 1);
            }
          p++, i++, j++;
          continue;
        }

      /* Gone, or already passed in the new order (it moved up) */
      was_at = was != NULL ? index_of (new_ids, was) : -1;
      if (was != NULL && (now == NULL || was_at < (gint64) j))
        {
          g_ptr_array_remove_index (cur, p);
          g_list_model_items_changed (G_LIST_MODEL (self), p, 1, 0);
          i++;
          continue;
        }

      /* New, or its old row was removed already (it moved up) */
      now_was_at = now != NULL ? index_of (old_ids, now) : -1;
      if (now != NULL && (was == NULL || now_was_at < (gint64) i))
        {
          g_ptr_array_insert (cur, p, g_object_ref (now));
          g_list_model_items_changed (G_LIST_MODEL (self), p, 0, 1);
          p++, j++;
          continue;
        }

      /* Both are further on in the other list: this one moved down */
      g_ptr_array_remove_index (cur, p);
      g_list_model_items_changed (G_LIST_MODEL (self), p, 1, 0);
      i++;
    }
}

/* What listeners see now, as an array of their own */
static GPtrArray *
snapshot_items (MedusaOrderHistory *self)
{
  GPtrArray *items;
  guint n;

  if (self->server == NULL)
    return g_ptr_array_ref (self->items);

  n = self->n_shown;
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      MedusaOrder *order = g_list_model_get_item (G_LIST_MODEL (self->server), i);

      if (order == NULL)
        break;
      g_ptr_array_add (items, order);
    }
  return items;
}

static gboolean on_show_step_cb (gpointer user_data);

static guint
server_n_items (MedusaOrderHistory *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->server));
}

/* Shows up to SHOW_STEP more of the server's items; TRUE while more wait.
 * The caller holds show_id while it runs (so "loading" stays TRUE for
 * listeners of this items-changed). */
static gboolean
show_step (MedusaOrderHistory *self)
{
  guint n = server_n_items (self);
  guint step = MIN (n - self->n_shown, SHOW_STEP);
  guint position = self->n_shown;

  self->n_shown += step;
  if (step > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, step);
  return self->server != NULL && self->n_shown < server_n_items (self);
}

static gboolean
on_show_step_cb (gpointer user_data)
{
  MedusaOrderHistory *self = user_data;

  if (show_step (self))
    return G_SOURCE_CONTINUE;
  self->show_id = 0;
  /* All shown: "loading" may end here */
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

/* Shows the server's items not shown yet: a step now, the others one each
 * SHOW_INTERVAL */
static void
start_showing (MedusaOrderHistory *self)
{
  if (self->show_id != 0 || self->n_shown >= server_n_items (self))
    return;
  self->show_id = g_timeout_add (SHOW_INTERVAL, on_show_step_cb, self);
  g_source_set_name_by_id (self->show_id, "[medusa] order history show step");
  if (!show_step (self))
    g_clear_handle_id (&self->show_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
}

static void
on_server_items_changed_cb (GListModel         *list,
                            guint               position,
                            guint               removed,
                            guint               added,
                            MedusaOrderHistory *self)
{
  guint shown_removed;

  /* Behind what is shown (appended): shown in steps */
  if (position >= self->n_shown)
    {
      start_showing (self);
      return;
    }

  /* Anything else (the list emptied for a reload or a new query) at once:
   * what listeners know of [position, position + removed) goes */
  shown_removed = MIN (removed, self->n_shown - position);
  self->n_shown = self->n_shown - shown_removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
  if (self->n_shown >= server_n_items (self))
    {
      self->n_shown = server_n_items (self);
      g_clear_handle_id (&self->show_id, g_source_remove);
    }
}

static void
on_server_notify_cb (GObject            *list,
                     GParamSpec         *pspec,
                     MedusaOrderHistory *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "loading"))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
  else if (g_str_equal (name, "n-total"))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_TOTAL]);
  else if (g_str_equal (name, "error"))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
}

/* Drops the store's list; listeners still know its items, returned. */
static GPtrArray *
drop_server (MedusaOrderHistory *self)
{
  GPtrArray *shown;

  if (self->server == NULL)
    return g_ptr_array_ref (self->items);

  g_signal_handlers_disconnect_by_data (self->server, self);
  shown = snapshot_items (self);
  medusa_order_list_cancel (self->server);
  g_clear_object (&self->server);
  g_clear_handle_id (&self->show_id, g_source_remove);
  self->n_shown = 0;
  return shown;
}

static void
use_server (MedusaOrderHistory *self)
{
  guint n_shown;

  cancel_local (self);

  if (self->server != NULL)
    {
      if (!medusa_order_query_equal (medusa_order_list_get_query (self->server), self->query))
        medusa_order_list_set_query (self->server, self->query);
      return;
    }

  /* Whatever the copy showed goes: the store's pages start from the first */
  n_shown = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  set_local (self, FALSE);

  self->server = g_object_new (MEDUSA_TYPE_ORDER_LIST,
                               "client", self->client,
                               "request-pages", MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES,
                               "prefetch", MEDUSA_ORDER_HISTORY_SERVER_PREFETCH,
                               "query", self->query,
                               NULL);
  g_signal_connect (self->server, "items-changed", G_CALLBACK (on_server_items_changed_cb), self);
  g_signal_connect (self->server, "notify", G_CALLBACK (on_server_notify_cb), self);
  self->n_shown = server_n_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_shown, self->n_shown);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
}

typedef struct
{
  MedusaOrderHistory *self;    /* (owned) */
  gboolean            append;  /* a further page, else the first pages again */
} LocalCall;

static void
on_local_orders_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LocalCall *call = user_data;
  g_autoptr(MedusaOrderHistory) self = call->self;
  gboolean append = call->append;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_total = 0;
  guint n;

  g_free (call);
  orders = medusa_account_store_get_orders_finish (MEDUSA_ACCOUNT_STORE (source), result, &n_total, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->local)
    return;
  g_clear_object (&self->local_cancellable);

  if (orders == NULL)
    {
      /* A copy that cannot answer (closed, damaged) is not asked again
       * until it changes: the store answers */
      g_debug ("The local copy could not list the orders: %s", error->message);
      self->copy_state = COPY_NONE;
      set_loading (self, FALSE);
      use_server (self);
      return;
    }

  n = g_list_model_get_n_items (orders);
  if (append)
    {
      guint before = self->items->len;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->items, g_list_model_get_item (orders, i));
      if (n > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n);
    }
  else
    {
      g_autoptr(GPtrArray) new_items = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (new_items, g_list_model_get_item (orders, i));
      replace_items (self, g_ptr_array_ref (self->items), new_items);
    }

  set_error (self, NULL);
  set_n_total (self, n_total);
  set_loading (self, FALSE);
}

/* Asks the copy for @limit orders from @offset (append), or again for what
 * is shown, at least one page (not append). */
static void
query_local (MedusaOrderHistory *self,
             gboolean            append)
{
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_order_query_to_store_filter (self->query);
  LocalCall *call;
  guint limit = MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE;

  g_assert (filter != NULL && self->store != NULL);

  cancel_local (self);
  if (append)
    medusa_store_order_filter_set_offset (filter, self->items->len);
  else
    limit = MAX (limit, self->items->len);
  medusa_store_order_filter_set_limit (filter, (int) MIN (limit, (guint) G_MAXINT));

  self->local_cancellable = g_cancellable_new ();
  call = g_new0 (LocalCall, 1);
  call->self = g_object_ref (self);
  call->append = append;
  set_loading (self, TRUE);
  medusa_account_store_get_orders_async (self->store, filter, self->local_cancellable,
                                         on_local_orders_cb, call);
}

/* The copy may be behind the store (orders placed since the last sync):
 * what it holds is shown at once, and a sync brings the rest, which then
 * comes in place (last-synced). A sync that runs already will do. */
static void
sync_copy (MedusaOrderHistory *self)
{
  if (!medusa_session_get_syncing (self->session))
    medusa_session_refresh_async (self->session, NULL, NULL, NULL);
}

static void
use_copy (MedusaOrderHistory *self)
{
  if (!self->local && !self->synced_once)
    {
      self->synced_once = TRUE;
      sync_copy (self);
    }

  if (self->server != NULL)
    {
      /* Listeners keep the store's orders they see until the copy's answer
       * replaces them where they differ */
      g_autoptr(GPtrArray) shown = drop_server (self);

      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&shown);
      set_error (self, NULL);
    }
  set_local (self, TRUE);
  query_local (self, FALSE);
}

static void
on_sync_state_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedusaOrderHistory) self = user_data;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  state = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      MEDUSA_ACCOUNT_STORE (source) != self->store)
    return;
  g_clear_object (&self->state_cancellable);

  self->copy_state = state != NULL && state->complete ? COPY_COMPLETE : COPY_NONE;
  decide (self);
}

/* The copy or the store, for self->query */
static void
decide (MedusaOrderHistory *self)
{
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;

  if (self->store == NULL)
    self->copy_state = COPY_NONE;

  if (self->copy_state == COPY_UNKNOWN)
    {
      if (self->state_cancellable != NULL)
        return;  /* asked already; the answer decides */
      if (self->server == NULL)
        set_loading (self, TRUE);
      self->state_cancellable = g_cancellable_new ();
      medusa_account_store_get_sync_state_async (self->store, self->state_cancellable,
                                                 on_sync_state_cb, g_object_ref (self));
      return;
    }

  filter = self->copy_state == COPY_COMPLETE ? medusa_order_query_to_store_filter (self->query) : NULL;
  if (filter != NULL)
    use_copy (self);
  else
    use_server (self);
}

static void
follow_store (MedusaOrderHistory *self)
{
  MedusaAccountStore *store = medusa_session_get_account_store (self->session);

  cancel_state (self);
  /* Signed out or locked: what is shown stays until the page lets it go */
  if (store == NULL && medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;
  g_set_object (&self->store, store);
  self->copy_state = COPY_UNKNOWN;
  decide (self);
}

static void
on_session_notify_account_store_cb (MedusaOrderHistory *self)
{
  if (medusa_session_get_account_store (self->session) != self->store)
    follow_store (self);
}

/* A sync finished: the copy may have changed, or become complete */
static void
on_session_notify_last_synced_cb (MedusaOrderHistory *self)
{
  if (medusa_session_get_last_synced (self->session) != NULL)
    follow_store (self);
}

static gboolean
on_more_idle_cb (gpointer user_data)
{
  MedusaOrderHistory *self = user_data;

  self->more_idle_id = 0;
  medusa_order_history_load_more (self);
  return G_SOURCE_REMOVE;
}

/* GListModel */

static GType
medusa_order_history_get_item_type (GListModel *list)
{
  return MEDUSA_TYPE_ORDER;
}

static guint
medusa_order_history_get_n_items (GListModel *list)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (list);

  if (self->server != NULL)
    return self->n_shown;
  return self->items->len;
}

static gpointer
medusa_order_history_get_item (GListModel *list,
                               guint       position)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (list);

  if (self->server != NULL)
    return position < self->n_shown ? g_list_model_get_item (G_LIST_MODEL (self->server), position) : NULL;

  if (position >= self->items->len)
    return NULL;

  /* As the store's list does: a view reaching the last loaded rows gets
   * the next page (not from inside get_item: that would change the list) */
  if (self->local && position + LOCAL_PREFETCH_DISTANCE >= self->items->len &&
      self->n_total > (gint64) self->items->len && !self->loading && self->more_idle_id == 0)
    self->more_idle_id = g_idle_add (on_more_idle_cb, self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
medusa_order_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = medusa_order_history_get_item_type;
  iface->get_n_items = medusa_order_history_get_n_items;
  iface->get_item = medusa_order_history_get_item;
}

/* GObject */

static void
medusa_order_history_dispose (GObject *object)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (object);

  medusa_order_history_cancel (self);
  g_clear_handle_id (&self->show_id, g_source_remove);
  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      g_clear_object (&self->server);
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (medusa_order_history_parent_class)->dispose (object);
}

static void
medusa_order_history_finalize (GObject *object)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->query, medusa_order_query_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (medusa_order_history_parent_class)->finalize (object);
}

static void
medusa_order_history_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_TOTAL:
      g_value_set_int64 (value, medusa_order_history_get_n_total (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, medusa_order_history_get_loading (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, medusa_order_history_get_error (self));
      break;
    case PROP_LOCAL:
      g_value_set_boolean (value, self->local);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_history_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      if (g_value_get_boxed (value) != NULL)
        {
          medusa_order_query_free (self->query);
          self->query = medusa_order_query_copy (g_value_get_boxed (value));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_history_constructed (GObject *object)
{
  MedusaOrderHistory *self = MEDUSA_ORDER_HISTORY (object);

  G_OBJECT_CLASS (medusa_order_history_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  self->client = g_object_ref (medusa_session_get_client (self->session));
  g_signal_connect_swapped (self->session, "notify::account-store",
                            G_CALLBACK (on_session_notify_account_store_cb), self);
  g_signal_connect_swapped (self->session, "notify::last-synced",
                            G_CALLBACK (on_session_notify_last_synced_cb), self);
  follow_store (self);
}

static void
medusa_order_history_class_init (MedusaOrderHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_order_history_constructed;
  object_class->dispose = medusa_order_history_dispose;
  object_class->finalize = medusa_order_history_finalize;
  object_class->get_property = medusa_order_history_get_property;
  object_class->set_property = medusa_order_history_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, MEDUSA_TYPE_ORDER_QUERY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_N_TOTAL] =
    g_param_spec_int64 ("n-total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_LOCAL] =
    g_param_spec_boolean ("local", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
medusa_order_history_init (MedusaOrderHistory *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->query = medusa_order_query_new ();
  self->n_total = -1;
  self->copy_state = COPY_UNKNOWN;
}

MedusaOrderHistory *
medusa_order_history_new (MedusaSession          *session,
                          const MedusaOrderQuery *query)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);
  g_return_val_if_fail (medusa_session_get_client (session) != NULL, NULL);

  return g_object_new (MEDUSA_TYPE_ORDER_HISTORY,
                       "session", session,
                       "query", query,
                       NULL);
}

MedusaClient *
medusa_order_history_get_client (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), NULL);
  return self->client;
}

const MedusaOrderQuery *
medusa_order_history_get_query (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), NULL);
  return self->query;
}

void
medusa_order_history_set_query (MedusaOrderHistory     *self,
                                const MedusaOrderQuery *query)
{
  g_return_if_fail (MEDUSA_IS_ORDER_HISTORY (self));
  g_return_if_fail (query != NULL);

  if (medusa_order_query_equal (self->query, query))
    return;
  medusa_order_query_free (self->query);
  self->query = medusa_order_query_copy (query);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_QUERY]);
  decide (self);
}

gint64
medusa_order_history_get_n_total (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), -1);
  if (self->server != NULL)
    return medusa_order_list_get_n_total (self->server);
  return self->n_total;
}

gboolean
medusa_order_history_get_loading (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), FALSE);
  /* From the store, loading until what came in is all shown */
  if (self->server != NULL)
    return medusa_order_list_get_loading (self->server) || self->show_id != 0;
  return self->loading;
}

const GError *
medusa_order_history_get_error (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), NULL);
  if (self->server != NULL)
    return medusa_order_list_get_error (self->server);
  return self->error;
}

gboolean
medusa_order_history_get_local (MedusaOrderHistory *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_HISTORY (self), FALSE);
  return self->local;
}

void
medusa_order_history_load_more (MedusaOrderHistory *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_HISTORY (self));

  if (self->server != NULL)
    {
      /* What came in is shown first (again, after a cancel): no
       * further request before */
      if (self->n_shown >= server_n_items (self))
        medusa_order_list_load_more (self->server);
      else
        start_showing (self);
    }
  else if (self->local && !self->loading && self->n_total > (gint64) self->items->len)
    query_local (self, TRUE);
}

void
medusa_order_history_reload (MedusaOrderHistory *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_HISTORY (self));

  if (self->server != NULL)
    medusa_order_list_reload (self->server);
  else
    {
      if (self->local)
        sync_copy (self);
      follow_store (self);
    }
}

void
medusa_order_history_cancel (MedusaOrderHistory *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_HISTORY (self));

  cancel_state (self);
  cancel_local (self);
  if (self->show_id != 0)
    {
      g_clear_handle_id (&self->show_id, g_source_remove);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOADING]);
    }
  if (self->server != NULL)
    medusa_order_list_cancel (self->server);
  if (self->loading)
    set_loading (self, FALSE);
}

/* One order's details */

typedef struct
{
  MedusaClient       *client;  /* (owned) */
  MedusaAccountStore *store;   /* (owned) (nullable) */
  char               *order_id;
  GError             *error;   /* the store's, kept while the copy is asked */
  gboolean            from_copy;
} DetailsData;

static void
details_data_free (DetailsData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data->order_id);
  g_clear_error (&data->error);
  g_free (data);
}

static gboolean
error_is_unreachable (const GError *error)
{
  return g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
}

static void fetch_details (GTask *task);

static void
on_details_put_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, &error) &&
      !g_error_matches (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CLOSED))
    g_debug ("The order's details were not saved in the local copy: %s", error->message);
}

static void
on_details_from_copy_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DetailsData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = medusa_account_store_get_order_details_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (order != NULL)
    {
      data->from_copy = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&order), g_object_unref);
      return;
    }
  if (error != NULL)
    g_debug ("The local copy could not give the order: %s", error->message);

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    fetch_details (g_steal_pointer (&task));  /* offline, but not in the copy */
}

static void
on_details_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DetailsData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GBytes) json = NULL;
  GError *error = NULL;

  order = medusa_client_fetch_order_json_finish (MEDUSA_CLIENT (source), result, &json, &error);
  if (order == NULL)
    {
      if (data->store != NULL && error_is_unreachable (error))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          data->error = error;
          medusa_account_store_get_order_details_async (data->store, data->order_id, cancellable,
                                                        on_details_from_copy_cb, g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, error);
      return;
    }

  /* Saved even when the page is gone: it was fetched */
  if (data->store != NULL)
    medusa_account_store_put_order_details_async (data->store, json, NULL, on_details_put_cb, NULL);
  g_task_return_pointer (task, g_steal_pointer (&order), g_object_unref);
}

static void
fetch_details (GTask *task)
{
  DetailsData *data = g_task_get_task_data (task);

  medusa_client_fetch_order_json_async (data->client, data->order_id, g_task_get_cancellable (task),
                                        on_details_fetched_cb, task);
}

void
medusa_order_details_load_async (MedusaSession       *session,
                                 const char          *order_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DetailsData *data;
  MedusaAccountStore *store;

  g_return_if_fail (MEDUSA_IS_SESSION (session));
  g_return_if_fail (medusa_session_get_client (session) != NULL);
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_order_details_load_async);
  data = g_new0 (DetailsData, 1);
  data->client = g_object_ref (medusa_session_get_client (session));
  store = medusa_session_get_account_store (session);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->order_id = g_strdup (order_id);
  g_task_set_task_data (task, data, (GDestroyNotify) details_data_free);

  /* Offline, the copy answers at once (no waiting for the network to fail) */
  if (data->store != NULL && medusa_session_get_offline (session))
    medusa_account_store_get_order_details_async (data->store, order_id, cancellable,
                                                  on_details_from_copy_cb, g_steal_pointer (&task));
  else
    fetch_details (g_steal_pointer (&task));
}

MedusaOrder *
medusa_order_details_load_finish (GAsyncResult  *result,
                                  gboolean      *from_copy,
                                  GError       **error)
{
  DetailsData *data;
  MedusaOrder *order;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_order_details_load_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  order = g_task_propagate_pointer (G_TASK (result), error);
  if (from_copy != NULL)
    *from_copy = order != NULL && data->from_copy;
  return order;
}
