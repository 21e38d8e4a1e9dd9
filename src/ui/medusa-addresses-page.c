/* medusa-addresses-page.c: the customer's saved addresses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-dialog.h"
#include "medusa-address-row.h"
#include "medusa-addresses-page.h"
#include "medusa-page.h"
#include "medusa-addresses.h"
#include "medusa-offline-guard.h"
#include "medusa-ui-utils.h"

/* An address the user deleted: hidden at once, DELETEd only when its toast
 * goes away without "Undo". */
typedef struct
{
  GWeakRef       page;
  MedusaSession *session;
  AdwToast      *toast;
  char          *address_id;
  gboolean       undone;
  gboolean       sent;
} PendingDelete;

struct _MedusaAddressesPage
{
  MedusaPage       parent_instance;

  GHashTable      *pending;       /* address id → PendingDelete (not owned) */
  GtkFilterListModel *shown;      /* the customer's addresses but the pending deletes */

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkButton       *add_button;
};

G_DEFINE_FINAL_TYPE (MedusaAddressesPage, medusa_addresses_page, MEDUSA_TYPE_PAGE)

static void refilter (MedusaAddressesPage *self);

/* Pending deletes */

static void
pending_delete_free (PendingDelete *pending)
{
  g_weak_ref_clear (&pending->page);
  g_clear_object (&pending->session);
  g_clear_object (&pending->toast);
  g_free (pending->address_id);
  g_free (pending);
}

static void
on_delete_address_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PendingDelete *pending = user_data;
  g_autoptr(MedusaAddressesPage) self = g_weak_ref_get (&pending->page);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  /* On success the session has taken the customer: the list shows it. */
  customer = medusa_session_address_change_finish (MEDUSA_SESSION (source), result, &error);

  if (self != NULL && g_hash_table_lookup (self->pending, pending->address_id) == pending)
    g_hash_table_remove (self->pending, pending->address_id);

  /* A failed or cancelled delete puts the row back. */
  if (error != NULL && self != NULL)
    {
      refilter (self);
      if (!medusa_ui_is_cancelled (error))
        medusa_ui_show_error (GTK_WIDGET (self), pending->session, error,
                              _("Could not delete the address"));
    }

  pending_delete_free (pending);
}

static void
on_toast_button_clicked_cb (AdwToast      *toast,
                            PendingDelete *pending)
{
  g_autoptr(MedusaAddressesPage) self = g_weak_ref_get (&pending->page);

  if (pending->sent)
    return;

  pending->undone = TRUE;
  if (self != NULL)
    {
      if (g_hash_table_lookup (self->pending, pending->address_id) == pending)
        g_hash_table_remove (self->pending, pending->address_id);
      refilter (self);
    }
}

static void
on_toast_dismissed_cb (AdwToast      *toast,
                       PendingDelete *pending)
{
  g_autoptr(MedusaAddressesPage) self = NULL;
  MedusaClient *client;

  if (pending->sent)
    return;
  pending->sent = TRUE;

  g_signal_handlers_disconnect_by_data (toast, pending);

  self = g_weak_ref_get (&pending->page);
  client = medusa_session_get_client (pending->session);

  if (pending->undone || client == NULL)
    {
      if (self != NULL && g_hash_table_lookup (self->pending, pending->address_id) == pending)
        g_hash_table_remove (self->pending, pending->address_id);
      pending_delete_free (pending);
      return;
    }

  /* The request outlives the page if need be: the user asked for it. */
  medusa_session_delete_address_async (pending->session, pending->address_id,
                                       medusa_session_get_cancellable (pending->session),
                                       on_delete_address_cb, pending);
}

/* Forgets every delete not sent yet (sign-out: nothing may be sent). */
static void
drop_pending_deletes (MedusaAddressesPage *self)
{
  g_autoptr(GList) values = g_hash_table_get_values (self->pending);

  for (GList *l = values; l != NULL; l = l->next)
    {
      PendingDelete *pending = l->data;

      if (!pending->sent)
        {
          pending->undone = TRUE;
          if (pending->toast != NULL)
            adw_toast_dismiss (pending->toast);
        }
    }

  g_hash_table_remove_all (self->pending);
}

/* Sends every delete still waiting for its toast (the page goes away). */
static void
flush_pending_deletes (MedusaAddressesPage *self)
{
  g_autoptr(GList) values = g_hash_table_get_values (self->pending);

  for (GList *l = values; l != NULL; l = l->next)
    {
      PendingDelete *pending = l->data;

      if (!pending->sent && pending->toast != NULL)
        adw_toast_dismiss (pending->toast);
    }
}

/* Rows */

static gboolean
is_not_pending (gpointer item,
                gpointer user_data)
{
  MedusaAddressesPage *self = user_data;

  return self->pending == NULL ||
         !g_hash_table_contains (self->pending, medusa_address_get_id (item));
}

static void
edit_cb (MedusaAddressRow    *row,
         MedusaAddressesPage *self);
static void
delete_cb (MedusaAddressRow    *row,
           MedusaAddressesPage *self);

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MedusaAddressesPage *self = user_data;
  GtkWidget *row = medusa_address_row_new (item);

  g_signal_connect_object (row, "edit", G_CALLBACK (edit_cb), self, 0);
  g_signal_connect_object (row, "delete", G_CALLBACK (delete_cb), self, 0);
  medusa_address_row_guard_offline (MEDUSA_ADDRESS_ROW (row), medusa_page_get_session (MEDUSA_PAGE (self)));

  return row;
}

/* The shown addresses' n-items → the stack's page. */
static gboolean
count_to_page (GBinding     *binding,
               const GValue *from_value,
               GValue       *to_value,
               gpointer      user_data)
{
  g_value_set_static_string (to_value, g_value_get_uint (from_value) > 0 ? "list" : "empty");
  return TRUE;
}

/* A delete was asked for, undone or failed: show what is left. */
static void
refilter (MedusaAddressesPage *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->shown), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
rebuild (MedusaAddressesPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self)));

  gtk_filter_list_model_set_model (self->shown,
                                   customer != NULL ? medusa_customer_get_shipping_addresses (customer) : NULL);
  refilter (self);
  medusa_offline_guard_set_sensitive (GTK_WIDGET (self->add_button), customer != NULL);
}

static void
open_dialog (MedusaAddressesPage *self,
             MedusaAddress       *address);

static void
on_dialog_saved_cb (MedusaAddressesPage *self,
                    MedusaCustomer      *customer,
                    MedusaAddressDialog *dialog)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (medusa_address_dialog_get_address (dialog) != NULL
                                              ? _("Address updated")
                                              : _("Address added")));
}

static void
open_dialog (MedusaAddressesPage *self,
             MedusaAddress       *address)
{
  GtkWidget *dialog;
  GtkRoot *root;

  if (medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self))) == NULL)
    return;

  dialog = medusa_address_dialog_new (medusa_page_get_session (MEDUSA_PAGE (self)), address);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
on_add_button_clicked_cb (MedusaAddressesPage *self)
{
  open_dialog (self, NULL);
}

static void
edit_cb (MedusaAddressRow    *row,
         MedusaAddressesPage *self)
{
  open_dialog (self, medusa_address_row_get_address (row));
}

static void
delete_cb (MedusaAddressRow    *row,
           MedusaAddressesPage *self)
{
  MedusaAddress *address = medusa_address_row_get_address (row);
  const char *id = medusa_address_get_id (address);
  PendingDelete *pending;
  AdwToast *toast;

  if (id == NULL || g_hash_table_contains (self->pending, id))
    return;

  pending = g_new0 (PendingDelete, 1);
  g_weak_ref_init (&pending->page, self);
  pending->session = g_object_ref (medusa_page_get_session (MEDUSA_PAGE (self)));
  pending->address_id = g_strdup (id);
  g_hash_table_insert (self->pending, pending->address_id, pending);

  toast = adw_toast_new (_("Address deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pending->toast = g_object_ref (toast);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_toast_button_clicked_cb), pending);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), pending);

  refilter (self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_session_notify_customer_cb (MedusaAddressesPage *self)
{
  rebuild (self);
}

/* MedusaPage */

static void
medusa_addresses_page_refresh (MedusaPage *page)
{
  MedusaSession *session = medusa_page_get_session (page);

  if (medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  medusa_ui_refresh_session (GTK_WIDGET (page), session, medusa_page_get_cancellable (page),
                             _("Could not load your addresses"));
}

/* Signed out */
static void
medusa_addresses_page_reset (MedusaPage *page)
{
  MedusaAddressesPage *self = MEDUSA_ADDRESSES_PAGE (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", TRUE);

  drop_pending_deletes (self);
  rebuild (self);
}

/* GObject */

static void
medusa_addresses_page_constructed (GObject *object)
{
  MedusaAddressesPage *self = MEDUSA_ADDRESSES_PAGE (object);

  G_OBJECT_CLASS (medusa_addresses_page_parent_class)->constructed (object);

  /* Every change of the customer, not only another customer: the list is
   * the customer's addresses. */
  g_signal_connect_object (medusa_page_get_session (MEDUSA_PAGE (self)), "notify::customer",
                           G_CALLBACK (on_session_notify_customer_cb), self, G_CONNECT_SWAPPED);
  medusa_offline_guard_add (GTK_WIDGET (self->add_button), medusa_page_get_session (MEDUSA_PAGE (self)));
  rebuild (self);
}

static void
medusa_addresses_page_dispose (GObject *object)
{
  MedusaAddressesPage *self = MEDUSA_ADDRESSES_PAGE (object);

  if (self->pending != NULL)
    {
      flush_pending_deletes (self);
      g_clear_pointer (&self->pending, g_hash_table_unref);
    }

  g_clear_object (&self->shown);

  G_OBJECT_CLASS (medusa_addresses_page_parent_class)->dispose (object);
}

static void
medusa_addresses_page_class_init (MedusaAddressesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_addresses_page_constructed;
  object_class->dispose = medusa_addresses_page_dispose;

  MEDUSA_PAGE_CLASS (klass)->refresh = medusa_addresses_page_refresh;
  MEDUSA_PAGE_CLASS (klass)->reset = medusa_addresses_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-addresses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressesPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);

  medusa_page_class_install_refresh (widget_class);
}

static void
medusa_addresses_page_init (MedusaAddressesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_hash_table_new (g_str_hash, g_str_equal);

  self->shown = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (is_not_pending, self, NULL)));
  g_object_bind_property_full (self->shown, "n-items", self->stack, "visible-child-name", G_BINDING_SYNC_CREATE,
                               count_to_page, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->shown), create_row, self, NULL);
}

GtkWidget *
medusa_addresses_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_ADDRESSES_PAGE,
                       "session", session,
                       NULL);
}
