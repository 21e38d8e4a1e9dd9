/* test-dialect-v2.c: the Medusa v2 dialect against the fake in v2 mode
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Version detection (v1 and v2 fakes), the publishable key on every /store
 * request, register (identity → customer with that token → sign in), sign
 * in, token refresh (before expiry, once after a 401, one refresh shared by
 * concurrent requests), sign-out, the customer and the address book, the
 * password reset (token by email, then the token as bearer).
 */
#include "config.h"

#include <string.h>

#include "medusa-auth.h"
#include "medusa-customers.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-session.h"
#include "medusa-store-profiles.h"
#include "medusa-store-probe.h"
#include "service-fixture.h"

#define KEY "pk_fake_v2_key"
#define ADA "ada@example.com"
#define ADA_PASSWORD "analytical-engine"

typedef struct
{
  MedusaFakeServer *fake;
  MedusaClient     *client;
  GAsyncResult     *slot;
  guint             unauthorized;
} Fixture;

static void
on_unauthorized_cb (MedusaClient *client,
                    Fixture      *f)
{
  f->unauthorized++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MedusaRetryPolicy policy = { .max_retries = 0 };

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_set_v2 (f->fake, KEY);
  medusa_fake_server_add_customer (f->fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (f->client, &policy);
  medusa_client_set_store_version (f->client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (f->client, KEY);
  g_signal_connect (f->client, "unauthorized", G_CALLBACK (on_unauthorized_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->fake);
}

static MedusaCustomer *
sign_in (Fixture *f, const char *email, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_sign_in_async (f->client, email, password, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_sign_in_finish (f->client, result, error);
}

static MedusaCustomer *
retrieve (Fixture *f, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_retrieve_customer_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_retrieve_customer_finish (f->client, result, error);
}

static void
sign_in_ada (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = sign_in (f, ADA, ADA_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (customer);
  medusa_fake_server_clear_requests (f->fake);
}

/* --- detection ---------------------------------------------------------------- */

static MedusaStoreVersion
probe (const char *url, const char *key, guint *n_requests, MedusaFakeServer *fake, GError **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_store_probe_async (url, key, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  medusa_store_probe_finish (result, NULL, error);
  *n_requests = medusa_fake_server_get_n_requests (fake, "GET", "/store/regions");
  return medusa_store_probe_get_version (result);
}

static void
test_detect (void)
{
  g_autoptr(MedusaFakeServer) v1 = medusa_fake_server_new ();
  g_autoptr(MedusaFakeServer) v2 = medusa_fake_server_new ();
  g_autoptr(GError) error = NULL;
  const MedusaFakeRequest *request;
  guint n = 0;

  medusa_fake_server_set_v2 (v2, KEY);

  /* v1: 200 without a key, whatever key was typed. */
  g_assert_cmpint (probe (medusa_fake_server_get_url (v1), "pk_any", &n, v1, &error), ==,
                   MEDUSA_STORE_VERSION_V1);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  /* v2 without a key: the version, and an error asking for the key. */
  g_assert_cmpint (probe (medusa_fake_server_get_url (v2), NULL, &n, v2, &error), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Settings → Publishable API Keys"));
  g_assert_cmpuint (n, ==, 1);
  g_clear_error (&error);

  /* A wrong key. */
  g_assert_cmpint (probe (medusa_fake_server_get_url (v2), "pk_wrong", &n, v2, &error), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (n, ==, 3);
  g_clear_error (&error);

  /* The right key: asked again with it. */
  g_assert_cmpint (probe (medusa_fake_server_get_url (v2), KEY, &n, v2, &error), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  request = medusa_fake_server_get_last_request (v2, "GET", "/store/regions");
  g_assert_cmpstr (medusa_fake_request_get_header (request, "x-publishable-api-key"), ==, KEY);

  /* Not a store at all: no version. */
  medusa_fake_server_add_status_fault (v1, "GET", "/store/regions", 404, NULL, NULL, 1);
  g_assert_cmpint (probe (medusa_fake_server_get_url (v1), NULL, &n, v1, &error), ==,
                   MEDUSA_STORE_VERSION_UNKNOWN);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

/* --- the key, register, sign in ---------------------------------------------------- */

static void
test_key_header (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  sign_in_ada (f);
  customer = retrieve (f, &error);
  g_assert_no_error (error);

  n = medusa_fake_server_get_n_requests (f->fake, NULL, NULL);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (f->fake, i);

      if (g_str_has_prefix (medusa_fake_request_get_path (request), "/store/"))
        g_assert_cmpstr (medusa_fake_request_get_header (request, "x-publishable-api-key"), ==, KEY);
    }

  /* Without the key the store refuses every /store request. */
  medusa_client_set_publishable_key (f->client, NULL);
  g_clear_object (&customer);
  customer = retrieve (f, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
}

static void
test_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const MedusaFakeRequest *request;
  JsonObject *body;
  g_autofree char *reg_bearer = NULL;

  medusa_client_register_async (f->client, "  Grace@Example.COM ", "cobol-1959", "Grace", "Hopper", NULL,
                                NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_register_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "grace@example.com");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Grace");

  /* identity (email lower-cased by the client) → customer → sign in → /me */
  request = medusa_fake_server_get_request (f->fake, 0);
  g_assert_cmpstr (medusa_fake_request_get_path (request), ==, "/auth/customer/emailpass/register");
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_cmpstr (json_object_get_string_member (body, "email"), ==, "grace@example.com");

  request = medusa_fake_server_get_request (f->fake, 1);
  g_assert_cmpstr (medusa_fake_request_get_path (request), ==, "/store/customers");
  reg_bearer = g_strdup (medusa_fake_request_get_header (request, "Authorization"));
  g_assert_true (g_str_has_prefix (reg_bearer, "Bearer "));
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_false (json_object_has_member (body, "password"));
  g_assert_cmpstr (json_object_get_string_member (body, "last_name"), ==, "Hopper");

  request = medusa_fake_server_get_request (f->fake, 2);
  g_assert_cmpstr (medusa_fake_request_get_path (request), ==, "/auth/customer/emailpass");

  /* Signed in with the login token, not the registration one. */
  g_assert_nonnull (medusa_client_get_token (f->client));
  g_assert_cmpstr (reg_bearer + 7, !=, medusa_client_get_token (f->client));
  g_assert_cmpuint (f->unauthorized, ==, 0);

  /* The same email again: the identity exists. */
  g_clear_object (&result);
  g_clear_object (&customer);
  medusa_client_register_async (f->client, "grace@example.com", "other", NULL, NULL, NULL,
                                NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_register_finish (f->client, result, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_cmpuint (f->unauthorized, ==, 0);
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const MedusaFakeRequest *request;

  customer = sign_in (f, ADA, "wrong", &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_false (medusa_client_has_credential (f->client));
  g_assert_cmpuint (f->unauthorized, ==, 0);
  g_clear_error (&error);

  /* The store compares emails as sent: the client lower-cases. */
  customer = sign_in (f, " ADA@example.com", ADA_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, ADA);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/auth/customer/emailpass");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (medusa_fake_request_get_body_json (request)),
                                                  "email"), ==, ADA);
  g_assert_true (medusa_client_has_credential (f->client));
  g_assert_cmpint (_medusa_jwt_get_expiry (medusa_client_get_token (f->client)), >,
                   g_get_real_time () / G_USEC_PER_SEC + 80000);
}

static void
test_sign_out (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_ada (f);
  medusa_client_sign_out_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_assert_true (medusa_client_sign_out_finish (f->client, result, &error));
  g_assert_no_error (error);
  g_assert_false (medusa_client_has_credential (f->client));
  /* Nothing to revoke on a v2 store: no request at all. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
}

/* --- token refresh ----------------------------------------------------------------- */

static void
test_refresh_before_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;

  /* Plenty of time left: no refresh. */
  sign_in_ada (f);
  customer = retrieve (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/token/refresh"), ==, 0);
  g_clear_object (&customer);

  /* Ten minutes left: renewed before the request. */
  medusa_fake_server_set_v2_token_lifetime (f->fake, 600);
  sign_in_ada (f);
  old = g_strdup (medusa_client_get_token (f->client));
  medusa_fake_server_set_v2_token_lifetime (f->fake, 86400);
  customer = retrieve (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/token/refresh"), ==, 1);
  g_assert_cmpstr (medusa_fake_request_get_path (medusa_fake_server_get_request (f->fake, 0)), ==,
                   "/auth/token/refresh");
  g_assert_cmpstr (medusa_fake_request_get_header (medusa_fake_server_get_request (f->fake, 0), "Authorization") + 7,
                   ==, old);
  g_assert_cmpstr (medusa_client_get_token (f->client), !=, old);
  g_assert_cmpuint (f->unauthorized, ==, 0);
}

static void
test_refresh_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  GAsyncResult *slot1 = NULL, *slot2 = NULL;
  g_autoptr(MedusaCustomer) c1 = NULL;
  g_autoptr(MedusaCustomer) c2 = NULL;
  g_autoptr(GError) error = NULL;

  medusa_fake_server_set_v2_token_lifetime (f->fake, 600);
  sign_in_ada (f);
  medusa_fake_server_set_v2_token_lifetime (f->fake, 86400);

  /* Two calls at once: one refresh, both wait for it. */
  medusa_client_retrieve_customer_async (f->client, NULL, medusa_fake_async_result_cb, &slot1);
  medusa_client_retrieve_customer_async (f->client, NULL, medusa_fake_async_result_cb, &slot2);
  r1 = medusa_fake_wait_result (&slot1);
  r2 = medusa_fake_wait_result (&slot2);
  c1 = medusa_client_retrieve_customer_finish (f->client, r1, &error);
  g_assert_no_error (error);
  c2 = medusa_client_retrieve_customer_finish (f->client, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/token/refresh"), ==, 1);
}

static void
test_refresh_after_401 (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_ada (f);

  /* The store refuses the token once: refreshed, the request sent again. */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 401, NULL,
                                       "{\"message\":\"Unauthorized\"}", 1);
  customer = retrieve (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 2);
  g_assert_cmpuint (f->unauthorized, ==, 0);
  g_clear_object (&customer);
  medusa_fake_server_clear_requests (f->fake);

  /* The store forgot every token: one refresh (refused), one signal. */
  medusa_fake_server_revoke_credentials (f->fake);
  customer = retrieve (f, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);
  g_assert_cmpuint (f->unauthorized, ==, 1);
}

/* --- customer and addresses ------------------------------------------------------------ */

static MedusaCustomer *
update_customer (Fixture *f, MedusaCustomerUpdate *update, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_update_customer_async (f->client, update, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_update_customer_finish (f->client, result, error);
}

static void
test_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaCustomerUpdate) email = medusa_customer_update_new ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const MedusaFakeRequest *request;

  sign_in_ada (f);
  medusa_customer_update_set_first_name (update, "Augusta");
  medusa_customer_update_set_metadata (update, "tea", "earl grey");
  customer = update_customer (f, update, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Augusta");
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"first_name\":\"Augusta\",\"metadata\":{\"tea\":\"earl grey\"}}"));
  g_clear_object (&customer);

  /* No email change on v2: refused here, nothing sent. */
  medusa_fake_server_clear_requests (f->fake);
  medusa_customer_update_set_email (email, "new@example.com");
  customer = update_customer (f, email, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);

  /* What the pages may ask. */
  g_assert_false (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_CHANGE_EMAIL));
  g_assert_false (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_PAYMENT_METHODS));
  g_assert_cmpint (medusa_client_get_store_version (f->client), ==, MEDUSA_STORE_VERSION_V2);
}

static MedusaAddressInput *
address_input (const char *first_name, const char *city)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", first_name);
  medusa_address_input_set (input, "last_name", "Lovelace");
  medusa_address_input_set (input, "address_1", "1 St James's Square");
  medusa_address_input_set (input, "city", city);
  medusa_address_input_set (input, "country_code", "gb");
  medusa_address_input_set (input, "postal_code", "SW1Y 4JH");
  return input;
}

/* The billing address on v2 is the address book's default billing address:
 * choosing a saved one flags it (the store takes the flag off the other), a
 * new one is added to the address book with the flag; saved on its own. */
static void
test_billing_address (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaAddressInput) home = address_input ("Home", "London");
  g_autoptr(MedusaAddressInput) work = address_input ("Work", "Oxford");
  g_autoptr(MedusaAddressInput) office = address_input ("Office", "Bath");
  g_autoptr(MedusaCustomerUpdate) choose = medusa_customer_update_new ();
  g_autoptr(MedusaCustomerUpdate) add = medusa_customer_update_new ();
  g_autoptr(MedusaCustomerUpdate) mixed = medusa_customer_update_new ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaAddress) first = NULL;
  g_autoptr(MedusaAddress) second = NULL;
  g_autofree char *path = NULL;
  GAsyncResult *result = NULL;
  const MedusaFakeRequest *request;

  g_assert_true (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_BILLING_IN_ADDRESS_BOOK));
  g_assert_false (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_BILLING_ADDRESS));
  sign_in_ada (f);
  for (guint i = 0; i < 2; i++)
    {
      medusa_client_add_address_async (f->client, i == 0 ? home : work, NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      g_clear_object (&customer);
      customer = medusa_client_add_address_finish (f->client, result, &error);
      g_clear_object (&result);
      g_assert_no_error (error);
    }
  first = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);
  second = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 1);
  g_assert_null (medusa_customer_get_billing_address_id (customer));

  /* A saved address: its flag, nothing else. */
  for (guint i = 0; i < 2; i++)
    {
      MedusaAddress *chosen = i == 0 ? second : first;   /* the older one last: it keeps the flag alone */

      medusa_fake_server_clear_requests (f->fake);
      medusa_customer_update_set_billing_address_id (choose, medusa_address_get_id (chosen));
      g_clear_object (&customer);
      customer = update_customer (f, choose, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, medusa_address_get_id (chosen));
      g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (customer)), ==,
                       medusa_address_get_city (chosen));
      g_free (path);
      path = g_strconcat ("/store/customers/me/addresses/", medusa_address_get_id (chosen), NULL);
      request = medusa_fake_server_get_last_request (f->fake, "POST", path);
      g_assert_nonnull (request);
      g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                             "{\"is_default_billing\":true}"));
      g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 2);
    }

  /* A new one: added to the address book with the flag. */
  medusa_fake_server_clear_requests (f->fake);
  medusa_customer_update_set_billing_address (add, office);
  g_clear_object (&customer);
  customer = update_customer (f, add, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 3);
  g_assert_cmpstr (medusa_address_get_city (medusa_customer_get_billing_address (customer)), ==, "Bath");
  g_assert_cmpstr (medusa_address_get_first_name (medusa_customer_get_billing_address (customer)), ==, "Office");
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me/addresses");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (medusa_fake_request_get_body_json (request)),
                                                 "is_default_billing"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 1);

  /* With other fields: refused, nothing sent. */
  medusa_fake_server_clear_requests (f->fake);
  medusa_customer_update_set_first_name (mixed, "Augusta");
  medusa_customer_update_set_billing_address_id (mixed, medusa_address_get_id (first));
  g_clear_object (&customer);
  customer = update_customer (f, mixed, &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
}

static void
test_addresses (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaAddressInput) a = address_input ("Home", "London");
  g_autoptr(MedusaAddressInput) b = address_input ("Work", "Oxford");
  g_autoptr(MedusaAddressInput) change = medusa_address_input_new ();
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaAddress) first = NULL;
  g_autoptr(MedusaAddress) second = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  GAsyncResult *result = NULL;
  const MedusaFakeRequest *request;
  JsonObject *body;

  sign_in_ada (f);

  medusa_client_add_address_async (f->client, a, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_clear_object (&customer);
  customer = medusa_client_add_address_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  /* Flat: the fields at the top level. */
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me/addresses");
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_false (json_object_has_member (body, "address"));
  g_assert_cmpstr (json_object_get_string_member (body, "city"), ==, "London");

  medusa_client_add_address_async (f->client, b, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_clear_object (&customer);
  customer = medusa_client_add_address_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  /* The store sends them newest first; the models hold them oldest first. */
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 2);
  first = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);
  second = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 1);
  g_assert_cmpstr (medusa_address_get_city (first), ==, "London");
  g_assert_cmpstr (medusa_address_get_city (second), ==, "Oxford");
  id_a = g_strdup (medusa_address_get_id (first));
  id_b = g_strdup (medusa_address_get_id (second));

  medusa_address_input_set (change, "city", "Marylebone");
  medusa_client_update_address_async (f->client, id_a, change, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_clear_object (&customer);
  customer = medusa_client_update_address_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_clear_object (&first);
  first = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);
  g_assert_cmpstr (medusa_address_get_city (first), ==, "Marylebone");
  g_assert_cmpstr (medusa_address_get_first_name (first), ==, "Home");

  /* Delete: {id: customer id, deleted, parent: customer}. */
  medusa_client_delete_address_async (f->client, id_b, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_clear_object (&customer);
  customer = medusa_client_delete_address_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, ADA);

  /* An unknown id: 404. */
  medusa_client_delete_address_async (f->client, id_b, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  g_clear_object (&customer);
  customer = medusa_client_delete_address_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

static void
test_address_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *street = g_strdup_printf ("%u Main Street", i + 1);

      medusa_fake_server_add_address (f->fake, ADA, "Ada", "Lovelace", street, "London", "gb", "N1");
    }
  sign_in_ada (f);

  customer = retrieve (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 120);
  /* 50 + 50 + 20 */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/addresses"), ==, 3);
  g_assert_cmpstr (medusa_fake_request_get_query (medusa_fake_server_get_last_request (f->fake, "GET",
                                                                                       "/store/customers/me/addresses")),
                   ==, "limit=50&offset=100");
}

/* Members of the wrong JSON type (an object or an array where a string, a
 * number or a boolean belongs): a parse error or a value left out, never a
 * json-glib critical (the tests run with fatal criticals). */
static void
test_hostile_members (Fixture *f, gconstpointer data)
{
  const char *address_pages[] = {
    /* a count that is an object */
    "{\"addresses\": [], \"count\": {\"n\": 1}, \"offset\": 0, \"limit\": 50}",
    /* created_at and id that are not strings, sorted against each other */
    "{\"addresses\": [{\"id\": \"addr_1\", \"created_at\": {}},"
    " {\"id\": [\"x\"], \"created_at\": {}}, {\"id\": \"addr_3\", \"created_at\": []}],"
    " \"count\": 3, \"offset\": 0, \"limit\": 50}",
    /* the default billing address's id that is an object */
    "{\"addresses\": [{\"id\": {\"a\": 1}, \"is_default_billing\": true}],"
    " \"count\": 1, \"offset\": 0, \"limit\": 50}",
  };
  const char *deletes[] = {
    "{\"id\": \"addr_1\", \"object\": \"address\", \"deleted\": {}, \"parent\": {}}",
    "{\"id\": \"addr_1\", \"object\": \"address\", \"deleted\": [true], \"parent\": {}}",
  };
  const char *tokens[] = {
    "{\"token\": {\"value\": \"abc\"}}",
    "{\"token\": [\"abc\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      medusa_fake_server_add_status_fault (f->fake, "POST", "/auth/customer/emailpass", 200, NULL, tokens[i], 1);
      customer = sign_in (f, ADA, ADA_PASSWORD, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
      g_assert_false (medusa_client_has_credential (f->client));
    }

  sign_in_ada (f);
  for (guint i = 0; i < G_N_ELEMENTS (address_pages); i++)
    {
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/addresses", 200, NULL,
                                           address_pages[i], 1);
      customer = retrieve (f, &error);
      /* The addresses are not ones the models load, or the count is no number. */
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
    }

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      medusa_fake_server_add_status_fault (f->fake, "DELETE", "/store/customers/me/addresses/", 200, NULL,
                                           deletes[i], 1);
      medusa_client_delete_address_async (f->client, "addr_1", NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      customer = medusa_client_delete_address_finish (f->client, result, &error);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_null (customer);
    }
}

/* --- the pieces --------------------------------------------------------------------------- */

static void
test_jwt_expiry (void)
{
  /* {"exp":1700000000} */
  g_assert_cmpint (_medusa_jwt_get_expiry ("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln"), ==, 1700000000);
  g_assert_cmpint (_medusa_jwt_get_expiry ("not-a-jwt"), ==, 0);
  g_assert_cmpint (_medusa_jwt_get_expiry ("a.b"), ==, 0);
  g_assert_cmpint (_medusa_jwt_get_expiry ("a..c"), ==, 0);
  g_assert_cmpint (_medusa_jwt_get_expiry ("a.!!!!.c"), ==, 0);
  /* {"exp":"soon"} */
  g_assert_cmpint (_medusa_jwt_get_expiry ("a.eyJleHAiOiJzb29uIn0.c"), ==, 0);
  g_assert_cmpint (_medusa_jwt_get_expiry (NULL), ==, 0);
  g_assert_false (_medusa_token_is_valid ("with space"));
  g_assert_false (_medusa_token_is_valid ("line\r\nbreak"));
  g_assert_true (_medusa_token_is_valid ("abc.def.ghi"));

  g_assert_cmpstr (medusa_store_version_to_string (MEDUSA_STORE_VERSION_V2), ==, "v2");
  g_assert_cmpint (medusa_store_version_from_string ("v1"), ==, MEDUSA_STORE_VERSION_V1);
  g_assert_cmpint (medusa_store_version_from_string ("v3"), ==, MEDUSA_STORE_VERSION_UNKNOWN);
}

static void
test_v1_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaClient) client = medusa_client_new ("https://shop.example.com", &error);

  /* A store never detected speaks v1, with all of v1's capabilities. */
  g_assert_cmpint (medusa_client_get_store_version (client), ==, MEDUSA_STORE_VERSION_V1);
  g_assert_true (medusa_client_has_capability (client, MEDUSA_CAPABILITY_PAYMENT_METHODS |
                                                       MEDUSA_CAPABILITY_CHANGE_EMAIL |
                                                       MEDUSA_CAPABILITY_ORDERS));
  /* Changing the version forgets the credential of the other dialect. */
  medusa_client_set_token (client, "abc.def.ghi");
  medusa_client_set_store_version (client, MEDUSA_STORE_VERSION_V2);
  g_assert_false (medusa_client_has_credential (client));
}

/* The session: the version kept in the store profile picks the dialect. */
static void
test_session_profile (void)
{
  g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
  g_autoptr(MedusaSession) session = medusa_session_new ();
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *url = medusa_fake_server_get_url (fake);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  MedusaClient *client;

  medusa_fake_server_set_v2 (fake, KEY);
  medusa_fake_server_add_customer (fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  g_object_set (session, "auto-sync", FALSE, NULL);

  g_assert_cmpint (medusa_store_profiles_get_version (profiles, url), ==, MEDUSA_STORE_VERSION_UNKNOWN);
  medusa_store_profiles_set_version (profiles, url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (session, url, KEY, "Fake v2", &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, url), ==, MEDUSA_STORE_VERSION_V2);

  client = medusa_session_get_client (session);
  g_assert_cmpint (medusa_client_get_store_version (client), ==, MEDUSA_STORE_VERSION_V2);
  g_assert_false (medusa_client_has_capability (client, MEDUSA_CAPABILITY_PAYMENT_METHODS));

  medusa_session_sign_in_async (session, "Ada@Example.com", ADA_PASSWORD, NULL,
                                medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_sign_in_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fake, "POST", "/auth/customer/emailpass"), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fake, "POST", "/store/auth/token"), ==, 0);

  /* Removing the store forgets its version. */
  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (session);
  g_clear_object (&session);
  medusa_store_profiles_remove (profiles, url);
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, url), ==, MEDUSA_STORE_VERSION_UNKNOWN);
}

static gboolean
session_sign_in (MedusaSession *session, const char *email, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  medusa_session_sign_in_async (session, email, password, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_sign_in_finish (session, result, error);
}

static void
forget_session (MedusaSession **session, const char *url)
{
  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (*session);
  g_clear_object (session);
  medusa_store_profiles_remove (medusa_store_profiles_get_default (), url);
}

/* A version-shaped sign-in error makes the session probe the store again. */
static void
test_session_recheck (void)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  g_autoptr(MedusaFakeServer) v2 = medusa_fake_server_new ();
  g_autoptr(MedusaFakeServer) v1 = medusa_fake_server_new ();
  g_autoptr(MedusaSession) session = NULL;
  g_autoptr(GError) error = NULL;

  medusa_fake_server_set_v2 (v2, KEY);
  medusa_fake_server_add_customer (v2, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  medusa_fake_server_add_customer (v1, ADA, ADA_PASSWORD, "Ada", "Lovelace");

  /* Saved as v1 (or before detection existed), now v2: v1's routes 404. */
  session = medusa_session_new ();
  g_object_set (session, "auto-sync", FALSE, NULL);
  medusa_store_profiles_set_version (profiles, medusa_fake_server_get_url (v2), MEDUSA_STORE_VERSION_V1);
  g_assert_true (medusa_session_set_store (session, medusa_fake_server_get_url (v2), KEY, NULL, &error));
  g_assert_true (session_sign_in (session, ADA, ADA_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, medusa_fake_server_get_url (v2)), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_cmpint (medusa_client_get_store_version (medusa_session_get_client (session)), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/auth/customer/emailpass"), ==, 1);
  forget_session (&session, medusa_fake_server_get_url (v2));

  /* Saved as v2, answering as v1. */
  session = medusa_session_new ();
  g_object_set (session, "auto-sync", FALSE, NULL);
  medusa_store_profiles_set_version (profiles, medusa_fake_server_get_url (v1), MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (session, medusa_fake_server_get_url (v1), NULL, NULL, &error));
  g_assert_true (session_sign_in (session, ADA, ADA_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, medusa_fake_server_get_url (v1)), ==,
                   MEDUSA_STORE_VERSION_V1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v1, "POST", "/store/auth/token"), ==, 1);
  forget_session (&session, medusa_fake_server_get_url (v1));

  /* A v2 store saved without a key: the version is kept, the error says
   * where the key is found; a wrong password is no reason to probe. */
  medusa_fake_server_clear_requests (v2);
  session = medusa_session_new ();
  g_object_set (session, "auto-sync", FALSE, NULL);
  g_assert_true (medusa_session_set_store (session, medusa_fake_server_get_url (v2), NULL, NULL, &error));
  g_assert_false (session_sign_in (session, ADA, ADA_PASSWORD, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Publishable API Keys"));
  g_clear_error (&error);
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, medusa_fake_server_get_url (v2)), ==,
                   MEDUSA_STORE_VERSION_V2);
  g_assert_cmpint (medusa_session_get_state (session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  forget_session (&session, medusa_fake_server_get_url (v2));

  session = medusa_session_new ();
  g_object_set (session, "auto-sync", FALSE, NULL);
  g_assert_true (medusa_session_set_store (session, medusa_fake_server_get_url (v1), NULL, NULL, &error));
  g_assert_false (session_sign_in (session, ADA, "wrong password", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v1, "GET", "/store/regions"), ==, 1);
  forget_session (&session, medusa_fake_server_get_url (v1));
}

/* --- the password reset ------------------------------------------------------------ */

static gboolean
request_token (Fixture *f, const char *email, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_request_password_token_async (f->client, email, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  return medusa_client_request_password_token_finish (f->client, result, error);
}

static void
reset (Fixture *f, const char *email, const char *token, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_client_reset_password_async (f->client, email, token, password, NULL,
                                      medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_reset_password_finish (f->client, result, error);
  /* {"success":true} has no customer. */
  g_assert_null (customer);
}

static void
test_password_reset (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autofree char *old_token = NULL;
  g_autofree char *token = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *expected_auth = NULL;
  const MedusaFakeRequest *request;
  JsonObject *body;

  g_assert_true (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_PASSWORD_RESET));

  /* The request names the identity as "identifier", lower-cased. */
  g_assert_true (request_token (f, "  Ada@Example.com ", &error));
  g_assert_no_error (error);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/auth/customer/emailpass/reset-password");
  g_assert_nonnull (request);
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 201);
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_cmpstr (json_object_get_string_member (body, "identifier"), ==, ADA);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/password-token"), ==, 0);
  old_token = g_strdup (medusa_fake_server_get_reset_token (f->fake, ADA));
  g_assert_nonnull (old_token);

  /* An unknown email is answered the same way (nothing is revealed). */
  g_assert_true (request_token (f, "nobody@example.com", &error));
  g_assert_no_error (error);

  /* Only the newest token counts. */
  g_assert_true (request_token (f, ADA, &error));
  g_assert_no_error (error);
  token = g_strdup (medusa_fake_server_get_reset_token (f->fake, ADA));
  g_assert_cmpstr (token, !=, old_token);
  reset (f, ADA, old_token, "new-secret-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_cmpstr (error->message, ==, "This reset link is invalid or has expired.");
  g_clear_error (&error);

  /* A signed-in client still sends the reset token, not its credential. */
  sign_in_ada (f);
  padded = g_strdup_printf ("  %s\n", token);
  reset (f, "ADA@example.com", padded, "new-secret-1", &error);
  g_assert_no_error (error);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/auth/customer/emailpass/update");
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);
  expected_auth = g_strconcat ("Bearer ", token, NULL);
  g_assert_cmpstr (medusa_fake_request_get_header (request, "Authorization"), ==, expected_auth);
  g_assert_null (medusa_fake_request_get_query (request));
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (body, "password"), ==, "new-secret-1");
  g_assert_null (strstr (medusa_fake_request_get_body (request), token));

  /* Single use: the same token again is the human error, sent once, and
   * the client's own credential is not touched (no "unauthorized"). */
  reset (f, ADA, token, "new-secret-2", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/auth/customer/emailpass/update"), ==, 2);
  g_assert_cmpuint (f->unauthorized, ==, 0);
  g_assert_nonnull (medusa_client_get_token (f->client));

  /* The new password signs in, the old one not. */
  medusa_client_forget_credential (f->client);
  customer = sign_in (f, ADA, ADA_PASSWORD, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  customer = sign_in (f, ADA, "new-secret-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
}

/* What the store would spend the token on is refused before sending. */
static void
test_password_reset_checks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_true (request_token (f, ADA, &error));
  token = g_strdup (medusa_fake_server_get_reset_token (f->fake, ADA));
  medusa_fake_server_clear_requests (f->fake);

  reset (f, ADA, token, "", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* CR/LF would inject a header; an empty token is no token. */
  reset (f, ADA, "abc\r\nX-Evil: 1", "new-secret-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  reset (f, ADA, "   ", "new-secret-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  /* A token sent for another address would reset that account. */
  medusa_fake_server_add_customer (f->fake, "bob@example.com", "bobs-password", "Bob", "Other");
  g_assert_true (request_token (f, "bob@example.com", &error));
  medusa_fake_server_clear_requests (f->fake);
  reset (f, ADA, medusa_fake_server_get_reset_token (f->fake, "bob@example.com"), "new-secret-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_cmpstr (error->message, ==, "This reset link was sent for another email address.");
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);

  /* The token is still good. */
  reset (f, ADA, token, "new-secret-1", &error);
  g_assert_no_error (error);
}

/* The session's reset (the Reset Password page) on a v2 store: the update
 * answers without a customer, then the session signs in. */
static void
test_session_reset (void)
{
  g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
  g_autoptr(MedusaSession) session = medusa_session_new ();
  const char *url = medusa_fake_server_get_url (fake);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  medusa_fake_server_set_v2 (fake, KEY);
  medusa_fake_server_add_customer (fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  g_object_set (session, "auto-sync", FALSE, NULL);
  medusa_store_profiles_set_version (medusa_store_profiles_get_default (), url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (session, url, KEY, "Fake v2", &error));
  g_assert_no_error (error);

  medusa_client_request_password_token_async (medusa_session_get_client (session), ADA, NULL,
                                              medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_client_request_password_token_finish (medusa_session_get_client (session),
                                                              result, &error));
  g_clear_object (&result);
  token = g_strdup (medusa_fake_server_get_reset_token (fake, ADA));
  g_assert_nonnull (token);

  medusa_session_reset_password_async (session, ADA, token, "new-secret-1", NULL,
                                       medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_reset_password_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fake, "POST", "/auth/customer/emailpass"), ==, 1);
  g_clear_object (&result);

  /* A used token: the human error, still signed in (nothing was lost). */
  medusa_session_reset_password_async (session, ADA, token, "new-secret-2", NULL,
                                       medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_session_reset_password_finish (session, result, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);

  forget_session (&session, url);
}

int
main (int argc, char *argv[])
{
  service_test_init (&argc, &argv);

  g_test_add_func ("/dialect-v2/jwt-expiry", test_jwt_expiry);
  g_test_add_func ("/dialect-v2/v1-default", test_v1_default);
  g_test_add_func ("/dialect-v2/detect", test_detect);
  g_test_add_func ("/dialect-v2/session-profile", test_session_profile);
  g_test_add_func ("/dialect-v2/session-recheck", test_session_recheck);
  g_test_add_func ("/dialect-v2/session-reset", test_session_reset);
#define ADD(path, func) g_test_add ("/dialect-v2/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("key-header", test_key_header);
  ADD ("register", test_register);
  ADD ("sign-in", test_sign_in);
  ADD ("sign-out", test_sign_out);
  ADD ("refresh-before-expiry", test_refresh_before_expiry);
  ADD ("refresh-shared", test_refresh_shared);
  ADD ("refresh-after-401", test_refresh_after_401);
  ADD ("customer", test_customer);
  ADD ("addresses", test_addresses);
  ADD ("billing-address", test_billing_address);
  ADD ("address-paging", test_address_paging);
  ADD ("hostile-members", test_hostile_members);
  ADD ("password-reset", test_password_reset);
  ADD ("password-reset-checks", test_password_reset_checks);
#undef ADD

  return g_test_run ();
}
