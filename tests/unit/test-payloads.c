/* test-payloads.c: the exact JSON of every request body we build
 *
 * Copyright 2026 The Medusa Account authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "medusa-payloads.h"

static char *
to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_assert_nonnull (node);
  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Takes @node. */
static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autofree char *text = to_string (node);

  json_node_unref (node);
  g_assert_cmpstr (text, ==, expected);
}

static MedusaAddressInput *
full_address (void)
{
  MedusaAddressInput *address = medusa_address_input_new ();

  medusa_address_input_set (address, "phone", "+49 30 1234");
  medusa_address_input_set (address, "postal_code", "10115");
  medusa_address_input_set (address, "province", "Berlin");
  medusa_address_input_set (address, "country_code", "DE");
  medusa_address_input_set (address, "city", "Berlin");
  medusa_address_input_set (address, "address_2", "Hinterhaus");
  medusa_address_input_set (address, "address_1", "Invalidenstraße 1");
  medusa_address_input_set (address, "company", "ACME");
  medusa_address_input_set (address, "last_name", "Doe");
  medusa_address_input_set (address, "first_name", "Jane");

  return address;
}

/* Normalization */

static void
test_normalize_email (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "demo@example.com", "demo@example.com" },
    { "  Demo@Example.COM\t\n", "demo@example.com" },
    { "ÄRGER@Example.de", "ärger@example.de" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = medusa_normalize_email (cases[i].in);

      g_assert_cmpstr (normalized, ==, cases[i].out);
    }

  g_assert_null (medusa_normalize_email (NULL));
}

/* The one email check of every form (sign in, register, forgotten and
 * reset password, profile). */
static void
test_email_looks_valid (void)
{
  const char *valid[] = { "demo@example.com", "a@b", "ärger@example.de", "x+tag@shop.example" };
  const char *invalid[] = { "", "demo", "@example.com", "demo@", "a@b@c", "de mo@example.com",
                            "demo@exa\tmple.com", "demo@example.com\n" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (medusa_email_looks_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (medusa_email_looks_valid (invalid[i]));
  g_assert_false (medusa_email_looks_valid (NULL));
}

/* MedusaAddressInput */

static void
test_address_empty (void)
{
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();
  g_auto(GStrv) missing = NULL;

  assert_json (medusa_address_input_to_json (address), "{}");
  g_assert_false (medusa_address_input_is_set (address, "city"));
  g_assert_null (medusa_address_input_get (address, "city"));

  missing = medusa_address_input_missing_required (address);
  g_assert_nonnull (missing);
  g_assert_cmpstrv (missing, ((const char * const[]) {
    "first_name", "last_name", "address_1", "city", "country_code", "postal_code", NULL }));
}

static void
test_address_full_order (void)
{
  g_autoptr(MedusaAddressInput) address = full_address ();

  /* Members come in a fixed order, whatever order they were set in. */
  assert_json (medusa_address_input_to_json (address),
               "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"company\":\"ACME\","
               "\"address_1\":\"Invalidenstraße 1\",\"address_2\":\"Hinterhaus\","
               "\"city\":\"Berlin\",\"country_code\":\"de\",\"province\":\"Berlin\","
               "\"postal_code\":\"10115\",\"phone\":\"+49 30 1234\"}");
  g_assert_null (medusa_address_input_missing_required (address));
}

static void
test_address_trim_and_country (void)
{
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();

  medusa_address_input_set (address, "first_name", "  Jane ");
  medusa_address_input_set (address, "country_code", " GB\n");

  g_assert_true (medusa_address_input_is_set (address, "first_name"));
  g_assert_cmpstr (medusa_address_input_get (address, "first_name"), ==, "Jane");
  g_assert_cmpstr (medusa_address_input_get (address, "country_code"), ==, "gb");
  assert_json (medusa_address_input_to_json (address),
               "{\"first_name\":\"Jane\",\"country_code\":\"gb\"}");
}

static void
test_address_null_rules (void)
{
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();

  /* Optional fields: "" (or only spaces) and NULL clear the field: null. */
  medusa_address_input_set (address, "company", "");
  medusa_address_input_set (address, "address_2", NULL);
  medusa_address_input_set (address, "province", "   ");
  medusa_address_input_set (address, "phone", "");
  /* Required fields are never null: "" lets the server say what is wrong. */
  medusa_address_input_set (address, "city", "");
  medusa_address_input_set (address, "postal_code", NULL);

  g_assert_true (medusa_address_input_is_set (address, "company"));
  g_assert_true (medusa_address_input_is_set (address, "address_2"));
  assert_json (medusa_address_input_to_json (address),
               "{\"company\":null,\"address_2\":null,\"city\":\"\",\"province\":null,"
               "\"postal_code\":\"\",\"phone\":null}");
}

static void
test_address_update_partial (void)
{
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();
  g_auto(GStrv) missing = NULL;

  medusa_address_input_set (address, "city", "Hamburg");
  medusa_address_input_set (address, "address_2", "");
  /* Setting twice keeps the last value. */
  medusa_address_input_set (address, "city", "Köln");

  assert_json (medusa_address_input_to_json (address),
               "{\"address_2\":null,\"city\":\"Köln\"}");

  missing = medusa_address_input_missing_required (address);
  g_assert_cmpstrv (missing, ((const char * const[]) {
    "first_name", "last_name", "address_1", "country_code", "postal_code", NULL }));
}

static void
test_address_missing_required (void)
{
  g_autoptr(MedusaAddressInput) address = full_address ();
  g_auto(GStrv) missing = NULL;

  medusa_address_input_set (address, "last_name", "  ");
  medusa_address_input_set (address, "postal_code", NULL);
  /* Optional fields never count as missing. */
  medusa_address_input_set (address, "company", "");

  missing = medusa_address_input_missing_required (address);
  g_assert_cmpstrv (missing, ((const char * const[]) { "last_name", "postal_code", NULL }));
}

static void
test_address_copy (void)
{
  g_autoptr(MedusaAddressInput) address = full_address ();
  g_autoptr(MedusaAddressInput) copy = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  medusa_address_input_set (address, "company", NULL);
  copy = medusa_address_input_copy (address);
  node_a = medusa_address_input_to_json (address);
  node_b = medusa_address_input_to_json (copy);
  a = to_string (node_a);
  b = to_string (node_b);
  g_assert_cmpstr (a, ==, b);

  /* The copy is independent. */
  medusa_address_input_set (address, "city", "Paris");
  g_assert_cmpstr (medusa_address_input_get (copy, "city"), ==, "Berlin");

  g_assert_true (G_TYPE_IS_BOXED (MEDUSA_TYPE_ADDRESS_INPUT));
}

static void
test_address_unknown_field (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();

      medusa_address_input_set (address, "email", "x@example.com");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*idx >= 0*");
}

/* MedusaCustomerUpdate */

static void
test_update_empty (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  g_assert_true (medusa_customer_update_is_empty (update));
  assert_json (medusa_customer_update_to_json (update), "{}");
}

static void
test_update_names (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_phone (update, " +44 20 7946 0000 ");
  medusa_customer_update_set_last_name (update, "Doe");
  medusa_customer_update_set_first_name (update, " Jane");

  g_assert_false (medusa_customer_update_is_empty (update));
  assert_json (medusa_customer_update_to_json (update),
               "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"phone\":\"+44 20 7946 0000\"}");
}

static void
test_update_clear_names (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_first_name (update, "");
  medusa_customer_update_set_last_name (update, NULL);
  medusa_customer_update_set_phone (update, "  ");

  g_assert_false (medusa_customer_update_is_empty (update));
  assert_json (medusa_customer_update_to_json (update),
               "{\"first_name\":null,\"last_name\":null,\"phone\":null}");
}

static void
test_update_email_password (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_email (update, "  New.Address@Example.COM ");
  /* Passwords are sent exactly as typed. */
  medusa_customer_update_set_password (update, " s3cret pass ");

  assert_json (medusa_customer_update_to_json (update),
               "{\"email\":\"new.address@example.com\",\"password\":\" s3cret pass \"}");
}

static void
test_update_email_password_never_null (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_email (update, NULL);
  medusa_customer_update_set_password (update, "");
  g_assert_true (medusa_customer_update_is_empty (update));
  assert_json (medusa_customer_update_to_json (update), "{}");

  /* Clearing a value set earlier removes it instead of sending null. */
  medusa_customer_update_set_email (update, "a@b.example");
  medusa_customer_update_set_password (update, "longenough");
  medusa_customer_update_set_email (update, "   ");
  medusa_customer_update_set_password (update, NULL);
  g_assert_true (medusa_customer_update_is_empty (update));
  assert_json (medusa_customer_update_to_json (update), "{}");
}

static void
test_update_metadata (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_metadata (update, "newsletter", "yes");
  medusa_customer_update_set_metadata (update, "nickname", NULL);
  medusa_customer_update_set_metadata (update, "old", "");
  medusa_customer_update_set_metadata (update, "newsletter", "no");

  /* A merge object: "" deletes a key on the server; the last value wins. */
  assert_json (medusa_customer_update_to_json (update),
               "{\"metadata\":{\"newsletter\":\"no\",\"nickname\":\"\",\"old\":\"\"}}");
}

static void
test_update_billing_address_id (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaAddressInput) address = full_address ();

  medusa_customer_update_set_billing_address (update, address);
  medusa_customer_update_set_billing_address_id (update, "addr_01ABC");

  /* The id replaces the address set before. */
  assert_json (medusa_customer_update_to_json (update),
               "{\"billing_address\":\"addr_01ABC\"}");
}

static void
test_update_billing_address_object (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaAddressInput) address = medusa_address_input_new ();

  medusa_address_input_set (address, "first_name", "Jane");
  medusa_address_input_set (address, "company", "");
  medusa_address_input_set (address, "country_code", "FR");

  medusa_customer_update_set_billing_address_id (update, "addr_01ABC");
  medusa_customer_update_set_billing_address (update, address);
  /* The update holds a copy. */
  medusa_address_input_set (address, "first_name", "Changed");

  assert_json (medusa_customer_update_to_json (update),
               "{\"billing_address\":{\"first_name\":\"Jane\",\"company\":null,\"country_code\":\"fr\"}}");
}

static void
test_update_everything_order (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();

  medusa_customer_update_set_billing_address_id (update, "addr_1");
  medusa_customer_update_set_metadata (update, "k", "v");
  medusa_customer_update_set_password (update, "password1");
  medusa_customer_update_set_email (update, "Me@Example.com");
  medusa_customer_update_set_phone (update, "");
  medusa_customer_update_set_last_name (update, "Doe");
  medusa_customer_update_set_first_name (update, "Jane");

  assert_json (medusa_customer_update_to_json (update),
               "{\"first_name\":\"Jane\",\"last_name\":\"Doe\",\"phone\":null,"
               "\"email\":\"me@example.com\",\"password\":\"password1\","
               "\"metadata\":{\"k\":\"v\"},\"billing_address\":\"addr_1\"}");
}

static void
test_update_copy (void)
{
  g_autoptr(MedusaCustomerUpdate) update = medusa_customer_update_new ();
  g_autoptr(MedusaCustomerUpdate) copy = NULL;
  g_autoptr(MedusaAddressInput) address = full_address ();
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  medusa_customer_update_set_first_name (update, "");
  medusa_customer_update_set_email (update, "X@Y.example");
  medusa_customer_update_set_metadata (update, "k", "v");
  medusa_customer_update_set_billing_address (update, address);

  copy = medusa_customer_update_copy (update);
  node_a = medusa_customer_update_to_json (update);
  node_b = medusa_customer_update_to_json (copy);
  a = to_string (node_a);
  b = to_string (node_b);
  g_assert_cmpstr (a, ==, b);

  /* Independent metadata. */
  medusa_customer_update_set_metadata (update, "k2", "v2");
  g_clear_pointer (&node_b, json_node_unref);
  g_clear_pointer (&b, g_free);
  node_b = medusa_customer_update_to_json (copy);
  b = to_string (node_b);
  g_assert_null (strstr (b, "k2"));

  g_assert_true (G_TYPE_IS_BOXED (MEDUSA_TYPE_CUSTOMER_UPDATE));
}

static MedusaAddress *
saved_address (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return medusa_address_new_from_json (json_node_get_object (node), NULL);
}

static void
test_address_same_place (void)
{
  g_autoptr(MedusaAddress) saved = saved_address (
    "{\"id\":\"addr_1\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address_1\":\"12 St James Square\","
    "\"city\":\"London\",\"country_code\":\"gb\",\"postal_code\":\"SW1Y 4JH\",\"company\":null,\"phone\":\"\"}");
  g_autoptr(MedusaAddressInput) input = medusa_address_input_new ();

  medusa_address_input_set (input, "first_name", " ada ");
  medusa_address_input_set (input, "last_name", "LOVELACE");
  medusa_address_input_set (input, "address_1", "12  st james   square");
  medusa_address_input_set (input, "city", "london");
  medusa_address_input_set (input, "country_code", "GB");
  medusa_address_input_set (input, "postal_code", "sw1y 4jh");
  /* Unset and empty optional fields match the saved nulls and "". */
  medusa_address_input_set (input, "phone", "");
  g_assert_true (medusa_address_input_same_place (input, saved));

  medusa_address_input_set (input, "address_2", "Flat 1");
  g_assert_false (medusa_address_input_same_place (input, saved));
  medusa_address_input_set (input, "address_2", NULL);
  g_assert_true (medusa_address_input_same_place (input, saved));

  medusa_address_input_set (input, "country_code", "fr");
  g_assert_false (medusa_address_input_same_place (input, saved));
  medusa_address_input_set (input, "country_code", "gb");

  medusa_address_input_set (input, "postal_code", "SW1Y 4JJ");
  g_assert_false (medusa_address_input_same_place (input, saved));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/payloads/normalize-email", test_normalize_email);
  g_test_add_func ("/payloads/email-looks-valid", test_email_looks_valid);

  g_test_add_func ("/payloads/address/empty", test_address_empty);
  g_test_add_func ("/payloads/address/full-order", test_address_full_order);
  g_test_add_func ("/payloads/address/trim-and-country", test_address_trim_and_country);
  g_test_add_func ("/payloads/address/null-rules", test_address_null_rules);
  g_test_add_func ("/payloads/address/update-partial", test_address_update_partial);
  g_test_add_func ("/payloads/address/missing-required", test_address_missing_required);
  g_test_add_func ("/payloads/address/copy", test_address_copy);
  g_test_add_func ("/payloads/address/unknown-field", test_address_unknown_field);
  g_test_add_func ("/payloads/address/same-place", test_address_same_place);

  g_test_add_func ("/payloads/update/empty", test_update_empty);
  g_test_add_func ("/payloads/update/names", test_update_names);
  g_test_add_func ("/payloads/update/clear-names", test_update_clear_names);
  g_test_add_func ("/payloads/update/email-password", test_update_email_password);
  g_test_add_func ("/payloads/update/email-password-never-null", test_update_email_password_never_null);
  g_test_add_func ("/payloads/update/metadata", test_update_metadata);
  g_test_add_func ("/payloads/update/billing-address-id", test_update_billing_address_id);
  g_test_add_func ("/payloads/update/billing-address-object", test_update_billing_address_object);
  g_test_add_func ("/payloads/update/everything-order", test_update_everything_order);
  g_test_add_func ("/payloads/update/copy", test_update_copy);

  return g_test_run ();
}
