/* medusa-receipt.h: an order's receipt, printed or saved as PDF
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "medusa-busy-button.h"
#include "medusa-order.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_RECEIPT (medusa_receipt_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReceipt, medusa_receipt, MEDUSA, RECEIPT, GObject)

/* @store_name (nullable) heads every receipt. */
MedusaReceipt     *medusa_receipt_new               (MedusaOrder    *order,
                                                     const char     *store_name);
MedusaOrder       *medusa_receipt_get_order         (MedusaReceipt  *self);

/* Layout, with no print operation: lays the receipt out with @context on
 * pages of @width × @height (the printable area, in the units of the cairo
 * context it is drawn on) and returns the number of pages (≥ 1). Long
 * orders break between lines; the items' column heads repeat on each page. */
guint              medusa_receipt_paginate          (MedusaReceipt  *self,
                                                     PangoContext   *context,
                                                     double          width,
                                                     double          height);
guint              medusa_receipt_get_n_pages       (MedusaReceipt  *self);
/* Draws page @page_nr (from 0) of the last paginate() at the origin of @cr. */
void               medusa_receipt_draw_page         (MedusaReceipt  *self,
                                                     cairo_t        *cr,
                                                     guint           page_nr);

/* The operation: A4 or Letter as the locale says, job name "Receipt 1042". */
GtkPrintOperation *medusa_receipt_new_operation     (MedusaReceipt  *self);
/* "Receipt 1042.pdf" */
char              *medusa_receipt_dup_file_name     (MedusaReceipt  *self);
/* Writes the receipt as PDF to @file (replacing it). Blocks while it draws.
 * Errors are sentences for the user. */
gboolean           medusa_receipt_export_pdf        (MedusaReceipt  *self,
                                                     GtkWindow      *parent,
                                                     GFile          *file,
                                                     GError        **error);
/* The print dialog for @widget's window; a failure is a toast there. */
void               medusa_receipt_print             (MedusaReceipt  *self,
                                                     GtkWidget      *widget);
/* Asks for a file (GtkFileChooserNative, "Receipt 1042.pdf"), then saves the
 * PDF there; the result (saved, or why not) is a toast in @widget's window. */
void               medusa_receipt_save_as_pdf       (MedusaReceipt  *self,
                                                     GtkWidget      *widget);

/* Fetches the whole order @order_id for the signed-in customer of @session
 * (medusa_client_retrieve_receipt_order_async: with the gift cards, refunds
 * and billing address the details page's order lacks), then prints it
 * (@print) or asks where to save it as PDF. @button is busy meanwhile (and a
 * second call while it is, does nothing); a failure is a toast. */
void               medusa_receipt_fetch_and_run     (MedusaSession    *session,
                                                     const char       *order_id,
                                                     gboolean          print,
                                                     MedusaBusyButton *button,
                                                     GCancellable     *cancellable);

G_END_DECLS
