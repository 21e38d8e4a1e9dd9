/* medusa-receipt-order.h: the whole of one order, as a receipt needs it
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* GET /store/customers/me/orders?id=<id>&expand=<every relation>: unlike
 * GET /store/orders/{id} (medusa_client_retrieve_order_async), the answer has
 * the gift cards, the refunds and the billing address. An id the customer
 * has no order with is MEDUSA_ERROR_NOT_FOUND. */
void         medusa_client_retrieve_receipt_order_async   (MedusaClient         *self,
                                                           const char           *order_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
MedusaOrder *medusa_client_retrieve_receipt_order_finish  (MedusaClient         *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
