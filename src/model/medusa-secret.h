/* medusa-secret.h: passwords and tokens do not outlive their use in memory
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Overwrites @secret (a password or token) with zeros, then frees it; NULL
 * is fine. The one wipe every layer uses: explicit_bzero(), which the
 * compiler may not drop as a dead store the way it may drop memset(). */
void medusa_secret_free (char *secret);

G_END_DECLS
