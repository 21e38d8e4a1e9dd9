/* medusa-customers.h: register, me, update, password reset, orders, payment methods
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-customer.h"
#include "medusa-order-page.h"
#include "medusa-order-query.h"
#include "medusa-payloads.h"

G_BEGIN_DECLS

/* POST /store/customers, then POST /store/auth/token with the same
 * credentials, so that @self is signed in when this finishes. @phone may be NULL. */
void            medusa_client_register_async                (MedusaClient               *self,
                                                             const char                 *email,
                                                             const char                 *password,
                                                             const char                 *first_name,
                                                             const char                 *last_name,
                                                             const char                 *phone,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaCustomer *medusa_client_register_finish               (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* GET /store/customers/me */
void            medusa_client_retrieve_customer_async       (MedusaClient               *self,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaCustomer *medusa_client_retrieve_customer_finish      (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* POST /store/customers/me */
void            medusa_client_update_customer_async         (MedusaClient               *self,
                                                             const MedusaCustomerUpdate *update,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaCustomer *medusa_client_update_customer_finish        (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* Asks the store to send a password reset token to @email (v1: POST
 * /store/customers/password-token, 204; v2: POST
 * /auth/customer/emailpass/reset-password, 201; both for any email). */
void            medusa_client_request_password_token_async  (MedusaClient               *self,
                                                             const char                 *email,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
gboolean        medusa_client_request_password_token_finish (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* Sets a new password with a reset token (v1: POST
 * /store/customers/password-reset, 401/500 → INVALID_RESET_TOKEN; v2: POST
 * /auth/customer/emailpass/update with the token as bearer, 401 →
 * INVALID_RESET_TOKEN). Finishes with the customer the store answered with,
 * or NULL and no error when it answers without one (v2).
 * Does not sign in: call medusa_client_sign_in_async() with the new password. */
void            medusa_client_reset_password_async          (MedusaClient               *self,
                                                             const char                 *email,
                                                             const char                 *token,
                                                             const char                 *password,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaCustomer *medusa_client_reset_password_finish         (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* GET /store/customers/me/orders?<query> */
void             medusa_client_list_orders_async            (MedusaClient               *self,
                                                             const MedusaOrderQuery     *query,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaOrderPage *medusa_client_list_orders_finish           (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* The same, each order a summary (medusa_order_copy_summary()), read
 * without a json-glib tree: for the order list. */
void             medusa_client_list_order_summaries_async   (MedusaClient               *self,
                                                             const MedusaOrderQuery     *query,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
MedusaOrderPage *medusa_client_list_order_summaries_finish  (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

/* GET /store/customers/me/payment-methods → GListModel of MedusaPaymentMethod */
void            medusa_client_list_payment_methods_async    (MedusaClient               *self,
                                                             GCancellable               *cancellable,
                                                             GAsyncReadyCallback         callback,
                                                             gpointer                    user_data);
GListModel     *medusa_client_list_payment_methods_finish   (MedusaClient               *self,
                                                             GAsyncResult               *result,
                                                             GError                    **error);

G_END_DECLS
