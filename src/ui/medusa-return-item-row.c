/* medusa-return-item-row.c: one item of an order in the return dialog:
 * how many go back (a spin button), why (a reason and, where the store has
 * them, its finer reasons) and a note
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-return.h"
#include "medusa-return-item-row.h"

/* Longer notes are cut (the store takes any string; a person writes a line). */
#define MAX_NOTE_CHARS 500

struct _MedusaReturnItemRow
{
  AdwExpanderRow  parent_instance;

  MedusaLineItem *item;
  gint64          max_quantity;
  GListModel     *reasons;        /* of MedusaReturnReason */
  GListModel     *details;        /* (nullable) children of the chosen reason */

  /* template widgets */
  GtkSpinButton  *quantity_spin;
  GtkAdjustment  *quantity_adjustment;
  AdwComboRow    *reason_row;
  AdwComboRow    *detail_row;
  AdwEntryRow    *note_row;
};

G_DEFINE_FINAL_TYPE (MedusaReturnItemRow, medusa_return_item_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_QUANTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Position 0 of both combo rows is "none"; reason i is at i + 1. */
static GtkStringList *
labels_of (GListModel *reasons,
           const char *none_label)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, none_label);
  for (guint i = 0; reasons != NULL && i < g_list_model_get_n_items (reasons); i++)
    {
      g_autoptr(MedusaReturnReason) reason = g_list_model_get_item (reasons, i);

      gtk_string_list_append (labels, medusa_return_reason_get_label (reason));
    }
  return labels;
}

static MedusaReturnReason *
chosen (GListModel  *reasons,
        AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (reasons == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;
  return g_list_model_get_item (reasons, selected - 1);
}

static void
quantity_changed_cb (MedusaReturnItemRow *self)
{
  gint64 quantity = medusa_return_item_row_get_quantity (self);

  /* What to say about an item opens with it, and goes when it does. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), quantity > 0);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), quantity > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

static void
reason_selected_cb (MedusaReturnItemRow *self)
{
  g_autoptr(MedusaReturnReason) reason = chosen (self->reasons, self->reason_row);
  GListModel *children = reason != NULL ? medusa_return_reason_get_children (reason) : NULL;
  g_autoptr(GtkStringList) labels = NULL;

  g_set_object (&self->details, children);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_row),
                          children != NULL && g_list_model_get_n_items (children) > 0);
  /* Translators: the first choice of a return reason's finer reasons */
  labels = labels_of (children, _("Not specified"));
  adw_combo_row_set_model (self->detail_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->detail_row, 0);
}

static void
medusa_return_item_row_dispose (GObject *object)
{
  MedusaReturnItemRow *self = MEDUSA_RETURN_ITEM_ROW (object);

  g_clear_object (&self->item);
  g_clear_object (&self->reasons);
  g_clear_object (&self->details);

  G_OBJECT_CLASS (medusa_return_item_row_parent_class)->dispose (object);
}

static void
medusa_return_item_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MedusaReturnItemRow *self = MEDUSA_RETURN_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_QUANTITY:
      g_value_set_int64 (value, medusa_return_item_row_get_quantity (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_return_item_row_class_init (MedusaReturnItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medusa_return_item_row_dispose;
  object_class->get_property = medusa_return_item_row_get_property;

  properties[PROP_QUANTITY] =
    g_param_spec_int64 ("quantity", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-return-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnItemRow, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnItemRow, quantity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnItemRow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnItemRow, detail_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnItemRow, note_row);
  gtk_widget_class_bind_template_callback (widget_class, quantity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_selected_cb);
}

static void
medusa_return_item_row_init (MedusaReturnItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * medusa_return_item_row_new:
 * @item: a line item of the order
 * @max_quantity: how many of it can still be returned (≥ 1)
 * @reasons: the store's return reasons
 *
 * Returns: (transfer floating): the row, with nothing chosen to return yet
 */
GtkWidget *
medusa_return_item_row_new (MedusaLineItem *item,
                            gint64          max_quantity,
                            GListModel     *reasons)
{
  MedusaReturnItemRow *self;
  g_autoptr(GtkStringList) labels = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *spin_name = NULL;
  g_autofree char *count = NULL;
  const char *title;
  const char *variant;

  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (item), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (reasons), NULL);

  self = g_object_new (MEDUSA_TYPE_RETURN_ITEM_ROW, NULL);
  self->item = g_object_ref (item);
  self->max_quantity = MAX (max_quantity, 0);
  self->reasons = g_object_ref (reasons);

  title = medusa_line_item_get_title (item);
  if (title == NULL || *title == '\0')
    title = _("Item");
  variant = medusa_line_item_get_variant_title (item);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  count = g_strdup_printf ("%" G_GINT64_FORMAT, self->max_quantity);
  /* Translators: %s is a number, e.g. "Up to 2 can be returned" */
  subtitle = g_strdup_printf (ngettext ("Up to %s can be returned", "Up to %s can be returned",
                                        (gulong) MIN (self->max_quantity, 1000000)),
                              count);
  if (variant != NULL && *variant != '\0')
    {
      /* Translators: a variant ("Large / Blue") and how many can be returned */
      g_autofree char *with_variant = g_strdup_printf (_("%s · %s"), variant, subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_variant);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);

  gtk_adjustment_set_upper (self->quantity_adjustment, (double) MIN (self->max_quantity, 9999));
  /* Translators: the accessible name of the quantity spin button; %s is the product */
  spin_name = g_strdup_printf (_("Quantity of %s to return"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quantity_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spin_name, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quantity_spin), _("Quantity to return"));

  /* Translators: the first choice of the return reasons */
  labels = labels_of (reasons, _("No reason given"));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->reason_row, 0);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);

  return GTK_WIDGET (self);
}

MedusaLineItem *
medusa_return_item_row_get_item (MedusaReturnItemRow *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM_ROW (self), NULL);
  return self->item;
}

gint64
medusa_return_item_row_get_quantity (MedusaReturnItemRow *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM_ROW (self), 0);
  return CLAMP ((gint64) gtk_adjustment_get_value (self->quantity_adjustment), 0, self->max_quantity);
}

const char *
medusa_return_item_row_get_reason_id (MedusaReturnItemRow *self)
{
  g_autoptr(MedusaReturnReason) reason = NULL;
  g_autoptr(MedusaReturnReason) detail = NULL;

  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM_ROW (self), NULL);

  reason = chosen (self->reasons, self->reason_row);
  if (reason == NULL)
    return NULL;
  detail = chosen (self->details, self->detail_row);
  /* The models hold the reasons: the ids outlive these references. */
  return medusa_return_reason_get_id (detail != NULL ? detail : reason);
}

char *
medusa_return_item_row_dup_note (MedusaReturnItemRow *self)
{
  g_autofree char *note = NULL;

  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM_ROW (self), NULL);

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  if (*note == '\0')
    return NULL;
  if (g_utf8_strlen (note, -1) > MAX_NOTE_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (note, MAX_NOTE_CHARS);

      *end = '\0';
    }
  return g_steal_pointer (&note);
}
