/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-search.h"

/* Matching of groups and people against what the user types: case,
 * accents, letters with no decomposition (Ł, ø) through GLib's ASCII
 * alternates, substrings, and which field is named in the result.
 */

static ConvenePerson *
make_person (const char *name,
             const char *company,
             const char *github)
{
  ConvenePerson *person = convene_person_new (github ? github : name, name);

  convene_person_set_company (person, company);
  convene_person_set_github (person, github);
  return person;
}

static gboolean
person_matches (ConvenePerson *person,
                const char    *query)
{
  g_auto(GStrv) terms = convene_search_split_query (query);

  return convene_search_match_person (person, (const char * const *)terms, NULL);
}

static void
test_search_person_alternates (void)
{
  g_autoptr(ConvenePerson) lukasz = make_person ("Łukasz Płotka", "Øresund Labs", "lplotka");
  g_autoptr(ConvenePerson) jose = make_person ("José Núñez", "IBM", NULL);

  /* The letters themselves, in any case */
  g_assert_true (person_matches (lukasz, "Łukasz"));
  g_assert_true (person_matches (lukasz, "ŁUKASZ"));
  g_assert_true (person_matches (lukasz, "płot"));

  /* Their ASCII alternates, also as a prefix of a word */
  g_assert_true (person_matches (lukasz, "lukasz"));
  g_assert_true (person_matches (lukasz, "plotka"));
  g_assert_true (person_matches (lukasz, "lukasz plotka"));
  g_assert_true (person_matches (lukasz, "oeresund"));
  g_assert_true (person_matches (lukasz, "LUK"));

  /* Accents still fold, and substrings inside a word still match */
  g_assert_true (person_matches (jose, "jose nunez"));
  g_assert_true (person_matches (jose, "ose"));
  g_assert_true (person_matches (jose, "ibm"));

  /* Every term must match somewhere */
  g_assert_false (person_matches (lukasz, "lukasz nunez"));
  g_assert_false (person_matches (jose, "lukasz"));
  g_assert_false (person_matches (lukasz, "xyz"));
}

static void
test_search_person_why (void)
{
  g_autoptr(ConvenePerson) person = make_person ("Lin Sun", "IBM", "linsun");
  g_auto(GStrv) by_company = convene_search_split_query ("ibm");
  g_auto(GStrv) by_name = convene_search_split_query ("lin");
  g_autofree char *why = NULL;

  g_assert_true (convene_search_match_person (person, (const char * const *)by_company, &why));
  g_assert_cmpstr (why, ==, "Company: IBM");
  g_clear_pointer (&why, g_free);

  g_assert_true (convene_search_match_person (person, (const char * const *)by_name, &why));
  g_assert_null (why);
}

static void
test_search_group_fields (void)
{
  static const char * const topics[] = { "Tracing", "Métriques", NULL };
  g_autoptr(ConveneGroup) group = convene_group_new ("observability", "Observability");
  g_autoptr(ConvenePerson) lead = make_person ("Zoë Ångström", "Świętokrzyska AG", "zoe");
  g_autoptr(ConveneLead) role = convene_lead_new (lead, CONVENE_ROLE_LEAD);
  struct {
    const char *query;
    gboolean matches;
    const char *why;
  } cases[] = {
    { "observ", TRUE, NULL },
    { "OBSERVABILITY", TRUE, NULL },
    { "metriques", TRUE, "Topic: Métriques" },
    { "trac", TRUE, "Topic: Tracing" },
    { "angstrom", TRUE, "Lead: Zoë Ångström (Świętokrzyska AG)" },
    { "swietokrzyska", TRUE, "Lead: Zoë Ångström (Świętokrzyska AG)" },
    { "sidecars", TRUE, "Matches the description" },
    { "observ nothing", FALSE, NULL },
  };

  convene_group_set_topics (group, topics);
  convene_group_set_description (group, "Metrics, logs and sidecars.");
  convene_group_add_lead (group, role);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) terms = convene_search_split_query (cases[i].query);
      g_autofree char *why = NULL;
      gboolean matches;

      matches = convene_search_match_group (group, (const char * const *)terms, &why);
      g_test_message ("%s → %d %s", cases[i].query, matches, why ? why : "(null)");
      g_assert_cmpint (matches, ==, cases[i].matches);
      g_assert_cmpstr (why, ==, cases[i].why);
    }
}

/* Roles are searchable, and every lead who matches is named. */
static void
test_search_group_leads (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("lab", "Lab");
  g_autoptr(ConvenePerson) ann = make_person ("Ann Example", "Acme", "ann");
  g_autoptr(ConvenePerson) bob = make_person ("Bob Example", "Acme", "bob");
  g_autoptr(ConvenePerson) cy = make_person ("Cy Other", "Globex", "cy");
  struct {
    ConvenePerson *person;
    ConveneRole role;
  } leads[] = {
    { ann, CONVENE_ROLE_LEAD },
    { ann, CONVENE_ROLE_CHAIR },
    { bob, CONVENE_ROLE_TECH_LEAD },
    { cy, CONVENE_ROLE_LEAD },
  };
  struct {
    const char *query;
    const char *why;
  } cases[] = {
    { "acme", "Leads: Ann Example, Bob Example (Acme)" },
    { "example", "Leads: Ann Example, Bob Example (Acme)" },
    { "chair", "Lead: Ann Example (Acme)" },
    { "tech", "Lead: Bob Example (Acme)" },
    { "acme cy", NULL },
    { "other", "Lead: Cy Other (Globex)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr(ConveneLead) lead = convene_lead_new (leads[i].person, leads[i].role);

      convene_group_add_lead (group, lead);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) terms = convene_search_split_query (cases[i].query);
      g_autofree char *why = NULL;
      gboolean matches;

      matches = convene_search_match_group (group, (const char * const *)terms, &why);
      g_test_message ("%s → %d %s", cases[i].query, matches, why ? why : "(null)");
      g_assert_true (matches);
      if (cases[i].why != NULL)
        g_assert_cmpstr (why, ==, cases[i].why);
      else
        g_assert_cmpstr (why, ==, "Leads: Ann Example (Acme), Bob Example (Acme), Cy Other (Globex)");
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The result texts are compared in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/person/alternates", test_search_person_alternates);
  g_test_add_func ("/search/person/why", test_search_person_why);
  g_test_add_func ("/search/group/fields", test_search_group_fields);
  g_test_add_func ("/search/group/leads", test_search_group_leads);

  return g_test_run ();
}
