/* medusa-payment.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-payment.h"

#include "medusa-json.h"

struct _MedusaPayment
{
  GObject parent_instance;

  char *id;
  char *provider_id;       /* (nullable) */
  gint64 amount;
  gint64 amount_refunded;
  char *currency_code;     /* (nullable) */
  GDateTime *captured_at;  /* (nullable) */
  GDateTime *canceled_at;  /* (nullable) */
};

G_DEFINE_FINAL_TYPE (MedusaPayment, medusa_payment, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaPayment, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (provider_id, "provider-id", STRING),
  FIELD (amount, "amount", INT),
  FIELD (amount_refunded, "amount-refunded", INT),
  FIELD (currency_code, "currency-code", STRING),
  FIELD (captured_at, "captured-at", DATE),
  FIELD (canceled_at, "canceled-at", DATE),
};

#undef FIELD

enum {
  PROP_0,
  N_PROPS = 1 + G_N_ELEMENTS (fields)
};

static GParamSpec *properties[N_PROPS];

static void
medusa_payment_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_payment_parent_class)->finalize (object);
}

static void
medusa_payment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (!medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
medusa_payment_class_init (MedusaPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_payment_finalize;
  object_class->get_property = medusa_payment_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));
}

static void
medusa_payment_init (MedusaPayment *self)
{
}

/**
 * medusa_payment_new_from_json:
 * @object: a payment object of the Store API
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the payment
 */
MedusaPayment *
medusa_payment_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medusa_json_new_with_fields (MEDUSA_TYPE_PAYMENT, object,
                                      fields, G_N_ELEMENTS (fields), error);
}

const char *
medusa_payment_get_id (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), NULL);
  return self->id;
}

const char *
medusa_payment_get_provider_id (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), NULL);
  return self->provider_id;
}

gint64
medusa_payment_get_amount (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), 0);
  return self->amount;
}

gint64
medusa_payment_get_amount_refunded (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), 0);
  return self->amount_refunded;
}

const char *
medusa_payment_get_currency_code (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), NULL);
  return self->currency_code;
}

GDateTime *
medusa_payment_get_captured_at (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), NULL);
  return self->captured_at;
}

GDateTime *
medusa_payment_get_canceled_at (MedusaPayment *self)
{
  g_return_val_if_fail (MEDUSA_IS_PAYMENT (self), NULL);
  return self->canceled_at;
}
