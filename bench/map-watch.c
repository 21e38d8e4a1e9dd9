/* map-watch.c: exec a program and report when its first top-level window is
 * mapped (X11 MapNotify on the root window), for tools/bench.sh.
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   map-watch PROGRAM [ARG...]
 *
 * Selects SubstructureNotify on the root window of $DISPLAY, then forks and
 * execs PROGRAM (its stdout and stderr are inherited) and prints, on stdout:
 *   MAPWATCH pid <pid>
 *   MAPWATCH exec <CLOCK_MONOTONIC µs just before fork>
 *   MAPWATCH map <CLOCK_MONOTONIC µs when the first non-override-redirect
 *                 top-level was mapped>
 * then waits for PROGRAM to exit and exits with its status. Times use the
 * clock of g_get_monotonic_time(), so the app's own timestamps compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <X11/Xlib.h>

static long long
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  long long t_exec;
  pid_t pid;
  int status;

  if (argc < 2)
    {
      fprintf (stderr, "usage: map-watch PROGRAM [ARG...]\n");
      return 2;
    }
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "map-watch: cannot open display\n");
      return 2;
    }
  XSelectInput (dpy, DefaultRootWindow (dpy), SubstructureNotifyMask);
  XSync (dpy, False);

  t_exec = now_us ();
  pid = fork ();
  if (pid < 0)
    return 2;
  if (pid == 0)
    {
      close (ConnectionNumber (dpy));
      execvp (argv[1], argv + 1);
      perror ("map-watch: exec");
      _exit (127);
    }
  printf ("MAPWATCH pid %d\nMAPWATCH exec %lld\n", (int) pid, t_exec);
  fflush (stdout);

  for (;;)
    {
      XEvent ev;

      XNextEvent (dpy, &ev);
      if (ev.type == MapNotify && !ev.xmap.override_redirect &&
          ev.xmap.event == DefaultRootWindow (dpy))
        {
          printf ("MAPWATCH map %lld\n", now_us ());
          fflush (stdout);
          break;
        }
    }
  XCloseDisplay (dpy);
  if (waitpid (pid, &status, 0) < 0)
    return 2;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
