/* service-fixture.h: the fake server and client shared by the service tests
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa-addresses.h"
#include "medusa-client.h"
#include "medusa-customers.h"
#include "medusa-fake-server.h"

G_BEGIN_DECLS

#define DEMO_EMAIL     "demo@example.com"
#define DEMO_PASSWORD  "supersecret"
#define OTHER_EMAIL    "other@example.com"
#define OTHER_PASSWORD "otherpassword"

typedef struct
{
  MedusaFakeServer *fake;    /* (owned) */
  MedusaClient     *client;  /* (owned) */
  char             *token;   /* (owned) (nullable) set by service_fixture_sign_in_as() */
  char             *bearer;  /* (owned) (nullable) "Bearer <token>" */
  GAsyncResult     *slot;    /* where the callback of the running call puts its result */
  GAsyncResult     *result;  /* (owned) (nullable) the last call's result */
} ServiceFixture;

void                     service_test_init                   (int                       *argc,
                                                              char                    ***argv);

void                     service_fixture_set_up              (ServiceFixture            *f,
                                                              const MedusaRetryPolicy   *policy);
void                     service_fixture_sign_in_as          (ServiceFixture            *f,
                                                              const char                *email);
void                     service_fixture_tear_down           (ServiceFixture            *f,
                                                              gconstpointer              data);

GAsyncResult            *service_fixture_wait                (ServiceFixture            *f);

MedusaCustomer          *service_retrieve_customer           (ServiceFixture            *f,
                                                              GError                   **error);
MedusaCustomer          *service_update_customer             (ServiceFixture            *f,
                                                              const MedusaCustomerUpdate *update,
                                                              GError                   **error);
MedusaCustomer          *service_add_address                 (ServiceFixture            *f,
                                                              const MedusaAddressInput  *input,
                                                              GError                   **error);

const MedusaFakeRequest *service_assert_last_request         (ServiceFixture            *f,
                                                              const char                *method,
                                                              const char                *path);
const MedusaFakeRequest *service_assert_bearer_request       (ServiceFixture            *f,
                                                              const char                *method,
                                                              const char                *path);

G_END_DECLS
