/* medusa-customer.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-customer.h"

#include "medusa-json.h"

struct _MedusaCustomer
{
  GObject parent_instance;

  char *id;
  char *email;                 /* (nullable) */
  char *first_name;            /* (nullable) */
  char *last_name;             /* (nullable) */
  char *phone;                 /* (nullable) */
  gboolean has_account;
  char *billing_address_id;    /* (nullable) */
  JsonObject *metadata;        /* (owned) (nullable) */
  GDateTime *created_at;       /* (nullable) */
  GDateTime *updated_at;       /* (nullable) */

  MedusaAddress *billing_address;  /* (owned) (nullable) */
  GListStore *shipping_addresses;  /* (owned) of MedusaAddress */
  guint n_orders;
  gboolean has_orders_info;
};

G_DEFINE_FINAL_TYPE (MedusaCustomer, medusa_customer, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaCustomer, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  /* Goes to the keyring and GSettings as it is: never repaired. */
  FIELD (email, "email", EXACT),
  FIELD (first_name, "first-name", STRING),
  FIELD (last_name, "last-name", STRING),
  FIELD (phone, "phone", STRING),
  FIELD (has_account, "has-account", BOOLEAN),
  FIELD (billing_address_id, "billing-address-id", STRING),
  FIELD (metadata, "metadata", OBJECT),
  FIELD (created_at, "created-at", DATE),
  FIELD (updated_at, "updated-at", DATE),
};

#undef FIELD

enum {
  PROP_0,
  PROP_BILLING_ADDRESS = 1 + G_N_ELEMENTS (fields),
  PROP_SHIPPING_ADDRESSES,
  PROP_N_ORDERS,
  PROP_HAS_ORDERS_INFO,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;

  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isspace (*s))
        return FALSE;
    }

  return TRUE;
}

static void
medusa_customer_dispose (GObject *object)
{
  MedusaCustomer *self = (MedusaCustomer *) object;

  g_clear_object (&self->billing_address);
  g_clear_object (&self->shipping_addresses);

  G_OBJECT_CLASS (medusa_customer_parent_class)->dispose (object);
}

static void
medusa_customer_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_customer_parent_class)->finalize (object);
}

static void
medusa_customer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MedusaCustomer *self = MEDUSA_CUSTOMER (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_BILLING_ADDRESS:
      g_value_set_object (value, self->billing_address);
      break;
    case PROP_SHIPPING_ADDRESSES:
      g_value_set_object (value, self->shipping_addresses);
      break;
    case PROP_N_ORDERS:
      g_value_set_uint (value, self->n_orders);
      break;
    case PROP_HAS_ORDERS_INFO:
      g_value_set_boolean (value, self->has_orders_info);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, medusa_customer_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_customer_class_init (MedusaCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = medusa_customer_dispose;
  object_class->finalize = medusa_customer_finalize;
  object_class->get_property = medusa_customer_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_BILLING_ADDRESS] =
    g_param_spec_object ("billing-address", NULL, NULL, MEDUSA_TYPE_ADDRESS, flags);
  properties[PROP_SHIPPING_ADDRESSES] =
    g_param_spec_object ("shipping-addresses", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_ORDERS] =
    g_param_spec_uint ("n-orders", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_HAS_ORDERS_INFO] =
    g_param_spec_boolean ("has-orders-info", NULL, NULL, FALSE, flags);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, flags);

  for (guint i = PROP_BILLING_ADDRESS; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
medusa_customer_init (MedusaCustomer *self)
{
  self->shipping_addresses = g_list_store_new (MEDUSA_TYPE_ADDRESS);
}

/**
 * medusa_customer_new_from_json:
 * @object: a customer object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the customer
 */
MedusaCustomer *
medusa_customer_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(MedusaCustomer) self = NULL;
  g_autoptr(GListStore) addresses = NULL;
  JsonArray *orders = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_CUSTOMER, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  if (!medusa_json_read_model (object, "billing_address",
                               (MedusaJsonModelFunc) medusa_address_new_from_json,
                               (gpointer *) &self->billing_address, error))
    return NULL;

  addresses = medusa_json_read_list (object, "shipping_addresses", MEDUSA_TYPE_ADDRESS,
                                     (MedusaJsonModelFunc) medusa_address_new_from_json, error);
  if (addresses == NULL)
    return NULL;
  g_set_object (&self->shipping_addresses, addresses);

  /* Only login and GET /store/auth embed the orders; count them, nothing more. */
  if (!medusa_json_read_array (object, "orders", &orders, error))
    return NULL;
  self->has_orders_info = orders != NULL;
  self->n_orders = orders != NULL ? json_array_get_length (orders) : 0;

  return g_steal_pointer (&self);
}

const char *
medusa_customer_get_id (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->id;
}

const char *
medusa_customer_get_email (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->email;
}

const char *
medusa_customer_get_first_name (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->first_name;
}

const char *
medusa_customer_get_last_name (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->last_name;
}

const char *
medusa_customer_get_phone (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->phone;
}

gboolean
medusa_customer_get_has_account (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), FALSE);
  return self->has_account;
}

const char *
medusa_customer_get_billing_address_id (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->billing_address_id;
}

MedusaAddress *
medusa_customer_get_billing_address (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->billing_address;
}

GListModel *
medusa_customer_get_shipping_addresses (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return G_LIST_MODEL (self->shipping_addresses);
}

JsonObject *
medusa_customer_get_metadata (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->metadata;
}

char *
medusa_customer_dup_metadata_string (MedusaCustomer *self,
                                     const char     *key)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return medusa_json_dup_string_member (self->metadata, key);
}

GDateTime *
medusa_customer_get_created_at (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->created_at;
}

GDateTime *
medusa_customer_get_updated_at (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);
  return self->updated_at;
}

char *
medusa_customer_dup_display_name (MedusaCustomer *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  if (is_blank (self->first_name) && is_blank (self->last_name))
    return g_strdup (self->email != NULL ? self->email : "");

  if (is_blank (self->first_name))
    name = g_strdup (self->last_name);
  else if (is_blank (self->last_name))
    name = g_strdup (self->first_name);
  else
    name = g_strdup_printf ("%s %s", self->first_name, self->last_name);

  return g_strstrip (g_steal_pointer (&name));
}

guint
medusa_customer_get_n_orders (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), 0);
  return self->n_orders;
}

gboolean
medusa_customer_has_orders_info (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), FALSE);
  return self->has_orders_info;
}

MedusaAddress *
medusa_customer_find_address (MedusaCustomer *self,
                              const char     *address_id)
{
  guint n;

  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  if (address_id == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->shipping_addresses));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaAddress) address =
        g_list_model_get_item (G_LIST_MODEL (self->shipping_addresses), i);

      if (g_strcmp0 (medusa_address_get_id (address), address_id) == 0)
        return address;  /* the store keeps its reference */
    }

  return NULL;
}
