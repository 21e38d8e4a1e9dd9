/* medusa-form-page.h: a page with a form that is sent to the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "medusa-busy-button.h"
#include "medusa-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_FORM_PAGE (medusa_form_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (MedusaFormPage, medusa_form_page, MEDUSA, FORM_PAGE, MedusaPage)

/* The form's busy state (its submit button spins, its fields go
 * insensitive), its validity (the submit button is only sensitive for a
 * valid form) and its inline error label. On the session's "clear-input"
 * the running submission is cancelled, the form is no longer busy and the
 * error goes; a subclass that overrides MedusaPageClass.clear_input chains
 * up and clears its fields. */
struct _MedusaFormPageClass
{
  MedusaPageClass parent_class;

  /* Whether the form may be sent as typed; NULL: the page checks on submit. */
  gboolean (*is_valid) (MedusaFormPage *self);

  /* Sends the form: the submit button was clicked, or Enter pressed in a
   * complete form (medusa_form_page_submit()). Not called while busy. */
  void     (*submit)   (MedusaFormPage *self);

  gpointer padding[4];
};

/* Call from the subclass's init, after gtk_widget_init_template(): the
 * submit button (its "clicked" submits), the error label and the
 * NULL-terminated widgets that go insensitive while busy. */
void          medusa_form_page_set_form        (MedusaFormPage   *self,
                                                MedusaBusyButton *submit_button,
                                                GtkLabel         *error_label,
                                                GtkWidget        *first_field,
                                                ...) G_GNUC_NULL_TERMINATED;

/* The error label sits in @error_box with @offer_button, a way out that
 * medusa_form_page_set_offer() shows with the error ("Sign In Instead"). */
void          medusa_form_page_set_error_offer (MedusaFormPage *self,
                                                GtkWidget      *error_box,
                                                GtkWidget      *offer_button);

void          medusa_form_page_submit          (MedusaFormPage *self);
/* Enter in one of @rows (in the order of the form): a valid form is sent,
 * else the focus moves to the first empty row, or the bell rings. */
void          medusa_form_page_activate_rows   (MedusaFormPage   *self,
                                                GtkWidget * const *rows,
                                                guint             n_rows);

gboolean      medusa_form_page_get_busy        (MedusaFormPage *self);
void          medusa_form_page_set_busy        (MedusaFormPage *self,
                                                gboolean        busy);
/* Renews the page's cancellable, makes the form busy and returns the
 * cancellable for the submission. */
GCancellable *medusa_form_page_begin           (MedusaFormPage *self);

/* Calls MedusaFormPageClass.is_valid and sets the submit button's
 * sensitivity; returns the validity. */
gboolean      medusa_form_page_update_validity (MedusaFormPage *self);

/* The inline error: @message, or none for NULL. */
void          medusa_form_page_set_error       (MedusaFormPage *self,
                                                const char     *message);
/* The inline error with the offer button (medusa_form_page_set_error_offer()),
 * which takes the focus. */
void          medusa_form_page_set_offer       (MedusaFormPage *self,
                                                const char     *message);
void          medusa_form_page_show_error      (MedusaFormPage *self,
                                                const GError   *error,
                                                const char     *fallback);

G_END_DECLS
