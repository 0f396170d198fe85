/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-ics"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <stdlib.h>

#include "convene-ics.h"
#include "convene-schedule.h"

/* iCalendar export: one VEVENT with an RRULE per meeting whose dates can
 * be computed, in the meeting's own time zone, with a VTIMEZONE for each
 * zone used. libical builds, escapes and folds the text.
 */

#define PRODID "-//Convene//Convene " PACKAGE_VERSION "//EN"
#define UID_DOMAIN "convene"

typedef struct
{
  icalcomponent *calendar;
  GPtrArray *events;     /* icalcomponent*, added after the time zones */
  GHashTable *zones;     /* IANA id → GDateTime: the earliest event start there */
  GDateTime *now;
  char *uid_scope;       /* the community's part of every UID, or NULL */
} Export;

/* Helpers */

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->calendar, icalcomponent_free);
  g_clear_pointer (&export->events, g_ptr_array_unref);
  g_clear_pointer (&export->zones, g_hash_table_unref);
  g_clear_pointer (&export->now, g_date_time_unref);
  g_clear_pointer (&export->uid_scope, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static void
export_init (Export    *export,
             GDateTime *now)
{
  export->calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                          icalproperty_new_prodid (PRODID),
                                          icalproperty_new_version ("2.0"),
                                          icalproperty_new_calscale ("GREGORIAN"),
                                          (void *)0);
  export->events = g_ptr_array_new_with_free_func ((GDestroyNotify)icalcomponent_free);
  export->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_date_time_unref);
  export->now = g_date_time_to_utc (now);
}

/* The community's part of the UIDs of a registry's export, so that two
 * communities' "api-management-1" differ while every export of one gives
 * the same: the host and path of its web site ("istio.io"), else its name
 * ("istio"), in lower case with anything but letters, digits, dots and
 * dashes made a dash.
 */
static char *
uid_scope_for (ConveneRegistry *registry)
{
  ConveneCommunity *community = convene_registry_get_community (registry);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *raw = NULL;
  GString *scope;
  const char *url;

  if (community == NULL)
    return NULL;

  url = convene_community_get_url (community);
  if (url != NULL && (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) != NULL &&
      g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    raw = g_strconcat (g_uri_get_host (uri), g_uri_get_path (uri), NULL);
  else if (convene_community_get_name (community) != NULL)
    raw = g_strdup (convene_community_get_name (community));
  if (raw == NULL)
    return NULL;

  scope = g_string_new (NULL);
  for (const char *p = raw; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '.' || c == '-')
        g_string_append_c (scope, c);
      else if (scope->len > 0 && scope->str[scope->len - 1] != '-')
        g_string_append_c (scope, '-');
    }
  while (scope->len > 0 && (scope->str[scope->len - 1] == '-' || scope->str[scope->len - 1] == '.'))
    g_string_truncate (scope, scope->len - 1);
  if (scope->len == 0)
    {
      g_string_free (scope, TRUE);
      return NULL;
    }
  return g_string_free (scope, FALSE);
}

static gboolean
is_utc (const char *zone)
{
  return g_strcmp0 (zone, "UTC") == 0 || g_strcmp0 (zone, "Etc/UTC") == 0;
}

/* @dt's wall-clock time, floating, or in UTC with @utc. */
static struct icaltimetype
ical_time (GDateTime *dt,
           gboolean   utc)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (dt);
  t.month = g_date_time_get_month (dt);
  t.day = g_date_time_get_day_of_month (dt);
  t.hour = g_date_time_get_hour (dt);
  t.minute = g_date_time_get_minute (dt);
  t.second = g_date_time_get_second (dt);
  t.is_date = 0;
  if (utc)
    t.zone = icaltimezone_get_utc_timezone ();

  return t;
}

/* DTSTART or DTEND at @dt, which is in the meeting's zone @zone. */
static icalproperty *
time_property (icalproperty_kind  kind,
               GDateTime         *dt,
               const char        *zone)
{
  struct icaltimetype t = ical_time (dt, is_utc (zone));
  icalproperty *prop;

  if (kind == ICAL_DTSTART_PROPERTY)
    prop = icalproperty_new_dtstart (t);
  else
    prop = icalproperty_new_dtend (t);

  if (!is_utc (zone))
    icalproperty_add_parameter (prop, icalparameter_new_tzid (zone));

  return prop;
}

/* The occurrence on @date at @start (minutes), as EXDATE or RECURRENCE-ID
 * wants it.
 */
static icalproperty *
occurrence_property (icalproperty_kind  kind,
                     int                start,
                     const GDate       *date,
                     const char        *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;
  struct icaltimetype t;
  icalproperty *prop;

  if (tz == NULL)
    return NULL;
  dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), start / 60, start % 60, 0);
  if (dt == NULL)
    return NULL;

  t = ical_time (dt, is_utc (zone));
  if (kind == ICAL_EXDATE_PROPERTY)
    prop = icalproperty_new_exdate (t);
  else
    prop = icalproperty_new_recurrenceid (t);
  if (!is_utc (zone))
    icalproperty_add_parameter (prop, icalparameter_new_tzid (zone));
  return prop;
}

/* A VEVENT for each moved occurrence of @meeting, overriding the one of
 * the series of @uid it replaces.
 */
static void
export_moves (Export         *export,
              ConveneMeeting *meeting,
              const char     *uid,
              const char     *summary,
              const char     *zone)
{
  int duration = convene_schedule_get_duration (meeting);

  for (guint i = 0; i < convene_meeting_get_n_moves (meeting); i++)
    {
      g_autoptr(GDateTime) end = NULL;
      GDateTime *start;
      int minutes;
      const GDate *date = convene_meeting_get_move (meeting, i, &start, &minutes);
      icalproperty *recurrence_id;
      icalcomponent *event;

      if (convene_meeting_is_exception (meeting, date) ||
          (recurrence_id = occurrence_property (ICAL_RECURRENCEID_PROPERTY,
                                                  convene_meeting_get_start_minute (meeting),
                                                date, zone)) == NULL)
        continue;

      end = g_date_time_add_minutes (start, minutes > 0 ? minutes : duration);
      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (ical_time (export->now, TRUE)),
                                   recurrence_id,
                                   (void *)0);
      {
        g_autoptr(GDateTime) start_utc = g_date_time_to_utc (start);
        g_autoptr(GDateTime) end_utc = g_date_time_to_utc (end);

        icalcomponent_add_property (event, icalproperty_new_dtstart (ical_time (start_utc, TRUE)));
        icalcomponent_add_property (event, icalproperty_new_dtend (ical_time (end_utc, TRUE)));
      }
      icalcomponent_add_property (event, icalproperty_new_summary (summary));
      g_ptr_array_add (export->events, event);
    }
}

/* Numbered by position among all the meetings, so the UID of one stays
 * the same when another one cannot be exported; a meeting's slots after
 * the first are "-<meeting>-slot<slot>", so the first keeps the UID a meeting
 * of one slot has.
 */
static char *
make_uid (Export     *export,
          const char *uid_prefix,
          guint       n,
          guint       slot)
{
  g_autofree char *part = slot > 1 ? g_strdup_printf ("%s-%u-slot%u", uid_prefix, n, slot)
                                   : g_strdup_printf ("%s-%u", uid_prefix, n);

  if (export->uid_scope != NULL)
    return g_strdup_printf ("%s.%s@" UID_DOMAIN, part, export->uid_scope);
  return g_strdup_printf ("%s@" UID_DOMAIN, part);
}

static gboolean
check_zone (const char  *zone,
            GError     **error)
{
  if (!is_utc (zone) && icaltimezone_get_builtin_timezone (zone) == NULL)
    {
      g_set_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_TIMEZONE,
                   /* Translators: a time zone identifier such as America/Los_Angeles */
                   _("The time zone “%s” is unknown to the calendar library"), zone);
      return FALSE;
    }
  return TRUE;
}

/* The VEVENT of one series from @start by @rrule_text, with the
 * meeting's exceptions at @start_minute of their day. */
static icalcomponent *
series_event (Export         *export,
              ConveneMeeting *meeting,
              const char     *uid,
              const char     *summary,
              const char     *zone,
              GDateTime      *start,
              const char     *rrule_text,
              int             start_minute)
{
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) end_utc = NULL;
  struct icalrecurrencetype rrule;
  GDateTime *earliest;
  icalcomponent *event;
  const char *url;
  const char *text;

  end_utc = g_date_time_add_minutes (start, convene_schedule_get_duration (meeting));
  end = g_date_time_to_timezone (end_utc, g_date_time_get_timezone (start));

  rrule = icalrecurrencetype_from_string (rrule_text);
  if (rrule.freq == ICAL_NO_RECURRENCE)
    {
      icalerror_clear_errno ();
      return NULL;
    }

  event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                               icalproperty_new_uid (uid),
                               icalproperty_new_dtstamp (ical_time (export->now, TRUE)),
                               time_property (ICAL_DTSTART_PROPERTY, start, zone),
                               time_property (ICAL_DTEND_PROPERTY, end, zone),
                               icalproperty_new_rrule (rrule),
                               icalproperty_new_summary (summary),
                               (void *)0);

  if ((text = convene_meeting_get_text (meeting)) != NULL && *text != '\0')
    icalcomponent_add_property (event, icalproperty_new_description (text));

  if ((url = convene_meeting_get_url (meeting)) != NULL && *url != '\0')
    {
      icalcomponent_add_property (event, icalproperty_new_url (url));
      icalcomponent_add_property (event, icalproperty_new_location (url));
    }

  for (guint i = 0; i < convene_meeting_get_n_exceptions (meeting); i++)
    {
      icalproperty *exdate = occurrence_property (ICAL_EXDATE_PROPERTY, start_minute,
                                                  convene_meeting_get_exception (meeting, i),
                                                  zone);

      if (exdate != NULL)
        icalcomponent_add_property (event, exdate);
    }

  if (!is_utc (zone))
    {
      earliest = g_hash_table_lookup (export->zones, zone);
      if (earliest == NULL || g_date_time_compare (start, earliest) < 0)
        g_hash_table_insert (export->zones, g_strdup (zone), g_date_time_to_utc (start));
    }

  g_ptr_array_add (export->events, event);
  return event;
}

/* A VEVENT for the slot @i of @meeting: the same rule on the slot's
 * weekday, start and zone, the meeting's exceptions at the slot's time. */
static gboolean
export_slot (Export          *export,
             ConveneMeeting  *meeting,
             guint            i,
             const char      *uid,
             const char      *summary,
             GError         **error)
{
  const ConveneMeetingSlot *slot = convene_meeting_get_slot (meeting, i);
  const char *zone = slot->timezone ? slot->timezone : convene_meeting_get_timezone (meeting);
  GDateTime *anchor = slot->anchor ? slot->anchor : convene_meeting_get_anchor (meeting);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *rrule_text = NULL;

  if (!check_zone (zone, error))
    return FALSE;

  start = convene_schedule_slot_rule_start (meeting, i, anchor != NULL ? anchor : export->now);
  rrule_text = convene_schedule_get_slot_rrule (meeting, i);
  if (start != NULL && rrule_text != NULL)
    series_event (export, meeting, uid, summary, zone, start, rrule_text, slot->start_minute);
  return TRUE;
}

/* Adds a VEVENT for @meeting if its dates can be computed. */
static gboolean
export_meeting (Export          *export,
                ConveneMeeting  *meeting,
                const char      *uid_prefix,
                guint            n,
                const char      *summary,
                gboolean        *added,
                GError         **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *rrule_text = NULL;
  g_autofree char *uid = make_uid (export, uid_prefix, n, 1);
  GDateTime *anchor;
  const char *zone;

  *added = FALSE;

  if (!convene_schedule_is_computable (meeting))
    return TRUE;

  zone = convene_meeting_get_timezone (meeting);
  if (!check_zone (zone, error))
    return FALSE;

  /* The first occurrence on or after the anchor, so the recurrence keeps
   * the anchor's weeks; else the next one from now.
   */
  anchor = convene_meeting_get_anchor (meeting);
  if (convene_meeting_get_rrule (meeting) != NULL)
    {
      /* A feed's rule counts from its own DTSTART */
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

      start = tz != NULL ? g_date_time_to_timezone (anchor, tz) : NULL;
    }
  else
    start = convene_schedule_rule_start (meeting, anchor != NULL ? anchor : export->now);
  if (start == NULL)
    return TRUE;

  rrule_text = convene_schedule_get_rrule (meeting);
  if (series_event (export, meeting, uid, summary, zone, start, rrule_text,
                    convene_meeting_get_start_minute (meeting)) == NULL)
    return TRUE;
  export_moves (export, meeting, uid, summary, zone);

  for (guint i = 0; i < convene_meeting_get_n_slots (meeting); i++)
    {
      g_autofree char *slot_uid = make_uid (export, uid_prefix, n, i + 2);

      if (!export_slot (export, meeting, i, slot_uid, summary, error))
        return FALSE;
    }

  *added = TRUE;
  return TRUE;
}

static gboolean
export_meetings (Export      *export,
                 GListModel  *meetings,
                 const char  *uid_prefix,
                 const char  *summary,
                 guint       *n_added,
                 GError     **error)
{
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      gboolean added;

      if (!export_meeting (export, meeting, uid_prefix, i + 1, summary, &added, error))
        return FALSE;
      if (added)
        (*n_added)++;
    }

  return TRUE;
}

static gboolean
export_group (Export        *export,
              ConveneGroup  *group,
              guint         *n_added,
              GError       **error)
{
  /* Translators: the title of a working group's meeting in a calendar,
   * "Networking meeting"
   */
  g_autofree char *summary = g_strdup_printf (_("%s meeting"), convene_group_get_name (group));

  return export_meetings (export, convene_group_get_meetings (group),
                          convene_group_get_id (group), summary, n_added, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Adds the time zones, then the events, and serializes the calendar. */
static char *
export_finish (Export *export)
{
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  char *ics;
  char *result;

  g_hash_table_iter_init (&iter, export->zones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (zones, key);
  g_ptr_array_sort (zones, compare_strings);

  for (guint i = 0; i < zones->len; i++)
    {
      const char *zone = g_ptr_array_index (zones, i);
      GDateTime *earliest = g_hash_table_lookup (export->zones, zone);
      icaltimezone *builtin = icaltimezone_get_builtin_timezone (zone);
      icalcomponent *vtimezone;
      icalproperty *tzid;
      struct icaltimetype from;

      g_assert (builtin != NULL);

      /* Only the rules from the year of the first event on, under the
       * plain IANA name the events refer to rather than libical's
       * prefixed one.
       */
      vtimezone = icalcomponent_new_clone (icaltimezone_get_component (builtin));
      from = icaltime_null_time ();
      from.year = g_date_time_get_year (earliest);
      from.month = 1;
      from.day = 1;
      from.zone = icaltimezone_get_utc_timezone ();
      icaltimezone_truncate_vtimezone (vtimezone, from, icaltime_null_time (), 0);
      tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
      if (tzid != NULL)
        icalproperty_set_tzid (tzid, zone);
      else
        icalcomponent_add_property (vtimezone, icalproperty_new_tzid (zone));

      icalcomponent_add_component (export->calendar, vtimezone);
    }

  for (guint i = 0; i < export->events->len; i++)
    icalcomponent_add_component (export->calendar, g_ptr_array_index (export->events, i));
  /* The calendar owns them now */
  g_ptr_array_set_free_func (export->events, NULL);

  ics = icalcomponent_as_ical_string_r (export->calendar);
  result = g_strdup (ics);
  free (ics);

  return result;
}

/* Public API */

G_DEFINE_QUARK (convene-ics-error-quark, convene_ics_error)

/**
 * convene_ics_for_group_at:
 * @group: a #ConveneGroup
 * @now: the time of the export: the DTSTAMP, and where meetings without
 *   an anchor start
 * @error: return location for a #GError
 *
 * Exports the meetings of @group as an iCalendar file: a VEVENT for each
 * meeting whose dates can be computed (see
 * convene_schedule_is_computable()), recurring by RRULE in the meeting's
 * time zone. DTSTART is the first occurrence on or after the meeting's
 * anchor, or after @now when it has none; EXDATEs leave out its
 * exceptions and VEVENTs with a RECURRENCE-ID move its moved occurrences.
 * The UID of the Nth meeting is "<group id>-N@convene", the same in every
 * export; a registry's exports add the community to it.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, with CRLF line
 *   ends, or %NULL with @error set when @group has no such meeting
 */
char *
convene_ics_for_group_at (ConveneGroup  *group,
                          GDateTime     *now,
                          GError       **error)
{
  g_auto(Export) export = { 0 };
  guint n_added = 0;

  g_return_val_if_fail (CONVENE_IS_GROUP (group), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  export_init (&export, now);

  if (!export_group (&export, group, &n_added, error))
    return NULL;

  if (n_added == 0)
    {
      g_set_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING,
                   /* Translators: the name of a working group */
                   _("“%s” has no meeting with a known day, time and time zone"),
                   convene_group_get_name (group));
      return NULL;
    }

  return export_finish (&export);
}

/**
 * convene_ics_for_group:
 * @group: a #ConveneGroup
 * @error: return location for a #GError
 *
 * Like convene_ics_for_group_at() at the current time.
 *
 * Returns: (transfer full) (nullable): the iCalendar text
 */
char *
convene_ics_for_group (ConveneGroup  *group,
                       GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return convene_ics_for_group_at (group, now, error);
}

/* The meetings of the whole community, with the UIDs and title the whole
 * registry's export gives them.
 */
static gboolean
export_community (Export            *export,
                  ConveneCommunity  *community,
                  guint             *n_added,
                  GError           **error)
{
  /* Translators: the title of a meeting of the whole community in a
   * calendar, "Istio community meeting"
   */
  g_autofree char *summary = g_strdup_printf (_("%s community meeting"),
                                              convene_community_get_name (community));

  return export_meetings (export, convene_community_get_meetings (community),
                          "community", summary, n_added, error);
}

/**
 * convene_ics_for_registry_group_at:
 * @registry: a #ConveneRegistry
 * @group: a group of @registry
 * @now: the time of the export
 * @error: return location for a #GError
 *
 * Exports the meetings @group attends (see
 * convene_registry_get_group_meetings()): its own as
 * convene_ics_for_group_at() does, or the community's shared meetings,
 * as convene_ics_for_registry_at() exports them, when it has none.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set when @group attends no meeting with computable dates
 */
char *
convene_ics_for_registry_group_at (ConveneRegistry  *registry,
                                   ConveneGroup     *group,
                                   GDateTime        *now,
                                   GError          **error)
{
  g_auto(Export) export = { 0 };
  gboolean shared = FALSE;
  guint n_added = 0;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (CONVENE_IS_GROUP (group), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  convene_registry_get_group_meetings (registry, group, &shared);

  export_init (&export, now);
  export.uid_scope = uid_scope_for (registry);
  if (!shared)
    {
      if (!export_group (&export, group, &n_added, error))
        return NULL;
    }
  else if (!export_community (&export, convene_registry_get_community (registry), &n_added,
                              error))
    return NULL;

  if (n_added == 0)
    {
      g_set_error (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING,
                   /* Translators: the name of a working group */
                   _("“%s” has no meeting with a known day, time and time zone"),
                   convene_group_get_name (group));
      return NULL;
    }

  return export_finish (&export);
}

/**
 * convene_ics_for_registry_at:
 * @registry: a #ConveneRegistry
 * @now: the time of the export
 * @error: return location for a #GError
 *
 * Exports the meetings of the whole community: those shared by all
 * groups, then each group's, as convene_ics_for_group_at() does. The
 * UIDs carry the community ("community-1.istio.io@convene",
 * "networking-2.istio.io@convene", see uid_scope_for()), so two
 * communities' never collide and every export gives the same. Groups without a computable meeting
 * are left out.
 *
 * Returns: (transfer full) (nullable): the iCalendar text, or %NULL with
 *   @error set when no meeting can be exported
 */
char *
convene_ics_for_registry_at (ConveneRegistry  *registry,
                             GDateTime        *now,
                             GError          **error)
{
  g_auto(Export) export = { 0 };
  ConveneCommunity *community;
  guint n_added = 0;
  guint n_groups;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (registry), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  community = convene_registry_get_community (registry);
  export_init (&export, now);
  export.uid_scope = uid_scope_for (registry);

  if (community != NULL && !export_community (&export, community, &n_added, error))
    return NULL;

  n_groups = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      if (!export_group (&export, group, &n_added, error))
        return NULL;
    }

  if (n_added == 0)
    {
      g_set_error_literal (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING,
                           _("No meeting has a known day, time and time zone"));
      return NULL;
    }

  return export_finish (&export);
}

/**
 * convene_ics_for_registry:
 * @registry: a #ConveneRegistry
 * @error: return location for a #GError
 *
 * Like convene_ics_for_registry_at() at the current time.
 *
 * Returns: (transfer full) (nullable): the iCalendar text
 */
char *
convene_ics_for_registry (ConveneRegistry  *registry,
                          GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return convene_ics_for_registry_at (registry, now, error);
}
