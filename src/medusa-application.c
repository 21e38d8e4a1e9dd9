/* medusa-application.c: the application
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaApplication"

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "medusa-application.h"
#include "medusa-preferences-window.h"
#include "medusa-search-provider.h"
#include "medusa-store-probe.h"
#include "medusa-store-profiles.h"
#include "medusa-window.h"

#define STORE_URL_ENV "MEDUSA_ACCOUNT_STORE_URL"
#define STORE_NAME_ENV "MEDUSA_ACCOUNT_STORE_NAME"
#define PUBLISHABLE_KEY_ENV "MEDUSA_ACCOUNT_PUBLISHABLE_KEY"

struct _MedusaApplication
{
  AdwApplication  parent_instance;

  MedusaSession  *session;  /* (owned) (nullable): created on first activation */
  MedusaSearchProvider *search_provider;  /* (owned) (nullable): while on the bus */
  gboolean        restored_locally;  /* started for searches: signed in from the copy only */
  guint           sigterm_id;
  guint           sigint_id;
};

G_DEFINE_FINAL_TYPE (MedusaApplication, medusa_application, ADW_TYPE_APPLICATION)

/* The store of MEDUSA_ACCOUNT_STORE_URL is added when missing and selected;
 * a known one takes the key of MEDUSA_ACCOUNT_PUBLISHABLE_KEY when it differs
 * (a store set up anew has a new key), keeping its name. */
static void
apply_store_from_environment (MedusaStoreProfiles *profiles)
{
  const char *url = g_getenv (STORE_URL_ENV);
  const char *key = g_getenv (PUBLISHABLE_KEY_ENV);
  g_autofree char *normalized = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  MedusaStoreProfile *known;

  if (url == NULL || *url == '\0')
    return;

  normalized = medusa_store_url_check (url, NULL, &error);
  known = normalized != NULL ? medusa_store_profiles_lookup (profiles, normalized) : NULL;
  name = g_strdup (known != NULL ? medusa_store_profile_get_name (known) : g_getenv (STORE_NAME_ENV));
  if (normalized == NULL ||
      ((known == NULL ||
        (key != NULL && *key != '\0' && g_strcmp0 (key, medusa_store_profile_get_publishable_key (known)) != 0)) &&
       medusa_store_profiles_add (profiles, name, normalized, key, &error) == NULL))
    {
      g_warning ("Ignoring %s: %s", STORE_URL_ENV, error->message);
      return;
    }

  medusa_store_profiles_set_current (profiles, normalized);
}

/* The Shell searches the copy of whoever is signed in. The session's
 * "account-store" property arrives with the sync work (issue 11); until
 * then the provider has no store and finds nothing. */
static void
bind_search_provider (MedusaApplication *self)
{
  if (self->session == NULL || self->search_provider == NULL)
    return;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->session), "account-store") != NULL)
    g_object_bind_property (self->session, "account-store",
                            self->search_provider, "store",
                            G_BINDING_SYNC_CREATE);
}

static void
ensure_session (MedusaApplication *self)
{
  MedusaStoreProfiles *profiles;
  MedusaStoreProfile *current;

  if (self->session != NULL)
    return;

  self->session = medusa_session_new ();
  profiles = medusa_store_profiles_get_default ();
  apply_store_from_environment (profiles);

  current = medusa_store_profiles_get_current (profiles);
  if (current != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!medusa_session_set_store (self->session,
                                     medusa_store_profile_get_url (current),
                                     medusa_store_profile_get_publishable_key (current),
                                     medusa_store_profile_get_name (current),
                                     &error))
        g_warning ("Could not select the store: %s", error->message);
    }

  bind_search_provider (self);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows;

  /* Closing (not just quitting) lets every window save its size. */
  windows = g_list_copy_deep (gtk_application_get_windows (app), (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (app));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MedusaApplication *self = MEDUSA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = medusa_preferences_window_new (parent, self->session);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  /* A team, not a person's name: translated like any other text. */
  const char     *authors[] = { _("The Medusa Account authors"), NULL };
  static const char *built_on[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libsoup https://libsoup.org",
    "Medusa https://medusajs.com",
    NULL
  };
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Medusa Account"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Medusa Account authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Manage your account at a Medusa store: profile, addresses and orders."),
                        "website", "https://github.com/medusaaccount/medusa-account",
                        "issue-url", "https://github.com/medusaaccount/medusa-account/issues",
                        "support-url", "https://github.com/medusaaccount/medusa-account/discussions",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Medusa Account authors"),
                        "developers", authors,
                        "designers", authors,
                        "artists", authors,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", _("<p>The first release of Medusa Account.</p>"
                                           "<ul>"
                                           "<li>Sign in, create an account, restore the session from the keyring and sign out</li>"
                                           "<li>Reset a forgotten password with the link the store sends</li>"
                                           "<li>Edit the profile, the billing address and the saved shipping addresses</li>"
                                           "<li>Search and filter the order history and open any order</li>"
                                           "<li>Optional lock after a time without input, for shared workstations</li>"
                                           "</ul>"),
                        NULL);
  adw_about_window_add_link (about, _("_Translations"),
                             "https://github.com/medusaaccount/medusa-account/tree/main/po");
  adw_about_window_add_acknowledgement_section (about, _("Built on"), built_on);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* The session ending (SIGTERM) or Ctrl+C in a terminal: quit as Ctrl+Q does,
 * so the window saves its size and page. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action, NULL, NULL, NULL },
  { "preferences", preferences_action, NULL, NULL, NULL },
  { "about", about_action, NULL, NULL, NULL },
  { "shortcuts", shortcuts_action, NULL, NULL, NULL },
};

/* GApplication */

static void
restore_local_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedusaApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (medusa_session_restore_finish (MEDUSA_SESSION (source), result, &error))
    self->restored_locally = TRUE;
  else if (error != NULL)
    g_debug ("No local copy to answer searches from: %s", error->message);

  /* The copy (if any) is the provider's now: the searches asked meanwhile run. */
  if (self->search_provider != NULL)
    medusa_search_provider_set_store_pending (self->search_provider, FALSE);
}

/* Started by D-Bus (the Shell searching, before any window): the copy of
 * whoever is signed in answers, without a word to the store until a window
 * is opened. */
static void
start_for_searches (MedusaApplication *self)
{
  ensure_session (self);
  if (medusa_session_get_store_url (self->session) == NULL)
    return;
  g_object_set (self->session, "auto-sync", FALSE, NULL);
  if (self->search_provider != NULL)
    medusa_search_provider_set_store_pending (self->search_provider, TRUE);
  medusa_session_restore_local_async (self->session, NULL, restore_local_cb, g_object_ref (self));
}

static void
medusa_application_startup (GApplication *application)
{
  MedusaApplication *self = MEDUSA_APPLICATION (application);
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
  };

  G_APPLICATION_CLASS (medusa_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_signal_cb, app);
  self->sigint_id = g_unix_signal_add (SIGINT, quit_signal_cb, app);

  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    start_for_searches (self);
}

static void
medusa_application_shutdown (GApplication *application)
{
  MedusaApplication *self = MEDUSA_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);

  G_APPLICATION_CLASS (medusa_application_parent_class)->shutdown (application);
}

/* The search provider */

/* The main window (not Preferences or About), made as on activation and
 * presented for @timestamp. */
static GtkWindow *
present_window (MedusaApplication *self,
                guint              timestamp)
{
  g_application_activate (G_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (MEDUSA_IS_WINDOW (l->data))
        {
          gtk_window_present_with_time (GTK_WINDOW (l->data), timestamp);
          return GTK_WINDOW (l->data);
        }
    }
  return NULL;
}

static void
search_activate_result_cb (MedusaApplication  *self,
                           const char         *order_id,
                           const char * const *terms,
                           guint               timestamp)
{
  GtkWindow *window = present_window (self, timestamp);

  if (window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (window), "show-order",
                                    g_variant_new_string (order_id));
}

static void
search_launch_search_cb (MedusaApplication  *self,
                         const char * const *terms,
                         guint               timestamp)
{
  GtkWindow *window = present_window (self, timestamp);

  /* The orders page with the search entry focused (the terms are not
   * carried over: the page has no way to be handed a search yet). */
  if (window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
}

static gboolean
medusa_application_dbus_register (GApplication     *application,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  MedusaApplication *self = MEDUSA_APPLICATION (application);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);
  g_autoptr(MedusaSearchProvider) provider = NULL;

  if (!G_APPLICATION_CLASS (medusa_application_parent_class)->dbus_register (application,
                                                                              connection,
                                                                              object_path,
                                                                              error))
    return FALSE;

  provider = medusa_search_provider_new (application);
  if (!medusa_search_provider_register (provider, connection, path, error))
    return FALSE;

  g_signal_connect_object (provider, "activate-result",
                           G_CALLBACK (search_activate_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (provider, "launch-search",
                           G_CALLBACK (search_launch_search_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->search_provider, provider);
  bind_search_provider (self);
  return TRUE;
}

static void
medusa_application_dbus_unregister (GApplication    *application,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  MedusaApplication *self = MEDUSA_APPLICATION (application);

  if (self->search_provider != NULL)
    {
      medusa_search_provider_unregister (self->search_provider);
      g_clear_object (&self->search_provider);
    }

  G_APPLICATION_CLASS (medusa_application_parent_class)->dbus_unregister (application,
                                                                          connection,
                                                                          object_path);
}

static void
medusa_application_activate (GApplication *application)
{
  MedusaApplication *self = MEDUSA_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  ensure_session (self);
  window = GTK_WINDOW (medusa_window_new (GTK_APPLICATION (application), self->session));
  gtk_window_present (window);
  medusa_window_start (MEDUSA_WINDOW (window));

  /* A window now: the session restored for searches asks the store (which
   * checks the credential) and keeps the copy up to date from here on. */
  g_object_set (self->session, "auto-sync", TRUE, NULL);
  if (self->restored_locally)
    {
      self->restored_locally = FALSE;
      if (medusa_session_get_state (self->session) == MEDUSA_SESSION_STATE_SIGNED_IN)
        medusa_session_refresh_async (self->session, NULL, NULL, NULL);
    }
}

static int
medusa_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "medusa-account", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
medusa_application_dispose (GObject *object)
{
  MedusaApplication *self = MEDUSA_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_application_parent_class)->dispose (object);
}

static void
medusa_application_class_init (MedusaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = medusa_application_dispose;
  app_class->startup = medusa_application_startup;
  app_class->activate = medusa_application_activate;
  app_class->shutdown = medusa_application_shutdown;
  app_class->handle_local_options = medusa_application_handle_local_options;
  app_class->dbus_register = medusa_application_dbus_register;
  app_class->dbus_unregister = medusa_application_dbus_unregister;
}

static void
medusa_application_init (MedusaApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

MedusaApplication *
medusa_application_new (void)
{
  return g_object_new (MEDUSA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/medusaaccount/MedusaAccount",
                       NULL);
}
