/* medusa-addresses-page.c: the customer's saved addresses
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-dialog.h"
#include "medusa-addresses-page.h"
#include "medusa-page.h"
#include "medusa-addresses.h"
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

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkButton       *add_button;
};

G_DEFINE_FINAL_TYPE (MedusaAddressesPage, medusa_addresses_page, MEDUSA_TYPE_PAGE)

static void rebuild (MedusaAddressesPage *self);

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

  customer = medusa_client_delete_address_finish (MEDUSA_CLIENT (source), result, &error);

  if (self != NULL && g_hash_table_lookup (self->pending, pending->address_id) == pending)
    g_hash_table_remove (self->pending, pending->address_id);

  if (error == NULL)
    {
      medusa_session_set_customer (pending->session, customer);
    }
  else if (!medusa_ui_is_cancelled (error))
    {
      if (self != NULL)
        {
          rebuild (self);
          medusa_ui_show_error (GTK_WIDGET (self), pending->session, error,
                                _("Could not delete the address"));
        }
    }
  else if (self != NULL)
    {
      rebuild (self);
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
      rebuild (self);
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
  medusa_client_delete_address_async (client, pending->address_id,
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

/* The row's subtitle: the place without the name the title already shows. */
static char *
dup_place_line (MedusaAddress *address)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *country = NULL;
  const char *postal = medusa_address_get_postal_code (address);
  const char *city = medusa_address_get_city (address);
  const char *values[] = {
    medusa_address_get_company (address),
    medusa_address_get_address_1 (address),
    medusa_address_get_address_2 (address),
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] != NULL && *values[i] != '\0')
        g_ptr_array_add (parts, g_strdup (values[i]));
    }

  if ((postal != NULL && *postal != '\0') || (city != NULL && *city != '\0'))
    g_ptr_array_add (parts, g_strstrip (g_strdup_printf ("%s %s", postal != NULL ? postal : "",
                                                          city != NULL ? city : "")));
  if (medusa_address_get_province (address) != NULL && *medusa_address_get_province (address) != '\0')
    g_ptr_array_add (parts, g_strdup (medusa_address_get_province (address)));
  if (medusa_address_get_country_code (address) != NULL && *medusa_address_get_country_code (address) != '\0')
    g_ptr_array_add (parts, g_ascii_strup (medusa_address_get_country_code (address), -1));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
edit_clicked_cb (GtkButton           *button,
                 MedusaAddressesPage *self);
static void
delete_clicked_cb (GtkButton           *button,
                   MedusaAddressesPage *self);

static GtkWidget *
create_row (MedusaAddressesPage *self,
            MedusaAddress       *address)
{
  g_autofree char *name = medusa_address_dup_full_name (address);
  g_autofree char *line = dup_place_line (address);
  const char *company = medusa_address_get_company (address);
  const char *title;
  g_autofree char *delete_name = NULL;
  GtkWidget *row;
  GtkWidget *edit;
  GtkWidget *delete;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (*name == '\0' && company != NULL && *company != '\0')
    title = company;
  else
    title = *name != '\0' ? name : _("Unnamed address");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  edit = medusa_ui_row_button_new ("document-edit-symbolic",
                                   _("Edit address"), _("Edit address"));
  g_object_set_data_full (G_OBJECT (edit), "address", g_object_ref (address), g_object_unref);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  /* Edit is named after the row (it is the row's activatable widget); the
   * delete button needs the address in its own name, or a screen reader
   * hears the same "Delete address" on every row. */
  /* Translators: the accessible name of a row's delete button; %s is the
   * address's title (the name on it). */
  delete_name = g_strdup_printf (_("Delete address %s"), title);
  delete = medusa_ui_row_button_new ("user-trash-symbolic",
                                     _("Delete address"), delete_name);
  g_object_set_data_full (G_OBJECT (delete), "address", g_object_ref (address), g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  /* Activating the row edits it. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);

  return row;
}

static void
rebuild (MedusaAddressesPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self)));
  GtkWidget *child;
  guint n_shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (customer != NULL)
    {
      GListModel *addresses = medusa_customer_get_shipping_addresses (customer);

      for (guint i = 0; i < g_list_model_get_n_items (addresses); i++)
        {
          g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);

          if (g_hash_table_contains (self->pending, medusa_address_get_id (address)))
            continue;

          gtk_list_box_append (self->list_box, create_row (self, address));
          n_shown++;
        }
    }

  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), customer != NULL);
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
edit_clicked_cb (GtkButton           *button,
                 MedusaAddressesPage *self)
{
  open_dialog (self, g_object_get_data (G_OBJECT (button), "address"));
}

static void
delete_clicked_cb (GtkButton           *button,
                   MedusaAddressesPage *self)
{
  MedusaAddress *address = g_object_get_data (G_OBJECT (button), "address");
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

  rebuild (self);
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
}

GtkWidget *
medusa_addresses_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_ADDRESSES_PAGE,
                       "session", session,
                       NULL);
}
