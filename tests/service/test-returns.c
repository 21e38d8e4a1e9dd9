/* test-returns.c: return reasons, return shipping options, an order's
 * returns and requesting a return, against the fake store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-error.h"
#include "medusa-line-item.h"
#include "medusa-orders.h"
#include "medusa-returns.h"
#include "service-fixture.h"

typedef ServiceFixture Fixture;

/* display_id 2 is completed/shipped, 3 canceled (medusa_fake_server_add_orders) */
#define SHIPPED_ORDER  2
#define CANCELED_ORDER 3

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (f, NULL);
  medusa_fake_server_add_orders (f->fake, DEMO_EMAIL, 3);
  service_fixture_sign_in_as (f, DEMO_EMAIL);
}

static GListModel *
list_reasons (Fixture  *f,
              GError  **error)
{
  medusa_client_list_return_reasons_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_return_reasons_finish (f->client, service_fixture_wait (f), error);
}

static GListModel *
list_options (Fixture     *f,
              const char  *region_id,
              GError     **error)
{
  medusa_client_list_return_options_async (f->client, region_id, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_return_options_finish (f->client, service_fixture_wait (f), error);
}

static GListModel *
list_order_returns (Fixture     *f,
                    const char  *order_id,
                    GError     **error)
{
  medusa_client_list_order_returns_async (f->client, order_id, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_order_returns_finish (f->client, service_fixture_wait (f), error);
}

static MedusaReturn *
request_return (Fixture              *f,
                MedusaReturnRequest  *request,
                GError              **error)
{
  medusa_client_request_return_async (f->client, request, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_request_return_finish (f->client, service_fixture_wait (f), error);
}

/* The id of the first line item of order @display_id. */
static char *
first_item_id (Fixture *f,
               guint    display_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;

  medusa_client_retrieve_order_async (f->client, medusa_fake_server_get_order_id (f->fake, display_id),
                                      NULL, medusa_fake_async_result_cb, &f->slot);
  order = medusa_client_retrieve_order_finish (f->client, service_fixture_wait (f), &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_nonnull (item);
  return g_strdup (medusa_line_item_get_id (item));
}

static MedusaReturnRequest *
new_request (Fixture    *f,
             guint       display_id,
             const char *reason_id)
{
  g_autofree char *item_id = first_item_id (f, display_id);
  MedusaReturnRequest *request = medusa_return_request_new (medusa_fake_server_get_order_id (f->fake, display_id));

  medusa_return_request_add_item (request, item_id, 1, reason_id, "Too tight");
  medusa_return_request_set_option_id (request, MEDUSA_FAKE_RETURN_OPTION_POST);
  return request;
}

static guint
n_returns (Fixture *f,
           guint    display_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) returns = list_order_returns (f, medusa_fake_server_get_order_id (f->fake, display_id),
                                                      &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (returns);
}

static void
test_reasons (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) reasons = list_reasons (f, &error);
  g_autoptr(MedusaReturnReason) first = NULL;
  g_autoptr(MedusaReturnReason) child = NULL;
  g_autoptr(MedusaReturnReason) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (reasons), ==, 2);
  first = g_list_model_get_item (reasons, 0);
  g_assert_cmpstr (medusa_return_reason_get_id (first), ==, MEDUSA_FAKE_REASON_WRONG_SIZE);
  g_assert_cmpstr (medusa_return_reason_get_label (first), ==, "Wrong size");
  g_assert_cmpuint (g_list_model_get_n_items (medusa_return_reason_get_children (first)), ==, 1);
  child = g_list_model_get_item (medusa_return_reason_get_children (first), 0);
  g_assert_cmpstr (medusa_return_reason_get_id (child), ==, MEDUSA_FAKE_REASON_TOO_SMALL);
  g_assert_cmpstr (medusa_return_reason_get_label (child), ==, "Too small");
  second = g_list_model_get_item (reasons, 1);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_return_reason_get_children (second)), ==, 0);
  service_assert_last_request (f, "GET", "/store/return-reasons");
}

static void
test_reasons_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) reasons = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/return-reasons", 500, NULL, NULL, 0);
  reasons = list_reasons (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (reasons);
  g_clear_error (&error);

  /* A reason without an id, a child that is not an object: not a list */
  medusa_fake_server_clear_faults (f->fake);
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/return-reasons", 200, NULL,
                                       "{\"return_reasons\":[{\"label\":\"No id\"}]}", 1);
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/return-reasons", 200, NULL,
                                       "{\"return_reasons\":[{\"id\":\"rr_1\",\"return_reason_children\":[1]}]}", 1);
  reasons = list_reasons (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  reasons = list_reasons (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (reasons);
}

static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) options = list_options (f, MEDUSA_FAKE_REGION_ID, &error);
  g_autoptr(MedusaReturnOption) post = NULL;
  const MedusaFakeRequest *request;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  post = g_list_model_get_item (options, 1);
  g_assert_cmpstr (medusa_return_option_get_id (post), ==, MEDUSA_FAKE_RETURN_OPTION_POST);
  g_assert_cmpstr (medusa_return_option_get_name (post), ==, "Return by Post");
  g_assert_cmpint (medusa_return_option_get_price (post), ==, 495);
  request = service_assert_last_request (f, "GET", "/store/shipping-options");
  g_assert_cmpstr (medusa_fake_request_get_query (request), ==,
                   "is_return=true&region_id=" MEDUSA_FAKE_REGION_ID);
}

static void
test_options_hostile (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) options = NULL;
  g_autoptr(MedusaReturnOption) only = NULL;

  /* A store that ignores is_return, or answers for another region: only
   * the region's return options are offered. */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/shipping-options", 200, NULL,
                                       "{\"shipping_options\":["
                                       "{\"id\":\"so_out\",\"name\":\"Express\",\"is_return\":false,\"amount\":1500,\"region_id\":\"" MEDUSA_FAKE_REGION_ID "\"},"
                                       "{\"id\":\"so_other\",\"name\":\"Elsewhere\",\"is_return\":true,\"amount\":100,\"region_id\":\"reg_other\"},"
                                       "{\"id\":\"so_ret\",\"name\":\"Back\",\"is_return\":true,\"amount\":null,\"price_incl_tax\":300,\"region_id\":\"" MEDUSA_FAKE_REGION_ID "\"}]}",
                                       1);
  options = list_options (f, MEDUSA_FAKE_REGION_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 1);
  only = g_list_model_get_item (options, 0);
  g_assert_cmpstr (medusa_return_option_get_id (only), ==, "so_ret");
  g_assert_cmpint (medusa_return_option_get_price (only), ==, 300);
  g_clear_object (&options);
  g_clear_object (&only);

  /* Without price_incl_tax the amount is the price; without either the
   * price is unknown (-1), not free (found by tests/fuzz/fuzz-models). */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/shipping-options", 200, NULL,
                                       "{\"shipping_options\":["
                                       "{\"id\":\"so_amount\",\"is_return\":true,\"amount\":250,\"region_id\":\"" MEDUSA_FAKE_REGION_ID "\"},"
                                       "{\"id\":\"so_none\",\"is_return\":true,\"price_incl_tax\":null,\"region_id\":\"" MEDUSA_FAKE_REGION_ID "\"}]}",
                                       1);
  options = list_options (f, MEDUSA_FAKE_REGION_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  only = g_list_model_get_item (options, 0);
  g_assert_cmpint (medusa_return_option_get_price (only), ==, 250);
  g_clear_object (&only);
  only = g_list_model_get_item (options, 1);
  g_assert_cmpint (medusa_return_option_get_price (only), ==, -1);
  g_clear_object (&options);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/shipping-options", 200, NULL,
                                       "{\"shipping_options\":{}}", 1);
  options = list_options (f, MEDUSA_FAKE_REGION_ID, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (options);
  g_clear_error (&error);

  medusa_fake_server_add_fault (f->fake, "GET", "/store/shipping-options", MEDUSA_FAKE_FAULT_MALFORMED_JSON, 0);
  options = list_options (f, MEDUSA_FAKE_REGION_ID, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (options);
}

static void
test_request_success (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) request = new_request (f, SHIPPED_ORDER, MEDUSA_FAKE_REASON_TOO_SMALL);
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(MedusaReturn) listed = NULL;
  g_autoptr(MedusaReturnItem) item = NULL;
  g_autofree char *item_id = first_item_id (f, SHIPPED_ORDER);
  g_autofree char *expected = NULL;
  const MedusaFakeRequest *sent;
  const char *order_id = medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER);

  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 0);

  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_cmpstr (medusa_return_get_status (ret), ==, "requested");

  sent = service_assert_last_request (f, "POST", "/store/returns");
  g_assert_cmpstr (medusa_fake_request_get_header (sent, "Idempotency-Key"), ==,
                   medusa_return_request_get_idempotency_key (request));
  expected = g_strdup_printf ("{\"order_id\":\"%s\",\"items\":[{\"item_id\":\"%s\",\"quantity\":1,"
                              "\"reason_id\":\"%s\",\"note\":\"Too tight\"}],"
                              "\"return_shipping\":{\"option_id\":\"%s\"}}",
                              order_id, item_id, MEDUSA_FAKE_REASON_TOO_SMALL,
                              MEDUSA_FAKE_RETURN_OPTION_POST);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (sent), expected));

  /* The order's returns have it, with the items, reason and shipping */
  returns = list_order_returns (f, order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 1);
  listed = g_list_model_get_item (returns, 0);
  g_assert_cmpstr (medusa_return_get_id (listed), ==, medusa_return_get_id (ret));
  g_assert_cmpint (medusa_return_get_shipping_price (listed), ==, 495);
  item = g_list_model_get_item (medusa_return_get_items (listed), 0);
  g_assert_cmpstr (medusa_return_item_get_item_id (item), ==, item_id);
  g_assert_cmpint (medusa_return_item_get_quantity (item), ==, 1);
  g_assert_cmpstr (medusa_return_item_get_reason_id (item), ==, MEDUSA_FAKE_REASON_TOO_SMALL);
  g_assert_cmpstr (medusa_return_item_get_reason_label (item), ==, "Too small");
  g_assert_cmpstr (medusa_return_item_get_note (item), ==, "Too tight");
  g_assert_cmpint (medusa_returns_count_item (returns, item_id), ==, 1);
  sent = service_assert_bearer_request (f, "GET", "/store/customers/me/orders");
  g_assert_true (strstr (medusa_fake_request_get_query (sent), "expand=returns,returns.items,returns.items.reason") != NULL);
}

static void
test_request_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) canceled = new_request (f, CANCELED_ORDER, NULL);
  g_autoptr(MedusaReturnRequest) bad_reason = new_request (f, SHIPPED_ORDER, "rr_nope");
  g_autoptr(MedusaReturnRequest) empty = medusa_return_request_new ("order_x");
  g_autoptr(MedusaReturn) ret = NULL;

  ret = request_return (f, canceled, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_false (medusa_return_request_get_outcome_unknown (canceled));
  g_clear_error (&error);

  ret = request_return (f, bad_reason, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_false (medusa_return_request_get_outcome_unknown (bad_reason));
  g_clear_error (&error);

  /* Nothing to return: not sent at all */
  medusa_fake_server_clear_requests (f->fake);
  ret = request_return (f, empty, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 0);
  g_clear_error (&error);

  /* Plain-text 401 and HTML 400 are errors, not parse failures */
  medusa_fake_server_add_fault (f->fake, "POST", "/store/returns", MEDUSA_FAKE_FAULT_HTML_400, 1);
  ret = request_return (f, bad_reason, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (ret);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 0);
}

/* A 5xx: the outcome is unknown; the retry checks the order, then sends the
 * same Idempotency-Key again. */
static void
test_retry_same_key (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) request = new_request (f, SHIPPED_ORDER, MEDUSA_FAKE_REASON_DAMAGED);
  g_autoptr(MedusaReturn) ret = NULL;
  const char *key = medusa_return_request_get_idempotency_key (request);
  const MedusaFakeRequest *first;
  const MedusaFakeRequest *second;
  g_autofree char *first_key = NULL;

  g_assert_nonnull (key);
  g_assert_cmpuint (strlen (key), ==, 36);
  medusa_fake_server_clear_requests (f->fake);
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/returns", 503, NULL, NULL, 1);
  ret = request_return (f, request, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (ret);
  g_assert_true (medusa_return_request_get_outcome_unknown (request));
  /* never retried inside the client: the store ignores keys it did not issue */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 1);
  first = medusa_fake_server_get_last_request (f->fake, "POST", "/store/returns");
  first_key = g_strdup (medusa_fake_request_get_header (first, "Idempotency-Key"));
  g_assert_cmpstr (first_key, ==, key);
  g_clear_error (&error);

  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_false (medusa_return_request_get_outcome_unknown (request));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 2);
  second = medusa_fake_server_get_last_request (f->fake, "POST", "/store/returns");
  g_assert_cmpstr (medusa_fake_request_get_header (second, "Idempotency-Key"), ==, first_key);
  /* the order was looked at before sending again */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/orders"), ==, 1);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 1);
}

/* The store made the return but the answer was lost (a timeout, a dropped
 * connection): the retry finds it in the order and does not ask twice. */
static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) request = new_request (f, SHIPPED_ORDER, MEDUSA_FAKE_REASON_TOO_SMALL);
  g_autoptr(GListModel) before = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(MedusaReturnRequest) other = NULL;
  g_autoptr(MedusaReturn) other_ret = NULL;
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(MedusaReturn) made = NULL;

  before = list_order_returns (f, medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER), &error);
  g_assert_no_error (error);
  medusa_return_request_set_known_returns (request, before);

  medusa_fake_server_clear_requests (f->fake);
  medusa_fake_server_add_fault (f->fake, "POST", "/store/returns", MEDUSA_FAKE_FAULT_LOSE_ANSWER, 1);
  ret = request_return (f, request, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MEDUSA_ERROR);
  g_assert_null (ret);
  g_assert_true (medusa_return_request_get_outcome_unknown (request));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 1);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 1);
  g_clear_error (&error);

  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 1);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 1);
  returns = list_order_returns (f, medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER), &error);
  g_assert_no_error (error);
  made = g_list_model_get_item (returns, 0);
  g_assert_cmpstr (medusa_return_get_id (ret), ==, medusa_return_get_id (made));

  /* A return somebody else asked for meanwhile, with other items, is not
   * taken for ours: the retry sends. */
  other = medusa_return_request_new (medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER));
  {
    g_autofree char *item_id = first_item_id (f, SHIPPED_ORDER);

    medusa_return_request_add_item (other, item_id, 2, NULL, NULL);
  }
  medusa_return_request_set_known_returns (other, returns);
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/returns", 502, NULL, NULL, 1);
  other_ret = request_return (f, other, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);
  other_ret = request_return (f, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_return_get_id (other_ret), !=, medusa_return_get_id (ret));
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 2);
}

/* The answer is lost, then the person changes the form (another quantity)
 * before trying again: the return the first attempt made has the old items
 * and is still found; no second return. */
static void
test_lost_answer_items_changed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) request = new_request (f, SHIPPED_ORDER, NULL);
  g_autoptr(GListModel) before = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autofree char *item_id = first_item_id (f, SHIPPED_ORDER);

  before = list_order_returns (f, medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER), &error);
  g_assert_no_error (error);
  medusa_return_request_set_known_returns (request, before);

  medusa_fake_server_clear_requests (f->fake);
  medusa_fake_server_add_fault (f->fake, "POST", "/store/returns", MEDUSA_FAKE_FAULT_LOSE_ANSWER, 1);
  ret = request_return (f, request, &error);
  g_assert_nonnull (error);
  g_assert_true (medusa_return_request_get_outcome_unknown (request));
  g_clear_error (&error);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 1);

  /* The form now asks for 2 (the shipped item has 2 or more). */
  medusa_return_request_clear_items (request);
  medusa_return_request_add_item (request, item_id, 2, NULL, NULL);
  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 1);
  g_assert_cmpuint (n_returns (f, SHIPPED_ORDER), ==, 1);
  g_assert_false (medusa_return_request_get_outcome_unknown (request));
}

/* What is left to return never overflows on hostile quantities. */
static void
test_left_to_return (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpint (medusa_returns_left_to_return (3, 1), ==, 2);
  g_assert_cmpint (medusa_returns_left_to_return (3, 3), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (3, 5), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (0, 0), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (G_MININT64 + 1, 5), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (G_MININT64, G_MAXINT32), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (G_MAXINT64, -5), ==, 0);
  g_assert_cmpint (medusa_returns_left_to_return (G_MAXINT64, 0), ==, G_MAXINT64);
  g_assert_cmpint (medusa_returns_left_to_return (G_MAXINT64, G_MAXINT32), ==, G_MAXINT64 - G_MAXINT32);
}

static void
test_order_returns_errors (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) returns = NULL;

  /* not the customer's order */
  returns = list_order_returns (f, "order_unknown", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (returns);
  g_clear_error (&error);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders", 200, NULL,
                                       "{\"orders\":[{\"id\":\"order_x\",\"returns\":[{\"id\":\"ret_1\",\"items\":[{\"item_id\":\"i\",\"quantity\":-2}]}]}]}",
                                       1);
  returns = list_order_returns (f, "order_x", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  /* An order whose id is not a string is skipped, not a critical (fuzz-models) */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders", 200, NULL,
                                       "{\"orders\":[{\"id\":{\"x\":1}},{\"id\":[]},{\"id\":\"order_x\",\"returns\":[]}]}",
                                       1);
  returns = list_order_returns (f, "order_x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 0);
  g_clear_object (&returns);

  /* Counting what was asked back saturates, never overflows (fuzz-models) */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/orders", 200, NULL,
                                       "{\"orders\":[{\"id\":\"order_x\",\"returns\":[{\"id\":\"ret_1\",\"status\":\"requested\",\"items\":["
                                       "{\"item_id\":\"i\",\"quantity\":2},{\"item_id\":\"i\",\"quantity\":9223372036854775807}]},"
                                       "{\"id\":\"ret_2\",\"status\":\"requested\",\"items\":[{\"item_id\":\"i\",\"quantity\":9223372036854775807}]}]}]}",
                                       1);
  returns = list_order_returns (f, "order_x", &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_returns_count_item (returns, "i"), ==, G_MAXINT32);
  g_clear_object (&returns);

  medusa_fake_server_revoke_credentials (f->fake);
  returns = list_order_returns (f, medusa_fake_server_get_order_id (f->fake, SHIPPED_ORDER), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (returns);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, service_fixture_tear_down)
  ADD ("/returns/reasons", test_reasons);
  ADD ("/returns/reasons/errors", test_reasons_errors);
  ADD ("/returns/options", test_options);
  ADD ("/returns/options/hostile", test_options_hostile);
  ADD ("/returns/request/success", test_request_success);
  ADD ("/returns/request/lost-answer-items-changed", test_lost_answer_items_changed);
  ADD ("/returns/left-to-return", test_left_to_return);
  ADD ("/returns/request/errors", test_request_errors);
  ADD ("/returns/request/retry-same-key", test_retry_same_key);
  ADD ("/returns/request/lost-answer", test_lost_answer);
  ADD ("/returns/order-returns/errors", test_order_returns_errors);
#undef ADD

  return g_test_run ();
}
