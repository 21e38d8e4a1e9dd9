/* medusa-return.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-return.h"

#include "medusa-error.h"
#include "medusa-json.h"

/* A bounded list of @member (missing or null: empty). */
static GListStore *
read_bounded_list (JsonObject           *object,
                   const char           *member,
                   GType                 item_type,
                   MedusaJsonModelFunc   func,
                   GError              **error)
{
  JsonArray *array = NULL;

  if (!medusa_json_read_array (object, member, &array, error))
    return NULL;
  if (array != NULL && json_array_get_length (array) > MEDUSA_RETURN_MAX_LIST)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                   "“%s” has more than %d elements", member, MEDUSA_RETURN_MAX_LIST);
      return NULL;
    }
  return medusa_json_read_list (object, member, item_type, func, error);
}

/* The common boilerplate of a table-driven read-only model. */
#define DEFINE_FIELD_MODEL(TypeName, type_name, TYPE, fields_table)                         \
  static GParamSpec *type_name##_properties[1 + G_N_ELEMENTS (fields_table)];              \
  static void                                                                               \
  type_name##_finalize (GObject *object)                                                    \
  {                                                                                         \
    medusa_json_clear_fields (object, fields_table, G_N_ELEMENTS (fields_table));           \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);                          \
  }                                                                                         \
  static void                                                                               \
  type_name##_get_property (GObject    *object,                                             \
                            guint       prop_id,                                            \
                            GValue     *value,                                              \
                            GParamSpec *pspec)                                              \
  {                                                                                         \
    if (!medusa_json_get_field_property (object, prop_id, 1, fields_table,                  \
                                         G_N_ELEMENTS (fields_table), value))               \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                           \
  }

/* MedusaReturnReason */

struct _MedusaReturnReason
{
  GObject parent_instance;

  char *id;
  char *value;
  char *label;
  char *description;
  GListStore *children; /* (owned) of MedusaReturnReason */
};

G_DEFINE_FINAL_TYPE (MedusaReturnReason, medusa_return_reason, G_TYPE_OBJECT)

static const MedusaJsonField reason_fields[] = {
  MEDUSA_JSON_FIELD (MedusaReturnReason, id, "id", ID),
  MEDUSA_JSON_FIELD (MedusaReturnReason, value, "value", STRING),
  MEDUSA_JSON_FIELD (MedusaReturnReason, label, "label", STRING),
  MEDUSA_JSON_FIELD (MedusaReturnReason, description, "description", STRING),
};

DEFINE_FIELD_MODEL (MedusaReturnReason, medusa_return_reason, RETURN_REASON, reason_fields)

static void
medusa_return_reason_dispose (GObject *object)
{
  MedusaReturnReason *self = (MedusaReturnReason *) object;

  g_clear_object (&self->children);

  G_OBJECT_CLASS (medusa_return_reason_parent_class)->dispose (object);
}

static void
medusa_return_reason_class_init (MedusaReturnReasonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_return_reason_dispose;
  object_class->finalize = medusa_return_reason_finalize;
  object_class->get_property = medusa_return_reason_get_property;
  medusa_json_install_fields (object_class, medusa_return_reason_properties, 1, reason_fields,
                              G_N_ELEMENTS (reason_fields));
}

static void
medusa_return_reason_init (MedusaReturnReason *self)
{
  self->children = g_list_store_new (MEDUSA_TYPE_RETURN_REASON);
}

/* A child reason: its own children are not read (the store nests one level). */
static gpointer
reason_child_new_from_json (JsonObject  *object,
                            GError     **error)
{
  return medusa_json_new_with_fields (MEDUSA_TYPE_RETURN_REASON, object, reason_fields,
                                      G_N_ELEMENTS (reason_fields), error);
}

/**
 * medusa_return_reason_new_from_json:
 * @object: a return reason of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the reason, with its children
 */
MedusaReturnReason *
medusa_return_reason_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(MedusaReturnReason) self = NULL;
  g_autoptr(GListStore) children = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = reason_child_new_from_json (object, error);
  if (self == NULL)
    return NULL;

  children = read_bounded_list (object, "return_reason_children", MEDUSA_TYPE_RETURN_REASON,
                                reason_child_new_from_json, error);
  if (children == NULL)
    return NULL;
  g_set_object (&self->children, children);

  return g_steal_pointer (&self);
}

const char *
medusa_return_reason_get_id (MedusaReturnReason *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REASON (self), NULL);
  return self->id;
}

const char *
medusa_return_reason_get_value (MedusaReturnReason *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REASON (self), NULL);
  return self->value;
}

const char *
medusa_return_reason_get_label (MedusaReturnReason *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REASON (self), NULL);
  if (self->label != NULL && *self->label != '\0')
    return self->label;
  return self->value != NULL ? self->value : self->id;
}

const char *
medusa_return_reason_get_description (MedusaReturnReason *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REASON (self), NULL);
  return self->description;
}

GListModel *
medusa_return_reason_get_children (MedusaReturnReason *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_REASON (self), NULL);
  return G_LIST_MODEL (self->children);
}

/* MedusaReturnOption */

struct _MedusaReturnOption
{
  GObject parent_instance;

  char *id;
  char *name;
  char *region_id;
  gboolean is_return;
  gint64 price;
};

G_DEFINE_FINAL_TYPE (MedusaReturnOption, medusa_return_option, G_TYPE_OBJECT)

static const MedusaJsonField option_fields[] = {
  MEDUSA_JSON_FIELD (MedusaReturnOption, id, "id", ID),
  MEDUSA_JSON_FIELD (MedusaReturnOption, name, "name", STRING),
  MEDUSA_JSON_FIELD (MedusaReturnOption, region_id, "region-id", STRING),
  MEDUSA_JSON_FIELD (MedusaReturnOption, is_return, "is-return", BOOLEAN),
};

DEFINE_FIELD_MODEL (MedusaReturnOption, medusa_return_option, RETURN_OPTION, option_fields)

static void
medusa_return_option_class_init (MedusaReturnOptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_return_option_finalize;
  object_class->get_property = medusa_return_option_get_property;
  medusa_json_install_fields (object_class, medusa_return_option_properties, 1, option_fields,
                              G_N_ELEMENTS (option_fields));
}

static void
medusa_return_option_init (MedusaReturnOption *self)
{
  self->price = -1;
}

/* An integer member, -1 when it is missing or null (medusa_json_read_int()
 * reads those as 0, which would be a free option). */
static gboolean
read_price (JsonObject  *object,
            const char  *member,
            gint64      *price,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *price = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return medusa_json_read_int (object, member, price, error);
}

/**
 * medusa_return_option_new_from_json:
 * @object: a shipping option of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the option
 */
MedusaReturnOption *
medusa_return_option_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(MedusaReturnOption) self = NULL;
  gint64 price = -1;

  g_return_val_if_fail (object != NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_RETURN_OPTION, object, option_fields,
                                      G_N_ELEMENTS (option_fields), error);
  if (self == NULL)
    return NULL;

  /* price_incl_tax is what the customer pays; amount is null for a
   * calculated price. A missing or negative price is not a price. */
  if (!read_price (object, "price_incl_tax", &price, error))
    return NULL;
  if (price < 0 && !read_price (object, "amount", &price, error))
    return NULL;
  self->price = price >= 0 ? price : -1;

  return g_steal_pointer (&self);
}

const char *
medusa_return_option_get_id (MedusaReturnOption *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_OPTION (self), NULL);
  return self->id;
}

const char *
medusa_return_option_get_name (MedusaReturnOption *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_OPTION (self), NULL);
  return self->name != NULL && *self->name != '\0' ? self->name : self->id;
}

const char *
medusa_return_option_get_region_id (MedusaReturnOption *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_OPTION (self), NULL);
  return self->region_id;
}

gboolean
medusa_return_option_get_is_return (MedusaReturnOption *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_OPTION (self), FALSE);
  return self->is_return;
}

gint64
medusa_return_option_get_price (MedusaReturnOption *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_OPTION (self), -1);
  return self->price;
}

/* MedusaReturnItem */

struct _MedusaReturnItem
{
  GObject parent_instance;

  char *item_id;
  gint64 quantity;
  char *reason_id;
  char *note;
  char *reason_label;
};

G_DEFINE_FINAL_TYPE (MedusaReturnItem, medusa_return_item, G_TYPE_OBJECT)

static const MedusaJsonField item_fields[] = {
  MEDUSA_JSON_FIELD (MedusaReturnItem, item_id, "item-id", ID),
  MEDUSA_JSON_FIELD (MedusaReturnItem, quantity, "quantity", INT),
  MEDUSA_JSON_FIELD (MedusaReturnItem, reason_id, "reason-id", STRING),
  MEDUSA_JSON_FIELD (MedusaReturnItem, note, "note", STRING),
};

DEFINE_FIELD_MODEL (MedusaReturnItem, medusa_return_item, RETURN_ITEM, item_fields)

static void
medusa_return_item_finalize_all (GObject *object)
{
  g_free (((MedusaReturnItem *) object)->reason_label);
  medusa_return_item_finalize (object);
}

static void
medusa_return_item_class_init (MedusaReturnItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_return_item_finalize_all;
  object_class->get_property = medusa_return_item_get_property;
  medusa_json_install_fields (object_class, medusa_return_item_properties, 1, item_fields,
                              G_N_ELEMENTS (item_fields));
}

static void
medusa_return_item_init (MedusaReturnItem *self)
{
}

/**
 * medusa_return_item_new_from_json:
 * @object: an item of a return
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the item
 */
MedusaReturnItem *
medusa_return_item_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(MedusaReturnItem) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_RETURN_ITEM, object, item_fields,
                                      G_N_ELEMENTS (item_fields), error);
  if (self == NULL)
    return NULL;
  if (self->quantity < 0)
    {
      g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "Negative quantity");
      return NULL;
    }
  if (!medusa_json_read_nested_string (object, "reason", "label", &self->reason_label, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
medusa_return_item_get_item_id (MedusaReturnItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM (self), NULL);
  return self->item_id;
}

gint64
medusa_return_item_get_quantity (MedusaReturnItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM (self), 0);
  return self->quantity;
}

const char *
medusa_return_item_get_reason_id (MedusaReturnItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM (self), NULL);
  return self->reason_id;
}

const char *
medusa_return_item_get_reason_label (MedusaReturnItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM (self), NULL);
  return self->reason_label;
}

const char *
medusa_return_item_get_note (MedusaReturnItem *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN_ITEM (self), NULL);
  return self->note;
}

/* MedusaReturn */

struct _MedusaReturn
{
  GObject parent_instance;

  char *id;
  char *status;
  gint64 refund_amount;
  GDateTime *created_at;
  gint64 shipping_price;
  GListStore *items; /* (owned) of MedusaReturnItem */
};

G_DEFINE_FINAL_TYPE (MedusaReturn, medusa_return, G_TYPE_OBJECT)

static const MedusaJsonField return_fields[] = {
  MEDUSA_JSON_FIELD (MedusaReturn, id, "id", ID),
  MEDUSA_JSON_FIELD (MedusaReturn, status, "status", STRING),
  MEDUSA_JSON_FIELD (MedusaReturn, refund_amount, "refund-amount", INT),
  MEDUSA_JSON_FIELD (MedusaReturn, created_at, "created-at", DATE),
};

DEFINE_FIELD_MODEL (MedusaReturn, medusa_return, RETURN, return_fields)

static void
medusa_return_dispose (GObject *object)
{
  g_clear_object (&((MedusaReturn *) object)->items);

  G_OBJECT_CLASS (medusa_return_parent_class)->dispose (object);
}

static void
medusa_return_class_init (MedusaReturnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_return_dispose;
  object_class->finalize = medusa_return_finalize;
  object_class->get_property = medusa_return_get_property;
  medusa_json_install_fields (object_class, medusa_return_properties, 1, return_fields,
                              G_N_ELEMENTS (return_fields));
}

static void
medusa_return_init (MedusaReturn *self)
{
  self->items = g_list_store_new (MEDUSA_TYPE_RETURN_ITEM);
  self->shipping_price = -1;
}

/**
 * medusa_return_new_from_json:
 * @object: a return of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the return
 */
MedusaReturn *
medusa_return_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(MedusaReturn) self = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(JsonObject) shipping = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_RETURN, object, return_fields,
                                      G_N_ELEMENTS (return_fields), error);
  if (self == NULL)
    return NULL;

  items = read_bounded_list (object, "items", MEDUSA_TYPE_RETURN_ITEM,
                             (MedusaJsonModelFunc) medusa_return_item_new_from_json, error);
  if (items == NULL)
    return NULL;
  g_set_object (&self->items, items);

  if (!medusa_json_read_object (object, "shipping_method", &shipping, error))
    return NULL;
  if (shipping != NULL)
    {
      gint64 price = -1;

      if (!medusa_json_read_int (shipping, "price", &price, error))
        return NULL;
      self->shipping_price = price >= 0 ? price : -1;
    }

  return g_steal_pointer (&self);
}

const char *
medusa_return_get_id (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), NULL);
  return self->id;
}

const char *
medusa_return_get_status (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), NULL);
  return self->status;
}

gboolean
medusa_return_is_canceled (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), FALSE);
  return g_strcmp0 (self->status, "canceled") == 0;
}

gint64
medusa_return_get_refund_amount (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), 0);
  return self->refund_amount;
}

gint64
medusa_return_get_shipping_price (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), -1);
  return self->shipping_price;
}

GDateTime *
medusa_return_get_created_at (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), NULL);
  return self->created_at;
}

GListModel *
medusa_return_get_items (MedusaReturn *self)
{
  g_return_val_if_fail (MEDUSA_IS_RETURN (self), NULL);
  return G_LIST_MODEL (self->items);
}

gint64
medusa_returns_count_item (GListModel *returns,
                           const char *item_id)
{
  gint64 total = 0;
  guint n;

  g_return_val_if_fail (returns == NULL || G_IS_LIST_MODEL (returns), 0);
  g_return_val_if_fail (item_id != NULL, 0);

  n = returns != NULL ? g_list_model_get_n_items (returns) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaReturn) ret = g_list_model_get_item (returns, i);
      GListModel *items;
      guint n_items;

      if (medusa_return_is_canceled (ret))
        continue;
      items = medusa_return_get_items (ret);
      n_items = g_list_model_get_n_items (items);
      for (guint j = 0; j < n_items; j++)
        {
          g_autoptr(MedusaReturnItem) item = g_list_model_get_item (items, j);

          /* Saturates at G_MAXINT32 (a quantity can be any gint64 ≥ 0):
           * never an overflow, and callers may subtract it. */
          if (g_strcmp0 (medusa_return_item_get_item_id (item), item_id) == 0)
            total = MIN (total + MIN (medusa_return_item_get_quantity (item), G_MAXINT32), G_MAXINT32);
        }
    }

  return total;
}

gint64
medusa_returns_left_to_return (gint64 bought,
                               gint64 asked)
{
  /* Both checked first: bought - asked overflows for a bought near
   * G_MININT64 and a positive asked, or a negative asked. */
  if (bought <= 0 || asked < 0 || bought <= asked)
    return 0;
  return bought - asked;
}
