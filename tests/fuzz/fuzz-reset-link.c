/* fuzz-reset-link.c: medusa_reset_link_parse(), a pasted password-reset link
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the text of the token row (GTK hands over valid UTF-8 without
 * NUL bytes, so the input is cut at the first NUL and made valid).
 *
 * Checks: TRUE comes with a token that is non-empty, valid UTF-8 (it is put
 * back into the entry), without NUL and without leading or trailing white
 * space; the email, when there is one, likewise; FALSE leaves both NULL.
 */
#define G_LOG_DOMAIN "FuzzResetLink"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-payloads.h"
#include "medusa-reset-link.h"

static void
check_value (const char *value,
             const char *what)
{
  size_t len;

  FUZZ_CHECK (value != NULL && *value != '\0', "an empty %s", what);
  FUZZ_CHECK (g_utf8_validate (value, -1, NULL), "a %s that is not UTF-8", what);
  len = strlen (value);
  FUZZ_CHECK (!g_ascii_isspace (value[0]) && !g_ascii_isspace (value[len - 1]),
              "a %s with white space around it: \"%s\"", what, value);
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
  g_autofree char *text = g_utf8_make_valid ((const char *) data,
                                             end != NULL ? end - (const char *) data : (gssize) size);
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;

  if (!medusa_reset_link_parse (text, &token, &email))
    {
      FUZZ_CHECK (token == NULL && email == NULL, "FALSE with a token or an email");
      return 0;
    }

  check_value (token, "token");
  if (email != NULL)
    {
      g_autofree char *normalized = NULL;

      check_value (email, "email");
      /* what the page puts into the email row */
      normalized = medusa_normalize_email (email);
      FUZZ_CHECK_UTF8 (normalized, "the normalized email");
    }

  return 0;
}
