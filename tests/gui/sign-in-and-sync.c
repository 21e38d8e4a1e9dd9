/* sign-in-and-sync.c: signs a customer in as the app would and waits until
 * the local copy of the account is filled, then exits (for
 * test-search-provider.py, which then asks a freshly started app's search
 * provider; the keyring and the settings are those of the environment).
 *
 * Usage: sign-in-and-sync STORE-URL EMAIL   (the password on stdin)
 * Prints the customer's id. Exit 0 when signed in and synced, 1 otherwise.
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "medusa-customer.h"
#include "medusa-secret.h"
#include "medusa-session.h"
#include "medusa-store-profiles.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   signed_in;
  GError    *error;
} Waiter;

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->signed_in = medusa_session_sign_in_finish (MEDUSA_SESSION (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static void
on_synced_cb (GObject    *session,
              GParamSpec *pspec,
              gpointer    user_data)
{
  Waiter *waiter = user_data;

  if (!medusa_session_get_syncing (MEDUSA_SESSION (session)) &&
      medusa_session_get_last_synced (MEDUSA_SESSION (session)) != NULL)
    g_main_loop_quit (waiter->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_printerr ("sign-in-and-sync: timed out\n");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedusaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  MedusaStoreProfiles *profiles;
  Waiter waiter = { 0 };
  char line[256];
  char *password;

  if (argc != 3 || fgets (line, sizeof line, stdin) == NULL)
    {
      g_printerr ("usage: %s STORE-URL EMAIL < password\n", argv[0]);
      return 2;
    }
  line[strcspn (line, "\r\n")] = '\0';
  password = g_strdup (line);
  explicit_bzero (line, sizeof line);

  profiles = medusa_store_profiles_get_default ();
  if (medusa_store_profiles_add (profiles, "Test store", argv[1], NULL, &error) == NULL)
    {
      g_printerr ("sign-in-and-sync: %s\n", error->message);
      return 1;
    }
  medusa_store_profiles_set_current (profiles, argv[1]);

  session = medusa_session_new ();
  g_object_set (session, "auto-sync", FALSE, NULL);
  if (!medusa_session_set_store (session, argv[1], NULL, "Test store", &error))
    {
      g_printerr ("sign-in-and-sync: %s\n", error->message);
      return 1;
    }

  waiter.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add_seconds (60, timeout_cb, NULL);
  medusa_session_sign_in_async (session, argv[2], password, NULL, sign_in_cb, &waiter);
  medusa_secret_free (password);
  g_main_loop_run (waiter.loop);
  if (!waiter.signed_in)
    {
      g_printerr ("sign-in-and-sync: %s\n", waiter.error ? waiter.error->message : "not signed in");
      return 1;
    }

  g_signal_connect (session, "notify::syncing", G_CALLBACK (on_synced_cb), &waiter);
  g_signal_connect (session, "notify::last-synced", G_CALLBACK (on_synced_cb), &waiter);
  on_synced_cb (G_OBJECT (session), NULL, &waiter);
  if (medusa_session_get_last_synced (session) == NULL || medusa_session_get_syncing (session))
    g_main_loop_run (waiter.loop);

  g_print ("%s\n", medusa_customer_get_id (medusa_session_get_customer (session)));
  /* Settings written before exit (the keyfile backend writes in idle). */
  g_settings_sync ();
  g_main_loop_unref (waiter.loop);
  return 0;
}
