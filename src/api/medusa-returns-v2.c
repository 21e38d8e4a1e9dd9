/* medusa-returns-v2.c: returns on a Medusa v2 store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on 2.21.2 (HACKING.md, "v2 transfer and returns (measured)"):
 * the return shipping options are listed for a cart (GET
 * /store/shipping-options?cart_id=&is_return=true), and the order's own
 * cart is the honest one (GET /store/orders/{id}?fields=cart.id); POST
 * /store/returns takes items [{id, quantity, reason_id?, note?}] and a
 * required return_shipping {option_id}; there is no route that lists
 * returns: the order's items say how many were asked back
 * (detail.return_requested_quantity, return_received_quantity).
 */
#define G_LOG_DOMAIN "medusa-returns"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-money.h"
#include "medusa-order-v2.h"
#include "medusa-returns-private.h"

/* Real ids are under 40 characters (order_01M8XKJR8CP71THRPJF0E265FH). */
#define MAX_ID_LENGTH 128

static gboolean
id_is_valid (const char *id,
             const char *prefix)
{
  gsize len;

  if (id == NULL || !g_str_has_prefix (id, prefix))
    return FALSE;
  len = strlen (id);
  if (len <= strlen (prefix) || len > MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
order_path (const char *order_id)
{
  g_autofree char *escaped = g_uri_escape_string (order_id, NULL, FALSE);

  return g_strconcat ("/store/orders/", escaped, NULL);
}

/* Return shipping options */

typedef struct
{
  char *currency_code;
} OptionsData;

static void
options_data_free (OptionsData *data)
{
  g_free (data->currency_code);
  g_free (data);
}

/* Does the v2 option carry the rule is_return = "true"? (The store does
 * not check it when the return is made: an outbound option was accepted
 * and charged; so only these are offered.) */
static gboolean
option_is_return (JsonObject *option)
{
  JsonArray *rules = NULL;

  if (!medusa_json_read_array (option, "rules", &rules, NULL) || rules == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rules) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (rules, i);
      g_autofree char *attribute = NULL;
      g_autofree char *value = NULL;
      g_autofree char *operator = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      attribute = medusa_json_dup_string_member (json_node_get_object (node), "attribute");
      value = medusa_json_dup_string_member (json_node_get_object (node), "value");
      operator = medusa_json_dup_string_member (json_node_get_object (node), "operator");
      if (g_strcmp0 (attribute, "is_return") == 0 && g_strcmp0 (value, "true") == 0 &&
          g_strcmp0 (operator, "eq") == 0)
        return TRUE;
    }
  return FALSE;
}

/* One option of the answer in v1's shape ({id, name, is_return, amount} in
 * minor units), or NULL for one that is not a return option; the price of a
 * calculated option is its calculated_price.calculated_amount. */
static JsonObject *
option_to_v1 (JsonObject  *option,
              guint        digits,
              GError     **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonObject) calculated = NULL;
  g_autofree char *id = medusa_json_dup_string_member (option, "id");
  g_autofree char *name = medusa_json_dup_string_member (option, "name");
  gint64 amount = 0;
  gboolean has_amount = FALSE;
  JsonNode *node;

  if (!option_is_return (option))
    return NULL;
  if (id == NULL)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  if (!medusa_json_read_object (option, "calculated_price", &calculated, error))
    return NULL;
  if (calculated != NULL &&
      (node = json_object_get_member (calculated, "calculated_amount")) != NULL &&
      !JSON_NODE_HOLDS_NULL (node))
    {
      if (!medusa_v2_read_amount (calculated, "calculated_amount", digits, &amount, error))
        return NULL;
      has_amount = TRUE;
    }
  else if ((node = json_object_get_member (option, "amount")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!medusa_v2_read_amount (option, "amount", digits, &amount, error))
        return NULL;
      has_amount = TRUE;
    }

  json_object_set_string_member (out, "id", id);
  json_object_set_string_member (out, "name", name != NULL ? name : "");
  json_object_set_boolean_member (out, "is_return", TRUE);
  if (has_amount && amount >= 0)
    json_object_set_int_member (out, "amount", amount);
  else
    json_object_set_null_member (out, "amount");
  return g_steal_pointer (&out);
}

GListStore *
_medusa_v2_returns_parse_options (JsonNode    *root,
                                  const char  *currency_code,
                                  GError     **error)
{
  g_autoptr(GListStore) options = g_list_store_new (MEDUSA_TYPE_RETURN_OPTION);
  JsonArray *array = NULL;
  guint digits = medusa_currency_get_exponent (currency_code);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }
  if (!medusa_json_read_array (json_node_get_object (root), "shipping_options", &array, error))
    return NULL;
  if (array == NULL || json_array_get_length (array) > MEDUSA_RETURN_MAX_LIST)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(JsonObject) v1 = NULL;
      g_autoptr(MedusaReturnOption) option = NULL;
      GError *local = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }
      v1 = option_to_v1 (json_node_get_object (node), digits, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (v1 == NULL)
        continue;
      option = medusa_return_option_new_from_json (v1, error);
      if (option == NULL)
        return NULL;
      g_list_store_append (options, option);
    }

  return g_steal_pointer (&options);
}

static void
on_v2_options_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OptionsData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GListStore *options = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error == NULL)
    options = _medusa_v2_returns_parse_options (root, data->currency_code, &error);
  if (options == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, options, g_object_unref);
}

static void
on_v2_order_cart_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OptionsData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) cart = NULL;
  g_autofree char *cart_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  GCancellable *cancellable;
  JsonObject *order;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  order = medusa_json_get_object_member (root, "order", &error);
  if (order == NULL || !medusa_json_read_object (order, "cart", &cart, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->currency_code = medusa_json_dup_string_member (order, "currency_code");
  cart_id = cart != NULL ? medusa_json_dup_string_member (cart, "id") : NULL;
  if (cart_id == NULL)
    {
      /* An order made without a cart (by the store's staff): no option to
       * list, and a return needs one. */
      g_task_return_pointer (task, g_list_store_new (MEDUSA_TYPE_RETURN_OPTION), g_object_unref);
      return;
    }
  if (!id_is_valid (cart_id, "cart_"))
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }

  /* Exactly "true": "1" is refused (400) by 2.21. */
  escaped = g_uri_escape_string (cart_id, NULL, FALSE);
  query = g_strdup_printf ("cart_id=%s&is_return=true", escaped);
  cancellable = g_task_get_cancellable (task);
  medusa_client_request_async (MEDUSA_CLIENT (source), "GET", "/store/shipping-options", query, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_v2_options_cb, g_steal_pointer (&task));
}

void
_medusa_v2_list_return_options (MedusaClient *self,
                                GTask        *task,
                                const char   *order_id,
                                const char   *region_id)
{
  g_autofree char *path = NULL;

  if (order_id == NULL || !id_is_valid (order_id, "order_"))
    {
      /* A v2 store lists return options only for a cart: by region alone
       * there is nothing to ask. */
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA, "%s",
                               _("This store lists the return shipping methods only for an order."));
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_new0 (OptionsData, 1), (GDestroyNotify) options_data_free);
  path = order_path (order_id);
  medusa_client_request_async (self, "GET", path, "fields=id,currency_code,cart.id", NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_order_cart_cb, task);
}

/* What was asked back */

/* A non-negative count member of @detail (an integer, or a decimal string in
 * raw_<member>.value), 0 when missing; FALSE for anything else. */
static gboolean
read_count (JsonObject  *detail,
            const char  *member,
            gint64      *out,
            GError     **error)
{
  g_autofree char *raw_name = g_strconcat ("raw_", member, NULL);
  JsonNode *node = json_object_get_member (detail, member);
  JsonNode *raw = json_object_get_member (detail, raw_name);

  *out = 0;
  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && (raw == NULL || JSON_NODE_HOLDS_NULL (raw)))
    return TRUE;
  if (!medusa_v2_read_amount (detail, member, 0, out, error))
    return FALSE;
  if (*out < 0)
    {
      _medusa_client_set_parse_error (error);
      return FALSE;
    }
  return TRUE;
}

/* One summary "return" of @status with the items' @member counts (v1's
 * shape), or NULL when none was asked back. */
static JsonObject *
summary_return (JsonArray   *items,
                const char  *order_id,
                const char  *status,
                const char  *member,
                GError     **error)
{
  g_autoptr(JsonObject) ret = json_object_new ();
  g_autoptr(JsonArray) out = json_array_new ();
  g_autofree char *id = g_strconcat (order_id, "/", status, NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(JsonObject) detail = NULL;
      g_autofree char *item_id = NULL;
      JsonObject *item;
      JsonObject *line;
      gint64 count;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }
      item = json_node_get_object (node);
      item_id = medusa_json_dup_string_member (item, "id");
      if (item_id == NULL || !medusa_json_read_object (item, "detail", &detail, error))
        {
          if (item_id == NULL)
            _medusa_client_set_parse_error (error);
          return NULL;
        }
      if (detail == NULL)
        continue;
      if (!read_count (detail, member, &count, error))
        return NULL;
      if (count == 0)
        continue;

      line = json_object_new ();
      json_object_set_string_member (line, "item_id", item_id);
      json_object_set_int_member (line, "quantity", count);
      json_array_add_object_element (out, line);
    }

  if (json_array_get_length (out) == 0)
    return NULL;
  json_object_set_string_member (ret, "id", id);
  json_object_set_string_member (ret, "status", status);
  json_object_set_array_member (ret, "items", g_steal_pointer (&out));
  return g_steal_pointer (&ret);
}

GListStore *
_medusa_v2_returns_parse_order_summary (JsonNode    *root,
                                        const char  *order_id,
                                        GError     **error)
{
  g_autoptr(GListStore) returns = g_list_store_new (MEDUSA_TYPE_RETURN);
  static const char * const states[][2] = {
    { "requested", "return_requested_quantity" },
    { "received", "return_received_quantity" },
  };
  g_autofree char *id = NULL;
  JsonArray *items = NULL;
  JsonObject *order;

  order = medusa_json_get_object_member (root, "order", error);
  if (order == NULL)
    return NULL;
  id = medusa_json_dup_string_member (order, "id");
  if (g_strcmp0 (id, order_id) != 0)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }
  if (!medusa_json_read_array (order, "items", &items, error))
    return NULL;
  if (items == NULL || json_array_get_length (items) > MEDUSA_RETURN_MAX_LIST)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(JsonObject) summary = NULL;
      g_autoptr(MedusaReturn) ret = NULL;
      GError *local = NULL;

      summary = summary_return (items, order_id, states[i][0], states[i][1], &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (summary == NULL)
        continue;
      ret = medusa_return_new_from_json (summary, error);
      if (ret == NULL)
        return NULL;
      g_list_store_append (returns, ret);
    }

  return g_steal_pointer (&returns);
}

static void
on_v2_order_returns_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *order_id = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GListStore *returns = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error == NULL)
    returns = _medusa_v2_returns_parse_order_summary (root, order_id, &error);
  if (returns == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, returns, g_object_unref);
}

void
_medusa_v2_list_order_returns (MedusaClient *self,
                               GTask        *task,
                               const char   *order_id)
{
  g_autofree char *path = NULL;

  if (!id_is_valid (order_id, "order_"))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
                               "Not an order id");
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_strdup (order_id), g_free);
  path = order_path (order_id);
  medusa_client_request_async (self, "GET", path,
                               "fields=id,items.id,items.detail.return_requested_quantity,"
                               "items.detail.return_received_quantity", NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_v2_order_returns_cb, task);
}

/* POST /store/returns */

JsonNode *
_medusa_v2_build_return_body (MedusaReturnRequest  *request,
                              GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *option_id = _medusa_return_request_get_option_id (request);
  guint n;

  if (option_id == NULL)
    {
      /* Measured: 400 "Field 'return_shipping' is required". */
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                           _("Choose how to send the items back: this store needs a return shipping method."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, medusa_return_request_get_order_id (request));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  n = medusa_return_request_get_n_items (request);
  for (guint i = 0; i < n; i++)
    {
      const char *item_id, *reason_id, *note;
      gint64 quantity;

      _medusa_return_request_get_item (request, i, &item_id, &quantity, &reason_id, &note);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item_id);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, quantity);
      if (reason_id != NULL)
        {
          json_builder_set_member_name (builder, "reason_id");
          json_builder_add_string_value (builder, reason_id);
        }
      if (note != NULL)
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, note);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "return_shipping");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "option_id");
  json_builder_add_string_value (builder, option_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The answer's return ({id, status, created_at, items: [{item_id,
 * raw_quantity: {value}, reason_id, note}]}) in v1's shape. */
JsonObject *
_medusa_v2_normalize_return_json (JsonObject  *ret,
                                  GError     **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) out_items = json_array_new ();
  JsonArray *items = NULL;
  static const char * const copied[] = { "id", "status", "created_at" };

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      JsonNode *node = json_object_get_member (ret, copied[i]);

      if (node != NULL)
        json_object_set_member (out, copied[i], json_node_copy (node));
    }

  if (!medusa_json_read_array (ret, "items", &items, error))
    return NULL;
  if (items != NULL && json_array_get_length (items) > MEDUSA_RETURN_MAX_LIST)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item, *line;
      g_autofree char *item_id = NULL;
      g_autofree char *reason_id = NULL;
      g_autofree char *note = NULL;
      gint64 quantity = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }
      item = json_node_get_object (node);
      item_id = medusa_json_dup_string_member (item, "item_id");
      if (item_id == NULL || !read_count (item, "quantity", &quantity, error))
        {
          if (item_id == NULL)
            _medusa_client_set_parse_error (error);
          return NULL;
        }
      reason_id = medusa_json_dup_string_member (item, "reason_id");
      note = medusa_json_dup_string_member (item, "note");

      line = json_object_new ();
      json_object_set_string_member (line, "item_id", item_id);
      json_object_set_int_member (line, "quantity", quantity);
      if (reason_id != NULL)
        json_object_set_string_member (line, "reason_id", reason_id);
      if (note != NULL)
        json_object_set_string_member (line, "note", note);
      json_array_add_object_element (out_items, line);
    }
  json_object_set_array_member (out, "items", g_steal_pointer (&out_items));

  return g_steal_pointer (&out);
}

/* The messages of 2.21.2 for POST /store/returns, as human ones. */
GError *
_medusa_v2_map_return_error (GError *error)
{
  const char *message = NULL;
  MedusaError code = MEDUSA_ERROR_INVALID_DATA;

  if (error->domain != MEDUSA_ERROR || error->message == NULL ||
      (error->code != MEDUSA_ERROR_INVALID_DATA && error->code != MEDUSA_ERROR_NOT_ALLOWED))
    return error;

  if (strstr (error->message, "existing active order change") != NULL)
    {
      code = MEDUSA_ERROR_CONFLICT;
      message = _("The store is changing this order right now (for example a transfer to another account waits for its code). Try again later.");
    }
  else if (strstr (error->message, "Cannot request to return more items than what was fulfilled") != NULL)
    message = _("That is more than the store has sent of this item and not yet asked back. Choose fewer.");
  else if (strstr (error->message, "does not exist in order") != NULL)
    message = _("An item is no longer part of this order. Close this window and open the order again.");

  if (message == NULL)
    return error;
  g_error_free (error);
  return g_error_new_literal (MEDUSA_ERROR, code, message);
}
