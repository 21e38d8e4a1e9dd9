/* medusa-payloads.h: what the client sends — only the fields that were set
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "medusa-address.h"

G_BEGIN_DECLS

/* An address as typed by the user. Every field starts "not set" and is not
 * sent. In an update, setting an optional field to "" or NULL sends null,
 * which clears it on the server. */
typedef struct _MedusaAddressInput MedusaAddressInput;

#define MEDUSA_TYPE_ADDRESS_INPUT (medusa_address_input_get_type ())
GType               medusa_address_input_get_type   (void) G_GNUC_CONST;
MedusaAddressInput *medusa_address_input_new        (void);
MedusaAddressInput *medusa_address_input_copy       (const MedusaAddressInput *self);
void                medusa_address_input_free       (MedusaAddressInput       *self);
/* @field: one of "first_name", "last_name", "company", "address_1",
 * "address_2", "city", "country_code", "province", "postal_code", "phone".
 * Values are trimmed; country_code is lower-cased. */
void                medusa_address_input_set        (MedusaAddressInput       *self,
                                                     const char               *field,
                                                     const char               *value);
const char         *medusa_address_input_get        (const MedusaAddressInput *self,
                                                     const char               *field);
gboolean            medusa_address_input_is_set     (const MedusaAddressInput *self,
                                                     const char               *field);
/* Names of required fields (first_name, last_name, address_1, city,
 * country_code, postal_code) that are unset or empty, NULL-terminated; NULL if none. */
char              **medusa_address_input_missing_required (const MedusaAddressInput *self);
/* TRUE when @self, once added, would be the same place as @address for the
 * server (see medusa_address_same_place()); an unset field counts as empty. */
gboolean            medusa_address_input_same_place (const MedusaAddressInput *self,
                                                     MedusaAddress            *address);
/* The JSON object of the set fields ("" → null for optional fields). */
JsonNode           *medusa_address_input_to_json    (const MedusaAddressInput *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaAddressInput, medusa_address_input_free)

/* POST /store/customers/me: only the changed fields. Emails are trimmed and
 * lower-cased; NULL or "" for email/password is never sent. */
typedef struct _MedusaCustomerUpdate MedusaCustomerUpdate;

#define MEDUSA_TYPE_CUSTOMER_UPDATE (medusa_customer_update_get_type ())
GType                 medusa_customer_update_get_type           (void) G_GNUC_CONST;
MedusaCustomerUpdate *medusa_customer_update_new                (void);
MedusaCustomerUpdate *medusa_customer_update_copy               (const MedusaCustomerUpdate *self);
void                  medusa_customer_update_free               (MedusaCustomerUpdate       *self);
/* NULL or "" clears first_name/last_name/phone (sends null). */
void                  medusa_customer_update_set_first_name     (MedusaCustomerUpdate       *self,
                                                                 const char                 *first_name);
void                  medusa_customer_update_set_last_name      (MedusaCustomerUpdate       *self,
                                                                 const char                 *last_name);
void                  medusa_customer_update_set_phone          (MedusaCustomerUpdate       *self,
                                                                 const char                 *phone);
void                  medusa_customer_update_set_email          (MedusaCustomerUpdate       *self,
                                                                 const char                 *email);
void                  medusa_customer_update_set_password       (MedusaCustomerUpdate       *self,
                                                                 const char                 *password);
/* Merged into the server's metadata; a NULL or "" @value deletes @key. */
void                  medusa_customer_update_set_metadata       (MedusaCustomerUpdate       *self,
                                                                 const char                 *key,
                                                                 const char                 *value);
/* Either a saved address id, or a full address (copied). */
void                  medusa_customer_update_set_billing_address_id (MedusaCustomerUpdate   *self,
                                                                 const char                 *address_id);
void                  medusa_customer_update_set_billing_address (MedusaCustomerUpdate      *self,
                                                                 const MedusaAddressInput   *address);
gboolean              medusa_customer_update_is_empty           (const MedusaCustomerUpdate *self);
JsonNode             *medusa_customer_update_to_json            (const MedusaCustomerUpdate *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MedusaCustomerUpdate, medusa_customer_update_free)

/* Trims and lower-cases an email (API-NOTES: the server stores POST /me emails unchanged). */
char     *medusa_normalize_email   (const char *email);
/* One "@", something before and after it, no second "@" and no white space. */
gboolean  medusa_email_looks_valid (const char *email);

G_END_DECLS
