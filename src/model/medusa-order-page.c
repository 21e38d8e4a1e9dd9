/* medusa-order-page.c: one page of GET /store/customers/me/orders
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-order-page.h"

#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-money.h"
#include "medusa-order.h"
#include "medusa-order-private.h"

struct _MedusaOrderPage
{
  GObject parent_instance;

  GListStore *orders;  /* (owned) of MedusaOrder */
  gint64 count;
  gint64 offset;
  gint64 limit;
};

G_DEFINE_FINAL_TYPE (MedusaOrderPage, medusa_order_page, G_TYPE_OBJECT)

static const MedusaJsonField fields[] = {
  MEDUSA_JSON_FIELD (MedusaOrderPage, count, "count", INT),
  MEDUSA_JSON_FIELD (MedusaOrderPage, offset, "offset", INT),
  MEDUSA_JSON_FIELD (MedusaOrderPage, limit, "limit", INT),
};

enum {
  PROP_0,
  PROP_ORDERS = 1 + G_N_ELEMENTS (fields),
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
medusa_order_page_dispose (GObject *object)
{
  MedusaOrderPage *self = (MedusaOrderPage *) object;

  g_clear_object (&self->orders);

  G_OBJECT_CLASS (medusa_order_page_parent_class)->dispose (object);
}

static void
medusa_order_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MedusaOrderPage *self = MEDUSA_ORDER_PAGE (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_ORDERS:
      g_value_set_object (value, self->orders);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_page_class_init (MedusaOrderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_order_page_dispose;
  object_class->get_property = medusa_order_page_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_ORDERS] =
    g_param_spec_object ("orders", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_ORDERS, properties[PROP_ORDERS]);
}

static void
medusa_order_page_init (MedusaOrderPage *self)
{
  self->orders = g_list_store_new (MEDUSA_TYPE_ORDER);
}

/**
 * medusa_order_page_new_from_json:
 * @object: the response object {"orders", "count", "offset", "limit"}
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * A response without an "orders" array, or with a negative "count",
 * "offset" or "limit", is a parse error; a missing count is taken as
 * offset plus the number of orders in the page.
 *
 * Returns: (transfer full) (nullable): the page
 */
MedusaOrderPage *
medusa_order_page_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(MedusaOrderPage) self = NULL;
  g_autoptr(GListStore) list = NULL;
  JsonArray *orders = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!medusa_json_read_array (object, "orders", &orders, error))
    return NULL;
  if (orders == NULL)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           "Member “orders” is missing");
      return NULL;
    }

  self = medusa_json_new_with_fields (MEDUSA_TYPE_ORDER_PAGE, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  list = medusa_json_read_list (object, "orders", MEDUSA_TYPE_ORDER,
                                (MedusaJsonModelFunc) medusa_order_new_from_json, error);
  if (list == NULL)
    return NULL;
  g_set_object (&self->orders, list);

  /* Positions and sizes: a negative one is nonsense, and one the page
   * cannot be added to would overflow. */
  if (self->count < 0 || self->offset < 0 || self->limit < 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           "Member “count”, “offset” or “limit” is negative");
      return NULL;
    }

  if (!json_object_has_member (object, "count") &&
      !medusa_money_checked_add (self->offset, g_list_model_get_n_items (G_LIST_MODEL (self->orders)),
                                 &self->count))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           "Member “offset” is too large");
      return NULL;
    }

  return g_steal_pointer (&self);
}

MedusaOrderPage *
_medusa_order_page_new (GListStore *orders,
                        gint64      count,
                        gint64      offset,
                        gint64      limit)
{
  MedusaOrderPage *self;

  g_return_val_if_fail (G_IS_LIST_STORE (orders), NULL);

  self = g_object_new (MEDUSA_TYPE_ORDER_PAGE, NULL);
  g_set_object (&self->orders, orders);
  g_object_unref (orders);
  self->count = count;
  self->offset = offset;
  self->limit = limit;

  return self;
}

GListModel *
medusa_order_page_get_orders (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), NULL);
  return G_LIST_MODEL (self->orders);
}

gint64
medusa_order_page_get_count (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);
  return self->count;
}

gint64
medusa_order_page_get_offset (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);
  return self->offset;
}

gint64
medusa_order_page_get_limit (MedusaOrderPage *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_PAGE (self), 0);
  return self->limit;
}
