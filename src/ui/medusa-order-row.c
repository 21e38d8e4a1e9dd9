/* medusa-order-row.c: one order in the order history list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-money.h"
#include "medusa-order-row.h"
#include "medusa-status-badge.h"
#include "medusa-ui-utils.h"

struct _MedusaOrderRow
{
  GtkWidget    parent_instance;

  MedusaOrder *order;

  /* children */
  GtkLabel    *number_label;
  GtkLabel    *date_label;
  GtkWidget   *badges[3];
  GtkLabel    *total_label;
  GtkLabel    *items_label;
};

/* The layout (px): the spacing between the columns and between the badges,
 * between the two lines, and the chevron's size */
#define COLUMN_SPACING 12
#define BADGE_SPACING   6
#define LINE_SPACING    6
#define CHEVRON_SIZE   16
/* .dim-label's opacity in Adwaita */
#define CHEVRON_OPACITY 0.55

G_DEFINE_FINAL_TYPE (MedusaOrderRow, medusa_order_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MedusaOrderRow *self)
{
  if (self->order == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
        gtk_widget_set_visible (self->badges[i], FALSE);
      gtk_label_set_text (self->number_label, "");
      gtk_label_set_text (self->date_label, "");
      gtk_label_set_text (self->total_label, "");
      gtk_label_set_text (self->items_label, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
  else
    {
      gint64 n_items = medusa_order_get_n_items (self->order);
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, medusa_order_get_display_id (self->order));
      g_autofree char *date = medusa_ui_format_date (medusa_order_get_created_at (self->order));
      g_autofree char *total = medusa_money_format (medusa_order_get_total (self->order),
                                                    medusa_order_get_currency_code (self->order));
      g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", (gulong) n_items),
                                                (guint) n_items);
      g_autofree char *label = NULL;

      gtk_label_set_text (self->number_label, number);
      gtk_label_set_text (self->date_label, date);
      gtk_label_set_text (self->total_label, total);
      gtk_label_set_text (self->items_label, items);
      /* A row is bound to one order after another: its badges are changed
       * in place, not made again */
      medusa_order_update_status_badges (self->order, self->badges);
      for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
        gtk_widget_set_visible (self->badges[i], TRUE);

      /* Translators: order number, date, three statuses, item count, total */
      label = g_strdup_printf (_("Order %s, %s, %s, %s, %s, %s, %s"),
                               number, date,
                               medusa_order_status_to_label (medusa_order_get_status (self->order)),
                               medusa_fulfillment_status_to_label (medusa_order_get_fulfillment_status (self->order)),
                               medusa_payment_status_to_label (medusa_order_get_payment_status (self->order)),
                               items, total);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

static void
medusa_order_row_dispose (GObject *object)
{
  MedusaOrderRow *self = MEDUSA_ORDER_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (medusa_order_row_parent_class)->dispose (object);
}

static void
medusa_order_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedusaOrderRow *self = MEDUSA_ORDER_ROW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MedusaOrderRow *self = MEDUSA_ORDER_ROW (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      medusa_order_row_set_order (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Layout */

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, -1, minimum, natural, NULL, NULL);
}

/* The badges' width and height (the visible ones, side by side) */
static void
measure_badges (MedusaOrderRow *self,
                GtkOrientation  orientation,
                int            *minimum,
                int            *natural)
{
  guint n = 0;

  *minimum = *natural = 0;
  for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
    {
      int min, nat;

      if (!gtk_widget_should_layout (self->badges[i]))
        continue;
      measure_child (self->badges[i], orientation, &min, &nat);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += min + (n > 0 ? BADGE_SPACING : 0);
          *natural += nat + (n > 0 ? BADGE_SPACING : 0);
        }
      else
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      n++;
    }
}

static void
medusa_order_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MedusaOrderRow *self = MEDUSA_ORDER_ROW (widget);
  int number_min, number_nat, date_min, date_nat, badges_min, badges_nat;
  int total_min, total_nat, items_min, items_nat;

  measure_child (GTK_WIDGET (self->number_label), orientation, &number_min, &number_nat);
  measure_child (GTK_WIDGET (self->date_label), orientation, &date_min, &date_nat);
  measure_badges (self, orientation, &badges_min, &badges_nat);
  measure_child (GTK_WIDGET (self->total_label), orientation, &total_min, &total_nat);
  measure_child (GTK_WIDGET (self->items_label), orientation, &items_min, &items_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* left column, right column, chevron */
      int extra = 2 * COLUMN_SPACING + CHEVRON_SIZE;

      *minimum = MAX (number_min + COLUMN_SPACING + date_min, badges_min) + MAX (total_min, items_min) + extra;
      *natural = MAX (number_nat + COLUMN_SPACING + date_nat, badges_nat) + MAX (total_nat, items_nat) + extra;
    }
  else
    {
      /* two lines (or the chevron, if taller) */
      *minimum = MAX (MAX (MAX (number_min, date_min), total_min) + LINE_SPACING + MAX (badges_min, items_min),
                      CHEVRON_SIZE);
      *natural = MAX (MAX (MAX (number_nat, date_nat), total_nat) + LINE_SPACING + MAX (badges_nat, items_nat),
                      CHEVRON_SIZE);
    }
}

/* Gives @child the box (@x, @y, @width, @height) of a left-to-right row
 * @row_width wide, mirrored in a right-to-left one */
static void
place (GtkWidget *child,
       gboolean   rtl,
       int        row_width,
       int        x,
       int        y,
       int        width,
       int        height)
{
  if (!gtk_widget_should_layout (child))
    return;
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { rtl ? row_width - x - width : x, y, width, height },
                            -1);
}

static int
natural_width (GtkWidget *child)
{
  int min, nat;

  measure_child (child, GTK_ORIENTATION_HORIZONTAL, &min, &nat);
  return nat;
}

static int
natural_height (GtkWidget *child)
{
  int min, nat;

  measure_child (child, GTK_ORIENTATION_VERTICAL, &min, &nat);
  return nat;
}

static void
medusa_order_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MedusaOrderRow *self = MEDUSA_ORDER_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int line1 = MAX (MAX (natural_height (GTK_WIDGET (self->number_label)),
                        natural_height (GTK_WIDGET (self->date_label))),
                   natural_height (GTK_WIDGET (self->total_label)));
  int line2, y2, right, right_x, number_w, x;

  line2 = natural_height (GTK_WIDGET (self->items_label));
  for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
    line2 = MAX (line2, natural_height (self->badges[i]));
  /* the two lines, centred in what the row is given */
  y2 = MAX (0, (height - line1 - LINE_SPACING - line2) / 2);
  line1 = MIN (line1, height);

  right = MAX (natural_width (GTK_WIDGET (self->total_label)), natural_width (GTK_WIDGET (self->items_label)));
  right_x = MAX (0, width - CHEVRON_SIZE - COLUMN_SPACING - right);
  place (GTK_WIDGET (self->total_label), rtl, width, right_x, y2, right, line1);
  place (GTK_WIDGET (self->items_label), rtl, width, right_x, y2 + line1 + LINE_SPACING, right, line2);

  number_w = natural_width (GTK_WIDGET (self->number_label));
  place (GTK_WIDGET (self->number_label), rtl, width, 0, y2, number_w, line1);
  x = number_w + COLUMN_SPACING;
  place (GTK_WIDGET (self->date_label), rtl, width, x, y2, MAX (0, right_x - COLUMN_SPACING - x), line1);

  x = 0;
  for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
    {
      int w = natural_width (self->badges[i]);

      if (!gtk_widget_should_layout (self->badges[i]))
        continue;
      place (self->badges[i], rtl, width, x, y2 + line1 + LINE_SPACING, w, line2);
      x += w + BADGE_SPACING;
    }
}

/* The chevron is a path drawn with cairo, not the go-next-symbolic icon:
 * GTK 4.8 recolours a symbolic icon through a colour matrix, which its cairo
 * renderer applies by reading the pixels back (on X11, XGetImage: a round
 * trip to the X server for each row in view, each frame the list moves). */
static void
medusa_order_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  float x = rtl ? 0 : gtk_widget_get_width (widget) - CHEVRON_SIZE;
  float y = (gtk_widget_get_height (widget) - CHEVRON_SIZE) / 2.f;
  double tip = rtl ? 5.5 : 10.5, tail = rtl ? 9.5 : 6.5;
  GdkRGBA color;
  cairo_t *cr;

  GTK_WIDGET_CLASS (medusa_order_row_parent_class)->snapshot (widget, snapshot);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, CHEVRON_SIZE, CHEVRON_SIZE));
  cairo_translate (cr, x, y);
  cairo_move_to (cr, tail, 3.5);
  cairo_line_to (cr, tip, 8);
  cairo_line_to (cr, tail, 12.5);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * CHEVRON_OPACITY);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
medusa_order_row_class_init (MedusaOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medusa_order_row_dispose;
  object_class->get_property = medusa_order_row_get_property;
  object_class->set_property = medusa_order_row_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         MEDUSA_TYPE_ORDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = medusa_order_row_measure;
  widget_class->size_allocate = medusa_order_row_size_allocate;
  widget_class->snapshot = medusa_order_row_snapshot;
}

static GtkLabel *
add_label (MedusaOrderRow *self,
           float           xalign,
           const char    **css_classes)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", xalign,
                                   "css-classes", css_classes,
                                   NULL);

  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return GTK_LABEL (label);
}

/* The row lays out its widgets itself, and they are its own children, made
 * here: GtkListView makes up to 200 rows as the list is scrolled and
 * restyles every widget of a row it moves or binds again, which was 1 ms a
 * row with a template of boxes (gdb on a GTK 4.8.3 built with symbols: the
 * boxes, the badges' box and the chevron's image were computed again for
 * each, the labels came from the style cache; issue 10's stall row,
 * bench/README.md). The chevron is drawn.
 *
 *   #number  date                 total   >
 *   [badge] [badge] [badge]     N items
 */
static void
medusa_order_row_init (MedusaOrderRow *self)
{
  static const char *heading[] = { "heading", NULL };
  static const char *dim[] = { "dim-label", NULL };
  static const char *total[] = { "heading", "numeric", NULL };
  static const char *caption[] = { "dim-label", "caption", NULL };

  gtk_widget_set_margin_top (GTK_WIDGET (self), 10);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 10);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->number_label = add_label (self, 0, heading);
  self->date_label = add_label (self, 0, dim);
  for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
    {
      self->badges[i] = medusa_status_badge_new ("", NULL);
      gtk_widget_set_visible (self->badges[i], FALSE);
      gtk_widget_set_parent (self->badges[i], GTK_WIDGET (self));
    }
  self->total_label = add_label (self, 1, total);
  self->items_label = add_label (self, 1, caption);

  medusa_status_badge_ensure_css ();
}

GtkWidget *
medusa_order_row_new (void)
{
  return g_object_new (MEDUSA_TYPE_ORDER_ROW, NULL);
}

void
medusa_order_row_set_order (MedusaOrderRow *self,
                            MedusaOrder    *order)
{
  g_return_if_fail (MEDUSA_IS_ORDER_ROW (self));
  g_return_if_fail (order == NULL || MEDUSA_IS_ORDER (order));

  if (!g_set_object (&self->order, order))
    return;

  update (self);
  if (order != NULL)
    medusa_ui_bench_mark (GTK_WIDGET (self), "first-row");  /* tools/bench.sh */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}
