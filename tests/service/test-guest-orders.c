/* test-guest-orders.c: find an order placed as a guest and claim it
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-order-page.h"
#include "medusa-order-query.h"
#include "service-fixture.h"

#define GUEST_EMAIL "guest.shopper@example.com"

typedef ServiceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  service_fixture_set_up (f, NULL);
  medusa_fake_server_add_customer (f->fake, OTHER_EMAIL, OTHER_PASSWORD, "Other", "Person");
  medusa_fake_server_add_customer (f->fake, GUEST_EMAIL, NULL, NULL, NULL);
  /* 1 the demo's own, 2..3 placed as a guest, 4 another account's */
  medusa_fake_server_add_orders (f->fake, DEMO_EMAIL, 1);
  medusa_fake_server_add_orders (f->fake, GUEST_EMAIL, 2);
  medusa_fake_server_add_orders (f->fake, OTHER_EMAIL, 1);
  service_fixture_sign_in_as (f, DEMO_EMAIL);
}

static MedusaOrder *
lookup (Fixture     *f,
        gint64       display_id,
        const char  *email,
        gboolean    *has_account,
        char       **owner_id,
        GError     **error)
{
  medusa_client_lookup_guest_order_async (f->client, display_id, email, NULL,
                                          medusa_fake_async_result_cb, &f->slot);
  return medusa_client_lookup_guest_order_finish (f->client, service_fixture_wait (f),
                                                  has_account, owner_id, error);
}

static gboolean
request_claim (Fixture            *f,
               const char * const *ids,
               GError            **error)
{
  medusa_client_request_order_claim_async (f->client, ids, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_request_order_claim_finish (f->client, service_fixture_wait (f), error);
}

static gboolean
confirm_claim (Fixture     *f,
               const char  *token,
               GError     **error)
{
  medusa_client_confirm_order_claim_async (f->client, token, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_confirm_order_claim_finish (f->client, service_fixture_wait (f), error);
}

/* "3,1": the display ids of GET /store/customers/me/orders */
static char *
my_order_numbers (Fixture *f)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  GString *out = g_string_new (NULL);

  medusa_client_list_orders_async (f->client, query, NULL, medusa_fake_async_result_cb, &f->slot);
  page = medusa_client_list_orders_finish (f->client, service_fixture_wait (f), &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              medusa_order_get_display_id (order));
    }
  return g_string_free (out, FALSE);
}

static void
test_lookup_found (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autofree char *owner = NULL;
  gboolean has_account = TRUE;
  const MedusaFakeRequest *request;

  /* typed with capitals and spaces: the store compares case-sensitively */
  order = lookup (f, 2, "  Guest.Shopper@Example.COM ", &has_account, &owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 2);
  g_assert_cmpstr (medusa_order_get_email (order), ==, GUEST_EMAIL);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), >, 0);
  g_assert_cmpint (medusa_order_get_total (order), >, 0);
  g_assert_false (has_account);
  g_assert_cmpstr (owner, ==, medusa_fake_server_get_order_customer_id (f->fake, 2));

  request = service_assert_last_request (f, "GET", "/store/orders");
  g_assert_cmpstr (medusa_fake_request_get_query (request), ==,
                   "display_id=2&email=guest.shopper%40example.com");
  /* a guest route: the account's credential is not sent */
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));
}

static void
test_lookup_not_found (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  /* an email that is not the order's */
  order = lookup (f, 2, "someone.else@example.com", NULL, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (order);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_request_get_status (service_assert_last_request (f, "GET", "/store/orders")),
                    ==, 404);

  /* no such number */
  order = lookup (f, 999, GUEST_EMAIL, NULL, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_assert_null (order);
}

static void
test_lookup_account_order (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaOrder) mine = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *my_owner = NULL;
  gboolean has_account = FALSE;
  g_autoptr(MedusaCustomer) me = service_retrieve_customer (f, NULL);

  order = lookup (f, 4, OTHER_EMAIL, &has_account, &owner, &error);
  g_assert_no_error (error);
  g_assert_true (has_account);
  g_assert_cmpstr (owner, ==, medusa_fake_server_get_order_customer_id (f->fake, 4));
  g_assert_cmpstr (owner, !=, medusa_customer_get_id (me));

  has_account = FALSE;
  mine = lookup (f, 1, DEMO_EMAIL, &has_account, &my_owner, &error);
  g_assert_no_error (error);
  g_assert_true (has_account);
  g_assert_cmpstr (my_owner, ==, medusa_customer_get_id (me));
}

static void
test_lookup_faults (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  /* the store's 400 for an email it does not take */
  order = lookup (f, 2, "not-an-email", NULL, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_clear_error (&error);

  medusa_fake_server_add_fault (f->fake, "GET", "/store/orders?", MEDUSA_FAKE_FAULT_MALFORMED_JSON, 1);
  order = lookup (f, 2, GUEST_EMAIL, NULL, NULL, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  /* a GET is repeated after a 503 */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/orders?", 503, NULL, NULL, 1);
  order = lookup (f, 2, GUEST_EMAIL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/orders"), ==, 4);
}

static void
test_claim (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expected = NULL;
  const char *ids[] = {
    medusa_fake_server_get_order_id (f->fake, 2),
    medusa_fake_server_get_order_id (f->fake, 3),
    NULL
  };
  const MedusaFakeRequest *request;

  before = my_order_numbers (f);
  g_assert_cmpstr (before, ==, "1");

  g_assert_true (request_claim (f, ids, &error));
  g_assert_no_error (error);
  request = service_assert_bearer_request (f, "POST", "/store/orders/batch/customer/token");
  expected = g_strdup_printf ("{\"order_ids\":[\"%s\",\"%s\"]}", ids[0], ids[1]);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request), expected));
  /* the store mails it to the email of the orders */
  token = g_strdup (medusa_fake_server_get_claim_token (f->fake, GUEST_EMAIL));
  g_assert_nonnull (token);

  g_assert_true (confirm_claim (f, token, &error));
  g_assert_no_error (error);
  request = service_assert_last_request (f, "POST", "/store/orders/customer/confirm");
  g_assert_null (medusa_fake_request_get_header (request, "Authorization"));

  after = my_order_numbers (f);
  g_assert_cmpstr (after, ==, "3,2,1");
}

static void
test_request_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { medusa_fake_server_get_order_id (f->fake, 2), NULL };

  /* a 502 of a POST that mails something is not repeated */
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/orders/batch", 502, NULL, NULL, 1);
  g_assert_false (request_claim (f, ids, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/orders/batch/customer/token"), ==, 1);
  g_assert_null (medusa_fake_server_get_claim_token (f->fake, GUEST_EMAIL));

  /* signed out: 401 */
  medusa_client_set_token (f->client, NULL);
  g_assert_false (request_claim (f, ids, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
}

static void
test_confirm_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *mine = NULL;
  const char *ids[] = { medusa_fake_server_get_order_id (f->fake, 2), NULL };

  g_assert_true (request_claim (f, ids, &error));
  g_assert_no_error (error);
  token = g_strdup (medusa_fake_server_get_claim_token (f->fake, GUEST_EMAIL));

  /* not a JWT: 400 */
  g_assert_false (confirm_claim (f, "hello", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_request_get_status (service_assert_last_request (f, "POST", "/store/orders/customer/confirm")),
                    ==, 400);

  /* JWT-shaped, wrong signature: 500 unknown_error */
  wrong = g_strconcat (token, "x", NULL);
  g_assert_false (confirm_claim (f, wrong, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_fake_request_get_status (service_assert_last_request (f, "POST", "/store/orders/customer/confirm")),
                    ==, 500);

  /* expired: 500 too */
  medusa_fake_server_expire_claim_tokens (f->fake);
  g_assert_false (confirm_claim (f, token, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);

  /* a 503 is the store's trouble, not the code's */
  medusa_fake_server_add_status_fault (f->fake, "POST", "/store/orders/customer/confirm", 503, NULL, NULL, 0);
  g_assert_false (confirm_claim (f, token, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);

  mine = my_order_numbers (f);
  g_assert_cmpstr (mine, ==, "1");
}

/* Pasted text */

#define JWT "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGFpbWluZ0N1c3RvbWVySWQiOiJjdXMifQ.RJiU9ChYQy55jToJ-3lX1Z_6BBs"

static void
test_token_from_text (void)
{
  static const struct { const char *text; const char *token; } cases[] = {
    { JWT, JWT },
    { "  " JWT "\n", JWT },
    { "https://shop.example/claim?token=" JWT, JWT },
    { "https://shop.example/account/orders/claim?email=a%40b.c&token=" JWT "&x=1", JWT },
    { "https://shop.example/#/claim?token=" JWT, JWT },
    { "https://shop.example/claim-order/" JWT, JWT },
    { "token=" JWT, JWT },
    { "", NULL },
    { "   ", NULL },
    { "hello", NULL },
    { "eyJ.abc", NULL },
    { "a..b", NULL },
    { "a.b.c.d", NULL },
    { "a.b.c d", NULL },
    { "https://shop.example/claim?token=hello", NULL },
    { "https://shop.example/claim?token=%00" JWT, NULL },
    { "https://shop.example/claim", NULL },
    { "javascript:alert(1)", NULL },
  };
  g_autofree char *huge = NULL;
  g_autofree char *long_part = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = medusa_order_claim_token_from_text (cases[i].text);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_cmpstr (token, ==, cases[i].token);
    }
  g_assert_null (medusa_order_claim_token_from_text (NULL));
  g_assert_null (medusa_order_claim_token_from_text ("a.\xff\xfe.c"));

  long_part = g_strnfill (MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH, 'A');
  huge = g_strconcat ("a.", long_part, ".c", NULL);
  g_assert_null (medusa_order_claim_token_from_text (huge));
}

static void
test_order_number_parse (void)
{
  g_assert_cmpint (medusa_order_number_parse ("42"), ==, 42);
  g_assert_cmpint (medusa_order_number_parse (" #7 "), ==, 7);
  g_assert_cmpint (medusa_order_number_parse ("2147483647"), ==, G_MAXINT32);
  g_assert_cmpint (medusa_order_number_parse ("2147483648"), ==, 0);
  g_assert_cmpint (medusa_order_number_parse ("0"), ==, 0);
  g_assert_cmpint (medusa_order_number_parse ("-3"), ==, 0);
  g_assert_cmpint (medusa_order_number_parse ("1e3"), ==, 0);
  g_assert_cmpint (medusa_order_number_parse ("#"), ==, 0);
  g_assert_cmpint (medusa_order_number_parse (""), ==, 0);
  g_assert_cmpint (medusa_order_number_parse (NULL), ==, 0);
  g_assert_cmpint (medusa_order_number_parse ("99999999999999999999"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, service_fixture_tear_down)
  ADD ("/guest-orders/lookup/found", test_lookup_found);
  ADD ("/guest-orders/lookup/not-found", test_lookup_not_found);
  ADD ("/guest-orders/lookup/account-order", test_lookup_account_order);
  ADD ("/guest-orders/lookup/faults", test_lookup_faults);
  ADD ("/guest-orders/claim", test_claim);
  ADD ("/guest-orders/request/errors", test_request_errors);
  ADD ("/guest-orders/confirm/errors", test_confirm_errors);
#undef ADD
  g_test_add_func ("/guest-orders/parse/token", test_token_from_text);
  g_test_add_func ("/guest-orders/parse/number", test_order_number_parse);

  return g_test_run ();
}
