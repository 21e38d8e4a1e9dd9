/* medusa-customer.h: the signed-in customer
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "medusa-address.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_CUSTOMER (medusa_customer_get_type ())
G_DECLARE_FINAL_TYPE (MedusaCustomer, medusa_customer, MEDUSA, CUSTOMER, GObject)

/* Properties (read-only): "id", "email", "first-name", "last-name", "phone",
 * "has-account", "billing-address-id", "billing-address" (MedusaAddress,
 * nullable: absent on login responses), "shipping-addresses" (GListModel),
 * "metadata" (boxed JsonObject), "created-at", "updated-at", "n-orders",
 * "has-orders-info", "display-name". An "email" that is not valid UTF-8 is
 * a PARSE error (it is a key of the keyring and GSettings). */
MedusaCustomer *medusa_customer_new_from_json           (JsonObject     *object,
                                                         GError        **error);

const char     *medusa_customer_get_id                  (MedusaCustomer *self);
const char     *medusa_customer_get_email               (MedusaCustomer *self);
const char     *medusa_customer_get_first_name          (MedusaCustomer *self);
const char     *medusa_customer_get_last_name           (MedusaCustomer *self);
const char     *medusa_customer_get_phone               (MedusaCustomer *self);
gboolean        medusa_customer_get_has_account         (MedusaCustomer *self);
const char     *medusa_customer_get_billing_address_id  (MedusaCustomer *self);
/* (nullable) */
MedusaAddress  *medusa_customer_get_billing_address     (MedusaCustomer *self);
/* GListModel of MedusaAddress, never NULL (maybe empty) */
GListModel     *medusa_customer_get_shipping_addresses  (MedusaCustomer *self);
/* The metadata as the store sent it: its strings may be invalid UTF-8
 * (a "\ud800" escape). Show or edit values through
 * medusa_customer_dup_metadata_string(), never straight from the object. */
JsonObject     *medusa_customer_get_metadata            (MedusaCustomer *self);
/* The metadata string @key as valid UTF-8 (invalid sequences become
 * U+FFFD), or NULL when it is missing or not a string. */
char           *medusa_customer_dup_metadata_string     (MedusaCustomer *self,
                                                         const char     *key);
GDateTime      *medusa_customer_get_created_at          (MedusaCustomer *self);
GDateTime      *medusa_customer_get_updated_at          (MedusaCustomer *self);

/* "First Last" when a name is set, else the email (never NULL). */
char           *medusa_customer_dup_display_name        (MedusaCustomer *self);

/* Login and GET /store/auth include an "orders" array: its length, else 0. */
guint           medusa_customer_get_n_orders            (MedusaCustomer *self);
gboolean        medusa_customer_has_orders_info         (MedusaCustomer *self);

/* The shipping address with @address_id, or NULL (transfer none). */
MedusaAddress  *medusa_customer_find_address            (MedusaCustomer *self,
                                                         const char     *address_id);

G_END_DECLS
