/* test-search-provider.c: the GNOME Shell search provider over the local copy
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-account-store.h"
#include "medusa-money.h"
#include "medusa-search-provider.h"
#include "medusa-ui-utils.h"

#define STORE_URL "https://shop.example.com"
#define CUSTOMER_ID "cus_01M8DMEWZVHQAMEYJVZ3F8150P"
#define OBJECT_PATH "/io/github/medusaaccount/MedusaAccount/SearchProvider"
#define IFACE "org.gnome.Shell.SearchProvider2"

/* orders.json: the orders with a "Test Mug", newest first */
static const char * const mug_orders[] = {
  "order_01M8DMF6N9C78BFF2SZHB8E2TB",  /* #12 */
  "order_01M8DMF5G1QG1X23ERCT4DRPHZ",  /* #10 */
  "order_01M8DMF4FST4T37EEKEGYAVD8D",  /* #9 */
  "order_01M8DMF3PZWYNRAJMQMPJVY9Y5",  /* #8 */
  "order_01M8DMF1E98ZAY1X621DRT8A5M",  /* #5 */
  "order_01M8DMF0FQ0K8ZB5TTJ4G6SYWY",  /* #4 */
  "order_01M8DMEYRRDE2FK7EW97NTMHK9",  /* #2 */
  NULL
};
#define ORDER_12 "order_01M8DMF6N9C78BFF2SZHB8E2TB"
#define ORDER_9 "order_01M8DMF4FST4T37EEKEGYAVD8D"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static char *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

typedef void (*PutFunc) (MedusaAccountStore *, GBytes *, GCancellable *, GAsyncReadyCallback, gpointer);

static void
put_fixture (MedusaAccountStore *store,
             PutFunc             func,
             const char         *name)
{
  g_autofree char *json = load_fixture (name);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  func (store, bytes, NULL, got_result, &result);
  g_assert_true (medusa_account_store_put_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* The copy of the fixture account: the 12 orders of orders.json, #9 with
 * its whole details (shipped, a tracking number). */
static MedusaAccountStore *
filled_store (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaAccountStore *store;

  medusa_account_store_open_async (STORE_URL, CUSTOMER_ID, NULL, got_result, &result);
  store = medusa_account_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  put_fixture (store, medusa_account_store_put_orders_async, "orders.json");
  put_fixture (store, medusa_account_store_put_order_details_async, "order-shipped.json");
  return store;
}

static char **
search (MedusaSearchProvider *provider,
        const char * const   *terms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char **ids;

  medusa_search_provider_search_async (provider, terms, NULL, got_result, &result);
  ids = medusa_search_provider_search_finish (provider, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_test_message ("search for \"%s\": %u results in %.2f ms",
                  terms != NULL && terms[0] != NULL ? terms[0] : "", g_strv_length (ids),
                  (g_get_monotonic_time () - start) / 1000.0);
  return ids;
}

static void
assert_strv_equal (char * const        *got,
                   const char * const  *want)
{
  g_autofree char *got_s = g_strjoinv (" ", (char **) got);
  g_autofree char *want_s = g_strjoinv (" ", (char **) want);

  g_assert_cmpstr (got_s, ==, want_s);
}

/* ------------------------------------------------------------------------ */
/* The provider object                                                       */

static void
test_terms (void)
{
  g_autoptr(MedusaAccountStore) store = filled_store ();
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  const char * const mug[] = { "mug", NULL };
  const char * const test_mug[] = { "test", "MUG", NULL };
  const char * const number[] = { "12", NULL };
  const char * const hash_number[] = { "#12", NULL };
  const char * const tracking[] = { "TRACK-9", NULL };
  const char * const punctuation[] = { "#", "·", "\"", NULL };
  const char * const nothing[] = { "saucepan", NULL };
  const char * const none[] = { NULL };
  const char * const nine[] = { ORDER_9, NULL };
  const char * const twelve[] = { ORDER_12, NULL };
  g_auto(GStrv) ids = NULL;

  medusa_search_provider_set_store (provider, store);
  g_assert_true (medusa_search_provider_get_store (provider) == store);

  /* a product title, newest first; several terms must all match */
  ids = search (provider, mug);
  assert_strv_equal (ids, mug_orders);
  g_clear_pointer (&ids, g_strfreev);
  ids = search (provider, test_mug);
  assert_strv_equal (ids, mug_orders);
  g_clear_pointer (&ids, g_strfreev);

  /* an order number, with or without "#" */
  ids = search (provider, number);
  assert_strv_equal (ids, twelve);
  g_clear_pointer (&ids, g_strfreev);
  ids = search (provider, hash_number);
  assert_strv_equal (ids, twelve);
  g_clear_pointer (&ids, g_strfreev);

  /* a tracking number of the order whose details were opened */
  ids = search (provider, tracking);
  assert_strv_equal (ids, nine);
  g_clear_pointer (&ids, g_strfreev);

  /* nothing searchable typed: nothing, not every order */
  ids = search (provider, punctuation);
  assert_strv_equal (ids, none);
  g_clear_pointer (&ids, g_strfreev);
  ids = search (provider, none);
  assert_strv_equal (ids, none);
  g_clear_pointer (&ids, g_strfreev);
  ids = search (provider, nothing);
  assert_strv_equal (ids, none);
}

static void
test_metas (void)
{
  g_autoptr(MedusaAccountStore) store = filled_store ();
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  const char * const mug[] = { "mug", NULL };
  const char * const wanted[] = { ORDER_9, "order_unknown", ORDER_12, NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 ("2026-11-27T04:33:27.182Z", NULL);
  g_autofree char *date = medusa_ui_format_date (created);
  g_autofree char *total = medusa_money_format (4650, "eur");
  g_autofree char *expected = g_strdup_printf ("%s · %s · %s", date, total, "Pending");
  const char *id, *name, *description;

  /* before any search nothing is known */
  medusa_search_provider_set_store (provider, store);
  metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider, wanted));
  g_assert_cmpuint (g_variant_n_children (metas), ==, 0);
  g_clear_pointer (&metas, g_variant_unref);

  ids = search (provider, mug);
  metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider, wanted));
  g_assert_cmpstr (g_variant_get_type_string (metas), ==, "aa{sv}");
  /* in the order asked for; the unknown id is left out */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);

  {
    g_autoptr(GVariant) meta = g_variant_get_child_value (metas, 1);
    GVariantDict dict;

    g_variant_dict_init (&dict, meta);
    g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
    g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
    g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
    g_assert_cmpstr (id, ==, ORDER_12);
    g_assert_cmpstr (name, ==, "Order #12");
    /* the date and money as the orders list writes them */
    g_assert_cmpstr (description, ==, expected);
    g_assert_nonnull (strstr (description, "46.50"));
    g_assert_nonnull (strstr (description, "2026"));
    g_variant_dict_clear (&dict);
  }
  {
    g_autoptr(GVariant) meta = g_variant_get_child_value (metas, 0);
    GVariantDict dict;

    g_variant_dict_init (&dict, meta);
    g_assert_true (g_variant_dict_lookup (&dict, "id", "&s", &id));
    g_assert_true (g_variant_dict_lookup (&dict, "name", "&s", &name));
    g_assert_true (g_variant_dict_lookup (&dict, "description", "&s", &description));
    g_assert_cmpstr (id, ==, ORDER_9);
    g_assert_cmpstr (name, ==, "Order #9");
    g_assert_true (g_str_has_suffix (description, " · Completed"));
    g_variant_dict_clear (&dict);
  }
}

static void
test_no_store (void)
{
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  const char * const mug[] = { "mug", NULL };
  const char * const wanted[] = { ORDER_12, NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) metas = NULL;

  g_assert_null (medusa_search_provider_get_store (provider));
  ids = search (provider, mug);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider, wanted));
  g_assert_cmpuint (g_variant_n_children (metas), ==, 0);
}

/* A process started for a search answers once its copy is open, from it. */
static void
test_store_pending (void)
{
  g_autoptr(MedusaAccountStore) store = filled_store ();
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  const char * const mug[] = { "mug", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  medusa_search_provider_set_store_pending (provider, TRUE);
  medusa_search_provider_search_async (provider, mug, NULL, got_result, &result);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);

  medusa_search_provider_set_store (provider, store);
  medusa_search_provider_set_store_pending (provider, FALSE);
  ids = medusa_search_provider_search_finish (provider, wait_for (&result), &error);
  g_assert_no_error (error);
  assert_strv_equal (ids, mug_orders);
  g_clear_pointer (&ids, g_strfreev);
  g_clear_object (&result);

  /* No copy after all: the waiting search finds nothing. */
  medusa_search_provider_set_store (provider, NULL);
  medusa_search_provider_set_store_pending (provider, TRUE);
  medusa_search_provider_search_async (provider, mug, NULL, got_result, &result);
  medusa_search_provider_set_store_pending (provider, FALSE);
  ids = medusa_search_provider_search_finish (provider, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
}

static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_store_removed (void)
{
  g_autoptr(MedusaAccountStore) store = filled_store ();
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  const char * const mug[] = { "mug", NULL };
  const char * const wanted[] = { ORDER_12, NULL };
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect_swapped (provider, "notify::store", G_CALLBACK (count_cb), &notified);
  g_object_set (provider, "store", store, NULL);
  g_object_set (provider, "store", store, NULL);
  g_assert_cmpuint (notified, ==, 1);

  ids = search (provider, mug);
  g_assert_cmpuint (g_strv_length (ids), ==, 7);
  g_clear_pointer (&ids, g_strfreev);

  /* signed out or locked: nothing found, nothing described */
  g_object_set (provider, "store", NULL, NULL);
  g_assert_cmpuint (notified, ==, 2);
  ids = search (provider, mug);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_clear_pointer (&ids, g_strfreev);
  metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider, wanted));
  g_assert_cmpuint (g_variant_n_children (metas), ==, 0);

  /* the copy goes while a search runs: its answer is dropped */
  medusa_search_provider_set_store (provider, store);
  medusa_search_provider_search_async (provider, mug, NULL, got_result, &result);
  medusa_search_provider_set_store (provider, NULL);
  ids = medusa_search_provider_search_finish (provider, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_clear_pointer (&metas, g_variant_unref);
  metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider, wanted));
  g_assert_cmpuint (g_variant_n_children (metas), ==, 0);
}

/* 10,000 orders: what the Shell waits for per keystroke (results and metas)
 * is printed, not asserted (the goal is 50 ms). */
static void
test_ten_thousand (void)
{
  static const char * const products[] = { "Test Mug", "T-Shirt", "Hoodie", "Desk Lamp" };
  g_autoptr(MedusaSearchProvider) provider = medusa_search_provider_new (NULL);
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const keystrokes[][3] = {
    { "m", NULL }, { "mu", NULL }, { "mug", NULL }, { "4242", NULL }, { "desk", "lamp", NULL },
  };

  medusa_account_store_open_async (STORE_URL, CUSTOMER_ID, NULL, got_result, &result);
  store = medusa_account_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);

  for (guint batch = 0; batch < 10; batch++)
    {
      g_autoptr(GString) json = g_string_new ("{\"orders\": [");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GAsyncResult) put = NULL;

      for (guint i = batch * 1000 + 1; i <= (batch + 1) * 1000; i++)
        {
          g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
          g_autoptr(GDateTime) created = g_date_time_add_minutes (base, i);
          g_autofree char *created_at = g_date_time_format_iso8601 (created);

          g_string_append_printf (json,
                                  "%s{\"id\": \"order_%06u\", \"display_id\": %u,"
                                  " \"status\": \"pending\", \"created_at\": \"%s\","
                                  " \"updated_at\": \"%s\", \"currency_code\": \"eur\","
                                  " \"total\": %u, \"items\": [{\"id\": \"item_%u\","
                                  " \"title\": \"%s\", \"quantity\": 1, \"unit_price\": 100}]}",
                                  i % 1000 == 1 ? "" : ",", i, i, created_at, created_at,
                                  i * 100, i, products[i % 4]);
        }
      g_string_append (json, "]}");
      bytes = g_bytes_new (json->str, json->len);
      medusa_account_store_put_orders_async (store, bytes, NULL, got_result, &put);
      g_assert_true (medusa_account_store_put_finish (store, wait_for (&put), &error));
      g_assert_no_error (error);
    }

  medusa_search_provider_set_store (provider, store);
  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      gint64 start = g_get_monotonic_time ();
      g_auto(GStrv) ids = search (provider, keystrokes[k]);
      g_autoptr(GVariant) metas = g_variant_ref_sink (medusa_search_provider_get_metas (provider,
                                                                                     (const char * const *) ids));

      g_test_message ("10,000 orders, \"%s%s%s\": results and metas in %.2f ms",
                      keystrokes[k][0], keystrokes[k][1] ? " " : "",
                      keystrokes[k][1] ? keystrokes[k][1] : "",
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_cmpuint (g_variant_n_children (metas), ==, g_strv_length (ids));
      if (k == 3)
        {
          /* the order number */
          g_assert_cmpuint (g_strv_length (ids), ==, 1);
          g_assert_cmpstr (ids[0], ==, "order_004242");
        }
      else
        {
          /* 2,500 match: the newest 20 (#9999, #9995, … for "Desk Lamp") */
          g_assert_cmpuint (g_strv_length (ids), ==, 20);
          if (k == 4)
            g_assert_cmpstr (ids[0], ==, "order_009999");
          else if (k == 2)
            g_assert_cmpstr (ids[0], ==, "order_010000");
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Over D-Bus, through gdbus, on a private bus                               */

typedef struct
{
  char  *activated;  /* the order id of "activate-result" */
  guint  launched;   /* "launch-search" emissions */
  char  *terms;      /* the terms of the last one, joined */
} Emitted;

static void
activate_result_cb (MedusaSearchProvider *provider,
                    const char           *id,
                    char                **terms,
                    guint                 timestamp,
                    Emitted              *emitted)
{
  g_free (emitted->activated);
  emitted->activated = g_strdup (id);
  g_free (emitted->terms);
  emitted->terms = g_strjoinv (" ", terms);
}

static void
launch_search_cb (MedusaSearchProvider *provider,
                  char                **terms,
                  guint                 timestamp,
                  Emitted              *emitted)
{
  emitted->launched++;
  g_free (emitted->terms);
  emitted->terms = g_strjoinv (" ", terms);
}

/* `gdbus call` as the Shell would make it; its output (the reply as text). */
static char *
gdbus_call (const char *method,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strconcat (IFACE ".", method, NULL);
  char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "gdbus");
  g_ptr_array_add (argv, (char *) "call");
  g_ptr_array_add (argv, (char *) "--session");
  g_ptr_array_add (argv, (char *) "--dest");
  g_ptr_array_add (argv, (char *) APPLICATION_ID);
  g_ptr_array_add (argv, (char *) "--object-path");
  g_ptr_array_add (argv, (char *) OBJECT_PATH);
  g_ptr_array_add (argv, (char *) "--method");
  g_ptr_array_add (argv, full);
  va_start (args, method);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  /* the provider answers on this main context while gdbus waits */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, got_result, &result);
  g_subprocess_communicate_utf8_finish (process, wait_for (&result), &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("gdbus call %s failed: %s", method, err);
  g_strstrip (out);
  return out;
}

static void
test_dbus (void)
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(MedusaSearchProvider) provider = NULL;
  g_autofree char *out = NULL;
  g_autofree char *gdbus = g_find_program_in_path ("gdbus");
  g_autofree char *expected = NULL;
  Emitted emitted = { NULL, 0, NULL };
  gint64 start;

  if (gdbus == NULL)
    {
      g_test_skip ("needs gdbus");
      return;
    }

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", APPLICATION_ID, 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  store = filled_store ();
  provider = medusa_search_provider_new (NULL);
  g_signal_connect (provider, "activate-result", G_CALLBACK (activate_result_cb), &emitted);
  g_signal_connect (provider, "launch-search", G_CALLBACK (launch_search_cb), &emitted);
  medusa_search_provider_register (provider, connection, OBJECT_PATH, &error);
  g_assert_no_error (error);

  /* No copy yet (signed out): nothing */
  out = gdbus_call ("GetInitialResultSet", "['mug']", NULL);
  g_assert_cmpstr (out, ==, "(@as [],)");
  g_clear_pointer (&out, g_free);

  medusa_search_provider_set_store (provider, store);
  start = g_get_monotonic_time ();
  out = gdbus_call ("GetInitialResultSet", "['mug']", NULL);
  g_test_message ("GetInitialResultSet through gdbus (process start included): %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  expected = g_strdup_printf ("(['%s', '%s', '%s', '%s', '%s', '%s', '%s'],)",
                              mug_orders[0], mug_orders[1], mug_orders[2], mug_orders[3],
                              mug_orders[4], mug_orders[5], mug_orders[6]);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("GetSubsearchResultSet", "['" ORDER_12 "', '" ORDER_9 "']", "['mug', 'TRACK-9']", NULL);
  g_assert_cmpstr (out, ==, "(['" ORDER_9 "'],)");
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("GetResultMetas", "['" ORDER_12 "', 'order_unknown']", NULL);
  g_assert_true (g_str_has_prefix (out, "([{"));
  g_assert_nonnull (strstr (out, "'id': <'" ORDER_12 "'>"));
  g_assert_nonnull (strstr (out, "'name': <'Order #12'>"));
  g_assert_nonnull (strstr (out, " · Pending'>"));
  g_assert_null (strstr (out, "order_unknown"));
  g_clear_pointer (&out, g_free);

  /* Picking a result opens that order */
  out = gdbus_call ("ActivateResult", ORDER_12, "['mug']", "1234", NULL);
  g_assert_cmpstr (out, ==, "()");
  g_assert_cmpstr (emitted.activated, ==, ORDER_12);
  g_assert_cmpstr (emitted.terms, ==, "mug");
  g_assert_cmpuint (emitted.launched, ==, 0);
  g_clear_pointer (&out, g_free);

  /* An id this copy never found opens the app on its search */
  out = gdbus_call ("ActivateResult", "order_unknown", "['mug']", "1234", NULL);
  g_assert_cmpstr (out, ==, "()");
  g_assert_cmpstr (emitted.activated, ==, ORDER_12);
  g_assert_cmpuint (emitted.launched, ==, 1);
  g_clear_pointer (&out, g_free);

  out = gdbus_call ("LaunchSearch", "['test', 'mug']", "1234", NULL);
  g_assert_cmpstr (out, ==, "()");
  g_assert_cmpuint (emitted.launched, ==, 2);
  g_assert_cmpstr (emitted.terms, ==, "test mug");
  g_clear_pointer (&out, g_free);

  /* Locked or signed out again: nothing, and no order is opened */
  medusa_search_provider_set_store (provider, NULL);
  out = gdbus_call ("GetInitialResultSet", "['mug']", NULL);
  g_assert_cmpstr (out, ==, "(@as [],)");
  g_clear_pointer (&out, g_free);
  out = gdbus_call ("GetResultMetas", "['" ORDER_12 "']", NULL);
  g_assert_cmpstr (out, ==, "(@aa{sv} [],)");
  g_clear_pointer (&out, g_free);
  out = gdbus_call ("ActivateResult", ORDER_12, "['mug']", "1234", NULL);
  g_assert_cmpuint (emitted.launched, ==, 3);
  g_clear_pointer (&out, g_free);

  medusa_search_provider_unregister (provider);
  g_clear_object (&connection);
  g_test_dbus_down (bus);
  g_free (emitted.activated);
  g_free (emitted.terms);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search-provider/terms", test_terms);
  g_test_add_func ("/search-provider/metas", test_metas);
  g_test_add_func ("/search-provider/no-store", test_no_store);
  g_test_add_func ("/search-provider/store-removed", test_store_removed);
  g_test_add_func ("/search-provider/store-pending", test_store_pending);
  g_test_add_func ("/search-provider/ten-thousand", test_ten_thousand);
  g_test_add_func ("/search-provider/dbus", test_dbus);

  return g_test_run ();
}
