/* test-orders-v2.c: the order history of a v2 store through the dialect,
 * against the fake in v2 mode
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list (newest first, v1's default page, limit/offset, both readers),
 * the filters the store applies (status, id: sent) and the ones the dialect
 * applies (payment and fulfillment status, order number, text, dates: never
 * sent, counted honestly), the details (the customer's orders only, money
 * exact, the currency asked once), faults, the ETag, and the local copy's
 * sync (whole each time: a v2 capture does not move updated_at).
 */
#include "config.h"

#include <string.h>

#include "medusa-account-json.h"
#include "medusa-account-store.h"
#include "medusa-auth.h"
#include "medusa-customers.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-order-export.h"
#include "medusa-orders.h"
#include "medusa-orders-v2.h"
#include "medusa-receipt-order.h"
#include "medusa-sync.h"
#include "service-fixture.h"

#define KEY "pk_fake_v2_key"
#define ADA "ada@example.com"
#define ADA_PASSWORD "analytical-engine"
#define BOB "bob@example.com"
#define N_ADA 7

typedef struct
{
  MedusaFakeServer *fake;
  MedusaClient     *client;
  GAsyncResult     *slot;
  char             *customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  MedusaRetryPolicy policy = { .max_retries = 0 };

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_set_v2 (f->fake, KEY);
  medusa_fake_server_add_customer (f->fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  medusa_fake_server_add_customer (f->fake, BOB, "bob-password", "Bob", "Builder");
  /* display ids 1..7 Ada's, 8..9 Bob's */
  medusa_fake_server_add_orders (f->fake, ADA, N_ADA);
  medusa_fake_server_add_orders (f->fake, BOB, 2);
  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (f->client, &policy);
  medusa_client_set_store_version (f->client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (f->client, KEY);

  medusa_client_sign_in_async (f->client, ADA, ADA_PASSWORD, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_sign_in_finish (f->client, result, &error);
  g_assert_no_error (error);
  f->customer_id = g_strdup (medusa_customer_get_id (customer));
  medusa_fake_server_clear_requests (f->fake);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->fake);
  g_free (f->customer_id);
}

static MedusaOrderPage *
list (Fixture *f, MedusaOrderQuery *query, gboolean summaries, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (summaries)
    {
      medusa_client_list_order_summaries_async (f->client, query, NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      return medusa_client_list_order_summaries_finish (f->client, result, error);
    }
  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_list_orders_finish (f->client, result, error);
}

/* The display ids of @page, "7,6,5". */
static char *
page_ids (MedusaOrderPage *page)
{
  GListModel *orders = medusa_order_page_get_orders (page);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              medusa_order_get_display_id (order));
    }
  return g_string_free (out, FALSE);
}

/* Both readers give @expected_ids and @expected_count. */
static void
assert_list (Fixture          *f,
             MedusaOrderQuery *query,
             const char       *expected_ids,
             gint64            expected_count)
{
  for (int summaries = 0; summaries < 2; summaries++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrderPage) page = list (f, query, summaries, &error);
      g_autofree char *ids = NULL;

      g_assert_no_error (error);
      ids = page_ids (page);
      g_assert_cmpstr (ids, ==, expected_ids);
      g_assert_cmpint (medusa_order_page_get_count (page), ==, expected_count);
    }
}

/* The display ids (newest first) of Ada's orders whose stored JSON has
 * @member = @value (v1 names; "awaiting" is v2's "authorized"). */
static char *
expected_ids (Fixture *f, const char *member, const char *value, guint *n)
{
  GString *out = g_string_new (NULL);

  *n = 0;
  for (guint d = N_ADA; d >= 1; d--)
    {
      JsonObject *o = medusa_fake_server_get_order_json (f->fake, d);

      if (member == NULL || g_strcmp0 (json_object_get_string_member (o, member), value) == 0)
        {
          g_string_append_printf (out, "%s%u", *n > 0 ? "," : "", d);
          (*n)++;
        }
    }
  return g_string_free (out, FALSE);
}

static const char *
last_orders_query (Fixture *f)
{
  const MedusaFakeRequest *request = medusa_fake_server_get_last_request (f->fake, "GET", "/store/orders");

  g_assert_nonnull (request);
  return medusa_fake_request_get_query (request);
}

static void
test_capabilities (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaClient) client = medusa_client_new ("https://shop.example.com", &error);

  g_assert_true (medusa_client_has_capability (client, MEDUSA_CAPABILITY_ORDERS));
  g_assert_true (medusa_client_has_capability (client, MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE));
  medusa_client_set_store_version (client, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_client_has_capability (client, MEDUSA_CAPABILITY_ORDERS));
  g_assert_false (medusa_client_has_capability (client, MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  const char *sent;

  /* v1's default page (10), newest first; the customer's orders only. */
  assert_list (f, NULL, "7,6,5,4,3,2,1", N_ADA);
  sent = last_orders_query (f);
  g_assert_true (g_str_has_prefix (sent, "order=-created_at&"));
  g_assert_nonnull (strstr (sent, "&offset=0&limit=10"));
  g_assert_null (strstr (sent, "/store/customers/me/orders"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/orders"), ==, 0);

  /* The store pages. */
  medusa_order_query_set_limit (query, 3);
  medusa_order_query_set_offset (query, 3);
  assert_list (f, query, "4,3,2", N_ADA);
  g_assert_nonnull (strstr (last_orders_query (f), "&offset=3&limit=3"));

  /* Every order: limit 0, as v1. */
  medusa_order_query_set_limit (query, 0);
  medusa_order_query_set_offset (query, 0);
  assert_list (f, query, "7,6,5,4,3,2,1", N_ADA);

  /* Money exact, in minor units. */
  page = list (f, NULL, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ADA; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (page), i);
      JsonObject *stored = medusa_fake_server_get_order_json (f->fake, (guint) medusa_order_get_display_id (order));

      g_assert_cmpint (medusa_order_get_total (order), ==, json_object_get_int_member (stored, "total"));
      g_assert_cmpint (medusa_order_get_shipping_total (order), ==,
                       json_object_get_int_member (stored, "shipping_total"));
    }
  /* The currency's digits were asked once for all these pages. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/currencies/eur"), ==, 1);
}

static void
test_server_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autofree char *ids = NULL;
  guint n;

  /* Status goes to the store, as status[]; every value is in v2's enum
   * (the store answers 500 otherwise). */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_CANCELED);
  ids = expected_ids (f, "status", "canceled", &n);
  assert_list (f, query, ids, n);
  g_assert_nonnull (strstr (last_orders_query (f), "status[]=canceled"));

  for (int s = MEDUSA_ORDER_STATUS_UNKNOWN + 1; s <= MEDUSA_ORDER_STATUS_LAST; s++)
    medusa_order_query_add_status (query, s);
  assert_list (f, query, "7,6,5,4,3,2,1", N_ADA);

  /* The id too; another customer's id finds nothing. */
  medusa_order_query_clear_statuses (query);
  medusa_order_query_set_id (query, medusa_fake_server_get_order_id (f->fake, 3));
  assert_list (f, query, "3", 1);
  medusa_order_query_set_id (query, medusa_fake_server_get_order_id (f->fake, 8));
  assert_list (f, query, "", 0);
}

static void
test_local_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *ids = NULL;
  g_auto(GStrv) parts = NULL;
  const char *sent;
  guint n, n_requests;

  /* Payment status: filtered here over every order; never sent (400). */
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  ids = expected_ids (f, "payment_status", "captured", &n);
  g_assert_cmpuint (n, >=, 2);
  assert_list (f, query, ids, n);
  sent = last_orders_query (f);
  g_assert_null (strstr (sent, "payment_status"));
  g_assert_nonnull (strstr (sent, "&offset=0&limit=200"));

  /* Its second order only, and the honest count: the listing's next page
   * is a slice of the same scan (no request); a first page reads again. */
  medusa_order_query_set_limit (query, 1);
  medusa_order_query_set_offset (query, 1);
  parts = g_strsplit (ids, ",", -1);
  n_requests = medusa_fake_server_get_n_requests (f->fake, "GET", "/store/orders");
  assert_list (f, query, parts[1], n);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/orders"), ==, n_requests);
  medusa_order_query_set_offset (query, 0);
  assert_list (f, query, parts[0], n);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/orders"), ==, n_requests + 2);

  /* v2's own "authorized" (v1's awaiting). */
  g_clear_pointer (&query, medusa_order_query_free);
  g_clear_pointer (&ids, g_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_AUTHORIZED);
  ids = expected_ids (f, "payment_status", "awaiting", &n);
  g_assert_cmpuint (n, >=, 1);
  assert_list (f, query, ids, n);

  /* Fulfillment status. */
  g_clear_pointer (&query, medusa_order_query_free);
  g_clear_pointer (&ids, g_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  ids = expected_ids (f, "fulfillment_status", "shipped", &n);
  assert_list (f, query, ids, n);
  g_assert_null (strstr (last_orders_query (f), "fulfillment_status"));

  /* Order number, as a filter and as the search text; a text no order has. */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_set_display_id (query, "5");
  assert_list (f, query, "5", 1);
  medusa_order_query_set_display_id (query, NULL);
  medusa_order_query_set_q (query, "5");
  assert_list (f, query, "5", 1);
  g_assert_null (strstr (last_orders_query (f), "q="));
  medusa_order_query_set_q (query, "mug");
  /* the fake's even orders have a "Test Mug" */
  assert_list (f, query, "6,4,2", 3);
  medusa_order_query_set_q (query, "zeppelin");
  assert_list (f, query, "", 0);

  /* Created at or after order 5's day (the fake's orders are a day apart). */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  since = g_date_time_new_from_iso8601 (json_object_get_string_member (medusa_fake_server_get_order_json (f->fake, 5),
                                                                       "created_at"), NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, since);
  assert_list (f, query, "7,6,5", 3);
  g_assert_null (strstr (last_orders_query (f), "created_at["));

  /* A currency none has. */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_set_currency_code (query, "usd");
  assert_list (f, query, "", 0);
  medusa_order_query_set_currency_code (query, "EUR");
  assert_list (f, query, "7,6,5,4,3,2,1", N_ADA);
}

/* The dialect's matcher alone. */
static void
test_matcher (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(JsonNode) node = json_from_string (
    "{\"id\":\"order_1\",\"display_id\":1042,\"status\":\"pending\",\"payment_status\":\"captured\","
    "\"fulfillment_status\":\"shipped\",\"currency_code\":\"eur\",\"email\":\"a@b.c\","
    "\"created_at\":\"2026-12-02T17:26:54.364Z\",\"shipping_address\":{\"first_name\":\"Zoë\",\"city\":\"Köln\"},"
    "\"items\":[{\"title\":\"Medusa T-Shirt\",\"variant\":{\"title\":\"L\",\"sku\":\"SHIRT-L\"}}],"
    "\"fulfillments\":[{\"tracking_links\":[{\"tracking_number\":\"TRK99\"}]}]}", NULL);
  JsonObject *order = json_node_get_object (node);
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 12, 2, 0, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2026, 12, 3, 0, 0, 0);

  g_assert_true (_medusa_v2_order_matches (query, order));
  g_assert_false (_medusa_v2_orders_query_is_local (query));
  medusa_order_query_set_q (query, "shirt köln");
  g_assert_true (_medusa_v2_orders_query_is_local (query));
  g_assert_true (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_q (query, "KÖLN trk");
  g_assert_true (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_q (query, "irt");   /* not the start of a word */
  g_assert_false (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_q (query, "1042 ZO");
  g_assert_true (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_q (query, "1043");
  g_assert_false (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_q (query, NULL);

  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, before);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, after);
  g_assert_true (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, before);
  g_assert_false (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CANCELED_AT, MEDUSA_ORDER_DATE_GT, before);
  g_assert_false (_medusa_v2_order_matches (query, order));  /* never canceled */
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CANCELED_AT, MEDUSA_ORDER_DATE_GT, NULL);

  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_REFUNDED);
  g_assert_false (_medusa_v2_order_matches (query, order));
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  g_assert_true (_medusa_v2_order_matches (query, order));
  medusa_order_query_set_tax_rate (query, "19");
  g_assert_false (_medusa_v2_order_matches (query, order));  /* v2 orders have none */
}

static MedusaOrder *
retrieve (Fixture *f, const char *id, int way, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (way == 0)
    {
      medusa_client_retrieve_order_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      return medusa_client_retrieve_order_finish (f->client, result, error);
    }
  if (way == 1)
    {
      g_autoptr(GBytes) json = NULL;
      MedusaOrder *order;

      medusa_client_fetch_order_json_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      order = medusa_client_fetch_order_json_finish (f->client, result, &json, error);
      g_assert_true ((order == NULL) == (json == NULL));
      if (json != NULL)
        g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), "\"order\":{"));
      return order;
    }
  medusa_client_retrieve_receipt_order_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_retrieve_receipt_order_finish (f->client, result, error);
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  /* Order 2 (the fake's second state): completed, shipped, two items. */
  JsonObject *stored = medusa_fake_server_get_order_json (f->fake, 2);

  for (int way = 0; way < 3; way++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrder) order = retrieve (f, medusa_fake_server_get_order_id (f->fake, 2), way, &error);
      g_autoptr(MedusaOrder) other = NULL;
      JsonArray *items = json_object_get_array_member (stored, "items");

      g_assert_no_error (error);
      g_assert_cmpint (medusa_order_get_display_id (order), ==, 2);
      g_assert_cmpint (medusa_order_get_total (order), ==, json_object_get_int_member (stored, "total"));
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, json_array_get_length (items));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (medusa_order_get_items (order), i);

          g_assert_cmpint (medusa_line_item_get_unit_price (item), ==,
                           json_object_get_int_member (json_array_get_object_element (items, i), "unit_price"));
        }
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 1);
      {
        g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (medusa_order_get_fulfillments (order), 0);

        /* v2 sends neither its items nor tracking numbers: unknown, not 0. */
        g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, -1);
        g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
      }
      g_assert_nonnull (medusa_order_get_shipping_address (order));
      /* Through the customer's list: ownership checked. */
      g_assert_nonnull (strstr (last_orders_query (f), "&id=order_"));
      g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/orders"), ==, 0);

      /* Bob's order: the route by id would answer; the dialect does not. */
      other = retrieve (f, medusa_fake_server_get_order_id (f->fake, 8), way, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
      g_assert_null (other);
    }
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  /* The store's 500: an error, no page. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrderPage) page = NULL;

    medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders", 500, NULL, NULL, 1);
    page = list (f, NULL, FALSE, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
    g_assert_null (page);
  }
  /* A page cut in half; the second page of a filtered run failing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrderPage) page = NULL;

    medusa_fake_server_add_fault (f->fake, "GET", "/store/orders", MEDUSA_FAKE_FAULT_CUT_JSON, 1);
    page = list (f, NULL, TRUE, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
    g_assert_null (page);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrderPage) page = NULL;

    /* The currency's digits cannot be read: no page with guessed money. */
    medusa_fake_server_add_status_fault (f->fake, "GET", "/store/currencies/", 503, NULL, NULL, 1);
    page = list (f, NULL, FALSE, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
    g_assert_null (page);
  }
  /* Afterwards everything works. */
  medusa_fake_server_clear_faults (f->fake);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrderPage) page = list (f, query, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (medusa_order_page_get_count (page), >, 0);
  }
}

static void
test_etag (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autofree char *etag = NULL;

  medusa_order_query_set_limit (query, 50);
  for (int run = 0; run < 2; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *new_etag = NULL;
      gboolean not_modified = FALSE;

      medusa_client_fetch_account_json_if_changed_async (f->client, MEDUSA_ACCOUNT_JSON_ORDERS, query, etag,
                                                         NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      bytes = medusa_client_fetch_account_json_if_changed_finish (f->client, result, &not_modified,
                                                                  &new_etag, &error);
      g_assert_no_error (error);
      g_assert_nonnull (new_etag);
      if (run == 0)
        {
          /* The v1 shape: amounts in cents. */
          g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
          JsonObject *first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                                           "orders"), 0);

          g_assert_false (not_modified);
          g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "count"), ==, N_ADA);
          g_assert_cmpint (json_object_get_int_member (first, "total"), ==,
                           json_object_get_int_member (medusa_fake_server_get_order_json (f->fake, 7), "total"));
          etag = g_steal_pointer (&new_etag);
        }
      else
        {
          g_assert_true (not_modified);
          g_assert_null (bytes);
        }
    }
}

/* CSV export from the store (the copy off): every order the filter keeps,
 * in pages, money exact. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *total = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  file = g_file_new_tmp ("medusa-export-v2-XXXXXX.csv", &stream, &error);
  g_assert_no_error (error);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  ids = expected_ids (f, "payment_status", "captured", &n);
  export = medusa_order_export_new (f->client, query, file);
  medusa_order_export_set_page_size (export, 1);
  medusa_order_export_run_async (export, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_assert_true (medusa_order_export_run_finish (export, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, n);

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, n + 1);
  total = medusa_order_export_format_amount (json_object_get_int_member (medusa_fake_server_get_order_json (f->fake, 2),
                                                                         "total"), "eur");
  g_assert_nonnull (strstr (contents, total));
  g_file_delete (file, NULL, NULL);
}

static void
run_sync (MedusaSync *sync)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_sync_run_async (sync, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  customer = medusa_sync_run_finish (sync, result, &error);
  g_assert_no_error (error);
}

static MedusaOrder *
copy_order (MedusaAccountStore *store, gint64 display_id, gint64 *n_total)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) orders = NULL;

  medusa_account_store_get_orders_async (store, NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  orders = medusa_account_store_get_orders_finish (store, result, n_total, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      if (medusa_order_get_display_id (order) == display_id)
        return g_steal_pointer (&order);
    }
  return NULL;
}

static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaSync) sync = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) updated = NULL;
  gint64 n_total = 0;

  medusa_account_store_open_async (medusa_fake_server_get_url (f->fake), f->customer_id, NULL,
                                   medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  store = medusa_account_store_open_finish (result, &error);
  g_assert_no_error (error);
  sync = medusa_sync_new (f->client, store);

  run_sync (sync);
  g_assert_true (medusa_sync_get_last_run_full (sync));
  /* No saved payment methods on v2: the sync does not ask for them. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/payment-methods"), ==, 0);
  order = copy_order (store, 1, &n_total);
  g_assert_cmpint (n_total, ==, N_ADA);
  g_assert_nonnull (order);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
  g_assert_cmpint (medusa_order_get_total (order), ==,
                   json_object_get_int_member (medusa_fake_server_get_order_json (f->fake, 1), "total"));
  g_clear_object (&order);

  /* Order 1 changes without its updated_at moving (as a v2 capture does):
   * the next run still brings it, the whole history is read again. */
  updated = g_date_time_new_from_iso8601 (json_object_get_string_member (medusa_fake_server_get_order_json (f->fake, 1),
                                                                         "created_at"), NULL);
  {
    g_autoptr(GDateTime) same = g_date_time_add_hours (updated, 1);

    medusa_fake_server_touch_order (f->fake, 1, "shipped", same);
  }
  medusa_fake_server_clear_requests (f->fake);
  run_sync (sync);
  g_assert_true (medusa_sync_get_last_run_full (sync));
  g_assert_null (strstr (last_orders_query (f), "updated_at"));
  order = copy_order (store, 1, &n_total);
  g_assert_cmpint (n_total, ==, N_ADA);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
}

int
main (int argc, char *argv[])
{
  service_test_init (&argc, &argv);

  g_test_add_func ("/orders-v2/capabilities", test_capabilities);
  g_test_add_func ("/orders-v2/matcher", test_matcher);
#define ADD(path, func) \
  g_test_add ("/orders-v2/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list", test_list);
  ADD ("server-filters", test_server_filters);
  ADD ("local-filters", test_local_filters);
  ADD ("details", test_details);
  ADD ("faults", test_faults);
  ADD ("etag", test_etag);
  ADD ("export", test_export);
  ADD ("sync", test_sync);
#undef ADD

  return g_test_run ();
}
