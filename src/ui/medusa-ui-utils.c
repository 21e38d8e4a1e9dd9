/* medusa-ui-utils.c: small helpers every page uses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaUiUtils"

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "medusa-error.h"
#include "medusa-ui-utils.h"

#define MIN_PASSWORD_LENGTH 8

/* The server's message, when a person can read it: no JSON, no HTML, no
 * code identifiers. Returns a new string with a capital and a full stop,
 * or NULL. (medusa-error-mapping.c has already unwrapped nested JSON.) */
static char *
human_server_message (const char *message,
                      gboolean    allow_identifiers)
{
  g_autofree char *text = NULL;
  gsize len;

  if (message == NULL)
    return NULL;

  text = g_strstrip (g_strdup (message));
  len = strlen (text);
  if (len == 0 || len > 300 || strpbrk (text, "{}<>[]\\") != NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  if (strchr (text, '_') != NULL)
    {
      if (!allow_identifiers)
        return NULL;
      /* "first_name must be a string" → "first name must be a string" */
      g_strdelimit (text, "_", ' ');
    }

  if (g_ascii_islower (text[0]))
    text[0] = g_ascii_toupper (text[0]);
  if (!g_str_has_suffix (text, ".") && !g_str_has_suffix (text, "!") &&
      !g_str_has_suffix (text, "?"))
    {
      char *with_stop = g_strconcat (text, ".", NULL);
      g_free (text);
      text = with_stop;
    }

  return g_steal_pointer (&text);
}

static char *
reason_for_error (const GError *error)
{
  char *server;

  if (error == NULL)
    return g_strdup (_("Something went wrong. Try again."));

  if (error->domain == MEDUSA_ERROR)
    {
      switch ((MedusaError) error->code)
        {
        case MEDUSA_ERROR_NETWORK:
          return g_strdup (_("Could not reach the store. Check your connection and try again."));
        case MEDUSA_ERROR_TIMEOUT:
          return g_strdup (_("The store took too long to answer. Try again."));
        case MEDUSA_ERROR_TLS:
          return g_strdup (_("The store’s security certificate could not be verified."));
        case MEDUSA_ERROR_INVALID_CREDENTIALS:
          return g_strdup (_("The email or password is incorrect."));
        case MEDUSA_ERROR_UNAUTHORIZED:
          return g_strdup (_("Your session has expired. Sign in again."));
        case MEDUSA_ERROR_INVALID_DATA:
          server = human_server_message (error->message, TRUE);
          return server ? server : g_strdup (_("The store did not accept the data. Check the form and try again."));
        case MEDUSA_ERROR_NOT_ALLOWED:
          server = human_server_message (error->message, FALSE);
          return server ? server : g_strdup (_("The store does not allow this."));
        case MEDUSA_ERROR_NOT_FOUND:
          server = human_server_message (error->message, FALSE);
          return server ? server : g_strdup (_("The store could not find what was asked for."));
        case MEDUSA_ERROR_DUPLICATE:
          server = human_server_message (error->message, FALSE);
          return server ? server : g_strdup (_("An account with this email address already exists."));
        case MEDUSA_ERROR_CONFLICT:
          return g_strdup (_("The data changed on the store meanwhile. Reload and try again."));
        case MEDUSA_ERROR_RATE_LIMITED:
          return g_strdup (_("Too many attempts. Wait a moment and try again."));
        case MEDUSA_ERROR_INVALID_RESET_TOKEN:
          return g_strdup (_("This reset link is invalid or has expired."));
        case MEDUSA_ERROR_SERVER:
          return g_strdup (_("The store had a problem. Try again later."));
        case MEDUSA_ERROR_PARSE:
          /* The client's own sentence: too large, cut off, unreadable… */
          server = human_server_message (error->message, FALSE);
          return server ? server : g_strdup (_("The store sent an answer that could not be understood."));
        case MEDUSA_ERROR_OTHER_ORIGIN:
          /* names the other address, and what to do */
          return g_strdup (error->message);
        default:
          break;
        }
    }
  else if (error->domain == G_IO_ERROR)
    {
      /* The only G_IO_ERRORs we raise ourselves; everything else is generic. */
      if (error->code == G_IO_ERROR_INVALID_ARGUMENT)
        {
          /* Our own sentence on what is wrong: the address, the name or the key. */
          server = human_server_message (error->message, FALSE);
          return server ? server : g_strdup (_("This store address is not valid."));
        }
      if (error->code == G_IO_ERROR_NOT_INITIALIZED)
        return g_strdup (_("Choose a store first."));
      if (error->code == G_IO_ERROR_TIMED_OUT)
        return g_strdup (_("The store took too long to answer. Try again."));
    }

  return g_strdup (_("Something went wrong. Try again."));
}

char *
medusa_ui_error_message (const GError *error,
                         const char   *what_failed)
{
  g_autofree char *reason = reason_for_error (error);

  if (what_failed == NULL || *what_failed == '\0')
    return g_steal_pointer (&reason);

  /* Translators: "<what failed>. <why>", e.g. "Could not save your profile. The store had a problem." */
  return g_strdup_printf (_("%s. %s"), what_failed, reason);
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor;
  GtkRoot *root;
  GtkWindow *window;

  ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* A dialog: use the overlay of the window it belongs to. */
  root = gtk_widget_get_root (widget);
  if (root == NULL || !GTK_IS_WINDOW (root))
    return NULL;

  for (window = GTK_WINDOW (root); window != NULL; window = gtk_window_get_transient_for (window))
    {
      GtkWidget *content = NULL;

      if (ADW_IS_APPLICATION_WINDOW (window))
        content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
      else if (ADW_IS_WINDOW (window))
        content = adw_window_get_content (ADW_WINDOW (window));
      else
        content = gtk_window_get_child (window);

      if (content != NULL && ADW_IS_TOAST_OVERLAY (content))
        return ADW_TOAST_OVERLAY (content);
    }

  return NULL;
}

void
medusa_ui_show_toast (GtkWidget  *widget,
                      const char *message)
{
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = find_toast_overlay (widget);
  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
medusa_ui_show_error (GtkWidget     *widget,
                      MedusaSession *session,
                      const GError  *error,
                      const char    *what_failed)
{
  g_autofree char *message = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error == NULL || medusa_ui_is_cancelled (error))
    return;

  /* A 401 has locked the session already (its client's "unauthorized"):
   * the password is asked in place, no toast needed. */
  if (session != NULL && g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED) &&
      medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_OUT)
    return;

  message = medusa_ui_error_message (error, what_failed);
  medusa_ui_show_toast (widget, message);
}

void
medusa_ui_navigate (GtkWidget  *widget,
                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  if (!gtk_widget_activate_action (widget, "win.navigate", "s", name))
    g_warning ("No window action to navigate to “%s”", name);
}

char *
medusa_ui_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (when);
  /* Translators: a date as in "12 Mar 2026"; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}

gboolean
medusa_ui_is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Forms */

const char *
medusa_ui_row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

char *
medusa_ui_row_dup_stripped (gpointer row)
{
  return g_strstrip (g_strdup (medusa_ui_row_text (row)));
}

void
medusa_ui_row_fill_if_empty (gpointer    row,
                             const char *text)
{
  if (text != NULL && *medusa_ui_row_text (row) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
medusa_ui_row_set_invalid (gpointer widget,
                           gboolean invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

void
medusa_ui_label_set_error (GtkLabel   *label,
                           const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

gboolean
medusa_ui_update_password_hint (GtkLabel   *hint,
                                GtkWidget  *confirm_row,
                                const char *password,
                                const char *confirm,
                                const char *confirm_prompt)
{
  glong password_len = g_utf8_strlen (password, -1);
  g_autofree char *owned = NULL;
  const char *text;
  const char *style;
  gboolean mismatch = FALSE;

  if (password_len == 0)
    {
      /* Translators: %d is the minimum length of a password (8) */
      text = owned = g_strdup_printf (ngettext ("Use at least %d character for your password.",
                                                "Use at least %d characters for your password.",
                                                MIN_PASSWORD_LENGTH),
                                      MIN_PASSWORD_LENGTH);
      style = "dim-label";
    }
  else if (password_len < MIN_PASSWORD_LENGTH)
    {
      /* Translators: %d is the minimum length of a password (8) */
      text = owned = g_strdup_printf (ngettext ("The password needs at least %d character.",
                                                "The password needs at least %d characters.",
                                                MIN_PASSWORD_LENGTH),
                                      MIN_PASSWORD_LENGTH);
      style = "error";
    }
  else if (*confirm == '\0')
    {
      text = confirm_prompt;
      style = "dim-label";
    }
  else if (g_strcmp0 (password, confirm) != 0)
    {
      text = _("The passwords do not match.");
      style = "error";
      mismatch = TRUE;
    }
  else
    {
      text = _("The passwords match.");
      style = "success";
    }

  gtk_widget_remove_css_class (GTK_WIDGET (hint), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (hint), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (hint), "dim-label");
  gtk_label_set_label (hint, text);
  gtk_widget_add_css_class (GTK_WIDGET (hint), style);
  medusa_ui_row_set_invalid (confirm_row, mismatch);

  return g_str_equal (style, "success");
}

gboolean
medusa_ui_focus_first_empty_row (GtkWidget * const *rows,
                                 guint              n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      if (*medusa_ui_row_text (rows[i]) == '\0')
        {
          gtk_widget_grab_focus (rows[i]);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
grab_focus_idle_cb (gpointer user_data)
{
  GtkWidget *widget = user_data;

  if (gtk_widget_get_mapped (widget))
    gtk_widget_grab_focus (widget);

  return G_SOURCE_REMOVE;
}

void
medusa_ui_grab_focus_when_shown (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* A GtkStack that held the focus moves it into the page it shows with
   * Tab, after the page's map: from the page's first field to its second. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grab_focus_idle_cb,
                   g_object_ref (widget), g_object_unref);
}

/* Cancellables */

GCancellable *
medusa_ui_renew_cancellable (GCancellable **cancellable)
{
  medusa_ui_drop_cancellable (cancellable);
  *cancellable = g_cancellable_new ();

  return *cancellable;
}

void
medusa_ui_drop_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* Pages */

void
medusa_ui_stack_show_state (GtkStack   *stack,
                            GtkSpinner *spinner,
                            const char *name)
{
  gtk_spinner_set_spinning (spinner, g_str_equal (name, "loading"));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), name) != 0)
    gtk_stack_set_visible_child_name (stack, name);
}

void
medusa_ui_bin_dispose_template (AdwBin *bin,
                                GType   type)
{
  /* The bin's child is a bound template child: let AdwBin drop it first, or
   * dispose_template unparents it behind AdwBin's back and AdwBin's dispose
   * then unparents a dead widget. */
  adw_bin_set_child (bin, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (bin), type);
}

typedef struct
{
  GtkWidget *page;         /* (owned) */
  char      *what_failed;  /* (owned) */
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_object_unref (data->page);
  g_free (data->what_failed);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefreshData, refresh_data_free)

static void
refresh_session_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RefreshData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_session_refresh_finish (MEDUSA_SESSION (object), result, &error))
    {
      if (medusa_ui_is_cancelled (error))
        return;

      medusa_ui_show_error (data->page, MEDUSA_SESSION (object), error, data->what_failed);
    }

  gtk_widget_action_set_enabled (data->page, "page.refresh", TRUE);
}

void
medusa_ui_refresh_session (GtkWidget     *page,
                           MedusaSession *session,
                           GCancellable  *cancellable,
                           const char    *what_failed)
{
  RefreshData *data;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (MEDUSA_IS_SESSION (session));

  data = g_new0 (RefreshData, 1);
  data->page = g_object_ref (page);
  data->what_failed = g_strdup (what_failed);

  gtk_widget_action_set_enabled (page, "page.refresh", FALSE);
  medusa_session_refresh_async (session, cancellable, refresh_session_cb, data);
}

/* Carrying an email between the auth pages */

void
medusa_ui_hand_over_email (GtkWidget     *widget,
                           MedusaSession *session,
                           const char    *action,
                           const char    *key,
                           const char    *page_name,
                           const char    *email)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MEDUSA_IS_SESSION (session));

  if (action != NULL &&
      gtk_widget_activate_action (widget, action, "s", email != NULL ? email : ""))
    return;

  g_object_set_data_full (G_OBJECT (session), key, g_strdup (email), g_free);
  medusa_ui_navigate (widget, page_name);
}

char *
medusa_ui_take_carried_email (MedusaSession *session,
                              const char    *key)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_steal_data (G_OBJECT (session), key);
}

void
medusa_ui_drop_carried_emails (MedusaSession *session)
{
  g_return_if_fail (MEDUSA_IS_SESSION (session));

  g_object_set_data (G_OBJECT (session), MEDUSA_UI_CARRIED_EMAIL_SIGN_IN, NULL);
  g_object_set_data (G_OBJECT (session), MEDUSA_UI_CARRIED_EMAIL_FORGOT_PASSWORD, NULL);
  g_object_set_data (G_OBJECT (session), MEDUSA_UI_CARRIED_EMAIL_RESET_PASSWORD, NULL);
}

/* Object data on a peek button: the names to give it (nullable: the generic
 * ones), and whether it already follows its text's visibility. */
#define PEEK_SHOW_KEY  "medusa-ui-peek-show"
#define PEEK_HIDE_KEY  "medusa-ui-peek-hide"
#define PEEK_NAMED_KEY "medusa-ui-peek-named"

static void
update_peek_name (GtkWidget *button,
                  GtkText   *text)
{
  const char *show = g_object_get_data (G_OBJECT (button), PEEK_SHOW_KEY);
  const char *hide = g_object_get_data (G_OBJECT (button), PEEK_HIDE_KEY);
  const char *name;

  if (gtk_text_get_visibility (text))
    name = hide != NULL ? hide : _("Hide Password");
  else
    name = show != NULL ? show : _("Show Password");

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, name);
}

static void
on_password_visibility_cb (GtkText    *text,
                           GParamSpec *pspec,
                           GtkWidget  *button)
{
  update_peek_name (button, text);
}

/* @show_name/@hide_name NULL: keep what the button was given before, or
 * the generic names. */
static void
name_peek_of_row (AdwPasswordEntryRow *row,
                  const char          *show_name,
                  const char          *hide_name)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  GtkWidget *button = NULL;
  GQueue queue = G_QUEUE_INIT;

  if (!GTK_IS_TEXT (delegate))
    return;

  /* The peek button is the row's button with the eye icon (the row has a
   * hidden "apply" button too). */
  g_queue_push_tail (&queue, row);
  while (button == NULL && !g_queue_is_empty (&queue))
    {
      GtkWidget *widget = g_queue_pop_head (&queue);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          const char *icon = GTK_IS_BUTTON (child) ?
                             gtk_button_get_icon_name (GTK_BUTTON (child)) : NULL;

          if (icon != NULL && g_str_has_prefix (icon, "view-"))
            {
              button = child;
              break;
            }
          g_queue_push_tail (&queue, child);
        }
    }
  g_queue_clear (&queue);

  if (button == NULL)
    return;

  if (show_name != NULL)
    g_object_set_data_full (G_OBJECT (button), PEEK_SHOW_KEY, g_strdup (show_name), g_free);
  if (hide_name != NULL)
    g_object_set_data_full (G_OBJECT (button), PEEK_HIDE_KEY, g_strdup (hide_name), g_free);

  update_peek_name (button, GTK_TEXT (delegate));
  if (g_object_get_data (G_OBJECT (button), PEEK_NAMED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (button), PEEK_NAMED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_object (delegate, "notify::visibility",
                               G_CALLBACK (on_password_visibility_cb), button, 0);
    }
}

void
medusa_ui_name_password_peek (GtkWidget  *row,
                              const char *show_name,
                              const char *hide_name)
{
  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));
  g_return_if_fail (show_name != NULL && hide_name != NULL);

  name_peek_of_row (ADW_PASSWORD_ENTRY_ROW (row), show_name, hide_name);
}

void
medusa_ui_name_password_peeks (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    {
      name_peek_of_row (ADW_PASSWORD_ENTRY_ROW (root), NULL, NULL);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    medusa_ui_name_password_peeks (child);
}

/* Instrumentation for tools/bench.sh, off unless MEDUSA_ACCOUNT_BENCH is set. */

static gint64 bench_last_tick;
static gint64 bench_max_gap;
static gint64 bench_last_cpu;
static gint64 bench_max_cpu_gap;

/* Busy stretches from this long on are printed, each one */
#define BENCH_BUSY_US 4000

/* CPU time of the calling thread, µs */
static gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A gap between two ticks is the main loop not getting back to its timers:
 * busy (its CPU time in the gap, "busy": what the app did in one go), or
 * not running (a busy machine, or waiting in a system call). */
static gboolean
bench_gap_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = bench_thread_cpu_us ();

  if (bench_last_tick != 0 && now - bench_last_tick > bench_max_gap)
    {
      bench_max_gap = now - bench_last_tick;
      g_print ("MEDUSA_BENCH gap %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
               bench_max_gap, now, cpu - bench_last_cpu);
    }
  if (bench_last_tick != 0 && cpu - bench_last_cpu >= BENCH_BUSY_US)
    {
      bench_max_cpu_gap = MAX (bench_max_cpu_gap, cpu - bench_last_cpu);
      g_print ("MEDUSA_BENCH busy %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
               cpu - bench_last_cpu, now, now - bench_last_tick);
    }
  bench_last_tick = now;
  bench_last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  g_print ("MEDUSA_BENCH %s %" G_GINT64_FORMAT "\n", (const char *) user_data, g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, user_data);
}

/**
 * medusa_ui_bench_mark:
 * @widget: (nullable): the widget whose drawing is timed, or %NULL for now
 * @what: (not nullable): a static name for the moment
 *
 * Only with MEDUSA_ACCOUNT_BENCH set (tools/bench.sh): prints, the first time
 * for each @what, "MEDUSA_BENCH @what <g_get_monotonic_time ()>" on stdout,
 * after the next frame of @widget has been painted (at once when @widget is
 * %NULL or has no frame clock yet). With MEDUSA_ACCOUNT_BENCH=stall, the
 * first mark also starts a 1 ms timeout that prints each new longest gap
 * between its runs as "MEDUSA_BENCH gap <µs> <time> <cpu µs>" (the longest
 * main-loop stall, and the main thread's CPU time in it) and each CPU time
 * of 4 ms or more between runs as "MEDUSA_BENCH busy <cpu µs> <time> <µs>"
 * (the main loop busy in one go). Otherwise it does nothing.
 */
void
medusa_ui_bench_mark (GtkWidget  *widget,
                      const char *what)
{
  static const char *mode = NULL;
  static GHashTable *marked = NULL;
  GdkFrameClock *clock;

  if (G_LIKELY (mode == NULL))
    {
      mode = g_getenv ("MEDUSA_ACCOUNT_BENCH");
      if (mode == NULL)
        mode = "";
    }
  if (G_LIKELY (*mode == '\0') || (marked != NULL && g_hash_table_contains (marked, what)))
    return;

  if (marked == NULL)
    {
      marked = g_hash_table_new (g_str_hash, g_str_equal);
      if (g_strcmp0 (mode, "stall") == 0)
        g_timeout_add (1, bench_gap_tick_cb, NULL);
    }
  g_hash_table_add (marked, (gpointer) what);

  clock = widget != NULL ? gtk_widget_get_frame_clock (widget) : NULL;
  if (clock == NULL)
    {
      g_print ("MEDUSA_BENCH %s %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
      return;
    }
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), (gpointer) what);
  gtk_widget_queue_draw (widget);
}
