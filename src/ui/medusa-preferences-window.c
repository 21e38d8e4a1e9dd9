/* medusa-preferences-window.c: idle lock and store profiles
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-preferences-window.h"
#include "medusa-store-profiles.h"
#include "medusa-ui-utils.h"

struct _MedusaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MedusaSession        *session;   /* (owned) (nullable) */
  MedusaStoreProfiles  *profiles;  /* (owned) */

  AdwActionRow         *keep_copy_row;
  GtkSwitch            *keep_copy_switch;
  GtkSwitch            *shared_workstation_switch;
  AdwActionRow         *idle_lock_row;
  GtkSwitch            *idle_lock_switch;
  AdwActionRow         *idle_minutes_row;
  GtkSpinButton        *idle_minutes_spin;
  GtkStack             *stores_stack;
  GtkListBox           *stores_list;
};

G_DEFINE_FINAL_TYPE (MedusaPreferencesWindow, medusa_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_remove_clicked_cb (GtkButton               *button,
                      MedusaPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "store-url");
  g_autofree char *removed_url = g_strdup (url);

  if (removed_url == NULL)
    return;

  /* This also removes the store's tokens from the keyring. */
  if (medusa_store_profiles_remove (self->profiles, removed_url))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Store removed")));
    }
}

static GtkWidget *
create_store_row (gpointer item,
                  gpointer user_data)
{
  MedusaPreferencesWindow *self = MEDUSA_PREFERENCES_WINDOW (user_data);
  MedusaStoreProfile *profile = MEDUSA_STORE_PROFILE (item);
  const char *url = medusa_store_profile_get_url (profile);
  gboolean in_use;
  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *remove_name = NULL;
  g_autofree char *subtitle = NULL;
  const char *version;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), medusa_store_profile_get_name (profile));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* use-markup FALSE covers the subtitle too: a URL may hold '&'. */
  version = medusa_store_version_get_label (medusa_store_profiles_get_version (self->profiles, url));
  if (version != NULL)
    {
      /* Translators: a store's address and its software, e.g.
       * "https://shop.example.com · Medusa v2" */
      subtitle = g_strdup_printf (_("%s · %s"), url, version);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url);

  if (medusa_store_profile_get_insecure (profile))
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (warning, _("Not encrypted: this store uses plain http://"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Not encrypted"), -1);
      gtk_widget_add_css_class (warning, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
    }

  in_use = self->session != NULL &&
           g_strcmp0 (medusa_session_get_store_url (self->session), url) == 0;

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  remove_name = g_strdup_printf (_("Remove %s"), medusa_store_profile_get_name (profile));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  if (in_use)
    {
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _("This store is in use"));
    }
  else
    gtk_widget_set_tooltip_text (button, _("Remove"));

  g_object_set_data_full (G_OBJECT (button), "store-url", g_strdup (url), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_stores_stack (MedusaPreferencesWindow *self)
{
  gtk_stack_set_visible_child_name (self->stores_stack,
                                    medusa_store_profiles_get_n_profiles (self->profiles) > 0
                                    ? "list" : "empty");
}

static void
on_profiles_changed_cb (GListModel              *model,
                        guint                    position,
                        guint                    removed,
                        guint                    added,
                        MedusaPreferencesWindow *self)
{
  update_stores_stack (self);
}

static void
medusa_preferences_window_dispose (GObject *object)
{
  MedusaPreferencesWindow *self = MEDUSA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->profiles);

  /* The store list can outlive the window (something else may still hold
   * it): it must not go on making rows for a window that is gone when the
   * app-wide store list changes. */
  if (self->stores_list != NULL)
    gtk_list_box_bind_model (self->stores_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (medusa_preferences_window_parent_class)->dispose (object);
}

static void
medusa_preferences_window_class_init (MedusaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medusa_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, keep_copy_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, keep_copy_switch);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, shared_workstation_switch);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, idle_lock_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, idle_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, idle_minutes_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, idle_minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, stores_stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaPreferencesWindow, stores_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
medusa_preferences_window_init (MedusaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_preferences_window_new (GtkWindow     *parent,
                               MedusaSession *session)
{
  MedusaPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || MEDUSA_IS_SESSION (session), NULL);

  self = g_object_new (MEDUSA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->session = session ? g_object_ref (session) : NULL;
  self->profiles = g_object_ref (medusa_store_profiles_get_default ());

  settings = medusa_store_profiles_get_settings (self->profiles);
  if (settings != NULL)
    {
      g_settings_bind (settings, "idle-lock-enabled", self->idle_lock_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "idle-lock-minutes",
                       gtk_spin_button_get_adjustment (self->idle_minutes_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "idle-lock-enabled", self->idle_minutes_row, "sensitive",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "keep-local-copy", self->keep_copy_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "shared-workstation", self->shared_workstation_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      /* A shared workstation keeps no copy and always locks: those two are
       * not for the person at it to change. */
      g_settings_bind (settings, "shared-workstation", self->keep_copy_row, "sensitive",
                       G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
      g_settings_bind (settings, "shared-workstation", self->idle_lock_row, "sensitive",
                       G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->keep_copy_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->shared_workstation_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->idle_lock_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->idle_minutes_row), FALSE);
    }

  gtk_list_box_bind_model (self->stores_list,
                           medusa_store_profiles_get_model (self->profiles),
                           create_store_row, self, NULL);
  g_signal_connect_object (medusa_store_profiles_get_model (self->profiles), "items-changed",
                           G_CALLBACK (on_profiles_changed_cb), self, 0);
  update_stores_stack (self);

  return GTK_WIDGET (self);
}
