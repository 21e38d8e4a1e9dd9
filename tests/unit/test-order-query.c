/* test-order-query.c: the exact query-string encoding of MedusaOrderQuery
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-object.h>

#include "medusa-order-query.h"

static void
assert_query (const MedusaOrderQuery *query,
              const char             *expected)
{
  g_autofree char *str = medusa_order_query_to_string (query);

  g_assert_cmpstr (str, ==, expected);
}

static GDateTime *
utc (int    year,
     int    month,
     int    day,
     int    hour,
     int    minute,
     double seconds)
{
  return g_date_time_new_utc (year, month, day, hour, minute, seconds);
}

static GDateTime *
with_offset (gint32 offset_seconds,
             int    year,
             int    month,
             int    day,
             int    hour,
             int    minute,
             double seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset_seconds);

  return g_date_time_new (tz, year, month, day, hour, minute, seconds);
}

static void
test_empty (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  assert_query (query, "");
  g_assert_false (medusa_order_query_has_filters (query));
  g_assert_cmpint (medusa_order_query_get_limit (query), ==, -1);
  g_assert_cmpuint (medusa_order_query_get_offset (query), ==, 0);
  g_assert_null (medusa_order_query_get_q (query));
  g_assert_null (medusa_order_query_get_display_id (query));
  g_assert_null (medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT,
                                              MEDUSA_ORDER_DATE_GTE));
}

static void
test_boxed_type (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  MedusaOrderQuery *copy;

  g_assert_true (G_TYPE_IS_BOXED (MEDUSA_TYPE_ORDER_QUERY));
  g_assert_cmpstr (g_type_name (MEDUSA_TYPE_ORDER_QUERY), ==, "MedusaOrderQuery");

  medusa_order_query_set_q (query, "x");
  copy = g_boxed_copy (MEDUSA_TYPE_ORDER_QUERY, query);
  g_assert_true (copy != query);
  g_assert_true (medusa_order_query_equal (copy, query));
  g_boxed_free (MEDUSA_TYPE_ORDER_QUERY, copy);
}

static void
test_each_string_filter (void)
{
  static const struct {
    void (*set) (MedusaOrderQuery *, const char *);
    const char *value;
    const char *expected;
  } cases[] = {
    { medusa_order_query_set_q, "anna", "q=anna" },
    { medusa_order_query_set_id, "order_01ABC", "id=order_01ABC" },
    { medusa_order_query_set_display_id, "42", "display_id=42" },
    { medusa_order_query_set_cart_id, "cart_01XY", "cart_id=cart_01XY" },
    { medusa_order_query_set_email, "demo+x@example.com", "email=demo%2Bx%40example.com" },
    { medusa_order_query_set_region_id, "reg_01", "region_id=reg_01" },
    { medusa_order_query_set_currency_code, "eur", "currency_code=eur" },
    { medusa_order_query_set_tax_rate, "19.5", "tax_rate=19.5" },
    { medusa_order_query_set_expand, "items,region", "expand=items%2Cregion" },
    { medusa_order_query_set_fields, "id,display_id", "fields=id%2Cdisplay_id" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
      gboolean is_filter = cases[i].set != medusa_order_query_set_expand &&
                           cases[i].set != medusa_order_query_set_fields;

      cases[i].set (query, cases[i].value);
      assert_query (query, cases[i].expected);
      g_assert_cmpint (medusa_order_query_has_filters (query), ==, is_filter);
    }
}

static void
test_unset_by_null_or_empty (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  medusa_order_query_set_q (query, "abc");
  medusa_order_query_set_display_id (query, "7");
  medusa_order_query_set_email (query, "a@b.c");
  assert_query (query, "q=abc&display_id=7&email=a%40b.c");
  g_assert_true (medusa_order_query_has_filters (query));

  medusa_order_query_set_q (query, "");
  g_assert_null (medusa_order_query_get_q (query));
  medusa_order_query_set_display_id (query, NULL);
  g_assert_null (medusa_order_query_get_display_id (query));
  assert_query (query, "email=a%40b.c");

  medusa_order_query_set_email (query, "");
  assert_query (query, "");
  g_assert_false (medusa_order_query_has_filters (query));
}

static void
test_percent_encoding (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  /* UTF-8 bytes are encoded one by one; space is %20, never '+'. */
  medusa_order_query_set_q (query, "Müller & Söhne");
  assert_query (query, "q=M%C3%BCller%20%26%20S%C3%B6hne");

  /* Unreserved characters and ':' stay; '+', '=', '#', '?', '/', '%', brackets do not. */
  medusa_order_query_set_q (query, "aZ09-._~:+=#?/%[]");
  assert_query (query, "q=aZ09-._~:%2B%3D%23%3F%2F%25%5B%5D");
}

/* Every byte 1-255 (0 ends the string), each between two letters: kept
 * when it is an RFC 3986 unreserved character or ':', else %XX in upper
 * case. Written out by hand here, so that the library call doing the
 * encoding is checked against the rule, not against itself. */
static void
test_percent_encoding_all_bytes (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  for (guint b = 1; b < 256; b++)
    {
      char value[4] = { 'a', (char) b, 'z', '\0' };
      g_autofree char *expected = NULL;
      gboolean kept = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                      b == '-' || b == '.' || b == '_' || b == '~' || b == ':';

      if (kept)
        expected = g_strdup_printf ("q=a%cz", (char) b);
      else
        expected = g_strdup_printf ("q=a%%%02Xz", b);

      medusa_order_query_set_q (query, value);
      assert_query (query, expected);
    }
}

static void
test_statuses (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  /* Emitted in enum order, whatever the order they were added in. */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_REQUIRES_ACTION);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_CANCELED);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  assert_query (query, "status[]=pending&status[]=canceled&status[]=requires_action");
  g_assert_true (medusa_order_query_has_filters (query));
  g_assert_true (medusa_order_query_has_status (query, MEDUSA_ORDER_STATUS_CANCELED));
  g_assert_false (medusa_order_query_has_status (query, MEDUSA_ORDER_STATUS_COMPLETED));

  medusa_order_query_clear_statuses (query);
  assert_query (query, "");
  g_assert_false (medusa_order_query_has_filters (query));

  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED);
  assert_query (query, "fulfillment_status[]=not_fulfilled&fulfillment_status[]=shipped");
  g_assert_true (medusa_order_query_has_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_SHIPPED));
  g_assert_false (medusa_order_query_has_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_RETURNED));

  medusa_order_query_clear_statuses (query);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_AWAITING);
  assert_query (query, "payment_status[]=awaiting&payment_status[]=partially_refunded");
  g_assert_true (medusa_order_query_has_payment_status (query, MEDUSA_PAYMENT_STATUS_AWAITING));
  g_assert_false (medusa_order_query_has_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED));

  /* clear_statuses clears all three sets */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_ARCHIVED);
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_CANCELED);
  medusa_order_query_clear_statuses (query);
  assert_query (query, "");
}

static void
test_status_duplicates_and_unknown (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_UNKNOWN);
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_UNKNOWN);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_UNKNOWN);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);

  assert_query (query, "status[]=completed&payment_status[]=captured");
  g_assert_false (medusa_order_query_has_status (query, MEDUSA_ORDER_STATUS_UNKNOWN));
  g_assert_false (medusa_order_query_has_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_UNKNOWN));

  /* only UNKNOWN added: no filter at all */
  medusa_order_query_clear_statuses (query);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_UNKNOWN);
  g_assert_false (medusa_order_query_has_filters (query));
  assert_query (query, "");
}

static void
test_dates (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) a = utc (2026, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) b = with_offset (3600, 2026, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) c = with_offset (-(5 * 3600 + 1800), 2026, 2, 28, 23, 59, 59);
  g_autoptr(GDateTime) d = utc (2026, 3, 4, 5, 6, 7.25);
  g_autoptr(GTimeZone) zero = g_time_zone_new_offset (0);
  g_autoptr(GDateTime) e = g_date_time_new (zero, 2026, 1, 2, 3, 4, 5);

  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, a);
  assert_query (query, "created_at[gte]=2026-01-02T03:04:05Z");
  g_assert_true (medusa_order_query_has_filters (query));
  g_assert_true (medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT,
                                              MEDUSA_ORDER_DATE_GTE) == a);

  /* a whole-hour offset is written +01:00 (GLib 2.74's own ISO formatter
   * would write "+01", which the server rejects), with '+' as %2B */
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, b);
  assert_query (query, "created_at[gte]=2026-01-02T03:04:05%2B01:00");

  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, c);
  assert_query (query, "created_at[gte]=2026-02-28T23:59:59-05:30");

  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, d);
  assert_query (query, "created_at[gte]=2026-03-04T05:06:07.250000Z");

  /* any zero offset is "Z" */
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, e);
  assert_query (query, "created_at[gte]=2026-01-02T03:04:05Z");

  /* all operators of all fields, in the documented order */
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CANCELED_AT, MEDUSA_ORDER_DATE_LT, a);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_UPDATED_AT, MEDUSA_ORDER_DATE_GT, a);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, b);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, a);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT, a);
  assert_query (query,
                "created_at[lt]=2026-01-02T03:04:05Z"
                "&created_at[gt]=2026-01-02T03:04:05Z"
                "&created_at[lte]=2026-01-02T03:04:05%2B01:00"
                "&created_at[gte]=2026-01-02T03:04:05Z"
                "&updated_at[gt]=2026-01-02T03:04:05Z"
                "&canceled_at[lt]=2026-01-02T03:04:05Z");

  /* NULL unsets one bound only */
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GT, NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, NULL);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_UPDATED_AT, MEDUSA_ORDER_DATE_GT, NULL);
  g_assert_null (medusa_order_query_get_date (query, MEDUSA_ORDER_DATE_CREATED_AT,
                                              MEDUSA_ORDER_DATE_GTE));
  assert_query (query, "canceled_at[lt]=2026-01-02T03:04:05Z");
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CANCELED_AT, MEDUSA_ORDER_DATE_LT, NULL);
  g_assert_false (medusa_order_query_has_filters (query));
  assert_query (query, "");
}

static void
test_limit_offset (void)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();

  medusa_order_query_set_limit (query, 0);
  assert_query (query, "limit=0");
  g_assert_cmpint (medusa_order_query_get_limit (query), ==, 0);

  medusa_order_query_set_limit (query, 20);
  medusa_order_query_set_offset (query, 40);
  assert_query (query, "offset=40&limit=20");
  g_assert_cmpuint (medusa_order_query_get_offset (query), ==, 40);
  /* limit, offset, expand and fields are not filters */
  medusa_order_query_set_expand (query, "items");
  g_assert_false (medusa_order_query_has_filters (query));

  medusa_order_query_set_limit (query, -1);
  medusa_order_query_set_offset (query, 0);
  assert_query (query, "expand=items");

  /* the server answers 500 to limit=-1: every negative limit means "not sent" */
  medusa_order_query_set_limit (query, -7);
  g_assert_cmpint (medusa_order_query_get_limit (query), ==, -1);
  assert_query (query, "expand=items");
}

static MedusaOrderQuery *
new_full_query (void)
{
  MedusaOrderQuery *query = medusa_order_query_new ();
  g_autoptr(GDateTime) from = with_offset (3600, 2026, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) to = utc (2026, 12, 31, 23, 0, 0);

  /* set in an order unlike the output's */
  medusa_order_query_set_fields (query, "id,status");
  medusa_order_query_set_expand (query, "items");
  medusa_order_query_set_limit (query, 10);
  medusa_order_query_set_offset (query, 30);
  medusa_order_query_set_tax_rate (query, "0");
  medusa_order_query_set_currency_code (query, "usd");
  medusa_order_query_set_region_id (query, "reg_1");
  medusa_order_query_set_email (query, "demo@example.com");
  medusa_order_query_set_cart_id (query, "cart_1");
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CANCELED_AT, MEDUSA_ORDER_DATE_GT, to);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_UPDATED_AT, MEDUSA_ORDER_DATE_LTE, to);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, to);
  medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, from);
  medusa_order_query_add_payment_status (query, MEDUSA_PAYMENT_STATUS_CAPTURED);
  medusa_order_query_add_fulfillment_status (query, MEDUSA_FULFILLMENT_STATUS_FULFILLED);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_COMPLETED);
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  medusa_order_query_set_display_id (query, "12");
  medusa_order_query_set_id (query, "order_1");
  medusa_order_query_set_q (query, "Müller & Söhne");

  return query;
}

static void
test_all_together (void)
{
  g_autoptr(MedusaOrderQuery) query = new_full_query ();

  assert_query (query,
                "q=M%C3%BCller%20%26%20S%C3%B6hne"
                "&id=order_1"
                "&display_id=12"
                "&status[]=pending&status[]=completed"
                "&fulfillment_status[]=fulfilled"
                "&payment_status[]=captured"
                "&created_at[lt]=2026-12-31T23:00:00Z"
                "&created_at[gte]=2026-01-02T03:04:05%2B01:00"
                "&updated_at[lte]=2026-12-31T23:00:00Z"
                "&canceled_at[gt]=2026-12-31T23:00:00Z"
                "&cart_id=cart_1"
                "&email=demo%40example.com"
                "&region_id=reg_1"
                "&currency_code=usd"
                "&tax_rate=0"
                "&offset=30"
                "&limit=10"
                "&expand=items"
                "&fields=id%2Cstatus");
  g_assert_true (medusa_order_query_has_filters (query));
}

static void
test_copy_equal (void)
{
  g_autoptr(MedusaOrderQuery) query = new_full_query ();
  g_autoptr(MedusaOrderQuery) copy = medusa_order_query_copy (query);
  g_autoptr(MedusaOrderQuery) other = NULL;
  g_autoptr(MedusaOrderQuery) empty1 = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) empty2 = medusa_order_query_new ();
  g_autoptr(GDateTime) from_same_instant_utc = utc (2026, 1, 2, 2, 4, 5);
  g_autoptr(GDateTime) from_same = with_offset (3600, 2026, 1, 2, 3, 4, 5);
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;

  g_assert_true (medusa_order_query_equal (query, copy));
  g_assert_true (medusa_order_query_equal (copy, query));
  g_assert_true (medusa_order_query_equal (empty1, empty2));
  g_assert_true (medusa_order_query_equal (NULL, NULL));
  g_assert_false (medusa_order_query_equal (query, NULL));
  g_assert_false (medusa_order_query_equal (NULL, empty1));
  g_assert_false (medusa_order_query_equal (query, empty1));
  g_assert_null (medusa_order_query_copy (NULL));

  s1 = medusa_order_query_to_string (query);
  s2 = medusa_order_query_to_string (copy);
  g_assert_cmpstr (s1, ==, s2);

  /* the copy is deep: changing it leaves the original alone */
  medusa_order_query_set_q (copy, "other");
  g_assert_cmpstr (medusa_order_query_get_q (query), ==, "Müller & Söhne");
  g_assert_false (medusa_order_query_equal (query, copy));

  /* each kind of field takes part in equal() */
#define ASSERT_DIFFERS(stmt) \
  G_STMT_START { \
    g_clear_pointer (&other, medusa_order_query_free); \
    other = medusa_order_query_copy (query); \
    g_assert_true (medusa_order_query_equal (query, other)); \
    stmt; \
    g_assert_false (medusa_order_query_equal (query, other)); \
  } G_STMT_END

  ASSERT_DIFFERS (medusa_order_query_set_id (other, NULL));
  ASSERT_DIFFERS (medusa_order_query_set_display_id (other, "13"));
  ASSERT_DIFFERS (medusa_order_query_set_cart_id (other, "cart_2"));
  ASSERT_DIFFERS (medusa_order_query_set_email (other, "x@example.com"));
  ASSERT_DIFFERS (medusa_order_query_set_region_id (other, "reg_2"));
  ASSERT_DIFFERS (medusa_order_query_set_currency_code (other, "eur"));
  ASSERT_DIFFERS (medusa_order_query_set_tax_rate (other, "1"));
  ASSERT_DIFFERS (medusa_order_query_set_expand (other, NULL));
  ASSERT_DIFFERS (medusa_order_query_set_fields (other, "id"));
  ASSERT_DIFFERS (medusa_order_query_add_status (other, MEDUSA_ORDER_STATUS_ARCHIVED));
  ASSERT_DIFFERS (medusa_order_query_add_fulfillment_status (other, MEDUSA_FULFILLMENT_STATUS_SHIPPED));
  ASSERT_DIFFERS (medusa_order_query_add_payment_status (other, MEDUSA_PAYMENT_STATUS_REFUNDED));
  ASSERT_DIFFERS (medusa_order_query_set_date (other, MEDUSA_ORDER_DATE_CREATED_AT,
                                               MEDUSA_ORDER_DATE_GTE, NULL));
  /* same instant, different offset: a different string, so not equal */
  ASSERT_DIFFERS (medusa_order_query_set_date (other, MEDUSA_ORDER_DATE_CREATED_AT,
                                               MEDUSA_ORDER_DATE_GTE, from_same_instant_utc));
  ASSERT_DIFFERS (medusa_order_query_set_limit (other, 11));
  ASSERT_DIFFERS (medusa_order_query_set_offset (other, 0));
#undef ASSERT_DIFFERS

  /* an equal but distinct GDateTime keeps the queries equal */
  g_clear_pointer (&other, medusa_order_query_free);
  other = medusa_order_query_copy (query);
  medusa_order_query_set_date (other, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, from_same);
  g_assert_true (medusa_order_query_equal (query, other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/order-query/empty", test_empty);
  g_test_add_func ("/order-query/boxed-type", test_boxed_type);
  g_test_add_func ("/order-query/string-filters", test_each_string_filter);
  g_test_add_func ("/order-query/unset", test_unset_by_null_or_empty);
  g_test_add_func ("/order-query/percent-encoding", test_percent_encoding);
  g_test_add_func ("/order-query/percent-encoding-all-bytes", test_percent_encoding_all_bytes);
  g_test_add_func ("/order-query/statuses", test_statuses);
  g_test_add_func ("/order-query/statuses-duplicates-unknown", test_status_duplicates_and_unknown);
  g_test_add_func ("/order-query/dates", test_dates);
  g_test_add_func ("/order-query/limit-offset", test_limit_offset);
  g_test_add_func ("/order-query/all-together", test_all_together);
  g_test_add_func ("/order-query/copy-equal", test_copy_equal);

  return g_test_run ();
}
