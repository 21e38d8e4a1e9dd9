/* test-orders.c: the order history query, one order, the regions
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-fulfillment.h"
#include "medusa-line-item.h"
#include "medusa-order-page.h"
#include "medusa-order-query.h"
#include "medusa-orders.h"
#include "medusa-receipt-order.h"
#include "medusa-regions.h"
#include "medusa-region.h"
#include "service-fixture.h"

typedef ServiceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (f, NULL);
  medusa_fake_server_add_customer (f->fake, OTHER_EMAIL, OTHER_PASSWORD, "Other", "Person");
  /* display_id 1..12 are the demo customer's, 13..14 somebody else's */
  medusa_fake_server_add_orders (f->fake, DEMO_EMAIL, 12);
  medusa_fake_server_add_orders (f->fake, OTHER_EMAIL, 2);
  service_fixture_sign_in_as (f, DEMO_EMAIL);
}

static MedusaOrderPage *
list_orders (Fixture                *f,
             const MedusaOrderQuery *query,
             GError                **error)
{
  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_orders_finish (f->client, service_fixture_wait (f), error);
}

static MedusaOrder *
retrieve_order (Fixture     *f,
                const char  *id,
                GError     **error)
{
  medusa_client_retrieve_order_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_retrieve_order_finish (f->client, service_fixture_wait (f), error);
}

static GListModel *
list_regions (Fixture  *f,
              GError  **error)
{
  medusa_client_list_regions_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_regions_finish (f->client, service_fixture_wait (f), error);
}

/* "12,11,10" */
static char *
page_display_ids (MedusaOrderPage *page)
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

static void
assert_query_sent (Fixture                *f,
                   const MedusaOrderQuery *query)
{
  g_autofree char *expected = medusa_order_query_to_string (query);
  const MedusaFakeRequest *request;

  request = service_assert_bearer_request (f, "GET", "/store/customers/me/orders");
  if (*expected == '\0')
    g_assert_true (medusa_fake_request_get_query (request) == NULL ||
                   *medusa_fake_request_get_query (request) == '\0');
  else
    g_assert_cmpstr (medusa_fake_request_get_query (request), ==, expected);
}

/* ------------------------------------------------------------------ */

static void
test_list_default (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(MedusaOrder) first = NULL;

  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  /* only this customer's orders, newest first, the server's default limit of 10 */
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 12);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 10);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, 0);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "12,11,10,9,8,7,6,5,4,3");
  assert_query_sent (f, query);

  first = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  /* display_id 12: (12 - 1) % 6 = 5 → archived / returned / refunded */
  g_assert_cmpint (medusa_order_get_status (first), ==, MEDUSA_ORDER_STATUS_ARCHIVED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (first), ==, MEDUSA_FULFILLMENT_STATUS_RETURNED);
  g_assert_cmpint (medusa_order_get_payment_status (first), ==, MEDUSA_PAYMENT_STATUS_REFUNDED);
  g_assert_cmpstr (medusa_order_get_currency_code (first), ==, "eur");
  g_assert_cmpstr (medusa_order_get_email (first), ==, DEMO_EMAIL);
  /* 1 T-shirt (12 % 3 + 1 = 1) at 1950 + a mug at 1200 + standard shipping 800 */
  g_assert_cmpint (medusa_order_get_subtotal (first), ==, 3150);
  g_assert_cmpint (medusa_order_get_shipping_total (first), ==, 800);
  g_assert_cmpint (medusa_order_get_total (first), ==, 3950);
  g_assert_cmpint (medusa_order_get_refunded_total (first), ==, 3950);
  {
    g_autoptr(GDateTime) expected = g_date_time_new_utc (2025, 1, 12, 10, 0, 0);

    g_assert_true (g_date_time_equal (medusa_order_get_created_at (first), expected));
  }
}

static void
test_list_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *ids = NULL;

  medusa_order_query_set_limit (query, 5);
  medusa_order_query_set_offset (query, 10);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 12);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 5);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, 10);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "2,1");
  assert_query_sent (f, query);

  /* limit 0 means everything */
  g_clear_object (&page);
  g_clear_pointer (&ids, g_free);
  medusa_order_query_set_limit (query, 0);
  medusa_order_query_set_offset (query, 0);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 12);
  assert_query_sent (f, query);
}

static void
test_list_statuses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *ids = NULL;

  /* statuses by display_id: 1,7 pending; 2,8 completed; 3,9 canceled;
   * 4,10 pending; 5,11 requires_action; 6,12 archived */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_CANCELED);
  medusa_order_query_set_limit (query, 0);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "10,9,7,4,3,1");
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 6);
  assert_query_sent (f, query);

  /* status and fulfillment_status together narrow down */
  g_clear_object (&page);
  g_clear_pointer (&ids, g_free);
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_FULFILLED);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "10,4");
  assert_query_sent (f, query);

  g_clear_object (&page);
  g_clear_pointer (&ids, g_free);
  medusa_order_query_clear_statuses (query);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_AWAITING);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "7,1");
  assert_query_sent (f, query);
}

static void
test_list_dates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  /* 2025-01-05T00:00:00+01:00 is 2025-01-04T23:00Z: display_id 5 (Jan 5, 10:00Z) on */
  g_autoptr(GDateTime) from = g_date_time_new (tz, 2025, 1, 5, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2025, 1, 8, 10, 0, 0);

  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, from);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, to);
  page = list_orders (f, query, &error);
  /* a '+' in the offset must reach the server as %2B or this is a 400 */
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "7,6,5");
  assert_query_sent (f, query);
}

static void
test_list_search (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *ids = NULL;

  /* display_id matches as text */
  medusa_order_query_set_q (query, "11");
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "11");
  assert_query_sent (f, query);

  /* the customer's own name matches every order (like the real backend) */
  g_clear_object (&page);
  medusa_order_query_set_q (query, "demo customer");
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 0);
  g_clear_object (&page);
  medusa_order_query_set_q (query, "DEMO");
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 12);

  g_clear_object (&page);
  g_clear_pointer (&ids, g_free);
  medusa_order_query_set_q (query, NULL);
  medusa_order_query_set_display_id (query, "3");
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  ids = page_display_ids (page);
  g_assert_cmpstr (ids, ==, "3");
  assert_query_sent (f, query);
}

static void
test_list_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  medusa_order_query_set_fields (query, "id,display_id,status,fulfillment_status,payment_status,currency_code,total");
  medusa_order_query_set_expand (query, "items");
  medusa_order_query_set_limit (query, 3);
  page = list_orders (f, query, &error);
  g_assert_no_error (error);
  assert_query_sent (f, query);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 3);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 12);
  g_assert_cmpint (medusa_order_get_total (order), ==, 3950);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 2);
}

static void
test_list_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;

  /* a non-numeric display_id is a 500 from the real backend */
  medusa_order_query_set_display_id (query, "abc");
  page = list_orders (f, query, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (page);
  g_clear_error (&error);

  /* the server's 400 message reaches the caller */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders", 400, NULL,
                                       "{\"type\":\"invalid_data\",\"message\":\"property order should not exist\"}", 1);
  medusa_order_query_set_display_id (query, NULL);
  page = list_orders (f, query, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "property order should not exist"));
  g_clear_error (&error);

  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me/orders", MEDUSA_FAKE_FAULT_CUT_JSON, 1);
  page = list_orders (f, query, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  medusa_fake_server_revoke_credentials (f->fake);
  page = list_orders (f, query, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* The order list's pages: summaries read without a json-glib tree, the
 * same as the full orders in what they keep, and cached apart from them
 * (a 304 for the same URI must not hand a summary page to the export). */
static MedusaOrderPage *
list_summaries (Fixture                *f,
                const MedusaOrderQuery *query,
                GError                **error)
{
  medusa_client_list_order_summaries_async (f->client, query, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_order_summaries_finish (f->client, service_fixture_wait (f), error);
}

static void
assert_summaries_of (MedusaOrderPage *summaries,
                     MedusaOrderPage *full)
{
  GListModel *s = medusa_order_page_get_orders (summaries);
  GListModel *o = medusa_order_page_get_orders (full);

  g_assert_cmpint (medusa_order_page_get_count (summaries), ==, medusa_order_page_get_count (full));
  g_assert_cmpuint (g_list_model_get_n_items (s), ==, g_list_model_get_n_items (o));
  for (guint i = 0; i < g_list_model_get_n_items (s); i++)
    {
      g_autoptr(MedusaOrder) a = g_list_model_get_item (s, i);
      g_autoptr(MedusaOrder) b = g_list_model_get_item (o, i);

      g_assert_cmpstr (medusa_order_get_id (a), ==, medusa_order_get_id (b));
      g_assert_cmpint (medusa_order_get_display_id (a), ==, medusa_order_get_display_id (b));
      g_assert_cmpint (medusa_order_get_total (a), ==, medusa_order_get_total (b));
      g_assert_cmpint (medusa_order_get_refunded_total (a), ==, medusa_order_get_refunded_total (b));
      g_assert_cmpint (medusa_order_get_status (a), ==, medusa_order_get_status (b));
      g_assert_cmpint (medusa_order_get_payment_status (a), ==, medusa_order_get_payment_status (b));
      g_assert_cmpint (medusa_order_get_n_items (a), ==, medusa_order_get_n_items (b));
      g_assert_cmpint (medusa_order_get_n_items (a), >, 0);
      g_assert_true (g_date_time_equal (medusa_order_get_created_at (a), medusa_order_get_created_at (b)));
      /* a summary leaves these out */
      g_assert_null (medusa_order_get_email (a));
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (a)), ==, 0);
      g_assert_cmpstr (medusa_order_get_email (b), ==, DEMO_EMAIL);
    }
}

static void
test_list_summaries (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) summaries = NULL;
  g_autoptr(MedusaOrderPage) full = NULL;
  g_autoptr(MedusaOrderPage) again = NULL;

  summaries = list_summaries (f, query, &error);
  g_assert_no_error (error);
  assert_query_sent (f, query);
  full = list_orders (f, query, &error);
  g_assert_no_error (error);
  assert_summaries_of (summaries, full);

  /* the same URI once more, each kind: its own cached model */
  g_clear_object (&summaries);
  g_clear_object (&full);
  summaries = list_summaries (f, query, &error);
  g_assert_no_error (error);
  full = list_orders (f, query, &error);
  g_assert_no_error (error);
  assert_summaries_of (summaries, full);

  /* a broken body is the parse error, as for the full page */
  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me/orders",
                                MEDUSA_FAKE_FAULT_TRUNCATED, 1);
  medusa_order_query_set_offset (query, 2);
  again = list_summaries (f, query, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (again);
}

static void
test_retrieve_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  const char *id = medusa_fake_server_get_order_id (f->fake, 2);
  g_autofree char *path = g_strdup_printf ("/store/orders/%s", id);
  MedusaAddress *shipping;
  GListModel *items;
  g_autoptr(MedusaLineItem) item = NULL;

  order = retrieve_order (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_id (order), ==, id);
  /* display_id 2: completed / shipped / captured, 3 T-shirts + a mug, express */
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 2);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 3 * 1950 + 1200);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 800);
  g_assert_cmpint (medusa_order_get_total (order), ==, 3 * 1950 + 1200 + 800);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 3 * 1950 + 1200 + 800);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, 0);

  items = medusa_order_get_items (order);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  item = g_list_model_get_item (items, 0);
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Test T-Shirt");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 3);
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 3 * 1950);

  shipping = medusa_order_get_shipping_address (order);
  g_assert_nonnull (shipping);
  g_assert_cmpstr (medusa_address_get_address_1 (shipping), ==, "Teststrasse 2");
  g_assert_cmpstr (medusa_address_get_city (shipping), ==, "Berlin");
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (order)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_payments (order)), ==, 1);

  service_assert_bearer_request (f, "GET", path);
}

static void
test_retrieve_order_canceled (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  order = retrieve_order (f, medusa_fake_server_get_order_id (f->fake, 3), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_CANCELED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_CANCELED);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CANCELED);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 0);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 0);
}

static void
test_retrieve_order_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  order = retrieve_order (f, "order_does_not_exist", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "order_does_not_exist"));
  g_assert_null (order);
  g_clear_error (&error);

  medusa_fake_server_add_fault (f->fake, "GET", "/store/orders/", MEDUSA_FAKE_FAULT_MALFORMED_JSON, 1);
  order = retrieve_order (f, medusa_fake_server_get_order_id (f->fake, 1), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  /* a GET survives two 503s */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 503, NULL, NULL, 2);
  order = retrieve_order (f, medusa_fake_server_get_order_id (f->fake, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 1);
}

/* The receipt's order comes from the customer's order list, which has the
 * refunds GET /store/orders/{id} leaves out; another customer's order is
 * not found. */
static MedusaOrder *
retrieve_receipt_order (Fixture     *f,
                        const char  *id,
                        GError     **error)
{
  medusa_client_retrieve_receipt_order_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_retrieve_receipt_order_finish (f->client, service_fixture_wait (f), error);
}

static void
test_retrieve_receipt_order (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) details = NULL;
  /* display_id 6: archived / returned / refunded */
  const char *id = medusa_fake_server_get_order_id (f->fake, 6);

  details = retrieve_order (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (details)), ==, 0);

  order = retrieve_receipt_order (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_order_get_id (order), ==, id);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_REFUNDED);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), >, 0);
  g_assert_nonnull (medusa_order_get_shipping_address (order));
  g_clear_object (&order);

  order = retrieve_receipt_order (f, medusa_fake_server_get_order_id (f->fake, 13), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (order);
}

static void
test_regions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(MedusaRegion) region = NULL;
  g_autoptr(MedusaCountry) country = NULL;
  const MedusaFakeRequest *request;
  GListModel *countries;

  regions = list_regions (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (regions), ==, 1);
  region = g_list_model_get_item (regions, 0);
  g_assert_cmpstr (medusa_region_get_id (region), ==, MEDUSA_FAKE_REGION_ID);
  g_assert_cmpstr (medusa_region_get_name (region), ==, "EU");
  g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "eur");
  countries = medusa_region_get_countries (region);
  g_assert_cmpuint (g_list_model_get_n_items (countries), ==, 10);
  country = g_list_model_get_item (countries, 0);
  g_assert_cmpstr (medusa_country_get_iso_2 (country), ==, "de");
  g_assert_cmpstr (medusa_country_get_display_name (country), ==, "Germany");

  /* a public route: no credential */
  request = medusa_fake_server_get_last_request (f->fake, "GET", "/store/regions");
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  g_clear_object (&regions);

  medusa_fake_server_add_fault (f->fake, "GET", "/store/regions", MEDUSA_FAKE_FAULT_TRUNCATED, 1);
  regions = list_regions (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (regions);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, service_fixture_tear_down)
  ADD ("/orders/list/default", test_list_default);
  ADD ("/orders/list/paging", test_list_paging);
  ADD ("/orders/list/statuses", test_list_statuses);
  ADD ("/orders/list/dates", test_list_dates);
  ADD ("/orders/list/search", test_list_search);
  ADD ("/orders/list/fields", test_list_fields);
  ADD ("/orders/list/errors", test_list_errors);
  ADD ("/orders/list/summaries", test_list_summaries);
  ADD ("/orders/retrieve/success", test_retrieve_order);
  ADD ("/orders/retrieve/canceled", test_retrieve_order_canceled);
  ADD ("/orders/retrieve/errors", test_retrieve_order_errors);
  ADD ("/orders/regions", test_regions);
  ADD ("/orders/retrieve/receipt", test_retrieve_receipt_order);
#undef ADD

  return g_test_run ();
}
