/* medusa-credentials.c: the bearer token in the keyring (libsecret)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-credentials.h"

const SecretSchema *
medusa_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    MEDUSA_CREDENTIALS_SCHEMA_NAME,
    SECRET_SCHEMA_NONE,
    {
      { "store-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
new_attributes (const char *store_url,
                const char *email)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "store-url", g_strdup (store_url));
  if (email != NULL && *email != '\0')
    g_hash_table_insert (attributes, (gpointer) "email", g_strdup (email));

  return attributes;
}

/* Store */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_credentials_store_async (const char          *store_url,
                                const char          *email,
                                const char          *token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (store_url != NULL && *store_url != '\0');
  g_return_if_fail (email != NULL && *email != '\0');
  g_return_if_fail (token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_credentials_store_async);

  attributes = new_attributes (store_url, email);
  /* Translators: the keyring item's label; %s are an email and a store URL */
  label = g_strdup_printf (_("Medusa Account: %s at %s"), email, store_url);
  secret_password_storev (medusa_credentials_get_schema (), attributes,
                          SECRET_COLLECTION_DEFAULT, label, token,
                          cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
medusa_credentials_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_credentials_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

void
medusa_credentials_free_token (char *token)
{
  if (token != NULL)
    {
      explicit_bzero (token, strlen (token));
      g_free (token);
    }
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Hand out a g_malloc'd copy so callers need not know libsecret. */
  g_task_return_pointer (task, g_strdup (secret), (GDestroyNotify) medusa_credentials_free_token);
  secret_password_free (secret);
}

void
medusa_credentials_lookup_async (const char          *store_url,
                                 const char          *email,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (store_url != NULL && *store_url != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_credentials_lookup_async);

  attributes = new_attributes (store_url, email);
  secret_password_lookupv (medusa_credentials_get_schema (), attributes,
                           cancellable, lookup_cb, g_steal_pointer (&task));
}

char *
medusa_credentials_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without error means there was nothing to remove: that is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_credentials_clear_async (const char          *store_url,
                                const char          *email,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (store_url != NULL && *store_url != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_credentials_clear_async);

  attributes = new_attributes (store_url, email);
  secret_password_clearv (medusa_credentials_get_schema (), attributes,
                          cancellable, clear_cb, g_steal_pointer (&task));
}

gboolean
medusa_credentials_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_credentials_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
