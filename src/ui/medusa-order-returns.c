/* medusa-order-returns.c: the "Returns" group of an order's page: each
 * return with its state and items, and the way to ask for one
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-line-item.h"
#include "medusa-money.h"
#include "medusa-order-returns.h"
#include "medusa-return-dialog.h"
#include "medusa-returns.h"
#include "medusa-status-badge.h"
#include "medusa-ui-utils.h"

struct _MedusaOrderReturns
{
  AdwBin         parent_instance;

  MedusaSession *session;
  MedusaOrder   *order;         /* (nullable) */
  GListModel    *returns;       /* (nullable) once loaded */
  GCancellable  *cancellable;

  /* template widgets */
  AdwPreferencesGroup *group;
  GtkWidget     *request_button;
  GtkListBox    *returns_list;
};

G_DEFINE_FINAL_TYPE (MedusaOrderReturns, medusa_order_returns, ADW_TYPE_BIN)

static void load (MedusaOrderReturns *self);

/* Auxiliary methods */

static void
clear_list (MedusaOrderReturns *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->returns_list))) != NULL)
    gtk_list_box_remove (self->returns_list, child);
}

static void
status_text (const char  *status,
             const char **text,
             const char **style)
{
  if (g_strcmp0 (status, "requested") == 0)
    *text = C_("return status", "Requested"), *style = "warning";
  else if (g_strcmp0 (status, "received") == 0)
    *text = C_("return status", "Received"), *style = "success";
  else if (g_strcmp0 (status, "requires_action") == 0)
    *text = C_("return status", "Needs Attention"), *style = "error";
  else if (g_strcmp0 (status, "canceled") == 0)
    *text = C_("return status", "Canceled"), *style = "dim-label";
  else
    *text = C_("return status", "Unknown"), *style = "dim-label";
}

static const char *
item_title (MedusaOrderReturns *self,
            const char         *item_id)
{
  GListModel *items = medusa_order_get_items (self->order);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (medusa_line_item_get_id (item), item_id) == 0)
        return medusa_line_item_get_title (item);
    }
  return NULL;
}

/* "2 × Test Mug (Too small)" per line */
static char *
return_items_text (MedusaOrderReturns *self,
                   MedusaReturn       *ret)
{
  GListModel *items = medusa_return_get_items (ret);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items) && i < 50; i++)
    {
      g_autoptr(MedusaReturnItem) item = g_list_model_get_item (items, i);
      const char *title = item_title (self, medusa_return_item_get_item_id (item));
      const char *reason = medusa_return_item_get_reason_label (item);
      g_autofree char *line = NULL;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_return_item_get_quantity (item));

      if (title == NULL)
        title = _("Item");
      if (reason != NULL && *reason != '\0')
        /* Translators: a returned item: quantity, product and reason, e.g. "2 × Mug (Too small)" */
        line = g_strdup_printf (_("%s × %s (%s)"), count, title, reason);
      else
        /* Translators: a returned item: quantity and product, e.g. "2 × Mug" */
        line = g_strdup_printf (_("%s × %s"), count, title);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
fill (MedusaOrderReturns *self)
{
  guint n = self->returns != NULL ? g_list_model_get_n_items (self->returns) : 0;
  gboolean left = FALSE;
  GListModel *items = medusa_order_get_items (self->order);

  clear_list (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaReturn) ret = g_list_model_get_item (self->returns, i);
      g_autofree char *date = medusa_ui_format_date (medusa_return_get_created_at (ret));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = return_items_text (self, ret);
      GtkWidget *row = adw_action_row_new ();
      const char *text;
      const char *style;

      if (medusa_return_get_created_at (ret) != NULL)
        /* Translators: a return of the order; %s is the date it was asked for */
        title = g_strdup_printf (_("Return of %s"), date);
      else
        /* Translators: what of the order was asked back, when the store
         * tells only how many of each item (not when, or in which return) */
        title = g_strdup (_("Items asked back"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      status_text (medusa_return_get_status (ret), &text, &style);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), medusa_status_badge_new (text, style));
      gtk_list_box_append (self->returns_list, row);
    }

  for (guint i = 0; i < g_list_model_get_n_items (items) && !left; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);

      left = medusa_returns_left_to_return (medusa_line_item_get_quantity (item),
                                            medusa_returns_count_item (self->returns,
                                                                       medusa_line_item_get_id (item))) > 0;
    }

  gtk_widget_set_visible (self->request_button,
                          left && medusa_return_dialog_order_allows_return (self->order));
  gtk_widget_set_visible (GTK_WIDGET (self->returns_list), n > 0);
  adw_preferences_group_set_description (self->group,
                                         n == 0 ? _("You have not asked to return anything from this order.") : NULL);
  /* Nothing to show and nothing to do: no group at all. */
  gtk_widget_set_visible (GTK_WIDGET (self),
                          n > 0 || gtk_widget_get_visible (self->request_button));
}

static void
on_list_returns_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedusaOrderReturns *self;
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(GError) error = NULL;

  returns = medusa_client_list_order_returns_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_ORDER_RETURNS (user_data);
  if (error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (error, _("Could not load the returns"));

      /* Without the returns, what is left to return is not known. */
      g_clear_object (&self->returns);
      clear_list (self);
      gtk_widget_set_visible (self->request_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->returns_list), FALSE);
      adw_preferences_group_set_description (self->group, message);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      return;
    }

  g_set_object (&self->returns, returns);
  fill (self);
}

static void
load (MedusaOrderReturns *self)
{
  MedusaClient *client = self->session != NULL ? medusa_session_get_client (self->session) : NULL;

  if (self->order == NULL || client == NULL)
    return;

  medusa_client_list_order_returns_async (client, medusa_order_get_id (self->order),
                                          medusa_ui_renew_cancellable (&self->cancellable),
                                          on_list_returns_cb, self);
}

/* Callbacks */

static void
on_dialog_requested_cb (MedusaOrderReturns *self,
                        MedusaReturn       *ret)
{
  medusa_ui_show_toast (GTK_WIDGET (self), _("Return requested"));
}

/* Whatever happened in the dialog (even a send cut short), the store says
 * what the order's returns are now. */
static void
on_dialog_destroy_cb (MedusaOrderReturns *self)
{
  load (self);
}

static void
request_clicked_cb (MedusaOrderReturns *self)
{
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->order == NULL || self->session == NULL || self->returns == NULL)
    return;

  dialog = medusa_return_dialog_new (self->session, self->order, self->returns);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "requested", G_CALLBACK (on_dialog_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
medusa_order_returns_dispose (GObject *object)
{
  MedusaOrderReturns *self = MEDUSA_ORDER_RETURNS (object);

  medusa_ui_drop_cancellable (&self->cancellable);
  medusa_ui_bin_dispose_template (ADW_BIN (self), MEDUSA_TYPE_ORDER_RETURNS);
  g_clear_object (&self->returns);
  g_clear_object (&self->order);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_order_returns_parent_class)->dispose (object);
}

static void
medusa_order_returns_class_init (MedusaOrderReturnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medusa_order_returns_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-order-returns.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderReturns, group);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderReturns, request_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderReturns, returns_list);
  gtk_widget_class_bind_template_callback (widget_class, request_clicked_cb);
}

static void
medusa_order_returns_init (MedusaOrderReturns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_status_badge_ensure_css ();
}

void
medusa_order_returns_set_session (MedusaOrderReturns *self,
                                  MedusaSession      *session)
{
  g_return_if_fail (MEDUSA_IS_ORDER_RETURNS (self));
  g_return_if_fail (session == NULL || MEDUSA_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
medusa_order_returns_set_order (MedusaOrderReturns *self,
                                MedusaOrder        *order)
{
  g_return_if_fail (MEDUSA_IS_ORDER_RETURNS (self));
  g_return_if_fail (order == NULL || MEDUSA_IS_ORDER (order));

  medusa_ui_drop_cancellable (&self->cancellable);
  if (order == NULL || self->order == NULL ||
      g_strcmp0 (medusa_order_get_id (order), medusa_order_get_id (self->order)) != 0)
    {
      g_clear_object (&self->returns);
      clear_list (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
  g_set_object (&self->order, order);
  load (self);
}
