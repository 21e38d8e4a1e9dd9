/* medusa-address-dialog.c: add or edit one saved address
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-dialog.h"
#include "medusa-addresses.h"
#include "medusa-busy-button.h"
#include "medusa-countries.h"
#include "medusa-regions.h"
#include "medusa-payloads.h"
#include "medusa-region.h"
#include "medusa-ui-utils.h"

typedef enum
{
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_COMPANY,
  FIELD_ADDRESS_1,
  FIELD_ADDRESS_2,
  FIELD_CITY,
  FIELD_POSTAL_CODE,
  FIELD_PROVINCE,
  FIELD_PHONE,
  N_FIELDS
} Field;

static const struct
{
  const char *name;     /* the API's key */
  const char *label;    /* the row's title, for the hint */
  gboolean    required;
} fields[N_FIELDS] = {
  [FIELD_FIRST_NAME]  = { "first_name",  N_("First name"),  TRUE },
  [FIELD_LAST_NAME]   = { "last_name",   N_("Last name"),   TRUE },
  [FIELD_COMPANY]     = { "company",     N_("Company"),     FALSE },
  [FIELD_ADDRESS_1]   = { "address_1",   N_("Address"),     TRUE },
  [FIELD_ADDRESS_2]   = { "address_2",   N_("Apartment, suite, etc."), FALSE },
  [FIELD_CITY]        = { "city",        N_("City"),        TRUE },
  [FIELD_POSTAL_CODE] = { "postal_code", N_("Postal code"), TRUE },
  [FIELD_PROVINCE]    = { "province",    N_("Province / State"), FALSE },
  [FIELD_PHONE]       = { "phone",       N_("Phone"),       FALSE },
};

struct _MedusaAddressDialog
{
  AdwWindow      parent_instance;

  MedusaSession *session;
  MedusaAddress *address;       /* (nullable): NULL adds */
  GCancellable  *cancellable;   /* saving */
  MedusaCountries *store_countries;  /* (unowned): the session's */
  GListStore    *countries;     /* MedusaCountry, sorted by display name */

  gboolean       countries_loaded;
  gboolean       saving;
  gboolean       filling;
  gboolean       touched[N_FIELDS];

  /* template widgets */
  GtkButton     *save_button;
  GtkScrolledWindow *scrolled_window;
  GtkWidget     *form_box;
  AdwEntryRow   *first_name_row;
  AdwEntryRow   *last_name_row;
  AdwEntryRow   *company_row;
  AdwEntryRow   *address_1_row;
  AdwEntryRow   *address_2_row;
  AdwEntryRow   *city_row;
  AdwEntryRow   *postal_code_row;
  AdwEntryRow   *province_row;
  AdwEntryRow   *phone_row;
  AdwComboRow   *country_row;
  GtkLabel      *hint_label;
  GtkLabel      *error_label;

  AdwEntryRow   *rows[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (MedusaAddressDialog, medusa_address_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static char *
row_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
selected_country_code (MedusaAddressDialog *self)
{
  MedusaCountry *country = adw_combo_row_get_selected_item (self->country_row);

  return country != NULL ? medusa_country_get_iso_2 (country) : NULL;
}

static void
show_error (MedusaAddressDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');

  /* The message is at the top of the form: bring it into view. */
  if (message != NULL && *message != '\0')
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/* Marks the touched required rows that are empty, fills the hint and makes
 * Save sensitive only when everything required is there. */
static void
update_validity (MedusaAddressDialog *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean valid = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;
      gboolean empty;

      if (!fields[i].required)
        continue;

      text = row_dup_text (self->rows[i]);
      empty = (*text == '\0');
      if (empty)
        valid = FALSE;

      if (empty && self->touched[i])
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->rows[i]), "error");
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, _(fields[i].label));
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
        }
    }

  if (selected_country_code (self) == NULL)
    {
      valid = FALSE;
      if (self->countries_loaded)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->country_row), "error");
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, _("Country"));
        }
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->country_row), "error");
    }

  if (missing->len > 0)
    {
      /* Translators: %s is a list of field names, e.g. "First name, City" */
      g_autofree char *hint = g_strdup_printf (_("Required: %s."), missing->str);

      gtk_label_set_text (self->hint_label, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
    }

  if (!self->saving)
    gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
}

static gboolean
is_valid (MedusaAddressDialog *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;

      if (!fields[i].required)
        continue;
      text = row_dup_text (self->rows[i]);
      if (*text == '\0')
        return FALSE;
    }

  return selected_country_code (self) != NULL;
}

static void
set_saving (MedusaAddressDialog *self,
            gboolean             saving)
{
  self->saving = saving;
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->save_button), saving);
  gtk_widget_set_sensitive (self->form_box, !saving);
  if (!saving)
    update_validity (self);
}

static guint
find_country (GListModel *model,
              const char *code)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (code == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaCountry) country = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (medusa_country_get_iso_2 (country), code) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  MedusaCountry *ca = *(MedusaCountry **) a;
  MedusaCountry *cb = *(MedusaCountry **) b;

  return g_utf8_collate (medusa_country_get_display_name (ca),
                         medusa_country_get_display_name (cb));
}

/* The country a new address most likely has: that of a saved address. */
static const char *
guess_country (MedusaAddressDialog *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);
  GListModel *addresses;
  MedusaAddress *billing;

  if (customer == NULL)
    return NULL;

  addresses = medusa_customer_get_shipping_addresses (customer);
  if (g_list_model_get_n_items (addresses) > 0)
    {
      g_autoptr(MedusaAddress) last = g_list_model_get_item (addresses, g_list_model_get_n_items (addresses) - 1);

      return medusa_address_get_country_code (last);
    }

  billing = medusa_customer_get_billing_address (customer);
  return billing != NULL ? medusa_address_get_country_code (billing) : NULL;
}

static void
set_countries (MedusaAddressDialog *self,
               GListModel          *offered)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *wanted;
  guint position;

  for (guint i = 0; offered != NULL && i < g_list_model_get_n_items (offered); i++)
    g_ptr_array_add (list, g_list_model_get_item (offered, i));

  /* Keep the edited address's country choosable even when no region has it. */
  wanted = self->address != NULL ? medusa_address_get_country_code (self->address) : guess_country (self);
  if (self->address != NULL && wanted != NULL && *wanted != '\0' &&
      find_country (offered, wanted) == GTK_INVALID_LIST_POSITION)
    g_ptr_array_add (list, medusa_country_new (wanted, NULL));

  g_ptr_array_sort (list, compare_countries);
  g_list_store_splice (self->countries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->countries)),
                       list->pdata, list->len);

  self->countries_loaded = TRUE;
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (self->countries));

  position = find_country (G_LIST_MODEL (self->countries), wanted);
  if (position == GTK_INVALID_LIST_POSITION && list->len > 0)
    position = 0;
  adw_combo_row_set_selected (self->country_row, position);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->country_row), "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), list->len > 0);
  if (list->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->country_row),
                                 _("This store ships to no countries"));

  update_validity (self);
}

static void
countries_failed_cb (MedusaAddressDialog *self,
                     const GError        *error)
{
  g_autofree char *message = medusa_ui_error_message (error, _("Could not load the list of countries"));

  show_error (self, message);
  /* An edit can still be saved with the country it has. */
  set_countries (self, NULL);
}

static void
countries_loaded_cb (MedusaAddressDialog *self)
{
  if (medusa_countries_get_loaded (self->store_countries))
    set_countries (self, medusa_countries_get_model (self->store_countries));
}

static void
fill_from_address (MedusaAddressDialog *self)
{
  const char *values[N_FIELDS];

  if (self->address == NULL)
    return;

  values[FIELD_FIRST_NAME] = medusa_address_get_first_name (self->address);
  values[FIELD_LAST_NAME] = medusa_address_get_last_name (self->address);
  values[FIELD_COMPANY] = medusa_address_get_company (self->address);
  values[FIELD_ADDRESS_1] = medusa_address_get_address_1 (self->address);
  values[FIELD_ADDRESS_2] = medusa_address_get_address_2 (self->address);
  values[FIELD_CITY] = medusa_address_get_city (self->address);
  values[FIELD_POSTAL_CODE] = medusa_address_get_postal_code (self->address);
  values[FIELD_PROVINCE] = medusa_address_get_province (self->address);
  values[FIELD_PHONE] = medusa_address_get_phone (self->address);

  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), values[i] != NULL ? values[i] : "");
      /* An existing address shows what is missing at once. */
      self->touched[i] = TRUE;
    }
  self->filling = FALSE;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Address"));
}

static const char *
address_value (MedusaAddress *address,
               Field          field)
{
  const char *value = NULL;

  switch (field)
    {
    case FIELD_FIRST_NAME: value = medusa_address_get_first_name (address); break;
    case FIELD_LAST_NAME: value = medusa_address_get_last_name (address); break;
    case FIELD_COMPANY: value = medusa_address_get_company (address); break;
    case FIELD_ADDRESS_1: value = medusa_address_get_address_1 (address); break;
    case FIELD_ADDRESS_2: value = medusa_address_get_address_2 (address); break;
    case FIELD_CITY: value = medusa_address_get_city (address); break;
    case FIELD_POSTAL_CODE: value = medusa_address_get_postal_code (address); break;
    case FIELD_PROVINCE: value = medusa_address_get_province (address); break;
    case FIELD_PHONE: value = medusa_address_get_phone (address); break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  return value != NULL ? value : "";
}

/* TRUE when @input equals an address the customer already has. */
static gboolean
is_duplicate (MedusaAddressDialog      *self,
              const MedusaAddressInput *input)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);
  GListModel *addresses;

  if (customer == NULL)
    return FALSE;

  addresses = medusa_customer_get_shipping_addresses (customer);
  for (guint i = 0; i < g_list_model_get_n_items (addresses); i++)
    {
      g_autoptr(MedusaAddress) existing = g_list_model_get_item (addresses, i);

      if (medusa_address_input_same_place (input, existing))
        return TRUE;
    }

  return FALSE;
}

static void
save_finished (MedusaAddressDialog *self,
               MedusaCustomer      *customer,
               const GError        *error)
{
  set_saving (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (error, _("Could not save the address"));

      show_error (self, message);
      return;
    }

  medusa_session_set_customer (self->session, customer);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, customer);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_address_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_client_add_address_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  save_finished (MEDUSA_ADDRESS_DIALOG (user_data), customer, error);
}

static void
update_address_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_client_update_address_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  save_finished (MEDUSA_ADDRESS_DIALOG (user_data), customer, error);
}

static void
save (MedusaAddressDialog *self)
{
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();
  MedusaClient *client;
  const char *country;
  guint n_changed = 0;

  if (self->saving)
    return;

  if (!is_valid (self))
    {
      /* Enter on an incomplete form: show every missing field and go to the first. */
      for (guint i = 0; i < N_FIELDS; i++)
        self->touched[i] = TRUE;
      update_validity (self);
      for (guint i = 0; i < N_FIELDS; i++)
        {
          g_autofree char *text = row_dup_text (self->rows[i]);

          if (fields[i].required && *text == '\0')
            {
              gtk_widget_grab_focus (GTK_WIDGET (self->rows[i]));
              break;
            }
        }
      return;
    }

  show_error (self, NULL);
  country = selected_country_code (self);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = row_dup_text (self->rows[i]);

      if (self->address == NULL)
        {
          if (*text != '\0')
            medusa_address_input_set (input, fields[i].name, text);
        }
      else if (g_strcmp0 (text, address_value (self->address, i)) != 0)
        {
          /* "" sends null, which clears an optional field */
          medusa_address_input_set (input, fields[i].name, text);
          n_changed++;
        }
    }

  if (self->address == NULL)
    {
      medusa_address_input_set (input, "country_code", country);

      if (is_duplicate (self, input))
        {
          show_error (self, _("You already saved this address."));
          return;
        }
    }
  else
    {
      const char *old_country = medusa_address_get_country_code (self->address);

      if (old_country == NULL || g_ascii_strcasecmp (old_country, country) != 0)
        {
          medusa_address_input_set (input, "country_code", country);
          n_changed++;
        }

      if (n_changed == 0)
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
    }

  client = medusa_session_get_client (self->session);
  if (client == NULL)
    return;

  set_saving (self, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);

  if (self->address == NULL)
    medusa_client_add_address_async (client, input, self->cancellable, add_address_cb, self);
  else
    medusa_client_update_address_async (client, medusa_address_get_id (self->address),
                                        input, self->cancellable, update_address_cb, self);
}

/* Callbacks */

static void
save_clicked_cb (MedusaAddressDialog *self)
{
  save (self);
}

static void
row_activated_cb (MedusaAddressDialog *self)
{
  save (self);
}

static void
row_changed_cb (MedusaAddressDialog *self,
                GtkEditable         *editable)
{
  if (self->filling)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if ((GtkEditable *) self->rows[i] == editable)
        self->touched[i] = TRUE;
    }

  update_validity (self);
}

static void
country_selected_cb (MedusaAddressDialog *self)
{
  update_validity (self);
}

/* Sign-out, the idle lock, another store or account: the address being
 * typed goes with the dialog. */
static void
session_clear_input_cb (MedusaAddressDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
medusa_address_dialog_constructed (GObject *object)
{
  MedusaAddressDialog *self = MEDUSA_ADDRESS_DIALOG (object);

  G_OBJECT_CLASS (medusa_address_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  fill_from_address (self);

  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (session_clear_input_cb), self, G_CONNECT_SWAPPED);

  /* The session's list: Save's cancellable is not the load's. */
  self->store_countries = medusa_countries_get_for_session (self->session);
  g_signal_connect_object (self->store_countries, "failed",
                           G_CALLBACK (countries_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store_countries, "notify::loaded",
                           G_CALLBACK (countries_loaded_cb), self, G_CONNECT_SWAPPED);
  if (medusa_countries_get_loaded (self->store_countries))
    set_countries (self, medusa_countries_get_model (self->store_countries));
  else
    medusa_countries_load (self->store_countries);

  update_validity (self);
}

static void
medusa_address_dialog_dispose (GObject *object)
{
  MedusaAddressDialog *self = MEDUSA_ADDRESS_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ADDRESS_DIALOG);

  self->store_countries = NULL;
  g_clear_object (&self->countries);
  g_clear_object (&self->address);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_address_dialog_parent_class)->dispose (object);
}

static void
medusa_address_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MedusaAddressDialog *self = MEDUSA_ADDRESS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MedusaAddressDialog *self = MEDUSA_ADDRESS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_ADDRESS:
      g_set_object (&self->address, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_dialog_class_init (MedusaAddressDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_address_dialog_constructed;
  object_class->dispose = medusa_address_dialog_dispose;
  object_class->get_property = medusa_address_dialog_get_property;
  object_class->set_property = medusa_address_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         MEDUSA_TYPE_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaAddressDialog::saved:
   * @customer: the customer the server returned
   *
   * Emitted after the address was saved, before the dialog closes.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MEDUSA_TYPE_CUSTOMER);

  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-address-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, address_1_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, address_2_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, province_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
medusa_address_dialog_init (MedusaAddressDialog *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->countries = g_list_store_new (MEDUSA_TYPE_COUNTRY);

  self->rows[FIELD_FIRST_NAME] = self->first_name_row;
  self->rows[FIELD_LAST_NAME] = self->last_name_row;
  self->rows[FIELD_COMPANY] = self->company_row;
  self->rows[FIELD_ADDRESS_1] = self->address_1_row;
  self->rows[FIELD_ADDRESS_2] = self->address_2_row;
  self->rows[FIELD_CITY] = self->city_row;
  self->rows[FIELD_POSTAL_CODE] = self->postal_code_row;
  self->rows[FIELD_PROVINCE] = self->province_row;
  self->rows[FIELD_PHONE] = self->phone_row;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_signal_connect_object (self->rows[i], "changed",
                               G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->rows[i], "entry-activated",
                               G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
    }

  expression = gtk_property_expression_new (MEDUSA_TYPE_COUNTRY, NULL, "display-name");
  adw_combo_row_set_expression (self->country_row, expression);
  g_signal_connect_object (self->country_row, "notify::selected",
                           G_CALLBACK (country_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

GtkWidget *
medusa_address_dialog_new (MedusaSession *session,
                           MedusaAddress *address)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);
  g_return_val_if_fail (address == NULL || MEDUSA_IS_ADDRESS (address), NULL);

  return g_object_new (MEDUSA_TYPE_ADDRESS_DIALOG,
                       "session", session,
                       "address", address,
                       NULL);
}

MedusaAddress *
medusa_address_dialog_get_address (MedusaAddressDialog *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS_DIALOG (self), NULL);

  return self->address;
}
