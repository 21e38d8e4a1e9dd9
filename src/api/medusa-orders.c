/* medusa-orders.c: one order; the store's regions
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-orders"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-client-private.h"
#include "medusa-error.h"
#include "medusa-orders.h"
#include "medusa-region.h"

static void
set_parse_error (GError **error)
{
  g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       _("The store sent a response that could not be read."));
}

/* Order */

static void
on_retrieve_order_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  MedusaOrder *order = NULL;
  JsonObject *object;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error == NULL)
    {
      object = medusa_json_get_object_member (root, "order", &error);
      if (object != NULL)
        order = medusa_order_new_from_json (object, &error);
    }

  if (order == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, order, g_object_unref);
}

/**
 * medusa_client_retrieve_order_async:
 * @self: a #MedusaClient
 * @order_id: the order's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Fetches one order. Medusa 1.20's default relations already include items,
 * fulfillments (with tracking links), shipping methods, payments, region,
 * addresses and the customer, so no `expand` is sent.
 */
void
medusa_client_retrieve_order_async (MedusaClient        *self,
                                    const char          *order_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_retrieve_order_async);

  escaped = g_uri_escape_string (order_id, NULL, TRUE);
  path = g_strconcat ("/store/orders/", escaped, NULL);

  medusa_client_request_async (self, "GET", path, NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_retrieve_order_cb, g_steal_pointer (&task));
}

MedusaOrder *
medusa_client_retrieve_order_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_client_retrieve_order_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Regions */

static void
on_list_regions_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonNode *regions;
  JsonArray *array;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  regions = (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ?
            json_object_get_member (json_node_get_object (root), "regions") : NULL;
  if (regions == NULL || !JSON_NODE_HOLDS_ARRAY (regions))
    {
      set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }

  store = g_list_store_new (MEDUSA_TYPE_REGION);
  array = json_node_get_array (regions);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(MedusaRegion) region = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          set_parse_error (&error);
          g_task_return_error (task, error);
          return;
        }

      region = medusa_region_new_from_json (json_node_get_object (element), &error);
      if (region == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      g_list_store_append (store, region);
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/**
 * medusa_client_list_regions_async:
 * @self: a #MedusaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Fetches the store's regions (their countries fill the address editor).
 */
void
medusa_client_list_regions_async (MedusaClient        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_regions_async);

  medusa_client_request_async (self, "GET", "/store/regions", NULL, NULL,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_list_regions_cb, g_steal_pointer (&task));
}

GListModel *
medusa_client_list_regions_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_client_list_regions_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
