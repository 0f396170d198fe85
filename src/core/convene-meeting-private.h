/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-meeting.h"

G_BEGIN_DECLS

/* The slots of a meeting (ConveneMeetingSlot), kept in its struct; the
 * first bumps the schedule's serial, for a change. */
GArray **_convene_meeting_get_slots_array (ConveneMeeting *self);
GArray  *_convene_meeting_peek_slots      (ConveneMeeting *self);

G_END_DECLS
