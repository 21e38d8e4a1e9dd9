/* medusa-orders-v2.h: the order history of a Medusa v2 store, answered in
 * the v1 shape
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /store/orders of Medusa 2.21 filters only by id and status, sorts
 * oldest first unless told, and sends amounts in major units. These ops
 * send what it takes (order=-created_at, status[], id, fields), apply the
 * other filters of a MedusaOrderQuery to the fetched rows, convert every
 * order with medusa_order_v2_to_v1_json() (the currency's digits from
 * GET /store/currencies/{code}) and answer the bytes of a v1 page
 * {"orders","count","offset","limit"} or of {"order": {...}}: what the v1
 * routes answer, so every reader above stays the same.
 */
#pragma once

#include "medusa-client-private.h"
#include "medusa-order-query.h"

G_BEGIN_DECLS

/* What a dialect's list_orders returns on its task. */
typedef struct
{
  GBytes *json;          /* (owned) (nullable): the v1 page; NULL when not modified */
  char   *etag;          /* (owned) (nullable): of the store's answer */
} MedusaOrdersJson;

void      medusa_orders_json_free            (MedusaOrdersJson       *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaOrdersJson, medusa_orders_json_free)

/* Rows fetched per request when the filters are applied here, and the most
 * rows read to answer one query (a larger history needs the local copy). */
#define MEDUSA_V2_ORDERS_PAGE      200
#define MEDUSA_V2_ORDERS_MAX_SCAN  10000

/* The dialect ops (medusa-dialect-private.h). @task returns a
 * MedusaOrdersJson (list) or the GBytes of {"order": {...}} (get: the
 * signed-in customer's order only; MEDUSA_ERROR_NOT_FOUND otherwise). */
void      _medusa_v2_list_orders             (MedusaClient           *self,
                                              GTask                  *task,
                                              const MedusaOrderQuery *query,
                                              const char             *if_none_match);
void      _medusa_v2_get_order               (MedusaClient           *self,
                                              GTask                  *task,
                                              const char             *order_id);

/* TRUE when @query has a filter the v2 store cannot apply (q, display_id,
 * dates, payment or fulfillment status, email, region, currency, cart,
 * tax rate): the rows are then filtered here. */
gboolean  _medusa_v2_orders_query_is_local   (const MedusaOrderQuery *query);
/* Whether the v1-shaped @order passes every filter of @query (limit and
 * offset aside); "q" as the local copy's search: every word starts a word
 * of the order number, a product or variant title, a SKU, the shipping
 * name or city, or a tracking number. */
gboolean  _medusa_v2_order_matches           (const MedusaOrderQuery *query,
                                              JsonObject             *order);
/* The v2 query string (without offset/limit) of @query: order, id,
 * status[], fields. */
char     *_medusa_v2_orders_base_query       (const MedusaOrderQuery *query);

G_END_DECLS
