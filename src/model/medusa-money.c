/* medusa-money.c: amounts in minor units, formatted for the user's locale
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-money.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

typedef struct
{
  const char *code;
  const char *symbol;
} CurrencySymbol;

static const CurrencySymbol symbols[] = {
  { "eur", "€" },
  { "usd", "$" },
  { "gbp", "£" },
  { "jpy", "¥" },
  { "cny", "CN¥" },
  { "inr", "₹" },
  { "krw", "₩" },
  { "ils", "₪" },
  { "ngn", "₦" },
  { "php", "₱" },
  { "rub", "₽" },
  { "try", "₺" },
  { "uah", "₴" },
  { "vnd", "₫" },
};

/* ISO 4217 minor units that differ from 2 (HUF stays 2 as in Medusa). */
static const char * const zero_decimal[] = {
  "bif", "byr", "clp", "djf", "gnf", "isk", "jpy", "kmf", "krw",
  "pyg", "rwf", "ugx", "uyi", "vnd", "vuv", "xaf", "xof", "xpf",
};

static const char * const three_decimal[] = {
  "bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd",
};

static gboolean
code_in (const char         *code,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (code, list[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

guint
medusa_currency_get_exponent (const char *currency_code)
{
  if (currency_code == NULL)
    return 2;
  if (code_in (currency_code, zero_decimal, G_N_ELEMENTS (zero_decimal)))
    return 0;
  if (code_in (currency_code, three_decimal, G_N_ELEMENTS (three_decimal)))
    return 3;

  return 2;
}

const char *
medusa_currency_get_symbol (const char *currency_code)
{
  if (currency_code == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      if (g_ascii_strcasecmp (currency_code, symbols[i].code) == 0)
        return symbols[i].symbol;
    }

  return NULL;
}

/* A locale string as UTF-8 for our (UTF-8) output; "" when unusable. */
static char *
dup_locale_string (const char *s)
{
  if (s == NULL)
    return g_strdup ("");
  if (g_utf8_validate (s, -1, NULL))
    return g_strdup (s);

  return g_locale_to_utf8 (s, -1, NULL, NULL, NULL);
}

/* Appends the decimal digits of @value, grouped as LC_NUMERIC says. */
static void
append_grouped (GString     *out,
                guint64      value,
                const char  *grouping,
                const char  *separator)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  /* positions (counted from the right) after which a separator goes */
  gboolean sep_before[32] = { FALSE, };
  int pos = 0;
  int size = 0;

  if (separator != NULL && *separator != '\0' && grouping != NULL)
    {
      for (const char *g = grouping; ; )
        {
          if (*g == CHAR_MAX || (*g == 0 && size == 0))
            break;
          if (*g != 0)
            size = *g++;  /* a 0 repeats the last size */
          if (size <= 0)
            break;
          pos += size;
          if (pos >= len)
            break;
          sep_before[len - pos] = TRUE;
        }
    }

  for (int i = 0; i < len; i++)
    {
      if (sep_before[i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

char *
medusa_money_format (gint64      amount,
                     const char *currency_code)
{
  const struct lconv *lc = localeconv ();
  g_autofree char *decimal_point = dup_locale_string (lc->decimal_point);
  g_autofree char *thousands_sep = dup_locale_string (lc->thousands_sep);
  g_autofree char *grouping = g_strdup (lc->grouping);
  /* C and unset (CHAR_MAX) mean "before", as in "$5.00" */
  gboolean symbol_first = lc->p_cs_precedes != 0;
  gboolean symbol_space = lc->p_sep_by_space == 1;
  guint exponent = medusa_currency_get_exponent (currency_code);
  const char *symbol = medusa_currency_get_symbol (currency_code);
  g_autoptr(GString) number = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  guint64 magnitude;
  guint64 divisor = 1;

  /* Negating G_MININT64 overflows; the unsigned form does not. */
  magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  for (guint i = 0; i < exponent; i++)
    divisor *= 10;

  append_grouped (number, magnitude / divisor, grouping, thousands_sep);
  if (exponent > 0)
    {
      g_string_append (number, *decimal_point != '\0' ? decimal_point : ".");
      g_string_append_printf (number, "%0*" G_GUINT64_FORMAT, (int) exponent, magnitude % divisor);
    }

  if (amount < 0)
    g_string_append_c (out, '-');

  if (symbol == NULL)
    {
      g_autofree char *code = g_ascii_strup (currency_code != NULL ? currency_code : "", -1);

      g_string_append (out, number->str);
      if (*code != '\0')
        g_string_append_printf (out, " %s", code);
    }
  else if (symbol_first)
    {
      g_string_append_printf (out, "%s%s%s", symbol, symbol_space ? " " : "", number->str);
    }
  else
    {
      g_string_append_printf (out, "%s %s", number->str, symbol);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
medusa_money_checked_add (gint64  a,
                          gint64  b,
                          gint64 *result)
{
  gint64 sum;

  g_return_val_if_fail (result != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    return FALSE;

  *result = sum;
  return TRUE;
}

gboolean
medusa_money_checked_mul (gint64  a,
                          gint64  b,
                          gint64 *result)
{
  gint64 product;

  g_return_val_if_fail (result != NULL, FALSE);

  if (__builtin_mul_overflow (a, b, &product))
    return FALSE;

  *result = product;
  return TRUE;
}

#define DECIMAL_MAX_LENGTH 100
#define DECIMAL_MAX_EXPONENT 9999

gboolean
medusa_money_parse_decimal (const char *text,
                            guint       digits,
                            gint64     *minor)
{
  char mantissa[DECIMAL_MAX_LENGTH + 1];  /* the digits, without the point */
  gsize n_mantissa = 0;
  gsize n_fraction = 0;
  gboolean negative = FALSE;
  gint64 exponent = 0;
  gint64 shift;
  gint64 keep;
  gint64 value = 0;
  const char *p = text;
  const char *first;

  g_return_val_if_fail (minor != NULL, FALSE);

  if (text == NULL || digits > 18 || strnlen (text, DECIMAL_MAX_LENGTH + 1) > DECIMAL_MAX_LENGTH)
    return FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* JSON: one or more digits, no leading zero unless it is the only one */
  first = p;
  while (g_ascii_isdigit (*p))
    mantissa[n_mantissa++] = *p++;
  if (p == first || (*first == '0' && p - first > 1))
    return FALSE;
  if (*p == '.')
    {
      p++;
      first = p;
      while (g_ascii_isdigit (*p))
        mantissa[n_mantissa++] = *p++;
      n_fraction = p - first;
      if (n_fraction == 0)
        return FALSE;
    }
  if (*p == 'e' || *p == 'E')
    {
      gboolean exponent_negative = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        exponent_negative = *p++ == '-';
      first = p;
      while (g_ascii_isdigit (*p))
        {
          exponent = exponent * 10 + (*p++ - '0');
          if (exponent > DECIMAL_MAX_EXPONENT)
            return FALSE;
        }
      if (p == first)
        return FALSE;
      if (exponent_negative)
        exponent = -exponent;
    }
  if (*p != '\0')
    return FALSE;

  /* value = mantissa × 10^(exponent − n_fraction); minor units: × 10^digits */
  shift = exponent - (gint64) n_fraction + digits;
  keep = shift >= 0 ? (gint64) n_mantissa : (gint64) n_mantissa + shift;
  /* Accumulated with its sign: -9223372036854775808 fits, its magnitude not. */
  for (gint64 i = 0; i < keep; i++)
    {
      if (!medusa_money_checked_mul (value, 10, &value) ||
          !medusa_money_checked_add (value, negative ? '0' - mantissa[i] : mantissa[i] - '0', &value))
        return FALSE;
    }
  if (shift > 0)
    {
      for (gint64 i = 0; i < shift; i++)
        {
          if (value == 0)
            break;
          if (!medusa_money_checked_mul (value, 10, &value))
            return FALSE;
        }
    }
  /* The first digit dropped decides: half away from zero. */
  else if (keep >= 0 && keep < (gint64) n_mantissa && mantissa[keep] >= '5')
    {
      if (!medusa_money_checked_add (value, negative ? -1 : 1, &value))
        return FALSE;
    }

  *minor = value;
  return TRUE;
}
