/* test-widgets-receipt.c: an order's receipt, exported as PDF through
 * GtkPrintOperation, read back with pdftotext
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-widgets-receipt en|de. "en" runs under LANGUAGE=C and
 * C.UTF-8, "de" under LANGUAGE=de and de_DE.UTF-8 with the catalogs of the
 * build tree (MEDUSA_ACCOUNT_LOCALEDIR): the labels, the dates and the money
 * are checked as each locale writes them.
 */
#define G_LOG_DOMAIN "WidgetTest"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "medusa-json.h"
#include "medusa-money.h"
#include "medusa-order.h"
#include "medusa-receipt.h"

#define N_LINES 70

static gboolean german;

static MedusaOrder *
make_order (guint n_lines)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;

  g_string_append (json,
    "{\"id\":\"order_receipt\",\"display_id\":1042,\"status\":\"completed\","
    "\"fulfillment_status\":\"shipped\",\"payment_status\":\"partially_refunded\","
    "\"email\":\"zoë@example.com\",\"currency_code\":\"eur\","
    "\"created_at\":\"2026-03-12T10:00:00.000Z\","
    "\"subtotal\":123456,\"shipping_total\":995,\"discount_total\":1000,"
    "\"tax_total\":2345,\"gift_card_total\":2500,\"refunded_total\":1999,"
    "\"paid_total\":123296,\"total\":123296,"
    "\"billing_address\":{\"id\":\"addr_b\",\"first_name\":\"Zoë\",\"last_name\":\"Müller\","
    "\"address_1\":\"Königstraße 5\",\"city\":\"Köln\",\"postal_code\":\"50667\","
    "\"country_code\":\"de\"},"
    "\"shipping_address\":{\"id\":\"addr_s\",\"first_name\":\"Björn\",\"last_name\":\"Åström\","
    "\"address_1\":\"Drottninggatan 1\",\"city\":\"Göteborg\",\"postal_code\":\"41103\","
    "\"country_code\":\"se\"},"
    "\"discounts\":[{\"id\":\"disc_1\",\"code\":\"SOMMER10\"}],"
    "\"gift_cards\":[{\"id\":\"gift_1\",\"code\":\"GIFT-ÄÖÜ-42\"}],"
    "\"refunds\":[{\"id\":\"ref_1\",\"amount\":1999,\"reason\":\"return\","
    "\"note\":\"Zerbrochene Tasse\",\"created_at\":\"2026-03-20T10:00:00.000Z\"}],"
    "\"fulfillments\":[{\"id\":\"ful_1\",\"created_at\":\"2026-03-13T10:00:00.000Z\","
    "\"shipped_at\":\"2026-03-14T10:00:00.000Z\",\"items\":[],"
    "\"tracking_links\":[{\"tracking_number\":\"TRK-ÅÄÖ-7781\",\"url\":\"https://t.example/1\"},"
    "{\"tracking_number\":\"TRK-2-9931\",\"url\":null}]}],"
    "\"items\":[");

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (json,
      "%s{\"id\":\"item_%u\",\"title\":\"%s %u\",\"variant\":{\"title\":\"%s\"},"
      "\"quantity\":%u,\"unit_price\":%u,\"subtotal\":%u}",
      i > 0 ? "," : "", i,
      i % 3 == 0 ? "Crème brûlée Schüssel" : i % 3 == 1 ? "Ελληνικό μέλι" : "Чай улун",
      i + 1, i % 2 == 0 ? "Größe M" : "Ø 12 cm",
      1 + i % 4, 1000 + i * 10, (1 + i % 4) * (1000 + i * 10));
  g_string_append (json, "]}");

  node = medusa_json_parse (json->str, -1, &error);
  g_assert_no_error (error);
  order = medusa_order_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

/* Runs @tool on @pdf, returns its output with every kind of space as ' '. */
static char *
run_tool (const char *tool,
          const char *pdf)
{
  const char *argv[] = { tool, "-layout", pdf, "-", NULL };
  const char *info_argv[] = { tool, pdf, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) normal = g_string_new (NULL);
  int status;

  g_spawn_sync (NULL, g_str_equal (tool, "pdfinfo") ? (char **) info_argv : (char **) argv,
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", tool, error->message, err);
  g_assert_true (g_utf8_validate (out, -1, NULL));

  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && c != '\f' && g_unichar_isspace (c))
        g_string_append_c (normal, ' ');
      else if (c == 0x202F || c == 0x00A0 || c == 0x2007)
        g_string_append_c (normal, ' ');
      else
        g_string_append_unichar (normal, c);
    }
  return g_string_free (g_steal_pointer (&normal), FALSE);
}

static char *
normalize_spaces (const char *text)
{
  g_autoptr(GString) normal = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        g_string_append_c (normal, ' ');
      else
        g_string_append_unichar (normal, c);
    }
  return g_string_free (g_steal_pointer (&normal), FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the receipt:\n%s", needle, text);
}

static guint
count_pages (const char *text)
{
  guint n = 1;

  /* pdftotext ends each page with a form feed */
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\f' && p[1] != '\0')
      n++;
  return n;
}

static void
test_receipt_long_order (void)
{
  g_autoptr(MedusaOrder) order = make_order (N_LINES);
  g_autoptr(MedusaReceipt) receipt = medusa_receipt_new (order, "Kaffeehaus Übersee");
  g_autofree char *dir = g_dir_make_tmp ("receipt-XXXXXX", NULL);
  g_autofree char *name = medusa_receipt_dup_file_name (receipt);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *total = NULL;
  g_autofree char *item_total = NULL;
  guint n_pages;

  g_assert_cmpstr (name, ==, german ? "Beleg 1042.pdf" : "Receipt 1042.pdf");

  g_assert_true (medusa_receipt_export_pdf (receipt, NULL, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  text = run_tool ("pdftotext", path);
  info = run_tool ("pdfinfo", path);
  n_pages = count_pages (text);
  g_test_message ("%u pages; %s", n_pages, info);

  /* a long order breaks into pages, every page numbered */
  g_assert_cmpuint (n_pages, >=, 2);
  if (german)
    assert_has (text, "Seite 2 von");
  else
    assert_has (text, "Page 2 of");

  /* the store, the order and its date */
  assert_has (text, "Kaffeehaus Übersee");
  assert_has (text, german ? "Bestellung #1042" : "Order #1042");
  assert_has (text, german ? "12. Mär 2026" : "12 Mar 2026");

  /* every line, non-ASCII titles included: the first and the last */
  assert_has (text, "Crème brûlée Schüssel 1");
  assert_has (text, "Ελληνικό μέλι 2");
  assert_has (text, "Чай улун 3");
  assert_has (text, "Чай улун 69");
  assert_has (text, "Crème brûlée Schüssel 70");
  assert_has (text, "Größe M");

  /* the addresses */
  assert_has (text, "Königstraße 5");
  assert_has (text, "Göteborg");

  /* discounts, gift cards, the refund, the tracking numbers, the states */
  assert_has (text, "SOMMER10");
  assert_has (text, "GIFT-ÄÖÜ-42");
  assert_has (text, "Zerbrochene Tasse");
  assert_has (text, "TRK-ÅÄÖ-7781");
  assert_has (text, "TRK-2-9931");

  /* money as the locale writes it: the total and a line's total */
  total = normalize_spaces (medusa_money_format (123296, "eur"));
  g_assert_cmpstr (total, ==, german ? "1.232,96 €" : "€1232.96");
  assert_has (text, total);
  /* line 70: 2 × 16.90 */
  item_total = normalize_spaces (medusa_money_format (3380, "eur"));
  g_assert_cmpstr (item_total, ==, german ? "33,80 €" : "€33.80");
  assert_has (text, item_total);

  if (german)
    {
      assert_has (text, "Zwischensumme");
      assert_has (text, "Gesamtsumme");
      assert_has (text, "Rechnungsadresse");
      assert_has (text, "Teilweise erstattet");
      assert_has (text, "Sendungsnummern");
      /* German paper */
      assert_has (info, "A4");
    }
  else
    {
      assert_has (text, "Subtotal");
      assert_has (text, "Billing address");
      assert_has (text, "Partially refunded");
      assert_has (text, "Tracking numbers");
    }

  g_remove (path);
  g_rmdir (dir);
}

static void
test_receipt_short_order (void)
{
  g_autoptr(MedusaOrder) order = make_order (6);
  g_autoptr(MedusaReceipt) receipt = medusa_receipt_new (order, "Kaffeehaus Übersee");
  g_autofree char *dir = g_dir_make_tmp ("receipt-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "short.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (medusa_receipt_export_pdf (receipt, NULL, file, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", path);
  g_assert_cmpuint (count_pages (text), ==, 1);
  assert_has (text, "Ελληνικό μέλι 2");
  assert_has (text, "Чай улун 6");
  assert_has (text, "TRK-2-9931");

  /* MEDUSA_RECEIPT_KEEP=FILE keeps a copy (data/screenshots/receipt.png is
   * its page, rendered by pdftoppm) */
  if (g_getenv ("MEDUSA_RECEIPT_KEEP") != NULL)
    {
      g_autoptr(GFile) keep = g_file_new_for_path (g_getenv ("MEDUSA_RECEIPT_KEEP"));

      g_file_copy (file, keep, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  g_remove (path);
  g_rmdir (dir);
}

static void
test_receipt_unwritable (void)
{
  g_autoptr(MedusaOrder) order = make_order (1);
  g_autoptr(MedusaReceipt) receipt = medusa_receipt_new (order, "Shop");
  g_autofree char *dir = g_dir_make_tmp ("receipt-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", NULL);
  g_autofree char *path = g_build_filename (missing, "r.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (medusa_receipt_export_pdf (receipt, NULL, file, &error));
  g_assert_nonnull (error);
  /* a sentence that names the folder, not cairo's "error while writing" */
  g_assert_nonnull (strstr (error->message, "no such folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("MEDUSA_ACCOUNT_LOCALEDIR");

  german = argc > 1 && g_str_equal (argv[1], "de");
  g_setenv ("LANGUAGE", german ? "de" : "C", TRUE);
  g_setenv ("LC_ALL", german ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale %s is missing (tools/install-deps.sh generates it)", g_getenv ("LC_ALL"));
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();

  g_test_add_func ("/receipt/long-order", test_receipt_long_order);
  g_test_add_func ("/receipt/short-order", test_receipt_short_order);
  g_test_add_func ("/receipt/unwritable", test_receipt_unwritable);

  return g_test_run ();
}
