/* medusa-client-private.h: the one request path every endpoint uses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "medusa-client.h"
#include "medusa-customer.h"
#include "medusa-json.h"

G_BEGIN_DECLS

typedef enum
{
  MEDUSA_REQUEST_DEFAULT     = 0,
  /* Repeating the request is harmless: GET/DELETE are always treated so;
   * a POST with this flag carries an Idempotency-Key (the same across retries). */
  MEDUSA_REQUEST_IDEMPOTENT  = 1 << 0,
  /* Send no credential (token or cookie), e.g. sign in, register, reset. */
  MEDUSA_REQUEST_ANONYMOUS   = 1 << 1,
  /* The answer may be up to MEDUSA_CLIENT_MAX_LARGE_ANSWER_SIZE, e.g. a large
   * page of orders; others are refused past MEDUSA_CLIENT_MAX_ANSWER_SIZE. */
  MEDUSA_REQUEST_LARGE_ANSWER = 1 << 2,
  /* A GET whose model nobody changes (a page of orders, one order): with a
   * bearer token, the model is kept with the answer's ETag, and the next
   * identical request sends If-None-Match; a 304 returns the kept model
   * (neither sent nor parsed again). Bounded: CACHE_MAX_ENTRIES answers,
   * CACHE_MAX_BYTES of bodies. */
  MEDUSA_REQUEST_CACHE       = 1 << 3,
  /* Sends the token, but is neither preceded by a token refresh nor
   * repeated after one, and its 401 does not emit "unauthorized": the
   * dialect's refresh itself (the request that asked for it reports), and
   * a v2 registration token, which is not the signed-in credential. */
  MEDUSA_REQUEST_NO_REFRESH = 1 << 4,
  /* The 2xx answer is its body's bytes as they came (GBytes, with
   * Content-Type JSON, not empty, within the size cap), neither parsed nor
   * built into a model here: the caller validates them once, in a thread
   * (medusa_json_parse()), e.g. a page of orders that the local copy's
   * worker parses anyway. Finish with _medusa_client_request_bytes_finish();
   * not with MEDUSA_REQUEST_CACHE or a model. */
  MEDUSA_REQUEST_RAW_BODY   = 1 << 5,
} MedusaRequestFlags;

/* Caps of a decoded (gunzipped) response body, error bodies included. */
#define MEDUSA_CLIENT_MAX_ANSWER_SIZE       (32 * 1024 * 1024)
#define MEDUSA_CLIENT_MAX_LARGE_ANSWER_SIZE (256 * 1024 * 1024)

/* How a 401/500 is read: the same status means different things per route. */
typedef enum
{
  MEDUSA_ERROR_CONTEXT_DEFAULT,        /* 401 → UNAUTHORIZED */
  MEDUSA_ERROR_CONTEXT_SIGN_IN,        /* 401 → INVALID_CREDENTIALS */
  MEDUSA_ERROR_CONTEXT_PASSWORD_RESET, /* 401 and 500 → INVALID_RESET_TOKEN */
} MedusaErrorContext;

/* Maps a non-2xx response to a MEDUSA_ERROR (always non-NULL). @body may be
 * NULL or empty, JSON ({type, code?, message}), plain text or HTML. */
GError   *medusa_error_from_response           (guint               status,
                                                const char         *content_type,
                                                GBytes             *body,
                                                MedusaErrorContext  context);
/* Maps a transport GError (GIO/TLS/resolver) to MEDUSA_ERROR; a
 * G_IO_ERROR_CANCELLED is returned as a copy, unchanged. */
GError   *medusa_error_from_transport          (const GError       *error);

/* Sends @method @path?@query with an optional JSON @body (not consumed).
 * @path starts with "/store/". Retries, timeouts, the call's deadline,
 * redirects (within the store's origin only), the size cap and error
 * mapping happen here.
 * The finish function returns the parsed JSON root, or NULL with no error
 * for an empty 2xx body (204, "OK" text). @status_out may be NULL. */
void      medusa_client_request_async          (MedusaClient       *self,
                                                const char         *method,
                                                const char         *path,
                                                const char         *query,
                                                JsonNode           *body,
                                                MedusaRequestFlags  flags,
                                                MedusaErrorContext  context,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
JsonNode *medusa_client_request_finish         (MedusaClient       *self,
                                                GAsyncResult       *result,
                                                guint              *status_out,
                                                GError            **error);

/* A POST of @body to @path with the header "Idempotency-Key: @idempotency_key",
 * sent once (no automatic retry: Medusa 1.20.11 ignores a key it did not
 * issue, so the caller decides what a retry must check first). Finish with
 * medusa_client_request_finish(). */
void      _medusa_client_request_keyed_async   (MedusaClient       *self,
                                                const char         *method,
                                                const char         *path,
                                                JsonNode           *body,
                                                const char         *idempotency_key,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);

/* A GET whose caller keeps the ETag (the local copy's sync): sends
 * "If-None-Match: @if_none_match" when it is a valid ETag (at most 256
 * visible ASCII characters), and a 304 then finishes
 * medusa_client_request_finish() with NULL, no error and status 304.
 * _medusa_client_request_get_etag() (after the finish) is the ETag of the
 * answer (2xx or 304) when it is valid, else NULL. */
void        _medusa_client_request_conditional_async (MedusaClient       *self,
                                                      const char         *path,
                                                      const char         *query,
                                                      MedusaRequestFlags  flags,
                                                      const char         *if_none_match,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
const char *_medusa_client_request_get_etag          (MedusaClient       *self,
                                                      GAsyncResult       *result);
/* Finishes a request made with MEDUSA_REQUEST_RAW_BODY: the body (transfer
 * full), or NULL (with @error, or without for a 304 to a conditional one). */
GBytes     *_medusa_client_request_bytes_finish      (MedusaClient       *self,
                                                      GAsyncResult       *result,
                                                      guint              *status_out,
                                                      GError            **error);

/* An anonymous request with "Authorization: Bearer @bearer" (a one-off
 * token, not the credential: a v2 password reset token); sent once, to the
 * store's origin only, never logged, wiped afterwards. Finish with
 * medusa_client_request_finish(). */
void      _medusa_client_request_bearer_async  (MedusaClient       *self,
                                                const char         *method,
                                                const char         *path,
                                                JsonNode           *body,
                                                const char         *bearer,
                                                MedusaErrorContext  context,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);

/* The member @name of the object root @node, as an object; or MEDUSA_ERROR_PARSE. */
JsonObject *medusa_json_get_object_member      (JsonNode           *node,
                                                const char         *name,
                                                GError            **error);


/* Sets the MEDUSA_ERROR_PARSE of an answer that is not the JSON expected. */
void        _medusa_client_set_parse_error     (GError            **error);

/* The model @func builds of the object member @member of @root (of @root
 * itself when @member is NULL); MEDUSA_ERROR_PARSE when it is missing. */
gpointer    _medusa_client_parse_model         (JsonNode           *root,
                                                const char         *member,
                                                MedusaJsonModelFunc func,
                                                GError            **error);

/* _medusa_client_parse_model (@root, "customer", medusa_customer_new_from_json). */
MedusaCustomer *_medusa_client_parse_customer  (JsonNode           *root,
                                                GError            **error);

/* medusa_client_request_async() for a route whose answer is one model
 * ({"@member": {...}}, or the root object when @member is NULL): @task
 * (consumed; its cancellable is used) returns the model or the error.
 * @member is kept, not copied: pass a string literal. */
void        _medusa_client_request_model       (MedusaClient       *self,
                                                GTask              *task,
                                                const char         *method,
                                                const char         *path,
                                                const char         *query,
                                                JsonNode           *body,
                                                MedusaRequestFlags  flags,
                                                MedusaErrorContext  context,
                                                const char         *member,
                                                MedusaJsonModelFunc func);
/* A model read straight from a body's text (no JsonNode): the text, its
 * size; NULL with a MEDUSA_ERROR_PARSE when it is not one. */
typedef gpointer (*MedusaTextModelFunc) (const char  *data,
                                         gsize        size,
                                         GError     **error);
/* _medusa_client_request_model() of a GET whose answer @func reads from
 * the text (the order list's summaries). Cached apart from the others. */
void        _medusa_client_request_text_model  (MedusaClient       *self,
                                                GTask              *task,
                                                const char         *path,
                                                const char         *query,
                                                MedusaRequestFlags  flags,
                                                MedusaErrorContext  context,
                                                MedusaTextModelFunc func);
/* _medusa_client_request_model() of a route answering {"customer": {...}}. */
void        _medusa_client_request_customer    (MedusaClient       *self,
                                                GTask              *task,
                                                const char         *method,
                                                const char         *path,
                                                JsonNode           *body,
                                                MedusaRequestFlags  flags,
                                                MedusaErrorContext  context);
/* The same for {"@member": [{...}, ...]}: @task returns a GListStore of
 * @item_type. A missing array or a non-object element is MEDUSA_ERROR_PARSE. */
void        _medusa_client_request_list        (MedusaClient       *self,
                                                GTask              *task,
                                                const char         *method,
                                                const char         *path,
                                                const char         *query,
                                                MedusaRequestFlags  flags,
                                                const char         *member,
                                                GType               item_type,
                                                MedusaJsonModelFunc func);

/* The body of an endpoint's _finish(): checks @result against @self and
 * @source_tag (the endpoint's _async function) and propagates the result. */
gpointer    _medusa_client_propagate_pointer   (MedusaClient       *self,
                                                GAsyncResult       *result,
                                                gpointer            source_tag,
                                                GError            **error);
gboolean    _medusa_client_propagate_boolean   (MedusaClient       *self,
                                                GAsyncResult       *result,
                                                gpointer            source_tag,
                                                GError            **error);

/* Marks the cookie jar as holding a signed-in session (cookie fallback). */
void        _medusa_client_set_cookie_session  (MedusaClient       *self,
                                                gboolean            cookie_session);

/* Obtains the credential: POST /store/auth/token, or on 404 the cookie
 * session of POST /store/auth (then *cookie_customer is its customer).
 * Shared by sign-in and register (medusa-auth.c). */
void        _medusa_client_authenticate_async  (MedusaClient       *self,
                                                const char         *email,
                                                const char         *password,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean    _medusa_client_authenticate_finish (MedusaClient       *self,
                                                GAsyncResult       *result,
                                                MedusaCustomer    **cookie_customer,
                                                GError            **error);

G_END_DECLS
