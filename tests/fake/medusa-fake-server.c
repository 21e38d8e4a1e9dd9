/* medusa-fake-server.c: an in-process fake of the Medusa v1 Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bodies, status codes and quirks follow /work/shared/API-NOTES.md and what
 * the real 1.20.11 backend answered to curl. Nothing here logs a password,
 * token, cookie or request body.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "medusa-fake-server.h"

/* ------------------------------------------------------------------ */
/* Data                                                                */

struct _MedusaFakeRequest
{
  char               *method;
  char               *path;       /* decoded */
  char               *query;      /* (nullable) raw */
  SoupMessageHeaders *headers;
  char               *body;
  JsonNode           *body_json;  /* (nullable) */
  guint               status;
};

typedef struct
{
  char       *id;
  char       *created_at;
  char       *updated_at;
  char       *email;             /* as stored (not always lower-case, like the real one) */
  char       *password;          /* (nullable) never logged */
  char       *first_name;        /* (nullable) */
  char       *last_name;         /* (nullable) */
  char       *phone;             /* (nullable) */
  gboolean    has_account;
  JsonObject *metadata;          /* (nullable) */
  char       *billing_address_id;/* (nullable) */
  JsonObject *billing_address;   /* (nullable) */
  GPtrArray  *addresses;         /* JsonObject, the shipping addresses */
  char       *reset_token;       /* (nullable) */
} FakeCustomer;

typedef struct
{
  char       *id;
  guint       display_id;
  char       *customer_id;
  GDateTime  *created_at;
  GDateTime  *updated_at;
  GDateTime  *canceled_at;       /* (nullable) */
  JsonObject *json;              /* the full list-shaped order */
  JsonArray  *returns;           /* its returns, sent only with expand=returns */
} FakeOrder;

typedef struct
{
  char            *method;       /* (nullable) */
  char            *prefix;       /* (nullable) */
  MedusaFakeFault  fault;
  guint            status;
  char            *retry_after;
  char            *content_type;
  char            *body;
  guint            delay_ms;
  guint            times;
  guint            used;
} Fault;

typedef struct
{
  MedusaFakeServer  *self;       /* (unowned) the server outlives its requests */
  SoupServerMessage *msg;        /* (owned) */
  MedusaFakeRequest *record;     /* (unowned) owned by the log */
  char              *path;
  char              *sid;
  gboolean           new_session;
  gboolean           session_destroyed;
  gboolean           has_fault;
  Fault              fault;      /* a copy; strings owned */
  guint              source_id;
  gulong             disconnected_id;
  gboolean           disconnected;
} RequestCtx;

typedef struct _FakeV2 FakeV2;

struct _MedusaFakeServer
{
  GObject       parent_instance;

  SoupServer   *server;          /* (owned) */
  GMainContext *context;         /* (owned) */
  char         *url;

  GPtrArray    *customers;       /* FakeCustomer */
  GPtrArray    *orders;          /* FakeOrder, in display_id order */
  GHashTable   *tokens;          /* token → customer id */
  GHashTable   *sessions;        /* sid → customer id ("" = anonymous) */
  GPtrArray    *faults;          /* Fault */
  GPtrArray    *requests;        /* MedusaFakeRequest */
  GList        *pending;         /* RequestCtx paused by a DELAY */
  guint         id_counter;
  guint         next_display_id;
  gboolean      token_route_enabled;
  FakeV2       *v2;              /* (owned) (nullable): Medusa v2 mode */
  GHashTable   *idempotency_keys; /* key it issued → the return it answered */
  GHashTable   *claim_grants;    /* claim token → ClaimGrant */
  GHashTable   *claim_tokens;    /* order email → its last claim token */
  char         *etag;            /* (nullable): every GET's ETag, see set_etag */
};

G_DEFINE_FINAL_TYPE (MedusaFakeServer, medusa_fake_server, G_TYPE_OBJECT)

static const char *order_scalar_keys[] = {
  "object", "id", "created_at", "status", "fulfillment_status", "payment_status",
  "display_id", "cart_id", "customer_id", "email", "region_id", "currency_code",
  "tax_rate", NULL
};
static const char *order_relation_keys[] = {
  "claims", "customer", "discounts", "fulfillments", "gift_card_transactions",
  "gift_cards", "items", "payments", "refunds", "region", "shipping_address",
  "shipping_methods", "swaps", "billing_address", NULL
};
/* Relations the real backend always loads for the list, even with expand=. */
static const char *order_base_relation_keys[] = {
  "claims", "discounts", "gift_card_transactions", "gift_cards", "items",
  "payments", "refunds", "region", "shipping_methods", "swaps", NULL
};
static const char *order_total_keys[] = {
  "subtotal", "discount_total", "shipping_total", "refunded_total", "paid_total",
  "refundable_amount", "item_tax_total", "shipping_tax_total", "tax_total",
  "gift_card_total", "gift_card_tax_total", "raw_discount_total", "total", NULL
};
/* Keys GET /store/orders/{id} does not send. */
static const char *order_detail_hidden_keys[] = {
  "claims", "gift_card_transactions", "gift_cards", "refunds", "swaps",
  "raw_discount_total", NULL
};

static const char *status_values[] = {
  "pending", "completed", "archived", "canceled", "requires_action", NULL
};
static const char *fulfillment_status_values[] = {
  "not_fulfilled", "partially_fulfilled", "fulfilled", "partially_shipped", "shipped",
  "partially_returned", "returned", "canceled", "requires_action", NULL
};
static const char *payment_status_values[] = {
  "not_paid", "awaiting", "captured", "partially_refunded", "refunded", "canceled",
  "requires_action", NULL
};

static const char *address_fields[] = {
  "company", "first_name", "last_name", "address_1", "address_2", "city",
  "country_code", "province", "postal_code", "phone", NULL
};

static const char *unknown_error_body =
  "{\"code\":\"unknown_error\",\"type\":\"unknown_error\",\"message\":\"An unknown error occurred.\"}";

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static gboolean
strv_has (const char * const *strv,
          const char         *str)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], str) == 0)
      return TRUE;
  return FALSE;
}

static char *
format_date (GDateTime *dt)
{
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_date (now);
}

static char *
make_id (MedusaFakeServer *self,
         const char       *prefix)
{
  return g_strdup_printf ("%s_01FAKE%020u", prefix, ++self->id_counter);
}

static char *
base64url (const char *data)
{
  char *b64 = g_base64_encode ((const guchar *) data, strlen (data));

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  for (char *p = b64; *p != '\0'; p++)
    if (*p == '=')
      {
        *p = '\0';
        break;
      }
  return b64;
}

/* A JWT-shaped string: header.payload.signature (the signature is random). */
static char *
make_jwt (const char *customer_id,
          gint64      lifetime_s)
{
  gint64 iat = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *payload = g_strdup_printf ("{\"customer_id\":\"%s\",\"domain\":\"store\",\"iat\":%"
                                              G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT "}",
                                              customer_id, iat, iat + lifetime_s);
  g_autofree char *payload64 = base64url (payload);
  g_autofree char *sig = g_uuid_string_random ();

  g_strdelimit (sig, "-", 'x');
  return g_strdup_printf ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.%s", payload64, sig);
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* class-validator's isEmail, near enough: local@label.label with a TLD of 2+ letters. */
static gboolean
is_email (const char *str)
{
  const char *at;
  const char *dot;
  gsize tld_len = 0;

  if (str == NULL || *str == '\0' || strchr (str, ' ') != NULL)
    return FALSE;
  at = strchr (str, '@');
  if (at == NULL || at == str || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || strstr (at + 1, "..") != NULL)
    return FALSE;
  for (const char *p = dot + 1; *p != '\0'; p++, tld_len++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return tld_len >= 2;
}

/* ISO 3166 codes that are reserved and never assigned. */
static gboolean
country_exists (const char *code)
{
  if (code == NULL || strlen (code) != 2 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]))
    return FALSE;
  if (g_ascii_strcasecmp (code, "aa") == 0 || g_ascii_strcasecmp (code, "zz") == 0)
    return FALSE;
  if (g_ascii_tolower (code[0]) == 'x')
    return FALSE;
  if (g_ascii_tolower (code[0]) == 'q' && g_ascii_tolower (code[1]) >= 'm')
    return FALSE;
  return TRUE;
}

static gboolean
ci_contains (const char *haystack,
             const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

/* ------------------------------------------------------------------ */
/* Lifetimes                                                           */

static void
fake_request_free (MedusaFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_free (request->body);
  g_clear_pointer (&request->body_json, json_node_unref);
  g_free (request);
}

static void
fake_customer_free (FakeCustomer *c)
{
  g_free (c->id);
  g_free (c->created_at);
  g_free (c->updated_at);
  g_free (c->email);
  g_free (c->password);
  g_free (c->first_name);
  g_free (c->last_name);
  g_free (c->phone);
  g_clear_pointer (&c->metadata, json_object_unref);
  g_free (c->billing_address_id);
  g_clear_pointer (&c->billing_address, json_object_unref);
  g_ptr_array_unref (c->addresses);
  g_free (c->reset_token);
  g_free (c);
}

static void
fake_order_free (FakeOrder *o)
{
  g_free (o->id);
  g_free (o->customer_id);
  g_clear_pointer (&o->created_at, g_date_time_unref);
  g_clear_pointer (&o->updated_at, g_date_time_unref);
  g_clear_pointer (&o->canceled_at, g_date_time_unref);
  g_clear_pointer (&o->json, json_object_unref);
  g_clear_pointer (&o->returns, json_array_unref);
  g_free (o);
}

static void
fault_clear (Fault *f)
{
  g_clear_pointer (&f->method, g_free);
  g_clear_pointer (&f->prefix, g_free);
  g_clear_pointer (&f->retry_after, g_free);
  g_clear_pointer (&f->content_type, g_free);
  g_clear_pointer (&f->body, g_free);
}

static void
fault_free (Fault *f)
{
  fault_clear (f);
  g_free (f);
}

static void
request_ctx_free (RequestCtx *ctx)
{
  if (ctx->source_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (ctx->self->context, ctx->source_id);

      if (source != NULL)
        g_source_destroy (source);
      ctx->source_id = 0;
    }
  g_clear_signal_handler (&ctx->disconnected_id, ctx->msg);
  g_clear_object (&ctx->msg);
  g_free (ctx->path);
  g_free (ctx->sid);
  fault_clear (&ctx->fault);
  g_free (ctx);
}

/* ------------------------------------------------------------------ */
/* Customers as JSON                                                   */

static FakeCustomer *
find_customer_by_id (MedusaFakeServer *self,
                     const char       *id)
{
  if (id == NULL || *id == '\0')
    return NULL;
  for (guint i = 0; i < self->customers->len; i++)
    {
      FakeCustomer *c = g_ptr_array_index (self->customers, i);

      if (g_strcmp0 (c->id, id) == 0)
        return c;
    }
  return NULL;
}

/* Like the real one: the input is lower-cased, the stored value is compared as is. */
static FakeCustomer *
find_customer_by_email (MedusaFakeServer *self,
                        const char       *email)
{
  g_autofree char *lower = NULL;

  if (email == NULL)
    return NULL;
  lower = g_ascii_strdown (email, -1);
  g_strstrip (lower);
  for (guint i = 0; i < self->customers->len; i++)
    {
      FakeCustomer *c = g_ptr_array_index (self->customers, i);

      if (g_strcmp0 (c->email, lower) == 0)
        return c;
    }
  return NULL;
}

static JsonObject *
customer_scalars_json (FakeCustomer *c)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", c->id);
  json_object_set_string_member (o, "created_at", c->created_at);
  json_object_set_string_member (o, "updated_at", c->updated_at);
  json_object_set_null_member (o, "deleted_at");
  set_nullable_string (o, "email", c->email);
  set_nullable_string (o, "first_name", c->first_name);
  set_nullable_string (o, "last_name", c->last_name);
  set_nullable_string (o, "billing_address_id", c->billing_address_id);
  set_nullable_string (o, "phone", c->phone);
  json_object_set_boolean_member (o, "has_account", c->has_account);
  if (c->metadata != NULL)
    json_object_set_object_member (o, "metadata", json_object_ref (c->metadata));
  else
    json_object_set_null_member (o, "metadata");
  return o;
}

static JsonArray *
addresses_json (FakeCustomer *c)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < c->addresses->len; i++)
    {
      JsonObject *a = g_ptr_array_index (c->addresses, i);
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, json_object_ref (a));
      json_array_add_element (array, json_node_copy (node));
      json_node_unref (node);
    }
  return array;
}

/* GET/POST /store/customers/me, POST /store/customers */
static JsonObject *
customer_me_json (FakeCustomer *c)
{
  JsonObject *o = customer_scalars_json (c);

  if (c->billing_address != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, c->billing_address);
      json_object_set_member (o, "billing_address", json_node_copy (node));
      json_node_unref (node);
    }
  else
    json_object_set_null_member (o, "billing_address");
  json_object_set_array_member (o, "shipping_addresses", addresses_json (c));
  return o;
}

/* POST /store/auth, GET /store/auth: orders (with items), no billing_address */
static JsonObject *
customer_auth_json (MedusaFakeServer *self,
                    FakeCustomer     *c)
{
  JsonObject *o = customer_scalars_json (c);
  JsonArray *orders = json_array_new ();

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);
      JsonObject *slim;

      if (g_strcmp0 (order->customer_id, c->id) != 0)
        continue;
      slim = json_object_new ();
      for (guint k = 0; order_scalar_keys[k] != NULL; k++)
        if (g_strcmp0 (order_scalar_keys[k], "object") != 0)
          json_object_set_member (slim, order_scalar_keys[k],
                                  json_object_dup_member (order->json, order_scalar_keys[k]));
      json_object_set_member (slim, "items", json_object_dup_member (order->json, "items"));
      json_array_add_object_element (orders, slim);
    }
  json_object_set_array_member (o, "orders", orders);
  json_object_set_array_member (o, "shipping_addresses", addresses_json (c));
  return o;
}

static JsonObject *
address_new (MedusaFakeServer *self,
             const char       *customer_id)
{
  JsonObject *a = json_object_new ();
  g_autofree char *id = make_id (self, "addr");
  g_autofree char *now = now_string ();

  json_object_set_string_member (a, "id", id);
  json_object_set_string_member (a, "created_at", now);
  json_object_set_string_member (a, "updated_at", now);
  json_object_set_null_member (a, "deleted_at");
  set_nullable_string (a, "customer_id", customer_id);
  for (guint i = 0; address_fields[i] != NULL; i++)
    json_object_set_null_member (a, address_fields[i]);
  json_object_set_null_member (a, "metadata");
  return a;
}

/* Copies the AddressPayload members of @payload into @address (null clears). */
static void
address_apply (JsonObject *address,
               JsonObject *payload)
{
  g_autofree char *now = now_string ();

  for (guint i = 0; address_fields[i] != NULL; i++)
    {
      const char *name = address_fields[i];
      JsonNode *node = json_object_get_member (payload, name);

      if (node == NULL)
        continue;
      if (JSON_NODE_HOLDS_NULL (node))
        json_object_set_null_member (address, name);
      else if (g_strcmp0 (name, "country_code") == 0)
        {
          g_autofree char *lower = g_ascii_strdown (json_node_get_string (node), -1);

          json_object_set_string_member (address, name, lower);
        }
      else
        json_object_set_string_member (address, name, json_node_get_string (node));
    }
  if (json_object_has_member (payload, "metadata"))
    json_object_set_member (address, "metadata", json_object_dup_member (payload, "metadata"));
  json_object_set_string_member (address, "updated_at", now);
}

/* ------------------------------------------------------------------ */
/* Validation (class-validator's messages)                             */

typedef enum
{
  FIELD_STRING,            /* "x must be a string" */
  FIELD_EMAIL,             /* "x must be an email" */
  FIELD_NOT_EMPTY,         /* "x should not be empty" */
  FIELD_OBJECT,            /* "x must be an object" */
  FIELD_ADDRESS_OR_STRING, /* billing_address */
  FIELD_ANY,
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
  gboolean    required;
} FieldSpec;

static void
validate_fields (JsonObject      *body,
                 const FieldSpec *specs,
                 GPtrArray       *errors)
{
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; specs[i].name != NULL; i++)
        if (g_strcmp0 (specs[i].name, l->data) == 0)
          known = TRUE;
      if (!known)
        g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist", (char *) l->data));
    }

  for (guint i = 0; specs[i].name != NULL; i++)
    {
      const FieldSpec *spec = &specs[i];
      JsonNode *node = json_object_get_member (body, spec->name);
      gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);
      gboolean is_string = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING;

      if (is_null && !spec->required)
        continue;

      switch (spec->kind)
        {
        case FIELD_STRING:
          if (!is_string)
            g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", spec->name));
          break;
        case FIELD_EMAIL:
          if (!is_string || !is_email (json_node_get_string (node)))
            g_ptr_array_add (errors, g_strdup_printf ("%s must be an email", spec->name));
          break;
        case FIELD_NOT_EMPTY:
          if (is_null || (is_string && *json_node_get_string (node) == '\0'))
            g_ptr_array_add (errors, g_strdup_printf ("%s should not be empty", spec->name));
          else if (!is_string)
            g_ptr_array_add (errors, g_strdup_printf ("%s must be a string", spec->name));
          break;
        case FIELD_OBJECT:
          if (!JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (errors, g_strdup_printf ("%s must be an object", spec->name));
          break;
        case FIELD_ADDRESS_OR_STRING:
          if (!JSON_NODE_HOLDS_OBJECT (node) && !is_string)
            g_ptr_array_add (errors,
                             g_strdup_printf ("{\"message\":\"%s must be one of: AddressPayload,String\",\"details\":{}}",
                                              spec->name));
          break;
        case FIELD_ANY:
        default:
          break;
        }
    }
}

static const FieldSpec address_payload_specs[] = {
  { "first_name", FIELD_STRING, TRUE },
  { "last_name", FIELD_STRING, TRUE },
  { "address_1", FIELD_STRING, TRUE },
  { "city", FIELD_STRING, TRUE },
  { "country_code", FIELD_STRING, TRUE },
  { "postal_code", FIELD_STRING, TRUE },
  { "company", FIELD_STRING, FALSE },
  { "address_2", FIELD_STRING, FALSE },
  { "province", FIELD_STRING, FALSE },
  { "phone", FIELD_STRING, FALSE },
  { "metadata", FIELD_OBJECT, FALSE },
  { NULL, 0, FALSE }
};

static const FieldSpec address_update_specs[] = {
  { "first_name", FIELD_STRING, FALSE },
  { "last_name", FIELD_STRING, FALSE },
  { "address_1", FIELD_STRING, FALSE },
  { "city", FIELD_STRING, FALSE },
  { "country_code", FIELD_STRING, FALSE },
  { "postal_code", FIELD_STRING, FALSE },
  { "company", FIELD_STRING, FALSE },
  { "address_2", FIELD_STRING, FALSE },
  { "province", FIELD_STRING, FALSE },
  { "phone", FIELD_STRING, FALSE },
  { "metadata", FIELD_OBJECT, FALSE },
  { NULL, 0, FALSE }
};

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static void
respond_raw (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (content_type != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Content-Type", content_type);
  if (body != NULL)
    soup_message_body_append (soup_server_message_get_response_body (msg),
                              SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_json_object (SoupServerMessage *msg,
                     guint              status,
                     JsonObject        *object)   /* (transfer full) */
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (node, object);
  text = json_to_string (node, FALSE);

  /* As Express does: a weak ETag on every 200 answer to a GET, and 304
   * without a body when the request's If-None-Match names it. */
  if (status == SOUP_STATUS_OK &&
      g_strcmp0 (soup_server_message_get_method (msg), "GET") == 0)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
      const char *forced = g_object_get_data (G_OBJECT (msg), "medusa-fake-etag");
      g_autofree char *etag = forced != NULL ? g_strdup (forced) :
                              g_strdup_printf ("W/\"%zx-%s\"", strlen (text), hash);
      const char *if_none_match =
        soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      if (g_strcmp0 (if_none_match, etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  respond_raw (msg, status, "application/json; charset=utf-8", text);
}

static void
respond_wrapped (SoupServerMessage *msg,
                 const char        *key,
                 JsonObject        *object)   /* (transfer full) */
{
  JsonObject *root = json_object_new ();

  json_object_set_object_member (root, key, object);
  respond_json_object (msg, SOUP_STATUS_OK, root);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *type,
               const char        *message)
{
  JsonObject *o = json_object_new ();

  if (code != NULL)
    json_object_set_string_member (o, "code", code);
  json_object_set_string_member (o, "type", type);
  json_object_set_string_member (o, "message", message);
  respond_json_object (msg, status, o);
}

static void
respond_invalid_data (SoupServerMessage *msg,
                      GPtrArray         *errors)
{
  g_ptr_array_add (errors, NULL);
  {
    g_autofree char *joined = g_strjoinv (", ", (char **) errors->pdata);

    respond_error (msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", joined);
  }
}

static void
respond_unknown_error (SoupServerMessage *msg)
{
  respond_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json; charset=utf-8",
               unknown_error_body);
}

/* passport: no Content-Type at all */
static void
respond_unauthorized_plain (SoupServerMessage *msg)
{
  respond_raw (msg, SOUP_STATUS_UNAUTHORIZED, NULL, "Unauthorized");
}

/* wrong email/password at /store/auth and /store/auth/token */
static void
respond_unauthorized_text (SoupServerMessage *msg)
{
  respond_raw (msg, SOUP_STATUS_UNAUTHORIZED, "text/plain; charset=utf-8", "Unauthorized");
}

static void
respond_express_html (SoupServerMessage *msg,
                      guint              status,
                      const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                           "<meta charset=\"utf-8\">\n<title>Error</title>\n"
                                           "</head>\n<body>\n<pre>%s</pre>\n</body>\n</html>\n",
                                           escaped);

  respond_raw (msg, status, "text/html; charset=utf-8", html);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Security-Policy", "default-src 'none'");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Content-Type-Options", "nosniff");
}

static void
respond_not_found_route (RequestCtx *ctx)
{
  g_autofree char *text = g_strdup_printf ("Cannot %s %s",
                                           soup_server_message_get_method (ctx->msg),
                                           ctx->path);

  respond_express_html (ctx->msg, SOUP_STATUS_NOT_FOUND, text);
}

static void
respond_html_400 (SoupServerMessage *msg)
{
  respond_express_html (msg, SOUP_STATUS_BAD_REQUEST,
                        "SyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n"
                        "    at parse (/srv/medusa/node_modules/body-parser/lib/types/json.js:92:19)");
}

/* ------------------------------------------------------------------ */
/* Credentials                                                         */

static FakeCustomer *
ctx_get_customer (RequestCtx *ctx)
{
  MedusaFakeServer *self = ctx->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (ctx->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *customer_id;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    {
      customer_id = g_hash_table_lookup (self->tokens, auth + 7);
      if (customer_id != NULL)
        return find_customer_by_id (self, customer_id);
    }

  if (ctx->sid != NULL && !ctx->session_destroyed)
    {
      customer_id = g_hash_table_lookup (self->sessions, ctx->sid);
      return find_customer_by_id (self, customer_id);
    }
  return NULL;
}

/* connect.sid=s%3A<sid>.<sig> */
static char *
parse_session_cookie (SoupServerMessage *msg)
{
  const char *cookie = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Cookie");
  g_auto(GStrv) parts = NULL;

  if (cookie == NULL)
    return NULL;
  parts = g_strsplit (cookie, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];
      const char *dot;

      while (*p == ' ')
        p++;
      if (!g_str_has_prefix (p, "connect.sid=s%3A"))
        continue;
      p += strlen ("connect.sid=s%3A");
      dot = strchr (p, '.');
      return dot != NULL ? g_strndup (p, dot - p) : g_strdup (p);
    }
  return NULL;
}

static void
add_session_cookie (RequestCtx *ctx)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_hours (now, 10);
  g_autofree char *date = soup_date_time_to_string (expires, SOUP_DATE_HTTP);
  g_autofree char *value = g_strdup_printf ("connect.sid=s%%3A%s.fakeSignature%%2Bx; Path=/; Expires=%s; HttpOnly",
                                            ctx->sid, date);

  soup_message_headers_append (soup_server_message_get_response_headers (ctx->msg),
                               "Set-Cookie", value);
}

static void
ctx_log_in (RequestCtx   *ctx,
            FakeCustomer *c)
{
  g_hash_table_replace (ctx->self->sessions, g_strdup (ctx->sid), g_strdup (c->id));
}

/* ------------------------------------------------------------------ */
/* Orders                                                              */

static JsonObject *
region_json (gboolean with_countries)
{
  static const char *countries[][5] = {
    { "82", "de", "deu", "276", "Germany" },
    { "75", "fr", "fra", "250", "France" },
    { "157", "nl", "nld", "528", "Netherlands" },
    { "109", "it", "ita", "380", "Italy" },
    { "209", "es", "esp", "724", "Spain" },
    { "60", "dk", "dnk", "208", "Denmark" },
    { "215", "se", "swe", "752", "Sweden" },
    { "14", "at", "aut", "40", "Austria" },
    { "21", "be", "bel", "56", "Belgium" },
    { "78", "gb", "gbr", "826", "United Kingdom" },
  };
  JsonObject *r = json_object_new ();

  json_object_set_string_member (r, "id", MEDUSA_FAKE_REGION_ID);
  json_object_set_string_member (r, "created_at", "2025-01-01T00:00:00.000Z");
  json_object_set_string_member (r, "updated_at", "2025-01-01T00:00:00.000Z");
  json_object_set_null_member (r, "deleted_at");
  json_object_set_string_member (r, "name", "EU");
  json_object_set_string_member (r, "currency_code", "eur");
  json_object_set_int_member (r, "tax_rate", 0);
  json_object_set_null_member (r, "tax_code");
  json_object_set_boolean_member (r, "gift_cards_taxable", TRUE);
  json_object_set_boolean_member (r, "automatic_taxes", TRUE);
  json_object_set_null_member (r, "tax_provider_id");
  json_object_set_null_member (r, "metadata");

  if (with_countries)
    {
      JsonArray *array = json_array_new ();
      JsonObject *currency = json_object_new ();
      JsonArray *providers;
      JsonObject *manual;

      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        {
          JsonObject *c = json_object_new ();
          g_autofree char *upper = g_ascii_strup (countries[i][4], -1);

          json_object_set_int_member (c, "id", g_ascii_strtoll (countries[i][0], NULL, 10));
          json_object_set_string_member (c, "iso_2", countries[i][1]);
          json_object_set_string_member (c, "iso_3", countries[i][2]);
          json_object_set_int_member (c, "num_code", g_ascii_strtoll (countries[i][3], NULL, 10));
          json_object_set_string_member (c, "name", upper);
          json_object_set_string_member (c, "display_name", countries[i][4]);
          json_object_set_string_member (c, "region_id", MEDUSA_FAKE_REGION_ID);
          json_array_add_object_element (array, c);
        }
      json_object_set_array_member (r, "countries", array);

      json_object_set_string_member (currency, "code", "eur");
      json_object_set_string_member (currency, "symbol", "€");
      json_object_set_string_member (currency, "symbol_native", "€");
      json_object_set_string_member (currency, "name", "Euro");
      json_object_set_object_member (r, "currency", currency);

      providers = json_array_new ();
      manual = json_object_new ();
      json_object_set_string_member (manual, "id", "manual");
      json_object_set_boolean_member (manual, "is_installed", TRUE);
      json_array_add_object_element (providers, manual);
      json_object_set_array_member (r, "fulfillment_providers", json_array_ref (providers));
      json_object_set_array_member (r, "payment_providers", providers);
    }
  return r;
}

static JsonObject *
tax_line_json (MedusaFakeServer *self,
               const char       *prefix,
               const char       *owner_key,
               const char       *owner_id,
               const char       *date)
{
  JsonObject *t = json_object_new ();
  g_autofree char *id = make_id (self, prefix);

  json_object_set_string_member (t, "id", id);
  json_object_set_string_member (t, "created_at", date);
  json_object_set_string_member (t, "updated_at", date);
  json_object_set_int_member (t, "rate", 0);
  json_object_set_string_member (t, "name", "default");
  json_object_set_string_member (t, "code", "default");
  json_object_set_null_member (t, "metadata");
  json_object_set_string_member (t, owner_key, owner_id);
  return t;
}

static JsonObject *
line_item_json (MedusaFakeServer *self,
                const char       *order_id,
                const char       *cart_id,
                const char       *title,
                const char       *variant_title,
                const char       *sku,
                gint64            unit_price,
                gint64            quantity,
                const char       *fulfillment_status,
                const char       *date)
{
  JsonObject *item = json_object_new ();
  JsonObject *variant = json_object_new ();
  JsonArray *tax_lines = json_array_new ();
  g_autofree char *id = make_id (self, "item");
  g_autofree char *variant_id = make_id (self, "variant");
  g_autofree char *product_id = make_id (self, "prod");
  gboolean fulfilled = g_strcmp0 (fulfillment_status, "fulfilled") == 0 ||
                       g_strcmp0 (fulfillment_status, "shipped") == 0 ||
                       g_strcmp0 (fulfillment_status, "returned") == 0;
  gint64 total = unit_price * quantity;

  json_object_set_string_member (item, "id", id);
  json_object_set_string_member (item, "created_at", date);
  json_object_set_string_member (item, "updated_at", date);
  json_object_set_string_member (item, "cart_id", cart_id);
  json_object_set_string_member (item, "order_id", order_id);
  json_object_set_null_member (item, "swap_id");
  json_object_set_null_member (item, "claim_order_id");
  json_object_set_null_member (item, "original_item_id");
  json_object_set_null_member (item, "order_edit_id");
  json_object_set_string_member (item, "title", title);
  json_object_set_string_member (item, "description", variant_title);
  json_object_set_null_member (item, "thumbnail");
  json_object_set_boolean_member (item, "is_return", FALSE);
  json_object_set_boolean_member (item, "is_giftcard", FALSE);
  json_object_set_boolean_member (item, "should_merge", TRUE);
  json_object_set_boolean_member (item, "allow_discounts", TRUE);
  json_object_set_boolean_member (item, "has_shipping", TRUE);
  json_object_set_int_member (item, "unit_price", unit_price);
  json_object_set_string_member (item, "variant_id", variant_id);
  json_object_set_int_member (item, "quantity", quantity);
  if (fulfilled)
    json_object_set_int_member (item, "fulfilled_quantity", quantity);
  else
    json_object_set_null_member (item, "fulfilled_quantity");
  if (g_strcmp0 (fulfillment_status, "returned") == 0)
    json_object_set_int_member (item, "returned_quantity", quantity);
  else
    json_object_set_null_member (item, "returned_quantity");
  if (g_strcmp0 (fulfillment_status, "shipped") == 0 || g_strcmp0 (fulfillment_status, "returned") == 0)
    json_object_set_int_member (item, "shipped_quantity", quantity);
  else
    json_object_set_null_member (item, "shipped_quantity");
  json_object_set_object_member (item, "metadata", json_object_new ());
  json_object_set_array_member (item, "adjustments", json_array_new ());
  json_array_add_object_element (tax_lines, tax_line_json (self, "litl", "item_id", id, date));
  json_object_set_array_member (item, "tax_lines", tax_lines);

  json_object_set_string_member (variant, "id", variant_id);
  json_object_set_string_member (variant, "created_at", "2025-01-01T00:00:00.000Z");
  json_object_set_string_member (variant, "updated_at", date);
  json_object_set_null_member (variant, "deleted_at");
  json_object_set_string_member (variant, "title", variant_title);
  json_object_set_string_member (variant, "product_id", product_id);
  json_object_set_string_member (variant, "sku", sku);
  json_object_set_null_member (variant, "barcode");
  json_object_set_null_member (variant, "ean");
  json_object_set_null_member (variant, "upc");
  json_object_set_int_member (variant, "variant_rank", 0);
  json_object_set_int_member (variant, "inventory_quantity", 100);
  json_object_set_boolean_member (variant, "allow_backorder", FALSE);
  json_object_set_boolean_member (variant, "manage_inventory", TRUE);
  json_object_set_null_member (variant, "hs_code");
  json_object_set_null_member (variant, "origin_country");
  json_object_set_null_member (variant, "mid_code");
  json_object_set_null_member (variant, "material");
  json_object_set_null_member (variant, "weight");
  json_object_set_null_member (variant, "length");
  json_object_set_null_member (variant, "height");
  json_object_set_null_member (variant, "width");
  json_object_set_null_member (variant, "metadata");
  json_object_set_object_member (item, "variant", variant);

  json_object_set_int_member (item, "subtotal", total);
  json_object_set_int_member (item, "discount_total", 0);
  json_object_set_int_member (item, "total", total);
  json_object_set_int_member (item, "original_total", total);
  json_object_set_int_member (item, "original_tax_total", 0);
  json_object_set_int_member (item, "tax_total", 0);
  json_object_set_int_member (item, "raw_discount_total", 0);
  json_object_set_int_member (item, "refundable", total);
  return item;
}

static FakeOrder *
order_new (MedusaFakeServer *self,
           FakeCustomer     *c,
           guint             display_id)
{
  static const char *states[][3] = {
    { "pending", "not_fulfilled", "awaiting" },
    { "completed", "shipped", "captured" },
    { "canceled", "canceled", "canceled" },
    { "pending", "fulfilled", "captured" },
    { "requires_action", "not_fulfilled", "requires_action" },
    { "archived", "returned", "refunded" },
  };
  const char * const *state = states[(display_id - 1) % G_N_ELEMENTS (states)];
  FakeOrder *order = g_new0 (FakeOrder, 1);
  JsonObject *o = json_object_new ();
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (2025, 1, 1, 10, 0, 0);
  g_autofree char *cart_id = make_id (self, "cart");
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *street = NULL;
  g_autofree char *tracking = NULL;
  JsonArray *items = json_array_new ();
  JsonArray *array;
  JsonObject *obj;
  gint64 subtotal = 0;
  gint64 shipping = (display_id % 2 == 1) ? 1500 : 800;
  gint64 total;
  gint64 paid;
  gint64 refunded;
  gboolean has_fulfillment = g_strcmp0 (state[1], "shipped") == 0 ||
                             g_strcmp0 (state[1], "fulfilled") == 0 ||
                             g_strcmp0 (state[1], "returned") == 0;
  gboolean shipped = g_strcmp0 (state[1], "shipped") == 0 || g_strcmp0 (state[1], "returned") == 0;

  order->id = make_id (self, "order");
  order->display_id = display_id;
  order->customer_id = g_strdup (c->id);
  order->created_at = g_date_time_add_days (epoch, display_id - 1);
  order->updated_at = g_date_time_add_hours (order->created_at, 1);
  if (g_strcmp0 (state[0], "canceled") == 0)
    order->canceled_at = g_date_time_add_hours (order->created_at, 1);
  created = format_date (order->created_at);
  updated = format_date (order->updated_at);

  json_object_set_string_member (o, "object", "order");
  json_object_set_string_member (o, "id", order->id);
  json_object_set_string_member (o, "created_at", created);
  json_object_set_string_member (o, "status", state[0]);
  json_object_set_string_member (o, "fulfillment_status", state[1]);
  json_object_set_string_member (o, "payment_status", state[2]);
  json_object_set_int_member (o, "display_id", display_id);
  json_object_set_string_member (o, "cart_id", cart_id);
  json_object_set_string_member (o, "customer_id", c->id);
  json_object_set_string_member (o, "email", c->email);
  json_object_set_string_member (o, "region_id", MEDUSA_FAKE_REGION_ID);
  json_object_set_string_member (o, "currency_code", "eur");
  json_object_set_null_member (o, "tax_rate");
  json_object_set_array_member (o, "claims", json_array_new ());
  json_object_set_object_member (o, "customer", customer_scalars_json (c));
  json_object_set_array_member (o, "discounts", json_array_new ());

  /* items first: fulfillments refer to them */
  {
    static const char *sizes[] = { "S", "M", "L" };
    const char *size = sizes[display_id % 3];
    g_autofree char *sku = g_strdup_printf ("TSHIRT-%s", size);
    gint64 qty = (display_id % 3) + 1;

    json_array_add_object_element (items, line_item_json (self, order->id, cart_id, "Test T-Shirt",
                                                          size, sku, 1950, qty, state[1], updated));
    subtotal += 1950 * qty;
    if (display_id % 2 == 0)
      {
        json_array_add_object_element (items, line_item_json (self, order->id, cart_id, "Test Mug",
                                                              "White", "MUG-WHITE", 1200, 1,
                                                              state[1], updated));
        subtotal += 1200;
      }
  }
  total = subtotal + shipping;
  paid = (g_strcmp0 (state[2], "captured") == 0 || g_strcmp0 (state[2], "refunded") == 0) ? total : 0;
  refunded = g_strcmp0 (state[2], "refunded") == 0 ? total : 0;

  array = json_array_new ();
  if (has_fulfillment)
    {
      JsonObject *f = json_object_new ();
      JsonArray *links = json_array_new ();
      JsonArray *fitems = json_array_new ();
      g_autofree char *fid = make_id (self, "ful");

      tracking = g_strdup_printf ("TRACK-%u", display_id);
      json_object_set_string_member (f, "id", fid);
      json_object_set_string_member (f, "created_at", updated);
      json_object_set_string_member (f, "updated_at", updated);
      json_object_set_null_member (f, "claim_order_id");
      json_object_set_null_member (f, "swap_id");
      json_object_set_string_member (f, "order_id", order->id);
      json_object_set_null_member (f, "no_notification");
      json_object_set_string_member (f, "provider_id", "manual");
      json_object_set_null_member (f, "location_id");
      json_object_set_array_member (f, "tracking_numbers", json_array_new ());
      json_object_set_object_member (f, "data", json_object_new ());
      set_nullable_string (f, "shipped_at", shipped ? updated : NULL);
      json_object_set_null_member (f, "canceled_at");
      json_object_set_object_member (f, "metadata", json_object_new ());
      json_object_set_null_member (f, "idempotency_key");
      if (shipped)
        {
          JsonObject *link = json_object_new ();
          g_autofree char *lid = make_id (self, "tlink");

          json_object_set_string_member (link, "id", lid);
          json_object_set_string_member (link, "created_at", updated);
          json_object_set_string_member (link, "updated_at", updated);
          json_object_set_null_member (link, "deleted_at");
          json_object_set_null_member (link, "url");
          json_object_set_string_member (link, "tracking_number", tracking);
          json_object_set_string_member (link, "fulfillment_id", fid);
          json_object_set_null_member (link, "idempotency_key");
          json_object_set_null_member (link, "metadata");
          json_array_add_object_element (links, link);
        }
      json_object_set_array_member (f, "tracking_links", links);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonObject *fi = json_object_new ();

          json_object_set_string_member (fi, "fulfillment_id", fid);
          json_object_set_string_member (fi, "item_id", json_object_get_string_member (item, "id"));
          json_object_set_int_member (fi, "quantity", json_object_get_int_member (item, "quantity"));
          json_array_add_object_element (fitems, fi);
        }
      json_object_set_array_member (f, "items", fitems);
      json_array_add_object_element (array, f);
    }
  json_object_set_array_member (o, "fulfillments", array);
  json_object_set_array_member (o, "gift_card_transactions", json_array_new ());
  json_object_set_array_member (o, "gift_cards", json_array_new ());
  json_object_set_array_member (o, "items", items);

  /* payments */
  array = json_array_new ();
  obj = json_object_new ();
  {
    g_autofree char *pid = make_id (self, "pay");
    JsonObject *data = json_object_new ();

    json_object_set_string_member (obj, "id", pid);
    json_object_set_string_member (obj, "created_at", created);
    json_object_set_string_member (obj, "updated_at", updated);
    json_object_set_null_member (obj, "swap_id");
    json_object_set_string_member (obj, "cart_id", cart_id);
    json_object_set_string_member (obj, "order_id", order->id);
    json_object_set_int_member (obj, "amount", total);
    json_object_set_string_member (obj, "currency_code", "eur");
    json_object_set_int_member (obj, "amount_refunded", refunded);
    json_object_set_string_member (obj, "provider_id", "manual");
    json_object_set_string_member (data, "status", paid > 0 ? "captured" : "pending");
    json_object_set_object_member (obj, "data", data);
    set_nullable_string (obj, "captured_at", paid > 0 ? updated : NULL);
    set_nullable_string (obj, "canceled_at", order->canceled_at != NULL ? updated : NULL);
    json_object_set_null_member (obj, "metadata");
    json_object_set_null_member (obj, "idempotency_key");
  }
  json_array_add_object_element (array, obj);
  json_object_set_array_member (o, "payments", array);

  /* refunds */
  array = json_array_new ();
  if (refunded > 0)
    {
      g_autofree char *rid = make_id (self, "ref");

      obj = json_object_new ();
      json_object_set_string_member (obj, "id", rid);
      json_object_set_string_member (obj, "created_at", updated);
      json_object_set_string_member (obj, "updated_at", updated);
      json_object_set_string_member (obj, "order_id", order->id);
      json_object_set_null_member (obj, "payment_id");
      json_object_set_int_member (obj, "amount", refunded);
      json_object_set_null_member (obj, "note");
      json_object_set_string_member (obj, "reason", "return");
      json_object_set_null_member (obj, "metadata");
      json_object_set_null_member (obj, "idempotency_key");
      json_array_add_object_element (array, obj);
    }
  json_object_set_array_member (o, "refunds", array);
  json_object_set_object_member (o, "region", region_json (FALSE));

  /* shipping address */
  obj = address_new (self, NULL);
  street = g_strdup_printf ("Teststrasse %u", display_id);
  set_nullable_string (obj, "first_name", c->first_name);
  set_nullable_string (obj, "last_name", c->last_name);
  json_object_set_string_member (obj, "address_1", street);
  json_object_set_string_member (obj, "city", "Berlin");
  json_object_set_string_member (obj, "country_code", "de");
  json_object_set_string_member (obj, "postal_code", "10115");
  set_nullable_string (obj, "phone", c->phone);
  json_object_set_string_member (obj, "created_at", created);
  json_object_set_string_member (obj, "updated_at", created);
  json_object_set_object_member (o, "shipping_address", obj);

  /* shipping methods */
  array = json_array_new ();
  {
    JsonObject *sm = json_object_new ();
    JsonObject *so = json_object_new ();
    JsonObject *sodata = json_object_new ();
    JsonArray *tax_lines = json_array_new ();
    g_autofree char *smid = make_id (self, "sm");
    const char *so_id = shipping == 1500 ? "so_01FAKEEXPRESS000000000000" : "so_01FAKESTANDARD00000000000";

    json_object_set_string_member (sm, "id", smid);
    json_object_set_string_member (sm, "shipping_option_id", so_id);
    json_object_set_string_member (sm, "order_id", order->id);
    json_object_set_null_member (sm, "claim_order_id");
    json_object_set_string_member (sm, "cart_id", cart_id);
    json_object_set_null_member (sm, "swap_id");
    json_object_set_null_member (sm, "return_id");
    json_object_set_int_member (sm, "price", shipping);
    json_object_set_object_member (sm, "data", json_object_new ());

    json_object_set_string_member (so, "id", so_id);
    json_object_set_string_member (so, "created_at", "2025-01-01T00:00:00.000Z");
    json_object_set_string_member (so, "updated_at", "2025-01-01T00:00:00.000Z");
    json_object_set_null_member (so, "deleted_at");
    json_object_set_string_member (so, "name", shipping == 1500 ? "Express Shipping" : "Standard Shipping");
    json_object_set_string_member (so, "region_id", MEDUSA_FAKE_REGION_ID);
    json_object_set_string_member (so, "profile_id", "sp_01FAKEPROFILE0000000000000");
    json_object_set_string_member (so, "provider_id", "manual");
    json_object_set_string_member (so, "price_type", "flat_rate");
    json_object_set_int_member (so, "amount", shipping);
    json_object_set_boolean_member (so, "is_return", FALSE);
    json_object_set_boolean_member (so, "admin_only", FALSE);
    json_object_set_string_member (sodata, "id", "manual-fulfillment");
    json_object_set_object_member (so, "data", sodata);
    json_object_set_null_member (so, "metadata");
    json_object_set_object_member (sm, "shipping_option", so);

    json_array_add_object_element (tax_lines, tax_line_json (self, "smtl", "shipping_method_id", smid, updated));
    json_object_set_array_member (sm, "tax_lines", tax_lines);
    json_object_set_int_member (sm, "original_total", shipping);
    json_object_set_int_member (sm, "total", shipping);
    json_object_set_int_member (sm, "subtotal", shipping);
    json_object_set_int_member (sm, "original_tax_total", 0);
    json_object_set_int_member (sm, "tax_total", 0);
    json_array_add_object_element (array, sm);
  }
  json_object_set_array_member (o, "shipping_methods", array);
  json_object_set_array_member (o, "swaps", json_array_new ());

  json_object_set_int_member (o, "subtotal", subtotal);
  json_object_set_int_member (o, "discount_total", 0);
  json_object_set_int_member (o, "shipping_total", shipping);
  json_object_set_int_member (o, "refunded_total", refunded);
  json_object_set_int_member (o, "paid_total", paid);
  json_object_set_int_member (o, "refundable_amount", paid - refunded);
  json_object_set_int_member (o, "item_tax_total", 0);
  json_object_set_int_member (o, "shipping_tax_total", 0);
  json_object_set_int_member (o, "tax_total", 0);
  json_object_set_int_member (o, "gift_card_total", 0);
  json_object_set_int_member (o, "gift_card_tax_total", 0);
  json_object_set_int_member (o, "raw_discount_total", 0);
  json_object_set_int_member (o, "total", total);

  order->json = o;
  order->returns = json_array_new ();
  return order;
}

/* The order as sent: @fields/@expand as the list route projects them
 * (NULL = not given), @detail for GET /store/orders/{id}. */
static JsonObject *
order_project (MedusaFakeServer *self,
               FakeOrder        *order,
               GStrv             fields,
               GStrv             expand,
               gboolean          detail)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (order->json);
  gboolean fields_have_totals = FALSE;

  if (fields != NULL)
    for (guint i = 0; fields[i] != NULL; i++)
      if (strv_has (order_total_keys, fields[i]))
        fields_have_totals = TRUE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean include = TRUE;

      if (detail && strv_has (order_detail_hidden_keys, name))
        continue;

      if (strv_has (order_scalar_keys, name))
        {
          if (fields != NULL)
            include = strv_has ((const char * const *) fields, name) ||
                      g_strcmp0 (name, "object") == 0 || g_strcmp0 (name, "id") == 0 ||
                      g_strcmp0 (name, "created_at") == 0 || g_strcmp0 (name, "tax_rate") == 0;
        }
      else if (strv_has (order_relation_keys, name))
        {
          if (expand != NULL)
            {
              include = strv_has (order_base_relation_keys, name);
              for (guint i = 0; expand[i] != NULL && !include; i++)
                {
                  g_autofree char *head = g_strdup (expand[i]);
                  char *dot = strchr (head, '.');

                  if (dot != NULL)
                    *dot = '\0';
                  include = g_strcmp0 (head, name) == 0;
                }
            }
        }
      else if (strv_has (order_total_keys, name))
        {
          if (fields_have_totals)
            include = strv_has ((const char * const *) fields, name);
        }

      if (!include)
        continue;

      if (g_strcmp0 (name, "customer") == 0)
        {
          FakeCustomer *c = find_customer_by_id (self, order->customer_id);

          if (c != NULL)
            {
              json_object_set_object_member (out, name, customer_scalars_json (c));
              continue;
            }
        }
      json_object_set_member (out, name, json_object_dup_member (order->json, name));
    }

  /* Returns: only when expanded (GET /store/orders/{id} cannot). */
  for (guint i = 0; expand != NULL && expand[i] != NULL; i++)
    if (g_strcmp0 (expand[i], "returns") == 0 && order->returns != NULL)
      json_object_set_array_member (out, "returns", json_array_ref (order->returns));

  /* Not among the list's default columns: only when asked for. */
  if (fields != NULL && strv_has ((const char * const *) fields, "updated_at"))
    {
      g_autofree char *updated = format_date (order->updated_at);

      json_object_set_string_member (out, "updated_at", updated);
    }
  if (fields != NULL && strv_has ((const char * const *) fields, "canceled_at"))
    {
      g_autofree char *canceled = order->canceled_at ? format_date (order->canceled_at) : NULL;

      if (canceled != NULL)
        json_object_set_string_member (out, "canceled_at", canceled);
      else
        json_object_set_null_member (out, "canceled_at");
    }
  return out;
}

/* ------------------------------------------------------------------ */
/* Query strings (Express + qs)                                        */

typedef struct
{
  char *name;
  char *sub;    /* (nullable) the part in brackets; "" for [] */
  char *value;
} QueryParam;

static void
query_param_free (QueryParam *p)
{
  g_free (p->name);
  g_free (p->sub);
  g_free (p->value);
  g_free (p);
}

static char *
qs_decode (const char *str)
{
  g_autofree char *plus = g_strdup (str);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  return decoded != NULL ? decoded : g_strdup (plus);
}

static GPtrArray *
parse_query (const char *query)
{
  GPtrArray *params = g_ptr_array_new_with_free_func ((GDestroyNotify) query_param_free);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL || *query == '\0')
    return params;
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      QueryParam *p;
      char *eq;
      g_autofree char *key = NULL;
      char *bracket;

      if (*pairs[i] == '\0')
        continue;
      p = g_new0 (QueryParam, 1);
      eq = strchr (pairs[i], '=');
      if (eq != NULL)
        {
          *eq = '\0';
          p->value = qs_decode (eq + 1);
        }
      else
        p->value = g_strdup ("");
      key = qs_decode (pairs[i]);
      bracket = strchr (key, '[');
      if (bracket != NULL && bracket != key && g_str_has_suffix (bracket, "]"))
        {
          p->name = g_strndup (key, bracket - key);
          p->sub = g_strndup (bracket + 1, strlen (bracket) - 2);
        }
      else
        p->name = g_strdup (key);
      g_ptr_array_add (params, p);
    }
  return params;
}

static GDateTime *
parse_query_date (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gboolean digits = *value != '\0';

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      digits = FALSE;
  if (digits)
    return g_date_time_new_from_unix_utc (g_ascii_strtoll (value, NULL, 10));
  if (strlen (value) == 10)
    {
      g_autofree char *full = g_strdup_printf ("%sT00:00:00Z", value);

      return g_date_time_new_from_iso8601 (full, utc);
    }
  return g_date_time_new_from_iso8601 (value, utc);
}

static gboolean
is_integer (const char *value,
            gboolean   *negative)
{
  const char *p = value;

  *negative = FALSE;
  if (*p == '-')
    {
      *negative = TRUE;
      p++;
    }
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static const char *date_fields[] = { "created_at", "updated_at", "canceled_at", NULL };
static const char *date_ops[] = { "lt", "gt", "lte", "gte", NULL };

typedef struct
{
  GPtrArray *status;              /* (nullable) of (unowned) char* */
  GPtrArray *fulfillment_status;
  GPtrArray *payment_status;
  const char *id;
  const char *q;
  const char *display_id;
  const char *cart_id;
  const char *email;
  const char *region_id;
  const char *currency_code;
  const char *tax_rate;
  GDateTime  *dates[3][4];
  gint64      limit;
  gint64      offset;
  GStrv       fields;
  GStrv       expand;
} OrderFilter;

static void
order_filter_clear (OrderFilter *f)
{
  g_clear_pointer (&f->status, g_ptr_array_unref);
  g_clear_pointer (&f->fulfillment_status, g_ptr_array_unref);
  g_clear_pointer (&f->payment_status, g_ptr_array_unref);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 4; j++)
      g_clear_pointer (&f->dates[i][j], g_date_time_unref);
  g_clear_pointer (&f->fields, g_strfreev);
  g_clear_pointer (&f->expand, g_strfreev);
}

static GStrv
split_comma_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Returns FALSE with a response set on @msg when the query is rejected. */
static gboolean
order_filter_parse (OrderFilter       *f,
                    GPtrArray         *params,
                    SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  gboolean server_error = FALSE;

  f->limit = 10;
  f->offset = 0;

  for (guint i = 0; i < params->len; i++)
    {
      QueryParam *p = g_ptr_array_index (params, i);
      const char * const *allowed = NULL;
      GPtrArray **target = NULL;
      int date_index = -1;

      if (g_strcmp0 (p->name, "status") == 0)
        {
          allowed = status_values;
          target = &f->status;
        }
      else if (g_strcmp0 (p->name, "fulfillment_status") == 0)
        {
          allowed = fulfillment_status_values;
          target = &f->fulfillment_status;
        }
      else if (g_strcmp0 (p->name, "payment_status") == 0)
        {
          allowed = payment_status_values;
          target = &f->payment_status;
        }

      for (guint d = 0; date_fields[d] != NULL; d++)
        if (g_strcmp0 (p->name, date_fields[d]) == 0)
          date_index = d;

      if (target != NULL)
        {
          if (*target == NULL)
            *target = g_ptr_array_new ();
          if (!strv_has (allowed, p->value))
            {
              g_autofree char *list = g_strjoinv (", ", (char **) allowed);
              char *message = g_strdup_printf ("each value in %s must be one of the following values: %s",
                                               p->name, list);
              gboolean dup = FALSE;

              for (guint e = 0; e < errors->len; e++)
                if (g_strcmp0 (g_ptr_array_index (errors, e), message) == 0)
                  dup = TRUE;
              if (dup)
                g_free (message);
              else
                g_ptr_array_add (errors, message);
            }
          else
            g_ptr_array_add (*target, p->value);
        }
      else if (date_index >= 0)
        {
          int op_index = -1;

          if (p->sub == NULL)
            {
              g_ptr_array_add (errors, g_strdup_printf ("nested property %s must be either object or array",
                                                        p->name));
              continue;
            }
          for (guint o = 0; date_ops[o] != NULL; o++)
            if (g_strcmp0 (p->sub, date_ops[o]) == 0)
              op_index = o;
          if (op_index < 0)
            {
              g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist", p->sub));
              continue;
            }
          g_clear_pointer (&f->dates[date_index][op_index], g_date_time_unref);
          f->dates[date_index][op_index] = parse_query_date (p->value);
          if (f->dates[date_index][op_index] == NULL)
            g_ptr_array_add (errors, g_strdup_printf ("%s must be a Date instance", p->sub));
        }
      else if (g_strcmp0 (p->name, "limit") == 0 || g_strcmp0 (p->name, "offset") == 0)
        {
          gboolean negative;

          if (!is_integer (p->value, &negative))
            g_ptr_array_add (errors, g_strdup_printf ("%s must be a number conforming to the specified constraints",
                                                      p->name));
          else if (negative)
            server_error = TRUE;
          else if (g_strcmp0 (p->name, "limit") == 0)
            f->limit = g_ascii_strtoll (p->value, NULL, 10);
          else
            f->offset = g_ascii_strtoll (p->value, NULL, 10);
        }
      else if (g_strcmp0 (p->name, "display_id") == 0)
        {
          gboolean negative;

          if (!is_integer (p->value, &negative))
            server_error = TRUE;
          f->display_id = p->value;
        }
      else if (g_strcmp0 (p->name, "fields") == 0)
        {
          g_clear_pointer (&f->fields, g_strfreev);
          f->fields = split_comma_list (p->value);
          for (guint k = 0; f->fields[k] != NULL; k++)
            if (!strv_has (order_scalar_keys, f->fields[k]) &&
                !strv_has (order_total_keys, f->fields[k]) &&
                g_strcmp0 (f->fields[k], "updated_at") != 0 &&
                g_strcmp0 (f->fields[k], "canceled_at") != 0 &&
                g_strcmp0 (f->fields[k], "metadata") != 0)
              server_error = TRUE;
        }
      else if (g_strcmp0 (p->name, "expand") == 0)
        {
          g_clear_pointer (&f->expand, g_strfreev);
          f->expand = split_comma_list (p->value);
          for (guint k = 0; f->expand[k] != NULL; k++)
            {
              g_autofree char *head = g_strdup (f->expand[k]);
              char *dot = strchr (head, '.');

              if (dot != NULL)
                *dot = '\0';
              if (!strv_has (order_relation_keys, head) && g_strcmp0 (head, "returns") != 0)
                server_error = TRUE;
            }
        }
      else if (g_strcmp0 (p->name, "id") == 0)
        {
          /* like the real one: one id only (id[]=, id[0]=, id=a&id=b: 400) */
          if (p->sub != NULL || f->id != NULL)
            g_ptr_array_add (errors, g_strdup ("id must be a string"));
          f->id = p->value;
        }
      else if (g_strcmp0 (p->name, "q") == 0)
        f->q = p->value;
      else if (g_strcmp0 (p->name, "cart_id") == 0)
        f->cart_id = p->value;
      else if (g_strcmp0 (p->name, "email") == 0)
        f->email = p->value;
      else if (g_strcmp0 (p->name, "region_id") == 0)
        f->region_id = p->value;
      else if (g_strcmp0 (p->name, "currency_code") == 0)
        f->currency_code = p->value;
      else if (g_strcmp0 (p->name, "tax_rate") == 0)
        f->tax_rate = p->value;
      else
        g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist", p->name));
    }

  if (errors->len > 0)
    {
      respond_invalid_data (msg, errors);
      return FALSE;
    }
  if (server_error)
    {
      respond_unknown_error (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
string_in (GPtrArray  *values,
           const char *value)
{
  if (values == NULL)
    return TRUE;
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
order_matches (MedusaFakeServer  *self,
               FakeOrder         *order,
               FakeCustomer      *customer,
               const OrderFilter *f)
{
  JsonObject *o = order->json;

  if (g_strcmp0 (order->customer_id, customer->id) != 0)
    return FALSE;
  if (!string_in (f->status, json_object_get_string_member (o, "status")) ||
      !string_in (f->fulfillment_status, json_object_get_string_member (o, "fulfillment_status")) ||
      !string_in (f->payment_status, json_object_get_string_member (o, "payment_status")))
    return FALSE;
  if (f->id != NULL && g_strcmp0 (f->id, order->id) != 0)
    return FALSE;
  if (f->display_id != NULL && g_ascii_strtoull (f->display_id, NULL, 10) != order->display_id)
    return FALSE;
  if (f->cart_id != NULL && g_strcmp0 (f->cart_id, json_object_get_string_member (o, "cart_id")) != 0)
    return FALSE;
  if (f->email != NULL && g_strcmp0 (f->email, json_object_get_string_member (o, "email")) != 0)
    return FALSE;
  if (f->region_id != NULL && g_strcmp0 (f->region_id, json_object_get_string_member (o, "region_id")) != 0)
    return FALSE;
  if (f->currency_code != NULL &&
      g_strcmp0 (f->currency_code, json_object_get_string_member (o, "currency_code")) != 0)
    return FALSE;
  if (f->tax_rate != NULL)
    return FALSE; /* every order has tax_rate null */

  for (guint d = 0; d < 3; d++)
    {
      GDateTime *value = d == 0 ? order->created_at : d == 1 ? order->updated_at : order->canceled_at;

      for (guint op = 0; op < 4; op++)
        {
          GDateTime *bound = f->dates[d][op];
          int cmp;

          if (bound == NULL)
            continue;
          if (value == NULL)
            return FALSE;
          cmp = g_date_time_compare (value, bound);
          if ((op == 0 && !(cmp < 0)) || (op == 1 && !(cmp > 0)) ||
              (op == 2 && !(cmp <= 0)) || (op == 3 && !(cmp >= 0)))
            return FALSE;
        }
    }

  if (f->q != NULL && *f->q != '\0')
    {
      JsonObject *shipping = json_object_get_object_member (o, "shipping_address");
      g_autofree char *display = g_strdup_printf ("%u", order->display_id);

      if (!ci_contains (json_object_get_string_member_with_default (shipping, "first_name", NULL), f->q) &&
          !ci_contains (json_object_get_string_member (o, "email"), f->q) &&
          !ci_contains (display, f->q) &&
          !ci_contains (customer->first_name, f->q) &&
          !ci_contains (customer->last_name, f->q) &&
          !ci_contains (customer->phone, f->q))
        return FALSE;
    }
  (void) self;
  return TRUE;
}

static int
order_compare_desc (gconstpointer a,
                    gconstpointer b)
{
  FakeOrder *oa = *(FakeOrder **) a;
  FakeOrder *ob = *(FakeOrder **) b;

  return g_date_time_compare (ob->created_at, oa->created_at);
}

/* ------------------------------------------------------------------ */
/* Routes                                                              */

static JsonObject *
ctx_body (RequestCtx *ctx)
{
  JsonNode *node = ctx->record->body_json;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  return NULL;
}

static void
route_auth_token (RequestCtx *ctx,
                  JsonObject *body,
                  gboolean    cookie)
{
  static const FieldSpec specs[] = {
    { "email", FIELD_EMAIL, TRUE },
    { "password", FIELD_NOT_EMPTY, TRUE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  FakeCustomer *c;

  validate_fields (body, specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  c = find_customer_by_email (ctx->self, json_object_get_string_member (body, "email"));
  if (c == NULL || !c->has_account || c->password == NULL ||
      g_strcmp0 (c->password, json_object_get_string_member (body, "password")) != 0)
    {
      respond_unauthorized_text (ctx->msg);
      return;
    }

  if (cookie)
    {
      ctx_log_in (ctx, c);
      respond_wrapped (ctx->msg, "customer", customer_auth_json (ctx->self, c));
    }
  else
    {
      g_autofree char *token = make_jwt (c->id, 30 * 24 * 3600);
      JsonObject *root = json_object_new ();

      g_hash_table_replace (ctx->self->tokens, g_strdup (token), g_strdup (c->id));
      json_object_set_string_member (root, "access_token", token);
      respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
    }
}

static void
route_register (RequestCtx *ctx,
                JsonObject *body)
{
  static const FieldSpec specs[] = {
    { "email", FIELD_EMAIL, TRUE },
    { "password", FIELD_STRING, TRUE },
    { "first_name", FIELD_STRING, FALSE },
    { "last_name", FIELD_STRING, FALSE },
    { "phone", FIELD_STRING, FALSE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  const char *email;
  const char *password;
  FakeCustomer *c;

  validate_fields (body, specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  email = json_object_get_string_member (body, "email");
  password = json_object_get_string_member (body, "password");
  c = find_customer_by_email (ctx->self, email);
  if (c != NULL && c->has_account)
    {
      respond_error (ctx->msg, 422, "invalid_request_error", "duplicate_error",
                     "A customer with the given email already has an account. Log in instead");
      return;
    }
  if (c == NULL)
    {
      g_autofree char *lower = g_ascii_strdown (email, -1);

      medusa_fake_server_add_customer (ctx->self, lower, NULL, NULL, NULL);
      c = find_customer_by_email (ctx->self, lower);
    }
  g_clear_pointer (&c->password, g_free);
  if (*password != '\0')
    c->password = g_strdup (password);
  c->has_account = *password != '\0';
  if (json_object_has_member (body, "first_name"))
    {
      g_free (c->first_name);
      c->first_name = g_strdup (json_object_get_string_member_with_default (body, "first_name", NULL));
    }
  if (json_object_has_member (body, "last_name"))
    {
      g_free (c->last_name);
      c->last_name = g_strdup (json_object_get_string_member_with_default (body, "last_name", NULL));
    }
  if (json_object_has_member (body, "phone"))
    {
      g_free (c->phone);
      c->phone = g_strdup (json_object_get_string_member_with_default (body, "phone", NULL));
    }

  ctx_log_in (ctx, c);
  respond_wrapped (ctx->msg, "customer", customer_me_json (c));
}

static void
route_update_me (RequestCtx   *ctx,
                 FakeCustomer *c,
                 JsonObject   *body)
{
  static const FieldSpec specs[] = {
    { "first_name", FIELD_STRING, FALSE },
    { "last_name", FIELD_STRING, FALSE },
    { "phone", FIELD_STRING, FALSE },
    { "email", FIELD_EMAIL, FALSE },
    { "password", FIELD_STRING, FALSE },
    { "metadata", FIELD_OBJECT, FALSE },
    { "billing_address", FIELD_ADDRESS_OR_STRING, FALSE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node;
  gboolean email_null = FALSE;
  JsonObject *out;

  validate_fields (body, specs, errors);
  node = json_object_get_member (body, "billing_address");
  if (errors->len == 0 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    validate_fields (json_node_get_object (node), address_update_specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *payload = json_node_get_object (node);

      if (json_object_has_member (payload, "country_code") &&
          !country_exists (json_object_get_string_member_with_default (payload, "country_code", NULL)))
        {
          g_autofree char *message = g_strdup_printf ("Country with country_code %s does not exist.",
                                                      json_object_get_string_member_with_default (payload, "country_code", ""));

          respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
          return;
        }
    }

  /* the duplicate check comes before any change */
  node = json_object_get_member (body, "email");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *email = json_node_get_string (node);

      for (guint i = 0; i < ctx->self->customers->len; i++)
        {
          FakeCustomer *other = g_ptr_array_index (ctx->self->customers, i);

          if (other != c && other->has_account && g_strcmp0 (other->email, email) == 0)
            {
              g_autofree char *message = g_strdup_printf ("Customer with email, has_account %s, t already exists.",
                                                          email);

              respond_error (ctx->msg, 422, "invalid_request_error", "duplicate_error", message);
              return;
            }
        }
      /* stored unchanged: a mixed-case email can never sign in again */
      g_free (c->email);
      c->email = g_strdup (email);
    }
  else if (node != NULL)
    email_null = TRUE;

  node = json_object_get_member (body, "password");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_free (c->password);
      c->password = g_strdup (json_node_get_string (node));
    }

#define UPDATE_NULLABLE(field) \
  node = json_object_get_member (body, #field); \
  if (node != NULL) \
    { \
      g_free (c->field); \
      c->field = JSON_NODE_HOLDS_NULL (node) ? NULL : g_strdup (json_node_get_string (node)); \
    }
  UPDATE_NULLABLE (first_name)
  UPDATE_NULLABLE (last_name)
  UPDATE_NULLABLE (phone)
#undef UPDATE_NULLABLE

  node = json_object_get_member (body, "metadata");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *patch = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (patch);

      if (c->metadata == NULL)
        c->metadata = json_object_new ();
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (patch, l->data);

          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
              *json_node_get_string (value) == '\0')
            json_object_remove_member (c->metadata, l->data);
          else
            json_object_set_member (c->metadata, l->data, json_node_copy (value));
        }
    }

  node = json_object_get_member (body, "billing_address");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      if (c->billing_address == NULL)
        {
          c->billing_address = address_new (ctx->self, NULL);
          g_free (c->billing_address_id);
          c->billing_address_id = g_strdup (json_object_get_string_member (c->billing_address, "id"));
        }
      address_apply (c->billing_address, json_node_get_object (node));
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      const char *id = json_node_get_string (node);

      g_clear_pointer (&c->billing_address, json_object_unref);
      g_free (c->billing_address_id);
      c->billing_address_id = g_strdup (id);
      for (guint i = 0; i < c->addresses->len; i++)
        {
          JsonObject *a = g_ptr_array_index (c->addresses, i);

          if (g_strcmp0 (json_object_get_string_member (a, "id"), id) == 0)
            c->billing_address = json_object_ref (a);
        }
    }

  g_free (c->updated_at);
  c->updated_at = now_string ();

  out = customer_me_json (c);
  if (email_null)
    json_object_set_null_member (out, "email");
  respond_wrapped (ctx->msg, "customer", out);
}

static void
route_password_token (RequestCtx *ctx,
                      JsonObject *body)
{
  static const FieldSpec specs[] = {
    { "email", FIELD_EMAIL, TRUE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  FakeCustomer *c;

  validate_fields (body, specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  c = find_customer_by_email (ctx->self, json_object_get_string_member (body, "email"));
  if (c != NULL && c->has_account)
    {
      g_free (c->reset_token);
      c->reset_token = make_jwt (c->id, 15 * 60);
    }
  soup_server_message_set_status (ctx->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
route_password_reset (RequestCtx *ctx,
                      JsonObject *body)
{
  static const FieldSpec specs[] = {
    { "email", FIELD_EMAIL, TRUE },
    { "token", FIELD_STRING, TRUE },
    { "password", FIELD_STRING, TRUE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  FakeCustomer *c;

  validate_fields (body, specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  c = find_customer_by_email (ctx->self, json_object_get_string_member (body, "email"));
  if (c == NULL || !c->has_account)
    {
      respond_error (ctx->msg, SOUP_STATUS_UNAUTHORIZED, NULL, "unauthorized",
                     "Invalid or expired password reset token");
      return;
    }
  if (c->reset_token == NULL ||
      g_strcmp0 (c->reset_token, json_object_get_string_member (body, "token")) != 0)
    {
      respond_unknown_error (ctx->msg);
      return;
    }
  /* valid once: the real token is signed with the old password hash */
  g_clear_pointer (&c->reset_token, g_free);
  g_free (c->password);
  c->password = g_strdup (json_object_get_string_member (body, "password"));
  g_free (c->updated_at);
  c->updated_at = now_string ();
  respond_wrapped (ctx->msg, "customer", customer_scalars_json (c));
}

static void
route_list_orders (RequestCtx   *ctx,
                   FakeCustomer *c)
{
  MedusaFakeServer *self = ctx->self;
  g_autoptr(GPtrArray) params = parse_query (ctx->record->query);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  OrderFilter filter = { 0 };
  JsonObject *root;
  JsonArray *orders;

  if (!order_filter_parse (&filter, params, ctx->msg))
    {
      order_filter_clear (&filter);
      return;
    }

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (order_matches (self, order, c, &filter))
        g_ptr_array_add (matches, order);
    }
  g_ptr_array_sort (matches, order_compare_desc);

  orders = json_array_new ();
  for (guint i = filter.offset; i < matches->len; i++)
    {
      if (filter.limit > 0 && i >= filter.offset + filter.limit)
        break;
      json_array_add_object_element (orders, order_project (self, g_ptr_array_index (matches, i),
                                                            filter.fields, filter.expand, FALSE));
    }

  root = json_object_new ();
  json_object_set_array_member (root, "orders", orders);
  json_object_set_int_member (root, "count", matches->len);
  json_object_set_int_member (root, "offset", filter.offset);
  json_object_set_int_member (root, "limit", filter.limit);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
  order_filter_clear (&filter);
}

static void
route_add_address (RequestCtx   *ctx,
                   FakeCustomer *c,
                   JsonObject   *body)
{
  static const FieldSpec specs[] = {
    { "address", FIELD_OBJECT, TRUE },
    { NULL, 0, FALSE }
  };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  JsonObject *payload;
  JsonObject *address;

  validate_fields (body, specs, errors);
  if (errors->len == 0)
    validate_fields (json_object_get_object_member (body, "address"), address_payload_specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  payload = json_object_get_object_member (body, "address");
  if (!country_exists (json_object_get_string_member (payload, "country_code")))
    {
      g_autofree char *message = g_strdup_printf ("Country with country_code %s does not exist.",
                                                  json_object_get_string_member (payload, "country_code"));

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }
  /* like the real one: an equal address is added again, not merged */
  address = address_new (ctx->self, c->id);
  address_apply (address, payload);
  g_ptr_array_add (c->addresses, address);
  respond_wrapped (ctx->msg, "customer", customer_me_json (c));
}

static void
route_update_address (RequestCtx   *ctx,
                      FakeCustomer *c,
                      const char   *address_id,
                      JsonObject   *body)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  JsonObject *address = NULL;

  validate_fields (body, address_update_specs, errors);
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }
  for (guint i = 0; i < c->addresses->len; i++)
    {
      JsonObject *a = g_ptr_array_index (c->addresses, i);

      if (g_strcmp0 (json_object_get_string_member (a, "id"), address_id) == 0)
        address = a;
    }
  if (address == NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Could not find address for customer");
      return;
    }
  if (json_object_has_member (body, "country_code") &&
      !country_exists (json_object_get_string_member_with_default (body, "country_code", NULL)))
    {
      g_autofree char *message = g_strdup_printf ("Country with country_code %s does not exist.",
                                                  json_object_get_string_member_with_default (body, "country_code", "null"));

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }
  address_apply (address, body);
  respond_wrapped (ctx->msg, "customer", customer_me_json (c));
}

static void
route_delete_address (RequestCtx   *ctx,
                      FakeCustomer *c,
                      const char   *address_id)
{
  for (guint i = 0; i < c->addresses->len; i++)
    {
      JsonObject *a = g_ptr_array_index (c->addresses, i);

      if (g_strcmp0 (json_object_get_string_member (a, "id"), address_id) == 0)
        {
          g_ptr_array_remove_index (c->addresses, i);
          break;
        }
    }
  /* an unknown id also gets 200 and changes nothing */
  respond_wrapped (ctx->msg, "customer", customer_me_json (c));
}

static void
route_retrieve_order (RequestCtx *ctx,
                      const char *order_id)
{
  for (guint i = 0; i < ctx->self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (ctx->self->orders, i);

      if (g_strcmp0 (order->id, order_id) == 0)
        {
          respond_wrapped (ctx->msg, "order", order_project (ctx->self, order, NULL, NULL, TRUE));
          return;
        }
    }
  {
    g_autofree char *message = g_strdup_printf ("Order with id %s was not found", order_id);

    respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
  }
}

static void
route_regions (RequestCtx *ctx)
{
  JsonObject *root = json_object_new ();
  JsonArray *regions = json_array_new ();

  json_array_add_object_element (regions, region_json (TRUE));
  json_object_set_array_member (root, "regions", regions);
  json_object_set_int_member (root, "count", 1);
  json_object_set_int_member (root, "limit", 100);
  json_object_set_int_member (root, "offset", 0);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

/* ------------------------------------------------------------------ */
/* Guest orders: lookup and claim (lookup-order.js, request-order.js,   */
/* confirm-order-request.js of Medusa 1.20.11; see HACKING.md)          */

typedef struct
{
  char      *customer_id;
  GStrv      order_ids;
  gint64     expires;     /* g_get_real_time () µs */
} ClaimGrant;

static void
claim_grant_free (ClaimGrant *g)
{
  g_free (g->customer_id);
  g_strfreev (g->order_ids);
  g_free (g);
}

static FakeOrder *
find_order_by_id (MedusaFakeServer *self,
                  const char       *order_id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->id, order_id) == 0)
        return order;
    }
  return NULL;
}

static void
route_lookup_order (RequestCtx *ctx)
{
  g_autoptr(GPtrArray) params = parse_query (ctx->record->query);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  const char *display_id = NULL;
  const char *email = NULL;
  guint64 number = 0;

  for (guint i = 0; i < params->len; i++)
    {
      QueryParam *p = g_ptr_array_index (params, i);

      if (g_strcmp0 (p->name, "display_id") == 0 && p->sub == NULL)
        display_id = p->value;
      else if (g_strcmp0 (p->name, "email") == 0 && p->sub == NULL)
        email = p->value;
    }
  if (display_id == NULL || !g_ascii_string_to_unsigned (display_id, 10, 0, G_MAXINT32, &number, NULL))
    g_ptr_array_add (errors, g_strdup ("display_id must be a number conforming to the specified constraints"));
  if (!is_email (email))
    g_ptr_array_add (errors, g_strdup ("email must be an email"));
  if (errors->len > 0)
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }

  for (guint i = 0; i < ctx->self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (ctx->self->orders, i);

      /* case-sensitive, like the real one */
      if (order->display_id == number &&
          g_strcmp0 (json_object_get_string_member (order->json, "email"), email) == 0)
        {
          respond_wrapped (ctx->msg, "order", order_project (ctx->self, order, NULL, NULL, TRUE));
          return;
        }
    }
  respond_raw (ctx->msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", "Not Found");
}

static void
route_request_order_claim (RequestCtx *ctx,
                           JsonObject *body)
{
  g_autoptr(GHashTable) by_email = NULL;
  FakeCustomer *c = ctx_get_customer (ctx);
  JsonNode *node = json_object_get_member (body, "order_ids");
  gboolean valid = node != NULL && JSON_NODE_HOLDS_ARRAY (node);
  GHashTableIter iter;
  gpointer key, value;

  if (c == NULL)
    {
      respond_unauthorized_plain (ctx->msg);
      return;
    }
  if (valid)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && valid; i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          valid = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
                  *json_node_get_string (e) != '\0';
        }
    }
  if (!valid)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "each value in order_ids must be a string, each value in order_ids should not be empty");
      return;
    }
  if (!c->has_account)
    {
      respond_error (ctx->msg, SOUP_STATUS_UNAUTHORIZED, NULL, "unauthorized",
                     "Customer does not have an account");
      return;
    }

  /* like the real one: unknown ids are skipped, owners are not checked */
  by_email = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  {
    JsonArray *array = json_node_get_array (node);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        FakeOrder *order = find_order_by_id (ctx->self, json_array_get_string_element (array, i));
        const char *email;
        GPtrArray *ids;

        if (order == NULL)
          continue;
        email = json_object_get_string_member (order->json, "email");
        ids = g_hash_table_lookup (by_email, email);
        if (ids == NULL)
          {
            ids = g_ptr_array_new_with_free_func (g_free);
            g_hash_table_insert (by_email, (gpointer) email, ids);
          }
        g_ptr_array_add (ids, g_strdup (order->id));
      }
  }
  g_hash_table_iter_init (&iter, by_email);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *ids = value;
      ClaimGrant *grant = g_new0 (ClaimGrant, 1);
      char *token = make_jwt (c->id, 15 * 60);

      g_ptr_array_add (ids, NULL);
      grant->customer_id = g_strdup (c->id);
      grant->order_ids = g_strdupv ((GStrv) ids->pdata);
      grant->expires = g_get_real_time () + 15 * 60 * G_USEC_PER_SEC;
      g_hash_table_replace (ctx->self->claim_grants, g_strdup (token), grant);
      g_hash_table_replace (ctx->self->claim_tokens, g_strdup (key), token);
    }
  respond_raw (ctx->msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "OK");
}

static void
route_confirm_order_claim (RequestCtx *ctx,
                           JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "token");
  const char *token = NULL;
  ClaimGrant *grant;
  FakeCustomer *c;
  guint dots = 0;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    token = json_node_get_string (node);
  for (const char *p = token; p != NULL && *p != '\0'; p++)
    dots += *p == '.';
  if (token == NULL || *token == '\0')
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "token must be a jwt string, token should not be empty");
      return;
    }
  if (dots != 2)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", "token must be a jwt string");
      return;
    }
  /* a wrong signature and an expired token: jsonwebtoken throws, 500 */
  grant = g_hash_table_lookup (ctx->self->claim_grants, token);
  if (grant == NULL || grant->expires < g_get_real_time ())
    {
      respond_unknown_error (ctx->msg);
      return;
    }
  c = find_customer_by_id (ctx->self, grant->customer_id);
  if (c == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Customer with id: %s was not found", grant->customer_id);

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }
  /* not used up: the same token works again until it expires */
  for (guint i = 0; grant->order_ids[i] != NULL; i++)
    {
      FakeOrder *order = find_order_by_id (ctx->self, grant->order_ids[i]);

      if (order == NULL)
        continue;
      g_free (order->customer_id);
      order->customer_id = g_strdup (c->id);
      json_object_set_string_member (order->json, "customer_id", c->id);
      json_object_set_string_member (order->json, "email", c->email);
      g_clear_pointer (&order->updated_at, g_date_time_unref);
      order->updated_at = g_date_time_new_now_utc ();
    }
  respond_raw (ctx->msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "OK");
}

/* ------------------------------------------------------------------ */
/* Returns: reasons, return shipping options, POST /store/returns      */

static JsonObject *
return_reason_json (const char *id,
                    const char *value,
                    const char *label,
                    const char *parent_id)
{
  JsonObject *r = json_object_new ();

  json_object_set_string_member (r, "id", id);
  json_object_set_string_member (r, "created_at", "2025-01-01T09:00:00.000Z");
  json_object_set_string_member (r, "updated_at", "2025-01-01T09:00:00.000Z");
  json_object_set_null_member (r, "deleted_at");
  json_object_set_string_member (r, "value", value);
  json_object_set_string_member (r, "label", label);
  json_object_set_null_member (r, "description");
  set_nullable_string (r, "parent_return_reason_id", parent_id);
  json_object_set_null_member (r, "metadata");
  return r;
}

/* As GET /store/return-reasons sends them: top level, children nested. */
static JsonArray *
return_reasons_json (void)
{
  JsonArray *reasons = json_array_new ();
  JsonObject *wrong_size = return_reason_json (MEDUSA_FAKE_REASON_WRONG_SIZE, "wrong_size", "Wrong size", NULL);
  JsonObject *damaged = return_reason_json (MEDUSA_FAKE_REASON_DAMAGED, "damaged", "Arrived damaged", NULL);
  JsonArray *children = json_array_new ();

  json_array_add_object_element (children, return_reason_json (MEDUSA_FAKE_REASON_TOO_SMALL, "too_small",
                                                               "Too small", MEDUSA_FAKE_REASON_WRONG_SIZE));
  json_object_set_null_member (wrong_size, "parent_return_reason");
  json_object_set_array_member (wrong_size, "return_reason_children", children);
  json_object_set_null_member (damaged, "parent_return_reason");
  json_object_set_array_member (damaged, "return_reason_children", json_array_new ());
  json_array_add_object_element (reasons, wrong_size);
  json_array_add_object_element (reasons, damaged);
  return reasons;
}

static JsonObject *
find_return_reason (const char *id)
{
  g_autoptr(JsonArray) reasons = return_reasons_json ();

  for (guint i = 0; i < json_array_get_length (reasons); i++)
    {
      JsonObject *r = json_array_get_object_element (reasons, i);
      JsonArray *children = json_object_get_array_member (r, "return_reason_children");

      if (g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
        {
          JsonObject *copy = json_object_ref (r);

          json_object_remove_member (copy, "return_reason_children");
          json_object_remove_member (copy, "parent_return_reason");
          return copy;
        }
      for (guint j = 0; j < json_array_get_length (children); j++)
        {
          JsonObject *child = json_array_get_object_element (children, j);

          if (g_strcmp0 (json_object_get_string_member (child, "id"), id) == 0)
            return json_object_ref (child);
        }
    }
  return NULL;
}

static void
route_return_reasons (RequestCtx *ctx)
{
  JsonObject *root = json_object_new ();

  json_object_set_array_member (root, "return_reasons", return_reasons_json ());
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

static JsonObject *
shipping_option_json (const char *id,
                      const char *name,
                      gint64      amount,
                      gboolean    is_return)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "region_id", MEDUSA_FAKE_REGION_ID);
  json_object_set_string_member (o, "profile_id", "sp_01FAKEPROFILE");
  json_object_set_string_member (o, "provider_id", "manual");
  json_object_set_string_member (o, "price_type", "flat_rate");
  json_object_set_int_member (o, "amount", amount);
  json_object_set_boolean_member (o, "is_return", is_return);
  json_object_set_boolean_member (o, "admin_only", FALSE);
  json_object_set_array_member (o, "requirements", json_array_new ());
  json_object_set_int_member (o, "price_incl_tax", amount);
  json_object_set_int_member (o, "tax_amount", 0);
  return o;
}

/* Like 1.20.11: is_return must be a boolean string, and only "true" picks
 * the return options ("1" passes and lists the outbound ones). */
static void
route_shipping_options (RequestCtx *ctx)
{
  g_autoptr(GPtrArray) params = parse_query (ctx->record->query);
  const char *is_return = NULL;
  const char *region_id = NULL;
  JsonObject *root;
  JsonArray *options;

  for (guint i = 0; i < params->len; i++)
    {
      QueryParam *p = g_ptr_array_index (params, i);

      if (g_strcmp0 (p->name, "is_return") == 0)
        is_return = p->value;
      else if (g_strcmp0 (p->name, "region_id") == 0)
        region_id = p->value;
      else if (g_strcmp0 (p->name, "product_ids") != 0)
        {
          g_autofree char *message = g_strdup_printf ("property %s should not exist", p->name);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
    }
  if (is_return != NULL && !strv_has ((const char *[]) { "true", "false", "1", "0", NULL }, is_return))
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "is_return must be a boolean string");
      return;
    }

  options = json_array_new ();
  if (region_id == NULL || g_strcmp0 (region_id, MEDUSA_FAKE_REGION_ID) == 0)
    {
      if (is_return == NULL || g_strcmp0 (is_return, "true") != 0)
        {
          json_array_add_object_element (options, shipping_option_json ("so_01FAKESTANDARD", "Standard Shipping", 800, FALSE));
          json_array_add_object_element (options, shipping_option_json ("so_01FAKEEXPRESS", "Express Shipping", 1500, FALSE));
        }
      if (is_return == NULL || g_strcmp0 (is_return, "true") == 0)
        {
          json_array_add_object_element (options, shipping_option_json (MEDUSA_FAKE_RETURN_OPTION_FREE, "Standard Return", 0, TRUE));
          json_array_add_object_element (options, shipping_option_json (MEDUSA_FAKE_RETURN_OPTION_POST, "Return by Post", 495, TRUE));
        }
    }

  root = json_object_new ();
  json_object_set_array_member (root, "shipping_options", options);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

/* The order and its item @item_id, or NULL. */
static FakeOrder *
find_order_item (MedusaFakeServer  *self,
                 const char        *item_id,
                 JsonObject       **item_out)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);
      JsonArray *items = json_object_get_array_member (order->json, "items");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);

          if (g_strcmp0 (json_object_get_string_member (item, "id"), item_id) == 0)
            {
              *item_out = item;
              return order;
            }
        }
    }
  return NULL;
}

static FakeOrder *
find_order (MedusaFakeServer *self,
            const char       *order_id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->id, order_id) == 0)
        return order;
    }
  return NULL;
}

/* Validates POST /store/returns like class-validator does (StorePostReturnsReq). */
static gboolean
validate_return_body (JsonObject *body,
                      GPtrArray  *errors)
{
  g_autoptr(GList) members = json_object_get_members (body);
  JsonNode *order_id = json_object_get_member (body, "order_id");
  JsonNode *items = json_object_get_member (body, "items");
  JsonNode *shipping = json_object_get_member (body, "return_shipping");

  for (GList *l = members; l != NULL; l = l->next)
    if (!strv_has ((const char *[]) { "order_id", "items", "return_shipping", NULL }, l->data))
      g_ptr_array_add (errors, g_strdup_printf ("property %s should not exist", (char *) l->data));

  if (order_id == NULL || JSON_NODE_TYPE (order_id) != JSON_NODE_VALUE ||
      json_node_get_value_type (order_id) != G_TYPE_STRING)
    g_ptr_array_add (errors, g_strdup ("order_id should not be empty, order_id must be a string"));
  else if (*json_node_get_string (order_id) == '\0')
    g_ptr_array_add (errors, g_strdup ("order_id should not be empty"));

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    g_ptr_array_add (errors, g_strdup ("items must be an array"));
  else
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *item;
          JsonNode *quantity;
          JsonNode *id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_ptr_array_add (errors, g_strdup ("nested property items must be either object or array"));
              continue;
            }
          item = json_node_get_object (node);
          id = json_object_get_member (item, "item_id");
          if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) ||
              json_node_get_value_type (id) != G_TYPE_STRING || *json_node_get_string (id) == '\0')
            g_ptr_array_add (errors, g_strdup ("item_id should not be empty, item_id must be a string"));
          quantity = json_object_get_member (item, "quantity");
          if (quantity == NULL || !JSON_NODE_HOLDS_VALUE (quantity) ||
              (json_node_get_value_type (quantity) != G_TYPE_INT64 &&
               json_node_get_value_type (quantity) != G_TYPE_DOUBLE))
            g_ptr_array_add (errors, g_strdup ("quantity must be a number conforming to the specified constraints"));
          else if (json_node_get_double (quantity) < 1)
            g_ptr_array_add (errors, g_strdup ("quantity must not be less than 1"));
        }
    }

  if (shipping != NULL && (!JSON_NODE_HOLDS_OBJECT (shipping) ||
                           json_object_get_string_member_with_default (json_node_get_object (shipping),
                                                                       "option_id", NULL) == NULL))
    g_ptr_array_add (errors, g_strdup ("option_id should not be empty, option_id must be a string"));

  return errors->len == 0;
}

static void
route_create_return (RequestCtx *ctx,
                     JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  const char *header_key = medusa_fake_request_get_header (ctx->record, "Idempotency-Key");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  g_autofree char *return_id = NULL;
  g_autofree char *now = now_string ();
  JsonObject *stored;
  JsonObject *ret;
  JsonArray *items;
  JsonArray *ret_items;
  FakeOrder *order;
  const char *option_id = NULL;
  gint64 refund = 0;

  if (!validate_return_body (body, errors))
    {
      respond_invalid_data (ctx->msg, errors);
      return;
    }

  /* 1.20.11 looks the header's key up and, when it did not issue it, makes
   * a new one: a key of the client's own choosing is ignored. */
  stored = header_key != NULL ? g_hash_table_lookup (self->idempotency_keys, header_key) : NULL;
  if (stored != NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (ctx->msg),
                                    "Idempotency-Key", header_key);
      respond_wrapped (ctx->msg, "return", json_object_ref (stored));
      return;
    }
  key = g_uuid_string_random ();
  soup_message_headers_replace (soup_server_message_get_response_headers (ctx->msg),
                                "Idempotency-Key", key);

  order = find_order (self, json_object_get_string_member (body, "order_id"));
  items = json_object_get_array_member (body, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *item_id = json_object_get_string_member (item, "item_id");
      const char *reason_id = json_object_get_string_member_with_default (item, "reason_id", NULL);
      JsonObject *line = NULL;
      FakeOrder *owner = find_order_item (self, item_id, &line);
      g_autoptr(JsonObject) reason = NULL;

      if (owner == NULL || order == NULL || owner != order)
        {
          g_autofree char *message = g_strdup_printf ("Line item with %s was not found", item_id);

          respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
          return;
        }
      if (order->canceled_at != NULL ||
          g_strcmp0 (json_object_get_string_member (order->json, "status"), "canceled") == 0)
        {
          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                         "Cannot create a return for a canceled item.");
          return;
        }
      if (reason_id != NULL && (reason = find_return_reason (reason_id)) == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Return_reason with reason_id %s does not exist.", reason_id);

          respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
          return;
        }
      refund += json_object_get_int_member_with_default (line, "unit_price", 0) *
                (gint64) json_object_get_double_member (item, "quantity");
    }

  if (json_object_has_member (body, "return_shipping"))
    {
      option_id = json_object_get_string_member (json_object_get_object_member (body, "return_shipping"),
                                                 "option_id");
      if (g_strcmp0 (option_id, MEDUSA_FAKE_RETURN_OPTION_FREE) != 0 &&
          g_strcmp0 (option_id, MEDUSA_FAKE_RETURN_OPTION_POST) != 0)
        {
          g_autofree char *message = g_strdup_printf ("Shipping Option with %s was not found", option_id);

          respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
          return;
        }
    }

  return_id = make_id (self, "ret");
  ret = json_object_new ();
  json_object_set_string_member (ret, "id", return_id);
  json_object_set_string_member (ret, "created_at", now);
  json_object_set_string_member (ret, "updated_at", now);
  json_object_set_string_member (ret, "status", "requested");
  json_object_set_null_member (ret, "swap_id");
  json_object_set_null_member (ret, "claim_order_id");
  json_object_set_string_member (ret, "order_id", order->id);
  json_object_set_object_member (ret, "shipping_data", json_object_new ());
  json_object_set_int_member (ret, "refund_amount", refund);
  json_object_set_null_member (ret, "received_at");
  json_object_set_string_member (ret, "idempotency_key", key);
  ret_items = json_array_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *ri = json_object_new ();
      const char *reason_id = json_object_get_string_member_with_default (item, "reason_id", NULL);
      gint64 quantity = (gint64) json_object_get_double_member (item, "quantity");

      json_object_set_string_member (ri, "return_id", return_id);
      json_object_set_string_member (ri, "item_id", json_object_get_string_member (item, "item_id"));
      json_object_set_int_member (ri, "quantity", quantity);
      json_object_set_boolean_member (ri, "is_requested", TRUE);
      json_object_set_int_member (ri, "requested_quantity", quantity);
      json_object_set_null_member (ri, "received_quantity");
      set_nullable_string (ri, "reason_id", reason_id);
      set_nullable_string (ri, "note", json_object_get_string_member_with_default (item, "note", NULL));
      json_object_set_object_member (ri, "metadata", json_object_new ());
      if (reason_id != NULL)
        json_object_set_object_member (ri, "reason", find_return_reason (reason_id));
      else
        json_object_set_null_member (ri, "reason");
      json_array_add_object_element (ret_items, ri);
    }
  json_object_set_array_member (ret, "items", ret_items);

  g_hash_table_insert (self->idempotency_keys, g_strdup (key), json_object_ref (ret));

  /* The order's copy (expand=returns,...) also has the shipping method. */
  {
    JsonObject *in_order = json_object_new ();
    g_autoptr(GList) members = json_object_get_members (ret);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (in_order, l->data, json_object_dup_member (ret, l->data));
    if (option_id != NULL)
      {
        JsonObject *method = json_object_new ();
        g_autofree char *method_id = make_id (self, "sm");

        json_object_set_string_member (method, "id", method_id);
        json_object_set_string_member (method, "shipping_option_id", option_id);
        json_object_set_string_member (method, "return_id", return_id);
        json_object_set_int_member (method, "price",
                                    g_strcmp0 (option_id, MEDUSA_FAKE_RETURN_OPTION_POST) == 0 ? 495 : 0);
        json_object_set_object_member (in_order, "shipping_method", method);
      }
    else
      json_object_set_null_member (in_order, "shipping_method");
    json_array_add_object_element (order->returns, in_order);
  }

  respond_wrapped (ctx->msg, "return", ret);
}

/* ------------------------------------------------------------------ */
/* Medusa v2 (2.21) mode: medusa_fake_server_set_v2()                  */
/* As measured on the real backend (see HACKING.md, "Medusa v2"):      */
/* the publishable key on every /store request, auth under            */
/* /auth/customer/emailpass (emails compared as sent), JWTs with an    */
/* expiry and a refresh route, flat address bodies, a paged address    */
/* list, the delete answer {id, object, deleted, parent}. The same     */
/* customers, faults and request log as v1.                            */

struct _FakeV2
{
  char       *key;             /* the store's publishable key */
  gint64      token_lifetime;  /* seconds */
  GHashTable *identities;      /* email (as sent) → password */
  GHashTable *reg_tokens;      /* registration token → email */
  GHashTable *expiry;          /* token → exp (gint64 *) */
  GHashTable *reset_tokens;    /* email (as sent) → its newest reset token */
};

static void
fake_v2_free (FakeV2 *v2)
{
  g_free (v2->key);
  g_hash_table_unref (v2->identities);
  g_hash_table_unref (v2->reg_tokens);
  g_hash_table_unref (v2->expiry);
  g_hash_table_unref (v2->reset_tokens);
  g_free (v2);
}

static void
v2_respond_unauthorized (SoupServerMessage *msg)
{
  respond_raw (msg, SOUP_STATUS_UNAUTHORIZED, "application/json; charset=utf-8",
               "{\"message\":\"Unauthorized\"}");
}

static char *
v2_issue_token (MedusaFakeServer *self,
                const char       *customer_id)
{
  char *token = make_jwt (customer_id, self->v2->token_lifetime);
  gint64 *exp = g_new (gint64, 1);

  *exp = g_get_real_time () / G_USEC_PER_SEC + self->v2->token_lifetime;
  g_hash_table_replace (self->tokens, g_strdup (token), g_strdup (customer_id));
  g_hash_table_replace (self->v2->expiry, g_strdup (token), exp);
  return token;
}

static const char *
v2_bearer (RequestCtx *ctx)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (ctx->msg),
                                                   "Authorization");

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    return auth + 7;
  return NULL;
}

/* The customer of a valid, unexpired bearer token. */
static FakeCustomer *
v2_get_customer (RequestCtx *ctx)
{
  const char *token = v2_bearer (ctx);
  gint64 *exp;

  if (token == NULL || !g_hash_table_contains (ctx->self->tokens, token))
    return NULL;
  exp = g_hash_table_lookup (ctx->self->v2->expiry, token);
  if (exp != NULL && *exp <= g_get_real_time () / G_USEC_PER_SEC)
    return NULL;
  return find_customer_by_id (ctx->self, g_hash_table_lookup (ctx->self->tokens, token));
}

/* Identities: registered here, or the customers the test added. */
static const char *
v2_identity_password (MedusaFakeServer *self,
                      const char       *email)
{
  const char *password = g_hash_table_lookup (self->v2->identities, email);

  if (password != NULL)
    return password;
  for (guint i = 0; i < self->customers->len; i++)
    {
      FakeCustomer *c = g_ptr_array_index (self->customers, i);

      if (c->has_account && g_strcmp0 (c->email, email) == 0)
        return c->password;
    }
  return NULL;
}

static FakeCustomer *
v2_find_customer_exact (MedusaFakeServer *self,
                        const char       *email)
{
  for (guint i = 0; i < self->customers->len; i++)
    {
      FakeCustomer *c = g_ptr_array_index (self->customers, i);

      if (c->has_account && g_strcmp0 (c->email, email) == 0)
        return c;
    }
  return NULL;
}

static JsonObject *
v2_address_json (JsonObject *address)
{
  JsonObject *o = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, address);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (o, name, json_node_copy (value));
  if (!json_object_has_member (o, "address_name"))
    json_object_set_null_member (o, "address_name");
  if (!json_object_has_member (o, "is_default_shipping"))
    json_object_set_boolean_member (o, "is_default_shipping", FALSE);
  if (!json_object_has_member (o, "is_default_billing"))
    json_object_set_boolean_member (o, "is_default_billing", FALSE);
  return o;
}

/* The v2 customer: company_name, addresses[] (newest first, as the real
 * one may send them), no billing_address or shipping_addresses. */
static JsonObject *
v2_customer_json (FakeCustomer *c)
{
  JsonObject *o = customer_scalars_json (c);
  JsonArray *addresses = json_array_new ();

  json_object_remove_member (o, "billing_address_id");
  json_object_set_null_member (o, "company_name");
  for (guint i = c->addresses->len; i > 0; i--)
    json_array_add_object_element (addresses, v2_address_json (g_ptr_array_index (c->addresses, i - 1)));
  json_object_set_array_member (o, "addresses", addresses);
  return o;
}

static void
v2_respond_unrecognized (SoupServerMessage *msg,
                         JsonObject        *body,
                         const char * const *allowed)
{
  g_autoptr(GString) names = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (allowed, name))
      g_string_append_printf (names, "%s'%s'", names->len > 0 ? ", " : "", name);

  if (names->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("Invalid request: Unrecognized fields: %s", names->str);

      respond_error (msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
    }
}

static gboolean
v2_has_unrecognized (JsonObject         *body,
                     const char * const *allowed)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (allowed, name))
      return TRUE;
  return FALSE;
}

static void
v2_respond_token (RequestCtx *ctx,
                  const char *token)
{
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "token", token);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

static void
v2_route_auth (RequestCtx *ctx,
               JsonObject *body,
               gboolean    reg)
{
  MedusaFakeServer *self = ctx->self;
  const char *email = json_object_get_string_member_with_default (body, "email", NULL);
  const char *password = json_object_get_string_member_with_default (body, "password", NULL);

  if (password == NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_UNAUTHORIZED, NULL, "unauthorized", "Password should be a string");
      return;
    }

  if (reg)
    {
      g_autofree char *token = NULL;

      if (email == NULL || v2_identity_password (self, email) != NULL)
        {
          respond_error (ctx->msg, SOUP_STATUS_UNAUTHORIZED, NULL, "unauthorized",
                         "Identity with email already exists");
          return;
        }
      g_hash_table_replace (self->v2->identities, g_strdup (email), g_strdup (password));
      token = make_jwt ("", self->v2->token_lifetime);
      g_hash_table_replace (self->v2->reg_tokens, g_strdup (token), g_strdup (email));
      v2_respond_token (ctx, token);
      return;
    }

  /* Compared as sent: another case is another identity. */
  {
    FakeCustomer *c = email != NULL ? v2_find_customer_exact (self, email) : NULL;
    g_autofree char *token = NULL;

    if (c == NULL || g_strcmp0 (v2_identity_password (self, email), password) != 0)
      {
        respond_error (ctx->msg, SOUP_STATUS_UNAUTHORIZED, NULL, "unauthorized",
                       "Invalid email or password");
        return;
      }
    token = v2_issue_token (self, c->id);
    v2_respond_token (ctx, token);
  }
}

static void
v2_route_create_customer (RequestCtx *ctx,
                          JsonObject *body)
{
  static const char * const allowed[] = {
    "email", "company_name", "first_name", "last_name", "phone", "metadata", NULL
  };
  MedusaFakeServer *self = ctx->self;
  const char *token = v2_bearer (ctx);
  const char *identity = token != NULL ? g_hash_table_lookup (self->v2->reg_tokens, token) : NULL;
  const char *email;
  FakeCustomer *c;

  if (v2_get_customer (ctx) != NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Request already authenticated as a customer.");
      return;
    }
  if (identity == NULL)
    {
      v2_respond_unauthorized (ctx->msg);
      return;
    }
  if (v2_has_unrecognized (body, allowed))
    {
      v2_respond_unrecognized (ctx->msg, body, allowed);
      return;
    }
  email = json_object_get_string_member_with_default (body, "email", NULL);
  if (email == NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Email is required to create a customer");
      return;
    }
  if (v2_find_customer_exact (self, email) != NULL)
    {
      respond_error (ctx->msg, 422, "invalid_request_error", "duplicate_error",
                     "Customer with this email already has an account");
      return;
    }

  c = g_new0 (FakeCustomer, 1);
  c->id = make_id (self, "cus");
  c->created_at = now_string ();
  c->updated_at = g_strdup (c->created_at);
  c->email = g_strdup (email);  /* as sent, like the real one */
  c->password = g_strdup (g_hash_table_lookup (self->v2->identities, identity));
  c->has_account = TRUE;
  c->first_name = g_strdup (json_object_get_string_member_with_default (body, "first_name", NULL));
  c->last_name = g_strdup (json_object_get_string_member_with_default (body, "last_name", NULL));
  c->phone = g_strdup (json_object_get_string_member_with_default (body, "phone", NULL));
  c->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (self->customers, c);
  respond_wrapped (ctx->msg, "customer", v2_customer_json (c));
}

static void
v2_route_update_me (RequestCtx   *ctx,
                    FakeCustomer *c,
                    JsonObject   *body)
{
  static const char * const allowed[] = {
    "company_name", "first_name", "last_name", "phone", "metadata", NULL
  };
  struct { const char *name; char **field; } strings[] = {
    { "first_name", &c->first_name }, { "last_name", &c->last_name }, { "phone", &c->phone },
  };

  if (v2_has_unrecognized (body, allowed))
    {
      v2_respond_unrecognized (ctx->msg, body, allowed);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (json_object_has_member (body, strings[i].name))
      {
        g_free (*strings[i].field);
        *strings[i].field = g_strdup (json_object_get_string_member_with_default (body, strings[i].name, NULL));
      }
  if (json_object_has_member (body, "metadata") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "metadata")))
    {
      JsonObject *metadata = json_object_get_object_member (body, "metadata");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (c->metadata == NULL)
        c->metadata = json_object_new ();
      json_object_iter_init (&iter, metadata);
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
              *json_node_get_string (value) == '\0')
            json_object_remove_member (c->metadata, name);
          else
            json_object_set_member (c->metadata, name, json_node_copy (value));
        }
    }
  respond_wrapped (ctx->msg, "customer", v2_customer_json (c));
}

static JsonObject *
v2_find_address (FakeCustomer *c,
                 const char   *id,
                 guint        *index)
{
  for (guint i = 0; i < c->addresses->len; i++)
    {
      JsonObject *a = g_ptr_array_index (c->addresses, i);

      if (g_strcmp0 (json_object_get_string_member (a, "id"), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return a;
        }
    }
  return NULL;
}

static void
v2_route_addresses (RequestCtx   *ctx,
                    FakeCustomer *c,
                    const char   *id,
                    JsonObject   *body)
{
  static const char * const allowed[] = {
    "address_name", "first_name", "last_name", "company", "address_1", "address_2", "city",
    "province", "postal_code", "country_code", "phone", "metadata", "is_default_shipping",
    "is_default_billing", NULL
  };
  const char *method = soup_server_message_get_method (ctx->msg);
  JsonObject *address;
  guint index = 0;

  if (id == NULL && g_strcmp0 (method, "GET") == 0)
    {
      /* ?limit=&offset= (defaults 50 and 0) */
      g_autoptr(GHashTable) query = ctx->record->query != NULL
                                    ? soup_form_decode (ctx->record->query) : NULL;
      const char *limit_s = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
      const char *offset_s = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
      guint limit = limit_s != NULL ? (guint) g_ascii_strtoull (limit_s, NULL, 10) : 50;
      guint offset = offset_s != NULL ? (guint) g_ascii_strtoull (offset_s, NULL, 10) : 0;
      JsonObject *root = json_object_new ();
      JsonArray *list = json_array_new ();

      for (guint i = offset; i < c->addresses->len && i < offset + limit; i++)
        json_array_add_object_element (list, v2_address_json (g_ptr_array_index (c->addresses, i)));
      json_object_set_array_member (root, "addresses", list);
      json_object_set_int_member (root, "count", c->addresses->len);
      json_object_set_int_member (root, "offset", offset);
      json_object_set_int_member (root, "limit", limit);
      respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
      return;
    }

  if (g_strcmp0 (method, "POST") == 0 && v2_has_unrecognized (body, allowed))
    {
      v2_respond_unrecognized (ctx->msg, body, allowed);
      return;
    }

  if (id == NULL)
    {
      /* No validation, like the real one. */
      address = address_new (ctx->self, c->id);
      g_ptr_array_add (c->addresses, address);
    }
  else if ((address = v2_find_address (c, id, &index)) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Address with id: %s was not found", id);

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }

  if (g_strcmp0 (method, "DELETE") == 0)
    {
      JsonObject *root = json_object_new ();

      g_ptr_array_remove_index (c->addresses, index);
      json_object_set_string_member (root, "id", c->id);
      json_object_set_string_member (root, "object", "address");
      json_object_set_boolean_member (root, "deleted", TRUE);
      json_object_set_object_member (root, "parent", v2_customer_json (c));
      respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
      return;
    }

  address_apply (address, body);
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_str_has_prefix (allowed[i], "is_default_") || g_strcmp0 (allowed[i], "address_name") == 0)
      if (json_object_has_member (body, allowed[i]))
        json_object_set_member (address, allowed[i], json_object_dup_member (body, allowed[i]));
  /* One default of each kind: the store takes the flag off the others (its
   * maybe-unset-default-*-addresses steps). */
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_str_has_prefix (allowed[i], "is_default_") &&
        json_object_get_boolean_member_with_default (body, allowed[i], FALSE))
      for (guint j = 0; j < c->addresses->len; j++)
        if (g_ptr_array_index (c->addresses, j) != address)
          json_object_set_boolean_member (g_ptr_array_index (c->addresses, j), allowed[i], FALSE);
  respond_wrapped (ctx->msg, "customer", v2_customer_json (c));
}

/* The password reset as measured: reset-password {identifier} → 201
 * "Created" (text/plain) for any identifier, a token (15 min, newest only)
 * for a known one; update with that token as bearer {password} → 200
 * {"success":true}; any other bearer → 401 "Invalid token"; the token is
 * spent by any update that names it, also one without a password (401). */
/* A reset JWT shaped as measured: {entity_id, provider, actor_type,
 * purpose: "reset", iat, exp: iat + 900, jti} (the signature is random). */
static char *
v2_make_reset_jwt (const char *email)
{
  gint64 iat = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *jti = g_uuid_string_random ();
  g_autofree char *payload = NULL;
  g_autofree char *payload64 = NULL;
  g_autofree char *sig = g_uuid_string_random ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entity_id");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, "emailpass");
  json_builder_set_member_name (builder, "actor_type");
  json_builder_add_string_value (builder, "customer");
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, "reset");
  json_builder_set_member_name (builder, "iat");
  json_builder_add_int_value (builder, iat);
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, iat + 15 * 60);
  json_builder_set_member_name (builder, "jti");
  json_builder_add_string_value (builder, jti);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  payload = json_generator_to_data (generator, NULL);
  payload64 = base64url (payload);
  g_strdelimit (sig, "-", 'x');
  return g_strdup_printf ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.%s", payload64, sig);
}

static void
v2_route_reset_request (RequestCtx *ctx,
                        JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  static const char * const allowed[] = { "identifier", "metadata", NULL };
  const char *email;

  email = body != NULL ? json_object_get_string_member_with_default (body, "identifier", NULL) : NULL;
  if (email == NULL || v2_has_unrecognized (body, allowed))
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Invalid request: Field 'identifier' is required");
      return;
    }
  if (v2_identity_password (self, email) != NULL)
    g_hash_table_replace (self->v2->reset_tokens, g_strdup (email), v2_make_reset_jwt (email));
  respond_raw (ctx->msg, SOUP_STATUS_CREATED, "text/plain; charset=utf-8", "Created");
}

static void
v2_route_reset_update (RequestCtx *ctx,
                       JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  const char *token = v2_bearer (ctx);
  g_autofree char *email = NULL;
  const char *password;
  GHashTableIter iter;
  gpointer key, value;
  FakeCustomer *c;

  g_hash_table_iter_init (&iter, self->v2->reset_tokens);
  while (token != NULL && email == NULL && g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, token) == 0)
      email = g_strdup (key);
  if (email == NULL)
    {
      respond_raw (ctx->msg, SOUP_STATUS_UNAUTHORIZED, "application/json; charset=utf-8",
                   "{\"type\":\"unauthorized\",\"message\":\"Invalid token\"}");
      return;
    }
  g_hash_table_remove (self->v2->reset_tokens, email);

  password = body != NULL ? json_object_get_string_member_with_default (body, "password", NULL) : NULL;
  if (password == NULL)
    {
      respond_raw (ctx->msg, SOUP_STATUS_UNAUTHORIZED, "application/json; charset=utf-8",
                   "{\"type\":\"unauthorized\",\"message\":\"Unauthorized\"}");
      return;
    }
  if (g_hash_table_contains (self->v2->identities, email))
    g_hash_table_replace (self->v2->identities, g_strdup (email), g_strdup (password));
  if ((c = v2_find_customer_exact (self, email)) != NULL)
    {
      g_free (c->password);
      c->password = g_strdup (password);
    }
  respond_raw (ctx->msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
               "{\"success\":true}");
}

/* v2 orders, as measured (HACKING.md, "Medusa v2 orders through the
 * dialect"): the fake's orders in the v2 shape (amounts in major units
 * with raw_* strings, payment collections, fulfillments without tracking
 * numbers); GET /store/orders takes limit, offset, order, fields, id and
 * status only (anything else 400, a status outside the enum or a comma
 * list 500), sorts by id unless told; GET /store/orders/{id} needs no
 * customer; GET /store/currencies/{code}. */

static void
v2_set_amount (JsonObject *o,
               const char *name,
               gint64      cents)
{
  g_autofree char *value = g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                            cents < 0 ? "-" : "", ABS (cents) / 100, ABS (cents) % 100);
  g_autofree char *raw_name = g_strconcat ("raw_", name, NULL);
  JsonObject *raw = json_object_new ();

  json_object_set_double_member (o, name, g_ascii_strtod (value, NULL));
  json_object_set_string_member (raw, "value", value);
  json_object_set_int_member (raw, "precision", 20);
  json_object_set_object_member (o, raw_name, raw);
}

static gint64
v1_int (JsonObject *o,
        const char *name)
{
  return json_object_get_int_member_with_default (o, name, 0);
}

static JsonObject *
v2_order_json (FakeOrder *order)
{
  static const char * const same[] = {
    "id", "status", "fulfillment_status", "display_id", "currency_code", "email", "region_id",
    "customer_id", "created_at", "canceled_at", "shipping_address", "billing_address", NULL
  };
  JsonObject *v1 = order->json;
  JsonObject *o = json_object_new ();
  JsonObject *summary = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonArray *methods = json_array_new ();
  JsonArray *fulfillments = json_array_new ();
  JsonArray *collections = json_array_new ();
  JsonArray *array;
  const char *payment = json_object_get_string_member_with_default (v1, "payment_status", "not_paid");
  g_autofree char *updated = format_date (order->updated_at);

  for (guint i = 0; same[i] != NULL; i++)
    if (json_object_has_member (v1, same[i]))
      json_object_set_member (o, same[i], json_object_dup_member (v1, same[i]));
  json_object_set_string_member (o, "updated_at", updated);
  /* v2 says "authorized" where v1 said "awaiting". */
  json_object_set_string_member (o, "payment_status",
                                 g_strcmp0 (payment, "awaiting") == 0 ? "authorized" : payment);
  json_object_set_int_member (o, "version", 1);
  v2_set_amount (o, "total", v1_int (v1, "total"));
  v2_set_amount (o, "item_subtotal", v1_int (v1, "subtotal"));
  v2_set_amount (o, "shipping_subtotal", v1_int (v1, "shipping_total"));
  v2_set_amount (o, "tax_total", v1_int (v1, "tax_total"));
  v2_set_amount (o, "discount_subtotal", v1_int (v1, "discount_total"));
  v2_set_amount (summary, "paid_total", v1_int (v1, "paid_total"));
  v2_set_amount (summary, "refunded_total", v1_int (v1, "refunded_total"));
  json_object_set_object_member (o, "summary", summary);

  array = json_object_get_array_member (v1, "items");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *src = json_array_get_object_element (array, i);
      JsonObject *variant = json_object_get_object_member (src, "variant");
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", json_object_get_string_member (src, "id"));
      json_object_set_string_member (item, "title", json_object_get_string_member (src, "title"));
      json_object_set_string_member (item, "subtitle",
                                     json_object_get_string_member_with_default (src, "description", ""));
      if (variant != NULL)
        {
          json_object_set_string_member (item, "variant_title",
                                         json_object_get_string_member_with_default (variant, "title", ""));
          json_object_set_string_member (item, "variant_sku",
                                         json_object_get_string_member_with_default (variant, "sku", ""));
        }
      json_object_set_int_member (item, "quantity", v1_int (src, "quantity"));
      v2_set_amount (item, "unit_price", v1_int (src, "unit_price"));
      v2_set_amount (item, "subtotal", v1_int (src, "subtotal"));
      v2_set_amount (item, "total", v1_int (src, "total"));
      v2_set_amount (item, "tax_total", 0);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (o, "items", items);

  array = json_object_get_array_member (v1, "shipping_methods");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *src = json_array_get_object_element (array, i);
      JsonObject *option = json_object_get_object_member (src, "shipping_option");
      JsonObject *method = json_object_new ();

      json_object_set_string_member (method, "id", json_object_get_string_member (src, "id"));
      json_object_set_string_member (method, "name",
                                     option != NULL ? json_object_get_string_member_with_default (option, "name", "")
                                                    : "Standard Shipping");
      v2_set_amount (method, "amount", v1_int (src, "price"));
      v2_set_amount (method, "total", v1_int (src, "total"));
      json_array_add_object_element (methods, method);
    }
  json_object_set_array_member (o, "shipping_methods", methods);

  array = json_object_get_array_member (v1, "fulfillments");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *src = json_array_get_object_element (array, i);
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "id", json_object_get_string_member (src, "id"));
      json_object_set_member (f, "shipped_at", json_object_dup_member (src, "shipped_at"));
      json_object_set_null_member (f, "delivered_at");
      json_object_set_null_member (f, "canceled_at");
      json_object_set_string_member (f, "created_at", json_object_get_string_member (src, "created_at"));
      json_object_set_string_member (f, "provider_id", "manual_manual");
      json_object_set_null_member (f, "labels");
      /* Measured: no "items" (even *fulfillments.items comes as null). */
      json_array_add_object_element (fulfillments, f);
    }
  json_object_set_array_member (o, "fulfillments", fulfillments);

  {
    JsonObject *collection = json_object_new ();
    g_autofree char *id = g_strconcat ("pay_col_", order->id, NULL);
    gint64 total = v1_int (v1, "total");
    gboolean captured = v1_int (v1, "paid_total") > 0;

    json_object_set_string_member (collection, "id", id);
    json_object_set_string_member (collection, "currency_code", "eur");
    json_object_set_string_member (collection, "status", captured ? "completed" : "authorized");
    v2_set_amount (collection, "amount", total);
    v2_set_amount (collection, "authorized_amount", total);
    v2_set_amount (collection, "captured_amount", captured ? total : 0);
    v2_set_amount (collection, "refunded_amount", v1_int (v1, "refunded_total"));
    json_array_add_object_element (collections, collection);
  }
  json_object_set_array_member (o, "payment_collections", collections);

  return o;
}

static gboolean
v2_status_valid (const char *value)
{
  static const char * const statuses[] = {
    "pending", "completed", "draft", "archived", "canceled", "requires_action", NULL
  };

  return value != NULL && g_strv_contains (statuses, value);
}

static int
v2_compare_created_desc (gconstpointer a,
                         gconstpointer b)
{
  FakeOrder *oa = *(FakeOrder **) a;
  FakeOrder *ob = *(FakeOrder **) b;

  return g_date_time_compare (ob->created_at, oa->created_at);
}

static int
v2_compare_updated_desc (gconstpointer a,
                         gconstpointer b)
{
  FakeOrder *oa = *(FakeOrder **) a;
  FakeOrder *ob = *(FakeOrder **) b;

  return g_date_time_compare (ob->updated_at, oa->updated_at);
}

static void
v2_route_list_orders (RequestCtx   *ctx,
                      FakeCustomer *c)
{
  MedusaFakeServer *self = ctx->self;
  g_autoptr(GPtrArray) params = parse_query (ctx->record->query);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *order_by = NULL;
  gint64 limit = 50, offset = 0;
  JsonObject *root;
  JsonArray *orders;

  for (guint i = 0; i < params->len; i++)
    {
      QueryParam *p = g_ptr_array_index (params, i);

      if (g_strcmp0 (p->name, "limit") == 0 || g_strcmp0 (p->name, "offset") == 0)
        {
          char *end = NULL;
          gint64 value = g_ascii_strtoll (p->value, &end, 10);

          if (end == p->value || *end != '\0')
            {
              respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                             "Invalid request: Expected type: 'number'");
              return;
            }
          if (value < 0)
            {
              respond_error (ctx->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "unknown_error",
                             "unknown_error", "An unknown error occurred.");
              return;
            }
          if (p->name[0] == 'l')
            limit = value;
          else
            offset = value;
        }
      else if (g_strcmp0 (p->name, "order") == 0)
        {
          static const char * const known[] = {
            "created_at", "-created_at", "updated_at", "-updated_at", "display_id", "-display_id",
            "id", "-id", NULL
          };

          if (!g_strv_contains (known, p->value))
            {
              g_autofree char *message = g_strdup_printf ("Order field %s is not valid",
                                                          p->value[0] == '-' ? p->value + 1 : p->value);

              respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
              return;
            }
          order_by = p->value;
        }
      else if (g_strcmp0 (p->name, "status") == 0)
        {
          if (!v2_status_valid (p->value))
            {
              respond_error (ctx->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "unknown_error",
                             "unknown_error", "An unknown error occurred.");
              return;
            }
          g_ptr_array_add (statuses, p->value);
        }
      else if (g_strcmp0 (p->name, "id") == 0)
        g_ptr_array_add (ids, p->value);
      else if (g_strcmp0 (p->name, "fields") != 0 && g_strcmp0 (p->name, "with_deleted") != 0)
        {
          g_autofree char *message = g_strdup_printf ("Invalid request: Unrecognized fields: '%s'", p->name);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
    }

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->customer_id, c->id) != 0)
        continue;
      if (statuses->len > 0 &&
          !g_ptr_array_find_with_equal_func (statuses,
                                             json_object_get_string_member (order->json, "status"),
                                             g_str_equal, NULL))
        continue;
      if (ids->len > 0 && !g_ptr_array_find_with_equal_func (ids, order->id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (matches, order);
    }
  /* The default: by id, ascending (the fake's ids grow with display_id). */
  if (g_strcmp0 (order_by, "-created_at") == 0)
    g_ptr_array_sort (matches, v2_compare_created_desc);
  else if (g_strcmp0 (order_by, "-updated_at") == 0)
    g_ptr_array_sort (matches, v2_compare_updated_desc);

  orders = json_array_new ();
  for (gint64 i = offset; i < (gint64) matches->len && i < offset + limit; i++)
    json_array_add_object_element (orders, v2_order_json (g_ptr_array_index (matches, i)));

  root = json_object_new ();
  json_object_set_array_member (root, "orders", orders);
  json_object_set_int_member (root, "count", matches->len);
  json_object_set_int_member (root, "offset", offset);
  json_object_set_int_member (root, "limit", limit);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

static void
v2_route_orders (RequestCtx *ctx)
{
  MedusaFakeServer *self = ctx->self;
  const char *rest = ctx->path + strlen ("/store/orders");
  FakeCustomer *c;

  if (*rest == '\0')
    {
      if ((c = v2_get_customer (ctx)) == NULL)
        v2_respond_unauthorized (ctx->msg);
      else
        v2_route_list_orders (ctx, c);
      return;
    }

  /* GET /store/orders/{id}: no customer needed, no ownership check. */
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->id, rest + 1) == 0)
        {
          respond_wrapped (ctx->msg, "order", v2_order_json (order));
          return;
        }
    }
  {
    g_autofree char *message = g_strdup_printf ("Order id not found: %s", rest + 1);

    respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
  }
}

static void
v2_route_currency (RequestCtx *ctx)
{
  const char *code = ctx->path + strlen ("/store/currencies/");
  g_autofree char *lower = g_ascii_strdown (code, -1);
  JsonObject *currency;

  if (g_strcmp0 (lower, "eur") != 0 && g_strcmp0 (lower, "usd") != 0 && g_strcmp0 (lower, "jpy") != 0)
    {
      g_autofree char *message = g_strdup_printf ("Currency with code: %s was not found", lower);

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }
  currency = json_object_new ();
  json_object_set_string_member (currency, "code", lower);
  json_object_set_int_member (currency, "decimal_digits", g_strcmp0 (lower, "jpy") == 0 ? 0 : 2);
  json_object_set_int_member (currency, "rounding", 0);
  respond_wrapped (ctx->msg, "currency", currency);
}

/* Returns TRUE when it answered (every request in v2 mode). */
/* ------------------------------------------------------------------ */
/* Medusa v2 mode: order transfers and returns (as measured on 2.21.2, */
/* HACKING.md "v2 transfer and returns (measured)"). GET               */
/* /store/orders/{id} without a customer, POST                         */
/* /store/orders/{id}/transfer/{request,accept,decline,cancel}, GET    */
/* /store/return-reasons, GET /store/shipping-options?cart_id=         */
/* (&is_return=true), POST /store/returns. The state lives beside the  */
/* v1 orders, kept on the server object.                               */

typedef struct
{
  GHashTable *transfers;   /* order id → V2Transfer */
  GHashTable *requested;   /* "order id/item id" → gint64 * asked back */
  guint       n_returns;
} V2AfterState;

typedef struct
{
  char *token;
  char *customer_id;       /* who asked */
} V2Transfer;

static void
v2_transfer_free (V2Transfer *t)
{
  g_free (t->token);
  g_free (t->customer_id);
  g_free (t);
}

static void
v2_after_state_free (V2AfterState *state)
{
  g_hash_table_unref (state->transfers);
  g_hash_table_unref (state->requested);
  g_free (state);
}

static V2AfterState *
v2_after_state (MedusaFakeServer *self)
{
  V2AfterState *state = g_object_get_data (G_OBJECT (self), "medusa-fake-v2-after");

  if (state == NULL)
    {
      state = g_new0 (V2AfterState, 1);
      state->transfers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) v2_transfer_free);
      state->requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (self), "medusa-fake-v2-after", state,
                              (GDestroyNotify) v2_after_state_free);
    }
  return state;
}

static gint64
v2_requested (V2AfterState *state,
              const char   *order_id,
              const char   *item_id)
{
  g_autofree char *key = g_strconcat (order_id, "/", item_id, NULL);
  gint64 *count = g_hash_table_lookup (state->requested, key);

  return count != NULL ? *count : 0;
}

/* An amount in cents as v2 sends it: a number in major units and
 * raw_<member>: {value, precision}. */
static char *
v2_cart_id (const char *order_id)
{
  return g_strconcat ("cart_", order_id + strlen ("order_"), NULL);
}

/* The order in v2's shape (the keys this app reads). */
static JsonObject *
v2_after_order_json (MedusaFakeServer *self,
                     FakeOrder        *order)
{
  V2AfterState *state = v2_after_state (self);
  JsonObject *v1 = order->json;
  JsonObject *o = json_object_new ();
  JsonObject *cart = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonArray *v1_items = json_object_get_array_member (v1, "items");
  g_autofree char *cart_id = v2_cart_id (order->id);
  static const char * const copied[] = {
    "id", "display_id", "email", "region_id", "currency_code", "status",
    "fulfillment_status", "payment_status", "created_at", "updated_at",
  };
  static const char * const amounts[] = { "total", "subtotal", "tax_total", "shipping_total", "discount_total" };

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (json_object_has_member (v1, copied[i]))
      json_object_set_member (o, copied[i], json_node_copy (json_object_get_member (v1, copied[i])));
  set_nullable_string (o, "customer_id", order->customer_id);
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "payment_status", ""), "awaiting") == 0)
    json_object_set_string_member (o, "payment_status", "authorized");
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    v2_set_amount (o, amounts[i], json_object_get_int_member_with_default (v1, amounts[i], 0));
  json_object_set_int_member (o, "version", 1);
  json_object_set_string_member (cart, "id", cart_id);
  json_object_set_object_member (o, "cart", cart);

  for (guint i = 0; v1_items != NULL && i < json_array_get_length (v1_items); i++)
    {
      JsonObject *v1_item = json_array_get_object_element (v1_items, i);
      JsonObject *item = json_object_new ();
      JsonObject *detail = json_object_new ();
      const char *item_id = json_object_get_string_member (v1_item, "id");
      gint64 quantity = json_object_get_int_member_with_default (v1_item, "quantity", 0);
      JsonNode *fulfilled = json_object_get_member (v1_item, "fulfilled_quantity");

      json_object_set_string_member (item, "id", item_id);
      json_object_set_string_member (item, "title",
                                     json_object_get_string_member_with_default (v1_item, "title", ""));
      json_object_set_int_member (item, "quantity", quantity);
      v2_set_amount (item, "unit_price", json_object_get_int_member_with_default (v1_item, "unit_price", 0));
      v2_set_amount (item, "subtotal", json_object_get_int_member_with_default (v1_item, "subtotal", 0));
      v2_set_amount (item, "total", json_object_get_int_member_with_default (v1_item, "total", 0));
      json_object_set_int_member (detail, "quantity", quantity);
      json_object_set_int_member (detail, "fulfilled_quantity",
                                  fulfilled != NULL && JSON_NODE_HOLDS_VALUE (fulfilled) ? json_node_get_int (fulfilled) : 0);
      json_object_set_int_member (detail, "return_requested_quantity", v2_requested (state, order->id, item_id));
      json_object_set_int_member (detail, "return_received_quantity", 0);
      json_object_set_object_member (item, "detail", detail);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (o, "items", items);
  return o;
}

static gboolean
v2_body_token (RequestCtx  *ctx,
               JsonObject  *body,
               const char **token)
{
  static const char * const allowed[] = { "token", NULL };
  JsonNode *node = body != NULL ? json_object_get_member (body, "token") : NULL;

  if (body != NULL && v2_has_unrecognized (body, allowed))
    {
      v2_respond_unrecognized (ctx->msg, body, allowed);
      return FALSE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Invalid request: Field 'token' is required");
      return FALSE;
    }
  *token = json_node_get_string (node);
  return TRUE;
}

static void
v2_route_transfer (RequestCtx *ctx,
                   FakeOrder  *order,
                   const char *step,
                   JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  V2AfterState *state = v2_after_state (self);
  V2Transfer *pending = g_hash_table_lookup (state->transfers, order->id);
  FakeCustomer *c = v2_get_customer (ctx);
  const char *token = NULL;

  if (g_strcmp0 (step, "request") == 0 || g_strcmp0 (step, "cancel") == 0)
    {
      if (c == NULL)
        {
          v2_respond_unauthorized (ctx->msg);
          return;
        }
    }

  if (g_strcmp0 (step, "request") == 0)
    {
      static const char * const allowed[] = { "description", "update_order_email", NULL };
      V2Transfer *t;

      if (body != NULL && v2_has_unrecognized (body, allowed))
        {
          v2_respond_unrecognized (ctx->msg, body, allowed);
          return;
        }
      if (g_strcmp0 (order->customer_id, c->id) == 0)
        {
          g_autofree char *message = g_strdup_printf ("Order: %s already belongs to customer: %s",
                                                      order->id, c->id);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
      if (pending != NULL)
        {
          g_autofree char *message = g_strdup_printf ("Order (%s) already has an existing active order change",
                                                      order->id);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
      t = g_new0 (V2Transfer, 1);
      t->token = g_uuid_string_random ();
      t->customer_id = g_strdup (c->id);
      g_hash_table_replace (state->transfers, g_strdup (order->id), t);
    }
  else if (g_strcmp0 (step, "cancel") == 0)
    {
      if (pending == NULL)
        {
          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                         "An active Order Change is required to proceed");
          return;
        }
      g_hash_table_remove (state->transfers, order->id);
    }
  else
    {
      if (!v2_body_token (ctx, body, &token))
        return;
      if (pending == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Order %s does not have an order transfer request.",
                                                      order->id);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
      if (g_strcmp0 (token, pending->token) != 0)
        {
          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "not_allowed", "Invalid token.");
          return;
        }
      if (g_strcmp0 (step, "accept") == 0)
        {
          g_free (order->customer_id);
          order->customer_id = g_strdup (pending->customer_id);
          json_object_set_string_member (order->json, "customer_id", pending->customer_id);
        }
      g_hash_table_remove (state->transfers, order->id);
    }

  respond_wrapped (ctx->msg, "order", v2_after_order_json (self, order));
}

static void
v2_route_shipping_options (RequestCtx *ctx)
{
  g_autoptr(GPtrArray) params = parse_query (ctx->record->query);
  const char *cart_id = NULL;
  const char *is_return = NULL;
  gboolean known_cart = FALSE;
  JsonArray *options = json_array_new ();
  JsonObject *root = json_object_new ();

  for (guint i = 0; i < params->len; i++)
    {
      QueryParam *p = g_ptr_array_index (params, i);

      if (g_strcmp0 (p->name, "cart_id") == 0)
        cart_id = p->value;
      else if (g_strcmp0 (p->name, "is_return") == 0)
        is_return = p->value;
    }
  if (cart_id == NULL || (is_return != NULL && !strv_has ((const char *[]) { "true", "false", NULL }, is_return)))
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     cart_id == NULL ? "Invalid request: Field 'cart_id' is required"
                                     : "Invalid request: Expected boolean, received string (is_return)");
      json_array_unref (options);
      json_object_unref (root);
      return;
    }
  for (guint i = 0; i < ctx->self->orders->len && !known_cart; i++)
    {
      FakeOrder *order = g_ptr_array_index (ctx->self->orders, i);
      g_autofree char *id = v2_cart_id (order->id);

      known_cart = g_strcmp0 (id, cart_id) == 0;
    }
  if (!known_cart)
    {
      g_autofree char *message = g_strdup_printf ("Cart id not found: %s", cart_id);

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      json_array_unref (options);
      json_object_unref (root);
      return;
    }

  {
    static const struct { const char *id, *name; gint64 cents; gboolean is_return; } all[] = {
      { MEDUSA_FAKE_V2_RETURN_OPTION, "Return Shipping", 0, TRUE },
      { MEDUSA_FAKE_V2_RETURN_OPTION_PAID, "Return by Courier", 495, TRUE },
      { MEDUSA_FAKE_V2_OUTBOUND_OPTION, "Standard Shipping", 800, FALSE },
    };
    gboolean want_return = g_strcmp0 (is_return, "true") == 0;

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        JsonObject *o = json_object_new ();
        JsonObject *calculated = json_object_new ();
        JsonArray *rules = json_array_new ();
        JsonObject *rule = json_object_new ();
        JsonObject *enabled = json_object_new ();

        if (all[i].is_return != want_return)
          {
            json_object_unref (o);
            json_object_unref (calculated);
            json_array_unref (rules);
            json_object_unref (rule);
            json_object_unref (enabled);
            continue;
          }
        json_object_set_string_member (o, "id", all[i].id);
        json_object_set_string_member (o, "name", all[i].name);
        json_object_set_string_member (o, "price_type", "flat");
        v2_set_amount (o, "amount", all[i].cents);
        v2_set_amount (calculated, "calculated_amount", all[i].cents);
        json_object_set_object_member (o, "calculated_price", calculated);
        json_object_set_string_member (enabled, "attribute", "enabled_in_store");
        json_object_set_string_member (enabled, "value", "true");
        json_object_set_string_member (enabled, "operator", "eq");
        json_array_add_object_element (rules, enabled);
        json_object_set_string_member (rule, "attribute", "is_return");
        json_object_set_string_member (rule, "value", all[i].is_return ? "true" : "false");
        json_object_set_string_member (rule, "operator", "eq");
        json_array_add_object_element (rules, rule);
        json_object_set_array_member (o, "rules", rules);
        json_array_add_object_element (options, o);
      }
  }
  json_object_set_array_member (root, "shipping_options", options);
  respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
}

static void
v2_route_create_return (RequestCtx *ctx,
                        JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  V2AfterState *state = v2_after_state (self);
  static const char * const allowed[] = { "order_id", "items", "return_shipping", "note", "receive_now",
                                          "location_id", NULL };
  JsonObject *shipping;
  JsonArray *items;
  const char *order_id, *option_id;
  FakeOrder *order;
  JsonObject *ret;
  JsonArray *out_items;
  g_autofree char *return_id = NULL;

  if (body == NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     "Invalid request: Field 'order_id' is required; Field 'items' is required; "
                     "Field 'return_shipping' is required");
      return;
    }
  if (v2_has_unrecognized (body, allowed))
    {
      v2_respond_unrecognized (ctx->msg, body, allowed);
      return;
    }
  order_id = json_object_get_string_member_with_default (body, "order_id", NULL);
  items = json_object_has_member (body, "items") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "items"))
          ? json_object_get_array_member (body, "items") : NULL;
  shipping = json_object_has_member (body, "return_shipping") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "return_shipping"))
             ? json_object_get_object_member (body, "return_shipping") : NULL;
  if (order_id == NULL || items == NULL || shipping == NULL)
    {
      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                     shipping == NULL ? "Invalid request: Field 'return_shipping' is required"
                                      : "Invalid request: Field 'order_id' is required");
      return;
    }
  option_id = json_object_get_string_member_with_default (shipping, "option_id", NULL);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *quantity = item != NULL ? json_object_get_member (item, "quantity") : NULL;

      if (item == NULL || json_object_get_string_member_with_default (item, "id", NULL) == NULL ||
          json_object_has_member (item, "item_id") || quantity == NULL ||
          !JSON_NODE_HOLDS_VALUE (quantity) || json_node_get_value_type (quantity) != G_TYPE_INT64 ||
          json_node_get_int (quantity) < 1)
        {
          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data",
                         "Invalid request: Field 'items, 0, id' is required");
          return;
        }
    }
  order = find_order (self, order_id);
  if (order == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Order id not found: %s", order_id);

      respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
      return;
    }
  if (g_hash_table_contains (state->transfers, order->id))
    {
      g_autofree char *message = g_strdup_printf ("Order (%s) already has an existing active order change",
                                                  order->id);

      respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
      return;
    }
  if (!strv_has ((const char *[]) { MEDUSA_FAKE_V2_RETURN_OPTION, MEDUSA_FAKE_V2_RETURN_OPTION_PAID,
                                    MEDUSA_FAKE_V2_OUTBOUND_OPTION, NULL }, option_id))
    {
      respond_error (ctx->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "unknown_error", "unknown_error",
                     "An unknown error occurred.");
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *item_id = json_object_get_string_member (item, "id");
      JsonObject *line = NULL;
      FakeOrder *owner = find_order_item (self, item_id, &line);
      JsonNode *fulfilled = line != NULL ? json_object_get_member (line, "fulfilled_quantity") : NULL;
      gint64 can = fulfilled != NULL && JSON_NODE_HOLDS_VALUE (fulfilled) ? json_node_get_int (fulfilled) : 0;

      if (line == NULL || owner != order)
        {
          g_autofree char *message = g_strdup_printf ("Items with ids %s does not exist in order with id %s.",
                                                      item_id, order->id);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
      if (json_object_get_int_member (item, "quantity") > can - v2_requested (state, order->id, item_id))
        {
          g_autofree char *message = g_strdup_printf ("Cannot request to return more items than what was "
                                                      "fulfilled for item %s.", item_id);

          respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "invalid_data", message);
          return;
        }
    }

  return_id = make_id (self, "return");
  ret = json_object_new ();
  out_items = json_array_new ();
  json_object_set_string_member (ret, "id", return_id);
  json_object_set_string_member (ret, "status", "requested");
  json_object_set_int_member (ret, "display_id", ++state->n_returns);
  json_object_set_string_member (ret, "order_id", order->id);
  json_object_set_string_member (ret, "created_at", "2025-03-01T10:00:00.000Z");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *item_id = json_object_get_string_member (item, "id");
      gint64 quantity = json_object_get_int_member (item, "quantity");
      g_autofree char *key = g_strconcat (order->id, "/", item_id, NULL);
      gint64 *count = g_new (gint64, 1);
      JsonObject *line = json_object_new ();
      JsonObject *raw = json_object_new ();
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);
      g_autofree char *line_id = make_id (self, "retitem");

      *count = v2_requested (state, order->id, item_id) + quantity;
      g_hash_table_replace (state->requested, g_steal_pointer (&key), count);

      json_object_set_string_member (line, "id", line_id);
      json_object_set_string_member (line, "item_id", item_id);
      json_object_set_string_member (line, "return_id", return_id);
      json_object_set_string_member (raw, "value", value);
      json_object_set_int_member (raw, "precision", 20);
      json_object_set_object_member (line, "raw_quantity", raw);
      set_nullable_string (line, "reason_id", json_object_get_string_member_with_default (item, "reason_id", NULL));
      set_nullable_string (line, "note", json_object_get_string_member_with_default (item, "note", NULL));
      json_array_add_object_element (out_items, line);
    }
  json_object_set_array_member (ret, "items", out_items);
  respond_wrapped (ctx->msg, "return", ret);
}

/* TRUE when the request was one of these routes (answered). */
static gboolean
route_v2_after (RequestCtx *ctx,
                JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  const char *method = soup_server_message_get_method (ctx->msg);
  const char *path = ctx->path;
  gboolean is_get = g_strcmp0 (method, "GET") == 0;
  gboolean is_post = g_strcmp0 (method, "POST") == 0;

  if (g_strcmp0 (path, "/store/return-reasons") == 0 && is_get)
    {
      JsonObject *root = json_object_new ();
      JsonArray *reasons = return_reasons_json ();

      json_object_set_int_member (root, "count", json_array_get_length (reasons));
      json_object_set_int_member (root, "offset", 0);
      json_object_set_int_member (root, "limit", 20);
      json_object_set_array_member (root, "return_reasons", reasons);
      respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
      return TRUE;
    }
  if (g_strcmp0 (path, "/store/shipping-options") == 0 && is_get)
    {
      v2_route_shipping_options (ctx);
      return TRUE;
    }
  if (g_strcmp0 (path, "/store/returns") == 0 && is_post)
    {
      v2_route_create_return (ctx, body);
      return TRUE;
    }
  if (g_str_has_prefix (path, "/store/orders/"))
    {
      const char *rest = path + strlen ("/store/orders/");
      const char *slash = strchr (rest, '/');
      g_autofree char *order_id = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
      const char *step = NULL;
      FakeOrder *order;

      if (slash != NULL)
        {
          if (!g_str_has_prefix (slash, "/transfer/") || !is_post)
            return FALSE;
          step = slash + strlen ("/transfer/");
          if (!strv_has ((const char *[]) { "request", "accept", "decline", "cancel", NULL }, step))
            return FALSE;
        }
      else if (!is_get || *order_id == '\0')
        return FALSE;

      order = find_order (self, order_id);
      if (order == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Order id not found: %s", order_id);

          respond_error (ctx->msg, SOUP_STATUS_NOT_FOUND, NULL, "not_found", message);
          return TRUE;
        }
      if (step != NULL)
        v2_route_transfer (ctx, order, step, body);
      else
        respond_wrapped (ctx->msg, "order", v2_after_order_json (self, order));
      return TRUE;
    }
  return FALSE;
}

const char *
medusa_fake_server_get_transfer_token (MedusaFakeServer *self,
                                       const char       *order_id)
{
  V2Transfer *t;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  t = g_hash_table_lookup (v2_after_state (self)->transfers, order_id);
  return t != NULL ? t->token : NULL;
}

gint64
medusa_fake_server_get_v2_return_requested (MedusaFakeServer *self,
                                            const char       *order_id,
                                            const char       *item_id)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), 0);
  return v2_requested (v2_after_state (self), order_id, item_id);
}

static gboolean
route_v2 (RequestCtx *ctx,
          JsonObject *body)
{
  MedusaFakeServer *self = ctx->self;
  const char *method = soup_server_message_get_method (ctx->msg);
  const char *path = ctx->path;
  gboolean is_get = g_strcmp0 (method, "GET") == 0;
  gboolean is_post = g_strcmp0 (method, "POST") == 0;
  gboolean is_delete = g_strcmp0 (method, "DELETE") == 0;
  const char *key;
  FakeCustomer *c;

  if (self->v2 == NULL)
    return FALSE;

  /* No cookie sessions here: a bearer client. */
  ctx->new_session = FALSE;

  if (g_strcmp0 (path, "/auth/customer/emailpass") == 0 && is_post)
    v2_route_auth (ctx, body, FALSE);
  else if (g_strcmp0 (path, "/auth/customer/emailpass/register") == 0 && is_post)
    v2_route_auth (ctx, body, TRUE);
  else if (g_strcmp0 (path, "/auth/customer/emailpass/reset-password") == 0 && is_post)
    v2_route_reset_request (ctx, body);
  else if (g_strcmp0 (path, "/auth/customer/emailpass/update") == 0 && is_post)
    v2_route_reset_update (ctx, body);
  else if (g_strcmp0 (path, "/auth/token/refresh") == 0 && is_post)
    {
      g_autofree char *token = NULL;

      c = v2_get_customer (ctx);
      if (c == NULL)
        {
          v2_respond_unauthorized (ctx->msg);
          return TRUE;
        }
      token = v2_issue_token (self, c->id);
      v2_respond_token (ctx, token);
    }
  else if (!g_str_has_prefix (path, "/store/"))
    respond_not_found_route (ctx);
  else if ((key = soup_message_headers_get_one (soup_server_message_get_request_headers (ctx->msg),
                                                "x-publishable-api-key")) == NULL)
    respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "not_allowed",
                   "Publishable API key required in the request header: x-publishable-api-key. "
                   "You can manage your keys in settings in the dashboard.");
  else if (g_strcmp0 (key, self->v2->key) != 0)
    respond_error (ctx->msg, SOUP_STATUS_BAD_REQUEST, NULL, "not_allowed",
                   "A valid publishable key is required to proceed with the request");
  else if (route_v2_after (ctx, body))
    ;
  else if (g_strcmp0 (path, "/store/regions") == 0 && is_get)
    route_regions (ctx);
  else if (g_strcmp0 (path, "/store/customers") == 0 && is_post)
    v2_route_create_customer (ctx, body);
  else if (is_get && (g_strcmp0 (path, "/store/orders") == 0 ||
                      (g_str_has_prefix (path, "/store/orders/") &&
                       path[strlen ("/store/orders/")] != '\0' &&
                       strchr (path + strlen ("/store/orders/"), '/') == NULL)))
    v2_route_orders (ctx);
  else if (is_get && g_str_has_prefix (path, "/store/currencies/") &&
           path[strlen ("/store/currencies/")] != '\0' &&
           strchr (path + strlen ("/store/currencies/"), '/') == NULL)
    v2_route_currency (ctx);
  else if (g_str_has_prefix (path, "/store/customers/me"))
    {
      const char *rest = path + strlen ("/store/customers/me");
      const char *id = g_str_has_prefix (rest, "/addresses/") ? rest + strlen ("/addresses/") : NULL;
      gboolean known = (*rest == '\0' && (is_get || is_post)) ||
                       (g_strcmp0 (rest, "/addresses") == 0 && (is_get || is_post)) ||
                       (id != NULL && *id != '\0' && strchr (id, '/') == NULL && (is_post || is_delete));

      if (!known)
        respond_not_found_route (ctx);
      else if ((c = v2_get_customer (ctx)) == NULL)
        v2_respond_unauthorized (ctx->msg);
      else if (*rest == '\0' && is_get)
        respond_wrapped (ctx->msg, "customer", v2_customer_json (c));
      else if (*rest == '\0')
        v2_route_update_me (ctx, c, body);
      else
        v2_route_addresses (ctx, c, id, body);
    }
  else
    respond_not_found_route (ctx);

  return TRUE;
}

static void
route (RequestCtx *ctx)
{
  MedusaFakeServer *self = ctx->self;
  const char *method = soup_server_message_get_method (ctx->msg);
  const char *path = ctx->path;
  gboolean is_get = g_strcmp0 (method, "GET") == 0;
  gboolean is_post = g_strcmp0 (method, "POST") == 0;
  gboolean is_delete = g_strcmp0 (method, "DELETE") == 0;
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *body = ctx_body (ctx);
  FakeCustomer *c;

  if (body == NULL)
    body = empty;

  if (route_v2 (ctx, body))
    return;

  /* express.json(): a JSON body that does not parse → Express's HTML 400 */
  if (is_post && ctx->record->body[0] != '\0' && ctx->record->body_json == NULL)
    {
      const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (ctx->msg),
                                                                NULL);

      if (type != NULL && strstr (type, "json") != NULL)
        {
          respond_html_400 (ctx->msg);
          return;
        }
    }

  if (g_strcmp0 (path, "/store/auth/token") == 0 && is_post)
    {
      if (!self->token_route_enabled)
        respond_not_found_route (ctx);
      else
        route_auth_token (ctx, body, FALSE);
      return;
    }
  if (g_strcmp0 (path, "/store/auth") == 0)
    {
      if (is_post)
        route_auth_token (ctx, body, TRUE);
      else if (is_get)
        {
          c = ctx_get_customer (ctx);
          if (c == NULL)
            respond_unauthorized_plain (ctx->msg);
          else
            respond_wrapped (ctx->msg, "customer", customer_auth_json (self, c));
        }
      else if (is_delete)
        {
          if (ctx->sid != NULL)
            g_hash_table_remove (self->sessions, ctx->sid);
          ctx->session_destroyed = TRUE;
          respond_raw (ctx->msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "OK");
        }
      else
        respond_not_found_route (ctx);
      return;
    }
  if (g_str_has_prefix (path, "/store/auth/") && is_get && strchr (path + strlen ("/store/auth/"), '/') == NULL)
    {
      const char *email = path + strlen ("/store/auth/");
      FakeCustomer *found = find_customer_by_email (self, email);
      JsonObject *root = json_object_new ();

      json_object_set_boolean_member (root, "exists", found != NULL && found->has_account);
      respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
      return;
    }
  if (g_strcmp0 (path, "/store/customers") == 0 && is_post)
    {
      route_register (ctx, body);
      return;
    }
  if (g_strcmp0 (path, "/store/customers/password-token") == 0 && is_post)
    {
      route_password_token (ctx, body);
      return;
    }
  if (g_strcmp0 (path, "/store/customers/password-reset") == 0 && is_post)
    {
      route_password_reset (ctx, body);
      return;
    }
  if (g_strcmp0 (path, "/store/regions") == 0 && is_get)
    {
      route_regions (ctx);
      return;
    }
  if (g_strcmp0 (path, "/store/orders") == 0 && is_get)
    {
      route_lookup_order (ctx);
      return;
    }
  if (g_strcmp0 (path, "/store/orders/batch/customer/token") == 0 && is_post)
    {
      route_request_order_claim (ctx, body);
      return;
    }
  if (g_strcmp0 (path, "/store/orders/customer/confirm") == 0 && is_post)
    {
      route_confirm_order_claim (ctx, body);
      return;
    }
  if (g_strcmp0 (path, "/store/return-reasons") == 0 && is_get)
    {
      route_return_reasons (ctx);
      return;
    }
  if (g_strcmp0 (path, "/store/shipping-options") == 0 && is_get)
    {
      route_shipping_options (ctx);
      return;
    }
  if (g_strcmp0 (path, "/store/returns") == 0 && is_post)
    {
      route_create_return (ctx, body);
      return;
    }
  if (g_str_has_prefix (path, "/store/orders/") && is_get &&
      strchr (path + strlen ("/store/orders/"), '/') == NULL)
    {
      route_retrieve_order (ctx, path + strlen ("/store/orders/"));
      return;
    }

  if (g_str_has_prefix (path, "/store/customers/me"))
    {
      const char *rest = path + strlen ("/store/customers/me");
      gboolean known = (*rest == '\0' && (is_get || is_post)) ||
                       (g_strcmp0 (rest, "/orders") == 0 && is_get) ||
                       (g_strcmp0 (rest, "/payment-methods") == 0 && is_get) ||
                       (g_strcmp0 (rest, "/addresses") == 0 && is_post) ||
                       (g_str_has_prefix (rest, "/addresses/") && (is_post || is_delete) &&
                        strchr (rest + strlen ("/addresses/"), '/') == NULL &&
                        rest[strlen ("/addresses/")] != '\0');

      if (!known)
        {
          respond_not_found_route (ctx);
          return;
        }
      c = ctx_get_customer (ctx);
      if (c == NULL)
        {
          respond_unauthorized_plain (ctx->msg);
          return;
        }
      if (*rest == '\0' && is_get)
        respond_wrapped (ctx->msg, "customer", customer_me_json (c));
      else if (*rest == '\0')
        route_update_me (ctx, c, body);
      else if (g_strcmp0 (rest, "/orders") == 0)
        route_list_orders (ctx, c);
      else if (g_strcmp0 (rest, "/payment-methods") == 0)
        {
          JsonObject *root = json_object_new ();

          json_object_set_array_member (root, "payment_methods", json_array_new ());
          respond_json_object (ctx->msg, SOUP_STATUS_OK, root);
        }
      else if (g_strcmp0 (rest, "/addresses") == 0)
        route_add_address (ctx, c, body);
      else if (is_post)
        route_update_address (ctx, c, rest + strlen ("/addresses/"), body);
      else
        route_delete_address (ctx, c, rest + strlen ("/addresses/"));
      return;
    }

  respond_not_found_route (ctx);
}

/* ------------------------------------------------------------------ */
/* Faults and dispatch                                                 */

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *data)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  if (data != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, strlen (data),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
apply_status_fault (RequestCtx *ctx)
{
  Fault *f = &ctx->fault;
  guint status = f->status != 0 ? f->status : 503;

  if (f->body != NULL)
    respond_raw (ctx->msg, status, f->content_type != NULL ? f->content_type : "application/json; charset=utf-8",
                 f->body);
  else if (status == 401)
    respond_unauthorized_plain (ctx->msg);
  else if (status == 429)
    respond_raw (ctx->msg, status, "text/plain; charset=utf-8", "Too many requests, please try again later.");
  else if (status >= 500)
    respond_raw (ctx->msg, status, "application/json; charset=utf-8", unknown_error_body);
  else if (status == 404)
    respond_error (ctx->msg, status, NULL, "not_found", "Not found");
  else if (status == 409)
    respond_error (ctx->msg, status, "invalid_state_error", "conflict", "The resource was changed meanwhile");
  else if (status == 422)
    respond_error (ctx->msg, status, "invalid_request_error", "duplicate_error", "Duplicate");
  else if (status >= 400)
    respond_error (ctx->msg, status, NULL, "invalid_data", "Invalid request");
  else
    soup_server_message_set_status (ctx->msg, status, NULL);

  if (f->retry_after != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (ctx->msg),
                                  "Retry-After", f->retry_after);
}

/* Answers the request: a fault, or the route (then maybe cut). */
static void
dispatch (RequestCtx *ctx)
{
  SoupServerMessage *msg = ctx->msg;
  gboolean normal = !ctx->has_fault || ctx->fault.fault == MEDUSA_FAKE_FAULT_DELAY ||
                    ctx->fault.fault == MEDUSA_FAKE_FAULT_CUT_JSON ||
                    ctx->fault.fault == MEDUSA_FAKE_FAULT_LOSE_ANSWER;

  if (ctx->has_fault)
    {
      switch (ctx->fault.fault)
        {
        case MEDUSA_FAKE_FAULT_STATUS:
          apply_status_fault (ctx);
          break;
        case MEDUSA_FAKE_FAULT_TRUNCATED:
          write_raw_and_close (msg,
                               "HTTP/1.1 200 OK\r\n"
                               "Content-Type: application/json; charset=utf-8\r\n"
                               "Content-Length: 4096\r\n"
                               "Connection: close\r\n"
                               "\r\n"
                               "{\"customer\":{\"id\":\"cus_01FAKE\",\"email\":\"trunc");
          ctx->record->status = 0;
          return;
        case MEDUSA_FAKE_FAULT_DISCONNECT:
          write_raw_and_close (msg, NULL);
          ctx->record->status = 0;
          return;
        case MEDUSA_FAKE_FAULT_MALFORMED_JSON:
          respond_raw (msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
                       "{\"customer\":{\"id\":\"cus_01FAKE\",,]]} not json");
          break;
        case MEDUSA_FAKE_FAULT_PLAIN_401:
          respond_unauthorized_plain (msg);
          break;
        case MEDUSA_FAKE_FAULT_HTML_400:
          respond_html_400 (msg);
          break;
        case MEDUSA_FAKE_FAULT_REDIRECT_307:
          {
            const char *query = ctx->record->query;
            GUri *uri = soup_server_message_get_uri (msg);
            g_autofree char *location = g_strdup_printf ("%s%s%s%s", ctx->self->url, g_uri_get_path (uri),
                                                         query != NULL ? "?" : "", query != NULL ? query : "");

            soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
          }
          break;
        case MEDUSA_FAKE_FAULT_DELAY:
        case MEDUSA_FAKE_FAULT_CUT_JSON:
        default:
          break;
        }
    }

  if (normal && ctx->self->etag != NULL)
    g_object_set_data_full (G_OBJECT (msg), "medusa-fake-etag", g_strdup (ctx->self->etag), g_free);
  if (normal)
    route (ctx);

  if (ctx->has_fault && ctx->fault.fault == MEDUSA_FAKE_FAULT_LOSE_ANSWER)
    {
      /* Done, but the answer never reaches the client. */
      write_raw_and_close (msg, NULL);
      ctx->record->status = 0;
      return;
    }

  if (ctx->has_fault && ctx->fault.fault == MEDUSA_FAKE_FAULT_CUT_JSON)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      gsize len = g_bytes_get_size (bytes);

      soup_message_body_truncate (body);
      soup_message_body_append (body, SOUP_MEMORY_COPY, g_bytes_get_data (bytes, NULL), len / 2);
    }

  /* express-session, saveUninitialized: every answer to a request without a
   * valid cookie carries a new one */
  if (ctx->new_session && !ctx->session_destroyed)
    add_session_cookie (ctx);

  ctx->record->status = soup_server_message_get_status (msg);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  RequestCtx *ctx = user_data;
  MedusaFakeServer *self = ctx->self;

  ctx->source_id = 0;
  self->pending = g_list_remove (self->pending, ctx);
  if (!ctx->disconnected)
    {
      dispatch (ctx);
      soup_server_message_unpause (ctx->msg);
    }
  request_ctx_free (ctx);
  return G_SOURCE_REMOVE;
}

static void
on_message_disconnected_cb (SoupServerMessage *msg,
                            gpointer           user_data)
{
  RequestCtx *ctx = user_data;

  ctx->disconnected = TRUE;
}

/* A prefix with a '?' is matched against the path and the query string:
 * "/store/customers/me/orders?offset=20&" picks one page. */
static gboolean
take_fault (MedusaFakeServer *self,
            const char       *method,
            const char       *path,
            const char       *query,
            Fault            *out)
{
  g_autofree char *path_and_query = g_strconcat (path, "?", query != NULL ? query : "", "&", NULL);

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *f = g_ptr_array_index (self->faults, i);

      if (f->method != NULL && g_ascii_strcasecmp (f->method, method) != 0)
        continue;
      if (f->prefix != NULL &&
          !g_str_has_prefix (strchr (f->prefix, '?') != NULL ? path_and_query : path, f->prefix))
        continue;

      *out = *f;
      out->method = g_strdup (f->method);
      out->prefix = g_strdup (f->prefix);
      out->retry_after = g_strdup (f->retry_after);
      out->content_type = g_strdup (f->content_type);
      out->body = g_strdup (f->body);
      f->used++;
      if (f->times != 0 && f->used >= f->times)
        g_ptr_array_remove_index (self->faults, i);
      return TRUE;
    }
  return FALSE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *unused_path,
           GHashTable        *unused_query,
           gpointer           user_data)
{
  MedusaFakeServer *self = MEDUSA_FAKE_SERVER (user_data);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  MedusaFakeRequest *record = g_new0 (MedusaFakeRequest, 1);
  RequestCtx *ctx = g_new0 (RequestCtx, 1);
  char *decoded;

  decoded = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  record->method = g_strdup (soup_server_message_get_method (msg));
  record->path = decoded != NULL ? decoded : g_strdup (g_uri_get_path (uri));
  record->query = g_strdup (g_uri_get_query (uri));
  record->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  record->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (record->body[0] != '\0')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, record->body, -1, NULL))
        record->body_json = json_parser_steal_root (parser);
    }
  g_ptr_array_add (self->requests, record);
  g_debug ("fake: %s %s", record->method, record->path);

  ctx->self = self;
  ctx->msg = g_object_ref (msg);
  ctx->record = record;
  ctx->path = g_strdup (record->path);
  ctx->sid = parse_session_cookie (msg);
  if (ctx->sid == NULL || !g_hash_table_contains (self->sessions, ctx->sid))
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (ctx->sid);
      g_strdelimit (uuid, "-", 'S');
      ctx->sid = g_steal_pointer (&uuid);
      ctx->new_session = TRUE;
      g_hash_table_replace (self->sessions, g_strdup (ctx->sid), g_strdup (""));
    }
  ctx->has_fault = take_fault (self, record->method, record->path, record->query,
                               &ctx->fault);

  if (ctx->has_fault && ctx->fault.fault == MEDUSA_FAKE_FAULT_DELAY)
    {
      GSource *source = g_timeout_source_new (ctx->fault.delay_ms != 0 ? ctx->fault.delay_ms : 3000);

      soup_server_message_pause (msg);
      ctx->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (on_message_disconnected_cb), ctx);
      g_source_set_callback (source, delay_done_cb, ctx, NULL);
      ctx->source_id = g_source_attach (source, self->context);
      g_source_unref (source);
      self->pending = g_list_prepend (self->pending, ctx);
      return;
    }

  dispatch (ctx);
  request_ctx_free (ctx);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
medusa_fake_server_dispose (GObject *object)
{
  MedusaFakeServer *self = MEDUSA_FAKE_SERVER (object);

  while (self->pending != NULL)
    {
      RequestCtx *ctx = self->pending->data;

      self->pending = g_list_delete_link (self->pending, self->pending);
      request_ctx_free (ctx);
    }
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  G_OBJECT_CLASS (medusa_fake_server_parent_class)->dispose (object);
}

static void
medusa_fake_server_finalize (GObject *object)
{
  MedusaFakeServer *self = MEDUSA_FAKE_SERVER (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->v2, fake_v2_free);
  g_clear_pointer (&self->idempotency_keys, g_hash_table_unref);
  g_clear_pointer (&self->claim_grants, g_hash_table_unref);
  g_clear_pointer (&self->claim_tokens, g_hash_table_unref);
  g_clear_pointer (&self->etag, g_free);

  G_OBJECT_CLASS (medusa_fake_server_parent_class)->finalize (object);
}

static void
medusa_fake_server_class_init (MedusaFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_fake_server_dispose;
  object_class->finalize = medusa_fake_server_finalize;
}

static void
medusa_fake_server_init (MedusaFakeServer *self)
{
  self->customers = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_customer_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_order_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->next_display_id = 1;
  self->token_route_enabled = TRUE;
  self->idempotency_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) json_object_unref);
  self->claim_grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) claim_grant_free);
  self->claim_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

MedusaFakeServer *
medusa_fake_server_new (void)
{
  MedusaFakeServer *self = g_object_new (MEDUSA_TYPE_FAKE_SERVER, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  self->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "Express", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

const char *
medusa_fake_server_get_url (MedusaFakeServer *self)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);

  return self->url;
}

const char *
medusa_fake_server_add_customer (MedusaFakeServer *self,
                                 const char       *email,
                                 const char       *password,
                                 const char       *first_name,
                                 const char       *last_name)
{
  FakeCustomer *c;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  c = g_new0 (FakeCustomer, 1);
  c->id = make_id (self, "cus");
  c->created_at = now_string ();
  c->updated_at = g_strdup (c->created_at);
  c->email = g_ascii_strdown (email, -1);
  g_strstrip (c->email);
  c->password = g_strdup (password);
  c->has_account = password != NULL && *password != '\0';
  c->first_name = g_strdup (first_name);
  c->last_name = g_strdup (last_name);
  c->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (self->customers, c);
  return c->id;
}

void
medusa_fake_server_add_orders (MedusaFakeServer *self,
                               const char       *email,
                               guint             n)
{
  FakeCustomer *c;

  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  c = find_customer_by_email (self, email);
  g_return_if_fail (c != NULL);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->orders, order_new (self, c, self->next_display_id++));
}

const char *
medusa_fake_server_add_address (MedusaFakeServer *self,
                                const char       *email,
                                const char       *first_name,
                                const char       *last_name,
                                const char       *address_1,
                                const char       *city,
                                const char       *country_code,
                                const char       *postal_code)
{
  FakeCustomer *c;
  JsonObject *a;
  g_autofree char *country = NULL;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  c = find_customer_by_email (self, email);
  g_return_val_if_fail (c != NULL, NULL);

  a = address_new (self, c->id);
  set_nullable_string (a, "first_name", first_name);
  set_nullable_string (a, "last_name", last_name);
  set_nullable_string (a, "address_1", address_1);
  set_nullable_string (a, "city", city);
  country = country_code != NULL ? g_ascii_strdown (country_code, -1) : NULL;
  set_nullable_string (a, "country_code", country);
  set_nullable_string (a, "postal_code", postal_code);
  g_ptr_array_add (c->addresses, a);
  return json_object_get_string_member (a, "id");
}

JsonObject *
medusa_fake_server_dup_customer_json (MedusaFakeServer *self,
                                      const char       *email)
{
  FakeCustomer *c;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  c = find_customer_by_email (self, email);
  return c != NULL ? customer_me_json (c) : NULL;
}

const char *
medusa_fake_server_get_order_id (MedusaFakeServer *self,
                                 guint             display_id)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (order->display_id == display_id)
        return order->id;
    }
  return NULL;
}

void
medusa_fake_server_touch_order (MedusaFakeServer *self,
                                guint             display_id,
                                const char       *fulfillment_status,
                                GDateTime        *updated_at)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (order->display_id != display_id)
        continue;
      if (fulfillment_status != NULL)
        json_object_set_string_member (order->json, "fulfillment_status", fulfillment_status);
      g_clear_pointer (&order->updated_at, g_date_time_unref);
      order->updated_at = updated_at != NULL ? g_date_time_ref (updated_at) : g_date_time_new_now_utc ();
      return;
    }
  g_return_if_reached ();
}

JsonObject *
medusa_fake_server_get_order_json (MedusaFakeServer *self,
                                   guint             display_id)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (order->display_id == display_id)
        return order->json;
    }
  return NULL;
}

gboolean
medusa_fake_server_check_password (MedusaFakeServer *self,
                                   const char       *email,
                                   const char       *password)
{
  FakeCustomer *c;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), FALSE);
  c = find_customer_by_email (self, email);
  return c != NULL && c->password != NULL && g_strcmp0 (c->password, password) == 0;
}

char *
medusa_fake_server_issue_token (MedusaFakeServer *self,
                                const char       *email)
{
  FakeCustomer *c;
  char *token;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  c = find_customer_by_email (self, email);
  g_return_val_if_fail (c != NULL, NULL);

  token = make_jwt (c->id, 30 * 24 * 3600);
  g_hash_table_replace (self->tokens, g_strdup (token), g_strdup (c->id));
  return token;
}

void
medusa_fake_server_revoke_credentials (MedusaFakeServer *self)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->sessions);
}

const char *
medusa_fake_server_get_reset_token (MedusaFakeServer *self,
                                    const char       *email)
{
  FakeCustomer *c;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  if (self->v2 != NULL)
    return g_hash_table_lookup (self->v2->reset_tokens, email);
  c = find_customer_by_email (self, email);
  return c != NULL ? c->reset_token : NULL;
}

void
medusa_fake_server_set_token_route_enabled (MedusaFakeServer *self,
                                            gboolean          enabled)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  self->token_route_enabled = !!enabled;
}

void
medusa_fake_server_set_etag (MedusaFakeServer *self,
                             const char       *etag)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  g_free (self->etag);
  self->etag = g_strdup (etag);
}

void
medusa_fake_server_add_fault_full (MedusaFakeServer          *self,
                                   const char                *method,
                                   const char                *path_prefix,
                                   const MedusaFakeFaultSpec *spec,
                                   guint                      times)
{
  Fault *f;

  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));
  g_return_if_fail (spec != NULL);

  f = g_new0 (Fault, 1);
  f->method = g_strdup (method);
  f->prefix = g_strdup (path_prefix);
  f->fault = spec->fault;
  f->status = spec->status;
  f->retry_after = g_strdup (spec->retry_after);
  f->content_type = g_strdup (spec->content_type);
  f->body = g_strdup (spec->body);
  f->delay_ms = spec->delay_ms;
  f->times = times;
  g_ptr_array_add (self->faults, f);
}

void
medusa_fake_server_add_fault (MedusaFakeServer *self,
                              const char       *method,
                              const char       *path_prefix,
                              MedusaFakeFault   fault,
                              guint             times)
{
  MedusaFakeFaultSpec spec = { .fault = fault };

  medusa_fake_server_add_fault_full (self, method, path_prefix, &spec, times);
}

void
medusa_fake_server_add_status_fault (MedusaFakeServer *self,
                                     const char       *method,
                                     const char       *path_prefix,
                                     guint             status,
                                     const char       *retry_after,
                                     const char       *body,
                                     guint             times)
{
  MedusaFakeFaultSpec spec = {
    .fault = MEDUSA_FAKE_FAULT_STATUS,
    .status = status,
    .retry_after = retry_after,
    .body = body,
  };

  medusa_fake_server_add_fault_full (self, method, path_prefix, &spec, times);
}

void
medusa_fake_server_add_delay_fault (MedusaFakeServer *self,
                                    const char       *method,
                                    const char       *path_prefix,
                                    guint             delay_ms,
                                    guint             times)
{
  MedusaFakeFaultSpec spec = {
    .fault = MEDUSA_FAKE_FAULT_DELAY,
    .delay_ms = delay_ms,
  };

  medusa_fake_server_add_fault_full (self, method, path_prefix, &spec, times);
}

void
medusa_fake_server_clear_faults (MedusaFakeServer *self)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  g_ptr_array_set_size (self->faults, 0);
}

static gboolean
request_matches (MedusaFakeRequest *request,
                 const char        *method,
                 const char        *path)
{
  return (method == NULL || g_ascii_strcasecmp (request->method, method) == 0) &&
         (path == NULL || g_strcmp0 (request->path, path) == 0);
}

guint
medusa_fake_server_get_n_requests (MedusaFakeServer *self,
                                   const char       *method,
                                   const char       *path)
{
  guint n = 0;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    if (request_matches (g_ptr_array_index (self->requests, i), method, path))
      n++;
  return n;
}

const MedusaFakeRequest *
medusa_fake_server_get_last_request (MedusaFakeServer *self,
                                     const char       *method,
                                     const char       *path)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      MedusaFakeRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, method, path))
        return request;
    }
  return NULL;
}

const MedusaFakeRequest *
medusa_fake_server_get_request (MedusaFakeServer *self,
                                guint             index)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  g_return_val_if_fail (index < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, index);
}

void
medusa_fake_server_clear_requests (MedusaFakeServer *self)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  /* records of paused requests stay alive until they finish */
  if (self->pending == NULL)
    g_ptr_array_set_size (self->requests, 0);
  else
    {
      GPtrArray *keep = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
      guint index;

      for (GList *l = self->pending; l != NULL; l = l->next)
        {
          RequestCtx *ctx = l->data;

          /* steal it from the old array so that unref does not free it */
          if (g_ptr_array_find (self->requests, ctx->record, &index))
            g_ptr_array_steal_index (self->requests, index);
          g_ptr_array_add (keep, ctx->record);
        }
      g_ptr_array_unref (self->requests);
      self->requests = keep;
    }
}

const char *
medusa_fake_request_get_method (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->method;
}

const char *
medusa_fake_request_get_path (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->path;
}

const char *
medusa_fake_request_get_query (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->query;
}

const char *
medusa_fake_request_get_header (const MedusaFakeRequest *request,
                                const char              *name)
{
  g_return_val_if_fail (request != NULL, NULL);
  return soup_message_headers_get_list (request->headers, name);
}

const char *
medusa_fake_request_get_body (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->body;
}

JsonNode *
medusa_fake_request_get_body_json (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->body_json;
}

guint
medusa_fake_request_get_status (const MedusaFakeRequest *request)
{
  g_return_val_if_fail (request != NULL, 0);
  return request->status;
}

/* ------------------------------------------------------------------ */
/* Test helpers                                                        */

void
medusa_fake_async_result_cb (GObject      *source_object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
medusa_fake_wait_result (GAsyncResult **slot)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  return g_steal_pointer (slot);
}

static gboolean
iterate_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
medusa_fake_iterate_ms (guint ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  GSource *source = g_timeout_source_new (ms);
  gboolean done = FALSE;

  g_source_set_callback (source, iterate_done_cb, &done, NULL);
  g_source_attach (source, context);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (source);
  g_source_unref (source);
}

void
medusa_fake_settle_object (gpointer object)
{
  GMainContext *context = g_main_context_get_thread_default ();
  /* Generous: a loaded CI machine can take a second for an SQLite open on
   * a worker thread; it costs nothing when the references go at once. */
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_return_if_fail (G_IS_OBJECT (object));

  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1 &&
         g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (context, FALSE))
        ;
      g_usleep (1000);
    }
}

gboolean
medusa_fake_json_equal (JsonNode   *node,
                        const char *expected)
{
  g_autoptr(JsonNode) other = json_from_string (expected, NULL);

  if (node == NULL || other == NULL)
    return node == other;
  return json_node_equal (node, other);
}

const char *
medusa_fake_server_get_claim_token (MedusaFakeServer *self,
                                    const char       *email)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  lower = g_ascii_strdown (email, -1);
  return g_hash_table_lookup (self->claim_tokens, lower);
}

void
medusa_fake_server_expire_claim_tokens (MedusaFakeServer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));

  g_hash_table_iter_init (&iter, self->claim_grants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((ClaimGrant *) value)->expires = 0;
}

const char *
medusa_fake_server_get_order_customer_id (MedusaFakeServer *self,
                                          guint             display_id)
{
  g_return_val_if_fail (MEDUSA_IS_FAKE_SERVER (self), NULL);

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (order->display_id == display_id)
        return order->customer_id;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Medusa v2 mode                                                      */

void
medusa_fake_server_set_v2 (MedusaFakeServer *self,
                           const char       *publishable_key)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));
  g_return_if_fail (publishable_key != NULL);
  g_return_if_fail (self->v2 == NULL);

  self->v2 = g_new0 (FakeV2, 1);
  self->v2->key = g_strdup (publishable_key);
  self->v2->token_lifetime = 86400;
  self->v2->identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->v2->reg_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->v2->expiry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->v2->reset_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
medusa_fake_server_set_v2_token_lifetime (MedusaFakeServer *self,
                                          gint64            seconds)
{
  g_return_if_fail (MEDUSA_IS_FAKE_SERVER (self));
  g_return_if_fail (self->v2 != NULL);

  self->v2->token_lifetime = seconds;
}
