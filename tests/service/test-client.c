/* test-client.c: the one request path (headers, retries, timeouts, errors)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-addresses.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-orders.h"
#include "service-fixture.h"

typedef ServiceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  MedusaRetryPolicy policy = { .max_retries = 3, .base_delay_ms = 10,
                               .max_delay_ms = 2000, .max_total_ms = 5000 };

  service_fixture_set_up (f, &policy);
  service_fixture_sign_in_as (f, DEMO_EMAIL);
}

static MedusaCustomer *
add_address (Fixture  *f,
             GError  **error)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", "Ada");
  medusa_address_input_set (input, "last_name", "Lovelace");
  medusa_address_input_set (input, "address_1", "Main Street 1");
  medusa_address_input_set (input, "city", "Berlin");
  medusa_address_input_set (input, "country_code", "DE");
  medusa_address_input_set (input, "postal_code", "10115");
  return service_add_address (f, input, error);
}

/* ------------------------------------------------------------------ */

static void
test_new_invalid_url (void)
{
  g_autoptr(GError) error = NULL;
  MedusaClient *client;

  client = medusa_client_new ("ftp://example.com", &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  client = medusa_client_new ("not a url", &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  client = medusa_client_new ("http://127.0.0.1:9/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_client_get_base_url (client), ==, "http://127.0.0.1:9");
  g_assert_cmpuint (medusa_client_get_timeout (client), ==, MEDUSA_CLIENT_DEFAULT_TIMEOUT);
  g_assert_finalize_object (client);
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;

  medusa_client_set_publishable_key (f->client, "pk_test_123");
  medusa_client_set_header (f->client, "X-Extra", "yes");
  medusa_client_set_header (f->client, "X-Removed", "no");
  medusa_client_set_header (f->client, "X-Removed", NULL);

  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);

  request = service_assert_bearer_request (f, "GET", "/store/customers/me");
  g_assert_cmpstr (medusa_fake_request_get_header (request, "x-publishable-api-key"), ==, "pk_test_123");
  g_assert_cmpstr (medusa_fake_request_get_header (request, "X-Extra"), ==, "yes");
  g_assert_null (medusa_fake_request_get_header (request, "X-Removed"));
  g_assert_true (g_str_has_prefix (medusa_fake_request_get_header (request, "User-Agent"), "medusa-account/"));
  g_assert_cmpstr (medusa_fake_request_get_header (request, "User-Agent"), ==,
                   medusa_client_get_user_agent (f->client));
  /* bearer mode sends no cookie */
  g_assert_null (medusa_fake_request_get_header (request, "Cookie"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 1);
}

static void
test_retry_get_503_twice (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 503, NULL, NULL, 2);
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 3);
}

static void
test_retry_502_504 (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 502, NULL, NULL, 1);
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 504, NULL, NULL, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 3);
}

static void
test_no_retry_500 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* 500 is not a transient status: not repeated even for a GET */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 500, NULL, NULL, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
}

static void
test_retry_post_not_idempotent (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;

  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/customers/me/addresses", 503, NULL, NULL, 1);
  customer = add_address (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/me/addresses"), ==, 1);

  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me/addresses");
  g_assert_null (medusa_fake_request_get_header (request, "Idempotency-Key"));
}

static void
test_retry_idempotent_post (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const char *key1;
  const char *key2;

  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/customers/me", 503, NULL, NULL, 1);
  medusa_customer_update_set_first_name (update, "Retried");
  customer = service_update_customer (f, update, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Retried");

  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/me"), ==, 2);
  key1 = medusa_fake_request_get_header (medusa_fake_server_get_request (f->fake, 0), "Idempotency-Key");
  key2 = medusa_fake_request_get_header (medusa_fake_server_get_request (f->fake, 1), "Idempotency-Key");
  g_assert_nonnull (key1);
  g_assert_cmpuint (strlen (key1), >, 0);
  g_assert_cmpstr (key1, ==, key2);
}

static void
test_retry_429_retry_after (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 429, "1", NULL, 1);
  customer = service_retrieve_customer (f, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 2);
  /* base_delay_ms is 10: only Retry-After explains a wait of a second */
  g_assert_cmpint (elapsed_ms, >=, 900);
  g_assert_cmpint (elapsed_ms, <, 3000);
}

static void
test_retry_bounded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 503, NULL, NULL, 0);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (customer);
  /* one attempt plus max_retries (3) */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 4);
}

static void
test_retry_429_exhausted (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 429, "0", NULL, 0);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_RATE_LIMITED);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 4);
}

static void
test_retry_disabled (Fixture       *f,
                     gconstpointer  data)
{
  MedusaRetryPolicy policy = { .max_retries = 0, .base_delay_ms = 10,
                               .max_delay_ms = 100, .max_total_ms = 1000 };
  MedusaRetryPolicy got;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_client_set_retry_policy (f->client, &policy);
  medusa_client_get_retry_policy (f->client, &got);
  g_assert_cmpuint (got.max_retries, ==, 0);
  g_assert_cmpuint (got.base_delay_ms, ==, 10);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 503, NULL, NULL, 0);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
}

static void
test_retry_network_get (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", MEDUSA_FAKE_FAULT_DISCONNECT, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 2);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", MEDUSA_FAKE_FAULT_DISCONNECT, 0);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 4);
}

static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  MedusaRetryPolicy policy = { .max_retries = 1, .base_delay_ms = 10,
                               .max_delay_ms = 100, .max_total_ms = 1000 };
  g_autofree char *url = NULL;
  MedusaClient *client;
  MedusaFakeServer *fake;

  /* a port that was just free */
  fake = medusa_fake_server_new ();
  url = g_strdup (medusa_fake_server_get_url (fake));
  g_assert_finalize_object (fake);

  client = medusa_client_new (url, &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (client, &policy);
  medusa_client_set_token (client, "x");
  medusa_client_retrieve_customer_async (client, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  customer = medusa_client_retrieve_customer_finish (client, result, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK);
  g_clear_object (&result);
  g_assert_finalize_object (client);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gint64 start;
  gint64 elapsed_ms;

  medusa_client_set_timeout (f->client, 1);
  g_assert_cmpuint (medusa_client_get_timeout (f->client), ==, 1);
  medusa_fake_server_add_delay_fault (f->fake, "GET", "/store/customers/me", 3000, 0);

  start = g_get_monotonic_time ();
  customer = service_retrieve_customer (f, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT);
  g_assert_null (customer);
  g_assert_cmpint (elapsed_ms, >=, 900);
  g_assert_cmpint (elapsed_ms, <, 2900);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gint64 start;
  gint64 elapsed_ms;

  medusa_fake_server_add_delay_fault (f->fake, "GET", "/store/customers/me", 3000, 0);
  start = g_get_monotonic_time ();
  medusa_client_retrieve_customer_async (f->client, cancellable, medusa_fake_async_result_cb, &f->slot);
  g_timeout_add (100, cancel_cb, cancellable);
  service_fixture_wait (f);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  customer = medusa_client_retrieve_customer_finish (f->client, f->result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (customer);
  g_assert_cmpint (elapsed_ms, <, 1000);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
}

static void
test_cancel_during_retry_wait (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Retry-After: 2 keeps the client waiting; the cancel must end the wait */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 429, "2", NULL, 0);
  medusa_client_retrieve_customer_async (f->client, cancellable, medusa_fake_async_result_cb, &f->slot);
  g_timeout_add (300, cancel_cb, cancellable);
  service_fixture_wait (f);
  customer = medusa_client_retrieve_customer_finish (f->client, f->result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 1500);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
}

static void
test_already_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  g_cancellable_cancel (cancellable);
  medusa_client_retrieve_customer_async (f->client, cancellable, medusa_fake_async_result_cb, &f->slot);
  service_fixture_wait (f);
  customer = medusa_client_retrieve_customer_finish (f->client, f->result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
}

static void
test_parse_errors (Fixture       *f,
                   gconstpointer  data)
{
  const MedusaFakeFault faults[] = {
    MEDUSA_FAKE_FAULT_MALFORMED_JSON,
    MEDUSA_FAKE_FAULT_CUT_JSON,
    MEDUSA_FAKE_FAULT_TRUNCATED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;

      medusa_fake_server_clear_requests (f->fake);
      medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", faults[i], 1);
      customer = service_retrieve_customer (f, &error);
      g_test_message ("fault %u", faults[i]);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
      /* a body that cannot be read is not a reason to ask again */
      g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
    }
}

static void
test_wrong_json_shape (Fixture       *f,
                       gconstpointer  data)
{
  MedusaFakeFaultSpec spec = {
    .fault = MEDUSA_FAKE_FAULT_STATUS,
    .status = 200,
    .body = "{\"customer\":[1,2,3]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_fault_full (f->fake, "GET", "/store/customers/me", &spec, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (customer);
}

static void
test_error_bodies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* Express's HTML page: INVALID_DATA, and no HTML in the message */
  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", MEDUSA_FAKE_FAULT_HTML_400, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (strstr (error->message, "<"));
  g_clear_error (&error);

  /* passport's plain "Unauthorized" without Content-Type */
  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", MEDUSA_FAKE_FAULT_PLAIN_401, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* a Medusa JSON error: the server's message is kept */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 409,
                                       NULL, "{\"code\":\"invalid_state_error\",\"type\":\"conflict\",\"message\":\"Changed meanwhile\"}",
                                       1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Changed meanwhile"));
  g_clear_error (&error);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 400,
                                       NULL, "{\"type\":\"not_allowed\",\"message\":\"Nope\"}", 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 404, NULL, NULL, 1);
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a 5xx HTML page from a proxy; not retried for 500 */
  {
    MedusaFakeFaultSpec spec = {
      .fault = MEDUSA_FAKE_FAULT_STATUS,
      .status = 500,
      .content_type = "text/html",
      .body = "<html><body>Internal error</body></html>",
    };

    medusa_fake_server_add_fault_full (f->fake, "GET", "/store/customers/me", &spec, 1);
    customer = service_retrieve_customer (f, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
    g_assert_null (strstr (error->message, "<html>"));
  }
}

static void
test_redirect_keeps_body (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *first;
  const MedusaFakeRequest *second;

  medusa_fake_server_add_fault (f->fake, "POST", "/store/customers/me/addresses",
                                MEDUSA_FAKE_FAULT_REDIRECT_307, 1);
  customer = add_address (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);

  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/me/addresses"), ==, 2);
  first = medusa_fake_server_get_request (f->fake, 0);
  second = medusa_fake_server_get_request (f->fake, 1);
  g_assert_cmpuint (medusa_fake_request_get_status (first), ==, 307);
  g_assert_cmpuint (medusa_fake_request_get_status (second), ==, 200);
  g_assert_cmpstr (medusa_fake_request_get_body (second), ==, medusa_fake_request_get_body (first));
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (second),
                                         "{\"address\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                                         "\"address_1\":\"Main Street 1\",\"city\":\"Berlin\","
                                         "\"country_code\":\"de\",\"postal_code\":\"10115\"}}"));
  g_assert_nonnull (medusa_fake_request_get_header (second, "Authorization"));
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated XDG dirs hide the GSettings schemas GIO's GNOME proxy
   * resolver reads; loopback needs no proxy. */
  service_test_init (&argc, &argv);

  g_test_add_func ("/client/new/invalid-url", test_new_invalid_url);
  g_test_add_func ("/client/network/refused", test_connection_refused);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, service_fixture_tear_down)
  ADD ("/client/headers", test_headers);
  ADD ("/client/retry/get-503-twice", test_retry_get_503_twice);
  ADD ("/client/retry/502-504", test_retry_502_504);
  ADD ("/client/retry/not-500", test_no_retry_500);
  ADD ("/client/retry/post-not-idempotent", test_retry_post_not_idempotent);
  ADD ("/client/retry/idempotent-post", test_retry_idempotent_post);
  ADD ("/client/retry/429-retry-after", test_retry_429_retry_after);
  ADD ("/client/retry/429-exhausted", test_retry_429_exhausted);
  ADD ("/client/retry/bounded", test_retry_bounded);
  ADD ("/client/retry/disabled", test_retry_disabled);
  ADD ("/client/retry/network-get", test_retry_network_get);
  ADD ("/client/network/disconnect", test_network_error);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/cancel/during-request", test_cancel);
  ADD ("/client/cancel/during-retry-wait", test_cancel_during_retry_wait);
  ADD ("/client/cancel/before", test_already_cancelled);
  ADD ("/client/parse/bad-bodies", test_parse_errors);
  ADD ("/client/parse/wrong-shape", test_wrong_json_shape);
  ADD ("/client/errors/bodies", test_error_bodies);
  ADD ("/client/redirect/keeps-body", test_redirect_keeps_body);
#undef ADD

  return g_test_run ();
}
