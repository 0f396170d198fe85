/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "convene-schedule.h"
#include "convene-schedule-private.h"

/* The one recurrence engine: a meeting's schedule as an iCalendar RRULE,
 * expanded by libical's icalrecur_iterator on the wall clock of the
 * meeting's zone, minus its exception dates, plus its moved occurrences.
 * The next meeting, live/soon, the week ahead and the .ics export all
 * come from here, so "1st and 3rd Wednesday" is BYDAY=1WE,3WE everywhere.
 */

/* How many occurrences to look at before giving up: a fifth Wednesday
 * can be months away, a rule from a feed may start years ago.
 */
#define MAX_ITERATIONS 20000

static const char * const day_names[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static int
week_index (const GDate *date)
{
  /* Julian day 1 (1 January of year 1) was a Monday */
  return (int)(g_date_get_julian (date) - g_date_get_weekday (date)) / 7;
}

/* The rule of @meeting on @weekday: that of one of its slots */
static char *
rule_on (ConveneMeeting *meeting,
         GDateWeekday    weekday)
{
  const char *day;
  guint ordinals;
  guint interval;
  GString *rule;

  if (convene_meeting_get_rrule (meeting) != NULL)
    return g_strdup (convene_meeting_get_rrule (meeting));

  day = day_names[weekday - 1];
  ordinals = convene_meeting_get_ordinals (meeting);
  interval = convene_meeting_get_interval_weeks (meeting);

  if (ordinals == 0)
    {
      if (interval > 1)
        return g_strdup_printf ("FREQ=WEEKLY;INTERVAL=%u;BYDAY=%s", interval, day);
      return g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s", day);
    }

  rule = g_string_new ("FREQ=MONTHLY;BYDAY=");
  for (int n = 1; n <= 5; n++)
    if (ordinals & CONVENE_MEETING_ORDINAL (n))
      g_string_append_printf (rule, "%s%d%s", rule->str[rule->len - 1] == '=' ? "" : ",",
                              n, day);
  if (ordinals & CONVENE_MEETING_ORDINAL (-1))
    g_string_append_printf (rule, "%s-1%s", rule->str[rule->len - 1] == '=' ? "" : ",", day);

  return g_string_free (rule, FALSE);
}

/**
 * convene_schedule_get_rrule:
 * @meeting: a #ConveneMeeting
 *
 * The rule of @meeting as an iCalendar RRULE value: "FREQ=WEEKLY;BYDAY=WE",
 * "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=MONTHLY;BYDAY=1WE,3WE",
 * "FREQ=MONTHLY;BYDAY=-1TU", or the rule a calendar feed gave.
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL when @meeting
 *   has no schedule
 */
char *
convene_schedule_get_rrule (ConveneMeeting *meeting)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);

  if (!convene_meeting_has_schedule (meeting))
    return NULL;
  return rule_on (meeting, convene_meeting_get_weekday (meeting));
}

/**
 * convene_schedule_get_slot_rrule:
 * @meeting: a #ConveneMeeting
 * @slot: the index of one of its slots (convene_meeting_get_slot())
 *
 * As convene_schedule_get_rrule(), for the slot's weekday.
 *
 * Returns: (transfer full) (nullable): the rule
 */
char *
convene_schedule_get_slot_rrule (ConveneMeeting *meeting,
                                 guint           slot)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (slot < convene_meeting_get_n_slots (meeting), NULL);

  if (!convene_meeting_has_schedule (meeting) || convene_meeting_get_rrule (meeting) != NULL)
    return NULL;
  return rule_on (meeting, convene_meeting_get_slot (meeting, slot)->weekday);
}

static struct icaltimetype
floating_time (const GDate *date,
               int          minute)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_get_year (date);
  t.month = g_date_get_month (date);
  t.day = g_date_get_day (date);
  t.hour = minute / 60;
  t.minute = minute % 60;
  t.is_date = 0;
  return t;
}

/* One time of a meeting: its own, or one of its slots' */
typedef struct
{
  GDateWeekday weekday;
  int start_minute;
  const char *timezone;
  GDateTime *anchor;
  gboolean first;       /* the meeting's own: moves are its */
} Slot;

static void
slot_of (ConveneMeeting *meeting,
         int             i,
         Slot           *slot)
{
  slot->weekday = convene_meeting_get_weekday (meeting);
  slot->start_minute = convene_meeting_get_start_minute (meeting);
  slot->timezone = convene_meeting_get_timezone (meeting);
  slot->anchor = convene_meeting_get_anchor (meeting);
  slot->first = i < 0;
  if (i >= 0)
    {
      const ConveneMeetingSlot *other = convene_meeting_get_slot (meeting, i);

      slot->weekday = other->weekday;
      slot->start_minute = other->start_minute;
      if (other->timezone != NULL)
        slot->timezone = other->timezone;
      if (other->anchor != NULL)
        slot->anchor = other->anchor;
    }
}

/* Where to start expanding the rule of @meeting to find occurrences at or
 * after @from: a little before @from, on the weeks of the anchor for a
 * meeting every few weeks, at the anchor (the feed's DTSTART) for a rule
 * from a feed, which may count its occurrences.
 */
static gboolean
expansion_start (ConveneMeeting      *meeting,
                 const Slot          *slot,
                 GTimeZone           *tz,
                 GDateTime           *from,
                 struct icaltimetype *dtstart)
{
  g_autoptr(GDateTime) local_from = g_date_time_to_timezone (from, tz);
  GDateTime *anchor = slot->anchor;
  int start = slot->start_minute;
  guint interval = convene_meeting_get_interval_weeks (meeting);
  GDate date;
  GDate anchor_date;

  g_date_clear (&anchor_date, 1);
  if (anchor != NULL)
    {
      g_autoptr(GDateTime) local_anchor = g_date_time_to_timezone (anchor, tz);

      schedule_date_from_date_time (&anchor_date, local_anchor);
      if (convene_meeting_get_rrule (meeting) != NULL)
        {
          *dtstart = floating_time (&anchor_date,
                                    g_date_time_get_hour (local_anchor) * 60 +
                                    g_date_time_get_minute (local_anchor));
          return TRUE;
        }
    }
  else if (convene_meeting_get_rrule (meeting) != NULL)
    return FALSE;

  /* Two days before, in case a zone's change of day makes a late meeting
   * of yesterday still to come; the occurrences before @from are skipped.
   */
  schedule_date_from_date_time (&date, local_from);
  g_date_subtract_days (&date, 2);

  if (convene_meeting_get_ordinals (meeting) == 0 && interval > 1)
    {
      int weeks, k;

      if (!g_date_valid (&anchor_date) || interval > 1000)
        return FALSE;

      /* The anchor's weekday on its week a multiple of @interval weeks
       * away, at or before @date: libical counts the weeks (from Monday,
       * its default WKST) from DTSTART's.
       */
      weeks = week_index (&date) - week_index (&anchor_date);
      k = weeks >= 0 ? weeks / (int)interval : -((-weeks + (int)interval - 1) / (int)interval);
      date = anchor_date;
      if (k > 0)
        g_date_add_days (&date, (guint)k * interval * 7);
      else if (k < 0)
        g_date_subtract_days (&date, (guint)-k * interval * 7);
    }

  *dtstart = floating_time (&date, start);
  return TRUE;
}

/* The occurrence at @t of the wall clock of @tz, or %NULL for a time
 * outside GLib's range.
 */
static GDateTime *
occurrence_at (GTimeZone           *tz,
               struct icaltimetype  t)
{
  if (t.year < 1 || t.year > 9999)
    return NULL;
  return g_date_time_new (tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* A feed's UNTIL is mostly a UTC time, but the rule is expanded on the
 * wall clock of @tz (floating times), which libical compares with it
 * as they are: in Berlin the last occurrence, at 10:00 local, 09:00
 * UTC, would be dropped by an UNTIL of 09:00Z. The UNTIL becomes the
 * same instant on the wall clock of @tz.
 */
static void
until_to_wall_clock (struct icalrecurrencetype *rule,
                     GTimeZone                 *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (icaltime_is_null_time (rule->until) || rule->until.is_date ||
      !icaltime_is_utc (rule->until))
    return;

  utc = g_date_time_new_utc (rule->until.year, rule->until.month, rule->until.day,
                             rule->until.hour, rule->until.minute, rule->until.second);
  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, tz);
  rule->until = icaltime_null_time ();
  rule->until.year = g_date_time_get_year (local);
  rule->until.month = g_date_time_get_month (local);
  rule->until.day = g_date_time_get_day_of_month (local);
  rule->until.hour = g_date_time_get_hour (local);
  rule->until.minute = g_date_time_get_minute (local);
  rule->until.second = g_date_time_get_second (local);
  rule->until.is_date = 0;
}

/* The occurrences of @meeting, with its exceptions and moves when
 * @changes, else of its rule alone.
 */
static GPtrArray *
expand_slot (ConveneMeeting *meeting,
             const Slot     *slot,
             GDateTime      *from,
             GDateTime      *until,
             guint           max,
             gboolean        changes)
{
  g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *rule_text = NULL;
  struct icalrecurrencetype rule;
  struct icaltimetype dtstart;
  icalrecur_iterator *iter;

  if (max == 0 || !convene_schedule_is_computable (meeting))
    return g_steal_pointer (&starts);

  if (!slot->first && (convene_meeting_get_rrule (meeting) != NULL ||
                      !convene_schedule_zone_is_valid (slot->timezone)))
    return g_steal_pointer (&starts);
  tz = schedule_lookup_zone (slot->timezone);
  rule_text = rule_on (meeting, slot->weekday);
  rule = icalrecurrencetype_from_string (rule_text);
  if (rule.freq == ICAL_NO_RECURRENCE || !expansion_start (meeting, slot, tz, from, &dtstart))
    {
      icalerror_clear_errno ();
      return g_steal_pointer (&starts);
    }

  until_to_wall_clock (&rule, tz);
  iter = icalrecur_iterator_new (rule, dtstart);
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      return g_steal_pointer (&starts);
    }

  for (guint i = 0; i < MAX_ITERATIONS && starts->len < max; i++)
    {
      struct icaltimetype t = icalrecur_iterator_next (iter);
      g_autoptr(GDateTime) start = NULL;
      GDate date;

      if (icaltime_is_null_time (t))
        break;

      start = occurrence_at (tz, t);
      if (start == NULL)
        break;
      if (until != NULL && g_date_time_compare (start, until) >= 0)
        break;
      if (g_date_time_compare (start, from) < 0)
        continue;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, t.day, t.month, t.year);
      if (changes && (convene_meeting_is_exception (meeting, &date) ||
                      (slot->first && convene_meeting_is_moved (meeting, &date))))
        continue;

      g_ptr_array_add (starts, g_steal_pointer (&start));
    }
  icalrecur_iterator_free (iter);
  icalerror_clear_errno ();

  /* The moved occurrences go where they went, in order */
  for (guint i = 0; changes && slot->first && i < convene_meeting_get_n_moves (meeting); i++)
    {
      GDateTime *moved;
      const GDate *date = convene_meeting_get_move (meeting, i, &moved, NULL);
      guint pos;

      if (convene_meeting_is_exception (meeting, date) ||
          g_date_time_compare (moved, from) < 0 ||
          (until != NULL && g_date_time_compare (moved, until) >= 0))
        continue;

      for (pos = 0; pos < starts->len; pos++)
        if (g_date_time_compare (moved, g_ptr_array_index (starts, pos)) < 0)
          break;
      if (pos < max)
        g_ptr_array_insert (starts, pos, g_date_time_to_timezone (moved, tz));
    }
  if (starts->len > max)
    g_ptr_array_set_size (starts, max);

  return g_steal_pointer (&starts);
}

static int
compare_starts (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (*(GDateTime **)a, *(GDateTime **)b);
}

/* The occurrences of all the times of @meeting, the earliest first: each
 * slot is the same rule on its own weekday, start and zone. */
static GPtrArray *
expand (ConveneMeeting *meeting,
        GDateTime      *from,
        GDateTime      *until,
        guint           max,
        gboolean        changes)
{
  GPtrArray *starts;
  Slot slot;

  slot_of (meeting, -1, &slot);
  starts = expand_slot (meeting, &slot, from, until, max, changes);
  if (convene_meeting_get_n_slots (meeting) == 0 || max == 0 ||
      !convene_schedule_is_computable (meeting))
    return starts;

  for (guint i = 0; i < convene_meeting_get_n_slots (meeting); i++)
    {
      g_autoptr(GPtrArray) more = NULL;

      slot_of (meeting, (int)i, &slot);
      more = expand_slot (meeting, &slot, from, until, max, changes);
      for (guint k = 0; k < more->len; k++)
        g_ptr_array_add (starts, g_date_time_ref (g_ptr_array_index (more, k)));
    }
  g_ptr_array_sort (starts, compare_starts);
  /* Two slots at the same instant are one occurrence */
  for (guint k = 1; k < starts->len;)
    if (g_date_time_equal (g_ptr_array_index (starts, k - 1), g_ptr_array_index (starts, k)))
      g_ptr_array_remove_index (starts, k);
    else
      k++;
  if (starts->len > max)
    g_ptr_array_set_size (starts, max);
  return starts;
}

/**
 * convene_schedule_occurrences:
 * @meeting: a #ConveneMeeting
 * @from: the earliest start to give
 * @until: (nullable): the start to stop before, %NULL for no end
 * @max: how many occurrences to give at most
 *
 * Expands the rule of @meeting (see convene_schedule_get_rrule()) with
 * libical on the wall clock of the meeting's zone, so a meeting at 10:00
 * Pacific stays at 10:00 Pacific across daylight saving changes. The days
 * of its exceptions are left out; its moved occurrences are given where
 * they went.
 *
 * Returns: (transfer container) (element-type GDateTime): the starts in
 *   order, in the meeting's zone; empty when they cannot be computed
 */
GPtrArray *
convene_schedule_occurrences (ConveneMeeting *meeting,
                              GDateTime      *from,
                              GDateTime      *until,
                              guint           max)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  return expand (meeting, from, until, max, TRUE);
}

/**
 * convene_schedule_rule_start:
 * @meeting: a #ConveneMeeting
 * @from: the time to look from
 *
 * The first start of the rule alone at or after @from: exceptions and
 * moved occurrences aside, as an iCalendar DTSTART wants it.
 *
 * Returns: (transfer full) (nullable): the start in the meeting's zone, or
 *   %NULL when it cannot be computed
 */
GDateTime *
convene_schedule_rule_start (ConveneMeeting *meeting,
                             GDateTime      *from)
{
  g_autoptr(GPtrArray) starts = NULL;
  Slot slot;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  slot_of (meeting, -1, &slot);
  starts = expand_slot (meeting, &slot, from, NULL, 1, FALSE);
  return starts->len > 0 ? g_date_time_ref (g_ptr_array_index (starts, 0)) : NULL;
}

/**
 * convene_schedule_slot_rule_start:
 * @meeting: a #ConveneMeeting
 * @slot: the index of one of its slots (convene_meeting_get_slot())
 * @from: the time to look from
 *
 * As convene_schedule_rule_start(), for the slot.
 *
 * Returns: (transfer full) (nullable): the start in the slot's zone
 */
GDateTime *
convene_schedule_slot_rule_start (ConveneMeeting *meeting,
                                  guint           slot,
                                  GDateTime      *from)
{
  g_autoptr(GPtrArray) starts = NULL;
  Slot time;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (slot < convene_meeting_get_n_slots (meeting), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  slot_of (meeting, (int)slot, &time);
  starts = expand_slot (meeting, &time, from, NULL, 1, FALSE);
  return starts->len > 0 ? g_date_time_ref (g_ptr_array_index (starts, 0)) : NULL;
}

/* The next start, kept: libical's iterator costs some tens of
 * microseconds to set up, and the clock asks every meeting again on each
 * change of state. Each meeting keeps its next CACHED_STARTS occurrences
 * from where it was last asked; they answer any later time before the
 * last of them, until the schedule changes (its serial). Meetings are
 * read from several threads, hence the lock.
 */

#define CACHED_STARTS 2

typedef struct
{
  guint serial;
  GDateTime *from;
  GPtrArray *starts;    /* a prefix of the occurrences from @from, in order */
  gboolean complete;    /* there are no occurrences after them */
} Cached;

static void
cached_free (gpointer data)
{
  Cached *cached = data;

  g_date_time_unref (cached->from);
  g_ptr_array_unref (cached->starts);
  g_free (cached);
}

static GDateTime *
cached_lookup (Cached    *cached,
               guint      serial,
               GDateTime *from,
               gboolean  *found)
{
  *found = FALSE;
  if (cached == NULL || cached->serial != serial || g_date_time_compare (from, cached->from) < 0)
    return NULL;

  for (guint i = 0; i < cached->starts->len; i++)
    {
      GDateTime *start = g_ptr_array_index (cached->starts, i);

      if (g_date_time_compare (start, from) >= 0)
        {
          *found = TRUE;
          return g_date_time_ref (start);
        }
    }

  *found = cached->complete;
  return NULL;
}

GDateTime *
schedule_next_start_cached (ConveneMeeting *meeting,
                            GDateTime      *from)
{
  static GQuark quark;
  G_LOCK_DEFINE_STATIC (cache);
  guint serial = convene_meeting_get_serial (meeting);
  GDateTime *result;
  gboolean found;
  Cached *cached;

  if (quark == 0)
    quark = g_quark_from_static_string ("convene-schedule-next-starts");

  G_LOCK (cache);
  result = cached_lookup (g_object_get_qdata (G_OBJECT (meeting), quark), serial, from, &found);
  G_UNLOCK (cache);
  if (found)
    return result;

  cached = g_new0 (Cached, 1);
  cached->serial = serial;
  cached->from = g_date_time_ref (from);
  cached->starts = expand (meeting, from, NULL, CACHED_STARTS, TRUE);
  cached->complete = cached->starts->len < CACHED_STARTS;
  result = cached->starts->len > 0 ? g_date_time_ref (g_ptr_array_index (cached->starts, 0))
                                   : NULL;

  G_LOCK (cache);
  g_object_set_qdata_full (G_OBJECT (meeting), quark, cached, cached_free);
  G_UNLOCK (cache);

  return result;
}
