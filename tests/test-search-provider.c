/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "convene-application.h"
#include "convene-registry-list.h"
#include "convene-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* GNOME Shell's search provider, asked as the shell asks: `gdbus call`
 * on the session bus (build-aux/test runs under dbus-run-session), to the
 * real application with a remembered registry beside the bundled one.
 */
#define APP_NAME "io.github.convene.Convene.TestSearchProvider"
#define PROVIDER_PATH "/io/github/convene/Convene/SearchProvider"
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

#define REGISTRY \
  "{ \"format_version\": 1, \"community\": { \"name\": \"Alpha\" }," \
  " \"people\": [ { \"id\": \"zoe\", \"name\": \"Zoë Müller\", \"company\": \"Acme\" } ]," \
  " \"groups\": [" \
  "  { \"id\": \"networking\", \"name\": \"Networking\", \"topics\": [ \"Routing\" ]," \
  "    \"leads\": [ { \"person\": \"zoe\", \"role\": \"chair\" } ] }," \
  "  { \"id\": \"security\", \"name\": \"Security\" } ] }"

typedef struct
{
  GSubprocess *process;
  char *out;
  gboolean done;
} GdbusCall;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GdbusCall *call = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &call->out, NULL,
                                        &error);
  g_assert_no_error (error);
  call->done = TRUE;
}

/* Runs `gdbus call` while the application answers; returns its output. */
static char *
gdbus_call (const char *method,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GdbusCall call = { 0 };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup ("gdbus"));
  g_ptr_array_add (argv, g_strdup ("call"));
  g_ptr_array_add (argv, g_strdup ("--session"));
  g_ptr_array_add (argv, g_strdup ("--dest=" APP_NAME));
  g_ptr_array_add (argv, g_strdup ("--object-path=" PROVIDER_PATH));
  g_ptr_array_add (argv, g_strconcat ("--method=" PROVIDER_IFACE ".", method, NULL));
  va_start (args, method);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  call.process = g_subprocess_newv ((const char * const *) argv->pdata,
                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (call.process, NULL, NULL, communicate_cb, &call);
  {
    ui_test_assert_eventually (call.done);
  }
  g_assert_true (g_subprocess_get_successful (call.process));
  g_object_unref (call.process);

  return call.out;
}

static ConveneWindow *
find_window (ConveneApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CONVENE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_shows_group (ConveneApplication *app,
                    const char         *community,
                    const char         *group_id)
{
  ConveneWindow *window = find_window (app);
  ConveneRegistry *registry;
  ConveneGroup *group;

  if (window == NULL || (registry = convene_window_get_registry (window)) == NULL)
    return FALSE;
  group = convene_window_get_group (window);
  return group != NULL && g_strcmp0 (convene_group_get_id (group), group_id) == 0
         && g_strcmp0 (convene_community_get_name (convene_registry_get_community (registry)),
                       community) == 0;
}

static void
test_search_provider (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("convene-search-provider-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "alpha.json", NULL);
  g_autoptr(ConveneRegistryList) list = NULL;
  g_autoptr(ConveneApplication) app = NULL;
  g_autofree char *group_result = NULL;
  g_autofree char *person_result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *ids = NULL;
  ConveneRegistrySource *source;
  ConveneWindow *window;

  g_assert_no_error (error);
  g_file_set_contents (path, REGISTRY, -1, &error);
  g_assert_no_error (error);
  g_setenv ("CONVENE_DATA_DIR", dir, TRUE);
  list = convene_registry_list_new (NULL);
  source = convene_registry_list_add (list, path, &error);
  g_assert_no_error (error);
  g_assert_true (convene_registry_list_save (list, &error));
  group_result = g_strdup_printf ("group:%s/networking", convene_registry_source_get_id (source));
  person_result = g_strdup_printf ("person:%s/zoe", convene_registry_source_get_id (source));

  /* Its own name on the bus: the shell finds the provider by name */
  app = convene_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APP_NAME);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Both registries answer; Alpha's group by its id */
  out = gdbus_call ("GetInitialResultSet", "['networking']", NULL);
  g_assert_nonnull (strstr (out, group_result));
  g_assert_nonnull (strstr (out, "group:" CONVENE_BUNDLED_SOURCE_ID "/networking"));
  g_assert_null (strstr (out, "security"));
  g_clear_pointer (&out, g_free);

  /* The window's matching: accents folded, people too */
  out = gdbus_call ("GetInitialResultSet", "['zoe', 'MULLER']", NULL);
  g_assert_nonnull (strstr (out, person_result));
  g_clear_pointer (&out, g_free);
  out = gdbus_call ("GetSubsearchResultSet", "['group:x/y']", "['securi']", NULL);
  g_assert_nonnull (strstr (out, "/security'"));
  g_clear_pointer (&out, g_free);

  ids = g_strdup_printf ("['%s', '%s']", group_result, person_result);
  out = gdbus_call ("GetResultMetas", ids, NULL);
  g_assert_nonnull (strstr (out, "'name': <'Networking'>"));
  g_assert_nonnull (strstr (out, "'description': <'Alpha · Routing'>"));
  g_assert_nonnull (strstr (out, "'name': <'Zoë Müller'>"));
  g_assert_nonnull (strstr (out, "'description': <'Acme · Networking'>"));
  g_assert_nonnull (strstr (out, "'gicon': <'" APP_ID "'>"));
  g_clear_pointer (&out, g_free);

  /* Activating opens the window on the group, in its registry */
  out = gdbus_call ("ActivateResult", group_result, "['networking']", "0", NULL);
  g_clear_pointer (&out, g_free);
  {
    ui_test_assert_eventually (window_shows_group (app, "Alpha", "networking"));
  }

  /* LaunchSearch: the window's search with the terms */
  out = gdbus_call ("LaunchSearch", "['securi']", "0", NULL);
  window = find_window (app);
  {
    ui_test_assert_eventually (ui_test_count_search_hits (window) == 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
  g_unsetenv ("CONVENE_DATA_DIR");
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_set_timeout (30);

  g_test_add_func ("/search-provider/gdbus", test_search_provider);

  return g_test_run ();
}
