/* medusa-growing-slice.c: what a list view is shown of a paged order list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medusa-growing-slice.h"

struct _MedusaGrowingSlice
{
  GObject     parent_instance;

  GListModel *model;     /* (owned) (nullable) */
  GWeakRef    scrolled;  /* GtkScrolledWindow */
  guint       step;
  guint       limit;     /* the end of what is shown, in @model's positions */
  guint       shown;     /* MIN (n_items (model), limit): what the view has */
  guint       idle_id;
};

static void medusa_growing_slice_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MedusaGrowingSlice, medusa_growing_slice, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      medusa_growing_slice_list_model_init))

static guint
model_n_items (MedusaGrowingSlice *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  MedusaGrowingSlice *self)
{
  guint old_shown = self->shown;
  guint n_shown = MIN (g_list_model_get_n_items (model), self->limit);
  guint tail, kept;

  if (position >= old_shown)
    {
      /* After what is shown: appended items show up to the limit */
      self->shown = n_shown;
      if (self->shown > old_shown)
        g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, self->shown - old_shown);
      return;
    }

  /* Inside: the change as it is, and the shown items after it stay shown
   * (the end moves with them), up to a step more than the view then has. */
  tail = self->limit > position + removed ? self->limit - position - removed : 0;
  kept = old_shown > position + removed ? old_shown - position - removed : 0;
  self->shown = position + added + kept;
  self->limit = MAX (self->limit, position + added + tail);
  self->limit = MAX (self->step, MIN (self->limit, self->shown + self->step));
  g_list_model_items_changed (G_LIST_MODEL (self), position, old_shown - position - kept, added);

  /* Then, as a second change, what the end lets in (after a removal) */
  n_shown = MIN (g_list_model_get_n_items (model), self->limit);
  if (n_shown > self->shown)
    {
      guint before = self->shown;

      self->shown = n_shown;
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_shown - before);
    }
}

static void
set_limit (MedusaGrowingSlice *self,
           guint               limit)
{
  guint old_shown = self->shown;

  self->limit = limit;
  self->shown = MIN (model_n_items (self), limit);
  if (self->shown > old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, self->shown - old_shown);
  else if (self->shown < old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), self->shown, old_shown - self->shown, 0);
}

void
medusa_growing_slice_grow (MedusaGrowingSlice *self)
{
  g_return_if_fail (MEDUSA_IS_GROWING_SLICE (self));

  set_limit (self, self->limit <= G_MAXUINT - self->step ? self->limit + self->step : G_MAXUINT);
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
  MedusaGrowingSlice *self = user_data;
  g_autoptr(GtkScrolledWindow) scrolled = g_weak_ref_get (&self->scrolled);

  self->idle_id = 0;

  /* Short of the limit, the view already gets whatever loads next. */
  if (scrolled != NULL && self->model != NULL && self->shown == self->limit &&
      gtk_widget_get_mapped (GTK_WIDGET (scrolled)) &&
      near_end (gtk_scrolled_window_get_vadjustment (scrolled)))
    medusa_growing_slice_grow (self);

  return G_SOURCE_REMOVE;
}

/* Never from the signal itself: the adjustment changes while the view is
 * allocated, and the view must not see its model change then. */
static void
queue_grow (MedusaGrowingSlice *self)
{
  if (self->idle_id == 0)
    {
      self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_idle_cb, self, NULL);
      g_source_set_name_by_id (self->idle_id, "[medusa] growing slice");
    }
}

/* GListModel */

static GType
medusa_growing_slice_get_item_type (GListModel *list)
{
  MedusaGrowingSlice *self = MEDUSA_GROWING_SLICE (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
medusa_growing_slice_get_n_items (GListModel *list)
{
  return MEDUSA_GROWING_SLICE (list)->shown;
}

static gpointer
medusa_growing_slice_get_item (GListModel *list,
                               guint       position)
{
  MedusaGrowingSlice *self = MEDUSA_GROWING_SLICE (list);

  if (position >= self->shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
medusa_growing_slice_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = medusa_growing_slice_get_item_type;
  iface->get_n_items = medusa_growing_slice_get_n_items;
  iface->get_item = medusa_growing_slice_get_item;
}

/* GObject */

static void
medusa_growing_slice_dispose (GObject *object)
{
  MedusaGrowingSlice *self = MEDUSA_GROWING_SLICE (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (medusa_growing_slice_parent_class)->dispose (object);
}

static void
medusa_growing_slice_finalize (GObject *object)
{
  MedusaGrowingSlice *self = MEDUSA_GROWING_SLICE (object);

  g_weak_ref_clear (&self->scrolled);

  G_OBJECT_CLASS (medusa_growing_slice_parent_class)->finalize (object);
}

static void
medusa_growing_slice_class_init (MedusaGrowingSliceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_growing_slice_dispose;
  object_class->finalize = medusa_growing_slice_finalize;
}

static void
medusa_growing_slice_init (MedusaGrowingSlice *self)
{
  g_weak_ref_init (&self->scrolled, NULL);
}

MedusaGrowingSlice *
medusa_growing_slice_new (GtkScrolledWindow *scrolled,
                          guint              step)
{
  MedusaGrowingSlice *self;
  GtkAdjustment *adjustment;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled), NULL);
  g_return_val_if_fail (step > 0, NULL);

  self = g_object_new (MEDUSA_TYPE_GROWING_SLICE, NULL);
  g_weak_ref_set (&self->scrolled, scrolled);
  self->step = step;
  self->limit = step;

  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_grow), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_grow), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scrolled, "map", G_CALLBACK (queue_grow), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "items-changed", G_CALLBACK (queue_grow), NULL);

  return self;
}

void
medusa_growing_slice_set_model (MedusaGrowingSlice *self,
                                GListModel         *model)
{
  guint old_shown;

  g_return_if_fail (MEDUSA_IS_GROWING_SLICE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  old_shown = self->shown;
  self->limit = self->step;
  self->shown = MIN (model_n_items (self), self->limit);
  if (old_shown > 0 || self->shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, self->shown);
}
