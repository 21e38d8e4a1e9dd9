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
#include "medusa-form-page.h"
#include "medusa-payloads.h"
#include "medusa-ui-utils.h"

struct _MedusaForgotPasswordPage
{
  MedusaFormPage parent_instance;

  char          *sent_email;   /* (owned) (nullable) */

  GtkListBox    *form_list;
  AdwEntryRow   *email_row;
  GtkLabel      *error_label;
  GtkButton     *send_button;
  GtkWidget     *sent_box;
  GtkButton     *continue_button;
};

G_DEFINE_FINAL_TYPE (MedusaForgotPasswordPage, medusa_forgot_password_page, MEDUSA_TYPE_FORM_PAGE)

static void
on_request_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MedusaForgotPasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_client_request_password_token_finish (MEDUSA_CLIENT (object), result, &error))
    {
      if (medusa_ui_is_cancelled (error))
        return;

      medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
      medusa_form_page_show_error (MEDUSA_FORM_PAGE (self), error, _("Could not send the reset email"));
      return;
    }

  medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
  g_free (self->sent_email);
  self->sent_email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  /* The same words whether or not the address has an account. */
  gtk_widget_set_visible (self->sent_box, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->continue_button), "suggested-action");
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static void
medusa_forgot_password_page_submit (MedusaFormPage *page)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (page);
  g_autofree char *email = NULL;
  GCancellable *cancellable;

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  if (!medusa_email_looks_valid (email))
    {
      medusa_ui_row_set_invalid (self->email_row, TRUE);
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), _("Enter the email address of your account."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  cancellable = medusa_form_page_begin (MEDUSA_FORM_PAGE (self));
  medusa_client_request_password_token_async (medusa_session_get_client (medusa_page_get_session (MEDUSA_PAGE (self))),
                                              email,
                                              cancellable,
                                              on_request_token_cb,
                                              g_object_ref (self));
}

static void
on_email_activated_cb (AdwEntryRow              *row,
                       MedusaForgotPasswordPage *self)
{
  medusa_form_page_submit (MEDUSA_FORM_PAGE (self));
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
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);

  /* The confirmation belongs to the address it was sent for. */
  if (self->sent_email != NULL && g_strcmp0 (email, self->sent_email) != 0)
    reset_sent_state (self);
}

static void
on_continue_clicked_cb (GtkButton                *button,
                        MedusaForgotPasswordPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  medusa_ui_hand_over_email (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)),
                             "win.reset-password-with-email",
                             MEDUSA_UI_CARRIED_EMAIL_RESET_PASSWORD, "reset-password", email);
}

/* Someone else may sit down next: nothing typed here stays. */
static void
medusa_forgot_password_page_clear_input (MedusaPage *page)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (page);

  MEDUSA_PAGE_CLASS (medusa_forgot_password_page_parent_class)->clear_input (page);

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  reset_sent_state (self);
  medusa_ui_row_set_invalid (self->email_row, FALSE);
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
  carried = medusa_ui_take_carried_email (medusa_page_get_session (MEDUSA_PAGE (self)),
                                          MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD);
  if (carried != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), carried);

  medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->email_row));
}

static void
medusa_forgot_password_page_finalize (GObject *object)
{
  MedusaForgotPasswordPage *self = MEDUSA_FORGOT_PASSWORD_PAGE (object);

  g_free (self->sent_email);

  G_OBJECT_CLASS (medusa_forgot_password_page_parent_class)->finalize (object);
}

static void
medusa_forgot_password_page_class_init (MedusaForgotPasswordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MedusaPageClass *page_class = MEDUSA_PAGE_CLASS (klass);

  object_class->finalize = medusa_forgot_password_page_finalize;

  widget_class->map = medusa_forgot_password_page_map;

  page_class->clear_input = medusa_forgot_password_page_clear_input;
  MEDUSA_FORM_PAGE_CLASS (klass)->submit = medusa_forgot_password_page_submit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-forgot-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, form_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, sent_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaForgotPasswordPage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
}

static void
medusa_forgot_password_page_init (MedusaForgotPasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_form_page_set_form (MEDUSA_FORM_PAGE (self), MEDUSA_BUSY_BUTTON (self->send_button),
                             self->error_label,
                             GTK_WIDGET (self->form_list), NULL);
}

GtkWidget *
medusa_forgot_password_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_FORGOT_PASSWORD_PAGE, "session", session, NULL);
}
