/* widget-test-utils.h: helpers for in-process widget tests against the fake
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-fake-server.h"
#include "medusa-session.h"
#include "medusa-window.h"

G_BEGIN_DECLS

/* The demo customer every fixture creates in its fake. */
#define WT_EMAIL      "shopper@example.com"
#define WT_PASSWORD   "supersecret"
#define WT_FIRST_NAME "Sam"
#define WT_LAST_NAME  "Shopper"

/* Default time limit of the waits, in ms. */
#define WT_TIMEOUT 10000

/*
 * WtFixture: one fake server (with the customer WT_EMAIL / WT_PASSWORD and no
 * orders), one MedusaSession pointed at it, and one MedusaWindow (created, not
 * yet shown: call wt_fixture_start()). Teardown destroys the window (and any
 * other toplevel, e.g. dialogs), drops the session and finalizes the fake.
 */
typedef struct
{
  MedusaFakeServer *fake;
  MedusaSession    *session;
  MedusaWindow     *window;
  const char       *customer_id;  /* (unowned) of WT_EMAIL */
} WtFixture;

/* g_test_init (with G_TEST_OPTION_ISOLATE_DIRS), gtk/adw init, and one
 * registered GtkApplication shared by every window of the test program. */
void          wt_init                    (int          *argc,
                                          char       ***argv);
GtkApplication *wt_get_application       (void);

void          wt_fixture_setup           (WtFixture     *fixture,
                                          gconstpointer  user_data);
void          wt_fixture_teardown        (WtFixture     *fixture,
                                          gconstpointer  user_data);
/* Presents the window and calls medusa_window_start(); waits until the
 * window left its "loading" page. */
void          wt_fixture_start           (WtFixture     *fixture);
/* Signs in through the session API (not the UI) and waits until the window
 * shows "overview". Call after wt_fixture_start(). */
void          wt_fixture_sign_in         (WtFixture     *fixture,
                                          const char    *email,
                                          const char    *password);
/* The page widget the window shows now (medusa_window_get_page). */
const char   *wt_fixture_page            (WtFixture     *fixture);
/* Waits until the window shows the page @name (fails the test otherwise). */
#define wt_fixture_wait_page(fx, name) \
  wt_wait_until (g_strcmp0 (wt_fixture_page (fx), (name)) == 0, WT_TIMEOUT)

/* Main loop. */
/* One iteration of the default main context (sleeps 1 ms when idle). */
void          wt_iterate                 (void);
/* Pumps the default main context for about @ms milliseconds. */
void          wt_iterate_ms              (guint ms);

/* Pumps the main loop until @cond holds; fails the test (with the text of
 * @cond) after @timeout_ms milliseconds. */
#define wt_wait_until(cond, timeout_ms)                                              \
  G_STMT_START {                                                                      \
    gint64 wt_end_ = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000;          \
    while (!(cond))                                                                   \
      {                                                                               \
        if (g_get_monotonic_time () > wt_end_)                                        \
          {                                                                           \
            g_autofree char *wt_msg_ =                                                \
              g_strdup_printf ("timed out after %d ms waiting for: %s",               \
                               (int) (timeout_ms), #cond);                            \
            g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, wt_msg_); \
            break;                                                                    \
          }                                                                           \
        wt_iterate ();                                                                \
      }                                                                               \
  } G_STMT_END

/* Finders. They walk @root's whole widget tree (depth first, hidden widgets
 * included unless the name says "visible") and return the first match
 * (unowned) or NULL. */
GtkWidget    *wt_find_by_type            (GtkWidget     *root,
                                          GType          type);
/* An AdwPreferencesRow (AdwEntryRow, AdwPasswordEntryRow, AdwActionRow, …)
 * titled @title. */
GtkWidget    *wt_find_row                (GtkWidget     *root,
                                          const char    *title);
/* An AdwEntryRow / AdwPasswordEntryRow titled @title that is visible
 * (it and its ancestors up to @root). */
GtkWidget    *wt_find_entry              (GtkWidget     *root,
                                          const char    *title);
/* A GtkButton whose label (or the label it had before it went busy) is
 * @label, visible (it and its ancestors up to @root). */
GtkWidget    *wt_find_button             (GtkWidget     *root,
                                          const char    *label);
/* A GtkLabel, visible up to @root, whose text contains @text. */
GtkWidget    *wt_find_label              (GtkWidget     *root,
                                          const char    *text);
/* TRUE when @widget and its ancestors up to (not including) @root are visible. */
gboolean      wt_is_visible_in           (GtkWidget     *widget,
                                          GtkWidget     *root);
/* The visible label whose text contains @text, anywhere in the window (toasts
 * included), or NULL. */
GtkWidget    *wt_window_find_label       (WtFixture     *fixture,
                                          const char    *text);
/* The first toplevel GtkWindow of @type (e.g. the reauth dialog), or NULL. */
GtkWidget    *wt_find_toplevel           (GType          type);
/* Concatenated text of every visible GtkLabel under @root (for messages). */
char         *wt_dump_labels             (GtkWidget     *root);

/* Actions as a user would do them. */
void          wt_set_text                (GtkWidget     *editable,
                                          const char    *text);
const char   *wt_get_text                (GtkWidget     *editable);
/* Fails the test when @button is missing or insensitive, then clicks it. */
void          wt_click                   (GtkWidget     *button);
/* Presses Enter in an entry row (its "entry-activated"). */
void          wt_press_enter             (GtkWidget     *entry_row);
/* Text-level helpers by title / label under @root; they fail the test when
 * the widget is missing. */
void          wt_type                    (GtkWidget     *root,
                                          const char    *title,
                                          const char    *text);
const char   *wt_text_of                 (GtkWidget     *root,
                                          const char    *title);
void          wt_click_label             (GtkWidget     *root,
                                          const char    *label);
/* Whether the button labelled @label under @root is sensitive. */
gboolean      wt_button_sensitive        (GtkWidget     *root,
                                          const char    *label);

G_END_DECLS
