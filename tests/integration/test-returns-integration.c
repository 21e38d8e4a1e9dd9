/* test-returns-integration.c: returns against a real Medusa 1.20.11 backend
 *
 * A customer of its own (seed-orders.sh registers it and places 5 orders:
 * the 4th shipped and completed, the 5th canceled) asks for a return of
 * the shipped order: the store's return reasons (one with children, as
 * medusa-up.sh seeds them) and return options, POST /store/returns, and the
 * order's returns then hold it with the chosen item, quantity, reason, note
 * and shipping. A canceled order is refused.
 *
 * Environment: MEDUSA_URL (skips without it; MEDUSA_REQUIRE_BACKEND=1 makes
 * that a failure), MEDUSA_SEED_ORDERS, MEDUSA_ADMIN_EMAIL/PASSWORD.
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "medusa-auth.h"
#include "medusa-client.h"
#include "medusa-error.h"
#include "medusa-line-item.h"
#include "medusa-order.h"
#include "medusa-orders.h"
#include "medusa-returns.h"

#define WAIT_TIMEOUT_S 60
#define N_ORDERS       5
#define SHIPPED        4   /* k of seed-orders.sh: shipped + completed */
#define CANCELED       5

static struct
{
  char *url;
  char *seed_script;
  char *admin_email;
  char *admin_password;
  gboolean require_backend;

  char *email;
  char *password;
  MedusaClient *client;
  char *order_ids[N_ORDERS];
  MedusaOrder *shipped;
  GListModel *reasons;
  GListModel *options;
  char *return_id;
} S;

static gboolean
backend_available (void)
{
  if (S.url != NULL)
    return TRUE;
  if (S.require_backend)
    g_test_fail_printf ("MEDUSA_URL is not set, but MEDUSA_REQUIRE_BACKEND=1");
  else
    g_test_skip ("MEDUSA_URL is not set: no backend to test against");
  return FALSE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
  return *slot;
}

static GListModel *
order_returns (const char *order_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *returns;

  medusa_client_list_order_returns_async (S.client, order_id, NULL, store_result_cb, &result);
  returns = medusa_client_list_order_returns_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  return returns;
}

static MedusaReturn *
request_return (MedusaReturnRequest  *request,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  medusa_client_request_return_async (S.client, request, NULL, store_result_cb, &result);
  return medusa_client_request_return_finish (S.client, wait_result (&result), error);
}

static void
test_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *count = g_strdup_printf ("%d", N_ORDERS);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) customer = NULL;
  const char *argv[] = { S.seed_script, count, NULL };
  int status = 0;

  if (!backend_available ())
    return;

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "MEDUSA_URL", S.url, TRUE);
  envp = g_environ_setenv (envp, "DEMO_EMAIL", S.email, TRUE);
  envp = g_environ_setenv (envp, "DEMO_PASSWORD", S.password, TRUE);
  envp = g_environ_setenv (envp, "VARY_STATUS", "1", TRUE);
  if (S.admin_email != NULL)
    envp = g_environ_setenv (envp, "ADMIN_EMAIL", S.admin_email, TRUE);
  if (S.admin_password != NULL)
    envp = g_environ_setenv (envp, "ADMIN_PASSWORD", S.admin_password, TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("seed-orders.sh failed:\n%s\n%s", out, err);
  g_assert_no_error (error);

  re = g_regex_new ("^\\[seed-orders\\] order (\\d+)/\\d+: (order_[0-9A-Za-z]+) ", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  g_regex_match (re, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *k = g_match_info_fetch (match, 1);
      int i = (int) g_ascii_strtoll (k, NULL, 10) - 1;

      g_assert_cmpint (i, >=, 0);
      g_assert_cmpint (i, <, N_ORDERS);
      S.order_ids[i] = g_match_info_fetch (match, 2);
      g_match_info_next (match, NULL);
    }
  for (int i = 0; i < N_ORDERS; i++)
    g_assert_nonnull (S.order_ids[i]);

  S.client = medusa_client_new (S.url, &error);
  g_assert_no_error (error);
  medusa_client_set_timeout (S.client, 30);
  medusa_client_sign_in_async (S.client, S.email, S.password, NULL, store_result_cb, &result);
  customer = G_OBJECT (medusa_client_sign_in_finish (S.client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  medusa_client_retrieve_order_async (S.client, S.order_ids[SHIPPED - 1], NULL, store_result_cb, &result);
  S.shipped = medusa_client_retrieve_order_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (medusa_order_get_fulfillment_status (S.shipped), ==, MEDUSA_FULFILLMENT_STATUS_SHIPPED);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (S.shipped)), >=, 1);
}

static void
test_reasons_and_options (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean have_child = FALSE;
  gboolean have_post = FALSE;

  if (!backend_available ())
    return;

  medusa_client_list_return_reasons_async (S.client, NULL, store_result_cb, &result);
  S.reasons = medusa_client_list_return_reasons_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* medusa-up.sh seeds at least two, one of them with children */
  g_assert_cmpuint (g_list_model_get_n_items (S.reasons), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (S.reasons); i++)
    {
      g_autoptr(MedusaReturnReason) reason = g_list_model_get_item (S.reasons, i);

      if (g_list_model_get_n_items (medusa_return_reason_get_children (reason)) > 0)
        have_child = TRUE;
    }
  g_assert_true (have_child);

  medusa_client_list_return_options_async (S.client, medusa_order_get_region_id (S.shipped), NULL,
                                           store_result_cb, &result);
  S.options = medusa_client_list_return_options_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (S.options); i++)
    {
      g_autoptr(MedusaReturnOption) option = g_list_model_get_item (S.options, i);

      g_assert_true (medusa_return_option_get_is_return (option));
      if (g_strcmp0 (medusa_return_option_get_name (option), "Return by Post") == 0)
        {
          have_post = TRUE;
          g_assert_cmpint (medusa_return_option_get_price (option), ==, 495);
        }
    }
  g_assert_true (have_post);
}

static void
test_request_return (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(MedusaReturnRequest) request = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(MedusaReturn) listed = NULL;
  g_autoptr(MedusaReturnItem) item = NULL;
  g_autoptr(MedusaLineItem) line = NULL;
  g_autoptr(MedusaReturnReason) parent = NULL;
  g_autoptr(MedusaReturnReason) child = NULL;
  g_autoptr(MedusaReturnOption) option = NULL;
  const char *order_id;

  if (!backend_available ())
    return;

  order_id = S.order_ids[SHIPPED - 1];
  before = order_returns (order_id);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (S.reasons) && child == NULL; i++)
    {
      g_clear_object (&parent);
      parent = g_list_model_get_item (S.reasons, i);
      if (g_list_model_get_n_items (medusa_return_reason_get_children (parent)) > 0)
        child = g_list_model_get_item (medusa_return_reason_get_children (parent), 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (S.options); i++)
    {
      g_autoptr(MedusaReturnOption) o = g_list_model_get_item (S.options, i);

      if (medusa_return_option_get_price (o) > 0)
        g_set_object (&option, o);
    }
  g_assert_nonnull (option);
  line = g_list_model_get_item (medusa_order_get_items (S.shipped), 0);

  request = medusa_return_request_new (order_id);
  medusa_return_request_set_known_returns (request, before);
  medusa_return_request_add_item (request, medusa_line_item_get_id (line), 1,
                                  medusa_return_reason_get_id (child), "Integration note");
  medusa_return_request_set_option_id (request, medusa_return_option_get_id (option));
  ret = request_return (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (medusa_return_get_status (ret), ==, "requested");
  S.return_id = g_strdup (medusa_return_get_id (ret));

  after = order_returns (order_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  listed = g_list_model_get_item (after, 0);
  g_assert_cmpstr (medusa_return_get_id (listed), ==, S.return_id);
  g_assert_cmpstr (medusa_return_get_status (listed), ==, "requested");
  g_assert_cmpint (medusa_return_get_shipping_price (listed), ==, medusa_return_option_get_price (option));
  g_assert_cmpuint (g_list_model_get_n_items (medusa_return_get_items (listed)), ==, 1);
  item = g_list_model_get_item (medusa_return_get_items (listed), 0);
  g_assert_cmpstr (medusa_return_item_get_item_id (item), ==, medusa_line_item_get_id (line));
  g_assert_cmpint (medusa_return_item_get_quantity (item), ==, 1);
  g_assert_cmpstr (medusa_return_item_get_reason_id (item), ==, medusa_return_reason_get_id (child));
  g_assert_cmpstr (medusa_return_item_get_reason_label (item), ==, medusa_return_reason_get_label (child));
  g_assert_cmpstr (medusa_return_item_get_note (item), ==, "Integration note");
  g_assert_cmpint (medusa_returns_count_item (after, medusa_line_item_get_id (line)), ==, 1);
}

static void
test_canceled_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MedusaOrder) canceled = NULL;
  g_autoptr(MedusaLineItem) line = NULL;
  g_autoptr(MedusaReturnRequest) request = NULL;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(GListModel) returns = NULL;

  if (!backend_available ())
    return;

  medusa_client_retrieve_order_async (S.client, S.order_ids[CANCELED - 1], NULL, store_result_cb, &result);
  canceled = medusa_client_retrieve_order_finish (S.client, wait_result (&result), &error);
  g_assert_no_error (error);
  line = g_list_model_get_item (medusa_order_get_items (canceled), 0);
  request = medusa_return_request_new (S.order_ids[CANCELED - 1]);
  medusa_return_request_add_item (request, medusa_line_item_get_id (line), 1, NULL, NULL);
  ret = request_return (request, &error);
  /* 400 "Cannot create a return for a canceled item." */
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA);
  g_assert_null (ret);
  g_assert_false (medusa_return_request_get_outcome_unknown (request));
  returns = order_returns (S.order_ids[CANCELED - 1]);
  g_assert_cmpuint (g_list_model_get_n_items (returns), ==, 0);
}

static char *
dup_env (const char *name)
{
  const char *value = g_getenv (name);

  return (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  S.url = dup_env ("MEDUSA_URL");
  S.seed_script = dup_env ("MEDUSA_SEED_ORDERS");
  S.admin_email = dup_env ("MEDUSA_ADMIN_EMAIL");
  S.admin_password = dup_env ("MEDUSA_ADMIN_PASSWORD");
  S.require_backend = g_strcmp0 (g_getenv ("MEDUSA_REQUIRE_BACKEND"), "1") == 0;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (S.seed_script == NULL)
    S.seed_script = g_test_build_filename (G_TEST_DIST, "seed-orders.sh", NULL);
  S.email = g_strdup_printf ("returns%" G_GINT64_FORMAT "x%d@example.com", g_get_real_time (), (int) getpid ());
  S.password = g_strdup ("returns-password-1");

  g_test_add_func ("/integration/returns/01-seed", test_seed);
  g_test_add_func ("/integration/returns/02-reasons-and-options", test_reasons_and_options);
  g_test_add_func ("/integration/returns/03-request-return", test_request_return);
  g_test_add_func ("/integration/returns/04-canceled-order", test_canceled_order);

  ret = g_test_run ();

  g_clear_pointer (&S.return_id, g_free);
  g_clear_object (&S.options);
  g_clear_object (&S.reasons);
  g_clear_object (&S.shipped);
  g_clear_object (&S.client);
  for (int i = 0; i < N_ORDERS; i++)
    g_clear_pointer (&S.order_ids[i], g_free);
  g_free (S.password);
  g_free (S.email);
  g_free (S.admin_password);
  g_free (S.admin_email);
  g_free (S.seed_script);
  g_free (S.url);
  return ret;
}
