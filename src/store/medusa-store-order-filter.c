/* medusa-store-order-filter.c: which orders of the local copy to list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-store"

#include "config.h"

#include "medusa-store-order-filter-private.h"

G_DEFINE_BOXED_TYPE (MedusaStoreOrderFilter, medusa_store_order_filter,
                     medusa_store_order_filter_copy, medusa_store_order_filter_free)

MedusaStoreOrderFilter *
medusa_store_order_filter_new (void)
{
  MedusaStoreOrderFilter *self = g_new0 (MedusaStoreOrderFilter, 1);

  self->limit = -1;
  return self;
}

MedusaStoreOrderFilter *
medusa_store_order_filter_copy (const MedusaStoreOrderFilter *self)
{
  MedusaStoreOrderFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MedusaStoreOrderFilter, 1);
  *copy = *self;
  copy->text = g_strdup (self->text);
  copy->display_id = g_strdup (self->display_id);
  copy->currency_code = g_strdup (self->currency_code);
  copy->region_id = g_strdup (self->region_id);
  copy->created_from = self->created_from ? g_date_time_ref (self->created_from) : NULL;
  copy->created_until = self->created_until ? g_date_time_ref (self->created_until) : NULL;
  return copy;
}

void
medusa_store_order_filter_free (MedusaStoreOrderFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->display_id);
  g_free (self->currency_code);
  g_free (self->region_id);
  g_clear_pointer (&self->created_from, g_date_time_unref);
  g_clear_pointer (&self->created_until, g_date_time_unref);
  g_free (self);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

void
medusa_store_order_filter_set_text (MedusaStoreOrderFilter *self,
                                    const char             *text)
{
  g_return_if_fail (self != NULL);
  set_string (&self->text, text);
}

const char *
medusa_store_order_filter_get_text (const MedusaStoreOrderFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

void
medusa_store_order_filter_add_status (MedusaStoreOrderFilter *self,
                                      MedusaOrderStatus       status)
{
  g_return_if_fail (self != NULL);
  if (status != MEDUSA_ORDER_STATUS_UNKNOWN && status < 32)
    self->statuses |= 1u << status;
}

void
medusa_store_order_filter_add_fulfillment_status (MedusaStoreOrderFilter *self,
                                                  MedusaFulfillmentStatus status)
{
  g_return_if_fail (self != NULL);
  if (status != MEDUSA_FULFILLMENT_STATUS_UNKNOWN && status < 32)
    self->fulfillment_statuses |= 1u << status;
}

void
medusa_store_order_filter_add_payment_status (MedusaStoreOrderFilter *self,
                                              MedusaPaymentStatus     status)
{
  g_return_if_fail (self != NULL);
  if (status != MEDUSA_PAYMENT_STATUS_UNKNOWN && status < 32)
    self->payment_statuses |= 1u << status;
}

void
medusa_store_order_filter_set_display_id (MedusaStoreOrderFilter *self,
                                          const char             *display_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->display_id, display_id);
}

void
medusa_store_order_filter_set_currency_code (MedusaStoreOrderFilter *self,
                                             const char             *currency_code)
{
  g_return_if_fail (self != NULL);
  set_string (&self->currency_code, currency_code);
}

void
medusa_store_order_filter_set_region_id (MedusaStoreOrderFilter *self,
                                         const char             *region_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->region_id, region_id);
}

void
medusa_store_order_filter_set_created_range (MedusaStoreOrderFilter *self,
                                             GDateTime              *from,
                                             GDateTime              *until)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->created_from, g_date_time_unref);
  g_clear_pointer (&self->created_until, g_date_time_unref);
  self->created_from = from ? g_date_time_ref (from) : NULL;
  self->created_until = until ? g_date_time_ref (until) : NULL;
}

void
medusa_store_order_filter_set_limit (MedusaStoreOrderFilter *self,
                                     int                     limit)
{
  g_return_if_fail (self != NULL);
  self->limit = limit < 0 ? -1 : limit;
}

void
medusa_store_order_filter_set_offset (MedusaStoreOrderFilter *self,
                                      guint                   offset)
{
  g_return_if_fail (self != NULL);
  self->offset = offset;
}

static gboolean
word_has_token (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_word (GString    *query,
             const char *word,
             gsize       len)
{
  g_autofree char *copy = g_strndup (word, len);

  if (!word_has_token (copy))
    return;
  if (query->len > 0)
    g_string_append_c (query, ' ');
  g_string_append_c (query, '"');
  for (const char *p = copy; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\"*");
}

char *
medusa_store_fts_query_from_text (const char *text)
{
  g_autoptr(GString) query = NULL;
  g_autofree char *valid = NULL;
  const char *word = NULL;
  const char *p;

  if (text == NULL)
    return NULL;

  /* Typed text is valid UTF-8, but never trust it to be */
  valid = g_utf8_make_valid (text, -1);
  query = g_string_new (NULL);
  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          if (word != NULL)
            append_word (query, word, p - word);
          word = NULL;
        }
      else if (word == NULL)
        word = p;
    }
  if (word != NULL)
    append_word (query, word, p - word);

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}
