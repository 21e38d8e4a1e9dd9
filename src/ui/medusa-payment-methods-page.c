/* medusa-payment-methods-page.c: the customer's saved payment methods
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-customers.h"
#include "medusa-payment-method.h"
#include "medusa-payment-methods-page.h"
#include "medusa-ui-utils.h"

struct _MedusaPaymentMethodsPage
{
  AdwBin         parent_instance;

  MedusaSession *session;
  GCancellable  *cancellable;   /* (nullable): the running load */
  char          *loaded_for;    /* customer id of what is shown */
  gboolean       loading;

  /* template widgets */
  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  GtkBox        *groups_box;
};

G_DEFINE_FINAL_TYPE (MedusaPaymentMethodsPage, medusa_payment_methods_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  medusa_ui_stack_show_state (self->stack, self->spinner, n > 0 ? "list" : "empty");
}

static void
list_payment_methods_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  MedusaPaymentMethodsPage *self;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GError) error = NULL;

  methods = medusa_client_list_payment_methods_finish (MEDUSA_CLIENT (source), result, &error);
  if (medusa_ui_is_cancelled (error))
    return;

  self = MEDUSA_PAYMENT_METHODS_PAGE (user_data);
  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_autofree char *message = medusa_ui_error_message (error, _("Could not load your payment methods"));

      g_clear_pointer (&self->loaded_for, g_free);
      adw_status_page_set_description (self->error_page, message);
      medusa_ui_stack_show_state (self->stack, self->spinner, "error");
      return;
    }

  show_methods (self, methods);
}

static void
load (MedusaPaymentMethodsPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);
  MedusaClient *client = medusa_session_get_client (self->session);

  medusa_ui_drop_cancellable (&self->cancellable);

  if (customer == NULL || client == NULL ||
      medusa_session_get_state (self->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  g_free (self->loaded_for);
  self->loaded_for = g_strdup (medusa_customer_get_id (customer));
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  medusa_ui_stack_show_state (self->stack, self->spinner, "loading");

  medusa_client_list_payment_methods_async (client, self->cancellable,
                                            list_payment_methods_cb, self);
}

/* Loads when shown for a customer whose methods are not loaded yet. */
static void
maybe_load (MedusaPaymentMethodsPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || customer == NULL || self->loading)
    return;

  if (g_strcmp0 (self->loaded_for, medusa_customer_get_id (customer)) != 0)
    load (self);
}

static void
reset (MedusaPaymentMethodsPage *self)
{
  medusa_ui_drop_cancellable (&self->cancellable);
  g_clear_pointer (&self->loaded_for, g_free);
  self->loading = FALSE;
  clear_groups (self);
  /* Blank until shown again: a spinner spinning unseen redraws every frame. */
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Callbacks */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (MEDUSA_PAYMENT_METHODS_PAGE (widget));
}

static void
state_changed_cb (MedusaPaymentMethodsPage *self)
{
  switch (medusa_session_get_state (self->session))
    {
    case MEDUSA_SESSION_STATE_SIGNED_OUT:
      reset (self);
      break;
    case MEDUSA_SESSION_STATE_SIGNED_IN:
      maybe_load (self);
      break;
    case MEDUSA_SESSION_STATE_SIGNING_IN:
    case MEDUSA_SESSION_STATE_LOCKED:
    default:
      break;
    }
}

static void
customer_changed_cb (MedusaPaymentMethodsPage *self)
{
  MedusaCustomer *customer = medusa_session_get_customer (self->session);

  if (customer == NULL)
    {
      reset (self);
      return;
    }

  /* Another account: what is shown is not theirs. */
  if (self->loaded_for != NULL && g_strcmp0 (self->loaded_for, medusa_customer_get_id (customer)) != 0)
    reset (self);

  maybe_load (self);
}

/* GtkWidget */

static void
medusa_payment_methods_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (medusa_payment_methods_page_parent_class)->map (widget);

  maybe_load (MEDUSA_PAYMENT_METHODS_PAGE (widget));
}

/* GObject */

static void
medusa_payment_methods_page_constructed (GObject *object)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (object);

  G_OBJECT_CLASS (medusa_payment_methods_page_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  g_signal_connect_object (self->session, "notify::customer",
                           G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
medusa_payment_methods_page_dispose (GObject *object)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (object);

  medusa_ui_drop_cancellable (&self->cancellable);

  medusa_ui_bin_dispose_template (ADW_BIN (self), MEDUSA_TYPE_PAYMENT_METHODS_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (medusa_payment_methods_page_parent_class)->dispose (object);
}

static void
medusa_payment_methods_page_finalize (GObject *object)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (object);

  g_free (self->loaded_for);

  G_OBJECT_CLASS (medusa_payment_methods_page_parent_class)->finalize (object);
}

static void
medusa_payment_methods_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_payment_methods_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  MedusaPaymentMethodsPage *self = MEDUSA_PAYMENT_METHODS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_payment_methods_page_class_init (MedusaPaymentMethodsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_payment_methods_page_constructed;
  object_class->dispose = medusa_payment_methods_page_dispose;
  object_class->finalize = medusa_payment_methods_page_finalize;
  object_class->get_property = medusa_payment_methods_page_get_property;
  object_class->set_property = medusa_payment_methods_page_set_property;

  widget_class->map = medusa_payment_methods_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-payment-methods-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaPaymentMethodsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MedusaPaymentMethodsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MedusaPaymentMethodsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, MedusaPaymentMethodsPage, groups_box);

  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
medusa_payment_methods_page_init (MedusaPaymentMethodsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
medusa_payment_methods_page_new (MedusaSession *session)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  return g_object_new (MEDUSA_TYPE_PAYMENT_METHODS_PAGE,
                       "session", session,
                       NULL);
}
