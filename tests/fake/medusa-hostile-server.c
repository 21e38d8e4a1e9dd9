/* medusa-hostile-server.c: a fake store that answers badly on purpose
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here logs a request body or header; the recorded requests stay
 * in memory for the test to inspect.
 */
#define G_LOG_DOMAIN "medusa-hostile-server"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "medusa-hostile-server.h"

/* Huge bodies are handed to libsoup in chunks of this size. */
#define STREAM_CHUNK_SIZE (256 * 1024)

typedef enum
{
  ANSWER_REDIRECT,
  ANSWER_REDIRECT_TO_ORIGIN,
  ANSWER_BODY,
  ANSWER_HUGE,
  ANSWER_DRIP,
  ANSWER_COOKIE_FLOOD,
} AnswerKind;

typedef struct
{
  char       *path;              /* (owned): a path prefix */
  AnswerKind  kind;
  guint       status;
  char       *location;          /* (owned) (nullable): URL, or origin */
  char       *content_type;      /* (owned) (nullable) */
  char       *content_encoding;  /* (owned) (nullable) */
  GBytes     *body;              /* (owned) (nullable) */
  guint64     size;              /* HUGE */
  guint       interval_ms;       /* DRIP */
  guint       n;                 /* COOKIE_FLOOD */
} Answer;

struct _MedusaHostileRequest
{
  char               *method;   /* (owned) */
  char               *path;     /* (owned) */
  SoupMessageHeaders *headers;  /* (owned) */
  GBytes             *body;     /* (owned): NUL-terminated past its size */
};

/* One streamed (huge or drip) answer in progress. */
typedef struct
{
  MedusaHostileServer *server;     /* (unowned): outlives it, see dispose */
  SoupServerMessage   *msg;        /* (unowned): alive until "finished" */
  guint64              remaining;  /* HUGE */
  guint                timer_id;   /* DRIP */
} Stream;

struct _MedusaHostileServer
{
  GObject               parent_instance;

  SoupServer           *server;    /* (owned) */
  char                 *url;       /* (owned) */
  guint                 port;
  GPtrArray            *answers;   /* (owned) of Answer */
  GPtrArray            *requests;  /* (owned) of MedusaHostileRequest */
  GList                *streams;   /* (owned) of Stream */
  GBytes               *chunk;     /* (owned): STREAM_CHUNK_SIZE bytes of ' ' */
  guint64               streamed_bytes;
  MedusaHostileLogFunc  log_func;
  gpointer              log_data;
};

G_DEFINE_FINAL_TYPE (MedusaHostileServer, medusa_hostile_server, G_TYPE_OBJECT)

static void
answer_free (Answer *answer)
{
  g_free (answer->path);
  g_free (answer->location);
  g_free (answer->content_type);
  g_free (answer->content_encoding);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_free (answer);
}

static void
request_free (MedusaHostileRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_free (request);
}

/* The request log */

const char *
medusa_hostile_request_get_method (const MedusaHostileRequest *request)
{
  return request->method;
}

const char *
medusa_hostile_request_get_path (const MedusaHostileRequest *request)
{
  return request->path;
}

const char *
medusa_hostile_request_get_header (const MedusaHostileRequest *request,
                                   const char                 *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

const char *
medusa_hostile_request_get_body (const MedusaHostileRequest *request)
{
  return g_bytes_get_data (request->body, NULL);
}

gsize
medusa_hostile_request_get_body_size (const MedusaHostileRequest *request)
{
  /* minus the NUL added by record_request() */
  return g_bytes_get_size (request->body) - 1;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static const MedusaHostileRequest *
record_request (MedusaHostileServer *self,
                SoupServerMessage   *msg)
{
  MedusaHostileRequest *request = g_new0 (MedusaHostileRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);
  GByteArray *bytes = g_byte_array_new ();

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                copy_header_cb, request->headers);
  g_byte_array_append (bytes, g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  request->body = g_byte_array_free_to_bytes (bytes);

  g_ptr_array_add (self->requests, request);
  return request;
}

/* Streams */

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->timer_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (stream->msg, stream);
  g_free (stream);
}

static void
on_stream_finished_cb (SoupServerMessage *msg,
                       gpointer           user_data)
{
  Stream *stream = user_data;
  MedusaHostileServer *self = stream->server;

  self->streams = g_list_remove (self->streams, stream);
  stream_free (stream);
}

static Stream *
stream_new (MedusaHostileServer *self,
            SoupServerMessage   *msg,
            guint                status)
{
  Stream *stream = g_new0 (Stream, 1);

  stream->server = self;
  stream->msg = msg;
  self->streams = g_list_prepend (self->streams, stream);
  g_signal_connect (msg, "finished", G_CALLBACK (on_stream_finished_cb), stream);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  /* Written chunks are dropped, so nothing big is ever held. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  return stream;
}

/* Appends the next chunk of a huge body, or ends it. */
static void
on_huge_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Stream *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize size = (gsize) MIN (stream->remaining, (guint64) STREAM_CHUNK_SIZE);

  if (size == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  if (size == STREAM_CHUNK_SIZE)
    soup_message_body_append_bytes (body, stream->server->chunk);
  else
    soup_message_body_append (body, SOUP_MEMORY_STATIC,
                              g_bytes_get_data (stream->server->chunk, NULL), size);
  stream->remaining -= size;
  stream->server->streamed_bytes += size;
}

static void
answer_huge (MedusaHostileServer *self,
             SoupServerMessage   *msg,
             const Answer        *answer)
{
  Stream *stream = stream_new (self, msg, answer->status);

  stream->remaining = answer->size;
  soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg),
                                           (goffset) answer->size);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_huge_wrote_chunk_cb), stream);
  on_huge_wrote_chunk_cb (msg, stream);
}

static gboolean
on_drip_cb (gpointer user_data)
{
  Stream *stream = user_data;

  soup_message_body_append (soup_server_message_get_response_body (stream->msg),
                            SOUP_MEMORY_STATIC, " ", 1);
  stream->server->streamed_bytes++;
  soup_server_message_unpause (stream->msg);

  return G_SOURCE_CONTINUE;
}

static void
answer_drip (MedusaHostileServer *self,
             SoupServerMessage   *msg,
             const Answer        *answer)
{
  Stream *stream = stream_new (self, msg, SOUP_STATUS_OK);

  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_STATIC, "[", 1);
  stream->timer_id = g_timeout_add (answer->interval_ms, on_drip_cb, stream);
}

/* Answers */

static void
answer_body (SoupServerMessage *msg,
             const Answer      *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, answer->status, NULL);
  if (answer->content_type != NULL)
    soup_message_headers_set_content_type (headers, answer->content_type, NULL);
  if (answer->content_encoding != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", answer->content_encoding);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), answer->body);
}

static void
answer_cookie_flood (SoupServerMessage *msg,
                     const Answer      *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i < answer->n; i++)
    {
      g_autofree char *cookie = g_strdup_printf ("c%u=%s; Path=/", i, "flood-flood-flood-flood");

      soup_message_headers_append (headers, "Set-Cookie", cookie);
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
answer_redirect_to_origin (SoupServerMessage *msg,
                           const Answer      *answer)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *location = g_strconcat (answer->location, g_uri_get_path (uri), NULL);

  soup_server_message_set_redirect (msg, answer->status, location);
}

static const Answer *
find_answer (MedusaHostileServer *self,
             const char          *path)
{
  const Answer *best = NULL;

  for (guint i = 0; i < self->answers->len; i++)
    {
      const Answer *answer = g_ptr_array_index (self->answers, i);

      if (g_str_has_prefix (path, answer->path) &&
          (best == NULL || strlen (answer->path) >= strlen (best->path)))
        best = answer;
    }

  return best;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MedusaHostileServer *self = user_data;
  const MedusaHostileRequest *request = record_request (self, msg);
  const Answer *answer = find_answer (self, path);

  if (self->log_func != NULL)
    self->log_func (request, self->log_data);

  if (answer == NULL)
    {
      static const char not_found[] = "{\"type\":\"not_found\",\"message\":\"Not found\"}";

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  switch (answer->kind)
    {
    case ANSWER_REDIRECT:
      soup_server_message_set_redirect (msg, answer->status, answer->location);
      break;
    case ANSWER_REDIRECT_TO_ORIGIN:
      answer_redirect_to_origin (msg, answer);
      break;
    case ANSWER_BODY:
      answer_body (msg, answer);
      break;
    case ANSWER_HUGE:
      answer_huge (self, msg, answer);
      break;
    case ANSWER_DRIP:
      answer_drip (self, msg, answer);
      break;
    case ANSWER_COOKIE_FLOOD:
      answer_cookie_flood (msg, answer);
      break;
    default:
      g_assert_not_reached ();
    }
}

static Answer *
add_answer (MedusaHostileServer *self,
            const char          *path,
            AnswerKind           kind,
            guint                status)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->path = g_strdup (path != NULL ? path : "");
  answer->kind = kind;
  answer->status = status;
  g_ptr_array_add (self->answers, answer);
  return answer;
}

/* GObject */

static void
medusa_hostile_server_dispose (GObject *object)
{
  MedusaHostileServer *self = MEDUSA_HOSTILE_SERVER (object);

  /* Streams still open: stop their timers before the server goes. */
  g_list_free_full (g_steal_pointer (&self->streams), (GDestroyNotify) stream_free);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (medusa_hostile_server_parent_class)->dispose (object);
}

static void
medusa_hostile_server_finalize (GObject *object)
{
  MedusaHostileServer *self = MEDUSA_HOSTILE_SERVER (object);

  g_free (self->url);
  g_ptr_array_unref (self->answers);
  g_ptr_array_unref (self->requests);
  g_bytes_unref (self->chunk);

  G_OBJECT_CLASS (medusa_hostile_server_parent_class)->finalize (object);
}

static void
medusa_hostile_server_class_init (MedusaHostileServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_hostile_server_dispose;
  object_class->finalize = medusa_hostile_server_finalize;
}

static void
medusa_hostile_server_init (MedusaHostileServer *self)
{
  char *spaces = g_malloc (STREAM_CHUNK_SIZE);

  memset (spaces, ' ', STREAM_CHUNK_SIZE);
  self->chunk = g_bytes_new_take (spaces, STREAM_CHUNK_SIZE);
  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
}

/* Public API */

MedusaHostileServer *
medusa_hostile_server_new (guint    port,
                           GError **error)
{
  g_autoptr(MedusaHostileServer) self = g_object_new (MEDUSA_TYPE_HOSTILE_SERVER, NULL);
  GSList *uris;

  self->server = soup_server_new ("server-header", "Express", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  self->port = (guint) g_uri_get_port (uris->data);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

const char *
medusa_hostile_server_get_url (MedusaHostileServer *self)
{
  return self->url;
}

guint
medusa_hostile_server_get_port (MedusaHostileServer *self)
{
  return self->port;
}

void
medusa_hostile_server_set_redirect (MedusaHostileServer *self,
                                    const char          *path,
                                    guint                status,
                                    const char          *location)
{
  add_answer (self, path, ANSWER_REDIRECT, status)->location = g_strdup (location);
}

void
medusa_hostile_server_set_redirect_to_origin (MedusaHostileServer *self,
                                              const char          *path,
                                              guint                status,
                                              const char          *origin)
{
  add_answer (self, path, ANSWER_REDIRECT_TO_ORIGIN, status)->location = g_strdup (origin);
}

void
medusa_hostile_server_set_body (MedusaHostileServer *self,
                                const char          *path,
                                guint                status,
                                const char          *content_type,
                                const char          *content_encoding,
                                GBytes              *body)
{
  Answer *answer = add_answer (self, path, ANSWER_BODY, status);

  answer->content_type = g_strdup (content_type);
  answer->content_encoding = g_strdup (content_encoding);
  answer->body = g_bytes_ref (body);
}

void
medusa_hostile_server_set_json (MedusaHostileServer *self,
                                const char          *path,
                                guint                status,
                                const char          *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  medusa_hostile_server_set_body (self, path, status, "application/json", NULL, body);
}

void
medusa_hostile_server_set_nested (MedusaHostileServer *self,
                                  const char          *path,
                                  guint                status,
                                  guint                depth)
{
  char *text = g_malloc (depth);
  g_autoptr(GBytes) body = NULL;

  memset (text, '[', depth);
  body = g_bytes_new_take (text, depth);
  medusa_hostile_server_set_body (self, path, status, "application/json", NULL, body);
}

void
medusa_hostile_server_set_bad_utf8 (MedusaHostileServer *self,
                                    const char          *path)
{
  medusa_hostile_server_set_json (self, path, SOUP_STATUS_OK,
                                  "{\"customer\":{\"id\":\"cus_1\",\"email\":\"a\xff\xfe@example.com\"}}");
}

/* @size zeros through a GZlibCompressor, fed a megabyte at a time. */
static GBytes *
gzip_zeros (guint64 size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  guint8 out[64 * 1024];
  GByteArray *gzip = g_byte_array_new ();
  GConverterResult result;

  do
    {
      gsize in_size = (gsize) MIN (size, (guint64) 1024 * 1024);
      gsize read = 0;
      gsize written = 0;
      g_autoptr(GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), zeros, in_size, out, sizeof out,
                                    in_size == size ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &read, &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (gzip, out, written);
      size -= read;
    }
  while (result != G_CONVERTER_FINISHED);

  return g_byte_array_free_to_bytes (gzip);
}

void
medusa_hostile_server_set_gzip_bomb (MedusaHostileServer *self,
                                     const char          *path,
                                     guint64              expanded_size)
{
  g_autoptr(GBytes) body = gzip_zeros (expanded_size);

  medusa_hostile_server_set_body (self, path, SOUP_STATUS_OK, "application/json", "gzip", body);
}

void
medusa_hostile_server_set_huge (MedusaHostileServer *self,
                                const char          *path,
                                guint                status,
                                guint64              size)
{
  add_answer (self, path, ANSWER_HUGE, status)->size = size;
}

void
medusa_hostile_server_set_drip (MedusaHostileServer *self,
                                const char          *path,
                                guint                interval_ms)
{
  add_answer (self, path, ANSWER_DRIP, SOUP_STATUS_OK)->interval_ms = MAX (interval_ms, 1);
}

void
medusa_hostile_server_set_cookie_flood (MedusaHostileServer *self,
                                        const char          *path,
                                        guint                n)
{
  add_answer (self, path, ANSWER_COOKIE_FLOOD, SOUP_STATUS_OK)->n = n;
}

guint64
medusa_hostile_server_get_streamed_bytes (MedusaHostileServer *self)
{
  return self->streamed_bytes;
}

void
medusa_hostile_server_set_log_func (MedusaHostileServer  *self,
                                    MedusaHostileLogFunc  func,
                                    gpointer              user_data)
{
  self->log_func = func;
  self->log_data = user_data;
}

guint
medusa_hostile_server_get_n_requests (MedusaHostileServer *self)
{
  return self->requests->len;
}

const MedusaHostileRequest *
medusa_hostile_server_get_request (MedusaHostileServer *self,
                                   guint                index)
{
  g_return_val_if_fail (index < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, index);
}
