/* medusa-order-query.h: every filter of GET /store/customers/me/orders
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "medusa-enums.h"

G_BEGIN_DECLS

typedef enum
{
  MEDUSA_ORDER_DATE_CREATED_AT,
  MEDUSA_ORDER_DATE_UPDATED_AT,
  MEDUSA_ORDER_DATE_CANCELED_AT,
} MedusaOrderDateField;

typedef enum
{
  MEDUSA_ORDER_DATE_LT,
  MEDUSA_ORDER_DATE_GT,
  MEDUSA_ORDER_DATE_LTE,
  MEDUSA_ORDER_DATE_GTE,
} MedusaOrderDateOp;

typedef struct _MedusaOrderQuery MedusaOrderQuery;

#define MEDUSA_TYPE_ORDER_QUERY (medusa_order_query_get_type ())
GType             medusa_order_query_get_type          (void) G_GNUC_CONST;

MedusaOrderQuery *medusa_order_query_new               (void);
MedusaOrderQuery *medusa_order_query_copy              (const MedusaOrderQuery *self);
void              medusa_order_query_free              (MedusaOrderQuery       *self);
gboolean          medusa_order_query_equal             (const MedusaOrderQuery *a,
                                                        const MedusaOrderQuery *b);

/* String filters; NULL or "" unsets. */
void              medusa_order_query_set_q             (MedusaOrderQuery *self, const char *q);
const char       *medusa_order_query_get_q             (const MedusaOrderQuery *self);
void              medusa_order_query_set_id            (MedusaOrderQuery *self, const char *id);
void              medusa_order_query_set_display_id    (MedusaOrderQuery *self, const char *display_id);
const char       *medusa_order_query_get_display_id    (const MedusaOrderQuery *self);
void              medusa_order_query_set_cart_id       (MedusaOrderQuery *self, const char *cart_id);
void              medusa_order_query_set_email         (MedusaOrderQuery *self, const char *email);
void              medusa_order_query_set_region_id     (MedusaOrderQuery *self, const char *region_id);
void              medusa_order_query_set_currency_code (MedusaOrderQuery *self, const char *currency_code);
void              medusa_order_query_set_tax_rate      (MedusaOrderQuery *self, const char *tax_rate);
/* Comma lists as the API takes them ("items,region"); NULL unsets. */
void              medusa_order_query_set_expand        (MedusaOrderQuery *self, const char *expand);
void              medusa_order_query_set_fields        (MedusaOrderQuery *self, const char *fields);

/* Multi-valued filters: status[]=a&status[]=b. Adding twice is a no-op;
 * *_UNKNOWN is ignored. */
void              medusa_order_query_add_status             (MedusaOrderQuery *self, MedusaOrderStatus status);
void              medusa_order_query_add_fulfillment_status (MedusaOrderQuery *self, MedusaFulfillmentStatus status);
void              medusa_order_query_add_payment_status     (MedusaOrderQuery *self, MedusaPaymentStatus status);
void              medusa_order_query_clear_statuses         (MedusaOrderQuery *self);
gboolean          medusa_order_query_has_status             (const MedusaOrderQuery *self, MedusaOrderStatus status);
gboolean          medusa_order_query_has_fulfillment_status (const MedusaOrderQuery *self, MedusaFulfillmentStatus status);
gboolean          medusa_order_query_has_payment_status     (const MedusaOrderQuery *self, MedusaPaymentStatus status);

/* created_at[gte]=<ISO 8601>; @when NULL unsets that bound. */
void              medusa_order_query_set_date          (MedusaOrderQuery     *self,
                                                        MedusaOrderDateField  field,
                                                        MedusaOrderDateOp     op,
                                                        GDateTime            *when);
GDateTime        *medusa_order_query_get_date          (const MedusaOrderQuery *self,
                                                        MedusaOrderDateField    field,
                                                        MedusaOrderDateOp       op);

/* limit 0 means "no limit" on the server; -1 (the default) sends nothing. */
void              medusa_order_query_set_limit         (MedusaOrderQuery *self, int limit);
int               medusa_order_query_get_limit         (const MedusaOrderQuery *self);
void              medusa_order_query_set_offset        (MedusaOrderQuery *self, guint offset);
guint             medusa_order_query_get_offset        (const MedusaOrderQuery *self);

/* TRUE when any filter (not limit/offset/expand/fields) is set. */
gboolean          medusa_order_query_has_filters       (const MedusaOrderQuery *self);

/* The exact query string, without '?', in a fixed order:
 * q, id, display_id, status[], fulfillment_status[], payment_status[],
 * created_at[lt|gt|lte|gte], updated_at[..], canceled_at[..], cart_id, email,
 * region_id, currency_code, tax_rate, offset, limit, expand, fields.
 * Brackets are sent raw; values are percent-encoded ('+' → %2B, ' ' → %20);
 * dates as ISO 8601 with their offset. "" when nothing is set. */
char             *medusa_order_query_to_string         (const MedusaOrderQuery *self);

/* Getters of the filters a dialect reads to send or apply them. */
const char       *medusa_order_query_get_id            (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_cart_id       (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_email         (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_region_id     (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_currency_code (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_tax_rate      (const MedusaOrderQuery *self);
const char       *medusa_order_query_get_fields        (const MedusaOrderQuery *self);
gboolean          medusa_order_query_has_any_status             (const MedusaOrderQuery *self);
gboolean          medusa_order_query_has_any_fulfillment_status (const MedusaOrderQuery *self);
gboolean          medusa_order_query_has_any_payment_status     (const MedusaOrderQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaOrderQuery, medusa_order_query_free)

G_END_DECLS
