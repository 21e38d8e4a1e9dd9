/* medusa-json.h: private JSON readers shared by the models
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reader treats a missing member and a null member alike (the output
 * gets its default: NULL / 0 / FALSE) and fails with MEDUSA_ERROR_PARSE,
 * naming the member, when the member has another JSON type.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects a document from the network may
 * have. json-glib 1.6 recurses once per level and has no limit of its own. */
#define MEDUSA_JSON_MAX_DEPTH 64

/* Parses @length bytes of @data (-1: NUL-terminated) as JSON from the network:
 * the bytes must be valid UTF-8, nested at most MEDUSA_JSON_MAX_DEPTH deep
 * (checked by a byte scan before json-glib sees them), and every escape must
 * be one JSON defines. Returns the root (transfer full), or NULL with
 * MEDUSA_ERROR_PARSE. The only way network JSON is parsed in this project. */
JsonNode *medusa_json_parse        (const char   *data,
                                    gssize        length,
                                    GError      **error);

/* Strings read by these readers are always valid UTF-8: an invalid sequence
 * (json-glib decodes a lone surrogate escape such as \ud800 into one) is
 * replaced by U+FFFD. An id must be valid as it is, or it is an error. */
gboolean medusa_json_read_string   (JsonObject   *object,
                                    const char   *member,
                                    char        **out,
                                    GError      **error);
/* A required, non-empty string member ("id"). */
gboolean medusa_json_read_id       (JsonObject   *object,
                                    const char   *member,
                                    char        **out,
                                    GError      **error);
/* An optional string that is used as a key elsewhere (an email goes to the
 * keyring and GSettings): like read_string(), but a value that is not valid
 * UTF-8 is an error instead of being repaired. */
gboolean medusa_json_read_exact_string (JsonObject   *object,
                                        const char   *member,
                                        char        **out,
                                        GError      **error);
/* The string member @member of @object as valid UTF-8 (repaired like
 * read_string() does), or NULL when @object is NULL or the member is
 * missing, null or not a string. For JSON kept as it came (metadata). */
char    *medusa_json_dup_string_member (JsonObject   *object,
                                        const char   *member);
/* The string member @member of @object as it came (borrowed, not repaired),
 * or NULL when @object is NULL or the member is missing, null or not a
 * string. Unlike json_object_get_string_member_with_default(), an object or
 * an array there is no critical: for values checked right after (tokens). */
const char *medusa_json_peek_string_member (JsonObject *object,
                                            const char *member);
/* Integers; a whole-number double is accepted, strings are not. */
gboolean medusa_json_read_int      (JsonObject   *object,
                                    const char   *member,
                                    gint64       *out,
                                    GError      **error);
gboolean medusa_json_read_boolean  (JsonObject   *object,
                                    const char   *member,
                                    gboolean     *out,
                                    GError      **error);
gboolean medusa_json_read_double   (JsonObject   *object,
                                    const char   *member,
                                    double       *out,
                                    GError      **error);
/* ISO 8601 string → GDateTime in UTC (an unparsable string is an error). */
gboolean medusa_json_read_date     (JsonObject   *object,
                                    const char   *member,
                                    GDateTime   **out,
                                    GError      **error);
/* *out is a new reference, or NULL. */
gboolean medusa_json_read_object   (JsonObject   *object,
                                    const char   *member,
                                    JsonObject  **out,
                                    GError      **error);
/* *out is borrowed from @object, or NULL. */
gboolean medusa_json_read_array    (JsonObject   *object,
                                    const char   *member,
                                    JsonArray   **out,
                                    GError      **error);

/* Builds one model from one JSON object (a *_new_from_json() constructor). */
typedef gpointer (*MedusaJsonModelFunc)     (JsonObject  *object,
                                             GError     **error);
typedef gpointer (*MedusaJsonModelFullFunc) (JsonObject  *object,
                                             gpointer     user_data,
                                             GError     **error);

/* The array @member as a new GListStore of @item_type, each element built by
 * @func (an element that is not an object, or that @func rejects, is an
 * error). A missing or null member gives an empty store. NULL on error. */
GListStore *medusa_json_read_list       (JsonObject               *object,
                                         const char               *member,
                                         GType                     item_type,
                                         MedusaJsonModelFunc       func,
                                         GError                  **error);
GListStore *medusa_json_read_list_full  (JsonObject               *object,
                                         const char               *member,
                                         GType                     item_type,
                                         MedusaJsonModelFullFunc   func,
                                         gpointer                  user_data,
                                         GError                  **error);
/* The object @member built by @func; *out is NULL when it is missing or null. */
gboolean    medusa_json_read_model      (JsonObject               *object,
                                         const char               *member,
                                         MedusaJsonModelFunc       func,
                                         gpointer                 *out,
                                         GError                  **error);
/* The string @member of the object @member (e.g. region.name); NULL when
 * either is missing or null. */
gboolean    medusa_json_read_nested_string (JsonObject            *object,
                                         const char               *member,
                                         const char               *nested_member,
                                         char                    **out,
                                         GError                  **error);

/* Table-driven fields: most model properties are one JSON member stored at
 * an offset of the instance struct, read, freed and exposed the same way. */
typedef enum
{
  MEDUSA_JSON_FIELD_ID,       /* char *, required and non-empty */
  MEDUSA_JSON_FIELD_STRING,   /* char * */
  MEDUSA_JSON_FIELD_EXACT,    /* char *, never repaired: see read_exact_string() */
  MEDUSA_JSON_FIELD_INT,      /* gint64 */
  MEDUSA_JSON_FIELD_BOOLEAN,  /* gboolean */
  MEDUSA_JSON_FIELD_DOUBLE,   /* double */
  MEDUSA_JSON_FIELD_DATE,     /* GDateTime * */
  MEDUSA_JSON_FIELD_OBJECT,   /* JsonObject * (owned) */
} MedusaJsonFieldType;

typedef struct
{
  const char          *member;    /* the JSON key */
  const char          *property;  /* the canonical property name */
  MedusaJsonFieldType  type;
  gsize                offset;    /* G_STRUCT_OFFSET of the instance field */
} MedusaJsonField;

/* A table entry for the struct field @field of @Type, read from the JSON
 * member of the same name. */
#define MEDUSA_JSON_FIELD(Type, field, property, kind) \
  { #field, property, MEDUSA_JSON_FIELD_##kind, G_STRUCT_OFFSET (Type, field) }

/* Reads every field into @instance; stops at the first error. */
gboolean    medusa_json_read_fields        (JsonObject            *object,
                                            gpointer               instance,
                                            const MedusaJsonField *fields,
                                            guint                  n_fields,
                                            GError               **error);
/* A new @type (a GObject with these fields) read from @object: the common
 * start of a *_new_from_json() constructor. NULL on error. */
gpointer    medusa_json_new_with_fields    (GType                  type,
                                            JsonObject            *object,
                                            const MedusaJsonField *fields,
                                            guint                  n_fields,
                                            GError               **error);
/* Frees what medusa_json_read_fields() stored (call in finalize). */
void        medusa_json_clear_fields       (gpointer               instance,
                                            const MedusaJsonField *fields,
                                            guint                  n_fields);
/* Installs one read-only property per field into @pspecs[first_id …]. */
void        medusa_json_install_fields     (GObjectClass          *klass,
                                            GParamSpec           **pspecs,
                                            guint                  first_id,
                                            const MedusaJsonField *fields,
                                            guint                  n_fields);
/* get_property for a field property: TRUE when @prop_id was one of them. */
gboolean    medusa_json_get_field_property (gpointer               instance,
                                            guint                  prop_id,
                                            guint                  first_id,
                                            const MedusaJsonField *fields,
                                            guint                  n_fields,
                                            GValue                *value);

/* Value of a field stored at @offset (for the getters). */
#define MEDUSA_JSON_FIELD_AT(instance, offset, ctype) \
  (*(ctype *) G_STRUCT_MEMBER_P ((instance), (offset)))

G_END_DECLS
