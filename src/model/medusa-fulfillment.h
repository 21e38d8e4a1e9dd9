/* medusa-fulfillment.h: a shipment of (part of) an order, and its tracking links
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_TRACKING_LINK (medusa_tracking_link_get_type ())
G_DECLARE_FINAL_TYPE (MedusaTrackingLink, medusa_tracking_link, MEDUSA, TRACKING_LINK, GObject)

/* Properties (read-only): "tracking-number", "url" (nullable). */
MedusaTrackingLink *medusa_tracking_link_new                  (const char         *tracking_number,
                                                               const char         *url);
/* {tracking_number, url?}; a missing/empty tracking_number is a PARSE error. */
MedusaTrackingLink *medusa_tracking_link_new_from_json        (JsonObject         *object,
                                                               GError            **error);
const char         *medusa_tracking_link_get_tracking_number  (MedusaTrackingLink *self);
/* The URL as the store sent it: anything, maybe not a web address at all. */
const char         *medusa_tracking_link_get_url              (MedusaTrackingLink *self);
/* @url when it may become a clickable link: an absolute http: or https:
 * URL with a host and no user name, whose ASCII characters are those RFC 3986
 * allows (no spaces, quotes, "<>{}|\^`" or controls) and with no invisible
 * format characters. NULL otherwise (show the tracking number as text). */
char               *medusa_tracking_link_dup_safe_url         (const char         *url);

#define MEDUSA_TYPE_FULFILLMENT (medusa_fulfillment_get_type ())
G_DECLARE_FINAL_TYPE (MedusaFulfillment, medusa_fulfillment, MEDUSA, FULFILLMENT, GObject)

/* Properties (read-only): "id", "created-at", "shipped-at", "canceled-at"
 * (GDateTime, nullable), "tracking-links" (GListModel of MedusaTrackingLink,
 * from tracking_links, else from tracking_numbers), "n-items" (sum of
 * items[].quantity). */
MedusaFulfillment  *medusa_fulfillment_new_from_json          (JsonObject         *object,
                                                               GError            **error);
const char         *medusa_fulfillment_get_id                 (MedusaFulfillment  *self);
GDateTime          *medusa_fulfillment_get_created_at         (MedusaFulfillment  *self);
GDateTime          *medusa_fulfillment_get_shipped_at         (MedusaFulfillment  *self);
GDateTime          *medusa_fulfillment_get_canceled_at        (MedusaFulfillment  *self);
/* never NULL, maybe empty */
GListModel         *medusa_fulfillment_get_tracking_links     (MedusaFulfillment  *self);
/* The quantities of its items; -1 when the store did not say ("items": null). */
gint64              medusa_fulfillment_get_n_items            (MedusaFulfillment  *self);

G_END_DECLS
