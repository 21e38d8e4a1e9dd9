/* medusa-guest-orders-private.h: the answer of the guest order lookup, read
 * without a request (for the route callback and tests/fuzz)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "medusa-order.h"

G_BEGIN_DECLS

/* What a guest order lookup returns on its task (both dialects). */
typedef struct
{
  MedusaOrder *order;
  char        *owner_id;     /* (nullable) */
  gboolean     owner_has_account;
} MedusaGuestOrderLookup;

void         _medusa_guest_order_lookup_free  (MedusaGuestOrderLookup *lookup);

/* Medusa v2 (medusa-guest-orders-v2.c): the order id (order_…) in typed or
 * pasted text (alone, or a link's last path segment), or NULL. */
char        *_medusa_v2_order_id_from_text    (const char             *text);

/* The answer of GET /store/orders?display_id=&email= ({"order": {…}}): the
 * order, whether it belongs to an account and whose (nullable, transfer
 * full); or NULL and MEDUSA_ERROR_PARSE. Out arguments may be NULL. */
MedusaOrder *_medusa_guest_order_parse_lookup (JsonNode   *root,
                                               gboolean   *owner_has_account_out,
                                               char      **owner_id_out,
                                               GError    **error);

G_END_DECLS
