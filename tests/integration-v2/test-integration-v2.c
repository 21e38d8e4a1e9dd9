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
 * token; the new password signs in); then places six orders through the
 * cart flow in every state (seed-orders.sh) and reads them through the
 * dialect: the list newest first, every filter compared with the store's
 * raw list, the details, the receipt and the local copy's sync, money exact.
 *
 * Environment (tools/test-all.sh sets it from the kit's medusa.env):
 *   MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY   the v2 backend (skip without)
 *   MEDUSA_V2_JWT_SECRET   its jwtSecret (default the kit's "test-jwt-secret"),
 *                          to mint a token that is about to expire
 *   MEDUSA_URL             a v1 backend, for the detection (optional)
 *   MEDUSA_V2_RESET_TOKEN_DIR   where the kit's subscriber writes reset tokens
 *                          (<email>.json; the kit's MEDUSA_RESET_TOKEN_DIR)
 *   MEDUSA_V2_ADMIN_EMAIL, MEDUSA_V2_ADMIN_PASSWORD   the admin seed-orders.sh
 *                          uses (default the kit's admin@example.com)
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
#include "medusa-account-json.h"
#include "medusa-account-store.h"
#include "medusa-store-order-filter.h"
#include "medusa-money.h"
#include "medusa-orders.h"
#include "medusa-receipt-order.h"
#include "medusa-sync.h"
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

/* The billing address is the address book's default billing address: a
 * saved one gets the flag, a new one joins the address book with it, and
 * the store keeps one flag (choosing A again after C would break its unique
 * index if C kept it). */
static void
test_billing_address (void)
{
  g_autoptr(MedusaAddressInput) c = address_input ("Billing", "Munich");
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address_c_id = NULL;
  GAsyncResult *result = NULL;

  if (!scenario_ready ())
    return;

  for (guint step = 0; step < 3; step++)
    {
      g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

      if (step == 1)
        medusa_customer_update_set_billing_address (update, c);
      else
        medusa_customer_update_set_billing_address_id (update, S.address_a_id);
      medusa_client_update_customer_async (S.client, update, NULL, store_result_cb, &result);
      g_clear_object (&customer);
      customer = medusa_client_update_customer_finish (S.client, wait_result (&result), &error);
      g_clear_object (&result);
      g_assert_no_error (error);
      if (step == 1)
        {
          MedusaAddress *billing = medusa_customer_get_billing_address (customer);

          g_assert_nonnull (billing);
          g_assert_cmpstr (medusa_address_get_city (billing), ==, "Munich");
          address_c_id = g_strdup (medusa_customer_get_billing_address_id (customer));
          g_assert_nonnull (find_address (customer, address_c_id));
          g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 2);
        }
      else
        {
          g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, S.address_a_id);
        }
    }

  /* As read again, with the whole address book. */
  g_clear_object (&customer);
  customer = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, S.address_a_id);
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (customer)), ==, "Potsdam");

  /* The address book as it was. */
  medusa_client_delete_address_async (S.client, address_c_id, NULL, store_result_cb, &result);
  g_clear_object (&customer);
  customer = medusa_client_delete_address_finish (S.client, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);
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

/* --- orders ---------------------------------------------------------------------- */

/* The customer's orders as the store holds them (the raw v2 list, newest
 * first): what every answer of the dialect is compared with. */
static JsonArray *
raw_orders (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *orders;

  medusa_client_request_async (S.client, "GET", "/store/orders",
                               "order=-created_at&limit=100&fields=%2Bemail,*fulfillments,*shipping_address",
                               NULL, MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT, NULL,
                               store_result_cb, &result);
  root = medusa_client_request_finish (S.client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (root), "orders");
  g_assert_nonnull (orders);
  return json_array_ref (orders);
}

static const char *
raw_string (JsonArray *orders, guint i, const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (orders, i), member);
}

static MedusaOrderPage *
list_orders (MedusaOrderQuery *query, gboolean summaries, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (summaries)
    {
      medusa_client_list_order_summaries_async (S.client, query, NULL, store_result_cb, &result);
      return medusa_client_list_order_summaries_finish (S.client, wait_result (&result), error);
    }
  medusa_client_list_orders_async (S.client, query, NULL, store_result_cb, &result);
  return medusa_client_list_orders_finish (S.client, wait_result (&result), error);
}

typedef gboolean (*RawPredicate) (JsonObject *order, gconstpointer data);

/* The page of @query (both readers) holds exactly the raw orders @pred
 * keeps, newest first, from @offset, at most @limit; its count is how many
 * @pred keeps. */
static void
check_filter (const char       *what,
              MedusaOrderQuery *query,
              JsonArray        *raw,
              RawPredicate      pred,
              gconstpointer     data,
              guint             offset,
              guint             limit)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (raw); i++)
    if (pred (json_array_get_object_element (raw, i), data))
      g_ptr_array_add (expected, (gpointer) raw_string (raw, i, "id"));

  for (int summaries = 0; summaries < 2; summaries++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrderPage) page = list_orders (query, summaries, &error);
      GListModel *orders;
      guint n_expected;

      g_assert_no_error (error);
      g_test_message ("filter %s (%s): %u of %u", what, summaries ? "summaries" : "orders",
                      g_list_model_get_n_items (medusa_order_page_get_orders (page)), expected->len);
      g_assert_cmpint (medusa_order_page_get_count (page), ==, expected->len);
      orders = medusa_order_page_get_orders (page);
      n_expected = expected->len > offset ? MIN (expected->len - offset, limit) : 0;
      g_assert_cmpuint (g_list_model_get_n_items (orders), ==, n_expected);
      for (guint i = 0; i < n_expected; i++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

          g_assert_cmpstr (medusa_order_get_id (order), ==, g_ptr_array_index (expected, offset + i));
        }
    }
}

static gboolean
pred_member (JsonObject *order, gconstpointer data)
{
  const char * const *kv = data;

  return g_strcmp0 (json_object_get_string_member_with_default (order, kv[0], NULL), kv[1]) == 0;
}

static gboolean
pred_two_statuses (JsonObject *order, gconstpointer data)
{
  const char *status = json_object_get_string_member (order, "status");

  return g_strcmp0 (status, "pending") == 0 || g_strcmp0 (status, "canceled") == 0;
}

static gboolean
pred_display_id (JsonObject *order, gconstpointer data)
{
  return json_object_get_int_member (order, "display_id") == *(const gint64 *) data;
}

static gboolean
pred_created_since (JsonObject *order, gconstpointer data)
{
  g_autoptr(GDateTime) created =
    g_date_time_new_from_iso8601 (json_object_get_string_member (order, "created_at"), NULL);

  return g_date_time_compare (created, (GDateTime *) data) >= 0;
}

static gboolean
pred_all (JsonObject *order, gconstpointer data)
{
  return TRUE;
}

static gboolean
pred_none (JsonObject *order, gconstpointer data)
{
  return FALSE;
}

/* The exact minor units of a v2 amount (a JSON number in major units). */
static gint64
raw_minor (JsonObject *object, const char *member)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 minor = 0;

  g_ascii_dtostr (text, sizeof text, json_object_get_double_member (object, member));
  g_assert_true (medusa_money_parse_decimal (text, 2, &minor));
  return minor;
}

static void
seed_orders (guint n)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "seed-orders.sh", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { script, count, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  const char *admin_email = g_getenv ("MEDUSA_V2_ADMIN_EMAIL");
  const char *admin_password = g_getenv ("MEDUSA_V2_ADMIN_PASSWORD");
  int status = 0;

  envp = g_environ_setenv (envp, "MEDUSA_URL", S.url, TRUE);
  envp = g_environ_setenv (envp, "MEDUSA_PUBLISHABLE_KEY", S.key, TRUE);
  envp = g_environ_setenv (envp, "DEMO_EMAIL", S.email, TRUE);
  envp = g_environ_setenv (envp, "DEMO_PASSWORD", S.password, TRUE);
  if (admin_email != NULL && *admin_email != '\0')
    envp = g_environ_setenv (envp, "ADMIN_EMAIL", admin_email, TRUE);
  if (admin_password != NULL && *admin_password != '\0')
    envp = g_environ_setenv (envp, "ADMIN_PASSWORD", admin_password, TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("seed-orders.sh failed:\n%s\n%s", out, err);
  g_test_message ("%s", out);
}

static void
test_orders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) raw = NULL;
  g_autoptr(MedusaOrderQuery) query = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GDateTime) since = NULL;
  const char *captured[] = { "payment_status", "captured" };
  const char *shipped[] = { "fulfillment_status", "shipped" };
  const char *completed[] = { "status", "completed" };
  const char *authorized[] = { "payment_status", "authorized" };
  const char *delivered[] = { "fulfillment_status", "delivered" };
  gint64 display_id;
  guint n;

  if (!scenario_ready ())
    return;

  /* Signed in again: the reset of step 09 signed this client out. */
  g_clear_object (&S.client);
  S.client = new_v2_client ();
  {
    g_autoptr(MedusaCustomer) customer = sign_in (S.client, S.email, S.password, &error);

    g_assert_no_error (error);
  }

  g_assert_true (medusa_client_has_capability (S.client, MEDUSA_CAPABILITY_ORDERS));
  g_assert_false (medusa_client_has_capability (S.client, MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE));

  /* Six orders through the cart flow, one in each state (seed-orders.sh). */
  seed_orders (6);
  raw = raw_orders ();
  n = json_array_get_length (raw);
  g_assert_cmpuint (n, ==, 6);

  /* The default page: newest first, as v1. */
  query = medusa_order_query_new ();
  check_filter ("none", query, raw, pred_all, NULL, 0, 10);

  /* Limit and offset without filters (the store pages). */
  medusa_order_query_set_limit (query, 2);
  medusa_order_query_set_offset (query, 3);
  check_filter ("page 2 of 3", query, raw, pred_all, NULL, 3, 2);

  /* Status: the store filters; two values. */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_COMPLETED);
  check_filter ("status completed", query, raw, pred_member, completed, 0, 10);
  medusa_order_query_clear_statuses (query);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_CANCELED);
  check_filter ("status pending,canceled", query, raw, pred_two_statuses, NULL, 0, 10);

  /* Payment and fulfillment status: filtered here. */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  check_filter ("payment captured", query, raw, pred_member, captured, 0, 10);
  medusa_order_query_set_limit (query, 2);
  medusa_order_query_set_offset (query, 1);
  check_filter ("payment captured, 2 from 1", query, raw, pred_member, captured, 1, 2);
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_AUTHORIZED);
  check_filter ("payment authorized", query, raw, pred_member, authorized, 0, 10);
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  check_filter ("fulfillment shipped", query, raw, pred_member, shipped, 0, 10);
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_DELIVERED);
  check_filter ("fulfillment delivered", query, raw, pred_member, delivered, 0, 10);

  /* Order number, as typed and as search text; a word no order has. */
  display_id = json_object_get_int_member (json_array_get_object_element (raw, 2), "display_id");
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, display_id);

    medusa_order_query_set_display_id (query, text);
    check_filter ("display_id", query, raw, pred_display_id, &display_id, 0, 10);
    medusa_order_query_set_display_id (query, NULL);
    medusa_order_query_set_q (query, text);
    check_filter ("q number", query, raw, pred_display_id, &display_id, 0, 10);
  }
  medusa_order_query_set_q (query, "Medusa");
  check_filter ("q Medusa", query, raw, pred_all, NULL, 0, 10);
  medusa_order_query_set_q (query, "nosuchwordanywhere");
  check_filter ("q nothing", query, raw, pred_none, NULL, 0, 10);

  /* Dates and currency. */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  since = g_date_time_new_from_iso8601 (raw_string (raw, 3, "created_at"), NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, since);
  check_filter ("created since the 4th", query, raw, pred_created_since, since, 0, 10);
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_set_currency_code (query, "EUR");
  check_filter ("currency", query, raw, pred_all, NULL, 0, 10);

  /* Every order in one page (limit 0, as v1). */
  g_clear_pointer (&query, medusa_order_query_free);
  query = medusa_order_query_new ();
  medusa_order_query_set_limit (query, 0);
  check_filter ("all", query, raw, pred_all, NULL, 0, G_MAXUINT);
}

static gint64
raw_detail_minor (JsonObject *order, const char *member)
{
  return raw_minor (order, member);
}

static void
test_order_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) raw = NULL;
  g_autoptr(JsonNode) detail_root = NULL;
  JsonObject *detail;
  const char *shipped_id = NULL;

  if (!scenario_ready ())
    return;
  raw = raw_orders ();
  for (guint i = 0; i < json_array_get_length (raw); i++)
    if (g_strcmp0 (raw_string (raw, i, "fulfillment_status"), "shipped") == 0)
      shipped_id = raw_string (raw, i, "id");
  g_assert_nonnull (shipped_id);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *path = g_strconcat ("/store/orders/", shipped_id, NULL);

    medusa_client_request_async (S.client, "GET", path, NULL, NULL, MEDUSA_REQUEST_DEFAULT,
                                 MEDUSA_ERROR_CONTEXT_DEFAULT, NULL, store_result_cb, &result);
    detail_root = medusa_client_request_finish (S.client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    detail = json_object_get_object_member (json_node_get_object (detail_root), "order");
  }

  /* The order's page, the local copy's details and the receipt. */
  for (int way = 0; way < 3; way++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MedusaOrder) order = NULL;
      g_autoptr(GBytes) json = NULL;
      g_autoptr(MedusaAddress) address = NULL;
      JsonArray *items = json_object_get_array_member (detail, "items");
      GListModel *own_items;

      if (way == 0)
        {
          medusa_client_retrieve_order_async (S.client, shipped_id, NULL, store_result_cb, &result);
          order = medusa_client_retrieve_order_finish (S.client, wait_result (&result), &error);
        }
      else if (way == 1)
        {
          medusa_client_fetch_order_json_async (S.client, shipped_id, NULL, store_result_cb, &result);
          order = medusa_client_fetch_order_json_finish (S.client, wait_result (&result), &json, &error);
          g_assert_nonnull (json);
        }
      else
        {
          medusa_client_retrieve_receipt_order_async (S.client, shipped_id, NULL, store_result_cb, &result);
          order = medusa_client_retrieve_receipt_order_finish (S.client, wait_result (&result), &error);
        }
      g_assert_no_error (error);
      g_assert_cmpstr (medusa_order_get_id (order), ==, shipped_id);
      g_assert_cmpint (medusa_order_get_total (order), ==, raw_detail_minor (detail, "total"));
      g_assert_cmpint (medusa_order_get_shipping_total (order), ==, raw_detail_minor (detail, "shipping_total"));
      g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
      g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), >=, 1);
      {
        g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (medusa_order_get_fulfillments (order), 0);

        /* The store does not say what the shipment holds: unknown, not 0. */
        g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, -1);
        g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
      }
      own_items = medusa_order_get_items (order);
      g_assert_cmpuint (g_list_model_get_n_items (own_items), ==, json_array_get_length (items));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          g_autoptr(MedusaLineItem) item = g_list_model_get_item (own_items, i);
          JsonObject *raw_item = json_array_get_object_element (items, i);

          g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, raw_minor (raw_item, "unit_price"));
          g_assert_cmpint (medusa_line_item_get_quantity (item), ==,
                           json_object_get_int_member (raw_item, "quantity"));
        }
      g_assert_nonnull (medusa_order_get_shipping_address (order));
      g_assert_cmpstr (medusa_address_get_city (medusa_order_get_shipping_address (order)), ==,
                       json_object_get_string_member (json_object_get_object_member (detail, "shipping_address"),
                                                      "city"));
      g_assert_nonnull (medusa_order_get_billing_address (order));
    }

  /* An id that is not this customer's: not found (the v2 route by id would
   * answer anyone; the dialect asks the customer's list). */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(MedusaOrder) order = NULL;

    medusa_client_retrieve_order_async (S.client, "order_01NOSUCHORDER000000000000", NULL,
                                        store_result_cb, &result);
    order = medusa_client_retrieve_order_finish (S.client, wait_result (&result), &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
    g_assert_null (order);
    g_clear_error (&error);
  }
}

static void
test_orders_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) raw = NULL;
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaSync) sync = NULL;

  if (!scenario_ready ())
    return;
  raw = raw_orders ();

  {
    g_autoptr(GAsyncResult) result = NULL;

    medusa_account_store_open_async (S.url, S.customer_id, NULL, store_result_cb, &result);
    store = medusa_account_store_open_finish (wait_result (&result), &error);
    g_assert_no_error (error);
  }
  sync = medusa_sync_new (S.client, store);

  /* Twice: the first fills the copy, the second (a v2 store has no
   * reliable updated_at) reads the whole history again. */
  for (int run = 0; run < 2; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GListModel) orders = NULL;
      gint64 n_total = -1;

      medusa_sync_run_async (sync, NULL, store_result_cb, &result);
      customer = medusa_sync_run_finish (sync, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_true (medusa_sync_get_last_run_full (sync));

      g_clear_object (&result);
      medusa_account_store_get_orders_async (store, NULL, NULL, store_result_cb, &result);
      orders = medusa_account_store_get_orders_finish (store, wait_result (&result), &n_total, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n_total, ==, json_array_get_length (raw));
      for (guint i = 0; i < json_array_get_length (raw); i++)
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

          g_assert_cmpstr (medusa_order_get_id (order), ==, raw_string (raw, i, "id"));
          g_assert_cmpstr (medusa_payment_status_to_string (medusa_order_get_payment_status (order)), ==,
                           raw_string (raw, i, "payment_status"));
          g_assert_cmpstr (medusa_fulfillment_status_to_string (medusa_order_get_fulfillment_status (order)), ==,
                           raw_string (raw, i, "fulfillment_status"));
          g_assert_cmpint (medusa_order_get_total (order), ==,
                           raw_minor (json_array_get_object_element (raw, i), "total"));
        }
    }

  /* The copy's search finds v2 orders by product and by order number. */
  for (int k = 0; k < 2; k++)
    {
      g_autoptr(MedusaStoreOrderFilter) filter = medusa_store_order_filter_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) found = NULL;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member (json_array_get_object_element (raw, 1),
                                                                             "display_id"));
      gint64 n_total = -1;

      medusa_store_order_filter_set_text (filter, k == 0 ? "medusa" : number);
      medusa_account_store_get_orders_async (store, filter, NULL, store_result_cb, &result);
      found = medusa_account_store_get_orders_finish (store, wait_result (&result), &n_total, &error);
      g_assert_no_error (error);
      if (k == 0)
        g_assert_cmpint (n_total, ==, json_array_get_length (raw));
      else
        {
          g_autoptr(MedusaOrder) order = g_list_model_get_item (found, 0);

          g_assert_cmpint (n_total, >=, 1);
          g_assert_cmpstr (medusa_order_get_id (order), ==, raw_string (raw, 1, "id"));
        }
    }

  {
    g_autoptr(GAsyncResult) result = NULL;

    medusa_account_store_delete_async (store, NULL, store_result_cb, &result);
    medusa_account_store_delete_finish (store, wait_result (&result), &error);
    g_assert_no_error (error);
  }
}

int
main (int argc, char *argv[])
{
  const char *secret;

  g_test_init (&argc, &argv, NULL);

  /* The local copy of step 12 in a folder of its own. */
  {
    g_autofree char *cache = g_dir_make_tmp ("medusa-integration-v2-XXXXXX", NULL);

    g_assert_nonnull (cache);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

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
  g_test_add_func ("/integration-v2/06b-billing-address", test_billing_address);
  g_test_add_func ("/integration-v2/07-token-refresh", test_token_refresh);
  g_test_add_func ("/integration-v2/08-sign-out", test_sign_out);
  g_test_add_func ("/integration-v2/09-password-reset", test_password_reset);
  g_test_add_func ("/integration-v2/10-orders", test_orders);
  g_test_add_func ("/integration-v2/11-order-details", test_order_details);
  g_test_add_func ("/integration-v2/12-orders-sync", test_orders_sync);

  return g_test_run ();
}
