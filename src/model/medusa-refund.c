/* medusa-refund.c
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "medusa-refund.h"

#include "medusa-json.h"

struct _MedusaRefund
{
  GObject parent_instance;

  char *id;
  gint64 amount;
  char *reason;            /* (nullable) */
  char *note;              /* (nullable) */
  GDateTime *created_at;   /* (nullable) */
};

G_DEFINE_FINAL_TYPE (MedusaRefund, medusa_refund, G_TYPE_OBJECT)

#define FIELD(field, property, kind) MEDUSA_JSON_FIELD (MedusaRefund, field, property, kind)

static const MedusaJsonField fields[] = {
  FIELD (id, "id", ID),
  FIELD (amount, "amount", INT),
  FIELD (reason, "reason", STRING),
  FIELD (note, "note", STRING),
  FIELD (created_at, "created-at", DATE),
};

#undef FIELD

enum {
  PROP_0,
  N_PROPS = 1 + G_N_ELEMENTS (fields)
};

static GParamSpec *properties[N_PROPS];

static void
medusa_refund_finalize (GObject *object)
{
  medusa_json_clear_fields (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (medusa_refund_parent_class)->finalize (object);
}

static void
medusa_refund_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (!medusa_json_get_field_property (object, prop_id, 1, fields, G_N_ELEMENTS (fields), value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
medusa_refund_class_init (MedusaRefundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_refund_finalize;
  object_class->get_property = medusa_refund_get_property;

  medusa_json_install_fields (object_class, properties, 1, fields, G_N_ELEMENTS (fields));
}

static void
medusa_refund_init (MedusaRefund *self)
{
}

/**
 * medusa_refund_new_from_json:
 * @object: a refund object of the Store API (an element of order.refunds)
 * @error: return location for a %MEDUSA_ERROR_PARSE
 *
 * Returns: (transfer full) (nullable): the refund
 */
MedusaRefund *
medusa_refund_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return medusa_json_new_with_fields (MEDUSA_TYPE_REFUND, object,
                                      fields, G_N_ELEMENTS (fields), error);
}

const char *
medusa_refund_get_id (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);
  return self->id;
}

gint64
medusa_refund_get_amount (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), 0);
  return self->amount;
}

const char *
medusa_refund_get_reason (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);
  return self->reason;
}

const char *
medusa_refund_get_note (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);
  return self->note;
}

GDateTime *
medusa_refund_get_created_at (MedusaRefund *self)
{
  g_return_val_if_fail (MEDUSA_IS_REFUND (self), NULL);
  return self->created_at;
}
