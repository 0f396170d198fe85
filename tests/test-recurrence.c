/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "convene-community.h"
#include "convene-group.h"
#include "convene-ics.h"
#include "convene-registry-cache.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "convene-schedule.h"
#include "test-utils.h"

/* The one recurrence engine: the rule of a meeting as an RRULE, its
 * occurrences across both daylight saving changes, exceptions and moved
 * occurrences, the export expanded again by libical, the v2 keys of the
 * registry, and IANA zones only.
 */

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_starts (GPtrArray          *starts,
               const char * const *expected)
{
  guint n = g_strv_length ((char **)expected);

  for (guint i = 0; i < MIN (n, starts->len); i++)
    {
      g_autoptr(GDateTime) u = g_date_time_to_utc (g_ptr_array_index (starts, i));
      g_autofree char *text = g_date_time_format (u, "%FT%H:%MZ");

      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpuint (starts->len, ==, n);
}

static ConveneMeeting *
parsed (const char *text)
{
  ConveneMeeting *meeting = convene_meeting_new (text);

  g_assert_true (convene_schedule_parse (text, meeting));
  return meeting;
}

/* "1st and 3rd Wednesday" is BYDAY=1WE,3WE in the engine and the export;
 * at 8:00 Pacific the second one after 8 March is an hour earlier in UTC.
 */
static void
test_ordinals (void)
{
  g_autoptr(ConveneMeeting) first_third = parsed ("1st and 3rd Wednesday of the month, 10:00 UTC");
  g_autoptr(ConveneMeeting) second_fourth = parsed ("2nd and 4th Wednesdays at 8:00 PT (Pacific Time)");
  g_autoptr(ConveneMeeting) words = parsed ("first, third and last Tuesday at 2PM CET");
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autofree char *rule_a = convene_schedule_get_rrule (first_third);
  g_autofree char *rule_b = convene_schedule_get_rrule (second_fourth);
  g_autofree char *rule_c = convene_schedule_get_rrule (words);
  g_autofree char *described = convene_schedule_describe (first_third);
  const char *expected_a[] = {
    "2026-03-04T10:00Z", "2026-03-18T10:00Z", "2026-04-01T10:00Z", "2026-04-15T10:00Z", NULL,
  };
  const char *expected_b[] = {
    "2026-03-11T15:00Z", "2026-03-25T15:00Z", "2026-04-08T15:00Z", NULL,
  };
  /* 3 March, 17 March, 31 March (last); Berlin changes on 29 March */
  const char *expected_c[] = {
    "2026-03-03T13:00Z", "2026-03-17T13:00Z", "2026-03-31T12:00Z", "2026-04-07T12:00Z", NULL,
  };

  g_assert_cmpstr (rule_a, ==, "FREQ=MONTHLY;BYDAY=1WE,3WE");
  g_assert_cmpstr (rule_b, ==, "FREQ=MONTHLY;BYDAY=2WE,4WE");
  g_assert_cmpstr (rule_c, ==, "FREQ=MONTHLY;BYDAY=1TU,3TU,-1TU");
  g_assert_cmpstr (described, ==, "The first and third Wednesday of the month at 10:00 (UTC)");

  a = convene_schedule_occurrences (first_third, from, NULL, 4);
  assert_starts (a, expected_a);
  b = convene_schedule_occurrences (second_fourth, from, NULL, 3);
  assert_starts (b, expected_b);
  c = convene_schedule_occurrences (words, from, NULL, 4);
  assert_starts (c, expected_c);
}

static void
test_ordinals_export (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("tag-app-delivery", "TAG App Delivery");
  g_autoptr(ConveneMeeting) meeting = parsed ("1st and 3rd Wednesday of the month, 16:00 UTC");
  g_autoptr(GDateTime) now = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalproperty *rrule;
  char *text;

  convene_group_add_meeting (group, meeting);
  ics = convene_ics_for_group_at (group, now, &error);
  g_assert_no_error (error);

  calendar = icalparser_parse_string (ics);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  g_assert_nonnull (rrule);
  text = icalproperty_get_value_as_string_r (rrule);
  g_assert_cmpstr (text, ==, "FREQ=MONTHLY;BYDAY=1WE,3WE");
  free (text);
  icalcomponent_free (calendar);
}

/* Weekly in Berlin: an exception in the last week of winter time, a
 * moved occurrence in the first of summer time.
 */
static ConveneMeeting *
berlin_weekly (void)
{
  ConveneMeeting *meeting = parsed ("Wednesdays at 10:00 CET, weekly");
  g_autoptr(GDateTime) moved = utc ("2026-04-02T09:00:00Z");
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 25, 3, 2026);
  convene_meeting_add_exception (meeting, &date);
  g_date_set_dmy (&date, 1, 4, 2026);
  convene_meeting_add_move (meeting, &date, moved, 30);
  return meeting;
}

static void
test_exceptions_and_moves (void)
{
  g_autoptr(ConveneMeeting) meeting = berlin_weekly ();
  g_autoptr(GDateTime) from = utc ("2026-03-16T00:00:00Z");
  g_autoptr(GDateTime) after = utc ("2026-03-18T09:30:00Z");
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GPtrArray) starts = convene_schedule_occurrences (meeting, from, NULL, 4);
  const char *expected[] = {
    "2026-03-18T09:00Z", "2026-04-02T09:00Z", "2026-04-08T08:00Z", "2026-04-15T08:00Z", NULL,
  };

  assert_starts (starts, expected);

  /* The next meeting after the one of 18 March skips 25 March */
  next = convene_schedule_next_start (meeting, after);
  g_assert_true (g_date_time_equal (next, g_ptr_array_index (starts, 1)));
}

typedef struct
{
  GPtrArray *starts;
} Expansion;

static void
add_span (icalcomponent         *comp,
          struct icaltime_span  *span,
          void                  *data)
{
  Expansion *expansion = data;

  (void)comp;
  g_ptr_array_add (expansion->starts, g_date_time_new_from_unix_utc (span->start));
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *)a, *(GDateTime * const *)b);
}

/* The occurrences libical finds in an exported calendar between @from
 * and @until: the series with its EXDATEs, each override replacing the
 * occurrence its RECURRENCE-ID names.
 */
static GPtrArray *
expand_ics (const char *ics,
            GDateTime  *from,
            GDateTime  *until)
{
  icalcomponent *calendar = icalparser_parse_string (ics);
  Expansion expansion = { g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref) };
  struct icaltimetype start = icaltime_from_timet_with_zone (g_date_time_to_unix (from), 0,
                                                             icaltimezone_get_utc_timezone ());
  struct icaltimetype end = icaltime_from_timet_with_zone (g_date_time_to_unix (until), 0,
                                                           icaltimezone_get_utc_timezone ());
  g_autoptr(GPtrArray) replaced = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);

  g_assert_nonnull (calendar);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *rid = icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY);

      if (rid == NULL)
        {
          icalcomponent_foreach_recurrence (event, start, end, add_span, &expansion);
          continue;
        }

      /* An override: its own time in, the one it replaces out */
      {
        struct icaltimetype original = icalcomponent_get_recurrenceid (event);
        icalparameter *tzid = icalproperty_get_first_parameter (rid, ICAL_TZID_PARAMETER);
        icaltimezone *zone = tzid != NULL
          ? icalcomponent_get_timezone (calendar, icalparameter_get_tzid (tzid)) : NULL;
        struct icaltimetype moved = icalcomponent_get_dtstart (event);
        GDateTime *moved_dt = g_date_time_new_from_unix_utc (icaltime_as_timet_with_zone (moved, moved.zone));

        g_ptr_array_add (replaced,
                         g_date_time_new_from_unix_utc (icaltime_as_timet_with_zone (original, zone)));
        if (g_date_time_compare (moved_dt, from) >= 0 && g_date_time_compare (moved_dt, until) < 0)
          g_ptr_array_add (expansion.starts, moved_dt);
        else
          g_date_time_unref (moved_dt);
      }
    }

  for (guint i = 0; i < replaced->len; i++)
    for (guint j = 0; j < expansion.starts->len; j++)
      if (g_date_time_equal (g_ptr_array_index (replaced, i), g_ptr_array_index (expansion.starts, j)))
        {
          g_ptr_array_remove_index (expansion.starts, j);
          break;
        }

  g_ptr_array_sort (expansion.starts, compare_times);
  icalcomponent_free (calendar);
  return expansion.starts;
}

static void
assert_same_times (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autoptr(GDateTime) ua = g_date_time_to_utc (g_ptr_array_index (a, i));
      g_autoptr(GDateTime) ub = g_date_time_to_utc (g_ptr_array_index (b, i));
      g_autofree char *ta = g_date_time_format_iso8601 (ua);
      g_autofree char *tb = g_date_time_format_iso8601 (ub);

      g_assert_cmpstr (ta, ==, tb);
    }
}

/* The exported calendar, expanded by libical, gives the engine's
 * occurrences from March to December 2026: both changes of Los Angeles
 * and of Berlin.
 */
static void
test_export_expanded (void)
{
  const char *texts[] = {
    "Thursdays at 11:00 PT - Biweekly starting Thursday March 5th, 2026",
    "2nd and 4th Wednesdays at 8:00 PT",
    "Every four weeks on Tuesday at 17:00 CET starting Tuesday Jan 6th, 2026",
    "third Wednesday of the month at 9:00 America/Los_Angeles",
  };
  g_autoptr(GDateTime) now = utc ("2026-02-20T00:00:00Z");
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GDateTime) until = utc ("2026-12-01T00:00:00Z");

  for (guint i = 0; i <= G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ConveneGroup) group = convene_group_new ("g", "G");
      g_autoptr(ConveneMeeting) meeting = i < G_N_ELEMENTS (texts) ? parsed (texts[i])
                                                                   : berlin_weekly ();
      g_autoptr(GPtrArray) engine = NULL;
      g_autoptr(GPtrArray) expanded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = NULL;

      g_test_message ("%s", convene_meeting_get_text (meeting));
      convene_group_add_meeting (group, meeting);
      ics = convene_ics_for_group_at (group, now, &error);
      g_assert_no_error (error);

      engine = convene_schedule_occurrences (meeting, from, until, 1000);
      expanded = expand_ics (ics, from, until);
      g_assert_cmpuint (engine->len, >, 8);
      assert_same_times (engine, expanded);
    }
}

/* An anchor whose occurrence moved: DTSTART stays on the rule, and the
 * move is an override of that first occurrence.
 */
static void
test_export_moved_anchor (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("networking", "Networking");
  g_autoptr(ConveneMeeting) meeting = parsed ("Thursdays at 11:00 PT - Biweekly starting Thursday March 5th, 2026");
  g_autoptr(GDateTime) moved = utc ("2026-03-06T19:00:00Z");
  g_autoptr(GDateTime) now = utc ("2026-02-20T00:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  convene_meeting_add_move (meeting, &date, moved, 0);
  convene_group_add_meeting (group, meeting);

  ics = convene_ics_for_group_at (group, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "\r\nDTSTART;TZID=America/Los_Angeles:20260305T110000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nRECURRENCE-ID;TZID=America/Los_Angeles:20260305T110000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTSTART:20260306T190000Z\r\n"));
}

static ConveneRegistry *
load_text (const char  *text,
           GPtrArray  **issues,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return convene_registry_load_from_bytes (bytes, "test.json", issues, error);
}

static ConveneMeeting *
first_meeting (ConveneRegistry *registry)
{
  g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), 0);

  return g_list_model_get_item (convene_group_get_meetings (group), 0);
}

/* A registry with every v2 recurrence key */
static const char v2_text[] =
    "{ \"format_version\": 1, \"community\": { \"name\": \"CNCF\" }, \"groups\": [\n"
    "  { \"id\": \"tag\", \"name\": \"TAG\", \"meetings\": [\n"
    "    { \"text\": \"1st and 3rd Wednesday\", \"weekday\": \"wednesday\", \"start\": \"16:00\",\n"
    "      \"timezone\": \"UTC\", \"week_of_month\": 1, \"ordinals\": [1, 3],\n"
    "      \"exceptions\": [\"2026-04-01\"],\n"
    "      \"moved\": [{ \"date\": \"2026-04-15\", \"start\": \"2026-04-16T17:00:00Z\", \"minutes\": 30 }] },\n"
    "    { \"text\": \"the 15th\", \"weekday\": \"sunday\", \"start\": \"09:00\",\n"
    "      \"timezone\": \"Europe/Berlin\", \"anchor\": \"2026-03-15T08:00:00Z\",\n"
    "      \"rrule\": \"FREQ=MONTHLY;BYMONTHDAY=15\" }\n"
    "  ] }\n"
    "] }\n";

/* The v2 keys load, are written back, and give the same occurrences. */
static void
test_registry_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (v2_text, &issues, &error);
  g_autoptr(ConveneRegistry) again = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(ConveneMeeting) meeting_again = NULL;
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) starts_again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  const char *expected[] = {
    "2026-03-04T16:00Z", "2026-03-18T16:00Z", "2026-04-16T17:00Z", "2026-05-06T16:00Z", NULL,
  };
  const char *expected_15th[] = {
    "2026-03-15T08:00Z", "2026-04-15T07:00Z", "2026-05-15T07:00Z", NULL,
  };

  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);

  meeting = first_meeting (registry);
  starts = convene_schedule_occurrences (meeting, from, NULL, 4);
  assert_starts (starts, expected);

  json = convene_registry_to_json (registry);
  g_assert_nonnull (strstr (json, "\"ordinals\": [\n"));
  again = load_text (json, NULL, &error);
  g_assert_no_error (error);
  json_again = convene_registry_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  meeting_again = first_meeting (again);
  starts_again = convene_schedule_occurrences (meeting_again, from, NULL, 4);
  assert_starts (starts_again, expected);

  {
    g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (again), 0);
    g_autoptr(ConveneMeeting) fifteenth = g_list_model_get_item (convene_group_get_meetings (group), 1);
    g_autoptr(GPtrArray) days = convene_schedule_occurrences (fifteenth, from, NULL, 3);

    assert_starts (days, expected_15th);
  }
}

/* The binary cache keeps the v2 keys: the registry read from it writes
 * the same JSON as the one read from the file.
 */
static void
test_cache (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-recurrence-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "registry.json", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autoptr(ConveneRegistry) parsed_registry = NULL;
  g_autoptr(ConveneRegistry) cached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *cached_json = NULL;
  gboolean from_cache = TRUE;

  g_assert_true (g_file_set_contents (path, v2_text, -1, NULL));

  parsed_registry = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL,
                                                      &error);
  g_assert_no_error (error);
  g_assert_false (from_cache);
  cached = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (from_cache);

  json = convene_registry_to_json (parsed_registry);
  cached_json = convene_registry_to_json (cached);
  g_assert_nonnull (strstr (cached_json, "\"moved\""));
  g_assert_nonnull (strstr (cached_json, "\"rrule\""));
  g_assert_cmpstr (json, ==, cached_json);

  test_remove_tree (dir);
}

/* "UTC+2" is a POSIX TZ string to GLib (two hours behind UTC): an error
 * at its place, and no computed time.
 */
static void
test_offset_zone (void)
{
  const char *text =
    "{ \"format_version\": 1, \"community\": { \"name\": \"X\" }, \"groups\": [\n"
    "  { \"id\": \"g\", \"name\": \"G\", \"meetings\": [\n"
    "    { \"text\": \"Wednesdays 10:00\", \"weekday\": \"wednesday\", \"start\": \"10:00\",\n"
    "      \"timezone\": \"UTC+2\", \"interval_weeks\": 1 }\n"
    "  ] }\n"
    "] }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (text, &issues, &error);
  ConveneIssue *issue;

  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_null (registry);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_ERROR);
  g_assert_cmpuint (issue->line, ==, 4);
  g_assert_cmpuint (issue->column, ==, 19);
  g_assert_cmpstr (issue->path, ==, "groups[0].meetings[0].timezone");

  g_assert_false (convene_schedule_zone_is_valid ("UTC+2"));
  g_assert_false (convene_schedule_zone_is_valid ("EST5EDT,M3.2.0,M11.1.0"));
  g_assert_false (convene_schedule_zone_is_valid ("../../etc/passwd"));
  g_assert_false (convene_schedule_zone_is_valid ("/usr/share/zoneinfo/UTC"));
  g_assert_true (convene_schedule_zone_is_valid ("UTC"));
  g_assert_true (convene_schedule_zone_is_valid ("America/Los_Angeles"));
  g_assert_true (convene_schedule_zone_is_valid ("Europe/Berlin"));
}

static ConveneMeeting *
ruled (GDateWeekday  weekday,
       int           start,
       const char   *zone,
       const char   *anchor,
       const char   *rrule)
{
  ConveneMeeting *meeting = convene_meeting_new ("from a feed");
  g_autoptr(GDateTime) first = utc (anchor);

  convene_meeting_set_weekday (meeting, weekday);
  convene_meeting_set_start_minute (meeting, start);
  convene_meeting_set_end_minute (meeting, start + 60);
  convene_meeting_set_timezone (meeting, zone);
  convene_meeting_set_interval_weeks (meeting, 1);
  convene_meeting_set_anchor (meeting, first);
  convene_meeting_set_rrule (meeting, rrule);
  return meeting;
}

/* A feed's UNTIL is a UTC time; the rule runs on the zone's wall clock.
 * East of UTC the last occurrence (10:00 Berlin is exactly the UNTIL,
 * 09:00Z) is kept; west of it, one a second after the UNTIL (09:00 Los
 * Angeles, 17:00Z) is not, though 09:00 is before 16:59 on a clock.
 */
static void
test_until_utc (void)
{
  g_autoptr(ConveneMeeting) berlin =
    ruled (G_DATE_TUESDAY, 10 * 60, "Europe/Berlin", "2026-11-03T09:00:00Z",
           "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T090000Z");
  g_autoptr(ConveneMeeting) pacific =
    ruled (G_DATE_WEDNESDAY, 9 * 60, "America/Los_Angeles", "2026-11-04T17:00:00Z",
           "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261216T165959Z");
  g_autoptr(GDateTime) from = utc ("2026-12-01T00:00:00Z");
  g_autoptr(GPtrArray) a = convene_schedule_occurrences (berlin, from, NULL, 10);
  g_autoptr(GPtrArray) b = convene_schedule_occurrences (pacific, from, NULL, 10);
  const char *expected_a[] = {
    "2026-12-01T09:00Z", "2026-12-08T09:00Z", "2026-12-15T09:00Z", NULL,
  };
  const char *expected_b[] = {
    "2026-12-02T17:00Z", "2026-12-09T17:00Z", NULL,
  };

  assert_starts (a, expected_a);
  assert_starts (b, expected_b);
}

/* Several time slots: Tuesdays at 15:45 London and 08:00 Los Angeles.
 * In winter London's is first (15:45Z, 16:00Z); from 8 March, when Los
 * Angeles changes, its slot is (15:00Z, 15:45Z); from 29 March, when
 * London changes, London's is first again (14:45Z, 15:00Z).
 */
static const char slots_text[] =
    "{ \"format_version\": 2, \"community\": { \"name\": \"K8s\" }, \"groups\": [\n"
    "  { \"id\": \"apac\", \"name\": \"APAC\", \"meetings\": [\n"
    "    { \"text\": \"Tuesdays 15:45 London and 08:00 PT\", \"weekday\": \"tuesday\",\n"
    "      \"start\": \"15:45\", \"end\": \"16:15\", \"timezone\": \"Europe/London\",\n"
    "      \"interval_weeks\": 1, \"exceptions\": [\"2026-03-17\"],\n"
    "      \"slots\": [{ \"weekday\": \"tuesday\", \"start\": \"08:00\",\n"
    "                  \"timezone\": \"America/Los_Angeles\" }] }\n"
    "  ] }\n"
    "] }\n";

static void
assert_next (ConveneMeeting *meeting,
             const char     *now,
             const char     *expected)
{
  g_autoptr(GDateTime) from = utc (now);
  g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, from);
  g_autoptr(GDateTime) next_utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (next);
  next_utc = g_date_time_to_utc (next);
  text = g_date_time_format (next_utc, "%FT%H:%MZ");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_slots_next (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (slots_text, &issues, &error);
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GPtrArray) starts = NULL;
  g_autofree char *described = NULL;
  /* 17 March is an exception of both slots */
  const char *expected[] = {
    "2026-03-03T15:45Z", "2026-03-03T16:00Z", "2026-03-10T15:00Z", "2026-03-10T15:45Z",
    "2026-03-24T15:00Z", "2026-03-24T15:45Z", "2026-03-31T14:45Z", "2026-03-31T15:00Z", NULL,
  };

  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  meeting = first_meeting (registry);
  g_assert_cmpuint (convene_meeting_get_n_slots (meeting), ==, 1);

  assert_next (meeting, "2026-03-03T12:00:00Z", "2026-03-03T15:45Z");
  assert_next (meeting, "2026-03-03T15:50:00Z", "2026-03-03T16:00Z");
  assert_next (meeting, "2026-03-10T12:00:00Z", "2026-03-10T15:00Z");
  assert_next (meeting, "2026-03-10T15:01:00Z", "2026-03-10T15:45Z");
  assert_next (meeting, "2026-03-16T12:00:00Z", "2026-03-24T15:00Z");
  assert_next (meeting, "2026-04-07T12:00:00Z", "2026-04-07T14:45Z");

  starts = convene_schedule_occurrences (meeting, from, NULL, 8);
  assert_starts (starts, expected);

  described = convene_schedule_describe (meeting);
  g_assert_cmpstr (described, ==, "Every Tuesday at 15:45–16:15 (Europe/London); "
                                  "also Tuesday at 8:00 (America/Los_Angeles)");
}

/* Written, read again, and through the binary cache: the same JSON */
static void
test_slots_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-slots-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "registry.json", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (slots_text, NULL, &error);
  g_autoptr(ConveneRegistry) again = NULL;
  g_autoptr(ConveneRegistry) parsed_registry = NULL;
  g_autoptr(ConveneRegistry) cached = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *cached_json = NULL;
  gboolean from_cache = FALSE;

  g_assert_no_error (error);
  json = convene_registry_to_json (registry);
  g_assert_nonnull (strstr (json, "\"slots\": [\n"));
  g_assert_nonnull (strstr (json, "\"timezone\": \"America/Los_Angeles\""));
  again = load_text (json, NULL, &error);
  g_assert_no_error (error);
  json_again = convene_registry_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  parsed_registry = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL,
                                                      &error);
  g_assert_no_error (error);
  cached = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (from_cache);
  cached_json = convene_registry_to_json (cached);
  g_assert_cmpstr (cached_json, ==, json);

  test_remove_tree (dir);
}

/* Each bad slot is an error where it is */
static void
test_slots_errors (void)
{
  const char *text =
    "{ \"format_version\": 2, \"community\": { \"name\": \"X\" }, \"groups\": [\n"
    "  { \"id\": \"g\", \"name\": \"G\", \"meetings\": [\n"
    "    { \"text\": \"x\", \"weekday\": \"tuesday\", \"start\": \"10:00\",\n"
    "      \"timezone\": \"UTC\", \"interval_weeks\": 1, \"slots\": [\n"
    "        { \"weekday\": \"tuesdy\", \"start\": \"17:00\" },\n"
    "        { \"weekday\": \"friday\", \"start\": \"25:00\", \"timezone\": \"UTC+2\" },\n"
    "        { \"start\": \"08:00\" }\n"
    "      ] }\n"
    "  ] }\n"
    "] }\n";
  const struct {
    const char *path;
    guint line;
  } expected[] = {
    { "groups[0].meetings[0].slots[0].weekday", 5 },
    { "groups[0].meetings[0].slots[1].start", 6 },
    { "groups[0].meetings[0].slots[1].timezone", 6 },
    { "groups[0].meetings[0].slots[2].weekday", 7 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (text, &issues, &error);

  g_assert_null (registry);
  g_assert_cmpuint (issues->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < issues->len; i++)
    {
      ConveneIssue *issue = g_ptr_array_index (issues, i);

      g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_ERROR);
      g_assert_cmpstr (issue->path, ==, expected[i].path);
      g_assert_cmpuint (issue->line, ==, expected[i].line);
    }
}

/* One VEVENT per slot, each with its own stable UID; libical expanding
 * the export gives the engine's occurrences across both changes. */
static void
test_slots_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = load_text (slots_text, NULL, &error);
  g_autoptr(ConveneGroup) group = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(GDateTime) now = utc ("2026-02-20T00:00:00Z");
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GDateTime) until = utc ("2026-12-01T00:00:00Z");
  g_autoptr(GPtrArray) engine = NULL;
  g_autoptr(GPtrArray) expanded = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *ics_again = NULL;

  g_assert_no_error (error);
  group = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  meeting = first_meeting (registry);
  ics = convene_ics_for_registry_group_at (registry, group, now, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) events = g_strsplit (ics, "BEGIN:VEVENT", -1);
    g_auto(GStrv) uids = g_strsplit (ics, "\r\nUID:", -1);

    g_assert_cmpuint (g_strv_length (events), ==, 3);
    g_assert_cmpuint (g_strv_length (uids), ==, 3);
    g_assert_true (g_str_has_prefix (uids[1], "apac-1."));
    g_assert_true (g_str_has_prefix (uids[2], "apac-1-slot2."));
  }
  g_assert_nonnull (strstr (ics, "DTSTART;TZID=America/Los_Angeles:"));
  g_assert_nonnull (strstr (ics, "EXDATE;TZID=America/Los_Angeles:20260317T080000"));

  /* Stable: the same UIDs at another time */
  ics_again = convene_ics_for_registry_group_at (registry, group, from, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics_again, "\r\nUID:apac-1-slot2."));

  engine = convene_schedule_occurrences (meeting, from, until, 1000);
  expanded = expand_ics (ics, from, until);
  g_assert_cmpuint (engine->len, >, 60);
  assert_same_times (engine, expanded);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/ordinals", test_ordinals);
  g_test_add_func ("/recurrence/ordinals/export", test_ordinals_export);
  g_test_add_func ("/recurrence/exceptions-and-moves", test_exceptions_and_moves);
  g_test_add_func ("/recurrence/export/expanded", test_export_expanded);
  g_test_add_func ("/recurrence/export/moved-anchor", test_export_moved_anchor);
  g_test_add_func ("/recurrence/registry/v2-keys", test_registry_keys);
  g_test_add_func ("/recurrence/registry/cache", test_cache);
  g_test_add_func ("/recurrence/zone/offset", test_offset_zone);
  g_test_add_func ("/recurrence/until/utc", test_until_utc);
  g_test_add_func ("/recurrence/slots/next", test_slots_next);
  g_test_add_func ("/recurrence/slots/round-trip", test_slots_round_trip);
  g_test_add_func ("/recurrence/slots/errors", test_slots_errors);
  g_test_add_func ("/recurrence/slots/export", test_slots_export);

  return g_test_run ();
}
