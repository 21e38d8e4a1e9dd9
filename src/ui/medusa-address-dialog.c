/* medusa-address-dialog.c: add or edit one saved address
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-dialog.h"
#include "medusa-address-form.h"
#include "medusa-addresses.h"
#include "medusa-busy-button.h"
#include "medusa-countries.h"
#include "medusa-offline-guard.h"
#include "medusa-regions.h"
#include "medusa-payloads.h"
#include "medusa-region.h"
#include "medusa-ui-utils.h"

/* The fields an edit compares, as the API names them. */
static const char * const field_names[] = {
  "first_name", "last_name", "company", "address_1", "address_2",
  "city", "postal_code", "province", "phone",
};

struct _MedusaAddressDialog
{
  AdwWindow      parent_instance;

  MedusaSession *session;
  MedusaAddress *address;       /* (nullable): NULL adds */
  GCancellable  *cancellable;   /* saving */
  MedusaCountries *store_countries;  /* (unowned): the session's */

  gboolean       saving;

  /* template widgets */
  GtkButton     *save_button;
  GtkScrolledWindow *scrolled_window;
  GtkWidget     *form_box;
  MedusaAddressForm *form;
  GtkLabel      *error_label;
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

static void
set_saving (MedusaAddressDialog *self,
            gboolean             saving)
{
  self->saving = saving;
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->save_button), saving);
  gtk_widget_set_sensitive (self->form_box, !saving);
  if (!saving)
    medusa_offline_guard_set_sensitive (GTK_WIDGET (self->save_button),
                                        medusa_address_form_get_valid (self->form));
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
countries_failed_cb (MedusaAddressDialog *self,
                     const GError        *error)
{
  g_autofree char *message = medusa_ui_error_message (error, _("Could not load the list of countries"));

  show_error (self, message);
}

/* The address as the form's fields. */
static MedusaAddressInput *
address_to_input (MedusaAddress *address)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", medusa_address_get_first_name (address));
  medusa_address_input_set (input, "last_name", medusa_address_get_last_name (address));
  medusa_address_input_set (input, "company", medusa_address_get_company (address));
  medusa_address_input_set (input, "address_1", medusa_address_get_address_1 (address));
  medusa_address_input_set (input, "address_2", medusa_address_get_address_2 (address));
  medusa_address_input_set (input, "city", medusa_address_get_city (address));
  medusa_address_input_set (input, "postal_code", medusa_address_get_postal_code (address));
  medusa_address_input_set (input, "province", medusa_address_get_province (address));
  medusa_address_input_set (input, "phone", medusa_address_get_phone (address));
  medusa_address_input_set (input, "country_code", medusa_address_get_country_code (address));

  return input;
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

static void
fill_form (MedusaAddressDialog *self)
{
  g_autoptr(MedusaAddressInput) input = NULL;

  if (self->address == NULL)
    {
      /* A new address starts in the country of a saved one. */
      input = medusa_address_input_new ();
      medusa_address_input_set (input, "country_code", guess_country (self));
      medusa_address_form_set_input (self->form, input);
      return;
    }

  input = address_to_input (self->address);
  medusa_address_form_set_input (self->form, input);
  /* An existing address shows what is missing at once. */
  medusa_address_form_show_missing (self->form, FALSE);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Address"));
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

  /* The session has taken the customer already: every view shows it. */
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, customer);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_session_address_saved_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_session_address_change_finish (MEDUSA_SESSION (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  save_finished (MEDUSA_ADDRESS_DIALOG (user_data), customer, error);
}

static void
save (MedusaAddressDialog *self)
{
  g_autoptr(MedusaAddressInput) input = NULL;
  guint n_changed = 0;

  if (self->saving)
    return;

  if (!medusa_address_form_get_valid (self->form))
    {
      /* Enter on an incomplete form: show every missing field and go to the first. */
      medusa_address_form_show_missing (self->form, TRUE);
      return;
    }

  show_error (self, NULL);

  if (self->address == NULL)
    {
      /* Empty optional rows are not sent. */
      input = medusa_address_form_get_input (self->form);

      if (is_duplicate (self, input))
        {
          show_error (self, _("You already saved this address."));
          return;
        }
    }
  else
    {
      g_autoptr(MedusaAddressInput) typed = medusa_address_form_get_input (self->form);
      g_autoptr(MedusaAddressInput) saved = address_to_input (self->address);
      const char *country = medusa_address_input_get (typed, "country_code");
      const char *old_country = medusa_address_get_country_code (self->address);

      /* Only what changed is sent; "" sends null, which clears an optional field. */
      input = medusa_address_input_new ();
      for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
        {
          const char *text = nonnull (medusa_address_input_get (typed, field_names[i]));

          if (g_strcmp0 (text, nonnull (medusa_address_input_get (saved, field_names[i]))) != 0)
            {
              medusa_address_input_set (input, field_names[i], text);
              n_changed++;
            }
        }

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

  if (medusa_session_get_client (self->session) == NULL || medusa_session_get_offline (self->session))
    return;

  set_saving (self, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);

  if (self->address == NULL)
    medusa_session_add_address_async (self->session, input, self->cancellable,
                                      on_session_address_saved_cb, self);
  else
    medusa_session_update_address_async (self->session, medusa_address_get_id (self->address),
                                         input, self->cancellable,
                                         on_session_address_saved_cb, self);
}

/* Callbacks */

static void
save_clicked_cb (MedusaAddressDialog *self)
{
  save (self);
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

  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (session_clear_input_cb), self, G_CONNECT_SWAPPED);
  /* Offline: Save waits, the form keeps what is typed. */
  medusa_offline_guard_add (GTK_WIDGET (self->save_button), self->session);

  /* The session's list: Save's cancellable is not the load's. */
  self->store_countries = medusa_countries_get_for_session (self->session);
  g_signal_connect_object (self->store_countries, "failed",
                           G_CALLBACK (countries_failed_cb), self, G_CONNECT_SWAPPED);
  medusa_address_form_set_countries (self->form, self->store_countries);
  fill_form (self);
  medusa_countries_load (self->store_countries);
}

static void
medusa_address_dialog_dispose (GObject *object)
{
  MedusaAddressDialog *self = MEDUSA_ADDRESS_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ADDRESS_DIALOG);

  self->store_countries = NULL;
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

  g_type_ensure (MEDUSA_TYPE_ADDRESS_FORM);
  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-address-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, form);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
on_form_notify_valid_cb (MedusaAddressDialog *self)
{
  medusa_offline_guard_set_sensitive (GTK_WIDGET (self->save_button),
                                      medusa_address_form_get_valid (self->form));
}

static void
medusa_address_dialog_init (MedusaAddressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* Save is there once every required field is (and the store can be
   * reached: not a binding, the offline guard has a say). */
  g_signal_connect_object (self->form, "notify::valid", G_CALLBACK (on_form_notify_valid_cb), self,
                           G_CONNECT_SWAPPED);
  on_form_notify_valid_cb (self);

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
