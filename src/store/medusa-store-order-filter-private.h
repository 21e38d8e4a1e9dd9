/* medusa-store-order-filter-private.h: the filter's fields, for the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "medusa-store-order-filter.h"

G_BEGIN_DECLS

struct _MedusaStoreOrderFilter
{
  char      *text;                 /* (nullable) */
  guint32    statuses;             /* bit (1 << MedusaOrderStatus) */
  guint32    fulfillment_statuses;
  guint32    payment_statuses;
  char      *display_id;           /* (nullable) */
  char      *currency_code;        /* (nullable) */
  char      *region_id;            /* (nullable) */
  GDateTime *created_from;         /* (nullable) inclusive */
  GDateTime *created_until;        /* (nullable) exclusive */
  int        limit;                /* -1: all */
  guint      offset;
};

G_END_DECLS
