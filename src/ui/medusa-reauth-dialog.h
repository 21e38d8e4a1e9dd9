/* medusa-reauth-dialog.h: asks for the password again (expired session, idle lock)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_REAUTH_DIALOG (medusa_reauth_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReauthDialog, medusa_reauth_dialog, MEDUSA, REAUTH_DIALOG, AdwWindow)

/* A modal dialog over @parent. "Continue" signs in again with the session's
 * email (the session goes back to signed-in, the page stays as it was);
 * "Sign Out" signs out. @locked: the idle lock, not an expired credential. */
MedusaReauthDialog *medusa_reauth_dialog_new      (GtkWindow          *parent,
                                                   MedusaSession      *session,
                                                   gboolean            locked);
/* Closes the dialog (it refuses to be closed otherwise, so that an Escape
 * cannot reveal a locked account). */
void                medusa_reauth_dialog_dismiss  (MedusaReauthDialog *self);

G_END_DECLS
