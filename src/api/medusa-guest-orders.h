/* medusa-guest-orders.h: find an order placed as a guest and claim it
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-order.h"

G_BEGIN_DECLS

/* The longest confirmation token accepted (a Medusa claim JWT is ~300 bytes). */
#define MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH 4096

/* GET /store/orders?display_id=&email= (no credential sent). The email is
 * trimmed and lower-cased (the store compares it case-sensitively with the
 * lower-cased one it keeps). No such order, or not with that email:
 * MEDUSA_ERROR_NOT_FOUND. On success *owner_has_account_out tells whether the
 * order already belongs to an account, *owner_id_out (nullable, transfer full)
 * whose; either may be NULL. */
void         medusa_client_lookup_guest_order_async    (MedusaClient         *self,
                                                        gint64                display_id,
                                                        const char           *email,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MedusaOrder *medusa_client_lookup_guest_order_finish   (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        gboolean             *owner_has_account_out,
                                                        char                **owner_id_out,
                                                        GError              **error);

/* POST /store/orders/batch/customer/token {order_ids} with the customer's
 * credential: the store mails a confirmation token to each order's email.
 * The store checks nothing about the orders: ask only for orders whose lookup
 * said they belong to no account. */
void         medusa_client_request_order_claim_async   (MedusaClient         *self,
                                                        const char * const   *order_ids,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     medusa_client_request_order_claim_finish  (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* POST /store/orders/customer/confirm {token}: the orders of the token move
 * to the account that asked. A wrong or expired token (400, 404, 500 on this
 * route) is MEDUSA_ERROR_INVALID_RESET_TOKEN. */
void         medusa_client_confirm_order_claim_async   (MedusaClient         *self,
                                                        const char           *token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     medusa_client_confirm_order_claim_finish  (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* The lookup of any store (medusa-dialect.h): @reference is the order
 * number as typed, with @email, or, when the client has
 * MEDUSA_CAPABILITY_ORDER_BY_ID, the order's id (order_…, or a link ending
 * in it; @email unused). The same answer as the lookup above. */
void         medusa_client_find_guest_order_async      (MedusaClient         *self,
                                                        const char           *reference,
                                                        const char           *email,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MedusaOrder *medusa_client_find_guest_order_finish     (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        gboolean             *owner_has_account_out,
                                                        char                **owner_id_out,
                                                        GError              **error);

/* Confirms with @token the claim of @order_ids (the orders asked for; a v2
 * store needs them: its tokens are per order). A wrong token is
 * MEDUSA_ERROR_INVALID_RESET_TOKEN. */
void         medusa_client_confirm_order_claims_async  (MedusaClient         *self,
                                                        const char * const   *order_ids,
                                                        const char           *token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     medusa_client_confirm_order_claims_finish (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL: the signed-in customer takes
 * back the request for @order_id; decline: the order's owner refuses it
 * with the token of the email (no account needed). Other stores:
 * MEDUSA_ERROR_NOT_FOUND. */
void         medusa_client_cancel_order_claim_async    (MedusaClient         *self,
                                                        const char           *order_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     medusa_client_cancel_order_claim_finish   (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void         medusa_client_decline_order_claim_async   (MedusaClient         *self,
                                                        const char           *order_id,
                                                        const char           *token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     medusa_client_decline_order_claim_finish  (MedusaClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* The token in pasted text, in the shape this store's tokens have (v1: a
 * JWT, medusa_order_claim_token_from_text(); v2: a UUID), or NULL. */
char        *medusa_client_claim_token_from_text       (MedusaClient         *self,
                                                        const char           *text);

/* The confirmation token in what the person pasted: the bare token, or a link
 * with it in token= (query or fragment) or as its last path segment. Only a
 * JWT-shaped value is taken (three non-empty base64url parts, at most
 * MEDUSA_ORDER_CLAIM_TOKEN_MAX_LENGTH). Returns NULL for anything else. */
char        *medusa_order_claim_token_from_text        (const char           *text);

/* Reads an order number as typed: optional "#", white space around, digits
 * only, 1 ≤ n ≤ 2^31-1 (Medusa's display_id is a Postgres integer). 0 when it
 * is not one. */
gint64       medusa_order_number_parse                 (const char           *text);

G_END_DECLS
