/* medusa-orders-dialect.c: the order requests through the dialect
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "medusa-orders-dialect"

#include "config.h"

#include "medusa-error.h"
#include "medusa-orders-dialect-private.h"

gboolean
_medusa_client_orders_through_dialect (MedusaClient *self)
{
  const MedusaDialect *dialect = _medusa_client_get_dialect (self);

  return dialect->list_orders != NULL && dialect->get_order != NULL;
}

void
_medusa_dialect_list_orders_async (MedusaClient           *self,
                                   const MedusaOrderQuery *query,
                                   const char             *if_none_match,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _medusa_dialect_list_orders_async);
  _medusa_client_get_dialect (self)->list_orders (self, task, query, if_none_match);
}

MedusaOrdersJson *
_medusa_dialect_list_orders_finish (MedusaClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, _medusa_dialect_list_orders_async, error);
}

void
_medusa_dialect_get_order_async (MedusaClient        *self,
                                 const char          *order_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _medusa_dialect_get_order_async);
  _medusa_client_get_dialect (self)->get_order (self, task, order_id);
}

GBytes *
_medusa_dialect_get_order_finish (MedusaClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _medusa_client_propagate_pointer (self, result, _medusa_dialect_get_order_async, error);
}

/* The readers */

typedef struct
{
  GTask              *task;       /* (owned): the caller's */
  MedusaJsonModelFunc func;
  MedusaTextModelFunc text_func;
  const char         *member;     /* (nullable) */
} Reader;

static void
reader_free (Reader *reader)
{
  g_clear_object (&reader->task);
  g_free (reader);
}

static void
read_bytes (Reader *reader,
            GBytes *bytes)
{
  g_autoptr(JsonNode) root = NULL;
  gsize size = 0;
  const char *text = g_bytes_get_data (bytes, &size);
  GError *error = NULL;
  gpointer model;

  if (reader->text_func != NULL)
    model = reader->text_func (text, size, &error);
  else
    {
      root = medusa_json_parse (text, (gssize) size, NULL);
      model = root != NULL ? _medusa_client_parse_model (root, reader->member, reader->func, &error) : NULL;
    }

  if (model == NULL)
    {
      if (error == NULL)
        _medusa_client_set_parse_error (&error);
      g_task_return_error (reader->task, error);
      return;
    }
  g_task_return_pointer (reader->task, model, g_object_unref);
}

static void
list_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(MedusaOrdersJson) answer = NULL;
  GError *error = NULL;

  answer = _medusa_dialect_list_orders_finish (MEDUSA_CLIENT (source), result, &error);
  if (answer == NULL)
    g_task_return_error (reader->task, error);
  else if (answer->json == NULL)
    {
      _medusa_client_set_parse_error (&error);
      g_task_return_error (reader->task, error);
    }
  else
    read_bytes (reader, answer->json);
  reader_free (reader);
}

static void
get_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = _medusa_dialect_get_order_finish (MEDUSA_CLIENT (source), result, &error);
  if (bytes == NULL)
    g_task_return_error (reader->task, error);
  else
    read_bytes (reader, bytes);
  reader_free (reader);
}

void
_medusa_dialect_list_orders_model (MedusaClient           *self,
                                   GTask                  *task,
                                   const MedusaOrderQuery *query,
                                   MedusaJsonModelFunc     func)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->task = task;
  reader->func = func;
  _medusa_dialect_list_orders_async (self, query, NULL, g_task_get_cancellable (task),
                                     list_read_cb, reader);
}

void
_medusa_dialect_list_orders_text_model (MedusaClient           *self,
                                        GTask                  *task,
                                        const MedusaOrderQuery *query,
                                        MedusaTextModelFunc     func)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->task = task;
  reader->text_func = func;
  _medusa_dialect_list_orders_async (self, query, NULL, g_task_get_cancellable (task),
                                     list_read_cb, reader);
}

void
_medusa_dialect_get_order_model (MedusaClient        *self,
                                 GTask               *task,
                                 const char          *order_id,
                                 MedusaJsonModelFunc  func)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->task = task;
  reader->func = func;
  reader->member = "order";
  _medusa_dialect_get_order_async (self, order_id, g_task_get_cancellable (task),
                                   get_read_cb, reader);
}
