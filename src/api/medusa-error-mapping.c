/* medusa-error-mapping.c: HTTP responses and transport failures → MEDUSA_ERROR
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "medusa-client-private.h"
#include "medusa-error.h"

/* Longest server message we pass on; longer ones are not meant for people. */
#define MAX_MESSAGE_LENGTH 1000

typedef struct
{
  char *type;     /* (owned) (nullable) */
  char *code;     /* (owned) (nullable) */
  char *message;  /* (owned) (nullable): human text, never HTML */
} ErrorBody;

static void
error_body_clear (ErrorBody *body)
{
  g_clear_pointer (&body->type, g_free);
  g_clear_pointer (&body->code, g_free);
  g_clear_pointer (&body->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrorBody, error_body_clear)

static gboolean
content_type_is_json (const char *content_type)
{
  g_autofree char *mime = NULL;
  char *semicolon;

  if (content_type == NULL)
    return FALSE;

  mime = g_strstrip (g_ascii_strdown (content_type, -1));
  semicolon = strchr (mime, ';');
  if (semicolon != NULL)
    {
      *semicolon = '\0';
      g_strstrip (mime);
    }

  return strcmp (mime, "application/json") == 0 || g_str_has_suffix (mime, "+json");
}

/* The body as text, trimmed; NULL when empty or not UTF-8. */
static char *
body_to_text (GBytes *body)
{
  const char *data;
  gsize size = 0;
  g_autofree char *text = NULL;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (data == NULL || size == 0)
    return NULL;

  if (!g_utf8_validate_len (data, size, NULL))
    return NULL;

  text = g_strstrip (g_strndup (data, size));
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static JsonObject *
parse_json_object (const char *text)
{
  g_autoptr(JsonNode) root = NULL;

  if (text == NULL || (root = medusa_json_parse (text, -1, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_dup_object (root);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_utf8_make_valid (json_node_get_string (node), -1);
}

static gboolean
looks_like_markup (const char *text)
{
  return text != NULL && (strchr (text, '<') != NULL && strchr (text, '>') != NULL);
}

/* A message fit to show: the server's text, unless it is empty, markup or
 * itself a JSON document (a nested validation error carries its real
 * message as {"message": ...}, which is unwrapped). What is left starting
 * with "{" (too deep, or not JSON at all) is no sentence for a person: the
 * UI gets our message instead and never has to parse anything. */
static char *
clean_message (const char *message,
               guint       depth)
{
  g_autofree char *text = NULL;

  if (message == NULL)
    return NULL;

  text = g_strstrip (g_strdup (message));
  if (*text == '\0')
    return NULL;

  if (*text == '{' && depth < 3)
    {
      g_autoptr(JsonObject) inner = parse_json_object (text);

      if (inner != NULL)
        {
          g_autofree char *inner_message = dup_string_member (inner, "message");

          return clean_message (inner_message, depth + 1);
        }
    }
  if (*text == '{')
    return NULL;

  if (looks_like_markup (text))
    return NULL;

  if (g_utf8_strlen (text, -1) > MAX_MESSAGE_LENGTH)
    return NULL;

  return g_steal_pointer (&text);
}

/* Reads {type, code?, message} out of a JSON body. Plain-text bodies
 * ("Unauthorized" from passport), HTML pages (Express's handler for
 * malformed JSON) and bodies that do not parse (too deep, cut) give no
 * message: ours reads better. The error stays the status's: the status is
 * the store's answer and the body only its detail (a 2xx body, which is the
 * answer itself, is MEDUSA_ERROR_PARSE when it does not parse). */
static void
error_body_parse (ErrorBody  *out,
                  const char *content_type,
                  GBytes     *body)
{
  g_autofree char *text = body_to_text (body);
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *message = NULL;

  if (text == NULL)
    return;

  /* Some proxies drop the Content-Type; a body that is a JSON object is read anyway. */
  if (!content_type_is_json (content_type) && *text != '{')
    return;

  object = parse_json_object (text);
  if (object == NULL)
    return;

  out->type = dup_string_member (object, "type");
  out->code = dup_string_member (object, "code");
  message = dup_string_member (object, "message");
  out->message = clean_message (message, 0);
}

static GError *
new_error (MedusaError  code,
           const char  *server_message,
           const char  *fallback)
{
  return g_error_new_literal (MEDUSA_ERROR, code,
                              server_message != NULL ? server_message : fallback);
}

/**
 * medusa_error_from_response:
 * @status: the HTTP status (not 2xx)
 * @content_type: (nullable): the Content-Type of @body
 * @body: (nullable): the response body
 * @context: how this route's 401/500 are to be read
 *
 * Returns: (transfer full): a %MEDUSA_ERROR; its message is the server's
 *   when it sent one fit to show, else ours.
 */
GError *
medusa_error_from_response (guint               status,
                            const char         *content_type,
                            GBytes             *body,
                            MedusaErrorContext  context)
{
  g_auto(ErrorBody) parsed = { NULL, NULL, NULL };

  error_body_parse (&parsed, content_type, body);

  /* Route-specific readings first: a password reset fails with 401 for an
   * unknown email and with 500 for a bad, used or expired token. */
  if (context == MEDUSA_ERROR_CONTEXT_PASSWORD_RESET && (status == 401 || status == 500))
    return new_error (MEDUSA_ERROR_INVALID_RESET_TOKEN, NULL,
                      _("This reset link is invalid or has expired."));

  if (context == MEDUSA_ERROR_CONTEXT_SIGN_IN && status == 401)
    return new_error (MEDUSA_ERROR_INVALID_CREDENTIALS, NULL,
                      _("The email address or password is wrong."));

  switch (status)
    {
    case 400:
      if (g_strcmp0 (parsed.type, "not_allowed") == 0)
        return new_error (MEDUSA_ERROR_NOT_ALLOWED, parsed.message,
                          _("The store does not allow this action."));
      return new_error (MEDUSA_ERROR_INVALID_DATA, parsed.message,
                        _("The store could not accept the data that was sent."));

    case 401:
      return new_error (MEDUSA_ERROR_UNAUTHORIZED, parsed.message,
                        _("You are not signed in, or your session has expired. Please sign in again."));

    case 403:
      return new_error (MEDUSA_ERROR_INVALID_DATA, parsed.message,
                        _("The store refused this request."));

    case 404:
      return new_error (MEDUSA_ERROR_NOT_FOUND, parsed.message,
                        _("The store could not find what was asked for."));

    case 409:
      return new_error (MEDUSA_ERROR_CONFLICT, parsed.message,
                        _("This changed on the store in the meantime. Please try again."));

    case 422:
      if (g_strcmp0 (parsed.type, "duplicate_error") == 0)
        return new_error (MEDUSA_ERROR_DUPLICATE, parsed.message,
                          _("An account with this email address already exists."));
      return new_error (MEDUSA_ERROR_INVALID_DATA, parsed.message,
                        _("The store could not accept the data that was sent."));

    case 429:
      return new_error (MEDUSA_ERROR_RATE_LIMITED, parsed.message,
                        _("Too many requests. Please wait a moment and try again."));

    default:
      break;
    }

  if (status >= 500 && status <= 599)
    return new_error (MEDUSA_ERROR_SERVER, parsed.message,
                      _("The store ran into a problem. Please try again later."));

  if (status >= 400 && status <= 499)
    return new_error (MEDUSA_ERROR_INVALID_DATA, parsed.message,
                      _("The store could not accept the data that was sent."));

  return g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                      _("The store sent an unexpected answer (HTTP %u)."), status);
}

/**
 * medusa_error_from_transport:
 * @error: a GIO, TLS, resolver or libsoup error
 *
 * Returns: (transfer full): a %MEDUSA_ERROR, or a copy of @error when it is
 *   %G_IO_ERROR_CANCELLED (or already a %MEDUSA_ERROR).
 */
GError *
medusa_error_from_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == MEDUSA_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT,
                                _("The store did not answer in time. Please try again."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_TLS,
                                _("The store’s security certificate could not be verified, so the connection was not made."));

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_PARSING:
        case SOUP_SESSION_ERROR_ENCODING:
          return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                      _("The store sent a response that could not be read."));
        default:
          return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_NETWORK,
                                      _("The store could not be reached: it redirected the request too often or to an invalid address."));
        }
    }

  /* A flood of Set-Cookie (or any header) past libsoup's 64 KiB: the store's
   * answer was bad, not the connection. libsoup tells it from a connection
   * that ended during the headers only by its (translated) message. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0)
    return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                                _("The store’s answer was invalid."));

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_NETWORK,
                                _("The store’s address could not be found. Check the store URL and your internet connection."));

  /* G_IO_ERROR_CONNECTION_REFUSED, HOST_UNREACHABLE, NETWORK_UNREACHABLE,
   * CONNECTION_CLOSED (= BROKEN_PIPE), PARTIAL_INPUT, PROXY_* and the rest. */
  return g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_NETWORK,
                              _("The store could not be reached. Check your internet connection and try again."));
}
