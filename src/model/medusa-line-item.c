/* medusa-line-item.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-line-item.h"

#include "medusa-json.h"
#include "medusa-money.h"

struct _MedusaLineItem
{
  GObject parent_instance;

  char *id;
  char *title;          /* (nullable) */
  char *description;    /* (nullable) */
  char *thumbnail;      /* (nullable) */
  gint64 quantity;
  gint64 unit_price;
  gint64 subtotal;
  gint64 total;
  gint64 tax_total;
  gint64 discount_total;

  char *variant_title;  /* (nullable) */
  char *currency_code;  /* (nullable) */
};

G_DEFINE_FINAL_TYPE (MedusaLineItem, medusa_line_item, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaLineItem, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (title, "title", STRING),
  FIELD (description, "description", STRING),
  FIELD (thumbnail, "thumbnail", STRING),
  FIELD (quantity, "quantity", INT),
  FIELD (unit_price, "unit-price", INT),
  FIELD (subtotal, "subtotal", INT),
  FIELD (total, "total", INT),
  FIELD (tax_total, "tax-total", INT),
  FIELD (discount_total, "discount-total", INT),
};

#undef FIELD

enum {
  PROP_0,
  PROP_VARIANT_TITLE = 1 + G_N_ELEMENTS (fields),
  PROP_CURRENCY_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_line_item_finalize (GObject *object)
{
  MedusaLineItem *self = (MedusaLineItem *) object;

  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->variant_title, g_free);
  g_clear_pointer (&self->currency_code, g_free);

  G_OBJECT_CLASS (medusa_line_item_parent_class)->finalize (object);
}

static void
medusa_line_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MedusaLineItem *self = MEDUSA_LINE_ITEM (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_VARIANT_TITLE:
      g_value_set_string (value, self->variant_title);
      break;
    case PROP_CURRENCY_CODE:
      g_value_set_string (value, self->currency_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_line_item_class_init (MedusaLineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = medusa_line_item_finalize;
  object_class->get_property = medusa_line_item_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_VARIANT_TITLE] =
    g_param_spec_string ("variant-title", NULL, NULL, NULL, flags);
  properties[PROP_CURRENCY_CODE] =
    g_param_spec_string ("currency-code", NULL, NULL, NULL, flags);

  for (guint i = PROP_VARIANT_TITLE; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
medusa_line_item_init (MedusaLineItem *self)
{
}

MedusaLineItem *
medusa_line_item_new_from_json_with_currency (JsonObject  *object,
                                              const char  *currency_code,
                                              GError     **error)
{
  g_autoptr(MedusaLineItem) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_LINE_ITEM, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  if (!medusa_json_read_nested_string (object, "variant", "title", &self->variant_title, error))
    return NULL;
  if (self->variant_title == NULL)
    self->variant_title = g_strdup (self->description);

  self->currency_code = g_strdup (currency_code);

  return g_steal_pointer (&self);
}

/**
 * medusa_line_item_new_from_json:
 * @object: a line item object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the line item, without a currency
 */
MedusaLineItem *
medusa_line_item_new_from_json (JsonObject  *object,
                                GError     **error)
{
  return medusa_line_item_new_from_json_with_currency (object, NULL, error);
}

const char *
medusa_line_item_get_id (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->id;
}

const char *
medusa_line_item_get_title (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->title;
}

const char *
medusa_line_item_get_description (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->description;
}

const char *
medusa_line_item_get_variant_title (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->variant_title;
}

const char *
medusa_line_item_get_thumbnail (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->thumbnail;
}

gint64
medusa_line_item_get_quantity (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->quantity;
}

gint64
medusa_line_item_get_unit_price (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->unit_price;
}

gint64
medusa_line_item_get_subtotal (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->subtotal;
}

gint64
medusa_line_item_get_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->total;
}

gint64
medusa_line_item_get_tax_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->tax_total;
}

gint64
medusa_line_item_get_discount_total (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), 0);
  return self->discount_total;
}

const char *
medusa_line_item_get_currency_code (MedusaLineItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), NULL);
  return self->currency_code;
}

gboolean
medusa_line_item_compute_line_total (MedusaLineItem *self,
                                     gint64         *total)
{
  g_return_val_if_fail (MEDUSA_IS_LINE_ITEM (self), FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  *total = 0;
  if (self->subtotal != 0)
    {
      *total = self->subtotal;
      return TRUE;
    }

  return medusa_money_checked_mul (self->quantity, self->unit_price, total);
}
