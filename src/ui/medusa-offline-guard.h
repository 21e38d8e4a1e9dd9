/* medusa-offline-guard.h: controls that send changes, held back while the
 * store cannot be reached
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "medusa-session.h"

G_BEGIN_DECLS

/* While @session is "offline", @widget (a button that sends a change to the
 * store) is insensitive and its tooltip says why; once the session is
 * online again it has the sensitivity and tooltip its page gave it. The
 * page keeps setting the sensitivity as before (validity, busy): what it
 * asked for while offline is remembered. Lasts as long as @widget. */
void        medusa_offline_guard_add     (GtkWidget     *widget,
                                          MedusaSession *session);

/* gtk_widget_set_sensitive() for a guarded @widget: what its page wants,
 * applied once the store is back when the session is offline. */
void        medusa_offline_guard_set_sensitive (GtkWidget *widget,
                                                gboolean   sensitive);

/* The tooltip of a held-back control. */
const char *medusa_offline_guard_reason  (void);

G_END_DECLS
