/* medusa-order-export.h: the order history, as filtered, into a CSV file
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-account-store.h"
#include "medusa-client.h"
#include "medusa-order.h"
#include "medusa-order-query.h"

G_BEGIN_DECLS

/* Orders per list request of an export. */
#define MEDUSA_ORDER_EXPORT_PAGE_SIZE 50
/* An export stops with an error past this many orders (a store that never
 * ends its list). */
#define MEDUSA_ORDER_EXPORT_MAX_ORDERS 200000

/* What the export asks the list for: a row's fields, the items and the
 * tracking numbers (totals always come). */
#define MEDUSA_ORDER_EXPORT_FIELDS "id,display_id,status,fulfillment_status,payment_status,created_at,currency_code"
#define MEDUSA_ORDER_EXPORT_EXPAND "items,fulfillments,fulfillments.tracking_links"

#define MEDUSA_TYPE_ORDER_EXPORT (medusa_order_export_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderExport, medusa_order_export, MEDUSA, ORDER_EXPORT, GObject)

/* One export of the orders that match @query (its filters; limit, offset,
 * fields and expand are the export's own) from @client into @file as CSV
 * (RFC 4180, UTF-8, CRLF). The file is written as a hidden temporary file
 * next to @file and renamed over it at the end: a failed or cancelled
 * export leaves @file as it was and no temporary file.
 * Properties (notified on the main context of the run's caller):
 * "n-exported" (orders written so far), "n-total" (the store's count, -1
 * before the first page). */
MedusaOrderExport *medusa_order_export_new            (MedusaClient           *client,
                                                       const MedusaOrderQuery *query,
                                                       GFile                  *file);
GFile             *medusa_order_export_get_file       (MedusaOrderExport      *self);
guint              medusa_order_export_get_n_exported (MedusaOrderExport      *self);
gint64             medusa_order_export_get_n_total    (MedusaOrderExport      *self);
/* For tests; MEDUSA_ORDER_EXPORT_PAGE_SIZE by default. Before the run. */
void               medusa_order_export_set_page_size  (MedusaOrderExport      *self,
                                                       guint                   page_size);

/* Before the run: the orders written are the ones @store's copy matches
 * for the query (medusa_order_query_to_store_filter(): its q is the copy's
 * full-text search), all of them, in the copy's order (newest first), each
 * with the store's whole data; "n-total" is how many the copy matches.
 * What the orders page shows while its MedusaOrderHistory is "local".
 * FALSE (and nothing changes) when the copy cannot answer the query. */
gboolean           medusa_order_export_set_copy       (MedusaOrderExport      *self,
                                                       MedusaAccountStore     *store);

/* Runs once. Errors: the client's (MEDUSA_ERROR), G_IO_ERROR with a message
 * for a person (a folder that may not be written, a full disk), or
 * G_IO_ERROR_CANCELLED. */
void               medusa_order_export_run_async      (MedusaOrderExport      *self,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean           medusa_order_export_run_finish     (MedusaOrderExport      *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* The CSV itself, pure (exposed for tests). */

/* @amount in minor units as a plain decimal with the currency's digits
 * (medusa_currency_get_exponent()) and a point, exact integer math:
 * (123456, "eur") → "1234.56", (1234, "jpy") → "1234", (1234, "kwd") →
 * "1.234", (-5, "usd") → "-0.05"; any gint64, G_MININT64 included. */
char              *medusa_order_export_format_amount  (gint64                  amount,
                                                       const char             *currency_code);
/* Appends @text as one CSV field: quoted ("" for a quote) when it holds a
 * comma, a quote, CR or LF, or starts or ends with a space; NULL is "". */
void               medusa_order_export_append_field   (GString                *csv,
                                                       const char             *text);
/* The header line, with its CRLF. */
void               medusa_order_export_append_header  (GString                *csv);
/* One order's line, with its CRLF: number, date (ISO 8601, UTC), status,
 * fulfillment, payment, currency, subtotal, shipping, tax, discount, total,
 * item count, items ("2 × Test Mug (White); 1 × Test T-Shirt (M)"),
 * tracking numbers ("; " between them). */
void               medusa_order_export_append_order   (GString                *csv,
                                                       MedusaOrder            *order);

G_END_DECLS
