/* medusa-credential-dialog.c: change the email address or the password
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaCredentialDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-credential-dialog.h"
#include "medusa-error.h"
#include "medusa-offline-guard.h"
#include "medusa-payloads.h"
#include "medusa-ui-utils.h"

struct _MedusaCredentialDialog
{
  AdwWindow       parent_instance;

  MedusaSession  *session;          /* (owned) */
  GCancellable   *cancellable;      /* (owned) */
  gboolean        change_password;
  gboolean        busy;

  AdwWindowTitle *window_title;
  GtkWidget      *submit_button;
  GtkLabel       *intro_label;
  GtkWidget      *list;
  GtkWidget      *email_row;        /* shown in the email dialog only */
  GtkWidget      *current_row;
  GtkWidget      *new_row;          /* shown in the password dialog only */
  GtkWidget      *confirm_row;      /* shown in the password dialog only */
  GtkWidget      *hint_label;       /* shown in the password dialog only */
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (MedusaCredentialDialog, medusa_credential_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CHANGE_PASSWORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
validate (MedusaCredentialDialog *self)
{
  gboolean valid;

  if (self->change_password)
    {
      gboolean password_ok;

      password_ok = medusa_ui_update_password_hint (GTK_LABEL (self->hint_label), self->confirm_row,
                                                    medusa_ui_row_text (self->new_row),
                                                    medusa_ui_row_text (self->confirm_row),
                                                    _("Type the new password again to confirm it."));
      valid = password_ok && *medusa_ui_row_text (self->current_row) != '\0';
    }
  else
    {
      g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
      MedusaCustomer *customer = medusa_session_get_customer (self->session);
      const char *current = customer != NULL ? medusa_customer_get_email (customer) : NULL;

      valid = medusa_email_looks_valid (email) &&
              g_strcmp0 (email, current) != 0 &&
              *medusa_ui_row_text (self->current_row) != '\0';
    }

  if (!self->busy)
    medusa_offline_guard_set_sensitive (self->submit_button, valid);

  return valid;
}

static void
set_busy (MedusaCredentialDialog *self,
          gboolean                busy)
{
  self->busy = busy;
  /* The button first: it takes the focus out of the form before the form
   * goes insensitive (else GTK warns that the focused entry lost no focus). */
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->submit_button), busy);
  gtk_widget_set_sensitive (self->list, !busy);
  if (!busy)
    validate (self);
}

static void
show_failure (MedusaCredentialDialog *self,
              const GError           *error)
{
  g_autofree char *message = NULL;

  set_busy (self, FALSE);

  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS))
    {
      message = g_strdup (_("The current password is incorrect."));
      medusa_ui_row_set_invalid (self->current_row, TRUE);
      gtk_widget_grab_focus (self->current_row);
    }
  else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE))
    {
      message = g_strdup (_("Another account already uses this email address."));
      if (!self->change_password)
        {
          medusa_ui_row_set_invalid (self->email_row, TRUE);
          gtk_widget_grab_focus (self->email_row);
        }
    }
  else
    {
      message = medusa_ui_error_message (error, self->change_password
                                                ? _("Could not change your password")
                                                : _("Could not change your email"));
    }

  medusa_ui_label_set_error (self->error_label, message);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MedusaCredentialDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  if (g_task_get_source_tag (G_TASK (result)) == medusa_session_change_password_async)
    changed = medusa_session_change_password_finish (MEDUSA_SESSION (object), result, &error);
  else
    changed = medusa_session_change_email_finish (MEDUSA_SESSION (object), result, &error);

  /* Closed meanwhile: nothing to show. */
  if (medusa_ui_is_cancelled (error) || self->cancellable == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!changed)
    {
      show_failure (self, error);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit (MedusaCredentialDialog *self)
{
  if (self->busy || !validate (self) || medusa_session_get_customer (self->session) == NULL ||
      medusa_session_get_offline (self->session))
    return;

  medusa_ui_label_set_error (self->error_label, NULL);
  set_busy (self, TRUE);

  if (self->change_password)
    medusa_session_change_password_async (self->session,
                                          medusa_ui_row_text (self->current_row),
                                          medusa_ui_row_text (self->new_row),
                                          self->cancellable,
                                          change_cb,
                                          g_object_ref (self));
  else
    medusa_session_change_email_async (self->session,
                                       medusa_ui_row_text (self->email_row),
                                       medusa_ui_row_text (self->current_row),
                                       self->cancellable,
                                       change_cb,
                                       g_object_ref (self));
}

static void
on_submit_clicked_cb (GtkButton              *button,
                      MedusaCredentialDialog *self)
{
  submit (self);
}

static void
on_row_activated_cb (AdwEntryRow            *row,
                     MedusaCredentialDialog *self)
{
  submit (self);
}

static void
on_row_changed_cb (GtkEditable            *editable,
                   MedusaCredentialDialog *self)
{
  medusa_ui_row_set_invalid (editable, FALSE);
  medusa_ui_label_set_error (self->error_label, NULL);
  validate (self);
}

static gboolean
medusa_credential_dialog_close_request (GtkWindow *window)
{
  MedusaCredentialDialog *self = MEDUSA_CREDENTIAL_DIALOG (window);

  /* Closing gives up on a running change. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (medusa_credential_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
medusa_credential_dialog_constructed (GObject *object)
{
  MedusaCredentialDialog *self = MEDUSA_CREDENTIAL_DIALOG (object);
  const char *title = self->change_password ? _("Change Password") : _("Change Email");

  G_OBJECT_CLASS (medusa_credential_dialog_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (GTK_BUTTON (self->submit_button), title);
  gtk_label_set_label (self->intro_label,
                       self->change_password
                       ? _("Enter your current password, then the new one twice.")
                       : _("Enter the new email address and your current password. "
                           "You will sign in with the new address from now on."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->change_password ? _("Passwords") : _("Email and password"),
                                  -1);

  gtk_widget_set_visible (self->email_row, !self->change_password);
  gtk_widget_set_visible (self->new_row, self->change_password);
  gtk_widget_set_visible (self->confirm_row, self->change_password);
  gtk_widget_set_visible (self->hint_label, self->change_password);

  /* Several peek buttons: each says which field it shows. */
  medusa_ui_name_password_peeks (GTK_WIDGET (self));
  if (self->change_password)
    {
      medusa_ui_name_password_peek (self->new_row, _("Show new password"), _("Hide new password"));
      medusa_ui_name_password_peek (self->confirm_row, _("Show password confirmation"),
                                    _("Hide password confirmation"));
    }
  medusa_ui_name_password_peek (self->current_row, _("Show current password"),
                                _("Hide current password"));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->submit_button);
  /* Offline: the change waits, the fields keep what is typed. */
  medusa_offline_guard_add (self->submit_button, self->session);
  validate (self);
  gtk_widget_grab_focus (self->change_password ? self->current_row : self->email_row);
}

static void
medusa_credential_dialog_dispose (GObject *object)
{
  MedusaCredentialDialog *self = MEDUSA_CREDENTIAL_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_CREDENTIAL_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_credential_dialog_parent_class)->dispose (object);
}

static void
medusa_credential_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MedusaCredentialDialog *self = MEDUSA_CREDENTIAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CHANGE_PASSWORD:
      g_value_set_boolean (value, self->change_password);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_credential_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MedusaCredentialDialog *self = MEDUSA_CREDENTIAL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CHANGE_PASSWORD:
      self->change_password = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_credential_dialog_class_init (MedusaCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = medusa_credential_dialog_constructed;
  object_class->dispose = medusa_credential_dialog_dispose;
  object_class->get_property = medusa_credential_dialog_get_property;
  object_class->set_property = medusa_credential_dialog_set_property;
  window_class->close_request = medusa_credential_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGE_PASSWORD] =
    g_param_spec_boolean ("change-password", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, list);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaCredentialDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
}

static void
medusa_credential_dialog_init (MedusaCredentialDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_credential_dialog_new (MedusaSession *session,
                              gboolean       change_password)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_CREDENTIAL_DIALOG,
                       "session", session,
                       "change-password", change_password,
                       NULL);
}

gboolean
medusa_credential_dialog_get_change_password (MedusaCredentialDialog *self)
{
  g_return_val_if_fail (MEDUSA_IS_CREDENTIAL_DIALOG (self), FALSE);

  return self->change_password;
}
