/* medusa-money.h: amounts in minor units, formatted for the user's locale
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Digits after the decimal point in ISO 4217 (as Medusa stores amounts):
 * 0 for jpy, krw, isk, clp, vnd, …; 3 for kwd, bhd, jod, omr, tnd, lyd, iqd;
 * else 2. Case-insensitive; NULL → 2. */
guint       medusa_currency_get_exponent  (const char *currency_code);
/* "€", "$", "£", "¥", … for common currencies, else NULL. */
const char *medusa_currency_get_symbol    (const char *currency_code);

/* @amount in minor units, in the user's locale: digits grouped and the
 * decimal point as LC_NUMERIC says, the symbol before or after as
 * LC_MONETARY says: (123456, "eur") → "€1234.56" (C), "€1,234.56" (en_US),
 * "1.234,56 €" (de_DE). Exact integer math; negative amounts as "-€5.00".
 * Currencies without a symbol get the upper-case code after the number
 * ("1.00 CHF"); a NULL code gives the bare number. */
char       *medusa_money_format           (gint64      amount,
                                           const char *currency_code);

/* Checked arithmetic on amounts and quantities from the network: TRUE and
 * *@result = @a + @b (or @a × @b), or FALSE, with *@result untouched, when
 * the exact result does not fit in a gint64 (never a wrapped value). */
gboolean    medusa_money_checked_add      (gint64      a,
                                           gint64      b,
                                           gint64     *result);
gboolean    medusa_money_checked_mul      (gint64      a,
                                           gint64      b,
                                           gint64     *result);

/* An exact decimal from the network (Medusa v2 sends amounts as JSON numbers
 * in major units with the exact text beside them: raw_total.value "59.99")
 * in minor units of a currency with @digits (≤ 18) digits after the point:
 * ("19.5", 2) → 1950, ("1500", 0) → 1500, ("12.345", 3) → 12345. Digits
 * beyond @digits are rounded half away from zero ("0.125", 2 → 13; "-0.005",
 * 2 → -1). The syntax is JSON's: -?digits(.digits)?([eE][+-]?digits)?, at most
 * 100 characters. TRUE, or FALSE with *@minor untouched for anything else or a
 * result that does not fit in a gint64. No floating point anywhere. */
gboolean    medusa_money_parse_decimal    (const char *text,
                                           guint       digits,
                                           gint64     *minor);

G_END_DECLS
