/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-meeting-row.h"

G_BEGIN_DECLS

/* What convene-meeting-row.c and convene-meeting-row-texts.c share */

char      *_convene_meeting_row_dup_organizer_time (ConveneMeeting *meeting,
                                                    GDateTime      *start);
char      *_convene_meeting_row_dup_no_date_reason (ConveneMeeting *meeting);
GtkWidget *_convene_meeting_row_new_status_label   (void);
GtkWidget *_convene_meeting_row_new_zone_label     (void);
void       _convene_meeting_row_place_labels       (AdwActionRow   *row,
                                                    GtkWidget      *zone_label,
                                                    GtkWidget      *status_label);
char      *_convene_meeting_row_show_status        (GtkLabel            *label,
                                                    ConveneMeetingState  state,
                                                    GDateTime           *start,
                                                    GDateTime           *now);
void       _convene_meeting_row_style_join         (GtkWidget           *button,
                                                    ConveneMeetingState  state);

G_END_DECLS
