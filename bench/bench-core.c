/* bench-core.c: the core-library programs of tools/bench.sh
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-core history URL TOKEN PAGE_SIZE [PREFETCH [REQUEST_PAGES]]
 *       MedusaOrderList with the orders page's own query (fields and expand
 *       of src/ui/medusa-orders-page.c) loads every order of the customer of
 *       TOKEN, with MedusaOrderList:prefetch PREFETCH and
 *       MedusaOrderList:request-pages REQUEST_PAGES (defaults: BENCH_PREFETCH,
 *       BENCH_REQUEST_PAGES). REQUESTS is the number of requests planned.
 *       Prints "TIME_US <µs>", "REQUESTS <n>", then one order id a line.
 *   bench-core memory N
 *       The fake server (in this process) holds N orders; MedusaOrderList
 *       (page 100) loads all of them. Prints "KEPT_BYTES <bytes>" and
 *       "PER_ORDER <bytes>": the growth of mallinfo2().uordblks + .hblkhd
 *       (bytes in use in all arenas, and in mmap()ed blocks) between before the list exists and after all N are loaded, the
 *       server's transient work settled, the client's ETag cache included
 *       (emptied before the measured load). Run it with G_SLICE=always-malloc
 *       so that GSlice allocations are seen as malloc'ed bytes.
 *   bench-core serve N
 *       The fake server with customer bench@example.com / supersecret and N
 *       orders, for the app; prints "READY <url> <token>" and serves until
 *       SIGTERM or SIGINT. The order-list requests are printed as
 *       "ORDERS <offset> <limit>" (polled every 100 ms).
 */
#define G_LOG_DOMAIN "bench-core"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>

#include "medusa-fake-server.h"
#include "medusa-order-history.h"
#include "medusa-order-list.h"
#include "medusa-order-query.h"
#include "medusa-orders.h"

/* Keep in step with ORDER_LIST_FIELDS / ORDER_LIST_EXPAND in
 * src/ui/medusa-orders-page.c: the orders page's own query. */
#define ORDER_LIST_FIELDS "id,display_id,status,fulfillment_status,payment_status,created_at,currency_code"
#define ORDER_LIST_EXPAND "items"
#define BENCH_EMAIL "bench@example.com"

/* Pages asked for at the same time as the wanted one by the history row,
 * and pages a request: those of the orders page (MedusaOrderHistory from the
 * store): once the count is known, two requests of five pages each are in
 * flight (see bench/README.md, core levers 2, 4 and 7). */
#define BENCH_PREFETCH MEDUSA_ORDER_HISTORY_SERVER_PREFETCH
#define BENCH_REQUEST_PAGES MEDUSA_ORDER_HISTORY_SERVER_REQUEST_PAGES

static MedusaOrderList *
load_all (MedusaClient *client,
          guint         page_size,
          guint         prefetch,
          guint         request_pages)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  MedusaOrderList *list;

  medusa_order_query_set_fields (query, ORDER_LIST_FIELDS);
  medusa_order_query_set_expand (query, ORDER_LIST_EXPAND);
  list = g_object_new (MEDUSA_TYPE_ORDER_LIST, "client", client,
                       "page-size", page_size, "prefetch", prefetch,
                       "request-pages", request_pages, "query", query, NULL);
  while (medusa_order_list_get_loading (list) || medusa_order_list_get_has_more (list))
    {
      if (medusa_order_list_get_error (list) != NULL)
        {
          g_printerr ("bench-core: %s\n", medusa_order_list_get_error (list)->message);
          exit (1);
        }
      if (!medusa_order_list_get_loading (list))
        medusa_order_list_load_more (list);
      else
        g_main_context_iteration (NULL, TRUE);
    }
  if (medusa_order_list_get_error (list) != NULL)
    {
      g_printerr ("bench-core: %s\n", medusa_order_list_get_error (list)->message);
      exit (1);
    }
  return list;
}

static int
run_history (const char *url,
             const char *token,
             guint       page_size,
             guint       prefetch,
             guint       request_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaClient) client = medusa_client_new (url, &error);
  g_autoptr(MedusaOrderList) list = NULL;
  gint64 start;
  guint n;

  if (client == NULL)
    {
      g_printerr ("bench-core: %s\n", error->message);
      return 1;
    }
  medusa_client_set_token (client, token);
  start = g_get_monotonic_time ();
  list = load_all (client, page_size, prefetch, request_pages);
  g_print ("TIME_US %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  /* The first page alone, then request_pages pages a request: the plan
   * before what is left is shared between the requests in flight (it may be
   * one request short); bench.py counts the requests in the backend's log. */
  g_print ("REQUESTS %u\n", n == 0 ? 1 :
           1 + (MAX (n, page_size) - page_size + page_size * request_pages - 1) /
               (page_size * request_pages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_print ("%s\n", medusa_order_get_id (order));
    }
  return 0;
}

static void
settle (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static int
run_memory (guint n)
{
  g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
  g_autoptr(MedusaClient) client = medusa_client_new (medusa_fake_server_get_url (fake), NULL);
  g_autoptr(MedusaOrderList) warm = NULL;
  g_autoptr(MedusaOrderList) list = NULL;
  g_autofree char *token = NULL;
  struct mallinfo2 before, after;
  double kept;

  medusa_fake_server_add_customer (fake, BENCH_EMAIL, "supersecret", "Bench", "Mark");
  medusa_fake_server_add_orders (fake, BENCH_EMAIL, n);
  token = medusa_fake_server_issue_token (fake, BENCH_EMAIL);
  medusa_client_set_token (client, token);
  /* One load first, so that one-time allocations (types, the HTTP
   * connection, thread pools) are not counted per order. */
  {
    g_autoptr(MedusaOrderList) first = load_all (client, 100, 0, 1);
    g_clear_object (&first);
  }
  /* A new credential empties the client's ETag cache: the measured load
   * starts cold, as a first load does, and what the cache keeps of it
   * (bounded) is counted. */
  medusa_client_set_token (client, NULL);
  medusa_client_set_token (client, token);
  medusa_fake_server_clear_requests (fake);
  settle ();
  malloc_trim (0);
  before = mallinfo2 ();
  list = load_all (client, 100, 0, 1);
  medusa_fake_server_clear_requests (fake);
  settle ();
  after = mallinfo2 ();
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != n)
    {
      g_printerr ("bench-core: loaded %u of %u orders\n", g_list_model_get_n_items (G_LIST_MODEL (list)), n);
      return 1;
    }
  kept = ((double) after.uordblks + (double) after.hblkhd) -
         ((double) before.uordblks + (double) before.hblkhd);
  g_print ("KEPT_BYTES %.0f\nPER_ORDER %.0f\n", kept, kept / n);
  return 0;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Prints the order-list requests seen since the last call. */
static gboolean
print_requests_cb (gpointer user_data)
{
  MedusaFakeServer *fake = user_data;
  guint n = medusa_fake_server_get_n_requests (fake, NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (fake, i);
      const char *query = medusa_fake_request_get_query (request);
      g_autoptr(GHashTable) params = NULL;
      const char *offset, *limit;

      if (strcmp (medusa_fake_request_get_path (request), "/store/customers/me/orders") != 0)
        continue;
      params = g_uri_parse_params (query != NULL ? query : "", -1, "&", G_URI_PARAMS_NONE, NULL);
      offset = params != NULL ? g_hash_table_lookup (params, "offset") : NULL;
      limit = params != NULL ? g_hash_table_lookup (params, "limit") : NULL;
      g_print ("ORDERS %s %s\n", offset != NULL ? offset : "0", limit != NULL ? limit : "-");
    }
  medusa_fake_server_clear_requests (fake);
  return G_SOURCE_CONTINUE;
}

static int
run_serve (guint n)
{
  g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *token = NULL;

  medusa_fake_server_add_customer (fake, BENCH_EMAIL, "supersecret", "Bench", "Mark");
  medusa_fake_server_add_orders (fake, BENCH_EMAIL, n);
  token = medusa_fake_server_issue_token (fake, BENCH_EMAIL);
  g_timeout_add (100, print_requests_cb, fake);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_print ("READY %s %s\n", medusa_fake_server_get_url (fake), token);
  g_main_loop_run (loop);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc >= 5 && argc <= 7 && strcmp (argv[1], "history") == 0)
    return run_history (argv[2], argv[3], (guint) atoi (argv[4]),
                        argc >= 6 ? (guint) atoi (argv[5]) : BENCH_PREFETCH,
                        argc >= 7 ? (guint) MAX (atoi (argv[6]), 1) : BENCH_REQUEST_PAGES);
  if (argc == 3 && strcmp (argv[1], "memory") == 0)
    return run_memory ((guint) atoi (argv[2]));
  if (argc == 3 && strcmp (argv[1], "serve") == 0)
    return run_serve ((guint) atoi (argv[2]));
  g_printerr ("usage: bench-core history URL TOKEN PAGE_SIZE [PREFETCH [REQUEST_PAGES]] | memory N | serve N\n");
  return 2;
}
