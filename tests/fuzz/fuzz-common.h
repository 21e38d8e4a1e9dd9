/* fuzz-common.h: what every libFuzzer target of tests/fuzz shares
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target is one C file that defines LLVMFuzzerTestOneInput(). A broken
 * invariant is reported with FUZZ_CHECK(), which prints what was wrong and
 * aborts, so libFuzzer keeps the input as a crash artifact.
 */
#pragma once

#include <glib.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FUZZ_CHECK(cond, ...)                                                  \
  G_STMT_START {                                                               \
    if (G_UNLIKELY (!(cond)))                                                  \
      {                                                                        \
        fprintf (stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__,      \
                 #cond);                                                       \
        fprintf (stderr, __VA_ARGS__);                                         \
        fputc ('\n', stderr);                                                  \
        abort ();                                                              \
      }                                                                        \
  } G_STMT_END

/* Text shown to people (or sent to the server) must be valid UTF-8. */
#define FUZZ_CHECK_UTF8(str, what)                                             \
  G_STMT_START {                                                               \
    const char *fuzz_s_ = (str);                                               \
    FUZZ_CHECK (fuzz_s_ == NULL || g_utf8_validate (fuzz_s_, -1, NULL),        \
                "%s is not valid UTF-8", (what));                              \
  } G_STMT_END

/* Criticals (g_return_if_fail) and warnings are bugs here too: the tests run
 * with G_DEBUG=fatal-criticals, the fuzzers make them fatal themselves. */
static inline void
fuzz_common_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL);
  /* g_debug() output of the core would only slow the fuzzer down */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

/* The locales the app is translated to, when this machine has them: money
 * and dates are formatted in each. Index 0 is always C.UTF-8 (or C). */
#define FUZZ_N_LOCALES 3

static inline locale_t
fuzz_locale (guint i)
{
  static locale_t locales[FUZZ_N_LOCALES];
  static gboolean initialized;

  if (!initialized)
    {
      static const char * const names[FUZZ_N_LOCALES] = { "C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };

      for (guint k = 0; k < FUZZ_N_LOCALES; k++)
        locales[k] = newlocale (LC_ALL_MASK, names[k], (locale_t) 0);
      if (locales[0] == (locale_t) 0)
        locales[0] = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      initialized = TRUE;
    }

  i %= FUZZ_N_LOCALES;
  return locales[i] != (locale_t) 0 ? locales[i] : locales[0];
}

G_END_DECLS
