/* main.c: the entry point
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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
