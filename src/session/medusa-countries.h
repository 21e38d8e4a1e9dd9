/* medusa-countries.h: the countries a store ships to, loaded once per store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-session.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_COUNTRIES (medusa_countries_get_type ())
G_DECLARE_FINAL_TYPE (MedusaCountries, medusa_countries, MEDUSA, COUNTRIES, GObject)

/* Every country of the store's regions (GET /store/regions), each once,
 * sorted by display name: what an address form offers.
 *
 * One per session (medusa_countries_get_for_session()), so every form shares
 * one load. The answer is kept until the session emits "clear-input" (another
 * store, sign-out, another customer); a failed load is tried again by the
 * next medusa_countries_load().
 *
 * Properties (read-only, notify): "model" (GListModel of MedusaCountry, the
 * same object for the session's life), "loaded" (the model holds the current
 * store's answer), "loading".
 * Signal "failed" (const GError *): a load failed; the model stays empty. */
MedusaCountries *medusa_countries_get_for_session (MedusaSession   *session);

GListModel      *medusa_countries_get_model       (MedusaCountries *self);
gboolean         medusa_countries_get_loaded      (MedusaCountries *self);
gboolean         medusa_countries_get_loading     (MedusaCountries *self);
/* Starts a load unless one runs or the answer is there. */
void             medusa_countries_load            (MedusaCountries *self);

G_END_DECLS
