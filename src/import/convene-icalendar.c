/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-icalendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "convene-icalendar.h"
#include "convene-icalendar-private.h"
#include "convene-limits.h"
#include "convene-meeting.h"
#include "convene-schedule.h"
#include "convene-url.h"

/* iCalendar feeds: a community's published .ics becomes meetings with
 * real occurrences. libical parses the feed; each series (the VEVENTs of
 * one UID) becomes one meeting: its DTSTART in an IANA zone, its RRULE as
 * the weekday, interval and ordinals when they can say it (else kept as
 * the rule itself), its EXDATEs and cancelled occurrences as exceptions,
 * its RECURRENCE-ID overrides as moved occurrences. What cannot be used
 * is a warning at the line of the event, never dropped silently.
 */

/* The most exceptions and moved occurrences a meeting keeps, as the
 * registry loader allows
 */
#define MAX_DATES 1000

/* Windows names some feeds (Outlook, Exchange) give as TZID */
static const struct
{
  const char *name;
  const char *zone;
} windows_zones[] = {
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Mountain Standard Time", "America/Denver" },
  { "Central Standard Time", "America/Chicago" },
  { "Eastern Standard Time", "America/New_York" },
  { "GMT Standard Time", "Europe/London" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Romance Standard Time", "Europe/Paris" },
  { "China Standard Time", "Asia/Shanghai" },
  { "India Standard Time", "Asia/Kolkata" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "UTC", "UTC" },
};

typedef struct
{
  const char *filename;
  const char *base_url;
  GPtrArray *issues;          /* ConveneIssue */
  GArray *event_lines;        /* guint: the line of each BEGIN:VEVENT, in order */
  GHashTable *zones;          /* TZID → IANA name (interned), or NULL when unknown */
  const char *default_zone;   /* X-WR-TIMEZONE */
} Reader;

typedef struct
{
  icalcomponent *master;
  GPtrArray *overrides;       /* icalcomponent*, not owned */
  guint line;
} Series;

/* Helpers */

static void
series_free (Series *series)
{
  g_ptr_array_unref (series->overrides);
  g_free (series);
}

static void
warn (Reader     *self,
      guint       line,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
warn (Reader     *self,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->issues, convene_issue_new (CONVENE_SEVERITY_WARNING, self->filename,
                                                    line, line > 0 ? 1 : 0, NULL, message));
}

/* The IANA zone a TZID stands for: itself, the location libical or
 * another generator prefixes ("/freeassociation.sourceforge.net/Europe/
 * Berlin", "/mozilla.org/20050126_1/America/New_York"), the VTIMEZONE's
 * X-LIC-LOCATION, or a Windows name. %NULL when none.
 */
static const char *
resolve_zone (Reader     *self,
              icalcomponent *root,
              const char *tzid)
{
  const char *zone = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (self->zones, tzid, NULL, &cached))
    return cached;

  if (convene_schedule_zone_is_valid (tzid))
    zone = g_intern_string (tzid);

  for (const char *p = strchr (tzid, '/'); zone == NULL && p != NULL; p = strchr (p + 1, '/'))
    if (p[1] != '\0' && strchr (p + 1, '/') != NULL && convene_schedule_zone_is_valid (p + 1))
      zone = g_intern_string (p + 1);
  if (zone == NULL)
    {
      /* "/x/Berlin"-style prefixes with a one-part zone ("UTC") */
      const char *last = strrchr (tzid, '/');

      if (last != NULL && convene_schedule_zone_is_valid (last + 1))
        zone = g_intern_string (last + 1);
    }

  for (icalcomponent *vtz = icalcomponent_get_first_component (root, ICAL_VTIMEZONE_COMPONENT);
       zone == NULL && vtz != NULL;
       vtz = icalcomponent_get_next_component (root, ICAL_VTIMEZONE_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);

      if (prop == NULL || g_strcmp0 (icalproperty_get_tzid (prop), tzid) != 0)
        continue;
      for (prop = icalcomponent_get_first_property (vtz, ICAL_X_PROPERTY); prop != NULL;
           prop = icalcomponent_get_next_property (vtz, ICAL_X_PROPERTY))
        {
          const char *value = icalproperty_get_x (prop);

          if (g_strcmp0 (icalproperty_get_x_name (prop), "X-LIC-LOCATION") == 0 &&
              value != NULL && convene_schedule_zone_is_valid (value))
            zone = g_intern_string (value);
        }
    }

  for (guint i = 0; zone == NULL && i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (tzid, windows_zones[i].name) == 0)
      zone = windows_zones[i].zone;

  g_hash_table_insert (self->zones, g_strdup (tzid), (gpointer)zone);
  return zone;
}

/* The instant of @t, a time of @prop (DTSTART, EXDATE, RECURRENCE-ID) of
 * the event, in its zone: its TZID, UTC, or the feed's X-WR-TIMEZONE for a
 * floating time. @zone receives the zone's IANA name.
 */
static GDateTime *
instant_of (Reader               *self,
            icalcomponent        *root,
            icalproperty         *prop,
            struct icaltimetype   t,
            const char          **zone)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  g_autoptr(GTimeZone) tz = NULL;
  const char *name;

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t) || t.is_date ||
      t.year < 1 || t.year > 9999)
    return NULL;

  if (icaltime_is_utc (t))
    name = "UTC";
  else if (param != NULL && icalparameter_get_tzid (param) != NULL)
    name = resolve_zone (self, root, icalparameter_get_tzid (param));
  else
    name = self->default_zone;

  if (name == NULL || (tz = g_time_zone_new_identifier (name)) == NULL)
    return NULL;
  if (zone != NULL)
    *zone = name;
  return g_date_time_new (tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static void
date_in_zone (GDate      *date,
              GDateTime  *dt,
              const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static gboolean
is_cancelled (icalcomponent *event)
{
  return icalcomponent_get_first_property (event, ICAL_STATUS_PROPERTY) != NULL &&
         icalcomponent_get_status (event) == ICAL_STATUS_CANCELLED;
}

/* Makes the weekday, interval and ordinals of @meeting say @rule when
 * they can; else keeps the rule itself. The weekday is DTSTART's.
 */
static void
apply_rule (ConveneMeeting            *meeting,
            struct icalrecurrencetype *rule,
            GDateWeekday               weekday)
{
  gboolean plain = rule->count == 0 && icaltime_is_null_time (rule->until) &&
                   rule->by_second[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_minute[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_hour[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_year_day[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_week_no[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   rule->by_set_pos[0] == ICAL_RECURRENCE_ARRAY_MAX &&
                   (rule->week_start == ICAL_MONDAY_WEEKDAY ||
                    rule->week_start == ICAL_NO_WEEKDAY);
  /* libical: 1 is Sunday; GLib: 1 is Monday */
  int ical_day = weekday == G_DATE_SUNDAY ? 1 : (int)weekday + 1;
  guint ordinals = 0;
  g_autofree char *text = NULL;

  if (plain && rule->freq == ICAL_WEEKLY_RECURRENCE && rule->interval <= 52)
    {
      gboolean same_day = TRUE;

      for (int i = 0; i < ICAL_BY_DAY_SIZE && rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        if (icalrecurrencetype_day_day_of_week (rule->by_day[i]) != ical_day ||
            icalrecurrencetype_day_position (rule->by_day[i]) != 0)
          same_day = FALSE;
      if (same_day)
        {
          convene_meeting_set_interval_weeks (meeting, MAX (rule->interval, 1));
          return;
        }
    }

  if (plain && rule->freq == ICAL_MONTHLY_RECURRENCE && rule->interval <= 1 &&
      rule->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
    {
      for (int i = 0; i < ICAL_BY_DAY_SIZE && rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        {
          int pos = icalrecurrencetype_day_position (rule->by_day[i]);

          if (icalrecurrencetype_day_day_of_week (rule->by_day[i]) != ical_day ||
              pos == 0 || pos < -1 || pos > 5)
            {
              ordinals = 0;
              break;
            }
          ordinals |= CONVENE_MEETING_ORDINAL (pos);
        }
      if (ordinals != 0)
        {
          convene_meeting_set_ordinals (meeting, ordinals);
          return;
        }
    }

  text = icalrecurrencetype_as_string_r (rule);
  if (text != NULL && strlen (text) <= CONVENE_MAX_KEYWORD)
    convene_meeting_set_rrule (meeting, text);
}

static char *
resolve_url (Reader     *self,
             const char *url)
{
  g_autofree char *resolved = NULL;

  if (url == NULL || *url == '\0')
    return NULL;
  if (self->base_url != NULL)
    resolved = g_uri_resolve_relative (self->base_url, url, G_URI_FLAGS_NONE, NULL);
  else
    resolved = g_strdup (url);
  if (resolved == NULL || !convene_url_check (resolved, NULL))
    return NULL;
  return g_steal_pointer (&resolved);
}

/* @text on one line, trimmed, at most @max characters (what the registry
 * allows of a name), or %NULL when nothing is left.
 */
static char *
clean_text (const char *text,
            guint       max)
{
  GString *clean;
  guint n = 0;

  if (text == NULL)
    return NULL;

  clean = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (clean->len == 0 || clean->str[clean->len - 1] == ' '))
        continue;
      g_string_append_unichar (clean, c);
    }
  while (clean->len > 0 && clean->str[clean->len - 1] == ' ')
    g_string_truncate (clean, clean->len - 1);
  if (clean->len == 0)
    {
      g_string_free (clean, TRUE);
      return NULL;
    }
  return g_string_free (clean, FALSE);
}

/* The meeting of one series, or %NULL after a warning. */
static ConveneMeeting *
read_series (Reader        *self,
             icalcomponent *root,
             Series        *series)
{
  icalcomponent *event = series->master;
  icalproperty *dtstart_prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  icalproperty *rrule_prop = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *url = NULL;
  struct icaltimetype dtstart;
  struct icaldurationtype duration;
  g_autofree char *summary_text = clean_text (icalcomponent_get_summary (event), CONVENE_MAX_NAME);
  const char *summary = summary_text;
  const char *zone = NULL;
  int minutes;
  int start_minute;

  if (summary == NULL)
    summary = _("Meeting");

  if (dtstart_prop == NULL)
    {
      warn (self, series->line, _("the event “%s” has no DTSTART; it is left out"), summary);
      return NULL;
    }
  dtstart = icalproperty_get_dtstart (dtstart_prop);
  if (dtstart.is_date)
    {
      warn (self, series->line, _("the event “%s” lasts all day; it is left out"), summary);
      return NULL;
    }

  start = instant_of (self, root, dtstart_prop, dtstart, &zone);
  if (start == NULL)
    {
      icalparameter *param = icalproperty_get_first_parameter (dtstart_prop, ICAL_TZID_PARAMETER);

      warn (self, series->line,
            /* Translators: a TZID such as "Pacific Standard Time" */
            _("the time zone “%s” of the event “%s” is unknown; it is left out"),
            param != NULL && icalparameter_get_tzid (param) != NULL
              ? icalparameter_get_tzid (param) : _("(none)"),
            summary);
      return NULL;
    }

  if (is_cancelled (event))
    {
      warn (self, series->line, _("the event “%s” is cancelled; it is left out"), summary);
      return NULL;
    }

  tz = g_time_zone_new_identifier (zone);
  local = g_date_time_to_timezone (start, tz);
  start_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  duration = icalcomponent_get_duration (event);
  minutes = icaldurationtype_is_null_duration (duration) || icaldurationtype_is_bad_duration (duration)
              ? 0 : icaldurationtype_as_int (duration) / 60;
  if (minutes <= 0 || minutes > 24 * 60)
    minutes = 0;

  meeting = convene_meeting_new (summary);
  convene_meeting_set_weekday (meeting, g_date_time_get_day_of_week (local));
  convene_meeting_set_start_minute (meeting, start_minute);
  if (minutes > 0)
    convene_meeting_set_end_minute (meeting, (start_minute + minutes) % (24 * 60));
  convene_meeting_set_timezone (meeting, zone);
  convene_meeting_set_anchor (meeting, start);

  if ((url = resolve_url (self, icalcomponent_get_first_property (event, ICAL_URL_PROPERTY)
                                  ? icalproperty_get_url (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY))
                                  : NULL)) == NULL)
    url = resolve_url (self, icalcomponent_get_location (event));
  convene_meeting_set_url (meeting, url);

  if (rrule_prop != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (rrule_prop);

      if (rule.freq == ICAL_NO_RECURRENCE)
        {
          warn (self, series->line, _("the rule of the event “%s” cannot be read; it is left out"),
                summary);
          return NULL;
        }
      apply_rule (meeting, &rule, g_date_time_get_day_of_week (local));
      if (!convene_meeting_has_schedule (meeting))
        {
          warn (self, series->line, _("the rule of the event “%s” is too long; it is left out"),
                summary);
          return NULL;
        }
      if (icalcomponent_get_next_property (event, ICAL_RRULE_PROPERTY) != NULL)
        warn (self, series->line, _("the event “%s” has several RRULEs; only the first is used"),
              summary);
    }
  else
    {
      /* Once: a rule of one occurrence keeps it an ordinary meeting */
      convene_meeting_set_rrule (meeting, "FREQ=DAILY;COUNT=1");
    }

  if (icalcomponent_get_first_property (event, ICAL_RDATE_PROPERTY) != NULL)
    warn (self, series->line, _("the extra dates (RDATE) of the event “%s” are not used"),
          summary);

  for (icalproperty *prop = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (event, ICAL_EXDATE_PROPERTY))
    {
      struct icaltimetype t = icalproperty_get_exdate (prop);
      g_autoptr(GDateTime) excluded = NULL;
      GDate date;

      g_date_clear (&date, 1);
      if (t.is_date && icaltime_is_valid_time (t) && g_date_valid_dmy (t.day, t.month, t.year))
        g_date_set_dmy (&date, t.day, t.month, t.year);
      else if ((excluded = instant_of (self, root, prop, t, NULL)) != NULL)
        date_in_zone (&date, excluded, zone);

      if (g_date_valid (&date) && convene_meeting_get_n_exceptions (meeting) >= MAX_DATES)
        break;
      if (g_date_valid (&date))
        convene_meeting_add_exception (meeting, &date);
      else
        warn (self, series->line, _("an EXDATE of the event “%s” cannot be read"), summary);
    }

  for (guint i = 0; i < series->overrides->len; i++)
    {
      icalcomponent *override = g_ptr_array_index (series->overrides, i);
      icalproperty *rid = icalcomponent_get_first_property (override, ICAL_RECURRENCEID_PROPERTY);
      icalproperty *moved_prop = icalcomponent_get_first_property (override, ICAL_DTSTART_PROPERTY);
      g_autoptr(GDateTime) original = instant_of (self, root, rid,
                                                  icalproperty_get_recurrenceid (rid), NULL);
      g_autoptr(GDateTime) moved = NULL;
      struct icaldurationtype moved_duration;
      GDate date;

      if (original == NULL)
        {
          warn (self, series->line,
                _("a RECURRENCE-ID of the event “%s” cannot be read; it is not used"), summary);
          continue;
        }
      date_in_zone (&date, original, zone);

      if (convene_meeting_get_n_exceptions (meeting) >= MAX_DATES ||
          convene_meeting_get_n_moves (meeting) >= MAX_DATES)
        {
          warn (self, series->line,
                _("the event “%s” has more than %d changed occurrences; the rest are not used"),
                summary, MAX_DATES);
          break;
        }

      if (is_cancelled (override))
        {
          convene_meeting_add_exception (meeting, &date);
          continue;
        }

      if (moved_prop != NULL)
        moved = instant_of (self, root, moved_prop, icalproperty_get_dtstart (moved_prop), NULL);
      if (moved == NULL)
        {
          warn (self, series->line,
                _("a moved occurrence of the event “%s” has no time that can be read"), summary);
          continue;
        }

      moved_duration = icalcomponent_get_duration (override);
      minutes = icaldurationtype_is_null_duration (moved_duration) ||
                icaldurationtype_is_bad_duration (moved_duration)
                  ? 0 : icaldurationtype_as_int (moved_duration) / 60;
      if (minutes < 0 || minutes > 24 * 60)
        minutes = 0;

      if (!g_date_time_equal (moved, original) || minutes != 0)
        convene_meeting_add_move (meeting, &date, moved, minutes);
    }

  return g_steal_pointer (&meeting);
}

static void
reader_clear (Reader *self)
{
  g_clear_pointer (&self->event_lines, g_array_unref);
  g_clear_pointer (&self->zones, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* Public API */

G_DEFINE_QUARK (convene-icalendar-error-quark, convene_icalendar_error)

/**
 * convene_icalendar_read:
 * @data: the bytes of an iCalendar feed
 * @length: their length
 * @filename: (nullable): where they came from, for the issues
 * @base_url: (nullable): the feed's address, against which relative links
 *   are resolved
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   the warnings, with the line of the event each is about
 * @error: return location for a #GError
 *
 * Reads the series of @data (the VEVENTs of one UID) as meetings, their
 * text the SUMMARY; see the top of this file for what becomes what.
 *
 * Returns: (transfer container) (element-type ConveneMeeting) (nullable):
 *   the meetings, in the order of the feed, or %NULL with @error set when
 *   @data is no iCalendar feed
 */
GPtrArray *
convene_icalendar_read (const char  *data,
                        gsize        length,
                        const char  *filename,
                        const char  *base_url,
                        GPtrArray  **issues,
                        GError     **error)
{
  g_auto(Reader) reader = { 0 };
  g_autoptr(GPtrArray) all_issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_uid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *balanced = NULL;
  icalcomponent *root;
  icalcomponent *calendar;
  icalproperty *prop;
  guint n_events = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issues != NULL)
    *issues = NULL;

  if (length > CONVENE_ICALENDAR_MAX_SIZE)
    {
      g_set_error (error, CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_TOO_LARGE,
                   _("The calendar is larger than %d MiB"), CONVENE_ICALENDAR_MAX_SIZE >> 20);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_INVALID,
                           _("The calendar is not UTF-8 text"));
      return NULL;
    }

  text = g_strndup (data, length);
  reader.filename = filename;
  reader.base_url = base_url;
  reader.issues = all_issues;
  reader.event_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  reader.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  balanced = convene_icalendar_scan_lines (text, filename, reader.event_lines, all_issues);

  root = icalparser_parse_string (balanced);
  icalerror_clear_errno ();
  if (root == NULL)
    {
      if (issues != NULL)
        *issues = g_steal_pointer (&all_issues);
      g_set_error_literal (error, CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_INVALID,
                           _("The file is not an iCalendar calendar"));
      return NULL;
    }

  calendar = root;
  if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    calendar = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
  if (calendar == NULL || (icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT &&
                           icalcomponent_isa (calendar) != ICAL_VEVENT_COMPONENT))
    {
      icalcomponent_free (root);
      g_set_error_literal (error, CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_INVALID,
                           _("The file is not an iCalendar calendar"));
      return NULL;
    }

  for (prop = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY); prop != NULL;
       prop = icalcomponent_get_next_property (calendar, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (prop), "X-WR-TIMEZONE") == 0 &&
        icalproperty_get_x (prop) != NULL)
      reader.default_zone = resolve_zone (&reader, calendar, icalproperty_get_x (prop));

  by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)series_free);

  /* The series: the master of each UID and its overrides */
  for (icalcomponent *event = icalcomponent_isa (calendar) == ICAL_VEVENT_COMPONENT
                                ? calendar
                                : icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = event == calendar ? NULL
                                 : icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      guint line = n_events < reader.event_lines->len
                     ? g_array_index (reader.event_lines, guint, n_events) : 0;
      const char *uid = icalcomponent_get_uid (event);
      g_autofree char *key = NULL;
      Series *series;

      n_events++;
      key = uid != NULL && *uid != '\0' ? g_strdup (uid) : g_strdup_printf ("\n%u", n_events);
      series = g_hash_table_lookup (by_uid, key);
      if (series == NULL)
        {
          series = g_new0 (Series, 1);
          series->overrides = g_ptr_array_new ();
          series->line = line;
          g_hash_table_insert (by_uid, g_strdup (key), series);
          g_ptr_array_add (order, g_steal_pointer (&key));
        }

      if (icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY) != NULL)
        g_ptr_array_add (series->overrides, event);
      else if (series->master == NULL)
        {
          series->master = event;
          series->line = line;
        }
      else
        warn (&reader, line, _("the event “%s” repeats the UID of another; it is left out"),
              uid);
    }

  for (guint i = 0; i < order->len; i++)
    {
      Series *series = g_hash_table_lookup (by_uid, g_ptr_array_index (order, i));
      ConveneMeeting *meeting;

      if (series->master == NULL)
        {
          warn (&reader, series->line,
                _("an occurrence has no event it belongs to (no event with its UID); "
                  "it is left out"));
          continue;
        }
      if ((meeting = read_series (&reader, calendar, series)) != NULL)
        g_ptr_array_add (meetings, meeting);
    }

  g_clear_pointer (&by_uid, g_hash_table_unref);
  icalcomponent_free (root);
  icalerror_clear_errno ();

  if (issues != NULL)
    *issues = g_steal_pointer (&all_issues);
  return g_steal_pointer (&meetings);
}
