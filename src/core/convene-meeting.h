/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVENE_TYPE_MEETING (convene_meeting_get_type ())

G_DECLARE_FINAL_TYPE (ConveneMeeting, convene_meeting, CONVENE, MEETING, GObject)

ConveneMeeting *convene_meeting_new                (const char     *text);
const char     *convene_meeting_get_text           (ConveneMeeting *self);
const char     *convene_meeting_get_url            (ConveneMeeting *self);
void            convene_meeting_set_url            (ConveneMeeting *self,
                                                    const char     *url);
const char     *convene_meeting_get_calendar_url   (ConveneMeeting *self);
void            convene_meeting_set_calendar_url   (ConveneMeeting *self,
                                                    const char     *calendar_url);
GDateWeekday    convene_meeting_get_weekday        (ConveneMeeting *self);
void            convene_meeting_set_weekday        (ConveneMeeting *self,
                                                    GDateWeekday    weekday);
int             convene_meeting_get_start_minute   (ConveneMeeting *self);
void            convene_meeting_set_start_minute   (ConveneMeeting *self,
                                                    int             minute);
int             convene_meeting_get_end_minute     (ConveneMeeting *self);
void            convene_meeting_set_end_minute     (ConveneMeeting *self,
                                                    int             minute);
const char     *convene_meeting_get_timezone       (ConveneMeeting *self);
void            convene_meeting_set_timezone       (ConveneMeeting *self,
                                                    const char     *zone);
guint           convene_meeting_get_interval_weeks (ConveneMeeting *self);
void            convene_meeting_set_interval_weeks (ConveneMeeting *self,
                                                    guint           weeks);
int             convene_meeting_get_week_of_month  (ConveneMeeting *self);
void            convene_meeting_set_week_of_month  (ConveneMeeting *self,
                                                    int             week);
GDateTime      *convene_meeting_get_anchor         (ConveneMeeting *self);
void            convene_meeting_set_anchor         (ConveneMeeting *self,
                                                    GDateTime      *anchor);
gboolean        convene_meeting_has_schedule       (ConveneMeeting *self);

/* Format v2: what a meeting links to besides its schedule (not the schedule) */
const char     *convene_meeting_get_title          (ConveneMeeting *self);
void            convene_meeting_set_title          (ConveneMeeting *self,
                                                    const char     *title);
const char     *convene_meeting_get_notes_url      (ConveneMeeting *self);
void            convene_meeting_set_notes_url      (ConveneMeeting *self,
                                                    const char     *url);
const char     *convene_meeting_get_recordings_url (ConveneMeeting *self);
void            convene_meeting_set_recordings_url (ConveneMeeting *self,
                                                    const char     *url);
/* Recurrence beyond one weekday a week */

/* The bit of an ordinal weekday: 1 to 5, or -1 for the last */
#define CONVENE_MEETING_ORDINAL(n) ((n) == -1 ? 1u : 1u << (n))
#define CONVENE_MEETING_ORDINALS_ALL 0x3fu

guint           convene_meeting_get_ordinals       (ConveneMeeting *self);
void            convene_meeting_set_ordinals       (ConveneMeeting *self,
                                                    guint           ordinals);
void            convene_meeting_add_exception      (ConveneMeeting *self,
                                                    const GDate    *date);
guint           convene_meeting_get_n_exceptions   (ConveneMeeting *self);
const GDate    *convene_meeting_get_exception      (ConveneMeeting *self,
                                                    guint           i);
gboolean        convene_meeting_is_exception       (ConveneMeeting *self,
                                                    const GDate    *date);
void            convene_meeting_add_move           (ConveneMeeting *self,
                                                    const GDate    *date,
                                                    GDateTime      *start,
                                                    int             minutes);
guint           convene_meeting_get_n_moves        (ConveneMeeting *self);
const GDate    *convene_meeting_get_move           (ConveneMeeting *self,
                                                    guint           i,
                                                    GDateTime     **start,
                                                    int            *minutes);
gboolean        convene_meeting_is_moved           (ConveneMeeting *self,
                                                    const GDate    *date);
const char     *convene_meeting_get_rrule          (ConveneMeeting *self);
void            convene_meeting_set_rrule          (ConveneMeeting *self,
                                                    const char     *rrule);
guint           convene_meeting_get_serial         (ConveneMeeting *self);

/* Several time slots: the meeting's own weekday/start/zone is the first */
typedef struct
{
  GDateWeekday weekday;
  int start_minute;
  char *timezone;       /* %NULL: the meeting's */
  GDateTime *anchor;    /* %NULL: the meeting's */
} ConveneMeetingSlot;

void            convene_meeting_add_slot           (ConveneMeeting *self,
                                                    GDateWeekday    weekday,
                                                    int             start_minute,
                                                    const char     *zone,
                                                    GDateTime      *anchor);
guint           convene_meeting_get_n_slots        (ConveneMeeting *self);
const ConveneMeetingSlot *
                convene_meeting_get_slot           (ConveneMeeting *self,
                                                    guint           i);

G_END_DECLS
