/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "convene-application.h"
#include "convene-context.h"
#include "convene-registries.h"
#include "convene-stars.h"
#include "convene-window.h"

#include "registry-test-server.h"
#include "ui-test-utils.h"

/* The window's registries backed by the real sources, against a
 * SoupServer on 127.0.0.1: a URL opened in the window is downloaded,
 * shown and remembered; a "restart" (a new store, context and window on
 * the same data directory) shows it offline from its stored copy and
 * brings each registry back on its own group; Refresh lists what
 * changed, says "up to date" on a 304, and keeps the registry shown when
 * the new file is broken.
 */

static ConveneApplication *app;

#define TIMEOUT_SECONDS 30

#define BUNDLED_REGISTRY RESOURCE_BASE "/registry/istio.json"

typedef struct
{
  UiTestFixture ui;
  RegistryTestServer *server;
  char *v1;
} Fixture;

static char *
registry_json (const char *name)
{
  return g_strdup_printf ("{ \"format_version\": 1, \"community\": { \"name\": \"%s\" }, "
                          "\"groups\": [ { \"id\": \"alpha\", \"name\": \"Alpha\" }, "
                          "{ \"id\": \"beta\", \"name\": \"Beta\" } ], "
                          "\"source\": { \"kind\": \"json\", \"date\": \"2026-02-20\" } }\n",
                          name);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "istio", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static ConveneRegistries *
registries_of (ConveneWindow *window)
{
  ConveneContext *context = NULL;

  g_object_get (window, "context", &context, NULL);
  g_object_unref (context);   /* the window holds it */
  return convene_context_get_registries (context);
}

static ConveneRegistryStore *
store_of (ConveneWindow *window)
{
  ConveneContext *context = NULL;

  g_object_get (window, "context", &context, NULL);
  g_object_unref (context);
  return convene_context_get_store (context);
}

static void
wait_idle (ConveneWindow *window)
{
  ui_test_assert_eventually (!convene_registries_get_downloading (registries_of (window)) &&
                             !convene_registry_store_get_loading (store_of (window)));
  ui_test_drain ();
}

static const char *
shown_community (ConveneWindow *window)
{
  ConveneRegistry *registry = convene_window_get_registry (window);

  if (registry == NULL)
    return NULL;
  return convene_community_get_name (convene_registry_get_community (registry));
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      return l->data;

  return NULL;
}

static ConveneWindow *
open_window (ConveneContext *context)
{
  ConveneWindow *window = convene_window_new (GTK_APPLICATION (app), context);

  convene_window_set_avatar_cache (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)));
  ui_test_drain ();
  return window;
}

/* A new start on the same data directory: its own store, context and
 * window, which read registries.json again; the bundled registry first.
 */
static ConveneWindow *
restart (ConveneContext **context_out)
{
  g_autoptr(ConveneRegistryStore) store = convene_registry_store_new (BUNDLED_REGISTRY);
  ConveneContext *context = convene_context_new (store, NULL, NULL);
  ConveneWindow *window;

  g_assert_true (convene_registries_open (convene_context_get_registries (context), NULL, NULL));
  window = open_window (context);
  wait_idle (window);
  *context_out = context;
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (&f->ui, "convene-test-sources-ui-XXXXXX");
  f->server = registry_test_server_start ();
  f->v1 = read_fixture ("WORKING-GROUPS-2017-12-11.md");

  convene_application_load_registry (app, NULL);
  f->ui.window = open_window (convene_application_get_context (app));
  wait_idle (f->ui.window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ConveneRegistries *registries = convene_context_get_registries (
    convene_application_get_context (app));
  GListModel *model = convene_registries_get_model (registries);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The next test starts with the bundled registry alone. */
  while (g_list_model_get_n_items (model) > 1)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (model, 1);

      g_assert_true (convene_registries_remove (registries,
                                                convene_registry_source_get_id (source), NULL));
    }

  ui_test_fixture_teardown (&f->ui);
  registry_test_server_stop (f->server);
  g_settings_reset (settings, CONVENE_STARS_KEY);
  g_free (f->v1);
}

static void
test_open_url (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = registry_test_server_url (f->server, "/community.json");
  g_autofree char *body = registry_json ("Served");
  ConveneRegistries *registries = registries_of (f->ui.window);
  ConveneRegistrySource *source;
  g_autoptr(ConveneContext) context = NULL;
  ConveneWindow *window;

  registry_test_server_serve (f->server, "/community.json", body, "\"a\"");

  g_assert_true (convene_window_open_location (f->ui.window, url));
  g_assert_true (convene_registries_get_downloading (registries));
  wait_idle (f->ui.window);
  g_assert_cmpstr (shown_community (f->ui.window), ==, "Served");
  g_assert_cmpuint (registry_test_server_hits (f->server, "/community.json"), ==, 1);

  /* Remembered, with its stored copy, its name and when it was fetched. */
  source = convene_registry_list_lookup_location (convene_registries_get_list (registries), url);
  g_assert_nonnull (source);
  g_assert_true (convene_registries_get_current (registries) == source);
  g_assert_true (convene_registry_source_has_stored_copy (source));
  g_assert_cmpstr (convene_registries_get_title (registries, source), ==, "Served");
  g_assert_nonnull (convene_registry_source_get_fetched (source));

  /* The About window dates the data shown and says when it was fetched. */
  {
    g_autofree char *comments = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *fetched = g_date_time_format (now, "fetched %-d %B %Y");
    GtkWindow *about;

    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    ui_test_assert_eventually ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL);
    g_object_get (about, "comments", &comments, NULL);
    g_assert_nonnull (strstr (comments, "Data of 20 February 2026"));
    g_assert_nonnull (strstr (comments, fetched));
    gtk_window_destroy (about);
  }

  /* Opened again: the stored copy, no download. */
  convene_registries_open (registries, NULL, NULL);
  wait_idle (f->ui.window);
  g_assert_true (convene_window_open_location (f->ui.window, url));
  wait_idle (f->ui.window);
  g_assert_cmpstr (shown_community (f->ui.window), ==, "Served");
  g_assert_cmpuint (registry_test_server_hits (f->server, "/community.json"), ==, 1);

  /* A restart with the server gone: still there, offline. */
  registry_test_server_stop (f->server);
  f->server = registry_test_server_start ();
  window = restart (&context);
  source = convene_registry_list_lookup_location (
    convene_registries_get_list (registries_of (window)), url);
  g_assert_nonnull (source);
  g_assert_cmpstr (convene_registries_get_title (registries_of (window), source), ==, "Served");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-registry", "s",
                                             convene_registry_source_get_id (source)));
  wait_idle (window);
  g_assert_cmpstr (shown_community (window), ==, "Served");
  ui_test_close_window (window);
}

static void
test_open_url_fails (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = registry_test_server_url (f->server, "/missing.json");
  ConveneRegistries *registries = registries_of (f->ui.window);
  ConveneRegistry *before = convene_window_get_registry (f->ui.window);

  /* Not found: said, the registry shown stays, and nothing remembered. */
  g_assert_true (convene_window_open_location (f->ui.window, url));
  wait_idle (f->ui.window);
  ui_test_assert_eventually (convene_window_get_last_toast (f->ui.window) != NULL);
  g_assert_true (g_str_has_prefix (convene_window_get_last_toast (f->ui.window),
                                   "Could not open"));
  g_assert_true (convene_window_get_registry (f->ui.window) == before);
  g_assert_null (convene_registry_list_lookup_location (convene_registries_get_list (registries),
                                                        url));
}

/* A download that never ends: the loading state, and Cancel. */
static void
test_open_url_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = registry_test_server_url (f->server, "/stall.json");
  ConveneRegistries *registries = registries_of (f->ui.window);
  ConveneRegistry *before = convene_window_get_registry (f->ui.window);

  registry_test_server_stall (f->server, "/stall.json");
  g_assert_true (convene_window_open_location (f->ui.window, url));
  ui_test_assert_eventually (registry_test_server_hits (f->server, "/stall.json") == 1);
  ui_test_drain ();
  g_assert_true (convene_registries_get_downloading (registries));
  g_assert_cmpstr (convene_registries_get_downloading_location (registries), ==, url);
  /* The registry shown stays meanwhile. */
  g_assert_true (convene_window_get_registry (f->ui.window) == before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.cancel-loading",
                                             NULL));
  ui_test_drain ();
  g_assert_false (convene_registries_get_downloading (registries));
  wait_idle (f->ui.window);
  g_assert_true (convene_window_get_registry (f->ui.window) == before);
  /* Never downloaded: not remembered either. */
  ui_test_assert_eventually (convene_registry_list_lookup_location (
    convene_registries_get_list (registries), url) == NULL);
}

static gpointer
find_change_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
        gtk_widget_has_css_class (l->data, "change-dialog"))
      return l->data;

  return NULL;
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = registry_test_server_url (f->server, "/WORKING-GROUPS.md");
  g_autoptr(GString) v2 = g_string_new (f->v1);
  g_autofree char *match = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  const char *config = strstr (v2->str, "## Config");
  const char *environments = strstr (v2->str, "## Environments");
  const char *shown[] = { "group telemetry", "group config", "starred group config (gone)" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ConveneRegistry *before;
  AdwMessageDialog *dialog;
  guint n = 0;

  registry_test_server_serve (f->server, "/WORKING-GROUPS.md", f->v1, "\"v1\"");
  g_assert_true (convene_window_open_location (f->ui.window, url));
  wait_idle (f->ui.window);
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                      "config"));

  /* Config is starred, and keeps its star when it goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.set-group-starred",
                                             "(sb)", "config", TRUE));

  /* The file changes: Config is gone, Telemetry is new. */
  g_assert_nonnull (config);
  g_assert_nonnull (environments);
  g_string_erase (v2, config - v2->str, environments - config);
  g_string_append (v2, "\n## Telemetry\n\nMetrics, logs and traces\n\n"
                   "Artifact | Link\n---|---\n"
                   "Forum | [istio-telemetry@]"
                   "(https://groups.google.com/forum/#!forum/istio-telemetry)\n");
  registry_test_server_serve (f->server, "/WORKING-GROUPS.md", v2->str, "\"v2\"");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.refresh", NULL));
  ui_test_assert_eventually (find_change_dialog () != NULL);
  wait_idle (f->ui.window);
  dialog = find_change_dialog ();
  labels = ui_test_find_all (dialog, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "change-line"))
      {
        g_assert_cmpuint (n, <, G_N_ELEMENTS (shown));
        g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, i)), ==, shown[n]);
        n++;
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (shown));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  /* What the window shows is the new copy. */
  g_assert_null (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                   "config"));
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                      "telemetry"));

  /* Again: 304, asked with the ETag; up to date, nothing reloaded. */
  before = convene_window_get_registry (f->ui.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.refresh", NULL));
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->ui.window),
                                        "The registry is up to date") == 0);
  match = registry_test_server_if_none_match (f->server, "/WORKING-GROUPS.md");
  g_assert_cmpstr (match, ==, "\"v2\"");
  g_assert_true (convene_window_get_registry (f->ui.window) == before);
  g_assert_null (find_change_dialog ());

  /* Broken: said why, and the registry shown stays. */
  registry_test_server_serve (f->server, "/WORKING-GROUPS.md",
                              "{ \"format_version\": 1, \"groups\": [", "\"v3\"");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ui.window), "win.refresh", NULL));
  ui_test_assert_eventually (g_str_has_prefix (convene_window_get_last_toast (f->ui.window),
                                               "Could not refresh the registry: "));
  wait_idle (f->ui.window);
  g_assert_true (convene_window_get_registry (f->ui.window) == before);
  g_assert_cmpstr (convene_window_get_page (f->ui.window), !=, "error");
  g_assert_null (find_change_dialog ());
}

/* The bundled registry refreshes from its upstream (here the server) and
 * the window shows the refreshed copy, after a restart too.
 */
static void
test_refresh_bundled (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *upstream = registry_test_server_url (f->server, "/upstream.md");
  g_autoptr(GString) v2 = g_string_new (f->v1);
  const char *config = strstr (v2->str, "## Config");
  const char *environments = strstr (v2->str, "## Environments");
  g_autoptr(ConveneContext) context = NULL;
  g_autoptr(ConveneContext) again_context = NULL;
  ConveneRegistrySource *bundled;
  ConveneWindow *window;
  ConveneWindow *again;

  g_string_erase (v2, config - v2->str, environments - config);
  registry_test_server_serve (f->server, "/upstream.md", v2->str, "\"up\"");
  g_setenv ("CONVENE_BUNDLED_UPSTREAM", upstream, TRUE);

  window = restart (&context);
  bundled = convene_registries_get_current (registries_of (window));
  g_assert_cmpstr (convene_registry_source_get_id (bundled), ==, CONVENE_BUNDLED_SOURCE_ID);
  g_assert_cmpstr (convene_registry_source_get_upstream (bundled), ==, upstream);
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (window), "config"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  ui_test_assert_eventually (find_change_dialog () != NULL);
  wait_idle (window);
  gtk_window_destroy (find_change_dialog ());
  g_assert_null (convene_registry_lookup_group (convene_window_get_registry (window), "config"));
  g_assert_true (convene_registry_source_has_stored_copy (bundled));

  /* A window that showed the seed all along (as after `convene
   * --refresh` in a terminal) shows the refreshed copy once reloaded.
   */
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                   "config"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  wait_idle (f->ui.window);
  g_assert_null (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                "config"));

  /* The next start shows the refreshed copy at once, offline. */
  registry_test_server_stop (f->server);
  f->server = registry_test_server_start ();
  again = restart (&again_context);
  g_assert_null (convene_registry_lookup_group (convene_window_get_registry (again), "config"));
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (again),
                                                   "networking"));

  ui_test_close_window (again);
  ui_test_close_window (window);
  /* The other tests' bundled registry is the seed again. */
  g_assert_cmpint (g_unlink (convene_registry_source_get_stored_path (bundled)), ==, 0);
  g_unsetenv ("CONVENE_BUNDLED_UPSTREAM");
  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  wait_idle (f->ui.window);
  g_assert_nonnull (convene_registry_lookup_group (convene_window_get_registry (f->ui.window),
                                                   "config"));
}

/* Each registry comes back on its own group, after a restart too. */
static void
test_last_group_restart (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = registry_test_server_url (f->server, "/first.json");
  g_autofree char *second = registry_test_server_url (f->server, "/second.json");
  g_autofree char *first_body = registry_json ("First");
  g_autofree char *second_body = registry_json ("Second");
  g_autoptr(ConveneContext) context = NULL;
  ConveneRegistryList *list;
  ConveneWindow *window;
  g_autofree char *third = g_build_filename (f->ui.tmpdir, "third.json", NULL);
  const char *first_id;
  const char *second_id;
  const char *third_id;

  registry_test_server_serve (f->server, "/first.json", first_body, NULL);
  registry_test_server_serve (f->server, "/second.json", second_body, NULL);

  g_assert_true (convene_window_open_location (f->ui.window, first));
  wait_idle (f->ui.window);
  g_assert_true (convene_window_show_group (f->ui.window, "beta"));
  g_assert_true (convene_window_open_location (f->ui.window, second));
  wait_idle (f->ui.window);
  g_assert_cmpstr (shown_community (f->ui.window), ==, "Second");
  g_assert_true (convene_window_show_group (f->ui.window, "alpha"));

  /* A file opened is remembered too, with its group. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (third);
    g_autofree char *third_body = registry_json ("Third");

    g_file_set_contents (third, third_body, -1, &error);
    g_assert_no_error (error);
    g_assert_true (convene_window_open_file (f->ui.window, file));
    wait_idle (f->ui.window);
    g_assert_cmpstr (shown_community (f->ui.window), ==, "Third");
    g_assert_true (convene_window_show_group (f->ui.window, "beta"));
  }

  list = convene_registries_get_list (registries_of (f->ui.window));
  third_id = convene_registry_source_get_id (convene_registry_list_lookup_location (list, third));
  first_id = convene_registry_source_get_id (convene_registry_list_lookup_location (list, first));
  second_id = convene_registry_source_get_id (convene_registry_list_lookup_location (list,
                                                                                      second));

  registry_test_server_stop (f->server);
  f->server = registry_test_server_start ();
  window = restart (&context);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-registry", "s",
                                             first_id));
  wait_idle (window);
  g_assert_cmpstr (shown_community (window), ==, "First");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (window)), ==, "beta");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-registry", "s",
                                             second_id));
  wait_idle (window);
  g_assert_cmpstr (shown_community (window), ==, "Second");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (window)), ==, "alpha");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-registry", "s",
                                             third_id));
  wait_idle (window);
  g_assert_cmpstr (shown_community (window), ==, "Third");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (window)), ==, "beta");
  ui_test_close_window (window);
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
  g_test_add ("/registry-sources-ui/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("open-url", test_open_url);
  ADD ("open-url-fails", test_open_url_fails);
  ADD ("open-url-cancel", test_open_url_cancel);
  ADD ("refresh", test_refresh);
  ADD ("refresh-bundled", test_refresh_bundled);
  ADD ("last-group-restart", test_last_group_restart);

#undef ADD

  return g_test_run ();
}
