/* medusa-growing-slice.c: what a list view is shown of a paged order list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medusa-growing-slice.h"

typedef struct
{
  GWeakRef scrolled;   /* GtkScrolledWindow */
  guint    step;
  guint    idle_id;
} Growth;

static void
growth_free (gpointer data)
{
  Growth *growth = data;

  g_clear_handle_id (&growth->idle_id, g_source_remove);
  g_weak_ref_clear (&growth->scrolled);
  g_free (growth);
}

static Growth *
get_growth (GtkSliceListModel *slice)
{
  return g_object_get_data (G_OBJECT (slice), "medusa-growth");
}

/* Within a screen of the end of what is shown (or all of it in view) */
static gboolean
near_end (GtkAdjustment *adjustment)
{
  double page = gtk_adjustment_get_page_size (adjustment);

  return gtk_adjustment_get_value (adjustment) + 2 * page >= gtk_adjustment_get_upper (adjustment);
}

static gboolean
grow_idle_cb (gpointer user_data)
{
  GtkSliceListModel *slice = user_data;
  Growth *growth = get_growth (slice);
  g_autoptr(GtkScrolledWindow) scrolled = g_weak_ref_get (&growth->scrolled);
  GListModel *model = gtk_slice_list_model_get_model (slice);
  guint size = gtk_slice_list_model_get_size (slice);

  growth->idle_id = 0;

  /* Past the model's end the slice already shows whatever loads next. */
  if (scrolled == NULL || model == NULL || size > g_list_model_get_n_items (model) ||
      !gtk_widget_get_mapped (GTK_WIDGET (scrolled)) ||
      !near_end (gtk_scrolled_window_get_vadjustment (scrolled)))
    return G_SOURCE_REMOVE;

  gtk_slice_list_model_set_size (slice, size <= G_MAXUINT - growth->step ? size + growth->step : G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Never from the signal itself: the adjustment changes while the view is
 * allocated, and the view must not see its model change then. */
static void
queue_grow (GtkSliceListModel *slice)
{
  Growth *growth = get_growth (slice);

  if (growth->idle_id == 0)
    {
      growth->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_idle_cb, slice, NULL);
      g_source_set_name_by_id (growth->idle_id, "[medusa] growing slice");
    }
}

GtkSliceListModel *
medusa_growing_slice_new (GtkScrolledWindow *scrolled,
                          guint              step)
{
  GtkSliceListModel *slice;
  GtkAdjustment *adjustment;
  Growth *growth;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled), NULL);
  g_return_val_if_fail (step > 0, NULL);

  slice = gtk_slice_list_model_new (NULL, 0, step);
  growth = g_new0 (Growth, 1);
  g_weak_ref_init (&growth->scrolled, scrolled);
  growth->step = step;
  g_object_set_data_full (G_OBJECT (slice), "medusa-growth", growth, growth_free);

  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_grow), slice, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_grow), slice, G_CONNECT_SWAPPED);
  g_signal_connect_object (scrolled, "map", G_CALLBACK (queue_grow), slice, G_CONNECT_SWAPPED);
  g_signal_connect (slice, "items-changed", G_CALLBACK (queue_grow), NULL);

  return slice;
}

void
medusa_growing_slice_set_model (GtkSliceListModel *slice,
                                GListModel        *model)
{
  Growth *growth;

  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (slice));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  growth = get_growth (slice);
  g_return_if_fail (growth != NULL);

  gtk_slice_list_model_set_size (slice, growth->step);
  gtk_slice_list_model_set_model (slice, model);
}
