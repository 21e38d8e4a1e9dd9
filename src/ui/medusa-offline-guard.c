/* medusa-offline-guard.c: controls that send changes, held back while the
 * store cannot be reached
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaOfflineGuard"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-offline-guard.h"

#define GUARD_KEY "medusa-offline-guard"

typedef struct
{
  GtkWidget     *widget;      /* (unowned): the guard is its data */
  MedusaSession *session;     /* (owned) */
  gulong         offline_id;  /* on session */
  char          *tooltip;     /* (owned) (nullable): the widget's own, while held back */
  gboolean       wanted;      /* the sensitivity its page asked for */
  gboolean       held;        /* held back now */
  gboolean       applying;
} OfflineGuard;

static void
guard_free (gpointer data)
{
  OfflineGuard *guard = data;

  g_clear_signal_handler (&guard->offline_id, guard->session);
  g_clear_object (&guard->session);
  g_free (guard->tooltip);
  g_free (guard);
}

static void
apply (OfflineGuard *guard)
{
  gboolean offline = medusa_session_get_offline (guard->session);

  guard->applying = TRUE;
  if (offline && !guard->held)
    {
      guard->tooltip = g_strdup (gtk_widget_get_tooltip_text (guard->widget));
      gtk_widget_set_tooltip_text (guard->widget, medusa_offline_guard_reason ());
    }
  else if (!offline && guard->held)
    {
      gtk_widget_set_tooltip_text (guard->widget, guard->tooltip);
      g_clear_pointer (&guard->tooltip, g_free);
    }
  guard->held = offline;
  gtk_widget_set_sensitive (guard->widget, guard->wanted && !offline);
  guard->applying = FALSE;
}

static void
on_session_notify_offline_cb (MedusaSession *session,
                              GParamSpec    *pspec,
                              OfflineGuard  *guard)
{
  apply (guard);
}

/* Something else changed the sensitivity (busy, an action's state, a
 * binding): that is what is wanted once the store is back. While held
 * back, an insensitive widget says nothing new: GObject may deliver the
 * guard's own change after it returned, and a FALSE set on a FALSE widget
 * is not notified at all (medusa_offline_guard_set_sensitive() is for
 * that). */
static void
on_widget_notify_sensitive_cb (GtkWidget    *widget,
                               GParamSpec   *pspec,
                               OfflineGuard *guard)
{
  if (guard->applying || (guard->held && !gtk_widget_get_sensitive (widget)))
    return;
  guard->wanted = gtk_widget_get_sensitive (widget);
  if (guard->held)
    apply (guard);
}

const char *
medusa_offline_guard_reason (void)
{
  return _("The store can't be reached. You can make changes again when it is back.");
}

void
medusa_offline_guard_set_sensitive (GtkWidget *widget,
                                    gboolean   sensitive)
{
  OfflineGuard *guard;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  guard = g_object_get_data (G_OBJECT (widget), GUARD_KEY);
  if (guard == NULL)
    {
      gtk_widget_set_sensitive (widget, sensitive);
      return;
    }
  guard->wanted = sensitive;
  apply (guard);
}

void
medusa_offline_guard_add (GtkWidget     *widget,
                          MedusaSession *session)
{
  OfflineGuard *guard;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MEDUSA_IS_SESSION (session));
  g_return_if_fail (g_object_get_data (G_OBJECT (widget), GUARD_KEY) == NULL);

  guard = g_new0 (OfflineGuard, 1);
  guard->widget = widget;
  guard->session = g_object_ref (session);
  guard->wanted = gtk_widget_get_sensitive (widget);
  g_object_set_data_full (G_OBJECT (widget), GUARD_KEY, guard, guard_free);

  guard->offline_id = g_signal_connect (session, "notify::offline",
                                        G_CALLBACK (on_session_notify_offline_cb), guard);
  g_signal_connect (widget, "notify::sensitive", G_CALLBACK (on_widget_notify_sensitive_cb), guard);
  if (medusa_session_get_offline (session))
    apply (guard);
}
