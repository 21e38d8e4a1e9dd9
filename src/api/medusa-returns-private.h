/* medusa-returns-private.h: the answers of the return routes, read without
 * a request (for the route callbacks and tests/fuzz)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "medusa-return.h"
#include "medusa-returns.h"

G_BEGIN_DECLS

/* The answer of GET /store/shipping-options?is_return=true&region_id=@region_id:
 * the return options of that region (GListStore of MedusaReturnOption), or
 * NULL and MEDUSA_ERROR_PARSE. @root may be NULL (an empty answer). */
GListStore *_medusa_returns_parse_options       (JsonNode    *root,
                                                 const char  *region_id,
                                                 GError     **error);
/* The answer of GET /store/customers/me/orders?id=@order_id&expand=returns,…:
 * the returns of that order (GListStore of MedusaReturn), or NULL and
 * MEDUSA_ERROR_PARSE, or MEDUSA_ERROR_NOT_FOUND when the order is not in it. */
GListStore *_medusa_returns_parse_order_returns (JsonNode    *root,
                                                 const char  *order_id,
                                                 GError     **error);

/* The request's item @index (borrowed strings, reason and note nullable);
 * returns the number of items (nothing is set when @index is past them). */
guint       _medusa_return_request_get_item      (MedusaReturnRequest  *self,
                                                  guint                 index,
                                                  const char          **item_id,
                                                  gint64               *quantity,
                                                  const char          **reason_id,
                                                  const char          **note);
const char *_medusa_return_request_get_option_id (MedusaReturnRequest  *self);

/* Medusa v2 (medusa-returns-v2.c): the return options of GET
 * /store/shipping-options?cart_id=&is_return=true (only those with the
 * is_return rule; amounts in minor units of @currency_code), and the
 * order's asked-back counts of GET /store/orders/{id} as at most two
 * summary returns ("<order id>/requested", "<order id>/received"). */
GListStore *_medusa_v2_returns_parse_options      (JsonNode    *root,
                                                   const char  *currency_code,
                                                   GError     **error);
GListStore *_medusa_v2_returns_parse_order_summary (JsonNode   *root,
                                                   const char  *order_id,
                                                   GError     **error);

G_END_DECLS
