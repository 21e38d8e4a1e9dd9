/* medusa-reset-link.h: the token (and email) of a pasted password-reset link
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads token= and email= out of a pasted reset link such as
 * "https://shop.example/reset-password?token=eyJ…&email=a%40b.c" (the token
 * may also sit in the fragment, e.g. "#/reset?token=…"), or of a bare
 * "token=…&email=…" query. Values are percent-decoded and stripped.
 * Returns FALSE (and NULLs) for anything else, a bare token included;
 * on TRUE *token_out is non-empty and *email_out may be NULL. */
gboolean medusa_reset_link_parse (const char  *text,
                                  char       **token_out,
                                  char       **email_out);

G_END_DECLS
