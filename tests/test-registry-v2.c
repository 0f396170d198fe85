/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "convene-registry-cache.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "test-utils.h"

/* Tests of the registry format v2: its members load, write and load
 * again unchanged, also through the binary cache; a v1 file becomes v2
 * without losing anything; bad v2 values are errors at their place.
 */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "registry", name, NULL);
}

static ConveneRegistry *
load_text (const char  *text,
           GPtrArray  **issues,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return convene_registry_load_from_bytes (bytes, "v2.json", issues, error);
}

static ConveneGroup *
group_at (ConveneRegistry *registry,
          guint            position)
{
  g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), position);

  g_assert_nonnull (group);
  return group;   /* the registry keeps it */
}

static ConveneLink *
link_at (ConveneGroup *group,
         guint         position)
{
  g_autoptr(ConveneLink) link = g_list_model_get_item (convene_group_get_links (group), position);

  g_assert_nonnull (link);
  return link;
}

/* full-v2.json has every v2 member; each reaches the model. */
static void
test_v2_load (void)
{
  g_autofree char *path = data_path ("full-v2.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(ConveneMeeting) community_meeting = NULL;
  g_autoptr(ConveneLead) chair = NULL;
  g_autoptr(ConveneLead) emeritus = NULL;
  ConveneCommunity *community;
  ConveneGroup *apps, *kompose, *serving;
  const char * const apps_feeds[] = { "https://calendar.example.org/sig-apps.ics", NULL };
  const char * const community_feeds[] = { "https://calendar.example.org/community.ics", NULL };
  const char * const liaisons[] = { "saschagrunert", NULL };
  const struct {
    ConveneLinkKind kind;
    const char *label;
    const char *url;
  } links[] = {
    { CONVENE_LINK_NOTES, "Notes", "https://docs.example.org/sig-apps" },
    { CONVENE_LINK_CHARTER, NULL,
      "https://github.com/kubernetes/community/blob/master/sig-apps/charter.md" },
    { CONVENE_LINK_SLACK, "#sig-apps", "https://kubernetes.slack.com/messages/sig-apps" },
    { CONVENE_LINK_MATRIX, "#sig-apps:matrix.org", "https://matrix.to/#/#sig-apps:matrix.org" },
    { CONVENE_LINK_ZULIP, "sig-apps", "https://k8s.zulipchat.com/#narrow/stream/sig-apps" },
    { CONVENE_LINK_DISCORD, "#apps", "https://discord.gg/apps" },
    { CONVENE_LINK_IRC, "#sig-apps", "https://web.libera.chat/#sig-apps" },
    { CONVENE_LINK_MAILING_LIST, "kubernetes-sig-apps",
      "https://groups.google.com/a/kubernetes.io/g/sig-apps" },
    { CONVENE_LINK_MAILING_LIST, NULL, "mailto:sig-apps@kubernetes.io" },
  };

  registry = convene_registry_load_from_file (path, &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);

  community = convene_registry_get_community (registry);
  g_assert_cmpstrv (convene_community_get_calendar_feeds (community), community_feeds);
  community_meeting = g_list_model_get_item (convene_community_get_meetings (community), 0);
  g_assert_cmpstr (convene_meeting_get_title (community_meeting), ==, "Community Meeting");
  g_assert_cmpstr (convene_meeting_get_notes_url (community_meeting), ==,
                   "https://docs.example.org/community");

  apps = group_at (registry, 0);
  kompose = group_at (registry, 1);
  serving = group_at (registry, 2);
  g_assert_cmpint (convene_group_get_kind (apps), ==, CONVENE_GROUP_KIND_SIG);
  g_assert_cmpint (convene_group_get_kind (kompose), ==, CONVENE_GROUP_KIND_SUBPROJECT);
  g_assert_cmpint (convene_group_get_kind (serving), ==, CONVENE_GROUP_KIND_WORKING_GROUP);
  g_assert_null (convene_group_get_parent_id (apps));
  g_assert_cmpstr (convene_group_get_parent_id (kompose), ==, "sig-apps");
  g_assert_cmpstrv (convene_group_get_liaisons (apps), liaisons);
  g_assert_cmpstrv (convene_group_get_calendar_feeds (apps), apps_feeds);

  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_links (apps)), ==,
                    G_N_ELEMENTS (links));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      ConveneLink *link = link_at (apps, i);

      g_assert_cmpint (convene_link_get_kind (link), ==, links[i].kind);
      g_assert_cmpstr (convene_link_get_label (link), ==, links[i].label);
      g_assert_cmpstr (convene_link_get_url (link), ==, links[i].url);
      g_assert_cmpint (convene_link_kind_is_chat (links[i].kind), ==,
                       links[i].kind == CONVENE_LINK_SLACK ||
                       (links[i].kind >= CONVENE_LINK_MATRIX && links[i].kind <= CONVENE_LINK_IRC));
    }

  meeting = g_list_model_get_item (convene_group_get_meetings (apps), 0);
  g_assert_cmpstr (convene_meeting_get_title (meeting), ==, "Regular SIG Meeting");
  g_assert_cmpstr (convene_meeting_get_notes_url (meeting), ==,
                   "https://docs.google.com/document/d/1LZLBGW2");
  g_assert_cmpstr (convene_meeting_get_recordings_url (meeting), ==,
                   "https://www.youtube.com/playlist?list=APPS");
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 2);

  chair = g_list_model_get_item (convene_group_get_leads (apps), 0);
  emeritus = g_list_model_get_item (convene_group_get_leads (apps), 1);
  g_assert_cmpint (convene_lead_get_role (chair), ==, CONVENE_ROLE_CHAIR);
  g_assert_cmpstr (convene_lead_get_term_start (chair), ==, "2021-06-01");
  g_assert_null (convene_lead_get_term_end (chair));
  g_assert_cmpint (convene_lead_get_role (emeritus), ==, CONVENE_ROLE_EMERITUS);
  g_assert_cmpstr (convene_lead_get_term_start (emeritus), ==, "2017-01-01");
  g_assert_cmpstr (convene_lead_get_term_end (emeritus), ==, "2020-12-31");
}

/* full-v2.json is written the way the writer writes: it comes back byte
 * for byte, so every v2 member is written, in its documented place.
 */
static void
test_v2_canonical (void)
{
  g_autofree char *path = data_path ("full-v2.json");
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);

  json = convene_registry_to_json (registry);
  g_assert_cmpstr (json, ==, contents);
}

/* A v1 file: its slack artifact is a chat channel; written as v2 and
 * loaded again, nothing is lost and a second round changes nothing.
 */
static void
test_v1_to_v2 (void)
{
  const char *v1 =
    "{ \"format_version\": 1, \"community\": { \"name\": \"Istio\" },\n"
    "  \"people\": [ { \"id\": \"lr\", \"name\": \"Louis Ryan\" } ],\n"
    "  \"groups\": [ { \"id\": \"net\", \"name\": \"Networking\", \"kind\": \"sig\",\n"
    "    \"parent\": \"nowhere\", \"charter_url\": \"https://example.org/c\",\n"
    "    \"artifacts\": [\n"
    "      { \"kind\": \"forum\", \"label\": \"Forum\", \"url\": \"https://discuss.istio.io\" },\n"
    "      { \"kind\": \"slack\", \"label\": \"#networking\",\n"
    "        \"url\": \"https://istio.slack.com/messages/C1\" },\n"
    "      { \"kind\": \"notes\", \"label\": \"Notes\",\n"
    "        \"url\": \"https://docs.example.org/n\" } ],\n"
    "    \"meetings\": [ { \"text\": \"Thursdays 10:00 PT\", \"title\": \"ignored in v1\",\n"
    "      \"weekday\": \"thursday\", \"start\": \"10:00\",\n"
    "      \"timezone\": \"America/Los_Angeles\",\n"
    "      \"interval_weeks\": 1 } ],\n"
    "    \"leads\": [ { \"person\": \"lr\", \"role\": \"chair\",\n"
    "      \"term\": { \"start\": \"not read in v1\" } } ] } ] }\n";
  g_autoptr(ConveneRegistry) first = NULL;
  g_autoptr(ConveneRegistry) second = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(ConveneLead) lead = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  ConveneGroup *group;

  /* v2 members in a v1 file are unknown members: not read, no error */
  first = load_text (v1, &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  group = group_at (first, 0);
  g_assert_cmpint (convene_group_get_kind (group), ==, CONVENE_GROUP_KIND_NONE);
  g_assert_null (convene_group_get_parent_id (group));
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_links (group)), ==, 3);
  g_assert_cmpint (convene_link_get_kind (link_at (group, 1)), ==, CONVENE_LINK_SLACK);
  meeting = g_list_model_get_item (convene_group_get_meetings (group), 0);
  g_assert_null (convene_meeting_get_title (meeting));
  lead = g_list_model_get_item (convene_group_get_leads (group), 0);
  g_assert_null (convene_lead_get_term_start (lead));

  json = convene_registry_to_json (first);
  g_assert_true (g_str_has_prefix (json, "{\n  \"format_version\": 2,\n"));
  g_assert_nonnull (strstr (json, "\"chat\": [\n        {\n          \"kind\": \"slack\",\n"
                                  "          \"name\": \"#networking\",\n"));
  g_assert_null (strstr (json, "\"kind\": \"slack\",\n          \"label\""));

  g_clear_pointer (&issues, g_ptr_array_unref);
  second = load_text (json, &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);

  /* The same links, the chat channel after the artifacts */
  group = group_at (second, 0);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_links (group)), ==, 3);
  g_assert_cmpint (convene_link_get_kind (link_at (group, 0)), ==, CONVENE_LINK_FORUM);
  g_assert_cmpint (convene_link_get_kind (link_at (group, 1)), ==, CONVENE_LINK_NOTES);
  g_assert_cmpint (convene_link_get_kind (link_at (group, 2)), ==, CONVENE_LINK_SLACK);
  g_assert_cmpstr (convene_link_get_label (link_at (group, 2)), ==, "#networking");
  g_assert_cmpstr (convene_link_get_url (link_at (group, 2)), ==,
                   "https://istio.slack.com/messages/C1");

  again = convene_registry_to_json (second);
  g_assert_cmpstr (again, ==, json);
}

/* A model the loader would not make (a chat link without a label, two
 * charters, a chat link before the artifacts) is written so that it
 * loads, and a second round writes the same bytes.
 */
static void
test_v2_write_stable (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("C");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConveneGroup) group = convene_group_new ("g", "G");
  g_autofree char *long_url = g_strdup_printf ("https://example.org/%0300d", 0);
  const struct {
    ConveneLinkKind kind;
    const char *label;
    const char *url;
  } links[] = {
    { CONVENE_LINK_MATRIX, NULL, "https://matrix.to/#/#g:example.org" },
    { CONVENE_LINK_CHARTER, NULL, "https://example.org/old-charter" },
    { CONVENE_LINK_NOTES, "Notes", "https://example.org/notes" },
    { CONVENE_LINK_SLACK, " ", long_url },
    { CONVENE_LINK_CHARTER, "Charter", "https://example.org/charter" },
  };
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *third = NULL;
  g_autoptr(ConveneRegistry) reloaded = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(ConveneLink) link = convene_link_new (links[i].kind, links[i].label, links[i].url);

      convene_group_add_link (group, link);
    }
  convene_registry_add_group (registry, group);
  /* What the loader records, so that the outputs can be compared whole */
  convene_registry_set_source (registry, "json", "v2.json", NULL);

  json = convene_registry_to_json (registry);
  g_assert_nonnull (strstr (json, "\"charter_url\": \"https://example.org/charter\""));
  g_assert_nonnull (strstr (json, "\"name\": \"https://matrix.to/#/#g:example.org\""));
  g_assert_nonnull (strstr (json, "\"name\": \"slack\""));

  loaded = load_text (json, &issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  again = convene_registry_to_json (loaded);

  g_clear_pointer (&issues, g_ptr_array_unref);
  reloaded = load_text (again, &issues, &error);
  g_assert_no_error (error);
  third = convene_registry_to_json (reloaded);
  g_assert_cmpstr (third, ==, again);
  g_assert_cmpstr (again, ==, json);
}

/* The binary cache keeps every v2 member: a cached load writes the same
 * JSON as the load that filled the cache.
 */
static void
test_v2_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-v2-cache-XXXXXX", NULL);
  g_autofree char *source = data_path ("full-v2.json");
  g_autofree char *path = g_build_filename (dir, "full-v2.json", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *json_parsed = NULL;
  g_autofree char *json_cached = NULL;
  g_autoptr(ConveneRegistry) parsed = NULL;
  g_autoptr(ConveneRegistry) cached = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_cache = TRUE;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  parsed = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (from_cache);
  cached = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (from_cache);

  json_parsed = convene_registry_to_json (parsed);
  json_cached = convene_registry_to_json (cached);
  g_assert_cmpstr (json_parsed, ==, contents);
  g_assert_cmpstr (json_cached, ==, contents);

  test_remove_tree (dir);
}

typedef struct
{
  const char *group_json;     /* the members after id and name of group "g" */
  guint line;
  guint column;
  const char *path;
  const char *message;
  gboolean is_warning;
} BadValue;

/* Each bad v2 value is an error (or a warning) at its place in the file. */
static void
test_v2_bad_values (void)
{
  const BadValue cases[] = {
    { "\"kind\": \"sig\",\n\"parent\": \"nope\"", 5, 11, "groups[1].parent",
      "unknown parent group “nope”" },
    { "\"parent\": \"g\"", 4, 11, "groups[1].parent", "cannot be its own parent" },
    { "\"parent\": \"h\"", 2, 49, "groups[0].parent", "lead back to itself" },
    { "\"kind\": \"guild\"", 4, 9, "groups[1].kind", "unknown group kind “guild”", TRUE },
    { "\"kind\": 3", 4, 9, "groups[1].kind", "expected a string" },
    { "\"chat\": [ { \"kind\": \"icq\", \"name\": \"x\", \"url\": \"https://x.org\" } ]", 4, 21,
      "groups[1].chat[0].kind", "unknown chat kind “icq”" },
    { "\"chat\": [ { \"kind\": \"matrix\", \"url\": \"https://x.org\" } ]", 4, 11,
      "groups[1].chat[0].name", "required member is missing" },
    { "\"chat\": [ { \"kind\": \"irc\", \"name\": \"#x\", \"url\": \"irc://libera.chat/x\" } ]", 4,
      49, "groups[1].chat[0].url", "URL scheme" },
    { "\"mailing_lists\": [ { \"label\": \"l\" } ]", 4, 20, "groups[1].mailing_lists[0].url",
      "required member is missing" },
    { "\"charter_url\": \"charter.md\"", 4, 16, "groups[1].charter_url", "is not a valid URL" },
    { "\"liaisons\": [ \"nobody\" ]", 4, 15, "groups[1].liaisons[0]",
      "unknown person “nobody”" },
    { "\"liaisons\": [ 7 ]", 4, 15, "groups[1].liaisons[0]", "expected a string" },
    { "\"calendar_feeds\": [ \"webcal://x.org/a.ics\" ]", 4, 21, "groups[1].calendar_feeds[0]",
      "URL scheme" },
    { "\"leads\": [ { \"person\": \"p\", \"term\": { \"start\": \"2024-13-01\" } } ]", 4, 48,
      "groups[1].leads[0].term.start", "“2024-13-01” is not a date" },
    { "\"leads\": [ { \"person\": \"p\", \"term\": { \"start\": \"2024-02-01\", "
      "\"end\": \"2023-01-01\" } } ]", 4, 69, "groups[1].leads[0].term.end",
      "the term ends (2023-01-01) before it starts (2024-02-01)" },
    { "\"leads\": [ { \"person\": \"p\", \"term\": \"2024\" } ]", 4, 37, "groups[1].leads[0].term",
      "expected an object" },
    { "\"meetings\": [ { \"text\": \"t\", \"notes_url\": \"ftp://x.org/n\" } ]", 4, 43,
      "groups[1].meetings[0].notes_url", "URL scheme" },
    { "\"meetings\": [ { \"text\": \"t\", \"title\": \"\" } ]", 4, 39,
      "groups[1].meetings[0].title", "must not be empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;
      const ConveneIssue *issue;

      /* Group "h" is the parent of "g" in the cycle case, and a plain group otherwise. */
      text = g_strdup_printf ("{ \"format_version\": 2, \"community\": { \"name\": \"C\" },"
                              " \"people\": [ { \"id\": \"p\", \"name\": \"P\" } ],\n"
                              "\"groups\": [ { \"id\": \"h\", \"name\": \"H\"%s },\n"
                              "{ \"id\": \"g\", \"name\": \"G\",\n%s } ] }\n",
                              strstr (cases[i].group_json, "\"parent\": \"h\"") != NULL
                                ? ", \"parent\": \"g\"" : "",
                              cases[i].group_json);
      registry = load_text (text, &issues, &error);
      g_test_message ("case %u: %s", i, text);

      g_assert_cmpuint (issues->len, >=, 1);
      issue = g_ptr_array_index (issues, 0);
      if (cases[i].is_warning)
        {
          g_assert_no_error (error);
          g_assert_nonnull (registry);
          g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_WARNING);
        }
      else
        {
          g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
          g_assert_null (registry);
          g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_ERROR);
        }
      g_test_message ("case %u: %u:%u %s: %s", i, issue->line, issue->column, issue->path,
                      issue->message);
      g_assert_cmpstr (issue->file, ==, "v2.json");
      g_assert_cmpstr (issue->path, ==, cases[i].path);
      g_assert_cmpuint (issue->line, ==, cases[i].line);
      g_assert_cmpuint (issue->column, ==, cases[i].column);
      if (strstr (issue->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, issue->message, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry-v2/load", test_v2_load);
  g_test_add_func ("/registry-v2/canonical", test_v2_canonical);
  g_test_add_func ("/registry-v2/from-v1", test_v1_to_v2);
  g_test_add_func ("/registry-v2/write-stable", test_v2_write_stable);
  g_test_add_func ("/registry-v2/cache", test_v2_cache);
  g_test_add_func ("/registry-v2/bad-values", test_v2_bad_values);

  return g_test_run ();
}
