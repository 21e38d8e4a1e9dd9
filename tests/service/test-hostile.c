/* test-hostile.c: the request path against a store that answers badly on purpose
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Redirects to another origin (nothing may reach it), redirects within the
 * store, answers too large or too deep (also after gzip), a drip that would
 * never end, a Set-Cookie flood.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "medusa-auth.h"
#include "medusa-client-private.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "medusa-hostile-server.h"

#define EMAIL    "demo@example.com"
#define PASSWORD "supersecret"
#define TOKEN    "tok_secret_bearer"
#define KEY      "pk_hostile_test"

/* Only a safety net: a call that hangs fails the test instead of the suite's timeout. */
#define HANG_GUARD_SECONDS 60

/* Sanitizers keep freed memory in quarantine: peak RSS says nothing there. */
#if defined(__SANITIZE_ADDRESS__)
#define CHECK_PEAK_MEMORY 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHECK_PEAK_MEMORY 0
#endif
#endif
#ifndef CHECK_PEAK_MEMORY
#define CHECK_PEAK_MEMORY 1
#endif

typedef struct
{
  MedusaHostileServer *store;   /* (owned) */
  MedusaHostileServer *other;   /* (owned): another origin, must get nothing */
  MedusaClient        *client;  /* (owned) */
  GAsyncResult        *slot;
  GAsyncResult        *result;  /* (owned) (nullable) */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const MedusaRetryPolicy no_retries = { 0, 10, 100, 1000 };
  g_autoptr(GError) error = NULL;

  f->store = medusa_hostile_server_new (0, &error);
  g_assert_no_error (error);
  f->other = medusa_hostile_server_new (0, &error);
  g_assert_no_error (error);
  /* What a server after a password would answer, so that following it would "work". */
  medusa_hostile_server_set_json (f->other, "/", 200,
                                  "{\"access_token\":\"evil\",\"customer\":"
                                  "{\"id\":\"cus_evil\",\"email\":\"evil@example.com\"}}");

  f->client = medusa_client_new (medusa_hostile_server_get_url (f->store), &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (f->client, &no_retries);
  medusa_client_set_publishable_key (f->client, KEY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  medusa_fake_settle_object (f->client);
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_clear_object (&f->store);
  g_clear_object (&f->other);
}

static gboolean
on_hang_guard_cb (gpointer user_data)
{
  g_error ("The call did not end within %u s", HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_result (Fixture *f)
{
  guint guard = g_timeout_add_seconds (HANG_GUARD_SECONDS, on_hang_guard_cb, NULL);

  g_clear_object (&f->result);
  f->result = medusa_fake_wait_result (&f->slot);
  g_source_remove (guard);
  return f->result;
}

static JsonNode *
request (Fixture     *f,
         const char  *method,
         const char  *path,
         const char  *json_body,
         guint       *status,
         GError     **error)
{
  g_autoptr(JsonNode) body = json_body != NULL ? json_from_string (json_body, NULL) : NULL;

  medusa_client_request_async (f->client, method, path, NULL, body, MEDUSA_REQUEST_IDEMPOTENT,
                               MEDUSA_ERROR_CONTEXT_DEFAULT, NULL, medusa_fake_async_result_cb,
                               &f->slot);
  return medusa_client_request_finish (f->client, wait_result (f), status, error);
}

static MedusaCustomer *
retrieve_customer (Fixture       *f,
                   GCancellable  *cancellable,
                   GError       **error)
{
  medusa_client_set_token (f->client, TOKEN);
  medusa_client_retrieve_customer_async (f->client, cancellable, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_retrieve_customer_finish (f->client, wait_result (f), error);
}

static gsize
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gsize) usage.ru_maxrss;
}

/* ------------------------------------------------------------------ */
/* 1. Nothing leaves the store's origin                                */

typedef enum
{
  CALL_SIGN_IN,
  CALL_REGISTER,
  CALL_CHANGE_PASSWORD,
  CALL_RESET_PASSWORD,
  CALL_GET_WITH_BEARER,
} Call;

typedef struct
{
  guint status;
  Call  call;
} RedirectCase;

/* Runs @call and returns what it gave: a model (dropped here) or @error. */
static void
run_call (Fixture  *f,
          Call      call,
          GError  **error)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomerUpdate) update = NULL;

  switch (call)
    {
    case CALL_SIGN_IN:
      medusa_client_sign_in_async (f->client, EMAIL, PASSWORD, NULL, medusa_fake_async_result_cb, &f->slot);
      customer = medusa_client_sign_in_finish (f->client, wait_result (f), error);
      break;

    case CALL_REGISTER:
      medusa_client_register_async (f->client, EMAIL, PASSWORD, "Demo", "Customer", NULL, NULL,
                                    medusa_fake_async_result_cb, &f->slot);
      customer = medusa_client_register_finish (f->client, wait_result (f), error);
      break;

    case CALL_CHANGE_PASSWORD:
      medusa_client_set_token (f->client, TOKEN);
      update = medusa_customer_update_new ();
      medusa_customer_update_set_password (update, PASSWORD);
      medusa_client_update_customer_async (f->client, update, NULL, medusa_fake_async_result_cb, &f->slot);
      customer = medusa_client_update_customer_finish (f->client, wait_result (f), error);
      break;

    case CALL_RESET_PASSWORD:
      medusa_client_reset_password_async (f->client, EMAIL, "reset-token", PASSWORD, NULL,
                                          medusa_fake_async_result_cb, &f->slot);
      customer = medusa_client_reset_password_finish (f->client, wait_result (f), error);
      break;

    case CALL_GET_WITH_BEARER:
      customer = retrieve_customer (f, NULL, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
test_redirect_other_origin (Fixture       *f,
                            gconstpointer  data)
{
  const RedirectCase *c = data;
  g_autoptr(GError) error = NULL;

  medusa_hostile_server_set_redirect_to_origin (f->store, "/", c->status,
                                                medusa_hostile_server_get_url (f->other));
  run_call (f, c->call, &error);

  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_OTHER_ORIGIN);
  g_assert_nonnull (strstr (error->message, medusa_hostile_server_get_url (f->other)));
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->other), ==, 0);
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 1);
  g_assert_false (medusa_client_has_credential (f->client) &&
                  g_strcmp0 (medusa_client_get_token (f->client), "evil") == 0);
}

/* A cookie session: the store's cookie (which the jar would send to any port
 * of 127.0.0.1) goes to the store only. */
static void
test_redirect_other_origin_cookie (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const MedusaHostileRequest *second;

  medusa_hostile_server_set_cookie_flood (f->store, "/store/auth", 1);
  root = request (f, "GET", "/store/auth", NULL, NULL, &error);
  g_assert_no_error (error);
  _medusa_client_set_cookie_session (f->client, TRUE);
  g_assert_true (medusa_client_has_credential (f->client));

  medusa_hostile_server_set_redirect_to_origin (f->store, "/store/customers", 302,
                                                medusa_hostile_server_get_url (f->other));
  g_clear_pointer (&root, json_node_unref);
  root = request (f, "GET", "/store/customers/me", NULL, NULL, &error);

  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_OTHER_ORIGIN);
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->other), ==, 0);
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 2);
  second = medusa_hostile_server_get_request (f->store, 1);
  g_assert_nonnull (strstr (medusa_hostile_request_get_header (second, "Cookie"), "c0="));
}

/* Same port, another host name: another origin all the same. */
static void
test_redirect_other_host (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = g_strdup_printf ("http://localhost:%u",
                                             medusa_hostile_server_get_port (f->store));

  medusa_hostile_server_set_redirect_to_origin (f->store, "/", 308, origin);
  run_call (f, CALL_SIGN_IN, &error);

  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_OTHER_ORIGIN);
  g_assert_nonnull (strstr (error->message, origin));
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 1);
}

static void
test_redirect_same_origin_303 (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const MedusaHostileRequest *first;
  const MedusaHostileRequest *second;
  guint status = 0;

  medusa_hostile_server_set_redirect (f->store, "/store/form", 303, "/store/landing");
  medusa_hostile_server_set_json (f->store, "/store/landing", 200, "{\"ok\":true}");
  root = request (f, "POST", "/store/form", "{\"password\":\"" PASSWORD "\"}", &status, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (medusa_fake_json_equal (root, "{\"ok\":true}"));
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 2);
  first = medusa_hostile_server_get_request (f->store, 0);
  second = medusa_hostile_server_get_request (f->store, 1);
  g_assert_nonnull (medusa_hostile_request_get_header (first, "Idempotency-Key"));
  g_assert_cmpstr (medusa_hostile_request_get_method (second), ==, "GET");
  g_assert_cmpstr (medusa_hostile_request_get_path (second), ==, "/store/landing");
  g_assert_cmpuint (medusa_hostile_request_get_body_size (second), ==, 0);
  g_assert_null (medusa_hostile_request_get_header (second, "Content-Type"));
  g_assert_null (medusa_hostile_request_get_header (second, "Idempotency-Key"));
  g_assert_cmpstr (medusa_hostile_request_get_header (second, "x-publishable-api-key"), ==, KEY);
}

static void
test_redirect_same_origin_307 (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const MedusaHostileRequest *first;
  const MedusaHostileRequest *second;

  medusa_hostile_server_set_redirect (f->store, "/store/form", 307, "/store/landing");
  medusa_hostile_server_set_json (f->store, "/store/landing", 200, "{\"ok\":true}");
  root = request (f, "POST", "/store/form", "{\"password\":\"" PASSWORD "\"}", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 2);
  first = medusa_hostile_server_get_request (f->store, 0);
  second = medusa_hostile_server_get_request (f->store, 1);
  g_assert_cmpstr (medusa_hostile_request_get_method (second), ==, "POST");
  g_assert_cmpstr (medusa_hostile_request_get_path (second), ==, "/store/landing");
  g_assert_cmpstr (medusa_hostile_request_get_body (second), ==, medusa_hostile_request_get_body (first));
  g_assert_cmpstr (medusa_hostile_request_get_body (second), ==, "{\"password\":\"" PASSWORD "\"}");
  g_assert_cmpstr (medusa_hostile_request_get_header (second, "Idempotency-Key"), ==,
                   medusa_hostile_request_get_header (first, "Idempotency-Key"));
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  medusa_hostile_server_set_redirect (f->store, "/store/loop", 302, "/store/loop");
  root = request (f, "GET", "/store/loop", NULL, NULL, &error);

  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_null (root);
  /* the first request and 5 redirects followed */
  g_assert_cmpuint (medusa_hostile_server_get_n_requests (f->store), ==, 6);
}

/* ------------------------------------------------------------------ */
/* Depth, UTF-8                                                        */

static void
test_nested_success_body (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_nested (f->store, "/store/customers/me", 200, 100000);
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_null (customer);
}

/* An error body that cannot be read gives the status's error with our own
 * message, not a crash. The status is the store's answer and the body only
 * its detail, so it stays INVALID_DATA (as for an HTML or plain-text 400);
 * only a 2xx, whose body is the answer itself, is MEDUSA_ERROR_PARSE. */
static void
test_nested_error_body (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_nested (f->store, "/store/customers/me", 400, 100000);
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The store could not accept the data that was sent.");
  g_assert_null (customer);
}

/* A 2xx answer that is JSON but not the model (a customer whose "id" is a
 * number): the error a person reads is ours, not the parser's notes on
 * JSON members. */
static void
test_wrong_model (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_json (f->store, "/store/customers/me", 200,
                                  "{\"customer\": {\"id\": 5, \"email\": \"a@b.c\"}}");
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "The store sent a response that could not be read.");
  g_assert_null (customer);
}

static void
test_bad_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_bad_utf8 (f->store, "/store/customers/me");
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
}

/* ------------------------------------------------------------------ */
/* 5. Bounded answers                                                  */

#define MiB (1024 * 1024)

static void
assert_too_large (const GError *error)
{
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "The store’s answer is too large (over 32 MB).");
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gsize rss_before = peak_rss_kib ();

  medusa_hostile_server_set_huge (f->store, "/store/customers/me", 200, (guint64) 40 * 1000 * 1000);
  customer = retrieve_customer (f, NULL, &error);
  assert_too_large (error);
  g_assert_null (customer);

  g_test_message ("peak RSS grew by %zu KiB; the store streamed %" G_GUINT64_FORMAT " bytes",
                  peak_rss_kib () - rss_before, medusa_hostile_server_get_streamed_bytes (f->store));
  if (CHECK_PEAK_MEMORY)
    g_assert_cmpuint (peak_rss_kib () - rss_before, <, 100 * 1024);
}

/* A body that never ends is read no further than the cap (plus what the
 * kernel buffers), not to its end. */
static void
test_endless_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_huge (f->store, "/store/customers/me", 200, (guint64) 1024 * MiB);
  customer = retrieve_customer (f, NULL, &error);
  assert_too_large (error);
  medusa_fake_iterate_ms (100);
  g_test_message ("the store streamed %" G_GUINT64_FORMAT " bytes",
                  medusa_hostile_server_get_streamed_bytes (f->store));
  g_assert_cmpuint (medusa_hostile_server_get_streamed_bytes (f->store), <, (guint64) 96 * MiB);
}

static void
test_gzip_bomb (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gsize rss_before;

  medusa_hostile_server_set_gzip_bomb (f->store, "/store/customers/me", (guint64) 1024 * MiB);
  rss_before = peak_rss_kib ();
  customer = retrieve_customer (f, NULL, &error);
  assert_too_large (error);

  g_test_message ("peak RSS grew by %zu KiB", peak_rss_kib () - rss_before);
  if (CHECK_PEAK_MEMORY)
    g_assert_cmpuint (peak_rss_kib () - rss_before, <, 100 * 1024);
}

/* The same cap for an error answer. */
static void
test_huge_error_body (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_huge (f->store, "/store/customers/me", 500, (guint64) 40 * 1000 * 1000);
  customer = retrieve_customer (f, NULL, &error);
  assert_too_large (error);
}

/* ------------------------------------------------------------------ */
/* 6. One deadline per call                                            */

static void
test_drip_deadline (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  g_assert_cmpuint (medusa_client_get_deadline (f->client), ==, MEDUSA_CLIENT_DEFAULT_DEADLINE);
  medusa_client_set_deadline (f->client, 2);
  g_assert_cmpuint (medusa_client_get_deadline (f->client), ==, 2);

  medusa_hostile_server_set_drip (f->store, "/store/customers/me", 200);
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT);
  g_assert_null (customer);
  g_assert_cmpuint (medusa_hostile_server_get_streamed_bytes (f->store), >, 0);
}

typedef struct
{
  MedusaHostileServer *store;
  GCancellable        *cancellable;
} DripCancel;

static gboolean
cancel_after_drops_cb (gpointer user_data)
{
  DripCancel *dc = user_data;

  if (medusa_hostile_server_get_streamed_bytes (dc->store) < 3)
    return G_SOURCE_CONTINUE;

  g_cancellable_cancel (dc->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_drip_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DripCancel dc = { f->store, cancellable };

  medusa_client_set_deadline (f->client, 30);
  medusa_hostile_server_set_drip (f->store, "/store/customers/me", 50);
  g_timeout_add (20, cancel_after_drops_cb, &dc);
  customer = retrieve_customer (f, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (customer);
}

/* ------------------------------------------------------------------ */
/* 8. Set-Cookie flood                                                 */

static void
test_cookie_flood (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_hostile_server_set_cookie_flood (f->store, "/store/customers/me", 3000);
  customer = retrieve_customer (f, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "The store’s answer was invalid.");
}

/* ------------------------------------------------------------------ */

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  static const guint statuses[] = { 301, 302, 303, 307, 308 };
  static const char *calls[] = { "sign-in", "register", "change-password", "reset-password",
                                 "get-with-bearer" };
  static RedirectCase cases[G_N_ELEMENTS (statuses) * G_N_ELEMENTS (calls)];

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    for (guint c = 0; c < G_N_ELEMENTS (calls); c++)
      {
        RedirectCase *rc = &cases[s * G_N_ELEMENTS (calls) + c];
        g_autofree char *path = g_strdup_printf ("/hostile/redirect/other-origin/%u/%s",
                                                 statuses[s], calls[c]);

        rc->status = statuses[s];
        rc->call = (Call) c;
        ADD (path, test_redirect_other_origin, rc);
      }
  ADD ("/hostile/redirect/other-host", test_redirect_other_host, NULL);
  ADD ("/hostile/redirect/other-origin-cookie", test_redirect_other_origin_cookie, NULL);
  ADD ("/hostile/redirect/same-origin-303", test_redirect_same_origin_303, NULL);
  ADD ("/hostile/redirect/same-origin-307", test_redirect_same_origin_307, NULL);
  ADD ("/hostile/redirect/loop", test_redirect_loop, NULL);
  ADD ("/hostile/json/nested-success", test_nested_success_body, NULL);
  ADD ("/hostile/json/nested-error", test_nested_error_body, NULL);
  ADD ("/hostile/json/bad-utf8", test_bad_utf8, NULL);
  ADD ("/hostile/json/wrong-model", test_wrong_model, NULL);
  ADD ("/hostile/size/huge", test_huge_body, NULL);
  ADD ("/hostile/size/endless", test_endless_body, NULL);
  ADD ("/hostile/size/gzip-bomb", test_gzip_bomb, NULL);
  ADD ("/hostile/size/huge-error", test_huge_error_body, NULL);
  ADD ("/hostile/deadline/drip", test_drip_deadline, NULL);
  ADD ("/hostile/deadline/cancel", test_drip_cancel, NULL);
  ADD ("/hostile/headers/cookie-flood", test_cookie_flood, NULL);

  return g_test_run ();
}
