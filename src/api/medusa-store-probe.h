/* medusa-store-probe.h: is this a store's address, and does a store answer there?
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-dialect.h"

G_BEGIN_DECLS

/* URL rules, the one check of a store address (the client, the store
 * profiles and the store page use it). Checks that @url is an absolute
 * http(s) URL with a host ("shop.example.com" means https://) and returns it
 * normalised (trimmed, no trailing slash, lower-case scheme and host), or
 * NULL with a G_IO_ERROR_INVALID_ARGUMENT (a human message).
 * @insecure (out, optional): TRUE for http:// to a host that is not loopback
 * (127.0.0.0/8, ::1, localhost) — the UI must warn before using it. */
char     *medusa_store_url_check            (const char          *url,
                                             gboolean            *insecure,
                                             GError             **error);
gboolean  medusa_store_url_is_loopback_host (const char          *host);

/* Validates a store by calling it: GET /store/regions through a temporary
 * MedusaClient, which also tells its version (below). Finishes TRUE when the store answered like a Medusa store;
 * @insecure as for medusa_store_url_check(). Errors are
 * G_IO_ERROR_INVALID_ARGUMENT for a bad URL, else MEDUSA_ERROR. */
void      medusa_store_probe_async          (const char          *url,
                                             const char          *publishable_key,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  medusa_store_probe_finish         (GAsyncResult        *result,
                                             gboolean            *insecure,
                                             GError             **error);
/* The version the probe found: GET /store/regions without a key answers
 * 200 on v1 and 400 not_allowed on v2; a v2 store is then asked again with
 * the key (a missing or refused key fails with MEDUSA_ERROR_NOT_ALLOWED,
 * the version still V2). Call after (or instead of) the finish. */
MedusaStoreVersion medusa_store_probe_get_version (GAsyncResult     *result);

G_END_DECLS
