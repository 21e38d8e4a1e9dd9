/* medusa-region.h: a store region and its countries (the address editor's list)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_COUNTRY (medusa_country_get_type ())
G_DECLARE_FINAL_TYPE (MedusaCountry, medusa_country, MEDUSA, COUNTRY, GObject)

/* The gettext domain of iso-codes' country names. */
#define MEDUSA_ISO_3166_DOMAIN "iso_3166-1"

/* {iso_2, display_name, ...}; a missing/empty iso_2 is a PARSE error.
 * Properties (read-only): "iso-2" (lower case, as the API sends it),
 * "display-name" (in the user's language when iso-codes knows the store's
 * English name; falls back to the upper-cased iso_2). */
MedusaCountry *medusa_country_new_from_json        (JsonObject     *object,
                                                    GError        **error);
/* A country from its code (stored lower-cased) and its English name (NULL:
 * the display name is the upper-cased code). */
MedusaCountry *medusa_country_new                  (const char     *iso_2,
                                                    const char     *display_name);
const char    *medusa_country_get_iso_2            (MedusaCountry  *self);
const char    *medusa_country_get_display_name     (MedusaCountry  *self);

#define MEDUSA_TYPE_REGION (medusa_region_get_type ())
G_DECLARE_FINAL_TYPE (MedusaRegion, medusa_region, MEDUSA, REGION, GObject)

/* Properties (read-only): "id", "name", "currency-code", "countries"
 * (GListModel of MedusaCountry, never NULL, in the server's order). */
MedusaRegion  *medusa_region_new_from_json         (JsonObject     *object,
                                                    GError        **error);
const char    *medusa_region_get_id                (MedusaRegion   *self);
const char    *medusa_region_get_name              (MedusaRegion   *self);
const char    *medusa_region_get_currency_code     (MedusaRegion   *self);
GListModel    *medusa_region_get_countries         (MedusaRegion   *self);

G_END_DECLS
