/* medusa-fulfillment.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-fulfillment.h"

#include <string.h>

#include "medusa-error.h"
#include "medusa-json.h"
#include "medusa-money.h"

/* MedusaTrackingLink */

struct _MedusaTrackingLink
{
  GObject parent_instance;

  char *tracking_number;
  char *url;              /* (nullable) */
};

G_DEFINE_FINAL_TYPE (MedusaTrackingLink, medusa_tracking_link, G_TYPE_OBJECT)

static const MedusaJsonField link_fields[] = {
  MEDUSA_JSON_FIELD (MedusaTrackingLink, tracking_number, "tracking-number", ID),
  MEDUSA_JSON_FIELD (MedusaTrackingLink, url, "url", STRING),
};

enum {
  LINK_PROP_0,
  LINK_N_PROPS = 1 + G_N_ELEMENTS (link_fields)
};

static GParamSpec *link_properties[LINK_N_PROPS];

static void
medusa_tracking_link_finalize (GObject *object)
{
  medusa_json_clear_fields (object, link_fields, G_N_ELEMENTS (link_fields));

  G_OBJECT_CLASS (medusa_tracking_link_parent_class)->finalize (object);
}

static void
medusa_tracking_link_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  if (!medusa_json_get_field_property (object, prop_id, 1, link_fields,
                                       G_N_ELEMENTS (link_fields), value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
medusa_tracking_link_class_init (MedusaTrackingLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_tracking_link_finalize;
  object_class->get_property = medusa_tracking_link_get_property;

  medusa_json_install_fields (object_class, link_properties, 1, link_fields,
                              G_N_ELEMENTS (link_fields));
}

static void
medusa_tracking_link_init (MedusaTrackingLink *self)
{
}

MedusaTrackingLink *
medusa_tracking_link_new (const char *tracking_number,
                          const char *url)
{
  MedusaTrackingLink *self;

  g_return_val_if_fail (tracking_number != NULL, NULL);

  self = g_object_new (MEDUSA_TYPE_TRACKING_LINK, NULL);
  self->tracking_number = g_strdup (tracking_number);
  self->url = g_strdup (url);

  return self;
}

/**
 * medusa_tracking_link_new_from_json:
 * @object: a tracking link object ({tracking_number, url})
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the tracking link
 */
MedusaTrackingLink *
medusa_tracking_link_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medusa_json_new_with_fields (MEDUSA_TYPE_TRACKING_LINK, object,
                                      link_fields, G_N_ELEMENTS (link_fields), error);
}

const char *
medusa_tracking_link_get_tracking_number (MedusaTrackingLink *self)
{
  g_return_val_if_fail (MEDUSA_IS_TRACKING_LINK (self), NULL);
  return self->tracking_number;
}

const char *
medusa_tracking_link_get_url (MedusaTrackingLink *self)
{
  g_return_val_if_fail (MEDUSA_IS_TRACKING_LINK (self), NULL);
  return self->url;
}

/* Only what a browser opens as a web page: a tracking URL of the store
 * could as well be file:///etc/passwd or javascript:. */
char *
medusa_tracking_link_dup_safe_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0' || !g_utf8_validate (url, -1, NULL))
    return NULL;

  /* ASCII only as RFC 3986 allows it in a URI (GLib's parser lets "<>\"{}|\\^`"
   * through), and beyond ASCII no spaces, controls or invisible format
   * characters (bidi overrides): what the tooltip shows is what gets opened. */
  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (!g_ascii_isalnum (c) && strchr ("-._~:/?#[]@!$&'()*+,;=%", (int) c) == NULL)
            return NULL;
        }
      else if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
               g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          return NULL;
        }
    }

  /* ENCODED: checked as written, percent escapes are not decoded. */
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL)
    return NULL;

  return g_strdup (url);
}

/* MedusaFulfillment */

struct _MedusaFulfillment
{
  GObject parent_instance;

  char *id;
  GDateTime *created_at;      /* (nullable) */
  GDateTime *shipped_at;      /* (nullable) */
  GDateTime *canceled_at;     /* (nullable) */

  GListStore *tracking_links; /* (owned) of MedusaTrackingLink */
  gint64 n_items;
};

G_DEFINE_FINAL_TYPE (MedusaFulfillment, medusa_fulfillment, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaFulfillment, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (created_at, "created-at", DATE),
  FIELD (shipped_at, "shipped-at", DATE),
  FIELD (canceled_at, "canceled-at", DATE),
};

#undef FIELD

enum {
  PROP_0,
  PROP_TRACKING_LINKS = 1 + G_N_ELEMENTS (fields),
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Older fulfillments only carry a plain "tracking_numbers" string array. */
static gboolean
read_tracking_numbers (JsonObject  *object,
                       GListStore  *store,
                       GError     **error)
{
  JsonArray *numbers = NULL;
  guint n;

  if (!medusa_json_read_array (object, "tracking_numbers", &numbers, error))
    return FALSE;

  n = numbers != NULL ? json_array_get_length (numbers) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (numbers, i);
      g_autoptr(MedusaTrackingLink) link = NULL;
      g_autofree char *number = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “tracking_numbers” is not a string", i);
          return FALSE;
        }

      if (*json_node_get_string (node) == '\0')
        continue;

      /* A label, never looked up: repaired like every other shown string. */
      number = g_utf8_make_valid (json_node_get_string (node), -1);
      link = medusa_tracking_link_new (number, NULL);
      g_list_store_append (store, link);
    }

  return TRUE;
}

static gboolean
count_items (JsonObject  *object,
             gint64      *n_items,
             GError     **error)
{
  JsonArray *items = NULL;
  guint n;

  *n_items = 0;

  /* "items": null is "not told" (a Medusa v2 store sends no fulfilment
   * items to customers): -1, not 0. */
  if (json_object_has_member (object, "items") &&
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "items")))
    {
      *n_items = -1;
      return TRUE;
    }

  if (!medusa_json_read_array (object, "items", &items, error))
    return FALSE;

  n = items != NULL ? json_array_get_length (items) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      gint64 quantity = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                       "Element %u of “items” is not an object", i);
          return FALSE;
        }

      if (!medusa_json_read_int (json_node_get_object (node), "quantity", &quantity, error))
        return FALSE;

      if (!medusa_money_checked_add (*n_items, quantity, n_items))
        {
          g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                               "The quantities of “items” add up to more than a gint64");
          return FALSE;
        }
    }

  return TRUE;
}

static void
medusa_fulfillment_dispose (GObject *object)
{
  MedusaFulfillment *self = (MedusaFulfillment *) object;

  g_clear_object (&self->tracking_links);

  G_OBJECT_CLASS (medusa_fulfillment_parent_class)->dispose (object);
}

static void
medusa_fulfillment_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_fulfillment_parent_class)->finalize (object);
}

static void
medusa_fulfillment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedusaFulfillment *self = MEDUSA_FULFILLMENT (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_TRACKING_LINKS:
      g_value_set_object (value, self->tracking_links);
      break;
    case PROP_N_ITEMS:
      g_value_set_int64 (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_fulfillment_class_init (MedusaFulfillmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = medusa_fulfillment_dispose;
  object_class->finalize = medusa_fulfillment_finalize;
  object_class->get_property = medusa_fulfillment_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_TRACKING_LINKS] =
    g_param_spec_object ("tracking-links", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_int64 ("n-items", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  for (guint i = PROP_TRACKING_LINKS; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
medusa_fulfillment_init (MedusaFulfillment *self)
{
  self->tracking_links = g_list_store_new (MEDUSA_TYPE_TRACKING_LINK);
}

/**
 * medusa_fulfillment_new_from_json:
 * @object: a fulfillment object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the fulfillment
 */
MedusaFulfillment *
medusa_fulfillment_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(MedusaFulfillment) self = NULL;
  g_autoptr(GListStore) links = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_FULFILLMENT, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  links = medusa_json_read_list (object, "tracking_links", MEDUSA_TYPE_TRACKING_LINK,
                                 (MedusaJsonModelFunc) medusa_tracking_link_new_from_json, error);
  if (links == NULL)
    return NULL;
  g_set_object (&self->tracking_links, links);

  /* The server fills tracking_links (v1.8+); fall back to the numbers. */
  if (g_list_model_get_n_items (G_LIST_MODEL (links)) == 0 &&
      !read_tracking_numbers (object, self->tracking_links, error))
    return NULL;

  if (!count_items (object, &self->n_items, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
medusa_fulfillment_get_id (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);
  return self->id;
}

GDateTime *
medusa_fulfillment_get_created_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);
  return self->created_at;
}

GDateTime *
medusa_fulfillment_get_shipped_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);
  return self->shipped_at;
}

GDateTime *
medusa_fulfillment_get_canceled_at (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);
  return self->canceled_at;
}

GListModel *
medusa_fulfillment_get_tracking_links (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), NULL);
  return G_LIST_MODEL (self->tracking_links);
}

gint64
medusa_fulfillment_get_n_items (MedusaFulfillment *self)
{
  g_return_val_if_fail (MEDUSA_IS_FULFILLMENT (self), 0);
  return self->n_items;
}
