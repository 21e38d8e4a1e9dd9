/* medusa-order-details-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDER_DETAILS_PAGE (medusa_order_details_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrderDetailsPage, medusa_order_details_page, MEDUSA, ORDER_DETAILS_PAGE, MedusaPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_order_details_page_new (MedusaSession *session);

/* Loads and shows the order @order_id (GET /store/orders/{id}). */
void       medusa_order_details_page_show_order (MedusaOrderDetailsPage *self,
                                                 const char             *order_id);

G_END_DECLS
