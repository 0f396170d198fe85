/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-group.h"
#include "convene-schedule.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_MEETING_ROW (convene_meeting_row_get_type ())

G_DECLARE_FINAL_TYPE (ConveneMeetingRow, convene_meeting_row, CONVENE, MEETING_ROW, AdwActionRow)

GtkWidget           *convene_meeting_row_new          (ConveneMeeting       *meeting,
                                                       ConveneGroup         *group,
                                                       GDateTime            *now);
GtkWidget           *convene_meeting_row_new_upcoming (ConveneUpcomingEntry *entry,
                                                       const char           *community_name,
                                                       GDateTime            *now);
ConveneMeeting      *convene_meeting_row_get_meeting  (ConveneMeetingRow    *self);
ConveneGroup        *convene_meeting_row_get_group    (ConveneMeetingRow    *self);
ConveneMeetingState  convene_meeting_row_get_state    (ConveneMeetingRow    *self);
const char          *convene_meeting_row_get_status   (ConveneMeetingRow    *self);
const char          *convene_meeting_row_get_details  (ConveneMeetingRow    *self);
void                 convene_meeting_row_update       (ConveneMeetingRow    *self,
                                                       GDateTime            *now);

G_END_DECLS
