/* fuzz-decimal.c: medusa_money_parse_decimal() against a slow reference
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the digits after the point (0-20: 19 and 20 must be
 * refused); the rest, cut at the first NUL, is the text.
 *
 * The reference shares no code with the product: GRegex (PCRE) checks the
 * JSON number syntax, and the value is computed on decimal strings (shift
 * the digits, round half away from zero by the first dropped digit, compare
 * the magnitude with 9223372036854775807 or, negative, ...808).
 *
 * Checks: TRUE exactly when the text is a JSON number of at most 100
 * characters, @digits ≤ 18, and the exact result fits in a gint64 (an
 * exponent beyond ±9999 may be refused: the product's own limit); TRUE gives
 * the reference's value; FALSE leaves *minor untouched.
 */
#define G_LOG_DOMAIN "FuzzDecimal"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-money.h"

#define SENTINEL ((gint64) 0x5a5a5a5a5a5a5a5a)

static GRegex *number_regex;

/* A decimal string of digits without leading zeros ("0" for zero). */
static void
strip_leading_zeros (GString *digits)
{
  gsize i = 0;

  while (i + 1 < digits->len && digits->str[i] == '0')
    i++;
  g_string_erase (digits, 0, i);
  if (digits->len == 0)
    g_string_assign (digits, "0");
}

/* Adds one to a decimal string. */
static void
increment (GString *digits)
{
  for (gssize i = (gssize) digits->len - 1; i >= 0; i--)
    {
      if (digits->str[i] != '9')
        {
          digits->str[i]++;
          return;
        }
      digits->str[i] = '0';
    }
  g_string_prepend_c (digits, '1');
}

/* a ≤ b, both without leading zeros */
static gboolean
decimal_le (const char *a,
            const char *b)
{
  size_t la = strlen (a), lb = strlen (b);

  if (la != lb)
    return la < lb;
  return strcmp (a, b) <= 0;
}

typedef enum
{
  REF_INVALID,     /* not a number the function takes */
  REF_LIMIT,       /* an exponent past the product's limit: either answer */
  REF_TOO_LARGE,   /* a number, but the result does not fit */
  REF_VALUE,       /* *value is the result */
} RefResult;

static RefResult
reference_parse (const char *text,
                 guint       digits,
                 gint64     *value)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *integer = NULL;
  g_autofree char *fraction = NULL;
  g_autofree char *exp_sign = NULL;
  g_autofree char *exp_digits = NULL;
  g_autoptr(GString) exp_abs = NULL;
  g_autoptr(GString) mantissa = NULL;
  g_autoptr(GString) result = NULL;
  gint64 exponent;
  gint64 scale;
  gboolean negative;
  guint64 magnitude;

  if (digits > 18 || strlen (text) > 100)
    return REF_INVALID;
  if (!g_regex_match (number_regex, text, 0, &match))
    return REF_INVALID;

  sign = g_match_info_fetch (match, 1);
  integer = g_match_info_fetch (match, 2);
  fraction = g_match_info_fetch (match, 3);
  exp_sign = g_match_info_fetch (match, 4);
  exp_digits = g_match_info_fetch (match, 5);
  negative = g_strcmp0 (sign, "-") == 0;

  exp_abs = g_string_new (exp_digits != NULL ? exp_digits : "");
  strip_leading_zeros (exp_abs);
  if (!decimal_le (exp_abs->str, "9999"))
    return REF_LIMIT;
  exponent = (gint64) g_ascii_strtoull (exp_abs->str, NULL, 10);
  if (g_strcmp0 (exp_sign, "-") == 0)
    exponent = -exponent;

  /* value = mantissa × 10^scale, in minor units */
  mantissa = g_string_new (integer);
  g_string_append (mantissa, fraction != NULL ? fraction : "");
  scale = exponent - (gint64) strlen (fraction != NULL ? fraction : "") + digits;

  if (scale >= 0)
    {
      result = g_string_new (mantissa->str);
      strip_leading_zeros (result);
      if (strcmp (result->str, "0") != 0)
        for (gint64 i = 0; i < scale && result->len <= 40; i++)
          g_string_append_c (result, '0');
    }
  else
    {
      gint64 kept = (gint64) mantissa->len + scale;  /* digits left of the point */
      char first_dropped;

      if (kept <= 0)
        {
          result = g_string_new ("0");
          first_dropped = kept == 0 ? mantissa->str[0] : '0';
        }
      else
        {
          result = g_string_new_len (mantissa->str, kept);
          first_dropped = mantissa->str[kept];
        }
      strip_leading_zeros (result);
      if (first_dropped >= '5')
        increment (result);
    }

  if (!decimal_le (result->str, negative ? "9223372036854775808" : "9223372036854775807"))
    return REF_TOO_LARGE;

  magnitude = g_ascii_strtoull (result->str, NULL, 10);
  if (!negative || magnitude == 0)
    *value = (gint64) magnitude;
  else
    *value = -(gint64) (magnitude - 1) - 1;
  return REF_VALUE;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  /* JSON's number, on bytes; \z, not $ (which matches before a final newline) */
  number_regex = g_regex_new ("^(-?)(0|[1-9][0-9]*)(?:\\.([0-9]+))?(?:[eE]([+-]?)([0-9]+))?\\z",
                              G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL);
  g_assert (number_regex != NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *end;
  guint digits;
  gint64 minor = SENTINEL;
  gint64 expected = 0;
  gboolean ok;
  RefResult ref;

  if (size == 0)
    return 0;
  digits = data[0] % 21;
  data++;
  size--;
  end = memchr (data, '\0', size);
  text = g_strndup ((const char *) data, end != NULL ? (size_t) (end - (const char *) data) : size);

  ok = medusa_money_parse_decimal (text, digits, &minor);
  ref = reference_parse (text, digits, &expected);

  switch (ref)
    {
    case REF_INVALID:
      FUZZ_CHECK (!ok, "\"%s\" (%u digits) is no number, but was read as %" G_GINT64_FORMAT,
                  text, digits, minor);
      break;
    case REF_TOO_LARGE:
      FUZZ_CHECK (!ok, "\"%s\" (%u digits) does not fit, but was read as %" G_GINT64_FORMAT,
                  text, digits, minor);
      break;
    case REF_VALUE:
      FUZZ_CHECK (ok, "\"%s\" (%u digits) was refused; it is %" G_GINT64_FORMAT,
                  text, digits, expected);
      FUZZ_CHECK (minor == expected, "\"%s\" (%u digits) was read as %" G_GINT64_FORMAT
                  ", not %" G_GINT64_FORMAT, text, digits, minor, expected);
      break;
    case REF_LIMIT:
    default:
      break;
    }
  if (!ok)
    FUZZ_CHECK (minor == SENTINEL, "FALSE for \"%s\", but *minor was written", text);

  return 0;
}
