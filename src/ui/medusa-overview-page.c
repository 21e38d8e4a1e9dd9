/* medusa-overview-page.c: who is signed in, and the ways into the account
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaOverviewPage"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-account-store.h"
#include "medusa-customers.h"
#include "medusa-dialect.h"
#include "medusa-error.h"
#include "medusa-order-query.h"
#include "medusa-overview-page.h"
#include "medusa-page.h"
#include "medusa-ui-utils.h"

struct _MedusaOverviewPage
{
  MedusaPage      parent_instance;

  MedusaCustomer *customer;           /* (owned) (nullable): the one shown */
  GBindingGroup  *addresses_bindings; /* (owned): from its shipping addresses */
  GCancellable   *refresh_cancellable;/* (owned) (nullable): page.refresh */
  char           *counted_customer_id;/* (owned) (nullable) */

  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *store_label;
  GtkLabel       *email_label;
  GtkLabel       *phone_label;
  GtkLabel       *member_since_label;
  GtkLabel       *addresses_count_label;
  GtkLabel       *orders_count_label;
  GtkSpinner     *orders_spinner;
};

G_DEFINE_FINAL_TYPE (MedusaOverviewPage, medusa_overview_page, MEDUSA_TYPE_PAGE)

static void load_order_count (MedusaOverviewPage *self);

static const char *
or_dash (const char *text)
{
  /* An em dash for a value the customer has not given. */
  return text != NULL && *text != '\0' ? text : "—";
}

/* The addresses' n-items → "3 addresses". */
static gboolean
addresses_count_to_label (GBinding     *binding,
                          const GValue *from_value,
                          GValue       *to_value,
                          gpointer      user_data)
{
  guint n = g_value_get_uint (from_value);

  g_value_take_string (to_value,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u address", "%u addresses", n), n));
  return TRUE;
}

static void
update_store_label (MedusaOverviewPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  const char *name = medusa_session_get_store_name (session);
  g_autofree char *text = NULL;

  if (name == NULL || *name == '\0')
    name = medusa_session_get_store_url (session);

  if (name != NULL && *name != '\0')
    text = g_strdup_printf (_("Your account at %s"), name);

  gtk_label_set_label (self->store_label, text != NULL ? text : "");
}

static void
update_customer (MedusaOverviewPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (medusa_page_get_session (MEDUSA_PAGE (self)));
  g_autofree char *display_name = NULL;
  g_autofree char *since = NULL;

  g_set_object (&self->customer, customer);

  if (customer == NULL)
    {
      adw_avatar_set_text (self->avatar, NULL);
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->email_label, "");
      gtk_label_set_label (self->phone_label, "");
      gtk_label_set_label (self->member_since_label, "");
      gtk_label_set_label (self->orders_count_label, "");
      g_binding_group_set_source (self->addresses_bindings, NULL);
      gtk_label_set_label (self->addresses_count_label, "");
      return;
    }

  display_name = medusa_customer_dup_display_name (customer);
  since = medusa_ui_format_date (medusa_customer_get_created_at (customer));

  adw_avatar_set_text (self->avatar, display_name);
  gtk_label_set_label (self->name_label, display_name);
  medusa_ui_bench_mark (GTK_WIDGET (self->name_label), "name-shown");  /* tools/bench.sh */
  gtk_label_set_label (self->email_label, or_dash (medusa_customer_get_email (customer)));
  gtk_label_set_label (self->phone_label, or_dash (medusa_customer_get_phone (customer)));
  gtk_label_set_label (self->member_since_label, or_dash (since));

  g_binding_group_set_source (self->addresses_bindings, medusa_customer_get_shipping_addresses (customer));

  /* The order count belongs to the account, not to one copy of the customer:
   * fetch it again only when somebody else signed in. */
  if (g_strcmp0 (self->counted_customer_id, medusa_customer_get_id (customer)) != 0)
    load_order_count (self);
}

static void
show_order_count (MedusaOverviewPage *self,
                  gint64              count)
{
  g_autofree char *text = NULL;

  gtk_spinner_stop (self->orders_spinner);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d order", "%d orders", (gulong) count),
                          (int) count);
  gtk_label_set_label (self->orders_count_label, text);
}

static void
on_list_orders_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MedusaOverviewPage) self = user_data;
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 count;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  gtk_spinner_stop (self->orders_spinner);

  if (page == NULL)
    {
      g_clear_pointer (&self->counted_customer_id, g_free);
      gtk_label_set_label (self->orders_count_label, _("Unavailable"));
      medusa_ui_show_error (GTK_WIDGET (self), medusa_page_get_session (MEDUSA_PAGE (self)), error,
                            _("Could not count your orders"));
      return;
    }

  count = medusa_order_page_get_count (page);
  show_order_count (self, count);
}

static void
count_from_store (MedusaOverviewPage *self,
                  GCancellable       *cancellable)
{
  g_autoptr(MedusaOrderQuery) query = NULL;

  /* One order is enough: the answer carries the total count. */
  query = medusa_order_query_new ();
  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (medusa_session_get_client (medusa_page_get_session (MEDUSA_PAGE (self))),
                                   query,
                                   cancellable,
                                   on_list_orders_cb,
                                   g_object_ref (self));
}

static void
on_copy_state_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MedusaOverviewPage) self = user_data;
  g_autoptr(MedusaStoreSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  state = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (object), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  /* A copy that holds the whole history counts it, also offline; else the
   * store is asked. */
  if (state != NULL && state->complete)
    {
      show_order_count (self, state->n_orders);
      return;
    }
  count_from_store (self, medusa_page_get_cancellable (MEDUSA_PAGE (self)));
}

static void
load_order_count (MedusaOverviewPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));
  MedusaCustomer *customer = medusa_session_get_customer (session);
  MedusaAccountStore *copy = medusa_session_get_account_store (session);
  GCancellable *cancellable = medusa_page_renew_cancellable (MEDUSA_PAGE (self));

  if (customer == NULL)
    return;

  g_free (self->counted_customer_id);
  self->counted_customer_id = g_strdup (medusa_customer_get_id (customer));

  /* A store whose orders this app cannot read (Medusa v2): say so, ask nothing. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->orders_count_label), NULL);
  if (!medusa_client_has_capability (medusa_session_get_client (session), MEDUSA_CAPABILITY_ORDERS))
    {
      gtk_spinner_stop (self->orders_spinner);
      gtk_label_set_label (self->orders_count_label, _("Not available"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->orders_count_label),
                                   _("This app does not read the order history of Medusa v2 stores yet."));
      return;
    }

  gtk_label_set_label (self->orders_count_label, "");
  gtk_spinner_start (self->orders_spinner);

  if (copy != NULL &&
      g_strcmp0 (medusa_account_store_get_customer_id (copy), medusa_customer_get_id (customer)) == 0)
    {
      medusa_account_store_get_sync_state_async (copy, cancellable, on_copy_state_cb,
                                                 g_object_ref (self));
      return;
    }
  count_from_store (self, cancellable);
}

/* The copy was brought up to date: it may hold more orders now. */
static void
on_session_notify_last_synced_cb (MedusaSession      *session,
                                  GParamSpec         *pspec,
                                  MedusaOverviewPage *self)
{
  if (self->counted_customer_id != NULL && medusa_session_get_account_store (session) != NULL)
    load_order_count (self);
}

static void
on_session_notify_customer_cb (MedusaSession      *session,
                               GParamSpec         *pspec,
                               MedusaOverviewPage *self)
{
  update_customer (self);
}

static void
on_session_store_changed_cb (MedusaSession      *session,
                             GParamSpec         *pspec,
                             MedusaOverviewPage *self)
{
  update_store_label (self);
}

/* MedusaPage */

static void
medusa_overview_page_refresh (MedusaPage *page)
{
  MedusaOverviewPage *self = MEDUSA_OVERVIEW_PAGE (page);
  MedusaSession *session = medusa_page_get_session (page);

  if (medusa_session_get_state (session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  medusa_ui_refresh_session (GTK_WIDGET (self), session,
                             medusa_ui_renew_cancellable (&self->refresh_cancellable),
                             _("Could not refresh your account"));
  load_order_count (self);
}

/* Signed out */
static void
medusa_overview_page_reset (MedusaPage *page)
{
  MedusaOverviewPage *self = MEDUSA_OVERVIEW_PAGE (page);

  medusa_ui_drop_cancellable (&self->refresh_cancellable);
  g_clear_pointer (&self->counted_customer_id, g_free);
  gtk_spinner_stop (self->orders_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.refresh", TRUE);
  update_customer (self);
}

/* GObject */

static void
medusa_overview_page_constructed (GObject *object)
{
  MedusaOverviewPage *self = MEDUSA_OVERVIEW_PAGE (object);
  MedusaSession *session;

  G_OBJECT_CLASS (medusa_overview_page_parent_class)->constructed (object);

  session = medusa_page_get_session (MEDUSA_PAGE (self));
  /* Every change of the customer: what is shown is the customer's copy. */
  g_signal_connect_object (session, "notify::customer",
                           G_CALLBACK (on_session_notify_customer_cb), self, 0);
  g_signal_connect_object (session, "notify::store-url",
                           G_CALLBACK (on_session_store_changed_cb), self, 0);
  g_signal_connect_object (session, "notify::store-name",
                           G_CALLBACK (on_session_store_changed_cb), self, 0);
  g_signal_connect_object (session, "notify::last-synced",
                           G_CALLBACK (on_session_notify_last_synced_cb), self, 0);

  update_store_label (self);
  update_customer (self);
}

static void
medusa_overview_page_dispose (GObject *object)
{
  MedusaOverviewPage *self = MEDUSA_OVERVIEW_PAGE (object);

  medusa_ui_drop_cancellable (&self->refresh_cancellable);
  g_clear_object (&self->addresses_bindings);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (medusa_overview_page_parent_class)->dispose (object);
}

static void
medusa_overview_page_finalize (GObject *object)
{
  MedusaOverviewPage *self = MEDUSA_OVERVIEW_PAGE (object);

  g_free (self->counted_customer_id);

  G_OBJECT_CLASS (medusa_overview_page_parent_class)->finalize (object);
}

static void
medusa_overview_page_class_init (MedusaOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_overview_page_constructed;
  object_class->dispose = medusa_overview_page_dispose;
  object_class->finalize = medusa_overview_page_finalize;

  MEDUSA_PAGE_CLASS (klass)->refresh = medusa_overview_page_refresh;
  MEDUSA_PAGE_CLASS (klass)->reset = medusa_overview_page_reset;

  medusa_page_class_install_refresh (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, store_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, phone_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, member_since_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, addresses_count_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, orders_count_label);
  gtk_widget_class_bind_template_child (widget_class, MedusaOverviewPage, orders_spinner);
}

static void
medusa_overview_page_init (MedusaOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The spinner is there while the orders are counted. */
  g_object_bind_property (self->orders_spinner, "spinning", self->orders_spinner, "visible", G_BINDING_SYNC_CREATE);

  self->addresses_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->addresses_bindings, "n-items", self->addresses_count_label, "label",
                             G_BINDING_SYNC_CREATE, addresses_count_to_label, NULL, NULL, NULL);
}

GtkWidget *
medusa_overview_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_OVERVIEW_PAGE, "session", session, NULL);
}
