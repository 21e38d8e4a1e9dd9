/* medusa-order-returns.h: the "Returns" group of an order's page
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-order.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_RETURNS (medusa_order_returns_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderReturns, medusa_order_returns, MEDUSA, ORDER_RETURNS, AdwBin)

/* The order's returns and their state, and "Request a Return…" when the
 * order allows one. Loads the returns itself; NULL hides the group. */
void medusa_order_returns_set_session (MedusaOrderReturns *self,
                                       MedusaSession      *session);
void medusa_order_returns_set_order   (MedusaOrderReturns *self,
                                       MedusaOrder        *order);

G_END_DECLS
