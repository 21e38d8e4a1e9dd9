/* test-money.c: currency exponents and locale-aware money formatting
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "medusa-money.h"

static void
test_exponent (void)
{
  g_assert_cmpuint (medusa_currency_get_exponent ("eur"), ==, 2);
  g_assert_cmpuint (medusa_currency_get_exponent ("EUR"), ==, 2);
  g_assert_cmpuint (medusa_currency_get_exponent ("usd"), ==, 2);
  g_assert_cmpuint (medusa_currency_get_exponent ("huf"), ==, 2);
  g_assert_cmpuint (medusa_currency_get_exponent ("jpy"), ==, 0);
  g_assert_cmpuint (medusa_currency_get_exponent ("KRW"), ==, 0);
  g_assert_cmpuint (medusa_currency_get_exponent ("isk"), ==, 0);
  g_assert_cmpuint (medusa_currency_get_exponent ("clp"), ==, 0);
  g_assert_cmpuint (medusa_currency_get_exponent ("vnd"), ==, 0);
  g_assert_cmpuint (medusa_currency_get_exponent ("kwd"), ==, 3);
  g_assert_cmpuint (medusa_currency_get_exponent ("bhd"), ==, 3);
  g_assert_cmpuint (medusa_currency_get_exponent ("JOD"), ==, 3);
  g_assert_cmpuint (medusa_currency_get_exponent ("omr"), ==, 3);
  g_assert_cmpuint (medusa_currency_get_exponent ("tnd"), ==, 3);
  g_assert_cmpuint (medusa_currency_get_exponent ("xyz"), ==, 2);
  g_assert_cmpuint (medusa_currency_get_exponent (NULL), ==, 2);
}

static void
test_symbol (void)
{
  g_assert_cmpstr (medusa_currency_get_symbol ("eur"), ==, "€");
  g_assert_cmpstr (medusa_currency_get_symbol ("USD"), ==, "$");
  g_assert_cmpstr (medusa_currency_get_symbol ("gbp"), ==, "£");
  g_assert_cmpstr (medusa_currency_get_symbol ("jpy"), ==, "¥");
  g_assert_null (medusa_currency_get_symbol ("chf"));
  g_assert_null (medusa_currency_get_symbol (NULL));
}

typedef struct
{
  gint64 amount;
  const char *currency;
  const char *expected;
} FormatCase;

static void
check_cases (const FormatCase *cases,
             gsize             n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *text = medusa_money_format (cases[i].amount, cases[i].currency);

      g_test_message ("%" G_GINT64_FORMAT " %s → %s", cases[i].amount,
                      cases[i].currency != NULL ? cases[i].currency : "(null)", text);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_c_locale (void)
{
  static const FormatCase cases[] = {
    { 0, "eur", "€0.00" },
    { 5, "eur", "€0.05" },
    { 4650, "eur", "€46.50" },
    { 4650, "EUR", "€46.50" },
    { 123456789, "usd", "$1234567.89" },
    { -500, "eur", "-€5.00" },
    { -1, "gbp", "-£0.01" },
    { 1234, "jpy", "¥1234" },
    { -1234, "jpy", "-¥1234" },
    { 1234567, "kwd", "1234.567 KWD" },
    { 5, "kwd", "0.005 KWD" },
    { 100, "chf", "1.00 CHF" },
    { 100, "xyz", "1.00 XYZ" },
    { 100, NULL, "1.00" },
    { G_MAXINT64, "eur", "€92233720368547758.07" },
    { G_MININT64, "eur", "-€92233720368547758.08" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_format_german_numbers (void)
{
  static const FormatCase cases[] = {
    { 123456789, "eur", "€1.234.567,89" },
    { 123456, "eur", "€1.234,56" },
    { 99999, "eur", "€999,99" },
    { -100000, "usd", "-$1.000,00" },
    { 1234567, "jpy", "¥1.234.567" },
    { 1234567, "kwd", "1.234,567 KWD" },
  };

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }

  check_cases (cases, G_N_ELEMENTS (cases));
  setlocale (LC_NUMERIC, "C");
}

static void
test_parse_decimal (void)
{
  static const struct { const char *text; guint digits; gint64 want; } good[] = {
    { "19.5", 2, 1950 }, { "59.99", 2, 5999 }, { "47", 2, 4700 }, { "0", 2, 0 },
    { "-0", 2, 0 }, { "0.05", 2, 5 }, { "1500", 0, 1500 }, { "12.345", 3, 12345 },
    { "12.3", 3, 12300 }, { "0.125", 2, 13 }, { "0.124", 2, 12 }, { "-0.005", 2, -1 },
    { "-19.5", 2, -1950 }, { "1500.5", 0, 1501 }, { "1.9047619047619047", 2, 190 },
    { "1e-7", 2, 0 }, { "5e-3", 2, 1 }, { "4e-3", 2, 0 }, { "1.5e2", 2, 15000 },
    { "1.5E+2", 0, 150 }, { "25e-1", 0, 3 }, { "0e9999", 2, 0 },
    { "9223372036854775807", 0, G_MAXINT64 }, { "92233720368547758.07", 2, G_MAXINT64 },
    { "-92233720368547758.07", 2, -G_MAXINT64 }, { "0.000000000000000001", 18, 1 },
    /* G_MININT64 fits (found by tests/fuzz/fuzz-decimal) */
    { "-9223372036854775808", 0, G_MININT64 }, { "-92233720368547758.08", 2, G_MININT64 },
    { "-92233720368547758.075", 2, G_MININT64 }, { "-922337203685477580.8e1", 0, G_MININT64 },
  };
  static const struct { const char *text; guint digits; } bad[] = {
    { "", 2 }, { "-", 2 }, { "1.", 2 }, { ".5", 2 }, { "1e", 2 }, { "1e+", 2 },
    { "0x10", 2 }, { " 1", 2 }, { "1 ", 2 }, { "1,5", 2 }, { "+1", 2 }, { "01", 2 },
    { "NaN", 2 }, { "Infinity", 2 }, { "1e99999", 2 }, { "9223372036854775808", 0 },
    { "92233720368547758.08", 2 }, { "1e17", 2 }, { "1", 19 }, { "1.5.5", 2 },
    { "1\xc2\xa0", 2 }, { "-9223372036854775809", 0 }, { "-92233720368547758.085", 2 },
  };
  g_autofree char *long_text = g_strnfill (101, '1');

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 minor = 42;

      g_test_message ("%s (%u digits)", good[i].text, good[i].digits);
      g_assert_true (medusa_money_parse_decimal (good[i].text, good[i].digits, &minor));
      g_assert_cmpint (minor, ==, good[i].want);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 minor = 42;

      g_test_message ("%s (%u digits)", bad[i].text, bad[i].digits);
      g_assert_false (medusa_money_parse_decimal (bad[i].text, bad[i].digits, &minor));
      g_assert_cmpint (minor, ==, 42);
    }
  {
    gint64 minor = 42;

    g_assert_false (medusa_money_parse_decimal (NULL, 2, &minor));
    g_assert_false (medusa_money_parse_decimal (long_text, 0, &minor));
    g_assert_cmpint (minor, ==, 42);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/exponent", test_exponent);
  g_test_add_func ("/money/symbol", test_symbol);
  g_test_add_func ("/money/format/c-locale", test_format_c_locale);
  g_test_add_func ("/money/format/german-numbers", test_format_german_numbers);
  g_test_add_func ("/money/parse-decimal", test_parse_decimal);

  return g_test_run ();
}
