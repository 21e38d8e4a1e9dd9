/* medusa-payment-methods-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_PAYMENT_METHODS_PAGE (medusa_payment_methods_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaPaymentMethodsPage, medusa_payment_methods_page, MEDUSA, PAYMENT_METHODS_PAGE, MedusaPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_payment_methods_page_new (MedusaSession *session);

G_END_DECLS
