/* medusa-credential-dialog.h: change the email address or the password
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_CREDENTIAL_DIALOG (medusa_credential_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaCredentialDialog, medusa_credential_dialog, MEDUSA, CREDENTIAL_DIALOG, AdwWindow)

/* A modal window with its own header bar (Cancel / Change …). It asks for
 * the current password and the new email (@change_password FALSE) or the new
 * password twice, and changes it with medusa_session_change_email_async() or
 * medusa_session_change_password_async(). On success it emits "changed" (no
 * arguments) and closes itself; closing it gives up on a running change. */
GtkWidget *medusa_credential_dialog_new                 (MedusaSession          *session,
                                                         gboolean                change_password);
gboolean   medusa_credential_dialog_get_change_password (MedusaCredentialDialog *self);

G_END_DECLS
