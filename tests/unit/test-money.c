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

  return g_test_run ();
}
