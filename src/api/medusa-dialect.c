/* medusa-dialect.c: versions, capabilities and the shared token refresh
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-dialect"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-dialect-private.h"
#include "medusa-error.h"

/* Longest token kept or sent: real JWTs are under 1 KiB. */
#define MAX_TOKEN_LENGTH 8192

const char *
medusa_store_version_to_string (MedusaStoreVersion version)
{
  switch (version)
    {
    case MEDUSA_STORE_VERSION_V1:
      return "v1";
    case MEDUSA_STORE_VERSION_V2:
      return "v2";
    case MEDUSA_STORE_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

MedusaStoreVersion
medusa_store_version_from_string (const char *text)
{
  if (g_strcmp0 (text, "v1") == 0)
    return MEDUSA_STORE_VERSION_V1;
  if (g_strcmp0 (text, "v2") == 0)
    return MEDUSA_STORE_VERSION_V2;
  return MEDUSA_STORE_VERSION_UNKNOWN;
}

const char *
medusa_store_version_get_label (MedusaStoreVersion version)
{
  switch (version)
    {
    case MEDUSA_STORE_VERSION_V1:
      /* Translators: the version of the store's software */
      return _("Medusa v1");
    case MEDUSA_STORE_VERSION_V2:
      /* Translators: the version of the store's software */
      return _("Medusa v2");
    case MEDUSA_STORE_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

MedusaStoreVersion
medusa_client_get_store_version (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_STORE_VERSION_UNKNOWN);

  return _medusa_client_get_dialect (self)->version;
}

MedusaCapabilities
medusa_client_get_capabilities (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), MEDUSA_CAPABILITY_NONE);

  return _medusa_client_get_dialect (self)->capabilities;
}

gboolean
medusa_client_has_capability (MedusaClient       *self,
                              MedusaCapabilities  capability)
{
  return (medusa_client_get_capabilities (self) & capability) == capability;
}

gboolean
medusa_client_knows_order_status (MedusaClient      *self,
                                  MedusaOrderStatus  status)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  return status > 0 && status < 32 &&
         (_medusa_client_get_dialect (self)->order_statuses & (1u << status)) != 0;
}

gboolean
medusa_client_knows_fulfillment_status (MedusaClient            *self,
                                        MedusaFulfillmentStatus  status)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  return status > 0 && status < 32 &&
         (_medusa_client_get_dialect (self)->fulfillment_statuses & (1u << status)) != 0;
}

gboolean
medusa_client_knows_payment_status (MedusaClient        *self,
                                    MedusaPaymentStatus  status)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  return status > 0 && status < 32 &&
         (_medusa_client_get_dialect (self)->payment_statuses & (1u << status)) != 0;
}

gboolean
medusa_error_is_version_shaped (const GError *error)
{
  return g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND);
}

gboolean
_medusa_token_is_valid (const char *token)
{
  if (token == NULL || *token == '\0' || strlen (token) > MAX_TOKEN_LENGTH)
    return FALSE;

  for (const guchar *p = (const guchar *) token; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

/* The payload object of the JWT @token (base64url, decoded, bounded by the
 * token's length), or NULL. Its signature is not checked: only the store can. */
static JsonNode *
jwt_parse_payload (const char *token)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *dot1, *dot2;
  gsize len, decoded_len = 0;

  if (!_medusa_token_is_valid (token))
    return NULL;

  dot1 = strchr (token, '.');
  dot2 = dot1 != NULL ? strchr (dot1 + 1, '.') : NULL;
  if (dot2 == NULL || dot2 == dot1 + 1)
    return NULL;

  /* base64url → base64, padded. */
  len = (gsize) (dot2 - dot1 - 1);
  b64 = g_malloc0 (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = dot1[1 + i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      b64[i] = c;
    }
  while (len % 4 != 0)
    b64[len++] = '=';

  payload = g_base64_decode (b64, &decoded_len);
  if (payload == NULL || decoded_len == 0)
    return NULL;

  root = medusa_json_parse ((const char *) payload, (gssize) decoded_len, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_steal_pointer (&root);
}

/**
 * _medusa_jwt_dup_string_claim:
 * @token: (nullable): a JWT
 * @name: a claim
 *
 * Reads a string claim of the payload without checking the signature (for
 * a check before sending, never for trust).
 *
 * Returns: (transfer full) (nullable): the claim, or NULL
 */
char *
_medusa_jwt_dup_string_claim (const char *token,
                              const char *name)
{
  g_autoptr(JsonNode) root = jwt_parse_payload (token);
  JsonNode *claim;

  if (root == NULL)
    return NULL;
  claim = json_object_get_member (json_node_get_object (root), name);
  if (claim == NULL || !JSON_NODE_HOLDS_VALUE (claim) ||
      json_node_get_value_type (claim) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (claim));
}

/**
 * _medusa_jwt_get_expiry:
 * @token: (nullable): a JWT ("header.payload.signature", base64url)
 *
 * Reads the payload's "exp" without checking the signature (only the store
 * can): it only decides when to ask for a new token.
 *
 * Returns: the expiry in seconds since 1970, or 0 when @token is not a JWT
 *   with a numeric "exp".
 */
gint64
_medusa_jwt_get_expiry (const char *token)
{
  g_autoptr(JsonNode) root = jwt_parse_payload (token);
  JsonNode *exp;

  if (root == NULL)
    return 0;

  exp = json_object_get_member (json_node_get_object (root), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return 0;

  switch (json_node_get_value_type (exp))
    {
    case G_TYPE_INT64:
      return MAX (json_node_get_int (exp), 0);
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (exp);

        return value > 0 && value < 1e15 ? (gint64) value : 0;
      }
    default:
      return 0;
    }
}

/* The shared refresh: the waiting tasks are kept on the client. */

static GQuark
refresh_waiters_quark (void)
{
  return g_quark_from_static_string ("medusa-dialect-refresh-waiters");
}

static void
on_refresh_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  waiters = g_object_steal_qdata (G_OBJECT (self), refresh_waiters_quark ());
  if (waiters == NULL)
    return;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (ok)
        g_task_return_boolean (waiter, TRUE);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }
}

void
_medusa_client_refresh_token_async (MedusaClient        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const MedusaDialect *dialect = _medusa_client_get_dialect (self);
  GTask *task;
  GTask *refresh;
  GPtrArray *waiters;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _medusa_client_refresh_token_async);

  if (dialect->refresh_token == NULL || medusa_client_get_token (self) == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED, "%s",
                               _("You are not signed in, or your session has expired. Please sign in again."));
      g_object_unref (task);
      return;
    }

  waiters = g_object_get_qdata (G_OBJECT (self), refresh_waiters_quark ());
  if (waiters != NULL)
    {
      /* One refresh is on its way: wait for it. */
      g_ptr_array_add (waiters, task);
      return;
    }

  waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiters, task);
  g_object_set_qdata_full (G_OBJECT (self), refresh_waiters_quark (), waiters,
                           (GDestroyNotify) g_ptr_array_unref);

  /* Not cancelled by one waiter: the others may still want it. */
  refresh = g_task_new (self, NULL, on_refresh_done_cb, NULL);
  g_task_set_source_tag (refresh, dialect->refresh_token);
  dialect->refresh_token (self, refresh);
}

gboolean
_medusa_client_refresh_token_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
