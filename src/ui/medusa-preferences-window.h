/* medusa-preferences-window.h: idle lock and store profiles
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_PREFERENCES_WINDOW (medusa_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MedusaPreferencesWindow, medusa_preferences_window, MEDUSA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @session: (nullable): the store in use cannot be removed. */
GtkWidget *medusa_preferences_window_new (GtkWindow     *parent,
                                          MedusaSession *session);

G_END_DECLS
