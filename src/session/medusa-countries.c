/* medusa-countries.c: the countries a store ships to, loaded once per store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "MedusaCountries"

#include "config.h"

#include "medusa-countries.h"
#include "medusa-regions.h"
#include "medusa-region.h"

#define SESSION_DATA_KEY "medusa-countries"

struct _MedusaCountries
{
  GObject        parent_instance;

  MedusaSession *session;      /* (unowned): the session owns this object */
  GListStore    *countries;    /* (owned): MedusaCountry */
  GCancellable  *cancellable;  /* (owned) (nullable): the running load */
  gboolean       loaded;
};

G_DEFINE_FINAL_TYPE (MedusaCountries, medusa_countries, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  MedusaCountry *ca = *(MedusaCountry **) a;
  MedusaCountry *cb = *(MedusaCountry **) b;

  return g_utf8_collate (medusa_country_get_display_name (ca),
                         medusa_country_get_display_name (cb));
}

static void
set_countries (MedusaCountries *self,
               GListModel      *regions)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; regions != NULL && i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);
      GListModel *countries = medusa_region_get_countries (region);

      for (guint j = 0; j < g_list_model_get_n_items (countries); j++)
        {
          g_autoptr(MedusaCountry) country = g_list_model_get_item (countries, j);
          char *key = g_ascii_strdown (medusa_country_get_iso_2 (country), -1);

          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_add (seen, key);
          g_ptr_array_add (list, g_object_ref (country));
        }
    }

  g_ptr_array_sort (list, compare_countries);
  g_list_store_splice (self->countries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->countries)),
                       list->pdata, list->len);
}

static void
list_regions_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MedusaCountries) self = user_data;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  regions = medusa_client_list_regions_finish (MEDUSA_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (regions == NULL)
    {
      /* Nothing kept: the next load asks again. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }

  set_countries (self, regions);
  self->loaded = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Another store, or another person: the answer was for the one before. */
static void
on_session_clear_input_cb (MedusaCountries *self)
{
  gboolean was_loading = self->cancellable != NULL;
  gboolean was_loaded = self->loaded;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loaded = FALSE;
  g_list_store_remove_all (self->countries);

  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
medusa_countries_dispose (GObject *object)
{
  MedusaCountries *self = MEDUSA_COUNTRIES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (medusa_countries_parent_class)->dispose (object);
}

static void
medusa_countries_finalize (GObject *object)
{
  MedusaCountries *self = MEDUSA_COUNTRIES (object);

  g_clear_object (&self->countries);

  G_OBJECT_CLASS (medusa_countries_parent_class)->finalize (object);
}

static void
medusa_countries_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedusaCountries *self = MEDUSA_COUNTRIES (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->countries);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_countries_class_init (MedusaCountriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_countries_dispose;
  object_class->finalize = medusa_countries_finalize;
  object_class->get_property = medusa_countries_get_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
medusa_countries_init (MedusaCountries *self)
{
  self->countries = g_list_store_new (MEDUSA_TYPE_COUNTRY);
}

/**
 * medusa_countries_get_for_session:
 * @session: a session
 *
 * Returns: (transfer none): the session's countries, made on first use
 */
MedusaCountries *
medusa_countries_get_for_session (MedusaSession *session)
{
  MedusaCountries *self;

  g_return_val_if_fail (MEDUSA_IS_SESSION (session), NULL);

  self = g_object_get_data (G_OBJECT (session), SESSION_DATA_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (MEDUSA_TYPE_COUNTRIES, NULL);
  self->session = session;
  g_signal_connect_object (session, "clear-input",
                           G_CALLBACK (on_session_clear_input_cb), self, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (session), SESSION_DATA_KEY, self, g_object_unref);

  return self;
}

GListModel *
medusa_countries_get_model (MedusaCountries *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRIES (self), NULL);

  return G_LIST_MODEL (self->countries);
}

gboolean
medusa_countries_get_loaded (MedusaCountries *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRIES (self), FALSE);

  return self->loaded;
}

gboolean
medusa_countries_get_loading (MedusaCountries *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRIES (self), FALSE);

  return self->cancellable != NULL;
}

void
medusa_countries_load (MedusaCountries *self)
{
  MedusaClient *client;

  g_return_if_fail (MEDUSA_IS_COUNTRIES (self));

  if (self->loaded || self->cancellable != NULL || self->session == NULL)
    return;

  client = medusa_session_get_client (self->session);
  if (client == NULL)
    return;

  /* Its own cancellable: a form's Save or close never stops the load the
   * other forms wait for. */
  self->cancellable = g_cancellable_new ();
  medusa_client_list_regions_async (client, self->cancellable, list_regions_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}
