/* medusa-session.c: who is signed in at which store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-account-store.h"
#include "medusa-addresses.h"
#include "medusa-auth.h"
#include "medusa-credentials.h"
#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-payloads.h"
#include "medusa-secret.h"
#include "medusa-session.h"
#include "medusa-store-probe.h"
#include "medusa-store-profiles.h"
#include "medusa-sync.h"

/* How often the copy is refreshed while the app runs, and how soon a
 * refresh is tried again while the store cannot be reached. */
#define SYNC_INTERVAL_SECONDS (15 * 60)
#define OFFLINE_RETRY_SECONDS 60
/* For tests: the store comes back sooner than a minute (tests/gui/test-offline.py). */
#define OFFLINE_RETRY_SECONDS_ENV "MEDUSA_ACCOUNT_OFFLINE_RETRY_SECONDS"

struct _MedusaSession
{
  GObject              parent_instance;

  MedusaStoreProfiles *profiles;     /* (owned) */
  MedusaClient        *client;       /* (owned) (nullable): NULL until a store is set */
  MedusaCustomer      *customer;     /* (owned) (nullable) */
  guint                customer_edits; /* customers the store answered an edit with */
  MedusaSessionState   state;
  char                *email;        /* (owned) (nullable) */
  char                *store_url;    /* (owned) (nullable) */
  char                *store_name;   /* (owned) (nullable) */
  GCancellable        *cancellable;  /* (owned): cancelled on sign-out / store change */

  /* The local copy of the signed-in customer's account (see medusa-sync.h). */
  MedusaAccountStore  *account_store;   /* (owned) (nullable): the open copy */
  MedusaSync          *sync;            /* (owned) (nullable): set with account_store */
  MedusaAccountStore  *published_store; /* (unowned) (nullable): "account-store" */
  GDateTime           *last_synced;     /* (owned) (nullable) */
  gboolean             offline;
  gboolean             syncing;
  gboolean             auto_sync;
  guint                sync_timer_id;
  guint                retry_id;
  GNetworkMonitor     *network_monitor; /* (owned) (nullable): while auto_sync */
  gboolean             network_available;
  guint                copy_generation; /* bumped when the copy is closed */
  gboolean             check_restored_credential; /* restored from the copy, not yet checked */
  guint                opening;         /* opens of the copy in flight */

  /* Bumped on sign-out and store change: results of operations that started
   * before are dropped instead of being applied to the new state. */
  guint                generation;
};

G_DEFINE_FINAL_TYPE (MedusaSession, medusa_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CUSTOMER,
  PROP_STATE,
  PROP_EMAIL,
  PROP_STORE_URL,
  PROP_STORE_NAME,
  PROP_ACCOUNT_STORE,
  PROP_LAST_SYNCED,
  PROP_OFFLINE,
  PROP_SYNCING,
  PROP_AUTO_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CLEAR_INPUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One running operation (sign in, register, reset, restore, refresh,
 * a change of the customer or of the credential). */
typedef struct
{
  MedusaClient       *client;          /* (owned) */
  MedusaClient       *checker;         /* (owned) (nullable): checks the current password */
  MedusaCustomerUpdate *update;        /* (owned) (nullable): wiped on free */
  char               *store_url;       /* (owned) */
  char               *email;           /* (owned) (nullable) */
  char               *password;        /* (owned) (nullable): wiped on free */
  MedusaCustomer     *customer;        /* (owned) (nullable) */
  MedusaSessionState  previous_state;
  guint               generation;
  guint               pending;         /* sign-out: requests still running */
  gboolean            local_only;      /* restore: from the copy, no request */
  GError             *first_error;     /* (owned) (nullable): sign-out; sign-in: the
                                        * error of the store's version being re-checked */
  gboolean            version_rechecked; /* sign-in: the store's version was probed again */
} OpData;

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->checker);
  g_clear_pointer (&data->update, medusa_customer_update_free);
  g_clear_object (&data->customer);
  g_free (data->store_url);
  g_free (data->email);
  medusa_secret_free (data->password);
  g_clear_error (&data->first_error);
  g_free (data);
}

static OpData *
op_data_new (MedusaSession *self,
             const char    *email,
             const char    *password)
{
  OpData *data = g_new0 (OpData, 1);

  data->client = self->client ? g_object_ref (self->client) : NULL;
  data->store_url = g_strdup (self->store_url);
  data->email = medusa_normalize_email (email);
  data->password = g_strdup (password);
  data->previous_state = self->state;
  data->generation = self->generation;

  return data;
}

/* TRUE, with @task finished as cancelled, when the session moved on
 * (sign-out, other store) since the operation started. */
static gboolean
return_if_stale (GTask *task)
{
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  if (data->generation == self->generation && data->client == self->client)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           "The session changed while the request was running");
  return TRUE;
}

/* The task of one operation, carrying its OpData; NULL (and the task
 * finished with an error) while no store is chosen. */
static GTask *
new_op_task (MedusaSession       *self,
             gpointer             source_tag,
             const char          *email,
             const char          *password,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("Choose a store first."));
      return NULL;
    }

  g_task_set_task_data (task, op_data_new (self, email, password), (GDestroyNotify) op_data_free);

  return g_steal_pointer (&task);
}

/* Every _finish of the session: a boolean task from @self tagged @source_tag. */
static gboolean
finish_op_task (MedusaSession  *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* "account-store" shows the open copy only while signed in: locked, it is
 * hidden like the live data. */
static void
publish_copy (MedusaSession *self)
{
  MedusaAccountStore *visible = self->state == MEDUSA_SESSION_STATE_SIGNED_IN ? self->account_store : NULL;

  if (visible == self->published_store)
    return;
  self->published_store = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_STORE]);
}

static void
set_state (MedusaSession      *self,
           MedusaSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  publish_copy (self);
}

static void
set_email (MedusaSession *self,
           const char    *email)
{
  if (email != NULL && *email == '\0')
    email = NULL;
  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

static void
replace_customer (MedusaSession  *self,
                  MedusaCustomer *customer)
{
  if (g_set_object (&self->customer, customer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/* Whoever sits at the workstation next must find nothing of the person
 * before: emitted once the properties describe the new situation. */
static void
emit_clear_input (MedusaSession *self)
{
  g_signal_emit (self, signals[SIGNAL_CLEAR_INPUT], 0);
}

static void
reset_cancellable (MedusaSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
}

/* For tests that run the app against a store that drips its answer: a
 * shorter total deadline per call than the default minute. */
#define DEADLINE_SECONDS_ENV "MEDUSA_ACCOUNT_DEADLINE_SECONDS"

static MedusaClient *
new_client (const char  *url,
            const char  *publishable_key,
            GError     **error)
{
  MedusaClient *client = medusa_client_new (url, error);
  const char *deadline = g_getenv (DEADLINE_SECONDS_ENV);
  guint64 seconds = 0;

  if (client != NULL && publishable_key != NULL && *publishable_key != '\0')
    medusa_client_set_publishable_key (client, publishable_key);
  /* The store's dialect, as detected when it was added. */
  if (client != NULL)
    medusa_client_set_store_version (client,
                                     medusa_store_profiles_get_version (medusa_store_profiles_get_default (),
                                                                        medusa_client_get_base_url (client)));
  if (client != NULL && deadline != NULL &&
      g_ascii_string_to_unsigned (deadline, 10, 1, MEDUSA_CLIENT_MAX_DEADLINE, &seconds, NULL))
    medusa_client_set_deadline (client, (guint) seconds);

  return client;
}

static void
warn_keyring_error (const char   *what,
                    const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* libsecret's messages carry no secret, only what went wrong. */
  g_message ("Could not %s the keyring credential: %s", what, error->message);
}

static void
forget_keyring_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!medusa_credentials_clear_finish (result, &error))
    warn_keyring_error ("remove", error);
}

static void
remember_keyring_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!medusa_credentials_store_finish (result, &error))
    warn_keyring_error ("store", error);
}

/* A request of the session's client was refused with 401: the store no
 * longer accepts the credential. The account is locked (customer and email
 * kept) until the password is given again. Pages only show their message. */
static void
on_client_unauthorized_cb (MedusaClient  *client,
                           MedusaSession *self)
{
  /* A client the session has let go of speaks for nobody. */
  if (client != self->client)
    return;

  /* Restored from the local copy with a credential the store no longer
   * takes: as a restore that found it stale, forgotten, and LOCKED without
   * the customer (the sign-in form, with the email filled in). */
  if (self->check_restored_credential && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      self->check_restored_credential = FALSE;
      medusa_client_forget_credential (client);
      if (self->email != NULL)
        medusa_credentials_clear_async (self->store_url, self->email, NULL, forget_keyring_cb, NULL);
      g_object_freeze_notify (G_OBJECT (self));
      replace_customer (self, NULL);
      set_state (self, MEDUSA_SESSION_STATE_LOCKED);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    set_state (self, MEDUSA_SESSION_STATE_LOCKED);
}

/* Makes @client the session's client; notifying is the caller's. */
/* A token the client renewed by itself while signed in (a Medusa v2
 * store's refresh) replaces the one in the keyring: a restore gets the
 * newest. */
static void
on_client_notify_token_cb (MedusaClient  *client,
                           GParamSpec    *pspec,
                           MedusaSession *self)
{
  const char *token = medusa_client_get_token (client);

  if (self->state != MEDUSA_SESSION_STATE_SIGNED_IN || client != self->client ||
      token == NULL || self->email == NULL || self->store_url == NULL)
    return;

  medusa_credentials_store_async (self->store_url, self->email, token, NULL,
                                  remember_keyring_cb, NULL);
}

static void
take_client (MedusaSession *self,
             MedusaClient  *client)
{
  if (!g_set_object (&self->client, client))
    return;

  g_signal_connect_object (client, "unauthorized",
                           G_CALLBACK (on_client_unauthorized_cb), self, 0);
  g_signal_connect_object (client, "notify::token",
                           G_CALLBACK (on_client_notify_token_cb), self, 0);
}

/* The local copy */

static void apply_customer (MedusaSession  *self,
                            MedusaCustomer *customer);
static void run_sync       (MedusaSession  *self,
                            GTask          *task);

static void
set_offline (MedusaSession *self,
             gboolean       offline)
{
  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static void
set_syncing (MedusaSession *self,
             gboolean       syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_last_synced (MedusaSession *self,
                 GDateTime     *when)
{
  if (self->last_synced == when ||
      (self->last_synced != NULL && when != NULL && g_date_time_equal (self->last_synced, when)))
    return;
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  self->last_synced = when != NULL ? g_date_time_ref (when) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

static gboolean
keep_local_copy (MedusaSession *self)
{
  return medusa_store_profiles_get_keep_local_copy (self->profiles);
}

static void
copy_gone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean deleted = GPOINTER_TO_INT (user_data);

  if (deleted ? !medusa_account_store_delete_finish (MEDUSA_ACCOUNT_STORE (source), result, &error)
              : !medusa_account_store_close_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    g_message ("Could not %s the local copy of the account: %s",
               deleted ? "delete" : "close", error->message);
}

/* Lets go of the open copy: closes it, or deletes its files (@delete). With
 * @callback, that is called when the files are gone (or at once without a
 * copy). */
static void
drop_copy (MedusaSession       *self,
           gboolean             delete,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(MedusaAccountStore) store = g_steal_pointer (&self->account_store);

  self->copy_generation++;
  g_clear_object (&self->sync);
  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  g_object_freeze_notify (G_OBJECT (self));
  publish_copy (self);
  set_last_synced (self, NULL);
  set_offline (self, FALSE);
  set_syncing (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));

  if (store == NULL)
    {
      if (callback != NULL)
        {
          g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

          g_task_return_boolean (task, TRUE);
        }
      return;
    }

  if (callback == NULL)
    {
      callback = copy_gone_cb;
      user_data = GINT_TO_POINTER (delete);
    }
  if (delete)
    medusa_account_store_delete_async (store, NULL, callback, user_data);
  else
    medusa_account_store_close_async (store, NULL, callback, user_data);
}

/* Removes the copy of @customer_id at the current store, open or not. */
static void
delete_copy_of (MedusaSession *self,
                const char    *customer_id)
{
  g_autoptr(GError) error = NULL;

  if (self->account_store != NULL &&
      g_strcmp0 (medusa_account_store_get_customer_id (self->account_store), customer_id) == 0)
    {
      drop_copy (self, TRUE, NULL, NULL);
      return;
    }
  if (customer_id != NULL && self->store_url != NULL &&
      !medusa_account_store_delete_files (self->store_url, customer_id, &error))
    g_message ("Could not delete the local copy of the account: %s", error->message);
}

static gboolean
sync_timer_cb (gpointer user_data)
{
  MedusaSession *self = user_data;

  if (self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    run_sync (self, NULL);
  return G_SOURCE_CONTINUE;
}

static guint
offline_retry_seconds (void)
{
  const char *text = g_getenv (OFFLINE_RETRY_SECONDS_ENV);
  guint64 seconds;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 3600, &seconds, NULL))
    return (guint) seconds;
  return OFFLINE_RETRY_SECONDS;
}

static gboolean
offline_retry_cb (gpointer user_data)
{
  MedusaSession *self = user_data;

  self->retry_id = 0;
  if (self->offline && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    run_sync (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       MedusaSession   *self)
{
  /* Back on a network (or on one at all while offline): whatever changed
   * meanwhile comes in. Other changes (a route more or less) do nothing. */
  gboolean reconnected = available && (!self->network_available || self->offline);

  self->network_available = available;
  if (reconnected && self->sync != NULL && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    run_sync (self, NULL);
}

static void
update_auto_sync (MedusaSession *self)
{
  if (self->auto_sync && self->sync != NULL)
    {
      if (self->sync_timer_id == 0)
        self->sync_timer_id = g_timeout_add_seconds (SYNC_INTERVAL_SECONDS, sync_timer_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->sync_timer_id, g_source_remove);
      g_clear_handle_id (&self->retry_id, g_source_remove);
    }

  if (self->auto_sync && self->network_monitor == NULL)
    {
      self->network_monitor = g_object_ref (g_network_monitor_get_default ());
      self->network_available = g_network_monitor_get_network_available (self->network_monitor);
      g_signal_connect_object (self->network_monitor, "network-changed",
                               G_CALLBACK (on_network_changed_cb), self, 0);
    }
  else if (!self->auto_sync && self->network_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->network_monitor, self);
      g_clear_object (&self->network_monitor);
    }
}

/* The store could not be reached (rather than refusing the request). */
static gboolean
error_is_unreachable (const GError *error)
{
  return g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NETWORK) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_TIMEOUT) ||
         g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_SERVER);
}

static gboolean
dates_equal (GDateTime *a,
             GDateTime *b)
{
  return a == b || (a != NULL && b != NULL && g_date_time_equal (a, b));
}

static gboolean
addresses_same (MedusaAddress *a,
                MedusaAddress *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (medusa_address_get_id (a), medusa_address_get_id (b)) == 0 &&
         dates_equal (medusa_address_get_updated_at (a), medusa_address_get_updated_at (b));
}

/* TRUE when @b says nothing new about the customer @a: a sync that found
 * the account unchanged leaves "customer" alone, so no page rebuilds (and
 * nothing being typed is disturbed). */
static gboolean
customer_unchanged (MedusaCustomer *a,
                    MedusaCustomer *b)
{
  GListModel *shipping_a = medusa_customer_get_shipping_addresses (a);
  GListModel *shipping_b = medusa_customer_get_shipping_addresses (b);
  JsonObject *metadata_a = medusa_customer_get_metadata (a);
  JsonObject *metadata_b = medusa_customer_get_metadata (b);
  guint n;

  if (g_strcmp0 (medusa_customer_get_id (a), medusa_customer_get_id (b)) != 0 ||
      g_strcmp0 (medusa_customer_get_email (a), medusa_customer_get_email (b)) != 0 ||
      g_strcmp0 (medusa_customer_get_first_name (a), medusa_customer_get_first_name (b)) != 0 ||
      g_strcmp0 (medusa_customer_get_last_name (a), medusa_customer_get_last_name (b)) != 0 ||
      g_strcmp0 (medusa_customer_get_phone (a), medusa_customer_get_phone (b)) != 0 ||
      g_strcmp0 (medusa_customer_get_billing_address_id (a), medusa_customer_get_billing_address_id (b)) != 0 ||
      !dates_equal (medusa_customer_get_updated_at (a), medusa_customer_get_updated_at (b)) ||
      !addresses_same (medusa_customer_get_billing_address (a), medusa_customer_get_billing_address (b)))
    return FALSE;
  if ((metadata_a == NULL) != (metadata_b == NULL) ||
      (metadata_a != NULL && !json_object_equal (metadata_a, metadata_b)))
    return FALSE;

  n = shipping_a != NULL ? g_list_model_get_n_items (shipping_a) : 0;
  if (n != (shipping_b != NULL ? g_list_model_get_n_items (shipping_b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaAddress) address_a = g_list_model_get_item (shipping_a, i);
      g_autoptr(MedusaAddress) address_b = g_list_model_get_item (shipping_b, i);

      if (!addresses_same (address_a, address_b))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  MedusaSession *self;         /* (owned) */
  MedusaSync    *sync;         /* (owned) */
  GTask         *task;         /* (owned) (nullable): a refresh waiting for it */
  guint          customer_edits; /* the session's when it was asked for */
} SyncCall;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;
  MedusaSession *self = call->self;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_sync_run_finish (call->sync, result, &error);

  if (call->sync == self->sync)
    {
      /* The credential of a session restored from the copy is checked by
       * its first answer from the store (a 401: on_client_unauthorized_cb). */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !error_is_unreachable (error))
        self->check_restored_credential = FALSE;

      set_syncing (self, FALSE);
      if (customer != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          /* An edit answered since this run was asked for is newer than
           * what the run read (the run asked after it brings it). */
          if (call->customer_edits == self->customer_edits &&
              (self->customer == NULL || !customer_unchanged (self->customer, customer)))
            apply_customer (self, customer);
          set_last_synced (self, now);
          set_offline (self, FALSE);
          g_clear_handle_id (&self->retry_id, g_source_remove);
        }
      else if (error_is_unreachable (error))
        {
          set_offline (self, TRUE);
          if (self->auto_sync && self->retry_id == 0)
            self->retry_id = g_timeout_add_seconds (offline_retry_seconds (), offline_retry_cb, self);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The local copy was not refreshed: %s", error->message);
    }

  if (call->task != NULL)
    {
      if (return_if_stale (call->task))
        ;
      else if (customer != NULL)
        g_task_return_boolean (call->task, TRUE);
      else
        g_task_return_error (call->task, g_steal_pointer (&error));
    }

  g_clear_object (&call->task);
  g_object_unref (call->sync);
  g_object_unref (call->self);
  g_free (call);
}

/* Refreshes the copy from the store; @task (nullable, not consumed) is
 * finished with the outcome. */
static void
run_sync (MedusaSession *self,
          GTask         *task)
{
  SyncCall *call = g_new0 (SyncCall, 1);

  call->self = g_object_ref (self);
  call->sync = g_object_ref (self->sync);
  call->task = task != NULL ? g_object_ref (task) : NULL;
  call->customer_edits = self->customer_edits;
  set_syncing (self, TRUE);
  medusa_sync_run_async (self->sync, self->cancellable, sync_done_cb, call);
}

/* Opening the copy: finishes with it installed as the session's (transfer
 * none, NULL when it is not kept or cannot be opened). */
static void
copy_state_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaStoreSyncState) state = NULL;

  state = medusa_account_store_get_sync_state_finish (MEDUSA_ACCOUNT_STORE (source), result, NULL);
  if (state != NULL && MEDUSA_ACCOUNT_STORE (source) == self->account_store &&
      self->last_synced == NULL)
    set_last_synced (self, state->last_synced);
}

static void
copy_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint copy_generation = GPOINTER_TO_UINT (g_task_get_task_data (task));
  const char *last_id;

  self->opening--;
  store = medusa_account_store_open_finish (result, &error);
  if (store == NULL)
    {
      g_message ("Could not open the local copy of the account: %s", error->message);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  /* Not wanted any more: closed, or deleted when the copy was turned off
   * or its customer signed out meanwhile. */
  last_id = medusa_store_profiles_get_last_customer_id (self->profiles,
                                                        medusa_account_store_get_store_url (store));
  if (!keep_local_copy (self) || copy_generation != self->copy_generation ||
      g_strcmp0 (medusa_account_store_get_store_url (store), self->store_url) != 0 ||
      g_strcmp0 (last_id, medusa_account_store_get_customer_id (store)) != 0)
    {
      if (!keep_local_copy (self) || g_strcmp0 (last_id, medusa_account_store_get_customer_id (store)) != 0)
        medusa_account_store_delete_async (store, NULL, copy_gone_cb, GINT_TO_POINTER (TRUE));
      else
        medusa_account_store_close_async (store, NULL, copy_gone_cb, GINT_TO_POINTER (FALSE));
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Opened twice at once: the first one stays. */
  if (self->account_store != NULL)
    {
      medusa_account_store_close_async (store, NULL, copy_gone_cb, GINT_TO_POINTER (FALSE));
      g_task_return_pointer (task, self->account_store, NULL);
      return;
    }

  self->account_store = g_object_ref (store);
  self->sync = medusa_sync_new (self->client, store);
  update_auto_sync (self);
  publish_copy (self);
  medusa_account_store_get_sync_state_async (store, NULL, copy_state_cb, g_object_ref (task));
  g_task_return_pointer (task, store, NULL);
}

static void
open_copy_async (MedusaSession       *self,
                 const char          *customer_id,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);

  if (self->account_store != NULL &&
      g_strcmp0 (medusa_account_store_get_customer_id (self->account_store), customer_id) == 0)
    {
      g_task_return_pointer (task, self->account_store, NULL);
      return;
    }
  if (self->account_store != NULL)
    drop_copy (self, FALSE, NULL, NULL);
  if (customer_id == NULL || self->store_url == NULL || !keep_local_copy (self))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_set_task_data (task, GUINT_TO_POINTER (self->copy_generation), NULL);
  self->opening++;
  /* Not cancelled: an open that is no longer wanted is closed or deleted
   * by copy_opened_cb, never left behind. */
  medusa_account_store_open_async (self->store_url, customer_id, NULL,
                                   copy_opened_cb, g_steal_pointer (&task));
}

static MedusaAccountStore *
open_copy_finish (MedusaSession  *self,
                  GAsyncResult   *result)
{
  return g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
copy_ready_sync_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedusaSession *self = MEDUSA_SESSION (source);

  if (open_copy_finish (self, result) != NULL && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    run_sync (self, NULL);
}

/* Signed in: remembers who (for the next start), opens that customer's
 * copy when one is kept, and fills it from the store. */
static void
keep_copy_up_to_date (MedusaSession *self)
{
  const char *customer_id;

  if (self->customer == NULL || self->store_url == NULL)
    return;

  customer_id = medusa_customer_get_id (self->customer);
  medusa_store_profiles_set_last_customer_id (self->profiles, self->store_url, customer_id);
  if (!keep_local_copy (self))
    return;
  if (self->sync != NULL &&
      g_strcmp0 (medusa_account_store_get_customer_id (self->account_store), customer_id) == 0)
    {
      run_sync (self, NULL);
      return;
    }
  /* One being opened syncs when it is open. */
  if (self->opening > 0 && self->account_store == NULL)
    return;
  open_copy_async (self, customer_id, copy_ready_sync_cb, NULL);
}

/* The keep-local-copy or shared-workstation preference changed. */
static void
on_keep_local_copy_notify_cb (MedusaStoreProfiles *profiles,
                              GParamSpec          *pspec,
                              MedusaSession       *self)
{
  if (keep_local_copy (self))
    {
      if (self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
        keep_copy_up_to_date (self);
      return;
    }

  /* Turned off: the copy goes, also one that is not open now. */
  delete_copy_of (self, medusa_store_profiles_get_last_customer_id (self->profiles, self->store_url));
  drop_copy (self, TRUE, NULL, NULL);
}

/* GObject */

static void
medusa_session_dispose (GObject *object)
{
  MedusaSession *self = MEDUSA_SESSION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);
  if (self->profiles != NULL)
    g_signal_handlers_disconnect_by_data (self->profiles, self);
  drop_copy (self, FALSE, NULL, NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->customer);
  g_clear_object (&self->client);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (medusa_session_parent_class)->dispose (object);
}

static void
medusa_session_finalize (GObject *object)
{
  MedusaSession *self = MEDUSA_SESSION (object);

  g_free (self->email);
  g_free (self->store_url);
  g_free (self->store_name);
  g_clear_pointer (&self->last_synced, g_date_time_unref);

  G_OBJECT_CLASS (medusa_session_parent_class)->finalize (object);
}

static void
medusa_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MedusaSession *self = MEDUSA_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_STORE_URL:
      g_value_set_string (value, self->store_url);
      break;
    case PROP_STORE_NAME:
      g_value_set_string (value, self->store_name);
      break;
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->published_store);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_AUTO_SYNC:
      g_value_set_boolean (value, self->auto_sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MedusaSession *self = MEDUSA_SESSION (object);

  switch (prop_id)
    {
    case PROP_AUTO_SYNC:
      if (self->auto_sync != g_value_get_boolean (value))
        {
          self->auto_sync = g_value_get_boolean (value);
          update_auto_sync (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_session_class_init (MedusaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_session_dispose;
  object_class->finalize = medusa_session_finalize;
  object_class->get_property = medusa_session_get_property;
  object_class->set_property = medusa_session_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MEDUSA_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, MEDUSA_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A plain int: the state enum has no registered GType. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      MEDUSA_SESSION_STATE_SIGNED_OUT, MEDUSA_SESSION_STATE_LOCKED,
                      MEDUSA_SESSION_STATE_SIGNED_OUT,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_URL] =
    g_param_spec_string ("store-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_NAME] =
    g_param_spec_string ("store-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, MEDUSA_TYPE_ACCOUNT_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_SYNC] =
    g_param_spec_boolean ("auto-sync", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CLEAR_INPUT] =
    g_signal_new ("clear-input", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
medusa_session_init (MedusaSession *self)
{
  self->state = MEDUSA_SESSION_STATE_SIGNED_OUT;
  self->cancellable = g_cancellable_new ();
  self->profiles = g_object_ref (medusa_store_profiles_get_default ());
  g_signal_connect (self->profiles, "notify::keep-local-copy",
                    G_CALLBACK (on_keep_local_copy_notify_cb), self);
  self->auto_sync = TRUE;
  update_auto_sync (self);
}

/* Public API */

MedusaSession *
medusa_session_new (void)
{
  return g_object_new (MEDUSA_TYPE_SESSION, NULL);
}

gboolean
medusa_session_set_store (MedusaSession  *self,
                          const char     *url,
                          const char     *publishable_key,
                          const char     *display_name,
                          GError        **error)
{
  g_autoptr(MedusaClient) client = NULL;
  MedusaStoreProfile *profile;
  gboolean store_changed;

  g_return_val_if_fail (MEDUSA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Remembers the store (or updates its name and key) and selects it. */
  profile = medusa_store_profiles_add (self->profiles, display_name, url, publishable_key, error);
  if (profile == NULL)
    return FALSE;
  medusa_store_profiles_set_current (self->profiles, medusa_store_profile_get_url (profile));

  g_object_freeze_notify (G_OBJECT (self));

  store_changed = self->client == NULL ||
                  g_strcmp0 (self->store_url, medusa_store_profile_get_url (profile)) != 0;
  if (!store_changed)
    {
      /* Same store: keep the session, take the new name and key (and a
       * version found again, which signs out locally when it changed). */
      medusa_client_set_publishable_key (self->client, medusa_store_profile_get_publishable_key (profile));
      medusa_client_set_store_version (self->client,
                                       medusa_store_profiles_get_version (self->profiles,
                                                                          medusa_store_profile_get_url (profile)));
    }
  else
    {
      client = new_client (medusa_store_profile_get_url (profile),
                           medusa_store_profile_get_publishable_key (profile), error);
      if (client == NULL)
        {
          g_object_thaw_notify (G_OBJECT (self));
          return FALSE;
        }

      /* Signs out locally: the old store's credential (and copy) stay. */
      reset_cancellable (self);
      drop_copy (self, FALSE, NULL, NULL);
      take_client (self, client);
      g_free (self->store_url);
      self->store_url = g_strdup (medusa_store_profile_get_url (profile));
      replace_customer (self, NULL);
      set_state (self, MEDUSA_SESSION_STATE_SIGNED_OUT);
      set_email (self, medusa_store_profiles_get_last_email (self->profiles, self->store_url));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_URL]);
    }

  if (g_strcmp0 (self->store_name, medusa_store_profile_get_name (profile)) != 0)
    {
      g_free (self->store_name);
      self->store_name = g_strdup (medusa_store_profile_get_name (profile));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_NAME]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (store_changed)
    emit_clear_input (self);

  return TRUE;
}

const char *
medusa_session_get_store_url (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->store_url;
}

const char *
medusa_session_get_store_name (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->store_name;
}

MedusaClient *
medusa_session_get_client (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->client;
}

MedusaCustomer *
medusa_session_get_customer (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->customer;
}

/* Takes @customer as the signed-in customer; an email change moves the
 * keyring item and the remembered email with it. */
static void
apply_customer (MedusaSession  *self,
                MedusaCustomer *customer)
{
  const char *new_email;

  if (customer == NULL || self->store_url == NULL)
    {
      replace_customer (self, customer);
      return;
    }

  /* An email change moves the keyring item and the remembered email. */
  new_email = medusa_customer_get_email (customer);
  if (new_email != NULL && *new_email != '\0' && self->email != NULL &&
      g_strcmp0 (new_email, self->email) != 0 &&
      self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      const char *token = self->client ? medusa_client_get_token (self->client) : NULL;

      if (token != NULL)
        {
          medusa_credentials_clear_async (self->store_url, self->email, NULL,
                                          forget_keyring_cb, NULL);
          medusa_credentials_store_async (self->store_url, new_email, token, NULL,
                                          remember_keyring_cb, NULL);
        }
      medusa_store_profiles_set_last_email (self->profiles, self->store_url, new_email);
      set_email (self, new_email);
    }

  replace_customer (self, customer);
}

MedusaSessionState
medusa_session_get_state (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), MEDUSA_SESSION_STATE_SIGNED_OUT);
  return self->state;
}

const char *
medusa_session_get_email (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->email;
}

MedusaAccountStore *
medusa_session_get_account_store (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->published_store;
}

GDateTime *
medusa_session_get_last_synced (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->last_synced;
}

gboolean
medusa_session_get_offline (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), FALSE);
  return self->offline;
}

gboolean
medusa_session_get_syncing (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), FALSE);
  return self->syncing;
}

GCancellable *
medusa_session_get_cancellable (MedusaSession *self)
{
  g_return_val_if_fail (MEDUSA_IS_SESSION (self), NULL);
  return self->cancellable;
}

/* Finishing a sign-in (shared by sign in, register and reset) */

static void
finish_sign_in (GTask *task)
{
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  const char *previous_id;
  gboolean other_customer;

  if (return_if_stale (task))
    return;

  /* Signing in over another customer's session switches the account. */
  previous_id = self->customer != NULL ? medusa_customer_get_id (self->customer) : NULL;
  other_customer = previous_id != NULL &&
                   g_strcmp0 (previous_id, medusa_customer_get_id (data->customer)) != 0;

  g_object_freeze_notify (G_OBJECT (self));
  set_email (self, data->email);
  replace_customer (self, data->customer);
  set_state (self, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_object_thaw_notify (G_OBJECT (self));

  if (other_customer)
    emit_clear_input (self);

  keep_copy_up_to_date (self);
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_store_token_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Without a keyring the sign-in still works, it just is not remembered. */
  remember_keyring_cb (source, result, NULL);
  finish_sign_in (task);
}

static void
complete_sign_in (GTask          *task,
                  MedusaCustomer *customer)
{
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  const char *email = medusa_customer_get_email (customer);
  const char *token;

  if (return_if_stale (task))
    return;

  g_set_object (&data->customer, customer);
  if (email != NULL && *email != '\0')
    {
      g_free (data->email);
      data->email = g_strdup (email);
    }

  medusa_store_profiles_set_last_email (self->profiles, data->store_url, data->email);

  token = medusa_client_get_token (data->client);
  if (token != NULL && data->email != NULL)
    medusa_credentials_store_async (data->store_url, data->email, token,
                                    NULL, sign_in_store_token_cb, g_object_ref (task));
  else
    finish_sign_in (task);
}

static void
fail_sign_in (GTask  *task,
              GError *error)
{
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  if (return_if_stale (task))
    {
      g_error_free (error);
      return;
    }

  set_state (self, data->previous_state);
  g_task_return_error (task, error);
}

static GTask *
start_sign_in_task (MedusaSession       *self,
                    gpointer             source_tag,
                    const char          *email,
                    const char          *password,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = new_op_task (self, source_tag, email, password, cancellable, callback, user_data);

  if (task != NULL)
    set_state (self, MEDUSA_SESSION_STATE_SIGNING_IN);

  return task;
}

static void signed_in_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

/* The store's version, probed again after a version-shaped sign-in error:
 * when it changed, the profile and the client take it, and the sign-in is
 * tried once more (the password is only kept for that). */
static void
recheck_version_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  MedusaStoreVersion version = medusa_store_probe_get_version (result);
  g_autoptr(GError) probe_error = NULL;
  GError *error = g_steal_pointer (&data->first_error);

  medusa_store_probe_finish (result, NULL, &probe_error);

  if (version == MEDUSA_STORE_VERSION_UNKNOWN ||
      version == medusa_client_get_store_version (data->client))
    {
      fail_sign_in (task, error);
      return;
    }
  if (return_if_stale (task))
    {
      g_error_free (error);
      return;
    }

  g_debug ("The store now answers as %s", medusa_store_version_to_string (version));
  medusa_store_profiles_set_version (self->profiles, data->store_url, version);
  medusa_client_set_store_version (data->client, version);

  /* A v2 store without (or with a wrong) key: the probe says where to find it. */
  if (probe_error != NULL)
    {
      g_error_free (error);
      fail_sign_in (task, g_steal_pointer (&probe_error));
      return;
    }

  g_error_free (error);
  medusa_client_sign_in_async (data->client, data->email, data->password,
                               g_task_get_cancellable (task), signed_in_cb,
                               g_object_ref (task));
}

/* Sign in, register and the sign-in after a reset all answer with the
 * signed-in customer. */
static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  OpData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_task_get_source_tag (task) == medusa_session_register_async)
    customer = medusa_client_register_finish (MEDUSA_CLIENT (source), result, &error);
  else
    customer = medusa_client_sign_in_finish (MEDUSA_CLIENT (source), result, &error);

  if (customer != NULL)
    {
      complete_sign_in (task, customer);
      return;
    }

  /* The store may have moved to another Medusa version: ask it once. */
  if (g_task_get_source_tag (task) == medusa_session_sign_in_async &&
      medusa_error_is_version_shaped (error) && !data->version_rechecked)
    {
      data->version_rechecked = TRUE;
      data->first_error = error;
      medusa_store_probe_async (data->store_url, medusa_client_get_publishable_key (data->client),
                                g_task_get_cancellable (task), recheck_version_cb,
                                g_object_ref (task));
      return;
    }

  fail_sign_in (task, error);
}

/* Sign in */

void
medusa_session_sign_in_async (MedusaSession       *self,
                              const char          *email,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  /* The password is kept for one more try after a change of the store's version. */
  task = start_sign_in_task (self, medusa_session_sign_in_async, email, password,
                             cancellable, callback, user_data);
  if (task == NULL)
    return;

  medusa_client_sign_in_async (self->client, email, password, cancellable, signed_in_cb, task);
}

gboolean
medusa_session_sign_in_finish (MedusaSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_op_task (self, result, medusa_session_sign_in_async, error);
}

/* Register */

void
medusa_session_register_async (MedusaSession       *self,
                               const char          *email,
                               const char          *password,
                               const char          *first_name,
                               const char          *last_name,
                               const char          *phone,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = start_sign_in_task (self, medusa_session_register_async, email, NULL,
                             cancellable, callback, user_data);
  if (task == NULL)
    return;

  medusa_client_register_async (self->client, email, password, first_name, last_name,
                                (phone != NULL && *phone != '\0') ? phone : NULL,
                                cancellable, signed_in_cb, task);
}

gboolean
medusa_session_register_finish (MedusaSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return finish_op_task (self, result, medusa_session_register_async, error);
}

/* Reset password, then sign in */

static void
reset_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  OpData *data = g_task_get_task_data (task);
  GError *error = NULL;

  customer = medusa_client_reset_password_finish (MEDUSA_CLIENT (source), result, &error);
  /* A v2 store answers without the customer: no error is success. */
  if (error != NULL)
    {
      fail_sign_in (task, error);
      return;
    }

  medusa_client_sign_in_async (data->client, data->email, data->password,
                               g_task_get_cancellable (task), signed_in_cb,
                               g_object_ref (task));
}

void
medusa_session_reset_password_async (MedusaSession       *self,
                                     const char          *email,
                                     const char          *token,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  OpData *data;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (password != NULL);

  task = start_sign_in_task (self, medusa_session_reset_password_async, email, password,
                             cancellable, callback, user_data);
  if (task == NULL)
    return;

  data = g_task_get_task_data (task);
  medusa_client_reset_password_async (self->client, data->email, token, password,
                                      cancellable, reset_cb, task);
}

gboolean
medusa_session_reset_password_finish (MedusaSession  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return finish_op_task (self, result, medusa_session_reset_password_async, error);
}

/* Restore */

static void
restore_retrieve_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  customer = medusa_client_retrieve_customer_finish (MEDUSA_CLIENT (source), result, &error);

  if (return_if_stale (task))
    return;

  if (customer != NULL)
    {
      g_object_freeze_notify (G_OBJECT (self));
      replace_customer (self, customer);
      set_state (self, MEDUSA_SESSION_STATE_SIGNED_IN);
      g_object_thaw_notify (G_OBJECT (self));
      keep_copy_up_to_date (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  medusa_client_forget_credential (data->client);

  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_CREDENTIALS))
    {
      /* Stale: forget it, keep the email so the sign-in form is filled in. */
      medusa_credentials_clear_async (data->store_url, data->email, NULL, forget_keyring_cb, NULL);
      set_state (self, MEDUSA_SESSION_STATE_LOCKED);
      g_task_return_boolean (task, FALSE);
      return;
    }

  /* The store could not be asked: keep the credential for the next start. */
  set_state (self, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
restore_from_store (GTask *task)
{
  OpData *data = g_task_get_task_data (task);

  medusa_client_retrieve_customer_async (data->client, g_task_get_cancellable (task),
                                         restore_retrieve_cb, g_object_ref (task));
}

/* No copy to restore from: the store is asked, unless the restore is
 * local only (then nothing is restored and the session is as before). */
static void
restore_without_copy (GTask *task)
{
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  if (!data->local_only)
    {
      restore_from_store (task);
      return;
    }

  medusa_client_forget_credential (data->client);
  set_state (self, data->previous_state);
  g_task_return_boolean (task, FALSE);
}

/* The keyring no longer has the credential: the copy of that account goes. */
static void
forget_copy_of_last_customer (MedusaSession *self)
{
  const char *customer_id = medusa_store_profiles_get_last_customer_id (self->profiles, self->store_url);

  if (customer_id == NULL)
    return;
  delete_copy_of (self, customer_id);
  medusa_store_profiles_set_last_customer_id (self->profiles, self->store_url, NULL);
}

static void
restore_copy_customer_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  MedusaSession *self = g_task_get_source_object (task);

  customer = medusa_account_store_get_customer_finish (MEDUSA_ACCOUNT_STORE (source), result, &error);
  if (return_if_stale (task))
    return;

  if (customer == NULL || MEDUSA_ACCOUNT_STORE (source) != self->account_store)
    {
      if (error != NULL)
        g_message ("Could not read the local copy of the account: %s", error->message);
      restore_without_copy (task);
      return;
    }

  /* Signed in from the copy at once; the store is asked right after, and
   * while it cannot be reached the copy stays, "offline". */
  g_object_freeze_notify (G_OBJECT (self));
  replace_customer (self, customer);
  set_state (self, MEDUSA_SESSION_STATE_SIGNED_IN);
  g_object_thaw_notify (G_OBJECT (self));
  g_task_return_boolean (task, TRUE);

  self->check_restored_credential = TRUE;
  if (!((OpData *) g_task_get_task_data (task))->local_only)
    run_sync (self, NULL);
}

static void
restore_copy_opened_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaSession *self = MEDUSA_SESSION (source);
  MedusaAccountStore *store;

  store = open_copy_finish (self, result);
  if (return_if_stale (task))
    return;

  if (store == NULL)
    {
      restore_without_copy (task);
      return;
    }
  medusa_account_store_get_customer_async (store, g_task_get_cancellable (task),
                                           restore_copy_customer_cb, g_object_ref (task));
}

static void
restore_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  MedusaSession *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  const char *customer_id;
  char *token;

  token = medusa_credentials_lookup_finish (result, &error);

  if (g_task_return_error_if_cancelled (task) || return_if_stale (task))
    {
      medusa_credentials_free_token (token);
      return;
    }

  if (token == NULL)
    {
      if (error != NULL)
        warn_keyring_error ("read", error);
      else
        forget_copy_of_last_customer (self);
      g_task_return_boolean (task, FALSE);
      return;
    }

  medusa_client_set_token (data->client, token);
  medusa_credentials_free_token (token);

  set_state (self, MEDUSA_SESSION_STATE_SIGNING_IN);

  /* With a copy of the account, it is shown before the store answers. */
  customer_id = medusa_store_profiles_get_last_customer_id (self->profiles, self->store_url);
  if (customer_id != NULL && keep_local_copy (self))
    {
      open_copy_async (self, customer_id, restore_copy_opened_cb, g_object_ref (task));
      return;
    }

  restore_without_copy (task);
}

static void
start_restore (MedusaSession       *self,
               gboolean             local_only,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *email;

  /* NULL while no store is chosen: new_op_task() then fails the task. */
  email = medusa_store_profiles_get_last_email (self->profiles, self->store_url);
  task = new_op_task (self, medusa_session_restore_async, email, NULL,
                      cancellable, callback, user_data);
  if (task == NULL)
    return;
  ((OpData *) g_task_get_task_data (task))->local_only = local_only;

  if (email == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  set_email (self, email);
  medusa_credentials_lookup_async (self->store_url, email, cancellable,
                                   restore_lookup_cb, g_steal_pointer (&task));
}

void
medusa_session_restore_async (MedusaSession       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_SESSION (self));

  start_restore (self, FALSE, cancellable, callback, user_data);
}

void
medusa_session_restore_local_async (MedusaSession       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_SESSION (self));

  start_restore (self, TRUE, cancellable, callback, user_data);
}

gboolean
medusa_session_restore_finish (MedusaSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_op_task (self, result, medusa_session_restore_async, error);
}

/* Refresh */

/* The store answered a call with the customer (or @error, taken): a stale
 * answer is dropped, an error returned; else the session takes the
 * customer. TRUE when the caller has to return the task's value. */
static gboolean
take_customer_answer (MedusaSession  *self,
                      GTask          *task,
                      MedusaCustomer *customer,
                      GError         *error)
{
  if (return_if_stale (task))
    {
      g_clear_error (&error);
      return FALSE;
    }

  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }

  self->customer_edits++;
  apply_customer (self, customer);
  return TRUE;
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;
  MedusaSession *self = g_task_get_source_object (task);

  customer = medusa_client_retrieve_customer_finish (MEDUSA_CLIENT (source), result, &error);

  /* A 401 has locked the session already (on_client_unauthorized_cb). */
  if (!take_customer_answer (self, task, customer, error))
    return;

  if (self->state == MEDUSA_SESSION_STATE_SIGNED_IN && self->sync == NULL)
    keep_copy_up_to_date (self);
  g_task_return_boolean (task, TRUE);
}

void
medusa_session_refresh_async (MedusaSession       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));

  task = new_op_task (self, medusa_session_refresh_async, NULL, NULL,
                      cancellable, callback, user_data);
  if (task == NULL)
    return;

  /* With a copy, the refresh is its sync (which fetches the customer). */
  if (self->sync != NULL && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    {
      run_sync (self, task);
      g_object_unref (task);
      return;
    }

  medusa_client_retrieve_customer_async (self->client, cancellable, refresh_cb, task);
}

gboolean
medusa_session_refresh_finish (MedusaSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_op_task (self, result, medusa_session_refresh_async, error);
}

/* Sign out */

static void
sign_out_step_done (GTask  *task,
                    GError *error)
{
  OpData *data = g_task_get_task_data (task);

  if (error != NULL && data->first_error == NULL)
    data->first_error = g_error_copy (error);

  if (--data->pending > 0)
    return;

  if (data->first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
sign_out_server_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  medusa_client_sign_out_finish (MEDUSA_CLIENT (source), result, &error);
  sign_out_step_done (task, error);
}

static void
sign_out_keyring_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* A keyring without the item, or no keyring at all, is not a failure. */
  forget_keyring_cb (source, result, NULL);
  sign_out_step_done (task, NULL);
}

static void
sign_out_copy_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (MEDUSA_IS_ACCOUNT_STORE (source) &&
      !medusa_account_store_delete_finish (MEDUSA_ACCOUNT_STORE (source), result, &error))
    g_message ("Could not delete the local copy of the account: %s", error->message);
  sign_out_step_done (task, NULL);
}

void
medusa_session_sign_out_async (MedusaSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(MedusaClient) fresh = NULL;
  OpData *data;

  g_return_if_fail (MEDUSA_IS_SESSION (self));

  task = new_op_task (self, medusa_session_sign_out_async, self->email, NULL,
                      cancellable, callback, user_data);
  if (task == NULL)
    return;

  data = g_task_get_task_data (task);

  /* The signed-in client finishes its DELETE /store/auth on its own, while
   * the session continues with a clean client: a quick new sign-in can
   * never be undone by the old sign-out. */
  fresh = new_client (self->store_url,
                      medusa_client_get_publishable_key (self->client), NULL);

  g_object_freeze_notify (G_OBJECT (self));
  reset_cancellable (self);
  if (fresh != NULL)
    {
      take_client (self, fresh);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
  replace_customer (self, NULL);
  set_state (self, MEDUSA_SESSION_STATE_SIGNED_OUT);
  g_object_thaw_notify (G_OBJECT (self));
  emit_clear_input (self);

  data->pending = 1;
  if (data->email != NULL)
    {
      data->pending++;
      medusa_credentials_clear_async (data->store_url, data->email, NULL,
                                      sign_out_keyring_cb, g_object_ref (task));
    }

  /* The local copy of the account goes with the credential (one still
   * being opened too: see copy_opened_cb). */
  data->pending++;
  drop_copy (self, TRUE, sign_out_copy_cb, g_object_ref (task));
  forget_copy_of_last_customer (self);

  medusa_client_sign_out_async (data->client, cancellable, sign_out_server_cb,
                                g_steal_pointer (&task));
}

gboolean
medusa_session_sign_out_finish (MedusaSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return finish_op_task (self, result, medusa_session_sign_out_async, error);
}

/* Lock */

void
medusa_session_lock (MedusaSession *self)
{
  g_return_if_fail (MEDUSA_IS_SESSION (self));

  if (self->state != MEDUSA_SESSION_STATE_SIGNED_IN)
    return;

  set_state (self, MEDUSA_SESSION_STATE_LOCKED);
  emit_clear_input (self);
}

/* Changing the customer */

static void
update_customer_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  MedusaSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  gpointer tag = g_task_get_source_tag (task);

  /* Every call that answers with the customer comes here. */
  if (tag == medusa_session_add_address_async)
    customer = medusa_client_add_address_finish (MEDUSA_CLIENT (source), result, &error);
  else if (tag == medusa_session_update_address_async)
    customer = medusa_client_update_address_finish (MEDUSA_CLIENT (source), result, &error);
  else if (tag == medusa_session_delete_address_async)
    customer = medusa_client_delete_address_finish (MEDUSA_CLIENT (source), result, &error);
  else
    customer = medusa_client_update_customer_finish (MEDUSA_CLIENT (source), result, &error);

  if (!take_customer_answer (self, task, customer, error))
    return;

  /* The copy learns of the change too: a start without the store shows it. */
  if (self->sync != NULL && self->state == MEDUSA_SESSION_STATE_SIGNED_IN)
    run_sync (self, NULL);

  if (tag == medusa_session_change_email_async || tag == medusa_session_change_password_async)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&customer), g_object_unref);
}

void
medusa_session_update_customer_async (MedusaSession              *self,
                                      const MedusaCustomerUpdate *update,
                                      GCancellable               *cancellable,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (update != NULL);

  task = new_op_task (self, medusa_session_update_customer_async, NULL, NULL,
                      cancellable, callback, user_data);
  if (task == NULL)
    return;

  medusa_client_update_customer_async (self->client, update, cancellable,
                                       update_customer_cb, task);
}

MedusaCustomer *
medusa_session_update_customer_finish (MedusaSession  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_session_update_customer_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The address book: each route answers with the customer, which the
 * session takes, so every view shows the new list. */

void
medusa_session_add_address_async (MedusaSession            *self,
                                  const MedusaAddressInput *input,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (input != NULL);

  task = new_op_task (self, medusa_session_add_address_async, NULL, NULL,
                      cancellable, callback, user_data);
  if (task != NULL)
    medusa_client_add_address_async (self->client, input, cancellable, update_customer_cb, task);
}

void
medusa_session_update_address_async (MedusaSession            *self,
                                     const char               *address_id,
                                     const MedusaAddressInput *input,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (input != NULL);

  task = new_op_task (self, medusa_session_update_address_async, NULL, NULL,
                      cancellable, callback, user_data);
  if (task != NULL)
    medusa_client_update_address_async (self->client, address_id, input, cancellable,
                                        update_customer_cb, task);
}

void
medusa_session_delete_address_async (MedusaSession       *self,
                                     const char          *address_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (address_id != NULL);

  task = new_op_task (self, medusa_session_delete_address_async, NULL, NULL,
                      cancellable, callback, user_data);
  if (task != NULL)
    medusa_client_delete_address_async (self->client, address_id, cancellable,
                                        update_customer_cb, task);
}

MedusaCustomer *
medusa_session_address_change_finish (MedusaSession  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  gpointer tag;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  tag = g_task_get_source_tag (G_TASK (result));
  g_return_val_if_fail (tag == medusa_session_add_address_async ||
                        tag == medusa_session_update_address_async ||
                        tag == medusa_session_delete_address_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changing the credential: the current password is checked by signing in
 * with it on a client of its own (same store and key, its own cookie jar),
 * so that a wrong one leaves the session's credential as it was. */

static void
change_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) checked = NULL;
  MedusaClient *checker = MEDUSA_CLIENT (source);
  OpData *data = g_task_get_task_data (task);
  GError *error = NULL;

  checked = medusa_client_sign_in_finish (checker, result, &error);

  /* Done with the checker: a cookie session it opened is closed again. */
  if (checked != NULL && medusa_client_get_token (checker) == NULL &&
      medusa_client_has_credential (checker))
    medusa_client_sign_out_async (checker, NULL, NULL, NULL);

  if (return_if_stale (task))
    {
      g_clear_error (&error);
      return;
    }

  if (checked == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  medusa_client_update_customer_async (data->client, data->update, g_task_get_cancellable (task),
                                       update_customer_cb, g_object_ref (task));
}

static void
start_credential_change (MedusaSession        *self,
                         gpointer              source_tag,
                         const char           *current_password,
                         MedusaCustomerUpdate *update,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  MedusaRetryPolicy policy;
  OpData *data;

  task = new_op_task (self, source_tag,
                      self->customer != NULL ? medusa_customer_get_email (self->customer) : NULL,
                      NULL, cancellable, callback, user_data);
  if (task == NULL)
    {
      medusa_customer_update_free (update);
      return;
    }

  data = g_task_get_task_data (task);
  data->update = update;

  if (self->state != MEDUSA_SESSION_STATE_SIGNED_IN || data->email == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED, "%s",
                               _("You are not signed in, or your session has expired. Please sign in again."));
      return;
    }

  data->checker = new_client (self->store_url, medusa_client_get_publishable_key (self->client), NULL);
  if (data->checker == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("Choose a store first."));
      return;
    }
  medusa_client_set_timeout (data->checker, medusa_client_get_timeout (self->client));
  medusa_client_set_deadline (data->checker, medusa_client_get_deadline (self->client));
  medusa_client_get_retry_policy (self->client, &policy);
  medusa_client_set_retry_policy (data->checker, &policy);

  medusa_client_sign_in_async (data->checker, data->email, current_password, cancellable,
                               change_checked_cb, g_steal_pointer (&task));
}

void
medusa_session_change_email_async (MedusaSession       *self,
                                   const char          *new_email,
                                   const char          *current_password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  MedusaCustomerUpdate *update;
  g_autofree char *email = NULL;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (new_email != NULL);
  g_return_if_fail (current_password != NULL);

  /* The server stores this one as sent: always lower case. */
  email = medusa_normalize_email (new_email);
  update = medusa_customer_update_new ();
  medusa_customer_update_set_email (update, email);

  start_credential_change (self, medusa_session_change_email_async, current_password, update,
                           cancellable, callback, user_data);
}

gboolean
medusa_session_change_email_finish (MedusaSession  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return finish_op_task (self, result, medusa_session_change_email_async, error);
}

void
medusa_session_change_password_async (MedusaSession       *self,
                                      const char          *current_password,
                                      const char          *new_password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  MedusaCustomerUpdate *update;

  g_return_if_fail (MEDUSA_IS_SESSION (self));
  g_return_if_fail (current_password != NULL);
  g_return_if_fail (new_password != NULL);

  update = medusa_customer_update_new ();
  medusa_customer_update_set_password (update, new_password);

  start_credential_change (self, medusa_session_change_password_async, current_password, update,
                           cancellable, callback, user_data);
}

gboolean
medusa_session_change_password_finish (MedusaSession  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return finish_op_task (self, result, medusa_session_change_password_async, error);
}
