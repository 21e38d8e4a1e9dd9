/* medusa-error.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "medusa-error.h"

G_DEFINE_QUARK (medusa-error-quark, medusa_error)
