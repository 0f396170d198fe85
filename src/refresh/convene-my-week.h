/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry.h"
#include "convene-registry-list.h"
#include "convene-schedule.h"

G_BEGIN_DECLS

/* "My Week": the meetings of the starred groups of every remembered
 * registry, each registry read offline (its stored copy), in the next
 * %CONVENE_UPCOMING_DAYS days. The window's page, the reminders, the
 * search provider and `convene --upcoming --starred` all read it here.
 */

/* A registry whose content is older than this is stale: what it says of
 * meetings may no longer hold, and the reminders say so.
 */
#define CONVENE_MY_WEEK_STALE_DAYS 180

typedef struct
{
  char                *source_id;   /* the remembered registry */
  char                *community;   /* its community's name */
  ConveneGroup        *group;
  ConveneMeeting      *meeting;
  GDateTime           *start;       /* in the zone asked for */
  GDateTime           *end;
  ConveneMeetingState  state;       /* at the time asked for */
  gboolean             stale;       /* the registry's content is old */
} ConveneMyWeekEntry;

typedef struct
{
  char            *source_id;
  ConveneRegistry *registry;
  gboolean         stale;
} ConveneMyWeekSource;

typedef struct
{
  GPtrArray *entries;   /* ConveneMyWeekEntry, soonest first */
  GPtrArray *sources;   /* ConveneMyWeekSource: every registry read */
  GPtrArray *groups;    /* ConveneGroup, every starred group found, as entries' sources */
  GPtrArray *group_sources; /* char*, the source id of each of @groups */
  GPtrArray *errors;    /* char*, one line per registry that could not be read */
} ConveneMyWeek;

void            convene_my_week_free           (ConveneMyWeek        *week);
ConveneMyWeek  *convene_my_week_collect        (ConveneRegistryList  *list,
                                                const char * const   *stars,
                                                GDateTime            *now,
                                                GTimeZone            *zone);
void            convene_my_week_collect_async  (ConveneRegistryList  *list,
                                                const char * const   *stars,
                                                GDateTime            *now,
                                                GTimeZone            *zone,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
ConveneMyWeek  *convene_my_week_collect_finish (GAsyncResult         *result,
                                                GError              **error);
ConveneRegistry *convene_my_week_lookup_registry (ConveneMyWeek      *week,
                                                const char           *source_id);
char           *convene_my_week_to_ics         (ConveneMyWeek        *week,
                                                GDateTime            *now,
                                                GError              **error);
gboolean        convene_registry_source_is_stale (ConveneRegistrySource *source,
                                                GDateTime            *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneMyWeek, convene_my_week_free)

G_END_DECLS
