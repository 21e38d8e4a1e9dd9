/* medusa-spinner.c: a spinner drawn with cairo, for a view that scrolls
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkSpinner draws the symbolic process-working icon, turned by a CSS
 * animation. GTK 4.8 recolours a symbolic icon through a colour matrix,
 * which its cairo renderer applies by reading the pixels back (on X11,
 * XGetImage: a round trip to the X server each frame the spinner turns,
 * while the order list under it is filled and scrolled; issue 10's stall
 * row, see bench/README.md). This one draws an arc with cairo, turned by a
 * tick callback that runs only while it spins and is mapped.
 */

#include "config.h"

#include "medusa-spinner.h"

struct _MedusaSpinner
{
  GtkWidget parent_instance;

  gboolean  spinning;
  guint     tick_id;
  double    angle;      /* radians */
};

/* The size (px) when nothing else is asked for, one turn (µs), the part of
 * the circle the arc covers and the faint ring's opacity */
#define SPINNER_SIZE   16
#define TURN_USEC      (G_USEC_PER_SEC)
#define ARC_FRACTION   0.3
#define RING_OPACITY   0.15

G_DEFINE_FINAL_TYPE (MedusaSpinner, medusa_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  MedusaSpinner *self = MEDUSA_SPINNER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  self->angle = 2 * G_PI * (double) (now % TURN_USEC) / TURN_USEC;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
update_animation (MedusaSpinner *self)
{
  gboolean animate = self->spinning && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (animate && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!animate && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
medusa_spinner_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (medusa_spinner_parent_class)->map (widget);
  update_animation (MEDUSA_SPINNER (widget));
}

static void
medusa_spinner_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (medusa_spinner_parent_class)->unmap (widget);
  update_animation (MEDUSA_SPINNER (widget));
}

static void
medusa_spinner_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = SPINNER_SIZE;
}

static void
medusa_spinner_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MedusaSpinner *self = MEDUSA_SPINNER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  double line = MAX (1.5, size / 8);
  double radius = (size - line) / 2;
  GdkRGBA color;
  cairo_t *cr;

  if (!self->spinning || radius <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_set_line_width (cr, line);

  cairo_arc (cr, 0, 0, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * RING_OPACITY);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, 0, 0, radius, self->angle, self->angle + 2 * G_PI * ARC_FRACTION);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
medusa_spinner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MedusaSpinner *self = MEDUSA_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_spinner_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MedusaSpinner *self = MEDUSA_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      medusa_spinner_set_spinning (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_spinner_class_init (MedusaSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = medusa_spinner_get_property;
  object_class->set_property = medusa_spinner_set_property;

  widget_class->map = medusa_spinner_map;
  widget_class->unmap = medusa_spinner_unmap;
  widget_class->measure = medusa_spinner_measure;
  widget_class->snapshot = medusa_spinner_snapshot;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "medusa-spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
medusa_spinner_init (MedusaSpinner *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
medusa_spinner_new (void)
{
  return g_object_new (MEDUSA_TYPE_SPINNER, NULL);
}

gboolean
medusa_spinner_get_spinning (MedusaSpinner *self)
{
  g_return_val_if_fail (MEDUSA_IS_SPINNER (self), FALSE);

  return self->spinning;
}

void
medusa_spinner_set_spinning (MedusaSpinner *self,
                             gboolean       spinning)
{
  g_return_if_fail (MEDUSA_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;

  self->spinning = spinning;
  update_animation (self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, spinning, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

gboolean
medusa_spinner_is_animating (MedusaSpinner *self)
{
  g_return_val_if_fail (MEDUSA_IS_SPINNER (self), FALSE);

  return self->tick_id != 0;
}
