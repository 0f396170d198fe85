/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "convene-url.h"

/* Tests of the registry format v1: the loader's checks and the place of
 * each problem, hostile input, the writer's output, and round trips.
 * The inputs are in tests/data/registry/.
 */

typedef struct
{
  ConveneSeverity severity;
  guint line;
  guint column;
  const char *path;
  const char *message;   /* a part of the message */
} ExpectedIssue;

#define E CONVENE_SEVERITY_ERROR
#define W CONVENE_SEVERITY_WARNING

/* Helpers */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "registry", name, NULL);
}

static ConveneRegistry *
load_string (const char  *text,
             gssize       length,
             GPtrArray  **issues,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (length < 0)
    length = strlen (text);
  bytes = g_bytes_new (text, length);

  return convene_registry_load_from_bytes (bytes, "test.json", issues, error);
}

static void
assert_issues (GPtrArray           *issues,
               const char          *file,
               const ExpectedIssue *expected,
               guint                n_expected)
{
  g_assert_nonnull (issues);

  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *str = convene_issue_to_string (g_ptr_array_index (issues, i));

      g_test_message ("issue %u: %s", i, str);
    }

  g_assert_cmpuint (issues->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      g_assert_cmpint (issue->severity, ==, expected[i].severity);
      g_assert_cmpstr (issue->file, ==, file);
      g_assert_cmpuint (issue->line, ==, expected[i].line);
      g_assert_cmpuint (issue->column, ==, expected[i].column);
      g_assert_cmpstr (issue->path, ==, expected[i].path);
      if (strstr (issue->message, expected[i].message) == NULL)
        g_error ("issue %u: “%s” does not contain “%s”",
                 i, issue->message, expected[i].message);
    }
}

/* Loads tests/data/registry/@name, expects it to fail with @code and the
 * issues @expected, and checks that the error is the first one.
 */
static void
assert_load_fails (const char          *name,
                   int                  code,
                   const ExpectedIssue *expected,
                   guint                n_expected)
{
  g_autofree char *path = data_path (name);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  registry = convene_registry_load_from_file (path, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, code);
  assert_issues (issues, path, expected, n_expected);

  for (guint i = 0; i < issues->len && first == NULL; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == CONVENE_SEVERITY_ERROR)
        first = convene_issue_to_string (issue);
    }
  g_assert_cmpstr (error->message, ==, first);
}

/* Loads @text and expects a single error at @line:@column. */
static void
assert_syntax_error (const char *text,
                     gssize      length,
                     int         code,
                     guint       line,
                     guint       column,
                     const char *message)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  const ExpectedIssue expected[] = { { E, line, column, NULL, message } };

  registry = load_string (text, length, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, code);
  assert_issues (issues, "test.json", expected, 1);
}

static void
assert_rich_text_equal (ConveneRichText *a,
                        ConveneRichText *b)
{
  g_autofree char *markup_a = convene_rich_text_to_markup (a);
  g_autofree char *markup_b = convene_rich_text_to_markup (b);

  g_assert_cmpstr (markup_a, ==, markup_b);
}

static void
assert_links_equal (GListModel *a,
                    GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));

  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(ConveneLink) la = g_list_model_get_item (a, i);
      g_autoptr(ConveneLink) lb = g_list_model_get_item (b, i);

      g_assert_cmpint (convene_link_get_kind (la), ==, convene_link_get_kind (lb));
      g_assert_cmpstr (convene_link_get_label (la), ==, convene_link_get_label (lb));
      g_assert_cmpstr (convene_link_get_url (la), ==, convene_link_get_url (lb));
    }
}

static void
assert_meetings_equal (GListModel *a,
                       GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));

  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(ConveneMeeting) ma = g_list_model_get_item (a, i);
      g_autoptr(ConveneMeeting) mb = g_list_model_get_item (b, i);
      GDateTime *anchor_a = convene_meeting_get_anchor (ma);
      GDateTime *anchor_b = convene_meeting_get_anchor (mb);

      g_assert_cmpstr (convene_meeting_get_text (ma), ==, convene_meeting_get_text (mb));
      g_assert_cmpstr (convene_meeting_get_url (ma), ==, convene_meeting_get_url (mb));
      g_assert_cmpstr (convene_meeting_get_calendar_url (ma), ==,
                       convene_meeting_get_calendar_url (mb));
      g_assert_cmpint (convene_meeting_get_weekday (ma), ==, convene_meeting_get_weekday (mb));
      g_assert_cmpint (convene_meeting_get_start_minute (ma), ==,
                       convene_meeting_get_start_minute (mb));
      g_assert_cmpint (convene_meeting_get_end_minute (ma), ==,
                       convene_meeting_get_end_minute (mb));
      g_assert_cmpstr (convene_meeting_get_timezone (ma), ==, convene_meeting_get_timezone (mb));
      g_assert_cmpuint (convene_meeting_get_interval_weeks (ma), ==,
                        convene_meeting_get_interval_weeks (mb));
      g_assert_cmpint (convene_meeting_get_week_of_month (ma), ==,
                       convene_meeting_get_week_of_month (mb));
      g_assert_true ((anchor_a == NULL) == (anchor_b == NULL));
      if (anchor_a != NULL)
        g_assert_true (g_date_time_equal (anchor_a, anchor_b));
    }
}

static void
assert_registries_equal (ConveneRegistry *a,
                         ConveneRegistry *b)
{
  ConveneCommunity *ca = convene_registry_get_community (a);
  ConveneCommunity *cb = convene_registry_get_community (b);
  GListModel *people_a = convene_registry_get_people (a);
  GListModel *people_b = convene_registry_get_people (b);

  g_assert_cmpstr (convene_community_get_name (ca), ==, convene_community_get_name (cb));
  g_assert_cmpstr (convene_community_get_url (ca), ==, convene_community_get_url (cb));
  g_assert_cmpstr (convene_community_get_design_docs_url (ca), ==,
                   convene_community_get_design_docs_url (cb));
  assert_rich_text_equal (convene_community_get_intro (ca), convene_community_get_intro (cb));
  assert_rich_text_equal (convene_community_get_new_group (ca),
                          convene_community_get_new_group (cb));
  assert_links_equal (convene_community_get_links (ca), convene_community_get_links (cb));
  assert_meetings_equal (convene_community_get_meetings (ca), convene_community_get_meetings (cb));

  g_assert_cmpuint (g_list_model_get_n_items (people_a), ==, g_list_model_get_n_items (people_b));
  for (guint i = 0; i < g_list_model_get_n_items (people_a); i++)
    {
      g_autoptr(ConvenePerson) pa = g_list_model_get_item (people_a, i);
      g_autoptr(ConvenePerson) pb = g_list_model_get_item (people_b, i);

      g_assert_cmpstr (convene_person_get_id (pa), ==, convene_person_get_id (pb));
      g_assert_cmpstr (convene_person_get_name (pa), ==, convene_person_get_name (pb));
      g_assert_cmpstr (convene_person_get_company (pa), ==, convene_person_get_company (pb));
      g_assert_cmpstr (convene_person_get_github (pa), ==, convene_person_get_github (pb));
      g_assert_cmpstr (convene_person_get_profile_url (pa), ==,
                       convene_person_get_profile_url (pb));
      g_assert_cmpstr (convene_person_get_avatar_url (pa), ==,
                       convene_person_get_avatar_url (pb));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (b)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (a)); i++)
    {
      g_autoptr(ConveneGroup) ga = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(ConveneGroup) gb = g_list_model_get_item (G_LIST_MODEL (b), i);
      GListModel *leads_a = convene_group_get_leads (ga);
      GListModel *leads_b = convene_group_get_leads (gb);

      g_assert_cmpstr (convene_group_get_id (ga), ==, convene_group_get_id (gb));
      g_assert_cmpstr (convene_group_get_name (ga), ==, convene_group_get_name (gb));
      g_assert_cmpstrv (convene_group_get_topics (ga), convene_group_get_topics (gb));
      g_assert_cmpstr (convene_group_get_description (ga), ==, convene_group_get_description (gb));
      assert_links_equal (convene_group_get_links (ga), convene_group_get_links (gb));
      assert_meetings_equal (convene_group_get_meetings (ga), convene_group_get_meetings (gb));

      g_assert_cmpuint (g_list_model_get_n_items (leads_a), ==, g_list_model_get_n_items (leads_b));
      for (guint j = 0; j < g_list_model_get_n_items (leads_a); j++)
        {
          g_autoptr(ConveneLead) la = g_list_model_get_item (leads_a, j);
          g_autoptr(ConveneLead) lb = g_list_model_get_item (leads_b, j);
          ConvenePerson *pb;

          g_assert_cmpstr (convene_person_get_id (convene_lead_get_person (la)), ==,
                           convene_person_get_id (convene_lead_get_person (lb)));
          g_assert_cmpint (convene_lead_get_role (la), ==, convene_lead_get_role (lb));
          /* A lead is the registry's person, not a copy. */
          pb = convene_lead_get_person (lb);
          g_assert_true (pb == convene_registry_lookup_person (b, convene_person_get_id (pb)));
        }
    }

  g_assert_cmpstr (convene_registry_get_source_kind (a), ==, convene_registry_get_source_kind (b));
  g_assert_cmpstr (convene_registry_get_source_location (a), ==,
                   convene_registry_get_source_location (b));
  g_assert_cmpstr (convene_registry_get_source_date (a), ==, convene_registry_get_source_date (b));
}

static ConveneGroup *
get_group (ConveneRegistry *registry,
           guint            position)
{
  g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), position);

  g_assert_nonnull (group);
  return group;   /* the registry keeps it alive */
}

static void
add_lead (ConveneGroup  *group,
          ConvenePerson *person,
          ConveneRole    role)
{
  g_autoptr(ConveneLead) lead = convene_lead_new (person, role);

  convene_group_add_lead (group, lead);
}

/* A registry with every field of the format set, built in code. */
static ConveneRegistry *
build_full_registry (void)
{
  static const ConveneLinkKind kinds_in_v2_order[] = {
    CONVENE_LINK_FORUM, CONVENE_LINK_MEETING, CONVENE_LINK_CALENDAR, CONVENE_LINK_NOTES,
    CONVENE_LINK_FOLDER, CONVENE_LINK_RECORDINGS, CONVENE_LINK_WIKI, CONVENE_LINK_OTHER,
    CONVENE_LINK_CHARTER, CONVENE_LINK_SLACK, CONVENE_LINK_MATRIX, CONVENE_LINK_ZULIP,
    CONVENE_LINK_DISCORD, CONVENE_LINK_IRC, CONVENE_LINK_MAILING_LIST,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (kinds_in_v2_order) == CONVENE_LINK_N_KINDS);
  g_autoptr(ConveneCommunity) community = convene_community_new ("Istio \"Service Mesh\"");
  g_autoptr(ConveneRichText) intro = convene_rich_text_new ();
  g_autoptr(ConveneRichText) new_group = convene_rich_text_new ();
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConvenePerson) lin = convene_person_new ("linsun", "Lin Sun");
  g_autoptr(ConvenePerson) martin = convene_person_new ("geeknoid", "Martin Taillefer");
  g_autoptr(ConvenePerson) dan = convene_person_new ("dan-berg", "Dan Berg");
  g_autoptr(ConveneGroup) steering = convene_group_new ("steering", "Steering");
  g_autoptr(ConveneGroup) api = convene_group_new ("api-management", "API Management");
  g_autoptr(ConveneGroup) empty = convene_group_new ("empty", "Empty");
  g_autoptr(ConveneMeeting) shared = convene_meeting_new ("Every other Wednesday at 10:00 PT");
  g_autoptr(ConveneMeeting) biweekly = convene_meeting_new ("Wednesdays at 13:00 PT - Biweekly");
  g_autoptr(ConveneMeeting) monthly = convene_meeting_new ("Last Thursday at 16:00 UTC");
  g_autoptr(ConveneMeeting) adhoc = convene_meeting_new ("Ad hoc,\tas \\needed\\\n(see notes)");
  g_autoptr(GTimeZone) pacific = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autoptr(GDateTime) anchor = g_date_time_new (pacific, 2017, 12, 20, 13, 0, 0);
  g_autoptr(GDateTime) shared_anchor = g_date_time_new_utc (2026, 1, 7, 18, 0, 0);
  const char * const topics[] = {
    "API Keys", "Content Mediation", "OpenAPI “Ingestion”", NULL
  };
  ConveneLinkKind kind;

  convene_rich_text_append (intro, "Most community activity is organized into ", NULL);
  convene_rich_text_append (intro, "working groups", "https://istio.io/about/community/");
  convene_rich_text_append (intro, ".", NULL);
  convene_rich_text_add_paragraph (intro);
  convene_rich_text_append (intro, "Ünïcödé, emoji 🚢 and a control \x01 character.", NULL);
  convene_community_set_intro (community, intro);
  convene_rich_text_append (new_group, "Contact ", NULL);
  convene_rich_text_append (new_group, "istio-steering", "mailto:istio-steering@googlegroups.com");
  convene_community_set_new_group (community, new_group);
  convene_community_set_url (community, "https://github.com/istio/community");
  convene_community_set_design_docs_url (community,
                                         "https://drive.google.com/drive/u/0/folders/0AIS5p3eW9BCtUk9PVA");

  /* Every kind of link, in the community and in a group, in the order a
   * group's links load in format v2: artifacts, the charter, chat
   * channels (which always have a name), mailing lists.
   */
  for (guint i = 0; i < G_N_ELEMENTS (kinds_in_v2_order); i++)
    {
      g_autofree char *url = NULL;
      g_autoptr(ConveneLink) link = NULL;

      kind = kinds_in_v2_order[i];
      url = g_strdup_printf ("https://example.org/%s?x=1&y=%%20",
                             convene_link_kind_to_string (kind));
      link = convene_link_new (kind, kind % 2 && !convene_link_kind_is_chat (kind) ? NULL : "Label",
                               url);

      convene_community_add_link (community, link);
      convene_group_add_link (api, link);
    }

  convene_meeting_set_url (shared, "https://meet.google.com/abc-defg-hij");
  convene_meeting_set_weekday (shared, G_DATE_WEDNESDAY);
  convene_meeting_set_start_minute (shared, 10 * 60);
  convene_meeting_set_end_minute (shared, 11 * 60);
  convene_meeting_set_timezone (shared, "America/Los_Angeles");
  convene_meeting_set_interval_weeks (shared, 2);
  convene_meeting_set_anchor (shared, shared_anchor);
  convene_community_add_meeting (community, shared);

  registry = convene_registry_new (community);

  convene_person_set_company (lin, "IBM");
  convene_person_set_github (lin, "linsun");
  convene_person_set_profile_url (lin, "https://github.com/linsun");
  convene_person_set_avatar_url (lin, "https://avatars1.githubusercontent.com/u/1588319?s=400&v=4");
  convene_person_set_company (martin, "Google");
  convene_person_set_github (martin, "geeknoid");
  convene_person_set_profile_url (martin, "https://github.com/geeknoid");
  convene_person_set_company (dan, "IBM");
  g_assert_true (convene_registry_add_person (registry, lin));
  g_assert_true (convene_registry_add_person (registry, martin));
  g_assert_true (convene_registry_add_person (registry, dan));

  convene_group_set_description (steering, "Cross-cutting product and design decisions.");
  add_lead (steering, lin, CONVENE_ROLE_CHAIR);
  add_lead (steering, dan, CONVENE_ROLE_CHAIR);
  add_lead (steering, martin, CONVENE_ROLE_TECH_LEAD);

  convene_group_set_topics (api, topics);
  convene_meeting_set_url (biweekly, "https://meet.google.com/mbm-semv-asz");
  convene_meeting_set_calendar_url (biweekly,
                                    "https://calendar.google.com/event?action=TEMPLATE&tmeid=X");
  convene_meeting_set_weekday (biweekly, G_DATE_WEDNESDAY);
  convene_meeting_set_start_minute (biweekly, 13 * 60);
  convene_meeting_set_end_minute (biweekly, 13 * 60 + 30);
  convene_meeting_set_timezone (biweekly, "America/Los_Angeles");
  convene_meeting_set_interval_weeks (biweekly, 2);
  convene_meeting_set_anchor (biweekly, anchor);
  convene_group_add_meeting (api, biweekly);
  convene_meeting_set_weekday (monthly, G_DATE_THURSDAY);
  convene_meeting_set_start_minute (monthly, 16 * 60);
  convene_meeting_set_end_minute (monthly, 24 * 60);
  convene_meeting_set_timezone (monthly, "UTC");
  convene_meeting_set_week_of_month (monthly, -1);
  convene_group_add_meeting (api, monthly);
  convene_group_add_meeting (api, adhoc);
  add_lead (api, martin, CONVENE_ROLE_LEAD);

  g_assert_true (convene_registry_add_group (registry, steering));
  g_assert_true (convene_registry_add_group (registry, api));
  g_assert_true (convene_registry_add_group (registry, empty));

  convene_registry_set_source (registry, "markdown", "WORKING-GROUPS.md", "2026-11-28");

  return g_steal_pointer (&registry);
}

/* Loading a good file */

static void
test_load_full (void)
{
  g_autofree char *path = data_path ("full.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(ConveneLink) link = NULL;
  g_autoptr(ConveneLead) lead = NULL;
  g_autoptr(GDateTime) expected_anchor = g_date_time_new_utc (2017, 12, 20, 21, 0, 0);
  const char * const api_topics[] = { "API Keys", "Content Mediation", "OpenAPI Ingestion", NULL };
  ConveneCommunity *community;
  ConveneRichText *intro;
  ConvenePerson *lin;
  ConveneGroup *steering;
  ConveneGroup *api;
  const char *url = NULL;

  registry = convene_registry_load_from_file (path, &issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  g_assert_cmpuint (issues->len, ==, 0);

  community = convene_registry_get_community (registry);
  g_assert_cmpstr (convene_community_get_name (community), ==, "Istio");
  g_assert_cmpstr (convene_community_get_url (community), ==, "https://github.com/istio/community");
  g_assert_cmpstr (convene_community_get_design_docs_url (community), ==,
                   "https://drive.google.com/drive/u/0/folders/0AIS5p3eW9BCtUk9PVA");

  intro = convene_community_get_intro (community);
  g_assert_cmpuint (convene_rich_text_get_n_paragraphs (intro), ==, 2);
  g_assert_cmpuint (convene_rich_text_get_n_runs (intro, 1), ==, 3);
  g_assert_cmpstr (convene_rich_text_get_run (intro, 1, 1, &url), ==, "contributing");
  g_assert_cmpstr (url, ==, "https://github.com/istio/community/blob/master/CONTRIBUTING.md");
  g_assert_cmpstr (convene_rich_text_get_run (intro, 1, 2, &url), ==,
                   " guidelines, \"quoted\" and ünïcödé.");
  g_assert_null (url);
  g_assert_cmpuint (convene_rich_text_get_n_runs (convene_community_get_new_group (community), 0),
                    ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (convene_community_get_links (community)), ==, 2);
  link = g_list_model_get_item (convene_community_get_links (community), 0);
  g_assert_cmpint (convene_link_get_kind (link), ==, CONVENE_LINK_FORUM);
  g_assert_cmpstr (convene_link_get_url (link), ==, "mailto:istio-dev@googlegroups.com");
  g_clear_object (&link);
  link = g_list_model_get_item (convene_community_get_links (community), 1);
  g_assert_cmpint (convene_link_get_kind (link), ==, CONVENE_LINK_SLACK);
  g_clear_object (&link);

  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 3);
  lin = convene_registry_lookup_person (registry, "linsun");
  g_assert_nonnull (lin);
  g_assert_cmpstr (convene_person_get_name (lin), ==, "Lin Sun");
  g_assert_cmpstr (convene_person_get_company (lin), ==, "IBM");
  g_assert_cmpstr (convene_person_get_github (lin), ==, "linsun");
  g_assert_cmpstr (convene_person_get_profile_url (lin), ==, "https://github.com/linsun");
  g_assert_cmpstr (convene_person_get_avatar_url (lin), ==,
                   "https://avatars1.githubusercontent.com/u/1588319?s=400&v=4");
  g_assert_null (convene_person_get_github (convene_registry_lookup_person (registry, "dan-berg")));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 3);
  steering = get_group (registry, 0);
  g_assert_true (steering == convene_registry_lookup_group (registry, "steering"));
  g_assert_cmpstr (convene_group_get_name (steering), ==, "Steering");
  g_assert_cmpstr (convene_group_get_description (steering), ==,
                   "The steering working group is responsible for cross-cutting product and "
                   "design decisions.");
  g_assert_cmpstrv (convene_group_get_topics (steering), ((const char * const[]) { NULL }));
  link = g_list_model_get_item (convene_group_get_links (steering), 1);
  g_assert_cmpint (convene_link_get_kind (link), ==, CONVENE_LINK_NOTES);
  g_assert_cmpstr (convene_link_get_label (link), ==, "Notes");
  g_clear_object (&link);

  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (steering)), ==, 3);
  lead = g_list_model_get_item (convene_group_get_leads (steering), 1);
  g_assert_true (convene_lead_get_person (lead) == lin);
  g_assert_cmpint (convene_lead_get_role (lead), ==, CONVENE_ROLE_CHAIR);
  g_clear_object (&lead);
  lead = g_list_model_get_item (convene_group_get_leads (steering), 2);
  g_assert_cmpstr (convene_person_get_id (convene_lead_get_person (lead)), ==, "geeknoid");
  g_assert_cmpint (convene_lead_get_role (lead), ==, CONVENE_ROLE_TECH_LEAD);
  g_clear_object (&lead);

  api = get_group (registry, 1);
  g_assert_cmpstr (convene_group_get_id (api), ==, "api-management");
  g_assert_cmpstrv (convene_group_get_topics (api), api_topics);
  g_assert_null (convene_group_get_description (api));
  link = g_list_model_get_item (convene_group_get_links (api), 2);
  g_assert_cmpint (convene_link_get_kind (link), ==, CONVENE_LINK_RECORDINGS);
  g_assert_null (convene_link_get_label (link));
  g_clear_object (&link);

  meeting = g_list_model_get_item (convene_group_get_meetings (api), 0);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Wednesdays at 13:00 PT - Biweekly");
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://meet.google.com/mbm-semv-asz");
  g_assert_true (g_str_has_prefix (convene_meeting_get_calendar_url (meeting),
                                   "https://calendar.google.com/event?action=TEMPLATE&tmeid="));
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_WEDNESDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 13 * 60);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, 13 * 60 + 30);
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, "America/Los_Angeles");
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 2);
  g_assert_cmpint (convene_meeting_get_week_of_month (meeting), ==, 0);
  g_assert_true (g_date_time_equal (convene_meeting_get_anchor (meeting), expected_anchor));
  g_assert_true (convene_meeting_has_schedule (meeting));
  g_clear_object (&meeting);

  meeting = g_list_model_get_item (convene_group_get_meetings (api), 1);
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_THURSDAY);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, 24 * 60);
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, "UTC");
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 0);
  g_assert_cmpint (convene_meeting_get_week_of_month (meeting), ==, -1);
  g_assert_null (convene_meeting_get_anchor (meeting));
  g_clear_object (&meeting);

  /* Absent structure is unknown, not zero. */
  meeting = g_list_model_get_item (convene_group_get_meetings (api), 2);
  g_assert_cmpstr (convene_meeting_get_text (meeting), ==, "Ad hoc");
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_BAD_WEEKDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, -1);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, -1);
  g_assert_null (convene_meeting_get_timezone (meeting));
  g_assert_false (convene_meeting_has_schedule (meeting));
  g_clear_object (&meeting);

  g_assert_cmpstr (convene_registry_get_source_kind (registry), ==, "markdown");
  g_assert_cmpstr (convene_registry_get_source_location (registry), ==, "WORKING-GROUPS.md");
  g_assert_cmpstr (convene_registry_get_source_date (registry), ==, "2026-11-28");
}

/* full.json is a v1 file written the way the writer writes: it comes
 * back byte for byte but for its version, which pins the layout and the
 * order of every member. (It has no group chat links, the one v1 member
 * that v2 writes elsewhere; test-registry-v2.c covers those.)
 */
static void
test_load_canonical (void)
{
  g_autofree char *path = data_path ("full.json");
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);

  json = convene_registry_to_json (registry);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format_version\": 1,\n"));
  g_assert_true (g_str_has_prefix (json, "{\n  \"format_version\": 2,\n"));
  g_assert_cmpstr (json + strlen ("{\n  \"format_version\": 2"),
                   ==, contents + strlen ("{\n  \"format_version\": 1"));
}

static void
test_load_unknown_fields (void)
{
  g_autofree char *path = data_path ("unknown-fields.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneLead) lead = NULL;
  ConveneGroup *group;

  registry = convene_registry_load_from_file (path, &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);

  group = get_group (registry, 0);
  g_assert_cmpstr (convene_group_get_name (group), ==, "Steering");
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_links (group)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (group)), ==, 1);
  lead = g_list_model_get_item (convene_group_get_leads (group), 0);
  g_assert_cmpstr (convene_person_get_name (convene_lead_get_person (lead)), ==, "Lin Sun");
  g_assert_cmpint (convene_lead_get_role (lead), ==, CONVENE_ROLE_LEAD);
  g_assert_cmpstr (convene_registry_get_source_location (registry), ==, "registry.json");
}

static void
test_load_warnings (void)
{
  const ExpectedIssue expected[] = {
    { W, 9, 32, "groups[0].artifacts[0].kind", "unknown artifact kind “mailing-list”" },
    { W, 10, 48, "groups[0].leads[0].role", "unknown role “emperor”" },
    { W, 13, 39, "source.date", "“28/11/2026” is not a date as YYYY-MM-DD" },
  };
  g_autofree char *path = data_path ("warnings.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneLink) link = NULL;
  g_autoptr(ConveneLead) lead = NULL;
  ConveneGroup *group;

  /* Warnings do not stop the load. */
  registry = convene_registry_load_from_file (path, &issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  assert_issues (issues, path, expected, G_N_ELEMENTS (expected));

  group = get_group (registry, 0);
  link = g_list_model_get_item (convene_group_get_links (group), 0);
  g_assert_cmpint (convene_link_get_kind (link), ==, CONVENE_LINK_OTHER);
  g_assert_cmpstr (convene_link_get_label (link), ==, "List");
  lead = g_list_model_get_item (convene_group_get_leads (group), 0);
  g_assert_cmpint (convene_lead_get_role (lead), ==, CONVENE_ROLE_LEAD);
  g_assert_null (convene_registry_get_source_date (registry));
}

static void
test_load_source_default (void)
{
  static const char text[] =
    "{ \"format_version\": 1, \"community\": { \"name\": \"Istio\" }, \"groups\": [] }";
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;

  registry = load_string (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convene_registry_get_source_kind (registry), ==, "json");
  g_assert_cmpstr (convene_registry_get_source_location (registry), ==, "test.json");
  g_assert_null (convene_registry_get_source_date (registry));
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 0);
}

/* Content errors, each where it is */

static void
test_load_missing (void)
{
  const ExpectedIssue expected[] = {
    { E, 3, 16, "community.name", "required member is missing" },
    { E, 7, 5, "people[0].name", "required member is missing" },
    { E, 10, 5, "people[1].id", "required member is missing" },
    { E, 15, 5, "groups[0].name", "required member is missing" },
    { E, 18, 9, "groups[0].artifacts[0].url", "required member is missing" },
    { E, 24, 9, "groups[0].meetings[0].text", "required member is missing" },
    { E, 29, 9, "groups[0].leads[0].person", "required member is missing" },
    { E, 34, 5, "groups[1].id", "required member is missing" },
  };

  assert_load_fails ("missing.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_empty_names (void)
{
  const ExpectedIssue expected[] = {
    { E, 5, 31, "people[0].name", "must not be empty" },
    { E, 6, 13, "people[1].id", "must not be empty" },
    { E, 9, 33, "groups[0].name", "must not be empty" },
    { E, 10, 73, "groups[1].meetings[0].text", "must not be empty" },
  };

  assert_load_fails ("empty-names.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_types (void)
{
  const ExpectedIssue expected[] = {
    { E, 4, 13, "community.name", "expected a string, found an array" },
    { E, 5, 16, "community.intro[0]", "expected an array, found a string" },
    { E, 5, 47, "community.intro[1][0].text", "expected a string, found a number" },
    { E, 7, 13, "people", "expected an array, found an object" },
    { E, 9, 5, "groups[0]", "expected an object, found a string" },
    { E, 11, 13, "groups[1].id", "expected a string, found a number" },
    { E, 13, 28, "groups[1].topics[1]", "expected a string, found null" },
    { E, 13, 34, "groups[1].topics[2]", "expected a string, found a decimal number" },
    { E, 14, 22, "groups[1].description", "expected a string, found false" },
    { E, 15, 20, "groups[1].artifacts", "expected an array, found an object" },
    { E, 16, 59, "groups[1].meetings[0].interval_weeks",
      "expected a whole number, found a string" },
    { E, 16, 81, "groups[1].meetings[0].week_of_month",
      "expected a whole number, found a decimal number" },
    { E, 17, 30, "groups[1].leads[0].person", "unknown person “linsun”" },
    { E, 17, 48, "groups[1].leads[0].role", "expected a string, found a number" },
  };

  assert_load_fails ("types.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_duplicates (void)
{
  const ExpectedIssue expected[] = {
    { E, 7, 13, "people[2].id", "duplicate person id “linsun”, already used by people[0]" },
    { E, 12, 53, "groups[1].leads[1].person",
      "unknown person “louis”; every lead must be listed in “people”" },
    { E, 13, 13, "groups[2].id", "duplicate group id “steering”, already used by groups[0]" },
  };

  assert_load_fails ("duplicates.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_urls (void)
{
  const ExpectedIssue expected[] = {
    { E, 3, 42, "community.url", "“istio.io” is not a valid URL" },
    { E, 5, 57, "people[0].profile_url",
      "URL scheme “javascript” is not allowed; use http, https or mailto" },
    { E, 6, 21, "people[0].avatar_url", "URL scheme “file” is not allowed" },
    { E, 14, 35, "groups[0].artifacts[1].url", "contains a space" },
    { E, 15, 36, "groups[0].artifacts[2].url", "has no host name" },
    { E, 16, 34, "groups[0].artifacts[3].url",
      "“https://example.org:99999/” is not a valid URL" },
    { E, 20, 36, "groups[0].meetings[0].url", "URL scheme “ftp” is not allowed" },
    { E, 20, 74, "groups[0].meetings[0].calendar_url", "must not be empty" },
  };

  assert_load_fails ("urls.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_meetings (void)
{
  const ExpectedIssue expected[] = {
    { E, 10, 35, "groups[0].meetings[1].weekday", "unknown weekday “wed”" },
    { E, 10, 51, "groups[0].meetings[1].start", "“9:30” is not a time of day" },
    { E, 10, 66, "groups[0].meetings[1].end", "“24:01” is not a time of day" },
    { E, 11, 33, "groups[0].meetings[2].start", "“24:00” is not a time of day" },
    { E, 11, 49, "groups[0].meetings[2].end", "“13:60” is not a time of day" },
    { E, 11, 70, "groups[0].meetings[2].timezone", "unknown time zone “Mars/Olympus”" },
    { E, 12, 42, "groups[0].meetings[3].interval_weeks", "53 is out of range" },
    { E, 12, 63, "groups[0].meetings[3].week_of_month", "6 is out of range" },
    { E, 13, 62, "groups[0].meetings[4].week_of_month", "cannot both be set" },
    { E, 14, 34, "groups[0].meetings[5].anchor",
      "“2017-12-20T21:00:00” is not an ISO 8601 date and time with an offset" },
    { E, 15, 34, "groups[0].meetings[6].anchor", "“next wednesday” is not an ISO 8601" },
    { E, 16, 75, "groups[0].meetings[7].timezone", "must not be empty" },
  };

  assert_load_fails ("meetings.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

/* The first meeting of meetings.json is fine: weekday names are read
 * without regard to case, and an anchor with an offset is one instant.
 */
static void
test_load_meeting_values (void)
{
  static const char text[] =
    "{ \"format_version\": 1, \"community\": { \"name\": \"Istio\" }, \"groups\": [\n"
    "  { \"id\": \"a\", \"name\": \"A\", \"meetings\": [\n"
    "    { \"text\": \"A\", \"weekday\": \"Wednesday\", \"start\": \"00:00\", \"end\": \"23:59\",\n"
    "      \"timezone\": \"Europe/Paris\", \"anchor\": \"2017-12-20T13:00:00-08:00\" } ] } ] }";
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2017, 12, 20, 21, 0, 0);

  registry = load_string (text, -1, NULL, &error);
  g_assert_no_error (error);

  meeting = g_list_model_get_item (convene_group_get_meetings (get_group (registry, 0)), 0);
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_WEDNESDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 0);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, 23 * 60 + 59);
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, "Europe/Paris");
  g_assert_true (g_date_time_equal (convene_meeting_get_anchor (meeting), expected));
}

static void
test_load_version_newer (void)
{
  const ExpectedIssue expected[] = {
    { E, 2, 21, "format_version",
      "format_version 3 is newer than this version of Convene understands (2); update Convene" },
  };

  /* Nothing else of a newer file is checked: its rules are not known. */
  assert_load_fails ("newer-version.json", CONVENE_REGISTRY_ERROR_UNSUPPORTED,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_version_missing (void)
{
  const ExpectedIssue expected[] = {
    { E, 1, 1, "format_version", "required member is missing" },
  };

  assert_load_fails ("no-version.json", CONVENE_REGISTRY_ERROR_INVALID,
                     expected, G_N_ELEMENTS (expected));
}

static void
test_load_version_invalid (void)
{
  static const struct {
    const char *text;
    guint column;
    const char *message;
  } cases[] = {
    { "{ \"format_version\": \"1\", \"community\": { \"name\": \"X\" }, \"groups\": [] }",
      21, "expected a whole number, found a string" },
    { "{ \"format_version\": 1.0, \"community\": { \"name\": \"X\" }, \"groups\": [] }",
      21, "expected a whole number, found a decimal number" },
    { "{ \"format_version\": 0, \"community\": { \"name\": \"X\" }, \"groups\": [] }",
      21, "format_version 0 is not valid; the first version is 1" },
    { "{ \"format_version\": -3, \"community\": { \"name\": \"X\" }, \"groups\": [] }",
      21, "format_version -3 is not valid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ExpectedIssue expected[] = {
        { E, 1, cases[i].column, "format_version", cases[i].message },
      };
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;

      registry = load_string (cases[i].text, -1, &issues, &error);
      g_assert_null (registry);
      g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
      assert_issues (issues, "test.json", expected, 1);
    }
}

static void
test_load_not_object (void)
{
  const ExpectedIssue expected[] = {
    { E, 2, 3, "", "a registry is a JSON object, but the file holds an array" },
  };
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = load_string ("\n  [ { \"format_version\": 1 } ]\n", -1, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  assert_issues (issues, "test.json", expected, 1);
  g_assert_cmpstr (error->message, ==,
                   "test.json:2:3: a registry is a JSON object, but the file holds an array");
}

/* Member names with escapes are the names they spell, and a member given
 * twice is the last one, both for json-glib and for the positions.
 */
static void
test_load_member_names (void)
{
  static const char text[] =
    "{ \"format_version\": 1,\n"
    "  \"community\": { \"n\\u0061me\": 5 },\n"
    "  \"groups\": [ { \"id\": \"a\", \"name\": [] } ] }";
  const ExpectedIssue expected[] = {
    { E, 2, 31, "community.name", "expected a string, found a number" },
    { E, 3, 36, "groups[0].name", "expected a string, found an array" },
  };
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = load_string (text, -1, &issues, &error);
  g_assert_null (registry);
  assert_issues (issues, "test.json", expected, G_N_ELEMENTS (expected));
}

static void
test_load_file_not_found (void)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = convene_registry_load_from_file ("/nonexistent/registry.json", &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, ==, 0);
}

/* Syntax and hostile input */

static void
test_syntax_errors (void)
{
  static const struct {
    const char *text;
    guint line;
    guint column;
    const char *message;
  } cases[] = {
    { "{ \"format_version\": 1, }", 1, 22, "a comma cannot come before “}”" },
    { "[1, 2,\n]", 1, 6, "a comma cannot come before “]”" },
    { "/* registry */ {}", 1, 1, "comments are not allowed in JSON" },
    { "{\n  'community': {} }", 2, 3, "expected a member name in double quotes" },
    { "[ 'x' ]", 1, 3, "strings must be in double quotes" },
    { "[01]", 1, 2, "leading zeros are not allowed" },
    { "[-]", 1, 2, "a digit must follow the minus sign" },
    { "[1.]", 1, 2, "a digit must follow the decimal point" },
    { "[1e+]", 1, 2, "a digit must follow the exponent" },
    { "[0x10]", 1, 3, "expected “,” or “]” after the array element" },
    { "{ \"a\" 1 }", 1, 7, "expected “:” after the member name" },
    { "{ \"a\": 1 \"b\": 2 }", 1, 10, "expected “,” or “}” after the member" },
    { "[1 2]", 1, 4, "expected “,” or “]” after the array element" },
    { "{}\n\n  garbage", 3, 3, "unexpected text after the end of the JSON document" },
    { "[1] [2]", 1, 5, "unexpected text after the end of the JSON document" },
    { "[nul]", 1, 2, "unexpected “nul”, expected a value" },
    { "{ \"é\": ü }", 1, 8, "unexpected “ü”, expected a value" },
    { "[\"a\tb\"]", 1, 4, "control character inside a string" },
    { "[\"line\nbreak\"]", 1, 7, "line break inside a string" },
    { "[\"a\\qb\"]", 1, 4, "invalid escape in a string" },
    { "[\"\\u12G4\"]", 1, 3, "\\u needs four hexadecimal digits" },
    { "[\"\\ud800\"]", 1, 3, "a high surrogate must be followed by a low surrogate" },
    { "[\"\\udc00\"]", 1, 3, "a low surrogate without a high one" },
    { "[\"a\\u0000\"]", 1, 4, "U+0000" },
    { "{ \"a\": }", 1, 8, "unexpected “}”, expected a value" },
    { "{ \"a\": \x01 }", 1, 8, "unexpected control character, expected a value" },
    { "{\r\n  \"a\": True\r\n}", 2, 8, "unexpected “True”, expected a value" },
    { "{\n  \"name\": \"Istio", 2, 11, "the file ends inside the string that starts here" },
    { "{ \"a\": [1, 2", 1, 13, "the file ends inside an array: expected “,” or “]”" },
    { "{ \"a\": 1", 1, 9, "the file ends inside an object: expected “,” or “}”" },
    { "{ \"a\":", 1, 7, "the file ends where a value should be" },
    { "{ \"a\": 1,\n", 2, 1, "the file ends where a member name should be" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      assert_syntax_error (cases[i].text, -1, CONVENE_REGISTRY_ERROR_INVALID,
                           cases[i].line, cases[i].column, cases[i].message);
    }
}

/* A real file cut short is a syntax error at its end. */
/* A member named twice in one object is refused where it is named the
 * second time, saying where the first is; names are compared decoded.
 * The same name in different objects, nested or side by side, is fine,
 * with few members (compared one by one) and many (kept in a set).
 */
static void
test_syntax_duplicate_members (void)
{
  g_autoptr(GString) many = g_string_new ("[");
  g_autoptr(GString) many_dup = g_string_new ("{");

  assert_syntax_error ("{\"a\": 1, \"b\": 2, \"a\": 3}", -1, CONVENE_REGISTRY_ERROR_INVALID,
                       1, 18, "duplicate member “a”, first at 1:2");
  assert_syntax_error ("{\n  \"format_version\": 1,\n  \"x\": { \"name\": 1, \"n\\u0061me\": 2 } }",
                       -1, CONVENE_REGISTRY_ERROR_INVALID,
                       3, 21, "duplicate member “name”, first at 3:10");
  assert_syntax_error ("{\"a\": {\"b\": {}, \"c\": [{\"b\": 1}]}, \"a\": 2}", -1,
                       CONVENE_REGISTRY_ERROR_INVALID,
                       1, 35, "duplicate member “a”, first at 1:2");

  /* 40 members, the last naming the fifth again. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (many_dup, "%s\"k%u\": %u", i > 0 ? ", " : "", i < 39 ? i : 4, i);
  g_string_append_c (many_dup, '}');
  assert_syntax_error (many_dup->str, -1, CONVENE_REGISTRY_ERROR_INVALID,
                       1, strstr (many_dup->str, "\"k4\": 39") - many_dup->str + 1,
                       "duplicate member “k4”, first at 1:");

  /* The same names in sibling and nested objects, many and few. */
  for (guint n = 0; n < 3; n++)
    {
      g_string_append (many, n > 0 ? ", {" : "{");
      for (guint i = 0; i < 40; i++)
        g_string_append_printf (many, "%s\"k%u\": {\"k%u\": 1, \"a\": 2}", i > 0 ? ", " : "",
                                i, i);
      g_string_append (many, "}, {\"a\": 1, \"b\": {\"a\": 1}}");
    }
  g_string_append_c (many, ']');

  {
    g_autoptr(ConveneRegistry) registry = NULL;
    g_autoptr(GPtrArray) issues = NULL;
    g_autoptr(GError) error = NULL;
    const ExpectedIssue expected[] = {
      { E, 1, 1, "", "a registry is a JSON object, but the file holds an array" },
    };

    registry = load_string (many->str, -1, &issues, &error);
    g_assert_null (registry);
    assert_issues (issues, "test.json", expected, 1);
  }
}

static void
test_syntax_truncated (void)
{
  g_autofree char *path = data_path ("full.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *cut;
  guint lines = 1;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));

  cut = strstr (contents, "\"people\": [\n");
  g_assert_nonnull (cut);
  cut += strlen ("\"people\": [\n");
  for (const char *p = contents; p < cut; p++)
    lines += *p == '\n';

  /* Right after the line that opens "people": line 66. */
  g_assert_cmpuint (lines, ==, 66);
  assert_syntax_error (contents, cut - contents, CONVENE_REGISTRY_ERROR_INVALID,
                       66, 1, "the file ends where a value should be");

  /* In the middle of the community's name. */
  cut = strstr (contents, "\"Istio\"") + 4;
  assert_syntax_error (contents, cut - contents, CONVENE_REGISTRY_ERROR_INVALID,
                       4, 13, "the file ends inside the string that starts here");
}

static void
test_syntax_invalid_utf8 (void)
{
  /* Line 3: 30 characters (one of them two bytes) before the bad byte. */
  static const char text[] =
    "{\n"
    "  \"format_version\": 1,\n"
    "  \"community\": { \"name\": \"Ist\xc3\xa9\xff\" },\n"
    "  \"groups\": []\n"
    "}\n";
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  assert_syntax_error (text, sizeof text - 1, CONVENE_REGISTRY_ERROR_INVALID,
                       3, 31, "the file is not valid UTF-8 text");

  /* A truncated multi-byte character at the very end. */
  assert_syntax_error ("[\"\xe2\x82", 4, CONVENE_REGISTRY_ERROR_INVALID,
                       1, 3, "not valid UTF-8");

  registry = load_string (text, sizeof text - 1, &issues, &error);
  g_assert_cmpstr (error->message, ==, "test.json:3:31: the file is not valid UTF-8 text");
}

static void
test_syntax_nul_byte (void)
{
  static const char text[] = "[1,\n 2\0, 3]";

  assert_syntax_error (text, sizeof text - 1, CONVENE_REGISTRY_ERROR_INVALID,
                       2, 3, "the file contains a NUL byte");
}

static void
test_syntax_empty (void)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;

  assert_syntax_error ("", 0, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, "the file is empty");
  assert_syntax_error (" \n\t\r\n", -1, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, "the file is empty");

  registry = load_string ("", 0, NULL, &error);
  g_assert_cmpstr (error->message, ==, "test.json: the file is empty");
}

/* A byte order mark is skipped and does not count as a column. */
static void
test_syntax_bom (void)
{
  static const char text[] =
    "\xEF\xBB\xBF{\"format_version\": 1, \"community\": {\"name\": 5}, \"groups\": []}";
  const ExpectedIssue expected[] = { { E, 1, 45, "community.name", "expected a string" } };
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = load_string (text, -1, &issues, &error);
  g_assert_null (registry);
  assert_issues (issues, "test.json", expected, 1);
}

/* Limits */

static void
test_limits_deep (void)
{
  const gsize depth = 100000;
  g_autofree char *deep = g_malloc (2 * depth);
  g_autofree char *limit = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  /* 100,000 levels: json-glib alone would overflow the stack. */
  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  assert_syntax_error (deep, 2 * depth, CONVENE_REGISTRY_ERROR_TOO_LARGE,
                       1, CONVENE_REGISTRY_MAX_DEPTH + 1, "nested more than 64 levels deep");

  /* Unclosed, as a hostile file would be. */
  assert_syntax_error (deep, depth, CONVENE_REGISTRY_ERROR_TOO_LARGE,
                       1, CONVENE_REGISTRY_MAX_DEPTH + 1, "nested more than 64 levels deep");

  /* At the limit the syntax is fine; the content is not a registry. */
  limit = g_strdup_printf ("%.*s%.*s",
                           CONVENE_REGISTRY_MAX_DEPTH, deep,
                           CONVENE_REGISTRY_MAX_DEPTH, deep + depth);
  registry = load_string (limit, -1, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a registry is a JSON object"));
}

static void
test_limits_size_bytes (void)
{
  const gsize size = 100 * 1024 * 1024;
  void *big;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  const ConveneIssue *issue;

  /* 100 MB that cannot be read: any look at a byte of it faults, so the
   * loader must refuse it by its length alone, without scanning it.
   */
  big = mmap (NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_assert_true (big != MAP_FAILED);
  bytes = g_bytes_new_static (big, size);

  registry = convene_registry_load_from_bytes (bytes, "big.json", &issues, &error);

  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->file, ==, "big.json");
  g_assert_nonnull (strstr (issue->message, "the file is too large (104.9\xc2\xa0MB)"));
  g_assert_nonnull (strstr (issue->message, "64.0\xc2\xa0MiB"));

  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_cmpint (munmap (big, size), ==, 0);
}

/* How many bytes this process has read with read() and its like so far. */
static guint64
bytes_read_so_far (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  g_assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  rchar = strstr (io, "rchar: ");
  g_assert_nonnull (rchar);
  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

static void
test_limits_size_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *dir = g_dir_make_tmp ("convene-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  const ConveneIssue *issue;
  guint64 read_before, read_during;
  int fd;

  g_assert_no_error (error);

  /* A sparse 100 MB file: the loader must refuse it without reading it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  read_before = bytes_read_so_far ();
  registry = convene_registry_load_from_file (path, &issues, &error);
  read_during = bytes_read_so_far () - read_before;
  g_test_message ("%" G_GUINT64_FORMAT " bytes read while refusing the file", read_during);

  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpstr (issue->file, ==, path);
  g_assert_cmpuint (issue->line, ==, 0);
  g_assert_nonnull (strstr (issue->message, "the file is too large (100.0\xc2\xa0MB)"));
  /* Not the 64 MiB a bounded read would take before giving up, nor a
   * chunk of it: nothing but the other file reads of the process.
   */
  g_assert_cmpuint (read_during, <, 64 * 1024);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* About 10 MB of registry: @bad_urls makes every avatar URL wrong. */
static GString *
build_large_registry (guint    n_people,
                      gboolean bad_urls)
{
  GString *json = g_string_new ("{\n  \"format_version\": 1,\n"
                                "  \"community\": { \"name\": \"Large\" },\n"
                                "  \"people\": [\n");

  for (guint i = 0; i < n_people; i++)
    g_string_append_printf (json,
                            "    { \"id\": \"person-%u\", \"name\": \"Përson Number %u\", "
                            "\"company\": \"Company %u\", \"github\": \"person-%u\", "
                            "\"profile_url\": \"https://github.com/person-%u\", "
                            "\"avatar_url\": \"%s://avatars.githubusercontent.com/u/%u?s=400&v=4\" }%s\n",
                            i, i, i % 97, i, i, bad_urls ? "gopher" : "https", i,
                            i + 1 < n_people ? "," : "");

  g_string_append (json, "  ],\n  \"groups\": [\n");
  for (guint i = 0; i < n_people / 4; i++)
    g_string_append_printf (json,
                            "    { \"id\": \"group-%u\", \"name\": \"Group %u\", \"topics\": [ \"A\", \"B\" ],\n"
                            "      \"artifacts\": [ { \"kind\": \"forum\", \"url\": \"https://example.org/%u\" } ],\n"
                            "      \"meetings\": [ { \"text\": \"Weekly\", \"weekday\": \"monday\", \"start\": \"09:00\", "
                            "\"timezone\": \"Europe/Berlin\", \"interval_weeks\": 1 } ],\n"
                            "      \"leads\": [ { \"person\": \"person-%u\", \"role\": \"chair\" }, "
                            "{ \"person\": \"person-%u\" } ] }%s\n",
                            i, i, i, 4 * i, 4 * i + 1, i + 1 < n_people / 4 ? "," : "");
  g_string_append (json, "  ]\n}\n");

  return json;
}

static void
test_limits_large_valid (void)
{
  g_autoptr(GString) json = build_large_registry (40000, FALSE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  ConvenePerson *last;
  double elapsed;

  g_assert_cmpuint (json->len, >, 10 * 1000 * 1000);
  bytes = g_bytes_new (json->str, json->len);

  g_test_timer_start ();
  registry = convene_registry_load_from_bytes (bytes, "large.json", &issues, &error);
  elapsed = g_test_timer_elapsed ();
  g_test_message ("%.1f MB loaded in %.2f s", json->len / 1e6, elapsed);

  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 40000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 10000);
  last = convene_registry_lookup_person (registry, "person-39999");
  g_assert_cmpstr (convene_person_get_name (last), ==, "Përson Number 39999");
}

/* A large file with an error in every record: every error is found and
 * located in one more pass, and the list stops at a readable length.
 */
static void
test_limits_large_errors (void)
{
  g_autoptr(GString) json = build_large_registry (40000, TRUE);
  g_autoptr(GBytes) bytes = g_bytes_new (json->str, json->len);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  const ConveneIssue *issue;
  double elapsed;

  g_test_timer_start ();
  registry = convene_registry_load_from_bytes (bytes, "large.json", &issues, &error);
  elapsed = g_test_timer_elapsed ();
  g_test_message ("%.1f MB checked in %.2f s", json->len / 1e6, elapsed);

  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, 1001);

  issue = g_ptr_array_index (issues, 999);
  g_assert_cmpstr (issue->path, ==, "people[999].avatar_url");
  g_assert_cmpuint (issue->line, ==, 5 + 999);
  g_assert_cmpstr (issue->message, ==,
                   "URL scheme “gopher” is not allowed; use http, https or mailto");
  issue = g_ptr_array_index (issues, 1000);
  g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_WARNING);
  g_assert_cmpstr (issue->message, ==, "too many problems; only the first 1000 are listed");
}

/* Loading in a thread */

typedef struct
{
  ConveneRegistry *registry;
  GPtrArray *issues;
  GError *error;
  gboolean done;
  GThread *thread;   /* the thread the callback ran in */
} AsyncLoad;

static void
async_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncLoad *load = user_data;

  g_assert_null (object);
  load->registry = convene_registry_load_from_file_finish (result, &load->issues, &load->error);
  load->thread = g_thread_self ();
  load->done = TRUE;
}

static void
async_load_clear (AsyncLoad *load)
{
  g_clear_object (&load->registry);
  g_clear_pointer (&load->issues, g_ptr_array_unref);
  g_clear_error (&load->error);
}

/* Iterates the main context until @load is done; no sleeps. */
static void
wait_for (AsyncLoad *load)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!load->done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the load");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The same registry, issues and error as the load in the calling thread. */
static void
assert_async_like_sync (const char *path)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  AsyncLoad load = { 0 };

  registry = convene_registry_load_from_file (path, &issues, &error);

  convene_registry_load_from_file_async (path, NULL, async_loaded_cb, &load);
  g_assert_false (load.done);
  wait_for (&load);

  /* The callback runs in the caller's main context, not in the worker. */
  g_assert_true (load.thread == g_thread_self ());

  g_assert_true ((registry == NULL) == (load.registry == NULL));
  if (registry != NULL)
    {
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (load.registry)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (registry)));
      g_assert_cmpuint (convene_registry_get_n_people (load.registry), ==,
                        convene_registry_get_n_people (registry));
    }

  if (error != NULL)
    g_assert_error (load.error, error->domain, error->code);
  else
    g_assert_no_error (load.error);
  g_assert_cmpstr (load.error ? load.error->message : NULL, ==, error ? error->message : NULL);

  g_assert_nonnull (load.issues);
  g_assert_cmpuint (load.issues->len, ==, issues->len);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *expected = convene_issue_to_string (g_ptr_array_index (issues, i));
      g_autofree char *got = convene_issue_to_string (g_ptr_array_index (load.issues, i));

      g_assert_cmpstr (got, ==, expected);
    }

  async_load_clear (&load);
}

static void
test_load_async (void)
{
  static const char * const names[] = { "full.json", "warnings.json", "missing.json", "types.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = data_path (names[i]);

      g_test_message ("%s", names[i]);
      assert_async_like_sync (path);
    }

  assert_async_like_sync ("/nonexistent/registry.json");

  /* A valid file gives its registry; a broken one its located issues. */
  {
    g_autofree char *path = data_path ("full.json");
    AsyncLoad load = { 0 };

    convene_registry_load_from_file_async (path, NULL, async_loaded_cb, &load);
    wait_for (&load);
    g_assert_no_error (load.error);
    g_assert_nonnull (load.registry);
    g_assert_cmpuint (load.issues->len, ==, 0);
    async_load_clear (&load);
  }
  {
    g_autofree char *path = data_path ("missing.json");
    AsyncLoad load = { 0 };
    const ConveneIssue *issue;

    convene_registry_load_from_file_async (path, NULL, async_loaded_cb, &load);
    wait_for (&load);
    g_assert_null (load.registry);
    g_assert_error (load.error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
    g_assert_cmpuint (load.issues->len, ==, 8);
    issue = g_ptr_array_index (load.issues, 0);
    g_assert_cmpstr (issue->file, ==, path);
    g_assert_cmpuint (issue->line, ==, 3);
    g_assert_cmpuint (issue->column, ==, 16);
    async_load_clear (&load);
  }
}

/* A cancelled load ends with G_IO_ERROR_CANCELLED and nothing else,
 * whether it was cancelled before it started or while it ran.
 */
static void
test_load_async_cancelled (void)
{
  g_autoptr(GString) json = build_large_registry (40000, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("convene-test-registry-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncLoad load = { 0 };

    g_cancellable_cancel (cancellable);
    convene_registry_load_from_file_async (path, cancellable, async_loaded_cb, &load);
    /* Completed without a thread (and without the error GLib's own check
     * would leak, which valgrind sees), yet never before the call returns.
     */
    g_assert_false (load.done);
    wait_for (&load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (load.registry);
    g_assert_null (load.issues);
    async_load_clear (&load);
  }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncLoad load = { 0 };
    AsyncLoad witness = { 0 };

    /* The same file, uncancelled, alongside: the cancelled load ends
     * first, without waiting for its thread.
     */
    convene_registry_load_from_file_async (path, NULL, async_loaded_cb, &witness);
    convene_registry_load_from_file_async (path, cancellable, async_loaded_cb, &load);
    g_assert_false (load.done);
    g_cancellable_cancel (cancellable);
    wait_for (&load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (load.registry);
    g_assert_null (load.issues);
    g_assert_false (witness.done);

    wait_for (&witness);
    g_assert_no_error (witness.error);
    g_assert_nonnull (witness.registry);
    g_assert_cmpuint (convene_registry_get_n_people (witness.registry), ==, 40000);
    async_load_clear (&load);
    async_load_clear (&witness);
  }

  g_remove (path);
  g_rmdir (dir);
}

/* Writer */

/* The exact layout: two-space indents, "key": value, no empty members. */
static void
test_write_layout (void)
{
  static const char expected[] =
    "{\n"
    "  \"format_version\": 2,\n"
    "  \"community\": {\n"
    "    \"name\": \"Istio\"\n"
    "  },\n"
    "  \"people\": [\n"
    "    {\n"
    "      \"id\": \"linsun\",\n"
    "      \"name\": \"Lin Sun\"\n"
    "    }\n"
    "  ],\n"
    "  \"groups\": [\n"
    "    {\n"
    "      \"id\": \"steering\",\n"
    "      \"name\": \"Steering\",\n"
    "      \"topics\": [\n"
    "        \"Direction\"\n"
    "      ],\n"
    "      \"meetings\": [\n"
    "        {\n"
    "          \"text\": \"Tab\\there, \\\"quote\\\", back\\\\slash, bell\\u0007\",\n"
    "          \"start\": \"09:05\"\n"
    "        }\n"
    "      ],\n"
    "      \"leads\": [\n"
    "        {\n"
    "          \"person\": \"linsun\",\n"
    "          \"role\": \"lead\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"empty\",\n"
    "      \"name\": \"Empty\"\n"
    "    }\n"
    "  ]\n"
    "}\n";
  g_autoptr(ConveneCommunity) community = convene_community_new ("Istio");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConvenePerson) lin = convene_person_new ("linsun", "Lin Sun");
  g_autoptr(ConveneGroup) steering = convene_group_new ("steering", "Steering");
  g_autoptr(ConveneGroup) empty = convene_group_new ("empty", "Empty");
  g_autoptr(ConveneMeeting) meeting =
    convene_meeting_new ("Tab\there, \"quote\", back\\slash, bell\a");
  g_autoptr(ConveneLead) lead = convene_lead_new (lin, CONVENE_ROLE_LEAD);
  const char * const topics[] = { "Direction", NULL };
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  convene_registry_add_person (registry, lin);
  convene_group_set_topics (steering, topics);
  convene_meeting_set_start_minute (meeting, 9 * 60 + 5);
  convene_group_add_meeting (steering, meeting);
  convene_group_add_lead (steering, lead);
  convene_registry_add_group (registry, steering);
  convene_registry_add_group (registry, empty);

  json = convene_registry_to_json (registry);
  g_assert_cmpstr (json, ==, expected);

  again = convene_registry_to_json (registry);
  g_assert_cmpstr (again, ==, json);
}

/* A registry built in code with every field set survives a round trip:
 * the same values, and the same bytes when written again.
 */
static void
test_write_round_trip (void)
{
  g_autoptr(ConveneRegistry) registry = build_full_registry ();
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  json = convene_registry_to_json (registry);
  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_nonnull (strstr (json, "\"anchor\": \"2017-12-20T21:00:00Z\""));
  g_assert_nonnull (strstr (json, "\"week_of_month\": -1"));
  g_assert_nonnull (strstr (json, "a control \\u0001 character"));
  g_assert_nonnull (strstr (json, "\"role\": \"tech_lead\""));

  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "round-trip.json", &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);

  assert_registries_equal (registry, loaded);

  /* The anchor was written in UTC and is the same instant. */
  meeting = g_list_model_get_item (convene_group_get_meetings (get_group (loaded, 1)), 0);
  g_assert_cmpint (g_date_time_get_utc_offset (convene_meeting_get_anchor (meeting)), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (convene_meeting_get_anchor (meeting)), ==, 21);

  again = convene_registry_to_json (loaded);
  g_assert_cmpstr (again, ==, json);
}

/* A lead the registry does not list is still written, so the file loads. */
static void
test_write_unlisted_lead (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Istio");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConvenePerson) louis = convene_person_new ("lryan", "Louis Ryan");
  g_autoptr(ConveneGroup) group = convene_group_new ("networking", "Networking");
  g_autoptr(ConveneGroup) other = convene_group_new ("security", "Security");
  g_autoptr(ConveneLead) lead = convene_lead_new (louis, CONVENE_ROLE_CHAIR);
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  convene_group_add_lead (group, lead);
  convene_group_add_lead (other, lead);
  convene_registry_add_group (registry, group);
  convene_registry_add_group (registry, other);

  json = convene_registry_to_json (registry);
  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Once, though he leads two groups. */
  g_assert_cmpuint (convene_registry_get_n_people (loaded), ==, 1);
  g_assert_cmpstr (convene_person_get_name (convene_registry_lookup_person (loaded, "lryan")),
                   ==, "Louis Ryan");
}

static gboolean
dir_contains_only (const char *dir,
                   const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      if (g_strcmp0 (entry, name) != 0)
        return FALSE;
      n++;
    }

  return n == (name != NULL ? 1 : 0);
}

static void
test_write_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("convene-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "registry.json", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "missing", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "registry.json", NULL);
  g_autoptr(ConveneRegistry) registry = build_full_registry ();
  g_autoptr(ConveneRegistry) small = NULL;
  g_autoptr(ConveneCommunity) community = convene_community_new ("Small");
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  mode_t old_umask;

  g_assert_no_error (error);
  old_umask = umask (022);

  g_assert_true (convene_registry_save (registry, path, &error));
  g_assert_no_error (error);

  json = convene_registry_to_json (registry);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, json);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_true (dir_contains_only (dir, "registry.json"));

  /* Overwriting replaces the whole file and leaves no temporary file. */
  small = convene_registry_new (community);
  g_assert_true (convene_registry_save (small, path, &error));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&json, g_free);
  json = convene_registry_to_json (small);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, json);
  g_assert_true (dir_contains_only (dir, "registry.json"));

  /* Into a directory that does not exist: an error, and nothing written. */
  g_assert_false (convene_registry_save (registry, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  g_assert_true (dir_contains_only (dir, "registry.json"));
  g_clear_error (&error);

  umask (old_umask);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Lookup */

static void
test_lookup_groups_for_person (void)
{
  g_autofree char *path = data_path ("full.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(ConveneGroup) group = NULL;
  g_autoptr(ConvenePerson) stranger = convene_person_new ("stranger", "Stranger");
  ConvenePerson *person;

  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);

  /* One person, two groups, two roles. */
  person = convene_registry_lookup_person (registry, "geeknoid");
  groups = convene_registry_list_groups_for_person (registry, person);
  g_assert_true (g_list_model_get_item_type (groups) == CONVENE_TYPE_GROUP);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  group = g_list_model_get_item (groups, 0);
  g_assert_cmpstr (convene_group_get_id (group), ==, "steering");
  g_clear_object (&group);
  group = g_list_model_get_item (groups, 1);
  g_assert_cmpstr (convene_group_get_id (group), ==, "api-management");
  g_clear_object (&group);
  g_clear_object (&groups);

  person = convene_registry_lookup_person (registry, "linsun");
  groups = convene_registry_list_groups_for_person (registry, person);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  group = g_list_model_get_item (groups, 0);
  g_assert_cmpstr (convene_group_get_id (group), ==, "steering");
  g_clear_object (&groups);

  groups = convene_registry_list_groups_for_person (registry, stranger);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
}

static void
test_lookup_roles (void)
{
  g_autofree char *path = data_path ("full.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConvenePerson) stranger = convene_person_new ("stranger", "Stranger");
  const ConveneRegistryRole *roles;
  ConvenePerson *person;
  guint n_roles = 99;
  guint position = 99;

  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);

  person = convene_registry_lookup_person (registry, "geeknoid");
  roles = convene_registry_get_roles_for_person (registry, person, &n_roles);
  g_assert_cmpuint (n_roles, ==, 2);
  g_assert_cmpuint (roles[0].group_position, ==, 0);
  g_assert_cmpint (roles[0].role, ==, CONVENE_ROLE_TECH_LEAD);
  g_assert_cmpuint (roles[1].group_position, ==, 1);
  g_assert_cmpint (roles[1].role, ==, CONVENE_ROLE_LEAD);
  g_assert_cmpuint (convene_registry_get_n_groups_for_person (registry, person), ==, 2);

  person = convene_registry_lookup_person (registry, "dan-berg");
  roles = convene_registry_get_roles_for_person (registry, person, &n_roles);
  g_assert_cmpuint (n_roles, ==, 1);
  g_assert_cmpuint (roles[0].group_position, ==, 0);
  g_assert_cmpint (roles[0].role, ==, CONVENE_ROLE_CHAIR);

  /* Someone the registry does not list leads nothing. */
  roles = convene_registry_get_roles_for_person (registry, stranger, &n_roles);
  g_assert_null (roles);
  g_assert_cmpuint (n_roles, ==, 0);
  g_assert_cmpuint (convene_registry_get_n_groups_for_person (registry, stranger), ==, 0);

  g_assert_true (convene_registry_find_group_position (registry, "steering", &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (convene_registry_find_group_position (registry, "networking", &position));
  g_assert_cmpuint (position, ==, 2);
  position = 99;
  g_assert_false (convene_registry_find_group_position (registry, "no-such-group", &position));
  g_assert_cmpuint (position, ==, 99);
  g_assert_null (convene_registry_lookup_group (registry, "no-such-group"));
  g_assert_null (convene_registry_lookup_person (registry, "no-such-person"));
}

/* A registry built in code: two roles in one group, a person who leads
 * nothing, and leads added after the group joined the registry.
 */
static void
test_lookup_roles_built (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Test");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConvenePerson) ana = convene_person_new ("ana", "Ana");
  g_autoptr(ConvenePerson) bo = convene_person_new ("bo", "Bo");
  g_autoptr(ConvenePerson) idle = convene_person_new ("idle", "Idle");
  g_autoptr(ConveneGroup) first = convene_group_new ("first", "First");
  g_autoptr(ConveneGroup) second = convene_group_new ("second", "Second");
  g_autoptr(ConveneLead) ana_chair = convene_lead_new (ana, CONVENE_ROLE_CHAIR);
  g_autoptr(ConveneLead) ana_tech = convene_lead_new (ana, CONVENE_ROLE_TECH_LEAD);
  g_autoptr(ConveneLead) bo_lead = convene_lead_new (bo, CONVENE_ROLE_LEAD);
  g_autoptr(ConveneLead) ana_lead = convene_lead_new (ana, CONVENE_ROLE_LEAD);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(ConveneGroup) item = NULL;
  const ConveneRegistryRole *roles;
  guint n_roles;

  g_assert_true (convene_registry_add_person (registry, ana));
  g_assert_true (convene_registry_add_person (registry, bo));
  g_assert_true (convene_registry_add_person (registry, idle));
  g_assert_false (convene_registry_add_person (registry, ana));

  convene_group_add_lead (first, ana_chair);
  convene_group_add_lead (first, ana_tech);
  convene_group_add_lead (first, bo_lead);
  g_assert_true (convene_registry_add_group (registry, first));
  g_assert_true (convene_registry_add_group (registry, second));

  roles = convene_registry_get_roles_for_person (registry, ana, &n_roles);
  g_assert_cmpuint (n_roles, ==, 2);
  g_assert_cmpuint (roles[0].group_position, ==, 0);
  g_assert_cmpint (roles[0].role, ==, CONVENE_ROLE_CHAIR);
  g_assert_cmpuint (roles[1].group_position, ==, 0);
  g_assert_cmpint (roles[1].role, ==, CONVENE_ROLE_TECH_LEAD);
  g_assert_cmpuint (convene_registry_get_n_groups_for_person (registry, ana), ==, 1);
  groups = convene_registry_list_groups_for_person (registry, ana);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  g_clear_object (&groups);

  g_assert_null (convene_registry_get_roles_for_person (registry, idle, &n_roles));
  g_assert_cmpuint (n_roles, ==, 0);
  groups = convene_registry_list_groups_for_person (registry, idle);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  g_clear_object (&groups);

  /* The index follows a lead added to a group already in the registry. */
  convene_group_add_lead (second, ana_lead);
  roles = convene_registry_get_roles_for_person (registry, ana, &n_roles);
  g_assert_cmpuint (n_roles, ==, 3);
  g_assert_cmpuint (roles[2].group_position, ==, 1);
  g_assert_cmpint (roles[2].role, ==, CONVENE_ROLE_LEAD);
  groups = convene_registry_list_groups_for_person (registry, ana);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  item = g_list_model_get_item (groups, 1);
  g_assert_true (item == second);

  roles = convene_registry_get_roles_for_person (registry, bo, &n_roles);
  g_assert_cmpuint (n_roles, ==, 1);
  g_assert_cmpint (roles[0].role, ==, CONVENE_ROLE_LEAD);
}

/* The bundled Istio registry: every lead's entry points back at it. */
static void
test_lookup_roles_istio (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"),
                                            "data", "registry", "istio.json", NULL);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *people;
  guint n_leads = 0;
  guint n_entries = 0;

  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);
  people = convene_registry_get_people (registry);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);
      guint position;

      g_assert_true (convene_registry_find_group_position (registry,
                                                           convene_group_get_id (group),
                                                           &position));
      g_assert_cmpuint (position, ==, i);
      g_assert_true (convene_registry_lookup_group (registry, convene_group_get_id (group)) ==
                     group);
      n_leads += g_list_model_get_n_items (convene_group_get_leads (group));
    }

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (people, i);
      const ConveneRegistryRole *roles;
      guint n_roles;

      roles = convene_registry_get_roles_for_person (registry, person, &n_roles);
      for (guint j = 0; j < n_roles; j++)
        {
          g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry),
                                                                 roles[j].group_position);
          GListModel *leads = convene_group_get_leads (group);
          gboolean found = FALSE;

          for (guint k = 0; k < g_list_model_get_n_items (leads); k++)
            {
              g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, k);

              found |= convene_lead_get_person (lead) == person &&
                       convene_lead_get_role (lead) == roles[j].role;
            }
          g_assert_true (found);
          g_assert_true (j == 0 || roles[j].group_position >= roles[j - 1].group_position);
        }
      n_entries += n_roles;
    }

  g_assert_cmpuint (n_leads, >, 10);
  g_assert_cmpuint (n_entries, ==, n_leads);
}

/* A value quoted in a message cannot break the one line of its issue,
 * so a registry cannot forge a line of `--validate` output.
 */
static void
test_issue_escapes (void)
{
  const char *text =
    "{ \"format_version\": 1, \"community\": { \"name\": \"C\" },\n"
    "  \"people\": [ { \"id\": \"p\\nOK: 9 groups\", \"name\": \"P\" },\n"
    "              { \"id\": \"p\\nOK: 9 groups\", \"name\": \"Q\" } ],\n"
    "  \"groups\": [ { \"id\": \"g\", \"name\": \"G\\u202e\",\n"
    "                \"leads\": [ { \"person\": \"x\\r\\nOK: 9 groups\\u0085\", "
    "\"role\": \"\\t\\u001b[2J\\u007f\" } ],\n"
    "                \"artifacts\": [ { \"url\": \"https://e.org/\\u001b[2J\" } ] } ] }\n";
  const char * const lines[] = {
    "test.json:3:23: people[1].id: duplicate person id “p\\nOK: 9 groups”, "
      "already used by people[0]",
    "test.json:6:41: groups[0].artifacts[0].url: “https://e.org/\\u001B[2J” is not a valid URL: "
      "it contains a space or a control character",
    "test.json:5:40: groups[0].leads[0].person: unknown person “x\\r\\nOK: 9 groups\\u0085”; "
      "every lead must be listed in “people”",
    "test.json:5:75: warning: groups[0].leads[0].role: unknown role “\\t\\u001B[2J\\u007F”; "
      "it is shown as lead",
  };
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = load_string (text, -1, &issues, &error);
  g_assert_null (registry);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_cmpuint (issues->len, ==, G_N_ELEMENTS (lines));

  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *str = convene_issue_to_string (g_ptr_array_index (issues, i));

      g_assert_null (strpbrk (str, "\n\r"));
      g_assert_cmpstr (str, ==, lines[i]);
    }
  g_assert_null (strchr (error->message, '\n'));
}

/* The one rule for links (convene-url.c), the cases that make a link
 * other than it looks.
 */
static void
test_url_check (void)
{
  static const struct {
    const char *url;
    int code; /* -1: accepted */
  } cases[] = {
    { "https://example.org/", -1 },
    { "mailto:wg@example.org", -1 },
    { "mailto:wg@example.org?subject=Hi&body=Text&cc=a@example.org&BCC=b@example.org", -1 },
    { "mailto:wg@example.org?attach=/home/me/.ssh/id_rsa", CONVENE_URL_ERROR_UNSAFE },
    { "mailto:wg@example.org?subject=Hi&attachment=~/.gnupg", CONVENE_URL_ERROR_UNSAFE },
    { "mailto:wg@example.org?%61ttach=/etc/passwd", CONVENE_URL_ERROR_UNSAFE },
    { "mailto:wg@example.org?x-unknown=1", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\u202egnp.exe", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\u2066x\u2069", CONVENE_URL_ERROR_UNSAFE },
    { "https://exa\u200bmple.org/", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\u2060", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\ufeff", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\u2028x", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\u2029x", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/\xc2\x85x", CONVENE_URL_ERROR_UNSAFE },
    { "https://evil.example\\@example.org/", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org\\.evil.example/", CONVENE_URL_ERROR_UNSAFE },
    { "https://example.org/path\\with\\backslashes", -1 },
    { "https://b\u00fccher.example/", -1 },
  };
  g_autoptr(GString) long_url = g_string_new ("https://example.org/");
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) case_error = NULL;
      gboolean ok = convene_url_check (cases[i].url, &case_error);

      g_test_message ("%s", cases[i].url);
      if (cases[i].code < 0)
        {
          g_assert_no_error (case_error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (case_error, CONVENE_URL_ERROR, cases[i].code);
          g_assert_false (ok);
        }
    }

  /* A host in another script is kept as punycode, so what the app shows
   * cannot pass for a look-alike in Latin letters.
   */
  uri = g_uri_parse ("https://\u0440\u0430ypal.example/", G_URI_FLAGS_NONE, NULL);
  g_assert_true (convene_url_check ("https://\u0440\u0430ypal.example/", NULL));
  g_assert_cmpstr (g_uri_get_host (uri), ==, "xn--ypal-43d9g.example");

  /* At most CONVENE_URL_MAX_LENGTH characters. */
  while (g_utf8_strlen (long_url->str, -1) < CONVENE_URL_MAX_LENGTH)
    g_string_append (long_url, "\u00e9");
  g_assert_true (convene_url_check (long_url->str, NULL));
  g_string_append_c (long_url, 'x');
  g_assert_false (convene_url_check (long_url->str, &error));
  g_assert_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the URL is longer than 2048 characters");
}

/* Every text has a bound (docs/registry-format.md): at the bound it
 * loads, one character more is an error located at the value.
 */
static void
test_limits_texts (void)
{
  static const struct { const char *member; guint max; } cases[] = {
    { "name", 200 }, { "id", 100 }, { "description", 10000 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint extra = 0; extra < 2; extra++)
      {
        g_autoptr(GString) value = g_string_new (NULL);
        g_autofree char *text = NULL;
        g_autofree char *message = NULL;
        g_autoptr(ConveneRegistry) registry = NULL;
        g_autoptr(GPtrArray) issues = NULL;
        g_autoptr(GError) error = NULL;

        /* Characters, not bytes: each “é” is two bytes. */
        for (guint i = 0; i < cases[c].max + extra; i++)
          g_string_append (value, "\u00e9");
        text = g_strdup_printf ("{ \"format_version\": 1, \"community\": { \"name\": \"C\" },\n"
                                "  \"groups\": [ { \"id\": \"%s\", \"name\": \"%s\", "
                                "\"description\": \"%s\" } ] }\n",
                                c == 1 ? value->str : "g", c == 0 ? value->str : "G",
                                c == 2 ? value->str : "D");

        registry = load_string (text, -1, &issues, &error);
        if (extra == 0)
          {
            g_assert_no_error (error);
            g_assert_cmpuint (issues->len, ==, 0);
            continue;
          }

        g_assert_null (registry);
        g_assert_cmpuint (issues->len, ==, 1);
        message = convene_issue_to_string (g_ptr_array_index (issues, 0));
        g_assert_cmpstr (message, ==,
                         cases[c].max == 200
                           ? "test.json:2:36: groups[0].name: too long: at most 200 characters are allowed"
                         : cases[c].max == 100
                           ? "test.json:2:23: groups[0].id: too long: at most 100 characters are allowed"
                           : "test.json:2:56: groups[0].description: too long: at most 10000 characters are allowed");
      }

  {
    g_autoptr(GString) topics = g_string_new (NULL);
    g_autofree char *text = NULL;
    g_autofree char *message = NULL;
    g_autoptr(ConveneRegistry) registry = NULL;
    g_autoptr(GPtrArray) issues = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 51; i++)
      g_string_append_printf (topics, "%s\"t%u\"", i > 0 ? ", " : "", i);
    text = g_strdup_printf ("{ \"format_version\": 1, \"community\": { \"name\": \"C\" },\n"
                            "\"groups\": [ { \"id\": \"g\", \"name\": \"G\", \"topics\": [ %s ] } ] }",
                            topics->str);
    registry = load_string (text, -1, &issues, &error);
    g_assert_null (registry);
    g_assert_cmpuint (issues->len, ==, 1);
    message = convene_issue_to_string (g_ptr_array_index (issues, 0));
    g_assert_cmpstr (message, ==, "test.json:2:391: groups[0].topics: too many topics: at most 50 are allowed");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/load/full", test_load_full);
  g_test_add_func ("/registry/load/canonical", test_load_canonical);
  g_test_add_func ("/registry/load/unknown-fields", test_load_unknown_fields);
  g_test_add_func ("/registry/load/warnings", test_load_warnings);
  g_test_add_func ("/registry/load/source-default", test_load_source_default);
  g_test_add_func ("/registry/load/missing", test_load_missing);
  g_test_add_func ("/registry/load/empty-names", test_load_empty_names);
  g_test_add_func ("/registry/load/types", test_load_types);
  g_test_add_func ("/registry/load/duplicates", test_load_duplicates);
  g_test_add_func ("/registry/load/urls", test_load_urls);
  g_test_add_func ("/registry/load/meetings", test_load_meetings);
  g_test_add_func ("/registry/load/meeting-values", test_load_meeting_values);
  g_test_add_func ("/registry/load/version/newer", test_load_version_newer);
  g_test_add_func ("/registry/load/version/missing", test_load_version_missing);
  g_test_add_func ("/registry/load/version/invalid", test_load_version_invalid);
  g_test_add_func ("/registry/load/not-object", test_load_not_object);
  g_test_add_func ("/registry/load/member-names", test_load_member_names);
  g_test_add_func ("/registry/load/file-not-found", test_load_file_not_found);
  g_test_add_func ("/registry/load/async", test_load_async);
  g_test_add_func ("/registry/load/async-cancelled", test_load_async_cancelled);
  g_test_add_func ("/registry/load/issue-escapes", test_issue_escapes);
  g_test_add_func ("/registry/url/check", test_url_check);
  g_test_add_func ("/registry/syntax/errors", test_syntax_errors);
  g_test_add_func ("/registry/syntax/duplicate-members", test_syntax_duplicate_members);
  g_test_add_func ("/registry/syntax/truncated", test_syntax_truncated);
  g_test_add_func ("/registry/syntax/invalid-utf8", test_syntax_invalid_utf8);
  g_test_add_func ("/registry/syntax/nul-byte", test_syntax_nul_byte);
  g_test_add_func ("/registry/syntax/empty", test_syntax_empty);
  g_test_add_func ("/registry/syntax/bom", test_syntax_bom);
  g_test_add_func ("/registry/limits/texts", test_limits_texts);
  g_test_add_func ("/registry/limits/deep", test_limits_deep);
  g_test_add_func ("/registry/limits/size-bytes", test_limits_size_bytes);
  g_test_add_func ("/registry/limits/size-file", test_limits_size_file);
  g_test_add_func ("/registry/limits/large-valid", test_limits_large_valid);
  g_test_add_func ("/registry/limits/large-errors", test_limits_large_errors);
  g_test_add_func ("/registry/write/layout", test_write_layout);
  g_test_add_func ("/registry/write/round-trip", test_write_round_trip);
  g_test_add_func ("/registry/write/unlisted-lead", test_write_unlisted_lead);
  g_test_add_func ("/registry/write/save", test_write_save);
  g_test_add_func ("/registry/lookup/groups-for-person", test_lookup_groups_for_person);
  g_test_add_func ("/registry/lookup/roles", test_lookup_roles);
  g_test_add_func ("/registry/lookup/roles-built", test_lookup_roles_built);
  g_test_add_func ("/registry/lookup/roles-istio", test_lookup_roles_istio);

  return g_test_run ();
}
