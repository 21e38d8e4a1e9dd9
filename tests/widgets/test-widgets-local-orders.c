/* test-widgets-local-orders.c: the order history and an order's page from
 * the local copy of the account (issue 11)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unlike the other widget tests, these keep a local copy (keep-local-copy
 * on): the session syncs it on sign-in, and the pages then read it.
 */

#include "config.h"

#include <string.h>

#include "medusa-enums.h"
#include "medusa-order-details-page.h"
#include "medusa-orders-page.h"
#include "medusa-store-profiles.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define ORDERS_PATH "/store/customers/me/orders"
#define N_ORDERS    45

/* Waits for a visible label containing @text under @root. */
#define wait_label(root, text) \
  wt_wait_until (wt_find_label ((root), (text)) != NULL, WT_TIMEOUT)

/* Fixture: the common one, with the local copy kept */

static void
fixture_setup (WtFixture     *fixture,
               gconstpointer  user_data)
{
  GSettings *settings;

  wt_fixture_setup (fixture, user_data);
  settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "keep-local-copy", TRUE);
  g_object_set (fixture->session, "auto-sync", FALSE, NULL);
}

static void
fixture_teardown (WtFixture     *fixture,
                  gconstpointer  user_data)
{
  wt_fixture_teardown (fixture, user_data);
  g_settings_reset (medusa_store_profiles_get_settings (medusa_store_profiles_get_default ()),
                    "keep-local-copy");
}

/* Helpers */

static gboolean
synced (WtFixture *fixture,
        GDateTime *after)
{
  GDateTime *last = medusa_session_get_last_synced (fixture->session);

  return last != NULL && !medusa_session_get_syncing (fixture->session) &&
         (after == NULL || g_date_time_compare (last, after) > 0);
}

/* Signs in with N_ORDERS orders in the store and waits for the first sync. */
static void
sign_in_synced (WtFixture *fixture)
{
  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, N_ORDERS);
  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  wt_wait_until (synced (fixture, NULL), WT_TIMEOUT);
  g_assert_nonnull (medusa_session_get_account_store (fixture->session));
}

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

static GtkWidget *
search_entry (GtkWidget *page)
{
  GtkWidget *entry = wt_find_by_type (page, GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

/* The orders page's own list requests (expand=items; a sync's never expand) */
static guint
n_list_requests (WtFixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < medusa_fake_server_get_n_requests (fixture->fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (fixture->fake, i);
      const char *query = medusa_fake_request_get_query (request);

      if (g_strcmp0 (medusa_fake_request_get_path (request), ORDERS_PATH) == 0 &&
          query != NULL && strstr (query, "expand=items") != NULL)
        n++;
    }
  return n;
}

/* Any order list request since the copy was filled that searched (q=) */
static gboolean
any_search_request (WtFixture *fixture)
{
  for (guint i = 0; i < medusa_fake_server_get_n_requests (fixture->fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (fixture->fake, i);
      const char *query = medusa_fake_request_get_query (request);

      if (g_strcmp0 (medusa_fake_request_get_path (request), ORDERS_PATH) == 0 &&
          query != NULL && (g_str_has_prefix (query, "q=") || strstr (query, "&q=") != NULL))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
activate_order (GtkWidget *orders_page,
                guint      position)
{
  GtkWidget *list_view = wt_find_by_type (orders_page, GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list_view);
  g_signal_emit_by_name (list_view, "activate", position);
  wt_iterate_ms (5);
}

static GtkAdjustment *
list_adjustment (GtkWidget *page)
{
  GtkWidget *w = wt_find_by_type (page, GTK_TYPE_LIST_VIEW);

  while (w != NULL && !GTK_IS_SCROLLED_WINDOW (w))
    w = gtk_widget_get_parent (w);
  g_assert_nonnull (w);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));
}

/* Cases */

/* The first rows come from the copy: a store that takes 5 s to answer does
 * not hold them back, and it is not asked for the list (only the copy's
 * sync, which the page starts, asks it). */
static void
test_first_rows_from_copy (WtFixture     *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *page;
  guint n_before;

  sign_in_synced (fixture);
  medusa_fake_server_add_delay_fault (fixture->fake, "GET", ORDERS_PATH, 5000, 0);
  n_before = n_list_requests (fixture);

  page = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wt_wait_until (wt_find_label (page, "45 of 45 orders") != NULL, 2000);
  g_assert_cmpuint (n_list_requests (fixture), ==, n_before);
  g_assert_true (medusa_session_get_syncing (fixture->session));
  medusa_fake_server_clear_faults (fixture->fake);
  wt_wait_until (!medusa_session_get_syncing (fixture->session), WT_TIMEOUT);
}

/* Searching reads the copy's full-text index: product titles, SKUs, and
 * what is FTS syntax elsewhere is plain text here. */
static void
test_search_copy (WtFixture     *fixture,
                  gconstpointer  user_data)
{
  static const char * const plain[] = { "\"mug", "(mug)", "mug*", "mug:", "MUG\"*" };
  GtkWidget *page;

  sign_in_synced (fixture);
  page = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "45 of 45 orders");

  /* "Test Mug" is in every even order */
  wt_set_text (search_entry (page), "mug");
  wait_label (page, "22 of 22 orders");

  /* SKU TSHIRT-M: orders 1, 4, …, 43 */
  wt_set_text (search_entry (page), "tshirt-m");
  wait_label (page, "15 of 15 orders");

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      wt_set_text (search_entry (page), "");
      wait_label (page, "45 of 45 orders");
      wt_set_text (search_entry (page), plain[i]);
      wait_label (page, "22 of 22 orders");
      g_assert_null (wt_find_label (page, "Could Not Load Orders"));
    }

  g_assert_false (any_search_request (fixture));
}

/* The search and the status filters together, in the copy */
static void
test_search_with_status (WtFixture     *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *menu_button;
  GtkWidget *check;

  sign_in_synced (fixture);
  page = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "45 of 45 orders");

  wt_set_text (search_entry (page), "mug");
  wait_label (page, "22 of 22 orders");

  menu_button = wt_find_by_type (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  check = find_check (page, medusa_order_status_to_label (MEDUSA_ORDER_STATUS_PENDING));
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);

  /* Pending with a mug: orders 4, 10, 16, 22, 28, 34, 40 */
  wait_label (page, "7 of 7 orders");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  g_assert_false (any_search_request (fixture));
}

/* A sync that changes the copy updates the list where it is: the search
 * text and the scroll position stay. */
static void
test_sync_updates_in_place (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GDateTime) before = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *page;
  double scrolled;

  sign_in_synced (fixture);
  page = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "45 of 45 orders");
  /* the sync the page started */
  wt_wait_until (!medusa_session_get_syncing (fixture->session), WT_TIMEOUT);
  wt_set_text (search_entry (page), "mug");
  wait_label (page, "22 of 22 orders");

  adjustment = list_adjustment (page);
  wt_wait_until (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 200, WT_TIMEOUT);
  gtk_adjustment_set_value (adjustment, 200);
  wt_iterate_ms (50);
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scrolled, >, 100);

  /* Order 46 (with a mug) is placed; a sync brings it */
  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 1);
  before = g_date_time_ref (medusa_session_get_last_synced (fixture->session));
  g_usleep (2000);
  medusa_session_refresh_async (fixture->session, NULL, NULL, NULL);
  wt_wait_until (synced (fixture, before), WT_TIMEOUT);
  wait_label (page, "23 of 23 orders");
  wt_iterate_ms (50);

  g_assert_cmpstr (wt_get_text (search_entry (page)), ==, "mug");
  /* The rows seen stay in view: the new one came above them */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=, scrolled);
}

/* An order opened once is shown from the copy when the store cannot be
 * reached, and the page says so. */
static void
test_details_offline (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *orders;
  GtkWidget *details;
  const char *note = "This is the copy saved on this computer";

  sign_in_synced (fixture);
  orders = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (orders, "45 of 45 orders");

  /* Newest first: the second row is order #44 (completed, shipped) */
  activate_order (orders, 1);
  wt_fixture_wait_page (fixture, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);
  wait_label (details, "Order #44");
  g_assert_null (wt_find_label (details, note));

  /* The store is gone */
  medusa_fake_server_add_fault (fixture->fake, NULL, NULL, MEDUSA_FAKE_FAULT_DISCONNECT, 0);
  orders = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  activate_order (orders, 2);
  wt_fixture_wait_page (fixture, "order-details");
  wait_label (details, "Could Not Load the Order");

  orders = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  activate_order (orders, 1);
  wt_fixture_wait_page (fixture, "order-details");
  wait_label (details, note);
  g_assert_nonnull (wt_find_label (details, "Order #44"));
  g_assert_nonnull (wt_find_row (details, "Test Mug"));
  g_assert_nonnull (wt_find_label (details, "TRACK-44"));
  g_assert_null (wt_find_label (details, "Could Not Load the Order"));
  medusa_fake_server_clear_faults (fixture->fake);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/local-orders/first-rows-from-copy", test_first_rows_from_copy);
  ADD ("/local-orders/search-copy", test_search_copy);
  ADD ("/local-orders/search-with-status", test_search_with_status);
  ADD ("/local-orders/sync-updates-in-place", test_sync_updates_in_place);
  ADD ("/local-orders/details-offline", test_details_offline);

#undef ADD

  return g_test_run ();
}
