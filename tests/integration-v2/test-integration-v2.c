/* test-integration-v2.c: the client against a real Medusa v2 (2.21.2) backend
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scenario, in order: the store's version is detected (v1 and v2
 * backends), a new customer registers through the v2 dialect (identity,
 * customer, sign-in), signs in again with the email in another case, edits
 * the profile, adds, changes and deletes addresses, has its token renewed
 * (before expiry and after a 401), signs out, and resets the forgotten
 * password (token by email, read from the kit's subscriber's file; a bad
 * token; the new password signs in).
 *
 * Environment (tools/test-all.sh sets it from the kit's medusa.env):
 *   MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY   the v2 backend (skip without)
 *   MEDUSA_V2_JWT_SECRET   its jwtSecret (default the kit's "test-jwt-secret"),
 *                          to mint a token that is about to expire
 *   MEDUSA_URL             a v1 backend, for the detection (optional)
 *   MEDUSA_V2_RESET_TOKEN_DIR   where the kit's subscriber writes reset tokens
 *                          (<email>.json; the kit's MEDUSA_RESET_TOKEN_DIR)
 *   MEDUSA_REQUIRE_BACKEND=1   a missing MEDUSA_V2_URL is a failure
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "medusa-addresses.h"
#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-payloads.h"
#include "medusa-store-probe.h"

#define WAIT_TIMEOUT_S 60

typedef struct
{
  char *url;
  char *key;
  char *jwt_secret;
  char *v1_url;
  char *reset_dir;
  gboolean require_backend;

  MedusaClient *client;   /* (owned) signed in as the customer */
  char *email;            /* lower-case, as the store keeps it */
  char *typed_email;      /* as typed: spaces and capitals */
  char *password;
  char *customer_id;
  char *address_a_id;
  char *address_b_id;
} Scenario;

static Scenario S;

static gboolean
backend_available (void)
{
  if (S.url != NULL && S.key != NULL)
    return TRUE;

  if (S.require_backend)
    g_test_fail_printf ("MEDUSA_V2_URL or MEDUSA_V2_PUBLISHABLE_KEY is not set, but MEDUSA_REQUIRE_BACKEND=1");
  else
    g_test_skip ("MEDUSA_V2_URL is not set: no v2 backend to test against");

  return FALSE;
}

static gboolean
scenario_ready (void)
{
  if (!backend_available ())
    return FALSE;
  if (S.client == NULL || S.customer_id == NULL)
    {
      g_test_fail_printf ("an earlier step of the scenario failed");
      return FALSE;
    }
  return TRUE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);

  return *slot;
}

static MedusaClient *
new_v2_client (void)
{
  g_autoptr(GError) error = NULL;
  MedusaClient *client = medusa_client_new (S.url, &error);

  g_assert_no_error (error);
  medusa_client_set_store_version (client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (client, S.key);
  medusa_client_set_timeout (client, 30);
  return client;
}

static MedusaCustomer *
sign_in (MedusaClient *client, const char *email, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_sign_in_async (client, email, password, NULL, store_result_cb, &result);
  return medusa_client_sign_in_finish (client, wait_result (&result), error);
}

static MedusaCustomer *
retrieve_customer (MedusaClient *client, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_retrieve_customer_async (client, NULL, store_result_cb, &result);
  return medusa_client_retrieve_customer_finish (client, wait_result (&result), error);
}

static MedusaAddress *
find_address (MedusaCustomer *customer, const char *id)
{
  GListModel *list = medusa_customer_get_shipping_addresses (customer);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (list, i);

      if (g_strcmp0 (medusa_address_get_id (address), id) == 0)
        return address;  /* the customer keeps a reference */
    }
  return NULL;
}

/* --- detection ----------------------------------------------------------------- */

static MedusaStoreVersion
probe (const char *url, const char *key, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_store_probe_async (url, key, NULL, store_result_cb, &result);
  wait_result (&result);
  medusa_store_probe_finish (result, NULL, error);
  return medusa_store_probe_get_version (result);
}

static void
test_detect_version (void)
{
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  /* No key: 400 not_allowed, the version is known and the key asked for. */
  g_assert_cmpint (probe (S.url, NULL, &error), ==, MEDUSA_STORE_VERSION_V2);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "publishable API key"));
  g_clear_error (&error);

  g_assert_cmpint (probe (S.url, "pk_bogus", &error), ==, MEDUSA_STORE_VERSION_V2);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_cmpint (probe (S.url, S.key, &error), ==, MEDUSA_STORE_VERSION_V2);
  g_assert_no_error (error);

  if (S.v1_url == NULL)
    {
      g_test_message ("MEDUSA_URL is not set: the v1 half of the detection is not checked");
      return;
    }
  /* v1 answers 200 without a key, and ignores a key. */
  g_assert_cmpint (probe (S.v1_url, NULL, &error), ==, MEDUSA_STORE_VERSION_V1);
  g_assert_no_error (error);
  g_assert_cmpint (probe (S.v1_url, "pk_whatever", &error), ==, MEDUSA_STORE_VERSION_V1);
  g_assert_no_error (error);
}

/* --- register, sign in ----------------------------------------------------------- */

static void
test_register (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;

  if (!backend_available ())
    return;

  stamp = g_strdup_printf ("%" G_GINT64_FORMAT "%04x", g_get_real_time (), g_random_int_range (0, 0xffff));
  S.email = g_strdup_printf ("v2-%s@example.com", stamp);
  S.typed_email = g_strdup_printf ("  V2-%s@Example.COM ", stamp);
  S.password = g_strdup ("supersecret-v2");
  S.client = new_v2_client ();

  medusa_client_register_async (S.client, S.typed_email, S.password, "Grace", "Hopper", "+4930999",
                                NULL, store_result_cb, &result);
  customer = medusa_client_register_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  /* The v2 store keeps emails as sent: the client lower-cased it. */
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, S.email);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Grace");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+4930999");
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));
  /* Signed in with a login token, not the identity's (which cannot read /me). */
  g_assert_true (medusa_client_has_credential (S.client));
  g_assert_cmpint (_medusa_jwt_get_expiry (medusa_client_get_token (S.client)), >,
                   g_get_real_time () / G_USEC_PER_SEC + 3600);
  S.customer_id = g_strdup (medusa_customer_get_id (customer));
}

static void
test_register_duplicate (void)
{
  g_autoptr(MedusaClient) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!scenario_ready ())
    return;

  other = new_v2_client ();
  medusa_client_register_async (other, S.email, "another-password", NULL, NULL, NULL,
                                NULL, store_result_cb, &result);
  customer = medusa_client_register_finish (other, wait_result (&result), &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_false (medusa_client_has_credential (other));
}

static void
test_sign_in (void)
{
  g_autoptr(MedusaClient) other = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!scenario_ready ())
    return;

  other = new_v2_client ();
  customer = sign_in (other, S.email, "wrong-password", &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_false (medusa_client_has_credential (other));
  g_clear_error (&error);

  /* Typed in other case and with spaces: the same account. */
  customer = sign_in (other, S.typed_email, S.password, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_true (medusa_client_has_credential (other));
}

/* --- profile and addresses ------------------------------------------------------- */

static void
test_update_customer (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaCustomerUpdate) email = medusa_customer_update_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!scenario_ready ())
    return;

  medusa_customer_update_set_first_name (update, "Amazing");
  medusa_customer_update_set_phone (update, "");
  medusa_customer_update_set_metadata (update, "newsletter", "yes");
  medusa_client_update_customer_async (S.client, update, NULL, store_result_cb, &result);
  customer = medusa_client_update_customer_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Amazing");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Hopper");
  g_assert_null (medusa_customer_get_phone (customer));
  g_clear_object (&customer);

  customer = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Amazing");
  g_clear_object (&customer);

  /* v2 cannot change the email through /me: a clear error, nothing sent. */
  medusa_customer_update_set_email (email, "new@example.com");
  medusa_client_update_customer_async (S.client, email, NULL, store_result_cb, &result2);
  customer = medusa_client_update_customer_finish (S.client, wait_result (&result2), &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_false (medusa_client_has_capability (S.client, MEDUSA_CAPABILITY_CHANGE_EMAIL));
}

static MedusaAddressInput *
address_input (const char *first_name, const char *city)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", first_name);
  medusa_address_input_set (input, "last_name", "Hopper");
  medusa_address_input_set (input, "address_1", "Teststrasse 1");
  medusa_address_input_set (input, "city", city);
  medusa_address_input_set (input, "country_code", "DE");
  medusa_address_input_set (input, "postal_code", "10115");
  return input;
}

static void
test_addresses (void)
{
  g_autoptr(MedusaAddressInput) a = address_input ("Home", "Berlin");
  g_autoptr(MedusaAddressInput) b = address_input ("Work", "Hamburg");
  g_autoptr(MedusaAddressInput) change = medusa_address_input_new ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GListModel *list;
  MedusaAddress *address;

  if (!scenario_ready ())
    return;

  medusa_client_add_address_async (S.client, a, NULL, store_result_cb, &result);
  customer = medusa_client_add_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  list = medusa_customer_get_shipping_addresses (customer);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  address = g_list_model_get_item (list, 0);
  S.address_a_id = g_strdup (medusa_address_get_id (address));
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Berlin");
  g_assert_cmpstr (medusa_address_get_country_code (address), ==, "de");
  g_object_unref (address);
  g_clear_object (&customer);

  medusa_client_add_address_async (S.client, b, NULL, store_result_cb, &result);
  customer = medusa_client_add_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  list = medusa_customer_get_shipping_addresses (customer);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  /* Oldest first, whatever order the store sent. */
  address = g_list_model_get_item (list, 1);
  S.address_b_id = g_strdup (medusa_address_get_id (address));
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Hamburg");
  g_object_unref (address);
  g_clear_object (&customer);

  /* A flat body: only the city changes. */
  medusa_address_input_set (change, "city", "Potsdam");
  medusa_client_update_address_async (S.client, S.address_a_id, change, NULL, store_result_cb, &result);
  customer = medusa_client_update_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_address_get_city (find_address (customer, S.address_a_id)), ==, "Potsdam");
  g_assert_cmpstr (medusa_address_get_first_name (find_address (customer, S.address_a_id)), ==, "Home");
  g_clear_object (&customer);

  /* The delete answers {id: <customer id>, parent: customer}. */
  medusa_client_delete_address_async (S.client, S.address_b_id, NULL, store_result_cb, &result);
  customer = medusa_client_delete_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_null (find_address (customer, S.address_b_id));
  g_assert_nonnull (find_address (customer, S.address_a_id));
  g_clear_object (&customer);

  /* An unknown id: 404, a human message. */
  medusa_client_delete_address_async (S.client, S.address_b_id, NULL, store_result_cb, &result);
  customer = medusa_client_delete_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The address book as read page by page with the customer. */
  customer = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);
  g_assert_cmpstr (medusa_address_get_city (find_address (customer, S.address_a_id)), ==, "Potsdam");
}

/* --- tokens ------------------------------------------------------------------------ */

static char *
base64url (const guchar *data, gsize len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  GString *out = g_string_new (NULL);

  for (const char *p = b64; *p != '\0'; p++)
    {
      if (*p == '=')
        break;
      g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
    }
  return g_string_free (out, FALSE);
}

/* The client's token, re-signed like the backend does (HS256 with its
 * jwtSecret) with the same claims but an expiry in @seconds. */
static char *
mint_token (gint64 seconds)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  g_auto(GStrv) parts = g_strsplit (medusa_client_get_token (S.client), ".", 3);
  g_autoptr(JsonNode) claims = NULL;
  g_autofree char *b64 = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *h = NULL;
  g_autofree char *p = NULL;
  g_autofree char *signing = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest, len = 0;
  g_autofree char *sig = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  b64 = g_strdup (parts[1]);
  g_strdelimit (b64, "-", '+');
  g_strdelimit (b64, "_", '/');
  while (strlen (b64) % 4 != 0)
    {
      char *padded = g_strconcat (b64, "=", NULL);
      g_free (b64);
      b64 = padded;
    }
  decoded = g_base64_decode (b64, &len);
  claims = json_from_string ((const char *) decoded, NULL);
  g_assert_nonnull (claims);
  json_object_set_int_member (json_node_get_object (claims), "iat", now - 86000);
  json_object_set_int_member (json_node_get_object (claims), "exp", now + seconds);
  payload = json_to_string (claims, FALSE);

  h = base64url ((const guchar *) header, strlen (header));
  p = base64url ((const guchar *) payload, strlen (payload));
  signing = g_strconcat (h, ".", p, NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) S.jwt_secret, strlen (S.jwt_secret));
  g_hmac_update (hmac, (const guchar *) signing, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  sig = base64url (digest, digest_len);
  return g_strconcat (signing, ".", sig, NULL);
}

static void
count_cb (MedusaClient *client, guint *count)
{
  (*count)++;
}

static void
test_token_refresh (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *near = NULL;
  g_autofree char *expired = NULL;
  guint unauthorized = 0;

  if (!scenario_ready ())
    return;

  g_signal_connect (S.client, "unauthorized", G_CALLBACK (count_cb), &unauthorized);

  /* Ten minutes left: the client renews it before the request. */
  near = mint_token (600);
  medusa_client_set_token (S.client, near);
  customer = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_cmpstr (medusa_client_get_token (S.client), !=, near);
  g_assert_cmpint (_medusa_jwt_get_expiry (medusa_client_get_token (S.client)), >,
                   g_get_real_time () / G_USEC_PER_SEC + 80000);
  g_clear_object (&customer);

  /* An expired token: 401, one refresh (also 401), one "unauthorized". */
  expired = mint_token (-60);
  medusa_client_set_token (S.client, expired);
  customer = retrieve_customer (S.client, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (unauthorized, ==, 1);
  g_clear_error (&error);

  /* Sign in again for the rest. */
  customer = sign_in (S.client, S.email, S.password, &error);
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_data (S.client, &unauthorized);
}

static void
test_sign_out (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!scenario_ready ())
    return;

  medusa_client_sign_out_async (S.client, NULL, store_result_cb, &result);
  g_assert_true (medusa_client_sign_out_finish (S.client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (medusa_client_has_credential (S.client));

  customer = retrieve_customer (S.client, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* --- password reset ------------------------------------------------------------- */

#define RESET_TOKEN_WAIT_S 15

/* The "token" of the kit's capture file for @email, or NULL. */
static char *
read_reset_token (const char *email)
{
  g_autofree char *file_name = g_strconcat (email, ".json", NULL);
  g_autofree char *path = g_build_filename (S.reset_dir, file_name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *record;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      !json_parser_load_from_data (parser, contents, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  record = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (record, "entity_id", NULL), email) != 0)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (record, "token", NULL));
}

static void
reset_password (MedusaClient *client, const char *email, const char *token,
                const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_client_reset_password_async (client, email, token, password, NULL, store_result_cb, &result);
  customer = medusa_client_reset_password_finish (client, wait_result (&result), error);
  g_assert_null (customer);  /* v2 answers {"success":true} */
}

static void
test_password_reset (void)
{
  g_autoptr(MedusaClient) anonymous = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *token = NULL;
  g_autofree char *new_password = NULL;
  gint64 deadline;

  if (!scenario_ready ())
    return;
  if (S.reset_dir == NULL)
    {
      if (S.require_backend)
        g_test_fail_printf ("MEDUSA_V2_RESET_TOKEN_DIR is not set, but MEDUSA_REQUIRE_BACKEND=1");
      else
        g_test_skip ("MEDUSA_V2_RESET_TOKEN_DIR is not set: the reset token cannot be read");
      return;
    }

  anonymous = new_v2_client ();
  g_assert_true (medusa_client_has_capability (anonymous, MEDUSA_CAPABILITY_PASSWORD_RESET));

  /* A made-up token: the human error (401 "Invalid token"). */
  reset_password (anonymous, S.email, "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.bm90LWEtc2lnbmF0dXJl",
                  "never-used-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_cmpstr (error->message, ==, "This reset link is invalid or has expired.");
  g_clear_error (&error);

  /* An unknown email is answered like a known one (201). */
  medusa_client_request_password_token_async (anonymous, "nobody-v2-reset@example.com", NULL,
                                              store_result_cb, &result);
  g_assert_true (medusa_client_request_password_token_finish (anonymous, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Typed as the person typed it: the store keeps the identity lower-cased. */
  before = read_reset_token (S.email);
  medusa_client_request_password_token_async (anonymous, S.typed_email, NULL, store_result_cb, &result);
  g_assert_true (medusa_client_request_password_token_finish (anonymous, wait_result (&result), &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + RESET_TOKEN_WAIT_S * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_free (token);
      token = read_reset_token (S.email);
      if (token != NULL && g_strcmp0 (token, before) != 0)
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  if (token == NULL || g_strcmp0 (token, before) == 0)
    g_test_message ("no new reset token for %s in %s after %d s", S.email, S.reset_dir, RESET_TOKEN_WAIT_S);
  g_assert_nonnull (token);
  g_assert_cmpstr (token, !=, before);

  new_password = g_strdup_printf ("%s-reset", S.password);
  reset_password (anonymous, S.typed_email, token, new_password, &error);
  g_assert_no_error (error);
  g_assert_false (medusa_client_has_credential (anonymous));

  /* Single use. */
  reset_password (anonymous, S.email, token, "never-used-2", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);

  customer = sign_in (anonymous, S.email, S.password, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  customer = sign_in (anonymous, S.typed_email, new_password, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_free (S.password);
  S.password = g_steal_pointer (&new_password);
}

int
main (int argc, char *argv[])
{
  const char *secret;

  g_test_init (&argc, &argv, NULL);

  S.url = g_strdup (g_getenv ("MEDUSA_V2_URL"));
  S.key = g_strdup (g_getenv ("MEDUSA_V2_PUBLISHABLE_KEY"));
  secret = g_getenv ("MEDUSA_V2_JWT_SECRET");
  S.jwt_secret = g_strdup (secret != NULL && *secret != '\0' ? secret : "test-jwt-secret");
  S.v1_url = g_strdup (g_getenv ("MEDUSA_URL"));
  S.reset_dir = g_strdup (g_getenv ("MEDUSA_V2_RESET_TOKEN_DIR"));
  if (S.reset_dir != NULL && *S.reset_dir == '\0')
    g_clear_pointer (&S.reset_dir, g_free);
  S.require_backend = g_strcmp0 (g_getenv ("MEDUSA_REQUIRE_BACKEND"), "1") == 0;
  if (S.url != NULL && *S.url == '\0')
    g_clear_pointer (&S.url, g_free);
  if (S.v1_url != NULL && *S.v1_url == '\0')
    g_clear_pointer (&S.v1_url, g_free);

  g_test_add_func ("/integration-v2/01-detect-version", test_detect_version);
  g_test_add_func ("/integration-v2/02-register", test_register);
  g_test_add_func ("/integration-v2/03-register-duplicate", test_register_duplicate);
  g_test_add_func ("/integration-v2/04-sign-in", test_sign_in);
  g_test_add_func ("/integration-v2/05-update-customer", test_update_customer);
  g_test_add_func ("/integration-v2/06-addresses", test_addresses);
  g_test_add_func ("/integration-v2/07-token-refresh", test_token_refresh);
  g_test_add_func ("/integration-v2/08-sign-out", test_sign_out);
  g_test_add_func ("/integration-v2/09-password-reset", test_password_reset);

  return g_test_run ();
}
