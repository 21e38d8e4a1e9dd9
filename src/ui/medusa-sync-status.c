/* medusa-sync-status.c: the quiet line under the header bar that says how
 * fresh the shown account is
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaSyncStatus"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-sync-status.h"

struct _MedusaSyncStatus
{
  AdwBin         parent_instance;

  MedusaSession *session;       /* (owned) */
  GtkRevealer   *revealer;
  GtkLabel      *label;
  char          *text;          /* (owned) (nullable): NULL while hidden */
  guint          midnight_id;   /* "10:42" becomes a date when the day is over */
};

G_DEFINE_FINAL_TYPE (MedusaSyncStatus, medusa_sync_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (MedusaSyncStatus *self);

char *
medusa_sync_status_format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of day as in "10:42"; see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M"));

  /* Translators: a date and a time of day as in "12 Mar 2026, 10:42"; see
   * g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static gboolean
midnight_cb (gpointer user_data)
{
  MedusaSyncStatus *self = user_data;

  self->midnight_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* One wake-up when the day changes, only while a time of today is shown. */
static void
schedule_midnight (MedusaSyncStatus *self,
                   GDateTime        *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (when == NULL)
    return;

  local = g_date_time_to_local (when);
  if (g_date_time_get_year (local) != g_date_time_get_year (now) ||
      g_date_time_get_day_of_year (local) != g_date_time_get_day_of_year (now))
    return;

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  g_return_if_fail (today != NULL);
  midnight = g_date_time_add_days (today, 1);
  until = g_date_time_difference (midnight, now);
  self->midnight_id = g_timeout_add_seconds ((guint) (until / G_USEC_PER_SEC) + 1, midnight_cb, self);
}

static char *
status_text (MedusaSyncStatus *self)
{
  GDateTime *last_synced = medusa_session_get_last_synced (self->session);
  g_autofree char *when = NULL;

  /* Signed out, locked or no copy: nothing of it is shown. */
  if (medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN ||
      medusa_session_get_account_store (self->session) == NULL)
    return NULL;

  if (last_synced != NULL)
    when = medusa_sync_status_format_when (last_synced);

  /* While offline, the retries every minute do not flicker "Updating…". */
  if (medusa_session_get_offline (self->session))
    {
      if (when == NULL)
        return g_strdup (_("Offline — showing your saved account"));
      /* Translators: %s is a time ("10:42") or a date and time */
      return g_strdup_printf (_("Offline — showing your saved account from %s"), when);
    }
  if (medusa_session_get_syncing (self->session))
    return g_strdup (_("Updating…"));
  if (when != NULL)
    /* Translators: %s is a time ("10:42") or a date and time */
    return g_strdup_printf (_("Updated %s"), when);
  return NULL;
}

static void
update (MedusaSyncStatus *self)
{
  g_autofree char *text = status_text (self);

  schedule_midnight (self, text != NULL ? medusa_session_get_last_synced (self->session) : NULL);

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  /* The last text stays while the line slides away (then it is hidden
   * from screen readers too: on_child_revealed_cb). */
  if (self->text != NULL)
    {
      gtk_label_set_text (self->label, self->text);
      gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
    }
  gtk_revealer_set_reveal_child (self->revealer, self->text != NULL);
}

static void
on_child_revealed_cb (MedusaSyncStatus *self)
{
  if (self->text == NULL && !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
}

/* GObject */

static void
medusa_sync_status_constructed (GObject *object)
{
  MedusaSyncStatus *self = MEDUSA_SYNC_STATUS (object);
  static const char * const watched[] = {
    "notify::state", "notify::account-store", "notify::last-synced", "notify::offline",
    "notify::syncing",
  };

  G_OBJECT_CLASS (medusa_sync_status_parent_class)->constructed (object);

  g_return_if_fail (MEDUSA_IS_SESSION (self->session));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (self->session, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
medusa_sync_status_dispose (GObject *object)
{
  MedusaSyncStatus *self = MEDUSA_SYNC_STATUS (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_sync_status_parent_class)->dispose (object);
}

static void
medusa_sync_status_finalize (GObject *object)
{
  MedusaSyncStatus *self = MEDUSA_SYNC_STATUS (object);

  g_free (self->text);

  G_OBJECT_CLASS (medusa_sync_status_parent_class)->finalize (object);
}

static void
medusa_sync_status_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedusaSyncStatus *self = MEDUSA_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_sync_status_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedusaSyncStatus *self = MEDUSA_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_sync_status_class_init (MedusaSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_sync_status_constructed;
  object_class->dispose = medusa_sync_status_dispose;
  object_class->finalize = medusa_sync_status_finalize;
  object_class->get_property = medusa_sync_status_get_property;
  object_class->set_property = medusa_sync_status_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MEDUSA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "syncstatus");
}

static void
medusa_sync_status_init (MedusaSyncStatus *self)
{
  GtkWidget *label;

  /* A label a screen reader reads like any other text of the window; no
   * spinner: "Updating…" says it without moving. */
  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  self->label = GTK_LABEL (label);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, label);
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
  g_signal_connect_object (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

GtkWidget *
medusa_sync_status_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_SYNC_STATUS,
                       "session", session,
                       NULL);
}

const char *
medusa_sync_status_get_text (MedusaSyncStatus *self)
{
  g_return_val_if_fail (MEDUSA_IS_SYNC_STATUS (self), NULL);

  return self->text;
}
