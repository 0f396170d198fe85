/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "convene-registry-loader-private.h"
#include "convene-json-scan-private.h"
#include "convene-schedule.h"

/* The recurrence keys of a v2 meeting beyond one weekday a week:
 * "ordinals" ([1, 3] for "1st and 3rd Wednesday"), "exceptions" (days
 * without the meeting), "moved" (occurrences held at another time) and
 * "rrule" (a rule from a calendar feed, counted from the anchor), and
 * "slots" (more times of the same meeting, each on its own weekday,
 * start and zone, with the same recurrence). v1
 * files have none of them and load as before.
 */

/* How many exceptions or moved occurrences a meeting may have: years of
 * a weekly meeting's, far fewer than a hostile file could list.
 */
#define MAX_DATES 1000

/* A calendar day "2026-03-18", or FALSE. */
static gboolean
parse_date (const char *str,
            GDate      *date)
{
  guint y, m, d;
  char end;

  g_date_clear (date, 1);
  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-' ||
      sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static GDateTime *
parse_instant (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (str, utc);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (str, other);

  /* Only a time that says its offset reads the same with both defaults */
  if (a == NULL || b == NULL || !g_date_time_equal (a, b))
    return NULL;
  return g_steal_pointer (&a);
}

static void
report_date (Loader     *self,
             const char *path,
             const char *str)
{
  loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                 _("“%s” is not a date; write it as YYYY-MM-DD, such as 2026-03-18"), str);
}

static void
load_ordinals (Loader         *self,
               JsonObject     *object,
               const char     *path,
               ConveneMeeting *meeting)
{
  g_autofree char *ordinals_path = convene_json_path_member (path, "ordinals");
  JsonArray *array = loader_get_array (self, object, path, "ordinals", 0);
  guint mask = 0;

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = convene_json_path_index (ordinals_path, i);
      JsonNode *node = json_array_get_element (array, i);
      gint64 n;

      if (!loader_node_has_type (node, EXPECT_INTEGER))
        {
          loader_report_type (self, element_path, node, EXPECT_INTEGER);
          return;
        }
      n = json_node_get_int (node);
      if (n == 0 || n < -1 || n > 5)
        {
          loader_report (self, CONVENE_SEVERITY_ERROR, element_path, element_path,
                         _("an ordinal is 1 to 5 for the first to the fifth weekday of the "
                           "month, or -1 for the last"));
          return;
        }
      mask |= CONVENE_MEETING_ORDINAL ((int)n);
    }

  if (mask == 0)
    return;
  if (convene_meeting_get_interval_weeks (meeting) != 0)
    {
      loader_report (self, CONVENE_SEVERITY_ERROR, ordinals_path, ordinals_path,
                     _("a meeting is either every few weeks or monthly: "
                       "interval_weeks and ordinals cannot both be set"));
      return;
    }
  if (convene_meeting_get_week_of_month (meeting) != 0 &&
      !(mask & CONVENE_MEETING_ORDINAL (convene_meeting_get_week_of_month (meeting))))
    {
      loader_report (self, CONVENE_SEVERITY_ERROR, ordinals_path, ordinals_path,
                     _("week_of_month must be one of the ordinals"));
      return;
    }
  convene_meeting_set_ordinals (meeting, mask);
}

static void
load_exceptions (Loader         *self,
                 JsonObject     *object,
                 const char     *path,
                 ConveneMeeting *meeting)
{
  g_autofree char *exceptions_path = convene_json_path_member (path, "exceptions");
  JsonArray *array = loader_get_array (self, object, path, "exceptions", 0);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && i < MAX_DATES; i++)
    {
      g_autofree char *element_path = convene_json_path_index (exceptions_path, i);
      JsonNode *node = json_array_get_element (array, i);
      GDate date;

      if (!loader_node_has_type (node, EXPECT_STRING))
        loader_report_type (self, element_path, node, EXPECT_STRING);
      else if (!parse_date (json_node_get_string (node), &date))
        report_date (self, element_path, json_node_get_string (node));
      else
        convene_meeting_add_exception (meeting, &date);
    }
}

static void
load_moves (Loader         *self,
            JsonObject     *object,
            const char     *path,
            ConveneMeeting *meeting)
{
  g_autofree char *moved_path = convene_json_path_member (path, "moved");
  JsonArray *array = loader_get_array (self, object, path, "moved", 0);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && i < MAX_DATES; i++)
    {
      g_autofree char *element_path = convene_json_path_index (moved_path, i);
      JsonObject *move = loader_get_element_object (self, array, i, element_path);
      g_autoptr(GDateTime) start = NULL;
      const char *date_text;
      const char *start_text;
      gint64 minutes = 0;
      GDate date;

      if (move == NULL)
        continue;

      date_text = loader_get_string (self, move, element_path, "date", REQUIRED | NOT_EMPTY,
                                     CONVENE_MAX_KEYWORD);
      start_text = loader_get_string (self, move, element_path, "start", REQUIRED | NOT_EMPTY,
                                      CONVENE_MAX_KEYWORD);
      if (loader_get_int (self, move, element_path, "minutes", 1, 24 * 60, &minutes) == FALSE)
        minutes = 0;
      if (date_text == NULL || start_text == NULL)
        continue;

      if (!parse_date (date_text, &date))
        {
          g_autofree char *date_path = convene_json_path_member (element_path, "date");

          report_date (self, date_path, date_text);
          continue;
        }
      if ((start = parse_instant (start_text)) == NULL)
        {
          g_autofree char *start_path = convene_json_path_member (element_path, "start");

          loader_report (self, CONVENE_SEVERITY_ERROR, start_path, start_path,
                         _("“%s” is not an ISO 8601 date and time with an offset, "
                           "such as 2017-12-20T21:00:00Z"), start_text);
          continue;
        }
      convene_meeting_add_move (meeting, &date, start, (int)minutes);
    }
}

static void
load_rrule (Loader         *self,
            JsonObject     *object,
            const char     *path,
            ConveneMeeting *meeting)
{
  const char *str = loader_get_string (self, object, path, "rrule", NOT_EMPTY,
                                       CONVENE_MAX_KEYWORD);
  g_autofree char *rrule_path = NULL;
  struct icalrecurrencetype rule;

  if (str == NULL)
    return;

  rrule_path = convene_json_path_member (path, "rrule");
  rule = icalrecurrencetype_from_string (str);
  icalerror_clear_errno ();
  if (rule.freq == ICAL_NO_RECURRENCE)
    loader_report (self, CONVENE_SEVERITY_ERROR, rrule_path, rrule_path,
                   _("“%s” is not an iCalendar RRULE, such as FREQ=MONTHLY;BYDAY=1WE,3WE"),
                   str);
  else if (convene_meeting_get_anchor (meeting) == NULL)
    loader_report (self, CONVENE_SEVERITY_ERROR, rrule_path, rrule_path,
                   _("a meeting with an rrule needs an anchor: its first occurrence"));
  else
    convene_meeting_set_rrule (meeting, str);
}

/* How many times a meeting may have besides its own */
#define MAX_SLOTS 16

static const char * const slot_weekdays[] = {
  NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* "HH:MM", 00:00 to 23:59 */
static gboolean
parse_clock (const char *str,
             int        *minutes)
{
  if (strlen (str) != 5 || !g_ascii_isdigit (str[0]) || !g_ascii_isdigit (str[1]) ||
      str[2] != ':' || !g_ascii_isdigit (str[3]) || !g_ascii_isdigit (str[4]))
    return FALSE;
  *minutes = ((str[0] - '0') * 10 + (str[1] - '0')) * 60 + (str[3] - '0') * 10 + (str[4] - '0');
  return str[3] <= '5' && *minutes < 24 * 60;
}

/* One more time of the meeting: { weekday, start, timezone?, anchor? } */
static void
load_slot (Loader         *self,
           JsonObject     *slot,
           const char     *path,
           ConveneMeeting *meeting)
{
  const char *weekday = loader_get_string (self, slot, path, "weekday", REQUIRED | NOT_EMPTY,
                                           CONVENE_MAX_KEYWORD);
  const char *start = loader_get_string (self, slot, path, "start", REQUIRED | NOT_EMPTY,
                                         CONVENE_MAX_KEYWORD);
  const char *zone = loader_get_string (self, slot, path, "timezone", NOT_EMPTY,
                                        CONVENE_MAX_KEYWORD);
  const char *anchor_text = loader_get_string (self, slot, path, "anchor", NOT_EMPTY,
                                               CONVENE_MAX_KEYWORD);
  g_autoptr(GDateTime) anchor = NULL;
  GDateWeekday day = G_DATE_BAD_WEEKDAY;
  gboolean valid = weekday != NULL && start != NULL;
  int minutes = -1;

  for (guint i = G_DATE_MONDAY; weekday != NULL && i <= G_DATE_SUNDAY; i++)
    if (g_ascii_strcasecmp (weekday, slot_weekdays[i]) == 0)
      day = i;
  if (weekday != NULL && day == G_DATE_BAD_WEEKDAY)
    {
      g_autofree char *at = convene_json_path_member (path, "weekday");

      loader_report (self, CONVENE_SEVERITY_ERROR, at, at,
                     _("unknown weekday “%s”; use monday, tuesday, wednesday, thursday, "
                       "friday, saturday or sunday"), weekday);
      valid = FALSE;
    }
  if (start != NULL && !parse_clock (start, &minutes))
    {
      g_autofree char *at = convene_json_path_member (path, "start");

      loader_report (self, CONVENE_SEVERITY_ERROR, at, at,
                     _("“%s” is not a time of day; write it as HH:MM, such as 09:30 or 17:00"),
                     start);
      valid = FALSE;
    }
  if (zone != NULL && !convene_schedule_zone_is_valid (zone))
    {
      g_autofree char *at = convene_json_path_member (path, "timezone");

      loader_report (self, CONVENE_SEVERITY_ERROR, at, at,
                     _("unknown time zone “%s”; use an IANA identifier such as "
                       "America/Los_Angeles or UTC"), zone);
      valid = FALSE;
    }
  if (anchor_text != NULL && (anchor = parse_instant (anchor_text)) == NULL)
    {
      g_autofree char *at = convene_json_path_member (path, "anchor");

      loader_report (self, CONVENE_SEVERITY_ERROR, at, at,
                     _("“%s” is not an ISO 8601 date and time with an offset, "
                       "such as 2017-12-20T21:00:00Z"), anchor_text);
      valid = FALSE;
    }

  if (valid)
    convene_meeting_add_slot (meeting, day, minutes, zone, anchor);
}

static void
load_slots (Loader         *self,
            JsonObject     *object,
            const char     *path,
            ConveneMeeting *meeting)
{
  g_autofree char *slots_path = convene_json_path_member (path, "slots");
  JsonArray *array = loader_get_array (self, object, path, "slots", 0);

  if (array == NULL)
    return;

  if (convene_meeting_get_rrule (meeting) != NULL)
    {
      loader_report (self, CONVENE_SEVERITY_ERROR, slots_path, slots_path,
                     _("a meeting with an rrule has its times in the rule: "
                       "it cannot have slots"));
      return;
    }
  if (json_array_get_length (array) > MAX_SLOTS)
    loader_report (self, CONVENE_SEVERITY_ERROR, slots_path, slots_path,
                   _("a meeting may have at most %d slots besides its own time"), MAX_SLOTS);

  for (guint i = 0; i < json_array_get_length (array) && i < MAX_SLOTS; i++)
    {
      g_autofree char *element_path = convene_json_path_index (slots_path, i);
      JsonObject *slot = loader_get_element_object (self, array, i, element_path);

      if (slot != NULL)
        load_slot (self, slot, element_path, meeting);
    }
}

/**
 * loader_load_meeting_recurrence:
 * @self: the loader
 * @object: the meeting's object
 * @path: its path
 * @meeting: the meeting read so far from the v1 keys
 *
 * Reads the v2 recurrence keys of a meeting into @meeting.
 */
void
loader_load_meeting_recurrence (Loader         *self,
                                JsonObject     *object,
                                const char     *path,
                                ConveneMeeting *meeting)
{
  g_assert (self != NULL);
  g_assert (CONVENE_IS_MEETING (meeting));

  load_ordinals (self, object, path, meeting);
  load_exceptions (self, object, path, meeting);
  load_moves (self, object, path, meeting);
  load_rrule (self, object, path, meeting);
  load_slots (self, object, path, meeting);
}
