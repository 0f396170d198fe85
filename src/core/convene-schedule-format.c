/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-schedule.h"
#include "convene-schedule-private.h"

/* The texts about a meeting's schedule that the user reads: when the
 * next meeting is and how far away, and the schedule itself when no
 * date can be computed.
 */

/* Public API */

/**
 * convene_schedule_format_next:
 * @start: the start of a meeting
 * @now: the current time
 *
 * Formats @start for the user in the local time zone, with how far away
 * it is: "Wed 2 Dec, 22:00 · in 3 days". The distance reads "now" once
 * the meeting has started; "in N minutes" (rounded up) within the hour;
 * "in N hours" (rounded) within six hours or the same day; then
 * "tomorrow" and "in N days" by local calendar days.
 *
 * Returns: (transfer full): the text
 */
char *
convene_schedule_format_next (GDateTime *start,
                              GDateTime *now)
{
  return convene_schedule_format_next_clock (start, now, FALSE);
}

/**
 * convene_schedule_format_date_clock:
 * @start: when the meeting starts
 * @twelve_hour: whether the user's clock shows 12 hours
 *
 * The date and time of @start in the user's zone alone, "Wed 2 Dec,
 * 22:00": for a row whose status already says how far away it is.
 *
 * Returns: (transfer full): the text
 */
char *
convene_schedule_format_date_clock (GDateTime *start,
                                    gboolean   twelve_hour)
{
  g_autoptr(GDateTime) local_start = NULL;
  char *date;

  g_return_val_if_fail (start != NULL, NULL);

  local_start = g_date_time_to_local (start);

  /* Translators: the date and time of the next meeting, in
   * g_date_time_format() syntax, such as "Wed 2 Dec, 22:00"
   */
  if (twelve_hour)
    /* Translators: as "%a %-d %b, %H:%M", for a 12-hour clock: "Wed 2 Dec, 10:00 PM" */
    date = g_date_time_format (local_start, C_("meeting time", "%a %-d %b, %-l:%M %p"));
  else
    date = g_date_time_format (local_start, C_("meeting time", "%a %-d %b, %H:%M"));
  if (date == NULL)
    date = g_date_time_format (local_start, "%Y-%m-%d %H:%M");

  return date;
}

/**
 * convene_schedule_format_next_clock:
 * @start: the start of a meeting
 * @now: the current time
 * @twelve_hour: whether the user's clock shows 12 hours ("10:00 PM")
 *   rather than 24 ("22:00")
 *
 * As convene_schedule_format_next(), on the user's clock.
 *
 * Returns: (transfer full): the text
 */
char *
convene_schedule_format_next_clock (GDateTime *start,
                                    GDateTime *now,
                                    gboolean   twelve_hour)
{
  g_autoptr(GDateTime) local_start = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *relative = NULL;
  GTimeSpan diff;
  GDate start_day, today;
  int days;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local_start = g_date_time_to_local (start);
  local_now = g_date_time_to_local (now);
  date = convene_schedule_format_date_clock (start, twelve_hour);

  diff = g_date_time_difference (start, now);
  schedule_date_from_date_time (&start_day, local_start);
  schedule_date_from_date_time (&today, local_now);
  days = g_date_days_between (&today, &start_day);

  if (diff <= 0)
    {
      /* Translators: a meeting has started */
      relative = g_strdup (C_("meeting time", "now"));
    }
  else if (diff < G_TIME_SPAN_HOUR)
    {
      int minutes = (diff + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;

      relative = g_strdup_printf (ngettext ("in %d minute", "in %d minutes", minutes), minutes);
    }
  else if (diff < 6 * G_TIME_SPAN_HOUR || days == 0)
    {
      int hours = (diff + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;

      relative = g_strdup_printf (ngettext ("in %d hour", "in %d hours", hours), hours);
    }
  else if (days == 1)
    {
      relative = g_strdup (_("tomorrow"));
    }
  else
    {
      relative = g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
    }

  /* Translators: the date of the next meeting, then how far away it is:
   * "Wed 2 Dec, 22:00 · in 3 days"
   */
  return g_strdup_printf (_("%s · %s"), date, relative);
}

/* "The first and third Wednesday of the month at 13:00 (UTC)" */
static char *
describe_ordinals (ConveneMeeting *meeting,
                   const char     *weekday,
                   const char     *time,
                   const char     *zone)
{
  static const char * const words[] = {
    N_("last"), N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"),
  };
  guint ordinals = convene_meeting_get_ordinals (meeting);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (int n = 1; n <= 5; n++)
    if (ordinals & CONVENE_MEETING_ORDINAL (n))
      g_ptr_array_add (names, (gpointer)_(words[n]));
  if (ordinals & CONVENE_MEETING_ORDINAL (-1))
    g_ptr_array_add (names, (gpointer)_(words[0]));

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i + 1 == names->len)
        /* Translators: between the last two of "first, third and fifth" */
        g_string_append (list, _(" and "));
      else if (i > 0)
        /* Translators: between two of "first, third and fifth" */
        g_string_append (list, _(", "));
      g_string_append (list, g_ptr_array_index (names, i));
    }

  /* Translators: "The first and third Wednesday of the month at 13:00
   * (America/Los_Angeles)"
   */
  return g_strdup_printf (_("The %s %s of the month at %s (%s)"), list->str, weekday, time, zone);
}

/* The meeting's own time, said as a person would */
static char *
describe_first (ConveneMeeting *meeting)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *time = NULL;
  const char *zone;
  int start, end;
  guint interval;

  /* 1 January 2024 was a Monday: day N of that week is weekday N */
  day = g_date_time_new_utc (2024, 1, convene_meeting_get_weekday (meeting), 0, 0, 0);
  weekday = g_date_time_format (day, "%A");

  start = convene_meeting_get_start_minute (meeting);
  end = convene_meeting_get_end_minute (meeting);
  if (end >= 0 && end != start)
    {
      /* Translators: a meeting's start and end, "9:00–9:30" */
      time = g_strdup_printf (C_("meeting time", "%d:%02d–%d:%02d"),
                              start / 60, start % 60, (end / 60) % 24, end % 60);
    }
  else
    {
      /* Translators: a meeting's start, "13:00" */
      time = g_strdup_printf (C_("meeting time", "%d:%02d"), start / 60, start % 60);
    }

  zone = convene_meeting_get_timezone (meeting);
  interval = convene_meeting_get_interval_weeks (meeting);

  if (g_bit_nth_lsf (convene_meeting_get_ordinals (meeting), -1) !=
      g_bit_nth_msf (convene_meeting_get_ordinals (meeting), -1))
    return describe_ordinals (meeting, weekday, time, zone);

  switch (convene_meeting_get_week_of_month (meeting))
    {
    case 1:
      /* Translators: "The first Tuesday of the month at 16:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("The first %s of the month at %s (%s)"), weekday, time, zone);
    case 2:
      return g_strdup_printf (_("The second %s of the month at %s (%s)"), weekday, time, zone);
    case 3:
      return g_strdup_printf (_("The third %s of the month at %s (%s)"), weekday, time, zone);
    case 4:
      return g_strdup_printf (_("The fourth %s of the month at %s (%s)"), weekday, time, zone);
    case 5:
      return g_strdup_printf (_("The fifth %s of the month at %s (%s)"), weekday, time, zone);
    case -1:
      return g_strdup_printf (_("The last %s of the month at %s (%s)"), weekday, time, zone);
    default:
      break;
    }

  if (interval == 1)
    {
      /* Translators: "Every Wednesday at 13:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("Every %s at %s (%s)"), weekday, time, zone);
    }
  if (interval == 2)
    {
      /* Translators: "Every other Wednesday at 13:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("Every other %s at %s (%s)"), weekday, time, zone);
    }

  /* Translators: "Every 4 weeks on Wednesday at 9:00 (America/Los_Angeles)" */
  return g_strdup_printf (ngettext ("Every %u week on %s at %s (%s)",
                                    "Every %u weeks on %s at %s (%s)",
                                    interval),
                          interval, weekday, time, zone);
}

/**
 * convene_schedule_describe:
 * @meeting: a #ConveneMeeting
 *
 * Describes the schedule of @meeting for the user, in its own time zone:
 * "Every other Wednesday at 13:00 (America/Los_Angeles)", "The third
 * Tuesday of the month at 16:00–17:00 (America/Los_Angeles)". This is what
 * to show when no date can be computed, such as for a biweekly meeting
 * without an anchor. A meeting's other slots follow: "; also Tuesday at
 * 17:00 (Asia/Tokyo)".
 *
 * Returns: (transfer full): the description, or a copy of the meeting's
 *   text when it has no schedule
 */
char *
convene_schedule_describe (ConveneMeeting *meeting)
{
  g_autofree char *first = NULL;
  GString *text;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);

  if (!convene_meeting_has_schedule (meeting))
    return g_strdup (convene_meeting_get_text (meeting));

  first = describe_first (meeting);
  text = g_string_new (first);
  /* The other slots, as their weekday, start and zone */
  for (guint i = 0; i < convene_meeting_get_n_slots (meeting); i++)
    {
      const ConveneMeetingSlot *slot = convene_meeting_get_slot (meeting, i);
      g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, slot->weekday, 0, 0, 0);
      g_autofree char *weekday = g_date_time_format (day, "%A");
      g_autofree char *time = g_strdup_printf (C_("meeting time", "%d:%02d"),
                                               slot->start_minute / 60, slot->start_minute % 60);

      /* Translators: another time of the same meeting, after its first:
       * "; also Tuesday at 17:00 (Asia/Tokyo)" */
      g_string_append_printf (text, _("; also %s at %s (%s)"), weekday, time,
                              slot->timezone ? slot->timezone
                                             : convene_meeting_get_timezone (meeting));
    }
  return g_string_free (text, FALSE);
}
