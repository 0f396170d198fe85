/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-my-week"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-my-week-page.h"

#include "convene-launcher.h"
#include "convene-stars.h"

/* The My Week page of the window: the meetings of the starred groups of
 * every remembered registry in the week ahead, soonest first, each with
 * its community, whether it is live or soon, Join and the group's page;
 * an empty state that explains stars when none is starred. The window
 * collects the week (convene-window-my-week.c) and hands it here.
 */

struct _ConveneMyWeekPage
{
  AdwBin parent_instance;

  guint n_entries;
};

G_DEFINE_FINAL_TYPE (ConveneMyWeekPage, convene_my_week_page, ADW_TYPE_BIN)

static GtkWidget *
make_row (ConveneMyWeekEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *key = NULL;
  const char *url;
  const char *state = NULL;

  g_assert (entry != NULL);

  /* In the user's zone, whatever zone the meeting is kept in */
  local = g_date_time_to_local (entry->start);
  when = g_date_time_format (local, "%a %H:%M");
  url = convene_meeting_get_url (entry->meeting);

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

static GtkWidget *
make_empty (gboolean any_starred)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "starred-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status),
                             any_starred ? _("No Meetings This Week") : _("No Starred Groups"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Star a group with the star on its page or Ctrl+D: "
                                     "its meetings of the next seven days show here, "
                                     "from every registry, with reminders."));
  return status;
}

static void
convene_my_week_page_class_init (ConveneMyWeekPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convene_my_week_page_init (ConveneMyWeekPage *self)
{
  adw_bin_set_child (ADW_BIN (self), make_empty (FALSE));
}

/**
 * convene_my_week_page_new:
 *
 * Returns: (transfer floating): a page that shows no week yet
 */
GtkWidget *
convene_my_week_page_new (void)
{
  return g_object_new (CONVENE_TYPE_MY_WEEK_PAGE, NULL);
}

/**
 * convene_my_week_page_set_week:
 * @self: a #ConveneMyWeekPage
 * @week: the week, from convene_my_week_collect()
 *
 * Shows @week instead of what the page showed.
 */
void
convene_my_week_page_set_week (ConveneMyWeekPage *self,
                               ConveneMyWeek     *week)
{
  GtkWidget *clamp;
  GtkWidget *list;
  GtkWidget *scrolled;

  g_return_if_fail (CONVENE_IS_MY_WEEK_PAGE (self));
  g_return_if_fail (week != NULL);

  self->n_entries = week->entries->len;
  if (week->entries->len == 0)
    {
      adw_bin_set_child (ADW_BIN (self), make_empty (week->groups->len > 0));
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 18);
  gtk_widget_set_margin_bottom (list, 18);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Meetings of starred groups"), -1);
  for (guint i = 0; i < week->entries->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), make_row (g_ptr_array_index (week->entries, i)));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

/**
 * convene_my_week_page_get_n_entries:
 * @self: a #ConveneMyWeekPage
 *
 * Returns: how many meetings the page lists
 */
guint
convene_my_week_page_get_n_entries (ConveneMyWeekPage *self)
{
  g_return_val_if_fail (CONVENE_IS_MY_WEEK_PAGE (self), 0);
  return self->n_entries;
}
