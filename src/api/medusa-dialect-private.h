/* medusa-dialect-private.h: one backend dialect per Store API version
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MedusaClient's public calls (medusa-auth.h, medusa-customers.h,
 * medusa-addresses.h) check their arguments, make the GTask with their own
 * source tag and hand it to the client's dialect, which sends the requests
 * of its API version and returns on the task exactly what the public
 * _finish() returns (the same models for every version). Nothing above
 * src/api knows which dialect runs; it may ask for the capabilities
 * (medusa-dialect.h).
 */
#pragma once

#include "medusa-client-private.h"
#include "medusa-dialect.h"
#include "medusa-order-query.h"
#include "medusa-payloads.h"

G_BEGIN_DECLS

typedef struct _MedusaDialect MedusaDialect;

struct _MedusaDialect
{
  MedusaStoreVersion version;
  MedusaCapabilities capabilities;

  /* Each consumes @task and returns on it what the public call's _finish
   * returns: a MedusaCustomer (sign_in, register_customer,
   * retrieve_customer, update_customer and the address calls) or a boolean
   * (sign_out). @email is already trimmed and lower-cased. */
  void     (*sign_in)           (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *email,
                                 const char                 *password);
  void     (*sign_out)          (MedusaClient               *self,
                                 GTask                      *task);
  void     (*register_customer) (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *email,
                                 const char                 *password,
                                 const char                 *first_name,
                                 const char                 *last_name,
                                 const char                 *phone);
  void     (*retrieve_customer) (MedusaClient               *self,
                                 GTask                      *task);
  void     (*update_customer)   (MedusaClient               *self,
                                 GTask                      *task,
                                 const MedusaCustomerUpdate *update);
  void     (*add_address)       (MedusaClient               *self,
                                 GTask                      *task,
                                 const MedusaAddressInput   *address);
  void     (*update_address)    (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *address_id,
                                 const MedusaAddressInput   *address);
  void     (*delete_address)    (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *address_id);

  /* The password reset. request_password_token returns a boolean;
   * reset_password the customer the store answered with, or NULL (no error)
   * when it answers without one. @email is trimmed and lower-cased, @token
   * trimmed (a secret: the op copies what it keeps, and wipes it). */
  void     (*request_password_token) (MedusaClient          *self,
                                      GTask                 *task,
                                      const char            *email);
  void     (*reset_password)    (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *email,
                                 const char                 *token,
                                 const char                 *password);

  /* The customer JSON of GET /store/customers/me in the shape the models
   * and the local copy read (v1's); NULL when it is that already. Returns
   * a new object or NULL with MEDUSA_ERROR_PARSE. */
  JsonObject *(*normalize_customer_json) (JsonObject         *customer,
                                          GError            **error);

  /* Token lifetime (NULL: the credential is never refreshed). */
  gboolean (*token_needs_refresh) (const char               *token,
                                   gint64                    now_unix);
  /* POST the refresh; @task returns TRUE after the client took the new token. */
  void     (*refresh_token)     (MedusaClient               *self,
                                 GTask                      *task);

  /* The order history (NULL: the v1 routes, answered in the v1 shape
   * already). list_orders returns a MedusaOrdersJson (medusa-orders-v2.h):
   * the bytes of a v1 page {"orders","count","offset","limit"} for
   * @query's filters, limit and offset, or none and its ETag when the
   * store says @if_none_match still holds. get_order returns the GBytes
   * of {"order": {...}} with every relation, of the signed-in customer's
   * orders only (MEDUSA_ERROR_NOT_FOUND otherwise). */
  void     (*list_orders)       (MedusaClient               *self,
                                 GTask                      *task,
                                 const MedusaOrderQuery     *query,
                                 const char                 *if_none_match);
  void     (*get_order)         (MedusaClient               *self,
                                 GTask                      *task,
                                 const char                 *order_id);
};

extern const MedusaDialect medusa_dialect_v1;
extern const MedusaDialect medusa_dialect_v2;

/* The dialect @self speaks (medusa-client.c). */
const MedusaDialect *_medusa_client_get_dialect (MedusaClient *self);

/* The v1 operations (medusa-auth.c, medusa-customers.c, medusa-addresses.c). */
void _medusa_v1_sign_in           (MedusaClient *self, GTask *task, const char *email, const char *password);
void _medusa_v1_sign_out          (MedusaClient *self, GTask *task);
void _medusa_v1_register_customer (MedusaClient *self, GTask *task, const char *email, const char *password,
                                   const char *first_name, const char *last_name, const char *phone);
void _medusa_v1_retrieve_customer (MedusaClient *self, GTask *task);
void _medusa_v1_update_customer   (MedusaClient *self, GTask *task, const MedusaCustomerUpdate *update);
void _medusa_v1_add_address       (MedusaClient *self, GTask *task, const MedusaAddressInput *address);
void _medusa_v1_update_address    (MedusaClient *self, GTask *task, const char *address_id,
                                   const MedusaAddressInput *address);
void _medusa_v1_delete_address    (MedusaClient *self, GTask *task, const char *address_id);
void _medusa_v1_request_password_token (MedusaClient *self, GTask *task, const char *email);
void _medusa_v1_reset_password    (MedusaClient *self, GTask *task, const char *email,
                                   const char *token, const char *password);

/* Token refresh, shared by every request of @self: one refresh at a time,
 * whoever asks meanwhile waits for it (medusa-dialect.c). Finishes TRUE when
 * @self holds a new token. */
void     _medusa_client_refresh_token_async  (MedusaClient        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean _medusa_client_refresh_token_finish (MedusaClient        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The "exp" claim of a JWT (its payload decoded, bounded), or 0. */
gint64   _medusa_jwt_get_expiry              (const char          *token);
/* A string claim of a JWT's payload (not verified), or NULL. */
char    *_medusa_jwt_dup_string_claim        (const char          *token,
                                              const char          *name);
/* A token for the Authorization header and the keyring: non-empty, at most
 * 8 KiB, visible ASCII only (CR/LF would inject headers). */
gboolean _medusa_token_is_valid              (const char          *token);

G_END_DECLS
