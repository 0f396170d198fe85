/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-icalendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-icalendar.h"
#include "convene-community.h"
#include "convene-limits.h"
#include "convene-meeting.h"

/* What a feed's meetings become: a registry whose groups are the feed's
 * events (one group per SUMMARY), or the meetings of one group a
 * registry names a feed for. Reading the feed is convene-icalendar.c's.
 */

/* "SIG Network: Weekly" → "sig-network-weekly" */
static char *
make_id (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *id = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && id->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "meeting");
  return g_string_free (id, FALSE);
}

/**
 * convene_icalendar_import:
 * @data: the bytes of an iCalendar feed
 * @length: their length
 * @filename: (nullable): where they came from, for the issues and the source
 * @base_url: (nullable): the feed's address; relative links are resolved
 *   against it, and it is the community's site when the feed names none
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   the warnings, located
 * @error: return location for a #GError
 *
 * Makes a registry of a community's feed: the community is named by the
 * feed's X-WR-CALNAME (else "Calendar"), and each distinct SUMMARY is a
 * group holding the meetings of that name.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set when @data is no iCalendar feed or holds no usable meeting
 */
ConveneRegistry *
convene_icalendar_import (const char  *data,
                          gsize        length,
                          const char  *filename,
                          const char  *base_url,
                          GPtrArray  **issues,
                          GError     **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(ConveneCommunity) community = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree char *name = NULL;
  ConveneRegistry *registry;
  const char *calname;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meetings = convene_icalendar_read (data, length, filename, base_url, issues, error);
  if (meetings == NULL)
    return NULL;
  if (meetings->len == 0)
    {
      g_set_error_literal (error, CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_EMPTY,
                           _("The calendar has no meeting Convene can use"));
      return NULL;
    }

  /* X-WR-CALNAME, found without a second parse */
  calname = g_strstr_len (data, MIN (length, 64 * 1024), "X-WR-CALNAME:");
  if (calname != NULL)
    {
      const char *end = calname + strlen ("X-WR-CALNAME:");

      while ((gsize)(end - data) < length && *end != '\r' && *end != '\n')
        end++;
      name = g_strndup (calname + strlen ("X-WR-CALNAME:"),
                        end - calname - strlen ("X-WR-CALNAME:"));
      g_strstrip (name);
      /* As a registry allows a name: at most so many characters, printable */
      if (g_utf8_validate (name, -1, NULL))
        {
          for (char *p = name; *p != '\0'; p++)
            if ((guchar)*p < 0x20 || *p == 0x7f)
              *p = ' ';
          if (g_utf8_strlen (name, -1) > CONVENE_MAX_NAME)
            *g_utf8_offset_to_pointer (name, CONVENE_MAX_NAME) = '\0';
          g_strstrip (name);
        }
    }
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_free (name);
      name = g_strdup (_("Calendar"));
    }

  community = convene_community_new (name);
  if (base_url != NULL)
    convene_community_set_url (community, base_url);
  registry = convene_registry_new (community);
  convene_registry_set_source (registry, "icalendar", filename, NULL);

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < meetings->len; i++)
    {
      ConveneMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *summary = convene_meeting_get_text (meeting);
      ConveneGroup *group = g_hash_table_lookup (groups, summary);

      if (group == NULL)
        {
          g_autofree char *base_id = make_id (summary);
          g_autofree char *id = g_strdup (base_id);
          g_autoptr(ConveneGroup) new_group = NULL;

          /* Two summaries may make the same id */
          for (guint n = 2; convene_registry_lookup_group (registry, id) != NULL; n++)
            {
              g_free (id);
              id = g_strdup_printf ("%s-%u", base_id, n);
            }
          new_group = convene_group_new (id, summary);
          if (!convene_registry_add_group (registry, new_group))
            continue;
          group = new_group;
          g_hash_table_insert (groups, g_strdup (summary), group);
        }
      convene_group_add_meeting (group, meeting);
    }

  return registry;
}

/* Whether @a and @b are the same meeting: the same weekday, start and
 * zone, which a hand-written schedule and its feed share.
 */
static gboolean
same_slot (ConveneMeeting *a,
           ConveneMeeting *b)
{
  return convene_meeting_get_weekday (a) == convene_meeting_get_weekday (b) &&
         convene_meeting_get_start_minute (a) == convene_meeting_get_start_minute (b) &&
         g_strcmp0 (convene_meeting_get_timezone (a), convene_meeting_get_timezone (b)) == 0;
}

/* The slot of @meeting (besides its own time) that @feed is, when its
 * cancellations can be taken as days of the whole meeting: a weekday no
 * other time of @meeting has, and no moves (those are the first slot's).
 */
static gboolean
is_other_slot (ConveneMeeting *meeting,
               ConveneMeeting *feed)
{
  const char *zone = convene_meeting_get_timezone (feed);
  GDateWeekday day = convene_meeting_get_weekday (feed);
  guint n = convene_meeting_get_n_slots (meeting);
  gboolean found = FALSE;

  if (convene_meeting_get_n_moves (feed) > 0 || convene_meeting_get_weekday (meeting) == day)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const ConveneMeetingSlot *slot = convene_meeting_get_slot (meeting, i);
      const char *slot_zone = slot->timezone ? slot->timezone
                                             : convene_meeting_get_timezone (meeting);

      if (slot->weekday != day)
        continue;
      if (found || slot->start_minute != convene_meeting_get_start_minute (feed) ||
          g_strcmp0 (slot_zone, zone) != 0)
        return FALSE;
      found = TRUE;
    }
  return found;
}

/* Merges @meetings, a feed's, into @existing: a feed meeting on the
 * weekday, start and zone of an existing one gives it its exceptions and
 * moves (its anchor too, when it had none), one on those of another of
 * its slots its exceptions; any other is appended to @store.
 */
static void
merge_meetings (GListModel *existing,
                GListStore *store,
                GPtrArray  *meetings)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      ConveneMeeting *feed = g_ptr_array_index (meetings, i);
      g_autoptr(ConveneMeeting) target = NULL;
      guint n = g_list_model_get_n_items (existing);

      for (guint j = 0; j < n && target == NULL; j++)
        {
          g_autoptr(ConveneMeeting) candidate = g_list_model_get_item (existing, j);

          if (convene_meeting_get_rrule (feed) == NULL && same_slot (candidate, feed))
            target = g_steal_pointer (&candidate);
        }

      /* A feed that publishes each slot of a meeting as an event of its own */
      for (guint j = 0; j < n && target == NULL; j++)
        {
          g_autoptr(ConveneMeeting) candidate = g_list_model_get_item (existing, j);

          if (convene_meeting_get_rrule (feed) == NULL && is_other_slot (candidate, feed))
            {
              for (guint k = 0; k < convene_meeting_get_n_exceptions (feed); k++)
                convene_meeting_add_exception (candidate,
                                               convene_meeting_get_exception (feed, k));
              target = g_steal_pointer (&candidate);
            }
        }
      if (target != NULL && !same_slot (target, feed))
        continue;

      if (target == NULL)
        {
          g_list_store_append (store, feed);
          continue;
        }

      if (convene_meeting_get_anchor (target) == NULL)
        convene_meeting_set_anchor (target, convene_meeting_get_anchor (feed));
      for (guint k = 0; k < convene_meeting_get_n_exceptions (feed); k++)
        convene_meeting_add_exception (target, convene_meeting_get_exception (feed, k));
      for (guint k = 0; k < convene_meeting_get_n_moves (feed); k++)
        {
          GDateTime *start;
          int minutes;
          const GDate *date = convene_meeting_get_move (feed, k, &start, &minutes);

          convene_meeting_add_move (target, date, start, minutes);
        }
    }
}

/**
 * convene_icalendar_attach:
 * @group: the group a registry names the feed for
 * @data: the bytes of the feed
 * @length: their length
 * @filename: (nullable): where they came from, for the issues
 * @base_url: (nullable): the feed's address
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   the warnings, located
 * @error: return location for a #GError
 *
 * Gives @group the real occurrences of its feed, so that its next
 * meeting, live/soon and export follow the feed's cancellations and
 * moves: a meeting of the feed on the weekday, start and zone of one of
 * @group's takes the feed's exceptions and moved occurrences into it
 * (its anchor too, when it had none); any other is added to @group.
 *
 * Returns: %TRUE, or %FALSE with @error set when @data is no iCalendar
 *   feed
 */
gboolean
convene_icalendar_attach (ConveneGroup  *group,
                          const char    *data,
                          gsize          length,
                          const char    *filename,
                          const char    *base_url,
                          GPtrArray    **issues,
                          GError       **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  GListModel *existing;

  g_return_val_if_fail (CONVENE_IS_GROUP (group), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  meetings = convene_icalendar_read (data, length, filename, base_url, issues, error);
  if (meetings == NULL)
    return FALSE;

  existing = convene_group_get_meetings (group);
  merge_meetings (existing, G_LIST_STORE (existing), meetings);
  return TRUE;
}

/**
 * convene_icalendar_attach_community:
 * @community: the community a registry names the feed for
 * @data: the bytes of the feed
 * @length: their length
 * @filename: (nullable): where they came from, for the issues
 * @base_url: (nullable): the feed's address
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   the warnings, located
 * @error: return location for a #GError
 *
 * As convene_icalendar_attach(), for the meetings the whole community
 * shares (and so the groups that attend them).
 *
 * Returns: %TRUE, or %FALSE with @error set when @data is no iCalendar
 *   feed
 */
gboolean
convene_icalendar_attach_community (ConveneCommunity  *community,
                                    const char        *data,
                                    gsize              length,
                                    const char        *filename,
                                    const char        *base_url,
                                    GPtrArray        **issues,
                                    GError           **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  GListModel *existing;

  g_return_val_if_fail (CONVENE_IS_COMMUNITY (community), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  meetings = convene_icalendar_read (data, length, filename, base_url, issues, error);
  if (meetings == NULL)
    return FALSE;

  existing = convene_community_get_meetings (community);
  merge_meetings (existing, G_LIST_STORE (existing), meetings);
  return TRUE;
}
