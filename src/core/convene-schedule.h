/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-meeting.h"

G_BEGIN_DECLS

gboolean   convene_schedule_parse                   (const char     *text,
                                                     ConveneMeeting *meeting);
GDateTime *convene_schedule_anchor_from_calendar_url (const char    *url);

G_END_DECLS
