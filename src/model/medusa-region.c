/* medusa-region.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-region.h"

#include "medusa-json.h"

/* MedusaCountry */

struct _MedusaCountry
{
  GObject parent_instance;

  char *iso_2;
  char *display_name;
};

G_DEFINE_FINAL_TYPE (MedusaCountry, medusa_country, G_TYPE_OBJECT)

static const MedusaJsonField country_fields[] = {
  MEDUSA_JSON_FIELD (MedusaCountry, iso_2, "iso-2", ID),
  MEDUSA_JSON_FIELD (MedusaCountry, display_name, "display-name", STRING),
};

enum {
  COUNTRY_PROP_0,
  COUNTRY_N_PROPS = 1 + G_N_ELEMENTS (country_fields)
};

static GParamSpec *country_properties[COUNTRY_N_PROPS];

static void
medusa_country_finalize (GObject *object)
{
  medusa_json_clear_fields (object, country_fields, G_N_ELEMENTS (country_fields));

  G_OBJECT_CLASS (medusa_country_parent_class)->finalize (object);
}

static void
medusa_country_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (!medusa_json_get_field_property (object, prop_id, 1, country_fields,
                                       G_N_ELEMENTS (country_fields), value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
medusa_country_class_init (MedusaCountryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_country_finalize;
  object_class->get_property = medusa_country_get_property;

  medusa_json_install_fields (object_class, country_properties, 1, country_fields,
                              G_N_ELEMENTS (country_fields));
}

static void
medusa_country_init (MedusaCountry *self)
{
}

/* The store's English name in the user's language, or the upper-cased code. */
static void
country_set_display_name (MedusaCountry *self,
                          const char    *name)
{
  char *display_name;

  if (name == NULL || *name == '\0')
    {
      display_name = g_ascii_strup (self->iso_2, -1);
    }
  else
    {
      /* The store names countries in English ("Germany", as ISO 3166 does);
       * iso-codes has their names in the user's language. */
      display_name = g_strdup (g_dgettext (MEDUSA_ISO_3166_DOMAIN, name));
    }

  g_free (self->display_name);
  self->display_name = display_name;
}

/**
 * medusa_country_new_from_json:
 * @object: a country object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the country
 */
MedusaCountry *
medusa_country_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(MedusaCountry) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_COUNTRY, object,
                                      country_fields, G_N_ELEMENTS (country_fields), error);
  if (self == NULL)
    return NULL;

  country_set_display_name (self, self->display_name);

  return g_steal_pointer (&self);
}

/**
 * medusa_country_new:
 * @iso_2: a two-letter country code, in either case
 * @display_name: (nullable): the country's English name, as the store sends it
 *
 * A country the store's regions did not name (the country of a saved address).
 *
 * Returns: (transfer full): the country
 */
MedusaCountry *
medusa_country_new (const char *iso_2,
                    const char *display_name)
{
  MedusaCountry *self;

  g_return_val_if_fail (iso_2 != NULL && *iso_2 != '\0', NULL);

  self = g_object_new (MEDUSA_TYPE_COUNTRY, NULL);
  self->iso_2 = g_ascii_strdown (iso_2, -1);
  country_set_display_name (self, display_name);

  return self;
}

const char *
medusa_country_get_iso_2 (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);
  return self->iso_2;
}

const char *
medusa_country_get_display_name (MedusaCountry *self)
{
  g_return_val_if_fail (MEDUSA_IS_COUNTRY (self), NULL);
  return self->display_name;
}

/* MedusaRegion */

struct _MedusaRegion
{
  GObject parent_instance;

  char *id;
  char *name;            /* (nullable) */
  char *currency_code;   /* (nullable) */
  GListStore *countries; /* (owned) of MedusaCountry */
};

G_DEFINE_FINAL_TYPE (MedusaRegion, medusa_region, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaRegion, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (name, "name", STRING),
  FIELD (currency_code, "currency-code", STRING),
};

#undef FIELD

enum {
  PROP_0,
  PROP_COUNTRIES = 1 + G_N_ELEMENTS (fields),
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_region_dispose (GObject *object)
{
  MedusaRegion *self = (MedusaRegion *) object;

  g_clear_object (&self->countries);

  G_OBJECT_CLASS (medusa_region_parent_class)->dispose (object);
}

static void
medusa_region_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_region_parent_class)->finalize (object);
}

static void
medusa_region_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MedusaRegion *self = MEDUSA_REGION (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_COUNTRIES:
      g_value_set_object (value, self->countries);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_region_class_init (MedusaRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_region_dispose;
  object_class->finalize = medusa_region_finalize;
  object_class->get_property = medusa_region_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_COUNTRIES] =
    g_param_spec_object ("countries", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_COUNTRIES, properties[PROP_COUNTRIES]);
}

static void
medusa_region_init (MedusaRegion *self)
{
  self->countries = g_list_store_new (MEDUSA_TYPE_COUNTRY);
}

/**
 * medusa_region_new_from_json:
 * @object: a region object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the region
 */
MedusaRegion *
medusa_region_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(MedusaRegion) self = NULL;
  g_autoptr(GListStore) countries = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_REGION, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  countries = medusa_json_read_list (object, "countries", MEDUSA_TYPE_COUNTRY,
                                     (MedusaJsonModelFunc) medusa_country_new_from_json, error);
  if (countries == NULL)
    return NULL;
  g_set_object (&self->countries, countries);

  return g_steal_pointer (&self);
}

const char *
medusa_region_get_id (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);
  return self->id;
}

const char *
medusa_region_get_name (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);
  return self->name;
}

const char *
medusa_region_get_currency_code (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);
  return self->currency_code;
}

GListModel *
medusa_region_get_countries (MedusaRegion *self)
{
  g_return_val_if_fail (MEDUSA_IS_REGION (self), NULL);
  return G_LIST_MODEL (self->countries);
}
