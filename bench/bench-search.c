/* bench-search.c: searching the local copy, for tools/bench.sh
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-search N RUNS
 *       Fills a local copy (MedusaAccountStore, in $XDG_CACHE_HOME: run it
 *       with a cache dir of its own) with N orders generated from the 12 real
 *       orders of tests/unit/fixtures/orders.json (new ids, numbers and dates;
 *       one of 50 words added to the first item's title, the SKU made unique
 *       per 1,000 orders, one of 20 cities, a tracking number per shipped
 *       order), then times, RUNS times each:
 *        - the orders page's local search: medusa_account_store_get_orders_async()
 *          with the text as typed, the first page (limit 50) and the count,
 *          for each query of `queries` (one line "SEARCH <µs median> <matches> <query>"),
 *          then pooled: "SEARCH_MEDIAN_US", "SEARCH_P95_US", "SEARCH_MAX_US";
 *        - the GNOME Shell search provider over the same copy, through D-Bus
 *          (the provider on the session bus, a second connection calls it as
 *          the Shell does): GetInitialResultSet, then GetResultMetas for the
 *          first 5 results; "PROVIDER_MEDIAN_US", "PROVIDER_P95_US".
 *       FILL_US is how long putting the N orders took.
 */
#define G_LOG_DOMAIN "bench-search"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "medusa-account-store.h"
#include "medusa-search-provider.h"

#define STORE_URL   "https://bench.example.com"
#define CUSTOMER_ID "cus_bench"
#define OBJECT_PATH "/io/github/medusaaccount/MedusaAccount/SearchProvider"
#define BATCH       500
#define PAGE        50

static const char * const words[] = {
  "amber", "birch", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
  "kelp", "lagoon", "maple", "nectar", "onyx", "pebble", "quartz", "russet", "sable", "tundra",
  "umber", "velvet", "willow", "yarrow", "zinc", "alder", "basalt", "cedar", "delta", "elm",
  "flint", "glacier", "heath", "iris", "jade", "krill", "lichen", "meadow", "nimbus", "ochre",
  "pine", "quill", "reef", "slate", "thistle", "ultra", "vale", "wren", "xenon", "yew",
};

static const char * const cities[] = {
  "Berlin", "Lisbon", "Oslo", "Porto", "Lyon", "Gent", "Malmö", "Graz", "Turku", "Cork",
  "Bremen", "Nantes", "Aarhus", "Basel", "Brno", "Split", "Riga", "Tartu", "Vigo", "Bergen",
};

/* What a person types into "Search orders" */
static const char * const queries[] = {
  "mug", "shirt", "amber", "garnet mug", "tshirt-m", "lisbon", "4321", "track-77", "zz",
};

static const char * const provider_terms[][3] = {
  { "mug", NULL }, { "amber", NULL }, { "lisbon", "shirt", NULL }, { "4321", NULL },
};

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *times,
            double  p)
{
  g_array_sort (times, compare_gint64);
  return g_array_index (times, gint64, MIN (times->len - 1, (guint) (p * times->len)));
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-search: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* Order @i of the generated history, from @template (a fixture order) */
static JsonNode *
make_order (const char *template,
            guint       i)
{
  /* json_node_copy() shares the objects: a new tree from the text */
  JsonNode *node = json_from_string (template, NULL);
  JsonObject *order = json_node_get_object (node);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_hours (base, i * 3);
  g_autofree char *date = g_date_time_format_iso8601 (when);
  g_autofree char *id = g_strdup_printf ("order_bench_%06u", i);
  JsonArray *items;
  JsonNode *member;

  json_object_set_string_member (order, "id", id);
  json_object_set_int_member (order, "display_id", i + 1);
  json_object_set_string_member (order, "created_at", date);
  json_object_set_string_member (order, "updated_at", date);

  member = json_object_get_member (order, "items");
  items = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  for (guint k = 0; items != NULL && k < json_array_get_length (items); k++)
    {
      JsonObject *item = json_array_get_object_element (items, k);
      g_autofree char *item_id = g_strdup_printf ("item_bench_%06u_%u", i, k);
      JsonNode *variant = json_object_get_member (item, "variant");

      json_object_set_string_member (item, "id", item_id);
      json_object_set_string_member (item, "order_id", id);
      if (k == 0)
        {
          g_autofree char *title = g_strdup_printf ("%s %s", json_object_get_string_member (item, "title"),
                                                    words[i % G_N_ELEMENTS (words)]);

          json_object_set_string_member (item, "title", title);
        }
      if (variant != NULL && JSON_NODE_HOLDS_OBJECT (variant) &&
          json_object_has_member (json_node_get_object (variant), "sku"))
        {
          JsonObject *v = json_node_get_object (variant);
          g_autofree char *sku = g_strdup_printf ("%s-%u", json_object_get_string_member (v, "sku"), i / 1000);

          json_object_set_string_member (v, "sku", sku);
        }
    }

  member = json_object_get_member (order, "shipping_address");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    json_object_set_string_member (json_node_get_object (member), "city", cities[i % G_N_ELEMENTS (cities)]);

  member = json_object_get_member (order, "fulfillments");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *fulfillments = json_node_get_array (member);

      for (guint f = 0; f < json_array_get_length (fulfillments); f++)
        {
          JsonNode *links = json_object_get_member (json_array_get_object_element (fulfillments, f),
                                                    "tracking_links");

          for (guint l = 0; links != NULL && JSON_NODE_HOLDS_ARRAY (links) &&
                            l < json_array_get_length (json_node_get_array (links)); l++)
            {
              g_autofree char *number = g_strdup_printf ("TRACK-%u", i);

              json_object_set_string_member (json_array_get_object_element (json_node_get_array (links), l),
                                             "tracking_number", number);
            }
        }
    }
  return node;
}

static MedusaAccountStore *
fill_store (guint n)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  MedusaAccountStore *store;
  JsonArray *fixture;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_free);
  MedusaStoreSyncState state = { NULL, n, NULL, TRUE, 0 };

  if (!json_parser_load_from_file (parser, BENCH_FIXTURE, &error))
    die ("fixture", error);
  fixture = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "orders");
  for (guint i = 0; i < json_array_get_length (fixture); i++)
    g_ptr_array_add (templates, json_to_string (json_array_get_element (fixture, i), FALSE));

  medusa_account_store_delete_files (STORE_URL, CUSTOMER_ID, NULL);
  medusa_account_store_open_async (STORE_URL, CUSTOMER_ID, NULL, got_result, &slot);
  result = wait_for (&slot);
  store = medusa_account_store_open_finish (result, &error);
  if (store == NULL)
    die ("open", error);

  for (guint start = 0; start < n; start += BATCH)
    {
      g_autoptr(JsonArray) batch = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(GAsyncResult) put = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len;

      for (guint i = start; i < MIN (n, start + BATCH); i++)
        json_array_add_element (batch, make_order (g_ptr_array_index (templates, i % templates->len), i));
      json_node_set_array (root, batch);
      text = json_to_string (root, FALSE);
      len = strlen (text);
      bytes = g_bytes_new_take (g_steal_pointer (&text), len);
      medusa_account_store_put_orders_async (store, bytes, NULL, got_result, &slot);
      put = wait_for (&slot);
      if (!medusa_account_store_put_finish (store, put, &error))
        die ("put orders", error);
    }

  medusa_account_store_set_sync_state_async (store, &state, NULL, got_result, &slot);
  g_clear_object (&result);
  result = wait_for (&slot);
  if (!medusa_account_store_put_finish (store, result, &error))
    die ("sync state", error);
  return store;
}

static gint64
time_search (MedusaAccountStore *store,
             const char         *text,
             gint64             *n_total)
{
  g_autoptr(MedusaStoreOrderFilter) filter = medusa_store_order_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 start;

  medusa_store_order_filter_set_text (filter, text);
  medusa_store_order_filter_set_limit (filter, PAGE);
  start = g_get_monotonic_time ();
  medusa_account_store_get_orders_async (store, filter, NULL, got_result, &slot);
  result = wait_for (&slot);
  orders = medusa_account_store_get_orders_finish (store, result, n_total, &error);
  if (orders == NULL)
    die ("search", error);
  return g_get_monotonic_time () - start;
}

static GVariant *
call (GDBusConnection *connection,
      const char      *name,
      const char      *method,
      GVariant        *parameters,
      const char      *type)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GVariant *reply;

  g_dbus_connection_call (connection, name, OBJECT_PATH, "org.gnome.Shell.SearchProvider2", method,
                          parameters, G_VARIANT_TYPE (type), G_DBUS_CALL_FLAGS_NONE, 10000,
                          NULL, got_result, &slot);
  result = wait_for (&slot);
  reply = g_dbus_connection_call_finish (connection, result, &error);
  if (reply == NULL)
    die (method, error);
  return reply;
}

static gint64
time_provider (GDBusConnection   *client,
               const char        *name,
               const char *const *terms,
               guint             *n_results)
{
  g_autoptr(GVariant) ids = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autofree const char **strv = NULL;
  const char *shown[6] = { NULL };
  gsize n = 0;
  gint64 start = g_get_monotonic_time ();

  ids = call (client, name, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  list = g_variant_get_child_value (ids, 0);
  strv = g_variant_get_strv (list, &n);
  for (guint i = 0; i < MIN (n, 5); i++)
    shown[i] = strv[i];
  metas = call (client, name, "GetResultMetas", g_variant_new ("(^as)", shown), "(aa{sv})");
  *n_results = n;
  return g_get_monotonic_time () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) provider_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MedusaSearchProvider) provider = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusConnection) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  const char *name;
  guint n, runs;
  gint64 start;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc != 3 || atoi (argv[1]) <= 0 || atoi (argv[2]) <= 0)
    {
      g_printerr ("usage: bench-search N RUNS\n");
      return 2;
    }
  n = (guint) atoi (argv[1]);
  runs = (guint) atoi (argv[2]);

  start = g_get_monotonic_time ();
  store = fill_store (n);
  g_print ("FILL_US %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);

  /* The orders page's search: one warm-up query each, then RUNS rounds */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 n_total = 0;

      time_search (store, queries[q], &n_total);
      for (guint r = 0; r < runs; r++)
        {
          gint64 t = time_search (store, queries[q], &n_total);

          g_array_append_val (times, t);
          g_array_append_val (all, t);
        }
      g_print ("SEARCH %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
               percentile (times, 0.5), n_total, queries[q]);
    }
  g_print ("SEARCH_MEDIAN_US %" G_GINT64_FORMAT "\nSEARCH_P95_US %" G_GINT64_FORMAT "\nSEARCH_MAX_US %" G_GINT64_FORMAT "\n",
           percentile (all, 0.5), percentile (all, 0.95), percentile (all, 1.0));

  /* The Shell's calls, through the session bus */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    die ("session bus", error);
  name = g_dbus_connection_get_unique_name (bus);
  provider = medusa_search_provider_new (NULL);
  medusa_search_provider_set_store (provider, store);
  if (!medusa_search_provider_register (provider, bus, OBJECT_PATH, &error))
    die ("register", error);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (address == NULL)
    die ("bus address", error);
  client = g_dbus_connection_new_for_address_sync (address,
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  if (client == NULL)
    die ("client connection", error);

  for (guint t = 0; t < G_N_ELEMENTS (provider_terms); t++)
    {
      guint n_results = 0;

      time_provider (client, name, provider_terms[t], &n_results);
      for (guint r = 0; r < runs; r++)
        {
          gint64 us = time_provider (client, name, provider_terms[t], &n_results);

          g_array_append_val (provider_times, us);
        }
      g_print ("PROVIDER_RESULTS %u %s\n", n_results, provider_terms[t][0]);
    }
  g_print ("PROVIDER_MEDIAN_US %" G_GINT64_FORMAT "\nPROVIDER_P95_US %" G_GINT64_FORMAT "\n",
           percentile (provider_times, 0.5), percentile (provider_times, 0.95));

  medusa_search_provider_unregister (provider);
  return 0;
}
