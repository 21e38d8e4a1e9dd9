/* test-integration.c: the client against a real Medusa v1 (1.20.11) backend
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scenario, step by step, each step a test case that builds on the ones
 * before (GLib runs them in the order they are added): a fresh customer
 * registers, edits the profile and the address book, fails to sign in and to
 * register twice, resets the password, gets six real orders placed (by
 * seed-orders.sh, through the store cart flow and the admin API), lists them
 * with every filter the API has, opens one, and signs out.
 *
 * Environment:
 *   MEDUSA_URL               base URL of the backend; without it every case skips
 *   MEDUSA_REQUIRE_BACKEND=1 turns that skip into a failure (tools/test-all.sh)
 *   MEDUSA_RESET_TOKEN_DIR   where the backend's test subscriber writes reset tokens
 *   MEDUSA_ADMIN_EMAIL, MEDUSA_ADMIN_PASSWORD   admin account for seed-orders.sh
 *   MEDUSA_SEED_ORDERS       path of seed-orders.sh (set by meson)
 */

#include "config.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "medusa-account-store.h"
#include "medusa-addresses.h"
#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-order-list.h"
#include "medusa-order-page.h"
#include "medusa-order-query.h"
#include "medusa-order.h"
#include "medusa-orders.h"
#include "medusa-regions.h"
#include "medusa-payloads.h"
#include "medusa-payment-method.h"
#include "medusa-region.h"
#include "medusa-sync.h"

#define WAIT_TIMEOUT_S     60
#define RESET_TOKEN_WAIT_S 15
#define N_SEEDED_ORDERS    6

typedef struct
{
  /* from the environment */
  char *url;
  char *reset_dir;
  char *admin_email;
  char *admin_password;
  char *seed_script;
  gboolean require_backend;

  /* the scenario so far */
  MedusaClient *client;       /* (owned) signed in as the customer */
  char *email;
  char *stamp;                /* unique part of the email, used as a search term */
  char *password;
  char *new_password;
  char *customer_id;
  char *old_token;            /* the bearer token from before the reset */
  char *reset_token;
  char *address_a_id;         /* kept */
  char *address_b_id;         /* deleted */

  /* seeded orders, index k-1 for the k-th order of seed-orders.sh */
  char *order_ids[N_SEEDED_ORDERS];
  gint64 display_ids[N_SEEDED_ORDERS];
  GDateTime *created_at[N_SEEDED_ORDERS];
  char *region_id;
} Scenario;

static Scenario S;

/* Orders of seed-orders.sh by k (1-based): k%5 == 1 untouched, 2 captured,
 * 3 fulfilled, 4 shipped + completed, 0 canceled. */
#define BIT(k) (1u << ((k) - 1))
#define ALL_ORDERS (BIT (1) | BIT (2) | BIT (3) | BIT (4) | BIT (5) | BIT (6))

/* --- helpers ------------------------------------------------------------------ */

static gboolean
backend_available (void)
{
  if (S.url != NULL)
    return TRUE;

  if (S.require_backend)
    g_test_fail_printf ("MEDUSA_URL is not set, but MEDUSA_REQUIRE_BACKEND=1");
  else
    g_test_skip ("MEDUSA_URL is not set: no backend to test against");

  return FALSE;
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
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
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
  g_assert_nonnull (*slot);

  return *slot;
}

static MedusaClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  MedusaClient *client = medusa_client_new (S.url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  /* A failure must show up as a failure, quickly, not be retried for long. */
  medusa_client_set_timeout (client, 30);

  return client;
}

/* Synchronous wrappers: each runs the _async call and waits for its result. */

static MedusaCustomer *
sign_in (MedusaClient  *client,
         const char    *email,
         const char    *password,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_sign_in_async (client, email, password, NULL, store_result_cb, &result);
  return medusa_client_sign_in_finish (client, wait_result (&result), error);
}

static MedusaCustomer *
register_customer (MedusaClient  *client,
                   const char    *email,
                   const char    *password,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_register_async (client, email, password, "Ada", "Lovelace", "+4930111222",
                                NULL, store_result_cb, &result);
  return medusa_client_register_finish (client, wait_result (&result), error);
}

static MedusaCustomer *
retrieve_customer (MedusaClient  *client,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_retrieve_customer_async (client, NULL, store_result_cb, &result);
  return medusa_client_retrieve_customer_finish (client, wait_result (&result), error);
}

static MedusaCustomer *
update_customer (MedusaClient               *client,
                 const MedusaCustomerUpdate *update,
                 GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_update_customer_async (client, update, NULL, store_result_cb, &result);
  return medusa_client_update_customer_finish (client, wait_result (&result), error);
}

static MedusaCustomer *
add_address (MedusaClient             *client,
             const MedusaAddressInput *input,
             GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_add_address_async (client, input, NULL, store_result_cb, &result);
  return medusa_client_add_address_finish (client, wait_result (&result), error);
}

static MedusaOrderPage *
list_orders (const MedusaOrderQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *qs = medusa_order_query_to_string (query);
  MedusaOrderPage *page;

  medusa_client_list_orders_async (S.client, query, NULL, store_result_cb, &result);
  page = medusa_client_list_orders_finish (S.client, wait_result (&result), &error);
  if (error != NULL)
    g_test_message ("GET /store/customers/me/orders?%s failed", qs);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

static MedusaAddressInput *
new_address_input (const char *address_1,
                   const char *city,
                   const char *country_code)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", "Ada");
  medusa_address_input_set (input, "last_name", "Lovelace");
  medusa_address_input_set (input, "address_1", address_1);
  medusa_address_input_set (input, "city", city);
  medusa_address_input_set (input, "country_code", country_code);
  medusa_address_input_set (input, "postal_code", "10115");
  medusa_address_input_set (input, "phone", "+4930111222");

  return input;
}

static MedusaAddress *
find_address_by_line (GListModel *addresses,
                      const char *address_1)
{
  guint n = g_list_model_get_n_items (addresses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);

      if (g_strcmp0 (medusa_address_get_address_1 (address), address_1) == 0)
        return address;   /* still referenced by @addresses */
    }

  return NULL;
}

/* The metadata member @key as a string, or NULL when absent. */
static const char *
metadata_string (JsonObject *metadata,
                 const char *key)
{
  JsonNode *node;

  if (metadata == NULL || !json_object_has_member (metadata, key))
    return NULL;
  node = json_object_get_member (metadata, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The set of seeded orders (bit k-1 for order k) found in @orders; fails on
 * an order that is not one of ours. */
static guint
order_bits (GListModel *orders)
{
  guint n = g_list_model_get_n_items (orders);
  guint bits = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      const char *id = medusa_order_get_id (order);
      int found = -1;

      for (int k = 0; k < N_SEEDED_ORDERS; k++)
        if (g_strcmp0 (S.order_ids[k], id) == 0)
          found = k;

      if (found < 0)
        g_test_message ("order %s is not one of the seeded orders", id);
      g_assert_cmpint (found, >=, 0);
      g_assert_cmpuint (bits & (1u << found), ==, 0);   /* no duplicates */
      bits |= 1u << found;
    }

  return bits;
}

/* The order list's reader (summaries, no json-glib tree) on the same query:
 * the same orders as the full page in every field a summary keeps. */
static void
assert_summaries_match (const MedusaOrderQuery *query,
                        MedusaOrderPage        *full)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  GListModel *a, *b;

  medusa_client_list_order_summaries_async (S.client, query, NULL, store_result_cb, &result);
  page = medusa_client_list_order_summaries_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  a = medusa_order_page_get_orders (page);
  b = medusa_order_page_get_orders (full);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, medusa_order_page_get_count (full));
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(MedusaOrder) x = g_list_model_get_item (a, i);
      g_autoptr(MedusaOrder) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (medusa_order_get_id (x), ==, medusa_order_get_id (y));
      g_assert_cmpint (medusa_order_get_display_id (x), ==, medusa_order_get_display_id (y));
      g_assert_cmpstr (medusa_order_get_currency_code (x), ==, medusa_order_get_currency_code (y));
      g_assert_cmpint (medusa_order_get_total (x), ==, medusa_order_get_total (y));
      g_assert_cmpint (medusa_order_get_paid_total (x), ==, medusa_order_get_paid_total (y));
      g_assert_cmpint (medusa_order_get_status (x), ==, medusa_order_get_status (y));
      g_assert_cmpint (medusa_order_get_fulfillment_status (x), ==, medusa_order_get_fulfillment_status (y));
      g_assert_cmpint (medusa_order_get_payment_status (x), ==, medusa_order_get_payment_status (y));
      g_assert_cmpint (medusa_order_get_n_items (x), ==, medusa_order_get_n_items (y));
      g_assert_true (g_date_time_equal (medusa_order_get_created_at (x), medusa_order_get_created_at (y)));
      g_assert_null (medusa_order_get_email (x));
    }
}

/* Lists with @query (limit 0 = all) and checks the exact set and the count. */
static void
assert_query_matches (MedusaOrderQuery *query,
                      guint             expected_bits)
{
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *qs = NULL;
  guint expected_n = 0;
  guint bits;

  if (medusa_order_query_get_limit (query) < 0)
    medusa_order_query_set_limit (query, 0);
  qs = medusa_order_query_to_string (query);
  page = list_orders (query);

  for (int k = 0; k < N_SEEDED_ORDERS; k++)
    if (expected_bits & (1u << k))
      expected_n++;

  bits = order_bits (medusa_order_page_get_orders (page));
  g_test_message ("?%s -> %u order(s), count %" G_GINT64_FORMAT " (bits 0x%x, want 0x%x)",
                  qs, g_list_model_get_n_items (medusa_order_page_get_orders (page)),
                  medusa_order_page_get_count (page), bits, expected_bits);
  g_assert_cmpuint (bits, ==, expected_bits);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, expected_n);
  assert_summaries_match (query, page);
}

/* --- the scenario --------------------------------------------------------------- */

static void
test_register (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  S.client = new_client ();
  g_assert_false (medusa_client_has_credential (S.client));

  customer = register_customer (S.client, S.email, S.password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_true (g_str_has_prefix (medusa_customer_get_id (customer), "cus_"));
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, S.email);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Lovelace");
  g_assert_true (medusa_customer_get_has_account (customer));

  /* register signs in: a bearer token is kept in the client */
  g_assert_true (medusa_client_has_credential (S.client));
  g_assert_nonnull (medusa_client_get_token (S.client));
  g_assert_cmpuint (strlen (medusa_client_get_token (S.client)), >, 20);

  S.customer_id = g_strdup (medusa_customer_get_id (customer));
}

static void
test_retrieve_me (void)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  customer = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, S.email);
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+4930111222");
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_null (medusa_customer_get_billing_address (customer));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 0);
}

static void
test_update_profile (void)
{
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  g_autoptr(MedusaCustomerUpdate) delete_key = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) after_delete = NULL;
  g_autoptr(MedusaCustomer) fetched = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  update = medusa_customer_update_new ();
  medusa_customer_update_set_first_name (update, "Grace");
  medusa_customer_update_set_last_name (update, "Hopper");
  medusa_customer_update_set_phone (update, "+4930999888");
  medusa_customer_update_set_metadata (update, "tier", "gold");
  medusa_customer_update_set_metadata (update, "newsletter", "yes");
  customer = update_customer (S.client, update, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Grace");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Hopper");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+4930999888");
  g_assert_cmpstr (metadata_string (medusa_customer_get_metadata (customer), "tier"), ==, "gold");
  g_assert_cmpstr (metadata_string (medusa_customer_get_metadata (customer), "newsletter"), ==, "yes");
  /* unchanged fields stay */
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, S.email);

  /* "" deletes a metadata key; the others are merged, not replaced */
  delete_key = medusa_customer_update_new ();
  medusa_customer_update_set_metadata (delete_key, "tier", "");
  after_delete = update_customer (S.client, delete_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after_delete);
  g_assert_null (metadata_string (medusa_customer_get_metadata (after_delete), "tier"));
  g_assert_cmpstr (metadata_string (medusa_customer_get_metadata (after_delete), "newsletter"), ==, "yes");
  g_assert_cmpstr (medusa_customer_get_first_name (after_delete), ==, "Grace");

  /* and the server kept it */
  fetched = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_first_name (fetched), ==, "Grace");
  g_assert_cmpstr (medusa_customer_get_last_name (fetched), ==, "Hopper");
  g_assert_cmpstr (medusa_customer_get_phone (fetched), ==, "+4930999888");
  g_assert_null (metadata_string (medusa_customer_get_metadata (fetched), "tier"));
  g_assert_cmpstr (metadata_string (medusa_customer_get_metadata (fetched), "newsletter"), ==, "yes");
}

static void
test_addresses (void)
{
  g_autoptr(MedusaAddressInput) a = NULL;
  g_autoptr(MedusaAddressInput) b = NULL;
  g_autoptr(MedusaAddressInput) change = NULL;
  g_autoptr(MedusaCustomer) with_a = NULL;
  g_autoptr(MedusaCustomer) with_ab = NULL;
  g_autoptr(MedusaCustomer) updated = NULL;
  g_autoptr(MedusaCustomer) deleted = NULL;
  g_autoptr(MedusaCustomer) fetched = NULL;
  g_autoptr(GAsyncResult) update_result = NULL;
  g_autoptr(GAsyncResult) delete_result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAddress *addr;
  GListModel *addresses;

  if (!backend_available ())
    return;

  /* add two */
  a = new_address_input ("Kept Street 1", "Berlin", "DE");
  with_a = add_address (S.client, a, &error);
  g_assert_no_error (error);
  addresses = medusa_customer_get_shipping_addresses (with_a);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 1);
  addr = find_address_by_line (addresses, "Kept Street 1");
  g_assert_nonnull (addr);
  g_assert_cmpstr (medusa_address_get_country_code (addr), ==, "de");   /* lower-cased */
  g_assert_cmpstr (medusa_address_get_city (addr), ==, "Berlin");
  S.address_a_id = g_strdup (medusa_address_get_id (addr));

  b = new_address_input ("Gone Avenue 2", "Paris", "fr");
  with_ab = add_address (S.client, b, &error);
  g_assert_no_error (error);
  addresses = medusa_customer_get_shipping_addresses (with_ab);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);
  addr = find_address_by_line (addresses, "Gone Avenue 2");
  g_assert_nonnull (addr);
  g_assert_cmpstr (medusa_address_get_country_code (addr), ==, "fr");
  S.address_b_id = g_strdup (medusa_address_get_id (addr));
  g_assert_cmpstr (S.address_a_id, !=, S.address_b_id);

  /* update one: only the fields that are set change */
  change = medusa_address_input_new ();
  medusa_address_input_set (change, "city", "Hamburg");
  medusa_address_input_set (change, "company", "ACME");
  medusa_client_update_address_async (S.client, S.address_a_id, change, NULL,
                                      store_result_cb, &update_result);
  updated = medusa_client_update_address_finish (S.client, wait_result (&update_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);
  addr = medusa_customer_find_address (updated, S.address_a_id);
  g_assert_nonnull (addr);
  g_assert_cmpstr (medusa_address_get_city (addr), ==, "Hamburg");
  g_assert_cmpstr (medusa_address_get_company (addr), ==, "ACME");
  g_assert_cmpstr (medusa_address_get_address_1 (addr), ==, "Kept Street 1");
  g_assert_cmpstr (medusa_address_get_postal_code (addr), ==, "10115");

  /* delete the other */
  medusa_client_delete_address_async (S.client, S.address_b_id, NULL, store_result_cb, &delete_result);
  deleted = medusa_client_delete_address_finish (S.client, wait_result (&delete_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (deleted)), ==, 1);
  g_assert_null (medusa_customer_find_address (deleted, S.address_b_id));
  g_assert_nonnull (medusa_customer_find_address (deleted, S.address_a_id));

  /* the server agrees */
  fetched = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  addresses = medusa_customer_get_shipping_addresses (fetched);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 1);
  addr = medusa_customer_find_address (fetched, S.address_a_id);
  g_assert_nonnull (addr);
  g_assert_cmpstr (medusa_address_get_city (addr), ==, "Hamburg");
  g_assert_cmpstr (medusa_address_get_company (addr), ==, "ACME");
}

static void
test_billing_address (void)
{
  g_autoptr(MedusaAddressInput) billing = NULL;
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaCustomer) fetched = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAddress *addr;

  if (!backend_available ())
    return;

  billing = new_address_input ("Invoice Road 9", "Amsterdam", "nl");
  update = medusa_customer_update_new ();
  medusa_customer_update_set_billing_address (update, billing);
  customer = update_customer (S.client, update, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_nonnull (medusa_customer_get_billing_address_id (customer));

  fetched = retrieve_customer (S.client, &error);
  g_assert_no_error (error);
  addr = medusa_customer_get_billing_address (fetched);
  g_assert_nonnull (addr);
  g_assert_cmpstr (medusa_address_get_id (addr), ==, medusa_customer_get_billing_address_id (fetched));
  g_assert_cmpstr (medusa_address_get_address_1 (addr), ==, "Invoice Road 9");
  g_assert_cmpstr (medusa_address_get_city (addr), ==, "Amsterdam");
  g_assert_cmpstr (medusa_address_get_country_code (addr), ==, "nl");
  /* the billing address is not one of the shipping addresses */
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (fetched)), ==, 1);
}

static void
test_wrong_password (void)
{
  g_autoptr(MedusaClient) other = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  other = new_client ();
  customer = sign_in (other, S.email, "definitely-not-the-password", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_null (customer);
  g_assert_false (medusa_client_has_credential (other));
}

static void
test_duplicate_register (void)
{
  g_autoptr(MedusaClient) other = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shouting = NULL;

  if (!backend_available ())
    return;

  other = new_client ();
  /* the client normalises the email, so a different case is the same account */
  shouting = g_ascii_strup (S.email, -1);
  customer = register_customer (other, shouting, "another-password-1", &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_null (customer);
}

static void
test_request_reset_token (void)
{
  g_autoptr(MedusaClient) anonymous = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *record;
  gint64 deadline;
  gboolean ok;

  if (!backend_available ())
    return;

  g_assert_nonnull (S.reset_dir);
  S.old_token = g_strdup (medusa_client_get_token (S.client));
  g_assert_nonnull (S.old_token);

  /* a person who forgot the password is not signed in */
  anonymous = new_client ();
  medusa_client_request_password_token_async (anonymous, S.email, NULL, store_result_cb, &result);
  ok = medusa_client_request_password_token_finish (anonymous, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* the backend's test subscriber writes the token ~1.5–3 s later */
  file_name = g_strconcat (S.email, ".json", NULL);
  path = g_build_filename (S.reset_dir, file_name, NULL);
  deadline = g_get_monotonic_time () + RESET_TOKEN_WAIT_S * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 4);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_test_message ("no reset token file %s after %d s", path, RESET_TOKEN_WAIT_S);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  parser = json_parser_new ();
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  record = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member_with_default (record, "email", NULL), ==, S.email);
  g_assert_cmpstr (json_object_get_string_member_with_default (record, "customer_id", NULL), ==, S.customer_id);
  S.reset_token = g_strdup (json_object_get_string_member_with_default (record, "token", NULL));
  g_assert_nonnull (S.reset_token);
  g_assert_cmpuint (strlen (S.reset_token), >, 20);
}

static void
test_reset_password (void)
{
  g_autoptr(MedusaClient) anonymous = NULL;
  g_autoptr(MedusaClient) fresh = NULL;
  g_autoptr(MedusaClient) stale = NULL;
  g_autoptr(MedusaClient) old_token_client = NULL;
  g_autoptr(MedusaCustomer) reset = NULL;
  g_autoptr(MedusaCustomer) signed_in = NULL;
  g_autoptr(MedusaCustomer) refused = NULL;
  g_autoptr(MedusaCustomer) me = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  anonymous = new_client ();
  medusa_client_reset_password_async (anonymous, S.email, S.reset_token, S.new_password,
                                      NULL, store_result_cb, &result);
  reset = medusa_client_reset_password_finish (anonymous, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reset);
  g_assert_cmpstr (medusa_customer_get_id (reset), ==, S.customer_id);
  g_assert_cmpstr (medusa_customer_get_email (reset), ==, S.email);

  /* the new password signs in */
  fresh = new_client ();
  signed_in = sign_in (fresh, S.email, S.new_password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_in);
  g_assert_cmpstr (medusa_customer_get_id (signed_in), ==, S.customer_id);
  g_assert_true (medusa_client_has_credential (fresh));
  g_assert_nonnull (medusa_client_get_token (fresh));

  /* the old one does not */
  stale = new_client ();
  refused = sign_in (stale, S.email, S.password, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_null (refused);
  g_clear_error (&error);

  /* a bearer token from before the reset is still valid (stateless JWT) */
  old_token_client = new_client ();
  medusa_client_set_token (old_token_client, S.old_token);
  me = retrieve_customer (old_token_client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (me);
  g_assert_cmpstr (medusa_customer_get_id (me), ==, S.customer_id);
}

static void
test_reuse_reset_token (void)
{
  g_autoptr(MedusaClient) anonymous = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!backend_available ())
    return;

  /* the token was signed with the old password hash: it is dead now */
  anonymous = new_client ();
  medusa_client_reset_password_async (anonymous, S.email, S.reset_token, "yet-another-password-3",
                                      NULL, store_result_cb, &result);
  customer = medusa_client_reset_password_finish (anonymous, wait_result (&result), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (customer);
}

static void
test_place_orders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) line_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *count = NULL;
  const char *argv[3];
  int wait_status = 0;
  int n_found = 0;

  if (!backend_available ())
    return;

  g_assert_nonnull (S.seed_script);
  g_assert_true (g_file_test (S.seed_script, G_FILE_TEST_IS_EXECUTABLE));

  count = g_strdup_printf ("%d", N_SEEDED_ORDERS);
  argv[0] = S.seed_script;
  argv[1] = count;
  argv[2] = NULL;
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "MEDUSA_URL", S.url, TRUE);
  envp = g_environ_setenv (envp, "DEMO_EMAIL", S.email, TRUE);
  envp = g_environ_setenv (envp, "DEMO_PASSWORD", S.new_password, TRUE);
  envp = g_environ_setenv (envp, "VARY_STATUS", "1", TRUE);
  if (S.admin_email != NULL)
    envp = g_environ_setenv (envp, "ADMIN_EMAIL", S.admin_email, TRUE);
  if (S.admin_password != NULL)
    envp = g_environ_setenv (envp, "ADMIN_PASSWORD", S.admin_password, TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_test_message ("seed-orders.sh failed:\n%s\n%s", out, err);
  g_assert_no_error (error);

  /* "[seed-orders] order 4/6: order_01… (display_id 17, shipped+completed)" */
  line_re = g_regex_new ("^\\[seed-orders\\] order (\\d+)/\\d+: (order_[0-9A-Za-z]+) \\(display_id (\\d+),",
                         G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  g_regex_match (line_re, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *k_str = g_match_info_fetch (match, 1);
      g_autofree char *id = g_match_info_fetch (match, 2);
      g_autofree char *display = g_match_info_fetch (match, 3);
      gint64 k = g_ascii_strtoll (k_str, NULL, 10);

      g_assert_cmpint (k, >=, 1);
      g_assert_cmpint (k, <=, N_SEEDED_ORDERS);
      g_assert_null (S.order_ids[k - 1]);
      S.order_ids[k - 1] = g_steal_pointer (&id);
      S.display_ids[k - 1] = g_ascii_strtoll (display, NULL, 10);
      n_found++;
      g_match_info_next (match, NULL);
    }
  if (n_found != N_SEEDED_ORDERS)
    g_test_message ("seed-orders.sh output:\n%s", out);
  g_assert_cmpint (n_found, ==, N_SEEDED_ORDERS);
}

static void
test_list_all_and_states (void)
{
  g_autoptr(MedusaOrderQuery) query = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  GListModel *orders;
  guint n;

  if (!backend_available ())
    return;

  /* everything, in one page (limit=0: no limit) */
  query = medusa_order_query_new ();
  medusa_order_query_set_limit (query, 0);
  page = list_orders (query);
  orders = medusa_order_page_get_orders (page);
  n = g_list_model_get_n_items (orders);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, N_SEEDED_ORDERS);
  g_assert_cmpuint (n, ==, N_SEEDED_ORDERS);
  g_assert_cmpuint (order_bits (orders), ==, ALL_ORDERS);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      int k = 0;

      for (int j = 0; j < N_SEEDED_ORDERS; j++)
        if (g_strcmp0 (S.order_ids[j], medusa_order_get_id (order)) == 0)
          k = j + 1;
      g_assert_cmpint (k, >, 0);

      g_assert_cmpint (medusa_order_get_display_id (order), ==, S.display_ids[k - 1]);
      g_assert_cmpstr (medusa_order_get_email (order), ==, S.email);
      g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "eur");
      g_assert_nonnull (medusa_order_get_region_id (order));
      g_assert_nonnull (medusa_order_get_created_at (order));
      g_assert_cmpint (medusa_order_get_total (order), >, 0);
      S.created_at[k - 1] = g_date_time_ref (medusa_order_get_created_at (order));
      if (S.region_id == NULL)
        S.region_id = g_strdup (medusa_order_get_region_id (order));
      g_assert_cmpstr (medusa_order_get_region_id (order), ==, S.region_id);

      /* the states seed-orders.sh put them in */
      switch (k % 5)
        {
        case 1:
          g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
          g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_AWAITING);
          g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
          break;
        case 2:
          g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
          g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
          g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
          break;
        case 3:
          g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
          g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
          g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_FULFILLED);
          break;
        case 4:
          g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
          g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
          g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
          break;
        default:
          g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_CANCELED);
          g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CANCELED);
          g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_CANCELED);
          break;
        }

      /* sorted newest first */
      if (i > 0)
        {
          g_autoptr(MedusaOrder) previous = g_list_model_get_item (orders, i - 1);
          g_assert_cmpint (g_date_time_compare (medusa_order_get_created_at (previous),
                                                medusa_order_get_created_at (order)), >=, 0);
        }
    }
}

static void
test_filter_status (void)
{
  if (!backend_available ())
    return;

  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_PENDING);
    assert_query_matches (q, BIT (1) | BIT (2) | BIT (3) | BIT (6));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_CANCELED);
    assert_query_matches (q, BIT (5));
  }
  {
    /* two values: status[]=completed&status[]=canceled */
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_COMPLETED);
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_CANCELED);
    assert_query_matches (q, BIT (4) | BIT (5));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_ARCHIVED);
    assert_query_matches (q, 0);
  }
}

static void
test_filter_fulfillment_status (void)
{
  if (!backend_available ())
    return;

  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_fulfillment_status (q, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
    assert_query_matches (q, BIT (4));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_fulfillment_status (q, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
    assert_query_matches (q, BIT (1) | BIT (2) | BIT (6));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_fulfillment_status (q, MEDUSA_FULFILLMENT_STATUS_FULFILLED);
    medusa_order_query_add_fulfillment_status (q, MEDUSA_FULFILLMENT_STATUS_CANCELED);
    assert_query_matches (q, BIT (3) | BIT (5));
  }
}

static void
test_filter_payment_status (void)
{
  if (!backend_available ())
    return;

  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_payment_status (q, MEDUSA_PAYMENT_STATUS_CAPTURED);
    assert_query_matches (q, BIT (2) | BIT (3) | BIT (4));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_payment_status (q, MEDUSA_PAYMENT_STATUS_AWAITING);
    assert_query_matches (q, BIT (1) | BIT (6));
  }
  {
    /* combined with another kind of filter: AND */
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_add_payment_status (q, MEDUSA_PAYMENT_STATUS_CAPTURED);
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_PENDING);
    assert_query_matches (q, BIT (2) | BIT (3));
  }
}

static void
test_filter_display_id_and_q (void)
{
  g_autofree char *display = NULL;
  g_autofree char *no_match = NULL;

  if (!backend_available ())
    return;

  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    display = g_strdup_printf ("%" G_GINT64_FORMAT, S.display_ids[2]);
    medusa_order_query_set_display_id (q, display);
    assert_query_matches (q, BIT (3));
  }
  {
    /* q searches the order email (ILIKE), among others */
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_q (q, S.stamp);
    assert_query_matches (q, ALL_ORDERS);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    no_match = g_strdup_printf ("nothing-like-%s", S.stamp);
    medusa_order_query_set_q (q, no_match);
    assert_query_matches (q, 0);
  }
}

/* A whole second between the creation of two orders, with a +01:00 offset:
 * the query's '+' must reach the server as %2B, and whether or not the query
 * sends fractions of a second, the server compares against the same instant. */
static GDateTime *
boundary_between (GDateTime *earlier,
                  GDateTime *later)
{
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) mid = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan span = g_date_time_difference (later, earlier);

  g_assert_cmpint (span, >, 0);
  mid = g_date_time_add (earlier, span / 2);
  local = g_date_time_to_timezone (mid, plus_one);

  return g_date_time_new (plus_one,
                          g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local),
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local),
                          g_date_time_get_second (local));
}

/* Orders created in [@from, @to); either bound may be NULL. */
static guint
orders_created_between (GDateTime *from,
                        GDateTime *to)
{
  guint bits = 0;

  for (int k = 0; k < N_SEEDED_ORDERS; k++)
    {
      if (from != NULL && g_date_time_compare (S.created_at[k], from) < 0)
        continue;
      if (to != NULL && g_date_time_compare (S.created_at[k], to) >= 0)
        continue;
      bits |= 1u << k;
    }

  return bits;
}

static void
test_filter_created_at (void)
{
  g_autoptr(GDateTime) mid = NULL;
  g_autoptr(GDateTime) early = NULL;
  g_autoptr(GDateTime) late = NULL;
  g_autofree char *mid_str = NULL;
  guint newer, older, between;

  if (!backend_available ())
    return;

  for (int k = 0; k < N_SEEDED_ORDERS; k++)
    g_assert_nonnull (S.created_at[k]);

  mid = boundary_between (S.created_at[2], S.created_at[3]);
  mid_str = g_date_time_format_iso8601 (mid);
  g_test_message ("created_at boundary %s", mid_str);

  /* the seeding takes seconds, so both sides hold orders */
  newer = orders_created_between (mid, NULL);
  older = orders_created_between (NULL, mid);
  g_assert_cmpuint (newer, !=, 0);
  g_assert_cmpuint (older, !=, 0);
  g_assert_cmpuint (newer | older, ==, ALL_ORDERS);

  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    g_autofree char *qs = NULL;

    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, mid);
    /* the offset really is sent, with its '+' encoded */
    qs = medusa_order_query_to_string (q);
    g_assert_nonnull (strstr (qs, "%2B01"));
    assert_query_matches (q, newer);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, mid);
    assert_query_matches (q, older);
  }
  {
    /* the other two operators; the server compares microseconds, so no
     * order sits exactly on a whole-second boundary */
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();

    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT, mid);
    assert_query_matches (q, newer);
    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT, NULL);
    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, mid);
    assert_query_matches (q, older);
  }
  {
    /* both bounds at once */
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();

    early = boundary_between (S.created_at[0], S.created_at[1]);
    late = boundary_between (S.created_at[4], S.created_at[5]);
    between = orders_created_between (early, late);
    g_assert_cmpuint (between, !=, 0);
    g_assert_cmpuint (between, !=, ALL_ORDERS);

    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, early);
    medusa_order_query_set_date (q, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, late);
    assert_query_matches (q, between);
  }
}

static void
test_filter_currency_region_email (void)
{
  if (!backend_available ())
    return;

  g_assert_nonnull (S.region_id);
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_currency_code (q, "eur");
    assert_query_matches (q, ALL_ORDERS);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_currency_code (q, "usd");
    assert_query_matches (q, 0);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_region_id (q, S.region_id);
    assert_query_matches (q, ALL_ORDERS);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_region_id (q, "reg_does_not_exist");
    assert_query_matches (q, 0);
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_email (q, S.email);
    medusa_order_query_add_status (q, MEDUSA_ORDER_STATUS_COMPLETED);
    assert_query_matches (q, BIT (4));
  }
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    medusa_order_query_set_email (q, "someone-else@example.com");
    assert_query_matches (q, 0);
  }
}

static void
test_pagination (void)
{
  guint seen = 0;
  guint offset = 0;
  int pages = 0;

  if (!backend_available ())
    return;

  /* limit/offset walk in pages of 4: 4 + 2 */
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    g_autoptr(MedusaOrderPage) first = NULL;
    g_autoptr(MedusaOrderPage) second = NULL;

    medusa_order_query_set_limit (q, 4);
    first = list_orders (q);
    g_assert_cmpint (medusa_order_page_get_count (first), ==, N_SEEDED_ORDERS);
    g_assert_cmpint (medusa_order_page_get_limit (first), ==, 4);
    g_assert_cmpint (medusa_order_page_get_offset (first), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (first)), ==, 4);
    /* newest first: orders 6, 5, 4, 3 */
    g_assert_cmpuint (order_bits (medusa_order_page_get_orders (first)), ==, BIT (3) | BIT (4) | BIT (5) | BIT (6));

    medusa_order_query_set_offset (q, 4);
    second = list_orders (q);
    g_assert_cmpint (medusa_order_page_get_count (second), ==, N_SEEDED_ORDERS);
    g_assert_cmpint (medusa_order_page_get_offset (second), ==, 4);
    g_assert_cmpuint (order_bits (medusa_order_page_get_orders (second)), ==, BIT (1) | BIT (2));
  }

  /* walk every page of 2 until the count is reached */
  do
    {
      g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
      g_autoptr(MedusaOrderPage) page = NULL;
      GListModel *orders;
      guint bits;

      medusa_order_query_set_limit (q, 2);
      medusa_order_query_set_offset (q, offset);
      page = list_orders (q);
      orders = medusa_order_page_get_orders (page);
      g_assert_cmpint (medusa_order_page_get_count (page), ==, N_SEEDED_ORDERS);
      g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 2);
      bits = order_bits (orders);
      g_assert_cmpuint (bits & seen, ==, 0);   /* pages do not overlap */
      seen |= bits;
      offset += g_list_model_get_n_items (orders);
      pages++;
      g_assert_cmpint (pages, <=, N_SEEDED_ORDERS);
    }
  while (offset < N_SEEDED_ORDERS);

  g_assert_cmpint (pages, ==, 3);
  g_assert_cmpuint (seen, ==, ALL_ORDERS);

  /* past the end: empty page, same count */
  {
    g_autoptr(MedusaOrderQuery) q = medusa_order_query_new ();
    g_autoptr(MedusaOrderPage) page = NULL;

    medusa_order_query_set_limit (q, 2);
    medusa_order_query_set_offset (q, N_SEEDED_ORDERS);
    page = list_orders (q);
    g_assert_cmpint (medusa_order_page_get_count (page), ==, N_SEEDED_ORDERS);
    g_assert_cmpuint (g_list_model_get_n_items (medusa_order_page_get_orders (page)), ==, 0);
  }
}

static void
on_loading_changed (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint *n_changes = user_data;

  (*n_changes)++;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *n_appends = user_data;

  if (added > 0)
    (*n_appends)++;
}

static void
test_order_list_model (void)
{
  g_autoptr(MedusaOrderQuery) query = NULL;
  g_autoptr(MedusaOrderList) list = NULL;
  guint n_loading_changes = 0;
  guint n_appends = 0;
  gboolean timed_out = FALSE;
  guint timeout_id;
  guint n;

  if (!backend_available ())
    return;

  query = medusa_order_query_new ();
  /* it starts loading at once, with the default page size; start over in pages of 2 */
  list = medusa_order_list_new (S.client, query);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_loading_changed), &n_loading_changes);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &n_appends);
  medusa_order_list_set_page_size (list, 2);
  g_assert_cmpuint (medusa_order_list_get_page_size (list), ==, 2);
  medusa_order_list_reload (list);

  /* page until everything is in (n-total is -1 before the first page) */
  timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, &timed_out);
  while (!timed_out)
    {
      if (!medusa_order_list_get_loading (list))
        {
          const GError *load_error = medusa_order_list_get_error (list);

          if (load_error != NULL)
            g_test_message ("MedusaOrderList: %s", load_error->message);
          g_assert_null (load_error);
          if (medusa_order_list_get_n_total (list) >= 0 && !medusa_order_list_get_has_more (list))
            break;
          medusa_order_list_load_more (list);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_false (timed_out);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, N_SEEDED_ORDERS);
  g_assert_cmpint (medusa_order_list_get_n_total (list), ==, N_SEEDED_ORDERS);
  g_assert_false (medusa_order_list_get_has_more (list));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MEDUSA_TYPE_ORDER);
  g_assert_cmpuint (order_bits (G_LIST_MODEL (list)), ==, ALL_ORDERS);
  /* three pages of two, each one appended when it arrived, with "loading" notifying */
  g_assert_cmpuint (n_appends, >=, 3);
  g_assert_cmpuint (n_loading_changes, >=, 3);

  /* a new query empties the list and loads again with the filter */
  {
    g_autoptr(MedusaOrderQuery) canceled = medusa_order_query_new ();
    gboolean done = FALSE;

    medusa_order_query_add_status (canceled, MEDUSA_ORDER_STATUS_CANCELED);
    medusa_order_list_set_query (list, canceled);
    timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, &timed_out);
    while (!timed_out && !done)
      {
        done = !medusa_order_list_get_loading (list) && medusa_order_list_get_n_total (list) >= 0;
        if (!done)
          g_main_context_iteration (NULL, TRUE);
      }
    if (!timed_out)
      g_source_remove (timeout_id);
    g_assert_false (timed_out);
    g_assert_null (medusa_order_list_get_error (list));
    g_assert_cmpint (medusa_order_list_get_n_total (list), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    g_assert_cmpuint (order_bits (G_LIST_MODEL (list)), ==, BIT (5));
  }

  g_signal_handlers_disconnect_by_func (list, on_loading_changed, &n_loading_changes);
  g_signal_handlers_disconnect_by_func (list, on_items_changed, &n_appends);
}

static void
test_retrieve_order (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  GListModel *fulfillments;
  gboolean found_tracking = FALSE;
  guint n;

  if (!backend_available ())
    return;

  /* order 4: captured, fulfilled, shipped with tracking number TRACK-4, completed */
  medusa_client_retrieve_order_async (S.client, S.order_ids[3], NULL, store_result_cb, &result);
  order = medusa_client_retrieve_order_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpstr (medusa_order_get_id (order), ==, S.order_ids[3]);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, S.display_ids[3]);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
  g_assert_cmpstr (medusa_order_get_email (order), ==, S.email);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (order)), >=, 1);
  g_assert_nonnull (medusa_order_get_shipping_address (order));
  g_assert_cmpstr (medusa_address_get_address_1 (medusa_order_get_shipping_address (order)), ==, "Teststrasse 4");
  g_assert_cmpint (medusa_order_get_total (order), >, 0);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, medusa_order_get_total (order));

  fulfillments = medusa_order_get_fulfillments (order);
  n = g_list_model_get_n_items (fulfillments);
  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);

      for (guint j = 0; j < g_list_model_get_n_items (links); j++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);

          if (g_strcmp0 (medusa_tracking_link_get_tracking_number (link), "TRACK-4") == 0)
            {
              found_tracking = TRUE;
              /* that fulfillment was shipped */
              g_assert_nonnull (medusa_fulfillment_get_shipped_at (fulfillment));
            }
        }
    }
  g_assert_true (found_tracking);
}

static void
test_payment_methods_and_regions (void)
{
  g_autoptr(GAsyncResult) pm_result = NULL;
  g_autoptr(GAsyncResult) region_result = NULL;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_region = FALSE;
  guint n;

  if (!backend_available ())
    return;

  /* the manual payment provider saves nothing: an empty list, not an error */
  medusa_client_list_payment_methods_async (S.client, NULL, store_result_cb, &pm_result);
  methods = medusa_client_list_payment_methods_finish (S.client, wait_result (&pm_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (methods);
  g_assert_true (g_list_model_get_item_type (methods) == MEDUSA_TYPE_PAYMENT_METHOD);
  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 0);

  medusa_client_list_regions_async (S.client, NULL, store_result_cb, &region_result);
  regions = medusa_client_list_regions_finish (S.client, wait_result (&region_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (regions);
  n = g_list_model_get_n_items (regions);
  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);

      if (g_strcmp0 (medusa_region_get_id (region), S.region_id) == 0)
        {
          GListModel *countries = medusa_region_get_countries (region);
          gboolean has_de = FALSE;

          found_region = TRUE;
          g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "eur");
          g_assert_cmpuint (g_list_model_get_n_items (countries), >=, 1);
          for (guint j = 0; j < g_list_model_get_n_items (countries); j++)
            {
              g_autoptr(MedusaCountry) country = g_list_model_get_item (countries, j);

              if (g_strcmp0 (medusa_country_get_iso_2 (country), "de") == 0)
                has_de = TRUE;
            }
          g_assert_true (has_de);
        }
    }
  g_assert_true (found_region);
}

static void
test_sign_out (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  gboolean ok;

  if (!backend_available ())
    return;

  medusa_client_sign_out_async (S.client, NULL, store_result_cb, &result);
  ok = medusa_client_sign_out_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (medusa_client_has_credential (S.client));
  g_assert_null (medusa_client_get_token (S.client));

  customer = retrieve_customer (S.client, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (customer);
}

/* The local copy: a first sync holds every order; an order placed after it
 * comes in with the one incremental request of the next sync; an unchanged
 * history is answered 304. */

static gint64
copy_n_orders (MedusaAccountStore *store,
               const char         *must_hold_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = must_hold_id == NULL;
  gint64 n_total = -1;

  medusa_account_store_get_orders_async (store, NULL, NULL, store_result_cb, &result);
  orders = medusa_account_store_get_orders_finish (store, wait_result (&result), &n_total, &error);
  g_assert_no_error (error);
  for (guint i = 0; !found && i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      found = g_strcmp0 (medusa_order_get_id (order), must_hold_id) == 0;
    }
  g_assert_true (found);
  return n_total;
}

static MedusaCustomer *
copy_sync_run (MedusaSync *sync)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  medusa_sync_run_async (sync, NULL, store_result_cb, &result);
  customer = medusa_sync_run_finish (sync, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  return customer;
}

static void
test_local_copy_sync (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaSync) sync = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  g_autoptr(GRegex) line_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *new_id = NULL;
  const char *argv[3] = { NULL, "1", NULL };
  int wait_status = 0;

  if (!backend_available ())
    return;

  medusa_account_store_open_async (medusa_client_get_base_url (S.client), S.customer_id, NULL,
                                   store_result_cb, &result);
  store = medusa_account_store_open_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* First sync: the whole history, updated_at included. */
  sync = medusa_sync_new (S.client, store);
  customer = copy_sync_run (sync);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_true (medusa_sync_get_last_run_full (sync));
  g_assert_cmpint (copy_n_orders (store, S.order_ids[0]), ==, N_SEEDED_ORDERS);
  medusa_account_store_get_sync_state_async (store, NULL, store_result_cb, &result);
  state = medusa_account_store_get_sync_state_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (state->complete);
  g_assert_cmpint (state->server_count, ==, N_SEEDED_ORDERS);
  g_assert_nonnull (state->newest_updated_at);

  /* An order placed meanwhile. */
  argv[0] = S.seed_script;
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "MEDUSA_URL", S.url, TRUE);
  envp = g_environ_setenv (envp, "DEMO_EMAIL", S.email, TRUE);
  envp = g_environ_setenv (envp, "DEMO_PASSWORD", S.new_password, TRUE);
  envp = g_environ_setenv (envp, "VARY_STATUS", "0", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_test_message ("seed-orders.sh failed:\n%s\n%s", out, err);
  g_assert_no_error (error);
  line_re = g_regex_new ("^\\[seed-orders\\] order 1/1: (order_[0-9A-Za-z]+)", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (line_re, out, 0, &match));
  new_id = g_match_info_fetch (match, 1);

  /* The next sync: one incremental request brings it. */
  g_clear_object (&customer);
  customer = copy_sync_run (sync);
  g_assert_false (medusa_sync_get_last_run_full (sync));
  g_assert_false (medusa_sync_get_last_run_probed (sync));
  g_assert_cmpuint (medusa_sync_get_n_page_requests (sync), ==, 1);
  g_assert_cmpint (copy_n_orders (store, new_id), ==, N_SEEDED_ORDERS + 1);

  /* Nothing changed since: still one request, nothing new. */
  g_clear_object (&customer);
  customer = copy_sync_run (sync);
  g_assert_cmpuint (medusa_sync_get_n_page_requests (sync), ==, 1);
  g_assert_cmpint (copy_n_orders (store, NULL), ==, N_SEEDED_ORDERS + 1);

  /* Still nothing changed, and the query is the same as the last run's
   * (that one had a newer updated_at[gte]): the store answers the customer,
   * the payment methods and the orders request 304, without a body. */
  g_clear_object (&customer);
  customer = copy_sync_run (sync);
  g_assert_cmpstr (medusa_customer_get_id (customer), ==, S.customer_id);
  g_assert_cmpuint (medusa_sync_get_n_page_requests (sync), ==, 1);
  g_assert_cmpuint (medusa_sync_get_n_not_modified (sync), ==, 3);
  g_assert_cmpint (copy_n_orders (store, new_id), ==, N_SEEDED_ORDERS + 1);

  g_clear_object (&result);
  medusa_account_store_delete_async (store, NULL, store_result_cb, &result);
  g_assert_true (medusa_account_store_delete_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
}

/* --- main ------------------------------------------------------------------------ */

static char *
dup_env (const char *name)
{
  const char *value = g_getenv (name);

  return (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

static void
scenario_clear (void)
{
  g_clear_object (&S.client);
  for (int k = 0; k < N_SEEDED_ORDERS; k++)
    {
      g_clear_pointer (&S.order_ids[k], g_free);
      g_clear_pointer (&S.created_at[k], g_date_time_unref);
    }
  g_clear_pointer (&S.region_id, g_free);
  g_clear_pointer (&S.address_a_id, g_free);
  g_clear_pointer (&S.address_b_id, g_free);
  g_clear_pointer (&S.reset_token, g_free);
  g_clear_pointer (&S.old_token, g_free);
  g_clear_pointer (&S.customer_id, g_free);
  g_clear_pointer (&S.new_password, g_free);
  g_clear_pointer (&S.password, g_free);
  g_clear_pointer (&S.stamp, g_free);
  g_clear_pointer (&S.email, g_free);
  g_clear_pointer (&S.seed_script, g_free);
  g_clear_pointer (&S.admin_password, g_free);
  g_clear_pointer (&S.admin_email, g_free);
  g_clear_pointer (&S.reset_dir, g_free);
  g_clear_pointer (&S.url, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Read before g_test_init() isolates the XDG directories. */
  S.url = dup_env ("MEDUSA_URL");
  S.reset_dir = dup_env ("MEDUSA_RESET_TOKEN_DIR");
  S.admin_email = dup_env ("MEDUSA_ADMIN_EMAIL");
  S.admin_password = dup_env ("MEDUSA_ADMIN_PASSWORD");
  S.seed_script = dup_env ("MEDUSA_SEED_ORDERS");
  S.require_backend = g_strcmp0 (g_getenv ("MEDUSA_REQUIRE_BACKEND"), "1") == 0;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (S.seed_script == NULL)
    S.seed_script = g_test_build_filename (G_TEST_DIST, "seed-orders.sh", NULL);

  /* A customer of our own, unique per run, so the counts are exact. */
  S.stamp = g_strdup_printf ("integ%" G_GINT64_FORMAT "x%d%u",
                             g_get_real_time (), (int) getpid (), g_random_int_range (0, 1000));
  S.email = g_strdup_printf ("%s@example.com", S.stamp);
  S.password = g_strdup ("first-password-1");
  S.new_password = g_strdup ("second-password-2");

  g_test_add_func ("/integration/01-register", test_register);
  g_test_add_func ("/integration/02-retrieve-me", test_retrieve_me);
  g_test_add_func ("/integration/03-update-profile", test_update_profile);
  g_test_add_func ("/integration/04-addresses", test_addresses);
  g_test_add_func ("/integration/05-billing-address", test_billing_address);
  g_test_add_func ("/integration/06-wrong-password", test_wrong_password);
  g_test_add_func ("/integration/07-duplicate-register", test_duplicate_register);
  g_test_add_func ("/integration/08-request-reset-token", test_request_reset_token);
  g_test_add_func ("/integration/09-reset-password", test_reset_password);
  g_test_add_func ("/integration/10-reuse-reset-token", test_reuse_reset_token);
  g_test_add_func ("/integration/11-place-orders", test_place_orders);
  g_test_add_func ("/integration/12-list-all-and-states", test_list_all_and_states);
  g_test_add_func ("/integration/13-filter-status", test_filter_status);
  g_test_add_func ("/integration/14-filter-fulfillment-status", test_filter_fulfillment_status);
  g_test_add_func ("/integration/15-filter-payment-status", test_filter_payment_status);
  g_test_add_func ("/integration/16-filter-display-id-and-q", test_filter_display_id_and_q);
  g_test_add_func ("/integration/17-filter-created-at", test_filter_created_at);
  g_test_add_func ("/integration/18-filter-currency-region-email", test_filter_currency_region_email);
  g_test_add_func ("/integration/19-pagination", test_pagination);
  g_test_add_func ("/integration/20-order-list-model", test_order_list_model);
  g_test_add_func ("/integration/21-retrieve-order", test_retrieve_order);
  g_test_add_func ("/integration/22-payment-methods-and-regions", test_payment_methods_and_regions);
  g_test_add_func ("/integration/23-local-copy-sync", test_local_copy_sync);
  g_test_add_func ("/integration/24-sign-out", test_sign_out);

  ret = g_test_run ();
  scenario_clear ();

  return ret;
}
