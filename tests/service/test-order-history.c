/* test-order-history.c: the order history and an order's details, from the
 * local copy or from the store (MedusaOrderHistory, medusa_order_details_load)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against tests/fake, with the cache in a directory of its own
 * (G_TEST_OPTION_ISOLATE_DIRS).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "medusa-account-store.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "medusa-order.h"
#include "medusa-order-export.h"
#include "medusa-order-history.h"
#include "medusa-order-list.h"
#include "medusa-session.h"
#include "medusa-store-profiles.h"
#include "medusa-sync.h"
#include "service-fixture.h"

#define ADA_EMAIL    "ada@example.com"
#define ADA_PASSWORD "correct horse"
#define N_ORDERS     123   /* three pages of 50, the last one short */

typedef struct
{
  MedusaFakeServer *fake;      /* (owned) */
  MedusaSession    *session;   /* (owned) */
  char             *url;       /* (owned) */
  char             *customer_id; /* (owned) */
} Fixture;


/* Helpers */

static void
disable_retries (MedusaSession *session)
{
  MedusaRetryPolicy policy = { 0, 10, 10, 10 };

  medusa_client_set_retry_policy (medusa_session_get_client (session), &policy);
}

static MedusaSession *
new_session (Fixture *f)
{
  g_autoptr(MedusaSession) session = medusa_session_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (session, "auto-sync", FALSE, NULL);
  g_assert_true (medusa_session_set_store (session, f->url, NULL, "Fake Store", &error));
  g_assert_no_error (error);
  disable_retries (session);
  return g_steal_pointer (&session);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = medusa_fake_server_new ();
  f->customer_id = g_strdup (medusa_fake_server_add_customer (f->fake, ADA_EMAIL, ADA_PASSWORD,
                                                              "Ada", "Lovelace"));
  medusa_fake_server_add_address (f->fake, ADA_EMAIL, "Ada", "Lovelace", "Rue de Rivoli 1",
                                  "Paris", "fr", "75001");
  medusa_fake_server_add_orders (f->fake, ADA_EMAIL, N_ORDERS);
  f->url = g_strdup (medusa_fake_server_get_url (f->fake));
  f->session = new_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  medusa_store_profiles_remove (medusa_store_profiles_get_default (), f->url);

  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->customer_id, g_free);
}



/* Pumps the main context until @session has synced since @after (NULL: at
 * all) and is no longer syncing; fails after 60 s (ASan on a loaded machine). */
static void
wait_synced (MedusaSession *session,
             GDateTime     *after)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (;;)
    {
      GDateTime *last = medusa_session_get_last_synced (session);

      if (!medusa_session_get_syncing (session) && last != NULL &&
          (after == NULL || g_date_time_compare (last, after) > 0))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}


static void
session_sign_in (MedusaSession *session)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_session_sign_in_async (session, ADA_EMAIL, ADA_PASSWORD, NULL,
                                medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_sign_in_finish (session, result, &error));
  g_assert_no_error (error);
}

static gboolean
session_refresh (MedusaSession  *session,
                 GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_refresh_async (session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_refresh_finish (session, result, error);
}







/* Cases */

#define ORDERS_PATH "/store/customers/me/orders"

/* Pumps until the history stopped loading and knows its count; fails after 10 s. */
static void
wait_loaded (MedusaOrderHistory *history)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (medusa_order_history_get_loading (history) || medusa_order_history_get_n_total (history) < 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Order list requests that were not the sync's (it always sends fields=) */
static guint
n_history_requests (MedusaFakeServer *fake)
{
  guint n = 0;

  for (guint i = 0; i < medusa_fake_server_get_n_requests (fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (fake, i);
      const char *query = medusa_fake_request_get_query (request);

      if (g_strcmp0 (medusa_fake_request_get_path (request), ORDERS_PATH) == 0 &&
          (query == NULL || strstr (query, "fields=") == NULL))
        n++;
    }
  return n;
}

static gint64
nth_display_id (GListModel *list,
                guint       i)
{
  g_autoptr(MedusaOrder) order = g_list_model_get_item (list, i);

  g_assert_nonnull (order);
  return medusa_order_get_display_id (order);
}

/* The offset and limit of the @i-th order-list request */
static void
request_page (MedusaFakeServer *fake,
              guint             i,
              guint            *offset,
              guint            *limit)
{
  const MedusaFakeRequest *request = medusa_fake_server_get_request (fake, i);
  g_autoptr(GHashTable) params = g_uri_parse_params (medusa_fake_request_get_query (request), -1, "&",
                                                     G_URI_PARAMS_NONE, NULL);
  const char *value;

  g_assert_nonnull (params);
  value = g_hash_table_lookup (params, "offset");
  *offset = value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
  value = g_hash_table_lookup (params, "limit");
  g_assert_nonnull (value);
  *limit = (guint) g_ascii_strtoull (value, NULL, 10);
}

static void
test_query_to_filter (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;
  g_autoptr(MedusaStoreOrderFilter) none = NULL;
  g_autoptr(GDateTime) last = g_date_time_new_utc (9999, 12, 31, 23, 59, 59.999999);
  MedusaStoreSyncState state = { NULL, -1, NULL, TRUE, 0 };

  /* What the orders page asks for: the copy can answer it */
  medusa_order_query_set_q (query, "mug");
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  medusa_order_query_set_display_id (query, "42");
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, last);
  medusa_order_query_set_fields (query, "id,display_id");
  medusa_order_query_set_expand (query, "items");
  medusa_order_query_set_limit (query, 20);
  filter = medusa_order_query_to_store_filter (query);
  g_assert_nonnull (filter);
  g_assert_cmpstr (medusa_store_order_filter_get_text (filter), ==, "mug");
  g_assert_true (medusa_order_history_use_copy (&state, query));

  /* Only a complete copy answers */
  state.complete = FALSE;
  g_assert_false (medusa_order_history_use_copy (&state, query));
  g_assert_false (medusa_order_history_use_copy (NULL, query));

  /* A filter the copy does not hold goes to the store */
  state.complete = TRUE;
  medusa_order_query_set_email (query, "someone@example.com");
  none = medusa_order_query_to_store_filter (query);
  g_assert_null (none);
  g_assert_false (medusa_order_history_use_copy (&state, query));
}

/* A complete copy lists the orders by itself: the store is not asked, and a
 * store that does not answer does not hold the first rows back. Paging. */
static void
test_from_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MedusaOrderHistory) history = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  guint n_before;
  gint64 start;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 5000, 0);
  n_before = n_history_requests (f->fake);
  start = g_get_monotonic_time ();
  history = medusa_order_history_new (f->session, query);
  wait_loaded (history);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_true (medusa_order_history_get_local (history));
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, N_ORDERS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE);
  g_assert_cmpint (nth_display_id (G_LIST_MODEL (history), 0), ==, N_ORDERS);

  medusa_order_history_load_more (history);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2 * MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE);
  medusa_order_history_load_more (history);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, N_ORDERS);
  g_assert_cmpint (nth_display_id (G_LIST_MODEL (history), N_ORDERS - 1), ==, 1);
  /* Nothing more to load */
  medusa_order_history_load_more (history);
  g_assert_false (medusa_order_history_get_loading (history));

  /* The store was not asked for the list; the copy's sync was (and waits) */
  g_assert_cmpuint (n_history_requests (f->fake), ==, n_before);
  g_assert_true (medusa_session_get_syncing (f->session));
  medusa_fake_server_clear_faults (f->fake);
  wait_synced (f->session, NULL);
}

/* Without a copy the store answers through MedusaOrderList, as the orders
 * page pages it: the first page alone, then requests of
 * MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES pages, 1 +
 * MEDUSA_ORDER_HISTORY_SERVER_PREFETCH of them in flight at once, until the
 * last of 10,000 orders (a person pressing End on a long history). */
#define N_MANY 10000

static void
on_items_changed_max_added_cb (GListModel *list,
                               guint       position,
                               guint       removed,
                               guint       added,
                               guint      *max_added)
{
  *max_added = MAX (*max_added, added);
}

static void
test_server_pages_to_end (Fixture       *f,
                          gconstpointer  data)
{
  GSettings *settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  const guint page = MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE;
  const guint request = page * MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES;
  const guint per_load = request * (1 + MEDUSA_ORDER_HISTORY_SERVER_PREFETCH);
  g_autoptr(MedusaOrderHistory) history = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);  /* offset + 1 */
  guint n_loads = 0;
  guint max_added = 0;
  guint n, next_offset;

  if (settings == NULL)
    {
      g_test_skip ("needs the GSettings schema");
      return;
    }
  g_settings_set_boolean (settings, "keep-local-copy", FALSE);
  medusa_fake_server_add_orders (f->fake, ADA_EMAIL, N_MANY - N_ORDERS);
  session_sign_in (f->session);
  g_assert_null (medusa_session_get_account_store (f->session));
  medusa_fake_server_clear_requests (f->fake);

  history = medusa_order_history_new (f->session, query);
  wait_loaded (history);
  g_assert_false (medusa_order_history_get_local (history));
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, N_MANY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, page);
  g_assert_cmpuint (n_history_requests (f->fake), ==, 1);

  /* Each load asks for the next requests at once and adds them in order,
   * a page at a time (a view that follows the end binds a page a frame) */
  g_signal_connect (history, "items-changed", G_CALLBACK (on_items_changed_max_added_cb), &max_added);
  while ((n = g_list_model_get_n_items (G_LIST_MODEL (history))) < N_MANY)
    {
      medusa_order_history_load_more (history);
      g_assert_true (medusa_order_history_get_loading (history));
      wait_loaded (history);
      g_assert_null (medusa_order_history_get_error (history));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, MIN (n + per_load, N_MANY));
      g_assert_cmpuint (++n_loads, <=, N_MANY / per_load + 1);
    }
  g_assert_cmpuint (n_loads, ==, (N_MANY - page + per_load - 1) / per_load);
  g_assert_cmpuint (max_added, ==, page);

  /* The requests: offset 0 limit 20, then limit 100 from offset 20 on, each
   * offset once, up to the last order (those of one load arrive in any order) */
  g_assert_cmpuint (n_history_requests (f->fake), ==, 1 + (N_MANY - page + request - 1) / request);
  for (guint i = 0; i < medusa_fake_server_get_n_requests (f->fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *r = medusa_fake_server_get_request (f->fake, i);
      guint offset, limit;

      if (g_strcmp0 (medusa_fake_request_get_path (r), ORDERS_PATH) != 0)
        continue;
      request_page (f->fake, i, &offset, &limit);
      g_assert_cmpuint (limit, ==, offset == 0 ? page : request);
      g_assert_true (offset == 0 || (offset - page) % request == 0);
      g_assert_cmpuint (offset, <, N_MANY);
      g_assert_false (g_hash_table_contains (offsets, GUINT_TO_POINTER (offset + 1)));
      g_hash_table_add (offsets, GUINT_TO_POINTER (offset + 1));
    }
  for (next_offset = page; next_offset < N_MANY; next_offset += request)
    g_assert_true (g_hash_table_contains (offsets, GUINT_TO_POINTER (next_offset + 1)));

  /* Every order once, newest first */
  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (history), i);

      g_assert_cmpint (medusa_order_get_display_id (order), ==, N_MANY - i);
      g_assert_true (g_hash_table_add (ids, g_strdup (medusa_order_get_id (order))));
    }

  /* Nothing more to load */
  medusa_order_history_load_more (history);
  g_assert_false (medusa_order_history_get_loading (history));
  g_clear_object (&history);

  /* Signed out first: a copy turned on while signed in would be opened */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    medusa_session_sign_out_async (f->session, NULL, medusa_fake_async_result_cb, &slot);
    result = medusa_fake_wait_result (&slot);
    medusa_session_sign_out_finish (f->session, result, NULL);
  }
  g_settings_reset (settings, "keep-local-copy");
}

/* q searches the copy's full-text index, with the status filters */
static void
test_search_copy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderHistory) history = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  guint n_before;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  n_before = n_history_requests (f->fake);

  /* "Test Mug" is in every even order (61 of 123) */
  medusa_order_query_set_q (query, "Mug");
  history = medusa_order_history_new (f->session, query);
  wait_loaded (history);
  wait_synced (f->session, NULL);  /* the sync it asked for */
  wait_loaded (history);
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, 61);
  g_assert_cmpint (nth_display_id (G_LIST_MODEL (history), 0), ==, 122);

  /* FTS syntax is plain text */
  medusa_order_query_set_q (query, "\"mug* OR (");
  medusa_order_history_set_query (history, query);
  wait_loaded (history);
  g_assert_null (medusa_order_history_get_error (history));
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, 0);
  medusa_order_query_set_q (query, "mug*");
  medusa_order_history_set_query (history, query);
  wait_loaded (history);
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, 61);

  /* With a status: pending is every order k with k % 6 == 1 or 4; with a
   * mug, k % 6 == 4: 4, 10, ..., 118 */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  medusa_order_history_set_query (history, query);
  wait_loaded (history);
  g_assert_true (medusa_order_history_get_local (history));
  g_assert_cmpint (medusa_order_history_get_n_total (history), ==, 20);
  g_assert_cmpint (nth_display_id (G_LIST_MODEL (history), 0), ==, 118);

  g_assert_cmpuint (n_history_requests (f->fake), ==, n_before);

  /* A filter the copy does not hold: the store answers */
  medusa_order_query_set_email (query, ADA_EMAIL);
  medusa_order_history_set_query (history, query);
  g_assert_false (medusa_order_history_get_local (history));
  wait_loaded (history);
  g_assert_cmpuint (n_history_requests (f->fake), ==, n_before + 1);
  g_assert_nonnull (strstr (medusa_fake_request_get_query (medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH)),
                            "email="));
  g_assert_null (medusa_order_history_get_error (history));
}

typedef struct
{
  guint max_removed;
  guint n_signals;
} Changes;

static void
on_items_changed_cb (GListModel *list,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->max_removed = MAX (changes->max_removed, removed);
  changes->n_signals++;
}

/* Without a copy the store answers; when a sync makes the copy complete, and
 * when a later sync changes it, only what changed is replaced. */
static void
test_sync_updates_in_place (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MedusaOrderHistory) history = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(MedusaOrder) first = NULL;
  g_autoptr(MedusaOrder) second = NULL;
  g_autoptr(MedusaOrder) kept = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, 0 };

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  before = g_date_time_ref (medusa_session_get_last_synced (f->session));
  g_usleep (2000);
  history = medusa_order_history_new (f->session, query);
  wait_loaded (history);
  g_assert_true (medusa_order_history_get_local (history));
  /* The sync the history asked for when the copy first answered */
  wait_synced (f->session, before);
  wait_loaded (history);
  g_clear_pointer (&before, g_date_time_unref);
  second = g_list_model_get_item (G_LIST_MODEL (history), 1);
  g_signal_connect (history, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* The newest order ships, and a new one is placed */
  medusa_fake_server_touch_order (f->fake, N_ORDERS, "shipped", NULL);
  medusa_fake_server_add_orders (f->fake, ADA_EMAIL, 1);
  before = g_date_time_ref (medusa_session_get_last_synced (f->session));
  g_usleep (2000);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  wait_synced (f->session, before);
  while (medusa_order_history_get_n_total (history) != N_ORDERS + 1 || medusa_order_history_get_loading (history))
    g_main_context_iteration (NULL, TRUE);

  /* One insertion at the top, one replaced row, as many rows as were
   * shown (the last one goes); the rest kept as is */
  g_assert_cmpuint (changes.max_removed, <=, 1);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE);
  first = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_cmpint (medusa_order_get_display_id (first), ==, N_ORDERS + 1);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (history), 1);
  g_assert_cmpint (medusa_order_get_fulfillment_status (first), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  kept = g_list_model_get_item (G_LIST_MODEL (history), 2);
  g_assert_true (kept == second);
}

/* Details: online from the store (and saved in the copy), offline or
 * unreachable from the copy when it has them */
static MedusaOrder *
load_details (Fixture    *f,
              guint       display_id,
              gboolean   *from_copy,
              GError    **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_order_details_load_async (f->session, medusa_fake_server_get_order_id (f->fake, display_id), NULL,
                                   medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_order_details_load_finish (result, from_copy, error);
}

static void
test_details_from_copy (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) saved = NULL;
  g_autoptr(MedusaOrder) missing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_copy = TRUE;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  order = load_details (f, 8, &from_copy, &error);
  g_assert_no_error (error);
  g_assert_false (from_copy);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), >, 0);

  /* The store is gone */
  medusa_fake_server_add_fault (f->fake, "GET", "/store/orders/", MEDUSA_FAKE_FAULT_DISCONNECT, 0);
  saved = load_details (f, 8, &from_copy, &error);
  g_assert_no_error (error);
  g_assert_true (from_copy);
  g_assert_cmpint (medusa_order_get_display_id (saved), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (saved)), ==,
                    g_list_model_get_n_items (medusa_order_get_fulfillments (order)));

  /* Never opened: nothing saved, the store's error */
  missing = load_details (f, 9, &from_copy, &error);
  g_assert_null (missing);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK);
  g_assert_false (from_copy);
  medusa_fake_server_clear_faults (f->fake);
}


/* The display ids the copy matches for @query, all of them, in its order */
static GArray *
copy_display_ids (MedusaSession          *session,
                  const MedusaOrderQuery *query)
{
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_order_query_to_store_filter (query);
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 n_total = 0;

  medusa_account_store_get_orders_async (medusa_session_get_account_store (session), filter, NULL,
                                         medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  orders = medusa_account_store_get_orders_finish (medusa_session_get_account_store (session),
                                                   result, &n_total, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      gint64 id = nth_display_id (orders, i);

      g_array_append_val (ids, id);
    }
  g_assert_cmpint (n_total, ==, ids->len);
  return ids;
}

/* Exports @query from the session's copy into @path; the CSV's rows (the
 * header left out) and the order list requests it sent. */
static GStrv
export_from_copy (Fixture                *f,
                  const MedusaOrderQuery *query,
                  const char             *path,
                  GPtrArray              *requests)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GAsyncResult *slot = NULL;
  guint first = medusa_fake_server_get_n_requests (f->fake, NULL, NULL);

  export = medusa_order_export_new (medusa_session_get_client (f->session), query, file);
  g_assert_true (medusa_order_export_set_copy (export, medusa_session_get_account_store (f->session)));
  medusa_order_export_run_async (export, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_order_export_run_finish (export, result, &error));
  g_assert_no_error (error);

  for (guint i = first; i < medusa_fake_server_get_n_requests (f->fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (f->fake, i);

      if (g_strcmp0 (medusa_fake_request_get_path (request), ORDERS_PATH) == 0)
        g_ptr_array_add (requests, g_strdup (medusa_fake_request_get_query (request)));
    }

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  contents[strlen (contents) - 2] = '\0';
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "number,"));
  g_assert_cmpint (medusa_order_export_get_n_total (export), ==, g_strv_length (lines) - 1);
  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, g_strv_length (lines) - 1);
  return g_strdupv (lines + 1);
}

static void
assert_rows_are (GStrv   rows,
                 GArray *display_ids)
{
  g_assert_cmpuint (g_strv_length (rows), ==, display_ids->len);
  for (guint i = 0; i < display_ids->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT ",", g_array_index (display_ids, gint64, i));

      g_assert_true (g_str_has_prefix (rows[i], prefix));
    }
}

/* The export of a local history writes what the copy's search matches (not
 * the store's q), in its order, with the store's whole data, in the fewest
 * requests: pages of the store's list without q when they are fewer than
 * the matches, else one request per id; an id the pages missed (the store
 * changed since the copy) is asked for by itself. */
static void
test_export_from_copy (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autofree char *dir = g_dir_make_tmp ("medusa-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) rows = NULL;
  JsonObject *order;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  /* 61 matches, 123 orders: the three pages of the list without q */
  medusa_order_query_set_q (query, "Mug");
  ids = copy_display_ids (f->session, query);
  g_assert_cmpuint (ids->len, ==, 61);
  rows = export_from_copy (f, query, path, requests);
  assert_rows_are (rows, ids);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      const char *q = g_ptr_array_index (requests, i);

      g_assert_null (strstr (q, "q="));
      g_assert_nonnull (strstr (q, "expand=items%2Cfulfillments%2Cfulfillments.tracking_links"));
    }
  /* The store's data: order 122's totals and tracking number */
  order = medusa_fake_server_get_order_json (f->fake, 122);
  {
    g_autofree char *total = g_strdup_printf (",%" G_GINT64_FORMAT ".%02d,",
                                              json_object_get_int_member (order, "total") / 100,
                                              (int) (json_object_get_int_member (order, "total") % 100));

    g_assert_nonnull (strstr (rows[0], total));
  }
  g_clear_pointer (&rows, g_strfreev);
  g_clear_pointer (&ids, g_array_unref);
  g_ptr_array_set_size (requests, 0);

  /* One match: one request, by id */
  medusa_order_query_set_q (query, "117");
  ids = copy_display_ids (f->session, query);
  g_assert_cmpuint (ids->len, ==, 1);
  rows = export_from_copy (f, query, path, requests);
  assert_rows_are (rows, ids);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "id=order_"));
  g_assert_null (strstr (g_ptr_array_index (requests, 0), "q="));
  g_clear_pointer (&rows, g_strfreev);
  g_clear_pointer (&ids, g_array_unref);
  g_ptr_array_set_size (requests, 0);

  /* Pending with a mug (20) of the pending (41): one page; order 118 is
   * completed in the store since the sync, so the page misses it and it is
   * asked for by id, and written where the copy has it, as the store says */
  medusa_order_query_set_q (query, "Mug");
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  ids = copy_display_ids (f->session, query);
  g_assert_cmpuint (ids->len, ==, 20);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 118);
  order = medusa_fake_server_get_order_json (f->fake, 118);
  json_object_set_string_member (order, "status", "completed");
  rows = export_from_copy (f, query, path, requests);
  assert_rows_are (rows, ids);
  g_assert_true (g_str_has_prefix (rows[0], "118,"));
  g_assert_nonnull (strstr (rows[0], ",completed,"));
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 0), "=pending"));
  g_assert_nonnull (strstr (g_ptr_array_index (requests, 1), "id=order_"));

  g_remove (path);
  g_rmdir (dir);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_n_exported_cb (GObject    *object,
                  GParamSpec *pspec,
                  guint      *n_notified)
{
  (*n_notified)++;
}

/* From the copy too: "n-exported" moves page by page, "n-total" is the
 * copy's count, and Cancel while a page is on its way leaves no file */
static void
test_export_from_copy_cancel (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autofree char *dir = g_dir_make_tmp ("medusa-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  GAsyncResult *slot = NULL;
  guint n_notified = 0;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  /* The second page of the store's list takes its time */
  medusa_order_query_set_q (query, "Mug");
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH "?offset=50&", 3000, 1);
  export = medusa_order_export_new (medusa_session_get_client (f->session), query, file);
  g_assert_true (medusa_order_export_set_copy (export, medusa_session_get_account_store (f->session)));
  g_signal_connect (export, "notify::n-exported", G_CALLBACK (on_n_exported_cb), &n_notified);
  medusa_order_export_run_async (export, cancellable, medusa_fake_async_result_cb, &slot);
  while (n_notified == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The first page: orders 122 … 74, of which the 25 even ones have a mug */
  g_assert_cmpint (medusa_order_export_get_n_total (export), ==, 61);
  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, 25);
  g_timeout_add (200, cancel_cb, cancellable);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_order_export_run_finish (export, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  medusa_fake_server_clear_faults (f->fake);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/order-history/query-to-filter", test_query_to_filter);
  ADD ("/order-history/from-copy", test_from_copy);
  ADD ("/order-history/server-pages-to-end", test_server_pages_to_end);
  ADD ("/order-history/search-copy", test_search_copy);
  ADD ("/order-history/sync-updates-in-place", test_sync_updates_in_place);
  ADD ("/order-history/details-from-copy", test_details_from_copy);
  ADD ("/order-history/export-from-copy", test_export_from_copy);
  ADD ("/order-history/export-from-copy-cancel", test_export_from_copy_cancel);

#undef ADD

  return g_test_run ();
}
