/* medusa-addresses.c: the customer's address book
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-addresses"

#include "config.h"

#include "medusa-addresses.h"
#include "medusa-client-private.h"
#include "medusa-dialect-private.h"

static char *
address_path (const char *address_id)
{
  g_autofree char *escaped = g_uri_escape_string (address_id, NULL, TRUE);

  return g_strconcat ("/store/customers/me/addresses/", escaped, NULL);
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

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_add_address_async);

  _medusa_client_get_dialect (self)->add_address (self, g_steal_pointer (&task), address);
}

void
_medusa_v1_add_address (MedusaClient             *self,
                        GTask                    *task,
                        const MedusaAddressInput *address)
{
  g_autoptr(JsonNode) body = NULL;
  JsonObject *wrapper;

  /* The server rejects the fields unwrapped: they go in {"address": ...}. */
  wrapper = json_object_new ();
  json_object_set_member (wrapper, "address", medusa_address_input_to_json (address));
  body = json_node_init_object (json_node_alloc (), wrapper);
  json_object_unref (wrapper);

  /* Not idempotent: a repeated POST would add the address twice. */
  _medusa_client_request_customer (self, task,
                                   "POST", "/store/customers/me/addresses", body,
                                   MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT);
}

MedusaCustomer *
medusa_client_add_address_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_add_address_async, error);
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

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL && *address_id != '\0');
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_update_address_async);

  _medusa_client_get_dialect (self)->update_address (self, g_steal_pointer (&task),
                                                      address_id, address);
}

void
_medusa_v1_update_address (MedusaClient             *self,
                           GTask                    *task,
                           const char               *address_id,
                           const MedusaAddressInput *address)
{
  g_autoptr(JsonNode) body = medusa_address_input_to_json (address);
  g_autofree char *path = address_path (address_id);

  /* Setting the same fields again gives the same address: safe to repeat. */
  _medusa_client_request_customer (self, task, "POST", path, body,
                                   MEDUSA_REQUEST_IDEMPOTENT, MEDUSA_ERROR_CONTEXT_DEFAULT);
}

MedusaCustomer *
medusa_client_update_address_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_update_address_async, error);
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

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (address_id != NULL && *address_id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_delete_address_async);

  _medusa_client_get_dialect (self)->delete_address (self, g_steal_pointer (&task), address_id);
}

void
_medusa_v1_delete_address (MedusaClient *self,
                           GTask        *task,
                           const char   *address_id)
{
  g_autofree char *path = address_path (address_id);

  _medusa_client_request_customer (self, task, "DELETE", path, NULL,
                                   MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT);
}

MedusaCustomer *
medusa_client_delete_address_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_delete_address_async, error);
}
