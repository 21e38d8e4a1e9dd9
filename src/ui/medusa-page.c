/* medusa-page.c: the base class of the window's pages
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-busy-button.h"
#include "medusa-page.h"
#include "medusa-ui-utils.h"

typedef struct
{
  MedusaSession      *session;      /* (owned) */
  GCancellable       *cancellable;  /* (owned): renewed on sign-out, cancelled in dispose */
  char               *loaded_for;   /* (nullable): customer id of what is shown or loading */
  gboolean            loading;
  MedusaSessionState  last_state;

  GtkStack           *stack;        /* the subclass's (medusa_page_class_bind_state_stack) */
  GtkSpinner         *spinner;      /* (nullable): in "loading" */
  AdwStatusPage      *error_page;   /* (nullable): in "error" */
} MedusaPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MedusaPage, medusa_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static const char *
customer_id (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  MedusaCustomer *customer = medusa_session_get_customer (priv->session);

  return customer != NULL ? medusa_customer_get_id (customer) : NULL;
}

static void
reset (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  medusa_ui_renew_cancellable (&priv->cancellable);
  g_clear_pointer (&priv->loaded_for, g_free);
  priv->loading = FALSE;

  if (MEDUSA_PAGE_GET_CLASS (self)->reset != NULL)
    MEDUSA_PAGE_GET_CLASS (self)->reset (self);
}

/* Loads when shown for a customer whose content is not loaded yet. */
static void
maybe_load (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  const char *id = customer_id (self);

  if (MEDUSA_PAGE_GET_CLASS (self)->load == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) || id == NULL || priv->loading)
    return;

  if (g_strcmp0 (priv->loaded_for, id) != 0)
    medusa_page_load (self);
}

static void
medusa_page_real_refresh (MedusaPage *self)
{
  medusa_page_load (self);
}

/* Callbacks */

static void
on_page_refresh_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MEDUSA_PAGE_GET_CLASS (widget)->refresh (MEDUSA_PAGE (widget));
}

static void
on_session_notify_state_cb (MedusaSession *session,
                            GParamSpec    *pspec,
                            MedusaPage    *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  MedusaSessionState last_state = priv->last_state;

  priv->last_state = medusa_session_get_state (session);

  switch (priv->last_state)
    {
    case MEDUSA_SESSION_STATE_SIGNED_OUT:
      /* A failed sign-in: nothing of a customer's was shown, and the page
       * that asked waits for its answer under the cancellable. */
      if (last_state != MEDUSA_SESSION_STATE_SIGNING_IN)
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
on_session_notify_customer_cb (MedusaSession *session,
                               GParamSpec    *pspec,
                               MedusaPage    *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  const char *id = customer_id (self);

  if (MEDUSA_PAGE_GET_CLASS (self)->load == NULL)
    return;

  /* Signed out, or another account: what is shown is not theirs. */
  if (id == NULL || (priv->loaded_for != NULL && g_strcmp0 (priv->loaded_for, id) != 0))
    reset (self);

  maybe_load (self);
}

static void
on_session_clear_input_cb (MedusaSession *session,
                           MedusaPage    *self)
{
  if (MEDUSA_PAGE_GET_CLASS (self)->clear_input != NULL)
    MEDUSA_PAGE_GET_CLASS (self)->clear_input (self);
}

/* GtkWidget */

static void
medusa_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (medusa_page_parent_class)->map (widget);

  maybe_load (MEDUSA_PAGE (widget));
}

/* GObject */

static void
medusa_page_constructed (GObject *object)
{
  MedusaPage *self = MEDUSA_PAGE (object);
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  G_OBJECT_CLASS (medusa_page_parent_class)->constructed (object);

  g_return_if_fail (MEDUSA_IS_SESSION (priv->session));

  priv->last_state = medusa_session_get_state (priv->session);
  g_signal_connect_object (priv->session, "notify::customer",
                           G_CALLBACK (on_session_notify_customer_cb), self, 0);
  g_signal_connect_object (priv->session, "notify::state",
                           G_CALLBACK (on_session_notify_state_cb), self, 0);
  g_signal_connect_object (priv->session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, 0);
}

/* The one dispose convention: a subclass's dispose drops only what it owns
 * itself and chains up; this cancels the page's cancellable, disposes the
 * subclass's template and lets go of the session. */
static void
medusa_page_dispose (GObject *object)
{
  MedusaPage *self = MEDUSA_PAGE (object);
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  medusa_ui_drop_cancellable (&priv->cancellable);
  priv->spinner = NULL;
  priv->error_page = NULL;
  medusa_ui_bin_dispose_template (ADW_BIN (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (medusa_page_parent_class)->dispose (object);
}

static void
medusa_page_finalize (GObject *object)
{
  MedusaPage *self = MEDUSA_PAGE (object);
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_free (priv->loaded_for);

  G_OBJECT_CLASS (medusa_page_parent_class)->finalize (object);
}

static void
medusa_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MedusaPage *self = MEDUSA_PAGE (object);
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MedusaPage *self = MEDUSA_PAGE (object);
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&priv->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_page_class_init (MedusaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_page_constructed;
  object_class->dispose = medusa_page_dispose;
  object_class->finalize = medusa_page_finalize;
  object_class->get_property = medusa_page_get_property;
  object_class->set_property = medusa_page_set_property;

  widget_class->map = medusa_page_map;

  klass->refresh = medusa_page_real_refresh;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MEDUSA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* For the subclasses' templates */
  g_type_ensure (MEDUSA_TYPE_BUSY_BUTTON);
}

static void
medusa_page_init (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

/* Public */

MedusaSession *
medusa_page_get_session (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_PAGE (self), NULL);

  return priv->session;
}

GCancellable *
medusa_page_get_cancellable (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_PAGE (self), NULL);

  return priv->cancellable;
}

GCancellable *
medusa_page_renew_cancellable (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_PAGE (self), NULL);

  priv->loading = FALSE;

  return medusa_ui_renew_cancellable (&priv->cancellable);
}

void
medusa_page_class_bind_state_stack (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE,
                                             G_PRIVATE_OFFSET (MedusaPage, stack));
}

void
medusa_page_class_bind_state_pages (GtkWidgetClass *widget_class)
{
  medusa_page_class_bind_state_stack (widget_class);
  gtk_widget_class_bind_template_child_full (widget_class, "spinner", FALSE,
                                             G_PRIVATE_OFFSET (MedusaPage, spinner));
  gtk_widget_class_bind_template_child_full (widget_class, "error_page", FALSE,
                                             G_PRIVATE_OFFSET (MedusaPage, error_page));
}

void
medusa_page_class_install_refresh (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, on_page_refresh_cb);
}

void
medusa_page_add_state_pages (MedusaPage *self,
                             const char *loading_label,
                             const char *error_title)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  GtkWidget *retry;

  g_return_if_fail (MEDUSA_IS_PAGE (self));
  g_return_if_fail (GTK_IS_STACK (priv->stack));
  g_return_if_fail (priv->spinner == NULL);

  priv->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_halign (GTK_WIDGET (priv->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (priv->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (priv->spinner), 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, loading_label, -1);
  gtk_stack_add_named (priv->stack, GTK_WIDGET (priv->spinner), "loading");

  retry = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "page.refresh");
  gtk_widget_add_css_class (retry, "pill");

  priv->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (priv->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (priv->error_page, error_title);
  adw_status_page_set_child (priv->error_page, retry);
  gtk_stack_add_named (priv->stack, GTK_WIDGET (priv->error_page), "error");

  gtk_stack_set_visible_child_full (priv->stack, "loading", GTK_STACK_TRANSITION_TYPE_NONE);
}

void
medusa_page_show_state (MedusaPage *self,
                        const char *name)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_PAGE (self));
  g_return_if_fail (GTK_IS_STACK (priv->stack));

  medusa_ui_stack_show_state (priv->stack, priv->spinner, name);
}

/* The loading page with its spinner still: nothing loads. A spinner that
 * spins on a page nobody sees redraws the window every frame. */
void
medusa_page_show_blank (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_PAGE (self));
  g_return_if_fail (GTK_IS_STACK (priv->stack));

  gtk_spinner_stop (priv->spinner);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (priv->stack), "loading") != 0)
    gtk_stack_set_visible_child_name (priv->stack, "loading");
}

void
medusa_page_show_error (MedusaPage   *self,
                        const GError *error,
                        const char   *fallback)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);
  g_autofree char *message = NULL;

  g_return_if_fail (MEDUSA_IS_PAGE (self));
  g_return_if_fail (ADW_IS_STATUS_PAGE (priv->error_page));

  message = medusa_ui_error_message (error, fallback);
  adw_status_page_set_description (priv->error_page, message);
  medusa_page_show_state (self, "error");
}

void
medusa_page_load (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_PAGE (self));

  if (MEDUSA_PAGE_GET_CLASS (self)->load == NULL)
    return;

  if (customer_id (self) == NULL || medusa_session_get_client (priv->session) == NULL ||
      medusa_session_get_state (priv->session) != MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      medusa_page_renew_cancellable (self);
      return;
    }

  MEDUSA_PAGE_GET_CLASS (self)->load (self);
}

GCancellable *
medusa_page_begin_load (MedusaPage *self)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_PAGE (self), NULL);

  medusa_page_renew_cancellable (self);
  g_free (priv->loaded_for);
  priv->loaded_for = g_strdup (customer_id (self));
  priv->loading = TRUE;
  if (priv->stack != NULL)
    medusa_page_show_state (self, "loading");

  return priv->cancellable;
}

gboolean
medusa_page_finish_load (MedusaPage   *self,
                         const GError *error,
                         const char   *fallback)
{
  MedusaPagePrivate *priv = medusa_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_PAGE (self), FALSE);

  priv->loading = FALSE;
  if (error == NULL)
    return TRUE;

  g_clear_pointer (&priv->loaded_for, g_free);
  medusa_page_show_error (self, error, fallback);
  return FALSE;
}
