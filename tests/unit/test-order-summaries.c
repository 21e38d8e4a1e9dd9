/* test-order-summaries.c: the tree-less order list reader gives what the
 * json-glib path gives (tests/unit/fixtures and hostile bodies)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-order.h"
#include "medusa-order-summaries.h"

typedef enum { FAST_ANY, FAST_DECIDES, FAST_GIVES_UP } FastExpect;

static char *
load_text (const char *name,
           gsize      *size)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, size, &error);
  g_assert_no_error (error);
  return text;
}

/* Both paths on @text: the same page or the same error; the fast reader,
 * when it decides, the same page as json-glib. Returns whether it was
 * accepted. */
static gboolean
check_same (const char *text,
            gsize       size,
            FastExpect  expect)
{
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) slow = medusa_order_page_summaries_from_text_slow (text, size, &slow_error);
  g_autoptr(MedusaOrderPage) fast = medusa_order_page_summaries_from_text_fast (text, size);
  g_autoptr(MedusaOrderPage) page = medusa_order_page_summaries_from_text (text, size, &error);
  g_autofree char *why = NULL;

  g_assert_true ((slow == NULL) == (slow_error != NULL));
  g_assert_true ((page == NULL) == (error != NULL));

  if (expect == FAST_DECIDES)
    g_assert_nonnull (fast);
  else if (expect == FAST_GIVES_UP)
    g_assert_null (fast);

  if (fast != NULL)
    {
      if (slow == NULL)
        g_error ("the fast reader accepted what json-glib refuses (%s): %.*s",
                 slow_error->message, (int) MIN (size, 200), text);
      if (!medusa_order_page_summaries_equal (fast, slow, &why))
        g_error ("the fast reader differs: %s", why);
    }

  if (slow == NULL)
    {
      g_assert_null (page);
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, slow_error->message);
      return FALSE;
    }

  g_assert_nonnull (page);
  g_assert_true (medusa_order_page_summaries_equal (page, slow, NULL));
  return TRUE;
}

static gboolean
check_text (const char *text,
            FastExpect  expect)
{
  return check_same (text, strlen (text), expect);
}

static void
test_fixtures (void)
{
  const char *names[] = { "orders.json", "orders-fields.json" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      gsize size;
      g_autofree char *text = load_text (names[k], &size);
      g_autoptr(MedusaOrderPage) page = medusa_order_page_summaries_from_text_fast (text, size);
      g_autoptr(GListModel) orders = NULL;

      g_assert_true (check_same (text, size, FAST_DECIDES));
      orders = g_object_ref (medusa_order_page_get_orders (page));
      g_assert_cmpuint (g_list_model_get_n_items (orders), >, 0);
    }
}

/* Field by field on the shipped order of orders-fields.json, against
 * values read off the fixture by hand, so both readers are checked. */
static void
test_fixture_values (void)
{
  gsize size;
  g_autofree char *text = load_text ("orders-fields.json", &size);
  g_autoptr(MedusaOrderPage) page = medusa_order_page_summaries_from_text_fast (text, size);
  g_autoptr(MedusaOrder) first = NULL;
  g_autoptr(GDateTime) created = NULL;

  g_assert_nonnull (page);
  first = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_cmpstr (medusa_order_get_id (first), ==, "order_01M8DMF5G1QG1X23ERCT4DRPHZ");
  g_assert_cmpint (medusa_order_get_display_id (first), ==, 10);
  g_assert_cmpstr (medusa_order_get_currency_code (first), ==, "eur");
  g_assert_cmpint (medusa_order_get_status (first), ==, MEDUSA_ORDER_STATUS_CANCELED);
  created = g_date_time_new_from_iso8601 ("2026-11-27T04:33:25.992Z", NULL);
  g_assert_true (g_date_time_equal (medusa_order_get_created_at (first), created));
  g_assert_cmpint (medusa_order_get_n_items (first), >, 0);
  g_assert_null (medusa_order_get_email (first));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (first)), ==, 0);
}

/* Every prefix of a real page is refused, with json-glib's message. */
static void
test_truncated (void)
{
  gsize size;
  g_autofree char *text = load_text ("orders-fields.json", &size);

  for (gsize n = 0; n < size; n += (n < 400 ? 1 : 37))
    {
      /* the last bytes of the file are white space after the page */
      if (n > 0 && size - n < 3)
        break;
      g_assert_false (check_same (text, n, FAST_GIVES_UP));
    }
}

static char *
nest (guint       depth,
      const char *inner)
{
  GString *s = g_string_new ("{\"orders\":[],\"x\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  /* the page is depth 1: 63 more brackets are the limit */
  g_autofree char *ok = nest (MEDUSA_JSON_MAX_DEPTH - 1, "1");
  g_autofree char *deep = nest (MEDUSA_JSON_MAX_DEPTH, "1");
  g_autofree char *very_deep = nest (100000, "");

  g_assert_true (check_text (ok, FAST_DECIDES));
  g_assert_false (check_text (deep, FAST_GIVES_UP));
  g_assert_false (check_text (very_deep, FAST_GIVES_UP));
}

static void
test_huge_string (void)
{
  gsize n = 4 * 1024 * 1024;
  g_autoptr(GString) s = g_string_new ("{\"orders\":[{\"id\":\"o1\",\"note\":\"");

  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, "\"}],\"count\":1}");
  g_assert_true (check_same (s->str, s->len, FAST_DECIDES));
}

typedef struct
{
  const char *name;
  const char *text;
  FastExpect  expect;
  gboolean    accepted;
} Case;

#define O(members) "{\"orders\":[{\"id\":\"o1\"" members "}],\"count\":1}"

static const Case cases[] = {
  /* accepted, decided by the fast reader */
  { "minimal", O (""), FAST_DECIDES, TRUE },
  { "empty", "{\"orders\":[]}", FAST_DECIDES, TRUE },
  { "no-count", "{\"orders\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"offset\":40}", FAST_DECIDES, TRUE },
  { "null-count", "{\"orders\":[{\"id\":\"a\"}],\"count\":null,\"offset\":4}", FAST_DECIDES, TRUE },
  { "integral-double", O (",\"total\":1950.0,\"subtotal\":-0"), FAST_DECIDES, TRUE },
  { "tax-rate", O (",\"tax_rate\":0.19"), FAST_DECIDES, TRUE },
  { "tax-rate-int", O (",\"tax_rate\":19"), FAST_DECIDES, TRUE },
  { "statuses", O (",\"status\":\"completed\",\"fulfillment_status\":\"shipped\",\"payment_status\":\"captured\""), FAST_DECIDES, TRUE },
  { "unknown-status", O (",\"status\":\"weird\""), FAST_DECIDES, TRUE },
  { "dates", O (",\"created_at\":\"2026-11-27T04:33:25+02:00\",\"canceled_at\":null"), FAST_DECIDES, TRUE },
  { "items", O (",\"items\":[{\"id\":\"i\",\"quantity\":2},{\"id\":\"j\",\"quantity\":3,\"variant\":{\"title\":\"V\"}}]"), FAST_DECIDES, TRUE },
  { "escapes-skipped", O (",\"x\":\"a\\\"b\\u00e9\\ud83d\\ude00\\n\",\"email\":\"\\u00e9\""), FAST_DECIDES, TRUE },
  { "duplicate-unknown", O (",\"x\":1,\"x\":2"), FAST_DECIDES, TRUE },
  { "whitespace", " \t\r\n{ \"orders\" : [ ] } \n", FAST_DECIDES, TRUE },
  { "fulfillment-links", O (",\"fulfillments\":[{\"id\":\"f\",\"tracking_links\":[{\"tracking_number\":\"1\"}],\"tracking_numbers\":5}]"), FAST_DECIDES, TRUE },
  { "address", O (",\"shipping_address\":{\"id\":\"a\",\"city\":\"\\u00c9vry\",\"metadata\":{\"k\":[1]}}"), FAST_DECIDES, TRUE },
  /* accepted by json-glib, left to it */
  { "escaped-id", O (",\"currency_code\":\"\\u0065ur\""), FAST_GIVES_UP, TRUE },
  { "escaped-name", "{\"orders\":[{\"\\u0069d\":\"o1\"}]}", FAST_GIVES_UP, TRUE },
  { "duplicate-id", "{\"orders\":[{\"id\":\"a\",\"id\":\"b\"}]}", FAST_GIVES_UP, TRUE },
  { "duplicate-count", "{\"orders\":[],\"count\":1,\"count\":2}", FAST_GIVES_UP, TRUE },
  { "exponent", O (",\"x\":1e3"), FAST_GIVES_UP, TRUE },
  /* refused by json-glib: the same message */
  { "not-object", "[]", FAST_GIVES_UP, FALSE },
  { "no-orders", "{\"count\":0}", FAST_GIVES_UP, FALSE },
  { "orders-null", "{\"orders\":null}", FAST_GIVES_UP, FALSE },
  { "orders-object", "{\"orders\":{}}", FAST_GIVES_UP, FALSE },
  { "order-not-object", "{\"orders\":[1]}", FAST_GIVES_UP, FALSE },
  { "no-id", "{\"orders\":[{}]}", FAST_GIVES_UP, FALSE },
  { "empty-id", "{\"orders\":[{\"id\":\"\"}]}", FAST_GIVES_UP, FALSE },
  { "id-number", "{\"orders\":[{\"id\":7}]}", FAST_GIVES_UP, FALSE },
  { "negative-count", "{\"orders\":[],\"count\":-5}", FAST_GIVES_UP, FALSE },
  { "offset-large", "{\"orders\":[{\"id\":\"o\"}],\"offset\":999999999999999999}", FAST_DECIDES, TRUE },
  { "offset-too-long", "{\"orders\":[{\"id\":\"o\"}],\"offset\":9223372036854775807}", FAST_GIVES_UP, FALSE },
  /* beyond 64 bits: medusa_json_parse() refuses it (json-glib would wrap it) */
  { "total-huge", O (",\"total\":99999999999999999999"), FAST_GIVES_UP, FALSE },
  { "total-fraction", O (",\"total\":19.5"), FAST_GIVES_UP, FALSE },
  { "total-string", O (",\"total\":\"5\""), FAST_GIVES_UP, FALSE },
  { "bad-date", O (",\"created_at\":\"yesterday\""), FAST_GIVES_UP, FALSE },
  { "date-range", O (",\"created_at\":\"0001-01-01T00:00:00Z\""), FAST_GIVES_UP, FALSE },
  { "quantity-overflow", O (",\"items\":[{\"id\":\"i\",\"quantity\":900000000000000000},{\"id\":\"j\",\"quantity\":900000000000000000},"
                           "{\"id\":\"k\",\"quantity\":900000000000000000},{\"id\":\"l\",\"quantity\":900000000000000000},"
                           "{\"id\":\"m\",\"quantity\":900000000000000000},{\"id\":\"n\",\"quantity\":900000000000000000},"
                           "{\"id\":\"o\",\"quantity\":900000000000000000},{\"id\":\"p\",\"quantity\":900000000000000000},"
                           "{\"id\":\"q\",\"quantity\":900000000000000000},{\"id\":\"r\",\"quantity\":900000000000000000},"
                           "{\"id\":\"s\",\"quantity\":900000000000000000}]"), FAST_GIVES_UP, FALSE },
  { "item-no-id", O (",\"items\":[{\"quantity\":1}]"), FAST_GIVES_UP, FALSE },
  { "address-city-number", O (",\"shipping_address\":{\"id\":\"a\",\"city\":5}"), FAST_GIVES_UP, FALSE },
  { "region-name-number", O (",\"region\":{\"name\":5}"), FAST_GIVES_UP, FALSE },
  { "metadata-array", O (",\"metadata\":[]"), FAST_GIVES_UP, FALSE },
  { "payment-amount-string", O (",\"payments\":[{\"id\":\"p\",\"amount\":\"1\"}]"), FAST_GIVES_UP, FALSE },
  { "discount-not-object", O (",\"discounts\":[\"X\"]"), FAST_GIVES_UP, FALSE },
  { "fulfillment-numbers", O (",\"fulfillments\":[{\"id\":\"f\",\"tracking_numbers\":[5]}]"), FAST_GIVES_UP, FALSE },
  { "fulfillment-items", O (",\"fulfillments\":[{\"id\":\"f\",\"items\":[{\"quantity\":\"2\"}]}]"), FAST_GIVES_UP, FALSE },
  { "lone-surrogate", O (",\"x\":\"\\ud800\""), FAST_GIVES_UP, FALSE },
  { "lone-low-surrogate", O (",\"x\":\"\\udc00x\""), FAST_GIVES_UP, FALSE },
  { "octal-escape", O (",\"x\":\"\\615\""), FAST_GIVES_UP, FALSE },
  { "nul-escape", O (",\"x\":\"\\u0000\""), FAST_GIVES_UP, TRUE },
  { "invalid-utf8", O (",\"x\":\"\xc3\x28\""), FAST_GIVES_UP, FALSE },
  { "overlong-utf8", O (",\"x\":\"\xc0\xaf\""), FAST_GIVES_UP, FALSE },
  { "two-values", "{\"orders\":[]}{}", FAST_GIVES_UP, FALSE },
  { "comment", "{\"orders\":[]/* c */}", FAST_GIVES_UP, FALSE },
  { "single-quotes", "{'orders':[]}", FAST_GIVES_UP, FALSE },
  { "trailing-comma", "{\"orders\":[],}", FAST_GIVES_UP, FALSE },
  { "empty", "", FAST_GIVES_UP, FALSE },
};

static void
test_cases (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      gboolean accepted = check_text (cases[k].text, cases[k].expect);

      if (accepted != cases[k].accepted)
        g_error ("case %s: %s by json-glib", cases[k].name, accepted ? "accepted" : "refused");
    }
}

static void
test_nul_byte (void)
{
  const char text[] = "{\"orders\":[]}\0 ";

  g_assert_false (check_same (text, sizeof text - 1, FAST_GIVES_UP));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order-summaries/fixtures", test_fixtures);
  g_test_add_func ("/order-summaries/fixture-values", test_fixture_values);
  g_test_add_func ("/order-summaries/truncated", test_truncated);
  g_test_add_func ("/order-summaries/depth", test_depth);
  g_test_add_func ("/order-summaries/huge-string", test_huge_string);
  g_test_add_func ("/order-summaries/cases", test_cases);
  g_test_add_func ("/order-summaries/nul-byte", test_nul_byte);

  return g_test_run ();
}
