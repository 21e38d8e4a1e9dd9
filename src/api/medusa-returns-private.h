/* medusa-returns-private.h: the answers of the return routes, read without
 * a request (for the route callbacks and tests/fuzz)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "medusa-return.h"

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

G_END_DECLS
