/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-lead.h"
#include "convene-link.h"
#include "convene-meeting.h"

G_BEGIN_DECLS

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

G_END_DECLS
