/* medusa-orders-v2.c: the order history of a Medusa v2 store, answered in
 * the v1 shape
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on Medusa 2.21.2 (HACKING.md, "Medusa v2 orders through the
 * dialect"): GET /store/orders sorts by id (oldest first) unless
 * order=-created_at; only id and status[] filter (a status outside the
 * enum is a 500, any other key a 400); limit up to 1000 was honoured;
 * fields "+name" and "*relation" add to the default fields. A capture does
 * not change an order's updated_at, so the dialect does not offer
 * MEDUSA_CAPABILITY_ORDERS_CHANGED_SINCE.
 */
#define G_LOG_DOMAIN "medusa-orders-v2"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-error.h"
#include "medusa-order-v2.h"
#include "medusa-dialect-private.h"
#include "medusa-orders-v2.h"

/* Every amount and relation the list, the details, the copy, the export
 * and the receipt read (the totals medusa_order_v2_to_v1_json() reads are
 * not in the list's defaults; a name the store does not allow would be
 * dropped silently; discount_subtotal comes as null in a list, read as 0). */
#define V2_ORDER_FIELDS \
  "%2Bemail,%2Bregion_id,%2Bcustomer_id,%2Bitem_subtotal,%2Bshipping_subtotal,%2Btax_total," \
  "%2Bdiscount_subtotal,%2Bcredit_line_total,*shipping_address,*billing_address," \
  "*shipping_methods,*payment_collections,*fulfillments"

/* v1's default page size (limit not sent). */
#define V1_DEFAULT_LIMIT 10
/* Currencies whose digits a client keeps. */
#define MAX_KEPT_CURRENCIES 64

void
medusa_orders_json_free (MedusaOrdersJson *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->json, g_bytes_unref);
  g_free (data->etag);
  g_free (data);
}

/* The query */

gboolean
_medusa_v2_orders_query_is_local (const MedusaOrderQuery *query)
{
  if (query == NULL)
    return FALSE;

  if (medusa_order_query_get_q (query) != NULL ||
      medusa_order_query_get_display_id (query) != NULL ||
      medusa_order_query_get_cart_id (query) != NULL ||
      medusa_order_query_get_email (query) != NULL ||
      medusa_order_query_get_region_id (query) != NULL ||
      medusa_order_query_get_currency_code (query) != NULL ||
      medusa_order_query_get_tax_rate (query) != NULL ||
      medusa_order_query_has_any_fulfillment_status (query) ||
      medusa_order_query_has_any_payment_status (query))
    return TRUE;

  for (int f = MEDUSA_ORDER_DATE_CREATED_AT; f <= MEDUSA_ORDER_DATE_CANCELED_AT; f++)
    for (int o = MEDUSA_ORDER_DATE_LT; o <= MEDUSA_ORDER_DATE_GTE; o++)
      if (medusa_order_query_get_date (query, f, o) != NULL)
        return TRUE;

  return FALSE;
}

char *
_medusa_v2_orders_base_query (const MedusaOrderQuery *query)
{
  GString *out = g_string_new ("order=-created_at");
  const char *fields = query != NULL ? medusa_order_query_get_fields (query) : NULL;
  const char *id = query != NULL ? medusa_order_query_get_id (query) : NULL;

  if (id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (id, NULL, TRUE);

      g_string_append_printf (out, "&id=%s", escaped);
    }

  /* Every order status this app knows is in v2's enum; only those values
   * are sent (anything else is a 500). */
  if (query != NULL)
    for (int s = MEDUSA_ORDER_STATUS_UNKNOWN + 1; s <= MEDUSA_ORDER_STATUS_LAST; s++)
      if (medusa_order_query_has_status (query, s))
        {
          const char *name = medusa_order_status_to_string (s);

          if (g_strv_contains ((const char * const[]) { "pending", "completed", "draft", "archived",
                                                        "canceled", "requires_action", NULL },
                               name))
            g_string_append_printf (out, "&status[]=%s", name);
        }

  /* A count probe (fields=id) stays small; everything else gets the
   * relations the readers need. */
  if (g_strcmp0 (fields, "id") == 0)
    g_string_append (out, "&fields=id");
  else
    g_string_append (out, "&fields=" V2_ORDER_FIELDS);

  return g_string_free (out, FALSE);
}

/* Matching, as the local copy searches */

static void
add_words (GPtrArray  *words,
           const char *text)
{
  g_autofree char *folded = NULL;
  const char *p;

  if (text == NULL || *text == '\0')
    return;

  folded = g_utf8_casefold (text, -1);
  p = folded;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
    }
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static char *
display_id_string (JsonObject *order)
{
  JsonNode *node = json_object_get_member (order, "display_id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* The words of what the local copy's search index holds for @order. */
static GPtrArray *
order_words (JsonObject *order)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display_id = display_id_string (order);
  JsonObject *address = object_member (order, "shipping_address");
  JsonArray *items = array_member (order, "items");
  JsonArray *fulfillments = array_member (order, "fulfillments");

  add_words (words, display_id);
  add_words (words, string_member (address, "first_name"));
  add_words (words, string_member (address, "last_name"));
  add_words (words, string_member (address, "city"));

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item, *variant;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      variant = object_member (item, "variant");
      add_words (words, string_member (item, "title"));
      add_words (words, string_member (variant, "title"));
      add_words (words, string_member (variant, "sku"));
      add_words (words, string_member (object_member (variant, "product"), "title"));
    }

  for (guint i = 0; fulfillments != NULL && i < json_array_get_length (fulfillments); i++)
    {
      JsonNode *node = json_array_get_element (fulfillments, i);
      JsonArray *links;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      links = array_member (json_node_get_object (node), "tracking_links");
      for (guint j = 0; links != NULL && j < json_array_get_length (links); j++)
        {
          JsonNode *link = json_array_get_element (links, j);

          if (JSON_NODE_HOLDS_OBJECT (link))
            add_words (words, string_member (json_node_get_object (link), "tracking_number"));
        }
    }

  return words;
}

static gboolean
text_matches (const char *q,
              JsonObject *order)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = NULL;

  add_words (wanted, q);
  if (wanted->len == 0)
    return TRUE;

  words = order_words (order);
  for (guint i = 0; i < wanted->len; i++)
    {
      const char *w = g_ptr_array_index (wanted, i);
      gboolean found = FALSE;

      for (guint j = 0; j < words->len && !found; j++)
        found = g_str_has_prefix (g_ptr_array_index (words, j), w);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
dates_match (const MedusaOrderQuery *query,
             JsonObject             *order)
{
  static const char * const names[] = { "created_at", "updated_at", "canceled_at" };

  for (int f = MEDUSA_ORDER_DATE_CREATED_AT; f <= MEDUSA_ORDER_DATE_CANCELED_AT; f++)
    {
      g_autoptr(GDateTime) when = NULL;

      for (int o = MEDUSA_ORDER_DATE_LT; o <= MEDUSA_ORDER_DATE_GTE; o++)
        {
          GDateTime *bound = medusa_order_query_get_date (query, f, o);
          int cmp;

          if (bound == NULL)
            continue;
          if (when == NULL)
            {
              const char *text = string_member (order, names[f]);

              when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
              if (when == NULL)
                return FALSE;
            }
          cmp = g_date_time_compare (when, bound);
          if ((o == MEDUSA_ORDER_DATE_LT && !(cmp < 0)) ||
              (o == MEDUSA_ORDER_DATE_GT && !(cmp > 0)) ||
              (o == MEDUSA_ORDER_DATE_LTE && !(cmp <= 0)) ||
              (o == MEDUSA_ORDER_DATE_GTE && !(cmp >= 0)))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
string_filter_matches (const char *wanted,
                       const char *value,
                       gboolean    ignore_case)
{
  if (wanted == NULL)
    return TRUE;
  if (value == NULL)
    return FALSE;
  return ignore_case ? g_ascii_strcasecmp (wanted, value) == 0 : strcmp (wanted, value) == 0;
}

gboolean
_medusa_v2_order_matches (const MedusaOrderQuery *query,
                          JsonObject             *order)
{
  const char *display_id;
  const char *tax_rate;

  g_return_val_if_fail (order != NULL, FALSE);

  if (query == NULL)
    return TRUE;

  if (!string_filter_matches (medusa_order_query_get_id (query), string_member (order, "id"), FALSE))
    return FALSE;

  display_id = medusa_order_query_get_display_id (query);
  if (display_id != NULL)
    {
      g_autofree char *own = display_id_string (order);

      if (g_strcmp0 (own, display_id) != 0)
        return FALSE;
    }

  if (medusa_order_query_has_any_status (query) &&
      !medusa_order_query_has_status (query, medusa_order_status_from_string (string_member (order, "status"))))
    return FALSE;
  if (medusa_order_query_has_any_fulfillment_status (query) &&
      !medusa_order_query_has_fulfillment_status (query,
                                                  medusa_fulfillment_status_from_string (string_member (order, "fulfillment_status"))))
    return FALSE;
  if (medusa_order_query_has_any_payment_status (query) &&
      !medusa_order_query_has_payment_status (query,
                                              medusa_payment_status_from_string (string_member (order, "payment_status"))))
    return FALSE;

  if (!string_filter_matches (medusa_order_query_get_cart_id (query), string_member (order, "cart_id"), FALSE) ||
      !string_filter_matches (medusa_order_query_get_email (query), string_member (order, "email"), TRUE) ||
      !string_filter_matches (medusa_order_query_get_region_id (query), string_member (order, "region_id"), FALSE) ||
      !string_filter_matches (medusa_order_query_get_currency_code (query),
                              string_member (order, "currency_code"), TRUE))
    return FALSE;

  /* v2 orders carry no tax rate: a tax rate filter matches none. */
  tax_rate = medusa_order_query_get_tax_rate (query);
  if (tax_rate != NULL && !string_filter_matches (tax_rate, string_member (order, "tax_rate"), FALSE))
    return FALSE;

  if (!dates_match (query, order))
    return FALSE;

  return text_matches (medusa_order_query_get_q (query), order);
}

/* Currency digits, kept per client */

static GQuark
currency_digits_quark (void)
{
  return g_quark_from_static_string ("medusa-v2-currency-digits");
}

static GHashTable *
currency_table (MedusaClient *client)
{
  GHashTable *table = g_object_get_qdata (G_OBJECT (client), currency_digits_quark ());

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (client), currency_digits_quark (), table,
                               (GDestroyNotify) g_hash_table_unref);
    }
  return table;
}

/* A currency code as a store sends it: three ASCII letters, lower-cased. */
static char *
normalize_currency (const char *code)
{
  if (code == NULL || strlen (code) != 3 ||
      !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) || !g_ascii_isalpha (code[2]))
    return NULL;
  return g_ascii_strdown (code, 3);
}

static int
currency_digits_cb (const char *currency_code,
                    gpointer    user_data)
{
  g_autofree char *code = normalize_currency (currency_code);
  gpointer value;

  if (code == NULL ||
      !g_hash_table_lookup_extended (currency_table (user_data), code, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value) - 1;
}

/* The last scan of filtered orders, per client: a listing's first page
 * (offset 0) always reads the store; its next pages (MedusaOrderList asks
 * them within seconds) take their slice of the same scan for a while,
 * instead of reading every order again for each page. */
#define SCAN_KEEP_SECONDS 60
/* A scan is kept only when this few orders match (they are whole orders). */
#define SCAN_KEEP_MAX_ROWS 500

typedef struct
{
  char      *key;        /* the query without offset and limit */
  JsonArray *matched;    /* (owned) the v1 orders that match, in order */
  gint64     when;       /* monotonic time of the scan */
} KeptScan;

static void
kept_scan_free (KeptScan *scan)
{
  g_free (scan->key);
  json_array_unref (scan->matched);
  g_free (scan);
}

static GQuark
kept_scan_quark (void)
{
  return g_quark_from_static_string ("medusa-v2-orders-scan");
}

/* The query without offset and limit, for the signed-in customer (the
 * token's actor). */
static char *
scan_key (MedusaClient           *client,
          const MedusaOrderQuery *query)
{
  g_autoptr(MedusaOrderQuery) copy = medusa_order_query_copy (query);
  g_autofree char *actor = _medusa_jwt_dup_string_claim (medusa_client_get_token (client), "actor_id");
  g_autofree char *text = NULL;

  medusa_order_query_set_offset (copy, 0);
  medusa_order_query_set_limit (copy, -1);
  text = medusa_order_query_to_string (copy);
  return g_strconcat (actor != NULL ? actor : "", "\n", text, NULL);
}

/* A list */

typedef struct
{
  MedusaOrderQuery *query;          /* (owned) (nullable) */
  char             *base;           /* (owned) */
  char             *if_none_match;  /* (owned) (nullable) */
  gboolean          local;          /* the filters are applied here */
  gboolean          single;         /* one request, its ETag passed on */
  gboolean          get;            /* get_order: answers {"order"} */
  guint             want_offset;
  guint             want_limit;     /* G_MAXUINT: all */
  int               sent_limit;     /* the "limit" of the answer */
  guint             server_offset;  /* the next row to ask for */
  gint64            server_count;
  guint             matched;
  JsonArray        *kept;           /* (owned) v1 orders */
  JsonArray        *matched_rows;   /* (owned) (nullable): every match of a scan */
  JsonNode         *page;           /* (owned) (nullable): waiting for currencies */
  GPtrArray        *currencies;     /* (owned) codes still to ask for */
  char             *etag;           /* (owned) (nullable) */
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->query, medusa_order_query_free);
  g_free (data->base);
  g_free (data->if_none_match);
  g_clear_pointer (&data->kept, json_array_unref);
  g_clear_pointer (&data->matched_rows, json_array_unref);
  g_clear_pointer (&data->page, json_node_unref);
  g_clear_pointer (&data->currencies, g_ptr_array_unref);
  g_free (data->etag);
  g_free (data);
}

static void request_page (GTask *task);
static void convert_page (GTask *task);

static GBytes *
node_to_bytes (JsonNode *root)
{
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static void
finish_list (GTask *task)
{
  MedusaClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) out = json_object_new ();

  if (data->get)
    {
      JsonNode *order;

      if (json_array_get_length (data->kept) == 0)
        {
          g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND, "%s",
                                   _("The store has no such order."));
          return;
        }
      order = json_array_get_element (data->kept, 0);
      json_object_set_member (out, "order", json_node_copy (order));
      json_node_set_object (root, out);
      g_task_return_pointer (task, node_to_bytes (root), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (data->local && data->matched_rows != NULL)
    {
      KeptScan *scan = g_new0 (KeptScan, 1);

      scan->key = scan_key (self, data->query);
      scan->matched = g_steal_pointer (&data->matched_rows);
      scan->when = g_get_monotonic_time ();
      g_object_set_qdata_full (G_OBJECT (self), kept_scan_quark (), scan,
                               (GDestroyNotify) kept_scan_free);
    }

  {
    MedusaOrdersJson *answer = g_new0 (MedusaOrdersJson, 1);

    json_object_set_array_member (out, "orders", json_array_ref (data->kept));
    json_object_set_int_member (out, "count",
                                data->local ? (gint64) data->matched : MAX (data->server_count, 0));
    json_object_set_int_member (out, "offset", data->want_offset);
    json_object_set_int_member (out, "limit", data->sent_limit);
    json_node_set_object (root, out);
    answer->json = node_to_bytes (root);
    answer->etag = g_steal_pointer (&data->etag);
    g_task_return_pointer (task, answer, (GDestroyNotify) medusa_orders_json_free);
  }
}

static void
currency_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *code = NULL;
  GError *error = NULL;
  GHashTable *table = currency_table (MEDUSA_CLIENT (source));
  int digits = -1;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source), result, NULL, &error);
  code = g_strdup (g_ptr_array_index (data->currencies, data->currencies->len - 1));
  g_ptr_array_remove_index (data->currencies, data->currencies->len - 1);

  if (error != NULL && !g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *currency = object_member (json_node_get_object (root), "currency");
      JsonNode *node = currency != NULL ? json_object_get_member (currency, "decimal_digits") : NULL;

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_INT64 &&
          json_node_get_int (node) >= 0 && json_node_get_int (node) <= 18)
        digits = (int) json_node_get_int (node);
    }

  /* Unknown to the store (404) or unreadable: the model's table decides. */
  if (g_hash_table_size (table) >= MAX_KEPT_CURRENCIES)
    g_hash_table_remove_all (table);
  g_hash_table_insert (table, g_steal_pointer (&code), GINT_TO_POINTER (digits + 1));

  convert_page (task);
}

/* A v2 store sends a customer no fulfilment items (not even for
 * *fulfillments.items): "items": null says "not told" to the model
 * (medusa_fulfillment_get_n_items() -1), where a missing list is "none". */
static void
mark_unknown_fulfillment_items (JsonObject *order)
{
  JsonArray *fulfillments = array_member (order, "fulfillments");

  for (guint i = 0; fulfillments != NULL && i < json_array_get_length (fulfillments); i++)
    {
      JsonNode *node = json_array_get_element (fulfillments, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && !json_object_has_member (json_node_get_object (node), "items"))
        json_object_set_null_member (json_node_get_object (node), "items");
    }
}

/* Asks for the next currency this page needs, or converts the page. */
static void
convert_page (GTask *task)
{
  MedusaClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) v1 = NULL;
  JsonObject *page = json_node_get_object (data->page);
  JsonArray *orders;
  GError *error = NULL;
  guint n_rows;

  if (data->currencies->len > 0)
    {
      const char *code = g_ptr_array_index (data->currencies, data->currencies->len - 1);
      g_autofree char *path = g_strconcat ("/store/currencies/", code, NULL);

      medusa_client_request_async (self, "GET", path, NULL, NULL, MEDUSA_REQUEST_DEFAULT,
                                   MEDUSA_ERROR_CONTEXT_DEFAULT, g_task_get_cancellable (task),
                                   currency_cb, g_object_ref (task));
      return;
    }

  v1 = medusa_order_page_v2_to_v1_json (page, currency_digits_cb, self, &error);
  g_clear_pointer (&data->page, json_node_unref);
  if (v1 == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  orders = array_member (v1, "orders");
  n_rows = json_array_get_length (orders);
  for (guint i = 0; i < n_rows; i++)
    {
      JsonNode *node = json_array_get_element (orders, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _medusa_client_set_parse_error (&error);
          g_task_return_error (task, error);
          return;
        }
      mark_unknown_fulfillment_items (json_node_get_object (node));
      if (data->local && !_medusa_v2_order_matches (data->query, json_node_get_object (node)))
        continue;
      if (data->local)
        {
          if (data->matched_rows != NULL && json_array_get_length (data->matched_rows) >= SCAN_KEEP_MAX_ROWS)
            g_clear_pointer (&data->matched_rows, json_array_unref);
          if (data->matched_rows != NULL)
            json_array_add_element (data->matched_rows, json_node_copy (node));
          data->matched++;
          if (data->matched <= data->want_offset)
            continue;
        }
      if (json_array_get_length (data->kept) < data->want_limit)
        json_array_add_element (data->kept, json_node_copy (node));
    }

  data->server_offset += n_rows;
  if (data->single || n_rows == 0 || (gint64) data->server_offset >= data->server_count ||
      (!data->local && json_array_get_length (data->kept) >= data->want_limit))
    {
      finish_list (task);
      return;
    }

  if (data->server_offset >= MEDUSA_V2_ORDERS_MAX_SCAN)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_SERVER, "%s",
                               _("This store has too many orders to search them without the local copy of the account. Turn on the local copy in the preferences."));
      return;
    }

  request_page (task);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (source);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GHashTable *table = currency_table (self);
  GError *error = NULL;
  JsonArray *orders;
  JsonObject *page;
  guint status = 0;

  root = medusa_client_request_finish (self, result, &status, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->single && !data->get)
    {
      g_free (data->etag);
      data->etag = g_strdup (_medusa_client_request_get_etag (self, result));
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && data->single && !data->get)
    {
      MedusaOrdersJson *answer = g_new0 (MedusaOrdersJson, 1);

      answer->etag = g_steal_pointer (&data->etag);
      g_task_return_pointer (task, answer, (GDestroyNotify) medusa_orders_json_free);
      return;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (orders = array_member (json_node_get_object (root), "orders")) == NULL)
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }
  page = json_node_get_object (root);
  data->server_count = json_object_get_int_member_with_default (page, "count", 0);

  /* The currencies of this page's orders whose digits are not known yet
   * (a page has at most a few). */
  g_ptr_array_set_size (data->currencies, 0);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonNode *node = json_array_get_element (orders, i);
      g_autofree char *code = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = normalize_currency (string_member (json_node_get_object (node), "currency_code"));
      if (code != NULL && !g_hash_table_contains (table, code) &&
          !g_ptr_array_find_with_equal_func (data->currencies, code, g_str_equal, NULL) &&
          data->currencies->len < 8)
        g_ptr_array_add (data->currencies, g_steal_pointer (&code));
    }

  data->page = g_steal_pointer (&root);
  convert_page (task);
}

static void
request_page (GTask *task)
{
  MedusaClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autofree char *query = NULL;
  guint limit = MEDUSA_V2_ORDERS_PAGE;

  if (data->single)
    limit = data->want_limit;
  query = g_strdup_printf ("%s&offset=%u&limit=%u", data->base, data->server_offset, limit);

  if (data->single && !data->get)
    _medusa_client_request_conditional_async (self, "/store/orders", query, MEDUSA_REQUEST_LARGE_ANSWER,
                                              data->if_none_match, g_task_get_cancellable (task),
                                              page_cb, g_object_ref (task));
  else
    medusa_client_request_async (self, "GET", "/store/orders", query, NULL, MEDUSA_REQUEST_LARGE_ANSWER,
                                 MEDUSA_ERROR_CONTEXT_DEFAULT, g_task_get_cancellable (task),
                                 page_cb, g_object_ref (task));
}

static ListData *
list_data_new (const MedusaOrderQuery *query)
{
  ListData *data = g_new0 (ListData, 1);

  data->query = query != NULL ? medusa_order_query_copy (query) : medusa_order_query_new ();
  data->base = _medusa_v2_orders_base_query (query);
  data->kept = json_array_new ();
  data->currencies = g_ptr_array_new_with_free_func (g_free);
  data->server_count = -1;
  return data;
}

void
_medusa_v2_list_orders (MedusaClient           *self,
                        GTask                  *task,
                        const MedusaOrderQuery *query,
                        const char             *if_none_match)
{
  ListData *data = list_data_new (query);
  int limit = query != NULL ? medusa_order_query_get_limit (query) : -1;

  data->if_none_match = g_strdup (if_none_match);
  data->local = _medusa_v2_orders_query_is_local (query);
  data->want_offset = query != NULL ? medusa_order_query_get_offset (query) : 0;
  /* As v1: no limit sent is its default page, 0 is every order. */
  data->sent_limit = limit < 0 ? V1_DEFAULT_LIMIT : limit;
  data->want_limit = limit < 0 ? V1_DEFAULT_LIMIT : limit == 0 ? G_MAXUINT : (guint) limit;
  data->single = !data->local && data->want_limit <= 1000;
  /* The store skips the rows before the offset unless they are filtered here. */
  data->server_offset = data->local ? 0 : data->want_offset;

  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (data->local)
    {
      KeptScan *scan = g_object_get_qdata (G_OBJECT (self), kept_scan_quark ());
      g_autofree char *key = scan_key (self, data->query);

      /* A next page of the same listing: its slice of the kept scan. */
      if (data->want_offset > 0 && scan != NULL && g_strcmp0 (scan->key, key) == 0 &&
          g_get_monotonic_time () - scan->when < SCAN_KEEP_SECONDS * G_USEC_PER_SEC)
        {
          guint n = json_array_get_length (scan->matched);

          for (guint i = data->want_offset; i < n && json_array_get_length (data->kept) < data->want_limit; i++)
            json_array_add_element (data->kept, json_node_copy (json_array_get_element (scan->matched, i)));
          data->matched = n;
          finish_list (task);
          g_object_unref (task);
          return;
        }
      /* A new scan: what was kept of the last one goes. */
      g_object_set_qdata (G_OBJECT (self), kept_scan_quark (), NULL);
      data->matched_rows = json_array_new ();
    }

  request_page (task);
  g_object_unref (task);
}

void
_medusa_v2_get_order (MedusaClient *self,
                      GTask        *task,
                      const char   *order_id)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  ListData *data;

  /* The list, filtered by id, answers the signed-in customer's orders
   * only (GET /store/orders/{id} answers anyone who knows the id). */
  medusa_order_query_set_id (query, order_id);
  data = list_data_new (query);
  data->get = TRUE;
  data->single = TRUE;
  data->want_limit = 1;
  data->sent_limit = 1;

  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  request_page (task);
  g_object_unref (task);
}
