/* medusa-client.c: one SoupSession per store, and the one request path
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-client-private.h"
#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-secret.h"
#include "medusa-store-probe.h"

/* Bodies larger than this are parsed in a worker thread. */
#define PARSE_IN_THREAD_THRESHOLD (64 * 1024)

/* The body is read in chunks of this size, decoded (after gzip). */
#define READ_CHUNK_SIZE (64 * 1024)

/* The ETag cache (MEDUSA_REQUEST_CACHE): at most this many answers, whose
 * bodies add up to at most CACHE_MAX_BYTES; the oldest go first. */
#define CACHE_MAX_ENTRIES 16
#define CACHE_MAX_BYTES (512 * 1024)
#define CACHE_MAX_ETAG_LENGTH 256

/* One kept answer: the model built from it and its ETag. */
typedef struct
{
  char    *key;    /* (owned) credential and URI */
  char    *etag;   /* (owned) */
  GObject *model;  /* (owned) */
  gsize    size;   /* of the body it was built from */
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->key);
  g_free (entry->etag);
  g_clear_object (&entry->model);
  g_free (entry);
}

struct _MedusaClient
{
  GObject            parent_instance;

  SoupSession       *session;          /* (owned) */
  SoupCookieJar     *cookie_jar;       /* (owned) */
  char              *base_url;         /* (owned): no trailing slash */
  char              *publishable_key;  /* (owned) (nullable) */
  GHashTable        *headers;          /* (owned): name → value */
  char              *user_agent;       /* (owned) */
  char              *token;            /* (owned) (nullable) */
  MedusaRetryPolicy  retry_policy;
  guint              timeout;
  guint              deadline;         /* seconds for a whole call */
  /* TRUE after a cookie sign-in (servers without a token route). */
  guint              cookie_session : 1;
  GHashTable        *cache;            /* (owned) key → CacheEntry (owned) */
  GQueue             cache_order;      /* of CacheEntry, oldest first */
  gsize              cache_size;       /* bytes of the bodies kept */
  const MedusaDialect *dialect;        /* the store's API version */
};

G_DEFINE_FINAL_TYPE (MedusaClient, medusa_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PUBLISHABLE_KEY,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_USER_AGENT,
  PROP_TOKEN,
  PROP_HAS_CREDENTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UNAUTHORIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const MedusaRetryPolicy default_retry_policy = {
  .max_retries = 3,
  .base_delay_ms = 500,
  .max_delay_ms = 8000,
  .max_total_ms = 20000,
};

/* What a 2xx JSON answer becomes: one model (item_type G_TYPE_NONE) built
 * by @func from the object @member (or the root when NULL), or a GListStore
 * of @item_type from the array @member. */
typedef struct
{
  const char          *member;     /* (nullable): a string literal */
  GType                item_type;
  MedusaJsonModelFunc  func;
  /* Or: the model read straight from the body's text (no JsonNode), by a
   * reader that gives what parse_json_bytes() and @func would. */
  MedusaTextModelFunc  text_func;
} ModelSpec;

/* The answer becomes a model (not the JSON root). */
#define SPEC_HAS_MODEL(spec) ((spec)->func != NULL || (spec)->text_func != NULL)

/* One call of medusa_client_request_async(), across its attempts. */
typedef struct
{
  char               *method;           /* (owned) */
  char               *uri;              /* (owned) */
  GBytes             *body;             /* (owned) (nullable) */
  char               *idempotency_key;  /* (owned) (nullable) */
  MedusaRequestFlags  flags;
  MedusaErrorContext  context;
  gboolean            retry_safe;
  gsize               max_size;         /* of the decoded body */
  guint               attempt;          /* retries done so far */
  guint               n_redirects;      /* redirects followed so far */
  guint               waited_ms;        /* total backoff so far */
  guint               status;
  SoupMessage        *msg;              /* (owned) (nullable): the current attempt */
  GInputStream       *stream;           /* (owned) (nullable): its body, being read */
  GByteArray         *buffer;           /* (owned) (nullable): what was read of it */
  /* Cancelled by the caller's cancellable or by the deadline: every
   * operation of the call uses this one. */
  GCancellable       *cancellable;      /* (owned) */
  GCancellable       *caller_cancellable; /* (owned) (nullable) */
  gint64              deadline_us;      /* monotonic time the call must end by */
  gboolean            deadline_passed;
  GSource            *deadline_source;  /* (owned) (nullable) */
  GSource            *chain_source;     /* (owned) (nullable): caller's cancel → ours */
  GSource            *wait_source;      /* (owned) (nullable) */
  GSource            *cancel_source;    /* (owned) (nullable) */
  ModelSpec           model;            /* func NULL: the answer is the JSON root */
  char               *cache_key;        /* (owned) (nullable): MEDUSA_REQUEST_CACHE */
  GObject            *cached_model;     /* (owned) (nullable): what a 304 returns */
  char               *etag;             /* (owned) (nullable): of the 2xx answer */
  gboolean            token_refreshed;  /* the dialect refreshed the token for it */
  GError             *refresh_error;    /* (owned) (nullable): the 401 a refresh may undo */
  /* _medusa_client_request_conditional_async(): the caller keeps the ETag */
  gboolean            conditional;
  char               *if_none_match;    /* (owned) (nullable) */
  gsize               body_size;        /* of the 2xx answer */
  /* (owned) (nullable): a one-off bearer token sent instead of the
   * credential (an anonymous request); wiped on free. */
  char               *bearer;
} RequestData;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
request_data_clear_sources (RequestData *data)
{
  clear_source (&data->wait_source);
  clear_source (&data->cancel_source);
}

/* The call is over (answered, or failed): nothing may fire for it any more. */
static void
request_data_stop (RequestData *data)
{
  request_data_clear_sources (data);
  clear_source (&data->deadline_source);
  clear_source (&data->chain_source);
}

static void
request_data_free (RequestData *data)
{
  request_data_stop (data);
  g_free (data->method);
  g_free (data->uri);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->idempotency_key);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->caller_cancellable);
  g_free (data->cache_key);
  g_clear_object (&data->cached_model);
  g_free (data->etag);
  g_clear_error (&data->refresh_error);
  g_free (data->if_none_match);
  medusa_secret_free (data->bearer);
  g_free (data);
}

/* The ETag cache */

/* An ETag kept or sent again: at most CACHE_MAX_ETAG_LENGTH visible ASCII
 * characters (no space, no control character: it goes back into a header). */
static gboolean
etag_is_valid (const char *etag)
{
  gsize length = 0;

  if (etag == NULL || *etag == '\0')
    return FALSE;
  for (; etag[length] != '\0'; length++)
    if (length >= CACHE_MAX_ETAG_LENGTH || (guchar) etag[length] < 0x21 || (guchar) etag[length] > 0x7e)
      return FALSE;
  return TRUE;
}

static void
cache_remove (MedusaClient *self,
              CacheEntry   *entry)
{
  g_queue_remove (&self->cache_order, entry);
  self->cache_size -= entry->size;
  g_hash_table_remove (self->cache, entry->key);  /* frees @entry */
}

static void
cache_clear (MedusaClient *self)
{
  g_queue_clear (&self->cache_order);
  self->cache_size = 0;
  if (self->cache != NULL)
    g_hash_table_remove_all (self->cache);
}

static CacheEntry *
cache_lookup (MedusaClient *self,
              const char   *key)
{
  return key != NULL ? g_hash_table_lookup (self->cache, key) : NULL;
}

/* Keeps @model (a new reference) as the answer to @key with @etag. */
static void
cache_store (MedusaClient *self,
             const char   *key,
             const char   *etag,
             GObject      *model,
             gsize         size)
{
  CacheEntry *entry = cache_lookup (self, key);

  if (entry != NULL)
    cache_remove (self, entry);
  if (size > CACHE_MAX_BYTES)
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_strdup (key);
  entry->etag = g_strdup (etag);
  entry->model = g_object_ref (model);
  entry->size = size;
  g_hash_table_insert (self->cache, entry->key, entry);
  g_queue_push_tail (&self->cache_order, entry);
  self->cache_size += size;

  while (self->cache_order.length > CACHE_MAX_ENTRIES || self->cache_size > CACHE_MAX_BYTES)
    cache_remove (self, g_queue_peek_head (&self->cache_order));
}

static void send_attempt (GTask *task);

/* Helpers */

static gboolean
status_is_retryable (guint status)
{
  return status == 429 /* Too Many Requests */ ||
         status == SOUP_STATUS_BAD_GATEWAY ||
         status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
         status == SOUP_STATUS_GATEWAY_TIMEOUT;
}

/* Retry-After is either delta-seconds or an HTTP-date. Returns -1 when
 * absent or unreadable. */
static gint64
parse_retry_after_ms (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  char *end = NULL;
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return -1;

  if (g_ascii_isdigit (*trimmed))
    {
      seconds = g_ascii_strtoull (trimmed, &end, 10);
      if (end != NULL && *end == '\0')
        return (gint64) MIN (seconds, (guint64) G_MAXINT32) * 1000;
      return -1;
    }

  when = soup_date_time_new_from_http_string (trimmed);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / 1000);
}

static guint
backoff_delay_ms (const MedusaRetryPolicy *policy,
                  guint                    attempt)
{
  guint64 delay = policy->base_delay_ms;
  guint64 half;
  guint64 spread;

  /* base * 2^attempt, capped by max_delay_ms */
  for (guint i = 0; i < attempt && delay < policy->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) policy->max_delay_ms);

  /* "Equal jitter": half fixed, half random, so clients do not retry in step. */
  half = delay / 2;
  spread = MIN (delay - half, (guint64) G_MAXINT32 - 1);

  return (guint) (half + (guint64) g_random_int_range (0, (gint32) spread + 1));
}

static gboolean
content_type_is_json (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strcasecmp (content_type, "application/json") == 0 ||
          g_str_has_suffix (content_type, "+json"));
}

static JsonNode *
parse_json_bytes (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (size > G_MAXSSIZE ||
      (root = medusa_json_parse (data, (gssize) size, &local_error)) == NULL)
    {
      g_debug ("Unparsable answer: %s", local_error != NULL ? local_error->message : "too large");
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  return root;
}

static GListStore *parse_list (JsonNode *root, const char *member, GType item_type,
                               MedusaJsonModelFunc func, GError **error);

/* The model of a ModelSpec's text_func; its errors are logged, like
 * parse_json_bytes() and build_model() do. */
static gpointer
decode_text (GBytes               *bytes,
             MedusaTextModelFunc   text_func,
             GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gpointer model = text_func (data, size, &local_error);

  if (model == NULL)
    {
      g_debug ("Unusable answer: %s", local_error != NULL ? local_error->message : "no model");
      _medusa_client_set_parse_error (error);
    }

  return model;
}

/* The answer as the caller wants it: the JSON root, or the models of @spec
 * (then the JSON tree is freed here, where it was built). */
static gpointer
decode_body (GBytes          *bytes,
             const ModelSpec *spec,
             GError         **error)
{
  JsonNode *root;
  gpointer model;

  if (spec->text_func != NULL)
    return decode_text (bytes, spec->text_func, error);

  root = parse_json_bytes (bytes, error);
  if (root == NULL || spec->func == NULL)
    return root;

  if (spec->item_type == G_TYPE_NONE)
    model = _medusa_client_parse_model (root, spec->member, spec->func, error);
  else
    model = parse_list (root, spec->member, spec->item_type, spec->func, error);
  json_node_unref (root);

  return model;
}

static void
return_decoded (GTask    *task,
                gpointer  result,
                GError   *error)
{
  RequestData *data = g_task_get_task_data (task);

  if (result != NULL && data->etag != NULL && SPEC_HAS_MODEL (&data->model))
    cache_store (g_task_get_source_object (task), data->cache_key, data->etag,
                 result, data->body_size);

  if (result == NULL)
    g_task_return_error (task, error);
  else if (SPEC_HAS_MODEL (&data->model))
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
}

typedef struct
{
  GBytes    *bytes;  /* (owned) */
  ModelSpec  model;
} DecodeJob;

static void
decode_job_free (DecodeJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DecodeJob *job = task_data;
  GError *error = NULL;
  gpointer result = decode_body (job->bytes, &job->model, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else  /* the outer task knows how to free it; this one only carries it */
    g_task_return_pointer (task, result, NULL);
}

static void
on_decoded_in_thread_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer decoded = g_task_propagate_pointer (G_TASK (result), &error);

  return_decoded (task, decoded, error);
}

static void
return_success (GTask  *task,
                GBytes *bytes)
{
  RequestData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;
  GError *error = NULL;
  gpointer decoded;

  request_data_stop (data);

  if (data->cache_key != NULL || data->conditional)
    {
      const char *etag = soup_message_headers_get_one (headers, "ETag");

      if (etag_is_valid (etag))
        {
          data->etag = g_strdup (etag);
          data->body_size = size;
        }
    }

  /* 204, DELETE /store/auth's "OK" (text/plain), or any non-JSON body. */
  if (size == 0 || !content_type_is_json (content_type))
    {
      if (SPEC_HAS_MODEL (&data->model) || (data->flags & MEDUSA_REQUEST_RAW_BODY) != 0)
        {
          _medusa_client_set_parse_error (&error);
          g_task_return_error (task, error);
        }
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* The caller's to validate (in a thread): not parsed here at all. */
  if ((data->flags & MEDUSA_REQUEST_RAW_BODY) != 0)
    {
      g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* Parsing a large answer and building its models takes long enough to
   * be felt (about 270 ms for 1000 orders; see bench/): a worker thread does
   * both, so the main loop never waits on it. */
  if (size > PARSE_IN_THREAD_THRESHOLD)
    {
      /* No source object: the worker thread would otherwise drop a ref on
       * the client after the callback ran, racing with its finalization. */
      g_autoptr(GTask) decode_task = g_task_new (NULL, g_task_get_cancellable (task),
                                                 on_decoded_in_thread_cb, g_object_ref (task));
      DecodeJob *job = g_new0 (DecodeJob, 1);

      job->bytes = g_bytes_ref (bytes);
      job->model = data->model;
      g_task_set_source_tag (decode_task, decode_in_thread);
      g_task_set_task_data (decode_task, job, (GDestroyNotify) decode_job_free);
      g_task_run_in_thread (decode_task, decode_in_thread);
      return;
    }

  decoded = decode_body (bytes, &data->model, &error);
  return_decoded (task, decoded, error);
}

/* The end of a call */

/* Ends the call with @error. Consumes @task and @error. */
static void
finish_with_error (GTask  *task,
                   GError *error)
{
  RequestData *data = g_task_get_task_data (task);

  request_data_stop (data);
  /* Before the caller hears of it: whoever owns the credential reacts once,
   * here, instead of every caller. */
  if ((data->flags & (MEDUSA_REQUEST_ANONYMOUS | MEDUSA_REQUEST_NO_REFRESH)) == 0 &&
      g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
    g_signal_emit (g_task_get_source_object (task), signals[SIGNAL_UNAUTHORIZED], 0);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* What a G_IO_ERROR_CANCELLED of ours means: the caller's cancel (@error
 * itself), or the deadline (MEDUSA_ERROR_TIMEOUT). Consumes @error. */
static GError *
cancelled_error (RequestData *data,
                 GError      *error)
{
  if (!data->deadline_passed || g_cancellable_is_cancelled (data->caller_cancellable))
    return error;

  g_error_free (error);
  return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT,
                              _("The store did not answer in time. Please try again."));
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  RequestData *data = user_data;

  data->deadline_passed = TRUE;
  g_clear_pointer (&data->deadline_source, g_source_unref);
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  RequestData *data = user_data;

  g_clear_pointer (&data->chain_source, g_source_unref);
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

/* Every operation of the call uses one cancellable of ours, cancelled by the
 * caller's or when @seconds (connect, headers, bodies, waits, redirects and
 * retries together) have passed. Both sources run on the task's context, so
 * nothing fires in another thread or after the call ended. */
static void
start_deadline (GTask *task,
                guint  seconds)
{
  RequestData *data = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  data->cancellable = g_cancellable_new ();
  data->deadline_us = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  data->deadline_source = g_timeout_source_new (seconds * 1000);
  g_source_set_name (data->deadline_source, "[medusa-client] deadline");
  g_source_set_callback (data->deadline_source, on_deadline_cb, data, NULL);
  g_source_attach (data->deadline_source, context);

  if (caller == NULL)
    return;

  data->caller_cancellable = g_object_ref (caller);
  data->chain_source = g_cancellable_source_new (caller);
  g_source_set_name (data->chain_source, "[medusa-client] caller cancel");
  g_source_set_callback (data->chain_source, G_SOURCE_FUNC (on_caller_cancelled_cb), data, NULL);
  g_source_attach (data->chain_source, context);
}

/* Redirects: libsoup follows none (SOUP_MESSAGE_NO_REDIRECT); we follow
 * those within the store's origin, and refuse any other, whatever the
 * method, so that no body, credential, cookie or key ever reaches another
 * server. */
#define MAX_REDIRECTS 5

static gboolean
status_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  const char *host_a = g_uri_get_host (a);
  const char *host_b = g_uri_get_host (b);

  return host_a != NULL && host_b != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (host_a, host_b) == 0 &&
         uri_port (a) == uri_port (b);
}

/* "https://evil.example:8443": scheme, host and a port that is not the
 * default; never the path or query, which may carry anything. */
static char *
origin_to_string (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = host != NULL && strchr (host, ':') != NULL;

  if (host == NULL || *host == '\0')
    return g_strdup_printf ("%s:", scheme);

  if (g_uri_get_port (uri) == -1 ||
      g_uri_get_port (uri) == (g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80))
    return g_strdup_printf ("%s://%s%s%s", scheme, ipv6 ? "[" : "", host, ipv6 ? "]" : "");

  return g_strdup_printf ("%s://%s%s%s:%d", scheme, ipv6 ? "[" : "", host, ipv6 ? "]" : "",
                          g_uri_get_port (uri));
}

static GError *
new_other_origin_error (GUri *target)
{
  g_autofree char *origin = origin_to_string (target);

  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_OTHER_ORIGIN,
                      _("The store sent the request on to %s, which is not the store. "
                        "If the store has moved, connect to its new address."),
                      origin);
}

/* A 301/302/303 of anything but GET/HEAD is followed as a GET without a body
 * (so without Content-Type and Idempotency-Key); 307/308 keep both. */
static void
become_bodiless_get (RequestData *data)
{
  if (data->status == SOUP_STATUS_TEMPORARY_REDIRECT ||
      data->status == SOUP_STATUS_PERMANENT_REDIRECT ||
      strcmp (data->method, "GET") == 0 || strcmp (data->method, "HEAD") == 0)
    return;

  g_free (data->method);
  data->method = g_strdup ("GET");
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->idempotency_key, g_free);
  data->retry_safe = TRUE;
}

/* Consumes @task. */
static void
handle_redirect (GTask *task)
{
  MedusaClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) store = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) target = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (data->msg), location,
                                   SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || store == NULL)
    {
      finish_with_error (task, medusa_error_from_response (data->status, NULL, NULL,
                                                           data->context));
      return;
    }

  if (!same_origin (store, target))
    {
      finish_with_error (task, new_other_origin_error (target));
      return;
    }

  if (data->n_redirects >= MAX_REDIRECTS)
    {
      finish_with_error (task, g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_SERVER,
                                                    _("The store redirected the request too many times.")));
      return;
    }

  data->n_redirects++;
  become_bodiless_get (data);
  g_free (data->uri);
  data->uri = g_uri_to_string (target);
  send_attempt (task);
}

/* Retry scheduling */

static gboolean
on_retry_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  finish_with_error (task, cancelled_error (data, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                       _("Operation was cancelled"))));

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  request_data_clear_sources (data);
  /* send_attempt takes over the reference the wait held. */
  send_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms, then sends again; cancelling the call ends the wait at once.
 * Takes ownership of @task. */
static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  RequestData *data = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);

  data->attempt++;
  data->waited_ms += delay_ms;

  g_debug ("Retrying %s %s in %u ms (retry %u)",
           data->method, soup_message_get_uri (data->msg) != NULL ?
             g_uri_get_path (soup_message_get_uri (data->msg)) : "",
           delay_ms, data->attempt);

  data->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_name (data->wait_source, "[medusa-client] retry wait");
  g_source_set_callback (data->wait_source, on_retry_timeout_cb, task, NULL);
  g_source_attach (data->wait_source, context);

  data->cancel_source = g_cancellable_source_new (data->cancellable);
  g_source_set_name (data->cancel_source, "[medusa-client] retry cancel");
  g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (on_retry_cancelled_cb), task, NULL);
  g_source_attach (data->cancel_source, context);
}

/* Returns TRUE (and takes @task) when another attempt was scheduled. */
static gboolean
maybe_retry (GTask      *task,
             const char *retry_after)
{
  MedusaClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  const MedusaRetryPolicy *policy = &self->retry_policy;
  gint64 delay;

  if (!data->retry_safe || data->attempt >= policy->max_retries)
    return FALSE;

  if (g_cancellable_is_cancelled (data->cancellable))
    return FALSE;

  delay = parse_retry_after_ms (retry_after);
  if (delay >= 0)
    delay = MIN (delay, (gint64) policy->max_delay_ms);
  else
    delay = backoff_delay_ms (policy, data->attempt);

  if ((guint64) data->waited_ms + (guint64) delay > policy->max_total_ms)
    return FALSE;

  /* A wait the deadline would cut short only hides the real error. */
  if (g_get_monotonic_time () + delay * 1000 >= data->deadline_us)
    return FALSE;

  schedule_retry (task, (guint) delay);
  return TRUE;
}

/* The response */

static void
on_body_closed_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* Closing early drops the connection; an error here changes nothing. */
  g_input_stream_close_finish (G_INPUT_STREAM (source_object), result, NULL);
}

/* Ends the current answer's body: read to the end, or not (then libsoup
 * reads no further and does not reuse the connection). */
static void
close_body (RequestData *data)
{
  if (data->stream == NULL)
    return;

  g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, on_body_closed_cb, NULL);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
}

static gboolean
error_is_truncated_body (SoupMessage  *msg,
                         const GError *error)
{
  /* Headers arrived, then the connection ended before Content-Length bytes. */
  return soup_message_get_status (msg) != SOUP_STATUS_NONE &&
         (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
}

/* The attempt failed before a whole answer arrived. Consumes @task and @error. */
static void
fail_attempt (GTask  *task,
              GError *error)
{
  RequestData *data = g_task_get_task_data (task);
  GError *mapped;

  close_body (data);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_with_error (task, cancelled_error (data, error));
      return;
    }

  if (error_is_truncated_body (data->msg, error))
    mapped = g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                  _("The store’s response was cut off."));
  else
    mapped = medusa_error_from_transport (error);

  g_debug ("%s request failed: %s", data->method, error->message);
  g_error_free (error);

  if (g_error_matches (mapped, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK) &&
      maybe_retry (task, NULL))
    {
      g_error_free (mapped);
      return;
    }

  finish_with_error (task, mapped);
}

/* Token refresh (dialects whose tokens expire, see medusa-dialect-private.h) */

static gboolean
request_may_refresh (MedusaClient *self,
                     RequestData  *data)
{
  return self->dialect->refresh_token != NULL && self->dialect->token_needs_refresh != NULL &&
         self->token != NULL &&
         (data->flags & (MEDUSA_REQUEST_ANONYMOUS | MEDUSA_REQUEST_NO_REFRESH)) == 0;
}

static void
on_token_refreshed_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_medusa_client_refresh_token_finish (MEDUSA_CLIENT (source_object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&data->refresh_error);
      finish_with_error (task, cancelled_error (data, g_steal_pointer (&error)));
      return;
    }

  /* After a 401 the request is repeated only with a new token. */
  if (data->refresh_error != NULL && error != NULL)
    {
      finish_with_error (task, g_steal_pointer (&data->refresh_error));
      return;
    }

  g_clear_error (&data->refresh_error);
  send_attempt (task);
}

/* A 401 to a request that sent a token that can be refreshed: refreshes it
 * once and sends the request again (the store refused it before doing
 * anything). Takes @task when it returns TRUE. */
static gboolean
maybe_refresh_token (GTask              *task,
                     SoupMessageHeaders *headers,
                     GBytes             *bytes)
{
  MedusaClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);

  if (data->token_refreshed || !request_may_refresh (self, data))
    return FALSE;

  data->token_refreshed = TRUE;
  data->refresh_error = medusa_error_from_response (SOUP_STATUS_UNAUTHORIZED,
                                                    soup_message_headers_get_content_type (headers, NULL),
                                                    bytes, data->context);
  _medusa_client_refresh_token_async (self, data->cancellable, on_token_refreshed_cb, task);
  return TRUE;
}

/* The whole (decoded) body is in data->buffer. Consumes @task. */
static void
handle_response (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  guint status = data->status;

  close_body (data);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_success (task, bytes);
      g_object_unref (task);
      return;
    }

  /* Unchanged since the kept answer: that answer's model, not parsed again. */
  if (status == SOUP_STATUS_NOT_MODIFIED && data->cached_model != NULL)
    {
      request_data_stop (data);
      g_task_return_pointer (task, g_steal_pointer (&data->cached_model), g_object_unref);
      g_object_unref (task);
      return;
    }

  /* Unchanged since the caller's ETag: no answer, status 304. */
  if (status == SOUP_STATUS_NOT_MODIFIED && data->if_none_match != NULL)
    {
      const char *etag = soup_message_headers_get_one (headers, "ETag");

      request_data_stop (data);
      if (etag_is_valid (etag))
        data->etag = g_strdup (etag);
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  if (status_is_retryable (status))
    {
      const char *retry_after = NULL;

      if (status == 429 /* Too Many Requests */)
        retry_after = soup_message_headers_get_one (headers, "Retry-After");

      if (maybe_retry (task, retry_after))
        return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED && maybe_refresh_token (task, headers, bytes))
    return;

  finish_with_error (task, medusa_error_from_response (status,
                                                       soup_message_headers_get_content_type (headers, NULL),
                                                       bytes, data->context));
}

static void read_next_chunk (GTask *task);

static void
on_chunk_read_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source_object), result, &error);
  if (chunk == NULL)
    {
      fail_attempt (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      handle_response (task);
      return;
    }

  /* Bounded after decoding, so neither a huge body nor a gzip bomb is read
   * further than the cap and one chunk. */
  if (size > data->max_size - data->buffer->len)
    {
      close_body (data);
      finish_with_error (task, g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                            _("The store’s answer is too large (over %u MB)."),
                                            (guint) (data->max_size / (1024 * 1024))));
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), size);
  read_next_chunk (task);
}

/* Consumes @task. */
static void
read_next_chunk (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_chunk_read_cb, task);
}

static void
on_sent_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (source_object), result, &error);
  data->status = soup_message_get_status (data->msg);

  if (data->stream == NULL)
    {
      fail_attempt (task, error);
      return;
    }

  if (status_is_redirect (data->status))
    {
      close_body (data);
      handle_redirect (task);
      return;
    }

  data->buffer = g_byte_array_new ();
  read_next_chunk (task);
}

static void
add_header_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  soup_message_headers_replace (user_data, key, value);
}

/* Consumes @task. */
static void
send_attempt (GTask *task)
{
  MedusaClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  gboolean anonymous = (data->flags & MEDUSA_REQUEST_ANONYMOUS) != 0;

  g_clear_object (&data->msg);
  data->msg = soup_message_new (data->method, data->uri);
  if (data->msg == NULL)
    {
      finish_with_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                            _("Could not build a request for “%s”."), data->uri));
      return;
    }

  /* Redirects are ours to judge (handle_redirect); libsoup's would follow
   * any of them to any host, re-sending headers. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  g_hash_table_foreach (self->headers, add_header_cb, headers);
  if (self->publishable_key != NULL)
    soup_message_headers_replace (headers, "x-publishable-api-key", self->publishable_key);
  if (data->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", data->idempotency_key);

  /* Bearer mode sends only the token; cookie mode only the cookie jar. An
   * anonymous request sends neither, and stores no cookie it is given. */
  if (anonymous || self->token != NULL)
    soup_message_disable_feature (data->msg, SOUP_TYPE_COOKIE_JAR);
  if (!anonymous && self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (anonymous && data->bearer != NULL)
    {
      char *value = g_strconcat ("Bearer ", data->bearer, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      medusa_secret_free (value);
    }

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->msg, "application/json", data->body);

  if (data->retry_safe)
    soup_message_add_flags (data->msg, SOUP_MESSAGE_IDEMPOTENT);

  /* The model is taken now: the entry may be gone when the 304 arrives. */
  g_clear_object (&data->cached_model);
  {
    CacheEntry *entry = cache_lookup (self, data->cache_key);

    if (entry != NULL)
      {
        soup_message_headers_replace (headers, "If-None-Match", entry->etag);
        data->cached_model = g_object_ref (entry->model);
      }
  }
  if (data->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->if_none_match);

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                           data->cancellable, on_sent_cb, task);
}

/* Logging: only behind MEDUSA_ACCOUNT_DEBUG_HTTP, and only request lines and
 * statuses: never headers (Authorization, Cookie) nor bodies (passwords). */

static SoupLoggerLogLevel
logger_filter_cb (SoupLogger  *logger,
                  SoupMessage *msg,
                  gpointer     user_data)
{
  return SOUP_LOGGER_LOG_MINIMAL;
}

static void
logger_printer_cb (SoupLogger         *logger,
                   SoupLoggerLogLevel  level,
                   char                direction,
                   const char         *data,
                   gpointer            user_data)
{
  /* MINIMAL prints the request line, the status line and libsoup's own
   * "Soup-Debug" lines; drop anything that looks like a header to be safe. */
  if (g_ascii_strncasecmp (data, "authorization", 13) == 0 ||
      g_ascii_strncasecmp (data, "cookie", 6) == 0 ||
      g_ascii_strncasecmp (data, "set-cookie", 10) == 0)
    return;

  g_printerr ("%c %s\n", direction, data);
}

static void
update_session_timeout (MedusaClient *self)
{
  soup_session_set_timeout (self->session, self->timeout);
}

/* GObject */

static void
medusa_client_constructed (GObject *object)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  G_OBJECT_CLASS (medusa_client_parent_class)->constructed (object);

  g_return_if_fail (self->base_url != NULL);

  /* TLS certificates are always verified: libsoup rejects invalid ones
   * unless "accept-certificate" is handled, which we never do. */
  /* libsoup's default of 2 connections per host would queue the pages an
   * order list asks for at the same time (MedusaOrderList:prefetch).
   * An idle keep-alive connection is never closed by a timer of ours: that
   * timer was a wake-up on a page where nothing happens (issue 10's idle
   * row). The store closes it when it likes (Node after 5 s); libsoup
   * checks a connection before reusing it and opens a new one when it was
   * closed, and closes them all when the client goes away (sign-out,
   * another store). At most max-conns-per-host sockets wait that way. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 0,
                                                 "max-conns-per-host", 6,
                                                 NULL);
  self->cookie_jar = soup_cookie_jar_new ();
  soup_cookie_jar_set_accept_policy (self->cookie_jar, SOUP_COOKIE_JAR_ACCEPT_ALWAYS);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cookie_jar));

  if (g_getenv ("MEDUSA_ACCOUNT_DEBUG_HTTP") != NULL)
    {
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_MINIMAL);

      soup_logger_set_request_filter (logger, logger_filter_cb, NULL, NULL);
      soup_logger_set_response_filter (logger, logger_filter_cb, NULL, NULL);
      soup_logger_set_max_body_size (logger, 0);
      soup_logger_set_printer (logger, logger_printer_cb, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
}

static void
medusa_client_dispose (GObject *object)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cookie_jar);
  cache_clear (self);

  G_OBJECT_CLASS (medusa_client_parent_class)->dispose (object);
}

static void
medusa_client_finalize (GObject *object)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->publishable_key, g_free);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (medusa_client_parent_class)->finalize (object);
}

static void
medusa_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_PUBLISHABLE_KEY:
      g_value_set_string (value, self->publishable_key);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_HAS_CREDENTIAL:
      g_value_set_boolean (value, medusa_client_has_credential (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MedusaClient *self = MEDUSA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        g_autofree char *url = g_strdup (g_value_get_string (value));

        if (url != NULL)
          {
            gsize len = strlen (url);

            while (len > 0 && url[len - 1] == '/')
              url[--len] = '\0';
          }
        g_free (self->base_url);
        self->base_url = g_steal_pointer (&url);
      }
      break;

    case PROP_PUBLISHABLE_KEY:
      medusa_client_set_publishable_key (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      medusa_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_DEADLINE:
      medusa_client_set_deadline (self, g_value_get_uint (value));
      break;

    case PROP_TOKEN:
      medusa_client_set_token (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_client_class_init (MedusaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_client_constructed;
  object_class->dispose = medusa_client_dispose;
  object_class->finalize = medusa_client_finalize;
  object_class->get_property = medusa_client_get_property;
  object_class->set_property = medusa_client_set_property;

  /**
   * MedusaClient:base-url:
   *
   * The store's base URL, without a trailing slash.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:publishable-key:
   *
   * Sent as `x-publishable-api-key` when set.
   */
  properties[PROP_PUBLISHABLE_KEY] =
    g_param_spec_string ("publishable-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:timeout:
   *
   * Seconds one request may take (connect, send, each read).
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, MEDUSA_CLIENT_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:deadline:
   *
   * Seconds one call may take in all: connect, headers and body of every
   * attempt, retries and redirects included. Past it, the call fails with
   * %MEDUSA_ERROR_TIMEOUT.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       1, MEDUSA_CLIENT_MAX_DEADLINE, MEDUSA_CLIENT_DEFAULT_DEADLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:user-agent:
   *
   * `medusa-account/<version>`.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:token:
   *
   * The bearer token, or %NULL.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * MedusaClient:has-credential:
   *
   * Whether a token or a cookie session is held.
   */
  properties[PROP_HAS_CREDENTIAL] =
    g_param_spec_boolean ("has-credential", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaClient::unauthorized:
   *
   * A request that sent the credential was answered 401 (the store no
   * longer accepts it). Emitted before that call finishes with
   * %MEDUSA_ERROR_UNAUTHORIZED.
   */
  signals[SIGNAL_UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
medusa_client_init (MedusaClient *self)
{
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_agent = g_strdup ("medusa-account/" PACKAGE_VERSION);
  self->retry_policy = default_retry_policy;
  self->timeout = MEDUSA_CLIENT_DEFAULT_TIMEOUT;
  self->deadline = MEDUSA_CLIENT_DEFAULT_DEADLINE;
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) cache_entry_free);
  g_queue_init (&self->cache_order);  self->dialect = &medusa_dialect_v1;
}

/* Public API */

/**
 * medusa_client_new:
 * @base_url: the store's base URL, e.g. `https://shop.example.com`
 * @error: return location for a %G_IO_ERROR_INVALID_ARGUMENT
 *
 * Returns: (transfer full) (nullable): a new client
 */
MedusaClient *
medusa_client_new (const char  *base_url,
                   GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = medusa_store_url_check (base_url, NULL, error);
  if (normalized == NULL)
    return NULL;

  return g_object_new (MEDUSA_TYPE_CLIENT, "base-url", normalized, NULL);
}

const char *
medusa_client_get_base_url (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
medusa_client_set_publishable_key (MedusaClient *self,
                                   const char   *key)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (key != NULL && *key == '\0')
    key = NULL;

  if (g_strcmp0 (self->publishable_key, key) == 0)
    return;

  g_free (self->publishable_key);
  self->publishable_key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHABLE_KEY]);
}

const char *
medusa_client_get_publishable_key (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->publishable_key;
}

void
medusa_client_set_header (MedusaClient *self,
                          const char   *name,
                          const char   *value)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  /* Header names are case-insensitive: keep one spelling per name. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->headers);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        if (g_ascii_strcasecmp (key, name) == 0)
          g_hash_table_iter_remove (&iter);
      }
  }

  if (value != NULL)
    g_hash_table_insert (self->headers, g_strdup (name), g_strdup (value));
}

void
medusa_client_set_timeout (MedusaClient *self,
                           guint         seconds)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  /* Every request has a timeout: 0 means the default, not "wait forever". */
  if (seconds == 0)
    seconds = MEDUSA_CLIENT_DEFAULT_TIMEOUT;

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    update_session_timeout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
medusa_client_get_timeout (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->timeout;
}

void
medusa_client_set_deadline (MedusaClient *self,
                            guint         seconds)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  /* 0 means the default, not "no deadline". */
  if (seconds == 0)
    seconds = MEDUSA_CLIENT_DEFAULT_DEADLINE;
  seconds = MIN (seconds, MEDUSA_CLIENT_MAX_DEADLINE);

  if (self->deadline == seconds)
    return;

  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint
medusa_client_get_deadline (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), 0);

  return self->deadline;
}

void
medusa_client_set_retry_policy (MedusaClient            *self,
                                const MedusaRetryPolicy *policy)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  self->retry_policy = policy != NULL ? *policy : default_retry_policy;
}

void
medusa_client_get_retry_policy (MedusaClient      *self,
                                MedusaRetryPolicy *policy)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (policy != NULL);

  *policy = self->retry_policy;
}

const char *
medusa_client_get_user_agent (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->user_agent;
}

void
medusa_client_set_token (MedusaClient *self,
                         const char   *token)
{
  gboolean had_credential;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (token != NULL && *token == '\0')
    token = NULL;

  if (g_strcmp0 (self->token, token) == 0)
    return;

  had_credential = medusa_client_has_credential (self);
  g_free (self->token);
  self->token = g_strdup (token);
  cache_clear (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
  if (had_credential != medusa_client_has_credential (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CREDENTIAL]);
}

const char *
medusa_client_get_token (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);

  return self->token;
}

static gboolean
cookie_jar_is_empty (SoupCookieJar *jar)
{
  GSList *cookies = soup_cookie_jar_all_cookies (jar);
  gboolean empty = cookies == NULL;

  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  return empty;
}

gboolean
medusa_client_has_credential (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);

  if (self->token != NULL)
    return TRUE;

  return self->cookie_session &&
         self->cookie_jar != NULL &&
         !cookie_jar_is_empty (self->cookie_jar);
}

void
_medusa_client_set_cookie_session (MedusaClient *self,
                                   gboolean      cookie_session)
{
  gboolean had_credential;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  had_credential = medusa_client_has_credential (self);
  self->cookie_session = !!cookie_session;
  if (had_credential != medusa_client_has_credential (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CREDENTIAL]);
}

void
medusa_client_forget_credential (MedusaClient *self)
{
  gboolean had_credential;
  GSList *cookies;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  had_credential = medusa_client_has_credential (self);

  cache_clear (self);
  if (self->token != NULL)
    {
      g_clear_pointer (&self->token, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
    }

  self->cookie_session = FALSE;
  if (self->cookie_jar != NULL)
    {
      cookies = soup_cookie_jar_all_cookies (self->cookie_jar);
      for (GSList *l = cookies; l != NULL; l = l->next)
        soup_cookie_jar_delete_cookie (self->cookie_jar, l->data);
      g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
    }

  if (had_credential)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CREDENTIAL]);
}

/* The one request path: sends, retries where that is safe, maps errors and
 * decodes the answer — into @model's models when it is given (see ModelSpec),
 * else into the JSON root. */
static void
start_request_full (MedusaClient        *self,
                    const char          *method,
                    const char          *path,
                    const char          *query,
                    JsonNode            *body,
                    MedusaRequestFlags   flags,
                    MedusaErrorContext   context,
                    const ModelSpec     *model,
                    const char          *idempotency_key,
                    gboolean             conditional,
                    const char          *if_none_match,
                    const char          *bearer,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_request_async);

  data = g_new0 (RequestData, 1);
  if (model != NULL)
    data->model = *model;
  data->method = g_ascii_strup (method, -1);
  data->flags = flags;
  data->context = context;
  data->bearer = g_strdup (bearer);
  if (query != NULL && *query != '\0')
    data->uri = g_strconcat (self->base_url, path, "?", query, NULL);
  else
    data->uri = g_strconcat (self->base_url, path, NULL);

  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize length = 0;
      char *text;

      json_generator_set_root (generator, body);
      text = json_generator_to_data (generator, &length);
      data->body = g_bytes_new_take (text, length);
    }

  if (strcmp (data->method, "GET") == 0 ||
      strcmp (data->method, "HEAD") == 0 ||
      strcmp (data->method, "DELETE") == 0)
    data->retry_safe = TRUE;
  else if (idempotency_key != NULL)
    data->idempotency_key = g_strdup (idempotency_key);  /* sent once, never retried here */
  else if ((flags & MEDUSA_REQUEST_IDEMPOTENT) != 0)
    {
      data->retry_safe = TRUE;
      data->idempotency_key = g_uuid_string_random ();
    }

  data->max_size = (flags & MEDUSA_REQUEST_LARGE_ANSWER) != 0 ?
                   MEDUSA_CLIENT_MAX_LARGE_ANSWER_SIZE : MEDUSA_CLIENT_MAX_ANSWER_SIZE;

  data->conditional = conditional;
  if (conditional && etag_is_valid (if_none_match))
    data->if_none_match = g_strdup (if_none_match);

  /* Cached per token: a cookie session's user is not known here. */
  if ((flags & MEDUSA_REQUEST_CACHE) != 0 && (flags & MEDUSA_REQUEST_ANONYMOUS) == 0 &&
      SPEC_HAS_MODEL (&data->model) && data->model.item_type == G_TYPE_NONE &&
      strcmp (data->method, "GET") == 0 && self->token != NULL)
    /* a text_func's model (the order list's summaries) is not the other's */
    data->cache_key = g_strconcat (self->token, "\n", data->uri,
                                   data->model.text_func != NULL ? "\ntext" : NULL, NULL);

  /* Raw bytes are no model, nor kept with an ETag by the client. */
  if ((flags & MEDUSA_REQUEST_RAW_BODY) != 0)
    {
      g_warn_if_fail (!SPEC_HAS_MODEL (&data->model) && data->cache_key == NULL);
      data->model = (ModelSpec) { 0 };
      g_clear_pointer (&data->cache_key, g_free);
    }

  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  start_deadline (task, self->deadline);

  /* A token about to expire is renewed first (then not again on a 401). */
  if (request_may_refresh (self, data) &&
      self->dialect->token_needs_refresh (self->token, g_get_real_time () / G_USEC_PER_SEC))
    {
      data->token_refreshed = TRUE;
      _medusa_client_refresh_token_async (self, data->cancellable, on_token_refreshed_cb,
                                          g_steal_pointer (&task));
      return;
    }

  send_attempt (g_steal_pointer (&task));
}

static void
start_request (MedusaClient        *self,
               const char          *method,
               const char          *path,
               const char          *query,
               JsonNode            *body,
               MedusaRequestFlags   flags,
               MedusaErrorContext   context,
               const ModelSpec     *model,
               const char          *idempotency_key,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  start_request_full (self, method, path, query, body, flags, context, model, idempotency_key,
                      FALSE, NULL, NULL, cancellable, callback, user_data);
}

/**
 * medusa_client_request_async:
 * @self: a #MedusaClient
 * @method: an HTTP method
 * @path: the path, starting with "/store/"
 * @query: (nullable): the query string, without '?'
 * @body: (nullable): the JSON body (not consumed)
 * @flags: #MedusaRequestFlags
 * @context: how the route's errors are read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Sends a request, retrying where that is safe, and parses the JSON answer.
 */
void
medusa_client_request_async (MedusaClient        *self,
                             const char          *method,
                             const char          *path,
                             const char          *query,
                             JsonNode            *body,
                             MedusaRequestFlags   flags,
                             MedusaErrorContext   context,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  start_request (self, method, path, query, body, flags, context, NULL, NULL,
                 cancellable, callback, user_data);
}

/* A POST that carries the caller's @idempotency_key and is sent once: the
 * caller owns the series of attempts (see medusa-returns.c). Finish it with
 * medusa_client_request_finish(). */
void
_medusa_client_request_keyed_async (MedusaClient        *self,
                                    const char          *method,
                                    const char          *path,
                                    JsonNode            *body,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (idempotency_key != NULL && *idempotency_key != '\0');

  start_request (self, method, path, NULL, body, MEDUSA_REQUEST_DEFAULT,
                 MEDUSA_ERROR_CONTEXT_DEFAULT, NULL, idempotency_key,
                 cancellable, callback, user_data);
}

/* A GET whose caller keeps the answer's ETag: sends "If-None-Match:
 * @if_none_match" (when it is a valid ETag); a 304 finishes with NULL, no
 * error and status 304. Finish with medusa_client_request_finish(), then
 * read the ETag with _medusa_client_request_get_etag(). */
void
_medusa_client_request_conditional_async (MedusaClient        *self,
                                          const char          *path,
                                          const char          *query,
                                          MedusaRequestFlags   flags,
                                          const char          *if_none_match,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  start_request_full (self, "GET", path, query, NULL, flags, MEDUSA_ERROR_CONTEXT_DEFAULT, NULL,
                      NULL, TRUE, if_none_match, NULL, cancellable, callback, user_data);
}

/* An anonymous request that carries @bearer (a one-off token such as a v2
 * password reset token, not the credential) as "Authorization: Bearer",
 * only to the store's origin (redirects elsewhere fail), never logged, wiped
 * when the call ends. Finish it with medusa_client_request_finish(). */
void
_medusa_client_request_bearer_async (MedusaClient        *self,
                                     const char          *method,
                                     const char          *path,
                                     JsonNode            *body,
                                     const char          *bearer,
                                     MedusaErrorContext   context,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (bearer != NULL);

  start_request_full (self, method, path, NULL, body, MEDUSA_REQUEST_ANONYMOUS, context,
                      NULL, NULL, FALSE, NULL, bearer, cancellable, callback, user_data);
}

const char *
_medusa_client_request_get_etag (MedusaClient *self,
                                 GAsyncResult *result)
{
  RequestData *data;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  return data != NULL ? data->etag : NULL;
}

/**
 * medusa_client_request_finish:
 * @self: a #MedusaClient
 * @result: the result
 * @status_out: (out) (optional): the HTTP status of the last attempt (0 if none)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the JSON root, or %NULL (for an empty
 *   2xx body without @error set, or on error). For the private model requests
 *   (_medusa_client_request_model() and friends) it is the built model.
 */
JsonNode *
medusa_client_request_finish (MedusaClient  *self,
                              GAsyncResult  *result,
                              guint         *status_out,
                              GError       **error)
{
  RequestData *data;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_client_request_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (status_out != NULL)
    *status_out = data != NULL ? data->status : 0;

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
_medusa_client_request_bytes_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     guint         *status_out,
                                     GError       **error)
{
  RequestData *data;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_client_request_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  g_return_val_if_fail (data == NULL || (data->flags & MEDUSA_REQUEST_RAW_BODY) != 0, NULL);
  if (status_out != NULL)
    *status_out = data != NULL ? data->status : 0;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * medusa_json_get_object_member:
 * @node: (nullable): a JSON root
 * @name: a member name
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer none) (nullable): the object member @name of @node
 */
JsonObject *
medusa_json_get_object_member (JsonNode    *node,
                               const char  *name,
                               GError     **error)
{
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (name != NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (object = json_node_get_object (node)) == NULL)
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  member = json_object_get_member (object, name);
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   _("The store’s response has no “%s”."), name);
      return NULL;
    }

  return json_node_get_object (member);
}

/* Declared in medusa-client-private.h, which documents them. */

void
_medusa_client_set_parse_error (GError **error)
{
  g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       _("The store sent a response that could not be read."));
}

/* @func's model of @object. Its error names JSON members, for developers:
 * it is logged, and the caller gets the sentence a person can read. */
static gpointer
build_model (MedusaJsonModelFunc   func,
             JsonObject           *object,
             GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer model = func (object, &local_error);

  if (model == NULL)
    {
      g_debug ("Unusable answer: %s", local_error != NULL ? local_error->message : "no model");
      _medusa_client_set_parse_error (error);
    }

  return model;
}

gpointer
_medusa_client_parse_model (JsonNode             *root,
                            const char           *member,
                            MedusaJsonModelFunc   func,
                            GError              **error)
{
  JsonObject *object;

  g_return_val_if_fail (func != NULL, NULL);

  if (member != NULL)
    object = medusa_json_get_object_member (root, member, error);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);
  else
    {
      _medusa_client_set_parse_error (error);
      object = NULL;
    }

  if (object == NULL)
    return NULL;

  return build_model (func, object, error);
}

MedusaCustomer *
_medusa_client_parse_customer (JsonNode  *root,
                               GError   **error)
{
  return _medusa_client_parse_model (root, "customer",
                                     (MedusaJsonModelFunc) medusa_customer_new_from_json,
                                     error);
}

/* The array member @member of @root as a GListStore of @item_type, each
 * element built by @func; the element's own error when @func rejects it. */
static GListStore *
parse_list (JsonNode             *root,
            const char           *member,
            GType                 item_type,
            MedusaJsonModelFunc   func,
            GError              **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonNode *node;
  JsonArray *array;

  node = (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ?
         json_object_get_member (json_node_get_object (root), member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _medusa_client_set_parse_error (error);
      return NULL;
    }

  store = g_list_store_new (item_type);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }

      item = build_model (func, json_node_get_object (element), error);
      if (item == NULL)
        return NULL;

      g_list_store_append (store, item);
    }

  return g_steal_pointer (&store);
}

/* Hands the models built by the request path to the endpoint's task. */
static void
on_model_response_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer model = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result,
                                                 NULL, &error);

  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, g_object_unref);
}

static void
request_model (MedusaClient        *self,
               GTask               *task,
               const char          *method,
               const char          *path,
               const char          *query,
               JsonNode            *body,
               MedusaRequestFlags   flags,
               MedusaErrorContext   context,
               const char          *member,
               GType                item_type,
               MedusaJsonModelFunc  func)
{
  ModelSpec model = { member, item_type, func };

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  start_request (self, method, path, query, body, flags, context, &model, NULL,
                 g_task_get_cancellable (task), on_model_response_cb, task);
}

void
_medusa_client_request_model (MedusaClient        *self,
                              GTask               *task,
                              const char          *method,
                              const char          *path,
                              const char          *query,
                              JsonNode            *body,
                              MedusaRequestFlags   flags,
                              MedusaErrorContext   context,
                              const char          *member,
                              MedusaJsonModelFunc  func)
{
  request_model (self, task, method, path, query, body, flags, context,
                 member, G_TYPE_NONE, func);
}

void
_medusa_client_request_text_model (MedusaClient        *self,
                                   GTask               *task,
                                   const char          *path,
                                   const char          *query,
                                   MedusaRequestFlags   flags,
                                   MedusaErrorContext   context,
                                   MedusaTextModelFunc  func)
{
  ModelSpec model = { NULL, G_TYPE_NONE, NULL, func };

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  start_request (self, "GET", path, query, NULL, flags, context, &model, NULL,
                 g_task_get_cancellable (task), on_model_response_cb, task);
}

void
_medusa_client_request_customer (MedusaClient        *self,
                                 GTask               *task,
                                 const char          *method,
                                 const char          *path,
                                 JsonNode            *body,
                                 MedusaRequestFlags   flags,
                                 MedusaErrorContext   context)
{
  request_model (self, task, method, path, NULL, body, flags, context,
                 "customer", G_TYPE_NONE, (MedusaJsonModelFunc) medusa_customer_new_from_json);
}

void
_medusa_client_request_list (MedusaClient        *self,
                             GTask               *task,
                             const char          *method,
                             const char          *path,
                             const char          *query,
                             MedusaRequestFlags   flags,
                             const char          *member,
                             GType                item_type,
                             MedusaJsonModelFunc  func)
{
  g_return_if_fail (member != NULL);
  g_return_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT));

  request_model (self, task, method, path, query, NULL, flags, MEDUSA_ERROR_CONTEXT_DEFAULT,
                 member, item_type, func);
}

gpointer
_medusa_client_propagate_pointer (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  gpointer       source_tag,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_medusa_client_propagate_boolean (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  gpointer       source_tag,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The backend dialect (medusa-dialect-private.h) */

const MedusaDialect *
_medusa_client_get_dialect (MedusaClient *self)
{
  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), &medusa_dialect_v1);

  return self->dialect;
}

void
medusa_client_set_store_version (MedusaClient       *self,
                                 MedusaStoreVersion  version)
{
  const MedusaDialect *dialect;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  dialect = version == MEDUSA_STORE_VERSION_V2 ? &medusa_dialect_v2 : &medusa_dialect_v1;
  if (dialect == self->dialect)
    return;

  medusa_client_forget_credential (self);
  self->dialect = dialect;
}
