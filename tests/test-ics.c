/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <libical/ical.h>
#include <string.h>

#include "convene-ics.h"
#include "convene-schedule.h"

/* The iCalendar export, read back with libical's own parser: what a
 * calendar application importing the file would see.
 */

#define API_MANAGEMENT_CALENDAR \
  "https://calendar.google.com/event?action=TEMPLATE&tmeid=MmphaThpYTFuMzM2bjcxNTR0cG51cG92bGFfMjAxNzEyMjBUMjEwMDAwWiBjaGVuZ2xpYW5nQGdvb2dsZS5jb20&tmsrc=chengliang%40google.com&scp=ALL"
#define API_MANAGEMENT_VC "https://meet.google.com/mbm-semv-asz"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* Helpers */

static GDateTime *
utc (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static ConveneMeeting *
meeting_new (const char *text,
             const char *url,
             const char *calendar_url)
{
  ConveneMeeting *meeting = convene_meeting_new (text);

  convene_schedule_parse (text, meeting);
  convene_meeting_set_url (meeting, url);
  if (calendar_url != NULL)
    {
      g_autoptr(GDateTime) anchor = convene_schedule_anchor_from_calendar_url (calendar_url);

      g_assert_nonnull (anchor);
      convene_meeting_set_calendar_url (meeting, calendar_url);
      convene_meeting_set_anchor (meeting, anchor);
    }

  return meeting;
}

static void
add_meeting (ConveneGroup *group,
             const char   *text,
             const char   *url,
             const char   *calendar_url)
{
  g_autoptr(ConveneMeeting) meeting = meeting_new (text, url, calendar_url);

  convene_group_add_meeting (group, meeting);
}

static ConveneGroup *
api_management (void)
{
  ConveneGroup *group = convene_group_new ("api-management", "API Management");

  add_meeting (group, "Wednesdays at 13:00 PT - Biweekly", API_MANAGEMENT_VC, API_MANAGEMENT_CALENDAR);
  return group;
}

/* Every line ends in CRLF and holds at most 75 octets (RFC 5545, 3.1). */
static void
assert_lines (const char *ics)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));

  lines = g_strsplit (ics, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");

  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

static icalcomponent *
parse (const char *ics)
{
  icalcomponent *calendar;

  assert_lines (ics);
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  return calendar;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;

  g_error ("no event %s", uid);
  return NULL;
}

static const char *
tzid_of (icalcomponent     *event,
         icalproperty_kind  kind)
{
  icalproperty *prop = icalcomponent_get_first_property (event, kind);
  icalparameter *param;

  g_assert_nonnull (prop);
  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  return param != NULL ? icalparameter_get_tzid (param) : NULL;
}

static char *
rrule_of (icalcomponent *event)
{
  icalproperty *prop = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  struct icalrecurrencetype rrule;

  g_assert_nonnull (prop);
  rrule = icalproperty_get_rrule (prop);
  return icalrecurrencetype_as_string_r (&rrule);
}

static void
assert_rrule (icalcomponent *event,
              const char    *expected)
{
  char *rrule = rrule_of (event);

  g_assert_cmpstr (rrule, ==, expected);
  free (rrule);
}

static void
assert_time (struct icaltimetype  t,
             const char          *expected)
{
  g_assert_cmpstr (icaltime_as_ical_string (t), ==, expected);
}

static guint
count_components (icalcomponent      *calendar,
                  icalcomponent_kind  kind)
{
  return icalcomponent_count_components (calendar, kind);
}

/* Tests */

static void
test_group (void)
{
  g_autoptr(ConveneGroup) group = api_management ();
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = convene_ics_for_group_at (group, now, &error);
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;
  icalcomponent *vtimezone;

  g_assert_no_error (error);
  g_assert_nonnull (ics);
  calendar = parse (ics);

  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)),
                   ==, "2.0");
  g_assert_cmpstr (icalproperty_get_prodid (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY)),
                   ==, "-//Convene//Convene " PACKAGE_VERSION "//EN");
  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);

  event = find_event (calendar, "api-management-1@convene");

  /* The anchor: 20 December 2017, 13:00 in Los Angeles */
  g_assert_cmpstr (tzid_of (event, ICAL_DTSTART_PROPERTY), ==, "America/Los_Angeles");
  g_assert_cmpstr (tzid_of (event, ICAL_DTEND_PROPERTY), ==, "America/Los_Angeles");
  g_assert_true (strstr (ics, "\r\nDTSTART;TZID=America/Los_Angeles:20171220T130000\r\n") != NULL);
  g_assert_true (strstr (ics, "\r\nDTEND;TZID=America/Los_Angeles:20171220T140000\r\n") != NULL);
  assert_rrule (event, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE");

  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "API Management meeting");
  g_assert_cmpstr (icalcomponent_get_description (event), ==, "Wednesdays at 13:00 PT - Biweekly");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, API_MANAGEMENT_VC);
  g_assert_cmpstr (icalproperty_get_url (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY)),
                   ==, API_MANAGEMENT_VC);
  assert_time (icalcomponent_get_dtstamp (event), "20260821T120000Z");
  g_assert_true (icaltime_is_utc (icalcomponent_get_dtstamp (event)));

  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "America/Los_Angeles");
}

/* Expanding the exported RRULE with the exported VTIMEZONE gives the same
 * 2026 dates and UTC times as convene_schedule_next_start().
 */
static void
test_group_recurrence (void)
{
  g_autoptr(ConveneGroup) group = api_management ();
  g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (convene_group_get_meetings (group), 0);
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GDateTime) from = utc ("2026-01-01T00:00:00Z");
  g_autofree char *ics = convene_ics_for_group_at (group, now, NULL);
  g_autoptr(icalcomponent) calendar = parse (ics);
  icalcomponent *event = find_event (calendar, "api-management-1@convene");
  icaltimezone *zone = icalcomponent_get_timezone (calendar, "America/Los_Angeles");
  struct icaltimetype dtstart = icalcomponent_get_dtstart (event);
  icalproperty *rrule_prop = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  icalrecur_iterator *iter;
  struct icaltimetype t;
  guint n = 0;

  g_assert_nonnull (zone);
  iter = icalrecur_iterator_new (icalproperty_get_rrule (rrule_prop), dtstart);
  g_assert_nonnull (iter);

  for (t = icalrecur_iterator_next (iter); !icaltime_is_null_time (t); t = icalrecur_iterator_next (iter))
    {
      g_autoptr(GDateTime) next = NULL;
      g_autoptr(GDateTime) next_utc = NULL;
      g_autofree char *expected = NULL;
      struct icaltimetype t_utc = t;

      if (t.year < 2026)
        continue;
      if (t.year > 2026)
        break;

      next = convene_schedule_next_start (meeting, from);
      next_utc = g_date_time_to_utc (next);
      expected = g_date_time_format (next_utc, "%Y%m%dT%H%M%SZ");

      icaltimezone_convert_time (&t_utc, zone, icaltimezone_get_utc_timezone ());
      t_utc.zone = icaltimezone_get_utc_timezone ();
      g_assert_cmpstr (icaltime_as_ical_string (t_utc), ==, expected);

      g_date_time_unref (from);
      from = g_date_time_add_seconds (next, 1);
      n++;
    }

  icalrecur_iterator_free (iter);
  g_assert_cmpuint (n, ==, 26);
}

static void
test_escaping (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("networking", "Networking, Policies; Telemetry");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autofree char *ics = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;

  add_meeting (group, "Thursdays at 11:00 PT, weekly; bring questions", NULL, NULL);
  ics = convene_ics_for_group_at (group, now, NULL);
  calendar = parse (ics);

  g_assert_true (strstr (ics, "\r\nSUMMARY:Networking\\, Policies\\; Telemetry meeting\r\n") != NULL);
  g_assert_true (strstr (ics, "\r\nDESCRIPTION:Thursdays at 11:00 PT\\, weekly\\; bring questions\r\n") != NULL);

  event = find_event (calendar, "networking-1@convene");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Networking, Policies; Telemetry meeting");
  g_assert_cmpstr (icalcomponent_get_description (event), ==, "Thursdays at 11:00 PT, weekly; bring questions");
  /* No URL given, none written */
  g_assert_null (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY));
  g_assert_null (icalcomponent_get_first_property (event, ICAL_LOCATION_PROPERTY));
  /* No anchor: from the next occurrence, Thursday 27 August 2026 */
  assert_time (icalcomponent_get_dtstart (event), "20260827T110000");
}

/* Long values are folded, never past 75 octets, and read back whole. */
static void
test_folding (void)
{
  const char *text = "Wednesdays at 10:00 PT - Weekly. Réunion hebdomadaire élargie — équipe réseau, "
                     "sécurité, télémétrie, politiques, observabilité, intégrations; ouverte à tous";
  const char *url = "https://zoom.us/j/96548204174?pwd=ekVmNGRjT214MGJkY1JUUUpPMVlJUT09&uname=a-very-long-parameter";
  g_autoptr(ConveneGroup) group = convene_group_new ("a-group-with-quite-a-long-identifier-for-its-uid",
                                                     "A group with a name long enough to need folding in the summary");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autofree char *ics = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;

  add_meeting (group, text, url, NULL);
  ics = convene_ics_for_group_at (group, now, NULL);
  g_assert_nonnull (strstr (ics, "\r\n "));
  calendar = parse (ics);

  event = find_event (calendar, "a-group-with-quite-a-long-identifier-for-its-uid-1@convene");
  g_assert_cmpstr (icalcomponent_get_description (event), ==, text);
  g_assert_cmpstr (icalcomponent_get_location (event), ==, url);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==,
                   "A group with a name long enough to need folding in the summary meeting");
}

static void
test_monthly_and_utc (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("docs", "Docs");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autofree char *ics = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;
  icalcomponent *vtimezone;

  add_meeting (group, "monthly - last Wednesday every month, 14:00 ET", NULL, NULL);
  add_meeting (group, "first Monday of the month, 15:00 UTC", NULL, NULL);
  add_meeting (group, "Tuesdays at 9:00 CET, biweekly starting Tuesday Feb 11, 2025", NULL, NULL);
  ics = convene_ics_for_group_at (group, now, NULL);
  calendar = parse (ics);

  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);

  event = find_event (calendar, "docs-1@convene");
  assert_rrule (event, "FREQ=MONTHLY;BYDAY=-1WE");
  g_assert_cmpstr (tzid_of (event, ICAL_DTSTART_PROPERTY), ==, "America/New_York");
  assert_time (icalcomponent_get_dtstart (event), "20260826T140000");
  assert_time (icalcomponent_get_dtend (event), "20260826T150000");

  /* UTC: a "Z" time, no TZID, no VTIMEZONE */
  event = find_event (calendar, "docs-2@convene");
  assert_rrule (event, "FREQ=MONTHLY;BYDAY=1MO");
  g_assert_null (tzid_of (event, ICAL_DTSTART_PROPERTY));
  g_assert_true (icaltime_is_utc (icalcomponent_get_dtstart (event)));
  assert_time (icalcomponent_get_dtstart (event), "20260907T150000Z");

  event = find_event (calendar, "docs-3@convene");
  assert_rrule (event, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
  g_assert_cmpstr (tzid_of (event, ICAL_DTSTART_PROPERTY), ==, "Europe/Berlin");
  assert_time (icalcomponent_get_dtstart (event), "20250211T090000");

  /* One VTIMEZONE per zone, sorted, under its plain IANA name */
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 2);
  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "America/New_York");
  vtimezone = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "Europe/Berlin");
}

/* Meetings whose dates are unknown are left out; UIDs follow the
 * meeting's position, so they do not shift when one is left out.
 */
static void
test_skips (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("security", "Security");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autofree char *ics = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;

  add_meeting (group, "Wednesdays at 11:00 PT - Biweekly", NULL, NULL);
  add_meeting (group, "Whenever the leads call one", NULL, NULL);
  add_meeting (group, "Wednesdays at 11:00 PT - Weekly", NULL, NULL);
  ics = convene_ics_for_group_at (group, now, NULL);
  calendar = parse (ics);

  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_uid (event), ==, "security-3@convene");
  assert_rrule (event, "FREQ=WEEKLY;BYDAY=WE");
  assert_time (icalcomponent_get_dtstart (event), "20260826T110000");
}

static void
test_no_meeting (void)
{
  g_autoptr(ConveneGroup) empty = convene_group_new ("empty", "Empty");
  g_autoptr(ConveneGroup) biweekly = convene_group_new ("config", "Config");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;

  ics = convene_ics_for_group_at (empty, now, &error);
  g_assert_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING);
  g_assert_null (ics);
  g_assert_cmpstr (error->message, ==, "“Empty” has no meeting with a known day, time and time zone");
  g_clear_error (&error);

  add_meeting (biweekly, "Thursdays at 10:00 PT - Biweekly", NULL, NULL);
  ics = convene_ics_for_group_at (biweekly, now, &error);
  g_assert_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING);
  g_assert_null (ics);
}

/* A zone GLib understands but libical has no definition for. */
static void
test_unknown_zone (void)
{
  g_autoptr(ConveneGroup) group = convene_group_new ("offset", "Offset");
  g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("Wednesdays at 10:00 +05:30");
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;

  convene_meeting_set_weekday (meeting, G_DATE_WEDNESDAY);
  convene_meeting_set_start_minute (meeting, 600);
  convene_meeting_set_timezone (meeting, "+05:30");
  convene_meeting_set_interval_weeks (meeting, 1);
  /* GLib would read it as a POSIX TZ string; only IANA names count */
  g_assert_false (convene_schedule_zone_is_valid ("+05:30"));
  g_assert_false (convene_schedule_is_computable (meeting));
  convene_group_add_meeting (group, meeting);

  ics = convene_ics_for_group_at (group, now, &error);
  g_assert_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING);
  g_assert_null (ics);
}

static ConveneRegistry *
make_registry (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Istio");
  g_autoptr(ConveneMeeting) shared = meeting_new ("on Wednesdays at 9:00 AM PST", "https://meet.google.com/qza-pfbq-wne", NULL);
  g_autoptr(ConveneGroup) api = api_management ();
  g_autoptr(ConveneGroup) config = convene_group_new ("config", "Config");
  g_autoptr(ConveneGroup) berlin = convene_group_new ("berlin", "Berlin");
  ConveneRegistry *registry;

  convene_community_add_meeting (community, shared);
  registry = convene_registry_new (community);

  /* Biweekly without a calendar link: left out */
  add_meeting (config, "Thursdays at 10:00 PT - Biweekly", NULL, NULL);
  add_meeting (berlin, "Thursdays at 17:00 CET, weekly", NULL, NULL);

  g_assert_true (convene_registry_add_group (registry, api));
  g_assert_true (convene_registry_add_group (registry, config));
  g_assert_true (convene_registry_add_group (registry, berlin));

  return registry;
}

static void
test_registry (void)
{
  g_autoptr(ConveneRegistry) registry = make_registry ();
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = convene_ics_for_registry_at (registry, now, &error);
  g_autofree char *again = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;

  g_assert_no_error (error);
  calendar = parse (ics);

  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 2);

  event = find_event (calendar, "community-1.istio@convene");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Istio community meeting");
  assert_rrule (event, "FREQ=WEEKLY;BYDAY=WE");
  assert_time (icalcomponent_get_dtstart (event), "20260826T090000");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "https://meet.google.com/qza-pfbq-wne");

  event = find_event (calendar, "api-management-1.istio@convene");
  assert_time (icalcomponent_get_dtstart (event), "20171220T130000");

  event = find_event (calendar, "berlin-1.istio@convene");
  g_assert_cmpstr (tzid_of (event, ICAL_DTSTART_PROPERTY), ==, "Europe/Berlin");
  assert_time (icalcomponent_get_dtstart (event), "20260827T170000");

  /* The same registry at the same time gives the same bytes */
  again = convene_ics_for_registry_at (registry, now, NULL);
  g_assert_cmpstr (ics, ==, again);
}

static void
test_registry_empty (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Nobody");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = convene_ics_for_registry_at (registry, now, &error);

  g_assert_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING);
  g_assert_null (ics);
}

/* Two communities' groups of the same id get different UIDs; each
 * community's are the same in every export, and from its web site when
 * it has one.
 */
static void
test_uid_per_community (void)
{
  const char *names[] = { "Istio", "Kubernetes" };
  const char *urls[] = { "https://istio.io/", "https://www.kubernetes.dev/community" };
  const char *expected[] = {
    "api-management-1.istio.io@convene",
    "api-management-1.www.kubernetes.dev-community@convene",
  };
  g_autoptr(GDateTime) now = utc ("2026-08-21T12:00:00Z");
  g_autoptr(GDateTime) later = utc ("2027-01-05T08:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ConveneCommunity) community = convene_community_new (names[i]);
      g_autoptr(ConveneGroup) api = api_management ();
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autofree char *ics = NULL;
      g_autofree char *again = NULL;
      g_autoptr(icalcomponent) calendar = NULL;
      g_autoptr(icalcomponent) calendar_again = NULL;

      convene_community_set_url (community, urls[i]);
      registry = convene_registry_new (community);
      g_assert_true (convene_registry_add_group (registry, api));

      ics = convene_ics_for_registry_group_at (registry, api, now, NULL);
      again = convene_ics_for_registry_at (registry, later, NULL);
      calendar = parse (ics);
      calendar_again = parse (again);
      g_assert_nonnull (find_event (calendar, expected[i]));
      g_assert_nonnull (find_event (calendar_again, expected[i]));
    }
}

/* Without a time, the export stamps the current one. */
static void
test_now (void)
{
  g_autoptr(ConveneGroup) group = api_management ();
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *ics = convene_ics_for_group (group, NULL);
  g_autoptr(icalcomponent) calendar = parse (ics);
  icalcomponent *event = find_event (calendar, "api-management-1@convene");
  struct icaltimetype stamp = icalcomponent_get_dtstamp (event);

  g_assert_cmpint (stamp.year, ==, g_date_time_get_year (before));
  g_assert_cmpint (icaltime_as_timet (stamp), >=, g_date_time_to_unix (before) - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_unsetenv ("LANGUAGE");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ics/group", test_group);
  g_test_add_func ("/ics/group/recurrence", test_group_recurrence);
  g_test_add_func ("/ics/escaping", test_escaping);
  g_test_add_func ("/ics/folding", test_folding);
  g_test_add_func ("/ics/monthly-and-utc", test_monthly_and_utc);
  g_test_add_func ("/ics/skips", test_skips);
  g_test_add_func ("/ics/no-meeting", test_no_meeting);
  g_test_add_func ("/ics/unknown-zone", test_unknown_zone);
  g_test_add_func ("/ics/registry", test_registry);
  g_test_add_func ("/ics/registry/empty", test_registry_empty);
  g_test_add_func ("/ics/uid/per-community", test_uid_per_community);
  g_test_add_func ("/ics/now", test_now);

  return g_test_run ();
}
