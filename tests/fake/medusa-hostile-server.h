/* medusa-hostile-server.h: a fake store that answers badly on purpose
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * MedusaHostileServer: a SoupServer on 127.0.0.1, attached to the
 * thread-default main context at construction time, whose answers the test
 * chooses per path: redirects, raw bodies (nested JSON, invalid UTF-8, a gzip
 * bomb), a huge body streamed chunk by chunk, a drip, a Set-Cookie flood.
 *
 * An answer set for @path applies to every request whose path starts with
 * @path; the longest such prefix wins. Other requests get a 404 JSON error.
 * Every request is recorded (method, path, headers, body).
 */

typedef struct _MedusaHostileRequest MedusaHostileRequest;

const char *medusa_hostile_request_get_method (const MedusaHostileRequest *request);
const char *medusa_hostile_request_get_path   (const MedusaHostileRequest *request);
/* A request header (case-insensitive name), or NULL. */
const char *medusa_hostile_request_get_header (const MedusaHostileRequest *request,
                                               const char                 *name);
/* The body as a NUL-terminated string ("" when there was none). */
const char *medusa_hostile_request_get_body   (const MedusaHostileRequest *request);
gsize       medusa_hostile_request_get_body_size (const MedusaHostileRequest *request);

typedef void (*MedusaHostileLogFunc) (const MedusaHostileRequest *request,
                                      gpointer                    user_data);

#define MEDUSA_TYPE_HOSTILE_SERVER (medusa_hostile_server_get_type ())
G_DECLARE_FINAL_TYPE (MedusaHostileServer, medusa_hostile_server, MEDUSA, HOSTILE_SERVER, GObject)

/* Listens on @port (0: the kernel picks one); NULL and @error when it cannot. */
MedusaHostileServer *medusa_hostile_server_new                (guint                 port,
                                                               GError              **error);
/* "http://127.0.0.1:PORT" (no trailing slash). */
const char          *medusa_hostile_server_get_url            (MedusaHostileServer  *self);
guint                medusa_hostile_server_get_port           (MedusaHostileServer  *self);

/* @status (3xx) with Location: @location. */
void                 medusa_hostile_server_set_redirect       (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               const char           *location);
/* @status with Location: @origin followed by the request's own path. */
void                 medusa_hostile_server_set_redirect_to_origin (MedusaHostileServer *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               const char           *origin);
/* @status with @body as it is; @content_encoding (nullable) is sent as
 * Content-Encoding, the body is not encoded here. */
void                 medusa_hostile_server_set_body           (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               const char           *content_type,
                                                               const char           *content_encoding,
                                                               GBytes               *body);
void                 medusa_hostile_server_set_json           (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               const char           *json);
/* @status, application/json, @depth times '['. */
void                 medusa_hostile_server_set_nested         (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               guint                 depth);
/* 200, a customer whose email is not UTF-8. */
void                 medusa_hostile_server_set_bad_utf8       (MedusaHostileServer  *self,
                                                               const char           *path);
/* 200, application/json, Content-Encoding: gzip: @expanded_size zeros,
 * compressed here (about 1 MB per GB). */
void                 medusa_hostile_server_set_gzip_bomb      (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint64               expanded_size);
/* @status, application/json, Content-Length @size, generated chunk by chunk
 * as the client reads (never held whole). */
void                 medusa_hostile_server_set_huge           (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 status,
                                                               guint64               size);
/* 200, chunked, one byte every @interval_ms, forever. */
void                 medusa_hostile_server_set_drip           (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 interval_ms);
/* 200 "{}" with @n Set-Cookie headers. */
void                 medusa_hostile_server_set_cookie_flood   (MedusaHostileServer  *self,
                                                               const char           *path,
                                                               guint                 n);

/* Body bytes of huge and drip answers handed to the connection so far. */
guint64              medusa_hostile_server_get_streamed_bytes (MedusaHostileServer  *self);
/* Called for each request as it arrives (before the answer). */
void                 medusa_hostile_server_set_log_func       (MedusaHostileServer  *self,
                                                               MedusaHostileLogFunc  func,
                                                               gpointer              user_data);

/* The request log, oldest first. */
guint                       medusa_hostile_server_get_n_requests (MedusaHostileServer *self);
const MedusaHostileRequest *medusa_hostile_server_get_request    (MedusaHostileServer *self,
                                                                  guint                index);

G_END_DECLS
