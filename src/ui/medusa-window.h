/* medusa-window.h: the main window
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_WINDOW (medusa_window_get_type ())
G_DECLARE_FINAL_TYPE (MedusaWindow, medusa_window, MEDUSA, WINDOW, AdwApplicationWindow)

/* Window actions: win.navigate(s), win.show-order(s), win.refresh,
 * win.search, win.sign-out, win.switch-store, win.back,
 * win.sign-in-with-email(s), win.reset-password-with-email(s).
 * The window follows the session's "state": signed out → sign-in page,
 * signed in → account, expired → the password dialog over the same page. */
MedusaWindow  *medusa_window_new          (GtkApplication *application,
                                           MedusaSession  *session);

/* First run: no store → the store page; else restores the session silently
 * (a spinner page), then the overview, or the sign-in page with the email
 * filled in when the stored credential is missing or stale. */
void           medusa_window_start        (MedusaWindow   *self);

/* The name of the page shown ("loading", "locked", "store", "sign-in", …,
 * "overview", …, "order-details"). */
const char    *medusa_window_get_page     (MedusaWindow   *self);

/* Idle lock now (also what the idle timer calls); no-op unless signed in. */
void           medusa_window_lock         (MedusaWindow   *self);

G_END_DECLS
