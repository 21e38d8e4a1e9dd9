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
  guint       per_frame;
  guint       limit;     /* the end of what is shown, in @model's positions */
  guint       shown;     /* what the view has: MIN (n_items (model), limit),
                          * less what waits for the next frame */
  guint       idle_id;
  gint64      frame;     /* the frame clock's counter @added_in_frame is of */
  guint       added_in_frame;
  guint       tick_id;   /* on @scrolled while appended items wait */
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

static gboolean show_more_tick_cb (GtkWidget     *widget,
                                   GdkFrameClock *clock,
                                   gpointer       user_data);

/* How many more items the view may get before its next frame. GtkListView
 * builds, binds and lays out every row added to what it shows in that one
 * frame, and items come from two sides (the order history shows a page
 * each 16 ms, End grows the limit), so that, unsynchronised with the frame
 * clock, two or three pages could land in one frame: a drawn view gets at
 * most @per_frame a frame. One not drawn (unmapped, no frame clock) gets all. */
static guint
frame_allowance (MedusaGrowingSlice *self,
                 GtkWidget          *scrolled)
{
  GdkFrameClock *clock;
  gint64 frame;

  if (scrolled == NULL || !gtk_widget_get_mapped (scrolled) ||
      (clock = gtk_widget_get_frame_clock (scrolled)) == NULL)
    return G_MAXUINT;

  frame = gdk_frame_clock_get_frame_counter (clock);
  if (frame != self->frame)
    {
      self->frame = frame;
      self->added_in_frame = 0;
    }
  return self->per_frame > self->added_in_frame ? self->per_frame - self->added_in_frame : 0;
}

/* Shows what the limit lets in, as much as this frame allows; the rest at
 * the next frames. TRUE while some waits. */
static gboolean
show_more (MedusaGrowingSlice *self)
{
  g_autoptr(GtkWidget) scrolled = g_weak_ref_get (&self->scrolled);
  guint target = MIN (model_n_items (self), self->limit);
  guint before = self->shown;
  guint n;

  if (target <= before)
    return FALSE;

  n = MIN (target - before, frame_allowance (self, scrolled));
  if (n > 0)
    {
      self->added_in_frame += n;
      self->shown = before + n;
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n);
    }

  /* (the items-changed handlers may have changed the model) */
  if (self->shown >= MIN (model_n_items (self), self->limit))
    return FALSE;
  if (self->tick_id == 0 && scrolled != NULL)
    self->tick_id = gtk_widget_add_tick_callback (scrolled, show_more_tick_cb, self, NULL);
  return TRUE;
}

static gboolean
show_more_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  MedusaGrowingSlice *self = user_data;

  /* show_more() must not add a second callback while this one runs */
  if (show_more (self))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  MedusaGrowingSlice *self)
{
  guint old_shown = self->shown;
  guint tail, kept;

  if (position >= old_shown)
    {
      /* After what is shown: appended items show up to the limit */
      show_more (self);
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
  show_more (self);
}

static void
set_limit (MedusaGrowingSlice *self,
           guint               limit)
{
  guint old_shown = self->shown;

  self->limit = limit;
  if (MIN (model_n_items (self), limit) >= old_shown)
    {
      show_more (self);
      return;
    }
  self->shown = MIN (model_n_items (self), limit);
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
  if (self->tick_id != 0)
    {
      g_autoptr(GtkWidget) scrolled = g_weak_ref_get (&self->scrolled);

      if (scrolled != NULL)
        gtk_widget_remove_tick_callback (scrolled, self->tick_id);
      self->tick_id = 0;
    }
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
                          guint              step,
                          guint              per_frame)
{
  MedusaGrowingSlice *self;
  GtkAdjustment *adjustment;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled), NULL);
  g_return_val_if_fail (step > 0, NULL);
  g_return_val_if_fail (per_frame > 0, NULL);

  self = g_object_new (MEDUSA_TYPE_GROWING_SLICE, NULL);
  g_weak_ref_set (&self->scrolled, scrolled);
  self->step = step;
  self->per_frame = per_frame;
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
  g_autoptr(GtkWidget) scrolled = NULL;
  guint old_shown, allowance;

  g_return_if_fail (MEDUSA_IS_GROWING_SLICE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  /* A drawn view gets the new model's first items a frame's worth at a
   * time too (a local copy has them all at once) */
  old_shown = self->shown;
  self->limit = self->step;
  self->shown = MIN (model_n_items (self), self->limit);
  scrolled = g_weak_ref_get (&self->scrolled);
  allowance = frame_allowance (self, scrolled);
  if (self->shown > allowance)
    self->shown = allowance;
  if (allowance != G_MAXUINT)
    self->added_in_frame += self->shown;
  if (old_shown > 0 || self->shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, self->shown);
  show_more (self);
}
