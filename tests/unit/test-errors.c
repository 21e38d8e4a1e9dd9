/* test-errors.c: HTTP responses and transport failures → MEDUSA_ERROR
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "medusa-client-private.h"
#include "medusa-error.h"

/* Our own sentences (the fallback when the server gives none). */
#define MSG_CREDENTIALS "The email address or password is wrong."
#define MSG_RESET       "This reset link is invalid or has expired."
#define MSG_UNAUTH      "You are not signed in, or your session has expired. Please sign in again."
#define MSG_INVALID     "The store could not accept the data that was sent."
#define MSG_NOT_FOUND   "The store could not find what was asked for."
#define MSG_SERVER      "The store ran into a problem. Please try again later."
#define MSG_RATE        "Too many requests. Please wait a moment and try again."
#define MSG_NOT_ALLOWED "The store does not allow this action."
#define MSG_CONFLICT    "This changed on the store in the meantime. Please try again."
#define MSG_DUPLICATE   "An account with this email address already exists."

typedef struct
{
  const char         *name;
  guint               status;
  const char         *content_type;
  const char         *body;
  MedusaErrorContext  context;
  MedusaError         code;
  const char         *message;
} ResponseCase;

/* The exact bodies are those measured on Medusa 1.20.11 (API-NOTES.md). */
static const ResponseCase response_cases[] = {
  /* "bad login (wrong password or unknown email)": 401 text/plain Unauthorized */
  { "bad-login-token", 401, "text/plain", "Unauthorized",
    MEDUSA_ERROR_CONTEXT_SIGN_IN, MEDUSA_ERROR_INVALID_CREDENTIALS, MSG_CREDENTIALS },
  { "bad-login-no-content-type", 401, NULL, "Unauthorized",
    MEDUSA_ERROR_CONTEXT_SIGN_IN, MEDUSA_ERROR_INVALID_CREDENTIALS, MSG_CREDENTIALS },
  /* "unauthenticated /me or GET /store/auth": 401 Unauthorized, no Content-Type */
  { "unauthenticated-me", 401, NULL, "Unauthorized",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_UNAUTHORIZED, MSG_UNAUTH },
  { "unauthenticated-empty", 401, NULL, "",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_UNAUTHORIZED, MSG_UNAUTH },
  /* "unauthorized (from Medusa)": JSON, type unauthorized */
  { "unauthorized-json", 401, "application/json",
    "{\"type\":\"unauthorized\",\"message\":\"Invalid or expired password reset token\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_UNAUTHORIZED,
    "Invalid or expired password reset token" },
  /* "duplicate registration" */
  { "duplicate-registration", 422, "application/json; charset=utf-8",
    "{\"code\":\"invalid_request_error\",\"type\":\"duplicate_error\",\"message\":\"A customer with the given email already has an account. Log in instead\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_DUPLICATE,
    "A customer with the given email already has an account. Log in instead" },
  /* "changing the email to one taken (POST /me)" */
  { "duplicate-email-change", 422, "application/json; charset=utf-8",
    "{\"code\":\"invalid_request_error\",\"type\":\"duplicate_error\",\"message\":\"Customer with email, has_account demo@example.com, t already exists.\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_DUPLICATE,
    "Customer with email, has_account demo@example.com, t already exists." },
  { "duplicate-no-message", 422, "application/json",
    "{\"code\":\"invalid_request_error\",\"type\":\"duplicate_error\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_DUPLICATE, MSG_DUPLICATE },
  { "unprocessable-other-type", 422, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"Something else\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, "Something else" },
  /* "validation" */
  { "validation", 400, "application/json; charset=utf-8",
    "{\"type\":\"invalid_data\",\"message\":\"email must be an email\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, "email must be an email" },
  { "validation-joined", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"property extra should not exist, first_name must be a string\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA,
    "property extra should not exist, first_name must be a string" },
  { "validation-unknown-address", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"Could not find address for customer\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA,
    "Could not find address for customer" },
  /* A nested address error: the message is itself a JSON document. */
  { "nested-message", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"{\\\"message\\\":\\\"billing_address must be one of: AddressPayload,String\\\",\\\"details\\\":{\\\"x\\\":1}}\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA,
    "billing_address must be one of: AddressPayload,String" },
  { "nested-message-without-message", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"{\\\"details\\\":{}}\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  /* A message that starts like JSON but is none: not shown (the UI parses nothing). */
  { "message-broken-json", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"{\\\"message\\\": cut\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  /* Nested deeper than we unwrap: the innermost level is still JSON. */
  { "nested-message-too-deep", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"{\\\"message\\\":\\\"{\\\\\\\"message\\\\\\\":\\\\\\\"{\\\\\\\\\\\\\\\"message\\\\\\\\\\\\\\\":\\\\\\\\\\\\\\\"{}\\\\\\\\\\\\\\\"}\\\\\\\"}\\\"}\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  /* "not allowed" */
  { "not-allowed", 400, "application/json",
    "{\"type\":\"not_allowed\",\"message\":\"Cannot do that now\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_ALLOWED, "Cannot do that now" },
  { "not-allowed-no-message", 400, "application/json", "{\"type\":\"not_allowed\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_ALLOWED, MSG_NOT_ALLOWED },
  /* "not found" (country) */
  { "not-found", 404, "application/json; charset=utf-8",
    "{\"type\":\"not_found\",\"message\":\"Country with country_code zz does not exist.\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_FOUND,
    "Country with country_code zz does not exist." },
  { "not-found-empty", 404, NULL, NULL,
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_FOUND, MSG_NOT_FOUND },
  { "not-found-sign-in", 404, "text/html", "<!DOCTYPE html><html><body><pre>Cannot POST /store/auth/token</pre></body></html>",
    MEDUSA_ERROR_CONTEXT_SIGN_IN, MEDUSA_ERROR_NOT_FOUND, MSG_NOT_FOUND },
  /* "conflict" */
  { "conflict", 409, "application/json",
    "{\"code\":\"invalid_state_error\",\"type\":\"conflict\",\"message\":\"The resource was updated meanwhile\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_CONFLICT, "The resource was updated meanwhile" },
  { "conflict-empty", 409, NULL, "",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_CONFLICT, MSG_CONFLICT },
  /* "not handled by Medusa" and "database error" */
  { "unknown-error", 500, "application/json",
    "{\"code\":\"unknown_error\",\"type\":\"unknown_error\",\"message\":\"An unknown error occurred.\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_SERVER, "An unknown error occurred." },
  { "database-error", 500, "application/json",
    "{\"code\":\"api_error\",\"type\":\"database_error\",\"message\":\"Database failed\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_SERVER, "Database failed" },
  /* "reset: token invalid, malformed, reused or expired": 500 */
  { "reset-bad-token", 500, "application/json",
    "{\"code\":\"unknown_error\",\"type\":\"unknown_error\",\"message\":\"An unknown error occurred.\"}",
    MEDUSA_ERROR_CONTEXT_PASSWORD_RESET, MEDUSA_ERROR_INVALID_RESET_TOKEN, MSG_RESET },
  /* "reset: email unknown": 401 JSON */
  { "reset-unknown-email", 401, "application/json",
    "{\"type\":\"unauthorized\",\"message\":\"Invalid or expired password reset token\"}",
    MEDUSA_ERROR_CONTEXT_PASSWORD_RESET, MEDUSA_ERROR_INVALID_RESET_TOKEN, MSG_RESET },
  { "reset-validation", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"password must be a string\"}",
    MEDUSA_ERROR_CONTEXT_PASSWORD_RESET, MEDUSA_ERROR_INVALID_DATA, "password must be a string" },
  { "reset-bad-gateway", 502, NULL, NULL,
    MEDUSA_ERROR_CONTEXT_PASSWORD_RESET, MEDUSA_ERROR_SERVER, MSG_SERVER },
  /* Malformed JSON in the request: Express's HTML page. */
  { "html-400", 400, "text/html; charset=utf-8",
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>SyntaxError: Unexpected token } in JSON at position 10<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)</pre>\n</body>\n</html>\n",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  { "html-502-proxy", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_SERVER, MSG_SERVER },
  /* A JSON message that is markup is not shown either. */
  { "json-html-message", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":\"<b>bad</b>\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  /* Rate limiting (a proxy's plain text, or JSON) */
  { "rate-limited-text", 429, "text/plain", "Too many requests, please try again later.",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_RATE_LIMITED, MSG_RATE },
  { "rate-limited-sign-in", 429, NULL, NULL,
    MEDUSA_ERROR_CONTEXT_SIGN_IN, MEDUSA_ERROR_RATE_LIMITED, MSG_RATE },
  /* Other 5xx */
  { "service-unavailable", 503, NULL, "",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_SERVER, MSG_SERVER },
  { "gateway-timeout-json", 504, "application/json",
    "{\"type\":\"unknown_error\",\"message\":\"Upstream timed out\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_SERVER, "Upstream timed out" },
  /* Other 4xx, unknown types, odd bodies */
  { "teapot", 418, NULL, NULL,
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  { "forbidden-json", 403, "application/json",
    "{\"type\":\"forbidden\",\"message\":\"Nope\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, "Nope" },
  { "unknown-type-400", 400, "application/json",
    "{\"type\":\"brand_new_type\",\"message\":\"Something new\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, "Something new" },
  { "json-without-content-type", 404, NULL,
    "{\"type\":\"not_found\",\"message\":\"Order with id x was not found\"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_FOUND, "Order with id x was not found" },
  { "message-not-a-string", 400, "application/json",
    "{\"type\":\"invalid_data\",\"message\":42}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  { "json-array-body", 400, "application/json", "[\"a\",\"b\"]",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
  { "truncated-json-body", 404, "application/json", "{\"type\":\"not_found\",\"mess",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_NOT_FOUND, MSG_NOT_FOUND },
  { "whitespace-message", 409, "application/json",
    "{\"type\":\"conflict\",\"message\":\"   \"}",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_CONFLICT, MSG_CONFLICT },
  { "plain-text-400", 400, "text/plain", "Bad Request",
    MEDUSA_ERROR_CONTEXT_DEFAULT, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
};

static void
test_response_case (gconstpointer user_data)
{
  const ResponseCase *c = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (c->body != NULL)
    body = g_bytes_new_static (c->body, strlen (c->body));

  error = medusa_error_from_response (c->status, c->content_type, body, c->context);

  g_assert_nonnull (error);
  g_assert_error (error, MEDUSA_ERROR, (int) c->code);
  g_assert_cmpstr (error->message, ==, c->message);
  /* Never HTML in a message a person sees. */
  g_assert_null (strchr (error->message, '<'));
}

static void
test_response_unexpected_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  error = medusa_error_from_response (302, NULL, NULL, MEDUSA_ERROR_CONTEXT_DEFAULT);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "302"));

  error2 = medusa_error_from_response (304, NULL, NULL, MEDUSA_ERROR_CONTEXT_SIGN_IN);
  g_assert_error (error2, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
}

static void
test_response_invalid_utf8 (void)
{
  static const char bad[] = "{\"type\":\"invalid_data\",\"message\":\"\xff\xfe\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr(GError) error = NULL;

  error = medusa_error_from_response (400, "application/json", body,
                                      MEDUSA_ERROR_CONTEXT_DEFAULT);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, MSG_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* An error body nested too deep for the parser (100,000 '['): the status's
 * error with our message, as for any error body that cannot be read. */
static void
test_response_too_deep (void)
{
  static const struct { guint status; MedusaError code; const char *message; } cases[] = {
    { 400, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
    { 401, MEDUSA_ERROR_UNAUTHORIZED, MSG_UNAUTH },
    { 404, MEDUSA_ERROR_NOT_FOUND, MSG_NOT_FOUND },
    { 422, MEDUSA_ERROR_INVALID_DATA, MSG_INVALID },
    { 500, MEDUSA_ERROR_SERVER, MSG_SERVER },
  };
  gsize depth = 100000;
  char *text = g_malloc (depth);
  g_autoptr(GBytes) body = NULL;

  memset (text, '[', depth);
  body = g_bytes_new_take (text, depth);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = medusa_error_from_response (cases[i].status, "application/json", body,
                                                            MEDUSA_ERROR_CONTEXT_DEFAULT);

      g_assert_error (error, MEDUSA_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Transport errors */

typedef struct
{
  const char *name;
  GQuark    (*domain) (void);
  int         code;
  MedusaError expected;
} TransportCase;

static GQuark
io_error_quark (void)
{
  return G_IO_ERROR;
}

static GQuark
tls_error_quark (void)
{
  return G_TLS_ERROR;
}

static GQuark
resolver_error_quark (void)
{
  return G_RESOLVER_ERROR;
}

static GQuark
session_error_quark (void)
{
  return SOUP_SESSION_ERROR;
}

static const TransportCase transport_cases[] = {
  { "timed-out", io_error_quark, G_IO_ERROR_TIMED_OUT, MEDUSA_ERROR_TIMEOUT },
  { "tls-bad-certificate", tls_error_quark, G_TLS_ERROR_BAD_CERTIFICATE, MEDUSA_ERROR_TLS },
  { "tls-handshake", tls_error_quark, G_TLS_ERROR_HANDSHAKE, MEDUSA_ERROR_TLS },
  { "tls-not-tls", tls_error_quark, G_TLS_ERROR_NOT_TLS, MEDUSA_ERROR_TLS },
  { "tls-misc", tls_error_quark, G_TLS_ERROR_MISC, MEDUSA_ERROR_TLS },
  { "resolver-not-found", resolver_error_quark, G_RESOLVER_ERROR_NOT_FOUND, MEDUSA_ERROR_NETWORK },
  { "resolver-temporary", resolver_error_quark, G_RESOLVER_ERROR_TEMPORARY_FAILURE, MEDUSA_ERROR_NETWORK },
  { "connection-refused", io_error_quark, G_IO_ERROR_CONNECTION_REFUSED, MEDUSA_ERROR_NETWORK },
  { "host-unreachable", io_error_quark, G_IO_ERROR_HOST_UNREACHABLE, MEDUSA_ERROR_NETWORK },
  { "network-unreachable", io_error_quark, G_IO_ERROR_NETWORK_UNREACHABLE, MEDUSA_ERROR_NETWORK },
  { "connection-closed", io_error_quark, G_IO_ERROR_CONNECTION_CLOSED, MEDUSA_ERROR_NETWORK },
  { "partial-input", io_error_quark, G_IO_ERROR_PARTIAL_INPUT, MEDUSA_ERROR_NETWORK },
  { "io-failed", io_error_quark, G_IO_ERROR_FAILED, MEDUSA_ERROR_NETWORK },
  { "soup-parsing", session_error_quark, SOUP_SESSION_ERROR_PARSING, MEDUSA_ERROR_PARSE },
  { "soup-encoding", session_error_quark, SOUP_SESSION_ERROR_ENCODING, MEDUSA_ERROR_PARSE },
  { "soup-too-many-redirects", session_error_quark, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS, MEDUSA_ERROR_NETWORK },
};

static void
test_transport_case (gconstpointer user_data)
{
  const TransportCase *c = user_data;
  g_autoptr(GError) error = g_error_new_literal (c->domain (), c->code, "low-level detail");
  g_autoptr(GError) mapped = medusa_error_from_transport (error);

  g_assert_error (mapped, MEDUSA_ERROR, (int) c->expected);
  g_assert_nonnull (mapped->message);
  g_assert_cmpstr (mapped->message, !=, "");
  g_assert_cmpstr (mapped->message, !=, "low-level detail");
}

static void
test_transport_cancelled_unchanged (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "Operation was cancelled");
  g_autoptr(GError) mapped = medusa_error_from_transport (error);

  g_assert_true (mapped != error);
  g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (mapped->message, ==, "Operation was cancelled");
}

static void
test_transport_medusa_unchanged (void)
{
  g_autoptr(GError) error = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "cut off");
  g_autoptr(GError) mapped = medusa_error_from_transport (error);

  g_assert_error (mapped, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpstr (mapped->message, ==, "cut off");
}

/* medusa_json_get_object_member */

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
test_json_object_member (void)
{
  g_autoptr(JsonNode) good = parse ("{\"customer\":{\"id\":\"cus_1\"}}");
  g_autoptr(JsonNode) wrong_type = parse ("{\"customer\":\"cus_1\"}");
  g_autoptr(JsonNode) array = parse ("[1,2]");
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  object = medusa_json_get_object_member (good, "customer", &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "cus_1");

  object = medusa_json_get_object_member (good, "order", &error);
  g_assert_null (object);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  object = medusa_json_get_object_member (wrong_type, "customer", &error);
  g_assert_null (object);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  object = medusa_json_get_object_member (array, "customer", &error);
  g_assert_null (object);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  object = medusa_json_get_object_member (NULL, "customer", &error);
  g_assert_null (object);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Compare against the untranslated sentences. */
  g_setenv ("LANGUAGE", "C", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (response_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/errors/response/%s", response_cases[i].name);

      g_test_add_data_func (path, &response_cases[i], test_response_case);
    }
  g_test_add_func ("/errors/response/unexpected-status", test_response_unexpected_status);
  g_test_add_func ("/errors/response/invalid-utf8", test_response_invalid_utf8);
  g_test_add_func ("/errors/response/too-deep", test_response_too_deep);

  for (guint i = 0; i < G_N_ELEMENTS (transport_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/errors/transport/%s", transport_cases[i].name);

      g_test_add_data_func (path, &transport_cases[i], test_transport_case);
    }
  g_test_add_func ("/errors/transport/cancelled-unchanged", test_transport_cancelled_unchanged);
  g_test_add_func ("/errors/transport/medusa-unchanged", test_transport_medusa_unchanged);

  g_test_add_func ("/errors/json/object-member", test_json_object_member);

  return g_test_run ();
}
