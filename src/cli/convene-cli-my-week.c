/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-cli-sources.h"

#include <stdlib.h>

#include "convene-my-week.h"
#include "convene-registry-list.h"
#include "convene-registry-refresh.h"
#include "convene-stars.h"

/* The starred groups' side of the command line: `--upcoming --starred`
 * and the stars --refresh reports as gone.
 */

static char **
load_stars (void)
{
  g_autoptr(GSettings) settings = convene_stars_open_settings ();

  return convene_stars_load (settings);
}

static const char *
state_word (ConveneMeetingState state)
{
  switch (state)
    {
    case CONVENE_MEETING_STATE_LIVE:
      return "live";
    case CONVENE_MEETING_STATE_SOON:
      return "soon";
    case CONVENE_MEETING_STATE_NONE:
    default:
      return "-";
    }
}

/**
 * convene_cli_print_missing_stars:
 * @source: the registry just refreshed
 * @registry: (nullable): its new content; %NULL when unchanged
 *
 * Adds to --refresh's change list a line per starred group the registry
 * no longer holds.
 */
void
convene_cli_print_missing_stars (ConveneRegistrySource *source,
                                 ConveneRegistry       *registry)
{
  g_auto(GStrv) stars = load_stars ();
  g_autoptr(ConveneRegistry) stored = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (source));

  if (stars[0] == NULL)
    return;

  if (registry == NULL)
    registry = stored = convene_registry_load_source (source, NULL, NULL);
  if (registry == NULL)
    return;

  lines = convene_stars_missing ((const char * const *) stars,
                                 convene_registry_source_get_id (source), registry);
  for (guint i = 0; i < lines->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (lines, i));
}

/**
 * convene_cli_my_week:
 * @now: the current time
 *
 * convene --upcoming --starred: the My Week page as lines, soonest first:
 * the start in the local zone (ISO 8601 with offset), SOURCE-ID/GROUP-ID,
 * the community, the group's name, live/soon/-, the meeting's link or -.
 * A registry that cannot be read, or whose content is stale, is said on
 * standard error.
 *
 * Returns: the exit status
 */
int
convene_cli_my_week (GDateTime *now)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (NULL);
  g_auto(GStrv) stars = load_stars ();
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (now != NULL, EXIT_FAILURE);

  if (!convene_registry_list_load (list, &error))
    g_printerr ("%s\n", error->message);

  if (stars[0] == NULL)
    {
      g_printerr ("%s\n", _("No group is starred; star one in the window to see it here"));
      return EXIT_SUCCESS;
    }

  week = convene_my_week_collect (list, (const char * const *) stars, now, NULL);

  for (guint i = 0; i < week->errors->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (week->errors, i));
  for (guint i = 0; i < week->sources->len; i++)
    {
      ConveneMyWeekSource *source = g_ptr_array_index (week->sources, i);

      if (source->stale)
        {
          /* Translators: %s is the id of a remembered registry, %d a number of days */
          g_printerr (_("%s: its content is more than %d days old; the times may be wrong"),
                      source->source_id, CONVENE_MY_WEEK_STALE_DAYS);
          g_printerr ("\n");
        }
    }

  /* The output is for scripts as well as people: not translated */
  for (guint i = 0; i < week->entries->len; i++)
    {
      ConveneMyWeekEntry *entry = g_ptr_array_index (week->entries, i);
      g_autofree char *time = g_date_time_format (entry->start, "%Y-%m-%dT%H:%M:%S%:z");
      const char *url = convene_meeting_get_url (entry->meeting);

      g_print ("%s\t%s/%s\t%s\t%s\t%s\t%s\n", time, entry->source_id,
               convene_group_get_id (entry->group), entry->community,
               convene_group_get_name (entry->group), state_word (entry->state),
               url != NULL ? url : "-");
    }

  return EXIT_SUCCESS;
}
