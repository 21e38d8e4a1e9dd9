/* test-session.c: the session, store profiles and keyring credentials
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against tests/fake. The keyring cases need a Secret Service on the
 * session bus (e.g. gnome-keyring-daemon --unlock under dbus-run-session);
 * without DBUS_SESSION_BUS_ADDRESS, or when the keyring cannot store an
 * item, they are skipped.
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <string.h>

#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-countries.h"
#include "medusa-credentials.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "service-fixture.h"
#include "medusa-session.h"
#include "medusa-store-probe.h"
#include "medusa-store-profiles.h"

#define ADA_EMAIL    "ada@example.com"
#define ADA_PASSWORD "correct horse"

typedef struct
{
  MedusaFakeServer *fake;      /* (owned) */
  MedusaSession    *session;   /* (owned) */
  char             *url;       /* (owned) */
  GPtrArray        *states;    /* (owned) every "state" seen, as GINT_TO_POINTER */
} Fixture;

static int keyring_usable = -1;  /* -1 unknown, 0 no, 1 yes */

/* Helpers */

static void
on_state_notify_cb (MedusaSession *session,
                    GParamSpec    *pspec,
                    Fixture       *f)
{
  g_ptr_array_add (f->states, GINT_TO_POINTER (medusa_session_get_state (session)));
}

static gboolean
states_contain (Fixture            *f,
                MedusaSessionState  state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (GPOINTER_TO_INT (g_ptr_array_index (f->states, i)) == (int) state)
      return TRUE;
  return FALSE;
}

static gboolean
session_sign_in (Fixture     *f,
                 const char  *email,
                 const char  *password,
                 GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_sign_in_async (f->session, email, password, NULL,
                                medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_sign_in_finish (f->session, result, error);
}

static gboolean
session_restore (MedusaSession  *session,
                 GError        **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_restore_async (session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_restore_finish (session, result, error);
}

static gboolean
session_sign_out (Fixture  *f,
                  GError  **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_sign_out_async (f->session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_sign_out_finish (f->session, result, error);
}

static gboolean
session_refresh (Fixture  *f,
                 GError  **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_refresh_async (f->session, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_refresh_finish (f->session, result, error);
}

static char *
keyring_lookup (const char  *url,
                const char  *email,
                GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_credentials_lookup_async (url, email, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_credentials_lookup_finish (result, error);
}

static void
keyring_clear (const char *url)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_credentials_clear_async (url, NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  medusa_credentials_clear_finish (result, NULL);
}

/* TRUE when a Secret Service can store, find and remove an item here. */
static gboolean
check_keyring (void)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *probe_url = "http://keyring-probe.invalid";

  if (keyring_usable >= 0)
    return keyring_usable == 1;

  keyring_usable = 0;
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  medusa_credentials_store_async (probe_url, "probe@example.com", "probe-token", NULL,
                                  medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  if (!medusa_credentials_store_finish (result, &error))
    {
      g_test_message ("No usable keyring: %s", error->message);
      return FALSE;
    }

  token = keyring_lookup (probe_url, "probe@example.com", NULL);
  keyring_clear (probe_url);
  keyring_usable = g_strcmp0 (token, "probe-token") == 0 ? 1 : 0;
  medusa_credentials_free_token (g_steal_pointer (&token));

  return keyring_usable == 1;
}

static gboolean
skip_without_keyring (void)
{
  if (check_keyring ())
    return FALSE;
  g_test_skip ("needs a Secret Service on DBUS_SESSION_BUS_ADDRESS");
  return TRUE;
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_add_customer (f->fake, ADA_EMAIL, ADA_PASSWORD, "Ada", "Lovelace");
  f->url = g_strdup (medusa_fake_server_get_url (f->fake));
  f->states = g_ptr_array_new ();

  f->session = medusa_session_new ();
  g_assert_true (medusa_session_set_store (f->session, f->url, NULL, "Fake Store", &error));
  g_assert_no_error (error);
  g_signal_connect (f->session, "notify::state", G_CALLBACK (on_state_notify_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();

  if (keyring_usable == 1)
    keyring_clear (f->url);

  g_signal_handlers_disconnect_by_data (f->session, f);
  medusa_fake_iterate_ms (20);
  medusa_fake_settle_object (f->session);
  g_assert_finalize_object (g_steal_pointer (&f->session));

  /* Keep the shared profiles clean for the next case (ports get reused). */
  medusa_store_profiles_remove (profiles, f->url);

  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->states, g_ptr_array_unref);
}

/* Store profiles: URL rules */

static void
test_profiles_check_url (void)
{
  static const struct {
    const char *input;
    const char *normalized;  /* NULL: invalid */
    gboolean    insecure;
  } cases[] = {
    { "https://shop.example.com/", "https://shop.example.com", FALSE },
    { "  HTTPS://Shop.Example.COM//  ", "https://shop.example.com", FALSE },
    { "shop.example.com", "https://shop.example.com", FALSE },
    { "https://shop.example.com:8443/medusa/", "https://shop.example.com:8443/medusa", FALSE },
    { "http://127.0.0.1:9000", "http://127.0.0.1:9000", FALSE },
    { "http://127.42.0.7:9000/", "http://127.42.0.7:9000", FALSE },
    { "http://localhost:9000", "http://localhost:9000", FALSE },
    { "http://[::1]:9000", "http://[::1]:9000", FALSE },
    { "http://shop.example.com", "http://shop.example.com", TRUE },
    { "http://192.168.1.10:9000", "http://192.168.1.10:9000", TRUE },
    { "http://128.0.0.1", "http://128.0.0.1", TRUE },
    { "http://localhost.example.com", "http://localhost.example.com", TRUE },
    { "ftp://shop.example.com", NULL, FALSE },
    { "", NULL, FALSE },
    { "   ", NULL, FALSE },
    { "https://", NULL, FALSE },
    { "https://shop.example.com/?a=b", NULL, FALSE },
    { "https://user:pw@shop.example.com", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      gboolean insecure = !cases[i].insecure;

      normalized = medusa_store_url_check (cases[i].input, &insecure, &error);
      g_test_message ("case %u: %s", i, cases[i].input);
      if (cases[i].normalized == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          g_assert_null (normalized);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);
          g_assert_cmpint (insecure, ==, cases[i].insecure);
        }
    }

  g_assert_true (medusa_store_url_is_loopback_host ("LOCALHOST"));
  g_assert_true (medusa_store_url_is_loopback_host ("[::1]"));
  g_assert_false (medusa_store_url_is_loopback_host ("::2"));
  g_assert_false (medusa_store_url_is_loopback_host (NULL));
}

/* Store profiles: the list, the current store, last emails (in memory) */

static void
on_current_url_notify_cb (GObject    *object,
                          GParamSpec *pspec,
                          guint      *count)
{
  (*count)++;
}

static void
test_profiles_list (void)
{
  g_autoptr(MedusaStoreProfiles) profiles = medusa_store_profiles_new (NULL);
  g_autoptr(GError) error = NULL;
  MedusaStoreProfile *profile;
  guint notifies = 0;

  g_signal_connect (profiles, "notify::current-url", G_CALLBACK (on_current_url_notify_cb), &notifies);

  g_assert_null (medusa_store_profiles_get_settings (profiles));
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (profiles), ==, 0);
  g_assert_null (medusa_store_profiles_get_current_url (profiles));

  profile = medusa_store_profiles_add (profiles, "", "https://a.example.com/", " pk_a ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpstr (medusa_store_profile_get_name (profile), ==, "a.example.com");
  g_assert_cmpstr (medusa_store_profile_get_url (profile), ==, "https://a.example.com");
  g_assert_cmpstr (medusa_store_profile_get_publishable_key (profile), ==, "pk_a");
  g_assert_false (medusa_store_profile_get_insecure (profile));

  profile = medusa_store_profiles_add (profiles, "Shop B", "http://b.example.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (medusa_store_profile_get_insecure (profile));
  g_assert_null (medusa_store_profile_get_publishable_key (profile));

  /* The same URL again updates in place: no duplicate. */
  profile = medusa_store_profiles_add (profiles, "Shop A", "HTTPS://a.example.com", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (profiles), ==, 2);
  g_assert_cmpstr (medusa_store_profile_get_name (profile), ==, "Shop A");
  g_assert_null (medusa_store_profile_get_publishable_key (profile));
  g_assert_true (medusa_store_profiles_lookup (profiles, "https://a.example.com") == profile);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_store_profiles_get_model (profiles)), ==, 2);

  g_assert_null (medusa_store_profiles_add (profiles, "Bad", "gopher://x", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (profiles), ==, 2);

  /* A name that is not UTF-8, a key with a space, a control byte or a
   * non-ASCII byte: refused, nothing changed or saved. */
  g_assert_null (medusa_store_profiles_add (profiles, "Shop \xff\xfe", "https://c.example.com", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    const char *bad_keys[] = { "pk a", "pk_a\r\nX-Evil: 1", "pk_\x7f", "pk_\xc3\xa9", "pk_\tb" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
      {
        g_assert_null (medusa_store_profiles_add (profiles, "Shop A", "https://a.example.com", bad_keys[i], &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        g_clear_error (&error);
      }
  }
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (profiles), ==, 2);
  g_assert_null (medusa_store_profiles_lookup (profiles, "https://c.example.com"));
  g_assert_cmpstr (medusa_store_profile_get_name (medusa_store_profiles_lookup (profiles, "https://a.example.com")), ==, "Shop A");
  g_assert_null (medusa_store_profile_get_publishable_key (medusa_store_profiles_lookup (profiles, "https://a.example.com")));
  /* a key with punctuation is fine */
  profile = medusa_store_profiles_add (profiles, "Shop B", "http://b.example.com", "pk_01H~x-y.z", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_store_profile_get_publishable_key (profile), ==, "pk_01H~x-y.z");
  profile = medusa_store_profiles_add (profiles, "Shop B", "http://b.example.com", NULL, &error);
  g_assert_no_error (error);

  /* Current store */
  g_assert_false (medusa_store_profiles_set_current (profiles, "https://unknown.example.com"));
  g_assert_cmpuint (notifies, ==, 0);
  g_assert_true (medusa_store_profiles_set_current (profiles, "https://a.example.com"));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_true (medusa_store_profiles_set_current (profiles, "https://a.example.com"));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpstr (medusa_store_profile_get_name (medusa_store_profiles_get_current (profiles)), ==, "Shop A");

  /* Last emails */
  g_assert_null (medusa_store_profiles_get_last_email (profiles, "https://a.example.com"));
  medusa_store_profiles_set_last_email (profiles, "https://a.example.com", "ada@example.com");
  g_assert_cmpstr (medusa_store_profiles_get_last_email (profiles, "https://a.example.com"), ==, "ada@example.com");
  g_assert_null (medusa_store_profiles_get_last_email (profiles, "http://b.example.com"));

  /* Removing the current store clears the selection and its email. */
  g_assert_true (medusa_store_profiles_remove (profiles, "https://a.example.com"));
  g_assert_false (medusa_store_profiles_remove (profiles, "https://a.example.com"));
  g_assert_null (medusa_store_profiles_get_current_url (profiles));
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_null (medusa_store_profiles_get_last_email (profiles, "https://a.example.com"));
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (profiles), ==, 1);
}

/* Store profiles: persisted in GSettings, nothing secret in there */

static void
test_profiles_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MedusaStoreProfiles) profiles = NULL;
  g_autoptr(MedusaStoreProfiles) reloaded = NULL;
  g_autoptr(GVariant) stores = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, MEDUSA_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("needs the compiled schema (GSETTINGS_SCHEMA_DIR=<builddir>/data)");
      return;
    }

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_full (schema, backend, NULL);

  /* Defaults of the issue: idle lock off, 5 minutes. */
  g_assert_false (g_settings_get_boolean (settings, "idle-lock-enabled"));
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 5);

  profiles = medusa_store_profiles_new (settings);
  g_assert_true (medusa_store_profiles_get_settings (profiles) == settings);
  medusa_store_profiles_add (profiles, "Shop A", "https://a.example.com", "pk_a", &error);
  g_assert_no_error (error);
  medusa_store_profiles_add (profiles, "Local", "http://127.0.0.1:9000", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (medusa_store_profiles_set_current (profiles, "http://127.0.0.1:9000"));
  medusa_store_profiles_set_last_email (profiles, "http://127.0.0.1:9000", "ada@example.com");

  stores = g_settings_get_value (settings, "stores");
  printed = g_variant_print (stores, FALSE);
  g_assert_cmpstr (printed, ==,
                   "[('Shop A', 'https://a.example.com', 'pk_a'), ('Local', 'http://127.0.0.1:9000', '')]");
  {
    g_autofree char *current = g_settings_get_string (settings, "current-store");
    g_assert_cmpstr (current, ==, "http://127.0.0.1:9000");
  }

  /* A second instance (the next start) sees the same data. */
  reloaded = medusa_store_profiles_new (settings);
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (reloaded), ==, 2);
  g_assert_cmpstr (medusa_store_profiles_get_current_url (reloaded), ==, "http://127.0.0.1:9000");
  g_assert_cmpstr (medusa_store_profiles_get_last_email (reloaded, "http://127.0.0.1:9000"), ==, "ada@example.com");
  g_assert_cmpstr (medusa_store_profile_get_publishable_key (medusa_store_profiles_lookup (reloaded, "https://a.example.com")),
                   ==, "pk_a");

  /* A hand-edited unusable entry is skipped, not fatal. */
  g_settings_set_value (settings, "stores",
                        g_variant_new_parsed ("[('X', 'ftp://x', ''), ('Y', 'https://y.example.com', '')]"));
  g_clear_object (&reloaded);
  reloaded = medusa_store_profiles_new (settings);
  g_assert_cmpuint (medusa_store_profiles_get_n_profiles (reloaded), ==, 1);
  g_assert_null (medusa_store_profiles_get_current_url (reloaded));
}

/* Checking a store by calling it */

static void
test_profiles_check_store (void)
{
  g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean insecure = TRUE;

  medusa_store_probe_async (medusa_fake_server_get_url (fake), "pk_test", NULL,
                                           medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_store_probe_finish (result, &insecure, &error));
  g_assert_no_error (error);
  g_assert_false (insecure);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (fake, "GET", "/store/regions"), ==, 1);
  /* The version is detected without the key (a v1 store ignores keys). */
  g_assert_null (medusa_fake_request_get_header (medusa_fake_server_get_last_request (fake, "GET", "/store/regions"),
                                                 "x-publishable-api-key"));
  g_assert_cmpint (medusa_store_probe_get_version (result), ==, MEDUSA_STORE_VERSION_V1);
  g_clear_object (&result);

  /* Not a store: a server error answers FALSE with a MEDUSA_ERROR. */
  medusa_fake_server_add_status_fault (fake, "GET", "/store/regions", 404, NULL, NULL, 0);
  medusa_store_probe_async (medusa_fake_server_get_url (fake), NULL, NULL,
                                           medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_store_probe_finish (result, NULL, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A bad URL fails before any request. */
  medusa_store_probe_async ("ftp://x", NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_store_probe_finish (result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Session */

static void
test_session_set_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MedusaClient *client = medusa_session_get_client (f->session);
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();

  g_assert_nonnull (client);
  g_assert_cmpstr (medusa_client_get_base_url (client), ==, f->url);
  g_assert_cmpstr (medusa_session_get_store_url (f->session), ==, f->url);
  g_assert_cmpstr (medusa_session_get_store_name (f->session), ==, "Fake Store");
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_null (medusa_session_get_customer (f->session));
  g_assert_nonnull (medusa_session_get_cancellable (f->session));

  /* set_store remembers the store and selects it */
  g_assert_cmpstr (medusa_store_profiles_get_current_url (profiles), ==, f->url);

  /* An invalid URL changes nothing. */
  g_assert_false (medusa_session_set_store (f->session, "ftp://nope", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_true (medusa_session_get_client (f->session) == client);

  /* The same store again keeps the client, takes the new name and key. */
  g_assert_true (medusa_session_set_store (f->session, f->url, "pk_new", "Renamed", NULL));
  g_assert_true (medusa_session_get_client (f->session) == client);
  g_assert_cmpstr (medusa_session_get_store_name (f->session), ==, "Renamed");
  g_assert_cmpstr (medusa_client_get_publishable_key (client), ==, "pk_new");
}

static void
test_session_sign_in (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  g_assert_true (session_sign_in (f, "  Ada@Example.com ", ADA_PASSWORD, &error));
  g_assert_no_error (error);

  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (states_contain (f, MEDUSA_SESSION_STATE_SIGNING_IN));
  customer = medusa_session_get_customer (f->session);
  g_assert_nonnull (customer);
  g_assert_cmpstr (medusa_customer_get_email (customer), ==, ADA_EMAIL);
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, ADA_EMAIL);
  g_assert_true (medusa_client_has_credential (medusa_session_get_client (f->session)));

  /* The email (not a secret) is remembered per store; the password is not. */
  g_assert_cmpstr (medusa_store_profiles_get_last_email (medusa_store_profiles_get_default (), f->url),
                   ==, ADA_EMAIL);
}

static void
test_session_sign_in_wrong_password (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (session_sign_in (f, ADA_EMAIL, "wrong password", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_true (states_contain (f, MEDUSA_SESSION_STATE_SIGNING_IN));
  g_assert_null (medusa_session_get_customer (f->session));
}

static void
on_unauthorized_cb (MedusaClient *client,
                    guint        *count)
{
  (*count)++;
}

/* The sync of the local copy that a sign-in starts runs on in the
 * background (/me, payment methods, orders): waits until it ended, so that
 * a fault or a revoked credential meant for the next request meets only
 * that one (races seen under ASan). */
static void
wait_sign_in_sync (Fixture *f)
{
  for (guint i = 0; i < 250 && (medusa_session_get_syncing (f->session) ||
                                medusa_fake_server_get_n_requests (f->fake, "GET", "/store/customers/me/orders") == 0); i++)
    medusa_fake_iterate_ms (20);
}

/* A 401 on any call of the session's client locks the session through the
 * client's "unauthorized" signal; no caller has to report it. */
static void
test_session_unauthorized_signal (Fixture       *f,
                                  gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaCustomer) fetched = NULL;
  g_autoptr(GError) error = NULL;
  MedusaClient *client;
  MedusaCustomer *customer;
  guint unauthorized = 0;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  /* Its requests would also meet the revoked credential below. */
  wait_sign_in_sync (f);
  client = medusa_session_get_client (f->session);
  customer = medusa_session_get_customer (f->session);
  g_signal_connect (client, "unauthorized", G_CALLBACK (on_unauthorized_cb), &unauthorized);

  /* Other errors leave the session alone. */
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 500, NULL, NULL, 1);
  medusa_client_retrieve_customer_async (client, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_null (medusa_client_retrieve_customer_finish (client, result, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (unauthorized, ==, 0);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);

  /* The server forgets the credential: a plain client call, made without
   * the session, is enough. */
  medusa_fake_server_revoke_credentials (f->fake);
  medusa_client_retrieve_customer_async (client, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  fetched = medusa_client_retrieve_customer_finish (client, result, &error);
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_null (fetched);
  g_clear_error (&error);
  g_assert_cmpuint (unauthorized, ==, 1);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_LOCKED);
  /* Email and customer are kept, so the UI can ask for the password in place. */
  g_assert_true (medusa_session_get_customer (f->session) == customer);
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, ADA_EMAIL);

  /* A wrong password at sign-in is no "unauthorized": that is the answer. */
  g_assert_false (session_sign_in (f, ADA_EMAIL, "nope nope", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpuint (unauthorized, ==, 1);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_LOCKED);

  g_signal_handlers_disconnect_by_data (client, &unauthorized);
}

static gboolean
session_change_password (Fixture     *f,
                         const char  *current,
                         const char  *new_password,
                         GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_change_password_async (f->session, current, new_password, NULL,
                                        medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_change_password_finish (f->session, result, error);
}

static gboolean
session_change_email (Fixture     *f,
                      const char  *new_email,
                      const char  *current,
                      GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_session_change_email_async (f->session, new_email, current, NULL,
                                     medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_change_email_finish (f->session, result, error);
}

static MedusaCustomer *
session_address_change (Fixture     *f,
                        const char  *what,
                        const char  *address_id,
                        GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", "Grace");
  medusa_address_input_set (input, "last_name", "Hopper");
  medusa_address_input_set (input, "address_1", g_strcmp0 (what, "update") == 0 ? "2 Navy Way" : "1 Navy Way");
  medusa_address_input_set (input, "city", "Arlington");
  medusa_address_input_set (input, "country_code", "us");
  medusa_address_input_set (input, "postal_code", "22202");

  if (g_strcmp0 (what, "add") == 0)
    medusa_session_add_address_async (f->session, input, NULL, medusa_fake_async_result_cb, &slot);
  else if (g_strcmp0 (what, "update") == 0)
    medusa_session_update_address_async (f->session, address_id, input, NULL,
                                         medusa_fake_async_result_cb, &slot);
  else
    medusa_session_delete_address_async (f->session, address_id, NULL,
                                         medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_session_address_change_finish (f->session, result, error);
}

static void
on_customer_notify_cb (MedusaSession *session,
                       GParamSpec    *pspec,
                       guint         *n_notifies)
{
  (*n_notifies)++;
}

/* The address book goes through the session, which takes each answer as
 * its customer: every view bound to the session sees the new list. */
static void
test_session_address_book (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaCustomer) added = NULL;
  g_autoptr(MedusaCustomer) updated = NULL;
  g_autoptr(MedusaCustomer) deleted = NULL;
  g_autoptr(MedusaAddress) address = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  GListModel *addresses;
  guint n_notifies = 0;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  g_signal_connect (f->session, "notify::customer", G_CALLBACK (on_customer_notify_cb), &n_notifies);

  added = session_address_change (f, "add", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (medusa_session_get_customer (f->session) == added);
  g_assert_cmpuint (n_notifies, ==, 1);
  addresses = medusa_customer_get_shipping_addresses (medusa_session_get_customer (f->session));
  g_assert_cmpuint (g_list_model_get_n_items (addresses), ==, 1);
  address = g_list_model_get_item (addresses, 0);
  id = g_strdup (medusa_address_get_id (address));
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "1 Navy Way");

  updated = session_address_change (f, "update", id, &error);
  g_assert_no_error (error);
  g_assert_true (medusa_session_get_customer (f->session) == updated);
  g_clear_object (&address);
  address = g_list_model_get_item (medusa_customer_get_shipping_addresses (updated), 0);
  g_assert_cmpstr (medusa_address_get_address_1 (address), ==, "2 Navy Way");

  /* A failure leaves the customer as it was. */
  path = g_strdup_printf ("/store/customers/me/addresses/%s", id);
  medusa_fake_server_add_status_fault (f->fake, "DELETE", path, 500, NULL, NULL, 1);
  g_assert_null (session_address_change (f, "delete", id, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_true (medusa_session_get_customer (f->session) == updated);
  g_assert_cmpuint (n_notifies, ==, 2);

  deleted = session_address_change (f, "delete", id, &error);
  g_assert_no_error (error);
  g_assert_true (medusa_session_get_customer (f->session) == deleted);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_customer_get_shipping_addresses (deleted)), ==, 0);
  g_assert_cmpuint (n_notifies, ==, 3);

  g_signal_handlers_disconnect_by_func (f->session, on_customer_notify_cb, &n_notifies);
}

/* The current password is checked on a client of its own: a wrong one (or a
 * check that fails after the store accepted it) leaves the session signed
 * in with the same credential. data: "cookie" for a store before 1.17. */
static void
test_session_change_wrong_current_password (Fixture       *f,
                                            gconstpointer  data)
{
  gboolean cookie = g_strcmp0 (data, "cookie") == 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  MedusaClient *client;

  if (cookie)
    medusa_fake_server_set_token_route_enabled (f->fake, FALSE);

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  client = medusa_session_get_client (f->session);
  token = g_strdup (medusa_client_get_token (client));
  g_assert_true (medusa_client_has_credential (client));
  g_assert_true (cookie ? token == NULL : token != NULL);

  g_assert_false (session_change_password (f, "wrong password", "brand new pass", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_false (session_change_email (f, "ada@new.example.com", "wrong password", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  /* Token mode: the right password, but the store fails the check's GET /me
   * (a cookie sign-in answers with the customer, it has no such step). */
  if (!cookie)
    {
      /* The fault matches /me/... too: it must be the check's. */
      wait_sign_in_sync (f);
      medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 500, NULL, NULL, 1);
      g_assert_false (session_change_password (f, ADA_PASSWORD, "brand new pass", &error));
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
      g_clear_error (&error);
    }

  /* Nothing was sent as a change, and the session is as it was. */
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "POST", "/store/customers/me"), ==, 0);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (medusa_session_get_client (f->session) == client);
  g_assert_cmpstr (medusa_client_get_token (client), ==, token);
  g_assert_true (medusa_client_has_credential (client));
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, ADA_EMAIL);
  g_assert_true (medusa_fake_server_check_password (f->fake, ADA_EMAIL, ADA_PASSWORD));
  g_assert_true (session_refresh (f, &error));
  g_assert_no_error (error);

  /* The right one changes it, and the same credential still works. */
  g_assert_true (session_change_password (f, ADA_PASSWORD, "brand new pass", &error));
  g_assert_no_error (error);
  g_assert_true (medusa_fake_server_check_password (f->fake, ADA_EMAIL, "brand new pass"));
  g_assert_cmpstr (medusa_client_get_token (client), ==, token);
  g_assert_true (session_refresh (f, &error));
  g_assert_no_error (error);

  /* The email too: the session takes the new address. */
  g_assert_true (session_change_email (f, " Ada@New.Example.com ", "brand new pass", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_customer_get_email (medusa_session_get_customer (f->session)), ==,
                   "ada@new.example.com");
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, "ada@new.example.com");
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (session_refresh (f, &error));
  g_assert_no_error (error);
}

static void
test_session_expired_reauth (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  customer_id = g_strdup (medusa_customer_get_id (medusa_session_get_customer (f->session)));

  /* The server forgets every credential: the next call expires the session. */
  medusa_fake_server_revoke_credentials (f->fake);
  g_assert_false (session_refresh (f, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_LOCKED);
  g_assert_nonnull (medusa_session_get_customer (f->session));

  /* A wrong password keeps it expired (the dialog stays). */
  g_assert_false (session_sign_in (f, ADA_EMAIL, "nope nope", &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_LOCKED);

  /* The password again: signed in, same customer. */
  g_assert_true (session_sign_in (f, medusa_session_get_email (f->session), ADA_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (medusa_customer_get_id (medusa_session_get_customer (f->session)), ==, customer_id);

  /* and working again */
  g_assert_true (session_refresh (f, &error));
  g_assert_no_error (error);
}

static void
test_session_lock (Fixture       *f,
                   gconstpointer  data)
{
  /* Locking while signed out does nothing. */
  medusa_session_lock (f->session);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  medusa_session_lock (f->session);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_LOCKED);
  g_assert_nonnull (medusa_session_get_customer (f->session));

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
}

static void
test_session_sign_out (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) old_cancellable = NULL;
  MedusaClient *old_client;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  old_client = medusa_session_get_client (f->session);
  old_cancellable = g_object_ref (medusa_session_get_cancellable (f->session));

  g_assert_true (session_sign_out (f, &error));
  g_assert_no_error (error);

  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_null (medusa_session_get_customer (f->session));
  g_assert_true (g_cancellable_is_cancelled (old_cancellable));
  g_assert_false (g_cancellable_is_cancelled (medusa_session_get_cancellable (f->session)));
  /* A clean client for the same store, with no credential. */
  g_assert_true (medusa_session_get_client (f->session) != old_client);
  g_assert_false (medusa_client_has_credential (medusa_session_get_client (f->session)));
  g_assert_cmpstr (medusa_client_get_base_url (medusa_session_get_client (f->session)), ==, f->url);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "DELETE", "/store/auth"), ==, 1);
  /* The email stays, to fill in the sign-in form. */
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, ADA_EMAIL);
}

static void
test_session_register (Fixture       *f,
                       gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_session_register_async (f->session, "grace@example.com", "a long password", "Grace", "Hopper",
                                 "", NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_register_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (medusa_customer_get_first_name (medusa_session_get_customer (f->session)), ==, "Grace");
  g_assert_cmpstr (medusa_session_get_email (f->session), ==, "grace@example.com");

  g_assert_true (session_sign_out (f, NULL));

  /* A taken email: DUPLICATE, signed out as before. */
  medusa_session_register_async (f->session, ADA_EMAIL, "a long password", "Ada", "Again",
                                 NULL, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_session_register_finish (f->session, result, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
}

static void
test_session_reset_password (Fixture       *f,
                             gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *token;

  medusa_client_request_password_token_async (medusa_session_get_client (f->session), ADA_EMAIL, NULL,
                                              medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_client_request_password_token_finish (medusa_session_get_client (f->session),
                                                              result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  token = medusa_fake_server_get_reset_token (f->fake, ADA_EMAIL);
  g_assert_nonnull (token);

  /* A bad token: the reset-token error, still signed out. */
  medusa_session_reset_password_async (f->session, ADA_EMAIL, "not-a-token", "brand new secret",
                                       NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_session_reset_password_finish (f->session, result, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);

  /* The real token: reset, then signed in with the new password. */
  medusa_session_reset_password_async (f->session, ADA_EMAIL, token, "brand new secret",
                                       NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_session_reset_password_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_true (medusa_fake_server_check_password (f->fake, ADA_EMAIL, "brand new secret"));
}

static void
test_session_store_change_drops_stale (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  g_autofree char *other_url = g_strdup (medusa_fake_server_get_url (other));
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A slow sign-in at the first store … */
  medusa_fake_server_add_delay_fault (f->fake, "POST", "/store/auth/token", 300, 1);
  medusa_session_sign_in_async (f->session, ADA_EMAIL, ADA_PASSWORD, NULL,
                                medusa_fake_async_result_cb, &slot);

  /* … while the person switches to another store. */
  g_assert_true (medusa_session_set_store (f->session, other_url, NULL, "Other", NULL));
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);

  result = medusa_fake_wait_result (&slot);
  g_assert_false (medusa_session_sign_in_finish (f->session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The late answer was not applied to the new store. */
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_null (medusa_session_get_customer (f->session));
  g_assert_cmpstr (medusa_session_get_store_url (f->session), ==, other_url);

  medusa_store_profiles_remove (medusa_store_profiles_get_default (), other_url);
}

static void
test_session_restore_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* No email was ever used here: nothing to restore, no error, no request. */
  g_assert_false (session_restore (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (f->session), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
}

/* Keyring */

static void
test_keyring_credentials (Fixture       *f,
                          gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (skip_without_keyring ())
    return;

  g_assert_cmpstr (medusa_credentials_get_schema ()->name, ==,
                   "io.github.medusaaccount.MedusaAccount.Credential");

  medusa_credentials_store_async (f->url, "one@example.com", "token-one", NULL,
                                  medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_credentials_store_finish (result, &error));
  g_clear_object (&result);
  medusa_credentials_store_async (f->url, "two@example.com", "token-two", NULL,
                                  medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_credentials_store_finish (result, &error));
  g_clear_object (&result);

  token = keyring_lookup (f->url, "one@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-one");
  medusa_credentials_free_token (token);

  /* Keyed by store too: another URL has nothing. */
  token = keyring_lookup ("http://elsewhere.invalid", "one@example.com", &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* Clearing one email leaves the other. */
  medusa_credentials_clear_async (f->url, "one@example.com", NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  g_assert_true (medusa_credentials_clear_finish (result, &error));
  g_clear_object (&result);
  token = keyring_lookup (f->url, "one@example.com", NULL);
  g_assert_null (token);
  token = keyring_lookup (f->url, "two@example.com", NULL);
  g_assert_cmpstr (token, ==, "token-two");
  medusa_credentials_free_token (token);
}

static void
test_keyring_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MedusaSession) next_start = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (skip_without_keyring ())
    return;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  /* The local copy of the account is filled after the sign-in. */
  for (guint i = 0; i < 500 && medusa_session_get_last_synced (f->session) == NULL; i++)
    medusa_fake_iterate_ms (10);
  g_assert_nonnull (medusa_session_get_last_synced (f->session));

  /* The bearer token is in the keyring, keyed by store and email. */
  token = keyring_lookup (f->url, ADA_EMAIL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, medusa_client_get_token (medusa_session_get_client (f->session)));
  g_assert_true (strstr (token, ADA_PASSWORD) == NULL);
  medusa_credentials_free_token (token);

  /* The next start restores silently. */
  next_start = medusa_session_new ();
  g_assert_true (medusa_session_set_store (next_start, f->url, NULL, "Fake Store", NULL));
  g_assert_cmpstr (medusa_session_get_email (next_start), ==, ADA_EMAIL);
  g_assert_true (session_restore (next_start, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (next_start), ==, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_cmpstr (medusa_customer_get_email (medusa_session_get_customer (next_start)), ==, ADA_EMAIL);
  /* Its first sync (which checks the credential) is done before the revoke. */
  for (guint i = 0; i < 500 && medusa_session_get_syncing (next_start); i++)
    medusa_fake_iterate_ms (10);
  g_assert_false (medusa_session_get_syncing (next_start));
  medusa_fake_settle_object (next_start);
  g_clear_object (&next_start);

  /* A stale credential: the account opens from the local copy at once,
   * then its first sync finds the credential refused: LOCKED with the email
   * kept and no customer (the sign-in form, as before), the copy hidden, the
   * credential forgotten. */
  medusa_fake_server_revoke_credentials (f->fake);
  next_start = medusa_session_new ();
  g_assert_true (medusa_session_set_store (next_start, f->url, NULL, "Fake Store", NULL));
  g_assert_true (session_restore (next_start, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && medusa_session_get_state (next_start) != MEDUSA_SESSION_STATE_LOCKED; i++)
    medusa_fake_iterate_ms (10);
  g_assert_cmpint (medusa_session_get_state (next_start), ==, MEDUSA_SESSION_STATE_LOCKED);
  g_assert_cmpstr (medusa_session_get_email (next_start), ==, ADA_EMAIL);
  g_assert_null (medusa_session_get_customer (next_start));
  g_assert_null (medusa_session_get_account_store (next_start));
  medusa_fake_iterate_ms (200);
  g_assert_false (medusa_client_has_credential (medusa_session_get_client (next_start)));
  token = keyring_lookup (f->url, ADA_EMAIL, NULL);
  g_assert_null (token);
  medusa_fake_settle_object (next_start);
  g_clear_object (&next_start);

  /* Without a copy, the store is asked first: LOCKED, no error, no customer. */
  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  medusa_fake_iterate_ms (100);
  medusa_store_profiles_set_last_customer_id (medusa_store_profiles_get_default (), f->url, NULL);
  medusa_fake_server_revoke_credentials (f->fake);
  next_start = medusa_session_new ();
  g_assert_true (medusa_session_set_store (next_start, f->url, NULL, "Fake Store", NULL));
  g_assert_false (session_restore (next_start, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (next_start), ==, MEDUSA_SESSION_STATE_LOCKED);
  g_assert_cmpstr (medusa_session_get_email (next_start), ==, ADA_EMAIL);
  g_assert_null (medusa_session_get_customer (next_start));
  g_assert_false (medusa_client_has_credential (medusa_session_get_client (next_start)));
  medusa_fake_iterate_ms (200);
  token = keyring_lookup (f->url, ADA_EMAIL, NULL);
  g_assert_null (token);
}

static void
test_keyring_sign_out_forgets (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MedusaSession) next_start = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (skip_without_keyring ())
    return;

  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  token = keyring_lookup (f->url, ADA_EMAIL, NULL);
  g_assert_nonnull (token);
  medusa_credentials_free_token (token);

  g_assert_true (session_sign_out (f, NULL));
  token = keyring_lookup (f->url, ADA_EMAIL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* Nothing to restore after a sign-out. */
  medusa_fake_server_clear_requests (f->fake);
  next_start = medusa_session_new ();
  g_assert_true (medusa_session_set_store (next_start, f->url, NULL, NULL, NULL));
  g_assert_false (session_restore (next_start, &error));
  g_assert_no_error (error);
  g_assert_cmpint (medusa_session_get_state (next_start), ==, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, NULL, NULL), ==, 0);
}

/* Hostile strings: nothing libsecret or GSettings would refuse reaches them */

#define BAD_UTF8 "\xed\xa0\x80"  /* what json-glib makes of "\ud800" */

typedef enum { KEYRING_STORE, KEYRING_LOOKUP, KEYRING_CLEAR } KeyringCall;

/* Runs one keyring call and returns its error; the callback must be reached
 * (libsecret 0.20.5 itself returns without calling back on such input). */
static GError *
keyring_call_error (KeyringCall  call,
                    const char  *url,
                    const char  *email,
                    const char  *token)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  switch (call)
    {
    case KEYRING_STORE:
      medusa_credentials_store_async (url, email, token, NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      g_assert_false (medusa_credentials_store_finish (result, &error));
      break;
    case KEYRING_LOOKUP:
      medusa_credentials_lookup_async (url, email, NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      g_assert_null (medusa_credentials_lookup_finish (result, &error));
      break;
    case KEYRING_CLEAR:
      medusa_credentials_clear_async (url, email, NULL, medusa_fake_async_result_cb, &slot);
      result = medusa_fake_wait_result (&slot);
      g_assert_false (medusa_credentials_clear_finish (result, &error));
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_nonnull (error);
  return error;
}

static void
test_keyring_refuses_invalid (void)
{
  static const struct {
    KeyringCall call;
    const char *url;
    const char *email;
    const char *token;
    int         code;
  } cases[] = {
    { KEYRING_STORE, "http://127.0.0.1:1", "a" BAD_UTF8 "@example.com", "s3cr3t", G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1/" BAD_UTF8, "a@example.com", "s3cr3t", G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1", "a@example.com", "s3cr3t\r\nX-Evil: 1", G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1", "a@example.com", "s3cr3t" BAD_UTF8, G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1", "a@example.com", "", G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1", "a@example.com", NULL, G_IO_ERROR_INVALID_DATA },
    { KEYRING_STORE, "http://127.0.0.1:1", "", "s3cr3t", G_IO_ERROR_INVALID_ARGUMENT },
    { KEYRING_STORE, "http://127.0.0.1:1", NULL, "s3cr3t", G_IO_ERROR_INVALID_ARGUMENT },
    { KEYRING_STORE, NULL, "a@example.com", "s3cr3t", G_IO_ERROR_INVALID_ARGUMENT },
    { KEYRING_LOOKUP, "http://127.0.0.1:1", "a" BAD_UTF8 "@example.com", NULL, G_IO_ERROR_INVALID_DATA },
    { KEYRING_LOOKUP, BAD_UTF8, NULL, NULL, G_IO_ERROR_INVALID_DATA },
    { KEYRING_LOOKUP, "", "a@example.com", NULL, G_IO_ERROR_INVALID_ARGUMENT },
    { KEYRING_CLEAR, "http://127.0.0.1:1", "a" BAD_UTF8 "@example.com", NULL, G_IO_ERROR_INVALID_DATA },
    { KEYRING_CLEAR, "http://127.0.0.1:1/" BAD_UTF8, NULL, NULL, G_IO_ERROR_INVALID_DATA },
    { KEYRING_CLEAR, NULL, NULL, NULL, G_IO_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      error = keyring_call_error (cases[i].call, cases[i].url, cases[i].email, cases[i].token);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      /* The message never quotes the token. */
      g_assert_null (strstr (error->message, "s3cr3t"));
    }
}

static void
test_sign_in_hostile_email (Fixture       *f,
                            gconstpointer  data)
{
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();
  g_autoptr(GError) error = NULL;
  const char *body =
    "{\"customer\":{\"id\":\"cus_hostile\",\"email\":\"\\ud800x@example.com\","
    "\"first_name\":\"Ada\",\"has_account\":true}}";

  /* The bug: the email went to libsecret, which never called back (Sign In
   * spun for good), and to GSettings as '[Invalid UTF-8]'. Now the answer is
   * a parse error, and nothing is remembered. */
  medusa_store_profiles_set_last_email (profiles, f->url, NULL);
  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/customers/me", 200, NULL, body, 1);

  g_assert_false (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_cmpint (medusa_session_get_state (f->session), !=, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_assert_null (medusa_session_get_customer (f->session));
  g_assert_null (medusa_store_profiles_get_last_email (profiles, f->url));
  if (keyring_usable == 1)
    {
      char *token = keyring_lookup (f->url, ADA_EMAIL, NULL);

      g_assert_null (token);
    }

  /* The next answer is a normal one: signing in works. */
  g_clear_error (&error);
  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_store_profiles_get_last_email (profiles, f->url), ==, ADA_EMAIL);
}

static void
test_profiles_last_email_utf8 (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MedusaStoreProfiles) profiles = NULL;
  g_autoptr(GVariant) emails = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;

  /* A URL that is not UTF-8 never becomes a profile (GLib's URI parser
   * refuses it), so no such URL reaches GSettings either. */
  g_assert_null (medusa_store_url_check ("https://shop.example.com/" BAD_UTF8, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (medusa_store_url_check ("https://sh" BAD_UTF8 "op.example.com", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, MEDUSA_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("needs the compiled schema (GSETTINGS_SCHEMA_DIR=<builddir>/data)");
      return;
    }

  backend = g_memory_settings_backend_new ();
  settings = g_settings_new_full (schema, backend, NULL);
  profiles = medusa_store_profiles_new (settings);
  medusa_store_profiles_add (profiles, "Local", "http://127.0.0.1:9000", NULL, &error);
  g_assert_no_error (error);
  medusa_store_profiles_set_last_email (profiles, "http://127.0.0.1:9000", "ada@example.com");

  /* Not valid UTF-8: not remembered (GVariant would refuse it with a
   * critical), and the email remembered before stays. */
  medusa_store_profiles_set_last_email (profiles, "http://127.0.0.1:9000", "a" BAD_UTF8 "@example.com");
  medusa_store_profiles_set_last_email (profiles, "http://127.0.0.1:9000/" BAD_UTF8, "ada@example.com");
  g_assert_cmpstr (medusa_store_profiles_get_last_email (profiles, "http://127.0.0.1:9000"), ==,
                   "ada@example.com");

  emails = g_settings_get_value (settings, "last-emails");
  printed = g_variant_print (emails, FALSE);
  g_assert_cmpstr (printed, ==, "{'http://127.0.0.1:9000': 'ada@example.com'}");
}

/* Countries */

#define N_FAKE_COUNTRIES 10

static void
on_countries_failed_cb (MedusaCountries *countries,
                        const GError    *error,
                        guint           *n_failed)
{
  (*n_failed)++;
}

/* Loads and pumps until the load ends; returns how many "failed" came. */
static guint
countries_load_and_wait (MedusaCountries *countries)
{
  guint n_failed = 0;
  gulong id = g_signal_connect (countries, "failed", G_CALLBACK (on_countries_failed_cb), &n_failed);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  medusa_countries_load (countries);
  while (medusa_countries_get_loading (countries) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (medusa_countries_get_loading (countries));
  g_signal_handler_disconnect (countries, id);

  return n_failed;
}

static void
test_countries_once_per_store (Fixture       *f,
                               gconstpointer  data)
{
  MedusaCountries *countries = medusa_countries_get_for_session (f->session);
  GListModel *model = medusa_countries_get_model (countries);

  /* One object per session. */
  g_assert_true (countries == medusa_countries_get_for_session (f->session));
  g_assert_false (medusa_countries_get_loaded (countries));

  g_assert_cmpuint (countries_load_and_wait (countries), ==, 0);
  g_assert_true (medusa_countries_get_loaded (countries));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FAKE_COUNTRIES);

  /* Loaded: a second form asks nothing. */
  medusa_countries_load (countries);
  g_assert_false (medusa_countries_get_loading (countries));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/regions"), ==, 1);
}

/* A failed load is asked again by the next form, and succeeds once the
 * store answers. */
static void
test_countries_retry_after_failure (Fixture       *f,
                                    gconstpointer  data)
{
  MedusaCountries *countries = medusa_countries_get_for_session (f->session);
  GListModel *model = medusa_countries_get_model (countries);

  medusa_fake_server_add_status_fault (f->fake, "GET", "/store/regions", 404, NULL, NULL, 0);
  g_assert_cmpuint (countries_load_and_wait (countries), ==, 1);
  g_assert_false (medusa_countries_get_loaded (countries));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  medusa_fake_server_clear_faults (f->fake);
  g_assert_cmpuint (countries_load_and_wait (countries), ==, 0);
  g_assert_true (medusa_countries_get_loaded (countries));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FAKE_COUNTRIES);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/regions"), ==, 2);
}

/* Another store: the first store's countries are gone at once, and the next
 * load asks the new store. */
static void
test_countries_store_change (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaFakeServer) other = medusa_fake_server_new ();
  g_autofree char *other_url = g_strdup (medusa_fake_server_get_url (other));
  MedusaCountries *countries = medusa_countries_get_for_session (f->session);
  GListModel *model = medusa_countries_get_model (countries);
  MedusaStoreProfiles *profiles = medusa_store_profiles_get_default ();

  g_assert_cmpuint (countries_load_and_wait (countries), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FAKE_COUNTRIES);

  /* The other store sells nowhere we know (it cannot answer). */
  medusa_fake_server_add_status_fault (other, "GET", "/store/regions", 404, NULL, NULL, 0);
  g_assert_true (medusa_session_set_store (f->session, other_url, NULL, "Other", NULL));
  g_assert_false (medusa_countries_get_loaded (countries));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_cmpuint (countries_load_and_wait (countries), ==, 1);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (other, "GET", "/store/regions"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Back at the first store, after a sign-out there: asked again. */
  g_assert_true (medusa_session_set_store (f->session, f->url, NULL, "Fake Store", NULL));
  g_assert_cmpuint (countries_load_and_wait (countries), ==, 0);
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", "/store/regions"), ==, 2);
  g_assert_true (session_sign_in (f, ADA_EMAIL, ADA_PASSWORD, NULL));
  g_assert_true (session_sign_out (f, NULL));
  g_assert_false (medusa_countries_get_loaded (countries));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  medusa_store_profiles_remove (profiles, other_url);
}

int
main (int   argc,
      char *argv[])
{
  service_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/session/profiles/check-url", test_profiles_check_url);
  g_test_add_func ("/session/profiles/list", test_profiles_list);
  g_test_add_func ("/session/profiles/settings", test_profiles_settings);
  g_test_add_func ("/session/profiles/check-store", test_profiles_check_store);
  ADD ("/session/set-store", test_session_set_store);
  ADD ("/session/countries/once-per-store", test_countries_once_per_store);
  ADD ("/session/countries/retry-after-failure", test_countries_retry_after_failure);
  ADD ("/session/countries/store-change", test_countries_store_change);
  ADD ("/session/sign-in", test_session_sign_in);
  ADD ("/session/sign-in/wrong-password", test_session_sign_in_wrong_password);
  ADD ("/session/unauthorized-signal", test_session_unauthorized_signal);
  ADD ("/session/address-book", test_session_address_book);
  g_test_add ("/session/change/wrong-current-password/token", Fixture, NULL,
              fixture_set_up, test_session_change_wrong_current_password, fixture_tear_down);
  g_test_add ("/session/change/wrong-current-password/cookie", Fixture, "cookie",
              fixture_set_up, test_session_change_wrong_current_password, fixture_tear_down);
  ADD ("/session/expired/reauth", test_session_expired_reauth);
  ADD ("/session/lock", test_session_lock);
  ADD ("/session/sign-out", test_session_sign_out);
  ADD ("/session/register", test_session_register);
  ADD ("/session/reset-password", test_session_reset_password);
  ADD ("/session/store-change-drops-stale", test_session_store_change_drops_stale);
  ADD ("/session/restore/nothing", test_session_restore_nothing);
  ADD ("/session/keyring/credentials", test_keyring_credentials);
  ADD ("/session/keyring/restore", test_keyring_restore);
  ADD ("/session/keyring/sign-out-forgets", test_keyring_sign_out_forgets);
  g_test_add_func ("/session/keyring/refuses-invalid", test_keyring_refuses_invalid);
  ADD ("/session/sign-in/hostile-email", test_sign_in_hostile_email);
  g_test_add_func ("/session/profiles/last-email-utf8", test_profiles_last_email_utf8);

#undef ADD

  return g_test_run ();
}
