/* fuzz-claim-token.c: what the claim dialog reads of pasted and typed text
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input, cut at the first NUL, is given as it is (the function checks
 * UTF-8 itself) and made valid (what a GtkEditable hands over) to
 * medusa_order_claim_token_from_text() and medusa_order_number_parse().
 *
 * Checks, against an independent reading of the header's contract:
 * - a token is JWT-shaped: three non-empty parts of [A-Za-z0-9_-] joined by
 *   two dots, at most MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH bytes;
 * - text (of at most 4 × that) that is such a token once stripped of ASCII
 *   white space gives it;
 * - a token T found is found again in "T", " T\n", a link ending in "/T" and
 *   a link with "?token=T" or "#token=T";
 * - an order number is what the text says: optional '#' after the white
 *   space, then 1-10 ASCII digits of a value in 1..2^31-1, else 0; and the
 *   number found reads back from "#n".
 */
#define G_LOG_DOMAIN "FuzzClaimToken"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-guest-orders.h"

static gboolean
is_jwt_shaped (const char *s)
{
  guint dots = 0;
  size_t len = strlen (s);
  char prev = '.';

  if (len == 0 || len > MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH)
    return FALSE;
  for (size_t i = 0; i < len; i++)
    {
      char c = s[i];

      if (c == '.')
        {
          if (prev == '.')
            return FALSE;  /* an empty part */
          dots++;
        }
      else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_'))
        return FALSE;
      prev = c;
    }
  return dots == 2 && prev != '.';
}

/* ASCII white space as g_strstrip() has it: " \t\n\f\r" (GLib's
 * g_ascii_isspace() does not count the vertical tab) */
static char *
strip_ascii_space (const char *s)
{
  const char *start = s;
  const char *end = s + strlen (s);

  while (*start != '\0' && strchr (" \t\n\f\r", *start) != NULL)
    start++;
  while (end > start && strchr (" \t\n\f\r", end[-1]) != NULL)
    end--;
  return g_strndup (start, end - start);
}

static gint64
reference_number (const char *text)
{
  g_autofree char *stripped = strip_ascii_space (text);
  const char *p = stripped[0] == '#' ? stripped + 1 : stripped;
  size_t len = strlen (p);
  gint64 value = 0;

  if (len == 0 || len > 10)
    return 0;
  for (size_t i = 0; i < len; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return 0;
      value = value * 10 + (p[i] - '0');
    }
  return value >= 1 && value <= 2147483647 ? value : 0;
}

static void
check_token_round_trip (const char *token)
{
  static const char * const wrappers[] = {
    "%s", "  %s\n", "https://shop.example/claim-order/%s",
    "https://shop.example/account/claim?token=%s", "https://shop.example/claim#token=%s",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *text = g_strdup_printf (wrappers[i], token);
#pragma GCC diagnostic pop
      g_autofree char *again = medusa_order_claim_token_from_text (text);

      FUZZ_CHECK (g_strcmp0 (again, token) == 0, "the token \"%s\" is not found in \"%s\" (%s)",
                  token, text, again != NULL ? again : "nothing");
    }
}

static void
check_text (const char *text)
{
  g_autofree char *token = medusa_order_claim_token_from_text (text);
  gint64 number = medusa_order_number_parse (text);
  gboolean valid = g_utf8_validate (text, -1, NULL);

  if (token != NULL)
    {
      FUZZ_CHECK (valid, "a token from text that is not UTF-8");
      FUZZ_CHECK (is_jwt_shaped (token), "a token that is not JWT-shaped: \"%s\"", token);
      check_token_round_trip (token);
    }
  /* (the product refuses text over 4 × the token's maximum outright) */
  if (valid && strlen (text) <= 4 * MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH)
    {
      g_autofree char *stripped = strip_ascii_space (text);

      if (is_jwt_shaped (stripped))
        FUZZ_CHECK (g_strcmp0 (token, stripped) == 0, "the bare token \"%s\" is not taken", stripped);
    }

  FUZZ_CHECK (number == reference_number (text), "the order number of \"%s\" is %" G_GINT64_FORMAT
              ", not %" G_GINT64_FORMAT, text, number, reference_number (text));
  if (number != 0)
    {
      g_autofree char *again = g_strdup_printf ("#%" G_GINT64_FORMAT, number);

      FUZZ_CHECK (medusa_order_number_parse (again) == number, "\"%s\" does not read back", again);
    }
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
  const char *end = memchr (data, '\0', size);
  gsize len = end != NULL ? (gsize) (end - (const char *) data) : size;
  g_autofree char *raw = g_strndup ((const char *) data, len);
  g_autofree char *text = g_utf8_make_valid (raw, -1);

  check_text (raw);
  if (strcmp (raw, text) != 0)
    check_text (text);

  FUZZ_CHECK (medusa_order_claim_token_from_text (NULL) == NULL, "a token from NULL");
  FUZZ_CHECK (medusa_order_number_parse (NULL) == 0, "an order number from NULL");
  return 0;
}
