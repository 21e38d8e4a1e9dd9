/* medusa-reset-password-page.c: a new password with the emailed token
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaResetPasswordPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa-error.h"
#include "medusa-form-page.h"
#include "medusa-payloads.h"
#include "medusa-reset-link.h"
#include "medusa-reset-password-page.h"
#include "medusa-ui-utils.h"

struct _MedusaResetPasswordPage
{
  MedusaFormPage       parent_instance;

  gboolean             rewriting_token;
  glong                token_length;   /* to tell a paste from typing */

  GtkListBox          *token_list;
  GtkListBox          *password_list;
  AdwEntryRow         *email_row;
  AdwEntryRow         *token_row;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *hint_label;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkButton           *request_button;
  GtkButton           *reset_button;
};

G_DEFINE_FINAL_TYPE (MedusaResetPasswordPage, medusa_reset_password_page, MEDUSA_TYPE_FORM_PAGE)

static gboolean
medusa_reset_password_page_is_valid (MedusaFormPage *page)
{
  MedusaResetPasswordPage *self = MEDUSA_RESET_PASSWORD_PAGE (page);
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
  g_autofree char *token = medusa_ui_row_dup_stripped (self->token_row);
  gboolean password_ok;

  password_ok = medusa_ui_update_password_hint (self->hint_label, GTK_WIDGET (self->confirm_row),
                                                medusa_ui_row_text (self->password_row),
                                                medusa_ui_row_text (self->confirm_row),
                                                _("Type the password again to confirm it."));

  return password_ok && *token != '\0' && medusa_email_looks_valid (email);
}

static void
on_reset_password_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MedusaResetPasswordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_session_reset_password_finish (MEDUSA_SESSION (object), result, &error))
    {
      if (medusa_ui_is_cancelled (error))
        return;

      medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);

      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN))
        {
          medusa_ui_row_set_invalid (self->token_row, TRUE);
          medusa_form_page_set_offer (MEDUSA_FORM_PAGE (self), _("This reset link is invalid or has expired."));
        }
      else
        {
          medusa_form_page_show_error (MEDUSA_FORM_PAGE (self), error, _("Could not reset your password"));
        }
      return;
    }

  medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  medusa_ui_show_toast (GTK_WIDGET (self), _("Your password has been changed"));
  medusa_ui_navigate (GTK_WIDGET (self), "overview");
}

static void
medusa_reset_password_page_submit (MedusaFormPage *page)
{
  MedusaResetPasswordPage *self = MEDUSA_RESET_PASSWORD_PAGE (page);
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  /* A link typed by hand (not pasted) is read now. */
  if (medusa_reset_link_parse (medusa_ui_row_text (self->token_row), &token, &email))
    {
      self->rewriting_token = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
      self->token_length = g_utf8_strlen (token, -1);
      self->rewriting_token = FALSE;
      if (email != NULL)
        {
          g_autofree char *normalized = medusa_normalize_email (email);

          gtk_editable_set_text (GTK_EDITABLE (self->email_row), normalized);
        }
      g_clear_pointer (&token, g_free);
      g_clear_pointer (&email, g_free);
    }

  if (!medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self)))
    return;

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);

  email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
  token = medusa_ui_row_dup_stripped (self->token_row);

  cancellable = medusa_form_page_begin (MEDUSA_FORM_PAGE (self));
  medusa_session_reset_password_async (medusa_page_get_session (MEDUSA_PAGE (self)),
                                       email,
                                       token,
                                       medusa_ui_row_text (self->password_row),
                                       cancellable,
                                       on_reset_password_cb,
                                       g_object_ref (self));
}

static void
on_entry_activated_cb (AdwEntryRow             *row,
                       MedusaResetPasswordPage *self)
{
  GtkWidget *order[] = {
    GTK_WIDGET (self->email_row),
    GTK_WIDGET (self->token_row),
    GTK_WIDGET (self->password_row),
    GTK_WIDGET (self->confirm_row),
  };

  medusa_form_page_activate_rows (MEDUSA_FORM_PAGE (self), order, G_N_ELEMENTS (order));
}

static void
on_form_changed_cb (GtkEditable             *editable,
                    MedusaResetPasswordPage *self)
{
  medusa_ui_row_set_invalid (editable, FALSE);
  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self));
}

static void
on_token_changed_cb (GtkEditable             *editable,
                     MedusaResetPasswordPage *self)
{
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  gboolean pasted;
  glong length;

  if (self->rewriting_token)
    return;

  medusa_ui_row_set_invalid (self->token_row, FALSE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->request_button)))
    medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);

  /* A pasted link becomes its token, and fills the email it names. A link
   * typed by hand is left alone until it is submitted. */
  length = g_utf8_strlen (medusa_ui_row_text (self->token_row), -1);
  pasted = length - self->token_length > 1;
  self->token_length = length;

  if (pasted && medusa_reset_link_parse (medusa_ui_row_text (self->token_row), &token, &email))
    {
      self->rewriting_token = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
      gtk_editable_set_position (GTK_EDITABLE (self->token_row), -1);
      self->token_length = g_utf8_strlen (token, -1);
      self->rewriting_token = FALSE;

      if (email != NULL)
        {
          g_autofree char *normalized = medusa_normalize_email (email);

          gtk_editable_set_text (GTK_EDITABLE (self->email_row), normalized);
        }
    }

  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self));
}

static void
on_request_clicked_cb (GtkButton               *button,
                       MedusaResetPasswordPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");

  medusa_ui_hand_over_email (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)),
                             NULL, MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD, "forgot-password",
                             email != NULL ? email : "");
}

/* Someone else may sit down next: nothing typed here stays. */
static void
medusa_reset_password_page_clear_input (MedusaPage *page)
{
  MedusaResetPasswordPage *self = MEDUSA_RESET_PASSWORD_PAGE (page);
  AdwEntryRow *rows[] = {
    self->email_row,
    self->token_row,
    ADW_ENTRY_ROW (self->password_row),
    ADW_ENTRY_ROW (self->confirm_row),
  };

  MEDUSA_PAGE_CLASS (medusa_reset_password_page_parent_class)->clear_input (page);

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  self->rewriting_token = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      medusa_ui_row_set_invalid (rows[i], FALSE);
    }
  self->rewriting_token = FALSE;
  self->token_length = 0;
  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self));
}

static void
medusa_reset_password_page_map (GtkWidget *widget)
{
  MedusaResetPasswordPage *self = MEDUSA_RESET_PASSWORD_PAGE (widget);
  g_autofree char *carried = NULL;

  GTK_WIDGET_CLASS (medusa_reset_password_page_parent_class)->map (widget);

  /* Only what the forgot-password page carries over, never the session's
   * email (after a sign-out, the last customer's). */
  carried = medusa_ui_take_carried_email (medusa_page_get_session (MEDUSA_PAGE (self)),
                                          MEDUSA_UI_CARRIED_EMAIL_RESET_PASSWORD);
  if (carried != NULL)
    medusa_reset_password_page_set_email (self, carried);

  if (*medusa_ui_row_text (self->email_row) == '\0')
    medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->email_row));
  else
    medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->token_row));
}

static void
medusa_reset_password_page_class_init (MedusaResetPasswordPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = medusa_reset_password_page_map;

  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_reset_password_page_clear_input;
  MEDUSA_FORM_PAGE_CLASS (klass)->is_valid = medusa_reset_password_page_is_valid;
  MEDUSA_FORM_PAGE_CLASS (klass)->submit = medusa_reset_password_page_submit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-reset-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, token_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, password_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, request_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaResetPasswordPage, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_token_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_request_clicked_cb);
}

static void
medusa_reset_password_page_init (MedusaResetPasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_form_page_set_form (MEDUSA_FORM_PAGE (self), MEDUSA_BUSY_BUTTON (self->reset_button),
                             self->error_label,
                             GTK_WIDGET (self->token_list), GTK_WIDGET (self->password_list), NULL);
  medusa_form_page_set_error_offer (MEDUSA_FORM_PAGE (self), self->error_box,
                                    GTK_WIDGET (self->request_button));
  /* Two peek buttons: each says which field it shows. */
  medusa_ui_name_password_peek (GTK_WIDGET (self->password_row), _("Show new password"), _("Hide new password"));
  medusa_ui_name_password_peek (GTK_WIDGET (self->confirm_row), _("Show password confirmation"),
                                _("Hide password confirmation"));
  /* The hint of an empty form, which says the minimum length */
  medusa_ui_update_password_hint (self->hint_label, GTK_WIDGET (self->confirm_row), "", "", NULL);
}

GtkWidget *
medusa_reset_password_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_RESET_PASSWORD_PAGE, "session", session, NULL);
}

void
medusa_reset_password_page_set_email (MedusaResetPasswordPage *self,
                                      const char              *email)
{
  g_return_if_fail (MEDUSA_IS_RESET_PASSWORD_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  gtk_widget_grab_focus (GTK_WIDGET (email != NULL && *email != '\0'
                                     ? GTK_WIDGET (self->token_row)
                                     : GTK_WIDGET (self->email_row)));
}
