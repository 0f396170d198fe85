/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <yaml.h>

#include "convene-kubernetes.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "convene-url.h"

/* Tests of the sigs.yaml / tags.yaml importer. The fixture tests read
 * the YAML themselves with libyaml's document loader (not the importer's
 * tree) and check that every group, every lead's GitHub login, every
 * meeting URL, every subproject and working group, every Slack channel,
 * mailing list and liaison reaches the registry, and that every schedule
 * the parser could not read is a warning at the meeting's line.
 */

typedef struct
{
  yaml_document_t doc;
  ConveneRegistry *registry;
  GPtrArray *issues;
  guint n_groups, n_leads, n_meetings, n_urls, n_children;
  guint n_parsed, n_unparsed;
} Check;

static char *
fixture_path (const char *dir,
              const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
}

static yaml_node_t *
node_at (Check *c,
         int    index)
{
  return yaml_document_get_node (&c->doc, index);
}

static yaml_node_t *
lookup (Check       *c,
        yaml_node_t *mapping,
        const char  *key)
{
  if (mapping == NULL || mapping->type != YAML_MAPPING_NODE)
    return NULL;

  for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
       pair < mapping->data.mapping.pairs.top; pair++)
    {
      yaml_node_t *k = node_at (c, pair->key);

      if (k->type == YAML_SCALAR_NODE && strcmp ((const char *)k->data.scalar.value, key) == 0)
        return node_at (c, pair->value);
    }

  return NULL;
}

static const char *
lookup_string (Check       *c,
               yaml_node_t *mapping,
               const char  *key)
{
  yaml_node_t *node = lookup (c, mapping, key);

  return node != NULL && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
                                                         : NULL;
}

static guint
n_items (yaml_node_t *node)
{
  if (node == NULL || node->type != YAML_SEQUENCE_NODE)
    return 0;
  return node->data.sequence.items.top - node->data.sequence.items.start;
}

static yaml_node_t *
item (Check       *c,
      yaml_node_t *node,
      guint        i)
{
  return node_at (c, node->data.sequence.items.start[i]);
}

/* The group of @name whose parent is @parent_id (NULL for top level) */
static ConveneGroup *
find_group (Check      *c,
            const char *name,
            const char *parent_id,
            ConveneGroupKind kind)
{
  GListModel *groups = G_LIST_MODEL (c->registry);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (convene_group_get_name (group), name) == 0 &&
          g_strcmp0 (convene_group_get_parent_id (group), parent_id) == 0 &&
          convene_group_get_kind (group) == kind)
        return group;
    }

  g_error ("group “%s” (parent %s) is not in the registry", name, parent_id);
  return NULL;
}

static gboolean
has_link (ConveneGroup    *group,
          ConveneLinkKind  kind,
          const char      *url)
{
  GListModel *links = convene_group_get_links (group);

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      if (convene_link_get_kind (link) == kind && g_strcmp0 (convene_link_get_url (link), url) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_lead (Check        *c,
             ConveneGroup *group,
             const char   *github,
             ConveneRole   role)
{
  GListModel *leads = convene_group_get_leads (group);

  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (g_strcmp0 (convene_person_get_github (convene_lead_get_person (lead)), github) == 0 &&
          convene_lead_get_role (lead) == role)
        {
          c->n_leads++;
          return;
        }
    }

  g_error ("%s of group “%s” is not a lead in role %s", github, convene_group_get_name (group),
           convene_role_to_string (role));
}

static gboolean
has_warning_at (Check *c,
                guint  line)
{
  for (guint i = 0; i < c->issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (c->issues, i);

      if (issue->line == line && issue->severity == CONVENE_SEVERITY_WARNING &&
          strstr (issue->message, "could not be read") != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_issue_at (Check      *c,
              guint       line,
              const char *part)
{
  for (guint i = 0; i < c->issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (c->issues, i);

      if (issue->line == line && strstr (issue->message, part) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A URL of the YAML is in the model, or, when it is no URL (“TBD”), is
 * a warning at its line.
 */
static void
assert_url (Check       *c,
            yaml_node_t *entry,
            const char  *key,
            const char  *actual)
{
  yaml_node_t *node = lookup (c, entry, key);
  const char *expected = lookup_string (c, entry, key);

  if (expected == NULL)
    {
      g_assert_null (actual);
      return;
    }

  if (convene_url_check (expected, NULL))
    {
      g_assert_cmpstr (actual, ==, expected);
      c->n_urls++;
    }
  else
    {
      g_assert_null (actual);
      g_assert_true (has_issue_at (c, node->start_mark.line + 1, key));
    }
}

static void
check_meetings (Check        *c,
                yaml_node_t  *list,
                ConveneGroup *group)
{
  GListModel *meetings = convene_group_get_meetings (group);

  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, n_items (list));
  for (guint i = 0; i < n_items (list); i++)
    {
      yaml_node_t *entry = item (c, list, i);
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);

      g_assert_cmpstr (convene_meeting_get_title (meeting), ==,
                       lookup_string (c, entry, "description"));
      assert_url (c, entry, "url", convene_meeting_get_url (meeting));
      assert_url (c, entry, lookup_string (c, entry, "archive_url") != NULL ? "archive_url"
                                                                          : "meeting_notes_url",
                  convene_meeting_get_notes_url (meeting));
      assert_url (c, entry, "recordings_url", convene_meeting_get_recordings_url (meeting));
      assert_url (c, entry, "calendar_url", convene_meeting_get_calendar_url (meeting));
      c->n_meetings++;

      /* The schedule's words are kept; one not understood is said */
      g_assert_nonnull (strstr (convene_meeting_get_text (meeting),
                                lookup_string (c, entry, "day")));
      if (convene_meeting_has_schedule (meeting))
        c->n_parsed++;
      else
        {
          c->n_unparsed++;
          g_test_message ("not read: %s (line %zu)", convene_meeting_get_text (meeting),
                          entry->start_mark.line + 1);
          g_assert_true (has_warning_at (c, entry->start_mark.line + 1));
        }
    }
}

static void check_group (Check *c, yaml_node_t *entry, ConveneGroupKind kind,
                         const char *parent_id);

static void
check_leadership (Check        *c,
                  yaml_node_t  *leadership,
                  ConveneGroup *group)
{
  static const struct {
    const char *key;
    ConveneRole role;
  } roles[] = {
    { "chairs", CONVENE_ROLE_CHAIR },
    { "tech_leads", CONVENE_ROLE_TECH_LEAD },
    { "emeritus_leads", CONVENE_ROLE_EMERITUS },
    { "leads", CONVENE_ROLE_LEAD },
  };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      yaml_node_t *list = lookup (c, leadership, roles[r].key);

      for (guint i = 0; i < n_items (list); i++)
        assert_lead (c, group, lookup_string (c, item (c, list, i), "github"), roles[r].role);
    }
}

static void
check_liaison (Check        *c,
               yaml_node_t  *person,
               ConveneGroup *group)
{
  g_autofree char *id = g_utf8_strdown (lookup_string (c, person, "github"), -1);

  g_assert_true (g_strv_contains (convene_group_get_liaisons (group), id));
}

static void
check_group (Check            *c,
             yaml_node_t      *entry,
             ConveneGroupKind  kind,
             const char       *parent_id)
{
  ConveneGroup *group = find_group (c, lookup_string (c, entry, "name"), parent_id, kind);
  yaml_node_t *contact = lookup (c, entry, "contact");
  yaml_node_t *node;
  const char *str;

  c->n_groups += parent_id == NULL;
  c->n_children += parent_id != NULL;

  if ((str = lookup_string (c, entry, "dir")) != NULL)
    g_assert_cmpstr (convene_group_get_id (group), ==, str);

  check_leadership (c, lookup (c, entry, "leadership"), group);
  node = lookup (c, entry, "leads");
  for (guint i = 0; i < n_items (node); i++)
    assert_lead (c, group, lookup_string (c, item (c, node, i), "github"), CONVENE_ROLE_LEAD);

  check_meetings (c, lookup (c, entry, "meetings"), group);

  if ((str = lookup_string (c, contact, "slack")) != NULL)
    {
      g_autofree char *name = g_strconcat ("#", str, NULL);
      ConveneLink *chat = convene_group_find_link (group, CONVENE_LINK_SLACK);

      g_assert_nonnull (chat);
      g_assert_cmpstr (convene_link_get_label (chat), ==, name);
    }
  if ((str = lookup_string (c, contact, "mailing_list")) != NULL)
    g_assert_true (has_link (group, CONVENE_LINK_MAILING_LIST, str));
  if ((node = lookup (c, contact, "liaison")) != NULL)
    check_liaison (c, node, group);
  node = lookup (c, contact, "liaisons");
  for (guint i = 0; i < n_items (node); i++)
    check_liaison (c, item (c, node, i), group);
  node = lookup (c, contact, "teams");
  for (guint i = 0; i < n_items (node); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://github.com/orgs/%s/teams/%s",
                                              lookup (c, yaml_document_get_root_node (&c->doc),
                                                      "tags") != NULL ? "cncf" : "kubernetes",
                                              lookup_string (c, item (c, node, i), "name"));

      g_assert_true (has_link (group, CONVENE_LINK_OTHER, url));
    }
  node = lookup (c, entry, "owners");
  for (guint i = 0; i < n_items (node); i++)
    g_assert_true (has_link (group, CONVENE_LINK_OTHER,
                             (const char *)item (c, node, i)->data.scalar.value));

  node = lookup (c, entry, "subprojects");
  for (guint i = 0; i < n_items (node); i++)
    check_group (c, item (c, node, i), CONVENE_GROUP_KIND_SUBPROJECT,
                 convene_group_get_id (group));
  node = lookup (c, entry, "working_groups");
  for (guint i = 0; i < n_items (node); i++)
    check_group (c, item (c, node, i), CONVENE_GROUP_KIND_WORKING_GROUP,
                 convene_group_get_id (group));
}

/* Imports @path, checks it against its own YAML, and that the registry
 * written out loads again without a single issue.
 */
static void
check_fixture (const char *dir,
               const char *name,
               Check      *c)
{
  static const struct {
    const char *key;
    ConveneGroupKind kind;
  } lists[] = {
    { "sigs", CONVENE_GROUP_KIND_SIG },
    { "workinggroups", CONVENE_GROUP_KIND_WORKING_GROUP },
    { "usergroups", CONVENE_GROUP_KIND_USER_GROUP },
    { "committees", CONVENE_GROUP_KIND_COMMITTEE },
    { "tags", CONVENE_GROUP_KIND_TAG },
  };
  g_autofree char *path = fixture_path (dir, name);
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) load_issues = NULL;
  g_autoptr(ConveneRegistry) loaded = NULL;
  yaml_parser_t parser;
  yaml_node_t *root;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (yaml_parser_initialize (&parser));
  yaml_parser_set_input_string (&parser, (const unsigned char *)contents, length);
  g_assert_true (yaml_parser_load (&parser, &c->doc));
  yaml_parser_delete (&parser);

  c->registry = convene_kubernetes_import (contents, length, path, NULL, &c->issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c->registry);

  root = yaml_document_get_root_node (&c->doc);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      yaml_node_t *list = lookup (c, root, lists[l].key);

      for (guint i = 0; i < n_items (list); i++)
        check_group (c, item (c, list, i), lists[l].kind, NULL);
    }

  /* Nothing else became a group */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c->registry)), ==,
                    c->n_groups + c->n_children);

  json = convene_registry_to_json (c->registry);
  bytes = g_bytes_new (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "imported.json", &load_issues, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load_issues->len, ==, 0);

  g_test_message ("%s: %u groups, %u child groups, %u leads, %u meetings (%u URLs); "
                  "schedules: %u read, %u not read; %u warnings",
                  name, c->n_groups, c->n_children, c->n_leads, c->n_meetings, c->n_urls,
                  c->n_parsed, c->n_unparsed, c->issues->len);
  g_print ("# %s: schedules read %u, not read %u\n", name, c->n_parsed, c->n_unparsed);
}

static void
check_clear (Check *c)
{
  yaml_document_delete (&c->doc);
  g_clear_object (&c->registry);
  g_clear_pointer (&c->issues, g_ptr_array_unref);
}

static void
test_kubernetes_fixture (void)
{
  Check c = { 0 };

  check_fixture ("kubernetes", "sigs-2026-08-21.yaml", &c);
  /* The fixture as the issue counts it: 24 SIGs, 8 WGs, 3 committees */
  g_assert_cmpuint (c.n_groups, ==, 35);
  check_clear (&c);
}

static void
test_cncf_fixture (void)
{
  Check c = { 0 };

  check_fixture ("cncf", "tags-2022-10-10.yaml", &c);
  check_clear (&c);
}

/* CNCF leadership terms: a term that ended is an emeritus lead; the TOC
 * liaison, meeting notes and the TAG calendar are kept.
 */
static void
test_cncf_terms (void)
{
  const char *yaml =
    "tags:\n"
    "  - dir: tag-runtime\n"
    "    name: Runtime\n"
    "    tag_calendar: https://calendar.example.org/tag-runtime.ics\n"
    "    leadership:\n"
    "      chairs:\n"
    "        - github: Current\n"
    "          name: Cur Rent\n"
    "          term: { start: 2021-01-01 }\n"
    "        - github: former\n"
    "          name: For Mer\n"
    "          term: { start: 2018-01-01, end: 2020-12-31 }\n"
    "      tech_leads:\n"
    "        - github: techie\n"
    "          name: Tech Ie\n"
    "          term_start: 2022-05-01\n"
    "          term_end: 2999-01-01\n"
    "    toc_liaison:\n"
    "      github: tocperson\n"
    "      name: Toc Person\n"
    "    meetings:\n"
    "      - description: TAG Runtime Meeting\n"
    "        day: Thursday\n"
    "        time: \"08:00\"\n"
    "        tz: PT (Pacific Time)\n"
    "        frequency: weekly\n"
    "        meeting_notes_url: https://docs.example.org/runtime\n"
    "    working_groups:\n"
    "      - name: WG Batch\n"
    "        leads:\n"
    "          - github: batcher\n"
    "            name: Bat Cher\n";
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneGroup) tag = NULL;
  g_autoptr(ConveneGroup) wg = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  const char * const feeds[] = { "https://calendar.example.org/tag-runtime.ics", NULL };
  const char * const liaisons[] = { "tocperson", NULL };
  const struct {
    const char *github;
    ConveneRole role;
    const char *start;
    const char *end;
  } leads[] = {
    { "Current", CONVENE_ROLE_CHAIR, "2021-01-01", NULL },
    { "former", CONVENE_ROLE_EMERITUS, "2018-01-01", "2020-12-31" },
    { "techie", CONVENE_ROLE_TECH_LEAD, "2022-05-01", "2999-01-01" },
  };
  GListModel *model;

  registry = convene_kubernetes_import (yaml, strlen (yaml), "tags.yaml", NULL, &issues, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *str = convene_issue_to_string (g_ptr_array_index (issues, i));

      g_test_message ("issue: %s", str);
    }
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_cmpstr (convene_community_get_name (convene_registry_get_community (registry)), ==,
                   "CNCF");

  tag = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  g_assert_cmpstr (convene_group_get_id (tag), ==, "tag-runtime");
  g_assert_cmpint (convene_group_get_kind (tag), ==, CONVENE_GROUP_KIND_TAG);
  g_assert_cmpstrv (convene_group_get_calendar_feeds (tag), feeds);
  g_assert_true (has_link (tag, CONVENE_LINK_CALENDAR, feeds[0]));
  g_assert_cmpstrv (convene_group_get_liaisons (tag), liaisons);

  model = convene_group_get_leads (tag);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (leads));
  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (model, i);

      g_assert_cmpstr (convene_person_get_github (convene_lead_get_person (lead)), ==,
                       leads[i].github);
      g_assert_cmpint (convene_lead_get_role (lead), ==, leads[i].role);
      g_assert_cmpstr (convene_lead_get_term_start (lead), ==, leads[i].start);
      g_assert_cmpstr (convene_lead_get_term_end (lead), ==, leads[i].end);
    }

  meeting = g_list_model_get_item (convene_group_get_meetings (tag), 0);
  g_assert_cmpstr (convene_meeting_get_notes_url (meeting), ==, "https://docs.example.org/runtime");
  g_assert_cmpstr (convene_meeting_get_title (meeting), ==, "TAG Runtime Meeting");

  wg = g_list_model_get_item (G_LIST_MODEL (registry), 1);
  g_assert_cmpstr (convene_group_get_id (wg), ==, "tag-runtime-wg-batch");
  g_assert_cmpstr (convene_group_get_parent_id (wg), ==, "tag-runtime");
  g_assert_cmpint (convene_group_get_kind (wg), ==, CONVENE_GROUP_KIND_WORKING_GROUP);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (wg)), ==, 1);
}

typedef struct
{
  const char *yaml;
  gboolean fails;
  guint line;
  guint column;
  const char *path;
  const char *message;
} Hostile;

/* What cannot be imported is an error or a warning at its place */
static void
test_located_issues (void)
{
  g_autofree char *deep = NULL;
  GString *nest = g_string_new ("sigs: ");
  const Hostile cases[] = {
    { "sigs: [ { name: A }\n", TRUE, 2, 1, NULL, "not valid YAML" },
    { "base: &b { name: A }\nsigs: [ *b ]\n", TRUE, 2, 9, NULL, "aliases" },
    { "teams: []\n", TRUE, 1, 1, NULL, "not a sigs.yaml" },
    { "sigs:\n  - name: A\n    colour: blue\n", FALSE, 3, 5, "sigs[0].colour",
      "“colour” is not imported" },
    { "sigs:\n  - name: A\n    meetings:\n      - day: Someday\n        time: \"9:00\"\n"
      "        tz: UTC\n", FALSE, 4, 9, "sigs[0].meetings[0]", "could not be read" },
    { "sigs:\n  - name: A\n    contact:\n      mailing_list: not a url\n", FALSE, 4, 21,
      "sigs[0].contact.mailing_list", "mailing_list" },
    { "sigs:\n  - name: A\n    leadership:\n      chairs:\n        - name: B\n"
      "          github: \"not/login\"\n", FALSE, 6, 19,
      "sigs[0].leadership.chairs[0].github", "not a GitHub login" },
    { "gb_rep:\n  github: x\nsigs: []\n", FALSE, 1, 1, "gb_rep", "“gb_rep” is not imported" },
    { NULL, TRUE, 2, 0, NULL, "nested too deeply" },
  };

  for (guint i = 0; i < 100; i++)
    g_string_append_c (nest, '[');
  deep = g_string_free (nest, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *yaml = cases[i].yaml != NULL ? cases[i].yaml : deep;
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;
      const ConveneIssue *issue;

      registry = convene_kubernetes_import (yaml, strlen (yaml), "in.yaml", NULL, &issues,
                                            &error);
      g_assert_cmpuint (issues->len, >=, 1);
      issue = g_ptr_array_index (issues, 0);
      g_test_message ("case %u: %u:%u %s: %s", i, issue->line, issue->column, issue->path,
                      issue->message);
      if (cases[i].fails)
        {
          g_assert_null (registry);
          g_assert_nonnull (error);
          g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_ERROR);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (registry);
          g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_WARNING);
        }
      g_assert_cmpstr (issue->file, ==, "in.yaml");
      if (cases[i].line != 0 && cases[i].yaml != NULL)
        {
          g_assert_cmpuint (issue->line, ==, cases[i].line);
          g_assert_cmpuint (issue->column, ==, cases[i].column);
        }
      g_assert_cmpstr (issue->path, ==, cases[i].path);
      if (strstr (issue->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, issue->message, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kubernetes/fixture/sigs", test_kubernetes_fixture);
  g_test_add_func ("/kubernetes/fixture/cncf-tags", test_cncf_fixture);
  g_test_add_func ("/kubernetes/cncf/terms", test_cncf_terms);
  g_test_add_func ("/kubernetes/located-issues", test_located_issues);

  return g_test_run ();
}
