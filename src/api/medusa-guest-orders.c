/* medusa-guest-orders.c: find an order placed as a guest and claim it
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-guest-orders"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-guest-orders-private.h"
#include "medusa-payloads.h"
#include "medusa-reset-link.h"

typedef MedusaGuestOrderLookup LookupResult;

void
_medusa_guest_order_lookup_free (MedusaGuestOrderLookup *r)
{
  g_clear_object (&r->order);
  g_free (r->owner_id);
  g_free (r);
}

#define lookup_result_free _medusa_guest_order_lookup_free

/* Lookup */

MedusaOrder *
_medusa_guest_order_parse_lookup (JsonNode   *root,
                                  gboolean   *owner_has_account_out,
                                  char      **owner_id_out,
                                  GError    **error)
{
  g_autoptr(MedusaOrder) order = NULL;
  JsonObject *object;
  JsonNode *customer;
  gboolean owner_has_account = FALSE;
  char *owner_id = NULL;

  object = medusa_json_get_object_member (root, "order", error);
  if (object == NULL)
    return NULL;
  order = medusa_order_new_from_json (object, error);
  if (order == NULL)
    return NULL;

  customer = json_object_get_member (object, "customer");
  if (customer != NULL && JSON_NODE_HOLDS_OBJECT (customer))
    {
      JsonObject *c = json_node_get_object (customer);
      JsonNode *has_account = json_object_get_member (c, "has_account");
      JsonNode *id = json_object_get_member (c, "id");

      owner_has_account = has_account != NULL &&
                          JSON_NODE_HOLDS_VALUE (has_account) &&
                          json_node_get_value_type (has_account) == G_TYPE_BOOLEAN &&
                          json_node_get_boolean (has_account);
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        owner_id = g_strdup (json_node_get_string (id));
    }

  if (owner_has_account_out != NULL)
    *owner_has_account_out = owner_has_account;
  if (owner_id_out != NULL)
    *owner_id_out = owner_id;
  else
    g_free (owner_id);
  return g_steal_pointer (&order);
}

static void
on_lookup_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  LookupResult *r;
  guint status = 0;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, &status, &error);
  if (error != NULL)
    {
      /* 404 "Not Found" (text/plain): no order with that number and email */
      if (status == 404)
        {
          g_clear_error (&error);
          g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                                   _("No order with this number was placed with this email address."));
        }
      else
        g_task_return_error (task, error);
      return;
    }

  r = g_new0 (LookupResult, 1);
  r->order = _medusa_guest_order_parse_lookup (root, &r->owner_has_account, &r->owner_id, &error);
  if (r->order == NULL)
    {
      lookup_result_free (r);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) lookup_result_free);
}

/**
 * medusa_client_lookup_guest_order_async:
 * @self: a #MedusaClient
 * @display_id: the order number the person sees (≥ 1)
 * @email: the email address the order was placed with
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Finds one order by its number and email, as a guest can.
 */
void
_medusa_v1_lookup_guest_order (MedusaClient *self,
                               GTask        *task,
                               const char   *reference,
                               const char   *email)
{
  g_autofree char *normalized = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  gint64 display_id = medusa_order_number_parse (reference);

  if (display_id <= 0 || email == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                               _("No order with this number was placed with this email address."));
      g_object_unref (task);
      return;
    }

  normalized = medusa_normalize_email (email);
  escaped = g_uri_escape_string (normalized, NULL, FALSE);
  query = g_strdup_printf ("display_id=%" G_GINT64_FORMAT "&email=%s", display_id, escaped);

  medusa_client_request_async (self, "GET", "/store/orders", query, NULL,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_lookup_cb, task);
}

void
medusa_client_lookup_guest_order_async (MedusaClient        *self,
                                        gint64               display_id,
                                        const char          *email,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  g_autofree char *reference = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (display_id > 0);
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_lookup_guest_order_async);
  reference = g_strdup_printf ("%" G_GINT64_FORMAT, display_id);
  _medusa_client_get_dialect (self)->lookup_guest_order (self, task, reference, email);
}

/**
 * medusa_client_find_guest_order_async:
 * @self: a #MedusaClient
 * @reference: what identifies the order to a guest: its number (with
 *   @email), or its id when the client has MEDUSA_CAPABILITY_ORDER_BY_ID
 * @email: (nullable): the email address the order was placed with
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Finds one order as a guest can on this store.
 */
void
medusa_client_find_guest_order_async (MedusaClient        *self,
                                      const char          *reference,
                                      const char          *email,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (reference != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_find_guest_order_async);
  _medusa_client_get_dialect (self)->lookup_guest_order (self, task, reference, email);
}

static MedusaOrder *
lookup_finish (MedusaClient  *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               gboolean      *owner_has_account_out,
               char         **owner_id_out,
               GError       **error)
{
  LookupResult *r;
  MedusaOrder *order;

  r = _medusa_client_propagate_pointer (self, result, source_tag, error);
  if (r == NULL)
    return NULL;

  if (owner_has_account_out != NULL)
    *owner_has_account_out = r->owner_has_account;
  if (owner_id_out != NULL)
    *owner_id_out = g_steal_pointer (&r->owner_id);
  order = g_steal_pointer (&r->order);
  lookup_result_free (r);

  return order;
}

MedusaOrder *
medusa_client_lookup_guest_order_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         gboolean      *owner_has_account_out,
                                         char         **owner_id_out,
                                         GError       **error)
{
  return lookup_finish (self, result, medusa_client_lookup_guest_order_async,
                        owner_has_account_out, owner_id_out, error);
}

MedusaOrder *
medusa_client_find_guest_order_finish (MedusaClient  *self,
                                       GAsyncResult  *result,
                                       gboolean      *owner_has_account_out,
                                       char         **owner_id_out,
                                       GError       **error)
{
  return lookup_finish (self, result, medusa_client_find_guest_order_async,
                        owner_has_account_out, owner_id_out, error);
}

/* Request */

static void
on_boolean_request_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_medusa_v1_request_order_claim (MedusaClient       *self,
                                GTask              *task,
                                const char * const *order_ids)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; order_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, order_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Not repeated on failure: each request mails another token. */
  medusa_client_request_async (self, "POST", "/store/orders/batch/customer/token", NULL, body,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_boolean_request_cb, task);
}

void
medusa_client_request_order_claim_async (MedusaClient        *self,
                                         const char * const  *order_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_ids != NULL && order_ids[0] != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_request_order_claim_async);
  _medusa_client_get_dialect (self)->request_order_claim (self, task, order_ids);
}

gboolean
medusa_client_request_order_claim_finish (MedusaClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_request_order_claim_async, error);
}

/* Confirm */

static void
on_confirm_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  guint status = 0;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, &status, &error);
  if (error == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Measured: not a JWT is 400, a bad signature or an expired token 500
   * (unknown_error), a token of a customer that is gone 404. */
  if (error->domain == MEDUSA_ERROR && (status == 400 || status == 404 || status == 500))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN,
                               _("The confirmation code is wrong or has expired."));
      return;
    }
  g_task_return_error (task, error);
}

void
_medusa_v1_confirm_order_claim (MedusaClient       *self,
                                GTask              *task,
                                const char * const *order_ids,
                                const char         *token)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* The token is the credential here: the account's own is not needed. */
  medusa_client_request_async (self, "POST", "/store/orders/customer/confirm", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_confirm_cb, task);
}

void
medusa_client_confirm_order_claim_async (MedusaClient        *self,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  const char * const no_orders[] = { NULL };

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (token != NULL && *token != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_confirm_order_claim_async);
  _medusa_client_get_dialect (self)->confirm_order_claim (self, task, no_orders, token);
}

gboolean
medusa_client_confirm_order_claim_finish (MedusaClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_confirm_order_claim_async, error);
}

void
medusa_client_confirm_order_claims_async (MedusaClient        *self,
                                          const char * const  *order_ids,
                                          const char          *token,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_ids != NULL);
  g_return_if_fail (token != NULL && *token != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_confirm_order_claims_async);
  _medusa_client_get_dialect (self)->confirm_order_claim (self, task, order_ids, token);
}

gboolean
medusa_client_confirm_order_claims_finish (MedusaClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_confirm_order_claims_async, error);
}

/* Cancel and decline (stores that have them) */

static void
no_such_step (GTask *task)
{
  g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                           _("This store has no such step for orders placed as a guest."));
  g_object_unref (task);
}

void
medusa_client_cancel_order_claim_async (MedusaClient        *self,
                                        const char          *order_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  const MedusaDialect *dialect;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_cancel_order_claim_async);
  dialect = _medusa_client_get_dialect (self);
  if (dialect->cancel_order_claim == NULL)
    no_such_step (task);
  else
    dialect->cancel_order_claim (self, task, order_id);
}

gboolean
medusa_client_cancel_order_claim_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_cancel_order_claim_async, error);
}

void
medusa_client_decline_order_claim_async (MedusaClient        *self,
                                         const char          *order_id,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const MedusaDialect *dialect;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');
  g_return_if_fail (token != NULL && *token != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_decline_order_claim_async);
  dialect = _medusa_client_get_dialect (self);
  if (dialect->decline_order_claim == NULL)
    no_such_step (task);
  else
    dialect->decline_order_claim (self, task, order_id, token);
}

gboolean
medusa_client_decline_order_claim_finish (MedusaClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _medusa_client_propagate_boolean (self, result, medusa_client_decline_order_claim_async, error);
}

char *
medusa_client_claim_token_from_text (MedusaClient *self,
                                     const char   *text)
{
  const MedusaDialect *dialect;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  dialect = _medusa_client_get_dialect (self);
  if (dialect->claim_token_from_text != NULL)
    return dialect->claim_token_from_text (text);
  return medusa_order_claim_token_from_text (text);
}

/* Pasted text */

static gboolean
is_base64url_part (const char *start,
                   gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (start[i]) && start[i] != '-' && start[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
looks_like_jwt (const char *text)
{
  const char *first;
  const char *second;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len == 0 || len > MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH)
    return FALSE;
  first = strchr (text, '.');
  if (first == NULL)
    return FALSE;
  second = strchr (first + 1, '.');
  if (second == NULL)
    return FALSE;
  return is_base64url_part (text, first - text) &&
         is_base64url_part (first + 1, second - first - 1) &&
         is_base64url_part (second + 1, text + len - second - 1);
}

char *
medusa_order_claim_token_from_text (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GUri) uri = NULL;

  if (text == NULL || strlen (text) > 4 * MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  if (looks_like_jwt (stripped))
    return g_steal_pointer (&stripped);

  /* token= in the query or the fragment of a link */
  if (medusa_reset_link_parse (stripped, &token, &email))
    return looks_like_jwt (token) ? g_steal_pointer (&token) : NULL;

  /* https://shop.example/claim-order/<token> */
  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    {
      const char *path = g_uri_get_path (uri);
      const char *slash = path != NULL ? strrchr (path, '/') : NULL;

      if (slash != NULL && looks_like_jwt (slash + 1))
        return g_strdup (slash + 1);
    }
  return NULL;
}

gint64
medusa_order_number_parse (const char *text)
{
  g_autofree char *stripped = NULL;
  const char *digits;
  guint64 value = 0;

  if (text == NULL)
    return 0;
  stripped = g_strstrip (g_strdup (text));
  digits = stripped[0] == '#' ? stripped + 1 : stripped;
  if (*digits == '\0' || strlen (digits) > 10)
    return 0;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return 0;
  value = g_ascii_strtoull (digits, NULL, 10);
  if (value == 0 || value > G_MAXINT32)
    return 0;
  return (gint64) value;
}
