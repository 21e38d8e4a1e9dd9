/* medusa-status-badge.c: the small status labels of an order
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-status-badge.h"

/* Badges look the same wherever they are; the rule is ours, so it ships here. */
static const char badge_css[] =
  ".medusa-badge {"
  "  padding: 1px 8px;"
  "  border-radius: 999px;"
  "  font-size: smaller;"
  "  font-weight: bold;"
  "  background-color: alpha(currentColor, 0.12);"
  "}"
  /* beats "label.error { margin-top }" meant for form errors */
  "label.medusa-badge, label.medusa-badge.error {"
  "  margin: 0;"
  "}";

void
medusa_status_badge_ensure_css (void)
{
  static gboolean installed = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  if (installed)
    return;

  display = gdk_display_get_default ();
  if (display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, badge_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  installed = TRUE;
}

static const char *
medusa_order_status_style (MedusaOrderStatus status)
{
  switch (status)
    {
    case MEDUSA_ORDER_STATUS_COMPLETED:
      return "success";
    case MEDUSA_ORDER_STATUS_CANCELED:
      return "error";
    case MEDUSA_ORDER_STATUS_REQUIRES_ACTION:
      return "warning";
    case MEDUSA_ORDER_STATUS_PENDING:
    case MEDUSA_ORDER_STATUS_DRAFT:
    case MEDUSA_ORDER_STATUS_ARCHIVED:
    case MEDUSA_ORDER_STATUS_UNKNOWN:
    default:
      return "dim-label";
    }
}

static const char *
medusa_fulfillment_status_style (MedusaFulfillmentStatus status)
{
  switch (status)
    {
    case MEDUSA_FULFILLMENT_STATUS_SHIPPED:
    case MEDUSA_FULFILLMENT_STATUS_FULFILLED:
    case MEDUSA_FULFILLMENT_STATUS_DELIVERED:
      return "success";
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_DELIVERED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED:
    case MEDUSA_FULFILLMENT_STATUS_PARTIALLY_RETURNED:
    case MEDUSA_FULFILLMENT_STATUS_REQUIRES_ACTION:
      return "warning";
    case MEDUSA_FULFILLMENT_STATUS_CANCELED:
      return "error";
    case MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED:
    case MEDUSA_FULFILLMENT_STATUS_RETURNED:
    case MEDUSA_FULFILLMENT_STATUS_UNKNOWN:
    default:
      return "dim-label";
    }
}

const char *
medusa_payment_status_style (MedusaPaymentStatus status)
{
  switch (status)
    {
    case MEDUSA_PAYMENT_STATUS_CAPTURED:
      return "success";
    case MEDUSA_PAYMENT_STATUS_AUTHORIZED:
    case MEDUSA_PAYMENT_STATUS_PARTIALLY_AUTHORIZED:
    case MEDUSA_PAYMENT_STATUS_PARTIALLY_CAPTURED:
    case MEDUSA_PAYMENT_STATUS_AWAITING:
    case MEDUSA_PAYMENT_STATUS_NOT_PAID:
    case MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED:
    case MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION:
      return "warning";
    case MEDUSA_PAYMENT_STATUS_CANCELED:
      return "error";
    case MEDUSA_PAYMENT_STATUS_REFUNDED:
    case MEDUSA_PAYMENT_STATUS_UNKNOWN:
    default:
      return "dim-label";
    }
}

GtkWidget *
medusa_status_badge_new (const char *text,
                         const char *style_class)
{
  GtkWidget *label;

  medusa_status_badge_ensure_css ();

  label = gtk_label_new (text);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "medusa-badge");
  gtk_widget_add_css_class (label, "status-badge");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static void
append_badge (GtkBox     *box,
              const char *label,
              const char *style_class,
              const char *tooltip)
{
  GtkWidget *badge = medusa_status_badge_new (label, style_class);

  gtk_widget_set_tooltip_text (badge, tooltip);
  gtk_box_append (box, badge);
}

void
medusa_order_append_status_badges (MedusaOrder *order,
                                   GtkBox      *box)
{
  const char *status = medusa_order_status_to_label (medusa_order_get_status (order));
  const char *fulfillment = medusa_fulfillment_status_to_label (medusa_order_get_fulfillment_status (order));
  const char *payment = medusa_payment_status_to_label (medusa_order_get_payment_status (order));
  /* The three can read alike ("Canceled"): the tooltips say which is which. */
  /* Translators: %s is an order status, e.g. "Pending" */
  g_autofree char *status_tip = g_strdup_printf (_("Order: %s"), status);
  /* Translators: %s is a fulfillment status, e.g. "Shipped" */
  g_autofree char *fulfillment_tip = g_strdup_printf (_("Shipping: %s"), fulfillment);
  /* Translators: %s is a payment status, e.g. "Paid" */
  g_autofree char *payment_tip = g_strdup_printf (_("Payment: %s"), payment);

  append_badge (box, status, medusa_order_status_style (medusa_order_get_status (order)), status_tip);
  append_badge (box, fulfillment,
                medusa_fulfillment_status_style (medusa_order_get_fulfillment_status (order)),
                fulfillment_tip);
  append_badge (box, payment, medusa_payment_status_style (medusa_order_get_payment_status (order)),
                payment_tip);
}
