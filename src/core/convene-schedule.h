/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-meeting.h"

G_BEGIN_DECLS

/**
 * ConveneMeetingState:
 * @CONVENE_MEETING_STATE_NONE: no meeting is about to start or running
 * @CONVENE_MEETING_STATE_SOON: the next meeting starts within
 *   %CONVENE_SCHEDULE_SOON_MINUTES
 * @CONVENE_MEETING_STATE_LIVE: a meeting is running now
 *
 * What a meeting is doing at a given time.
 */
typedef enum
{
  CONVENE_MEETING_STATE_NONE,
  CONVENE_MEETING_STATE_SOON,
  CONVENE_MEETING_STATE_LIVE,
} ConveneMeetingState;

#define CONVENE_TYPE_MEETING_STATE (convene_meeting_state_get_type ())

/* How long before its start a meeting counts as "soon". */
#define CONVENE_SCHEDULE_SOON_MINUTES 15

/* How long a meeting is taken to last when its text gives no end. */
#define CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES 60

GType               convene_meeting_state_get_type            (void) G_GNUC_CONST;

gboolean            convene_schedule_parse                    (const char     *text,
                                                               ConveneMeeting *meeting);
gboolean            convene_schedule_parse_parts              (const char     *day,
                                                               const char     *time,
                                                               const char     *tz,
                                                               const char     *frequency,
                                                               ConveneMeeting *meeting);
GDateTime          *convene_schedule_anchor_from_calendar_url (const char     *url);
const char         *convene_schedule_zone_for_name            (const char     *name);
gboolean            convene_schedule_zone_is_valid            (const char     *identifier);

gboolean            convene_schedule_is_computable            (ConveneMeeting *meeting);
int                 convene_schedule_get_duration             (ConveneMeeting *meeting);
char               *convene_schedule_get_rrule                (ConveneMeeting *meeting);
char               *convene_schedule_get_slot_rrule           (ConveneMeeting *meeting,
                                                               guint           slot);
GDateTime          *convene_schedule_slot_rule_start          (ConveneMeeting *meeting,
                                                               guint           slot,
                                                               GDateTime      *from);
GPtrArray          *convene_schedule_occurrences              (ConveneMeeting *meeting,
                                                               GDateTime      *from,
                                                               GDateTime      *until,
                                                               guint           max);
GDateTime          *convene_schedule_rule_start               (ConveneMeeting *meeting,
                                                               GDateTime      *from);
GDateTime          *convene_schedule_next_start               (ConveneMeeting *meeting,
                                                               GDateTime      *now);
GDateTime          *convene_schedule_next                     (ConveneMeeting *meeting,
                                                               GDateTime      *now);
ConveneMeetingState convene_schedule_get_state                (ConveneMeeting *meeting,
                                                               GDateTime      *now,
                                                               GDateTime     **next_change);

char               *convene_schedule_format_next              (GDateTime      *start,
                                                               GDateTime      *now);
char               *convene_schedule_format_date_clock        (GDateTime      *start,
                                                               gboolean        twelve_hour);
char               *convene_schedule_format_next_clock        (GDateTime      *start,
                                                               GDateTime      *now,
                                                               gboolean        twelve_hour);
char               *convene_schedule_describe                 (ConveneMeeting *meeting);

G_END_DECLS
