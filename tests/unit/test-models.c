/* test-models.c: the models, parsed from real responses of a Medusa 1.20.11
 * backend (tests/unit/fixtures) and from broken JSON
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "medusa-customer.h"
#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-model-enums.h"
#include "medusa-money.h"
#include "medusa-order.h"
#include "medusa-order-page.h"
#include "medusa-payment-method.h"
#include "medusa-region.h"

/* Helpers */

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
member_object (JsonNode   *root,
               const char *member)
{
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_has_member (object, member));
  return json_object_get_object_member (object, member);
}

static void
assert_date (GDateTime  *when,
             const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (when);
  g_assert_nonnull (expected);
  g_assert_cmpint (g_date_time_compare (when, expected), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (when), ==, 0);
}

static gpointer
list_item (GListModel *model,
           guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  /* The model keeps its reference; tests may then finalize the owner. */
  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

/* Address and customer */

static void
test_customer_me (void)
{
  g_autoptr(JsonNode) root = load_fixture ("customer.json");
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;
  MedusaAddress *billing, *home, *second;
  GListModel *addresses;
  JsonObject *metadata;
  g_autofree char *display_name = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *multiline = NULL;
  g_autofree char *one_line = NULL;
  g_autofree char *billing_line = NULL;
  gboolean has_account = FALSE;

  customer = medusa_customer_new_from_json (member_object (root, "customer"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);

  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_01M8DMKFVHHKYSK7DFFXA23DSS");
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "models-fixture-1795754147@example.com");
  g_assert_cmpstr (medusa_customer_get_first_name (customer), ==, "Ada");
  g_assert_cmpstr (medusa_customer_get_last_name (customer), ==, "Lovelace");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+44 20 7946 0000");
  g_assert_true (medusa_customer_get_has_account (customer));
  g_assert_cmpstr (medusa_customer_get_billing_address_id (customer), ==, "addr_01M8DMKFYZYYXVE3Z88G0GKEC1");
  assert_date (medusa_customer_get_created_at (customer), "2026-11-27T04:35:47.694Z");
  assert_date (medusa_customer_get_updated_at (customer), "2026-11-27T04:35:47.805Z");
  g_assert_cmpint (g_date_time_get_microsecond (medusa_customer_get_created_at (customer)), ==, 694000);

  metadata = medusa_customer_get_metadata (customer);
  g_assert_nonnull (metadata);
  g_assert_cmpstr (json_object_get_string_member (metadata, "newsletter"), ==, "yes");

  display_name = medusa_customer_dup_display_name (customer);
  g_assert_cmpstr (display_name, ==, "Ada Lovelace");
  g_assert_false (medusa_customer_has_orders_info (customer));
  g_assert_cmpuint (medusa_customer_get_n_orders (customer), ==, 0);

  /* properties mirror the getters */
  g_object_get (customer, "first-name", &first_name, "has-account", &has_account, NULL);
  g_assert_cmpstr (first_name, ==, "Ada");
  g_assert_true (has_account);

  billing = medusa_customer_get_billing_address (customer);
  g_assert_nonnull (billing);
  g_assert_cmpstr (medusa_address_get_id (billing), ==, "addr_01M8DMKFYZYYXVE3Z88G0GKEC1");
  g_assert_null (medusa_address_get_customer_id (billing));
  g_assert_null (medusa_address_get_company (billing));
  g_assert_cmpstr (medusa_address_get_address_1 (billing), ==, "Billing Road 5");
  g_assert_null (medusa_address_get_address_2 (billing));
  g_assert_cmpstr (medusa_address_get_city (billing), ==, "Paris");
  g_assert_cmpstr (medusa_address_get_country_code (billing), ==, "fr");
  g_assert_cmpstr (medusa_address_get_postal_code (billing), ==, "75001");
  g_assert_null (medusa_address_get_metadata (billing));
  billing_line = medusa_address_format_one_line (billing);
  g_assert_cmpstr (billing_line, ==, "Ada Lovelace, Billing Road 5, 75001 Paris, FR");

  addresses = medusa_customer_get_shipping_addresses (customer);
  g_assert_true (g_list_model_get_item_type (addresses) == MEDUSA_TYPE_ADDRESS);
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 2);

  home = list_item (addresses, 0);
  g_assert_cmpstr (medusa_address_get_id (home), ==, "addr_01M8DMKFX7ZW2H35BVMA4HSFP9");
  g_assert_cmpstr (medusa_address_get_customer_id (home), ==, "cus_01M8DMKFVHHKYSK7DFFXA23DSS");
  g_assert_cmpstr (medusa_address_get_company (home), ==, "Analytical Engines Ltd");
  g_assert_cmpstr (medusa_address_get_first_name (home), ==, "Ada");
  g_assert_cmpstr (medusa_address_get_last_name (home), ==, "Lovelace");
  g_assert_cmpstr (medusa_address_get_address_1 (home), ==, "12 St James Square");
  g_assert_cmpstr (medusa_address_get_address_2 (home), ==, "Flat 3");
  g_assert_cmpstr (medusa_address_get_city (home), ==, "London");
  g_assert_cmpstr (medusa_address_get_country_code (home), ==, "de");
  g_assert_cmpstr (medusa_address_get_province (home), ==, "Greater London");
  g_assert_cmpstr (medusa_address_get_postal_code (home), ==, "SW1Y 4JH");
  g_assert_cmpstr (medusa_address_get_phone (home), ==, "+44 20 7946 0000");
  g_assert_cmpstr (json_object_get_string_member (medusa_address_get_metadata (home), "label"), ==, "Home");
  assert_date (medusa_address_get_created_at (home), "2026-11-27T04:35:47.743Z");
  assert_date (medusa_address_get_updated_at (home), "2026-11-27T04:35:47.743Z");

  multiline = medusa_address_format_multiline (home);
  g_assert_cmpstr (multiline, ==,
                   "Ada Lovelace\n"
                   "Analytical Engines Ltd\n"
                   "12 St James Square\n"
                   "Flat 3\n"
                   "SW1Y 4JH London\n"
                   "Greater London\n"
                   "DE");
  one_line = medusa_address_format_one_line (home);
  g_assert_cmpstr (one_line, ==,
                   "Ada Lovelace, Analytical Engines Ltd, 12 St James Square, Flat 3, "
                   "SW1Y 4JH London, Greater London, DE");

  second = list_item (addresses, 1);
  g_assert_cmpstr (medusa_address_get_first_name (second), ==, "Charles");
  g_assert_cmpstr (medusa_address_get_last_name (second), ==, "Babbage");
  g_assert_null (medusa_address_get_phone (second));
  g_assert_false (medusa_address_same_place (home, second));
  g_assert_true (medusa_address_same_place (home, home));

  g_assert_true (medusa_customer_find_address (customer, "addr_01M8DMKFXZ76XV35PH5M9K16XX") == second);
  g_assert_null (medusa_customer_find_address (customer, "addr_unknown"));
  g_assert_null (medusa_customer_find_address (customer, NULL));

  g_assert_finalize_object (customer);
}

static void
test_customer_login (void)
{
  g_autoptr(JsonNode) root = load_fixture ("login.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  MedusaCustomer *customer;
  guint n_orders = 0;

  customer = medusa_customer_new_from_json (member_object (root, "customer"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);

  g_assert_cmpstr (medusa_customer_get_id (customer), ==, "cus_01M8DMEWZVHQAMEYJVZ3F8150P");
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "demo@example.com");
  g_assert_cmpstr (medusa_customer_get_phone (customer), ==, "+4930123456");
  g_assert_null (medusa_customer_get_billing_address_id (customer));
  g_assert_null (medusa_customer_get_metadata (customer));
  assert_date (medusa_customer_get_created_at (customer), "2026-11-27T04:33:17.300Z");

  /* login responses have no billing_address, but do have the orders */
  g_assert_null (medusa_customer_get_billing_address (customer));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 0);
  g_assert_true (medusa_customer_has_orders_info (customer));
  g_assert_cmpuint (medusa_customer_get_n_orders (customer), ==, 12);
  g_object_get (customer, "n-orders", &n_orders, NULL);
  g_assert_cmpuint (n_orders, ==, 12);

  display_name = medusa_customer_dup_display_name (customer);
  g_assert_cmpstr (display_name, ==, "Demo Customer");

  g_assert_finalize_object (customer);
}

static void
test_customer_display_name (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "{\"id\":\"cus_1\",\"email\":\"a@example.com\"}", "a@example.com" },
    { "{\"id\":\"cus_1\",\"email\":\"a@example.com\",\"first_name\":\"\",\"last_name\":\" \"}", "a@example.com" },
    { "{\"id\":\"cus_1\",\"email\":\"a@example.com\",\"first_name\":\"Ada\",\"last_name\":null}", "Ada" },
    { "{\"id\":\"cus_1\",\"email\":\"a@example.com\",\"last_name\":\"Byron\"}", "Byron" },
    { "{\"id\":\"cus_1\"}", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaCustomer) customer = NULL;
      g_autofree char *name = NULL;
      g_autofree char *property = NULL;

      customer = medusa_customer_new_from_json (json_node_get_object (root), &error);
      g_assert_no_error (error);
      name = medusa_customer_dup_display_name (customer);
      g_assert_cmpstr (name, ==, cases[i].expected);
      g_object_get (customer, "display-name", &property, NULL);
      g_assert_cmpstr (property, ==, cases[i].expected);
      g_assert_false (medusa_customer_get_has_account (customer));
    }
}

static MedusaAddress *
address_from_json (const char *json)
{
  g_autoptr(JsonNode) root = parse_json (json);
  g_autoptr(GError) error = NULL;
  MedusaAddress *address = medusa_address_new_from_json (json_node_get_object (root), &error);

  g_assert_no_error (error);
  g_assert_nonnull (address);
  return address;
}

static void
test_address_same_place (void)
{
  g_autoptr(MedusaAddress) a = address_from_json (
    "{\"id\":\"addr_a\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address_1\":\"12 St James Square\","
    "\"city\":\"London\",\"country_code\":\"gb\",\"postal_code\":\"SW1Y 4JH\",\"company\":null,\"phone\":\"\"}");
  g_autoptr(MedusaAddress) b = address_from_json (
    "{\"id\":\"addr_b\",\"first_name\":\" ada \",\"last_name\":\"LOVELACE\",\"address_1\":\"12  st james   square\","
    "\"city\":\"london\",\"country_code\":\"GB\",\"postal_code\":\"sw1y 4jh\",\"metadata\":{\"x\":1}}");
  g_autoptr(MedusaAddress) other_postal = address_from_json (
    "{\"id\":\"addr_c\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address_1\":\"12 St James Square\","
    "\"city\":\"London\",\"country_code\":\"gb\",\"postal_code\":\"SW1Y 4JJ\"}");
  g_autoptr(MedusaAddress) other_line2 = address_from_json (
    "{\"id\":\"addr_d\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address_1\":\"12 St James Square\","
    "\"address_2\":\"Flat 1\",\"city\":\"London\",\"country_code\":\"gb\",\"postal_code\":\"SW1Y 4JH\"}");
  g_autofree char *multiline = NULL;
  g_autofree char *full_name = NULL;

  g_assert_true (medusa_address_same_place (a, b));
  g_assert_true (medusa_address_same_place (b, a));
  g_assert_false (medusa_address_same_place (a, other_postal));
  g_assert_false (medusa_address_same_place (a, other_line2));

  /* blank parts are skipped, the country is upper-cased */
  multiline = medusa_address_format_multiline (b);
  g_assert_cmpstr (multiline, ==, "ada LOVELACE\n12  st james   square\nsw1y 4jh london\nGB");
  full_name = medusa_address_dup_full_name (other_postal);
  g_assert_cmpstr (full_name, ==, "Ada Lovelace");
}

/* Orders */

static void
assert_fixture_order_12 (MedusaOrder *order)
{
  GListModel *items = medusa_order_get_items (order);
  GListModel *methods = medusa_order_get_shipping_methods (order);
  GListModel *payments = medusa_order_get_payments (order);
  MedusaLineItem *shirt, *mug;
  MedusaShippingMethod *method;
  MedusaPayment *payment;
  MedusaAddress *shipping;

  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_01M8DMF6N9C78BFF2SZHB8E2TB");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 12);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
  g_assert_cmpstr (medusa_order_get_email (order), ==, "demo@example.com");
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "eur");
  g_assert_cmpstr (medusa_order_get_region_id (order), ==, "reg_01M8DMCPB67VYJ7RXKS3V210TN");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "EU");
  g_assert_cmpfloat (medusa_order_get_tax_rate (order), ==, 0.0);
  assert_date (medusa_order_get_created_at (order), "2026-11-27T04:33:27.182Z");
  g_assert_null (medusa_order_get_canceled_at (order));

  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 3150);
  g_assert_cmpint (medusa_order_get_discount_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 1500);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 4650);
  g_assert_cmpint (medusa_order_get_total (order), ==, 4650);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 2);
  shirt = list_item (items, 0);
  g_assert_cmpstr (medusa_line_item_get_id (shirt), ==, "item_01M8DMF661FAPDX513X7ZN23BW");
  g_assert_cmpstr (medusa_line_item_get_title (shirt), ==, "Test T-Shirt");
  g_assert_cmpstr (medusa_line_item_get_description (shirt), ==, "M");
  g_assert_cmpstr (medusa_line_item_get_variant_title (shirt), ==, "M");
  g_assert_null (medusa_line_item_get_thumbnail (shirt));
  g_assert_cmpint (medusa_line_item_get_quantity (shirt), ==, 1);
  g_assert_cmpint (medusa_line_item_get_unit_price (shirt), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_subtotal (shirt), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_total (shirt), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_tax_total (shirt), ==, 0);
  g_assert_cmpint (medusa_line_item_get_discount_total (shirt), ==, 0);
  g_assert_cmpstr (medusa_line_item_get_currency_code (shirt), ==, "eur");
  mug = list_item (items, 1);
  g_assert_cmpstr (medusa_line_item_get_title (mug), ==, "Test Mug");
  g_assert_cmpstr (medusa_line_item_get_variant_title (mug), ==, "White");
  g_assert_cmpint (medusa_line_item_get_unit_price (mug), ==, 1200);

  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 1);
  method = list_item (methods, 0);
  g_assert_cmpstr (medusa_shipping_method_get_id (method), ==, "sm_01M8DMF6DZKWXQA3AGCTT5FJPC");
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Express Shipping");
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 1500);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 1500);

  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  payment = list_item (payments, 0);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_01M8DMF6M8FNQVZP77701PSPMB");
  g_assert_cmpstr (medusa_payment_get_provider_id (payment), ==, "manual");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 4650);
  g_assert_cmpint (medusa_payment_get_amount_refunded (payment), ==, 0);
  g_assert_cmpstr (medusa_payment_get_currency_code (payment), ==, "eur");
  assert_date (medusa_payment_get_captured_at (payment), "2026-11-27T04:33:27.338Z");
  g_assert_null (medusa_payment_get_canceled_at (payment));

  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 0);

  shipping = medusa_order_get_shipping_address (order);
  g_assert_nonnull (shipping);
  g_assert_cmpstr (medusa_address_get_id (shipping), ==, "addr_01M8DMF6ARVA87080ZJX9BG894");
  g_assert_cmpstr (medusa_address_get_address_1 (shipping), ==, "Teststrasse 12");
  g_assert_cmpstr (medusa_address_get_city (shipping), ==, "Berlin");
  g_assert_cmpstr (medusa_address_get_postal_code (shipping), ==, "10115");
  g_assert_null (medusa_address_get_customer_id (shipping));
  g_assert_null (medusa_order_get_billing_address (order));
}

static void
test_order_page_list (void)
{
  static const struct {
    gint64 display_id;
    MedusaOrderStatus status;
    MedusaFulfillmentStatus fulfillment;
    MedusaPaymentStatus payment;
    gint64 total;
    guint n_fulfillments;
  } expected[] = {
    { 12, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_CAPTURED, 4650, 0 },
    { 11, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_AWAITING, 6650, 0 },
    { 10, MEDUSA_ORDER_STATUS_CANCELED, MEDUSA_FULFILLMENT_STATUS_CANCELED, MEDUSA_PAYMENT_STATUS_CANCELED, 6050, 0 },
    { 9, MEDUSA_ORDER_STATUS_COMPLETED, MEDUSA_FULFILLMENT_STATUS_SHIPPED, MEDUSA_PAYMENT_STATUS_CAPTURED, 2000, 1 },
    { 8, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_FULFILLED, MEDUSA_PAYMENT_STATUS_CAPTURED, 9250, 1 },
    { 7, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_CAPTURED, 4700, 0 },
    { 6, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_AWAITING, 5600, 0 },
    { 5, MEDUSA_ORDER_STATUS_CANCELED, MEDUSA_FULFILLMENT_STATUS_CANCELED, MEDUSA_PAYMENT_STATUS_CANCELED, 4700, 0 },
    { 4, MEDUSA_ORDER_STATUS_COMPLETED, MEDUSA_FULFILLMENT_STATUS_SHIPPED, MEDUSA_PAYMENT_STATUS_CAPTURED, 5850, 1 },
    { 3, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_FULFILLED, MEDUSA_PAYMENT_STATUS_CAPTURED, 2950, 1 },
    { 2, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_CAPTURED, 8550, 0 },
    { 1, MEDUSA_ORDER_STATUS_PENDING, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED, MEDUSA_PAYMENT_STATUS_AWAITING, 4700, 0 },
  };
  g_autoptr(JsonNode) root = load_fixture ("orders.json");
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;
  GListModel *orders;
  MedusaOrderStatus status = MEDUSA_ORDER_STATUS_UNKNOWN;

  page = medusa_order_page_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  g_assert_cmpint (medusa_order_page_get_count (page), ==, 12);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, 0);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 100);

  orders = medusa_order_page_get_orders (page);
  g_assert_true (g_list_model_get_item_type (orders) == MEDUSA_TYPE_ORDER);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MedusaOrder *order = list_item (orders, i);

      g_assert_cmpint (medusa_order_get_display_id (order), ==, expected[i].display_id);
      g_assert_cmpint (medusa_order_get_status (order), ==, expected[i].status);
      g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, expected[i].fulfillment);
      g_assert_cmpint (medusa_order_get_payment_status (order), ==, expected[i].payment);
      g_assert_cmpint (medusa_order_get_total (order), ==, expected[i].total);
      g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==,
                        expected[i].n_fulfillments);
      g_assert_cmpint (medusa_order_get_n_items (order), >, 0);
    }

  assert_fixture_order_12 (list_item (orders, 0));

  /* the enum property uses the registered GType */
  g_object_get (list_item (orders, 2), "status", &status, NULL);
  g_assert_cmpint (status, ==, MEDUSA_ORDER_STATUS_CANCELED);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (
                   G_OBJECT_GET_CLASS (list_item (orders, 0)), "payment-status")) == MEDUSA_TYPE_PAYMENT_STATUS);

  g_assert_finalize_object (page);
}

static void
test_order_page_fields (void)
{
  g_autoptr(JsonNode) root = load_fixture ("orders-fields.json");
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;
  GListModel *orders;

  page = medusa_order_page_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);

  g_assert_cmpint (medusa_order_page_get_count (page), ==, 12);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, 2);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 3);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 3);
  g_assert_cmpint (medusa_order_get_display_id (list_item (orders, 0)), ==, 10);
  g_assert_cmpint (medusa_order_get_display_id (list_item (orders, 2)), ==, 8);
  g_assert_cmpint (medusa_order_get_status (list_item (orders, 1)), ==, MEDUSA_ORDER_STATUS_COMPLETED);

  g_assert_finalize_object (page);
}

static void
test_order_shipped (void)
{
  g_autoptr(JsonNode) root = load_fixture ("order-shipped.json");
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;
  MedusaFulfillment *fulfillment;
  MedusaTrackingLink *link;
  MedusaShippingMethod *method;
  MedusaPayment *payment;
  MedusaLineItem *item;
  GListModel *links;
  g_autofree char *tracking_number = NULL;

  order = medusa_order_new_from_json (member_object (root, "order"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_01M8DMF4FST4T37EEKEGYAVD8D");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 9);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_COMPLETED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
  assert_date (medusa_order_get_created_at (order), "2026-11-27T04:33:24.955Z");
  g_assert_cmpstr (medusa_order_get_region_name (order), ==, "EU");
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 1200);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 800);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 2000);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_total (order), ==, 2000);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 1);
  g_assert_cmpstr (medusa_address_get_address_1 (medusa_order_get_shipping_address (order)), ==, "Teststrasse 9");

  item = list_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_id (item), ==, "item_01M8DMF43PEF9G641H088BM5VS");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "White");
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 1200);

  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 1);
  fulfillment = list_item (medusa_order_get_fulfillments (order), 0);
  g_assert_cmpstr (medusa_fulfillment_get_id (fulfillment), ==, "ful_01M8DMF4QEN2SDWQXSZHFCDRSB");
  assert_date (medusa_fulfillment_get_created_at (fulfillment), "2026-11-27T04:33:25.207Z");
  assert_date (medusa_fulfillment_get_shipped_at (fulfillment), "2026-11-27T04:33:25.357Z");
  g_assert_null (medusa_fulfillment_get_canceled_at (fulfillment));
  g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, 1);

  /* tracking_numbers is [] here; the number comes from tracking_links */
  links = medusa_fulfillment_get_tracking_links (fulfillment);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  link = list_item (links, 0);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, "TRACK-9");
  g_assert_null (medusa_tracking_link_get_url (link));
  g_object_get (link, "tracking-number", &tracking_number, NULL);
  g_assert_cmpstr (tracking_number, ==, "TRACK-9");

  method = list_item (medusa_order_get_shipping_methods (order), 0);
  g_assert_cmpstr (medusa_shipping_method_get_id (method), ==, "sm_01M8DMF49DWXF41CFH0KP43BD9");
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Standard Shipping");
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 800);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 800);

  payment = list_item (medusa_order_get_payments (order), 0);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_01M8DMF4EKSM5R1PKKAX944WMK");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 2000);
  assert_date (medusa_payment_get_captured_at (payment), "2026-11-27T04:33:25.115Z");

  g_assert_finalize_object (order);
}

/* What the order list keeps: a row's fields, without the details. */
static void
test_order_summary (void)
{
  g_autoptr(JsonNode) root = load_fixture ("order-shipped.json");
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;
  MedusaOrder *summary;
  GListModel *items;

  order = medusa_order_new_from_json (member_object (root, "order"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  summary = medusa_order_copy_summary (order);
  g_assert_true (summary != order);
  g_assert_cmpstr (medusa_order_get_id (summary), ==, "order_01M8DMF4FST4T37EEKEGYAVD8D");
  g_assert_true (medusa_order_get_id (summary) != medusa_order_get_id (order));
  g_assert_cmpint (medusa_order_get_display_id (summary), ==, 9);
  g_assert_cmpint (medusa_order_get_status (summary), ==, MEDUSA_ORDER_STATUS_COMPLETED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (summary), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpint (medusa_order_get_payment_status (summary), ==, MEDUSA_PAYMENT_STATUS_CAPTURED);
  assert_date (medusa_order_get_created_at (summary), "2026-11-27T04:33:24.955Z");
  g_assert_cmpstr (medusa_order_get_currency_code (summary), ==, medusa_order_get_currency_code (order));
  g_assert_cmpint (medusa_order_get_subtotal (summary), ==, 1200);
  g_assert_cmpint (medusa_order_get_shipping_total (summary), ==, 800);
  g_assert_cmpint (medusa_order_get_paid_total (summary), ==, 2000);
  g_assert_cmpint (medusa_order_get_total (summary), ==, 2000);
  g_assert_cmpint (medusa_order_get_n_items (summary), ==, 1);

  /* the details are left out; the lists exist, empty */
  g_assert_null (medusa_order_get_region_name (summary));
  g_assert_null (medusa_order_get_shipping_address (summary));
  g_assert_null (medusa_order_get_metadata (summary));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (summary)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_payments (summary)), ==, 0);
  g_object_get (summary, "fulfillments", &items, NULL);
  g_assert_true (G_IS_LIST_MODEL (items));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  g_object_unref (items);

  /* the original keeps everything */
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 1);
  g_assert_finalize_object (order);
  g_assert_finalize_object (summary);
}

static void
test_order_minimal (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"order_1\",\"display_id\":5,\"status\":\"pending\",\"created_at\":\"2026-01-02T03:04:05Z\","
    "\"tax_rate\":null,\"metadata\":{\"gift\":true},\"canceled_at\":null,\"region\":null,"
    "\"shipping_address\":null,\"total\":1950.0}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  MedusaOrder *order;
  gint64 total = 0;

  order = medusa_order_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpint (medusa_order_get_display_id (order), ==, 5);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_UNKNOWN);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_UNKNOWN);
  g_assert_null (medusa_order_get_email (order));
  g_assert_null (medusa_order_get_currency_code (order));
  g_assert_null (medusa_order_get_region_name (order));
  g_assert_cmpfloat (medusa_order_get_tax_rate (order), ==, 0.0);
  assert_date (medusa_order_get_created_at (order), "2026-01-02T03:04:05Z");
  g_assert_null (medusa_order_get_canceled_at (order));
  g_assert_true (json_object_get_boolean_member (medusa_order_get_metadata (order), "gift"));
  g_assert_cmpint (medusa_order_get_total (order), ==, 1950);
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 0);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 0);
  g_assert_null (medusa_order_get_shipping_address (order));
  g_assert_null (medusa_order_get_billing_address (order));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_shipping_methods (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_payments (order)), ==, 0);

  g_object_get (order, "items", &items, "total", &total, NULL);
  g_assert_true (items == medusa_order_get_items (order));
  g_assert_cmpint (total, ==, 1950);
  g_clear_object (&items);

  g_assert_finalize_object (order);
}

/* What a receipt lists: discount and gift card codes, refunds; hostile
 * shapes are parse errors, never a crash. */
static void
test_order_receipt_fields (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"order_1\",\"display_id\":7,"
    "\"discounts\":[{\"id\":\"d1\",\"code\":\"SOMMER10\"},{\"id\":\"d2\",\"code\":\"\"},"
    "{\"id\":\"d3\",\"code\":null}],"
    "\"gift_cards\":[{\"id\":\"g1\",\"code\":\"GIFT-ÄÖÜ\"}],"
    "\"refunds\":[{\"id\":\"ref_1\",\"amount\":1999,\"reason\":\"return\",\"note\":null,"
    "\"created_at\":\"2026-03-20T10:00:00.000Z\"}]}");
  const char *bad[] = {
    "{\"id\":\"o\",\"discounts\":[\"SOMMER10\"]}",
    "{\"id\":\"o\",\"gift_cards\":{\"code\":\"x\"}}",
    "{\"id\":\"o\",\"gift_cards\":[{\"code\":5}]}",
    "{\"id\":\"o\",\"refunds\":[{\"amount\":5}]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaRefund) refund = NULL;
  g_autoptr(MedusaOrder) minimal = NULL;
  g_autoptr(JsonNode) empty = parse_json ("{\"id\":\"o\"}");
  MedusaOrder *order;

  order = medusa_order_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);

  g_assert_cmpstrv (medusa_order_get_discount_codes (order), ((const char *[]) { "SOMMER10", NULL }));
  g_assert_cmpstrv (medusa_order_get_gift_card_codes (order), ((const char *[]) { "GIFT-ÄÖÜ", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 1);
  refund = g_list_model_get_item (medusa_order_get_refunds (order), 0);
  g_assert_cmpstr (medusa_refund_get_id (refund), ==, "ref_1");
  g_assert_cmpint (medusa_refund_get_amount (refund), ==, 1999);
  g_assert_cmpstr (medusa_refund_get_reason (refund), ==, "return");
  g_assert_null (medusa_refund_get_note (refund));
  assert_date (medusa_refund_get_created_at (refund), "2026-03-20T10:00:00Z");
  g_clear_object (&refund);
  g_assert_finalize_object (order);

  minimal = medusa_order_new_from_json (json_node_get_object (empty), &error);
  g_assert_no_error (error);
  g_assert_null (medusa_order_get_discount_codes (minimal)[0]);
  g_assert_null (medusa_order_get_gift_card_codes (minimal)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (minimal)), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_json (bad[i]);
      g_autoptr(MedusaOrder) broken = medusa_order_new_from_json (json_node_get_object (node), &error);

      g_assert_null (broken);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_clear_error (&error);
    }
}

static void
test_order_unknown_status (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"order_2\",\"status\":\"exploded\",\"fulfillment_status\":\"teleported\","
    "\"payment_status\":\"in_escrow\",\"unknown_field\":[1,2,3]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  order = medusa_order_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_UNKNOWN);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_UNKNOWN);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_UNKNOWN);
}

static void
test_fulfillment_tracking_numbers (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"ful_1\",\"tracking_numbers\":[\"A1\",\"\",\"B2\"],\"tracking_links\":[],"
    "\"items\":[{\"item_id\":\"i1\",\"quantity\":2},{\"item_id\":\"i2\",\"quantity\":3}],"
    "\"shipped_at\":null}");
  g_autoptr(JsonNode) with_links = parse_json (
    "{\"id\":\"ful_2\",\"tracking_numbers\":[\"IGNORED\"],"
    "\"tracking_links\":[{\"tracking_number\":\"Z9\",\"url\":\"https://track.example.com/Z9\"}]}");
  g_autoptr(GError) error = NULL;
  MedusaFulfillment *fulfillment;
  GListModel *links;

  fulfillment = medusa_fulfillment_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  links = medusa_fulfillment_get_tracking_links (fulfillment);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (list_item (links, 0)), ==, "A1");
  g_assert_null (medusa_tracking_link_get_url (list_item (links, 0)));
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (list_item (links, 1)), ==, "B2");
  g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, 5);
  g_assert_null (medusa_fulfillment_get_shipped_at (fulfillment));
  g_assert_finalize_object (fulfillment);

  fulfillment = medusa_fulfillment_new_from_json (json_node_get_object (with_links), &error);
  g_assert_no_error (error);
  links = medusa_fulfillment_get_tracking_links (fulfillment);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (list_item (links, 0)), ==, "Z9");
  g_assert_cmpstr (medusa_tracking_link_get_url (list_item (links, 0)), ==, "https://track.example.com/Z9");
  g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, 0);
  g_assert_finalize_object (fulfillment);
}

static void
test_shipping_method_without_total (void)
{
  g_autoptr(JsonNode) root = parse_json ("{\"id\":\"sm_1\",\"price\":800}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaShippingMethod) method = NULL;

  method = medusa_shipping_method_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_null (medusa_shipping_method_get_name (method));
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 800);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 800);
}

static void
test_line_item_without_variant (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"item_1\",\"title\":\"Mug\",\"description\":\"Black\",\"quantity\":2,\"unit_price\":1300}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaLineItem) item = NULL;

  item = medusa_line_item_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "Black");
  g_assert_null (medusa_line_item_get_currency_code (item));
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 0);
}

/* Payment methods and regions */

static void
test_payment_methods (void)
{
  g_autoptr(JsonNode) root = load_fixture ("payment-methods.json");
  g_autoptr(JsonNode) listed = parse_json (
    "{\"payment_methods\":[{\"provider_id\":\"manual\",\"data\":{}},"
    "{\"provider_id\":\"stripe\",\"data\":{\"id\":\"pm_1\",\"type\":\"card\","
    "\"card\":{\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":4,\"exp_year\":2030}}},"
    "{\"provider_id\":\"other\",\"data\":{\"brand\":\"mastercard\",\"last4\":\"4444\",\"exp_month\":\"13\"}},"
    "{\"provider_id\":\"paypal\",\"data\":null}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) store = NULL;
  static const char * const summaries[] = {
    "Manual payment", "Visa •••• 4242 · 04/2030", "Mastercard •••• 4444", "PayPal",
  };

  /* the real backend: the manual provider saves nothing */
  store = medusa_json_read_list (json_node_get_object (root), "payment_methods",
                                 MEDUSA_TYPE_PAYMENT_METHOD,
                                 (MedusaJsonModelFunc) medusa_payment_method_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_clear_object (&store);

  store = medusa_json_read_list (json_node_get_object (listed), "payment_methods",
                                 MEDUSA_TYPE_PAYMENT_METHOD,
                                 (MedusaJsonModelFunc) medusa_payment_method_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, G_N_ELEMENTS (summaries));

  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      MedusaPaymentMethod *method = list_item (G_LIST_MODEL (store), i);
      g_autofree char *summary = medusa_payment_method_dup_summary (method);

      g_assert_cmpstr (summary, ==, summaries[i]);
      g_assert_nonnull (medusa_payment_method_get_data (method));
    }

  g_assert_cmpstr (medusa_payment_method_get_provider_id (list_item (G_LIST_MODEL (store), 1)), ==, "stripe");
  g_assert_cmpstr (json_object_get_string_member (medusa_payment_method_get_data (
                     list_item (G_LIST_MODEL (store), 1)), "id"), ==, "pm_1");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_payment_provider_names (void)
{
  static const struct {
    const char *id;
    const char *name;
  } cases[] = {
    { "manual", "Manual payment" },
    { "stripe", "Stripe" },
    { "paypal", "PayPal" },
    { "stripe_ideal", "Stripe ideal" },
    { "klarna-pay-later", "Klarna pay later" },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = medusa_payment_provider_dup_name (cases[i].id);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_regions (void)
{
  g_autoptr(JsonNode) root = load_fixture ("regions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) store = NULL;
  static const char * const iso[] = { "de", "fr", "nl", "it", "es", "dk", "se", "at", "be" };
  MedusaRegion *region;
  GListModel *countries;

  store = medusa_json_read_list (json_node_get_object (root), "regions", MEDUSA_TYPE_REGION,
                                 (MedusaJsonModelFunc) medusa_region_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  region = list_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (medusa_region_get_id (region), ==, "reg_01M8DMCPB67VYJ7RXKS3V210TN");
  g_assert_cmpstr (medusa_region_get_name (region), ==, "EU");
  g_assert_cmpstr (medusa_region_get_currency_code (region), ==, "eur");

  countries = medusa_region_get_countries (region);
  g_assert_true (g_list_model_get_item_type (countries) == MEDUSA_TYPE_COUNTRY);
  g_assert_cmpuint (g_list_model_get_n_items (countries), ==, G_N_ELEMENTS (iso));
  for (guint i = 0; i < G_N_ELEMENTS (iso); i++)
    g_assert_cmpstr (medusa_country_get_iso_2 (list_item (countries, i)), ==, iso[i]);
  g_assert_cmpstr (medusa_country_get_display_name (list_item (countries, 0)), ==, "Germany");
  g_assert_cmpstr (medusa_country_get_display_name (list_item (countries, 8)), ==, "Belgium");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_country_fallback_name (void)
{
  g_autoptr(JsonNode) root = parse_json ("{\"iso_2\":\"gb\",\"display_name\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCountry) country = NULL;

  country = medusa_country_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_country_get_display_name (country), ==, "GB");
}

static void
test_country_new (void)
{
  g_autoptr(MedusaCountry) bare = medusa_country_new ("GB", NULL);
  g_autoptr(MedusaCountry) named = medusa_country_new ("de", "Germany");

  /* Stored as the API sends codes, shown upper-cased without a name. */
  g_assert_cmpstr (medusa_country_get_iso_2 (bare), ==, "gb");
  g_assert_cmpstr (medusa_country_get_display_name (bare), ==, "GB");
  g_assert_cmpstr (medusa_country_get_iso_2 (named), ==, "de");
  g_assert_cmpstr (medusa_country_get_display_name (named), ==, "Germany");
}

/* Enums */

static void
test_enums (void)
{
  for (MedusaOrderStatus s = MEDUSA_ORDER_STATUS_PENDING; s <= MEDUSA_ORDER_STATUS_REQUIRES_ACTION; s++)
    {
      g_assert_nonnull (medusa_order_status_to_string (s));
      g_assert_cmpint (medusa_order_status_from_string (medusa_order_status_to_string (s)), ==, s);
      g_assert_nonnull (medusa_order_status_to_label (s));
    }
  for (MedusaFulfillmentStatus s = MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED; s <= MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION; s++)
    {
      g_assert_nonnull (medusa_fulfillment_status_to_string (s));
      g_assert_cmpint (medusa_fulfillment_status_from_string (medusa_fulfillment_status_to_string (s)), ==, s);
      g_assert_nonnull (medusa_fulfillment_status_to_label (s));
    }
  for (MedusaPaymentStatus s = MEDUSA_PAYMENT_STATUS_NOT_PAID; s <= MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION; s++)
    {
      g_assert_nonnull (medusa_payment_status_to_string (s));
      g_assert_cmpint (medusa_payment_status_from_string (medusa_payment_status_to_string (s)), ==, s);
      g_assert_nonnull (medusa_payment_status_to_label (s));
    }

  g_assert_cmpstr (medusa_order_status_to_string (MEDUSA_ORDER_STATUS_REQUIRES_ACTION), ==, "requires_action");
  g_assert_cmpstr (medusa_fulfillment_status_to_string (MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED), ==, "partially_shipped");
  g_assert_cmpstr (medusa_payment_status_to_string (MEDUSA_PAYMENT_STATUS_NOT_PAID), ==, "not_paid");
  g_assert_cmpstr (medusa_order_status_to_label (MEDUSA_ORDER_STATUS_REQUIRES_ACTION), ==, "Requires action");
  g_assert_cmpstr (medusa_fulfillment_status_to_label (MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED), ==, "Not fulfilled");
  g_assert_cmpstr (medusa_payment_status_to_label (MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED), ==, "Partially refunded");

  g_assert_cmpint (medusa_order_status_from_string ("PENDING"), ==, MEDUSA_ORDER_STATUS_UNKNOWN);
  g_assert_cmpint (medusa_order_status_from_string (NULL), ==, MEDUSA_ORDER_STATUS_UNKNOWN);
  g_assert_cmpint (medusa_payment_status_from_string ("bogus"), ==, MEDUSA_PAYMENT_STATUS_UNKNOWN);
  g_assert_null (medusa_order_status_to_string (MEDUSA_ORDER_STATUS_UNKNOWN));
  g_assert_null (medusa_payment_status_to_string (99));
  g_assert_nonnull (medusa_fulfillment_status_to_label (99));
  g_assert_nonnull (medusa_order_status_to_label (MEDUSA_ORDER_STATUS_UNKNOWN));

  /* the mkenums GTypes agree with the API's spelling */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (MEDUSA_TYPE_FULFILLMENT_STATUS);

    g_assert_nonnull (g_enum_get_value (klass, MEDUSA_FULFILLMENT_STATUS_RETURNED));
    g_assert_cmpint (g_enum_get_value_by_nick (klass, "requires-action")->value, ==,
                     MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION);
  }
}

/* JSON readers */

static void
test_json_readers (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"whole\":1950.0,\"half\":1.5,\"int\":-7,\"text\":\"x\",\"flag\":true,\"null\":null,"
    "\"rate\":12,\"date\":\"2026-03-01T10:00:00+02:00\",\"bad_date\":\"yesterday\"}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = g_strdup ("previous");
  gint64 number = 99;
  double rate = 0;
  gboolean flag = FALSE;

  g_assert_true (medusa_json_read_int (object, "whole", &number, &error));
  g_assert_cmpint (number, ==, 1950);
  g_assert_true (medusa_json_read_int (object, "int", &number, &error));
  g_assert_cmpint (number, ==, -7);
  g_assert_true (medusa_json_read_int (object, "null", &number, &error));
  g_assert_cmpint (number, ==, 0);
  g_assert_true (medusa_json_read_int (object, "absent", &number, &error));
  g_assert_cmpint (number, ==, 0);
  g_assert_true (medusa_json_read_double (object, "rate", &rate, &error));
  g_assert_cmpfloat (rate, ==, 12.0);
  g_assert_true (medusa_json_read_boolean (object, "flag", &flag, &error));
  g_assert_true (flag);
  g_assert_true (medusa_json_read_string (object, "null", &text, &error));
  g_assert_null (text);
  g_assert_no_error (error);

  /* dates with an offset end up in UTC */
  g_assert_true (medusa_json_read_date (object, "date", &date, &error));
  g_assert_no_error (error);
  assert_date (date, "2026-03-01T08:00:00Z");
  g_assert_cmpint (g_date_time_get_hour (date), ==, 8);

  g_assert_false (medusa_json_read_int (object, "half", &number, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "half"));
  g_clear_error (&error);
  g_assert_false (medusa_json_read_int (object, "text", &number, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (medusa_json_read_boolean (object, "int", &flag, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (medusa_json_read_date (object, "bad_date", &date, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad_date"));
  g_clear_error (&error);
  g_assert_false (medusa_json_read_id (object, "absent", &text, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
}

/* Hostile strings and numbers from the store */

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD in UTF-8 */

static void
assert_shown_text (const char *text,
                   const char *prefix)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, prefix));
}

static void
test_hostile_strings (void)
{
  /* json-glib decodes a lone surrogate escape into bytes that are not UTF-8
   * (a Pango warning, then SIGABRT in the accessibility bus, for a label). */
  g_autoptr(JsonNode) customer_root = parse_json (
    "{\"id\":\"cus_1\",\"email\":\"ada@example.com\",\"first_name\":\"A\\ud800da\","
    "\"last_name\":\"\\udc00 L\",\"phone\":\"+49\\ud800 1\","
    "\"metadata\":{\"note\":\"x\\ud800yz\",\"tier\":\"gold\",\"count\":3,\"nested\":{}},"
    "\"shipping_addresses\":[{\"id\":\"addr_1\",\"city\":\"B\\ud800xerlin\"}]}");
  g_autoptr(JsonNode) order_root = parse_json (
    "{\"id\":\"order_1\",\"email\":\"o\\ud800x@example.com\",\"currency_code\":\"eur\","
    "\"items\":[{\"id\":\"item_1\",\"title\":\"M\\udc00xug\",\"quantity\":1,\"unit_price\":5}],"
    "\"fulfillments\":[{\"id\":\"ful_1\",\"tracking_numbers\":[\"T\\ud800XY\"]}],"
    "\"region\":{\"name\":\"E\\ud800xU\"}}");
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;
  MedusaOrder *order;
  MedusaFulfillment *fulfillment;
  g_autofree char *display_name = NULL;
  g_autofree char *note = NULL;
  g_autofree char *tier = NULL;

  customer = medusa_customer_new_from_json (json_node_get_object (customer_root), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "ada@example.com");
  assert_shown_text (medusa_customer_get_first_name (customer), "A" REPLACEMENT);
  assert_shown_text (medusa_customer_get_last_name (customer), REPLACEMENT);
  assert_shown_text (medusa_customer_get_phone (customer), "+49" REPLACEMENT);
  display_name = medusa_customer_dup_display_name (customer);
  assert_shown_text (display_name, "A" REPLACEMENT);
  assert_shown_text (medusa_address_get_city (list_item (medusa_customer_get_shipping_addresses (customer), 0)),
                     "B" REPLACEMENT);

  /* Metadata stays as the store sent it; its values are read repaired. */
  note = medusa_customer_dup_metadata_string (customer, "note");
  assert_shown_text (note, "x" REPLACEMENT);
  g_assert_true (g_str_has_suffix (note, "z"));
  tier = medusa_customer_dup_metadata_string (customer, "tier");
  g_assert_cmpstr (tier, ==, "gold");
  g_assert_null (medusa_customer_dup_metadata_string (customer, "count"));
  g_assert_null (medusa_customer_dup_metadata_string (customer, "nested"));
  g_assert_null (medusa_customer_dup_metadata_string (customer, "absent"));
  g_assert_finalize_object (customer);

  /* An order's email is only shown: repaired, not refused. */
  order = medusa_order_new_from_json (json_node_get_object (order_root), &error);
  g_assert_no_error (error);
  assert_shown_text (medusa_order_get_email (order), "o" REPLACEMENT);
  assert_shown_text (medusa_order_get_region_name (order), "E" REPLACEMENT);
  assert_shown_text (medusa_line_item_get_title (list_item (medusa_order_get_items (order), 0)),
                     "M" REPLACEMENT);
  fulfillment = list_item (medusa_order_get_fulfillments (order), 0);
  assert_shown_text (medusa_tracking_link_get_tracking_number (
                       list_item (medusa_fulfillment_get_tracking_links (fulfillment), 0)),
                     "T" REPLACEMENT);
  g_assert_finalize_object (order);
}

static void
test_customer_email_never_repaired (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"cus_1\",\"email\":\"\\ud800x@example.com\",\"first_name\":\"Ada\"}");
  g_autoptr(JsonNode) pair = parse_json (
    "{\"id\":\"cus_1\",\"email\":\"\\ud83d\\ude00@example.com\"}");
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  /* Repaired, it would go to the keyring and GSettings as another address. */
  customer = medusa_customer_new_from_json (json_node_get_object (root), &error);
  g_assert_null (customer);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "email"));
  g_clear_error (&error);

  customer = medusa_customer_new_from_json (json_node_get_object (pair), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, "\xf0\x9f\x98\x80@example.com");
  g_assert_finalize_object (customer);
}

static void
test_money_checked (void)
{
  gint64 result = 42;

  g_assert_true (medusa_money_checked_add (G_MAXINT64 - 1, 1, &result));
  g_assert_cmpint (result, ==, G_MAXINT64);
  g_assert_true (medusa_money_checked_add (G_MININT64, G_MAXINT64, &result));
  g_assert_cmpint (result, ==, -1);
  g_assert_true (medusa_money_checked_add (G_MININT64 + 1, -1, &result));
  g_assert_cmpint (result, ==, G_MININT64);

  result = 42;
  g_assert_false (medusa_money_checked_add (G_MAXINT64, 1, &result));
  g_assert_false (medusa_money_checked_add (G_MININT64, -1, &result));
  g_assert_false (medusa_money_checked_add (G_MAXINT64, G_MAXINT64, &result));
  g_assert_cmpint (result, ==, 42);  /* untouched */

  g_assert_true (medusa_money_checked_mul (G_MAXINT64, 1, &result));
  g_assert_cmpint (result, ==, G_MAXINT64);
  g_assert_true (medusa_money_checked_mul (G_MAXINT64, -1, &result));
  g_assert_cmpint (result, ==, -G_MAXINT64);
  g_assert_true (medusa_money_checked_mul (G_MININT64 / 2, 2, &result));
  g_assert_cmpint (result, ==, G_MININT64);
  g_assert_true (medusa_money_checked_mul (0, G_MININT64, &result));
  g_assert_cmpint (result, ==, 0);
  g_assert_true (medusa_money_checked_mul (3, 1950, &result));
  g_assert_cmpint (result, ==, 5850);

  result = 42;
  g_assert_false (medusa_money_checked_mul (G_MININT64, -1, &result));
  g_assert_false (medusa_money_checked_mul (G_MAXINT64 / 2 + 1, 2, &result));
  g_assert_false (medusa_money_checked_mul (G_MAXINT64, G_MAXINT64, &result));
  /* 2^32 × 2^32 wraps to exactly 0: the "0.00" line total of the bug */
  g_assert_false (medusa_money_checked_mul (G_GINT64_CONSTANT (1) << 32, G_GINT64_CONSTANT (1) << 32, &result));
  g_assert_cmpint (result, ==, 42);
}

static void
test_line_item_line_total (void)
{
  static const struct {
    const char *json;
    gboolean    fits;
    gint64      total;
  } cases[] = {
    { "{\"id\":\"i\",\"quantity\":3,\"unit_price\":1950}", TRUE, 5850 },
    { "{\"id\":\"i\",\"quantity\":3,\"unit_price\":1950,\"subtotal\":5000}", TRUE, 5000 },
    { "{\"id\":\"i\",\"quantity\":0,\"unit_price\":1950}", TRUE, 0 },
    { "{\"id\":\"i\",\"quantity\":1,\"unit_price\":9223372036854775807}", TRUE, G_MAXINT64 },
    { "{\"id\":\"i\",\"quantity\":-2,\"unit_price\":4611686018427387904}", TRUE, G_MININT64 },
    { "{\"id\":\"i\",\"quantity\":4294967296,\"unit_price\":4294967296}", FALSE, 0 },
    { "{\"id\":\"i\",\"quantity\":2,\"unit_price\":4611686018427387904}", FALSE, 0 },
    { "{\"id\":\"i\",\"quantity\":9223372036854775807,\"unit_price\":9223372036854775807}", FALSE, 0 },
    { "{\"id\":\"i\",\"quantity\":-9223372036854775807,\"unit_price\":2}", FALSE, 0 },
    /* a whole-number double is an integer too */
    { "{\"id\":\"i\",\"quantity\":3.0,\"unit_price\":4.0e18}", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaLineItem) item = NULL;
      gint64 total = 42;

      g_test_message ("%s", cases[i].json);
      item = medusa_line_item_new_from_json (json_node_get_object (root), &error);
      g_assert_no_error (error);
      g_assert_cmpint (medusa_line_item_compute_line_total (item, &total), ==, cases[i].fits);
      g_assert_cmpint (total, ==, cases[i].total);
    }
}

static void
test_order_big_quantities (void)
{
  g_autoptr(JsonNode) root = parse_json (
    "{\"id\":\"o\",\"items\":[{\"id\":\"a\",\"quantity\":9223372036854775806},"
    "{\"id\":\"b\",\"quantity\":1}],"
    "\"fulfillments\":[{\"id\":\"f\",\"items\":[{\"quantity\":9223372036854775800},{\"quantity\":7}]}]}");
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;

  /* Exactly G_MAXINT64 still fits. */
  order = medusa_order_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, G_MAXINT64);
  g_assert_cmpint (medusa_fulfillment_get_n_items (list_item (medusa_order_get_fulfillments (order), 0)),
                   ==, G_MAXINT64);
  g_assert_finalize_object (order);
}

static void
test_order_page_bounds (void)
{
  g_autoptr(JsonNode) no_count = parse_json (
    "{\"orders\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"offset\":40,\"limit\":20}");
  g_autoptr(JsonNode) last = parse_json (
    "{\"orders\":[{\"id\":\"a\"}],\"offset\":9223372036854775806}");
  g_autoptr(JsonNode) huge_with_count = parse_json (
    "{\"orders\":[{\"id\":\"a\"}],\"count\":9223372036854775807,\"offset\":9223372036854775807}");
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;

  page = medusa_order_page_new_from_json (json_node_get_object (no_count), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 42);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 20);
  g_assert_finalize_object (page);

  page = medusa_order_page_new_from_json (json_node_get_object (last), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, G_MAXINT64);
  g_assert_finalize_object (page);

  /* Nothing is added when the count is there. */
  page = medusa_order_page_new_from_json (json_node_get_object (huge_with_count), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, G_MAXINT64);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, G_MAXINT64);
  g_assert_finalize_object (page);
}

static void
test_tracking_safe_url (void)
{
  static const struct {
    const char *url;
    gboolean    safe;
  } cases[] = {
    { "https://track.example.com/Z9", TRUE },
    { "http://track.example.com/Z9?n=1&c=de#top", TRUE },
    { "HTTPS://Track.Example.com/Z9", TRUE },
    { "https://track.example.com:8443/%5A9", TRUE },
    { "https://[2001:db8::1]/t", TRUE },
    { "https://b\xc3\xbc" "cher.example/t", TRUE },
    { "file:///etc/passwd", FALSE },
    { "FILE:///etc/passwd", FALSE },
    { "file://localhost/etc/passwd", FALSE },
    { "javascript:alert(1)", FALSE },
    { "JavaScript://track.example.com/%0aalert(1)", FALSE },
    { "data:text/html,<script>alert(1)</script>", FALSE },
    { "data:text/html;base64,PHNjcmlwdD4=", FALSE },
    { "ftp://track.example.com/Z9", FALSE },
    { "smb://track.example.com/share", FALSE },
    { "mailto:track@example.com", FALSE },
    { "https:///Z9", FALSE },                /* no host */
    { "https:Z9", FALSE },
    { "https://", FALSE },
    { "//track.example.com/Z9", FALSE },     /* not absolute */
    { "/etc/passwd", FALSE },
    { "track.example.com/Z9", FALSE },
    { "https://track.example.com/Z 9", FALSE },
    { " https://track.example.com/Z9", FALSE },
    { "https://track.example.com/Z9\n", FALSE },
    { "https://track.example.com/Z9\t", FALSE },
    { "https://exa mple.com/", FALSE },
    { "https://track.example.com/\"onmouseover=", FALSE },
    { "https://track.example.com/<b>", FALSE },
    { "https://track.example.com/\xe2\x80\xaeZ9", FALSE },   /* RIGHT-TO-LEFT OVERRIDE */
    { "https://track.example.com/\xe2\x80\x8bZ9", FALSE },   /* ZERO WIDTH SPACE */
    { "https://track.example.com/\xc2\xa0Z9", FALSE },        /* NO-BREAK SPACE */
    { "https://user:secret@track.example.com/", FALSE },
    { "https://track.example.com@evil.example/", FALSE },
    { "https://track.example.com/%zz", FALSE },
    { "https://track.example.com:99999/", FALSE },
    { "https://track.example.com/\xed\xa0\x80", FALSE },      /* not UTF-8 */
    { "https://track.example.com/\xff", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = medusa_tracking_link_dup_safe_url (cases[i].url);

      g_test_message ("%u: %s", i, cases[i].safe ? "safe" : "refused");
      if (cases[i].safe)
        g_assert_cmpstr (safe, ==, cases[i].url);
      else
        g_assert_null (safe);
    }
}

/* Broken JSON: an error, never a crash or a critical */

typedef gpointer (*NewFromJson) (JsonObject *object, GError **error);

typedef struct
{
  const char *name;
  NewFromJson func;
  const char *json;
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "address-missing-id", (NewFromJson) medusa_address_new_from_json, "{\"city\":\"Berlin\"}" },
  { "address-id-number", (NewFromJson) medusa_address_new_from_json, "{\"id\":42}" },
  { "address-id-empty", (NewFromJson) medusa_address_new_from_json, "{\"id\":\"\"}" },
  { "address-id-null", (NewFromJson) medusa_address_new_from_json, "{\"id\":null}" },
  { "address-city-array", (NewFromJson) medusa_address_new_from_json, "{\"id\":\"a\",\"city\":[\"x\"]}" },
  { "address-metadata-string", (NewFromJson) medusa_address_new_from_json, "{\"id\":\"a\",\"metadata\":\"x\"}" },
  { "address-bad-date", (NewFromJson) medusa_address_new_from_json, "{\"id\":\"a\",\"created_at\":\"soon\"}" },
  { "customer-missing-id", (NewFromJson) medusa_customer_new_from_json, "{\"email\":\"a@example.com\"}" },
  { "customer-has-account-string", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"has_account\":\"yes\"}" },
  { "customer-addresses-object", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"shipping_addresses\":{}}" },
  { "customer-address-number", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"shipping_addresses\":[1]}" },
  { "customer-address-no-id", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"shipping_addresses\":[{\"city\":\"x\"}]}" },
  { "customer-billing-string", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"billing_address\":\"addr_1\"}" },
  { "customer-orders-object", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"orders\":{}}" },
  { "order-missing-id", (NewFromJson) medusa_order_new_from_json, "{\"display_id\":1}" },
  { "order-id-object", (NewFromJson) medusa_order_new_from_json, "{\"id\":{}}" },
  { "order-items-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":\"x\"}" },
  { "order-item-no-id", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":[{\"title\":\"x\"}]}" },
  { "order-total-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"total\":\"4650\"}" },
  { "order-subtotal-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"subtotal\":\"10\"}" },
  { "order-display-id-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"display_id\":\"12\"}" },
  { "order-status-number", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"status\":5}" },
  { "order-tax-rate-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"tax_rate\":\"0.2\"}" },
  { "order-region-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"region\":\"EU\"}" },
  { "order-region-name-number", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"region\":{\"name\":1}}" },
  { "order-quantity-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":[{\"id\":\"i\",\"quantity\":\"2\"}]}" },
  { "order-shipping-address-array", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"shipping_address\":[]}" },
  { "order-payment-amount-string", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"payments\":[{\"id\":\"p\",\"amount\":\"1\"}]}" },
  { "order-fulfillments-null-element", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"fulfillments\":[null]}" },
  { "order-shipping-method-price-bool", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"shipping_methods\":[{\"id\":\"s\",\"price\":true}]}" },
  { "fulfillment-tracking-number-int", (NewFromJson) medusa_fulfillment_new_from_json, "{\"id\":\"f\",\"tracking_numbers\":[1]}" },
  { "fulfillment-link-no-number", (NewFromJson) medusa_fulfillment_new_from_json, "{\"id\":\"f\",\"tracking_links\":[{\"url\":\"u\"}]}" },
  { "fulfillment-items-string", (NewFromJson) medusa_fulfillment_new_from_json, "{\"id\":\"f\",\"items\":\"2\"}" },
  { "payment-method-no-provider", (NewFromJson) medusa_payment_method_new_from_json, "{\"data\":{}}" },
  { "payment-method-data-array", (NewFromJson) medusa_payment_method_new_from_json, "{\"provider_id\":\"manual\",\"data\":[]}" },
  { "region-missing-id", (NewFromJson) medusa_region_new_from_json, "{\"name\":\"EU\"}" },
  { "region-countries-string", (NewFromJson) medusa_region_new_from_json, "{\"id\":\"r\",\"countries\":\"de\"}" },
  { "region-country-no-iso", (NewFromJson) medusa_region_new_from_json, "{\"id\":\"r\",\"countries\":[{\"display_name\":\"X\"}]}" },
  { "order-page-no-orders", (NewFromJson) medusa_order_page_new_from_json, "{\"count\":0}" },
  { "order-page-orders-object", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":{}}" },
  { "order-page-count-string", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[],\"count\":\"1\"}" },
  { "order-page-broken-order", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[{\"id\":\"o\"},{\"id\":7}],\"count\":2}" },
  /* Hostile strings: an id or an email is never repaired. */
  { "customer-email-lone-surrogate", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\",\"email\":\"a\\ud800@example.com\"}" },
  { "customer-id-lone-surrogate", (NewFromJson) medusa_customer_new_from_json, "{\"id\":\"c\\udc00x\",\"email\":\"a@example.com\"}" },
  { "order-item-id-lone-surrogate", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":[{\"id\":\"i\\ud800x\"}]}" },
  /* Hostile numbers: sums that do not fit, positions that make no sense. */
  { "order-quantities-overflow", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":[{\"id\":\"a\",\"quantity\":9223372036854775807},{\"id\":\"b\",\"quantity\":1}]}" },
  { "order-quantities-underflow", (NewFromJson) medusa_order_new_from_json, "{\"id\":\"o\",\"items\":[{\"id\":\"a\",\"quantity\":-9223372036854775807},{\"id\":\"b\",\"quantity\":-2}]}" },
  { "fulfillment-quantities-overflow", (NewFromJson) medusa_fulfillment_new_from_json, "{\"id\":\"f\",\"items\":[{\"quantity\":9223372036854775807},{\"quantity\":9223372036854775807}]}" },
  { "order-page-negative-offset", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[],\"count\":0,\"offset\":-1}" },
  { "order-page-negative-count", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[],\"count\":-5}" },
  { "order-page-negative-limit", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[],\"count\":0,\"limit\":-20}" },
  { "order-page-offset-overflow", (NewFromJson) medusa_order_page_new_from_json, "{\"orders\":[{\"id\":\"o\"}],\"offset\":9223372036854775807}" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr(JsonNode) root = parse_json (c->json);
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = c->func (json_node_get_object (root), &error);
  g_assert_null (result);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_null_optional_fields (void)
{
  g_autoptr(JsonNode) address_root = parse_json (
    "{\"id\":\"addr_1\",\"customer_id\":null,\"company\":null,\"first_name\":null,\"last_name\":null,"
    "\"address_1\":null,\"address_2\":null,\"city\":null,\"country_code\":null,\"province\":null,"
    "\"postal_code\":null,\"phone\":null,\"metadata\":null,\"created_at\":null,\"updated_at\":null}");
  g_autoptr(JsonNode) customer_root = parse_json (
    "{\"id\":\"cus_1\",\"email\":null,\"has_account\":null,\"billing_address\":null,"
    "\"shipping_addresses\":null,\"orders\":null,\"metadata\":null}");
  g_autoptr(JsonNode) order_root = parse_json (
    "{\"id\":\"order_1\",\"display_id\":null,\"status\":null,\"items\":null,\"fulfillments\":null,"
    "\"payments\":null,\"shipping_methods\":null,\"total\":null,\"tax_rate\":null,\"region\":{\"name\":null}}");
  g_autoptr(GError) error = NULL;
  MedusaAddress *address;
  MedusaCustomer *customer;
  MedusaOrder *order;
  g_autofree char *multiline = NULL;

  address = medusa_address_new_from_json (json_node_get_object (address_root), &error);
  g_assert_no_error (error);
  g_assert_null (medusa_address_get_city (address));
  g_assert_null (medusa_address_get_created_at (address));
  g_assert_null (medusa_address_get_metadata (address));
  multiline = medusa_address_format_multiline (address);
  g_assert_cmpstr (multiline, ==, "");
  g_assert_finalize_object (address);

  customer = medusa_customer_new_from_json (json_node_get_object (customer_root), &error);
  g_assert_no_error (error);
  g_assert_null (medusa_customer_get_email (customer));
  g_assert_false (medusa_customer_get_has_account (customer));
  g_assert_null (medusa_customer_get_billing_address (customer));
  g_assert_nonnull (medusa_customer_get_shipping_addresses (customer));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 0);
  g_assert_false (medusa_customer_has_orders_info (customer));
  g_assert_finalize_object (customer);

  order = medusa_order_new_from_json (json_node_get_object (order_root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 0);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_UNKNOWN);
  g_assert_null (medusa_order_get_region_name (order));
  g_assert_cmpint (medusa_order_get_total (order), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 0);
  g_assert_finalize_object (order);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/models/customer/me", test_customer_me);
  g_test_add_func ("/models/customer/login", test_customer_login);
  g_test_add_func ("/models/customer/display-name", test_customer_display_name);
  g_test_add_func ("/models/address/same-place", test_address_same_place);
  g_test_add_func ("/models/order-page/list", test_order_page_list);
  g_test_add_func ("/models/order-page/fields", test_order_page_fields);
  g_test_add_func ("/models/order/shipped", test_order_shipped);
  g_test_add_func ("/models/order/summary", test_order_summary);
  g_test_add_func ("/models/order/minimal", test_order_minimal);
  g_test_add_func ("/models/order/unknown-status", test_order_unknown_status);
  g_test_add_func ("/models/order/receipt-fields", test_order_receipt_fields);
  g_test_add_func ("/models/fulfillment/tracking-numbers", test_fulfillment_tracking_numbers);
  g_test_add_func ("/models/shipping-method/without-total", test_shipping_method_without_total);
  g_test_add_func ("/models/line-item/without-variant", test_line_item_without_variant);
  g_test_add_func ("/models/payment-methods", test_payment_methods);
  g_test_add_func ("/models/payment-provider-names", test_payment_provider_names);
  g_test_add_func ("/models/regions", test_regions);
  g_test_add_func ("/models/country/fallback-name", test_country_fallback_name);
  g_test_add_func ("/models/country/new", test_country_new);
  g_test_add_func ("/models/enums", test_enums);
  g_test_add_func ("/models/json/readers", test_json_readers);
  g_test_add_func ("/models/json/null-optional-fields", test_null_optional_fields);
  g_test_add_func ("/models/hostile/strings", test_hostile_strings);
  g_test_add_func ("/models/hostile/customer-email", test_customer_email_never_repaired);
  g_test_add_func ("/models/hostile/money-checked", test_money_checked);
  g_test_add_func ("/models/hostile/line-total", test_line_item_line_total);
  g_test_add_func ("/models/hostile/big-quantities", test_order_big_quantities);
  g_test_add_func ("/models/hostile/order-page-bounds", test_order_page_bounds);
  g_test_add_func ("/models/hostile/tracking-safe-url", test_tracking_safe_url);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/models/broken/%s", broken_cases[i].name);

      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }

  return g_test_run ();
}
