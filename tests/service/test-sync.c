/* test-sync.c: the local copy of the account, filled and kept by the session
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against tests/fake, with the cache in a directory of its own
 * (G_TEST_OPTION_ISOLATE_DIRS). The restore cases need a Secret Service on
 * the session bus (as in test-session); without one they are skipped.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "medusa-account-json.h"
#include "medusa-account-store.h"
#include "medusa-credentials.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "medusa-order.h"
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

static int keyring_usable = -1;

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
keyring_clear (const char *url)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_credentials_clear_async (url, NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  medusa_credentials_clear_finish (result, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (keyring_usable == 1)
    keyring_clear (f->url);

  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));
  medusa_store_profiles_remove (medusa_store_profiles_get_default (), f->url);

  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->customer_id, g_free);
}

static gboolean
check_keyring (void)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) lookup = NULL;
  char *token = NULL;
  const char *probe_url = "http://keyring-probe.invalid";

  if (keyring_usable >= 0)
    return keyring_usable == 1;

  keyring_usable = 0;
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  medusa_credentials_store_async (probe_url, "probe@example.com", "probe-token", NULL,
                                  medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  if (!medusa_credentials_store_finish (result, &error))
    return FALSE;
  medusa_credentials_lookup_async (probe_url, "probe@example.com", NULL,
                                   medusa_fake_async_result_cb, &slot);
  lookup = medusa_fake_wait_result (&slot);
  token = medusa_credentials_lookup_finish (lookup, NULL);
  keyring_clear (probe_url);
  keyring_usable = g_strcmp0 (token, "probe-token") == 0 ? 1 : 0;
  medusa_credentials_free_token (token);

  return keyring_usable == 1;
}

static gboolean
skip_without_keyring (void)
{
  if (check_keyring ())
    return FALSE;
  g_test_skip ("needs a Secret Service on DBUS_SESSION_BUS_ADDRESS");
  return TRUE;
}

/* Pumps the main context until @session has synced since @after (NULL: at
 * all) and is no longer syncing; fails after 60 s (an ASan build on a loaded machine needs more than 10 s for the first full sync). */
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
wait_for_offline (MedusaSession *session,
                  gboolean       offline)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (medusa_session_get_offline (session) != offline || medusa_session_get_syncing (session))
    {
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

static gboolean
session_restore (MedusaSession  *session,
                 GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_restore_async (session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_restore_finish (session, result, error);
}

static void
session_sign_out (MedusaSession *session)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_session_sign_out_async (session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_sign_out_finish (session, result, &error));
  g_assert_no_error (error);
}

/* The orders the copy holds (all), newest first. */
static GListModel *
copy_orders (MedusaAccountStore *store,
             gint64             *n_total)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  medusa_account_store_get_orders_async (store, NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  orders = medusa_account_store_get_orders_finish (store, result, n_total, &error);
  g_assert_no_error (error);
  return orders;
}

static MedusaStoreSyncState *
copy_sync_state (MedusaAccountStore *store)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaStoreSyncState *state;

  medusa_account_store_get_sync_state_async (store, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  state = medusa_account_store_get_sync_state_finish (store, result, &error);
  g_assert_no_error (error);
  return state;
}

static MedusaOrder *
find_order (GListModel *orders,
            gint64      display_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      if (medusa_order_get_display_id (order) == display_id)
        return g_steal_pointer (&order);
    }
  return NULL;
}

static guint
n_order_requests (MedusaFakeServer *fake)
{
  return medusa_fake_server_get_n_requests (fake, "GET", "/store/customers/me/orders");
}

static gboolean
file_exists (const char *path,
             const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* Cases */

static void
test_first_sync (Fixture       *f,
                 gconstpointer  data)
{
  MedusaAccountStore *store;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  gint64 n_total = -1;
  guint n_requests;

  g_assert_null (medusa_session_get_account_store (f->session));
  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  store = medusa_session_get_account_store (f->session);
  g_assert_nonnull (store);
  g_assert_cmpstr (medusa_account_store_get_customer_id (store), ==, f->customer_id);
  g_assert_cmpstr (medusa_store_profiles_get_last_customer_id (medusa_store_profiles_get_default (), f->url),
                   ==, f->customer_id);

  /* Every order, in pages of 50 that each ask for updated_at. */
  orders = copy_orders (store, &n_total);
  g_assert_cmpint (n_total, ==, N_ORDERS);
  n_requests = n_order_requests (f->fake);
  g_assert_cmpuint (n_requests, ==, (N_ORDERS + MEDUSA_SYNC_PAGE_SIZE - 1) / MEDUSA_SYNC_PAGE_SIZE);
  for (guint i = 0; i < n_requests; i++)
    {
      const MedusaFakeRequest *request = NULL;

      for (guint k = 0; k < medusa_fake_server_get_n_requests (f->fake, NULL, NULL); k++)
        {
          const MedusaFakeRequest *r = medusa_fake_server_get_request (f->fake, k);

          if (g_strcmp0 (medusa_fake_request_get_path (r), "/store/customers/me/orders") == 0)
            {
              request = r;
              g_assert_nonnull (strstr (medusa_fake_request_get_query (request), "updated_at"));
              g_assert_nonnull (strstr (medusa_fake_request_get_query (request), "limit=50"));
            }
        }
      g_assert_nonnull (request);
    }

  state = copy_sync_state (store);
  g_assert_true (state->complete);
  g_assert_cmpint (state->server_count, ==, N_ORDERS);
  g_assert_cmpint (state->n_orders, ==, N_ORDERS);
  g_assert_nonnull (state->newest_updated_at);
  g_assert_nonnull (state->last_synced);
  g_assert_false (medusa_session_get_offline (f->session));

  /* The customer and the address are in the copy too. */
  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) addresses = NULL;

    medusa_account_store_get_addresses_async (store, NULL, medusa_fake_async_result_cb, &slot);
    result = medusa_fake_wait_result (&slot);
    addresses = medusa_account_store_get_addresses_finish (store, result, NULL);
    g_assert_nonnull (addresses);
    g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 1);
  }

  /* The file is the session's and nobody else's. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (medusa_account_store_get_path (store), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  MedusaAccountStore *store;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GDateTime) synced = NULL;
  const MedusaFakeRequest *request;
  GError *error = NULL;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  /* Nothing changed: one orders request. */
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_order_requests (f->fake), ==, 1);

  /* Order 7 was shipped since (an old one, far down the list). */
  medusa_fake_server_touch_order (f->fake, 7, "shipped", NULL);
  medusa_fake_server_clear_requests (f->fake);
  synced = g_date_time_ref (medusa_session_get_last_synced (f->session));
  g_usleep (2000);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_compare (medusa_session_get_last_synced (f->session), synced) > 0);

  g_assert_cmpuint (n_order_requests (f->fake), ==, 1);
  request = medusa_fake_server_get_last_request (f->fake, "GET", "/store/customers/me/orders");
  g_assert_nonnull (strstr (medusa_fake_request_get_query (request), "updated_at[gte]="));

  orders = copy_orders (store, NULL);
  order = find_order (orders, 7);
  g_assert_nonnull (order);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
}

/* A MedusaSync of its own on the copy the session filled. */
static MedusaCustomer *
run_sync (MedusaSync *sync)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  medusa_sync_run_async (sync, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  customer = medusa_sync_run_finish (sync, result, &error);
  g_assert_no_error (error);
  return customer;
}

static void
test_missed_resync (Fixture       *f,
                    gconstpointer  data)
{
  MedusaAccountStore *store;
  g_autoptr(MedusaSync) sync = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(MedusaOrder) missed = NULL;
  gint64 n_total = -1;
  gboolean seen_full_page = FALSE;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  /* An order the incremental query cannot see: updated long before the
   * newest one held (an import, a clock gone wrong). */
  medusa_fake_server_add_orders (f->fake, ADA_EMAIL, 1);
  medusa_fake_server_touch_order (f->fake, N_ORDERS + 1, NULL, long_ago);
  medusa_fake_server_clear_requests (f->fake);

  /* The next start's first sync compares the count and fetches it all. */
  sync = medusa_sync_new (medusa_session_get_client (f->session), store);
  customer = run_sync (sync);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, f->customer_id);
  g_assert_true (medusa_sync_get_last_run_probed (sync));
  g_assert_true (medusa_sync_get_last_run_full (sync));

  orders = copy_orders (store, &n_total);
  g_assert_cmpint (n_total, ==, N_ORDERS + 1);
  missed = find_order (orders, N_ORDERS + 1);
  g_assert_nonnull (missed);

  for (guint k = 0; k < medusa_fake_server_get_n_requests (f->fake, NULL, NULL); k++)
    {
      const MedusaFakeRequest *r = medusa_fake_server_get_request (f->fake, k);
      const char *query = medusa_fake_request_get_query (r);

      if (g_strcmp0 (medusa_fake_request_get_path (r), "/store/customers/me/orders") == 0 &&
          strstr (query, "updated_at[") == NULL && strstr (query, "limit=50") != NULL)
        seen_full_page = TRUE;
    }
  g_assert_true (seen_full_page);

  state = copy_sync_state (store);
  g_assert_true (state->complete);
  g_assert_cmpint (state->server_count, ==, N_ORDERS + 1);

  /* Now all is held: the same sync again costs one orders request. */
  medusa_fake_server_clear_requests (f->fake);
  g_clear_object (&customer);
  customer = run_sync (sync);
  g_assert_cmpuint (n_order_requests (f->fake), ==, 1);
  g_assert_cmpuint (medusa_sync_get_n_page_requests (sync), ==, 1);
  g_assert_false (medusa_sync_get_last_run_full (sync));
  g_assert_false (medusa_sync_get_last_run_probed (sync));
}

/* ETags and 304 */

#define BEA_EMAIL    "bea@example.com"
#define BEA_PASSWORD "battery staple"

/* The requests to the customer's routes the sync repeats, since the log was
 * cleared: how many, how many carried If-None-Match, how many got 304. */
typedef struct
{
  guint n;
  guint n_conditional;
  guint n_not_modified;
} Conditional;

static Conditional
conditional_requests (MedusaFakeServer *fake,
                      const char       *path)
{
  Conditional c = { 0, 0, 0 };

  for (guint k = 0; k < medusa_fake_server_get_n_requests (fake, NULL, NULL); k++)
    {
      const MedusaFakeRequest *r = medusa_fake_server_get_request (fake, k);

      if (g_strcmp0 (medusa_fake_request_get_method (r), "GET") != 0 ||
          g_strcmp0 (medusa_fake_request_get_path (r), path) != 0)
        continue;
      /* The orders' count check (limit=1) is not repeated with an ETag. */
      if (strstr (path, "/orders") != NULL && strstr (medusa_fake_request_get_query (r), "limit=1&") != NULL)
        continue;
      c.n++;
      if (medusa_fake_request_get_header (r, "If-None-Match") != NULL)
        c.n_conditional++;
      if (medusa_fake_request_get_status (r) == 304)
        c.n_not_modified++;
    }
  return c;
}

static const char *routes[] = {
  "/store/customers/me", "/store/customers/me/payment-methods", "/store/customers/me/orders",
};

static void
assert_no_if_none_match (MedusaFakeServer *fake)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      Conditional c = conditional_requests (fake, routes[i]);

      g_assert_cmpuint (c.n, >, 0);
      g_assert_cmpuint (c.n_conditional, ==, 0);
    }
}

static void
assert_all_not_modified (MedusaFakeServer *fake)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      Conditional c = conditional_requests (fake, routes[i]);

      g_test_message ("%s: %u requests, %u with If-None-Match, %u answered 304",
                      routes[i], c.n, c.n_conditional, c.n_not_modified);
      g_assert_cmpuint (c.n, ==, 1);
      g_assert_cmpuint (c.n_conditional, ==, 1);
      g_assert_cmpuint (c.n_not_modified, ==, 1);
    }
}

static void
put_orders_json (MedusaAccountStore *store,
                 JsonObject         *order)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonArray *array = json_array_new ();
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  json_array_add_object_element (array, json_object_ref (order));
  json_object_set_array_member (root, "orders", array);
  json_node_take_object (node, root);
  text = json_to_string (node, FALSE);
  bytes = g_bytes_new (text, strlen (text));
  medusa_account_store_put_orders_async (store, bytes, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_account_store_put_finish (store, result, &error));
  g_assert_no_error (error);
}

static MedusaFulfillmentStatus
copy_fulfillment_status (MedusaAccountStore *store,
                         guint               display_id)
{
  g_autoptr(GListModel) orders = copy_orders (store, NULL);
  g_autoptr(MedusaOrder) order = find_order (orders, display_id);

  g_assert_nonnull (order);
  return medusa_order_get_fulfillment_status (order);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  MedusaAccountStore *store;
  g_autoptr(MedusaStoreSyncState) before = NULL;
  g_autoptr(MedusaStoreSyncState) after = NULL;
  g_autoptr(GDateTime) synced = NULL;
  g_autofree char *newest = NULL;
  JsonObject *sentinel;
  Conditional c;
  GError *error = NULL;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  /* The first incremental sync: its query was never asked before (the
   * customer's and payment methods' ETags came with the first sync). */
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  c = conditional_requests (f->fake, "/store/customers/me/orders");
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpuint (c.n_conditional, ==, 0);
  c = conditional_requests (f->fake, "/store/customers/me");
  g_assert_cmpuint (c.n_not_modified, ==, 1);

  /* A change in the copy only (the newest order, updated_at kept): only a
   * put of the store's answer would undo it. */
  before = copy_sync_state (store);
  newest = g_date_time_format_iso8601 (before->newest_updated_at);
  {
    /* A deep copy (json_node_copy() would share the fake's object). */
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                      medusa_fake_server_get_order_json (f->fake, N_ORDERS));
    g_autofree char *text = json_to_string (node, FALSE);
    g_autoptr(JsonNode) copy = json_from_string (text, NULL);

    sentinel = json_object_ref (json_node_get_object (copy));
  }
  json_object_set_string_member (sentinel, "fulfillment_status", "partially_returned");
  json_object_set_string_member (sentinel, "updated_at", newest);
  put_orders_json (store, sentinel);
  g_assert_cmpint (copy_fulfillment_status (store, N_ORDERS), ==, MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED);

  /* Unchanged: each request with If-None-Match, each answered 304, nothing
   * put, and the sync counts as done. */
  medusa_fake_server_clear_requests (f->fake);
  synced = g_date_time_ref (medusa_session_get_last_synced (f->session));
  g_usleep (2000);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  assert_all_not_modified (f->fake);
  g_assert_cmpint (copy_fulfillment_status (store, N_ORDERS), ==, MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED);
  g_assert_true (g_date_time_compare (medusa_session_get_last_synced (f->session), synced) > 0);
  after = copy_sync_state (store);
  g_assert_true (after->complete);
  g_assert_cmpint (after->n_orders, ==, N_ORDERS);
  g_assert_true (g_date_time_compare (after->last_synced, before->last_synced) > 0);
  g_assert_true (g_date_time_equal (after->newest_updated_at, before->newest_updated_at));

  /* Order 7 shipped since: the same request with its ETag gets 200, and
   * the change lands (the page is put: the sentinel is undone too). */
  medusa_fake_server_touch_order (f->fake, 7, "shipped", NULL);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  c = conditional_requests (f->fake, "/store/customers/me/orders");
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpuint (c.n_conditional, ==, 1);
  g_assert_cmpuint (c.n_not_modified, ==, 0);
  g_assert_cmpint (copy_fulfillment_status (store, 7), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpint (copy_fulfillment_status (store, N_ORDERS), !=, MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED);

  /* A new updated_at[gte] is a new request: its first answer is a 200, the
   * next one a 304 again. */
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  c = conditional_requests (f->fake, "/store/customers/me/orders");
  g_assert_cmpuint (c.n_not_modified, ==, 0);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  assert_all_not_modified (f->fake);
  json_object_unref (sentinel);
}

/* A missed order is still found when the incremental query is answered 304:
 * the count check of a new sync compares the count kept with the page. */
static void
test_not_modified_count_check (Fixture       *f,
                               gconstpointer  data)
{
  MedusaAccountStore *store;
  g_autoptr(MedusaSync) sync = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  gint64 n_total = -1;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  /* A sync of its own: its first run checks the count; the second keeps
   * the ETags; the third is all 304. */
  sync = medusa_sync_new (medusa_session_get_client (f->session), store);
  customer = run_sync (sync);
  g_clear_object (&customer);
  customer = run_sync (sync);
  g_clear_object (&customer);
  customer = run_sync (sync);
  g_assert_cmpuint (medusa_sync_get_n_not_modified (sync), ==, 3);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, f->customer_id);

  /* An order the incremental query cannot see: the page stays 304, and the
   * run of a new sync on the same copy (the next start) finds it. */
  medusa_fake_server_add_orders (f->fake, ADA_EMAIL, 1);
  medusa_fake_server_touch_order (f->fake, N_ORDERS + 1, NULL, long_ago);
  g_clear_object (&customer);
  customer = run_sync (sync);
  g_assert_cmpuint (medusa_sync_get_n_not_modified (sync), ==, 3);
  g_clear_object (&sync);

  sync = medusa_sync_new (medusa_session_get_client (f->session), store);
  g_clear_object (&customer);
  customer = run_sync (sync);
  g_assert_true (medusa_sync_get_last_run_probed (sync));
  g_assert_true (medusa_sync_get_last_run_full (sync));
  g_assert_cmpuint (medusa_sync_get_n_not_modified (sync), ==, 0);
  g_clear_object (&customer);
  g_object_unref (copy_orders (store, &n_total));
  g_assert_cmpint (n_total, ==, N_ORDERS + 1);
}

/* The ETags of one customer's copy are never sent for another one's. */
static void
test_etag_per_customer (Fixture       *f,
                        gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  medusa_fake_server_add_customer (f->fake, BEA_EMAIL, BEA_PASSWORD, "Bea", "Lovelace");
  medusa_fake_server_add_orders (f->fake, BEA_EMAIL, 3);

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  assert_all_not_modified (f->fake);

  /* Bea signs in on the same client: her first sync asks without any
   * (her payment methods' answer is the same text as Ada's: same ETag). */
  session_sign_out (f->session);
  medusa_fake_server_clear_requests (f->fake);
  medusa_session_sign_in_async (f->session, BEA_EMAIL, BEA_PASSWORD, NULL,
                                medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_sign_in_finish (f->session, result, &error));
  g_assert_no_error (error);
  wait_synced (f->session, NULL);
  assert_no_if_none_match (f->fake);

  /* Her own ETags, from her own answers, she does send. */
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  assert_all_not_modified (f->fake);
  session_sign_out (f->session);
}

/* An ETag too long or with control characters is never kept nor sent. */
static void
test_hostile_etag (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *too_long = NULL;
  const char *hostile[] = { NULL, "W/\"a\x01" "b\"", "W/\"a\tb\"", "W/\"caf\xc3\xa9\"" };
  GError *error = NULL;

  too_long = g_strnfill (300, 'a');
  too_long[0] = '"';
  too_long[299] = '"';
  hostile[0] = too_long;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  /* A valid fixed ETag is sent back (the fake answers 304 to it) ... */
  medusa_fake_server_set_etag (f->fake, "W/\"fine\"");
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  assert_all_not_modified (f->fake);
  g_assert_cmpstr (medusa_fake_request_get_header (medusa_fake_server_get_last_request (f->fake, "GET", "/store/customers/me"),
                                                   "If-None-Match"), ==, "W/\"fine\"");

  /* ... a hostile one never: the requests go without, and succeed. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      medusa_fake_server_set_etag (f->fake, hostile[i]);
      g_assert_true (session_refresh (f->session, &error));
      g_assert_no_error (error);
      medusa_fake_server_clear_requests (f->fake);
      g_assert_true (session_refresh (f->session, &error));
      g_assert_no_error (error);
      assert_no_if_none_match (f->fake);
    }
}

/* A page of orders (or the count probe's answer) whose "count" is not a
 * number: the run fails with a parse error (no json-glib critical, the
 * tests run with fatal criticals) and the copy is kept as it was. */
static void
test_hostile_count (Fixture       *f,
                    gconstpointer  data)
{
  const char *counts[] = { "{\"n\": 1}", "[1]", "\"123\"", "1.5" };
  MedusaAccountStore *store;
  gint64 n_total = -1;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"orders\": [], \"count\": %s, \"offset\": 0, \"limit\": 50}",
                                               counts[i]);

      for (guint probe = 0; probe < 2; probe++)
        {
          g_autoptr(MedusaSync) sync = medusa_sync_new (medusa_session_get_client (f->session), store);
          GAsyncResult *slot = NULL;
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(MedusaCustomer) customer = NULL;
          g_autoptr(GError) error = NULL;

          /* A new sync's first run checks the count with a probe of one
           * order ("limit=1"), after the pages (incremental: "updated_at"). */
          medusa_fake_server_add_status_fault (f->fake, "GET",
                                               probe ? "/store/customers/me/orders?limit=1&"
                                                     : "/store/customers/me/orders?updated_at",
                                               200, NULL, body, 1);
          medusa_sync_run_async (sync, NULL, medusa_fake_async_result_cb, &slot);
          result = medusa_fake_wait_result (&slot);
          customer = medusa_sync_run_finish (sync, result, &error);
          g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
          g_assert_null (customer);
          medusa_fake_server_clear_faults (f->fake);
        }
    }

  g_object_unref (copy_orders (store, &n_total));
  g_assert_cmpint (n_total, ==, N_ORDERS);
}

/* A page of orders reaches the local copy as the bytes the store sent:
 * neither parsed by the client nor written out again (the page check
 * parses it once, in a thread, and the copy's worker puts from that tree). */
static void
test_page_bytes (Fixture       *f,
                 gconstpointer  data)
{
  /* Spacing and member order that json-glib would not write */
  static const char body[] = "{ \"count\" : 1,\n  \"orders\" : [ ],  \"offset\": 0, \"limit\": 50 }";
  MedusaClient *client;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  client = medusa_session_get_client (f->session);

  for (guint conditional = 0; conditional < 2; conditional++)
    {
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gboolean not_modified = TRUE;

      medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders", 200, NULL, body, 1);
      if (conditional)
        medusa_client_fetch_account_json_if_changed_async (client, MEDUSA_ACCOUNT_JSON_ORDERS, query, NULL,
                                                           NULL, medusa_fake_async_result_cb, &slot);
      else
        medusa_client_fetch_account_json_async (client, MEDUSA_ACCOUNT_JSON_ORDERS, query,
                                                NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      if (conditional)
        bytes = medusa_client_fetch_account_json_if_changed_finish (client, result, &not_modified, NULL, &error);
      else
        bytes = medusa_client_fetch_account_json_finish (client, result, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), body, strlen (body));
      if (conditional)
        g_assert_false (not_modified);
    }

  /* The customer of a conditional fetch (the sync's) too. */
  {
    static const char customer_body[] = "{ \"customer\" : { \"id\" : \"cus_x\" } }";
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    gboolean not_modified = TRUE;

    medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 200, NULL, customer_body, 1);
    medusa_client_fetch_account_json_if_changed_async (client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL, NULL,
                                                       NULL, medusa_fake_async_result_cb, &slot);
    result = medusa_fake_wait_result (&slot);
    bytes = medusa_client_fetch_account_json_if_changed_finish (client, result, &not_modified, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (not_modified);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     customer_body, strlen (customer_body));
  }

  /* A body that is not JSON at all is still refused by the client. */
  {
    MedusaFakeFaultSpec html = { MEDUSA_FAKE_FAULT_STATUS, 200, NULL, "text/html", "<html>orders</html>", 0 };
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    medusa_fake_server_add_fault_full (f->fake, "GET", "/store/customers/me/orders", &html, 1);
    medusa_client_fetch_account_json_async (client, MEDUSA_ACCOUNT_JSON_ORDERS, query,
                                            NULL, medusa_fake_async_result_cb, &slot);
    result = medusa_fake_wait_result (&slot);
    bytes = medusa_client_fetch_account_json_finish (client, result, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
    g_assert_null (bytes);
  }
}

/* The bytes are validated once, before anything reads them: a page that is
 * not valid UTF-8, nested too deep, not an object or without its orders
 * fails the run with a parse error and nothing of it is put. */
static void
test_page_validated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"count\": 1, \"orders\": [");
  const char *pages[] = {
    NULL,  /* deep */
    "{\"count\": 1, \"orders\": [{\"id\": \"order_\xff\xfe\", \"display_id\": 1}]}",
    "[{\"count\": 1, \"orders\": []}]",
    "{\"count\": 1, \"orders\": {\"id\": \"order_1\"}}",
    "{\"count\": 1, \"orders\": [",
  };
  MedusaAccountStore *store;
  gint64 n_total = -1;

  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "]}");
  pages[0] = deep->str;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(MedusaSync) sync = medusa_sync_new (medusa_session_get_client (f->session), store);
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders?updated_at",
                                           200, NULL, pages[i], 1);
      medusa_sync_run_async (sync, NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      customer = medusa_sync_run_finish (sync, result, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
      medusa_fake_server_clear_faults (f->fake);
    }

  /* The customer's answer is checked the same way (in a thread too). */
  for (guint i = 0; i < 3; i++)
    {
      const char *customers[] = {
        "{\"customer\": {\"id\": \"cus_\xff\", \"email\": \"ada@example.com\"}}",
        "{\"customer\": [\"cus_1\"]}",
        "{\"customer\": {\"id\": ",
      };
      g_autoptr(MedusaSync) sync = medusa_sync_new (medusa_session_get_client (f->session), store);
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me?", 200, NULL, customers[i], 1);
      medusa_sync_run_async (sync, NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      customer = medusa_sync_run_finish (sync, result, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
      medusa_fake_server_clear_faults (f->fake);
    }

  g_object_unref (copy_orders (store, &n_total));
  g_assert_cmpint (n_total, ==, N_ORDERS);
}

static void
test_offline_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MedusaSession) second = NULL;
  g_autoptr(GListModel) orders = NULL;
  MedusaAccountStore *store;
  MedusaCustomer *customer;
  GError *error = NULL;
  gint64 n_total = -1;

  if (skip_without_keyring ())
    return;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  /* The app starts again while the store cannot be reached. */
  medusa_fake_server_add_fault (f->fake, NULL, NULL, MEDUSA_FAKE_FAULT_DISCONNECT, 0);
  second = new_session (f);
  g_assert_true (session_restore (second, &error));
  g_assert_no_error (error);

  g_assert_cmpint (medusa_session_get_state (second), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  customer = medusa_session_get_customer (second);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, f->customer_id);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  store = medusa_session_get_account_store (second);
  g_assert_nonnull (store);
  orders = copy_orders (store, &n_total);
  g_assert_cmpint (n_total, ==, N_ORDERS);
  g_assert_nonnull (medusa_session_get_last_synced (second));

  wait_for_offline (second, TRUE);
  g_assert_cmpint (medusa_session_get_state (second), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_nonnull (medusa_session_get_account_store (second));

  /* The store is back: the next refresh goes online again. */
  medusa_fake_server_clear_faults (f->fake);
  g_assert_true (session_refresh (second, &error));
  g_assert_no_error (error);
  g_assert_false (medusa_session_get_offline (second));

  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (second);
  g_assert_finalize_object (g_steal_pointer (&second));
}

static gboolean
session_restore_local (MedusaSession  *session,
                       GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_restore_local_async (session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_restore_finish (session, result, error);
}

/* Started by the Shell for a search: the copy, and not one request. */
static void
test_restore_local (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedusaSession) second = NULL;
  g_autoptr(MedusaSession) third = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GDateTime) synced = NULL;
  MedusaCustomer *customer;
  GError *error = NULL;
  gint64 n_total = -1;

  if (skip_without_keyring ())
    return;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  second = new_session (f);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (session_restore_local (second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (second), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  customer = medusa_session_get_customer (second);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, f->customer_id);
  g_assert_nonnull (medusa_session_get_account_store (second));
  orders = copy_orders (medusa_session_get_account_store (second), &n_total);
  g_assert_cmpint (n_total, ==, N_ORDERS);
  medusa_fake_iterate_ms (200);
  g_assert_false (medusa_session_get_syncing (second));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);

  /* A window opens: the first refresh asks the store. */
  synced = g_date_time_ref (medusa_session_get_last_synced (second));
  g_assert_true (session_refresh (second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), >, 0);
  g_assert_cmpint (g_date_time_compare (medusa_session_get_last_synced (second), synced), >, 0);
  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (second);
  g_assert_finalize_object (g_steal_pointer (&second));

  /* A credential but no copy (kept off meanwhile): nothing, and still no
   * request. */
  medusa_store_profiles_set_last_customer_id (medusa_store_profiles_get_default (), f->url, NULL);
  third = new_session (f);
  medusa_fake_server_clear_requests (f->fake);
  g_assert_false (session_restore_local (third, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (third), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_null (medusa_session_get_account_store (third));
  g_assert_null (medusa_session_get_customer (third));
  medusa_fake_iterate_ms (100);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
  medusa_fake_settle_object (third);
  g_assert_finalize_object (g_steal_pointer (&third));
}

static void
test_keyring_gone (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaSession) second = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (skip_without_keyring ())
    return;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  path = g_strdup (medusa_account_store_get_path (medusa_session_get_account_store (f->session)));
  medusa_fake_settle_object (f->session);
  g_clear_object (&f->session);
  medusa_fake_iterate_ms (50);

  /* Someone removed the credential from the keyring (Seahorse). */
  keyring_clear (f->url);
  second = new_session (f);
  g_assert_false (session_restore (second, &error));
  g_assert_no_error (error);
  g_assert_false (file_exists (path, ""));
  g_assert_false (file_exists (path, "-wal"));
  g_assert_null (medusa_store_profiles_get_last_customer_id (medusa_store_profiles_get_default (), f->url));

  f->session = g_steal_pointer (&second);
}

static void
test_sign_out_deletes (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  path = g_strdup (medusa_account_store_get_path (medusa_session_get_account_store (f->session)));
  g_assert_true (file_exists (path, ""));

  session_sign_out (f->session);
  g_assert_null (medusa_session_get_account_store (f->session));
  g_assert_false (file_exists (path, ""));
  g_assert_false (file_exists (path, "-wal"));
  g_assert_false (file_exists (path, "-shm"));
  g_assert_null (medusa_store_profiles_get_last_customer_id (medusa_store_profiles_get_default (), f->url));
}

static void
test_store_removal_deletes (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = NULL;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  path = g_strdup (medusa_account_store_get_path (medusa_session_get_account_store (f->session)));
  g_assert_true (file_exists (path, ""));

  g_assert_true (medusa_store_profiles_remove (medusa_store_profiles_get_default (), f->url));
  g_assert_false (file_exists (path, ""));
  /* Lets the removal's keyring call finish before tear-down's. */
  medusa_fake_iterate_ms (300);
}

static void
test_lock_hides (Fixture       *f,
                 gconstpointer  data)
{
  MedusaAccountStore *store;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  store = medusa_session_get_account_store (f->session);
  g_assert_nonnull (store);

  medusa_session_lock (f->session);
  g_assert_null (medusa_session_get_account_store (f->session));

  /* The password again: the same copy is shown. */
  session_sign_in (f->session);
  g_assert_true (medusa_session_get_account_store (f->session) == store);
}

static void
test_keep_local_copy_off (Fixture       *f,
                          gconstpointer  data)
{
  GSettings *settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (settings == NULL)
    {
      g_test_skip ("needs the GSettings schema");
      return;
    }

  /* Turned off while signed in: the copy goes at once. */
  session_sign_in (f->session);
  wait_synced (f->session, NULL);
  path = g_strdup (medusa_account_store_get_path (medusa_session_get_account_store (f->session)));
  g_assert_true (file_exists (path, ""));
  g_settings_set_boolean (settings, "keep-local-copy", FALSE);
  g_assert_null (medusa_session_get_account_store (f->session));
  medusa_fake_iterate_ms (200);
  g_assert_false (file_exists (path, ""));

  /* Off: signing in and refreshing write nothing. */
  session_sign_in (f->session);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  medusa_fake_iterate_ms (100);
  g_assert_null (medusa_session_get_account_store (f->session));
  g_assert_false (file_exists (path, ""));

  /* A shared workstation keeps no copy either. */
  g_settings_set_boolean (settings, "keep-local-copy", TRUE);
  g_settings_set_boolean (settings, "shared-workstation", TRUE);
  g_assert_true (session_refresh (f->session, &error));
  g_assert_no_error (error);
  medusa_fake_iterate_ms (100);
  g_assert_null (medusa_session_get_account_store (f->session));
  g_assert_false (file_exists (path, ""));
  g_assert_true (medusa_store_profiles_get_idle_lock_forced (medusa_store_profiles_get_default ()));
  g_assert_true (g_settings_get_boolean (settings, "idle-lock-enabled"));

  g_settings_reset (settings, "shared-workstation");
  g_settings_reset (settings, "keep-local-copy");
  g_settings_reset (settings, "idle-lock-enabled");
}

/* A profile edit answered while a sync is reading the customer: the sync's
 * older customer does not replace it, and the sync the edit asks for runs
 * after that one, so the copy ends up with the edit too. */
static void
test_edit_during_sync (Fixture       *f,
                       gconstpointer  data)
{
  GAsyncResult *refresh_slot = NULL;
  GAsyncResult *update_slot = NULL;
  g_autoptr(GAsyncResult) refresh = NULL;
  g_autoptr(GAsyncResult) update = NULL;
  MedusaCustomerUpdate *change;
  g_autoptr(MedusaCustomer) updated = NULL;
  GError *error = NULL;
  GDateTime *before;
  g_autoptr(GDateTime) after_edit = NULL;

  if (skip_without_keyring ())
    return;

  session_sign_in (f->session);
  wait_synced (f->session, NULL);

  /* The sync has read the customer and waits for a slow page of orders:
   * the edit is answered meanwhile. */
  medusa_fake_server_add_delay_fault (f->fake, "GET", "/store/customers/me/orders", 800, 1);
  medusa_session_refresh_async (f->session, NULL, medusa_fake_async_result_cb, &refresh_slot);
  medusa_fake_iterate_ms (200);
  g_assert_true (medusa_session_get_syncing (f->session));

  change = medusa_customer_update_new ();
  medusa_customer_update_set_first_name (change, "Grace");
  medusa_session_update_customer_async (f->session, change, NULL, medusa_fake_async_result_cb, &update_slot);
  medusa_customer_update_free (change);
  update = medusa_fake_wait_result (&update_slot);
  updated = medusa_session_update_customer_finish (f->session, update, &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);
  g_assert_cmpstr (medusa_customer_get_first_name (medusa_session_get_customer (f->session)), ==, "Grace");
  before = medusa_session_get_last_synced (f->session);
  after_edit = before != NULL ? g_date_time_ref (before) : NULL;

  /* The slow run ends with the old name: the session keeps the new one. */
  refresh = medusa_fake_wait_result (&refresh_slot);
  g_assert_true (medusa_session_refresh_finish (f->session, refresh, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (medusa_session_get_customer (f->session)), ==, "Grace");

  /* The edit's own sync ran after it and read the new name. */
  wait_synced (f->session, after_edit);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), >=, 3);
  g_assert_cmpstr (medusa_customer_get_first_name (medusa_session_get_customer (f->session)), ==, "Grace");
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/first-sync", test_first_sync);
  ADD ("/sync/incremental", test_incremental);
  ADD ("/sync/missed-resync", test_missed_resync);
  ADD ("/sync/not-modified", test_not_modified);
  ADD ("/sync/not-modified-count-check", test_not_modified_count_check);
  ADD ("/sync/etag-per-customer", test_etag_per_customer);
  ADD ("/sync/hostile-etag", test_hostile_etag);
  ADD ("/sync/hostile-count", test_hostile_count);
  ADD ("/sync/page-bytes", test_page_bytes);
  ADD ("/sync/page-validated", test_page_validated);
  ADD ("/sync/offline-restore", test_offline_restore);
  ADD ("/sync/restore-local", test_restore_local);
  ADD ("/sync/keyring-gone", test_keyring_gone);
  ADD ("/sync/sign-out-deletes", test_sign_out_deletes);
  ADD ("/sync/store-removal-deletes", test_store_removal_deletes);
  ADD ("/sync/lock-hides", test_lock_hides);
  ADD ("/sync/keep-local-copy-off", test_keep_local_copy_off);
  ADD ("/sync/edit-during-sync", test_edit_during_sync);

#undef ADD

  return g_test_run ();
}
