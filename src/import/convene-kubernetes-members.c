/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-kubernetes"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convene-kubernetes-private.h"
#include "convene-limits.h"
#include "convene-schedule.h"
#include "convene-url.h"

/* The parts of a group in sigs.yaml and tags.yaml: people and their
 * roles, meetings, and the contact block. Every value that has no place
 * in the model is a warning at its line and column.
 */

/* People */

/* A GitHub login: letters, digits and single hyphens */
static gboolean
is_github_login (const char *login)
{
  gsize n = strlen (login);

  if (n == 0 || n > 39 || login[0] == '-')
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isalnum (login[i]) && login[i] != '-')
        return FALSE;
    }

  return TRUE;
}

/* A GitHub team's slug: letters, digits, "-", "_" and "." */
static gboolean
is_team_slug (const char *slug)
{
  gsize n = strlen (slug);

  if (n == 0 || n > CONVENE_MAX_ID)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isalnum (slug[i]) && slug[i] != '-' && slug[i] != '_' && slug[i] != '.')
        return FALSE;
    }

  return TRUE;
}

/**
 * kube_import_person:
 *
 * Returns: (transfer none) (nullable): the registry's person for @entry,
 *   added on first sight; %NULL after a warning when @entry names nobody
 */
ConvenePerson *
kube_import_person (KubeImporter    *self,
                    ConveneYamlNode *entry)
{
  static const char * const known[] = { "github", "name", "company", "email", "term", "role",
                                        "start", "end", "term_start", "term_end", NULL };
  g_autoptr(ConvenePerson) person = NULL;
  g_autofree char *id = NULL;
  ConvenePerson *existing;
  const char *github, *name, *company;

  if (entry->kind != CONVENE_YAML_MAPPING)
    {
      kube_warn (self, entry, FALSE, _("a person is a mapping with github and name; not imported"));
      return NULL;
    }

  kube_warn_unknown (self, entry, known);

  github = kube_string (self, entry, "github", CONVENE_MAX_ID);
  name = kube_string (self, entry, "name", CONVENE_MAX_NAME);
  company = kube_string (self, entry, "company", CONVENE_MAX_NAME);

  /* E-mail addresses are left out on purpose; said once per file. */
  if (convene_yaml_lookup (entry, "email") != NULL && self->n_emails++ == 0)
    self->first_email = convene_yaml_lookup (entry, "email");

  if (github != NULL && !is_github_login (github))
    {
      kube_warn (self, convene_yaml_lookup (entry, "github"), FALSE,
                 _("“%s” is not a GitHub login; the person is imported without one"), github);
      github = NULL;
    }

  id = convene_person_make_id (github, name);
  if (id == NULL)
    {
      kube_warn (self, entry, FALSE, _("a person without github or name; not imported"));
      return NULL;
    }

  if ((existing = convene_registry_lookup_person (self->registry, id)) != NULL)
    return existing;

  person = convene_person_new (id, name != NULL ? name : github);
  convene_person_set_company (person, company);
  convene_person_set_github (person, github);
  if (github != NULL)
    {
      g_autofree char *profile = g_strconcat ("https://github.com/", github, NULL);
      g_autofree char *avatar = g_strconcat (profile, ".png", NULL);

      convene_person_set_profile_url (person, profile);
      convene_person_set_avatar_url (person, avatar);
    }

  convene_registry_add_person (self->registry, person);
  return convene_registry_lookup_person (self->registry, id);
}

/* Leads */

static gboolean
is_iso_date (const char *str)
{
  int y, m, d;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
        return FALSE;
    }

  y = atoi (str);
  m = atoi (str + 5);
  d = atoi (str + 8);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* One date of a term, or %NULL after a warning when it is not one */
static const char *
term_date (KubeImporter    *self,
           ConveneYamlNode *mapping,
           const char      *key)
{
  ConveneYamlNode *node = convene_yaml_lookup (mapping, key);
  const char *str = convene_yaml_scalar (node);

  if (str == NULL)
    return NULL;

  if (!is_iso_date (str))
    {
      kube_warn (self, node, FALSE, _("“%s” is not a date as YYYY-MM-DD; the term is left out"),
                 str);
      return NULL;
    }

  return str;
}

static gboolean
has_lead (ConveneGroup  *group,
          ConvenePerson *person,
          ConveneRole    role)
{
  GListModel *leads = convene_group_get_leads (group);

  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (convene_lead_get_person (lead) == person && convene_lead_get_role (lead) == role)
        return TRUE;
    }

  return FALSE;
}

/* A list of people in @role. A CNCF entry may carry a term ("term:" with
 * start and end, or "start"/"end" beside the name): one that has ended
 * makes the person an emeritus lead.
 */
void
kube_import_leads (KubeImporter    *self,
                   ConveneYamlNode *list,
                   ConveneRole      role,
                   ConveneGroup    *group)
{
  if (!kube_is_list (self, list))
    return;

  for (guint i = 0; i < convene_yaml_n_children (list); i++)
    {
      ConveneYamlNode *entry = convene_yaml_child (list, i);
      ConveneYamlNode *term = convene_yaml_lookup (entry, "term");
      ConvenePerson *person = kube_import_person (self, entry);
      g_autoptr(ConveneLead) lead = NULL;
      const char *start, *end;
      ConveneRole lead_role = role;

      if (person == NULL)
        continue;

      if (term != NULL && term->kind == CONVENE_YAML_MAPPING)
        {
          start = term_date (self, term, "start");
          end = term_date (self, term, "end");
        }
      else
        {
          if (term != NULL)
            kube_warn (self, term, FALSE, _("a term is a mapping with start and end; left out"));
          start = term_date (self, entry, convene_yaml_lookup (entry, "term_start") ? "term_start"
                                                                                    : "start");
          end = term_date (self, entry, convene_yaml_lookup (entry, "term_end") ? "term_end"
                                                                                : "end");
        }

      if (start != NULL && end != NULL && strcmp (start, end) > 0)
        {
          kube_warn (self, entry, FALSE, _("the term ends before it starts; it is left out"));
          start = end = NULL;
        }

      if (end != NULL)
        {
          GDate end_date;

          g_date_clear (&end_date, 1);
          g_date_set_dmy (&end_date, atoi (end + 8), atoi (end + 5), atoi (end));
          if (g_date_compare (&end_date, &self->today) < 0)
            lead_role = CONVENE_ROLE_EMERITUS;
        }

      if (has_lead (group, person, lead_role))
        continue;

      lead = convene_lead_new (person, lead_role);
      convene_lead_set_term (lead, start, end);
      convene_group_add_lead (group, lead);
    }
}

/* "leadership": a mapping of role lists (chairs, tech_leads,
 * emeritus_leads), or a list of people each with a "role".
 */
void
kube_import_leadership (KubeImporter    *self,
                        ConveneYamlNode *node,
                        ConveneGroup    *group)
{
  static const struct {
    const char *key;
    ConveneRole role;
  } roles[] = {
    { "chairs", CONVENE_ROLE_CHAIR },
    { "co_chairs", CONVENE_ROLE_CHAIR },
    { "tech_leads", CONVENE_ROLE_TECH_LEAD },
    { "leads", CONVENE_ROLE_LEAD },
    { "emeritus_leads", CONVENE_ROLE_EMERITUS },
    { "emeritus_chairs", CONVENE_ROLE_EMERITUS },
  };
  static const char * const known[] = { "chairs", "co_chairs", "tech_leads", "leads",
                                        "emeritus_leads", "emeritus_chairs", NULL };

  if (node->kind == CONVENE_YAML_SEQUENCE)
    {
      for (guint i = 0; i < convene_yaml_n_children (node); i++)
        {
          ConveneYamlNode *entry = convene_yaml_child (node, i);
          g_autoptr(ConveneYamlNode) one = NULL;
          const char *role_name = convene_yaml_lookup_string (entry, "role");
          ConveneRole role = CONVENE_ROLE_LEAD;

          if (role_name != NULL && !convene_role_from_string (role_name, &role))
            {
              for (guint j = 0; j < G_N_ELEMENTS (roles); j++)
                if (g_str_has_prefix (roles[j].key, role_name))
                  role = roles[j].role;
            }

          /* A list of one, so the term and duplicate rules are the same */
          one = g_new0 (ConveneYamlNode, 1);
          one->kind = CONVENE_YAML_SEQUENCE;
          one->children = g_ptr_array_new ();
          g_ptr_array_add (one->children, entry);
          kube_import_leads (self, one, role, group);
        }
      return;
    }

  if (node->kind != CONVENE_YAML_MAPPING)
    {
      if (!convene_yaml_is_null (node))
        kube_warn (self, node, FALSE,
                   _("leadership is a mapping of chairs and leads; not imported"));
      return;
    }

  kube_warn_unknown (self, node, known);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      ConveneYamlNode *list = convene_yaml_lookup (node, roles[i].key);

      if (list != NULL)
        kube_import_leads (self, list, roles[i].role, group);
    }
}

/* Meetings */

static ConveneMeeting *
import_meeting (KubeImporter    *self,
                ConveneYamlNode *entry)
{
  static const char * const known[] = {
    "description", "day", "time", "tz", "frequency", "url", "archive_url", "recordings_url",
    "calendar_url", "meeting_notes_url", "notes_url", "agenda_url", NULL,
  };
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *recordings = NULL;
  g_autofree char *calendar = NULL;
  const char *title, *day, *time, *tz, *frequency;

  if (entry->kind != CONVENE_YAML_MAPPING)
    {
      kube_warn (self, entry, FALSE,
                 _("a meeting is a mapping with day, time and tz; not imported"));
      return NULL;
    }

  kube_warn_unknown (self, entry, known);
  title = kube_string (self, entry, "description", CONVENE_MAX_LABEL);
  day = kube_string (self, entry, "day", CONVENE_MAX_KEYWORD);
  time = kube_string (self, entry, "time", CONVENE_MAX_KEYWORD);
  tz = kube_string (self, entry, "tz", CONVENE_MAX_KEYWORD);
  frequency = kube_string (self, entry, "frequency", CONVENE_MAX_KEYWORD);

  /* The text is the community's own words, as a person would say them */
  if (day != NULL)
    g_string_append (text, day);
  if (time != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", time);
  if (tz != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", tz);
  if (frequency != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", frequency);
  if (text->len == 0)
    g_string_append (text, title != NULL ? title : _("No time given"));

  meeting = convene_meeting_new (text->str);
  convene_meeting_set_title (meeting, title);

  if (day == NULL || time == NULL || tz == NULL ||
      !convene_schedule_parse_parts (day, time, tz, frequency, meeting))
    kube_warn (self, entry, FALSE,
               _("the schedule “%s” could not be read; the meeting is shown without a time"),
               text->str);

  url = kube_url (self, entry, "url", NULL);
  notes = kube_url (self, entry, "archive_url", NULL);
  if (notes == NULL)
    notes = kube_url (self, entry, "meeting_notes_url", NULL);
  if (notes == NULL)
    notes = kube_url (self, entry, "notes_url", NULL);
  if (notes == NULL)
    notes = kube_url (self, entry, "agenda_url", NULL);
  recordings = kube_url (self, entry, "recordings_url", NULL);
  calendar = kube_url (self, entry, "calendar_url", NULL);

  convene_meeting_set_url (meeting, url);
  convene_meeting_set_notes_url (meeting, notes);
  convene_meeting_set_recordings_url (meeting, recordings);
  convene_meeting_set_calendar_url (meeting, calendar);

  return g_steal_pointer (&meeting);
}

void
kube_import_meetings (KubeImporter    *self,
                      ConveneYamlNode *list,
                      ConveneGroup    *group)
{
  if (!kube_is_list (self, list))
    return;

  for (guint i = 0; i < convene_yaml_n_children (list); i++)
    {
      g_autoptr(ConveneMeeting) meeting = import_meeting (self, convene_yaml_child (list, i));

      if (meeting != NULL)
        convene_group_add_meeting (group, meeting);
    }
}

/* Contact */

static void
add_link (ConveneGroup    *group,
          ConveneLinkKind  kind,
          const char      *label,
          const char      *url)
{
  g_autoptr(ConveneLink) link = convene_link_new (kind, label, url);

  convene_group_add_link (group, link);
}

/* "liaison" (one person) or "liaisons" / "toc_liaison" (one or a list) */
void
kube_import_liaisons (KubeImporter    *self,
                      ConveneYamlNode *node,
                      ConveneGroup    *group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *current = convene_group_get_liaisons (group);
  g_auto(GStrv) liaisons = NULL;

  for (guint i = 0; current[i] != NULL; i++)
    g_strv_builder_add (builder, current[i]);

  if (node->kind == CONVENE_YAML_MAPPING)
    {
      ConvenePerson *person = kube_import_person (self, node);

      if (person != NULL && !g_strv_contains (current, convene_person_get_id (person)))
        g_strv_builder_add (builder, convene_person_get_id (person));
    }
  else if (kube_is_list (self, node))
    {
      for (guint i = 0; i < convene_yaml_n_children (node); i++)
        {
          ConvenePerson *person = kube_import_person (self, convene_yaml_child (node, i));

          if (person != NULL && !g_strv_contains (current, convene_person_get_id (person)))
            g_strv_builder_add (builder, convene_person_get_id (person));
        }
    }

  liaisons = g_strv_builder_end (builder);
  convene_group_set_liaisons (group, (const char * const *)liaisons);
}

static void
import_teams (KubeImporter    *self,
              ConveneYamlNode *list,
              ConveneGroup    *group)
{
  if (!kube_is_list (self, list))
    return;

  for (guint i = 0; i < convene_yaml_n_children (list); i++)
    {
      static const char * const known[] = { "name", "description", NULL };
      ConveneYamlNode *team = convene_yaml_child (list, i);
      const char *name = convene_yaml_lookup_string (team, "name");
      const char *description = kube_string (self, team, "description", CONVENE_MAX_LABEL / 2);
      g_autofree char *escaped = NULL;
      g_autofree char *url = NULL;
      g_autofree char *label = NULL;

      if (name == NULL || !is_team_slug (name))
        {
          kube_warn (self, team, FALSE, _("a GitHub team needs a name of letters, digits, "
                                          "“-”, “_” and “.”; not imported"));
          continue;
        }

      kube_warn_unknown (self, team, known);
      escaped = g_uri_escape_string (name, NULL, FALSE);
      url = g_strdup_printf ("https://github.com/orgs/%s/teams/%s", self->github_org, escaped);
      /* Translators: a GitHub team and what it is for */
      label = description != NULL ? g_strdup_printf (_("@%s/%s: %s"), self->github_org, name,
                                                     description)
                                  : g_strdup_printf ("@%s/%s", self->github_org, name);
      add_link (group, CONVENE_LINK_OTHER, label, url);
    }
}

void
kube_import_contact (KubeImporter    *self,
                     ConveneYamlNode *contact,
                     ConveneGroup    *group)
{
  static const char * const known[] = { "slack", "mailing_list", "private_mailing_list", "teams",
                                        "liaison", "liaisons", "toc_liaison", NULL };
  ConveneYamlNode *node;
  const char *str;

  if (contact->kind != CONVENE_YAML_MAPPING)
    {
      if (!convene_yaml_is_null (contact))
        kube_warn (self, contact, FALSE, _("contact is a mapping; not imported"));
      return;
    }

  kube_warn_unknown (self, contact, known);

  if ((str = kube_string (self, contact, "slack", CONVENE_MAX_LABEL - 1)) != NULL)
    {
      g_autofree char *channel = g_strdup (str[0] == '#' ? str + 1 : str);
      g_autofree char *escaped = g_uri_escape_string (channel, NULL, FALSE);
      g_autofree char *url = g_strdup_printf ("https://%s/messages/%s", self->slack_host, escaped);
      g_autofree char *name = g_strconcat ("#", channel, NULL);

      if (*channel != '\0' && convene_url_check (url, NULL))
        add_link (group, CONVENE_LINK_SLACK, name, url);
      else
        kube_warn (self, convene_yaml_lookup (contact, "slack"), FALSE,
                   _("“%s” is not a Slack channel; not imported"), str);
    }

  if ((str = convene_yaml_lookup_string (contact, "mailing_list")) != NULL)
    {
      g_autofree char *url = kube_url (self, contact, "mailing_list", NULL);

      if (url != NULL)
        add_link (group, CONVENE_LINK_MAILING_LIST, NULL, url);
    }

  /* An address, usually: a mailto link says where to write */
  if ((str = convene_yaml_lookup_string (contact, "private_mailing_list")) != NULL)
    {
      g_autofree char *url = strchr (str, '@') != NULL && strchr (str, ':') == NULL
                               ? g_strconcat ("mailto:", str, NULL) : g_strdup (str);

      if (convene_url_check (url, NULL))
        add_link (group, CONVENE_LINK_MAILING_LIST, _("Private mailing list"), url);
      else
        kube_warn (self, convene_yaml_lookup (contact, "private_mailing_list"), FALSE,
                   _("“%s” is not an address or a URL; not imported"), str);
    }

  if ((node = convene_yaml_lookup (contact, "teams")) != NULL)
    import_teams (self, node, group);

  for (guint i = 0; i < 3; i++)
    {
      const char *key = (const char *[]) { "liaison", "liaisons", "toc_liaison" }[i];

      if ((node = convene_yaml_lookup (contact, key)) != NULL)
        kube_import_liaisons (self, node, group);
    }
}
