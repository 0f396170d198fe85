/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-link.h"
#include "convene-meeting.h"
#include "convene-rich-text.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_COMMUNITY (convene_community_get_type ())

G_DECLARE_FINAL_TYPE (ConveneCommunity, convene_community, CONVENE, COMMUNITY, GObject)

ConveneCommunity *convene_community_new                 (const char       *name);
const char       *convene_community_get_name            (ConveneCommunity *self);
const char       *convene_community_get_url             (ConveneCommunity *self);
void              convene_community_set_url             (ConveneCommunity *self,
                                                         const char       *url);
ConveneRichText  *convene_community_get_intro           (ConveneCommunity *self);
void              convene_community_set_intro           (ConveneCommunity *self,
                                                         ConveneRichText  *intro);
const char       *convene_community_get_design_docs_url (ConveneCommunity *self);
void              convene_community_set_design_docs_url (ConveneCommunity *self,
                                                         const char       *url);
ConveneRichText  *convene_community_get_new_group       (ConveneCommunity *self);
void              convene_community_set_new_group       (ConveneCommunity *self,
                                                         ConveneRichText  *new_group);
GListModel       *convene_community_get_links           (ConveneCommunity *self);
void              convene_community_add_link            (ConveneCommunity *self,
                                                         ConveneLink      *link);
GListModel       *convene_community_get_meetings        (ConveneCommunity *self);
void              convene_community_add_meeting         (ConveneCommunity *self,
                                                         ConveneMeeting   *meeting);
/* Format v2 */
const char * const *convene_community_get_calendar_feeds (ConveneCommunity *self);
void              convene_community_set_calendar_feeds  (ConveneCommunity   *self,
                                                         const char * const *urls);

G_END_DECLS
