/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry.h"

G_BEGIN_DECLS

/* Starred groups, kept per registry: each star is "SOURCE-ID/GROUP-ID",
 * the id of the remembered registry (ConveneRegistrySource) and the id of
 * the group in it. Group ids outlive renames of a group's display name and
 * refreshes, so a star follows its group until the group is gone. The same
 * form is used for the groups whose reminders are muted.
 */
#define CONVENE_STARS_KEY         "starred"
#define CONVENE_STARS_MUTED_KEY   "muted-reminders"

char      *convene_stars_make_key     (const char          *source_id,
                                       const char          *group_id);
gboolean   convene_stars_split_key    (const char          *key,
                                       char               **source_id,
                                       char               **group_id);
gboolean   convene_stars_contains     (const char * const  *stars,
                                       const char          *source_id,
                                       const char          *group_id);
char     **convene_stars_with         (const char * const  *stars,
                                       const char          *source_id,
                                       const char          *group_id,
                                       gboolean             starred);
char     **convene_stars_for_source   (const char * const  *stars,
                                       const char          *source_id);
GPtrArray *convene_stars_missing      (const char * const  *stars,
                                       const char          *source_id,
                                       ConveneRegistry     *registry);

gboolean   convene_stars_get          (GSettings           *settings,
                                       const char          *key,
                                       const char          *source_id,
                                       const char          *group_id);
void       convene_stars_set          (GSettings           *settings,
                                       const char          *key,
                                       const char          *source_id,
                                       const char          *group_id,
                                       gboolean             starred);
char     **convene_stars_load         (GSettings           *settings);
GSettings *convene_stars_open_settings (void);

G_END_DECLS
