/* medusa-receipt.c: an order's receipt, printed or saved as PDF
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two parts: the layout (rows of Pango layouts, paginated onto pages of a
 * given size and drawn with cairo: no widget, no print operation) and the
 * operations around it (print dialog, PDF export, file chooser).
 */
#define G_LOG_DOMAIN "MedusaReceipt"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-money.h"
#include "medusa-receipt.h"
#include "medusa-receipt-order.h"
#include "medusa-ui-utils.h"

/* Text from the store is cut to this many characters and to a few lines
 * (see new_layout): a megabyte of title cannot fill pages. */
#define MAX_TEXT_CHARS 400

#define FONT_TITLE   "Sans Bold 16"
#define FONT_HEADING "Sans Bold 11"
#define FONT_BOLD    "Sans Bold 9"
#define FONT_BODY    "Sans 9"
#define FONT_SMALL   "Sans 8"

#define COLUMN_GAP 6.0

typedef enum {
  ROW_KEEP_WITH_NEXT = 1 << 0,  /* a heading: never last on a page */
  ROW_ITEM           = 1 << 1,  /* a line of the items table */
  ROW_RULE_ABOVE     = 1 << 2,
  ROW_RULE_BELOW     = 1 << 3,
} RowFlags;

typedef struct
{
  PangoLayout *layout;          /* (owned) */
  double       x;
} Cell;

typedef struct
{
  Cell     cells[4];
  guint    n_cells;
  double   height;              /* of the tallest cell */
  double   space_before;
  RowFlags flags;
  /* set by paginate() */
  guint    page;
  double   y;
} Row;

struct _MedusaReceipt
{
  GObject       parent_instance;

  MedusaOrder  *order;
  char         *store_name;     /* (nullable) */

  /* the last paginate() */
  PangoContext *context;        /* (owned) (nullable) */
  double        width;
  double        height;
  double        body_height;    /* height without the footer */
  GArray       *rows;           /* of Row */
  Row           table_head;     /* the items' column heads, repeated on each page */
  guint         n_pages;
};

G_DEFINE_FINAL_TYPE (MedusaReceipt, medusa_receipt, G_TYPE_OBJECT)

/* Layout */

static void
row_clear (Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    g_clear_object (&row->cells[i].layout);
  row->n_cells = 0;
}

static PangoLayout *
new_layout (MedusaReceipt  *self,
            const char     *text,
            const char     *font,
            double          width,
            PangoAlignment  alignment,
            int             max_lines)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  PangoLayout *layout = pango_layout_new (self->context);
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  if (g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_TEXT_CHARS);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* A new row at the end; the pointer is valid until the next add_row(). */
static Row *
add_row (MedusaReceipt *self,
         double         space_before,
         RowFlags       flags)
{
  Row row = { 0 };

  row.space_before = space_before;
  row.flags = flags;
  g_array_append_val (self->rows, row);

  return &g_array_index (self->rows, Row, self->rows->len - 1);
}

/* Takes @layout. */
static void
row_add_cell (Row         *row,
              PangoLayout *layout,
              double       x)
{
  int height;

  g_assert (row->n_cells < G_N_ELEMENTS (row->cells));

  row->cells[row->n_cells].layout = layout;
  row->cells[row->n_cells].x = x;
  row->n_cells++;

  pango_layout_get_size (layout, NULL, &height);
  row->height = MAX (row->height, (double) height / PANGO_SCALE);
}

static void
add_text_row (MedusaReceipt *self,
              const char    *text,
              const char    *font,
              double         space_before,
              RowFlags       flags)
{
  Row *row = add_row (self, space_before, flags);

  row_add_cell (row, new_layout (self, text, font, self->width, PANGO_ALIGN_LEFT, 3), 0);
}

/* "Label    value" with the label in a narrow first column. */
static void
add_property_row (MedusaReceipt *self,
                  const char    *label,
                  const char    *value)
{
  double label_width = self->width * 0.25;
  Row *row;

  if (value == NULL || *value == '\0')
    return;

  row = add_row (self, 2, 0);
  row_add_cell (row, new_layout (self, label, FONT_BOLD, label_width - COLUMN_GAP,
                                 PANGO_ALIGN_LEFT, 2), 0);
  row_add_cell (row, new_layout (self, value, FONT_BODY, self->width - label_width,
                                 PANGO_ALIGN_LEFT, 3), label_width);
}

/* A line of the totals: the label in the middle, the amount right-aligned
 * under the items' Total column. */
static void
add_amount_row (MedusaReceipt *self,
                const char    *label,
                gint64         amount,
                const char    *font,
                RowFlags       flags)
{
  const char *currency = medusa_order_get_currency_code (self->order);
  g_autofree char *text = medusa_money_format (amount, currency);
  double label_x = self->width * 0.45;
  double amount_x = self->width * 0.75;
  Row *row = add_row (self, flags & ROW_RULE_ABOVE ? 8 : 2, flags);

  row_add_cell (row, new_layout (self, label, font, amount_x - label_x - COLUMN_GAP,
                                 PANGO_ALIGN_LEFT, 3), label_x);
  row_add_cell (row, new_layout (self, text, font, self->width - amount_x,
                                 PANGO_ALIGN_RIGHT, 2), amount_x);
}

/* "Discount (SUMMER10, WELCOME)" */
static char *
label_with_codes (const char         *label,
                  const char * const *codes)
{
  g_autofree char *joined = NULL;

  if (codes == NULL || codes[0] == NULL)
    return g_strdup (label);

  joined = g_strjoinv (", ", (char **) codes);
  return g_strdup_printf ("%s (%s)", label, joined);
}

static double
column_x (MedusaReceipt *self,
          guint          column)
{
  static const double starts[] = { 0.0, 0.50, 0.60, 0.80, 1.0 };

  return self->width * starts[column];
}

static void
fill_table_row (MedusaReceipt *self,
                Row           *row,
                const char    *texts[4],
                const char    *font)
{
  for (guint i = 0; i < 4; i++)
    {
      double x = column_x (self, i);
      double width = column_x (self, i + 1) - x - (i < 3 ? COLUMN_GAP : 0);

      row_add_cell (row, new_layout (self, texts[i], font, width,
                                     i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                                     i == 0 ? 4 : 2),
                    x);
    }
}

static void
build_header (MedusaReceipt *self)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (self->order));
  g_autofree char *title = NULL;
  g_autofree char *date = medusa_ui_format_date (medusa_order_get_created_at (self->order));

  if (self->store_name != NULL && *self->store_name != '\0')
    add_text_row (self, self->store_name, FONT_TITLE, 0, 0);

  /* Translators: the heading of an order's page, e.g. "Order #1042" */
  title = g_strdup_printf (_("Order #%s"), number);
  add_text_row (self, _("Receipt"), FONT_BODY, 4, 0);
  add_text_row (self, title, FONT_HEADING, 2, ROW_RULE_BELOW);

  add_row (self, 6, 0);
  add_property_row (self, _("Order date"), date);
  add_property_row (self, _("Email"), medusa_order_get_email (self->order));
  add_property_row (self, _("Order status"),
                    medusa_order_status_to_label (medusa_order_get_status (self->order)));
  add_property_row (self, _("Payment status"),
                    medusa_payment_status_to_label (medusa_order_get_payment_status (self->order)));
  add_property_row (self, _("Shipping status"),
                    medusa_fulfillment_status_to_label (medusa_order_get_fulfillment_status (self->order)));
}

static void
build_addresses (MedusaReceipt *self)
{
  MedusaAddress *billing = medusa_order_get_billing_address (self->order);
  MedusaAddress *shipping = medusa_order_get_shipping_address (self->order);
  g_autofree char *billing_text = billing != NULL ? medusa_address_format_multiline (billing)
                                                  : g_strdup (_("No billing address"));
  g_autofree char *shipping_text = shipping != NULL ? medusa_address_format_multiline (shipping)
                                                    : g_strdup (_("No shipping address"));
  double half = self->width / 2;
  Row *row;

  row = add_row (self, 14, ROW_KEEP_WITH_NEXT);
  row_add_cell (row, new_layout (self, _("Billing address"), FONT_BOLD, half - COLUMN_GAP,
                                 PANGO_ALIGN_LEFT, 1), 0);
  row_add_cell (row, new_layout (self, _("Shipping address"), FONT_BOLD, half,
                                 PANGO_ALIGN_LEFT, 1), half);

  row = add_row (self, 2, 0);
  row_add_cell (row, new_layout (self, billing_text, FONT_BODY, half - COLUMN_GAP,
                                 PANGO_ALIGN_LEFT, 10), 0);
  row_add_cell (row, new_layout (self, shipping_text, FONT_BODY, half,
                                 PANGO_ALIGN_LEFT, 10), half);
}

static void
build_items (MedusaReceipt *self)
{
  GListModel *items = medusa_order_get_items (self->order);
  const char *currency = medusa_order_get_currency_code (self->order);
  guint n = g_list_model_get_n_items (items);
  const char *heads[4] = { _("Item"), _("Qty"), _("Unit price"), _("Total") };
  Row *row;

  add_text_row (self, _("Items"), FONT_HEADING, 18, ROW_KEEP_WITH_NEXT);

  row = add_row (self, 4, ROW_KEEP_WITH_NEXT | ROW_RULE_BELOW);
  fill_table_row (self, row, heads, FONT_BOLD);
  /* The copy drawn atop each further page shares the layouts. */
  self->table_head = *row;
  for (guint i = 0; i < row->n_cells; i++)
    g_object_ref (self->table_head.cells[i].layout);

  if (n == 0)
    add_text_row (self, _("No items"), FONT_BODY, 6, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      const char *title = medusa_line_item_get_title (item);
      const char *variant = medusa_line_item_get_variant_title (item);
      const char *item_currency = medusa_line_item_get_currency_code (item);
      g_autofree char *name = NULL;
      g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   medusa_line_item_get_quantity (item));
      g_autofree char *unit = NULL;
      g_autofree char *total = NULL;
      const char *texts[4];
      gint64 line_total = 0;

      if (item_currency == NULL)
        item_currency = currency;
      if (title == NULL || *title == '\0')
        title = _("Item");
      if (variant != NULL && *variant != '\0' && g_strcmp0 (variant, title) != 0)
        name = g_strdup_printf ("%s · %s", title, variant);
      else
        name = g_strdup (title);

      unit = medusa_money_format (medusa_line_item_get_unit_price (item), item_currency);
      /* As on the page: a total that does not fit a gint64 is left out. */
      if (medusa_line_item_compute_line_total (item, &line_total))
        total = medusa_money_format (line_total, item_currency);

      texts[0] = name;
      texts[1] = quantity;
      texts[2] = unit;
      texts[3] = total != NULL ? total : "";
      row = add_row (self, i == 0 ? 6 : 4, ROW_ITEM);
      fill_table_row (self, row, texts, FONT_BODY);
    }
}

static void
build_totals (MedusaReceipt *self)
{
  MedusaOrder *order = self->order;
  const char * const *gift_cards = medusa_order_get_gift_card_codes (order);
  g_autofree char *discount = label_with_codes (_("Discount"), medusa_order_get_discount_codes (order));
  g_autofree char *gift_card = label_with_codes (_("Gift card"), gift_cards);

  add_amount_row (self, _("Subtotal"), medusa_order_get_subtotal (order), FONT_BODY, ROW_RULE_ABOVE);
  if (medusa_order_get_shipping_total (order) != 0)
    add_amount_row (self, _("Shipping"), medusa_order_get_shipping_total (order), FONT_BODY, 0);
  if (medusa_order_get_discount_total (order) != 0 || medusa_order_get_discount_codes (order)[0] != NULL)
    add_amount_row (self, discount, -medusa_order_get_discount_total (order), FONT_BODY, 0);
  if (medusa_order_get_tax_total (order) != 0)
    add_amount_row (self, _("Tax"), medusa_order_get_tax_total (order), FONT_BODY, 0);
  if (medusa_order_get_gift_card_total (order) != 0 || gift_cards[0] != NULL)
    add_amount_row (self, gift_card, -medusa_order_get_gift_card_total (order), FONT_BODY, 0);
  add_amount_row (self, _("Total"), medusa_order_get_total (order), FONT_HEADING, ROW_RULE_ABOVE);
  if (medusa_order_get_refunded_total (order) != 0)
    add_amount_row (self, _("Refunded"), -medusa_order_get_refunded_total (order), FONT_BODY, 0);
}

static const char *
refund_reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "discount") == 0)
    return _("Discount");
  if (g_strcmp0 (reason, "return") == 0)
    return _("Return");
  if (g_strcmp0 (reason, "swap") == 0)
    return _("Exchange");
  if (g_strcmp0 (reason, "claim") == 0)
    return _("Claim");
  return _("Other");
}

static void
build_refunds (MedusaReceipt *self)
{
  GListModel *refunds = medusa_order_get_refunds (self->order);
  const char *currency = medusa_order_get_currency_code (self->order);
  guint n = g_list_model_get_n_items (refunds);
  double reason_x = self->width * 0.25;
  double amount_x = self->width * 0.75;

  if (n == 0)
    return;

  add_text_row (self, _("Refunds"), FONT_HEADING, 18, ROW_KEEP_WITH_NEXT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaRefund) refund = g_list_model_get_item (refunds, i);
      g_autofree char *date = medusa_ui_format_date (medusa_refund_get_created_at (refund));
      g_autofree char *amount = medusa_money_format (medusa_refund_get_amount (refund), currency);
      const char *note = medusa_refund_get_note (refund);
      g_autofree char *reason = NULL;
      Row *row = add_row (self, 4, 0);

      if (note != NULL && *note != '\0')
        reason = g_strdup_printf ("%s: %s", refund_reason_label (medusa_refund_get_reason (refund)), note);
      else
        reason = g_strdup (refund_reason_label (medusa_refund_get_reason (refund)));

      row_add_cell (row, new_layout (self, date, FONT_BODY, reason_x - COLUMN_GAP,
                                     PANGO_ALIGN_LEFT, 1), 0);
      row_add_cell (row, new_layout (self, reason, FONT_BODY, amount_x - reason_x - COLUMN_GAP,
                                     PANGO_ALIGN_LEFT, 3), reason_x);
      row_add_cell (row, new_layout (self, amount, FONT_BODY, self->width - amount_x,
                                     PANGO_ALIGN_RIGHT, 2), amount_x);
    }
}

static void
build_tracking (MedusaReceipt *self)
{
  GListModel *fulfillments = medusa_order_get_fulfillments (self->order);
  guint n = g_list_model_get_n_items (fulfillments);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);
      g_autofree char *shipment = g_strdup_printf (_("Shipment %u"), i + 1);

      for (guint j = 0; j < g_list_model_get_n_items (links); j++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);

          if (!any)
            add_text_row (self, _("Tracking numbers"), FONT_HEADING, 18, ROW_KEEP_WITH_NEXT);
          any = TRUE;
          add_property_row (self, shipment, medusa_tracking_link_get_tracking_number (link));
        }
    }
}

static void
clear_layout (MedusaReceipt *self)
{
  g_array_set_size (self->rows, 0);
  row_clear (&self->table_head);
  g_clear_object (&self->context);
  self->n_pages = 0;
}

static PangoLayout *
footer_layout (MedusaReceipt  *self,
               guint           page_nr,
               PangoAlignment  alignment)
{
  g_autofree char *text = NULL;

  if (alignment == PANGO_ALIGN_RIGHT)
    /* Translators: the footer of each page of a receipt, "Page 1 of 3" */
    text = g_strdup_printf (_("Page %u of %u"), page_nr + 1, MAX (self->n_pages, 1));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 medusa_order_get_display_id (self->order));

      text = g_strdup_printf (_("Order #%s"), number);
    }

  return new_layout (self, text, FONT_SMALL, self->width / 2, alignment, 1);
}

guint
medusa_receipt_paginate (MedusaReceipt *self,
                         PangoContext  *context,
                         double         width,
                         double         height)
{
  g_autoptr(PangoLayout) footer = NULL;
  int footer_height;
  double y = 0;
  guint page = 0;

  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  clear_layout (self);
  self->context = g_object_ref (context);
  self->width = MAX (width, 72.0);
  self->height = MAX (height, 72.0);

  footer = footer_layout (self, 0, PANGO_ALIGN_LEFT);
  pango_layout_get_size (footer, NULL, &footer_height);
  self->body_height = MAX (self->height - (double) footer_height / PANGO_SCALE - 12, 36.0);

  build_header (self);
  build_addresses (self);
  build_items (self);
  build_totals (self);
  build_refunds (self);
  build_tracking (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double advance = y > 0 ? row->space_before + row->height : row->height;
      double needed = advance;

      if ((row->flags & ROW_KEEP_WITH_NEXT) && i + 1 < self->rows->len)
        {
          Row *next = &g_array_index (self->rows, Row, i + 1);

          needed += next->space_before + next->height;
          /* the column heads keep the first item with them too */
          if ((next->flags & ROW_KEEP_WITH_NEXT) && i + 2 < self->rows->len)
            needed += g_array_index (self->rows, Row, i + 2).space_before +
                      g_array_index (self->rows, Row, i + 2).height;
        }

      if (y > 0 && y + needed > self->body_height)
        {
          page++;
          y = 0;
          /* a page that goes on with the items starts with the column heads */
          if (row->flags & ROW_ITEM)
            y = self->table_head.height + row->space_before;
          advance = row->height;
        }

      row->page = page;
      row->y = y + (advance - row->height);
      y += advance;
    }

  self->n_pages = page + 1;
  return self->n_pages;
}

guint
medusa_receipt_get_n_pages (MedusaReceipt *self)
{
  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), 0);
  return self->n_pages;
}

static void
draw_rule (cairo_t *cr,
           double   y,
           double   width)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_row (MedusaReceipt *self,
          cairo_t       *cr,
          const Row     *row,
          double         y)
{
  if (row->flags & ROW_RULE_ABOVE)
    draw_rule (cr, y - MIN (row->space_before, 8) / 2, self->width);

  for (guint i = 0; i < row->n_cells; i++)
    {
      cairo_move_to (cr, row->cells[i].x, y);
      pango_cairo_show_layout (cr, row->cells[i].layout);
    }

  if (row->flags & ROW_RULE_BELOW)
    draw_rule (cr, y + row->height + 2, self->width);
}

void
medusa_receipt_draw_page (MedusaReceipt *self,
                          cairo_t       *cr,
                          guint          page_nr)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  gboolean first = TRUE;
  int footer_height;

  g_return_if_fail (MEDUSA_IS_RECEIPT (self));
  g_return_if_fail (cr != NULL);

  if (self->context == NULL || page_nr >= self->n_pages)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* A row taller than a page (it cannot be: text is cut) stays in the body. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, self->body_height);
  cairo_clip (cr);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (row->page != page_nr)
        continue;
      if (first && page_nr > 0 && (row->flags & ROW_ITEM))
        draw_row (self, cr, &self->table_head, 0);
      first = FALSE;
      draw_row (self, cr, row, row->y);
    }
  cairo_restore (cr);

  left = footer_layout (self, page_nr, PANGO_ALIGN_LEFT);
  right = footer_layout (self, page_nr, PANGO_ALIGN_RIGHT);
  pango_layout_get_size (left, NULL, &footer_height);
  draw_rule (cr, self->height - (double) footer_height / PANGO_SCALE - 4, self->width);
  cairo_move_to (cr, 0, self->height - (double) footer_height / PANGO_SCALE);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, self->width / 2, self->height - (double) footer_height / PANGO_SCALE);
  pango_cairo_show_layout (cr, right);

  cairo_restore (cr);
}

/* The operation */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  MedusaReceipt *self = MEDUSA_RECEIPT (user_data);
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  n_pages = medusa_receipt_paginate (self, pango_context,
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 gpointer           user_data)
{
  MedusaReceipt *self = MEDUSA_RECEIPT (user_data);

  medusa_receipt_draw_page (self, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
on_end_print_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 gpointer           user_data)
{
  clear_layout (MEDUSA_RECEIPT (user_data));
}

static char *
dup_title (MedusaReceipt *self)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (self->order));

  /* Translators: the print job of a receipt and, with ".pdf", its file
   * name, e.g. "Receipt 1042" */
  return g_strdup_printf (_("Receipt %s"), number);
}

GtkPrintOperation *
medusa_receipt_new_operation (MedusaReceipt *self)
{
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *title = NULL;
  GtkPrintOperation *operation;

  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), NULL);

  /* A4 or Letter, as the locale's LC_PAPER says */
  paper = gtk_paper_size_new (gtk_paper_size_get_default ());
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  /* at least 15 mm around, more where the paper's printable area says so */
  gtk_page_setup_set_top_margin (setup, MAX (gtk_page_setup_get_top_margin (setup, GTK_UNIT_MM), 15),
                                 GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MAX (gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_MM), 15),
                                    GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MAX (gtk_page_setup_get_left_margin (setup, GTK_UNIT_MM), 15),
                                  GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MAX (gtk_page_setup_get_right_margin (setup, GTK_UNIT_MM), 15),
                                   GTK_UNIT_MM);

  title = dup_title (self);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  /* The operation keeps the receipt while the dialog is open, and lets it
   * go only after its handlers are gone (object data is cleared last). */
  g_object_set_data_full (G_OBJECT (operation), "medusa-receipt", g_object_ref (self), g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_end_print_cb), self);

  return operation;
}

char *
medusa_receipt_dup_file_name (MedusaReceipt *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), NULL);

  title = dup_title (self);
  return g_strconcat (title, ".pdf", NULL);
}

/* A sentence for why @file could not be written. */
static void
set_save_error (GError       **error,
                GFile         *file,
                const GError  *cause)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("/");

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("You cannot write to the folder “%s”."), folder);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("The folder “%s” does not exist."), folder);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("There is no space left in “%s”."), folder);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, G_IO_ERROR, cause->code,
                 _("“%s” is a folder."), g_file_peek_path (file) != NULL ? g_file_peek_path (file) : folder);
  else
    g_set_error_literal (error, cause->domain, cause->code, cause->message);
}

gboolean
medusa_receipt_export_pdf (MedusaReceipt  *self,
                           GtkWindow      *parent,
                           GFile          *file,
                           GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkPrintOperationResult result;
  gboolean moved;

  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GTK writes the PDF through cairo, which only says "error while writing
   * to output stream": draw into a file of our own, then move it with GIO,
   * which says what went wrong (and works for any GFile). */
  temporary = g_file_new_tmp ("medusa-receipt-XXXXXX.pdf", &stream, &local_error);
  if (temporary == NULL)
    {
      g_set_error_literal (error, local_error->domain, local_error->code, local_error->message);
      return FALSE;
    }
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);

  operation = medusa_receipt_new_operation (self);
  gtk_print_operation_set_export_filename (operation, g_file_peek_path (temporary));
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent,
                                    &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_file_delete (temporary, NULL, NULL);
      if (local_error != NULL)
        g_set_error_literal (error, local_error->domain, local_error->code, local_error->message);
      else
        g_set_error_literal (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                             _("The receipt could not be drawn."));
      return FALSE;
    }

  moved = g_file_move (temporary, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error);
  if (!moved)
    {
      g_file_delete (temporary, NULL, NULL);
      set_save_error (error, file, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  MedusaReceipt *receipt;
  GWeakRef       widget;
} ReceiptTask;

static ReceiptTask *
receipt_task_new (MedusaReceipt *receipt,
                  GtkWidget     *widget)
{
  ReceiptTask *task = g_new0 (ReceiptTask, 1);

  task->receipt = g_object_ref (receipt);
  g_weak_ref_init (&task->widget, widget);
  return task;
}

static void
receipt_task_free (gpointer data)
{
  ReceiptTask *task = data;

  g_clear_object (&task->receipt);
  g_weak_ref_clear (&task->widget);
  g_free (task);
}

static void
show_failure (GtkWidget    *widget,
              const char   *what_failed,
              const GError *error)
{
  g_autofree char *message = NULL;

  if (widget == NULL)
    return;

  message = g_strdup_printf ("%s %s", what_failed, error != NULL ? error->message : "");
  medusa_ui_show_toast (widget, g_strstrip (message));
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  ReceiptTask *task = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&task->widget);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_failure (widget, _("Could not print the receipt."), error);
    }
}

void
medusa_receipt_print (MedusaReceipt *self,
                      GtkWidget     *widget)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_if_fail (MEDUSA_IS_RECEIPT (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  operation = medusa_receipt_new_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "done", G_CALLBACK (on_print_done_cb),
                         receipt_task_new (self, widget),
                         (GClosureNotify) (void (*) (void)) receipt_task_free, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_failure (widget, _("Could not print the receipt."), error);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  ReceiptTask *task = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&task->widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);

  if (file != NULL)
    {
      if (widget != NULL && GTK_IS_WINDOW (gtk_widget_get_root (widget)))
        parent = GTK_WINDOW (gtk_widget_get_root (widget));

      if (medusa_receipt_export_pdf (task->receipt, parent, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *display = g_filename_display_name (name);
          g_autofree char *message = g_strdup_printf (_("Saved the receipt as “%s”"), display);

          if (widget != NULL)
            medusa_ui_show_toast (widget, message);
        }
      else
        {
          show_failure (widget, _("Could not save the receipt."), error);
        }
    }

  receipt_task_free (task);
  g_object_unref (dialog);
}

void
medusa_receipt_save_as_pdf (MedusaReceipt *self,
                            GtkWidget     *widget)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  const char *documents;
  GtkRoot *root;

  g_return_if_fail (MEDUSA_IS_RECEIPT (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  dialog = gtk_file_chooser_native_new (_("Save Receipt"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }

  name = medusa_receipt_dup_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb),
                    receipt_task_new (self, widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

typedef struct
{
  MedusaSession *session;
  char          *store_name;
  gboolean       print;
  GWeakRef       button;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->session);
  g_free (data->store_name);
  g_weak_ref_clear (&data->button);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static void
on_receipt_order_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&data->button);
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;

  order = medusa_client_retrieve_receipt_order_finish (MEDUSA_CLIENT (source), result, &error);
  if (widget == NULL)
    return;
  medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (widget), FALSE);
  if (medusa_ui_is_cancelled (error))
    return;

  if (order == NULL)
    {
      medusa_ui_show_error (widget, data->session, error, _("Could not load the order for the receipt"));
      return;
    }

  receipt = medusa_receipt_new (order, data->store_name);
  if (data->print)
    medusa_receipt_print (receipt, widget);
  else
    medusa_receipt_save_as_pdf (receipt, widget);
}

void
medusa_receipt_fetch_and_run (MedusaSession    *session,
                              const char       *order_id,
                              gboolean          print,
                              MedusaBusyButton *button,
                              GCancellable     *cancellable)
{
  MedusaClient *client;
  FetchData *data;

  g_return_if_fail (MEDUSA_IS_SESSION (session));
  g_return_if_fail (order_id != NULL);
  g_return_if_fail (MEDUSA_IS_BUSY_BUTTON (button));

  client = medusa_session_get_client (session);
  if (client == NULL || medusa_busy_button_get_busy (button))
    return;

  medusa_busy_button_set_busy (button, TRUE);

  data = g_new0 (FetchData, 1);
  data->session = g_object_ref (session);
  data->store_name = g_strdup (medusa_session_get_store_name (session));
  data->print = print;
  g_weak_ref_init (&data->button, button);

  medusa_client_retrieve_receipt_order_async (client, order_id, cancellable,
                                              on_receipt_order_cb, data);
}

/* GObject */

static void
medusa_receipt_dispose (GObject *object)
{
  MedusaReceipt *self = MEDUSA_RECEIPT (object);

  clear_layout (self);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (medusa_receipt_parent_class)->dispose (object);
}

static void
medusa_receipt_finalize (GObject *object)
{
  MedusaReceipt *self = MEDUSA_RECEIPT (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self->store_name);

  G_OBJECT_CLASS (medusa_receipt_parent_class)->finalize (object);
}

static void
medusa_receipt_class_init (MedusaReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_receipt_dispose;
  object_class->finalize = medusa_receipt_finalize;
}

static void
medusa_receipt_init (MedusaReceipt *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
}

MedusaReceipt *
medusa_receipt_new (MedusaOrder *order,
                    const char  *store_name)
{
  MedusaReceipt *self;

  g_return_val_if_fail (MEDUSA_IS_ORDER (order), NULL);

  self = g_object_new (MEDUSA_TYPE_RECEIPT, NULL);
  self->order = g_object_ref (order);
  self->store_name = g_strdup (store_name);

  return self;
}

MedusaOrder *
medusa_receipt_get_order (MedusaReceipt *self)
{
  g_return_val_if_fail (MEDUSA_IS_RECEIPT (self), NULL);
  return self->order;
}
