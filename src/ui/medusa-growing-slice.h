/* medusa-growing-slice.h: what a list view is shown of a paged order list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_GROWING_SLICE (medusa_growing_slice_get_type ())
G_DECLARE_FINAL_TYPE (MedusaGrowingSlice, medusa_growing_slice, MEDUSA, GROWING_SLICE, GObject)

/* GtkListView (GTK 4.8) makes a row for up to 200 items of its model, seen or
 * not, and asks the model for each of them; the order lists load their next
 * page when one of their last items is asked for. Over an order list, a view
 * therefore loaded 220 orders and built 205 rows (≈ 3,600 widgets) as soon as
 * it was shown. This list model shows the first @step items of its model and
 * @step more whenever @scrolled is mapped and scrolled to within a screen of
 * its end (by the pointer, the keyboard or a taller window), so rows are made
 * and pages asked for as the user gets to them. A view that is drawn gets at
 * most @per_frame new items a frame; the rest at the next frames.
 *
 * Unlike GtkSliceListModel, a change inside the shown part moves the end of
 * what is shown with it (an order inserted above the rows in view adds one
 * row, and removes none at the end), so the view keeps its rows and its
 * scroll position; appended items are shown up to the current size. */
MedusaGrowingSlice *medusa_growing_slice_new       (GtkScrolledWindow  *scrolled,
                                                    guint               step,
                                                    guint               per_frame);
/* Shows @model (nullable) from its first @step items again. */
void                medusa_growing_slice_set_model (MedusaGrowingSlice *self,
                                                    GListModel         *model);
/* Shows @step more items (the view asked for them; for tests). */
void                medusa_growing_slice_grow      (MedusaGrowingSlice *self);

G_END_DECLS
