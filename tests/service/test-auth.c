/* test-auth.c: sign in (token and cookie), session, email exists, sign out
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "service-fixture.h"

typedef ServiceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (f, NULL);
  medusa_fake_server_add_orders (f->fake, DEMO_EMAIL, 3);
  medusa_client_set_publishable_key (f->client, "pk_test");
}

static MedusaCustomer *
sign_in (Fixture     *f,
         const char  *email,
         const char  *password,
         GError     **error)
{
  medusa_client_sign_in_async (f->client, email, password, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_sign_in_finish (f->client, service_fixture_wait (f), error);
}

static gboolean
sign_out (Fixture  *f,
          GError  **error)
{
  medusa_client_sign_out_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_sign_out_finish (f->client, service_fixture_wait (f), error);
}

/* ------------------------------------------------------------------ */

static void
test_sign_in_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *token_request;
  const MedusaFakeRequest *me_request;
  g_autofree char *bearer = NULL;

  g_assert_false (medusa_client_has_credential (f->client));

  customer = sign_in (f, "  Demo@Example.COM ", DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Demo");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Customer");
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));

  /* the token request: trimmed, lower-cased email; no credential sent */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 1);
  token_request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/auth/token");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (token_request),
                                         "{\"email\":\"demo@example.com\",\"password\":\"supersecret\"}"));
  g_assert_null (medusa_fake_request_get_header (token_request, "Authorization"));
  g_assert_null (medusa_fake_request_get_header (token_request, "Cookie"));
  g_assert_cmpstr (medusa_fake_request_get_header (token_request, "x-publishable-api-key"), ==, "pk_test");
  g_assert_true (g_str_has_prefix (medusa_fake_request_get_header (token_request, "User-Agent"), "medusa-account/"));
  g_assert_nonnull (strstr (medusa_fake_request_get_header (token_request, "Content-Type"), "application/json"));

  /* then /me with the bearer token the server issued */
  g_assert_true (medusa_client_has_credential (f->client));
  g_assert_nonnull (medusa_client_get_token (f->client));
  g_assert_true (g_str_has_prefix (medusa_client_get_token (f->client), "eyJ"));
  bearer = g_strconcat ("Bearer ", medusa_client_get_token (f->client), NULL);
  me_request = service_assert_last_request (f, "GET", "/store/customers/me");
  g_assert_cmpstr (medusa_fake_request_get_header (me_request, "Authorization"), ==, bearer);
  g_assert_null (medusa_fake_server_get_last_request (f->fake, "POST", "/store/auth"));

  /* and the credential keeps working */
  g_clear_object (&customer);
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);
}

static void
test_sign_in_wrong_password (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  customer = sign_in (f, DEMO_EMAIL, "wrong-password", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (f->client));
  g_assert_null (medusa_client_get_token (f->client));
  /* a 401 is an answer, not a reason to retry */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 0);
  g_clear_error (&error);

  customer = sign_in (f, "nobody@example.com", DEMO_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_false (medusa_client_has_credential (f->client));
}

static void
test_sign_in_invalid_email (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  customer = sign_in (f, "not-an-email", DEMO_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "email must be an email"));
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (f->client));
}

static void
test_sign_in_server_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/auth/token", 500, NULL, NULL, 0);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_false (medusa_client_has_credential (f->client));
}

static void
test_sign_in_token_retried (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* getting a token changes nothing on the server: safe to repeat */
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/auth/token", 503, NULL, NULL, 1);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 2);
}

static void
test_sign_in_me_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* the token came, but /me says no: not signed in */
  medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", MEDUSA_FAKE_FAULT_PLAIN_401, 1);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (f->client));
}

static void
test_sign_in_malformed_token_answer (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_fault (f->fake, "POST", "/store/auth/token", MEDUSA_FAKE_FAULT_MALFORMED_JSON, 1);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_false (medusa_client_has_credential (f->client));
}

static void
test_sign_in_token_with_control_bytes (Fixture       *f,
                                       gconstpointer  data)
{
  const char *bodies[] = {
    "{\"access_token\": \"abc\\r\\nX-Evil: 1\"}",
    "{\"access_token\": \"abc def\"}",
    "{\"access_token\": \"abc\\u007f\"}",
    "{\"access_token\": \"abc\u00e9\"}",
    "{\"access_token\": \"\"}",
    /* not a string: no json-glib critical either */
    "{\"access_token\": {\"value\": \"abc\"}}",
    "{\"access_token\": [\"abc\"]}",
    "{\"access_token\": 42}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;

      medusa_fake_server_clear_requests (f->fake);
      medusa_fake_server_add_status_fault (f->fake, "POST", "/store/auth/token", 200, NULL, bodies[i], 1);
      customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
      /* nothing kept, nothing sent with it */
      g_assert_null (medusa_client_get_token (f->client));
      g_assert_false (medusa_client_has_credential (f->client));
      g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 0);
    }
}

static void
test_sign_in_cookie_fallback (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *login;
  const MedusaFakeRequest *me;
  const char *cookie;

  medusa_fake_server_set_token_route_enabled (f->fake, FALSE);
  customer = sign_in (f, "Demo@Example.com", DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);

  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 1);
  g_assert_cmpuint (medusa_fake_request_get_status (medusa_fake_server_get_last_request (f->fake, "POST", "/store/auth/token")),
                    ==, 404);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth"), ==, 1);
  login = medusa_fake_server_get_last_request (f->fake, "POST", "/store/auth");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (login),
                                         "{\"email\":\"demo@example.com\",\"password\":\"supersecret\"}"));
  g_assert_null (medusa_fake_request_get_header (login, "Authorization"));

  g_assert_true (medusa_client_has_credential (f->client));
  g_assert_null (medusa_client_get_token (f->client));

  /* later requests carry the session cookie, not a bearer token */
  g_clear_object (&customer);
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);
  me = medusa_fake_server_get_last_request (f->fake, "GET", "/store/customers/me");
  cookie = medusa_fake_request_get_header (me, "Cookie");
  g_assert_nonnull (cookie);
  g_assert_nonnull (strstr (cookie, "connect.sid="));
  g_assert_null (medusa_fake_request_get_header (me, "Authorization"));
}

static void
test_sign_in_cookie_wrong_password (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_set_token_route_enabled (f->fake, FALSE);
  customer = sign_in (f, DEMO_EMAIL, "nope-nope", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (f->client));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth"), ==, 1);
}

static void
test_sign_in_redirect_keeps_body (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;

  medusa_fake_server_add_fault (f->fake, "POST", "/store/auth/token", MEDUSA_FAKE_FAULT_REDIRECT_307, 1);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 2);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/auth/token");
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"email\":\"demo@example.com\",\"password\":\"supersecret\"}"));
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;
  g_autofree char *bearer = NULL;

  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  bearer = g_strconcat ("Bearer ", medusa_client_get_token (f->client), NULL);
  g_clear_object (&customer);

  g_assert_true (sign_out (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "DELETE", "/store/auth"), ==, 1);
  request = medusa_fake_server_get_last_request (f->fake, "DELETE", "/store/auth");
  g_assert_cmpstr (medusa_fake_request_get_header (request, "Authorization"), ==, bearer);
  g_assert_false (medusa_client_has_credential (f->client));
  g_assert_null (medusa_client_get_token (f->client));

  /* the next /me goes out without a credential and is refused */
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
  request = medusa_fake_server_get_last_request (f->fake, "GET", "/store/customers/me");
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
}

static void
test_sign_out_cookie (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;

  medusa_fake_server_set_token_route_enabled (f->fake, FALSE);
  customer = sign_in (f, DEMO_EMAIL, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&customer);

  g_assert_true (sign_out (f, &error));
  g_assert_no_error (error);
  request = service_assert_last_request (f, "DELETE", "/store/auth");
  g_assert_nonnull (strstr (medusa_fake_request_get_header (request, "Cookie"), "connect.sid="));
  g_assert_false (medusa_client_has_credential (f->client));

  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  request = medusa_fake_server_get_last_request (f->fake, "GET", "/store/customers/me");
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
}

static void
test_sign_out_fails (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = medusa_fake_server_issue_token (f->fake, DEMO_EMAIL);

  medusa_client_set_token (f->client, token);
  medusa_fake_server_add_status_fault (f->fake, "DELETE", "/store/auth", 500, NULL, NULL, 0);

  /* the error is reported, and the local sign-out happens anyway */
  g_assert_false (sign_out (f, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_false (medusa_client_has_credential (f->client));
  g_assert_null (medusa_client_get_token (f->client));
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, service_fixture_tear_down)
  ADD ("/auth/sign-in/token", test_sign_in_token);
  ADD ("/auth/sign-in/wrong-password", test_sign_in_wrong_password);
  ADD ("/auth/sign-in/invalid-email", test_sign_in_invalid_email);
  ADD ("/auth/sign-in/server-error", test_sign_in_server_error);
  ADD ("/auth/sign-in/token-retried", test_sign_in_token_retried);
  ADD ("/auth/sign-in/me-fails", test_sign_in_me_fails);
  ADD ("/auth/sign-in/malformed-token-answer", test_sign_in_malformed_token_answer);
  ADD ("/auth/sign-in/token-with-control-bytes", test_sign_in_token_with_control_bytes);
  ADD ("/auth/sign-in/cookie-fallback", test_sign_in_cookie_fallback);
  ADD ("/auth/sign-in/cookie-wrong-password", test_sign_in_cookie_wrong_password);
  ADD ("/auth/sign-in/redirect-keeps-body", test_sign_in_redirect_keeps_body);
  ADD ("/auth/sign-out/token", test_sign_out);
  ADD ("/auth/sign-out/cookie", test_sign_out_cookie);
  ADD ("/auth/sign-out/fails", test_sign_out_fails);
#undef ADD

  return g_test_run ();
}
