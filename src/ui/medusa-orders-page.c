/* medusa-orders-page.c: the order history: search, filters, a paged list
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-claim-order-dialog.h"
#include "medusa-dialect.h"
#include "medusa-growing-slice.h"
#include "medusa-order-export-dialog.h"
#include "medusa-order-list.h"
#include "medusa-order-history.h"
#include "medusa-order-row.h"
#include "medusa-orders-page.h"
#include "medusa-page.h"
#include "medusa-spinner.h"
#include "medusa-ui-utils.h"

/* What a row shows, and nothing more (totals are always added). */
#define ORDER_LIST_FIELDS "id,display_id,status,fulfillment_status,payment_status,created_at,currency_code"
#define ORDER_LIST_EXPAND "items"

/* Every value of the enums has a check box; only those the store's
 * dialect knows are shown (update_known_statuses()). */
#define N_ORDER_STATUSES       (MEDUSA_ORDER_STATUS_LAST)
#define N_FULFILLMENT_STATUSES (MEDUSA_FULFILLMENT_STATUS_LAST)
#define N_PAYMENT_STATUSES     (MEDUSA_PAYMENT_STATUS_LAST)

#define FILTER_APPLY_DELAY_MS 300

/* New rows the list view may get in one frame (see init()): the stall row
 * of tools/bench.sh, longest busy stretch 16-20 ms with 8, 12-16 with 5;
 * the first frame shows 5 of the ~8 rows in view, the rest the next one */
#define ROWS_PER_FRAME 5

/* What a screen reader calls each filter check box. The boxes show only the
 * status ("Canceled"), which three groups share; their names say the group
 * too, as whole phrases for the translators. Indexed by the status enums. */
static const char * const order_status_names[] = {
  NULL,
  /* Translators: the accessible name of an order status filter. */
  N_("Order: Pending"),
  N_("Order: Completed"),
  N_("Order: Archived"),
  N_("Order: Canceled"),
  N_("Order: Requires action"),
  N_("Order: Draft"),
};

static const char * const fulfillment_status_names[] = {
  NULL,
  /* Translators: the accessible name of a fulfillment status filter. */
  N_("Fulfillment: Not fulfilled"),
  N_("Fulfillment: Partially fulfilled"),
  N_("Fulfillment: Fulfilled"),
  N_("Fulfillment: Partially shipped"),
  N_("Fulfillment: Shipped"),
  N_("Fulfillment: Partially returned"),
  N_("Fulfillment: Returned"),
  N_("Fulfillment: Canceled"),
  N_("Fulfillment: Requires action"),
  N_("Fulfillment: Partially delivered"),
  N_("Fulfillment: Delivered"),
};

static const char * const payment_status_names[] = {
  NULL,
  /* Translators: the accessible name of a payment status filter. */
  N_("Payment: Not paid"),
  N_("Payment: Awaiting payment"),
  N_("Payment: Paid"),
  N_("Payment: Partially refunded"),
  N_("Payment: Refunded"),
  N_("Payment: Canceled"),
  N_("Payment: Requires action"),
  N_("Payment: Authorized"),
  N_("Payment: Partially authorized"),
  N_("Payment: Partially paid"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (order_status_names) == N_ORDER_STATUSES + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (fulfillment_status_names) == N_FULFILLMENT_STATUSES + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (payment_status_names) == N_PAYMENT_STATUSES + 1);

struct _MedusaOrdersPage
{
  MedusaPage       parent_instance;

  MedusaOrderHistory *list;         /* (nullable): from the copy or the store */
  GtkWidget       *toolbar;         /* search, filters, find, export */
  GBindingGroup   *list_bindings;   /* from self->list */
  GtkNoSelection  *selection;
  MedusaGrowingSlice *shown;        /* what the list view sees of self->list */
  char            *list_customer_id;
  guint            apply_id;
  gboolean         resetting;

  /* The popover's filters, NULL until it is first opened (ensure_filters()):
   * until then no filter is set. */
  GtkCheckButton  *status_checks[N_ORDER_STATUSES + 1];
  GtkCheckButton  *fulfillment_checks[N_FULFILLMENT_STATUSES + 1];
  GtkCheckButton  *payment_checks[N_PAYMENT_STATUSES + 1];

  /* template widgets */
  GtkSearchEntry  *search_entry;
  GtkMenuButton   *filters_button;
  GtkPopover      *filters_popover;
  GtkFlowBox      *status_box;      /* (nullable): as the checks */
  GtkFlowBox      *fulfillment_box;
  GtkFlowBox      *payment_box;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkEntry        *number_entry;
  GtkLabel        *filter_error_label;
  GtkLabel        *filters_count_label;
  GtkLabel        *count_label;
  MedusaSpinner   *more_spinner;
  GtkListView     *list_view;
};

G_DEFINE_FINAL_TYPE (MedusaOrdersPage, medusa_orders_page, MEDUSA_TYPE_PAGE)

/* Auxiliary methods */

/* "YYYY-MM-DD" → local midnight. "" → TRUE with *out NULL. */
static gboolean
parse_date (const char  *text,
            GDateTime  **out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  int year, month, day;

  *out = NULL;

  if (*copy == '\0')
    return TRUE;

  if (strlen (copy) != 10 || copy[4] != '-' || copy[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (copy[i]))
        return FALSE;
    }

  year = atoi (copy);
  month = atoi (copy + 5);
  day = atoi (copy + 8);
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *out = g_date_time_new_local (year, month, day, 0, 0, 0);
  return *out != NULL;
}

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/* The query for what the controls say; invalid filter input is left out
 * (and marked). *n_filters counts the active filters of the popover. */
static MedusaOrderQuery *
build_query (MedusaOrdersPage *self,
             guint            *n_filters)
{
  MedusaOrderQuery *query = medusa_order_query_new ();
  g_autofree char *q = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *number = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  gboolean from_ok, to_ok, number_ok;
  const char *error = NULL;
  guint n = 0;

  medusa_order_query_set_fields (query, ORDER_LIST_FIELDS);
  medusa_order_query_set_expand (query, ORDER_LIST_EXPAND);
  medusa_order_query_set_q (query, q);

  if (self->status_box == NULL)
    {
      /* The filters were never opened: none is set */
      if (n_filters != NULL)
        *n_filters = 0;
      return query;
    }

  for (guint i = 1; i <= N_ORDER_STATUSES; i++)
    {
      if (gtk_check_button_get_active (self->status_checks[i]))
        {
          medusa_order_query_add_status (query, i);
          n++;
        }
    }
  for (guint i = 1; i <= N_FULFILLMENT_STATUSES; i++)
    {
      if (gtk_check_button_get_active (self->fulfillment_checks[i]))
        {
          medusa_order_query_add_fulfillment_status (query, i);
          n++;
        }
    }
  for (guint i = 1; i <= N_PAYMENT_STATUSES; i++)
    {
      if (gtk_check_button_get_active (self->payment_checks[i]))
        {
          medusa_order_query_add_payment_status (query, i);
          n++;
        }
    }

  from_ok = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), &from);
  to_ok = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &to);
  if (!from_ok || !to_ok)
    error = _("Enter dates as YYYY-MM-DD, e.g. 2026-03-12.");
  else if (from != NULL && to != NULL && g_date_time_compare (from, to) > 0)
    {
      error = _("The start date is after the end date.");
      from_ok = to_ok = FALSE;
      g_clear_pointer (&from, g_date_time_unref);
      g_clear_pointer (&to, g_date_time_unref);
    }
  medusa_ui_row_set_invalid (self->from_entry, !from_ok);
  medusa_ui_row_set_invalid (self->to_entry, !to_ok);

  if (from != NULL)
    {
      medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_GTE, from);
      n++;
    }
  if (to != NULL)
    {
      /* The whole "to" day is included. */
      g_autoptr(GDateTime) next_day = g_date_time_add_days (to, 1);

      if (next_day != NULL)
        medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LT, next_day);
      else
        {
          /* 9999-12-31 has no next day in a GDateTime: up to its last
           * microsecond (the UTC one, should a zone not have it). */
          g_autoptr(GDateTime) last = g_date_time_new_local (9999, 12, 31, 23, 59, 59.999999);

          if (last == NULL)
            last = g_date_time_new_utc (9999, 12, 31, 23, 59, 59.999999);
          medusa_order_query_set_date (query, MEDUSA_ORDER_DATE_CREATED_AT, MEDUSA_ORDER_DATE_LTE, last);
        }
      n++;
    }

  number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_entry))));
  number_ok = (*number == '\0' || is_digits (number));
  medusa_ui_row_set_invalid (self->number_entry, !number_ok);
  if (!number_ok)
    error = error != NULL ? error : _("An order number has digits only.");
  else if (*number != '\0')
    {
      /* "0042" and "42" are the same order */
      const char *digits = number;

      while (digits[0] == '0' && digits[1] != '\0')
        digits++;
      medusa_order_query_set_display_id (query, digits);
      n++;
    }

  gtk_label_set_text (self->filter_error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), error != NULL);

  if (n_filters != NULL)
    *n_filters = n;

  return query;
}

static void
update_filters_badge (MedusaOrdersPage *self,
                      guint             n_filters)
{
  if (n_filters > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_filters);
      g_autofree char *description = g_strdup_printf (ngettext ("%u filter active", "%u filters active", n_filters),
                                                      n_filters);

      gtk_label_set_text (self->filters_count_label, count);
      gtk_widget_set_visible (GTK_WIDGET (self->filters_count_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->filters_button), "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filters_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filters_count_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->filters_button), "suggested-action");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->filters_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* FALSE for a store whose orders this app cannot read yet (Medusa v2). */
static gboolean
orders_readable (MedusaOrdersPage *self)
{
  MedusaClient *client = medusa_session_get_client (medusa_page_get_session (MEDUSA_PAGE (self)));

  return client == NULL || medusa_client_has_capability (client, MEDUSA_CAPABILITY_ORDERS);
}

static void
update_state (MedusaOrdersPage *self)
{
  guint n_items;
  gint64 n_total;
  gboolean loading;
  const GError *error;

  /* Such a store is told about, not asked (it would answer 404). */
  gtk_widget_set_visible (self->toolbar, orders_readable (self));
  if (!orders_readable (self) &&
      medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self))) != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      medusa_spinner_set_spinning (self->more_spinner, FALSE);
      medusa_page_show_state (MEDUSA_PAGE (self), "unsupported");
      return;
    }

  if (self->list == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      medusa_spinner_set_spinning (self->more_spinner, FALSE);
      medusa_page_show_blank (MEDUSA_PAGE (self));
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  n_total = medusa_order_history_get_n_total (self->list);
  loading = medusa_order_history_get_loading (self->list);
  error = medusa_order_history_get_error (self->list);

  if (n_items > 0)
    medusa_page_show_state (MEDUSA_PAGE (self), "list");
  else if (error != NULL)
    medusa_page_show_error (MEDUSA_PAGE (self), error, _("Could not load your orders"));
  else if (loading || n_total < 0)
    medusa_page_show_state (MEDUSA_PAGE (self), "loading");
  else if (medusa_order_query_has_filters (medusa_order_history_get_query (self->list)))
    medusa_page_show_state (MEDUSA_PAGE (self), "no-matches");
  else
    medusa_page_show_state (MEDUSA_PAGE (self), "empty");

  if (n_total >= 0 && n_items > 0)
    {
      /* Translators: "12 of 40 orders": loaded of all that match */
      g_autofree char *text = g_strdup_printf (ngettext ("%u of %u order", "%u of %u orders", (gulong) n_total),
                                               n_items, (guint) n_total);

      gtk_label_set_text (self->count_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
    }
}

static void
on_list_notify_error_cb (MedusaOrdersPage *self)
{
  const GError *error = medusa_order_history_get_error (self->list);

  /* A 401 has locked the session already (its client's "unauthorized").
   * "error" is read-only and notifies only when the list takes a new error
   * (or clears it): every notify with an error is a new failed load. */
  if (error != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    medusa_ui_show_error (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)), error,
                          _("Could not load more orders"));
  update_state (self);
}

static void
teardown_list (MedusaOrdersPage *self)
{
  if (self->list == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->list, self);
  g_binding_group_set_source (self->list_bindings, NULL);
  medusa_order_history_cancel (self->list);
  medusa_growing_slice_set_model (self->shown, NULL);
  g_clear_object (&self->list);
  g_clear_pointer (&self->list_customer_id, g_free);
}

/* Creates the list for the signed-in customer, once they are signed in and
 * the page is shown; a new customer or store gets a new list. */
static void
ensure_list (MedusaOrdersPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  MedusaCustomer *customer = medusa_session_get_customer (session);
  MedusaClient *client = medusa_session_get_client (session);
  g_autoptr(MedusaOrderQuery) query = NULL;
  guint n_filters = 0;

  if (customer == NULL || client == NULL ||
      medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  if (!orders_readable (self))
    {
      teardown_list (self);
      update_state (self);
      return;
    }

  if (self->list != NULL &&
      medusa_order_history_get_client (self->list) == client &&
      g_strcmp0 (self->list_customer_id, medusa_customer_get_id (customer)) == 0)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && self->list == NULL)
    return;

  teardown_list (self);

  query = build_query (self, &n_filters);
  update_filters_badge (self, n_filters);

  self->list = medusa_order_history_new (session, query);
  self->list_customer_id = g_strdup (medusa_customer_get_id (customer));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-total", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::error", G_CALLBACK (on_list_notify_error_cb), self, G_CONNECT_SWAPPED);
  g_binding_group_set_source (self->list_bindings, self->list);
  medusa_growing_slice_set_model (self->shown, G_LIST_MODEL (self->list));

  update_state (self);
}

static void
apply_filters (MedusaOrdersPage *self)
{
  g_autoptr(MedusaOrderQuery) query = NULL;
  guint n_filters = 0;

  g_clear_handle_id (&self->apply_id, g_source_remove);

  if (self->resetting)
    return;

  query = build_query (self, &n_filters);
  update_filters_badge (self, n_filters);

  if (self->list != NULL)
    {
      medusa_order_history_set_query (self->list, query);
      update_state (self);
    }
  else
    {
      ensure_list (self);
    }
}

static gboolean
on_apply_timeout_cb (gpointer user_data)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (user_data);

  self->apply_id = 0;
  apply_filters (self);

  return G_SOURCE_REMOVE;
}

static void
reset_filters (MedusaOrdersPage *self,
               gboolean          clear_search)
{
  self->resetting = TRUE;

  if (self->status_box != NULL)
    {
      for (guint i = 1; i <= N_ORDER_STATUSES; i++)
        gtk_check_button_set_active (self->status_checks[i], FALSE);
      for (guint i = 1; i <= N_FULFILLMENT_STATUSES; i++)
        gtk_check_button_set_active (self->fulfillment_checks[i], FALSE);
      for (guint i = 1; i <= N_PAYMENT_STATUSES; i++)
        gtk_check_button_set_active (self->payment_checks[i], FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->number_entry), "");
    }
  if (clear_search)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  self->resetting = FALSE;
}

static GtkCheckButton *
add_check (MedusaOrdersPage *self,
           GtkFlowBox       *box,
           const char       *label,
           const char       *accessible_name);

/* Callbacks */

static void
on_filter_changed_cb (MedusaOrdersPage *self)
{
  if (self->resetting)
    return;

  g_clear_handle_id (&self->apply_id, g_source_remove);
  self->apply_id = g_timeout_add (FILTER_APPLY_DELAY_MS, on_apply_timeout_cb, self);
}

static GtkCheckButton *
add_check (MedusaOrdersPage *self,
           GtkFlowBox       *box,
           const char       *label,
           const char       *accessible_name)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);

  g_signal_connect_object (check, "toggled", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (box, check);
  /* The flow box child itself need not take the focus: the check does. */
  gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);

  return GTK_CHECK_BUTTON (check);
}

static void
on_search_entry_search_changed_cb (MedusaOrdersPage *self)
{
  if (!self->resetting)
    apply_filters (self);
}

static void
on_search_entry_stop_search_cb (MedusaOrdersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_clear_filters_clicked_cb (MedusaOrdersPage *self)
{
  reset_filters (self, TRUE);
  apply_filters (self);
  gtk_popover_popdown (self->filters_popover);
}

static void
edge_reached_cb (MedusaOrdersPage *self,
                 GtkPositionType   position)
{
  if (position == GTK_POS_BOTTOM && self->list != NULL)
    medusa_order_history_load_more (self->list);
}

static void
order_activated_cb (MedusaOrdersPage *self,
                    guint             position)
{
  g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (order == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-order", "s", medusa_order_get_id (order));
}

static void
medusa_orders_page_refresh (MedusaPage *page)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (page);

  if (self->list != NULL)
    {
      medusa_order_history_reload (self->list);
      update_state (self);
    }
  else
    {
      ensure_list (self);
    }
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  medusa_orders_page_focus_search (MEDUSA_ORDERS_PAGE (widget));
}

static void
find_guest_order_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  medusa_claim_order_dialog_present (widget, medusa_page_get_session (MEDUSA_PAGE (widget)));
}

/* Shows the filters of the statuses the store's dialect knows (a v1 store
 * never says "authorized", a v2 store never "returned"); a hidden one is
 * cleared so no filter the user cannot see stays applied. */
static void
set_check_known (GtkCheckButton *check,
                 gboolean        known)
{
  if (!known)
    gtk_check_button_set_active (check, FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (check)), known);
}

static void
update_known_statuses (MedusaOrdersPage *self)
{
  MedusaClient *client = medusa_session_get_client (medusa_page_get_session (MEDUSA_PAGE (self)));

  if (client == NULL || self->status_box == NULL)
    return;

  for (guint i = 1; i <= N_ORDER_STATUSES; i++)
    set_check_known (self->status_checks[i], medusa_client_knows_order_status (client, i));
  for (guint i = 1; i <= N_FULFILLMENT_STATUSES; i++)
    set_check_known (self->fulfillment_checks[i], medusa_client_knows_fulfillment_status (client, i));
  for (guint i = 1; i <= N_PAYMENT_STATUSES; i++)
    set_check_known (self->payment_checks[i], medusa_client_knows_payment_status (client, i));
}

/* Builds the popover's filters the first time it opens (GtkMenuButton asks
 * before each popup): 27 check boxes and three entries that most visits of
 * the page never show, ≈ 0.4 MB with their accessible objects (issue 10,
 * bench/README.md). */
static void
ensure_filters (MedusaOrdersPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;

  if (self->status_box != NULL)
    return;

  builder = gtk_builder_new ();
  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_filter_changed_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_clear_filters_clicked_cb);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, "/io/github/medusaaccount/MedusaAccount/medusa-orders-filters.ui",
                                      &error))
    g_error ("medusa-orders-filters.ui: %s", error->message);  /* a broken build, as a template */

  self->status_box = GTK_FLOW_BOX (gtk_builder_get_object (builder, "status_box"));
  self->fulfillment_box = GTK_FLOW_BOX (gtk_builder_get_object (builder, "fulfillment_box"));
  self->payment_box = GTK_FLOW_BOX (gtk_builder_get_object (builder, "payment_box"));
  self->from_entry = GTK_ENTRY (gtk_builder_get_object (builder, "from_entry"));
  self->to_entry = GTK_ENTRY (gtk_builder_get_object (builder, "to_entry"));
  self->number_entry = GTK_ENTRY (gtk_builder_get_object (builder, "number_entry"));
  self->filter_error_label = GTK_LABEL (gtk_builder_get_object (builder, "filter_error_label"));

  for (guint i = 1; i <= N_ORDER_STATUSES; i++)
    self->status_checks[i] = add_check (self, self->status_box, medusa_order_status_to_label (i),
                                        _(order_status_names[i]));
  for (guint i = 1; i <= N_FULFILLMENT_STATUSES; i++)
    self->fulfillment_checks[i] = add_check (self, self->fulfillment_box, medusa_fulfillment_status_to_label (i),
                                             _(fulfillment_status_names[i]));
  for (guint i = 1; i <= N_PAYMENT_STATUSES; i++)
    self->payment_checks[i] = add_check (self, self->payment_box, medusa_payment_status_to_label (i),
                                         _(payment_status_names[i]));

  gtk_popover_set_child (self->filters_popover, GTK_WIDGET (gtk_builder_get_object (builder, "filters_scroller")));
  update_known_statuses (self);
}

static void
filters_create_popup_cb (GtkMenuButton *button,
                         gpointer       user_data)
{
  ensure_filters (MEDUSA_ORDERS_PAGE (user_data));
}

static void
on_session_changed_cb (MedusaOrdersPage *self)
{
  update_known_statuses (self);

  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));

  if (medusa_session_get_state (session) == MEDUSA_SESSION_STATE_SIGNED_OUT ||
      medusa_session_get_customer (session) == NULL)
    return;

  ensure_list (self);
}

/* Sign-out, the idle lock, another store or account: nothing of the last
 * person's search and filters stays behind, nor their list. */
static void
medusa_orders_page_clear_input (MedusaPage *page)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (page);

  g_clear_handle_id (&self->apply_id, g_source_remove);
  teardown_list (self);
  gtk_popover_popdown (self->filters_popover);
  reset_filters (self, TRUE);
  update_filters_badge (self, 0);
  if (self->filter_error_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), FALSE);
  update_state (self);
}

/* GtkWidget */

static void
medusa_orders_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (medusa_orders_page_parent_class)->map (widget);
  medusa_ui_bench_mark (NULL, "orders-shown");  /* tools/bench.sh */

  ensure_list (MEDUSA_ORDERS_PAGE (widget));
}

/* GObject */

static void
medusa_orders_page_constructed (GObject *object)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (object);
  MedusaSession *session;

  G_OBJECT_CLASS (medusa_orders_page_parent_class)->constructed (object);

  /* The list follows the client too: another store gets a new list. */
  session = medusa_page_get_session (MEDUSA_PAGE (self));
  g_signal_connect_object (session, "notify::customer",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::client",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  update_known_statuses (self);
  update_state (self);
}

static void
medusa_orders_page_dispose (GObject *object)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (object);

  g_clear_handle_id (&self->apply_id, g_source_remove);
  teardown_list (self);

  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->list_bindings);

  G_OBJECT_CLASS (medusa_orders_page_parent_class)->dispose (object);
}

static void
medusa_orders_page_finalize (GObject *object)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (object);

  g_free (self->list_customer_id);

  G_OBJECT_CLASS (medusa_orders_page_parent_class)->finalize (object);
}

/* "Export Orders…": the orders the filters match, every page, to a file;
 * while the list comes from the local copy, the ones the copy matches (its
 * search is not the store's q). */
static void
export_orders_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MedusaOrdersPage *self = MEDUSA_ORDERS_PAGE (widget);
  g_autoptr(MedusaOrderQuery) query = NULL;

  /* What was typed last, also for the list */
  if (self->apply_id != 0)
    apply_filters (self);
  query = build_query (self, NULL);
  medusa_order_export_dialog_run (widget, medusa_page_get_session (MEDUSA_PAGE (self)), query,
                                  self->list != NULL && medusa_order_history_get_local (self->list));
}

static void
medusa_orders_page_class_init (MedusaOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_orders_page_constructed;
  object_class->dispose = medusa_orders_page_dispose;
  object_class->finalize = medusa_orders_page_finalize;

  widget_class->map = medusa_orders_page_map;

  MEDUSA_PAGE_CLASS (klass)->refresh = medusa_orders_page_refresh;
  MEDUSA_PAGE_CLASS (klass)->clear_input = medusa_orders_page_clear_input;

  g_type_ensure (MEDUSA_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, filters_popover);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, filters_count_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, toolbar);
  medusa_page_class_bind_state_stack (widget_class);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, more_spinner);
  gtk_widget_class_bind_template_child (widget_class, MedusaOrdersPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_activated_cb);

  medusa_page_class_install_refresh (widget_class);
  gtk_widget_class_install_action (widget_class, "page.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "page.find-guest-order", NULL, find_guest_order_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.focus-search", NULL);
  gtk_widget_class_install_action (widget_class, "page.export-orders", NULL, export_orders_action);
}

/* The list's rows. A row bound to another order shows it in place; one
 * unbound keeps its order until it is bound again or torn down (GTK 4.8
 * unbinds and binds again each time it moves a row: a NULL in between
 * would clear and fill every label twice). */
static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, medusa_order_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  medusa_order_row_set_order (MEDUSA_ORDER_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
row_teardown_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL)
    medusa_order_row_set_order (MEDUSA_ORDER_ROW (row), NULL);
}

static void
medusa_orders_page_init (MedusaOrdersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_page_add_state_pages (MEDUSA_PAGE (self), _("Loading orders"), _("Could Not Load Orders"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search orders"),
                                  -1);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (on_search_entry_stop_search_cb), self, G_CONNECT_SWAPPED);

  gtk_menu_button_set_create_popup_func (self->filters_button, filters_create_popup_cb, self, NULL);

  /* The spinner under the list spins while more orders load; it is on the
   * list's page, so it is only seen when there are rows. It is drawn with
   * cairo, not a GtkSpinner's symbolic icon (see medusa-spinner.c). */
  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "loading", self->more_spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->more_spinner, "spinning", self->more_spinner, "visible", G_BINDING_SYNC_CREATE);

  /* The view gets a page of rows at a time, as it is scrolled to them, and
   * at most ROWS_PER_FRAME new rows a frame: GTK 4.8 makes, styles, measures
   * and draws each (a frame with a page of 20 new rows kept the main loop
   * busy 24–33 ms, issue 10's stall row; see bench/README.md). Rows are
   * made in C: a GtkBuilderListItemFactory ran a GtkBuilder for each. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "teardown", G_CALLBACK (row_teardown_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  self->shown = medusa_growing_slice_new (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->list_view),
                                                                                       GTK_TYPE_SCROLLED_WINDOW)),
                                          MEDUSA_ORDER_LIST_DEFAULT_PAGE_SIZE, ROWS_PER_FRAME);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
medusa_orders_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_ORDERS_PAGE,
                       "session", session,
                       NULL);
}

void
medusa_orders_page_focus_search (MedusaOrdersPage *self)
{
  g_return_if_fail (MEDUSA_IS_ORDERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
