/* medusa-reset-link.c: the token (and email) of a pasted password-reset link
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-reset-link.h"

/* Reads token= and email= from a query string (already percent-encoded). */
static gboolean
parse_params (const char  *params,
              char       **token_out,
              char       **email_out)
{
  g_autoptr(GHashTable) table = NULL;
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;

  if (params == NULL || *params == '\0')
    return FALSE;

  /* NULL for an escape that decodes to NUL or to bytes that are not UTF-8 */
  table = g_uri_parse_params (params, -1, "&;", G_URI_PARAMS_NONE, NULL);
  if (table == NULL)
    return FALSE;

  /* Stripped first: "token=%20" is no token, "email=%20" no email. */
  token = g_strdup (g_hash_table_lookup (table, "token"));
  if (token == NULL || *g_strstrip (token) == '\0')
    return FALSE;

  email = g_strdup (g_hash_table_lookup (table, "email"));
  if (email != NULL && *g_strstrip (email) == '\0')
    g_clear_pointer (&email, g_free);

  *token_out = g_steal_pointer (&token);
  *email_out = g_steal_pointer (&email);

  return TRUE;
}

gboolean
medusa_reset_link_parse (const char  *text,
                         char       **token_out,
                         char       **email_out)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *question;

  g_return_val_if_fail (token_out != NULL, FALSE);
  g_return_val_if_fail (email_out != NULL, FALSE);

  *token_out = NULL;
  *email_out = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (strstr (stripped, "token=") == NULL)
    return FALSE;

  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT, NULL);
  if (uri != NULL)
    {
      const char *fragment = g_uri_get_fragment (uri);

      if (parse_params (g_uri_get_query (uri), token_out, email_out))
        return TRUE;

      if (fragment != NULL)
        {
          question = strchr (fragment, '?');
          if (parse_params (question != NULL ? question + 1 : fragment, token_out, email_out))
            return TRUE;
        }
    }

  /* Not an absolute URL: "?token=…", "/reset?token=…" or "token=…". */
  question = strchr (stripped, '?');
  return parse_params (question != NULL ? question + 1 : stripped, token_out, email_out);
}
