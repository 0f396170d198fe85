/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-writer"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-writer.h"
#include "convene-limits.h"

/* Writing a #ConveneRegistry in the JSON format v2 (docs/registry-format.md).
 *
 * The output is meant to live in a git repository and be edited by hand,
 * so it is written by a small emitter of our own rather than by
 * JsonGenerator (which writes `"key" : value` and `{  }`): two-space
 * indents, `"key": value`, members in the documented order, unknown or
 * empty values left out, a newline at the end. The same model always
 * gives the same bytes.
 */

typedef struct
{
  GString *out;
  guint depth;
  gboolean first;     /* nothing written yet in the innermost container */
} Writer;

/* Emitter */

static void
writer_newline (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* Starts an element of the current container: the comma and the line. */
static void
writer_next (Writer *w)
{
  if (w->depth == 0)
    return;

  if (!w->first)
    g_string_append_c (w->out, ',');
  w->first = FALSE;
  writer_newline (w);
}

static void
writer_string_literal (Writer     *w,
                       const char *str)
{
  g_string_append_c (w->out, '"');

  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (w->out, "\\\"");
          break;
        case '\\':
          g_string_append (w->out, "\\\\");
          break;
        case '\n':
          g_string_append (w->out, "\\n");
          break;
        case '\r':
          g_string_append (w->out, "\\r");
          break;
        case '\t':
          g_string_append (w->out, "\\t");
          break;
        case '\b':
          g_string_append (w->out, "\\b");
          break;
        case '\f':
          g_string_append (w->out, "\\f");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (w->out, "\\u%04x", c);
          else
            g_string_append_c (w->out, c);
        }
    }

  g_string_append_c (w->out, '"');
}

static void
writer_key (Writer     *w,
            const char *key)
{
  writer_next (w);
  writer_string_literal (w, key);
  g_string_append (w->out, ": ");
}

static void
writer_begin (Writer *w,
              char    bracket)
{
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
writer_end (Writer *w,
            char    bracket)
{
  gboolean empty = w->first;

  g_assert (w->depth > 0);

  w->depth--;
  if (!empty)
    writer_newline (w);
  g_string_append_c (w->out, bracket);
  w->first = FALSE;
}

static void
writer_begin_object_member (Writer     *w,
                            const char *key)
{
  writer_key (w, key);
  writer_begin (w, '{');
}

static void
writer_begin_array_member (Writer     *w,
                           const char *key)
{
  writer_key (w, key);
  writer_begin (w, '[');
}

static void
writer_begin_object_element (Writer *w)
{
  writer_next (w);
  writer_begin (w, '{');
}

/* Writes a string member, or nothing for %NULL. */
static void
writer_string (Writer     *w,
               const char *key,
               const char *value)
{
  if (value == NULL)
    return;

  writer_key (w, key);
  writer_string_literal (w, value);
}

static void
writer_int (Writer     *w,
            const char *key,
            gint64      value)
{
  writer_key (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

/* An array of strings, or nothing when it is empty */
static void
write_strings (Writer             *w,
               const char         *key,
               const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return;

  writer_begin_array_member (w, key);
  for (guint i = 0; strv[i] != NULL; i++)
    {
      writer_next (w);
      writer_string_literal (w, strv[i]);
    }
  writer_end (w, ']');
}

/* Model */

static void
write_rich_text (Writer          *w,
                 const char      *key,
                 ConveneRichText *text)
{
  guint n_paragraphs;

  if (text == NULL || convene_rich_text_is_empty (text))
    return;

  n_paragraphs = convene_rich_text_get_n_paragraphs (text);

  writer_begin_array_member (w, key);
  for (guint i = 0; i < n_paragraphs; i++)
    {
      guint n_runs = convene_rich_text_get_n_runs (text, i);

      /* An empty paragraph carries nothing and would not survive a load. */
      if (n_runs == 0)
        continue;

      writer_next (w);
      writer_begin (w, '[');
      for (guint j = 0; j < n_runs; j++)
        {
          const char *url = NULL;
          const char *run = convene_rich_text_get_run (text, i, j, &url);

          writer_begin_object_element (w);
          writer_string (w, "text", run);
          writer_string (w, "url", url);
          writer_end (w, '}');
        }
      writer_end (w, ']');
    }
  writer_end (w, ']');
}

/* Which links go in a member of their own rather than in "artifacts" */
typedef enum
{
  LINKS_ARTIFACTS,
  LINKS_CHAT,
  LINKS_MAILING_LISTS,
} LinkSet;

static gboolean
link_in_set (ConveneLink *link,
             LinkSet      set,
             gboolean     first_charter)
{
  ConveneLinkKind kind = convene_link_get_kind (link);

  switch (set)
    {
    case LINKS_CHAT:
      return convene_link_kind_is_chat (kind);
    case LINKS_MAILING_LISTS:
      return kind == CONVENE_LINK_MAILING_LIST;
    case LINKS_ARTIFACTS:
    default:
      return !convene_link_kind_is_chat (kind) && kind != CONVENE_LINK_MAILING_LIST &&
             !first_charter;
    }
}

/* The last charter link of a group is its "charter_url": a load puts
 * that one after the artifacts, so a second round writes the same.
 */
static ConveneLink *
find_charter (GListModel *links)
{
  ConveneLink *charter = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      if (convene_link_get_kind (link) == CONVENE_LINK_CHARTER)
        charter = link;   /* the group holds it */
    }

  return charter;
}

static gboolean
is_blank (const char *str)
{
  for (const char *p = str; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* A chat channel must have a name in v2: the label, or else the URL when
 * it is short enough to be one, or else the kind.
 */
static const char *
chat_name (ConveneLink *link)
{
  const char *label = convene_link_get_label (link);
  const char *url = convene_link_get_url (link);

  if (!is_blank (label))
    return label;
  if (g_utf8_strlen (url, -1) <= CONVENE_MAX_LABEL)
    return url;
  return convene_link_kind_to_string (convene_link_get_kind (link));
}

static void
write_link_set (Writer     *w,
                const char *key,
                GListModel *links,
                LinkSet     set,
                ConveneLink *charter)
{
  guint n = g_list_model_get_n_items (links);
  gboolean open = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      if (!link_in_set (link, set, link == charter))
        continue;

      if (!open)
        writer_begin_array_member (w, key);
      open = TRUE;

      writer_begin_object_element (w);
      if (set == LINKS_CHAT)
        {
          writer_string (w, "kind", convene_link_kind_to_string (convene_link_get_kind (link)));
          writer_string (w, "name", chat_name (link));
        }
      else
        {
          if (set == LINKS_ARTIFACTS)
            writer_string (w, "kind",
                           convene_link_kind_to_string (convene_link_get_kind (link)));
          writer_string (w, "label", convene_link_get_label (link));
        }
      writer_string (w, "url", convene_link_get_url (link));
      writer_end (w, '}');
    }

  if (open)
    writer_end (w, ']');
}

static void
write_links (Writer     *w,
             const char *key,
             GListModel *links)
{
  guint n = g_list_model_get_n_items (links);

  if (n == 0)
    return;

  writer_begin_array_member (w, key);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      writer_begin_object_element (w);
      writer_string (w, "kind", convene_link_kind_to_string (convene_link_get_kind (link)));
      writer_string (w, "label", convene_link_get_label (link));
      writer_string (w, "url", convene_link_get_url (link));
      writer_end (w, '}');
    }
  writer_end (w, ']');
}

static void
write_time (Writer     *w,
            const char *key,
            int         minutes)
{
  g_autofree char *str = NULL;

  if (minutes < 0)
    return;

  str = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
  writer_string (w, key, str);
}


/* The v2 recurrence keys: several ordinals, exceptions, moved
 * occurrences and a feed's rule (see convene-registry-loader-schedule.c).
 */
static void
write_recurrence (Writer         *w,
                  ConveneMeeting *meeting)
{
  guint ordinals = convene_meeting_get_ordinals (meeting);

  /* One ordinal is week_of_month, as in v1 */
  if (ordinals != 0 && g_bit_nth_lsf (ordinals, -1) != g_bit_nth_msf (ordinals, -1))
    {
      writer_begin_array_member (w, "ordinals");
      for (int n = 1; n <= 5; n++)
        if (ordinals & CONVENE_MEETING_ORDINAL (n))
          {
            writer_next (w);
            g_string_append_printf (w->out, "%d", n);
          }
      if (ordinals & CONVENE_MEETING_ORDINAL (-1))
        {
          writer_next (w);
          g_string_append (w->out, "-1");
        }
      writer_end (w, ']');
    }

  if (convene_meeting_get_n_exceptions (meeting) > 0)
    {
      writer_begin_array_member (w, "exceptions");
      for (guint i = 0; i < convene_meeting_get_n_exceptions (meeting); i++)
        {
          const GDate *date = convene_meeting_get_exception (meeting, i);
          char str[16];

          g_snprintf (str, sizeof str, "%04u-%02u-%02u", g_date_get_year (date),
                      g_date_get_month (date), g_date_get_day (date));
          writer_next (w);
          writer_string_literal (w, str);
        }
      writer_end (w, ']');
    }

  if (convene_meeting_get_n_moves (meeting) > 0)
    {
      writer_begin_array_member (w, "moved");
      for (guint i = 0; i < convene_meeting_get_n_moves (meeting); i++)
        {
          GDateTime *start;
          int minutes;
          const GDate *date = convene_meeting_get_move (meeting, i, &start, &minutes);
          g_autoptr(GDateTime) utc = g_date_time_to_utc (start);
          g_autofree char *start_text = g_date_time_format (utc, "%C%y-%m-%dT%H:%M:%SZ");
          char str[16];

          g_snprintf (str, sizeof str, "%04u-%02u-%02u", g_date_get_year (date),
                      g_date_get_month (date), g_date_get_day (date));
          writer_begin_object_element (w);
          writer_string (w, "date", str);
          writer_string (w, "start", start_text);
          if (minutes > 0)
            writer_int (w, "minutes", minutes);
          writer_end (w, '}');
        }
      writer_end (w, ']');
    }

  writer_string (w, "rrule", convene_meeting_get_rrule (meeting));

  if (convene_meeting_get_n_slots (meeting) > 0)
    {
      static const char * const days[] = {
        NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      };

      writer_begin_array_member (w, "slots");
      for (guint i = 0; i < convene_meeting_get_n_slots (meeting); i++)
        {
          const ConveneMeetingSlot *slot = convene_meeting_get_slot (meeting, i);
          char start[8];

          g_snprintf (start, sizeof start, "%02d:%02d", slot->start_minute / 60,
                      slot->start_minute % 60);
          writer_begin_object_element (w);
          writer_string (w, "weekday", days[slot->weekday]);
          writer_string (w, "start", start);
          writer_string (w, "timezone", slot->timezone);
          if (slot->anchor != NULL)
            {
              g_autoptr(GDateTime) utc = g_date_time_to_utc (slot->anchor);
              g_autofree char *text = g_date_time_format (utc, "%C%y-%m-%dT%H:%M:%SZ");

              writer_string (w, "anchor", text);
            }
          writer_end (w, '}');
        }
      writer_end (w, ']');
    }
}

static void
write_meetings (Writer     *w,
                GListModel *meetings)
{
  static const char * const weekday_names[] = {
    NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  guint n = g_list_model_get_n_items (meetings);

  if (n == 0)
    return;

  writer_begin_array_member (w, "meetings");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      GDateWeekday weekday = convene_meeting_get_weekday (meeting);
      GDateTime *anchor = convene_meeting_get_anchor (meeting);

      writer_begin_object_element (w);
      writer_string (w, "title", convene_meeting_get_title (meeting));
      writer_string (w, "text", convene_meeting_get_text (meeting));
      writer_string (w, "url", convene_meeting_get_url (meeting));
      writer_string (w, "calendar_url", convene_meeting_get_calendar_url (meeting));
      writer_string (w, "notes_url", convene_meeting_get_notes_url (meeting));
      writer_string (w, "recordings_url", convene_meeting_get_recordings_url (meeting));
      if (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY)
        writer_string (w, "weekday", weekday_names[weekday]);
      write_time (w, "start", convene_meeting_get_start_minute (meeting));
      write_time (w, "end", convene_meeting_get_end_minute (meeting));
      writer_string (w, "timezone", convene_meeting_get_timezone (meeting));
      if (convene_meeting_get_interval_weeks (meeting) > 0)
        writer_int (w, "interval_weeks", convene_meeting_get_interval_weeks (meeting));
      if (convene_meeting_get_week_of_month (meeting) != 0)
        writer_int (w, "week_of_month", convene_meeting_get_week_of_month (meeting));
      if (anchor != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (anchor);
          g_autofree char *str = g_date_time_format (utc, "%C%y-%m-%dT%H:%M:%SZ");

          writer_string (w, "anchor", str);
        }
      write_recurrence (w, meeting);
      writer_end (w, '}');
    }
  writer_end (w, ']');
}

static void
write_community (Writer           *w,
                 ConveneCommunity *community)
{
  writer_begin_object_member (w, "community");
  writer_string (w, "name", convene_community_get_name (community));
  writer_string (w, "url", convene_community_get_url (community));
  write_rich_text (w, "intro", convene_community_get_intro (community));
  writer_string (w, "design_docs_url", convene_community_get_design_docs_url (community));
  write_rich_text (w, "new_group", convene_community_get_new_group (community));
  write_links (w, "links", convene_community_get_links (community));
  write_meetings (w, convene_community_get_meetings (community));
  write_strings (w, "calendar_feeds", convene_community_get_calendar_feeds (community));
  writer_end (w, '}');
}

static void
add_person (GPtrArray     *people,
            GHashTable    *seen,
            ConvenePerson *person)
{
  const char *id = convene_person_get_id (person);

  if (g_hash_table_contains (seen, id))
    return;

  g_hash_table_add (seen, (char *)id);
  g_ptr_array_add (people, g_object_ref (person));
}

/* The registry's people, then any lead the registry does not list, so
 * the output always loads.
 */
static GPtrArray *
collect_people (ConveneRegistry *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = convene_registry_get_people (self);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (model, i);

      add_person (people, seen, person);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self), i);
      GListModel *leads = convene_group_get_leads (group);

      for (guint j = 0; j < g_list_model_get_n_items (leads); j++)
        {
          g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, j);

          add_person (people, seen, convene_lead_get_person (lead));
        }
    }

  return people;
}

static void
write_people (Writer          *w,
              ConveneRegistry *self)
{
  g_autoptr(GPtrArray) people = collect_people (self);

  writer_begin_array_member (w, "people");
  for (guint i = 0; i < people->len; i++)
    {
      ConvenePerson *person = g_ptr_array_index (people, i);

      writer_begin_object_element (w);
      writer_string (w, "id", convene_person_get_id (person));
      writer_string (w, "name", convene_person_get_name (person));
      writer_string (w, "company", convene_person_get_company (person));
      writer_string (w, "github", convene_person_get_github (person));
      writer_string (w, "profile_url", convene_person_get_profile_url (person));
      writer_string (w, "avatar_url", convene_person_get_avatar_url (person));
      writer_end (w, '}');
    }
  writer_end (w, ']');
}

static void
write_group (Writer       *w,
             ConveneGroup *group)
{
  const char * const *topics = convene_group_get_topics (group);
  GListModel *leads = convene_group_get_leads (group);
  guint n_leads = g_list_model_get_n_items (leads);
  GListModel *links = convene_group_get_links (group);
  ConveneLink *charter = find_charter (links);

  writer_begin_object_element (w);
  writer_string (w, "id", convene_group_get_id (group));
  writer_string (w, "name", convene_group_get_name (group));
  writer_string (w, "kind", convene_group_kind_to_string (convene_group_get_kind (group)));
  writer_string (w, "parent", convene_group_get_parent_id (group));
  write_strings (w, "topics", topics);
  writer_string (w, "description", convene_group_get_description (group));
  if (charter != NULL)
    writer_string (w, "charter_url", convene_link_get_url (charter));
  write_link_set (w, "artifacts", links, LINKS_ARTIFACTS, charter);
  write_link_set (w, "chat", links, LINKS_CHAT, charter);
  write_link_set (w, "mailing_lists", links, LINKS_MAILING_LISTS, charter);
  write_strings (w, "liaisons", convene_group_get_liaisons (group));
  write_strings (w, "calendar_feeds", convene_group_get_calendar_feeds (group));
  write_meetings (w, convene_group_get_meetings (group));

  if (n_leads > 0)
    {
      writer_begin_array_member (w, "leads");
      for (guint i = 0; i < n_leads; i++)
        {
          g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

          writer_begin_object_element (w);
          writer_string (w, "person", convene_person_get_id (convene_lead_get_person (lead)));
          writer_string (w, "role", convene_role_to_string (convene_lead_get_role (lead)));
          if (convene_lead_get_term_start (lead) != NULL ||
              convene_lead_get_term_end (lead) != NULL)
            {
              writer_begin_object_member (w, "term");
              writer_string (w, "start", convene_lead_get_term_start (lead));
              writer_string (w, "end", convene_lead_get_term_end (lead));
              writer_end (w, '}');
            }
          writer_end (w, '}');
        }
      writer_end (w, ']');
    }

  writer_end (w, '}');
}

static void
write_source (Writer          *w,
              ConveneRegistry *self)
{
  const char *kind = convene_registry_get_source_kind (self);
  const char *location = convene_registry_get_source_location (self);
  const char *date = convene_registry_get_source_date (self);

  if (kind == NULL && location == NULL && date == NULL)
    return;

  writer_begin_object_member (w, "source");
  writer_string (w, "kind", kind);
  writer_string (w, "location", location);
  writer_string (w, "date", date);
  writer_end (w, '}');
}

/* Public API */

/**
 * convene_registry_to_json:
 * @self: a #ConveneRegistry
 *
 * Writes @self in the registry format v2: pretty-printed with two-space
 * indents, members in the documented order, unknown values left out, and
 * a newline at the end. The same registry always gives the same text, and
 * convene_registry_load_from_bytes() reads it back to an equal registry.
 *
 * Every person who leads a group is written to "people", even when
 * @self does not list them, so the output always loads.
 *
 * Returns: (transfer full): the JSON text
 */
char *
convene_registry_to_json (ConveneRegistry *self)
{
  Writer w = { 0 };

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);

  w.out = g_string_new (NULL);

  writer_begin (&w, '{');
  writer_int (&w, "format_version", CONVENE_REGISTRY_FORMAT_VERSION);
  write_community (&w, convene_registry_get_community (self));
  write_people (&w, self);

  writer_begin_array_member (&w, "groups");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self), i);

      write_group (&w, group);
    }
  writer_end (&w, ']');

  write_source (&w, self);
  writer_end (&w, '}');
  g_string_append_c (w.out, '\n');

  return g_string_free (w.out, FALSE);
}

/**
 * convene_registry_save:
 * @self: a #ConveneRegistry
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Writes convene_registry_to_json() to @path atomically: the text goes to
 * a temporary file in the same directory, which is synced and renamed
 * over @path, so @path holds either the old or the new registry, never a
 * part of one. The file is created with mode 0644.
 *
 * Returns: %TRUE on success
 */
gboolean
convene_registry_save (ConveneRegistry  *self,
                       const char       *path,
                       GError          **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = convene_registry_to_json (self);

  return g_file_set_contents_full (path, json, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}
