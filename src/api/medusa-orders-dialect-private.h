/* medusa-orders-dialect-private.h: the order requests through the dialect
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each public call that reads orders (medusa-customers.c, medusa-orders.c,
 * medusa-receipt-order.c, medusa-account-json.c) sends the v1 route itself
 * when the dialect has no list_orders/get_order (v1: its bytes go straight
 * to the readers), and otherwise asks the dialect through these, which
 * read the dialect's v1-shaped answer with the call's own reader.
 */
#pragma once

#include "medusa-dialect-private.h"
#include "medusa-orders-v2.h"

G_BEGIN_DECLS

/* TRUE when @self's dialect answers the order requests itself. */
gboolean _medusa_client_orders_through_dialect   (MedusaClient           *self);

/* @task (consumed) returns @func's model of the page object. */
void     _medusa_dialect_list_orders_model       (MedusaClient           *self,
                                                  GTask                  *task,
                                                  const MedusaOrderQuery *query,
                                                  MedusaJsonModelFunc     func);
/* @task (consumed) returns @func's model of the page's text. */
void     _medusa_dialect_list_orders_text_model  (MedusaClient           *self,
                                                  GTask                  *task,
                                                  const MedusaOrderQuery *query,
                                                  MedusaTextModelFunc     func);
/* @task (consumed) returns @func's model of the order object. */
void     _medusa_dialect_get_order_model         (MedusaClient           *self,
                                                  GTask                  *task,
                                                  const char             *order_id,
                                                  MedusaJsonModelFunc     func);
/* The dialect's own ops with a callback: finish with
 * _medusa_dialect_list_orders_finish() (a MedusaOrdersJson) and
 * _medusa_dialect_get_order_finish() (the GBytes of {"order"}). */
void              _medusa_dialect_list_orders_async  (MedusaClient           *self,
                                                      const MedusaOrderQuery *query,
                                                      const char             *if_none_match,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
MedusaOrdersJson *_medusa_dialect_list_orders_finish (MedusaClient           *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);
void              _medusa_dialect_get_order_async    (MedusaClient           *self,
                                                      const char             *order_id,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
GBytes           *_medusa_dialect_get_order_finish   (MedusaClient           *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);

G_END_DECLS
