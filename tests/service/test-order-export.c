/* test-order-export.c: MedusaOrderExport (all pages into a CSV file)
 * against the fake Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <signal.h>
#include <sys/resource.h>

#include "medusa-client.h"
#include "medusa-error.h"
#include "medusa-fake-server.h"
#include "medusa-order-export.h"
#include "medusa-order-query.h"

#define EMAIL        "export@example.com"
#define PASSWORD     "supersecret"
#define N_ORDERS     47
#define ORDERS_PATH  "/store/customers/me/orders"

typedef struct
{
  MedusaFakeServer *fake;    /* (owned) */
  MedusaClient     *client;  /* (owned) */
  char             *dir;     /* (owned) a fresh folder for the file */
  char             *path;    /* (owned) dir/orders.csv */
} Fixture;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  MedusaRetryPolicy policy = { 0, 10, 10, 10 };

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_add_customer (f->fake, EMAIL, PASSWORD, "Export", "Tester");
  medusa_fake_server_add_orders (f->fake, EMAIL, N_ORDERS);

  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  medusa_client_set_retry_policy (f->client, &policy);
  token = medusa_fake_server_issue_token (f->fake, EMAIL);
  medusa_client_set_token (f->client, token);

  f->dir = g_dir_make_tmp ("medusa-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "orders.csv", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  g_chmod (dir, 0700);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  medusa_fake_iterate_ms (20);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->fake));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by " ". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
run_export (MedusaOrderExport *export,
            GCancellable      *cancellable,
            GError           **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  medusa_order_export_run_async (export, cancellable, medusa_fake_async_result_cb, &slot);
  result = medusa_fake_wait_result (&slot);
  return medusa_order_export_run_finish (export, result, error);
}

/* The file's records, split at the CRLFs outside quotes; fails on a bare
 * LF or CR outside quotes or a file that does not end in CRLF. */
static char **
read_csv_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GStrvBuilder) records = g_strv_builder_new ();
  gsize len = 0;
  gsize start = 0;
  gboolean quoted = FALSE;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, len, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));

  for (gsize i = 0; i < len; i++)
    {
      if (contents[i] == '"')
        quoted = !quoted;
      else if (!quoted && contents[i] == '\n')
        g_assert_true (i > 0 && contents[i - 1] == '\r');
      else if (!quoted && contents[i] == '\r')
        {
          g_assert_true (i + 1 < len && contents[i + 1] == '\n');
          contents[i] = '\0';
          g_strv_builder_add (records, contents + start);
          start = i + 2;
          i++;
        }
    }
  g_assert_false (quoted);

  return g_strv_builder_end (records);
}

static const char *
find_row (char       **lines,
          const char  *number)
{
  g_autofree char *prefix = g_strconcat (number, ",", NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i];
  return NULL;
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

/* Tests */

static void
test_amounts (void)
{
  static const struct {
    gint64      amount;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 123456, "eur", "1234.56" },
    { 5, "eur", "0.05" },
    { -5, "usd", "-0.05" },
    { 0, "EUR", "0.00" },
    { -123456, "gbp", "-1234.56" },
    { 1234, "jpy", "1234" },
    { -1234, "JPY", "-1234" },
    { 0, "jpy", "0" },
    { 1234, "kwd", "1.234" },
    { 5, "kwd", "0.005" },
    { -1005, "kwd", "-1.005" },
    { 100, NULL, "1.00" },
    /* 2^53 + 1: a double would say ...992 */
    { G_GINT64_CONSTANT (9007199254740993), "jpy", "9007199254740993" },
    { G_GINT64_CONSTANT (9007199254740993), "eur", "90071992547409.93" },
    { G_MAXINT64, "eur", "92233720368547758.07" },
    { G_MININT64, "eur", "-92233720368547758.08" },
    { G_MAXINT64, "jpy", "9223372036854775807" },
    { G_MININT64, "kwd", "-9223372036854775.808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = medusa_order_export_format_amount (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_quoting (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "Test Mug", "Test Mug" },
    { "Mug, large", "\"Mug, large\"" },
    { "The \"Big\" Mug", "\"The \"\"Big\"\" Mug\"" },
    { "\"", "\"\"\"\"" },
    { "two\r\nlines", "\"two\r\nlines\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\ronly", "\"cr\ronly\"" },
    { "Über Tasse – 珈琲", "Über Tasse – 珈琲" },
    { " padded ", "\" padded \"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      medusa_order_export_append_field (csv, cases[i].text);
      g_assert_cmpstr (csv->str, ==, cases[i].expected);
    }
}

/* The store's text that a spreadsheet would take for a formula is kept as
 * text in every column, not only the tracking numbers: the currency code and
 * the items (a negative quantity) too (found by tests/fuzz/fuzz-csv). */
static void
test_formula_columns (void)
{
  g_autoptr(JsonNode) root = json_from_string ("{\"id\":\"order_1\",\"display_id\":7,"
                                               "\"currency_code\":\"=cmd\",\"items\":[{\"id\":\"i\","
                                               "\"title\":\"Mug\",\"quantity\":-1}]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = medusa_order_new_from_json (json_node_get_object (root), &error);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_auto(GStrv) fields = NULL;

  g_assert_no_error (error);
  medusa_order_export_append_order (csv, order);
  g_assert_true (g_str_has_suffix (csv->str, "\r\n"));
  g_string_truncate (csv, csv->len - 2);
  fields = g_strsplit (csv->str, ",", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 14);
  g_assert_cmpstr (fields[5], ==, "'=CMD");
  g_assert_cmpstr (fields[12], ==, "'-1 × Mug");
}

/* Every page is fetched, each with the filters, and each matching order is
 * written once, newest first, with its columns right. */
static void
test_all_pages_with_filters (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *names = NULL;
  guint n_requests;
  guint n_progress = 0;
  guint expected_id = 46;

  /* pending: display ids 1, 4, 7, … 46 (16 orders) */
  medusa_order_query_add_status (query, MEDUSA_ORDER_STATUS_PENDING);
  /* what the page's own list asks for; the export asks for its own */
  medusa_order_query_set_fields (query, "id,display_id");
  medusa_order_query_set_limit (query, 3);

  export = medusa_order_export_new (f->client, query, file);
  medusa_order_export_set_page_size (export, 5);
  g_signal_connect (export, "notify::n-exported", G_CALLBACK (on_notify_count_cb), &n_progress);
  g_assert_cmpint (medusa_order_export_get_n_total (export), ==, -1);

  g_assert_true (run_export (export, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, 16);
  g_assert_cmpint (medusa_order_export_get_n_total (export), ==, 16);
  g_assert_cmpuint (n_progress, ==, 4);

  n_requests = medusa_fake_server_get_n_requests (f->fake, "GET", ORDERS_PATH);
  g_assert_cmpuint (n_requests, ==, 4);
  for (guint i = 0; i < n_requests; i++)
    {
      const MedusaFakeRequest *request = medusa_fake_server_get_request (f->fake, i);
      g_autofree char *offset = i > 0 ? g_strdup_printf ("offset=%u&", i * 5) : g_strdup ("");
      g_autofree char *expected = g_strdup_printf ("status[]=pending&%slimit=5&"
                                                   "expand=items%%2Cfulfillments%%2Cfulfillments.tracking_links&"
                                                   "fields=id%%2Cdisplay_id%%2Cstatus%%2Cfulfillment_status%%2C"
                                                   "payment_status%%2Ccreated_at%%2Ccurrency_code",
                                                   offset);

      g_assert_cmpstr (medusa_fake_request_get_path (request), ==, ORDERS_PATH);
      g_assert_cmpstr (medusa_fake_request_get_query (request), ==, expected);
    }

  lines = read_csv_lines (f->path);
  g_assert_cmpuint (g_strv_length (lines), ==, 17);
  g_assert_cmpstr (lines[0], ==,
                   "number,date,status,fulfillment,payment,currency,subtotal,shipping,"
                   "tax,discount,total,item count,items,tracking numbers");
  for (guint i = 1; lines[i] != NULL; i++, expected_id -= 3)
    {
      g_autofree char *prefix = g_strdup_printf ("%u,", expected_id);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_assert_nonnull (strstr (lines[i], ",pending,"));
    }

  /* 46: created 2025-01-01T10:00Z + 45 days; 2 T-shirts (M) and a mug. */
  g_assert_cmpstr (lines[1], ==,
                   "46,2025-02-15T10:00:00Z,pending,fulfilled,captured,EUR,51.00,8.00,0.00,0.00,59.00,3,"
                   "2 × Test T-Shirt (M); 1 × Test Mug (White),");

  /* nothing but the file */
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "orders.csv");
}

/* Titles with commas, quotes, line breaks and non-ASCII text; currencies
 * with 0 and 3 digits; amounts a double cannot hold; tracking numbers. */
static void
test_content (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *order;
  JsonObject *item;

  order = medusa_fake_server_get_order_json (f->fake, 2);
  item = json_array_get_object_element (json_object_get_array_member (order, "items"), 1);
  json_object_set_string_member (item, "title", "Mug, \"Big\"\r\nÜber – 珈琲");
  json_object_set_string_member (order, "currency_code", "jpy");
  json_object_set_int_member (order, "subtotal", G_GINT64_CONSTANT (9007199254740993));
  json_object_set_int_member (order, "shipping_total", 800);
  json_object_set_int_member (order, "tax_total", 12);
  json_object_set_int_member (order, "discount_total", 1000);
  json_object_set_int_member (order, "total", G_GINT64_CONSTANT (9007199254740805));

  order = medusa_fake_server_get_order_json (f->fake, 3);
  json_object_set_string_member (order, "currency_code", "kwd");
  json_object_set_int_member (order, "subtotal", G_GINT64_CONSTANT (12345678901234567));
  json_object_set_int_member (order, "shipping_total", 5);
  json_object_set_int_member (order, "tax_total", 0);
  json_object_set_int_member (order, "discount_total", 0);
  json_object_set_int_member (order, "total", G_GINT64_CONSTANT (12345678901234572));

  export = medusa_order_export_new (f->client, NULL, file);
  g_assert_true (run_export (export, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, N_ORDERS);

  lines = read_csv_lines (f->path);
  g_assert_cmpuint (g_strv_length (lines), ==, N_ORDERS + 1);
  g_assert_cmpstr (find_row (lines, "2"), ==,
                   "2,2025-01-02T10:00:00Z,completed,shipped,captured,JPY,9007199254740993,800,12,1000,"
                   "9007199254740805,4,\"3 × Test T-Shirt (L); 1 × Mug, \"\"Big\"\"\r\nÜber – 珈琲 (White)\","
                   "TRACK-2");
  g_assert_cmpstr (find_row (lines, "3"), ==,
                   "3,2025-01-03T10:00:00Z,canceled,canceled,canceled,KWD,12345678901234.567,0.005,0.000,"
                   "0.000,12345678901234.572,1,1 × Test T-Shirt (S),");
}

typedef struct
{
  GCancellable *cancellable;
  const char   *dir;
  char         *names;  /* (owned) the folder when the cancel came */
} CancelData;

static void
cancel_when_first_page_written (GObject    *export,
                                GParamSpec *pspec,
                                CancelData *data)
{
  if (medusa_order_export_get_n_exported (MEDUSA_ORDER_EXPORT (export)) == 0 ||
      g_cancellable_is_cancelled (data->cancellable))
    return;
  data->names = list_dir (data->dir);
  g_cancellable_cancel (data->cancellable);
}

/* A cancel in the middle leaves the folder as it was: an older file with
 * that name untouched, no temporary file. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  CancelData cancel = { cancellable, f->dir, NULL };

  g_file_set_contents (f->path, "older export\r\n", -1, &error);
  g_assert_no_error (error);

  /* the second page takes its time */
  medusa_fake_server_add_delay_fault (f->fake, "GET", ORDERS_PATH "?offset=10&", 500, 1);

  export = medusa_order_export_new (f->client, NULL, file);
  medusa_order_export_set_page_size (export, 10);
  g_signal_connect (export, "notify::n-exported", G_CALLBACK (cancel_when_first_page_written), &cancel);

  {
    GAsyncResult *slot = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    medusa_order_export_run_async (export, cancellable, medusa_fake_async_result_cb, &slot);
    result = medusa_fake_wait_result (&slot);
    g_assert_false (medusa_order_export_run_finish (export, result, &error));
  }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* the temporary file was there when the cancel came */
  g_assert_nonnull (cancel.names);
  g_assert_true (g_str_has_prefix (cancel.names, ".orders.csv."));
  g_assert_true (g_str_has_suffix (cancel.names, " orders.csv"));
  g_free (cancel.names);
  g_assert_cmpuint (medusa_order_export_get_n_exported (export), ==, 10);

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "orders.csv");
  g_file_get_contents (f->path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "older export\r\n");
}

/* The store fails on a later page: the error is the store's, no file. */
static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  medusa_fake_server_add_status_fault (f->fake, "GET", ORDERS_PATH "?offset=20&", 500, NULL, NULL, 10);

  export = medusa_order_export_new (f->client, NULL, file);
  medusa_order_export_set_page_size (export, 10);
  g_assert_false (run_export (export, NULL, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "");
}

/* A write that fails half-way (the file size limit of the process stands
 * in for a full disk): a message with the system's reason, and the
 * temporary file removed. */
static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  struct rlimit saved;
  struct rlimit small;
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 2048;
  signal (SIGXFSZ, SIG_IGN);

  export = medusa_order_export_new (f->client, NULL, file);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = run_export (export, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “orders.csv”: "));
  g_test_message ("%s", error->message);

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "");
}

/* A folder that may not be written: a message that says so and names the
 * folder, before any order is fetched. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MedusaOrderExport) export = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = g_build_filename (f->dir, "probe", NULL);
  g_autofree char *target = NULL;
  const char *folder = f->dir;

  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  /* root writes anywhere it has a mode for: then a folder of sysfs, which
   * takes no new files from anybody */
  if (g_file_set_contents (probe, "", 0, NULL))
    {
      g_remove (probe);
      folder = "/sys";
      g_assert_false (g_file_set_contents ("/sys/medusa-export-probe", "", 0, NULL));
    }

  target = g_build_filename (folder, "orders.csv", NULL);
  file = g_file_new_for_path (target);
  export = medusa_order_export_new (f->client, NULL, file);
  g_assert_false (run_export (export, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_nonnull (strstr (error->message, "Choose another folder"));
  g_assert_cmpuint (medusa_fake_server_get_n_requests (f->fake, "GET", ORDERS_PATH), ==, 0);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/order-export/amounts", test_amounts);
  g_test_add_func ("/order-export/quoting", test_quoting);
  g_test_add_func ("/order-export/formula-columns", test_formula_columns);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/order-export/all-pages-with-filters", test_all_pages_with_filters);
  ADD ("/order-export/content", test_content);
  ADD ("/order-export/cancel", test_cancel);
  ADD ("/order-export/server-error", test_server_error);
  ADD ("/order-export/write-error", test_write_error);
  ADD ("/order-export/read-only-folder", test_read_only_folder);
#undef ADD

  return g_test_run ();
}
