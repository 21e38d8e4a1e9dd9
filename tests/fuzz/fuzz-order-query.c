/* fuzz-order-query.c: MedusaOrderQuery and its query-string encoding
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input layout: 34 control bytes (which statuses, limit, offset, and up to
 * three dates of 8 bytes: seconds, microseconds, UTC offset), then up to ten strings
 * separated by NUL bytes, made valid UTF-8 as a text entry makes them, for
 * q, id, display_id, cart_id, email, region_id, currency_code, tax_rate,
 * expand and fields.
 *
 * Checks: the encoding is printable ASCII without spaces; it splits on '&'
 * into key=value pairs with known keys in the documented order; each value
 * has only unreserved characters and %XX escapes, and decodes back to exactly
 * what was set; a date decodes to an ISO 8601 string that parses back to the
 * same instant; a copy is equal and encodes the same.
 */
#define G_LOG_DOMAIN "FuzzOrderQuery"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-order-query.h"

#define N_STRINGS 10
#define N_CONTROL 34

static const char * const string_keys[N_STRINGS] = {
  "q", "id", "display_id", "cart_id", "email", "region_id", "currency_code", "tax_rate",
  "expand", "fields",
};

/* The documented order of the keys ("status[]" etc. may repeat). */
static const char * const key_order[] = {
  "q", "id", "display_id", "status[]", "fulfillment_status[]", "payment_status[]",
  "created_at[lt]", "created_at[gt]", "created_at[lte]", "created_at[gte]",
  "updated_at[lt]", "updated_at[gt]", "updated_at[lte]", "updated_at[gte]",
  "canceled_at[lt]", "canceled_at[gt]", "canceled_at[lte]", "canceled_at[gte]",
  "cart_id", "email", "region_id", "currency_code", "tax_rate", "offset", "limit",
  "expand", "fields",
};

static int
key_rank (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_order); i++)
    if (strcmp (key, key_order[i]) == 0)
      return (int) i;
  return -1;
}

static void
set_string (MedusaOrderQuery *query,
            guint             i,
            const char       *value)
{
  switch (i)
    {
    case 0: medusa_order_query_set_q (query, value); break;
    case 1: medusa_order_query_set_id (query, value); break;
    case 2: medusa_order_query_set_display_id (query, value); break;
    case 3: medusa_order_query_set_cart_id (query, value); break;
    case 4: medusa_order_query_set_email (query, value); break;
    case 5: medusa_order_query_set_region_id (query, value); break;
    case 6: medusa_order_query_set_currency_code (query, value); break;
    case 7: medusa_order_query_set_tax_rate (query, value); break;
    case 8: medusa_order_query_set_expand (query, value); break;
    case 9: medusa_order_query_set_fields (query, value); break;
    default: g_assert_not_reached ();
    }
}

static gint64
read_i64 (const uint8_t *p,
          guint          n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v = v << 8 | p[i];
  return (gint64) v;
}

/* A date from 5 bytes of seconds, 2 of microseconds (mod 10^6) and 1 of UTC
 * offset in quarter hours (-48..+56, as real zones have); NULL when out of
 * GDateTime's range. */
static GDateTime *
make_date (const uint8_t *p)
{
  /* 0001-01-01 .. 9999-12-31 is -62135596800 .. 253402300799 */
  gint64 seconds = read_i64 (p, 5) % G_GINT64_CONSTANT (253402300800) - G_GINT64_CONSTANT (62135596800);
  int usec = (int) (read_i64 (p + 5, 2) % 1000000 * 15 % 1000000);
  int quarters = (int) (p[7] % 105) - 48;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (quarters * 15 * 60);
  g_autoptr(GDateTime) with_usec = NULL;

  if (utc == NULL || tz == NULL)
    return NULL;
  with_usec = g_date_time_add (utc, usec);
  if (with_usec == NULL)
    return NULL;
  return g_date_time_to_timezone (with_usec, tz);
}

/* Only A-Z a-z 0-9 - . _ ~ : and %XX stay in a value. */
static void
check_value_chars (const char *key,
                   const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '%')
        {
          FUZZ_CHECK (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]),
                      "a broken %% escape in %s=%s", key, value);
          p += 2;
          continue;
        }
      FUZZ_CHECK (g_ascii_isalnum (*p) || strchr ("-._~:", *p) != NULL,
                  "a raw '%c' in the value of %s: %s", *p, key, value);
    }
}

static void
check_date_value (const char *key,
                  const char *decoded,
                  GDateTime  *expected)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (decoded, NULL);

  FUZZ_CHECK (expected != NULL, "%s sent but not set", key);
  FUZZ_CHECK (parsed != NULL, "%s=%s is not ISO 8601", key, decoded);
  FUZZ_CHECK (g_date_time_equal (parsed, expected), "%s=%s is not the instant that was set", key, decoded);
  /* what servers read: YYYY-MM-DDTHH:MM:SS, four digits of year */
  FUZZ_CHECK (strlen (decoded) >= 20 && g_ascii_isdigit (decoded[0]) && g_ascii_isdigit (decoded[3]) &&
              decoded[4] == '-' && decoded[7] == '-' && decoded[10] == 'T',
              "%s=%s is not YYYY-MM-DDTHH:MM:SS", key, decoded);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderQuery) copy = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *encoded_copy = NULL;
  g_auto(GStrv) pairs = NULL;
  char *strings[N_STRINGS] = { NULL, };
  GDateTime *dates[3][4] = { { NULL, }, };
  const uint8_t *ctl;
  const char *text;
  size_t text_len;
  guint limit_seen = 0;
  gboolean sent[N_STRINGS] = { FALSE, };
  int last_rank = -1;

  if (size < N_CONTROL)
    return 0;
  ctl = data;
  text = (const char *) data + N_CONTROL;
  text_len = size - N_CONTROL;

  /* Strings: NUL-separated, made valid UTF-8 as a GtkEntry's text is. */
  for (guint i = 0; i < N_STRINGS && text_len > 0; i++)
    {
      const char *end = memchr (text, '\0', text_len);
      size_t len = end != NULL ? (size_t) (end - text) : text_len;

      strings[i] = g_utf8_make_valid (text, (gssize) len);
      set_string (query, i, strings[i]);
      text += len;
      text_len -= len;
      if (text_len > 0)
        {
          text++;
          text_len--;
        }
    }

  /* Statuses: one bit each (bit 0 = UNKNOWN, which is ignored). */
  for (guint s = 0; s < 8; s++)
    {
      if (ctl[0] & (1u << s))
        medusa_order_query_add_status (query, (MedusaOrderStatus) s);
      if (ctl[1] & (1u << s))
        medusa_order_query_add_payment_status (query, (MedusaPaymentStatus) s);
    }
  for (guint s = 0; s < 16; s++)
    if (((guint) ctl[2] << 8 | ctl[3]) & (1u << s))
      medusa_order_query_add_fulfillment_status (query, (MedusaFulfillmentStatus) (s % 10));

  medusa_order_query_set_limit (query, (int) (gint16) ((guint) ctl[4] << 8 | ctl[5]));
  medusa_order_query_set_offset (query, (guint) read_i64 (ctl + 6, 2) * 997u);

  /* Up to three dates, field and operator from byte 8. */
  if (ctl[8] & 0x80)
    {
      for (guint k = 0; k < 3; k++)
        {
          guint field = (ctl[8] >> (k * 2)) % 3;
          guint op = (ctl[9] >> (k * 2)) % 4;
          GDateTime *when = make_date (ctl + 10 + k * 8);

          medusa_order_query_set_date (query, field, op, when);
          g_clear_pointer (&dates[field][op], g_date_time_unref);
          dates[field][op] = when;
        }
    }

  encoded = medusa_order_query_to_string (query);
  FUZZ_CHECK (encoded != NULL, "no encoding");
  for (const char *p = encoded; *p != '\0'; p++)
    FUZZ_CHECK (*p > 0x20 && *p < 0x7f, "a byte 0x%02x in the query string", (guchar) *p);

  if (*encoded != '\0')
    {
      pairs = g_strsplit (encoded, "&", -1);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq = strchr (pairs[i], '=');
          const char *key;
          const char *value;
          g_autofree char *decoded = NULL;
          int rank;

          FUZZ_CHECK (eq != NULL, "a parameter without '=': %s", pairs[i]);
          *eq = '\0';
          key = pairs[i];
          value = eq + 1;
          rank = key_rank (key);
          FUZZ_CHECK (rank >= 0, "an unknown key %s", key);
          FUZZ_CHECK (rank >= last_rank, "%s out of order", key);
          last_rank = rank;
          check_value_chars (key, value);
          FUZZ_CHECK (strchr (value, '=') == NULL, "a raw '=' in %s", key);

          decoded = g_uri_unescape_string (value, NULL);
          FUZZ_CHECK (decoded != NULL, "%s=%s does not decode", key, value);
          FUZZ_CHECK (g_utf8_validate (decoded, -1, NULL), "%s decodes to bytes that are not UTF-8", key);

          for (guint s = 0; s < N_STRINGS; s++)
            {
              if (strcmp (key, string_keys[s]) == 0)
                {
                  FUZZ_CHECK (!sent[s], "%s sent twice", key);
                  FUZZ_CHECK (g_strcmp0 (decoded, strings[s]) == 0,
                              "%s decodes to \"%s\", not what was set", key, decoded);
                  sent[s] = TRUE;
                }
            }
          if (strchr (key, '[') != NULL && strstr (key, "status") == NULL)
            {
              for (guint f = 0; f < 3; f++)
                for (guint o = 0; o < 4; o++)
                  {
                    static const char * const fields[] = { "created_at", "updated_at", "canceled_at" };
                    static const char * const ops[] = { "lt", "gt", "lte", "gte" };
                    g_autofree char *name = g_strdup_printf ("%s[%s]", fields[f], ops[o]);

                    if (strcmp (name, key) == 0)
                      check_date_value (key, decoded, dates[f][o]);
                  }
            }
          if (strcmp (key, "limit") == 0)
            limit_seen++;
        }
    }
  FUZZ_CHECK (limit_seen == (medusa_order_query_get_limit (query) >= 0 ? 1u : 0u), "limit sent %u times", limit_seen);

  /* Every string that was set (non-empty) is sent. */
  for (guint s = 0; s < N_STRINGS; s++)
    FUZZ_CHECK (sent[s] == (strings[s] != NULL && *strings[s] != '\0'),
                "%s: set and sent disagree", string_keys[s]);

  copy = medusa_order_query_copy (query);
  FUZZ_CHECK (medusa_order_query_equal (query, copy), "a copy is not equal");
  encoded_copy = medusa_order_query_to_string (copy);
  FUZZ_CHECK (strcmp (encoded, encoded_copy) == 0, "a copy encodes differently");
  (void) medusa_order_query_has_filters (query);

  for (guint s = 0; s < N_STRINGS; s++)
    g_free (strings[s]);
  for (guint f = 0; f < 3; f++)
    for (guint o = 0; o < 4; o++)
      g_clear_pointer (&dates[f][o], g_date_time_unref);

  return 0;
}
