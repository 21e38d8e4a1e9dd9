/* test-widgets-order-rows.c: one order row bound to one order after another
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders list binds each of its rows to one order after another while
 * it scrolls (GTK 4.8 keeps about 200 of them). A row changes its three
 * status badges in place: the same widgets, with the new order's text,
 * style and tooltip (which is also their accessible description), and it
 * does not use gtk_widget_set_tooltip_text(), which waits for the X server
 * on every call (issue 10, the stall row of tools/bench.sh).
 */
#define G_LOG_DOMAIN "WidgetTestOrderRows"

#include "config.h"

#include "medusa-order-row.h"
#include "medusa-spinner.h"
#include "medusa-status-badge.h"
#include "widget-test-utils.h"

static MedusaOrder *
make_order (const char *id,
            gint64      display_id,
            const char *status,
            const char *fulfillment_status,
            const char *payment_status)
{
  g_autofree char *text =
    g_strdup_printf ("{\"id\": \"%s\", \"display_id\": %" G_GINT64_FORMAT ", "
                     "\"status\": \"%s\", \"fulfillment_status\": \"%s\", "
                     "\"payment_status\": \"%s\", \"currency_code\": \"eur\", "
                     "\"created_at\": \"2026-11-27T04:33:27.182Z\", \"total\": 4750}",
                     id, display_id, status, fulfillment_status, payment_status);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  MedusaOrder *order;

  g_assert_nonnull (node);
  order = medusa_order_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return order;
}

static void
collect_badges (GtkWidget *widget,
                GPtrArray *badges)
{
  if (gtk_widget_has_css_class (widget, "medusa-badge") && gtk_widget_get_visible (widget))
    g_ptr_array_add (badges, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_badges (child, badges);
}

/* The row's badges that are shown, in order */
static GPtrArray *
row_badges (GtkWidget *row)
{
  GPtrArray *badges = g_ptr_array_new ();

  collect_badges (row, badges);
  return badges;
}

static void
assert_badge (GtkWidget  *badge,
              const char *text,
              const char *style,
              const char *tooltip)
{
  const char * const styles[] = { "success", "warning", "error", "dim-label" };

  g_assert_true (GTK_IS_LABEL (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, text);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    g_assert_cmpint (gtk_widget_has_css_class (badge, styles[i]), ==, g_str_equal (styles[i], style));
  g_assert_cmpstr (medusa_status_badge_get_tooltip (badge), ==, tooltip);
  g_assert_true (gtk_widget_get_has_tooltip (badge));
  /* What a screen reader says of it, as a tooltip text would make it */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       tooltip);
  /* Not through gtk_widget_set_tooltip_text(): that one waits for the X
   * server each time a row is bound */
  g_assert_null (gtk_widget_get_tooltip_text (badge));
}

static void
test_badges_rebind (void)
{
  g_autoptr(MedusaOrder) pending = make_order ("order_1", 1, "pending", "not_fulfilled", "awaiting");
  g_autoptr(MedusaOrder) done = make_order ("order_2", 2, "completed", "shipped", "captured");
  g_autoptr(MedusaOrder) canceled = make_order ("order_3", 3, "canceled", "canceled", "canceled");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = g_object_new (MEDUSA_TYPE_ORDER_ROW, NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) badges = NULL;

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  wt_iterate_ms (50);

  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), pending);
  first = row_badges (row);
  g_assert_cmpuint (first->len, ==, 3);
  assert_badge (first->pdata[0], "Pending", "dim-label", "Order: Pending");
  assert_badge (first->pdata[1], "Not fulfilled", "dim-label", "Shipping: Not fulfilled");
  assert_badge (first->pdata[2], "Awaiting payment", "warning", "Payment: Awaiting payment");
  wt_iterate_ms (20);

  /* Another order: the same three widgets say what it is */
  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), done);
  badges = row_badges (row);
  g_assert_cmpuint (badges->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (badges->pdata[i] == first->pdata[i]);
  assert_badge (badges->pdata[0], "Completed", "success", "Order: Completed");
  assert_badge (badges->pdata[1], "Shipped", "success", "Shipping: Shipped");
  assert_badge (badges->pdata[2], "Paid", "success", "Payment: Paid");
  g_clear_pointer (&badges, g_ptr_array_unref);

  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), canceled);
  badges = row_badges (row);
  g_assert_cmpuint (badges->len, ==, 3);
  g_assert_true (badges->pdata[0] == first->pdata[0]);
  assert_badge (badges->pdata[0], "Canceled", "error", "Order: Canceled");
  assert_badge (badges->pdata[1], "Canceled", "error", "Shipping: Canceled");
  assert_badge (badges->pdata[2], "Canceled", "error", "Payment: Canceled");
  g_clear_pointer (&badges, g_ptr_array_unref);

  /* Unbound: no badges shown; bound again: three */
  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), NULL);
  badges = row_badges (row);
  g_assert_cmpuint (badges->len, ==, 0);
  g_clear_pointer (&badges, g_ptr_array_unref);

  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), pending);
  badges = row_badges (row);
  g_assert_cmpuint (badges->len, ==, 3);
  assert_badge (badges->pdata[0], "Pending", "dim-label", "Order: Pending");
  assert_badge (badges->pdata[2], "Awaiting payment", "warning", "Payment: Awaiting payment");
  g_clear_pointer (&badges, g_ptr_array_unref);
  wt_iterate_ms (20);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The details page appends its badges once: the same texts and tooltips */
static void
test_badges_append (void)
{
  g_autoptr(MedusaOrder) done = make_order ("order_2", 2, "completed", "shipped", "captured");
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  g_autoptr(GPtrArray) badges = NULL;

  medusa_order_append_status_badges (done, GTK_BOX (box));
  badges = row_badges (box);
  g_assert_cmpuint (badges->len, ==, 3);
  assert_badge (badges->pdata[0], "Completed", "success", "Order: Completed");
  assert_badge (badges->pdata[1], "Shipped", "success", "Shipping: Shipped");
  assert_badge (badges->pdata[2], "Paid", "success", "Payment: Paid");
  g_object_unref (box);
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *row)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, row, &bounds));
  return bounds;
}

/* The row lays out its own children: "#1" and the date on the first line,
 * the badges under them, the total and "N items" at the end, before the
 * chevron's 16 px; mirrored right to left. None overlaps another. */
static void
test_layout (gconstpointer data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  g_autoptr(MedusaOrder) order = make_order ("order_1", 1, "pending", "not_fulfilled", "awaiting");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = medusa_order_row_new ();
  g_autoptr(GPtrArray) badges = NULL;
  graphene_rect_t number, date, total, items, first_badge, last_badge;
  float width;

  gtk_widget_set_direction (row, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, -1);
  medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), order);
  gtk_window_present (GTK_WINDOW (window));
  wt_iterate_ms (100);

  width = gtk_widget_get_width (row);
  g_assert_cmpfloat (width, >=, 500);
  number = bounds_in (wt_find_label (row, "#1"), row);
  date = bounds_in (wt_find_label (row, "27 Nov 2026"), row);
  total = bounds_in (wt_find_label (row, "€47.50"), row);
  items = bounds_in (wt_find_label (row, "0 items"), row);
  badges = row_badges (row);
  g_assert_cmpuint (badges->len, ==, 3);
  first_badge = bounds_in (badges->pdata[0], row);
  last_badge = bounds_in (badges->pdata[2], row);

  /* two lines */
  g_assert_cmpfloat (number.origin.y + number.size.height, <=, first_badge.origin.y);
  g_assert_cmpfloat (total.origin.y + total.size.height, <=, items.origin.y);
  g_assert_cmpfloat (number.size.width, >, 0);
  g_assert_cmpfloat (items.size.width, >, 0);
  if (!rtl)
    {
      g_assert_cmpfloat (number.origin.x, ==, 0);
      g_assert_cmpfloat (number.origin.x + number.size.width, <, date.origin.x);
      g_assert_cmpfloat (first_badge.origin.x, ==, 0);
      g_assert_cmpfloat (first_badge.origin.x + first_badge.size.width, <, last_badge.origin.x);
      g_assert_cmpfloat (last_badge.origin.x + last_badge.size.width, <, total.origin.x);
      /* the total and the item count end where the chevron's space begins */
      g_assert_cmpfloat (total.origin.x + total.size.width, ==, width - 16 - 12);
      g_assert_cmpfloat (items.origin.x + items.size.width, ==, width - 16 - 12);
    }
  else
    {
      g_assert_cmpfloat (number.origin.x + number.size.width, ==, width);
      g_assert_cmpfloat (date.origin.x + date.size.width, <, number.origin.x);
      g_assert_cmpfloat (first_badge.origin.x + first_badge.size.width, ==, width);
      g_assert_cmpfloat (last_badge.origin.x + last_badge.size.width, <, first_badge.origin.x);
      g_assert_cmpfloat (total.origin.x + total.size.width, <, last_badge.origin.x);
      g_assert_cmpfloat (total.origin.x, ==, 16 + 12);
      g_assert_cmpfloat (items.origin.x, ==, 16 + 12);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What @widget draws now, NULL when nothing */
static GskRenderNode *
render_node_of (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* The orders page's spinner asks for frames only while it spins and is
 * mapped (a window left alone does not wake up), draws only while it spins,
 * and turns from one frame to the next. */
static void
test_spinner (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *spinner = medusa_spinner_new ();
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) later = NULL;
  g_autoptr(GskRenderNode) stopped = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) later_bytes = NULL;

  gtk_window_set_child (GTK_WINDOW (window), spinner);
  gtk_widget_set_size_request (spinner, 24, 24);
  medusa_spinner_set_spinning (MEDUSA_SPINNER (spinner), TRUE);
  g_assert_false (medusa_spinner_is_animating (MEDUSA_SPINNER (spinner)));

  gtk_window_present (GTK_WINDOW (window));
  wt_wait_until (gtk_widget_get_mapped (spinner), WT_TIMEOUT);
  g_assert_true (medusa_spinner_is_animating (MEDUSA_SPINNER (spinner)));
  wt_iterate_ms (50);
  first = render_node_of (spinner);
  g_assert_nonnull (first);
  wt_iterate_ms (250);
  later = render_node_of (spinner);
  g_assert_nonnull (later);
  first_bytes = gsk_render_node_serialize (first);
  later_bytes = gsk_render_node_serialize (later);
  g_assert_false (g_bytes_equal (first_bytes, later_bytes));

  gtk_widget_set_visible (spinner, FALSE);
  g_assert_false (medusa_spinner_is_animating (MEDUSA_SPINNER (spinner)));
  gtk_widget_set_visible (spinner, TRUE);
  wt_wait_until (gtk_widget_get_mapped (spinner), WT_TIMEOUT);
  g_assert_true (medusa_spinner_is_animating (MEDUSA_SPINNER (spinner)));

  medusa_spinner_set_spinning (MEDUSA_SPINNER (spinner), FALSE);
  g_assert_false (medusa_spinner_is_animating (MEDUSA_SPINNER (spinner)));
  wt_iterate_ms (50);
  stopped = render_node_of (spinner);
  g_assert_null (stopped);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend: the badges' accessible description
   * is read. GTK reads the variable once, at the first widget. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wt_init (&argc, &argv);

  g_test_add_func ("/widgets/order-row/badges-rebind", test_badges_rebind);
  g_test_add_func ("/widgets/order-row/badges-append", test_badges_append);
  g_test_add_data_func ("/widgets/order-row/layout", GINT_TO_POINTER (FALSE), test_layout);
  g_test_add_data_func ("/widgets/order-row/layout-rtl", GINT_TO_POINTER (TRUE), test_layout);
  g_test_add_func ("/widgets/spinner/animates-only-when-seen", test_spinner);

  return g_test_run ();
}
