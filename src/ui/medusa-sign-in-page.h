/* medusa-sign-in-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-form-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_SIGN_IN_PAGE (medusa_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaSignInPage, medusa_sign_in_page, MEDUSA, SIGN_IN_PAGE, MedusaFormPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_sign_in_page_new (MedusaSession *session);

/* Pre-fills the email (e.g. carried over from "Create account"). */
void       medusa_sign_in_page_set_email (MedusaSignInPage *self,
                                          const char       *email);

G_END_DECLS
