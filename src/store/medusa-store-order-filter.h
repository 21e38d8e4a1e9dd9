/* medusa-store-order-filter.h: which orders of the local copy to list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "medusa-enums.h"

G_BEGIN_DECLS

/* The filters of MedusaOrderQuery that the order history offers (statuses,
 * display id, created_at range, currency, region), plus the words the person
 * typed (searched in the local full-text index), limit and offset. Orders
 * are always listed newest first. */
typedef struct _MedusaStoreOrderFilter MedusaStoreOrderFilter;

#define MEDUSA_TYPE_STORE_ORDER_FILTER (medusa_store_order_filter_get_type ())
GType                   medusa_store_order_filter_get_type  (void) G_GNUC_CONST;

MedusaStoreOrderFilter *medusa_store_order_filter_new       (void);
MedusaStoreOrderFilter *medusa_store_order_filter_copy      (const MedusaStoreOrderFilter *self);
void                    medusa_store_order_filter_free      (MedusaStoreOrderFilter       *self);

/* Plain text as typed; never FTS or SQL syntax. Every word must match the
 * start of a word in the order number, a product or variant title, a SKU,
 * the shipping name or city, or a tracking number. NULL or "" unsets. */
void        medusa_store_order_filter_set_text               (MedusaStoreOrderFilter *self,
                                                              const char             *text);
const char *medusa_store_order_filter_get_text               (const MedusaStoreOrderFilter *self);
/* Several values of one kind match any of them; *_UNKNOWN is ignored. */
void        medusa_store_order_filter_add_status             (MedusaStoreOrderFilter *self,
                                                              MedusaOrderStatus       status);
void        medusa_store_order_filter_add_fulfillment_status (MedusaStoreOrderFilter *self,
                                                              MedusaFulfillmentStatus status);
void        medusa_store_order_filter_add_payment_status     (MedusaStoreOrderFilter *self,
                                                              MedusaPaymentStatus     status);
/* Exact order number ("1042"); NULL or "" unsets. */
void        medusa_store_order_filter_set_display_id         (MedusaStoreOrderFilter *self,
                                                              const char             *display_id);
void        medusa_store_order_filter_set_currency_code      (MedusaStoreOrderFilter *self,
                                                              const char             *currency_code);
void        medusa_store_order_filter_set_region_id          (MedusaStoreOrderFilter *self,
                                                              const char             *region_id);
/* created_at >= @from and created_at < @until; NULL leaves that side open. */
void        medusa_store_order_filter_set_created_range      (MedusaStoreOrderFilter *self,
                                                              GDateTime              *from,
                                                              GDateTime              *until);
/* -1 (the default): all; offset 0 by default. */
void        medusa_store_order_filter_set_limit              (MedusaStoreOrderFilter *self,
                                                              int                     limit);
void        medusa_store_order_filter_set_offset             (MedusaStoreOrderFilter *self,
                                                              guint                   offset);

/* The FTS5 MATCH expression for @text: each word that has a letter or digit
 * becomes one quoted string with a prefix star ("mu"*), so that quotes,
 * stars, colons, parentheses, AND/OR/NOT/NEAR and minus signs are searched
 * as text. NULL when @text has no such word. */
char       *medusa_store_fts_query_from_text                 (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaStoreOrderFilter, medusa_store_order_filter_free)

G_END_DECLS
