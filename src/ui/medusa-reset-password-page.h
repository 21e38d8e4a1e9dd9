/* medusa-reset-password-page.h
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "medusa-form-page.h"

G_BEGIN_DECLS

#define MEDUSA_TYPE_RESET_PASSWORD_PAGE (medusa_reset_password_page_get_type ())
G_DECLARE_FINAL_TYPE (MedusaResetPasswordPage, medusa_reset_password_page, MEDUSA, RESET_PASSWORD_PAGE, MedusaFormPage)

/* The page follows @session ("customer", "state") for its whole life.
 * It installs the widget action "page.refresh" when it has something to reload. */
GtkWidget *medusa_reset_password_page_new (MedusaSession *session);

void       medusa_reset_password_page_set_email (MedusaResetPasswordPage *self,
                                                 const char              *email);

G_END_DECLS
