/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-schedule.h"
#include "convene-schedule-private.h"

/* Recurring meetings: reading the schedules communities write by hand
 * ("Wednesdays at 13:00 PT - Biweekly"), computing their next occurrence
 * in the meeting's own time zone, and describing them to the user.
 *
 * The parser reads the text as a sequence of words, numbers and times
 * and collects what each says: a weekday, a start (and maybe an end), a
 * time zone, a frequency, and maybe a start date. Anything contradictory,
 * ambiguous or unsupported makes it give up: no time is better than a
 * wrong one. The rules, in full:
 *
 * - Times are "13:00", "9:00", "09:00", "2PM", "9:00 AM", "9 a.m."; a bare
 *   number ("at 9") is not a time. A range "9:00-9:30" (or "9:00 to 9:30")
 *   gives the end. Further times (another zone's equivalent) are ignored.
 * - A time zone abbreviation means the wall-clock time of its region all
 *   year: "PST" in July still means Pacific time. The table is
 *   convene_schedule_zone_for_name()'s; IANA identifiers
 *   ("America/Los_Angeles") are taken as they are. The first zone named
 *   wins. A fixed offset ("UTC+2") is not supported.
 * - Exactly one weekday may be named (it may be repeated); two different
 *   ones ("Mondays and Thursdays", "Wednesday after the fourth Tuesday")
 *   are not supported.
 * - Frequency: "weekly", "every week", "every Wednesday" or a plural
 *   weekday ("Wednesdays") with no other frequency mean every week;
 *   "biweekly", "bi-weekly", "fortnightly", "every other week/Wednesday",
 *   "alternate Wednesdays" every two weeks; "every N weeks" every N weeks.
 *   A singular weekday with no frequency ("Wednesday at 10:00 PT") may be
 *   a one-off, and is not understood.
 * - Monthly meetings are by ordinal weekday: "first Tuesday", "3rd
 *   Wednesday", "last Wednesday every month", "monthly - third Tuesday".
 *   "every third Wednesday" is only taken as monthly when the text also
 *   speaks of the month, since it could mean every three weeks. Two
 *   ordinals ("1st and 3rd Tuesday") are not supported: taking only the
 *   first would show a wrong next meeting. "monthly" with no ordinal is
 *   only understood when a start date says which week it is (a date on
 *   the first four weeks of its month).
 * - A date after "starting", "start", "from", "since" ("biweekly starting
 *   Thursday June 25th, 2020", "2019 start date: Jan. 11th") is one
 *   occurrence and becomes the anchor when it falls on the meeting's
 *   weekday; other dates are ignored.
 * - "daily", "quarterly", "twice", "cancelled", "suspended", "TBD" and
 *   the like make the text unparseable.
 */

/* The words are read in convene-schedule-tokens.c and the zones in
 * convene-schedule-zones.c; the next occurrence is computed in
 * convene-schedule-recurrence.c and the texts for the user are made in
 * convene-schedule-format.c. All of them log in the "convene-schedule"
 * domain.
 */

/* Types */

typedef struct
{
  GPtrArray *tokens;

  gboolean failed;
  GDateWeekday weekday;
  gboolean weekday_plural;
  gboolean weekday_every;
  int start;
  int end;
  const char *zone;
  guint interval;
  gboolean monthly;
  gboolean month_mentioned;
  int ordinal;
  gboolean every_ordinal;
  guint ordinal_list;    /* "1st and 3rd Wednesday": CONVENE_MEETING_ORDINAL() bits */
  GDate anchor_date;
} Scan;

/* Tables */

/* Words that say the schedule is something this model cannot hold. */
static const char * const unsupported_words[] = {
  "daily", "quarterly", "yearly", "annually", "twice", "thrice",
  "cancelled", "canceled", "suspended", "paused", "hiatus", "discontinued",
  "tbd", "tba",
};

static const char * const start_words[] = {
  "starting", "start", "starts", "started", "from", "since", "beginning", "begins",
};

/* Dates */

static gboolean
is_year (const Token *token)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->n_digits == 4 && !token->ordinal;
}

static gboolean
is_day_of_month (const Token *token)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->n_digits <= 2 &&
         token->value >= 1 && token->value <= 31;
}

/* Finds the dates in the text ("June 25th, 2020", "Jan. 11th" after a
 * "2019", "25 June 2020", "2020-06-25"), marks their tokens used, and
 * keeps the first one that follows a word like "starting".
 */
static void
scan_dates (Scan *scan)
{
  GPtrArray *tokens = scan->tokens;
  int start_word = -1;

  for (int i = 0; (guint)i < tokens->len; i++)
    {
      Token *token = token_at (tokens, i);
      int day = 0, month = 0, year = 0;
      int first = i, last = i;

      if (token->used)
        continue;

      if (token->kind == TOKEN_WORD &&
          word_in (token->folded, start_words, G_N_ELEMENTS (start_words)))
        {
          if (start_word < 0)
            start_word = i;
          continue;
        }

      if ((month = schedule_month_of (token)))
        {
          int j = i + 1;

          if (punct_is (tokens, j, '.'))
            j++;
          if (!is_day_of_month (token_at (tokens, j)))
            continue;
          day = token_at (tokens, j)->value;
          last = j++;
          if (punct_is (tokens, j, ','))
            j++;
          if (is_year (token_at (tokens, j)))
            {
              year = token_at (tokens, j)->value;
              last = j;
            }
          else
            {
              /* "2019 start date: Jan. 11th" */
              for (int k = i - 1; k >= 0 && year == 0; k--)
                if (is_year (token_at (tokens, k)) && !token_at (tokens, k)->used)
                  {
                    year = token_at (tokens, k)->value;
                    token_at (tokens, k)->used = TRUE;
                  }
            }
        }
      else if (is_day_of_month (token) && (month = schedule_month_of (token_at (tokens, i + 1))))
        {
          int j = i + 2;

          day = token->value;
          last = i + 1;
          if (punct_is (tokens, j, ','))
            j++;
          if (is_year (token_at (tokens, j)))
            {
              year = token_at (tokens, j)->value;
              last = j;
            }
        }
      else if (is_year (token) && punct_is (tokens, i + 1, '-') &&
               token_at (tokens, i + 2) != NULL && token_at (tokens, i + 2)->kind == TOKEN_NUMBER &&
               punct_is (tokens, i + 3, '-') && is_day_of_month (token_at (tokens, i + 4)))
        {
          year = token->value;
          month = token_at (tokens, i + 2)->value;
          day = token_at (tokens, i + 4)->value;
          last = i + 4;
        }
      else
        {
          continue;
        }

      for (int k = first; k <= last; k++)
        token_at (tokens, k)->used = TRUE;

      if (year != 0 && start_word >= 0 && start_word < first &&
          !g_date_valid (&scan->anchor_date) &&
          month >= 1 && month <= 12 && g_date_valid_dmy (day, month, year))
        g_date_set_dmy (&scan->anchor_date, day, month, year);

      i = last;
    }
}

/* Scanning */

static void
scan_set_interval (Scan  *scan,
                   guint  interval)
{
  if (scan->interval != 0 && scan->interval != interval)
    scan->failed = TRUE;
  scan->interval = interval;
}

static void
scan_set_ordinal (Scan *scan,
                  int   ordinal)
{
  if (ordinal < -1 || ordinal == 0 || ordinal > 5)
    scan->failed = TRUE;
  else if (scan->ordinal != 0 && scan->ordinal != ordinal)
    scan->failed = TRUE;
  scan->ordinal = ordinal;
}

/* Reads a list of ordinals before a weekday starting at @i: "1st and
 * 3rd Wednesday", "2nd and 4th Wednesdays", "first, third and fifth
 * Tuesday". Returns %FALSE, reading nothing, when there is no such list
 * of two ordinals or more.
 */
static gboolean
scan_ordinal_list (Scan *scan,
                   int   i)
{
  GPtrArray *tokens = scan->tokens;
  guint mask = 0;
  guint n = 0;
  int j = i;

  for (;;)
    {
      int ordinal = schedule_ordinal_of (token_at (tokens, j));

      if (ordinal == 0 || token_at (tokens, j)->used || (ordinal < -1 || ordinal > 5))
        return FALSE;
      mask |= CONVENE_MEETING_ORDINAL (ordinal);
      n++;
      j++;

      if (schedule_is_weekday (tokens, j))
        break;
      if (punct_is (tokens, j, ',') || punct_is (tokens, j, '&') || word_is (tokens, j, "and"))
        j++;
      if (word_is (tokens, j, "and"))
        j++;
    }

  if (n < 2)
    return FALSE;

  for (int k = i; k < j; k++)
    token_at (tokens, k)->used = TRUE;
  if (scan->ordinal_list != 0 && scan->ordinal_list != mask)
    scan->failed = TRUE;
  scan->ordinal_list = mask;
  return TRUE;
}

static void
scan_word (Scan *scan,
           int   i)
{
  GPtrArray *tokens = scan->tokens;
  Token *token = token_at (tokens, i);
  GDateWeekday weekday;
  gboolean plural = FALSE;
  int ordinal;

  if ((weekday = schedule_weekday_of (token, &plural)) != G_DATE_BAD_WEEKDAY)
    {
      if (scan->weekday != G_DATE_BAD_WEEKDAY && scan->weekday != weekday)
        scan->failed = TRUE;
      scan->weekday = weekday;
      scan->weekday_plural |= plural;

      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each"))
        scan->weekday_every = TRUE;
      else if (word_is (tokens, i - 1, "other") && word_is (tokens, i - 2, "every"))
        scan_set_interval (scan, 2);
      else if (word_is (tokens, i - 1, "alternate"))
        scan_set_interval (scan, 2);
      return;
    }

  if (scan->zone == NULL && (scan->zone = schedule_zone_at (tokens, i)) != NULL)
    {
      /* "UTC+2" is a fixed offset, not UTC */
      if (strcmp (scan->zone, "UTC") == 0 &&
          (punct_is (tokens, i + 1, '+') || punct_is (tokens, i + 1, '-')) &&
          token_at (tokens, i + 2) != NULL && token_at (tokens, i + 2)->kind != TOKEN_WORD)
        scan->failed = TRUE;
      return;
    }

  if (strcmp (token->folded, "weekly") == 0)
    {
      scan_set_interval (scan, 1);
    }
  else if (strcmp (token->folded, "biweekly") == 0 ||
           strcmp (token->folded, "bi-weekly") == 0 ||
           strcmp (token->folded, "fortnightly") == 0)
    {
      scan_set_interval (scan, 2);
    }
  else if (strcmp (token->folded, "monthly") == 0)
    {
      scan->monthly = TRUE;
    }
  else if (strcmp (token->folded, "week") == 0 || strcmp (token->folded, "weeks") == 0)
    {
      int count;

      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each") ||
          word_is (tokens, i - 1, "per") || word_is (tokens, i - 1, "a"))
        {
          scan_set_interval (scan, 1);
        }
      else if ((word_is (tokens, i - 2, "every") || word_is (tokens, i - 2, "each")) &&
               (count = schedule_count_of (token_at (tokens, i - 1))) > 0)
        {
          token_at (tokens, i - 1)->used = TRUE;
          if (count > 52)
            scan->failed = TRUE;
          else
            scan_set_interval (scan, count);
        }
    }
  else if (strcmp (token->folded, "month") == 0 || strcmp (token->folded, "months") == 0)
    {
      scan->month_mentioned = TRUE;
      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each") ||
          word_is (tokens, i - 1, "per") || word_is (tokens, i - 1, "a"))
        scan->monthly = TRUE;
    }
  else if (word_in (token->folded, unsupported_words, G_N_ELEMENTS (unsupported_words)))
    {
      scan->failed = TRUE;
    }
  else if ((ordinal = schedule_ordinal_of (token)) != 0 && !token->used &&
           !word_is (tokens, i + 1, "week") && !word_is (tokens, i + 1, "weeks"))
    {
      if (scan_ordinal_list (scan, i))
        {
          /* read as a whole */
        }
      else if (schedule_is_weekday (tokens, i + 1))
        {
          scan_set_ordinal (scan, ordinal);
          if (word_is (tokens, i - 1, "every"))
            scan->every_ordinal = TRUE;
        }
      else if (ordinal != -1)
        {
          /* "1st and 3rd", "first meeting": not one ordinal weekday */
          scan->failed = TRUE;
        }
    }
}

static void
scan_time (Scan *scan,
           int   i)
{
  GPtrArray *tokens = scan->tokens;
  Token *token = token_at (tokens, i);
  Token *end;
  int j = i + 1;

  if (token->used || scan->start >= 0)
    return;

  if (token->value < 0)
    {
      scan->failed = TRUE;
      return;
    }

  scan->start = token->value;

  if (punct_is (tokens, j, '-') || punct_is (tokens, j, 0x2013) || punct_is (tokens, j, 0x2014) ||
      word_is (tokens, j, "to") || word_is (tokens, j, "until") || word_is (tokens, j, "till"))
    j++;
  else
    return;

  end = token_at (tokens, j);
  if (end == NULL || end->kind != TOKEN_TIME)
    return;

  end->used = TRUE;
  if (end->value < 0)
    {
      scan->failed = TRUE;
      return;
    }

  /* "1:00-2:00 PM": the meridiem of the end covers the start */
  if (!token->meridiem && end->meridiem && end->pm &&
      scan->start < 12 * 60 && scan->start + 12 * 60 <= end->value)
    scan->start += 12 * 60;

  scan->end = end->value;
}

static void
scan_tokens (Scan *scan)
{
  GPtrArray *tokens = scan->tokens;

  scan_dates (scan);

  for (int i = 0; (guint)i < tokens->len && !scan->failed; i++)
    {
      Token *token = token_at (tokens, i);

      switch (token->kind)
        {
        case TOKEN_WORD:
          scan_word (scan, i);
          break;

        case TOKEN_TIME:
          scan_time (scan, i);
          break;

        case TOKEN_NUMBER:
          /* "every 3rd week" is read at "week" */
          if (token->ordinal && !token->used &&
              !word_is (tokens, i + 1, "week") && !word_is (tokens, i + 1, "weeks"))
            {
              if (scan_ordinal_list (scan, i))
                {
                  /* read as a whole */
                }
              else if (schedule_is_weekday (tokens, i + 1))
                {
                  scan_set_ordinal (scan, token->value);
                  if (word_is (tokens, i - 1, "every"))
                    scan->every_ordinal = TRUE;
                }
              else
                {
                  scan->failed = TRUE;
                }
            }
          break;

        case TOKEN_PUNCT:
        default:
          break;
        }
    }
}

static void
clear_schedule (ConveneMeeting *meeting)
{
  convene_meeting_set_weekday (meeting, G_DATE_BAD_WEEKDAY);
  convene_meeting_set_start_minute (meeting, -1);
  convene_meeting_set_end_minute (meeting, -1);
  convene_meeting_set_timezone (meeting, NULL);
  convene_meeting_set_interval_weeks (meeting, 0);
  convene_meeting_set_week_of_month (meeting, 0);
}

/* Turns what the scan found into the meeting's structure. */
static gboolean
apply_scan (Scan           *scan,
            ConveneMeeting *meeting)
{
  g_autoptr(GDateTime) anchor = NULL;
  gboolean anchor_fits;
  guint interval = 0;
  int week_of_month = 0;
  guint ordinals = 0;

  if (scan->failed ||
      scan->weekday == G_DATE_BAD_WEEKDAY ||
      scan->start < 0 ||
      scan->zone == NULL)
    return FALSE;

  anchor_fits = g_date_valid (&scan->anchor_date) &&
                g_date_get_weekday (&scan->anchor_date) == scan->weekday;

  if (scan->ordinal_list != 0)
    {
      /* "1st and 3rd Wednesday" is monthly whatever else is said */
      if (scan->interval > 1 ||
          (scan->ordinal != 0 && !(scan->ordinal_list & CONVENE_MEETING_ORDINAL (scan->ordinal))))
        return FALSE;
      ordinals = scan->ordinal_list;
    }
  else if (scan->ordinal != 0)
    {
      if (scan->interval != 0)
        return FALSE;
      /* "every third Wednesday" may mean every three weeks */
      if (scan->every_ordinal && !scan->monthly && !scan->month_mentioned)
        return FALSE;
      week_of_month = scan->ordinal;
    }
  else if (scan->monthly)
    {
      guint day;

      if (scan->interval != 0 || !anchor_fits)
        return FALSE;
      day = g_date_get_day (&scan->anchor_date);
      if (day > 28)
        return FALSE;
      week_of_month = (day - 1) / 7 + 1;
    }
  else if (scan->interval != 0)
    {
      interval = scan->interval;
    }
  else if (scan->weekday_plural || scan->weekday_every)
    {
      interval = 1;
    }
  else
    {
      return FALSE;
    }

  if (anchor_fits)
    {
      g_autoptr(GTimeZone) tz = schedule_lookup_zone (scan->zone);
      g_autoptr(GDateTime) local = NULL;

      if (tz != NULL)
        local = g_date_time_new (tz,
                                 g_date_get_year (&scan->anchor_date),
                                 g_date_get_month (&scan->anchor_date),
                                 g_date_get_day (&scan->anchor_date),
                                 scan->start / 60, scan->start % 60, 0);
      if (local != NULL)
        anchor = g_date_time_to_utc (local);
    }

  convene_meeting_set_weekday (meeting, scan->weekday);
  convene_meeting_set_start_minute (meeting, scan->start);
  convene_meeting_set_end_minute (meeting, scan->end);
  convene_meeting_set_timezone (meeting, scan->zone);
  convene_meeting_set_interval_weeks (meeting, interval);
  convene_meeting_set_week_of_month (meeting, week_of_month);
  if (ordinals != 0)
    convene_meeting_set_ordinals (meeting, ordinals);
  if (anchor != NULL)
    convene_meeting_set_anchor (meeting, anchor);

  return TRUE;
}

/* Public API */

/**
 * convene_schedule_parse:
 * @text: a schedule as a community wrote it, such as
 *   "Wednesdays at 13:00 PT - Biweekly"; a whole sentence may be given
 * @meeting: the meeting whose structure to fill
 *
 * Reads the weekday, start, end, time zone and frequency of a recurring
 * meeting from @text, following the rules at the top of this file. When
 * @text names a start date ("biweekly starting Tuesday Oct 28, 2025") on
 * the meeting's weekday, it becomes the anchor; otherwise the anchor is
 * left as it is, since it usually comes from a calendar link (see
 * convene_schedule_anchor_from_calendar_url()).
 *
 * Returns: %TRUE if @text was understood; otherwise the structure of
 *   @meeting is left empty (no weekday, start or zone)
 */
gboolean
convene_schedule_parse (const char     *text,
                        ConveneMeeting *meeting)
{
  Scan scan = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), FALSE);
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  scan.tokens = schedule_tokenize (text);
  scan.weekday = G_DATE_BAD_WEEKDAY;
  scan.start = -1;
  scan.end = -1;
  g_date_clear (&scan.anchor_date, 1);

  scan_tokens (&scan);
  ok = apply_scan (&scan, meeting);
  if (!ok)
    clear_schedule (meeting);

  g_ptr_array_unref (scan.tokens);
  return ok;
}

/**
 * convene_schedule_parse_parts:
 * @day: the day, such as "Tuesday", "first Wednesday" or
 *   "Thursdays (starting February 15th 2024)"
 * @time: the start, such as "9:00", "09:00" or "2PM"
 * @tz: the time zone, such as "PT (Pacific Time)", "UTC" or "Poland"
 * @frequency: (nullable): such as "biweekly", "monthly - third Tuesday" or
 *   "biweekly starting Thursday June 25th, 2020"
 * @meeting: the meeting whose structure to fill
 *
 * Like convene_schedule_parse() for registries that keep the parts of a
 * schedule in separate fields, as the Kubernetes sigs.yaml does. @time
 * must hold the start and @tz the zone.
 *
 * Returns: %TRUE if the parts were understood; otherwise the structure of
 *   @meeting is left empty
 */
gboolean
convene_schedule_parse_parts (const char     *day,
                              const char     *time,
                              const char     *tz,
                              const char     *frequency,
                              ConveneMeeting *meeting)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) time_tokens = NULL;
  Token *first;

  g_return_val_if_fail (day != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (day, -1, NULL) && g_utf8_validate (time, -1, NULL) &&
                        g_utf8_validate (tz, -1, NULL), FALSE);
  g_return_val_if_fail (frequency == NULL || g_utf8_validate (frequency, -1, NULL), FALSE);
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  /* The time field must start with the time and the zone field must name
   * a zone, so that neither is taken from a stray word elsewhere.
   */
  time_tokens = schedule_tokenize (time);
  first = token_at (time_tokens, 0);
  if (first == NULL || first->kind != TOKEN_TIME || convene_schedule_zone_for_name (tz) == NULL)
    {
      clear_schedule (meeting);
      return FALSE;
    }

  /* The time and the zone first: the first of each in the text wins. */
  text = g_strdup_printf ("%s ; %s ; %s ; %s", time, tz, day, frequency ? frequency : "");
  return convene_schedule_parse (text, meeting);
}
