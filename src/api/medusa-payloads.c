/* medusa-payloads.c: request bodies, built with JsonBuilder
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-payloads.h"
#include "medusa-secret.h"

/* The order of this table is the order of the members in the JSON we send. */
static const struct
{
  const char *name;
  gboolean    required;
} address_fields[] = {
  { "first_name",   TRUE  },
  { "last_name",    TRUE  },
  { "company",      FALSE },
  { "address_1",    TRUE  },
  { "address_2",    FALSE },
  { "city",         TRUE  },
  { "country_code", TRUE  },
  { "province",     FALSE },
  { "postal_code",  TRUE  },
  { "phone",        FALSE },
};

#define N_ADDRESS_FIELDS G_N_ELEMENTS (address_fields)

struct _MedusaAddressInput
{
  gboolean  is_set[N_ADDRESS_FIELDS];
  char     *values[N_ADDRESS_FIELDS];  /* (owned) (nullable) */
};

G_DEFINE_BOXED_TYPE (MedusaAddressInput, medusa_address_input,
                     medusa_address_input_copy, medusa_address_input_free)

/* A field that is set to one of these is cleared: sent as null. */
typedef struct
{
  gboolean  is_set;
  char     *value;  /* (owned) (nullable): NULL means "send null" */
} OptionalString;

struct _MedusaCustomerUpdate
{
  OptionalString      first_name;
  OptionalString      last_name;
  OptionalString      phone;
  char               *email;              /* (owned) (nullable): NULL = not sent */
  char               *password;           /* (owned) (nullable): NULL = not sent */
  JsonObject         *metadata;           /* (owned) (nullable) */
  char               *billing_address_id; /* (owned) (nullable) */
  MedusaAddressInput *billing_address;    /* (owned) (nullable) */
};

G_DEFINE_BOXED_TYPE (MedusaCustomerUpdate, medusa_customer_update,
                     medusa_customer_update_copy, medusa_customer_update_free)

static int
address_field_index (const char *field)
{
  if (field == NULL)
    return -1;

  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    {
      if (strcmp (address_fields[i].name, field) == 0)
        return (int) i;
    }

  return -1;
}

/* Trimmed copy of @value, or NULL for NULL. */
static char *
dup_trimmed (const char *value)
{
  if (value == NULL)
    return NULL;

  return g_strstrip (g_strdup (value));
}

static gboolean
str_empty (const char *str)
{
  return str == NULL || *str == '\0';
}

/**
 * medusa_normalize_email:
 * @email: (nullable): an email as typed
 *
 * Returns: (transfer full) (nullable): @email trimmed and lower-cased, or
 *   %NULL for %NULL.
 */
char *
medusa_normalize_email (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;

  trimmed = dup_trimmed (email);
  if (!g_utf8_validate (trimmed, -1, NULL))
    return g_ascii_strdown (trimmed, -1);

  return g_utf8_strdown (trimmed, -1);
}

/**
 * medusa_email_looks_valid:
 * @email: (nullable): an email, normalised or as typed
 *
 * The one check every form makes before sending an email: one "@" with
 * something before and after it, and no white space. The store has the
 * last word; this only catches what cannot be an address.
 *
 * Returns: %TRUE when @email may be an address
 */
gboolean
medusa_email_looks_valid (const char *email)
{
  const char *at;

  if (email == NULL)
    return FALSE;

  at = strchr (email, '@');
  return at != NULL && at != email && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (email, " \t\n\r\v\f") == NULL;
}

/* MedusaAddressInput */

MedusaAddressInput *
medusa_address_input_new (void)
{
  return g_new0 (MedusaAddressInput, 1);
}

MedusaAddressInput *
medusa_address_input_copy (const MedusaAddressInput *self)
{
  MedusaAddressInput *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = medusa_address_input_new ();
  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    {
      copy->is_set[i] = self->is_set[i];
      copy->values[i] = g_strdup (self->values[i]);
    }

  return copy;
}

void
medusa_address_input_free (MedusaAddressInput *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    g_free (self->values[i]);
  g_free (self);
}

void
medusa_address_input_set (MedusaAddressInput *self,
                          const char         *field,
                          const char         *value)
{
  int idx;
  char *normalized;

  g_return_if_fail (self != NULL);

  idx = address_field_index (field);
  g_return_if_fail (idx >= 0);

  normalized = dup_trimmed (value);
  if (normalized != NULL && strcmp (field, "country_code") == 0)
    {
      char *lower = g_ascii_strdown (normalized, -1);

      g_free (normalized);
      normalized = lower;
    }

  g_free (self->values[idx]);
  self->values[idx] = normalized;
  self->is_set[idx] = TRUE;
}

const char *
medusa_address_input_get (const MedusaAddressInput *self,
                          const char               *field)
{
  int idx;

  g_return_val_if_fail (self != NULL, NULL);

  idx = address_field_index (field);
  g_return_val_if_fail (idx >= 0, NULL);

  return self->values[idx];
}

gboolean
medusa_address_input_is_set (const MedusaAddressInput *self,
                             const char               *field)
{
  int idx;

  g_return_val_if_fail (self != NULL, FALSE);

  idx = address_field_index (field);
  g_return_val_if_fail (idx >= 0, FALSE);

  return self->is_set[idx];
}

char **
medusa_address_input_missing_required (const MedusaAddressInput *self)
{
  g_autoptr(GPtrArray) missing = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  missing = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    {
      if (address_fields[i].required && (!self->is_set[i] || str_empty (self->values[i])))
        g_ptr_array_add (missing, g_strdup (address_fields[i].name));
    }

  if (missing->len == 0)
    return NULL;

  g_ptr_array_add (missing, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&missing), FALSE);
}

gboolean
medusa_address_input_same_place (const MedusaAddressInput *self,
                                 MedusaAddress            *address)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MEDUSA_IS_ADDRESS (address), FALSE);

  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    {
      const char *name = address_fields[i].name;
      g_autofree char *property = g_strdelimit (g_strdup (name), "_", '-');
      GValue value = G_VALUE_INIT;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      /* The address's properties are its JSON keys with '-'. */
      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (address), property, &value);
      a = medusa_address_normalize_part (self->is_set[i] ? self->values[i] : NULL);
      b = medusa_address_normalize_part (g_value_get_string (&value));
      g_value_unset (&value);

      if (g_strcmp0 (a, b) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
address_input_add_members (const MedusaAddressInput *self,
                           JsonBuilder              *builder)
{
  for (guint i = 0; i < N_ADDRESS_FIELDS; i++)
    {
      if (!self->is_set[i])
        continue;

      json_builder_set_member_name (builder, address_fields[i].name);
      if (!str_empty (self->values[i]))
        json_builder_add_string_value (builder, self->values[i]);
      else if (address_fields[i].required)
        /* Never null for a required field: the server answers with a
         * validation error the form can show. */
        json_builder_add_string_value (builder, "");
      else
        json_builder_add_null_value (builder);
    }
}

JsonNode *
medusa_address_input_to_json (const MedusaAddressInput *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  address_input_add_members (self, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* MedusaCustomerUpdate */

static void
optional_string_set (OptionalString *str,
                     const char     *value)
{
  g_autofree char *trimmed = dup_trimmed (value);

  g_clear_pointer (&str->value, g_free);
  str->is_set = TRUE;
  if (!str_empty (trimmed))
    str->value = g_steal_pointer (&trimmed);
}

static void
optional_string_copy (OptionalString       *dest,
                      const OptionalString *src)
{
  dest->is_set = src->is_set;
  dest->value = g_strdup (src->value);
}

MedusaCustomerUpdate *
medusa_customer_update_new (void)
{
  return g_new0 (MedusaCustomerUpdate, 1);
}

MedusaCustomerUpdate *
medusa_customer_update_copy (const MedusaCustomerUpdate *self)
{
  MedusaCustomerUpdate *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = medusa_customer_update_new ();
  optional_string_copy (&copy->first_name, &self->first_name);
  optional_string_copy (&copy->last_name, &self->last_name);
  optional_string_copy (&copy->phone, &self->phone);
  copy->email = g_strdup (self->email);
  copy->password = g_strdup (self->password);
  if (self->metadata != NULL)
    {
      /* json_node_copy() shares the object: copy the (string) members. */
      g_autoptr(GList) members = json_object_get_members (self->metadata);

      copy->metadata = json_object_new ();
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_string_member (copy->metadata, l->data,
                                       json_object_get_string_member_with_default (self->metadata,
                                                                                   l->data, ""));
    }
  copy->billing_address_id = g_strdup (self->billing_address_id);
  if (self->billing_address != NULL)
    copy->billing_address = medusa_address_input_copy (self->billing_address);

  return copy;
}

void
medusa_customer_update_free (MedusaCustomerUpdate *self)
{
  if (self == NULL)
    return;

  g_free (self->first_name.value);
  g_free (self->last_name.value);
  g_free (self->phone.value);
  g_free (self->email);
  medusa_secret_free (self->password);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_free (self->billing_address_id);
  g_clear_pointer (&self->billing_address, medusa_address_input_free);
  g_free (self);
}

void
medusa_customer_update_set_first_name (MedusaCustomerUpdate *self,
                                       const char           *first_name)
{
  g_return_if_fail (self != NULL);

  optional_string_set (&self->first_name, first_name);
}

void
medusa_customer_update_set_last_name (MedusaCustomerUpdate *self,
                                      const char           *last_name)
{
  g_return_if_fail (self != NULL);

  optional_string_set (&self->last_name, last_name);
}

void
medusa_customer_update_set_phone (MedusaCustomerUpdate *self,
                                  const char           *phone)
{
  g_return_if_fail (self != NULL);

  optional_string_set (&self->phone, phone);
}

void
medusa_customer_update_set_email (MedusaCustomerUpdate *self,
                                  const char           *email)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (self != NULL);

  /* API-NOTES: {"email": null} answers 200 but changes nothing, and a
   * mixed-case email can never sign in again: never send either. */
  normalized = medusa_normalize_email (email);
  g_clear_pointer (&self->email, g_free);
  if (!str_empty (normalized))
    self->email = g_steal_pointer (&normalized);
}

void
medusa_customer_update_set_password (MedusaCustomerUpdate *self,
                                     const char           *password)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->password, medusa_secret_free);
  /* Passwords are sent as typed: spaces are characters like any other. */
  if (!str_empty (password))
    self->password = g_strdup (password);
}

void
medusa_customer_update_set_metadata (MedusaCustomerUpdate *self,
                                     const char           *key,
                                     const char           *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  if (self->metadata == NULL)
    self->metadata = json_object_new ();

  /* The server merges metadata and deletes a key whose value is "". */
  json_object_set_string_member (self->metadata, key, value != NULL ? value : "");
}

void
medusa_customer_update_set_billing_address_id (MedusaCustomerUpdate *self,
                                               const char           *address_id)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->billing_address, medusa_address_input_free);
  g_clear_pointer (&self->billing_address_id, g_free);
  if (!str_empty (address_id))
    self->billing_address_id = g_strdup (address_id);
}

void
medusa_customer_update_set_billing_address (MedusaCustomerUpdate     *self,
                                            const MedusaAddressInput *address)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->billing_address_id, g_free);
  g_clear_pointer (&self->billing_address, medusa_address_input_free);
  if (address != NULL)
    self->billing_address = medusa_address_input_copy (address);
}

gboolean
medusa_customer_update_is_empty (const MedusaCustomerUpdate *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return !self->first_name.is_set &&
         !self->last_name.is_set &&
         !self->phone.is_set &&
         self->email == NULL &&
         self->password == NULL &&
         (self->metadata == NULL || json_object_get_size (self->metadata) == 0) &&
         self->billing_address_id == NULL &&
         self->billing_address == NULL;
}

static void
add_optional_string (JsonBuilder          *builder,
                     const char           *name,
                     const OptionalString *str)
{
  if (!str->is_set)
    return;

  json_builder_set_member_name (builder, name);
  if (str->value != NULL)
    json_builder_add_string_value (builder, str->value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
medusa_customer_update_to_json (const MedusaCustomerUpdate *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_optional_string (builder, "first_name", &self->first_name);
  add_optional_string (builder, "last_name", &self->last_name);
  add_optional_string (builder, "phone", &self->phone);

  if (self->email != NULL)
    {
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, self->email);
    }

  if (self->password != NULL)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, self->password);
    }

  if (self->metadata != NULL && json_object_get_size (self->metadata) > 0)
    {
      g_autoptr(GList) members = json_object_get_members (self->metadata);

      json_builder_set_member_name (builder, "metadata");
      json_builder_begin_object (builder);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;

          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder,
                                         json_object_get_string_member_with_default (self->metadata,
                                                                                     key, ""));
        }
      json_builder_end_object (builder);
    }

  if (self->billing_address_id != NULL)
    {
      json_builder_set_member_name (builder, "billing_address");
      json_builder_add_string_value (builder, self->billing_address_id);
    }
  else if (self->billing_address != NULL)
    {
      json_builder_set_member_name (builder, "billing_address");
      json_builder_begin_object (builder);
      address_input_add_members (self->billing_address, builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
