/* medusa-claim-order-dialog.c: find orders placed as a guest and add them to the account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaClaimOrderDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-claim-order-dialog.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-guest-orders.h"
#include "medusa-line-item.h"
#include "medusa-order-row.h"
#include "medusa-payloads.h"
#include "medusa-ui-utils.h"

/* More would be one email too many for the person to wait for. */
#define MAX_ORDERS 20

struct _MedusaClaimOrderDialog
{
  AdwWindow          parent_instance;

  MedusaSession     *session;      /* (owned) */
  GCancellable      *cancellable;  /* (owned) (nullable): the running request */
  GListStore        *found;        /* (owned) MedusaOrder: found, not in any account */
  gboolean           busy;
  guint              codes_left;   /* emails sent whose code is not confirmed yet */
  gboolean           by_id;        /* MEDUSA_CAPABILITY_ORDER_BY_ID: the order's id, no email */

  AdwWindowTitle    *window_title;
  GtkLabel          *intro_label;
  GtkStack          *stack;
  AdwEntryRow       *number_row;
  AdwEntryRow       *email_row;
  GtkLabel          *find_error_label;
  GtkButton         *find_button;
  GtkWidget         *found_box;
  GtkListBox        *found_list;
  GtkLabel          *items_label;
  GtkLabel          *request_error_label;
  GtkButton         *request_button;
  GtkButton         *have_code_button;
  GtkLabel          *sent_label;
  AdwEntryRow       *code_row;
  GtkLabel          *confirm_error_label;
  GtkButton         *confirm_button;
  GtkButton         *back_button;
  GtkButton         *cancel_requests_button;
  guint              cancel_next;  /* the next found order to take the request back for */
  GtkButton         *close_button;
};

G_DEFINE_FINAL_TYPE (MedusaClaimOrderDialog, medusa_claim_order_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CLAIMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (MedusaClaimOrderDialog *self,
          GtkButton              *button,
          gboolean                busy)
{
  self->busy = busy;
  if (button != NULL)
    medusa_busy_button_set_busy (MEDUSA_BUSY_BUTTON (button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->number_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->have_code_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_requests_button), !busy);
}

static void
update_found (MedusaClaimOrderDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->found));

  gtk_widget_set_visible (self->found_box, n > 0);
}

/* "1 × Test T-Shirt, 2 × Mug" */
static char *
items_text (MedusaOrder *order)
{
  GListModel *items = medusa_order_get_items (order);
  GString *out = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      const char *title = medusa_line_item_get_title (item);

      g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_line_item_get_quantity (item));

      if (out->len > 0)
        g_string_append (out, ", ");
      /* Translators: quantity and product of an order line, as in "2 × Mug" */
      g_string_append_printf (out, _("%s × %s"), quantity, title != NULL ? title : "");
    }
  return g_string_free (out, FALSE);
}

/* The distinct emails of the found orders, "a@b.c, d@e.f". */
static char *
found_emails (MedusaClaimOrderDialog *self)
{
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->found));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (self->found), i);
      const char *email = medusa_order_get_email (order);
      gboolean seen = FALSE;

      for (guint j = 0; j < emails->len && email != NULL; j++)
        seen |= g_strcmp0 (g_ptr_array_index (emails, j), email) == 0;
      if (email != NULL && !seen)
        g_ptr_array_add (emails, (gpointer) email);
    }
  g_ptr_array_add (emails, NULL);
  return g_strjoinv (", ", (char **) emails->pdata);
}

static guint
count_emails (MedusaClaimOrderDialog *self)
{
  g_autofree char *emails = found_emails (self);
  g_auto(GStrv) parts = g_strsplit (emails, ", ", -1);

  return *emails != '\0' ? g_strv_length (parts) : 0;
}

static gboolean
is_found (MedusaClaimOrderDialog *self,
          const char             *order_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->found));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (self->found), i);

      if (g_strcmp0 (medusa_order_get_id (order), order_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
create_order_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = g_object_new (MEDUSA_TYPE_ORDER_ROW, "order", item, NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  return row;
}

/* Step 1: find */

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MedusaClaimOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *items = NULL;
  g_autofree char *number = NULL;
  gboolean has_account = FALSE;
  MedusaCustomer *me;

  if (self->by_id)
    order = medusa_client_find_guest_order_finish (MEDUSA_CLIENT (source), result,
                                                   &has_account, &owner_id, &error);
  else
    order = medusa_client_lookup_guest_order_finish (MEDUSA_CLIENT (source), result,
                                                     &has_account, &owner_id, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  set_busy (self, self->find_button, FALSE);

  if (order == NULL)
    {
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND) && self->by_id)
        message = g_strdup (error->message);
      else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
        message = g_strdup_printf ("%s %s", error->message,
                                   _("Check both against the order confirmation email."));
      else
        message = medusa_ui_error_message (error, _("Could not look up the order"));
      medusa_ui_label_set_error (self->find_error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
      return;
    }

  number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
  me = medusa_session_get_customer (self->session);
  /* A store that does not say whether the owner has an account (v2) still
   * says whose it is. */
  if (!has_account && me != NULL && owner_id != NULL &&
      g_strcmp0 (owner_id, medusa_customer_get_id (me)) == 0)
    {
      message = g_strdup_printf (_("Order #%s is already in your account."), number);
      medusa_ui_label_set_error (self->find_error_label, message);
      return;
    }
  if (has_account)
    {
      if (me != NULL && g_strcmp0 (owner_id, medusa_customer_get_id (me)) == 0)
        message = g_strdup_printf (_("Order #%s is already in your account."), number);
      else
        message = g_strdup_printf (_("Order #%s belongs to another account and cannot be added to yours."),
                                   number);
      medusa_ui_label_set_error (self->find_error_label, message);
      return;
    }
  if (is_found (self, medusa_order_get_id (order)))
    {
      message = g_strdup_printf (_("Order #%s is already in the list."), number);
      medusa_ui_label_set_error (self->find_error_label, message);
      return;
    }

  g_list_store_append (self->found, order);
  items = items_text (order);
  /* Translators: the products of the order just found, e.g. "Order #12: 1 × Mug" */
  message = g_strdup_printf (_("Order #%s: %s"), number, items);
  gtk_label_set_text (self->items_label, message);
  update_found (self);

  /* ready for the next one; the email is often the same */
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), "");
  medusa_ui_label_set_error (self->find_error_label, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->request_button));
}

static void
on_find_clicked_cb (MedusaClaimOrderDialog *self)
{
  g_autofree char *email = NULL;
  gint64 number;

  if (self->busy)
    return;

  if (self->by_id)
    {
      g_autofree char *reference = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));

      if (*reference == '\0')
        {
          medusa_ui_label_set_error (self->find_error_label,
                                     _("Enter the order ID from the order confirmation; it starts with “order_”."));
          gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
          return;
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (self->found)) >= MAX_ORDERS)
        {
          medusa_ui_label_set_error (self->find_error_label,
                                     _("Send the confirmation email for these orders first."));
          return;
        }
      medusa_ui_label_set_error (self->find_error_label, NULL);
      set_busy (self, self->find_button, TRUE);
      medusa_ui_renew_cancellable (&self->cancellable);
      medusa_client_find_guest_order_async (medusa_session_get_client (self->session), reference, NULL,
                                            self->cancellable, lookup_cb, g_object_ref (self));
      return;
    }

  number = medusa_order_number_parse (gtk_editable_get_text (GTK_EDITABLE (self->number_row)));
  email = medusa_normalize_email (gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  if (number <= 0)
    {
      medusa_ui_label_set_error (self->find_error_label,
                                 _("Enter the order number as it is in the order confirmation, e.g. 1042."));
      gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
      return;
    }
  if (!medusa_email_looks_valid (email))
    {
      medusa_ui_label_set_error (self->find_error_label,
                                 _("Enter the email address the order was placed with."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->found)) >= MAX_ORDERS)
    {
      medusa_ui_label_set_error (self->find_error_label,
                                 _("Send the confirmation email for these orders first."));
      return;
    }

  medusa_ui_label_set_error (self->find_error_label, NULL);
  set_busy (self, self->find_button, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);
  medusa_client_lookup_guest_order_async (medusa_session_get_client (self->session), number, email,
                                          self->cancellable, lookup_cb, g_object_ref (self));
}

static void
on_find_activated_cb (MedusaClaimOrderDialog *self)
{
  on_find_clicked_cb (self);
}

static void
on_find_changed_cb (MedusaClaimOrderDialog *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->find_error_label)))
    medusa_ui_label_set_error (self->find_error_label, NULL);
}

/* Step 2: ask for the email */

static void
show_confirm_step (MedusaClaimOrderDialog *self,
                   gboolean                sent)
{
  g_autofree char *text = NULL;

  if (sent)
    {
      g_autofree char *emails = found_emails (self);

      if (self->by_id)
        text = g_strdup_printf (_("The store is sending an email with a code for each order to %s. Paste a code here."),
                                emails);
      else
        text = g_strdup_printf (_("The store is sending a confirmation email to %s. Paste the code or the whole link from that email here. It is valid for 15 minutes."),
                                emails);
    }
  else
    text = g_strdup (_("Paste the code or the whole link from the store’s confirmation email."));
  gtk_label_set_text (self->sent_label, text);
  medusa_ui_label_set_error (self->confirm_error_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_requests_button),
                          g_list_model_get_n_items (G_LIST_MODEL (self->found)) > 0 &&
                          medusa_client_has_capability (medusa_session_get_client (self->session),
                                                        MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL));
  gtk_stack_set_visible_child_name (self->stack, "confirm");
  medusa_ui_grab_focus_when_shown (GTK_WIDGET (self->code_row));
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MedusaClaimOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_client_request_order_claim_finish (MEDUSA_CLIENT (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;
      set_busy (self, self->request_button, FALSE);
      message = medusa_ui_error_message (error, _("Could not send the confirmation email"));
      medusa_ui_label_set_error (self->request_error_label, message);
      return;
    }

  set_busy (self, self->request_button, FALSE);
  /* the store mails one code per order email (by id: per order) */
  self->codes_left = self->by_id ? g_list_model_get_n_items (G_LIST_MODEL (self->found)) : count_emails (self);
  show_confirm_step (self, TRUE);
}

static void
on_request_clicked_cb (MedusaClaimOrderDialog *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->found));

  if (self->busy || n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (self->found), i);

      g_ptr_array_add (ids, (gpointer) medusa_order_get_id (order));
    }
  g_ptr_array_add (ids, NULL);

  medusa_ui_label_set_error (self->request_error_label, NULL);
  set_busy (self, self->request_button, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);
  /* the ids stay valid: the orders are held by self->found */
  medusa_client_request_order_claim_async (medusa_session_get_client (self->session),
                                           (const char * const *) ids->pdata,
                                           self->cancellable, request_cb, g_object_ref (self));
}

static void
on_have_code_clicked_cb (MedusaClaimOrderDialog *self)
{
  show_confirm_step (self, FALSE);
}

static void
on_back_clicked_cb (MedusaClaimOrderDialog *self)
{
  gtk_stack_set_visible_child_name (self->stack, "find");
  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
}

/* Step 3: confirm */

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MedusaClaimOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The orders are in the account already; a failed sync only delays the list. */
  if (!medusa_session_refresh_finish (MEDUSA_SESSION (source), result, &error) &&
      medusa_ui_is_cancelled (error))
    return;

  set_busy (self, self->confirm_button, FALSE);
  g_signal_emit (self, signals[SIGNAL_CLAIMED], 0);

  if (self->codes_left > 1)
    {
      /* orders of several emails: one code each */
      self->codes_left--;
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
      gtk_label_set_text (self->sent_label,
                          _("Those orders are in your account now. Paste the code or link from the other confirmation email too."));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static void
confirm_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MedusaClaimOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_client_confirm_order_claims_finish (MEDUSA_CLIENT (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;
      set_busy (self, self->confirm_button, FALSE);
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN))
        message = g_strdup_printf ("%s %s", error->message,
                                   _("Check that you pasted all of it, or go back and send a new confirmation email."));
      else
        message = medusa_ui_error_message (error, _("Could not add the orders"));
      medusa_ui_label_set_error (self->confirm_error_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  /* the confirm button stays busy while the history syncs */
  medusa_session_refresh_async (self->session, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
on_confirm_clicked_cb (MedusaClaimOrderDialog *self)
{
  g_autofree char *token = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  MedusaClient *client = medusa_session_get_client (self->session);

  if (self->busy || client == NULL)
    return;

  token = medusa_client_claim_token_from_text (client, gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
  if (token == NULL)
    {
      medusa_ui_label_set_error (self->confirm_error_label,
                                 _("This is not a confirmation code or a link that holds one. Paste the code or the whole link from the email."));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  medusa_ui_label_set_error (self->confirm_error_label, NULL);
  set_busy (self, self->confirm_button, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);
  /* The orders asked for: a store whose codes are per order needs them. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->found)); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (G_LIST_MODEL (self->found), i);

      g_ptr_array_add (ids, (gpointer) medusa_order_get_id (order));
    }
  g_ptr_array_add (ids, NULL);
  medusa_client_confirm_order_claims_async (client, (const char * const *) ids->pdata, token,
                                            self->cancellable, confirm_cb, g_object_ref (self));
}

/* Taking the requests back (stores with MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL):
 * one order after the other; one that no longer waits is fine. */

static void cancel_next_request (MedusaClaimOrderDialog *self);

static void
cancel_request_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedusaClaimOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!medusa_client_cancel_order_claim_finish (MEDUSA_CLIENT (source), result, &error) &&
      !g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN))
    {
      g_autofree char *message = NULL;

      if (medusa_ui_is_cancelled (error))
        return;
      set_busy (self, self->cancel_requests_button, FALSE);
      message = medusa_ui_error_message (error, _("Could not take the requests back"));
      medusa_ui_label_set_error (self->confirm_error_label, message);
      return;
    }
  cancel_next_request (self);
}

static void
cancel_next_request (MedusaClaimOrderDialog *self)
{
  g_autoptr(MedusaOrder) order = NULL;

  if (self->cancel_next >= g_list_model_get_n_items (G_LIST_MODEL (self->found)))
    {
      set_busy (self, self->cancel_requests_button, FALSE);
      self->codes_left = 0;
      gtk_stack_set_visible_child_name (self->stack, "find");
      medusa_ui_label_set_error (self->request_error_label,
                                 _("The requests were taken back: the codes sent no longer work. Ask again to get new ones."));
      gtk_widget_grab_focus (GTK_WIDGET (self->request_button));
      return;
    }
  order = g_list_model_get_item (G_LIST_MODEL (self->found), self->cancel_next++);
  medusa_client_cancel_order_claim_async (medusa_session_get_client (self->session), medusa_order_get_id (order),
                                          self->cancellable, cancel_request_cb, g_object_ref (self));
}

static void
on_cancel_requests_clicked_cb (MedusaClaimOrderDialog *self)
{
  if (self->busy || medusa_session_get_client (self->session) == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->found)) == 0)
    return;

  medusa_ui_label_set_error (self->confirm_error_label, NULL);
  set_busy (self, self->cancel_requests_button, TRUE);
  medusa_ui_renew_cancellable (&self->cancellable);
  self->cancel_next = 0;
  cancel_next_request (self);
}

static void
on_code_changed_cb (MedusaClaimOrderDialog *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->confirm_error_label)))
    medusa_ui_label_set_error (self->confirm_error_label, NULL);
}

static void
on_close_clicked_cb (MedusaClaimOrderDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Sign-out, the idle lock, another account: nothing typed or found stays. */
static void
on_session_clear_input_cb (MedusaClaimOrderDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
medusa_claim_order_dialog_dispose (GObject *object)
{
  MedusaClaimOrderDialog *self = MEDUSA_CLAIM_ORDER_DIALOG (object);

  medusa_ui_drop_cancellable (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_CLAIM_ORDER_DIALOG);

  g_clear_object (&self->found);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_claim_order_dialog_parent_class)->dispose (object);
}

static void
medusa_claim_order_dialog_class_init (MedusaClaimOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = medusa_claim_order_dialog_dispose;

  /**
   * MedusaClaimOrderDialog::claimed:
   *
   * The store moved the orders into the account and the session synced.
   */
  signals[SIGNAL_CLAIMED] = g_signal_new ("claimed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-claim-order-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, cancel_requests_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_requests_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, find_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, find_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, found_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, found_list);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, items_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, request_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, request_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, have_code_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, sent_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, confirm_error_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, MedusaClaimOrderDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_find_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_request_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_have_code_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
medusa_claim_order_dialog_init (MedusaClaimOrderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->found = g_list_store_new (MEDUSA_TYPE_ORDER);
  gtk_list_box_bind_model (self->found_list, G_LIST_MODEL (self->found),
                           create_order_row, NULL, NULL);
}

MedusaClaimOrderDialog *
medusa_claim_order_dialog_new (GtkWindow     *parent,
                               MedusaSession *session)
{
  MedusaClaimOrderDialog *self;
  MedusaCustomer *customer;

  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  self = g_object_new (MEDUSA_TYPE_CLAIM_ORDER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, G_CONNECT_SWAPPED);

  /* The store identifies a guest's order by its id (v2): no email to ask. */
  self->by_id = medusa_session_get_client (session) != NULL &&
                medusa_client_has_capability (medusa_session_get_client (session),
                                              MEDUSA_CAPABILITY_ORDER_BY_ID);
  if (self->by_id)
    {
      gtk_label_set_text (self->intro_label,
                          _("Orders placed without signing in are not in your account. Find each one by its order ID (it starts with “order_”; the order confirmation has it, often in a link); the store then sends an email with a code to the address of the order."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->number_row), _("Order ID"));
      g_object_set (self->number_row, "input-purpose", GTK_INPUT_PURPOSE_FREE_FORM, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->email_row), FALSE);
    }

  /* Often the guest order was placed with the same address. */
  customer = medusa_session_get_customer (session);
  if (customer != NULL && medusa_customer_get_email (customer) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), medusa_customer_get_email (customer));

  return self;
}

static void
on_claimed_refresh_page_cb (GtkWidget *page)
{
  gtk_widget_activate_action (page, "page.refresh", NULL);
}

void
medusa_claim_order_dialog_present (GtkWidget     *page,
                                   MedusaSession *session)
{
  MedusaClaimOrderDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (MEDUSA_IS_SESSION (session));

  root = gtk_widget_get_root (page);
  dialog = medusa_claim_order_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session);
  g_signal_connect_object (dialog, "claimed", G_CALLBACK (on_claimed_refresh_page_cb),
                           page, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
