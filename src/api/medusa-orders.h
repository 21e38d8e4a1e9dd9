/* medusa-orders.h: one order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* GET /store/orders/{id} (all relations the details page shows) */
void         medusa_client_retrieve_order_async   (MedusaClient        *self,
                                                   const char          *order_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MedusaOrder *medusa_client_retrieve_order_finish  (MedusaClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
