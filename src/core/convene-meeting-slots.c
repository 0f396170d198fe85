/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-meeting"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-meeting.h"
#include "convene-meeting-private.h"

/* Several time slots ("Tuesdays 08:00 and 17:00 UTC"): the first is the
 * meeting's own weekday, start and zone; the others share its recurrence,
 * exceptions (by day) and length. */

static void
slot_clear (gpointer data)
{
  ConveneMeetingSlot *slot = data;

  g_free (slot->timezone);
  g_clear_pointer (&slot->anchor, g_date_time_unref);
}

/**
 * convene_meeting_add_slot:
 * @self: a #ConveneMeeting
 * @weekday: the slot's day
 * @start_minute: its start, minutes after midnight
 * @zone: (nullable): its IANA zone, %NULL for the meeting's
 * @anchor: (nullable): an occurrence of it, for a meeting every few weeks
 *   whose slots alternate; %NULL for the meeting's weeks
 */
void
convene_meeting_add_slot (ConveneMeeting *self,
                          GDateWeekday    weekday,
                          int             start_minute,
                          const char     *zone,
                          GDateTime      *anchor)
{
  ConveneMeetingSlot slot = { 0 };
  GArray **slots;

  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (g_date_valid_weekday (weekday));
  g_return_if_fail (start_minute >= 0 && start_minute < 24 * 60);

  /* a change of the schedule: the array's getter bumps the serial */
  slots = _convene_meeting_get_slots_array (self);
  if (*slots == NULL)
    {
      *slots = g_array_new (FALSE, FALSE, sizeof (ConveneMeetingSlot));
      g_array_set_clear_func (*slots, slot_clear);
    }
  slot.weekday = weekday;
  slot.start_minute = start_minute;
  slot.timezone = g_strdup (zone);
  slot.anchor = anchor ? g_date_time_ref (anchor) : NULL;
  g_array_append_val (*slots, slot);
}

guint
convene_meeting_get_n_slots (ConveneMeeting *self)
{
  GArray *slots;

  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  slots = _convene_meeting_peek_slots (self);
  return slots ? slots->len : 0;
}

/**
 * convene_meeting_get_slot:
 * @self: a #ConveneMeeting
 * @i: an index below convene_meeting_get_n_slots()
 *
 * Returns: (transfer none): the slot, besides the meeting's own time
 */
const ConveneMeetingSlot *
convene_meeting_get_slot (ConveneMeeting *self,
                          guint           i)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  g_return_val_if_fail (i < convene_meeting_get_n_slots (self), NULL);
  return &g_array_index (_convene_meeting_peek_slots (self), ConveneMeetingSlot, i);
}
