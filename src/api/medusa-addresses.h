/* medusa-addresses.h: the customer's address book
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-customer.h"
#include "medusa-payloads.h"

G_BEGIN_DECLS

/* POST /store/customers/me/addresses {"address": {...}} → the updated customer */
void            medusa_client_add_address_async      (MedusaClient             *self,
                                                      const MedusaAddressInput *address,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
MedusaCustomer *medusa_client_add_address_finish     (MedusaClient             *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

/* POST /store/customers/me/addresses/{id} with the set fields at the top level */
void            medusa_client_update_address_async   (MedusaClient             *self,
                                                      const char               *address_id,
                                                      const MedusaAddressInput *address,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
MedusaCustomer *medusa_client_update_address_finish  (MedusaClient             *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

/* DELETE /store/customers/me/addresses/{id} */
void            medusa_client_delete_address_async   (MedusaClient             *self,
                                                      const char               *address_id,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
MedusaCustomer *medusa_client_delete_address_finish  (MedusaClient             *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

G_END_DECLS
