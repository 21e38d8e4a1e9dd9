/* medusa-returns.h: asking the store to take items of an order back
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "medusa-client.h"
#include "medusa-return.h"

G_BEGIN_DECLS

/* GET /store/return-reasons: the top-level reasons, each with its children
 * (GListModel of MedusaReturnReason). */
void        medusa_client_list_return_reasons_async  (MedusaClient        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel *medusa_client_list_return_reasons_finish (MedusaClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET /store/shipping-options?is_return=true&region_id=@region_id: the
 * return shipping options of the region (GListModel of MedusaReturnOption;
 * an option that is not a return option or of another region is dropped). */
void        medusa_client_list_return_options_async  (MedusaClient        *self,
                                                      const char          *region_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel *medusa_client_list_return_options_finish (MedusaClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The return shipping options for order @order_id in @region_id (nullable)
 * on any store: v1 asks by region, v2 by the order's cart (see HACKING.md,
 * "v2 transfer and returns"). GListModel of MedusaReturnOption. */
void        medusa_client_list_order_return_options_async  (MedusaClient        *self,
                                                            const char          *order_id,
                                                            const char          *region_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel *medusa_client_list_order_return_options_finish (MedusaClient        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* The returns of one of the customer's orders (GListModel of MedusaReturn,
 * oldest first). GET /store/orders/{id} cannot expand them in 1.20.11, so
 * this is GET /store/customers/me/orders?id=…&expand=returns,… (signed in). */
void        medusa_client_list_order_returns_async   (MedusaClient        *self,
                                                      const char          *order_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel *medusa_client_list_order_returns_finish  (MedusaClient        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

#define MEDUSA_TYPE_RETURN_REQUEST (medusa_return_request_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnRequest, medusa_return_request, MEDUSA, RETURN_REQUEST, GObject)

/* One return being asked for, across the attempts to send it: it has one
 * Idempotency-Key for its whole life, and remembers whether an attempt may
 * have reached the store (a timeout, a lost connection, a 5xx). */
MedusaReturnRequest *medusa_return_request_new              (const char          *order_id);
const char          *medusa_return_request_get_order_id     (MedusaReturnRequest *self);
const char          *medusa_return_request_get_idempotency_key (MedusaReturnRequest *self);
/* Replaces the items (the form may change between attempts). */
void                 medusa_return_request_clear_items      (MedusaReturnRequest *self);
void                 medusa_return_request_add_item         (MedusaReturnRequest *self,
                                                             const char          *item_id,
                                                             gint64               quantity,
                                                             const char          *reason_id,
                                                             const char          *note);
guint                medusa_return_request_get_n_items      (MedusaReturnRequest *self);
/* NULL: no return shipping. */
void                 medusa_return_request_set_option_id    (MedusaReturnRequest *self,
                                                             const char          *option_id);
/* The returns the order had before this request (their ids are never taken
 * for the answer of an attempt whose outcome was unknown). */
void                 medusa_return_request_set_known_returns (MedusaReturnRequest *self,
                                                             GListModel          *returns);
/* TRUE after an attempt whose outcome is unknown: the next one looks for the
 * return in the order first. */
gboolean             medusa_return_request_get_outcome_unknown (MedusaReturnRequest *self);
/* The body of POST /store/returns. */
JsonNode            *medusa_return_request_to_json          (MedusaReturnRequest *self);

/* POST /store/returns with the request's Idempotency-Key. After an attempt
 * whose outcome is unknown it first lists the order's returns and answers
 * with a new one that has exactly the request's items, so a retry never
 * asks twice. */
void          medusa_client_request_return_async  (MedusaClient        *self,
                                                   MedusaReturnRequest *request,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MedusaReturn *medusa_client_request_return_finish (MedusaClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
