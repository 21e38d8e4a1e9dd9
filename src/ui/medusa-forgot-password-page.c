/* medusa-forgot-password-page.c: ask the store for a password-reset email
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaForgotPasswordPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-forgot-password-page.h"
#include "medusa-payloads.h"
#include "medusa-ui-utils.h"

struct _MedusaForgotPasswordPage
{
  AdwBin        parent_instance;

  MedusaSession *session;      /* (owned) */
  GCancellable  *cancellable;  /* (owned) (nullable) */
  char          *sent_email;   /* (owned) (nullable) */
  gboolean       busy;

  GtkListBox    *form_list;
  AdwEntryRow   *email_row;
  GtkLabel      *error_label;
  GtkButton     *send_button;
  GtkWidget     *sent_box;
  GtkButton     *continue_button;
};

G_DEFINE_FINAL_TYPE (MedusaForgotPasswordPage, medusa_forgot_password_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (MedusaForgotPasswordPage *self,
          gboolean                  busy)
{
  self->busy = busy;
  /* The button first: it takes the focus out of the form. */
  medusa_ui_button_set_busy (self->send_button, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_list), !busy);
}

static void
request_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedusaForgotPasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_client_request_password_token_finish (MEDUSA_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;

      set_busy (self, FALSE);
      message = medusa_ui_error_message (error, _("Could not send the reset email"));
      medusa_ui_label_set_error (self->error_label, message);
      return;
    }

  set_busy (self, FALSE);
  g_free (self->sent_email);
  self->sent_email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  /* The same words whether or not the address has an account. */
  gtk_widget_set_visible (self->sent_box, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->continue_button), "suggested-action");
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static void
submit (MedusaForgotPasswordPage *self)
{
  g_autofree char *email = NULL;

  if (self->busy)
    return;

  medusa_ui_label_set_error (self->error_label, NULL);
  email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  if (!medusa_email_looks_valid (email))
    {
      medusa_ui_row_set_invalid (self->email_row, TRUE);
      medusa_ui_label_set_error (self->error_label, _("Enter the email address of your account."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  medusa_ui_renew_cancellable (&self->cancellable);

  set_busy (self, TRUE);
  medusa_client_request_password_token_async (medusa_session_get_client (self->session),
                                              email,
                                              self->cancellable,
                                              request_token_cb,
                                              g_object_ref (self));
}

static void
on_send_clicked_cb (GtkButton                *button,
                    MedusaForgotPasswordPage *self)
{
  submit (self);
}

static void
on_email_activated_cb (AdwEntryRow              *row,
                       MedusaForgotPasswordPage *self)
{
  submit (self);
}

static void
reset_sent_state (MedusaForgotPasswordPage *self)
{
  g_clear_pointer (&self->sent_email, g_free);
  gtk_widget_set_visible (self->sent_box, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  gtk_widget_remove_css_class (GTK_WIDGET (self->continue_button), "suggested-action");
}

static void
on_email_changed_cb (GtkEditable              *editable,
                     MedusaForgotPasswordPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  medusa_ui_row_set_invalid (self->email_row, FALSE);
  medusa_ui_label_set_error (self->error_label, NULL);

  /* The confirmation belongs to the address it was sent for. */
  if (self->sent_email != NULL && g_strcmp0 (email, self->sent_email) != 0)
    reset_sent_state (self);
}

static void
on_continue_clicked_cb (GtkButton                *button,
                        MedusaForgotPasswordPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  medusa_ui_hand_over_email (GTK_WIDGET (self), self->session, "win.reset-password-with-email",
                             MEDUSA_UI_CARRIED_EMAIL_RESET_PASSWORD, "reset-password", email);
}

/* Someone else may sit down next: nothing typed here stays. */
static void
on_session_clear_input_cb (MedusaSession            *session,
                           MedusaForgotPasswordPage *self)
{
  medusa_ui_drop_cancellable (&self->cancellable);
  if (self->busy)
    set_busy (self, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  reset_sent_state (self);
  medusa_ui_row_set_invalid (self->email_row, FALSE);
  medusa_ui_label_set_error (self->error_label, NULL);
}

static void
medusa_forgot_password_page_map (GtkWidget *widget)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (widget);
  g_autofree char *carried = NULL;

  GTK_WIDGET_CLASS (medusa_forgot_password_page_parent_class)->map (widget);

  /* The address the sign-in form or the reset page ("Request a New Link")
   * carries over. Never the session's: after a sign-out that is the last
   * customer's, and only the sign-in form may show it. */
  carried = medusa_ui_take_carried_email (self->session, MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD);
  if (carried != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), carried);

  medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->email_row));
}

static void
medusa_forgot_password_page_constructed (GObject *object)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

  G_OBJECT_CLASS (medusa_forgot_password_page_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, 0);
}

static void
medusa_forgot_password_page_dispose (GObject *object)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_FORGOT_PASSWORD_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_forgot_password_page_parent_class)->dispose (object);
}

static void
medusa_forgot_password_page_finalize (GObject *object)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

  g_free (self->sent_email);

  G_OBJECT_CLASS (medusa_forgot_password_page_parent_class)->finalize (object);
}

static void
medusa_forgot_password_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

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
medusa_forgot_password_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

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
medusa_forgot_password_page_class_init (MedusaForgotPasswordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_forgot_password_page_constructed;
  object_class->dispose = medusa_forgot_password_page_dispose;
  object_class->finalize = medusa_forgot_password_page_finalize;
  object_class->get_property = medusa_forgot_password_page_get_property;
  object_class->set_property = medusa_forgot_password_page_set_property;

  widget_class->map = medusa_forgot_password_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MEDUSA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-forgot-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, form_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, sent_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
}

static void
medusa_forgot_password_page_init (MedusaForgotPasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_forgot_password_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_FORGOT_PASSWORD_PAGE, "session", session, NULL);
}
