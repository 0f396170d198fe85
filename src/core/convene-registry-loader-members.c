/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "convene-registry-loader-private.h"
#include "convene-schedule.h"
#include "convene-json-scan-private.h"

/* The member loaders: from the parsed tree of a registry file to the
 * model objects (community, people, groups and their leads, links and
 * meetings, the source), checking the meaning of each value as the
 * format (docs/registry-format.md) defines it. Every read goes through
 * the typed accessors of convene-registry-loader-issues.c, which report
 * a missing or mistyped member with its path.
 */

static const char * const weekday_names[] = {
  NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Parsers of single values */

/* "HH:MM", 00:00 to @max_minutes. */
static gboolean
parse_time (const char *str,
            int         max_minutes,
            int        *minutes)
{
  int h, m;

  if (strlen (str) != 5 ||
      !g_ascii_isdigit (str[0]) || !g_ascii_isdigit (str[1]) || str[2] != ':' ||
      !g_ascii_isdigit (str[3]) || !g_ascii_isdigit (str[4]))
    return FALSE;

  h = (str[0] - '0') * 10 + (str[1] - '0');
  m = (str[3] - '0') * 10 + (str[4] - '0');
  if (m > 59 || h * 60 + m > max_minutes)
    return FALSE;

  *minutes = h * 60 + m;
  return TRUE;
}

static GDateWeekday
parse_weekday (const char *str)
{
  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    {
      if (g_ascii_strcasecmp (str, weekday_names[i]) == 0)
        return i;
    }

  return G_DATE_BAD_WEEKDAY;
}

/* An ISO 8601 date and time that says its offset: parsing it with two
 * different default zones gives the same instant only then.
 */
static GDateTime *
parse_anchor (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (str, utc);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (str, other);

  if (a == NULL || b == NULL || !g_date_time_equal (a, b))
    return NULL;

  return g_steal_pointer (&a);
}

static gboolean
is_iso_date (const char *str)
{
  int y, m, d;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
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

/* Content */

static ConveneRichText *
load_rich_text (Loader     *self,
                JsonObject *object,
                const char *parent,
                const char *name)
{
  g_autoptr(ConveneRichText) text = convene_rich_text_new ();
  g_autofree char *path = convene_json_path_member (parent, name);
  JsonArray *paragraphs;

  paragraphs = loader_get_array (self, object, parent, name, 0);
  if (paragraphs == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      g_autofree char *para_path = convene_json_path_index (path, i);
      JsonNode *para_node = json_array_get_element (paragraphs, i);
      JsonArray *runs;

      if (!JSON_NODE_HOLDS_ARRAY (para_node))
        {
          loader_report_type (self, para_path, para_node, EXPECT_ARRAY);
          continue;
        }

      convene_rich_text_add_paragraph (text);
      runs = json_node_get_array (para_node);

      for (guint j = 0; j < json_array_get_length (runs); j++)
        {
          g_autofree char *run_path = convene_json_path_index (para_path, j);
          JsonObject *run = loader_get_element_object (self, runs, j, run_path);
          const char *run_text;
          const char *url;

          if (run == NULL)
            continue;

          run_text = loader_get_string (self, run, run_path, "text", REQUIRED,
                                        CONVENE_MAX_PARAGRAPH);
          url = loader_get_url (self, run, run_path, "url", 0);

          if (run_text != NULL)
            convene_rich_text_append (text, run_text, url);
        }
    }

  return g_steal_pointer (&text);
}

static ConveneLink *
load_artifact (Loader     *self,
               JsonObject *object,
               const char *path)
{
  ConveneLinkKind kind = CONVENE_LINK_OTHER;
  const char *kind_name;
  const char *label;
  const char *url;

  kind_name = loader_get_string (self, object, path, "kind", 0, CONVENE_MAX_KEYWORD);
  /* The kinds format v2 added are unknown in a v1 file, as they were. */
  if (kind_name != NULL &&
      (!convene_link_kind_from_string (kind_name, &kind) ||
       (self->version < 2 && kind > CONVENE_LINK_OTHER)))
    {
      g_autofree char *kind_path = convene_json_path_member (path, "kind");

      loader_report (self, CONVENE_SEVERITY_WARNING, kind_path, kind_path,
                     _("unknown artifact kind “%s”; it is shown as a plain link"), kind_name);
      kind = CONVENE_LINK_OTHER;
    }

  label = loader_get_string (self, object, path, "label", 0, CONVENE_MAX_LABEL);
  url = loader_get_url (self, object, path, "url", REQUIRED);

  if (url == NULL)
    return NULL;

  return convene_link_new (kind, label, url);
}

/* Loads one element of an array of objects; %NULL when it is invalid. */
typedef GObject *(*LoadElementFunc) (Loader     *self,
                                     JsonObject *object,
                                     const char *path);

/* Returns the valid elements of the array member @name of @object, a
 * #GPtrArray of what @load_element makes; invalid ones are reported and
 * left out.
 */
static GPtrArray *
load_objects (Loader          *self,
              JsonObject      *object,
              const char      *parent,
              const char      *name,
              LoadElementFunc  load_element)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = convene_json_path_member (parent, name);
  JsonArray *array = loader_get_array (self, object, parent, name, 0);

  if (array == NULL)
    return g_steal_pointer (&result);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = convene_json_path_index (path, i);
      JsonObject *item = loader_get_element_object (self, array, i, item_path);
      GObject *element = NULL;

      if (item != NULL)
        element = load_element (self, item, item_path);
      if (element != NULL)
        g_ptr_array_add (result, element);
    }

  return g_steal_pointer (&result);
}

static ConveneMeeting *
load_meeting (Loader     *self,
              JsonObject *object,
              const char *path)
{
  g_autoptr(ConveneMeeting) meeting = NULL;
  const char *text;
  const char *str;
  gint64 interval = 0;
  gint64 week = 0;
  gboolean valid = TRUE;

  text = loader_get_string (self, object, path, "text", REQUIRED | NOT_EMPTY,
                            CONVENE_MAX_MEETING_TEXT);
  meeting = convene_meeting_new (text != NULL ? text : "");
  valid = text != NULL;

  convene_meeting_set_url (meeting, loader_get_url (self, object, path, "url", 0));
  convene_meeting_set_calendar_url (meeting,
                                    loader_get_url (self, object, path, "calendar_url", 0));

  if ((str = loader_get_string (self, object, path, "weekday", NOT_EMPTY,
                                CONVENE_MAX_KEYWORD)) != NULL)
    {
      GDateWeekday weekday = parse_weekday (str);

      if (weekday != G_DATE_BAD_WEEKDAY)
        convene_meeting_set_weekday (meeting, weekday);
      else
        {
          g_autofree char *weekday_path = convene_json_path_member (path, "weekday");

          loader_report (self, CONVENE_SEVERITY_ERROR, weekday_path, weekday_path,
                         _("unknown weekday “%s”; use monday, tuesday, wednesday, thursday, "
                           "friday, saturday or sunday"), str);
        }
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "start" : "end";
      int minutes;

      if ((str = loader_get_string (self, object, path, name, NOT_EMPTY,
                                    CONVENE_MAX_KEYWORD)) == NULL)
        continue;

      if (parse_time (str, i == 0 ? 23 * 60 + 59 : 24 * 60, &minutes))
        {
          if (i == 0)
            convene_meeting_set_start_minute (meeting, minutes);
          else
            convene_meeting_set_end_minute (meeting, minutes);
        }
      else
        {
          g_autofree char *time_path = convene_json_path_member (path, name);

          loader_report (self, CONVENE_SEVERITY_ERROR, time_path, time_path,
                         _("“%s” is not a time of day; write it as HH:MM, "
                           "such as 09:30 or 17:00"),
                         str);
        }
    }

  if ((str = loader_get_string (self, object, path, "timezone", NOT_EMPTY,
                                CONVENE_MAX_KEYWORD)) != NULL)
    {
      GTimeZone *tz;

      /* GLib forgets a zone as soon as it is unreferenced, and reading
       * one is slow: keep each for the length of the load.
       */
      if (!g_hash_table_lookup_extended (self->timezones, str, NULL, (gpointer *)&tz))
        {
          /* IANA names only: GLib reads "UTC+2" as a POSIX TZ string */
          tz = convene_schedule_zone_is_valid (str) ? g_time_zone_new_identifier (str) : NULL;
          g_hash_table_insert (self->timezones, g_strdup (str), tz);
        }

      if (tz != NULL)
        convene_meeting_set_timezone (meeting, str);
      else
        {
          g_autofree char *tz_path = convene_json_path_member (path, "timezone");

          loader_report (self, CONVENE_SEVERITY_ERROR, tz_path, tz_path,
                         _("unknown time zone “%s”; use an IANA identifier such as "
                           "America/Los_Angeles or UTC"), str);
        }
    }

  if (loader_get_int (self, object, path, "interval_weeks", 0, 52, &interval))
    convene_meeting_set_interval_weeks (meeting, interval);

  if (loader_get_int (self, object, path, "week_of_month", -1, 5, &week))
    {
      if (week != 0 && interval != 0)
        {
          g_autofree char *week_path = convene_json_path_member (path, "week_of_month");

          loader_report (self, CONVENE_SEVERITY_ERROR, week_path, week_path,
                         _("a meeting is either every few weeks or monthly: "
                           "interval_weeks and week_of_month cannot both be set"));
        }
      else
        convene_meeting_set_week_of_month (meeting, week);
    }

  if ((str = loader_get_string (self, object, path, "anchor", NOT_EMPTY,
                                CONVENE_MAX_KEYWORD)) != NULL)
    {
      g_autoptr(GDateTime) anchor = parse_anchor (str);

      if (anchor != NULL)
        convene_meeting_set_anchor (meeting, anchor);
      else
        {
          g_autofree char *anchor_path = convene_json_path_member (path, "anchor");

          loader_report (self, CONVENE_SEVERITY_ERROR, anchor_path, anchor_path,
                         _("“%s” is not an ISO 8601 date and time with an offset, "
                           "such as 2017-12-20T21:00:00Z"), str);
        }
    }

  if (self->version >= 2)
    loader_load_meeting_v2 (self, object, path, meeting);
  loader_load_meeting_recurrence (self, object, path, meeting);

  return valid ? g_steal_pointer (&meeting) : NULL;
}

static ConveneCommunity *
load_community (Loader     *self,
                JsonObject *root)
{
  g_autoptr(ConveneCommunity) community = NULL;
  g_autoptr(ConveneRichText) intro = NULL;
  g_autoptr(ConveneRichText) new_group = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  JsonObject *object;
  const char *name;

  object = loader_get_object (self, root, "", "community", REQUIRED);
  if (object == NULL)
    return convene_community_new ("");

  name = loader_get_string (self, object, "community", "name", REQUIRED | NOT_EMPTY,
                            CONVENE_MAX_NAME);
  community = convene_community_new (name != NULL ? name : "");

  convene_community_set_url (community, loader_get_url (self, object, "community", "url", 0));
  if ((intro = load_rich_text (self, object, "community", "intro")) != NULL)
    convene_community_set_intro (community, intro);
  convene_community_set_design_docs_url (community,
                                         loader_get_url (self, object, "community",
                                                         "design_docs_url", 0));
  if ((new_group = load_rich_text (self, object, "community", "new_group")) != NULL)
    convene_community_set_new_group (community, new_group);

  links = load_objects (self, object, "community", "links", (LoadElementFunc)load_artifact);
  for (guint i = 0; i < links->len; i++)
    convene_community_add_link (community, g_ptr_array_index (links, i));

  meetings = load_objects (self, object, "community", "meetings", (LoadElementFunc)load_meeting);
  for (guint i = 0; i < meetings->len; i++)
    convene_community_add_meeting (community, g_ptr_array_index (meetings, i));

  if (self->version >= 2)
    loader_load_community_v2 (self, object, community);

  return g_steal_pointer (&community);
}

static void
load_person (Loader     *self,
             JsonObject *object,
             const char *path)
{
  g_autoptr(ConvenePerson) person = NULL;
  const char *id;
  const char *name;
  const char *first;

  id = loader_get_string (self, object, path, "id", REQUIRED | NOT_EMPTY, CONVENE_MAX_ID);
  name = loader_get_string (self, object, path, "name", REQUIRED | NOT_EMPTY, CONVENE_MAX_NAME);

  person = convene_person_new (id != NULL ? id : "-", name);
  convene_person_set_company (person, loader_get_string (self, object, path, "company", 0,
                                                         CONVENE_MAX_NAME));
  convene_person_set_github (person, loader_get_string (self, object, path, "github", 0,
                                                        CONVENE_MAX_ID));
  convene_person_set_profile_url (person, loader_get_url (self, object, path, "profile_url", 0));
  convene_person_set_avatar_url (person, loader_get_url (self, object, path, "avatar_url", 0));

  if (id == NULL)
    return;

  /* The id of a person whose name is wrong is still taken: the leads
   * that name it must not be reported as unknown on top.
   */
  if ((first = g_hash_table_lookup (self->person_paths, id)) != NULL)
    {
      g_autofree char *id_path = convene_json_path_member (path, "id");

      loader_report (self, CONVENE_SEVERITY_ERROR, id_path, id_path,
                     _("duplicate person id “%s”, already used by %s"), id, first);
      return;
    }

  g_hash_table_insert (self->person_paths, g_strdup (id), g_strdup (path));
  convene_registry_add_person (self->registry, person);
}

static void
load_lead (Loader       *self,
           JsonObject   *object,
           const char   *path,
           ConveneGroup *group)
{
  g_autoptr(ConveneLead) lead = NULL;
  ConveneRole role = CONVENE_ROLE_LEAD;
  ConvenePerson *person;
  const char *id;
  const char *role_name;

  id = loader_get_string (self, object, path, "person", REQUIRED | NOT_EMPTY, CONVENE_MAX_ID);
  person = id != NULL ? convene_registry_lookup_person (self->registry, id) : NULL;
  if (id != NULL && person == NULL)
    {
      g_autofree char *person_path = convene_json_path_member (path, "person");

      loader_report (self, CONVENE_SEVERITY_ERROR, person_path, person_path,
                     _("unknown person “%s”; every lead must be listed in “people”"), id);
    }

  role_name = loader_get_string (self, object, path, "role", 0, CONVENE_MAX_KEYWORD);
  if (role_name != NULL && !convene_role_from_string (role_name, &role))
    {
      g_autofree char *role_path = convene_json_path_member (path, "role");

      loader_report (self, CONVENE_SEVERITY_WARNING, role_path, role_path,
                     _("unknown role “%s”; it is shown as lead"), role_name);
    }

  if (person == NULL)
    return;

  lead = convene_lead_new (person, role);
  if (self->version >= 2)
    loader_load_lead_v2 (self, object, path, lead);
  convene_group_add_lead (group, lead);
}

static void
load_group (Loader     *self,
            JsonObject *object,
            const char *path)
{
  g_autoptr(ConveneGroup) group = NULL;
  g_autofree char *leads_path = convene_json_path_member (path, "leads");
  g_autofree char *topics_path = convene_json_path_member (path, "topics");
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  const char *id;
  const char *name;
  const char *first;
  JsonArray *array;

  id = loader_get_string (self, object, path, "id", REQUIRED | NOT_EMPTY, CONVENE_MAX_ID);
  name = loader_get_string (self, object, path, "name", REQUIRED | NOT_EMPTY, CONVENE_MAX_NAME);
  group = convene_group_new (id != NULL ? id : "", name != NULL ? name : "");

  if ((array = loader_get_array (self, object, path, "topics", 0)) != NULL)
    {
      g_autoptr(GStrvBuilder) topics = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          g_autofree char *topic_path = convene_json_path_index (topics_path, i);

          if (i == CONVENE_MAX_TOPICS)
            {
              loader_report (self, CONVENE_SEVERITY_ERROR, topics_path, topic_path,
                             ngettext ("too many topics: at most %u is allowed",
                                       "too many topics: at most %u are allowed",
                                       CONVENE_MAX_TOPICS),
                             CONVENE_MAX_TOPICS);
              break;
            }

          if (!loader_node_has_type (node, EXPECT_STRING))
            loader_report_type (self, topic_path, node, EXPECT_STRING);
          else if (loader_check_length (self, topic_path, json_node_get_string (node),
                                        CONVENE_MAX_TOPIC))
            g_strv_builder_add (topics, json_node_get_string (node));
        }

      strv = g_strv_builder_end (topics);
      convene_group_set_topics (group, (const char * const *)strv);
    }

  convene_group_set_description (group, loader_get_string (self, object, path, "description", 0,
                                                           CONVENE_MAX_PARAGRAPH));

  links = load_objects (self, object, path, "artifacts", (LoadElementFunc)load_artifact);
  for (guint i = 0; i < links->len; i++)
    convene_group_add_link (group, g_ptr_array_index (links, i));
  if (self->version >= 2)
    loader_load_group_v2 (self, object, path, group);

  meetings = load_objects (self, object, path, "meetings", (LoadElementFunc)load_meeting);
  for (guint i = 0; i < meetings->len; i++)
    convene_group_add_meeting (group, g_ptr_array_index (meetings, i));

  if ((array = loader_get_array (self, object, path, "leads", 0)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *lead_path = convene_json_path_index (leads_path, i);
          JsonObject *lead = loader_get_element_object (self, array, i, lead_path);

          if (lead != NULL)
            load_lead (self, lead, lead_path, group);
        }
    }

  if (id == NULL)
    return;

  if ((first = g_hash_table_lookup (self->group_paths, id)) != NULL)
    {
      g_autofree char *id_path = convene_json_path_member (path, "id");

      loader_report (self, CONVENE_SEVERITY_ERROR, id_path, id_path,
                     _("duplicate group id “%s”, already used by %s"), id, first);
      return;
    }

  g_hash_table_insert (self->group_paths, g_strdup (id), g_strdup (path));
  if (name != NULL)
    convene_registry_add_group (self->registry, group);
}

static void
load_source (Loader     *self,
             JsonObject *root)
{
  JsonObject *object = loader_get_object (self, root, "", "source", 0);
  const char *kind = NULL;
  const char *location = NULL;
  const char *date = NULL;

  if (object == NULL)
    {
      convene_registry_set_source (self->registry, "json", self->filename, NULL);
      return;
    }

  kind = loader_get_string (self, object, "source", "kind", NOT_EMPTY, CONVENE_MAX_KEYWORD);
  location = loader_get_string (self, object, "source", "location", 0, CONVENE_MAX_NAME);
  date = loader_get_string (self, object, "source", "date", 0, CONVENE_MAX_KEYWORD);

  if (date != NULL && !is_iso_date (date))
    {
      loader_report (self, CONVENE_SEVERITY_WARNING, "source.date", "source.date",
                     _("“%s” is not a date as YYYY-MM-DD"), date);
      date = NULL;
    }

  convene_registry_set_source (self->registry,
                               kind != NULL ? kind : "json",
                               location != NULL ? location : self->filename,
                               date);
}

/* Returns %FALSE when the version stops the load. */
static gboolean
check_version (Loader     *self,
               JsonObject *root)
{
  JsonNode *node = loader_get_member (self, root, "", "format_version", EXPECT_INTEGER, REQUIRED);
  g_autofree char *number = NULL;
  gint64 version;

  if (node == NULL)
    return TRUE;

  version = json_node_get_int (node);
  self->version = version;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  if (version > CONVENE_REGISTRY_FORMAT_VERSION)
    {
      loader_report (self, CONVENE_SEVERITY_ERROR, "format_version", "format_version",
                     _("format_version %s is newer than this version of Convene "
                       "understands (%d); update Convene"),
                     number, CONVENE_REGISTRY_FORMAT_VERSION);
      if (self->n_errors == 1)
        self->code = CONVENE_REGISTRY_ERROR_UNSUPPORTED;
      return FALSE;
    }

  if (version < 1)
    loader_report (self, CONVENE_SEVERITY_ERROR, "format_version", "format_version",
                   _("format_version %s is not valid; the first version is 1"),
                   number);

  return TRUE;
}

void
loader_load_document (Loader   *self,
                      JsonNode *root_node)
{
  g_autoptr(ConveneCommunity) community = NULL;
  JsonObject *root;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      loader_report (self, CONVENE_SEVERITY_ERROR, "", "",
                     _("a registry is a JSON object, but the file holds %s"),
                     loader_describe_node (root_node));
      return;
    }

  root = json_node_get_object (root_node);

  if (!check_version (self, root))
    return;

  community = load_community (self, root);
  self->registry = convene_registry_new (community);

  if ((array = loader_get_array (self, root, "", "people", 0)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = convene_json_path_index ("people", i);
          JsonObject *person = loader_get_element_object (self, array, i, path);

          if (person != NULL)
            load_person (self, person, path);
        }
    }

  if ((array = loader_get_array (self, root, "", "groups", REQUIRED)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = convene_json_path_index ("groups", i);
          JsonObject *group = loader_get_element_object (self, array, i, path);

          if (group != NULL)
            load_group (self, group, path);
        }
    }

  load_source (self, root);
  loader_check_references_v2 (self);
}
