/* medusa-busy-button.c: a button that spins while its form is sent
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "medusa-busy-button.h"

struct _MedusaBusyButton
{
  GtkButton  parent_instance;

  gboolean   busy;
  char      *label;   /* (owned) (nullable): while busy, the label it had */
  GtkWidget *child;   /* (owned) (nullable): while busy, the child it had */
  GWeakRef   focus;   /* while busy, where the focus was */
};

G_DEFINE_FINAL_TYPE (MedusaBusyButton, medusa_busy_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A form goes insensitive while it is busy. GTK 4.8 drops the focus of an
 * entry that goes insensitive without telling it, and its cursor blink then
 * warns "GtkText - did not receive a focus-out event" on every Enter that
 * submits. So the focus leaves the window's widgets first, properly, and is
 * remembered to be given back when the button is no longer busy. */
static void
release_focus (MedusaBusyButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  g_weak_ref_set (&self->focus, focus);
  if (focus != NULL)
    gtk_root_set_focus (root, NULL);
}

/* Back where the focus was, unless the page moved it meanwhile or that
 * widget cannot take it now. */
static void
restore_focus (MedusaBusyButton *self)
{
  g_autoptr(GtkWidget) focus = g_weak_ref_get (&self->focus);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_weak_ref_set (&self->focus, NULL);

  if (focus == NULL || root == NULL || gtk_root_get_focus (root) != NULL ||
      gtk_widget_get_root (focus) != root || !gtk_widget_is_sensitive (focus) ||
      !gtk_widget_get_mapped (focus))
    return;

  gtk_widget_grab_focus (focus);
}

static void
medusa_busy_button_dispose (GObject *object)
{
  MedusaBusyButton *self = MEDUSA_BUSY_BUTTON (object);

  g_clear_object (&self->child);
  g_weak_ref_set (&self->focus, NULL);

  G_OBJECT_CLASS (medusa_busy_button_parent_class)->dispose (object);
}

static void
medusa_busy_button_finalize (GObject *object)
{
  MedusaBusyButton *self = MEDUSA_BUSY_BUTTON (object);

  g_free (self->label);
  g_weak_ref_clear (&self->focus);

  G_OBJECT_CLASS (medusa_busy_button_parent_class)->finalize (object);
}

static void
medusa_busy_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MedusaBusyButton *self = MEDUSA_BUSY_BUTTON (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_busy_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MedusaBusyButton *self = MEDUSA_BUSY_BUTTON (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      medusa_busy_button_set_busy (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_busy_button_class_init (MedusaBusyButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = medusa_busy_button_dispose;
  object_class->finalize = medusa_busy_button_finalize;
  object_class->get_property = medusa_busy_button_get_property;
  object_class->set_property = medusa_busy_button_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_busy_button_init (MedusaBusyButton *self)
{
  g_weak_ref_init (&self->focus, NULL);
}

GtkWidget *
medusa_busy_button_new (void)
{
  return g_object_new (MEDUSA_TYPE_BUSY_BUTTON, NULL);
}

gboolean
medusa_busy_button_get_busy (MedusaBusyButton *self)
{
  g_return_val_if_fail (MEDUSA_IS_BUSY_BUTTON (self), FALSE);

  return self->busy;
}

void
medusa_busy_button_set_busy (MedusaBusyButton *self,
                             gboolean          busy)
{
  GtkButton *button = GTK_BUTTON (self);

  g_return_if_fail (MEDUSA_IS_BUSY_BUTTON (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  if (busy)
    {
      const char *label = gtk_button_get_label (button);
      GtkWidget *spinner;

      /* Keep what was there, to put it back afterwards. */
      if (label != NULL)
        self->label = g_strdup (label);
      else if (gtk_button_get_child (button) != NULL)
        self->child = g_object_ref (gtk_button_get_child (button));
      else
        self->label = g_strdup ("");

      /* Before anything goes insensitive: the caller's form, then us. */
      release_focus (self);

      spinner = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
      /* The spinner replaces the label: keep the button's name for screen
       * readers (and the GUI tests) while it is busy. */
      if (label != NULL && *label != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
      gtk_button_set_child (button, spinner);
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
    }
  else
    {
      if (self->label != NULL)
        gtk_button_set_label (button, self->label);
      else if (self->child != NULL)
        gtk_button_set_child (button, self->child);

      g_clear_pointer (&self->label, g_free);
      g_clear_object (&self->child);
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, FALSE, -1);
    }

  self->busy = busy;
  if (!busy)
    restore_focus (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

const char *
medusa_busy_button_get_label (MedusaBusyButton *self)
{
  g_return_val_if_fail (MEDUSA_IS_BUSY_BUTTON (self), NULL);

  return self->busy ? self->label : gtk_button_get_label (GTK_BUTTON (self));
}
