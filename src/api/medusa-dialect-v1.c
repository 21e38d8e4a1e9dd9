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
                  MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE |
                  MEDUSA_CAPABILITY_RETURN_HISTORY,
  /* Medusa 1.20's OrderStatus, FulfillmentStatus and PaymentStatus */
  .order_statuses = 1u << MEDUSA_ORDER_STATUS_PENDING |
                    1u << MEDUSA_ORDER_STATUS_COMPLETED |
                    1u << MEDUSA_ORDER_STATUS_ARCHIVED |
                    1u << MEDUSA_ORDER_STATUS_CANCELED |
                    1u << MEDUSA_ORDER_STATUS_REQUIRES_ACTION,
  .fulfillment_statuses = 1u << MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED |
                          1u << MEDUSA_FULFILLMENT_STATUS_SHIPPED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED |
                          1u << MEDUSA_FULFILLMENT_STATUS_RETURNED |
                          1u << MEDUSA_FULFILLMENT_STATUS_CANCELED |
                          1u << MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION,
  .payment_statuses = 1u << MEDUSA_PAYMENT_STATUS_NOT_PAID |
                      1u << MEDUSA_PAYMENT_STATUS_AWAITING |
                      1u << MEDUSA_PAYMENT_STATUS_CAPTURED |
                      1u << MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED |
                      1u << MEDUSA_PAYMENT_STATUS_REFUNDED |
                      1u << MEDUSA_PAYMENT_STATUS_CANCELED |
                      1u << MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION,

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

  .list_return_options = _medusa_v1_list_return_options,
  .list_order_returns = _medusa_v1_list_order_returns,
  .build_return_body = NULL,
  .normalize_return_json = NULL,
  .map_return_error = NULL,
  .lookup_guest_order = _medusa_v1_lookup_guest_order,
  .request_order_claim = _medusa_v1_request_order_claim,
  .confirm_order_claim = _medusa_v1_confirm_order_claim,
  .cancel_order_claim = NULL,
  .decline_order_claim = NULL,
  .claim_token_from_text = NULL,
};
