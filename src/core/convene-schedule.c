/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-schedule.h"

gboolean
convene_schedule_parse (const char     *text,
                        ConveneMeeting *meeting)
{
  return FALSE;
}

GDateTime *
convene_schedule_anchor_from_calendar_url (const char *url)
{
  return NULL;
}
