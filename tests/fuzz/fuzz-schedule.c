/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-schedule"

#include "config.h"

#include <string.h>

#include "convene-meeting.h"
#include "convene-schedule.h"
#include "fuzz-common.h"

/* Any text goes to the schedule parser. When it says it understood the
 * text, the meeting must have a schedule whose every field is in range,
 * and the next occurrence must be computable from it; when it did not,
 * the meeting must be left without one. The parser takes UTF-8, as the
 * loader and the importer give it, so invalid bytes are replaced first.
 * Input with three or more newlines also goes, line by line, to
 * convene_schedule_parse_parts().
 */

static void
check_meeting (const char     *text,
               gboolean        parsed,
               ConveneMeeting *meeting)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *description = NULL;
  GDateWeekday weekday;
  GDateTime *anchor;
  const char *zone;
  int start, end, week;
  guint interval;

  if (!parsed)
    {
      if (convene_meeting_has_schedule (meeting))
        fuzz_fail ("“%s”: not understood, yet the meeting has a schedule", text);
      return;
    }

  if (!convene_meeting_has_schedule (meeting))
    fuzz_fail ("“%s”: understood, yet the meeting has no schedule", text);

  weekday = convene_meeting_get_weekday (meeting);
  start = convene_meeting_get_start_minute (meeting);
  end = convene_meeting_get_end_minute (meeting);
  zone = convene_meeting_get_timezone (meeting);
  interval = convene_meeting_get_interval_weeks (meeting);
  week = convene_meeting_get_week_of_month (meeting);
  anchor = convene_meeting_get_anchor (meeting);

  if (!g_date_valid_weekday (weekday))
    fuzz_fail ("“%s”: weekday %d", text, weekday);
  if (start < 0 || start >= 24 * 60)
    fuzz_fail ("“%s”: start minute %d", text, start);
  if (end != -1 && (end < 0 || end > 24 * 60))
    fuzz_fail ("“%s”: end minute %d", text, end);
  if (zone == NULL || (tz = g_time_zone_new_identifier (zone)) == NULL)
    fuzz_fail ("“%s”: unknown zone “%s”", text, zone ? zone : "(null)");
  if (week < -1 || week > 5)
    fuzz_fail ("“%s”: week of month %d", text, week);
  if ((interval == 0) == (week == 0))
    fuzz_fail ("“%s”: interval %u weeks and week of month %d", text, interval, week);
  if (interval > 52)
    fuzz_fail ("“%s”: every %u weeks", text, interval);

  if (anchor != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (anchor, tz);

      if (local == NULL || (GDateWeekday)g_date_time_get_day_of_week (local) != weekday)
        fuzz_fail ("“%s”: the anchor is not on the meeting's weekday", text);
    }

  description = convene_schedule_describe (meeting);
  if (description == NULL || *description == '\0')
    fuzz_fail ("“%s”: no description", text);

  /* A fixed now: the same input always takes the same path. */
  now = g_date_time_new_utc (2026, 3, 8, 9, 30, 0);
  if (convene_schedule_is_computable (meeting))
    {
      next = convene_schedule_next_start (meeting, now);
      if (next == NULL)
        fuzz_fail ("“%s”: computable, but no next start", text);
      if (g_date_time_compare (next, now) < 0)
        fuzz_fail ("“%s”: the next start is before now", text);
    }
}

int
FUZZ_ENTRY (const uint8_t *data,
            size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean parsed;

  fuzz_setup ();

  text = g_utf8_make_valid ((const char *)data, size);

  meeting = convene_meeting_new (text);
  parsed = convene_schedule_parse (text, meeting);
  check_meeting (text, parsed, meeting);

  lines = g_strsplit (text, "\n", 5);
  if (g_strv_length (lines) >= 4)
    {
      g_autoptr(ConveneMeeting) parts = convene_meeting_new (text);

      parsed = convene_schedule_parse_parts (lines[0], lines[1], lines[2],
                                             *lines[3] != '\0' ? lines[3] : NULL, parts);
      check_meeting (text, parsed, parts);
    }

  return 0;
}
