/* medusa-json.c: private JSON readers shared by the models
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-json.h"

#include <math.h>
#include <string.h>

#include "medusa-error.h"

/* The member's node when it is present and not null; NULL otherwise. */
static JsonNode *
lookup_member (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
set_type_error (GError     **error,
                const char  *member,
                const char  *expected)
{
  g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
               "Member “%s” is not %s", member, expected);
  return FALSE;
}

static gboolean
node_holds (JsonNode *node,
            GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

/* Parsing */

static gboolean
set_parse_error (GError     **error,
                 const char  *what)
{
  g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Invalid JSON: %s", what);
  return FALSE;
}

/* The four hex digits of a \uXXXX escape at @p. */
static gboolean
read_hex4 (const char *p,
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

/* TRUE when the number token @token (@length bytes, JSON syntax) is an
 * integer, without fraction or exponent, that does not fit in a gint64 in
 * magnitude (json-glib would wrap it). Leading zeros are not JSON, but
 * json-glib reads them: they are skipped. */
static gboolean
integer_too_large (const char *token,
                   gsize       length)
{
  static const char max_digits[] = "9223372036854775807";
  gsize start = 0;
  gsize n_digits;

  if (length > 0 && token[0] == '-')
    start = 1;
  for (gsize k = start; k < length; k++)
    {
      if (!g_ascii_isdigit (token[k]))
        return FALSE;  /* a fraction or an exponent: a double */
    }
  while (start + 1 < length && token[start] == '0')
    start++;

  n_digits = length - start;
  if (n_digits != sizeof max_digits - 1)
    return n_digits > sizeof max_digits - 1;
  return memcmp (token + start, max_digits, n_digits) > 0;
}

/* One pass over the bytes, before json-glib sees them: nesting depth
 * (brackets inside strings do not count) and the lexical rules of JSON.
 * json-glib 1.6's scanner is more lenient than JSON, and wherever it reads
 * the bytes differently from this scan the depth count is wrong: a bracket
 * this scan takes to be inside a string is structure for json-glib, and a
 * document of any depth gets through (a stack overflow in json-glib). So
 * what json-glib reads its own way is refused here:
 *  - escapes JSON does not have (an octal "\615" becomes a raw byte that is
 *    not UTF-8): only \" \\ \/ \b \f \n \r \t and \uXXXX are taken;
 *  - a lone UTF-16 surrogate (\ud800 not followed by \udc00-\udfff, or a
 *    lone \udc00): json-glib swallows the character after it, a closing
 *    quote included, so the string goes on where this scan ended it;
 *  - outside strings, anything JSON has not there: C comments, strings in
 *    single quotes, hex numbers. Only white space, the structural characters
 *    and the characters of numbers, true, false and null are taken;
 *  - a second value after the first ("{}{}", "1[2]"): json-glib reads them
 *    all and leaks every one but the last;
 *  - an integer beyond ±(2^63 − 1): json-glib 1.6 wraps it without an error
 *    (99999999999999999999 reads as -1, 9223372036854775808 as G_MININT64),
 *    and a wrapped amount or quantity is a wrong value, not an error. */
static gboolean
scan_json (const char  *data,
           gsize        size,
           GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean top_value_seen = FALSE;  /* a value at depth 0 has begun */
  gboolean in_top_scalar = FALSE;   /* within a number or literal at depth 0 */
  gsize number_start = 0;           /* where the number being read began */
  gboolean in_number = FALSE;

  for (gsize i = 0; i <= size; i++)
    {
      char c = i < size ? data[i] : ' ';

      /* Numbers: a run of number characters that starts with '-' or a digit. */
      if (!in_string)
        {
          gboolean number_char = c != '\0' && strchr ("-+.0123456789eE", c) != NULL;

          if (in_number && !number_char)
            {
              in_number = FALSE;
              if (integer_too_large (data + number_start, i - number_start))
                return set_parse_error (error, "an integer too large for 64 bits");
            }
          else if (!in_number && (c == '-' || g_ascii_isdigit (c)) &&
                   (i == 0 || strchr ("eE+-.0123456789truflsn", data[i - 1]) == NULL))
            {
              in_number = TRUE;
              number_start = i;
            }
        }
      if (i == size)
        break;

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              gunichar unit, low;

              if (++i >= size)
                return set_parse_error (error, "an escape at the end");
              switch (data[i])
                {
                case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                  break;
                case 'u':
                  if (size - i <= 4 || !read_hex4 (data + i + 1, &unit))
                    return set_parse_error (error, "a malformed \\u escape");
                  i += 4;
                  if (unit >= 0xdc00 && unit <= 0xdfff)
                    return set_parse_error (error, "a lone surrogate escape");
                  if (unit >= 0xd800 && unit <= 0xdbff)
                    {
                      /* the low half must follow at once: \uDC00-\uDFFF */
                      if (size - i <= 6 || data[i + 1] != '\\' || data[i + 2] != 'u' ||
                          !read_hex4 (data + i + 3, &low) || low < 0xdc00 || low > 0xdfff)
                        return set_parse_error (error, "a lone surrogate escape");
                      i += 6;
                    }
                  break;
                default:
                  return set_parse_error (error, "an escape JSON does not define");
                }
            }
          continue;
        }

      if (depth == 0)
        {
          gboolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
          gboolean starts_value = c == '"' || c == '[' || c == '{' || (!space && !in_top_scalar);

          if (starts_value && top_value_seen)
            return set_parse_error (error, "more than one value");
          top_value_seen = top_value_seen || starts_value;
          in_top_scalar = !space && c != '"' && c != '[' && c != '{';
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > MEDUSA_JSON_MAX_DEPTH)
            return set_parse_error (error, "nested too deeply");
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          /* white space, ':' ',' and the characters of numbers, true, false, null */
          if (c == '\0' || strchr (" \t\n\r:,-+.0123456789eEtrufalsn", c) == NULL)
            return set_parse_error (error, "a character JSON does not have outside strings");
          break;
        }
    }

  return TRUE;
}

JsonNode *
medusa_json_parse (const char  *data,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  JsonNode *root;

  if (data == NULL)
    {
      set_parse_error (error, "no data");
      return NULL;
    }

  size = length < 0 ? strlen (data) : (gsize) length;
  if (size == 0)
    {
      set_parse_error (error, "empty");
      return NULL;
    }
  /* Also refuses NUL bytes, which json-glib would stop at. */
  if (!g_utf8_validate_len (data, size, NULL))
    {
      set_parse_error (error, "not UTF-8");
      return NULL;
    }
  if (!scan_json (data, size, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error) ||
      (root = json_parser_steal_root (parser)) == NULL)
    {
      /* json-glib quotes the bytes it stopped at, which need not be UTF-8 */
      g_autofree char *why = g_utf8_make_valid (local_error != NULL ? local_error->message : "no value", -1);

      set_parse_error (error, why);
      return NULL;
    }

  return root;
}

/* Readers */

/* The string @member into *@out. Invalid UTF-8 (json-glib decodes a lone
 * surrogate escape into it) is repaired with U+FFFD, or, when @exact, is an
 * error: an id or an email is looked up again (by the server, the keyring,
 * GSettings), and a repaired one would name something else. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     exact,
             char       **out,
             GError     **error)
{
  JsonNode *node = lookup_member (object, member);
  const char *value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL)
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }

  if (!node_holds (node, G_TYPE_STRING))
    return set_type_error (error, member, "a string");

  value = json_node_get_string (node);
  if (g_utf8_validate (value, -1, NULL))
    {
      g_free (*out);
      *out = g_strdup (value);
      return TRUE;
    }

  if (exact)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   "Member “%s” is not valid UTF-8", member);
      return FALSE;
    }

  g_free (*out);
  *out = g_utf8_make_valid (value, -1);
  return TRUE;
}

gboolean
medusa_json_read_string (JsonObject  *object,
                         const char  *member,
                         char       **out,
                         GError     **error)
{
  return read_string (object, member, FALSE, out, error);
}

gboolean
medusa_json_read_exact_string (JsonObject  *object,
                               const char  *member,
                               char       **out,
                               GError     **error)
{
  return read_string (object, member, TRUE, out, error);
}

gboolean
medusa_json_read_id (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     GError     **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!medusa_json_read_exact_string (object, member, &value, error))
    return FALSE;

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   "Member “%s” is missing or empty", member);
      return FALSE;
    }

  g_free (*out);
  *out = g_steal_pointer (&value);
  return TRUE;
}

char *
medusa_json_dup_string_member (JsonObject *object,
                               const char *member)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (member != NULL, NULL);

  if (!medusa_json_read_string (object, member, &value, NULL))
    return NULL;

  return g_steal_pointer (&value);
}

const char *
medusa_json_peek_string_member (JsonObject *object,
                                const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);

  node = object != NULL ? json_object_get_member (object, member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
medusa_json_read_int (JsonObject  *object,
                      const char  *member,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL)
    {
      *out = 0;
      return TRUE;
    }

  if (node_holds (node, G_TYPE_INT64))
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  if (node_holds (node, G_TYPE_DOUBLE))
    {
      double value = json_node_get_double (node);

      /* JavaScript numbers: 1950.0 is still an integer amount. */
      if (isfinite (value) &&
          value >= (double) G_MININT64 && value < (double) G_MAXINT64 &&
          value == (double) (gint64) value)
        {
          *out = (gint64) value;
          return TRUE;
        }
    }

  return set_type_error (error, member, "an integer");
}

gboolean
medusa_json_read_boolean (JsonObject  *object,
                          const char  *member,
                          gboolean    *out,
                          GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL)
    {
      *out = FALSE;
      return TRUE;
    }

  if (!node_holds (node, G_TYPE_BOOLEAN))
    return set_type_error (error, member, "a boolean");

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
medusa_json_read_double (JsonObject  *object,
                         const char  *member,
                         double      *out,
                         GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL)
    {
      *out = 0.0;
      return TRUE;
    }

  if (node_holds (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else if (node_holds (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else
    return set_type_error (error, member, "a number");

  return TRUE;
}

gboolean
medusa_json_read_date (JsonObject  *object,
                       const char  *member,
                       GDateTime  **out,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!medusa_json_read_string (object, member, &text, error))
    return FALSE;

  g_clear_pointer (out, g_date_time_unref);
  if (text == NULL)
    return TRUE;

  /* Strings without an offset are taken as UTC, which is what the API means. */
  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return set_type_error (error, member, "an ISO 8601 date");

  *out = g_date_time_to_timezone (parsed, utc);

  /* A day from either end of GDateTime's range (years 1-9999), a date has
   * no local time in some zones: g_date_time_to_local() gives NULL and the
   * pages could not show it. No store sends such a date. */
  if (g_date_time_get_year (*out) < 2 || g_date_time_get_year (*out) > 9998)
    {
      g_clear_pointer (out, g_date_time_unref);
      return set_type_error (error, member, "a date between the years 2 and 9998");
    }

  return TRUE;
}

gboolean
medusa_json_read_object (JsonObject   *object,
                         const char   *member,
                         JsonObject  **out,
                         GError      **error)
{
  JsonNode *node = lookup_member (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return set_type_error (error, member, "an object");

  g_clear_pointer (out, json_object_unref);
  if (node != NULL)
    *out = json_object_ref (json_node_get_object (node));

  return TRUE;
}

gboolean
medusa_json_read_array (JsonObject  *object,
                        const char  *member,
                        JsonArray  **out,
                        GError     **error)
{
  JsonNode *node = lookup_member (object, member);

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_type_error (error, member, "an array");

  *out = json_node_get_array (node);
  return TRUE;
}

static GListStore *
read_list (JsonObject               *object,
           const char               *member,
           GType                     item_type,
           MedusaJsonModelFunc       func,
           MedusaJsonModelFullFunc   full_func,
           gpointer                  user_data,
           GError                  **error)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  JsonArray *array = NULL;
  guint n;

  if (!medusa_json_read_array (object, member, &array, error))
    return NULL;

  n = array != NULL ? json_array_get_length (array) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “%s” is not an object", i, member);
          return NULL;
        }

      if (full_func != NULL)
        item = full_func (json_node_get_object (element), user_data, &local_error);
      else
        item = func (json_node_get_object (element), &local_error);

      if (item == NULL)
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “%s”: %s", i, member,
                       local_error != NULL ? local_error->message : "invalid");
          return NULL;
        }

      g_list_store_append (store, item);
    }

  return g_steal_pointer (&store);
}

GListStore *
medusa_json_read_list (JsonObject           *object,
                       const char           *member,
                       GType                 item_type,
                       MedusaJsonModelFunc   func,
                       GError              **error)
{
  g_return_val_if_fail (func != NULL, NULL);

  return read_list (object, member, item_type, func, NULL, NULL, error);
}

GListStore *
medusa_json_read_list_full (JsonObject               *object,
                            const char               *member,
                            GType                     item_type,
                            MedusaJsonModelFullFunc   func,
                            gpointer                  user_data,
                            GError                  **error)
{
  g_return_val_if_fail (func != NULL, NULL);

  return read_list (object, member, item_type, NULL, func, user_data, error);
}

gboolean
medusa_json_read_model (JsonObject           *object,
                        const char           *member,
                        MedusaJsonModelFunc   func,
                        gpointer             *out,
                        GError              **error)
{
  g_autoptr(JsonObject) nested = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer model;

  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!medusa_json_read_object (object, member, &nested, error))
    return FALSE;

  g_clear_object (out);
  if (nested == NULL)
    return TRUE;

  model = func (nested, &local_error);
  if (model == NULL)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   "Member “%s”: %s", member,
                   local_error != NULL ? local_error->message : "invalid");
      return FALSE;
    }

  *out = model;
  return TRUE;
}

gboolean
medusa_json_read_nested_string (JsonObject  *object,
                                const char  *member,
                                const char  *nested_member,
                                char       **out,
                                GError     **error)
{
  g_autoptr(JsonObject) nested = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!medusa_json_read_object (object, member, &nested, error))
    return FALSE;

  /* A missing parent object reads as a missing string. */
  return medusa_json_read_string (nested, nested_member, out, error);
}

gboolean
medusa_json_read_fields (JsonObject             *object,
                         gpointer                instance,
                         const MedusaJsonField  *fields,
                         guint                   n_fields,
                         GError                **error)
{
  g_return_val_if_fail (instance != NULL, FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      const MedusaJsonField *f = &fields[i];
      gpointer field = G_STRUCT_MEMBER_P (instance, f->offset);
      gboolean ok = FALSE;

      switch (f->type)
        {
        case MEDUSA_JSON_FIELD_ID:
          ok = medusa_json_read_id (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_STRING:
          ok = medusa_json_read_string (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_EXACT:
          ok = medusa_json_read_exact_string (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_INT:
          ok = medusa_json_read_int (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_BOOLEAN:
          ok = medusa_json_read_boolean (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_DOUBLE:
          ok = medusa_json_read_double (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_DATE:
          ok = medusa_json_read_date (object, f->member, field, error);
          break;
        case MEDUSA_JSON_FIELD_OBJECT:
          ok = medusa_json_read_object (object, f->member, field, error);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

gpointer
medusa_json_new_with_fields (GType                   type,
                             JsonObject             *object,
                             const MedusaJsonField  *fields,
                             guint                   n_fields,
                             GError                **error)
{
  g_autoptr(GObject) instance = NULL;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  instance = g_object_new (type, NULL);
  if (!medusa_json_read_fields (object, instance, fields, n_fields, error))
    return NULL;

  return g_steal_pointer (&instance);
}

void
medusa_json_clear_fields (gpointer               instance,
                          const MedusaJsonField *fields,
                          guint                  n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const MedusaJsonField *f = &fields[i];
      gpointer field = G_STRUCT_MEMBER_P (instance, f->offset);

      switch (f->type)
        {
        case MEDUSA_JSON_FIELD_ID:
        case MEDUSA_JSON_FIELD_STRING:
        case MEDUSA_JSON_FIELD_EXACT:
          g_clear_pointer ((char **) field, g_free);
          break;
        case MEDUSA_JSON_FIELD_DATE:
          g_clear_pointer ((GDateTime **) field, g_date_time_unref);
          break;
        case MEDUSA_JSON_FIELD_OBJECT:
          g_clear_pointer ((JsonObject **) field, json_object_unref);
          break;
        case MEDUSA_JSON_FIELD_INT:
        case MEDUSA_JSON_FIELD_BOOLEAN:
        case MEDUSA_JSON_FIELD_DOUBLE:
        default:
          break;
        }
    }
}

void
medusa_json_install_fields (GObjectClass           *klass,
                            GParamSpec            **pspecs,
                            guint                   first_id,
                            const MedusaJsonField  *fields,
                            guint                   n_fields)
{
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  for (guint i = 0; i < n_fields; i++)
    {
      const MedusaJsonField *f = &fields[i];
      GParamSpec *pspec = NULL;

      switch (f->type)
        {
        case MEDUSA_JSON_FIELD_ID:
        case MEDUSA_JSON_FIELD_STRING:
        case MEDUSA_JSON_FIELD_EXACT:
          pspec = g_param_spec_string (f->property, NULL, NULL, NULL, flags);
          break;
        case MEDUSA_JSON_FIELD_INT:
          pspec = g_param_spec_int64 (f->property, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case MEDUSA_JSON_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (f->property, NULL, NULL, FALSE, flags);
          break;
        case MEDUSA_JSON_FIELD_DOUBLE:
          pspec = g_param_spec_double (f->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
          break;
        case MEDUSA_JSON_FIELD_DATE:
          pspec = g_param_spec_boxed (f->property, NULL, NULL, G_TYPE_DATE_TIME, flags);
          break;
        case MEDUSA_JSON_FIELD_OBJECT:
          pspec = g_param_spec_boxed (f->property, NULL, NULL, JSON_TYPE_OBJECT, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      pspecs[first_id + i] = pspec;
      g_object_class_install_property (klass, first_id + i, pspec);
    }
}

gboolean
medusa_json_get_field_property (gpointer               instance,
                                guint                  prop_id,
                                guint                  first_id,
                                const MedusaJsonField *fields,
                                guint                  n_fields,
                                GValue                *value)
{
  const MedusaJsonField *f;
  gpointer field;

  if (prop_id < first_id || prop_id >= first_id + n_fields)
    return FALSE;

  f = &fields[prop_id - first_id];
  field = G_STRUCT_MEMBER_P (instance, f->offset);

  switch (f->type)
    {
    case MEDUSA_JSON_FIELD_ID:
    case MEDUSA_JSON_FIELD_STRING:
    case MEDUSA_JSON_FIELD_EXACT:
      g_value_set_string (value, *(char **) field);
      break;
    case MEDUSA_JSON_FIELD_INT:
      g_value_set_int64 (value, *(gint64 *) field);
      break;
    case MEDUSA_JSON_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) field);
      break;
    case MEDUSA_JSON_FIELD_DOUBLE:
      g_value_set_double (value, *(double *) field);
      break;
    case MEDUSA_JSON_FIELD_DATE:
    case MEDUSA_JSON_FIELD_OBJECT:
      g_value_set_boxed (value, *(gpointer *) field);
      break;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}
