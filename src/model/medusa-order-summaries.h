/* medusa-order-summaries.h: an order list page read straight from its text
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "medusa-order-page.h"

G_BEGIN_DECLS

/* The page of @data (@size bytes) with each order as
 * medusa_order_copy_summary() makes it: exactly what
 * medusa_order_page_summaries_from_text_slow() gives (the same page, or the
 * same MEDUSA_ERROR_PARSE), but read without a json-glib tree whenever the
 * tree-less reader can decide. */
MedusaOrderPage *medusa_order_page_summaries_from_text      (const char  *data,
                                                             gsize        size,
                                                             GError     **error);

/* The json-glib path: medusa_json_parse(), an object root ("Invalid JSON:
 * not an object" otherwise), medusa_order_page_new_from_json(), then
 * medusa_order_copy_summary() of each order. */
MedusaOrderPage *medusa_order_page_summaries_from_text_slow (const char  *data,
                                                             gsize        size,
                                                             GError     **error);

/* The tree-less reader alone: the page, or NULL when it cannot decide
 * (anything the json-glib path refuses, and what it reads in ways not
 * reproduced here): then the json-glib path decides. For tests. */
MedusaOrderPage *medusa_order_page_summaries_from_text_fast (const char  *data,
                                                             gsize        size);

/* Whether two pages hold the same positions and the same orders in every
 * field medusa_order_copy_summary() keeps (for tests). */
gboolean         medusa_order_page_summaries_equal          (MedusaOrderPage  *a,
                                                             MedusaOrderPage  *b,
                                                             char            **why);

G_END_DECLS
