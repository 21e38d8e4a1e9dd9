/* medusa-credentials.c: the bearer token in the keyring (libsecret)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-credentials.h"
#include "medusa-secret.h"

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

/* Every call's task: tagged with its public function, and holding the
 * attributes that select the item(s) as task data. */
static GTask *
new_keyring_task (gpointer             source_tag,
                  const char          *store_url,
                  const char          *email,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, new_attributes (store_url, email),
                        (GDestroyNotify) g_hash_table_unref);

  return task;
}

/* libsecret 0.20.5 checks the attributes of every call itself, and when
 * one is refused (a string attribute that is not valid UTF-8) it only logs
 * a warning and returns without ever calling back: the caller would wait
 * forever (a Sign In that spins for good). So everything libsecret could
 * refuse is refused here first, and the task finishes with the error. */
static gboolean
check_text (const char  *what,
            const char  *value,
            gboolean     required,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "No %s for the keyring item", what);
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The %s for the keyring item is not valid UTF-8", what);
      return FALSE;
    }

  return TRUE;
}

/* A bearer token goes into an Authorization header: visible ASCII only
 * (RFC 7235's token68 and the JWTs Medusa issues are). */
static gboolean
token_is_valid (const char *token)
{
  if (token == NULL || *token == '\0')
    return FALSE;

  for (const char *p = token; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

/* Finishes @task with the first problem of its arguments and returns FALSE;
 * TRUE when libsecret may be called. Takes @task on failure. */
static gboolean
check_arguments (GTask      *task,
                 const char *store_url,
                 const char *email,
                 gboolean    email_required,
                 const char *token,
                 gboolean    token_required)
{
  GError *error = NULL;

  if (check_text ("store address", store_url, TRUE, &error) &&
      check_text ("email", email, email_required, &error))
    {
      if (!token_required || token_is_valid (token))
        return TRUE;

      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The sign-in token is not one an HTTP header can carry");
    }

  g_task_return_error (task, error);
  g_object_unref (task);
  return FALSE;
}

/* Store and clear finish with TRUE, or with libsecret's error. */
static void
boolean_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* For a clear, FALSE without error means there was nothing to remove: that is fine. */
  if (g_task_get_source_tag (task) == medusa_credentials_store_async)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The check every _finish makes: @result is our task from @source_tag. */
static gboolean
is_task_of (GAsyncResult *result,
            gpointer      source_tag)
{
  return g_task_is_valid (result, NULL) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* Store */

void
medusa_credentials_store_async (const char          *store_url,
                                const char          *email,
                                const char          *token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  g_autofree char *label = NULL;

  task = new_keyring_task (medusa_credentials_store_async, store_url, email,
                           cancellable, callback, user_data);
  if (!check_arguments (task, store_url, email, TRUE, token, TRUE))
    return;

  /* Translators: the keyring item's label; %s are an email and a store URL */
  label = g_strdup_printf (_("Medusa Account: %s at %s"), email, store_url);
  secret_password_storev (medusa_credentials_get_schema (), g_task_get_task_data (task),
                          SECRET_COLLECTION_DEFAULT, label, token,
                          cancellable, boolean_cb, task);
}

gboolean
medusa_credentials_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (is_task_of (result, medusa_credentials_store_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

void
medusa_credentials_free_token (char *token)
{
  medusa_secret_free (token);
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

  /* Whatever else wrote an item of our schema: it becomes a header only
   * when it can be one. */
  if (!token_is_valid (secret))
    {
      secret_password_free (secret);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The keyring item does not hold a usable sign-in token");
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
  GTask *task;

  task = new_keyring_task (medusa_credentials_lookup_async, store_url, email,
                           cancellable, callback, user_data);
  if (!check_arguments (task, store_url, email, FALSE, NULL, FALSE))
    return;

  secret_password_lookupv (medusa_credentials_get_schema (), g_task_get_task_data (task),
                           cancellable, lookup_cb, task);
}

char *
medusa_credentials_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_task_of (result, medusa_credentials_lookup_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear */

void
medusa_credentials_clear_async (const char          *store_url,
                                const char          *email,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  task = new_keyring_task (medusa_credentials_clear_async, store_url, email,
                           cancellable, callback, user_data);
  if (!check_arguments (task, store_url, email, FALSE, NULL, FALSE))
    return;

  secret_password_clearv (medusa_credentials_get_schema (), g_task_get_task_data (task),
                          cancellable, boolean_cb, task);
}

gboolean
medusa_credentials_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (is_task_of (result, medusa_credentials_clear_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
