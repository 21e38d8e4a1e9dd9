/* medusa-store-profiles.h: the stores this workstation knows (GSettings)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-dialect.h"

G_BEGIN_DECLS

#define MEDUSA_SETTINGS_SCHEMA_ID "io.github.medusaaccount.MedusaAccount"

/* One store: display name, URL (normalised, no trailing slash) and an
 * optional publishable key. Immutable. Properties (read-only): "name",
 * "url", "publishable-key", "insecure" (plain http to a non-loopback host). */
#define MEDUSA_TYPE_STORE_PROFILE (medusa_store_profile_get_type ())
G_DECLARE_FINAL_TYPE (MedusaStoreProfile, medusa_store_profile, MEDUSA, STORE_PROFILE, GObject)

const char          *medusa_store_profile_get_name             (MedusaStoreProfile  *self);
const char          *medusa_store_profile_get_url              (MedusaStoreProfile  *self);
/* (nullable) */
const char          *medusa_store_profile_get_publishable_key  (MedusaStoreProfile  *self);
gboolean             medusa_store_profile_get_insecure         (MedusaStoreProfile  *self);

/* MedusaStoreProfiles: the list of profiles (a GListModel of
 * MedusaStoreProfile, in the order they were added), the current store and
 * the last email used per store. Backed by the GSettings schema
 * MEDUSA_SETTINGS_SCHEMA_ID when it is installed (or found through
 * GSETTINGS_SCHEMA_DIR); otherwise the data lives in memory only.
 * Properties: "current-url" (string, notify), "settings" (GSettings, nullable),
 * "keep-local-copy" (boolean, notify).
 * Signal: the GListModel "items-changed". */
#define MEDUSA_TYPE_STORE_PROFILES (medusa_store_profiles_get_type ())
G_DECLARE_FINAL_TYPE (MedusaStoreProfiles, medusa_store_profiles, MEDUSA, STORE_PROFILES, GObject)

/* The shared instance (created on first use). */
MedusaStoreProfiles *medusa_store_profiles_get_default         (void);
/* @settings: (nullable): a settings object of MEDUSA_SETTINGS_SCHEMA_ID, or
 * NULL to keep everything in memory (tests). */
MedusaStoreProfiles *medusa_store_profiles_new                 (GSettings           *settings);
/* (nullable) (transfer none) */
GSettings           *medusa_store_profiles_get_settings        (MedusaStoreProfiles *self);

/* Adds a profile or, when a profile with the same URL exists, updates its
 * name and key. An empty @display_name becomes the URL's host. Returns the
 * profile (transfer none), or NULL with @error (G_IO_ERROR_INVALID_ARGUMENT)
 * for an invalid URL, a name that is not UTF-8 or a key with a byte outside
 * visible ASCII. */
MedusaStoreProfile  *medusa_store_profiles_add                 (MedusaStoreProfiles *self,
                                                                const char          *display_name,
                                                                const char          *url,
                                                                const char          *publishable_key,
                                                                GError             **error);
/* Removes the profile of @url, its last email and its keyring tokens; when it was the current
 * store, the current store becomes "". Returns FALSE when there was none. */
gboolean             medusa_store_profiles_remove              (MedusaStoreProfiles *self,
                                                                const char          *url);
/* (nullable) (transfer none) */
MedusaStoreProfile  *medusa_store_profiles_lookup              (MedusaStoreProfiles *self,
                                                                const char          *url);
GListModel          *medusa_store_profiles_get_model           (MedusaStoreProfiles *self);
guint                medusa_store_profiles_get_n_profiles      (MedusaStoreProfiles *self);

/* The selected store's URL, or NULL when none is selected / it is unknown. */
const char          *medusa_store_profiles_get_current_url     (MedusaStoreProfiles *self);
/* (nullable) (transfer none) */
MedusaStoreProfile  *medusa_store_profiles_get_current         (MedusaStoreProfiles *self);
/* Selects a known store (@url NULL or "" clears the selection). Returns
 * FALSE for a URL that is not in the list. */
gboolean             medusa_store_profiles_set_current         (MedusaStoreProfiles *self,
                                                                const char          *url);

/* The last email used on @url (not a secret), or NULL. */
const char          *medusa_store_profiles_get_last_email      (MedusaStoreProfiles *self,
                                                                const char          *url);
/* @email NULL or "" forgets it. An @email or @url that is not valid UTF-8
 * is not remembered (the older email stays). */
void                 medusa_store_profiles_set_last_email      (MedusaStoreProfiles *self,
                                                                const char          *url,
                                                                const char          *email);

/* The id of the customer last signed in on @url (not a secret: it names the
 * local copy before the store has answered), or NULL. @customer_id NULL or
 * "" forgets it; removing the store forgets it too. */
const char          *medusa_store_profiles_get_last_customer_id (MedusaStoreProfiles *self,
                                                                 const char          *url);
void                 medusa_store_profiles_set_last_customer_id (MedusaStoreProfiles *self,
                                                                 const char          *url,
                                                                 const char          *customer_id);

/* The Store API version of @url as detected when the store was added (or
 * re-checked), kept in the store-versions key; UNKNOWN when never detected
 * (a store saved before detection existed: its client speaks v1). @url is
 * normalised by medusa_store_url_check(); an invalid one is ignored.
 * Setting it emits items-changed for that store's profile. */
MedusaStoreVersion   medusa_store_profiles_get_version          (MedusaStoreProfiles *self,
                                                                 const char          *url);
void                 medusa_store_profiles_set_version          (MedusaStoreProfiles *self,
                                                                 const char          *url,
                                                                 MedusaStoreVersion   version);

/* Whether a local copy of the account may be kept: the keep-local-copy key
 * (default TRUE) and not shared-workstation (property "keep-local-copy",
 * notified when either key changes; TRUE without settings). */
gboolean             medusa_store_profiles_get_keep_local_copy  (MedusaStoreProfiles *self);
/* TRUE when the shared-workstation key is on. It also turns the
 * idle-lock-enabled key on (when it is set, and at start). */
gboolean             medusa_store_profiles_get_idle_lock_forced (MedusaStoreProfiles *self);

G_END_DECLS
