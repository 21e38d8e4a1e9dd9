/* test-widgets-address-form.c: MedusaAddressForm on its own
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows shared by the address dialog and the profile's billing address:
 * an address set reads back the same, validity follows the required rows and
 * the country, clear empties everything, and billing mode renames the rows
 * and has no Company row. Countries come from the in-process fake Store API.
 */
#define G_LOG_DOMAIN "WidgetTestAddressForm"

#include "config.h"

#include "medusa-address-form.h"
#include "medusa-countries.h"
#include "medusa-profile-page.h"
#include "widget-test-utils.h"

/* The countries of the fake's one region (de, fr, nl, it, es, dk, se, at, be, gb). */
#define N_FAKE_COUNTRIES 10

static const char * const all_fields[] = {
  "first_name", "last_name", "company", "address_1", "address_2",
  "city", "postal_code", "province", "phone",
};

static const char * const titles[] = {
  "First name", "Last name", "Company", "Address", "Apartment, suite, etc.",
  "City", "Postal code", "Province / State", "Phone",
};

static const char * const billing_titles[] = {
  "Billing first name", "Billing last name", NULL, "Billing address line 1",
  "Billing address line 2 (optional)", "Billing city", "Billing postal code",
  "Billing province or state (optional)", "Billing phone (optional)",
};

typedef struct
{
  GtkWidget         *window;
  MedusaAddressForm *form;
  guint              n_valid_notifies;
} FormWindow;

static void
valid_notified_cb (MedusaAddressForm *form,
                   GParamSpec        *pspec,
                   FormWindow        *fw)
{
  fw->n_valid_notifies++;
}

/* A window holding one form, offered the session's countries once loaded. */
static void
form_window_open (FormWindow *fw,
                  WtFixture  *fixture,
                  gboolean    billing)
{
  MedusaCountries *countries = medusa_countries_get_for_session (fixture->session);

  fw->window = gtk_window_new ();
  fw->form = MEDUSA_ADDRESS_FORM (medusa_address_form_new (billing));
  fw->n_valid_notifies = 0;
  g_signal_connect (fw->form, "notify::valid", G_CALLBACK (valid_notified_cb), fw);
  gtk_window_set_child (GTK_WINDOW (fw->window), GTK_WIDGET (fw->form));
  gtk_window_present (GTK_WINDOW (fw->window));

  medusa_address_form_set_countries (fw->form, countries);
  medusa_countries_load (countries);
  wt_wait_until (medusa_countries_get_loaded (countries), WT_TIMEOUT);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_countries_get_model (countries)), ==, N_FAKE_COUNTRIES);
}

static void
form_window_close (FormWindow *fw)
{
  gtk_window_destroy (GTK_WINDOW (fw->window));
  wt_iterate ();
}

static MedusaAddressInput *
full_input (const char *country)
{
  MedusaAddressInput *input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", "Ada");
  medusa_address_input_set (input, "last_name", "Lovelace");
  medusa_address_input_set (input, "company", "Analytical Engines Ltd");
  medusa_address_input_set (input, "address_1", "Herengracht 1");
  medusa_address_input_set (input, "address_2", "3rd floor");
  medusa_address_input_set (input, "city", "Amsterdam");
  medusa_address_input_set (input, "postal_code", "1015 BA");
  medusa_address_input_set (input, "province", "Noord-Holland");
  medusa_address_input_set (input, "phone", "+31 20 1234567");
  medusa_address_input_set (input, "country_code", country);

  return input;
}

static AdwComboRow *
country_row (FormWindow *fw,
             const char *title)
{
  GtkWidget *row = wt_find_row (GTK_WIDGET (fw->form), title);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  return ADW_COMBO_ROW (row);
}

/* Set an address, read it back equal: every field and the country. */
static void
test_form_round_trip (WtFixture     *fixture,
                      gconstpointer  user_data)
{
  FormWindow fw;
  g_autoptr(MedusaAddressInput) input = full_input ("nl");
  g_autoptr(MedusaAddressInput) back = NULL;

  form_window_open (&fw, fixture, FALSE);
  medusa_address_form_set_input (fw.form, input);

  /* Each value is in the row of that title. */
  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    g_assert_cmpstr (wt_text_of (GTK_WIDGET (fw.form), titles[i]), ==,
                     medusa_address_input_get (input, all_fields[i]));

  back = medusa_address_form_get_input (fw.form);
  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    g_assert_cmpstr (medusa_address_input_get (back, all_fields[i]), ==,
                     medusa_address_input_get (input, all_fields[i]));
  g_assert_cmpstr (medusa_address_input_get (back, "country_code"), ==, "nl");
  g_assert_true (medusa_address_form_get_valid (fw.form));

  /* Empty optional rows are left out; typed text is trimmed. */
  wt_type (GTK_WIDGET (fw.form), "Company", "");
  wt_type (GTK_WIDGET (fw.form), "City", "  Utrecht ");
  g_clear_pointer (&back, medusa_address_input_free);
  back = medusa_address_form_get_input (fw.form);
  g_assert_false (medusa_address_input_is_set (back, "company"));
  g_assert_cmpstr (medusa_address_input_get (back, "city"), ==, "Utrecht");

  form_window_close (&fw);
}

/* The country of an address set before the list came is chosen once it is
 * there, not the first of the list. */
static void
test_form_country_before_list (WtFixture     *fixture,
                               gconstpointer  user_data)
{
  MedusaCountries *countries = medusa_countries_get_for_session (fixture->session);
  g_autoptr(MedusaAddressInput) input = full_input ("gb");
  g_autoptr(MedusaAddressInput) back = NULL;
  FormWindow fw;
  AdwComboRow *row;

  fw.window = gtk_window_new ();
  fw.form = MEDUSA_ADDRESS_FORM (medusa_address_form_new (FALSE));
  gtk_window_set_child (GTK_WINDOW (fw.window), GTK_WIDGET (fw.form));
  gtk_window_present (GTK_WINDOW (fw.window));

  medusa_address_form_set_countries (fw.form, countries);
  medusa_address_form_set_input (fw.form, input);
  row = country_row (&fw, "Country");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_false (medusa_address_form_get_valid (fw.form));

  medusa_countries_load (countries);
  wt_wait_until (medusa_countries_get_loaded (countries), WT_TIMEOUT);

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), !=, 0);
  back = medusa_address_form_get_input (fw.form);
  g_assert_cmpstr (medusa_address_input_get (back, "country_code"), ==, "gb");
  g_assert_true (medusa_address_form_get_valid (fw.form));

  form_window_close (&fw);
}

/* "valid" turns off when a required row empties, back on when it is filled;
 * optional rows do not count. The emptied row is marked, the hint names it. */
static void
test_form_validity (WtFixture     *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(MedusaAddressInput) input = full_input ("de");
  GtkWidget *form;
  GtkWidget *hint;
  FormWindow fw;

  form_window_open (&fw, fixture, FALSE);
  form = GTK_WIDGET (fw.form);
  g_assert_false (medusa_address_form_get_valid (fw.form));

  medusa_address_form_set_input (fw.form, input);
  g_assert_true (medusa_address_form_get_valid (fw.form));
  g_assert_cmpuint (fw.n_valid_notifies, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    {
      gboolean required = g_strv_contains ((const char * const[]) {
                                             "first_name", "last_name", "address_1",
                                             "city", "postal_code", NULL },
                                           all_fields[i]);
      g_autofree char *saved = g_strdup (wt_text_of (form, titles[i]));
      GtkWidget *row = wt_find_entry (form, titles[i]);

      wt_type (form, titles[i], "   ");
      g_assert_cmpint (medusa_address_form_get_valid (fw.form), ==, !required);
      g_assert_cmpint (gtk_widget_has_css_class (row, "error"), ==, required);
      if (required)
        {
          g_autofree char *expected = g_strdup_printf ("Required: %s.", titles[i]);

          hint = wt_find_label (form, expected);
          g_assert_nonnull (hint);
        }

      wt_type (form, titles[i], saved);
      g_assert_true (medusa_address_form_get_valid (fw.form));
      g_assert_false (gtk_widget_has_css_class (row, "error"));
    }
  g_assert_cmpuint (fw.n_valid_notifies, ==, 1 + 2 * 5);

  /* No country: not valid either. */
  adw_combo_row_set_selected (country_row (&fw, "Country"), GTK_INVALID_LIST_POSITION);
  g_assert_false (medusa_address_form_get_valid (fw.form));
  g_assert_nonnull (wt_find_label (form, "Required: Country."));

  form_window_close (&fw);
}

/* Clear empties every row and drops the marks: the shared-workstation
 * sign-out leaves nothing of the address behind. */
static void
test_form_clear (WtFixture     *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MedusaAddressInput) input = full_input ("fr");
  g_autoptr(MedusaAddressInput) back = NULL;
  GtkWidget *form;
  FormWindow fw;

  form_window_open (&fw, fixture, FALSE);
  form = GTK_WIDGET (fw.form);
  medusa_address_form_set_input (fw.form, input);
  wt_type (form, "City", "");
  medusa_address_form_show_missing (fw.form, FALSE);
  g_assert_true (gtk_widget_has_css_class (wt_find_entry (form, "City"), "error"));

  medusa_address_form_clear (fw.form);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = wt_find_entry (form, titles[i]);

      g_assert_cmpstr (wt_get_text (row), ==, "");
      g_assert_false (gtk_widget_has_css_class (row, "error"));
    }
  g_assert_null (wt_find_label (form, "Required: City."));
  g_assert_false (medusa_address_form_get_valid (fw.form));

  back = medusa_address_form_get_input (fw.form);
  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    g_assert_false (medusa_address_input_is_set (back, all_fields[i]));

  form_window_close (&fw);
}

/* Billing mode: every row says "Billing …", there is no Company row (and no
 * company in what the form gives), no "Required: …" hint. */
static void
test_form_billing (WtFixture     *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(MedusaAddressInput) input = full_input ("it");
  g_autoptr(MedusaAddressInput) back = NULL;
  GtkWidget *form;
  FormWindow fw;

  form_window_open (&fw, fixture, TRUE);
  form = GTK_WIDGET (fw.form);
  g_assert_true (medusa_address_form_get_billing (fw.form));

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_null (wt_find_entry (form, titles[i]));
      if (billing_titles[i] != NULL)
        g_assert_nonnull (wt_find_entry (form, billing_titles[i]));
    }
  g_assert_nonnull (country_row (&fw, "Billing country"));
  g_assert_null (wt_find_row (form, "Country"));

  medusa_address_form_set_input (fw.form, input);
  g_assert_true (medusa_address_form_get_valid (fw.form));
  back = medusa_address_form_get_input (fw.form);
  g_assert_false (medusa_address_input_is_set (back, "company"));
  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    if (billing_titles[i] != NULL)
      g_assert_cmpstr (medusa_address_input_get (back, all_fields[i]), ==,
                       medusa_address_input_get (input, all_fields[i]));
  g_assert_cmpstr (medusa_address_input_get (back, "country_code"), ==, "it");

  wt_type (form, "Billing city", "");
  medusa_address_form_show_missing (fw.form, FALSE);
  g_assert_false (medusa_address_form_get_valid (fw.form));
  g_assert_true (gtk_widget_has_css_class (wt_find_entry (form, "Billing city"), "error"));
  g_assert_null (wt_find_label (form, "Required: Billing city."));
  g_assert_null (wt_find_label (form, "Required: City."));

  form_window_close (&fw);
}

/* The profile's billing form is this form: sign-out on a shared workstation
 * empties it (the session's clear-input), half-typed rows included. */
static void
test_form_profile_sign_out (WtFixture     *fixture,
                            gconstpointer  user_data)
{
  MedusaAddressForm *form;
  AdwComboRow *choice;
  GtkWidget *page;

  wt_fixture_start (fixture);
  wt_fixture_sign_in (fixture, WT_EMAIL, WT_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.navigate", "s", "profile");
  wt_fixture_wait_page (fixture, "profile");
  page = wt_find_by_type (GTK_WIDGET (fixture->window), MEDUSA_TYPE_PROFILE_PAGE);
  g_assert_nonnull (page);

  choice = ADW_COMBO_ROW (wt_find_row (page, "Use address"));
  adw_combo_row_set_selected (choice, g_list_model_get_n_items (adw_combo_row_get_model (choice)) - 1);
  wt_wait_until (wt_find_entry (page, "Billing city") != NULL, WT_TIMEOUT);
  form = MEDUSA_ADDRESS_FORM (wt_find_by_type (page, MEDUSA_TYPE_ADDRESS_FORM));
  g_assert_true (medusa_address_form_get_billing (form));
  wt_type (page, "Billing address line 1", "Via Roma 1");
  wt_type (page, "Billing city", "Roma");
  wt_type (page, "Billing postal code", "00100");
  /* Valid once the countries are there. */
  wt_wait_until (medusa_address_form_get_valid (form), WT_TIMEOUT);
  wt_type (page, "Billing phone (optional)", "+39 06 1234567");
  wt_type (page, "Billing city", "");
  g_assert_true (gtk_widget_has_css_class (wt_find_entry (page, "Billing city"), "error"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL));
  wt_fixture_wait_page (fixture, "sign-in");

  for (guint i = 0; i < G_N_ELEMENTS (billing_titles); i++)
    {
      GtkWidget *row;

      if (billing_titles[i] == NULL)
        continue;
      row = wt_find_row (page, billing_titles[i]);
      g_assert_nonnull (row);
      g_assert_cmpstr (wt_get_text (row), ==, "");
      g_assert_false (gtk_widget_has_css_class (row, "error"));
    }
}

int
main (int   argc,
      char *argv[])
{
  wt_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, WtFixture, NULL, wt_fixture_setup, func, wt_fixture_teardown)

  ADD ("/widgets/address-form/round-trip", test_form_round_trip);
  ADD ("/widgets/address-form/country-before-list", test_form_country_before_list);
  ADD ("/widgets/address-form/validity", test_form_validity);
  ADD ("/widgets/address-form/clear", test_form_clear);
  ADD ("/widgets/address-form/billing", test_form_billing);
  ADD ("/widgets/address-form/profile-sign-out", test_form_profile_sign_out);

  return g_test_run ();
}
