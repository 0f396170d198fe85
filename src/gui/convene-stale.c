/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-stale"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "convene-meeting-row.h"
#include "convene-stale.h"

/* Old data, said where it shows: a registry whose content is older than
 * %STALE_DAYS days by the window's clock is stale, and every meeting row
 * of it says that its time comes from that year's data, so that nothing
 * presents an old time as current.
 */

/* Past this age, a registry's meeting times and links are likely to have
 * changed: a community moves meetings every few months.
 */
#define STALE_DAYS 180

/**
 * convene_stale_year:
 * @date: (nullable): when the data is from
 * @now: the time by the window's clock
 *
 * Returns: the year of @date when it is stale by @now, else 0
 */
int
convene_stale_year (GDateTime *date,
                    GDateTime *now)
{
  g_return_val_if_fail (now != NULL, 0);

  if (date == NULL ||
      g_date_time_difference (now, date) <= (GTimeSpan)STALE_DAYS * G_TIME_SPAN_DAY)
    return 0;

  return g_date_time_get_year (date);
}

static void
mark_row (GtkWidget  *row,
          const char *note)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "convene-stale-icon");

  if (icon == NULL && note != NULL)
    {
      icon = gtk_image_new_from_icon_name ("document-open-recent-symbolic");
      gtk_widget_add_css_class (icon, "stale-time");
      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "convene-stale-icon", icon);
    }

  if (icon != NULL)
    {
      gtk_widget_set_visible (icon, note != NULL);
      gtk_widget_set_tooltip_text (icon, note);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      note ? note : "", -1);
    }
}

static void
mark_tree (GtkWidget  *widget,
           const char *note)
{
  if (CONVENE_IS_MEETING_ROW (widget))
    {
      mark_row (widget, note);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mark_tree (child, note);
}

/**
 * convene_stale_mark_rows:
 * @root: a widget with meeting rows inside
 * @stale_year: the year of stale data, or 0 when the data is fresh
 *
 * Marks every #ConveneMeetingRow under @root with an icon whose tooltip
 * and accessible name say "From the 2017 data", or hides the marks of
 * fresh data. Rows made later need another call.
 */
void
convene_stale_mark_rows (GtkWidget *root,
                         int        stale_year)
{
  g_autofree char *note = NULL;

  g_return_if_fail (GTK_IS_WIDGET (root));

  if (stale_year > 0)
    /* Translators: on a meeting row of an old registry; %d is a year */
    note = g_strdup_printf (_("From the %d data"), stale_year);

  mark_tree (root, note);
}
