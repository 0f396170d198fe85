/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-reminders-preferences.h"

/* The Reminders page of Preferences: how long before a starred group's
 * meeting the reminder comes (0 turns them off), whether Convene keeps
 * running for them once its window is closed, and whether it starts at
 * login. Nothing starts at login unless the user turns it on here.
 */

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  g_assert (G_IS_SETTINGS (settings));

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_name (toggle, key);
  return row;
}

/**
 * convene_reminders_preferences_page_new:
 * @settings: the application's settings
 *
 * Returns: (transfer floating): the page, its widgets bound to @settings
 */
AdwPreferencesPage *
convene_reminders_preferences_page_new (GSettings *settings)
{
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *row;
  GtkWidget *spin;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Reminders"));
  adw_preferences_page_set_icon_name (page, "alarm-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Starred Groups"));
  adw_preferences_group_set_description (group,
                                         _("A notification comes before each meeting of a "
                                           "starred group, with a button to join it."));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Minutes Before a Meeting"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("0 turns reminders off"));
  spin = gtk_spin_button_new_with_range (0, 120, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, "reminder-minutes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes before a meeting"), -1);
  g_settings_bind (settings, "reminder-minutes", spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  adw_preferences_group_add (group,
                             switch_row (settings, "run-in-background", _("Run in _Background"),
                                         _("Keep reminding after the window is closed")));
  adw_preferences_group_add (group,
                             switch_row (settings, "autostart", _("Start at _Login"),
                                         _("Start in the background when you log in")));
  adw_preferences_page_add (page, group);

  return page;
}
