/* medusa-order-list.h: the order history as a GListModel that pages on demand
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order-query.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_LIST (medusa_order_list_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderList, medusa_order_list, MEDUSA, ORDER_LIST, GObject)

#define MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE 20
/* At most this many pages are asked for besides the wanted one. */
#define MEDUSA_ORDER_LIST_MAX_PREFETCH 8
/* At most this many pages in one request. */
#define MEDUSA_ORDER_LIST_MAX_REQUEST_PAGES 10

/* A GListModel of MedusaOrder summaries (medusa_order_copy_summary()).
 * Properties: "client", "query" (boxed
 * MedusaOrderQuery, copied), "page-size", "prefetch" (pages asked for at the
 * same time as the wanted one, 0 by default), "request-pages" (pages one
 * request asks for once the count is known, 1 by default), "n-total" (server count, -1 before
 * the first page), "loading", "error" (boxed GError of the last failed load,
 * or NULL), "has-more". It loads the first page when the query is set, and
 * the next one on medusa_order_list_load_more() or when g_list_model_get_item()
 * asks for one of the last few loaded items. A new query cancels what runs,
 * empties the list and starts again. The query's own limit/offset are replaced. */
MedusaOrderList        *medusa_order_list_new            (MedusaClient           *client,
                                                          const MedusaOrderQuery *query);
MedusaClient           *medusa_order_list_get_client     (MedusaOrderList        *self);
const MedusaOrderQuery *medusa_order_list_get_query      (MedusaOrderList        *self);
void                    medusa_order_list_set_query      (MedusaOrderList        *self,
                                                          const MedusaOrderQuery *query);
guint                   medusa_order_list_get_page_size  (MedusaOrderList        *self);
void                    medusa_order_list_set_page_size  (MedusaOrderList        *self,
                                                          guint                   page_size);
guint                   medusa_order_list_get_prefetch   (MedusaOrderList        *self);
void                    medusa_order_list_set_prefetch   (MedusaOrderList        *self,
                                                          guint                   prefetch);
guint                   medusa_order_list_get_request_pages (MedusaOrderList     *self);
void                    medusa_order_list_set_request_pages (MedusaOrderList     *self,
                                                             guint                request_pages);
gint64                  medusa_order_list_get_n_total    (MedusaOrderList        *self);
gboolean                medusa_order_list_get_loading    (MedusaOrderList        *self);
gboolean                medusa_order_list_get_has_more   (MedusaOrderList        *self);
const GError           *medusa_order_list_get_error      (MedusaOrderList        *self);
/* Loads the next page unless one is loading or all are loaded. */
void                    medusa_order_list_load_more      (MedusaOrderList        *self);
/* Drops what is loaded and loads the first page again. */
void                    medusa_order_list_reload         (MedusaOrderList        *self);
/* Cancels any running load (also done in dispose). */
void                    medusa_order_list_cancel         (MedusaOrderList        *self);

G_END_DECLS
