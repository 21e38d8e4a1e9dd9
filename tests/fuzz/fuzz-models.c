/* fuzz-models.c: network JSON → every model, and what the UI reads of them
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is an answer body, parsed with medusa_json_parse() as the client
 * does. Every model constructor is fed the root object, each object member of
 * the root ({"customer": {...}}, {"order": {...}}) and each object in an array
 * member of the root ({"orders": [...]}, {"regions": [...]}), plus the
 * client's own unwrapping (_medusa_client_parse_model) and list reading. For
 * each model that is built, the getters and formatters the pages call are
 * run (money in three locales, status labels, dates, display names, address
 * lines, card summaries, the address payload the editor builds) and every
 * GObject property is read, as bindings do.
 *
 * Checks: a constructor returns a model or a MEDUSA_ERROR_PARSE, never both
 * or neither; every string a page shows is valid UTF-8; totals format.
 */
#define G_LOG_DOMAIN "FuzzModels"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "medusa-address.h"
#include "medusa-client-private.h"
#include "medusa-customer.h"
#include "medusa-enums.h"
#include "medusa-error.h"
#include "medusa-fulfillment.h"
#include "medusa-guest-orders-private.h"
#include "medusa-json.h"
#include "medusa-line-item.h"
#include "medusa-money.h"
#include "medusa-order-page.h"
#include "medusa-order-v2.h"
#include "medusa-order.h"
#include "medusa-payloads.h"
#include "medusa-payment-method.h"
#include "medusa-payment.h"
#include "medusa-refund.h"
#include "medusa-region.h"
#include "medusa-return.h"
#include "medusa-dialect-private.h"
#include "medusa-returns-private.h"
#include "medusa-shipping-method.h"

/* At most this many objects of one answer are fed to the constructors
 * (an order list fixture has a few dozen). */
#define MAX_CANDIDATES 64

static void exercise_object (GObject *object);

/* Helpers */

static void
check_string (const char *str,
              const char *what)
{
  FUZZ_CHECK_UTF8 (str, what);
}

static void
check_money (gint64      amount,
             const char *currency)
{
  g_autofree char *text = medusa_money_format (amount, currency);

  FUZZ_CHECK (text != NULL && *text != '\0', "medusa_money_format gave nothing");
  FUZZ_CHECK_UTF8 (text, "a formatted amount");
}

/* As medusa_ui_format_date() and the details page show dates. */
static void
check_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *iso = NULL;

  if (when == NULL)
    return;

  local = g_date_time_to_local (when);
  FUZZ_CHECK (local != NULL, "a model date cannot be made local");
  shown = g_date_time_format (local, "%-d %b %Y");
  FUZZ_CHECK (shown != NULL, "a model date cannot be formatted");
  FUZZ_CHECK_UTF8 (shown, "a formatted date");
  iso = g_date_time_format_iso8601 (when);
  FUZZ_CHECK (iso != NULL, "a model date has no ISO 8601 form");
}

static void
check_list (GListModel *list,
            GType       item_type)
{
  guint n;

  FUZZ_CHECK (list != NULL, "a list getter returned NULL");
  FUZZ_CHECK (g_type_is_a (g_list_model_get_item_type (list), item_type), "a list of the wrong type");
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      FUZZ_CHECK (item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, item_type), "a list item of the wrong type");
      exercise_object (item);
    }
  FUZZ_CHECK (g_list_model_get_item (list, n) == NULL, "an item past the end of a list");
}

static void
check_codes (const char * const *codes,
             const char         *what)
{
  FUZZ_CHECK (codes != NULL, "no %s list", what);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      FUZZ_CHECK (*codes[i] != '\0', "an empty %s", what);
      check_string (codes[i], what);
    }
}

/* What a GtkExpression or g_object_bind_property reads. */
static void
read_all_properties (GObject *object)
{
  guint n_props = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

  for (guint i = 0; i < n_props; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        check_string (g_value_get_string (&value), pspecs[i]->name);
    }
}

/* Per model: what src/ui calls */

static void
exercise_status_labels (MedusaOrderStatus       status,
                        MedusaFulfillmentStatus fulfillment,
                        MedusaPaymentStatus     payment)
{
  const char *label;

  label = medusa_order_status_to_label (status);
  FUZZ_CHECK (label != NULL, "no order status label");
  check_string (label, "an order status label");
  label = medusa_fulfillment_status_to_label (fulfillment);
  FUZZ_CHECK (label != NULL, "no fulfillment status label");
  check_string (label, "a fulfillment status label");
  label = medusa_payment_status_to_label (payment);
  FUZZ_CHECK (label != NULL, "no payment status label");
  check_string (label, "a payment status label");

  /* The API's spelling round-trips (UNKNOWN has none). */
  if (status != MEDUSA_ORDER_STATUS_UNKNOWN)
    FUZZ_CHECK (medusa_order_status_from_string (medusa_order_status_to_string (status)) == status,
                "order status does not round-trip");
  if (fulfillment != MEDUSA_FULFILLMENT_STATUS_UNKNOWN)
    FUZZ_CHECK (medusa_fulfillment_status_from_string (medusa_fulfillment_status_to_string (fulfillment)) == fulfillment,
                "fulfillment status does not round-trip");
  if (payment != MEDUSA_PAYMENT_STATUS_UNKNOWN)
    FUZZ_CHECK (medusa_payment_status_from_string (medusa_payment_status_to_string (payment)) == payment,
                "payment status does not round-trip");
}

static void
exercise_address (MedusaAddress *address)
{
  static const char * const fields[] = {
    "first_name", "last_name", "company", "address_1", "address_2",
    "city", "country_code", "province", "postal_code", "phone",
  };
  const char *values[G_N_ELEMENTS (fields)];
  g_autofree char *full_name = NULL;
  g_autofree char *multiline = NULL;
  g_autofree char *one_line = NULL;
  g_autoptr(MedusaAddressInput) input = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_auto(GStrv) missing = NULL;

  values[0] = medusa_address_get_first_name (address);
  values[1] = medusa_address_get_last_name (address);
  values[2] = medusa_address_get_company (address);
  values[3] = medusa_address_get_address_1 (address);
  values[4] = medusa_address_get_address_2 (address);
  values[5] = medusa_address_get_city (address);
  values[6] = medusa_address_get_country_code (address);
  values[7] = medusa_address_get_province (address);
  values[8] = medusa_address_get_postal_code (address);
  values[9] = medusa_address_get_phone (address);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    check_string (values[i], fields[i]);
  check_string (medusa_address_get_id (address), "address id");
  check_string (medusa_address_get_customer_id (address), "address customer_id");
  check_date (medusa_address_get_created_at (address));
  check_date (medusa_address_get_updated_at (address));
  (void) medusa_address_get_metadata (address);

  full_name = medusa_address_dup_full_name (address);
  check_string (full_name, "address full name");
  multiline = medusa_address_format_multiline (address);
  check_string (multiline, "multi-line address");
  one_line = medusa_address_format_one_line (address);
  check_string (one_line, "one-line address");
  FUZZ_CHECK (medusa_address_same_place (address, address), "an address is not at its own place");

  /* The address editor: every field of the shown address into a payload. */
  input = medusa_address_input_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    medusa_address_input_set (input, fields[i], values[i] != NULL ? values[i] : "");
  missing = medusa_address_input_missing_required (input);
  payload = medusa_address_input_to_json (input);
  FUZZ_CHECK (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload), "the address payload is not an object");
  {
    g_autofree char *body = json_to_string (payload, FALSE);

    FUZZ_CHECK_UTF8 (body, "the address payload");
  }
}

static void
exercise_line_item (MedusaLineItem *item)
{
  const char *currency = medusa_line_item_get_currency_code (item);

  check_string (medusa_line_item_get_id (item), "line item id");
  check_string (medusa_line_item_get_title (item), "line item title");
  check_string (medusa_line_item_get_description (item), "line item description");
  check_string (medusa_line_item_get_variant_title (item), "line item variant title");
  check_string (medusa_line_item_get_thumbnail (item), "line item thumbnail");
  check_string (currency, "line item currency");
  (void) medusa_line_item_get_quantity (item);
  check_money (medusa_line_item_get_unit_price (item), currency);
  check_money (medusa_line_item_get_subtotal (item), currency);
  check_money (medusa_line_item_get_total (item), currency);
  check_money (medusa_line_item_get_tax_total (item), currency);
  check_money (medusa_line_item_get_discount_total (item), currency);
}

static void
exercise_tracking_link (MedusaTrackingLink *link)
{
  check_string (medusa_tracking_link_get_tracking_number (link), "tracking number");
  check_string (medusa_tracking_link_get_url (link), "tracking url");
}

static void
exercise_fulfillment (MedusaFulfillment *fulfillment)
{
  check_string (medusa_fulfillment_get_id (fulfillment), "fulfillment id");
  check_date (medusa_fulfillment_get_created_at (fulfillment));
  check_date (medusa_fulfillment_get_shipped_at (fulfillment));
  check_date (medusa_fulfillment_get_canceled_at (fulfillment));
  (void) medusa_fulfillment_get_n_items (fulfillment);
  check_list (medusa_fulfillment_get_tracking_links (fulfillment), MEDUSA_TYPE_TRACKING_LINK);
}

static void
exercise_payment (MedusaPayment *payment)
{
  const char *currency = medusa_payment_get_currency_code (payment);
  g_autofree char *provider = medusa_payment_provider_dup_name (medusa_payment_get_provider_id (payment));

  check_string (medusa_payment_get_id (payment), "payment id");
  check_string (currency, "payment currency");
  check_string (provider, "payment provider name");
  check_money (medusa_payment_get_amount (payment), currency);
  check_money (medusa_payment_get_amount_refunded (payment), currency);
  check_date (medusa_payment_get_captured_at (payment));
  check_date (medusa_payment_get_canceled_at (payment));
}

static void
exercise_payment_method (MedusaPaymentMethod *method)
{
  g_autofree char *summary = medusa_payment_method_dup_summary (method);
  g_autofree char *provider = medusa_payment_provider_dup_name (medusa_payment_method_get_provider_id (method));

  FUZZ_CHECK (summary != NULL, "a payment method without a summary");
  check_string (summary, "payment method summary");
  check_string (provider, "payment method provider name");
  (void) medusa_payment_method_get_data (method);
}

static void
exercise_shipping_method (MedusaShippingMethod *method,
                          const char           *currency)
{
  check_string (medusa_shipping_method_get_id (method), "shipping method id");
  check_string (medusa_shipping_method_get_name (method), "shipping method name");
  check_money (medusa_shipping_method_get_price (method), currency);
  check_money (medusa_shipping_method_get_total (method), currency);
}

static void
exercise_order (MedusaOrder *order)
{
  const char *currency = medusa_order_get_currency_code (order);
  g_autofree char *display_id = g_strdup_printf ("#%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
  GListModel *methods;
  MedusaAddress *address;

  check_string (medusa_order_get_id (order), "order id");
  check_string (display_id, "order display id");
  check_string (medusa_order_get_email (order), "order email");
  check_string (currency, "order currency");
  check_string (medusa_order_get_region_id (order), "order region id");
  check_string (medusa_order_get_region_name (order), "order region name");
  (void) medusa_order_get_tax_rate (order);
  (void) medusa_order_get_metadata (order);
  check_date (medusa_order_get_created_at (order));
  check_date (medusa_order_get_canceled_at (order));
  exercise_status_labels (medusa_order_get_status (order),
                          medusa_order_get_fulfillment_status (order),
                          medusa_order_get_payment_status (order));

  check_money (medusa_order_get_subtotal (order), currency);
  check_money (medusa_order_get_discount_total (order), currency);
  check_money (medusa_order_get_shipping_total (order), currency);
  check_money (medusa_order_get_tax_total (order), currency);
  check_money (medusa_order_get_gift_card_total (order), currency);
  check_money (medusa_order_get_refunded_total (order), currency);
  check_money (medusa_order_get_paid_total (order), currency);
  check_money (medusa_order_get_total (order), currency);
  (void) medusa_order_get_n_items (order);

  check_list (medusa_order_get_items (order), MEDUSA_TYPE_LINE_ITEM);
  check_list (medusa_order_get_fulfillments (order), MEDUSA_TYPE_FULFILLMENT);
  check_list (medusa_order_get_payments (order), MEDUSA_TYPE_PAYMENT);
  check_list (medusa_order_get_refunds (order), MEDUSA_TYPE_REFUND);
  check_codes (medusa_order_get_discount_codes (order), "discount code");
  check_codes (medusa_order_get_gift_card_codes (order), "gift card code");
  for (guint i = 0; i < g_list_model_get_n_items (medusa_order_get_refunds (order)); i++)
    {
      g_autoptr(MedusaRefund) refund = g_list_model_get_item (medusa_order_get_refunds (order), i);

      /* the receipt shows refunds in the order's currency */
      check_money (medusa_refund_get_amount (refund), currency);
    }
  methods = medusa_order_get_shipping_methods (order);
  check_list (methods, MEDUSA_TYPE_SHIPPING_METHOD);
  for (guint i = 0; i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr(MedusaShippingMethod) method = g_list_model_get_item (methods, i);

      /* the details page shows shipping in the order's currency */
      exercise_shipping_method (method, currency);
    }

  if ((address = medusa_order_get_shipping_address (order)) != NULL)
    exercise_object (G_OBJECT (address));
  if ((address = medusa_order_get_billing_address (order)) != NULL)
    exercise_object (G_OBJECT (address));
  if (medusa_order_get_shipping_address (order) != NULL && medusa_order_get_billing_address (order) != NULL)
    (void) medusa_address_same_place (medusa_order_get_shipping_address (order),
                                      medusa_order_get_billing_address (order));
}

static void
exercise_customer (MedusaCustomer *customer)
{
  g_autofree char *name = medusa_customer_dup_display_name (customer);
  GListModel *addresses = medusa_customer_get_shipping_addresses (customer);
  MedusaAddress *billing = medusa_customer_get_billing_address (customer);

  FUZZ_CHECK (name != NULL, "a customer without a display name");
  check_string (name, "customer display name");
  check_string (medusa_customer_get_id (customer), "customer id");
  check_string (medusa_customer_get_email (customer), "customer email");
  check_string (medusa_customer_get_first_name (customer), "customer first name");
  check_string (medusa_customer_get_last_name (customer), "customer last name");
  check_string (medusa_customer_get_phone (customer), "customer phone");
  check_string (medusa_customer_get_billing_address_id (customer), "customer billing address id");
  (void) medusa_customer_get_has_account (customer);
  (void) medusa_customer_get_metadata (customer);
  (void) medusa_customer_get_n_orders (customer);
  (void) medusa_customer_has_orders_info (customer);
  check_date (medusa_customer_get_created_at (customer));
  check_date (medusa_customer_get_updated_at (customer));

  check_list (addresses, MEDUSA_TYPE_ADDRESS);
  if (billing != NULL)
    exercise_object (G_OBJECT (billing));
  (void) medusa_customer_find_address (customer, medusa_customer_get_billing_address_id (customer));
  for (guint i = 0; i < g_list_model_get_n_items (addresses); i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);
      MedusaAddress *found = medusa_customer_find_address (customer, medusa_address_get_id (address));

      FUZZ_CHECK (found != NULL, "find_address misses an address of the list");
      if (billing != NULL)
        (void) medusa_address_same_place (address, billing);
    }
}

static void
exercise_region (MedusaRegion *region)
{
  check_string (medusa_region_get_id (region), "region id");
  check_string (medusa_region_get_name (region), "region name");
  check_string (medusa_region_get_currency_code (region), "region currency");
  check_list (medusa_region_get_countries (region), MEDUSA_TYPE_COUNTRY);
}

static void
exercise_country (MedusaCountry *country)
{
  const char *name = medusa_country_get_display_name (country);

  check_string (medusa_country_get_iso_2 (country), "country iso_2");
  check_string (name, "country display name");
}

static void
exercise_order_page (MedusaOrderPage *page)
{
  check_list (medusa_order_page_get_orders (page), MEDUSA_TYPE_ORDER);
  (void) medusa_order_page_get_count (page);
  (void) medusa_order_page_get_offset (page);
  (void) medusa_order_page_get_limit (page);
}

static void
exercise_refund (MedusaRefund *refund)
{
  check_string (medusa_refund_get_id (refund), "refund id");
  check_string (medusa_refund_get_reason (refund), "refund reason");
  check_string (medusa_refund_get_note (refund), "refund note");
  check_money (medusa_refund_get_amount (refund), NULL);
  check_date (medusa_refund_get_created_at (refund));
}

static void
exercise_return_reason (MedusaReturnReason *reason)
{
  const char *label = medusa_return_reason_get_label (reason);

  FUZZ_CHECK (medusa_return_reason_get_id (reason) != NULL && *medusa_return_reason_get_id (reason) != '\0',
              "a return reason without an id");
  FUZZ_CHECK (label != NULL && *label != '\0', "a return reason without a label to show");
  check_string (label, "return reason label");
  check_string (medusa_return_reason_get_value (reason), "return reason value");
  check_string (medusa_return_reason_get_description (reason), "return reason description");
  check_list (medusa_return_reason_get_children (reason), MEDUSA_TYPE_RETURN_REASON);
}

/* The header: price_incl_tax when the store sends it, else amount; -1: unknown. */
static gboolean
int_member (JsonObject *object,
            const char *member,
            gint64     *out,
            gboolean   *other)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  *other = TRUE;
  return FALSE;
}

static void
exercise_return_option (MedusaReturnOption *option,
                        JsonObject         *json)
{
  gint64 price = medusa_return_option_get_price (option);

  FUZZ_CHECK (medusa_return_option_get_name (option) != NULL, "a return option without a name to show");
  check_string (medusa_return_option_get_name (option), "return option name");
  check_string (medusa_return_option_get_region_id (option), "return option region");
  (void) medusa_return_option_get_is_return (option);
  FUZZ_CHECK (price >= -1, "a return option price of %" G_GINT64_FORMAT, price);
  check_money (price, NULL);

  if (json != NULL)
    {
      gint64 incl = -1, amount = -1, expected;
      gboolean other = FALSE;
      gboolean has_incl = int_member (json, "price_incl_tax", &incl, &other);
      gboolean has_amount = int_member (json, "amount", &amount, &other);

      expected = has_incl && incl >= 0 ? incl : has_amount && amount >= 0 ? amount : -1;
      if (!other)
        FUZZ_CHECK (price == expected, "a return option costs %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT
                    " (price_incl_tax %s, amount %s)", price, expected,
                    has_incl ? "sent" : "not sent", has_amount ? "sent" : "not sent");
    }
}

static void
exercise_return_item (MedusaReturnItem *item)
{
  FUZZ_CHECK (medusa_return_item_get_quantity (item) >= 0, "a negative return quantity");
  check_string (medusa_return_item_get_item_id (item), "return item id");
  check_string (medusa_return_item_get_reason_id (item), "return item reason");
  check_string (medusa_return_item_get_reason_label (item), "return item reason label");
  check_string (medusa_return_item_get_note (item), "return item note");
}

static void
exercise_return (MedusaReturn *ret)
{
  GListModel *items = medusa_return_get_items (ret);
  g_autoptr(GListStore) returns = g_list_store_new (MEDUSA_TYPE_RETURN);

  check_string (medusa_return_get_id (ret), "return id");
  check_string (medusa_return_get_status (ret), "return status");
  FUZZ_CHECK (medusa_return_is_canceled (ret) == (g_strcmp0 (medusa_return_get_status (ret), "canceled") == 0),
              "canceled and the status disagree");
  check_money (medusa_return_get_refund_amount (ret), NULL);
  FUZZ_CHECK (medusa_return_get_shipping_price (ret) >= -1, "a return shipping price below -1");
  check_date (medusa_return_get_created_at (ret));
  check_list (items, MEDUSA_TYPE_RETURN_ITEM);

  /* What the return dialog counts as already asked back, per item */
  g_list_store_append (returns, ret);
  g_list_store_append (returns, ret);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MedusaReturnItem) item = g_list_model_get_item (items, i);
      gint64 count = medusa_returns_count_item (G_LIST_MODEL (returns), medusa_return_item_get_item_id (item));

      FUZZ_CHECK (count >= 0, "a negative count of returned items");
    }
}

static void
exercise_object (GObject *object)
{
  read_all_properties (object);

  if (MEDUSA_IS_CUSTOMER (object))
    exercise_customer (MEDUSA_CUSTOMER (object));
  else if (MEDUSA_IS_ADDRESS (object))
    exercise_address (MEDUSA_ADDRESS (object));
  else if (MEDUSA_IS_ORDER (object))
    {
      /* and what the order list keeps of it */
      g_autoptr(MedusaOrder) summary = medusa_order_copy_summary (MEDUSA_ORDER (object));

      exercise_order (MEDUSA_ORDER (object));
      read_all_properties (G_OBJECT (summary));
      exercise_order (summary);
    }
  else if (MEDUSA_IS_LINE_ITEM (object))
    exercise_line_item (MEDUSA_LINE_ITEM (object));
  else if (MEDUSA_IS_FULFILLMENT (object))
    exercise_fulfillment (MEDUSA_FULFILLMENT (object));
  else if (MEDUSA_IS_TRACKING_LINK (object))
    exercise_tracking_link (MEDUSA_TRACKING_LINK (object));
  else if (MEDUSA_IS_PAYMENT (object))
    exercise_payment (MEDUSA_PAYMENT (object));
  else if (MEDUSA_IS_PAYMENT_METHOD (object))
    exercise_payment_method (MEDUSA_PAYMENT_METHOD (object));
  else if (MEDUSA_IS_SHIPPING_METHOD (object))
    exercise_shipping_method (MEDUSA_SHIPPING_METHOD (object), NULL);
  else if (MEDUSA_IS_REGION (object))
    exercise_region (MEDUSA_REGION (object));
  else if (MEDUSA_IS_COUNTRY (object))
    exercise_country (MEDUSA_COUNTRY (object));
  else if (MEDUSA_IS_ORDER_PAGE (object))
    exercise_order_page (MEDUSA_ORDER_PAGE (object));
  else if (MEDUSA_IS_REFUND (object))
    exercise_refund (MEDUSA_REFUND (object));
  else if (MEDUSA_IS_RETURN_REASON (object))
    exercise_return_reason (MEDUSA_RETURN_REASON (object));
  else if (MEDUSA_IS_RETURN_OPTION (object))
    exercise_return_option (MEDUSA_RETURN_OPTION (object), NULL);
  else if (MEDUSA_IS_RETURN_ITEM (object))
    exercise_return_item (MEDUSA_RETURN_ITEM (object));
  else if (MEDUSA_IS_RETURN (object))
    exercise_return (MEDUSA_RETURN (object));
  else
    FUZZ_CHECK (FALSE, "a model of an unexpected type %s", G_OBJECT_TYPE_NAME (object));
}

/* Constructors */

static gpointer
line_item_with_currency (JsonObject  *object,
                         GError     **error)
{
  return medusa_line_item_new_from_json_with_currency (object, "eur", error);
}

static const struct
{
  const char          *name;
  MedusaJsonModelFunc  func;
  GType              (*get_type) (void);
} constructors[] = {
  { "customer", (MedusaJsonModelFunc) medusa_customer_new_from_json, medusa_customer_get_type },
  { "address", (MedusaJsonModelFunc) medusa_address_new_from_json, medusa_address_get_type },
  { "order", (MedusaJsonModelFunc) medusa_order_new_from_json, medusa_order_get_type },
  { "line item", (MedusaJsonModelFunc) medusa_line_item_new_from_json, medusa_line_item_get_type },
  { "line item (eur)", line_item_with_currency, medusa_line_item_get_type },
  { "fulfillment", (MedusaJsonModelFunc) medusa_fulfillment_new_from_json, medusa_fulfillment_get_type },
  { "tracking link", (MedusaJsonModelFunc) medusa_tracking_link_new_from_json, medusa_tracking_link_get_type },
  { "payment", (MedusaJsonModelFunc) medusa_payment_new_from_json, medusa_payment_get_type },
  { "payment method", (MedusaJsonModelFunc) medusa_payment_method_new_from_json, medusa_payment_method_get_type },
  { "shipping method", (MedusaJsonModelFunc) medusa_shipping_method_new_from_json, medusa_shipping_method_get_type },
  { "region", (MedusaJsonModelFunc) medusa_region_new_from_json, medusa_region_get_type },
  { "country", (MedusaJsonModelFunc) medusa_country_new_from_json, medusa_country_get_type },
  { "order page", (MedusaJsonModelFunc) medusa_order_page_new_from_json, medusa_order_page_get_type },
  { "order (v2)", (MedusaJsonModelFunc) medusa_order_new_from_v2_json, medusa_order_get_type },
  { "order page (v2)", (MedusaJsonModelFunc) medusa_order_page_new_from_v2_json, medusa_order_page_get_type },
  { "refund", (MedusaJsonModelFunc) medusa_refund_new_from_json, medusa_refund_get_type },
  { "return reason", (MedusaJsonModelFunc) medusa_return_reason_new_from_json, medusa_return_reason_get_type },
  { "return option", (MedusaJsonModelFunc) medusa_return_option_new_from_json, medusa_return_option_get_type },
  { "return item", (MedusaJsonModelFunc) medusa_return_item_new_from_json, medusa_return_item_get_type },
  { "return", (MedusaJsonModelFunc) medusa_return_new_from_json, medusa_return_get_type },
};

/* A constructor's contract: a model of its type, or NULL with a PARSE error. */
static void
check_built (gpointer      model,
             GError       *error,
             GType         type,
             const char   *what)
{
  if (model == NULL)
    {
      FUZZ_CHECK (error != NULL, "%s: no model and no error", what);
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE),
                  "%s: an error that is not MEDUSA_ERROR_PARSE: %s", what, error->message);
      FUZZ_CHECK_UTF8 (error->message, "a parse error message");
      return;
    }

  FUZZ_CHECK (error == NULL, "%s: a model and an error", what);
  FUZZ_CHECK (G_TYPE_CHECK_INSTANCE_TYPE (model, type), "%s: a model of the wrong type", what);
  exercise_object (model);
}

static void
build_all (JsonObject *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (constructors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = constructors[i].func (object, &error);

      check_built (model, error, constructors[i].get_type (), constructors[i].name);
      if (model != NULL && MEDUSA_IS_RETURN_OPTION (model))
        exercise_return_option (MEDUSA_RETURN_OPTION (model), object);
    }
}

/* The answers of the guest order and return routes, read as their callbacks
 * do (medusa-guest-orders.c, medusa-returns.c). */
static void
build_as_routes (JsonNode *root)
{
  const char *first_id = "order_01";
  const char *region_id = "reg_01";

  /* the ids the request would have asked for: the first order's, the first option's region */
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *orders = json_object_get_member (json_node_get_object (root), "orders");
      JsonNode *options = json_object_get_member (json_node_get_object (root), "shipping_options");

      if (orders != NULL && JSON_NODE_HOLDS_ARRAY (orders) && json_array_get_length (json_node_get_array (orders)) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (orders), 0)))
        {
          JsonNode *id = json_object_get_member (json_node_get_object (json_array_get_element (json_node_get_array (orders), 0)), "id");

          if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            first_id = json_node_get_string (id);
        }
      if (options != NULL && JSON_NODE_HOLDS_ARRAY (options) && json_array_get_length (json_node_get_array (options)) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (options), 0)))
        {
          JsonNode *id = json_object_get_member (json_node_get_object (json_array_get_element (json_node_get_array (options), 0)), "region_id");

          if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            region_id = json_node_get_string (id);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *owner_id = NULL;
    gboolean has_account = FALSE;
    g_autoptr(MedusaOrder) order = _medusa_guest_order_parse_lookup (root, &has_account, &owner_id, &error);

    check_built (order, error, MEDUSA_TYPE_ORDER, "guest order lookup");
    if (order == NULL)
      FUZZ_CHECK (owner_id == NULL, "an owner without an order");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListStore) options = _medusa_returns_parse_options (root, region_id, &error);

    if (options == NULL)
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE), "return options: no list, no PARSE error");
    else
      {
        check_list (G_LIST_MODEL (options), MEDUSA_TYPE_RETURN_OPTION);
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (options)); i++)
          {
            g_autoptr(MedusaReturnOption) option = g_list_model_get_item (G_LIST_MODEL (options), i);
            const char *option_region = medusa_return_option_get_region_id (option);

            FUZZ_CHECK (medusa_return_option_get_is_return (option), "an outbound option offered for a return");
            FUZZ_CHECK (option_region == NULL || strcmp (option_region, region_id) == 0,
                        "an option of another region offered");
          }
        FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (options)) <= MEDUSA_RETURN_MAX_LIST, "too many options");
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListStore) returns = _medusa_returns_parse_order_returns (root, first_id, &error);

    if (returns == NULL)
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE) ||
                  g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND),
                  "an order's returns: no list, no PARSE or NOT_FOUND error");
    else
      check_list (G_LIST_MODEL (returns), MEDUSA_TYPE_RETURN);
  }
  /* Medusa v2 (medusa-returns-v2.c): return options by rule, the order's
   * asked-back counts, the answer's return read into v1's shape. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListStore) options = _medusa_v2_returns_parse_options (root, "eur", &error);

    if (options == NULL)
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE), "v2 return options: no list, no PARSE error");
    else
      {
        check_list (G_LIST_MODEL (options), MEDUSA_TYPE_RETURN_OPTION);
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (options)); i++)
          {
            g_autoptr(MedusaReturnOption) option = g_list_model_get_item (G_LIST_MODEL (options), i);

            FUZZ_CHECK (medusa_return_option_get_is_return (option), "v2: an outbound option offered for a return");
          }
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListStore) returns = _medusa_v2_returns_parse_order_summary (root, first_id != NULL ? first_id : "order_x",
                                                                           &error);

    if (returns == NULL)
      FUZZ_CHECK (error != NULL && error->domain == MEDUSA_ERROR, "v2 asked-back counts: no list, no error");
    else
      {
        check_list (G_LIST_MODEL (returns), MEDUSA_TYPE_RETURN);
        FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (returns)) <= 2, "v2: more than two summaries");
      }
  }
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) v1 = _medusa_v2_normalize_return_json (json_node_get_object (root), &error);

      if (v1 == NULL)
        FUZZ_CHECK (error != NULL && error->domain == MEDUSA_ERROR, "v2 return: no object, no error");
      else
        {
          g_autoptr(GError) model_error = NULL;
          g_autoptr(MedusaReturn) ret = medusa_return_new_from_json (v1, &model_error);

          FUZZ_CHECK (ret != NULL || model_error != NULL, "v2 return: no model, no error");
        }
    }
}

/* What the client does with an answer's root (medusa-client.c decode_body). */
static void
build_as_client (JsonNode *root)
{
  static const struct
  {
    const char          *member;
    MedusaJsonModelFunc  func;
    GType              (*get_type) (void);
  } models[] = {
    { "customer", (MedusaJsonModelFunc) medusa_customer_new_from_json, medusa_customer_get_type },
    { "order", (MedusaJsonModelFunc) medusa_order_new_from_json, medusa_order_get_type },
    { NULL, (MedusaJsonModelFunc) medusa_order_page_new_from_json, medusa_order_page_get_type },
  }, lists[] = {
    { "payment_methods", (MedusaJsonModelFunc) medusa_payment_method_new_from_json, medusa_payment_method_get_type },
    { "regions", (MedusaJsonModelFunc) medusa_region_new_from_json, medusa_region_get_type },
    { "orders", (MedusaJsonModelFunc) medusa_order_new_from_json, medusa_order_get_type },
    { "return_reasons", (MedusaJsonModelFunc) medusa_return_reason_new_from_json, medusa_return_reason_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = _medusa_client_parse_model (root, models[i].member, models[i].func, &error);

      check_built (model, error, models[i].get_type (), "client model");
    }

  build_as_routes (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListStore) store = medusa_json_read_list (json_node_get_object (root), lists[i].member,
                                                           lists[i].get_type (), lists[i].func, &error);

      if (store == NULL)
        FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE), "a list: no store, no PARSE error");
      else
        check_list (G_LIST_MODEL (store), lists[i].get_type ());
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  /* Local time for the dates, as the app has it; a fixed zone keeps runs repeatable. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  /* Register every type once, so that type checks work before a model is built. */
  for (guint i = 0; i < G_N_ELEMENTS (constructors); i++)
    g_type_ensure (constructors[i].get_type ());
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  guint n_candidates = 0;
  locale_t previous;

  root = medusa_json_parse ((const char *) data, (gssize) size, NULL);
  if (root == NULL)
    return 0;

  /* Money and dates in each of the app's languages, picked by the input. */
  previous = uselocale (fuzz_locale ((guint) size));

  build_as_client (root);

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      object = json_node_get_object (root);
      build_all (object);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL && n_candidates < MAX_CANDIDATES; l = l->next)
        {
          JsonNode *node = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              build_all (json_node_get_object (node));
              n_candidates++;
            }
          else if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint k = 0; k < json_array_get_length (array) && n_candidates < MAX_CANDIDATES; k++)
                {
                  JsonNode *element = json_array_get_element (array, k);

                  if (JSON_NODE_HOLDS_OBJECT (element))
                    {
                      build_all (json_node_get_object (element));
                      n_candidates++;
                    }
                }
            }
        }
    }

  uselocale (previous);
  return 0;
}
