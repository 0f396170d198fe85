/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "convene-application.h"
#include "convene-group-page.h"
#include "convene-ics.h"
#include "convene-launcher.h"
#include "convene-meeting-row.h"
#include "convene-overview-page.h"
#include "convene-sidebar-row.h"
#include "convene-upcoming.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* Meetings in the real window under Xvfb, with the bundled registry and a
 * fixed clock: the meeting rows of a group page, joining, the calendar
 * files, the sidebar's badges and the one timer behind them, and the
 * week ahead on the overview.
 *
 * Local time is Berlin's (set before GTK starts), so every time shown is
 * known in advance. The seed's meetings are on Pacific time: in March
 * 2026 before the 8th, 11:00 PT is 19:00 UTC and 20:00 in Berlin.
 */

#define NETWORKING_MEETING "https://plus.google.com/hangouts/_/google.com/istio-net"

/* Wednesday 4 March 2026, 9:00 in Berlin. */
#define WEEK_NOW "2026-03-04T08:00:00Z"

/* A Thursday of the Networking group's biweekly meeting, 11:00 PT. */
#define NETWORKING_START "2026-03-05T19:00:00Z"

static ConveneApplication *app;

/* Widget tree helpers */

static gpointer
lookup_sidebar_row (ConveneWindow *window,
                    const char    *title)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (window, CONVENE_TYPE_SIDEBAR_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (convene_sidebar_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static gpointer
find_sidebar_row (ConveneWindow *window,
                  const char    *title)
{
  gpointer row = lookup_sidebar_row (window, title);

  if (row == NULL)
    g_error ("No sidebar row “%s”", title);

  return row;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_strcmp0 (item_action, action) == 0 &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label))
        return g_strcmp0 (item_label, label) == 0;

      for (int j = 0; j < 2; j++)
        {
          g_autoptr(GMenuModel) section =
            g_menu_model_get_item_link (menu, i, j == 0 ? G_MENU_LINK_SECTION : G_MENU_LINK_SUBMENU);

          if (section != NULL && menu_has_action (section, action, label))
            return TRUE;
        }
    }

  return FALSE;
}

static AdwPreferencesGroup *
find_group (gpointer    root,
            const char *title)
{
  g_autoptr(GPtrArray) groups = ui_test_find_all (root, ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);

  return NULL;
}

static GtkWidget *
find_button (gpointer    root,
             const char *action_name)
{
  g_autoptr(GPtrArray) buttons = ui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static ConveneMeetingRow *
the_meeting_row (ConveneWindow *window)
{
  AdwPreferencesGroup *meetings = find_group (window, "Meetings");

  g_assert_nonnull (meetings);
  return ui_test_find_one (meetings, CONVENE_TYPE_MEETING_ROW);
}

static char *
join_row_texts (GPtrArray *rows,
                gboolean   subtitles)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);
      const char *text = subtitles ? adw_action_row_get_subtitle (row)
                                   : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (i > 0)
        g_string_append_c (str, '|');
      g_string_append (str, text ? text : "");
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* The status label of a meeting row, if shown. */
static const char *
status_shown (gpointer row)
{
  GtkLabel *label = ui_test_lookup_css_class (row, GTK_TYPE_LABEL, "meeting-status");

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

/* Runs what the window's class binds to @keyval with @mods, as a key
 * press would.
 */
static gboolean
press_shortcut (gpointer        widget,
                guint           keyval,
                GdkModifierType mods)
{
  g_autoptr(GPtrArray) shortcuts = ui_test_list_shortcuts (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                             GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                             GTK_WIDGET (widget),
                                             gtk_shortcut_get_arguments (shortcut));
    }

  return FALSE;
}

/* Time helpers */

static GDateTime *
parse_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

/* Fixes the window's clock at @iso plus @seconds. */
static void
set_now (ConveneWindow *window,
         const char    *iso,
         int            seconds)
{
  g_autoptr(GDateTime) base = parse_time (iso);
  g_autoptr(GDateTime) now = g_date_time_add_seconds (base, seconds);

  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  ui_test_drain ();
}

static void
assert_next_wake (ConveneWindow *window,
                  const char    *iso,
                  int            seconds)
{
  g_autoptr(GDateTime) base = parse_time (iso);
  g_autoptr(GDateTime) expected = g_date_time_add_seconds (base, seconds);
  GDateTime *wake = convene_upcoming_get_next_wake (convene_window_get_upcoming (window));
  g_autoptr(GDateTime) wake_utc = wake ? g_date_time_to_utc (wake) : NULL;
  g_autoptr(GDateTime) expected_utc = g_date_time_to_utc (expected);
  g_autofree char *expected_text = g_date_time_format_iso8601 (expected_utc);
  g_autofree char *wake_text = wake_utc ? g_date_time_format_iso8601 (wake_utc) : NULL;

  g_assert_cmpstr (wake_text, ==, expected_text);
}

/* Fixture: a window of the shared application, its clock fixed */

typedef UiTestFixture Fixture;

static ConveneWindow *
open_window (int width,
             int height)
{
  ConveneWindow *window = ui_test_window_new (app);
  g_autoptr(GDateTime) now = parse_time (WEEK_NOW);

  convene_window_set_avatar_cache (window, NULL);
  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             gtk_widget_get_width (GTK_WIDGET (window)) > width - 16);
  ui_test_drain ();
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (f, "convene-test-meetings-XXXXXX");

  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = open_window (1000, 700);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_test_fixture_teardown (f);
}

/* A registry built here, for schedules the seed does not have */

static void
add_group_with_meeting (ConveneRegistry *registry,
                        const char      *id,
                        const char      *name,
                        const char      *text,
                        const char      *url)
{
  g_autoptr(ConveneGroup) group = convene_group_new (id, name);
  g_autoptr(ConveneMeeting) meeting = convene_meeting_new (text);

  convene_schedule_parse (text, meeting);
  convene_meeting_set_url (meeting, url);
  convene_group_add_meeting (group, meeting);
  convene_registry_add_group (registry, group);
}

static ConveneRegistry *
make_registry (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Sandbox");
  ConveneRegistry *registry = convene_registry_new (community);

  /* Biweekly, but no anchor says which weeks. */
  add_group_with_meeting (registry, "alpha", "Alpha", "Wednesdays at 13:00 PT - Biweekly",
                          "https://meet.example.org/alpha");
  /* Not a schedule at all. */
  add_group_with_meeting (registry, "beta", "Beta", "Whenever the moon is full",
                          "javascript:alert(1)");

  return registry;
}

/* The group page */

static void
test_group_row (Fixture       *f,
                gconstpointer  data)
{
  ConveneMeetingRow *row;
  GtkWidget *join;
  GtkWidget *calendar;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  /* Wednesday 9:00 in Berlin: the meeting is tomorrow at 20:00 there. */
  row = the_meeting_row (f->window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 5 Mar, 20:00 · tomorrow");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Thursdays at 11:00 PT - Biweekly");
  g_assert_cmpstr (convene_meeting_row_get_details (row), ==, "Thu 11:00 in America/Los_Angeles");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==,
                   "Thu 11:00 in America/Los_Angeles");
  g_assert_null (convene_meeting_row_get_status (row));
  g_assert_null (status_shown (row));
  g_assert_cmpint (convene_meeting_row_get_state (row), ==, CONVENE_MEETING_STATE_NONE);

  join = find_button (row, "meeting.join");
  g_assert_nonnull (join);
  g_assert_true (gtk_widget_get_focusable (join));
  g_assert_true (gtk_widget_has_css_class (join, "flat"));
  g_assert_false (gtk_widget_has_css_class (join, "suggested-action"));

  calendar = GTK_WIDGET (ui_test_find_one (row, GTK_TYPE_MENU_BUTTON));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (calendar), ==, "Copy Link or Add to Calendar");
  /* Copying the link and the calendar by mouse, from the menu button. */
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (calendar)),
                                  "meeting.copy", "_Copy Link"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (calendar)),
                                  "meeting.open-calendar", "_Open in Calendar"));

  /* A quarter of an hour before: the row counts down, and Join stands out. */
  set_now (f->window, NETWORKING_START, -15 * 60);
  g_assert_true (the_meeting_row (f->window) == row);
  /* The status says how soon; the title does not say it again */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 5 Mar, 20:00");
  g_assert_cmpstr (convene_meeting_row_get_status (row), ==, "Starts in 15 minutes");
  g_assert_cmpstr (status_shown (row), ==, "Starts in 15 minutes");
  g_assert_true (gtk_widget_has_css_class (join, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (join, "pill"));
  g_assert_false (gtk_widget_has_css_class (join, "flat"));

  set_now (f->window, NETWORKING_START, -30);
  g_assert_cmpstr (convene_meeting_row_get_status (row), ==, "Starts in 1 minute");

  /* Running. */
  set_now (f->window, NETWORKING_START, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 5 Mar, 20:00");
  g_assert_cmpstr (convene_meeting_row_get_status (row), ==, "Live now");
  g_assert_cmpstr (status_shown (row), ==, "Live now");
  g_assert_cmpint (convene_meeting_row_get_state (row), ==, CONVENE_MEETING_STATE_LIVE);
  g_assert_true (gtk_widget_has_css_class (join, "suggested-action"));

  /* Over: the next one is two weeks later, and an hour earlier in
   * Berlin, since the United States start daylight saving time on 8
   * March and Europe only on the 29th.
   */
  set_now (f->window, NETWORKING_START, 60 * 60);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 19 Mar, 19:00 · in 14 days");
  g_assert_cmpstr (convene_meeting_row_get_details (row), ==, "Thu 11:00 in America/Los_Angeles");
  g_assert_null (convene_meeting_row_get_status (row));
  g_assert_true (gtk_widget_has_css_class (join, "flat"));
}

static void
test_group_row_schedules (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_registry ();
  ConveneMeetingRow *row;

  convene_window_set_registry (f->window, registry);

  /* Known, but not which weeks: described, and nothing to export. */
  g_assert_true (convene_window_show_group (f->window, "alpha"));
  ui_test_drain ();
  row = the_meeting_row (f->window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Every other Wednesday at 13:00 (America/Los_Angeles)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Wednesdays at 13:00 PT - Biweekly");
  g_assert_null (convene_meeting_row_get_details (row));
  g_assert_nonnull (find_button (row, "meeting.join"));
  /* The menu offers the link only: the calendar actions are off. */
  {
    g_autoptr(GPtrArray) menus = ui_test_find_all (row, GTK_TYPE_MENU_BUTTON);

    g_assert_cmpuint (menus->len, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (row), "meeting.open-calendar", NULL);
    ui_test_drain ();
    g_assert_null (convene_window_get_last_toast (f->window));
    g_assert_cmpuint (f->launcher->uris->len, ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "meeting.copy", NULL));
    g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "Link copied");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-meeting",
                                             "s", "alpha"));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "This group’s meeting time is not known");

  /* Not a schedule: the text alone. */
  g_assert_true (convene_window_show_group (f->window, "beta"));
  ui_test_drain ();
  row = the_meeting_row (f->window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Whenever the moon is full");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");

  /* Its link is refused like any other registry link. */
  gtk_widget_activate (find_button (row, "meeting.join"));
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window),
                                        "“javascript:” links are not opened, only web and email links") == 0);
  g_assert_cmpuint (f->launcher->uris->len, ==, 0);

  /* No meeting this week. */
  convene_window_show_overview (f->window);
  ui_test_drain ();
  {
    AdwPreferencesGroup *week = find_group (f->window, "Upcoming This Week");
    g_autoptr(GPtrArray) rows = ui_test_find_all (week, CONVENE_TYPE_MEETING_ROW);
    g_autoptr(GPtrArray) labels = ui_test_find_all (week, GTK_TYPE_LABEL);
    gboolean empty_shown = FALSE;

    g_assert_cmpuint (rows->len, ==, 0);
    for (guint i = 0; i < labels->len; i++)
      empty_shown |= g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)),
                                "No meetings are scheduled in the next seven days.") == 0;
    g_assert_true (empty_shown);
  }

  /* No known time anywhere: no timer. */
  g_assert_null (convene_upcoming_get_next_wake (convene_window_get_upcoming (f->window)));
}

/* Joining */

/* The user's clock and zone */

static GtkLabel *
zone_shown (gpointer row)
{
  return ui_test_lookup_css_class (row, GTK_TYPE_LABEL, "meeting-zone");
}

/* The colour at @x, @y of @widget as drawn, as 0–255 red, green, blue */
static void
pixel_of (GtkWidget *widget,
          int        x,
          int        y,
          guchar     rgb[3])
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guchar *data = g_malloc (width * height * 4);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, width * 4);

  /* Cairo's ARGB32, little-endian: B, G, R, A */
  rgb[0] = data[(y * width + x) * 4 + 2];
  rgb[1] = data[(y * width + x) * 4 + 1];
  rgb[2] = data[(y * width + x) * 4 + 0];
}

/* Running is good news: the Live badge is green, not the red of errors. */
static void
test_live_colour (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *badge;
  guchar rgb[3];

  set_now (f->window, NETWORKING_START, 5 * 60);
  ui_test_wait_frames (f->window, 2);
  badge = ui_test_lookup_css_class (find_sidebar_row (f->window, "Networking"), GTK_TYPE_LABEL,
                                    "live");
  g_assert_nonnull (badge);
  g_assert_cmpint (gtk_widget_get_height (badge), >, 8);

  /* Inside the pill, left of the text */
  pixel_of (badge, 4, gtk_widget_get_height (badge) / 2, rgb);
  g_test_message ("Live badge: #%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  g_assert_cmpint (rgb[1], >, rgb[0]);
}

static void
test_clock_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");
  ConveneMeetingRow *row;
  GtkLabel *zone;

  /* Visibly in the user's time, with the organizers' time beside it. */
  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  row = the_meeting_row (f->window);
  zone = zone_shown (row);
  g_assert_nonnull (zone);
  g_assert_cmpstr (gtk_label_get_label (zone), ==,
                   "Your time · Thu 11:00 in America/Los_Angeles");

  /* GNOME's clock set to 12 hours, through the memory backend. */
  g_settings_set_string (interface, "clock-format", "12h");
  convene_window_show_overview (f->window);
  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  row = the_meeting_row (f->window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 5 Mar, 8:00 PM · tomorrow");
  g_assert_cmpstr (gtk_label_get_label (zone_shown (row)), ==,
                   "Your time · Thu 11:00 AM in America/Los_Angeles");

  /* Changed while shown, the rows follow, on the overview too. */
  g_settings_set_string (interface, "clock-format", "24h");
  ui_test_drain ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Thu 5 Mar, 20:00 · tomorrow");
  convene_window_show_overview (f->window);
  ui_test_drain ();
  g_settings_set_string (interface, "clock-format", "12h");
  ui_test_drain ();
  {
    AdwPreferencesGroup *week = find_group (f->window, "Upcoming This Week");
    g_autoptr(GPtrArray) rows = ui_test_find_all (week, CONVENE_TYPE_MEETING_ROW);

    g_assert_cmpuint (rows->len, >, 0);
    g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==,
                     "Wed 4 Mar, 6:00 PM · in 9 hours");
  }
  g_settings_reset (interface, "clock-format");
}

/* A group with several meetings */

static void
test_several_meetings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Sandbox");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConveneGroup) group = convene_group_new ("multi", "Multi");
  const char * const texts[] = {
    "Fridays at 10:00 UTC - Weekly",
    "Wednesdays at 13:00 PT - Biweekly",
    "Thursdays at 09:00 UTC - Weekly",
  };
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *joins[3] = { NULL, };
  graphene_point_t menu_at[3];

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (texts[i]);

      convene_schedule_parse (texts[i], meeting);
      if (i != 2)
        convene_meeting_set_url (meeting, "https://meet.example.org/multi");
      convene_group_add_meeting (group, meeting);
    }
  convene_registry_add_group (registry, group);
  convene_window_set_registry (f->window, registry);

  g_assert_true (convene_window_show_group (f->window, "multi"));
  ui_test_drain ();
  rows = ui_test_find_all (f->window, CONVENE_TYPE_MEETING_ROW);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Wednesday 9:00 in Berlin: Thursday's comes first, then Friday's, and
   * the one without a date last; each titled with its name.
   */
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, texts[2]);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, texts[0]);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 2)), ==, texts[1]);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==,
                   "Thu 5 Mar, 10:00 · tomorrow");

  /* Why the biweekly one has no date, and what the registry lacks. */
  g_assert_nonnull (strstr (gtk_label_get_label (zone_shown (g_ptr_array_index (rows, 2))),
                            "“anchor”"));

  /* The buttons line up, whether a row has a Join or not. */
  ui_test_wait_frames (f->window, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *menu = ui_test_find_one (g_ptr_array_index (rows, i), GTK_TYPE_MENU_BUTTON);

      g_assert_true (gtk_widget_compute_point (menu, GTK_WIDGET (f->window),
                                               &GRAPHENE_POINT_INIT (0, 0), &menu_at[i]));
      joins[i] = find_button (g_ptr_array_index (rows, i), "meeting.join");
    }
  g_assert_cmpfloat_with_epsilon (menu_at[0].x, menu_at[1].x, 0.5);
  g_assert_cmpfloat_with_epsilon (menu_at[1].x, menu_at[2].x, 0.5);
  g_assert_null (joins[0]);
  g_assert_nonnull (joins[1]);
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  ConveneMeetingRow *row;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  row = the_meeting_row (f->window);

  /* The button. */
  gtk_widget_activate (find_button (row, "meeting.join"));
  ui_test_assert_eventually (f->launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==, NETWORKING_MEETING);

  /* The row, as Enter on it does. */
  gtk_widget_activate (GTK_WIDGET (row));
  ui_test_assert_eventually (f->launcher->uris->len == 2);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 1), ==, NETWORKING_MEETING);

  /* The window's action, from anywhere. */
  convene_window_show_overview (f->window);
  ui_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.join-meeting",
                                             "s", "networking"));
  ui_test_assert_eventually (f->launcher->uris->len == 3);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 2), ==, NETWORKING_MEETING);

  /* Ctrl+J with no group shown says what it needs. */
  g_assert_true (press_shortcut (f->window, GDK_KEY_j, GDK_CONTROL_MASK));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "Open a group to join its meeting");
  g_assert_cmpuint (f->launcher->uris->len, ==, 3);

  /* Ctrl+J joins the group shown. */
  g_assert_true (convene_window_show_group (f->window, "test-and-release"));
  ui_test_drain ();
  g_assert_true (press_shortcut (f->window, GDK_KEY_j, GDK_CONTROL_MASK));
  ui_test_assert_eventually (f->launcher->uris->len == 4);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 3), ==,
                   "https://plus.google.com/hangouts/_/google.com/istio-test");

  /* A group without a meeting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.join-meeting",
                                             "s", "steering"));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "“Steering” has no meeting link");
  g_assert_cmpuint (f->launcher->uris->len, ==, 4);
}

/* The sidebar's badges and the one timer */

static void
assert_badge (ConveneWindow       *window,
              const char          *group,
              ConveneMeetingState  state,
              const char          *text)
{
  ConveneSidebarRow *row = find_sidebar_row (window, group);
  g_autoptr(GPtrArray) labels = ui_test_find_all (row, GTK_TYPE_LABEL);
  GtkLabel *badge = NULL;

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "meeting-badge"))
      badge = g_ptr_array_index (labels, i);

  g_assert_cmpint (convene_sidebar_row_get_meeting_state (row), ==, state);

  if (text == NULL)
    {
      /* Hidden, so not mapped, so not found. */
      g_assert_null (badge);
      return;
    }

  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_label (badge), ==, text);
}

static void
assert_description (gpointer    accessible,
                    const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (accessible),
                                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                expected);

  if (problem != NULL)
    g_error ("Accessible description: %s", problem);
}

static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  static const char *topics =
    "Pilot integration, TCP Support, Additional L7 protocols, Proxy injection";

  /* Just before the quarter of an hour before the start: nothing yet, and
   * the timer is set for that quarter.
   */
  set_now (f->window, NETWORKING_START, -15 * 60 - 1);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_NONE, NULL);
  assert_description (find_sidebar_row (f->window, "Networking"), topics);
  assert_next_wake (f->window, NETWORKING_START, -15 * 60);

  /* About to start: "Soon"; the timer follows the countdown's minutes. */
  set_now (f->window, NETWORKING_START, -15 * 60);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_SOON, "Soon");
  assert_description (find_sidebar_row (f->window, "Networking"),
                      "Starting soon. Pilot integration, TCP Support, Additional L7 protocols, "
                      "Proxy injection");
  assert_next_wake (f->window, NETWORKING_START, -14 * 60);
  assert_badge (f->window, "Config", CONVENE_MEETING_STATE_NONE, NULL);

  set_now (f->window, NETWORKING_START, -1);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_SOON, "Soon");
  assert_next_wake (f->window, NETWORKING_START, 0);

  /* Running, for the hour its text implies. */
  set_now (f->window, NETWORKING_START, 0);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_LIVE, "Live");
  assert_description (find_sidebar_row (f->window, "Networking"),
                      "Live now. Pilot integration, TCP Support, Additional L7 protocols, "
                      "Proxy injection");
  assert_next_wake (f->window, NETWORKING_START, 60 * 60);

  set_now (f->window, NETWORKING_START, 60 * 60 - 1);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_LIVE, "Live");

  /* Over. The next change is Test and Release's quarter of an hour
   * before 13:00 PT.
   */
  set_now (f->window, NETWORKING_START, 60 * 60);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_NONE, NULL);
  assert_description (find_sidebar_row (f->window, "Networking"), topics);
  assert_next_wake (f->window, "2026-03-05T20:45:00Z", 0);

  /* Performance and Scalability ends at 9:30 PT, not after an hour. */
  set_now (f->window, "2026-03-04T17:29:59Z", 0);
  assert_badge (f->window, "Performance and Scalability", CONVENE_MEETING_STATE_LIVE, "Live");
  assert_next_wake (f->window, "2026-03-04T17:30:00Z", 0);
  set_now (f->window, "2026-03-04T17:30:00Z", 0);
  assert_badge (f->window, "Performance and Scalability", CONVENE_MEETING_STATE_NONE, NULL);

  /* Two meetings at once: both badges. */
  set_now (f->window, "2026-03-04T19:00:00Z", 0);
  assert_badge (f->window, "Integrations", CONVENE_MEETING_STATE_LIVE, "Live");
  assert_badge (f->window, "Security", CONVENE_MEETING_STATE_LIVE, "Live");
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_NONE, NULL);

  /* Late at night nothing changes until midnight, when "tomorrow" does. */
  set_now (f->window, "2026-03-05T22:30:00Z", 0);
  assert_next_wake (f->window, "2026-03-05T23:00:00Z", 0);

  /* Search results carry the badge too. */
  set_now (f->window, NETWORKING_START, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_one (f->window, GTK_TYPE_SEARCH_ENTRY)), "networking");
  ui_test_assert_eventually (lookup_sidebar_row (f->window, "Networking") != NULL &&
                             g_strcmp0 (convene_sidebar_row_get_page (lookup_sidebar_row (f->window,
                                                                                          "Networking")),
                                        "group") == 0 &&
                             lookup_sidebar_row (f->window, "Overview") == NULL);
  assert_badge (f->window, "Networking", CONVENE_MEETING_STATE_LIVE, "Live");
}

/* The timer really fires: set a second ahead, the window recomputes
 * without being asked, once, and sets it again.
 */
static void
count_change (guint *changes)
{
  (*changes)++;
}

static void
test_timer_fires (Fixture       *f,
                  gconstpointer  data)
{
  ConveneUpcoming *upcoming = convene_window_get_upcoming (f->window);
  guint changes = 0;
  gint64 started;
  gulong handler;

  /* Taken before the timer is set, so a slow machine cannot make the
   * wait look shorter than it was.
   */
  started = g_get_monotonic_time ();
  set_now (f->window, NETWORKING_START, -15 * 60 - 1);
  assert_next_wake (f->window, NETWORKING_START, -15 * 60);

  handler = g_signal_connect_swapped (upcoming, "changed", G_CALLBACK (count_change), &changes);
  ui_test_assert_eventually (changes >= 1);

  /* Not before the second was up: the timer waits for the change. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (changes, ==, 1);
  /* The clock is fixed, so the same change is a second away again. */
  assert_next_wake (f->window, NETWORKING_START, -15 * 60);

  g_signal_handler_disconnect (upcoming, handler);
}

/* The week ahead on the overview */

static void
test_upcoming_week (Fixture       *f,
                    gconstpointer  data)
{
  AdwPreferencesGroup *week;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;
  g_autofree char *cli_ids = NULL;

  convene_window_show_overview (f->window);
  ui_test_drain ();

  week = find_group (f->window, "Upcoming This Week");
  g_assert_nonnull (week);
  rows = ui_test_find_all (week, CONVENE_TYPE_MEETING_ROW);
  titles = join_row_texts (rows, FALSE);
  subtitles = join_row_texts (rows, TRUE);

  /* Wednesday 9:00 in Berlin. Weekly: Performance and Scalability
   * (Wed 9:00 PT), Integrations (Wed 11:00 PT), Test and Release (Thu
   * 13:00 PT). Biweekly, by their anchors: Security and API Management
   * meet this Wednesday, Networking this Thursday; Environments and
   * Config next week, beyond seven days. Integrations and Security meet
   * at the same time, in the registry's order.
   */
  g_assert_cmpstr (titles, ==,
                   "Performance and Scalability|Integrations|Security|API Management|"
                   "Networking|Test and Release");
  g_assert_cmpstr (subtitles, ==,
                   "Wed 4 Mar, 18:00 · in 9 hours|"
                   "Wed 4 Mar, 20:00 · in 11 hours|"
                   "Wed 4 Mar, 20:00 · in 11 hours|"
                   "Wed 4 Mar, 22:00 · in 13 hours|"
                   "Thu 5 Mar, 20:00 · tomorrow|"
                   "Thu 5 Mar, 22:00 · tomorrow");

  /* The command line agrees. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    g_autoptr(GDateTime) now = parse_time (WEEK_NOW);
    g_autoptr(GDateTime) limit = g_date_time_add_days (now, 7);
    const char *argv[] = { g_getenv ("CONVENE_BIN"), "--upcoming", "--now", WEEK_NOW, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));

    lines = g_strsplit (out, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
        g_autoptr(GDateTime) start = NULL;

        if (g_strv_length (fields) < 2)
          continue;
        start = parse_time (fields[1]);
        if (g_date_time_compare (start, limit) <= 0)
          g_ptr_array_add (ids, g_strdup (fields[0]));
      }
    g_ptr_array_add (ids, NULL);
    cli_ids = g_strjoinv ("|", (char **)ids->pdata);
    g_ptr_array_set_free_func (ids, g_free);
  }
  {
    g_autoptr(GString) row_ids = g_string_new (NULL);

    for (guint i = 0; i < rows->len; i++)
      {
        ConveneGroup *group = convene_meeting_row_get_group (g_ptr_array_index (rows, i));

        if (i > 0)
          g_string_append_c (row_ids, '|');
        g_string_append (row_ids, convene_group_get_id (group));
      }
    g_assert_cmpstr (row_ids->str, ==, cli_ids);
  }

  /* Join from the list. */
  gtk_widget_activate (find_button (g_ptr_array_index (rows, 4), "meeting.join"));
  ui_test_assert_eventually (f->launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==, NETWORKING_MEETING);

  /* A row opens its group. */
  gtk_widget_activate (g_ptr_array_index (rows, 4));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "networking");
  g_assert_cmpuint (f->launcher->uris->len, ==, 1);

  /* Later in the week the list moves on: at Thursday 21:00 UTC Test and
   * Release is running, and next Wednesday's meetings have come within
   * the week.
   */
  convene_window_show_overview (f->window);
  set_now (f->window, "2026-03-05T21:00:00Z", 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);
  rows = ui_test_find_all (find_group (f->window, "Upcoming This Week"), CONVENE_TYPE_MEETING_ROW);
  titles = join_row_texts (rows, FALSE);
  g_assert_cmpstr (titles, ==,
                   "Test and Release|Performance and Scalability|Environments|Integrations|Config");
  g_assert_cmpstr (convene_meeting_row_get_status (g_ptr_array_index (rows, 0)), ==, "Live now");
}

/* Twelve groups meeting this week: the overview lists the soonest eight
 * and says how many there are.
 */
static void
test_upcoming_week_capped (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Crowd");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  AdwPreferencesGroup *week;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("g%02u", i);
      g_autofree char *name = g_strdup_printf ("Group %02u", i);
      /* Hours apart, from Wednesday 10:00 PT on, so the order is known. */
      g_autofree char *text = g_strdup_printf ("%s at %u:00 PT - Weekly",
                                               i < 6 ? "Wednesdays" : "Thursdays",
                                               10 + i % 6);

      add_group_with_meeting (registry, id, name, text, "https://meet.example.org/crowd");
    }

  convene_window_set_registry (f->window, registry);
  convene_window_show_overview (f->window);
  ui_test_drain ();

  week = find_group (f->window, "Upcoming This Week");
  rows = ui_test_find_all (week, CONVENE_TYPE_MEETING_ROW);
  titles = join_row_texts (rows, FALSE);
  g_assert_cmpstr (titles, ==,
                   "Group 00|Group 01|Group 02|Group 03|Group 04|Group 05|Group 06|Group 07");
  g_assert_cmpstr (adw_preferences_group_get_description (week), ==, "The next 8 of 12 meetings");
}

/* Calendars */

static char *
expected_group_ics (ConveneWindow *window,
                    const char    *group_id)
{
  ConveneRegistry *registry = convene_window_get_registry (window);
  g_autoptr(GDateTime) now = parse_time (WEEK_NOW);
  g_autoptr(GError) error = NULL;
  char *ics;

  /* The registry's export: its UIDs carry the community */
  ics = convene_ics_for_registry_group_at (registry,
                                           convene_registry_lookup_group (registry, group_id),
                                           now, &error);
  g_assert_no_error (error);
  return ics;
}

static void
test_open_in_calendar (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), APP_ID, "ics",
                                            "networking.ics", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *expected = expected_group_ics (f->window, "networking");
  g_autofree char *contents = NULL;
  ConveneMeetingRow *row;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  row = the_meeting_row (f->window);

  /* The menu's "Open in Calendar". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "meeting.open-calendar", NULL));
  ui_test_assert_eventually (f->launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==, uri);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));

  /* Again: the file is replaced, not appended to. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-meeting-calendar",
                                             "s", "networking"));
  ui_test_assert_eventually (f->launcher->uris->len == 2);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  /* A group without a known time gets a toast, and nothing opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-meeting-calendar",
                                             "s", "steering"));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "This group’s meeting time is not known");
  g_assert_cmpuint (f->launcher->uris->len, ==, 2);
}

static void
open_file_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (convene_launcher_open_file_finish (CONVENE_LAUNCHER (object), result, error));
  g_assert_nonnull (*error);
}

/* The launcher opens files only from Convene's cache, and registry links
 * still never as file: URIs.
 */
static void
test_launcher_files (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const refused[] = {
    "/etc/passwd",
    "ics/../../../../etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;

      if (g_path_is_absolute (refused[i]))
        file = g_file_new_for_path (refused[i]);
      else
        file = g_file_new_build_filename (g_get_user_cache_dir (), APP_ID, refused[i], NULL);

      convene_launcher_open_file_async (CONVENE_LAUNCHER (f->launcher), file, NULL, NULL,
                                        open_file_done_cb, &error);
      ui_test_assert_eventually (error != NULL);
      g_assert_error (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_REFUSED);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) sibling = g_file_new_build_filename (g_get_user_cache_dir (),
                                                          APP_ID "-other", "x.ics", NULL);

    /* A directory whose name only starts like ours. */
    convene_launcher_open_file_async (CONVENE_LAUNCHER (f->launcher), sibling, NULL, NULL,
                                      open_file_done_cb, &error);
    ui_test_assert_eventually (error != NULL);
    g_assert_error (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_REFUSED);
  }

  g_assert_cmpuint (f->launcher->uris->len, ==, 0);
  g_assert_false (convene_launcher_check_uri ("file:///tmp/networking.ics", NULL));
}

static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return GTK_FILE_CHOOSER (window);
    }

  return NULL;
}

static gboolean
chooser_file_is (GtkFileChooser *chooser,
                 GFile          *expected)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL && g_file_equal (file, expected);
}

/* Answers the file chooser of an export: saves as @name in @folder, or
 * under the name it proposes.
 */
static void
save_in_chooser (const char *folder,
                 const char *name)
{
  GtkFileChooser *chooser;
  g_autofree char *proposed = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  ui_test_assert_eventually ((chooser = find_file_chooser ()) != NULL);

  proposed = gtk_file_chooser_get_current_name (chooser);
  path = g_build_filename (folder, name ? name : proposed, NULL);
  file = g_file_new_for_path (path);

  /* As typed into the name entry. */
  gtk_file_chooser_set_current_name (chooser, path);
  ui_test_assert_eventually (chooser_file_is (chooser, file));
  /* As a click on Save does. */
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           GTK_RESPONSE_ACCEPT));
}

static void
test_save_as (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "networking.ics", NULL);
  g_autofree char *expected = expected_group_ics (f->window, "networking");
  g_autofree char *contents = NULL;
  GtkFileChooser *chooser;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  /* The menu's "Save As…": a file chooser that proposes "<group>.ics". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_meeting_row (f->window)),
                                             "meeting.save-calendar", NULL));
  ui_test_assert_eventually ((chooser = find_file_chooser ()) != NULL);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "networking.ics");
    g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  }
  save_in_chooser (f->tmpdir, NULL);

  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window),
                                        "Saved “networking.ics”") == 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_null (find_file_chooser ());

  /* A failure says why: nobody, not even root, makes files in /proc. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-meeting",
                                             "s", "networking"));
  save_in_chooser ("/proc", "convene-test.ics");
  ui_test_assert_eventually (g_str_has_prefix (convene_window_get_last_toast (f->window),
                                               "Could not save “convene-test.ics”: "));
  g_test_message ("%s", convene_window_get_last_toast (f->window));

  /* Cancelling writes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-meeting",
                                             "s", "integrations"));
  ui_test_assert_eventually ((chooser = find_file_chooser ()) != NULL);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ui_test_drain ();
  g_assert_null (find_file_chooser ());
  {
    g_autofree char *integrations = g_build_filename (f->tmpdir, "integrations.ics", NULL);

    g_assert_false (g_file_test (integrations, G_FILE_TEST_EXISTS));
  }

  /* Nothing to save: a toast, no chooser. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-meeting",
                                             "s", "steering"));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "This group’s meeting time is not known");
  g_assert_null (find_file_chooser ());

  g_assert_cmpuint (f->launcher->uris->len, ==, 0);
}

static void
test_export_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "istio-meetings.ics", NULL);
  g_autoptr(GDateTime) now = parse_time (WEEK_NOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  GtkFileChooser *chooser;
  GtkMenuButton *menu_button = NULL;

  expected = convene_ics_for_registry_at (convene_window_get_registry (f->window), now, &error);
  g_assert_no_error (error);

  /* In the main menu. */
  {
    g_autoptr(GPtrArray) buttons = ui_test_find_all (f->window, GTK_TYPE_MENU_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
        menu_button = g_ptr_array_index (buttons, i);
  }
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button),
                                  "win.export-all-meetings", "_Export All Meetings…"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-all-meetings",
                                             NULL));
  ui_test_assert_eventually ((chooser = find_file_chooser ()) != NULL);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "istio-meetings.ics");
  }
  save_in_chooser (f->tmpdir, NULL);

  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window),
                                        "Saved “istio-meetings.ics”") == 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  /* A registry without a known time has nothing to export. */
  {
    g_autoptr(ConveneRegistry) registry = make_registry ();

    convene_window_set_registry (f->window, registry);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-all-meetings",
                                               NULL));
    ui_test_drain ();
    g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "No meeting time is known");
    g_assert_null (find_file_chooser ());
  }
}

/* Screenshots, for people to look at */

static void
test_screenshots (void)
{
  ConveneWindow *window;

  ui_test_reset_settings ();
  convene_application_load_registry (app, NULL);

  window = open_window (1000, 700);
  set_now (window, NETWORKING_START, -5 * 60);
  convene_window_show_group (window, "networking");
  ui_test_save_screenshot (window, "meetings-group.png");

  set_now (window, NETWORKING_START, 10 * 60);
  ui_test_save_screenshot (window, "meetings-group-live.png");

  set_now (window, WEEK_NOW, 0);
  convene_window_show_overview (window);
  ui_test_save_screenshot (window, "meetings-overview.png");
  ui_test_close_window (window);

  window = open_window (360, 640);
  set_now (window, NETWORKING_START, -15 * 60);
  convene_window_show_group (window, "networking");
  ui_test_save_screenshot (window, "meetings-narrow.png");
  ui_test_close_window (window);

  ui_test_reset_settings ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Local time and names of days are Berlin's and English, whatever the
   * machine: set before GTK reads them.
   */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");

  /* A home of our own: the calendar files go to its cache, the file
   * chooser starts in it and keeps its recent files there. Not
   * G_TEST_OPTION_ISOLATE_DIRS, which would hide the system's MIME
   * database and icons.
   */
  home = ui_test_make_tmpdir ("convene-test-meetings-home-XXXXXX");
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const dirs[][2] = {
        { "XDG_CACHE_HOME", ".cache" },
        { "XDG_CONFIG_HOME", ".config" },
        { "XDG_DATA_HOME", ".local/share" },
      };
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (dirs[i][0], dir, TRUE);
    }
  g_assert_cmpint (g_chdir (home), ==, 0);

  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();

#define ADD(path, func) \
  g_test_add ("/meetings/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("group-row", test_group_row);
  ADD ("clock-format", test_clock_format);
  ADD ("live-colour", test_live_colour);
  ADD ("several-meetings", test_several_meetings);
  ADD ("group-row/schedules", test_group_row_schedules);
  ADD ("join", test_join);
  ADD ("badges", test_badges);
  ADD ("timer-fires", test_timer_fires);
  ADD ("upcoming-week", test_upcoming_week);
  ADD ("upcoming-week/capped", test_upcoming_week_capped);
  ADD ("open-in-calendar", test_open_in_calendar);
  ADD ("launcher-files", test_launcher_files);
  ADD ("save-as", test_save_as);
  ADD ("export-all", test_export_all);

#undef ADD

  g_test_add_func ("/meetings/screenshots", test_screenshots);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  ui_test_remove_tree (home);
  return status;
}
