/* medusa-customers.c: register, me, update, password reset, orders, payment methods
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-customers"

#include "config.h"

#include "medusa-client-private.h"
#include "medusa-customers.h"
#include "medusa-dialect-private.h"
#include "medusa-order-summaries.h"
#include "medusa-orders-dialect-private.h"
#include "medusa-payment-method.h"
#include "medusa-secret.h"

static void
builder_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* Adds @name only when @value has text (trimmed). */
static void
builder_add_optional (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed != '\0')
    builder_add_string (builder, name, trimmed);
}

/* Register */

typedef struct
{
  char           *email;     /* (owned) */
  char           *password;  /* (owned): wiped on free */
  MedusaCustomer *customer;  /* (owned) (nullable): from the register answer */
} RegisterData;

static void
register_data_free (RegisterData *data)
{
  g_free (data->email);
  medusa_secret_free (data->password);
  g_clear_object (&data->customer);
  g_free (data);
}

static void
on_register_authenticated_cb (GObject      *source_object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RegisterData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) cookie_customer = NULL;
  GError *error = NULL;

  if (!_medusa_client_authenticate_finish (MEDUSA_CLIENT (source_object), result,
                                           &cookie_customer, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The register answer has billing_address and shipping_addresses; the
   * cookie login's has not, so it is the one handed back. */
  g_task_return_pointer (task, g_steal_pointer (&data->customer), g_object_unref);
}

static void
on_register_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  RegisterData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (self, result, NULL, &error);
  if (error == NULL)
    data->customer = _medusa_client_parse_customer (root, &error);

  if (data->customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _medusa_client_authenticate_async (self, data->email, data->password,
                                     cancellable,
                                     on_register_authenticated_cb, g_steal_pointer (&task));
}

void
medusa_client_register_async (MedusaClient        *self,
                              const char          *email,
                              const char          *password,
                              const char          *first_name,
                              const char          *last_name,
                              const char          *phone,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_register_async);

  normalized = medusa_normalize_email (email);
  _medusa_client_get_dialect (self)->register_customer (self, g_steal_pointer (&task), normalized,
                                                         password, first_name, last_name, phone);
}

/* v1: POST /store/customers {email, password, ...}, then the credential. */
void
_medusa_v1_register_customer (MedusaClient *self,
                              GTask        *task,
                              const char   *email,
                              const char   *password,
                              const char   *first_name,
                              const char   *last_name,
                              const char   *phone)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  RegisterData *data;

  data = g_new0 (RegisterData, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) register_data_free);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  builder_add_string (builder, "email", data->email);
  builder_add_string (builder, "password", data->password);
  builder_add_optional (builder, "first_name", first_name);
  builder_add_optional (builder, "last_name", last_name);
  builder_add_optional (builder, "phone", phone);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Anonymous: the cookie the server sets here is not wanted, the token is. */
  medusa_client_request_async (self, "POST", "/store/customers", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_register_cb, task);
}

MedusaCustomer *
medusa_client_register_finish (MedusaClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_register_async, error);
}

/* Retrieve */

void
medusa_client_retrieve_customer_async (MedusaClient        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_retrieve_customer_async);

  _medusa_client_get_dialect (self)->retrieve_customer (self, g_steal_pointer (&task));
}

void
_medusa_v1_retrieve_customer (MedusaClient *self,
                              GTask        *task)
{
  _medusa_client_request_customer (self, task,
                                   "GET", "/store/customers/me", NULL,
                                   MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT);
}

MedusaCustomer *
medusa_client_retrieve_customer_finish (MedusaClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _medusa_client_propagate_pointer (self, result,
                                           medusa_client_retrieve_customer_async, error);
}

/* Update */

void
medusa_client_update_customer_async (MedusaClient               *self,
                                     const MedusaCustomerUpdate *update,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (update != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_update_customer_async);

  _medusa_client_get_dialect (self)->update_customer (self, g_steal_pointer (&task), update);
}

void
_medusa_v1_update_customer (MedusaClient               *self,
                            GTask                      *task,
                            const MedusaCustomerUpdate *update)
{
  g_autoptr(JsonNode) body = medusa_customer_update_to_json (update);

  /* Setting the same fields twice leaves the same customer: safe to repeat. */
  _medusa_client_request_customer (self, task,
                                   "POST", "/store/customers/me", body,
                                   MEDUSA_REQUEST_IDEMPOTENT, MEDUSA_ERROR_CONTEXT_DEFAULT);
}

MedusaCustomer *
medusa_client_update_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_propagate_pointer (self, result,
                                           medusa_client_update_customer_async, error);
}

/* Password token */

static void
on_password_token_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
medusa_client_request_password_token_async (MedusaClient        *self,
                                            const char          *email,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_request_password_token_async);

  normalized = medusa_normalize_email (email);
  _medusa_client_get_dialect (self)->request_password_token (self, g_steal_pointer (&task),
                                                             normalized);
}

void
_medusa_v1_request_password_token (MedusaClient *self,
                                   GTask        *task,
                                   const char   *email)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  builder_add_string (builder, "email", email);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  medusa_client_request_async (self, "POST", "/store/customers/password-token", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_password_token_cb, task);
}

gboolean
medusa_client_request_password_token_finish (MedusaClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return _medusa_client_propagate_boolean (self, result,
                                           medusa_client_request_password_token_async, error);
}

/* Password reset */

void
medusa_client_reset_password_async (MedusaClient        *self,
                                    const char          *email,
                                    const char          *token,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *normalized = NULL;
  char *clean_token = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_reset_password_async);

  normalized = medusa_normalize_email (email);
  /* Tokens are pasted from emails: stray whitespace is never part of a JWT. */
  clean_token = g_strstrip (g_strdup (token));

  _medusa_client_get_dialect (self)->reset_password (self, g_steal_pointer (&task),
                                                     normalized, clean_token, password);
  medusa_secret_free (clean_token);
}

void
_medusa_v1_reset_password (MedusaClient *self,
                           GTask        *task,
                           const char   *email,
                           const char   *token,
                           const char   *password)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  builder_add_string (builder, "email", email);
  builder_add_string (builder, "token", token);
  builder_add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  _medusa_client_request_customer (self, task,
                                   "POST", "/store/customers/password-reset", body,
                                   MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_PASSWORD_RESET);
}

MedusaCustomer *
medusa_client_reset_password_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_reset_password_async, error);
}

/* Orders */

void
medusa_client_list_orders_async (MedusaClient           *self,
                                 const MedusaOrderQuery *query,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query_string = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_orders_async);

  if (_medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_list_orders_model (self, g_steal_pointer (&task), query,
                                         (MedusaJsonModelFunc) medusa_order_page_new_from_json);
      return;
    }

  if (query != NULL)
    query_string = medusa_order_query_to_string (query);

  /* The answer is the page itself: {"orders": [...], "count": …, …}. */
  _medusa_client_request_model (self, g_steal_pointer (&task),
                                "GET", "/store/customers/me/orders", query_string, NULL,
                                MEDUSA_REQUEST_CACHE, MEDUSA_ERROR_CONTEXT_DEFAULT,
                                NULL, (MedusaJsonModelFunc) medusa_order_page_new_from_json);
}

MedusaOrderPage *
medusa_client_list_orders_finish (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, medusa_client_list_orders_async, error);
}

/**
 * medusa_client_list_order_summaries_async:
 *
 * Like medusa_client_list_orders_async(), but each order of the page is a
 * summary (medusa_order_copy_summary()), read from the text without a
 * json-glib tree (medusa_order_page_summaries_from_text()): the order list.
 */
void
medusa_client_list_order_summaries_async (MedusaClient           *self,
                                          const MedusaOrderQuery *query,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query_string = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_order_summaries_async);

  if (_medusa_client_orders_through_dialect (self))
    {
      _medusa_dialect_list_orders_text_model (self, g_steal_pointer (&task), query,
                                              (MedusaTextModelFunc) medusa_order_page_summaries_from_text);
      return;
    }

  if (query != NULL)
    query_string = medusa_order_query_to_string (query);

  _medusa_client_request_text_model (self, g_steal_pointer (&task),
                                     "/store/customers/me/orders", query_string,
                                     MEDUSA_REQUEST_CACHE, MEDUSA_ERROR_CONTEXT_DEFAULT,
                                     (MedusaTextModelFunc) medusa_order_page_summaries_from_text);
}

MedusaOrderPage *
medusa_client_list_order_summaries_finish (MedusaClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _medusa_client_propagate_pointer (self, result,
                                           medusa_client_list_order_summaries_async, error);
}

/* Payment methods */

void
medusa_client_list_payment_methods_async (MedusaClient        *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_list_payment_methods_async);

  _medusa_client_request_list (self, g_steal_pointer (&task),
                               "GET", "/store/customers/me/payment-methods", NULL,
                               MEDUSA_REQUEST_DEFAULT, "payment_methods",
                               MEDUSA_TYPE_PAYMENT_METHOD,
                               (MedusaJsonModelFunc) medusa_payment_method_new_from_json);
}

GListModel *
medusa_client_list_payment_methods_finish (MedusaClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _medusa_client_propagate_pointer (self, result,
                                           medusa_client_list_payment_methods_async, error);
}
