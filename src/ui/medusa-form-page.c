/* medusa-form-page.c: a page with a form that is sent to the store
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medusa-form-page.h"
#include "medusa-ui-utils.h"

typedef struct
{
  gboolean          busy;
  MedusaBusyButton *submit_button;  /* (unowned): a template child of the subclass */
  GtkLabel         *error_label;    /* (unowned) (nullable): likewise */
  GtkWidget        *error_box;      /* (unowned) (nullable): likewise */
  GtkWidget        *offer_button;   /* (unowned) (nullable): likewise */
  GPtrArray        *fields;         /* (owned) (element-type GtkWidget) (unowned elements) */
} MedusaFormPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MedusaFormPage, medusa_form_page, MEDUSA_TYPE_PAGE)

/* Callbacks */

static void
on_submit_button_clicked_cb (GtkButton      *button,
                             MedusaFormPage *self)
{
  medusa_form_page_submit (self);
}

/* MedusaPage */

/* Someone else may sit down next: nothing of a submission stays. */
static void
medusa_form_page_clear_input (MedusaPage *page)
{
  MedusaFormPage *self = MEDUSA_FORM_PAGE (page);

  medusa_page_renew_cancellable (page);
  if (medusa_form_page_get_busy (self))
    medusa_form_page_set_busy (self, FALSE);
  medusa_form_page_set_error (self, NULL);
}

/* Signed out: a submission that was running is cancelled with the page's
 * cancellable, and its callback returns without a word. */
static void
medusa_form_page_reset (MedusaPage *page)
{
  MedusaFormPage *self = MEDUSA_FORM_PAGE (page);

  if (medusa_form_page_get_busy (self))
    medusa_form_page_set_busy (self, FALSE);
}

/* GObject */

static void
medusa_form_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (medusa_form_page_parent_class)->constructed (object);

  medusa_form_page_update_validity (MEDUSA_FORM_PAGE (object));
}

static void
medusa_form_page_dispose (GObject *object)
{
  MedusaFormPage *self = MEDUSA_FORM_PAGE (object);
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  /* The widgets go with the subclass's template. */
  priv->submit_button = NULL;
  priv->error_label = NULL;
  priv->error_box = NULL;
  priv->offer_button = NULL;
  g_clear_pointer (&priv->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (medusa_form_page_parent_class)->dispose (object);
}

static void
medusa_form_page_class_init (MedusaFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MedusaPageClass *page_class = MEDUSA_PAGE_CLASS (klass);

  object_class->constructed = medusa_form_page_constructed;
  object_class->dispose = medusa_form_page_dispose;

  page_class->reset = medusa_form_page_reset;
  page_class->clear_input = medusa_form_page_clear_input;
}

static void
medusa_form_page_init (MedusaFormPage *self)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  priv->fields = g_ptr_array_new ();
}

/* Public */

void
medusa_form_page_set_form (MedusaFormPage   *self,
                           MedusaBusyButton *submit_button,
                           GtkLabel         *error_label,
                           GtkWidget        *first_field,
                           ...)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);
  va_list args;

  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));
  g_return_if_fail (MEDUSA_IS_BUSY_BUTTON (submit_button));
  g_return_if_fail (error_label == NULL || GTK_IS_LABEL (error_label));

  priv->submit_button = submit_button;
  priv->error_label = error_label;
  g_ptr_array_set_size (priv->fields, 0);
  g_signal_connect_object (submit_button, "clicked",
                           G_CALLBACK (on_submit_button_clicked_cb), self, 0);

  va_start (args, first_field);
  for (GtkWidget *field = first_field; field != NULL; field = va_arg (args, GtkWidget *))
    g_ptr_array_add (priv->fields, field);
  va_end (args);
}

void
medusa_form_page_set_error_offer (MedusaFormPage *self,
                                  GtkWidget      *error_box,
                                  GtkWidget      *offer_button)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (error_box));
  g_return_if_fail (GTK_IS_WIDGET (offer_button));

  priv->error_box = error_box;
  priv->offer_button = offer_button;
}

void
medusa_form_page_submit (MedusaFormPage *self)
{
  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));

  if (medusa_form_page_get_busy (self) || MEDUSA_FORM_PAGE_GET_CLASS (self)->submit == NULL)
    return;

  MEDUSA_FORM_PAGE_GET_CLASS (self)->submit (self);
}

void
medusa_form_page_activate_rows (MedusaFormPage    *self,
                                GtkWidget * const *rows,
                                guint              n_rows)
{
  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));

  if (medusa_form_page_update_validity (self))
    {
      medusa_form_page_submit (self);
      return;
    }

  /* Everything is filled but something is wrong: the hint says what. */
  if (!medusa_ui_focus_first_empty_row (rows, n_rows))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

gboolean
medusa_form_page_get_busy (MedusaFormPage *self)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  g_return_val_if_fail (MEDUSA_IS_FORM_PAGE (self), FALSE);

  return priv->busy;
}

void
medusa_form_page_set_busy (MedusaFormPage *self,
                           gboolean        busy)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));
  g_return_if_fail (priv->submit_button != NULL);

  priv->busy = busy;
  /* The button first: it takes the focus out of the form. */
  medusa_busy_button_set_busy (priv->submit_button, busy);
  for (guint i = 0; i < priv->fields->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (priv->fields, i), !busy);
  if (!busy)
    medusa_form_page_update_validity (self);
}

GCancellable *
medusa_form_page_begin (MedusaFormPage *self)
{
  GCancellable *cancellable;

  g_return_val_if_fail (MEDUSA_IS_FORM_PAGE (self), NULL);

  cancellable = medusa_page_renew_cancellable (MEDUSA_PAGE (self));
  medusa_form_page_set_busy (self, TRUE);

  return cancellable;
}

gboolean
medusa_form_page_update_validity (MedusaFormPage *self)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);
  MedusaFormPageClass *klass;
  gboolean valid;

  g_return_val_if_fail (MEDUSA_IS_FORM_PAGE (self), FALSE);

  klass = MEDUSA_FORM_PAGE_GET_CLASS (self);
  if (klass->is_valid == NULL || priv->submit_button == NULL)
    return TRUE;

  valid = klass->is_valid (self);
  gtk_widget_set_sensitive (GTK_WIDGET (priv->submit_button), valid && !priv->busy);

  return valid;
}

void
medusa_form_page_set_error (MedusaFormPage *self,
                            const char     *message)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));

  if (priv->error_label != NULL)
    medusa_ui_label_set_error (priv->error_label, message);
  if (priv->error_box != NULL)
    {
      gtk_widget_set_visible (priv->error_box, message != NULL);
      gtk_widget_set_visible (priv->offer_button, FALSE);
    }
}

void
medusa_form_page_set_offer (MedusaFormPage *self,
                            const char     *message)
{
  MedusaFormPagePrivate *priv = medusa_form_page_get_instance_private (self);

  g_return_if_fail (MEDUSA_IS_FORM_PAGE (self));
  g_return_if_fail (priv->offer_button != NULL);

  medusa_form_page_set_error (self, message);
  gtk_widget_set_visible (priv->offer_button, TRUE);
  gtk_widget_grab_focus (priv->offer_button);
}

void
medusa_form_page_show_error (MedusaFormPage *self,
                             const GError   *error,
                             const char     *fallback)
{
  g_autofree char *message = medusa_ui_error_message (error, fallback);

  medusa_form_page_set_error (self, message);
}
