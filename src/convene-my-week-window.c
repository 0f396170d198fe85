/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-my-week"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-my-week-window.h"

#include "convene-launcher.h"
#include "convene-stars.h"

/* My Week as a window of its own (app.show-my-week): the meetings of the
 * starred groups of every remembered registry in the week ahead, soonest
 * first, each with its community, whether it is live or soon, Join and the
 * group's page; an empty state that explains stars when none is starred.
 */

static GtkWidget *
make_row (ConveneMyWeekEntry *entry,
          GDateTime          *now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->start);
  g_autofree char *when = g_date_time_format (local, "%a %H:%M");
  g_autofree char *subtitle = NULL;
  g_autofree char *key = NULL;
  const char *url = convene_meeting_get_url (entry->meeting);
  const char *state = NULL;

  g_assert (entry != NULL);

  if (entry->state == CONVENE_MEETING_STATE_LIVE)
    state = _("Live now");
  else if (entry->state == CONVENE_MEETING_STATE_SOON)
    state = _("Soon");

  if (state != NULL)
    /* Translators: the community, the day and time, live or soon */
    subtitle = g_strdup_printf (_("%s · %s · %s"), entry->community, when, state);
  else
    /* Translators: the community, the day and time */
    subtitle = g_strdup_printf (_("%s · %s"), entry->community, when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 convene_group_get_name (entry->group));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (url != NULL && convene_launcher_check_uri (url, NULL))
    {
      GtkWidget *join = gtk_button_new_with_mnemonic (_("_Join"));

      gtk_widget_set_valign (join, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (join), "app.join-meeting");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (join), "s", url);
      if (entry->state != CONVENE_MEETING_STATE_NONE)
        gtk_widget_add_css_class (join, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), join);
    }

  key = convene_stars_make_key (entry->source_id, convene_group_get_id (entry->group));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-group");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", key);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

/**
 * convene_my_week_window_new:
 * @application: the application, for its actions
 * @parent: (nullable): the window it belongs to
 * @week: the week, from convene_my_week_collect()
 * @now: when it was collected
 *
 * Returns: (transfer floating): the window, not yet shown
 */
GtkWidget *
convene_my_week_window_new (GtkApplication *application,
                            GtkWindow      *parent,
                            ConveneMyWeek  *week,
                            GDateTime      *now)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *content;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (week != NULL, NULL);

  window = adw_window_new ();
  gtk_window_set_application (GTK_WINDOW (window), application);
  gtk_window_set_title (GTK_WINDOW (window), _("My Week"));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  if (week->entries->len == 0)
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content), "starred-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content),
                                 week->groups->len == 0 ? _("No Starred Groups")
                                                        : _("No Meetings This Week"));
      adw_status_page_set_description (ADW_STATUS_PAGE (content),
                                       _("Star a group with the star on its page or Ctrl+D: "
                                         "its meetings of the next seven days show here, "
                                         "from every registry, with reminders."));
    }
  else
    {
      GtkWidget *clamp = adw_clamp_new ();
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 18);
      gtk_widget_set_margin_bottom (list, 18);
      gtk_widget_set_margin_start (list, 12);
      gtk_widget_set_margin_end (list, 12);
      for (guint i = 0; i < week->entries->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             make_row (g_ptr_array_index (week->entries, i), now));
      adw_clamp_set_child (ADW_CLAMP (clamp), list);
      content = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (content), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (content), clamp);
    }

  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);
  return window;
}
