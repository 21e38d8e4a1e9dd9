/* medusa-orders-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ORDERS_PAGE (medusa_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaOrdersPage, medusa_orders_page, MEDUSA, ORDERS_PAGE, MedusaPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_orders_page_new (MedusaSession *session);

/* Ctrl+F: puts the keyboard focus in the search entry. */
void       medusa_orders_page_focus_search (MedusaOrdersPage *self);

G_END_DECLS
