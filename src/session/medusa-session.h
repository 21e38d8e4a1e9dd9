/* medusa-session.h: who is signed in at which store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-account-store.h"
#include "medusa-client.h"
#include "medusa-customer.h"
#include "medusa-payloads.h"

G_BEGIN_DECLS

/* LOCKED: the account is hidden behind a password prompt, with the customer
 * and email kept — after the idle lock (medusa_session_lock) or when the
 * store stopped accepting the credential. Signing in again unlocks. */
typedef enum
{
  MEDUSA_SESSION_STATE_SIGNED_OUT,
  MEDUSA_SESSION_STATE_SIGNING_IN,
  MEDUSA_SESSION_STATE_SIGNED_IN,
  MEDUSA_SESSION_STATE_LOCKED,
} MedusaSessionState;

#define MEDUSA_TYPE_SESSION (medusa_session_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSession, medusa_session, MEDUSA, SESSION, GObject)

/* Properties (all notify): "client" (MedusaClient, replaced when the store
 * changes), "customer" (MedusaCustomer or NULL), "state", "email" (the last
 * email used on this store, kept while locked/signed out), "store-url",
 * "store-name".
 *
 * The local copy of the account (see medusa-sync.h and MedusaAccountStore):
 * "account-store" (MedusaAccountStore or NULL: the open copy of the signed-in
 * customer; NULL while signed out or locked, or when no copy is kept),
 * "last-synced" (GDateTime or NULL: when the copy was last filled from the
 * store), "offline" (the last sync could not reach the store, the copy is
 * what is shown), "syncing", and "auto-sync" (read-write, default TRUE: a
 * sync every 15 minutes, on reconnect and every minute while offline;
 * tests turn it off). A copy is kept while the keep-local-copy setting is
 * on and shared-workstation off; signing in or restoring opens it and syncs
 * it; medusa_session_refresh_async() syncs it. A restore with a copy is
 * SIGNED_IN with the customer from the copy before the store is asked.
 * Sign-out, a keyring credential found gone and turning the copy off delete
 * it; a change of store closes it.
 *
 * Signal "clear-input" (no arguments): the person at the workstation may
 * change — after sign-out, the idle lock (medusa_session_lock), a change of
 * store, or a sign-in as another customer over a signed-in session. It is
 * emitted once the properties describe the new situation; every form drops
 * what was typed (the sign-in form keeps "email", the remembered email of
 * the current store). An expired credential does not emit it: the input
 * stays for when the password has been given again. */
MedusaSession      *medusa_session_new              (void);

/* Points the session at a store (signs out of the previous one locally;
 * its credential stays in the keyring for medusa_session_restore_async()).
 * Returns FALSE and sets @error for an invalid URL. */
gboolean            medusa_session_set_store        (MedusaSession       *self,
                                                     const char          *url,
                                                     const char          *publishable_key,
                                                     const char          *display_name,
                                                     GError             **error);
const char         *medusa_session_get_store_url    (MedusaSession       *self);
const char         *medusa_session_get_store_name   (MedusaSession       *self);

MedusaClient       *medusa_session_get_client       (MedusaSession       *self);
MedusaCustomer     *medusa_session_get_customer     (MedusaSession       *self);

/* The address book. Each finishes with the customer the store answered
 * (transfer full), which the session has taken as "customer" already. */
void                medusa_session_add_address_async     (MedusaSession            *self,
                                                          const MedusaAddressInput *input,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
void                medusa_session_update_address_async  (MedusaSession            *self,
                                                          const char               *address_id,
                                                          const MedusaAddressInput *input,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
void                medusa_session_delete_address_async  (MedusaSession            *self,
                                                          const char               *address_id,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
MedusaCustomer     *medusa_session_address_change_finish (MedusaSession            *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);

/* The session owns every change of who is signed in. These three update the
 * customer (POST /store/customers/me) and take the answer as "customer".
 * update_customer finishes with the customer (transfer full). */
void                medusa_session_update_customer_async  (MedusaSession              *self,
                                                           const MedusaCustomerUpdate *update,
                                                           GCancellable               *cancellable,
                                                           GAsyncReadyCallback         callback,
                                                           gpointer                    user_data);
MedusaCustomer     *medusa_session_update_customer_finish (MedusaSession              *self,
                                                           GAsyncResult               *result,
                                                           GError                    **error);
/* Email and password: the current password is checked first on a short-lived
 * client of its own, never the session's — a wrong one
 * (MEDUSA_ERROR_INVALID_CREDENTIALS) leaves the session signed in with the
 * same credential. A new email moves the keyring item and the remembered
 * email. Only while SIGNED_IN. */
void                medusa_session_change_email_async     (MedusaSession       *self,
                                                           const char          *new_email,
                                                           const char          *current_password,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            medusa_session_change_email_finish    (MedusaSession       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                medusa_session_change_password_async  (MedusaSession       *self,
                                                           const char          *current_password,
                                                           const char          *new_password,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            medusa_session_change_password_finish (MedusaSession       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
MedusaSessionState  medusa_session_get_state        (MedusaSession       *self);
const char         *medusa_session_get_email        (MedusaSession       *self);

/* Sign in; on success the token goes to the keyring (store URL + email). */
void                medusa_session_sign_in_async    (MedusaSession       *self,
                                                     const char          *email,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            medusa_session_sign_in_finish   (MedusaSession       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

void                medusa_session_register_async   (MedusaSession       *self,
                                                     const char          *email,
                                                     const char          *password,
                                                     const char          *first_name,
                                                     const char          *last_name,
                                                     const char          *phone,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            medusa_session_register_finish  (MedusaSession       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Reset with the token, then sign in with the new password. */
void                medusa_session_reset_password_async  (MedusaSession  *self,
                                                          const char     *email,
                                                          const char     *token,
                                                          const char     *password,
                                                          GCancellable   *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer        user_data);
gboolean            medusa_session_reset_password_finish (MedusaSession  *self,
                                                          GAsyncResult   *result,
                                                          GError        **error);

/* Looks up the keyring credential for the current store and checks it with
 * GET /store/customers/me. Finishes TRUE when signed in; FALSE without error
 * when there was nothing to restore; a stale credential → state LOCKED with
 * the email kept (and FALSE without error). */
void                medusa_session_restore_async    (MedusaSession       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            medusa_session_restore_finish   (MedusaSession       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* For a process started only to answer searches (no window): as
 * medusa_session_restore_async(), but only from the local copy and without
 * any request to the store (no sync either). Finishes TRUE, SIGNED_IN with
 * the copy's customer and "account-store" set; FALSE without error when
 * there is no credential or no copy (the state then stays as it was). The
 * credential is checked by the first medusa_session_refresh_async(). Finish
 * with medusa_session_restore_finish(). */
void                medusa_session_restore_local_async (MedusaSession       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);

/* GET /me again; updates "customer". With a local copy, this is a sync of
 * the copy (customer, payment methods, orders changed since the last one). */
void                medusa_session_refresh_async    (MedusaSession       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            medusa_session_refresh_finish   (MedusaSession       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* DELETE /store/auth, forgets token, cookies, keyring entry and customer.
 * Cancels every request started with medusa_session_get_cancellable(). */
void                medusa_session_sign_out_async   (MedusaSession       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            medusa_session_sign_out_finish  (MedusaSession       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Locks the account for the idle lock: state LOCKED, customer kept hidden by
 * the UI, credential kept, "clear-input" emitted; signing in again with the
 * password unlocks. */
void                medusa_session_lock             (MedusaSession       *self);

/* No call for errors: the session listens to its client's "unauthorized"
 * signal (any request refused with 401) and moves SIGNED_IN to LOCKED; the
 * UI then asks for the password in place. Pages only show their message. */

/* (nullable) (transfer none): "account-store", "last-synced", "offline" and
 * "syncing". */
MedusaAccountStore *medusa_session_get_account_store (MedusaSession      *self);
GDateTime          *medusa_session_get_last_synced   (MedusaSession      *self);
gboolean            medusa_session_get_offline       (MedusaSession      *self);
gboolean            medusa_session_get_syncing       (MedusaSession      *self);

/* A cancellable that is cancelled on sign-out or store change; pages chain
 * their own to it (or use it directly for fire-and-forget work). */
GCancellable       *medusa_session_get_cancellable  (MedusaSession       *self);

G_END_DECLS
