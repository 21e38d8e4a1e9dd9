/* medusa-sync-status.h: the quiet line under the header bar that says how
 * fresh the shown account is
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_SYNC_STATUS (medusa_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSyncStatus, medusa_sync_status, MEDUSA, SYNC_STATUS, AdwBin)

/* Follows the session's "state", "account-store", "last-synced", "offline"
 * and "syncing": "Updated 10:42", "Updating…", or "Offline — showing your
 * saved account from 10:42" (a date too when not today). Revealed only
 * while signed in with a local copy. */
GtkWidget  *medusa_sync_status_new      (MedusaSession    *session);
/* The text shown, or NULL while hidden. */
const char *medusa_sync_status_get_text (MedusaSyncStatus *self);

/* "10:42" today, else with the date, in the user's time zone. */
char       *medusa_sync_status_format_when (GDateTime      *when);

G_END_DECLS
