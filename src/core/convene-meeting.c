/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-meeting"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-meeting.h"
#include "convene-meeting-private.h"

/* A recurring meeting: the text the community wrote, and the structure
 * read from it. The structure is empty (weekday G_DATE_BAD_WEEKDAY, start
 * -1) when the text could not be understood: no time is better than a
 * wrong one.
 */
struct _ConveneMeeting
{
  GObject parent_instance;

  char *text;
  char *url;
  char *calendar_url;
  char *timezone;
  GDateTime *anchor;
  GDateWeekday weekday;
  int start_minute;
  int end_minute;
  guint interval_weeks;

  /* The recurrence beyond one weekday a week: several ordinals ("1st and
   * 3rd Wednesday") as a mask, the dates it skips, the occurrences moved
   * elsewhere, and a rule read from a calendar feed that the fields above
   * cannot say (then the anchor is its DTSTART).
   */
  guint ordinals;
  GArray *exceptions;   /* GDate, in the meeting's zone */
  GArray *moves;        /* MeetingMove */
  char *rrule;
  GArray *slots;        /* ConveneMeetingSlot: the times besides the first */
  guint serial;         /* bumped by every change of the schedule */

  /* Format v2 links and title, apart from the schedule */
  char *title;
  char *notes_url;
  char *recordings_url;
};

typedef struct
{
  GDate date;
  GDateTime *start;
  int minutes;
} MeetingMove;

G_DEFINE_FINAL_TYPE (ConveneMeeting, convene_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_URL,
  PROP_CALENDAR_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Vfuncs */

static void
convene_meeting_finalize (GObject *object)
{
  ConveneMeeting *self = (ConveneMeeting *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->calendar_url, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->anchor, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->notes_url, g_free);
  g_clear_pointer (&self->recordings_url, g_free);
  g_clear_pointer (&self->exceptions, g_array_unref);
  g_clear_pointer (&self->moves, g_array_unref);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->slots, g_array_unref);

  G_OBJECT_CLASS (convene_meeting_parent_class)->finalize (object);
}

static void
convene_meeting_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConveneMeeting *self = CONVENE_MEETING (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_CALENDAR_URL:
      g_value_set_string (value, self->calendar_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_meeting_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConveneMeeting *self = CONVENE_MEETING (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;

    case PROP_URL:
      convene_meeting_set_url (self, g_value_get_string (value));
      break;

    case PROP_CALENDAR_URL:
      convene_meeting_set_calendar_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_meeting_class_init (ConveneMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convene_meeting_finalize;
  object_class->get_property = convene_meeting_get_property;
  object_class->set_property = convene_meeting_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CALENDAR_URL] =
    g_param_spec_string ("calendar-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_meeting_init (ConveneMeeting *self)
{
  self->weekday = G_DATE_BAD_WEEKDAY;
  self->start_minute = -1;
  self->end_minute = -1;
}

/* Public API */

/**
 * convene_meeting_new:
 * @text: the schedule as the community wrote it
 *
 * Returns: (transfer full): a new #ConveneMeeting with an empty structure
 */
ConveneMeeting *
convene_meeting_new (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (CONVENE_TYPE_MEETING, "text", text, NULL);
}

const char *
convene_meeting_get_text (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->text;
}

const char *
convene_meeting_get_url (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->url;
}

void
convene_meeting_set_url (ConveneMeeting *self,
                         const char     *url)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));

  if (g_strcmp0 (self->url, url) == 0)
    return;

  g_free (self->url);
  self->url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
convene_meeting_get_calendar_url (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->calendar_url;
}

void
convene_meeting_set_calendar_url (ConveneMeeting *self,
                                  const char     *calendar_url)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));

  if (g_strcmp0 (self->calendar_url, calendar_url) == 0)
    return;

  g_free (self->calendar_url);
  self->calendar_url = g_strdup (calendar_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR_URL]);
}

GDateWeekday
convene_meeting_get_weekday (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), G_DATE_BAD_WEEKDAY);
  return self->weekday;
}

void
convene_meeting_set_weekday (ConveneMeeting *self,
                             GDateWeekday    weekday)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (weekday <= G_DATE_SUNDAY);
  self->serial++;
  self->weekday = weekday;
}

/**
 * convene_meeting_get_start_minute:
 * @self: a #ConveneMeeting
 *
 * Returns: the start as minutes after midnight in the meeting's time zone,
 *   or -1 when unknown
 */
int
convene_meeting_get_start_minute (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), -1);
  return self->start_minute;
}

void
convene_meeting_set_start_minute (ConveneMeeting *self,
                                  int             minute)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (minute >= -1 && minute < 24 * 60);
  self->serial++;
  self->start_minute = minute;
}

/**
 * convene_meeting_get_end_minute:
 * @self: a #ConveneMeeting
 *
 * Returns: the end as minutes after midnight, or -1 when not given
 */
int
convene_meeting_get_end_minute (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), -1);
  return self->end_minute;
}

void
convene_meeting_set_end_minute (ConveneMeeting *self,
                                int             minute)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (minute >= -1 && minute <= 24 * 60);
  self->serial++;
  self->end_minute = minute;
}

/**
 * convene_meeting_get_timezone:
 * @self: a #ConveneMeeting
 *
 * Returns: (nullable): the IANA identifier of the zone whose wall-clock
 *   time the start and end are in, such as "America/Los_Angeles"
 */
const char *
convene_meeting_get_timezone (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->timezone;
}

void
convene_meeting_set_timezone (ConveneMeeting *self,
                              const char     *zone)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  self->serial++;

  if (self->timezone != zone)
    {
      g_free (self->timezone);
      self->timezone = g_strdup (zone);
    }
}

/**
 * convene_meeting_get_interval_weeks:
 * @self: a #ConveneMeeting
 *
 * Returns: 1 for weekly, 2 for biweekly and so on; 0 when unknown or when
 *   the meeting is monthly (see convene_meeting_get_week_of_month())
 */
guint
convene_meeting_get_interval_weeks (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  return self->interval_weeks;
}

void
convene_meeting_set_interval_weeks (ConveneMeeting *self,
                                    guint           weeks)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  self->serial++;
  self->interval_weeks = weeks;
}

/**
 * convene_meeting_get_week_of_month:
 * @self: a #ConveneMeeting
 *
 * Returns: 1 to 5 for "the first/.../fifth weekday of the month", -1 for
 *   "the last", 0 when the meeting is not monthly
 */
int
convene_meeting_get_week_of_month (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  if (self->ordinals == 0)
    return 0;
  for (int n = 1; n <= 5; n++)
    if (self->ordinals & CONVENE_MEETING_ORDINAL (n))
      return n;
  return -1;
}

void
convene_meeting_set_week_of_month (ConveneMeeting *self,
                                   int             week)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (week >= -1 && week <= 5);
  self->serial++;
  self->ordinals = week != 0 ? CONVENE_MEETING_ORDINAL (week) : 0;
}

/**
 * convene_meeting_get_anchor:
 * @self: a #ConveneMeeting
 *
 * Returns: (transfer none) (nullable): the start of one known occurrence,
 *   which tells which weeks a biweekly meeting falls on
 */
GDateTime *
convene_meeting_get_anchor (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->anchor;
}

void
convene_meeting_set_anchor (ConveneMeeting *self,
                            GDateTime      *anchor)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  self->serial++;

  if (anchor != NULL)
    g_date_time_ref (anchor);
  g_clear_pointer (&self->anchor, g_date_time_unref);
  self->anchor = anchor;
}

/**
 * convene_meeting_has_schedule:
 * @self: a #ConveneMeeting
 *
 * Returns: %TRUE if the text was understood well enough to compute times:
 *   a weekday, a start and a time zone
 */
gboolean
convene_meeting_has_schedule (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), FALSE);

  return self->weekday != G_DATE_BAD_WEEKDAY &&
         self->start_minute >= 0 &&
         self->timezone != NULL &&
         (self->interval_weeks > 0 || self->ordinals != 0 || self->rrule != NULL);
}

/* Recurrence beyond one weekday a week */

/**
 * convene_meeting_get_ordinals:
 * @self: a #ConveneMeeting
 *
 * Returns: the weeks of the month a monthly meeting falls on, as a mask
 *   of CONVENE_MEETING_ORDINAL() bits ("1st and 3rd Wednesday" is
 *   `CONVENE_MEETING_ORDINAL (1) | CONVENE_MEETING_ORDINAL (3)`), 0 when
 *   it is not monthly
 */
guint
convene_meeting_get_ordinals (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  return self->ordinals;
}

void
convene_meeting_set_ordinals (ConveneMeeting *self,
                              guint           ordinals)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail ((ordinals & ~CONVENE_MEETING_ORDINALS_ALL) == 0);
  self->serial++;
  self->ordinals = ordinals;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_compare (a, b);
}

/**
 * convene_meeting_add_exception:
 * @self: a #ConveneMeeting
 * @date: a day, in the meeting's zone, on which it does not take place
 *
 * Exceptions are kept sorted and once each.
 */
void
convene_meeting_add_exception (ConveneMeeting *self,
                               const GDate    *date)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  self->serial++;

  if (self->exceptions == NULL)
    self->exceptions = g_array_new (FALSE, FALSE, sizeof (GDate));
  if (convene_meeting_is_exception (self, date))
    return;
  g_array_append_val (self->exceptions, *date);
  g_array_sort (self->exceptions, compare_dates);
}

guint
convene_meeting_get_n_exceptions (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  return self->exceptions != NULL ? self->exceptions->len : 0;
}

/**
 * convene_meeting_get_exception:
 * @self: a #ConveneMeeting
 * @i: the position, below convene_meeting_get_n_exceptions()
 *
 * Returns: (transfer none): the @i-th day without a meeting, earliest first
 */
const GDate *
convene_meeting_get_exception (ConveneMeeting *self,
                               guint           i)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  g_return_val_if_fail (i < convene_meeting_get_n_exceptions (self), NULL);
  return &g_array_index (self->exceptions, GDate, i);
}

gboolean
convene_meeting_is_exception (ConveneMeeting *self,
                              const GDate    *date)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), FALSE);

  if (self->exceptions == NULL)
    return FALSE;
  for (guint i = 0; i < self->exceptions->len; i++)
    if (g_date_compare (&g_array_index (self->exceptions, GDate, i), date) == 0)
      return TRUE;
  return FALSE;
}

static void
clear_move (gpointer data)
{
  MeetingMove *move = data;

  g_clear_pointer (&move->start, g_date_time_unref);
}

/**
 * convene_meeting_add_move:
 * @self: a #ConveneMeeting
 * @date: the day, in the meeting's zone, of the occurrence that moved
 * @start: when it takes place instead
 * @minutes: how long it lasts there, 0 for the meeting's usual length
 *
 * A moved occurrence (an iCalendar RECURRENCE-ID). A second move of the
 * same day replaces the first.
 */
void
convene_meeting_add_move (ConveneMeeting *self,
                          const GDate    *date,
                          GDateTime      *start,
                          int             minutes)
{
  MeetingMove move;

  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (start != NULL);
  g_return_if_fail (minutes >= 0);
  self->serial++;

  if (self->moves == NULL)
    {
      self->moves = g_array_new (FALSE, FALSE, sizeof (MeetingMove));
      g_array_set_clear_func (self->moves, clear_move);
    }

  for (guint i = 0; i < self->moves->len; i++)
    if (g_date_compare (&g_array_index (self->moves, MeetingMove, i).date, date) == 0)
      {
        g_array_remove_index (self->moves, i);
        break;
      }

  move.date = *date;
  move.start = g_date_time_ref (start);
  move.minutes = minutes;
  g_array_append_val (self->moves, move);
}

guint
convene_meeting_get_n_moves (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  return self->moves != NULL ? self->moves->len : 0;
}

/**
 * convene_meeting_get_move:
 * @self: a #ConveneMeeting
 * @i: the position, below convene_meeting_get_n_moves()
 * @minutes: (out) (optional): its length, 0 for the usual one
 *
 * Returns: (transfer none): the day of the @i-th moved occurrence; @start
 *   receives where it went
 */
const GDate *
convene_meeting_get_move (ConveneMeeting  *self,
                          guint            i,
                          GDateTime      **start,
                          int             *minutes)
{
  MeetingMove *move;

  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  g_return_val_if_fail (i < convene_meeting_get_n_moves (self), NULL);

  move = &g_array_index (self->moves, MeetingMove, i);
  if (start != NULL)
    *start = move->start;
  if (minutes != NULL)
    *minutes = move->minutes;
  return &move->date;
}

gboolean
convene_meeting_is_moved (ConveneMeeting *self,
                          const GDate    *date)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), FALSE);

  for (guint i = 0; i < convene_meeting_get_n_moves (self); i++)
    if (g_date_compare (&g_array_index (self->moves, MeetingMove, i).date, date) == 0)
      return TRUE;
  return FALSE;
}

/**
 * convene_meeting_get_rrule:
 * @self: a #ConveneMeeting
 *
 * Returns: (nullable): the iCalendar RRULE value read from a calendar feed
 *   when the weekday, interval and ordinals cannot say it; its DTSTART is
 *   the anchor
 */
const char *
convene_meeting_get_rrule (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->rrule;
}

void
convene_meeting_set_rrule (ConveneMeeting *self,
                           const char     *rrule)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  self->serial++;

  g_free (self->rrule);
  self->rrule = (rrule != NULL && *rrule != '\0') ? g_strdup (rrule) : NULL;
}

/**
 * convene_meeting_get_serial:
 * @self: a #ConveneMeeting
 *
 * Returns: a number that changes whenever a field of the schedule does,
 *   so that what is computed from the schedule can be kept until then
 */
guint
convene_meeting_get_serial (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), 0);
  return self->serial;
}

/* Format v2: title and links (the schedule fields are above) */

/**
 * convene_meeting_get_title:
 * @self: a #ConveneMeeting
 *
 * Returns: (nullable): what the meeting is called, such as
 *   "Regular SIG Meeting"
 */
const char *
convene_meeting_get_title (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->title;
}

void
convene_meeting_set_title (ConveneMeeting *self,
                           const char     *title)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * convene_meeting_get_notes_url:
 * @self: a #ConveneMeeting
 *
 * Returns: (nullable): the meeting's notes or agenda
 */
const char *
convene_meeting_get_notes_url (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->notes_url;
}

void
convene_meeting_set_notes_url (ConveneMeeting *self,
                               const char     *url)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_free (self->notes_url);
  self->notes_url = g_strdup (url);
}

/**
 * convene_meeting_get_recordings_url:
 * @self: a #ConveneMeeting
 *
 * Returns: (nullable): where the recordings of the meeting are
 */
const char *
convene_meeting_get_recordings_url (ConveneMeeting *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING (self), NULL);
  return self->recordings_url;
}

void
convene_meeting_set_recordings_url (ConveneMeeting *self,
                                    const char     *url)
{
  g_return_if_fail (CONVENE_IS_MEETING (self));
  g_free (self->recordings_url);
  self->recordings_url = g_strdup (url);
}

/* For convene-meeting-slots.c */

GArray **
_convene_meeting_get_slots_array (ConveneMeeting *self)
{
  g_assert (CONVENE_IS_MEETING (self));
  self->serial++;
  return &self->slots;
}

GArray *
_convene_meeting_peek_slots (ConveneMeeting *self)
{
  g_assert (CONVENE_IS_MEETING (self));
  return self->slots;
}
