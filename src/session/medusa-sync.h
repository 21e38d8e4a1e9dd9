/* medusa-sync.h: fills the local copy of the account from the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-account-store.h"
#include "medusa-client.h"
#include "medusa-customer.h"

G_BEGIN_DECLS

/* Orders per list request of a sync. */
#define MEDUSA_SYNC_PAGE_SIZE 50
/* List requests of a first sync in flight at once. */
#define MEDUSA_SYNC_MAX_CONCURRENT_PAGES 4
/* How far before the newest updated_at held a later sync asks from: an
 * order written at the same moment as the last sync is not missed. */
#define MEDUSA_SYNC_SAFETY_MARGIN_SECONDS 300

#define MEDUSA_TYPE_SYNC (medusa_sync_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSync, medusa_sync, MEDUSA, SYNC, GObject)

/* One customer's sync between the signed-in @client and the open copy
 * @store. A run fetches the customer (with the addresses), the payment
 * methods and the orders and puts them into the copy:
 *  - a copy that does not hold the whole history yet gets all of it, in
 *    pages of MEDUSA_SYNC_PAGE_SIZE (the first alone, for the count, then up
 *    to MEDUSA_SYNC_MAX_CONCURRENT_PAGES at once);
 *  - later runs ask only for the orders with updated_at[gte] = the newest
 *    updated_at held minus MEDUSA_SYNC_SAFETY_MARGIN_SECONDS: an unchanged
 *    history costs that one request;
 *  - the first run of a MedusaSync on a complete copy (once per start or
 *    sign-in) also asks for the server's order count (limit=1, fields=id);
 *    when the store has more orders than the copy holds, something was
 *    missed and the whole history is fetched again;
 *  - the customer, the payment methods and the incremental query carry
 *    If-None-Match with the ETag of the answer the copy holds (kept in this
 *    object's memory only: one copy, one customer); a 304 is "unchanged":
 *    nothing is parsed or put, and the kept count of the page stands in.
 * A run asked for while one runs joins it. */
MedusaSync         *medusa_sync_new            (MedusaClient        *client,
                                                MedusaAccountStore  *store);
MedusaClient       *medusa_sync_get_client     (MedusaSync          *self);
MedusaAccountStore *medusa_sync_get_store      (MedusaSync          *self);

/* Finishes with the customer the store answered (transfer full), after the
 * copy holds what was fetched and its sync state says so. */
void                medusa_sync_run_async      (MedusaSync          *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MedusaCustomer     *medusa_sync_run_finish     (MedusaSync          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* What the last finished run did: how many pages of orders it fetched
 * (the count check not included), whether it fetched the whole history,
 * whether it asked for the server's count. */
guint               medusa_sync_get_n_page_requests  (MedusaSync   *self);
gboolean            medusa_sync_get_last_run_full    (MedusaSync   *self);
gboolean            medusa_sync_get_last_run_probed  (MedusaSync   *self);
/* How many requests of the last finished run the store answered 304 (the
 * customer, the payment methods, pages of the incremental orders query). */
guint               medusa_sync_get_n_not_modified   (MedusaSync   *self);

/* The "fields" every order list request of the sync sends: the list's
 * default columns plus updated_at (and canceled_at), which the Store API
 * leaves out by default. */
const char         *medusa_sync_get_order_fields (void);

G_END_DECLS
