/* medusa-status-badge.h: the small status labels of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-enums.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* Small status labels ("badges") of the order row and the order details
 * page. The style class is one of "success", "warning", "error", "dim-label". */
const char  *medusa_payment_status_style          (MedusaPaymentStatus     status);
GtkWidget   *medusa_status_badge_new              (const char             *text,
                                                   const char             *style_class);
/* Installs the ".medusa-badge" rule on the default display (once); the
 * orders page's filter count uses the class too. */
void         medusa_status_badge_ensure_css       (void);
/* Appends the order's three status badges to @box. */
void         medusa_order_append_status_badges    (MedusaOrder            *order,
                                                   GtkBox                 *box);
/* The three badges of medusa_status_badge_new() in @badges say the order's
 * three statuses (text, style, tooltip; what is the same is not touched). */
void         medusa_order_update_status_badges    (MedusaOrder            *order,
                                                   GtkWidget              *badges[3]);
/* The tooltip of a status badge (given when GTK asks; also its accessible
 * description), or NULL. */
const char  *medusa_status_badge_get_tooltip      (GtkWidget              *badge);

G_END_DECLS
