/* medusa-register-page.c: create an account at the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaRegisterPage"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-error.h"
#include "medusa-form-page.h"
#include "medusa-payloads.h"
#include "medusa-register-page.h"
#include "medusa-ui-utils.h"

struct _MedusaRegisterPage
{
  MedusaFormPage       parent_instance;

  char                *duplicate_email; /* (owned) (nullable) */

  GtkListBox          *name_list;
  GtkListBox          *password_list;
  AdwEntryRow         *first_name_row;
  AdwEntryRow         *last_name_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *phone_row;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *hint_label;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkButton           *sign_in_instead_button;
  GtkButton           *create_button;
};

G_DEFINE_FINAL_TYPE (MedusaRegisterPage, medusa_register_page, MEDUSA_TYPE_FORM_PAGE)

/* Checks the form as it is typed: the hint under the password rows says what
 * is missing, and "Create Account" is only sensitive for a valid form. */
static gboolean
medusa_register_page_is_valid (MedusaFormPage *page)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (page);
  g_autofree char *first_name = medusa_ui_row_dup_stripped (self->first_name_row);
  g_autofree char *last_name = medusa_ui_row_dup_stripped (self->last_name_row);
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
  gboolean password_ok;

  password_ok = medusa_ui_update_password_hint (self->hint_label, GTK_WIDGET (self->confirm_row),
                                                medusa_ui_row_text (self->password_row),
                                                medusa_ui_row_text (self->confirm_row),
                                                _("Type the password again to confirm it."));

  return password_ok &&
         *first_name != '\0' &&
         *last_name != '\0' &&
         medusa_email_looks_valid (email);
}

static void
on_register_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MedusaRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_session_register_finish (MEDUSA_SESSION (object), result, &error))
    {
      if (medusa_ui_is_cancelled (error))
        return;

      medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);

      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE))
        {
          g_free (self->duplicate_email);
          self->duplicate_email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
          medusa_ui_row_set_invalid (self->email_row, TRUE);
          medusa_form_page_set_offer (MEDUSA_FORM_PAGE (self),
                                      _("An account with this email address already exists. "
                                        "You can sign in to it instead."));
        }
      else
        {
          medusa_form_page_show_error (MEDUSA_FORM_PAGE (self), error, _("Could not create your account"));
        }
      return;
    }

  medusa_form_page_set_busy (MEDUSA_FORM_PAGE (self), FALSE);
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  medusa_ui_show_toast (GTK_WIDGET (self), _("Welcome! Your account has been created."));
  medusa_ui_navigate (GTK_WIDGET (self), "overview");
}

static void
medusa_register_page_submit (MedusaFormPage *page)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (page);
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  GCancellable *cancellable;

  if (!medusa_form_page_update_validity (page))
    return;

  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);

  first_name = medusa_ui_row_dup_stripped (self->first_name_row);
  last_name = medusa_ui_row_dup_stripped (self->last_name_row);
  email = medusa_normalize_email (medusa_ui_row_text (self->email_row));
  phone = medusa_ui_row_dup_stripped (self->phone_row);

  cancellable = medusa_form_page_begin (MEDUSA_FORM_PAGE (self));
  medusa_session_register_async (medusa_page_get_session (MEDUSA_PAGE (self)),
                                 email,
                                 medusa_ui_row_text (self->password_row),
                                 first_name,
                                 last_name,
                                 *phone != '\0' ? phone : NULL,
                                 cancellable,
                                 on_register_cb,
                                 g_object_ref (self));
}

/* Enter moves on to the next empty row, and submits a complete form. */
static void
on_entry_activated_cb (AdwEntryRow        *row,
                       MedusaRegisterPage *self)
{
  GtkWidget *order[] = {
    GTK_WIDGET (self->first_name_row),
    GTK_WIDGET (self->last_name_row),
    GTK_WIDGET (self->email_row),
    GTK_WIDGET (self->password_row),
    GTK_WIDGET (self->confirm_row),
  };

  medusa_form_page_activate_rows (MEDUSA_FORM_PAGE (self), order, G_N_ELEMENTS (order));
}

static void
on_form_changed_cb (GtkEditable        *editable,
                    MedusaRegisterPage *self)
{
  if (editable == GTK_EDITABLE (self->email_row))
    {
      g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

      medusa_ui_row_set_invalid (self->email_row, FALSE);
      /* The duplicate message is about the address that was sent. */
      if (self->duplicate_email != NULL && g_strcmp0 (email, self->duplicate_email) != 0)
        {
          g_clear_pointer (&self->duplicate_email, g_free);
          medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
        }
    }

  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self));
}

static void
on_sign_in_instead_clicked_cb (GtkButton          *button,
                               MedusaRegisterPage *self)
{
  g_autofree char *email = medusa_normalize_email (medusa_ui_row_text (self->email_row));

  /* Nothing secret is carried: the password typed here is dropped. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  medusa_ui_row_set_invalid (self->email_row, FALSE);
  g_clear_pointer (&self->duplicate_email, g_free);

  medusa_ui_hand_over_email (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)),
                             "win.sign-in-with-email",
                             MEDUSA_UI_CARRIED_EMAIL_SIGN_IN, "sign-in", email);
}

static void
on_session_state_changed_cb (MedusaSession      *session,
                             GParamSpec         *pspec,
                             MedusaRegisterPage *self)
{
  if (medusa_session_get_state (session) == MEDUSA_SESSION_STATE_SIGNED_IN &&
      !medusa_form_page_get_busy (MEDUSA_FORM_PAGE (self)))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
    }
}

/* Someone else may sit down next: nothing typed here stays. */
static void
medusa_register_page_clear_input (MedusaPage *page)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (page);
  AdwEntryRow *rows[] = {
    self->first_name_row,
    self->last_name_row,
    self->email_row,
    self->phone_row,
    ADW_ENTRY_ROW (self->password_row),
    ADW_ENTRY_ROW (self->confirm_row),
  };

  MEDUSA_PAGE_CLASS (medusa_register_page_parent_class)->clear_input (page);

  g_clear_pointer (&self->duplicate_email, g_free);
  medusa_form_page_set_error (MEDUSA_FORM_PAGE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      medusa_ui_row_set_invalid (rows[i], FALSE);
    }
  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (self));
}

static void
medusa_register_page_map (GtkWidget *widget)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (widget);

  GTK_WIDGET_CLASS (medusa_register_page_parent_class)->map (widget);

  medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->first_name_row));
}

static void
medusa_register_page_constructed (GObject *object)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (object);

  G_OBJECT_CLASS (medusa_register_page_parent_class)->constructed (object);

  g_signal_connect_object (medusa_page_get_session (MEDUSA_PAGE (self)), "notify::state",
                           G_CALLBACK (on_session_state_changed_cb), self, 0);
}

static void
medusa_register_page_finalize (GObject *object)
{
  MedusaRegisterPage *self = MEDUSA_REGISTER_PAGE (object);

  g_free (self->duplicate_email);

  G_OBJECT_CLASS (medusa_register_page_parent_class)->finalize (object);
}

static void
medusa_register_page_class_init (MedusaRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_register_page_constructed;
  object_class->finalize = medusa_register_page_finalize;

  widget_class->map = medusa_register_page_map;

  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_register_page_clear_input;
  MEDUSA_FORM_PAGE_CLASS (klass)->is_valid = medusa_register_page_is_valid;
  MEDUSA_FORM_PAGE_CLASS (klass)->submit = medusa_register_page_submit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, name_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, password_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, sign_in_instead_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaRegisterPage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_instead_clicked_cb);
}

static void
medusa_register_page_init (MedusaRegisterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_form_page_set_form (MEDUSA_FORM_PAGE (self), MEDUSA_BUSY_BUTTON (self->create_button),
                             self->error_label,
                             GTK_WIDGET (self->name_list), GTK_WIDGET (self->password_list), NULL);
  medusa_form_page_set_error_offer (MEDUSA_FORM_PAGE (self), self->error_box,
                                    GTK_WIDGET (self->sign_in_instead_button));
  medusa_ui_name_password_peeks (GTK_WIDGET (self));
  /* Two peek buttons: the second says which field it shows ("Password"
   * keeps the generic "Show Password"). */
  medusa_ui_name_password_peek (GTK_WIDGET (self->confirm_row), _("Show password confirmation"),
                                _("Hide password confirmation"));
  /* The hint of an empty form, which says the minimum length */
  medusa_ui_update_password_hint (self->hint_label, GTK_WIDGET (self->confirm_row), "", "", NULL);
}

GtkWidget *
medusa_register_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_REGISTER_PAGE, "session", session, NULL);
}
