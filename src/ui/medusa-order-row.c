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

  /* template widgets */
  GtkLabel    *number_label;
  GtkLabel    *date_label;
  GtkBox      *badges_box;
  GtkLabel    *total_label;
  GtkLabel    *items_label;
};

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
  GtkWidget *child;

  if (self->order == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges_box))) != NULL)
        gtk_box_remove (self->badges_box, child);
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
      medusa_order_set_status_badges (self->order, self->badges_box);

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

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ORDER_ROW);
  /* (the chevron is not a bound template child) */
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-order-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderRow, badges_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderRow, items_label);
}

static void
medusa_order_row_init (MedusaOrderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_status_badge_ensure_css ();
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
