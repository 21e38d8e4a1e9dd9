/* hostile-store-main.c: medusa-hostile-store, the hostile fake as a program
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   medusa-hostile-store --port N [--log FILE] --mode [PATH=]MODE ...
 *
 * MODE is one of redirect-other:PORT[:STATUS] (default 307, to
 * http://127.0.0.1:PORT with the request's own path), nested, bad-utf8,
 * gzip-bomb, huge, drip, cookie-flood. Without PATH= a mode applies to every
 * path. GET /store/regions answers an empty list unless a mode names that
 * path, so that the app can connect. Prints "READY <port>" once it listens;
 * stops on SIGINT or SIGTERM.
 * The log has one line per request: method, path, and whether it carried a
 * body or an Authorization header — never the body or a header's value.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "medusa-hostile-server.h"

#define NESTED_DEPTH    100000
#define BOMB_SIZE       ((guint64) 1024 * 1024 * 1024)
#define HUGE_SIZE       ((guint64) 1024 * 1024 * 1024)
#define DRIP_INTERVAL   200
#define N_FLOOD_COOKIES 3000

static void
log_request_cb (const MedusaHostileRequest *request,
                gpointer                    user_data)
{
  FILE *log = user_data;

  fprintf (log, "%s %s body=%s authorization=%s\n",
           medusa_hostile_request_get_method (request),
           medusa_hostile_request_get_path (request),
           medusa_hostile_request_get_body_size (request) > 0 ? "yes" : "no",
           medusa_hostile_request_get_header (request, "Authorization") != NULL ? "yes" : "no");
  fflush (log);
}

static gboolean
add_redirect_other (MedusaHostileServer  *server,
                    const char           *path,
                    const char           *args,
                    GError              **error)
{
  g_auto(GStrv) parts = g_strsplit (args, ":", 2);
  guint64 port = 0;
  guint64 status = 307;
  g_autofree char *origin = NULL;

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &port, error) ||
      (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 300, 399, &status, error)))
    return FALSE;

  origin = g_strdup_printf ("http://127.0.0.1:%u", (guint) port);
  medusa_hostile_server_set_redirect_to_origin (server, path, (guint) status, origin);
  return TRUE;
}

/* "[PATH=]MODE" */
static gboolean
add_mode (MedusaHostileServer  *server,
          const char           *spec,
          GError              **error)
{
  const char *equals = strchr (spec, '=');
  g_autofree char *path = equals != NULL ? g_strndup (spec, (gsize) (equals - spec)) : g_strdup ("/");
  const char *mode = equals != NULL ? equals + 1 : spec;

  if (g_str_has_prefix (mode, "redirect-other:"))
    return add_redirect_other (server, path, mode + strlen ("redirect-other:"), error);
  else if (strcmp (mode, "nested") == 0)
    medusa_hostile_server_set_nested (server, path, 200, NESTED_DEPTH);
  else if (strcmp (mode, "bad-utf8") == 0)
    medusa_hostile_server_set_bad_utf8 (server, path);
  else if (strcmp (mode, "gzip-bomb") == 0)
    medusa_hostile_server_set_gzip_bomb (server, path, BOMB_SIZE);
  else if (strcmp (mode, "huge") == 0)
    medusa_hostile_server_set_huge (server, path, 200, HUGE_SIZE);
  else if (strcmp (mode, "drip") == 0)
    medusa_hostile_server_set_drip (server, path, DRIP_INTERVAL);
  else if (strcmp (mode, "cookie-flood") == 0)
    medusa_hostile_server_set_cookie_flood (server, path, N_FLOOD_COOKIES);
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Unknown mode “%s”", mode);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  g_auto(GStrv) modes = NULL;
  g_autofree char *log_path = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any)", "N" },
    { "mode", 0, 0, G_OPTION_ARG_STRING_ARRAY, &modes, "How to answer (repeatable)", "[PATH=]MODE" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, "Where to log requests", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a hostile Medusa store");
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaHostileServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  FILE *log = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || port < 0 || port > 65535)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Invalid port");
      return 2;
    }

  server = medusa_hostile_server_new ((guint) port, &error);
  if (server != NULL)
    medusa_hostile_server_set_json (server, "/store/regions", 200, "{\"regions\":[],\"count\":0}");
  for (guint i = 0; server != NULL && modes != NULL && modes[i] != NULL; i++)
    if (!add_mode (server, modes[i], &error))
      break;
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (log_path != NULL && (log = fopen (log_path, "a")) == NULL)
    {
      g_printerr ("Cannot open %s\n", log_path);
      return 1;
    }
  if (log != NULL)
    medusa_hostile_server_set_log_func (server, log_request_cb, log);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);

  printf ("READY %u\n", medusa_hostile_server_get_port (server));
  fflush (stdout);
  g_main_loop_run (loop);

  g_clear_object (&server);
  if (log != NULL)
    fclose (log);
  return 0;
}
