/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <utime.h>

#include "convene-application.h"
#include "convene-context.h"
#include "convene-overview-page.h"
#include "convene-registry-store.h"
#include "convene-upcoming.h"
#include "convene-window.h"

#include "registry-test-server.h"
#include "ui-test-utils.h"

/* Live registries in the real window: a registry that fails to reload
 * stays shown with a strip that says so, the age of the data on the
 * overview, and opening files (the command line, Open File…, drops).
 */

static ConveneApplication *app;

#define TIMEOUT_SECONDS 30

/* Registry files */

static void
write_registry (const char *path,
                const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;

  if (date != NULL)
    source = g_strdup_printf (",\n  \"source\": { \"kind\": \"json\", \"date\": \"%s\" }", date);

  contents = g_strdup_printf ("{\n"
                              "  \"format_version\": 1,\n"
                              "  \"community\": { \"name\": \"Live\" },\n"
                              "  \"groups\": [\n"
                              "    { \"id\": \"alpha\", \"name\": \"Alpha\" },\n"
                              "    { \"id\": \"beta\", \"name\": \"Beta\" }\n"
                              "  ]%s\n"
                              "}\n", source ? source : "");
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

#define BROKEN_REGISTRY \
  "{\n"                         \
  "  \"format_version\": 1,\n"  \
  "  \"groups\": [\n"           \
  "    { \"id\": \"a\", }\n"    \
  "  ]\n"                       \
  "}\n"

static void
write_broken_registry (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, BROKEN_REGISTRY, -1, &error);
  g_assert_no_error (error);
}

static void
load_and_wait (const char *path)
{
  convene_application_load_registry (app, path);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
}

static void
reload_and_wait (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
}

/* Widget tree helpers */

/* The strip that says the registry failed to reload, if it is shown. */
static GtkWidget *
problems_bar (ConveneWindow *window)
{
  GtkWidget *bar = ui_test_lookup_css_class (window, GTK_TYPE_BOX, "problems-bar");

  if (bar != NULL)
    g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (bar))));

  return bar;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;

  return NULL;
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

/* The date of the data on the overview, or %NULL when none is shown. */
static const char *
overview_date (ConveneWindow *window)
{
  GtkLabel *label = ui_test_lookup_css_class (window, GTK_TYPE_LABEL, "registry-date");

  return label ? gtk_label_get_text (label) : NULL;
}

/* The warning that the data is old, or %NULL when none is shown. */
static const char *
stale_warning (ConveneWindow *window)
{
  GtkWidget *bar = ui_test_lookup_css_class (window, GTK_TYPE_BOX, "stale-bar");

  return bar ? gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (bar))) : NULL;
}

/* Fixture: a window of the shared application, showing the bundled registry */

typedef UiTestFixture Fixture;

static ConveneWindow *
open_window (void)
{
  ConveneWindow *window = ui_test_window_new (app);

  convene_window_set_avatar_cache (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)));
  ui_test_drain ();
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (f, "convene-test-live-XXXXXX");

  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = open_window ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    convene_upcoming_set_fixed_now (convene_window_get_upcoming (f->window), NULL);
  ui_test_fixture_teardown (f);
  g_assert_false (convene_application_get_loading (app));
}

/* Keep what works */

static void
test_live_keep_last_good (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "live.json", NULL);
  ConveneRegistry *good;
  AdwMessageDialog *dialog;
  GtkLabel *details;

  write_registry (path, NULL);
  load_and_wait (path);
  g_assert_null (problems_bar (f->window));
  g_assert_true (convene_window_show_group (f->window, "beta"));
  good = convene_window_get_registry (f->window);

  /* The file breaks: what it said before stays, with the group. */
  write_broken_registry (path);
  reload_and_wait ();
  g_assert_nonnull (convene_application_get_registry_error (app));
  g_assert_true (convene_window_get_registry (f->window) == good);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "beta");
  g_assert_nonnull (problems_bar (f->window));
  ui_test_save_screenshot (f->window, "live-problems.png");

  /* Show Problems: where they are, in a dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems", NULL));
  ui_test_assert_eventually (find_message_dialog () != NULL);
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Problems in the Registry");
  details = ui_test_lookup_css_class (dialog, GTK_TYPE_LABEL, "problems-details");
  g_assert_nonnull (details);
  {
    g_autofree char *expected = g_strdup_printf ("%s:4:16: a comma cannot come before “}”", path);

    g_assert_cmpstr (gtk_label_get_text (details), ==, expected);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  /* Fixed: the new registry, the same group, no strip. */
  write_registry (path, NULL);
  reload_and_wait ();
  g_assert_null (convene_application_get_registry_error (app));
  g_assert_true (convene_window_get_registry (f->window) != good);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "beta");
  g_assert_null (problems_bar (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems", NULL);
  ui_test_drain ();
  g_assert_null (find_message_dialog ());
}

/* Nothing ever loaded from a file: the error page and its ways out. */
static void
test_live_error_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.json", NULL);
  const char *actions[] = { "app.reload", "app.use-bundled-registry" };

  write_broken_registry (path);
  load_and_wait (path);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  g_assert_null (problems_bar (f->window));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GPtrArray) buttons = ui_test_find_all (f->window, GTK_TYPE_BUTTON);
      gboolean found = FALSE;

      for (guint j = 0; j < buttons->len; j++)
        found |= g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, j)),
                            actions[i]) == 0;
      g_assert_true (found);
    }

  /* Reload from the error page: fixed, the registry comes. */
  write_registry (path, NULL);
  reload_and_wait ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_nonnull (convene_window_get_registry (f->window));
}

/* Age, always visible */

static void
test_live_age_bundled (Fixture       *f,
                       gconstpointer  data)
{
  set_now (f->window, "2026-03-04T08:00:00Z");
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_cmpstr (overview_date (f->window), ==, "Data of 11 December 2017");
  g_assert_cmpstr (stale_warning (f->window), ==,
                   "This registry is from 2017: meeting times and links may have changed");
  ui_test_save_screenshot (f->window, "live-stale.png");

  /* By a clock of the week after, the same data is fresh. */
  set_now (f->window, "2017-12-18T08:00:00Z");
  g_assert_cmpstr (overview_date (f->window), ==, "Data of 11 December 2017");
  g_assert_null (stale_warning (f->window));
}

static void
test_live_age_recent (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dated = g_build_filename (f->tmpdir, "dated.json", NULL);
  g_autofree char *undated = g_build_filename (f->tmpdir, "undated.json", NULL);
  g_autoptr(GDateTime) mtime = g_date_time_new_from_iso8601 ("2026-01-10T12:00:00Z", NULL);
  struct utimbuf times;

  set_now (f->window, "2026-03-04T08:00:00Z");

  write_registry (dated, "2026-02-20");
  load_and_wait (dated);
  g_assert_cmpstr (overview_date (f->window), ==, "Data of 20 February 2026");
  g_assert_null (stale_warning (f->window));

  /* No date stated: the file's. */
  write_registry (undated, NULL);
  times.actime = times.modtime = g_date_time_to_unix (mtime);
  g_assert_cmpint (g_utime (undated, &times), ==, 0);
  load_and_wait (undated);
  g_assert_cmpstr (overview_date (f->window), ==, "Data of 10 January 2026");
  g_assert_null (stale_warning (f->window));

  /* A year on, it is old. */
  set_now (f->window, "2027-01-10T08:00:00Z");
  g_assert_cmpstr (stale_warning (f->window), ==,
                   "This registry is from 2026: meeting times and links may have changed");
}

/* Open: `convene FILE`, Open File…, drops */

typedef struct
{
  GApplication *application;
  gboolean done;
  char *registry_path;
  char *toast;
  char *community;
  gboolean has_registry;
} Run;

static gboolean
run_tick_cb (gpointer data)
{
  Run *run = data;
  ConveneApplication *application = CONVENE_APPLICATION (run->application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  ConveneContext *context = convene_application_get_context (application);

  /* A web address downloads before the store loads its stored copy. */
  if (convene_application_get_loading (application) || !CONVENE_IS_WINDOW (window) ||
      !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      convene_registries_get_downloading (convene_context_get_registries (context)))
    return G_SOURCE_CONTINUE;

  run->done = TRUE;
  run->has_registry = convene_window_get_registry (CONVENE_WINDOW (window)) != NULL;
  if (run->has_registry)
    run->community = g_strdup (convene_community_get_name (
      convene_registry_get_community (convene_window_get_registry (CONVENE_WINDOW (window)))));
  run->registry_path = g_strdup (convene_application_get_registry_path (application));
  run->toast = g_strdup (convene_window_get_last_toast (CONVENE_WINDOW (window)));
  g_application_quit (run->application);
  return G_SOURCE_REMOVE;
}

/* Runs a new application with @argv, the way main() does, until its
 * window shows what it loaded.
 */
static void
run_application (const char *id,
                 const char *argv[],
                 Run        *run)
{
  ConveneApplication *application = convene_application_new ();
  GList *windows;
  int status;

  /* Its own id: the shared application holds the usual one. */
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  run->application = G_APPLICATION (application);

  g_timeout_add (10, run_tick_cb, run);
  status = g_application_run (G_APPLICATION (application), g_strv_length ((char **)argv),
                              (char **)argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run->done);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (windows->data);
  ui_test_drain ();
  g_object_unref (application);
}

static void
run_clear (Run *run)
{
  g_free (run->registry_path);
  g_free (run->toast);
  g_free (run->community);
}

static void
test_live_open_argument (void)
{
  g_autofree char *dir = ui_test_make_tmpdir ("convene-test-live-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "community.json", NULL);
  const char *argv[] = { "convene", path, NULL };
  Run run = { 0 };

  ui_test_reset_settings ();
  write_registry (path, NULL);

  run_application (APP_ID ".Test.Open", argv, &run);
  g_assert_true (run.has_registry);
  g_assert_cmpstr (run.registry_path, ==, path);
  g_assert_null (run.toast);

  run_clear (&run);
  ui_test_remove_tree (dir);
}

/* A web address, as an argument or to --registry: downloaded, shown and
 * remembered; the next start shows it from the stored copy, offline.
 */
static void
test_live_open_url (void)
{
  RegistryTestServer *server = registry_test_server_start ();
  g_autofree char *positional_url = registry_test_server_url (server, "/positional.json");
  g_autofree char *option_url = registry_test_server_url (server, "/option.json");
  const char *positional[] = { "convene", positional_url, NULL };
  const char *option[] = { "convene", "--registry", option_url, NULL };
  const char **argvs[] = { positional, option };
  const char *names[] = { "Positional", "Option" };
  ConveneRegistryList *list;

  ui_test_reset_settings ();

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autofree char *body = g_strdup_printf ("{ \"format_version\": 1, "
                                               "\"community\": { \"name\": \"%s\" }, "
                                               "\"groups\": [ { \"id\": \"alpha\", "
                                               "\"name\": \"Alpha\" } ] }\n", names[i]);

      registry_test_server_serve (server, i == 0 ? "/positional.json" : "/option.json", body,
                                  "\"v1\"");
    }

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      Run run = { 0 };

      run_application (APP_ID ".Test.OpenUrl", argvs[i], &run);
      g_assert_null (run.toast);
      g_assert_true (run.has_registry);
      g_assert_cmpstr (run.community, ==, names[i]);
      run_clear (&run);
    }

  /* Remembered, each with its stored copy. */
  list = convene_registry_list_new (NULL);
  g_assert_true (convene_registry_list_load (list, NULL));
  g_assert_nonnull (convene_registry_list_lookup_location (list, positional_url));
  g_assert_true (convene_registry_source_has_stored_copy (
    convene_registry_list_lookup_location (list, option_url)));
  g_object_unref (list);

  /* Offline: the server is gone, the registry is still there. */
  registry_test_server_stop (server);
  {
    Run run = { 0 };

    run_application (APP_ID ".Test.OpenUrl", positional, &run);
    g_assert_null (run.toast);
    g_assert_cmpstr (run.community, ==, "Positional");
    run_clear (&run);
  }
}

static void
test_live_open_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "chosen.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) web = g_file_new_for_uri ("ftp://example.org/registry.json");

  /* The action exists, in the menu and on Ctrl+O; the chooser itself
   * cannot be driven headless, its response goes through the helper.
   */
  g_assert_true (ui_test_has_shortcut (f->window, "<Control>o", "action(win.open-file)"));

  write_registry (path, "2026-02-20");
  g_assert_true (convene_window_open_file (f->window, file));
  g_assert_cmpstr (convene_application_get_loading_path (app), ==, path);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, path);
  g_assert_true (convene_window_get_registry (f->window) == convene_application_get_registry (app));

  /* A web address is not a file: refused in words, the registry stays. */
  g_assert_false (convene_window_open_file (f->window, web));
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==,
                   "Only addresses that start with https:// or http:// can be opened");
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, path);
}

/* A file dropped on the window: the drop target's handler. */
static void
test_live_drop (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "dropped.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (target);

  write_registry (path, NULL);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);

  g_assert_true (accepted);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, path);
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
  g_test_add ("/live/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("keep-last-good", test_live_keep_last_good);
  ADD ("error-page", test_live_error_page);
  ADD ("age/bundled", test_live_age_bundled);
  ADD ("age/recent", test_live_age_recent);
  ADD ("open-file", test_live_open_file);
  ADD ("drop", test_live_drop);
  g_test_add_func ("/live/open/argument", test_live_open_argument);
  g_test_add_func ("/live/open/url", test_live_open_url);

#undef ADD

  return g_test_run ();
}
