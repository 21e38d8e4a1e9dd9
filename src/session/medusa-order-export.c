/* medusa-order-export.c: the order history, as filtered, into a CSV file
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-customers.h"
#include "medusa-error.h"
#include "medusa-money.h"
#include "medusa-order-export.h"
#include "medusa-order-history.h"
#include "medusa-order-page.h"

#define TEMP_NAME_ATTEMPTS 8

struct _MedusaOrderExport
{
  GObject           parent_instance;

  MedusaClient     *client;      /* (owned) */
  MedusaOrderQuery *query;       /* (owned) */
  GFile            *file;        /* (owned) */
  MedusaAccountStore     *store;        /* (owned) (nullable) the copy that chooses the orders */
  MedusaStoreOrderFilter *filter;       /* (owned) (nullable) its filter for the query */
  guint             page_size;
  guint             n_exported;
  gint64            n_total;
  gboolean          started;
};

G_DEFINE_FINAL_TYPE (MedusaOrderExport, medusa_order_export, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_EXPORTED,
  PROP_N_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One run's state, the task data. */
typedef struct
{
  GFile            *temp;        /* (owned) (nullable) once created */
  GOutputStream    *stream;      /* (owned) (nullable) while open */
  GHashTable       *seen;        /* (owned) order ids written */
  GError           *error;       /* (owned) (nullable) the error being cleaned up after */
  guint             offset;
  guint             attempts;

  /* From the copy: the ids it matches, in its order (newest first), and
   * each one's whole order from the store as it comes. */
  GPtrArray        *ids;         /* (owned) (nullable) char*, before the copy answered */
  GHashTable       *index;       /* (owned) (nullable) id → position + 1 */
  gpointer         *slots;       /* (owned) MedusaOrder* (owned), GONE or NULL */
  guint             next;        /* the first position not written yet */
  gboolean          paging;      /* the store's list is paged for the ids */
  char             *asked_id;    /* (owned) (nullable) the id of a request by id */
} RunData;

/* A matched order the store no longer lists (written as nothing). */
static char gone_marker;
#define GONE ((gpointer) &gone_marker)

static void
run_data_free (RunData *data)
{
  if (data->slots != NULL)
    for (guint i = 0; i < data->ids->len; i++)
      if (data->slots[i] != NULL && data->slots[i] != GONE)
        g_object_unref (data->slots[i]);
  g_free (data->slots);
  g_clear_pointer (&data->ids, g_ptr_array_unref);
  g_clear_pointer (&data->index, g_hash_table_unref);
  g_free (data->asked_id);
  g_clear_object (&data->temp);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->seen, g_hash_table_unref);
  g_clear_error (&data->error);
  g_free (data);
}

/* CSV */

char *
medusa_order_export_format_amount (gint64      amount,
                                   const char *currency_code)
{
  guint exponent = medusa_currency_get_exponent (currency_code);
  /* The magnitude as unsigned: -G_MININT64 does not fit a gint64. */
  guint64 magnitude = amount < 0 ? (guint64) (-(amount + 1)) + 1 : (guint64) amount;
  guint64 divisor = 1;
  GString *out = g_string_new (amount < 0 ? "-" : "");

  for (guint i = 0; i < exponent; i++)
    divisor *= 10;

  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / divisor);
  if (exponent > 0)
    g_string_append_printf (out, ".%0*" G_GUINT64_FORMAT, (int) exponent, magnitude % divisor);

  return g_string_free (out, FALSE);
}

void
medusa_order_export_append_field (GString    *csv,
                                  const char *text)
{
  gsize len;

  g_return_if_fail (csv != NULL);

  if (text == NULL || *text == '\0')
    return;

  len = strlen (text);
  if (strpbrk (text, ",\"\r\n") == NULL && text[0] != ' ' && text[len - 1] != ' ')
    {
      g_string_append_len (csv, text, len);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

void
medusa_order_export_append_header (GString *csv)
{
  g_return_if_fail (csv != NULL);

  /* Column names are data, as a spreadsheet or script reads them: not
   * translated. */
  g_string_append (csv,
                   "number,date,status,fulfillment,payment,currency,subtotal,shipping,"
                   "tax,discount,total,item count,items,tracking numbers\r\n");
}

static void
append_amount (GString    *csv,
               gint64      amount,
               const char *currency_code)
{
  g_autofree char *text = medusa_order_export_format_amount (amount, currency_code);

  g_string_append_c (csv, ',');
  g_string_append (csv, text);
}

/* The store's text, opened in a spreadsheet: one that starts like a
 * formula is kept as text (OWASP's advice against CSV injection). Takes
 * @text. */
static char *
not_a_formula (char *text)
{
  char *kept;

  if (text == NULL || text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return text;
  kept = g_strconcat ("'", text, NULL);
  g_free (text);
  return kept;
}

static char *
describe_items (MedusaOrder *order)
{
  GListModel *items = medusa_order_get_items (order);
  GString *out = g_string_new (NULL);
  guint n = items != NULL ? g_list_model_get_n_items (items) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      const char *title = medusa_line_item_get_title (item);
      const char *variant = medusa_line_item_get_variant_title (item);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%" G_GINT64_FORMAT " × %s",
                              medusa_line_item_get_quantity (item),
                              title != NULL ? title : "");
      if (variant != NULL && *variant != '\0')
        g_string_append_printf (out, " (%s)", variant);
    }

  /* a negative quantity starts with "-" */
  return not_a_formula (g_string_free (out, FALSE));
}

static char *
describe_tracking (MedusaOrder *order)
{
  GListModel *fulfillments = medusa_order_get_fulfillments (order);
  GString *out = g_string_new (NULL);
  guint n = fulfillments != NULL ? g_list_model_get_n_items (fulfillments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);

      if (medusa_fulfillment_get_canceled_at (fulfillment) != NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (links); j++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);
          const char *number = medusa_tracking_link_get_tracking_number (link);

          if (number == NULL || *number == '\0')
            continue;
          if (out->len > 0)
            g_string_append (out, "; ");
          g_string_append (out, number);
        }
    }

  return not_a_formula (g_string_free (out, FALSE));
}

void
medusa_order_export_append_order (GString     *csv,
                                  MedusaOrder *order)
{
  const char *currency = medusa_order_get_currency_code (order);
  GDateTime *created = medusa_order_get_created_at (order);
  g_autofree char *items = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *currency_upper = NULL;

  g_return_if_fail (csv != NULL);
  g_return_if_fail (MEDUSA_IS_ORDER (order));

  items = describe_items (order);
  tracking = describe_tracking (order);

  g_string_append_printf (csv, "%" G_GINT64_FORMAT ",", medusa_order_get_display_id (order));
  if (created != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (created);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append (csv, text);
    }
  g_string_append_c (csv, ',');
  medusa_order_export_append_field (csv, medusa_order_status_to_string (medusa_order_get_status (order)));
  g_string_append_c (csv, ',');
  medusa_order_export_append_field (csv, medusa_fulfillment_status_to_string (medusa_order_get_fulfillment_status (order)));
  g_string_append_c (csv, ',');
  medusa_order_export_append_field (csv, medusa_payment_status_to_string (medusa_order_get_payment_status (order)));
  g_string_append_c (csv, ',');
  if (currency != NULL)
    {
      currency_upper = not_a_formula (g_ascii_strup (currency, -1));
      medusa_order_export_append_field (csv, currency_upper);
    }
  append_amount (csv, medusa_order_get_subtotal (order), currency);
  append_amount (csv, medusa_order_get_shipping_total (order), currency);
  append_amount (csv, medusa_order_get_tax_total (order), currency);
  append_amount (csv, medusa_order_get_discount_total (order), currency);
  append_amount (csv, medusa_order_get_total (order), currency);
  g_string_append_printf (csv, ",%" G_GINT64_FORMAT ",", medusa_order_get_n_items (order));
  medusa_order_export_append_field (csv, items);
  g_string_append_c (csv, ',');
  medusa_order_export_append_field (csv, tracking);
  g_string_append (csv, "\r\n");
}

/* Errors for a person */

/* Replaces a file error by one that says what to do, keeping its code. */
static GError *
humanize_file_error (GError *error,
                     GFile  *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_file_get_parse_name (file);
  g_autofree char *name = g_file_get_basename (file);
  GError *human = NULL;

  if (error->domain != G_IO_ERROR || error->code == G_IO_ERROR_CANCELLED)
    return error;

  switch (error->code)
    {
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      human = g_error_new (G_IO_ERROR, error->code,
                           _("You may not save files in the folder “%s”. Choose another folder."),
                           folder);
      break;

    case G_IO_ERROR_NO_SPACE:
      human = g_error_new (G_IO_ERROR, error->code,
                           _("The disk that holds “%s” is full. Free some space or choose another place."),
                           folder);
      break;

    case G_IO_ERROR_NOT_FOUND:
      human = g_error_new (G_IO_ERROR, error->code,
                           _("The folder “%s” does not exist. Choose another folder."),
                           folder);
      break;

    default:
      /* Translators: the first %s is a file name, the second the reason
       * from the system, e.g. "Input/output error". */
      human = g_error_new (G_IO_ERROR, error->code, _("Could not save “%s”: %s"),
                           name, error->message);
      break;
    }

  g_error_free (error);
  return human;
}

/* The run */

static void fetch_next_page (GTask *task);

static void
set_n_exported (MedusaOrderExport *self,
                guint              n_exported)
{
  if (self->n_exported == n_exported)
    return;
  self->n_exported = n_exported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXPORTED]);
}

static void
set_n_total (MedusaOrderExport *self,
             gint64             n_total)
{
  if (self->n_total == n_total)
    return;
  self->n_total = n_total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
}

static void
on_temp_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error))
    g_warning ("Could not remove the temporary file of an export: %s", error->message);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

static void
delete_temp (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  /* Not cancellable: the cleanup is what a cancel asks for. */
  if (data->temp != NULL)
    g_file_delete_async (data->temp, G_PRIORITY_DEFAULT, NULL, on_temp_deleted_cb, g_steal_pointer (&task));
  else
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      g_object_unref (task);
    }
}

static void
on_stream_closed_after_error_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, NULL);
  g_clear_object (&data->stream);
  delete_temp (g_steal_pointer (&task));
}

/* Ends the run with @error, after closing and removing the temporary file. */
static void
fail (GTask  *task,
      GError *error)
{
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  g_clear_error (&data->error);
  data->error = humanize_file_error (error, self->file);

  if (data->stream != NULL && !g_output_stream_is_closed (data->stream))
    g_output_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL,
                                 on_stream_closed_after_error_cb, task);
  else
    delete_temp (task);
}

static void
on_moved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_stream_closed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }
  g_clear_object (&data->stream);

  /* The last moment a cancel counts: after the rename the file is there. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_move_async (data->temp, self->file,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT, cancellable,
                     NULL, NULL, on_moved_cb, g_steal_pointer (&task));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  set_n_exported (self, g_hash_table_size (data->seen));

  done = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "medusa-last-page"));
  if (done)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_output_stream_close_async (data->stream, G_PRIORITY_DEFAULT, cancellable,
                                   on_stream_closed_cb, g_steal_pointer (&task));
    }
  else
    fetch_next_page (g_steal_pointer (&task));
}

static void
write_text (GTask   *task,
            GString *text,
            gboolean last)
{
  RunData *data = g_task_get_task_data (task);
  GBytes *bytes;

  g_object_set_data (G_OBJECT (task), "medusa-last-page", GINT_TO_POINTER (last));

  /* The bytes live as long as the write: on the task. */
  bytes = g_string_free_to_bytes (text);
  g_object_set_data_full (G_OBJECT (task), "medusa-chunk", bytes, (GDestroyNotify) g_bytes_unref);
  g_output_stream_write_all_async (data->stream,
                                   g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_written_cb, task);
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderPage) page = NULL;
  GListModel *orders;
  GString *text;
  GError *error = NULL;
  guint n;
  gint64 count;
  gboolean last;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (source), result, &error);
  if (page == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  orders = medusa_order_page_get_orders (page);
  n = g_list_model_get_n_items (orders);
  count = medusa_order_page_get_count (page);
  set_n_total (self, MAX (count, -1));

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      const char *id = medusa_order_get_id (order);

      /* An order placed while the export pages moves the others down by
       * one: the one seen again is written once. */
      if (g_hash_table_contains (data->seen, id))
        continue;
      g_hash_table_add (data->seen, g_strdup (id));
      medusa_order_export_append_order (text, order);
    }

  data->offset += self->page_size;
  last = n < self->page_size || (count >= 0 && data->offset >= count);

  if (!last && data->offset >= MEDUSA_ORDER_EXPORT_MAX_ORDERS)
    {
      g_string_free (text, TRUE);
      fail (g_steal_pointer (&task),
            g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                         _("The store lists more than %u orders. Choose filters that match fewer orders."),
                         (guint) MEDUSA_ORDER_EXPORT_MAX_ORDERS));
      return;
    }

  write_text (g_steal_pointer (&task), text, last);
}

/* From the copy.
 *
 * The copy gives the ids of the orders it matches; their whole data comes
 * from the store, which takes one id per request (id[]= and id=a,b are not
 * understood: HACKING.md). When the store's list without q (the copy holds
 * the other filters exactly) is fewer pages than there are ids, its pages
 * are asked for instead and the matched orders are picked out of them; an
 * id they did not bring (the copy is older than the store) is asked for by
 * itself afterwards. The orders are written in the copy's order as soon as
 * the ones before them are there. */

static void request_from_store (GTask *task);

/* Appends the orders from data->next on that are there. */
static void
flush_ready (RunData *data,
             GString *text)
{
  while (data->next < data->ids->len && data->slots[data->next] != NULL)
    {
      gpointer order = data->slots[data->next];

      if (order != GONE)
        {
          medusa_order_export_append_order (text, order);
          g_hash_table_add (data->seen, g_strdup (g_ptr_array_index (data->ids, data->next)));
          g_object_unref (order);
          data->slots[data->next] = GONE;
        }
      data->next++;
    }
}

static void
on_store_orders_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *asked_id = g_steal_pointer (&data->asked_id);
  GListModel *orders;
  GString *text;
  GError *error = NULL;
  guint n;
  gint64 count;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (source), result, &error);
  if (page == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  orders = medusa_order_page_get_orders (page);
  n = g_list_model_get_n_items (orders);
  count = medusa_order_page_get_count (page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (data->index, medusa_order_get_id (order)));

      /* Only what was matched, once */
      if (position > 0 && data->slots[position - 1] == NULL)
        data->slots[position - 1] = g_steal_pointer (&order);
    }

  if (asked_id != NULL)
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (data->index, asked_id));

      /* Gone from the store since the copy was made */
      if (position > 0 && data->slots[position - 1] == NULL)
        data->slots[position - 1] = GONE;
    }
  else
    {
      data->offset += self->page_size;
      if (n < self->page_size || (count >= 0 && data->offset >= count) ||
          data->offset >= MEDUSA_ORDER_EXPORT_MAX_ORDERS)
        data->paging = FALSE;
    }

  text = g_string_new (NULL);
  flush_ready (data, text);
  /* Every id found: no more pages */
  if (data->paging)
    {
      gboolean all = TRUE;

      for (guint i = data->next; i < data->ids->len && all; i++)
        all = data->slots[i] != NULL;
      data->paging = !all;
    }
  write_text (g_steal_pointer (&task), text, data->next >= data->ids->len);
}

static void
request_from_store (GTask *task)
{
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderQuery) query = NULL;

  if (data->paging)
    {
      query = medusa_order_query_copy (self->query);
      medusa_order_query_set_q (query, NULL);
      medusa_order_query_set_limit (query, (int) self->page_size);
      medusa_order_query_set_offset (query, data->offset);
    }
  else
    {
      /* The first one not there yet (flush_ready stopped at it); only the
       * id: the store's filters might no longer match it. */
      g_assert (data->next < data->ids->len && data->slots[data->next] == NULL);
      g_free (data->asked_id);
      data->asked_id = g_strdup (g_ptr_array_index (data->ids, data->next));
      query = medusa_order_query_new ();
      medusa_order_query_set_id (query, data->asked_id);
      medusa_order_query_set_fields (query, MEDUSA_ORDER_EXPORT_FIELDS);
      medusa_order_query_set_expand (query, MEDUSA_ORDER_EXPORT_EXPAND);
    }
  medusa_client_list_orders_async (self->client, query, g_task_get_cancellable (task),
                                   on_store_orders_cb, task);
}

static void
on_copy_count_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) none = NULL;
  GError *error = NULL;
  gint64 n_unsearched = 0;
  guint64 n_pages;

  none = medusa_account_store_get_orders_finish (MEDUSA_ACCOUNT_STORE (source), result, &n_unsearched, &error);
  if (none == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  /* The fewer requests */
  n_pages = ((guint64) MAX (n_unsearched, 0) + self->page_size - 1) / self->page_size;
  data->paging = n_pages < data->ids->len;
  request_from_store (g_steal_pointer (&task));
}

static void
on_copy_ids_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(MedusaStoreOrderFilter) unsearched = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gint64 n_total = 0;
  guint n;

  orders = medusa_account_store_get_orders_finish (MEDUSA_ACCOUNT_STORE (source), result, &n_total, &error);
  if (orders == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  n = g_list_model_get_n_items (orders);
  if (n > MEDUSA_ORDER_EXPORT_MAX_ORDERS)
    {
      fail (g_steal_pointer (&task),
            g_error_new (MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA,
                         _("The store lists more than %u orders. Choose filters that match fewer orders."),
                         (guint) MEDUSA_ORDER_EXPORT_MAX_ORDERS));
      return;
    }

  data->ids = g_ptr_array_new_full (n, g_free);
  data->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);
      char *id = g_strdup (medusa_order_get_id (order));

      if (id == NULL || g_hash_table_contains (data->index, id))
        {
          g_free (id);
          continue;
        }
      g_ptr_array_add (data->ids, id);
      g_hash_table_insert (data->index, id, GUINT_TO_POINTER (data->ids->len));
    }
  data->slots = g_new0 (gpointer, data->ids->len + 1);
  set_n_total (self, data->ids->len);

  if (data->ids->len == 0)
    {
      write_text (g_steal_pointer (&task), g_string_new (NULL), TRUE);
      return;
    }

  /* How many pages the store's list without q would be */
  unsearched = medusa_store_order_filter_copy (self->filter);
  medusa_store_order_filter_set_text (unsearched, NULL);
  medusa_store_order_filter_set_limit (unsearched, 0);
  cancellable = g_task_get_cancellable (task);
  medusa_account_store_get_orders_async (self->store, unsearched, cancellable,
                                         on_copy_count_cb, g_steal_pointer (&task));
}

static void
fetch_from_copy (GTask *task)
{
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;

  if (data->ids != NULL)
    {
      request_from_store (task);
      return;
    }

  /* All the matches, not a page */
  filter = medusa_store_order_filter_copy (self->filter);
  medusa_store_order_filter_set_limit (filter, -1);
  medusa_store_order_filter_set_offset (filter, 0);
  medusa_account_store_get_orders_async (self->store, filter, g_task_get_cancellable (task),
                                         on_copy_ids_cb, task);
}

static void
fetch_next_page (GTask *task)
{
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(MedusaOrderQuery) query = NULL;

  if (self->store != NULL)
    {
      fetch_from_copy (task);
      return;
    }

  query = medusa_order_query_copy (self->query);

  medusa_order_query_set_limit (query, (int) self->page_size);
  medusa_order_query_set_offset (query, data->offset);
  medusa_client_list_orders_async (self->client, query, g_task_get_cancellable (task),
                                   on_page_cb, task);
}

static void create_temp (GTask *task);

static void
on_temp_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;
  GString *header;

  stream = g_file_create_finish (G_FILE (source), result, &error);
  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) && data->attempts < TEMP_NAME_ATTEMPTS)
        {
          g_error_free (error);
          create_temp (g_steal_pointer (&task));
          return;
        }
      /* Nothing of ours to remove. */
      g_clear_object (&data->temp);
      fail (g_steal_pointer (&task), error);
      return;
    }

  data->stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  header = g_string_new (NULL);
  medusa_order_export_append_header (header);

  /* The header, then the first page. */
  g_object_set_data (G_OBJECT (task), "medusa-last-page", GINT_TO_POINTER (FALSE));
  write_text (g_steal_pointer (&task), header, FALSE);
}

/* A hidden file next to the target: ".orders.csv.XXXXXX" (the rename at
 * the end stays on one file system). */
static void
create_temp (GTask *task)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  MedusaOrderExport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);
  char suffix[7];
  g_autofree char *name = NULL;

  for (guint i = 0; i < 6; i++)
    suffix[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  suffix[6] = '\0';

  name = g_strdup_printf (".%s.%s", basename, suffix);
  g_clear_object (&data->temp);
  data->temp = g_file_get_child (parent, name);
  data->attempts++;

  g_file_create_async (data->temp, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), on_temp_created_cb, task);
}

void
medusa_order_export_run_async (MedusaOrderExport   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) parent = NULL;
  RunData *data;

  g_return_if_fail (MEDUSA_IS_ORDER_EXPORT (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_order_export_run_async);
  /* A cancel does not end the run at once: the temporary file goes first. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (RunData, 1);
  data->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  parent = g_file_get_parent (self->file);
  if (parent == NULL)
    {
      fail (g_steal_pointer (&task),
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                                 _("Choose a file name to save the orders in.")));
      return;
    }

  create_temp (g_steal_pointer (&task));
}

gboolean
medusa_order_export_run_finish (MedusaOrderExport  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == medusa_order_export_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
medusa_order_export_finalize (GObject *object)
{
  MedusaOrderExport *self = MEDUSA_ORDER_EXPORT (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->query, medusa_order_query_free);
  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, medusa_store_order_filter_free);

  G_OBJECT_CLASS (medusa_order_export_parent_class)->finalize (object);
}

static void
medusa_order_export_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MedusaOrderExport *self = MEDUSA_ORDER_EXPORT (object);

  switch (prop_id)
    {
    case PROP_N_EXPORTED:
      g_value_set_uint (value, self->n_exported);
      break;

    case PROP_N_TOTAL:
      g_value_set_int64 (value, self->n_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_order_export_class_init (MedusaOrderExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = medusa_order_export_finalize;
  object_class->get_property = medusa_order_export_get_property;

  properties[PROP_N_EXPORTED] =
    g_param_spec_uint ("n-exported", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TOTAL] =
    g_param_spec_int64 ("n-total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_order_export_init (MedusaOrderExport *self)
{
  self->page_size = MEDUSA_ORDER_EXPORT_PAGE_SIZE;
  self->n_total = -1;
}

MedusaOrderExport *
medusa_order_export_new (MedusaClient           *client,
                         const MedusaOrderQuery *query,
                         GFile                  *file)
{
  MedusaOrderExport *self;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MEDUSA_TYPE_ORDER_EXPORT, NULL);
  self->client = g_object_ref (client);
  self->query = query != NULL ? medusa_order_query_copy (query) : medusa_order_query_new ();
  medusa_order_query_set_fields (self->query, MEDUSA_ORDER_EXPORT_FIELDS);
  medusa_order_query_set_expand (self->query, MEDUSA_ORDER_EXPORT_EXPAND);
  self->file = g_object_ref (file);

  return self;
}

GFile *
medusa_order_export_get_file (MedusaOrderExport *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_EXPORT (self), NULL);

  return self->file;
}

guint
medusa_order_export_get_n_exported (MedusaOrderExport *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_EXPORT (self), 0);

  return self->n_exported;
}

gint64
medusa_order_export_get_n_total (MedusaOrderExport *self)
{
  g_return_val_if_fail (MEDUSA_IS_ORDER_EXPORT (self), -1);

  return self->n_total;
}

void
medusa_order_export_set_page_size (MedusaOrderExport *self,
                                   guint              page_size)
{
  g_return_if_fail (MEDUSA_IS_ORDER_EXPORT (self));
  g_return_if_fail (page_size > 0 && page_size <= G_MAXINT);
  g_return_if_fail (!self->started);

  self->page_size = page_size;
}

gboolean
medusa_order_export_set_copy (MedusaOrderExport  *self,
                              MedusaAccountStore *store)
{
  g_autoptr(MedusaStoreOrderFilter) filter = NULL;

  g_return_val_if_fail (MEDUSA_IS_ORDER_EXPORT (self), FALSE);
  g_return_val_if_fail (MEDUSA_IS_ACCOUNT_STORE (store), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  filter = medusa_order_query_to_store_filter (self->query);
  if (filter == NULL)
    return FALSE;

  g_set_object (&self->store, store);
  g_clear_pointer (&self->filter, medusa_store_order_filter_free);
  self->filter = g_steal_pointer (&filter);
  return TRUE;
}
