/* medusa-dialect-v1.c: the Medusa v1 (1.20) Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations themselves live beside their public calls (medusa-auth.c,
 * medusa-customers.c, medusa-addresses.c), as they did before there were
 * two dialects; this is their table. v1 tokens last 30 days and have no
 * refresh route.
 */
#include "config.h"

#include "medusa-dialect-private.h"

const MedusaDialect medusa_dialect_v1 = {
  .version = MEDUSA_STORE_VERSION_V1,
  .capabilities = MEDUSA_CAPABILITY_PAYMENT_METHODS |
                  MEDUSA_CAPABILITY_CHANGE_EMAIL |
                  MEDUSA_CAPABILITY_CHANGE_PASSWORD |
                  MEDUSA_CAPABILITY_ORDERS |
                  MEDUSA_CAPABILITY_PASSWORD_RESET |
                  MEDUSA_CAPABILITY_BILLING_ADDRESS |
                  MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE,

  .sign_in = _medusa_v1_sign_in,
  .sign_out = _medusa_v1_sign_out,
  .register_customer = _medusa_v1_register_customer,
  .retrieve_customer = _medusa_v1_retrieve_customer,
  .update_customer = _medusa_v1_update_customer,
  .add_address = _medusa_v1_add_address,
  .update_address = _medusa_v1_update_address,
  .delete_address = _medusa_v1_delete_address,
  .request_password_token = _medusa_v1_request_password_token,
  .reset_password = _medusa_v1_reset_password,

  .normalize_customer_json = NULL,
  .token_needs_refresh = NULL,
  .refresh_token = NULL,
};
