/* medusa-enums.c: the API's status strings and their labels
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "medusa-enums.h"

/* Indexed by the enum value; entry 0 is UNKNOWN (no API string). */
typedef struct
{
  const char *nick;
  const char *label;  /* N_() – translated on use */
} StatusName;

static const StatusName order_status_names[] = {
  { NULL, N_("Unknown") },
  { "pending", N_("Pending") },
  { "completed", N_("Completed") },
  { "archived", N_("Archived") },
  { "canceled", N_("Canceled") },
  { "requires_action", N_("Requires action") },
  { "draft", N_("Draft") },
};

static const StatusName fulfillment_status_names[] = {
  { NULL, N_("Unknown") },
  { "not_fulfilled", N_("Not fulfilled") },
  { "partially_fulfilled", N_("Partially fulfilled") },
  { "fulfilled", N_("Fulfilled") },
  { "partially_shipped", N_("Partially shipped") },
  { "shipped", N_("Shipped") },
  { "partially_returned", N_("Partially returned") },
  { "returned", N_("Returned") },
  { "canceled", N_("Canceled") },
  { "requires_action", N_("Requires action") },
  { "partially_delivered", N_("Partially delivered") },
  { "delivered", N_("Delivered") },
};

static const StatusName payment_status_names[] = {
  { NULL, N_("Unknown") },
  { "not_paid", N_("Not paid") },
  { "awaiting", N_("Awaiting payment") },
  { "captured", N_("Paid") },
  { "partially_refunded", N_("Partially refunded") },
  { "refunded", N_("Refunded") },
  { "canceled", N_("Canceled") },
  { "requires_action", N_("Requires action") },
  { "authorized", N_("Authorized") },
  { "partially_authorized", N_("Partially authorized") },
  { "partially_captured", N_("Partially paid") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (order_status_names) == MEDUSA_ORDER_STATUS_LAST + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (fulfillment_status_names) == MEDUSA_FULFILLMENT_STATUS_LAST + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (payment_status_names) == MEDUSA_PAYMENT_STATUS_LAST + 1);

static guint
lookup_value (const StatusName *names,
              guint             n_names,
              const char       *str)
{
  if (str == NULL)
    return 0;

  for (guint i = 1; i < n_names; i++)
    {
      if (g_strcmp0 (names[i].nick, str) == 0)
        return i;
    }

  return 0;
}

static const char *
lookup_nick (const StatusName *names,
             guint             n_names,
             guint             value)
{
  return value < n_names ? names[value].nick : NULL;
}

static const char *
lookup_label (const StatusName *names,
              guint             n_names,
              guint             value)
{
  return _(value < n_names ? names[value].label : names[0].label);
}

#define STATUS_NAMES(names) names, G_N_ELEMENTS (names)

MedusaOrderStatus
medusa_order_status_from_string (const char *str)
{
  return lookup_value (STATUS_NAMES (order_status_names), str);
}

const char *
medusa_order_status_to_string (MedusaOrderStatus status)
{
  return lookup_nick (STATUS_NAMES (order_status_names), status);
}

const char *
medusa_order_status_to_label (MedusaOrderStatus status)
{
  return lookup_label (STATUS_NAMES (order_status_names), status);
}

MedusaFulfillmentStatus
medusa_fulfillment_status_from_string (const char *str)
{
  return lookup_value (STATUS_NAMES (fulfillment_status_names), str);
}

const char *
medusa_fulfillment_status_to_string (MedusaFulfillmentStatus status)
{
  return lookup_nick (STATUS_NAMES (fulfillment_status_names), status);
}

const char *
medusa_fulfillment_status_to_label (MedusaFulfillmentStatus status)
{
  return lookup_label (STATUS_NAMES (fulfillment_status_names), status);
}

MedusaPaymentStatus
medusa_payment_status_from_string (const char *str)
{
  return lookup_value (STATUS_NAMES (payment_status_names), str);
}

const char *
medusa_payment_status_to_string (MedusaPaymentStatus status)
{
  return lookup_nick (STATUS_NAMES (payment_status_names), status);
}

const char *
medusa_payment_status_to_label (MedusaPaymentStatus status)
{
  return lookup_label (STATUS_NAMES (payment_status_names), status);
}
