/* medusa-dialect-v2.c: the Medusa v2 (2.21) Store API
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What differs from v1 (measured on a real 2.21.2 backend, see HACKING.md):
 * every /store request carries the publishable key (the client sends it
 * when the profile has one); authentication lives under
 * /auth/customer/emailpass and gives a JWT of 24 h, renewed with
 * POST /auth/token/refresh; registration is identity → POST /store/customers
 * with that identity's token → sign in; sign-out only forgets the token;
 * address bodies are flat, the address book is a paged list, and a delete
 * answers {id: <customer id>, object, deleted, parent: <customer>}. The
 * customer's "addresses" become the models' shipping addresses, its default
 * billing address their billing address.
 */
#define G_LOG_DOMAIN "medusa-dialect-v2"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "medusa-dialect-private.h"
#include "medusa-error.h"
#include "medusa-orders-v2.h"
#include "medusa-secret.h"

/* Renew a token that has less than this left (v2 tokens last 24 h). */
#define REFRESH_MARGIN_SECONDS 3600
/* The address book is read in pages of this many, up to MAX_ADDRESSES. */
#define ADDRESS_PAGE_SIZE 50
#define MAX_ADDRESSES 1000

/* Customer JSON, v2 → the shape the models and the local copy read */

static gint
compare_addresses (gconstpointer a,
                   gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode **) a);
  JsonObject *ob = json_node_get_object (*(JsonNode **) b);
  int cmp;

  /* The store sends them in no stable order: oldest first, then by id.
   * (Not json_object_get_string_member_with_default(): an object or an
   * array there is a critical.) */
  cmp = g_strcmp0 (medusa_json_peek_string_member (oa, "created_at"),
                   medusa_json_peek_string_member (ob, "created_at"));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (medusa_json_peek_string_member (oa, "id"),
                    medusa_json_peek_string_member (ob, "id"));
}

static gboolean
address_is_default_billing (JsonObject *address)
{
  JsonNode *flag = json_object_get_member (address, "is_default_billing");

  return flag != NULL && JSON_NODE_HOLDS_VALUE (flag) &&
         json_node_get_value_type (flag) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (flag);
}

/* @addresses (nullable): replaces the customer's "addresses" (a full list
 * read page by page). */
static JsonObject *
normalize_customer_with (JsonObject  *customer,
                         JsonArray   *addresses,
                         GError     **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonArray) shipping = json_array_new ();
  JsonNode *billing = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (addresses == NULL)
    {
      JsonNode *node = json_object_get_member (customer, "addresses");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        addresses = json_node_get_array (node);
      else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }
    }

  json_object_iter_init (&iter, customer);
  while (json_object_iter_next (&iter, &name, &value))
    {
      /* Ours to set below; v1 names that a v2 store never sends. */
      if (strcmp (name, "addresses") == 0 || strcmp (name, "shipping_addresses") == 0 ||
          strcmp (name, "billing_address") == 0 || strcmp (name, "billing_address_id") == 0)
        continue;
      json_object_set_member (out, name, json_node_copy (value));
    }

  for (guint i = 0; addresses != NULL && i < json_array_get_length (addresses); i++)
    {
      JsonNode *node = json_array_get_element (addresses, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          _medusa_client_set_parse_error (error);
          return NULL;
        }
      g_ptr_array_add (sorted, node);
    }
  g_ptr_array_sort (sorted, compare_addresses);

  for (guint i = 0; i < sorted->len; i++)
    {
      JsonNode *node = g_ptr_array_index (sorted, i);

      json_array_add_element (shipping, json_node_copy (node));
      if (billing == NULL && address_is_default_billing (json_node_get_object (node)))
        billing = node;
    }

  json_object_set_array_member (out, "shipping_addresses", json_array_ref (shipping));
  if (billing != NULL)
    {
      JsonObject *billing_object = json_node_get_object (billing);
      const char *id = medusa_json_peek_string_member (billing_object, "id");

      json_object_set_member (out, "billing_address", json_node_copy (billing));
      if (id != NULL)
        json_object_set_string_member (out, "billing_address_id", id);
    }
  else
    json_object_set_null_member (out, "billing_address");

  return g_steal_pointer (&out);
}

static JsonObject *
v2_normalize_customer_json (JsonObject  *customer,
                            GError     **error)
{
  return normalize_customer_with (customer, NULL, error);
}

/* The customer model of the object @member of @root ("customer", or
 * "parent" in a delete answer). */
static MedusaCustomer *
customer_from_member (JsonNode    *root,
                      const char  *member,
                      GError     **error)
{
  g_autoptr(JsonObject) normalized = NULL;
  JsonObject *object;

  object = medusa_json_get_object_member (root, member, error);
  if (object == NULL)
    return NULL;

  normalized = normalize_customer_with (object, NULL, error);
  if (normalized == NULL)
    return NULL;

  return medusa_customer_new_from_json (normalized, error);
}

static JsonNode *
build_credentials (const char *email,
                   const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The "token" of an /auth answer, or NULL with MEDUSA_ERROR_PARSE. */
static const char *
token_from_root (JsonNode  *root,
                 GError   **error)
{
  const char *token = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    token = medusa_json_peek_string_member (json_node_get_object (root), "token");
  if (!_medusa_token_is_valid (token))
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE,
                           _("The store did not send a sign-in token."));
      return NULL;
    }

  return token;
}

/* A task that returns the customer from {"@member": {...}}. */
static void
return_customer (GTask      *task,
                 JsonNode   *root,
                 const char *member)
{
  GError *error = NULL;
  MedusaCustomer *customer = customer_from_member (root, member, &error);

  if (customer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, customer, g_object_unref);
}

static void
on_customer_answer_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    return_customer (task, root, "customer");
}

/* Retrieve: GET /store/customers/me, then the whole address book */

typedef struct
{
  JsonObject *customer;   /* (owned) */
  JsonArray  *addresses;  /* (owned): read so far */
} RetrieveData;

static void
retrieve_data_free (RetrieveData *data)
{
  g_clear_pointer (&data->customer, json_object_unref);
  g_clear_pointer (&data->addresses, json_array_unref);
  g_free (data);
}

static void request_address_page (MedusaClient *self, GTask *task);

static void
on_address_page_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  RetrieveData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) normalized = NULL;
  GError *error = NULL;
  JsonObject *page;
  JsonNode *list;
  JsonArray *array;
  gint64 count;
  guint n;

  root = medusa_client_request_finish (self, result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  list = page != NULL ? json_object_get_member (page, "addresses") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }

  array = json_node_get_array (list);
  n = json_array_get_length (array);
  for (guint i = 0; i < n && json_array_get_length (data->addresses) < MAX_ADDRESSES; i++)
    json_array_add_element (data->addresses, json_node_copy (json_array_get_element (array, i)));

  if (!medusa_json_read_int (page, "count", &count, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (n > 0 && json_array_get_length (data->addresses) < MIN (count, MAX_ADDRESSES))
    {
      request_address_page (self, g_steal_pointer (&task));
      return;
    }

  normalized = normalize_customer_with (data->customer, data->addresses, &error);
  if (normalized != NULL)
    {
      MedusaCustomer *customer = medusa_customer_new_from_json (normalized, &error);

      if (customer != NULL)
        {
          g_task_return_pointer (task, customer, g_object_unref);
          return;
        }
    }
  g_task_return_error (task, error);
}

static void
request_address_page (MedusaClient *self,
                      GTask        *task)
{
  RetrieveData *data = g_task_get_task_data (task);
  g_autofree char *query = g_strdup_printf ("limit=%u&offset=%u", ADDRESS_PAGE_SIZE,
                                            json_array_get_length (data->addresses));

  medusa_client_request_async (self, "GET", "/store/customers/me/addresses", query, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_address_page_cb, task);
}

static void
on_retrieve_me_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  GTask *task = user_data;
  RetrieveData *data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *customer;

  root = medusa_client_request_finish (self, result, NULL, &error);
  customer = error == NULL ? medusa_json_get_object_member (root, "customer", &error) : NULL;
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data = g_new0 (RetrieveData, 1);
  data->customer = json_object_ref (customer);
  data->addresses = json_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) retrieve_data_free);
  request_address_page (self, task);
}

static void
v2_retrieve_customer (MedusaClient *self,
                      GTask        *task)
{
  medusa_client_request_async (self, "GET", "/store/customers/me", NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_retrieve_me_cb, task);
}

/* Sign in: POST /auth/customer/emailpass → token, then the customer */

static void
on_sign_in_customer_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  customer = g_task_propagate_pointer (G_TASK (result), &error);
  if (customer == NULL)
    {
      /* Not signed in after all: do not keep a token we never confirmed. */
      medusa_client_forget_credential (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

static void
on_sign_in_token_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GCancellable *cancellable;
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  GTask *retrieve;
  const char *token;

  root = medusa_client_request_finish (self, result, NULL, &error);
  token = error == NULL ? token_from_root (root, &error) : NULL;
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  medusa_client_forget_credential (self);
  medusa_client_set_token (self, token);

  /* Read before the task is handed on (argument order is unspecified). */
  cancellable = g_task_get_cancellable (task);
  retrieve = g_task_new (self, cancellable, on_sign_in_customer_cb, g_steal_pointer (&task));
  v2_retrieve_customer (self, retrieve);
}

static void
v2_sign_in (MedusaClient *self,
            GTask        *task,
            const char   *email,
            const char   *password)
{
  g_autoptr(JsonNode) body = build_credentials (email, password);

  /* Getting a token changes nothing on the server: safe to repeat. */
  medusa_client_request_async (self, "POST", "/auth/customer/emailpass", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS | MEDUSA_REQUEST_IDEMPOTENT,
                               MEDUSA_ERROR_CONTEXT_SIGN_IN,
                               g_task_get_cancellable (task), on_sign_in_token_cb, task);
}

/* Sign out: a v2 token cannot be revoked; forgetting it is the sign-out. */

static void
v2_sign_out (MedusaClient *self,
             GTask        *task)
{
  medusa_client_forget_credential (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Register: identity, customer (with the identity's token), sign in */

typedef struct
{
  char           *email;       /* (owned) */
  char           *password;    /* (owned): wiped on free */
  JsonNode       *customer;    /* (owned): the POST /store/customers body */
  MedusaCustomer *registered;  /* (owned) (nullable): its answer */
} RegisterData;

static void
register_data_free (RegisterData *data)
{
  g_free (data->email);
  medusa_secret_free (data->password);
  g_clear_pointer (&data->customer, json_node_unref);
  g_clear_object (&data->registered);
  g_free (data);
}

static void
on_register_signed_in_cb (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  customer = g_task_propagate_pointer (G_TASK (result), &error);
  if (customer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&customer), g_object_unref);
}

static void
on_register_customer_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GCancellable *cancellable;
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  RegisterData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  GTask *sign_in;

  root = medusa_client_request_finish (self, result, NULL, &error);
  /* The identity's token cannot read the customer: it is no credential. */
  medusa_client_forget_credential (self);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  sign_in = g_task_new (self, cancellable, on_register_signed_in_cb, g_steal_pointer (&task));
  v2_sign_in (self, sign_in, data->email, data->password);
}

static void
on_register_identity_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GCancellable *cancellable;
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  RegisterData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *token;

  root = medusa_client_request_finish (self, result, NULL, &error);
  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
    {
      /* 401 "Identity with email already exists" (any password). */
      g_clear_error (&error);
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE, "%s",
                               _("An account with this email address already exists."));
      return;
    }

  token = error == NULL ? token_from_root (root, &error) : NULL;
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  medusa_client_forget_credential (self);
  medusa_client_set_token (self, token);
  cancellable = g_task_get_cancellable (task);
  medusa_client_request_async (self, "POST", "/store/customers", NULL, data->customer,
                               MEDUSA_REQUEST_NO_REFRESH, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               cancellable, on_register_customer_cb, g_steal_pointer (&task));
}

static void
builder_add_optional (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, trimmed);
}

static void
v2_register_customer (MedusaClient *self,
                      GTask        *task,
                      const char   *email,
                      const char   *password,
                      const char   *first_name,
                      const char   *last_name,
                      const char   *phone)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  RegisterData *data;

  data = g_new0 (RegisterData, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  builder_add_optional (builder, "first_name", first_name);
  builder_add_optional (builder, "last_name", last_name);
  builder_add_optional (builder, "phone", phone);
  json_builder_end_object (builder);
  data->customer = json_builder_get_root (builder);
  g_task_set_task_data (task, data, (GDestroyNotify) register_data_free);

  body = build_credentials (email, password);
  /* Not repeated: a second identity request would say "already exists". */
  medusa_client_request_async (self, "POST", "/auth/customer/emailpass/register", NULL, body,
                               MEDUSA_REQUEST_ANONYMOUS, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_register_identity_cb, task);
}

/* Addresses: flat bodies, answered with the customer */

static char *
address_path (const char *address_id)
{
  g_autofree char *escaped = g_uri_escape_string (address_id, NULL, TRUE);

  return g_strconcat ("/store/customers/me/addresses/", escaped, NULL);
}

/* The billing address: the address book's default billing address. The
 * update's "billing_address" (v1's shape) is an address id, which gets the
 * flag (POST …/addresses/{id}), or a new address, added with it (POST
 * …/addresses); the store takes the flag off the one that had it. Both
 * answer the customer. Saved on its own (the profile's Save Billing
 * Address): anything else in the same update is refused. */
static void
v2_update_billing_address (MedusaClient *self,
                           GTask        *task,
                           JsonObject   *update)
{
  JsonNode *billing = json_object_get_member (update, "billing_address");
  gboolean by_id = JSON_NODE_HOLDS_VALUE (billing) && json_node_get_value_type (billing) == G_TYPE_STRING;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) body_node = NULL;
  g_autofree char *path = NULL;

  if (json_object_get_size (update) != 1 || (!by_id && !JSON_NODE_HOLDS_OBJECT (billing)))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED, "%s",
                               _("The billing address is saved on its own."));
      g_object_unref (task);
      return;
    }

  body = by_id ? json_object_new () : json_object_ref (json_node_get_object (billing));
  json_object_set_boolean_member (body, "is_default_billing", TRUE);
  body_node = json_node_init_object (json_node_alloc (), body);
  path = by_id ? address_path (json_node_get_string (billing)) : g_strdup ("/store/customers/me/addresses");
  /* Setting the flag twice leaves it set; a repeated POST of a new address
   * would add it twice. */
  medusa_client_request_async (self, "POST", path, NULL, body_node,
                               by_id ? MEDUSA_REQUEST_IDEMPOTENT : MEDUSA_REQUEST_DEFAULT,
                               MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_customer_answer_cb, task);
}

/* Update: POST /store/customers/me, only the fields v2 takes */

static void
v2_update_customer (MedusaClient               *self,
                    GTask                      *task,
                    const MedusaCustomerUpdate *update)
{
  g_autoptr(JsonNode) body = medusa_customer_update_to_json (update);
  JsonObject *object = json_node_get_object (body);

  /* The store answers 400 "Unrecognized fields" to these: say why instead. */
  if (json_object_has_member (object, "email") || json_object_has_member (object, "password"))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_NOT_ALLOWED, "%s",
                               _("This store does not let you change your email address or password here."));
      g_object_unref (task);
      return;
    }
  if (json_object_has_member (object, "billing_address"))
    {
      v2_update_billing_address (self, task, object);
      return;
    }

  /* Setting the same fields twice leaves the same customer: safe to repeat. */
  medusa_client_request_async (self, "POST", "/store/customers/me", NULL, body,
                               MEDUSA_REQUEST_IDEMPOTENT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_customer_answer_cb, task);
}

static void
v2_add_address (MedusaClient             *self,
                GTask                    *task,
                const MedusaAddressInput *address)
{
  g_autoptr(JsonNode) body = medusa_address_input_to_json (address);

  /* Not idempotent: a repeated POST would add the address twice. */
  medusa_client_request_async (self, "POST", "/store/customers/me/addresses", NULL, body,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_customer_answer_cb, task);
}

static void
v2_update_address (MedusaClient             *self,
                   GTask                    *task,
                   const char               *address_id,
                   const MedusaAddressInput *address)
{
  g_autoptr(JsonNode) body = medusa_address_input_to_json (address);
  g_autofree char *path = address_path (address_id);

  medusa_client_request_async (self, "POST", path, NULL, body,
                               MEDUSA_REQUEST_IDEMPOTENT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_customer_answer_cb, task);
}

static void
on_delete_address_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gboolean deleted = FALSE;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* {"id": <customer id>, "object": "address", "deleted": true, "parent": {customer}}
   * ("deleted" read without a critical when it is an object or an array) */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !medusa_json_read_boolean (json_node_get_object (root), "deleted", &deleted, NULL) ||
      !deleted)
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (task, error);
      return;
    }

  return_customer (task, root, "parent");
}

static void
v2_delete_address (MedusaClient *self,
                   GTask        *task,
                   const char   *address_id)
{
  g_autofree char *path = address_path (address_id);

  medusa_client_request_async (self, "DELETE", path, NULL, NULL,
                               MEDUSA_REQUEST_DEFAULT, MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_delete_address_cb, task);
}

/* Token lifetime */

static gboolean
v2_token_needs_refresh (const char *token,
                        gint64      now_unix)
{
  gint64 expiry = _medusa_jwt_get_expiry (token);

  /* No readable expiry: the 401 of a request tells. */
  return expiry > 0 && expiry - now_unix < REFRESH_MARGIN_SECONDS;
}

static void
on_refresh_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MedusaClient *self = MEDUSA_CLIENT (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *token;

  root = medusa_client_request_finish (self, result, NULL, &error);
  token = error == NULL ? token_from_root (root, &error) : NULL;
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  medusa_client_set_token (self, token);
  g_task_return_boolean (task, TRUE);
}

static void
v2_refresh_token (MedusaClient *self,
                  GTask        *task)
{
  /* A new token for the one sent: safe to repeat. */
  medusa_client_request_async (self, "POST", "/auth/token/refresh", NULL, NULL,
                               MEDUSA_REQUEST_NO_REFRESH | MEDUSA_REQUEST_IDEMPOTENT,
                               MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_refresh_cb, task);
}

/* Password reset: POST /auth/customer/emailpass/reset-password {identifier}
 * (201 "Created" text/plain, also for an unknown identifier; the store mails
 * a JWT of 15 min), then POST /auth/customer/emailpass/update with that JWT
 * as the bearer {password} → 200 {"success":true}; any bad, used or older
 * token → 401 "Invalid token". The reset token only ever goes to the
 * store's origin in the Authorization header (no cookie, no credential). */

static void
on_reset_requested_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
v2_request_password_token (MedusaClient *self,
                           GTask        *task,
                           const char   *email)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, email);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Not repeated: every request mails a new token and voids the last one. */
  medusa_client_request_async (self, "POST", "/auth/customer/emailpass/reset-password",
                               NULL, body, MEDUSA_REQUEST_ANONYMOUS,
                               MEDUSA_ERROR_CONTEXT_DEFAULT,
                               g_task_get_cancellable (task), on_reset_requested_cb, task);
}

static void
on_password_updated_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *success = NULL;

  root = medusa_client_request_finish (MEDUSA_CLIENT (source_object), result, NULL, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    success = json_object_get_member (json_node_get_object (root), "success");
  if (success == NULL || !JSON_NODE_HOLDS_VALUE (success) ||
      json_node_get_value_type (success) != G_TYPE_BOOLEAN ||
      !json_node_get_boolean (success))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_PARSE, "%s",
                               _("The store did not confirm the new password."));
      return;
    }

  /* {"success":true} carries no customer: the caller signs in next. */
  g_task_return_pointer (task, NULL, NULL);
}

static void
v2_reset_password (MedusaClient *self,
                   GTask        *task,
                   const char   *email,
                   const char   *token,
                   const char   *password)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *entity = NULL;

  /* Checked here because the store spends the token on a refused update
   * (an update without a password answers 401 and consumes it). */
  if (!_medusa_token_is_valid (token))
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN, "%s",
                               _("This reset link is invalid or has expired."));
      g_object_unref (task);
      return;
    }
  /* A reset token names its identity ("entity_id", not verified here): one
   * for another address would change that account's password. */
  entity = _medusa_jwt_dup_string_claim (token, "entity_id");
  if (entity != NULL && g_ascii_strcasecmp (entity, email) != 0)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESET_TOKEN, "%s",
                               _("This reset link was sent for another email address."));
      g_object_unref (task);
      return;
    }
  if (*password == '\0')
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA, "%s",
                               _("Enter a new password."));
      g_object_unref (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Sent once: a second try with the same token is always 401. */
  _medusa_client_request_bearer_async (self, "POST", "/auth/customer/emailpass/update", body,
                                       token, MEDUSA_ERROR_CONTEXT_PASSWORD_RESET,
                                       g_task_get_cancellable (task), on_password_updated_cb,
                                       task);
}

const MedusaDialect medusa_dialect_v2 = {
  .version = MEDUSA_STORE_VERSION_V2,
  /* No saved payment methods (no route in 2.21), no email or password
   * change through /me, the billing address is an address-book flag; the
   * orders through medusa-orders-v2.c, whose updated_at a capture does not
   * move (no ORDERS_CHANGED_SINCE). */
  .capabilities = MEDUSA_CAPABILITY_PASSWORD_RESET |
                  MEDUSA_CAPABILITY_BILLING_IN_ADDRESS_BOOK |
                  MEDUSA_CAPABILITY_ORDERS |
                  MEDUSA_CAPABILITY_ORDER_BY_ID |
                  MEDUSA_CAPABILITY_ORDER_TRANSFER_CANCEL,
  /* Medusa 2.21: the order module's OrderStatus and the statuses
   * core-flows' aggregate-status.js computes for payment and fulfillment. */
  .order_statuses = 1u << MEDUSA_ORDER_STATUS_PENDING |
                    1u << MEDUSA_ORDER_STATUS_COMPLETED |
                    1u << MEDUSA_ORDER_STATUS_DRAFT |
                    1u << MEDUSA_ORDER_STATUS_ARCHIVED |
                    1u << MEDUSA_ORDER_STATUS_CANCELED |
                    1u << MEDUSA_ORDER_STATUS_REQUIRES_ACTION,
  .fulfillment_statuses = 1u << MEDUSA_FULFILLMENT_STATUS_NOT_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_FULFILLED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_SHIPPED |
                          1u << MEDUSA_FULFILLMENT_STATUS_SHIPPED |
                          1u << MEDUSA_FULFILLMENT_STATUS_PARTIALLY_DELIVERED |
                          1u << MEDUSA_FULFILLMENT_STATUS_DELIVERED |
                          1u << MEDUSA_FULFILLMENT_STATUS_CANCELED,
  .payment_statuses = 1u << MEDUSA_PAYMENT_STATUS_NOT_PAID |
                      1u << MEDUSA_PAYMENT_STATUS_AWAITING |
                      1u << MEDUSA_PAYMENT_STATUS_AUTHORIZED |
                      1u << MEDUSA_PAYMENT_STATUS_PARTIALLY_AUTHORIZED |
                      1u << MEDUSA_PAYMENT_STATUS_CAPTURED |
                      1u << MEDUSA_PAYMENT_STATUS_PARTIALLY_CAPTURED |
                      1u << MEDUSA_PAYMENT_STATUS_PARTIALLY_REFUNDED |
                      1u << MEDUSA_PAYMENT_STATUS_REFUNDED |
                      1u << MEDUSA_PAYMENT_STATUS_CANCELED |
                      1u << MEDUSA_PAYMENT_STATUS_REQUIRES_ACTION,

  .sign_in = v2_sign_in,
  .sign_out = v2_sign_out,
  .register_customer = v2_register_customer,
  .retrieve_customer = v2_retrieve_customer,
  .update_customer = v2_update_customer,
  .add_address = v2_add_address,
  .update_address = v2_update_address,
  .delete_address = v2_delete_address,
  .request_password_token = v2_request_password_token,
  .reset_password = v2_reset_password,

  .normalize_customer_json = v2_normalize_customer_json,
  .token_needs_refresh = v2_token_needs_refresh,
  .refresh_token = v2_refresh_token,

  .list_orders = _medusa_v2_list_orders,
  .get_order = _medusa_v2_get_order,
  /* Returns and order transfers: medusa-returns-v2.c, medusa-guest-orders-v2.c */
  .list_return_options = _medusa_v2_list_return_options,
  .list_order_returns = _medusa_v2_list_order_returns,
  .build_return_body = _medusa_v2_build_return_body,
  .normalize_return_json = _medusa_v2_normalize_return_json,
  .map_return_error = _medusa_v2_map_return_error,
  .lookup_guest_order = _medusa_v2_lookup_guest_order,
  .request_order_claim = _medusa_v2_request_order_claim,
  .confirm_order_claim = _medusa_v2_confirm_order_claim,
  .cancel_order_claim = _medusa_v2_cancel_order_claim,
  .decline_order_claim = _medusa_v2_decline_order_claim,
  .claim_token_from_text = _medusa_v2_claim_token_from_text,
};
