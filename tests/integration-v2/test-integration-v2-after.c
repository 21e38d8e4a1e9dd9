/* test-integration-v2-after.c: after the purchase against a real Medusa v2
 * (2.21.2) backend: claiming a guest order (order transfer) and a return
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scenario, in order: a guest places an order through the store's cart
 * flow (no token, as seed-orders.sh does for customers); a customer
 * registers, finds the order by its id, asks for it (a second request and a
 * wrong code get human errors), takes the code from the kit's subscriber's
 * file and accepts it: the order is in the customer's GET /store/orders.
 * The store's staff fulfils it (admin API); the customer lists the return
 * reasons and the return shipping options of the order, asks to return one
 * item with a reason, a note and return shipping, sees it counted in the
 * order, and is refused more than is left.
 *
 * Environment (tools/test-all.sh sets it from the kit's medusa.env):
 *   MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY   the v2 backend (skip without)
 *   MEDUSA_V2_TRANSFER_TOKEN_DIR   where the kit's subscriber writes the
 *                          transfer tokens (<order id>.json)
 *   MEDUSA_V2_ADMIN_EMAIL, MEDUSA_V2_ADMIN_PASSWORD   the admin user (default
 *                          the kit's admin@example.com / supersecret)
 *   MEDUSA_REQUIRE_BACKEND=1   a missing MEDUSA_V2_URL is a failure
 */
#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-client-private.h"
#include "medusa-customers.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-line-item.h"
#include "medusa-returns.h"

#define WAIT_TIMEOUT_S 60
#define TOKEN_WAIT_S 15

typedef struct
{
  char *url;
  char *key;
  char *transfer_dir;
  char *admin_email;
  char *admin_password;
  gboolean require_backend;

  SoupSession *http;
  MedusaClient *client;   /* (owned) signed in as the customer */
  char *customer_id;
  char *order_id;         /* the guest's order */
  gint64 display_id;
  char *item_id;          /* its line item (quantity 2) */
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
step_ready (gboolean ready)
{
  if (!backend_available ())
    return FALSE;
  if (!ready)
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
  *(GAsyncResult **) user_data = g_object_ref (result);
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

/* A request of the test itself (the guest's cart, the staff's admin API):
 * returns the JSON object of a 2xx answer; anything else fails the test. */
static JsonObject *
http (const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  g_autofree char *uri = g_strconcat (S.url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;

  g_assert_nonnull (msg);
  if (g_str_has_prefix (path, "/store/"))
    soup_message_headers_append (soup_message_get_request_headers (msg), "x-publishable-api-key", S.key);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (S.http, msg, NULL, &error);
  g_assert_no_error (error);
  status = soup_message_get_status (msg);
  if (status < 200 || status >= 300)
    g_error ("%s %s: HTTP %u %.*s", method, path, status, (int) MIN (g_bytes_get_size (answer), 400),
             (const char *) g_bytes_get_data (answer, NULL));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
member_id (JsonObject *root,
           const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (root, member), "id");
}

static char *
admin_token (void)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}",
                                           S.admin_email, S.admin_password);
  g_autoptr(JsonObject) answer = http ("POST", "/auth/user/emailpass", NULL, body);

  return g_strdup (json_object_get_string_member (answer, "token"));
}

static void
test_guest_order (void)
{
  g_autoptr(JsonObject) regions = NULL;
  g_autoptr(JsonObject) products = NULL;
  g_autoptr(JsonObject) cart = NULL;
  g_autoptr(JsonObject) options = NULL;
  g_autoptr(JsonObject) collection = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) ignored = NULL;
  g_autofree char *email = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cart_id = NULL;
  const char *region_id, *variant_id, *option_id, *collection_id;
  JsonObject *order;
  const char *address = "{\"first_name\":\"Guest\",\"last_name\":\"Buyer\",\"address_1\":\"Gaststrasse 1\","
                        "\"city\":\"Berlin\",\"country_code\":\"de\",\"postal_code\":\"10115\"}";

  if (!backend_available ())
    return;

  regions = http ("GET", "/store/regions", NULL, NULL);
  region_id = json_object_get_string_member (json_array_get_object_element (
                json_object_get_array_member (regions, "regions"), 0), "id");
  path = g_strdup_printf ("/store/products?limit=1&fields=id,*variants&region_id=%s", region_id);
  products = http ("GET", path, NULL, NULL);
  variant_id = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
                 json_array_get_object_element (json_object_get_array_member (products, "products"), 0),
                 "variants"), 0), "id");

  /* No token: a guest. */
  email = g_strdup_printf ("guest-%" G_GINT64_FORMAT "@example.com", g_get_real_time ());
  body = g_strdup_printf ("{\"region_id\":\"%s\",\"email\":\"%s\"}", region_id, email);
  cart = http ("POST", "/store/carts", NULL, body);
  cart_id = g_strdup (member_id (cart, "cart"));
#define CART_PATH(rest) (g_free (path), path = g_strconcat ("/store/carts/", cart_id, rest, NULL))
  g_free (body);
  body = g_strdup_printf ("{\"variant_id\":\"%s\",\"quantity\":2}", variant_id);
  ignored = http ("POST", CART_PATH ("/line-items"), NULL, body);
  g_clear_pointer (&ignored, json_object_unref);
  g_free (body);
  body = g_strdup_printf ("{\"shipping_address\":%s,\"billing_address\":%s}", address, address);
  ignored = http ("POST", CART_PATH (""), NULL, body);
  g_clear_pointer (&ignored, json_object_unref);
  g_free (path);
  path = g_strdup_printf ("/store/shipping-options?cart_id=%s", cart_id);
  options = http ("GET", path, NULL, NULL);
  option_id = json_object_get_string_member (json_array_get_object_element (
                json_object_get_array_member (options, "shipping_options"), 0), "id");
  g_free (body);
  body = g_strdup_printf ("{\"option_id\":\"%s\"}", option_id);
  ignored = http ("POST", CART_PATH ("/shipping-methods"), NULL, body);
  g_clear_pointer (&ignored, json_object_unref);
  g_free (body);
  body = g_strdup_printf ("{\"cart_id\":\"%s\"}", cart_id);
  collection = http ("POST", "/store/payment-collections", NULL, body);
  collection_id = member_id (collection, "payment_collection");
  g_free (path);
  path = g_strdup_printf ("/store/payment-collections/%s/payment-sessions", collection_id);
  ignored = http ("POST", path, NULL, "{\"provider_id\":\"pp_system_default\"}");
  g_clear_pointer (&ignored, json_object_unref);
  done = http ("POST", CART_PATH ("/complete"), NULL, NULL);
#undef CART_PATH
  g_assert_cmpstr (json_object_get_string_member (done, "type"), ==, "order");
  order = json_object_get_object_member (done, "order");
  S.order_id = g_strdup (json_object_get_string_member (order, "id"));
  S.display_id = json_object_get_int_member (order, "display_id");
  S.item_id = g_strdup (json_object_get_string_member (json_array_get_object_element (
                          json_object_get_array_member (order, "items"), 0), "id"));
  g_assert_true (g_str_has_prefix (S.order_id, "order_"));
}

static void
test_register (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;

  if (!step_ready (S.order_id != NULL))
    return;

  S.client = medusa_client_new (S.url, &error);
  g_assert_no_error (error);
  medusa_client_set_store_version (S.client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (S.client, S.key);
  medusa_client_set_timeout (S.client, 30);
  g_assert_true (medusa_client_has_capability (S.client, MEDUSA_CAPABILITY_ORDER_BY_ID));
  email = g_strdup_printf ("claimer-%" G_GINT64_FORMAT "@example.com", g_get_real_time ());
  medusa_client_register_async (S.client, email, "supersecret-v2", "Claire", "Mer", NULL,
                                NULL, store_result_cb, &result);
  customer = medusa_client_register_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  S.customer_id = g_strdup (medusa_customer_get_id (customer));
}

static char *
read_transfer_token (void)
{
  g_autofree char *file_name = g_strconcat (S.order_id, ".json", NULL);
  g_autofree char *path = g_build_filename (S.transfer_dir, file_name, NULL);

  for (int i = 0; i < TOKEN_WAIT_S * 10; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (g_file_get_contents (path, &contents, NULL, NULL) &&
          json_parser_load_from_data (parser, contents, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *record = json_node_get_object (json_parser_get_root (parser));

          if (g_strcmp0 (json_object_get_string_member_with_default (record, "order_id", NULL), S.order_id) == 0 &&
              g_strcmp0 (json_object_get_string_member_with_default (record, "customer_id", NULL),
                         S.customer_id) == 0)
            return g_strdup (json_object_get_string_member_with_default (record, "token", NULL));
        }
      g_usleep (G_USEC_PER_SEC / 10);
    }
  return NULL;
}

static gboolean
customer_has_order (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *orders;

  medusa_client_request_async (S.client, "GET", "/store/orders", "fields=id&limit=50", NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT, NULL,
                               store_result_cb, &result);
  root = medusa_client_request_finish (S.client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (root), "orders");
  for (guint i = 0; i < json_array_get_length (orders); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (orders, i), "id"),
                   S.order_id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_transfer (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *token = NULL;
  g_autofree char *link = NULL;
  const char *ids[2] = { NULL, NULL };

  if (!step_ready (S.customer_id != NULL))
    return;
  ids[0] = S.order_id;

  /* Found by its id (a link to it works too); not the customer's yet. */
  link = g_strdup_printf ("https://shop.example/order/%s", S.order_id);
  medusa_client_find_guest_order_async (S.client, link, NULL, NULL, store_result_cb, &result);
  order = medusa_client_find_guest_order_finish (S.client, wait_result (&result), NULL, &owner, &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, S.display_id);
  g_assert_cmpstr (owner, !=, S.customer_id);
  g_assert_false (customer_has_order ());
  g_clear_object (&result);

  medusa_client_request_order_claim_async (S.client, ids, NULL, store_result_cb, &result);
  g_assert_true (medusa_client_request_order_claim_finish (S.client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  token = read_transfer_token ();
  if (token == NULL)
    g_test_message ("no transfer token for %s in %s", S.order_id, S.transfer_dir);
  g_assert_nonnull (token);

  /* Asked again while the code is out: the store's refusal, in words. */
  medusa_client_request_order_claim_async (S.client, ids, NULL, store_result_cb, &result);
  g_assert_false (medusa_client_request_order_claim_finish (S.client, wait_result (&result), &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_CONFLICT);
  g_assert_null (strstr (error->message, "order change"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* A wrong code: refused in words; the request still waits. */
  medusa_client_confirm_order_claims_async (S.client, ids, "00000000-0000-4000-8000-000000000000",
                                            NULL, store_result_cb, &result);
  g_assert_false (medusa_client_confirm_order_claims_finish (S.client, wait_result (&result), &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (strstr (error->message, "Invalid token"));
  g_clear_error (&error);
  g_clear_object (&result);

  medusa_client_confirm_order_claims_async (S.client, ids, token, NULL, store_result_cb, &result);
  g_assert_true (medusa_client_confirm_order_claims_finish (S.client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (customer_has_order ());
}

static void
test_fulfil (void)
{
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (!step_ready (S.client != NULL && S.order_id != NULL))
    return;

  /* As seed-orders.sh: the staff fulfils every item. */
  token = admin_token ();
  path = g_strdup_printf ("/admin/orders/%s/fulfillments", S.order_id);
  body = g_strdup_printf ("{\"items\":[{\"id\":\"%s\",\"quantity\":2}]}", S.item_id);
  answer = http ("POST", path, token, body);
  g_assert_nonnull (answer);
}

static void
test_return (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) reasons = NULL;
  g_autoptr(GListModel) options = NULL;
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(MedusaReturnReason) reason = NULL;
  g_autoptr(MedusaReturnOption) option = NULL;
  g_autoptr(MedusaReturnRequest) request = NULL;
  g_autoptr(MedusaReturnRequest) too_many = NULL;
  g_autoptr(MedusaReturn) ret = NULL;

  if (!step_ready (S.client != NULL && S.order_id != NULL))
    return;

  medusa_client_list_return_reasons_async (S.client, NULL, store_result_cb, &result);
  reasons = medusa_client_list_return_reasons_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (reasons), >, 0);
  reason = g_list_model_get_item (reasons, 0);
  g_clear_object (&result);

  /* The order's own cart gives the return options. */
  medusa_client_list_order_return_options_async (S.client, S.order_id, NULL, NULL, store_result_cb, &result);
  options = medusa_client_list_order_return_options_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (options), >, 0);
  option = g_list_model_get_item (options, 0);
  g_assert_true (medusa_return_option_get_is_return (option));
  g_assert_cmpint (medusa_return_option_get_price (option), >=, 0);
  g_clear_object (&result);

  medusa_client_list_order_returns_async (S.client, S.order_id, NULL, store_result_cb, &result);
  returns = medusa_client_list_order_returns_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_returns_count_item (returns, S.item_id), ==, 0);
  g_clear_object (&result);

  request = medusa_return_request_new (S.order_id);
  medusa_return_request_add_item (request, S.item_id, 1, medusa_return_reason_get_id (reason), "Too small");
  medusa_return_request_set_option_id (request, medusa_return_option_get_id (option));
  medusa_return_request_set_known_returns (request, returns);
  medusa_client_request_return_async (S.client, request, NULL, store_result_cb, &result);
  ret = medusa_client_request_return_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (medusa_return_get_id (ret), "return_"));
  g_assert_cmpstr (medusa_return_get_status (ret), ==, "requested");
  {
    g_autoptr(MedusaReturnItem) item = g_list_model_get_item (medusa_return_get_items (ret), 0);

    g_assert_cmpstr (medusa_return_item_get_item_id (item), ==, S.item_id);
    g_assert_cmpint (medusa_return_item_get_quantity (item), ==, 1);
    g_assert_cmpstr (medusa_return_item_get_reason_id (item), ==, medusa_return_reason_get_id (reason));
  }
  g_clear_object (&result);
  g_clear_object (&returns);

  /* The order counts it (there is no list of returns on v2). */
  medusa_client_list_order_returns_async (S.client, S.order_id, NULL, store_result_cb, &result);
  returns = medusa_client_list_order_returns_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_returns_count_item (returns, S.item_id), ==, 1);
  g_clear_object (&result);

  /* Two more than fulfilled and not asked back: refused, in words. */
  too_many = medusa_return_request_new (S.order_id);
  medusa_return_request_add_item (too_many, S.item_id, 2, NULL, NULL);
  medusa_return_request_set_option_id (too_many, medusa_return_option_get_id (option));
  medusa_return_request_set_known_returns (too_many, returns);
  g_clear_object (&ret);
  medusa_client_request_return_async (S.client, too_many, NULL, store_result_cb, &result);
  ret = medusa_client_request_return_finish (S.client, wait_result (&result), &error);
  g_assert_null (ret);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "ordli_"));
  g_test_message ("more than left: %s", error->message);
}

int
main (int argc, char *argv[])
{
  const char *value;

  g_test_init (&argc, &argv, NULL);

  S.url = g_strdup (g_getenv ("MEDUSA_V2_URL"));
  S.key = g_strdup (g_getenv ("MEDUSA_V2_PUBLISHABLE_KEY"));
  S.transfer_dir = g_strdup (g_getenv ("MEDUSA_V2_TRANSFER_TOKEN_DIR"));
  value = g_getenv ("MEDUSA_V2_ADMIN_EMAIL");
  S.admin_email = g_strdup (value != NULL && *value != '\0' ? value : "admin@example.com");
  value = g_getenv ("MEDUSA_V2_ADMIN_PASSWORD");
  S.admin_password = g_strdup (value != NULL && *value != '\0' ? value : "supersecret");
  S.require_backend = g_strcmp0 (g_getenv ("MEDUSA_REQUIRE_BACKEND"), "1") == 0;
  if (S.url != NULL && *S.url == '\0')
    g_clear_pointer (&S.url, g_free);
  if (S.transfer_dir == NULL || *S.transfer_dir == '\0')
    {
      g_free (S.transfer_dir);
      S.transfer_dir = g_strdup ("/var/tmp/medusa-v2/transfer-tokens");
    }
  S.http = soup_session_new ();
  soup_session_set_timeout (S.http, 30);

  g_test_add_func ("/integration-v2-after/01-guest-order", test_guest_order);
  g_test_add_func ("/integration-v2-after/02-register", test_register);
  g_test_add_func ("/integration-v2-after/03-transfer", test_transfer);
  g_test_add_func ("/integration-v2-after/04-fulfil", test_fulfil);
  g_test_add_func ("/integration-v2-after/05-return", test_return);

  return g_test_run ();
}
