/* medusa-regions.c: the store's regions
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-regions"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-region.h"
#include "medusa-regions.h"

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

  _medusa_client_request_list (self, g_steal_pointer (&task), "GET", "/store/regions", NULL,
                               MEDUSA_REQUEST_ANONYMOUS, "regions", MEDUSA_TYPE_REGION,
                               (MedusaJsonModelFunc) medusa_region_new_from_json);
}

GListModel *
medusa_client_list_regions_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_regions_async, error);
}
