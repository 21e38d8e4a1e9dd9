/* medusa-return.h: returns of an order, their reasons and shipping options
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* At most this many return reasons (children included), return options,
 * returns of one order and items of one return are read from the store;
 * more is a PARSE error (hostile input, not a real store). */
#define MEDUSA_RETURN_MAX_LIST 500

#define MEDUSA_TYPE_RETURN_REASON (medusa_return_reason_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnReason, medusa_return_reason, MEDUSA, RETURN_REASON, GObject)

/* {id, value, label, description, return_reason_children?:[...]} of
 * GET /store/return-reasons. Properties (read-only): "id", "value", "label",
 * "description". The children (one level, as the store nests them) are a
 * GListModel of MedusaReturnReason, never NULL. */
MedusaReturnReason *medusa_return_reason_new_from_json   (JsonObject         *object,
                                                          GError            **error);
const char         *medusa_return_reason_get_id          (MedusaReturnReason *self);
const char         *medusa_return_reason_get_value       (MedusaReturnReason *self);
/* The label, or the value when the label is empty. */
const char         *medusa_return_reason_get_label       (MedusaReturnReason *self);
const char         *medusa_return_reason_get_description (MedusaReturnReason *self);
GListModel         *medusa_return_reason_get_children    (MedusaReturnReason *self);

#define MEDUSA_TYPE_RETURN_OPTION (medusa_return_option_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnOption, medusa_return_option, MEDUSA, RETURN_OPTION, GObject)

/* A shipping option with is_return true (GET /store/shipping-options?is_return=true).
 * Properties (read-only): "id", "name", "region-id", "is-return", "price"
 * (price_incl_tax when the store sends it, else amount; -1: unknown). */
MedusaReturnOption *medusa_return_option_new_from_json   (JsonObject         *object,
                                                          GError            **error);
const char         *medusa_return_option_get_id          (MedusaReturnOption *self);
const char         *medusa_return_option_get_name        (MedusaReturnOption *self);
const char         *medusa_return_option_get_region_id   (MedusaReturnOption *self);
gboolean            medusa_return_option_get_is_return   (MedusaReturnOption *self);
gint64              medusa_return_option_get_price       (MedusaReturnOption *self);

#define MEDUSA_TYPE_RETURN_ITEM (medusa_return_item_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturnItem, medusa_return_item, MEDUSA, RETURN_ITEM, GObject)

/* {item_id, quantity, reason_id, note, reason?:{label}} of a return.
 * Properties (read-only): "item-id", "quantity", "reason-id", "note". */
MedusaReturnItem   *medusa_return_item_new_from_json     (JsonObject         *object,
                                                          GError            **error);
const char         *medusa_return_item_get_item_id       (MedusaReturnItem   *self);
gint64              medusa_return_item_get_quantity      (MedusaReturnItem   *self);
const char         *medusa_return_item_get_reason_id     (MedusaReturnItem   *self);
/* The reason's label when the store expanded it (else NULL). */
const char         *medusa_return_item_get_reason_label  (MedusaReturnItem   *self);
const char         *medusa_return_item_get_note          (MedusaReturnItem   *self);

#define MEDUSA_TYPE_RETURN (medusa_return_get_type ())
G_DECLARE_FINAL_TYPE (MedusaReturn, medusa_return, MEDUSA, RETURN, GObject)

/* {id, status, created_at, refund_amount, items:[...], shipping_method?:{price}}.
 * Properties (read-only): "id", "status" (as the store sends it: requested,
 * received, requires_action, canceled), "refund-amount", "created-at". */
MedusaReturn       *medusa_return_new_from_json          (JsonObject         *object,
                                                          GError            **error);
const char         *medusa_return_get_id                 (MedusaReturn       *self);
const char         *medusa_return_get_status             (MedusaReturn       *self);
gboolean            medusa_return_is_canceled            (MedusaReturn       *self);
gint64              medusa_return_get_refund_amount      (MedusaReturn       *self);
/* The return shipping price (-1: none chosen). */
gint64              medusa_return_get_shipping_price     (MedusaReturn       *self);
GDateTime          *medusa_return_get_created_at         (MedusaReturn       *self);
/* GListModel of MedusaReturnItem, never NULL. */
GListModel         *medusa_return_get_items              (MedusaReturn       *self);
/* The quantity of line item @item_id in the returns of @returns that are not
 * canceled (what was already asked back or received), at most G_MAXINT32. */
gint64              medusa_returns_count_item            (GListModel         *returns,
                                                          const char         *item_id);
/* How many of an item can still be asked back: @bought (the line item's
 * quantity, any gint64 from the network) minus @asked (what the returns
 * hold, medusa_returns_count_item()); 0 when nothing is left or either is
 * negative. Never overflows. */
gint64              medusa_returns_left_to_return        (gint64              bought,
                                                          gint64              asked);

G_END_DECLS
