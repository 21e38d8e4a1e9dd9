/* medusa-store-row.h: one saved store on the store page
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-store-profiles.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_STORE_ROW (medusa_store_row_get_type ())
G_DECLARE_FINAL_TYPE (MedusaStoreRow, medusa_store_row, MEDUSA, STORE_ROW, AdwActionRow)

GtkWidget          *medusa_store_row_new         (MedusaStoreProfile *profile);
MedusaStoreProfile *medusa_store_row_get_profile (MedusaStoreRow     *self);

G_END_DECLS
