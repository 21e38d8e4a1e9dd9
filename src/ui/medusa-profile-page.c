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
#include "medusa-busy-button.h"
#include "medusa-countries.h"
#include "medusa-credential-dialog.h"
#include "medusa-customers.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-regions.h"
#include "medusa-payloads.h"
#include "medusa-offline-guard.h"
#include "medusa-page.h"
#include "medusa-profile-page.h"
#include "medusa-region.h"
#include "medusa-ui-utils.h"

struct _MedusaProfilePage
{
  MedusaPage      parent_instance;

  MedusaCustomer *customer;              /* (owned) (nullable): what the form was filled from */
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
  AdwPreferencesGroup *signin_group;
  GtkWidget      *billing_group;
};

G_DEFINE_FINAL_TYPE (MedusaProfilePage, medusa_profile_page, MEDUSA_TYPE_PAGE)

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
    medusa_offline_guard_set_sensitive (GTK_WIDGET (self->save_button), names_changed (self));
}

static void
set_saving (MedusaProfilePage *self,
            gboolean           saving)
{
  self->saving = saving;
  /* The button first: it takes the focus out of the form. */
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->save_button), saving);
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
on_update_customer_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MedusaProfilePage) self = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_session_update_customer_finish (MEDUSA_SESSION (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  set_saving (self, FALSE);

  if (customer == NULL)
    {
      g_autofree char *message = NULL;

      message = medusa_ui_error_message (error, _("Could not save your profile"));
      /* The edits stay in the rows. */
      medusa_ui_label_set_error (self->names_error_label, message);
      return;
    }

  /* Take the saved values as they are now (the form shows them already);
   * the session has taken the customer too. */
  g_set_object (&self->customer, customer);
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
  GCancellable *cancellable;

  if (self->saving || self->customer == NULL || !names_changed (self) ||
      medusa_session_get_offline (medusa_page_get_session (MEDUSA_PAGE (self))))
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

  cancellable = medusa_page_renew_cancellable (MEDUSA_PAGE (self));
  set_saving (self, TRUE);
  medusa_session_update_customer_async (medusa_page_get_session (MEDUSA_PAGE (self)),
                                        update,
                                        cancellable,
                                        on_update_customer_cb,
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

  medusa_offline_guard_set_sensitive (GTK_WIDGET (self->billing_save_button), sensitive);
}

static void
set_billing_saving (MedusaProfilePage *self,
                    gboolean           saving)
{
  self->billing_saving = saving;
  /* The button first: it takes the focus out of the form. */
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->billing_save_button), saving);
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

  customer = medusa_session_update_customer_finish (MEDUSA_SESSION (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  set_billing_saving (self, FALSE);

  if (customer == NULL)
    {
      g_autofree char *message = NULL;

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
      /* The session took the customer before this callback (its notify
       * refilled the page while "new" was chosen): show the saved choice. */
      update_billing (self);
    }

  medusa_ui_show_toast (GTK_WIDGET (self), _("Billing address saved"));
}

static void
save_billing (MedusaProfilePage *self)
{
  g_autoptr(MedusaCustomerUpdate) update = NULL;
  guint selected = adw_combo_row_get_selected (self->billing_choice_row);

  if (self->billing_saving || self->customer == NULL ||
      medusa_session_get_offline (medusa_page_get_session (MEDUSA_PAGE (self))))
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
  medusa_session_update_customer_async (medusa_page_get_session (MEDUSA_PAGE (self)),
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

/* What the store lets the profile change: the capabilities of its dialect
 * (a Medusa v2 store changes neither email nor password here, and its
 * billing address is one of the address book's). */
static void
apply_capabilities (MedusaProfilePage *self)
{
  MedusaClient *client = medusa_session_get_client (medusa_page_get_session (MEDUSA_PAGE (self)));
  gboolean email = client == NULL || medusa_client_has_capability (client, MEDUSA_CAPABILITY_CHANGE_EMAIL);
  gboolean password = client == NULL || medusa_client_has_capability (client, MEDUSA_CAPABILITY_CHANGE_PASSWORD);
  gboolean in_book = client != NULL && medusa_client_has_capability (client, MEDUSA_CAPABILITY_BILLING_IN_ADDRESS_BOOK);
  gboolean billing = in_book || client == NULL ||
                     medusa_client_has_capability (client, MEDUSA_CAPABILITY_BILLING_ADDRESS);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.change-email", email);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.change-password", password);
  adw_preferences_group_set_description (self->signin_group,
                                         email && password ? NULL
                                         : _("This store does not let you change your email address or password here."));
  gtk_widget_set_visible (self->billing_group, billing);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->billing_group),
                                         in_book
                                         ? _("The address the store puts on your invoices: one of your saved "
                                             "addresses. A new one is saved with them.")
                                         : _("The address the store puts on your invoices."));
  /* Its Save button and error line sit below the group, in a box of their own. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->billing_save_button)), billing);
}

/* Filling the page from the customer */

static void
load_customer (MedusaProfilePage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self)));
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
  apply_capabilities (self);
}

/* The "Change Email…" and "Change Password…" dialogs */

static void
on_credential_changed_cb (MedusaCredentialDialog *dialog,
                          MedusaProfilePage      *self)
{
  medusa_ui_show_toast (GTK_WIDGET (self), medusa_credential_dialog_get_change_password (dialog)
                                           ? _("Password changed")
                                           : _("Email address changed"));
}

static void
open_credential_dialog (MedusaProfilePage *self,
                        gboolean           is_password)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  if (medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self))) == NULL)
    return;

  self->dialog = medusa_credential_dialog_new (medusa_page_get_session (MEDUSA_PAGE (self)), is_password);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->dialog), GTK_WINDOW (root));
  g_signal_connect_object (self->dialog, "changed", G_CALLBACK (on_credential_changed_cb), self, 0);

  gtk_window_present (GTK_WINDOW (self->dialog));
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
medusa_profile_page_refresh (MedusaPage *page)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (page);
  MedusaSession *session = medusa_page_get_session (page);

  if (medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  medusa_ui_refresh_session (GTK_WIDGET (self), session,
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

/* Signed out: saving the names is cancelled with the page's cancellable. */
static void
medusa_profile_page_reset (MedusaPage *page)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (page);

  if (self->saving)
    set_saving (self, FALSE);
}

/* Sign-out, the idle lock, another store or account: nothing typed stays.
 * The form is filled again from the session's customer as it is saved (none
 * after a sign-out; the same one behind the lock). */
static void
medusa_profile_page_clear_input (MedusaPage *page)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (page);
  AdwEntryRow *rows[] = {
    self->first_name_row,
    self->last_name_row,
    self->phone_row,
  };

  medusa_page_renew_cancellable (page);
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
  static const char * const offline_guarded[] = {
    "save_button", "change_email_button", "change_password_button", "billing_save_button",
  };
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  G_OBJECT_CLASS (medusa_profile_page_parent_class)->constructed (object);

  g_signal_connect_object (medusa_page_get_session (MEDUSA_PAGE (self)), "notify::customer",
                           G_CALLBACK (on_session_customer_changed_cb), self, 0);

  /* One country list per store, shared with the address dialog. */
  self->countries = medusa_countries_get_for_session (medusa_page_get_session (MEDUSA_PAGE (self)));
  medusa_address_form_set_countries (self->billing_form, self->countries);
  g_signal_connect_object (self->countries, "failed",
                           G_CALLBACK (on_countries_failed_cb), self, 0);

  /* Everything that sends a change waits while the store cannot be
   * reached; what is typed stays. */
  for (guint i = 0; i < G_N_ELEMENTS (offline_guarded); i++)
    medusa_offline_guard_add (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                         MEDUSA_TYPE_PROFILE_PAGE,
                                                                         offline_guarded[i])),
                              medusa_page_get_session (MEDUSA_PAGE (self)));

  load_customer (self);
}

static void
medusa_profile_page_dispose (GObject *object)
{
  MedusaProfilePage *self = MEDUSA_PROFILE_PAGE (object);

  medusa_ui_drop_cancellable (&self->billing_cancellable);
  medusa_ui_drop_cancellable (&self->refresh_cancellable);
  close_dialog (self);
  g_clear_object (&self->customer);
  self->countries = NULL;

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
medusa_profile_page_class_init (MedusaProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_profile_page_constructed;
  object_class->dispose = medusa_profile_page_dispose;
  object_class->finalize = medusa_profile_page_finalize;

  MEDUSA_PAGE_CLASS (klass)->refresh = medusa_profile_page_refresh;
  MEDUSA_PAGE_CLASS (klass)->reset = medusa_profile_page_reset;
  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_profile_page_clear_input;

  medusa_page_class_install_refresh (widget_class);
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
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, signin_group);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_group);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_current_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_choice_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_revealer);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_form);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaProfilePage, billing_save_button);
  /* No field: only for gtk_widget_get_template_child() (the offline guard). */
  gtk_widget_class_bind_template_child_full (widget_class, "change_email_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "change_password_button", FALSE, 0);
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
