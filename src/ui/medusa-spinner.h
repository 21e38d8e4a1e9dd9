/* medusa-spinner.h: a spinner drawn with cairo, for a view that scrolls
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_SPINNER (medusa_spinner_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSpinner, medusa_spinner, MEDUSA, SPINNER, GtkWidget)

/* Property "spinning" (boolean). It animates only while spinning and mapped,
 * and is drawn only while spinning. */
GtkWidget   *medusa_spinner_new           (void);
gboolean     medusa_spinner_get_spinning  (MedusaSpinner *self);
void         medusa_spinner_set_spinning  (MedusaSpinner *self,
                                           gboolean       spinning);
/* Whether it asks for frames now (for the idle tests). */
gboolean     medusa_spinner_is_animating  (MedusaSpinner *self);

G_END_DECLS
