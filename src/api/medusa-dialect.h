/* medusa-dialect.h: which Store API a store speaks, and what it can do
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-enums.h"

G_BEGIN_DECLS

/**
 * MedusaStoreVersion:
 * @MEDUSA_STORE_VERSION_UNKNOWN: not detected yet (a client speaks v1 then)
 * @MEDUSA_STORE_VERSION_V1: Medusa 1.x (tested with 1.20)
 * @MEDUSA_STORE_VERSION_V2: Medusa 2.x (tested with 2.21)
 *
 * Detected by medusa_store_probe_async() when a store is added, kept in its
 * store profile and given to the store's MedusaClient, which picks the
 * matching dialect.
 */
typedef enum
{
  MEDUSA_STORE_VERSION_UNKNOWN = 0,
  MEDUSA_STORE_VERSION_V1      = 1,
  MEDUSA_STORE_VERSION_V2      = 2,
} MedusaStoreVersion;

/**
 * MedusaCapabilities:
 * @MEDUSA_CAPABILITY_PAYMENT_METHODS: the store lists saved payment methods
 * @MEDUSA_CAPABILITY_CHANGE_EMAIL: the profile can change the email address
 * @MEDUSA_CAPABILITY_CHANGE_PASSWORD: the profile can change the password
 *   with the current one (not only through a reset email)
 * @MEDUSA_CAPABILITY_ORDERS: the order history is available in this app
 * @MEDUSA_CAPABILITY_PASSWORD_RESET: the reset-by-email flow is available
 * @MEDUSA_CAPABILITY_BILLING_ADDRESS: a billing address can be set apart
 *   from the address book
 * @MEDUSA_CAPABILITY_BILLING_IN_ADDRESS_BOOK: the billing address is one of
 *   the address book's, chosen there (a new one joins the address book)
 * @MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE: an order's updated_at moves with
 *   every change the history shows (status, payment, fulfillment), so the
 *   local copy may fetch only the orders changed since its last sync
 * @MEDUSA_CAPABILITY_ORDER_BY_ID: a guest order is identified by its id
 *   (order_…), not by its number and email; the claim is one request and
 *   one emailed code per order
 * @MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL: a claim waiting for its code
 *   can be taken back (medusa_client_cancel_order_claim_async())
 * @MEDUSA_CAPABILITY_RETURN_HISTORY: the store lists an order's returns one
 *   by one (else only how many of each item were asked back)
 *
 * What the store's dialect can do: the only thing the session and the pages
 * may ask about the backend (never its version).
 */
typedef enum
{
  MEDUSA_CAPABILITY_NONE             = 0,
  MEDUSA_CAPABILITY_PAYMENT_METHODS  = 1 << 0,
  MEDUSA_CAPABILITY_CHANGE_EMAIL     = 1 << 1,
  MEDUSA_CAPABILITY_CHANGE_PASSWORD  = 1 << 2,
  MEDUSA_CAPABILITY_ORDERS           = 1 << 3,
  MEDUSA_CAPABILITY_PASSWORD_RESET   = 1 << 4,
  MEDUSA_CAPABILITY_BILLING_ADDRESS  = 1 << 5,
  MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE = 1 << 6,
  MEDUSA_CAPABILITY_BILLING_IN_ADDRESS_BOOK = 1 << 7,
  MEDUSA_CAPABILITY_ORDER_BY_ID      = 1 << 12,
  MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL = 1 << 13,
  MEDUSA_CAPABILITY_RETURN_HISTORY   = 1 << 14,
} MedusaCapabilities;

/* "v1", "v2", or NULL for UNKNOWN (the form kept in the store profile). */
const char         *medusa_store_version_to_string (MedusaStoreVersion  version);
/* UNKNOWN for NULL or anything else. */
MedusaStoreVersion  medusa_store_version_from_string (const char        *text);
/* "Medusa v1" / "Medusa v2" (translated), or NULL for UNKNOWN. */
const char         *medusa_store_version_get_label (MedusaStoreVersion  version);

/* Picks the dialect of @version (UNKNOWN speaks v1); forgets the credential
 * when the version changes (a token of one dialect means nothing to the
 * other). */
void                medusa_client_set_store_version (MedusaClient      *self,
                                                     MedusaStoreVersion version);
MedusaStoreVersion  medusa_client_get_store_version (MedusaClient      *self);
MedusaCapabilities  medusa_client_get_capabilities  (MedusaClient      *self);
gboolean            medusa_client_has_capability    (MedusaClient      *self,
                                                     MedusaCapabilities capability);

/* Whether orders of the client's store can have @status (the filters offer
 * only those). */
gboolean            medusa_client_knows_order_status       (MedusaClient            *self,
                                                            MedusaOrderStatus        status);
gboolean            medusa_client_knows_fulfillment_status (MedusaClient            *self,
                                                            MedusaFulfillmentStatus  status);
gboolean            medusa_client_knows_payment_status     (MedusaClient            *self,
                                                            MedusaPaymentStatus      status);

/* TRUE for a sign-in error that may mean the store runs another Medusa
 * version than its profile says: 400 not_allowed (a v2 store asked without
 * its publishable key) or 404 (a route of the other version). The session
 * then probes the store again (once). */
gboolean            medusa_error_is_version_shaped  (const GError      *error);

G_END_DECLS
