/* medusa-refund.h: money the store gave back on an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_REFUND (medusa_refund_get_type ())
G_DECLARE_FINAL_TYPE (MedusaRefund, medusa_refund, MEDUSA, REFUND, GObject)

/* Properties (read-only): "id", "amount" (minor units of the order's
 * currency), "reason" (discount, return, swap, claim, other), "note",
 * "created-at". */
MedusaRefund *medusa_refund_new_from_json    (JsonObject    *object,
                                              GError       **error);
const char   *medusa_refund_get_id           (MedusaRefund  *self);
gint64        medusa_refund_get_amount       (MedusaRefund  *self);
/* (nullable) */
const char   *medusa_refund_get_reason       (MedusaRefund  *self);
const char   *medusa_refund_get_note         (MedusaRefund  *self);
GDateTime    *medusa_refund_get_created_at   (MedusaRefund  *self);

G_END_DECLS
