/* widget-test-utils.c: helpers for in-process widget tests against the fake
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "WidgetTest"

#include "config.h"

#include <string.h>

#include "medusa-busy-button.h"
#include "medusa-store-profiles.h"
#include "widget-test-utils.h"

static GtkApplication *application;

static void
on_activate_cb (GApplication *app)
{
  /* Nothing: windows are made by the tests. */
}

void
wt_init (int    *argc,
         char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();

  /* The isolated XDG dirs of each case hide the MIME database, and without
   * it GdkPixbuf cannot tell an SVG icon from noise. Pin the real one
   * (g_content_type_set_mime_dirs() exists for tests like these). */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  /* Every warning is fatal (g_test_init), GTK's too: "GtkText - did not
   * receive a focus-out event" once meant a form went insensitive under the
   * focused entry (MedusaBusyButton now moves the focus first). */
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* GL under Xvfb is software rendering and several times slower than
   * cairo for these tests; what is drawn is not what they check. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* Deterministic English strings, whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_init ();
  adw_init ();

  application = GTK_APPLICATION (adw_application_new ("io.github.medusaaccount.MedusaAccount.WidgetTests",
                                                      G_APPLICATION_NON_UNIQUE));
  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("Could not register the test application: %s", error->message);
  /* Keep it alive while windows come and go. */
  g_application_hold (G_APPLICATION (application));
}

GtkApplication *
wt_get_application (void)
{
  return application;
}

/* Main loop */

void
wt_iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

void
wt_iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    wt_iterate ();
}

/* Fixture */

void
wt_fixture_setup (WtFixture     *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  fixture->fake = medusa_fake_server_new ();
  fixture->customer_id = medusa_fake_server_add_customer (fixture->fake, WT_EMAIL, WT_PASSWORD,
                                                          WT_FIRST_NAME, WT_LAST_NAME);

  /* Without the local copy, no background sync adds requests to the ones
   * the page tests count (test-widgets-local-orders turns it on). */
  settings = medusa_store_profiles_get_settings (medusa_store_profiles_get_default ());
  if (settings != NULL)
    g_settings_set_boolean (settings, "keep-local-copy", FALSE);

  fixture->session = medusa_session_new ();
  medusa_session_set_store (fixture->session, medusa_fake_server_get_url (fixture->fake),
                            NULL, "Fake Store", &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (medusa_window_new (application, fixture->session));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 760);
}

void
wt_fixture_teardown (WtFixture     *fixture,
                     gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs first (they are transient for the window), then the window. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (fixture->window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);

  /* Let cancelled requests and pending idles finish. */
  wt_iterate_ms (50);

  g_clear_object (&fixture->session);
  wt_iterate_ms (20);
  g_clear_object (&fixture->fake);
}

void
wt_fixture_start (WtFixture *fixture)
{
  gtk_window_present (GTK_WINDOW (fixture->window));
  medusa_window_start (fixture->window);
  wt_wait_until (g_strcmp0 (wt_fixture_page (fixture), "loading") != 0, WT_TIMEOUT);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

void
wt_fixture_sign_in (WtFixture  *fixture,
                    const char *email,
                    const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_session_sign_in_async (fixture->session, email, password, NULL, sign_in_cb, &result);
  wt_wait_until (result != NULL, WT_TIMEOUT);
  g_assert_true (medusa_session_sign_in_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  wt_fixture_wait_page (fixture, "overview");
}

const char *
wt_fixture_page (WtFixture *fixture)
{
  return medusa_window_get_page (fixture->window);
}

/* Finders */

gboolean
wt_is_visible_in (GtkWidget *widget,
                  GtkWidget *root)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_visible (w))
        return FALSE;
      if (w == root)
        return TRUE;

      /* Only the visible child of a stack counts. */
      if (GTK_IS_STACK (gtk_widget_get_parent (w)))
        {
          GtkStack *stack = GTK_STACK (gtk_widget_get_parent (w));

          if (gtk_stack_get_visible_child (stack) != w)
            return FALSE;
        }
    }

  return TRUE;
}

typedef gboolean (*WtMatchFunc) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget   *root,
             WtMatchFunc  match,
             gconstpointer data,
             gboolean     visible_only,
             GtkWidget   *top)
{
  if (root == NULL)
    return NULL;

  if (visible_only && !gtk_widget_get_visible (root))
    return NULL;

  if (match (root, data) && (!visible_only || wt_is_visible_in (root, top)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (visible_only && GTK_IS_STACK (root) &&
          gtk_stack_get_visible_child (GTK_STACK (root)) != child)
        continue;

      found = find_widget (child, match, data, visible_only, top);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
wt_find_by_type (GtkWidget *root,
                 GType      type)
{
  return find_widget (root, match_type, GSIZE_TO_POINTER (type), FALSE, root);
}

static gboolean
match_row (GtkWidget     *widget,
           gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

GtkWidget *
wt_find_row (GtkWidget  *root,
             const char *title)
{
  return find_widget (root, match_row, title, FALSE, root);
}

static gboolean
match_entry (GtkWidget     *widget,
             gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && match_row (widget, data);
}

GtkWidget *
wt_find_entry (GtkWidget  *root,
               const char *title)
{
  return find_widget (root, match_entry, title, TRUE, root);
}

static const char *
button_label (GtkWidget *widget)
{
  const char *label;

  if (MEDUSA_IS_BUSY_BUTTON (widget))
    return medusa_busy_button_get_label (MEDUSA_BUSY_BUTTON (widget));

  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label != NULL)
    return label;

  /* A button with a custom child: its first label. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_first_child (child))
    {
      if (GTK_IS_LABEL (child))
        return gtk_label_get_text (GTK_LABEL (child));
      if (ADW_IS_BUTTON_CONTENT (child))
        return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
    }

  return NULL;
}

static gboolean
match_button (GtkWidget     *widget,
              gconstpointer  data)
{
  const char *label;
  g_autofree char *plain = NULL;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  label = button_label (widget);
  if (label == NULL)
    return FALSE;
  if (g_strcmp0 (label, data) == 0)
    return TRUE;

  /* Mnemonics: "_Save" matches "Save". */
  if (strchr (label, '_') != NULL)
    {
      GString *s = g_string_new (label);

      g_string_replace (s, "_", "", 0);
      plain = g_string_free (s, FALSE);
      return g_strcmp0 (plain, data) == 0;
    }

  return FALSE;
}

GtkWidget *
wt_find_button (GtkWidget  *root,
                const char *label)
{
  return find_widget (root, match_button, label, TRUE, root);
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, data) != NULL;
}

GtkWidget *
wt_find_label (GtkWidget  *root,
               const char *text)
{
  return find_widget (root, match_label, text, TRUE, root);
}

GtkWidget *
wt_window_find_label (WtFixture  *fixture,
                      const char *text)
{
  return wt_find_label (GTK_WIDGET (fixture->window), text);
}

GtkWidget *
wt_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;  /* the toplevel list keeps it alive */
    }

  return NULL;
}

static void
dump_labels (GtkWidget *widget,
             GtkWidget *root,
             GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        g_string_append_printf (out, "[%s] ", text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_STACK (widget) && gtk_stack_get_visible_child (GTK_STACK (widget)) != child)
        continue;
      dump_labels (child, root, out);
    }
}

char *
wt_dump_labels (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  dump_labels (root, root, out);
  return g_string_free (out, FALSE);
}

/* Actions */

void
wt_set_text (GtkWidget  *editable,
             const char *text)
{
  g_assert_nonnull (editable);
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  wt_iterate_ms (5);
}

const char *
wt_get_text (GtkWidget *editable)
{
  g_assert_nonnull (editable);
  g_assert_true (GTK_IS_EDITABLE (editable));
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

void
wt_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  wt_iterate_ms (5);
}

void
wt_press_enter (GtkWidget *entry_row)
{
  g_assert_nonnull (entry_row);
  g_assert_true (ADW_IS_ENTRY_ROW (entry_row));
  g_signal_emit_by_name (entry_row, "entry-activated");
  wt_iterate_ms (5);
}

static GtkWidget *
require_entry (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = wt_find_entry (root, title);

  if (row == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("no visible entry row titled “%s”", title);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }

  return row;
}

void
wt_type (GtkWidget  *root,
         const char *title,
         const char *text)
{
  wt_set_text (require_entry (root, title), text);
}

const char *
wt_text_of (GtkWidget  *root,
            const char *title)
{
  return wt_get_text (require_entry (root, title));
}

void
wt_click_label (GtkWidget  *root,
                const char *label)
{
  GtkWidget *button = wt_find_button (root, label);

  if (button == NULL)
    {
      g_autofree char *labels = wt_dump_labels (root);
      g_autofree char *msg = g_strdup_printf ("no visible button labelled “%s” (labels: %s)",
                                              label, labels);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
  wt_click (button);
}

gboolean
wt_button_sensitive (GtkWidget  *root,
                     const char *label)
{
  GtkWidget *button = wt_find_button (root, label);

  if (button == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("no visible button labelled “%s”", label);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }

  return gtk_widget_is_sensitive (button);
}
