/* medusa-store-db-private.h: the SQLite file, its schema and the JSON it holds
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Everything here runs on a store's worker thread (or, for the file
 * helpers, on a database nobody has open). */

typedef sqlite3_stmt MedusaStoreStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaStoreStmt, sqlite3_finalize)

typedef GObject *(*MedusaStoreNewFromJson) (JsonObject *object, GError **error);

/* Files */
gboolean     medusa_store_unlink_database   (const char *path,
                                             gboolean   with_corrupt,
                                             GError     **error);

/* Opening: the file 0600 in a 0700 folder, WAL, the schema migrated to
 * MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION. A damaged, truncated or newer file is
 * MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT; open_or_rebuild then moves it aside
 * (<path>.corrupt) and starts an empty one. */
void         medusa_store_move_aside        (const char *path);
sqlite3      *medusa_store_open_database    (const char *path,
                                             GError     **error);
sqlite3      *medusa_store_open_or_rebuild  (const char *path,
                                             GError     **error);

/* SQLite */
gboolean     medusa_store_set_sqlite_error  (sqlite3 *db,
                                             int     code,
                                             GError  **error);
gboolean     medusa_store_exec              (sqlite3    *db,
                                             const char *sql,
                                             GError     **error);
sqlite3_stmt *medusa_store_prepare          (sqlite3    *db,
                                             const char *sql,
                                             GError     **error);
gboolean     medusa_store_step_done         (sqlite3      *db,
                                             sqlite3_stmt *stmt,
                                             GError       **error);
void         medusa_store_bind_text         (sqlite3_stmt *stmt,
                                             int          index,
                                             const char   *text);
void         medusa_store_bind_date         (sqlite3_stmt *stmt,
                                             int          index,
                                             GDateTime    *when);
GDateTime    *medusa_store_column_date      (sqlite3_stmt *stmt,
                                             int          column);

/* JSON, every member checked for its type */
const char   *medusa_store_string_member    (JsonObject *object,
                                             const char *name);
gboolean     medusa_store_int_member        (JsonObject *object,
                                             const char *name,
                                             gint64     *out);
GDateTime    *medusa_store_date_member      (JsonObject *object,
                                             const char *name);
JsonObject   *medusa_store_array_object     (JsonArray *array,
                                             guint     index);
JsonNode     *medusa_store_parse_bytes      (GBytes *bytes,
                                             GError **error);
JsonNode     *medusa_store_parse_stored     (const char *text);
JsonObject   *medusa_store_unwrap_object    (JsonNode   *root,
                                             const char *name);
JsonArray    *medusa_store_unwrap_array     (JsonNode   *root,
                                             const char *name,
                                             const char *alt_name);
char         *medusa_store_object_to_string (JsonObject *object);
/* The lean list row of an order (schema version 3) */
char         *medusa_store_order_row        (JsonObject *order);
gboolean     medusa_store_set_invalid       (GError     **error,
                                             const char *what);
gboolean     medusa_store_check_loads       (JsonObject             *object,
                                             MedusaStoreNewFromJson new_from_json,
                                             const char             *what,
                                             GError                 **error);

/* The full-text row of an order, from its summary and its details (both nullable) */
gboolean     medusa_store_index_order       (sqlite3    *db,
                                             gint64     rowid,
                                             JsonObject *summary,
                                             JsonObject *details,
                                             GError     **error);

G_END_DECLS
