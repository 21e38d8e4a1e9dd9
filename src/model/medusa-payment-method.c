/* medusa-payment-method.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "medusa-payment-method.h"

#include "medusa-json.h"

struct _MedusaPaymentMethod
{
  GObject parent_instance;

  char *provider_id;
  JsonObject *data;  /* (owned) never NULL after construction */
};

G_DEFINE_FINAL_TYPE (MedusaPaymentMethod, medusa_payment_method, G_TYPE_OBJECT)

static const MedusaJsonField fields[] = {
  MEDUSA_JSON_FIELD (MedusaPaymentMethod, provider_id, "provider-id", ID),
  MEDUSA_JSON_FIELD (MedusaPaymentMethod, data, "data", OBJECT),
};

enum {
  PROP_0,
  PROP_SUMMARY = 1 + G_N_ELEMENTS (fields),
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A string member, ignoring one of another type (data is free-form). */
static char *
dup_data_string (JsonObject *object,
                 const char *member)
{
  char *value = NULL;

  if (!medusa_json_read_string (object, member, &value, NULL) || value == NULL || *value == '\0')
    {
      g_free (value);
      return NULL;
    }

  return value;
}

/* An integer member that may also be sent as a numeric string ("04"). */
static gint64
get_data_int (JsonObject *object,
              const char *member)
{
  g_autofree char *text = NULL;
  gint64 value = 0;

  if (medusa_json_read_int (object, member, &value, NULL))
    return value;

  text = dup_data_string (object, member);
  if (text != NULL && g_ascii_string_to_signed (text, 10, 0, 9999, &value, NULL))
    return value;

  return 0;
}

static char *
dup_brand (JsonObject *card)
{
  g_autofree char *brand = dup_data_string (card, "brand");

  if (brand == NULL)
    return NULL;

  /* "visa" → "Visa", "american_express" → "American express" */
  g_strdelimit (brand, "_-", ' ');
  brand[0] = g_ascii_toupper (brand[0]);
  return g_steal_pointer (&brand);
}

static void
medusa_payment_method_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_payment_method_parent_class)->finalize (object);
}

static void
medusa_payment_method_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MedusaPaymentMethod *self = MEDUSA_PAYMENT_METHOD (object);

  if (medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    return;

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_take_string (value, medusa_payment_method_dup_summary (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_payment_method_class_init (MedusaPaymentMethodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_payment_method_finalize;
  object_class->get_property = medusa_payment_method_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_SUMMARY, properties[PROP_SUMMARY]);
}

static void
medusa_payment_method_init (MedusaPaymentMethod *self)
{
}

/**
 * medusa_payment_method_new_from_json:
 * @object: an element of "payment_methods"
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the payment method
 */
MedusaPaymentMethod *
medusa_payment_method_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  g_autoptr(MedusaPaymentMethod) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = medusa_json_new_with_fields (MEDUSA_TYPE_PAYMENT_METHOD, object,
                                      fields, G_N_ELEMENTS (fields), error);
  if (self == NULL)
    return NULL;

  if (self->data == NULL)
    self->data = json_object_new ();

  return g_steal_pointer (&self);
}

const char *
medusa_payment_method_get_provider_id (MedusaPaymentMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT_METHOD (self), NULL);
  return self->provider_id;
}

JsonObject *
medusa_payment_method_get_data (MedusaPaymentMethod *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT_METHOD (self), NULL);
  return self->data;
}

char *
medusa_payment_method_dup_summary (MedusaPaymentMethod *self)
{
  g_autoptr(JsonObject) nested_card = NULL;
  g_autoptr(GString) summary = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *last4 = NULL;
  JsonObject *card;
  gint64 exp_month, exp_year;

  g_return_val_if_fail (MEDUSA_IS_PAYMENT_METHOD (self), NULL);

  /* Stripe nests the card ({"card": {brand, last4, …}}); others are flat. */
  if (medusa_json_read_object (self->data, "card", &nested_card, NULL) && nested_card != NULL)
    card = nested_card;
  else
    card = self->data;

  brand = dup_brand (card);
  last4 = dup_data_string (card, "last4");
  exp_month = get_data_int (card, "exp_month");
  exp_year = get_data_int (card, "exp_year");

  if (brand == NULL && last4 == NULL)
    return medusa_payment_provider_dup_name (self->provider_id);

  summary = g_string_new (brand != NULL ? brand : _("Card"));
  if (last4 != NULL)
    g_string_append_printf (summary, " •••• %s", last4);
  if (exp_month >= 1 && exp_month <= 12 && exp_year > 0)
    g_string_append_printf (summary, " · %02d/%d", (int) exp_month, (int) exp_year);

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/**
 * medusa_payment_provider_dup_name:
 * @provider_id: (nullable): a payment provider id of the Store API
 *
 * A payment provider as a customer knows it: "manual" is the store's own
 * invoice or transfer, "stripe" and "paypal" are brand names; others as
 * "stripe_ideal" → "Stripe ideal" (an id names a company or product, there is
 * nothing to translate).
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when @provider_id
 *   is %NULL or empty
 */
char *
medusa_payment_provider_dup_name (const char *provider_id)
{
  char *name;

  if (provider_id == NULL || *provider_id == '\0')
    return NULL;
  if (g_str_equal (provider_id, "manual"))
    return g_strdup (_("Manual payment"));
  if (g_str_equal (provider_id, "stripe"))
    return g_strdup ("Stripe");
  if (g_str_equal (provider_id, "paypal"))
    return g_strdup ("PayPal");

  name = g_strdelimit (g_strdup (provider_id), "_-", ' ');
  name[0] = g_ascii_toupper (name[0]);
  return name;
}
