/* medusa-address.h: a customer's postal address
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_ADDRESS (medusa_address_get_type ())
G_DECLARE_FINAL_TYPE (MedusaAddress, medusa_address, MEDUSA, ADDRESS, GObject)

/* Properties (read-only, named like the JSON keys with '-'): "id",
 * "customer-id", "company", "first-name", "last-name", "address-1",
 * "address-2", "city", "country-code", "province", "postal-code", "phone",
 * "metadata" (boxed JsonObject), "created-at", "updated-at" (GDateTime, UTC). */
MedusaAddress *medusa_address_new_from_json      (JsonObject    *object,
                                                  GError       **error);

const char    *medusa_address_get_id             (MedusaAddress *self);
const char    *medusa_address_get_customer_id    (MedusaAddress *self);
const char    *medusa_address_get_company        (MedusaAddress *self);
const char    *medusa_address_get_first_name     (MedusaAddress *self);
const char    *medusa_address_get_last_name      (MedusaAddress *self);
const char    *medusa_address_get_address_1      (MedusaAddress *self);
const char    *medusa_address_get_address_2      (MedusaAddress *self);
const char    *medusa_address_get_city           (MedusaAddress *self);
const char    *medusa_address_get_country_code   (MedusaAddress *self);
const char    *medusa_address_get_province       (MedusaAddress *self);
const char    *medusa_address_get_postal_code    (MedusaAddress *self);
const char    *medusa_address_get_phone          (MedusaAddress *self);
JsonObject    *medusa_address_get_metadata       (MedusaAddress *self);
GDateTime     *medusa_address_get_created_at     (MedusaAddress *self);
GDateTime     *medusa_address_get_updated_at     (MedusaAddress *self);

/* "First Last" (either may be missing); "" when both are. */
char          *medusa_address_dup_full_name      (MedusaAddress *self);
/* Name, company, address lines, "postal city", province, COUNTRY CODE:
 * one per line, empty parts skipped, no trailing newline. */
char          *medusa_address_format_multiline   (MedusaAddress *self);
/* The same parts joined with ", ". */
char          *medusa_address_format_one_line    (MedusaAddress *self);
/* TRUE when both describe the same place for the server (first/last name,
 * company, address_1/2, city, country, province, postal code, phone), ignoring
 * case and surrounding/repeated spaces; NULL and "" are equal. The server
 * silently drops an added address that equals an existing one. */
gboolean       medusa_address_same_place         (MedusaAddress *a,
                                                  MedusaAddress *b);
/* One part as medusa_address_same_place() compares it: spaces trimmed and
 * collapsed, case-folded; NULL gives "". */
char          *medusa_address_normalize_part     (const char    *part);

G_END_DECLS
