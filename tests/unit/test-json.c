/* test-json.c: the one parser of network JSON (medusa_json_parse) and the
 * string readers the models use, against hostile input
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "medusa-error.h"
#include "medusa-json.h"

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD in UTF-8 */

/* Helpers */

/* @data parsed by medusa_json_parse(): the root, or NULL with a PARSE error. */
static JsonNode *
parse_len (const char *data,
           gssize      length)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = medusa_json_parse (data, length, &error);

  if (root == NULL)
    {
      g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
      g_assert_cmpstr (error->message, !=, "");
    }
  else
    {
      g_assert_no_error (error);
    }

  return root;
}

static void
assert_refused (const char *data,
                gssize      length)
{
  JsonNode *root = parse_len (data, length);

  g_assert_null (root);
}

static JsonNode *
assert_parses (const char *data)
{
  JsonNode *root = parse_len (data, -1);

  g_assert_nonnull (root);
  return root;
}

/* @json parsed by json-glib alone: a JsonObject that did not come through
 * medusa_json_parse() (the readers must hold up on their own). */
static JsonNode *
parse_unguarded (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

/* The string member "s" of the object @json, as read_string() gives it. */
static char *
read_s (const char *json)
{
  g_autoptr(JsonNode) root = parse_unguarded (json);
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (medusa_json_read_string (json_node_get_object (root), "s", &value, &error));
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_true (g_utf8_validate (value, -1, NULL));

  return value;
}

/* @n copies of @open, then @n copies of @close. */
static char *
nested (const char *open,
        const char *inner,
        const char *close,
        guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, open);
  g_string_append (out, inner);
  for (guint i = 0; i < n; i++)
    g_string_append (out, close);

  return g_string_free (out, FALSE);
}

/* Parsing: depth */

static void
test_parse_deep (void)
{
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *braces = g_strnfill (100000, '{');
  g_autofree char *objects = nested ("{\"a\":", "1", "}", 100000);
  g_autofree char *closed = nested ("[", "", "]", 100000);

  /* json-glib alone recurses once per level: this would exhaust the stack. */
  assert_refused (brackets, -1);
  assert_refused (braces, -1);
  assert_refused (objects, -1);
  assert_refused (closed, -1);
}

static void
test_parse_depth_limit (void)
{
  g_autofree char *arrays_64 = nested ("[", "1", "]", MEDUSA_JSON_MAX_DEPTH);
  g_autofree char *arrays_65 = nested ("[", "1", "]", MEDUSA_JSON_MAX_DEPTH + 1);
  g_autofree char *objects_64 = nested ("{\"a\":", "1", "}", MEDUSA_JSON_MAX_DEPTH);
  g_autofree char *objects_65 = nested ("{\"a\":", "1", "}", MEDUSA_JSON_MAX_DEPTH + 1);
  g_autofree char *mixed_64 = nested ("[{\"a\":", "1", "}]", MEDUSA_JSON_MAX_DEPTH / 2);
  g_autofree char *mixed_65 = g_strconcat ("[", mixed_64, "]", NULL);
  /* Depth is nesting, not the number of brackets: many siblings are fine. */
  g_autofree char *siblings = NULL;
  GString *wide = g_string_new ("[");
  JsonNode *root;

  g_assert_cmpint (MEDUSA_JSON_MAX_DEPTH, ==, 64);

  root = assert_parses (arrays_64);
  json_node_unref (root);
  root = assert_parses (objects_64);
  json_node_unref (root);
  root = assert_parses (mixed_64);
  json_node_unref (root);

  assert_refused (arrays_65, -1);
  assert_refused (objects_65, -1);
  assert_refused (mixed_65, -1);

  for (guint i = 0; i < 1000; i++)
    g_string_append (wide, i == 0 ? "[[]]" : ",[[]]");
  g_string_append (wide, "]");
  siblings = g_string_free (wide, FALSE);
  root = assert_parses (siblings);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1000);
  json_node_unref (root);
}

static void
test_parse_brackets_in_strings (void)
{
  g_autofree char *opens = g_strnfill (1000, '[');
  g_autofree char *in_string = g_strdup_printf ("{\"s\":\"%s{{{\"}", opens);
  /* An escaped quote does not end the string: the brackets after it are
   * still inside. */
  g_autofree char *after_escaped_quote = g_strdup_printf ("{\"s\":\"\\\"%s\\\\\"}", opens);
  g_autofree char *value = NULL;
  JsonNode *root;

  root = assert_parses (in_string);
  json_node_unref (root);

  value = read_s (after_escaped_quote);
  g_assert_cmpuint (strlen (value), ==, 1 + 1000 + 1);
  g_assert_true (value[0] == '"' && value[1001] == '\\');

  /* ... and the brackets outside a string still count. */
  {
    g_autofree char *deep = nested ("[\"]\",", "1", "]", MEDUSA_JSON_MAX_DEPTH + 1);

    assert_refused (deep, -1);
  }
}

/* Parsing: escapes and bytes */

static void
test_parse_escapes (void)
{
  static const char * const refused[] = {
    "[\"\\615\"]",     /* octal: json-glib makes it a raw byte that is not UTF-8 */
    "[\"\\0\"]",
    "[\"\\x41\"]",
    "[\"\\a\"]",
    "[\"\\'\"]",
    "[\"\\u12\"]",     /* a \u escape needs four hex digits */
    "[\"\\u12g4\"]",
    "[\"\\u",          /* truncated */
    "[\"\\u00",
    "[\"\\",
    "[\"abc",          /* unterminated string */
    "[1,",
    "",
    "   ",
  };
  static const char * const accepted[] = {
    "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]",
    "[\"\\u0041\\u00e9\\u20AC\"]",
    "[\"\\ud83d\\ude00\"]",
    "[\"\\uD83D\\uDE00\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused: %s", refused[i]);
      assert_refused (refused[i], -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      JsonNode *root;

      g_test_message ("accepted: %s", accepted[i]);
      root = assert_parses (accepted[i]);
      json_node_unref (root);
    }

  assert_refused (NULL, -1);
  assert_refused ("[1]", 0);
}

static void
test_parse_bytes (void)
{
  static const char nul_inside[] = "[\"a\0b\"]";
  static const char nul_after[] = "[1]\0[2]";

  assert_refused ("[\"\xff\"]", -1);
  assert_refused ("[\"\xc3\"]", -1);          /* a truncated sequence */
  assert_refused ("[\"\xed\xa0\x80\"]", -1);  /* a raw encoded surrogate */
  assert_refused ("[\"\xc0\xaf\"]", -1);      /* an overlong '/' */
  assert_refused ("{\"\xfe\":1}", -1);         /* in a member name */

  /* json-glib would stop at a NUL byte and parse only what comes before it. */
  assert_refused (nul_inside, sizeof nul_inside - 1);
  assert_refused (nul_after, sizeof nul_after - 1);

  /* The length is honoured: only the first three bytes are JSON here. */
  {
    JsonNode *root = parse_len ("[1]garbage", 3);

    g_assert_nonnull (root);
    json_node_unref (root);
  }
}

/* Parsing: lone UTF-16 surrogates */

/* json-glib 1.6 decodes a lone surrogate escape into bytes that are not
 * UTF-8 and takes the character after it as the other half, a closing quote
 * included. Whatever medusa_json_parse() does with one, no reader may ever
 * hand out invalid UTF-8. */
static void
test_parse_lone_surrogates (void)
{
  static const char * const documents[] = {
    "{\"s\":\"a\\ud800bc\"}",
    "{\"s\":\"\\udc00 z\"}",
    "{\"s\":\"\\udbff\\udbffxy\"}",
    "{\"s\":\"\\ud800\"}",          /* json-glib: an unterminated string */
    "{\"s\":\"\\ude00\\ud83d\"}",   /* halves in the wrong order */
    "{\"s\":\"\\ud800\\u0041\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = medusa_json_parse (documents[i], -1, &error);
      g_autofree char *value = NULL;

      if (root == NULL)
        {
          g_test_message ("%s: refused (%s)", documents[i], error->message);
          g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
          continue;
        }

      g_test_message ("%s: parsed", documents[i]);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_assert_true (medusa_json_read_string (json_node_get_object (root), "s", &value, &error));
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (value, -1, NULL));
      g_assert_nonnull (strstr (value, REPLACEMENT));
    }
}

/* The closing quote a lone surrogate takes away makes json-glib see the
 * brackets of the next string as structure: the depth must still hold. */
static void
test_parse_surrogate_depth (void)
{
  g_autofree char *opens = g_strnfill (100000, '[');
  g_autofree char *unterminated = g_strconcat ("[\"\\ud800\",\"", opens, NULL);
  g_autofree char *terminated = g_strconcat ("[\"\\udc00\",\"", opens, "\"]", NULL);

  assert_refused (unterminated, -1);
  assert_refused (terminated, -1);
}

/* Readers */

static void
test_read_string_surrogates (void)
{
  /* json-glib decodes a lone surrogate escape into bytes that are not
   * UTF-8 (and drops the character after it). */
  g_autofree char *lone_high = read_s ("{\"s\":\"a\\ud800bc\"}");
  g_autofree char *lone_low = read_s ("{\"s\":\"\\udc00 z\"}");
  g_autofree char *pair = read_s ("{\"s\":\"\\ud83d\\ude00\"}");
  g_autofree char *plain = read_s ("{\"s\":\"Gr\\u00fc\\u00dfe \xe2\x82\xac\"}");

  /* Invalid sequences become U+FFFD; the rest is kept. */
  g_assert_true (g_str_has_prefix (lone_high, "a" REPLACEMENT));
  g_assert_true (g_str_has_suffix (lone_high, REPLACEMENT "c"));
  g_assert_true (g_str_has_prefix (lone_low, REPLACEMENT));
  g_assert_true (g_str_has_suffix (lone_low, REPLACEMENT "z"));

  /* A valid pair is one character: the emoji. */
  g_assert_cmpstr (pair, ==, "\xf0\x9f\x98\x80");
  g_assert_cmpuint (g_utf8_strlen (pair, -1), ==, 1);
  g_assert_cmpstr (plain, ==, "Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac");
}

static void
test_read_exact_and_id (void)
{
  g_autoptr(JsonNode) root = parse_unguarded (
    "{\"id\":\"cus_\\ud800x\",\"email\":\"a\\ud800@example.com\",\"good\":\"ada@example.com\","
    "\"number\":5,\"null\":null,\"pair\":\"\\ud83d\\ude00@example.com\"}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup ("previous");

  /* Never repaired: a repaired email or id would name something else. */
  g_assert_false (medusa_json_read_id (object, "id", &value, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "id"));
  g_clear_error (&error);
  g_assert_false (medusa_json_read_exact_string (object, "email", &value, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "email"));
  g_clear_error (&error);
  g_assert_cmpstr (value, ==, "previous");

  g_assert_false (medusa_json_read_exact_string (object, "number", &value, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_true (medusa_json_read_exact_string (object, "good", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "ada@example.com");
  g_assert_true (medusa_json_read_exact_string (object, "pair", &value, &error));
  g_assert_cmpstr (value, ==, "\xf0\x9f\x98\x80@example.com");
  g_assert_true (medusa_json_read_exact_string (object, "null", &value, &error));
  g_assert_null (value);
  g_assert_true (medusa_json_read_exact_string (object, "absent", &value, &error));
  g_assert_null (value);
  g_assert_no_error (error);
}

static void
test_dup_string_member (void)
{
  g_autoptr(JsonNode) root = parse_unguarded (
    "{\"note\":\"x\\ud800yz\",\"tier\":\"gold\",\"n\":1,\"o\":{},\"null\":null}");
  JsonObject *object = json_node_get_object (root);
  g_autofree char *note = medusa_json_dup_string_member (object, "note");
  g_autofree char *tier = medusa_json_dup_string_member (object, "tier");

  g_assert_true (g_str_has_prefix (note, "x" REPLACEMENT));
  g_assert_true (g_str_has_suffix (note, REPLACEMENT "z"));
  g_assert_true (g_utf8_validate (note, -1, NULL));
  g_assert_cmpstr (tier, ==, "gold");
  g_assert_null (medusa_json_dup_string_member (object, "n"));
  g_assert_null (medusa_json_dup_string_member (object, "o"));
  g_assert_null (medusa_json_dup_string_member (object, "null"));
  g_assert_null (medusa_json_dup_string_member (object, "absent"));
  g_assert_null (medusa_json_dup_string_member (NULL, "note"));
}

/* A borrowed string, and NULL (never a critical) for anything else. */
static void
test_peek_string_member (void)
{
  g_autoptr(JsonNode) root = parse_unguarded (
    "{\"tier\":\"gold\",\"n\":1,\"o\":{\"a\":\"b\"},\"a\":[\"x\"],\"t\":true,\"null\":null}");
  JsonObject *object = json_node_get_object (root);

  g_assert_cmpstr (medusa_json_peek_string_member (object, "tier"), ==, "gold");
  g_assert_null (medusa_json_peek_string_member (object, "n"));
  g_assert_null (medusa_json_peek_string_member (object, "o"));
  g_assert_null (medusa_json_peek_string_member (object, "a"));
  g_assert_null (medusa_json_peek_string_member (object, "t"));
  g_assert_null (medusa_json_peek_string_member (object, "null"));
  g_assert_null (medusa_json_peek_string_member (object, "absent"));
  g_assert_null (medusa_json_peek_string_member (NULL, "tier"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/parse/deep", test_parse_deep);
  g_test_add_func ("/json/parse/depth-limit", test_parse_depth_limit);
  g_test_add_func ("/json/parse/brackets-in-strings", test_parse_brackets_in_strings);
  g_test_add_func ("/json/parse/escapes", test_parse_escapes);
  g_test_add_func ("/json/parse/bytes", test_parse_bytes);
  g_test_add_func ("/json/parse/lone-surrogates", test_parse_lone_surrogates);
  g_test_add_func ("/json/parse/surrogate-depth", test_parse_surrogate_depth);
  g_test_add_func ("/json/read/string-surrogates", test_read_string_surrogates);
  g_test_add_func ("/json/read/exact-and-id", test_read_exact_and_id);
  g_test_add_func ("/json/read/dup-string-member", test_dup_string_member);
  g_test_add_func ("/json/read/peek-string-member", test_peek_string_member);

  return g_test_run ();
}
