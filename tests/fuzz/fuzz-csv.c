/* fuzz-csv.c: the CSV writer of the order export, read back
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer's pure functions (src/session/medusa-order-export.c, compiled
 * into this target: they need no session, client or file). The first byte
 * picks what the rest is:
 * 0: fields separated by NUL bytes (made valid UTF-8, as the models keep
 *    text), written with medusa_order_export_append_field() as one CSV line;
 * 1: an amount (8 bytes) and a currency (the rest) for
 *    medusa_order_export_format_amount();
 * 2: an answer body; each order in it ({"order"}, {"orders": […]} or the
 *    root) is written with medusa_order_export_append_order().
 *
 * A small RFC 4180 reader of its own (no code shared with the writer) reads
 * what was written. Checks: the line reads back as exactly the fields
 * written, a field is quoted exactly when the header says it must be; an
 * amount is "-"?digits with the currency's digits after a point, and reads
 * back (medusa_money_parse_decimal and the reference) as the amount; an
 * order's line is one record of as many fields as the header, valid UTF-8,
 * with the number, the amounts and the item count as the model has them,
 * and no store text that a spreadsheet would take for a formula.
 */
#define G_LOG_DOMAIN "FuzzCsv"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-json.h"
#include "medusa-money.h"
#include "medusa-order-export.h"
#include "medusa-order.h"

#define MAX_FIELDS 64
#define MAX_ORDERS 16

/* RFC 4180 reader: one record of @csv from *@pos, up to and including its
 * CRLF. Fills @fields (and whether each was quoted); FALSE for anything that
 * is not RFC 4180 (a bare quote, a quote in an unquoted field, text after a
 * closing quote, a lone CR or LF outside quotes, no CRLF at the end). */
static gboolean
read_record (const char  *csv,
             gsize        len,
             gsize       *pos,
             GPtrArray   *fields,
             GArray      *quoted)
{
  gsize i = *pos;

  for (;;)
    {
      GString *field = g_string_new (NULL);
      gboolean is_quoted = FALSE;

      if (i < len && csv[i] == '"')
        {
          is_quoted = TRUE;
          i++;
          for (;;)
            {
              if (i >= len)
                {
                  g_string_free (field, TRUE);
                  return FALSE;  /* no closing quote */
                }
              if (csv[i] == '"')
                {
                  if (i + 1 < len && csv[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (field, csv[i++]);
            }
        }
      else
        {
          while (i < len && csv[i] != ',' && csv[i] != '\r' && csv[i] != '\n')
            {
              if (csv[i] == '"')
                {
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              g_string_append_c (field, csv[i++]);
            }
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      g_array_append_val (quoted, is_quoted);

      if (i < len && csv[i] == ',')
        {
          i++;
          continue;
        }
      if (i + 1 < len && csv[i] == '\r' && csv[i + 1] == '\n')
        {
          *pos = i + 2;
          return TRUE;
        }
      return FALSE;
    }
}

/* The header's rule: a comma, a quote, CR or LF, or a space at either end. */
static gboolean
must_quote (const char *text)
{
  size_t len = strlen (text);

  if (len == 0)
    return FALSE;
  for (size_t i = 0; i < len; i++)
    if (text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n')
      return TRUE;
  return text[0] == ' ' || text[len - 1] == ' ';
}

/* 0: fields */

static void
check_fields (const char *data,
              size_t      size)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GString) csv = g_string_new (NULL);
  const char *p = data;
  const char *end = data + size;
  gsize pos = 0;

  while (written->len < MAX_FIELDS)
    {
      const char *nul = memchr (p, '\0', end - p);
      const char *stop = nul != NULL ? nul : end;

      g_ptr_array_add (written, g_utf8_make_valid (p, stop - p));
      if (nul == NULL)
        break;
      p = nul + 1;
    }

  for (guint i = 0; i < written->len; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      medusa_order_export_append_field (csv, g_ptr_array_index (written, i));
    }
  /* NULL is an empty field */
  g_string_append_c (csv, ',');
  medusa_order_export_append_field (csv, NULL);
  g_string_append (csv, "\r\n");

  FUZZ_CHECK_UTF8 (csv->str, "a CSV line");
  FUZZ_CHECK (read_record (csv->str, csv->len, &pos, read, quoted), "not RFC 4180: %s", csv->str);
  FUZZ_CHECK (pos == csv->len, "more than one record: %s", csv->str);
  FUZZ_CHECK (read->len == written->len + 1, "%u fields written, %u read: %s",
              written->len + 1, read->len, csv->str);
  for (guint i = 0; i < written->len; i++)
    {
      const char *w = g_ptr_array_index (written, i);

      FUZZ_CHECK (strcmp (w, g_ptr_array_index (read, i)) == 0,
                  "field %u \"%s\" reads back as \"%s\"", i, w, (char *) g_ptr_array_index (read, i));
      FUZZ_CHECK (g_array_index (quoted, gboolean, i) == must_quote (w),
                  "field %u \"%s\" is %squoted", i, w, g_array_index (quoted, gboolean, i) ? "" : "not ");
    }
  FUZZ_CHECK (*(char *) g_ptr_array_index (read, written->len) == '\0', "NULL is not an empty field");
}

/* 1: amounts */

static void
check_amount_text (const char *text,
                   gint64      amount,
                   const char *currency)
{
  guint exponent = medusa_currency_get_exponent (currency);
  guint64 magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *digits = g_strdup_printf ("%0*" G_GUINT64_FORMAT, (int) exponent + 1, magnitude);
  gsize n = strlen (digits);
  gint64 back = 0;

  /* the reference: the magnitude's digits, a point before the last @exponent */
  if (amount < 0)
    g_string_append_c (expected, '-');
  g_string_append_len (expected, digits, n - exponent);
  if (exponent > 0)
    {
      g_string_append_c (expected, '.');
      g_string_append (expected, digits + n - exponent);
    }
  FUZZ_CHECK (strcmp (text, expected->str) == 0, "%" G_GINT64_FORMAT " %s is \"%s\", not \"%s\"",
              amount, currency != NULL ? currency : "(null)", text, expected->str);
  FUZZ_CHECK (medusa_money_parse_decimal (text, exponent, &back), "\"%s\" does not read back", text);
  FUZZ_CHECK (back == amount, "\"%s\" reads back as %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
              text, back, amount);
}

static void
check_amount (const uint8_t *data,
              size_t         size)
{
  static const char * const currencies[] = { "eur", "usd", "jpy", "kwd", "KWD", "chf", "xyz", NULL };
  gint64 amount = 0;
  g_autofree char *currency = NULL;
  g_autofree char *text = NULL;

  memcpy (&amount, data, MIN (size, sizeof amount));
  if (size > sizeof amount)
    {
      const char *rest = (const char *) data + sizeof amount;
      const char *nul = memchr (rest, '\0', size - sizeof amount);

      currency = g_strndup (rest, nul != NULL ? (size_t) (nul - rest) : size - sizeof amount);
    }

  text = medusa_order_export_format_amount (amount, currency);
  check_amount_text (text, amount, currency);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autofree char *other = medusa_order_export_format_amount (amount, currencies[i]);

      check_amount_text (other, amount, currencies[i]);
    }
}

/* 2: orders */

static gboolean
looks_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

static void
check_order (MedusaOrder *order)
{
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) header_quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
  g_autofree char *n_items = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_n_items (order));
  const char *currency = medusa_order_get_currency_code (order);
  const struct { guint column; gint64 amount; } amounts[] = {
    { 6, medusa_order_get_subtotal (order) },
    { 7, medusa_order_get_shipping_total (order) },
    { 8, medusa_order_get_tax_total (order) },
    { 9, medusa_order_get_discount_total (order) },
    { 10, medusa_order_get_total (order) },
  };
  /* what the store wrote: statuses, currency, items, tracking numbers */
  static const guint store_text[] = { 2, 3, 4, 5, 12, 13 };
  gsize pos = 0;

  medusa_order_export_append_header (header);
  FUZZ_CHECK (read_record (header->str, header->len, &pos, columns, header_quoted), "the header is not RFC 4180");

  medusa_order_export_append_order (csv, order);
  pos = 0;
  FUZZ_CHECK_UTF8 (csv->str, "an order's CSV line");
  FUZZ_CHECK (read_record (csv->str, csv->len, &pos, fields, quoted), "an order's line is not RFC 4180: %s", csv->str);
  FUZZ_CHECK (pos == csv->len, "an order's line is more than one record: %s", csv->str);
  FUZZ_CHECK (fields->len == columns->len, "an order's line has %u fields, the header %u: %s",
              fields->len, columns->len, csv->str);

  FUZZ_CHECK (strcmp (g_ptr_array_index (fields, 0), number) == 0, "the number column is not %s", number);
  FUZZ_CHECK (strcmp (g_ptr_array_index (fields, 11), n_items) == 0, "the item count is not %s", n_items);
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    check_amount_text (g_ptr_array_index (fields, amounts[i].column), amounts[i].amount, currency);
  for (guint i = 0; i < G_N_ELEMENTS (store_text); i++)
    {
      const char *text = g_ptr_array_index (fields, store_text[i]);

      FUZZ_CHECK (!looks_like_formula (text), "column \"%s\" starts like a formula: %s",
                  (char *) g_ptr_array_index (columns, store_text[i]), text);
    }
}

static void
build_and_check (JsonObject *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = medusa_order_new_from_json (object, &error);

  if (order != NULL)
    check_order (order);
}

static void
check_orders (const char *data,
              size_t      size)
{
  g_autoptr(JsonNode) root = medusa_json_parse (data, (gssize) size, NULL);
  JsonObject *object;
  JsonNode *member;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  build_and_check (object);
  member = json_object_get_member (object, "order");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    build_and_check (json_node_get_object (member));
  member = json_object_get_member (object, "orders");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array) && i < MAX_ORDERS; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            build_and_check (json_node_get_object (element));
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_type_ensure (MEDUSA_TYPE_ORDER);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  switch (data[0] % 3)
    {
    case 0:
      check_fields ((const char *) data + 1, size - 1);
      break;
    case 1:
      check_amount (data + 1, size - 1);
      break;
    default:
      check_orders ((const char *) data + 1, size - 1);
      break;
    }
  return 0;
}
