/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-lead.h"
#include "convene-link.h"
#include "convene-meeting.h"

G_BEGIN_DECLS

/* What kind of group (format v2); NONE when the registry does not say. */
typedef enum
{
  CONVENE_GROUP_KIND_NONE,
  CONVENE_GROUP_KIND_GROUP,
  CONVENE_GROUP_KIND_SIG,
  CONVENE_GROUP_KIND_WORKING_GROUP,
  CONVENE_GROUP_KIND_USER_GROUP,
  CONVENE_GROUP_KIND_COMMITTEE,
  CONVENE_GROUP_KIND_SUBPROJECT,
  CONVENE_GROUP_KIND_TAG,
  CONVENE_GROUP_KIND_AREA,
} ConveneGroupKind;

#define CONVENE_GROUP_KIND_LAST CONVENE_GROUP_KIND_AREA

#define CONVENE_TYPE_GROUP (convene_group_get_type ())

G_DECLARE_FINAL_TYPE (ConveneGroup, convene_group, CONVENE, GROUP, GObject)

ConveneGroup        *convene_group_new             (const char          *id,
                                                    const char          *name);
const char          *convene_group_get_id          (ConveneGroup        *self);
const char          *convene_group_get_name        (ConveneGroup        *self);
const char * const  *convene_group_get_topics      (ConveneGroup        *self);
void                 convene_group_set_topics      (ConveneGroup        *self,
                                                    const char * const  *topics);
char                *convene_group_dup_topics_text (ConveneGroup        *self);
const char          *convene_group_get_description (ConveneGroup        *self);
void                 convene_group_set_description (ConveneGroup        *self,
                                                    const char          *description);
GListModel          *convene_group_get_links       (ConveneGroup        *self);
void                 convene_group_add_link        (ConveneGroup        *self,
                                                    ConveneLink         *link);
GListModel          *convene_group_get_meetings    (ConveneGroup        *self);
void                 convene_group_add_meeting     (ConveneGroup        *self,
                                                    ConveneMeeting      *meeting);
GListModel          *convene_group_get_leads       (ConveneGroup        *self);
void                 convene_group_add_lead        (ConveneGroup        *self,
                                                    ConveneLead         *lead);
ConveneLink         *convene_group_find_link       (ConveneGroup        *self,
                                                    ConveneLinkKind      kind);
char                *convene_group_make_id         (const char          *name);

/* Format v2 */
ConveneGroupKind     convene_group_get_kind        (ConveneGroup        *self);
void                 convene_group_set_kind        (ConveneGroup        *self,
                                                    ConveneGroupKind     kind);
const char          *convene_group_get_parent_id   (ConveneGroup        *self);
void                 convene_group_set_parent_id   (ConveneGroup        *self,
                                                    const char          *parent_id);
const char * const  *convene_group_get_liaisons    (ConveneGroup        *self);
void                 convene_group_set_liaisons    (ConveneGroup        *self,
                                                    const char * const  *person_ids);
const char * const  *convene_group_get_calendar_feeds (ConveneGroup     *self);
void                 convene_group_set_calendar_feeds (ConveneGroup     *self,
                                                       const char * const *urls);
const char          *convene_group_kind_to_string  (ConveneGroupKind     kind);
gboolean             convene_group_kind_from_string (const char         *str,
                                                     ConveneGroupKind   *kind);

G_END_DECLS
