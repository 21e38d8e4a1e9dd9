/* medusa-auth.h: sign in, sign out
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-client.h"
#include "medusa-customer.h"

G_BEGIN_DECLS

/* POST /store/auth/token → bearer token kept in @self, then GET /store/customers/me.
 * On 404 from the token route, falls back to POST /store/auth (cookie session).
 * The email is trimmed and lower-cased. Wrong email/password → INVALID_CREDENTIALS. */
void            medusa_client_sign_in_async         (MedusaClient        *self,
                                                     const char          *email,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MedusaCustomer *medusa_client_sign_in_finish        (MedusaClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* DELETE /store/auth, then forgets the token and cookies — also when the
 * request fails (the local sign-out always happens; the error is reported). */
void            medusa_client_sign_out_async        (MedusaClient        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        medusa_client_sign_out_finish       (MedusaClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
