/* medusa-busy-button.h: a button that spins while its form is sent
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_BUSY_BUTTON (medusa_busy_button_get_type ())
G_DECLARE_FINAL_TYPE (MedusaBusyButton, medusa_busy_button, MEDUSA, BUSY_BUTTON, GtkButton)

/* While "busy", the button is insensitive and a spinner takes the place of
 * its label (or child); its accessible name stays the label and its
 * accessible state is busy. Going busy takes the keyboard focus off the
 * window's widgets (GTK 4.8 drops the focus of an entry that goes insensitive
 * without telling it) and gives it back when no longer busy. */
GtkWidget  *medusa_busy_button_new        (void);

gboolean    medusa_busy_button_get_busy   (MedusaBusyButton *self);
void        medusa_busy_button_set_busy   (MedusaBusyButton *self,
                                           gboolean          busy);
/* The label the button shows when it is not busy. */
const char *medusa_busy_button_get_label  (MedusaBusyButton *self);

G_END_DECLS
