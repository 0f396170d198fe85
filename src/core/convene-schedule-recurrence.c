/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-schedule.h"
#include "convene-schedule-private.h"

/* When a meeting happens: its next occurrence, computed on the calendar
 * of the meeting's own zone, whether it is live or about to start, and
 * the anchor a calendar link gives for meetings every few weeks.
 */

/* Types */

G_DEFINE_ENUM_TYPE (ConveneMeetingState, convene_meeting_state,
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_SOON, "soon"),
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_LIVE, "live"))

/* Recurrence */

static GTimeZone *
meeting_zone (ConveneMeeting *meeting)
{
  const char *identifier = convene_meeting_get_timezone (meeting);

  if (identifier == NULL)
    return NULL;
  return schedule_lookup_zone (identifier);
}

void
schedule_date_from_date_time (GDate     *date,
                              GDateTime *dt)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

/* Public API */

/**
 * convene_schedule_anchor_from_calendar_url:
 * @url: a Google Calendar event link, such as
 *   "https://calendar.google.com/event?action=TEMPLATE&tmeid=..."
 *
 * Google Calendar invitation links carry the event in a `tmeid` (or
 * `eid`) parameter: URL-safe base64 without padding of
 * "<event id>_<YYYYMMDDTHHMMSSZ> <organizer>". The time stamp is the start
 * of one occurrence of the series, which tells which weeks a biweekly
 * meeting falls on.
 *
 * Returns: (transfer full) (nullable): the start of that occurrence in
 *   UTC, or %NULL if @url carries no such event
 */
GDateTime *
convene_schedule_anchor_from_calendar_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *padded = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *event = NULL;
  const char *query;
  const char *eid;
  const char *stamp;
  char *space;
  gsize len;
  int fields[6];
  static const int offsets[6] = { 0, 4, 6, 9, 11, 13 };
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || (query = g_uri_get_query (uri)) == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  eid = g_hash_table_lookup (params, "tmeid");
  if (eid == NULL)
    eid = g_hash_table_lookup (params, "eid");
  if (eid == NULL || *eid == '\0')
    return NULL;

  len = strlen (eid);
  padded = g_malloc (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = eid[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/' && !(c == '=' && i + 2 >= len))
        return NULL;
      padded[i] = c;
    }
  while (len % 4 != 0)
    padded[len++] = '=';
  padded[len] = '\0';

  decoded = g_base64_decode (padded, &len);
  if (decoded == NULL || len == 0 || !g_utf8_validate ((const char *)decoded, len, NULL) ||
      memchr (decoded, '\0', len) != NULL)
    return NULL;
  event = g_strndup ((const char *)decoded, len);

  /* "<event id>_<stamp> <organizer>" */
  if ((space = strchr (event, ' ')) != NULL)
    *space = '\0';
  stamp = strrchr (event, '_');
  if (stamp == NULL || stamp == event)
    return NULL;
  stamp++;

  if (strlen (stamp) != 16 || stamp[8] != 'T' || stamp[15] != 'Z')
    return NULL;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      fields[f] = 0;
      for (int k = 0; k < widths[f]; k++)
        {
          char c = stamp[offsets[f] + k];

          if (!is_digit (c))
            return NULL;
          fields[f] = fields[f] * 10 + (c - '0');
        }
    }

  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 ||
      !g_date_valid_dmy (fields[2], fields[1], fields[0]) ||
      fields[3] > 23 || fields[4] > 59 || fields[5] > 59)
    return NULL;

  return g_date_time_new_utc (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
}

/**
 * convene_schedule_is_computable:
 * @meeting: a #ConveneMeeting
 *
 * Whether the dates of @meeting can be computed: it has a schedule, its
 * zone is known to the system, and when it does not meet every week or
 * by ordinal weekday, an anchor says which weeks it falls on.
 *
 * Returns: %TRUE if convene_schedule_next_start() can find occurrences
 */
gboolean
convene_schedule_is_computable (ConveneMeeting *meeting)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  if (!convene_meeting_has_schedule (meeting))
    return FALSE;

  if (convene_meeting_get_anchor (meeting) == NULL &&
      (convene_meeting_get_rrule (meeting) != NULL ||
       (convene_meeting_get_ordinals (meeting) == 0 &&
        convene_meeting_get_interval_weeks (meeting) > 1)))
    return FALSE;

  tz = meeting_zone (meeting);
  return tz != NULL;
}

/**
 * convene_schedule_get_duration:
 * @meeting: a #ConveneMeeting
 *
 * An end before the start is on the next day (23:30-00:30 lasts an hour).
 *
 * Returns: how many minutes @meeting lasts: from its start to its end, or
 *   %CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES when no end is known
 */
int
convene_schedule_get_duration (ConveneMeeting *meeting)
{
  int start, end;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES);

  start = convene_meeting_get_start_minute (meeting);
  end = convene_meeting_get_end_minute (meeting);

  if (start < 0 || end < 0 || end == start)
    return CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES;
  if (end > start)
    return end - start;
  return end + 24 * 60 - start;
}

/**
 * convene_schedule_next_start:
 * @meeting: a #ConveneMeeting
 * @now: the time to look from
 *
 * Finds the first occurrence of @meeting that starts at or after @now,
 * from its rule (see convene_schedule_occurrences()). A meeting every N
 * weeks falls on the weeks (Monday to Sunday, in the meeting's zone) a
 * multiple of N from the week of its anchor.
 *
 * Returns: (transfer full) (nullable): the start, in the meeting's time
 *   zone (convert with g_date_time_to_local()), or %NULL when it cannot be
 *   computed (see convene_schedule_is_computable())
 */
GDateTime *
convene_schedule_next_start (ConveneMeeting *meeting,
                             GDateTime      *now)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!convene_schedule_is_computable (meeting))
    return NULL;
  return schedule_next_start_cached (meeting, now);
}

/**
 * convene_schedule_next:
 * @meeting: a #ConveneMeeting
 * @now: the time to look from
 *
 * Finds the first occurrence of @meeting that has not ended at @now: the
 * first start after `now - duration` (see convene_schedule_get_duration()),
 * so a meeting in progress counts and one ending exactly at @now does not.
 *
 * Returns: (transfer full) (nullable): its start, in the meeting's time
 *   zone, or %NULL when it cannot be computed
 */
GDateTime *
convene_schedule_next (ConveneMeeting *meeting,
                       GDateTime      *now)
{
  g_autoptr(GDateTime) from = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  from = g_date_time_add (now, -convene_schedule_get_duration (meeting) * G_TIME_SPAN_MINUTE + 1);
  return convene_schedule_next_start (meeting, from);
}

/**
 * convene_schedule_get_state:
 * @meeting: a #ConveneMeeting
 * @now: the current time
 * @next_change: (out) (optional) (transfer full) (nullable): when the
 *   state next changes, %NULL if never
 *
 * Says whether @meeting is running (%CONVENE_MEETING_STATE_LIVE: from its
 * start, included, to its end, excluded), about to start
 * (%CONVENE_MEETING_STATE_SOON: within %CONVENE_SCHEDULE_SOON_MINUTES of its
 * start) or neither. One timer set for @next_change keeps a display up to
 * date.
 *
 * Returns: the state at @now
 */
ConveneMeetingState
convene_schedule_get_state (ConveneMeeting  *meeting,
                            GDateTime       *now,
                            GDateTime      **next_change)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) soon = NULL;

  if (next_change != NULL)
    *next_change = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), CONVENE_MEETING_STATE_NONE);
  g_return_val_if_fail (now != NULL, CONVENE_MEETING_STATE_NONE);

  start = convene_schedule_next (meeting, now);
  if (start == NULL)
    return CONVENE_MEETING_STATE_NONE;

  end = g_date_time_add_minutes (start, convene_schedule_get_duration (meeting));
  soon = g_date_time_add_minutes (start, -CONVENE_SCHEDULE_SOON_MINUTES);

  if (g_date_time_compare (now, start) >= 0)
    {
      if (next_change != NULL)
        *next_change = g_steal_pointer (&end);
      return CONVENE_MEETING_STATE_LIVE;
    }

  if (g_date_time_compare (now, soon) >= 0)
    {
      if (next_change != NULL)
        *next_change = g_steal_pointer (&start);
      return CONVENE_MEETING_STATE_SOON;
    }

  if (next_change != NULL)
    *next_change = g_steal_pointer (&soon);
  return CONVENE_MEETING_STATE_NONE;
}

