/* medusa-sign-in-page.c: email + password, then the account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaSignInPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa-error.h"
#include "medusa-form-page.h"
#include "medusa-payloads.h"
#include "medusa-sign-in-page.h"
#include "medusa-ui-utils.h"

struct _MedusaSignInPage
{
  MedusaFormPage       parent_instance;

  GtkLabel            *store_label;
  GtkListBox          *form_list;
  AdwEntryRow         *email_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *error_label;
  GtkButton           *sign_in_button;
};

G_DEFINE_FINAL_TYPE (MedusaSignInPage, medusa_sign_in_page, MEDUSA_TYPE_FORM_PAGE)

static void
clear_error (MedusaSignInPage *self)
{
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  medusa_ui_row_set_invalid (self->email_row, FALSE);
  medusa_ui_row_set_invalid (self->password_row, FALSE);
}

static void
update_store_label (MedusaSignInPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  const char *name = medusa_session_get_store_name (session);
  const char *url = medusa_session_get_store_url (session);
  g_autofree char *text = NULL;

  if (name == NULL || *name == '\0')
    name = url;

  if (name != NULL && *name != '\0')
    text = g_strdup_printf (_("Sign in to your account at %s"), name);
  else
    text = g_strdup (_("Sign in to your account"));

  gtk_label_set_label (self->store_label, text);
}

/* An email another page hands over (e.g. "Sign In Instead" on the register
 * page) wins over the session's. */
static void
take_carried_email (MedusaSignInPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  g_autofree char *carried = medusa_ui_take_carried_email (session, MEDUSA_UI_CARRIED_EMAIL_SIGN_IN);

  if (carried != NULL)
    medusa_sign_in_page_set_email (self, carried);
  else
    medusa_ui_row_fill_if_empty (self->email_row, medusa_session_get_email (session));
}

static void
on_sign_in_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MedusaSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_session_sign_in_finish (MEDUSA_SESSION (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;

      medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);

      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS))
        {
          medusa_ui_row_set_invalid (self->password_row, TRUE);
          message = medusa_ui_error_message (error, NULL);
        }
      else
        {
          message = medusa_ui_error_message (error, _("Could not sign in"));
        }

      /* The email and the password stay as typed. */
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
  clear_error (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  /* The window also follows the session's state; landing on the overview
   * after a fresh sign-in is right either way. */
  medusa_ui_navigate (GTK_WIDGET (self), "overview");
}

static void
medusa_sign_in_page_submit (MedusaFormPage *page)
{
  MedusaSignInPage *self = MEDUSA_SIGN_IN_PAGE (page);
  g_autofree char *email = NULL;
  const char *password;
  GCancellable *cancellable;

  clear_error (self);

  email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
  password = medusa_ui_row_text (self->password_row);

  if (!medusa_email_looks_valid (email))
    {
      medusa_ui_row_set_invalid (self->email_row, TRUE);
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self),
                                  _("Enter the email address of your account."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  if (*password == '\0')
    {
      medusa_ui_row_set_invalid (self->password_row, TRUE);
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  cancellable = medusa_form_page_begin (MEDUSA_FORM_PAGE (self));
  medusa_session_sign_in_async (medusa_page_get_session (MEDUSA_PAGE (self)), email, password,
                                cancellable, on_sign_in_cb, g_object_ref (self));
}

static void
on_email_activated_cb (AdwEntryRow      *row,
                       MedusaSignInPage *self)
{
  if (*medusa_ui_row_text (self->password_row) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    medusa_form_page_submit (MEDUSA_FORM_PAGE (self));
}

static void
on_password_activated_cb (AdwEntryRow      *row,
                          MedusaSignInPage *self)
{
  medusa_form_page_submit (MEDUSA_FORM_PAGE (self));
}

static void
on_form_changed_cb (GtkEditable      *editable,
                    MedusaSignInPage *self)
{
  medusa_ui_row_set_invalid (editable, FALSE);
}

static void
on_session_state_changed_cb (MedusaSession    *session,
                             GParamSpec       *pspec,
                             MedusaSignInPage *self)
{
  MedusaSessionState state = medusa_session_get_state (session);

  if (state == MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      /* Nothing secret stays in a hidden page. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      clear_error (self);
    }
  else if (state == MEDUSA_SESSION_STATE_SIGNED_OUT && !medusa_form_page_get_busy (MEDUSA_FORM_PAGE (self)))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      medusa_ui_row_fill_if_empty (self->email_row, medusa_session_get_email (session));
    }
}

/* Someone else may sit down next: only the store's remembered email stays. */
static void
medusa_sign_in_page_clear_input (MedusaPage *page)
{
  MedusaSignInPage *self = MEDUSA_SIGN_IN_PAGE (page);
  MedusaSession *session = medusa_page_get_session (page);

  MEDUSA_PAGE_CLASS (medusa_sign_in_page_parent_class)->clear_input (page);

  clear_error (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         medusa_session_get_email (session) != NULL ?
                         medusa_session_get_email (session) : "");
}

/* "Forgot password?" carries the address typed here, nothing else. */
static void
on_forgot_clicked_cb (GtkButton        *button,
                      MedusaSignInPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  medusa_ui_hand_over_email (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)), NULL,
                             MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD, "forgot-password",
                             email != NULL ? email : "");
}

static void
on_session_store_changed_cb (MedusaSession    *session,
                             GParamSpec       *pspec,
                             MedusaSignInPage *self)
{
  update_store_label (self);
}

static void
medusa_sign_in_page_map (GtkWidget *widget)
{
  MedusaSignInPage *self = MEDUSA_SIGN_IN_PAGE (widget);

  GTK_WIDGET_CLASS (medusa_sign_in_page_parent_class)->map (widget);

  take_carried_email (self);
  update_store_label (self);

  if (*medusa_ui_row_text (self->email_row) == '\0')
    medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->email_row));
  else
    medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->password_row));
}

static void
medusa_sign_in_page_constructed (GObject *object)
{
  MedusaSignInPage *self = MEDUSA_SIGN_IN_PAGE (object);
  MedusaSession *session;

  G_OBJECT_CLASS (medusa_sign_in_page_parent_class)->constructed (object);

  session = medusa_page_get_session (MEDUSA_PAGE (self));
  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (on_session_state_changed_cb), self, 0);
  g_signal_connect_object (session, "notify::store-url",
                           G_CALLBACK (on_session_store_changed_cb), self, 0);
  g_signal_connect_object (session, "notify::store-name",
                           G_CALLBACK (on_session_store_changed_cb), self, 0);

  update_store_label (self);
  if (medusa_session_get_email (session) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), medusa_session_get_email (session));
}

static void
medusa_sign_in_page_class_init (MedusaSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_sign_in_page_constructed;

  widget_class->map = medusa_sign_in_page_map;

  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_sign_in_page_clear_input;
  MEDUSA_FORM_PAGE_CLASS (klass)->submit = medusa_sign_in_page_submit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, store_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, form_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaSignInPage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_clicked_cb);
}

static void
medusa_sign_in_page_init (MedusaSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_form_page_set_form (MEDUSA_FORM_PAGE (self), MEDUSA_BUSY_BUTTON (self->sign_in_button),
                             self->error_label,
                             GTK_WIDGET (self->form_list), NULL);
  medusa_ui_name_password_peeks (GTK_WIDGET (self));
}

GtkWidget *
medusa_sign_in_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_SIGN_IN_PAGE, "session", session, NULL);
}

void
medusa_sign_in_page_set_email (MedusaSignInPage *self,
                               const char       *email)
{
  g_return_if_fail (MEDUSA_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  clear_error (self);
  gtk_widget_grab_focus (GTK_WIDGET (email != NULL && *email != '\0'
                                     ? GTK_WIDGET (self->password_row)
                                     : GTK_WIDGET (self->email_row)));
}
