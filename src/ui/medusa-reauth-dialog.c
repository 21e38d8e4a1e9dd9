/* medusa-reauth-dialog.c: asks for the password again (expired session, idle lock)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaReauthDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-reauth-dialog.h"
#include "medusa-ui-utils.h"

struct _MedusaReauthDialog
{
  AdwWindow            parent_instance;

  MedusaSession       *session;      /* (owned) */
  GCancellable        *cancellable;  /* (owned) (nullable): the running sign-in */
  gboolean             locked;
  gboolean             may_close;
  gboolean             busy;

  AdwWindowTitle      *window_title;
  GtkImage            *icon;
  GtkLabel            *message_label;
  GtkLabel            *email_label;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *error_label;
  GtkButton           *sign_out_button;
  GtkButton           *continue_button;
};

G_DEFINE_FINAL_TYPE (MedusaReauthDialog, medusa_reauth_dialog, ADW_TYPE_WINDOW)

static void
set_busy (MedusaReauthDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->continue_button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), !busy);
}

static void
show_error (MedusaReauthDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->password_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->password_row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->password_row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MedusaReauthDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (medusa_session_sign_in_finish (MEDUSA_SESSION (source), result, &error))
    return;  /* the window closes the dialog when the session is signed in */

  if (medusa_ui_is_cancelled (error) || self->may_close)
    return;

  set_busy (self, FALSE);
  message = medusa_ui_error_message (error, NULL);
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_continue_clicked_cb (MedusaReauthDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *email = medusa_session_get_email (self->session);
  MedusaCustomer *customer = medusa_session_get_customer (self->session);

  if (self->busy)
    return;  /* already signing in: no double submit */

  if (password == NULL || *password == '\0')
    {
      show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if ((email == NULL || *email == '\0') && customer != NULL)
    email = medusa_customer_get_email (customer);
  if (email == NULL || *email == '\0')
    {
      show_error (self, _("Sign out and sign in again."));
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);

  medusa_ui_renew_cancellable (&self->cancellable);

  medusa_session_sign_in_async (self->session, email, password, self->cancellable,
                                sign_in_cb, g_object_ref (self));
}

static void
on_password_activated_cb (MedusaReauthDialog *self)
{
  on_continue_clicked_cb (self);
}

static void
on_password_changed_cb (MedusaReauthDialog *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, NULL);
}

static void
on_sign_out_clicked_cb (MedusaReauthDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  /* The window follows the session to the sign-in page and closes us. */
  medusa_session_sign_out_async (self->session, NULL, NULL, NULL);
}

static gboolean
medusa_reauth_dialog_close_request (GtkWindow *window)
{
  MedusaReauthDialog *self = MEDUSA_REAUTH_DIALOG (window);

  /* Escape must not reveal a locked account: only the window closes us. */
  if (!self->may_close)
    return TRUE;

  return GTK_WINDOW_CLASS (medusa_reauth_dialog_parent_class)->close_request (window);
}

static void
medusa_reauth_dialog_dispose (GObject *object)
{
  MedusaReauthDialog *self = MEDUSA_REAUTH_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_REAUTH_DIALOG);

  G_OBJECT_CLASS (medusa_reauth_dialog_parent_class)->dispose (object);
}

static void
medusa_reauth_dialog_class_init (MedusaReauthDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = medusa_reauth_dialog_dispose;
  window_class->close_request = medusa_reauth_dialog_close_request;

  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-reauth-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, icon);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, email_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaReauthDialog, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked_cb);
}

static void
medusa_reauth_dialog_init (MedusaReauthDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_ui_name_password_peeks (GTK_WIDGET (self));
}

MedusaReauthDialog *
medusa_reauth_dialog_new (GtkWindow     *parent,
                          MedusaSession *session,
                          gboolean       locked)
{
  MedusaReauthDialog *self;
  const char *email;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  self = g_object_new (MEDUSA_TYPE_REAUTH_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->session = g_object_ref (session);
  self->locked = locked;

  if (locked)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Account Locked"));
      adw_window_title_set_title (self->window_title, _("Account Locked"));
      gtk_image_set_from_icon_name (self->icon, "medusa-locked-symbolic");
      gtk_label_set_text (self->message_label,
                          _("The account was locked after a time without input. "
                            "Enter your password to continue."));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Session Expired"));
      adw_window_title_set_title (self->window_title, _("Session Expired"));
      gtk_label_set_text (self->message_label,
                          _("Your session has expired. Enter your password to continue."));
    }

  email = medusa_session_get_email (session);
  if (email != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Signed in as %s"), email);
      gtk_label_set_text (self->email_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->email_label), email != NULL);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->password_row));

  return self;
}

void
medusa_reauth_dialog_dismiss (MedusaReauthDialog *self)
{
  g_return_if_fail (MEDUSA_IS_REAUTH_DIALOG (self));

  self->may_close = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_window_destroy (GTK_WINDOW (self));
}
