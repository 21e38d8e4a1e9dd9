/* medusa-search-provider.h: the GNOME Shell search provider
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "medusa-account-store.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_SEARCH_PROVIDER (medusa_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSearchProvider, medusa_search_provider, MEDUSA, SEARCH_PROVIDER, GObject)

/* org.gnome.Shell.SearchProvider2 over the orders of "store", the local copy
 * of the signed-in customer (NULL when signed out, locked or the copy is
 * off: then every search finds nothing). It answers from the copy only,
 * never from the network. A result id is the order id; its meta is
 * "Order #1042" with "date · total · status" as the orders list writes them.
 *
 * Picking a result emits "activate-result" (order id, terms, timestamp);
 * picking the app's icon emits "launch-search" (terms, timestamp): the
 * application opens its window on them. An @application given to new() is
 * held for a while after each call, so that a D-Bus-activated service stays
 * to answer the calls that follow (the metas, the activation). */
MedusaSearchProvider *medusa_search_provider_new          (GApplication         *application);

MedusaAccountStore   *medusa_search_provider_get_store    (MedusaSearchProvider *self);
void                  medusa_search_provider_set_store    (MedusaSearchProvider *self,
                                                           MedusaAccountStore   *store);

/* Exports the interface at @object_path on @connection (once). */
/* While pending (a process started for searches, still opening the local
 * copy), searches wait; when it ends they run over the store set then. */
void                  medusa_search_provider_set_store_pending (MedusaSearchProvider *self,
                                                                gboolean              pending);
gboolean              medusa_search_provider_register     (MedusaSearchProvider *self,
                                                           GDBusConnection      *connection,
                                                           const char           *object_path,
                                                           GError              **error);
void                  medusa_search_provider_unregister   (MedusaSearchProvider *self);

/* What GetInitialResultSet answers, without D-Bus: the ids of the newest
 * orders (at most 20) that match every term, finished as a GStrv (transfer
 * full, never NULL). Terms without a letter or digit match nothing. */
void                  medusa_search_provider_search_async  (MedusaSearchProvider *self,
                                                            const char * const   *terms,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
char                **medusa_search_provider_search_finish (MedusaSearchProvider *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
/* What GetResultMetas answers: aa{sv} for those of @ids that the searches
 * since the store was set found (floating; unknown ids are left out). */
GVariant             *medusa_search_provider_get_metas     (MedusaSearchProvider *self,
                                                            const char * const   *ids);

G_END_DECLS
