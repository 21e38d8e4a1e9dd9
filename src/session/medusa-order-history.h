/* medusa-order-history.h: the order history and one order's details, from
 * the local copy or from the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-order-query.h"
#include "medusa-session.h"
#include "medusa-store-order-filter.h"

G_BEGIN_DECLS

/* Orders per page of the history when it comes from the local copy. */
#define MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE 50

/* From the store (MedusaOrderList): the first page comes alone (its rows
 * first); from then on one request asks for this many pages, and a load
 * starts this many further requests with it. The store's cost is mostly per
 * request (Medusa 1.20.11: about 15-40 ms of its CPU per request, 0.7 ms
 * per order; it computes every order's totals whatever `fields` says), so
 * fewer, larger requests, two at a time (20, then 100 a request at pages of
 * 20), list a long history with 0.55-0.75x the backend's time of
 * medusa-js's one page per request (bench/README.md, core lever 7). */
#define MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES 5
#define MEDUSA_ORDER_HISTORY_SERVER_PREFETCH      1

/* The one place that decides between the local copy and the store.
 *
 * The filter of the local copy for @query, or NULL when the copy cannot
 * answer it (a filter the copy does not hold: id, cart, email, region,
 * currency, tax rate, updated_at or canceled_at). The words of q become the
 * filter's text; statuses, display_id and the created_at bounds are kept
 * exactly (lte/gt become the exclusive/inclusive bounds one microsecond
 * further); limit, offset, fields and expand are left out. */
MedusaStoreOrderFilter *medusa_order_query_to_store_filter (const MedusaOrderQuery *query);

/* TRUE when the history for @query is listed from a copy in @state: the copy
 * holds the whole history (complete) and can answer every filter of @query. */
gboolean                medusa_order_history_use_copy      (const MedusaStoreSyncState *state,
                                                            const MedusaOrderQuery     *query);

#define MEDUSA_TYPE_ORDER_HISTORY (medusa_order_history_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderHistory, medusa_order_history, MEDUSA, ORDER_HISTORY, GObject)

/* A GListModel of MedusaOrder summaries, newest first, for the session's
 * signed-in customer. While the session's "account-store" holds the whole
 * history (medusa_order_history_use_copy()), the orders come from the copy
 * (its full-text index answers q) in pages of
 * MEDUSA_ORDER_HISTORY_LOCAL_PAGE_SIZE; otherwise from the store through a
 * MedusaOrderList with the session's client, as that class describes
 * (MEDUSA_ORDER_HISTORY_SERVER_*), what a load brings shown 20 orders every
 * 16 ms ("loading" until all is shown).
 * The first answer from the copy, and medusa_order_history_reload(), also
 * ask the session for a sync (medusa_session_refresh_async()): the copy is
 * shown at once and what the store has since comes in afterwards.
 * When the copy changes (the session's "last-synced" or "account-store"),
 * the items shown are compared with the copy's by order id and only what
 * differs is changed (a view keeps its scroll position).
 *
 * Properties: "session", "query" (boxed MedusaOrderQuery, copied), "n-total"
 * (how many match, -1 before the first answer), "loading", "error" (boxed
 * GError of the last failed load, or NULL), "local" (the orders come from
 * the copy). */
MedusaOrderHistory     *medusa_order_history_new           (MedusaSession          *session,
                                                            const MedusaOrderQuery *query);
/* The client the history was made with (the session's client then). */
MedusaClient           *medusa_order_history_get_client    (MedusaOrderHistory     *self);
const MedusaOrderQuery *medusa_order_history_get_query     (MedusaOrderHistory     *self);
void                    medusa_order_history_set_query     (MedusaOrderHistory     *self,
                                                            const MedusaOrderQuery *query);
gint64                  medusa_order_history_get_n_total   (MedusaOrderHistory     *self);
gboolean                medusa_order_history_get_loading   (MedusaOrderHistory     *self);
const GError           *medusa_order_history_get_error     (MedusaOrderHistory     *self);
gboolean                medusa_order_history_get_local     (MedusaOrderHistory     *self);
/* Loads the next page unless one is loading or all are loaded. */
void                    medusa_order_history_load_more     (MedusaOrderHistory     *self);
/* Asks again: the copy (keeping what is shown where it did not change),
 * or the store (from the first page). */
void                    medusa_order_history_reload        (MedusaOrderHistory     *self);
/* Cancels what runs (also done in dispose). */
void                    medusa_order_history_cancel        (MedusaOrderHistory     *self);

/* One whole order for its page. Online, GET /store/orders/{id}; the answer
 * is also put into the session's copy (when one is open), so that it can be
 * shown later without the store. When the session is offline, or the store
 * cannot be reached (network, timeout, 5xx), the copy's saved details are the
 * answer (*from_copy TRUE); without saved details, the store's error. */
void                    medusa_order_details_load_async    (MedusaSession          *session,
                                                            const char             *order_id,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
MedusaOrder            *medusa_order_details_load_finish   (GAsyncResult           *result,
                                                            gboolean               *from_copy,
                                                            GError                **error);

G_END_DECLS
