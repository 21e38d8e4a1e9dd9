/* test-widgets-v2.c: the pages on a Medusa v2 store (the fake in v2 mode)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order history of a v2 store (through the dialect) on the Orders
 * page, the order's page and the Overview; the Forgot Password and Reset
 * Password pages reset a v2 password unchanged.
 */
#define G_LOG_DOMAIN "TestWidgetsV2"

#include "config.h"

#include <string.h>

#include "medusa-forgot-password-page.h"
#include "medusa-money.h"
#include "medusa-order-details-page.h"
#include "medusa-orders-page.h"
#include "medusa-overview-page.h"
#include "medusa-profile-page.h"
#include "medusa-reset-password-page.h"
#include "medusa-sign-in-page.h"
#include "medusa-store-profiles.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define KEY "pk_widget_v2"

#define wait_label(root, text)                                                       \
  G_STMT_START {                                                                       \
    gint64 end_ = g_get_monotonic_time () + WT_TIMEOUT * 1000;                         \
    while (wt_find_label ((root), (text)) == NULL)                                     \
      {                                                                                \
        if (g_get_monotonic_time () > end_)                                            \
          {                                                                            \
            g_autofree char *labels_ = wt_dump_labels (root);                          \
            g_autofree char *msg_ = g_strdup_printf ("no label “%s”; shown: %s",       \
                                                     (text), labels_);                 \
            g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg_);   \
            break;                                                                     \
          }                                                                            \
        wt_iterate ();                                                                 \
      }                                                                                \
  } G_STMT_END

/* A v2 fake with the fixture's customer, the session on it. */
static MedusaFakeServer *
use_v2_store (WtFixture *fx)
{
  MedusaFakeServer *v2 = medusa_fake_server_new ();
  const char *url = medusa_fake_server_get_url (v2);
  g_autoptr(GError) error = NULL;

  medusa_fake_server_set_v2 (v2, KEY);
  medusa_fake_server_add_customer (v2, WT_EMAIL, WT_PASSWORD, WT_FIRST_NAME, WT_LAST_NAME);
  medusa_store_profiles_set_version (medusa_store_profiles_get_default (), url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (fx->session, url, KEY, "Fake v2", &error));
  g_assert_no_error (error);
  return v2;
}

static void
forget_v2_store (MedusaFakeServer *v2)
{
  medusa_store_profiles_remove (medusa_store_profiles_get_default (), medusa_fake_server_get_url (v2));
}

static GtkWidget *
show_page (WtFixture  *fx,
           const char *name,
           GType       type)
{
  GtkWidget *page;

  medusa_ui_navigate (GTK_WIDGET (fx->window), name);
  wt_fixture_wait_page (fx, name);
  page = wt_find_by_type (GTK_WIDGET (fx->window), type);
  g_assert_nonnull (page);
  return page;
}

static guint
n_order_requests (MedusaFakeServer *fake)
{
  return medusa_fake_server_get_n_requests (fake, "GET", "/store/customers/me/orders") +
         medusa_fake_server_get_n_requests (fake, "GET", "/store/orders");
}

/* The Orders page lists a v2 store's orders through the dialect (newest
 * first, money exact), searches them, and opens one. */
static void
test_orders_v2 (WtFixture     *fx,
                gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  g_autofree char *total = medusa_money_format (3 * 1950 + 1200 + 800, "eur");
  GtkWidget *page;
  GtkWidget *details;
  GtkWidget *list_view;

  medusa_fake_server_add_orders (v2, WT_EMAIL, 3);
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  page = show_page (fx, "orders", MEDUSA_TYPE_ORDERS_PAGE);

  wait_label (page, "3 of 3 orders");
  g_assert_null (wt_find_label (page, "Order history not available yet"));
  g_assert_true (wt_is_visible_in (wt_find_by_type (page, GTK_TYPE_SEARCH_ENTRY), page));
  g_assert_cmpuint (n_order_requests (v2), >, 0);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "GET", "/store/customers/me/orders"), ==, 0);

  /* Newest first: the second row is order #2 (completed, shipped). */
  list_view = wt_find_by_type (page, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  g_signal_emit_by_name (list_view, "activate", 1);
  wt_fixture_wait_page (fx, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);
  g_assert_nonnull (details);
  wait_label (details, "Order #2");
  g_assert_nonnull (wt_find_row (details, "Test T-Shirt"));
  g_assert_nonnull (wt_find_row (details, "Test Mug"));
  g_assert_nonnull (wt_find_label (details, total));
  g_assert_null (wt_window_find_label (fx, "Could not"));
  /* The shipment's state, without the item count or tracking number the
   * store does not send. */
  {
    GtkWidget *row = wt_find_row (details, "Shipment 1");
    const char *subtitle;

    g_assert_nonnull (row);
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_assert_true (g_str_has_prefix (subtitle, "Shipped "));
    g_assert_null (strstr (subtitle, "item"));
    g_assert_null (wt_find_row (details, "Tracking number"));
  }

  forget_v2_store (v2);
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The filters offer the statuses a v2 store has (payment "Authorized",
 * fulfillment "Delivered", order "Draft") and none it never sends
 * (fulfillment "Returned"). */
static void
test_status_filters_v2 (WtFixture     *fx,
                        gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  GtkWidget *page;
  GtkWidget *menu_button;
  const char *shown[] = {
    medusa_payment_status_to_label (MEDUSA_PAYMENT_STATUS_AUTHORIZED),
    medusa_fulfillment_status_to_label (MEDUSA_FULFILLMENT_STATUS_DELIVERED),
    medusa_order_status_to_label (MEDUSA_ORDER_STATUS_DRAFT),
  };

  medusa_fake_server_add_orders (v2, WT_EMAIL, 3);
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  page = show_page (fx, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "3 of 3 orders");

  menu_button = wt_find_by_type (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      GtkWidget *check = find_check (page, shown[i]);

      g_assert_nonnull (check);
      g_assert_true (wt_is_visible_in (check, page));
    }
  g_assert_false (wt_is_visible_in (find_check (page, medusa_fulfillment_status_to_label (MEDUSA_FULFILLMENT_STATUS_RETURNED)),
                                    page));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  forget_v2_store (v2);
}

/* The Overview counts a v2 store's orders. */
static void
test_overview_orders (WtFixture     *fx,
                      gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  GtkWidget *page;

  medusa_fake_server_add_orders (v2, WT_EMAIL, 3);
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  page = show_page (fx, "overview", MEDUSA_TYPE_OVERVIEW_PAGE);

  wait_label (page, "3 orders");
  wt_iterate_ms (200);
  g_assert_null (wt_window_find_label (fx, "Could not count your orders"));
  g_assert_null (wt_find_label (page, "Not available"));

  forget_v2_store (v2);
}

/* Selects the item of @choice that contains @text. */
static void
select_containing (AdwComboRow *choice,
                   const char  *text)
{
  GListModel *model = adw_combo_row_get_model (choice);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strstr (gtk_string_object_get_string (item), text) != NULL)
        {
          adw_combo_row_set_selected (choice, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The Profile's billing address on v2 is one of the saved addresses: one is
 * chosen (the store flags it), a new one joins the address book. */
static void
test_profile_billing (WtFixture     *fx,
                      gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  GtkWidget *page;
  AdwComboRow *choice;
  AdwActionRow *current;
  MedusaCustomer *customer;
  g_autofree char *path = NULL;
  const MedusaFakeRequest *request;

  medusa_fake_server_add_address (v2, WT_EMAIL, "Ada", "Lovelace", "1 St James's Square",
                                  "London", "gb", "SW1Y 4JH");
  medusa_fake_server_add_address (v2, WT_EMAIL, "Ada", "Lovelace", "12 Marylebone Road",
                                  "Oxford", "gb", "OX1 5LR");
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  page = show_page (fx, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  wait_label (page, "The address the store puts on your invoices: one of your saved addresses. "
                    "A new one is saved with them.");
  choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));
  current = ADW_ACTION_ROW (wt_find_row (page, "Current billing address"));
  g_assert_nonnull (choice);
  g_assert_nonnull (current);
  /* None, the two saved addresses, a new one */
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (choice)) == 4, WT_TIMEOUT);
  g_assert_cmpstr (adw_action_row_get_subtitle (current), ==, "None");

  /* A saved one: flagged by the store, shown as the current one. */
  select_containing (choice, "Oxford");
  wt_click_label (page, "Save Billing Address");
  wt_wait_until (strstr (adw_action_row_get_subtitle (current), "Oxford") != NULL, WT_TIMEOUT);
  customer = medusa_session_get_customer (fx->session);
  path = g_strconcat ("/store/customers/me/addresses/", medusa_customer_get_billing_address_id (customer), NULL);
  request = medusa_fake_server_get_last_request (v2, "POST", path);
  g_assert_nonnull (request);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"is_default_billing\":true}"));

  /* A new one: saved with the addresses. */
  adw_combo_row_set_selected (choice, g_list_model_get_n_items (adw_combo_row_get_model (choice)) - 1);
  wt_wait_until (wt_find_entry (page, "Billing city") != NULL, WT_TIMEOUT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (wt_find_row (page, "Billing country")), 0);
  wt_type (page, "Billing address line 1", "Rue de Rivoli 99");
  wt_type (page, "Billing postal code", "75001");
  wt_type (page, "Billing city", "Paris");
  wt_click_label (page, "Save Billing Address");
  wt_wait_until (strstr (adw_action_row_get_subtitle (current), "Paris") != NULL, WT_TIMEOUT);
  customer = medusa_session_get_customer (fx->session);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer)), ==, 3);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/store/customers/me/addresses"), ==, 1);

  forget_v2_store (v2);
}

/* Forgot Password → Reset Password on a v2 store, as on v1. */
static void
test_password_reset (WtFixture     *fx,
                     gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = use_v2_store (fx);
  GtkWidget *page;
  g_autofree char *token = NULL;

  wt_fixture_start (fx);
  wt_fixture_wait_page (fx, "sign-in");
  page = wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_SIGN_IN_PAGE);
  wt_click_label (page, "Forgot password?");
  wt_fixture_wait_page (fx, "forgot-password");
  page = wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_FORGOT_PASSWORD_PAGE);

  wt_type (page, "Email", WT_EMAIL);
  wt_click_label (page, "Send Reset Email");
  wait_label (page, "If an account exists for this address");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/auth/customer/emailpass/reset-password"), ==, 1);
  token = g_strdup (medusa_fake_server_get_reset_token (v2, WT_EMAIL));
  g_assert_nonnull (token);

  wt_click_label (page, "Enter Reset Token");
  wt_fixture_wait_page (fx, "reset-password");
  page = wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_RESET_PASSWORD_PAGE);

  /* A bad token: the human error, nothing typed is lost. */
  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Reset token", "not-a-valid-token");
  wt_type (page, "New password", "brand-new-pass");
  wt_type (page, "Confirm password", "brand-new-pass");
  wt_click_label (page, "Reset Password");
  wait_label (page, "invalid or has expired");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "reset-password");
  g_assert_cmpstr (wt_text_of (page, "New password"), ==, "brand-new-pass");
  g_assert_true (medusa_fake_server_check_password (v2, WT_EMAIL, WT_PASSWORD));

  wt_type (page, "Reset token", token);
  wt_click_label (page, "Reset Password");
  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (medusa_fake_server_check_password (v2, WT_EMAIL, "brand-new-pass"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/auth/customer/emailpass/update"), ==, 2);

  forget_v2_store (v2);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/v2/orders", test_orders_v2);
  ADD ("/widgets/v2/status-filters", test_status_filters_v2);
  ADD ("/widgets/v2/overview-orders", test_overview_orders);
  ADD ("/widgets/v2/profile-billing", test_profile_billing);
  ADD ("/widgets/v2/password-reset", test_password_reset);

#undef ADD

  return g_test_run ();
}
