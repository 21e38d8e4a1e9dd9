/* service-fixture.c: the fake server and client shared by the service tests
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "service-fixture.h"

/* Short delays so retry cases run fast. */
static const MedusaRetryPolicy fast_retry_policy = {
  .max_retries = 3,
  .base_delay_ms = 10,
  .max_delay_ms = 100,
  .max_total_ms = 2000,
};

void
service_test_init (int    *argc,
                   char ***argv)
{
  /* The isolated XDG dirs hide the GSettings schemas GIO's GNOME proxy
   * resolver reads (its GSettings lookup is fatal); loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

/**
 * service_fixture_set_up:
 * @policy: (nullable): the client's retry policy; %NULL for short delays
 *
 * Starts a fake server that knows the demo customer and a client for it,
 * not signed in.
 */
void
service_fixture_set_up (ServiceFixture          *f,
                        const MedusaRetryPolicy *policy)
{
  g_autoptr(GError) error = NULL;

  f->fake = medusa_fake_server_new ();
  medusa_fake_server_add_customer (f->fake, DEMO_EMAIL, DEMO_PASSWORD, "Demo", "Customer");
  f->client = medusa_client_new (medusa_fake_server_get_url (f->fake), &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->client);
  medusa_client_set_retry_policy (f->client, policy != NULL ? policy : &fast_retry_policy);
}

/* Signs the client in with a token the server issued for @email. */
void
service_fixture_sign_in_as (ServiceFixture *f,
                            const char     *email)
{
  g_clear_pointer (&f->token, g_free);
  g_clear_pointer (&f->bearer, g_free);
  f->token = medusa_fake_server_issue_token (f->fake, email);
  g_assert_nonnull (f->token);
  medusa_client_set_token (f->client, f->token);
  f->bearer = g_strconcat ("Bearer ", f->token, NULL);
}

/* Fits g_test_add() as the tear down of a Fixture that is a ServiceFixture. */
void
service_fixture_tear_down (ServiceFixture *f,
                           gconstpointer   data)
{
  /* the last result holds a reference to the client */
  g_clear_object (&f->result);
  medusa_fake_settle_object (f->client);
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_clear_object (&f->fake);
  g_clear_pointer (&f->token, g_free);
  g_clear_pointer (&f->bearer, g_free);
}

/**
 * service_fixture_wait:
 *
 * Waits for the call started with medusa_fake_async_result_cb and &f->slot.
 *
 * Returns: (transfer none): its result, kept until the next call or the tear down
 */
GAsyncResult *
service_fixture_wait (ServiceFixture *f)
{
  g_clear_object (&f->result);
  f->result = medusa_fake_wait_result (&f->slot);
  return f->result;
}

MedusaCustomer *
service_retrieve_customer (ServiceFixture  *f,
                           GError         **error)
{
  medusa_client_retrieve_customer_async (f->client, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_retrieve_customer_finish (f->client, service_fixture_wait (f), error);
}

MedusaCustomer *
service_update_customer (ServiceFixture              *f,
                         const MedusaCustomerUpdate  *update,
                         GError                     **error)
{
  medusa_client_update_customer_async (f->client, update, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_update_customer_finish (f->client, service_fixture_wait (f), error);
}

MedusaCustomer *
service_add_address (ServiceFixture            *f,
                     const MedusaAddressInput  *input,
                     GError                   **error)
{
  medusa_client_add_address_async (f->client, input, NULL, medusa_fake_async_result_cb, &f->slot);
  return medusa_client_add_address_finish (f->client, service_fixture_wait (f), error);
}

/* The last @method request to @path, which must exist. */
const MedusaFakeRequest *
service_assert_last_request (ServiceFixture *f,
                             const char     *method,
                             const char     *path)
{
  const MedusaFakeRequest *request = medusa_fake_server_get_last_request (f->fake, method, path);

  g_assert_nonnull (request);
  return request;
}

/* The last @method request to @path, which must carry the fixture's bearer token. */
const MedusaFakeRequest *
service_assert_bearer_request (ServiceFixture *f,
                               const char     *method,
                               const char     *path)
{
  const MedusaFakeRequest *request = service_assert_last_request (f, method, path);

  g_assert_nonnull (f->bearer);
  g_assert_cmpstr (medusa_fake_request_get_header (request, "Authorization"), ==, f->bearer);
  return request;
}
