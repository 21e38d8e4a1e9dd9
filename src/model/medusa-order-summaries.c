/* medusa-order-summaries.c: an order list page read straight from its text
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order history keeps only summaries (medusa_order_copy_summary()), yet
 * the json-glib path builds a tree of the whole page (one GHashTable per
 * object) and every model of every order: 85 % of the instructions of
 * parsing a page (bench/README.md). This reader walks the text once, builds
 * the summaries and skips what they do not keep, without allocating.
 *
 * It must give exactly what the json-glib path gives. It decides only where
 * it is sure to: it reads strict JSON (RFC 8259) and checks every member
 * the order's models check (types, ids, dates, nested objects and lists,
 * sums of quantities) as medusa_json_read_*() does. Anything else — every
 * body the json-glib path refuses, and what json-glib might read its own
 * way (a \u0000 escape, escapes in member names or in kept strings, an
 * empty member name, a duplicate member the models read, numbers with an
 * exponent or more than 18 digits, raw control characters in strings) —
 * makes it give up, and the json-glib path decides: the same page or the
 * same error. So a refusal here is never an error of its own.
 */
#include "medusa-order-summaries.h"

#include <math.h>
#include <string.h>

#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-money.h"
#include "medusa-order.h"
#include "medusa-order-private.h"

/* The text being read; every reader returns FALSE to give up. */
typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  GTimeZone  *utc;
} Scan;

typedef enum
{
  F_ID,        /* medusa_json_read_id(): a non-empty string */
  F_STRING,    /* a string or null */
  F_INT,       /* medusa_json_read_int() */
  F_DOUBLE,    /* medusa_json_read_double() */
  F_DATE,      /* medusa_json_read_date() */
  F_OBJECT,    /* an object or null, not looked into */
  F_NESTED,    /* medusa_json_read_nested_string() of @nested */
  F_MODEL,     /* an object or null, read with @schema */
  F_LIST,      /* an array or null of objects, each read with @schema */
  F_STRINGS,   /* an array or null of strings (a fulfillment's tracking_numbers) */
} FieldKind;

typedef struct _Schema Schema;

typedef struct
{
  const char    *member;
  guint8         length;
  FieldKind      kind;
  gboolean       keep;     /* read into the summary: no escapes taken */
  const char    *nested;   /* F_NESTED */
  const Schema  *schema;   /* F_MODEL, F_LIST */
  gboolean       sum;      /* F_LIST: add up the elements' "quantity" */
} Field;

#define MAX_FIELDS 32

typedef struct
{
  gboolean    null;        /* null (or absent) */
  gint64      i;           /* F_INT; F_LIST: the checked sum of quantities */
  double      d;           /* F_DOUBLE */
  const char *s;           /* F_ID, F_STRING: the raw bytes (no escapes when kept) */
  gsize       len;
  GDateTime  *date;        /* (owned) F_DATE */
  guint       n;           /* F_LIST: elements */
  gboolean    bad;         /* F_STRINGS: not an array of strings */
} Value;

typedef struct
{
  guint32 seen;
  Value   values[MAX_FIELDS];
} ObjectState;

struct _Schema
{
  const Field *fields;
  guint        n_fields;
  /* after the members: FALSE to give up */
  gboolean   (*finish) (const Schema *schema, ObjectState *state, gpointer user_data);
};

#define FIELD(name, kind) { name, sizeof name - 1, kind, FALSE, NULL, NULL, FALSE }
#define KEEP(name, kind) { name, sizeof name - 1, kind, TRUE, NULL, NULL, FALSE }
#define NESTED(name, nested) { name, sizeof name - 1, F_NESTED, FALSE, nested, NULL, FALSE }
#define MODEL(name, schema) { name, sizeof name - 1, F_MODEL, FALSE, NULL, &schema, FALSE }
#define LIST(name, schema) { name, sizeof name - 1, F_LIST, FALSE, NULL, &schema, FALSE }
#define SUM_LIST(name, schema) { name, sizeof name - 1, F_LIST, FALSE, NULL, &schema, TRUE }

static gboolean finish_fields (const Schema *schema, ObjectState *state, gpointer user_data);
static gboolean finish_fulfillment (const Schema *schema, ObjectState *state, gpointer user_data);
static gboolean finish_order (const Schema *schema, ObjectState *state, gpointer user_data);

#define SCHEMA(fields, finish) { fields, G_N_ELEMENTS (fields), finish }

/* The members each model reads (its MedusaJsonField table and the rest of
 * its *_new_from_json()); keep them in step with those. */

/* medusa_line_item_new_from_json_with_currency() */
static const Field line_item_fields[] = {
  FIELD ("id", F_ID), FIELD ("title", F_STRING), FIELD ("description", F_STRING),
  FIELD ("thumbnail", F_STRING), FIELD ("quantity", F_INT), FIELD ("unit_price", F_INT),
  FIELD ("subtotal", F_INT), FIELD ("total", F_INT), FIELD ("tax_total", F_INT),
  FIELD ("discount_total", F_INT), NESTED ("variant", "title"),
};
static const Schema line_item_schema = SCHEMA (line_item_fields, finish_fields);

/* medusa_address_new_from_json() */
static const Field address_fields[] = {
  FIELD ("id", F_ID), FIELD ("customer_id", F_STRING), FIELD ("company", F_STRING),
  FIELD ("first_name", F_STRING), FIELD ("last_name", F_STRING),
  FIELD ("address_1", F_STRING), FIELD ("address_2", F_STRING), FIELD ("city", F_STRING),
  FIELD ("country_code", F_STRING), FIELD ("province", F_STRING),
  FIELD ("postal_code", F_STRING), FIELD ("phone", F_STRING), FIELD ("metadata", F_OBJECT),
  FIELD ("created_at", F_DATE), FIELD ("updated_at", F_DATE),
};
static const Schema address_schema = SCHEMA (address_fields, finish_fields);

/* medusa_shipping_method_new_from_json() */
static const Field shipping_method_fields[] = {
  FIELD ("id", F_ID), FIELD ("price", F_INT), NESTED ("shipping_option", "name"),
  FIELD ("total", F_INT),
};
static const Schema shipping_method_schema = SCHEMA (shipping_method_fields, finish_fields);

/* medusa_tracking_link_new_from_json() */
static const Field tracking_link_fields[] = {
  FIELD ("tracking_number", F_ID), FIELD ("url", F_STRING),
};
static const Schema tracking_link_schema = SCHEMA (tracking_link_fields, finish_fields);

/* count_items() of medusa-fulfillment.c */
static const Field quantity_fields[] = {
  FIELD ("quantity", F_INT),
};
static const Schema quantity_schema = SCHEMA (quantity_fields, finish_fields);

/* medusa_fulfillment_new_from_json() */
enum { FULFILLMENT_LINKS = 4, FULFILLMENT_NUMBERS = 5 };
static const Field fulfillment_fields[] = {
  FIELD ("id", F_ID), FIELD ("created_at", F_DATE), FIELD ("shipped_at", F_DATE),
  FIELD ("canceled_at", F_DATE), LIST ("tracking_links", tracking_link_schema),
  FIELD ("tracking_numbers", F_STRINGS), SUM_LIST ("items", quantity_schema),
};
static const Schema fulfillment_schema = SCHEMA (fulfillment_fields, finish_fulfillment);

/* medusa_payment_new_from_json() */
static const Field payment_fields[] = {
  FIELD ("id", F_ID), FIELD ("provider_id", F_STRING), FIELD ("amount", F_INT),
  FIELD ("amount_refunded", F_INT), FIELD ("currency_code", F_STRING),
  FIELD ("captured_at", F_DATE), FIELD ("canceled_at", F_DATE),
};
static const Schema payment_schema = SCHEMA (payment_fields, finish_fields);

/* read_codes() of medusa-order.c */
static const Field code_fields[] = {
  FIELD ("code", F_STRING),
};
static const Schema code_schema = SCHEMA (code_fields, finish_fields);

/* medusa_refund_new_from_json() */
static const Field refund_fields[] = {
  FIELD ("id", F_ID), FIELD ("amount", F_INT), FIELD ("reason", F_STRING),
  FIELD ("note", F_STRING), FIELD ("created_at", F_DATE),
};
static const Schema refund_schema = SCHEMA (refund_fields, finish_fields);

/* medusa_order_new_from_json(); the kept ones first, in this order */
enum {
  O_ID, O_DISPLAY_ID, O_CURRENCY, O_TAX_RATE, O_CREATED, O_CANCELED, O_SUBTOTAL,
  O_DISCOUNT, O_SHIPPING, O_TAX, O_GIFT_CARD, O_REFUNDED, O_PAID, O_TOTAL,
  O_STATUS, O_FULFILLMENT_STATUS, O_PAYMENT_STATUS, O_ITEMS,
};
static const Field order_fields[] = {
  KEEP ("id", F_ID), KEEP ("display_id", F_INT), KEEP ("currency_code", F_STRING),
  KEEP ("tax_rate", F_DOUBLE), KEEP ("created_at", F_DATE), KEEP ("canceled_at", F_DATE),
  KEEP ("subtotal", F_INT), KEEP ("discount_total", F_INT), KEEP ("shipping_total", F_INT),
  KEEP ("tax_total", F_INT), KEEP ("gift_card_total", F_INT), KEEP ("refunded_total", F_INT),
  KEEP ("paid_total", F_INT), KEEP ("total", F_INT), KEEP ("status", F_STRING),
  KEEP ("fulfillment_status", F_STRING), KEEP ("payment_status", F_STRING),
  SUM_LIST ("items", line_item_schema),
  FIELD ("email", F_STRING), FIELD ("region_id", F_STRING), FIELD ("metadata", F_OBJECT),
  NESTED ("region", "name"), MODEL ("shipping_address", address_schema),
  MODEL ("billing_address", address_schema),
  LIST ("shipping_methods", shipping_method_schema), LIST ("fulfillments", fulfillment_schema),
  LIST ("payments", payment_schema), LIST ("discounts", code_schema),
  LIST ("gift_cards", code_schema), LIST ("refunds", refund_schema),
};

G_STATIC_ASSERT (G_N_ELEMENTS (order_fields) <= MAX_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (address_fields) <= MAX_FIELDS);

#undef FIELD
#undef KEEP
#undef NESTED
#undef MODEL
#undef LIST
#undef SUM_LIST

/* Lexical level */

static inline void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* Expects @c after optional white space. */
static inline gboolean
expect (Scan *s,
        char  c)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static gboolean
hex4 (const char *p,
      gunichar   *out)
{
  gunichar value = 0;

  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return FALSE;
      value = value << 4 | (gunichar) g_ascii_xdigit_value (p[k]);
    }

  *out = value;
  return TRUE;
}

/* The bytes a string takes as they are: not '"', '\\', a control
 * character (JSON refuses them raw; NUL included) or beyond ASCII. */
static const guint8 plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
  R16 (0), R16 (0),
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* '"' */
  R16 (1), R16 (1),
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,   /* '\\' */
  R16 (1), R16 (1),
  R16 (0), R16 (0), R16 (0), R16 (0), R16 (0), R16 (0), R16 (0), R16 (0),
#undef R16
};

/* A string at s->p (the opening quote): its raw bytes into @start and
 * @len, and whether it has escapes. Bytes beyond ASCII must be UTF-8
 * (g_utf8_validate_len() of the string: outside strings, the grammar has
 * none, so this is medusa_json_parse()'s check of the whole body). */
static gboolean
scan_string (Scan        *s,
             const char **start,
             gsize       *len,
             gboolean    *escaped)
{
  const char *p = s->p + 1;
  gboolean high = FALSE;

  *escaped = FALSE;
  *start = p;
  for (;;)
    {
      guchar c;

      while (p < s->end && plain[(guchar) *p])
        p++;
      if (p >= s->end)
        return FALSE;
      c = (guchar) *p;
      if (c == '"')
        break;
      if (c >= 0x80)
        {
          high = TRUE;
          p++;
          continue;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          gunichar unit, low;

          *escaped = TRUE;
          if (++p >= s->end)
            return FALSE;
          switch (*p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              break;
            case 'u':
              if (s->end - p <= 4 || !hex4 (p + 1, &unit) || unit == 0)
                return FALSE;
              p += 4;
              if (unit >= 0xdc00 && unit <= 0xdfff)
                return FALSE;
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  if (s->end - p <= 6 || p[1] != '\\' || p[2] != 'u' ||
                      !hex4 (p + 3, &low) || low < 0xdc00 || low > 0xdfff)
                    return FALSE;
                  p += 6;
                }
              break;
            default:
              return FALSE;
            }
        }
      p++;
    }

  *len = (gsize) (p - *start);
  s->p = p + 1;
  return !high || g_utf8_validate_len (*start, *len, NULL);
}

/* A number at s->p: -?(0|[1-9][0-9]*)(.[0-9]+)? with at most 18 digits
 * before the point and 17 after it (no exponent). *@is_int and *@i for an
 * integer, else *@d as g_ascii_strtod() reads it (json-glib: g_strtod()). */
static gboolean
scan_number (Scan     *s,
             gboolean *is_int,
             gint64   *i,
             double   *d)
{
  const char *start = s->p;
  const char *p = s->p;
  gboolean negative = FALSE;
  guint64 value = 0;
  guint n_int = 0, n_frac = 0;

  if (p < s->end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= s->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0' && p + 1 < s->end && g_ascii_isdigit (p[1]))
    return FALSE;
  while (p < s->end && g_ascii_isdigit (*p))
    {
      if (++n_int > 18)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
      p++;
    }

  if (p < s->end && *p == '.')
    {
      p++;
      while (p < s->end && g_ascii_isdigit (*p))
        {
          if (++n_frac > 17)
            return FALSE;
          p++;
        }
      if (n_frac == 0)
        return FALSE;
    }
  if (p < s->end && (*p == 'e' || *p == 'E'))
    return FALSE;

  s->p = p;
  *is_int = n_frac == 0;
  if (*is_int)
    *i = negative ? -(gint64) value : (gint64) value;
  else
    {
      char text[48];

      memcpy (text, start, (gsize) (p - start));
      text[p - start] = '\0';
      *d = g_ascii_strtod (text, NULL);
    }

  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word,
              gsize       len)
{
  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

/* null at s->p (after white space)? Consumed if so. */
static gboolean
take_null (Scan *s)
{
  skip_space (s);
  return s->p < s->end && *s->p == 'n' && scan_literal (s, "null", 4);
}

static gboolean skip_value (Scan *s);

/* A member name and its colon; @name and @len are the raw bytes. */
static gboolean
scan_member_name (Scan        *s,
                  const char **name,
                  gsize       *len)
{
  gboolean escaped;

  skip_space (s);
  if (s->p >= s->end || *s->p != '"' || !scan_string (s, name, len, &escaped))
    return FALSE;
  /* json-glib decodes escapes in names, and may refuse an empty one */
  if (escaped || *len == 0)
    return FALSE;
  return expect (s, ':');
}

static gboolean
enter (Scan *s)
{
  s->p++;
  return ++s->depth <= MEDUSA_JSON_MAX_DEPTH;
}

/* After a member or element: ',' (then *@more) or @close. */
static gboolean
next (Scan     *s,
      char      close,
      gboolean *more)
{
  skip_space (s);
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == ',')
    {
      s->p++;
      *more = TRUE;
      return TRUE;
    }
  if (*s->p == close)
    {
      s->p++;
      s->depth--;
      *more = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* '{' or '[' just entered: TRUE in *@empty when @close follows. */
static void
check_empty (Scan     *s,
             char      close,
             gboolean *empty)
{
  skip_space (s);
  *empty = s->p < s->end && *s->p == close;
  if (*empty)
    {
      s->p++;
      s->depth--;
    }
}

static gboolean
skip_value (Scan *s)
{
  gboolean more = TRUE, empty, escaped, is_int;
  const char *start;
  gsize len;
  gint64 i;
  double d;

  skip_space (s);
  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '"':
      return scan_string (s, &start, &len, &escaped);
    case '{':
      if (!enter (s))
        return FALSE;
      check_empty (s, '}', &empty);
      if (empty)
        return TRUE;
      while (more)
        if (!scan_member_name (s, &start, &len) || !skip_value (s) || !next (s, '}', &more))
          return FALSE;
      return TRUE;
    case '[':
      if (!enter (s))
        return FALSE;
      check_empty (s, ']', &empty);
      if (empty)
        return TRUE;
      while (more)
        if (!skip_value (s) || !next (s, ']', &more))
          return FALSE;
      return TRUE;
    case 't':
      return scan_literal (s, "true", 4);
    case 'f':
      return scan_literal (s, "false", 5);
    case 'n':
      return scan_literal (s, "null", 4);
    default:
      return scan_number (s, &is_int, &i, &d);
    }
}

/* Values, as medusa_json_read_*() takes them */

static gboolean
read_string (Scan     *s,
             gboolean  keep,
             Value    *v)
{
  gboolean escaped;

  if (take_null (s))
    return TRUE;
  if (s->p >= s->end || *s->p != '"' || !scan_string (s, &v->s, &v->len, &escaped))
    return FALSE;
  v->null = FALSE;
  /* kept text would need decoding: left to json-glib */
  return !(keep && escaped);
}

static gboolean
read_number (Scan     *s,
             gboolean *is_int,
             gint64   *i,
             double   *d)
{
  skip_space (s);
  if (s->p >= s->end || (*s->p != '-' && !g_ascii_isdigit (*s->p)))
    return FALSE;
  return scan_number (s, is_int, i, d);
}

static gboolean
read_int (Scan  *s,
          Value *v)
{
  gboolean is_int;
  double d;

  if (take_null (s))
    return TRUE;
  if (!read_number (s, &is_int, &v->i, &d))
    return FALSE;
  v->null = FALSE;
  if (is_int)
    return TRUE;

  /* JavaScript numbers: 1950.0 is still an integer amount. */
  if (isfinite (d) && d >= (double) G_MININT64 && d < (double) G_MAXINT64 &&
      d == (double) (gint64) d)
    {
      v->i = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_double (Scan  *s,
             Value *v)
{
  gboolean is_int;
  gint64 i;

  if (take_null (s))
    return TRUE;
  if (!read_number (s, &is_int, &i, &v->d))
    return FALSE;
  v->null = FALSE;
  if (is_int)
    v->d = (double) i;
  return TRUE;
}

static gboolean
read_date (Scan  *s,
           Value *v)
{
  g_autoptr(GDateTime) parsed = NULL;
  char text[64];
  int year;

  if (!read_string (s, TRUE, v))
    return FALSE;
  if (v->null)
    return TRUE;
  if (v->len >= sizeof text)
    return FALSE;

  memcpy (text, v->s, v->len);
  text[v->len] = '\0';
  if (strlen (text) != v->len)
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, s->utc);
  if (parsed == NULL)
    return FALSE;

  g_clear_pointer (&v->date, g_date_time_unref);
  v->date = g_date_time_to_timezone (parsed, s->utc);
  year = g_date_time_get_year (v->date);
  return year >= 2 && year <= 9998;
}

/* An object or null, with the string member @member or none. */
static gboolean
read_nested (Scan       *s,
             const char *member)
{
  gboolean more = TRUE, empty, seen = FALSE;
  gsize member_len = strlen (member);

  if (take_null (s))
    return TRUE;
  if (s->p >= s->end || *s->p != '{' || !enter (s))
    return FALSE;
  check_empty (s, '}', &empty);
  if (empty)
    return TRUE;

  while (more)
    {
      const char *name;
      gsize len;

      if (!scan_member_name (s, &name, &len))
        return FALSE;
      if (len == member_len && memcmp (name, member, len) == 0)
        {
          Value v = { TRUE, 0, };

          if (seen || !read_string (s, FALSE, &v))
            return FALSE;
          seen = TRUE;
        }
      else if (!skip_value (s))
        return FALSE;
      if (!next (s, '}', &more))
        return FALSE;
    }

  return TRUE;
}

static gboolean read_object (Scan *s, const Schema *schema, gpointer user_data);

/* An array or null of objects read with @field's schema. */
static gboolean
read_list (Scan        *s,
           const Field *field,
           Value       *v,
           gpointer     user_data)
{
  gboolean more = TRUE, empty;

  v->i = 0;
  v->n = 0;
  if (take_null (s))
    return TRUE;
  if (s->p >= s->end || *s->p != '[' || !enter (s))
    return FALSE;
  v->null = FALSE;
  check_empty (s, ']', &empty);
  if (empty)
    return TRUE;

  while (more)
    {
      gint64 quantity = 0;

      skip_space (s);
      if (s->p >= s->end || *s->p != '{' || v->n == G_MAXUINT)
        return FALSE;
      if (!read_object (s, field->schema, field->sum ? (gpointer) &quantity : user_data))
        return FALSE;
      v->n++;
      if (field->sum && !medusa_money_checked_add (v->i, quantity, &v->i))
        return FALSE;
      if (!next (s, ']', &more))
        return FALSE;
    }

  return TRUE;
}

/* An array or null: of strings into v->n, else v->bad. */
static gboolean
read_strings (Scan  *s,
              Value *v)
{
  gboolean more = TRUE, empty;

  if (take_null (s))
    return TRUE;
  if (s->p >= s->end || *s->p != '[')
    {
      v->bad = TRUE;
      return skip_value (s);
    }
  if (!enter (s))
    return FALSE;
  v->null = FALSE;
  check_empty (s, ']', &empty);
  if (empty)
    return TRUE;

  while (more)
    {
      skip_space (s);
      if (s->p < s->end && *s->p != '"')
        v->bad = TRUE;
      if (!skip_value (s) || !next (s, ']', &more))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_field (Scan        *s,
            const Field *field,
            Value       *v)
{
  switch (field->kind)
    {
    case F_ID:
      return read_string (s, field->keep, v) && (v->null || v->len > 0);
    case F_STRING:
      return read_string (s, field->keep, v);
    case F_INT:
      return read_int (s, v);
    case F_DOUBLE:
      return read_double (s, v);
    case F_DATE:
      return read_date (s, v);
    case F_OBJECT:
      if (take_null (s))
        return TRUE;
      v->null = FALSE;
      return s->p < s->end && *s->p == '{' && skip_value (s);
    case F_NESTED:
      return read_nested (s, field->nested);
    case F_MODEL:
      if (take_null (s))
        return TRUE;
      v->null = FALSE;
      return s->p < s->end && *s->p == '{' && read_object (s, field->schema, NULL);
    case F_LIST:
      return read_list (s, field, v, NULL);
    case F_STRINGS:
      return read_strings (s, v);
    default:
      g_assert_not_reached ();
    }
}

static void
clear_state (ObjectState *state,
             guint        n_fields)
{
  for (guint k = 0; k < n_fields; k++)
    g_clear_pointer (&state->values[k].date, g_date_time_unref);
}

/* An object (s->p at '{') whose members @schema's fields are read; the
 * others skipped. A member read twice gives up. */
static gboolean
read_object (Scan          *s,
             const Schema  *schema,
             gpointer       user_data)
{
  ObjectState state;
  gboolean more = TRUE, empty, ok = FALSE;

  state.seen = 0;
  for (guint k = 0; k < schema->n_fields; k++)
    state.values[k] = (Value) { TRUE, 0, 0.0, NULL, 0, NULL, 0, FALSE };

  if (!enter (s))
    return FALSE;
  check_empty (s, '}', &empty);

  while (!empty && more)
    {
      const char *name;
      gsize len;
      const Field *field = NULL;
      guint index = 0;

      if (!scan_member_name (s, &name, &len))
        goto out;

      for (guint k = 0; k < schema->n_fields && field == NULL; k++)
        {
          const Field *f = &schema->fields[k];

          if (f->length == len && memcmp (f->member, name, len) == 0)
            {
              field = f;
              index = k;
            }
        }

      if (field == NULL)
        {
          if (!skip_value (s))
            goto out;
        }
      else
        {
          if ((state.seen & (1u << index)) != 0 || !read_field (s, field, &state.values[index]))
            goto out;
          state.seen |= 1u << index;
        }

      if (!next (s, '}', &more))
        goto out;
    }

  ok = schema->finish (schema, &state, user_data);

out:
  clear_state (&state, schema->n_fields);
  return ok;
}

/* What every model checks after its members: an id is there. The
 * "quantity" goes to @user_data when a list adds them up. */
static gboolean
finish_fields (const Schema *schema,
               ObjectState  *state,
               gpointer      user_data)
{
  for (guint k = 0; k < schema->n_fields; k++)
    {
      const Field *f = &schema->fields[k];

      if (f->kind == F_ID && state->values[k].null)
        return FALSE;
      if (user_data != NULL && f->kind == F_INT && strcmp (f->member, "quantity") == 0)
        *(gint64 *) user_data = state->values[k].i;
    }

  return TRUE;
}

static gboolean
finish_fulfillment (const Schema *schema,
                    ObjectState  *state,
                    gpointer      user_data)
{
  /* tracking_numbers is read only when there are no tracking_links */
  if (state->values[FULFILLMENT_LINKS].n == 0 && state->values[FULFILLMENT_NUMBERS].bad)
    return FALSE;
  return finish_fields (schema, state, user_data);
}

static char *
dup_value (const Value *v)
{
  return v->null ? NULL : g_strndup (v->s, v->len);
}

static guint
status_value (const Value *v,
              guint      (*from_string) (const char *str))
{
  char text[64];

  if (v->null)
    return from_string (NULL);
  if (v->len >= sizeof text)
    {
      g_autofree char *copy = dup_value (v);
      return from_string (copy);
    }
  memcpy (text, v->s, v->len);
  text[v->len] = '\0';
  return from_string (text);
}

/* The summary into the GListStore @user_data. */
static gboolean
finish_order (const Schema *schema,
              ObjectState  *state,
              gpointer      user_data)
{
  GListStore *store = user_data;
  Value *v = state->values;
  MedusaOrderSummaryFields fields = { 0, };
  g_autoptr(MedusaOrder) order = NULL;

  if (v[O_ID].null)
    return FALSE;
  /* a NUL in a kept string ends it for json-glib's C strings; none is
   * possible (no escapes are kept, and the body has no NUL byte) */

  fields.id = dup_value (&v[O_ID]);
  fields.display_id = v[O_DISPLAY_ID].i;
  fields.currency_code = dup_value (&v[O_CURRENCY]);
  fields.tax_rate = v[O_TAX_RATE].null ? 0.0 : v[O_TAX_RATE].d;
  fields.created_at = g_steal_pointer (&v[O_CREATED].date);
  fields.canceled_at = g_steal_pointer (&v[O_CANCELED].date);
  fields.subtotal = v[O_SUBTOTAL].i;
  fields.discount_total = v[O_DISCOUNT].i;
  fields.shipping_total = v[O_SHIPPING].i;
  fields.tax_total = v[O_TAX].i;
  fields.gift_card_total = v[O_GIFT_CARD].i;
  fields.refunded_total = v[O_REFUNDED].i;
  fields.paid_total = v[O_PAID].i;
  fields.total = v[O_TOTAL].i;
  fields.status = status_value (&v[O_STATUS], (guint (*) (const char *)) medusa_order_status_from_string);
  fields.fulfillment_status = status_value (&v[O_FULFILLMENT_STATUS],
                                            (guint (*) (const char *)) medusa_fulfillment_status_from_string);
  fields.payment_status = status_value (&v[O_PAYMENT_STATUS],
                                        (guint (*) (const char *)) medusa_payment_status_from_string);
  fields.n_items = v[O_ITEMS].i;

  order = _medusa_order_new_summary (&fields);
  g_list_store_append (store, order);
  return TRUE;
}

static const Schema order_schema = SCHEMA (order_fields, finish_order);

/* The page: {"orders": [...], "count", "offset", "limit"} */
static gboolean
read_page (Scan        *s,
           GListStore  *orders,
           gint64      *count,
           gint64      *offset,
           gint64      *limit)
{
  gboolean more = TRUE, empty, seen_orders = FALSE;
  gboolean seen[3] = { FALSE, FALSE, FALSE };
  Value values[3] = { { TRUE, 0, }, { TRUE, 0, }, { TRUE, 0, } };
  static const char * const names[3] = { "count", "offset", "limit" };

  skip_space (s);
  if (s->p >= s->end || *s->p != '{' || !enter (s))
    return FALSE;
  check_empty (s, '}', &empty);
  if (empty)
    return FALSE;   /* no "orders" */

  while (more)
    {
      const char *name;
      gsize len;
      int which = -1;

      if (!scan_member_name (s, &name, &len))
        return FALSE;

      for (int k = 0; k < 3; k++)
        if (len == strlen (names[k]) && memcmp (name, names[k], len) == 0)
          which = k;

      if (which >= 0)
        {
          if (seen[which] || !read_int (s, &values[which]))
            return FALSE;
          seen[which] = TRUE;
        }
      else if (len == 6 && memcmp (name, "orders", 6) == 0)
        {
          gboolean more_orders = TRUE, no_orders;

          if (seen_orders)
            return FALSE;
          seen_orders = TRUE;

          /* missing or null is an error */
          skip_space (s);
          if (s->p >= s->end || *s->p != '[' || !enter (s))
            return FALSE;
          check_empty (s, ']', &no_orders);
          while (!no_orders && more_orders)
            {
              skip_space (s);
              if (s->p >= s->end || *s->p != '{' ||
                  !read_object (s, &order_schema, orders) ||
                  !next (s, ']', &more_orders))
                return FALSE;
            }
        }
      else if (!skip_value (s))
        return FALSE;

      if (!next (s, '}', &more))
        return FALSE;
    }

  if (!seen_orders)
    return FALSE;

  *count = values[0].i;
  *offset = values[1].i;
  *limit = values[2].i;
  if (*count < 0 || *offset < 0 || *limit < 0)
    return FALSE;
  /* json_object_has_member(): a null "count" is there (and reads as 0) */
  if (!seen[0] &&
      !medusa_money_checked_add (*offset, g_list_model_get_n_items (G_LIST_MODEL (orders)), count))
    return FALSE;

  return TRUE;
}

MedusaOrderPage *
medusa_order_page_summaries_from_text_fast (const char *data,
                                            gsize       size)
{
  g_autoptr(GListStore) orders = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  gint64 count = 0, offset = 0, limit = 0;
  Scan s;

  /* medusa_json_parse()'s bounds: no data, empty, over G_MAXSSIZE (the
   * client's limit). Not UTF-8, a NUL byte: see scan_string(). */
  if (data == NULL || size == 0 || size > G_MAXSSIZE)
    return NULL;

  utc = g_time_zone_new_utc ();
  s = (Scan) { data, data + size, 0, utc };
  orders = g_list_store_new (MEDUSA_TYPE_ORDER);

  if (!read_page (&s, orders, &count, &offset, &limit))
    return NULL;
  skip_space (&s);
  if (s.p != s.end)
    return NULL;

  return _medusa_order_page_new (g_steal_pointer (&orders), count, offset, limit);
}

MedusaOrderPage *
medusa_order_page_summaries_from_text_slow (const char  *data,
                                            gsize        size,
                                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MedusaOrderPage) full = NULL;
  g_autoptr(GListStore) orders = NULL;
  GListModel *list;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (size > G_MAXSSIZE)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Invalid JSON: too large");
      return NULL;
    }
  root = medusa_json_parse (data, (gssize) size, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Invalid JSON: not an object");
      return NULL;
    }

  full = medusa_order_page_new_from_json (json_node_get_object (root), error);
  if (full == NULL)
    return NULL;

  orders = g_list_store_new (MEDUSA_TYPE_ORDER);
  list = medusa_order_page_get_orders (full);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (list, i);
      g_autoptr(MedusaOrder) summary = medusa_order_copy_summary (order);

      g_list_store_append (orders, summary);
    }

  return _medusa_order_page_new (g_steal_pointer (&orders), medusa_order_page_get_count (full),
                                 medusa_order_page_get_offset (full),
                                 medusa_order_page_get_limit (full));
}

MedusaOrderPage *
medusa_order_page_summaries_from_text (const char  *data,
                                       gsize        size,
                                       GError     **error)
{
  MedusaOrderPage *page;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  page = medusa_order_page_summaries_from_text_fast (data, size);
  if (page != NULL)
    return page;

  return medusa_order_page_summaries_from_text_slow (data, size, error);
}

/* Comparison (tests) */

static gboolean
dates_equal (GDateTime *a,
             GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b) &&
         g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b);
}

gboolean
medusa_order_page_summaries_equal (MedusaOrderPage  *a,
                                   MedusaOrderPage  *b,
                                   char            **why)
{
  GListModel *la = medusa_order_page_get_orders (a);
  GListModel *lb = medusa_order_page_get_orders (b);
  guint n = g_list_model_get_n_items (la);

#define DIFFERS(...) G_STMT_START { if (why != NULL) *why = g_strdup_printf (__VA_ARGS__); return FALSE; } G_STMT_END

  if (medusa_order_page_get_count (a) != medusa_order_page_get_count (b) ||
      medusa_order_page_get_offset (a) != medusa_order_page_get_offset (b) ||
      medusa_order_page_get_limit (a) != medusa_order_page_get_limit (b))
    DIFFERS ("count/offset/limit %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             " vs %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
             medusa_order_page_get_count (a), medusa_order_page_get_offset (a),
             medusa_order_page_get_limit (a), medusa_order_page_get_count (b),
             medusa_order_page_get_offset (b), medusa_order_page_get_limit (b));
  if (n != g_list_model_get_n_items (lb))
    DIFFERS ("%u vs %u orders", n, g_list_model_get_n_items (lb));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) x = g_list_model_get_item (la, i);
      g_autoptr(MedusaOrder) y = g_list_model_get_item (lb, i);
      double tx = medusa_order_get_tax_rate (x), ty = medusa_order_get_tax_rate (y);

#define SAME_INT(getter) \
      if (getter (x) != getter (y)) \
        DIFFERS ("order %u: %s %" G_GINT64_FORMAT " vs %" G_GINT64_FORMAT, i, #getter, \
                 (gint64) getter (x), (gint64) getter (y))
#define SAME_STR(getter) \
      if (g_strcmp0 (getter (x), getter (y)) != 0) \
        DIFFERS ("order %u: %s “%s” vs “%s”", i, #getter, getter (x), getter (y))

      SAME_STR (medusa_order_get_id);
      SAME_INT (medusa_order_get_display_id);
      SAME_STR (medusa_order_get_currency_code);
      SAME_INT (medusa_order_get_subtotal);
      SAME_INT (medusa_order_get_discount_total);
      SAME_INT (medusa_order_get_shipping_total);
      SAME_INT (medusa_order_get_tax_total);
      SAME_INT (medusa_order_get_gift_card_total);
      SAME_INT (medusa_order_get_refunded_total);
      SAME_INT (medusa_order_get_paid_total);
      SAME_INT (medusa_order_get_total);
      SAME_INT (medusa_order_get_status);
      SAME_INT (medusa_order_get_fulfillment_status);
      SAME_INT (medusa_order_get_payment_status);
      SAME_INT (medusa_order_get_n_items);
      if (memcmp (&tx, &ty, sizeof tx) != 0 && !(isnan (tx) && isnan (ty)))
        DIFFERS ("order %u: tax rate %.17g vs %.17g", i, tx, ty);
      if (!dates_equal (medusa_order_get_created_at (x), medusa_order_get_created_at (y)))
        DIFFERS ("order %u: created_at", i);
      if (!dates_equal (medusa_order_get_canceled_at (x), medusa_order_get_canceled_at (y)))
        DIFFERS ("order %u: canceled_at", i);
      /* what a summary leaves out */
      if (medusa_order_get_email (x) != NULL || medusa_order_get_email (y) != NULL ||
          medusa_order_get_region_name (x) != NULL || medusa_order_get_region_name (y) != NULL ||
          medusa_order_get_metadata (x) != NULL || medusa_order_get_metadata (y) != NULL ||
          g_list_model_get_n_items (medusa_order_get_items (x)) != 0 ||
          g_list_model_get_n_items (medusa_order_get_items (y)) != 0)
        DIFFERS ("order %u: not a summary", i);

#undef SAME_INT
#undef SAME_STR
    }

#undef DIFFERS

  return TRUE;
}
