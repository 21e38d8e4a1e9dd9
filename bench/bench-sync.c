/* bench-sync.c: one full sync of the local copy, measured
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync URL TOKEN
 *       With the customer of TOKEN (e.g. `bench-core serve 1000` in another
 *       process, so that the server's work is not counted here), opens a
 *       fresh local copy in $XDG_CACHE_HOME, runs one MedusaSync (the full
 *       history, pages of MEDUSA_SYNC_PAGE_SIZE) and deletes the copy.
 *       Prints "TIME_US <µs>" (the run), "ORDERS <n>" (in the copy after it),
 *       "PAGES <n>" and "MAX_GAP_US <µs>": the longest the main loop went
 *       without dispatching a 1 ms timeout during the run.
 *
 *   Under callgrind only the run is collected (the client requests below;
 *   start valgrind with --instr-atstart=no --separate-threads=yes): the
 *   instructions of the main thread are the file of thread 1.
 */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "medusa-account-store.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-sync.h"

typedef struct
{
  gint64 last_tick;
  gint64 max_gap;
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  ticker->max_gap = MAX (ticker->max_gap, now - ticker->last_tick);
  ticker->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

G_GNUC_NORETURN static void
die (const char   *what,
     const GError *error)
{
  g_printerr ("bench-sync: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedusaClient) client = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaSync) sync = NULL;
  g_autoptr(MedusaCustomer) synced = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Ticker ticker = { 0, 0 };
  gint64 n_total = 0;
  gint64 start, end;
  guint tick_id;

  if (argc != 3)
    {
      g_printerr ("usage: bench-sync URL TOKEN\n");
      return 2;
    }

  client = medusa_client_new (argv[1], &error);
  if (client == NULL)
    die ("client", error);
  medusa_client_set_token (client, argv[2]);

  medusa_client_retrieve_customer_async (client, NULL, got_result, &slot);
  result = wait_for (&slot);
  customer = medusa_client_retrieve_customer_finish (client, result, &error);
  if (customer == NULL)
    die ("customer", error);
  g_clear_object (&result);

  medusa_account_store_open_async (argv[1], medusa_customer_get_id (customer), NULL, got_result, &slot);
  result = wait_for (&slot);
  store = medusa_account_store_open_finish (result, &error);
  if (store == NULL)
    die ("local copy", error);
  g_clear_object (&result);

  sync = medusa_sync_new (client, store);
  ticker.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick_cb, &ticker);

  CALLGRIND_START_INSTRUMENTATION;
  start = g_get_monotonic_time ();
  ticker.last_tick = start;
  medusa_sync_run_async (sync, NULL, got_result, &slot);
  result = wait_for (&slot);
  synced = medusa_sync_run_finish (sync, result, &error);
  end = g_get_monotonic_time ();
  CALLGRIND_STOP_INSTRUMENTATION;

  g_source_remove (tick_id);
  if (synced == NULL)
    die ("sync", error);
  g_clear_object (&result);

  medusa_account_store_get_orders_async (store, NULL, NULL, got_result, &slot);
  result = wait_for (&slot);
  orders = medusa_account_store_get_orders_finish (store, result, &n_total, &error);
  if (orders == NULL)
    die ("orders", error);
  g_clear_object (&result);

  medusa_account_store_delete_async (store, NULL, got_result, &slot);
  result = wait_for (&slot);
  if (!medusa_account_store_delete_finish (store, result, &error))
    die ("delete", error);

  printf ("TIME_US %" G_GINT64_FORMAT "\n", end - start);
  printf ("ORDERS %" G_GINT64_FORMAT "\n", n_total);
  printf ("PAGES %u\n", medusa_sync_get_n_page_requests (sync));
  printf ("MAX_GAP_US %" G_GINT64_FORMAT "\n", ticker.max_gap);
  return 0;
}
