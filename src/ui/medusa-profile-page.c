/* medusa-profile-page.c: name and phone, email, password, billing address
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaProfilePage"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-form.h"
#include "medusa-auth.h"
#include "medusa-countries.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-orders.h"
#include "medusa-payloads.h"
#include "medusa-profile-page.h"
#include "medusa-region.h"
#include "medusa-ui-utils.h"

#define DIALOG_DATA_KEY "medusa-credential-dialog"

struct _MedusaProfilePage
{
  AdwBin          parent_instance;

  MedusaSession  *session;               /* (owned) */
  MedusaCustomer *customer;              /* (owned) (nullable): what the form was filled from */
  GCancellable   *cancellable;           /* (owned) (nullable): saving the names */
  GCancellable   *billing_cancellable;   /* (owned) (nullable): saving the billing address */
  GCancellable   *refresh_cancellable;   /* (owned) (nullable): page.refresh */
  GPtrArray      *billing_ids;           /* (owned): combo index → address id, NULL = none/new */
  MedusaCountries *countries;            /* (unowned): the session's */
  GtkWidget      *dialog;                /* (nullable) weak: the open credential dialog */
  gboolean        saving;
  gboolean        billing_saving;
  gboolean        updating_choice;

  AdwEntryRow    *first_name_row;
  AdwEntryRow    *last_name_row;
  AdwEntryRow    *phone_row;
  GtkWidget      *names_group;
  GtkLabel       *names_error_label;
  GtkButton      *save_button;
  AdwActionRow   *email_row;
  AdwActionRow   *billing_current_row;
  AdwComboRow    *billing_choice_row;
  GtkRevealer    *billing_revealer;
  MedusaAddressForm *billing_form;
  GtkLabel       *billing_error_label;
  GtkButton      *billing_save_button;
};

G_DEFINE_FINAL_TYPE (MedusaProfilePage, medusa_profile_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* Personal details */

static gboolean
field_changed (gpointer    row,
               const char *saved)
{
  g_autofree char *text = medusa_ui_row_dup_stripped (row);
  g_autofree char *saved_stripped = g_strstrip (g_strdup (nonnull (saved)));

  return g_strcmp0 (text, saved_stripped) != 0;
}

static gboolean
names_changed (MedusaProfilePage *self)
{
  if (self->customer == NULL)
    return FALSE;

  return field_changed (self->first_name_row, medusa_customer_get_first_name (self->customer)) ||
         field_changed (self->last_name_row, medusa_customer_get_last_name (self->customer)) ||
         field_changed (self->phone_row, medusa_customer_get_phone (self->customer));
}

static void
update_save_sensitivity (MedusaProfilePage *self)
{
  if (!self->saving)
    gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), names_changed (self));
}

static void
set_saving (MedusaProfilePage *self,
            gboolean           saving)
{
  self->saving = saving;
  /* The button first: it takes the focus out of the form. */
  medusa_ui_button_set_busy (self->save_button, saving);
  gtk_widget_set_sensitive (self->names_group, !saving);
  update_save_sensitivity (self);
}

/* Keeps what the user is typing: a row is only refilled when it still holds
 * the value it was filled with. */
static void
refill_row (gpointer    row,
            const char *old_value,
            const char *new_value)
{
  if (!field_changed (row, old_value))
    gtk_editable_set_text (GTK_EDITABLE (row), nonnull (new_value));
}

static void
update_customer_update_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MedusaProfilePage) self = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  set_saving (self, FALSE);

  if (customer == NULL)
    {
      g_autofree char *message = NULL;

      medusa_session_handle_error (self->session, error);
      message = medusa_ui_error_message (error, _("Could not save your profile"));
      /* The edits stay in the rows. */
      medusa_ui_label_set_error (self->names_error_label, message);
      return;
    }

  /* Take the saved values as they are now (the form shows them already). */
  g_set_object (&self->customer, customer);
  medusa_session_set_customer (self->session, customer);
  update_save_sensitivity (self);
  medusa_ui_show_toast (GTK_WIDGET (self), _("Profile saved"));
}

static void
save_names (MedusaProfilePage *self)
{
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *phone = NULL;

  if (self->saving || self->customer == NULL || !names_changed (self))
    return;

  medusa_ui_label_set_error (self->names_error_label, NULL);

  first_name = medusa_ui_row_dup_stripped (self->first_name_row);
  last_name = medusa_ui_row_dup_stripped (self->last_name_row);
  phone = medusa_ui_row_dup_stripped (self->phone_row);

  /* Only what changed is sent. */
  update = medusa_customer_update_new ();
  if (field_changed (self->first_name_row, medusa_customer_get_first_name (self->customer)))
    medusa_customer_update_set_first_name (update, first_name);
  if (field_changed (self->last_name_row, medusa_customer_get_last_name (self->customer)))
    medusa_customer_update_set_last_name (update, last_name);
  if (field_changed (self->phone_row, medusa_customer_get_phone (self->customer)))
    medusa_customer_update_set_phone (update, phone);

  medusa_ui_renew_cancellable (&self->cancellable);
  set_saving (self, TRUE);
  medusa_client_update_customer_async (medusa_session_get_client (self->session),
                                       update,
                                       self->cancellable,
                                       update_customer_update_cb,
                                       g_object_ref (self));
}

static void
on_save_clicked_cb (GtkButton         *button,
                    MedusaProfilePage *self)
{
  save_names (self);
}

static void
on_name_activated_cb (AdwEntryRow       *row,
                      MedusaProfilePage *self)
{
  save_names (self);
}

static void
on_name_changed_cb (GtkEditable       *editable,
                    MedusaProfilePage *self)
{
  medusa_ui_label_set_error (self->names_error_label, NULL);
  update_save_sensitivity (self);
}

/* Billing address */

static guint
billing_new_index (MedusaProfilePage *self)
{
  return self->billing_ids->len - 1;
}

static void
update_billing_save_sensitivity (MedusaProfilePage *self)
{
  guint selected = adw_combo_row_get_selected (self->billing_choice_row);
  gboolean sensitive = FALSE;

  if (self->billing_saving || self->customer == NULL || selected == GTK_INVALID_LIST_POSITION)
    sensitive = FALSE;
  else if (selected == billing_new_index (self))
    sensitive = medusa_address_form_get_valid (self->billing_form);
  else if (selected > 0 && selected < self->billing_ids->len)
    {
      const char *id = g_ptr_array_index (self->billing_ids, selected);

      sensitive = g_strcmp0 (id, medusa_customer_get_billing_address_id (self->customer)) != 0;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->billing_save_button), sensitive);
}

static void
set_billing_saving (MedusaProfilePage *self,
                    gboolean           saving)
{
  self->billing_saving = saving;
  /* The button first: it takes the focus out of the form. */
  medusa_ui_button_set_busy (self->billing_save_button, saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->billing_choice_row), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->billing_form), !saving);
  update_billing_save_sensitivity (self);
}

static void
on_countries_failed_cb (MedusaCountries   *countries,
                        const GError      *error,
                        MedusaProfilePage *self)
{
  g_autofree char *message = NULL;

  medusa_session_handle_error (self->session, error);
  message = medusa_ui_error_message (error, _("Could not load the list of countries"));
  medusa_ui_label_set_error (self->billing_error_label, message);
}

static void
show_billing_form (MedusaProfilePage *self,
                   gboolean           show)
{
  gtk_widget_set_visible (GTK_WIDGET (self->billing_revealer), show);
  gtk_revealer_set_reveal_child (self->billing_revealer, show);

  if (show)
    {
      g_autoptr(MedusaAddressInput) input = medusa_address_form_get_input (self->billing_form);
      gboolean filled = FALSE;

      /* Start from the customer's own name, the usual case. */
      if (!medusa_address_input_is_set (input, "first_name") && self->customer != NULL)
        {
          medusa_address_input_set (input, "first_name", medusa_customer_get_first_name (self->customer));
          filled = TRUE;
        }
      if (!medusa_address_input_is_set (input, "last_name") && self->customer != NULL)
        {
          medusa_address_input_set (input, "last_name", medusa_customer_get_last_name (self->customer));
          filled = TRUE;
        }
      if (filled)
        medusa_address_form_set_input (self->billing_form, input);
      medusa_countries_load (self->countries);
    }
}

static void
update_billing (MedusaProfilePage *self)
{
  g_autoptr(GtkStringList) choices = NULL;
  MedusaAddress *billing = NULL;
  const char *billing_id = NULL;
  GListModel *addresses = NULL;
  guint previous = adw_combo_row_get_selected (self->billing_choice_row);
  gboolean was_new = self->billing_ids->len > 0 && previous == billing_new_index (self);
  guint selected = 0;
  guint n = 0;

  if (self->customer != NULL)
    {
      billing = medusa_customer_get_billing_address (self->customer);
      billing_id = medusa_customer_get_billing_address_id (self->customer);
      addresses = medusa_customer_get_shipping_addresses (self->customer);
      n = g_list_model_get_n_items (addresses);
    }

  if (billing != NULL)
    {
      g_autofree char *line = medusa_address_format_one_line (billing);

      adw_action_row_set_subtitle (self->billing_current_row, line);
    }
  else if (billing_id != NULL && *billing_id != '\0')
    {
      MedusaAddress *saved = medusa_customer_find_address (self->customer, billing_id);
      g_autofree char *line = saved != NULL ? medusa_address_format_one_line (saved) : NULL;

      adw_action_row_set_subtitle (self->billing_current_row,
                                   line != NULL ? line : _("An address is on file"));
    }
  else
    {
      adw_action_row_set_subtitle (self->billing_current_row, _("None"));
    }

  choices = gtk_string_list_new (NULL);
  g_ptr_array_set_size (self->billing_ids, 0);

  gtk_string_list_append (choices, _("None"));
  g_ptr_array_add (self->billing_ids, NULL);

  /* A billing address entered here is an address of its own, not one of
   * the saved ones: it is a choice too, so the combo shows what is current. */
  if (billing_id != NULL && *billing_id != '\0' &&
      medusa_customer_find_address (self->customer, billing_id) == NULL)
    {
      g_autofree char *line = billing != NULL ? medusa_address_format_one_line (billing) : NULL;

      gtk_string_list_append (choices, line != NULL ? line : _("An address is on file"));
      g_ptr_array_add (self->billing_ids, g_strdup (billing_id));
      selected = self->billing_ids->len - 1;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);
      g_autofree char *line = medusa_address_format_one_line (address);

      gtk_string_list_append (choices, line);
      g_ptr_array_add (self->billing_ids, g_strdup (medusa_address_get_id (address)));
      if (g_strcmp0 (billing_id, medusa_address_get_id (address)) == 0)
        selected = self->billing_ids->len - 1;
    }

  gtk_string_list_append (choices, _("Enter a new address"));
  g_ptr_array_add (self->billing_ids, NULL);

  if (was_new)
    selected = billing_new_index (self);

  self->updating_choice = TRUE;
  adw_combo_row_set_model (self->billing_choice_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->billing_choice_row, selected);
  self->updating_choice = FALSE;

  show_billing_form (self, selected == billing_new_index (self));
  update_billing_save_sensitivity (self);
}

static void
billing_update_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedusaProfilePage) self = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_new;

  customer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  set_billing_saving (self, FALSE);

  if (customer == NULL)
    {
      g_autofree char *message = NULL;

      medusa_session_handle_error (self->session, error);
      message = medusa_ui_error_message (error, _("Could not save your billing address"));
      medusa_ui_label_set_error (self->billing_error_label, message);
      return;
    }

  was_new = adw_combo_row_get_selected (self->billing_choice_row) == billing_new_index (self);

  if (was_new)
    {
      /* Saved: the new address is now the current one, the form starts empty. */
      medusa_address_form_clear (self->billing_form);

      self->updating_choice = TRUE;
      adw_combo_row_set_selected (self->billing_choice_row, 0);
      self->updating_choice = FALSE;
    }

  /* The session's notify refills the page from this customer. */
  medusa_session_set_customer (self->session, customer);
  medusa_ui_show_toast (GTK_WIDGET (self), _("Billing address saved"));
}

static void
save_billing (MedusaProfilePage *self)
{
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  guint selected = adw_combo_row_get_selected (self->billing_choice_row);

  if (self->billing_saving || self->customer == NULL)
    return;

  medusa_ui_label_set_error (self->billing_error_label, NULL);
  update = medusa_customer_update_new ();

  if (selected == billing_new_index (self))
    {
      g_autoptr(MedusaAddressInput) input = medusa_address_form_get_input (self->billing_form);
      g_auto(GStrv) missing = medusa_address_input_missing_required (input);

      if (missing != NULL)
        {
          medusa_ui_label_set_error (self->billing_error_label,
                                     _("Fill in the name, the first address line, the postal code, "
                                       "the city and the country."));
          return;
        }

      medusa_customer_update_set_billing_address (update, input);
    }
  else if (selected > 0 && selected < self->billing_ids->len)
    {
      medusa_customer_update_set_billing_address_id (update,
                                                     g_ptr_array_index (self->billing_ids, selected));
    }
  else
    {
      return;
    }

  medusa_ui_renew_cancellable (&self->billing_cancellable);
  set_billing_saving (self, TRUE);
  medusa_client_update_customer_async (medusa_session_get_client (self->session),
                                       update,
                                       self->billing_cancellable,
                                       billing_update_cb,
                                       g_object_ref (self));
}

static void
on_billing_save_clicked_cb (GtkButton         *button,
                            MedusaProfilePage *self)
{
  save_billing (self);
}

static void
on_billing_activated_cb (MedusaAddressForm *form,
                         MedusaProfilePage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->billing_save_button)))
    save_billing (self);
}

static void
on_billing_changed_cb (MedusaAddressForm *form,
                       MedusaProfilePage *self)
{
  medusa_ui_label_set_error (self->billing_error_label, NULL);
  update_billing_save_sensitivity (self);
}

/* The form also turns valid when the countries arrive. */
static void
on_billing_valid_cb (MedusaAddressForm *form,
                     GParamSpec        *pspec,
                     MedusaProfilePage *self)
{
  update_billing_save_sensitivity (self);
}

static void
on_billing_choice_selected_cb (AdwComboRow       *row,
                               GParamSpec        *pspec,
                               MedusaProfilePage *self)
{
  if (self->updating_choice || self->billing_ids->len == 0)
    return;

  medusa_ui_label_set_error (self->billing_error_label, NULL);
  show_billing_form (self, adw_combo_row_get_selected (row) == billing_new_index (self));
  update_billing_save_sensitivity (self);
}

/* Filling the page from the customer */

static void
load_customer (MedusaProfilePage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);
  MedusaCustomer *old = self->customer;

  if (customer != NULL)
    {
      refill_row (self->first_name_row,
                  old != NULL ? medusa_customer_get_first_name (old) : NULL,
                  medusa_customer_get_first_name (customer));
      refill_row (self->last_name_row,
                  old != NULL ? medusa_customer_get_last_name (old) : NULL,
                  medusa_customer_get_last_name (customer));
      refill_row (self->phone_row,
                  old != NULL ? medusa_customer_get_phone (old) : NULL,
                  medusa_customer_get_phone (customer));
      adw_action_row_set_subtitle (self->email_row, nonnull (medusa_customer_get_email (customer)));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->last_name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), "");
      adw_action_row_set_subtitle (self->email_row, "");
      medusa_ui_label_set_error (self->names_error_label, NULL);
      medusa_ui_label_set_error (self->billing_error_label, NULL);
    }

  g_set_object (&self->customer, customer);
  update_save_sensitivity (self);
  update_billing (self);
}

/* The "Change Email…" and "Change Password…" dialogs */

typedef struct
{
  MedusaProfilePage *page;         /* (owned) */
  GtkWidget         *window;       /* (unowned): owns this data */
  GCancellable      *cancellable;  /* (owned) */
  gboolean           is_password;
  gboolean           busy;
  GtkWidget         *list;
  GtkWidget         *email_row;    /* email dialog only */
  GtkWidget         *current_row;
  GtkWidget         *new_row;      /* password dialog only */
  GtkWidget         *confirm_row;  /* password dialog only */
  GtkWidget         *hint_label;   /* password dialog only */
  GtkWidget         *error_label;
  GtkWidget         *submit_button;
  GtkWidget         *cancel_button;
} CredentialDialog;

static void
credential_dialog_free (gpointer data)
{
  CredentialDialog *d = data;

  medusa_ui_drop_cancellable (&d->cancellable);
  g_clear_object (&d->page);
  g_free (d);
}

static gboolean
credential_dialog_validate (CredentialDialog *d)
{
  gboolean valid;

  if (d->is_password)
    {
      gboolean password_ok;

      password_ok = medusa_ui_update_password_hint (GTK_LABEL (d->hint_label), d->confirm_row,
                                                    medusa_ui_row_text (d->new_row),
                                                    medusa_ui_row_text (d->confirm_row),
                                                    _("Type the new password again to confirm it."));
      valid = password_ok && *medusa_ui_row_text (d->current_row) != '\0';
    }
  else
    {
      g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (d->email_row));
      MedusaCustomer *customer = medusa_session_get_customer (d->page->session);
      const char *current = customer != NULL ? medusa_customer_get_email (customer) : NULL;

      valid = medusa_ui_email_looks_valid (email) &&
              g_strcmp0 (email, current) != 0 &&
              *medusa_ui_row_text (d->current_row) != '\0';
    }

  if (!d->busy)
    gtk_widget_set_sensitive (d->submit_button, valid);

  return valid;
}

static void
credential_dialog_set_busy (CredentialDialog *d,
                            gboolean          busy)
{
  d->busy = busy;
  gtk_widget_set_sensitive (d->list, !busy);
  medusa_ui_button_set_busy (GTK_BUTTON (d->submit_button), busy);
  if (!busy)
    credential_dialog_validate (d);
}

static void
credential_dialog_fail (CredentialDialog *d,
                        const GError     *error,
                        const char       *what_failed)
{
  g_autofree char *message = NULL;

  credential_dialog_set_busy (d, FALSE);
  medusa_session_handle_error (d->page->session, error);

  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS))
    {
      message = g_strdup (_("The current password is incorrect."));
      medusa_ui_row_set_invalid (d->current_row, TRUE);
      gtk_widget_grab_focus (d->current_row);
    }
  else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE))
    {
      message = g_strdup (_("Another account already uses this email address."));
      if (d->email_row != NULL)
        {
          medusa_ui_row_set_invalid (d->email_row, TRUE);
          gtk_widget_grab_focus (d->email_row);
        }
    }
  else
    {
      message = medusa_ui_error_message (error, what_failed);
    }

  medusa_ui_label_set_error (GTK_LABEL (d->error_label), message);
}

static void
credential_update_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  CredentialDialog *d = g_object_get_data (G_OBJECT (window), DIALOG_DATA_KEY);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  MedusaProfilePage *page;

  customer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (medusa_ui_is_cancelled (error) || d == NULL || g_cancellable_is_cancelled (d->cancellable))
    return;

  if (customer == NULL)
    {
      credential_dialog_fail (d, error, d->is_password ? _("Could not change your password")
                                                       : _("Could not change your email"));
      return;
    }

  page = d->page;
  medusa_session_set_customer (page->session, customer);
  medusa_ui_show_toast (GTK_WIDGET (page), d->is_password ? _("Password changed")
                                                          : _("Email address changed"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
credential_check_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  CredentialDialog *d = g_object_get_data (G_OBJECT (window), DIALOG_DATA_KEY);
  g_autoptr(MedusaCustomer) checked = NULL;
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  checked = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (medusa_ui_is_cancelled (error) || d == NULL || g_cancellable_is_cancelled (d->cancellable))
    return;

  if (checked == NULL)
    {
      credential_dialog_fail (d, error, _("Could not check your current password"));
      return;
    }

  update = medusa_customer_update_new ();
  if (d->is_password)
    {
      medusa_customer_update_set_password (update, medusa_ui_row_text (d->new_row));
    }
  else
    {
      /* The server stores this one as sent: always lower case. */
      g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (d->email_row));

      medusa_customer_update_set_email (update, email);
    }

  medusa_client_update_customer_async (MEDUSA_CLIENT (object),
                                       update,
                                       d->cancellable,
                                       credential_update_cb,
                                       g_object_ref (window));
}

static void
credential_dialog_submit (CredentialDialog *d)
{
  MedusaCustomer *customer = medusa_session_get_customer (d->page->session);

  if (d->busy || !credential_dialog_validate (d) || customer == NULL)
    return;

  medusa_ui_label_set_error (GTK_LABEL (d->error_label), NULL);
  credential_dialog_set_busy (d, TRUE);

  /* The current password is checked by signing in with it; the fresh token
   * this gives the client is as good as the old one. */
  medusa_client_sign_in_async (medusa_session_get_client (d->page->session),
                               medusa_customer_get_email (customer),
                               medusa_ui_row_text (d->current_row),
                               d->cancellable,
                               credential_check_cb,
                               g_object_ref (d->window));
}

static void
on_credential_submit_clicked_cb (GtkButton        *button,
                                 CredentialDialog *d)
{
  credential_dialog_submit (d);
}

static void
on_credential_row_activated_cb (AdwEntryRow      *row,
                                CredentialDialog *d)
{
  credential_dialog_submit (d);
}

static void
on_credential_row_changed_cb (GtkEditable      *editable,
                              CredentialDialog *d)
{
  medusa_ui_row_set_invalid (editable, FALSE);
  medusa_ui_label_set_error (GTK_LABEL (d->error_label), NULL);
  credential_dialog_validate (d);
}

static void
on_credential_cancel_clicked_cb (GtkButton        *button,
                                 CredentialDialog *d)
{
  gtk_window_close (GTK_WINDOW (d->window));
}

static gboolean
on_credential_close_request_cb (GtkWindow        *window,
                                CredentialDialog *d)
{
  /* Closing gives up on a running change. */
  g_cancellable_cancel (d->cancellable);
  return FALSE;
}

static GtkWidget *
credential_dialog_add_row (CredentialDialog *d,
                           gboolean          password,
                           const char       *title)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (password)
    medusa_ui_name_password_peeks (row);
  else
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_credential_row_activated_cb), d);
  g_signal_connect (row, "changed", G_CALLBACK (on_credential_row_changed_cb), d);
  gtk_list_box_append (GTK_LIST_BOX (d->list), row);

  return row;
}

static void
open_credential_dialog (MedusaProfilePage *self,
                        gboolean           is_password)
{
  CredentialDialog *d;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *toolbar;
  GtkWidget *header;
  GtkWidget *content;
  GtkWidget *intro;
  GtkEventController *shortcuts;
  const char *title = is_password ? _("Change Password") : _("Change Email");

  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  if (medusa_session_get_customer (self->session) == NULL)
    return;

  d = g_new0 (CredentialDialog, 1);
  d->page = g_object_ref (self);
  d->cancellable = g_cancellable_new ();
  d->is_password = is_password;

  d->window = adw_window_new ();
  g_object_set_data_full (G_OBJECT (d->window), DIALOG_DATA_KEY, d, credential_dialog_free);
  gtk_window_set_title (GTK_WINDOW (d->window), title);
  gtk_window_set_modal (GTK_WINDOW (d->window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (d->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (d->window), 520, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (d->window), GTK_WINDOW (root));
  g_signal_connect (d->window, "close-request", G_CALLBACK (on_credential_close_request_cb), d);

  /* Escape closes, as in every dialog. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (d->window, shortcuts);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));

  d->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (d->cancel_button, "clicked", G_CALLBACK (on_credential_cancel_clicked_cb), d);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), d->cancel_button);

  d->submit_button = gtk_button_new_with_label (title);
  gtk_widget_add_css_class (d->submit_button, "suggested-action");
  gtk_widget_set_sensitive (d->submit_button, FALSE);
  g_signal_connect (d->submit_button, "clicked", G_CALLBACK (on_credential_submit_clicked_cb), d);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), d->submit_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_box_append (GTK_BOX (toolbar), content);

  intro = gtk_label_new (is_password
                         ? _("Enter your current password, then the new one twice.")
                         : _("Enter the new email address and your current password. "
                             "You will sign in with the new address from now on."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (content), intro);

  d->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (d->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (d->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_password ? _("Passwords") : _("Email and password"),
                                  -1);
  gtk_box_append (GTK_BOX (content), d->list);

  if (is_password)
    {
      d->current_row = credential_dialog_add_row (d, TRUE, _("Current password"));
      d->new_row = credential_dialog_add_row (d, TRUE, _("New password"));
      d->confirm_row = credential_dialog_add_row (d, TRUE, _("Confirm password"));
      /* Three peek buttons: each says which field it shows. */
      medusa_ui_name_password_peek (d->new_row, _("Show new password"), _("Hide new password"));
      medusa_ui_name_password_peek (d->confirm_row, _("Show password confirmation"),
                                    _("Hide password confirmation"));

      d->hint_label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (d->hint_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (d->hint_label), 0);
      gtk_widget_add_css_class (d->hint_label, "caption");
      gtk_box_append (GTK_BOX (content), d->hint_label);
    }
  else
    {
      d->email_row = credential_dialog_add_row (d, FALSE, _("Email"));
      d->current_row = credential_dialog_add_row (d, TRUE, _("Current password"));
    }
  medusa_ui_name_password_peek (d->current_row, _("Show current password"), _("Hide current password"));

  d->error_label = g_object_new (GTK_TYPE_LABEL,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                 "wrap", TRUE,
                                 "xalign", 0.0f,
                                 "visible", FALSE,
                                 NULL);
  gtk_widget_add_css_class (d->error_label, "error");
  gtk_box_append (GTK_BOX (content), d->error_label);

  adw_window_set_content (ADW_WINDOW (d->window), toolbar);
  gtk_window_set_default_widget (GTK_WINDOW (d->window), d->submit_button);

  credential_dialog_validate (d);

  self->dialog = d->window;
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);

  gtk_window_present (GTK_WINDOW (d->window));
  gtk_widget_grab_focus (is_password ? d->current_row : d->email_row);
}

static void
close_dialog (MedusaProfilePage *self)
{
  if (self->dialog != NULL)
    {
      GtkWidget *dialog = self->dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
change_email_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_credential_dialog (MEDUSA_PROFILE_PAGE (widget), FALSE);
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_credential_dialog (MEDUSA_PROFILE_PAGE (widget), TRUE);
}

/* Reloading */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (widget);

  if (medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  medusa_ui_refresh_session (widget, self->session,
                             medusa_ui_renew_cancellable (&self->refresh_cancellable),
                             _("Could not reload your profile"));
}

/* Session */

static void
on_session_customer_changed_cb (MedusaSession     *session,
                                GParamSpec        *pspec,
                                MedusaProfilePage *self)
{
  load_customer (self);
}

/* Sign-out, the idle lock, another store or account: nothing typed stays.
 * The form is filled again from the session's customer as it is saved (none
 * after a sign-out; the same one behind the lock). */
static void
on_session_clear_input_cb (MedusaSession     *session,
                           MedusaProfilePage *self)
{
  AdwEntryRow *rows[] = {
    self->first_name_row,
    self->last_name_row,
    self->phone_row,
  };

  medusa_ui_drop_cancellable (&self->cancellable);
  medusa_ui_drop_cancellable (&self->billing_cancellable);
  medusa_ui_drop_cancellable (&self->refresh_cancellable);
  close_dialog (self);

  if (self->saving)
    set_saving (self, FALSE);
  if (self->billing_saving)
    set_billing_saving (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      medusa_ui_row_set_invalid (rows[i], FALSE);
    }
  medusa_address_form_clear (self->billing_form);
  medusa_ui_label_set_error (self->names_error_label, NULL);
  medusa_ui_label_set_error (self->billing_error_label, NULL);

  /* Back to the saved billing choice, not "Enter a new address". */
  g_ptr_array_set_size (self->billing_ids, 0);
  g_clear_object (&self->customer);
  load_customer (self);
}

/* GObject */

static void
medusa_profile_page_constructed (GObject *object)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  G_OBJECT_CLASS (medusa_profile_page_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "notify::customer",
                           G_CALLBACK (on_session_customer_changed_cb), self, 0);
  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, 0);

  /* One country list per store, shared with the address dialog. */
  self->countries = medusa_countries_get_for_session (self->session);
  medusa_address_form_set_countries (self->billing_form, self->countries);
  g_signal_connect_object (self->countries, "failed",
                           G_CALLBACK (on_countries_failed_cb), self, 0);

  load_customer (self);
}

static void
medusa_profile_page_dispose (GObject *object)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  medusa_ui_drop_cancellable (&self->billing_cancellable);
  medusa_ui_drop_cancellable (&self->refresh_cancellable);
  close_dialog (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_PROFILE_PAGE);
  g_clear_object (&self->customer);
  self->countries = NULL;
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_profile_page_parent_class)->dispose (object);
}

static void
medusa_profile_page_finalize (GObject *object)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  g_clear_pointer (&self->billing_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (medusa_profile_page_parent_class)->finalize (object);
}

static void
medusa_profile_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_profile_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_profile_page_class_init (MedusaProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_profile_page_constructed;
  object_class->dispose = medusa_profile_page_dispose;
  object_class->finalize = medusa_profile_page_finalize;
  object_class->get_property = medusa_profile_page_get_property;
  object_class->set_property = medusa_profile_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MEDUSA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "profile.change-email", NULL, change_email_action);
  gtk_widget_class_install_action (widget_class, "profile.change-password", NULL, change_password_action);

  g_type_ensure (MEDUSA_TYPE_ADDRESS_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, names_group);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, names_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_current_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_choice_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_revealer);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_form);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_valid_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_choice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_save_clicked_cb);
}

static void
medusa_profile_page_init (MedusaProfilePage *self)
{
  self->billing_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_profile_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_PROFILE_PAGE, "session", session, NULL);
}
