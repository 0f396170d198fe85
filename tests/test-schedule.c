/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>
#include <yaml.h>

#include "convene-schedule.h"

/* The schedule core: reading the schedules of the Istio and Kubernetes
 * registries, anchors from calendar links, next occurrences across the
 * 2026 daylight saving changes, live/soon states and the texts shown.
 */

/* Helpers */

static GDateTime *
utc (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static char *
fixture_contents (const char *dir,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Asserts that @dt, seen in @zone, is the wall time @expected
 * ("2026-03-11 18:00 Wed").
 */
static void
assert_wall_time (GDateTime  *dt,
                  const char *zone,
                  const char *expected)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (tz);
  g_assert_nonnull (dt);
  local = g_date_time_to_timezone (dt, tz);
  text = g_date_time_format (local, "%Y-%m-%d %H:%M %a");
  g_assert_cmpstr (text, ==, expected);
}

static ConveneMeeting *
parsed (const char *text)
{
  ConveneMeeting *meeting = convene_meeting_new (text);

  g_assert_true (convene_schedule_parse (text, meeting));
  return meeting;
}

/* Parsing */

typedef struct
{
  const char *text;
  gboolean ok;
  GDateWeekday weekday;
  int start;
  int end;
  const char *zone;
  guint interval;
  int week_of_month;
  const char *anchor;
} ParseCase;

#define LA "America/Los_Angeles"

static const ParseCase parse_cases[] = {
  /* Istio, December 2017 and March 2018 */
  { "Wednesdays at 13:00 PT - Biweekly", TRUE, G_DATE_WEDNESDAY, 780, -1, LA, 2, 0, NULL },
  { "Thursdays at 10:00 PT - Biweekly", TRUE, G_DATE_THURSDAY, 600, -1, LA, 2, 0, NULL },
  { "Wednesdays at 10:00 PT - Biweekly", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 2, 0, NULL },
  { "Wednesdays at 11:00 PT - Weekly", TRUE, G_DATE_WEDNESDAY, 660, -1, LA, 1, 0, NULL },
  { "Thursdays at 11:00 PT - Biweekly", TRUE, G_DATE_THURSDAY, 660, -1, LA, 2, 0, NULL },
  { "Wednesdays 9:00-9:30 PT - Weekly", TRUE, G_DATE_WEDNESDAY, 540, 570, LA, 1, 0, NULL },
  { "Wednesdays at 11:00 PT - Biweekly", TRUE, G_DATE_WEDNESDAY, 660, -1, LA, 2, 0, NULL },
  { "Thursdays at 13:00 PT - Weekly", TRUE, G_DATE_THURSDAY, 780, -1, LA, 1, 0, NULL },
  { "Thursdays at 10:15 PT - Weekly", TRUE, G_DATE_THURSDAY, 615, -1, LA, 1, 0, NULL },
  { "Wednesdays 9:30-10:00 PT - Weekly", TRUE, G_DATE_WEDNESDAY, 570, 600, LA, 1, 0, NULL },
  /* Istio, 2026: PST means Pacific wall-clock time all year */
  { "on Wednesdays at 9:00 AM PST", TRUE, G_DATE_WEDNESDAY, 540, -1, LA, 1, 0, NULL },
  { "Currently all working groups share a weekly meeting, on Wednesdays at 9:00 AM PST.",
    TRUE, G_DATE_WEDNESDAY, 540, -1, LA, 1, 0, NULL },
  /* Kubernetes forms, as one text */
  { "Tuesdays at 8:00 PT (Pacific Time)", TRUE, G_DATE_TUESDAY, 480, -1, LA, 1, 0, NULL },
  { "Thursdays at 17:00 UTC", TRUE, G_DATE_THURSDAY, 1020, -1, "UTC", 1, 0, NULL },
  { "Tuesdays at 2PM CET", TRUE, G_DATE_TUESDAY, 840, -1, "Europe/Berlin", 1, 0, NULL },
  { "Thursdays at 09:00 Eastern Time, bi-weekly", TRUE, G_DATE_THURSDAY, 540, -1, "America/New_York", 2, 0, NULL },
  { "Thursdays at 14:00 IST, biweekly", TRUE, G_DATE_THURSDAY, 840, -1, "Asia/Kolkata", 2, 0, NULL },
  { "Wednesdays at 9:00 PT, every four weeks", TRUE, G_DATE_WEDNESDAY, 540, -1, LA, 4, 0, NULL },
  { "Wednesdays at 9:00 PT, every 3 weeks", TRUE, G_DATE_WEDNESDAY, 540, -1, LA, 3, 0, NULL },
  { "every other Wednesday at 10:00 PT", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 2, 0, NULL },
  { "Every Wednesday at 10:00 PT", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 1, 0, NULL },
  { "Alternate Wednesdays at 10:00 PT", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 2, 0, NULL },
  { "Fortnightly on Thursdays, 10:00 UTC", TRUE, G_DATE_THURSDAY, 600, -1, "UTC", 2, 0, NULL },
  { "Thursdays at 9 a.m. ET", TRUE, G_DATE_THURSDAY, 540, -1, "America/New_York", 1, 0, NULL },
  { "Thursdays at 12 PM PT", TRUE, G_DATE_THURSDAY, 720, -1, LA, 1, 0, NULL },
  { "Thursdays at 12:15 am PT", TRUE, G_DATE_THURSDAY, 15, -1, LA, 1, 0, NULL },
  { "Wed at 10:00 PT weekly", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 1, 0, NULL },
  { "first Tuesday at 8:00 PT", TRUE, G_DATE_TUESDAY, 480, -1, LA, 0, 1, NULL },
  { "monthly - third Wednesday, 9:00 UTC", TRUE, G_DATE_WEDNESDAY, 540, -1, "UTC", 0, 3, NULL },
  { "3rd Wednesday of the month at 9:00 UTC", TRUE, G_DATE_WEDNESDAY, 540, -1, "UTC", 0, 3, NULL },
  { "last Thursday of the month, 10:00 PT", TRUE, G_DATE_THURSDAY, 600, -1, LA, 0, -1, NULL },
  { "Wednesdays 1:00-2:00 PM ET", TRUE, G_DATE_WEDNESDAY, 780, 840, "America/New_York", 1, 0, NULL },
  { "Wednesdays 11:30 PM to 12:30 AM UTC", TRUE, G_DATE_WEDNESDAY, 1410, 30, "UTC", 1, 0, NULL },
  { "Wednesdays at 10:00 America/Sao_Paulo", TRUE, G_DATE_WEDNESDAY, 600, -1, "America/Sao_Paulo", 1, 0, NULL },
  { "Wednesdays at 10:00 PT / 19:00 CET", TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 1, 0, NULL },
  { "Biweekly on Wednesdays at 10:00 PT starting 2026-03-04",
    TRUE, G_DATE_WEDNESDAY, 600, -1, LA, 2, 0, "2026-03-04T18:00:00Z" },
  { "Tuesdays at 9:00 CET, biweekly starting Tuesday Feb 11, 2025",
    TRUE, G_DATE_TUESDAY, 540, -1, "Europe/Berlin", 2, 0, "2025-02-11T08:00:00Z" },
  /* Dates that are not a start, or not on the meeting's weekday */
  { "Tuesdays at 9:00 PT, biweekly, no meeting on Dec 23, 2025",
    TRUE, G_DATE_TUESDAY, 540, -1, LA, 2, 0, NULL },
  { "Tuesdays at 9:00 PT, biweekly starting Feb 12, 2025",
    TRUE, G_DATE_TUESDAY, 540, -1, LA, 2, 0, NULL },
  /* Several ordinals are one monthly rule (BYDAY=1TU,3TU, see
   * test-recurrence); the first is the week of the month
   */
  { "1st and 3rd Tuesdays at 9:00 PT",
    TRUE, G_DATE_TUESDAY, 540, -1, LA, 0, 1, NULL },
  { "first and third Tuesday at 9:00 PT",
    TRUE, G_DATE_TUESDAY, 540, -1, LA, 0, 1, NULL },

  /* Not understood: no time is better than a wrong one */
  { "Wednesday at 10:00 PT", FALSE },               /* singular, no frequency: maybe once */
  { "Wednesdays at 10:00", FALSE },                 /* no zone */
  { "Wednesdays at 10 PT", FALSE },                 /* "10" is not a time */
  { "Wednesdays at 13:00 PM PT", FALSE },
  { "Wednesdays at 25:00 PT", FALSE },
  { "Wednesdays at 10:00 UTC+2", FALSE },           /* a fixed offset */
  { "Wednesdays at 10:00 Mars/Olympus", FALSE },
  { "Mondays and Thursdays at 9:00 PT", FALSE },
  { "every third Wednesday at 9:00 UTC", FALSE },   /* monthly or every three weeks? */
  { "Thursdays at 8:00 PT, monthly", FALSE },       /* which week? */
  { "Wednesdays at 10:00 PT weekly, except the first Wednesday", FALSE },
  { "Thursdays at 10:00 PT, cancelled until further notice", FALSE },
  { "Daily at 10:00 PT", FALSE },
  { "Weekly, biweekly in summer, Wednesdays at 10:00 PT", FALSE },
  { "See the calendar", FALSE },
  { "", FALSE },
};

static void
assert_parse_case (const ParseCase *c,
                   ConveneMeeting  *meeting,
                   gboolean         ok)
{
  g_test_message ("%s", c->text);
  g_assert_cmpint (ok, ==, c->ok);

  if (!c->ok)
    {
      g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_BAD_WEEKDAY);
      g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, -1);
      g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, -1);
      g_assert_null (convene_meeting_get_timezone (meeting));
      g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 0);
      g_assert_cmpint (convene_meeting_get_week_of_month (meeting), ==, 0);
      g_assert_false (convene_meeting_has_schedule (meeting));
      return;
    }

  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, c->weekday);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, c->start);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, c->end);
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, c->zone);
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, c->interval);
  g_assert_cmpint (convene_meeting_get_week_of_month (meeting), ==, c->week_of_month);
  g_assert_true (convene_meeting_has_schedule (meeting));

  if (c->anchor == NULL)
    {
      g_assert_null (convene_meeting_get_anchor (meeting));
    }
  else
    {
      g_autofree char *anchor = g_date_time_format_iso8601 (convene_meeting_get_anchor (meeting));

      g_assert_cmpstr (anchor, ==, c->anchor);
    }
}

static void
test_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (c->text);

      assert_parse_case (c, meeting, convene_schedule_parse (c->text, meeting));
    }
}

/* A failed parse empties a structure that held an earlier schedule. */
static void
test_parse_failure_clears (void)
{
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays 9:00-9:30 PT - Weekly");

  g_assert_false (convene_schedule_parse ("Wednesdays at 9:00", meeting));
  g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_BAD_WEEKDAY);
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, -1);
  g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, -1);
  g_assert_null (convene_meeting_get_timezone (meeting));
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 0);
}

static const ParseCase *
find_parse_case (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    if (strcmp (parse_cases[i].text, text) == 0)
      return &parse_cases[i];
  return NULL;
}

/* Every "Community Meeting VC" text of the Istio files is in the table
 * above, so each one is checked against its exact structure.
 */
static void
test_parse_istio_fixtures (void)
{
  static const char * const files[] = {
    "WORKING-GROUPS-2017-12-11.md",
    "WORKING-GROUPS-2018-03-27.md",
  };
  static const guint expected[] = { 8, 8 };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *contents = fixture_contents ("istio", files[f]);
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      guint n_found = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *prefix = "Community Meeting VC | [";
          g_autofree char *text = NULL;
          g_autoptr(ConveneMeeting) meeting = NULL;
          const ParseCase *c;
          const char *end;

          if (!g_str_has_prefix (lines[i], prefix))
            continue;

          end = strstr (lines[i], "](");
          g_assert_nonnull (end);
          text = g_strndup (lines[i] + strlen (prefix), end - lines[i] - strlen (prefix));
          c = find_parse_case (text);
          if (c == NULL)
            g_error ("%s: no expectation for “%s”", files[f], text);

          meeting = convene_meeting_new (text);
          assert_parse_case (c, meeting, convene_schedule_parse (text, meeting));
          n_found++;
        }

      g_assert_cmpuint (n_found, ==, expected[f]);
    }
}

/* Today's file has one shared meeting, in a paragraph. */
static void
test_parse_istio_2026 (void)
{
  g_autofree char *contents = fixture_contents ("istio", "WORKING-GROUPS-2026-08-20.md");
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n_found = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(ConveneMeeting) meeting = NULL;

      if (strstr (lines[i], "share a weekly meeting") == NULL)
        continue;

      /* The whole line, with the start of the next sentence */
      g_assert_true (g_str_has_suffix (lines[i], "open to anyone interested,"));
      meeting = parsed (lines[i]);
      g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, G_DATE_WEDNESDAY);
      g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 9 * 60);
      g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, LA);
      g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 1);
      n_found++;
    }

  g_assert_cmpuint (n_found, ==, 1);
}

static void
test_zone_names (void)
{
  static const struct { const char *name; const char *zone; } cases[] = {
    { "PT", LA }, { "PST", LA }, { "PDT", LA }, { "PT (Pacific Time)", LA },
    { "Pacific Time", LA }, { "Pacific Standard Time", LA },
    { "ET", "America/New_York" }, { "Eastern Time (ET)", "America/New_York" },
    { "EST (Eastern Time)", "America/New_York" }, { "CT", "America/Chicago" },
    { "CST", "America/Chicago" }, { "MT", "America/Denver" },
    { "UTC", "UTC" }, { "GMT", "UTC" }, { "utc", "UTC" },
    { "CET", "Europe/Berlin" }, { "CEST", "Europe/Berlin" },
    { "CET (Central European Time)", "Europe/Berlin" },
    { "Central European Time", "Europe/Berlin" }, { "Central Time", "America/Chicago" },
    { "IST", "Asia/Kolkata" }, { "Poland", "Europe/Warsaw" },
    { "America/Los_Angeles", LA }, { "Asia/Kolkata", "Asia/Kolkata" },
    { "Pacific", NULL }, { "pt", NULL }, { "Mars/Olympus", NULL }, { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (convene_schedule_zone_for_name (cases[i].name), ==, cases[i].zone);
    }
}

/* Kubernetes: the separate day, time, tz and frequency fields */

typedef struct
{
  char *group;
  char *description;
  char *day;
  char *time;
  char *tz;
  char *frequency;
} KubeMeeting;

static void
kube_meeting_free (gpointer data)
{
  KubeMeeting *m = data;

  g_free (m->group);
  g_free (m->description);
  g_free (m->day);
  g_free (m->time);
  g_free (m->tz);
  g_free (m->frequency);
  g_free (m);
}

static const char *
yaml_scalar (yaml_node_t *node)
{
  if (node == NULL || node->type != YAML_SCALAR_NODE)
    return NULL;
  return (const char *)node->data.scalar.value;
}

static const char *
yaml_lookup (yaml_document_t *doc,
             yaml_node_t     *mapping,
             const char      *key)
{
  for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
       pair < mapping->data.mapping.pairs.top; pair++)
    {
      const char *k = yaml_scalar (yaml_document_get_node (doc, pair->key));

      if (g_strcmp0 (k, key) == 0)
        return yaml_scalar (yaml_document_get_node (doc, pair->value));
    }
  return NULL;
}

/* Collects every mapping with a "day", with the name of the nearest
 * enclosing SIG, working group or subproject.
 */
static void
collect_meetings (yaml_document_t *doc,
                  yaml_node_t     *node,
                  const char      *group,
                  GPtrArray       *meetings)
{
  if (node == NULL)
    return;

  if (node->type == YAML_SEQUENCE_NODE)
    {
      for (yaml_node_item_t *item = node->data.sequence.items.start;
           item < node->data.sequence.items.top; item++)
        collect_meetings (doc, yaml_document_get_node (doc, *item), group, meetings);
    }
  else if (node->type == YAML_MAPPING_NODE)
    {
      const char *name;

      if (yaml_lookup (doc, node, "day") != NULL)
        {
          KubeMeeting *m = g_new0 (KubeMeeting, 1);

          m->group = g_strdup (group);
          m->description = g_strdup (yaml_lookup (doc, node, "description"));
          m->day = g_strdup (yaml_lookup (doc, node, "day"));
          m->time = g_strdup (yaml_lookup (doc, node, "time"));
          m->tz = g_strdup (yaml_lookup (doc, node, "tz"));
          m->frequency = g_strdup (yaml_lookup (doc, node, "frequency"));
          g_ptr_array_add (meetings, m);
          return;
        }

      if ((name = yaml_lookup (doc, node, "name")) != NULL)
        group = name;

      for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
           pair < node->data.mapping.pairs.top; pair++)
        collect_meetings (doc, yaml_document_get_node (doc, pair->value), group, meetings);
    }
}

static GPtrArray *
load_kubernetes_meetings (void)
{
  g_autofree char *contents = fixture_contents ("kubernetes", "sigs-2026-08-21.yaml");
  GPtrArray *meetings = g_ptr_array_new_with_free_func (kube_meeting_free);
  yaml_parser_t parser;
  yaml_document_t doc;

  g_assert_true (yaml_parser_initialize (&parser));
  yaml_parser_set_input_string (&parser, (const unsigned char *)contents, strlen (contents));
  g_assert_true (yaml_parser_load (&parser, &doc));
  collect_meetings (&doc, yaml_document_get_root_node (&doc), NULL, meetings);
  yaml_document_delete (&doc);
  yaml_parser_delete (&parser);

  return meetings;
}

/* What each frequency written in the file should give: the interval in
 * weeks, or the week of the month; "monthly" alone takes its ordinal from
 * the day field or is not understood.
 */
typedef struct
{
  const char *frequency;
  gboolean ok;
  guint interval;
  int week_of_month;
} FrequencyCase;

static const FrequencyCase frequency_cases[] = {
  { "weekly", TRUE, 1, 0 },
  { "weekly, you must be signed into a free zoom account to join", TRUE, 1, 0 },
  { "weekly starting Tuesday December 7th, 2021", TRUE, 1, 0 },
  { "biweekly", TRUE, 2, 0 },
  { "bi-weekly", TRUE, 2, 0 },
  { "Biweekly", TRUE, 2, 0 },
  { "biweekly, you must be signed into a free zoom account to join", TRUE, 2, 0 },
  { "biweekly - alternating with regular meeting", TRUE, 2, 0 },
  { "Biweekly, interleaved with the Regular SIG Meeting", TRUE, 2, 0 },
  { "bi-weekly ([upcoming meeting dates](#upcoming-meeting-dates))", TRUE, 2, 0 },
  { "biweekly 2019 start date: Jan. 11th", TRUE, 2, 0 },
  { "biweekly starting Thursday June 25th, 2020", TRUE, 2, 0 },
  { "biweekly starting Thursday June 7, 2018", TRUE, 2, 0 },
  { "biweekly starting Tuesday Oct 28, 2025", TRUE, 2, 0 },
  { "biweekly starting Tuesday Feb 27, 2024", TRUE, 2, 0 },
  { "biweekly starting Tuesday March 12, 2024", TRUE, 2, 0 },
  { "biweekly starting Tuesday Feb 11, 2025", TRUE, 2, 0 },
  { "biweekly starting Wednesday March 20, 2019", TRUE, 2, 0 },
  { "bi-weekly starting Tuesday August 13, 2019", TRUE, 2, 0 },
  { "bi-weekly starting Tuesday April 16, 2024", TRUE, 2, 0 },
  { "every four weeks", TRUE, 4, 0 },
  { "First Wednesday of the month", TRUE, 0, 1 },
  { "first Monday of the month", TRUE, 0, 1 },
  { "first Tuesday of the month", TRUE, 0, 1 },
  { "First Tuesday of each month", TRUE, 0, 1 },
  { "every first Thursday of the month", TRUE, 0, 1 },
  { "monthly - first Wednesday every month", TRUE, 0, 1 },
  { "monthly, second Thursday of the month", TRUE, 0, 2 },
  { "monthly - third Tuesday", TRUE, 0, 3 },
  { "every third Wednesday of the month", TRUE, 0, 3 },
  { "Monthly on 4th Thursday", TRUE, 0, 4 },
  { "monthly - last Wednesday every month", TRUE, 0, -1 },
  { "monthly 2020 start date: Jan. 7th", TRUE, 0, 1 },  /* 7 January 2020: a first Tuesday */
  { "monthly", TRUE, 0, 0 },
  { "monthly - Wednesday, after the fourth Tuesday, every month", FALSE },
};

static const struct { const char *tz; const char *zone; } kube_zones[] = {
  { "PT (Pacific Time)", LA },
  { "UTC", "UTC" },
  { "Eastern Time (ET)", "America/New_York" },
  { "ET (Eastern Time)", "America/New_York" },
  { "EST (Eastern Time)", "America/New_York" },
  { "CET (Central European Time)", "Europe/Berlin" },
  { "IST", "Asia/Kolkata" },
  { "Poland", "Europe/Warsaw" },
};

/* Reads "9:00", "09:00" or "2PM" the simple way the file writes them. */
static int
kube_minutes (const char *time)
{
  int hour = 0, minute = 0;
  char suffix[3] = "";

  if (sscanf (time, "%d:%d", &hour, &minute) == 2)
    return hour * 60 + minute;
  g_assert_cmpint (sscanf (time, "%d%2s", &hour, suffix), ==, 2);
  g_assert_cmpstr (suffix, ==, "PM");
  return (hour % 12 + 12) * 60;
}

static void
kube_expectation (const KubeMeeting *m,
                  ParseCase         *expected)
{
  g_autofree char *day = g_ascii_strdown (m->day, -1);
  static const char * const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  const FrequencyCase *frequency = NULL;

  memset (expected, 0, sizeof *expected);
  expected->text = m->description;
  expected->end = -1;

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (strstr (day, weekdays[i]) != NULL)
      expected->weekday = i + 1;
  g_assert_cmpint (expected->weekday, !=, G_DATE_BAD_WEEKDAY);

  expected->start = kube_minutes (m->time);

  for (guint i = 0; i < G_N_ELEMENTS (kube_zones); i++)
    if (strcmp (kube_zones[i].tz, m->tz) == 0)
      expected->zone = kube_zones[i].zone;
  if (expected->zone == NULL)
    g_error ("no expectation for the zone “%s”", m->tz);

  for (guint i = 0; i < G_N_ELEMENTS (frequency_cases); i++)
    if (strcmp (frequency_cases[i].frequency, m->frequency) == 0)
      frequency = &frequency_cases[i];
  if (frequency == NULL)
    g_error ("no expectation for the frequency “%s”", m->frequency);

  expected->ok = frequency->ok;
  expected->interval = frequency->interval;
  expected->week_of_month = frequency->week_of_month;

  /* "first Wednesday" / "third Wednesday" with "monthly" */
  if (g_str_has_prefix (day, "first "))
    expected->week_of_month = 1;
  else if (g_str_has_prefix (day, "third "))
    expected->week_of_month = 3;

  if (expected->ok && expected->interval == 0 && expected->week_of_month == 0)
    expected->ok = FALSE;
}

static const KubeMeeting *
find_kube_meeting (GPtrArray  *meetings,
                   const char *group,
                   const char *description)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      const KubeMeeting *m = g_ptr_array_index (meetings, i);

      if (g_strcmp0 (m->group, group) == 0 && g_strcmp0 (m->description, description) == 0)
        return m;
    }

  g_error ("no meeting “%s” in %s", description, group);
  return NULL;
}

static void
test_parse_kubernetes (void)
{
  g_autoptr(GPtrArray) meetings = load_kubernetes_meetings ();
  guint n_weekly = 0, n_biweekly = 0, n_every_4 = 0, n_monthly = 0, n_failed = 0;
  guint n_anchored = 0, n_computable = 0;
  g_autoptr(GDateTime) now = utc ("2026-08-21T00:00:00Z");

  g_assert_cmpuint (meetings->len, ==, 102);

  for (guint i = 0; i < meetings->len; i++)
    {
      const KubeMeeting *m = g_ptr_array_index (meetings, i);
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (m->description);
      ParseCase expected;
      gboolean ok;

      g_assert_nonnull (m->time);
      g_assert_nonnull (m->tz);
      g_assert_nonnull (m->frequency);

      kube_expectation (m, &expected);
      ok = convene_schedule_parse_parts (m->day, m->time, m->tz, m->frequency, meeting);
      g_test_message ("%s / %s: %s | %s | %s | %s", m->group, m->description,
                      m->day, m->time, m->tz, m->frequency);
      g_assert_cmpint (ok, ==, expected.ok);

      if (!ok)
        {
          g_assert_false (convene_meeting_has_schedule (meeting));
          n_failed++;
          continue;
        }

      g_assert_cmpint (convene_meeting_get_weekday (meeting), ==, expected.weekday);
      g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, expected.start);
      g_assert_cmpint (convene_meeting_get_end_minute (meeting), ==, -1);
      g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, expected.zone);
      g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, expected.interval);
      g_assert_cmpint (convene_meeting_get_week_of_month (meeting), ==, expected.week_of_month);

      if (expected.week_of_month != 0)
        n_monthly++;
      else if (expected.interval == 1)
        n_weekly++;
      else if (expected.interval == 2)
        n_biweekly++;
      else if (expected.interval == 4)
        n_every_4++;
      else
        g_assert_not_reached ();

      if (convene_meeting_get_anchor (meeting) != NULL)
        n_anchored++;

      if (convene_schedule_is_computable (meeting))
        {
          g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, now);

          g_assert_nonnull (next);
          g_assert_cmpint (g_date_time_compare (next, now), >=, 0);
          n_computable++;
        }
    }

  g_test_message ("Kubernetes meetings: %u weekly, %u biweekly, %u every four weeks, "
                  "%u monthly, %u not understood; %u with a start date, %u computable",
                  n_weekly, n_biweekly, n_every_4, n_monthly, n_failed, n_anchored, n_computable);

  g_assert_cmpuint (n_weekly, ==, 18);
  g_assert_cmpuint (n_biweekly, ==, 67);
  g_assert_cmpuint (n_every_4, ==, 1);
  g_assert_cmpuint (n_monthly, ==, 14);
  g_assert_cmpuint (n_failed, ==, 2);
  /* 11 biweekly, 2 weekly and 1 monthly meeting say when they started */
  g_assert_cmpuint (n_anchored, ==, 14);
  /* weekly, monthly, and biweekly with a start date */
  g_assert_cmpuint (n_computable, ==, 18 + 14 + 11);
}

/* Ten entries, exactly, anchors included. */
static void
test_parse_kubernetes_spot_checks (void)
{
  static const struct {
    const char *group;
    ParseCase expected;   /* .text is the description */
  } cases[] = {
    { "API Machinery", { "Declarative APIs and Linters Meeting",
                         TRUE, G_DATE_TUESDAY, 540, -1, LA, 2, 0, NULL } },
    { "Autoscaling", { "Regular SIG Meeting",
                       TRUE, G_DATE_THURSDAY, 1020, -1, "Europe/Warsaw", 1, 0, NULL } },
    { "CLI", { "Bug Scrub", TRUE, G_DATE_WEDNESDAY, 540, -1, LA, 4, 0, NULL } },
    { "provider-aws", { "Regular AWS Subproject Meeting",
                        TRUE, G_DATE_FRIDAY, 540, -1, LA, 2, 0, "2019-01-11T17:00:00Z" } },
    { "provider-alibaba-cloud", { "Regular Alibaba Cloud Subproject Meeting",
                                  TRUE, G_DATE_TUESDAY, 720, -1, "UTC", 0, 1, "2020-01-07T12:00:00Z" } },
    { "provider-ibmcloud", { "Regular IBM Subproject Meeting",
                             TRUE, G_DATE_WEDNESDAY, 840, -1, "America/New_York", 0, -1, NULL } },
    { "cluster-api-provider-vsphere", { "Cluster API vSphere meeting",
                                        TRUE, G_DATE_THURSDAY, 600, -1, LA, 2, 0, "2020-06-25T17:00:00Z" } },
    { "Scheduling", { "descheduler biweekly meeting North America time",
                      TRUE, G_DATE_TUESDAY, 1170, -1, "Europe/Berlin", 2, 0, "2024-03-12T18:30:00Z" } },
    { "Steering", { "Public Steering Committee Meeting",
                    TRUE, G_DATE_WEDNESDAY, 480, -1, LA, 0, 1, NULL } },
    { "github-management", { "GitHub Administration Subproject",
                             TRUE, G_DATE_THURSDAY, 540, -1, LA, 0, 4, NULL } },
    { "Network", { "SIG Network Ingress NGINX Meeting", FALSE } },
    { "Docs", { "APAC SIG Meeting", FALSE } },
  };
  g_autoptr(GPtrArray) meetings = load_kubernetes_meetings ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const KubeMeeting *m = find_kube_meeting (meetings, cases[i].group, cases[i].expected.text);
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (m->description);
      gboolean ok = convene_schedule_parse_parts (m->day, m->time, m->tz, m->frequency, meeting);

      assert_parse_case (&cases[i].expected, meeting, ok);
    }
}

static void
test_parse_parts (void)
{
  g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("");

  g_assert_true (convene_schedule_parse_parts ("Thursday", "2PM", "EST (Eastern Time)", "weekly", meeting));
  g_assert_cmpint (convene_meeting_get_start_minute (meeting), ==, 14 * 60);
  g_assert_cmpstr (convene_meeting_get_timezone (meeting), ==, "America/New_York");

  /* The time field must hold the time, the zone field a zone */
  g_assert_false (convene_schedule_parse_parts ("Thursday 9:00", "noon", "UTC", "weekly", meeting));
  g_assert_false (convene_meeting_has_schedule (meeting));
  g_assert_false (convene_schedule_parse_parts ("Thursday", "9:00", "PT (Pacific Time)", NULL, meeting));
  g_assert_false (convene_schedule_parse_parts ("Thursday UTC", "9:00", "local time", "weekly", meeting));
  g_assert_true (convene_schedule_parse_parts ("Thursdays", "9:00", "Poland", NULL, meeting));
  g_assert_cmpuint (convene_meeting_get_interval_weeks (meeting), ==, 1);
}

/* Calendar anchors */

static const char *seed_anchors[] = {
  "2017-12-20T21:00:00Z",  /* API Management */
  "2017-11-30T18:00:00Z",  /* Config */
  "2017-11-15T18:00:00Z",  /* Environments */
  "2017-11-15T19:00:00Z",  /* Integrations */
  "2017-11-23T19:00:00Z",  /* Networking */
  "2017-11-15T17:00:00Z",  /* Performance and Scalability */
  "2017-11-22T19:00:00Z",  /* Security */
  "2017-11-30T21:00:00Z",  /* Test and Release */
};

/* Each calendar link of the seed decodes to one occurrence of the meeting
 * written just above it: same weekday, same wall time in Pacific time.
 */
static void
test_anchor_seed (void)
{
  static const char * const files[] = {
    "WORKING-GROUPS-2017-12-11.md",
    "WORKING-GROUPS-2018-03-27.md",
  };
  g_autoptr(GTimeZone) la = g_time_zone_new_identifier (LA);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *contents = fixture_contents ("istio", files[f]);
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      g_autoptr(ConveneMeeting) meeting = NULL;
      guint n_anchors = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *vc = "Community Meeting VC | [";
          const char *cal = "Community Meeting Calendar | [Calendar Invitation](";
          g_autoptr(GDateTime) anchor = NULL;
          g_autoptr(GDateTime) local = NULL;
          g_autofree char *url = NULL;

          if (g_str_has_prefix (lines[i], vc))
            {
              g_autofree char *text = g_strndup (lines[i] + strlen (vc),
                                                 strstr (lines[i], "](") - lines[i] - strlen (vc));

              g_clear_object (&meeting);
              meeting = parsed (text);
              continue;
            }

          if (!g_str_has_prefix (lines[i], cal))
            continue;

          g_assert_nonnull (meeting);
          url = g_strndup (lines[i] + strlen (cal), strlen (lines[i]) - strlen (cal) - 1);
          anchor = convene_schedule_anchor_from_calendar_url (url);
          g_assert_nonnull (anchor);

          if (f == 0)
            {
              g_autofree char *iso = g_date_time_format_iso8601 (anchor);

              g_assert_cmpuint (n_anchors, <, G_N_ELEMENTS (seed_anchors));
              g_assert_cmpstr (iso, ==, seed_anchors[n_anchors]);
            }

          local = g_date_time_to_timezone (anchor, la);
          g_assert_cmpint (g_date_time_get_day_of_week (local), ==, convene_meeting_get_weekday (meeting));
          g_assert_cmpint (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local), ==,
                           convene_meeting_get_start_minute (meeting));
          n_anchors++;
        }

      g_assert_cmpuint (n_anchors, ==, 8);
    }
}

static void
test_anchor_invalid (void)
{
  static const char * const urls[] = {
    "https://calendar.google.com/calendar/embed?src=phfni1v25vnmi4q06m851230so%40group.calendar.google.com",
    "https://calendar.google.com/event?action=TEMPLATE&tmeid=",
    "https://calendar.google.com/event?action=TEMPLATE&tmeid=not*base64",
    /* "hello world" */
    "https://calendar.google.com/event?action=TEMPLATE&tmeid=aGVsbG8gd29ybGQ",
    /* "abc_20171340T210000Z x": month 13 */
    "https://calendar.google.com/event?tmeid=YWJjXzIwMTcxMzQwVDIxMDAwMFogeA",
    /* "abc_20171220T210000 x": no Z */
    "https://calendar.google.com/event?tmeid=YWJjXzIwMTcxMjIwVDIxMDAwMCB4",
    "not a url",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GDateTime) anchor = convene_schedule_anchor_from_calendar_url (urls[i]);

      g_test_message ("%s", urls[i]);
      g_assert_null (anchor);
    }
}

static ConveneMeeting *
api_management (void)
{
  ConveneMeeting *meeting = parsed ("Wednesdays at 13:00 PT - Biweekly");
  g_autoptr(GDateTime) anchor = convene_schedule_anchor_from_calendar_url (
    "https://calendar.google.com/event?action=TEMPLATE&tmeid=MmphaThpYTFuMzM2bjcxNTR0cG51cG92bGFfMjAxNzEyMjBUMjEwMDAwWiBjaGVuZ2xpYW5nQGdvb2dsZS5jb20&tmsrc=chengliang%40google.com&scp=ALL");

  convene_meeting_set_anchor (meeting, anchor);
  return meeting;
}

/* Eight years on, the biweekly API Management meeting still falls on the
 * weeks of 20 December 2017: the first and third Wednesdays of January
 * 2026, and so on, 26 times, always 13:00 in Los Angeles.
 */
static void
test_biweekly_parity (void)
{
  static const char * const expected[] = {
    "2026-01-07", "2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04", "2026-03-18",
    "2026-04-01", "2026-04-15", "2026-04-29", "2026-05-13", "2026-05-27", "2026-06-10",
    "2026-06-24", "2026-07-08", "2026-07-22", "2026-08-05", "2026-08-19", "2026-09-02",
    "2026-09-16", "2026-09-30", "2026-10-14", "2026-10-28", "2026-11-11", "2026-11-25",
    "2026-12-09", "2026-12-23",
  };
  g_autoptr(ConveneMeeting) meeting = api_management ();
  g_autoptr(GDateTime) from = utc ("2026-01-01T00:00:00Z");
  g_autoptr(GDateTime) end = utc ("2027-01-01T00:00:00Z");
  guint n = 0;

  g_assert_true (convene_schedule_is_computable (meeting));

  for (;;)
    {
      g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, from);
      g_autoptr(GDateTime) next_utc = NULL;
      g_autofree char *date = NULL;

      g_assert_nonnull (next);
      if (g_date_time_compare (next, end) >= 0)
        break;

      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      date = g_date_time_format (next, "%Y-%m-%d");
      g_assert_cmpstr (date, ==, expected[n]);
      g_assert_cmpint (g_date_time_get_hour (next), ==, 13);
      g_assert_cmpint (g_date_time_get_minute (next), ==, 0);

      /* 21:00 UTC in winter, 20:00 UTC in summer */
      next_utc = g_date_time_to_utc (next);
      g_assert_cmpint (g_date_time_get_hour (next_utc), ==,
                       (strcmp (date, "2026-03-08") > 0 && strcmp (date, "2026-11-01") < 0) ? 20 : 21);

      g_date_time_unref (from);
      from = g_date_time_add_seconds (next, 1);
      n++;
    }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

static void
test_biweekly_without_anchor (void)
{
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays at 13:00 PT - Biweekly");
  g_autoptr(GDateTime) now = utc ("2026-03-01T00:00:00Z");
  g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, now);
  g_autoptr(GDateTime) change = NULL;
  g_autofree char *description = convene_schedule_describe (meeting);

  g_assert_true (convene_meeting_has_schedule (meeting));
  g_assert_false (convene_schedule_is_computable (meeting));
  g_assert_null (next);
  g_assert_cmpint (convene_schedule_get_state (meeting, now, &change), ==, CONVENE_MEETING_STATE_NONE);
  g_assert_null (change);
  g_assert_cmpstr (description, ==, "Every other Wednesday at 13:00 (America/Los_Angeles)");
}

/* Every four weeks from an anchor: 28 days apart. */
static void
test_every_four_weeks (void)
{
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays at 9:00 PT, every four weeks");
  g_autoptr(GDateTime) anchor = utc ("2026-01-07T17:00:00Z");
  g_autoptr(GDateTime) now = utc ("2026-01-07T17:00:01Z");
  g_autoptr(GDateTime) next = NULL;

  convene_meeting_set_anchor (meeting, anchor);
  next = convene_schedule_next_start (meeting, now);
  assert_wall_time (next, LA, "2026-02-04 09:00 Wed");
}

/* Next occurrences across daylight saving changes */

typedef struct
{
  const char *now;
  const char *zone;
  const char *expected;
} NextCase;

static void
check_next_cases (const char     *text,
                  const NextCase *cases,
                  guint           n_cases)
{
  g_autoptr(ConveneMeeting) meeting = parsed (text);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GDateTime) now = utc (cases[i].now);
      g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, now);

      g_test_message ("%s from %s in %s", text, cases[i].now, cases[i].zone);
      assert_wall_time (next, cases[i].zone, cases[i].expected);
    }
}

/* "Wednesdays at 10:00 PT" is 19:00 in Berlin, except while the US is on
 * summer time and Europe not yet (8 to 28 March 2026) or no longer (25
 * October to 1 November 2026): then 18:00.
 */
static void
test_next_dst_berlin (void)
{
  static const NextCase cases[] = {
    { "2026-03-02T00:00:00Z", "Europe/Berlin", "2026-03-04 19:00 Wed" },
    { "2026-03-09T00:00:00Z", "Europe/Berlin", "2026-03-11 18:00 Wed" },
    { "2026-03-16T00:00:00Z", "Europe/Berlin", "2026-03-18 18:00 Wed" },
    { "2026-03-23T00:00:00Z", "Europe/Berlin", "2026-03-25 18:00 Wed" },
    { "2026-03-30T00:00:00Z", "Europe/Berlin", "2026-04-01 19:00 Wed" },
    { "2026-10-19T00:00:00Z", "Europe/Berlin", "2026-10-21 19:00 Wed" },
    { "2026-10-26T00:00:00Z", "Europe/Berlin", "2026-10-28 18:00 Wed" },
    { "2026-11-02T00:00:00Z", "Europe/Berlin", "2026-11-04 19:00 Wed" },
    /* always 10:00 where the meeting is */
    { "2026-03-09T00:00:00Z", LA, "2026-03-11 10:00 Wed" },
    { "2026-11-02T00:00:00Z", LA, "2026-11-04 10:00 Wed" },
    /* India has no summer time: 23:30 in winter, 22:30 from March */
    { "2026-03-02T00:00:00Z", "Asia/Kolkata", "2026-03-04 23:30 Wed" },
    { "2026-03-09T00:00:00Z", "Asia/Kolkata", "2026-03-11 22:30 Wed" },
    { "2026-11-02T00:00:00Z", "Asia/Kolkata", "2026-11-04 23:30 Wed" },
    /* New Zealand's summer is the northern winter: the next morning */
    { "2026-03-02T00:00:00Z", "Pacific/Auckland", "2026-03-05 07:00 Thu" },
    { "2026-03-09T00:00:00Z", "Pacific/Auckland", "2026-03-12 06:00 Thu" },
    { "2026-04-06T00:00:00Z", "Pacific/Auckland", "2026-04-09 05:00 Thu" },
    { "2026-10-26T00:00:00Z", "Pacific/Auckland", "2026-10-29 06:00 Thu" },
    { "2026-11-02T00:00:00Z", "Pacific/Auckland", "2026-11-05 07:00 Thu" },
  };

  check_next_cases ("Wednesdays at 10:00 PT", cases, G_N_ELEMENTS (cases));
}

/* Every Wednesday of 2026: 18:00 in Berlin in exactly the four weeks
 * when the US and Europe are out of step, 19:00 in the 48 others.
 */
static void
test_next_dst_whole_year (void)
{
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays at 10:00 PT");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) from = utc ("2026-01-01T00:00:00Z");
  guint n_18 = 0, n_19 = 0;

  for (guint week = 0; week < 52; week++)
    {
      g_autoptr(GDateTime) next = convene_schedule_next_start (meeting, from);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (next, berlin);
      g_autofree char *date = g_date_time_format (local, "%m-%d");
      gboolean out_of_step = (strcmp (date, "03-08") > 0 && strcmp (date, "03-29") < 0) ||
                             (strcmp (date, "10-25") > 0 && strcmp (date, "11-01") < 0);

      g_assert_cmpint (g_date_time_get_day_of_week (next), ==, G_DATE_WEDNESDAY);
      g_assert_cmpint (g_date_time_get_hour (next), ==, 10);
      g_assert_cmpint (g_date_time_get_hour (local), ==, out_of_step ? 18 : 19);
      if (out_of_step)
        n_18++;
      else
        n_19++;

      g_date_time_unref (from);
      from = g_date_time_add_seconds (next, 1);
    }

  g_assert_cmpuint (n_18, ==, 4);
  g_assert_cmpuint (n_19, ==, 48);
}

/* A meeting in Berlin seen from Los Angeles, and meetings on the very
 * day the clocks change.
 */
static void
test_next_dst_change_day (void)
{
  static const NextCase berlin_cases[] = {
    { "2026-03-23T00:00:00Z", LA, "2026-03-26 09:00 Thu" },
    { "2026-03-30T00:00:00Z", LA, "2026-04-02 08:00 Thu" },
    { "2026-10-19T00:00:00Z", LA, "2026-10-22 08:00 Thu" },
    { "2026-10-26T00:00:00Z", LA, "2026-10-29 09:00 Thu" },
    { "2026-11-02T00:00:00Z", LA, "2026-11-05 08:00 Thu" },
  };
  static const NextCase sunday_cases[] = {
    /* 8 March: clocks go forward at 2:00; 10:00 PDT is 17:00 UTC */
    { "2026-03-08T16:59:59Z", "UTC", "2026-03-08 17:00 Sun" },
    { "2026-03-08T17:00:00Z", "UTC", "2026-03-08 17:00 Sun" },
    { "2026-03-08T17:00:01Z", "UTC", "2026-03-15 17:00 Sun" },
    { "2026-03-01T17:30:00Z", "UTC", "2026-03-01 18:00 Sun" },
    /* 1 November: clocks go back; 10:00 PST is 18:00 UTC */
    { "2026-11-01T17:00:00Z", "UTC", "2026-11-01 18:00 Sun" },
    { "2026-10-25T17:00:00Z", "UTC", "2026-10-25 17:00 Sun" },
  };

  check_next_cases ("Thursdays at 17:00 CET", berlin_cases, G_N_ELEMENTS (berlin_cases));
  check_next_cases ("Sundays at 10:00 PT", sunday_cases, G_N_ELEMENTS (sunday_cases));
}

static void
test_next_monthly (void)
{
  static const NextCase last_cases[] = {
    { "2026-01-01T00:00:00Z", "America/New_York", "2026-01-28 14:00 Wed" },
    { "2026-01-28T19:00:01Z", "America/New_York", "2026-02-25 14:00 Wed" },
    { "2026-03-01T00:00:00Z", "America/New_York", "2026-03-25 14:00 Wed" },
    { "2026-04-01T00:00:00Z", "America/New_York", "2026-04-29 14:00 Wed" },
  };
  static const NextCase third_cases[] = {
    { "2026-01-01T00:00:00Z", LA, "2026-01-20 16:00 Tue" },
    { "2026-01-21T00:00:01Z", LA, "2026-02-17 16:00 Tue" },
    { "2026-02-18T12:00:00Z", LA, "2026-03-17 16:00 Tue" },
  };
  /* Only some months have a fifth Wednesday */
  static const NextCase fifth_cases[] = {
    { "2026-05-01T00:00:00Z", "UTC", "2026-07-29 09:00 Wed" },
    { "2026-07-30T00:00:00Z", "UTC", "2026-09-30 09:00 Wed" },
  };
  g_autoptr(ConveneMeeting) fifth = convene_meeting_new ("");

  check_next_cases ("monthly - last Wednesday every month, 14:00 ET", last_cases, G_N_ELEMENTS (last_cases));
  check_next_cases ("monthly - third Tuesday, 16:00 PT", third_cases, G_N_ELEMENTS (third_cases));

  convene_meeting_set_weekday (fifth, G_DATE_WEDNESDAY);
  convene_meeting_set_start_minute (fifth, 9 * 60);
  convene_meeting_set_timezone (fifth, "UTC");
  convene_meeting_set_week_of_month (fifth, 5);
  for (guint i = 0; i < G_N_ELEMENTS (fifth_cases); i++)
    {
      g_autoptr(GDateTime) now = utc (fifth_cases[i].now);
      g_autoptr(GDateTime) next = convene_schedule_next_start (fifth, now);

      assert_wall_time (next, fifth_cases[i].zone, fifth_cases[i].expected);
    }
}

/* next() counts a meeting in progress; next_start() does not. */
static void
test_next_in_progress (void)
{
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays 9:00-9:30 PT - Weekly");
  static const struct { const char *now; const char *next; const char *next_start; } cases[] = {
    { "2026-03-11T15:59:59Z", "2026-03-11 09:00 Wed", "2026-03-11 09:00 Wed" },
    { "2026-03-11T16:00:00Z", "2026-03-11 09:00 Wed", "2026-03-11 09:00 Wed" },
    { "2026-03-11T16:15:00Z", "2026-03-11 09:00 Wed", "2026-03-18 09:00 Wed" },
    { "2026-03-11T16:29:59Z", "2026-03-11 09:00 Wed", "2026-03-18 09:00 Wed" },
    { "2026-03-11T16:30:00Z", "2026-03-18 09:00 Wed", "2026-03-18 09:00 Wed" },
  };

  g_assert_cmpint (convene_schedule_get_duration (meeting), ==, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = utc (cases[i].now);
      g_autoptr(GDateTime) next = convene_schedule_next (meeting, now);
      g_autoptr(GDateTime) next_start = convene_schedule_next_start (meeting, now);

      g_test_message ("%s", cases[i].now);
      assert_wall_time (next, LA, cases[i].next);
      assert_wall_time (next_start, LA, cases[i].next_start);
    }
}

/* Live and soon */

typedef struct
{
  const char *now;
  ConveneMeetingState state;
  const char *next_change;
} StateCase;

static void
check_states (ConveneMeeting  *meeting,
              const StateCase *cases,
              guint            n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GDateTime) now = utc (cases[i].now);
      g_autoptr(GDateTime) change = NULL;
      g_autoptr(GDateTime) change_utc = NULL;
      g_autofree char *iso = NULL;
      ConveneMeetingState state;

      state = convene_schedule_get_state (meeting, now, &change);
      g_test_message ("%s", cases[i].now);
      g_assert_cmpint (state, ==, cases[i].state);
      g_assert_nonnull (change);
      change_utc = g_date_time_to_utc (change);
      iso = g_date_time_format_iso8601 (change_utc);
      g_assert_cmpstr (iso, ==, cases[i].next_change);
      g_assert_cmpint (g_date_time_compare (change, now), >, 0);

      /* Without the out parameter, the same state */
      g_assert_cmpint (convene_schedule_get_state (meeting, now, NULL), ==, state);
    }
}

static void
test_state_with_end (void)
{
  /* 9:00-9:30 PDT on 11 March 2026 is 16:00-16:30 UTC */
  static const StateCase cases[] = {
    { "2026-03-11T15:44:59Z", CONVENE_MEETING_STATE_NONE, "2026-03-11T15:45:00Z" },
    { "2026-03-11T15:45:00Z", CONVENE_MEETING_STATE_SOON, "2026-03-11T16:00:00Z" },
    { "2026-03-11T15:45:01Z", CONVENE_MEETING_STATE_SOON, "2026-03-11T16:00:00Z" },
    { "2026-03-11T15:59:59Z", CONVENE_MEETING_STATE_SOON, "2026-03-11T16:00:00Z" },
    { "2026-03-11T16:00:00Z", CONVENE_MEETING_STATE_LIVE, "2026-03-11T16:30:00Z" },
    { "2026-03-11T16:00:01Z", CONVENE_MEETING_STATE_LIVE, "2026-03-11T16:30:00Z" },
    { "2026-03-11T16:29:59Z", CONVENE_MEETING_STATE_LIVE, "2026-03-11T16:30:00Z" },
    { "2026-03-11T16:30:00Z", CONVENE_MEETING_STATE_NONE, "2026-03-18T15:45:00Z" },
    { "2026-03-11T16:30:01Z", CONVENE_MEETING_STATE_NONE, "2026-03-18T15:45:00Z" },
    /* The week before, across the change to summer time: 17:00 UTC */
    { "2026-03-04T16:50:00Z", CONVENE_MEETING_STATE_SOON, "2026-03-04T17:00:00Z" },
  };
  g_autoptr(ConveneMeeting) meeting = parsed ("Wednesdays 9:00-9:30 PT - Weekly");

  check_states (meeting, cases, G_N_ELEMENTS (cases));
}

static void
test_state_without_end (void)
{
  /* 13:00 CET on 5 March 2026 is 12:00 UTC; no end: one hour */
  static const StateCase cases[] = {
    { "2026-03-05T11:44:59Z", CONVENE_MEETING_STATE_NONE, "2026-03-05T11:45:00Z" },
    { "2026-03-05T11:45:00Z", CONVENE_MEETING_STATE_SOON, "2026-03-05T12:00:00Z" },
    { "2026-03-05T11:59:59Z", CONVENE_MEETING_STATE_SOON, "2026-03-05T12:00:00Z" },
    { "2026-03-05T12:00:00Z", CONVENE_MEETING_STATE_LIVE, "2026-03-05T13:00:00Z" },
    { "2026-03-05T12:59:59Z", CONVENE_MEETING_STATE_LIVE, "2026-03-05T13:00:00Z" },
    { "2026-03-05T13:00:00Z", CONVENE_MEETING_STATE_NONE, "2026-03-12T11:45:00Z" },
  };
  g_autoptr(ConveneMeeting) meeting = parsed ("Thursdays at 13:00 CET");

  g_assert_cmpint (convene_schedule_get_duration (meeting), ==, CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES);
  check_states (meeting, cases, G_N_ELEMENTS (cases));
}

/* Texts */

typedef struct
{
  const char *start;
  const char *now;
  const char *expected;
} FormatCase;

/* In Europe/Berlin (set in main()), in the C locale */
static void
test_format_next (void)
{
  static const FormatCase cases[] = {
    { "2026-12-02T21:00:00Z", "2026-11-29T12:00:00Z", "Wed 2 Dec, 22:00 · in 3 days" },
    { "2026-12-02T21:00:00Z", "2026-12-01T12:00:00Z", "Wed 2 Dec, 22:00 · tomorrow" },
    { "2026-12-02T21:00:00Z", "2026-12-02T19:00:00Z", "Wed 2 Dec, 22:00 · in 2 hours" },
    { "2026-12-02T21:00:00Z", "2026-12-02T06:00:00Z", "Wed 2 Dec, 22:00 · in 15 hours" },
    { "2026-12-02T21:00:00Z", "2026-12-02T20:55:00Z", "Wed 2 Dec, 22:00 · in 5 minutes" },
    { "2026-12-02T21:00:00Z", "2026-12-02T20:55:30Z", "Wed 2 Dec, 22:00 · in 5 minutes" },
    { "2026-12-02T21:00:00Z", "2026-12-02T20:59:30Z", "Wed 2 Dec, 22:00 · in 1 minute" },
    { "2026-12-02T21:00:00Z", "2026-12-02T21:00:00Z", "Wed 2 Dec, 22:00 · now" },
    { "2026-12-02T21:00:00Z", "2026-12-02T21:10:00Z", "Wed 2 Dec, 22:00 · now" },
    /* After midnight but within six hours: hours, not "tomorrow" */
    { "2026-12-03T00:30:00Z", "2026-12-02T22:00:00Z", "Thu 3 Dec, 01:30 · in 3 hours" },
    /* Across the change to summer time, by calendar days */
    { "2026-03-30T08:00:00Z", "2026-03-27T09:00:00Z", "Mon 30 Mar, 10:00 · in 3 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) start = utc (cases[i].start);
      g_autoptr(GDateTime) now = utc (cases[i].now);
      g_autofree char *text = convene_schedule_format_next (start, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_describe (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "Wednesdays at 13:00 PT - Biweekly", "Every other Wednesday at 13:00 (America/Los_Angeles)" },
    { "Wednesdays 9:00-9:30 PT - Weekly", "Every Wednesday at 9:00–9:30 (America/Los_Angeles)" },
    { "Tuesdays at 2PM CET", "Every Tuesday at 14:00 (Europe/Berlin)" },
    { "Wednesdays at 9:00 PT, every four weeks", "Every 4 weeks on Wednesday at 9:00 (America/Los_Angeles)" },
    { "monthly - third Tuesday, 16:00 PT", "The third Tuesday of the month at 16:00 (America/Los_Angeles)" },
    { "last Wednesday of the month, 14:00 ET", "The last Wednesday of the month at 14:00 (America/New_York)" },
    { "first Monday of the month, 15:00 UTC", "The first Monday of the month at 15:00 (UTC)" },
    { "Wednesdays 11:30 PM to 12:30 AM UTC", "Every Wednesday at 23:30–0:30 (UTC)" },
    { "Whenever the chairs call one", "Whenever the chairs call one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (cases[i].text);
      g_autofree char *text = NULL;

      convene_schedule_parse (cases[i].text, meeting);
      text = convene_schedule_describe (meeting);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Before any time zone is looked up; the C locale gives English names */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_unsetenv ("LANGUAGE");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/parse/table", test_parse_table);
  g_test_add_func ("/schedule/parse/failure-clears", test_parse_failure_clears);
  g_test_add_func ("/schedule/parse/istio-fixtures", test_parse_istio_fixtures);
  g_test_add_func ("/schedule/parse/istio-2026", test_parse_istio_2026);
  g_test_add_func ("/schedule/parse/zone-names", test_zone_names);
  g_test_add_func ("/schedule/parse/kubernetes", test_parse_kubernetes);
  g_test_add_func ("/schedule/parse/kubernetes-spot-checks", test_parse_kubernetes_spot_checks);
  g_test_add_func ("/schedule/parse/parts", test_parse_parts);
  g_test_add_func ("/schedule/anchor/seed", test_anchor_seed);
  g_test_add_func ("/schedule/anchor/invalid", test_anchor_invalid);
  g_test_add_func ("/schedule/next/biweekly-parity", test_biweekly_parity);
  g_test_add_func ("/schedule/next/biweekly-without-anchor", test_biweekly_without_anchor);
  g_test_add_func ("/schedule/next/every-four-weeks", test_every_four_weeks);
  g_test_add_func ("/schedule/next/dst-berlin", test_next_dst_berlin);
  g_test_add_func ("/schedule/next/dst-whole-year", test_next_dst_whole_year);
  g_test_add_func ("/schedule/next/dst-change-day", test_next_dst_change_day);
  g_test_add_func ("/schedule/next/monthly", test_next_monthly);
  g_test_add_func ("/schedule/next/in-progress", test_next_in_progress);
  g_test_add_func ("/schedule/state/with-end", test_state_with_end);
  g_test_add_func ("/schedule/state/without-end", test_state_without_end);
  g_test_add_func ("/schedule/format/next", test_format_next);
  g_test_add_func ("/schedule/format/describe", test_describe);

  return g_test_run ();
}
