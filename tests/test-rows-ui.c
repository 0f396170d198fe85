/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "convene-application.h"
#include "convene-group-page.h"
#include "convene-launcher.h"
#include "convene-link-row.h"
#include "convene-markdown.h"
#include "convene-meeting-row.h"
#include "convene-person-row.h"
#include "convene-sidebar-row.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* The rows of the pages as a person meets them: what a failed launch
 * says and offers, the menus a mouse reaches, the rows at 360 px.
 */

#define NETWORKING_MEETING "https://plus.google.com/hangouts/_/google.com/istio-net"

static ConveneApplication *app;

/* Widget tree helpers */

static gpointer
find_titled (gpointer    root,
             GType       type,
             const char *title)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (found, i);
      const char *text = NULL;

      if (ADW_IS_PREFERENCES_ROW (widget))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      else if (ADW_IS_PREFERENCES_GROUP (widget))
        text = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
      else if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));
      else if (GTK_IS_LABEL (widget))
        text = gtk_label_get_label (GTK_LABEL (widget));

      if (g_strcmp0 (text, title) == 0)
        return widget;
    }

  return NULL;
}

static GPtrArray *
rows_of_group (gpointer    root,
               const char *group_title,
               GType       type)
{
  gpointer group = find_titled (root, ADW_TYPE_PREFERENCES_GROUP, group_title);

  g_assert_nonnull (group);
  return ui_test_find_all (group, type);
}

static gpointer
first_row_of_group (gpointer    root,
                    const char *group_title,
                    GType       type)
{
  g_autoptr(GPtrArray) rows = rows_of_group (root, group_title, type);

  g_assert_cmpuint (rows->len, >, 0);
  return g_ptr_array_index (rows, 0);
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
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_strcmp0 (item_label, label) == 0)
        return TRUE;

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

/* The popover menu a secondary click on @row opens, or NULL */
static GtkPopoverMenu *
secondary_click (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GtkPopoverMenu *menu = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* GTK cannot make a real click; the gesture's signal is what a
       * click of the third button ends in.
       */
      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        g_signal_emit_by_name (controller, "pressed", 1, 10.0, 10.0);
    }

  ui_test_drain ();
  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
      menu = GTK_POPOVER_MENU (child);

  return menu;
}

static gboolean
has_long_press (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_LONG_PRESS (controller))
        return TRUE;
    }

  return FALSE;
}

/* The button of the toast shown last, found on screen */
static GtkButton *
find_toast_button (ConveneWindow *window,
                   const char    *label)
{
  GtkButton *button = NULL;

  ui_test_assert_eventually ((button = find_titled (window, GTK_TYPE_BUTTON, label)) != NULL);
  return button;
}

/* Fixture: a window of the shared application */

typedef struct
{
  int width;
  int height;
} WindowSize;

static const WindowSize wide = { 1000, 700 };
static const WindowSize narrow = { 360, 640 };

typedef UiTestFixture Fixture;

static ConveneWindow *
open_window (const WindowSize *size)
{
  ConveneWindow *window = ui_test_window_new (app);

  convene_window_set_avatar_cache (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (window));

  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             gtk_widget_get_width (GTK_WIDGET (window)) > size->width - 16 &&
                             gtk_widget_get_width (GTK_WIDGET (window)) <= size->width);
  ui_test_drain ();
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const WindowSize *size = data ? data : &wide;

  ui_test_fixture_setup (f, "convene-test-rows-XXXXXX");

  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = open_window (size);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_test_fixture_teardown (f);
}

/* Opening what nothing can open */

static void
test_no_handler_link (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *row;
  GtkButton *copy;
  GdkClipboard *clipboard;

  /* What GIO says on a desktop without a browser. */
  f->launcher->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                            "Operation not supported");

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  row = first_row_of_group (f->window, "Meetings", CONVENE_TYPE_MEETING_ROW);
  g_assert_true (gtk_widget_activate_action (row, "meeting.join", NULL));
  ui_test_assert_eventually (convene_window_get_last_toast (f->window) != NULL);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==, NETWORKING_MEETING);

  /* Plain words, not GIO's. */
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "No application is set up to open web links");

  /* The toast offers the link, and its button copies it. */
  copy = find_toast_button (f->window, "Copy Link");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (copy)), ==, "win.copy-uri");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
    GTK_ACTIONABLE (copy)), NULL), ==, NETWORKING_MEETING);
  g_signal_emit_by_name (copy, "clicked");
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window),
                                        "Link copied") == 0);

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  {
    GValue text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text,
                                                   NULL));
    g_assert_cmpstr (g_value_get_string (&text), ==, NETWORKING_MEETING);
    g_value_unset (&text);
  }

  /* Email links say so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-uri", "s",
                                             "mailto:someone@example.org"));
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window),
                                        "No application is set up to open email links") == 0);
}

static void
test_no_handler_calendar (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), APP_ID, "ics",
                                            "networking.ics", NULL);
  g_autofree char *expected = NULL;

  /* What GIO says when the calendar's desktop file wants a terminal. */
  f->launcher->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                            "Unable to find terminal required for application");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-meeting-calendar",
                                             "s", "networking"));
  ui_test_assert_eventually (convene_window_get_last_toast (f->window) != NULL);

  /* The file was written: the toast says where. */
  expected = g_strdup_printf ("No application is set up to open calendar files. "
                              "The calendar was saved as %s", path);
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Copy Link by mouse */

static void
test_context_menus (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *link_row;
  GtkWidget *meeting_row;
  GtkPopoverMenu *menu;
  GtkMenuButton *menu_button;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  /* A link: right-click and long press open a menu with Copy Link. */
  link_row = find_titled (f->window, CONVENE_TYPE_LINK_ROW, "Meeting Notes");
  g_assert_nonnull (link_row);
  g_assert_true (has_long_press (link_row));
  menu = secondary_click (link_row);
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (menu), "link.copy",
                                  "_Copy Link"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* A meeting: the same, and its menu button. */
  meeting_row = first_row_of_group (f->window, "Meetings", CONVENE_TYPE_MEETING_ROW);
  g_assert_true (has_long_press (meeting_row));
  menu = secondary_click (meeting_row);
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (menu), "meeting.copy",
                                  "_Copy Link"));
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (menu), "meeting.join",
                                  "_Join"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  menu_button = ui_test_find_one (meeting_row, GTK_TYPE_MENU_BUTTON);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "meeting.copy",
                                  "_Copy Link"));

  /* And the meetings of the week on the overview. */
  convene_window_show_overview (f->window);
  ui_test_drain ();
  {
    g_autoptr(GPtrArray) rows = ui_test_find_all (f->window, CONVENE_TYPE_MEETING_ROW);

    g_assert_cmpuint (rows->len, >, 0);
    for (guint i = 0; i < rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (rows, i);

        if (convene_meeting_get_url (convene_meeting_row_get_meeting (CONVENE_MEETING_ROW (row)))
            == NULL)
          continue;

        menu = secondary_click (row);
        g_assert_nonnull (menu);
        g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (menu), "meeting.copy",
                                        "_Copy Link"));
        gtk_popover_popdown (GTK_POPOVER (menu));
      }
  }
}

/* Labels and duplicates */

static char *
join_rows (GPtrArray *rows,
           gboolean   subtitles)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      gpointer row = g_ptr_array_index (rows, i);

      if (i > 0)
        g_string_append_c (out, '|');
      if (subtitles && ADW_IS_ACTION_ROW (row))
        g_string_append (out, adw_action_row_get_subtitle (row));
      else
        g_string_append (out, adw_preferences_row_get_title (row));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static ConveneRegistry *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "istio", name, NULL);
  g_autoptr(GError) error = NULL;
  ConveneRegistry *registry;

  registry = convene_markdown_import_file (path, "https://github.com/istio/community/blob/master/",
                                           NULL, &error);
  g_assert_no_error (error);
  return registry;
}

static void
test_link_labels (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = import_fixture ("WORKING-GROUPS-2026-08-20.md");
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;

  convene_window_set_registry (f->window, registry);
  ui_test_drain ();

  /* The community's own labels: the channel, not the chat's host. */
  g_assert_true (convene_window_show_group (f->window, "docs"));
  ui_test_drain ();
  links = rows_of_group (f->window, "Links", CONVENE_TYPE_LINK_ROW);
  titles = join_rows (links, FALSE);
  subtitles = join_rows (links, TRUE);
  g_test_message ("%s / %s", titles, subtitles);
  g_assert_nonnull (strstr (titles, "Chat"));
  g_assert_nonnull (strstr (subtitles, "#docs"));
  g_assert_null (strstr (subtitles, "istio.slack.com"));
  /* "Folder" says nothing the title does not: where it leads does. */
  g_assert_nonnull (strstr (subtitles, "drive.google.com/drive/folders/16Alb6m30ypLbz3iVv2OTjpqUHO8NJIUv"));

  /* The overview: every calendar row says which, the team drive the
   * intro names is not a row too, and no two rows are the same.
   */
  convene_window_show_overview (f->window);
  ui_test_drain ();
  g_clear_pointer (&links, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);
  g_clear_pointer (&subtitles, g_free);
  links = ui_test_find_all (f->window, CONVENE_TYPE_LINK_ROW);
  titles = join_rows (links, FALSE);
  subtitles = join_rows (links, TRUE);
  g_test_message ("%s / %s", titles, subtitles);
  for (guint i = 0; i < links->len; i++)
    for (guint j = i + 1; j < links->len; j++)
      {
        gpointer a = g_ptr_array_index (links, i);
        gpointer b = g_ptr_array_index (links, j);

        g_assert_false (g_strcmp0 (adw_preferences_row_get_title (a),
                                   adw_preferences_row_get_title (b)) == 0 &&
                        g_strcmp0 (adw_action_row_get_subtitle (a),
                                   adw_action_row_get_subtitle (b)) == 0);
        g_assert_cmpstr (convene_link_row_get_uri (a), !=, convene_link_row_get_uri (b));
      }
  g_assert_null (strstr (subtitles, "1l_zqgBq_yfc1PfbJiWsFubXBtAz22sau"));
  g_assert_nonnull (strstr (subtitles, "istio-working-group-calendar-invites@"));
}

static void
test_two_roles (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Sandbox");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConveneGroup) group = convene_group_new ("lab", "Lab");
  g_autoptr(ConvenePerson) zoe = convene_person_new ("zoe", "Zoë Example");
  g_autoptr(ConvenePerson) ann = convene_person_new ("ann", "Ann Other");
  g_autoptr(GPtrArray) rows = NULL;
  const ConveneRole roles[] = { CONVENE_ROLE_LEAD, CONVENE_ROLE_CHAIR };

  convene_person_set_company (zoe, "Ñandú Systems");
  convene_registry_add_person (registry, zoe);
  convene_registry_add_person (registry, ann);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(ConveneLead) lead = convene_lead_new (zoe, roles[i]);

      convene_group_add_lead (group, lead);
    }
  {
    g_autoptr(ConveneLead) lead = convene_lead_new (ann, CONVENE_ROLE_LEAD);

    convene_group_add_lead (group, lead);
  }
  convene_registry_add_group (registry, group);
  convene_window_set_registry (f->window, registry);

  g_assert_true (convene_window_show_group (f->window, "lab"));
  ui_test_drain ();
  rows = rows_of_group (f->window, "Leads", CONVENE_TYPE_PERSON_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Zoë Example");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==,
                   "Ñandú Systems · Lead, Chair");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Ann Other");
}

/* Once each, and empty sections */

static void
test_overview_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = import_fixture ("WORKING-GROUPS-2026-08-20.md");
  ConveneCommunity *community = convene_registry_get_community (registry);
  GListModel *shared = convene_community_get_meetings (community);
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GPtrArray) community_rows = NULL;
  gpointer group;

  g_assert_cmpuint (g_list_model_get_n_items (shared), ==, 1);
  convene_window_set_registry (f->window, registry);
  convene_window_show_overview (f->window);
  ui_test_drain ();

  /* The weekly shared meeting is in its own section, not in the week's. */
  community_rows = rows_of_group (f->window, "Community Meetings", CONVENE_TYPE_MEETING_ROW);
  g_assert_cmpuint (community_rows->len, ==, 1);
  group = find_titled (f->window, ADW_TYPE_PREFERENCES_GROUP, "Upcoming This Week");
  if (group != NULL)
    {
      week = ui_test_find_all (group, CONVENE_TYPE_MEETING_ROW);
      for (guint i = 0; i < week->len; i++)
        g_assert_false (convene_meeting_row_get_meeting (g_ptr_array_index (week, i)) ==
                        convene_meeting_row_get_meeting (g_ptr_array_index (community_rows, 0)));
    }

  /* A group without its own meeting says it attends the community's. */
  g_assert_true (convene_window_show_group (f->window, "docs"));
  ui_test_drain ();
  group = find_titled (f->window, ADW_TYPE_PREFERENCES_GROUP, "Meetings");
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "No meeting of its own: the group attends the community meeting");
}

static void
test_empty_group (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Sandbox");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autoptr(ConveneGroup) group = convene_group_new ("bare", "Bare");
  const char * const topics[] = { "Nothing much", "Quiet", NULL };
  const struct {
    const char *title;
    const char *description;
  } sections[] = {
    { "Meetings", "The registry lists no meeting for this group" },
    { "Links", "The registry lists no links for this group" },
    { "Leads", "The registry names no leads for this group" },
  };
  GtkWidget *topics_label;

  convene_group_set_topics (group, topics);
  convene_registry_add_group (registry, group);
  {
    g_autoptr(ConveneGroup) full = convene_group_new ("full", "Full");
    g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_WIKI, "Handbook",
                                                    "https://example.org/handbook");

    convene_group_add_link (full, link);
    convene_registry_add_group (registry, full);
  }
  convene_window_set_registry (f->window, registry);
  g_assert_true (convene_window_show_group (f->window, "bare"));
  ui_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      AdwPreferencesGroup *section = find_titled (f->window, ADW_TYPE_PREFERENCES_GROUP,
                                                  sections[i].title);
      g_autoptr(GPtrArray) lists = NULL;

      g_assert_nonnull (section);
      g_assert_cmpstr (adw_preferences_group_get_description (section), ==,
                       sections[i].description);
      lists = ui_test_find_all (section, GTK_TYPE_LIST_BOX);
      g_assert_cmpuint (lists->len, ==, 0);
    }

  /* Topics: dimmed text that does not look like a link. */
  topics_label = find_titled (f->window, GTK_TYPE_LABEL, "Nothing much, Quiet");
  g_assert_nonnull (topics_label);
  g_assert_true (gtk_widget_has_css_class (topics_label, "dim-label"));
  g_assert_false (gtk_widget_has_css_class (topics_label, "accent"));
  g_assert_false (gtk_widget_has_css_class (topics_label, "heading"));

  /* A group with links next: its list, and no note. */
  g_assert_true (convene_window_show_group (f->window, "full"));
  ui_test_drain ();
  {
    AdwPreferencesGroup *links = find_titled (f->window, ADW_TYPE_PREFERENCES_GROUP, "Links");
    g_autoptr(GPtrArray) rows = ui_test_find_all (links, CONVENE_TYPE_LINK_ROW);
    const char *description = adw_preferences_group_get_description (links);

    g_assert_cmpstr (description ? description : "", ==, "");
    g_assert_cmpuint (rows->len, ==, 1);
  }
}

/* Smaller things */

static void
test_overview_groups_row (Fixture       *f,
                          gconstpointer  data)
{
  AdwLeaflet *leaflet = ui_test_find_one (f->window, ADW_TYPE_LEAFLET);
  GtkWidget *row;

  convene_window_show_overview (f->window);
  ui_test_drain ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  /* Not a dead row: it leads to the groups, which the sidebar lists. */
  row = find_titled (f->window, ADW_TYPE_ACTION_ROW, "Working Groups");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.show-groups");
  gtk_widget_activate (row);
  ui_test_drain ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
}

static void
test_page_headings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *heading;
  int height = -1;

  /* The People page is headed like the others. */
  convene_window_show_people (f->window);
  ui_test_drain ();
  heading = ui_test_lookup_css_class (f->window, GTK_TYPE_LABEL, "title-1");
  g_assert_nonnull (heading);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==, "People");

  /* Sidebar rows of groups have one height, with topics or without
   * (Steering has none).
   */
  ui_test_wait_frames (f->window, 2);
  rows = ui_test_find_all (f->window, CONVENE_TYPE_SIDEBAR_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      ConveneSidebarRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (convene_sidebar_row_get_page (row), "group") != 0)
        continue;
      g_test_message ("%s: %d px", convene_sidebar_row_get_title (row),
                      gtk_widget_get_height (GTK_WIDGET (row)));
      if (height < 0)
        height = gtk_widget_get_height (GTK_WIDGET (row));
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), ==, height);
    }
  g_assert_cmpint (height, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();

#define ADD(path, size, func) \
  g_test_add ("/rows/" path, Fixture, size, fixture_setup, func, fixture_teardown)

  ADD ("no-handler/link", &wide, test_no_handler_link);
  ADD ("no-handler/calendar", &wide, test_no_handler_calendar);
  ADD ("context-menus", &wide, test_context_menus);
  ADD ("link-labels", &wide, test_link_labels);
  ADD ("two-roles", &wide, test_two_roles);
  ADD ("overview-once", &wide, test_overview_once);
  ADD ("empty-group", &wide, test_empty_group);
  ADD ("overview-groups-row", &narrow, test_overview_groups_row);
  ADD ("page-headings", &wide, test_page_headings);

#undef ADD

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
