/* medusa-ui-utils.h: small helpers every page uses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

/* A sentence a shopper understands for @error (never JSON, never a C error
 * string). @what_failed is the action, e.g. _("Could not save your profile"). */
char     *medusa_ui_error_message    (const GError *error,
                                      const char   *what_failed);
/* Shows @message as an AdwToast in the window that holds @widget. */
void      medusa_ui_show_toast       (GtkWidget    *widget,
                                      const char   *message);
/* Toast of medusa_ui_error_message(); cancellation is ignored. An
 * UNAUTHORIZED error is given to the session (which asks for the password). */
void      medusa_ui_show_error       (GtkWidget    *widget,
                                      MedusaSession *session,
                                      const GError *error,
                                      const char   *what_failed);
/* Switches the window to the page @name ("overview", "profile", "addresses",
 * "payment-methods", "orders", "sign-in", "register", "forgot-password",
 * "reset-password", "store"). Same as activating "win.navigate" with @name. */
void      medusa_ui_navigate         (GtkWidget    *widget,
                                      const char   *name);
/* A button's busy state: insensitive + a spinner in place of its label. */
void      medusa_ui_button_set_busy  (GtkButton    *button,
                                      gboolean      busy);
/* "12 Mar 2026" in local time, or "" for NULL. */
char     *medusa_ui_format_date      (GDateTime    *when);
/* TRUE for cancellation (callbacks return at once without touching self). */
gboolean  medusa_ui_is_cancelled     (const GError *error);

G_END_DECLS
