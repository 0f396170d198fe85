/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry.h"
#include "convene-schedule.h"

G_BEGIN_DECLS

/* How far ahead "Upcoming This Week" looks. */
#define CONVENE_UPCOMING_DAYS 7

/**
 * ConveneUpcomingEntry:
 * @group: (nullable): the group that meets, %NULL for a meeting of the
 *   whole community
 * @meeting: the meeting
 * @start: its next start that has not ended, in the meeting's time zone
 * @state: whether it is about to start or running
 *
 * One meeting of the week ahead, as listed by convene_upcoming_get_week().
 */
typedef struct
{
  ConveneGroup *group;
  ConveneMeeting *meeting;
  GDateTime *start;
  ConveneMeetingState state;
} ConveneUpcomingEntry;

#define CONVENE_TYPE_UPCOMING (convene_upcoming_get_type ())

G_DECLARE_FINAL_TYPE (ConveneUpcoming, convene_upcoming, CONVENE, UPCOMING, GObject)

ConveneUpcoming     *convene_upcoming_new                 (void);
ConveneRegistry     *convene_upcoming_get_registry        (ConveneUpcoming *self);
void                 convene_upcoming_set_registry        (ConveneUpcoming *self,
                                                           ConveneRegistry *registry);
GDateTime           *convene_upcoming_get_now             (ConveneUpcoming *self);
GDateTime           *convene_upcoming_get_fixed_now       (ConveneUpcoming *self);
void                 convene_upcoming_set_fixed_now       (ConveneUpcoming *self,
                                                           GDateTime       *now);
void                 convene_upcoming_refresh             (ConveneUpcoming *self);
gboolean             convene_upcoming_get_pending         (ConveneUpcoming *self);
GDateTime           *convene_upcoming_get_next_wake       (ConveneUpcoming *self);
ConveneMeetingState  convene_upcoming_get_meeting_state   (ConveneUpcoming *self,
                                                           ConveneMeeting  *meeting);
ConveneMeetingState  convene_upcoming_get_group_state     (ConveneUpcoming *self,
                                                           ConveneGroup    *group);
ConveneMeetingState  convene_upcoming_get_community_state (ConveneUpcoming *self);
GPtrArray           *convene_upcoming_get_week            (ConveneUpcoming *self);

G_END_DECLS
