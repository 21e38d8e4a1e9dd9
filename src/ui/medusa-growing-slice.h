/* medusa-growing-slice.h: what a list view is shown of a paged order list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GtkListView (GTK 4.8) makes a row for up to 200 items of its model, seen or
 * not, and asks the model for each of them; the order lists load their next
 * page when one of their last items is asked for. Over an order list, a view
 * therefore loaded 220 orders and built 205 rows (≈ 3,600 widgets) as soon as
 * it was shown. This slice shows the view the first @step items of its model
 * and grows by @step whenever @scrolled is mapped and scrolled to within a
 * screen of the slice's end (by the pointer, the keyboard or a larger
 * window), so rows are made and pages asked for as the user gets to them. */
GtkSliceListModel *medusa_growing_slice_new       (GtkScrolledWindow *scrolled,
                                                   guint              step);
/* Shows @model (nullable) from its first @step items again. */
void               medusa_growing_slice_set_model (GtkSliceListModel *slice,
                                                   GListModel        *model);

G_END_DECLS
