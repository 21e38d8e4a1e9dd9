/* medusa-application.h: the application
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_APPLICATION (medusa_application_get_type ())
G_DECLARE_FINAL_TYPE (MedusaApplication, medusa_application, MEDUSA, APPLICATION, AdwApplication)

/* App actions: app.quit (Ctrl+Q), app.preferences (Ctrl+,), app.about,
 * app.shortcuts (Ctrl+?). Env MEDUSA_ACCOUNT_STORE_URL (with optional
 * MEDUSA_ACCOUNT_STORE_NAME and MEDUSA_ACCOUNT_PUBLISHABLE_KEY): that store
 * is added when missing and selected at start. */
MedusaApplication *medusa_application_new          (void);

G_END_DECLS
