/* medusa-regions.h: the store's regions
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"

G_BEGIN_DECLS

/* GET /store/regions → GListModel of MedusaRegion */
void        medusa_client_list_regions_async  (MedusaClient        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GListModel *medusa_client_list_regions_finish (MedusaClient        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
