/* medusa-bench.c: the performance benchmark of the core library
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sections (--only NAME): parse, query, money, e2e, list, gap; see README.md.
 * Exits 1 when a result is wrong or the main loop stalls beyond --max-gap-ms.
 */
#define G_LOG_DOMAIN "medusa-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "medusa-customers.h"
#include "medusa-fake-server.h"
#include "medusa-money.h"
#include "medusa-order-list.h"
#include "medusa-order-page.h"
#include "medusa-order-summaries.h"
#include "medusa-order-query.h"

#define BENCH_EMAIL  "bench@example.com"
#define N_ORDERS     1000
#define ORDERS_PATH  "/store/customers/me/orders"
#define BATCH        1000
#define SAMPLES()    g_array_new (FALSE, FALSE, sizeof (double))
#define WANT(s)      (opt_only == NULL || g_strcmp0 (opt_only, (s)) == 0)
#define ITERS(f, q)  (opt_quick ? (guint) (q) : (guint) (f))

static gboolean opt_quick;
static char *opt_json;
static char *opt_only;
static char *opt_fixture;
static int opt_max_gap_ms = -1;

static JsonArray *rows_json;      /* (owned) */
static JsonObject *metrics_json;  /* (owned) */

static G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN void
bench_fail (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("medusa-bench: FAILED: %s\n", message);
  exit (EXIT_FAILURE);
}

static void
add_sample (GArray *samples, double us)
{
  g_array_append_val (samples, us);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static const char *
format_us (double us, char buf[32])
{
  if (us < 1.0)
    g_snprintf (buf, 32, "%.0f ns", us * 1000.0);
  else if (us < 1000.0)
    g_snprintf (buf, 32, "%.1f µs", us);
  else
    g_snprintf (buf, 32, "%.2f ms", us / 1000.0);
  return buf;
}

static void
add_metric (const char *key, double value, const char *label)
{
  json_object_set_double_member (metrics_json, key, value);
  g_print ("  %-44s %.1f\n", label, value);
}

/* @samples: µs per operation; @per: items (orders, calls…) per operation.
 * Prints median, p95, the median per item and the throughput in @unit/s
 * (none when @unit is NULL). */
static void
report (const char *name, GArray *samples, double per, const char *unit)
{
  double *s = (double *) (gpointer) samples->data;
  guint n = samples->len;
  double median, p95, rate;
  char b1[32], b2[32], b3[32];
  g_autofree char *rate_str = NULL;
  JsonObject *row = json_object_new ();

  g_assert_cmpuint (n, >, 0);
  qsort (s, n, sizeof (double), compare_double);
  median = n % 2 != 0 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  p95 = s[(n * 95 + 99) / 100 - 1];
  rate = median > 0 ? per * 1e6 / median : 0;
  rate_str = unit != NULL ? g_strdup_printf ("%.0f %s/s", rate, unit) : g_strdup ("-");
  g_print ("%-40s %5u %11s %11s %11s %18s\n", name, n, format_us (median, b1),
           format_us (p95, b2), format_us (median / per, b3), rate_str);

  json_object_set_string_member (row, "name", name);
  json_object_set_int_member (row, "samples", n);
  json_object_set_double_member (row, "median_us", median);
  json_object_set_double_member (row, "p95_us", p95);
  json_object_set_double_member (row, "per_item_us", median / per);
  if (unit != NULL)
    {
      json_object_set_double_member (row, "throughput", rate);
      json_object_set_string_member (row, "throughput_unit", unit);
    }
  json_array_add_object_element (rows_json, row);
}

/* 1. Parsing a large orders page */

/* {"orders": [...], "count", "offset", "limit"}: @n orders cycling through
 * the fixture's, each (and its items) with new ids and a new display_id. */
static GBytes *
build_orders_page (JsonArray *templates, guint n)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *page = json_object_new ();
  JsonArray *orders = json_array_sized_new (n);
  gsize length = 0;
  char *data;

  for (guint i = 0; i < json_array_get_length (templates); i++)
    g_ptr_array_add (texts, json_to_string (json_array_get_element (templates, i), FALSE));

  for (guint i = 0; i < n; i++)
    {
      /* json_node_copy() is shallow: re-parse for an independent copy. */
      JsonNode *node = json_from_string (texts->pdata[i % texts->len], NULL);
      JsonObject *order = json_node_get_object (node);
      JsonArray *items = json_object_get_array_member (order, "items");
      g_autofree char *id = g_strdup_printf ("order_01BENCH%019u", i + 1);

      json_object_set_string_member (order, "id", id);
      json_object_set_int_member (order, "display_id", i + 1);
      for (guint k = 0; items != NULL && k < json_array_get_length (items); k++)
        {
          JsonObject *item = json_array_get_object_element (items, k);
          g_autofree char *item_id = g_strdup_printf ("item_01BENCH%016u%03u", i + 1, k);

          json_object_set_string_member (item, "id", item_id);
          json_object_set_string_member (item, "order_id", id);
        }
      json_array_add_element (orders, node);
    }

  json_object_set_array_member (page, "orders", orders);
  json_object_set_int_member (page, "count", n);
  json_object_set_int_member (page, "offset", 0);
  json_object_set_int_member (page, "limit", n);
  json_node_take_object (root, page);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* What the client does with a body: JSON text → JsonNode → models.
 * Not inlined, so that callgrind can --toggle-collect=bench_parse_once. */
static G_GNUC_NO_INLINE MedusaOrderPage *
bench_parse_once (GBytes *body, gint64 *parsed_at)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);
  MedusaOrderPage *page;

  if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
    bench_fail ("parsing the generated page: %s", error->message);
  root = json_parser_steal_root (parser);
  *parsed_at = g_get_monotonic_time ();
  page = medusa_order_page_new_from_json (json_node_get_object (root), &error);
  if (page == NULL)
    bench_fail ("building the models: %s", error->message);
  return page;
}

static void
bench_parse (GBytes *body, guint n, guint n_iters)
{
  static const char * const what[] = { "JSON text", "models", "total" };
  GArray *samples[3] = { SAMPLES (), SAMPLES (), SAMPLES () };
  g_autofree char *key = g_strdup_printf ("page_%u_orders_kib", n);
  g_autofree char *label = g_strdup_printf ("%u-order page size (KiB)", n);

  add_metric (key, (double) g_bytes_get_size (body) / 1024.0, label);
  for (guint i = 0; i < n_iters; i++)
    {
      gint64 start = g_get_monotonic_time (), parsed, end;
      g_autoptr(MedusaOrderPage) page = bench_parse_once (body, &parsed);

      end = g_get_monotonic_time ();
      if (g_list_model_get_n_items (medusa_order_page_get_orders (page)) != n ||
          medusa_order_page_get_count (page) != n)
        bench_fail ("a page of %u orders parsed to %u", n,
                    g_list_model_get_n_items (medusa_order_page_get_orders (page)));
      add_sample (samples[0], (double) (parsed - start));
      add_sample (samples[1], (double) (end - parsed));
      add_sample (samples[2], (double) (end - start));
    }

  for (guint j = 0; j < G_N_ELEMENTS (what); j++)
    {
      g_autofree char *name = g_strdup_printf ("parse %u orders: %s", n, what[j]);

      report (name, samples[j], n, "orders");
      g_array_unref (samples[j]);
    }
}

/* What the order list does with a page since issue 10 core lever 6: JSON text →
 * summaries, without a json-glib tree (medusa-order-summaries.c). Not
 * inlined, so that callgrind can --toggle-collect=bench_parse_summaries_once. */
static G_GNUC_NO_INLINE MedusaOrderPage *
bench_parse_summaries_once (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);
  MedusaOrderPage *page = medusa_order_page_summaries_from_text (text, length, &error);

  if (page == NULL)
    bench_fail ("reading the generated page: %s", error->message);
  return page;
}

static void
bench_parse_summaries (GBytes *body, guint n, guint n_iters)
{
  GArray *samples = SAMPLES ();
  g_autofree char *name = g_strdup_printf ("parse %u orders: summaries, no tree", n);
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);
  g_autoptr(MedusaOrderPage) fast = medusa_order_page_summaries_from_text_fast (text, length);
  g_autoptr(MedusaOrderPage) slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  /* Measured only when the tree-less reader decides, and decides right. */
  if (fast == NULL)
    bench_fail ("the tree-less reader gave the %u-order page up", n);
  slow = medusa_order_page_summaries_from_text_slow (text, length, &error);
  if (slow == NULL)
    bench_fail ("the json-glib path refused the %u-order page: %s", n, error->message);
  if (!medusa_order_page_summaries_equal (fast, slow, &why))
    bench_fail ("the tree-less reader differs from json-glib: %s", why);

  for (guint i = 0; i < n_iters; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MedusaOrderPage) page = bench_parse_summaries_once (body);

      add_sample (samples, (double) (g_get_monotonic_time () - start));
      if (g_list_model_get_n_items (medusa_order_page_get_orders (page)) != n ||
          medusa_order_page_get_count (page) != n)
        bench_fail ("a page of %u orders read to %u", n,
                    g_list_model_get_n_items (medusa_order_page_get_orders (page)));
    }

  report (name, samples, n, "orders");
  g_array_unref (samples);
}

/* 2. and 3. Cheap operations, timed in batches of BATCH calls */

typedef void (*BatchFunc) (gconstpointer data, guint k);

static void
time_batches (const char *name, BatchFunc func, gconstpointer data, guint n_samples,
              const char *unit)
{
  g_autoptr(GArray) samples = SAMPLES ();

  for (guint i = 0; i < n_samples; i++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint k = 0; k < BATCH; k++)
        func (data, k);
      add_sample (samples, (double) (g_get_monotonic_time () - start) / BATCH);
    }
  report (name, samples, 1, unit);
}

static void
query_op (gconstpointer data, guint k)
{
  g_free (medusa_order_query_to_string (data));
}

static void
money_op (gconstpointer data, guint k)
{
  static const gint64 amounts[] = { 0, 5, 1999, 123456, -500, G_GINT64_CONSTANT (987654321012) };
  static const char * const currencies[] = { "eur", "usd", "jpy", "kwd", "chf", NULL };

  g_free (medusa_money_format (amounts[k % 6], currencies[(k / 6) % 6]));
}

static void
bench_query_and_money (guint n_samples)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-03-01T10:30:00+01:00", NULL);
  g_autofree char *encoded = NULL;
  g_autofree char *money = medusa_money_format (123456, "eur");

  medusa_order_query_set_q (query, "T-Shirt größe M+L & more");
  medusa_order_query_set_id (query, "order_01M8DMF6N9C78BFF2SZHB8E2TB");
  medusa_order_query_set_display_id (query, "12");
  medusa_order_query_set_cart_id (query, "cart_01M8DMF64ZNEJ4T9VP4SAKJYHG");
  medusa_order_query_set_email (query, "demo+bench@example.com");
  medusa_order_query_set_region_id (query, "reg_01M8DMCPB67VYJ7RXKS3V210TN");
  medusa_order_query_set_currency_code (query, "eur");
  medusa_order_query_set_tax_rate (query, "19");
  medusa_order_query_set_expand (query, "items,region,shipping_address");
  medusa_order_query_set_fields (query, "id,display_id,status,total,created_at");
  for (int s = MEDUSA_ORDER_STATUS_PENDING; s <= MEDUSA_ORDER_STATUS_REQUIRES_ACTION; s++)
    medusa_order_query_add_status (query, s);
  for (int s = MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED; s <= MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION; s++)
    medusa_order_query_add_fulfillment_status (query, s);
  for (int s = MEDUSA_PAYMENT_STATUS_NOT_PAID; s <= MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION; s++)
    medusa_order_query_add_payment_status (query, s);
  for (int f = MEDUSA_ORDER_DATE_CREATED_AT; f <= MEDUSA_ORDER_DATE_CANCELED_AT; f++)
    for (int op = MEDUSA_ORDER_DATE_LT; op <= MEDUSA_ORDER_DATE_GTE; op++)
      medusa_order_query_set_date (query, f, op, when);
  medusa_order_query_set_limit (query, 20);
  medusa_order_query_set_offset (query, 40);

  encoded = medusa_order_query_to_string (query);
  if (strstr (encoded, "canceled_at[gte]=") == NULL || strstr (encoded, "&fields=") == NULL)
    bench_fail ("the query string lacks filters: %s", encoded);
  if (strstr (money, "1") == NULL || strstr (money, "56") == NULL)
    bench_fail ("123456 eur formatted as %s", money);

  if (WANT ("query"))
    {
      add_metric ("query_string_bytes", (double) strlen (encoded), "query string, every filter (bytes)");
      time_batches ("order query to_string (all filters)", query_op, query, n_samples, "queries");
    }
  if (WANT ("money"))
    time_batches ("money format (6 amounts x 6 currencies)", money_op, NULL, n_samples, "calls");
}

/* 4. End to end against the fake server, on this thread's main context */

static MedusaOrderPage *
list_orders (MedusaClient *client, const MedusaOrderQuery *query)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;

  medusa_client_list_orders_async (client, query, NULL, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  page = medusa_client_list_orders_finish (client, result, &error);
  if (page == NULL)
    bench_fail ("listing orders: %s", error->message);
  return page;
}

static void
bench_e2e (MedusaClient *client, guint page_size, guint n_requests)
{
  g_autoptr(GArray) samples = SAMPLES ();
  g_autofree char *name = g_strdup_printf ("client list_orders, page of %u", page_size);

  for (guint i = 0; i < n_requests; i++)
    {
      g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
      g_autoptr(MedusaOrderPage) page = NULL;
      gint64 start;

      medusa_order_query_set_limit (query, (int) page_size);
      medusa_order_query_set_offset (query, (i * page_size) % N_ORDERS);
      start = g_get_monotonic_time ();
      page = list_orders (client, query);
      add_sample (samples, (double) (g_get_monotonic_time () - start));
      if (g_list_model_get_n_items (medusa_order_page_get_orders (page)) != page_size)
        bench_fail ("asked for %u orders, got %u", page_size,
                    g_list_model_get_n_items (medusa_order_page_get_orders (page)));
    }
  report (name, samples, page_size, "orders");
}

static void
bench_order_list (MedusaFakeServer *fake, MedusaClient *client, guint page_size, guint runs)
{
  g_autoptr(GArray) samples = SAMPLES ();
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autofree char *name = g_strdup_printf ("order list: all %u, page %u", N_ORDERS, page_size);
  g_autofree char *key = g_strdup_printf ("order_list_page_%u_requests", page_size);
  g_autofree char *label = g_strdup_printf ("order list, page %u: requests made", page_size);
  g_autofree char *limit = g_strdup_printf ("limit=%u", page_size);
  guint expected = (N_ORDERS + page_size - 1) / page_size;
  guint n_requests = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(MedusaOrderList) list = NULL;
      gint64 start;

      medusa_fake_server_clear_requests (fake);
      start = g_get_monotonic_time ();
      list = g_object_new (MEDUSA_TYPE_ORDER_LIST, "client", client,
                           "page-size", page_size, "query", query, NULL);
      while (medusa_order_list_get_loading (list) || medusa_order_list_get_has_more (list))
        {
          if (medusa_order_list_get_error (list) != NULL)
            bench_fail ("order list: %s", medusa_order_list_get_error (list)->message);
          if (!medusa_order_list_get_loading (list))
            medusa_order_list_load_more (list);
          else
            g_main_context_iteration (NULL, TRUE);
        }
      add_sample (samples, (double) (g_get_monotonic_time () - start));

      n_requests = medusa_fake_server_get_n_requests (fake, "GET", ORDERS_PATH);
      if (n_requests == 0 || !g_str_has_suffix (limit, medusa_fake_request_get_query (
                                                  medusa_fake_server_get_request (fake, 0))))
        bench_fail ("the order list's first request was not ...&%s", limit);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) != N_ORDERS ||
          n_requests < expected || n_requests > expected + 1)
        bench_fail ("the order list (page %u) loaded %u orders in %u requests", page_size,
                    g_list_model_get_n_items (G_LIST_MODEL (list)), n_requests);
      medusa_fake_settle_object (list);
    }
  report (name, samples, N_ORDERS, "orders");
  add_metric (key, n_requests, label);
}

/* 5. Main-loop responsiveness: a static server, run by its own thread, sends
 * the realistic 1000-order page while a 1 ms timeout ticks on this thread. */

static void
static_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                GHashTable *query, gpointer user_data)
{
  GBytes *body = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
  gboolean done;
  gboolean ticked_after_done;
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();

  t->max_gap = MAX (t->max_gap, now - t->last);
  t->last = now;
  t->ticked_after_done = t->done;
  return G_SOURCE_CONTINUE;
}

static gpointer
run_loop (gpointer loop)
{
  g_main_loop_run (loop);
  return NULL;
}

static double
bench_gap (GBytes *body, guint runs)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GArray) gaps = SAMPLES ();
  g_autoptr(GArray) loads = SAMPLES ();
  g_autoptr(MedusaClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  MedusaRetryPolicy no_retry = { 0, 500, 8000, 20000 };
  GThread *thread;
  GSList *uris;
  double worst = 0;

  /* The server's sources go to @context, which only the thread iterates. */
  g_main_context_push_thread_default (context);
  soup_server_add_handler (server, NULL, static_handler, body, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    bench_fail ("static server: %s", error->message);
  g_main_context_pop_thread_default (context);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  thread = g_thread_new ("bench-server", run_loop, loop);

  if ((client = medusa_client_new (url, &error)) == NULL)
    bench_fail ("client: %s", error->message);
  medusa_client_set_token (client, "bench-token");
  medusa_client_set_retry_policy (client, &no_retry);

  for (guint r = 0; r < runs; r++)
    {
      Ticker t = { 0 };
      g_autoptr(MedusaOrderPage) page = NULL;
      gint64 start = t.last = g_get_monotonic_time ();
      guint source = g_timeout_add (1, tick_cb, &t);

      page = list_orders (client, NULL);
      add_sample (loads, (double) (g_get_monotonic_time () - start));
      /* The gap that ends after the result counts too (freeing, signals). */
      t.done = TRUE;
      while (!t.ticked_after_done)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (source);

      if (g_list_model_get_n_items (medusa_order_page_get_orders (page)) != N_ORDERS)
        bench_fail ("the static page parsed to %u orders",
                    g_list_model_get_n_items (medusa_order_page_get_orders (page)));
      add_sample (gaps, (double) t.max_gap);
      worst = MAX (worst, (double) t.max_gap);
    }

  report ("load 1000-order page (HTTP + parse)", loads, N_ORDERS, "orders");
  report ("  longest main-loop gap meanwhile", gaps, 1, NULL);
  add_metric ("max_main_loop_gap_ms", worst / 1000.0, "longest main-loop gap of all runs (ms)");

  medusa_fake_settle_object (client);
  g_main_loop_quit (loop);
  g_thread_join (thread);
  soup_server_disconnect (server);
  return worst / 1000.0;
}

int
main (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &opt_quick, "Few iterations (a few seconds)", NULL },
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &opt_json, "Also write the results as JSON", "FILE" },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &opt_only, "Run one section: parse, summaries, query, money, e2e, list, gap", "NAME" },
    { "max-gap-ms", 0, 0, G_OPTION_ARG_INT, &opt_max_gap_ms, "Fail when the main loop stalls longer", "MS" },
    { "fixture", 0, 0, G_OPTION_ARG_FILENAME, &opt_fixture, "The orders.json to replicate", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the Medusa Account core");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) fixture = json_parser_new ();
  JsonObject *result = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) page_100 = NULL;
  g_autoptr(GBytes) page_1000 = NULL;
  JsonArray *templates = NULL;
  JsonNode *fixture_root;
  double gap_ms = -1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    bench_fail ("%s", error->message);
  if (opt_fixture == NULL)
    opt_fixture = g_strdup (BENCH_FIXTURE);
  if (!json_parser_load_from_file (fixture, opt_fixture, &error))
    bench_fail ("%s", error->message);
  fixture_root = json_parser_get_root (fixture);
  if (fixture_root != NULL && JSON_NODE_HOLDS_OBJECT (fixture_root))
    templates = json_object_get_array_member (json_node_get_object (fixture_root), "orders");
  if (templates == NULL || json_array_get_length (templates) == 0)
    bench_fail ("no orders in %s", opt_fixture);

  rows_json = json_array_new ();
  metrics_json = json_object_new ();
  g_print ("medusa-bench%s: LC_NUMERIC=%s, %u CPUs, fixture of %u orders\n",
           opt_quick ? " --quick" : "", setlocale (LC_NUMERIC, NULL),
           g_get_num_processors (), json_array_get_length (templates));
  g_print ("%-40s %5s %11s %11s %11s %18s\n", "operation", "n", "median", "p95", "per item", "throughput");

  if (WANT ("parse") || WANT ("gap") || WANT ("summaries"))
    page_1000 = build_orders_page (templates, N_ORDERS);
  if (WANT ("parse"))
    {
      page_100 = build_orders_page (templates, 100);
      bench_parse (page_100, 100, ITERS (100, 4));
      bench_parse (page_1000, N_ORDERS, ITERS (20, 2));
    }
  /* The order list's reader (issue 10, core lever 6) beside the json-glib path */
  if (WANT ("parse") || WANT ("summaries"))
    {
      if (page_100 == NULL)
        page_100 = build_orders_page (templates, 100);
      bench_parse_summaries (page_100, 100, ITERS (100, 4));
      bench_parse_summaries (page_1000, N_ORDERS, ITERS (20, 2));
    }
  if (WANT ("query") || WANT ("money"))
    bench_query_and_money (ITERS (200, 20));
  if (WANT ("e2e") || WANT ("list"))
    {
      g_autoptr(MedusaFakeServer) fake = medusa_fake_server_new ();
      g_autoptr(MedusaClient) client = medusa_client_new (medusa_fake_server_get_url (fake), NULL);
      g_autofree char *token = NULL;

      medusa_fake_server_add_customer (fake, BENCH_EMAIL, "supersecret", "Bench", "Mark");
      medusa_fake_server_add_orders (fake, BENCH_EMAIL, N_ORDERS);
      token = medusa_fake_server_issue_token (fake, BENCH_EMAIL);
      medusa_client_set_token (client, token);
      if (WANT ("e2e"))
        {
          bench_e2e (client, 20, ITERS (200, 10));
          bench_e2e (client, 100, ITERS (50, 3));
        }
      if (WANT ("list"))
        {
          bench_order_list (fake, client, 20, ITERS (5, 1));
          bench_order_list (fake, client, 100, ITERS (5, 1));
        }
      medusa_fake_settle_object (client);
    }
  if (WANT ("gap"))
    gap_ms = bench_gap (page_1000, ITERS (5, 2));

  json_object_set_boolean_member (result, "quick", opt_quick);
  json_object_set_int_member (result, "cpus", g_get_num_processors ());
  json_object_set_array_member (result, "rows", rows_json);
  json_object_set_object_member (result, "metrics", metrics_json);
  json_node_take_object (root, result);
  if (opt_json != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      if (!json_generator_to_file (generator, opt_json, &error))
        bench_fail ("writing %s: %s", opt_json, error->message);
    }

  if (opt_max_gap_ms >= 0 && gap_ms > opt_max_gap_ms)
    bench_fail ("the main loop stalled for %.1f ms (bound: %d ms) while a %u-order page loaded",
                gap_ms, opt_max_gap_ms, N_ORDERS);
  return EXIT_SUCCESS;
}
