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

/* The style classes a badge can have */
static const char * const badge_styles[] = { "success", "warning", "error", "dim-label" };

static GQuark
badge_tooltip_quark (void)
{
  return g_quark_from_static_string ("medusa-status-badge-tooltip");
}

static gboolean
on_badge_query_tooltip_cb (GtkWidget  *badge,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (badge), badge_tooltip_quark ());

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The tooltip is given when GTK asks for it (query-tooltip), and is the
 * badge's accessible description, as gtk_widget_set_tooltip_text() makes it.
 * That function is not used: on a shown widget it asks the display where the
 * pointer is (GTK 4.8 on X11: three round trips to the X server, waiting for
 * it), and the orders list sets three tooltips for each row it binds. */
static void
set_badge_tooltip (GtkWidget  *badge,
                   const char *tooltip)
{
  const char *was = g_object_get_qdata (G_OBJECT (badge), badge_tooltip_quark ());

  if (g_strcmp0 (was, tooltip) == 0)
    return;
  if (!gtk_widget_get_has_tooltip (badge))
    {
      g_signal_connect (badge, "query-tooltip", G_CALLBACK (on_badge_query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (badge, TRUE);
    }
  g_object_set_qdata_full (G_OBJECT (badge), badge_tooltip_quark (), g_strdup (tooltip), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

/* A badge of medusa_status_badge_new() says @label in @style_class now */
static void
set_badge (GtkWidget  *badge,
           const char *label,
           const char *style_class,
           const char *tooltip)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (badge)), label) != 0)
    gtk_label_set_text (GTK_LABEL (badge), label);
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    {
      if (g_strcmp0 (badge_styles[i], style_class) != 0)
        gtk_widget_remove_css_class (badge, badge_styles[i]);
    }
  if (style_class != NULL)
    gtk_widget_add_css_class (badge, style_class);
  set_badge_tooltip (badge, tooltip);
}

static void
append_badge (GtkBox     *box,
              const char *label,
              const char *style_class,
              const char *tooltip)
{
  GtkWidget *badge = medusa_status_badge_new (label, style_class);

  set_badge_tooltip (badge, tooltip);
  gtk_box_append (box, badge);
}

const char *
medusa_status_badge_get_tooltip (GtkWidget *badge)
{
  g_return_val_if_fail (GTK_IS_WIDGET (badge), NULL);

  return g_object_get_qdata (G_OBJECT (badge), badge_tooltip_quark ());
}

/* What the three badges of an order say */
typedef struct
{
  const char *label;
  const char *style;
  char       *tooltip;
} BadgeText;

static void
order_badges (MedusaOrder *order,
              BadgeText    badges[3])
{
  MedusaOrderStatus status = medusa_order_get_status (order);
  MedusaFulfillmentStatus fulfillment = medusa_order_get_fulfillment_status (order);
  MedusaPaymentStatus payment = medusa_order_get_payment_status (order);

  badges[0].label = medusa_order_status_to_label (status);
  badges[0].style = medusa_order_status_style (status);
  /* The three can read alike ("Canceled"): the tooltips say which is which. */
  /* Translators: %s is an order status, e.g. "Pending" */
  badges[0].tooltip = g_strdup_printf (_("Order: %s"), badges[0].label);
  badges[1].label = medusa_fulfillment_status_to_label (fulfillment);
  badges[1].style = medusa_fulfillment_status_style (fulfillment);
  /* Translators: %s is a fulfillment status, e.g. "Shipped" */
  badges[1].tooltip = g_strdup_printf (_("Shipping: %s"), badges[1].label);
  badges[2].label = medusa_payment_status_to_label (payment);
  badges[2].style = medusa_payment_status_style (payment);
  /* Translators: %s is a payment status, e.g. "Paid" */
  badges[2].tooltip = g_strdup_printf (_("Payment: %s"), badges[2].label);
}

void
medusa_order_update_status_badges (MedusaOrder *order,
                                   GtkWidget   *badges[3])
{
  BadgeText texts[3];

  g_return_if_fail (MEDUSA_IS_ORDER (order));

  order_badges (order, texts);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      set_badge (badges[i], texts[i].label, texts[i].style, texts[i].tooltip);
      g_free (texts[i].tooltip);
    }
}

void
medusa_order_append_status_badges (MedusaOrder *order,
                                   GtkBox      *box)
{
  BadgeText badges[3];

  order_badges (order, badges);
  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    {
      append_badge (box, badges[i].label, badges[i].style, badges[i].tooltip);
      g_free (badges[i].tooltip);
    }
}
