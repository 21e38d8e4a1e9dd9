/* medusa-store-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-form-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_STORE_PAGE (medusa_store_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaStorePage, medusa_store_page, MEDUSA, STORE_PAGE, MedusaFormPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_store_page_new (MedusaSession *session);

G_END_DECLS
