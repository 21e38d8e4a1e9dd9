/* fuzz-json-parse.c: medusa_json_parse(), the one parser of network JSON
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes in. Checks: a root comes back only for valid UTF-8 nested at most
 * MEDUSA_JSON_MAX_DEPTH deep, with an error otherwise; every string in the
 * tree, read as the models read it (medusa_json_read_string), is valid UTF-8;
 * the other readers refuse wrong types with an error and never crash.
 */
#define G_LOG_DOMAIN "FuzzJsonParse"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-error.h"
#include "medusa-json.h"

static void check_node (JsonNode *node, guint depth);

/* Every reader on @member of @object, as a model would call it. */
static void
read_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  gboolean is_string = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_STRING;
  g_autoptr(GError) error = NULL;
  g_autofree char *str = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(JsonObject) child = NULL;
  JsonArray *array = NULL;
  gint64 i64 = 0;
  double d = 0;
  gboolean b = FALSE;
  gboolean ok;

  ok = medusa_json_read_string (object, member, &str, &error);
  if (is_string)
    {
      FUZZ_CHECK (ok && str != NULL, "a string member was not read: %s",
                  error != NULL ? error->message : "(no error)");
      FUZZ_CHECK_UTF8 (str, "a string read with medusa_json_read_string");
    }
  else
    {
      FUZZ_CHECK (ok == (error == NULL), "result and error disagree");
      FUZZ_CHECK (str == NULL, "a non-string member gave a string");
    }
  g_clear_error (&error);

  ok = medusa_json_read_id (object, member, &id, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_id: result and error disagree");
  if (ok)
    {
      FUZZ_CHECK (id != NULL && *id != '\0', "read_id accepted an empty id");
      FUZZ_CHECK (g_utf8_validate (id, -1, NULL), "read_id accepted an id that is not UTF-8");
    }
  else
    FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE), "read_id: not a PARSE error");
  g_clear_error (&error);

  ok = medusa_json_read_int (object, member, &i64, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_int: result and error disagree");
  g_clear_error (&error);
  ok = medusa_json_read_double (object, member, &d, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_double: result and error disagree");
  g_clear_error (&error);
  ok = medusa_json_read_boolean (object, member, &b, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_boolean: result and error disagree");
  g_clear_error (&error);

  ok = medusa_json_read_date (object, member, &date, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_date: result and error disagree");
  if (ok && date != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      FUZZ_CHECK (g_date_time_get_utc_offset (date) == 0, "read_date gave a date that is not UTC");
      FUZZ_CHECK (iso != NULL, "a read date cannot be formatted");
    }
  g_clear_error (&error);

  ok = medusa_json_read_object (object, member, &child, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_object: result and error disagree");
  g_clear_error (&error);
  ok = medusa_json_read_array (object, member, &array, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_array: result and error disagree");
  g_clear_error (&error);

  if (ok && array != NULL)
    {
      /* Strings inside arrays are read the same way: through a one-member object. */
      guint n = json_array_get_length (array);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(JsonObject) wrapper = json_object_new ();
          g_autofree char *element = NULL;

          json_object_set_member (wrapper, "v", json_node_copy (json_array_get_element (array, k)));
          if (medusa_json_read_string (wrapper, "v", &element, NULL))
            FUZZ_CHECK_UTF8 (element, "a string in an array");
        }
    }

  ok = medusa_json_read_nested_string (object, member, "name", &str, &error);
  FUZZ_CHECK (ok == (error == NULL), "read_nested_string: result and error disagree");
  if (ok)
    FUZZ_CHECK_UTF8 (str, "a nested string");
}

/* @depth: how many arrays and objects enclose @node */
static void
check_node (JsonNode *node,
            guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    FUZZ_CHECK (depth + 1 <= MEDUSA_JSON_MAX_DEPTH, "a tree deeper than %d came back",
                MEDUSA_JSON_MAX_DEPTH);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          read_member (object, l->data);
          check_node (json_object_get_member (object, l->data), depth + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint k = 0; k < n; k++)
        check_node (json_array_get_element (array, k), depth + 1);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = medusa_json_parse ((const char *) data, (gssize) size, &error);
  if (root == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE), "no root and no PARSE error");
      FUZZ_CHECK_UTF8 (error->message, "the parse error message");
      return 0;
    }

  FUZZ_CHECK (error == NULL, "a root and an error");
  FUZZ_CHECK (size > 0 && g_utf8_validate_len ((const char *) data, size, NULL),
              "bytes that are not UTF-8 were parsed");
  check_node (root, 0);

  return 0;
}
