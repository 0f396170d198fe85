/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "convene-application.h"
#include "convene-context.h"
#include "convene-my-week.h"
#include "convene-my-week-page.h"
#include "convene-registries.h"
#include "convene-sidebar-item.h"
#include "convene-sidebar-row.h"
#include "convene-stars.h"
#include "convene-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* Starring in the real window: the star button and Ctrl+D's action, the
 * setting they write, and the sidebar's Starred section.
 */

static ConveneApplication *app;

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (f, "convene-test-stars-XXXXXX");

  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = ui_test_window_new (app);
  convene_window_set_avatar_cache (f->window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  ui_test_drain ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  ui_test_fixture_teardown (f);
  g_settings_reset (settings, CONVENE_STARS_KEY);
}

static GtkButton *
find_star_button (ConveneWindow *window)
{
  g_autoptr(GPtrArray) buttons = ui_test_find_all (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkActionable *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (button), "win.toggle-star") == 0)
        return GTK_BUTTON (button);
    }

  return NULL;
}

/* The My Week page once it is shown and collected */
static ConveneMyWeekPage *
wait_my_week (ConveneWindow *window)
{
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_page (window), "my-week") == 0 &&
                             !convene_window_get_my_week_pending (window));
  ui_test_drain ();
  return ui_test_find_one (window, CONVENE_TYPE_MY_WEEK_PAGE);
}

static void
test_star_group (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GListModel *sidebar = convene_window_get_sidebar_model (f->window);
  g_auto(GStrv) stars = NULL;
  g_autoptr(GObject) my_week = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  guint n_before = g_list_model_get_n_items (sidebar);
  GtkButton *button;

  g_assert_true (ui_test_has_shortcut (f->window, "<Control>d", "action(win.toggle-star)"));

  /* Nothing to star on the overview */
  g_assert_null (find_star_button (f->window));

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  button = find_star_button (f->window);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_icon_name (button), ==, "non-starred-symbolic");
  g_assert_false (convene_window_get_group_starred (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  ui_test_drain ();
  stars = g_settings_get_strv (settings, CONVENE_STARS_KEY);
  g_assert_cmpuint (g_strv_length (stars), ==, 1);
  g_assert_cmpstr (stars[0], ==, CONVENE_BUNDLED_SOURCE_ID "/networking");
  g_assert_true (convene_window_get_group_starred (f->window));
  g_assert_cmpstr (gtk_button_get_icon_name (button), ==, "starred-symbolic");

  /* My Week first, then the group under its own heading */
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, n_before + 3);
  my_week = g_list_model_get_item (sidebar, 0);
  first = g_list_model_get_item (sidebar, 1);
  second = g_list_model_get_item (sidebar, 2);
  g_assert_true (CONVENE_IS_SIDEBAR_ITEM (my_week));
  g_assert_cmpint (convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (my_week)), ==,
                   CONVENE_SIDEBAR_ITEM_MY_WEEK);
  g_assert_cmpstr (convene_sidebar_item_get_title (CONVENE_SIDEBAR_ITEM (my_week)), ==, "My Week");
  g_assert_true (CONVENE_IS_SIDEBAR_ITEM (first));
  g_assert_cmpint (convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (first)), ==,
                   CONVENE_SIDEBAR_ITEM_HEADING);
  g_assert_cmpstr (convene_sidebar_item_get_title (CONVENE_SIDEBAR_ITEM (first)), ==, "Starred");
  g_assert_true (CONVENE_IS_GROUP (second));
  g_assert_cmpstr (convene_group_get_id (CONVENE_GROUP (second)), ==, "networking");

  /* My Week opens from the sidebar, as a page of the window, its row
   * selected; Back is not needed, as from any sidebar row.
   */
  {
    g_autoptr(GPtrArray) views = ui_test_find_all (f->window, GTK_TYPE_LIST_VIEW);
    GtkSingleSelection *selection;

    g_assert_cmpuint (views->len, >=, 1);
    g_signal_emit_by_name (g_ptr_array_index (views, 0), "activate", 0);
    g_assert_nonnull (wait_my_week (f->window));
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
    selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (g_ptr_array_index (views, 0)));
    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  }

  /* Back on the group, unstarring removes the section */
  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  ui_test_drain ();
  g_assert_false (convene_window_get_group_starred (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, n_before);
}

static void
test_star_any_group (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GListModel *sidebar = convene_window_get_sidebar_model (f->window);
  guint n_before = g_list_model_get_n_items (sidebar);

  /* As the sidebar row's menu does: a group that is not shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-group-starred",
                                             "(sb)", "security", TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-group-starred",
                                             "(sb)", "networking", TRUE));
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, n_before + 4);
  g_assert_true (convene_stars_get (settings, CONVENE_STARS_KEY, CONVENE_BUNDLED_SOURCE_ID,
                                    "security"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-group-muted",
                                             "(sb)", "security", TRUE));
  g_assert_true (convene_stars_get (settings, CONVENE_STARS_MUTED_KEY, CONVENE_BUNDLED_SOURCE_ID,
                                    "security"));
  g_settings_reset (settings, CONVENE_STARS_MUTED_KEY);

  /* Stars set elsewhere (another window, the command line) show too */
  g_settings_set_strv (settings, CONVENE_STARS_KEY, NULL);
  ui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (sidebar), ==, n_before);
}

/* The titles of the page's rows, top to bottom */
static GPtrArray *
row_titles (ConveneMyWeekPage *page)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (page, ADW_TYPE_ACTION_ROW);
  GPtrArray *titles = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (titles,
                     (gpointer) adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
  return titles;
}

/* Whether a row of @group_name says @text under its title */
static gboolean
row_says (ConveneMyWeekPage *page,
          const char        *group_name,
          const char        *text)
{
  g_autoptr(GPtrArray) rows = NULL;

  ui_test_drain ();
  rows = ui_test_find_all (page, ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), group_name) == 0 &&
        strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)), text) != NULL)
      return TRUE;
  return FALSE;
}

/* My Week from every remembered registry, as a page of the window: an
 * empty state that explains stars (from the primary menu's action), then,
 * as soon as groups are starred, their meetings soonest first with their
 * community and Join.
 */
static void
test_my_week_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ConveneRegistry *registry = convene_application_get_registry (app);
  ConveneRegistries *registries =
    convene_context_get_registries (convene_application_get_context (app));
  const char *community = convene_community_get_name (convene_registry_get_community (registry));
  /* Weekly: always once in the seven days ahead */
  ConveneGroup *group = convene_registry_lookup_group (registry, "integrations");
  ConveneMyWeekPage *page;
  AdwStatusPage *status;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_auto(GStrv) stars = NULL;
  gboolean join = FALSE;

  g_assert_nonnull (group);

  /* What the primary menu's "My Week" does */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-my-week", NULL);
  page = wait_my_week (f->window);
  g_assert_nonnull (page);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  status = ui_test_find_one (page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Starred Groups");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Star a group"));
  g_assert_cmpuint (convene_my_week_page_get_n_entries (page), ==, 0);

  /* Starred while the page is shown: it follows */
  convene_stars_set (settings, CONVENE_STARS_KEY, CONVENE_BUNDLED_SOURCE_ID, "integrations",
                     TRUE);
  convene_stars_set (settings, CONVENE_STARS_KEY, CONVENE_BUNDLED_SOURCE_ID, "networking",
                     TRUE);
  ui_test_assert_eventually (convene_my_week_page_get_n_entries (page) > 0 &&
                             !convene_window_get_my_week_pending (f->window));
  ui_test_drain ();
  {
    g_autoptr(GPtrArray) statuses = ui_test_find_all (page, ADW_TYPE_STATUS_PAGE);

    g_assert_cmpuint (statuses->len, ==, 0);
  }

  /* The rows are the week's entries, in its order, soonest first */
  stars = g_settings_get_strv (settings, CONVENE_STARS_KEY);
  now = g_date_time_new_now_utc ();
  week = convene_my_week_collect (convene_registries_get_list (registries),
                                  (const char * const *) stars, now, NULL);
  titles = row_titles (page);
  g_assert_cmpuint (titles->len, ==, week->entries->len);
  for (guint i = 0; i < week->entries->len; i++)
    {
      ConveneMyWeekEntry *entry = g_ptr_array_index (week->entries, i);

      g_assert_cmpstr (g_ptr_array_index (titles, i), ==, convene_group_get_name (entry->group));
      if (i > 0)
        {
          ConveneMyWeekEntry *before = g_ptr_array_index (week->entries, i - 1);

          g_assert_cmpint (g_date_time_compare (before->start, entry->start), <=, 0);
        }
    }
  g_assert_true (g_ptr_array_find_with_equal_func (titles, convene_group_get_name (group),
                                                   g_str_equal, NULL));

  /* Each with its community */
  rows = ui_test_find_all (page, ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)),
                                     community));
  buttons = ui_test_find_all (page, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "app.join-meeting") == 0)
      join = TRUE;
  g_assert_true (join);

  /* The clock passes the start of a meeting, then its end: live, then
   * gone from the group's rows.
   */
  {
    ConveneMyWeekEntry *entry = NULL;
    ConveneUpcoming *upcoming = convene_window_get_upcoming (f->window);
    const char *name;
    g_autoptr(GDateTime) live = NULL;
    g_autoptr(GDateTime) after = NULL;

    /* One that is neither live nor soon now */
    for (guint i = 0; i < week->entries->len && entry == NULL; i++)
      if (((ConveneMyWeekEntry *) g_ptr_array_index (week->entries, i))->state ==
          CONVENE_MEETING_STATE_NONE)
        entry = g_ptr_array_index (week->entries, i);
    g_assert_nonnull (entry);
    name = convene_group_get_name (entry->group);
    live = g_date_time_add_minutes (entry->start, 1);
    after = g_date_time_add_minutes (entry->end, 1);

    g_assert_false (row_says (page, name, "Live now"));
    g_assert_false (row_says (page, name, "Soon"));
    convene_upcoming_set_fixed_now (upcoming, live);
    ui_test_assert_eventually (row_says (page, name, "Live now"));
    convene_upcoming_set_fixed_now (upcoming, after);
    ui_test_assert_eventually (!row_says (page, name, "Live now") &&
                               !convene_window_get_my_week_pending (f->window));
    convene_upcoming_set_fixed_now (upcoming, NULL);
  }

  /* Unstarred, the empty state again */
  g_settings_set_strv (settings, CONVENE_STARS_KEY, NULL);
  ui_test_assert_eventually (convene_my_week_page_get_n_entries (page) == 0 &&
                             !convene_window_get_my_week_pending (f->window));
  ui_test_drain ();
  status = ui_test_find_one (page, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Starred Groups");
}

/* A group's row in the sidebar opens a Star menu from the keyboard */
static void
test_row_menu (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (f->window, CONVENE_TYPE_SIDEBAR_ROW);
  g_autoptr(GPtrArray) popovers = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *box = NULL;
  gboolean opened = FALSE;

  /* The rows of groups: the second and later (Overview is the first) */
  g_assert_cmpuint (rows->len, >, 2);
  box = gtk_widget_get_parent (g_ptr_array_index (rows, 2));
  controllers = gtk_widget_observe_controllers (box);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      g_autoptr(GtkShortcut) shortcut = NULL;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcut = g_list_model_get_item (G_LIST_MODEL (controller), 0);
      opened = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, box, NULL);
    }
  g_assert_true (opened);
  ui_test_drain ();

  popovers = ui_test_find_all (box, GTK_TYPE_POPOVER_MENU);
  g_assert_cmpuint (popovers->len, ==, 1);
  gtk_popover_popdown (g_ptr_array_index (popovers, 0));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");
  int status;

  g_test_init (&argc, &argv, NULL);
  app = ui_test_application_new ();

  g_test_add ("/stars-ui/star-group", Fixture, NULL, fixture_setup, test_star_group,
              fixture_teardown);
  g_test_add ("/stars-ui/star-any-group", Fixture, NULL, fixture_setup, test_star_any_group,
              fixture_teardown);

  g_test_add ("/stars-ui/row-menu", Fixture, NULL, fixture_setup, test_row_menu,
              fixture_teardown);
  g_test_add ("/stars-ui/my-week-page", Fixture, NULL, fixture_setup, test_my_week_page,
              fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
