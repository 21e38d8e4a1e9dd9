/* medusa-order-v2.c: orders of a Medusa v2 store, read into the common models
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How: each v2 object is rewritten into the v1 shape (amounts as integers in
 * minor units, v1 member names) and handed to the v1 constructors, which
 * check every member's type, repair or refuse bad UTF-8 and add quantities
 * with checked arithmetic as they do for v1. Only what is mapped is copied:
 * a v2 member the v1 parser also knows (refunds, discounts, tax_rate, …) but
 * means something else by never reaches it.
 *
 * Exact money. Medusa keeps amounts as decimals (bignumber.js) and writes
 * each as a JSON number, JavaScript's shortest decimal for the nearest
 * double (JSON.stringify), and for most amounts also the exact text in
 * raw_<name>.value. The text is used whenever it is there. On 2.21.2 the
 * order's own totals (total, subtotal, item_subtotal, shipping_subtotal,
 * tax_total, …) have none: not even ?fields=+raw_total gives one (it came
 * back null). For a number:
 *  - an integer literal is exact (medusa_json_parse() refuses one beyond
 *    64 bits, which json-glib would wrap);
 *  - a fraction reaches us as a double. The decimal with at most 15
 *    significant digits (DBL_DIG) that reads back as that same double is
 *    unique, and it is the text the server wrote whenever the server's value
 *    has at most 15 significant digits (any decimal of ≤ 15 digits survives
 *    decimal → double → decimal). That text is then converted exactly,
 *    like a raw value. A double no such decimal reads back as (the server
 *    wrote 16 or 17 digits: its value was not a short decimal) is a parse
 *    error, never a guess. 15 digits are 10^13 major units of a 2-digit
 *    currency, far beyond any order.
 * No arithmetic on doubles happens anywhere: only formatting and reading
 * back, which glibc does exactly (correctly rounded).
 */
#define G_LOG_DOMAIN "MedusaOrderV2"

#include "medusa-order-v2.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-money.h"

/* The largest number of digits medusa_money_parse_decimal() takes. */
#define MAX_DIGITS 18

typedef struct
{
  guint digits;
} Context;

/* Amounts */

static gboolean
set_amount_error (GError     **error,
                  const char  *member,
                  const char  *why)
{
  g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Member “%s” %s", member, why);
  return FALSE;
}

/* The decimal of at most DBL_DIG significant digits that reads back as
 * @value, into @buffer; FALSE when there is none. */
static gboolean
shortest_decimal (double  value,
                  char   *buffer,
                  gsize   size)
{
  for (int precision = 1; precision <= DBL_DIG; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, (int) size, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return TRUE;
    }

  return FALSE;
}

gboolean
medusa_v2_read_amount (JsonObject  *object,
                       const char  *member,
                       guint        digits,
                       gint64      *out,
                       GError     **error)
{
  g_autofree char *raw_member = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (digits > MAX_DIGITS)
    return set_amount_error (error, member, "has a currency with too many digits");

  raw_member = g_strconcat ("raw_", member, NULL);
  node = json_object_get_member (object, raw_member);
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *raw;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return set_amount_error (error, raw_member, "is not an object");
      raw = json_node_get_object (node);
      value = json_object_get_member (raw, "value");
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
          json_node_get_value_type (value) != G_TYPE_STRING)
        return set_amount_error (error, raw_member, "has no string “value”");
      /* The syntax is checked there: ASCII digits only, so also UTF-8. */
      if (!medusa_money_parse_decimal (json_node_get_string (value), digits, out))
        return set_amount_error (error, raw_member, "is not a decimal that fits in 64 bits");
      return TRUE;
    }

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = 0;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return set_amount_error (error, member, "is not a number");

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);
      gint64 minor = value;

      for (guint i = 0; i < digits; i++)
        {
          if (!medusa_money_checked_mul (minor, 10, &minor))
            return set_amount_error (error, member, "is too large");
        }
      *out = minor;
      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (value))
        return set_amount_error (error, member, "is too large");
      if (!shortest_decimal (value, text, sizeof text))
        return set_amount_error (error, member, "is not an exact decimal (more than 15 digits)");
      if (!medusa_money_parse_decimal (text, digits, out))
        return set_amount_error (error, member, "is too large");
      return TRUE;
    }

  return set_amount_error (error, member, "is not a number");
}

/* Building the v1 shape */

/* Copies @src_member of @src (null included) to @dst as @dst_member. */
static void
copy_member (JsonObject *dst,
             const char *dst_member,
             JsonObject *src,
             const char *src_member)
{
  JsonNode *node = json_object_get_member (src, src_member);

  if (node != NULL)
    json_object_set_member (dst, dst_member, json_node_copy (node));
}

static void
copy_members (JsonObject         *dst,
              JsonObject         *src,
              const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    copy_member (dst, members[i], src, members[i]);
}

/* The amount @src_member of @src into @dst as @dst_member (an integer). */
static gboolean
set_amount (JsonObject     *dst,
            const char     *dst_member,
            JsonObject     *src,
            const char     *src_member,
            const Context  *ctx,
            GError        **error)
{
  gint64 minor = 0;

  if (src == NULL)
    return TRUE;
  if (!medusa_v2_read_amount (src, src_member, ctx->digits, &minor, error))
    return FALSE;
  json_object_set_int_member (dst, dst_member, minor);
  return TRUE;
}

typedef struct
{
  const char *v1;  /* the member the v1 parser reads */
  const char *v2;  /* the v2 amount it is read from */
} AmountMap;

static gboolean
set_amounts (JsonObject       *dst,
             JsonObject       *src,
             const AmountMap  *map,
             guint             n_map,
             const Context    *ctx,
             GError          **error)
{
  for (guint i = 0; i < n_map; i++)
    {
      if (!set_amount (dst, map[i].v1, src, map[i].v2, ctx, error))
        return FALSE;
    }
  return TRUE;
}

/* Each object of the array @member of @src, converted by @func, in a new
 * array @member of @dst. A missing or null member stays missing; a member
 * that is not an array, or an element that is not an object, is copied as
 * it is, for the v1 parser to refuse with its own message. */
typedef JsonObject *(*ConvertFunc) (JsonObject     *src,
                                    const Context  *ctx,
                                    gpointer        user_data,
                                    GError        **error);

static gboolean
convert_array (JsonObject     *dst,
               const char     *dst_member,
               JsonObject     *src,
               const char     *src_member,
               ConvertFunc     func,
               const Context  *ctx,
               gpointer        user_data,
               GError        **error)
{
  JsonNode *node = json_object_get_member (src, src_member);
  JsonArray *array;
  g_autoptr(JsonArray) converted = NULL;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_member (dst, dst_member, json_node_copy (node));
      return TRUE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  converted = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          json_array_add_element (converted, json_node_copy (element));
          continue;
        }

      object = func (json_node_get_object (element), ctx, user_data, &local_error);
      if (object == NULL)
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Element %u of “%s”: %s",
                       i, src_member, local_error->message);
          return FALSE;
        }
      json_array_add_object_element (converted, object);
    }

  json_object_set_array_member (dst, dst_member, g_steal_pointer (&converted));
  return TRUE;
}

/* The order's promotion codes, each once, in the order they first appear */
typedef struct
{
  GPtrArray *list;   /* (owned) of char *, owned by @seen */
  GHashTable *seen;  /* (owned) set of char * */
} Codes;

static void
codes_clear (Codes *codes)
{
  g_clear_pointer (&codes->list, g_ptr_array_unref);
  g_clear_pointer (&codes->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Codes, codes_clear)

/* The "code" of each adjustment of @src (a line item or a shipping method)
 * into @codes (the order's "discounts"). A hash set: an answer may hold
 * many thousands of adjustments. */
static void
collect_codes (JsonObject *src,
               Codes      *codes)
{
  JsonNode *node = json_object_get_member (src, "adjustments");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *code = NULL;

      /* Adjustments are extra: one that is not as expected is skipped. */
      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !medusa_json_read_string (json_node_get_object (element), "code", &code, NULL) ||
          code == NULL || *code == '\0' || g_hash_table_contains (codes->seen, code))
        continue;

      g_ptr_array_add (codes->list, code);
      g_hash_table_add (codes->seen, g_steal_pointer (&code));
    }
}

/* @member of @dst: the flat member @flat of @src when it is there (the
 * value at the time of the order), else @nested of @variant. */
static void
pick_member (JsonObject *dst,
             const char *member,
             JsonObject *src,
             const char *flat,
             JsonObject *variant,
             const char *nested)
{
  JsonNode *node = json_object_get_member (src, flat);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_set_member (dst, member, json_node_copy (node));
  else if (variant != NULL)
    copy_member (dst, member, variant, nested);
}

/* v1's "variant" {title, sku, product: {title}} (the line item reads the
 * title, the local copy's search index all three) from v2's variant_title,
 * variant_sku and product_title, else from v2's "variant" as it is now. */
static void
convert_variant (JsonObject *dst,
                 JsonObject *src)
{
  JsonNode *node = json_object_get_member (src, "variant");
  JsonObject *variant = NULL;
  g_autoptr(JsonObject) converted = json_object_new ();
  g_autoptr(JsonObject) product = json_object_new ();

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    variant = json_node_get_object (node);
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      /* not an object: the v1 parser refuses it */
      copy_member (dst, "variant", src, "variant");
      return;
    }

  pick_member (converted, "title", src, "variant_title", variant, "title");
  pick_member (converted, "sku", src, "variant_sku", variant, "sku");
  node = json_object_get_member (src, "product_title");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      json_object_set_member (product, "title", json_node_copy (node));
      json_object_set_object_member (converted, "product", g_steal_pointer (&product));
    }
  else if (variant != NULL)
    {
      copy_member (converted, "product", variant, "product");
    }

  if (json_object_get_size (converted) > 0)
    json_object_set_object_member (dst, "variant", g_steal_pointer (&converted));
}

static JsonObject *
convert_line_item (JsonObject     *src,
                   const Context  *ctx,
                   gpointer        codes,
                   GError        **error)
{
  static const char * const same[] = { "id", "title", "thumbnail", "quantity", NULL };
  static const AmountMap amounts[] = {
    { "unit_price", "unit_price" },
    { "subtotal", "subtotal" },
    { "total", "total" },
    { "tax_total", "tax_total" },
    { "discount_total", "discount_total" },
  };
  g_autoptr(JsonObject) dst = json_object_new ();

  copy_members (dst, src, same);
  /* v1's description is the variant's title ("T-Shirt M"): v2's subtitle */
  copy_member (dst, "description", src, "subtitle");
  convert_variant (dst, src);

  if (!set_amounts (dst, src, amounts, G_N_ELEMENTS (amounts), ctx, error))
    return NULL;

  collect_codes (src, codes);
  return g_steal_pointer (&dst);
}

static JsonObject *
convert_shipping_method (JsonObject     *src,
                         const Context  *ctx,
                         gpointer        codes,
                         GError        **error)
{
  g_autoptr(JsonObject) dst = json_object_new ();
  g_autoptr(JsonObject) option = json_object_new ();
  JsonNode *total;

  copy_member (dst, "id", src, "id");
  copy_member (option, "name", src, "name");
  json_object_set_object_member (dst, "shipping_option", g_steal_pointer (&option));

  if (!set_amount (dst, "price", src, "amount", ctx, error))
    return NULL;
  /* Without a total the v1 parser shows the price. */
  total = json_object_get_member (src, "total");
  if (total != NULL && !JSON_NODE_HOLDS_NULL (total) &&
      !set_amount (dst, "total", src, "total", ctx, error))
    return NULL;

  collect_codes (src, codes);
  return g_steal_pointer (&dst);
}

/* A payment of ?fields=*payment_collections.payments: the collection's
 * refunded amount goes to the payment when it is the only one. */
static JsonObject *
convert_payment (JsonObject     *src,
                 const Context  *ctx,
                 gpointer        collection,
                 GError        **error)
{
  static const char * const same[] = {
    "id", "provider_id", "currency_code", "captured_at", "canceled_at", NULL
  };
  g_autoptr(JsonObject) dst = json_object_new ();

  copy_members (dst, src, same);
  if (!set_amount (dst, "amount", src, "amount", ctx, error))
    return NULL;
  if (!set_amount (dst, "amount_refunded", collection, "refunded_amount", ctx, error))
    return NULL;

  return g_steal_pointer (&dst);
}

/* A payment collection without its payments: one payment, captured when the
 * collection is completed (fully captured). */
static JsonObject *
convert_payment_collection (JsonObject     *src,
                            const Context  *ctx,
                            gpointer        user_data,
                            GError        **error)
{
  g_autoptr(JsonObject) dst = json_object_new ();

  copy_member (dst, "id", src, "id");
  copy_member (dst, "currency_code", src, "currency_code");
  copy_member (dst, "captured_at", src, "completed_at");
  if (!set_amount (dst, "amount", src, "amount", ctx, error) ||
      !set_amount (dst, "amount_refunded", src, "refunded_amount", ctx, error))
    return NULL;

  return g_steal_pointer (&dst);
}

/* The MedusaPayment rows of one payment collection, appended to @payments:
 * each of its payments, or the collection itself when its payments were not
 * asked for (or it has none yet). */
static gboolean
convert_collection (JsonObject     *collection,
                    const Context  *ctx,
                    JsonArray      *payments,
                    GError        **error)
{
  JsonArray *inner = NULL;
  g_autoptr(JsonObject) converted = json_object_new ();
  JsonObject *payment;
  JsonArray *list;
  guint n;

  if (!medusa_json_read_array (collection, "payments", &inner, error))
    return FALSE;

  n = inner != NULL ? json_array_get_length (inner) : 0;
  if (n == 0)
    {
      payment = convert_payment_collection (collection, ctx, NULL, error);
      if (payment == NULL)
        return FALSE;
      json_array_add_object_element (payments, payment);
      return TRUE;
    }

  if (!convert_array (converted, "payments", collection, "payments", convert_payment, ctx,
                      n == 1 ? collection : NULL, error))
    return FALSE;
  list = json_object_get_array_member (converted, "payments");
  for (guint k = 0; k < json_array_get_length (list); k++)
    json_array_add_element (payments, json_node_copy (json_array_get_element (list, k)));
  return TRUE;
}

static gboolean
convert_payments (JsonObject     *dst,
                  JsonObject     *src,
                  const Context  *ctx,
                  GError        **error)
{
  JsonArray *collections = NULL;
  g_autoptr(JsonArray) payments = json_array_new ();

  if (!medusa_json_read_array (src, "payment_collections", &collections, error))
    return FALSE;
  if (collections == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (collections); i++)
    {
      JsonNode *element = json_array_get_element (collections, i);
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “payment_collections” is not an object", i);
          return FALSE;
        }
      if (!convert_collection (json_node_get_object (element), ctx, payments, &local_error))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “payment_collections”: %s", i, local_error->message);
          return FALSE;
        }
    }

  json_object_set_array_member (dst, "payments", g_steal_pointer (&payments));
  return TRUE;
}

/* The store sends labels: null (2.21.2); with labels, each one with a
 * tracking number becomes a tracking link. */
static gboolean
convert_labels (JsonObject  *dst,
                JsonObject  *src,
                GError     **error)
{
  JsonArray *labels = NULL;
  g_autoptr(JsonArray) links = json_array_new ();

  if (!medusa_json_read_array (src, "labels", &labels, error))
    return FALSE;

  for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
    {
      JsonNode *element = json_array_get_element (labels, i);
      g_autoptr(JsonObject) link = NULL;
      JsonObject *label;
      JsonNode *number;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “labels” is not an object", i);
          return FALSE;
        }
      label = json_node_get_object (element);
      number = json_object_get_member (label, "tracking_number");
      /* A label without a number has nothing to show (a label_url only). */
      if (number == NULL || JSON_NODE_HOLDS_NULL (number) ||
          (JSON_NODE_HOLDS_VALUE (number) && json_node_get_value_type (number) == G_TYPE_STRING &&
           *json_node_get_string (number) == '\0'))
        continue;

      link = json_object_new ();
      json_object_set_member (link, "tracking_number", json_node_copy (number));
      copy_member (link, "url", label, "tracking_url");
      json_array_add_object_element (links, g_steal_pointer (&link));
    }

  json_object_set_array_member (dst, "tracking_links", g_steal_pointer (&links));
  return TRUE;
}

static JsonObject *
convert_fulfillment (JsonObject     *src,
                     const Context  *ctx,
                     gpointer        user_data,
                     GError        **error)
{
  static const char * const same[] = {
    "id", "created_at", "shipped_at", "canceled_at", "items", NULL
  };
  g_autoptr(JsonObject) dst = json_object_new ();

  /* items: v1 reads only their "quantity", which v2 items have too */
  copy_members (dst, src, same);
  if (!convert_labels (dst, src, error))
    return NULL;

  return g_steal_pointer (&dst);
}

/* The digits of the order's currency */
static gboolean
order_context (JsonObject                *src,
               MedusaCurrencyDigitsFunc   digits_func,
               gpointer                   user_data,
               Context                   *ctx,
               GError                   **error)
{
  g_autofree char *currency_code = NULL;
  int digits = -1;

  if (!medusa_json_read_string (src, "currency_code", &currency_code, error))
    return FALSE;

  if (digits_func != NULL)
    digits = digits_func (currency_code, user_data);
  if (digits < 0)
    digits = (int) medusa_currency_get_exponent (currency_code);
  if (digits > MAX_DIGITS)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   "The currency “%s” has %d digits, more than %d",
                   currency_code != NULL ? currency_code : "", digits, MAX_DIGITS);
      return FALSE;
    }

  ctx->digits = (guint) digits;
  return TRUE;
}

static JsonObject *
convert_order (JsonObject     *src,
               const Context  *ctx,
               GError        **error)
{
  static const char * const same[] = {
    "id", "display_id", "email", "currency_code", "region_id", "created_at",
    "updated_at", "canceled_at", "metadata", "status", "payment_status",
    "fulfillment_status", "region", "shipping_address", "billing_address", NULL
  };
  /* total = item_subtotal + shipping_subtotal + tax_total
   *         − discount_subtotal − credit_line_total (decorateCartTotals) */
  static const AmountMap amounts[] = {
    { "subtotal", "item_subtotal" },
    { "shipping_total", "shipping_subtotal" },
    { "discount_total", "discount_subtotal" },
    { "tax_total", "tax_total" },
    { "gift_card_total", "credit_line_total" },
    { "total", "total" },
  };
  static const AmountMap summary_amounts[] = {
    { "paid_total", "paid_total" },
    { "refunded_total", "refunded_total" },
  };
  g_autoptr(JsonObject) dst = json_object_new ();
  g_autoptr(JsonObject) summary = NULL;
  g_auto(Codes) codes = {
    g_ptr_array_new (),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };

  copy_members (dst, src, same);

  if (!set_amounts (dst, src, amounts, G_N_ELEMENTS (amounts), ctx, error) ||
      !medusa_json_read_object (src, "summary", &summary, error) ||
      !set_amounts (dst, summary, summary_amounts, G_N_ELEMENTS (summary_amounts), ctx, error))
    return NULL;

  if (!convert_array (dst, "items", src, "items", convert_line_item, ctx, &codes, error) ||
      !convert_array (dst, "shipping_methods", src, "shipping_methods", convert_shipping_method,
                      ctx, &codes, error) ||
      !convert_array (dst, "fulfillments", src, "fulfillments", convert_fulfillment,
                      ctx, NULL, error) ||
      !convert_payments (dst, src, ctx, error))
    return NULL;

  if (codes.list->len > 0)
    {
      g_autoptr(JsonArray) discounts = json_array_new ();

      for (guint i = 0; i < codes.list->len; i++)
        {
          JsonObject *discount = json_object_new ();

          json_object_set_string_member (discount, "code", g_ptr_array_index (codes.list, i));
          json_array_add_object_element (discounts, discount);
        }
      json_object_set_array_member (dst, "discounts", g_steal_pointer (&discounts));
    }

  return g_steal_pointer (&dst);
}

/* Orders */

JsonObject *
medusa_order_v2_to_v1_json (JsonObject                *object,
                            MedusaCurrencyDigitsFunc   digits_func,
                            gpointer                   user_data,
                            GError                   **error)
{
  Context ctx;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!order_context (object, digits_func, user_data, &ctx, error))
    return NULL;

  return convert_order (object, &ctx, error);
}

MedusaOrder *
medusa_order_new_from_v2_json_full (JsonObject                *object,
                                    MedusaCurrencyDigitsFunc   digits_func,
                                    gpointer                   user_data,
                                    GError                   **error)
{
  g_autoptr(JsonObject) v1 = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  v1 = medusa_order_v2_to_v1_json (object, digits_func, user_data, error);
  if (v1 == NULL)
    return NULL;

  return medusa_order_new_from_json (v1, error);
}

static int
fixed_digits (const char *currency_code,
              gpointer    user_data)
{
  return GPOINTER_TO_INT (user_data);
}

MedusaOrder *
medusa_order_new_from_v2_json_with_digits (JsonObject  *object,
                                           int          digits,
                                           GError     **error)
{
  return medusa_order_new_from_v2_json_full (object, fixed_digits, GINT_TO_POINTER (digits), error);
}

MedusaOrder *
medusa_order_new_from_v2_json (JsonObject  *object,
                               GError     **error)
{
  return medusa_order_new_from_v2_json_full (object, NULL, NULL, error);
}

/* Pages */

typedef struct
{
  MedusaCurrencyDigitsFunc digits_func;
  gpointer user_data;
} PageData;

static JsonObject *
convert_page_order (JsonObject     *src,
                    const Context  *unused,
                    gpointer        user_data,
                    GError        **error)
{
  PageData *data = user_data;
  Context ctx;

  /* Each order has its own currency. */
  if (!order_context (src, data->digits_func, data->user_data, &ctx, error))
    return NULL;

  return convert_order (src, &ctx, error);
}

JsonObject *
medusa_order_page_v2_to_v1_json (JsonObject                *object,
                                 MedusaCurrencyDigitsFunc   digits_func,
                                 gpointer                   user_data,
                                 GError                   **error)
{
  static const char * const same[] = { "count", "offset", "limit", NULL };
  g_autoptr(JsonObject) v1 = json_object_new ();
  PageData data = { digits_func, user_data };
  JsonNode *orders;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy_members (v1, object, same);
  orders = json_object_get_member (object, "orders");
  /* Missing, null or not an array: the v1 parser says so. */
  if (orders != NULL && !JSON_NODE_HOLDS_ARRAY (orders))
    copy_member (v1, "orders", object, "orders");
  else if (!convert_array (v1, "orders", object, "orders", convert_page_order, NULL, &data, error))
    return NULL;

  return g_steal_pointer (&v1);
}

MedusaOrderPage *
medusa_order_page_new_from_v2_json_full (JsonObject                *object,
                                         MedusaCurrencyDigitsFunc   digits_func,
                                         gpointer                   user_data,
                                         GError                   **error)
{
  g_autoptr(JsonObject) v1 = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  v1 = medusa_order_page_v2_to_v1_json (object, digits_func, user_data, error);
  if (v1 == NULL)
    return NULL;

  return medusa_order_page_new_from_json (v1, error);
}

MedusaOrderPage *
medusa_order_page_new_from_v2_json (JsonObject  *object,
                                    GError     **error)
{
  return medusa_order_page_new_from_v2_json_full (object, NULL, NULL, error);
}
