/* medusa-store-page.c: choose a saved store or add one
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaStorePage"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-error.h"
#include "medusa-form-page.h"
#include "medusa-store-page.h"
#include "medusa-store-probe.h"
#include "medusa-store-profiles.h"
#include "medusa-store-row.h"
#include "medusa-ui-utils.h"

struct _MedusaStorePage
{
  MedusaFormPage       parent_instance;

  MedusaStoreProfiles *profiles;       /* (owned) */
  char                *confirmed_url;  /* (owned) (nullable): insecure URL the user accepted */
  GtkWidget           *confirm_dialog; /* (unowned) (nullable) */

  GtkWidget           *saved_group;
  GtkListBox          *saved_list;
  GtkListBox          *form_list;
  AdwEntryRow         *url_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *key_row;
  GtkLabel            *warning_label;
  GtkLabel            *error_label;
  GtkButton           *connect_button;
};

G_DEFINE_FINAL_TYPE (MedusaStorePage, medusa_store_page, MEDUSA_TYPE_FORM_PAGE)

static void check_store (MedusaStorePage *self);

/* Makes @url the session's store. Another store is followed by the window:
 * it restores that store's own session from the keyring, as at start, or
 * shows its sign-in page. The store already in use just goes on. */
static gboolean
use_store (MedusaStorePage *self,
           const char      *url,
           const char      *publishable_key,
           const char      *display_name)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_url = g_strdup (medusa_session_get_store_url (session));

  if (!medusa_session_set_store (session, url, publishable_key, display_name, &error))
    {
      medusa_form_page_show_error (MEDUSA_FORM_PAGE (self), error, _("Could not use this store"));
      return FALSE;
    }

  if (g_strcmp0 (previous_url, medusa_session_get_store_url (session)) == 0)
    medusa_ui_navigate (GTK_WIDGET (self),
                        medusa_session_get_state (session) == MEDUSA_SESSION_STATE_SIGNED_IN ?
                        "overview" : "sign-in");
  return TRUE;
}

/* Saved stores */

static void
on_store_row_remove_cb (MedusaStoreRow  *row,
                        MedusaStorePage *self)
{
  g_autofree char *url = NULL;

  if (medusa_form_page_get_busy (MEDUSA_FORM_PAGE (self)))
    return;

  /* A copy: removing the profile drops the row and its profile. */
  url = g_strdup (medusa_store_profile_get_url (medusa_store_row_get_profile (row)));

  /* The session keeps working with its store; only the list entry goes. */
  medusa_store_profiles_remove (self->profiles, url);
}

static void
on_saved_row_activated_cb (GtkListBox      *list,
                           GtkListBoxRow   *row,
                           MedusaStorePage *self)
{
  MedusaStoreProfile *profile = medusa_store_row_get_profile (MEDUSA_STORE_ROW (row));
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  if (medusa_form_page_get_busy (MEDUSA_FORM_PAGE (self)))
    return;

  /* Copies: choosing a store updates the list, which rebuilds this row. */
  url = g_strdup (medusa_store_profile_get_url (profile));
  key = g_strdup (medusa_store_profile_get_publishable_key (profile));
  name = g_strdup (medusa_store_profile_get_name (profile));

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  use_store (self, url, key, name);
}

/* The session's store-url → the row's "current". */
static gboolean
is_row_store_cb (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  g_autoptr(GObject) row = g_binding_dup_target (binding);

  if (row == NULL)
    return FALSE;

  g_value_set_boolean (to_value,
                       g_strcmp0 (g_value_get_string (from_value),
                                  medusa_store_profile_get_url (medusa_store_row_get_profile (MEDUSA_STORE_ROW (row)))) == 0);
  return TRUE;
}

static GtkWidget *
create_profile_row (gpointer item,
                    gpointer user_data)
{
  MedusaStorePage *self = user_data;
  GtkWidget *row = medusa_store_row_new (item);

  g_object_bind_property_full (medusa_page_get_session (MEDUSA_PAGE (self)), "store-url",
                               row, "current", G_BINDING_SYNC_CREATE,
                               is_row_store_cb, NULL, NULL, NULL);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_store_row_remove_cb), self, 0);

  return row;
}

static void
update_saved_visibility (MedusaStorePage *self)
{
  gtk_widget_set_visible (self->saved_group,
                          medusa_store_profiles_get_n_profiles (self->profiles) > 0);
}

static void
rebuild_saved_list (MedusaStorePage *self)
{
  gtk_list_box_bind_model (self->saved_list,
                           medusa_store_profiles_get_model (self->profiles),
                           create_profile_row, self, NULL);
  update_saved_visibility (self);
}

static void
on_profiles_changed_cb (GListModel      *model,
                        guint            position,
                        guint            removed,
                        guint            added,
                        MedusaStorePage *self)
{
  update_saved_visibility (self);
}

/* Connecting a new store */

static void
on_check_store_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedusaStorePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  if (!medusa_store_probe_finish (result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;

      /* A Medusa v2 store without its publishable key, or with a wrong one:
       * the message says where the store's team finds it. */
      if (medusa_store_probe_get_version (result) == MEDUSA_STORE_VERSION_V2 &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED))
        {
          medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
          medusa_ui_row_set_invalid (self->key_row, TRUE);
          medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
          return;
        }

      medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
      medusa_ui_row_set_invalid (self->url_row, TRUE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        message = g_strdup (error->message);
      else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND) ||
               g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE))
        message = g_strdup (_("No Medusa store answered at this address. Check the address and try again."));
      else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK))
        /* Its reason already says "Could not reach the store." */
        message = medusa_ui_error_message (error, NULL);
      else
        message = medusa_ui_error_message (error, _("Could not reach the store"));

      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);

  url = medusa_ui_row_dup_stripped (self->url_row);
  name = medusa_ui_row_dup_stripped (self->name_row);
  key = medusa_ui_row_dup_stripped (self->key_row);
  /* Before the store is used: its client speaks the version found. */
  medusa_store_profiles_set_version (self->profiles, url, medusa_store_probe_get_version (result));

  if (use_store (self, url, *key != '\0' ? key : NULL, name))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
    }
}

static void
check_store (MedusaStorePage *self)
{
  g_autofree char *url = medusa_ui_row_dup_stripped (self->url_row);
  g_autofree char *key = medusa_ui_row_dup_stripped (self->key_row);

  GCancellable *cancellable = medusa_form_page_begin (MEDUSA_FORM_PAGE (self));

  medusa_store_probe_async (url,
                            *key != '\0' ? key : NULL,
                            cancellable,
                            on_check_store_cb,
                            g_object_ref (self));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        MedusaStorePage  *self)
{
  self->confirm_dialog = NULL;

  if (g_strcmp0 (response, "connect") != 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  g_free (self->confirmed_url);
  self->confirmed_url = medusa_ui_row_dup_stripped (self->url_row);
  check_store (self);
}

static void
ask_insecure (MedusaStorePage *self,
              const char      *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Connect Without Encryption?"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” uses plain http. Your password and your account data "
                                    "would travel unencrypted, and others on the network could "
                                    "read or change them. Only continue if you trust this network."),
                                  url);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("Connect _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);

  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
medusa_store_page_submit (MedusaFormPage *page)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (page);
  g_autofree char *url = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;
  gboolean insecure = FALSE;

  if (self->confirm_dialog != NULL)
    return;

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  url = medusa_ui_row_dup_stripped (self->url_row);

  if (*url == '\0')
    {
      medusa_ui_row_set_invalid (self->url_row, TRUE);
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self),
                                  _("Enter the address of the store, for example "
                                    "https://shop.example.com."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  normalized = medusa_store_url_check (url, &insecure, &error);
  if (normalized == NULL)
    {
      medusa_ui_row_set_invalid (self->url_row, TRUE);
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  if (insecure && g_strcmp0 (self->confirmed_url, url) != 0)
    {
      ask_insecure (self, normalized);
      return;
    }

  check_store (self);
}

static void
on_entry_activated_cb (AdwEntryRow     *row,
                       MedusaStorePage *self)
{
  medusa_form_page_submit (MEDUSA_FORM_PAGE (self));
}

static void
on_url_changed_cb (GtkEditable     *editable,
                   MedusaStorePage *self)
{
  g_autofree char *url = medusa_ui_row_dup_stripped (self->url_row);
  g_autofree char *normalized = NULL;
  gboolean insecure = FALSE;

  medusa_ui_row_set_invalid (self->url_row, FALSE);
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);

  normalized = medusa_store_url_check (url, &insecure, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), normalized != NULL && insecure);
}

static void
on_key_changed_cb (GtkEditable     *editable,
                   MedusaStorePage *self)
{
  medusa_ui_row_set_invalid (self->key_row, FALSE);
}

static void
close_confirm_dialog (MedusaStorePage *self)
{
  GtkWidget *dialog = g_steal_pointer (&self->confirm_dialog);

  if (dialog == NULL)
    return;

  g_signal_handlers_disconnect_by_func (dialog, on_confirm_response_cb, self);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Someone else may sit down next: nothing typed here stays. */
static void
medusa_store_page_clear_input (MedusaPage *page)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (page);

  MEDUSA_PAGE_CLASS (medusa_store_page_parent_class)->clear_input (page);
  close_confirm_dialog (self);
  g_clear_pointer (&self->confirmed_url, g_free);

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  medusa_ui_row_set_invalid (self->url_row, FALSE);
  medusa_ui_row_set_invalid (self->key_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), FALSE);
}

static void
medusa_store_page_map (GtkWidget *widget)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (widget);

  GTK_WIDGET_CLASS (medusa_store_page_parent_class)->map (widget);

  medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->url_row));
}

static void
medusa_store_page_constructed (GObject *object)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (object);

  G_OBJECT_CLASS (medusa_store_page_parent_class)->constructed (object);

  self->profiles = g_object_ref (medusa_store_profiles_get_default ());
  g_signal_connect_object (medusa_store_profiles_get_model (self->profiles), "items-changed",
                           G_CALLBACK (on_profiles_changed_cb), self, G_CONNECT_AFTER);
  g_signal_connect (self->saved_list, "row-activated",
                    G_CALLBACK (on_saved_row_activated_cb), self);

  rebuild_saved_list (self);
}

static void
medusa_store_page_dispose (GObject *object)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (object);

  close_confirm_dialog (self);
  if (self->saved_list != NULL)
    gtk_list_box_bind_model (self->saved_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (medusa_store_page_parent_class)->dispose (object);
}

static void
medusa_store_page_finalize (GObject *object)
{
  MedusaStorePage *self = MEDUSA_STORE_PAGE (object);

  g_free (self->confirmed_url);

  G_OBJECT_CLASS (medusa_store_page_parent_class)->finalize (object);
}

static void
medusa_store_page_class_init (MedusaStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_store_page_constructed;
  object_class->dispose = medusa_store_page_dispose;
  object_class->finalize = medusa_store_page_finalize;

  widget_class->map = medusa_store_page_map;

  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_store_page_clear_input;
  MEDUSA_FORM_PAGE_CLASS (klass)->submit = medusa_store_page_submit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-store-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, saved_group);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, saved_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, form_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaStorePage, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed_cb);
}

static void
medusa_store_page_init (MedusaStorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_form_page_set_form (MEDUSA_FORM_PAGE (self), MEDUSA_BUSY_BUTTON (self->connect_button),
                             self->error_label,
                             GTK_WIDGET (self->form_list), GTK_WIDGET (self->saved_list), NULL);
}

GtkWidget *
medusa_store_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_STORE_PAGE, "session", session, NULL);
}
