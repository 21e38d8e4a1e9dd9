/* medusa-address-row.c: one saved address in the address book
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "MedusaAddressRow"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-row.h"
#include "medusa-offline-guard.h"

struct _MedusaAddressRow
{
  AdwActionRow   parent_instance;

  MedusaAddress *address;

  /* template widgets */
  GtkButton     *delete_button;
};

G_DEFINE_FINAL_TYPE (MedusaAddressRow, medusa_address_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ADDRESS,
  N_PROPS
};

enum {
  EDIT,
  DELETE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* The subtitle: the place without the name the title already shows. */
static char *
dup_place_line (MedusaAddress *address)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *postal = medusa_address_get_postal_code (address);
  const char *city = medusa_address_get_city (address);
  const char *values[] = {
    medusa_address_get_company (address),
    medusa_address_get_address_1 (address),
    medusa_address_get_address_2 (address),
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] != NULL && *values[i] != '\0')
        g_ptr_array_add (parts, g_strdup (values[i]));
    }

  if ((postal != NULL && *postal != '\0') || (city != NULL && *city != '\0'))
    g_ptr_array_add (parts, g_strstrip (g_strdup_printf ("%s %s", postal != NULL ? postal : "",
                                                          city != NULL ? city : "")));
  if (medusa_address_get_province (address) != NULL && *medusa_address_get_province (address) != '\0')
    g_ptr_array_add (parts, g_strdup (medusa_address_get_province (address)));
  if (medusa_address_get_country_code (address) != NULL && *medusa_address_get_country_code (address) != '\0')
    g_ptr_array_add (parts, g_ascii_strup (medusa_address_get_country_code (address), -1));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
update (MedusaAddressRow *self)
{
  g_autofree char *name = medusa_address_dup_full_name (self->address);
  g_autofree char *line = dup_place_line (self->address);
  g_autofree char *delete_name = NULL;
  const char *company = medusa_address_get_company (self->address);
  const char *title;

  if (*name == '\0' && company != NULL && *company != '\0')
    title = company;
  else
    title = *name != '\0' ? name : _("Unnamed address");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), line);

  /* The delete button needs the address in its own name, or a screen
   * reader hears the same "Delete address" on every row. */
  /* Translators: the accessible name of a row's delete button; %s is the
   * address's title (the name on it). */
  delete_name = g_strdup_printf (_("Delete address %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name,
                                  -1);
}

/* Callbacks */

static void
edit_clicked_cb (MedusaAddressRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
delete_clicked_cb (MedusaAddressRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

/* GObject */

static void
medusa_address_row_constructed (GObject *object)
{
  MedusaAddressRow *self = MEDUSA_ADDRESS_ROW (object);

  G_OBJECT_CLASS (medusa_address_row_parent_class)->constructed (object);

  g_return_if_fail (self->address != NULL);

  update (self);
}

static void
medusa_address_row_dispose (GObject *object)
{
  MedusaAddressRow *self = MEDUSA_ADDRESS_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ADDRESS_ROW);
  g_clear_object (&self->address);

  G_OBJECT_CLASS (medusa_address_row_parent_class)->dispose (object);
}

static void
medusa_address_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedusaAddressRow *self = MEDUSA_ADDRESS_ROW (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedusaAddressRow *self = MEDUSA_ADDRESS_ROW (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_set_object (&self->address, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_row_class_init (MedusaAddressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_address_row_constructed;
  object_class->dispose = medusa_address_row_dispose;
  object_class->get_property = medusa_address_row_get_property;
  object_class->set_property = medusa_address_row_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         MEDUSA_TYPE_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to edit or to delete the row's address. */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-address-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressRow, delete_button);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
medusa_address_row_init (MedusaAddressRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_address_row_new (MedusaAddress *address)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (address), NULL);

  return g_object_new (MEDUSA_TYPE_ADDRESS_ROW,
                       "address", address,
                       NULL);
}

MedusaAddress *
medusa_address_row_get_address (MedusaAddressRow *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS_ROW (self), NULL);

  return self->address;
}

void
medusa_address_row_guard_offline (MedusaAddressRow *self,
                                  MedusaSession    *session)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS_ROW (self));

  medusa_offline_guard_add (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                       MEDUSA_TYPE_ADDRESS_ROW,
                                                                       "edit_button")),
                            session);
  medusa_offline_guard_add (GTK_WIDGET (self->delete_button), session);
}
