/* medusa-store-probe.c: is this a store's address, and does a store answer there?
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaStoreProbe"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-error.h"
#include "medusa-regions.h"
#include "medusa-store-probe.h"

/* URL rules */

gboolean
medusa_store_url_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  len = strlen (host);
  if (host[0] == '[' && len > 2 && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* An IP address, or a DNS name (GUri has made an international one ASCII):
 * letters, digits, "-" and "_" in labels that are not empty. */
static gboolean
host_is_valid (const char *host)
{
  const char *p;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  for (p = host; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          /* No empty label; a final dot (the root) is allowed. */
          if (p == host || p[-1] == '.')
            return FALSE;
        }
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

char *
medusa_store_url_check (const char  *url,
                                 gboolean    *insecure,
                                 GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  gboolean is_http;

  if (insecure != NULL)
    *insecure = FALSE;

  text = g_strstrip (g_strdup (url ? url : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the store’s address."));
      return NULL;
    }

  /* "shop.example.com" means https://shop.example.com */
  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", text, NULL);
      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is not a valid web address."));
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  is_http = g_str_equal (scheme, "http");
  if (!is_http && !g_str_equal (scheme, "https"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The store’s address must start with https:// or http://."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter only the store’s address, without a user name, “?” or “#”."));
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  /* GUri takes "shop example.com" as a host; only the network would say no. */
  if (!host_is_valid (host))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is not a valid web address."));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  if (insecure != NULL)
    *insecure = is_http && !medusa_store_url_is_loopback_host (host);

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), path, NULL, NULL);
}

/* Probing a store by calling it */

typedef struct
{
  MedusaClient      *client;  /* (owned) */
  gboolean           insecure;
  char              *publishable_key;  /* (owned) (nullable) */
  MedusaStoreVersion version;
} ProbeData;

static void
probe_data_free (ProbeData *data)
{
  g_clear_object (&data->client);
  g_free (data->publishable_key);
  g_free (data);
}

/* The second call, v2 only: GET /store/regions with the key. */
static void
probe_key_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  regions = medusa_client_list_regions_finish (MEDUSA_CLIENT (source), result, &error);
  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED))
    g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED, "%s",
                             _("The store did not accept this publishable API key. Check it in the store’s Medusa Admin under Settings → Publishable API Keys."));
  else if (regions == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The first call: GET /store/regions without a key. A v1 store answers
 * 200 (it ignores keys); a v2 store 400 not_allowed (every /store request
 * needs the key). */
static void
probe_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GCancellable *cancellable;
  g_autoptr(GTask) task = user_data;
  ProbeData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  regions = medusa_client_list_regions_finish (MEDUSA_CLIENT (source), result, &error);
  if (regions != NULL)
    {
      data->version = MEDUSA_STORE_VERSION_V1;
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->version = MEDUSA_STORE_VERSION_V2;
  if (data->publishable_key == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED, "%s",
                               _("This store runs Medusa v2 and needs its publishable API key. The store’s team finds it in the Medusa Admin under Settings → Publishable API Keys."));
      return;
    }

  medusa_client_set_store_version (data->client, MEDUSA_STORE_VERSION_V2);
  medusa_client_set_publishable_key (data->client, data->publishable_key);
  cancellable = g_task_get_cancellable (task);
  medusa_client_list_regions_async (data->client, cancellable, probe_key_cb,
                                    g_steal_pointer (&task));
}

void
medusa_store_probe_async (const char          *url,
                                         const char          *publishable_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  MedusaRetryPolicy policy;
  ProbeData *data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_store_probe_async);

  data = g_new0 (ProbeData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) probe_data_free);

  normalized = medusa_store_url_check (url, &data->insecure, &error);
  if (normalized != NULL)
    data->client = medusa_client_new (normalized, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Sent only once the store turned out to be v2. */
  if (publishable_key != NULL && *publishable_key != '\0')
    data->publishable_key = g_strdup (publishable_key);

  /* A person is waiting: answer quickly rather than retry for long. */
  medusa_client_get_retry_policy (data->client, &policy);
  policy.max_retries = MIN (policy.max_retries, 1);
  medusa_client_set_retry_policy (data->client, &policy);
  medusa_client_set_timeout (data->client, 15);

  medusa_client_list_regions_async (data->client, cancellable, probe_cb,
                                    g_steal_pointer (&task));
}

gboolean
medusa_store_probe_finish (GAsyncResult  *result,
                                          gboolean      *insecure,
                                          GError       **error)
{
  ProbeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_store_probe_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (insecure != NULL)
    *insecure = data->insecure;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * medusa_store_probe_get_version:
 * @result: the result of medusa_store_probe_async()
 *
 * Returns: the store's API version as far as the probe found it, also after
 *   a failure (a v2 store without, or with a wrong, publishable key), or
 *   %MEDUSA_STORE_VERSION_UNKNOWN.
 */
MedusaStoreVersion
medusa_store_probe_get_version (GAsyncResult *result)
{
  ProbeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), MEDUSA_STORE_VERSION_UNKNOWN);

  data = g_task_get_task_data (G_TASK (result));
  return data != NULL ? data->version : MEDUSA_STORE_VERSION_UNKNOWN;
}
