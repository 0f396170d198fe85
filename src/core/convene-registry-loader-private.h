/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "convene-limits.h"
#include "convene-meeting.h"
#include "convene-registry-loader.h"

G_BEGIN_DECLS

/* What the files of the registry loader share: the state of one load,
 * the reporting and typed member access of
 * convene-registry-loader-issues.c, and the member loaders of
 * convene-registry-loader-members.c. Not installed.
 */

typedef enum
{
  REQUIRED  = 1 << 0,
  NOT_EMPTY = 1 << 1,
} MemberFlags;

typedef enum
{
  EXPECT_STRING,
  EXPECT_INTEGER,
  EXPECT_ARRAY,
  EXPECT_OBJECT,
} Expected;

/* The state of one load: where the issues go, and what the content
 * checks need to remember across the document.
 */
typedef struct
{
  const char *filename;
  GPtrArray *issues;           /* of ConveneIssue */
  GPtrArray *locations;        /* of char *: the path whose value locates each issue */
  guint n_errors;
  gboolean too_many;
  ConveneRegistryError code;
  ConveneRegistry *registry;
  GHashTable *group_paths;     /* group id → path of the group */
  GHashTable *person_paths;    /* person id → path of the person */
  GHashTable *timezones;       /* identifier → GTimeZone, or NULL when unknown */
  gint64 version;              /* format_version of the document */
  GPtrArray *references;       /* v2: parents and liaisons to check at the end */
} Loader;

/* Reporting (convene-registry-loader-issues.c) */

void         loader_report             (Loader               *self,
                                        ConveneSeverity       severity,
                                        const char           *path,
                                        const char           *locate,
                                        const char           *format,
                                        ...) G_GNUC_PRINTF (5, 6);
void         loader_report_type        (Loader               *self,
                                        const char           *path,
                                        JsonNode             *node,
                                        Expected              expected);
void         loader_report_at          (Loader               *self,
                                        ConveneRegistryError  code,
                                        guint                 line,
                                        guint                 column,
                                        const char           *message);
void         loader_report_too_large   (Loader               *self,
                                        gsize                 size);
void         loader_locate_issues      (Loader               *self,
                                        const char           *text,
                                        gsize                 length);
const char  *loader_describe_node      (JsonNode             *node);
gboolean     loader_node_has_type      (JsonNode             *node,
                                        Expected              expected);

/* Typed member access (convene-registry-loader-issues.c) */

JsonNode    *loader_get_member         (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        Expected              expected,
                                        MemberFlags           flags);
const char  *loader_get_string         (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        MemberFlags           flags,
                                        guint                 max_chars);
gboolean     loader_check_length       (Loader               *self,
                                        const char           *path,
                                        const char           *str,
                                        guint                 max_chars);
JsonArray   *loader_get_array          (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        MemberFlags           flags);
JsonObject  *loader_get_object         (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        MemberFlags           flags);
JsonObject  *loader_get_element_object (Loader               *self,
                                        JsonArray            *array,
                                        guint                 index,
                                        const char           *path);
const char  *loader_get_url            (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        MemberFlags           flags);
gboolean     loader_get_int            (Loader               *self,
                                        JsonObject           *object,
                                        const char           *parent,
                                        const char           *name,
                                        int                   min,
                                        int                   max,
                                        gint64               *value);

/* The member loaders (convene-registry-loader-members.c) */

void         loader_load_document      (Loader               *self,
                                        JsonNode             *root_node);

/* The members of format v2 (convene-registry-loader-v2.c) */

void         loader_load_group_v2      (Loader               *self,
                                        JsonObject           *object,
                                        const char           *path,
                                        ConveneGroup         *group);
void         loader_load_lead_v2       (Loader               *self,
                                        JsonObject           *object,
                                        const char           *path,
                                        ConveneLead          *lead);
void         loader_load_meeting_v2    (Loader               *self,
                                        JsonObject           *object,
                                        const char           *path,
                                        ConveneMeeting       *meeting);
void         loader_load_community_v2  (Loader               *self,
                                        JsonObject           *object,
                                        ConveneCommunity     *community);
void         loader_check_references_v2 (Loader              *self);

/* The v2 recurrence keys of a meeting (convene-registry-loader-schedule.c) */

void         loader_load_meeting_recurrence (Loader         *self,
                                             JsonObject     *object,
                                             const char     *path,
                                             ConveneMeeting *meeting);

G_END_DECLS
