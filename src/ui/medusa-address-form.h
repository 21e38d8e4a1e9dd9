/* medusa-address-form.h: the rows of one postal address and its country
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-countries.h"
#include "medusa-payloads.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_ADDRESS_FORM (medusa_address_form_get_type ())
G_DECLARE_FINAL_TYPE (MedusaAddressForm, medusa_address_form, MEDUSA, ADDRESS_FORM, AdwBin)

/* The address rows (names, company, lines, city, postal code, province,
 * country, phone) shared by the address dialog and the profile's billing
 * address.
 *
 * Properties: "countries" (MedusaCountries: the list the country row offers,
 * live; the form does not start its load), "billing" (construct: rows titled
 * "Billing …", no Company row, no "Required: …" hint), "valid" (read-only,
 * notify: every required row filled and a country chosen).
 * Signals: "changed" (the user edited a row or chose a country),
 * "entry-activated" (Enter in a row). */
GtkWidget          *medusa_address_form_new           (gboolean            billing);

void                medusa_address_form_set_countries (MedusaAddressForm  *self,
                                                       MedusaCountries    *countries);
gboolean            medusa_address_form_get_billing   (MedusaAddressForm  *self);
gboolean            medusa_address_form_get_valid     (MedusaAddressForm  *self);

/* Fills every row from @input (an unset field empties its row; no "company"
 * in billing mode) and chooses its country_code once the list has it. */
void                medusa_address_form_set_input     (MedusaAddressForm        *self,
                                                       const MedusaAddressInput *input);
/* (transfer full): the trimmed, non-empty rows and the chosen country. */
MedusaAddressInput *medusa_address_form_get_input     (MedusaAddressForm  *self);

/* Marks every empty required row (and the hint lists them); with
 * @focus_first, moves the focus to the first of them. */
void                medusa_address_form_show_missing  (MedusaAddressForm  *self,
                                                       gboolean            focus_first);
/* Empties every row and forgets the country asked for and the marks. */
void                medusa_address_form_clear         (MedusaAddressForm  *self);

G_END_DECLS
