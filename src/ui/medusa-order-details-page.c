/* medusa-order-details-page.c: everything about one order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-line-item-row.h"
#include "medusa-money.h"
#include "medusa-order-details-page.h"
#include "medusa-order-returns.h"
#include "medusa-status-badge.h"
#include "medusa-order-history.h"
#include "medusa-orders.h"
#include "medusa-page.h"
#include "medusa-payment-method.h"
#include "medusa-receipt.h"
#include "medusa-ui-utils.h"

struct _MedusaOrderDetailsPage
{
  MedusaPage     parent_instance;

  char          *order_id;      /* what is shown or loading */
  MedusaOrder   *order;         /* (nullable): what is shown */

  /* template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkLabel      *title_label;
  GtkLabel      *date_label;
  GtkBox        *badges_box;
  GtkLabel      *saved_copy_label;
  GtkListBox    *items_list;
  GtkListBox    *totals_list;
  GtkListBox    *shipping_list;
  GtkListBox    *payment_list;
  GtkListBox    *fulfillments_list;
  MedusaBusyButton *print_button;
  MedusaBusyButton *save_pdf_button;
  MedusaOrderReturns *order_returns;
};

G_DEFINE_FINAL_TYPE (MedusaOrderDetailsPage, medusa_order_details_page, MEDUSA_TYPE_PAGE)

/* Auxiliary methods */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
suffix_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* A plain row: @subtitle and @suffix may be NULL. */
static GtkWidget *
info_row (GtkListBox *list,
          const char *title,
          const char *subtitle,
          const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (suffix));
  gtk_list_box_append (list, row);

  return row;
}

static void
money_row (MedusaOrderDetailsPage *self,
           const char             *title,
           gint64                  amount,
           gboolean                negative,
           gboolean                always)
{
  g_autofree char *text = NULL;

  if (amount == 0 && !always)
    return;

  text = medusa_money_format (negative && amount > 0 ? -amount : amount,
                              medusa_order_get_currency_code (self->order));
  info_row (self->totals_list, title, NULL, text);
}

static void
fill_items (MedusaOrderDetailsPage *self)
{
  GListModel *items = medusa_order_get_items (self->order);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);

      gtk_list_box_append (self->items_list,
                           medusa_line_item_row_new (item, medusa_order_get_currency_code (self->order)));
    }

  if (n == 0)
    info_row (self->items_list, _("No items"), NULL, NULL);
}

static void
fill_totals (MedusaOrderDetailsPage *self)
{
  g_autofree char *total = medusa_money_format (medusa_order_get_total (self->order),
                                                medusa_order_get_currency_code (self->order));
  GtkWidget *row;
  GtkWidget *label;

  money_row (self, _("Subtotal"), medusa_order_get_subtotal (self->order), FALSE, TRUE);
  money_row (self, _("Shipping"), medusa_order_get_shipping_total (self->order), FALSE, FALSE);
  money_row (self, _("Discount"), medusa_order_get_discount_total (self->order), TRUE, FALSE);
  money_row (self, _("Tax"), medusa_order_get_tax_total (self->order), FALSE, FALSE);
  money_row (self, _("Gift card"), medusa_order_get_gift_card_total (self->order), TRUE, FALSE);
  money_row (self, _("Refunded"), medusa_order_get_refunded_total (self->order), TRUE, FALSE);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Total"));
  label = suffix_label (total);
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->totals_list, row);
}

static void
fill_shipping (MedusaOrderDetailsPage *self)
{
  MedusaAddress *address = medusa_order_get_shipping_address (self->order);
  GListModel *methods = medusa_order_get_shipping_methods (self->order);

  if (address != NULL)
    {
      g_autofree char *text = medusa_address_format_multiline (address);
      GtkWidget *row = info_row (self->shipping_list, _("Ship to"), text, NULL);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
    }
  else
    {
      info_row (self->shipping_list, _("Ship to"), _("No shipping address"), NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr(MedusaShippingMethod) method = g_list_model_get_item (methods, i);
      const char *name = medusa_shipping_method_get_name (method);
      g_autofree char *price = medusa_money_format (medusa_shipping_method_get_total (method),
                                                    medusa_order_get_currency_code (self->order));

      info_row (self->shipping_list,
                name != NULL && *name != '\0' ? name : _("Shipping method"),
                _("Shipping method"), price);
    }
}

static void
fill_payment (MedusaOrderDetailsPage *self)
{
  MedusaPaymentStatus status = medusa_order_get_payment_status (self->order);
  GListModel *payments = medusa_order_get_payments (self->order);
  GtkWidget *row;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Status"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             medusa_status_badge_new (medusa_payment_status_to_label (status),
                                                      medusa_payment_status_style (status)));
  gtk_list_box_append (self->payment_list, row);

  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr(MedusaPayment) payment = g_list_model_get_item (payments, i);
      g_autofree char *provider = medusa_payment_provider_dup_name (medusa_payment_get_provider_id (payment));
      const char *currency = medusa_payment_get_currency_code (payment);
      g_autofree char *amount = NULL;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      gint64 refunded = medusa_payment_get_amount_refunded (payment);

      if (currency == NULL)
        currency = medusa_order_get_currency_code (self->order);
      amount = medusa_money_format (medusa_payment_get_amount (payment), currency);

      if (medusa_payment_get_canceled_at (payment) != NULL)
        {
          g_autofree char *date = medusa_ui_format_date (medusa_payment_get_canceled_at (payment));

          when = g_strdup_printf (_("Canceled %s"), date);
        }
      else if (medusa_payment_get_captured_at (payment) != NULL)
        {
          g_autofree char *date = medusa_ui_format_date (medusa_payment_get_captured_at (payment));

          when = g_strdup_printf (_("Captured %s"), date);
        }
      else
        {
          when = g_strdup (_("Not captured yet"));
        }

      if (refunded > 0)
        {
          g_autofree char *refund = medusa_money_format (refunded, currency);

          subtitle = g_strdup_printf (_("%s · %s refunded"), when, refund);
        }
      else
        {
          subtitle = g_steal_pointer (&when);
        }

      info_row (self->payment_list, provider != NULL ? provider : _("Payment"), subtitle, amount);
    }
}

static GtkWidget *
tracking_widget (MedusaTrackingLink *link)
{
  const char *number = medusa_tracking_link_get_tracking_number (link);
  g_autofree char *url = medusa_tracking_link_dup_safe_url (medusa_tracking_link_get_url (link));
  GtkWidget *widget;

  /* Only a web address becomes a link; anything else (file:, javascript:,
   * …) is not opened: the number is shown as text the user can copy. */
  if (url != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Track the shipment %s"), number);

      widget = gtk_link_button_new_with_label (url, number);
      gtk_widget_set_tooltip_text (widget, tooltip);
    }
  else
    {
      widget = gtk_label_new (number);
      gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
      gtk_widget_add_css_class (widget, "monospace");
    }

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  return widget;
}

static void
fill_fulfillments (MedusaOrderDetailsPage *self)
{
  GListModel *fulfillments = medusa_order_get_fulfillments (self->order);
  guint n = g_list_model_get_n_items (fulfillments);

  if (n == 0)
    {
      MedusaFulfillmentStatus status = medusa_order_get_fulfillment_status (self->order);

      info_row (self->fulfillments_list,
                status == MEDUSA_FULFILLMENT_STATUS_CANCELED ? _("Canceled") : _("Not shipped yet"),
                NULL, NULL);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);
      gint64 n_items = medusa_fulfillment_get_n_items (fulfillment);
      g_autofree char *title = g_strdup_printf (_("Shipment %u"), i + 1);
      g_autofree char *state = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *items = n_items < 0 ? NULL :
                               g_strdup_printf (ngettext ("%u item", "%u items", (gulong) n_items),
                                                (guint) n_items);

      if (medusa_fulfillment_get_canceled_at (fulfillment) != NULL)
        {
          g_autofree char *date = medusa_ui_format_date (medusa_fulfillment_get_canceled_at (fulfillment));

          state = g_strdup_printf (_("Canceled %s"), date);
        }
      else if (medusa_fulfillment_get_shipped_at (fulfillment) != NULL)
        {
          g_autofree char *date = medusa_ui_format_date (medusa_fulfillment_get_shipped_at (fulfillment));

          state = g_strdup_printf (_("Shipped %s"), date);
        }
      else
        {
          state = g_strdup (_("Being prepared"));
        }

      /* The store may not say what a shipment holds: its state alone. */
      subtitle = items != NULL ? g_strdup_printf ("%s · %s", state, items) : g_strdup (state);
      info_row (self->fulfillments_list, title, subtitle, NULL);

      for (guint j = 0; j < g_list_model_get_n_items (links); j++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *widget = tracking_widget (link);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tracking number"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
          gtk_list_box_append (self->fulfillments_list, row);
        }
    }
}

static void
clear_content (MedusaOrderDetailsPage *self)
{
  clear_box (GTK_WIDGET (self->badges_box));
  clear_box (GTK_WIDGET (self->items_list));
  clear_box (GTK_WIDGET (self->totals_list));
  clear_box (GTK_WIDGET (self->shipping_list));
  clear_box (GTK_WIDGET (self->payment_list));
  clear_box (GTK_WIDGET (self->fulfillments_list));
  medusa_order_returns_set_order (self->order_returns, NULL);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->date_label, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print-receipt", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save-receipt", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_copy_label), FALSE);
}

static void
fill (MedusaOrderDetailsPage *self)
{
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *placed = NULL;
  GtkAdjustment *adjustment;

  clear_content (self);

  /* Translators: the heading of an order's page, e.g. "Order #1042" */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (self->order));
  title = g_strdup_printf (_("Order #%s"), number);
  date = medusa_ui_format_date (medusa_order_get_created_at (self->order));
  /* Translators: %s is a date */
  placed = g_strdup_printf (_("Placed %s"), date);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->date_label, placed);
  medusa_order_append_status_badges (self->order, self->badges_box);

  fill_items (self);
  fill_totals (self);
  fill_shipping (self);
  fill_payment (self);
  fill_fulfillments (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print-receipt", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save-receipt", TRUE);
  medusa_order_returns_set_session (self->order_returns, medusa_page_get_session (MEDUSA_PAGE (self)));
  medusa_order_returns_set_order (self->order_returns, self->order);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, 0);
  medusa_page_show_state (MEDUSA_PAGE (self), "order");

  /* Keyboard users land in the order (and Escape goes back) unless they
   * are already somewhere on this page. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->items_list));
    }
}

static void
on_retrieve_order_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MedusaOrderDetailsPage *self;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_copy = FALSE;

  /* From the store, or the copy saved when it cannot be reached */
  order = medusa_order_details_load_finish (result, &from_copy, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_ORDER_DETAILS_PAGE (user_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", TRUE);

  if (error != NULL)
    {
      if (self->order != NULL && g_strcmp0 (medusa_order_get_id (self->order), self->order_id) == 0)
        {
          g_autofree char *message = medusa_ui_error_message (error, _("Could not load the order"));

          /* A failed refresh keeps what is shown. */
          medusa_ui_show_toast (GTK_WIDGET (self), message);
          return;
        }
      g_clear_object (&self->order);
      clear_content (self);
      medusa_page_show_error (MEDUSA_PAGE (self), error, _("Could not load the order"));
      return;
    }

  g_set_object (&self->order, order);
  fill (self);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_copy_label), from_copy);
}

static void
load (MedusaOrderDetailsPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  MedusaClient *client = medusa_session_get_client (session);
  GCancellable *cancellable = medusa_page_renew_cancellable (MEDUSA_PAGE (self));

  if (self->order_id == NULL || client == NULL)
    return;

  if (self->order == NULL || g_strcmp0 (medusa_order_get_id (self->order), self->order_id) != 0)
    {
      g_clear_object (&self->order);
      clear_content (self);
      medusa_page_show_state (MEDUSA_PAGE (self), "loading");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", FALSE);
  medusa_order_details_load_async (session, self->order_id, cancellable,
                                   on_retrieve_order_cb, self);
}

/* Callbacks */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  medusa_ui_navigate (widget, "orders");
}

/* Receipts (medusa-receipt.c): of the order shown */
static void
receipt_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MedusaOrderDetailsPage *self = MEDUSA_ORDER_DETAILS_PAGE (widget);
  gboolean print = g_strcmp0 (action_name, "page.print-receipt") == 0;

  if (self->order == NULL)
    return;

  medusa_receipt_fetch_and_run (medusa_page_get_session (MEDUSA_PAGE (self)),
                                medusa_order_get_id (self->order), print,
                                print ? self->print_button : self->save_pdf_button,
                                medusa_page_get_cancellable (MEDUSA_PAGE (self)));
}

/* MedusaPage */

static void
medusa_order_details_page_refresh (MedusaPage *page)
{
  load (MEDUSA_ORDER_DETAILS_PAGE (page));
}

/* Signed out: nothing of the last person's order stays behind. */
static void
medusa_order_details_page_reset (MedusaPage *page)
{
  MedusaOrderDetailsPage *self = MEDUSA_ORDER_DETAILS_PAGE (page);

  g_clear_pointer (&self->order_id, g_free);
  g_clear_object (&self->order);
  clear_content (self);
  medusa_page_show_blank (page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", TRUE);
}

/* GObject */

static void
medusa_order_details_page_dispose (GObject *object)
{
  MedusaOrderDetailsPage *self = MEDUSA_ORDER_DETAILS_PAGE (object);

  g_clear_object (&self->order);

  G_OBJECT_CLASS (medusa_order_details_page_parent_class)->dispose (object);
}

static void
medusa_order_details_page_finalize (GObject *object)
{
  MedusaOrderDetailsPage *self = MEDUSA_ORDER_DETAILS_PAGE (object);

  g_free (self->order_id);

  G_OBJECT_CLASS (medusa_order_details_page_parent_class)->finalize (object);
}

static void
medusa_order_details_page_class_init (MedusaOrderDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MedusaPageClass *page_class = MEDUSA_PAGE_CLASS (klass);

  object_class->dispose = medusa_order_details_page_dispose;
  object_class->finalize = medusa_order_details_page_finalize;

  page_class->refresh = medusa_order_details_page_refresh;
  page_class->reset = medusa_order_details_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-order-details-page.ui");
  medusa_page_class_bind_state_pages (widget_class);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, badges_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, saved_copy_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, totals_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, shipping_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, payment_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, fulfillments_list);
  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, save_pdf_button);
  g_type_ensure (MEDUSA_TYPE_ORDER_RETURNS);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrderDetailsPage, order_returns);

  medusa_page_class_install_refresh (widget_class);
  gtk_widget_class_install_action (widget_class, "page.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "page.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "page.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "page.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "page.back", NULL);
  gtk_widget_class_install_action (widget_class, "page.print-receipt", NULL, receipt_action);
  gtk_widget_class_install_action (widget_class, "page.save-receipt", NULL, receipt_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "page.print-receipt", NULL);
}

static void
medusa_order_details_page_init (MedusaOrderDetailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print-receipt", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save-receipt", FALSE);
}

GtkWidget *
medusa_order_details_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_ORDER_DETAILS_PAGE,
                       "session", session,
                       NULL);
}

void
medusa_order_details_page_show_order (MedusaOrderDetailsPage *self,
                                      const char             *order_id)
{
  g_return_if_fail (MEDUSA_IS_ORDER_DETAILS_PAGE (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');

  if (g_strcmp0 (self->order_id, order_id) != 0)
    {
      g_free (self->order_id);
      self->order_id = g_strdup (order_id);
    }

  load (self);
}
