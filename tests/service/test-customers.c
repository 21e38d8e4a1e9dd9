/* test-customers.c: register, me, update, password reset, payment methods
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-payment-method.h"
#include "service-fixture.h"

typedef ServiceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (f, NULL);
  medusa_fake_server_add_customer (f->fake, OTHER_EMAIL, OTHER_PASSWORD, "Other", "Person");

  /* GINT_TO_POINTER (1): start signed in as the demo customer */
  if (GPOINTER_TO_INT (data) == 1)
    service_fixture_sign_in_as (f, DEMO_EMAIL);
}

static MedusaCustomer *
register_customer (Fixture     *f,
                   const char  *email,
                   const char  *password,
                   const char  *phone,
                   GError     **error)
{
  medusa_client_register_async (f->client, email, password, "Grace", "Hopper", phone,
                                NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_register_finish (f->client, service_fixture_wait (f), error);
}

static gboolean
request_password_token (Fixture     *f,
                        const char  *email,
                        GError     **error)
{
  medusa_client_request_password_token_async (f->client, email, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_request_password_token_finish (f->client, service_fixture_wait (f), error);
}

static MedusaCustomer *
reset_password (Fixture     *f,
                const char  *email,
                const char  *token,
                const char  *password,
                GError     **error)
{
  medusa_client_reset_password_async (f->client, email, token, password,
                                      NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_reset_password_finish (f->client, service_fixture_wait (f), error);
}

static GListModel *
list_payment_methods (Fixture  *f,
                      GError  **error)
{
  medusa_client_list_payment_methods_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_list_payment_methods_finish (f->client, service_fixture_wait (f), error);
}

/* ------------------------------------------------------------------ */
/* register */

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  const MedusaFakeRequest *request;

  customer = register_customer (f, " Grace@Example.COM ", "longpassword", "+4930555", &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "grace@example.com");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Grace");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Hopper");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+4930555");
  g_assert_true (medusa_customer_get_has_account (customer));

  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers"), ==, 1);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"email\":\"grace@example.com\",\"password\":\"longpassword\","
                                         "\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"phone\":\"+4930555\"}"));
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  g_assert_null (medusa_fake_request_get_header (request, "Cookie"));

  /* then a token with the same credentials: signed in */
  request = service_assert_last_request (f, "POST", "/store/auth/token");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"email\":\"grace@example.com\",\"password\":\"longpassword\"}"));
  g_assert_true (medusa_client_has_credential (f->client));
  g_assert_nonnull (medusa_client_get_token (f->client));
  g_assert_true (medusa_fake_server_check_password (f->fake, "grace@example.com", "longpassword"));

  me = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (me), ==, "grace@example.com");
}

static void
test_register_no_phone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;
  JsonObject *body;

  customer = register_customer (f, "nophone@example.com", "longpassword", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (medusa_customer_get_phone (customer));
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers");
  body = json_node_get_object (medusa_fake_request_get_body_json (request));
  g_assert_false (json_object_has_member (body, "phone"));
  g_assert_cmpstr (json_object_get_string_member (body, "email"), ==, "nophone@example.com");
}

static void
test_register_duplicate (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  customer = register_customer (f, "DEMO@example.com", "longpassword", NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "already has an account"));
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (f->client));
  /* not signed in with somebody else's account */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/auth/token"), ==, 0);
}

static void
test_register_invalid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  customer = register_customer (f, "not-an-email", "longpassword", NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "email must be an email"));
  g_assert_null (customer);
}

static void
test_register_not_retried (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* creating an account is not idempotent */
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/customers", 503, NULL, NULL, 1);
  customer = register_customer (f, "new@example.com", "longpassword", NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers"), ==, 1);
}

/* ------------------------------------------------------------------ */
/* me */

static void
test_retrieve (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;
  MedusaAddress *address;

  medusa_fake_server_add_address (f->fake, DEMO_EMAIL, "Demo", "Customer", "Teststrasse 12",
                                  "Berlin", "de", "10115");
  customer = service_retrieve_customer (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Demo");
  g_assert_null (medusa_customer_get_billing_address (customer));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);
  address = g_list_model_get_item (medusa_customer_get_shipping_addresses (customer), 0);
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Berlin");
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "Teststrasse 12");
  g_assert_cmpstr (medusa_address_get_country_code (address), ==, "de");
  g_object_unref (address);

  request = service_assert_bearer_request (f, "GET", "/store/customers/me");
  g_assert_cmpstr (medusa_fake_request_get_body (request), ==, "");
}

static void
test_retrieve_unauthorized (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* no credential at all */
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
  g_clear_error (&error);

  /* a token the server no longer accepts */
  medusa_client_set_token (f->client, "eyJhbGciOiJIUzI1NiJ9.e30.bogus");
  customer = service_retrieve_customer (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  /* a 401 is not repeated */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 2);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;
  JsonObject *metadata;

  medusa_customer_update_set_first_name (update, "Ada");
  medusa_customer_update_set_phone (update, "+49 30 1234");
  medusa_customer_update_set_metadata (update, "newsletter", "yes");
  customer = service_update_customer (f, update, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Customer");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+49 30 1234");
  metadata = medusa_customer_get_metadata (customer);
  g_assert_nonnull (metadata);
  g_assert_cmpstr (json_object_get_string_member_with_default (metadata, "newsletter", NULL), ==, "yes");

  request = service_assert_bearer_request (f, "POST", "/store/customers/me");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"first_name\":\"Ada\",\"phone\":\"+49 30 1234\","
                                         "\"metadata\":{\"newsletter\":\"yes\"}}"));

  /* clearing a field sends null */
  g_clear_pointer (&update, medusa_customer_update_free);
  g_clear_object (&customer);
  update = medusa_customer_update_new ();
  medusa_customer_update_set_phone (update, NULL);
  customer = service_update_customer (f, update, &error);
  g_assert_no_error (error);
  g_assert_null (medusa_customer_get_phone (customer));
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request), "{\"phone\":null}"));
}

static void
test_update_email (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;

  /* lower-cased by the client: the server would store it unchanged */
  medusa_customer_update_set_email (update, " New.Address@Example.com ");
  customer = service_update_customer (f, update, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "new.address@example.com");
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/me");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"email\":\"new.address@example.com\"}"));
  g_assert_true (medusa_fake_server_check_password (f->fake, "new.address@example.com", DEMO_PASSWORD));
}

static void
test_update_duplicate_email (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_customer_update_set_email (update, OTHER_EMAIL);
  customer = service_update_customer (f, update, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_null (customer);
}

static void
test_update_billing_address (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  MedusaAddress *billing;

  medusa_address_input_set (address, "first_name", "Demo");
  medusa_address_input_set (address, "last_name", "Customer");
  medusa_address_input_set (address, "address_1", "Billing Road 5");
  medusa_address_input_set (address, "city", "Hamburg");
  medusa_address_input_set (address, "country_code", "DE");
  medusa_address_input_set (address, "postal_code", "20095");
  medusa_customer_update_set_billing_address (update, address);

  customer = service_update_customer (f, update, &error);
  g_assert_no_error (error);
  billing = medusa_customer_get_billing_address (customer);
  g_assert_nonnull (billing);
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Hamburg");
  g_assert_cmpstr (medusa_address_get_country_code (billing), ==, "de");
  g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, medusa_address_get_id (billing));

  /* an unknown country is a 404 from the server */
  g_clear_object (&customer);
  medusa_address_input_set (address, "country_code", "zz");
  medusa_customer_update_set_billing_address (update, address);
  customer = service_update_customer (f, update, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "zz"));
}

static void
test_update_unauthorized (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_revoke_credentials (f->fake);
  medusa_customer_update_set_first_name (update, "Nobody");
  customer = service_update_customer (f, update, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

/* ------------------------------------------------------------------ */
/* password reset */

static void
test_password_token (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const MedusaFakeRequest *request;

  g_assert_true (request_password_token (f, " Demo@Example.com", &error));
  g_assert_no_error (error);
  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/password-token");
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 204);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"email\":\"demo@example.com\"}"));
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  g_assert_nonnull (medusa_fake_server_get_reset_token (f->fake, DEMO_EMAIL));

  /* an unknown address gets the same 204: nothing reveals who has an account */
  g_assert_true (request_password_token (f, "unknown@example.com", &error));
  g_assert_no_error (error);
  g_assert_null (medusa_fake_server_get_reset_token (f->fake, "unknown@example.com"));

  g_assert_false (request_password_token (f, "bad", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
}

static void
test_reset_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expected = NULL;
  const MedusaFakeRequest *request;

  g_assert_true (request_password_token (f, DEMO_EMAIL, &error));
  token = g_strdup (medusa_fake_server_get_reset_token (f->fake, DEMO_EMAIL));
  g_assert_nonnull (token);

  customer = reset_password (f, "Demo@example.com ", token, "brand-new-password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, DEMO_EMAIL);
  g_assert_true (medusa_fake_server_check_password (f->fake, DEMO_EMAIL, "brand-new-password"));

  request = medusa_fake_server_get_last_request (f->fake, "POST", "/store/customers/password-reset");
  expected = g_strdup_printf ("{\"email\":\"demo@example.com\",\"token\":\"%s\",\"password\":\"brand-new-password\"}",
                              token);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request), expected));
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
  /* reset does not sign in */
  g_assert_false (medusa_client_has_credential (f->client));

  /* the token works once: the server answers 500 unknown_error */
  g_clear_object (&customer);
  customer = reset_password (f, DEMO_EMAIL, token, "another-password", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (customer);
  g_assert_true (medusa_fake_server_check_password (f->fake, DEMO_EMAIL, "brand-new-password"));
  g_assert_cmpuint (medusa_fake_request_get_status (medusa_fake_server_get_last_request (f->fake, "POST",
                                                                                          "/store/customers/password-reset")),
                    ==, 500);
}

static void
test_reset_password_invalid (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* a made-up token: 500 unknown_error */
  customer = reset_password (f, DEMO_EMAIL, "not-a-token", "brand-new-password", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (customer);
  g_clear_error (&error);

  /* an unknown email: 401 with a JSON body */
  customer = reset_password (f, "unknown@example.com", "not-a-token", "brand-new-password", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_cmpuint (medusa_fake_request_get_status (medusa_fake_server_get_last_request (f->fake, "POST",
                                                                                          "/store/customers/password-reset")),
                    ==, 401);
  g_assert_true (medusa_fake_server_check_password (f->fake, DEMO_EMAIL, DEMO_PASSWORD));
  /* a failed reset is not retried */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/password-reset"), ==, 2);
}

/* ------------------------------------------------------------------ */
/* payment methods */

static void
test_payment_methods (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) methods = NULL;

  methods = list_payment_methods (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (methods);
  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 0);
  g_assert_true (g_list_model_get_item_type (methods) == MEDUSA_TYPE_PAYMENT_METHOD);
  service_assert_bearer_request (f, "GET", "/store/customers/me/payment-methods");
  g_clear_object (&methods);

  /* a provider that saves cards */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me/payment-methods", 200, NULL,
                                       "{\"payment_methods\":[{\"provider_id\":\"stripe\",\"data\":{\"card\":{\"last4\":\"4242\"}}}]}",
                                       1);
  methods = list_payment_methods (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 1);
  {
    g_autoptr(MedusaPaymentMethod) method = g_list_model_get_item (methods, 0);

    g_assert_cmpstr (medusa_payment_method_get_provider_id (method), ==, "stripe");
  }
  g_clear_object (&methods);

  medusa_fake_server_revoke_credentials (f->fake);
  methods = list_payment_methods (f, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (methods);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, signed_in, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (signed_in), fixture_set_up, func, service_fixture_tear_down)
  ADD ("/customers/register/success", 0, test_register);
  ADD ("/customers/register/no-phone", 0, test_register_no_phone);
  ADD ("/customers/register/duplicate", 0, test_register_duplicate);
  ADD ("/customers/register/invalid", 0, test_register_invalid);
  ADD ("/customers/register/not-retried", 0, test_register_not_retried);
  ADD ("/customers/me/retrieve", 1, test_retrieve);
  ADD ("/customers/me/unauthorized", 0, test_retrieve_unauthorized);
  ADD ("/customers/me/update", 1, test_update);
  ADD ("/customers/me/update-email", 1, test_update_email);
  ADD ("/customers/me/update-duplicate-email", 1, test_update_duplicate_email);
  ADD ("/customers/me/update-billing-address", 1, test_update_billing_address);
  ADD ("/customers/me/update-unauthorized", 1, test_update_unauthorized);
  ADD ("/customers/password/token", 0, test_password_token);
  ADD ("/customers/password/reset", 0, test_reset_password);
  ADD ("/customers/password/reset-invalid", 0, test_reset_password_invalid);
  ADD ("/customers/payment-methods", 1, test_payment_methods);
#undef ADD

  return g_test_run ();
}
