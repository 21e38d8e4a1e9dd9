/* medusa-payment-methods-page.c: the customer's saved payment methods
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-dialect.h"
#include "medusa-page.h"
#include "medusa-payment-method.h"
#include "medusa-payment-methods-page.h"
#include "medusa-ui-utils.h"

struct _MedusaPaymentMethodsPage
{
  MedusaPage     parent_instance;

  gboolean       from_copy;      /* what is shown came from the local copy */
  gboolean       store_answered; /* the store's answer is shown: the copy's is late */
  gboolean       store_asked;    /* not while offline with a filled copy */

  /* template widgets */
  GtkBox        *groups_box;
};

G_DEFINE_FINAL_TYPE (MedusaPaymentMethodsPage, medusa_payment_methods_page, MEDUSA_TYPE_PAGE)

/* Auxiliary methods */

static void
clear_groups (MedusaPaymentMethodsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

static void
show_methods (MedusaPaymentMethodsPage *self,
              GListModel               *methods)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (methods);

  clear_groups (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaPaymentMethod) method = g_list_model_get_item (methods, i);
      const char *provider = medusa_payment_method_get_provider_id (method);
      g_autofree char *summary = medusa_payment_method_dup_summary (method);
      AdwPreferencesGroup *group;
      GtkWidget *row;

      group = g_hash_table_lookup (groups, provider);
      if (group == NULL)
        {
          g_autofree char *title = medusa_payment_provider_dup_name (provider);

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title != NULL ? title : _("Other"));
          gtk_box_append (self->groups_box, GTK_WIDGET (group));
          /* keys live as long as the methods model, which outlives this call */
          g_hash_table_insert (groups, (gpointer) provider, group);
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
      adw_preferences_group_add (group, row);
    }

  medusa_page_show_state (MEDUSA_PAGE (self), n > 0 ? "list" : "empty");
}

/* The store could not be reached (rather than refusing). */
static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
}

static void
on_list_payment_methods_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  MedusaPaymentMethodsPage *self = user_data;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GError) error = NULL;

  methods = medusa_client_list_payment_methods_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  /* The store cannot be reached: the copy's list stays. */
  if (self->from_copy && is_unreachable (error))
    {
      medusa_page_finish_load (MEDUSA_PAGE (self), NULL, NULL);
      return;
    }

  self->store_answered = TRUE;
  if (medusa_page_finish_load (MEDUSA_PAGE (self), error, _("Could not load your payment methods")))
    {
      self->from_copy = FALSE;
      show_methods (self, methods);
    }
}

/* The copy's list, shown before the store answers, or instead while it
 * cannot be reached. */
static void
on_copy_payment_methods_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  MedusaPaymentMethodsPage *self = user_data;
  MedusaSession *session;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GError) error = NULL;

  methods = medusa_account_store_get_payment_methods_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  session = medusa_page_get_session (MEDUSA_PAGE (self));
  /* A copy never filled says nothing yet: the store's answer is awaited. */
  if (methods == NULL || self->store_answered || medusa_session_get_last_synced (session) == NULL)
    {
      if (error != NULL)
        g_debug ("Could not read the saved payment methods: %s", error->message);
      if (!self->store_asked)
        medusa_page_finish_load (MEDUSA_PAGE (self), error, _("Could not load your payment methods"));
      return;
    }

  self->from_copy = TRUE;
  show_methods (self, methods);
  if (!self->store_asked)
    medusa_page_finish_load (MEDUSA_PAGE (self), NULL, NULL);
}

/* Back online: what the copy showed is asked from the store again. */
static void
on_session_notify_offline_cb (MedusaPaymentMethodsPage *self)
{
  MedusaSession *session = medusa_page_get_session (MEDUSA_PAGE (self));

  if (self->from_copy && !medusa_session_get_offline (session) &&
      medusa_session_get_state (session) == MEDUSA_SESSION_STATE_SIGNED_IN)
    medusa_page_load (MEDUSA_PAGE (self));
}

/* MedusaPage */

static void
medusa_payment_methods_page_load (MedusaPage *page)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (page);
  MedusaSession *session = medusa_page_get_session (page);
  MedusaClient *client = medusa_session_get_client (session);
  MedusaAccountStore *store = medusa_session_get_account_store (session);
  GCancellable *cancellable;

  /* A store without saved payment methods (Medusa v2): say so, ask nothing. */
  if (!medusa_client_has_capability (client, MEDUSA_CAPABILITY_PAYMENT_METHODS))
    {
      clear_groups (self);
      medusa_page_show_state (page, "unsupported");
      return;
    }

  cancellable = medusa_page_begin_load (page);
  self->from_copy = FALSE;
  self->store_answered = FALSE;
  /* Offline with a filled copy, it is all there is until the session
   * reaches the store again. */
  self->store_asked = store == NULL || !medusa_session_get_offline (session) ||
                      medusa_session_get_last_synced (session) == NULL;
  if (store != NULL)
    medusa_account_store_get_payment_methods_async (store, cancellable, on_copy_payment_methods_cb, page);
  if (self->store_asked)
    medusa_client_list_payment_methods_async (client, cancellable, on_list_payment_methods_cb, page);
}

static void
medusa_payment_methods_page_reset (MedusaPage *page)
{
  MEDUSA_PAYMENT_METHODS_PAGE (page)->from_copy = FALSE;
  clear_groups (MEDUSA_PAYMENT_METHODS_PAGE (page));
  medusa_page_show_blank (page);
}

static void
medusa_payment_methods_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (medusa_payment_methods_page_parent_class)->constructed (object);

  g_signal_connect_object (medusa_page_get_session (MEDUSA_PAGE (object)), "notify::offline",
                           G_CALLBACK (on_session_notify_offline_cb), object, G_CONNECT_SWAPPED);
}

static void
medusa_payment_methods_page_class_init (MedusaPaymentMethodsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MedusaPageClass *page_class = MEDUSA_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = medusa_payment_methods_page_constructed;
  page_class->load = medusa_payment_methods_page_load;
  page_class->reset = medusa_payment_methods_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-payment-methods-page.ui");
  medusa_page_class_bind_state_stack (widget_class);
  gtk_widget_class_bind_template_child (widget_class, MedusaPaymentMethodsPage, groups_box);

  medusa_page_class_install_refresh (widget_class);
}

static void
medusa_payment_methods_page_init (MedusaPaymentMethodsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  medusa_page_add_state_pages (MEDUSA_PAGE (self), _("Loading payment methods"),
                               _("Could Not Load Payment Methods"));
}

GtkWidget *
medusa_payment_methods_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_PAYMENT_METHODS_PAGE,
                       "session", session,
                       NULL);
}
