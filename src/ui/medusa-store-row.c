/* medusa-store-row.c: one saved store on the store page
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "MedusaStoreRow"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-store-row.h"

/* The "current" check and the http warning are bound in the template.
 * Title and subtitle are set here: a <binding> of the template object's own
 * properties fails on GTK 4.8 ("g_object_weak_unref: couldn't find weak
 * ref" as the row goes). */
struct _MedusaStoreRow
{
  AdwActionRow        parent_instance;

  MedusaStoreProfile *profile;
  gboolean            current;

  /* template widgets */
  GtkButton          *remove_button;
};

G_DEFINE_FINAL_TYPE (MedusaStoreRow, medusa_store_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_CURRENT,
  N_PROPS
};

enum {
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
remove_clicked_cb (MedusaStoreRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/* GObject */

static void
medusa_store_row_constructed (GObject *object)
{
  MedusaStoreRow *self = MEDUSA_STORE_ROW (object);
  g_autofree char *remove_label = NULL;

  G_OBJECT_CLASS (medusa_store_row_parent_class)->constructed (object);

  g_return_if_fail (self->profile != NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), medusa_store_profile_get_name (self->profile));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), medusa_store_profile_get_url (self->profile));

  remove_label = g_strdup_printf (_("Remove %s"), medusa_store_profile_get_name (self->profile));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

static void
medusa_store_row_dispose (GObject *object)
{
  MedusaStoreRow *self = MEDUSA_STORE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_STORE_ROW);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (medusa_store_row_parent_class)->dispose (object);
}

static void
medusa_store_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedusaStoreRow *self = MEDUSA_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_store_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MedusaStoreRow *self = MEDUSA_STORE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_set_object (&self->profile, g_value_get_object (value));
      break;
    case PROP_CURRENT:
      if (self->current != g_value_get_boolean (value))
        {
          self->current = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_store_row_class_init (MedusaStoreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_store_row_constructed;
  object_class->dispose = medusa_store_row_dispose;
  object_class->get_property = medusa_store_row_get_property;
  object_class->set_property = medusa_store_row_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         MEDUSA_TYPE_STORE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether it is the session's store: the page binds it. */
  properties[PROP_CURRENT] =
    g_param_spec_boolean ("current", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to take the store off the list. */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MEDUSA_TYPE_STORE_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-store-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaStoreRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
medusa_store_row_init (MedusaStoreRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_store_row_new (MedusaStoreProfile *profile)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILE (profile), NULL);

  return g_object_new (MEDUSA_TYPE_STORE_ROW,
                       "profile", profile,
                       NULL);
}

MedusaStoreProfile *
medusa_store_row_get_profile (MedusaStoreRow *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_ROW (self), NULL);

  return self->profile;
}
