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
#include "medusa-returns.h"

G_BEGIN_DECLS

typedef struct _MedusaDialect MedusaDialect;

struct _MedusaDialect
{
  MedusaStoreVersion version;
  MedusaCapabilities capabilities;
  /* The status values its orders can have: bit N for the enum value N. */
  guint32 order_statuses;
  guint32 fulfillment_statuses;
  guint32 payment_statuses;

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
  /* Returns (medusa-returns.c; v2: medusa-returns-v2.c). list_return_options
   * returns a GListStore of the return MedusaReturnOptions for order
   * @order_id (nullable: v1 needs only @region_id); list_order_returns a
   * GListStore of MedusaReturn (v2: what the order's items say, see
   * HACKING.md). build_return_body makes the body of POST /store/returns, or
   * NULL and MEDUSA_ERROR_INVALID_DATA; normalize_return_json (NULL: as is)
   * reads the answer's return into v1's shape. */
  void      (*list_return_options)   (MedusaClient               *self,
                                      GTask                      *task,
                                      const char                 *order_id,
                                      const char                 *region_id);
  void      (*list_order_returns)    (MedusaClient               *self,
                                      GTask                      *task,
                                      const char                 *order_id);
  JsonNode *(*build_return_body)     (MedusaReturnRequest        *request,
                                      GError                    **error);
  JsonObject *(*normalize_return_json) (JsonObject               *ret,
                                        GError                  **error);
  /* The store's error for POST /store/returns as a human one (consumes
   * @error; NULL: as is). */
  GError   *(*map_return_error)      (GError                     *error);

  /* Guest orders (medusa-guest-orders.c; v2: medusa-guest-orders-v2.c).
   * lookup_guest_order returns a MedusaGuestOrderLookup: @reference is the
   * order number (v1, with @email) or the order id (v2, @email unused).
   * request_order_claim and confirm_order_claim return a boolean;
   * confirm_order_claim gets the orders asked for (v2 tries the token on
   * each; v1 ignores them). cancel/decline_order_claim: NULL when the
   * store has no such step. claim_token_from_text: the token in pasted text,
   * or NULL. */
  void      (*lookup_guest_order)    (MedusaClient               *self,
                                      GTask                      *task,
                                      const char                 *reference,
                                      const char                 *email);
  void      (*request_order_claim)   (MedusaClient               *self,
                                      GTask                      *task,
                                      const char * const         *order_ids);
  void      (*confirm_order_claim)   (MedusaClient               *self,
                                      GTask                      *task,
                                      const char * const         *order_ids,
                                      const char                 *token);
  void      (*cancel_order_claim)    (MedusaClient               *self,
                                      GTask                      *task,
                                      const char                 *order_id);
  void      (*decline_order_claim)   (MedusaClient               *self,
                                      GTask                      *task,
                                      const char                 *order_id,
                                      const char                 *token);
  char     *(*claim_token_from_text) (const char                 *text);
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

/* The v1 returns and guest orders (medusa-returns.c, medusa-guest-orders.c). */
void      _medusa_v1_list_return_options (MedusaClient *self, GTask *task, const char *order_id,
                                          const char *region_id);
void      _medusa_v1_list_order_returns  (MedusaClient *self, GTask *task, const char *order_id);
void      _medusa_v1_lookup_guest_order  (MedusaClient *self, GTask *task, const char *reference,
                                          const char *email);
void      _medusa_v1_request_order_claim (MedusaClient *self, GTask *task, const char * const *order_ids);
void      _medusa_v1_confirm_order_claim (MedusaClient *self, GTask *task, const char * const *order_ids,
                                          const char *token);

/* The v2 returns and order transfers (medusa-returns-v2.c, medusa-guest-orders-v2.c). */
void        _medusa_v2_list_return_options   (MedusaClient *self, GTask *task, const char *order_id,
                                              const char *region_id);
void        _medusa_v2_list_order_returns    (MedusaClient *self, GTask *task, const char *order_id);
JsonNode   *_medusa_v2_build_return_body     (MedusaReturnRequest *request, GError **error);
JsonObject *_medusa_v2_normalize_return_json (JsonObject *ret, GError **error);
GError     *_medusa_v2_map_return_error      (GError *error);
void        _medusa_v2_lookup_guest_order    (MedusaClient *self, GTask *task, const char *reference,
                                              const char *email);
void        _medusa_v2_request_order_claim   (MedusaClient *self, GTask *task, const char * const *order_ids);
void        _medusa_v2_confirm_order_claim   (MedusaClient *self, GTask *task, const char * const *order_ids,
                                              const char *token);
void        _medusa_v2_cancel_order_claim    (MedusaClient *self, GTask *task, const char *order_id);
void        _medusa_v2_decline_order_claim   (MedusaClient *self, GTask *task, const char *order_id,
                                              const char *token);
char       *_medusa_v2_claim_token_from_text (const char *text);

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
