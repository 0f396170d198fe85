/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-cache"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-issue.h"
#include "convene-registry-cache-private.h"
#include "convene-schedule.h"

/* A registry as one GVariant, the body of a cache entry (the types are in
 * convene-registry-cache-private.h). Groups and people are columns: their
 * ids, so the id maps are built without touching the entries, and their
 * entries, read one at a time when an object is first asked for.
 *
 * A column keeps its ids and entries in byte arrays with offset arrays
 * beside them rather than as `as` and `a(...)`: GLib 2.74 checks the
 * framing offsets of an untrusted array up to the child asked for on every
 * access, so reading all 25,000 ids of an `as` one by one took 130 ms of
 * a 140 ms load. Fixed-size arrays are read in one step.
 *
 * Reading never trusts the bytes: GVariant hands out defaults for broken
 * framing, and every number that indexes or names an enum is checked here,
 * so a damaged entry makes a poorer object, never a crash.
 */

/* Writing */

static void
add_rich_text (GVariantBuilder *builder,
               ConveneRichText *text)
{
  guint n_paragraphs = text != NULL ? convene_rich_text_get_n_paragraphs (text) : 0;

  g_variant_builder_open (builder, G_VARIANT_TYPE (CONVENE_CACHE_RICH_TEXT));
  for (guint i = 0; i < n_paragraphs; i++)
    {
      guint n_runs = convene_rich_text_get_n_runs (text, i);

      g_variant_builder_open (builder, G_VARIANT_TYPE ("a(sms)"));
      for (guint j = 0; j < n_runs; j++)
        {
          const char *url = NULL;
          const char *run = convene_rich_text_get_run (text, i, j, &url);

          g_variant_builder_add (builder, "(sms)", run, url);
        }
      g_variant_builder_close (builder);
    }
  g_variant_builder_close (builder);
}

static void
add_links (GVariantBuilder *builder,
           GListModel      *links)
{
  guint n = g_list_model_get_n_items (links);

  g_variant_builder_open (builder, G_VARIANT_TYPE ("a" CONVENE_CACHE_LINK));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      g_variant_builder_add (builder, CONVENE_CACHE_LINK,
                             (guint32)convene_link_get_kind (link),
                             convene_link_get_label (link),
                             convene_link_get_url (link));
    }
  g_variant_builder_close (builder);
}

static void
add_meetings (GVariantBuilder *builder,
              GListModel      *meetings)
{
  guint n = g_list_model_get_n_items (meetings);

  g_variant_builder_open (builder, G_VARIANT_TYPE ("a" CONVENE_CACHE_MEETING));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      GDateTime *anchor = convene_meeting_get_anchor (meeting);
      g_autofree char *anchor_text = anchor != NULL ? g_date_time_format_iso8601 (anchor) : NULL;
      GVariantBuilder exceptions;
      GVariantBuilder moves;
      GVariantBuilder slots;

      /* The v2 recurrence: exception days as Julian days, moves as
       * (day, start in Unix seconds, minutes)
       */
      g_variant_builder_init (&exceptions, G_VARIANT_TYPE ("au"));
      for (guint j = 0; j < convene_meeting_get_n_exceptions (meeting); j++)
        g_variant_builder_add (&exceptions, "u",
                               g_date_get_julian (convene_meeting_get_exception (meeting, j)));
      g_variant_builder_init (&moves, G_VARIANT_TYPE ("a(uxu)"));
      for (guint j = 0; j < convene_meeting_get_n_moves (meeting); j++)
        {
          GDateTime *start;
          int minutes;
          const GDate *date = convene_meeting_get_move (meeting, j, &start, &minutes);

          g_variant_builder_add (&moves, "(uxu)", g_date_get_julian (date),
                                 (gint64)g_date_time_to_unix (start), (guint32)minutes);
        }

      g_variant_builder_init (&slots, G_VARIANT_TYPE ("a(iimsx)"));
      for (guint j = 0; j < convene_meeting_get_n_slots (meeting); j++)
        {
          const ConveneMeetingSlot *slot = convene_meeting_get_slot (meeting, j);

          g_variant_builder_add (&slots, "(iimsx)", (gint32)slot->weekday,
                                 (gint32)slot->start_minute, slot->timezone,
                                 slot->anchor ? (gint64)g_date_time_to_unix (slot->anchor)
                                              : G_MININT64);
        }

      g_variant_builder_add (builder, CONVENE_CACHE_MEETING,
                             convene_meeting_get_text (meeting),
                             convene_meeting_get_url (meeting),
                             convene_meeting_get_calendar_url (meeting),
                             (gint32)convene_meeting_get_weekday (meeting),
                             (gint32)convene_meeting_get_start_minute (meeting),
                             (gint32)convene_meeting_get_end_minute (meeting),
                             convene_meeting_get_timezone (meeting),
                             (guint32)convene_meeting_get_interval_weeks (meeting),
                             (gint32)convene_meeting_get_week_of_month (meeting),
                             anchor_text,
                             (guint32)convene_meeting_get_ordinals (meeting),
                             &exceptions, &moves,
                             convene_meeting_get_rrule (meeting), &slots);
    }
  g_variant_builder_close (builder);
}

static void
add_community (GVariantBuilder  *builder,
               ConveneCommunity *community)
{
  g_variant_builder_open (builder, G_VARIANT_TYPE (CONVENE_CACHE_COMMUNITY));
  g_variant_builder_add (builder, "s", convene_community_get_name (community));
  g_variant_builder_add (builder, "ms", convene_community_get_url (community));
  add_rich_text (builder, convene_community_get_intro (community));
  g_variant_builder_add (builder, "ms", convene_community_get_design_docs_url (community));
  add_rich_text (builder, convene_community_get_new_group (community));
  add_links (builder, convene_community_get_links (community));
  add_meetings (builder, convene_community_get_meetings (community));
  convene_registry_cache_add_community_v2 (builder, community);
  g_variant_builder_close (builder);
}

static GVariant *
make_group_entry (ConveneRegistry *registry,
                  ConveneGroup    *group,
                  GError         **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE (CONVENE_CACHE_GROUP));
  GListModel *leads = convene_group_get_leads (group);
  guint n_leads = g_list_model_get_n_items (leads);

  g_variant_builder_add (&builder, "s", convene_group_get_name (group));
  g_variant_builder_add (&builder, "^as", convene_group_get_topics (group));
  g_variant_builder_add (&builder, "ms", convene_group_get_description (group));
  add_links (&builder, convene_group_get_links (group));
  add_meetings (&builder, convene_group_get_meetings (group));

  g_variant_builder_open (&builder, G_VARIANT_TYPE ("a(uu)"));
  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);
      guint position;

      /* A lead refers to a person by position in the people model. */
      if (!convene_registry_find_person_position (registry, convene_lead_get_person (lead),
                                                  &position))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "Group “%s” has a lead the registry does not list",
                       convene_group_get_id (group));
          return NULL;
        }
      g_variant_builder_add (&builder, "(uu)", (guint32)position,
                             (guint32)convene_lead_get_role (lead));
    }
  g_variant_builder_close (&builder);
  convene_registry_cache_add_group_v2 (&builder, group);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

typedef struct
{
  GByteArray *ids;
  GArray *id_offsets;
  GByteArray *entries;
  GArray *entry_offsets;
} ColumnWriter;

static void
column_writer_init (ColumnWriter *writer)
{
  writer->ids = g_byte_array_new ();
  writer->id_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  writer->entries = g_byte_array_new ();
  writer->entry_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
column_writer_clear (ColumnWriter *writer)
{
  g_clear_pointer (&writer->ids, g_byte_array_unref);
  g_clear_pointer (&writer->id_offsets, g_array_unref);
  g_clear_pointer (&writer->entries, g_byte_array_unref);
  g_clear_pointer (&writer->entry_offsets, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ColumnWriter, column_writer_clear)

/* Adds one object; takes @entry. */
static void
column_writer_add (ColumnWriter *writer,
                   const char   *id,
                   GVariant     *entry)
{
  guint32 offset = writer->ids->len;

  g_array_append_val (writer->id_offsets, offset);
  g_byte_array_append (writer->ids, (const guint8 *)id, strlen (id) + 1);

  offset = writer->entries->len;
  g_array_append_val (writer->entry_offsets, offset);
  g_byte_array_append (writer->entries, g_variant_get_data (entry), g_variant_get_size (entry));
  g_variant_unref (entry);
}

static GVariant *
column_writer_end (ColumnWriter *writer)
{
  guint32 end = writer->entries->len;

  g_array_append_val (writer->entry_offsets, end);

  return g_variant_new ("(@ay@au@ay@au)",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, writer->ids->data,
                                                   writer->ids->len, 1),
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, writer->id_offsets->data,
                                                   writer->id_offsets->len, sizeof (guint32)),
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, writer->entries->data,
                                                   writer->entries->len, 1),
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                   writer->entry_offsets->data,
                                                   writer->entry_offsets->len, sizeof (guint32)));
}

/**
 * convene_registry_cache_body_new:
 * @registry: a registry
 * @issues: (nullable) (element-type ConveneIssue): the warnings it loaded with
 * @path: the file it was loaded from
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the body, of type CONVENE_CACHE_BODY,
 *   or %NULL when @registry cannot be cached
 */
GVariant *
convene_registry_cache_body_new (ConveneRegistry  *registry,
                                 GPtrArray        *issues,
                                 const char       *path,
                                 GError          **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE (CONVENE_CACHE_BODY));
  GListModel *groups = G_LIST_MODEL (registry);
  GListModel *people = convene_registry_get_people (registry);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_people = g_list_model_get_n_items (people);
  const char *location = convene_registry_get_source_location (registry);
  g_auto(ColumnWriter) groups_writer = { 0 };
  g_auto(ColumnWriter) people_writer = { 0 };
  guint32 offset = 0;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* The location the loader fills in is the path it was given, which may
   * be spelled differently next time: store "the path" for it.
   */
  g_variant_builder_add (&builder, "(msmsms)",
                         convene_registry_get_source_kind (registry),
                         g_strcmp0 (location, path) == 0 ? NULL : location,
                         convene_registry_get_source_date (registry));
  add_community (&builder, convene_registry_get_community (registry));

  column_writer_init (&groups_writer);
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (groups, i);
      GVariant *entry = make_group_entry (registry, group, error);

      if (entry == NULL)
        return NULL;
      column_writer_add (&groups_writer, convene_group_get_id (group), entry);
    }
  g_variant_builder_add_value (&builder, column_writer_end (&groups_writer));

  column_writer_init (&people_writer);
  for (guint i = 0; i < n_people; i++)
    {
      ConvenePerson *person = convene_registry_peek_person (registry, i);
      GVariant *entry = g_variant_new (CONVENE_CACHE_PERSON,
                                       convene_person_get_name (person),
                                       convene_person_get_company (person),
                                       convene_person_get_github (person),
                                       convene_person_get_profile_url (person),
                                       convene_person_get_avatar_url (person));

      column_writer_add (&people_writer, convene_person_get_id (person),
                         g_variant_ref_sink (entry));
    }
  g_variant_builder_add_value (&builder, column_writer_end (&people_writer));

  /* The person → groups index, so a cached load computes nothing. */
  g_variant_builder_open (&builder, G_VARIANT_TYPE ("au"));
  g_variant_builder_add (&builder, "u", offset);
  for (guint i = 0; i < n_people; i++)
    {
      guint n_roles;

      convene_registry_get_roles_for_person (registry, convene_registry_peek_person (registry, i),
                                             &n_roles);
      offset += n_roles;
      g_variant_builder_add (&builder, "u", offset);
    }
  g_variant_builder_close (&builder);

  g_variant_builder_open (&builder, G_VARIANT_TYPE ("a(uu)"));
  for (guint i = 0; i < n_people; i++)
    {
      const ConveneRegistryRole *roles;
      guint n_roles;

      roles = convene_registry_get_roles_for_person (registry,
                                                     convene_registry_peek_person (registry, i),
                                                     &n_roles);
      for (guint j = 0; j < n_roles; j++)
        g_variant_builder_add (&builder, "(uu)", (guint32)roles[j].group_position,
                               (guint32)roles[j].role);
    }
  g_variant_builder_close (&builder);

  g_variant_builder_open (&builder, G_VARIANT_TYPE ("a" CONVENE_CACHE_ISSUE));
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);
      gboolean is_source = g_strcmp0 (issue->file, path) == 0;

      g_variant_builder_add (&builder, CONVENE_CACHE_ISSUE,
                             (guint32)issue->severity, is_source,
                             (guint32)issue->line, (guint32)issue->column,
                             is_source ? NULL : issue->file,
                             issue->path, issue->message);
    }
  g_variant_builder_close (&builder);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Reading */

static ConveneRichText *
make_rich_text (GVariant *value)
{
  ConveneRichText *text = convene_rich_text_new ();
  GVariantIter paragraphs;
  GVariantIter *runs;

  g_variant_iter_init (&paragraphs, value);
  while (g_variant_iter_next (&paragraphs, "a(sms)", &runs))
    {
      const char *run;
      const char *url;

      convene_rich_text_add_paragraph (text);
      while (g_variant_iter_next (runs, "(&sm&s)", &run, &url))
        convene_rich_text_append (text, run, url);
      g_variant_iter_free (runs);
    }

  return text;
}

static ConveneLink *
make_link (GVariant *value)
{
  const char *label;
  const char *url;
  guint32 kind;

  g_variant_get (value, "(um&s&s)", &kind, &label, &url);
  return convene_link_new (kind < CONVENE_LINK_N_KINDS ? kind : CONVENE_LINK_OTHER, label, url);
}

static ConveneMeeting *
make_meeting (GVariant *value)
{
  ConveneMeeting *meeting;
  const char *text, *url, *calendar_url, *zone, *anchor_text;
  const char *rrule;
  gint32 weekday, start, end, week_of_month;
  guint32 interval, ordinals;
  g_autoptr(GVariantIter) exceptions = NULL;
  g_autoptr(GVariantIter) moves = NULL;
  g_autoptr(GVariantIter) slots = NULL;
  guint32 julian, minutes;
  gint64 unix_start;
  const char *slot_zone;

  g_variant_get (value, "(&sm&sm&siiim&suim&suaua(uxu)m&sa(iimsx))", &text, &url,
                 &calendar_url, &weekday, &start, &end, &zone, &interval, &week_of_month,
                 &anchor_text, &ordinals, &exceptions, &moves, &rrule, &slots);

  meeting = convene_meeting_new (text);
  convene_meeting_set_url (meeting, url);
  convene_meeting_set_calendar_url (meeting, calendar_url);
  if (weekday >= G_DATE_BAD_WEEKDAY && weekday <= G_DATE_SUNDAY)
    convene_meeting_set_weekday (meeting, weekday);
  if (start >= -1 && start < 24 * 60)
    convene_meeting_set_start_minute (meeting, start);
  if (end >= -1 && end <= 24 * 60)
    convene_meeting_set_end_minute (meeting, end);
  convene_meeting_set_timezone (meeting, zone);
  convene_meeting_set_interval_weeks (meeting, interval);
  if (week_of_month >= -1 && week_of_month <= 5)
    convene_meeting_set_week_of_month (meeting, week_of_month);
  if (anchor_text != NULL)
    {
      g_autoptr(GDateTime) anchor = g_date_time_new_from_iso8601 (anchor_text, NULL);

      if (anchor != NULL)
        convene_meeting_set_anchor (meeting, anchor);
    }
  if ((ordinals & ~CONVENE_MEETING_ORDINALS_ALL) == 0)
    convene_meeting_set_ordinals (meeting, ordinals);
  while (g_variant_iter_next (exceptions, "u", &julian))
    if (g_date_valid_julian (julian))
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_julian (&date, julian);
        convene_meeting_add_exception (meeting, &date);
      }
  while (g_variant_iter_next (moves, "(uxu)", &julian, &unix_start, &minutes))
    {
      g_autoptr(GDateTime) moved = g_date_time_new_from_unix_utc (unix_start);
      GDate date;

      if (!g_date_valid_julian (julian) || moved == NULL || minutes > 24 * 60)
        continue;
      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      convene_meeting_add_move (meeting, &date, moved, (int)minutes);
    }
  convene_meeting_set_rrule (meeting, rrule);
  /* Checked as the loader checks them: the entry is never trusted */
  while (g_variant_iter_next (slots, "(iim&sx)", &weekday, &start, &slot_zone, &unix_start))
    {
      g_autoptr(GDateTime) slot_anchor = NULL;

      if (weekday < G_DATE_MONDAY || weekday > G_DATE_SUNDAY || start < 0 || start >= 24 * 60 ||
          (slot_zone != NULL && !convene_schedule_zone_is_valid (slot_zone)))
        continue;
      if (unix_start != G_MININT64)
        slot_anchor = g_date_time_new_from_unix_utc (unix_start);
      convene_meeting_add_slot (meeting, weekday, start, slot_zone, slot_anchor);
    }

  return meeting;
}

static ConveneCommunity *
make_community (GVariant *value)
{
  g_autoptr(GVariant) intro = NULL;
  g_autoptr(GVariant) new_group = NULL;
  g_autoptr(GVariant) links = NULL;
  g_autoptr(GVariant) meetings = NULL;
  g_autoptr(GVariant) v2 = NULL;
  g_autoptr(ConveneRichText) intro_text = NULL;
  g_autoptr(ConveneRichText) new_group_text = NULL;
  ConveneCommunity *community;
  const char *name, *url, *design_docs_url;
  GVariantIter iter;
  GVariant *child;

  g_variant_get (value, "(&sm&s@" CONVENE_CACHE_RICH_TEXT "m&s@" CONVENE_CACHE_RICH_TEXT
                 "@a" CONVENE_CACHE_LINK "@a" CONVENE_CACHE_MEETING "@" CONVENE_CACHE_COMMUNITY_V2
                 ")", &name, &url, &intro, &design_docs_url, &new_group, &links, &meetings, &v2);

  community = convene_community_new (name);
  convene_community_set_url (community, url);
  intro_text = make_rich_text (intro);
  convene_community_set_intro (community, intro_text);
  convene_community_set_design_docs_url (community, design_docs_url);
  new_group_text = make_rich_text (new_group);
  convene_community_set_new_group (community, new_group_text);

  g_variant_iter_init (&iter, links);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(ConveneLink) link = make_link (child);

      convene_community_add_link (community, link);
      g_variant_unref (child);
    }

  g_variant_iter_init (&iter, meetings);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(ConveneMeeting) meeting = make_meeting (child);

      convene_community_add_meeting (community, meeting);
      g_variant_unref (child);
    }
  convene_registry_cache_apply_community_v2 (v2, community);

  return community;
}

/**
 * convene_registry_cache_make_person:
 * @entry: a CONVENE_CACHE_PERSON
 * @id: the person's id
 *
 * Returns: (transfer full): the person
 */
ConvenePerson *
convene_registry_cache_make_person (GVariant   *entry,
                                    const char *id)
{
  const char *name, *company, *github, *profile_url, *avatar_url;
  ConvenePerson *person;

  g_return_val_if_fail (g_variant_is_of_type (entry, G_VARIANT_TYPE (CONVENE_CACHE_PERSON)), NULL);

  g_variant_get (entry, "(m&sm&sm&sm&sm&s)", &name, &company, &github, &profile_url, &avatar_url);
  person = convene_person_new (id, name);
  convene_person_set_company (person, company);
  convene_person_set_github (person, github);
  convene_person_set_profile_url (person, profile_url);
  convene_person_set_avatar_url (person, avatar_url);

  return person;
}

/**
 * convene_registry_cache_make_group:
 * @entry: a CONVENE_CACHE_GROUP
 * @id: the group's id
 * @registry: the registry whose people the leads are
 *
 * Returns: (transfer full): the group, its links, meetings and leads
 */
ConveneGroup *
convene_registry_cache_make_group (GVariant        *entry,
                                   const char      *id,
                                   ConveneRegistry *registry)
{
  g_autoptr(GVariant) links = NULL;
  g_autoptr(GVariant) meetings = NULL;
  g_autoptr(GVariant) leads = NULL;
  g_autoptr(GVariant) v2 = NULL;
  g_autofree const char **topics = NULL;
  const char *name, *description;
  ConveneGroup *group;
  GVariantIter iter;
  GVariant *child;
  guint32 person_position, role;

  g_return_val_if_fail (g_variant_is_of_type (entry, G_VARIANT_TYPE (CONVENE_CACHE_GROUP)), NULL);

  g_variant_get (entry, "(&s^a&sm&s@a" CONVENE_CACHE_LINK "@a" CONVENE_CACHE_MEETING "@a(uu)@"
                 CONVENE_CACHE_GROUP_V2 ")",
                 &name, &topics, &description, &links, &meetings, &leads, &v2);

  group = convene_group_new (id, name);
  convene_group_set_topics (group, topics);
  convene_group_set_description (group, description);

  g_variant_iter_init (&iter, links);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(ConveneLink) link = make_link (child);

      convene_group_add_link (group, link);
      g_variant_unref (child);
    }

  g_variant_iter_init (&iter, meetings);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(ConveneMeeting) meeting = make_meeting (child);

      convene_group_add_meeting (group, meeting);
      g_variant_unref (child);
    }

  g_variant_iter_init (&iter, leads);
  while (g_variant_iter_next (&iter, "(uu)", &person_position, &role))
    {
      ConvenePerson *person = convene_registry_peek_person (registry, person_position);
      g_autoptr(ConveneLead) lead = NULL;

      if (person == NULL || role > CONVENE_ROLE_LAST)
        continue;

      lead = convene_lead_new (person, role);
      convene_group_add_lead (group, lead);
    }
  convene_registry_cache_apply_group_v2 (v2, group);

  return group;
}

/* Columns */

static gboolean
column_init (ConveneRegistryColumn  *column,
             GVariant               *value,
             const char             *entry_type,
             GError                **error)
{
  g_autoptr(GVariant) id_data = NULL;
  g_autoptr(GVariant) id_offsets = NULL;
  g_autoptr(GVariant) entry_data = NULL;
  g_autoptr(GVariant) entry_offsets = NULL;
  const char *ids;
  const guint32 *starts;
  const guint32 *offsets;
  gsize n_id_bytes, n, n_offsets, n_entry_bytes;

  g_variant_get (value, "(@ay@au@ay@au)", &id_data, &id_offsets, &entry_data, &entry_offsets);
  ids = g_variant_get_fixed_array (id_data, &n_id_bytes, 1);
  starts = g_variant_get_fixed_array (id_offsets, &n, sizeof (guint32));
  offsets = g_variant_get_fixed_array (entry_offsets, &n_offsets, sizeof (guint32));
  n_entry_bytes = g_variant_get_size (entry_data);

  /* Every id ends inside the data, every entry too, and they follow on. */
  if (n_offsets != n + 1 || n > G_MAXUINT || (n > 0 && ids[n_id_bytes - 1] != '\0') ||
      offsets[n] > n_entry_bytes)
    goto invalid;

  for (gsize i = 0; i < n; i++)
    if (starts[i] >= n_id_bytes || offsets[i] > offsets[i + 1] ||
        !g_utf8_validate (ids + starts[i], -1, NULL))
      goto invalid;

  column->n = n;
  column->id_data = g_steal_pointer (&id_data);
  column->ids = g_new (const char *, n + 1);
  for (gsize i = 0; i < n; i++)
    column->ids[i] = ids + starts[i];
  column->ids[n] = NULL;
  column->entries = g_variant_get_data_as_bytes (entry_data);
  column->entry_offsets = g_steal_pointer (&entry_offsets);
  column->offsets = offsets;
  column->entry_type = G_VARIANT_TYPE (entry_type);
  return TRUE;

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Inconsistent column");
  return FALSE;
}

void
convene_registry_column_clear (ConveneRegistryColumn *column)
{
  g_clear_pointer (&column->id_data, g_variant_unref);
  g_clear_pointer (&column->ids, g_free);
  g_clear_pointer (&column->entries, g_bytes_unref);
  g_clear_pointer (&column->entry_offsets, g_variant_unref);
  column->offsets = NULL;
  column->n = 0;
}

/**
 * convene_registry_column_get_entry:
 * @column: a column
 * @position: which entry
 *
 * Returns: (transfer full): the entry, untrusted like the whole
 */
GVariant *
convene_registry_column_get_entry (const ConveneRegistryColumn *column,
                                   guint                        position)
{
  g_autoptr(GBytes) bytes = NULL;
  guint32 start;

  g_return_val_if_fail (position < column->n, NULL);

  /* An entry may not start aligned; GVariant copies it then. */
  start = column->offsets[position];
  bytes = g_bytes_new_from_bytes (column->entries, start, column->offsets[position + 1] - start);
  return g_variant_ref_sink (g_variant_new_from_bytes (column->entry_type, bytes, FALSE));
}

/**
 * convene_registry_cache_body_load:
 * @body: a CONVENE_CACHE_BODY
 * @path: the file the registry was loaded from
 * @issues: (out) (optional) (transfer full): the warnings it loaded with
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a registry over @body, whose groups
 *   and people are made when first asked for
 */
ConveneRegistry *
convene_registry_cache_body_load (GVariant    *body,
                                  const char  *path,
                                  GPtrArray  **issues,
                                  GError     **error)
{
  g_autoptr(GVariant) community_value = NULL;
  g_autoptr(GVariant) group_column = NULL;
  g_autoptr(GVariant) person_column = NULL;
  g_autoptr(GVariant) issue_values = NULL;
  g_autoptr(ConveneCommunity) community = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  ConveneRegistryTables tables = { 0 };
  const char *kind, *location, *date;
  const char *file, *issue_path, *message;
  guint32 severity, line, column;
  gboolean is_source;
  GVariantIter iter;

  g_return_val_if_fail (g_variant_is_of_type (body, G_VARIANT_TYPE (CONVENE_CACHE_BODY)), NULL);

  g_variant_get (body, "((m&sm&sm&s)@" CONVENE_CACHE_COMMUNITY "@" CONVENE_CACHE_COLUMN
                 "@" CONVENE_CACHE_COLUMN "@au@a(uu)@a" CONVENE_CACHE_ISSUE ")",
                 &kind, &location, &date, &community_value, &group_column, &person_column,
                 &tables.role_offsets, &tables.roles, &issue_values);

  if (column_init (&tables.groups, group_column, CONVENE_CACHE_GROUP, error) &&
      column_init (&tables.people, person_column, CONVENE_CACHE_PERSON, error))
    {
      community = make_community (community_value);
      registry = convene_registry_new_from_tables (community, &tables, error);
    }

  convene_registry_column_clear (&tables.groups);
  convene_registry_column_clear (&tables.people);
  g_variant_unref (tables.role_offsets);
  g_variant_unref (tables.roles);
  if (registry == NULL)
    return NULL;

  convene_registry_set_source (registry, kind, location != NULL ? location : path, date);

  if (issues != NULL)
    {
      *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
      g_variant_iter_init (&iter, issue_values);
      while (g_variant_iter_next (&iter, "(ubuum&sm&s&s)", &severity, &is_source, &line, &column,
                                  &file, &issue_path, &message))
        g_ptr_array_add (*issues, convene_issue_new (MIN (severity, CONVENE_SEVERITY_WARNING),
                                                     is_source ? path : file, line, column,
                                                     issue_path, message));
    }

  return g_steal_pointer (&registry);
}
