/* medusa-order-export-dialog.h: "Export Orders…": the file, the progress, the result
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-order-query.h"
#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_EXPORT_DIALOG (medusa_order_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderExportDialog, medusa_order_export_dialog, MEDUSA, ORDER_EXPORT_DIALOG, AdwWindow)

/* Asks for a file (GtkFileChooserNative, "orders.csv"), then exports the
 * orders matching @query (MedusaOrderExport) with the session's client,
 * showing the progress in a modal dialog with Cancel over @widget's window.
 * The end is a toast on @widget ("Exported 30 orders to orders.csv") or a
 * message dialog that says what went wrong; a cancel says nothing.
 * @from_copy: the orders are the ones the session's local copy matches
 * (medusa_order_export_set_copy()), as the orders page lists them while its
 * history is local; without a copy, the store's. */
void medusa_order_export_dialog_run (GtkWidget              *widget,
                                     MedusaSession          *session,
                                     const MedusaOrderQuery *query,
                                     gboolean                from_copy);
/* The second half of medusa_order_export_dialog_run(), once @file is
 * chosen: shows the progress dialog and starts the export. Returns the
 * dialog (unowned), or NULL when nobody is signed in. */
GtkWidget *medusa_order_export_dialog_start (GtkWidget              *widget,
                                            MedusaSession          *session,
                                            const MedusaOrderQuery *query,
                                            gboolean                from_copy,
                                            GFile                  *file);

G_END_DECLS
