/* medusa-guest-orders-v2.c: claiming a guest order on a Medusa v2 store
 * (order transfers)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on 2.21.2 (HACKING.md, "v2 transfer and returns (measured)"):
 * there is no lookup by number and email (GET /store/orders needs the
 * customer and refuses display_id and email as filters); GET
 * /store/orders/{id} needs no customer, so a guest's order is identified by
 * its id. POST /store/orders/{id}/transfer/request (customer) mails a UUID
 * token to the order's address; POST …/transfer/accept {token} (no customer
 * needed) moves the order to the customer who asked; …/transfer/decline
 * {token} refuses it, …/transfer/cancel (customer) takes the request back.
 */
#define G_LOG_DOMAIN "medusa-guest-orders"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-guest-orders-private.h"
#include "medusa-order-v2.h"

#define MAX_ORDER_ID_LENGTH 128
/* A UUID: 8-4-4-4-12 hex digits. */
#define UUID_LENGTH 36

static gboolean
order_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL || !g_str_has_prefix (id, "order_"))
    return FALSE;
  len = strlen (id);
  if (len <= strlen ("order_") || len > MAX_ORDER_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/**
 * _medusa_v2_order_id_from_text:
 * @text: (nullable): what the person typed or pasted
 *
 * The order id in @text: the id itself (order_…), or the last path segment
 * of a link ending in it.
 *
 * Returns: (transfer full) (nullable): the id, or NULL
 */
char *
_medusa_v2_order_id_from_text (const char *text)
{
  g_autofree char *stripped = NULL;
  const char *last;

  if (text == NULL || strlen (text) > 2048 || !g_utf8_validate (text, -1, NULL))
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  /* a link: its last path segment (no query or fragment) */
  stripped[strcspn (stripped, "?#")] = '\0';
  while (*stripped != '\0' && stripped[strlen (stripped) - 1] == '/')
    stripped[strlen (stripped) - 1] = '\0';
  last = strrchr (stripped, '/');
  last = last != NULL ? last + 1 : stripped;
  return order_id_is_valid (last) ? g_strdup (last) : NULL;
}

static char *
transfer_path (const char *order_id,
               const char *step)
{
  g_autofree char *escaped = g_uri_escape_string (order_id, NULL, FALSE);

  return g_strconcat ("/store/orders/", escaped, step != NULL ? "/transfer/" : NULL, step, NULL);
}

static gboolean
message_has (const GError *error,
             const char   *text)
{
  return error != NULL && error->message != NULL && strstr (error->message, text) != NULL;
}

/* The store's messages for the transfer routes (2.21.2), as human ones. */
static GError *
transfer_error (GError *error)
{
  const char *message = NULL;
  MedusaError code = MEDUSA_ERROR_INVALID_DATA;

  if (error->domain != MEDUSA_ERROR)
    return error;

  if (message_has (error, "Invalid token"))
    {
      code = MEDUSA_ERROR_INVALID_RESET_TOKEN;
      message = _("The confirmation code is wrong. Paste the code from the newest email about this order.");
    }
  else if (message_has (error, "does not have an order transfer request") ||
           message_has (error, "An active Order Change is required"))
    {
      code = MEDUSA_ERROR_INVALID_RESET_TOKEN;
      message = _("This order is not waiting for a code any more: the request was declined or taken back. Ask again to send a new email.");
    }
  else if (message_has (error, "existing active order change"))
    {
      code = MEDUSA_ERROR_CONFLICT;
      message = _("This order is already waiting for a code, or the store is changing it (for example a return). Enter the code from the email, or take the request back and ask again.");
    }
  else if (message_has (error, "already belongs to customer"))
    {
      code = MEDUSA_ERROR_DUPLICATE;
      message = _("This order is already in your account.");
    }
  else if (error->code == MEDUSA_ERROR_NOT_FOUND)
    {
      code = MEDUSA_ERROR_NOT_FOUND;
      message = _("The store has no order with this ID. Check it against the order confirmation email.");
    }

  if (message == NULL)
    return error;
  g_error_free (error);
  return g_error_new_literal (MEDUSA_ERROR, code, message);
}

/* Lookup: GET /store/orders/{id} (no customer) */

static void
on_v2_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  MedusaGuestOrderLookup *r;
  JsonObject *object;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, transfer_error (error));
      return;
    }

  object = medusa_json_get_object_member (root, "order", &error);
  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  r = g_new0 (MedusaGuestOrderLookup, 1);
  r->order = medusa_order_new_from_v2_json (object, &error);
  if (r->order == NULL)
    {
      _medusa_guest_order_lookup_free (r);
      g_task_return_error (task, error);
      return;
    }
  /* Every v2 order has a customer (a guest one too) and the store does not
   * say whether it has an account: only "is it mine" can be told. */
  r->owner_id = medusa_json_dup_string_member (object, "customer_id");
  r->owner_has_account = FALSE;
  g_task_return_pointer (task, r, (GDestroyNotify) _medusa_guest_order_lookup_free);
}

void
_medusa_v2_lookup_guest_order (MedusaClient *self,
                               GTask        *task,
                               const char   *reference,
                               const char   *email)
{
  g_autofree char *order_id = _medusa_v2_order_id_from_text (reference);
  g_autofree char *path = NULL;

  if (order_id == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND, "%s",
                               _("This is not an order ID. It starts with “order_”; the store’s order confirmation has it."));
      g_object_unref (task);
      return;
    }

  path = transfer_path (order_id, NULL);
  medusa_client_request_async (self, "GET", path, NULL, NULL,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_lookup_cb, task);
}

/* Request: one POST per order, one after the other */

typedef struct
{
  GStrv  order_ids;
  guint  next;
  char  *token;       /* (nullable) confirm only; wiped */
  GError *first_error; /* confirm: the error of the first order */
} StepData;

static void
step_data_free (StepData *data)
{
  g_strfreev (data->order_ids);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_clear_error (&data->first_error);
  g_free (data);
}

static void request_next (GTask *task);

static void
on_v2_request_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, transfer_error (error));
      return;
    }
  request_next (g_steal_pointer (&task));
}

static void
request_next (GTask *task)
{
  StepData *data = g_task_get_task_data (task);
  MedusaClient *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *order_id = data->order_ids[data->next];

  if (order_id == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  data->next++;

  if (!order_id_is_valid (order_id))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND, "%s",
                               _("The store has no order with this ID. Check it against the order confirmation email."));
      g_object_unref (task);
      return;
    }

  /* Not repeated on failure: each request mails another token. */
  {
    g_autoptr(JsonObject) empty = json_object_new ();

    body = json_node_init_object (json_node_alloc (), empty);
  }
  path = transfer_path (order_id, "request");
  medusa_client_request_async (self, "POST", path, NULL, body,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_request_cb, task);
}

void
_medusa_v2_request_order_claim (MedusaClient       *self,
                                GTask              *task,
                                const char * const *order_ids)
{
  StepData *data = g_new0 (StepData, 1);

  data->order_ids = g_strdupv ((char **) order_ids);
  g_task_set_task_data (task, data, (GDestroyNotify) step_data_free);
  request_next (task);
}

/* Confirm: the token is per order; try it on each order asked for */

static JsonNode *
token_body (const char *token)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "token", token);
  return json_node_init_object (json_node_alloc (), object);
}

static void confirm_next (GTask *task);

static void
on_v2_accept_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StepData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  error = transfer_error (error);
  if (!g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN))
    {
      /* Not a wrong token: the store or the network failed; stop there. */
      g_task_return_error (task, error);
      return;
    }
  /* A wrong token for this order: maybe it is another order's. */
  if (data->first_error == NULL)
    data->first_error = error;
  else
    g_error_free (error);
  confirm_next (g_steal_pointer (&task));
}

static void
confirm_next (GTask *task)
{
  StepData *data = g_task_get_task_data (task);
  MedusaClient *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *order_id = data->order_ids[data->next];

  while (order_id != NULL && !order_id_is_valid (order_id))
    order_id = data->order_ids[++data->next];
  if (order_id == NULL)
    {
      if (data->first_error != NULL)
        g_task_return_error (task, g_steal_pointer (&data->first_error));
      else
        g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN, "%s",
                                 _("No order is waiting for this code. Find the order first."));
      g_object_unref (task);
      return;
    }
  data->next++;

  body = token_body (data->token);
  path = transfer_path (order_id, "accept");
  /* The token is the credential here: the account's own is not needed. */
  medusa_client_request_async (self, "POST", path, NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_accept_cb, task);
}

void
_medusa_v2_confirm_order_claim (MedusaClient       *self,
                                GTask              *task,
                                const char * const *order_ids,
                                const char         *token)
{
  StepData *data = g_new0 (StepData, 1);
  g_autofree char *clean = _medusa_v2_claim_token_from_text (token);

  data->order_ids = g_strdupv ((char **) order_ids);
  data->token = g_steal_pointer (&clean);
  g_task_set_task_data (task, data, (GDestroyNotify) step_data_free);
  if (data->token == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN, "%s",
                               _("This is not a confirmation code. Paste the code from the email."));
      g_object_unref (task);
      return;
    }
  confirm_next (task);
}

/* Cancel and decline */

static void
on_v2_boolean_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, transfer_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_medusa_v2_cancel_order_claim (MedusaClient *self,
                               GTask        *task,
                               const char   *order_id)
{
  g_autofree char *path = NULL;

  if (!order_id_is_valid (order_id))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND, "%s",
                               _("The store has no order with this ID. Check it against the order confirmation email."));
      g_object_unref (task);
      return;
    }
  path = transfer_path (order_id, "cancel");
  /* No body: measured with none (the customer's token says who). */
  medusa_client_request_async (self, "POST", path, NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_boolean_cb, task);
}

void
_medusa_v2_decline_order_claim (MedusaClient *self,
                                GTask        *task,
                                const char   *order_id,
                                const char   *token)
{
  g_autofree char *clean = _medusa_v2_claim_token_from_text (token);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  if (!order_id_is_valid (order_id) || clean == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN, "%s",
                               _("This is not a confirmation code. Paste the code from the email."));
      g_object_unref (task);
      return;
    }
  body = token_body (clean);
  memset (clean, 0, strlen (clean));
  path = transfer_path (order_id, "decline");
  medusa_client_request_async (self, "POST", path, NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_boolean_cb, task);
}

/* Pasted text: a UUID (the token 2.21 makes, crypto.randomUUID()), alone
 * or anywhere in a link (token=…, or a path segment). */

static gboolean
is_uuid (const char *text,
         gsize       len)
{
  if (len != UUID_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

char *
_medusa_v2_claim_token_from_text (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *found = NULL;
  gsize len;

  if (text == NULL || strlen (text) > 4096 || !g_utf8_validate (text, -1, NULL))
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  len = strlen (stripped);
  if (is_uuid (stripped, len))
    return g_ascii_strdown (stripped, -1);

  /* In a link: exactly one UUID-shaped run delimited by non-UUID characters. */
  for (gsize i = 0; i + UUID_LENGTH <= len; i++)
    {
      gboolean start_ok = i == 0 || !(g_ascii_isxdigit (stripped[i - 1]) || stripped[i - 1] == '-');
      gboolean end_ok = i + UUID_LENGTH == len ||
                        !(g_ascii_isxdigit (stripped[i + UUID_LENGTH]) || stripped[i + UUID_LENGTH] == '-');

      if (start_ok && end_ok && is_uuid (stripped + i, UUID_LENGTH))
        {
          if (found != NULL)
            return NULL; /* two: which one? */
          found = g_ascii_strdown (stripped + i, UUID_LENGTH);
        }
    }
  return g_steal_pointer (&found);
}
