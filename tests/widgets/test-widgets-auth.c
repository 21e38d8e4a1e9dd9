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

#include "medusa-address-dialog.h"
#include "medusa-busy-button.h"
#include "medusa-error.h"
#include "medusa-addresses-page.h"
#include "medusa-forgot-password-page.h"
#include "medusa-orders-page.h"
#include "medusa-overview-page.h"
#include "medusa-profile-page.h"
#include "medusa-reauth-dialog.h"
#include "medusa-register-page.h"
#include "medusa-reset-password-page.h"
#include "medusa-sign-in-page.h"
#include "medusa-spinner.h"
#include "medusa-store-page.h"
#include "medusa-store-profiles.h"
#include "medusa-ui-utils.h"
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
  /* Said once, not "Could not reach the store. Could not reach the store." */
  {
    const char *text = gtk_label_get_text (GTK_LABEL (wt_find_label (page, "Could not reach the store")));
    const char *first = strstr (text, "Could not reach the store");

    g_assert_null (strstr (first + 1, "Could not reach the store"));
  }
  g_assert_cmpstr (wt_fixture_page (fx), ==, "store");
  g_assert_cmpstr (wt_text_of (page, "Store address"), ==, url);
  /* Ready for another try. */
  wt_wait_until (wt_button_sensitive (page, "Connect"), WT_TIMEOUT);
  /* The session still points at the old store. */
  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==,
                   medusa_fake_server_get_url (fx->fake));
}

/* A publishable key the profiles refuse: the page says why, not that the
 * address is wrong. */
static void
test_store_bad_key (WtFixture     *fx,
                    gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  GtkWidget *page;

  wt_fixture_start (fx);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");

  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", medusa_fake_server_get_url (other));
  wt_type (page, "Publishable key (optional)", "pk 123");
  wt_click_label (page, "Connect");

  wait_label (page, "Could not use this store. The publishable key may only contain letters, digits and punctuation, without spaces.");
  g_assert_cmpstr (wt_fixture_page (fx), ==, "store");
  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==,
                   medusa_fake_server_get_url (fx->fake));
}

/* A Medusa v2 store: detected, the key asked for (and where it is found),
 * then kept with the version in the profile; signing in speaks v2. */
static void
test_store_v2_key (WtFixture     *fx,
                   gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) v2 = medusa_fake_server_new ();
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *url = medusa_fake_server_get_url (v2);
  MedusaStoreProfile *profile;
  GtkWidget *page;

  medusa_fake_server_set_v2 (v2, "pk_widget_v2");
  medusa_fake_server_add_customer (v2, WT_EMAIL, WT_PASSWORD, "Shop", "Per");

  wt_fixture_start (fx);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");

  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", url);
  wt_click_label (page, "Connect");
  wait_label (page, "This store runs Medusa v2 and needs its publishable API key.");
  g_assert_nonnull (wt_find_label (page, "Settings → Publishable API Keys"));
  g_assert_cmpstr (wt_fixture_page (fx), ==, "store");
  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==,
                   medusa_fake_server_get_url (fx->fake));
  /* What was typed stays. */
  g_assert_cmpstr (wt_text_of (page, "Store address"), ==, url);

  wt_wait_until (wt_button_sensitive (page, "Connect"), WT_TIMEOUT);
  wt_type (page, "Publishable key (optional)", "pk_widget_v2");
  wt_click_label (page, "Connect");
  wt_fixture_wait_page (fx, "sign-in");

  g_assert_cmpstr (medusa_session_get_store_url (fx->session), ==, url);
  profile = medusa_store_profiles_lookup (profiles, url);
  g_assert_nonnull (profile);
  g_assert_cmpstr (medusa_store_profile_get_publishable_key (profile), ==, "pk_widget_v2");
  g_assert_cmpint (medusa_store_profiles_get_version (profiles, url), ==, MEDUSA_STORE_VERSION_V2);
  g_assert_cmpint (medusa_client_get_store_version (medusa_session_get_client (fx->session)), ==,
                   MEDUSA_STORE_VERSION_V2);

  page = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Password", WT_PASSWORD);
  wt_click_label (page, "Sign In");
  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "POST", "/auth/customer/emailpass"), ==, 1);

  medusa_store_profiles_remove (profiles, url);
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

/* An answer the client refused (too large, unreadable): the page says which,
 * in the client's words, not a generic sentence. */
static void
test_profile_save_unreadable_answer (WtFixture     *fx,
                                     gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  medusa_fake_server_add_status_fault (fx->fake, "POST", "/store/customers/me", 200, NULL,
                                       "{\"customer\": {\"id\": 5}}", 0);

  wt_type (page, "First name", "Samantha");
  wt_click_label (page, "Save");

  wait_label (page, "Could not save your profile. The store sent a response that could not be read.");
  g_assert_null (wt_find_label (GTK_WIDGET (fx->window), "Member"));
}

static void
test_error_text_parse (void)
{
  g_autoptr(GError) too_large = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                                     "The store’s answer is too large (over 32 MB).");
  g_autoptr(GError) cut = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                               "The store sent no list of orders");
  g_autoptr(GError) markup = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "<b>{}</b>");
  g_autofree char *text1 = medusa_ui_error_message (too_large, "Could not load your orders");
  g_autofree char *text2 = medusa_ui_error_message (cut, NULL);
  g_autofree char *text3 = medusa_ui_error_message (markup, NULL);

  g_assert_cmpstr (text1, ==, "Could not load your orders. The store’s answer is too large (over 32 MB).");
  g_assert_cmpstr (text2, ==, "The store sent no list of orders.");
  /* nothing that is not a sentence */
  g_assert_cmpstr (text3, ==, "The store sent an answer that could not be understood.");
}

/* MedusaBusyButton: a spinner in place of the label while busy, the label
 * (or the child) back afterwards, and the focus out of the form and back. */
static void
test_busy_button (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = medusa_busy_button_new ();
  MedusaBusyButton *busy = MEDUSA_BUSY_BUTTON (button);
  g_autoptr(GtkWidget) content = g_object_ref_sink (adw_button_content_new ());
  GtkRoot *root = GTK_ROOT (window);

  gtk_button_set_label (GTK_BUTTON (button), "Send");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wt_wait_until (gtk_widget_get_mapped (entry), WT_TIMEOUT);
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), entry));

  medusa_busy_button_set_busy (busy, TRUE);
  g_assert_true (medusa_busy_button_get_busy (busy));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (GTK_IS_SPINNER (gtk_button_get_child (GTK_BUTTON (button))));
  g_assert_cmpstr (medusa_busy_button_get_label (busy), ==, "Send");
  g_assert_null (gtk_root_get_focus (root));

  medusa_busy_button_set_busy (busy, FALSE);
  g_assert_false (medusa_busy_button_get_busy (busy));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Send");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), entry));

  /* A button with a child of its own gets that child back. */
  gtk_button_set_child (GTK_BUTTON (button), content);
  g_object_set (button, "busy", TRUE, NULL);
  g_assert_true (GTK_IS_SPINNER (gtk_button_get_child (GTK_BUTTON (button))));
  g_object_set (button, "busy", FALSE, NULL);
  g_assert_true (gtk_button_get_child (GTK_BUTTON (button)) == content);

  gtk_window_destroy (GTK_WINDOW (window));
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
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_LOCKED);
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

/* Issue 8: the shared workstation */

/* The focused widget may never sit inside an insensitive form (GTK 4.8 then
 * warns "GtkText - did not receive a focus-out event"). */
static void
assert_focus_not_insensitive (WtFixture *fx)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx->window));

  if (focus != NULL && !gtk_widget_is_sensitive (focus))
    {
      g_autofree char *msg = g_strdup_printf ("the focus (%s) is inside an insensitive form",
                                              G_OBJECT_TYPE_NAME (focus));

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
}

static void
test_sign_in_enter_moves_focus (WtFixture     *fx,
                                gconstpointer  data)
{
  GtkWidget *page = go_to_sign_in (fx);
  GtkWidget *password;

  medusa_fake_server_add_delay_fault (fx->fake, "POST", "/store/auth", 500, 0);
  wt_type (page, "Email", WT_EMAIL);
  wt_type (page, "Password", "not-the-password");
  password = wt_find_entry (page, "Password");
  gtk_widget_grab_focus (password);
  g_assert_true (gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (fx->window))));

  /* Enter in the focused password row: the form goes busy. */
  wt_press_enter (password);
  g_assert_false (wt_button_sensitive (page, "Sign In"));
  assert_focus_not_insensitive (fx);

  /* The error gives the focus back to the password. */
  wait_label (page, "The email or password is incorrect");
  wt_wait_until (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), password),
                 WT_TIMEOUT);
}

static void
test_store_enter_moves_focus (WtFixture     *fx,
                              gconstpointer  data)
{
  g_autofree char *url = closed_port_url ();
  GtkWidget *page;
  GtkWidget *row;

  wt_fixture_start (fx);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");

  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", url);
  row = wt_find_entry (page, "Store address");
  gtk_widget_grab_focus (row);
  wt_press_enter (row);
  assert_focus_not_insensitive (fx);
  wait_label (page, "Could not reach the store");
}

static void
test_register_focus_first_field (WtFixture     *fx,
                                 gconstpointer  data)
{
  GtkWidget *page = go_to_register (fx);
  GtkWidget *first_name = wt_find_entry (page, "First name");

  /* The first field, not the second one the page stack's own Tab reaches. */
  wt_wait_until (gtk_root_get_focus (GTK_ROOT (fx->window)) != NULL &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), first_name),
                 WT_TIMEOUT);
  wt_iterate_ms (50);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), first_name));
}

static void
test_store_host_with_space (WtFixture     *fx,
                            gconstpointer  data)
{
  GtkWidget *page;

  wt_fixture_start (fx);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");
  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);

  wt_type (page, "Store address", "shop example.com");
  wt_click_label (page, "Connect");

  /* Said in the form at once, without asking the network. */
  g_assert_nonnull (wt_find_label (page, "This is not a valid web address."));
  g_assert_true (gtk_widget_has_css_class (wt_find_entry (page, "Store address"), "error"));
  g_assert_true (wt_button_sensitive (page, "Connect"));
  g_assert_cmpstr (wt_text_of (page, "Store address"), ==, "shop example.com");

  /* Typing again takes the message away; a good address works. */
  wt_type (page, "Store address", medusa_fake_server_get_url (fx->fake));
  g_assert_null (wt_find_label (page, "This is not a valid web address."));
}

static void
sign_out (WtFixture *fx)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.sign-out", NULL));
  wt_fixture_wait_page (fx, "sign-in");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
}

static void
assert_rows_empty (GtkWidget          *page,
                   const char * const *titles)
{
  for (guint i = 0; titles[i] != NULL; i++)
    {
      GtkWidget *row = wt_find_row (page, titles[i]);

      g_assert_nonnull (row);
      if (*wt_get_text (row) != '\0')
        {
          g_autofree char *msg = g_strdup_printf ("“%s” still holds “%s”", titles[i], wt_get_text (row));

          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
        }
    }
}

static void
test_clear_register_after_sign_out (WtFixture     *fx,
                                    gconstpointer  data)
{
  static const char * const titles[] = {
    "First name", "Last name", "Email", "Phone", "Password", "Confirm password", NULL
  };
  GtkWidget *page = go_to_register (fx);
  GtkWidget *sign_in;

  /* Nora creates her account on the shared workstation, then signs out. */
  fill_register (page, "nora@example.com");
  wt_click_label (page, "Create Account");
  wt_fixture_wait_page (fx, "overview");
  sign_out (fx);

  /* The next person opens "Create an account": nothing of Nora's. */
  sign_in = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  wt_click_label (sign_in, "Create an account");
  wt_fixture_wait_page (fx, "register");
  assert_rows_empty (page, titles);
  g_assert_null (wt_find_label (page, "already exists"));
  g_assert_false (wt_button_sensitive (page, "Create Account"));
}

static void
test_clear_forgot_after_sign_out (WtFixture     *fx,
                                  gconstpointer  data)
{
  static const char * const titles[] = { "Email", NULL };
  GtkWidget *page = go_to_forgot (fx);
  GtkWidget *sign_in;

  wt_type (page, "Email", WT_EMAIL);
  wt_click_label (page, "Send Reset Email");
  wait_label (page, "If an account exists for this address");

  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  sign_out (fx);

  /* The sign-in form keeps this store's remembered email (a setting); the
   * next person replaces it and asks for a reset link of their own. */
  sign_in = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  g_assert_cmpstr (wt_text_of (sign_in, "Email"), ==, WT_EMAIL);
  wt_type (sign_in, "Email", "");
  wt_click_label (sign_in, "Forgot password?");
  wt_fixture_wait_page (fx, "forgot-password");
  assert_rows_empty (page, titles);
  g_assert_null (wt_find_label (page, "If an account exists for this address"));

  /* What the sign-in form holds is carried over, as before. */
  medusa_ui_navigate (GTK_WIDGET (fx->window), "sign-in");
  wt_fixture_wait_page (fx, "sign-in");
  wt_type (sign_in, "Email", "next@example.com");
  wt_click_label (sign_in, "Forgot password?");
  wt_fixture_wait_page (fx, "forgot-password");
  g_assert_cmpstr (wt_text_of (page, "Email"), ==, "next@example.com");
}

static void
test_clear_reset_after_sign_out (WtFixture     *fx,
                                 gconstpointer  data)
{
  static const char * const titles[] = {
    "Email", "Reset token", "New password", "Confirm password", NULL
  };
  GtkWidget *page = request_and_go_to_reset (fx);

  wt_type (page, "Reset token", "half-typed-token");
  wt_type (page, "New password", "brand-new-pass");

  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  sign_out (fx);

  medusa_ui_navigate (GTK_WIDGET (fx->window), "reset-password");
  wt_fixture_wait_page (fx, "reset-password");
  assert_rows_empty (page, titles);
}

static MedusaStorePage *
choose_new_store (WtFixture  *fx,
                  const char *url)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");
  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);
  wt_type (page, "Store address", url);
  wt_click_label (page, "Connect");
  wt_wait_until (g_strcmp0 (medusa_session_get_store_url (fx->session), url) == 0, WT_TIMEOUT);

  return MEDUSA_STORE_PAGE (page);
}

static GtkWidget *
find_store_row (GtkWidget  *root,
                const char *url)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), url) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_store_row (child, url);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_icon (GtkWidget  *root,
           const char *icon_name)
{
  if (GTK_IS_IMAGE (root) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the store page's row for @url shows the icon @icon_name. */
static gboolean
store_row_shows (WtFixture  *fx,
                 const char *url,
                 const char *icon_name)
{
  GtkWidget *row = find_store_row (page_widget (fx, MEDUSA_TYPE_STORE_PAGE), url);
  GtkWidget *icon;

  g_assert_nonnull (row);
  icon = find_icon (row, icon_name);
  g_assert_nonnull (icon);

  return gtk_widget_get_visible (icon);
}

/* Whether the store page's row for @url shows the "Current store" check. */
#define store_row_is_current(fx, url) store_row_shows ((fx), (url), "object-select-symbolic")

/* A saved store on plain http (not on this machine) is marked on its row. */
static void
test_store_rows_mark_http (WtFixture     *fx,
                           gconstpointer  data)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *plain_url = "http://shop.example.com";
  const char *local_url = medusa_fake_server_get_url (fx->fake);
  g_autoptr(GError) error = NULL;

  go_to_sign_in (fx);
  g_assert_nonnull (medusa_store_profiles_add (profiles, "Plain Shop", plain_url, "pk_plain", &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");

  g_assert_true (store_row_shows (fx, plain_url, "dialog-warning-symbolic"));
  g_assert_false (store_row_shows (fx, local_url, "dialog-warning-symbolic"));
  g_assert_true (store_row_is_current (fx, local_url));
  g_assert_false (store_row_is_current (fx, plain_url));

  medusa_store_profiles_remove (profiles, plain_url);
}

static void
choose_saved_store (WtFixture  *fx,
                    const char *url)
{
  GtkWidget *page;
  GtkWidget *row = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fx, "store");
  page = page_widget (fx, MEDUSA_TYPE_STORE_PAGE);

  /* The saved store's row shows its address as subtitle. */
  row = find_store_row (page, url);
  g_assert_nonnull (row);

  g_signal_emit_by_name (row, "activate");
  wt_iterate_ms (5);
  wt_wait_until (g_strcmp0 (medusa_session_get_store_url (fx->session), url) == 0, WT_TIMEOUT);
}

static void
test_new_store_sign_in_empty (WtFixture     *fx,
                              gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  GtkWidget *sign_in = go_to_sign_in (fx);

  /* The first store's customer signs in with the form: remembered there. */
  wt_type (sign_in, "Email", WT_EMAIL);
  wt_type (sign_in, "Password", WT_PASSWORD);
  wt_click_label (sign_in, "Sign In");
  wt_fixture_wait_page (fx, "overview");

  /* A second store is added: its sign-in form knows nobody. */
  choose_new_store (fx, medusa_fake_server_get_url (other));
  wt_fixture_wait_page (fx, "sign-in");
  g_assert_cmpstr (wt_text_of (sign_in, "Email"), ==, "");
  g_assert_cmpstr (wt_text_of (sign_in, "Password"), ==, "");
}

static void
test_switch_store_restores_session (WtFixture     *fx,
                                    gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  const char *first_url = medusa_fake_server_get_url (fx->fake);
  const char *other_url = medusa_fake_server_get_url (other);
  GtkWidget *sign_in;

  medusa_fake_server_add_customer (other, "olga@example.com", "olga-password", "Olga", "Other");

  /* Sam on the first store. */
  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);

  /* Olga on the second one. */
  choose_new_store (fx, other_url);
  wt_fixture_wait_page (fx, "sign-in");
  sign_in = page_widget (fx, MEDUSA_TYPE_SIGN_IN_PAGE);
  wt_type (sign_in, "Email", "olga@example.com");
  wt_type (sign_in, "Password", "olga-password");
  wt_click_label (sign_in, "Sign In");
  wt_fixture_wait_page (fx, "overview");
  wait_label (GTK_WIDGET (fx->window), "olga@example.com");

  /* Back to the first store: Sam's session comes back from the keyring.
   * The check on the saved stores follows the store in use. */
  g_assert_false (store_row_is_current (fx, first_url));
  g_assert_true (store_row_is_current (fx, other_url));
  choose_saved_store (fx, first_url);
  g_assert_true (store_row_is_current (fx, first_url));
  g_assert_false (store_row_is_current (fx, other_url));
  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpint (medusa_session_get_state (fx->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (medusa_customer_get_email (medusa_session_get_customer (fx->session)), ==, WT_EMAIL);
  wait_label (GTK_WIDGET (fx->window), WT_EMAIL);
  g_assert_null (wt_find_label (GTK_WIDGET (fx->window), "olga@example.com"));

  /* And Olga's, on hers. */
  choose_saved_store (fx, other_url);
  wt_fixture_wait_page (fx, "overview");
  g_assert_cmpstr (medusa_customer_get_email (medusa_session_get_customer (fx->session)), ==,
                   "olga@example.com");
  wait_label (GTK_WIDGET (fx->window), "olga@example.com");
  g_assert_null (wt_find_label (GTK_WIDGET (fx->window), WT_EMAIL));
}

static void
test_clear_profile_on_lock (WtFixture     *fx,
                            gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);
  GtkWidget *dialog;

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  wt_type (page, "First name", "Half-typed");
  g_assert_true (wt_button_sensitive (page, "Save"));

  /* The idle lock: what was typed goes, the saved profile stays. */
  medusa_window_lock (fx->window);
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG)) != NULL, WT_TIMEOUT);
  g_assert_cmpstr (wt_get_text (wt_find_row (page, "First name")), ==, WT_FIRST_NAME);

  wt_type (dialog, "Password", WT_PASSWORD);
  wt_click_label (dialog, "Continue");
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG) == NULL, WT_TIMEOUT);
  wt_fixture_wait_page (fx, "profile");
  g_assert_cmpstr (wt_text_of (page, "First name"), ==, WT_FIRST_NAME);
  g_assert_false (wt_button_sensitive (page, "Save"));
}

static void
test_clear_profile_after_sign_out (WtFixture     *fx,
                                   gconstpointer  data)
{
  GtkWidget *page = go_to_profile (fx);

  wt_wait_until (g_strcmp0 (wt_text_of (page, "First name"), WT_FIRST_NAME) == 0, WT_TIMEOUT);
  wt_type (page, "Phone", "+45 99999999");
  sign_out (fx);

  g_assert_cmpstr (wt_get_text (wt_find_row (page, "First name")), ==, "");
  g_assert_cmpstr (wt_get_text (wt_find_row (page, "Last name")), ==, "");
  g_assert_cmpstr (wt_get_text (wt_find_row (page, "Phone")), ==, "");
}

static void
test_clear_orders_search_on_lock (WtFixture     *fx,
                                  gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *search;

  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  medusa_ui_navigate (GTK_WIDGET (fx->window), "orders");
  wt_fixture_wait_page (fx, "orders");
  page = page_widget (fx, MEDUSA_TYPE_ORDERS_PAGE);
  search = wt_find_by_type (page, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);

  wt_set_text (search, "private search");
  medusa_window_lock (fx->window);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG) != NULL, WT_TIMEOUT);
  g_assert_cmpstr (wt_get_text (search), ==, "");
}

static void
test_clear_address_dialog_on_lock (WtFixture     *fx,
                                   gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *dialog;

  wt_fixture_start (fx);
  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  medusa_ui_navigate (GTK_WIDGET (fx->window), "addresses");
  wt_fixture_wait_page (fx, "addresses");
  page = page_widget (fx, MEDUSA_TYPE_ADDRESSES_PAGE);

  wt_click_label (page, "Add Address");
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG)) != NULL, WT_TIMEOUT);
  wt_type (dialog, "Address", "1 Secret Lane");

  /* The lock takes the half-typed address with the dialog. */
  medusa_window_lock (fx->window);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_nonnull (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG));
}

/* Idle: a spinner that spins makes GTK redraw the window every frame, seen
 * or not (its CSS animation ticks as long as the widget is visible, and a
 * page a stack does not show still is). No spinner spins on a page that is
 * not shown, so a window left alone on any page does not wake up. */

static GtkWidget *
find_unseen_spinner (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_SPINNER (widget) && gtk_widget_get_visible (widget) &&
      gtk_spinner_get_spinning (GTK_SPINNER (widget)) && !gtk_widget_get_mapped (widget))
    return widget;
  if (MEDUSA_IS_SPINNER (widget) && medusa_spinner_is_animating (MEDUSA_SPINNER (widget)) &&
      !gtk_widget_get_mapped (widget))
    return widget;

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_unseen_spinner (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The type of the page holding @widget, for the message. */
static const char *
page_type_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_STACK (gtk_widget_get_parent (widget)) && g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Medusa"))
      return G_OBJECT_TYPE_NAME (widget);
  return "the window";
}

#define assert_no_unseen_spinner(fx)                                                   \
  G_STMT_START {                                                                         \
    GtkWidget *spinner_ = find_unseen_spinner (GTK_WIDGET ((fx)->window));              \
    if (spinner_ != NULL)                                                                \
      {                                                                                  \
        g_autofree char *msg_ = g_strdup_printf ("a spinner in %s spins unseen on the "  \
                                                 "%s page", page_type_of (spinner_),     \
                                                 wt_fixture_page (fx));                  \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg_);       \
      }                                                                                  \
  } G_STMT_END

static void
test_idle_no_unseen_spinner (WtFixture     *fx,
                             gconstpointer  data)
{
  GtkWidget *orders;

  go_to_sign_in (fx);
  assert_no_unseen_spinner (fx);

  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  assert_no_unseen_spinner (fx);

  /* The orders page loads when shown; back on the overview, it rests. */
  medusa_ui_navigate (GTK_WIDGET (fx->window), "orders");
  wt_fixture_wait_page (fx, "orders");
  orders = page_widget (fx, MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (orders, "No Orders Yet");
  medusa_ui_navigate (GTK_WIDGET (fx->window), "overview");
  wt_fixture_wait_page (fx, "overview");
  assert_no_unseen_spinner (fx);

  /* Signing out drops the customer's order list. */
  sign_out (fx);
  assert_no_unseen_spinner (fx);
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

/* The frames @fx's window paints in about @ms milliseconds */
static guint
frames_in (WtFixture *fx,
           guint      ms)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (fx->window)));
  guint n_frames = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &n_frames);

  wt_iterate_ms (ms);
  g_signal_handler_disconnect (clock, id);
  return n_frames;
}

/* Issue 10: where nothing changes, nothing is painted (each frame is a
 * wake-up). The sign-in page keeps the focus in its first field, whose text
 * cursor blinks (GTK repaints for that, each frame) until
 * gtk-cursor-blink-timeout (10 s by default, 1 s here) has passed without
 * input; then the window rests, as it does on the overview. */
static void
test_idle_no_frames_at_rest (WtFixture     *fx,
                             gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *focus;

  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink-timeout", 1, NULL);
  page = go_to_sign_in (fx);
  wt_wait_until ((focus = gtk_root_get_focus (GTK_ROOT (fx->window))) != NULL &&
                 GTK_IS_TEXT (focus) && gtk_widget_is_ancestor (focus, page), WT_TIMEOUT);

  wt_iterate_ms (1500);
  g_assert_cmpuint (frames_in (fx, 1000), ==, 0);

  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  wt_fixture_wait_page (fx, "overview");
  wt_iterate_ms (1500);
  g_assert_cmpuint (frames_in (fx, 1000), ==, 0);

  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink-timeout", 10, NULL);
}

/* Startup: the window builds a page the first time it is shown, so what the
 * first frame waits for is the page it shows, not eleven. A page built
 * later still shows the session as it is then. */
static void
test_startup_pages_built_when_shown (WtFixture     *fx,
                                     gconstpointer  data)
{
  const GType later[] = {
    MEDUSA_TYPE_STORE_PAGE, MEDUSA_TYPE_REGISTER_PAGE, MEDUSA_TYPE_FORGOT_PASSWORD_PAGE,
    MEDUSA_TYPE_RESET_PASSWORD_PAGE, MEDUSA_TYPE_OVERVIEW_PAGE, MEDUSA_TYPE_PROFILE_PAGE,
    MEDUSA_TYPE_ADDRESSES_PAGE, MEDUSA_TYPE_ORDERS_PAGE,
  };
  GtkWidget *profile;

  go_to_sign_in (fx);
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    if (wt_find_by_type (GTK_WIDGET (fx->window), later[i]) != NULL)
      g_error ("%s was built before it was shown", g_type_name (later[i]));

  wt_fixture_sign_in (fx, WT_EMAIL, WT_PASSWORD);
  g_assert_nonnull (wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_OVERVIEW_PAGE));
  g_assert_null (wt_find_by_type (GTK_WIDGET (fx->window), MEDUSA_TYPE_PROFILE_PAGE));

  /* Built after sign-in, it has the customer. */
  medusa_ui_navigate (GTK_WIDGET (fx->window), "profile");
  wt_fixture_wait_page (fx, "profile");
  profile = page_widget (fx, MEDUSA_TYPE_PROFILE_PAGE);
  wt_wait_until (g_strcmp0 (wt_get_text (wt_find_row (profile, "First name")), WT_FIRST_NAME) == 0,
                 WT_TIMEOUT);
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/auth/store/connect", test_store_connect);
  ADD ("/widgets/auth/store/rows-mark-http", test_store_rows_mark_http);
  ADD ("/widgets/auth/store/unreachable", test_store_unreachable);
  ADD ("/widgets/auth/store/bad-key", test_store_bad_key);
  ADD ("/widgets/auth/store/v2-key", test_store_v2_key);
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
  ADD ("/widgets/auth/profile/unreadable-answer", test_profile_save_unreadable_answer);
  g_test_add_func ("/widgets/auth/error-text/parse", test_error_text_parse);
  g_test_add_func ("/widgets/auth/busy-button", test_busy_button);
  ADD ("/widgets/auth/expired-session", test_expired_session_reauth);
  ADD ("/widgets/auth/sign-in/enter-moves-focus", test_sign_in_enter_moves_focus);
  ADD ("/widgets/auth/store/enter-moves-focus", test_store_enter_moves_focus);
  ADD ("/widgets/auth/register/focus-first-field", test_register_focus_first_field);
  ADD ("/widgets/auth/store/host-with-space", test_store_host_with_space);
  ADD ("/widgets/auth/clear/register-after-sign-out", test_clear_register_after_sign_out);
  ADD ("/widgets/auth/clear/forgot-after-sign-out", test_clear_forgot_after_sign_out);
  ADD ("/widgets/auth/clear/reset-after-sign-out", test_clear_reset_after_sign_out);
  ADD ("/widgets/auth/clear/new-store-sign-in", test_new_store_sign_in_empty);
  ADD ("/widgets/auth/clear/profile-on-lock", test_clear_profile_on_lock);
  ADD ("/widgets/auth/clear/profile-after-sign-out", test_clear_profile_after_sign_out);
  ADD ("/widgets/auth/clear/orders-search-on-lock", test_clear_orders_search_on_lock);
  ADD ("/widgets/auth/clear/address-dialog-on-lock", test_clear_address_dialog_on_lock);
  ADD ("/widgets/auth/switch-store/restores-session", test_switch_store_restores_session);
  ADD ("/widgets/auth/idle/no-unseen-spinner", test_idle_no_unseen_spinner);
  ADD ("/widgets/auth/idle/no-frames-at-rest", test_idle_no_frames_at_rest);
  ADD ("/widgets/auth/startup/pages-built-when-shown", test_startup_pages_built_when_shown);

#undef ADD

  return g_test_run ();
}
