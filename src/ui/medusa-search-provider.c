/* medusa-search-provider.c: the GNOME Shell search provider
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaSearchProvider"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-money.h"
#include "medusa-search-provider.h"
#include "medusa-shell-search-provider-generated.h"
#include "medusa-ui-utils.h"

/* The Shell shows three to five per app; a few more cost nothing. */
#define MAX_RESULTS 20
/* The orders the metas are made from; dropped when it grows past this. */
#define MAX_KNOWN_ORDERS 500
/* A D-Bus-activated app stays this long after the last call: the Shell asks
 * for the metas (and may activate one) right after the results, and a new
 * process would have forgotten which orders those were. */
#define KEEP_ALIVE_SECONDS 20

struct _MedusaSearchProvider
{
  GObject                     parent_instance;

  GApplication               *application;  /* (unowned) (nullable): held while answering */
  guint                       keep_alive_id;  /* the hold on application ends then */
  MedusaAccountStore         *store;        /* (owned) (nullable) */
  GHashTable                 *known;        /* order id → MedusaOrder found since the store was set */
  MedusaShellSearchProvider2 *skeleton;     /* (owned) (nullable): exported */
  gboolean                    store_pending; /* searches wait for the store */
  GPtrArray                  *waiting;      /* (owned): GTasks (terms as task data) */
};

G_DEFINE_FINAL_TYPE (MedusaSearchProvider, medusa_search_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ACTIVATE_RESULT,
  SIGNAL_LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Searching */

static void
got_orders_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSearchProvider *self = g_task_get_source_object (task);
  MedusaAccountStore *store = MEDUSA_ACCOUNT_STORE (source);
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint n;

  orders = medusa_account_store_get_orders_finish (store, result, NULL, &error);
  if (orders == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A closed or damaged copy finds nothing; the Shell shows no error. */
      g_debug ("Search in the local copy failed: %s", error->message);
      g_task_return_pointer (task, g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      return;
    }

  /* Signed out, locked or another account meanwhile: nothing of this one. */
  if (self->store != store)
    {
      g_task_return_pointer (task, g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      return;
    }

  n = g_list_model_get_n_items (orders);
  if (g_hash_table_size (self->known) + n > MAX_KNOWN_ORDERS)
    g_hash_table_remove_all (self->known);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      const char *id = medusa_order_get_id (order);

      if (id == NULL)
        continue;
      g_hash_table_replace (self->known, g_strdup (id), g_object_ref (order));
      g_strv_builder_add (ids, id);
    }

  g_task_return_pointer (task, g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
}

static void
start_search (MedusaSearchProvider *self,
              GTask                *task_in,
              const char * const   *terms)
{
  g_autoptr(GTask) task = task_in;
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;
  GCancellable *cancellable;
  g_autofree char *text = NULL;
  g_autofree char *match = NULL;

  text = terms != NULL ? g_strjoinv (" ", (char **) terms) : g_strdup ("");
  match = medusa_store_fts_query_from_text (text);
  /* No copy, or nothing searchable typed ("#", "·"): no results rather
   * than every order. */
  if (self->store == NULL || match == NULL)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      return;
    }

  filter = medusa_store_order_filter_new ();
  medusa_store_order_filter_set_text (filter, text);
  medusa_store_order_filter_set_limit (filter, MAX_RESULTS);
  cancellable = g_task_get_cancellable (task);
  medusa_account_store_get_orders_async (self->store, filter, cancellable,
                                         got_orders_cb, g_steal_pointer (&task));
}

void
medusa_search_provider_search_async (MedusaSearchProvider *self,
                                     const char * const   *terms,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_search_provider_search_async);

  if (self->store_pending)
    {
      g_task_set_task_data (task, g_strdupv ((char **) terms), (GDestroyNotify) g_strfreev);
      g_ptr_array_add (self->waiting, task);
      return;
    }
  start_search (self, task, terms);
}

void
medusa_search_provider_set_store_pending (MedusaSearchProvider *self,
                                          gboolean              pending)
{
  g_autoptr(GPtrArray) waiting = NULL;

  g_return_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self));

  self->store_pending = pending;
  if (pending || self->waiting->len == 0)
    return;

  /* Each task is handed on (start_search takes it). */
  waiting = g_steal_pointer (&self->waiting);
  g_ptr_array_set_free_func (waiting, NULL);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = waiting->pdata[i];

      start_search (self, task, g_task_get_task_data (task));
    }
}

char **
medusa_search_provider_search_finish (MedusaSearchProvider *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
describe_order (MedusaOrder *order)
{
  g_autofree char *date = medusa_ui_format_date (medusa_order_get_created_at (order));
  g_autofree char *total = medusa_money_format (medusa_order_get_total (order),
                                                medusa_order_get_currency_code (order));
  const char *status = medusa_order_status_to_label (medusa_order_get_status (order));

  /* Translators: an order in the GNOME Shell search: date, total, status,
   * as in "12 Mar 2026 · €46.50 · Pending" */
  return g_strdup_printf (_("%s · %s · %s"), date, total, status);
}

GVariant *
medusa_search_provider_get_metas (MedusaSearchProvider *self,
                                  const char * const   *ids)
{
  GVariantBuilder metas;

  g_return_val_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self), NULL);

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MedusaOrder *order = g_hash_table_lookup (self->known, ids[i]);
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;

      if (order == NULL)
        continue;

      number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
      name = g_strdup_printf (_("Order #%s"), number);
      description = describe_order (order);

      g_variant_builder_open (&metas, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&metas, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&metas, "{sv}", "name", g_variant_new_string (name));
      g_variant_builder_add (&metas, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_close (&metas);
    }

  return g_variant_builder_end (&metas);
}

/* D-Bus */

static gboolean
keep_alive_done_cb (gpointer user_data)
{
  MedusaSearchProvider *self = user_data;

  self->keep_alive_id = 0;
  if (self->application != NULL)
    g_application_release (self->application);
  return G_SOURCE_REMOVE;
}

/* Every call holds the application for KEEP_ALIVE_SECONDS from now. */
static void
keep_alive (MedusaSearchProvider *self)
{
  if (self->application == NULL)
    return;

  if (self->keep_alive_id == 0)
    g_application_hold (self->application);
  else
    g_source_remove (self->keep_alive_id);
  self->keep_alive_id = g_timeout_add_seconds (KEEP_ALIVE_SECONDS, keep_alive_done_cb, self);
}

static void
dbus_search_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MedusaSearchProvider *self = MEDUSA_SEARCH_PROVIDER (source);
  g_autoptr(GDBusMethodInvocation) invocation = user_data;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = medusa_search_provider_search_finish (self, result, &error);
  if (ids == NULL)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(^as)", ids));
  g_object_unref (self);  /* taken in answer_search() */
}

static void
answer_search (MedusaSearchProvider  *self,
               GDBusMethodInvocation *invocation,
               const char * const    *terms)
{
  keep_alive (self);
  medusa_search_provider_search_async (g_object_ref (self), terms, NULL, dbus_search_cb,
                                       g_object_ref (invocation));
}

static gboolean
handle_get_initial_result_set (MedusaShellSearchProvider2 *skeleton,
                               GDBusMethodInvocation      *invocation,
                               const char * const         *terms,
                               MedusaSearchProvider       *self)
{
  answer_search (self, invocation, terms);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The new terms are narrower: searching them again is as quick and also
 * right when the previous answer was cut at MAX_RESULTS. */
static gboolean
handle_get_subsearch_result_set (MedusaShellSearchProvider2 *skeleton,
                                 GDBusMethodInvocation      *invocation,
                                 const char * const         *previous_results,
                                 const char * const         *terms,
                                 MedusaSearchProvider       *self)
{
  answer_search (self, invocation, terms);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_result_metas (MedusaShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation      *invocation,
                         const char * const         *ids,
                         MedusaSearchProvider       *self)
{
  keep_alive (self);
  medusa_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                           medusa_search_provider_get_metas (self, ids));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_activate_result (MedusaShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation      *invocation,
                        const char                 *id,
                        const char * const         *terms,
                        guint                       timestamp,
                        MedusaSearchProvider       *self)
{
  keep_alive (self);
  /* Only an order this copy found is opened; anything else (the copy gone
   * meanwhile, an id from an earlier run) opens the app on its search. */
  if (self->store != NULL && g_hash_table_contains (self->known, id))
    g_signal_emit (self, signals[SIGNAL_ACTIVATE_RESULT], 0, id, terms, timestamp);
  else
    g_signal_emit (self, signals[SIGNAL_LAUNCH_SEARCH], 0, terms, timestamp);
  medusa_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_launch_search (MedusaShellSearchProvider2 *skeleton,
                      GDBusMethodInvocation      *invocation,
                      const char * const         *terms,
                      guint                       timestamp,
                      MedusaSearchProvider       *self)
{
  keep_alive (self);
  g_signal_emit (self, signals[SIGNAL_LAUNCH_SEARCH], 0, terms, timestamp);
  medusa_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

gboolean
medusa_search_provider_register (MedusaSearchProvider *self,
                                 GDBusConnection      *connection,
                                 const char           *object_path,
                                 GError              **error)
{
  g_autoptr(MedusaShellSearchProvider2) skeleton = NULL;

  g_return_val_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);
  g_return_val_if_fail (self->skeleton == NULL, FALSE);

  skeleton = medusa_shell_search_provider2_skeleton_new ();
  g_signal_connect (skeleton, "handle-get-initial-result-set",
                    G_CALLBACK (handle_get_initial_result_set), self);
  g_signal_connect (skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (handle_get_subsearch_result_set), self);
  g_signal_connect (skeleton, "handle-get-result-metas",
                    G_CALLBACK (handle_get_result_metas), self);
  g_signal_connect (skeleton, "handle-activate-result",
                    G_CALLBACK (handle_activate_result), self);
  g_signal_connect (skeleton, "handle-launch-search",
                    G_CALLBACK (handle_launch_search), self);

  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (skeleton),
                                         connection, object_path, error))
    return FALSE;

  self->skeleton = g_steal_pointer (&skeleton);
  return TRUE;
}

void
medusa_search_provider_unregister (MedusaSearchProvider *self)
{
  g_return_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self));

  if (self->skeleton == NULL)
    return;

  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
  g_signal_handlers_disconnect_by_data (self->skeleton, self);
  g_clear_object (&self->skeleton);
}

/* GObject */

MedusaAccountStore *
medusa_search_provider_get_store (MedusaSearchProvider *self)
{
  g_return_val_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self), NULL);

  return self->store;
}

void
medusa_search_provider_set_store (MedusaSearchProvider *self,
                                  MedusaAccountStore   *store)
{
  g_return_if_fail (MEDUSA_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (store == NULL || MEDUSA_IS_ACCOUNT_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* Nothing of the last account stays to be described or opened. */
  g_hash_table_remove_all (self->known);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
medusa_search_provider_dispose (GObject *object)
{
  MedusaSearchProvider *self = MEDUSA_SEARCH_PROVIDER (object);

  medusa_search_provider_unregister (self);
  if (self->keep_alive_id != 0)
    {
      g_clear_handle_id (&self->keep_alive_id, g_source_remove);
      if (self->application != NULL)
        g_application_release (self->application);
    }
  /* Searches still waiting for a store find nothing. */
  medusa_search_provider_set_store_pending (self, FALSE);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (medusa_search_provider_parent_class)->dispose (object);
}

static void
medusa_search_provider_finalize (GObject *object)
{
  MedusaSearchProvider *self = MEDUSA_SEARCH_PROVIDER (object);

  g_hash_table_unref (self->known);
  g_ptr_array_unref (self->waiting);

  G_OBJECT_CLASS (medusa_search_provider_parent_class)->finalize (object);
}

static void
medusa_search_provider_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MedusaSearchProvider *self = MEDUSA_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_search_provider_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MedusaSearchProvider *self = MEDUSA_SEARCH_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      medusa_search_provider_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_search_provider_class_init (MedusaSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_search_provider_dispose;
  object_class->finalize = medusa_search_provider_finalize;
  object_class->get_property = medusa_search_provider_get_property;
  object_class->set_property = medusa_search_provider_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         MEDUSA_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (order id, terms, timestamp): open that order's details. */
  signals[SIGNAL_ACTIVATE_RESULT] =
    g_signal_new ("activate-result",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRV, G_TYPE_UINT);
  /* (terms, timestamp): open the app on its order search. */
  signals[SIGNAL_LAUNCH_SEARCH] =
    g_signal_new ("launch-search",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRV, G_TYPE_UINT);
}

static void
medusa_search_provider_init (MedusaSearchProvider *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

MedusaSearchProvider *
medusa_search_provider_new (GApplication *application)
{
  MedusaSearchProvider *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (MEDUSA_TYPE_SEARCH_PROVIDER, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}
