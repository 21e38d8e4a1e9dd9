/* test-widgets-returns.c: the order page's Returns group and the return
 * dialog, in a real window against the fake store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-order-details-page.h"
#include "medusa-return-dialog.h"
#include "medusa-return-item-row.h"
#include "widget-test-utils.h"

#define wait_label(root, text) \
  wt_wait_until (wt_find_label ((root), (text)) != NULL, WT_TIMEOUT)

/* Signs in and shows order @display_id (1 pending, 2 shipped, 3 canceled). */
static GtkWidget *
show_order (WtFixture *fixture,
            guint      display_id)
{
  g_autofree char *title = g_strdup_printf ("Order #%u", display_id);
  GtkWidget *details;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-order", "s",
                              medusa_fake_server_get_order_id (fixture->fake, display_id));
  wt_fixture_wait_page (fixture, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);
  g_assert_nonnull (details);
  wait_label (details, title);
  return details;
}

static void
start (WtFixture *fixture)
{
  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 3);
  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
}

static void
test_offered (WtFixture     *fixture,
              gconstpointer  user_data)
{
  GtkWidget *details;

  start (fixture);

  /* Shipped: the group offers a return; nothing was returned yet. */
  details = show_order (fixture, 2);
  wt_wait_until (wt_find_button (details, "Request a Return…") != NULL, WT_TIMEOUT);
  g_assert_nonnull (wt_find_label (details, "You have not asked to return anything from this order."));

  /* Pending (not sent yet) and canceled: no return to ask for. */
  details = show_order (fixture, 1);
  wt_iterate_ms (300);
  g_assert_null (wt_find_button (details, "Request a Return…"));
  details = show_order (fixture, 3);
  wt_iterate_ms (300);
  g_assert_null (wt_find_button (details, "Request a Return…"));
}

static GtkWidget *
open_dialog (WtFixture *fixture,
             GtkWidget *details)
{
  GtkWidget *dialog;

  wt_wait_until (wt_find_button (details, "Request a Return…") != NULL, WT_TIMEOUT);
  wt_click (wt_find_button (details, "Request a Return…"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG) != NULL, WT_TIMEOUT);
  dialog = wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG);
  wt_wait_until (wt_find_by_type (dialog, MEDUSA_TYPE_RETURN_ITEM_ROW) != NULL, WT_TIMEOUT);
  return dialog;
}

static void
test_request_lost_answer (WtFixture     *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *details;
  GtkWidget *dialog;
  GtkWidget *row;
  GtkWidget *spin;
  const MedusaFakeRequest *sent;
  g_autofree char *key = NULL;

  start (fixture);
  details = show_order (fixture, 2);
  dialog = open_dialog (fixture, details);

  /* Nothing chosen: nothing to send. */
  g_assert_false (wt_button_sensitive (dialog, "Request Return"));

  /* The first item: at most what was bought (the spin stops there). */
  row = wt_find_by_type (dialog, MEDUSA_TYPE_RETURN_ITEM_ROW);
  spin = wt_find_by_type (row, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 99);
  g_assert_cmpint (medusa_return_item_row_get_quantity (MEDUSA_RETURN_ITEM_ROW (row)), <=,
                   (gint64) gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1);
  wt_wait_until (wt_button_sensitive (dialog, "Request Return"), WT_TIMEOUT);

  /* Reason "Wrong size", then its finer reason "Too small"; "Return by Post". */
  g_assert_false (wt_is_visible_in (wt_find_row (row, "Specific Reason"), row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (wt_find_row (row, "Reason")), 1);
  wt_wait_until (wt_is_visible_in (wt_find_row (row, "Specific Reason"), row), WT_TIMEOUT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wt_find_row (row, "Specific Reason")), 1);
  wt_type (row, "Note", "  Too tight  ");
  adw_combo_row_set_selected (ADW_COMBO_ROW (wt_find_row (dialog, "Shipping Method")), 1);

  /* The store makes the return, but the answer is lost. */
  medusa_fake_server_add_fault (fixture->fake, "POST", "/store/returns", MEDUSA_FAKE_FAULT_LOSE_ANSWER, 1);
  wt_click (wt_find_button (dialog, "Request Return"));
  wait_label (dialog, "Trying again will not ask for the return twice.");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", "/store/returns"), ==, 1);
  sent = medusa_fake_server_get_last_request (fixture->fake, "POST", "/store/returns");
  key = g_strdup (medusa_fake_request_get_header (sent, "Idempotency-Key"));
  g_assert_nonnull (key);
  {
    JsonObject *body = json_node_get_object (medusa_fake_request_get_body_json (sent));
    JsonObject *item = json_array_get_object_element (json_object_get_array_member (body, "items"), 0);

    g_assert_cmpint (json_object_get_int_member (item, "quantity"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (item, "reason_id"), ==, MEDUSA_FAKE_REASON_TOO_SMALL);
    g_assert_cmpstr (json_object_get_string_member (item, "note"), ==, "Too tight");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "return_shipping"),
                                                    "option_id"), ==, MEDUSA_FAKE_RETURN_OPTION_POST);
  }

  /* Trying again finds it in the order: no second return, the dialog closes
   * and the page lists the return as requested. */
  wt_click (wt_find_button (dialog, "Request Return"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", "/store/returns"), ==, 1);
  wait_label (details, "Return of ");
  wait_label (details, "1 × Test");
  wait_label (details, "(Too small)");
  wait_label (details, "Requested");
}

static void
test_options_error_retry (WtFixture     *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *details;
  GtkWidget *dialog;
  GtkStack *stack;

  start (fixture);
  details = show_order (fixture, 2);
  wt_wait_until (wt_find_button (details, "Request a Return…") != NULL, WT_TIMEOUT);

  /* Every attempt of the client fails (it retries a GET by itself). */
  medusa_fake_server_add_status_fault (fixture->fake, "GET", "/store/shipping-options", 500, NULL, NULL, 0);
  wt_click (wt_find_button (details, "Request a Return…"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG) != NULL, WT_TIMEOUT);
  dialog = wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG);
  stack = GTK_STACK (wt_find_by_type (dialog, GTK_TYPE_STACK));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0, WT_TIMEOUT);
  g_assert_null (wt_find_label (dialog, "{"));
  g_assert_false (wt_button_sensitive (dialog, "Request Return"));

  medusa_fake_server_clear_faults (fixture->fake);
  wt_click (wt_find_button (dialog, "Retry"));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "form") == 0, WT_TIMEOUT);
  g_assert_nonnull (wt_find_by_type (dialog, MEDUSA_TYPE_RETURN_ITEM_ROW));
  wait_label (dialog, "Standard Return · Free");
  gtk_window_close (GTK_WINDOW (dialog));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", "/store/returns"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)
  ADD ("/widgets/returns/offered", test_offered);
  ADD ("/widgets/returns/request-lost-answer", test_request_lost_answer);
  ADD ("/widgets/returns/options-error-retry", test_options_error_retry);
#undef ADD

  return g_test_run ();
}
