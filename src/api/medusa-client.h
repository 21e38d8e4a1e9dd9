/* medusa-client.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_TYPE_CLIENT (medusa_client_get_type ())
G_DECLARE_FINAL_TYPE (MedusaClient, medusa_client, MEDUSA, CLIENT, GObject)

#define MEDUSA_CLIENT_DEFAULT_TIMEOUT 30 /* seconds, per read */
#define MEDUSA_CLIENT_DEFAULT_DEADLINE 60 /* seconds, per call */
#define MEDUSA_CLIENT_MAX_DEADLINE 86400

/**
 * MedusaRetryPolicy:
 * @max_retries: retries after the first attempt (default 3; 0 disables retrying)
 * @base_delay_ms: first backoff delay; doubled per retry, with jitter (default 500)
 * @max_delay_ms: cap of one delay, also of an honoured Retry-After (default 8000)
 * @max_total_ms: cap of all waiting across one call's retries (default 20000)
 */
typedef struct
{
  guint max_retries;
  guint base_delay_ms;
  guint max_delay_ms;
  guint max_total_ms;
} MedusaRetryPolicy;

/* Returns NULL and sets @error (G_IO_ERROR_INVALID_ARGUMENT) when @base_url
 * is not a store address by medusa_store_url_check(), whose normal form
 * (no trailing slash) becomes the base URL. */
MedusaClient *medusa_client_new                   (const char              *base_url,
                                                   GError                 **error);
const char   *medusa_client_get_base_url          (MedusaClient            *self);

void          medusa_client_set_publishable_key   (MedusaClient            *self,
                                                   const char              *key);
const char   *medusa_client_get_publishable_key   (MedusaClient            *self);
/* Extra headers sent with every request; @value NULL removes @name. */
void          medusa_client_set_header            (MedusaClient            *self,
                                                   const char              *name,
                                                   const char              *value);
void          medusa_client_set_timeout           (MedusaClient            *self,
                                                   guint                    seconds);
guint         medusa_client_get_timeout           (MedusaClient            *self);
/* Seconds a whole call may take (retries and redirects included); 0 is the
 * default. */
void          medusa_client_set_deadline          (MedusaClient            *self,
                                                   guint                    seconds);
guint         medusa_client_get_deadline          (MedusaClient            *self);
void          medusa_client_set_retry_policy      (MedusaClient            *self,
                                                   const MedusaRetryPolicy *policy);
void          medusa_client_get_retry_policy      (MedusaClient            *self,
                                                   MedusaRetryPolicy       *policy);
const char   *medusa_client_get_user_agent        (MedusaClient            *self);

/* The credential: a bearer token (JWT), or — for servers without
 * POST /store/auth/token — the session cookie kept in the client's jar. */
void          medusa_client_set_token             (MedusaClient            *self,
                                                   const char              *token);
const char   *medusa_client_get_token             (MedusaClient            *self);
gboolean      medusa_client_has_credential        (MedusaClient            *self);
/* Forgets the token and every cookie. */
/* Signal "unauthorized" (no arguments): a request that sent the credential
 * got 401; emitted before that call finishes with MEDUSA_ERROR_UNAUTHORIZED.
 * The session listens to it (pages only show their own message). */
void          medusa_client_forget_credential     (MedusaClient            *self);

G_END_DECLS
