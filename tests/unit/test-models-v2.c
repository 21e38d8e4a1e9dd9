/* test-models-v2.c: orders of a Medusa v2 store read into the common models
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures (tests/unit/fixtures):
 *  - v2-order.json: GET /store/orders/{id} of a real Medusa 2.21.2 backend
 *    (/var/tmp/medusa-v2, 2026-12-03), as it came (a guest order of the
 *    smoke test: one T-shirt at 19.50 EUR, Standard Shipping 8 EUR);
 *  - v2-order-payments.json: the same order with
 *    ?fields=*payment_collections.payments (the payment collection with its
 *    payment), cut to the members the list has;
 *  - v2-orders.json: a GET /store/orders page: the row of
 *    /work/shared/medusa-v2/NOTES.md §6 (order 7, two T-shirts L, 47 EUR)
 *    and the captured order cut to the list's default members (id, status,
 *    summary, display_id, total, …, and always version, items,
 *    payment_status, fulfillment_status).
 * Everything else is built here: other currencies, fulfillments with labels,
 * statuses, broken and hostile amounts.
 *
 * Every JSON text goes through medusa_json_parse(), as network answers do.
 */
#include <locale.h>
#include <string.h>

#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-money.h"
#include "medusa-order-v2.h"
#include "medusa-order.h"

/* Helpers */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = medusa_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return parse (text);
}

static JsonObject *
member_object (JsonNode   *root,
               const char *member)
{
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_has_member (object, member));
  return json_object_get_object_member (object, member);
}

static gpointer
list_item (GListModel *model,
           guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the model keeps its reference */
  return item;
}

static void
assert_date (GDateTime  *when,
             const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_compare (when, expected), ==, 0);
}

/* An order of @currency whose "extra" members are @members (JSON text
 * without braces, may be empty). */
static MedusaOrder *
order_from_text (const char  *currency,
                 const char  *members,
                 int          digits,
                 GError     **error)
{
  g_autofree char *text = g_strdup_printf ("{\"id\": \"order_1\", \"currency_code\": \"%s\"%s%s}",
                                           currency, *members != '\0' ? ", " : "", members);
  g_autoptr(JsonNode) root = parse (text);

  return medusa_order_new_from_v2_json_with_digits (json_node_get_object (root), digits, error);
}

/* The order's total read from @members, or -1 with the error checked. */
static gint64
total_of (const char *currency,
          const char *members,
          int         digits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = order_from_text (currency, members, digits, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  return medusa_order_get_total (order);
}

static void
assert_order_fails (const char *currency,
                    const char *members,
                    const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = order_from_text (currency, members, -1, &error);

  g_assert_null (order);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
}

/* The real order (GET /store/orders/{id}) */

static void
test_order_details (void)
{
  g_autoptr(JsonNode) root = load_fixture ("v2-order.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = medusa_order_new_from_v2_json (member_object (root, "order"), &error);
  GListModel *items, *methods, *payments;
  MedusaLineItem *item;
  MedusaShippingMethod *method;
  MedusaPayment *payment;
  MedusaAddress *address;
  gint64 line_total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_01M8XA6K80RPMKFV9V71XTNCX4");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 1);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_AUTHORIZED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
  g_assert_cmpstr (medusa_order_get_email (order), ==, "guest-1796280105-8353@example.com");
  g_assert_cmpstr (medusa_order_get_currency_code (order), ==, "eur");
  g_assert_cmpstr (medusa_order_get_region_id (order), ==, "reg_01M8XA43RV6CZVF7C7NMKJE0Z5");
  g_assert_null (medusa_order_get_region_name (order));
  assert_date (medusa_order_get_created_at (order), "2026-12-03T06:41:50.340Z");
  g_assert_null (medusa_order_get_canceled_at (order));

  /* item_subtotal 19.5, shipping_subtotal 8, total 27.5 (no raw_total:
   * read from the number), summary.raw_paid_total "0" */
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 1950);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 800);
  g_assert_cmpint (medusa_order_get_discount_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_tax_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_paid_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_refunded_total (order), ==, 0);
  g_assert_cmpint (medusa_order_get_total (order), ==, 2750);
  g_assert_null (medusa_order_get_discount_codes (order)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (order)), ==, 0);

  items = medusa_order_get_items (order);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 1);
  item = list_item (items, 0);
  g_assert_cmpstr (medusa_line_item_get_id (item), ==, "ordli_01M8XA6K81YQQFA7V6ZW3C7V5V");
  g_assert_cmpstr (medusa_line_item_get_title (item), ==, "Medusa T-Shirt");
  g_assert_cmpstr (medusa_line_item_get_description (item), ==, "T-Shirt M");
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "T-Shirt M");
  g_assert_null (medusa_line_item_get_thumbnail (item));
  g_assert_cmpstr (medusa_line_item_get_currency_code (item), ==, "eur");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 1);
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_subtotal (item), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_total (item), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_tax_total (item), ==, 0);
  g_assert_cmpint (medusa_line_item_get_discount_total (item), ==, 0);
  g_assert_true (medusa_line_item_compute_line_total (item, &line_total));
  g_assert_cmpint (line_total, ==, 1950);

  methods = medusa_order_get_shipping_methods (order);
  g_assert_cmpuint (g_list_model_get_n_items (methods), ==, 1);
  method = list_item (methods, 0);
  g_assert_cmpstr (medusa_shipping_method_get_id (method), ==, "ordsm_01M8XA6K7ZN5PAB7DJYW4AP4VT");
  g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Standard Shipping");
  g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 800);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 800);

  /* The payment collection, its payments not asked for */
  payments = medusa_order_get_payments (order);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  payment = list_item (payments, 0);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_col_01M8XA6JJBGQBPRGF62BZDFRPA");
  g_assert_null (medusa_payment_get_provider_id (payment));
  g_assert_cmpstr (medusa_payment_get_currency_code (payment), ==, "eur");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 2750);
  g_assert_cmpint (medusa_payment_get_amount_refunded (payment), ==, 0);
  g_assert_null (medusa_payment_get_captured_at (payment));
  g_assert_null (medusa_payment_get_canceled_at (payment));

  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_fulfillments (order)), ==, 0);

  address = medusa_order_get_shipping_address (order);
  g_assert_nonnull (address);
  g_assert_cmpstr (medusa_address_get_id (address), ==, "ordaddr_01M8XA6K7SDFSCGKNRYR5Q16M8");
  g_assert_cmpstr (medusa_address_get_first_name (address), ==, "G");
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "Gaststr 1");
  g_assert_cmpstr (medusa_address_get_city (address), ==, "Berlin");
  g_assert_cmpstr (medusa_address_get_country_code (address), ==, "de");
  g_assert_cmpstr (medusa_address_get_postal_code (address), ==, "10115");
  g_assert_null (medusa_order_get_billing_address (order));
}

static void
test_order_payments (void)
{
  g_autoptr(JsonNode) root = load_fixture ("v2-order-payments.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = medusa_order_new_from_v2_json (member_object (root, "order"), &error);
  GListModel *payments;
  MedusaPayment *payment;

  g_assert_no_error (error);
  payments = medusa_order_get_payments (order);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  payment = list_item (payments, 0);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_01M8XA6KGWKWHPH59JJ6FCPC9S");
  g_assert_cmpstr (medusa_payment_get_provider_id (payment), ==, "pp_system_default");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 2750);
  g_assert_null (medusa_payment_get_captured_at (payment));
  g_assert_cmpint (medusa_order_get_total (order), ==, 2750);
}

/* A captured and partly refunded collection with two payments; one
 * collection without payments that is completed. */
static void
test_order_payment_collections (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = order_from_text ("eur",
    "\"payment_collections\": ["
    " {\"id\": \"pay_col_1\", \"amount\": 59.99, \"raw_amount\": {\"value\": \"59.99\", \"precision\": 20},"
    "  \"refunded_amount\": 10, \"raw_refunded_amount\": {\"value\": \"10\", \"precision\": 20},"
    "  \"payments\": [{\"id\": \"pay_1\", \"provider_id\": \"pp_stripe_stripe\", \"currency_code\": \"eur\","
    "    \"amount\": 59.99, \"raw_amount\": {\"value\": \"59.99\", \"precision\": 20},"
    "    \"captured_at\": \"2026-12-02T17:30:00.000Z\", \"canceled_at\": null}]},"
    " {\"id\": \"pay_col_2\", \"amount\": 5, \"refunded_amount\": 1.5,"
    "  \"payments\": [{\"id\": \"pay_2\", \"amount\": 2}, {\"id\": \"pay_3\", \"amount\": 3}]},"
    " {\"id\": \"pay_col_3\", \"amount\": 12.5, \"completed_at\": \"2026-12-02T18:00:00.000Z\", \"payments\": []}]",
    -1, &error);
  GListModel *payments;
  MedusaPayment *payment;

  g_assert_no_error (error);
  payments = medusa_order_get_payments (order);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 4);

  payment = list_item (payments, 0);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_1");
  g_assert_cmpstr (medusa_payment_get_provider_id (payment), ==, "pp_stripe_stripe");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 5999);
  g_assert_cmpint (medusa_payment_get_amount_refunded (payment), ==, 1000);
  assert_date (medusa_payment_get_captured_at (payment), "2026-12-02T17:30:00.000Z");

  /* Two payments: the collection's refund belongs to neither for sure */
  payment = list_item (payments, 1);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_2");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 200);
  g_assert_cmpint (medusa_payment_get_amount_refunded (payment), ==, 0);
  payment = list_item (payments, 2);
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 300);

  payment = list_item (payments, 3);
  g_assert_cmpstr (medusa_payment_get_id (payment), ==, "pay_col_3");
  g_assert_cmpint (medusa_payment_get_amount (payment), ==, 1250);
  assert_date (medusa_payment_get_captured_at (payment), "2026-12-02T18:00:00.000Z");

  assert_order_fails ("eur", "\"payment_collections\": {}", "payment_collections");
  assert_order_fails ("eur", "\"payment_collections\": [1]", "payment_collections");
  assert_order_fails ("eur", "\"payment_collections\": [{\"id\": \"c\", \"payments\": 3}]", "payments");
  assert_order_fails ("eur", "\"payment_collections\": [{\"id\": \"c\", \"payments\": [{\"amount\": 1}]}]", "id");
  assert_order_fails ("eur", "\"payment_collections\": [{\"id\": \"c\", \"amount\": \"1\"}]", "amount");
}

/* The v1 shape, for the local copy: written out and read back as v1 */
static void
test_to_v1_json (void)
{
  g_autoptr(JsonNode) root = load_fixture ("v2-order.json");
  g_autoptr(JsonNode) page_root = load_fixture ("v2-orders.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v1 = NULL;
  g_autoptr(JsonObject) v1_page = NULL;
  g_autoptr(JsonNode) wrapped = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reread = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autofree char *text = NULL;
  JsonObject *item, *variant;

  v1 = medusa_order_v2_to_v1_json (member_object (root, "order"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (v1, "total"), ==, 2750);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (v1, "total")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (v1, "subtotal"), ==, 1950);
  g_assert_cmpstr (json_object_get_string_member (v1, "updated_at"), ==, "2026-12-03T06:41:52.553Z");
  g_assert_false (json_object_has_member (v1, "summary"));
  item = json_array_get_object_element (json_object_get_array_member (v1, "items"), 0);
  g_assert_cmpint (json_object_get_int_member (item, "unit_price"), ==, 1950);
  variant = json_object_get_object_member (item, "variant");
  g_assert_cmpstr (json_object_get_string_member (variant, "title"), ==, "T-Shirt M");
  g_assert_cmpstr (json_object_get_string_member (variant, "sku"), ==, "SHIRT-M");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (variant, "product"), "title"),
                   ==, "Medusa T-Shirt");

  /* written as the local copy keeps it, read back with the v1 parser */
  json_node_set_object (wrapped, v1);
  text = json_to_string (wrapped, FALSE);
  reread = medusa_json_parse (text, -1, &error);
  g_assert_no_error (error);
  order = medusa_order_new_from_json (json_node_get_object (reread), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_total (order), ==, 2750);
  g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 800);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_AUTHORIZED);

  v1_page = medusa_order_page_v2_to_v1_json (json_node_get_object (page_root), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (v1_page, "count"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (v1_page, "orders"), 0), "total"), ==, 4700);

  /* an amount that is not exact: no v1 shape */
  {
    g_autoptr(JsonNode) bad = parse ("{\"id\": \"o\", \"currency_code\": \"eur\", \"total\": 0.30000000000000004}");
    g_autoptr(JsonObject) none = medusa_order_v2_to_v1_json (json_node_get_object (bad), NULL, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  }
}

/* GET /store/orders */

static void
test_order_page (void)
{
  g_autoptr(JsonNode) root = load_fixture ("v2-orders.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = medusa_order_page_new_from_v2_json (json_node_get_object (root), &error);
  GListModel *orders;
  MedusaOrder *order;
  MedusaLineItem *item;

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (medusa_order_page_get_count (page), ==, 7);
  g_assert_cmpint (medusa_order_page_get_offset (page), ==, 0);
  g_assert_cmpint (medusa_order_page_get_limit (page), ==, 2);

  orders = medusa_order_page_get_orders (page);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 2);

  order = list_item (orders, 0);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_01M8VWQ14VDXE37XYVA2JPYR7W");
  g_assert_cmpint (medusa_order_get_display_id (order), ==, 7);
  g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_PENDING);
  g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_AUTHORIZED);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
  g_assert_cmpint (medusa_order_get_total (order), ==, 4700);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 2);
  /* A list row has no item_subtotal or shipping_subtotal: 0, as v1's fields= rows */
  g_assert_cmpint (medusa_order_get_subtotal (order), ==, 0);
  g_assert_null (medusa_order_get_email (order));
  assert_date (medusa_order_get_created_at (order), "2026-12-02T17:26:54.364Z");
  item = list_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "T-Shirt L");
  g_assert_cmpint (medusa_line_item_get_quantity (item), ==, 2);
  g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 1950);
  g_assert_cmpint (medusa_line_item_get_subtotal (item), ==, 3900);

  order = list_item (orders, 1);
  g_assert_cmpstr (medusa_order_get_id (order), ==, "order_01M8XA6K80RPMKFV9V71XTNCX4");
  g_assert_cmpint (medusa_order_get_total (order), ==, 2750);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 1);

  /* What the history keeps of a row */
  {
    g_autoptr(MedusaOrder) summary = medusa_order_copy_summary (order);

    g_assert_cmpint (medusa_order_get_total (summary), ==, 2750);
    g_assert_cmpint (medusa_order_get_payment_status (summary), ==, MEDUSA_PAYMENT_STATUS_AUTHORIZED);
  }
}

static int
digits_of (const char *currency_code,
           gpointer    user_data)
{
  /* As GET /store/currencies/{code} would say; -1: not asked */
  if (g_strcmp0 (currency_code, "eur") == 0)
    return 2;
  if (g_strcmp0 (currency_code, "xts") == 0)
    return 4;
  return -1;
}

static void
test_order_page_currencies (void)
{
  g_autoptr(JsonNode) root = parse (
    "{\"orders\": ["
    " {\"id\": \"o1\", \"currency_code\": \"jpy\", \"total\": 1500},"
    " {\"id\": \"o2\", \"currency_code\": \"kwd\", \"total\": 12.345},"
    " {\"id\": \"o3\", \"currency_code\": \"xts\", \"total\": 1.2345},"
    " {\"id\": \"o4\", \"currency_code\": \"eur\", \"total\": 59.99}],"
    " \"count\": 4, \"offset\": 0, \"limit\": 50}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) page = NULL;
  GListModel *orders;

  page = medusa_order_page_new_from_v2_json_full (json_node_get_object (root), digits_of, NULL, &error);
  g_assert_no_error (error);
  orders = medusa_order_page_get_orders (page);
  g_assert_cmpint (medusa_order_get_total (list_item (orders, 0)), ==, 1500);
  g_assert_cmpint (medusa_order_get_total (list_item (orders, 1)), ==, 12345);
  g_assert_cmpint (medusa_order_get_total (list_item (orders, 2)), ==, 12345);
  g_assert_cmpint (medusa_order_get_total (list_item (orders, 3)), ==, 5999);
}

static void
test_order_page_broken (void)
{
  static const struct {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "{\"count\": 1}", "orders" },
    { "{\"orders\": null}", "orders" },
    { "{\"orders\": {}}", "orders" },
    { "{\"orders\": [1]}", "orders" },
    { "{\"orders\": [{\"currency_code\": \"eur\"}]}", "id" },
    { "{\"orders\": [{\"id\": \"o\", \"total\": \"47\"}]}", "Element 0 of “orders”" },
    { "{\"orders\": [{\"id\": \"o\"}, {\"id\": \"p\", \"raw_total\": {\"value\": \"x\"}}]}", "Element 1 of “orders”" },
    { "{\"orders\": [], \"count\": -1}", "negative" },
    { "{\"orders\": [], \"limit\": 1.5}", "limit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaOrderPage) page = medusa_order_page_new_from_v2_json (json_node_get_object (root), &error);

      g_assert_null (page);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("%s: “%s” does not contain “%s”", cases[i].json, error->message, cases[i].message_part);
    }
}

/* Money */

static void
test_money_digits (void)
{
  /* 2 digits (eur), from raw values and from numbers */
  g_assert_cmpint (total_of ("eur", "\"total\": 59.99, \"raw_total\": {\"value\": \"59.99\", \"precision\": 20}", -1), ==, 5999);
  g_assert_cmpint (total_of ("eur", "\"total\": 59.99", -1), ==, 5999);
  g_assert_cmpint (total_of ("eur", "\"total\": 0.07", -1), ==, 7);
  g_assert_cmpint (total_of ("eur", "\"total\": 1234567.89", -1), ==, 123456789);
  g_assert_cmpint (total_of ("eur", "\"total\": 47", -1), ==, 4700);
  g_assert_cmpint (total_of ("eur", "\"total\": 0", -1), ==, 0);
  g_assert_cmpint (total_of ("eur", "\"total\": -5.5", -1), ==, -550);
  g_assert_cmpint (total_of ("EUR", "\"total\": 19.5", -1), ==, 1950);
  /* bignumber.js' toPrecision(20) form, and exponents */
  g_assert_cmpint (total_of ("eur", "\"raw_total\": {\"value\": \"19.500000000000000000\"}", -1), ==, 1950);
  g_assert_cmpint (total_of ("eur", "\"raw_total\": {\"value\": \"1.2345e+3\"}", -1), ==, 123450);
  g_assert_cmpint (total_of ("eur", "\"total\": 1e3", -1), ==, 100000);
  /* more digits than the currency has: half away from zero, as the server rounds */
  g_assert_cmpint (total_of ("eur", "\"raw_total\": {\"value\": \"0.125\"}", -1), ==, 13);

  /* 0 digits (jpy) */
  g_assert_cmpint (total_of ("jpy", "\"total\": 1500, \"raw_total\": {\"value\": \"1500\", \"precision\": 20}", -1), ==, 1500);
  g_assert_cmpint (total_of ("jpy", "\"total\": 1500", -1), ==, 1500);
  g_assert_cmpint (total_of ("jpy", "\"total\": 1500.4", -1), ==, 1500);

  /* 3 digits (kwd) */
  g_assert_cmpint (total_of ("kwd", "\"raw_total\": {\"value\": \"12.345\", \"precision\": 20}", -1), ==, 12345);
  g_assert_cmpint (total_of ("kwd", "\"total\": 12.345", -1), ==, 12345);
  g_assert_cmpint (total_of ("kwd", "\"total\": 0.001", -1), ==, 1);

  /* The caller's digits (GET /store/currencies/{code} decimal_digits) win */
  g_assert_cmpint (total_of ("eur", "\"total\": 59.99", 3), ==, 59990);
  g_assert_cmpint (total_of ("eur", "\"total\": 59.99", 0), ==, 60);
  g_assert_cmpint (total_of ("xts", "\"total\": 1.2345", 4), ==, 12345);
  g_assert_cmpint (total_of ("jpy", "\"total\": 1500", -1), ==, 1500);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrder) order = order_from_text ("eur", "\"total\": 1", 19, &error);

    g_assert_null (order);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  }

  /* Every amount of the order and of its parts */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MedusaOrder) order = order_from_text ("kwd",
      "\"item_subtotal\": 10.5, \"shipping_subtotal\": 1.25, \"discount_subtotal\": 0.5,"
      "\"tax_total\": 0.105, \"credit_line_total\": 1, \"total\": 10.355,"
      "\"summary\": {\"paid_total\": 10.355, \"raw_paid_total\": {\"value\": \"10.355\"},"
      "  \"refunded_total\": 2, \"raw_refunded_total\": {\"value\": \"2.001\"}},"
      "\"items\": [{\"id\": \"i\", \"quantity\": 3, \"unit_price\": 3.5, \"subtotal\": 10.5,"
      "  \"total\": 10.1, \"tax_total\": 0.1, \"discount_total\": 0.5}],"
      "\"shipping_methods\": [{\"id\": \"s\", \"name\": \"Express\", \"amount\": 1.25, \"total\": 1.255}]",
      -1, &error);
    MedusaLineItem *item;
    MedusaShippingMethod *method;

    g_assert_no_error (error);
    g_assert_cmpint (medusa_order_get_subtotal (order), ==, 10500);
    g_assert_cmpint (medusa_order_get_shipping_total (order), ==, 1250);
    g_assert_cmpint (medusa_order_get_discount_total (order), ==, 500);
    g_assert_cmpint (medusa_order_get_tax_total (order), ==, 105);
    g_assert_cmpint (medusa_order_get_gift_card_total (order), ==, 1000);
    g_assert_cmpint (medusa_order_get_total (order), ==, 10355);
    g_assert_cmpint (medusa_order_get_paid_total (order), ==, 10355);
    /* the raw value, not the number beside it */
    g_assert_cmpint (medusa_order_get_refunded_total (order), ==, 2001);
    item = list_item (medusa_order_get_items (order), 0);
    g_assert_cmpint (medusa_line_item_get_unit_price (item), ==, 3500);
    g_assert_cmpint (medusa_line_item_get_subtotal (item), ==, 10500);
    g_assert_cmpint (medusa_line_item_get_total (item), ==, 10100);
    g_assert_cmpint (medusa_line_item_get_tax_total (item), ==, 100);
    g_assert_cmpint (medusa_line_item_get_discount_total (item), ==, 500);
    method = list_item (medusa_order_get_shipping_methods (order), 0);
    g_assert_cmpstr (medusa_shipping_method_get_name (method), ==, "Express");
    g_assert_cmpint (medusa_shipping_method_get_price (method), ==, 1250);
    g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 1255);
  }
}

static void
test_money_raw_missing_or_invalid (void)
{
  /* Missing and null are 0; a null raw value falls back to the number */
  g_assert_cmpint (total_of ("eur", "", -1), ==, 0);
  g_assert_cmpint (total_of ("eur", "\"total\": null", -1), ==, 0);
  g_assert_cmpint (total_of ("eur", "\"total\": 8, \"raw_total\": null", -1), ==, 800);

  /* A raw value that is there must be right: never the number instead */
  assert_order_fails ("eur", "\"total\": 8, \"raw_total\": {\"value\": \"abc\"}", "raw_total");
  assert_order_fails ("eur", "\"total\": 8, \"raw_total\": {\"value\": 8}", "raw_total");
  assert_order_fails ("eur", "\"total\": 8, \"raw_total\": {\"precision\": 20}", "raw_total");
  assert_order_fails ("eur", "\"total\": 8, \"raw_total\": \"8\"", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \" 8\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"8,5\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"0x10\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"NaN\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"Infinity\"}", "raw_total");

  /* Numbers: a string, an object, a boolean are not amounts */
  assert_order_fails ("eur", "\"total\": \"59.99\"", "total");
  assert_order_fails ("eur", "\"total\": {}", "total");
  assert_order_fails ("eur", "\"total\": true", "total");
  assert_order_fails ("eur", "\"summary\": []", "summary");
  assert_order_fails ("eur", "\"summary\": {\"paid_total\": \"1\"}", "paid_total");
  assert_order_fails ("eur", "\"items\": [{\"id\": \"i\", \"raw_unit_price\": {\"value\": \"1.2.3\"}}]", "Element 0 of “items”");
  assert_order_fails ("eur", "\"shipping_methods\": [{\"id\": \"s\", \"amount\": []}]", "amount");

  /* A double that no decimal of 15 digits reads back as: JavaScript wrote
   * 17 digits (0.1 + 0.2), the value was not a short decimal */
  assert_order_fails ("eur", "\"total\": 0.30000000000000004", "exact");
  assert_order_fails ("eur", "\"total\": 1234567890.1234567", "exact");
  /* 15 significant digits are still exact */
  g_assert_cmpint (total_of ("eur", "\"total\": 1234567890123.45", -1), ==, 123456789012345);
}

static void
test_money_overflow (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  /* Raw values: exactly G_MAXINT64 minor units fits, one more does not */
  g_assert_cmpint (total_of ("eur", "\"raw_total\": {\"value\": \"92233720368547758.07\"}", -1), ==, G_MAXINT64);
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"92233720368547758.08\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"99999999999999999999\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"-99999999999999999999\"}", "raw_total");
  assert_order_fails ("eur", "\"raw_total\": {\"value\": \"1e300\"}", "raw_total");
  assert_order_fails ("jpy", "\"raw_total\": {\"value\": \"9223372036854775808\"}", "raw_total");

  /* Integer numbers: the scaling to minor units is checked */
  g_assert_cmpint (total_of ("jpy", "\"total\": 9223372036854775807", -1), ==, G_MAXINT64);
  assert_order_fails ("eur", "\"total\": 92233720368547759", "too large");
  assert_order_fails ("kwd", "\"total\": -9223372036854776", "too large");
  /* Doubles */
  assert_order_fails ("eur", "\"total\": 1e300", "total");
  assert_order_fails ("eur", "\"total\": 1e999", "total");
  assert_order_fails ("eur", "\"total\": -1e999", "total");
  assert_order_fails ("eur", "\"items\": [{\"id\": \"i\", \"quantity\": 1, \"unit_price\": 1e17}]", "unit_price");

  /* Quantities that add up beyond 64 bits */
  assert_order_fails ("eur", "\"items\": [{\"id\": \"a\", \"quantity\": 9223372036854775807},"
                      " {\"id\": \"b\", \"quantity\": 1}]", "quantities");

  /* An integer beyond 64 bits is refused by the parser (json-glib 1.6 wraps
   * 99999999999999999999 to -1 and 9223372036854775808 to G_MININT64) */
  root = medusa_json_parse ("{\"id\": \"o\", \"total\": 99999999999999999999}", -1, &error);
  g_assert_null (root);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  root = medusa_json_parse ("[9223372036854775808]", -1, &error);
  g_assert_null (root);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  root = medusa_json_parse ("{\"a\": [1, -9223372036854775809]}", -1, &error);
  g_assert_null (root);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);
  root = medusa_json_parse ("18446744073709551616", -1, &error);
  g_assert_null (root);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  /* …but not what fits, doubles, or digits in strings */
  root = medusa_json_parse ("{\"a\": 9223372036854775807, \"b\": -9223372036854775807,"
                            " \"c\": -1, \"d\": 99999999999999999999.5,"
                            " \"e\": 1e40, \"f\": \"99999999999999999999\", \"g\": true}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "a"), ==, G_MAXINT64);
  json_node_unref (root);
}

static void
test_read_amount (void)
{
  g_autoptr(JsonNode) root = parse ("{\"amount\": 8, \"raw_amount\": {\"value\": \"8.5\"}, \"n\": 0.5}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  gint64 minor = 42;

  g_assert_true (medusa_v2_read_amount (object, "amount", 2, &minor, &error));
  g_assert_cmpint (minor, ==, 850);
  g_assert_true (medusa_v2_read_amount (object, "n", 0, &minor, &error));
  g_assert_cmpint (minor, ==, 1);
  g_assert_true (medusa_v2_read_amount (object, "missing", 2, &minor, &error));
  g_assert_cmpint (minor, ==, 0);
  g_assert_no_error (error);

  minor = 42;
  g_assert_false (medusa_v2_read_amount (object, "amount", 19, &minor, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpint (minor, ==, 42);
}

/* Statuses */

static void
test_statuses (void)
{
  static const struct {
    const char *status;
    MedusaOrderStatus expected;
  } order_cases[] = {
    { "pending", MEDUSA_ORDER_STATUS_PENDING },
    { "completed", MEDUSA_ORDER_STATUS_COMPLETED },
    { "draft", MEDUSA_ORDER_STATUS_DRAFT },
    { "archived", MEDUSA_ORDER_STATUS_ARCHIVED },
    { "canceled", MEDUSA_ORDER_STATUS_CANCELED },
    { "requires_action", MEDUSA_ORDER_STATUS_REQUIRES_ACTION },
    { "on_hold", MEDUSA_ORDER_STATUS_UNKNOWN },
    { "Pending", MEDUSA_ORDER_STATUS_UNKNOWN },
    { "", MEDUSA_ORDER_STATUS_UNKNOWN },
  };
  /* Medusa 2.21.2 PaymentStatus (core-flows getLastPaymentStatus) */
  static const struct {
    const char *status;
    MedusaPaymentStatus expected;
  } payment_cases[] = {
    { "not_paid", MEDUSA_PAYMENT_STATUS_NOT_PAID },
    { "awaiting", MEDUSA_PAYMENT_STATUS_AWAITING },
    { "authorized", MEDUSA_PAYMENT_STATUS_AUTHORIZED },
    { "partially_authorized", MEDUSA_PAYMENT_STATUS_PARTIALLY_AUTHORIZED },
    { "captured", MEDUSA_PAYMENT_STATUS_CAPTURED },
    { "partially_captured", MEDUSA_PAYMENT_STATUS_PARTIALLY_CAPTURED },
    { "partially_refunded", MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED },
    { "refunded", MEDUSA_PAYMENT_STATUS_REFUNDED },
    { "canceled", MEDUSA_PAYMENT_STATUS_CANCELED },
    { "requires_action", MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION },
    { "failed", MEDUSA_PAYMENT_STATUS_UNKNOWN },
  };
  /* FulfillmentStatus (getLastFulfillmentStatus) */
  static const struct {
    const char *status;
    MedusaFulfillmentStatus expected;
  } fulfillment_cases[] = {
    { "not_fulfilled", MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED },
    { "partially_fulfilled", MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED },
    { "fulfilled", MEDUSA_FULFILLMENT_STATUS_FULFILLED },
    { "partially_shipped", MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED },
    { "shipped", MEDUSA_FULFILLMENT_STATUS_SHIPPED },
    { "partially_delivered", MEDUSA_FULFILLMENT_STATUS_PARTIALLY_DELIVERED },
    { "delivered", MEDUSA_FULFILLMENT_STATUS_DELIVERED },
    { "canceled", MEDUSA_FULFILLMENT_STATUS_CANCELED },
    { "lost_in_transit", MEDUSA_FULFILLMENT_STATUS_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (order_cases); i++)
    {
      g_autofree char *members = g_strdup_printf ("\"status\": \"%s\"", order_cases[i].status);
      g_autoptr(MedusaOrder) order = order_from_text ("eur", members, -1, NULL);

      g_assert_cmpint (medusa_order_get_status (order), ==, order_cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (payment_cases); i++)
    {
      g_autofree char *members = g_strdup_printf ("\"payment_status\": \"%s\"", payment_cases[i].status);
      g_autoptr(MedusaOrder) order = order_from_text ("eur", members, -1, NULL);

      g_assert_cmpint (medusa_order_get_payment_status (order), ==, payment_cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fulfillment_cases); i++)
    {
      g_autofree char *members = g_strdup_printf ("\"fulfillment_status\": \"%s\"", fulfillment_cases[i].status);
      g_autoptr(MedusaOrder) order = order_from_text ("eur", members, -1, NULL);

      g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, fulfillment_cases[i].expected);
    }

  /* Missing or null: UNKNOWN; another type: an error */
  {
    g_autoptr(MedusaOrder) order = order_from_text ("eur", "\"status\": null", -1, NULL);

    g_assert_cmpint (medusa_order_get_status (order), ==, MEDUSA_ORDER_STATUS_UNKNOWN);
    g_assert_cmpint (medusa_order_get_payment_status (order), ==, MEDUSA_PAYMENT_STATUS_UNKNOWN);
  }
  assert_order_fails ("eur", "\"payment_status\": 1", "payment_status");
}

/* Fulfillments, items, discount codes */

static void
test_fulfillments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = order_from_text ("eur",
    "\"fulfillment_status\": \"shipped\","
    "\"fulfillments\": ["
    " {\"id\": \"ful_1\", \"packed_at\": \"2026-12-02T17:40:00.000Z\","
    "  \"shipped_at\": \"2026-12-02T17:41:00.000Z\", \"delivered_at\": null, \"canceled_at\": null,"
    "  \"created_at\": \"2026-12-02T17:39:00.000Z\", \"provider_id\": \"manual_manual\", \"labels\": null,"
    "  \"items\": [{\"id\": \"fulit_1\", \"line_item_id\": \"ordli_1\", \"quantity\": 2,"
    "    \"raw_quantity\": {\"value\": \"2\", \"precision\": 20}}]},"
    " {\"id\": \"ful_2\", \"labels\": ["
    "   {\"tracking_number\": \"1Z999AA10123456784\", \"tracking_url\": \"https://track.example.com/1Z999\","
    "    \"label_url\": \"https://labels.example.com/1.pdf\"},"
    "   {\"tracking_number\": \"\", \"label_url\": \"https://labels.example.com/2.pdf\"},"
    "   {\"label_url\": \"https://labels.example.com/3.pdf\"},"
    "   {\"tracking_number\": \"JJD000\", \"tracking_url\": null}],"
    "  \"canceled_at\": \"2026-12-03T08:00:00.000Z\"}]",
    -1, &error);
  GListModel *fulfillments;
  MedusaFulfillment *fulfillment;
  GListModel *links;
  MedusaTrackingLink *link;

  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_fulfillment_status (order), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  fulfillments = medusa_order_get_fulfillments (order);
  g_assert_cmpuint (g_list_model_get_n_items (fulfillments), ==, 2);

  fulfillment = list_item (fulfillments, 0);
  g_assert_cmpstr (medusa_fulfillment_get_id (fulfillment), ==, "ful_1");
  assert_date (medusa_fulfillment_get_shipped_at (fulfillment), "2026-12-02T17:41:00.000Z");
  assert_date (medusa_fulfillment_get_created_at (fulfillment), "2026-12-02T17:39:00.000Z");
  g_assert_null (medusa_fulfillment_get_canceled_at (fulfillment));
  g_assert_cmpint (medusa_fulfillment_get_n_items (fulfillment), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_fulfillment_get_tracking_links (fulfillment)), ==, 0);

  fulfillment = list_item (fulfillments, 1);
  assert_date (medusa_fulfillment_get_canceled_at (fulfillment), "2026-12-03T08:00:00.000Z");
  links = medusa_fulfillment_get_tracking_links (fulfillment);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
  link = list_item (links, 0);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, "1Z999AA10123456784");
  g_assert_cmpstr (medusa_tracking_link_get_url (link), ==, "https://track.example.com/1Z999");
  link = list_item (links, 1);
  g_assert_cmpstr (medusa_tracking_link_get_tracking_number (link), ==, "JJD000");
  g_assert_null (medusa_tracking_link_get_url (link));

  assert_order_fails ("eur", "\"fulfillments\": [{\"id\": \"f\", \"labels\": {}}]", "labels");
  assert_order_fails ("eur", "\"fulfillments\": [{\"id\": \"f\", \"labels\": [\"1Z\"]}]", "labels");
  assert_order_fails ("eur", "\"fulfillments\": [{\"id\": \"f\", \"labels\": [{\"tracking_number\": 5}]}]", "tracking_number");
  assert_order_fails ("eur", "\"fulfillments\": [{\"id\": \"f\", \"items\": [{\"quantity\": 1.5}]}]", "quantity");
  assert_order_fails ("eur", "\"fulfillments\": [{\"labels\": null}]", "id");
  assert_order_fails ("eur", "\"fulfillments\": 1", "fulfillments");
}

static void
test_items_and_codes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = order_from_text ("eur",
    "\"items\": ["
    " {\"id\": \"i1\", \"title\": \"Mug\", \"subtitle\": \"Blue\", \"variant\": {\"title\": \"Blue (now Navy)\"},"
    "  \"quantity\": 1, \"adjustments\": [{\"code\": \"WINTER10\", \"amount\": 1}, {\"code\": null}, 7]},"
    " {\"id\": \"i2\", \"title\": \"Cap\", \"variant\": {\"title\": \"Red\"}, \"quantity\": 3,"
    "  \"adjustments\": [{\"code\": \"WINTER10\"}, {\"code\": \"VIP\"}]}],"
    "\"shipping_methods\": [{\"id\": \"s\", \"name\": \"Standard\", \"amount\": 8, \"total\": null,"
    "  \"adjustments\": [{\"code\": \"FREESHIP\"}]}]",
    -1, &error);
  const char * const *codes;
  MedusaLineItem *item;
  MedusaShippingMethod *method;

  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_n_items (order), ==, 4);
  item = list_item (medusa_order_get_items (order), 0);
  g_assert_cmpstr (medusa_line_item_get_description (item), ==, "Blue");
  /* no variant_title: the variant as it is now */
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "Blue (now Navy)");
  item = list_item (medusa_order_get_items (order), 1);
  g_assert_null (medusa_line_item_get_description (item));
  g_assert_cmpstr (medusa_line_item_get_variant_title (item), ==, "Red");

  method = list_item (medusa_order_get_shipping_methods (order), 0);
  g_assert_cmpint (medusa_shipping_method_get_total (method), ==, 800);

  codes = medusa_order_get_discount_codes (order);
  g_assert_cmpstr (codes[0], ==, "WINTER10");
  g_assert_cmpstr (codes[1], ==, "VIP");
  g_assert_cmpstr (codes[2], ==, "FREESHIP");
  g_assert_null (codes[3]);

  /* v1 members that mean something else are never read from a v2 order */
  {
    g_autoptr(MedusaOrder) other = order_from_text ("eur",
      "\"subtotal\": 27.5, \"shipping_total\": 8.5, \"discount_total\": 3, \"gift_card_total\": 4,"
      "\"paid_total\": 5, \"refunded_total\": 6, \"tax_rate\": 19, \"discounts\": [{\"code\": \"V1\"}],"
      "\"refunds\": [{\"id\": \"ref\", \"amount\": 100}], \"payments\": [{\"id\": \"pay\"}]", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (medusa_order_get_subtotal (other), ==, 0);
    g_assert_cmpint (medusa_order_get_shipping_total (other), ==, 0);
    g_assert_cmpint (medusa_order_get_discount_total (other), ==, 0);
    g_assert_cmpint (medusa_order_get_gift_card_total (other), ==, 0);
    g_assert_cmpint (medusa_order_get_paid_total (other), ==, 0);
    g_assert_cmpint (medusa_order_get_refunded_total (other), ==, 0);
    g_assert_cmpfloat (medusa_order_get_tax_rate (other), ==, 0.0);
    g_assert_null (medusa_order_get_discount_codes (other)[0]);
    g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_refunds (other)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_payments (other)), ==, 0);
  }

  assert_order_fails ("eur", "\"items\": \"x\"", "items");
  assert_order_fails ("eur", "\"items\": [null]", "items");
  assert_order_fails ("eur", "\"items\": [{\"title\": \"no id\"}]", "id");
  assert_order_fails ("eur", "\"items\": [{\"id\": \"i\", \"quantity\": 0.5}]", "quantity");
  assert_order_fails ("eur", "\"items\": [{\"id\": \"i\", \"variant_title\": 5}]", "title");
  assert_order_fails ("eur", "\"shipping_methods\": [{\"id\": \"s\", \"name\": []}]", "name");
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;

  /* No id, an empty id, a currency that is not a string */
  {
    g_autoptr(JsonNode) root = parse ("{\"currency_code\": \"eur\"}");

    order = medusa_order_new_from_v2_json (json_node_get_object (root), &error);
    g_assert_null (order);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonNode) root = parse ("{\"id\": \"o\", \"currency_code\": 978}");

    order = medusa_order_new_from_v2_json (json_node_get_object (root), &error);
    g_assert_null (order);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonNode) root = parse ("{\"id\": \"\", \"currency_code\": \"eur\"}");

    order = medusa_order_new_from_v2_json (json_node_get_object (root), &error);
    g_assert_null (order);
    g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
    g_clear_error (&error);
  }
  /* a currency code nobody knows: 2 digits */
  g_assert_cmpint (total_of ("zzz\\u00e9", "\"total\": 1.5", -1), ==, 150);

  /* Strings shown to people are UTF-8 (the parser refused the rest) */
  order = order_from_text ("eur", "\"email\": \"a\\u00e9@example.com\","
                           "\"items\": [{\"id\": \"i\", \"title\": \"Cr\\u00e8me \\ud83c\\udf70\"}]", -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (medusa_order_get_email (order), -1, NULL));
  g_assert_cmpstr (medusa_line_item_get_title (list_item (medusa_order_get_items (order), 0)), ==,
                   "Crème 🍰");
  g_clear_object (&order);

  /* Addresses go through the address model */
  assert_order_fails ("eur", "\"shipping_address\": [1]", "shipping_address");
  assert_order_fails ("eur", "\"shipping_address\": {\"city\": \"Berlin\"}", "shipping_address");
  assert_order_fails ("eur", "\"created_at\": \"yesterday\"", "created_at");
  assert_order_fails ("eur", "\"display_id\": 1.5", "display_id");
  assert_order_fails ("eur", "\"metadata\": 1", "metadata");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/models-v2/order/details", test_order_details);
  g_test_add_func ("/models-v2/order/payments", test_order_payments);
  g_test_add_func ("/models-v2/order/payment-collections", test_order_payment_collections);
  g_test_add_func ("/models-v2/order/fulfillments", test_fulfillments);
  g_test_add_func ("/models-v2/order/items-and-codes", test_items_and_codes);
  g_test_add_func ("/models-v2/order/statuses", test_statuses);
  g_test_add_func ("/models-v2/order/to-v1-json", test_to_v1_json);
  g_test_add_func ("/models-v2/order-page/list", test_order_page);
  g_test_add_func ("/models-v2/order-page/currencies", test_order_page_currencies);
  g_test_add_func ("/models-v2/order-page/broken", test_order_page_broken);
  g_test_add_func ("/models-v2/money/digits", test_money_digits);
  g_test_add_func ("/models-v2/money/raw-missing-or-invalid", test_money_raw_missing_or_invalid);
  g_test_add_func ("/models-v2/money/overflow", test_money_overflow);
  g_test_add_func ("/models-v2/money/read-amount", test_read_amount);
  g_test_add_func ("/models-v2/hostile", test_hostile);

  return g_test_run ();
}
