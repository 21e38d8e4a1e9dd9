/* test-widgets-auth.c: the sign-in side of the app, driven through its widgets
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case builds the real MedusaWindow on a MedusaSession pointed at an
 * in-process fake Store API, and acts as a user would: it finds rows and
 * buttons by their titles and labels, types, clicks, presses Enter, and
 * checks what the widgets show.
 */
#define G_LOG_DOMAIN "TestWidgetsAuth"

#include "config.h"

#include <string.h>

#include "medusa-forgot-password-page.h"
#include "medusa-overview-page.h"
#include "medusa-profile-page.h"
#include "medusa-reauth-dialog.h"
#include "medusa-register-page.h"
#include "medusa-reset-password-page.h"
#include "medusa-sign-in-page.h"
#include "medusa-store-page.h"
#include "widget-test-utils.h"

/* Helpers */

static GtkWidget *
page_widget (WtFixture *fx,
             GType      type)
{
  GtkWidget *page = wt_find_by_type (GTK_WIDGET (fx->window), type);

  g_assert_nonnull (page);
  return page;
}

/* A port nothing listens on: bind, read the port, close. */
static char *
closed_port_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  return wt_find_label (root, text) != NULL;
}

/* Waits for @text in a visible label under @root; prints what is shown when
 * it does not come. */
#define wait_label(root, text)                                                       \
  G_STMT_START {                                                                       \
    gint64 end_ = g_get_monotonic_time () + WT_TIMEOUT * 1000;                         \
    while (!label_shown ((root), (text)))                                              \
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

static GtkWidget *
go_to_sign_in (WtFixture *fx)
{
  wt_fixture_start (fx);
  wt_fixture_wait_page (fx, "sign-in");
  return page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
}

/* Store page */

static void
test_store_connect (WtFixture     *fx,
                    gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  GtkWidget *page;
  GtkWidget *sign_in;

  go_to_sign_in (fx);
  sign_in = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  wt_click_label (sign_in, "Use a different store");
  wt_fixture_wait_page (fx, "store");

  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", medusa_fake_server_get_url (other));
  wt_click_label (page, "Connect");

  wt_fixture_wait_page (fx, "sign-in");
  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==,
                   medusa_fake_server_get_url (other));
  /* The store was asked, not just the URL parsed. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (other, NULL, NULL), >, 0);
}

static void
test_store_unreachable (WtFixture     *fx,
                        gconstpointer  data)
{
  g_autofree char *url = closed_port_url ();
  GtkWidget *page;

  wt_fixture_start (fx);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");

  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", url);
  /* Enter submits. */
  wt_press_enter (wt_find_entry (page, "Store address"));

  wait_label (page, "Could not reach the store");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "store");
  g_assert_cmpstr (wt_text_of (page, "Store address"), ==, url);
  /* Ready for another try. */
  wt_wait_until (wt_button_sensitive (page, "Connect"), WT_TIMEOUT);
  /* The session still points at the old store. */
  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==,
                   medusa_fake_server_get_url (fx->fake));
}

/* Sign in */

static void
test_sign_in_happy (WtFixture     *fx,
                    gconstpointer  data)
{
  GtkWidget *page = go_to_sign_in (fx);
  GtkWidget *overview;

  wt_type (page, "Email", "  Shopper@Example.com ");
  wt_type (page, "Password", WT_PASSWORD);
  wt_click_label (page, "Sign In");

  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);

  overview = page_widget (fx, MEDUSA_TYPE_OVERVIEW_PAGE);
  wait_label (overview, WT_EMAIL);
  /* Nothing secret stays in the hidden sign-in form. */
  g_assert_cmpstr (wt_get_text (wt_find_row (page, "Password")), ==, "");
}

static void
test_sign_in_wrong_password (WtFixture     *fx,
                             gconstpointer  data)
{
  GtkWidget *page = go_to_sign_in (fx);

  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Password", "not-the-password");
  /* Enter in the password row submits. */
  wt_press_enter (wt_find_entry (page, "Password"));

  wait_label (page, "The email or password is incorrect");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "sign-in");
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, WT_EMAIL);
  g_assert_cmpstr (wt_text_of (page, "Password"), ==, "not-the-password");
  g_assert_true (gtk_widget_has_css_class (wt_find_entry (page, "Password"), "error"));
  g_assert_true (wt_button_sensitive (page, "Sign In"));
  g_assert_cmpint (medusa_session_get_state (fx->session), !=, MEDUSA_SESSION_STATE_SIGNED_IN);

  /* Fixing the password signs in. */
  wt_type (page, "Password", WT_PASSWORD);
  wt_click_label (page, "Sign In");
  wt_fixture_wait_page (fx, "overview");
}

static void
test_sign_in_network_down (WtFixture     *fx,
                           gconstpointer  data)
{
  GtkWidget *page = go_to_sign_in (fx);

  medusa_fake_server_add_fault (fx->fake, NULL, "/store/auth", MEDUSA_FAKE_FAULT_DISCONNECT, 0);

  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Password", WT_PASSWORD);
  wt_click_label (page, "Sign In");

  wait_label (page, "Could not reach the store");
  g_assert_null (wt_find_label (page, "{"));
  g_assert_cmpstr (wt_fixture_page (fx), ==, "sign-in");
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, WT_EMAIL);
  g_assert_cmpstr (wt_text_of (page, "Password"), ==, WT_PASSWORD);
  g_assert_true (wt_button_sensitive (page, "Sign In"));

  /* The network is back: the same input works. */
  medusa_fake_server_clear_faults (fx->fake);
  wt_click_label (page, "Sign In");
  wt_fixture_wait_page (fx, "overview");
}

static void
test_sign_in_no_double_submit (WtFixture     *fx,
                               gconstpointer  data)
{
  GtkWidget *page = go_to_sign_in (fx);
  GtkWidget *button;

  medusa_fake_server_add_delay_fault (fx->fake, "POST", "/store/auth", 500, 0);
  medusa_fake_server_clear_requests (fx->fake);

  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Password", WT_PASSWORD);
  button = wt_find_button (page, "Sign In");
  wt_click (button);

  /* Busy: the button is insensitive, Enter does nothing more. */
  g_assert_false (gtk_widget_is_sensitive (button));
  wt_press_enter (wt_find_row (page, "Password"));
  g_signal_emit_by_name (button, "clicked");

  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fx->fake, "POST", "/store/auth/token") +
                    medusa_fake_server_get_n_requests (fx->fake, "POST", "/store/auth"), ==, 1);
}

/* Register */

static GtkWidget *
go_to_register (WtFixture *fx)
{
  GtkWidget *sign_in = go_to_sign_in (fx);

  wt_click_label (sign_in, "Create an account");
  wt_fixture_wait_page (fx, "register");
  return page_widget (fx, MEDUSA_TYPE_REGISTER_PAGE);
}

static void
fill_register (GtkWidget  *page,
               const char *email)
{
  wt_type (page, "First name", "Nora");
  wt_type (page, "Last name", "Newcomer");
  wt_type (page, "Email", email);
  wt_type (page, "Phone", "+49 30 1234567");
  wt_type (page, "Password", "longenough");
  wt_type (page, "Confirm password", "longenough");
}

static void
test_register_happy (WtFixture     *fx,
                     gconstpointer  data)
{
  GtkWidget *page = go_to_register (fx);
  g_autoptr(JsonObject) customer = NULL;

  fill_register (page, "nora@example.com");
  wt_click_label (page, "Create Account");

  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  wait_label (GTK_WIDGET (fx->window), "Your account has been created");

  customer = medusa_fake_server_dup_customer_json (fx->fake, "nora@example.com");
  g_assert_nonnull (customer);
  g_assert_cmpstr (json_object_get_string_member (customer, "first_name"), ==, "Nora");
  g_assert_cmpstr (json_object_get_string_member (customer, "last_name"), ==, "Newcomer");
  g_assert_true (medusa_fake_server_check_password (fx->fake, "nora@example.com", "longenough"));
  wait_label (page_widget (fx, MEDUSA_TYPE_OVERVIEW_PAGE), "nora@example.com");
}

static void
test_register_duplicate (WtFixture     *fx,
                         gconstpointer  data)
{
  GtkWidget *page = go_to_register (fx);
  GtkWidget *sign_in;

  fill_register (page, WT_EMAIL);
  wt_click_label (page, "Create Account");

  wait_label (page, "already exists");
  wait_label (page, "sign in");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "register");
  /* Everything typed is still there. */
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Nora");
  g_assert_cmpstr (wt_text_of (page, "Last name"), ==, "Newcomer");
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, WT_EMAIL);
  g_assert_cmpstr (wt_text_of (page, "Phone"), ==, "+49 30 1234567");
  g_assert_cmpstr (wt_text_of (page, "Password"), ==, "longenough");

  /* "Sign In Instead" carries the email to the sign-in page. */
  wt_click_label (page, "Sign In Instead");
  wt_fixture_wait_page (fx, "sign-in");
  sign_in = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  g_assert_cmpstr (wt_text_of (sign_in, "Email"), ==, WT_EMAIL);
}

static void
test_register_password_rules (WtFixture     *fx,
                              gconstpointer  data)
{
  GtkWidget *page = go_to_register (fx);

  wt_type (page, "First name", "Nora");
  wt_type (page, "Last name", "Newcomer");
  wt_type (page, "Email", "nora@example.com");
  g_assert_false (wt_button_sensitive (page, "Create Account"));

  /* Too short, even when both match. */
  wt_type (page, "Password", "short");
  wt_type (page, "Confirm password", "short");
  g_assert_false (wt_button_sensitive (page, "Create Account"));
  g_assert_nonnull (wt_find_label (page, "at least 8 characters"));

  /* Long enough but not matching. */
  wt_type (page, "Password", "longenough");
  wt_type (page, "Confirm password", "longenougH");
  g_assert_false (wt_button_sensitive (page, "Create Account"));
  g_assert_nonnull (wt_find_label (page, "do not match"));

  /* Long enough and matching. */
  wt_type (page, "Confirm password", "longenough");
  g_assert_true (wt_button_sensitive (page, "Create Account"));

  /* Enter does not submit an invalid form. */
  wt_type (page, "Confirm password", "longenoug");
  g_assert_false (wt_button_sensitive (page, "Create Account"));
  wt_press_enter (wt_find_entry (page, "Confirm password"));
  wt_iterate_ms (100);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fx->fake, "POST", "/store/customers"), ==, 0);
  g_assert_cmpstr (wt_fixture_page (fx), ==, "register");
}

/* Forgot / reset password */

static GtkWidget *
go_to_forgot (WtFixture *fx)
{
  GtkWidget *sign_in = go_to_sign_in (fx);

  wt_click_label (sign_in, "Forgot password?");
  wt_fixture_wait_page (fx, "forgot-password");
  return page_widget (fx, MEDUSA_TYPE_FORGOT_PASSWORD_PAGE);
}

static void
test_forgot_password (WtFixture     *fx,
                      gconstpointer  data)
{
  GtkWidget *page = go_to_forgot (fx);
  const MedusaFakeRequest *request;
  JsonNode *body;

  wt_type (page, "Email", WT_EMAIL);
  wt_click_label (page, "Send Reset Email");

  wait_label (page, "If an account exists for this address");
  request = medusa_fake_server_get_last_request (fx->fake, "POST", "/store/customers/password-token");
  g_assert_nonnull (request);
  body = medusa_fake_request_get_body_json (request);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "email"), ==, WT_EMAIL);
  g_assert_nonnull (medusa_fake_server_get_reset_token (fx->fake, WT_EMAIL));

  /* The same neutral words for an address without an account. */
  wt_type (page, "Email", "nobody@example.com");
  wt_click_label (page, "Send Reset Email");
  wt_wait_until (medusa_fake_server_get_n_requests (fx->fake, "POST",
                                                    "/store/customers/password-token") == 2,
                 WT_TIMEOUT);
  wait_label (page, "If an account exists for this address");
  g_assert_null (wt_find_label (page, "not found"));

  /* On to the token form. */
  wt_click_label (page, "Enter Reset Token");
  wt_fixture_wait_page (fx, "reset-password");
}

static GtkWidget *
request_and_go_to_reset (WtFixture *fx)
{
  GtkWidget *page = go_to_forgot (fx);

  wt_type (page, "Email", WT_EMAIL);
  wt_click_label (page, "Send Reset Email");
  wait_label (page, "If an account exists for this address");
  wt_click_label (page, "Enter Reset Token");
  wt_fixture_wait_page (fx, "reset-password");

  return page_widget (fx, MEDUSA_TYPE_RESET_PASSWORD_PAGE);
}

static void
test_reset_with_link (WtFixture     *fx,
                      gconstpointer  data)
{
  GtkWidget *page = request_and_go_to_reset (fx);
  const char *token = medusa_fake_server_get_reset_token (fx->fake, WT_EMAIL);
  g_autofree char *escaped_token = NULL;
  g_autofree char *link = NULL;

  g_assert_nonnull (token);
  escaped_token = g_uri_escape_string (token, NULL, FALSE);
  link = g_strdup_printf ("https://shop.example.com/reset-password?token=%s&email=%s",
                          escaped_token, "shopper%40example.com");

  /* Whatever was in the email row, the link's email wins. */
  wt_type (page, "Email", "");
  wt_type (page, "Reset token", link);
  wt_iterate_ms (20);
  g_assert_cmpstr (wt_text_of (page, "Reset token"), ==, token);
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, WT_EMAIL);

  wt_type (page, "New password", "brand-new-pass");
  wt_type (page, "Confirm password", "brand-new-pass");
  wt_click_label (page, "Reset Password");

  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (medusa_fake_server_check_password (fx->fake, WT_EMAIL, "brand-new-pass"));
  wait_label (GTK_WIDGET (fx->window), "Your password has been changed");
}

static void
test_reset_invalid_token (WtFixture     *fx,
                          gconstpointer  data)
{
  GtkWidget *page = request_and_go_to_reset (fx);

  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Reset token", "not-a-valid-token");
  wt_type (page, "New password", "brand-new-pass");
  wt_type (page, "Confirm password", "brand-new-pass");
  wt_click_label (page, "Reset Password");

  wait_label (page, "invalid or has expired");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "reset-password");
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, WT_EMAIL);
  g_assert_cmpstr (wt_text_of (page, "Reset token"), ==, "not-a-valid-token");
  g_assert_cmpstr (wt_text_of (page, "New password"), ==, "brand-new-pass");
  g_assert_cmpstr (wt_text_of (page, "Confirm password"), ==, "brand-new-pass");
  g_assert_true (medusa_fake_server_check_password (fx->fake, WT_EMAIL, WT_PASSWORD));

  /* A way to get a new link. */
  g_assert_nonnull (wt_find_button (page, "Request a New Link"));
  wt_click_label (page, "Request a New Link");
  wt_iterate_ms (50);
  g_assert_cmpstr (wt_fixture_page (fx), !=, "reset-password");
}

/* Profile */

static GtkWidget *
go_to_profile (WtFixture *fx)
{
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.navigate", "s", "profile");
  wt_fixture_wait_page (fx, "profile");

  return page_widget (fx, MEDUSA_TYPE_PROFILE_PAGE);
}

static void
test_profile_save (WtFixture     *fx,
                   gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);
  g_autoptr(JsonObject) customer = NULL;

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  g_assert_cmpstr (wt_text_of (page, "Last name"), ==, WT_LAST_NAME);

  /* Nothing changed yet. */
  g_assert_false (wt_button_sensitive (page, "Save"));
  wt_type (page, "First name", "Samantha");
  g_assert_true (wt_button_sensitive (page, "Save"));
  /* Back to the stored value: nothing to save again. */
  wt_type (page, "First name", WT_FIRST_NAME);
  g_assert_false (wt_button_sensitive (page, "Save"));

  wt_type (page, "First name", "Samantha");
  wt_type (page, "Phone", "+45 12345678");
  wt_click_label (page, "Save");

  wait_label (GTK_WIDGET (fx->window), "Profile saved");
  customer = medusa_fake_server_dup_customer_json (fx->fake, WT_EMAIL);
  g_assert_cmpstr (json_object_get_string_member (customer, "first_name"), ==, "Samantha");
  g_assert_cmpstr (json_object_get_string_member (customer, "phone"), ==, "+45 12345678");
  g_assert_cmpstr (medusa_customer_get_first_name (medusa_session_get_customer (fx->session)), ==,
                   "Samantha");
  /* Saved: nothing to save any more. */
  wt_wait_until (!wt_button_sensitive (page, "Save"), WT_TIMEOUT);
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Samantha");
}

static void
test_profile_save_server_error (WtFixture     *fx,
                                gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);
  g_autoptr(JsonObject) customer = NULL;

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  medusa_fake_server_add_status_fault (fx->fake, "POST", "/store/customers/me", 500, NULL, NULL, 0);

  wt_type (page, "First name", "Samantha");
  wt_type (page, "Last name", "Changed");
  wt_click_label (page, "Save");

  wait_label (page, "Could not save your profile");
  g_assert_null (wt_find_label (GTK_WIDGET (fx->window), "{"));
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Samantha");
  g_assert_cmpstr (wt_text_of (page, "Last name"), ==, "Changed");
  g_assert_true (wt_button_sensitive (page, "Save"));
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);

  customer = medusa_fake_server_dup_customer_json (fx->fake, WT_EMAIL);
  g_assert_cmpstr (json_object_get_string_member (customer, "first_name"), ==, WT_FIRST_NAME);

  /* The store is back: the same edits save. */
  medusa_fake_server_clear_faults (fx->fake);
  wt_click_label (page, "Save");
  wait_label (GTK_WIDGET (fx->window), "Profile saved");
}

/* Expired session */

static void
test_expired_session_reauth (WtFixture     *fx,
                             gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);
  GtkWidget *dialog;

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  /* Work in progress, not saved. */
  wt_type (page, "First name", "Half-typed");

  medusa_fake_server_revoke_credentials (fx->fake);
  g_assert_true (gtk_widget_activate_action (page, "page.refresh", NULL));

  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG)) != NULL, WT_TIMEOUT);
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_EXPIRED);
  g_assert_nonnull (wt_find_label (dialog, "expired"));
  /* The page behind stays where it was. */
  g_assert_cmpstr (wt_fixture_page (fx), ==, "profile");

  /* A wrong password first: an inline error, the dialog stays. */
  wt_type (dialog, "Password", "wrong-password");
  wt_click_label (dialog, "Continue");
  wait_label (dialog, "incorrect");
  g_assert_nonnull (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG));

  wt_type (dialog, "Password", WT_PASSWORD);
  wt_press_enter (wt_find_entry (dialog, "Password"));

  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (wt_fixture_page (fx), ==, "profile");
  wt_iterate_ms (200);
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, "Half-typed");
  g_assert_true (wt_button_sensitive (page, "Save"));
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/auth/store/connect", test_store_connect);
  ADD ("/widgets/auth/store/unreachable", test_store_unreachable);
  ADD ("/widgets/auth/sign-in/happy", test_sign_in_happy);
  ADD ("/widgets/auth/sign-in/wrong-password", test_sign_in_wrong_password);
  ADD ("/widgets/auth/sign-in/network-down", test_sign_in_network_down);
  ADD ("/widgets/auth/sign-in/no-double-submit", test_sign_in_no_double_submit);
  ADD ("/widgets/auth/register/happy", test_register_happy);
  ADD ("/widgets/auth/register/duplicate", test_register_duplicate);
  ADD ("/widgets/auth/register/password-rules", test_register_password_rules);
  ADD ("/widgets/auth/forgot-password", test_forgot_password);
  ADD ("/widgets/auth/reset/link", test_reset_with_link);
  ADD ("/widgets/auth/reset/invalid-token", test_reset_invalid_token);
  ADD ("/widgets/auth/profile/save", test_profile_save);
  ADD ("/widgets/auth/profile/server-error", test_profile_save_server_error);
  ADD ("/widgets/auth/expired-session", test_expired_session_reauth);

#undef ADD

  return g_test_run ();
}
