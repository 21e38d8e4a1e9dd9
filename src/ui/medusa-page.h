/* medusa-page.h: the base class of the window's pages
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_PAGE (medusa_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (MedusaPage, medusa_page, MEDUSA, PAGE, AdwBin)

/* A page follows its session ("state", "customer", "clear-input") for its
 * whole life. A subclass sets its own template (its content and, for a page
 * that loads, the state stack) and overrides what it needs. */
struct _MedusaPageClass
{
  AdwBinClass parent_class;

  /* Fetches the signed-in customer's content, under the cancellable of
   * medusa_page_begin_load(). Called when the page is mapped for a customer
   * whose content it does not show yet, when the customer changes while it
   * is mapped, and by "page.refresh". NULL: the page does not follow the
   * customer. */
  void (*load)        (MedusaPage *self);

  /* "page.refresh" (see medusa_page_class_install_refresh()); by default
   * medusa_page_load(). */
  void (*refresh)     (MedusaPage *self);

  /* Drops what is shown: the session signed out, or another customer
   * signed in. The page's cancellable is already renewed. */
  void (*reset)       (MedusaPage *self);

  /* The session's "clear-input": someone else may sit down next. Nothing
   * typed into the page may stay. */
  void (*clear_input) (MedusaPage *self);

  gpointer padding[8];
};

MedusaSession *medusa_page_get_session           (MedusaPage     *self);
GCancellable  *medusa_page_get_cancellable       (MedusaPage     *self);
GCancellable  *medusa_page_renew_cancellable     (MedusaPage     *self);

/* Binds the template child "stack" (a GtkStack with the subclass's own
 * pages, e.g. "empty" and "list") of the subclass's template to the base
 * class. Call after gtk_widget_class_set_template*(). */
void           medusa_page_class_bind_state_stack (GtkWidgetClass *widget_class);
/* For a template whose stack has "loading" and "error" pages of its own (an
 * error page with more than Retry): binds also its "spinner" and
 * "error_page" (an AdwStatusPage) instead of medusa_page_add_state_pages(). */
void           medusa_page_class_bind_state_pages (GtkWidgetClass *widget_class);
/* Installs the widget action "page.refresh" (MedusaPageClass.refresh). */
void           medusa_page_class_install_refresh (GtkWidgetClass *widget_class);

/* Call from the subclass's init, after gtk_widget_init_template(): adds
 * the pages "loading" (a spinner that screen readers call @loading_label)
 * and "error" (@error_title, the error's message and a Retry button that
 * activates "page.refresh") to the stack, and shows "loading". */
void           medusa_page_add_state_pages       (MedusaPage     *self,
                                                  const char     *loading_label,
                                                  const char     *error_title);

void           medusa_page_show_state            (MedusaPage     *self,
                                                  const char     *name);
/* The "loading" page, its spinner stopped: for a page with nothing to load
 * yet (signed out, not shown). */
void           medusa_page_show_blank            (MedusaPage     *self);
void           medusa_page_show_error            (MedusaPage     *self,
                                                  const GError   *error,
                                                  const char     *fallback);

void           medusa_page_load                  (MedusaPage     *self);
/* For MedusaPageClass.load: renews the page's cancellable (a running load or
 * submission is cancelled), shows "loading" and returns the cancellable. */
GCancellable  *medusa_page_begin_load            (MedusaPage     *self);
/* For the load's callback, after a cancelled @error returned: the load is
 * over. On @error, forgets what was loaded, shows it on the error page with
 * @fallback and returns FALSE. */
gboolean       medusa_page_finish_load           (MedusaPage     *self,
                                                  const GError   *error,
                                                  const char     *fallback);

G_END_DECLS
