/* medusa-enums.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each enum has an UNKNOWN value (0) for strings a newer server may send. */

typedef enum
{
  MEDUSA_ORDER_STATUS_UNKNOWN,
  MEDUSA_ORDER_STATUS_PENDING,
  MEDUSA_ORDER_STATUS_COMPLETED,
  MEDUSA_ORDER_STATUS_ARCHIVED,
  MEDUSA_ORDER_STATUS_CANCELED,
  MEDUSA_ORDER_STATUS_REQUIRES_ACTION,
  /* Medusa v2 only */
  MEDUSA_ORDER_STATUS_DRAFT,
} MedusaOrderStatus;

typedef enum
{
  MEDUSA_FULFILLMENT_STATUS_UNKNOWN,
  MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED,
  MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED,
  MEDUSA_FULFILLMENT_STATUS_FULFILLED,
  MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED,
  MEDUSA_FULFILLMENT_STATUS_SHIPPED,
  MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED,
  MEDUSA_FULFILLMENT_STATUS_RETURNED,
  MEDUSA_FULFILLMENT_STATUS_CANCELED,
  MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION,
  /* Medusa v2 only */
  MEDUSA_FULFILLMENT_STATUS_PARTIALLY_DELIVERED,
  MEDUSA_FULFILLMENT_STATUS_DELIVERED,
} MedusaFulfillmentStatus;

typedef enum
{
  MEDUSA_PAYMENT_STATUS_UNKNOWN,
  MEDUSA_PAYMENT_STATUS_NOT_PAID,
  MEDUSA_PAYMENT_STATUS_AWAITING,
  MEDUSA_PAYMENT_STATUS_CAPTURED,
  MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED,
  MEDUSA_PAYMENT_STATUS_REFUNDED,
  MEDUSA_PAYMENT_STATUS_CANCELED,
  MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION,
  /* Medusa v2 only */
  MEDUSA_PAYMENT_STATUS_AUTHORIZED,
  MEDUSA_PAYMENT_STATUS_PARTIALLY_AUTHORIZED,
  MEDUSA_PAYMENT_STATUS_PARTIALLY_CAPTURED,
} MedusaPaymentStatus;

/* The last value of each enum (the values up to REQUIRES_ACTION are those
 * Medusa v1 knows; the ones after it come from Medusa v2 stores). */
#define MEDUSA_ORDER_STATUS_LAST       MEDUSA_ORDER_STATUS_DRAFT
#define MEDUSA_FULFILLMENT_STATUS_LAST MEDUSA_FULFILLMENT_STATUS_DELIVERED
#define MEDUSA_PAYMENT_STATUS_LAST     MEDUSA_PAYMENT_STATUS_PARTIALLY_CAPTURED

/* The API's own spelling ("requires_action"), both ways. Unknown → *_UNKNOWN / NULL. */
MedusaOrderStatus        medusa_order_status_from_string        (const char *str);
const char              *medusa_order_status_to_string          (MedusaOrderStatus status);
MedusaFulfillmentStatus  medusa_fulfillment_status_from_string  (const char *str);
const char              *medusa_fulfillment_status_to_string    (MedusaFulfillmentStatus status);
MedusaPaymentStatus      medusa_payment_status_from_string      (const char *str);
const char              *medusa_payment_status_to_string        (MedusaPaymentStatus status);

/* Translated words for people ("Requires action"); never NULL. */
const char              *medusa_order_status_to_label           (MedusaOrderStatus status);
const char              *medusa_fulfillment_status_to_label     (MedusaFulfillmentStatus status);
const char              *medusa_payment_status_to_label         (MedusaPaymentStatus status);

G_END_DECLS
