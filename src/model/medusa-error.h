/* medusa-error.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MEDUSA_ERROR (medusa_error_quark ())

/**
 * MedusaError:
 * @MEDUSA_ERROR_NETWORK: the store could not be reached (DNS, refused, reset)
 * @MEDUSA_ERROR_TIMEOUT: the store did not answer in time
 * @MEDUSA_ERROR_TLS: the store's certificate could not be verified
 * @MEDUSA_ERROR_INVALID_CREDENTIALS: wrong email or password (sign-in, token)
 * @MEDUSA_ERROR_UNAUTHORIZED: the session is missing or has expired
 * @MEDUSA_ERROR_INVALID_DATA: the server rejected the request data (400)
 * @MEDUSA_ERROR_NOT_ALLOWED: the server refused the action (400 not_allowed)
 * @MEDUSA_ERROR_NOT_FOUND: the resource does not exist (404)
 * @MEDUSA_ERROR_DUPLICATE: e.g. the email already has an account (422)
 * @MEDUSA_ERROR_CONFLICT: the resource changed meanwhile (409)
 * @MEDUSA_ERROR_RATE_LIMITED: too many requests (429)
 * @MEDUSA_ERROR_INVALID_RESET_TOKEN: a password-reset token is invalid or expired
 * @MEDUSA_ERROR_SERVER: the server failed (5xx)
 * @MEDUSA_ERROR_PARSE: the response could not be understood (also: too large, invalid headers)
 * @MEDUSA_ERROR_OTHER_ORIGIN: the store redirected the request to another
 *   origin (scheme, host or port); it was not sent there
 *
 * Error codes of the %MEDUSA_ERROR domain: each says what a person can do next.
 */
typedef enum
{
  MEDUSA_ERROR_NETWORK,
  MEDUSA_ERROR_TIMEOUT,
  MEDUSA_ERROR_TLS,
  MEDUSA_ERROR_INVALID_CREDENTIALS,
  MEDUSA_ERROR_UNAUTHORIZED,
  MEDUSA_ERROR_INVALID_DATA,
  MEDUSA_ERROR_NOT_ALLOWED,
  MEDUSA_ERROR_NOT_FOUND,
  MEDUSA_ERROR_DUPLICATE,
  MEDUSA_ERROR_CONFLICT,
  MEDUSA_ERROR_RATE_LIMITED,
  MEDUSA_ERROR_INVALID_RESET_TOKEN,
  MEDUSA_ERROR_SERVER,
  MEDUSA_ERROR_PARSE,
  MEDUSA_ERROR_OTHER_ORIGIN,
} MedusaError;

GQuark medusa_error_quark (void);

G_END_DECLS
