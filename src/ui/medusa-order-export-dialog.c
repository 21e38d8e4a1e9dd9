/* medusa-order-export-dialog.c: "Export Orders…": the file, the progress, the result
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-order-export.h"
#include "medusa-order-export-dialog.h"
#include "medusa-ui-utils.h"

struct _MedusaOrderExportDialog
{
  AdwWindow          parent_instance;

  MedusaOrderExport *export;       /* (owned) */
  MedusaSession     *session;      /* (owned) */
  GCancellable      *cancellable;  /* (owned) */
  GtkWidget         *origin;       /* (weak) (nullable) where the toast goes */
  guint              pulse_id;

  /* template widgets */
  GtkLabel          *file_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  GtkButton         *cancel_button;
};

G_DEFINE_FINAL_TYPE (MedusaOrderExportDialog, medusa_order_export_dialog, ADW_TYPE_WINDOW)

/* Auxiliary methods */

static gboolean
pulse_cb (gpointer user_data)
{
  MedusaOrderExportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update_progress (MedusaOrderExportDialog *self)
{
  guint n_exported = medusa_order_export_get_n_exported (self->export);
  gint64 n_total = medusa_order_export_get_n_total (self->export);
  g_autofree char *status = NULL;
  guint total;

  if (n_total < 0)
    return;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_total > 0 ? MIN (1.0, (double) n_exported / (double) n_total) : 1.0);
  /* Translators: progress of an export, "120 of 300 orders" */
  total = (guint) MIN (n_total, (gint64) G_MAXUINT);
  status = g_strdup_printf (ngettext ("%u of %u order", "%u of %u orders", total),
                            n_exported, total);
  gtk_label_set_label (self->status_label, status);
}

static void
show_error (GtkWindow    *parent,
            const GError *error)
{
  g_autofree char *message = NULL;
  GtkWidget *dialog;

  /* The export's file errors already say what to do; the store's get the
   * app's usual sentence. */
  if (error->domain == G_IO_ERROR)
    message = g_strdup (error->message);
  else
    message = medusa_ui_error_message (error, NULL);

  dialog = adw_message_dialog_new (parent, _("Could Not Export Orders"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
on_export_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MedusaOrderExportDialog) self = user_data;
  MedusaOrderExport *export = MEDUSA_ORDER_EXPORT (source);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (!medusa_order_export_run_finish (export, result, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      if (!medusa_ui_is_cancelled (error) && parent != NULL)
        show_error (parent, error);
      return;
    }

  if (self->origin != NULL)
    {
      g_autofree char *name = g_file_get_basename (medusa_order_export_get_file (export));
      guint n = medusa_order_export_get_n_exported (export);
      g_autofree char *message = NULL;

      /* Translators: "Exported 30 orders to “orders.csv”" */
      message = g_strdup_printf (ngettext ("Exported %u order to “%s”", "Exported %u orders to “%s”", n),
                                 n, name);
      medusa_ui_show_toast (self->origin, message);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (MedusaOrderExportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_label_set_label (self->status_label, _("Cancelling…"));
}

/* Signed out or locked (a shared workstation): the export stops and
 * removes what it wrote. */
static void
on_session_notify_state_cb (MedusaOrderExportDialog *self,
                            GParamSpec              *pspec,
                            MedusaSession           *session)
{
  if (medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN &&
      !g_cancellable_is_cancelled (self->cancellable))
    on_cancel_clicked_cb (self);
}

/* Closing (Escape, the window manager) is Cancel; the window goes once the
 * export has removed what it wrote. */
static gboolean
medusa_order_export_dialog_close_request (GtkWindow *window)
{
  MedusaOrderExportDialog *self = MEDUSA_ORDER_EXPORT_DIALOG (window);

  if (self->export == NULL)
    return FALSE;

  on_cancel_clicked_cb (self);
  return TRUE;
}

/* GObject */

static void
medusa_order_export_dialog_dispose (GObject *object)
{
  MedusaOrderExportDialog *self = MEDUSA_ORDER_EXPORT_DIALOG (object);

  /* The run may end after the window went (its callback holds a
   * reference): nothing reaches the disposed widgets. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->export != NULL)
    g_signal_handlers_disconnect_by_data (self->export, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_weak_pointer (&self->origin);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ORDER_EXPORT_DIALOG);

  G_OBJECT_CLASS (medusa_order_export_dialog_parent_class)->dispose (object);
}

static void
medusa_order_export_dialog_finalize (GObject *object)
{
  MedusaOrderExportDialog *self = MEDUSA_ORDER_EXPORT_DIALOG (object);

  g_clear_object (&self->export);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (medusa_order_export_dialog_parent_class)->finalize (object);
}

static void
medusa_order_export_dialog_class_init (MedusaOrderExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = medusa_order_export_dialog_dispose;
  object_class->finalize = medusa_order_export_dialog_finalize;
  window_class->close_request = medusa_order_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-order-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderExportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderExportDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
medusa_order_export_dialog_init (MedusaOrderExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/* The start */

typedef struct
{
  GtkWidget        *origin;   /* (weak) (nullable) */
  MedusaSession    *session;  /* (owned) */
  MedusaOrderQuery *query;    /* (owned) */
  gboolean          from_copy;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_weak_pointer (&data->origin);
  g_clear_object (&data->session);
  g_clear_pointer (&data->query, medusa_order_query_free);
  g_free (data);
}

GtkWidget *
medusa_order_export_dialog_start (GtkWidget              *widget,
                                  MedusaSession          *session,
                                  const MedusaOrderQuery *query,
                                  gboolean                from_copy,
                                  GFile                  *file)
{
  MedusaClient *client;
  MedusaAccountStore *store;
  GtkRoot *root;
  MedusaOrderExportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  client = medusa_session_get_client (session);
  if (client == NULL || medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return NULL;

  root = gtk_widget_get_root (widget);
  self = g_object_new (MEDUSA_TYPE_ORDER_EXPORT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  g_set_weak_pointer (&self->origin, widget);
  self->export = medusa_order_export_new (client, query, file);
  store = medusa_session_get_account_store (session);
  if (from_copy && store != NULL)
    medusa_order_export_set_copy (self->export, store);
  g_signal_connect_object (self->export, "notify::n-exported",
                           G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export, "notify::n-total",
                           G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (on_session_notify_state_cb), self, G_CONNECT_SWAPPED);

  name = g_file_get_parse_name (file);
  gtk_label_set_label (self->file_label, name);
  self->pulse_id = g_timeout_add (150, pulse_cb, self);

  gtk_window_present (GTK_WINDOW (self));
  medusa_order_export_run_async (self->export, self->cancellable, on_export_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ChooserData     *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && data->origin != NULL)
        medusa_order_export_dialog_start (data->origin, data->session, data->query,
                                          data->from_copy, file);
    }

  chooser_data_free (data);
  g_object_unref (chooser);
}

void
medusa_order_export_dialog_run (GtkWidget              *widget,
                                MedusaSession          *session,
                                const MedusaOrderQuery *query,
                                gboolean                from_copy)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;
  ChooserData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MEDUSA_IS_SESSION (session));

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (_("Export Orders"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "orders.csv");

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  data = g_new0 (ChooserData, 1);
  g_set_weak_pointer (&data->origin, widget);
  data->session = g_object_ref (session);
  data->query = query != NULL ? medusa_order_query_copy (query) : medusa_order_query_new ();
  data->from_copy = from_copy;

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
