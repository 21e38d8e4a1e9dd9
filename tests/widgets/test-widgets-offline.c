/* test-widgets-offline.c: the window while the store cannot be reached
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a local copy of the account (the other widget tests keep none): the
 * status line under the header bar ("Updated …", "Updating…", "Offline —
 * …", hidden when signed out), every control that sends a change going
 * insensitive with a tooltip that says why while the session is offline
 * and coming back by itself, typed text kept, and the payment methods
 * shown from the copy. "Offline" is the fake answering 503 to everything,
 * which the session takes for a store that cannot be reached.
 */
#define G_LOG_DOMAIN "WidgetTestOffline"

#include "config.h"

#include <string.h>

#include "medusa-address-dialog.h"
#include "medusa-address-row.h"
#include "medusa-addresses-page.h"
#include "medusa-credential-dialog.h"
#include "medusa-offline-guard.h"
#include "medusa-payment-methods-page.h"
#include "medusa-profile-page.h"
#include "medusa-store-profiles.h"
#include "medusa-sync-status.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define METHODS_PATH "/store/customers/me/payment-methods"
#define METHODS_BODY                                                              \
  "{\"payment_methods\":[{\"provider_id\":\"stripe\",\"data\":{\"card\":"       \
  "{\"brand\":\"visa\",\"last4\":\"4242\",\"exp_month\":4,\"exp_year\":2030}}}]}"
#define VISA_ROW "Visa •••• 4242 · 04/2030"

/* The widget fixture, but the session keeps a copy (and syncs only when
 * the test asks: no timers, no network monitor). */
static void
offline_fixture_setup (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  GSettings *settings;
  MedusaRetryPolicy no_retries = { 0, 0, 0, 0 };

  wt_fixture_setup (fixture, user_data);
  settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "keep-local-copy", TRUE);
  g_object_set (fixture->session, "auto-sync", FALSE, NULL);
  medusa_client_set_retry_policy (medusa_session_get_client (fixture->session), &no_retries);
}

static void
offline_fixture_teardown (WtFixture     *fixture,
                          gconstpointer  user_data)
{
  GSettings *settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());

  wt_fixture_teardown (fixture, user_data);
  g_settings_set_boolean (settings, "keep-local-copy", FALSE);
}

static MedusaSyncStatus *
status_line (WtFixture *fixture)
{
  GtkWidget *status = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_SYNC_STATUS);

  g_assert_nonnull (status);
  return MEDUSA_SYNC_STATUS (status);
}

/* The text on screen (the label in the revealer), NULL while hidden. */
static const char *
shown_status (WtFixture *fixture)
{
  GtkWidget *revealer = wt_find_by_type (GTK_WIDGET (status_line (fixture)), GTK_TYPE_REVEALER);
  GtkWidget *label = wt_find_by_type (revealer, GTK_TYPE_LABEL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    {
      /* Once slid away, hidden from screen readers too. */
      wt_wait_until (!gtk_widget_get_visible (revealer), WT_TIMEOUT);
      return NULL;
    }
  g_assert_true (gtk_widget_get_visible (revealer));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  medusa_session_refresh_finish (MEDUSA_SESSION (source), result, NULL);
  *done = TRUE;
}

/* A sync, as the timers, Refresh or a reconnect would start it. */
static void
sync_now (WtFixture *fixture)
{
  gboolean done = FALSE;

  medusa_session_refresh_async (fixture->session, NULL, refresh_cb, &done);
  wt_wait_until (done, WT_TIMEOUT);
}

static void
go_offline (WtFixture *fixture)
{
  medusa_fake_server_add_status_fault (fixture->fake, NULL, NULL, 503, NULL, NULL, 0);
  sync_now (fixture);
  g_assert_true (medusa_session_get_offline (fixture->session));
}

static void
go_online (WtFixture *fixture)
{
  medusa_fake_server_clear_faults (fixture->fake);
  sync_now (fixture);
  g_assert_false (medusa_session_get_offline (fixture->session));
}

/* Signs in and waits for the first sync of the copy. */
static void
sign_in_with_copy (WtFixture *fixture)
{
  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  wt_wait_until (medusa_session_get_account_store (fixture->session) != NULL &&
                 medusa_session_get_last_synced (fixture->session) != NULL &&
                 !medusa_session_get_syncing (fixture->session), WT_TIMEOUT);
}

static char *
expected_time (WtFixture *fixture)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (medusa_session_get_last_synced (fixture->session));

  return g_date_time_format (local, "%H:%M");
}

/* Held back: insensitive, and the tooltip (which is also what a screen
 * reader says about it) says why. */
#define assert_held_back(w) G_STMT_START { assert_held_back_ (w); } G_STMT_END
#define assert_not_held_back(w) G_STMT_START { assert_not_held_back_ (w); } G_STMT_END

static void
assert_held_back_ (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_false (gtk_widget_get_sensitive (widget));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, medusa_offline_guard_reason ());
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       medusa_offline_guard_reason ());
}

static void
assert_not_held_back_ (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), !=, medusa_offline_guard_reason ());
}

/* Status line */

static void
test_status_line (WtFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *updated = NULL;
  g_autofree char *offline = NULL;
  g_autofree char *time = NULL;

  wt_fixture_start (fixture);
  g_assert_null (shown_status (fixture));  /* signed out */

  sign_in_with_copy (fixture);
  time = expected_time (fixture);
  updated = g_strdup_printf ("Updated %s", time);
  g_assert_cmpstr (shown_status (fixture), ==, updated);
  g_assert_cmpstr (medusa_sync_status_get_text (status_line (fixture)), ==, updated);

  /* A sync on the way: said, without a spinner. */
  medusa_fake_server_add_delay_fault (fixture->fake, "GET", "/store/customers/me", 800, 1);
  medusa_session_refresh_async (fixture->session, NULL, NULL, NULL);
  wt_wait_until (g_strcmp0 (shown_status (fixture), "Updating…") == 0, WT_TIMEOUT);
  g_assert_null (wt_find_by_type (GTK_WIDGET (status_line (fixture)), GTK_TYPE_SPINNER));
  wt_wait_until (!medusa_session_get_syncing (fixture->session), WT_TIMEOUT);
  g_free (updated);
  g_free (time);
  time = expected_time (fixture);
  updated = g_strdup_printf ("Updated %s", time);
  g_assert_cmpstr (shown_status (fixture), ==, updated);

  /* The store cannot be reached: the copy is what is shown, and from when. */
  go_offline (fixture);
  offline = g_strdup_printf ("Offline — showing your saved account from %s", time);
  g_assert_cmpstr (shown_status (fixture), ==, offline);
  /* A retry while offline does not flicker "Updating…". */
  medusa_session_refresh_async (fixture->session, NULL, NULL, NULL);
  g_assert_cmpstr (shown_status (fixture), ==, offline);
  wt_wait_until (!medusa_session_get_syncing (fixture->session), WT_TIMEOUT);

  /* Back by itself with the next sync. */
  go_online (fixture);
  g_free (updated);
  g_free (time);
  time = expected_time (fixture);
  updated = g_strdup_printf ("Updated %s", time);
  g_assert_cmpstr (shown_status (fixture), ==, updated);

  /* The idle lock and sign-out hide it. */
  medusa_session_lock (fixture->session);
  wt_wait_until (shown_status (fixture) == NULL, WT_TIMEOUT);
  g_assert_null (medusa_sync_status_get_text (status_line (fixture)));
}

static void
test_status_signed_out (WtFixture     *fixture,
                        gconstpointer  user_data)
{
  sign_in_with_copy (fixture);
  g_assert_nonnull (shown_status (fixture));
  medusa_session_sign_out_async (fixture->session, NULL, NULL, NULL);
  wt_wait_until (shown_status (fixture) == NULL, WT_TIMEOUT);
  g_assert_null (medusa_sync_status_get_text (status_line (fixture)));
}

static void
test_status_format_when (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -3);
  g_autofree char *today = medusa_sync_status_format_when (now);
  g_autofree char *earlier = medusa_sync_status_format_when (before);
  g_autofree char *expected_today = g_date_time_format (now, "%H:%M");
  g_autofree char *expected_earlier = g_date_time_format (before, "%-d %b %Y, %H:%M");

  /* Today: the time; another day: the date too. */
  g_assert_cmpstr (today, ==, expected_today);
  g_assert_cmpstr (earlier, ==, expected_earlier);
}

/* Editing while offline */

static GtkWidget *
show_page (WtFixture  *fixture,
           const char *page,
           GType       page_type)
{
  GtkWidget *widget;

  medusa_ui_navigate (GTK_WIDGET (fixture->window), page);
  wt_fixture_wait_page (fixture, page);
  widget = wt_find_by_type (GTK_WIDGET (fixture->window), page_type);
  g_assert_nonnull (widget);
  return widget;
}

static void
test_profile_offline (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *save;

  sign_in_with_copy (fixture);
  page = show_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);

  /* Something typed before the store goes away… */
  wt_type (page, "First name", "Samantha");
  save = wt_find_button (page, "Save");
  assert_not_held_back (save);
  assert_not_held_back (wt_find_button (page, "Change Email…"));
  assert_not_held_back (wt_find_button (page, "Change Password…"));

  go_offline (fixture);
  assert_held_back (save);
  assert_held_back (wt_find_button (page, "Change Email…"));
  assert_held_back (wt_find_button (page, "Change Password…"));
  assert_held_back (wt_find_button (page, "Save Billing Address"));
  /* …stays, and Enter sends nothing. */
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Samantha");
  wt_press_enter (wt_find_entry (page, "First name"));
  wt_iterate_ms (200);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", "/store/customers/me"), ==, 0);
  /* Typing on does not make Save sensitive while offline. */
  wt_type (page, "First name", "Samanth");
  assert_held_back (save);

  /* Back: Save is what the form says again, with its own tooltip. */
  go_online (fixture);
  assert_not_held_back (save);
  g_assert_null (gtk_widget_get_tooltip_text (save));
  assert_not_held_back (wt_find_button (page, "Change Email…"));
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Samanth");
  /* Billing Save had nothing to send: still insensitive, no offline tooltip. */
  g_assert_false (gtk_widget_get_sensitive (wt_find_button (page, "Save Billing Address")));
  g_assert_null (gtk_widget_get_tooltip_text (wt_find_button (page, "Save Billing Address")));

  wt_click (save);
  wt_wait_until (g_strcmp0 (medusa_customer_get_first_name (medusa_session_get_customer (fixture->session)),
                            "Samanth") == 0, WT_TIMEOUT);
}

static void
test_addresses_offline (WtFixture     *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *dialog;
  GtkWidget *edit;
  GtkWidget *delete;
  GtkWidget *save;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Sam", "Shopper", "Hauptstraße 1",
                                  "Berlin", "de", "10115");
  sign_in_with_copy (fixture);
  page = show_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until ((row = wt_find_by_type (page, MEDUSA_TYPE_ADDRESS_ROW)) != NULL, WT_TIMEOUT);
  edit = wt_find_by_type (row, GTK_TYPE_BUTTON);
  delete = gtk_widget_get_next_sibling (edit);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (edit), ==, "Edit address");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (delete), ==, "Delete address");
  assert_not_held_back (wt_find_button (page, "Add Address"));

  /* An edit dialog open with a change typed. */
  wt_click (edit);
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG)) != NULL, WT_TIMEOUT);
  wt_type (dialog, "City", "Potsdam");
  save = wt_find_button (dialog, "Save");
  assert_not_held_back (save);

  go_offline (fixture);
  assert_held_back (wt_find_button (page, "Add Address"));
  assert_held_back (edit);
  assert_held_back (delete);
  assert_held_back (save);
  g_assert_cmpstr (wt_text_of (dialog, "City"), ==, "Potsdam");

  go_online (fixture);
  assert_not_held_back (wt_find_button (page, "Add Address"));
  /* Their own tooltips back. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (edit), ==, "Edit address");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (delete), ==, "Delete address");
  g_assert_true (gtk_widget_get_sensitive (edit));
  g_assert_true (gtk_widget_get_sensitive (delete));
  assert_not_held_back (save);
  g_assert_cmpstr (wt_text_of (dialog, "City"), ==, "Potsdam");
}

static void
test_credential_dialog_offline (WtFixture     *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *dialog;
  GtkWidget *submit;

  sign_in_with_copy (fixture);
  page = show_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  wt_click (wt_find_button (page, "Change Email…"));
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_CREDENTIAL_DIALOG)) != NULL, WT_TIMEOUT);
  wt_type (dialog, "Email", "sam.new@example.com");
  wt_type (dialog, "Current password", WT_PASSWORD);
  submit = wt_find_button (dialog, "Change Email");
  assert_not_held_back (submit);

  go_offline (fixture);
  assert_held_back (submit);
  g_assert_cmpstr (wt_text_of (dialog, "Email"), ==, "sam.new@example.com");

  go_online (fixture);
  assert_not_held_back (submit);
}

static void
test_payment_methods_from_copy (WtFixture     *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *page;
  guint n_before;

  /* The copy gets the methods with the first sync; then the store goes. */
  medusa_fake_server_add_status_fault (fixture->fake, "GET", METHODS_PATH, 200, NULL, METHODS_BODY, 1);
  sign_in_with_copy (fixture);
  go_offline (fixture);

  n_before = medusa_fake_server_get_n_requests (fixture->fake, "GET", METHODS_PATH);
  page = show_page (fixture, "payment-methods", MEDUSA_TYPE_PAYMENT_METHODS_PAGE);
  wt_wait_until (wt_find_row (page, VISA_ROW) != NULL && wt_is_visible_in (wt_find_row (page, VISA_ROW), page),
                 WT_TIMEOUT);
  g_assert_null (wt_find_label (page, "Could Not Load Payment Methods"));
  /* Offline, the store is not asked on every visit. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", METHODS_PATH), ==, n_before);

  /* Back online, the store's list (now none) replaces the copy's. */
  go_online (fixture);
  wt_wait_until (wt_find_label (page, "No Saved Payment Methods") != NULL, WT_TIMEOUT);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend: the tooltips' accessible description
   * is read. GTK reads the variable once, at the first widget. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, offline_fixture_setup, func, offline_fixture_teardown)

  ADD ("/widgets/offline/status-line", test_status_line);
  ADD ("/widgets/offline/status-signed-out", test_status_signed_out);
  g_test_add_func ("/widgets/offline/status-format-when", test_status_format_when);
  ADD ("/widgets/offline/profile", test_profile_offline);
  ADD ("/widgets/offline/addresses", test_addresses_offline);
  ADD ("/widgets/offline/credential-dialog", test_credential_dialog_offline);
  ADD ("/widgets/offline/payment-methods", test_payment_methods_from_copy);

#undef ADD

  return g_test_run ();
}
