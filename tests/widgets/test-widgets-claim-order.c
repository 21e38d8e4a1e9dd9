/* test-widgets-claim-order.c: the "Find an Order Placed as a Guest" assistant
 * against tests/fake, with its error messages
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-claim-order-dialog.h"
#include "medusa-orders-page.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define GUEST_EMAIL "guest.shopper@example.com"
#define OTHER_EMAIL "other@example.com"

#define wait_label(root, text) \
  wt_wait_until (wt_find_label ((root), (text)) != NULL, WT_TIMEOUT)

/* 1..2 placed as a guest, 3 another account's, 4 the signed-in one's */
static GtkWidget *
open_assistant (WtFixture  *fixture,
                GtkWidget **page_out)
{
  GtkWidget *page;
  GtkWidget *dialog;

  medusa_fake_server_add_customer (fixture->fake, GUEST_EMAIL, NULL, NULL, NULL);
  medusa_fake_server_add_customer (fixture->fake, OTHER_EMAIL, "otherpassword", "Other", "Person");
  medusa_fake_server_add_orders (fixture->fake, GUEST_EMAIL, 2);
  medusa_fake_server_add_orders (fixture->fake, OTHER_EMAIL, 1);
  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 1);

  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  medusa_ui_navigate (GTK_WIDGET (fixture->window), "orders");
  wt_fixture_wait_page (fixture, "orders");
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDERS_PAGE);
  g_assert_nonnull (page);
  wait_label (page, "1 of 1 order");

  g_assert_true (gtk_widget_activate_action (page, "page.find-guest-order", NULL));
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_CLAIM_ORDER_DIALOG)) != NULL, WT_TIMEOUT);
  wt_wait_until (gtk_widget_get_mapped (dialog), WT_TIMEOUT);
  if (page_out != NULL)
    *page_out = page;
  return dialog;
}

static void
find (GtkWidget  *dialog,
      const char *number,
      const char *email)
{
  wt_type (dialog, "Order Number", number);
  wt_type (dialog, "Email Address of the Order", email);
  wt_click (wt_find_button (dialog, "Find Order"));
}

static void
test_lookup_messages (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *dialog = open_assistant (fixture, NULL);

  /* the account's email is offered */
  g_assert_cmpstr (wt_text_of (dialog, "Email Address of the Order"), ==, WT_EMAIL);

  find (dialog, "abc", GUEST_EMAIL);
  wait_label (dialog, "Enter the order number");
  find (dialog, "1", "not an email");
  wait_label (dialog, "Enter the email address the order was placed with.");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/orders"), ==, 0);

  find (dialog, "1", "someone.else@example.com");
  wait_label (dialog, "No order with this number was placed with this email address.");
  /* nothing typed is lost */
  g_assert_cmpstr (wt_text_of (dialog, "Order Number"), ==, "1");

  find (dialog, "3", OTHER_EMAIL);
  wait_label (dialog, "Order #3 belongs to another account and cannot be added to yours.");

  find (dialog, "#4", WT_EMAIL);
  wait_label (dialog, "Order #4 is already in your account.");

  medusa_fake_server_add_status_fault (fixture->fake, "GET", "/store/orders?", 500, NULL, NULL, 0);
  find (dialog, "1", GUEST_EMAIL);
  wait_label (dialog, "Could not look up the order");
  medusa_fake_server_clear_faults (fixture->fake);

  find (dialog, "1", "Guest.Shopper@Example.com");
  wait_label (dialog, "Order #1:");
  g_assert_true (wt_button_sensitive (dialog, "Send Confirmation Email"));
  /* ready for the next one */
  g_assert_cmpstr (wt_text_of (dialog, "Order Number"), ==, "");

  find (dialog, "1", GUEST_EMAIL);
  wait_label (dialog, "Order #1 is already in the list.");

  /* nothing was asked of the store */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST",
                                                       "/store/orders/batch/customer/token"), ==, 0);

  /* signing out (a shared workstation) closes it with what it holds */
  medusa_session_sign_out_async (fixture->session, NULL, NULL, NULL);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_CLAIM_ORDER_DIALOG) == NULL, WT_TIMEOUT);
}

static void
test_claim_two (WtFixture     *fixture,
                gconstpointer  user_data)
{
  GtkWidget *page = NULL;
  GtkWidget *dialog = open_assistant (fixture, &page);
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;
  gint64 before;

  find (dialog, "1", GUEST_EMAIL);
  wait_label (dialog, "Order #1:");
  find (dialog, "2", GUEST_EMAIL);
  wait_label (dialog, "Order #2:");

  /* the store fails once: say so, keep the list */
  medusa_fake_server_add_status_fault (fixture->fake, "POST", "/store/orders/batch", 500, NULL, NULL, 1);
  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  wait_label (dialog, "Could not send the confirmation email");

  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  wait_label (dialog, "The store is sending a confirmation email to " GUEST_EMAIL);
  token = g_strdup (medusa_fake_server_get_claim_token (fixture->fake, GUEST_EMAIL));
  g_assert_nonnull (token);

  /* not a code */
  wt_type (dialog, "Confirmation Code or Link", "see the email");
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wait_label (dialog, "This is not a confirmation code");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST",
                                                       "/store/orders/customer/confirm"), ==, 0);

  /* expired (or wrong): the store's 500 */
  medusa_fake_server_expire_claim_tokens (fixture->fake);
  link = g_strconcat ("https://shop.example/claim?token=", token, NULL);
  wt_type (dialog, "Confirmation Code or Link", link);
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wait_label (dialog, "The confirmation code is wrong or has expired.");
  g_assert_cmpstr (wt_text_of (dialog, "Confirmation Code or Link"), ==, link);

  /* back, a new email, its link */
  wt_click (wt_find_button (dialog, "Back to the Order Search"));
  wt_wait_until (wt_find_label (dialog, "The store is sending a confirmation email") == NULL, WT_TIMEOUT);
  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  /* the answer came (the fake made the new token before it answered) */
  wait_label (dialog, "The store is sending a confirmation email to " GUEST_EMAIL);
  g_assert_cmpstr (medusa_fake_server_get_claim_token (fixture->fake, GUEST_EMAIL), !=, token);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&link, g_free);
  token = g_strdup (medusa_fake_server_get_claim_token (fixture->fake, GUEST_EMAIL));
  link = g_strconcat ("  https://shop.example/claim?token=", token, "\n", NULL);
  before = medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/customers/me/orders");
  wt_type (dialog, "Confirmation Code or Link", link);
  wt_press_enter (wt_find_entry (dialog, "Confirmation Code or Link"));
  wait_label (dialog, "Added to Your Account");

  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (fixture->fake, 1), ==, fixture->customer_id);
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (fixture->fake, 2), ==, fixture->customer_id);

  /* the orders page shows them without being asked */
  wait_label (page, "3 of 3 orders");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/customers/me/orders"), >, before);

  wt_click (wt_find_button (dialog, "Close"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_CLAIM_ORDER_DIALOG) == NULL, WT_TIMEOUT);
}

/* Orders of two emails: two codes, one per email. */
static void
test_claim_two_emails (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *dialog = open_assistant (fixture, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  medusa_fake_server_add_customer (fixture->fake, "second.guest@example.com", NULL, NULL, NULL);
  medusa_fake_server_add_orders (fixture->fake, "second.guest@example.com", 1);   /* #5 */

  find (dialog, "1", GUEST_EMAIL);
  wait_label (dialog, "Order #1:");
  find (dialog, "5", "second.guest@example.com");
  wait_label (dialog, "Order #5:");
  wt_click (wt_find_button (dialog, "Send Confirmation Email"));
  wait_label (dialog, "sending a confirmation email to " GUEST_EMAIL ", second.guest@example.com.");

  first = g_strdup (medusa_fake_server_get_claim_token (fixture->fake, GUEST_EMAIL));
  second = g_strdup (medusa_fake_server_get_claim_token (fixture->fake, "second.guest@example.com"));
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  wt_type (dialog, "Confirmation Code or Link", first);
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wait_label (dialog, "Paste the code or link from the other confirmation email too.");
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (fixture->fake, 1), ==, fixture->customer_id);
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (fixture->fake, 5), !=, fixture->customer_id);
  g_assert_cmpstr (wt_text_of (dialog, "Confirmation Code or Link"), ==, "");

  wt_type (dialog, "Confirmation Code or Link", second);
  wt_click (wt_find_button (dialog, "Add to My Account"));
  wait_label (dialog, "Added to Your Account");
  g_assert_cmpstr (medusa_fake_server_get_order_customer_id (fixture->fake, 5), ==, fixture->customer_id);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  wt_init (&argc, &argv);

  g_test_add ("/widgets/claim-order/lookup-messages", WtFixture, NULL,
              wt_fixture_setup, test_lookup_messages, wt_fixture_teardown);
  g_test_add ("/widgets/claim-order/claim-two", WtFixture, NULL,
              wt_fixture_setup, test_claim_two, wt_fixture_teardown);
  g_test_add ("/widgets/claim-order/two-emails", WtFixture, NULL,
              wt_fixture_setup, test_claim_two_emails, wt_fixture_teardown);

  return g_test_run ();
}
