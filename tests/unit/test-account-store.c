/* test-account-store.c: the local copy of the account (SQLite, FTS5)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "medusa-account-store.h"
#include "medusa-address.h"
#include "medusa-payment-method.h"

#define STORE_URL "https://shop.example.com"
#define CUSTOMER_ID "cus_01M8DMEWZVHQAMEYJVZ3F8150P"

/* ------------------------------------------------------------------------ */
/* Helpers: run one call on the main context until it finishes               */

static GThread *main_thread;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  /* Every result is delivered on the caller's thread and context */
  g_assert_true (g_thread_self () == main_thread);
  g_assert_true (g_main_context_is_owner (g_main_context_get_thread_default ()
                                          ? g_main_context_get_thread_default ()
                                          : g_main_context_default ()));
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
  return *result;
}

static MedusaAccountStore *
open_store (const char *url,
            const char *customer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAccountStore *store;

  medusa_account_store_open_async (url, customer_id, NULL, got_result, &result);
  store = medusa_account_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
close_store (MedusaAccountStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_account_store_close_async (store, NULL, got_result, &result);
  g_assert_true (medusa_account_store_close_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

typedef void (*PutFunc) (MedusaAccountStore *, GBytes *, GCancellable *, GAsyncReadyCallback, gpointer);

static gboolean
put_json (MedusaAccountStore  *store,
          PutFunc              func,
          const char          *json,
          GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  func (store, bytes, NULL, got_result, &result);
  return medusa_account_store_put_finish (store, wait_for (&result), error);
}

static void
put_ok (MedusaAccountStore *store,
        PutFunc             func,
        const char         *json)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = put_json (store, func, json, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static GListModel *
get_orders (MedusaAccountStore           *store,
            const MedusaStoreOrderFilter *filter,
            gint64                       *n_total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;

  medusa_account_store_get_orders_async (store, filter, NULL, got_result, &result);
  orders = medusa_account_store_get_orders_finish (store, wait_for (&result), n_total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (orders);
  return orders;
}

/* How many orders the text finds (all of them are returned) */
static guint
search (MedusaAccountStore *store,
        const char         *text)
{
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_store_order_filter_new ();
  g_autoptr(GListModel) orders = NULL;
  gint64 n_total = -1;

  medusa_store_order_filter_set_text (filter, text);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, g_list_model_get_n_items (orders));
  return g_list_model_get_n_items (orders);
}

static gint64
display_id_at (GListModel *orders,
               guint       position)
{
  g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, position);

  g_assert_nonnull (order);
  return medusa_order_get_display_id (order);
}

static MedusaStoreSyncState *
get_sync_state (MedusaAccountStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaStoreSyncState *state;

  medusa_account_store_get_sync_state_async (store, NULL, got_result, &result);
  state = medusa_account_store_get_sync_state_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static guint
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static gint64
read_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* SELECT @sql's first column as an integer (-1: NULL), read-only */
static gint64
read_int (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* One synthetic order; @product "Crème brûlée" etc. */
static char *
order_json (guint       n,
            const char *status,
            const char *product,
            const char *sku,
            const char *city,
            const char *tracking)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) created = g_date_time_add_minutes (base, n);
  g_autofree char *created_at = g_date_time_format_iso8601 (created);
  g_autofree char *fulfillments = tracking
    ? g_strdup_printf ("[{\"id\": \"ful_%u\", \"tracking_links\": [{\"tracking_number\": \"%s\"}],"
                       " \"tracking_numbers\": []}]", n, tracking)
    : g_strdup ("[]");

  return g_strdup_printf ("{\"id\": \"order_%06u\", \"display_id\": %u, \"status\": \"%s\","
                          " \"fulfillment_status\": \"not_fulfilled\", \"payment_status\": \"captured\","
                          " \"created_at\": \"%s\", \"updated_at\": \"%s\","
                          " \"currency_code\": \"%s\", \"region_id\": \"reg_%s\", \"total\": %u,"
                          " \"items\": [{\"id\": \"item_%u\", \"title\": \"%s\", \"quantity\": 1,"
                          "   \"unit_price\": 100, \"variant\": {\"title\": \"Standard\", \"sku\": \"%s\"}}],"
                          " \"shipping_address\": {\"id\": \"addr_%u\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\","
                          "   \"city\": \"%s\", \"country_code\": \"de\"},"
                          " \"fulfillments\": %s}",
                          n, n, status, created_at, created_at,
                          n % 2 ? "eur" : "usd", n % 2 ? "eu" : "us", n * 100,
                          n, product, sku, n, city, fulfillments);
}

/* A list page of one order; takes @order */
static char *
wrap_orders (char *order)
{
  char *page = g_strdup_printf ("{\"orders\": [%s], \"count\": 1}", order);

  g_free (order);
  return page;
}

/* ------------------------------------------------------------------------ */
/* The FTS query is always plain text                                       */

static void
test_fts_query (void)
{
  static const struct { const char *text; const char *query; } cases[] = {
    { "mu", "\"mu\"*" },
    { "  test   mug ", "\"test\"* \"mug\"*" },
    { "say \"hi\"", "\"say\"* \"\"\"hi\"\"\"*" },
    { "AND", "\"AND\"*" },
    { "NEAR(a b)", "\"NEAR(a\"* \"b)\"*" },
    { "title:mug", "\"title:mug\"*" },
    { "-mug *", "\"-mug\"*" },
    { "crème\u00a0brûlée", "\"crème\"* \"brûlée\"*" },
    { "* - ( ) : \" ^", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = medusa_store_fts_query_from_text (cases[i].text);

      g_assert_cmpstr (query, ==, cases[i].query);
    }
  g_assert_null (medusa_store_fts_query_from_text (NULL));
}

/* ------------------------------------------------------------------------ */

static void
test_paths_and_modes (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "medusa-account", NULL);
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *other_customer = medusa_account_store_dup_path (STORE_URL, "cus_other");
  g_autofree char *other_store = medusa_account_store_dup_path ("https://other.example.com", CUSTOMER_ID);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autofree char *orders = load_fixture ("orders.json");

  g_assert_cmpstr (dirname, ==, folder);
  g_assert_null (strstr (basename, "example"));
  g_assert_null (strstr (basename, "cus_"));
  g_assert_cmpstr (path, !=, other_customer);
  g_assert_cmpstr (path, !=, other_store);

  store = open_store (STORE_URL, CUSTOMER_ID);
  g_assert_cmpstr (medusa_account_store_get_path (store), ==, path);
  put_ok (store, medusa_account_store_put_orders_async, orders);

  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_assert_cmpint (read_user_version (path), ==, MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);
}

static void
test_account (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autofree char *customer_json = load_fixture ("customer.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GAsyncResult) result3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GListModel) addresses = NULL;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(MedusaAddress) address = NULL;
  g_autoptr(MedusaPaymentMethod) method = NULL;

  /* Nothing held yet */
  medusa_account_store_get_customer_async (store, NULL, got_result, &result);
  customer = medusa_account_store_get_customer_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (customer);
  g_clear_object (&result);

  put_ok (store, medusa_account_store_put_customer_async, customer_json);
  put_ok (store, medusa_account_store_put_addresses_async, customer_json);
  put_ok (store, medusa_account_store_put_payment_methods_async,
          "{\"payment_methods\": [{\"provider_id\": \"stripe\","
          " \"data\": {\"card\": {\"brand\": \"visa\", \"last4\": \"4242\"}}}]}");

  medusa_account_store_get_customer_async (store, NULL, got_result, &result);
  medusa_account_store_get_addresses_async (store, NULL, got_result, &result2);
  medusa_account_store_get_payment_methods_async (store, NULL, got_result, &result3);
  customer = medusa_account_store_get_customer_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_01M8DMKFVHHKYSK7DFFXA23DSS");
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "models-fixture-1795754147@example.com");
  addresses = medusa_account_store_get_addresses_finish (store, wait_for (&result2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);
  g_assert_true (g_list_model_get_item_type (addresses) == MEDUSA_TYPE_ADDRESS);
  methods = medusa_account_store_get_payment_methods_finish (store, wait_for (&result3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 1);
  method = g_list_model_get_item (methods, 0);
  g_assert_cmpstr (medusa_payment_method_get_provider_id (method), ==, "stripe");

  /* Addresses are replaced as a whole */
  put_ok (store, medusa_account_store_put_addresses_async,
          "[{\"id\": \"addr_1\", \"city\": \"Lyon\", \"country_code\": \"fr\"}]");
  g_clear_object (&result2);
  g_clear_object (&addresses);
  medusa_account_store_get_addresses_async (store, NULL, got_result, &result2);
  addresses = medusa_account_store_get_addresses_finish (store, wait_for (&result2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 1);
  address = g_list_model_get_item (addresses, 0);
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Lyon");

  /* Wrong shapes are refused and change nothing */
  g_assert_false (put_json (store, medusa_account_store_put_customer_async, "[1, 2]", &error));
  g_assert_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (put_json (store, medusa_account_store_put_orders_async, "{\"orders\": [{\"id\": 5}]}", &error));
  g_assert_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (put_json (store, medusa_account_store_put_orders_async, "{\"orders\": [", &error));
  g_assert_nonnull (error);
}

static void
test_orders_and_filters (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autofree char *orders_json = load_fixture ("orders.json");
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(MedusaOrder) first = NULL;
  gint64 n_total = -1;

  put_ok (store, medusa_account_store_put_orders_async, orders_json);
  /* The same page again: still 12 orders */
  put_ok (store, medusa_account_store_put_orders_async, orders_json);

  orders = get_orders (store, NULL, &n_total);
  g_assert_cmpint (n_total, ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 12);
  g_assert_cmpint (display_id_at (orders, 0), ==, 12);
  g_assert_cmpint (display_id_at (orders, 11), ==, 1);
  first = g_list_model_get_item (orders, 0);
  g_assert_cmpint (medusa_order_get_total (first), ==, 4650);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (first)), ==, 2);
  /* The list is built from lean rows (schema 3): no addresses, fulfillments */
  g_assert_cmpint (medusa_order_get_n_items (first), >, 0);
  g_assert_null (medusa_order_get_shipping_address (first));
  g_clear_object (&orders);

  /* Paging: newest first, n_total ignores limit and offset */
  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_set_limit (filter, 5);
  medusa_store_order_filter_set_offset (filter, 5);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 5);
  g_assert_cmpint (display_id_at (orders, 0), ==, 7);
  g_clear_object (&orders);
  g_clear_pointer (&filter, medusa_store_order_filter_free);

  /* Statuses: any of one kind, all kinds together */
  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_add_status (filter, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_store_order_filter_add_status (filter, MEDUSA_ORDER_STATUS_CANCELED);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 4);
  g_clear_object (&orders);
  medusa_store_order_filter_add_fulfillment_status (filter, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 2);
  g_assert_cmpint (display_id_at (orders, 0), ==, 9);
  g_assert_cmpint (display_id_at (orders, 1), ==, 4);
  g_clear_object (&orders);
  g_clear_pointer (&filter, medusa_store_order_filter_free);

  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_add_payment_status (filter, MEDUSA_PAYMENT_STATUS_AWAITING);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 3);
  g_clear_object (&orders);
  /* combined with text: awaiting orders with a T-shirt size L */
  medusa_store_order_filter_set_text (filter, "tshirt-l");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 1);
  g_assert_cmpint (display_id_at (orders, 0), ==, 6);
  g_clear_object (&orders);
  g_clear_pointer (&filter, medusa_store_order_filter_free);

  /* Display id, currency, region */
  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_set_display_id (filter, "9");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 1);
  g_assert_cmpint (display_id_at (orders, 0), ==, 9);
  g_clear_object (&orders);
  medusa_store_order_filter_set_display_id (filter, "9 OR 1=1");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 0);
  g_clear_object (&orders);
  medusa_store_order_filter_set_display_id (filter, NULL);
  medusa_store_order_filter_set_currency_code (filter, "EUR");
  medusa_store_order_filter_set_region_id (filter, "reg_01M8DMCPB67VYJ7RXKS3V210TN");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 12);
  g_clear_object (&orders);
  medusa_store_order_filter_set_currency_code (filter, "usd");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 0);
  g_clear_object (&orders);
  g_clear_pointer (&filter, medusa_store_order_filter_free);

  /* created_at: [04:33:20.856, 04:33:24.955) holds 4..8 */
  filter = medusa_store_order_filter_new ();
  from = g_date_time_new_from_iso8601 ("2026-11-27T04:33:20.856Z", NULL);
  until = g_date_time_new_from_iso8601 ("2026-11-27T04:33:24.955Z", NULL);
  medusa_store_order_filter_set_created_range (filter, from, until);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 5);
  g_assert_cmpint (display_id_at (orders, 0), ==, 8);
  g_assert_cmpint (display_id_at (orders, 4), ==, 4);
  g_clear_object (&orders);
  medusa_store_order_filter_set_created_range (filter, NULL, until);
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 8);
  g_clear_object (&orders);
}

static void
test_upsert_and_details (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autofree char *orders_json = load_fixture ("orders.json");
  g_autofree char *shipped = load_fixture ("order-shipped.json");
  g_autofree char *changed = wrap_orders (order_json (5000, "canceled", "Desk Lamp", "LAMP-1", "Paris", NULL));
  g_autofree char *changed_again = wrap_orders (order_json (5000, "completed", "Desk Lamp", "LAMP-1", "Paris", NULL));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) details = NULL;
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_store_order_filter_new ();
  g_autoptr(GListModel) orders = NULL;
  gint64 n_total;

  put_ok (store, medusa_account_store_put_orders_async, orders_json);

  /* No details before they were put */
  medusa_account_store_get_order_details_async (store, "order_01M8DMF4FST4T37EEKEGYAVD8D",
                                                NULL, got_result, &result);
  details = medusa_account_store_get_order_details_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (details);
  g_clear_object (&result);

  put_ok (store, medusa_account_store_put_order_details_async, shipped);
  medusa_account_store_get_order_details_async (store, "order_01M8DMF4FST4T37EEKEGYAVD8D",
                                                NULL, got_result, &result);
  details = medusa_account_store_get_order_details_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  g_assert_cmpint (medusa_order_get_display_id (details), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (details)), ==, 1);
  g_assert_nonnull (medusa_order_get_shipping_address (details));
  /* Still 12 orders; the summary list is unchanged */
  orders = get_orders (store, NULL, &n_total);
  g_assert_cmpint (n_total, ==, 12);
  g_clear_object (&orders);
  /* A later summary keeps the details and their index */
  put_ok (store, medusa_account_store_put_orders_async, orders_json);
  g_assert_cmpuint (search (store, "track-9"), ==, 1);

  /* Upsert by id: the status changes, no second row */
  put_ok (store, medusa_account_store_put_orders_async, changed);
  put_ok (store, medusa_account_store_put_orders_async, changed_again);
  medusa_store_order_filter_add_status (filter, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_store_order_filter_set_text (filter, "lamp");
  orders = get_orders (store, filter, &n_total);
  g_assert_cmpint (n_total, ==, 1);
  g_clear_object (&orders);
  orders = get_orders (store, NULL, &n_total);
  g_assert_cmpint (n_total, ==, 13);
}

static void
test_search (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autofree char *orders_json = load_fixture ("orders.json");
  g_autofree char *shipped = load_fixture ("order-shipped.json");
  g_autofree char *creme = wrap_orders (order_json (100, "pending", "Crème brûlée \\\"Deluxe\\\"", "CRB-01", "Zürich", "1Z999AA10123456784"));
  g_autofree char *syntax = wrap_orders (order_json (101, "pending", "NEAR AND (title: mug*)", "X-1", "Köln", NULL));
  static const char * const hostile[] = {
    "\"", "\"\"", "*", "**", ":", "(", ")", "()", "AND", "OR", "NOT", "NEAR", "NEAR(", "-", "+",
    "^", "{", "}", "mug\"", "\"mug", "mug*", "title:mug", "-mug", "NOT mug", "mug OR", "(mug",
    "'", "';DROP TABLE orders;--", "%", "_", "\\", "mug AND", "NEAR(mug tee, 2)", "\xff\xfe",
    "\u200b", "💥",
  };

  put_ok (store, medusa_account_store_put_orders_async, orders_json);
  put_ok (store, medusa_account_store_put_order_details_async, shipped);

  /* Product and variant titles, as the person types */
  g_assert_cmpuint (search (store, "m"), ==, 8);   /* "Mug", "M" sizes, MUG- SKUs */
  g_assert_cmpuint (search (store, "mu"), ==, 7);
  g_assert_cmpuint (search (store, "Mug"), ==, 7);
  g_assert_cmpuint (search (store, "test mug"), ==, 7);
  g_assert_cmpuint (search (store, "mug black"), ==, 3);
  g_assert_cmpuint (search (store, "t-shirt"), ==, 10);
  g_assert_cmpuint (search (store, "sofa"), ==, 0);
  /* SKU, order number, shipping name and city, tracking number */
  g_assert_cmpuint (search (store, "MUG-WHITE"), ==, 4);
  g_assert_cmpuint (search (store, "mug-wh"), ==, 4);
  g_assert_cmpuint (search (store, "12"), ==, 1);
  g_assert_cmpuint (search (store, "#9"), ==, 1);
  g_assert_cmpuint (search (store, "berlin"), ==, 12);
  g_assert_cmpuint (search (store, "demo cust"), ==, 12);
  g_assert_cmpuint (search (store, "TRACK-9"), ==, 1);
  g_assert_cmpuint (search (store, "track"), ==, 2);  /* TRACK-4 is in the summary list too */

  /* Accents either way */
  put_ok (store, medusa_account_store_put_orders_async, creme);
  g_assert_cmpuint (search (store, "creme"), ==, 1);
  g_assert_cmpuint (search (store, "Crème brû"), ==, 1);
  g_assert_cmpuint (search (store, "CREME BRULEE"), ==, 1);
  g_assert_cmpuint (search (store, "zurich"), ==, 1);
  g_assert_cmpuint (search (store, "deluxe"), ==, 1);
  g_assert_cmpuint (search (store, "1Z999AA1"), ==, 1);

  /* FTS and SQL syntax in the text is text: never an error, never "match all" */
  put_ok (store, medusa_account_store_put_orders_async, syntax);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *query = medusa_store_fts_query_from_text (hostile[i]);
      guint found = search (store, hostile[i]);

      g_autofree char *shown = g_strescape (hostile[i], NULL);

      g_test_message ("%s → %u", shown, found);
      /* without a letter or digit there is no text filter at all */
      if (query == NULL)
        g_assert_cmpuint (found, ==, 14);
      else
        g_assert_cmpuint (found, <=, 10);
    }
  g_assert_cmpuint (search (store, "\""), ==, 14);     /* no word: no text filter */
  g_assert_cmpuint (search (store, "NEAR"), ==, 1);
  g_assert_cmpuint (search (store, "AND"), ==, 1);
  g_assert_cmpuint (search (store, "title:"), ==, 1);
  g_assert_cmpuint (search (store, "title: mug"), ==, 1);
  g_assert_cmpuint (search (store, "(title"), ==, 1);
  g_assert_cmpuint (search (store, "mug*"), ==, 8);
  g_assert_cmpuint (search (store, "NOT mug"), ==, 0);
  g_assert_cmpuint (search (store, "-mug"), ==, 8);
  g_assert_cmpuint (search (store, "mug OR sofa"), ==, 0);
  g_assert_cmpuint (search (store, "';DROP TABLE orders;--"), ==, 0);
  g_assert_cmpuint (search (store, NULL), ==, 14);
}

static void
test_sync_state (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(MedusaStoreSyncState) state = get_sync_state (store);
  g_autoptr(MedusaStoreSyncState) set = medusa_store_sync_state_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = wrap_orders (order_json (10, "pending", "Mug", "M", "Berlin", NULL));
  g_autofree char *newest = NULL;

  g_assert_null (state->newest_updated_at);
  g_assert_null (state->last_synced);
  g_assert_cmpint (state->server_count, ==, -1);
  g_assert_false (state->complete);
  g_assert_cmpint (state->n_orders, ==, 0);
  g_clear_pointer (&state, medusa_store_sync_state_free);

  set->newest_updated_at = g_date_time_new_from_iso8601 ("2024-06-01T10:00:00.250Z", NULL);
  set->last_synced = g_date_time_new_from_iso8601 ("2026-12-01T08:00:00Z", NULL);
  set->server_count = 1042;
  set->complete = TRUE;
  set->n_orders = 77;   /* ignored */
  medusa_account_store_set_sync_state_async (store, set, NULL, got_result, &result);
  g_assert_true (medusa_account_store_put_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);

  state = get_sync_state (store);
  g_assert_true (g_date_time_equal (state->newest_updated_at, set->newest_updated_at));
  g_assert_true (g_date_time_equal (state->last_synced, set->last_synced));
  g_assert_cmpint (state->server_count, ==, 1042);
  g_assert_true (state->complete);
  g_assert_cmpint (state->n_orders, ==, 0);
  g_clear_pointer (&state, medusa_store_sync_state_free);

  /* An order updated later than the stored mark moves it */
  put_ok (store, medusa_account_store_put_orders_async, newer);
  state = get_sync_state (store);
  g_assert_cmpint (state->n_orders, ==, 1);
  newest = g_date_time_format_iso8601 (state->newest_updated_at);
  g_assert_cmpstr (newest, ==, "2025-01-01T00:10:00Z");
}

/* Also past NUL bytes, which g_strstr_len() stops at */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_no_secrets (void)
{
  const char *token = "eyJhbGciOiJIUzI1NiJ9.TOKEN-4f9a2c71";
  const char *password = "Pa55word-s3cret-91";
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autofree char *customer = load_fixture ("customer.json");
  g_autofree char *response = NULL;
  g_autofree char *order = order_json (1, "pending", "Mug", "M", "Berlin", NULL);
  g_autofree char *orders = g_strdup_printf ("{\"orders\": [%s], \"access_token\": \"%s\"}", order, token);
  g_autofree char *path = g_strdup (medusa_account_store_get_path (store));
  const char *suffixes[] = { "", "-wal" };

  /* What a careless caller might hand over: a response with the token and
   * the password next to the customer */
  response = g_strdup_printf ("{\"access_token\": \"%s\", \"password\": \"%s\", %s",
                              token, password, strchr (customer, '{') + 1);
  put_ok (store, medusa_account_store_put_customer_async, response);
  put_ok (store, medusa_account_store_put_orders_async, orders);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (file, &bytes, &length, NULL));
      g_assert_cmpuint (length, >, 0);
      g_assert_false (contains_bytes (bytes, length, "TOKEN-4f9a2c71"));
      g_assert_false (contains_bytes (bytes, length, password));
      /* ...while the customer is there (the search works on these bytes) */
      if (i == 1)
        g_assert_true (contains_bytes (bytes, length, "models-fixture-1795754147@example.com"));
    }
  g_assert_null (strstr (path, "example"));
}

/* A version 1 file, as the first release of the store wrote it: no index. */
static const char schema_v1[] =
  "CREATE TABLE customer (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);"
  "CREATE TABLE addresses (position INTEGER PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE payment_methods (position INTEGER PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE orders (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, display_id INTEGER,"
  "  created_at INTEGER, updated_at INTEGER, status TEXT, fulfillment_status TEXT,"
  "  payment_status TEXT, currency_code TEXT, total INTEGER, region_id TEXT);"
  "CREATE INDEX orders_by_created ON orders (created_at DESC, display_id DESC, id DESC);"
  "CREATE TABLE order_json (rowid INTEGER PRIMARY KEY, summary TEXT NOT NULL, details TEXT);"
  "CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  newest_updated_at INTEGER, server_count INTEGER, last_synced INTEGER,"
  "  complete INTEGER NOT NULL DEFAULT 0);";

static void
write_raw_database (const char *path,
                    const char *sql)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);
}

static void
test_migration (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autofree char *order = order_json (7, "completed", "Teapot", "TEA-1", "Wien", NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  GString *quoted = g_string_new (NULL);

  for (const char *p = order; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (quoted, '\'');
      g_string_append_c (quoted, *p);
    }
  escaped = g_string_free (quoted, FALSE);
  sql = g_strdup_printf ("%s INSERT INTO orders (rowid, id, display_id, created_at, status)"
                         " VALUES (1, 'order_000007', 7, 1735689600000000, 'completed');"
                         " INSERT INTO order_json (rowid, summary) VALUES (1, '%s');"
                         " INSERT INTO sync_state (id, server_count, complete) VALUES (1, 1, 1);"
                         " PRAGMA user_version = 1;", schema_v1, escaped);
  write_raw_database (path, sql);
  g_assert_cmpint (read_user_version (path), ==, 1);

  /* v1 → v2: the order that was held is found by the new index */
  store = open_store (STORE_URL, CUSTOMER_ID);
  g_assert_cmpuint (search (store, "teap"), ==, 1);
  g_assert_cmpuint (search (store, "wien"), ==, 1);
  state = get_sync_state (store);
  g_assert_cmpint (state->server_count, ==, 1);
  g_assert_true (state->complete);
  close_store (store);
  g_clear_object (&store);
  g_assert_cmpint (read_user_version (path), ==, MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
  /* v2 → v3: the order held got its lean list row */
  g_assert_cmpint (read_int (path, "SELECT length (row) FROM order_json WHERE rowid = 1"), >, 0);
  g_assert_cmpint (read_int (path, "SELECT length (row) < length (summary) FROM order_json WHERE rowid = 1"), ==, 1);

  /* v0: an empty database file gets the whole schema */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = open_store (STORE_URL, CUSTOMER_ID);
  g_assert_cmpuint (search (store, "teap"), ==, 0);
  close_store (store);
  g_clear_object (&store);
  g_assert_cmpint (read_user_version (path), ==, MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);

  /* A newer app's file cannot be read: moved aside, a new one is made */
  g_assert_true (medusa_account_store_delete_files (STORE_URL, CUSTOMER_ID, NULL));
  write_raw_database (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  store = open_store (STORE_URL, CUSTOMER_ID);
  close_store (store);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_cmpint (read_user_version (path), ==, MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);
}

static void
check_rebuilt_empty (const char *path)
{
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  g_autofree char *order = wrap_orders (order_json (3, "pending", "Mug", "M", "Berlin", NULL));

  store = open_store (STORE_URL, CUSTOMER_ID);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (path), ==, 0600);
  state = get_sync_state (store);
  g_assert_cmpint (state->n_orders, ==, 0);
  g_assert_false (state->complete);
  /* ...and works */
  put_ok (store, medusa_account_store_put_orders_async, order);
  g_assert_cmpuint (search (store, "mug"), ==, 1);
  close_store (store);
}

static void
test_corrupt_garbage (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autofree char *folder = g_path_get_dirname (path);
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  check_rebuilt_empty (path);
}

static void
test_corrupt_truncated (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(GString) batch = g_string_new ("[");
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *order = order_json (i, "pending", "Mug", "MUG-1", "Berlin", "TRACK");

      g_string_append_printf (batch, "%s%s", i ? "," : "", order);
    }
  g_string_append_c (batch, ']');
  put_ok (store, medusa_account_store_put_orders_async, batch->str);
  close_store (store);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16384);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  check_rebuilt_empty (path);
}

static void
test_corrupt_page (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(GString) batch = g_string_new ("[");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *order = order_json (i, "pending", "Mug", "MUG-1", "Berlin", NULL);

      g_string_append_printf (batch, "%s%s", i ? "," : "", order);
    }
  g_string_append_c (batch, ']');
  put_ok (store, medusa_account_store_put_orders_async, batch->str);
  close_store (store);
  g_clear_object (&store);

  /* Same length and a good header, the middle half damaged: found only
   * when those pages are read */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + length / 4, 0x5a, length / 2);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = open_store (STORE_URL, CUSTOMER_ID);
  medusa_account_store_get_orders_async (store, NULL, NULL, got_result, &result);
  orders = medusa_account_store_get_orders_finish (store, wait_for (&result), NULL, &error);
  g_assert_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT);
  g_assert_null (orders);
  /* The next calls find an empty, working copy */
  g_assert_cmpuint (search (store, NULL), ==, 0);
  put_ok (store, medusa_account_store_put_orders_async, batch->str);
  g_assert_cmpuint (search (store, "mug"), ==, 400);
  close_store (store);
}

static void
test_cancel_and_close (void)
{
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) orders = NULL;

  g_cancellable_cancel (cancellable);
  medusa_account_store_get_orders_async (store, NULL, cancellable, got_result, &result);
  orders = medusa_account_store_get_orders_finish (store, wait_for (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (orders);
  g_clear_error (&error);
  g_clear_object (&result);

  close_store (store);
  medusa_account_store_get_orders_async (store, NULL, NULL, got_result, &result);
  orders = medusa_account_store_get_orders_finish (store, wait_for (&result), NULL, &error);
  g_assert_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CLOSED);
  g_assert_null (orders);
}

/* Results go to the context that was thread-default at the call */
static void
test_thread_default_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaAccountStore) store = NULL;

  g_main_context_push_thread_default (context);
  medusa_account_store_open_async (STORE_URL, CUSTOMER_ID, NULL, got_result, &result);
  /* The default context never sees it */
  for (guint i = 0; i < 50 && result == NULL; i++)
    {
      g_main_context_iteration (g_main_context_default (), FALSE);
      g_usleep (1000);
    }
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  store = medusa_account_store_open_finish (result, &error);
  g_assert_no_error (error);
  close_store (store);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
}

static void
test_delete (void)
{
  g_autofree char *path = medusa_account_store_dup_path (STORE_URL, CUSTOMER_ID);
  g_autofree char *other_customer = medusa_account_store_dup_path (STORE_URL, "cus_2");
  g_autofree char *other_store = medusa_account_store_dup_path ("https://other.example.com", CUSTOMER_ID);
  g_autofree char *order = wrap_orders (order_json (1, "pending", "Mug", "M", "Berlin", NULL));
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };
  MedusaAccountStore *others[2];

  /* Sign-out: the open store deletes its files */
  put_ok (store, medusa_account_store_put_orders_async, order);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  medusa_account_store_delete_async (store, NULL, got_result, &result);
  g_assert_true (medusa_account_store_delete_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  g_clear_object (&result);
  g_assert_false (put_json (store, medusa_account_store_put_orders_async, order, &error));
  g_assert_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Files of a copy that is not open */
  store = open_store (STORE_URL, CUSTOMER_ID);
  close_store (store);
  g_clear_object (&store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (medusa_account_store_delete_files (STORE_URL, CUSTOMER_ID, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* nothing there is no error */
  g_assert_true (medusa_account_store_delete_files (STORE_URL, CUSTOMER_ID, &error));
  g_assert_no_error (error);

  /* Removing a store removes every customer's copy of it, and only those */
  store = open_store (STORE_URL, CUSTOMER_ID);
  others[0] = open_store (STORE_URL, "cus_2");
  others[1] = open_store ("https://other.example.com", CUSTOMER_ID);
  close_store (store);
  close_store (others[0]);
  close_store (others[1]);
  g_assert_true (medusa_account_store_delete_all_for_store (STORE_URL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other_customer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_store, G_FILE_TEST_EXISTS));
  g_object_unref (others[0]);
  g_object_unref (others[1]);
}

/* Dropping the last reference closes the database on the worker, also
 * while calls are queued. */
static void
test_unref_closes (void)
{
  g_autofree char *order = wrap_orders (order_json (1, "pending", "Mug", "M", "Berlin", NULL));
  g_autoptr(GBytes) bytes = g_bytes_new (order, strlen (order));
  MedusaAccountStore *store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = g_strdup (medusa_account_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GObject *source;

  medusa_account_store_put_orders_async (store, bytes, NULL, got_result, &result);
  g_object_unref (store);
  wait_for (&result);
  source = g_async_result_get_source_object (result);
  g_assert_true (medusa_account_store_put_finish (MEDUSA_ACCOUNT_STORE (source), result, NULL));
  g_object_unref (source);
  g_clear_object (&result);
  while (g_main_context_iteration (NULL, FALSE));
  /* Closed: the last connection checkpoints and removes the WAL */
  for (guint i = 0; i < 2000 && g_file_test (wal, G_FILE_TEST_EXISTS); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Under AddressSanitizer (with the full malloc stacks tools/test-all.sh asks
 * for) every allocation of SQLite and json-glib costs ~100x: there the same
 * checks run over 2,000 orders; the normal build does 10,000. */
#if defined(__SANITIZE_ADDRESS__)
#define N_ORDERS 2000
#else
#define N_ORDERS 10000
#endif
G_STATIC_ASSERT (N_ORDERS % 1000 == 0 && N_ORDERS > 1250);

static void
test_ten_thousand (void)
{
  static const char * const products[] = { "Test Mug", "T-Shirt", "Crème brûlée", "Hoodie", "Desk Lamp" };
  static const char * const cities[] = { "Berlin", "Zürich", "Lyon", "Köln" };
  static const char * const statuses[] = { "pending", "completed", "canceled" };
  g_autoptr(MedusaAccountStore) store = open_store (STORE_URL, CUSTOMER_ID);
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_store_order_filter_new ();
  g_autoptr(GListModel) orders = NULL;
  gint64 n_total;
  gint64 start;
  guint expected;
  const char *keystrokes[] = { "h", "ho", "hoo", "hood", "hoodi", "hoodie" };

  start = g_get_monotonic_time ();
  for (guint batch = 0; batch < N_ORDERS / 1000; batch++)
    {
      g_autoptr(GString) json = g_string_new ("{\"orders\": [");

      for (guint i = batch * 1000; i < (batch + 1) * 1000; i++)
        {
          g_autofree char *sku = g_strdup_printf ("SKU-%05u", i);
          g_autofree char *tracking = g_strdup_printf ("TRK%08u", i);
          g_autofree char *order = order_json (i + 1, statuses[i % 3], products[i % 5], sku,
                                               cities[i % 4], i % 10 == 0 ? tracking : NULL);

          g_string_append_printf (json, "%s%s", i % 1000 ? "," : "", order);
        }
      g_string_append_printf (json, "], \"count\": %u}", N_ORDERS);
      put_ok (store, medusa_account_store_put_orders_async, json->str);
    }
  g_test_message ("%u orders put in %.0f ms", N_ORDERS, (g_get_monotonic_time () - start) / 1000.0);

  orders = get_orders (store, NULL, &n_total);
  g_assert_cmpint (n_total, ==, N_ORDERS);
  g_clear_object (&orders);

  /* One search per keystroke, as the orders page asks: first 50 rows + count */
  medusa_store_order_filter_set_limit (filter, 50);
  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      medusa_store_order_filter_set_text (filter, keystrokes[k]);
      start = g_get_monotonic_time ();
      orders = get_orders (store, filter, &n_total);
      g_test_message ("search \"%s\": %" G_GINT64_FORMAT " matches, %.1f ms",
                      keystrokes[k], n_total, (g_get_monotonic_time () - start) / 1000.0);
      g_assert_cmpint (n_total, ==, N_ORDERS / 5);   /* products[3] = "Hoodie", i % 5 == 3 */
      g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 50);
      /* newest first: i = N - 2 is display id N - 1 */
      g_assert_cmpint (display_id_at (orders, 0), ==, N_ORDERS - 1);
      g_clear_object (&orders);
    }

  /* Text, status and city together: i % 5 == 3, i % 3 == 1 (completed), i % 4 == 1 (Zürich) */
  expected = 0;
  for (guint i = 0; i < N_ORDERS; i++)
    if (i % 5 == 3 && i % 3 == 1 && i % 4 == 1)
      expected++;
  medusa_store_order_filter_set_text (filter, "hoodie zurich");
  medusa_store_order_filter_add_status (filter, MEDUSA_ORDER_STATUS_COMPLETED);
  start = g_get_monotonic_time ();
  orders = get_orders (store, filter, &n_total);
  g_test_message ("search with a status: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (n_total, ==, expected);
  g_clear_object (&orders);
  g_clear_pointer (&filter, medusa_store_order_filter_free);

  /* SKU, tracking number, order number */
  g_assert_cmpuint (search (store, "SKU-01242"), ==, 1);
  g_assert_cmpuint (search (store, "TRK0000124"), ==, 1);  /* 1240 */
  g_assert_cmpuint (search (store, "creme"), ==, N_ORDERS / 5);
  g_assert_cmpuint (search (store, "1242"), ==, 1);        /* order 1242; SKU-01242 is "sku" "01242" */
  g_assert_cmpuint (search (store, "01242"), ==, 1);       /* the SKU of order 1243 */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/store/fts-query", test_fts_query);
  g_test_add_func ("/store/paths-and-modes", test_paths_and_modes);
  g_test_add_func ("/store/account", test_account);
  g_test_add_func ("/store/orders-and-filters", test_orders_and_filters);
  g_test_add_func ("/store/upsert-and-details", test_upsert_and_details);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/sync-state", test_sync_state);
  g_test_add_func ("/store/no-secrets", test_no_secrets);
  g_test_add_func ("/store/migration", test_migration);
  g_test_add_func ("/store/corrupt/garbage", test_corrupt_garbage);
  g_test_add_func ("/store/corrupt/truncated", test_corrupt_truncated);
  g_test_add_func ("/store/corrupt/page", test_corrupt_page);
  g_test_add_func ("/store/cancel-and-close", test_cancel_and_close);
  g_test_add_func ("/store/thread-default-context", test_thread_default_context);
  g_test_add_func ("/store/delete", test_delete);
  g_test_add_func ("/store/unref-closes", test_unref_closes);
  g_test_add_func ("/store/ten-thousand", test_ten_thousand);

  return g_test_run ();
}
