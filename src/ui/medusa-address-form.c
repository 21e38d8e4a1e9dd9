/* medusa-address-form.c: the rows of one postal address and its country
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "medusa-address-form.h"
#include "medusa-region.h"
#include "medusa-ui-utils.h"

typedef enum
{
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_COMPANY,
  FIELD_ADDRESS_1,
  FIELD_ADDRESS_2,
  FIELD_CITY,
  FIELD_POSTAL_CODE,
  FIELD_PROVINCE,
  FIELD_PHONE,
  N_FIELDS
} Field;

static const struct
{
  const char *name;           /* the API's key */
  const char *title;          /* the row's title, also in the hint */
  const char *billing_title;  /* the title in billing mode, apart from the page's own rows */
  gboolean    required;
} fields[N_FIELDS] = {
  [FIELD_FIRST_NAME]  = { "first_name",  N_("First name"),  N_("Billing first name"), TRUE },
  [FIELD_LAST_NAME]   = { "last_name",   N_("Last name"),   N_("Billing last name"), TRUE },
  [FIELD_COMPANY]     = { "company",     N_("Company"),     N_("Company"), FALSE },
  [FIELD_ADDRESS_1]   = { "address_1",   N_("Address"),     N_("Billing address line 1"), TRUE },
  [FIELD_ADDRESS_2]   = { "address_2",   N_("Apartment, suite, etc."),
                          N_("Billing address line 2 (optional)"), FALSE },
  [FIELD_CITY]        = { "city",        N_("City"),        N_("Billing city"), TRUE },
  [FIELD_POSTAL_CODE] = { "postal_code", N_("Postal code"), N_("Billing postal code"), TRUE },
  [FIELD_PROVINCE]    = { "province",    N_("Province / State"),
                          N_("Billing province or state (optional)"), FALSE },
  [FIELD_PHONE]       = { "phone",       N_("Phone"),       N_("Billing phone (optional)"), FALSE },
};

struct _MedusaAddressForm
{
  AdwBin           parent_instance;

  MedusaCountries *countries;        /* (owned) (nullable) */
  char            *wanted_country;   /* (owned) (nullable): to choose once offered */
  gboolean         billing;
  gboolean         valid;
  gboolean         filling;
  gboolean         countries_failed; /* the last load failed */
  gboolean         touched[N_FIELDS];

  /* template widgets */
  AdwEntryRow     *first_name_row;
  AdwEntryRow     *last_name_row;
  AdwEntryRow     *company_row;
  AdwEntryRow     *address_1_row;
  AdwEntryRow     *address_2_row;
  AdwEntryRow     *city_row;
  AdwEntryRow     *postal_code_row;
  AdwEntryRow     *province_row;
  AdwEntryRow     *phone_row;
  AdwComboRow     *country_row;
  GtkLabel        *hint_label;

  AdwEntryRow     *rows[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (MedusaAddressForm, medusa_address_form, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COUNTRIES,
  PROP_BILLING,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  SIGNAL_ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static gboolean
field_shown (MedusaAddressForm *self,
             Field              field)
{
  return !(self->billing && field == FIELD_COMPANY);
}

static const char *
selected_country_code (MedusaAddressForm *self)
{
  MedusaCountry *country = adw_combo_row_get_selected_item (self->country_row);

  return country != NULL ? medusa_country_get_iso_2 (country) : NULL;
}

static gboolean
countries_settled (MedusaAddressForm *self)
{
  return self->countries != NULL &&
         (medusa_countries_get_loaded (self->countries) || self->countries_failed);
}

/* Marks the touched required rows that are empty, fills the hint (not in
 * billing mode) and updates "valid". */
static void
update_validity (MedusaAddressForm *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean valid = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;
      gboolean empty;

      if (!fields[i].required)
        continue;

      text = medusa_ui_row_dup_stripped (self->rows[i]);
      empty = (*text == '\0');
      if (empty)
        valid = FALSE;

      medusa_ui_row_set_invalid (self->rows[i], empty && self->touched[i]);
      if (empty && self->touched[i])
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, _(fields[i].title));
        }
    }

  if (selected_country_code (self) == NULL)
    {
      valid = FALSE;
      medusa_ui_row_set_invalid (self->country_row, countries_settled (self));
      if (countries_settled (self))
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, _("Country"));
        }
    }
  else
    {
      medusa_ui_row_set_invalid (self->country_row, FALSE);
    }

  if (missing->len > 0 && !self->billing)
    {
      /* Translators: %s is a list of field names, e.g. "First name, City" */
      g_autofree char *hint = g_strdup_printf (_("Required: %s."), missing->str);

      gtk_label_set_text (self->hint_label, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static guint
find_country (GListModel *model,
              const char *code)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (code == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaCountry) country = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (medusa_country_get_iso_2 (country), code) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Chooses the country asked for, else the first one, once the list is there. */
static void
choose_wanted_country (MedusaAddressForm *self)
{
  GListModel *model;
  guint position;

  if (self->countries == NULL || !medusa_countries_get_loaded (self->countries))
    return;

  model = medusa_countries_get_model (self->countries);
  position = find_country (model, self->wanted_country);
  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (model) > 0)
    position = 0;
  adw_combo_row_set_selected (self->country_row, position);
}

/* The country row says whether its list is coming, there or empty. */
static void
update_country_row (MedusaAddressForm *self)
{
  GListModel *model = self->countries != NULL ? medusa_countries_get_model (self->countries) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (countries_settled (self))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), n > 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->country_row),
                                   n > 0 ? "" : _("This store ships to no countries"));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->country_row), _("Loading countries…"));
    }
}

/* Callbacks */

static void
countries_loaded_cb (MedusaAddressForm *self)
{
  update_country_row (self);
  choose_wanted_country (self);
  update_validity (self);
}

static void
countries_loading_cb (MedusaAddressForm *self)
{
  if (medusa_countries_get_loading (self->countries))
    self->countries_failed = FALSE;
  update_country_row (self);
  update_validity (self);
}

static void
countries_failed_cb (MedusaAddressForm *self)
{
  self->countries_failed = TRUE;
  update_country_row (self);
  update_validity (self);
}

static void
row_changed_cb (MedusaAddressForm *self,
                GtkEditable       *editable)
{
  if (self->filling)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if ((GtkEditable *) self->rows[i] == editable)
        self->touched[i] = TRUE;
    }

  update_validity (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
row_activated_cb (MedusaAddressForm *self)
{
  g_signal_emit (self, signals[SIGNAL_ENTRY_ACTIVATED], 0);
}

static void
country_selected_cb (MedusaAddressForm *self)
{
  update_validity (self);
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* GObject */

static void
medusa_address_form_constructed (GObject *object)
{
  MedusaAddressForm *self = MEDUSA_ADDRESS_FORM (object);

  G_OBJECT_CLASS (medusa_address_form_parent_class)->constructed (object);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]),
                                     _(self->billing ? fields[i].billing_title : fields[i].title));
      gtk_widget_set_visible (GTK_WIDGET (self->rows[i]), field_shown (self, i));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->country_row),
                                 self->billing ? _("Billing country") : _("Country"));

  update_country_row (self);
  update_validity (self);
}

static void
medusa_address_form_dispose (GObject *object)
{
  MedusaAddressForm *self = MEDUSA_ADDRESS_FORM (object);

  if (self->countries != NULL)
    g_signal_handlers_disconnect_by_data (self->countries, self);
  g_clear_object (&self->countries);
  gtk_widget_dispose_template (GTK_WIDGET (self), MEDUSA_TYPE_ADDRESS_FORM);

  G_OBJECT_CLASS (medusa_address_form_parent_class)->dispose (object);
}

static void
medusa_address_form_finalize (GObject *object)
{
  MedusaAddressForm *self = MEDUSA_ADDRESS_FORM (object);

  g_free (self->wanted_country);

  G_OBJECT_CLASS (medusa_address_form_parent_class)->finalize (object);
}

static void
medusa_address_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MedusaAddressForm *self = MEDUSA_ADDRESS_FORM (object);

  switch (prop_id)
    {
    case PROP_COUNTRIES:
      g_value_set_object (value, self->countries);
      break;
    case PROP_BILLING:
      g_value_set_boolean (value, self->billing);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_form_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MedusaAddressForm *self = MEDUSA_ADDRESS_FORM (object);

  switch (prop_id)
    {
    case PROP_COUNTRIES:
      medusa_address_form_set_countries (self, g_value_get_object (value));
      break;
    case PROP_BILLING:
      self->billing = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_address_form_class_init (MedusaAddressFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = medusa_address_form_constructed;
  object_class->dispose = medusa_address_form_dispose;
  object_class->finalize = medusa_address_form_finalize;
  object_class->get_property = medusa_address_form_get_property;
  object_class->set_property = medusa_address_form_set_property;

  properties[PROP_COUNTRIES] =
    g_param_spec_object ("countries", NULL, NULL,
                         MEDUSA_TYPE_COUNTRIES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BILLING] =
    g_param_spec_boolean ("billing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MedusaAddressForm::changed:
   *
   * The user edited a row or chose a country.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * MedusaAddressForm::entry-activated:
   *
   * Enter was pressed in one of the rows.
   */
  signals[SIGNAL_ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/medusaaccount/MedusaAccount/medusa-address-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, company_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, address_1_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, address_2_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, city_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, province_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, country_row);
  gtk_widget_class_bind_template_child (widget_class, MedusaAddressForm, hint_label);
}

static void
medusa_address_form_init (MedusaAddressForm *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows[FIELD_FIRST_NAME] = self->first_name_row;
  self->rows[FIELD_LAST_NAME] = self->last_name_row;
  self->rows[FIELD_COMPANY] = self->company_row;
  self->rows[FIELD_ADDRESS_1] = self->address_1_row;
  self->rows[FIELD_ADDRESS_2] = self->address_2_row;
  self->rows[FIELD_CITY] = self->city_row;
  self->rows[FIELD_POSTAL_CODE] = self->postal_code_row;
  self->rows[FIELD_PROVINCE] = self->province_row;
  self->rows[FIELD_PHONE] = self->phone_row;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_signal_connect_object (self->rows[i], "changed",
                               G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->rows[i], "entry-activated",
                               G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
    }

  expression = gtk_property_expression_new (MEDUSA_TYPE_COUNTRY, NULL, "display-name");
  adw_combo_row_set_expression (self->country_row, expression);
  g_signal_connect_object (self->country_row, "notify::selected",
                           G_CALLBACK (country_selected_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
medusa_address_form_new (gboolean billing)
{
  return g_object_new (MEDUSA_TYPE_ADDRESS_FORM, "billing", billing, NULL);
}

void
medusa_address_form_set_countries (MedusaAddressForm *self,
                                   MedusaCountries   *countries)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS_FORM (self));
  g_return_if_fail (countries == NULL || MEDUSA_IS_COUNTRIES (countries));

  if (self->countries == countries)
    return;

  if (self->countries != NULL)
    g_signal_handlers_disconnect_by_data (self->countries, self);
  g_set_object (&self->countries, countries);
  self->countries_failed = FALSE;

  /* The session's live list: a store change empties it here too. */
  self->filling = TRUE;
  adw_combo_row_set_model (self->country_row,
                           countries != NULL ? medusa_countries_get_model (countries) : NULL);
  self->filling = FALSE;

  if (countries != NULL)
    {
      g_signal_connect_object (countries, "notify::loaded",
                               G_CALLBACK (countries_loaded_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (countries, "notify::loading",
                               G_CALLBACK (countries_loading_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (countries, "failed",
                               G_CALLBACK (countries_failed_cb), self, G_CONNECT_SWAPPED);
    }

  update_country_row (self);
  choose_wanted_country (self);
  update_validity (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRIES]);
}

gboolean
medusa_address_form_get_billing (MedusaAddressForm *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS_FORM (self), FALSE);

  return self->billing;
}

gboolean
medusa_address_form_get_valid (MedusaAddressForm *self)
{
  g_return_val_if_fail (MEDUSA_IS_ADDRESS_FORM (self), FALSE);

  return self->valid;
}

void
medusa_address_form_set_input (MedusaAddressForm        *self,
                               const MedusaAddressInput *input)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS_FORM (self));
  g_return_if_fail (input != NULL);

  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = field_shown (self, i) ? medusa_address_input_get (input, fields[i].name) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), value != NULL ? value : "");
    }

  g_free (self->wanted_country);
  self->wanted_country = g_strdup (medusa_address_input_get (input, "country_code"));
  choose_wanted_country (self);
  self->filling = FALSE;

  update_validity (self);
}

MedusaAddressInput *
medusa_address_form_get_input (MedusaAddressForm *self)
{
  MedusaAddressInput *input;
  const char *country;

  g_return_val_if_fail (MEDUSA_IS_ADDRESS_FORM (self), NULL);

  input = medusa_address_input_new ();
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;

      if (!field_shown (self, i))
        continue;

      text = medusa_ui_row_dup_stripped (self->rows[i]);
      if (*text != '\0')
        medusa_address_input_set (input, fields[i].name, text);
    }

  country = selected_country_code (self);
  if (country != NULL)
    medusa_address_input_set (input, "country_code", country);

  return input;
}

void
medusa_address_form_show_missing (MedusaAddressForm *self,
                                  gboolean           focus_first)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS_FORM (self));

  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = TRUE;
  update_validity (self);

  if (!focus_first)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = NULL;

      if (!fields[i].required)
        continue;

      text = medusa_ui_row_dup_stripped (self->rows[i]);
      if (*text == '\0')
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->rows[i]));
          return;
        }
    }
}

void
medusa_address_form_clear (MedusaAddressForm *self)
{
  g_return_if_fail (MEDUSA_IS_ADDRESS_FORM (self));

  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), "");
      self->touched[i] = FALSE;
    }
  self->filling = FALSE;

  g_clear_pointer (&self->wanted_country, g_free);
  update_validity (self);
}
