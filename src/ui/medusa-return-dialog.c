/* medusa-return-dialog.c: ask the store to take items of an order back:
 * the items with how many of each, a reason and a note, and the return
 * shipping method with its price
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-money.h"
#include "medusa-return-dialog.h"
#include "medusa-return-item-row.h"
#include "medusa-returns.h"
#include "medusa-ui-utils.h"

struct _MedusaReturnDialog
{
  AdwWindow            parent_instance;

  MedusaSession       *session;
  MedusaOrder         *order;
  GListModel          *returns;       /* the order's returns so far */
  GListModel          *reasons;       /* (nullable) once loaded */
  GListModel          *options;       /* (nullable) once loaded */
  MedusaReturnRequest *request;       /* one for every attempt: one Idempotency-Key */
  GCancellable        *cancellable;   /* loading and submitting */
  GError              *load_error;
  guint                n_loading;
  gboolean             submitting;

  /* template widgets */
  GtkWidget           *submit_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkWidget           *form_box;
  GtkLabel            *error_label;
  GtkListBox          *items_list;
  AdwComboRow         *shipping_row;
  GtkWidget           *no_shipping_row;
};

G_DEFINE_FINAL_TYPE (MedusaReturnDialog, medusa_return_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ORDER,
  PROP_RETURNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

gboolean
medusa_return_dialog_order_allows_return (MedusaOrder *order)
{
  MedusaOrderStatus status;

  g_return_val_if_fail (MEDUSA_IS_ORDER (order), FALSE);

  status = medusa_order_get_status (order);
  if (status == MEDUSA_ORDER_STATUS_CANCELED || status == MEDUSA_ORDER_STATUS_ARCHIVED)
    return FALSE;

  switch (medusa_order_get_fulfillment_status (order))
    {
    case MEDUSA_FULFILLMENT_STATUS_FULFILLED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED:
    case MEDUSA_FULFILLMENT_STATUS_SHIPPED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED:
      return TRUE;
    default:
      return FALSE;
    }
}

static gint64
total_quantity (MedusaReturnDialog *self)
{
  gint64 total = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->items_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (MEDUSA_IS_RETURN_ITEM_ROW (row) && total < G_MAXINT32)
      total += medusa_return_item_row_get_quantity (MEDUSA_RETURN_ITEM_ROW (row));
  return total;
}

static void
update_validity (MedusaReturnDialog *self)
{
  gboolean ready = self->reasons != NULL && self->options != NULL && !self->submitting;

  gtk_widget_set_sensitive (self->submit_button, ready && total_quantity (self) > 0);
}

static void
show_error (MedusaReturnDialog *self,
            const char         *message)
{
  medusa_ui_label_set_error (self->error_label, message);
}

static void
set_submitting (MedusaReturnDialog *self,
                gboolean            submitting)
{
  self->submitting = submitting;
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (self->submit_button), submitting);
  gtk_widget_set_sensitive (self->form_box, !submitting);
  update_validity (self);
}

static char *
option_label (MedusaReturnDialog *self,
              MedusaReturnOption *option)
{
  gint64 price = medusa_return_option_get_price (option);
  g_autofree char *money = NULL;

  if (price < 0)
    return g_strdup (medusa_return_option_get_name (option));
  if (price == 0)
    /* Translators: a return shipping method and its price, e.g. "Standard Return · Free" */
    return g_strdup_printf (_("%s · Free"), medusa_return_option_get_name (option));

  money = medusa_money_format (price, medusa_order_get_currency_code (self->order));
  /* Translators: a return shipping method and its price, e.g. "Return by Post · €4.95" */
  return g_strdup_printf (_("%s · %s"), medusa_return_option_get_name (option), money);
}

static void
fill_form (MedusaReturnDialog *self)
{
  GListModel *items = medusa_order_get_items (self->order);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_rows = 0;
  guint n_options = g_list_model_get_n_items (self->options);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      gint64 left = medusa_returns_left_to_return (medusa_line_item_get_quantity (item),
                                                   medusa_returns_count_item (self->returns,
                                                                              medusa_line_item_get_id (item)));
      GtkWidget *row;

      if (left <= 0)
        continue;
      row = medusa_return_item_row_new (item, left, self->reasons);
      g_signal_connect_object (row, "notify::quantity", G_CALLBACK (update_validity), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->items_list, row);
      n_rows++;
    }
  if (n_rows == 0)
    show_error (self, _("Every item of this order is already being returned."));

  for (guint i = 0; i < n_options; i++)
    {
      g_autoptr(MedusaReturnOption) option = g_list_model_get_item (self->options, i);
      g_autofree char *label = option_label (self, option);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->shipping_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->shipping_row), n_options > 0);
  gtk_widget_set_visible (self->no_shipping_row, n_options == 0);

  medusa_ui_stack_show_state (self->stack, self->spinner, "form");
  update_validity (self);

  if (n_rows > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->items_list)));
}

static void
load_finished (MedusaReturnDialog *self)
{
  if (--self->n_loading > 0)
    return;

  if (self->load_error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (self->load_error,
                                                          _("Could not load the return options"));

      adw_status_page_set_description (self->error_page, message);
      g_clear_error (&self->load_error);
      g_clear_object (&self->reasons);
      g_clear_object (&self->options);
      medusa_ui_stack_show_state (self->stack, self->spinner, "error");
      return;
    }

  fill_form (self);
}

static void
on_reasons_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MedusaReturnDialog *self;
  g_autoptr(GListModel) reasons = NULL;
  g_autoptr(GError) error = NULL;

  reasons = medusa_client_list_return_reasons_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_RETURN_DIALOG (user_data);
  g_set_object (&self->reasons, reasons);
  if (error != NULL && self->load_error == NULL)
    self->load_error = g_steal_pointer (&error);
  load_finished (self);
}

static void
on_options_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MedusaReturnDialog *self;
  g_autoptr(GListModel) options = NULL;
  g_autoptr(GError) error = NULL;

  options = medusa_client_list_order_return_options_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_RETURN_DIALOG (user_data);
  g_set_object (&self->options, options);
  if (error != NULL && self->load_error == NULL)
    self->load_error = g_steal_pointer (&error);
  load_finished (self);
}

static void
load (MedusaReturnDialog *self)
{
  MedusaClient *client = medusa_session_get_client (self->session);
  const char *region_id = medusa_order_get_region_id (self->order);
  GCancellable *cancellable;

  if (client == NULL)
    return;

  cancellable = medusa_ui_renew_cancellable (&self->cancellable);
  medusa_ui_stack_show_state (self->stack, self->spinner, "loading");
  self->n_loading = 2;
  medusa_client_list_return_reasons_async (client, cancellable, on_reasons_cb, self);
  /* By the order: a v1 store lists them by region (none without one), a
   * v2 store by the order's cart. */
  medusa_client_list_order_return_options_async (client, medusa_order_get_id (self->order), region_id,
                                                 cancellable, on_options_cb, self);
}

static void
on_request_return_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MedusaReturnDialog *self;
  g_autoptr(MedusaReturn) ret = NULL;
  g_autoptr(GError) error = NULL;

  ret = medusa_client_request_return_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_RETURN_DIALOG (user_data);
  set_submitting (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (error, _("Could not request the return"));

      if (medusa_return_request_get_outcome_unknown (self->request))
        {
          /* Translators: after an error message, when the store may have the return anyway */
          g_autofree char *full = g_strdup_printf ("%s %s", message,
                                                   _("Trying again will not ask for the return twice."));

          show_error (self, full);
        }
      else
        show_error (self, message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_REQUESTED], 0, ret);
  gtk_window_close (GTK_WINDOW (self));
}

static void
submit (MedusaReturnDialog *self)
{
  MedusaClient *client = medusa_session_get_client (self->session);
  guint selected;

  if (self->submitting || client == NULL || total_quantity (self) <= 0)
    return;

  show_error (self, NULL);

  /* The same request (and key) every time: only what it holds is new. */
  medusa_return_request_clear_items (self->request);
  for (GtkWidget *widget = gtk_widget_get_first_child (GTK_WIDGET (self->items_list));
       widget != NULL; widget = gtk_widget_get_next_sibling (widget))
    {
      MedusaReturnItemRow *row;
      g_autofree char *note = NULL;
      gint64 quantity;

      if (!MEDUSA_IS_RETURN_ITEM_ROW (widget))
        continue;
      row = MEDUSA_RETURN_ITEM_ROW (widget);
      quantity = medusa_return_item_row_get_quantity (row);
      if (quantity <= 0)
        continue;
      note = medusa_return_item_row_dup_note (row);
      medusa_return_request_add_item (self->request,
                                      medusa_line_item_get_id (medusa_return_item_row_get_item (row)),
                                      quantity, medusa_return_item_row_get_reason_id (row), note);
    }

  selected = adw_combo_row_get_selected (self->shipping_row);
  if (selected != GTK_INVALID_LIST_POSITION && selected < g_list_model_get_n_items (self->options))
    {
      g_autoptr(MedusaReturnOption) option = g_list_model_get_item (self->options, selected);

      medusa_return_request_set_option_id (self->request, medusa_return_option_get_id (option));
    }
  else
    medusa_return_request_set_option_id (self->request, NULL);

  set_submitting (self, TRUE);
  medusa_client_request_return_async (client, self->request,
                                      medusa_ui_renew_cancellable (&self->cancellable),
                                      on_request_return_cb, self);
}

/* Callbacks */

static void
submit_clicked_cb (MedusaReturnDialog *self)
{
  submit (self);
}

static void
retry_clicked_cb (MedusaReturnDialog *self)
{
  load (self);
}

/* Sign-out, the idle lock, another account: what was typed goes with the dialog. */
static void
session_clear_input_cb (MedusaReturnDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
medusa_return_dialog_constructed (GObject *object)
{
  MedusaReturnDialog *self = MEDUSA_RETURN_DIALOG (object);
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (medusa_return_dialog_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL && self->order != NULL);

  self->request = medusa_return_request_new (medusa_order_get_id (self->order));
  /* Only returns the caller knows: without them the client reads what the
   * order had itself before sending (an empty list would say "nothing"). */
  if (self->returns != NULL)
    medusa_return_request_set_known_returns (self->request, self->returns);
  else
    self->returns = G_LIST_MODEL (g_list_store_new (MEDUSA_TYPE_RETURN));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (self->order));
  /* Translators: the return dialog's title; %s is the order number */
  title = g_strdup_printf (_("Return Items of Order #%s"), number);
  gtk_window_set_title (GTK_WINDOW (self), title);

  g_signal_connect_object (self->session, "clear-input",
                           G_CALLBACK (session_clear_input_cb), self, G_CONNECT_SWAPPED);
  load (self);
}

static void
medusa_return_dialog_dispose (GObject *object)
{
  MedusaReturnDialog *self = MEDUSA_RETURN_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_RETURN_DIALOG);

  g_clear_object (&self->request);
  g_clear_object (&self->reasons);
  g_clear_object (&self->options);
  g_clear_object (&self->returns);
  g_clear_object (&self->order);
  g_clear_object (&self->session);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (medusa_return_dialog_parent_class)->dispose (object);
}

static void
medusa_return_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MedusaReturnDialog *self = MEDUSA_RETURN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    case PROP_RETURNS:
      g_value_set_object (value, self->returns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_return_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MedusaReturnDialog *self = MEDUSA_RETURN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_ORDER:
      g_set_object (&self->order, g_value_get_object (value));
      break;
    case PROP_RETURNS:
      g_set_object (&self->returns, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_return_dialog_class_init (MedusaReturnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_return_dialog_constructed;
  object_class->dispose = medusa_return_dialog_dispose;
  object_class->get_property = medusa_return_dialog_get_property;
  object_class->set_property = medusa_return_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, MEDUSA_TYPE_ORDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETURNS] =
    g_param_spec_object ("returns", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaReturnDialog::requested:
   * @ret: the return the store made
   *
   * Emitted once the store has the return, before the dialog closes.
   */
  signals[SIGNAL_REQUESTED] =
    g_signal_new ("requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MEDUSA_TYPE_RETURN);

  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-return-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, items_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaReturnDialog, no_shipping_row);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
medusa_return_dialog_init (MedusaReturnDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * medusa_return_dialog_new:
 * @session: the signed-in session
 * @order: the order (with its items)
 * @returns: (nullable): the order's returns so far
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
medusa_return_dialog_new (MedusaSession *session,
                          MedusaOrder   *order,
                          GListModel    *returns)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);
  g_return_val_if_fail (MEDUSA_IS_ORDER (order), NULL);
  g_return_val_if_fail (returns == NULL || G_IS_LIST_MODEL (returns), NULL);

  return g_object_new (MEDUSA_TYPE_RETURN_DIALOG,
                       "session", session,
                       "order", order,
                       "returns", returns,
                       NULL);
}
