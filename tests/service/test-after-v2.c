/* test-after-v2.c: after the purchase on a Medusa v2 store (the fake in v2
 * mode): claiming a guest order by transfer, and returns
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-auth.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-guest-orders-private.h"
#include "medusa-line-item.h"
#include "medusa-returns.h"
#include "service-fixture.h"

#define KEY "pk_fake_v2_key"
#define ADA "ada@example.com"
#define ADA_PASSWORD "analytical-engine"
#define GUEST "guest@example.com"

/* display ids: the guest's 1 … 3 (2 is shipped), then Ada’s 4 … 5 (4 fulfilled) */
#define GUEST_PENDING 1
#define GUEST_SHIPPED 2
#define ADA_SHIPPED   4

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
  MedusaRetryPolicy policy = { .max_retries = 0 };

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_set_v2 (f->fake, KEY);
  medusa_fake_server_add_customer (f->fake, GUEST, NULL, "Guest", "Buyer");
  medusa_fake_server_add_orders (f->fake, GUEST, 3);
  medusa_fake_server_add_customer (f->fake, ADA, ADA_PASSWORD, "Ada", "Lovelace");
  medusa_fake_server_add_orders (f->fake, ADA, 2);
  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (f->client, &policy);
  medusa_client_set_store_version (f->client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (f->client, KEY);

  medusa_client_sign_in_async (f->client, ADA, ADA_PASSWORD, NULL, medusa_fake_async_result_cb, &f->slot);
  result = medusa_fake_wait_result (&f->slot);
  customer = medusa_client_sign_in_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->fake);
}

static GAsyncResult *
wait (Fixture *f)
{
  return medusa_fake_wait_result (&f->slot);
}

static const char *
order_id (Fixture *f,
          guint    display_id)
{
  return medusa_fake_server_get_order_id (f->fake, display_id);
}

static MedusaOrder *
find (Fixture     *f,
      const char  *reference,
      char       **owner_id,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_find_guest_order_async (f->client, reference, NULL, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_find_guest_order_finish (f->client, result, NULL, owner_id, error);
}

static gboolean
request_claim (Fixture            *f,
               const char * const *ids,
               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_request_order_claim_async (f->client, ids, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_request_order_claim_finish (f->client, result, error);
}

static gboolean
confirm_claim (Fixture            *f,
               const char * const *ids,
               const char         *token,
               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_confirm_order_claims_async (f->client, ids, token, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_confirm_order_claims_finish (f->client, result, error);
}

static gboolean
cancel_claim (Fixture     *f,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_cancel_order_claim_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_cancel_order_claim_finish (f->client, result, error);
}

static gboolean
decline_claim (Fixture     *f,
               const char  *id,
               const char  *token,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_decline_order_claim_async (f->client, id, token, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_decline_order_claim_finish (f->client, result, error);
}

static void
test_capabilities (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaClient) v1 = medusa_client_new ("http://127.0.0.1:9", &error);

  g_assert_true (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_ORDER_BY_ID));
  g_assert_true (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL));
  g_assert_false (medusa_client_has_capability (f->client, MEDUSA_CAPABILITY_RETURN_HISTORY));
  g_assert_no_error (error);
  medusa_client_set_store_version (v1, MEDUSA_STORE_VERSION_V1);
  g_assert_false (medusa_client_has_capability (v1, MEDUSA_CAPABILITY_ORDER_BY_ID));
  g_assert_false (medusa_client_has_capability (v1, MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL));
  g_assert_true (medusa_client_has_capability (v1, MEDUSA_CAPABILITY_RETURN_HISTORY));
}

static void
test_text_parsing (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *text, *id; } ids[] = {
    { "order_01M8XKJR8CP71THRPJF0E265FH", "order_01M8XKJR8CP71THRPJF0E265FH" },
    { "  order_01ABC \n", "order_01ABC" },
    { "https://shop.example/orders/order_01ABC?x=1#y", "order_01ABC" },
    { "https://shop.example/orders/order_01ABC/", "order_01ABC" },
    { "order_", NULL }, { "1042", NULL }, { "order_01/../x", NULL }, { "order_01 x", NULL },
    { "", NULL }, { NULL, NULL },
  };
  static const struct { const char *text, *token; } tokens[] = {
    { "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47", "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47" },
    { " 5D4B98FA-3AB9-4481-B856-1B1F27E0EF47\n", "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47" },
    { "https://shop.example/transfer?token=5d4b98fa-3ab9-4481-b856-1b1f27e0ef47&x=1",
      "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47" },
    { "5d4b98fa-3ab9-4481-b856-1b1f27e0ef4", NULL },
    { "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47a", NULL },
    { "5d4b98fa-3ab9-4481-b856-1b1f27e0ef47 5d4b98fa-3ab9-4481-b856-1b1f27e0ef48", NULL },
    { "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln", NULL },
    { "", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *id = _medusa_v2_order_id_from_text (ids[i].text);

      g_assert_cmpstr (id, ==, ids[i].id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autofree char *token = medusa_client_claim_token_from_text (f->client, tokens[i].text);

      g_assert_cmpstr (token, ==, tokens[i].token);
    }
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *link = g_strdup_printf ("https://shop.example/order/%s", order_id (f, GUEST_PENDING));
  const MedusaFakeRequest *sent;

  medusa_fake_server_clear_requests (f->fake);
  order = find (f, link, &owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpstr (medusa_order_get_id (order), ==, order_id (f, GUEST_PENDING));
  g_assert_cmpint (medusa_order_get_display_id (order), ==, GUEST_PENDING);
  g_assert_cmpstr (owner, ==, medusa_fake_server_get_order_customer_id (f->fake, GUEST_PENDING));
  /* Only the publishable key: the order id is the secret, the account's
   * token is not needed to look. */
  sent = medusa_fake_server_get_last_request (f->fake, "GET", NULL);
  {
    g_autofree char *expected = g_strconcat ("/store/orders/", order_id (f, GUEST_PENDING), NULL);

    g_assert_cmpstr (medusa_fake_request_get_path (sent), ==, expected);
  }
  g_assert_null (medusa_fake_request_get_header (sent, "Authorization"));
  g_assert_cmpstr (medusa_fake_request_get_header (sent, "x-publishable-api-key"), ==, KEY);
  g_clear_object (&order);

  /* A number (the v1 way) is not an id: no request at all. */
  medusa_fake_server_clear_requests (f->fake);
  order = find (f, "1042", NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "order_"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
  g_clear_error (&error);

  /* An unknown id: a human message, not the store's. */
  order = find (f, "order_01NOPE", NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, "Order id not found"));
  g_assert_nonnull (strstr (error->message, "confirmation"));
  g_clear_error (&error);

  /* The store fails: its error as is (retry is the person's). */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 503, NULL, NULL, 1);
  order = find (f, order_id (f, GUEST_PENDING), NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
}

static void
test_transfer_accept (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { order_id (f, GUEST_PENDING), order_id (f, GUEST_SHIPPED), NULL };
  const char *ada_id = medusa_fake_server_get_order_customer_id (f->fake, ADA_SHIPPED);
  const MedusaFakeRequest *sent;
  g_autofree char *token2 = NULL;
  g_autofree char *token1 = NULL;

  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (request_claim (f, ids, &error));
  g_assert_no_error (error);
  /* One request per order, as the customer. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", NULL), ==, 2);
  sent = medusa_fake_server_get_last_request (f->fake, "POST", NULL);
  {
    g_autofree char *expected = g_strconcat ("/store/orders/", ids[1], "/transfer/request", NULL);

    g_assert_cmpstr (medusa_fake_request_get_path (sent), ==, expected);
  }
  g_assert_nonnull (medusa_fake_request_get_header (sent, "Authorization"));
  token1 = g_strdup (medusa_fake_server_get_transfer_token (f->fake, ids[0]));
  token2 = g_strdup (medusa_fake_server_get_transfer_token (f->fake, ids[1]));
  g_assert_nonnull (token1);
  g_assert_nonnull (token2);

  /* Asking again while the code is out: a human message. */
  g_assert_false (request_claim (f, ids, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_CONFLICT);
  g_assert_null (strstr (error->message, "order change"));
  g_assert_nonnull (strstr (error->message, "code"));
  g_clear_error (&error);

  /* A wrong code: human, and both requests still wait. */
  g_assert_false (confirm_claim (f, ids, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (strstr (error->message, "Invalid token"));
  g_clear_error (&error);
  g_assert_false (confirm_claim (f, ids, "not a code", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_assert_nonnull (medusa_fake_server_get_transfer_token (f->fake, ids[0]));

  /* The second order's code: tried on the first (refused), then accepted
   * for the second, without the account's token. */
  medusa_fake_server_clear_requests (f->fake);
  g_assert_true (confirm_claim (f, ids, token2, &error));
  g_assert_no_error (error);
  sent = medusa_fake_server_get_last_request (f->fake, "POST", NULL);
  {
    g_autofree char *expected = g_strconcat ("/store/orders/", ids[1], "/transfer/accept", NULL);

    g_assert_cmpstr (medusa_fake_request_get_path (sent), ==, expected);
  }
  g_assert_null (medusa_fake_request_get_header (sent, "Authorization"));
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (f->fake, GUEST_SHIPPED), ==, ada_id);
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (f->fake, GUEST_PENDING), !=, ada_id);

  /* The same code again: that order no longer waits. */
  {
    const char *second[] = { ids[1], NULL };

    g_assert_false (confirm_claim (f, second, token2, &error));
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
    g_assert_null (strstr (error->message, "does not have"));
    g_clear_error (&error);

    /* Now Ada's own: asking for it is "already in your account". */
    g_assert_false (request_claim (f, second, &error));
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
    g_assert_null (strstr (error->message, "cus_"));
    g_clear_error (&error);
  }

  /* Take the first one back; then nothing waits. */
  g_assert_true (cancel_claim (f, ids[0], &error));
  g_assert_no_error (error);
  g_assert_null (medusa_fake_server_get_transfer_token (f->fake, ids[0]));
  g_assert_false (cancel_claim (f, ids[0], &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_null (strstr (error->message, "Order Change"));
  g_clear_error (&error);
  g_assert_false (confirm_claim (f, ids, token1, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
}

static void
test_transfer_decline (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { order_id (f, GUEST_PENDING), NULL };
  g_autofree char *token = NULL;

  g_assert_true (request_claim (f, ids, &error));
  token = g_strdup (medusa_fake_server_get_transfer_token (f->fake, ids[0]));
  g_assert_false (decline_claim (f, ids[0], "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_assert_true (decline_claim (f, ids[0], token, &error));
  g_assert_no_error (error);
  /* Declined: the code no longer works, with a message that says so. */
  g_assert_false (confirm_claim (f, ids, token, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_assert_nonnull (strstr (error->message, "declined"));
  g_clear_error (&error);

  /* A v1 client has no such steps. */
  medusa_client_set_store_version (f->client, MEDUSA_STORE_VERSION_V1);
  g_assert_false (cancel_claim (f, ids[0], &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (decline_claim (f, ids[0], token, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

/* Returns */

static GListModel *
list_options (Fixture     *f,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_list_order_return_options_async (f->client, id, "reg_x", NULL,
                                                 medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_list_order_return_options_finish (f->client, result, error);
}

static GListModel *
list_returns (Fixture     *f,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_list_order_returns_async (f->client, id, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_list_order_returns_finish (f->client, result, error);
}

static MedusaReturn *
request_return (Fixture              *f,
                MedusaReturnRequest  *request,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_request_return_async (f->client, request, NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  return medusa_client_request_return_finish (f->client, result, error);
}

static char *
first_item_id (Fixture *f,
               guint    display_id)
{
  JsonObject *json = medusa_fake_server_get_order_json (f->fake, display_id);
  JsonArray *items = json_object_get_array_member (json, "items");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0), "id"));
}

static gint64
first_item_quantity (Fixture *f,
                     guint    display_id)
{
  JsonObject *json = medusa_fake_server_get_order_json (f->fake, display_id);
  JsonArray *items = json_object_get_array_member (json, "items");

  return json_object_get_int_member (json_array_get_object_element (items, 0), "quantity");
}

static void
test_return_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) options = NULL;
  g_autoptr(MedusaReturnOption) free_option = NULL;
  g_autoptr(MedusaReturnOption) paid = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const MedusaFakeRequest *sent;
  g_autofree char *cart_query = NULL;

  medusa_fake_server_clear_requests (f->fake);
  options = list_options (f, order_id (f, ADA_SHIPPED), &error);
  g_assert_no_error (error);
  /* Only the options with the is_return rule; the outbound one is not offered. */
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 2);
  free_option = g_list_model_get_item (options, 0);
  paid = g_list_model_get_item (options, 1);
  g_assert_cmpstr (medusa_return_option_get_id (free_option), ==, MEDUSA_FAKE_V2_RETURN_OPTION);
  g_assert_cmpint (medusa_return_option_get_price (free_option), ==, 0);
  g_assert_cmpstr (medusa_return_option_get_id (paid), ==, MEDUSA_FAKE_V2_RETURN_OPTION_PAID);
  g_assert_cmpint (medusa_return_option_get_price (paid), ==, 495);
  /* The order's own cart, then its return options. */
  sent = medusa_fake_server_get_request (f->fake, 0);
  g_assert_cmpstr (medusa_fake_request_get_query (sent), ==, "fields=id,currency_code,cart.id");
  sent = medusa_fake_server_get_last_request (f->fake, "GET", "/store/shipping-options");
  cart_query = g_strdup_printf ("cart_id=cart_%s&is_return=true", order_id (f, ADA_SHIPPED) + strlen ("order_"));
  g_assert_cmpstr (medusa_fake_request_get_query (sent), ==, cart_query);
  g_clear_object (&options);

  /* By region alone a v2 store has nothing to list. */
  medusa_client_list_return_options_async (f->client, "reg_x", NULL, medusa_fake_async_result_cb, &f->slot);
  result = wait (f);
  options = medusa_client_list_return_options_finish (f->client, result, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (options);
  g_clear_error (&error);

  /* Hostile answers */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/shipping-options", 200, NULL,
                                       "{\"shipping_options\":[{\"id\":\"so_x\",\"name\":\"R\",\"amount\":1e300,"
                                       "\"rules\":[{\"attribute\":\"is_return\",\"value\":\"true\",\"operator\":\"eq\"}]}]}",
                                       1);
  options = list_options (f, order_id (f, ADA_SHIPPED), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 200, NULL,
                                       "{\"order\":{\"id\":\"order_x\",\"cart\":{\"id\":\"../admin\"}}}", 1);
  options = list_options (f, order_id (f, ADA_SHIPPED), &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  /* An order without a cart (made by staff): no option, no error. */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 200, NULL,
                                       "{\"order\":{\"id\":\"order_x\",\"cart\":null}}", 1);
  options = list_options (f, order_id (f, ADA_SHIPPED), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 0);
}

static void
test_return_request (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(MedusaReturnRequest) request = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(MedusaReturn) summary = NULL;
  g_autofree char *item_id = first_item_id (f, ADA_SHIPPED);
  const char *id = order_id (f, ADA_SHIPPED);
  const MedusaFakeRequest *sent;
  JsonObject *body, *item;

  returns = list_returns (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 0);

  request = medusa_return_request_new (id);
  medusa_return_request_add_item (request, item_id, 1, MEDUSA_FAKE_REASON_DAMAGED, "Torn");
  medusa_return_request_set_known_returns (request, returns);

  /* No return shipping: v2 requires it; nothing is sent. */
  medusa_fake_server_clear_requests (f->fake);
  ret = request_return (f, request, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 0);
  g_clear_error (&error);

  medusa_return_request_set_option_id (request, MEDUSA_FAKE_V2_RETURN_OPTION);
  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_true (g_str_has_prefix (medusa_return_get_id (ret), "return_"));
  g_assert_cmpstr (medusa_return_get_status (ret), ==, "requested");
  {
    g_autoptr(MedusaReturnItem) got = g_list_model_get_item (medusa_return_get_items (ret), 0);

    g_assert_cmpstr (medusa_return_item_get_item_id (got), ==, item_id);
    g_assert_cmpint (medusa_return_item_get_quantity (got), ==, 1);
    g_assert_cmpstr (medusa_return_item_get_reason_id (got), ==, MEDUSA_FAKE_REASON_DAMAGED);
  }
  /* v2's body: items[].id (not item_id) and return_shipping. */
  sent = medusa_fake_server_get_last_request (f->fake, "POST", "/store/returns");
  body = json_node_get_object (medusa_fake_request_get_body_json (sent));
  item = json_array_get_object_element (json_object_get_array_member (body, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, item_id);
  g_assert_false (json_object_has_member (item, "item_id"));
  g_assert_cmpstr (json_object_get_string_member (item, "note"), ==, "Torn");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "return_shipping"),
                                                  "option_id"), ==, MEDUSA_FAKE_V2_RETURN_OPTION);
  g_assert_nonnull (medusa_fake_request_get_header (sent, "Idempotency-Key"));

  /* What the order shows now: one requested. */
  g_clear_object (&returns);
  returns = list_returns (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 1);
  summary = g_list_model_get_item (returns, 0);
  g_assert_cmpstr (medusa_return_get_status (summary), ==, "requested");
  g_assert_cmpint (medusa_returns_count_item (returns, item_id), ==, 1);

  /* More than is left: the store's refusal as a human message. */
  {
    g_autoptr(MedusaReturnRequest) more = medusa_return_request_new (id);
    g_autoptr(MedusaReturn) none = NULL;

    medusa_return_request_add_item (more, item_id, first_item_quantity (f, ADA_SHIPPED), NULL, NULL);
    medusa_return_request_set_option_id (more, MEDUSA_FAKE_V2_RETURN_OPTION);
    medusa_return_request_set_known_returns (more, returns);
    none = request_return (f, more, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
    g_assert_null (strstr (error->message, "ordli_"));
    g_assert_null (strstr (error->message, "item_"));
    g_assert_false (medusa_return_request_get_outcome_unknown (more));
    g_clear_error (&error);
  }

  /* A transfer waiting for its code blocks changes to the order. */
  {
    const char *guest[] = { order_id (f, GUEST_SHIPPED), NULL };
    g_autofree char *guest_item = first_item_id (f, GUEST_SHIPPED);
    g_autoptr(MedusaReturnRequest) blocked = medusa_return_request_new (guest[0]);
    g_autoptr(MedusaReturn) none = NULL;

    g_assert_true (request_claim (f, guest, &error));
    medusa_return_request_add_item (blocked, guest_item, 1, NULL, NULL);
    medusa_return_request_set_option_id (blocked, MEDUSA_FAKE_V2_RETURN_OPTION);
    none = request_return (f, blocked, &error);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_CONFLICT);
    g_assert_null (strstr (error->message, "order change"));
  }
}

/* The answer is lost (the return made); the person changes the quantity
 * and tries again: the counts show the first attempt made it, no second
 * return. A 502 before the store: the retry sends. */
static void
test_return_lost_answer (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaReturnRequest) request = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autofree char *item_id = first_item_id (f, ADA_SHIPPED);
  const char *id = order_id (f, ADA_SHIPPED);

  g_assert_cmpint (first_item_quantity (f, ADA_SHIPPED), >=, 2);

  /* No known returns given: the client reads the counts itself first. */
  request = medusa_return_request_new (id);
  medusa_return_request_add_item (request, item_id, 1, NULL, NULL);
  medusa_return_request_set_option_id (request, MEDUSA_FAKE_V2_RETURN_OPTION);
  medusa_fake_server_clear_requests (f->fake);
  medusa_fake_server_add_fault (f->fake, "POST", "/store/returns", MEDUSA_FAKE_FAULT_LOSE_ANSWER, 1);
  ret = request_return (f, request, &error);
  g_assert_nonnull (error);
  g_assert_null (ret);
  g_assert_true (medusa_return_request_get_outcome_unknown (request));
  g_clear_error (&error);
  g_assert_cmpint (medusa_fake_server_get_v2_return_requested (f->fake, id, item_id), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", NULL), ==, 1);

  medusa_return_request_clear_items (request);
  medusa_return_request_add_item (request, item_id, 2, NULL, NULL);
  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_false (medusa_return_request_get_outcome_unknown (request));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 1);
  g_assert_cmpint (medusa_fake_server_get_v2_return_requested (f->fake, id, item_id), ==, 1);
  g_clear_object (&ret);
  g_clear_object (&request);

  /* A 502 from a proxy: the store made nothing, the retry sends (once). */
  request = medusa_return_request_new (id);
  medusa_return_request_add_item (request, item_id, 1, NULL, NULL);
  medusa_return_request_set_option_id (request, MEDUSA_FAKE_V2_RETURN_OPTION);
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/returns", 502, NULL, NULL, 1);
  ret = request_return (f, request, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);
  ret = request_return (f, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/returns"), ==, 3);
  g_assert_cmpint (medusa_fake_server_get_v2_return_requested (f->fake, id, item_id), ==, 2);
}

static void
test_return_summary_hostile (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) returns = NULL;
  const char *id = order_id (f, ADA_SHIPPED);
  g_autofree char *negative = g_strdup_printf ("{\"order\":{\"id\":\"%s\",\"items\":[{\"id\":\"i\",\"detail\":"
                                               "{\"return_requested_quantity\":-1}}]}}", id);
  g_autofree char *huge = g_strdup_printf ("{\"order\":{\"id\":\"%s\",\"items\":[{\"id\":\"i\",\"detail\":"
                                           "{\"return_requested_quantity\":9223372036854775807,"
                                           "\"return_received_quantity\":9223372036854775807}}]}}", id);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 200, NULL, negative, 1);
  returns = list_returns (f, id, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 200, NULL,
                                       "{\"order\":{\"id\":\"order_other\",\"items\":[]}}", 1);
  returns = list_returns (f, id, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders/", 200, NULL, huge, 1);
  returns = list_returns (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 2);
  g_assert_cmpint (medusa_returns_count_item (returns, "i"), ==, G_MAXINT32);
  g_assert_cmpint (medusa_returns_left_to_return (5, medusa_returns_count_item (returns, "i")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/after-v2/capabilities", test_capabilities);
  ADD ("/after-v2/text-parsing", test_text_parsing);
  ADD ("/after-v2/transfer/find", test_find);
  ADD ("/after-v2/transfer/accept", test_transfer_accept);
  ADD ("/after-v2/transfer/decline", test_transfer_decline);
  ADD ("/after-v2/returns/options", test_return_options);
  ADD ("/after-v2/returns/request", test_return_request);
  ADD ("/after-v2/returns/lost-answer", test_return_lost_answer);
  ADD ("/after-v2/returns/summary-hostile", test_return_summary_hostile);

  return g_test_run ();
}
