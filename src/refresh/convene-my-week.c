/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-my-week"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-my-week.h"

#include <libical/ical.h>
#include <string.h>

#include "convene-community.h"
#include "convene-ics.h"
#include "convene-registry-refresh.h"
#include "convene-stars.h"
#include "convene-upcoming.h"

/* Freeing */

static void
entry_free (gpointer data)
{
  ConveneMyWeekEntry *entry = data;

  g_free (entry->source_id);
  g_free (entry->community);
  g_clear_object (&entry->group);
  g_clear_object (&entry->meeting);
  g_clear_pointer (&entry->start, g_date_time_unref);
  g_clear_pointer (&entry->end, g_date_time_unref);
  g_free (entry);
}

static void
source_free (gpointer data)
{
  ConveneMyWeekSource *source = data;

  g_free (source->source_id);
  g_clear_object (&source->registry);
  g_free (source);
}

/**
 * convene_my_week_free:
 * @week: (transfer full): what convene_my_week_collect() gave
 */
void
convene_my_week_free (ConveneMyWeek *week)
{
  if (week == NULL)
    return;

  g_ptr_array_unref (week->entries);
  g_ptr_array_unref (week->sources);
  g_ptr_array_unref (week->groups);
  g_ptr_array_unref (week->group_sources);
  g_ptr_array_unref (week->errors);
  g_free (week);
}

/* Collecting */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ConveneMyWeekEntry *ea = *(const ConveneMyWeekEntry * const *) a;
  const ConveneMyWeekEntry *eb = *(const ConveneMyWeekEntry * const *) b;
  int cmp;

  if ((cmp = g_date_time_compare (ea->start, eb->start)) != 0)
    return cmp;
  if ((cmp = g_utf8_collate (ea->community, eb->community)) != 0)
    return cmp;
  return g_utf8_collate (convene_group_get_name (ea->group), convene_group_get_name (eb->group));
}

static gboolean
already_listed (GPtrArray      *entries,
                const char     *source_id,
                ConveneMeeting *meeting,
                GDateTime      *start)
{
  g_assert (entries != NULL);

  /* Groups that attend their community's shared meeting list it once */
  for (guint i = 0; i < entries->len; i++)
    {
      const ConveneMyWeekEntry *entry = g_ptr_array_index (entries, i);

      if (entry->meeting == meeting && strcmp (entry->source_id, source_id) == 0
          && g_date_time_equal (entry->start, start))
        return TRUE;
    }

  return FALSE;
}

/* Every occurrence of @meeting that has not ended at @now and starts
 * within the week ahead; one still running counts.
 */
static void
collect_meeting (ConveneMyWeek       *week,
                 const char          *source_id,
                 const char          *community,
                 gboolean             stale,
                 ConveneGroup        *group,
                 ConveneMeeting      *meeting,
                 GDateTime           *now,
                 GTimeZone           *zone)
{
  int duration = convene_schedule_get_duration (meeting);
  g_autoptr(GDateTime) horizon = g_date_time_add_days (now, CONVENE_UPCOMING_DAYS);
  g_autoptr(GDateTime) from = g_date_time_add_seconds (now, -(gdouble) duration * 60 + 1);

  g_assert (week != NULL);

  while (from != NULL)
    {
      g_autoptr(GDateTime) start = convene_schedule_next_start (meeting, from);
      ConveneMyWeekEntry *entry;

      if (start == NULL || g_date_time_compare (start, horizon) >= 0)
        break;

      g_clear_pointer (&from, g_date_time_unref);
      from = g_date_time_add_seconds (start, 1);

      if (already_listed (week->entries, source_id, meeting, start))
        continue;

      entry = g_new0 (ConveneMyWeekEntry, 1);
      entry->source_id = g_strdup (source_id);
      entry->community = g_strdup (community);
      entry->group = g_object_ref (group);
      entry->meeting = g_object_ref (meeting);
      entry->start = g_date_time_to_timezone (start, zone);
      entry->end = g_date_time_add_minutes (entry->start, duration);
      entry->stale = stale;
      if (g_date_time_compare (entry->start, now) <= 0)
        entry->state = CONVENE_MEETING_STATE_LIVE;
      else if (g_date_time_difference (entry->start, now)
               <= (GTimeSpan) CONVENE_SCHEDULE_SOON_MINUTES * G_TIME_SPAN_MINUTE)
        entry->state = CONVENE_MEETING_STATE_SOON;
      else
        entry->state = CONVENE_MEETING_STATE_NONE;
      g_ptr_array_add (week->entries, entry);
    }
}

static void
collect_source (ConveneMyWeek         *week,
                ConveneRegistrySource *source,
                const char * const    *stars,
                GDateTime             *now,
                GTimeZone             *zone)
{
  const char *source_id = convene_registry_source_get_id (source);
  g_auto(GStrv) groups = convene_stars_for_source (stars, source_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  ConveneMyWeekSource *read;
  ConveneCommunity *community;
  const char *community_name;

  g_assert (week != NULL);

  if (groups[0] == NULL)
    return;

  registry = convene_registry_load_source (source, NULL, &error);
  if (registry == NULL)
    {
      g_ptr_array_add (week->errors, g_strdup_printf ("%s: %s", source_id, error->message));
      return;
    }

  read = g_new0 (ConveneMyWeekSource, 1);
  read->source_id = g_strdup (source_id);
  read->registry = g_object_ref (registry);
  read->stale = convene_registry_source_is_stale (source, now);
  g_ptr_array_add (week->sources, read);

  community = convene_registry_get_community (registry);
  community_name = community != NULL ? convene_community_get_name (community) : source_id;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      ConveneGroup *group = convene_registry_lookup_group (registry, groups[i]);
      GListModel *meetings;
      guint n;

      /* A star whose group is gone stays; the change list reports it */
      if (group == NULL)
        continue;

      g_ptr_array_add (week->groups, g_object_ref (group));
      g_ptr_array_add (week->group_sources, g_strdup (source_id));

      meetings = convene_registry_get_group_meetings (registry, group, NULL);
      n = g_list_model_get_n_items (meetings);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, j);

          collect_meeting (week, source_id, community_name, read->stale, group, meeting,
                           now, zone);
        }
    }
}

/* Public API */

/**
 * convene_registry_source_is_stale:
 * @source: a remembered registry
 * @now: the current time
 *
 * Returns: whether the content of @source is older than
 *   %CONVENE_MY_WEEK_STALE_DAYS days (a source without a date is not)
 */
gboolean
convene_registry_source_is_stale (ConveneRegistrySource *source,
                                  GDateTime             *now)
{
  GDateTime *date;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  date = convene_registry_source_get_content_date (source);
  if (date == NULL)
    return FALSE;

  return g_date_time_difference (now, date)
         > (GTimeSpan) CONVENE_MY_WEEK_STALE_DAYS * G_TIME_SPAN_DAY;
}

/**
 * convene_my_week_collect:
 * @list: the remembered registries
 * @stars: (nullable): the starred groups (the settings' "starred")
 * @now: the current time
 * @zone: (nullable): the user's time zone; %NULL for the local one
 *
 * Reads every remembered registry that has a starred group, offline, and
 * lists the meetings of those groups in the week from @now.
 *
 * Returns: (transfer full): the week
 */
ConveneMyWeek *
convene_my_week_collect (ConveneRegistryList *list,
                         const char * const  *stars,
                         GDateTime           *now,
                         GTimeZone           *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  ConveneMyWeek *week;
  guint n;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (list), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  week = g_new0 (ConveneMyWeek, 1);
  week->entries = g_ptr_array_new_with_free_func (entry_free);
  week->sources = g_ptr_array_new_with_free_func (source_free);
  week->groups = g_ptr_array_new_with_free_func (g_object_unref);
  week->group_sources = g_ptr_array_new_with_free_func (g_free);
  week->errors = g_ptr_array_new_with_free_func (g_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (G_LIST_MODEL (list), i);

      collect_source (week, source, stars, now, zone);
    }

  g_ptr_array_sort (week->entries, compare_entries);
  return week;
}

/* The sources are copied on the calling thread; the worker only reads them. */
typedef struct
{
  ConveneRegistryList *list;
  char **stars;
  GDateTime *now;
  GTimeZone *zone;
} CollectData;

static void
collect_data_free (gpointer data)
{
  CollectData *collect = data;

  g_clear_object (&collect->list);
  g_strfreev (collect->stars);
  g_date_time_unref (collect->now);
  g_clear_pointer (&collect->zone, g_time_zone_unref);
  g_free (collect);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CollectData *collect = task_data;
  ConveneMyWeek *week;

  week = convene_my_week_collect (collect->list, (const char * const *) collect->stars,
                                  collect->now, collect->zone);
  g_task_return_pointer (task, week, (GDestroyNotify) convene_my_week_free);
}

/**
 * convene_my_week_collect_async:
 * @list: the remembered registries
 * @stars: (nullable): the starred groups
 * @now: the current time
 * @zone: (nullable): the user's time zone; %NULL for the local one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the week
 * @user_data: for @callback
 *
 * convene_my_week_collect() in a worker thread: reading every registry
 * may take a while. The list is copied first, so it may change meanwhile.
 */
void
convene_my_week_collect_async (ConveneRegistryList *list,
                               const char * const  *stars,
                               GDateTime           *now,
                               GTimeZone           *zone,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CollectData *collect;
  guint n;

  g_return_if_fail (CONVENE_IS_REGISTRY_LIST (list));
  g_return_if_fail (now != NULL);

  collect = g_new0 (CollectData, 1);
  /* A list of its own, holding the same sources, so the worker never sees
   * the caller's list change under it.
   */
  collect->list = convene_registry_list_new (convene_registry_list_get_dir (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  collect->stars = g_strdupv ((char **) stars);
  collect->now = g_date_time_ref (now);
  collect->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_my_week_collect_async);
  g_task_set_task_data (task, collect, collect_data_free);

  /* The copy is the list as saved; when the caller's list holds sources not
   * saved yet, read the caller's list on this thread instead.
   */
  if (!convene_registry_list_load (collect->list, NULL)
      || g_list_model_get_n_items (G_LIST_MODEL (collect->list)) != n)
    {
      ConveneMyWeek *week = convene_my_week_collect (list, stars, now, zone);

      g_task_return_pointer (task, week, (GDestroyNotify) convene_my_week_free);
      return;
    }

  g_task_run_in_thread (task, collect_thread);
}

/**
 * convene_my_week_collect_finish:
 * @result: the result given to the callback
 * @error: where to put the error
 *
 * Returns: (transfer full) (nullable): the week
 */
ConveneMyWeek *
convene_my_week_collect_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * convene_my_week_lookup_registry:
 * @week: a week
 * @source_id: the id of a remembered registry
 *
 * Returns: (transfer none) (nullable): the registry read for @source_id
 */
ConveneRegistry *
convene_my_week_lookup_registry (ConveneMyWeek *week,
                                 const char    *source_id)
{
  g_return_val_if_fail (week != NULL, NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  for (guint i = 0; i < week->sources->len; i++)
    {
      ConveneMyWeekSource *source = g_ptr_array_index (week->sources, i);

      if (strcmp (source->source_id, source_id) == 0)
        return source->registry;
    }

  return NULL;
}

/**
 * convene_my_week_to_ics:
 * @week: a week
 * @now: the current time, for meetings without an anchor
 * @error: where to put why nothing could be written
 *
 * One calendar with the recurring meetings of every starred group: each
 * group's calendar from convene-ics, merged; a time zone or a community's
 * shared meeting (the same UID) appears once.
 *
 * Returns: (transfer full) (nullable): the iCalendar text
 */
char *
convene_my_week_to_ics (ConveneMyWeek  *week,
                        GDateTime      *now,
                        GError        **error)
{
  icalcomponent *calendar;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *text;
  guint added = 0;

  g_return_val_if_fail (week != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Convene//My Week//EN"));

  for (guint i = 0; i < week->groups->len; i++)
    {
      ConveneGroup *group = g_ptr_array_index (week->groups, i);
      const char *source_id = g_ptr_array_index (week->group_sources, i);
      ConveneRegistry *registry = convene_my_week_lookup_registry (week, source_id);
      g_autofree char *ics = NULL;
      icalcomponent *parsed;
      icalcomponent *child;

      ics = convene_ics_for_registry_group_at (registry, group, now, NULL);
      if (ics == NULL || (parsed = icalparser_parse_string (ics)) == NULL)
        continue;

      while ((child = icalcomponent_get_first_component (parsed, ICAL_ANY_COMPONENT)) != NULL)
        {
          icalcomponent_kind kind = icalcomponent_isa (child);
          g_autofree char *key = NULL;

          icalcomponent_remove_component (parsed, child);
          if (kind == ICAL_VTIMEZONE_COMPONENT)
            {
              icalproperty *tzid = icalcomponent_get_first_property (child, ICAL_TZID_PROPERTY);

              key = g_strconcat ("tz:", tzid != NULL ? icalproperty_get_tzid (tzid) : "", NULL);
            }
          else if (kind == ICAL_VEVENT_COMPONENT)
            {
              const char *uid = icalcomponent_get_uid (child);

              key = g_strconcat ("uid:", source_id, ":", uid != NULL ? uid : "", NULL);
              added++;
            }

          if (key != NULL && !g_hash_table_add (seen, g_steal_pointer (&key)))
            {
              if (kind == ICAL_VEVENT_COMPONENT)
                added--;
              icalcomponent_free (child);
              continue;
            }
          icalcomponent_add_component (calendar, child);
        }
      icalcomponent_free (parsed);
    }

  if (added == 0)
    {
      icalcomponent_free (calendar);
      g_set_error_literal (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING,
                           _("No starred group has a meeting with a known time"));
      return NULL;
    }

  text = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);
  return text;
}
