/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <fcntl.h>
#include <unistd.h>

#include "convene-application.h"
#include "convene-context.h"
#include "convene-location.h"
#include "convene-meeting-row.h"
#include "convene-registries.h"
#include "convene-upcoming.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* The registries the user keeps, in the real window: Open Location… and
 * dropped addresses, the switcher and each registry's last group, Refresh
 * and the dialog of what changed, the daily check by a fake clock, the age
 * of the data on the meeting rows, the error page, and Cancel on the
 * loading page. The network is replaced by the hooks of
 * #ConveneRegistries, which record here; test-registry-sources-ui runs
 * the same against a real server.
 */

static ConveneApplication *app;

#define TIMEOUT_SECONDS 30

/* Hooks that record */

typedef struct
{
  GPtrArray *uris;
  guint n_refreshes;
  GPtrArray *changes;
  GError *refresh_error;
  GDateTime *now;
} Recorder;

static Recorder recorder;

static gboolean
record_open_uri (ConveneRegistries  *registries,
                 const char         *uri,
                 gpointer            user_data,
                 GError            **error)
{
  g_ptr_array_add (recorder.uris, g_strdup (uri));
  return TRUE;
}

static void
record_refresh (ConveneRegistries     *registries,
                ConveneRegistrySource *source,
                GTask                 *task,
                gpointer               user_data)
{
  recorder.n_refreshes++;

  if (recorder.refresh_error != NULL)
    g_task_return_error (task, g_error_copy (recorder.refresh_error));
  else if (recorder.changes != NULL)
    g_task_return_pointer (task, g_ptr_array_ref (recorder.changes),
                           (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_pointer (task, g_ptr_array_new (), (GDestroyNotify)g_ptr_array_unref);

  g_object_unref (task);
}

static GDateTime *
record_now (gpointer user_data)
{
  return g_date_time_ref (recorder.now);
}

static const ConveneRegistriesHooks recording_hooks = {
  .open_uri = record_open_uri,
  .refresh = record_refresh,
  .now = record_now,
};

static ConveneRegistries *
get_registries (void)
{
  return convene_context_get_registries (convene_application_get_context (app));
}

/* Registry files */

static void
write_registry (const char *path,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  contents = g_strdup_printf ("{\n"
                              "  \"format_version\": 1,\n"
                              "  \"community\": { \"name\": \"%s\" },\n"
                              "  \"groups\": [\n"
                              "    { \"id\": \"alpha\", \"name\": \"Alpha\" },\n"
                              "    { \"id\": \"beta\", \"name\": \"Beta\" }\n"
                              "  ],\n"
                              "  \"source\": { \"kind\": \"json\", \"date\": \"2026-02-20\" }\n"
                              "}\n", name);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
wait_loaded (void)
{
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
}

/* The id the list knows the registry of @path by. */
static const char *
id_of (const char *path)
{
  ConveneRegistryList *list = convene_registries_get_list (get_registries ());
  ConveneRegistrySource *source = convene_registry_list_lookup_location (list, path);

  return source != NULL ? convene_registry_source_get_id (source) : NULL;
}

static void
load_and_wait (const char *path)
{
  convene_application_load_registry (app, path);
  wait_loaded ();
}

/* Widget helpers */

static gpointer
find_toplevel_with_class (GType       type,
                          const char *css_class)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data) &&
        (css_class == NULL || gtk_widget_has_css_class (l->data, css_class)))
      return l->data;

  return NULL;
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) || ADW_IS_ABOUT_WINDOW (l->data))
      gtk_window_destroy (l->data);
  ui_test_drain ();
}

/* The button of @root with @action_name, mapped, or %NULL. */
static GtkWidget *
find_action_button (gpointer    root,
                    const char *action_name)
{
  g_autoptr(GPtrArray) buttons = ui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action_name)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_strcmp0 (action, action_name) == 0)
        return TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action_name))
        return TRUE;
    }

  return FALSE;
}

static void
set_now (ConveneWindow *window,
         const char    *iso)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (now);
  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  ui_test_drain ();
}

/* The switcher's popover, open, and its rows. */
static GtkListBox *
open_switcher (ConveneWindow *window)
{
  GtkMenuButton *button = NULL;
  g_autoptr(GPtrArray) buttons = ui_test_find_all (window, GTK_TYPE_MENU_BUTTON);
  GtkListBox *list;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), "Registries") == 0)
      button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (button);

  gtk_menu_button_popup (button);
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (
    gtk_menu_button_get_popover (button))));
  list = ui_test_lookup_css_class (gtk_menu_button_get_popover (button), GTK_TYPE_LIST_BOX,
                                   "registries-list");
  g_assert_nonnull (list);
  return list;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *title)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;

  return NULL;
}

/* Fixture */

static void
forget_registries (void)
{
  GListModel *model = convene_registries_get_model (get_registries ());

  while (g_list_model_get_n_items (model) > 1)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (model, 1);
      g_autoptr(GError) error = NULL;

      convene_registries_remove (get_registries (), convene_registry_source_get_id (source),
                                 &error);
      g_assert_no_error (error);
    }
}

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (f, "convene-test-registries-XXXXXX");

  recorder.uris = g_ptr_array_new_with_free_func (g_free);
  convene_registries_set_hooks (get_registries (), &recording_hooks, NULL);

  /* Each test starts with the bundled registry alone, as a new user. */
  convene_application_load_registry (app, NULL);
  forget_registries ();
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
  close_dialogs ();
  if (f->window != NULL)
    convene_upcoming_set_fixed_now (convene_window_get_upcoming (f->window), NULL);
  ui_test_fixture_teardown (f);
  g_assert_false (convene_application_get_loading (app));

  convene_registries_set_hooks (get_registries (), NULL, NULL);
  g_clear_pointer (&recorder.uris, g_ptr_array_unref);
  g_clear_pointer (&recorder.changes, g_ptr_array_unref);
  g_clear_error (&recorder.refresh_error);
  g_clear_pointer (&recorder.now, g_date_time_unref);
  recorder.n_refreshes = 0;
}

/* Open Location… */

static void
test_location_check (void)
{
  struct {
    const char *text;
    const char *uri;
    const char *error;
  } cases[] = {
    { "https://example.org/registry.json", "https://example.org/registry.json", NULL },
    { "  http://example.org/WORKING-GROUPS.md\n", "http://example.org/WORKING-GROUPS.md", NULL },
    { "example.org/registry.json", "https://example.org/registry.json", NULL },
    { "", NULL, "Enter the web address of a registry" },
    { "ftp://example.org/registry.json", NULL,
      "Only addresses that start with https:// or http:// can be opened" },
    { "file:///etc/passwd", NULL,
      "Only addresses that start with https:// or http:// can be opened" },
    { "https://ann:secret@example.org/registry.json", NULL,
      "Addresses with a user name or password are not accepted" },
    { "https://ann@example.org/registry.json", NULL,
      "Addresses with a user name or password are not accepted" },
    { "https:///registry.json", NULL, "This address has no server name" },
    { "https://exa mple.org/", NULL, "This is not a web address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = convene_location_check (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (uri, ==, cases[i].uri);
      g_assert_cmpstr (error ? error->message : NULL, ==, cases[i].error);
    }
}

static void
test_location_dialog (Fixture       *f,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkLabel *error_label;

  g_assert_true (ui_test_has_shortcut (f->window, "<Control>l", "action(win.open-location)"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-location", NULL));
  ui_test_assert_eventually (find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "open-location"));
  dialog = find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "open-location");
  entry = ui_test_find_one (dialog, GTK_TYPE_TEXT);
  g_assert_nonnull (entry);

  /* Empty: Open is off, and nothing is called a mistake yet. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  g_assert_null (ui_test_lookup_css_class (dialog, GTK_TYPE_LABEL, "location-error"));

  gtk_editable_set_text (entry, "https://ann:secret@example.org/registry.json");
  ui_test_drain ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  error_label = ui_test_lookup_css_class (dialog, GTK_TYPE_LABEL, "location-error");
  g_assert_nonnull (error_label);
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "Addresses with a user name or password are not accepted");
  ui_test_save_screenshot (dialog, "registries-open-location.png");

  gtk_editable_set_text (entry, "https://example.org/registry.json");
  ui_test_drain ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "open"));
  g_assert_null (ui_test_lookup_css_class (dialog, GTK_TYPE_LABEL, "location-error"));

  /* Enter in the entry opens it, as the Open button does. */
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (entry)), "activate");
  ui_test_drain ();
  g_assert_cmpuint (recorder.uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.uris, 0), ==, "https://example.org/registry.json");
  g_assert_null (find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "open-location"));
}

/* An address dropped on the window: as a file list and as text. */
static gboolean
drop_value (ConveneWindow *window,
            const GValue  *value)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (target);

  /* What the window accepts: files, and text such as a browser's link. */
  {
    gsize n_types;
    const GType *types = gtk_drop_target_get_gtypes (target, &n_types);
    gboolean found = FALSE;

    for (gsize i = 0; i < n_types; i++)
      found |= types[i] == G_VALUE_TYPE (value);
    g_assert_true (found);
  }

  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &accepted);
  return accepted;
}

static void
test_drop_url (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) web = g_file_new_for_uri ("https://example.org/dropped.json");
  GSList *files = g_slist_prepend (NULL, web);
  GValue value = G_VALUE_INIT;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_assert_true (drop_value (f->window, &value));
  g_value_unset (&value);
  g_slist_free (files);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "# a comment of text/uri-list\r\nhttps://example.org/text.json\r\n");
  g_assert_true (drop_value (f->window, &value));

  g_assert_cmpuint (recorder.uris->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (recorder.uris, 0), ==, "https://example.org/dropped.json");
  g_assert_cmpstr (g_ptr_array_index (recorder.uris, 1), ==, "https://example.org/text.json");

  /* Refused, and said so: credentials, and other schemes. */
  g_value_set_string (&value, "https://ann:secret@example.org/text.json");
  g_assert_false (drop_value (f->window, &value));
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "Addresses with a user name or password are not accepted");
  g_value_set_string (&value, "ftp://example.org/text.json");
  g_assert_false (drop_value (f->window, &value));
  g_value_unset (&value);
  g_assert_cmpuint (recorder.uris->len, ==, 2);
}

/* The switcher */

static void
switch_and_wait (ConveneWindow *window,
                 const char    *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-registry", "s", id));
  wait_loaded ();
}

static void
test_switcher (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->tmpdir, "first.json", NULL);
  g_autofree char *second = g_build_filename (f->tmpdir, "second.json", NULL);
  ConveneRegistry *bundled = convene_application_get_registry (app);
  g_autoptr(ConveneGroup) bundled_group = g_list_model_get_item (G_LIST_MODEL (bundled), 2);
  const char *bundled_id = convene_group_get_id (bundled_group);
  ConveneCommunity *community = convene_registry_get_community (bundled);
  g_autofree char *bundled_name = g_strdup (convene_community_get_name (community));
  GtkListBox *list;
  GtkListBoxRow *row;

  /* The bundled registry on its third group, the first file on Beta, the
   * second on Alpha.
   */
  g_assert_true (convene_window_show_group (f->window, bundled_id));

  write_registry (first, "First");
  load_and_wait (first);
  g_assert_true (convene_window_show_group (f->window, "beta"));

  write_registry (second, "Second");
  load_and_wait (second);
  g_assert_true (convene_window_show_group (f->window, "alpha"));

  list = open_switcher (f->window);
  g_assert_cmpuint (count_rows (list), ==, 3);
  row = find_row (list, bundled_name);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Comes with Convene · Data of 11 December 2017");
  g_assert_nonnull (find_row (list, "First"));
  row = find_row (list, "Second");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "current-registry"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "second.json · Data of 20 February 2026");
  ui_test_save_screenshot (gtk_widget_get_native (GTK_WIDGET (list)), "registries-switcher.png");

  /* Clicking a row switches, and the registry comes back on its group. */
  row = find_row (list, "First");
  g_signal_emit_by_name (row, "activate");
  wait_loaded ();
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, first);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "beta");

  switch_and_wait (f->window, CONVENE_REGISTRY_ENTRY_BUNDLED);
  g_assert_null (convene_application_get_registry_path (app));
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, bundled_id);

  switch_and_wait (f->window, id_of (second));
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "alpha");

  /* The overview is a place to come back to too. */
  convene_window_show_overview (f->window);
  switch_and_wait (f->window, id_of (first));
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "beta");
  switch_and_wait (f->window, id_of (second));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
}

static void
test_switcher_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "kept.json", NULL);
  GListModel *model = convene_registries_get_model (get_registries ());
  guint n_before = g_list_model_get_n_items (model);
  ConveneRegistry *bundled = convene_application_get_registry (app);
  ConveneCommunity *community = convene_registry_get_community (bundled);
  g_autofree char *bundled_name = g_strdup (convene_community_get_name (community));
  GtkListBox *list;
  GtkListBoxRow *row;

  write_registry (path, "Kept");
  load_and_wait (path);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_before + 1);

  /* The bundled row has no remove button; the others have one. */
  list = open_switcher (f->window);
  row = find_row (list, bundled_name);
  g_assert_nonnull (row);
  g_assert_null (ui_test_lookup_css_class (row, GTK_TYPE_BUTTON, "remove-registry"));
  row = find_row (list, "Kept");
  g_assert_nonnull (ui_test_lookup_css_class (row, GTK_TYPE_BUTTON, "remove-registry"));

  /* Asked anyway: refused, said so, kept. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-registry", "s",
                              CONVENE_REGISTRY_ENTRY_BUNDLED);
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "The registry that comes with Convene cannot be removed");
  g_assert_nonnull (convene_registries_lookup (get_registries (), CONVENE_REGISTRY_ENTRY_BUNDLED));

  /* Removing the one shown goes back to the bundled registry. */
  row = find_row (list, "Kept");
  g_assert_nonnull (row);
  /* (A button's activation clicks it a moment later.) */
  gtk_widget_activate (ui_test_lookup_css_class (row, GTK_TYPE_BUTTON, "remove-registry"));
  ui_test_assert_eventually (id_of (path) == NULL);
  wait_loaded ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_before);
  g_assert_null (convene_application_get_registry_path (app));
  g_assert_nonnull (convene_window_get_registry (f->window));
}

/* Age */

static guint
count_stale_notes (ConveneWindow *window,
                   const char    *note)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (window, CONVENE_TYPE_MEETING_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *icon = ui_test_lookup_css_class (g_ptr_array_index (rows, i), GTK_TYPE_IMAGE,
                                                  "stale-time");

      if (icon != NULL)
        {
          g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, note);
          n++;
        }
    }

  return n;
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fresh = g_build_filename (f->tmpdir, "fresh.json", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *bar;

  convene_window_show_overview (f->window);
  set_now (f->window, "2026-03-04T08:00:00Z");
  bar = ui_test_lookup_css_class (f->window, GTK_TYPE_BOX, "stale-bar");
  g_assert_nonnull (bar);
  g_assert_nonnull (find_action_button (bar, "win.refresh"));

  /* Every meeting row of the overview says its time is from 2017. */
  rows = ui_test_find_all (f->window, CONVENE_TYPE_MEETING_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (count_stale_notes (f->window, "From the 2017 data"), ==, rows->len);

  /* A group's own meetings too. */
  {
    g_autoptr(GPtrArray) group_rows = NULL;
    ConveneRegistry *registry = convene_window_get_registry (f->window);
    const char *group_id = NULL;
    guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (registry));

    for (guint i = 0; i < n_groups && group_id == NULL; i++)
      {
        g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);
        GListModel *meetings = convene_registry_get_group_meetings (registry, group, NULL);

        if (g_list_model_get_n_items (meetings) > 0)
          group_id = convene_group_get_id (group);
      }
    g_assert_nonnull (group_id);
    g_assert_true (convene_window_show_group (f->window, group_id));
    ui_test_drain ();
    group_rows = ui_test_find_all (f->window, CONVENE_TYPE_MEETING_ROW);
    g_assert_cmpuint (group_rows->len, >, 0);
    g_assert_cmpuint (count_stale_notes (f->window, "From the 2017 data"), ==, group_rows->len);
    convene_window_show_overview (f->window);
    ui_test_drain ();
  }

  /* By the clock of the week after, the same rows are current. */
  set_now (f->window, "2017-12-18T08:00:00Z");
  g_assert_null (ui_test_lookup_css_class (f->window, GTK_TYPE_BOX, "stale-bar"));
  g_assert_cmpuint (count_stale_notes (f->window, NULL), ==, 0);

  /* A registry of this year: no banner. */
  set_now (f->window, "2026-03-04T08:00:00Z");
  write_registry (fresh, "Fresh");
  load_and_wait (fresh);
  g_assert_null (ui_test_lookup_css_class (f->window, GTK_TYPE_BOX, "stale-bar"));
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GtkWindow *about;
  g_autofree char *comments = NULL;

  /* The icon from the resources: no installed theme has it here. */
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));

  gtk_window_present (GTK_WINDOW (f->window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ui_test_assert_eventually (find_toplevel_with_class (ADW_TYPE_ABOUT_WINDOW, NULL));
  about = find_toplevel_with_class (ADW_TYPE_ABOUT_WINDOW, NULL);
  g_object_get (about, "comments", &comments, NULL);
  g_assert_nonnull (strstr (comments, "Data of 11 December 2017"));
}

/* Refresh */

static void
test_refresh_action (Fixture       *f,
                     gconstpointer  data)
{
  GtkMenuButton *menu_button = NULL;
  g_autoptr(GPtrArray) buttons = ui_test_find_all (f->window, GTK_TYPE_MENU_BUTTON);

  convene_window_show_overview (f->window);
  ui_test_drain ();

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
      menu_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "win.refresh"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button),
                                  "win.open-location"));

  /* On the overview, beside the date. */
  g_assert_nonnull (ui_test_lookup_css_class (f->window, GTK_TYPE_BUTTON, "overview-refresh"));
  g_assert_cmpstr (gtk_actionable_get_action_name (ui_test_lookup_css_class (f->window,
                                                                             GTK_TYPE_BUTTON,
                                                                             "overview-refresh")),
                   ==, "win.refresh");

  /* Ctrl+R still reloads. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.reload");

    g_assert_cmpstr (accels[0], ==, "<Control>r");
  }

  /* Unchanged, and failed: a toast each. */
  gtk_widget_activate (ui_test_lookup_css_class (f->window, GTK_TYPE_BUTTON, "overview-refresh"));
  ui_test_assert_eventually (convene_window_get_last_toast (f->window) != NULL &&
                             g_str_equal (convene_window_get_last_toast (f->window),
                                          "The registry is up to date"));
  g_assert_cmpuint (recorder.n_refreshes, ==, 1);

  recorder.refresh_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND,
                                                "The server could not be found");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  ui_test_assert_eventually (g_str_equal (convene_window_get_last_toast (f->window),
                                          "Could not refresh the registry: "
                                          "The server could not be found"));
  g_assert_null (find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "change-dialog"));
}

static void
test_change_dialog (Fixture       *f,
                    gconstpointer  data)
{
  const char *lines[] = {
    "+ group networking",
    "- group config",
    "~ networking: meeting Thursday 11:00 → Wednesday 10:00",
    "+ lead networking: kyessenov",
  };
  const char *shown[] = {
    "group networking",
    "group config",
    "networking: meeting Thursday 11:00 → Wednesday 10:00",
    "lead networking: kyessenov",
  };
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) labels = NULL;
  guint n = 0;

  recorder.changes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_ptr_array_add (recorder.changes, g_strdup (lines[i]));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  ui_test_assert_eventually (find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "change-dialog"));
  dialog = find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "change-dialog");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The refreshed registry differs in 4 places.");

  labels = ui_test_find_all (dialog, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "change-line"))
      {
        g_assert_cmpuint (n, <, G_N_ELEMENTS (shown));
        g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, i)), ==, shown[n]);
        n++;
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (shown));
  ui_test_save_screenshot (dialog, "registries-changes.png");
}

/* The daily check, by a clock the test sets */

static void
set_recorder_now (const char *iso)
{
  g_clear_pointer (&recorder.now, g_date_time_unref);
  recorder.now = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (recorder.now);
}

static void
test_daily_check (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  set_recorder_now ("2026-03-04T08:00:00Z");

  /* Off (as in every other test): never. */
  g_assert_false (convene_window_run_daily_check (f->window));

  g_settings_set_boolean (settings, "auto-refresh", TRUE);
  g_assert_true (convene_window_run_daily_check (f->window));
  ui_test_assert_eventually (recorder.n_refreshes == 1);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh-check"), ==,
                   g_date_time_to_unix (recorder.now));
  /* Automatic and unchanged: nothing to say. */
  ui_test_drain ();
  g_assert_null (convene_window_get_last_toast (f->window));

  /* The same day: no. */
  g_assert_false (convene_window_run_daily_check (f->window));
  set_recorder_now ("2026-03-05T07:59:00Z");
  g_assert_false (convene_window_run_daily_check (f->window));

  /* A day later: yes, once. */
  set_recorder_now ("2026-03-05T08:00:00Z");
  g_assert_true (convene_window_run_daily_check (f->window));
  g_assert_false (convene_window_run_daily_check (f->window));
  ui_test_assert_eventually (recorder.n_refreshes == 2);

  /* The decision is the seam's and can be replaced. */
  g_assert_false (convene_registry_check_due (recorder.now, recorder.now));
  g_assert_true (convene_registry_check_due (NULL, recorder.now));

  g_settings_set_boolean (settings, "auto-refresh", FALSE);
  set_recorder_now ("2026-04-01T08:00:00Z");
  g_assert_false (convene_window_run_daily_check (f->window));
  g_assert_cmpuint (recorder.n_refreshes, ==, 2);
}

/* The error page */

static void
test_error_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "gone.json", NULL);
  GtkLabel *label;

  load_and_wait (path);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  label = ui_test_lookup_css_class (f->window, GTK_TYPE_LABEL, "error-details");
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "There is no file at this place: it may have been moved, renamed or deleted.");
  g_assert_nonnull (find_action_button (f->window, "win.open-file"));
  g_assert_nonnull (find_action_button (f->window, "app.reload"));
  g_assert_null (ui_test_lookup_css_class (f->window, GTK_TYPE_BUTTON, "show-all-problems"));
}

static void
test_error_many (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "many.json", NULL);
  GString *contents = g_string_new ("{ \"format_version\": 1, \"community\": { \"name\": \"X\" }, "
                                     "\"groups\": [");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GtkLabel *label;
  GtkWidget *show_all;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (contents, "%s{ \"id\": \"g%u\", \"name\": \"G\", "
                            "\"leads\": [ { \"person\": \"nobody%u\" } ] }",
                            i > 0 ? ", " : "", i, i);
  g_string_append (contents, "] }\n");
  g_file_set_contents (path, contents->str, -1, &error);
  g_assert_no_error (error);
  g_string_free (contents, TRUE);

  load_and_wait (path);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  label = ui_test_lookup_css_class (f->window, GTK_TYPE_LABEL, "error-details");
  lines = g_strsplit (gtk_label_get_text (label), "\n", 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_nonnull (strstr (lines[0], "nobody0"));
  /* Located: file:line:column, as the command line says it. */
  g_assert_true (g_str_has_prefix (lines[0], path));

  show_all = ui_test_lookup_css_class (f->window, GTK_TYPE_BUTTON, "show-all-problems");
  g_assert_nonnull (show_all);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (show_all)), ==, "Show All 12 Problems");
  g_assert_nonnull (find_action_button (f->window, "win.open-file"));
  ui_test_save_screenshot (f->window, "registries-error-many.png");

  gtk_widget_activate (show_all);
  ui_test_assert_eventually (find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "problems-dialog"));
  dialog = find_toplevel_with_class (ADW_TYPE_MESSAGE_DIALOG, "problems-dialog");
  label = ui_test_lookup_css_class (dialog, GTK_TYPE_LABEL, "problems-details");
  g_strfreev (lines);
  lines = g_strsplit (gtk_label_get_text (label), "\n", 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 12);

  /* Back to something that works for the next test. */
  close_dialogs ();
  convene_application_load_registry (app, NULL);
}

/* The loading page of a file that never ends */

static void
test_loading_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "fifo.json", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "missing.json", NULL);
  GtkWidget *cancel;
  int fd;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  /* Nothing shown (a file that is not there), then the pipe: the
   * loading page.
   */
  load_and_wait (missing);
  convene_application_load_registry (app, path);
  ui_test_drain ();
  g_assert_true (convene_application_get_loading (app));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "loading");

  cancel = ui_test_lookup_css_class (f->window, GTK_TYPE_BUTTON, "cancel-loading");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  ui_test_drain ();

  g_assert_false (convene_application_get_loading (app));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  g_assert_nonnull (find_action_button (f->window, "app.use-bundled-registry"));
  g_assert_nonnull (find_action_button (f->window, "win.open-file"));

  /* Let the reader stuck in open() go. */
  fd = open (path, O_WRONLY | O_NONBLOCK);
  if (fd >= 0)
    close (fd);

  convene_application_load_registry (app, NULL);
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;

  cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  ui_test_set_timeout (TIMEOUT_SECONDS);

#define ADD(path, func) \
  g_test_add ("/registries/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/registries/location/check", test_location_check);
  ADD ("location/dialog", test_location_dialog);
  ADD ("location/drop", test_drop_url);
  ADD ("switcher/switch", test_switcher);
  ADD ("switcher/remove", test_switcher_remove);
  ADD ("age/stale", test_stale);
  ADD ("age/about", test_about);
  ADD ("refresh/action", test_refresh_action);
  ADD ("refresh/changes", test_change_dialog);
  ADD ("refresh/daily", test_daily_check);
  ADD ("error/missing", test_error_missing);
  ADD ("error/many", test_error_many);
  ADD ("loading/cancel", test_loading_cancel);

#undef ADD

  return g_test_run ();
}
