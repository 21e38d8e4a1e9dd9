/* medusa-order-list.c: the order history as a GListModel that pages on demand
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-order.h"
#include "medusa-order-list.h"
#include "medusa-order-page.h"

/* g_list_model_get_item() on one of the last AUTO_LOAD_THRESHOLD loaded items
 * schedules the next page. */
#define AUTO_LOAD_THRESHOLD 5

struct _MedusaOrderList
{
  GObject           parent_instance;

  MedusaClient     *client;        /* (owned) (nullable) */
  MedusaOrderQuery *query;         /* (owned) never NULL; its limit/offset are ignored */
  guint             page_size;

  GPtrArray        *items;         /* (owned) of (owned) MedusaOrder summaries */
  GHashTable       *ids;           /* (owned) id → NULL; keys borrowed from @items */
  gint64            n_total;       /* the server's count; -1 before the first page */
  guint             next_offset;   /* server rows consumed so far (≥ items->len) */
  gboolean          exhausted;     /* a page came back empty: stop asking */

  guint             prefetch;      /* pages asked for with the wanted one */
  guint             request_pages; /* pages one request asks for, count known */

  gboolean          loading;
  GError           *error;         /* (owned) (nullable) of the last failed load */
  GCancellable     *cancellable;   /* (owned) (nullable) of the running load */
  GPtrArray        *slots;         /* (owned) of (owned) PageSlot: the running load's pages */
  guint             next_slot;     /* the first slot of @slots not applied yet */
  guint             auto_load_id;  /* idle source of an automatic load_more */
  gboolean          constructed;
};

static void medusa_order_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedusaOrderList, medusa_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      medusa_order_list_list_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_QUERY,
  PROP_PAGE_SIZE,
  PROP_N_TOTAL,
  PROP_LOADING,
  PROP_ERROR,
  PROP_HAS_MORE,
  PROP_PREFETCH,
  PROP_REQUEST_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One page of a load: the wanted page, or one of the pages fetched at the
 * same time (#MedusaOrderList:prefetch). Pages are applied in offset order,
 * whatever order they arrive in. */
typedef struct
{
  guint            offset;  /* the request's offset */
  gboolean         done;
  MedusaOrderPage *page;    /* (owned) (nullable) */
  GError          *error;   /* (owned) (nullable) */
} PageSlot;

static void
page_slot_free (PageSlot *slot)
{
  g_clear_object (&slot->page);
  g_clear_error (&slot->error);
  g_free (slot);
}

/* What one request needs to find its list again, if the list still exists
 * and still wants this page. The list itself is not kept alive by a load. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;  /* (owned) the load's own cancellable */
  guint         slot;         /* index in the load's slots */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_weak_ref_clear (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static gboolean
compute_has_more (MedusaOrderList *self)
{
  return self->n_total >= 0 &&
         !self->exhausted &&
         (gint64) self->next_offset < self->n_total;
}

static void
set_loading (MedusaOrderList *self,
             gboolean         loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_n_total (MedusaOrderList *self,
             gint64           n_total)
{
  if (self->n_total == n_total)
    return;

  self->n_total = n_total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
}

static void
take_error (MedusaOrderList *self,
            GError          *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Ends the running load: what is still on its way is cancelled, the pages
 * not applied yet are dropped. */
static void
finish_load (MedusaOrderList *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  g_ptr_array_set_size (self->slots, 0);
  self->next_slot = 0;
}

/* Cancels the running load, if any, and a scheduled one. The load's
 * callbacks see the cancellation (or a cancellable that is no longer ours)
 * and leave the list alone. Does not touch "loading": callers decide what
 * comes next. */
static void
cancel_load (MedusaOrderList *self)
{
  g_clear_handle_id (&self->auto_load_id, g_source_remove);
  finish_load (self);
}

/* Empties the list and forgets the paging state. Emits items-changed. */
static void
clear_items (MedusaOrderList *self)
{
  guint removed = self->items->len;

  g_hash_table_remove_all (self->ids);
  g_ptr_array_set_size (self->items, 0);
  self->next_offset = 0;
  self->exhausted = FALSE;
  set_n_total (self, -1);

  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}

/* Appends the orders of @orders that are not in the list yet; returns how
 * many were added. The server sorts by created_at DESC, so an order placed
 * while paging shifts the later pages down by one: de-duplicate by id. */
static guint
append_orders (MedusaOrderList *self,
               GListModel      *orders)
{
  guint n = orders != NULL ? g_list_model_get_n_items (orders) : 0;
  guint added = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      g_autoptr(MedusaOrder) summary = NULL;
      const char *id;

      if (order == NULL)
        continue;

      id = medusa_order_get_id (order);
      if (id != NULL && g_hash_table_contains (self->ids, id))
        continue;

      /* Only what a row shows is kept; the details page loads the order. */
      summary = medusa_order_copy_summary (order);
      id = medusa_order_get_id (summary);
      if (id != NULL)
        g_hash_table_add (self->ids, (gpointer) id);

      g_ptr_array_add (self->items, g_steal_pointer (&summary));
      added++;
    }

  return added;
}

/* Applies one page, in offset order. Returns FALSE when the pages after it
 * are not to be applied: it failed, it was the last of the load, or the
 * server has nothing more (an empty page, or the count reached). */
static gboolean
apply_slot (MedusaOrderList *self,
            PageSlot        *slot,
            gboolean         last)
{
  GListModel *orders;
  guint position;
  guint n_rows;
  guint added;

  if (slot->page == NULL)
    {
      GError *error = g_steal_pointer (&slot->error);

      /* Keep what is loaded; auto-loading stops until load_more/reload. */
      if (error == NULL)
        g_set_error_literal (&error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                             _("The store sent no list of orders"));
      g_debug ("Loading orders at offset %u failed: %s", self->next_offset, error->message);
      take_error (self, error);
      set_loading (self, FALSE);
      return FALSE;
    }

  orders = medusa_order_page_get_orders (slot->page);
  n_rows = orders != NULL ? g_list_model_get_n_items (orders) : 0;
  position = self->items->len;
  added = append_orders (self, orders);

  self->next_offset += n_rows;
  if (n_rows == 0)
    self->exhausted = TRUE;

  take_error (self, NULL);
  set_n_total (self, MAX (medusa_order_page_get_count (slot->page), (gint64) 0));
  g_clear_object (&slot->page);

  if (last || self->exhausted || !compute_has_more (self))
    {
      last = TRUE;
      /* Update the state before items-changed, so that views asking for
       * items from inside the emission can schedule the next page. */
      set_loading (self, FALSE);
    }

  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);

  return !last;
}

static gboolean auto_load_cb (gpointer user_data);

static void
load_page_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(MedusaOrderList) self = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_more;
  PageSlot *slot;

  page = medusa_client_list_order_summaries_finish (MEDUSA_CLIENT (source), result, &error);

  /* A cancelled load belongs to a query, a reload or a list that is gone:
   * touch nothing, not even @self. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_weak_ref_get (&data->self);
  if (self == NULL)
    return;

  /* Superseded by a newer load even though the cancellation came too late. */
  if (self->cancellable != data->cancellable || data->slot >= self->slots->len)
    return;

  slot = g_ptr_array_index (self->slots, data->slot);
  slot->done = TRUE;
  slot->page = g_steal_pointer (&page);
  slot->error = g_steal_pointer (&error);

  /* A later page waits for the ones before it. */
  if (data->slot != self->next_slot)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  had_more = compute_has_more (self);

  /* Keep the load alive while applying: views may call into the list
   * from items-changed. */
  while (self->next_slot < self->slots->len)
    {
      g_autoptr(GCancellable) cancellable = g_object_ref (self->cancellable);
      gboolean last = self->next_slot + 1 == self->slots->len;

      slot = g_ptr_array_index (self->slots, self->next_slot);
      if (!slot->done)
        break;
      if (slot->offset != self->next_offset)
        {
          /* The pages before this one were short (orders were deleted
           * meanwhile): drop the rest and ask again from here, as a view
           * would have when the last page came in. */
          finish_load (self);
          set_loading (self, FALSE);
          if (self->auto_load_id == 0 && compute_has_more (self))
            {
              self->auto_load_id = g_idle_add (auto_load_cb, self);
              g_source_set_name_by_id (self->auto_load_id, "[medusa] order list auto-load");
            }
          break;
        }

      self->next_slot++;
      if (!apply_slot (self, slot, last))
        {
          /* Whatever is still on its way is not wanted any more; a load
           * started from items-changed has its own cancellable. */
          if (self->cancellable == cancellable)
            {
              finish_load (self);
              set_loading (self, FALSE);
            }
          break;
        }
      if (self->cancellable != cancellable)
        break;
    }

  if (had_more != compute_has_more (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Starts one request of the running load, for @limit orders at @offset. */
static void
start_request (MedusaOrderList *self,
               guint            offset,
               guint            limit)
{
  g_autoptr(MedusaOrderQuery) query = NULL;
  PageSlot *slot;
  LoadData *data;

  query = medusa_order_query_copy (self->query);
  medusa_order_query_set_limit (query, (int) MIN (limit, (guint) G_MAXINT));
  medusa_order_query_set_offset (query, offset);

  slot = g_new0 (PageSlot, 1);
  slot->offset = offset;
  g_ptr_array_add (self->slots, slot);

  data = g_new0 (LoadData, 1);
  g_weak_ref_init (&data->self, self);
  data->cancellable = g_object_ref (self->cancellable);
  data->slot = self->slots->len - 1;

  medusa_client_list_order_summaries_async (self->client,
                                            query,
                                            self->cancellable,
                                            load_page_cb,
                                            data);
}

/* Starts loading the page at next_offset, and as many of the following
 * ones as #MedusaOrderList:prefetch asks for once the server's count is
 * known, all at the same time. The caller checked that a page is wanted. */
static void
load_page (MedusaOrderList *self)
{
  guint offset;
  guint limit = self->page_size;

  g_return_if_fail (self->client != NULL);

  cancel_load (self);

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  /* Once the count is known, one request may ask for several pages; and
   * when what is left would fill fewer requests than may be in flight, it
   * is shared between them (whole pages), so that the server works on them
   * at the same time: at pages of 50, 300 orders were 50 then 250 in one
   * request, now 50 then 150 and 100 together (history row of
   * tools/bench.sh, bench/README.md core lever 8). Not when a share would
   * be less than half a full request: each request has a cost of its own
   * for the server (Medusa 1.20: 15-40 ms, as much as 20-60 orders). */
  if (self->n_total >= 0)
    {
      guint64 full = (guint64) self->page_size * self->request_pages;
      guint64 left = self->n_total > self->next_offset ? (guint64) self->n_total - self->next_offset : 0;
      guint64 share = (left + self->prefetch) / ((guint64) self->prefetch + 1);

      share = (share + self->page_size - 1) / self->page_size * self->page_size;
      limit = (guint) MIN (share >= (full + 1) / 2 ? MIN (full, share) : full, (guint64) G_MAXINT);
    }

  offset = self->next_offset;
  start_request (self, offset, limit);

  for (guint i = 0; i < self->prefetch && self->n_total >= 0; i++)
    {
      if ((guint64) offset + limit >= (guint64) self->n_total ||
          (guint64) offset + limit > G_MAXINT)
        break;
      offset += limit;
      start_request (self, offset, limit);
    }
}

/* Drops everything and loads the first page (if there is a client). */
static void
restart (MedusaOrderList *self)
{
  gboolean had_more = compute_has_more (self);

  g_object_freeze_notify (G_OBJECT (self));

  cancel_load (self);
  take_error (self, NULL);
  clear_items (self);

  if (self->client != NULL)
    load_page (self);
  else
    set_loading (self, FALSE);

  if (had_more != compute_has_more (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
auto_load_cb (gpointer user_data)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (user_data);

  self->auto_load_id = 0;

  /* The state may have changed since get_item() asked. */
  if (self->client != NULL && !self->loading && self->error == NULL && compute_has_more (self))
    load_page (self);

  return G_SOURCE_REMOVE;
}

static GType
medusa_order_list_get_item_type (GListModel *model)
{
  return MEDUSA_TYPE_ORDER;
}

static guint
medusa_order_list_get_n_items (GListModel *model)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (model);

  return self->items->len;
}

static gpointer
medusa_order_list_get_item (GListModel *model,
                            guint       position)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (model);

  if (position >= self->items->len)
    return NULL;

  /* Near the end: fetch the next page, but never from inside get_item
   * (views call it while handling items-changed). */
  if ((guint64) position + AUTO_LOAD_THRESHOLD >= self->items->len &&
      self->auto_load_id == 0 &&
      self->client != NULL &&
      !self->loading &&
      self->error == NULL &&
      compute_has_more (self))
    {
      self->auto_load_id = g_idle_add (auto_load_cb, self);
      g_source_set_name_by_id (self->auto_load_id, "[medusa] order list auto-load");
    }

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
medusa_order_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = medusa_order_list_get_item_type;
  iface->get_n_items = medusa_order_list_get_n_items;
  iface->get_item = medusa_order_list_get_item;
}

static void
medusa_order_list_constructed (GObject *object)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  G_OBJECT_CLASS (medusa_order_list_parent_class)->constructed (object);

  self->constructed = TRUE;

  if (self->client != NULL)
    load_page (self);
}

static void
medusa_order_list_dispose (GObject *object)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  cancel_load (self);
  self->loading = FALSE;
  g_clear_object (&self->client);

  /* No items-changed: nobody can hold a reference to ask any more. */
  g_hash_table_remove_all (self->ids);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (medusa_order_list_parent_class)->dispose (object);
}

static void
medusa_order_list_finalize (GObject *object)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  g_clear_pointer (&self->query, medusa_order_query_free);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (medusa_order_list_parent_class)->finalize (object);
}

static void
medusa_order_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_N_TOTAL:
      g_value_set_int64 (value, self->n_total);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, compute_has_more (self));
      break;

    case PROP_PREFETCH:
      g_value_set_uint (value, self->prefetch);
      break;

    case PROP_REQUEST_PAGES:
      g_value_set_uint (value, self->request_pages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MedusaOrderList *self = MEDUSA_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      /* construct-only */
      self->client = g_value_dup_object (value);
      break;

    case PROP_QUERY:
      medusa_order_list_set_query (self, g_value_get_boxed (value));
      break;

    case PROP_PAGE_SIZE:
      medusa_order_list_set_page_size (self, g_value_get_uint (value));
      break;

    case PROP_PREFETCH:
      medusa_order_list_set_prefetch (self, g_value_get_uint (value));
      break;

    case PROP_REQUEST_PAGES:
      medusa_order_list_set_request_pages (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_list_class_init (MedusaOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_order_list_constructed;
  object_class->dispose = medusa_order_list_dispose;
  object_class->finalize = medusa_order_list_finalize;
  object_class->get_property = medusa_order_list_get_property;
  object_class->set_property = medusa_order_list_set_property;

  /**
   * MedusaOrderList:client:
   *
   * The client the pages are fetched with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MEDUSA_TYPE_CLIENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:query:
   *
   * The filters (a copy; never %NULL when read). Setting a different query
   * cancels the running load, empties the list and loads the first page.
   * A construct property: the first page is requested in constructed().
   */
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL,
                        MEDUSA_TYPE_ORDER_QUERY,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:page-size:
   *
   * How many orders one request asks for (the request's `limit`).
   * A construct property, so that g_object_new() can set it before the
   * first page is requested.
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL,
                       1, G_MAXINT, MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:n-total:
   *
   * How many orders match on the server (its `count`), or -1 before the
   * first page arrived.
   */
  properties[PROP_N_TOTAL] =
    g_param_spec_int64 ("n-total", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:loading:
   *
   * Whether a page is being fetched.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:error:
   *
   * The error of the last failed load, or %NULL. While it is set, the list
   * does not load further pages by itself.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:has-more:
   *
   * Whether the server has orders that are not loaded yet.
   */
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:prefetch:
   *
   * How many requests after the wanted one a load starts at the same time,
   * once #MedusaOrderList:n-total is known (the first page is always asked
   * for alone), each for #MedusaOrderList:request-pages pages. They are added in the server's order as they arrive;
   * #MedusaOrderList:loading stays %TRUE until the last one is in, and a
   * failed page stops the load there (the pages after it are dropped and
   * the error is set once). 0, the default, loads one page at a time.
   */
  properties[PROP_PREFETCH] =
    g_param_spec_uint ("prefetch", NULL, NULL,
                       0, MEDUSA_ORDER_LIST_MAX_PREFETCH, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * MedusaOrderList:request-pages:
   *
   * How many pages one request asks for once #MedusaOrderList:n-total is
   * known (its `limit` is page-size × request-pages; the first page is
   * always asked for alone). The server's cost of a request is mostly
   * fixed (Medusa 1.20.11 with the orders page's query: about 11 ms of its
   * CPU per request, 0.5 ms per order), so fewer, larger requests load a long history with much less
   * of it. The orders of one request are added at once. 1, the default,
   * asks for one page per request.
   */
  properties[PROP_REQUEST_PAGES] =
    g_param_spec_uint ("request-pages", NULL, NULL,
                       1, MEDUSA_ORDER_LIST_MAX_REQUEST_PAGES, 1,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_order_list_init (MedusaOrderList *self)
{
  self->query = medusa_order_query_new ();
  self->page_size = MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) page_slot_free);
  self->n_total = -1;
  self->request_pages = 1;
}

/**
 * medusa_order_list_new:
 * @client: the client to fetch with
 * @query: (nullable): the filters (copied); %NULL for none
 *
 * Returns: (transfer full): a list that starts loading its first page at once
 */
MedusaOrderList *
medusa_order_list_new (MedusaClient           *client,
                       const MedusaOrderQuery *query)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  return g_object_new (MEDUSA_TYPE_ORDER_LIST,
                       "client", client,
                       "query", query,
                       NULL);
}

/**
 * medusa_order_list_get_client:
 *
 * Returns: (transfer none) (nullable): the client
 */
MedusaClient *
medusa_order_list_get_client (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), NULL);

  return self->client;
}

/**
 * medusa_order_list_get_query:
 *
 * Returns: (transfer none): the filters; never %NULL
 */
const MedusaOrderQuery *
medusa_order_list_get_query (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), NULL);

  return self->query;
}

/**
 * medusa_order_list_set_query:
 * @query: (nullable): the new filters (copied); %NULL for none
 *
 * A query equal to the current one changes nothing (use
 * medusa_order_list_reload() to fetch again). Otherwise the running load is
 * cancelled, the list emptied, #MedusaOrderList:n-total reset to -1 and the
 * first page loaded.
 */
void
medusa_order_list_set_query (MedusaOrderList        *self,
                             const MedusaOrderQuery *query)
{
  g_autoptr(MedusaOrderQuery) empty = NULL;

  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  if (query == NULL)
    query = empty = medusa_order_query_new ();

  if (medusa_order_query_equal (self->query, query))
    return;

  g_clear_pointer (&self->query, medusa_order_query_free);
  self->query = medusa_order_query_copy (query);

  /* During construction, constructed() starts the first load. */
  if (self->constructed)
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
      restart (self);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

guint
medusa_order_list_get_page_size (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), 0);

  return self->page_size;
}

/* Applies to the pages loaded from now on. */
void
medusa_order_list_set_page_size (MedusaOrderList *self,
                                 guint            page_size)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));
  g_return_if_fail (page_size > 0);

  if (self->page_size == page_size)
    return;

  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

guint
medusa_order_list_get_prefetch (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), 0);

  return self->prefetch;
}

/* Applies to the loads started from now on. */
void
medusa_order_list_set_prefetch (MedusaOrderList *self,
                                guint            prefetch)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  prefetch = MIN (prefetch, MEDUSA_ORDER_LIST_MAX_PREFETCH);
  if (self->prefetch == prefetch)
    return;

  self->prefetch = prefetch;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFETCH]);
}

guint
medusa_order_list_get_request_pages (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), 1);

  return self->request_pages;
}

/* Applies to the loads started from now on. */
void
medusa_order_list_set_request_pages (MedusaOrderList *self,
                                     guint            request_pages)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));
  g_return_if_fail (request_pages > 0);

  request_pages = MIN (request_pages, MEDUSA_ORDER_LIST_MAX_REQUEST_PAGES);
  if (self->request_pages == request_pages)
    return;

  self->request_pages = request_pages;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_PAGES]);
}

gint64
medusa_order_list_get_n_total (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), -1);

  return self->n_total;
}

gboolean
medusa_order_list_get_loading (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), FALSE);

  return self->loading;
}

gboolean
medusa_order_list_get_has_more (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), FALSE);

  return compute_has_more (self);
}

/**
 * medusa_order_list_get_error:
 *
 * Returns: (transfer none) (nullable): the error of the last failed load
 */
const GError *
medusa_order_list_get_error (MedusaOrderList *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_LIST (self), NULL);

  return self->error;
}

/**
 * medusa_order_list_load_more:
 *
 * Loads the next page unless one is loading or all are loaded. After a
 * failed load this retries it (and clears #MedusaOrderList:error). Before
 * the first page arrived, it loads the first page.
 */
void
medusa_order_list_load_more (MedusaOrderList *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  if (self->client == NULL || self->loading)
    return;
  if (self->n_total >= 0 && !compute_has_more (self))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  take_error (self, NULL);
  load_page (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Drops what is loaded and loads the first page again; clears the error. */
void
medusa_order_list_reload (MedusaOrderList *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  restart (self);
}

/* Cancels any running load; what is loaded stays. */
void
medusa_order_list_cancel (MedusaOrderList *self)
{
  g_return_if_fail (MEDUSA_IS_ORDER_LIST (self));

  cancel_load (self);
  set_loading (self, FALSE);
}
