/* medusa-fake-server.h: an in-process fake of the Medusa v1 Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * MedusaFakeServer: a SoupServer on 127.0.0.1 (port chosen by the kernel),
 * attached to the thread-default main context at construction time. Tests
 * pump that context (g_main_context_iteration) while the client talks to it.
 *
 * It keeps customers, addresses, orders, bearer tokens and connect.sid
 * sessions in memory and answers like the real Medusa 1.20.11 backend
 * (see /work/shared/API-NOTES.md), including its odd error bodies.
 *
 * Routes: POST /store/auth/token, POST|GET|DELETE /store/auth,
 * GET /store/auth/{email}, POST /store/customers, GET|POST /store/customers/me,
 * POST /store/customers/password-token, POST /store/customers/password-reset,
 * GET /store/customers/me/orders, GET /store/customers/me/payment-methods,
 * POST /store/customers/me/addresses, POST|DELETE /store/customers/me/addresses/{id},
 * GET /store/orders/{id}, GET /store/regions, GET /store/orders (lookup),
 * POST /store/orders/batch/customer/token, POST /store/orders/customer/confirm,
 * GET /store/return-reasons, GET /store/shipping-options, POST /store/returns
 * (an order's returns come with GET /store/customers/me/orders?expand=returns,...).
 */

#define MEDUSA_FAKE_REGION_ID "reg_01FAKEREGIONEU0000000000"

/* GET /store/return-reasons: "Wrong size" (with the child "Too small") and
 * "Arrived damaged"; GET /store/shipping-options?is_return=true: "Standard
 * Return" (free) and "Return by Post" (4.95). POST /store/returns answers like
 * 1.20.11, including that it ignores an Idempotency-Key it did not issue. */
#define MEDUSA_FAKE_REASON_WRONG_SIZE   "rr_01FAKEWRONGSIZE"
#define MEDUSA_FAKE_REASON_TOO_SMALL    "rr_01FAKETOOSMALL"
#define MEDUSA_FAKE_REASON_DAMAGED      "rr_01FAKEDAMAGED"
#define MEDUSA_FAKE_RETURN_OPTION_FREE  "so_01FAKERETURNFREE"
#define MEDUSA_FAKE_RETURN_OPTION_POST  "so_01FAKERETURNPOST"
/* v2 mode: the return options (rule is_return "true"), free and paid, and an
 * outbound one the store would accept for a return too (as 2.21 does). */
#define MEDUSA_FAKE_V2_RETURN_OPTION      "so_01FAKEV2RETURN"
#define MEDUSA_FAKE_V2_RETURN_OPTION_PAID "so_01FAKEV2RETURNPAID"
#define MEDUSA_FAKE_V2_OUTBOUND_OPTION    "so_01FAKEV2STANDARD"

/**
 * MedusaFakeFault:
 * @MEDUSA_FAKE_FAULT_STATUS: answer with a status code, an optional
 *   Retry-After and an optional body (see medusa_fake_server_add_status_fault())
 * @MEDUSA_FAKE_FAULT_DELAY: wait (default 3000 ms) before the normal answer
 * @MEDUSA_FAKE_FAULT_TRUNCATED: Content-Length larger than the bytes sent, then close
 * @MEDUSA_FAKE_FAULT_CUT_JSON: 200 with the normal JSON body cut in half
 *   (Content-Length matches the bytes sent)
 * @MEDUSA_FAKE_FAULT_MALFORMED_JSON: 200, application/json, invalid JSON
 * @MEDUSA_FAKE_FAULT_PLAIN_401: 401 "Unauthorized" without Content-Type
 * @MEDUSA_FAKE_FAULT_HTML_400: 400 with Express's HTML error page
 * @MEDUSA_FAKE_FAULT_DISCONNECT: close the connection without an answer
 * @MEDUSA_FAKE_FAULT_REDIRECT_307: 307 to the same path and query
 *   (the client must send the request body again)
 * @MEDUSA_FAKE_FAULT_LOSE_ANSWER: handle the request as usual (a POST
 *   changes the data), then close the connection without the answer
 */
typedef enum
{
  MEDUSA_FAKE_FAULT_STATUS,
  MEDUSA_FAKE_FAULT_DELAY,
  MEDUSA_FAKE_FAULT_TRUNCATED,
  MEDUSA_FAKE_FAULT_CUT_JSON,
  MEDUSA_FAKE_FAULT_MALFORMED_JSON,
  MEDUSA_FAKE_FAULT_PLAIN_401,
  MEDUSA_FAKE_FAULT_HTML_400,
  MEDUSA_FAKE_FAULT_DISCONNECT,
  MEDUSA_FAKE_FAULT_REDIRECT_307,
  MEDUSA_FAKE_FAULT_LOSE_ANSWER,
} MedusaFakeFault;

/**
 * MedusaFakeFaultSpec:
 * @fault: the kind of fault
 * @status: for STATUS: the HTTP status (default 503 when 0)
 * @retry_after: for STATUS: the Retry-After header value, or NULL
 * @content_type: for STATUS: Content-Type of @body (default application/json
 *   when @body is set, none otherwise)
 * @body: for STATUS: the body, or NULL for the Medusa-style JSON error
 *   body of that status
 * @delay_ms: for DELAY: how long to wait (default 3000 when 0)
 *
 * Strings are copied by medusa_fake_server_add_fault_full().
 */
typedef struct
{
  MedusaFakeFault  fault;
  guint            status;
  const char      *retry_after;
  const char      *content_type;
  const char      *body;
  guint            delay_ms;
} MedusaFakeFaultSpec;

/* One request as the fake saw it (after a fault was decided, before the answer). */
typedef struct _MedusaFakeRequest MedusaFakeRequest;

const char *medusa_fake_request_get_method     (const MedusaFakeRequest *request);
/* The decoded path, e.g. "/store/auth/a@b.c". */
const char *medusa_fake_request_get_path       (const MedusaFakeRequest *request);
/* The raw query string without '?', or NULL when there was none. */
const char *medusa_fake_request_get_query      (const MedusaFakeRequest *request);
/* A request header (case-insensitive name), or NULL. */
const char *medusa_fake_request_get_header     (const MedusaFakeRequest *request,
                                                const char              *name);
/* The request body as a NUL-terminated string ("" when empty). */
const char *medusa_fake_request_get_body       (const MedusaFakeRequest *request);
/* The body parsed as JSON, or NULL when it is empty or not JSON (owned by the request). */
JsonNode   *medusa_fake_request_get_body_json  (const MedusaFakeRequest *request);
/* The HTTP status the fake answered with (0 for DISCONNECT/TRUNCATED). */
guint       medusa_fake_request_get_status     (const MedusaFakeRequest *request);

#define MEDUSA_TYPE_FAKE_SERVER (medusa_fake_server_get_type ())
G_DECLARE_FINAL_TYPE (MedusaFakeServer, medusa_fake_server, MEDUSA, FAKE_SERVER, GObject)

/* Listens at once; aborts the test if it cannot. Has one region (EU, eur,
 * countries de, fr, nl, it, es, dk, se, at, be, gb) and no customers. */
MedusaFakeServer        *medusa_fake_server_new                      (void);
/* "http://127.0.0.1:PORT" (no trailing slash). */
const char              *medusa_fake_server_get_url                  (MedusaFakeServer    *self);

/* Data. Emails are lower-cased like the real backend does. Returns the
 * customer id ("cus_..."), owned by the server. */
const char              *medusa_fake_server_add_customer             (MedusaFakeServer    *self,
                                                                      const char          *email,
                                                                      const char          *password,
                                                                      const char          *first_name,
                                                                      const char          *last_name);
/* Adds @n orders for @email. display_id continues the store's counter (1..n
 * for the first call); display_id k is created at 2025-01-01T10:00:00.000Z
 * plus (k - 1) days, so lists sorted created_at DESC show the highest first.
 * Statuses cycle through a fixed, varied list (index (k - 1) % 6):
 *   pending/not_fulfilled/awaiting, completed/shipped/captured,
 *   canceled/canceled/canceled, pending/fulfilled/captured,
 *   requires_action/not_fulfilled/requires_action,
 *   archived/returned/refunded. */
void                     medusa_fake_server_add_orders               (MedusaFakeServer    *self,
                                                                      const char          *email,
                                                                      guint                n);
/* A saved shipping address; returns its id ("addr_..."), owned by the server. */
const char              *medusa_fake_server_add_address              (MedusaFakeServer    *self,
                                                                      const char          *email,
                                                                      const char          *first_name,
                                                                      const char          *last_name,
                                                                      const char          *address_1,
                                                                      const char          *city,
                                                                      const char          *country_code,
                                                                      const char          *postal_code);
/* The customer JSON as GET /store/customers/me would send it (new reference),
 * or NULL for an unknown email. */
JsonObject              *medusa_fake_server_dup_customer_json        (MedusaFakeServer    *self,
                                                                      const char          *email);
/* The id of the n-th order (display_id) of the store, or NULL. */
const char              *medusa_fake_server_get_order_id             (MedusaFakeServer    *self,
                                                                      guint                display_id);
/* Changes order @display_id as the shop would: its fulfillment_status
 * (unless NULL) and its updated_at (@updated_at, or now when NULL). The list
 * sends updated_at only when "fields" asks for it, like the real backend. */
void                     medusa_fake_server_touch_order              (MedusaFakeServer    *self,
                                                                      guint                display_id,
                                                                      const char          *fulfillment_status,
                                                                      GDateTime           *updated_at);
/* The stored JSON of order @display_id (owned by the server), for a test
 * to change what the store holds (titles, currency, totals); NULL if none. */
JsonObject              *medusa_fake_server_get_order_json           (MedusaFakeServer    *self,
                                                                      guint                display_id);
/* TRUE when @password is the customer's current password. */
gboolean                 medusa_fake_server_check_password           (MedusaFakeServer    *self,
                                                                      const char          *email,
                                                                      const char          *password);

/* Credentials. A fresh bearer token for @email, as /store/auth/token would
 * issue it (for tests that start signed in). */
char                    *medusa_fake_server_issue_token              (MedusaFakeServer    *self,
                                                                      const char          *email);
/* Every token and session stops working (simulates an expired credential). */
void                     medusa_fake_server_revoke_credentials       (MedusaFakeServer    *self);
/* The last reset token issued by password-token for @email, or NULL. */
const char              *medusa_fake_server_get_reset_token          (MedusaFakeServer    *self,
                                                                      const char          *email);
/* Guest orders (GET /store/orders?display_id=&email=, POST
 * /store/orders/batch/customer/token, POST /store/orders/customer/confirm).
 * A guest is medusa_fake_server_add_customer (…, NULL password, …) plus
 * medusa_fake_server_add_orders. The last claim token mailed to the order
 * email @email, or NULL; expire makes every claim token issued so far expired;
 * the id of the customer order @display_id belongs to, or NULL. */
const char              *medusa_fake_server_get_claim_token          (MedusaFakeServer    *self,
                                                                      const char          *email);
void                     medusa_fake_server_expire_claim_tokens      (MedusaFakeServer    *self);
const char              *medusa_fake_server_get_order_customer_id    (MedusaFakeServer    *self,
                                                                      guint                display_id);
/* FALSE: POST /store/auth/token answers 404 like servers before 1.17. */
void                     medusa_fake_server_set_token_route_enabled  (MedusaFakeServer    *self,
                                                                      gboolean             enabled);
/* Every 200 answer to a GET carries ETag: @etag (as sent, even a hostile
 * one: too long, control characters) instead of the hash of its body, and
 * a GET whose If-None-Match equals it gets 304; NULL: the hash again. */
void                     medusa_fake_server_set_etag                 (MedusaFakeServer    *self,
                                                                      const char          *etag);

/* Faults. The first fault whose @method (NULL = any) and @path_prefix
 * (NULL = any) match a request is applied; @times is how many matching
 * requests get it (0 = forever). A @path_prefix with a '?' is matched
 * against "path?query&", e.g. "/store/customers/me/orders?offset=20&". */
void                     medusa_fake_server_add_fault                (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path_prefix,
                                                                      MedusaFakeFault      fault,
                                                                      guint                times);
void                     medusa_fake_server_add_fault_full           (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path_prefix,
                                                                      const MedusaFakeFaultSpec *spec,
                                                                      guint                times);
/* Shorthands for STATUS and DELAY. @retry_after and @body may be NULL. */
void                     medusa_fake_server_add_status_fault         (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path_prefix,
                                                                      guint                status,
                                                                      const char          *retry_after,
                                                                      const char          *body,
                                                                      guint                times);
void                     medusa_fake_server_add_delay_fault          (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path_prefix,
                                                                      guint                delay_ms,
                                                                      guint                times);
void                     medusa_fake_server_clear_faults             (MedusaFakeServer    *self);

/* The request log, oldest first. @method and @path NULL match any; @path
 * matches exactly (without the query). */
guint                    medusa_fake_server_get_n_requests           (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path);
const MedusaFakeRequest *medusa_fake_server_get_last_request         (MedusaFakeServer    *self,
                                                                      const char          *method,
                                                                      const char          *path);
/* All requests, in order; index < get_n_requests (self, NULL, NULL). */
const MedusaFakeRequest *medusa_fake_server_get_request              (MedusaFakeServer    *self,
                                                                      guint                index);
void                     medusa_fake_server_clear_requests           (MedusaFakeServer    *self);

/* Medusa v2 (2.21) mode, from now on (call once, before any request):
 * every /store request needs x-publishable-api-key: @publishable_key (400
 * not_allowed otherwise); POST /auth/customer/emailpass[/register],
 * POST /auth/token/refresh, POST /store/customers (with the registration
 * token), GET|POST /store/customers/me, GET|POST /store/customers/me/addresses,
 * POST|DELETE /store/customers/me/addresses/{id}, GET /store/regions; the
 * v1 routes answer 404 HTML. Emails are compared as sent. Customers added
 * with medusa_fake_server_add_customer() can sign in; faults and the
 * request log work as in v1; revoke_credentials() revokes v2 tokens too. */
void                     medusa_fake_server_set_v2                   (MedusaFakeServer    *self,
                                                                      const char          *publishable_key);
/* v2 mode, transfers and returns: GET /store/orders/{id} (no customer
 * needed; the v1 orders in v2's shape, with cart.id and items[].detail),
 * POST /store/orders/{id}/transfer/{request,accept,decline,cancel}, GET
 * /store/return-reasons, GET /store/shipping-options?cart_id=&is_return=,
 * POST /store/returns, with 2.21.2's errors. The token mailed for the
 * pending transfer of @order_id, or NULL; how many of @item_id were asked
 * back. */
const char              *medusa_fake_server_get_transfer_token       (MedusaFakeServer    *self,
                                                                      const char          *order_id);
gint64                   medusa_fake_server_get_v2_return_requested  (MedusaFakeServer    *self,
                                                                      const char          *order_id,
                                                                      const char          *item_id);
/* How long the v2 tokens issued from now on last (default 86400 s; may be
 * negative: already expired). */
void                     medusa_fake_server_set_v2_token_lifetime    (MedusaFakeServer    *self,
                                                                      gint64               seconds);

/* Test helpers. Pass &slot (a GAsyncResult * set to NULL) as user_data of an
 * _async call with medusa_fake_async_result_cb as callback, then
 * medusa_fake_wait_result (&slot) pumps the thread-default main context until
 * the call finished and returns the result (transfer full; the slot is NULLed). */
void                     medusa_fake_async_result_cb                 (GObject             *source_object,
                                                                      GAsyncResult        *result,
                                                                      gpointer             user_data);
GAsyncResult            *medusa_fake_wait_result                     (GAsyncResult       **slot);
/* Pumps the thread-default main context for about @ms milliseconds. */
void                     medusa_fake_iterate_ms                      (guint                ms);
/* Pumps the thread-default main context (up to 5 s) until the caller holds
 * the only reference to @object. A GTask run in a thread drops its reference
 * to its source object in the worker thread, a moment after the callback ran
 * on the main context; call this before g_assert_finalize_object(). */
void                     medusa_fake_settle_object                   (gpointer             object);
/* TRUE when @node equals the JSON text @expected (member order ignored). */
gboolean                 medusa_fake_json_equal                      (JsonNode            *node,
                                                                      const char          *expected);

G_END_DECLS
