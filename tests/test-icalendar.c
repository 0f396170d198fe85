/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "convene-community.h"
#include "convene-group.h"
#include "convene-ics.h"
#include "convene-icalendar.h"
#include "convene-schedule.h"

/* iCalendar feeds written here, each across both daylight saving changes
 * of its zone (Los Angeles: 8 March and 1 November 2026; Berlin: 29
 * March and 25 October), give the exact next occurrences; the export of
 * an imported group, read again, gives the same ones.
 */

#define LA_TZID "/freeassociation.sourceforge.net/America/Los_Angeles"

/* Weekly on Thursdays at 10:00 Pacific: 12 March left out (EXDATE), 19
 * March moved to Friday 20 March at 9:00, 29 October cancelled.
 */
static const char weekly_feed[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Test//Feed//EN\r\n"
  "X-WR-CALNAME:Istio\r\n"
  "BEGIN:VTIMEZONE\r\n"
  "TZID:" LA_TZID "\r\n"
  "X-LIC-LOCATION:America/Los_Angeles\r\n"
  "BEGIN:STANDARD\r\n"
  "TZOFFSETFROM:-0700\r\n"
  "TZOFFSETTO:-0800\r\n"
  "DTSTART:19701101T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
  "END:STANDARD\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "TZOFFSETFROM:-0800\r\n"
  "TZOFFSETTO:-0700\r\n"
  "DTSTART:19700308T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
  "END:DAYLIGHT\r\n"
  "END:VTIMEZONE\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:community@istio.io\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART;TZID=" LA_TZID ":20260226T100000\r\n"
  "DTEND;TZID=" LA_TZID ":20260226T110000\r\n"
  "RRULE:FREQ=WEEKLY;BYDAY=TH\r\n"
  "EXDATE;TZID=" LA_TZID ":20260312T100000\r\n"
  "SUMMARY:Istio community meeting\r\n"
  "URL:https://meet.example.org/istio\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:community@istio.io\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "RECURRENCE-ID;TZID=" LA_TZID ":20260319T100000\r\n"
  "DTSTART;TZID=" LA_TZID ":20260320T090000\r\n"
  "DTEND;TZID=" LA_TZID ":20260320T100000\r\n"
  "SUMMARY:Istio community meeting (moved)\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:community@istio.io\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "RECURRENCE-ID;TZID=" LA_TZID ":20261029T100000\r\n"
  "DTSTART;TZID=" LA_TZID ":20261029T100000\r\n"
  "STATUS:CANCELLED\r\n"
  "SUMMARY:Istio community meeting\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* Biweekly on Tuesdays at 16:00 Berlin; monthly on the 1st and 3rd
 * Wednesday at 8:00 Pacific under a Windows zone name; monthly on the
 * 15th at 9:00 UTC, a rule the meeting's fields cannot say; and two
 * events that cannot be used.
 */
static const char mixed_feed[] =
  "BEGIN:VCALENDAR\n"
  "VERSION:2.0\n"
  "PRODID:-//Test//Feed//EN\n"
  "BEGIN:VEVENT\n"
  "UID:berlin@example.org\n"
  "DTSTART;TZID=Europe/Berlin:20260310T160000\n"
  "DURATION:PT45M\n"
  "RRULE:FREQ=WEEKLY;INTERVAL=2\n"
  "SUMMARY:Berlin meetup\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:tag@example.org\n"
  "DTSTART;TZID=Pacific Standard Time:20260304T080000\n"
  "DTEND;TZID=Pacific Standard Time:20260304T090000\n"
  "RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE\n"
  "SUMMARY:TAG App Delivery\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:fifteenth@example.org\n"
  "DTSTART:20260315T090000Z\n"
  "RRULE:FREQ=MONTHLY;BYMONTHDAY=15\n"
  "SUMMARY:Release sync\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:mars@example.org\n"
  "DTSTART;TZID=Mars/Olympus:20260310T160000\n"
  "RRULE:FREQ=WEEKLY\n"
  "SUMMARY:Mars meeting\n"
  "END:VEVENT\n"
  "BEGIN:VEVENT\n"
  "UID:allday@example.org\n"
  "DTSTART;VALUE=DATE:20260310\n"
  "SUMMARY:KubeCon\n"
  "END:VEVENT\n"
  "END:VCALENDAR\n";

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_next (ConveneMeeting     *meeting,
             const char         *from_text,
             const char * const *expected)
{
  g_autoptr(GDateTime) from = utc (from_text);
  guint n = g_strv_length ((char **)expected);
  g_autoptr(GPtrArray) starts = convene_schedule_occurrences (meeting, from, NULL, n);

  g_assert_cmpuint (starts->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) u = g_date_time_to_utc (g_ptr_array_index (starts, i));
      g_autofree char *text = g_date_time_format (u, "%FT%H:%MZ");

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static ConveneMeeting *
only_meeting (ConveneRegistry *registry,
              const char      *group_id)
{
  ConveneGroup *group = convene_registry_lookup_group (registry, group_id);

  g_assert_nonnull (group);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (group)), ==, 1);
  return g_list_model_get_item (convene_group_get_meetings (group), 0);
}

static void
test_weekly (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = convene_icalendar_import (weekly_feed, strlen (weekly_feed),
                                                                  "istio.ics", NULL, &issues, &error);
  g_autoptr(ConveneMeeting) meeting = NULL;
  const char *march[] = {
    "2026-03-05T18:00Z", "2026-03-20T16:00Z", "2026-03-26T17:00Z", NULL,
  };
  const char *october[] = {
    "2026-10-22T17:00Z", "2026-11-05T18:00Z", "2026-11-12T18:00Z", NULL,
  };

  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_cmpstr (convene_community_get_name (convene_registry_get_community (registry)), ==, "Istio");

  meeting = only_meeting (registry, "istio-community-meeting");
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, "America/Los_Angeles");
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_THURSDAY);
  g_assert_cmpint (convene_meeting_get_interval_weeks (meeting), ==, 1);
  g_assert_null (convene_meeting_get_rrule (meeting));
  g_assert_cmpint (convene_schedule_get_duration (meeting), ==, 60);
  g_assert_cmpstr (convene_meeting_get_url (meeting), ==, "https://meet.example.org/istio");
  assert_next (meeting, "2026-03-01T00:00:00Z", march);
  assert_next (meeting, "2026-10-20T00:00:00Z", october);
}

static void
test_mixed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(ConveneRegistry) registry = convene_icalendar_import (mixed_feed, strlen (mixed_feed),
                                                                  "mixed.ics", NULL, &issues, &error);
  g_autoptr(ConveneMeeting) berlin = NULL;
  g_autoptr(ConveneMeeting) tag = NULL;
  g_autoptr(ConveneMeeting) fifteenth = NULL;
  g_autofree char *tag_rule = NULL;
  ConveneIssue *issue;
  const char *berlin_march[] = { "2026-03-10T15:00Z", "2026-03-24T15:00Z", "2026-04-07T14:00Z", NULL };
  const char *berlin_october[] = { "2026-10-20T14:00Z", "2026-11-03T15:00Z", "2026-11-17T15:00Z", NULL };
  const char *tag_march[] = { "2026-03-04T16:00Z", "2026-03-18T15:00Z", "2026-04-01T15:00Z", NULL };
  const char *tag_october[] = { "2026-10-21T15:00Z", "2026-11-04T16:00Z", "2026-11-18T16:00Z", NULL };
  const char *release[] = { "2026-03-15T09:00Z", "2026-04-15T09:00Z", "2026-05-15T09:00Z", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 3);

  berlin = only_meeting (registry, "berlin-meetup");
  g_assert_cmpint (convene_meeting_get_interval_weeks (berlin), ==, 2);
  g_assert_cmpint (convene_schedule_get_duration (berlin), ==, 45);
  assert_next (berlin, "2026-03-01T00:00:00Z", berlin_march);
  assert_next (berlin, "2026-10-10T00:00:00Z", berlin_october);

  tag = only_meeting (registry, "tag-app-delivery");
  g_assert_cmpstr (convene_meeting_get_timezone (tag), ==, "America/Los_Angeles");
  g_assert_cmpuint (convene_meeting_get_ordinals (tag), ==,
                    CONVENE_MEETING_ORDINAL (1) | CONVENE_MEETING_ORDINAL (3));
  tag_rule = convene_schedule_get_rrule (tag);
  g_assert_cmpstr (tag_rule, ==, "FREQ=MONTHLY;BYDAY=1WE,3WE");
  assert_next (tag, "2026-03-01T00:00:00Z", tag_march);
  assert_next (tag, "2026-10-20T00:00:00Z", tag_october);

  fifteenth = only_meeting (registry, "release-sync");
  g_assert_cmpstr (convene_meeting_get_rrule (fifteenth), ==, "FREQ=MONTHLY;BYMONTHDAY=15");
  assert_next (fifteenth, "2026-03-01T00:00:00Z", release);

  /* The unusable events are warnings at their lines */
  g_assert_cmpuint (issues->len, ==, 2);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->severity, ==, CONVENE_SEVERITY_WARNING);
  g_assert_cmpstr (issue->file, ==, "mixed.ics");
  g_assert_cmpuint (issue->line, ==, 24);
  g_assert_nonnull (strstr (issue->message, "Mars/Olympus"));
  issue = g_ptr_array_index (issues, 1);
  g_assert_cmpuint (issue->line, ==, 30);
  g_assert_nonnull (strstr (issue->message, "KubeCon"));
}

/* The export of the imported group, read again, has the same
 * occurrences: the EXDATE, the move and the cancellation survive.
 */
static void
test_export_again (void)
{
  g_autoptr(ConveneRegistry) registry = convene_icalendar_import (weekly_feed, strlen (weekly_feed),
                                                                  NULL, NULL, NULL, NULL);
  ConveneGroup *group = convene_registry_lookup_group (registry, "istio-community-meeting");
  g_autoptr(GDateTime) now = utc ("2026-02-01T00:00:00Z");
  g_autoptr(GDateTime) from = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GDateTime) until = utc ("2026-12-01T00:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = convene_ics_for_group_at (group, now, &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(ConveneMeeting) original = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "\r\nEXDATE;TZID=America/Los_Angeles:20260312T100000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nEXDATE;TZID=America/Los_Angeles:20261029T100000\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nRECURRENCE-ID;TZID=America/Los_Angeles:20260319T100000\r\n"));

  again = convene_icalendar_read (ics, strlen (ics), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);

  original = g_list_model_get_item (convene_group_get_meetings (group), 0);
  a = convene_schedule_occurrences (original, from, until, 100);
  b = convene_schedule_occurrences (g_ptr_array_index (again, 0), from, until, 100);
  /* 39 Thursdays, less 12 March and 29 October */
  g_assert_cmpuint (a->len, ==, 37);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_date_time_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
}

/* A registry's group with a feed: its hand-written meeting takes the
 * feed's exception and move.
 */
static void
test_attach (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("community", "Community");
  g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("Thursdays at 10:00 PT, weekly");
  g_autoptr(GDateTime) from = utc ("2026-03-06T00:00:00Z");
  g_autoptr(GDateTime) moved = utc ("2026-03-20T16:00:00Z");
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (convene_schedule_parse (convene_meeting_get_text (meeting), meeting));
  convene_group_add_meeting (group, meeting);

  next = convene_schedule_next_start (meeting, from);
  g_assert_cmpint (g_date_time_get_day_of_month (next), ==, 12);
  g_clear_pointer (&next, g_date_time_unref);

  g_assert_true (convene_icalendar_attach (group, weekly_feed, strlen (weekly_feed), NULL, NULL,
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (group)), ==, 1);

  /* 12 March is left out, 19 March moved to the 20th at 9:00 */
  next = convene_schedule_next_start (meeting, from);
  g_assert_true (g_date_time_equal (next, moved));
}

/* A feed that publishes each time of a meeting with two slots as an event
 * of its own: the Thursday event's cancellation goes into the one meeting,
 * no second meeting appears. */
static void
test_attach_slots (void)
{
  static const char feed[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:emea@test\r\nSUMMARY:SIG\r\n"
    "DTSTART;TZID=Europe/Berlin:20261103T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20261103T110000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:apac@test\r\nSUMMARY:SIG\r\n"
    "DTSTART;TZID=Asia/Tokyo:20261105T090000\r\n"
    "DTEND;TZID=Asia/Tokyo:20261105T100000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=TH\r\n"
    "EXDATE;TZID=Asia/Tokyo:20261112T090000\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(ConveneGroup) group = convene_group_new ("sig", "SIG");
  g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("Tuesdays 10:00 CET, Thursdays 09:00 JST");
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "2026-11-10T09:00Z", "2026-11-17T09:00Z", "2026-11-19T00:00Z", NULL,
  };

  convene_meeting_set_weekday (meeting, G_DATE_TUESDAY);
  convene_meeting_set_start_minute (meeting, 10 * 60);
  convene_meeting_set_end_minute (meeting, 11 * 60);
  convene_meeting_set_timezone (meeting, "Europe/Berlin");
  convene_meeting_set_interval_weeks (meeting, 1);
  convene_meeting_add_slot (meeting, G_DATE_THURSDAY, 9 * 60, "Asia/Tokyo", NULL);
  convene_group_add_meeting (group, meeting);

  g_assert_true (convene_icalendar_attach (group, feed, strlen (feed), NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (group)), ==, 1);
  /* Not Thursday 12 November in Tokyo (00:00Z) */
  assert_next (meeting, "2026-11-09T00:00:00Z", expected);
}

static void
test_invalid (void)
{
  const char *inputs[] = { "", "hello", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "BEGIN:VTODO\nEND:VTODO\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConveneRegistry) registry =
        convene_icalendar_import (inputs[i], strlen (inputs[i]), NULL, NULL, NULL, &error);

      g_assert_null (registry);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CONVENE_ICALENDAR_ERROR);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icalendar/weekly", test_weekly);
  g_test_add_func ("/icalendar/mixed", test_mixed);
  g_test_add_func ("/icalendar/export-again", test_export_again);
  g_test_add_func ("/icalendar/attach", test_attach);
  g_test_add_func ("/icalendar/attach-slots", test_attach_slots);
  g_test_add_func ("/icalendar/invalid", test_invalid);

  return g_test_run ();
}
