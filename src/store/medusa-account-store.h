/* medusa-account-store.h: the local copy of one customer's account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-customer.h"
#include "medusa-order.h"
#include "medusa-store-order-filter.h"

G_BEGIN_DECLS

/**
 * MedusaAccountStoreError:
 * @MEDUSA_ACCOUNT_STORE_ERROR_FAILED: SQLite failed (disk full, I/O error, …)
 * @MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT: the database turned out to be damaged
 *   during the call; it has been moved aside and the store is empty again
 * @MEDUSA_ACCOUNT_STORE_ERROR_CLOSED: the store was closed or deleted
 * @MEDUSA_ACCOUNT_STORE_ERROR_INVALID: the JSON handed to a put call is not
 *   what it must be (no object, no "id")
 */
typedef enum
{
  MEDUSA_ACCOUNT_STORE_ERROR_FAILED,
  MEDUSA_ACCOUNT_STORE_ERROR_CORRUPT,
  MEDUSA_ACCOUNT_STORE_ERROR_CLOSED,
  MEDUSA_ACCOUNT_STORE_ERROR_INVALID,
} MedusaAccountStoreError;

#define MEDUSA_ACCOUNT_STORE_ERROR (medusa_account_store_error_quark ())
GQuark medusa_account_store_error_quark (void);

/* The schema version a database has after medusa_account_store_open_async(). */
#define MEDUSA_ACCOUNT_STORE_SCHEMA_VERSION 3

/* What the sync knows about the copy. Times are UTC (nullable). */
typedef struct
{
  GDateTime *newest_updated_at;  /* the newest order updated_at held */
  gint64     server_count;       /* the server's order count at the last sync, -1: unknown */
  GDateTime *last_synced;        /* when the last sync finished */
  gboolean   complete;           /* the copy holds the whole order history */
  gint64     n_orders;           /* orders held (read only: set_sync_state ignores it) */
} MedusaStoreSyncState;

#define MEDUSA_TYPE_STORE_SYNC_STATE (medusa_store_sync_state_get_type ())
GType                 medusa_store_sync_state_get_type (void) G_GNUC_CONST;
MedusaStoreSyncState *medusa_store_sync_state_new      (void);
MedusaStoreSyncState *medusa_store_sync_state_copy     (const MedusaStoreSyncState *self);
void                  medusa_store_sync_state_free     (MedusaStoreSyncState       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaStoreSyncState, medusa_store_sync_state_free)

#define MEDUSA_TYPE_ACCOUNT_STORE (medusa_account_store_get_type ())
G_DECLARE_FINAL_TYPE (MedusaAccountStore, medusa_account_store, MEDUSA, ACCOUNT_STORE, GObject)

/* One SQLite database per (store URL, customer id), in
 * $XDG_CACHE_HOME/medusa-account/ (folder 0700, files 0600), named by a hash
 * of both (no URL in the name). Pass the store URL in the one form the
 * session uses (after medusa_store_url_check()), so that the same account
 * always finds the same file.
 *
 * Threads: every SQLite call of a store runs on that store's one worker
 * thread, in the order the calls were made; each _async call finishes on the
 * thread-default main context of its caller. The JSON given to the put calls
 * is parsed on the worker, and the models the get calls return are built
 * there. A damaged or unreadable file (also one from a newer schema) is moved
 * aside as <name>.corrupt and the store starts empty; no call crashes on it.
 *
 * Nothing secret is ever written: the put calls keep only the customer,
 * address, payment method and order objects, not the responses around them. */

/* The database file for (url, customer_id); the folder may not exist yet. */
char               *medusa_account_store_dup_path          (const char          *store_url,
                                                            const char          *customer_id);

void                medusa_account_store_open_async        (const char          *store_url,
                                                            const char          *customer_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
MedusaAccountStore *medusa_account_store_open_finish       (GAsyncResult        *result,
                                                            GError             **error);

const char         *medusa_account_store_get_path          (MedusaAccountStore  *self);
const char         *medusa_account_store_get_store_url     (MedusaAccountStore  *self);
const char         *medusa_account_store_get_customer_id   (MedusaAccountStore  *self);

/* The put calls take the JSON as the Store API sends it (GBytes, which are
 * safe to share with the worker):
 *   customer:        {"customer": {…}} or the customer object
 *   addresses:       {"customer": {"shipping_addresses": […]}}, an object with
 *                    "shipping_addresses" or "addresses", or the array; replaces all
 *   payment methods: {"payment_methods": […]} or the array; replaces all
 *   orders:          {"orders": […], …} (one list page) or the array; each is
 *                    inserted or updated by "id", all in one transaction
 *   order details:   {"order": {…}} or the order object (the whole order)
 * They finish TRUE, or FALSE with an error (a batch with one bad order
 * changes nothing). */
void                medusa_account_store_put_customer_async        (MedusaAccountStore  *self,
                                                                    GBytes              *json,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
void                medusa_account_store_put_addresses_async       (MedusaAccountStore  *self,
                                                                    GBytes              *json,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
void                medusa_account_store_put_payment_methods_async (MedusaAccountStore  *self,
                                                                    GBytes              *json,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
void                medusa_account_store_put_orders_async          (MedusaAccountStore  *self,
                                                                    GBytes              *json,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
void                medusa_account_store_put_order_details_async   (MedusaAccountStore  *self,
                                                                    GBytes              *json,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
/* As put_orders, with the page already parsed by medusa_json_parse() (in
 * a thread of the caller's: the sync reads the page's count from it).
 * @root is taken (transfer full): from then on only the worker touches it,
 * and frees it (a tree of 50 whole orders is not freed on the main loop). */
void                medusa_account_store_take_orders_async         (MedusaAccountStore  *self,
                                                                    JsonNode            *root,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
/* Finishes any of the put calls (take_orders too) and set_sync_state. */
gboolean            medusa_account_store_put_finish                (MedusaAccountStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

/* (transfer full) (nullable): NULL without error when none is held. */
void                medusa_account_store_get_customer_async        (MedusaAccountStore  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
MedusaCustomer     *medusa_account_store_get_customer_finish       (MedusaAccountStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);
/* GListModel of MedusaAddress, in the order they were put (transfer full). */
void                medusa_account_store_get_addresses_async       (MedusaAccountStore  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GListModel         *medusa_account_store_get_addresses_finish      (MedusaAccountStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);
/* GListModel of MedusaPaymentMethod (transfer full). */
void                medusa_account_store_get_payment_methods_async (MedusaAccountStore  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GListModel         *medusa_account_store_get_payment_methods_finish (MedusaAccountStore *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);
/* The order summaries that match @filter (NULL: all), newest first, as a
 * GListModel of MedusaOrder (transfer full); @n_total gets how many match
 * without the filter's limit and offset. */
void                medusa_account_store_get_orders_async          (MedusaAccountStore           *self,
                                                                    const MedusaStoreOrderFilter *filter,
                                                                    GCancellable                 *cancellable,
                                                                    GAsyncReadyCallback           callback,
                                                                    gpointer                      user_data);
GListModel         *medusa_account_store_get_orders_finish         (MedusaAccountStore  *self,
                                                                    GAsyncResult        *result,
                                                                    gint64              *n_total,
                                                                    GError             **error);
/* The whole order as put by put_order_details (transfer full) (nullable):
 * NULL without error when its details were never put. */
void                medusa_account_store_get_order_details_async   (MedusaAccountStore  *self,
                                                                    const char          *order_id,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
MedusaOrder        *medusa_account_store_get_order_details_finish  (MedusaAccountStore  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

/* newest_updated_at comes back as the later of the stored one and the newest
 * updated_at among the orders held; n_orders is counted. */
void                  medusa_account_store_get_sync_state_async    (MedusaAccountStore          *self,
                                                                    GCancellable                *cancellable,
                                                                    GAsyncReadyCallback          callback,
                                                                    gpointer                     user_data);
MedusaStoreSyncState *medusa_account_store_get_sync_state_finish   (MedusaAccountStore          *self,
                                                                    GAsyncResult                *result,
                                                                    GError                     **error);
/* Finish with medusa_account_store_put_finish(). */
void                  medusa_account_store_set_sync_state_async    (MedusaAccountStore          *self,
                                                                    const MedusaStoreSyncState  *state,
                                                                    GCancellable                *cancellable,
                                                                    GAsyncReadyCallback          callback,
                                                                    gpointer                     user_data);

/* Closes the database (after every call made before). Later calls fail with
 * MEDUSA_ACCOUNT_STORE_ERROR_CLOSED. Dropping the last reference closes too. */
void                medusa_account_store_close_async       (MedusaAccountStore  *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            medusa_account_store_close_finish      (MedusaAccountStore  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* Closes the database and removes its file, -wal and -shm (after every call
 * made before); the store is closed afterwards. Not cancellable once queued. */
void                medusa_account_store_delete_async      (MedusaAccountStore  *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            medusa_account_store_delete_finish     (MedusaAccountStore  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Removes the files of a copy that is not open (sign-out without an open
 * store, the keyring credential gone): the database, -wal, -shm and a moved
 * aside .corrupt file. A missing file is no error. Close or delete an open
 * store first (medusa_account_store_delete_async does both). */
gboolean            medusa_account_store_delete_files      (const char          *store_url,
                                                            const char          *customer_id,
                                                            GError             **error);
/* Removes the copies of every customer of @store_url (removing a store). */
gboolean            medusa_account_store_delete_all_for_store (const char       *store_url,
                                                               GError          **error);

G_END_DECLS
