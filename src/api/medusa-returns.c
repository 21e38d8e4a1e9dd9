/* medusa-returns.c: return reasons, return shipping options, an order's
 * returns, and requesting a return
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-returns"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-returns.h"
#include "medusa-returns-private.h"

/* Return reasons */

void
medusa_client_list_return_reasons_async (MedusaClient        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_return_reasons_async);

  _medusa_client_request_list (self, g_steal_pointer (&task), "GET", "/store/return-reasons", NULL,
                               MEDUSA_REQUEST_DEFAULT, "return_reasons", MEDUSA_TYPE_RETURN_REASON,
                               (MedusaJsonModelFunc) medusa_return_reason_new_from_json);
}

GListModel *
medusa_client_list_return_reasons_finish (MedusaClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_return_reasons_async, error);
}

/* Bounded list @member of @object, each element built by @func. */
static GListStore *
read_bounded (JsonObject           *object,
              const char           *member,
              GType                 item_type,
              MedusaJsonModelFunc   func,
              GError              **error)
{
  JsonArray *array = NULL;

  if (!medusa_json_read_array (object, member, &array, error))
    return NULL;
  if (array == NULL)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "“%s” is missing", member);
      return NULL;
    }
  if (json_array_get_length (array) > MEDUSA_RETURN_MAX_LIST)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "“%s” is too long", member);
      return NULL;
    }
  return medusa_json_read_list (object, member, item_type, func, error);
}

/* Return shipping options */

GListStore *
_medusa_returns_parse_options (JsonNode    *root,
                               const char  *region_id,
                               GError     **error)
{
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GListStore) options = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }
  all = read_bounded (json_node_get_object (root), "shipping_options", MEDUSA_TYPE_RETURN_OPTION,
                      (MedusaJsonModelFunc) medusa_return_option_new_from_json, error);
  if (all == NULL)
    return NULL;

  /* A store that ignores the query must not offer an outbound option. */
  options = g_list_store_new (MEDUSA_TYPE_RETURN_OPTION);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(MedusaReturnOption) option = g_list_model_get_item (G_LIST_MODEL (all), i);
      const char *option_region = medusa_return_option_get_region_id (option);

      if (medusa_return_option_get_is_return (option) &&
          (option_region == NULL || g_strcmp0 (option_region, region_id) == 0))
        g_list_store_append (options, option);
    }

  return g_steal_pointer (&options);
}

static void
on_return_options_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *region_id = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GListStore *options = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error == NULL)
    options = _medusa_returns_parse_options (root, region_id, &error);
  if (options == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, options, g_object_unref);
}

void
_medusa_v1_list_return_options (MedusaClient *self,
                                GTask        *task,
                                const char   *order_id,
                                const char   *region_id)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  if (region_id == NULL || *region_id == '\0')
    {
      g_task_return_pointer (task, g_list_store_new (MEDUSA_TYPE_RETURN_OPTION), g_object_unref);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, g_strdup (region_id), g_free);

  /* Exactly "true": "1" passes the store's validation but lists the
   * outbound options (measured on 1.20.11). */
  escaped = g_uri_escape_string (region_id, NULL, FALSE);
  query = g_strdup_printf ("is_return=true&region_id=%s", escaped);
  medusa_client_request_async (self, "GET", "/store/shipping-options", query, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_return_options_cb, task);
}

void
medusa_client_list_return_options_async (MedusaClient        *self,
                                         const char          *region_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (region_id != NULL && *region_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_return_options_async);
  _medusa_client_get_dialect (self)->list_return_options (self, task, NULL, region_id);
}

GListModel *
medusa_client_list_return_options_finish (MedusaClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_return_options_async, error);
}

void
medusa_client_list_order_return_options_async (MedusaClient        *self,
                                               const char          *order_id,
                                               const char          *region_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_order_return_options_async);
  _medusa_client_get_dialect (self)->list_return_options (self, task, order_id, region_id);
}

GListModel *
medusa_client_list_order_return_options_finish (MedusaClient  *self,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_order_return_options_async,
                                           error);
}

/* An order's returns */

#define ORDER_RETURNS_QUERY \
  "fields=id&expand=returns,returns.items,returns.items.reason,returns.shipping_method&limit=1&id="

GListStore *
_medusa_returns_parse_order_returns (JsonNode    *root,
                                     const char  *order_id,
                                     GError     **error)
{
  JsonArray *orders = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }
  if (!medusa_json_read_array (json_node_get_object (root), "orders", &orders, error))
    return NULL;
  if (orders == NULL)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (orders) && i < 10; i++)
    {
      JsonNode *node = json_array_get_element (orders, i);
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      /* not json_object_get_string_member_with_default(): an id that is an
       * object or an array is a critical there */
      id = medusa_json_dup_string_member (json_node_get_object (node), "id");
      if (g_strcmp0 (id, order_id) != 0)
        continue;

      return read_bounded (json_node_get_object (node), "returns", MEDUSA_TYPE_RETURN,
                           (MedusaJsonModelFunc) medusa_return_new_from_json, error);
    }

  g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND,
               "The order is not one of the customer's orders");
  return NULL;
}

static void
on_order_returns_cb (GObject      *source,
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
    returns = _medusa_returns_parse_order_returns (root, order_id, &error);
  if (returns == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, returns, g_object_unref);
}

void
_medusa_v1_list_order_returns (MedusaClient *self,
                               GTask        *task,
                               const char   *order_id)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_task_set_task_data (task, g_strdup (order_id), g_free);

  escaped = g_uri_escape_string (order_id, NULL, FALSE);
  query = g_strconcat (ORDER_RETURNS_QUERY, escaped, NULL);
  medusa_client_request_async (self, "GET", "/store/customers/me/orders", query, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_order_returns_cb, task);
}

void
medusa_client_list_order_returns_async (MedusaClient        *self,
                                        const char          *order_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_order_returns_async);
  _medusa_client_get_dialect (self)->list_order_returns (self, task, order_id);
}

GListModel *
medusa_client_list_order_returns_finish (MedusaClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_order_returns_async, error);
}

/* MedusaReturnRequest */

typedef struct
{
  char   *item_id;
  gint64  quantity;
  char   *reason_id; /* (nullable) */
  char   *note;      /* (nullable) */
} RequestItem;

static void
request_item_free (RequestItem *item)
{
  g_free (item->item_id);
  g_free (item->reason_id);
  g_free (item->note);
  g_free (item);
}

struct _MedusaReturnRequest
{
  GObject parent_instance;

  char       *order_id;
  char       *idempotency_key;
  char       *option_id;        /* (nullable) */
  GPtrArray  *items;            /* of RequestItem */
  GHashTable *known_ids;        /* return ids the order had before */
  GPtrArray  *unknown_attempts; /* of GPtrArray of RequestItem: the items of
                                 * each attempt whose outcome was unknown */
  GListModel *known_returns;    /* (nullable) the order's returns before:
                                 * how many of each item were asked back */
  gboolean    outcome_unknown;
};

G_DEFINE_FINAL_TYPE (MedusaReturnRequest, medusa_return_request, G_TYPE_OBJECT)

static void
medusa_return_request_finalize (GObject *object)
{
  MedusaReturnRequest *self = MEDUSA_RETURN_REQUEST (object);

  g_free (self->order_id);
  g_free (self->idempotency_key);
  g_free (self->option_id);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->known_ids);
  g_ptr_array_unref (self->unknown_attempts);
  g_clear_object (&self->known_returns);

  G_OBJECT_CLASS (medusa_return_request_parent_class)->finalize (object);
}

static void
medusa_return_request_class_init (MedusaReturnRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = medusa_return_request_finalize;
}

static void
medusa_return_request_init (MedusaReturnRequest *self)
{
  self->idempotency_key = g_uuid_string_random ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) request_item_free);
  self->known_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unknown_attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

MedusaReturnRequest *
medusa_return_request_new (const char *order_id)
{
  MedusaReturnRequest *self;

  g_return_val_if_fail (order_id != NULL && *order_id != '\0', NULL);

  self = g_object_new (MEDUSA_TYPE_RETURN_REQUEST, NULL);
  self->order_id = g_strdup (order_id);
  return self;
}

const char *
medusa_return_request_get_order_id (MedusaReturnRequest *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), NULL);
  return self->order_id;
}

const char *
medusa_return_request_get_idempotency_key (MedusaReturnRequest *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), NULL);
  return self->idempotency_key;
}

void
medusa_return_request_clear_items (MedusaReturnRequest *self)
{
  g_return_if_fail (MEDUSA_IS_RETURN_REQUEST (self));
  g_ptr_array_set_size (self->items, 0);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
medusa_return_request_add_item (MedusaReturnRequest *self,
                                const char          *item_id,
                                gint64               quantity,
                                const char          *reason_id,
                                const char          *note)
{
  RequestItem *item;

  g_return_if_fail (MEDUSA_IS_RETURN_REQUEST (self));
  g_return_if_fail (item_id != NULL && *item_id != '\0');
  g_return_if_fail (quantity >= 1);

  item = g_new0 (RequestItem, 1);
  item->item_id = g_strdup (item_id);
  item->quantity = quantity;
  item->reason_id = dup_nonempty (reason_id);
  item->note = dup_nonempty (note);
  g_ptr_array_add (self->items, item);
}

guint
medusa_return_request_get_n_items (MedusaReturnRequest *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), 0);
  return self->items->len;
}

void
medusa_return_request_set_option_id (MedusaReturnRequest *self,
                                     const char          *option_id)
{
  g_return_if_fail (MEDUSA_IS_RETURN_REQUEST (self));
  g_free (self->option_id);
  self->option_id = dup_nonempty (option_id);
}

void
medusa_return_request_set_known_returns (MedusaReturnRequest *self,
                                         GListModel          *returns)
{
  g_return_if_fail (MEDUSA_IS_RETURN_REQUEST (self));
  g_return_if_fail (returns == NULL || G_IS_LIST_MODEL (returns));

  if (returns != NULL && self->known_returns == NULL)
    self->known_returns = g_object_ref (returns);

  for (guint i = 0; returns != NULL && i < g_list_model_get_n_items (returns); i++)
    {
      g_autoptr(MedusaReturn) ret = g_list_model_get_item (returns, i);

      g_hash_table_add (self->known_ids, g_strdup (medusa_return_get_id (ret)));
    }
}

gboolean
medusa_return_request_get_outcome_unknown (MedusaReturnRequest *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), FALSE);
  return self->outcome_unknown;
}

JsonNode *
medusa_return_request_to_json (MedusaReturnRequest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order_id");
  json_builder_add_string_value (builder, self->order_id);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      RequestItem *item = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item_id");
      json_builder_add_string_value (builder, item->item_id);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, item->quantity);
      if (item->reason_id != NULL)
        {
          json_builder_set_member_name (builder, "reason_id");
          json_builder_add_string_value (builder, item->reason_id);
        }
      if (item->note != NULL)
        {
          json_builder_set_member_name (builder, "note");
          json_builder_add_string_value (builder, item->note);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (self->option_id != NULL)
    {
      json_builder_set_member_name (builder, "return_shipping");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "option_id");
      json_builder_add_string_value (builder, self->option_id);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Has @ret exactly the items @sent (ids and quantities)? */
static gboolean
items_match (GPtrArray    *sent,
             MedusaReturn *ret)
{
  GListModel *items = medusa_return_get_items (ret);

  if (medusa_return_is_canceled (ret) || g_list_model_get_n_items (items) != sent->len)
    return FALSE;

  for (guint i = 0; i < sent->len; i++)
    {
      RequestItem *item = g_ptr_array_index (sent, i);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (items) && !found; j++)
        {
          g_autoptr(MedusaReturnItem) have = g_list_model_get_item (items, j);

          found = g_strcmp0 (medusa_return_item_get_item_id (have), item->item_id) == 0 &&
                  medusa_return_item_get_quantity (have) == item->quantity;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
return_has_item (MedusaReturn *ret,
                 const char   *item_id)
{
  GListModel *items = medusa_return_get_items (ret);

  for (guint j = 0; j < g_list_model_get_n_items (items); j++)
    {
      g_autoptr(MedusaReturnItem) have = g_list_model_get_item (items, j);

      if (g_strcmp0 (medusa_return_item_get_item_id (have), item_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Has @ret the items of this attempt or of any earlier one whose outcome
 * was unknown? The form may change between attempts (another quantity,
 * another item): the return an earlier attempt made has its items, not
 * the new ones, and must still be found, or a retry asks twice. */
static gboolean
request_matches (MedusaReturnRequest *self,
                 MedusaReturn        *ret)
{
  if (items_match (self->items, ret))
    return TRUE;
  for (guint i = 0; i < self->unknown_attempts->len; i++)
    if (items_match (g_ptr_array_index (self->unknown_attempts, i), ret))
      return TRUE;
  return FALSE;
}

static RequestItem *
request_item_copy (const RequestItem *item)
{
  RequestItem *copy = g_new0 (RequestItem, 1);

  copy->item_id = g_strdup (item->item_id);
  copy->quantity = item->quantity;
  copy->reason_id = g_strdup (item->reason_id);
  copy->note = g_strdup (item->note);
  return copy;
}

/* Keeps the items of an attempt whose outcome is unknown (at most a few:
 * a person does not retry a hundred times; the oldest go first). */
static void
remember_unknown_attempt (MedusaReturnRequest *self)
{
  GPtrArray *sent = g_ptr_array_new_with_free_func ((GDestroyNotify) request_item_free);

  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (sent, request_item_copy (g_ptr_array_index (self->items, i)));
  if (self->unknown_attempts->len >= 16)
    g_ptr_array_remove_index (self->unknown_attempts, 0);
  g_ptr_array_add (self->unknown_attempts, sent);
}

/* Could the store have made the return although the answer says otherwise? */
static gboolean
outcome_unknown_after (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_CONFLICT) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
}

static void
on_post_return_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaReturnRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  if (error == NULL)
    {
      const MedusaDialect *dialect = _medusa_client_get_dialect (MEDUSA_CLIENT (source));
      JsonObject *object = medusa_json_get_object_member (root, "return", &error);
      g_autoptr(JsonObject) normalized = NULL;

      if (object != NULL && dialect->normalize_return_json != NULL)
        object = normalized = dialect->normalize_return_json (object, &error);
      if (object != NULL)
        ret = medusa_return_new_from_json (object, &error);
      if (ret == NULL && error == NULL)
        _medusa_client_set_parse_error (&error);
    }
  if (error != NULL)
    {
      const MedusaDialect *dialect = _medusa_client_get_dialect (MEDUSA_CLIENT (source));

      if (dialect->map_return_error != NULL)
        error = dialect->map_return_error (error);
      request->outcome_unknown = outcome_unknown_after (error);
      if (request->outcome_unknown)
        remember_unknown_attempt (request);
      g_task_return_error (task, error);
      return;
    }

  request->outcome_unknown = FALSE;
  g_hash_table_add (request->known_ids, g_strdup (medusa_return_get_id (ret)));
  g_task_return_pointer (task, g_steal_pointer (&ret), g_object_unref);
}

static void
post_return (GTask *task)
{
  MedusaClient *client = g_task_get_source_object (task);
  MedusaReturnRequest *request = g_task_get_task_data (task);
  const MedusaDialect *dialect = _medusa_client_get_dialect (client);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  body = dialect->build_return_body != NULL ? dialect->build_return_body (request, &error)
                                            : medusa_return_request_to_json (request);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _medusa_client_request_keyed_async (client, "POST", "/store/returns", body,
                                      request->idempotency_key, g_task_get_cancellable (task),
                                      on_post_return_cb, task);
}

static void
on_check_returns_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaReturnRequest *request = g_task_get_task_data (task);
  g_autoptr(GListModel) returns = NULL;
  GError *error = NULL;

  returns = medusa_client_list_order_returns_finish (MEDUSA_CLIENT (source), result, &error);
  if (returns == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (returns); i++)
    {
      g_autoptr(MedusaReturn) ret = g_list_model_get_item (returns, i);

      if (!g_hash_table_contains (request->known_ids, medusa_return_get_id (ret)) &&
          request_matches (request, ret))
        {
          /* The earlier attempt made it: that is the answer. */
          request->outcome_unknown = FALSE;
          g_hash_table_add (request->known_ids, g_strdup (medusa_return_get_id (ret)));
          g_task_return_pointer (task, g_steal_pointer (&ret), g_object_unref);
          return;
        }
    }

  /* No return with exactly those items (a store that lists only how many
   * of each item were asked back, v2): did the counts grow by an uncertain
   * attempt's items since before the request? Then it made it. */
  if (request->known_returns != NULL)
    for (guint a = 0; a < request->unknown_attempts->len; a++)
      {
        GPtrArray *sent = g_ptr_array_index (request->unknown_attempts, a);
        gboolean made = sent->len > 0;

        for (guint i = 0; i < sent->len && made; i++)
          {
            RequestItem *item = g_ptr_array_index (sent, i);
            gint64 now = medusa_returns_count_item (returns, item->item_id);
            gint64 before = medusa_returns_count_item (request->known_returns, item->item_id);

            /* both 0 … G_MAXINT32: no overflow */
            made = now - before >= MIN (item->quantity, G_MAXINT32);
          }
        if (!made)
          continue;

        for (guint i = 0; i < g_list_model_get_n_items (returns); i++)
          {
            g_autoptr(MedusaReturn) ret = g_list_model_get_item (returns, i);
            RequestItem *first = g_ptr_array_index (sent, 0);

            if (!medusa_return_is_canceled (ret) && return_has_item (ret, first->item_id))
              {
                request->outcome_unknown = FALSE;
                g_task_return_pointer (task, g_steal_pointer (&ret), g_object_unref);
                return;
              }
          }
      }

  post_return (g_steal_pointer (&task));
}

static void
on_baseline_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaReturnRequest *request = g_task_get_task_data (task);
  g_autoptr(GListModel) returns = NULL;
  GError *error = NULL;

  returns = medusa_client_list_order_returns_finish (MEDUSA_CLIENT (source), result, &error);
  if (returns == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  medusa_return_request_set_known_returns (request, returns);
  post_return (g_steal_pointer (&task));
}

void
medusa_client_request_return_async (MedusaClient        *self,
                                    MedusaReturnRequest *request,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (MEDUSA_IS_RETURN_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_request_return_async);
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);

  if (request->items->len == 0)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                               "A return needs at least one item");
      return;
    }

  if (request->outcome_unknown)
    medusa_client_list_order_returns_async (self, request->order_id, cancellable,
                                            on_check_returns_cb, g_steal_pointer (&task));
  else if (request->known_returns == NULL &&
           !medusa_client_has_capability (self, MEDUSA_CAPABILITY_RETURN_HISTORY))
    /* Only counts to compare after an uncertain attempt: take them first. */
    medusa_client_list_order_returns_async (self, request->order_id, cancellable,
                                            on_baseline_cb, g_steal_pointer (&task));
  else
    post_return (g_steal_pointer (&task));
}

MedusaReturn *
medusa_client_request_return_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_request_return_async, error);
}

/* For the dialects (medusa-returns-private.h) */

guint
_medusa_return_request_get_item (MedusaReturnRequest  *self,
                                 guint                 index,
                                 const char          **item_id,
                                 gint64               *quantity,
                                 const char          **reason_id,
                                 const char          **note)
{
  RequestItem *item;

  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), 0);
  if (index >= self->items->len)
    return self->items->len;
  item = g_ptr_array_index (self->items, index);
  *item_id = item->item_id;
  *quantity = item->quantity;
  *reason_id = item->reason_id;
  *note = item->note;
  return self->items->len;
}

const char *
_medusa_return_request_get_option_id (MedusaReturnRequest *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REQUEST (self), NULL);
  return self->option_id;
}
