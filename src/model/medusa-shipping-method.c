/* medusa-shipping-method.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-shipping-method.h"

#include "medusa-json.h"

struct _MedusaShippingMethod
{
  GObject parent_instance;

  char *id;
  gint64 price;
  char *name;    /* (nullable) */
  gint64 total;
};

G_DEFINE_FINAL_TYPE (MedusaShippingMethod, medusa_shipping_method, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaShippingMethod, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (price, "price", INT),
};

#undef FIELD

enum {
  PROP_0,
  PROP_NAME = 1 + G_N_ELEMENTS (fields),
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_shipping_method_finalize (GObject *object)
{
  MedusaShippingMethod *self = (MedusaShippingMethod *) object;

  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (medusa_shipping_method_parent_class)->finalize (object);
}

static void
medusa_shipping_method_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MedusaShippingMethod *self = MEDUSA_SHIPPING_METHOD (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_shipping_method_class_init (MedusaShippingMethodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = medusa_shipping_method_finalize;
  object_class->get_property = medusa_shipping_method_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  for (guint i = PROP_NAME; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
medusa_shipping_method_init (MedusaShippingMethod *self)
{
}

/**
 * medusa_shipping_method_new_from_json:
 * @object: a shipping method object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the shipping method
 */
MedusaShippingMethod *
medusa_shipping_method_new_from_json (JsonObject  *object,
                                      GError     **error)
{
  g_autoptr(MedusaShippingMethod) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_SHIPPING_METHOD, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  if (!medusa_json_read_nested_string (object, "shipping_option", "name", &self->name, error))
    return NULL;

  /* "total" includes taxes; a response without it still has the price. */
  if (!medusa_json_read_int (object, "total", &self->total, error))
    return NULL;
  if (!json_object_has_member (object, "total") || json_object_get_null_member (object, "total"))
    self->total = self->price;

  return g_steal_pointer (&self);
}

const char *
medusa_shipping_method_get_id (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), NULL);
  return self->id;
}

const char *
medusa_shipping_method_get_name (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), NULL);
  return self->name;
}

gint64
medusa_shipping_method_get_price (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), 0);
  return self->price;
}

gint64
medusa_shipping_method_get_total (MedusaShippingMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_SHIPPING_METHOD (self), 0);
  return self->total;
}
