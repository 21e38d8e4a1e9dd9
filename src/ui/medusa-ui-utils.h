/* medusa-ui-utils.h: small helpers every page uses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

/* A sentence a shopper understands for @error (never JSON, never a C error
 * string). @what_failed is the action, e.g. _("Could not save your profile"). */
char     *medusa_ui_error_message    (const GError *error,
                                      const char   *what_failed);
/* Shows @message as an AdwToast in the window that holds @widget. */
void      medusa_ui_show_toast       (GtkWidget    *widget,
                                      const char   *message);
/* Toast of medusa_ui_error_message(); cancellation is ignored. An
 * UNAUTHORIZED error is given to the session (which asks for the password). */
void      medusa_ui_show_error       (GtkWidget    *widget,
                                      MedusaSession *session,
                                      const GError *error,
                                      const char   *what_failed);
/* Switches the window to the page @name ("overview", "profile", "addresses",
 * "payment-methods", "orders", "sign-in", "register", "forgot-password",
 * "reset-password", "store"). Same as activating "win.navigate" with @name. */
void      medusa_ui_navigate         (GtkWidget    *widget,
                                      const char   *name);
/* "12 Mar 2026" in local time, or "" for NULL. */
char     *medusa_ui_format_date      (GDateTime    *when);
/* TRUE for cancellation (callbacks return at once without touching self). */
gboolean  medusa_ui_is_cancelled     (const GError *error);

/* Form plumbing shared by the pages and dialogs. @row is any GtkEditable
 * (an AdwEntryRow, AdwPasswordEntryRow or GtkEntry). */
const char   *medusa_ui_row_text             (gpointer      row);
/* The row's text without leading and trailing white space (free it). */
char         *medusa_ui_row_dup_stripped     (gpointer      row);
/* Sets the row's text to @text when the row is empty and @text is not NULL. */
void          medusa_ui_row_fill_if_empty    (gpointer      row,
                                              const char   *text);
/* The "error" style class and the accessible INVALID state of @widget. */
void          medusa_ui_row_set_invalid      (gpointer      widget,
                                              gboolean      invalid);
/* Shows @message in an inline error label, or hides the label for NULL. */
void          medusa_ui_label_set_error      (GtkLabel     *label,
                                              const char   *message);
/* The rules for a new password (MIN_PASSWORD_LENGTH characters or more in
 * medusa-ui-utils.c, typed twice): fills
 * @hint with what is missing (@confirm_prompt when only the confirmation is)
 * and marks @confirm_row while the two differ. TRUE when both are fine. */
gboolean      medusa_ui_update_password_hint (GtkLabel     *hint,
                                              GtkWidget    *confirm_row,
                                              const char   *password,
                                              const char   *confirm,
                                              const char   *confirm_prompt);

/* Enter in a form that is not complete yet: focuses the first empty row of
 * @rows. FALSE when none is empty. */
gboolean      medusa_ui_focus_first_empty_row (GtkWidget * const *rows,
                                               guint              n_rows);
/* For a page's map: gives @widget the focus once the window has shown the
 * page (a GtkStack switching pages moves the focus itself, after the map). */
void          medusa_ui_grab_focus_when_shown (GtkWidget         *widget);

/* Cancels what *@cancellable guards and puts a new one in its place, which
 * is returned (owned by *@cancellable). */
GCancellable *medusa_ui_renew_cancellable    (GCancellable **cancellable);
/* Cancels what *@cancellable guards and clears it. */
void          medusa_ui_drop_cancellable     (GCancellable **cancellable);

/* Shows the child @name of a page's state @stack ("loading", "error",
 * "empty", …); @spinner spins only while "loading" is shown. */
void          medusa_ui_stack_show_state     (GtkStack     *stack,
                                              GtkSpinner   *spinner,
                                              const char   *name);
/* gtk_widget_dispose_template() for an AdwBin page whose child is itself a
 * bound template child. */
void          medusa_ui_bin_dispose_template (AdwBin       *bin,
                                              GType         type);
/* The "page.refresh" action of a page that shows the session's customer:
 * reloads the customer, keeps "page.refresh" of @page disabled meanwhile and
 * shows a toast "@what_failed. <why>" on failure. */
void          medusa_ui_refresh_session      (GtkWidget     *page,
                                              MedusaSession *session,
                                              GCancellable  *cancellable,
                                              const char    *what_failed);

/* The hand-over of an email between the sign-in, register, forgot-password
 * and reset-password pages when the window has no "win.*-with-email" action:
 * kept on the session under one of these keys, taken by the page it is for
 * when that page is shown. */
#define MEDUSA_UI_CARRIED_EMAIL_SIGN_IN         "medusa-ui-carried-email-sign-in"
#define MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD "medusa-ui-carried-email-forgot-password"
#define MEDUSA_UI_CARRIED_EMAIL_RESET_PASSWORD  "medusa-ui-carried-email-reset-password"

/* Opens the page @page_name with @email: through the window action @action
 * ("win.sign-in-with-email") when there is one, else by carrying @email
 * under @key and navigating. @action may be NULL. */
void          medusa_ui_hand_over_email      (GtkWidget     *widget,
                                              MedusaSession *session,
                                              const char    *action,
                                              const char    *key,
                                              const char    *page_name,
                                              const char    *email);
/* The email carried under @key (free it), which is removed, or NULL. */
char         *medusa_ui_take_carried_email   (MedusaSession *session,
                                              const char    *key);
/* Forgets every carried email (the person at the workstation changed). */
void          medusa_ui_drop_carried_emails  (MedusaSession *session);

/* libadwaita 1.2's AdwPasswordEntryRow has an unnamed peek button (screen
 * readers say "button"): names it "Show Password"/"Hide Password" in every
 * password row under @root. */
void          medusa_ui_name_password_peeks  (GtkWidget     *root);
/* The same for the one password row @row, with names that say which field
 * it shows ("Show new password"), where a form has more than one. Calling
 * medusa_ui_name_password_peeks() later keeps these names. */
void          medusa_ui_name_password_peek   (GtkWidget     *row,
                                              const char    *show_name,
                                              const char    *hide_name);

void          medusa_ui_bench_mark           (GtkWidget     *widget,
                                              const char    *what);

G_END_DECLS
