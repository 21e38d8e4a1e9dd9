/* medusa-addresses.c: the customer's address book
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-addresses"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-addresses.h"
#include "medusa-client-private.h"
#include "medusa-error.h"

/* The answer of every address route is {"customer": {...}}. */
static void
on_customer_response_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  MedusaCustomer *customer = NULL;
  JsonObject *object;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error == NULL)
    {
      object = medusa_json_get_object_member (root, "customer", &error);
      if (object != NULL)
        customer = medusa_customer_new_from_json (object, &error);
    }

  if (customer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, customer, g_object_unref);
}

static char *
address_path (const char *address_id)
{
  g_autofree char *escaped = g_uri_escape_string (address_id, NULL, TRUE);

  return g_strconcat ("/store/customers/me/addresses/", escaped, NULL);
}

static MedusaCustomer *
customer_finish (MedusaClient  *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medusa_client_add_address_async:
 * @self: a #MedusaClient
 * @address: the new address (its set fields are sent)
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Adds a shipping address to the signed-in customer.
 */
void
medusa_client_add_address_async (MedusaClient             *self,
                                  const MedusaAddressInput *address,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *wrapper;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_add_address_async);

  /* The server rejects the fields unwrapped: they go in {"address": ...}. */
  wrapper = json_object_new ();
  json_object_set_member (wrapper, "address", medusa_address_input_to_json (address));
  body = json_node_init_object (json_node_alloc (), wrapper);
  json_object_unref (wrapper);

  /* Not idempotent: a repeated POST would add the address twice. */
  medusa_client_request_async (self, "POST", "/store/customers/me/addresses", NULL, body,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_customer_response_cb, g_steal_pointer (&task));
}

MedusaCustomer *
medusa_client_add_address_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return customer_finish (self, result, medusa_client_add_address_async, error);
}

/**
 * medusa_client_update_address_async:
 * @self: a #MedusaClient
 * @address_id: the id of a saved address
 * @address: the changed fields ("" or %NULL clears an optional one)
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Changes a saved shipping address.
 */
void
medusa_client_update_address_async (MedusaClient             *self,
                                     const char               *address_id,
                                     const MedusaAddressInput *address,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL && *address_id != '\0');
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_update_address_async);

  body = medusa_address_input_to_json (address);
  path = address_path (address_id);

  /* Setting the same fields again gives the same address: safe to repeat. */
  medusa_client_request_async (self, "POST", path, NULL, body,
                               MEDUSA_REQUEST_IDEMPOTENT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_customer_response_cb, g_steal_pointer (&task));
}

MedusaCustomer *
medusa_client_update_address_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return customer_finish (self, result, medusa_client_update_address_async, error);
}

/**
 * medusa_client_delete_address_async:
 * @self: a #MedusaClient
 * @address_id: the id of a saved address
 * @cancellable: (nullable): a #GCancellable
 * @callback: a callback
 * @user_data: data for @callback
 *
 * Deletes a saved shipping address.
 */
void
medusa_client_delete_address_async (MedusaClient        *self,
                                     const char          *address_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL && *address_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_delete_address_async);

  path = address_path (address_id);
  medusa_client_request_async (self, "DELETE", path, NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_customer_response_cb, g_steal_pointer (&task));
}

MedusaCustomer *
medusa_client_delete_address_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return customer_finish (self, result, medusa_client_delete_address_async, error);
}
