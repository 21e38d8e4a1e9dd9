/* medusa-auth.c: sign in, sign out
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-auth"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-auth.h"
#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-payloads.h"
#include "medusa-secret.h"


typedef struct
{
  char *email;     /* (owned): normalized */
  char *password;  /* (owned): wiped on free */
} Credentials;

static void
credentials_free (Credentials *creds)
{
  g_free (creds->email);
  medusa_secret_free (creds->password);
  g_free (creds);
}

static Credentials *
credentials_new (const char *email,
                 const char *password)
{
  Credentials *creds = g_new0 (Credentials, 1);

  creds->email = medusa_normalize_email (email);
  creds->password = g_strdup (password);

  return creds;
}

static JsonNode *
credentials_to_json (const Credentials *creds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, creds->email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, creds->password);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Authenticate: POST /store/auth/token, or POST /store/auth (cookie) when
 * the server has no token route. */

static void
on_cookie_login_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (self, result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  customer = _medusa_client_parse_customer (root, &error);
  if (customer == NULL)
    {
      medusa_client_forget_credential (self);
      g_task_return_error (task, error);
      return;
    }

  _medusa_client_set_cookie_session (self, TRUE);
  g_task_return_pointer (task, g_steal_pointer (&customer), g_object_unref);
}

/* A token goes into the Authorization header and the keyring: refuse an
 * empty one and any byte outside visible ASCII (CR/LF would inject headers). */
static gboolean
token_is_valid (const char *token)
{
  if (token == NULL || *token == '\0')
    return FALSE;

  for (const guchar *p = (const guchar *) token; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

static void
on_token_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  Credentials *creds = g_task_get_task_data (task);
  /* Read before the task is handed on (argument order is unspecified). */
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *token = NULL;

  root = medusa_client_request_finish (self, result, NULL, &error);

  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
    {
      g_autoptr(JsonNode) body = credentials_to_json (creds);

      /* A server older than 1.17: sign in with a cookie session. Start from
       * an empty jar so that only this sign-in's cookie is kept. */
      g_debug ("No token route; signing in with a cookie session");
      medusa_client_forget_credential (self);
      medusa_client_request_async (self, "POST", "/store/auth", NULL, body,
                                   MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_SIGN_IN,
                                   cancellable,
                                   on_cookie_login_cb, g_steal_pointer (&task));
      return;
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    token = medusa_json_peek_string_member (json_node_get_object (root), "access_token");
  if (!token_is_valid (token))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "%s",
                               _("The store did not send a sign-in token."));
      return;
    }

  /* Bearer mode from now on: drop any older cookie session. */
  medusa_client_forget_credential (self);
  medusa_client_set_token (self, token);
  g_task_return_pointer (task, NULL, NULL);
}

void
_medusa_client_authenticate_async (MedusaClient        *self,
                                   const char          *email,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  Credentials *creds;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _medusa_client_authenticate_async);
  creds = credentials_new (email, password);
  g_task_set_task_data (task, creds, (GDestroyNotify) credentials_free);

  body = credentials_to_json (creds);
  /* Getting a token changes nothing on the server: safe to repeat. */
  medusa_client_request_async (self, "POST", "/store/auth/token", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS | MEDUSA_REQUEST_IDEMPOTENT,
                               MEDUSA_ERROR_CONTEXT_SIGN_IN,
                               cancellable, on_token_cb, g_steal_pointer (&task));
}

/* Returns TRUE when @self holds a credential now. In cookie mode,
 * @cookie_customer is the customer POST /store/auth returned; in token mode it
 * is NULL. */
gboolean
_medusa_client_authenticate_finish (MedusaClient    *self,
                                    GAsyncResult    *result,
                                    MedusaCustomer **cookie_customer,
                                    GError         **error)
{
  GError *local_error = NULL;
  MedusaCustomer *customer;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _medusa_client_authenticate_async, FALSE);

  customer = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (cookie_customer != NULL)
    *cookie_customer = customer;
  else
    g_clear_object (&customer);

  return TRUE;
}

/* Sign in */

static void
on_sign_in_me_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  MedusaCustomer *customer;
  GError *error = NULL;

  root = medusa_client_request_finish (self, result, NULL, &error);
  if (error == NULL)
    customer = _medusa_client_parse_customer (root, &error);
  else
    customer = NULL;

  if (customer == NULL)
    {
      /* Not signed in after all: do not keep a credential we never confirmed. */
      medusa_client_forget_credential (self);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

static void
on_sign_in_authenticated_cb (GObject      *source_object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(MedusaCustomer) cookie_customer = NULL;
  GError *error = NULL;

  if (!_medusa_client_authenticate_finish (self, result, &cookie_customer, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (cookie_customer != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cookie_customer), g_object_unref);
      return;
    }

  medusa_client_request_async (self, "GET", "/store/customers/me", NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable,
                               on_sign_in_me_cb, g_steal_pointer (&task));
}

/**
 * medusa_client_sign_in_async:
 * @self: a #MedusaClient
 * @email: the email (trimmed and lower-cased here)
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Gets a bearer token and then the signed-in customer.
 */
void
medusa_client_sign_in_async (MedusaClient        *self,
                             const char          *email,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_in_async);

  normalized = medusa_normalize_email (email);
  _medusa_client_get_dialect (self)->sign_in (self, g_steal_pointer (&task), normalized, password);
}

/* v1: POST /store/auth/token (or the cookie session), then GET /store/customers/me. */
void
_medusa_v1_sign_in (MedusaClient *self,
                    GTask        *task,
                    const char   *email,
                    const char   *password)
{
  _medusa_client_authenticate_async (self, email, password, g_task_get_cancellable (task),
                                     on_sign_in_authenticated_cb, task);
}

MedusaCustomer *
medusa_client_sign_in_finish (MedusaClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_sign_in_async, error);
}

/* Sign out */

static void
on_sign_out_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (self, result, NULL, &error);

  /* The local sign-out happens whatever the server said. */
  medusa_client_forget_credential (self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_client_sign_out_async (MedusaClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_out_async);
  /* The credential must be forgotten even if the caller cancels. */
  g_task_set_check_cancellable (task, FALSE);

  _medusa_client_get_dialect (self)->sign_out (self, g_steal_pointer (&task));
}

/* v1: DELETE /store/auth, then the credential is forgotten. */
void
_medusa_v1_sign_out (MedusaClient *self,
                     GTask        *task)
{
  medusa_client_request_async (self, "DELETE", "/store/auth", NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_sign_out_cb, task);
}

gboolean
medusa_client_sign_out_finish (MedusaClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_sign_out_async, error);
}
