/* medusa-credentials.h: the bearer token in the keyring (libsecret)
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define MEDUSA_CREDENTIALS_SCHEMA_NAME "io.github.medusaaccount.MedusaAccount.Credential"

/* The schema: attributes "store-url" and "email" (both strings). Only the
 * bearer token is stored, never a password. */
const SecretSchema *medusa_credentials_get_schema  (void) G_GNUC_CONST;

/* Every call finishes, through its callback, also when libsecret would
 * refuse it: an empty or NULL @store_url (or @email where one is needed),
 * a @store_url or @email that is not valid UTF-8, or a @token that is not
 * visible ASCII finish with a G_IO_ERROR (INVALID_ARGUMENT/INVALID_DATA)
 * without calling libsecret. */

/* Stores @token for (@store_url, @email), replacing an older one. */
void      medusa_credentials_store_async    (const char          *store_url,
                                             const char          *email,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  medusa_credentials_store_finish   (GAsyncResult        *result,
                                             GError             **error);

/* The token for (@store_url, @email); @email NULL matches any email of the
 * store. Finishes with NULL and no error when there is none. Free the
 * result with medusa_credentials_free_token(). */
void      medusa_credentials_lookup_async   (const char          *store_url,
                                             const char          *email,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *medusa_credentials_lookup_finish  (GAsyncResult        *result,
                                             GError             **error);

/* Removes the token(s) of (@store_url, @email); @email NULL removes every
 * email's token for the store. Finishes TRUE also when there was none. */
void      medusa_credentials_clear_async    (const char          *store_url,
                                             const char          *email,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  medusa_credentials_clear_finish   (GAsyncResult        *result,
                                             GError             **error);

/* Wipes and frees a token returned by medusa_credentials_lookup_finish(). */
void      medusa_credentials_free_token     (char                *token);

G_END_DECLS
