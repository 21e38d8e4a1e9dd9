/* fuzz-order-summaries.c: the order list's tree-less reader against json-glib
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A differential target: any bytes go to both readers of an order list page,
 * medusa_order_page_summaries_from_text_fast() (no json-glib tree) and the
 * json-glib path (medusa_json_parse(), medusa_order_page_new_from_json(),
 * medusa_order_copy_summary()), and to the client's entry point that uses
 * the first and falls back to the second.
 *
 * Checks: when the tree-less reader decides, json-glib accepts the body too
 * and both pages are the same in every field a summary keeps (positions,
 * ids, numbers, currencies, tax rates bit for bit, dates, statuses, item
 * counts); the entry point accepts exactly what json-glib accepts, with the
 * same page, and refuses the rest with json-glib's MEDUSA_ERROR_PARSE and
 * message.
 */
#define G_LOG_DOMAIN "FuzzOrderSummaries"

#include "config.h"

#include "fuzz-common.h"
#include "medusa-error.h"
#include "medusa-order-page.h"
#include "medusa-order-summaries.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MedusaOrderPage) fast = medusa_order_page_summaries_from_text_fast (text, size);
  g_autoptr(MedusaOrderPage) slow = medusa_order_page_summaries_from_text_slow (text, size, &slow_error);
  g_autoptr(MedusaOrderPage) page = medusa_order_page_summaries_from_text (text, size, &error);
  g_autofree char *why = NULL;

  FUZZ_CHECK ((slow == NULL) != (slow_error == NULL), "the json-glib path gave both or neither");
  FUZZ_CHECK ((page == NULL) != (error == NULL), "the entry point gave both or neither");

  if (fast != NULL)
    {
      FUZZ_CHECK (slow != NULL, "the tree-less reader accepted what json-glib refuses: %s",
                  slow_error->message);
      FUZZ_CHECK (medusa_order_page_summaries_equal (fast, slow, &why),
                  "the tree-less reader differs from json-glib: %s", why);
    }

  if (slow == NULL)
    {
      FUZZ_CHECK (page == NULL, "the entry point accepted what json-glib refuses");
      FUZZ_CHECK (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_PARSE),
                  "the entry point's error is not MEDUSA_ERROR_PARSE");
      FUZZ_CHECK (g_strcmp0 (error->message, slow_error->message) == 0,
                  "the entry point's message “%s” is not json-glib's “%s”",
                  error->message, slow_error->message);
    }
  else
    {
      FUZZ_CHECK (page != NULL, "the entry point refused what json-glib accepts: %s",
                  error->message);
      g_clear_pointer (&why, g_free);
      FUZZ_CHECK (medusa_order_page_summaries_equal (page, slow, &why),
                  "the entry point differs from json-glib: %s", why);
    }

  return 0;
}
