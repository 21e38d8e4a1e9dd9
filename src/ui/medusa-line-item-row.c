/* medusa-line-item-row.c: one line item of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "MedusaLineItemRow"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-line-item-row.h"
#include "medusa-money.h"

struct _MedusaLineItemRow
{
  AdwActionRow    parent_instance;

  MedusaLineItem *item;
  char           *currency_code;  /* (nullable): the order's, for items without one */

  /* template widgets */
  GtkLabel       *total_label;
  GtkWidget      *no_total_label;
};

G_DEFINE_FINAL_TYPE (MedusaLineItemRow, medusa_line_item_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_CURRENCY_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GObject */

static void
medusa_line_item_row_constructed (GObject *object)
{
  MedusaLineItemRow *self = MEDUSA_LINE_ITEM_ROW (object);
  const char *currency;
  const char *variant;
  const char *title;
  gint64 line_total = 0;
  g_autofree char *unit = NULL;
  g_autofree char *total = NULL;
  g_autofree char *qty = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (medusa_line_item_row_parent_class)->constructed (object);

  g_return_if_fail (self->item != NULL);

  currency = medusa_line_item_get_currency_code (self->item);
  variant = medusa_line_item_get_variant_title (self->item);
  title = medusa_line_item_get_title (self->item);
  if (currency == NULL)
    currency = self->currency_code;

  unit = medusa_money_format (medusa_line_item_get_unit_price (self->item), currency);
  /* A total that does not fit is not shown at all, never wrapped:
   * quantity × unit price in the subtitle stays exact. */
  if (medusa_line_item_compute_line_total (self->item, &line_total))
    total = medusa_money_format (line_total, currency);
  qty = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_line_item_get_quantity (self->item));
  /* Translators: quantity × unit price, e.g. "2 × €19.50" */
  detail = g_strdup_printf (_("%s × %s"), qty, unit);

  if (variant != NULL && *variant != '\0' && g_strcmp0 (variant, title) != 0)
    subtitle = g_strdup_printf ("%s · %s", variant, detail);
  else
    subtitle = g_steal_pointer (&detail);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 title != NULL && *title != '\0' ? title : _("Item"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_label_set_text (self->total_label, total != NULL ? total : "");
  gtk_widget_set_visible (GTK_WIDGET (self->total_label), total != NULL);
  gtk_widget_set_visible (self->no_total_label, total == NULL);
}

static void
medusa_line_item_row_dispose (GObject *object)
{
  MedusaLineItemRow *self = MEDUSA_LINE_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_LINE_ITEM_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (medusa_line_item_row_parent_class)->dispose (object);
}

static void
medusa_line_item_row_finalize (GObject *object)
{
  MedusaLineItemRow *self = MEDUSA_LINE_ITEM_ROW (object);

  g_free (self->currency_code);

  G_OBJECT_CLASS (medusa_line_item_row_parent_class)->finalize (object);
}

static void
medusa_line_item_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedusaLineItemRow *self = MEDUSA_LINE_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_CURRENCY_CODE:
      g_value_set_string (value, self->currency_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_line_item_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedusaLineItemRow *self = MEDUSA_LINE_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_set_object (&self->item, g_value_get_object (value));
      break;
    case PROP_CURRENCY_CODE:
      g_free (self->currency_code);
      self->currency_code = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_line_item_row_class_init (MedusaLineItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_line_item_row_constructed;
  object_class->dispose = medusa_line_item_row_dispose;
  object_class->finalize = medusa_line_item_row_finalize;
  object_class->get_property = medusa_line_item_row_get_property;
  object_class->set_property = medusa_line_item_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         MEDUSA_TYPE_LINE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The currency of an item that names none: its order's. */
  properties[PROP_CURRENCY_CODE] =
    g_param_spec_string ("currency-code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-line-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaLineItemRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaLineItemRow, no_total_label);
}

static void
medusa_line_item_row_init (MedusaLineItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_line_item_row_new (MedusaLineItem *item,
                          const char     *currency_code)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (item), NULL);

  return g_object_new (MEDUSA_TYPE_LINE_ITEM_ROW,
                       "item", item,
                       "currency-code", currency_code,
                       NULL);
}
