/* test-widgets-export.c: "Export Orders…" driven through its widgets
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Orders page's action with a search typed (the file chooser answered
 * as a person would), the progress dialog (count, bar, the toast at the
 * end), Cancel (nothing left in the folder) and a folder that may not be
 * written (a message dialog that says so), against the in-process fake
 * Store API, in the real window.
 */
#define G_LOG_DOMAIN "WidgetTestExport"

#include "config.h"

#include <glib/gstdio.h>

#include "medusa-order-export-dialog.h"
#include "medusa-orders-page.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define ORDERS_PATH "/store/customers/me/orders"
#define N_ORDERS    120

/* Helpers */

static void
sign_in_with_orders (WtFixture *fixture)
{
  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, N_ORDERS);
  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("medusa-widget-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static guint
n_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static guint
n_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static GtkWidget *
start_export (WtFixture  *fixture,
              const char *path)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;

  dialog = medusa_order_export_dialog_start (GTK_WIDGET (fixture->window), fixture->session, query, FALSE, file);
  g_assert_nonnull (dialog);
  g_assert_true (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG) == dialog);
  return dialog;
}

/* Tests */

/* The count and the bar follow the pages; the end is a toast and the file. */
static void
test_progress_and_done (WtFixture     *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GtkWidget) dialog = NULL;
  GtkProgressBar *bar;

  sign_in_with_orders (fixture);
  /* the second page takes its time: the dialog shows where it is */
  medusa_fake_server_add_delay_fault (fixture->fake, "GET", ORDERS_PATH "?offset=50&", 1500, 1);

  /* a reference of the test's own: the dialog may go in any iteration */
  dialog = g_object_ref (start_export (fixture, path));
  g_assert_nonnull (wt_find_label (dialog, "Exporting Orders"));
  g_assert_nonnull (wt_find_label (dialog, path));
  wt_wait_until (wt_find_label (dialog, "50 of 120 orders") != NULL, WT_TIMEOUT);
  bar = GTK_PROGRESS_BAR (wt_find_by_type (dialog, GTK_TYPE_PROGRESS_BAR));
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 50.0 / 120.0, 0.001);
  g_assert_true (wt_button_sensitive (dialog, "Cancel"));

  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG) == NULL, WT_TIMEOUT);
  wt_wait_until (wt_window_find_label (fixture, "Exported 120 orders to “orders.csv”") != NULL, WT_TIMEOUT);
  g_assert_cmpuint (n_lines (path), ==, N_ORDERS + 1);
  g_assert_cmpuint (n_entries (dir), ==, 1);

  remove_dir (dir);
}

/* Cancel between two pages: the dialog goes, nothing is left, no toast. */
static void
test_cancel (WtFixture     *fixture,
             gconstpointer  user_data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GtkWidget) dialog = NULL;
  GtkWidget *button;

  sign_in_with_orders (fixture);
  medusa_fake_server_add_delay_fault (fixture->fake, "GET", ORDERS_PATH "?offset=50&", 3000, 1);

  /* a reference of the test's own: the dialog may go in any iteration */
  dialog = g_object_ref (start_export (fixture, path));
  wt_wait_until (wt_find_label (dialog, "50 of 120 orders") != NULL, WT_TIMEOUT);
  /* the temporary file is there */
  g_assert_cmpuint (n_entries (dir), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  button = wt_find_button (dialog, "Cancel");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (wt_find_label (dialog, "Cancelling…"));
  g_assert_false (gtk_widget_get_sensitive (button));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG) == NULL, WT_TIMEOUT);

  g_assert_cmpuint (n_entries (dir), ==, 0);
  wt_iterate_ms (200);
  g_assert_null (wt_window_find_label (fixture, "Exported"));
  g_assert_null (wt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  remove_dir (dir);
}

/* Signing out stops the export: the dialog goes, nothing is left. */
static void
test_sign_out_cancels (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GtkWidget) dialog = NULL;

  sign_in_with_orders (fixture);
  medusa_fake_server_add_delay_fault (fixture->fake, "GET", ORDERS_PATH "?offset=50&", 3000, 1);

  /* a reference of the test's own: the dialog may go in any iteration */
  dialog = g_object_ref (start_export (fixture, path));
  wt_wait_until (wt_find_label (dialog, "50 of 120 orders") != NULL, WT_TIMEOUT);
  medusa_session_sign_out_async (fixture->session, NULL, NULL, NULL);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpuint (n_entries (dir), ==, 0);
  g_assert_null (wt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  remove_dir (dir);
}

/* A folder that may not be written: a message dialog that says so. */
static void
test_read_only_folder (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  g_autofree char *path = NULL;
  const char *folder = dir;
  GtkWidget *message;

  sign_in_with_orders (fixture);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  /* root writes into a mode-0555 folder: then sysfs, which takes no new
   * files from anybody */
  if (g_file_set_contents (probe, "", 0, NULL))
    {
      g_remove (probe);
      folder = "/sys";
    }
  path = g_build_filename (folder, "orders.csv", NULL);

  start_export (fixture, path);
  wt_wait_until (wt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, WT_TIMEOUT);
  message = wt_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Could Not Export Orders");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), folder));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "Choose another folder"));
  g_assert_null (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_chmod (dir, 0700);
  remove_dir (dir);
}

/* The Orders page's action: the file chooser (GTK's own, no portal), then
 * the export of what the search finds. */
static void
test_orders_page_action (WtFixture     *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "found.csv", NULL);
  GtkWidget *page;
  GtkWidget *search;
  GtkWidget *chooser;
  const MedusaFakeRequest *request;

  sign_in_with_orders (fixture);
  medusa_ui_navigate (GTK_WIDGET (fixture->window), "orders");
  wt_fixture_wait_page (fixture, "orders");
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDERS_PAGE);
  search = wt_find_by_type (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "11");

  g_assert_true (gtk_widget_activate_action (page, "page.export-orders", NULL));
  wt_wait_until (wt_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, WT_TIMEOUT);
  chooser = wt_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, "orders.csv");
  /* a whole path in the name field, as a person may type it */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  medusa_fake_server_clear_requests (fixture->fake);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  wt_wait_until (g_file_test (path, G_FILE_TEST_EXISTS), WT_TIMEOUT);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ORDER_EXPORT_DIALOG) == NULL, WT_TIMEOUT);
  request = medusa_fake_server_get_last_request (fixture->fake, "GET", ORDERS_PATH);
  g_assert_nonnull (request);
  g_assert_true (g_str_has_prefix (medusa_fake_request_get_query (request), "q=11&"));
  /* 11, 110 … 119: the fake's q looks at display_id too */
  g_assert_cmpuint (n_lines (path), >, 1);
  g_assert_cmpuint (n_lines (path), <, N_ORDERS + 1);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/export/progress-and-done", test_progress_and_done);
  ADD ("/widgets/export/cancel", test_cancel);
  ADD ("/widgets/export/sign-out-cancels", test_sign_out_cancels);
  ADD ("/widgets/export/read-only-folder", test_read_only_folder);
  ADD ("/widgets/export/orders-page-action", test_orders_page_action);

#undef ADD

  return g_test_run ();
}
