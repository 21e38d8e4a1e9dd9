/* medusa-store-db.c: the SQLite file, its schema and the JSON it holds
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "medusa-account-store.h"
#include "medusa-json.h"
#include "medusa-store-db-private.h"

#define STORE_FOLDER "medusa-account"
/* -------------------------------------------------------------------------- */
/* Files                                                                      */

static char *
dup_folder (void)
{
  return g_build_filename (g_get_user_cache_dir (), STORE_FOLDER, NULL);
}

static char *
dup_url_prefix (const char *store_url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, store_url, -1);

  return g_strndup (hash, 24);
}

char *
medusa_account_store_dup_path (const char *store_url,
                               const char *customer_id)
{
  g_autofree char *folder = dup_folder ();
  g_autofree char *prefix = NULL;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (store_url != NULL, NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  prefix = dup_url_prefix (store_url);
  key = g_strconcat (store_url, "\n", customer_id, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  hash[40] = '\0';
  name = g_strdup_printf ("%s-%s.sqlite", prefix, hash);
  return g_build_filename (folder, name, NULL);
}

static const char * const file_suffixes[] = { "", "-wal", "-shm", "-journal" };

static gboolean
unlink_if_there (const char  *path,
                 GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not remove %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
medusa_store_unlink_database (const char  *path,
                 gboolean     with_corrupt,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, file_suffixes[i], NULL);

      if (!unlink_if_there (file, error))
        return FALSE;
    }
  if (with_corrupt)
    {
      g_autofree char *file = g_strconcat (path, ".corrupt", NULL);

      if (!unlink_if_there (file, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
medusa_account_store_delete_files (const char  *store_url,
                                   const char  *customer_id,
                                   GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (store_url != NULL, FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  path = medusa_account_store_dup_path (store_url, customer_id);
  return medusa_store_unlink_database (path, TRUE, error);
}

gboolean
medusa_account_store_delete_all_for_store (const char  *store_url,
                                           GError     **error)
{
  g_autofree char *folder = dup_folder ();
  g_autofree char *url_prefix = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (store_url != NULL, FALSE);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  url_prefix = dup_url_prefix (store_url);
  prefix = g_strconcat (url_prefix, "-", NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;
      file = g_build_filename (folder, name, NULL);
      if (!unlink_if_there (file, error))
        return FALSE;
    }
  return TRUE;
}

/* The folder 0700 and the file 0600 before SQLite sees it: SQLite creates
 * -wal and -shm with the mode of the database file. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not create %s: %s", folder, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not open %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  for (guint i = 1; i < G_N_ELEMENTS (file_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, file_suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_chmod (file, 0600);
    }
  return TRUE;
}

/* -------------------------------------------------------------------------- */
/* SQLite helpers (worker thread)                                             */

static gboolean
is_corruption (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

gboolean
medusa_store_set_sqlite_error (sqlite3  *db,
                  int       code,
                  GError  **error)
{
  /* The two a person may see (the others are handled inside the store) */
  if (is_corruption (code))
    g_set_error_literal (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
                         _("The copy of your account on this computer was damaged. "
                           "It has been emptied and will be filled again from the store."));
  else
    g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_FAILED,
                 _("The copy of your account on this computer could not be used: %s"),
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (code));
  return FALSE;
}

gboolean
medusa_store_exec (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return medusa_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

sqlite3_stmt *
medusa_store_prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      medusa_store_set_sqlite_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
medusa_store_step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return medusa_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

static gint64
medusa_store_query_int (sqlite3     *db,
           const char  *sql,
           gint64       fallback,
           GError     **error)
{
  g_autoptr(MedusaStoreStmt) stmt = medusa_store_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    medusa_store_set_sqlite_error (db, rc, error);
  return fallback;
}

void
medusa_store_bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
medusa_store_bind_date (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *when)
{
  if (when != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (when) * G_USEC_PER_SEC
                                     + g_date_time_get_microsecond (when));
  else
    sqlite3_bind_null (stmt, index);
}

GDateTime *
medusa_store_column_date (sqlite3_stmt *stmt,
             int           column)
{
  g_autoptr(GDateTime) epoch = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  epoch = g_date_time_new_from_unix_utc (0);
  return g_date_time_add (epoch, sqlite3_column_int64 (stmt, column));
}

/* -------------------------------------------------------------------------- */
/* JSON (worker thread): every member is checked for its type                 */

static JsonObject *
medusa_store_object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

static JsonArray *
medusa_store_array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}

const char *
medusa_store_string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
medusa_store_int_member (JsonObject *object,
            const char *name,
            gint64     *out)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = (gint64) json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

GDateTime *
medusa_store_date_member (JsonObject *object,
             const char *name)
{
  const char *text = medusa_store_string_member (object, name);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

JsonObject *
medusa_store_array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
medusa_store_parse_bytes (GBytes  *bytes,
             GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return medusa_json_parse (data ? data : "", data ? (gssize) size : 0, error);
}

/* @root itself when it is of the wanted kind, else its member @name. */
JsonObject *
medusa_store_unwrap_object (JsonNode   *root,
               const char *name)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  return medusa_store_object_member (object, name) ? medusa_store_object_member (object, name) : object;
}

JsonArray *
medusa_store_unwrap_array (JsonNode   *root,
              const char *name,
              const char *alt_name)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (medusa_store_object_member (object, "customer") != NULL)
    object = medusa_store_object_member (object, "customer");
  if (medusa_store_array_member (object, name) != NULL)
    return medusa_store_array_member (object, name);
  return alt_name ? medusa_store_array_member (object, alt_name) : NULL;
}

char *
medusa_store_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* What a list row needs of an order (schema version 3): its scalar members
 * (ids, number, statuses, dates, currency, totals) and of each line item its
 * id, title and quantity, as JSON text. A few hundred bytes instead of the
 * whole order: listing and searching build their models from it. */
char *
medusa_store_order_row (JsonObject *order)
{
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (order);
  JsonNode *member = json_object_get_member (order, "items");
  JsonArray *items = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (order, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (row, l->data, json_node_copy (node));
    }
  if (items != NULL)
    {
      JsonArray *lean = json_array_new ();

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = medusa_store_array_object (items, i);
          JsonObject *copy;
          gint64 quantity;

          if (item == NULL)
            continue;
          copy = json_object_new ();
          if (medusa_store_string_member (item, "id") != NULL)
            json_object_set_string_member (copy, "id", medusa_store_string_member (item, "id"));
          if (medusa_store_string_member (item, "title") != NULL)
            json_object_set_string_member (copy, "title", medusa_store_string_member (item, "title"));
          if (medusa_store_int_member (item, "quantity", &quantity))
            json_object_set_int_member (copy, "quantity", quantity);
          json_array_add_object_element (lean, copy);
        }
      json_object_set_array_member (row, "items", lean);
    }
  return medusa_store_object_to_string (row);
}

gboolean
medusa_store_set_invalid (GError     **error,
             const char  *what)
{
  g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_INVALID,
               "Not %s", what);
  return FALSE;
}

/* Only what the models load goes in, so that every row held comes back out. */
gboolean
medusa_store_check_loads (JsonObject   *object,
             MedusaStoreNewFromJson   new_from_json,
             const char   *what,
             GError      **error)
{
  g_autoptr(GObject) model = NULL;
  g_autoptr(GError) local_error = NULL;

  if (object == NULL)
    return medusa_store_set_invalid (error, what);
  model = new_from_json (object, &local_error);
  if (model == NULL)
    {
      g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_INVALID,
                   "Not %s: %s", what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* -------------------------------------------------------------------------- */
/* Full-text index                                                            */

typedef struct
{
  GString *display_id;
  GString *products;
  GString *skus;
  GString *shipping;
  GString *tracking;
} FtsText;

static void
add_word (GString    *text,
          const char *word)
{
  if (word == NULL || *word == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, word);
}

static void
collect_fts (JsonObject *order,
             FtsText    *fts)
{
  JsonArray *items = medusa_store_array_member (order, "items");
  JsonArray *fulfillments = medusa_store_array_member (order, "fulfillments");
  JsonObject *shipping = medusa_store_object_member (order, "shipping_address");
  gint64 display_id;

  if (order == NULL)
    return;
  if (medusa_store_int_member (order, "display_id", &display_id))
    g_string_printf (fts->display_id, "%" G_GINT64_FORMAT, display_id);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = medusa_store_array_object (items, i);
      JsonObject *variant = medusa_store_object_member (item, "variant");
      JsonObject *product = medusa_store_object_member (variant, "product");

      add_word (fts->products, medusa_store_string_member (item, "title"));
      add_word (fts->products, medusa_store_string_member (item, "description"));
      add_word (fts->products, medusa_store_string_member (variant, "title"));
      add_word (fts->products, medusa_store_string_member (product, "title"));
      add_word (fts->skus, medusa_store_string_member (variant, "sku"));
    }

  add_word (fts->shipping, medusa_store_string_member (shipping, "first_name"));
  add_word (fts->shipping, medusa_store_string_member (shipping, "last_name"));
  add_word (fts->shipping, medusa_store_string_member (shipping, "city"));

  for (guint i = 0; fulfillments != NULL && i < json_array_get_length (fulfillments); i++)
    {
      JsonObject *fulfillment = medusa_store_array_object (fulfillments, i);
      JsonArray *links = medusa_store_array_member (fulfillment, "tracking_links");
      JsonArray *numbers = medusa_store_array_member (fulfillment, "tracking_numbers");

      for (guint j = 0; links != NULL && j < json_array_get_length (links); j++)
        add_word (fts->tracking, medusa_store_string_member (medusa_store_array_object (links, j), "tracking_number"));
      for (guint j = 0; numbers != NULL && j < json_array_get_length (numbers); j++)
        {
          JsonNode *node = json_array_get_element (numbers, j);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            add_word (fts->tracking, json_node_get_string (node));
        }
    }
}

/* Indexes order @rowid from its summary and (nullable) details. */
gboolean
medusa_store_index_order (sqlite3     *db,
             gint64       rowid,
             JsonObject  *summary,
             JsonObject  *details,
             GError     **error)
{
  g_autoptr(MedusaStoreStmt) delete = NULL;
  g_autoptr(MedusaStoreStmt) insert = NULL;
  FtsText fts = {
    g_string_new (NULL), g_string_new (NULL), g_string_new (NULL),
    g_string_new (NULL), g_string_new (NULL),
  };
  gboolean ok = FALSE;

  collect_fts (summary, &fts);
  collect_fts (details, &fts);

  delete = medusa_store_prepare (db, "DELETE FROM orders_fts WHERE rowid = ?1", error);
  insert = medusa_store_prepare (db, "INSERT INTO orders_fts (rowid, display_id, products, skus, shipping, tracking) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (delete != NULL && insert != NULL)
    {
      sqlite3_bind_int64 (delete, 1, rowid);
      sqlite3_bind_int64 (insert, 1, rowid);
      medusa_store_bind_text (insert, 2, fts.display_id->str);
      medusa_store_bind_text (insert, 3, fts.products->str);
      medusa_store_bind_text (insert, 4, fts.skus->str);
      medusa_store_bind_text (insert, 5, fts.shipping->str);
      medusa_store_bind_text (insert, 6, fts.tracking->str);
      ok = medusa_store_step_done (db, delete, error) && medusa_store_step_done (db, insert, error);
    }

  g_string_free (fts.display_id, TRUE);
  g_string_free (fts.products, TRUE);
  g_string_free (fts.skus, TRUE);
  g_string_free (fts.shipping, TRUE);
  g_string_free (fts.tracking, TRUE);
  return ok;
}

JsonNode *
medusa_store_parse_stored (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (text == NULL)
    return NULL;
  node = medusa_json_parse (text, -1, &error);
  if (node == NULL)
    g_debug ("A stored JSON document does not parse: %s", error->message);
  return node;
}

/* -------------------------------------------------------------------------- */
/* Schema                                                                     */

/* Version 1: the account and the orders. The columns the list filters and
 * sorts on are in "orders", the JSON documents apart in "order_json" (same
 * rowid), so that a search reads small rows. */
static const char schema_v1[] =
  "CREATE TABLE customer (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);"
  "CREATE TABLE addresses (position INTEGER PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE payment_methods (position INTEGER PRIMARY KEY, json TEXT NOT NULL);"
  "CREATE TABLE orders ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  display_id INTEGER,"
  "  created_at INTEGER,"           /* µs since the epoch, UTC */
  "  updated_at INTEGER,"
  "  status TEXT,"
  "  fulfillment_status TEXT,"
  "  payment_status TEXT,"
  "  currency_code TEXT,"
  "  total INTEGER,"
  "  region_id TEXT);"
  "CREATE INDEX orders_by_created ON orders (created_at DESC, display_id DESC, id DESC);"
  "CREATE TABLE order_json (rowid INTEGER PRIMARY KEY, summary TEXT NOT NULL, details TEXT);"
  "CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  newest_updated_at INTEGER, server_count INTEGER, last_synced INTEGER,"
  "  complete INTEGER NOT NULL DEFAULT 0);";

/* Version 2: the full-text index of the orders, filled from what is held. */
static const char schema_v2[] =
  "CREATE VIRTUAL TABLE orders_fts USING fts5 ("
  "  display_id, products, skus, shipping, tracking,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');";

static gboolean
index_all_orders (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(MedusaStoreStmt) stmt = medusa_store_prepare (db, "SELECT rowid, summary, details FROM order_json", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) summary = medusa_store_parse_stored ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(JsonNode) details = medusa_store_parse_stored ((const char *) sqlite3_column_text (stmt, 2));

      if (!medusa_store_index_order (db, sqlite3_column_int64 (stmt, 0),
                        summary && JSON_NODE_HOLDS_OBJECT (summary) ? json_node_get_object (summary) : NULL,
                        details && JSON_NODE_HOLDS_OBJECT (details) ? json_node_get_object (details) : NULL,
                        error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return medusa_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

/* Version 3: a lean row of each order for the list (medusa_store_order_row),
 * so that listing and searching do not parse whole orders. */
static const char schema_v3[] =
  "ALTER TABLE order_json ADD COLUMN row TEXT;";

static gboolean
fill_order_rows (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(MedusaStoreStmt) stmt = medusa_store_prepare (db, "SELECT rowid, summary FROM order_json", error);
  g_autoptr(MedusaStoreStmt) update = medusa_store_prepare (db, "UPDATE order_json SET row = ?2 WHERE rowid = ?1", error);
  int rc;

  if (stmt == NULL || update == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) summary = medusa_store_parse_stored ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *row = NULL;

      if (summary == NULL || !JSON_NODE_HOLDS_OBJECT (summary))
        continue;  /* listed from the summary, as before */
      row = medusa_store_order_row (json_node_get_object (summary));
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (stmt, 0));
      medusa_store_bind_text (update, 2, row);
      if (!medusa_store_step_done (db, update, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return medusa_store_set_sqlite_error (db, rc, error);
  return TRUE;
}

/* Step i brings a database from version i to i + 1. */
static const struct
{
  const char *sql;
  gboolean  (*func) (sqlite3 *db, GError **error);
} migrations[] = {
  { schema_v1, NULL },
  { schema_v2, index_all_orders },
  { schema_v3, fill_order_rows },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = medusa_store_query_int (db, "PRAGMA user_version", -1, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version == MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION)
    return TRUE;
  if (version < 0 || version > MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION)
    {
      /* A newer app's copy: this one cannot read it, and it is only a copy */
      g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
                   "The saved copy has an unknown schema version %" G_GINT64_FORMAT, version);
      return FALSE;
    }

  if (!medusa_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another connection (a second open of the same copy) may have migrated
   * it while this one waited for the write lock. */
  version = medusa_store_query_int (db, "PRAGMA user_version", -1, &local_error);
  if (local_error != NULL || version < 0 || version > MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
                     "The saved copy has an unknown schema version %" G_GINT64_FORMAT, version);
      return FALSE;
    }
  for (gint64 v = version; v < MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating the saved copy from version %" G_GINT64_FORMAT, v);
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);
      if (!medusa_store_exec (db, migrations[v].sql, error)
          || (migrations[v].func != NULL && !migrations[v].func (db, error))
          || !medusa_store_exec (db, set_version, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return medusa_store_exec (db, "COMMIT", error);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

sqlite3 *
medusa_store_open_database (const char  *path,
               GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  gboolean wal_empty;
  int rc;

  if (!prepare_file (path, error))
    return NULL;
  wal_empty = file_size (wal) <= 0;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      medusa_store_set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  if (!medusa_store_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error))
    goto fail;

  /* A truncated file: SQLite would only notice when it reads a missing page */
  if (wal_empty)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 pages = medusa_store_query_int (db, "PRAGMA page_count", 0, &local_error);
      gint64 page_size = medusa_store_query_int (db, "PRAGMA page_size", 0, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (pages * page_size > file_size (path))
        {
          g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
                       "The saved copy is shorter than it says it is");
          goto fail;
        }
    }

  if (!migrate (db, error))
    goto fail;

  /* SQLite may have created -wal and -shm just now: keep them private too */
  prepare_file (path, NULL);
  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

void
medusa_store_move_aside (const char *path)
{
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);

  g_message ("The saved copy of the account was damaged; it is moved to %s and rebuilt", aside);
  if (g_rename (path, aside) != 0)
    g_unlink (path);
  medusa_store_unlink_database (path, FALSE, NULL);
}

/* Opens, and once more from scratch when the file is damaged. */
sqlite3 *
medusa_store_open_or_rebuild (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = medusa_store_open_database (path, &local_error);

  if (db != NULL)
    return db;
  if (!g_error_matches (local_error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  medusa_store_move_aside (path);
  return medusa_store_open_database (path, error);
}
