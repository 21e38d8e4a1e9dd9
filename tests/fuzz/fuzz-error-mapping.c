/* fuzz-error-mapping.c: medusa_error_from_response(), a failed answer → MEDUSA_ERROR
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input layout: byte 0-1 the HTTP status (100-599), byte 2 the route's
 * context (and bit 7: no body at all), then the Content-Type up to the first
 * '\n' (at most 128 bytes), then the body bytes.
 *
 * Checks: always one MEDUSA_ERROR with a known code and a message that is
 * non-empty, valid UTF-8, not markup, and at most 1000 characters.
 */
#define G_LOG_DOMAIN "FuzzErrorMapping"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-client-private.h"
#include "medusa-error.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  const uint8_t *newline;
  guint status;
  MedusaErrorContext context;
  gboolean no_body;
  size_t header_len;

  if (size < 3)
    return 0;

  status = 100 + (((guint) data[0] << 8 | data[1]) % 500);
  context = (MedusaErrorContext) ((data[2] & 0x7f) % 3);
  no_body = (data[2] & 0x80) != 0;
  data += 3;
  size -= 3;

  newline = memchr (data, '\n', MIN (size, (size_t) 129));
  if (newline != NULL)
    {
      header_len = (size_t) (newline - data);
      /* A header value has no NUL: libsoup would not hand one over. */
      if (memchr (data, '\0', header_len) == NULL)
        content_type = g_strndup ((const char *) data, header_len);
      data += header_len + 1;
      size -= header_len + 1;
    }

  if (!no_body)
    body = g_bytes_new (data, size);

  error = medusa_error_from_response (status, content_type, body, context);

  FUZZ_CHECK (error != NULL, "no error for status %u", status);
  FUZZ_CHECK (error->domain == MEDUSA_ERROR, "an error outside MEDUSA_ERROR");
  FUZZ_CHECK (error->code >= MEDUSA_ERROR_NETWORK && error->code <= MEDUSA_ERROR_PARSE,
              "an unknown error code %d", error->code);
  FUZZ_CHECK (error->message != NULL && *error->message != '\0', "an empty message");
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
  FUZZ_CHECK (!(strchr (error->message, '<') != NULL && strchr (error->message, '>') != NULL),
              "markup in a message: %s", error->message);
  FUZZ_CHECK (g_utf8_strlen (error->message, -1) <= 1000, "a message of %ld characters",
              (long) g_utf8_strlen (error->message, -1));

  return 0;
}
