/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "cli-test-utils.h"

/* `convene --upcoming` and `convene --ics`, run as the real binary with
 * the registry in tests/data/schedule/registry.json.
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* Runs convene in the time zone @tz with the NULL-terminated arguments. */
static void
run_convene (CliRun     *run,
             const char *tz,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  g_subprocess_launcher_setenv (launcher, "TZ", tz, TRUE);

  va_start (args, tz);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static char *
registry_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "schedule", "registry.json", NULL);
}

/* --upcoming */

static void
test_upcoming_berlin (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "Europe/Berlin", "--registry", registry,
               "--upcoming", "--now", "2026-03-10T12:00:00Z", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  /* Soonest first, in Berlin time. The US is on summer time from 8 March,
   * Berlin from 29 March: the Pacific meetings are an hour earlier than
   * usual, and Config (biweekly, no anchor) and Quiet are left out.
   */
  g_assert_cmpstr (run.out, ==,
                   "quiet\t2026-03-11T17:00:00+01:00\ton Wednesdays at 9:00 AM PST\n"
                   "berlin\t2026-03-12T17:00:00+01:00\tThursdays at 17:00 CET\n"
                   "api-management\t2026-03-18T21:00:00+01:00\tWednesdays at 13:00 PT - Biweekly\n"
                   "docs\t2026-03-25T19:00:00+01:00\tmonthly - last Wednesday every month\n");
}

static void
test_upcoming_kolkata (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) run = { 0 };

  /* A time without an offset is local: 17:30 in Kolkata is 12:00 UTC */
  run_convene (&run, "Asia/Kolkata", "--registry", registry,
               "--upcoming", "--now", "2026-03-10T17:30:00", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "quiet\t2026-03-11T21:30:00+05:30\ton Wednesdays at 9:00 AM PST\n"
                   "berlin\t2026-03-12T21:30:00+05:30\tThursdays at 17:00 CET\n"
                   "api-management\t2026-03-19T01:30:00+05:30\tWednesdays at 13:00 PT - Biweekly\n"
                   "docs\t2026-03-25T23:30:00+05:30\tmonthly - last Wednesday every month\n");
}

/* A meeting starting exactly now is listed; one that started a second
 * ago is not: --upcoming lists the first start at or after now.
 */
static void
test_upcoming_boundary (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) at = { 0 };
  g_auto(CliRun) after = { 0 };

  run_convene (&at, "UTC", "--registry", registry, "--upcoming", "--now", "2026-03-12T16:00:00Z", NULL);
  g_assert_cmpint (at.status, ==, 0);
  g_assert_true (g_str_has_prefix (at.out, "berlin\t2026-03-12T16:00:00+00:00\t"));

  run_convene (&after, "UTC", "--registry", registry, "--upcoming", "--now", "2026-03-12T16:00:01Z", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_true (g_str_has_prefix (after.out, "quiet\t2026-03-18T16:00:00+00:00\t"));
  g_assert_nonnull (strstr (after.out, "\nberlin\t2026-03-19T16:00:00+00:00\t"));
}

/* The bundled registry works too: three fields a line, sorted by time. */
static void
test_upcoming_bundled (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *previous = g_strdup ("2026-08-21T00:00:00+00:00");
  guint n = 0;

  run_convene (&list, "UTC", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);

  run_convene (&run, "UTC", "--upcoming", "--now", "2026-08-21T00:00:00Z", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *listed = NULL;
      g_autofree char *listed_line = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      /* the id is one --list knows */
      listed = g_strdup_printf ("%s\t", fields[0]);
      listed_line = g_strdup_printf ("\n%s", listed);
      g_assert_true (g_str_has_prefix (list.out, listed) || strstr (list.out, listed_line) != NULL);
      g_assert_true (g_str_has_suffix (fields[1], "+00:00"));
      g_assert_cmpstr (fields[1], >=, previous);
      g_free (previous);
      previous = g_strdup (fields[1]);
      n++;
    }

  /* The seed's weekly meetings (Integrations, Performance and Scalability,
   * Test and Release) always have a next start; biweekly ones only where
   * the calendar link gives an anchor, which all of the seed's do.
   */
  g_assert_cmpuint (n, >=, 3);
}

static void
test_now_errors (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) bad = { 0 };
  g_auto(CliRun) alone = { 0 };
  g_auto(CliRun) missing = { 0 };

  run_convene (&bad, "UTC", "--registry", registry, "--upcoming", "--now", "next tuesday", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_cmpstr (bad.err, ==,
                   "“next tuesday” is not a time in ISO 8601 form, such as 2026-08-26T16:00:00Z\n");

  run_convene (&alone, "UTC", "--registry", registry, "--now", "2026-03-10T12:00:00Z", NULL);
  g_assert_cmpint (alone.status, ==, 1);
  g_assert_cmpstr (alone.err, ==, "--now goes with --upcoming or --ics\n");

  run_convene (&missing, "UTC", "--registry", "/nonexistent/registry.json", "--upcoming", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "/nonexistent/registry.json"));
}

/* --ics */

static void
assert_api_management_ics (const char *ics)
{
  g_autoptr(icalcomponent) calendar = icalparser_parse_string (ics);
  icalcomponent *event;
  icalproperty *dtstart;
  struct icalrecurrencetype rrule;
  char *rrule_text;

  g_assert_nonnull (calendar);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);

  g_assert_cmpstr (icalcomponent_get_uid (event), ==, "api-management-1.test@convene");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "API Management meeting");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "https://meet.google.com/mbm-semv-asz");
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtstamp (event)), ==, "20260310T120000Z");

  dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER)),
                   ==, "America/Los_Angeles");
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtstart (event)), ==, "20171220T130000");
  g_assert_cmpstr (icaltime_as_ical_string (icalcomponent_get_dtend (event)), ==, "20171220T140000");

  rrule = icalproperty_get_rrule (icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY));
  rrule_text = icalrecurrencetype_as_string_r (&rrule);
  g_assert_cmpstr (rrule_text, ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE");
  free (rrule_text);
}

static void
test_ics (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "Europe/Berlin", "--registry", registry,
               "--ics", "api-management", "--now", "2026-03-10T12:00:00Z", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "BEGIN:VCALENDAR\r\n"));
  assert_api_management_ics (run.out);
}

static void
test_ics_output (void)
{
  g_autofree char *registry = registry_path ();
  g_autofree char *dir = g_dir_make_tmp ("convene-ics-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "api.ics", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  g_assert_nonnull (dir);
  run_convene (&run, "UTC", "--registry", registry, "--ics", "api-management",
               "--now", "2026-03-10T12:00:00Z", "--output", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_api_management_ics (contents);

  g_unlink (output);
  g_rmdir (dir);
}

/* Escaped in the file, whole once read back. */
static void
test_ics_escaping (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) run = { 0 };
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;

  run_convene (&run, "UTC", "--registry", registry, "--ics", "berlin",
               "--now", "2026-03-10T12:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\r\nSUMMARY:Berlin\\, Brandenburg\\; Potsdam meeting\r\n"));
  g_assert_nonnull (strstr (run.out, "\r\nDTSTART;TZID=Europe/Berlin:20260312T170000\r\n"));
  g_assert_nonnull (strstr (run.out, "\r\nDTEND;TZID=Europe/Berlin:20260312T173000\r\n"));

  calendar = icalparser_parse_string (run.out);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Berlin, Brandenburg; Potsdam meeting");
}

static void
test_ics_errors (void)
{
  g_autofree char *registry = registry_path ();
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) biweekly = { 0 };
  g_auto(CliRun) quiet = { 0 };

  run_convene (&unknown, "UTC", "--registry", registry, "--ics", "nope", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_cmpstr (unknown.err, ==, "No working group with the id “nope”; --list shows them\n");

  run_convene (&biweekly, "UTC", "--registry", registry, "--ics", "config", NULL);
  g_assert_cmpint (biweekly.status, ==, 1);
  g_assert_cmpstr (biweekly.out, ==, "");
  g_assert_cmpstr (biweekly.err, ==, "“Config” has no meeting with a known day, time and time zone\n");

  /* A group without meetings of its own gets the community's */
  run_convene (&quiet, "UTC", "--registry", registry, "--ics", "quiet", NULL);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_nonnull (strstr (quiet.out, "\r\nUID:community-1.test@convene\r\n"));
  g_assert_nonnull (strstr (quiet.out, "\r\nSUMMARY:Test community meeting\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-schedule/upcoming/berlin", test_upcoming_berlin);
  g_test_add_func ("/cli-schedule/upcoming/kolkata", test_upcoming_kolkata);
  g_test_add_func ("/cli-schedule/upcoming/boundary", test_upcoming_boundary);
  g_test_add_func ("/cli-schedule/upcoming/bundled", test_upcoming_bundled);
  g_test_add_func ("/cli-schedule/now-errors", test_now_errors);
  g_test_add_func ("/cli-schedule/ics", test_ics);
  g_test_add_func ("/cli-schedule/ics/output", test_ics_output);
  g_test_add_func ("/cli-schedule/ics/escaping", test_ics_escaping);
  g_test_add_func ("/cli-schedule/ics/errors", test_ics_errors);

  return g_test_run ();
}
