/* test-account-json-v2.c: the local copy's customer JSON from a v2 store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync fetches the customer with medusa_client_fetch_account_json_if_changed
 * (If-None-Match) and parses it as the models read it. A v2 store names the
 * address book "addresses"; both fetches hand it on as the shipping addresses
 * (without that, the address book emptied itself after every sync on a v2
 * store: found by tests/gui/test-v2-e2e.py).
 */
#include "config.h"

#include <string.h>

#include "medusa-account-json.h"
#include "medusa-auth.h"
#include "medusa-customer.h"
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
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_set_v2 (f->fake, KEY);
  medusa_fake_server_add_customer (f->fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  medusa_fake_server_add_address (f->fake, ADA, "Ada", "Lovelace", "1 St James's Square",
                                  "London", "gb", "SW1Y 4JH");
  medusa_fake_server_add_address (f->fake, ADA, "Ada", "Lovelace", "12 Marylebone Road",
                                  "London", "gb", "NW1 5LR");
  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  medusa_client_set_store_version (f->client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (f->client, KEY);

  medusa_client_sign_in_async (f->client, ADA, ADA_PASSWORD, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_sign_in_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  medusa_fake_server_clear_requests (f->fake);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->fake);
}

/* The customer of an answer, as the sync reads it. */
static MedusaCustomer *
customer_of (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  MedusaCustomer *customer;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "customer"));
  customer = medusa_customer_new_from_json (json_object_get_object_member (root, "customer"), &error);
  g_assert_no_error (error);
  return customer;
}

static void
assert_address_book (MedusaCustomer *customer)
{
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  g_autoptr(MedusaAddress) first = NULL;
  g_autoptr(MedusaAddress) second = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);
  /* oldest first, as the client's own reads of a v2 customer */
  first = g_list_model_get_item (addresses, 0);
  second = g_list_model_get_item (addresses, 1);
  g_assert_cmpstr (medusa_address_get_address_1 (first), ==, "1 St James's Square");
  g_assert_cmpstr (medusa_address_get_address_1 (second), ==, "12 Marylebone Road");
}

static void
test_if_changed_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  gboolean not_modified = TRUE;

  medusa_client_fetch_account_json_if_changed_async (f->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL, NULL,
                                                     NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  bytes = medusa_client_fetch_account_json_if_changed_finish (f->client, result, &not_modified, &etag, &error);
  g_assert_no_error (error);
  g_assert_false (not_modified);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me"), ==, 1);

  customer = customer_of (bytes);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, ADA);
  assert_address_book (customer);
  /* the v2 name is not kept next to the one the models read */
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "\"addresses\""));
}

static void
test_plain_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_fetch_account_json_async (f->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL,
                                          NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  bytes = medusa_client_fetch_account_json_finish (f->client, result, &error);
  g_assert_no_error (error);

  customer = customer_of (bytes);
  assert_address_book (customer);
}

/* A broken answer is a parse error for either fetch, however the customer
 * is reshaped (in a thread): no crash, no half-read customer. */
static void
test_broken_customer (Fixture *f, gconstpointer data)
{
  static const MedusaFakeFault faults[] = {
    MEDUSA_FAKE_FAULT_MALFORMED_JSON, MEDUSA_FAKE_FAULT_CUT_JSON, MEDUSA_FAKE_FAULT_TRUNCATED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    for (guint conditional = 0; conditional < 2; conditional++)
      {
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        gboolean not_modified = TRUE;

        medusa_fake_server_add_fault (f->fake, "GET", "/store/customers/me", faults[i], 1);
        if (conditional)
          {
            medusa_client_fetch_account_json_if_changed_async (f->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL, NULL,
                                                               NULL, medusa_fake_async_result_cb, &f->slot);
            result = medusa_fake_wait_result (&f->slot);
            bytes = medusa_client_fetch_account_json_if_changed_finish (f->client, result, &not_modified,
                                                                        NULL, &error);
            g_assert_false (not_modified);
          }
        else
          {
            medusa_client_fetch_account_json_async (f->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL,
                                                    NULL, medusa_fake_async_result_cb, &f->slot);
            result = medusa_fake_wait_result (&f->slot);
            bytes = medusa_client_fetch_account_json_finish (f->client, result, &error);
          }
        g_assert_null (bytes);
        g_assert_nonnull (error);
        medusa_fake_server_clear_faults (f->fake);
      }
}

/* An unchanged customer (304) is not modified: nothing to reshape. */
static void
test_unchanged_customer (Fixture *f, gconstpointer data)
{
  g_autofree char *etag = NULL;

  medusa_fake_server_set_etag (f->fake, "W/\"ada-1\"");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gboolean not_modified = FALSE;
      char *new_etag = NULL;

      medusa_client_fetch_account_json_if_changed_async (f->client, MEDUSA_ACCOUNT_JSON_CUSTOMER, NULL, etag,
                                                         NULL, medusa_fake_async_result_cb, &f->slot);
      result = medusa_fake_wait_result (&f->slot);
      bytes = medusa_client_fetch_account_json_if_changed_finish (f->client, result, &not_modified,
                                                                  &new_etag, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (new_etag, ==, "W/\"ada-1\"");
      g_free (etag);
      etag = new_etag;
      if (i == 0)
        {
          g_autoptr(MedusaCustomer) customer = customer_of (bytes);

          g_assert_false (not_modified);
          assert_address_book (customer);
        }
      else
        {
          g_assert_true (not_modified);
          g_assert_null (bytes);
        }
    }
}

int
main (int argc, char **argv)
{
  service_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/account-json-v2/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("if-changed-customer", test_if_changed_customer);
  ADD ("plain-customer", test_plain_customer);
  ADD ("broken-customer", test_broken_customer);
  ADD ("unchanged-customer", test_unchanged_customer);
#undef ADD

  return g_test_run ();
}
