/* medusa-order-query.c: every filter of GET /store/customers/me/orders
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "medusa-order-query.h"

#define N_DATE_FIELDS 3
#define N_DATE_OPS    4

/* Statuses are kept as bit sets indexed by the enum value, so the encoding
 * does not depend on the order in which they were added. */
struct _MedusaOrderQuery
{
  char      *q;              /* (owned) (nullable) */
  char      *id;             /* (owned) (nullable) */
  char      *display_id;     /* (owned) (nullable) */
  char      *cart_id;        /* (owned) (nullable) */
  char      *email;          /* (owned) (nullable) */
  char      *region_id;      /* (owned) (nullable) */
  char      *currency_code;  /* (owned) (nullable) */
  char      *tax_rate;       /* (owned) (nullable) */
  char      *expand;         /* (owned) (nullable) */
  char      *fields;         /* (owned) (nullable) */

  guint32    statuses;
  guint32    fulfillment_statuses;
  guint32    payment_statuses;

  GDateTime *dates[N_DATE_FIELDS][N_DATE_OPS];  /* (owned) (nullable) */

  int        limit;
  guint      offset;
};

G_DEFINE_BOXED_TYPE (MedusaOrderQuery, medusa_order_query,
                     medusa_order_query_copy, medusa_order_query_free)

static const char * const date_field_names[N_DATE_FIELDS] = {
  [MEDUSA_ORDER_DATE_CREATED_AT] = "created_at",
  [MEDUSA_ORDER_DATE_UPDATED_AT] = "updated_at",
  [MEDUSA_ORDER_DATE_CANCELED_AT] = "canceled_at",
};

static const char * const date_op_names[N_DATE_OPS] = {
  [MEDUSA_ORDER_DATE_LT] = "lt",
  [MEDUSA_ORDER_DATE_GT] = "gt",
  [MEDUSA_ORDER_DATE_LTE] = "lte",
  [MEDUSA_ORDER_DATE_GTE] = "gte",
};

/* Highest value of each status enum: the bit sets cover 1..MAX, the v2
 * values (draft, authorized, delivered, …) included: a v2 store's orders
 * are filtered by them (medusa-orders-v2.c). */
#define ORDER_STATUS_MAX       MEDUSA_ORDER_STATUS_LAST
#define FULFILLMENT_STATUS_MAX MEDUSA_FULFILLMENT_STATUS_LAST
#define PAYMENT_STATUS_MAX     MEDUSA_PAYMENT_STATUS_LAST

static void
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
date_time_equal0 (GDateTime *a,
                  GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  /* Same instant and same offset: the encoded strings are then equal too. */
  return g_date_time_equal (a, b) &&
         g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b);
}

static void
append_param (GString    *out,
              const char *key,
              const char *value)
{
  if (value == NULL)
    return;

  if (out->len > 0)
    g_string_append_c (out, '&');
  /* Keys are ours and contain only [a-z_] plus brackets, sent raw. */
  g_string_append (out, key);
  g_string_append_c (out, '=');
  /* Only the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) and ':'
   * stay as they are; everything else, including '+', ' ', '&', '=', ',',
   * '@', '[', ']' and every byte of a multi-byte UTF-8 sequence, becomes %XX
   * with upper-case hex. The server (Express + qs) decodes all of these; '+'
   * in particular must be %2B or qs reads a space. */
  g_string_append_uri_escaped (out, value, ":", FALSE);
}

/* ISO 8601 with the full "+HH:MM" offset, or "Z" for UTC.
 *
 * Not g_date_time_format_iso8601(): GLib 2.74 writes whole-hour offsets as
 * "+01" (no minutes), which Medusa 1.20 rejects with 400 "gte must be a Date
 * instance". Fractional seconds are written (6 digits) only when non-zero,
 * as GLib does; the server accepts both forms. */
static char *
format_date (GDateTime *when)
{
  g_autoptr(GString) str = g_string_new (NULL);
  /* g_date_time_format's %Y does not pad: year 36 would be "36-…", which
   * is no ISO 8601 date. Years are 1-9999 in a GDateTime. */
  g_autofree char *rest = g_date_time_format (when, "-%m-%dT%H:%M:%S");
  int usec = g_date_time_get_microsecond (when);

  g_string_append_printf (str, "%04d%s", g_date_time_get_year (when), rest);
  if (usec != 0)
    g_string_append_printf (str, ".%06d", usec);

  if (g_date_time_get_utc_offset (when) == 0)
    {
      g_string_append_c (str, 'Z');
    }
  else
    {
      g_autofree char *offset = g_date_time_format (when, "%:z");
      g_string_append (str, offset);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/**
 * medusa_order_query_new:
 *
 * Returns: (transfer full): an empty query (no filter, limit not sent)
 */
MedusaOrderQuery *
medusa_order_query_new (void)
{
  MedusaOrderQuery *self = g_new0 (MedusaOrderQuery, 1);

  self->limit = -1;

  return self;
}

/**
 * medusa_order_query_copy:
 * @self: (nullable): a query
 *
 * Returns: (transfer full) (nullable): a deep copy of @self
 */
MedusaOrderQuery *
medusa_order_query_copy (const MedusaOrderQuery *self)
{
  MedusaOrderQuery *copy;

  if (self == NULL)
    return NULL;

  copy = g_new0 (MedusaOrderQuery, 1);
  copy->q = g_strdup (self->q);
  copy->id = g_strdup (self->id);
  copy->display_id = g_strdup (self->display_id);
  copy->cart_id = g_strdup (self->cart_id);
  copy->email = g_strdup (self->email);
  copy->region_id = g_strdup (self->region_id);
  copy->currency_code = g_strdup (self->currency_code);
  copy->tax_rate = g_strdup (self->tax_rate);
  copy->expand = g_strdup (self->expand);
  copy->fields = g_strdup (self->fields);
  copy->statuses = self->statuses;
  copy->fulfillment_statuses = self->fulfillment_statuses;
  copy->payment_statuses = self->payment_statuses;
  for (guint f = 0; f < N_DATE_FIELDS; f++)
    for (guint o = 0; o < N_DATE_OPS; o++)
      copy->dates[f][o] = self->dates[f][o] ? g_date_time_ref (self->dates[f][o]) : NULL;
  copy->limit = self->limit;
  copy->offset = self->offset;

  return copy;
}

void
medusa_order_query_free (MedusaOrderQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->q);
  g_free (self->id);
  g_free (self->display_id);
  g_free (self->cart_id);
  g_free (self->email);
  g_free (self->region_id);
  g_free (self->currency_code);
  g_free (self->tax_rate);
  g_free (self->expand);
  g_free (self->fields);
  for (guint f = 0; f < N_DATE_FIELDS; f++)
    for (guint o = 0; o < N_DATE_OPS; o++)
      g_clear_pointer (&self->dates[f][o], g_date_time_unref);
  g_free (self);
}

/**
 * medusa_order_query_equal:
 *
 * Two NULL queries are equal; NULL never equals a query. Dates compare by
 * instant and UTC offset.
 */
gboolean
medusa_order_query_equal (const MedusaOrderQuery *a,
                          const MedusaOrderQuery *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a == b)
    return TRUE;

  if (g_strcmp0 (a->q, b->q) != 0 ||
      g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->display_id, b->display_id) != 0 ||
      g_strcmp0 (a->cart_id, b->cart_id) != 0 ||
      g_strcmp0 (a->email, b->email) != 0 ||
      g_strcmp0 (a->region_id, b->region_id) != 0 ||
      g_strcmp0 (a->currency_code, b->currency_code) != 0 ||
      g_strcmp0 (a->tax_rate, b->tax_rate) != 0 ||
      g_strcmp0 (a->expand, b->expand) != 0 ||
      g_strcmp0 (a->fields, b->fields) != 0)
    return FALSE;

  if (a->statuses != b->statuses ||
      a->fulfillment_statuses != b->fulfillment_statuses ||
      a->payment_statuses != b->payment_statuses)
    return FALSE;

  for (guint f = 0; f < N_DATE_FIELDS; f++)
    for (guint o = 0; o < N_DATE_OPS; o++)
      if (!date_time_equal0 (a->dates[f][o], b->dates[f][o]))
        return FALSE;

  return a->limit == b->limit && a->offset == b->offset;
}

void
medusa_order_query_set_q (MedusaOrderQuery *self,
                          const char       *q)
{
  g_return_if_fail (self != NULL);
  set_string (&self->q, q);
}

const char *
medusa_order_query_get_q (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->q;
}

void
medusa_order_query_set_id (MedusaOrderQuery *self,
                           const char       *id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->id, id);
}

void
medusa_order_query_set_display_id (MedusaOrderQuery *self,
                                   const char       *display_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->display_id, display_id);
}

const char *
medusa_order_query_get_display_id (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_id;
}

void
medusa_order_query_set_cart_id (MedusaOrderQuery *self,
                                const char       *cart_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->cart_id, cart_id);
}

void
medusa_order_query_set_email (MedusaOrderQuery *self,
                              const char       *email)
{
  g_return_if_fail (self != NULL);
  set_string (&self->email, email);
}

void
medusa_order_query_set_region_id (MedusaOrderQuery *self,
                                  const char       *region_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->region_id, region_id);
}

void
medusa_order_query_set_currency_code (MedusaOrderQuery *self,
                                      const char       *currency_code)
{
  g_return_if_fail (self != NULL);
  set_string (&self->currency_code, currency_code);
}

void
medusa_order_query_set_tax_rate (MedusaOrderQuery *self,
                                 const char       *tax_rate)
{
  g_return_if_fail (self != NULL);
  set_string (&self->tax_rate, tax_rate);
}

void
medusa_order_query_set_expand (MedusaOrderQuery *self,
                               const char       *expand)
{
  g_return_if_fail (self != NULL);
  set_string (&self->expand, expand);
}

void
medusa_order_query_set_fields (MedusaOrderQuery *self,
                               const char       *fields)
{
  g_return_if_fail (self != NULL);
  set_string (&self->fields, fields);
}

void
medusa_order_query_add_status (MedusaOrderQuery  *self,
                               MedusaOrderStatus  status)
{
  g_return_if_fail (self != NULL);

  if (status == MEDUSA_ORDER_STATUS_UNKNOWN || (guint) status > ORDER_STATUS_MAX)
    return;
  self->statuses |= 1u << status;
}

void
medusa_order_query_add_fulfillment_status (MedusaOrderQuery        *self,
                                           MedusaFulfillmentStatus  status)
{
  g_return_if_fail (self != NULL);

  if (status == MEDUSA_FULFILLMENT_STATUS_UNKNOWN || (guint) status > FULFILLMENT_STATUS_MAX)
    return;
  self->fulfillment_statuses |= 1u << status;
}

void
medusa_order_query_add_payment_status (MedusaOrderQuery    *self,
                                       MedusaPaymentStatus  status)
{
  g_return_if_fail (self != NULL);

  if (status == MEDUSA_PAYMENT_STATUS_UNKNOWN || (guint) status > PAYMENT_STATUS_MAX)
    return;
  self->payment_statuses |= 1u << status;
}

/* Clears all three status sets. */
void
medusa_order_query_clear_statuses (MedusaOrderQuery *self)
{
  g_return_if_fail (self != NULL);

  self->statuses = 0;
  self->fulfillment_statuses = 0;
  self->payment_statuses = 0;
}

gboolean
medusa_order_query_has_status (const MedusaOrderQuery *self,
                               MedusaOrderStatus       status)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint) status > ORDER_STATUS_MAX)
    return FALSE;
  return (self->statuses & (1u << status)) != 0;
}

gboolean
medusa_order_query_has_fulfillment_status (const MedusaOrderQuery  *self,
                                           MedusaFulfillmentStatus  status)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint) status > FULFILLMENT_STATUS_MAX)
    return FALSE;
  return (self->fulfillment_statuses & (1u << status)) != 0;
}

gboolean
medusa_order_query_has_payment_status (const MedusaOrderQuery *self,
                                       MedusaPaymentStatus     status)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint) status > PAYMENT_STATUS_MAX)
    return FALSE;
  return (self->payment_statuses & (1u << status)) != 0;
}

void
medusa_order_query_set_date (MedusaOrderQuery     *self,
                             MedusaOrderDateField  field,
                             MedusaOrderDateOp     op,
                             GDateTime            *when)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((guint) field < N_DATE_FIELDS);
  g_return_if_fail ((guint) op < N_DATE_OPS);

  if (when != NULL)
    g_date_time_ref (when);
  g_clear_pointer (&self->dates[field][op], g_date_time_unref);
  self->dates[field][op] = when;
}

/**
 * medusa_order_query_get_date:
 *
 * Returns: (transfer none) (nullable): the bound, or %NULL when unset
 */
GDateTime *
medusa_order_query_get_date (const MedusaOrderQuery *self,
                             MedusaOrderDateField    field,
                             MedusaOrderDateOp       op)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) field < N_DATE_FIELDS, NULL);
  g_return_val_if_fail ((guint) op < N_DATE_OPS, NULL);

  return self->dates[field][op];
}

/* Any negative @limit means "do not send" (the server answers 500 to -1). */
void
medusa_order_query_set_limit (MedusaOrderQuery *self,
                              int               limit)
{
  g_return_if_fail (self != NULL);
  self->limit = MAX (limit, -1);
}

int
medusa_order_query_get_limit (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->limit;
}

/* 0 (the server's default) is not sent. */
void
medusa_order_query_set_offset (MedusaOrderQuery *self,
                               guint             offset)
{
  g_return_if_fail (self != NULL);
  self->offset = offset;
}

guint
medusa_order_query_get_offset (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offset;
}

gboolean
medusa_order_query_has_filters (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->q != NULL || self->id != NULL || self->display_id != NULL ||
      self->cart_id != NULL || self->email != NULL || self->region_id != NULL ||
      self->currency_code != NULL || self->tax_rate != NULL)
    return TRUE;

  if (self->statuses != 0 || self->fulfillment_statuses != 0 || self->payment_statuses != 0)
    return TRUE;

  for (guint f = 0; f < N_DATE_FIELDS; f++)
    for (guint o = 0; o < N_DATE_OPS; o++)
      if (self->dates[f][o] != NULL)
        return TRUE;

  return FALSE;
}

/**
 * medusa_order_query_to_string:
 *
 * Returns: (transfer full): the query string without '?'; "" when empty
 */
char *
medusa_order_query_to_string (const MedusaOrderQuery *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  append_param (out, "q", self->q);
  append_param (out, "id", self->id);
  append_param (out, "display_id", self->display_id);

  for (guint s = 1; s <= ORDER_STATUS_MAX; s++)
    if (self->statuses & (1u << s))
      append_param (out, "status[]", medusa_order_status_to_string ((MedusaOrderStatus) s));
  for (guint s = 1; s <= FULFILLMENT_STATUS_MAX; s++)
    if (self->fulfillment_statuses & (1u << s))
      append_param (out, "fulfillment_status[]",
                    medusa_fulfillment_status_to_string ((MedusaFulfillmentStatus) s));
  for (guint s = 1; s <= PAYMENT_STATUS_MAX; s++)
    if (self->payment_statuses & (1u << s))
      append_param (out, "payment_status[]",
                    medusa_payment_status_to_string ((MedusaPaymentStatus) s));

  for (guint f = 0; f < N_DATE_FIELDS; f++)
    {
      for (guint o = 0; o < N_DATE_OPS; o++)
        {
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (self->dates[f][o] == NULL)
            continue;

          key = g_strdup_printf ("%s[%s]", date_field_names[f], date_op_names[o]);
          value = format_date (self->dates[f][o]);
          append_param (out, key, value);
        }
    }

  append_param (out, "cart_id", self->cart_id);
  append_param (out, "email", self->email);
  append_param (out, "region_id", self->region_id);
  append_param (out, "currency_code", self->currency_code);
  append_param (out, "tax_rate", self->tax_rate);

  if (self->offset > 0)
    {
      char buf[16];
      g_snprintf (buf, sizeof buf, "%u", self->offset);
      append_param (out, "offset", buf);
    }
  if (self->limit >= 0)
    {
      char buf[16];
      g_snprintf (buf, sizeof buf, "%d", self->limit);
      append_param (out, "limit", buf);
    }

  append_param (out, "expand", self->expand);
  append_param (out, "fields", self->fields);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Getters of the filters the dialects read (medusa-orders-v2.c). */

const char *
medusa_order_query_get_id (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
medusa_order_query_get_cart_id (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->cart_id;
}

const char *
medusa_order_query_get_email (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->email;
}

const char *
medusa_order_query_get_region_id (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region_id;
}

const char *
medusa_order_query_get_currency_code (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->currency_code;
}

const char *
medusa_order_query_get_tax_rate (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tax_rate;
}

const char *
medusa_order_query_get_fields (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

gboolean
medusa_order_query_has_any_status (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->statuses != 0;
}

gboolean
medusa_order_query_has_any_fulfillment_status (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->fulfillment_statuses != 0;
}

gboolean
medusa_order_query_has_any_payment_status (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->payment_statuses != 0;
}
