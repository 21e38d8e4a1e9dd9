/* test-order-list.c: MedusaOrderList paging against the fake Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "service-fixture.h"
#include "medusa-order.h"
#include "medusa-order-list.h"
#include "medusa-order-query.h"

#define EMAIL        "list@example.com"
#define PASSWORD     "supersecret"
#define N_ORDERS     47
#define PAGE_SIZE    10
#define ORDERS_PATH  "/store/customers/me/orders"
#define TIMEOUT_MS   10000

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  MedusaFakeServer *fake;    /* (owned) */
  MedusaClient     *client;  /* (owned) */
  GArray           *changes; /* (owned) of Change */
  GHashTable       *notifies; /* (owned) property name → count */
} Fixture;

/* Auxiliary methods */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main context until @cond holds; fails the test after TIMEOUT_MS. */
static void
pump_until (Condition cond,
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (TIMEOUT_MS, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Iterates the main context for @ms milliseconds. */
static void
pump_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_idle (gpointer data)
{
  return !medusa_order_list_get_loading (MEDUSA_ORDER_LIST (data));
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountCondition;

static gboolean
has_n_items (gpointer data)
{
  CountCondition *c = data;

  return g_list_model_get_n_items (c->model) == c->n;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Fixture    *f)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->notifies, pspec->name));

  g_hash_table_insert (f->notifies, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
n_notifies (Fixture    *f,
            const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->notifies, name));
}

static MedusaOrderList *
new_list (Fixture                *f,
          const MedusaOrderQuery *query,
          guint                   page_size)
{
  MedusaOrderList *list = g_object_new (MEDUSA_TYPE_ORDER_LIST,
                                        "client", f->client,
                                        "query", query,
                                        "page-size", page_size,
                                        NULL);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  g_signal_connect (list, "notify", G_CALLBACK (on_notify_cb), f);

  return list;
}

static guint
n_order_requests (Fixture *f)
{
  return medusa_fake_server_get_n_requests (f->fake, "GET", ORDERS_PATH);
}

static const char *
last_order_query (Fixture *f)
{
  const MedusaFakeRequest *request =
    medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH);

  g_assert_nonnull (request);
  return medusa_fake_request_get_query (request);
}

static gint64
display_id_at (MedusaOrderList *list,
               guint            position)
{
  g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (order);
  return medusa_order_get_display_id (order);
}

/* Every item is a MedusaOrder and the ids are unique. */
static void
assert_unique_orders (MedusaOrderList *list)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (MEDUSA_IS_ORDER (item));
      g_assert_true (g_hash_table_add (seen, g_strdup (medusa_order_get_id (MEDUSA_ORDER (item)))));
    }
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  MedusaRetryPolicy policy = { 0, 10, 10, 10 };

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_add_customer (f->fake, EMAIL, PASSWORD, "List", "Tester");
  medusa_fake_server_add_orders (f->fake, EMAIL, N_ORDERS);

  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->client);
  medusa_client_set_retry_policy (f->client, &policy);

  token = medusa_fake_server_issue_token (f->fake, EMAIL);
  g_assert_nonnull (token);
  medusa_client_set_token (f->client, token);

  f->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  f->notifies = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* let the connections wind down before checking for leaks */
  pump_for (20);

  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->fake));
  g_clear_pointer (&f->changes, g_array_unref);
  g_clear_pointer (&f->notifies, g_hash_table_unref);
}

/* Tests */

static void
test_first_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  g_autoptr(MedusaOrderQuery) query = NULL;
  const GError *error_prop = NULL;
  gint64 n_total = 0;
  Change *change;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MEDUSA_TYPE_ORDER);
  g_assert_true (medusa_order_list_get_client (list) == f->client);
  g_assert_cmpuint (medusa_order_list_get_page_size (list), ==, PAGE_SIZE);

  /* the first page is requested at construction */
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, -1);
  g_assert_false (medusa_order_list_get_has_more (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  pump_until (is_idle, list);

  g_assert_cmpuint (n_order_requests (f), ==, 1);
  g_assert_cmpstr (last_order_query (f), ==, "limit=10");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS);
  g_assert_true (medusa_order_list_get_has_more (list));
  g_assert_null (medusa_order_list_get_error (list));

  /* newest first */
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), PAGE_SIZE));
  assert_unique_orders (list);

  /* one items-changed for the page; property notifications */
  g_assert_cmpuint (f->changes->len, ==, 1);
  change = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, PAGE_SIZE);
  g_assert_cmpuint (n_notifies (f, "n-total"), ==, 1);
  g_assert_cmpuint (n_notifies (f, "has-more"), ==, 1);
  g_assert_cmpuint (n_notifies (f, "loading"), ==, 1); /* TRUE during construction is not notified */
  g_assert_cmpuint (n_notifies (f, "error"), ==, 0);

  /* the same through GObject properties */
  g_object_get (list, "n-total", &n_total, "error", &error_prop, "query", &query, NULL);
  g_assert_cmpint (n_total, ==, N_ORDERS);
  g_assert_null (error_prop);
  g_assert_nonnull (query);
  g_assert_false (medusa_order_query_has_filters (query));

  /* the get_item() calls above scheduled an auto-load that has not run
   * yet: finalizing must remove that idle */
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_auto_load (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  CountCondition c = { G_LIST_MODEL (list), 2 * PAGE_SIZE };
  g_autoptr(GObject) item = NULL;
  Change *change;

  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 1);

  /* far from the end: nothing happens */
  item = g_list_model_get_item (G_LIST_MODEL (list), PAGE_SIZE - 6);
  g_assert_nonnull (item);
  g_clear_object (&item);
  pump_for (50);
  g_assert_cmpuint (n_order_requests (f), ==, 1);
  g_assert_false (medusa_order_list_get_loading (list));

  /* one of the last 5 loaded: the next page is scheduled, not started
   * from inside get_item() */
  item = g_list_model_get_item (G_LIST_MODEL (list), PAGE_SIZE - 5);
  g_assert_nonnull (item);
  g_assert_false (medusa_order_list_get_loading (list));
  g_assert_cmpuint (n_order_requests (f), ==, 1);

  pump_until (has_n_items, &c);
  pump_until (is_idle, list);

  g_assert_cmpuint (n_order_requests (f), ==, 2);
  g_assert_cmpstr (last_order_query (f), ==, "offset=10&limit=10");
  g_assert_cmpint (display_id_at (list, PAGE_SIZE), ==, N_ORDERS - PAGE_SIZE);
  g_assert_cmpuint (f->changes->len, ==, 2);
  change = &g_array_index (f->changes, Change, 1);
  g_assert_cmpuint (change->position, ==, PAGE_SIZE);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, PAGE_SIZE);

  /* display_id_at() touched the items near the (new) end again: drain */
  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_load_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  guint requests;

  pump_until (is_idle, list);

  while (medusa_order_list_get_has_more (list))
    {
      medusa_order_list_load_more (list);
      g_assert_true (medusa_order_list_get_loading (list));
      /* a second call while loading is a no-op */
      medusa_order_list_load_more (list);
      pump_until (is_idle, list);
      g_assert_null (medusa_order_list_get_error (list));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS);
  g_assert_cmpuint (n_order_requests (f), ==, (N_ORDERS + PAGE_SIZE - 1) / PAGE_SIZE);
  g_assert_cmpstr (last_order_query (f), ==, "offset=40&limit=10");
  g_assert_cmpuint (f->changes->len, ==, 5);
  g_assert_cmpuint (g_array_index (f->changes, Change, 4).position, ==, 40);
  g_assert_cmpuint (g_array_index (f->changes, Change, 4).added, ==, 7);

  requests = n_order_requests (f);
  for (guint i = 0; i < N_ORDERS; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);

  /* everything is loaded: neither load_more nor get_item() near the end asks again */
  medusa_order_list_load_more (list);
  g_assert_false (medusa_order_list_get_loading (list));
  pump_for (50);
  g_assert_cmpuint (n_order_requests (f), ==, requests);

  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_deduplicate (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);

  pump_until (is_idle, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);

  /* three new orders arrive on top: the second page now starts with three
   * orders that the first page already had */
  medusa_fake_server_add_orders (f->fake, EMAIL, 3);

  medusa_order_list_load_more (list);
  pump_until (is_idle, list);

  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS + 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * PAGE_SIZE - 3);
  assert_unique_orders (list);
  g_assert_cmpint (display_id_at (list, PAGE_SIZE - 1), ==, N_ORDERS - PAGE_SIZE + 1);
  g_assert_cmpint (display_id_at (list, PAGE_SIZE), ==, N_ORDERS - PAGE_SIZE);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).added, ==, PAGE_SIZE - 3);

  /* paging continues from the server's offset, not the item count */
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpstr (last_order_query (f), ==, "offset=20&limit=10");
  assert_unique_orders (list);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_set_query_restarts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;
  g_autoptr(MedusaOrderQuery) completed = medusa_order_query_new ();
  guint n;

  /* the unfiltered first page is slow */
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 400, 1);
  list = new_list (f, NULL, PAGE_SIZE);
  g_assert_true (medusa_order_list_get_loading (list));
  pump_for (50);

  medusa_order_query_add_status (completed, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_order_query_set_limit (completed, 3);   /* replaced by the page size */
  medusa_order_query_set_offset (completed, 5);  /* replaced by the paging */
  medusa_order_list_set_query (list, completed);

  g_assert_true (medusa_order_query_equal (medusa_order_list_get_query (list), completed));
  g_assert_true (medusa_order_list_get_query (list) != completed);
  g_assert_cmpuint (n_notifies (f, "query"), ==, 1);
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, -1);

  pump_until (is_idle, list);
  g_assert_cmpstr (last_order_query (f), ==, "status[]=completed&limit=10");

  /* fake orders k = 2, 8, 14, ... are completed: 8 of 47 */
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, 8);
  g_assert_false (medusa_order_list_get_has_more (list));

  /* long enough for the cancelled slow answer to have arrived */
  pump_for (600);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
    }
  /* only the filtered page was ever added */
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).added, ==, 8);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, 8);

  /* an equal query changes nothing */
  medusa_order_list_set_query (list, completed);
  g_assert_false (medusa_order_list_get_loading (list));
  g_assert_cmpuint (n_notifies (f, "query"), ==, 1);

  /* a different query empties the list first, then loads */
  medusa_order_query_clear_statuses (completed);
  medusa_order_query_add_status (completed, MEDUSA_ORDER_STATUS_CANCELED);
  g_object_set (list, "query", completed, NULL);
  g_assert_cmpuint (n_notifies (f, "query"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).position, ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).removed, ==, 8);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).added, ==, 0);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, -1);

  pump_until (is_idle, list);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, 8);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_CANCELED);
    }

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_error_and_reload (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;
  const GError *error;
  guint requests;

  medusa_fake_server_add_status_fault (f->fake, "GET", ORDERS_PATH, 500, NULL, NULL, 1);
  list = new_list (f, NULL, PAGE_SIZE);
  pump_until (is_idle, list);

  error = medusa_order_list_get_error (list);
  g_assert_error ((GError *) error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_cmpuint (n_notifies (f, "error"), ==, 1);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, -1);
  g_assert_false (medusa_order_list_get_has_more (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* reload recovers and clears the error */
  medusa_order_list_reload (list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_true (medusa_order_list_get_loading (list));
  pump_until (is_idle, list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS);

  /* a failing second page keeps what is loaded ... */
  medusa_fake_server_add_status_fault (f->fake, "GET", ORDERS_PATH, 500, NULL, NULL, 1);
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_error ((GError *) medusa_order_list_get_error (list), MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);
  g_assert_true (medusa_order_list_get_has_more (list));

  /* ... and stops auto-loading */
  requests = n_order_requests (f);
  g_assert_cmpint (display_id_at (list, PAGE_SIZE - 1), ==, N_ORDERS - PAGE_SIZE + 1);
  pump_for (50);
  g_assert_cmpuint (n_order_requests (f), ==, requests);
  g_assert_false (medusa_order_list_get_loading (list));

  /* until load_more is called explicitly */
  medusa_order_list_load_more (list);
  g_assert_null (medusa_order_list_get_error (list));
  pump_until (is_idle, list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * PAGE_SIZE);
  g_assert_cmpstr (last_order_query (f), ==, "offset=10&limit=10");

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;

  medusa_fake_server_revoke_credentials (f->fake);
  list = new_list (f, NULL, PAGE_SIZE);
  pump_until (is_idle, list);

  g_assert_error ((GError *) medusa_order_list_get_error (list), MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;

  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 300, 1);
  list = new_list (f, NULL, PAGE_SIZE);
  g_assert_true (medusa_order_list_get_loading (list));

  medusa_order_list_cancel (list);
  g_assert_false (medusa_order_list_get_loading (list));
  g_assert_cmpuint (n_notifies (f, "loading"), ==, 1);

  pump_for (500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, -1);

  /* load_more starts over with the first page */
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_dispose_while_loading (Fixture       *f,
                            gconstpointer  data)
{
  MedusaOrderList *list;
  g_autoptr(GObject) item = NULL;

  /* disposed during the very first load */
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 300, 1);
  list = medusa_order_list_new (f->client, NULL);
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_finalize_object (list);
  pump_for (500);

  /* disposed while an automatic load is scheduled but not started */
  list = medusa_order_list_new (f->client, NULL);
  medusa_order_list_set_page_size (list, PAGE_SIZE); /* applies to the next page */
  pump_until (is_idle, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE);
  item = g_list_model_get_item (G_LIST_MODEL (list), MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE - 1);
  g_assert_nonnull (item);
  g_assert_finalize_object (list);
  pump_for (100);

  /* disposed while a later page is on its way */
  list = medusa_order_list_new (f->client, NULL);
  pump_until (is_idle, list);
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 300, 1);
  medusa_order_list_load_more (list);
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_finalize_object (list);
  pump_for (500);

  /* the orders the list handed out outlive it */
  g_assert_true (MEDUSA_IS_ORDER (item));
}

/* The list keeps what a row shows (the number of items among it), not the
 * line items themselves: the details page loads the whole order. */
static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  g_autoptr(MedusaOrder) order = NULL;

  pump_until (is_idle, list);
  order = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (order);
  g_assert_nonnull (medusa_order_get_id (order));
  g_assert_nonnull (medusa_order_get_created_at (order));
  g_assert_cmpint (medusa_order_get_n_items (order), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
  g_assert_null (medusa_order_get_shipping_address (order));

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

typedef struct
{
  Fixture *f;
  guint    n;
} RequestCondition;

static gboolean
has_n_requests (gpointer data)
{
  RequestCondition *c = data;

  return n_order_requests (c->f) >= c->n;
}

/* With "prefetch", a load asks for the wanted page and the next ones at the
 * same time, and adds them in the server's order whatever order they
 * arrive in. */
static void
test_prefetch (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  RequestCondition four = { f, 4 };
  guint prefetch = 0;

  medusa_order_list_set_prefetch (list, 2);
  g_object_get (list, "prefetch", &prefetch, NULL);
  g_assert_cmpuint (prefetch, ==, 2);
  g_assert_cmpuint (n_notifies (f, "prefetch"), ==, 1);

  /* the first page comes alone: the count is not known yet */
  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);

  /* the wanted page is slow, the two after it are not */
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH "?offset=10&", 1000, 1);
  medusa_order_list_load_more (list);
  g_assert_true (medusa_order_list_get_loading (list));
  pump_until (has_n_requests, &four);
  pump_for (150);
  g_assert_cmpuint (n_order_requests (f), ==, 4);
  g_assert_true (medusa_order_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);

  pump_until (is_idle, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4 * PAGE_SIZE);
  g_assert_cmpuint (f->changes->len, ==, 4);
  for (guint i = 1; i < 4; i++)
    {
      g_assert_cmpuint (g_array_index (f->changes, Change, i).position, ==, i * PAGE_SIZE);
      g_assert_cmpuint (g_array_index (f->changes, Change, i).added, ==, PAGE_SIZE);
    }
  g_assert_true (medusa_order_list_get_has_more (list));

  /* no page past the count is asked for */
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 5);
  g_assert_cmpstr (last_order_query (f), ==, "offset=40&limit=10");
  g_assert_false (medusa_order_list_get_has_more (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  for (guint i = 0; i < N_ORDERS; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);
  g_assert_null (medusa_order_list_get_error (list));

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A failed page in the middle of a load: the pages before it are added,
 * the error is set once, the pages after it are dropped, and load_more
 * asks again from the failed one. */
static void
test_prefetch_error (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  guint requests;

  medusa_order_list_set_prefetch (list, 2);
  pump_until (is_idle, list);

  medusa_fake_server_add_status_fault (f->fake, "GET", ORDERS_PATH "?offset=20&", 500, NULL, NULL, 1);
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);

  g_assert_error ((GError *) medusa_order_list_get_error (list), MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_cmpuint (n_notifies (f, "error"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * PAGE_SIZE);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_true (medusa_order_list_get_has_more (list));

  /* nothing arrives later, nothing loads by itself */
  requests = n_order_requests (f);
  g_assert_cmpint (display_id_at (list, 2 * PAGE_SIZE - 1), ==, N_ORDERS - 2 * PAGE_SIZE + 1);
  pump_for (100);
  g_assert_cmpuint (n_order_requests (f), ==, requests);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * PAGE_SIZE);

  medusa_order_list_load_more (list);
  g_assert_null (medusa_order_list_get_error (list));
  pump_until (is_idle, list);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (n_notifies (f, "error"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  for (guint i = 0; i < N_ORDERS; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Cancelling, or a new query, drops every page of the running load. */
static void
test_prefetch_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  g_autoptr(MedusaOrderQuery) completed = medusa_order_query_new ();

  medusa_order_list_set_prefetch (list, 2);
  pump_until (is_idle, list);

  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 200, 3);
  medusa_order_list_load_more (list);
  pump_for (50);
  medusa_order_list_cancel (list);
  g_assert_false (medusa_order_list_get_loading (list));
  pump_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_false (medusa_order_list_get_loading (list));

  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH, 200, 3);
  medusa_order_list_load_more (list);
  pump_for (50);
  medusa_order_query_add_status (completed, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_order_list_set_query (list, completed);
  pump_until (is_idle, list);
  pump_for (400);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
    }

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* An unchanged page is answered 304 to the ETag of the last answer and
 * the kept page is used again; a changed one is sent and parsed; another
 * credential never sees what the last one was sent. */
static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  g_autofree char *token = NULL;
  const MedusaFakeRequest *request;

  pump_until (is_idle, list);
  request = medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH);
  g_assert_null (medusa_fake_request_get_header (request, "If-None-Match"));
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);

  /* unchanged: 304, the same orders */
  medusa_order_list_reload (list);
  pump_until (is_idle, list);
  request = medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH);
  g_assert_nonnull (medusa_fake_request_get_header (request, "If-None-Match"));
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 304);
  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS);
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);

  /* changed: 200 and the new page */
  medusa_fake_server_add_orders (f->fake, EMAIL, 3);
  medusa_order_list_reload (list);
  pump_until (is_idle, list);
  request = medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH);
  g_assert_nonnull (medusa_fake_request_get_header (request, "If-None-Match"));
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS + 3);
  g_assert_cmpint (display_id_at (list, 0), ==, N_ORDERS + 3);

  /* a new credential starts without anything kept */
  token = medusa_fake_server_issue_token (f->fake, EMAIL);
  medusa_client_set_token (f->client, token);
  medusa_order_list_reload (list);
  pump_until (is_idle, list);
  request = medusa_fake_server_get_last_request (f->fake, "GET", ORDERS_PATH);
  g_assert_null (medusa_fake_request_get_header (request, "If-None-Match"));
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_ORDERS + 3);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* The client returns the very page it kept: not parsed again. */
static void
test_not_modified_same_page (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) first = NULL;
  g_autoptr(MedusaOrderPage) second = NULL;
  g_autoptr(MedusaOrderPage) other = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_order_query_set_limit (query, 5);
  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  first = medusa_client_list_orders_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  second = medusa_client_list_orders_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (second == first);

  /* another query is another page */
  medusa_order_query_set_offset (query, 5);
  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  other = medusa_client_list_orders_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (other != first);
  g_assert_cmpint (medusa_order_page_get_offset (other), ==, 5);
  g_assert_cmpuint (n_order_requests (f), ==, 3);
}

/* With "request-pages", one request asks for several pages once the count
 * is known; they are added at once. */
static void
test_request_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;
  guint request_pages = 0;

  list = g_object_new (MEDUSA_TYPE_ORDER_LIST, "client", f->client, "page-size", PAGE_SIZE,
                       "request-pages", 3, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  g_object_get (list, "request-pages", &request_pages, NULL);
  g_assert_cmpuint (request_pages, ==, 3);

  /* the first page alone: the count is not known yet */
  pump_until (is_idle, list);
  g_assert_cmpstr (last_order_query (f), ==, "limit=10");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, PAGE_SIZE);

  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 2);
  g_assert_cmpstr (last_order_query (f), ==, "offset=10&limit=30");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4 * PAGE_SIZE);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).position, ==, PAGE_SIZE);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).added, ==, 3 * PAGE_SIZE);

  /* with prefetch: the rest in requests of 30, at the same time (the 7
   * left are not shared: less than half a request each) */
  medusa_order_list_set_prefetch (list, 2);
  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 3);
  g_assert_cmpstr (last_order_query (f), ==, "offset=40&limit=30");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  g_assert_false (medusa_order_list_get_has_more (list));
  for (guint i = 0; i < N_ORDERS; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static gboolean
was_asked (Fixture    *f,
           const char *query)
{
  guint n = medusa_fake_server_get_n_requests (f->fake, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (medusa_fake_request_get_query (medusa_fake_server_get_request (f->fake, i)), query) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Once the count is known, what is left is shared between the requests that
 * may be in flight (whole pages) rather than asked for in one request, when
 * each share is at least half a request: 42 left with pages of 5,
 * request-pages 10 and prefetch 1 are 25 + 25, not 50 */
static void
test_request_pages_shared (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = NULL;

  list = g_object_new (MEDUSA_TYPE_ORDER_LIST, "client", f->client, "page-size", 5,
                       "request-pages", 10, "prefetch", 1, NULL);
  pump_until (is_idle, list);
  g_assert_cmpstr (last_order_query (f), ==, "limit=5");

  medusa_order_list_load_more (list);
  pump_until (is_idle, list);
  g_assert_cmpuint (n_order_requests (f), ==, 3);
  g_assert_true (was_asked (f, "offset=5&limit=25"));
  g_assert_true (was_asked (f, "offset=30&limit=25"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ORDERS);
  for (guint i = 0; i < N_ORDERS; i++)
    g_assert_cmpint (display_id_at (list, i), ==, N_ORDERS - i);
  assert_unique_orders (list);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static gboolean
asked_for_offset_15 (gpointer data)
{
  Fixture *f = data;
  guint n = medusa_fake_server_get_n_requests (f->fake, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (f->fake, i);

      if (g_strcmp0 (medusa_fake_request_get_query (request), "offset=15&limit=10") == 0)
        return TRUE;
    }
  return FALSE;
}

/* A short page in the middle of a load (orders deleted meanwhile): the
 * pages after it no longer follow; they are dropped and the list asks
 * again from where the short page ended, by itself. */
static void
test_prefetch_short_page (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MedusaOrderList) list = new_list (f, NULL, PAGE_SIZE);
  g_autoptr(GString) body = g_string_new ("{\"orders\":[");
  CountCondition all = { G_LIST_MODEL (list), PAGE_SIZE + 5 + (N_ORDERS - 15) };

  medusa_order_list_set_prefetch (list, 2);
  pump_until (is_idle, list);

  for (guint i = 0; i < 5; i++)
    g_string_append_printf (body, "%s{\"id\":\"order_short_%u\",\"display_id\":%u}",
                            i > 0 ? "," : "", i, 1000 + i);
  g_string_append_printf (body, "],\"count\":%u,\"offset\":10,\"limit\":10}", N_ORDERS);
  medusa_fake_server_add_status_fault (f->fake, "GET", ORDERS_PATH "?offset=10&", 200, NULL, body->str, 1);

  medusa_order_list_load_more (list);
  pump_until (asked_for_offset_15, f);
  pump_until (is_idle, list);
  while (medusa_order_list_get_has_more (list))
    {
      medusa_order_list_load_more (list);
      pump_until (is_idle, list);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all.n);

  g_assert_null (medusa_order_list_get_error (list));
  g_assert_cmpint (display_id_at (list, PAGE_SIZE), ==, 1000);
  g_assert_cmpint (display_id_at (list, PAGE_SIZE + 5), ==, N_ORDERS - 15);
  g_assert_cmpint (display_id_at (list, all.n - 1), ==, 1);
  assert_unique_orders (list);

  pump_until (is_idle, list);
  g_signal_handlers_disconnect_by_data (list, f);
  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/order-list/first-page", test_first_page);
  ADD ("/order-list/auto-load", test_auto_load);
  ADD ("/order-list/load-all", test_load_all);
  ADD ("/order-list/deduplicate", test_deduplicate);
  ADD ("/order-list/set-query-restarts", test_set_query_restarts);
  ADD ("/order-list/error-and-reload", test_error_and_reload);
  ADD ("/order-list/unauthorized", test_unauthorized);
  ADD ("/order-list/cancel", test_cancel);
  ADD ("/order-list/dispose-while-loading", test_dispose_while_loading);
  ADD ("/order-list/summaries", test_summaries);
  ADD ("/order-list/prefetch", test_prefetch);
  ADD ("/order-list/prefetch-error", test_prefetch_error);
  ADD ("/order-list/prefetch-cancel", test_prefetch_cancel);
  ADD ("/order-list/prefetch-short-page", test_prefetch_short_page);
  ADD ("/order-list/request-pages", test_request_pages);
  ADD ("/order-list/request-pages-shared", test_request_pages_shared);
  ADD ("/order-list/not-modified", test_not_modified);
  ADD ("/order-list/not-modified-same-page", test_not_modified_same_page);

#undef ADD

  return g_test_run ();
}
