/* medusa-order-private.h: constructors for parsers outside medusa-order.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "medusa-order.h"
#include "medusa-order-page.h"

G_BEGIN_DECLS

/* What medusa_order_copy_summary() keeps, as a parser reads it. */
typedef struct
{
  char       *id;           /* (owned) */
  gint64      display_id;
  char       *currency_code; /* (owned) (nullable) */
  double      tax_rate;
  GDateTime  *created_at;   /* (owned) (nullable) */
  GDateTime  *canceled_at;  /* (owned) (nullable) */
  gint64      subtotal;
  gint64      discount_total;
  gint64      shipping_total;
  gint64      tax_total;
  gint64      gift_card_total;
  gint64      refunded_total;
  gint64      paid_total;
  gint64      total;
  guint       status;
  guint       fulfillment_status;
  guint       payment_status;
  gint64      n_items;
} MedusaOrderSummaryFields;

/* A summary order (as medusa_order_copy_summary() makes one) taking the
 * owned members of @summary, which are cleared. */
MedusaOrder     *_medusa_order_new_summary (MedusaOrderSummaryFields *summary);

/* A page of @orders (transfer full) with these positions. */
MedusaOrderPage *_medusa_order_page_new    (GListStore               *orders,
                                            gint64                    count,
                                            gint64                    offset,
                                            gint64                    limit);

G_END_DECLS
