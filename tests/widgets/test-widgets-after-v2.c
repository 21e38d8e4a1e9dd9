/* test-widgets-after-v2.c: the guest order assistant and the return dialog
 * on a Medusa v2 store (the fake in v2 mode)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant asks for the order's id (no email: v2 has no lookup by
 * number and email) and confirms with the code of each order; the return
 * dialog lists the order's return options and, after an attempt whose
 * answer was lost and a changed quantity, does not ask twice.
 */
#define G_LOG_DOMAIN "TestWidgetsAfterV2"

#include "config.h"

#include "medusa-claim-order-dialog.h"
#include "medusa-guest-orders.h"
#include "medusa-return-dialog.h"
#include "medusa-return-item-row.h"
#include "medusa-store-profiles.h"
#include "widget-test-utils.h"

#define KEY "pk_widget_v2_after"
#define GUEST "guest.v2@example.com"

#define wait_label(root, text) \
  wt_wait_until (wt_find_label ((root), (text)) != NULL, WT_TIMEOUT)

/* A v2 fake with the fixture's customer and a guest's three orders (2 is
 * shipped), the session on it, signed in. */
static MedusaFakeServer *
use_v2_store (WtFixture *fx)
{
  MedusaFakeServer *v2 = medusa_fake_server_new ();
  const char *url = medusa_fake_server_get_url (v2);
  g_autoptr(GError) error = NULL;

  medusa_fake_server_set_v2 (v2, KEY);
  medusa_fake_server_add_customer (v2, WT_EMAIL, WT_PASSWORD, WT_FIRST_NAME, WT_LAST_NAME);
  medusa_fake_server_add_customer (v2, GUEST, NULL, "Guest", "Buyer");
  medusa_fake_server_add_orders (v2, GUEST, 3);
  medusa_store_profiles_set_version (medusa_store_profiles_get_default (), url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (fx->session, url, KEY, "Fake v2", &error));
  g_assert_no_error (error);
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  /* The first sync (the customer and the order history) is over before a
   * test counts what its dialog asks. */
  wt_iterate_ms (50);
  wt_wait_until (!medusa_session_get_syncing (fx->session), WT_TIMEOUT);
  wt_iterate_ms (50);
  return v2;
}

static void
forget_v2_store (MedusaFakeServer *v2)
{
  medusa_store_profiles_remove (medusa_store_profiles_get_default (), medusa_fake_server_get_url (v2));
}

static void
test_claim_by_id (WtFixture     *fx,
                  gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  const char *order_id = medusa_fake_server_get_order_id (v2, 2);
  g_autofree char *link = g_strdup_printf ("https://shop.example/order/%s", order_id);
  GtkWidget *dialog;
  GtkStack *stack;
  const char *token;
  const char *me;

  medusa_fake_server_clear_requests (v2);
  dialog = GTK_WIDGET (medusa_claim_order_dialog_new (GTK_WINDOW (fx->window), fx->session));
  gtk_window_present (GTK_WINDOW (dialog));
  wt_wait_until (gtk_widget_get_mapped (dialog), WT_TIMEOUT);

  /* By id: no email to type. */
  g_assert_nonnull (wt_find_row (dialog, "Order ID"));
  g_assert_false (wt_is_visible_in (wt_find_row (dialog, "Email Address of the Order"), dialog));

  wt_click (wt_find_button (dialog, "Find Order"));
  wait_label (dialog, "Enter the order ID from the order confirmation");
  wt_type (dialog, "Order ID", "1042");
  wt_click (wt_find_button (dialog, "Find Order"));
  wait_label (dialog, "This is not an order ID.");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "GET", NULL), ==, 0);

  wt_type (dialog, "Order ID", link);
  wt_click (wt_find_button (dialog, "Find Order"));
  wait_label (dialog, "Order #2:");

  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  stack = GTK_STACK (wt_find_by_type (dialog, GTK_TYPE_STACK));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "confirm") == 0, WT_TIMEOUT);
  wait_label (dialog, "an email with a code for each order to " GUEST);
  token = medusa_fake_server_get_transfer_token (v2, order_id);
  g_assert_nonnull (token);

  /* A wrong code: the store's "Invalid token." in words; nothing lost. */
  wt_type (dialog, "Confirmation Code or Link", "00000000-0000-4000-8000-000000000000");
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wait_label (dialog, "The confirmation code is wrong.");
  g_assert_null (wt_find_label (dialog, "Invalid token"));

  wt_type (dialog, "Confirmation Code or Link", token);
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "done") == 0, WT_TIMEOUT);
  me = medusa_customer_get_id (medusa_session_get_customer (fx->session));
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (v2, 2), ==, me);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/store/orders/batch/customer/token"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  forget_v2_store (v2);
}

/* A request can be taken back: the code no longer works, a new request can
 * be made. */
static void
test_claim_cancel (WtFixture     *fx,
                   gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  const char *order_id = medusa_fake_server_get_order_id (v2, 1);
  GtkWidget *dialog;
  GtkStack *stack;

  dialog = GTK_WIDGET (medusa_claim_order_dialog_new (GTK_WINDOW (fx->window), fx->session));
  gtk_window_present (GTK_WINDOW (dialog));
  wt_wait_until (gtk_widget_get_mapped (dialog), WT_TIMEOUT);
  stack = GTK_STACK (wt_find_by_type (dialog, GTK_TYPE_STACK));

  wt_type (dialog, "Order ID", order_id);
  wt_click (wt_find_button (dialog, "Find Order"));
  wait_label (dialog, "Order #1:");
  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "confirm") == 0, WT_TIMEOUT);
  g_assert_nonnull (medusa_fake_server_get_transfer_token (v2, order_id));

  wt_click (wt_find_button (dialog, "Take Back the Requests"));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "find") == 0, WT_TIMEOUT);
  wait_label (dialog, "The requests were taken back");
  g_assert_null (medusa_fake_server_get_transfer_token (v2, order_id));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", NULL), >=, 2);

  /* asking again works (nothing waits any more) */
  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  wt_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "confirm") == 0, WT_TIMEOUT);
  g_assert_nonnull (medusa_fake_server_get_transfer_token (v2, order_id));

  gtk_window_destroy (GTK_WINDOW (dialog));
  forget_v2_store (v2);
}

static MedusaOrder *
fetch_order (WtFixture   *fx,
             const char  *order_id)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  MedusaOrder *order;

  medusa_client_find_guest_order_async (medusa_session_get_client (fx->session), order_id, NULL, NULL,
                                        medusa_fake_async_result_cb, &slot);
  wt_wait_until (slot != NULL, WT_TIMEOUT);
  order = medusa_client_find_guest_order_finish (medusa_session_get_client (fx->session), slot,
                                                 NULL, NULL, &error);
  g_object_unref (slot);
  g_assert_no_error (error);
  return order;
}

static void
test_return_lost_answer (WtFixture     *fx,
                         gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  const char *order_id = medusa_fake_server_get_order_id (v2, 2);
  g_autoptr(MedusaOrder) order = fetch_order (fx, order_id);
  g_autoptr(MedusaLineItem) item = g_list_model_get_item (medusa_order_get_items (order), 0);
  GtkWidget *dialog;
  GtkWidget *row;
  GtkWidget *spin;

  g_assert_cmpint (medusa_line_item_get_quantity (item), >=, 2);
  medusa_fake_server_clear_requests (v2);
  dialog = medusa_return_dialog_new (fx->session, order, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fx->window));
  gtk_window_present (GTK_WINDOW (dialog));
  wt_wait_until (wt_find_by_type (dialog, MEDUSA_TYPE_RETURN_ITEM_ROW) != NULL, WT_TIMEOUT);

  /* Only the order's return options (by its cart), not the outbound one. */
  wait_label (dialog, "Return Shipping · Free");
  g_assert_null (wt_find_label (dialog, "Standard Shipping"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "GET", "/store/shipping-options"), ==, 1);

  row = wt_find_by_type (dialog, MEDUSA_TYPE_RETURN_ITEM_ROW);
  spin = wt_find_by_type (row, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1);
  wt_wait_until (wt_button_sensitive (dialog, "Request Return"), WT_TIMEOUT);

  /* The store makes the return, the answer is lost. */
  medusa_fake_server_add_fault (v2, "POST", "/store/returns", MEDUSA_FAKE_FAULT_LOSE_ANSWER, 1);
  wt_click (wt_find_button (dialog, "Request Return"));
  wait_label (dialog, "Trying again will not ask for the return twice.");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/store/returns"), ==, 1);
  g_assert_cmpint (medusa_fake_server_get_v2_return_requested (v2, order_id, medusa_line_item_get_id (item)),
                   ==, 1);

  /* The person changes the quantity, then tries again: no second return. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  wt_click (wt_find_button (dialog, "Request Return"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_RETURN_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/store/returns"), ==, 1);
  g_assert_cmpint (medusa_fake_server_get_v2_return_requested (v2, order_id, medusa_line_item_get_id (item)),
                   ==, 1);
  forget_v2_store (v2);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)
  ADD ("/widgets/after-v2/claim-by-id", test_claim_by_id);
  ADD ("/widgets/after-v2/claim-cancel", test_claim_cancel);
  ADD ("/widgets/after-v2/return-lost-answer", test_return_lost_answer);

  return g_test_run ();
}
