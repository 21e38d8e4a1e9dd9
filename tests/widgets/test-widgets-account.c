/* test-widgets-account.c: the account pages driven through their widgets
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Addresses (list, add dialog, duplicate warning, edit, delete with and
 * without undo, a failed save, an expired session), payment methods (empty,
 * listed, error and retry), the order history (paging, search, status
 * filter, no matches, empty, error and retry) and the order details
 * (content, not found), each against the in-process fake Store API, in the
 * real window.
 */
#define G_LOG_DOMAIN "WidgetTestAccount"

#include "config.h"

#include <string.h>

#include "medusa-address-dialog.h"
#include "medusa-addresses-page.h"
#include "medusa-enums.h"
#include "medusa-forgot-password-page.h"
#include "medusa-money.h"
#include "medusa-order-details-page.h"
#include "medusa-growing-slice.h"
#include "medusa-order-row.h"
#include "medusa-orders-page.h"
#include "medusa-overview-page.h"
#include "medusa-payment-method.h"
#include "medusa-payment-methods-page.h"
#include "medusa-preferences-window.h"
#include "medusa-profile-page.h"
#include "medusa-store-profiles.h"
#include "medusa-reauth-dialog.h"
#include "medusa-region.h"
#include "medusa-register-page.h"
#include "medusa-reset-password-page.h"
#include "medusa-sign-in-page.h"
#include "medusa-store-page.h"
#include "medusa-ui-utils.h"
#include "widget-test-utils.h"

#define ADDRESSES_PATH "/store/customers/me/addresses"
#define ORDERS_PATH    "/store/customers/me/orders"
#define METHODS_PATH   "/store/customers/me/payment-methods"

/* The countries of the fake's one region (de, fr, nl, it, es, dk, se, at, be, gb). */
#define N_FAKE_COUNTRIES 10

/* Helpers */

/* Starts the window and signs in (with whatever the test seeded in the fake
 * before); the window then shows the overview. */
static void
sign_in (WtFixture *fixture)
{
  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
}

/* Shows the page @page of the signed-in window. */
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
  g_assert_true (gtk_widget_get_mapped (widget));

  return widget;
}

static GtkWidget *
open_page (WtFixture  *fixture,
           const char *page,
           GType       page_type)
{
  sign_in (fixture);
  return show_page (fixture, page, page_type);
}

/* Waits for a visible label containing @text under @root. */
#define wait_label(root, text) \
  wt_wait_until (wt_find_label ((root), (text)) != NULL, WT_TIMEOUT)

typedef gboolean (*MatchFunc) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_matching (GtkWidget    *root,
               MatchFunc     match,
               gconstpointer data)
{
  if (root == NULL)
    return NULL;
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_matching (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_tooltip_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
match_icon_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
match_check (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

/* The icon button of @row described by @tooltip ("Edit address", …). */
static GtkWidget *
row_button (GtkWidget  *row,
            const char *tooltip)
{
  GtkWidget *button = find_matching (row, match_tooltip_button, tooltip);

  g_assert_nonnull (button);
  return button;
}

/* The saved-address rows the page shows, in order. */
static void
collect_rows (GtkWidget *widget,
              GtkWidget *page,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget) && GTK_IS_LIST_BOX (gtk_widget_get_parent (widget)))
    {
      if (wt_is_visible_in (widget, page))
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, page, rows);
}

static GPtrArray *
address_rows (GtkWidget *page)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (page, page, rows);
  return rows;
}

static guint
n_address_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = address_rows (page);

  return rows->len;
}

static gboolean
first_row_subtitle_has (GtkWidget  *page,
                        const char *text)
{
  g_autoptr(GPtrArray) rows = address_rows (page);

  return rows->len > 0 &&
         strstr (adw_action_row_get_subtitle (rows->pdata[0]), text) != NULL;
}

static GtkWidget *
wait_dialog (void)
{
  GtkWidget *dialog;

  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) != NULL, WT_TIMEOUT);
  dialog = wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG);
  g_assert_true (gtk_widget_get_visible (dialog));

  return dialog;
}

static AdwComboRow *
country_row (GtkWidget *dialog)
{
  GtkWidget *row = wt_find_row (dialog, "Country");

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  return ADW_COMBO_ROW (row);
}

static guint
n_countries (GtkWidget *dialog)
{
  GListModel *model = adw_combo_row_get_model (country_row (dialog));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* Picks the country @iso_2 in the chooser, as a click in its list would. */
static void
choose_country (GtkWidget  *dialog,
                const char *iso_2)
{
  AdwComboRow *row = country_row (dialog);
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MedusaCountry) country = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (medusa_country_get_iso_2 (country), iso_2) == 0)
        {
          adw_combo_row_set_selected (row, i);
          wt_iterate_ms (5);
          return;
        }
    }

  g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, "country not offered");
}

static const char *
chosen_country (GtkWidget *dialog)
{
  MedusaCountry *country = adw_combo_row_get_selected_item (country_row (dialog));

  return country != NULL ? medusa_country_get_iso_2 (country) : NULL;
}

/* The visible GtkLabel with the "error" style class under @root, or NULL. */
static gboolean
match_error_label (GtkWidget     *widget,
                   gconstpointer  data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_has_css_class (widget, "error"))
    return FALSE;
  if (!wt_is_visible_in (widget, (GtkWidget *) data))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && *text != '\0';
}

static const char *
error_text (GtkWidget *root)
{
  GtkWidget *label = find_matching (root, match_error_label, root);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Types a complete new address into the open dialog. */
static void
fill_address (GtkWidget  *dialog,
              const char *first_name,
              const char *last_name,
              const char *address_1,
              const char *city,
              const char *postal_code)
{
  wt_type (dialog, "First name", first_name);
  wt_type (dialog, "Last name", last_name);
  wt_type (dialog, "Address", address_1);
  wt_type (dialog, "City", city);
  wt_type (dialog, "Postal code", postal_code);
}

/* Waits until a toast just added has finished appearing, as any user takes
 * longer than that to click it. libadwaita 1.2 frees a toast's bookkeeping
 * when its hide animation ends while its show animation (300 ms, 500 ms when
 * it replaces another toast) is still running: a toast dismissed within a
 * frame or so of appearing can end both in one frame, and the show
 * animation's end then writes to freed memory (fixed in libadwaita 1.3,
 * commit 1674ebc9). */
static void
wait_toast_shown (void)
{
  wt_iterate_ms (600);
}

/* The toast's close button next to the visible toast button @label. */
static GtkWidget *
toast_close_button (GtkWidget  *root,
                    const char *label)
{
  GtkWidget *button = wt_find_button (root, label);
  GtkWidget *close;

  g_assert_nonnull (button);
  close = find_matching (gtk_widget_get_parent (button), match_icon_button, "window-close-symbolic");
  g_assert_nonnull (close);
  return close;
}

/* The last GET of the order list, with its query decoded ("" when none). */
static char *
last_orders_query (MedusaFakeServer *fake)
{
  const MedusaFakeRequest *request = medusa_fake_server_get_last_request (fake, "GET", ORDERS_PATH);
  const char *query;

  if (request == NULL)
    return g_strdup ("");
  query = medusa_fake_request_get_query (request);
  if (query == NULL)
    return g_strdup ("");
  return g_uri_unescape_string (query, NULL);
}

static gboolean
last_orders_query_has (MedusaFakeServer *fake,
                       const char       *needle)
{
  g_autofree char *query = last_orders_query (fake);
  g_auto(GStrv) params = g_strsplit (query, "&", -1);

  for (guint i = 0; params[i] != NULL; i++)
    {
      if (g_str_equal (params[i], needle))
        return TRUE;
    }

  return FALSE;
}

/* How many pages of the order history were fetched (the overview's own
 * limit=1 peek at the latest order does not count). */
static guint
n_page_requests (MedusaFakeServer *fake)
{
  guint n = 0;

  for (guint i = 0; i < medusa_fake_server_get_n_requests (fake, NULL, NULL); i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (fake, i);
      g_autofree char *query = NULL;
      g_auto(GStrv) params = NULL;

      if (g_strcmp0 (medusa_fake_request_get_method (request), "GET") != 0 ||
          g_strcmp0 (medusa_fake_request_get_path (request), ORDERS_PATH) != 0 ||
          medusa_fake_request_get_query (request) == NULL)
        continue;

      /* The first page (20), then five pages a request */
      params = g_strsplit (medusa_fake_request_get_query (request), "&", -1);
      if (g_strv_contains ((const char * const *) params, "limit=20") ||
          g_strv_contains ((const char * const *) params, "limit=100"))
        n++;
    }

  return n;
}

static GtkWidget *
orders_scrolled_window (GtkWidget *page)
{
  GtkWidget *list_view = wt_find_by_type (page, GTK_TYPE_LIST_VIEW);
  GtkWidget *w;

  g_assert_nonnull (list_view);
  for (w = list_view; w != NULL && !GTK_IS_SCROLLED_WINDOW (w); w = gtk_widget_get_parent (w))
    ;
  g_assert_nonnull (w);
  return w;
}

/* Scrolls the order list to its end, as a user dragging down would. */
static void
scroll_to_end (GtkWidget *page)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (orders_scrolled_window (page)));

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  wt_iterate_ms (20);
}

static gboolean
stack_shows (GtkWidget  *page,
             const char *name)
{
  GtkWidget *stack = wt_find_by_type (page, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), name) == 0;
}

/* Addresses */

static void
test_addresses_list (WtFixture     *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = NULL;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");
  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Alan", "Turing",
                                  "Bletchley Park", "Milton Keynes", "gb", "MK3 6EB");

  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);

  wt_wait_until (n_address_rows (page) == 2, WT_TIMEOUT);
  rows = address_rows (page);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Ada Lovelace");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "Berlin"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "10117"));
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "Alan Turing");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[1]), "Milton Keynes"));
  g_assert_null (wt_find_label (page, "No Saved Addresses"));
  g_assert_true (wt_button_sensitive (page, "Add Address"));
}

static void
test_addresses_empty (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);

  wait_label (page, "No Saved Addresses");
  g_assert_cmpuint (n_address_rows (page), ==, 0);
}

static void
test_addresses_add (WtFixture     *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  GtkWidget *dialog;
  const MedusaFakeRequest *request;
  g_autoptr(GPtrArray) rows = NULL;

  wt_click_label (page, "Add Address");
  dialog = wait_dialog ();

  /* The country chooser is filled from the store's regions. */
  wt_wait_until (n_countries (dialog) == N_FAKE_COUNTRIES, WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/regions"), >=, 1);
  g_assert_nonnull (chosen_country (dialog));

  /* Save only once every required field has something. */
  g_assert_false (wt_button_sensitive (dialog, "Save"));
  wt_type (dialog, "First name", "Grace");
  g_assert_false (wt_button_sensitive (dialog, "Save"));
  wt_type (dialog, "Last name", "Hopper");
  wt_type (dialog, "Address", "1 Navy Way");
  wt_type (dialog, "City", "Paris");
  g_assert_false (wt_button_sensitive (dialog, "Save"));
  wt_type (dialog, "Postal code", "75001");
  g_assert_true (wt_button_sensitive (dialog, "Save"));

  /* Emptying a required field again makes Save insensitive and says why. */
  wt_type (dialog, "City", "");
  g_assert_false (wt_button_sensitive (dialog, "Save"));
  g_assert_nonnull (wt_find_label (dialog, "Required: City"));
  wt_type (dialog, "City", "Paris");
  g_assert_true (wt_button_sensitive (dialog, "Save"));

  choose_country (dialog, "fr");
  g_assert_cmpstr (chosen_country (dialog), ==, "fr");

  wt_click_label (dialog, "Save");
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == NULL, WT_TIMEOUT);

  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", ADDRESSES_PATH), ==, 1);
  request = medusa_fake_server_get_last_request (fixture->fake, "POST", ADDRESSES_PATH);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"address\":{\"first_name\":\"Grace\",\"last_name\":\"Hopper\","
                                         "\"address_1\":\"1 Navy Way\",\"city\":\"Paris\","
                                         "\"postal_code\":\"75001\",\"country_code\":\"fr\"}}"));
  g_assert_cmpuint (medusa_fake_request_get_status (request), ==, 200);

  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);
  rows = address_rows (page);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Grace Hopper");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "Paris"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "FR"));
  wait_label (page, "Address added");
}

static void
test_addresses_duplicate (WtFixture     *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *dialog;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");
  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);

  wt_click_label (page, "Add Address");
  dialog = wait_dialog ();
  wt_wait_until (n_countries (dialog) == N_FAKE_COUNTRIES, WT_TIMEOUT);
  /* A new address starts in the country of the saved one. */
  g_assert_cmpstr (chosen_country (dialog), ==, "de");

  fill_address (dialog, "Ada", "Lovelace", "Unter den Linden 1", "Berlin", "10117");
  medusa_fake_server_clear_requests (fixture->fake);
  wt_click_label (dialog, "Save");
  wt_iterate_ms (100);

  g_assert_true (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == dialog);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", NULL), ==, 0);
  g_assert_cmpstr (error_text (dialog), ==, "You already saved this address.");
  g_assert_cmpstr (wt_text_of (dialog, "Address"), ==, "Unter den Linden 1");
  g_assert_cmpuint (n_address_rows (page), ==, 1);

  /* Another street is no duplicate. */
  wt_type (dialog, "Address", "Unter den Linden 2");
  wt_click_label (dialog, "Save");
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == NULL, WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", ADDRESSES_PATH), ==, 1);
  wt_wait_until (n_address_rows (page) == 2, WT_TIMEOUT);
}

static void
test_addresses_edit (WtFixture     *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *dialog;
  const char *address_id;
  g_autofree char *path = NULL;
  const MedusaFakeRequest *request;
  g_autoptr(GPtrArray) rows = NULL;

  address_id = medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                               "Unter den Linden 1", "Berlin", "de", "10117");
  path = g_strconcat (ADDRESSES_PATH "/", address_id, NULL);
  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);

  rows = address_rows (page);
  wt_click (row_button (rows->pdata[0], "Edit address"));
  dialog = wait_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Address");

  /* The form holds the saved values. */
  g_assert_cmpstr (wt_text_of (dialog, "First name"), ==, "Ada");
  g_assert_cmpstr (wt_text_of (dialog, "Last name"), ==, "Lovelace");
  g_assert_cmpstr (wt_text_of (dialog, "Address"), ==, "Unter den Linden 1");
  g_assert_cmpstr (wt_text_of (dialog, "City"), ==, "Berlin");
  g_assert_cmpstr (wt_text_of (dialog, "Postal code"), ==, "10117");
  wt_wait_until (n_countries (dialog) == N_FAKE_COUNTRIES, WT_TIMEOUT);
  g_assert_cmpstr (chosen_country (dialog), ==, "de");

  /* Enter in a field saves; only the changed field is sent. */
  wt_type (dialog, "City", "Munich");
  wt_press_enter (wt_find_entry (dialog, "City"));
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == NULL, WT_TIMEOUT);

  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", path), ==, 1);
  request = medusa_fake_server_get_last_request (fixture->fake, "POST", path);
  g_assert_true (medusa_fake_json_equal (medusa_fake_request_get_body_json (request),
                                         "{\"city\":\"Munich\"}"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", ADDRESSES_PATH), ==, 0);

  wt_wait_until (first_row_subtitle_has (page, "Munich"), WT_TIMEOUT);
  g_assert_cmpuint (n_address_rows (page), ==, 1);
  wait_label (page, "Address updated");
}

static void
test_addresses_delete_undo (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = NULL;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");
  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);

  rows = address_rows (page);
  wt_click (row_button (rows->pdata[0], "Delete address"));

  /* Gone at once, with a way back. */
  g_assert_cmpuint (n_address_rows (page), ==, 0);
  wait_label (page, "Address deleted");
  wt_wait_until (wt_find_button (page, "Undo") != NULL, WT_TIMEOUT);
  wait_toast_shown ();

  wt_click_label (page, "Undo");
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);

  /* Nothing was or will be sent. */
  wt_iterate_ms (300);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "DELETE", NULL), ==, 0);
  g_assert_cmpuint (n_address_rows (page), ==, 1);
}

static void
test_addresses_delete (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *page;
  const char *address_id;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  address_id = medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                               "Unter den Linden 1", "Berlin", "de", "10117");
  path = g_strconcat (ADDRESSES_PATH "/", address_id, NULL);
  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);

  rows = address_rows (page);
  wt_click (row_button (rows->pdata[0], "Delete address"));
  wait_label (page, "Address deleted");

  /* Not sent while the undo is offered… */
  wait_toast_shown ();
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "DELETE", NULL), ==, 0);

  /* …but once the toast goes away without it. */
  wt_click (toast_close_button (page, "Undo"));
  wt_wait_until (medusa_fake_server_get_n_requests (fixture->fake, "DELETE", path) == 1, WT_TIMEOUT);
  wait_label (page, "No Saved Addresses");
  g_assert_cmpuint (n_address_rows (page), ==, 0);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "DELETE", NULL), ==, 1);
}

static void
test_addresses_save_error (WtFixture     *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  GtkWidget *dialog;
  const char *message;

  wt_click_label (page, "Add Address");
  dialog = wait_dialog ();
  wt_wait_until (n_countries (dialog) == N_FAKE_COUNTRIES, WT_TIMEOUT);
  fill_address (dialog, "Grace", "Hopper", "1 Navy Way", "Paris", "75001");
  choose_country (dialog, "fr");

  medusa_fake_server_add_status_fault (fixture->fake, "POST", ADDRESSES_PATH, 500, NULL, NULL, 1);
  wt_click_label (dialog, "Save");
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) != dialog || error_text (dialog) != NULL,
                 WT_TIMEOUT);

  /* The dialog and the input stay; the error is a sentence, not JSON. */
  g_assert_true (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == dialog);
  message = error_text (dialog);
  g_assert_null (strchr (message, '{'));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "POST", ADDRESSES_PATH), ==, 1);
  g_assert_true (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == dialog);
  g_assert_cmpstr (wt_text_of (dialog, "First name"), ==, "Grace");
  g_assert_cmpstr (wt_text_of (dialog, "Last name"), ==, "Hopper");
  g_assert_cmpstr (wt_text_of (dialog, "Address"), ==, "1 Navy Way");
  g_assert_cmpstr (wt_text_of (dialog, "City"), ==, "Paris");
  g_assert_cmpstr (wt_text_of (dialog, "Postal code"), ==, "75001");
  g_assert_cmpstr (chosen_country (dialog), ==, "fr");
  g_assert_true (wt_button_sensitive (dialog, "Save"));
  g_assert_cmpuint (n_address_rows (page), ==, 0);

  /* Trying again works. */
  wt_click_label (dialog, "Save");
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == NULL, WT_TIMEOUT);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);
}

static void
test_addresses_expired (WtFixture     *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  GtkWidget *dialog;

  wt_click_label (page, "Add Address");
  dialog = wait_dialog ();
  wt_wait_until (n_countries (dialog) == N_FAKE_COUNTRIES, WT_TIMEOUT);
  fill_address (dialog, "Grace", "Hopper", "1 Navy Way", "Paris", "75001");

  /* The credential expires while the form is open. */
  medusa_fake_server_revoke_credentials (fixture->fake);
  wt_click_label (dialog, "Save");

  /* The password is asked for in place; nothing typed is lost. */
  wt_wait_until (medusa_session_get_state (fixture->session) == MEDUSA_SESSION_STATE_LOCKED, WT_TIMEOUT);
  wt_wait_until (wt_find_toplevel (MEDUSA_TYPE_REAUTH_DIALOG) != NULL, WT_TIMEOUT);
  g_assert_true (wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG) == dialog);
  g_assert_cmpstr (wt_text_of (dialog, "First name"), ==, "Grace");
  g_assert_cmpstr (wt_text_of (dialog, "Postal code"), ==, "75001");
  g_assert_cmpuint (medusa_fake_request_get_status (medusa_fake_server_get_last_request (fixture->fake, "POST", ADDRESSES_PATH)),
                    ==, 401);
  g_assert_cmpstr (wt_fixture_page (fixture), ==, "addresses");
}

/* Payment methods */

static void
test_payment_methods_empty (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "payment-methods", MEDUSA_TYPE_PAYMENT_METHODS_PAGE);

  wait_label (page, "No Saved Payment Methods");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", METHODS_PATH), ==, 1);
}

static void
test_payment_methods_list (WtFixture     *fixture,
                           gconstpointer  user_data)
{
  static const char *body =
    "{\"payment_methods\":["
    "{\"provider_id\":\"stripe\",\"data\":{\"card\":{\"brand\":\"visa\",\"last4\":\"4242\","
    "\"exp_month\":4,\"exp_year\":2030}}},"
    "{\"provider_id\":\"manual\",\"data\":{}}]}";
  g_autoptr(JsonNode) node = json_from_string (body, NULL);
  JsonArray *array = json_object_get_array_member (json_node_get_object (node), "payment_methods");
  GtkWidget *page;

  /* The fake has no saved methods of its own: answer with some. */
  medusa_fake_server_add_status_fault (fixture->fake, "GET", METHODS_PATH, 200, NULL, body, 0);
  page = open_page (fixture, "payment-methods", MEDUSA_TYPE_PAYMENT_METHODS_PAGE);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MedusaPaymentMethod) method =
        medusa_payment_method_new_from_json (json_array_get_object_element (array, i), &error);
      g_autofree char *summary = NULL;

      g_assert_no_error (error);
      summary = medusa_payment_method_dup_summary (method);
      wt_wait_until (wt_find_row (page, summary) != NULL &&
                     wt_is_visible_in (wt_find_row (page, summary), page), WT_TIMEOUT);
    }

  g_assert_nonnull (wt_find_row (page, "Visa •••• 4242 · 04/2030"));
  g_assert_nonnull (wt_find_label (page, "Stripe"));
  g_assert_null (wt_find_label (page, "No Saved Payment Methods"));
}

static void
test_payment_methods_error (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *page;

  medusa_fake_server_add_status_fault (fixture->fake, "GET", METHODS_PATH, 500, NULL, NULL, 1);
  page = open_page (fixture, "payment-methods", MEDUSA_TYPE_PAYMENT_METHODS_PAGE);

  wait_label (page, "Could Not Load Payment Methods");
  g_assert_true (stack_shows (page, "error"));
  g_assert_null (wt_find_label (page, "{"));

  wt_click_label (page, "Retry");
  wait_label (page, "No Saved Payment Methods");
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", METHODS_PATH), ==, 2);
}

/* Orders */

static void
test_orders_paging (WtFixture     *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *page;
  gint64 end;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);

  wait_label (page, "20 of 45 orders");
  g_assert_true (last_orders_query_has (fixture->fake, "limit=20"));
  g_assert_false (last_orders_query_has (fixture->fake, "offset=20"));

  /* Scrolling down fetches the rest: once the count is known, five pages
   * a request (MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES), and the
   * request after it only when there are more orders. */
  end = g_get_monotonic_time () + WT_TIMEOUT * 1000;
  while (wt_find_label (page, "45 of 45 orders") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      scroll_to_end (page);
    }

  g_assert_cmpuint (n_page_requests (fixture->fake), ==, 2);
  g_assert_true (last_orders_query_has (fixture->fake, "offset=20"));
  g_assert_true (last_orders_query_has (fixture->fake, "limit=100"));

  /* Nothing more to fetch. */
  scroll_to_end (page);
  wt_iterate_ms (200);
  g_assert_cmpuint (n_page_requests (fixture->fake), ==, 2);
}

static guint
count_of_type (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_of_type (child, type);
  return n;
}

/* GtkListView (GTK 4.8) asks for up to 200 items and makes a row for each:
 * over the order list, whose last items asked for load the next page, an
 * opened orders page loaded 220 orders and made 205 rows. The view now sees
 * a page more than it is scrolled to. */
static void
test_orders_rows_when_shown (WtFixture     *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *page;
  gint64 end;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 300);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);

  wait_label (page, "of 300 orders");
  wt_iterate_ms (1000);
  g_assert_cmpuint (n_page_requests (fixture->fake), <=, 3);
  g_assert_cmpuint (count_of_type (page, MEDUSA_TYPE_ORDER_ROW), >=, 1);
  g_assert_cmpuint (count_of_type (page, MEDUSA_TYPE_ORDER_ROW), <=, 60);

  /* Scrolling (as End and Page Down do) still gets every order. */
  end = g_get_monotonic_time () + 4 * WT_TIMEOUT * 1000;
  while (wt_find_label (page, "300 of 300 orders") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      scroll_to_end (page);
    }
  /* Each page once: 20 first, then pages of 100. */
  g_assert_cmpuint (n_page_requests (fixture->fake), ==, 4);
}

/* What a view of the slice holds, kept up to date from items-changed only */
static guint mirror_removed;

static void
mirror_changed_cb (GListModel *slice,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  mirror_removed += removed;
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, (int) (position + i), g_list_model_get_item (slice, position + i));
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (slice));
}

static void
assert_mirror (GListModel *slice,
               GPtrArray  *mirror,
               GListStore *store)
{
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (slice));
  for (guint i = 0; i < mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (g_ptr_array_index (mirror, i) == item);
    }
}

/* The orders page's slice tells a view exactly what changed: a row
 * inserted above keeps the rows after it (the end moves), a removal pulls
 * the next item in at the end, and appended items show up to the limit. */
static void
test_orders_growing_slice_changes (WtFixture     *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *scrolled = g_object_ref_sink (gtk_scrolled_window_new ());
  g_autoptr(MedusaGrowingSlice) slice = medusa_growing_slice_new (GTK_SCROLLED_WINDOW (scrolled), 5, 5);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  GObject *first;

  g_signal_connect (slice, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }
  medusa_growing_slice_set_model (slice, G_LIST_MODEL (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==, 5);
  g_assert_cmpuint (mirror->len, ==, 5);

  /* Inserted at the top: one more row, the same five after it (no row
   * the view has is removed, so it keeps them and its scroll position) */
  mirror_removed = 0;
  first = g_object_new (G_TYPE_OBJECT, NULL);
  g_list_store_insert (store, 0, first);
  g_object_unref (first);
  g_assert_cmpuint (mirror_removed, ==, 0);
  g_assert_cmpuint (mirror->len, ==, 6);
  assert_mirror (G_LIST_MODEL (slice), mirror, store);

  /* Removed inside: that row goes, the next one comes in at the end */
  g_list_store_remove (store, 2);
  g_assert_cmpuint (mirror_removed, ==, 1);
  g_assert_cmpuint (mirror->len, ==, 6);
  assert_mirror (G_LIST_MODEL (slice), mirror, store);

  medusa_growing_slice_grow (slice);
  g_assert_cmpuint (mirror->len, ==, 11);
  assert_mirror (G_LIST_MODEL (slice), mirror, store);

  /* Any change, any size: the view always holds the model's first items */
  for (guint round = 0; round < 400; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint position = g_rand_int_range (rand, 0, (gint32) n + 1);
      guint removed = g_rand_int_range (rand, 0, (gint32) (n - position) + 1);
      guint added = g_rand_int_range (rand, 0, 4);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if (n > 40)
        removed = MAX (removed, 3);
      for (guint i = 0; i < added; i++)
        g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
      g_list_store_splice (store, position, MIN (removed, n - position), items->pdata, added);
      if (round % 37 == 0)
        medusa_growing_slice_grow (slice);
      assert_mirror (G_LIST_MODEL (slice), mirror, store);
    }

  g_signal_handlers_disconnect_by_func (slice, mirror_changed_cb, mirror);
  g_object_unref (scrolled);
}

/* Rows added to a drawn view, counted per frame of its frame clock */
typedef struct
{
  GtkWidget *scrolled;
  gint64     frame;
  guint      in_frame;
  guint      most_in_frame;
} FrameCount;

static void
frame_count_changed_cb (GListModel *slice,
                        guint       position,
                        guint       removed,
                        guint       added,
                        FrameCount *count)
{
  gint64 frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (count->scrolled));

  if (frame != count->frame)
    {
      count->frame = frame;
      count->in_frame = 0;
    }
  count->in_frame += added;
  count->most_in_frame = MAX (count->most_in_frame, count->in_frame);
}

/* A view that is drawn gets at most per_frame new rows a frame (here 3, less
 * than a step of 5), however fast they come (GtkListView builds every added
 * row in the frame): its first step, four steps grown at once, or 40 items
 * appended at once, it gets them over the next frames, all of them, in
 * order. */
static void
test_orders_growing_slice_per_frame (WtFixture     *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(MedusaGrowingSlice) slice = NULL;
  FrameCount count = { scrolled, -1, 0, 0 };
  gint64 end;

  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 300);
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (scrolled) && g_get_monotonic_time () < end)
    wt_iterate ();
  g_assert_true (gtk_widget_get_mapped (scrolled));

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }
  slice = medusa_growing_slice_new (GTK_SCROLLED_WINDOW (scrolled), 5, 3);
  g_signal_connect (slice, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  g_signal_connect (slice, "items-changed", G_CALLBACK (frame_count_changed_cb), &count);
  medusa_growing_slice_set_model (slice, G_LIST_MODEL (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==, 3);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (slice)) < 5 && g_get_monotonic_time () < end)
    wt_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==, 5);
  g_assert_cmpuint (count.most_in_frame, <=, 3);

  /* Grown four steps in one go (what End and the history can do between two frames) */
  for (guint i = 0; i < 4; i++)
    medusa_growing_slice_grow (slice);
  g_assert_cmpuint (count.most_in_frame, <=, 3);

  /* 40 appended at once */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }
  g_assert_cmpuint (count.most_in_frame, <=, 3);

  /* The view, near its end, grows: all 60 arrive, 3 a frame at most */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (slice)) < 60 && g_get_monotonic_time () < end)
    wt_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==, 60);
  g_assert_cmpuint (count.most_in_frame, <=, 3);
  assert_mirror (G_LIST_MODEL (slice), mirror, store);

  g_signal_handlers_disconnect_by_func (slice, frame_count_changed_cb, &count);
  g_signal_handlers_disconnect_by_func (slice, mirror_changed_cb, mirror);
  g_clear_object (&slice);
  gtk_window_destroy (GTK_WINDOW (window));
  wt_iterate_ms (20);
}

static GtkWidget *
search_entry (GtkWidget *page)
{
  GtkWidget *entry = wt_find_by_type (page, GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

static void
test_orders_search (WtFixture     *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *page;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "20 of 45 orders");

  /* Order numbers 4, 14, 24, 34 and 40–45 contain a 4. */
  wt_set_text (search_entry (page), "4");
  wt_wait_until (last_orders_query_has (fixture->fake, "q=4"), WT_TIMEOUT);
  wait_label (page, "10 of 10 orders");
}

static void
test_orders_status_filter (WtFixture     *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *menu_button;
  GtkWidget *check;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "20 of 45 orders");

  menu_button = wt_find_by_type (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);

  /* A v1 store offers v1's statuses only (no v2 "Authorized"). */
  check = find_matching (page, match_check, medusa_payment_status_to_label (MEDUSA_PAYMENT_STATUS_AUTHORIZED));
  g_assert_nonnull (check);
  g_assert_false (wt_is_visible_in (check, page));
  check = find_matching (page, match_check, medusa_fulfillment_status_to_label (MEDUSA_FULFILLMENT_STATUS_RETURNED));
  g_assert_nonnull (check);
  g_assert_true (wt_is_visible_in (check, page));

  check = find_matching (page, match_check, medusa_order_status_to_label (MEDUSA_ORDER_STATUS_COMPLETED));
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_is_sensitive (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);

  /* Orders 2, 8, …, 44 are completed. */
  wt_wait_until (last_orders_query_has (fixture->fake, "status[]=completed"), WT_TIMEOUT);
  wait_label (page, "8 of 8 orders");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static gboolean
match_placeholder (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), data) == 0;
}

/* "Z" or "+HH:MM", as MedusaOrderQuery writes it (static buffer). */
static const char *
utc_offset (GDateTime *when)
{
  static char buffer[8];
  g_autofree char *offset = g_date_time_format (when, "%:z");

  g_strlcpy (buffer, g_date_time_get_utc_offset (when) == 0 ? "Z" : offset, sizeof buffer);
  return buffer;
}

/* The last day GDateTime has: a "to" of 9999-12-31 is a filter up to the
 * end of that day, not dropped because there is no next day. */
static void
test_orders_last_day_filter (WtFixture     *fixture,
                             gconstpointer  user_data)
{
  MedusaOrdersPage *page;
  GtkWidget *to_entry;
  GtkWidget *from_entry;
  g_autoptr(GDateTime) last = g_date_time_new_local (9999, 12, 31, 23, 59, 59.999999);
  g_autoptr(GDateTime) first = g_date_time_new_local (9999, 12, 31, 0, 0, 0);
  g_autofree char *expected = NULL;
  g_autofree char *expected_from = NULL;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 3);
  page = MEDUSA_ORDERS_PAGE (open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE));
  wait_label (GTK_WIDGET (page), "3 of 3 orders");
  /* the filters are built when the popover first opens */
  gtk_menu_button_popup (GTK_MENU_BUTTON (wt_find_by_type (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON)));
  wt_iterate_ms (20);
  from_entry = find_matching (GTK_WIDGET (page), match_placeholder, "From (YYYY-MM-DD)");
  to_entry = find_matching (GTK_WIDGET (page), match_placeholder, "To (YYYY-MM-DD)");
  g_assert_nonnull (from_entry);
  g_assert_nonnull (to_entry);

  /* The local end of that day (GDateTime has it in every zone). */
  g_assert_nonnull (last);
  g_assert_nonnull (first);
  expected = g_strconcat ("created_at[lte]=9999-12-31T23:59:59.999999", utc_offset (last), NULL);
  expected_from = g_strconcat ("created_at[gte]=9999-12-31T00:00:00", utc_offset (first), NULL);

  wt_set_text (to_entry, "9999-12-31");
  wt_wait_until (last_orders_query_has (fixture->fake, expected), WT_TIMEOUT);
  wait_label (GTK_WIDGET (page), "3 of 3 orders");
  g_assert_false (gtk_widget_has_css_class (to_entry, "error"));

  /* With a start the same day: both bounds, no error. */
  wt_set_text (from_entry, "9999-12-31");
  wt_wait_until (last_orders_query_has (fixture->fake, expected_from), WT_TIMEOUT);
  g_assert_true (last_orders_query_has (fixture->fake, expected));
  wait_label (GTK_WIDGET (page), "No Matching Orders");
  g_assert_false (gtk_widget_has_css_class (from_entry, "error"));
  g_assert_false (gtk_widget_has_css_class (to_entry, "error"));
}

/* The popover's filters are built the first time it opens (issue 10: RSS),
 * and work as they did: the statuses the store knows, a status applied,
 * the same widgets when opened again, Reset Filters. */
static void
test_orders_filters_built_when_opened (WtFixture     *fixture,
                                       gconstpointer  user_data)
{
  const char *completed = medusa_order_status_to_label (MEDUSA_ORDER_STATUS_COMPLETED);
  GtkWidget *page;
  GtkWidget *menu_button;
  GtkWidget *check;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "20 of 45 orders");
  g_assert_false (last_orders_query_has (fixture->fake, "status[]"));

  /* Not built with the page */
  g_assert_null (find_matching (page, match_check, completed));
  g_assert_null (find_matching (page, match_placeholder, "From (YYYY-MM-DD)"));

  menu_button = wt_find_by_type (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  g_assert_nonnull (find_matching (page, match_placeholder, "From (YYYY-MM-DD)"));
  g_assert_false (wt_is_visible_in (find_matching (page, match_check,
                                                   medusa_payment_status_to_label (MEDUSA_PAYMENT_STATUS_AUTHORIZED)),
                                    page));
  check = find_matching (page, match_check, completed);
  g_assert_nonnull (check);
  g_assert_true (wt_is_visible_in (check, page));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, "Order: Completed");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wt_wait_until (last_orders_query_has (fixture->fake, "status[]=completed"), WT_TIMEOUT);
  wait_label (page, "8 of 8 orders");

  /* Opened again: the same boxes, as they were left */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  g_assert_true (find_matching (page, match_check, completed) == check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  wt_click (wt_find_button (page, "Reset Filters"));
  wait_label (page, "20 of 45 orders");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (last_orders_query_has (fixture->fake, "status[]"));
}

/* The shortcuts window is built when first asked for (issue 10: RSS), not
 * by GtkApplication for each window it gets (it builds the resource
 * gtk/help-overlay.ui of the application's base path at once), and is then
 * the window's help overlay: modal, on top of the window, every time. */
static void
test_shortcuts_built_when_asked (WtFixture     *fixture,
                                 gconstpointer  user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->window);
  GtkShortcutsWindow *overlay;

  g_assert_false (g_resources_get_info ("/io/github/medusaaccount/MedusaAccount/gtk/help-overlay.ui",
                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  wt_fixture_start (fixture);
  g_assert_null (gtk_application_window_get_help_overlay (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wt_iterate_ms (20);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));
  g_assert_nonnull (wt_find_label (GTK_WIDGET (overlay), "Keyboard Shortcuts"));

  /* Closed, it hides; asked for again, the same window comes back. */
  gtk_window_close (GTK_WINDOW (overlay));
  wt_iterate_ms (20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wt_iterate_ms (20);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
}

/* The main menu's popover is made when it first opens (issue 10: RSS); the
 * button says it has a popup before that, and the menu has its items. */
static void
test_main_menu_built_when_opened (WtFixture     *fixture,
                                  gconstpointer  user_data)
{
  GtkWidget *menu_button;
  GtkPopover *popover;

  wt_fixture_start (fixture);
  menu_button = wt_find_by_type (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  g_assert_false (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))));
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  g_assert_true (gtk_widget_get_sensitive (menu_button));

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (wt_find_label (GTK_WIDGET (popover), "Keyboard Shortcuts"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  g_assert_true (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)) == popover);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static void
test_orders_no_matches (WtFixture     *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *page;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (page, "20 of 45 orders");

  wt_set_text (search_entry (page), "nothing like this");
  wait_label (page, "No Matching Orders");
  g_assert_null (wt_find_label (page, "of 45 orders"));

  medusa_fake_server_clear_requests (fixture->fake);
  wt_click_label (page, "Clear Filters");
  wait_label (page, "20 of 45 orders");
  g_assert_cmpstr (wt_get_text (search_entry (page)), ==, "");
  g_assert_false (last_orders_query_has (fixture->fake, "q=nothing like this"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", ORDERS_PATH), >=, 1);
}

static void
test_orders_empty (WtFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);

  wait_label (page, "No Orders Yet");
  g_assert_null (wt_find_button (page, "Clear Filters"));
}

static void
test_orders_error (WtFixture     *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *page;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 45);
  sign_in (fixture);
  /* After the overview's own look at the latest order (a fault would hit it). */
  wt_wait_until (medusa_fake_server_get_n_requests (fixture->fake, "GET", ORDERS_PATH) >= 1, WT_TIMEOUT);
  medusa_fake_server_add_status_fault (fixture->fake, "GET", ORDERS_PATH, 500, NULL, NULL, 1);
  page = show_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);

  wait_label (page, "Could Not Load Orders");
  g_assert_null (wt_find_label (page, "{"));
  g_assert_null (wt_find_label (page, "of 45 orders"));

  wt_click_label (page, "Retry");
  wait_label (page, "20 of 45 orders");
  g_assert_null (wt_find_label (page, "Could Not Load Orders"));
}

/* Order details */

static void
activate_order (GtkWidget *orders_page,
                guint      position)
{
  GtkWidget *list_view = wt_find_by_type (orders_page, GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list_view);
  g_signal_emit_by_name (list_view, "activate", position);
  wt_iterate_ms (5);
}

static void
test_order_details (WtFixture     *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *orders;
  GtkWidget *details;
  g_autofree char *total = medusa_money_format (3 * 1950 + 1200 + 800, "eur");
  g_autofree char *path = NULL;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 3);
  orders = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (orders, "3 of 3 orders");

  /* Newest first: the second row is order #2 (completed, shipped). */
  activate_order (orders, 1);
  wt_fixture_wait_page (fixture, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);
  g_assert_nonnull (details);

  wait_label (details, "Order #2");
  g_assert_nonnull (wt_find_row (details, "Test T-Shirt"));
  g_assert_nonnull (wt_find_row (details, "Test Mug"));
  g_assert_nonnull (wt_find_row (details, "Total"));
  g_assert_nonnull (wt_find_label (details, total));
  g_assert_nonnull (wt_find_label (details, "TRACK-2"));

  path = g_strconcat ("/store/orders/", medusa_fake_server_get_order_id (fixture->fake, 2), NULL);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", path), ==, 1);
}

static void
test_order_details_not_found (WtFixture     *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *orders;
  GtkWidget *details;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 3);
  orders = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (orders, "3 of 3 orders");

  medusa_fake_server_add_status_fault (fixture->fake, "GET", "/store/orders/", 404, NULL, NULL, 1);
  activate_order (orders, 0);
  wt_fixture_wait_page (fixture, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);

  wait_label (details, "Could Not Load the Order");
  g_assert_nonnull (wt_find_label (details, "Could not load the order."));
  g_assert_null (wt_find_label (details, "{"));
  g_assert_null (wt_find_label (details, "Order #3"));

  /* Retry shows it once the store has it. */
  wt_click_label (details, "Retry");
  wait_label (details, "Order #3");
  g_assert_null (wt_find_label (details, "Could Not Load the Order"));
}

/* What a screen reader meets (issue 8, item 12) */

/* The accessible label (GTK_ACCESSIBLE_PROPERTY_LABEL) of @widget, or NULL
 * when it has none. GTK 4.8 has no getter for it; the test API's check
 * returns the value it found whenever that differs from the one asked for,
 * and no label is "\x01". */
static char *
accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static void
collect_of_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_of_type (child, type, out);
}

/* Every widget of @type under @root (itself included), hidden ones too. */
static GPtrArray *
widgets_of_type (GtkWidget *root,
                 GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_of_type (root, type, out);
  return out;
}

/* Notes in @missing every GtkListBox a screen reader would meet under @root
 * (visible up to it) that has no accessible label (nor a labelled-by);
 * returns how many lists it checked. */
static guint
check_lists_labelled (GtkWidget  *root,
                      const char *where,
                      GString    *missing)
{
  g_autoptr(GPtrArray) lists = widgets_of_type (root, GTK_TYPE_LIST_BOX);
  guint n_checked = 0;

  for (guint i = 0; i < lists->len; i++)
    {
      GtkWidget *list = lists->pdata[i];
      GtkWidget *first = gtk_widget_get_first_child (list);
      g_autofree char *label = NULL;

      if (!wt_is_visible_in (list, root))
        continue;

      n_checked++;
      if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        continue;

      label = accessible_label (list);
      if (label != NULL && *label != '\0')
        continue;

      g_string_append_printf (missing, "\n  %s: the list whose first row is “%s”", where,
                              ADW_IS_PREFERENCES_ROW (first)
                              ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first))
                              : first != NULL ? G_OBJECT_TYPE_NAME (first) : "none");
    }

  return n_checked;
}

/* The toplevel window titled @title, or NULL. */
static GtkWidget *
find_window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static void
test_a11y_order_filters (WtFixture     *fixture,
                         gconstpointer  user_data)
{
  const char *headings[] = { "Order Status", "Fulfillment Status", "Payment Status" };
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  GtkWidget *page;
  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkWidget *canceled;
  guint n_shown;

  page = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  menu_button = wt_find_by_type (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wt_iterate_ms (20);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));

  /* Each group of check boxes is labelled by the heading above it. */
  boxes = widgets_of_type (popover, GTK_TYPE_FLOW_BOX);
  g_assert_cmpuint (boxes->len, ==, G_N_ELEMENTS (headings));
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *heading = wt_find_label (popover, headings[i]);

      g_assert_nonnull (heading);
      gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (boxes->pdata[i]),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL);
    }

  /* Every check box has a name of its own: the three "Canceled" and the
   * two "Requires action" boxes too. */
  checks = widgets_of_type (popover, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, MEDUSA_ORDER_STATUS_LAST +
                                     MEDUSA_FULFILLMENT_STATUS_LAST +
                                     MEDUSA_PAYMENT_STATUS_LAST);
  /* A v1 store is offered the statuses of v1 (those up to REQUIRES_ACTION). */
  n_shown = 0;
  for (guint i = 0; i < checks->len; i++)
    n_shown += wt_is_visible_in (checks->pdata[i], popover);
  g_assert_cmpuint (n_shown, ==, MEDUSA_ORDER_STATUS_REQUIRES_ACTION +
                                 MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION +
                                 MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION);
  for (guint i = 0; i < checks->len; i++)
    {
      char *name = accessible_label (checks->pdata[i]);

      g_assert_nonnull (name);
      g_assert_nonnull (strstr (name, gtk_check_button_get_label (checks->pdata[i])));
      if (!g_hash_table_add (names, name))
        g_error ("two filter check boxes are both named “%s”", name);
    }

  canceled = find_matching (((GtkWidget **) boxes->pdata)[1], match_check,
                            medusa_fulfillment_status_to_label (MEDUSA_FULFILLMENT_STATUS_CANCELED));
  g_assert_nonnull (canceled);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canceled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Fulfillment: Canceled");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static void
test_a11y_address_delete_name (WtFixture     *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = NULL;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Grace", "Hopper",
                                  "Main Street 1", "Arlington", "de", "10117");
  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Alan", "Turing",
                                  "Bletchley Park", "Milton Keynes", "gb", "MK3 6EB");
  page = open_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 2, WT_TIMEOUT);

  rows = address_rows (page);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_button (rows->pdata[0], "Delete address")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete address Grace Hopper");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_button (rows->pdata[1], "Delete address")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete address Alan Turing");
}

static void
test_a11y_list_labels (WtFixture     *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *page;
  GtkWidget *dialog;
  GtkWidget *prefs;
  MedusaReauthDialog *reauth;
  g_autoptr(GString) missing = g_string_new (NULL);

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");

  /* The store page, with its saved stores shown. */
  wt_fixture_start (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.switch-store", NULL);
  wt_fixture_wait_page (fixture, "store");
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_STORE_PAGE);
  g_assert_nonnull (page);
  wt_wait_until (wt_find_label (page, "Saved Stores") != NULL, WT_TIMEOUT);
  g_assert_cmpuint (check_lists_labelled (page, "store page", missing), ==, 2);

  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);

  /* Addresses, and the address dialog. */
  page = show_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 1, WT_TIMEOUT);
  check_lists_labelled (page, "addresses page", missing);
  wt_click_label (page, "Add Address");
  wt_wait_until ((dialog = wt_find_toplevel (MEDUSA_TYPE_ADDRESS_DIALOG)) != NULL, WT_TIMEOUT);
  g_assert_cmpuint (check_lists_labelled (dialog, "address dialog", missing), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The profile, its billing form open, and its two dialogs. */
  page = show_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  {
    AdwComboRow *choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));

    g_assert_nonnull (choice);
    adw_combo_row_set_selected (choice, g_list_model_get_n_items (adw_combo_row_get_model (choice)) - 1);
    wt_wait_until (wt_find_entry (page, "Billing city") != NULL, WT_TIMEOUT);
  }
  g_assert_cmpuint (check_lists_labelled (page, "profile page", missing), >=, 4);
  gtk_widget_activate_action (page, "profile.change-password", NULL);
  wt_wait_until ((dialog = find_window_titled ("Change Password")) != NULL, WT_TIMEOUT);
  g_assert_cmpuint (check_lists_labelled (dialog, "Change Password dialog", missing), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_widget_activate_action (page, "profile.change-email", NULL);
  wt_wait_until ((dialog = find_window_titled ("Change Email")) != NULL, WT_TIMEOUT);
  g_assert_cmpuint (check_lists_labelled (dialog, "Change Email dialog", missing), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Preferences, and the password prompt. */
  prefs = medusa_preferences_window_new (GTK_WINDOW (fixture->window), fixture->session);
  gtk_window_present (GTK_WINDOW (prefs));
  wt_iterate_ms (50);
  g_assert_cmpuint (check_lists_labelled (prefs, "preferences", missing), >=, 2);
  gtk_window_destroy (GTK_WINDOW (prefs));

  reauth = medusa_reauth_dialog_new (GTK_WINDOW (fixture->window), fixture->session, FALSE);
  gtk_window_present (GTK_WINDOW (reauth));
  wt_iterate_ms (50);
  g_assert_cmpuint (check_lists_labelled (GTK_WIDGET (reauth), "password prompt", missing), ==, 1);
  gtk_window_destroy (GTK_WINDOW (reauth));

  if (missing->len > 0)
    g_error ("GtkListBoxes without an accessible label:%s", missing->str);
}

static gboolean
match_peek_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : NULL;

  return icon != NULL && g_str_has_prefix (icon, "view-");
}

/* What a screen reader calls a visible button or entry row under @root: its
 * accessible label, else its label or title; NULL for one without either. */
static char *
control_name (GtkWidget *widget)
{
  char *label = accessible_label (widget);

  if (label != NULL)
    return label;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (GTK_IS_BUTTON (widget))
    return g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
  return NULL;
}

/* Notes in @clashes every name two visible controls under @root share. */
static void
check_names_unique (GtkWidget  *root,
                    const char *where,
                    GString    *clashes)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) buttons = widgets_of_type (root, GTK_TYPE_BUTTON);
  g_autoptr(GPtrArray) rows = widgets_of_type (root, ADW_TYPE_ENTRY_ROW);

  g_ptr_array_extend_and_steal (buttons, g_steal_pointer (&rows));
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *control = buttons->pdata[i];
      char *name;

      if (!wt_is_visible_in (control, root) || (name = control_name (control)) == NULL)
        continue;
      if (!g_hash_table_add (names, name))
        g_string_append_printf (clashes, "\n  %s: two controls named “%s”", where, name);
    }
}

/* The pages before sign-in: every list of fields has a name, no two
 * controls share one (the two peek buttons of a form neither). */
static void
test_a11y_auth_pages (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  static const struct { const char *name; guint n_lists; } pages[] = {
    { "sign-in", 1 }, { "register", 2 }, { "forgot-password", 1 }, { "reset-password", 2 },
  };
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);
  GType types[G_N_ELEMENTS (pages)];
  GtkWidget *page;

  types[0] = MEDUSA_TYPE_SIGN_IN_PAGE;
  types[1] = MEDUSA_TYPE_REGISTER_PAGE;
  types[2] = MEDUSA_TYPE_FORGOT_PASSWORD_PAGE;
  types[3] = MEDUSA_TYPE_RESET_PASSWORD_PAGE;

  wt_fixture_start (fixture);
  wt_fixture_wait_page (fixture, "sign-in");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      medusa_ui_navigate (GTK_WIDGET (fixture->window), pages[i].name);
      wt_fixture_wait_page (fixture, pages[i].name);
      page = wt_find_by_type (GTK_WIDGET (fixture->window), types[i]);
      g_assert_nonnull (page);
      wt_iterate_ms (20);

      g_assert_cmpuint (check_lists_labelled (page, pages[i].name, missing), ==, pages[i].n_lists);
      check_names_unique (page, pages[i].name, clashes);
    }

  if (missing->len > 0)
    g_error ("GtkListBoxes without an accessible label:%s", missing->str);
  if (clashes->len > 0)
    g_error ("controls that share a name:%s", clashes->str);

  /* The peek buttons of the two password forms, by their field. */
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_REGISTER_PAGE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_matching (wt_find_entry (page, "Confirm password"),
                                                                      match_peek_button, NULL)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Show password confirmation");
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_RESET_PASSWORD_PAGE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_matching (wt_find_entry (page, "New password"),
                                                                      match_peek_button, NULL)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Show new password");
}

static void
test_a11y_password_peeks (WtFixture     *fixture,
                          gconstpointer  user_data)
{
  const char *titles[] = { "Current password", "New password", "Confirm password" };
  const char *shown[] = { "Show current password", "Show new password", "Show password confirmation" };
  GtkWidget *page;
  GtkWidget *dialog;
  GtkWidget *peek = NULL;

  page = open_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  gtk_widget_activate_action (page, "profile.change-password", NULL);
  wt_wait_until ((dialog = find_window_titled ("Change Password")) != NULL, WT_TIMEOUT);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = wt_find_entry (dialog, titles[i]);

      g_assert_nonnull (row);
      peek = find_matching (row, match_peek_button, NULL);
      g_assert_nonnull (peek);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL, shown[i]);
    }

  /* The name follows what the button does next. */
  wt_click (peek);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hide password confirmation");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
combo_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static void
test_billing_combo_after_save (WtFixture     *fixture,
                               gconstpointer  user_data)
{
  GtkWidget *page;
  AdwComboRow *choice;
  AdwComboRow *country;
  AdwActionRow *current;
  guint n_choices;

  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");
  page = open_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));
  current = ADW_ACTION_ROW (wt_find_row (page, "Current billing address"));
  g_assert_nonnull (choice);
  g_assert_nonnull (current);
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (choice)) == 3, WT_TIMEOUT);
  g_assert_cmpstr (combo_text (choice), ==, "None");

  /* A new address, entered here. */
  n_choices = g_list_model_get_n_items (adw_combo_row_get_model (choice));
  adw_combo_row_set_selected (choice, n_choices - 1);
  wt_wait_until (wt_find_entry (page, "Billing city") != NULL, WT_TIMEOUT);
  country = ADW_COMBO_ROW (wt_find_row (page, "Billing country"));
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (country)) == N_FAKE_COUNTRIES,
                 WT_TIMEOUT);
  adw_combo_row_set_selected (country, 0);
  wt_type (page, "Billing address line 1", "Rue de Rivoli 99");
  wt_type (page, "Billing postal code", "75001");
  wt_type (page, "Billing city", "Paris");
  wt_click_label (page, "Save Billing Address");
  wait_label (GTK_WIDGET (fixture->window), "Billing address saved");

  /* The combo says what the row above it says: the saved address. */
  wt_wait_until (strstr (adw_action_row_get_subtitle (current), "Paris") != NULL, WT_TIMEOUT);
  g_assert_nonnull (combo_text (choice));
  g_assert_nonnull (strstr (combo_text (choice), "Rivoli"));
  g_assert_cmpstr (combo_text (choice), ==, adw_action_row_get_subtitle (current));
  /* Nothing new to save: it is the current one. */
  g_assert_false (wt_button_sensitive (page, "Save Billing Address"));

  /* Choosing a saved address still works, and is then shown. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (choice)); i++)
    {
      GtkStringObject *item = g_list_model_get_item (adw_combo_row_get_model (choice), i);

      if (strstr (gtk_string_object_get_string (item), "Berlin") != NULL)
        adw_combo_row_set_selected (choice, i);
      g_object_unref (item);
    }
  g_assert_nonnull (strstr (combo_text (choice), "Berlin"));
  wt_click_label (page, "Save Billing Address");
  wt_wait_until (strstr (adw_action_row_get_subtitle (current), "Berlin") != NULL, WT_TIMEOUT);
  wt_wait_until (strstr (combo_text (choice), "Berlin") != NULL, WT_TIMEOUT);
}

/* An order as the store sends it (GET /store/orders/{id}) with what a
 * hostile store could put in it: tracking URLs of any scheme and a line
 * whose quantity × unit price does not fit in 64 bits (2^32 × 2^32 wraps
 * to exactly 0: the line showed "€0.00"). */
static const char hostile_order_body[] =
  "{\"order\":{\"id\":\"order_hostile\",\"display_id\":77,\"status\":\"completed\","
  "\"fulfillment_status\":\"shipped\",\"payment_status\":\"captured\",\"currency_code\":\"eur\","
  "\"email\":\"ada@example.com\",\"created_at\":\"2025-03-01T10:00:00.000Z\","
  "\"subtotal\":2600,\"total\":2600,"
  "\"items\":[{\"id\":\"item_huge\",\"title\":\"Huge Crate\",\"quantity\":4294967296,"
  "\"unit_price\":4294967296,\"subtotal\":0},"
  "{\"id\":\"item_mug\",\"title\":\"Test Mug\",\"quantity\":2,\"unit_price\":1300}],"
  "\"fulfillments\":[{\"id\":\"ful_hostile\",\"shipped_at\":\"2025-03-02T10:00:00.000Z\","
  "\"tracking_links\":["
  "{\"tracking_number\":\"FILE-1\",\"url\":\"file:///etc/passwd\"},"
  "{\"tracking_number\":\"JS-1\",\"url\":\"javascript:alert(1)\"},"
  "{\"tracking_number\":\"SPACE-1\",\"url\":\"https://track.example.com/a b\"},"
  "{\"tracking_number\":\"WEB-1\",\"url\":\"https://track.example.com/WEB-1\"}]}]}}";

/* The GtkLinkButton under @root whose label is @number, or NULL. */
static gboolean
match_link_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LINK_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
match_any_link_button (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_LINK_BUTTON (widget);
}

static void
test_order_details_hostile (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *orders;
  GtkWidget *details;
  GtkWidget *link;
  GtkWidget *label;
  GtkWidget *huge_row;
  g_autofree char *mug_total = medusa_money_format (2 * 1300, "eur");
  g_autofree char *wrapped = medusa_money_format (0, "eur");

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 1);
  orders = open_page (fixture, "orders", MEDUSA_TYPE_ORDERS_PAGE);
  wait_label (orders, "1 of 1 order");

  medusa_fake_server_add_status_fault (fixture->fake, "GET", "/store/orders/", 200, NULL,
                                       hostile_order_body, 1);
  activate_order (orders, 0);
  wt_fixture_wait_page (fixture, "order-details");
  details = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_ORDER_DETAILS_PAGE);
  g_assert_nonnull (details);
  wait_label (details, "Order #77");

  /* Only the https URL is a link, to exactly that URL. */
  link = find_matching (details, match_link_button, "WEB-1");
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==, "https://track.example.com/WEB-1");

  /* file:, javascript: and a URL with a space are plain, selectable text. */
  for (guint i = 0; i < 3; i++)
    {
      const char *number = (const char *[]) { "FILE-1", "JS-1", "SPACE-1" }[i];

      g_assert_null (find_matching (details, match_link_button, number));
      label = wt_find_label (details, number);
      g_assert_nonnull (label);
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
      g_assert_null (gtk_widget_get_ancestor (label, GTK_TYPE_LINK_BUTTON));
    }

  /* One link button in all: none was made for the other URLs. */
  g_assert_true (find_matching (details, match_any_link_button, NULL) == link);

  /* The line whose total does not fit shows no total, never a wrapped one;
   * the other lines are unaffected. */
  huge_row = wt_find_row (details, "Huge Crate");
  g_assert_nonnull (huge_row);
  g_assert_nonnull (wt_find_label (huge_row, "—"));
  g_assert_null (wt_find_label (huge_row, wrapped));
  g_assert_nonnull (wt_find_label (wt_find_row (details, "Test Mug"), mug_total));
}

/* The overview's counts follow the account: the orders once counted, the
 * addresses as they come and go. */
static void
test_overview_counts (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *overview;
  GtkWidget *page;
  const char *address_id;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  medusa_fake_server_add_orders (fixture->fake, WT_EMAIL, 3);
  medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Ada", "Lovelace",
                                  "Unter den Linden 1", "Berlin", "de", "10117");
  address_id = medusa_fake_server_add_address (fixture->fake, WT_EMAIL, "Alan", "Turing",
                                               "Wilmslow Road 1", "Manchester", "gb", "M14");
  path = g_strconcat (ADDRESSES_PATH "/", address_id, NULL);

  overview = open_page (fixture, "overview", MEDUSA_TYPE_OVERVIEW_PAGE);
  wait_label (overview, "3 orders");
  wait_label (overview, "2 addresses");

  page = show_page (fixture, "addresses", MEDUSA_TYPE_ADDRESSES_PAGE);
  wt_wait_until (n_address_rows (page) == 2, WT_TIMEOUT);
  rows = address_rows (page);
  wt_click (row_button (rows->pdata[1], "Delete address"));
  wait_label (page, "Address deleted");
  wait_toast_shown ();
  wt_click (toast_close_button (page, "Undo"));
  wt_wait_until (medusa_fake_server_get_n_requests (fixture->fake, "DELETE", path) == 1, WT_TIMEOUT);

  overview = show_page (fixture, "overview", MEDUSA_TYPE_OVERVIEW_PAGE);
  wait_label (overview, "1 address");
  g_assert_null (wt_find_label (overview, "2 addresses"));
}

/* Opens the profile's "Enter a new address" form and returns its country
 * chooser. */
static AdwComboRow *
open_billing_form (GtkWidget *page)
{
  AdwComboRow *choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));
  guint n_choices;

  g_assert_nonnull (choice);
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (choice)) >= 2, WT_TIMEOUT);
  n_choices = g_list_model_get_n_items (adw_combo_row_get_model (choice));
  adw_combo_row_set_selected (choice, n_choices - 1);
  wt_wait_until (wt_find_entry (page, "Billing city") != NULL, WT_TIMEOUT);

  return ADW_COMBO_ROW (wt_find_row (page, "Billing country"));
}

/* The country list failed once: opening the form again asks again (the
 * page kept its finished load's cancellable and never asked again). */
static void
test_billing_countries_retry (WtFixture     *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *page;
  AdwComboRow *choice;
  AdwComboRow *country;

  medusa_fake_server_add_status_fault (fixture->fake, "GET", "/store/regions", 404, NULL, NULL, 0);
  page = open_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  country = open_billing_form (page);
  wt_wait_until (medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/regions") == 1, WT_TIMEOUT);
  wt_iterate_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (country)), ==, 0);

  medusa_fake_server_clear_faults (fixture->fake);
  choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));
  adw_combo_row_set_selected (choice, 0);
  country = open_billing_form (page);
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (country)) == N_FAKE_COUNTRIES,
                 WT_TIMEOUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fixture->fake, "GET", "/store/regions"), ==, 2);
}

/* Another store: the first store's countries are not offered (the page kept
 * them for good). */
static void
test_billing_countries_store_change (WtFixture     *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  g_autofree char *other_url = g_strdup (medusa_fake_server_get_url (other));
  g_autoptr(AdwComboRow) country = NULL;
  GtkWidget *page;

  page = open_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  country = g_object_ref (open_billing_form (page));
  wt_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (country)) == N_FAKE_COUNTRIES,
                 WT_TIMEOUT);

  g_assert_true (medusa_session_set_store (fixture->session, other_url, NULL, "Other", NULL));
  wt_iterate_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (country)), ==, 0);

  medusa_store_profiles_remove (medusa_store_profiles_get_default (), other_url);
}


/* Preferences: the two switches of the local copy, bound to their keys; a
 * shared workstation keeps no copy and locks, and says so by making those
 * two rows insensitive. */
static GtkSwitch *
row_switch (GtkWidget  *root,
            const char *title)
{
  GtkWidget *row = wt_find_row (root, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (wt_find_by_type (row, GTK_TYPE_SWITCH));
}

static void
test_preferences_local_copy (WtFixture     *fixture,
                             gconstpointer  user_data)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  GSettings *settings = medusa_store_profiles_get_settings (profiles);
  GtkWidget *prefs;
  GtkSwitch *keep;
  GtkSwitch *shared;

  if (settings == NULL)
    {
      g_test_skip ("needs the GSettings schema");
      return;
    }

  /* The widget fixture keeps no copy; a person's computer does by default. */
  g_settings_reset (settings, "keep-local-copy");
  prefs = medusa_preferences_window_new (GTK_WINDOW (fixture->window), fixture->session);
  gtk_window_present (GTK_WINDOW (prefs));
  wt_iterate_ms (50);
  keep = row_switch (prefs, "Keep a Copy of My Account on This Computer");
  shared = row_switch (prefs, "Shared Workstation");
  g_assert_nonnull (keep);
  g_assert_nonnull (shared);

  g_assert_true (gtk_switch_get_active (keep));
  g_assert_false (gtk_switch_get_active (shared));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (keep)));

  gtk_switch_set_active (keep, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "keep-local-copy"));
  g_assert_false (medusa_store_profiles_get_keep_local_copy (profiles));
  gtk_switch_set_active (keep, TRUE);
  g_assert_true (medusa_store_profiles_get_keep_local_copy (profiles));

  gtk_switch_set_active (shared, TRUE);
  wt_iterate_ms (20);
  g_assert_true (g_settings_get_boolean (settings, "shared-workstation"));
  g_assert_false (medusa_store_profiles_get_keep_local_copy (profiles));
  g_assert_true (g_settings_get_boolean (settings, "idle-lock-enabled"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (keep)));
  g_assert_false (gtk_widget_is_sensitive (wt_find_row (prefs, "Lock When Idle")));

  gtk_switch_set_active (shared, FALSE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (keep)));
  g_assert_true (medusa_store_profiles_get_keep_local_copy (profiles));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "shared-workstation");
  g_settings_reset (settings, "idle-lock-enabled");
  g_settings_set_boolean (settings, "keep-local-copy", FALSE);
}

/* Preferences: each saved store with its address and, once detected, its
 * Medusa version. */
static gboolean
store_row_subtitle_is (GtkWidget  *prefs,
                       const char *subtitle)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (prefs, prefs, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_action_row_get_subtitle (rows->pdata[i]), subtitle) == 0)
      return TRUE;
  return FALSE;
}

static void
test_preferences_store_version (WtFixture     *fixture,
                                gconstpointer  user_data)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *url = medusa_fake_server_get_url (fixture->fake);
  g_autofree char *with_version = g_strdup_printf ("%s · Medusa v2", url);
  GtkWidget *prefs;

  wt_fixture_start (fixture);
  prefs = medusa_preferences_window_new (GTK_WINDOW (fixture->window), fixture->session);
  gtk_window_present (GTK_WINDOW (prefs));
  wt_iterate_ms (50);
  g_assert_true (store_row_subtitle_is (prefs, url));

  medusa_store_profiles_set_version (profiles, url, MEDUSA_STORE_VERSION_V2);
  wt_wait_until (store_row_subtitle_is (prefs, with_version), WT_TIMEOUT);

  medusa_store_profiles_set_version (profiles, url, MEDUSA_STORE_VERSION_UNKNOWN);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A store without saved payment methods (Medusa v2): one line, no request,
 * no error. */
static void
test_payment_methods_unsupported (WtFixture     *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(MedusaFakeServer) v2 = medusa_fake_server_new ();
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *url = medusa_fake_server_get_url (v2);
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  medusa_fake_server_set_v2 (v2, "pk_widget_v2");
  medusa_fake_server_add_customer (v2, WT_EMAIL, WT_PASSWORD, WT_FIRST_NAME, WT_LAST_NAME);
  medusa_store_profiles_set_version (profiles, url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (fixture->session, url, "pk_widget_v2", "Fake v2", &error));
  g_assert_no_error (error);

  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  page = show_page (fixture, "payment-methods", MEDUSA_TYPE_PAYMENT_METHODS_PAGE);
  wait_label (page, "This store does not save payment methods.");
  g_assert_null (wt_find_label (page, "Could not load your payment methods"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (v2, "GET", METHODS_PATH), ==, 0);

  medusa_store_profiles_remove (profiles, url);
}

/* A Medusa v2 store changes neither email nor password in the profile: the
 * page says so, the buttons are off; no billing address apart. */
static void
test_profile_v2_capabilities (WtFixture     *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(MedusaFakeServer) v2 = medusa_fake_server_new ();
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  const char *url = medusa_fake_server_get_url (v2);
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  medusa_fake_server_set_v2 (v2, "pk_widget_v2");
  medusa_fake_server_add_customer (v2, WT_EMAIL, WT_PASSWORD, WT_FIRST_NAME, WT_LAST_NAME);
  medusa_store_profiles_set_version (profiles, url, MEDUSA_STORE_VERSION_V2);
  g_assert_true (medusa_session_set_store (fixture->session, url, "pk_widget_v2", "Fake v2", &error));
  g_assert_no_error (error);

  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  page = show_page (fixture, "profile", MEDUSA_TYPE_PROFILE_PAGE);
  wait_label (page, "This store does not let you change your email address or password here.");
  g_assert_false (gtk_widget_get_sensitive (wt_find_button (page, "Change Email…")));
  g_assert_false (gtk_widget_get_sensitive (wt_find_button (page, "Change Password…")));
  g_assert_null (wt_find_label (page, "The address the store puts on your invoices."));

  medusa_store_profiles_remove (profiles, url);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend instead of meson's GTK_A11Y=none: no
   * bus either, but widgets keep their accessible names, which the a11y
   * tests read. GTK reads the variable once, at the first widget. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/addresses/list", test_addresses_list);
  ADD ("/widgets/addresses/empty", test_addresses_empty);
  ADD ("/widgets/addresses/add", test_addresses_add);
  ADD ("/widgets/addresses/duplicate", test_addresses_duplicate);
  ADD ("/widgets/addresses/edit", test_addresses_edit);
  ADD ("/widgets/addresses/delete-undo", test_addresses_delete_undo);
  ADD ("/widgets/addresses/delete", test_addresses_delete);
  ADD ("/widgets/addresses/save-error", test_addresses_save_error);
  ADD ("/widgets/addresses/expired", test_addresses_expired);
  ADD ("/widgets/preferences/store-version", test_preferences_store_version);
  ADD ("/widgets/profile/v2-capabilities", test_profile_v2_capabilities);
  ADD ("/widgets/payment-methods/empty", test_payment_methods_empty);
  ADD ("/widgets/payment-methods/unsupported", test_payment_methods_unsupported);
  ADD ("/widgets/payment-methods/list", test_payment_methods_list);
  ADD ("/widgets/payment-methods/error", test_payment_methods_error);
  ADD ("/widgets/preferences/local-copy", test_preferences_local_copy);
  ADD ("/widgets/orders/paging", test_orders_paging);
  ADD ("/widgets/orders/rows-when-shown", test_orders_rows_when_shown);
  ADD ("/widgets/orders/growing-slice-changes", test_orders_growing_slice_changes);
  ADD ("/widgets/orders/growing-slice-per-frame", test_orders_growing_slice_per_frame);
  ADD ("/widgets/orders/search", test_orders_search);
  ADD ("/widgets/orders/status-filter", test_orders_status_filter);
  ADD ("/widgets/orders/last-day-filter", test_orders_last_day_filter);
  ADD ("/widgets/orders/filters-built-when-opened", test_orders_filters_built_when_opened);
  ADD ("/widgets/window/shortcuts-built-when-asked", test_shortcuts_built_when_asked);
  ADD ("/widgets/window/main-menu-built-when-opened", test_main_menu_built_when_opened);
  ADD ("/widgets/orders/no-matches", test_orders_no_matches);
  ADD ("/widgets/orders/empty", test_orders_empty);
  ADD ("/widgets/orders/error", test_orders_error);
  ADD ("/widgets/overview/counts", test_overview_counts);
  ADD ("/widgets/order-details/show", test_order_details);
  ADD ("/widgets/order-details/not-found", test_order_details_not_found);
  ADD ("/widgets/order-details/hostile", test_order_details_hostile);
  ADD ("/widgets/a11y/order-filters", test_a11y_order_filters);
  ADD ("/widgets/a11y/address-delete-name", test_a11y_address_delete_name);
  ADD ("/widgets/a11y/list-labels", test_a11y_list_labels);
  ADD ("/widgets/a11y/password-peeks", test_a11y_password_peeks);
  ADD ("/widgets/a11y/auth-pages", test_a11y_auth_pages);
  ADD ("/widgets/profile/billing-combo-after-save", test_billing_combo_after_save);
  ADD ("/widgets/profile/billing-countries-retry", test_billing_countries_retry);
  ADD ("/widgets/profile/billing-countries-store-change", test_billing_countries_store_change);

#undef ADD

  return g_test_run ();
}
