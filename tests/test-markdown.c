/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "convene-markdown.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"

/* The WORKING-GROUPS.md importer, against Istio's real files of 2017, 2018
 * and 2026 (tests/fixtures/istio) and small documents written here to
 * provoke each warning. Expected values are copied from the fixtures.
 */

#define ISTIO_BASE_URL "https://github.com/istio/community/blob/master/"
#define SEED "WORKING-GROUPS-2017-12-11.md"
#define SPRING_2018 "WORKING-GROUPS-2018-03-27.md"
#define TODAY_2026 "WORKING-GROUPS-2026-08-20.md"

/* Helpers */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "istio", name, NULL);
}

static ConveneRegistry *
import_fixture (const char  *name,
                const char  *base_url,
                GPtrArray  **issues)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  ConveneRegistry *registry;

  registry = convene_markdown_import_file (path, base_url, issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  return registry;
}

static ConveneRegistry *
import_text (const char  *text,
             const char  *base_url,
             GPtrArray  **issues)
{
  g_autoptr(GError) error = NULL;
  ConveneRegistry *registry;

  registry = convene_markdown_import (text, -1, "WORKING-GROUPS.md", base_url, issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  return registry;
}

/* The issues as "LINE:COLUMN: message", or "LINE: message" when
 * @with_column is FALSE, NULL-terminated for g_assert_cmpstrv()
 */
static char **
issue_lines (GPtrArray *issues,
             gboolean   with_column)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_WARNING);
      if (with_column)
        g_ptr_array_add (lines, g_strdup_printf ("%u:%u: %s", issue->line, issue->column,
                                                 issue->message));
      else
        g_ptr_array_add (lines, g_strdup_printf ("%u: %s", issue->line, issue->message));
    }

  g_ptr_array_add (lines, NULL);
  return (char **)g_ptr_array_free (lines, FALSE);
}

static ConveneGroup *
group_at (ConveneRegistry *registry,
          guint            position)
{
  g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), position);

  g_assert_nonnull (group);
  return group; /* the registry keeps a reference */
}

static ConveneGroup *
lookup_group (ConveneRegistry *registry,
              const char      *id)
{
  ConveneGroup *group = convene_registry_lookup_group (registry, id);

  g_assert_nonnull (group);
  return group;
}

static void
assert_groups (ConveneRegistry    *registry,
               const char * const *expected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (registry));

  g_assert_cmpuint (n, ==, g_strv_length ((char **)expected) / 2);

  for (guint i = 0; i < n; i++)
    {
      ConveneGroup *group = group_at (registry, i);

      g_assert_cmpstr (convene_group_get_id (group), ==, expected[2 * i]);
      g_assert_cmpstr (convene_group_get_name (group), ==, expected[2 * i + 1]);
    }
}

typedef struct
{
  ConveneLinkKind kind;
  const char *label;
  const char *url;
} ExpectedLink;

static void
assert_links (GListModel         *links,
              const ExpectedLink *expected,
              guint               n_expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      g_assert_cmpstr (convene_link_kind_to_string (convene_link_get_kind (link)), ==,
                       convene_link_kind_to_string (expected[i].kind));
      g_assert_cmpstr (convene_link_get_label (link), ==, expected[i].label);
      g_assert_cmpstr (convene_link_get_url (link), ==, expected[i].url);
    }
}

typedef struct
{
  const char *id;
  const char *name;
  const char *company;
  const char *github;
  const char *avatar_url;
  const char *profile_url;
} ExpectedLead;

static void
assert_leads (ConveneGroup       *group,
              const ExpectedLead *expected,
              guint               n_expected)
{
  GListModel *leads = convene_group_get_leads (group);

  g_assert_cmpuint (g_list_model_get_n_items (leads), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);
      ConvenePerson *person = convene_lead_get_person (lead);

      g_assert_cmpint (convene_lead_get_role (lead), ==, CONVENE_ROLE_LEAD);
      g_assert_cmpstr (convene_person_get_id (person), ==, expected[i].id);
      g_assert_cmpstr (convene_person_get_name (person), ==, expected[i].name);
      g_assert_cmpstr (convene_person_get_company (person), ==, expected[i].company);
      g_assert_cmpstr (convene_person_get_github (person), ==, expected[i].github);
      g_assert_cmpstr (convene_person_get_avatar_url (person), ==, expected[i].avatar_url);
      g_assert_cmpstr (convene_person_get_profile_url (person), ==, expected[i].profile_url);
    }
}

static void
assert_topics (ConveneGroup       *group,
               const char * const *expected)
{
  g_assert_cmpstrv (convene_group_get_topics (group), expected);
}

static void
assert_run (ConveneRichText *text,
            guint            paragraph,
            guint            run,
            const char      *expected_text,
            const char      *expected_url)
{
  const char *url = NULL;

  g_assert_cmpstr (convene_rich_text_get_run (text, paragraph, run, &url), ==, expected_text);
  g_assert_cmpstr (url, ==, expected_url);
}

static ConveneMeeting *
meeting_at (GListModel *meetings,
            guint       position)
{
  g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, position);

  g_assert_nonnull (meeting);
  return meeting;
}

/* The seed: 2017 layout */

static const char * const seed_groups[] = {
  "steering", "Steering",
  "api-management", "API Management",
  "config", "Config",
  "environments", "Environments",
  "integrations", "Integrations",
  "networking", "Networking",
  "performance-and-scalability", "Performance and Scalability",
  "security", "Security",
  "test-and-release", "Test and Release",
  NULL
};

static void
test_seed_community (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  ConveneCommunity *community = convene_registry_get_community (registry);
  ConveneRichText *intro = convene_community_get_intro (community);
  ConveneRichText *new_group = convene_community_get_new_group (community);

  g_assert_cmpstr (convene_community_get_name (community), ==, "Istio");
  g_assert_cmpstr (convene_community_get_design_docs_url (community), ==,
                   "https://drive.google.com/drive/u/0/folders/0AIS5p3eW9BCtUk9PVA");

  /* The intro: three paragraphs, not the "new group" one, not the
   * "current working groups are:" lead-in, not the list of anchors */
  g_assert_nonnull (intro);
  g_assert_cmpuint (convene_rich_text_get_n_paragraphs (intro), ==, 3);
  g_assert_cmpuint (convene_rich_text_get_n_runs (intro, 0), ==, 1);
  assert_run (intro, 0, 0, "Most community activity is organized into working groups.", NULL);
  g_assert_cmpuint (convene_rich_text_get_n_runs (intro, 1), ==, 3);
  assert_run (intro, 1, 0, "Working groups follow the ", NULL);
  assert_run (intro, 1, 1, "contributing", ISTIO_BASE_URL "CONTRIBUTING.md");
  assert_run (intro, 1, 2, " guidelines although each of these groups may operate a little "
              "differently depending on their needs and workflow.", NULL);
  g_assert_cmpuint (convene_rich_text_get_n_runs (intro, 2), ==, 3);
  assert_run (intro, 2, 0, "The working groups generate design docs which are kept in a ", NULL);
  assert_run (intro, 2, 1, "shared drive",
              "https://drive.google.com/drive/u/0/folders/0AIS5p3eW9BCtUk9PVA");

  g_assert_nonnull (new_group);
  g_assert_cmpuint (convene_rich_text_get_n_paragraphs (new_group), ==, 1);
  g_assert_cmpuint (convene_rich_text_get_n_runs (new_group, 0), ==, 3);
  assert_run (new_group, 0, 0, "When the need arises, a new working group can be created, "
              "please contact the ", NULL);
  assert_run (new_group, 0, 1, "istio-steering",
              "https://groups.google.com/forum/#!forum/istio-steering");
  assert_run (new_group, 0, 2, " working group if you think a new group is necessary.", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (convene_community_get_links (community)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (convene_community_get_meetings (community)), ==, 0);

  /* The source is reproducible: base name and the date of the file name */
  g_assert_cmpstr (convene_registry_get_source_kind (registry), ==, "markdown");
  g_assert_cmpstr (convene_registry_get_source_location (registry), ==, SEED);
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, "2017-12-11");
}

static void
test_seed_groups (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  static const char * const config_topics[] = {
    "Config API", "config documentation", "config management server/storage",
    "dynamic config rollout", NULL
  };
  static const char * const test_topics[] = { "Build", "test", "release", NULL };
  static const char * const perf_topics[] = {
    "Performance and scalability characterization and improvements", NULL
  };
  static const char * const no_topics[] = { NULL };
  ConveneGroup *steering;

  assert_groups (registry, seed_groups);

  /* Steering's paragraph is a sentence: the description, not topics */
  steering = lookup_group (registry, "steering");
  assert_topics (steering, no_topics);
  g_assert_cmpstr (convene_group_get_description (steering), ==,
                   "The steering working group is responsible for cross-cutting product and "
                   "design decisions.");

  assert_topics (lookup_group (registry, "config"), config_topics);
  g_assert_null (convene_group_get_description (lookup_group (registry, "config")));
  assert_topics (lookup_group (registry, "test-and-release"), test_topics);
  assert_topics (lookup_group (registry, "performance-and-scalability"), perf_topics);
}

static void
test_seed_artifacts (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  static const ExpectedLink steering[] = {
    { CONVENE_LINK_FORUM, "istio-steering@",
      "https://groups.google.com/forum/#!forum/istio-steering" },
    { CONVENE_LINK_NOTES, "Notes",
      "https://docs.google.com/document/d/13lxJqtlaQhmV2EwsNnS6h-_O4pobZQZuMjrzOeMgVI0/edit"
      "#heading=h.ipnfbx7g04vg" },
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/corp/drive/u/0/folders/0BzW5bSyKst8JOXRyZVNaVFZuRUk" },
  };
  static const ExpectedLink api_management[] = {
    { CONVENE_LINK_FORUM, "istio-api-management@",
      "https://groups.google.com/forum/#!forum/istio-api-management" },
    { CONVENE_LINK_MEETING, "Wednesdays at 13:00 PT - Biweekly",
      "https://meet.google.com/mbm-semv-asz" },
    { CONVENE_LINK_CALENDAR, "Calendar Invitation",
      "https://calendar.google.com/event?action=TEMPLATE&tmeid=MmphaThpYTFuMzM2bjcxNTR0cG51cG92"
      "bGFfMjAxNzEyMjBUMjEwMDAwWiBjaGVuZ2xpYW5nQGdvb2dsZS5jb20&tmsrc=chengliang%40google.com"
      "&scp=ALL" },
    { CONVENE_LINK_NOTES, "Notes",
      "https://docs.google.com/document/d/1Hh-MC2uxctT-oqQvwPIc7tUTEbOpzFHdJS2Y5l2Go6g/edit" },
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/corp/drive/u/0/folders/0BzW5bSyKst8JRFJXWTZjMXY5MDQ" },
  };
  static const ExpectedLink performance[] = {
    { CONVENE_LINK_FORUM, "istio-perf@", "https://groups.google.com/forum/#!forum/istio-perf" },
    { CONVENE_LINK_MEETING, "Wednesdays 9:00-9:30 PT - Weekly",
      "https://plus.google.com/hangouts/_/google.com/istio-perf" },
    { CONVENE_LINK_CALENDAR, "Calendar Invitation",
      "https://calendar.google.com/event?action=TEMPLATE&tmeid=NnVuN3BtaTlpbzVmZGIxYm4zc3ZwcnRy"
      "c2NfMjAxNzExMTVUMTcwMDAwWiBsZGVtYWlsbHlAZ29vZ2xlLmNvbQ&tmsrc=ldemailly%40google.com"
      "&scp=ALL" },
    { CONVENE_LINK_NOTES, "Notes", "https://goo.gl/ENFQWb" },
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/corp/drive/u/0/folders/1Zpi5TcBPSqGno96WAq5QkcNKi16opaTL" },
  };

  assert_links (convene_group_get_links (lookup_group (registry, "steering")),
                steering, G_N_ELEMENTS (steering));
  assert_links (convene_group_get_links (lookup_group (registry, "api-management")),
                api_management, G_N_ELEMENTS (api_management));
  assert_links (convene_group_get_links (lookup_group (registry, "performance-and-scalability")),
                performance, G_N_ELEMENTS (performance));

  /* Every group but Steering has the same five kinds of artifacts */
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      ConveneGroup *group = group_at (registry, i);

      g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_links (group)), ==, 5);
      g_assert_nonnull (convene_group_find_link (group, CONVENE_LINK_FORUM));
      g_assert_nonnull (convene_group_find_link (group, CONVENE_LINK_MEETING));
      g_assert_nonnull (convene_group_find_link (group, CONVENE_LINK_CALENDAR));
      g_assert_nonnull (convene_group_find_link (group, CONVENE_LINK_NOTES));
      g_assert_nonnull (convene_group_find_link (group, CONVENE_LINK_FOLDER));
    }
}

static void
test_seed_meetings (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  GListModel *meetings;
  ConveneMeeting *meeting;
  GDateTime *anchor;
  g_autofree char *anchor_text = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (
                      lookup_group (registry, "steering"))), ==, 0);

  meetings = convene_group_get_meetings (lookup_group (registry, "api-management"));
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = meeting_at (meetings, 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Wednesdays at 13:00 PT - Biweekly");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://meet.google.com/mbm-semv-asz");
  g_assert_cmpstr (convene_meeting_get_calendar_url (meeting), ==,
                   "https://calendar.google.com/event?action=TEMPLATE&tmeid=MmphaThpYTFuMzM2bjcx"
                   "NTR0cG51cG92bGFfMjAxNzEyMjBUMjEwMDAwWiBjaGVuZ2xpYW5nQGdvb2dsZS5jb20"
                   "&tmsrc=chengliang%40google.com&scp=ALL");

  /* The structure comes from convene_schedule_parse(), the anchor from
   * the event in the calendar link (20171220T210000Z) */
  g_assert_true (convene_meeting_has_schedule (meeting));
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_WEDNESDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 13 * 60);
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 2);
  anchor = convene_meeting_get_anchor (meeting);
  g_assert_nonnull (anchor);
  anchor_text = g_date_time_format_iso8601 (anchor);
  g_assert_cmpstr (anchor_text, ==, "2017-12-20T21:00:00Z");

  meetings = convene_group_get_meetings (lookup_group (registry, "performance-and-scalability"));
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = meeting_at (meetings, 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Wednesdays 9:00-9:30 PT - Weekly");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==,
                   "https://plus.google.com/hangouts/_/google.com/istio-perf");

  meetings = convene_group_get_meetings (lookup_group (registry, "config"));
  meeting = meeting_at (meetings, 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Thursdays at 10:00 PT - Biweekly");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://meet.google.com/istio-config");
  g_assert_cmpstr (convene_meeting_get_calendar_url (meeting), ==,
                   "https://calendar.google.com/calendar/event?action=TEMPLATE&tmeid=cWd0MXBrOWM4"
                   "dm1wZGdqOTV0cDJzbDU2MDhfMjAxNzExMzBUMTgwMDAwWiB4aWFvbGFuQGdvb2dsZS5jb20"
                   "&tmsrc=xiaolan%40google.com");

  /* Every meeting of the seed was understood */
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      meetings = convene_group_get_meetings (group_at (registry, i));
      g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
      g_assert_true (convene_meeting_has_schedule (meeting_at (meetings, 0)));
    }
}

static void
test_seed_leads (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  static const ExpectedLead steering[] = {
    { "dan-berg", "Dan Berg", "IBM", NULL, NULL, NULL },
    { "linsun", "Lin Sun", "IBM", "linsun",
      "https://avatars1.githubusercontent.com/u/1588319?s=400&v=4", "https://github.com/linsun" },
    { "lryan", "Louis Ryan", "Google", "lryan", NULL, "https://github.com/lryan" },
    { "geeknoid", "Martin Taillefer", "Google", "geeknoid",
      "https://avatars3.githubusercontent.com/u/22780957?s=400&v=4",
      "https://github.com/geeknoid" },
    { "rshriram", "Shriram Rajagopalan", "IBM", "rshriram",
      "https://avatars3.githubusercontent.com/u/8202871?s=400&v=4",
      "https://github.com/rshriram" },
    { "smawson", "Sven Mawson", "Google", "smawson",
      "https://avatars0.githubusercontent.com/u/1562325?s=400&v=4",
      "https://github.com/smawson" },
  };
  static const ExpectedLead networking[] = {
    { "andraxylia", "Andra Cismaru", "Google", "andraxylia",
      "https://avatars2.githubusercontent.com/u/10883640?s=400&v=4",
      "https://github.com/andraxylia" },
    { "cmluciano", "Christopher M Luciano", "IBM", "cmluciano",
      "https://avatars3.githubusercontent.com/u/4790487?s=400&v=4",
      "https://github.com/cmluciano" },
    /* The typo in the host is kept; the login is still taken */
    { "kyessenov", "Kuat Yessenov", "Google", "kyessenov",
      "https://avatars1.githubusercontent.com/u/9537734?s=400&v=4",
      "https://githun.com/kyessenov" },
    { "rshriram", "Shriram Rajagopalan", "IBM", "rshriram",
      "https://avatars3.githubusercontent.com/u/8202871?s=400&v=4",
      "https://github.com/rshriram" },
  };
  static const ExpectedLead security[] = {
    { "elevran", "Etai Lev-Ran", "IBM", "elevran",
      "https://avatars1.githubusercontent.com/u/13645998?s=400&v=4",
      "https://github.com/elevran" },
    { "michael-elder", "Michael Elder", "IBM", NULL, NULL, NULL },
    { "wenchenglu", "Wencheng Lu", "Google", "wenchenglu", NULL,
      "https://github.com/wenchenglu" },
  };

  assert_leads (lookup_group (registry, "steering"), steering, G_N_ELEMENTS (steering));
  assert_leads (lookup_group (registry, "networking"), networking, G_N_ELEMENTS (networking));
  assert_leads (lookup_group (registry, "security"), security, G_N_ELEMENTS (security));
}

static void
assert_person_leads (ConveneRegistry    *registry,
                     const char         *id,
                     const char * const *expected_groups)
{
  ConvenePerson *person = convene_registry_lookup_person (registry, id);
  g_autoptr(GListModel) groups = NULL;

  g_assert_nonnull (person);
  groups = convene_registry_list_groups_for_person (registry, person);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==,
                    g_strv_length ((char **)expected_groups));

  for (guint i = 0; expected_groups[i] != NULL; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (groups, i);

      g_assert_cmpstr (convene_group_get_id (group), ==, expected_groups[i]);
    }
}

static void
test_seed_people (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);
  static const char * const cmluciano[] = { "config", "networking", NULL };
  static const char * const geeknoid[] = { "steering", "api-management", "integrations", NULL };
  static const char * const linsun[] = { "steering", "test-and-release", NULL };
  static const char * const ldemailly[] = { "environments", "performance-and-scalability", NULL };
  ConvenePerson *person;

  /* 29 lead rows, 22 people */
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 22);

  /* "Christopher M Luciano" and "Christopher Luciano": one person, the
   * first name kept */
  person = convene_registry_lookup_person (registry, "cmluciano");
  g_assert_nonnull (person);
  g_assert_cmpstr (convene_person_get_name (person), ==, "Christopher M Luciano");
  assert_person_leads (registry, "cmluciano", cmluciano);
  assert_person_leads (registry, "geeknoid", geeknoid);
  assert_person_leads (registry, "linsun", linsun);
  assert_person_leads (registry, "ldemailly", ldemailly);

  /* Leads without a profile are identified by name */
  g_assert_nonnull (convene_registry_lookup_person (registry, "todd-kaplinger"));
  g_assert_null (convene_person_get_github (convene_registry_lookup_person (registry,
                                                                            "todd-kaplinger")));
}

static void
test_seed_warnings (void)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *formatted = NULL;
  static const char * const expected[] = {
    "131:1: “Christopher Luciano” has the same GitHub login “cmluciano” as “Christopher M "
    "Luciano” above; the first name is kept",
    "132:112: the profile link of Kuat Yessenov points to “githun.com”, which looks like a "
    "misspelling of github.com; the URL is kept as written",
    NULL
  };
  const char * const expected_without_base[] = {
    "5:27: relative link “CONTRIBUTING.md” needs a base URL to be resolved; kept as plain text",
    expected[0],
    expected[1],
    NULL
  };

  registry = import_fixture (SEED, ISTIO_BASE_URL, &issues);
  lines = issue_lines (issues, TRUE);
  g_assert_cmpstrv (lines, expected);

  /* Issues name the file as given, as compilers do */
  formatted = convene_issue_to_string (g_ptr_array_index (issues, 1));
  g_assert_true (g_str_has_suffix (formatted, "fixtures/istio/" SEED ":132:112: warning: the "
                                   "profile link of Kuat Yessenov points to “githun.com”, which "
                                   "looks like a misspelling of github.com; the URL is kept as "
                                   "written"));

  /* Without a base URL the relative link stays plain text */
  g_clear_object (&registry);
  g_clear_pointer (&issues, g_ptr_array_unref);
  g_clear_pointer (&lines, g_strfreev);
  registry = import_fixture (SEED, NULL, &issues);
  lines = issue_lines (issues, TRUE);
  g_assert_cmpstrv (lines, expected_without_base);
  assert_run (convene_community_get_intro (convene_registry_get_community (registry)), 1, 0,
              "Working groups follow the contributing guidelines although each of these groups "
              "may operate a little differently depending on their needs and workflow.", NULL);
}

/* Spring 2018: the same layout, a group more, recordings */

static void
test_2018 (void)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = import_fixture (SPRING_2018, ISTIO_BASE_URL, &issues);
  g_auto(GStrv) lines = issue_lines (issues, FALSE);
  ConveneCommunity *community = convene_registry_get_community (registry);
  static const char * const groups[] = {
    "api-management", "API Management",
    "config", "Config",
    "environments", "Environments",
    "networking", "Networking",
    "performance-and-scalability", "Performance and Scalability",
    "policies-and-telemetry", "Policies and Telemetry",
    "security", "Security",
    "test-and-release", "Test and Release",
    NULL
  };
  static const ExpectedLink api_management[] = {
    { CONVENE_LINK_FORUM, "istio-api-management@",
      "https://groups.google.com/forum/#!forum/istio-api-management" },
    { CONVENE_LINK_MEETING, "Wednesdays at 13:00 PT - Biweekly",
      "https://istio.zoom.us/j/274692275" },
    { CONVENE_LINK_CALENDAR, "Calendar Invitation",
      "https://calendar.google.com/event?action=TEMPLATE&tmeid=MmphaThpYTFuMzM2bjcxNTR0cG51cG92"
      "bGFfMjAxNzEyMjBUMjEwMDAwWiBjaGVuZ2xpYW5nQGdvb2dsZS5jb20&tmsrc=chengliang%40google.com"
      "&scp=ALL" },
    { CONVENE_LINK_NOTES, "Notes",
      "https://docs.google.com/document/d/1Hh-MC2uxctT-oqQvwPIc7tUTEbOpzFHdJS2Y5l2Go6g/edit" },
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/corp/drive/u/0/folders/0BzW5bSyKst8JRFJXWTZjMXY5MDQ" },
    { CONVENE_LINK_RECORDINGS, "YouTube",
      "https://www.youtube.com/watch?v=yEKFNAeHrBA&list=PL7wB27eZmdfe2819aE1NawcPeWZanM-26" },
  };
  static const ExpectedLead policies[] = {
    { "douglas-reid", "Douglas Reid", "Google", "douglas-reid",
      "https://avatars2.githubusercontent.com/u/21148125?s=400&v=4",
      "https://github.com/douglas-reid" },
    { "mandarjog", "Mandar Jog", "Google", "mandarjog", NULL, "https://github.com/mandarjog" },
  };
  static const ExpectedLead performance[] = {
    { "ldemailly", "Laurent Demailly", "Google", "ldemailly",
      "https://avatars0.githubusercontent.com/u/3664595?s=400&v=4",
      "https://github.com/ldemailly" },
    /* Surya has a profile by now */
    { "suryadu", "Surya V Duggirala", "IBM", "suryadu",
      "https://avatars0.githubusercontent.com/u/13684010?s=400&v=4",
      "https://github.com/suryadu" },
  };
  static const char * const policies_topics[] = {
    "Mixer", "Mixer Adapters", "Rate Limiting", "Tracing", "Monitoring", "Logging", NULL
  };
  static const char * const expected_issues[] = {
    "94: “Christopher Luciano” has the same GitHub login “cmluciano” as “Christopher M Luciano” "
    "above; the first name is kept",
    "95: the profile link of Kuat Yessenov points to “githun.com”, which looks like a "
    "misspelling of github.com; the URL is kept as written",
    NULL
  };
  ConveneMeeting *meeting;

  assert_groups (registry, groups);
  g_assert_cmpstrv (lines, expected_issues);
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, "2018-03-27");

  assert_run (convene_community_get_new_group (community), 0, 1, "istio-tech-oversight",
              "https://groups.google.com/forum/#!forum/istio-tech-oversight");

  assert_links (convene_group_get_links (lookup_group (registry, "api-management")),
                api_management, G_N_ELEMENTS (api_management));
  assert_leads (lookup_group (registry, "policies-and-telemetry"), policies,
                G_N_ELEMENTS (policies));
  assert_leads (lookup_group (registry, "performance-and-scalability"), performance,
                G_N_ELEMENTS (performance));
  assert_topics (lookup_group (registry, "policies-and-telemetry"), policies_topics);

  meeting = meeting_at (convene_group_get_meetings (lookup_group (registry, "config")), 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Thursdays at 10:15 PT - Weekly");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://istio.zoom.us/j/265257472");

  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 17);
}

/* 2026: one groups table, one shared meeting, one leads table */

static void
test_2026_groups (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (TODAY_2026, ISTIO_BASE_URL, NULL);
  ConveneCommunity *community = convene_registry_get_community (registry);
  ConveneRichText *intro = convene_community_get_intro (community);
  static const char * const groups[] = {
    "docs", "Docs",
    "environments", "Environments",
    "networking", "Networking",
    "extensions-and-telemetry", "Extensions and Telemetry",
    "product-security", "Product Security",
    "security", "Security",
    "test-and-release", "Test and Release",
    "user-experience", "User Experience",
    NULL
  };
  static const ExpectedLink docs[] = {
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/drive/folders/16Alb6m30ypLbz3iVv2OTjpqUHO8NJIUv" },
    { CONVENE_LINK_SLACK, "#docs", "https://istio.slack.com/messages/C50V5EATT/" },
  };
  static const ExpectedLink product_security[] = {
    { CONVENE_LINK_FOLDER, "Folder",
      "https://drive.google.com/drive/folders/16gnkbCgO18zkMIk_IHrE_QV2EFqFWe4R" },
    /* In the Slack column, but not Slack */
    { CONVENE_LINK_OTHER, "Report a vulnerability",
      "https://istio.io/about/security-vulnerabilities/" },
  };
  static const ExpectedLink user_experience[] = {
    { CONVENE_LINK_FOLDER, "UX",
      "https://drive.google.com/drive/folders/16CplcqFZTT-5WXDkpi443-ly2RnnA3C5" },
    { CONVENE_LINK_SLACK, "#user-experience", "https://istio.slack.com/messages/CFTRP8NTW/" },
  };
  static const char * const no_topics[] = { NULL };
  ConveneGroup *environments;

  assert_groups (registry, groups);
  g_assert_cmpstr (convene_community_get_name (community), ==, "Istio");
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, "2026-08-20");

  assert_links (convene_group_get_links (lookup_group (registry, "docs")), docs,
                G_N_ELEMENTS (docs));
  assert_links (convene_group_get_links (lookup_group (registry, "product-security")),
                product_security, G_N_ELEMENTS (product_security));
  assert_links (convene_group_get_links (lookup_group (registry, "user-experience")),
                user_experience, G_N_ELEMENTS (user_experience));

  /* The Description column is the description, as written */
  environments = lookup_group (registry, "environments");
  g_assert_cmpstr (convene_group_get_description (environments), ==,
                   "Raw VM support, Hybrid Mesh, Mac/Windows support, Cloud Foundry integration");
  assert_topics (environments, no_topics);
  g_assert_cmpstr (convene_group_get_description (lookup_group (registry, "product-security")),
                   ==, "Product Security: Vulnerability, security guidelines, threats");

  /* The design docs: the "team drive" link, not the access group */
  g_assert_cmpstr (convene_community_get_design_docs_url (community), ==,
                   "https://drive.google.com/drive/folders/1l_zqgBq_yfc1PfbJiWsFubXBtAz22sau");
  assert_run (convene_community_get_new_group (community), 0, 1, "Istio Slack",
              "https://slack.istio.io/");
  g_assert_cmpuint (convene_rich_text_get_n_paragraphs (intro), ==, 4);
  assert_run (intro, 3, 1, "this link", "https://slack.istio.io/");
}

static void
test_2026_meeting (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (TODAY_2026, ISTIO_BASE_URL, NULL);
  ConveneCommunity *community = convene_registry_get_community (registry);
  GListModel *meetings = convene_community_get_meetings (community);
  ConveneMeeting *meeting;
  static const ExpectedLink links[] = {
    /* "here" says nothing: no label */
    { CONVENE_LINK_NOTES, NULL,
      "https://docs.google.com/document/d/1wsa06GGiq1LEGwhkiPP0FKIZJqdAiue-VeBonWAzAyk/edit" },
    { CONVENE_LINK_CALENDAR, "calendar",
      "https://calendar.google.com/calendar/u/0/embed?src=c_fe9cd8d091d0d4d2818d01a930dc925f00d4"
      "f97995efe50a8d72512b241568f5@group.calendar.google.com" },
    { CONVENE_LINK_CALENDAR, "an ICS file",
      "https://calendar.google.com/calendar/ical/c_fe9cd8d091d0d4d2818d01a930dc925f00d4f97995efe"
      "50a8d72512b241568f5%40group.calendar.google.com/public/basic.ics" },
    { CONVENE_LINK_CALENDAR, "working group event calendar",
      "https://calendar.google.com/calendar/u/1?cid=c_fe9cd8d091d0d4d2818d01a930dc925f00d4f9799"
      "5efe50a8d72512b241568f5@group.calendar.google.com" },
    { CONVENE_LINK_FORUM, "istio-working-group-calendar-invites@",
      "https://groups.google.com/forum/#!forum/istio-working-group-calendar-invites" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = meeting_at (meetings, 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Wednesdays at 9:00 AM PST");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://meet.google.com/qza-pfbq-wne");
  g_assert_cmpstr (convene_meeting_get_calendar_url (meeting), ==, links[2].url);
  g_assert_true (convene_meeting_has_schedule (meeting));
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_WEDNESDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 9 * 60);
  /* "share a weekly meeting" */
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 1);

  assert_links (convene_community_get_links (community), links, G_N_ELEMENTS (links));

  /* The groups share the community's meeting; they have none of their own */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      GListModel *group_meetings = convene_group_get_meetings (group_at (registry, i));

      g_assert_cmpuint (g_list_model_get_n_items (group_meetings), ==, 0);
    }
}

static void
test_2026_leads (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (TODAY_2026, ISTIO_BASE_URL, NULL);
  static const ExpectedLead networking[] = {
    /* "Networking - Control Plane" */
    { "ramaraochavali", "Rama Chavali", "Salesforce", "ramaraochavali", NULL,
      "https://github.com/ramaraochavali" },
    { "howardjohn", "John Howard", "Solo.io", "howardjohn",
      "https://avatars1.githubusercontent.com/u/623453?s=400&v=4",
      "https://github.com/howardjohn" },
    { "stevenctl", "Steven Landow", "Solo.io", "stevenctl", NULL,
      "https://github.com/stevenctl" },
  };
  static const ExpectedLead extensions[] = {
    { "zirain", "Jianpeng He", "Tetrate", "zirain", NULL, "https://github.com/zirain" },
    /* "Security, Extensions and Telemetry" */
    { "lei-tang", "Lei Tang", "Google", "lei-tang", NULL, "https://github.com/lei-tang" },
  };
  static const ExpectedLead security[] = {
    { "lei-tang", "Lei Tang", "Google", "lei-tang", NULL, "https://github.com/lei-tang" },
  };
  static const ExpectedLead product_security[] = {
    { "dhawton", "Daniel Hawton", "Solo.io", "dhawton",
      "https://avatars.githubusercontent.com/u/1330566?v=4", "https://github.com/dhawton" },
    { "jaellio", "Jackie Maertens (Elliot)", "Microsoft", "jaellio",
      "https://avatars.githubusercontent.com/u/64559656?v=4", "https://github.com/jaellio" },
  };
  static const ExpectedLead user_experience[] = {
    { "therealmitchconnors", "Mitch Connors", "Microsoft", "therealmitchconnors",
      "https://avatars3.githubusercontent.com/u/821270?s=80&v=4",
      "https://github.com/therealmitchconnors" },
  };
  static const char * const lei_tang[] = { "extensions-and-telemetry", "security", NULL };

  assert_leads (lookup_group (registry, "networking"), networking, G_N_ELEMENTS (networking));
  assert_leads (lookup_group (registry, "extensions-and-telemetry"), extensions,
                G_N_ELEMENTS (extensions));
  assert_leads (lookup_group (registry, "security"), security, G_N_ELEMENTS (security));
  assert_leads (lookup_group (registry, "product-security"), product_security,
                G_N_ELEMENTS (product_security));
  assert_leads (lookup_group (registry, "user-experience"), user_experience,
                G_N_ELEMENTS (user_experience));
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (
                      lookup_group (registry, "docs"))), ==, 0);

  assert_person_leads (registry, "lei-tang", lei_tang);
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 10);
}

static void
test_2026_warnings (void)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = import_fixture (TODAY_2026, ISTIO_BASE_URL, &issues);
  g_auto(GStrv) lines = issue_lines (issues, FALSE);
  static const char * const expected[] = {
    "31: Slack Channel of Product Security: “https://istio.io/about/security-vulnerabilities/” "
    "is not a Slack link; imported as another link",
    /* The sub-area is not dropped silently */
    "64: “Networking - Control Plane” is imported as a lead of Networking; the sub-area "
    "“Control Plane” has no place in the registry",
    "69: “Networking - Control Plane” is imported as a lead of Networking; the sub-area "
    "“Control Plane” has no place in the registry",
    /* The table of contents names a section the file does not have */
    "8: the table of contents links to “#getting-in-touch”, but no heading has that anchor",
    NULL
  };

  g_assert_cmpstrv (lines, expected);
}

/* Small documents for each rule */

static void
test_unmappable (void)
{
  static const char text[] =
    "# Example Working Groups\n"                                             /* 1 */
    "\n"
    "Intro text.\n"                                                          /* 3 */
    "\n"
    "* a list that is not a table of contents\n"                             /* 5 */
    "\n"
    "## Alpha\n"                                                             /* 7 */
    "\n"
    "Topic one, topic two\n"                                                 /* 9 */
    "\n"
    "Artifact | Link\n"                                                      /* 11 */
    "---|---\n"
    "Forum | [alpha@](https://groups.example.com/alpha)\n"                   /* 13 */
    "Mailing Archive | [archive](https://lists.example.com/alpha)\n"         /* 14 */
    "Meeting Notes | no link here\n"                                         /* 15 */
    "Community Meeting VC | [Sometime soon](https://meet.example.com/a)\n"   /* 16 */
    "Team Wiki | [wiki](https://wiki.example.com/alpha)\n"                   /* 17 */
    "Slack | [#alpha](https://example.slack.com/messages/ALPHA/) | spare\n"  /* 18 */
    "Recorded Meetings | [YouTube](https://www.youtube.com/alpha)\n"         /* 19 */
    "\n"
    "&nbsp; | Leads | Company | Profile | Favourite Colour\n"                 /* 21 */
    "---|---|---|---|---\n"
    "<img src=\"https://example.com/a.png\"> | Ada Lovelace | Analytical | "
    "[ada](https://github.com/ada) | blue\n"                                  /* 23 */
    "&nbsp; | &nbsp; | Nobody Inc | n/a | red\n"                              /* 24 */
    "not an image | Bob Example | Example | @bob | green\n"                   /* 25 */
    "\n"
    "Colour | Count\n"                                                       /* 27 */
    "---|---\n"
    "red | 1\n"
    "\n"
    "A closing remark that is not a sentence\n"                              /* 31 */
    "\n"
    "```\n"                                                                  /* 33 */
    "code\n"
    "```\n"
    "\n"
    "## Getting in touch\n"                                                  /* 37 */
    "\n"
    "Write to us.\n";
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = import_text (text, NULL, &issues);
  g_auto(GStrv) lines = issue_lines (issues, FALSE);
  static const char * const groups[] = { "alpha", "Alpha", NULL };
  static const char * const topics[] = { "Topic one", "topic two", NULL };
  static const ExpectedLink links[] = {
    { CONVENE_LINK_FORUM, "alpha@", "https://groups.example.com/alpha" },
    { CONVENE_LINK_OTHER, "archive", "https://lists.example.com/alpha" },
    { CONVENE_LINK_MEETING, "Sometime soon", "https://meet.example.com/a" },
    { CONVENE_LINK_WIKI, "wiki", "https://wiki.example.com/alpha" },
    { CONVENE_LINK_SLACK, "#alpha", "https://example.slack.com/messages/ALPHA/" },
    { CONVENE_LINK_RECORDINGS, "YouTube", "https://www.youtube.com/alpha" },
  };
  static const ExpectedLead leads[] = {
    { "ada", "Ada Lovelace", "Analytical", "ada", "https://example.com/a.png",
      "https://github.com/ada" },
    { "bob-example", "Bob Example", "Example", NULL, NULL, NULL },
  };
  static const char * const expected[] = {
    "5: this list is not imported",
    "14: artifact “Mailing Archive” is not a known kind; imported as another link",
    "15: artifact “Meeting Notes” has no link (“no link here”); row not imported",
    "18: this row has more cells than the table has columns; the extra cells are not "
    "imported",
    "16: cannot understand the meeting time “Sometime soon”",
    "21: column “Favourite Colour” of this table is not imported",
    "24: this lead has no name; row not imported",
    "25: “not an image” is not an avatar image; not imported",
    "25: profile “@bob” is not a link; not imported",
    "27: this table is neither an artifacts nor a leads table; not imported",
    "33: this code block is not imported",
    "37: section “Getting in touch” has no artifacts or leads table, so it is not a working "
    "group; not imported",
    NULL
  };
  ConveneGroup *alpha;

  g_assert_cmpstrv (lines, expected);
  assert_groups (registry, groups);
  alpha = lookup_group (registry, "alpha");
  assert_topics (alpha, topics);
  assert_links (convene_group_get_links (alpha), links, G_N_ELEMENTS (links));
  assert_leads (alpha, leads, G_N_ELEMENTS (leads));

  /* A paragraph after the tables is kept, as description */
  g_assert_cmpstr (convene_group_get_description (alpha), ==,
                   "A closing remark that is not a sentence");

  /* The meeting is kept even when its time is not understood */
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (alpha)), ==, 1);
  g_assert_false (convene_meeting_has_schedule (
                    meeting_at (convene_group_get_meetings (alpha), 0)));
  g_assert_cmpstr (convene_community_get_name (convene_registry_get_community (registry)), ==,
                   "Example");
}

static void
test_loose_groups (void)
{
  static const char text[] =
    "# Example Working Groups\n"                                                   /* 1 */
    "\n"
    "| Group | Design Docs | Slack Channel | Description | Chair\n"                  /* 3 */
    "|---|---|---|---|---\n"
    "| Test & Release | [Folder](https://drive.example.com/tr) | "
    "[#tr](https://example.slack.com/messages/TR/) | Build, test, release | Ann\n"  /* 5 */
    "| Networking | | | Traffic |\n"                                               /* 6 */
    "| Security | [Docs](docs/security) | #security | Auth |\n"                     /* 7 */
    "| Ambient (Beta) | | | |\n"                                                   /* 8 */
    "| Docs | | | |\n"                                                             /* 9 */
    "| docs | | | |\n"                                                             /* 10 */
    "\n"
    "## Working group meetings\n"                                                  /* 12 */
    "\n"
    "We meet every other Tuesday at 10:00 PT; join [here](https://zoom.us/j/123).\n" /* 14 */
    "Minutes are [on the wiki](https://wiki.example.com/minutes).\n"               /* 15 */
    "\n"
    "## Working group leads\n"                                                     /* 17 */
    "\n"
    "Our leads:\n"                                                                 /* 19 */
    "\n"
    "&nbsp; | Name | Company | Groups\n"                                            /* 21 */
    "---|---|---|---\n"
    "&nbsp; | [Ada](https://github.com/ada) | A | test and release\n"              /* 23 */
    "&nbsp; | [Bob](https://github.com/bob) | B | Security and Networking\n"       /* 24 */
    "&nbsp; | [Cy](https://github.com/cy) | C | Networking (Data Plane), Docs\n"   /* 25 */
    "&nbsp; | [Di](https://github.com/di) | D | Ambient (Beta)\n"                  /* 26 */
    "&nbsp; | [Ed](https://gitlab.com/ed) | E | Nothing Here\n"                    /* 27 */
    "&nbsp; | [Ada](https://github.com/ada) | A2 | Test and Release\n"             /* 28 */
    "\n"
    "Thanks to all of them.\n"                                                     /* 30 */
    "\n"
    "## Getting in touch\n"                                                        /* 32 */
    "\n"
    "Say hi.\n";
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = import_text (text, "https://example.com/community/",
                                                     &issues);
  g_auto(GStrv) lines = issue_lines (issues, FALSE);
  static const char * const groups[] = {
    "test-release", "Test & Release",
    "networking", "Networking",
    "security", "Security",
    "ambient-beta", "Ambient (Beta)",
    "docs", "Docs",
    NULL
  };
  static const char * const expected[] = {
    "3: column “Chair” of this table is not imported",
    "7: Slack Channel of Security: “#security” is not a link; not imported",
    "10: group “docs” appears twice; the second is not imported",
    "15: the meetings section links to “https://wiki.example.com/minutes”, which is neither a "
    "call, notes nor a calendar; imported as another link",
    "25: “Networking (Data Plane)” is imported as a lead of Networking; the sub-area "
    "“Data Plane” has no place in the registry",
    "27: “Nothing Here” does not name a working group of this file",
    "27: Ed leads no working group of this file; row not imported",
    "28: Ada: this company “A2” differs from “A” above; the first is kept",
    "28: Ada is already a lead of Test & Release",
    "30: this paragraph is not imported",
    "32: section “Getting in touch” is not imported",
    NULL
  };
  static const ExpectedLink security[] = {
    { CONVENE_LINK_FOLDER, "Docs", "https://example.com/community/docs/security" },
  };
  ConveneCommunity *community = convene_registry_get_community (registry);
  ConveneMeeting *meeting;
  g_autoptr(ConveneLink) minutes = NULL;

  g_assert_cmpstrv (lines, expected);
  assert_groups (registry, groups);

  /* Relative links resolve against the base URL */
  assert_links (convene_group_get_links (lookup_group (registry, "security")), security,
                G_N_ELEMENTS (security));

  meeting = meeting_at (convene_community_get_meetings (community), 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "every other Tuesday at 10:00 PT");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://zoom.us/j/123");
  g_assert_null (convene_meeting_get_calendar_url (meeting));
  minutes = g_list_model_get_item (convene_community_get_links (community), 0);
  g_assert_cmpint (convene_link_get_kind (minutes), ==, CONVENE_LINK_OTHER);
  g_assert_cmpstr (convene_link_get_label (minutes), ==, "on the wiki");

  /* "&" and "and" match; lists split only where every part is a group */
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (
                      lookup_group (registry, "test-release"))), ==, 1);
  assert_person_leads (registry, "bob", (const char * const []) { "networking", "security", NULL });
  assert_person_leads (registry, "cy", (const char * const []) { "networking", "docs", NULL });
  /* A whole name wins over the "(sub-area)" reading */
  assert_person_leads (registry, "di", (const char * const []) { "ambient-beta", NULL });
  g_assert_null (convene_registry_lookup_person (registry, "ed"));
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 4);
}

static void
test_profiles (void)
{
  static const char text[] =
    "# Example Working Groups\n"                                                     /* 1 */
    "\n"
    "## Alpha\n"                                                                     /* 3 */
    "\n"
    "&nbsp; | Leads | Company | Profile\n"                                           /* 5 */
    "---|---|---|---\n"
    "&nbsp; | Ann One | A | [ann](https://www.github.com/ann)\n"                      /* 7 */
    "&nbsp; | Bo Two | B | [bo](https://gtihub.com/bo)\n"                            /* 8 */
    "&nbsp; | Cy Three | C | [cy](https://gitlab.com/cy)\n"                          /* 9 */
    "&nbsp; | Di Four | D | [di](https://github.com/istio/istio)\n"                  /* 10 */
    "&nbsp; | Ed Five | E | [eddie](https://github.com/ed)\n"                        /* 11 */
    "&nbsp; | Fay Six | F | [fay](https://fay.github.io/)\n"                         /* 12 */
    "&nbsp; | Ann One | A | n/a\n"                                                   /* 13 */
    "&nbsp; | Gus Seven | G | [gus](profiles/gus)\n"                                 /* 14 */
    "\n"
    "## Beta\n"                                                                      /* 16 */
    "\n"
    "&nbsp; | Leads | Company | Profile\n"                                           /* 18 */
    "---|---|---|---\n"
    "&nbsp; | Cy three | C | n/a\n"                                                   /* 20 */
    "&nbsp; | Gus Seven | G | n/a\n";                                                /* 21 */
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = import_text (text, NULL, &issues);
  g_auto(GStrv) lines = issue_lines (issues, FALSE);
  static const ExpectedLead alpha[] = {
    { "ann", "Ann One", "A", "ann", NULL, "https://www.github.com/ann" },
    { "bo", "Bo Two", "B", "bo", NULL, "https://gtihub.com/bo" },
    /* Another host is a profile, but gives no login */
    { "cy-three", "Cy Three", "C", NULL, NULL, "https://gitlab.com/cy" },
    { "di-four", "Di Four", "D", NULL, NULL, "https://github.com/istio/istio" },
    /* The URL is trusted over the link text */
    { "ed", "Ed Five", "E", "ed", NULL, "https://github.com/ed" },
    { "fay-six", "Fay Six", "F", NULL, NULL, "https://fay.github.io/" },
    { "gus-seven", "Gus Seven", "G", NULL, NULL, NULL },
  };
  static const char * const expected[] = {
    "8: the profile link of Bo Two points to “gtihub.com”, which looks like a misspelling of "
    "github.com; the URL is kept as written",
    "10: “https://github.com/istio/istio” is not a GitHub profile page; no GitHub login taken",
    "11: the profile link text “eddie” differs from the GitHub login “ed” of its URL; the URL "
    "is trusted",
    "13: Ann One is already a lead of Alpha",
    "14: relative link “profiles/gus” needs a base URL to be resolved; kept as plain text",
    "20: “Cy three” is taken to be “Cy Three” above; the first spelling is kept",
    NULL
  };

  g_assert_cmpstrv (lines, expected);
  assert_leads (lookup_group (registry, "alpha"), alpha, G_N_ELEMENTS (alpha));
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 7);

  /* Without a login, the same name is the same person */
  assert_person_leads (registry, "cy-three", (const char * const []) { "alpha", "beta", NULL });
  assert_person_leads (registry, "gus-seven", (const char * const []) { "alpha", "beta", NULL });
}

static void
test_source (void)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  static const char text[] =
    "# Example Working Groups\n\n## Alpha\n\nArtifact | Link\n---|---\n"
    "Forum | [a](https://groups.example.com/a)\n";

  /* A directory is dropped; a file name without a date gives today */
  registry = convene_markdown_import (text, -1, "/some/where/WORKING-GROUPS.md", NULL, NULL,
                                      NULL);
  g_assert_nonnull (registry);
  g_assert_cmpstr (convene_registry_get_source_kind (registry), ==, "markdown");
  g_assert_cmpstr (convene_registry_get_source_location (registry), ==, "WORKING-GROUPS.md");
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, today);
  g_clear_object (&registry);

  /* An impossible date is not a date */
  registry = convene_markdown_import (text, -1, "groups-2023-02-30.md", NULL, NULL, NULL);
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, today);
  g_clear_object (&registry);

  registry = convene_markdown_import (text, -1, "groups-2023-02-28.md", NULL, NULL, NULL);
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, "2023-02-28");
  g_clear_object (&registry);

  /* No file at all */
  registry = convene_markdown_import (text, strlen (text), NULL, NULL, NULL, NULL);
  g_assert_null (convene_registry_get_source_location (registry));
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, today);
}

/* Errors */

/* Texts over the registry's limits (convene-limits.h) are left out, each
 * with a warning at its cell, so that what the importer writes loads.
 */
/* A name at the limit makes an id the loader accepts: what the importer
 * writes always loads again (found by the Markdown fuzz target).
 */
static void
test_long_name_id (void)
{
  g_autoptr(GString) md = g_string_new ("# Working Groups\n\n");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(ConveneRegistry) imported = NULL;
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) load_issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneGroup) group = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* 199 characters: "a b c …", so the id would be the same length */
  for (guint i = 0; name->len < 199; i++)
    g_string_append (name, name->len > 0 ? " w" : "w");
  g_string_append_printf (md, "## %s\n\n| Artifact | Link |\n|-|-|\n"
                          "| Forum | https://example.org/forum |\n", name->str);

  imported = convene_markdown_import (md->str, -1, "long.md", NULL, &issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (imported)), ==, 1);
  group = g_list_model_get_item (G_LIST_MODEL (imported), 0);
  g_assert_cmpint (g_utf8_strlen (convene_group_get_id (group), -1), <=, 100);
  g_assert_false (g_str_has_suffix (convene_group_get_id (group), "-"));

  json = convene_registry_to_json (imported);
  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "long.json", &load_issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_nonnull (convene_registry_lookup_group (loaded, convene_group_get_id (group)));
}

static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *long_name = g_strnfill (201, 'n');
  g_autofree char *too_long = g_strnfill (10001, 'd');
  g_autofree char *longest = g_strnfill (10000, 'd');
  g_autofree char *long_company = g_strnfill (201, 'c');
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) loaded_issues = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *json = NULL;
  ConvenePerson *ada;
  static const char * const groups[] = {
    "networking", "Networking",
    "security", "Security",
    NULL
  };
  /* A cell starts just after its bar, as cmark-gfm counts. */
  static const char * const expected_lines[] = {
    "5:15: the description is longer than 10000 characters; not imported",
    "6:2: the group name is longer than 200 characters; not imported",
    "13:41: the company is longer than 200 characters; not imported",
    NULL
  };

  g_string_append (text, "# Example Working Groups\n\n");                          /* 1 */
  g_string_append (text, "| Group | Description |\n|---|---|\n");                  /* 3 */
  g_string_append_printf (text, "| Networking | %s |\n", too_long);                 /* 5 */
  g_string_append_printf (text, "| %s | Short |\n", long_name);                     /* 6 */
  g_string_append_printf (text, "| Security | %s |\n", longest);                    /* 7 */
  g_string_append (text, "\n## Working group leads\n\n");                           /* 9 */
  g_string_append (text, "&nbsp; | Name | Company | Groups\n---|---|---|---\n");    /* 11 */
  g_string_append_printf (text, "&nbsp; | [Ada](https://github.com/ada) | %s | Networking\n",
                          long_company);                                           /* 13 */

  registry = import_text (text->str, NULL, &issues);
  lines = issue_lines (issues, TRUE);
  g_assert_cmpstrv (lines, expected_lines);
  assert_groups (registry, groups);

  /* What fits is kept whole, up to the last character allowed. */
  g_assert_null (convene_group_get_description (lookup_group (registry, "networking")));
  g_assert_cmpstr (convene_group_get_description (lookup_group (registry, "security")), ==,
                   longest);
  ada = convene_registry_lookup_person (registry, "ada");
  g_assert_nonnull (ada);
  g_assert_null (convene_person_get_company (ada));

  /* And the loader, with the same limits, takes it all. */
  json = convene_registry_to_json (registry);
  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "imported.json", &loaded_issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
}

static void
test_error_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;

  registry = convene_markdown_import_file ("/nonexistent/WORKING-GROUPS.md", NULL, &issues,
                                           &error);
  g_assert_null (registry);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/WORKING-GROUPS.md"));
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

static void
test_error_invalid_utf8 (void)
{
  static const char text[] = "# Example Working Groups\n\nFine.\nBad: \xc3\x28 here\n";
  static const char nul[] = "# Example\n\nA\0B\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;

  registry = convene_markdown_import (text, -1, "bad.md", NULL, NULL, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 on line 4, column 6");
  g_clear_error (&error);

  /* A NUL byte inside the given length is not text either */
  registry = convene_markdown_import (nul, sizeof nul - 1, "nul.md", NULL, NULL, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 on line 3, column 2");
}

static void
test_error_no_groups (void)
{
  const char *documents[] = {
    "",
    "# Just a title\n",
    "# Project\n\n## Installation\n\nRun make.\n\n## Usage\n\nRun it.\n",
    "# Example Working Groups\n\nName | Value\n---|---\na | b\n",
    /* Deep nesting must not exhaust the stack: filled in below */
    NULL, NULL, NULL,
  };
  g_autoptr(GString) quotes = g_string_new ("# X Working Groups\n\n");
  g_autoptr(GString) links = g_string_new ("# X Working Groups\n\n");
  g_autoptr(GString) emphasis = g_string_new ("# X Working Groups\n\n");

  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (quotes, "> ");
      g_string_append_c (links, '[');
      g_string_append (emphasis, "*_");
    }
  g_string_append (quotes, "a\n");
  g_string_append_c (links, 'a');
  g_string_append_c (emphasis, 'a');
  for (guint i = 0; i < 100000; i++)
    {
      g_string_append (links, "](x)");
      g_string_append (emphasis, "_*");
    }
  g_string_append_c (links, '\n');
  g_string_append_c (emphasis, '\n');
  documents[G_N_ELEMENTS (documents) - 3] = quotes->str;
  documents[G_N_ELEMENTS (documents) - 2] = links->str;
  documents[G_N_ELEMENTS (documents) - 1] = emphasis->str;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      const char *text = documents[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;

      registry = convene_markdown_import (text, -1, "README.md", NULL, &issues, &error);
      g_assert_null (registry);
      g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "no working groups found"));
      g_assert_nonnull (issues);
    }
}

static void
test_error_base_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;

  registry = convene_markdown_import ("# X Working Groups\n", -1, "x.md", "community/docs/",
                                      NULL, &error);
  g_assert_null (registry);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "the base URL “community/docs/” is not an absolute URL");
}

static void
test_error_too_large (void)
{
  gsize size = CONVENE_MARKDOWN_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (size);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  int fd;

  memset (text, 'a', size);

  registry = convene_markdown_import (text, size, "big.md", NULL, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "the file is too large: "));
  g_assert_nonnull (strstr (error->message, "(4194305 bytes), more than the "));
  g_assert_true (g_str_has_suffix (error->message, "(4194304 bytes) a working groups file may "
                                   "have"));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* A file that large is refused before it is read */
  fd = g_file_open_tmp ("convene-markdown-XXXXXX.md", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, size, &error));
  g_assert_no_error (error);
  close (fd);

  registry = convene_markdown_import_file (path, NULL, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE);
  g_assert_nonnull (issues);
  g_unlink (path);
}

/* The bundled registry and the JSON round trip */

/* Compares two texts line by line, so a failure names the first line that
 * differs instead of printing both files
 */
static void
assert_same_lines (const char *actual,
                   const char *expected)
{
  g_auto(GStrv) actual_lines = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);
  guint i;

  for (i = 0; actual_lines[i] != NULL && expected_lines[i] != NULL; i++)
    {
      if (g_strcmp0 (actual_lines[i], expected_lines[i]) != 0)
        {
          g_test_message ("line %u differs", i + 1);
          g_assert_cmpstr (actual_lines[i], ==, expected_lines[i]);
        }
    }

  g_assert_cmpstr (actual_lines[i], ==, expected_lines[i]);
}

static char *
seed_json (void)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (SEED, ISTIO_BASE_URL, NULL);

  return convene_registry_to_json (registry);
}

static void
test_bundled (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"), "data", "registry",
                                            "istio.json", NULL);
  g_autofree char *bundled = NULL;
  g_autofree char *imported = seed_json ();
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &bundled, NULL, &error);
  g_assert_no_error (error);

  /* If this fails, regenerate the file:
   * convene --import-markdown tests/fixtures/istio/WORKING-GROUPS-2017-12-11.md \
   *   --base-url https://github.com/istio/community/blob/master/ \
   *   --output data/registry/istio.json
   */
  assert_same_lines (bundled, imported);
}

static void
assert_round_trip (const char *fixture)
{
  g_autoptr(ConveneRegistry) registry = import_fixture (fixture, ISTIO_BASE_URL, NULL);
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = convene_registry_to_json (registry);
  g_autofree char *again = NULL;

  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "imported.json", &issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (issues ? issues->len : 0, ==, 0);

  again = convene_registry_to_json (loaded);
  assert_same_lines (again, json);
}

static void
test_round_trip (void)
{
  assert_round_trip (SEED);
  assert_round_trip (SPRING_2018);
  assert_round_trip (TODAY_2026);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/seed/community", test_seed_community);
  g_test_add_func ("/markdown/seed/groups", test_seed_groups);
  g_test_add_func ("/markdown/seed/artifacts", test_seed_artifacts);
  g_test_add_func ("/markdown/seed/meetings", test_seed_meetings);
  g_test_add_func ("/markdown/seed/leads", test_seed_leads);
  g_test_add_func ("/markdown/seed/people", test_seed_people);
  g_test_add_func ("/markdown/seed/warnings", test_seed_warnings);
  g_test_add_func ("/markdown/2018", test_2018);
  g_test_add_func ("/markdown/2026/groups", test_2026_groups);
  g_test_add_func ("/markdown/2026/meeting", test_2026_meeting);
  g_test_add_func ("/markdown/2026/leads", test_2026_leads);
  g_test_add_func ("/markdown/2026/warnings", test_2026_warnings);
  g_test_add_func ("/markdown/unmappable", test_unmappable);
  g_test_add_func ("/markdown/loose-groups", test_loose_groups);
  g_test_add_func ("/markdown/profiles", test_profiles);
  g_test_add_func ("/markdown/source", test_source);
  g_test_add_func ("/markdown/limits", test_limits);
  g_test_add_func ("/markdown/limits/long-name-id", test_long_name_id);
  g_test_add_func ("/markdown/error/missing-file", test_error_missing_file);
  g_test_add_func ("/markdown/error/invalid-utf8", test_error_invalid_utf8);
  g_test_add_func ("/markdown/error/no-groups", test_error_no_groups);
  g_test_add_func ("/markdown/error/too-large", test_error_too_large);
  g_test_add_func ("/markdown/error/base-url", test_error_base_url);
  g_test_add_func ("/markdown/bundled", test_bundled);
  g_test_add_func ("/markdown/round-trip", test_round_trip);

  return g_test_run ();
}
