/* medusa-account-store.c: the local copy of one customer's account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "medusa-account-store.h"
#include "medusa-address.h"
#include "medusa-json.h"
#include "medusa-payment-method.h"
#include "medusa-store-order-filter-private.h"

#define STORE_FOLDER "medusa-account"

G_DEFINE_QUARK (medusa-account-store-error-quark, medusa_account_store_error)

struct _MedusaAccountStore
{
  GObject      parent_instance;

  char        *store_url;
  char        *customer_id;
  char        *path;
  GThreadPool *pool;        /* one exclusive thread */

  /* Touched on the worker thread only */
  sqlite3     *db;          /* (nullable) NULL once closed */
};

G_DEFINE_FINAL_TYPE (MedusaAccountStore, medusa_account_store, G_TYPE_OBJECT)

/* -------------------------------------------------------------------------- */
/* Sync state                                                                 */

G_DEFINE_BOXED_TYPE (MedusaStoreSyncState, medusa_store_sync_state,
                     medusa_store_sync_state_copy, medusa_store_sync_state_free)

MedusaStoreSyncState *
medusa_store_sync_state_new (void)
{
  MedusaStoreSyncState *self = g_new0 (MedusaStoreSyncState, 1);

  self->server_count = -1;
  return self;
}

MedusaStoreSyncState *
medusa_store_sync_state_copy (const MedusaStoreSyncState *self)
{
  MedusaStoreSyncState *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MedusaStoreSyncState, 1);
  *copy = *self;
  copy->newest_updated_at = self->newest_updated_at ? g_date_time_ref (self->newest_updated_at) : NULL;
  copy->last_synced = self->last_synced ? g_date_time_ref (self->last_synced) : NULL;
  return copy;
}

void
medusa_store_sync_state_free (MedusaStoreSyncState *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->newest_updated_at, g_date_time_unref);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_free (self);
}

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

static gboolean
unlink_database (const char  *path,
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
  return unlink_database (path, TRUE, error);
}

gboolean
medusa_account_store_delete_all_for_store (const char  *store_url,
                                           GError     **error)
{
  g_autofree char *folder = dup_folder ();
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

  prefix = g_strconcat (dup_url_prefix (store_url), "-", NULL);
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

static gboolean
set_sqlite_error (sqlite3  *db,
                  int       code,
                  GError  **error)
{
  if (is_corruption (code))
    g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
                 "The saved copy of the account is damaged: %s", sqlite3_errstr (code));
  else
    g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_FAILED,
                 "The saved copy of the account could not be used: %s",
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (code));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (db, rc, error);
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

typedef sqlite3_stmt Stmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stmt, sqlite3_finalize)

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (db, rc, error);
  return TRUE;
}

static gint64
query_int (sqlite3     *db,
           const char  *sql,
           gint64       fallback,
           GError     **error)
{
  g_autoptr(Stmt) stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    set_sqlite_error (db, rc, error);
  return fallback;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *when)
{
  if (when != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (when) * G_USEC_PER_SEC
                                     + g_date_time_get_microsecond (when));
  else
    sqlite3_bind_null (stmt, index);
}

static GDateTime *
column_date (sqlite3_stmt *stmt,
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
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
int_member (JsonObject *object,
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

static GDateTime *
date_member (JsonObject *object,
             const char *name)
{
  const char *text = string_member (object, name);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return medusa_json_parse (data ? data : "", data ? (gssize) size : 0, error);
}

/* @root itself when it is of the wanted kind, else its member @name. */
static JsonObject *
unwrap_object (JsonNode   *root,
               const char *name)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  return object_member (object, name) ? object_member (object, name) : object;
}

static JsonArray *
unwrap_array (JsonNode   *root,
              const char *name,
              const char *alt_name)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (object_member (object, "customer") != NULL)
    object = object_member (object, "customer");
  if (array_member (object, name) != NULL)
    return array_member (object, name);
  return alt_name ? array_member (object, alt_name) : NULL;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static gboolean
set_invalid (GError     **error,
             const char  *what)
{
  g_set_error (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_INVALID,
               "Not %s", what);
  return FALSE;
}

typedef GObject *(*NewFromJson) (JsonObject *object, GError **error);

/* Only what the models load goes in, so that every row held comes back out. */
static gboolean
check_loads (JsonObject   *object,
             NewFromJson   new_from_json,
             const char   *what,
             GError      **error)
{
  g_autoptr(GObject) model = NULL;
  g_autoptr(GError) local_error = NULL;

  if (object == NULL)
    return set_invalid (error, what);
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
  JsonArray *items = array_member (order, "items");
  JsonArray *fulfillments = array_member (order, "fulfillments");
  JsonObject *shipping = object_member (order, "shipping_address");
  gint64 display_id;

  if (order == NULL)
    return;
  if (int_member (order, "display_id", &display_id))
    g_string_printf (fts->display_id, "%" G_GINT64_FORMAT, display_id);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = array_object (items, i);
      JsonObject *variant = object_member (item, "variant");
      JsonObject *product = object_member (variant, "product");

      add_word (fts->products, string_member (item, "title"));
      add_word (fts->products, string_member (item, "description"));
      add_word (fts->products, string_member (variant, "title"));
      add_word (fts->products, string_member (product, "title"));
      add_word (fts->skus, string_member (variant, "sku"));
    }

  add_word (fts->shipping, string_member (shipping, "first_name"));
  add_word (fts->shipping, string_member (shipping, "last_name"));
  add_word (fts->shipping, string_member (shipping, "city"));

  for (guint i = 0; fulfillments != NULL && i < json_array_get_length (fulfillments); i++)
    {
      JsonObject *fulfillment = array_object (fulfillments, i);
      JsonArray *links = array_member (fulfillment, "tracking_links");
      JsonArray *numbers = array_member (fulfillment, "tracking_numbers");

      for (guint j = 0; links != NULL && j < json_array_get_length (links); j++)
        add_word (fts->tracking, string_member (array_object (links, j), "tracking_number"));
      for (guint j = 0; numbers != NULL && j < json_array_get_length (numbers); j++)
        {
          JsonNode *node = json_array_get_element (numbers, j);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            add_word (fts->tracking, json_node_get_string (node));
        }
    }
}

/* Indexes order @rowid from its summary and (nullable) details. */
static gboolean
index_order (sqlite3     *db,
             gint64       rowid,
             JsonObject  *summary,
             JsonObject  *details,
             GError     **error)
{
  g_autoptr(Stmt) delete = NULL;
  g_autoptr(Stmt) insert = NULL;
  FtsText fts = {
    g_string_new (NULL), g_string_new (NULL), g_string_new (NULL),
    g_string_new (NULL), g_string_new (NULL),
  };
  gboolean ok = FALSE;

  collect_fts (summary, &fts);
  collect_fts (details, &fts);

  delete = prepare (db, "DELETE FROM orders_fts WHERE rowid = ?1", error);
  insert = prepare (db, "INSERT INTO orders_fts (rowid, display_id, products, skus, shipping, tracking) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (delete != NULL && insert != NULL)
    {
      sqlite3_bind_int64 (delete, 1, rowid);
      sqlite3_bind_int64 (insert, 1, rowid);
      bind_text (insert, 2, fts.display_id->str);
      bind_text (insert, 3, fts.products->str);
      bind_text (insert, 4, fts.skus->str);
      bind_text (insert, 5, fts.shipping->str);
      bind_text (insert, 6, fts.tracking->str);
      ok = step_done (db, delete, error) && step_done (db, insert, error);
    }

  g_string_free (fts.display_id, TRUE);
  g_string_free (fts.products, TRUE);
  g_string_free (fts.skus, TRUE);
  g_string_free (fts.shipping, TRUE);
  g_string_free (fts.tracking, TRUE);
  return ok;
}

static JsonNode *
parse_stored (const char *text)
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
  g_autoptr(Stmt) stmt = prepare (db, "SELECT rowid, summary, details FROM order_json", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) summary = parse_stored ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(JsonNode) details = parse_stored ((const char *) sqlite3_column_text (stmt, 2));

      if (!index_order (db, sqlite3_column_int64 (stmt, 0),
                        summary && JSON_NODE_HOLDS_OBJECT (summary) ? json_node_get_object (summary) : NULL,
                        details && JSON_NODE_HOLDS_OBJECT (details) ? json_node_get_object (details) : NULL,
                        error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, rc, error);
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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION);

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = query_int (db, "PRAGMA user_version", -1, &local_error);

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

  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (gint64 v = version; v < MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating the saved copy from version %" G_GINT64_FORMAT, v);
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);
      if (!exec_sql (db, migrations[v].sql, error)
          || (migrations[v].func != NULL && !migrations[v].func (db, error))
          || !exec_sql (db, set_version, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return exec_sql (db, "COMMIT", error);
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return -1;
  return buf.st_size;
}

static sqlite3 *
open_database (const char  *path,
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
      set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  if (!exec_sql (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error))
    goto fail;

  /* A truncated file: SQLite would only notice when it reads a missing page */
  if (wal_empty)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 pages = query_int (db, "PRAGMA page_count", 0, &local_error);
      gint64 page_size = query_int (db, "PRAGMA page_size", 0, &local_error);

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

static void
move_aside (const char *path)
{
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);

  g_message ("The saved copy of the account was damaged; it is moved to %s and rebuilt", aside);
  if (g_rename (path, aside) != 0)
    g_unlink (path);
  unlink_database (path, FALSE, NULL);
}

/* Opens, and once more from scratch when the file is damaged. */
static sqlite3 *
open_or_rebuild (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = open_database (path, &local_error);

  if (db != NULL)
    return db;
  if (!g_error_matches (local_error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  move_aside (path);
  return open_database (path, error);
}

/* -------------------------------------------------------------------------- */
/* The worker                                                                 */

typedef void (*JobFunc) (MedusaAccountStore *self,
                         GTask              *task,
                         gpointer            data);

typedef struct
{
  JobFunc   func;
  GTask    *task;          /* (owned) NULL: only close @close_db */
  sqlite3  *close_db;
  gboolean  cancellable;   /* FALSE: runs even when cancelled (delete) */
  gboolean  needs_db;
} Job;

/* The store whose worker this thread is, so that a finalize that happens
 * on the worker (it dropped the last reference) does not wait for itself. */
static GPrivate worker_of = G_PRIVATE_INIT (NULL);

/* After a damaged page was found during a call: start over with an empty copy. */
static void
rebuild (MedusaAccountStore *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->db, sqlite3_close);
  move_aside (self->path);
  self->db = open_database (self->path, &error);
  if (self->db == NULL)
    g_message ("The saved copy could not be rebuilt: %s", error->message);
}

static void
return_error (MedusaAccountStore *self,
              GTask              *task,
              GError             *error)
{
  if (g_error_matches (error, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT))
    rebuild (self);
  g_task_return_error (task, error);
}

static void
worker_run (gpointer item,
            gpointer pool_data)
{
  Job *job = item;
  MedusaAccountStore *self;

  if (job->task == NULL)
    {
      sqlite3_close (job->close_db);
      g_free (job);
      return;
    }

  self = g_task_get_source_object (job->task);
  g_private_set (&worker_of, self);

  if (job->cancellable && g_task_return_error_if_cancelled (job->task))
    ;
  else if (job->needs_db && self->db == NULL)
    g_task_return_new_error (job->task, MEDUSA_ACCOUNT_STORE_ERROR, MEDUSA_ACCOUNT_STORE_ERROR_CLOSED,
                             "The saved copy of the account is closed");
  else
    job->func (self, job->task, g_task_get_task_data (job->task));

  /* May be the last reference to the store (see finalize) */
  g_clear_object (&job->task);
  g_private_set (&worker_of, NULL);
  g_free (job);
}

static void
push_job (MedusaAccountStore *self,
          GTask              *task,
          JobFunc             func,
          gboolean            cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->task = task;   /* steals */
  job->cancellable = cancellable;
  job->needs_db = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

static GTask *
new_task (MedusaAccountStore  *self,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* -------------------------------------------------------------------------- */
/* GObject                                                                    */

static void
medusa_account_store_finalize (GObject *object)
{
  MedusaAccountStore *self = MEDUSA_ACCOUNT_STORE (object);

  /* No call is queued (each holds a reference): close on the worker */
  if (self->pool != NULL)
    {
      gboolean on_worker = g_private_get (&worker_of) == self;

      if (self->db != NULL)
        {
          Job *job = g_new0 (Job, 1);

          job->close_db = g_steal_pointer (&self->db);
          g_thread_pool_push (self->pool, job, NULL);
        }
      if (on_worker)
        g_private_set (&worker_of, NULL);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, !on_worker);
    }

  g_free (self->store_url);
  g_free (self->customer_id);
  g_free (self->path);

  G_OBJECT_CLASS (medusa_account_store_parent_class)->finalize (object);
}

static void
medusa_account_store_class_init (MedusaAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_account_store_finalize;
}

static void
medusa_account_store_init (MedusaAccountStore *self)
{
}

const char *
medusa_account_store_get_path (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->path;
}

const char *
medusa_account_store_get_store_url (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->store_url;
}

const char *
medusa_account_store_get_customer_id (MedusaAccountStore *self)
{
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (self), NULL);
  return self->customer_id;
}

/* -------------------------------------------------------------------------- */
/* Open, close, delete                                                        */

static void
open_job (MedusaAccountStore *self,
          GTask              *task,
          gpointer            data)
{
  GError *error = NULL;

  self->db = open_or_rebuild (self->path, &error);
  if (self->db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_open_async (const char          *store_url,
                                 const char          *customer_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MedusaAccountStore) self = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Job *job;

  g_return_if_fail (store_url != NULL && *store_url != '\0');
  g_return_if_fail (customer_id != NULL && *customer_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (MEDUSA_TYPE_ACCOUNT_STORE, NULL);
  self->store_url = g_strdup (store_url);
  self->customer_id = g_strdup (customer_id);
  self->path = medusa_account_store_dup_path (store_url, customer_id);
  task = new_task (self, cancellable, callback, user_data, medusa_account_store_open_async);

  self->pool = g_thread_pool_new (worker_run, NULL, 1, TRUE, &error);
  if (self->pool == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  job = g_new0 (Job, 1);
  job->func = open_job;
  job->task = task;
  job->cancellable = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

MedusaAccountStore *
medusa_account_store_open_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_account_store_open_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_object_ref (g_task_get_source_object (G_TASK (result)));
}

static void
close_job (MedusaAccountStore *self,
           GTask              *task,
           gpointer            data)
{
  g_clear_pointer (&self->db, sqlite3_close);
  g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_close_async (MedusaAccountStore  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_close_async);
  job = g_new0 (Job, 1);
  job->func = close_job;
  job->task = task;
  job->cancellable = TRUE;
  g_thread_pool_push (self->pool, job, NULL);
}

gboolean
medusa_account_store_close_finish (MedusaAccountStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_job (MedusaAccountStore *self,
            GTask              *task,
            gpointer            data)
{
  GError *error = NULL;

  g_clear_pointer (&self->db, sqlite3_close);
  if (!unlink_database (self->path, TRUE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_delete_async (MedusaAccountStore  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_delete_async);
  job = g_new0 (Job, 1);
  job->func = delete_job;
  job->task = task;
  job->cancellable = FALSE;
  g_thread_pool_push (self->pool, job, NULL);
}

gboolean
medusa_account_store_delete_finish (MedusaAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -------------------------------------------------------------------------- */
/* Put                                                                        */

static gboolean
replace_rows (sqlite3     *db,
              const char  *table,
              JsonArray   *array,
              GError     **error)
{
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (position, json) VALUES (?1, ?2)", table);
  g_autoptr(Stmt) insert = NULL;

  if (!exec_sql (db, delete_sql, error))
    return FALSE;
  insert = prepare (db, insert_sql, error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *json = object_to_string (array_object (array, i));

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, i);
      bind_text (insert, 2, json);
      if (!step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
all_load (JsonArray    *array,
          NewFromJson   new_from_json,
          const char   *what,
          GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check_loads (array_object (array, i), new_from_json, what, error))
      return FALSE;
  return TRUE;
}

static gboolean
in_transaction (MedusaAccountStore  *self,
                gboolean           (*func) (MedusaAccountStore *self, JsonNode *root, GError **error),
                JsonNode            *root,
                GError             **error)
{
  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, root, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec_sql (self->db, "COMMIT", error);
}

static gboolean
put_customer (MedusaAccountStore  *self,
              JsonNode            *root,
              GError             **error)
{
  JsonObject *customer = unwrap_object (root, "customer");
  g_autofree char *json = NULL;
  g_autoptr(Stmt) stmt = NULL;

  if (!check_loads (customer, (NewFromJson) medusa_customer_new_from_json, "a customer", error))
    return FALSE;
  json = object_to_string (customer);
  stmt = prepare (self->db, "INSERT OR REPLACE INTO customer (id, json) VALUES (1, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, json);
  return step_done (self->db, stmt, error);
}

static gboolean
put_addresses (MedusaAccountStore  *self,
               JsonNode            *root,
               GError             **error)
{
  JsonArray *array = unwrap_array (root, "shipping_addresses", "addresses");

  if (array == NULL)
    return set_invalid (error, "a list of addresses");
  if (!all_load (array, (NewFromJson) medusa_address_new_from_json, "an address", error))
    return FALSE;
  return replace_rows (self->db, "addresses", array, error);
}

static gboolean
put_payment_methods (MedusaAccountStore  *self,
                     JsonNode            *root,
                     GError             **error)
{
  JsonArray *array = unwrap_array (root, "payment_methods", NULL);

  if (array == NULL)
    return set_invalid (error, "a list of payment methods");
  if (!all_load (array, (NewFromJson) medusa_payment_method_new_from_json, "a payment method", error))
    return FALSE;
  return replace_rows (self->db, "payment_methods", array, error);
}

/* Inserts or updates the row of @order; as summary, or as details (then the
 * summary JSON of an order already held stays). */
static gboolean
upsert_order (sqlite3     *db,
              JsonObject  *order,
              gboolean     details,
              GError     **error)
{
  static const char orders_sql[] =
    "INSERT INTO orders (id, display_id, created_at, updated_at, status, fulfillment_status,"
    "  payment_status, currency_code, total, region_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (id) DO UPDATE SET display_id = excluded.display_id,"
    "  created_at = excluded.created_at, updated_at = coalesce (excluded.updated_at, updated_at),"
    "  status = excluded.status, fulfillment_status = excluded.fulfillment_status,"
    "  payment_status = excluded.payment_status, currency_code = excluded.currency_code,"
    "  total = excluded.total, region_id = excluded.region_id"
    " RETURNING rowid";
  static const char summary_sql[] =
    "INSERT INTO order_json (rowid, summary) VALUES (?1, ?2)"
    " ON CONFLICT (rowid) DO UPDATE SET summary = excluded.summary"
    " RETURNING details";
  static const char details_sql[] =
    "INSERT INTO order_json (rowid, summary, details) VALUES (?1, ?2, ?2)"
    " ON CONFLICT (rowid) DO UPDATE SET details = excluded.details"
    " RETURNING summary";
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(Stmt) json_stmt = NULL;
  g_autoptr(GDateTime) created_at = date_member (order, "created_at");
  g_autoptr(GDateTime) updated_at = date_member (order, "updated_at");
  g_autofree char *json = object_to_string (order);
  g_autoptr(JsonNode) other = NULL;
  JsonObject *other_object;
  gint64 value;
  gint64 rowid;
  int rc;

  stmt = prepare (db, orders_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, string_member (order, "id"));
  if (int_member (order, "display_id", &value))
    sqlite3_bind_int64 (stmt, 2, value);
  bind_date (stmt, 3, created_at);
  bind_date (stmt, 4, updated_at);
  bind_text (stmt, 5, string_member (order, "status"));
  bind_text (stmt, 6, string_member (order, "fulfillment_status"));
  bind_text (stmt, 7, string_member (order, "payment_status"));
  bind_text (stmt, 8, string_member (order, "currency_code"));
  if (int_member (order, "total", &value))
    sqlite3_bind_int64 (stmt, 9, value);
  bind_text (stmt, 10, string_member (order, "region_id"));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (db, rc, error);
  rowid = sqlite3_column_int64 (stmt, 0);
  if (!step_done (db, stmt, error))
    return FALSE;

  json_stmt = prepare (db, details ? details_sql : summary_sql, error);
  if (json_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (json_stmt, 1, rowid);
  bind_text (json_stmt, 2, json);
  rc = sqlite3_step (json_stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (db, rc, error);
  /* The one just put is at hand; the other one is parsed only when held */
  other = parse_stored ((const char *) sqlite3_column_text (json_stmt, 0));
  if (!step_done (db, json_stmt, error))
    return FALSE;

  other_object = other && JSON_NODE_HOLDS_OBJECT (other) ? json_node_get_object (other) : NULL;
  if (details)
    return index_order (db, rowid, other_object, order, error);
  return index_order (db, rowid, order, other_object, error);
}

static gboolean
put_orders (MedusaAccountStore  *self,
            JsonNode            *root,
            GError             **error)
{
  JsonArray *array = unwrap_array (root, "orders", NULL);

  if (array == NULL)
    return set_invalid (error, "a list of orders");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *order = array_object (array, i);

      if (!check_loads (order, (NewFromJson) medusa_order_new_from_json, "an order", error))
        return FALSE;
      if (!upsert_order (self->db, order, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_order_details (MedusaAccountStore  *self,
                   JsonNode            *root,
                   GError             **error)
{
  JsonObject *order = unwrap_object (root, "order");

  if (!check_loads (order, (NewFromJson) medusa_order_new_from_json, "an order", error))
    return FALSE;
  return upsert_order (self->db, order, TRUE, error);
}

typedef struct
{
  GBytes     *json;
  gboolean  (*func) (MedusaAccountStore *self, JsonNode *root, GError **error);
} PutData;

static void
put_data_free (PutData *data)
{
  g_bytes_unref (data->json);
  g_free (data);
}

static void
put_job (MedusaAccountStore *self,
         GTask              *task,
         gpointer            task_data)
{
  PutData *data = task_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = parse_bytes (data->json, &error);
  if (root == NULL || !in_transaction (self, data->func, root, &error))
    return_error (self, task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
put_async (MedusaAccountStore  *self,
           GBytes              *json,
           gboolean           (*func) (MedusaAccountStore *self, JsonNode *root, GError **error),
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = new_task (self, cancellable, callback, user_data, medusa_account_store_put_finish);
  PutData *data = g_new0 (PutData, 1);

  data->json = g_bytes_ref (json);
  data->func = func;
  g_task_set_task_data (task, data, (GDestroyNotify) put_data_free);
  push_job (self, task, put_job, TRUE);
}

void
medusa_account_store_put_customer_async (MedusaAccountStore  *self,
                                         GBytes              *json,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, put_customer, cancellable, callback, user_data);
}

void
medusa_account_store_put_addresses_async (MedusaAccountStore  *self,
                                          GBytes              *json,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, put_addresses, cancellable, callback, user_data);
}

void
medusa_account_store_put_payment_methods_async (MedusaAccountStore  *self,
                                                GBytes              *json,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, put_payment_methods, cancellable, callback, user_data);
}

void
medusa_account_store_put_orders_async (MedusaAccountStore  *self,
                                       GBytes              *json,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, put_orders, cancellable, callback, user_data);
}

void
medusa_account_store_put_order_details_async (MedusaAccountStore  *self,
                                              GBytes              *json,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (json != NULL);
  put_async (self, json, put_order_details, cancellable, callback, user_data);
}

gboolean
medusa_account_store_put_finish (MedusaAccountStore  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_account_store_put_finish, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -------------------------------------------------------------------------- */
/* Get                                                                        */

/* Builds a model from each row's column 0; rows that do not parse are left out. */
static GListStore *
models_from_rows (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  GType          type,
                  NewFromJson    new_from_json,
                  GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = parse_stored ((const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(GObject) model = NULL;
      g_autoptr(GError) local_error = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      model = new_from_json (json_node_get_object (node), &local_error);
      if (model == NULL)
        g_debug ("A stored %s does not load: %s", g_type_name (type), local_error->message);
      else
        g_list_store_append (store, model);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

typedef struct
{
  const char  *sql;
  GType        type;
  NewFromJson  new_from_json;
  gboolean     single;      /* return the first model or NULL, not a list */
  char        *arg;         /* (nullable) bound to ?1 */
} GetData;

static void
get_data_free (GetData *data)
{
  g_free (data->arg);
  g_free (data);
}

static void
get_job (MedusaAccountStore *self,
         GTask              *task,
         gpointer            task_data)
{
  GetData *data = task_data;
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(GListStore) store = NULL;
  GError *error = NULL;

  stmt = prepare (self->db, data->sql, &error);
  if (stmt != NULL && data->arg != NULL)
    bind_text (stmt, 1, data->arg);
  if (stmt != NULL)
    store = models_from_rows (self->db, stmt, data->type, data->new_from_json, &error);
  if (store == NULL)
    return_error (self, task, error);
  else if (data->single)
    g_task_return_pointer (task, g_list_model_get_item (G_LIST_MODEL (store), 0), g_object_unref);
  else
    g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
get_async (MedusaAccountStore  *self,
           GetData             *data,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  GTask *task = new_task (self, cancellable, callback, user_data, source_tag);

  g_task_set_task_data (task, data, (GDestroyNotify) get_data_free);
  push_job (self, task, get_job, TRUE);
}

static GetData *
get_data_new (const char  *sql,
              GType        type,
              NewFromJson  new_from_json,
              gboolean     single)
{
  GetData *data = g_new0 (GetData, 1);

  data->sql = sql;
  data->type = type;
  data->new_from_json = new_from_json;
  data->single = single;
  return data;
}

static gpointer
get_finish (MedusaAccountStore  *self,
            GAsyncResult        *result,
            gpointer             source_tag,
            GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
medusa_account_store_get_customer_async (MedusaAccountStore  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM customer", MEDUSA_TYPE_CUSTOMER,
                                 (NewFromJson) medusa_customer_new_from_json, TRUE),
             cancellable, callback, user_data, medusa_account_store_get_customer_async);
}

MedusaCustomer *
medusa_account_store_get_customer_finish (MedusaAccountStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_customer_async, error);
}

void
medusa_account_store_get_addresses_async (MedusaAccountStore  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM addresses ORDER BY position", MEDUSA_TYPE_ADDRESS,
                                 (NewFromJson) medusa_address_new_from_json, FALSE),
             cancellable, callback, user_data, medusa_account_store_get_addresses_async);
}

GListModel *
medusa_account_store_get_addresses_finish (MedusaAccountStore  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_addresses_async, error);
}

void
medusa_account_store_get_payment_methods_async (MedusaAccountStore  *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  get_async (self, get_data_new ("SELECT json FROM payment_methods ORDER BY position",
                                 MEDUSA_TYPE_PAYMENT_METHOD,
                                 (NewFromJson) medusa_payment_method_new_from_json, FALSE),
             cancellable, callback, user_data, medusa_account_store_get_payment_methods_async);
}

GListModel *
medusa_account_store_get_payment_methods_finish (MedusaAccountStore  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_payment_methods_async, error);
}

void
medusa_account_store_get_order_details_async (MedusaAccountStore  *self,
                                              const char          *order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GetData *data;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (order_id != NULL);

  data = get_data_new ("SELECT j.details FROM orders o JOIN order_json j ON j.rowid = o.rowid"
                       " WHERE o.id = ?1 AND j.details IS NOT NULL",
                       MEDUSA_TYPE_ORDER, (NewFromJson) medusa_order_new_from_json, TRUE);
  data->arg = g_strdup (order_id);
  get_async (self, data, cancellable, callback, user_data, medusa_account_store_get_order_details_async);
}

MedusaOrder *
medusa_account_store_get_order_details_finish (MedusaAccountStore  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_order_details_async, error);
}

/* -------------------------------------------------------------------------- */
/* Orders                                                                     */

typedef struct
{
  GListStore *orders;
  gint64      n_total;
} OrdersResult;

static void
orders_result_free (OrdersResult *result)
{
  g_clear_object (&result->orders);
  g_free (result);
}

typedef struct
{
  const char *text;     /* (nullable) else an integer */
  gint64      value;
} Param;

static void
add_text_param (GArray     *params,
                const char *text)
{
  Param param = { text, 0 };

  g_array_append_val (params, param);
}

static void
add_status_clause (GString    *where,
                   GArray     *params,
                   const char *column,
                   guint32     mask,
                   const char *(*to_string) (int value))
{
  gboolean first = TRUE;

  if (mask == 0)
    return;
  g_string_append_printf (where, " AND %s IN (", column);
  for (int v = 0; v < 32; v++)
    {
      const char *name;

      if ((mask & (1u << v)) == 0 || (name = to_string (v)) == NULL)
        continue;
      g_string_append (where, first ? "?" : ", ?");
      add_text_param (params, name);
      first = FALSE;
    }
  if (first)
    g_string_append (where, "NULL");
  g_string_append_c (where, ')');
}

static void
bind_params (sqlite3_stmt *stmt,
             GArray       *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      Param *param = &g_array_index (params, Param, i);

      if (param->text != NULL)
        sqlite3_bind_text (stmt, i + 1, param->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, i + 1, param->value);
    }
}

static gint64
to_usec (GDateTime *when)
{
  return g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
}

static OrdersResult *
query_orders (sqlite3                      *db,
              const MedusaStoreOrderFilter *filter,
              GError                      **error)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GArray) params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_autofree char *match = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *list_sql = NULL;
  g_autoptr(Stmt) count = NULL;
  g_autoptr(Stmt) list = NULL;
  OrdersResult *result;
  int rc;

  match = medusa_store_fts_query_from_text (filter->text);
  if (match != NULL)
    {
      g_string_append (where, " AND rowid IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)");
      add_text_param (params, match);
    }
  add_status_clause (where, params, "status", filter->statuses,
                     (const char *(*) (int)) medusa_order_status_to_string);
  add_status_clause (where, params, "fulfillment_status", filter->fulfillment_statuses,
                     (const char *(*) (int)) medusa_fulfillment_status_to_string);
  add_status_clause (where, params, "payment_status", filter->payment_statuses,
                     (const char *(*) (int)) medusa_payment_status_to_string);
  if (filter->display_id != NULL)
    {
      g_string_append (where, " AND display_id = ?");
      add_text_param (params, filter->display_id);
    }
  if (filter->currency_code != NULL)
    {
      g_string_append (where, " AND lower (currency_code) = lower (?)");
      add_text_param (params, filter->currency_code);
    }
  if (filter->region_id != NULL)
    {
      g_string_append (where, " AND region_id = ?");
      add_text_param (params, filter->region_id);
    }
  if (filter->created_from != NULL)
    {
      Param param = { NULL, to_usec (filter->created_from) };

      g_string_append (where, " AND created_at >= ?");
      g_array_append_val (params, param);
    }
  if (filter->created_until != NULL)
    {
      Param param = { NULL, to_usec (filter->created_until) };

      g_string_append (where, " AND created_at < ?");
      g_array_append_val (params, param);
    }

  count_sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE %s", where->str);
  /* The page is chosen on the small rows; only its JSON is read */
  list_sql = g_strdup_printf ("SELECT j.summary FROM"
                              " (SELECT rowid, created_at, display_id, id FROM orders WHERE %s"
                              "  ORDER BY created_at DESC, display_id DESC, id DESC"
                              "  LIMIT %d OFFSET %u) AS page"
                              " JOIN order_json j ON j.rowid = page.rowid"
                              " ORDER BY page.created_at DESC, page.display_id DESC, page.id DESC",
                              where->str, filter->limit, filter->offset);
  count = prepare (db, count_sql, error);
  if (count == NULL)
    return NULL;
  list = prepare (db, list_sql, error);
  if (list == NULL)
    return NULL;
  bind_params (count, params);
  bind_params (list, params);

  result = g_new0 (OrdersResult, 1);
  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    {
      orders_result_free (result);
      set_sqlite_error (db, rc, error);
      return NULL;
    }
  result->n_total = sqlite3_column_int64 (count, 0);
  result->orders = models_from_rows (db, list, MEDUSA_TYPE_ORDER,
                                     (NewFromJson) medusa_order_new_from_json, error);
  if (result->orders == NULL)
    {
      orders_result_free (result);
      return NULL;
    }
  return result;
}

static void
get_orders_job (MedusaAccountStore *self,
                GTask              *task,
                gpointer            task_data)
{
  GError *error = NULL;
  OrdersResult *result = query_orders (self->db, task_data, &error);

  if (result == NULL)
    return_error (self, task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) orders_result_free);
}

void
medusa_account_store_get_orders_async (MedusaAccountStore           *self,
                                       const MedusaStoreOrderFilter *filter,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_get_orders_async);
  g_task_set_task_data (task,
                        filter ? medusa_store_order_filter_copy (filter) : medusa_store_order_filter_new (),
                        (GDestroyNotify) medusa_store_order_filter_free);
  push_job (self, task, get_orders_job, TRUE);
}

GListModel *
medusa_account_store_get_orders_finish (MedusaAccountStore  *self,
                                        GAsyncResult        *result,
                                        gint64              *n_total,
                                        GError             **error)
{
  OrdersResult *orders;
  GListModel *model;

  orders = get_finish (self, result, medusa_account_store_get_orders_async, error);
  if (orders == NULL)
    return NULL;
  if (n_total != NULL)
    *n_total = orders->n_total;
  model = G_LIST_MODEL (g_steal_pointer (&orders->orders));
  orders_result_free (orders);
  return model;
}

/* -------------------------------------------------------------------------- */
/* Sync state                                                                 */

static gboolean
read_sync_state (sqlite3               *db,
                 MedusaStoreSyncState  *state,
                 GError               **error)
{
  g_autoptr(Stmt) stmt = NULL;
  g_autoptr(Stmt) held = NULL;
  int rc;

  stmt = prepare (db, "SELECT newest_updated_at, server_count, last_synced, complete"
                      " FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->newest_updated_at = column_date (stmt, 0);
      state->server_count = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1);
      state->last_synced = column_date (stmt, 2);
      state->complete = sqlite3_column_int (stmt, 3) != 0;
    }
  else if (rc != SQLITE_DONE)
    return set_sqlite_error (db, rc, error);

  held = prepare (db, "SELECT max (updated_at), count(*) FROM orders", error);
  if (held == NULL)
    return FALSE;
  rc = sqlite3_step (held);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (db, rc, error);
  state->n_orders = sqlite3_column_int64 (held, 1);
  if (sqlite3_column_type (held, 0) != SQLITE_NULL)
    {
      g_autoptr(GDateTime) newest = column_date (held, 0);

      if (state->newest_updated_at == NULL
          || g_date_time_compare (newest, state->newest_updated_at) > 0)
        {
          g_clear_pointer (&state->newest_updated_at, g_date_time_unref);
          state->newest_updated_at = g_steal_pointer (&newest);
        }
    }
  return TRUE;
}

static void
get_sync_state_job (MedusaAccountStore *self,
                    GTask              *task,
                    gpointer            task_data)
{
  g_autoptr(MedusaStoreSyncState) state = medusa_store_sync_state_new ();
  GError *error = NULL;

  if (!read_sync_state (self->db, state, &error))
    return_error (self, task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&state), (GDestroyNotify) medusa_store_sync_state_free);
}

void
medusa_account_store_get_sync_state_async (MedusaAccountStore  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  push_job (self,
            new_task (self, cancellable, callback, user_data, medusa_account_store_get_sync_state_async),
            get_sync_state_job, TRUE);
}

MedusaStoreSyncState *
medusa_account_store_get_sync_state_finish (MedusaAccountStore  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  return get_finish (self, result, medusa_account_store_get_sync_state_async, error);
}

static void
set_sync_state_job (MedusaAccountStore *self,
                    GTask              *task,
                    gpointer            task_data)
{
  MedusaStoreSyncState *state = task_data;
  g_autoptr(Stmt) stmt = NULL;
  GError *error = NULL;

  stmt = prepare (self->db, "INSERT OR REPLACE INTO sync_state"
                            " (id, newest_updated_at, server_count, last_synced, complete)"
                            " VALUES (1, ?1, ?2, ?3, ?4)", &error);
  if (stmt != NULL)
    {
      bind_date (stmt, 1, state->newest_updated_at);
      if (state->server_count >= 0)
        sqlite3_bind_int64 (stmt, 2, state->server_count);
      bind_date (stmt, 3, state->last_synced);
      sqlite3_bind_int (stmt, 4, state->complete ? 1 : 0);
    }
  if (stmt == NULL || !step_done (self->db, stmt, &error))
    return_error (self, task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_account_store_set_sync_state_async (MedusaAccountStore         *self,
                                           const MedusaStoreSyncState *state,
                                           GCancellable               *cancellable,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_ACCOUNT_STORE (self));
  g_return_if_fail (state != NULL);

  task = new_task (self, cancellable, callback, user_data, medusa_account_store_put_finish);
  g_task_set_task_data (task, medusa_store_sync_state_copy (state),
                        (GDestroyNotify) medusa_store_sync_state_free);
  push_job (self, task, set_sync_state_job, TRUE);
}
