/* medusa-store-profiles.c: the stores this workstation knows (GSettings)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-account-store.h"
#include "medusa-credentials.h"
#include "medusa-store-probe.h"
#include "medusa-store-profiles.h"

/* MedusaStoreProfile */

struct _MedusaStoreProfile
{
  GObject   parent_instance;

  char     *name;             /* (owned) */
  char     *url;              /* (owned) */
  char     *publishable_key;  /* (owned) (nullable) */
  gboolean  insecure;
};

G_DEFINE_FINAL_TYPE (MedusaStoreProfile, medusa_store_profile, G_TYPE_OBJECT)

enum {
  PROFILE_PROP_0,
  PROFILE_PROP_NAME,
  PROFILE_PROP_URL,
  PROFILE_PROP_PUBLISHABLE_KEY,
  PROFILE_PROP_INSECURE,
  PROFILE_N_PROPS
};

static GParamSpec *profile_properties[PROFILE_N_PROPS];

static void
medusa_store_profile_finalize (GObject *object)
{
  MedusaStoreProfile *self = MEDUSA_STORE_PROFILE (object);

  g_free (self->name);
  g_free (self->url);
  g_free (self->publishable_key);

  G_OBJECT_CLASS (medusa_store_profile_parent_class)->finalize (object);
}

static void
medusa_store_profile_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedusaStoreProfile *self = MEDUSA_STORE_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROFILE_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROFILE_PROP_PUBLISHABLE_KEY:
      g_value_set_string (value, self->publishable_key);
      break;
    case PROFILE_PROP_INSECURE:
      g_value_set_boolean (value, self->insecure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_store_profile_class_init (MedusaStoreProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_store_profile_finalize;
  object_class->get_property = medusa_store_profile_get_property;

  profile_properties[PROFILE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  profile_properties[PROFILE_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  profile_properties[PROFILE_PROP_PUBLISHABLE_KEY] =
    g_param_spec_string ("publishable-key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  profile_properties[PROFILE_PROP_INSECURE] =
    g_param_spec_boolean ("insecure", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PROFILE_N_PROPS, profile_properties);
}

static void
medusa_store_profile_init (MedusaStoreProfile *self)
{
}

static MedusaStoreProfile *
medusa_store_profile_new (const char *name,
                          const char *url,
                          const char *publishable_key,
                          gboolean    insecure)
{
  MedusaStoreProfile *self = g_object_new (MEDUSA_TYPE_STORE_PROFILE, NULL);

  self->name = g_strdup (name);
  self->url = g_strdup (url);
  self->publishable_key = (publishable_key != NULL && *publishable_key != '\0')
                          ? g_strdup (publishable_key) : NULL;
  self->insecure = insecure;

  return self;
}

const char *
medusa_store_profile_get_name (MedusaStoreProfile *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILE (self), NULL);
  return self->name;
}

const char *
medusa_store_profile_get_url (MedusaStoreProfile *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILE (self), NULL);
  return self->url;
}

const char *
medusa_store_profile_get_publishable_key (MedusaStoreProfile *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILE (self), NULL);
  return self->publishable_key;
}

gboolean
medusa_store_profile_get_insecure (MedusaStoreProfile *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILE (self), FALSE);
  return self->insecure;
}

/* MedusaStoreProfiles */

struct _MedusaStoreProfiles
{
  GObject     parent_instance;

  GSettings  *settings;     /* (owned) (nullable) */
  GListStore *profiles;     /* (owned) of MedusaStoreProfile */
  GHashTable *last_emails;  /* (owned) url → email */
  GHashTable *last_customer_ids;  /* (owned) url → customer id */
  GHashTable *versions;           /* (owned) url → "v1" / "v2" (static strings) */
  char       *current_url;  /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (MedusaStoreProfiles, medusa_store_profiles, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CURRENT_URL,
  PROP_KEEP_LOCAL_COPY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
find_profile (MedusaStoreProfiles *self,
              const char          *url,
              guint               *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  if (url == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaStoreProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      if (g_strcmp0 (profile->url, url) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
save_profiles (MedusaStoreProfiles *self)
{
  GVariantBuilder builder;
  guint n;

  if (self->settings == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaStoreProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      g_variant_builder_add (&builder, "(sss)", profile->name, profile->url,
                             profile->publishable_key ? profile->publishable_key : "");
    }
  g_settings_set_value (self->settings, "stores", g_variant_builder_end (&builder));
}

static void
save_map (MedusaStoreProfiles *self,
          const char          *settings_key,
          GHashTable          *map)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* A GVariant string must be UTF-8 (set_last_email() keeps it so). */
      if (g_utf8_validate (key, -1, NULL) && g_utf8_validate (value, -1, NULL))
        g_variant_builder_add (&builder, "{ss}", (const char *) key, (const char *) value);
    }
  g_settings_set_value (self->settings, settings_key, g_variant_builder_end (&builder));
}

static void
save_last_emails (MedusaStoreProfiles *self)
{
  save_map (self, "last-emails", self->last_emails);
}

static void
save_last_customer_ids (MedusaStoreProfiles *self)
{
  save_map (self, "last-customer-ids", self->last_customer_ids);
}

static void
save_versions (MedusaStoreProfiles *self)
{
  save_map (self, "store-versions", self->versions);
}

static void
load (MedusaStoreProfiles *self)
{
  g_autoptr(GVariantIter) stores = NULL;
  g_autoptr(GVariantIter) emails = NULL;
  g_autoptr(GVariantIter) ids = NULL;
  g_autoptr(GVariantIter) versions = NULL;
  g_autofree char *current = NULL;
  const char *name, *url, *key, *email;

  if (self->settings == NULL)
    return;

  g_settings_get (self->settings, "stores", "a(sss)", &stores);
  while (g_variant_iter_loop (stores, "(&s&s&s)", &name, &url, &key))
    {
      g_autoptr(MedusaStoreProfile) profile = NULL;
      g_autofree char *normalized = NULL;
      gboolean insecure = FALSE;

      /* Skip whatever a hand edit of the settings left unusable. */
      normalized = medusa_store_url_check (url, &insecure, NULL);
      if (normalized == NULL || find_profile (self, normalized, NULL))
        continue;

      profile = medusa_store_profile_new (*name ? name : normalized, normalized, key, insecure);
      g_list_store_append (self->profiles, profile);
    }

  g_settings_get (self->settings, "last-emails", "a{ss}", &emails);
  while (g_variant_iter_loop (emails, "{&s&s}", &url, &email))
    if (*email != '\0')
      g_hash_table_replace (self->last_emails, g_strdup (url), g_strdup (email));

  g_settings_get (self->settings, "last-customer-ids", "a{ss}", &ids);
  while (g_variant_iter_loop (ids, "{&s&s}", &url, &email))
    if (*email != '\0')
      g_hash_table_replace (self->last_customer_ids, g_strdup (url), g_strdup (email));

  g_settings_get (self->settings, "store-versions", "a{ss}", &versions);
  while (g_variant_iter_loop (versions, "{&s&s}", &url, &email))
    {
      MedusaStoreVersion version = medusa_store_version_from_string (email);

      if (version != MEDUSA_STORE_VERSION_UNKNOWN)
        g_hash_table_replace (self->versions, g_strdup (url),
                              (gpointer) medusa_store_version_to_string (version));
    }

  current = g_settings_get_string (self->settings, "current-store");
  if (find_profile (self, current, NULL))
    self->current_url = g_steal_pointer (&current);
}

/* A shared workstation has the idle lock on (turning it off again stays
 * the person's choice). */
static void
apply_shared_workstation (MedusaStoreProfiles *self)
{
  if (g_settings_get_boolean (self->settings, "shared-workstation") &&
      !g_settings_get_boolean (self->settings, "idle-lock-enabled"))
    g_settings_set_boolean (self->settings, "idle-lock-enabled", TRUE);
}

static void
on_keep_local_copy_changed_cb (MedusaStoreProfiles *self,
                               const char          *key)
{
  if (g_strcmp0 (key, "shared-workstation") == 0)
    apply_shared_workstation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_LOCAL_COPY]);
}

static void
medusa_store_profiles_constructed (GObject *object)
{
  MedusaStoreProfiles *self = MEDUSA_STORE_PROFILES (object);

  G_OBJECT_CLASS (medusa_store_profiles_parent_class)->constructed (object);

  load (self);

  if (self->settings != NULL)
    {
      apply_shared_workstation (self);
      g_signal_connect_object (self->settings, "changed::keep-local-copy",
                               G_CALLBACK (on_keep_local_copy_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::shared-workstation",
                               G_CALLBACK (on_keep_local_copy_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
medusa_store_profiles_dispose (GObject *object)
{
  MedusaStoreProfiles *self = MEDUSA_STORE_PROFILES (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (medusa_store_profiles_parent_class)->dispose (object);
}

static void
medusa_store_profiles_finalize (GObject *object)
{
  MedusaStoreProfiles *self = MEDUSA_STORE_PROFILES (object);

  g_clear_pointer (&self->last_emails, g_hash_table_unref);
  g_clear_pointer (&self->last_customer_ids, g_hash_table_unref);
  g_clear_pointer (&self->versions, g_hash_table_unref);
  g_clear_pointer (&self->current_url, g_free);

  G_OBJECT_CLASS (medusa_store_profiles_parent_class)->finalize (object);
}

static void
medusa_store_profiles_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MedusaStoreProfiles *self = MEDUSA_STORE_PROFILES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CURRENT_URL:
      g_value_set_string (value, self->current_url);
      break;
    case PROP_KEEP_LOCAL_COPY:
      g_value_set_boolean (value, medusa_store_profiles_get_keep_local_copy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_store_profiles_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MedusaStoreProfiles *self = MEDUSA_STORE_PROFILES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CURRENT_URL:
      medusa_store_profiles_set_current (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_store_profiles_class_init (MedusaStoreProfilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_store_profiles_constructed;
  object_class->dispose = medusa_store_profiles_dispose;
  object_class->finalize = medusa_store_profiles_finalize;
  object_class->get_property = medusa_store_profiles_get_property;
  object_class->set_property = medusa_store_profiles_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_URL] =
    g_param_spec_string ("current-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP_LOCAL_COPY] =
    g_param_spec_boolean ("keep-local-copy", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_store_profiles_init (MedusaStoreProfiles *self)
{
  self->profiles = g_list_store_new (MEDUSA_TYPE_STORE_PROFILE);
  self->last_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->last_customer_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

MedusaStoreProfiles *
medusa_store_profiles_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (MEDUSA_TYPE_STORE_PROFILES, "settings", settings, NULL);
}

MedusaStoreProfiles *
medusa_store_profiles_get_default (void)
{
  static MedusaStoreProfiles *instance;

  if (instance == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;
      g_autoptr(GSettings) settings = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, MEDUSA_SETTINGS_SCHEMA_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("Schema %s is not installed; store profiles are kept in memory",
                 MEDUSA_SETTINGS_SCHEMA_ID);

      instance = medusa_store_profiles_new (settings);
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);
    }

  return instance;
}

GSettings *
medusa_store_profiles_get_settings (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);
  return self->settings;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL ? g_strdup (g_uri_get_host (uri)) : g_strdup (url);
}

/* Visible ASCII only (0x21..0x7e); "" is no key. */
static gboolean
key_is_valid (const char *key)
{
  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

MedusaStoreProfile *
medusa_store_profiles_add (MedusaStoreProfiles  *self,
                           const char           *display_name,
                           const char           *url,
                           const char           *publishable_key,
                           GError              **error)
{
  g_autoptr(MedusaStoreProfile) profile = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  gboolean insecure = FALSE;
  guint position;

  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  normalized = medusa_store_url_check (url, &insecure, error);
  if (normalized == NULL)
    return NULL;

  /* Both go into GSettings (a GVariant string must be UTF-8) and the key
   * into a request header: refuse what they cannot hold. */
  if (display_name != NULL && !g_utf8_validate (display_name, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The store’s name is not valid text."));
      return NULL;
    }
  key = g_strstrip (g_strdup (publishable_key ? publishable_key : ""));
  if (!key_is_valid (key))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The publishable key may only contain letters, digits and punctuation, without spaces."));
      return NULL;
    }

  name = g_strstrip (g_strdup (display_name ? display_name : ""));
  if (*name == '\0')
    {
      g_free (name);
      name = host_of (normalized);
    }

  profile = medusa_store_profile_new (name, normalized, key, insecure);
  if (find_profile (self, normalized, &position))
    g_list_store_splice (self->profiles, position, 1, (gpointer *) &profile, 1);
  else
    g_list_store_append (self->profiles, profile);

  save_profiles (self);

  return profile;  /* the list holds a reference */
}

static void
on_credentials_cleared_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!medusa_credentials_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not remove the store’s keyring items: %s", error->message);
}

gboolean
medusa_store_profiles_remove (MedusaStoreProfiles *self,
                              const char          *url)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), FALSE);

  if (!find_profile (self, url, &position))
    return FALSE;

  if (g_strcmp0 (self->current_url, url) == 0)
    medusa_store_profiles_set_current (self, NULL);

  if (g_hash_table_remove (self->last_emails, url))
    save_last_emails (self);
  if (g_hash_table_remove (self->last_customer_ids, url))
    save_last_customer_ids (self);
  if (g_hash_table_remove (self->versions, url))
    save_versions (self);

  g_list_store_remove (self->profiles, position);
  save_profiles (self);

  /* Nothing of the store remains: its tokens leave the keyring too, and
   * the local copies of its customers' accounts the disk. */
  medusa_credentials_clear_async (url, NULL, NULL, on_credentials_cleared_cb, NULL);
  if (!medusa_account_store_delete_all_for_store (url, &error))
    g_message ("Could not remove the local copies of the store’s accounts: %s", error->message);

  return TRUE;
}

MedusaStoreProfile *
medusa_store_profiles_lookup (MedusaStoreProfiles *self,
                              const char          *url)
{
  g_autoptr(MedusaStoreProfile) profile = NULL;
  guint position;

  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);

  if (!find_profile (self, url, &position))
    return NULL;

  profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), position);
  return profile;  /* the list holds a reference */
}

GListModel *
medusa_store_profiles_get_model (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

guint
medusa_store_profiles_get_n_profiles (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
}

const char *
medusa_store_profiles_get_current_url (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);
  return self->current_url;
}

MedusaStoreProfile *
medusa_store_profiles_get_current (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);
  return medusa_store_profiles_lookup (self, self->current_url);
}

gboolean
medusa_store_profiles_set_current (MedusaStoreProfiles *self,
                                   const char          *url)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), FALSE);

  if (url != NULL && *url == '\0')
    url = NULL;
  if (url != NULL && !find_profile (self, url, NULL))
    return FALSE;
  if (g_strcmp0 (self->current_url, url) == 0)
    return TRUE;

  g_free (self->current_url);
  self->current_url = g_strdup (url);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "current-store", url ? url : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_URL]);

  return TRUE;
}

const char *
medusa_store_profiles_get_last_email (MedusaStoreProfiles *self,
                                      const char          *url)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);

  if (url == NULL)
    return NULL;
  return g_hash_table_lookup (self->last_emails, url);
}

void
medusa_store_profiles_set_last_email (MedusaStoreProfiles *self,
                                      const char          *url,
                                      const char          *email)
{
  g_return_if_fail (MEDUSA_IS_STORE_PROFILES (self));
  g_return_if_fail (url != NULL);

  /* GSettings can only hold UTF-8 (GVariant would refuse it with a
   * critical): such an email is not remembered, the old one stays. */
  if (!g_utf8_validate (url, -1, NULL) || (email != NULL && !g_utf8_validate (email, -1, NULL)))
    {
      g_message ("Not remembering an email or store address that is not valid UTF-8");
      return;
    }

  if (email == NULL || *email == '\0')
    {
      if (!g_hash_table_remove (self->last_emails, url))
        return;
    }
  else
    {
      if (g_strcmp0 (g_hash_table_lookup (self->last_emails, url), email) == 0)
        return;
      g_hash_table_replace (self->last_emails, g_strdup (url), g_strdup (email));
    }

  save_last_emails (self);
}

const char *
medusa_store_profiles_get_last_customer_id (MedusaStoreProfiles *self,
                                            const char          *url)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), NULL);

  if (url == NULL)
    return NULL;
  return g_hash_table_lookup (self->last_customer_ids, url);
}

void
medusa_store_profiles_set_last_customer_id (MedusaStoreProfiles *self,
                                            const char          *url,
                                            const char          *customer_id)
{
  g_return_if_fail (MEDUSA_IS_STORE_PROFILES (self));
  g_return_if_fail (url != NULL);

  if (!g_utf8_validate (url, -1, NULL) ||
      (customer_id != NULL && !g_utf8_validate (customer_id, -1, NULL)))
    return;

  if (customer_id == NULL || *customer_id == '\0')
    {
      if (!g_hash_table_remove (self->last_customer_ids, url))
        return;
    }
  else
    {
      if (g_strcmp0 (g_hash_table_lookup (self->last_customer_ids, url), customer_id) == 0)
        return;
      g_hash_table_replace (self->last_customer_ids, g_strdup (url), g_strdup (customer_id));
    }

  save_last_customer_ids (self);
}

gboolean
medusa_store_profiles_get_keep_local_copy (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), FALSE);

  if (self->settings == NULL)
    return TRUE;
  return g_settings_get_boolean (self->settings, "keep-local-copy") &&
         !g_settings_get_boolean (self->settings, "shared-workstation");
}

gboolean
medusa_store_profiles_get_idle_lock_forced (MedusaStoreProfiles *self)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), FALSE);

  return self->settings != NULL && g_settings_get_boolean (self->settings, "shared-workstation");
}

MedusaStoreVersion
medusa_store_profiles_get_version (MedusaStoreProfiles *self,
                                   const char          *url)
{
  g_return_val_if_fail (MEDUSA_IS_STORE_PROFILES (self), MEDUSA_STORE_VERSION_UNKNOWN);

  if (url == NULL)
    return MEDUSA_STORE_VERSION_UNKNOWN;
  return medusa_store_version_from_string (g_hash_table_lookup (self->versions, url));
}

void
medusa_store_profiles_set_version (MedusaStoreProfiles *self,
                                   const char          *url,
                                   MedusaStoreVersion   version)
{
  g_autofree char *normalized = NULL;
  const char *text = medusa_store_version_to_string (version);
  guint position;

  g_return_if_fail (MEDUSA_IS_STORE_PROFILES (self));
  g_return_if_fail (url != NULL);

  normalized = medusa_store_url_check (url, NULL, NULL);
  if (normalized == NULL)
    return;

  if (g_strcmp0 (g_hash_table_lookup (self->versions, normalized), text) == 0)
    return;

  if (text == NULL)
    g_hash_table_remove (self->versions, normalized);
  else
    g_hash_table_replace (self->versions, g_strdup (normalized), (gpointer) text);
  save_versions (self);

  /* Views of the list (Preferences) show the version: redraw that row. */
  if (find_profile (self, normalized, &position))
    g_list_model_items_changed (G_LIST_MODEL (self->profiles), position, 1, 1);
}
