/* medusa-address.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-address.h"

#include "medusa-json.h"

struct _MedusaAddress
{
  GObject parent_instance;

  char *id;
  char *customer_id;    /* (nullable) */
  char *company;        /* (nullable) */
  char *first_name;     /* (nullable) */
  char *last_name;      /* (nullable) */
  char *address_1;      /* (nullable) */
  char *address_2;      /* (nullable) */
  char *city;           /* (nullable) */
  char *country_code;   /* (nullable) */
  char *province;       /* (nullable) */
  char *postal_code;    /* (nullable) */
  char *phone;          /* (nullable) */
  JsonObject *metadata; /* (owned) (nullable) */
  GDateTime *created_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (MedusaAddress, medusa_address, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaAddress, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (customer_id, "customer-id", STRING),
  FIELD (company, "company", STRING),
  FIELD (first_name, "first-name", STRING),
  FIELD (last_name, "last-name", STRING),
  FIELD (address_1, "address-1", STRING),
  FIELD (address_2, "address-2", STRING),
  FIELD (city, "city", STRING),
  FIELD (country_code, "country-code", STRING),
  FIELD (province, "province", STRING),
  FIELD (postal_code, "postal-code", STRING),
  FIELD (phone, "phone", STRING),
  FIELD (metadata, "metadata", OBJECT),
  FIELD (created_at, "created-at", DATE),
  FIELD (updated_at, "updated-at", DATE),
};

#undef FIELD

enum {
  PROP_0,
  N_PROPS = 1 + G_N_ELEMENTS (fields)
};

static GParamSpec *properties[N_PROPS];

/* @s stripped of surrounding space with inner runs of space made one " ",
 * case-folded; NULL and blank give "". */
static char *
normalize_part (const char *s)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (s == NULL)
    return g_strdup ("");

  words = g_strsplit_set (s, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_utf8_casefold (out->str, -1);
}

/* Adds @s, stripped, unless it is NULL or blank. */
static void
add_part (GPtrArray  *parts,
          const char *s)
{
  g_autofree char *copy = NULL;

  if (s == NULL)
    return;

  copy = g_strstrip (g_strdup (s));
  if (*copy != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&copy));
}

static char *
join_two (const char *a,
          const char *b)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  add_part (parts, a);
  add_part (parts, b);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **) parts->pdata);
}

static GPtrArray *
collect_parts (MedusaAddress *self)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = medusa_address_dup_full_name (self);
  g_autofree char *postal_city = join_two (self->postal_code, self->city);
  g_autofree char *country = self->country_code != NULL ? g_ascii_strup (self->country_code, -1) : NULL;

  add_part (parts, name);
  add_part (parts, self->company);
  add_part (parts, self->address_1);
  add_part (parts, self->address_2);
  add_part (parts, postal_city);
  add_part (parts, self->province);
  add_part (parts, country);
  g_ptr_array_add (parts, NULL);

  return parts;
}

static void
medusa_address_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_address_parent_class)->finalize (object);
}

static void
medusa_address_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (!medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
medusa_address_class_init (MedusaAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_address_finalize;
  object_class->get_property = medusa_address_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));
}

static void
medusa_address_init (MedusaAddress *self)
{
}

/**
 * medusa_address_new_from_json:
 * @object: an address object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when @object
 *   has no id or a member of the wrong type
 */
MedusaAddress *
medusa_address_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medusa_json_new_with_fields (MEDUSA_TYPE_ADDRESS, object,
                                      fields, G_N_ELEMENTS (fields), error);
}

const char *
medusa_address_get_id (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->id;
}

const char *
medusa_address_get_customer_id (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->customer_id;
}

const char *
medusa_address_get_company (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->company;
}

const char *
medusa_address_get_first_name (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->first_name;
}

const char *
medusa_address_get_last_name (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->last_name;
}

const char *
medusa_address_get_address_1 (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->address_1;
}

const char *
medusa_address_get_address_2 (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->address_2;
}

const char *
medusa_address_get_city (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->city;
}

const char *
medusa_address_get_country_code (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->country_code;
}

const char *
medusa_address_get_province (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->province;
}

const char *
medusa_address_get_postal_code (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->postal_code;
}

const char *
medusa_address_get_phone (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->phone;
}

JsonObject *
medusa_address_get_metadata (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->metadata;
}

GDateTime *
medusa_address_get_created_at (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->created_at;
}

GDateTime *
medusa_address_get_updated_at (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return self->updated_at;
}

char *
medusa_address_dup_full_name (MedusaAddress *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);
  return join_two (self->first_name, self->last_name);
}

char *
medusa_address_format_multiline (MedusaAddress *self)
{
  g_autoptr(GPtrArray) parts = NULL;

  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  parts = collect_parts (self);
  return g_strjoinv ("\n", (char **) parts->pdata);
}

char *
medusa_address_format_one_line (MedusaAddress *self)
{
  g_autoptr(GPtrArray) parts = NULL;

  g_return_val_if_fail (MEDUSA_IS_ADDRESS (self), NULL);

  parts = collect_parts (self);
  return g_strjoinv (", ", (char **) parts->pdata);
}

gboolean
medusa_address_same_place (MedusaAddress *a,
                           MedusaAddress *b)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (a), FALSE);
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (b), FALSE);

  const char *a_parts[] = { a->first_name, a->last_name, a->company, a->address_1, a->address_2,
                            a->city, a->country_code, a->province, a->postal_code, a->phone };
  const char *b_parts[] = { b->first_name, b->last_name, b->company, b->address_1, b->address_2,
                            b->city, b->country_code, b->province, b->postal_code, b->phone };

  for (guint i = 0; i < G_N_ELEMENTS (a_parts); i++)
    {
      g_autofree char *na = normalize_part (a_parts[i]);
      g_autofree char *nb = normalize_part (b_parts[i]);

      if (g_strcmp0 (na, nb) != 0)
        return FALSE;
    }

  return TRUE;
}

char *
medusa_address_normalize_part (const char *part)
{
  return normalize_part (part);
}
