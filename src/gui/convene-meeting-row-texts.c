/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-meeting-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-meeting-row-private.h"
#include "convene-clock-format.h"

/* What a meeting row says under its title: the time the organizers
 * meant beside the user's, why a meeting has no date, and whether it is
 * running or about to start.
 */

/* The time the organizers meant, on their own clock:
 * "Thu 11:00 in America/Los_Angeles".
 */
char *
_convene_meeting_row_dup_organizer_time (ConveneMeeting *meeting,
                                         GDateTime      *start)
{
  g_autofree char *time = convene_clock_format_weekday_time (start);

  /* Translators: when a meeting is on its organizers' clock: a time,
   * then a time zone, "Thu 11:00 in America/Los_Angeles"
   */
  return g_strdup_printf (_("%s in %s"), time, convene_meeting_get_timezone (meeting));
}

/* Why a meeting with a schedule has no date, and what the registry needs
 * for one.
 */
char *
_convene_meeting_row_dup_no_date_reason (ConveneMeeting *meeting)
{
  const char *zone;

  if (convene_meeting_get_week_of_month (meeting) == 0 &&
      convene_meeting_get_interval_weeks (meeting) > 1 &&
      convene_meeting_get_anchor (meeting) == NULL)
    return g_strdup (_("No date: the registry does not say which weeks this meeting is on. "
                       "Give the meeting an “anchor”, the start of one of its meetings."));

  zone = convene_meeting_get_timezone (meeting);

  /* Translators: %s is a time zone, such as "America/Los_Angeles" */
  return g_strdup_printf (_("No date: the time zone “%s” is not known on this computer"),
                          zone ? zone : "");
}

/* The status goes under the title and subtitle, inside the row's own
 * title box: as a suffix it took the width the title needed, squeezing a
 * German title into one character's column at 360 px. AdwActionRow 1.2
 * has no slot there; if its inside ever changes, the status becomes a
 * suffix again rather than going missing.
 */
static GtkWidget *
find_subtitle_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        return child;

      if ((found = find_subtitle_label (child)) != NULL)
        return found;
    }

  return NULL;
}

void
_convene_meeting_row_place_labels (AdwActionRow *row,
                                   GtkWidget    *zone_label,
                                   GtkWidget    *status_label)
{
  GtkWidget *subtitle = find_subtitle_label (GTK_WIDGET (row));
  GtkWidget *title_box = subtitle ? gtk_widget_get_parent (subtitle) : NULL;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  if (GTK_IS_BOX (title_box))
    {
      gtk_box_append (GTK_BOX (title_box), zone_label);
      gtk_box_append (GTK_BOX (title_box), status_label);
    }
  else
    {
      adw_action_row_add_suffix (row, zone_label);
      adw_action_row_add_suffix (row, status_label);
    }
}

/* The status: one line, so "Starts in 11 minutes" never wraps, and a
 * narrow row cuts it short rather than growing three lines tall.
 */
GtkWidget *
_convene_meeting_row_new_status_label (void)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "visible", FALSE,
                                   "xalign", 0.0f,
                                   "ellipsize", PANGO_ELLIPSIZE_END,
                                   "halign", GTK_ALIGN_START,
                                   NULL);

  gtk_widget_add_css_class (label, "meeting-status");
  gtk_widget_add_css_class (label, "meeting-badge");
  gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

/* The zone: "Your time · ..." or why there is no date; it may wrap. */
GtkWidget *
_convene_meeting_row_new_zone_label (void)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "visible", FALSE,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "halign", GTK_ALIGN_START,
                                   NULL);

  gtk_widget_add_css_class (label, "meeting-zone");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");

  return label;
}

/* Shows "Live now" or "Starts in 5 minutes" in @label, or hides it.
 * Returns: (transfer full) (nullable): the text shown
 */
char *
_convene_meeting_row_show_status (GtkLabel            *label,
                                  ConveneMeetingState  state,
                                  GDateTime           *start,
                                  GDateTime           *now)
{
  GtkWidget *widget = GTK_WIDGET (label);
  char *status = NULL;

  gtk_widget_remove_css_class (widget, "live");
  gtk_widget_remove_css_class (widget, "soon");

  if (state == CONVENE_MEETING_STATE_LIVE)
    {
      status = g_strdup (_("Live now"));
      gtk_widget_add_css_class (widget, "live");
    }
  else if (state == CONVENE_MEETING_STATE_SOON && start != NULL)
    {
      GTimeSpan left = g_date_time_difference (start, now);
      int minutes = (int)((left + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE);

      status = g_strdup_printf (ngettext ("Starts in %d minute", "Starts in %d minutes", minutes),
                                minutes);
      gtk_widget_add_css_class (widget, "soon");
    }

  gtk_label_set_label (label, status ? status : "");
  gtk_widget_set_visible (widget, status != NULL);
  return status;
}

/* About to start or running: joining is the thing to do. */
void
_convene_meeting_row_style_join (GtkWidget           *button,
                                 ConveneMeetingState  state)
{
  if (state != CONVENE_MEETING_STATE_NONE)
    {
      gtk_widget_remove_css_class (button, "flat");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "pill");
    }
  else
    {
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_remove_css_class (button, "pill");
      gtk_widget_add_css_class (button, "flat");
    }
}
