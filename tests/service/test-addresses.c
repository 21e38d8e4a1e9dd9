/* test-addresses.c: add, update and delete shipping addresses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-addresses.h"
#include "medusa-client.h"
#include "medusa-error.h"
#include "service-fixture.h"

typedef struct
{
  ServiceFixture  svc;
  char           *address_id;  /* (owned) the demo customer's saved address */
  char           *other_id;    /* (owned) somebody else's address */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (&f->svc, NULL);
  medusa_fake_server_add_customer (f->svc.fake, OTHER_EMAIL, OTHER_PASSWORD, "Other", "Person");
  f->address_id = g_strdup (medusa_fake_server_add_address (f->svc.fake, DEMO_EMAIL, "Demo", "Customer",
                                                            "Teststrasse 12", "Berlin", "de", "10115"));
  f->other_id = g_strdup (medusa_fake_server_add_address (f->svc.fake, OTHER_EMAIL, "Other", "Person",
                                                          "Elsewhere 1", "Paris", "fr", "75001"));
  service_fixture_sign_in_as (&f->svc, DEMO_EMAIL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  service_fixture_tear_down (&f->svc, data);
  g_clear_pointer (&f->address_id, g_free);
  g_clear_pointer (&f->other_id, g_free);
}

static MedusaAddressInput *
full_address (void)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", " Ada ");
  medusa_address_input_set (input, "last_name", "Lovelace");
  medusa_address_input_set (input, "company", "Analytical Engines Ltd");
  medusa_address_input_set (input, "address_1", "Main Street 1");
  medusa_address_input_set (input, "city", "København");
  medusa_address_input_set (input, "country_code", "DK");
  medusa_address_input_set (input, "postal_code", "1050");
  return input;
}

static MedusaCustomer *
update_address (Fixture                  *f,
                const char               *id,
                const MedusaAddressInput *input,
                GError                  **error)
{
  medusa_client_update_address_async (f->svc.client, id, input, NULL, medusa_fake_async_result_cb, &f->svc.slot);
  return medusa_client_update_address_finish (f->svc.client, service_fixture_wait (&f->svc), error);
}

static MedusaCustomer *
delete_address (Fixture     *f,
                const char  *id,
                GError     **error)
{
  medusa_client_delete_address_async (f->svc.client, id, NULL, medusa_fake_async_result_cb, &f->svc.slot);
  return medusa_client_delete_address_finish (f->svc.client, service_fixture_wait (&f->svc), error);
}

static MedusaAddress *
nth_address (MedusaCustomer *customer,
             guint           n)
{
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, n);

  return address;  /* the customer keeps it alive */
}

/* ------------------------------------------------------------------ */

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = full_address ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  const MedusaFakeRequest *request;
  MedusaAddress *added;

  customer = service_add_address (&f->svc, input, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 2);
  added = nth_address (customer, 1);
  g_assert_true (g_str_has_prefix (medusa_address_get_id (added), "addr_"));
  g_assert_cmpstr (medusa_address_get_first_name (added), ==, "Ada");
  g_assert_cmpstr (medusa_address_get_company (added), ==, "Analytical Engines Ltd");
  g_assert_cmpstr (medusa_address_get_city (added), ==, "København");
  g_assert_cmpstr (medusa_address_get_country_code (added), ==, "dk");
  g_assert_null (medusa_address_get_address_2 (added));
  g_assert_cmpstr (medusa_address_get_customer_id (added), ==, medusa_customer_get_id (customer));

  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->svc.fake, "POST", "/store/customers/me/addresses"), ==, 1);
  request = service_assert_bearer_request (&f->svc, "POST", "/store/customers/me/addresses");
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"address\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                                         "\"company\":\"Analytical Engines Ltd\",\"address_1\":\"Main Street 1\","
                                         "\"city\":\"København\",\"country_code\":\"dk\",\"postal_code\":\"1050\"}}"));
  g_assert_nonnull (strstr (medusa_fake_request_get_header (request, "Content-Type"), "application/json"));
}

static void
test_add_missing_required (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(JsonObject) stored = NULL;

  medusa_address_input_set (input, "first_name", "Ada");
  medusa_address_input_set (input, "city", "Berlin");
  customer = service_add_address (&f->svc, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (customer);

  stored = medusa_fake_server_dup_customer_json (f->svc.fake, DEMO_EMAIL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "shipping_addresses")), ==, 1);
}

static void
test_add_unknown_country (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = full_address ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_address_input_set (input, "country_code", "zz");
  customer = service_add_address (&f->svc, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Country with country_code zz does not exist."));
  g_assert_null (customer);
}

static void
test_add_unauthorized (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = full_address ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_revoke_credentials (f->svc.fake);
  customer = service_add_address (&f->svc, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
}

static void
test_add_not_retried (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = full_address ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(JsonObject) stored = NULL;

  /* the connection drops after the server may have saved it: not sent twice */
  medusa_fake_server_add_fault (f->svc.fake, "POST", "/store/customers/me/addresses", MEDUSA_FAKE_FAULT_DISCONNECT, 1);
  customer = service_add_address (&f->svc, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->svc.fake, "POST", "/store/customers/me/addresses"), ==, 1);
  stored = medusa_fake_server_dup_customer_json (f->svc.fake, DEMO_EMAIL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "shipping_addresses")), ==, 1);
}

static void
test_add_redirect (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = full_address ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_fake_server_add_fault (f->svc.fake, "POST", "/store/customers/me/addresses", MEDUSA_FAKE_FAULT_REDIRECT_307, 1);
  customer = service_add_address (&f->svc, input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 2);
  g_assert_cmpstr (medusa_fake_request_get_body (medusa_fake_server_get_request (f->svc.fake, 0)), ==,
                   medusa_fake_request_get_body (medusa_fake_server_get_request (f->svc.fake, 1)));
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autofree char *path = g_strdup_printf ("/store/customers/me/addresses/%s", f->address_id);
  const MedusaFakeRequest *request;
  MedusaAddress *address;

  medusa_address_input_set (input, "city", "Hamburg");
  medusa_address_input_set (input, "postal_code", "20095");
  medusa_address_input_set (input, "phone", "");
  customer = update_address (f, f->address_id, input, &error);
  g_assert_no_error (error);
  address = medusa_customer_find_address (customer, f->address_id);
  g_assert_nonnull (address);
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Hamburg");
  g_assert_cmpstr (medusa_address_get_postal_code (address), ==, "20095");
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "Teststrasse 12");
  g_assert_null (medusa_address_get_phone (address));

  /* only the set fields, at the top level; "" clears with null */
  request = service_assert_bearer_request (&f->svc, "POST", path);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"city\":\"Hamburg\",\"postal_code\":\"20095\",\"phone\":null}"));
}

static void
test_update_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_address_input_set (input, "city", "Hamburg");

  customer = update_address (f, "addr_does_not_exist", input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Could not find address for customer"));
  g_clear_error (&error);

  /* somebody else's address is just as unknown */
  customer = update_address (f, f->other_id, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (customer);
}

static void
test_update_unknown_country (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_address_input_set (input, "country_code", "ZZ");
  customer = update_address (f, f->address_id, input, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (customer);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autofree char *path = g_strdup_printf ("/store/customers/me/addresses/%s", f->address_id);
  const MedusaFakeRequest *request;

  customer = delete_address (f, f->address_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 0);
  g_assert_null (medusa_customer_find_address (customer, f->address_id));

  request = service_assert_bearer_request (&f->svc, "DELETE", path);
  g_assert_cmpstr (medusa_fake_request_get_body (request), ==, "");
}

static void
test_delete_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  /* the real server answers 200 and changes nothing */
  customer = delete_address (f, "addr_does_not_exist", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 1);
  g_assert_nonnull (medusa_customer_find_address (customer, f->address_id));
}

static void
test_delete_retried (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autofree char *path = g_strdup_printf ("/store/customers/me/addresses/%s", f->address_id);

  /* DELETE is idempotent: a 503 is tried again */
  medusa_fake_server_add_status_fault (f->svc.fake, "DELETE", "/store/customers/me/addresses/", 503, NULL, NULL, 1);
  customer = delete_address (f, f->address_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->svc.fake, "DELETE", path), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 0);
}

static void
test_delete_unauthorized (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  medusa_client_forget_credential (f->svc.client);
  customer = delete_address (f, f->address_id, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/addresses/add/success", test_add);
  ADD ("/addresses/add/missing-required", test_add_missing_required);
  ADD ("/addresses/add/unknown-country", test_add_unknown_country);
  ADD ("/addresses/add/unauthorized", test_add_unauthorized);
  ADD ("/addresses/add/not-retried", test_add_not_retried);
  ADD ("/addresses/add/redirect", test_add_redirect);
  ADD ("/addresses/update/success", test_update);
  ADD ("/addresses/update/unknown", test_update_unknown);
  ADD ("/addresses/update/unknown-country", test_update_unknown_country);
  ADD ("/addresses/delete/success", test_delete);
  ADD ("/addresses/delete/unknown", test_delete_unknown);
  ADD ("/addresses/delete/retried", test_delete_retried);
  ADD ("/addresses/delete/unauthorized", test_delete_unauthorized);
#undef ADD

  return g_test_run ();
}
