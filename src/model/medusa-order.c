/* medusa-order.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-order.h"
#include "medusa-order-private.h"

#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-model-enums.h"
#include "medusa-money.h"
#include "medusa-refund.h"

struct _MedusaOrder
{
  GObject parent_instance;

  char *id;
  gint64 display_id;
  char *email;                    /* (nullable) */
  char *currency_code;            /* (nullable) */
  char *region_id;                /* (nullable) */
  double tax_rate;
  GDateTime *created_at;          /* (nullable) */
  GDateTime *canceled_at;         /* (nullable) */
  JsonObject *metadata;           /* (owned) (nullable) */
  gint64 subtotal;
  gint64 discount_total;
  gint64 shipping_total;
  gint64 tax_total;
  gint64 gift_card_total;
  gint64 refunded_total;
  gint64 paid_total;
  gint64 total;

  MedusaOrderStatus status;
  MedusaFulfillmentStatus fulfillment_status;
  MedusaPaymentStatus payment_status;
  char *region_name;              /* (nullable) */
  /* The lists are NULL while empty (most orders in the order list have
   * no shipping methods, fulfillments or payments: they are not asked
   * for): an empty GListStore costs about 200 bytes per order. The
   * getters create an empty one on first use. */
  GListStore *items;              /* (owned) (nullable) of MedusaLineItem */
  gint64 n_items;
  MedusaAddress *shipping_address;  /* (owned) (nullable) */
  MedusaAddress *billing_address;   /* (owned) (nullable) */
  GListStore *shipping_methods;   /* (owned) (nullable) of MedusaShippingMethod */
  GListStore *fulfillments;       /* (owned) (nullable) of MedusaFulfillment */
  GListStore *payments;           /* (owned) (nullable) of MedusaPayment */
  /* What a receipt lists besides the totals */
  GStrv discount_codes;           /* (owned) (nullable) */
  GStrv gift_card_codes;          /* (owned) (nullable) */
  GListStore *refunds;            /* (owned) (nullable) of MedusaRefund */
};

G_DEFINE_FINAL_TYPE (MedusaOrder, medusa_order, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaOrder, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (display_id, "display-id", INT),
  FIELD (email, "email", STRING),
  FIELD (currency_code, "currency-code", STRING),
  FIELD (region_id, "region-id", STRING),
  FIELD (tax_rate, "tax-rate", DOUBLE),
  FIELD (created_at, "created-at", DATE),
  FIELD (canceled_at, "canceled-at", DATE),
  FIELD (metadata, "metadata", OBJECT),
  FIELD (subtotal, "subtotal", INT),
  FIELD (discount_total, "discount-total", INT),
  FIELD (shipping_total, "shipping-total", INT),
  FIELD (tax_total, "tax-total", INT),
  FIELD (gift_card_total, "gift-card-total", INT),
  FIELD (refunded_total, "refunded-total", INT),
  FIELD (paid_total, "paid-total", INT),
  FIELD (total, "total", INT),
};

#undef FIELD

enum {
  PROP_0,
  PROP_STATUS = 1 + G_N_ELEMENTS (fields),
  PROP_FULFILLMENT_STATUS,
  PROP_PAYMENT_STATUS,
  PROP_REGION_NAME,
  PROP_ITEMS,
  PROP_N_ITEMS,
  PROP_SHIPPING_ADDRESS,
  PROP_BILLING_ADDRESS,
  PROP_SHIPPING_METHODS,
  PROP_FULFILLMENTS,
  PROP_PAYMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef guint (*StatusFromString) (const char *str);

static gboolean
read_status (JsonObject        *object,
             const char        *member,
             StatusFromString   from_string,
             guint             *out,
             GError           **error)
{
  g_autofree char *text = NULL;

  if (!medusa_json_read_string (object, member, &text, error))
    return FALSE;

  /* Unknown and missing statuses both read as *_UNKNOWN (0). */
  *out = from_string (text);
  return TRUE;
}

static gpointer
line_item_from_json (JsonObject  *object,
                     gpointer     currency_code,
                     GError     **error)
{
  return medusa_line_item_new_from_json_with_currency (object, currency_code, error);
}

static gboolean
read_list_into (JsonObject           *object,
                const char           *member,
                GType                 item_type,
                MedusaJsonModelFunc   func,
                GListStore          **store,
                GError              **error)
{
  g_autoptr(GListStore) list = medusa_json_read_list (object, member, item_type, func, error);

  if (list == NULL)
    return FALSE;

  /* An empty list is kept as NULL: the getter makes one when asked. */
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    g_clear_object (store);
  else
    g_set_object (store, list);
  return TRUE;
}

/* An empty list of @item_type in *@store if there is none yet. */
static GListModel *
ensure_store (GListStore **store,
              GType        item_type)
{
  if (*store == NULL)
    *store = g_list_store_new (item_type);
  return G_LIST_MODEL (*store);
}

/* The "code" of each object of the array @member (discounts, gift_cards),
 * empty or missing codes left out; *@out is NULL when there is none. */
static gboolean
read_codes (JsonObject   *object,
            const char   *member,
            GStrv        *out,
            GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;
  guint n;
  guint n_codes = 0;

  if (!medusa_json_read_array (object, member, &array, error))
    return FALSE;

  n = array != NULL ? json_array_get_length (array) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *code = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "An element of “%s” is not an object", member);
          return FALSE;
        }
      if (!medusa_json_read_string (json_node_get_object (element), "code", &code, error))
        return FALSE;
      if (code != NULL && *code != '\0')
        {
          g_strv_builder_add (builder, code);
          n_codes++;
        }
    }

  g_clear_pointer (out, g_strfreev);
  if (n_codes > 0)
    *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_relations (MedusaOrder  *self,
                JsonObject   *object,
                GError      **error)
{
  g_autoptr(GListStore) items = NULL;
  guint n;

  if (!read_status (object, "status", (StatusFromString) medusa_order_status_from_string,
                    &self->status, error) ||
      !read_status (object, "fulfillment_status",
                    (StatusFromString) medusa_fulfillment_status_from_string,
                    &self->fulfillment_status, error) ||
      !read_status (object, "payment_status", (StatusFromString) medusa_payment_status_from_string,
                    &self->payment_status, error))
    return FALSE;

  if (!medusa_json_read_nested_string (object, "region", "name", &self->region_name, error))
    return FALSE;

  items = medusa_json_read_list_full (object, "items", MEDUSA_TYPE_LINE_ITEM,
                                      line_item_from_json, self->currency_code, error);
  if (items == NULL)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (items)) > 0)
    g_set_object (&self->items, items);

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (!medusa_money_checked_add (self->n_items, medusa_line_item_get_quantity (item),
                                     &self->n_items))
        {
          g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                               "The quantities of “items” add up to more than a gint64");
          return FALSE;
        }
    }

  return medusa_json_read_model (object, "shipping_address",
                                 (MedusaJsonModelFunc) medusa_address_new_from_json,
                                 (gpointer *) &self->shipping_address, error) &&
         medusa_json_read_model (object, "billing_address",
                                 (MedusaJsonModelFunc) medusa_address_new_from_json,
                                 (gpointer *) &self->billing_address, error) &&
         read_list_into (object, "shipping_methods", MEDUSA_TYPE_SHIPPING_METHOD,
                         (MedusaJsonModelFunc) medusa_shipping_method_new_from_json,
                         &self->shipping_methods, error) &&
         read_list_into (object, "fulfillments", MEDUSA_TYPE_FULFILLMENT,
                         (MedusaJsonModelFunc) medusa_fulfillment_new_from_json,
                         &self->fulfillments, error) &&
         read_list_into (object, "payments", MEDUSA_TYPE_PAYMENT,
                         (MedusaJsonModelFunc) medusa_payment_new_from_json,
                         &self->payments, error) &&
         read_codes (object, "discounts", &self->discount_codes, error) &&
         read_codes (object, "gift_cards", &self->gift_card_codes, error) &&
         read_list_into (object, "refunds", MEDUSA_TYPE_REFUND,
                         (MedusaJsonModelFunc) medusa_refund_new_from_json,
                         &self->refunds, error);
}

static void
medusa_order_dispose (GObject *object)
{
  MedusaOrder *self = (MedusaOrder *) object;

  g_clear_object (&self->items);
  g_clear_object (&self->shipping_address);
  g_clear_object (&self->billing_address);
  g_clear_object (&self->shipping_methods);
  g_clear_object (&self->fulfillments);
  g_clear_object (&self->payments);
  g_clear_object (&self->refunds);

  G_OBJECT_CLASS (medusa_order_parent_class)->dispose (object);
}

static void
medusa_order_finalize (GObject *object)
{
  MedusaOrder *self = (MedusaOrder *) object;

  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->region_name, g_free);
  g_clear_pointer (&self->discount_codes, g_strfreev);
  g_clear_pointer (&self->gift_card_codes, g_strfreev);

  G_OBJECT_CLASS (medusa_order_parent_class)->finalize (object);
}

static void
medusa_order_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MedusaOrder *self = MEDUSA_ORDER (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_FULFILLMENT_STATUS:
      g_value_set_enum (value, self->fulfillment_status);
      break;
    case PROP_PAYMENT_STATUS:
      g_value_set_enum (value, self->payment_status);
      break;
    case PROP_REGION_NAME:
      g_value_set_string (value, self->region_name);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, ensure_store (&self->items, MEDUSA_TYPE_LINE_ITEM));
      break;
    case PROP_N_ITEMS:
      g_value_set_int64 (value, self->n_items);
      break;
    case PROP_SHIPPING_ADDRESS:
      g_value_set_object (value, self->shipping_address);
      break;
    case PROP_BILLING_ADDRESS:
      g_value_set_object (value, self->billing_address);
      break;
    case PROP_SHIPPING_METHODS:
      g_value_set_object (value, ensure_store (&self->shipping_methods, MEDUSA_TYPE_SHIPPING_METHOD));
      break;
    case PROP_FULFILLMENTS:
      g_value_set_object (value, ensure_store (&self->fulfillments, MEDUSA_TYPE_FULFILLMENT));
      break;
    case PROP_PAYMENTS:
      g_value_set_object (value, ensure_store (&self->payments, MEDUSA_TYPE_PAYMENT));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_class_init (MedusaOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = medusa_order_dispose;
  object_class->finalize = medusa_order_finalize;
  object_class->get_property = medusa_order_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MEDUSA_TYPE_ORDER_STATUS,
                       MEDUSA_ORDER_STATUS_UNKNOWN, flags);
  properties[PROP_FULFILLMENT_STATUS] =
    g_param_spec_enum ("fulfillment-status", NULL, NULL, MEDUSA_TYPE_FULFILLMENT_STATUS,
                       MEDUSA_FULFILLMENT_STATUS_UNKNOWN, flags);
  properties[PROP_PAYMENT_STATUS] =
    g_param_spec_enum ("payment-status", NULL, NULL, MEDUSA_TYPE_PAYMENT_STATUS,
                       MEDUSA_PAYMENT_STATUS_UNKNOWN, flags);
  properties[PROP_REGION_NAME] =
    g_param_spec_string ("region-name", NULL, NULL, NULL, flags);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_int64 ("n-items", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SHIPPING_ADDRESS] =
    g_param_spec_object ("shipping-address", NULL, NULL, MEDUSA_TYPE_ADDRESS, flags);
  properties[PROP_BILLING_ADDRESS] =
    g_param_spec_object ("billing-address", NULL, NULL, MEDUSA_TYPE_ADDRESS, flags);
  properties[PROP_SHIPPING_METHODS] =
    g_param_spec_object ("shipping-methods", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_FULFILLMENTS] =
    g_param_spec_object ("fulfillments", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_PAYMENTS] =
    g_param_spec_object ("payments", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  for (guint i = PROP_STATUS; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
medusa_order_init (MedusaOrder *self)
{
}


/**
 * medusa_order_new_from_json:
 * @object: an order object of the Store API (full, or cut down by `fields=`)
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the order
 */
MedusaOrder *
medusa_order_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(MedusaOrder) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_ORDER, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL || !read_relations (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * medusa_order_copy_summary:
 *
 * What a row of the order history shows, without the rest: the id, the
 * number, the dates, the currency, the amounts, the statuses and the number
 * of items (#MedusaOrder:n-items). The line items, addresses, shipping
 * methods, fulfillments, payments, e-mail, region and metadata are left
 * out (their getters return empty lists and %NULL): the details page
 * loads the whole order by id. About 2 KB less per order in a long list.
 *
 * Returns: (transfer full): a new order
 */
MedusaOrder *
medusa_order_copy_summary (MedusaOrder *self)
{
  MedusaOrder *copy;

  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);

  copy = g_object_new (MEDUSA_TYPE_ORDER, NULL);
  copy->id = g_strdup (self->id);
  copy->display_id = self->display_id;
  copy->currency_code = g_strdup (self->currency_code);
  copy->tax_rate = self->tax_rate;
  copy->created_at = self->created_at != NULL ? g_date_time_ref (self->created_at) : NULL;
  copy->canceled_at = self->canceled_at != NULL ? g_date_time_ref (self->canceled_at) : NULL;
  copy->subtotal = self->subtotal;
  copy->discount_total = self->discount_total;
  copy->shipping_total = self->shipping_total;
  copy->tax_total = self->tax_total;
  copy->gift_card_total = self->gift_card_total;
  copy->refunded_total = self->refunded_total;
  copy->paid_total = self->paid_total;
  copy->total = self->total;
  copy->status = self->status;
  copy->fulfillment_status = self->fulfillment_status;
  copy->payment_status = self->payment_status;
  copy->n_items = self->n_items;

  return copy;
}

MedusaOrder *
_medusa_order_new_summary (MedusaOrderSummaryFields *summary)
{
  MedusaOrder *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (MEDUSA_TYPE_ORDER, NULL);
  self->id = g_steal_pointer (&summary->id);
  self->display_id = summary->display_id;
  self->currency_code = g_steal_pointer (&summary->currency_code);
  self->tax_rate = summary->tax_rate;
  self->created_at = g_steal_pointer (&summary->created_at);
  self->canceled_at = g_steal_pointer (&summary->canceled_at);
  self->subtotal = summary->subtotal;
  self->discount_total = summary->discount_total;
  self->shipping_total = summary->shipping_total;
  self->tax_total = summary->tax_total;
  self->gift_card_total = summary->gift_card_total;
  self->refunded_total = summary->refunded_total;
  self->paid_total = summary->paid_total;
  self->total = summary->total;
  self->status = summary->status;
  self->fulfillment_status = summary->fulfillment_status;
  self->payment_status = summary->payment_status;
  self->n_items = summary->n_items;

  return self;
}

const char *
medusa_order_get_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->id;
}

gint64
medusa_order_get_display_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->display_id;
}

MedusaOrderStatus
medusa_order_get_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), MEDUSA_ORDER_STATUS_UNKNOWN);
  return self->status;
}

MedusaFulfillmentStatus
medusa_order_get_fulfillment_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), MEDUSA_FULFILLMENT_STATUS_UNKNOWN);
  return self->fulfillment_status;
}

MedusaPaymentStatus
medusa_order_get_payment_status (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), MEDUSA_PAYMENT_STATUS_UNKNOWN);
  return self->payment_status;
}

const char *
medusa_order_get_email (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->email;
}

const char *
medusa_order_get_currency_code (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->currency_code;
}

const char *
medusa_order_get_region_id (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->region_id;
}

const char *
medusa_order_get_region_name (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->region_name;
}

double
medusa_order_get_tax_rate (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0.0);
  return self->tax_rate;
}

GDateTime *
medusa_order_get_created_at (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->created_at;
}

GDateTime *
medusa_order_get_canceled_at (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->canceled_at;
}

JsonObject *
medusa_order_get_metadata (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->metadata;
}

GListModel *
medusa_order_get_items (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return ensure_store (&self->items, MEDUSA_TYPE_LINE_ITEM);
}

gint64
medusa_order_get_n_items (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->n_items;
}

MedusaAddress *
medusa_order_get_shipping_address (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->shipping_address;
}

MedusaAddress *
medusa_order_get_billing_address (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return self->billing_address;
}

GListModel *
medusa_order_get_shipping_methods (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return ensure_store (&self->shipping_methods, MEDUSA_TYPE_SHIPPING_METHOD);
}

GListModel *
medusa_order_get_fulfillments (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return ensure_store (&self->fulfillments, MEDUSA_TYPE_FULFILLMENT);
}

GListModel *
medusa_order_get_payments (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return ensure_store (&self->payments, MEDUSA_TYPE_PAYMENT);
}

gint64
medusa_order_get_subtotal (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->subtotal;
}

gint64
medusa_order_get_discount_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->discount_total;
}

gint64
medusa_order_get_shipping_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->shipping_total;
}

gint64
medusa_order_get_tax_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->tax_total;
}

gint64
medusa_order_get_gift_card_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->gift_card_total;
}

gint64
medusa_order_get_refunded_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->refunded_total;
}

gint64
medusa_order_get_paid_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->paid_total;
}

gint64
medusa_order_get_total (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), 0);
  return self->total;
}

/* Receipts */

static const char * const no_codes[] = { NULL };

/**
 * medusa_order_get_discount_codes:
 *
 * Returns: (transfer none): the codes of the order's discounts (never NULL)
 */
const char * const *
medusa_order_get_discount_codes (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), no_codes);
  return self->discount_codes != NULL ? (const char * const *) self->discount_codes : no_codes;
}

/**
 * medusa_order_get_gift_card_codes:
 *
 * Returns: (transfer none): the codes of the gift cards paid with (never NULL)
 */
const char * const *
medusa_order_get_gift_card_codes (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), no_codes);
  return self->gift_card_codes != NULL ? (const char * const *) self->gift_card_codes : no_codes;
}

/**
 * medusa_order_get_refunds:
 *
 * Returns: (transfer none): a #GListModel of #MedusaRefund (never NULL)
 */
GListModel *
medusa_order_get_refunds (MedusaOrder *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER (self), NULL);
  return ensure_store (&self->refunds, MEDUSA_TYPE_REFUND);
}
