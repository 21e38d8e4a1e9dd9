/* main.c: the entry point
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "medusa-application.h"
#include "medusa-region.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MedusaApplication) app = NULL;
  /* Only for running from the build tree (tools/demo.sh, the GUI tests):
   * the compiled catalogs are in <builddir>/po until `meson install`. */
  const char *localedir = g_getenv ("MEDUSA_ACCOUNT_LOCALEDIR");

#ifdef __GLIBC__
  /* glibc raises its mmap threshold (128 KiB at first) each time a large
   * block is freed, up to 32 MiB, and gives heap memory back only from the
   * heap's top: after a few order pages (bodies, JSON, models, rows) the app
   * kept ~6 MB of freed heap for good. At glibc's own starting values, fixed,
   * blocks of 128 KiB and more are unmapped when freed and a free top over
   * 256 KiB is returned. RSS at rest, order details: 113–117 → 108–109 MB
   * (bench/README.md, issue 10). */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024);
  /* Each thread that ever allocated (GTask workers parsing answers, the
   * keyring, the local copy, D-Bus, GTK's) got an arena of its own, with its
   * free memory kept apart: 13 at rest on the orders page. The main thread
   * keeps the main arena; all others share one. RSS at rest, orders page
   * and order details: −1.1 to −1.5 MB (bench/README.md, issue 10). */
  mallopt (M_ARENA_MAX, 2);
#endif

  /* A GTask worker (one parsed the last answer) that has nothing to do is
   * parked by GLib and, by default, woken 15 s later to exit: a wake-up on a
   * page where nothing happens (issue 10's idle row). Parked workers now
   * wait for work without a timeout; GLib keeps at most two of them
   * (g_thread_pool_get_max_unused_threads), and the next answer to parse
   * reuses one instead of starting a thread. */
  g_thread_pool_set_max_idle_time (0);

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* country names (iso-codes), in the default locale directory */
  bind_textdomain_codeset (MEDUSA_ISO_3166_DOMAIN, "UTF-8");

  app = medusa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
