/* medusa-window.c: the main window
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-addresses-page.h"
#include "medusa-forgot-password-page.h"
#include "medusa-order-details-page.h"
#include "medusa-orders-page.h"
#include "medusa-overview-page.h"
#include "medusa-payment-methods-page.h"
#include "medusa-profile-page.h"
#include "medusa-reauth-dialog.h"
#include "medusa-register-page.h"
#include "medusa-reset-password-page.h"
#include "medusa-sign-in-page.h"
#include "medusa-store-page.h"
#include "medusa-store-profiles.h"
#include "medusa-sync-status.h"
#include "medusa-ui-utils.h"
#include "medusa-window.h"

/* For tests and demos: lock after this many seconds (enables the idle lock). */
#define IDLE_LOCK_SECONDS_ENV "MEDUSA_ACCOUNT_IDLE_LOCK_SECONDS"

struct _MedusaWindow
{
  AdwApplicationWindow  parent_instance;

  MedusaSession        *session;        /* (owned) */
  GSettings            *settings;       /* (owned) (nullable) */
  GCancellable         *cancellable;    /* (owned) */
  MedusaReauthDialog   *reauth_dialog;  /* (unowned) (nullable): cleared on destroy */

  char                 *page;           /* (owned): the logical page shown */
  char                 *account_page;   /* (owned): the last account page */
  gboolean              restoring;
  guint                 restore_serial; /* which restore restore_cb belongs to */
  gboolean              locked;
  gint64                last_activity;  /* monotonic µs of the last input */
  guint                 idle_source;

  GtkWidget            *sign_in_page;
  GtkWidget            *reset_password_page;
  GtkWidget            *orders_page;
  GtkWidget            *order_details_page;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;   /* the menu button's, set when first opened */
  GtkButton            *refresh_button;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  GtkStack             *auth_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *content_stack;
};

G_DEFINE_FINAL_TYPE (MedusaWindow, medusa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  const char *title;
} page_titles[] = {
  { "loading", N_("Medusa Account") },
  { "locked", N_("Account Locked") },
  { "store", N_("Choose a Store") },
  { "sign-in", N_("Sign In") },
  { "register", N_("Create Account") },
  { "forgot-password", N_("Forgot Password") },
  { "reset-password", N_("Reset Password") },
  { "overview", N_("Overview") },
  { "profile", N_("Profile") },
  { "addresses", N_("Addresses") },
  { "payment-methods", N_("Payment Methods") },
  { "orders", N_("Orders") },
  { "order-details", N_("Order Details") },
};

static const char * const auth_pages[] = {
  "store", "sign-in", "register", "forgot-password", "reset-password", NULL
};
static const char * const account_pages[] = {
  "overview", "profile", "addresses", "payment-methods", "orders", "order-details", NULL
};

static void update_chrome (MedusaWindow *self);
static void schedule_idle_check (MedusaWindow *self);
static GtkWidget *ensure_page (MedusaWindow *self,
                               const char   *name);

/* Helpers */

static gboolean
is_auth_page (const char *name)
{
  return name != NULL && g_strv_contains (auth_pages, name);
}

static gboolean
is_account_page (const char *name)
{
  return name != NULL && g_strv_contains (account_pages, name);
}

static const char *
page_title (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_titles); i++)
    if (g_strcmp0 (page_titles[i].name, name) == 0)
      return _(page_titles[i].title);
  return _("Medusa Account");
}

static void
set_action_enabled (MedusaWindow *self,
                    const char   *name,
                    gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
select_sidebar_row (MedusaWindow *self,
                    const char   *name)
{
  GtkWidget *child;

  if (g_strcmp0 (name, "order-details") == 0)
    name = "orders";

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
          return;
        }
    }
}

static void
set_page_name (MedusaWindow *self,
               const char   *name)
{
  /* @name may be self->page itself: copy before freeing. */
  char *page = g_strdup (name);

  if (is_account_page (page))
    {
      g_free (self->account_page);
      self->account_page = g_strdup (page);
    }

  g_free (self->page);
  self->page = page;
}

static gboolean
account_visible (MedusaWindow *self)
{
  MedusaSessionState state = medusa_session_get_state (self->session);

  return state == MEDUSA_SESSION_STATE_SIGNED_IN ||
         ((state == MEDUSA_SESSION_STATE_LOCKED || state == MEDUSA_SESSION_STATE_SIGNING_IN) &&
          medusa_session_get_customer (self->session) != NULL);
}

/* Switches to @name; FALSE when that page cannot be shown now. */
static gboolean
show_page (MedusaWindow *self,
           const char   *name)
{
  if (g_strcmp0 (name, "loading") == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }
  else if (is_auth_page (name))
    {
      ensure_page (self, name);
      gtk_stack_set_visible_child_name (self->auth_stack, name);
      gtk_stack_set_visible_child_name (self->main_stack, "auth");
    }
  else if (is_account_page (name))
    {
      if (!account_visible (self))
        return FALSE;

      ensure_page (self, name);
      gtk_stack_set_visible_child_name (self->content_stack, name);
      select_sidebar_row (self, name);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
      gtk_stack_set_visible_child_name (self->main_stack, self->locked ? "locked" : "account");
    }
  else
    {
      g_warning ("Unknown page “%s”", name);
      return FALSE;
    }

  set_page_name (self, name);
  update_chrome (self);

  return TRUE;
}

static void
show_sign_in (MedusaWindow *self)
{
  const char *email = medusa_session_get_email (self->session);

  if (email != NULL && self->sign_in_page != NULL)
    medusa_sign_in_page_set_email (MEDUSA_SIGN_IN_PAGE (self->sign_in_page), email);
  show_page (self, medusa_session_get_store_url (self->session) != NULL ? "sign-in" : "store");
}

static void
update_chrome (MedusaWindow *self)
{
  MedusaSessionState state = medusa_session_get_state (self->session);
  const char *store_name = medusa_session_get_store_name (self->session);
  gboolean signed_in = state == MEDUSA_SESSION_STATE_SIGNED_IN;
  const char *main_child = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean on_account = g_strcmp0 (main_child, "account") == 0;
  gboolean back;

  adw_window_title_set_title (self->window_title,
                              page_title (self->locked ? "locked" : self->page));
  adw_window_title_set_subtitle (self->window_title, store_name ? store_name : "");

  back = (on_account && g_strcmp0 (self->page, "order-details") == 0) ||
         (on_account && adw_leaflet_get_folded (self->leaflet) &&
          adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->content_stack)) ||
         (g_strcmp0 (main_child, "auth") == 0 && signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), signed_in && on_account);

  set_action_enabled (self, "refresh", signed_in);
  set_action_enabled (self, "search", signed_in);
  set_action_enabled (self, "show-order", signed_in);
  set_action_enabled (self, "back", back);
  set_action_enabled (self, "sign-out", state != MEDUSA_SESSION_STATE_SIGNED_OUT);
}

/* The password dialog */

static void
on_reauth_dialog_destroy_cb (MedusaWindow *self)
{
  self->reauth_dialog = NULL;
}

static void
dismiss_reauth_dialog (MedusaWindow *self)
{
  if (self->reauth_dialog != NULL)
    medusa_reauth_dialog_dismiss (self->reauth_dialog);
  self->reauth_dialog = NULL;
}

static void
open_reauth_dialog (MedusaWindow *self)
{
  if (self->reauth_dialog != NULL)
    return;

  self->reauth_dialog = medusa_reauth_dialog_new (GTK_WINDOW (self), self->session, self->locked);
  g_signal_connect_object (self->reauth_dialog, "destroy",
                           G_CALLBACK (on_reauth_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->reauth_dialog));
}

/* Idle lock */

static gboolean
idle_lock_enabled (MedusaWindow *self,
                   gint64       *timeout_us)
{
  const char *env = g_getenv (IDLE_LOCK_SECONDS_ENV);
  guint64 seconds = 0;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT32, &seconds, NULL))
    {
      *timeout_us = (gint64) seconds * G_USEC_PER_SEC;
      return TRUE;
    }

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "idle-lock-enabled"))
    return FALSE;

  *timeout_us = (gint64) g_settings_get_uint (self->settings, "idle-lock-minutes") * 60 * G_USEC_PER_SEC;
  return *timeout_us > 0;
}

static gboolean
idle_check_cb (gpointer user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  self->idle_source = 0;
  schedule_idle_check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_idle_check (MedusaWindow *self)
{
  gint64 timeout_us = 0;
  gint64 remaining;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->locked ||
      medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN ||
      !idle_lock_enabled (self, &timeout_us))
    return;

  remaining = self->last_activity + timeout_us - g_get_monotonic_time ();
  if (remaining <= 0)
    {
      medusa_window_lock (self);
      return;
    }

  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                          (guint) MIN (remaining / 1000 + 1, G_MAXUINT),
                                          idle_check_cb, self, NULL);
}

static gboolean
on_input_event_cb (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   MedusaWindow             *self)
{
  /* Only remember the time: the timer checks it when it fires. */
  self->last_activity = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

static void
on_idle_settings_changed_cb (MedusaWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
  schedule_idle_check (self);
}

/* Session */

static void
on_session_state_changed_cb (MedusaWindow *self)
{
  MedusaSessionState state = medusa_session_get_state (self->session);

  if (self->restoring)
    return;

  switch (state)
    {
    case MEDUSA_SESSION_STATE_SIGNED_OUT:
      dismiss_reauth_dialog (self);
      self->locked = FALSE;
      if (!is_auth_page (self->page))
        show_sign_in (self);
      break;

    case MEDUSA_SESSION_STATE_SIGNED_IN:
      dismiss_reauth_dialog (self);
      self->locked = FALSE;
      self->last_activity = g_get_monotonic_time ();
      /* Back from an expired session or the idle lock: the same page, input intact. */
      if (is_account_page (self->page))
        show_page (self, self->page);
      else
        show_page (self, "overview");
      break;

    case MEDUSA_SESSION_STATE_LOCKED:
      if (medusa_session_get_customer (self->session) != NULL && is_account_page (self->page))
        open_reauth_dialog (self);
      else if (!is_auth_page (self->page))
        show_sign_in (self);
      break;

    case MEDUSA_SESSION_STATE_SIGNING_IN:
    default:
      break;
    }

  schedule_idle_check (self);
  update_chrome (self);
}

static void start_restore (MedusaWindow *self,
                           gboolean      at_start);

static void
on_session_store_changed_cb (MedusaWindow *self)
{
  /* Each store keeps its own session: one whose credential is in the
   * keyring comes back as at start, any other lands on its sign-in page
   * (with its own remembered email). A restore still running was for the
   * store before. */
  if (self->restoring || medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    start_restore (self, FALSE);
  update_chrome (self);
}

static void
on_session_clear_input_cb (MedusaWindow *self)
{
  /* An email on its way between the sign-in pages was the last person's. */
  medusa_ui_drop_carried_emails (self->session);
}

typedef struct
{
  MedusaWindow *window;  /* (owned) */
  guint         serial;
  gboolean      at_start;
} RestoreData;

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RestoreData *data = user_data;
  g_autoptr(MedusaWindow) self = data->window;
  g_autoptr(GError) error = NULL;
  gboolean current = data->serial == self->restore_serial;
  gboolean data_at_start = data->at_start;
  gboolean restored;

  g_free (data);

  restored = medusa_session_restore_finish (MEDUSA_SESSION (source), result, &error);
  /* A newer restore took over, or the window went away. */
  if (!current || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->restoring = FALSE;
  gtk_spinner_stop (self->loading_spinner);

  /* The session moved on meanwhile (e.g. signed out): follow its state. */
  if (medusa_ui_is_cancelled (error))
    {
      on_session_state_changed_cb (self);
      if (g_strcmp0 (self->page, "loading") == 0)
        show_sign_in (self);
      return;
    }

  if (restored)
    {
      /* At start, where the window was last closed (the schema allows only
       * account pages); after choosing a store, its overview. */
      g_autofree char *page = self->settings != NULL && data_at_start ?
                              g_settings_get_string (self->settings, "last-page") : NULL;

      self->last_activity = g_get_monotonic_time ();
      show_page (self, page != NULL ? page : "overview");
      schedule_idle_check (self);
      return;
    }

  /* Nothing stored, or stale: the sign-in form with the email filled in. */
  show_sign_in (self);
  if (error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (error, _("Could not restore your session"));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* The keyring credential of the session's store, checked with the store:
 * the account, or the sign-in page (at start and after choosing a store). */
static void
start_restore (MedusaWindow *self,
               gboolean      at_start)
{
  const char *store_name = medusa_session_get_store_name (self->session);
  g_autofree char *text = NULL;
  RestoreData *data;

  /* Translators: %s is the store's name */
  text = g_strdup_printf (_("Connecting to %s…"), store_name ? store_name : "");
  gtk_label_set_text (self->loading_label, text);
  gtk_spinner_start (self->loading_spinner);
  show_page (self, "loading");

  dismiss_reauth_dialog (self);
  self->locked = FALSE;
  self->restoring = TRUE;

  data = g_new0 (RestoreData, 1);
  data->window = g_object_ref (self);
  data->serial = ++self->restore_serial;
  data->at_start = at_start;
  medusa_session_restore_async (self->session, medusa_ui_renew_cancellable (&self->cancellable),
                                restore_cb, data);
}

/* Actions */

static void
navigate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  show_page (self, g_variant_get_string (parameter, NULL));
}

static void
show_order_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);
  const char *order_id = g_variant_get_string (parameter, NULL);

  if (order_id == NULL || *order_id == '\0' || ensure_page (self, "order-details") == NULL)
    return;

  medusa_order_details_page_show_order (MEDUSA_ORDER_DETAILS_PAGE (self->order_details_page), order_id);
  show_page (self, "order-details");
}

static void
session_refresh_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MedusaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_session_refresh_finish (MEDUSA_SESSION (source), result, &error))
    medusa_ui_show_error (GTK_WIDGET (self->toast_overlay), self->session, error,
                          _("Could not refresh"));
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);
  GtkWidget *page;

  if (medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  page = gtk_stack_get_visible_child (self->content_stack);
  if (page != NULL && gtk_widget_activate_action (page, "page.refresh", NULL))
    return;

  medusa_session_refresh_async (self->session, self->cancellable, session_refresh_cb,
                                g_object_ref (self));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  if (!show_page (self, "orders"))
    return;

  medusa_orders_page_focus_search (MEDUSA_ORDERS_PAGE (self->orders_page));
}

static void
sign_out_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MedusaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The local sign-out already happened; a failed request changes nothing. */
  if (!medusa_session_sign_out_finish (MEDUSA_SESSION (source), result, &error) &&
      !medusa_ui_is_cancelled (error))
    g_debug ("Sign-out request failed: %s", error->message);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  if (medusa_session_get_state (self->session) == MEDUSA_SESSION_STATE_SIGNED_OUT)
    return;

  medusa_session_sign_out_async (self->session, NULL, sign_out_cb, g_object_ref (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Signed out")));
}

static void
switch_store_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  show_page (MEDUSA_WINDOW (user_data), "store");
}

static void
back_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);
  const char *main_child = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (main_child, "auth") == 0)
    {
      show_page (self, self->account_page ? self->account_page : "overview");
      return;
    }

  if (g_strcmp0 (self->page, "order-details") == 0)
    {
      show_page (self, "orders");
      return;
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
sign_in_with_email_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  medusa_sign_in_page_set_email (MEDUSA_SIGN_IN_PAGE (ensure_page (self, "sign-in")),
                                 g_variant_get_string (parameter, NULL));
  show_page (self, "sign-in");
}

static void
reset_password_with_email_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  medusa_reset_password_page_set_email (MEDUSA_RESET_PASSWORD_PAGE (ensure_page (self, "reset-password")),
                                        g_variant_get_string (parameter, NULL));
  show_page (self, "reset-password");
}

/* The main menu's popover is made the first time it opens (a click, Enter,
 * F10: GtkMenuButton asks before each popup), not with the window: ≈ 0.2 MB
 * at rest (issue 10). */
static void
menu_create_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  MedusaWindow *self = MEDUSA_WINDOW (user_data);

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* Ctrl+? and the menu's Keyboard Shortcuts: the shortcuts window is built
 * the first time it is asked for, not with the window (GtkApplication builds
 * gtk/help-overlay.ui for every window it gets: ≈ 0.5 MB at rest, issue 10).
 * Then it is the window's help overlay, as GTK would have made it. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/medusaaccount/MedusaAccount/medusa-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_entries[] = {
  { "show-help-overlay", show_help_overlay_action, NULL, NULL, NULL },
  { "navigate", navigate_action, "s", NULL, NULL },
  { "show-order", show_order_action, "s", NULL, NULL },
  { "refresh", refresh_action, NULL, NULL, NULL },
  { "search", search_action, NULL, NULL, NULL },
  { "sign-out", sign_out_action, NULL, NULL, NULL },
  { "switch-store", switch_store_action, NULL, NULL, NULL },
  { "back", back_action, NULL, NULL, NULL },
  { "sign-in-with-email", sign_in_with_email_action, "s", NULL, NULL },
  { "reset-password-with-email", reset_password_with_email_action, "s", NULL, NULL },
};

/* Template callbacks */

static void
on_sidebar_row_activated_cb (MedusaWindow  *self,
                             GtkListBoxRow *row)
{
  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_leaflet_changed_cb (MedusaWindow *self)
{
  if (self->session != NULL)
    update_chrome (self);
}

/* Building */

static void
add_page (GtkStack   *stack,
          const char *name,
          GtkWidget  *page)
{
  GtkStackPage *stack_page = gtk_stack_add_named (stack, page, name);

  gtk_stack_page_set_title (stack_page, page_title (name));
}

/* Each page is built the first time it is shown: at start only the one the
 * window opens on (its template, CSS and first measure are what the user waits
 * for), the others when someone goes there. A page built later reads the
 * session as it is then. */
static GtkWidget *
ensure_page (MedusaWindow *self,
             const char   *name)
{
  GtkStack *stack = is_auth_page (name) ? self->auth_stack : self->content_stack;
  GtkWidget *page = gtk_stack_get_child_by_name (stack, name);

  if (page != NULL)
    return page;

  if (g_strcmp0 (name, "store") == 0)
    page = medusa_store_page_new (self->session);
  else if (g_strcmp0 (name, "sign-in") == 0)
    page = self->sign_in_page = medusa_sign_in_page_new (self->session);
  else if (g_strcmp0 (name, "register") == 0)
    page = medusa_register_page_new (self->session);
  else if (g_strcmp0 (name, "forgot-password") == 0)
    page = medusa_forgot_password_page_new (self->session);
  else if (g_strcmp0 (name, "reset-password") == 0)
    page = self->reset_password_page = medusa_reset_password_page_new (self->session);
  else if (g_strcmp0 (name, "overview") == 0)
    page = medusa_overview_page_new (self->session);
  else if (g_strcmp0 (name, "profile") == 0)
    page = medusa_profile_page_new (self->session);
  else if (g_strcmp0 (name, "addresses") == 0)
    page = medusa_addresses_page_new (self->session);
  else if (g_strcmp0 (name, "payment-methods") == 0)
    page = medusa_payment_methods_page_new (self->session);
  else if (g_strcmp0 (name, "orders") == 0)
    page = self->orders_page = medusa_orders_page_new (self->session);
  else if (g_strcmp0 (name, "order-details") == 0)
    page = self->order_details_page = medusa_order_details_page_new (self->session);
  else
    g_return_val_if_reached (NULL);

  add_page (stack, name, page);
  return page;
}

/* GObject / GtkWidget */

static gboolean
medusa_window_close_request (GtkWindow *window)
{
  MedusaWindow *self = MEDUSA_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;
      gboolean maximized = gtk_window_is_maximized (window);

      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      /* An order's details are reached through the order list. */
      if (self->account_page != NULL)
        g_settings_set_string (self->settings, "last-page",
                               g_strcmp0 (self->account_page, "order-details") == 0 ?
                               "orders" : self->account_page);
      if (!maximized)
        {
          gtk_window_get_default_size (window, &width, &height);
          if (width > 0 && height > 0)
            {
              g_settings_set_int (self->settings, "window-width", width);
              g_settings_set_int (self->settings, "window-height", height);
            }
        }
    }

  return GTK_WINDOW_CLASS (medusa_window_parent_class)->close_request (window);
}

static void
medusa_window_constructed (GObject *object)
{
  MedusaWindow *self = MEDUSA_WINDOW (object);
  GtkEventController *controller;

  G_OBJECT_CLASS (medusa_window_parent_class)->constructed (object);

  g_return_if_fail (MEDUSA_IS_SESSION (self->session));

  self->settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MAX (360, g_settings_get_int (self->settings, "window-width")),
                                   MAX (294, g_settings_get_int (self->settings, "window-height")));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      g_signal_connect_object (self->settings, "changed::idle-lock-enabled",
                               G_CALLBACK (on_idle_settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                               G_CALLBACK (on_idle_settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);

  /* Any input, seen before the widgets get it, keeps the idle lock away. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->last_activity = g_get_monotonic_time ();

  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (on_session_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::store-url",
                           G_CALLBACK (on_session_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::store-name",
                           G_CALLBACK (update_chrome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, G_CONNECT_SWAPPED);

  /* How fresh the shown account is (offline: from the copy), under the header bar. */
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->header_bar))),
                              medusa_sync_status_new (self->session), GTK_WIDGET (self->header_bar));

  set_page_name (self, "loading");
  update_chrome (self);
}

static void
medusa_window_dispose (GObject *object)
{
  MedusaWindow *self = MEDUSA_WINDOW (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  dismiss_reauth_dialog (self);

  self->sign_in_page = NULL;
  self->reset_password_page = NULL;
  self->orders_page = NULL;
  self->order_details_page = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_window_parent_class)->dispose (object);
}

static void
medusa_window_finalize (GObject *object)
{
  MedusaWindow *self = MEDUSA_WINDOW (object);

  g_free (self->page);
  g_free (self->account_page);

  G_OBJECT_CLASS (medusa_window_parent_class)->finalize (object);
}

static void
medusa_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaWindow *self = MEDUSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaWindow *self = MEDUSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_window_class_init (MedusaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = medusa_window_constructed;
  object_class->dispose = medusa_window_dispose;
  object_class->finalize = medusa_window_finalize;
  object_class->get_property = medusa_window_get_property;
  object_class->set_property = medusa_window_set_property;
  window_class->close_request = medusa_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, auth_stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed_cb);
}

static void
medusa_window_init (MedusaWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* An empty popover until then: the button tells it has a popup. */
  gtk_menu_button_set_popover (self->menu_button, gtk_popover_new ());
  gtk_menu_button_set_create_popup_func (self->menu_button, menu_create_popup_cb, self, NULL);
}

MedusaWindow *
medusa_window_new (GtkApplication *application,
                   MedusaSession  *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

void
medusa_window_start (MedusaWindow *self)
{
  g_return_if_fail (MEDUSA_IS_WINDOW (self));

  if (medusa_session_get_store_url (self->session) == NULL)
    {
      show_page (self, "store");
      return;
    }

  if (medusa_session_get_state (self->session) == MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      show_page (self, "overview");
      return;
    }

  start_restore (self, TRUE);
}

const char *
medusa_window_get_page (MedusaWindow *self)
{
  g_return_val_if_fail (MEDUSA_IS_WINDOW (self), NULL);

  return self->locked ? "locked" : self->page;
}

void
medusa_window_lock (MedusaWindow *self)
{
  g_return_if_fail (MEDUSA_IS_WINDOW (self));

  if (self->locked || medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->locked = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "locked");
  update_chrome (self);
  /* → LOCKED: the state handler opens the dialog in its locked form. */
  medusa_session_lock (self->session);
}
