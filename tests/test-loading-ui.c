/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "convene-application.h"
#include "convene-launcher.h"
#include "convene-registry-loader.h"
#include "convene-sidebar-row.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* Registry files load in a worker thread: the window keeps drawing (the
 * main loop keeps running) while a large file loads, shows a loading page
 * until the first registry of a file comes, keeps the registry it shows
 * during a reload, and shows only the newest of several loads. The
 * registries are generated here, about 20 MB each: a few groups, the
 * first with a hundred thousand links, so that reading them takes long
 * and showing them does not (no test opens that first group).
 */

/* Only a guard against a load that never ends, far above what the
 * slowest build takes (ASan with full unwinding, valgrind): no test here
 * bounds how long a load takes, and meson's timeout (scaled by
 * --timeout-multiplier) ends a program that hangs anyway.
 */
#define TIMEOUT_SECONDS 900

/* A registry this size takes the loader about a second on a fast machine. */
#define LARGE_SIZE (20 * 1000 * 1000)
#define LARGE_GROUPS 40

/* Enough to tell a main loop that runs from one that froze. */
#define MIN_TICKS 5

static ConveneApplication *app;

/* A launcher that opens nothing: no test may open a link. */

#define NULL_TYPE_LAUNCHER (null_launcher_get_type ())
G_DECLARE_FINAL_TYPE (NullLauncher, null_launcher, NULL, LAUNCHER, ConveneLauncher)

struct _NullLauncher
{
  ConveneLauncher parent_instance;
};

G_DEFINE_FINAL_TYPE (NullLauncher, null_launcher, CONVENE_TYPE_LAUNCHER)

static void
null_launcher_launch (ConveneLauncher     *launcher,
                      const char          *uri,
                      GtkWindow           *parent,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (launcher, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static void
null_launcher_class_init (NullLauncherClass *klass)
{
  CONVENE_LAUNCHER_CLASS (klass)->launch = null_launcher_launch;
}

static void
null_launcher_init (NullLauncher *self)
{
}

/* The main loop during a load */

static gboolean
count_tick (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* What a test checks on every iteration of the main loop while a file loads */
typedef void (*LoadingCheck) (gpointer data);

/* Runs the main loop until the application has loaded its file, calling
 * @check on each iteration meanwhile. Returns how many times a 10 ms
 * timeout ran during the load: a main loop blocked by the load gets none.
 */
static guint
run_while_loading (ConveneApplication *application,
                   LoadingCheck        check,
                   gpointer            data)
{
  gint64 deadline = g_get_monotonic_time () +
                    (gint64)TIMEOUT_SECONDS * ui_test_slowdown () * G_USEC_PER_SEC;
  guint ticks = 0;
  guint tick = g_timeout_add (10, count_tick, &ticks);

  while (convene_application_get_loading (application))
    {
      if (check != NULL)
        check (data);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the registry to load");
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
  ui_test_drain ();

  g_test_message ("The main loop ticked %u times during the load", ticks);
  return ticks;
}

/* Registry files */

static void
append_group (GString    *out,
              const char *prefix,
              guint       n,
              guint       n_links)
{
  g_string_append_printf (out,
                          "    {\n"
                          "      \"id\": \"group-%u\",\n"
                          "      \"name\": \"%s %u\",\n"
                          "      \"topics\": [ \"Throughput\" ],\n"
                          "      \"meetings\": [\n"
                          "        { \"text\": \"Wednesdays at 13:00 PT\", \"weekday\": \"wednesday\",\n"
                          "          \"start\": \"13:00\", \"end\": \"13:30\",\n"
                          "          \"timezone\": \"America/Los_Angeles\" }\n"
                          "      ],\n"
                          "      \"leads\": [ { \"person\": \"person-%u\", \"role\": \"chair\" } ],\n"
                          "      \"artifacts\": [\n",
                          n, prefix, n, n);

  for (guint i = 0; i < n_links; i++)
    g_string_append_printf (out,
                            "        { \"kind\": \"notes\", \"label\": \"Notes %u\", "
                            "\"url\": \"https://docs.example.org/document/d/%u-%u/edit\" }%s\n",
                            i, n, i, i + 1 < n_links ? "," : "");

  g_string_append (out, "      ]\n    }");
}

/* Writes a valid registry of @n_groups groups named “@prefix 0”,
 * “@prefix 1”… (ids “group-0”, “group-1”…) of at least @size bytes
 * to @dir/@name, and returns its path. The first group has the links
 * that make up the size; the others have one.
 */
static char *
write_registry (const char *dir,
                const char *name,
                const char *prefix,
                guint       n_groups,
                gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) out = g_string_sized_new (size + 64 * 1024);
  g_autoptr(GError) error = NULL;
  /* One link takes about 110 bytes. */
  guint n_links = MAX (1, size / 100);

  g_string_append_printf (out,
                          "{\n"
                          "  \"format_version\": 1,\n"
                          "  \"community\": { \"name\": \"%s\" },\n"
                          "  \"people\": [\n",
                          prefix);
  for (guint i = 0; i < n_groups; i++)
    g_string_append_printf (out, "    { \"id\": \"person-%u\", \"name\": \"Person %u\" }%s\n",
                            i, i, i + 1 < n_groups ? "," : "");
  g_string_append (out, "  ],\n  \"groups\": [\n");
  for (guint i = 0; i < n_groups; i++)
    {
      append_group (out, prefix, i, i == 0 ? n_links : 1);
      g_string_append (out, i + 1 < n_groups ? ",\n" : "\n");
    }
  g_string_append (out, "  ]\n}\n");

  g_assert_cmpuint (out->len, >=, size);
  g_assert_cmpuint (out->len, <, CONVENE_REGISTRY_MAX_SIZE);

  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static char *
write_large_registry (const char *dir,
                      const char *name,
                      const char *prefix)
{
  return write_registry (dir, name, prefix, LARGE_GROUPS, LARGE_SIZE);
}

#define BROKEN_REGISTRY \
  "{\n"                         \
  "  \"format_version\": 1,\n"  \
  "  \"groups\": [\n"           \
  "    { \"id\": \"a\", }\n"    \
  "  ]\n"                       \
  "}\n"

static char *
write_broken_registry (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, BROKEN_REGISTRY, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* Widget tree helpers */

/* The titles of the groups in the sidebar's model, without Overview and
 * People: a GtkListView creates rows only for what is on screen.
 */
static char *
sidebar_groups (ConveneWindow *window)
{
  GListModel *model = convene_window_get_sidebar_model (window);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (!CONVENE_IS_GROUP (item))
        continue;

      if (titles->len > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, convene_group_get_name (CONVENE_GROUP (item)));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* “@prefix 0|@prefix 1|…” for @n_groups groups */
static char *
expected_groups (const char *prefix,
                 guint       n_groups)
{
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < n_groups; i++)
    g_string_append_printf (titles, "%s%s %u", i > 0 ? "|" : "", prefix, i);

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static AdwStatusPage *
find_status_page (ConveneWindow *window)
{
  g_autoptr(GPtrArray) pages = ui_test_find_all (window, ADW_TYPE_STATUS_PAGE);

  g_assert_cmpuint (pages->len, ==, 1);
  return g_ptr_array_index (pages, 0);
}

static GtkSpinner *
find_spinner (ConveneWindow *window)
{
  g_autoptr(GPtrArray) spinners = ui_test_find_all (window, GTK_TYPE_SPINNER);

  g_assert_cmpuint (spinners->len, ==, 1);
  return g_ptr_array_index (spinners, 0);
}

static guint
n_spinners (ConveneWindow *window)
{
  g_autoptr(GPtrArray) spinners = ui_test_find_all (window, GTK_TYPE_SPINNER);

  return spinners->len;
}

static GtkLabel *
error_label (ConveneWindow *window)
{
  GtkLabel *label = ui_test_lookup_css_class (window, GTK_TYPE_LABEL, "error-details");

  if (label == NULL)
    g_error ("No error details shown");

  return label;
}

/* Fixture: a window of the shared application, showing the bundled registry */

typedef struct
{
  ConveneWindow *window;
  ConveneLauncher *launcher;
  char *tmpdir;
} Fixture;

static ConveneWindow *
open_window (void)
{
  ConveneWindow *window = ui_test_window_new (app);

  /* Tests never reach the network. */
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
  ui_test_reset_settings ();

  f->launcher = g_object_new (NULL_TYPE_LAUNCHER, NULL);
  convene_launcher_set_default (f->launcher);

  f->tmpdir = ui_test_make_tmpdir ("convene-test-loading-XXXXXX");

  /* The bundled registry loads at once, as at startup. */
  convene_application_load_registry (app, NULL);
  g_assert_false (convene_application_get_loading (app));
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = open_window ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_drain ();

  /* No test leaves a load behind for the next. */
  g_assert_false (convene_application_get_loading (app));

  convene_launcher_set_default (NULL);
  g_clear_object (&f->launcher);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

/* The first registry of a file, after a failed one: nothing to keep
 * showing, so the loading page, while the main loop runs on.
 */

typedef struct
{
  ConveneWindow *window;
  const char *expected_title;
  guint n_checks;
} LoadingPageCheck;

static void
check_loading_page (gpointer data)
{
  LoadingPageCheck *check = data;
  AdwStatusPage *page;

  /* The application may have finished in the last iteration: the
   * window follows it only in this one.
   */
  if (!convene_application_get_loading (app))
    return;

  g_assert_cmpstr (convene_window_get_page (check->window), ==, "loading");
  page = find_status_page (check->window);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, check->expected_title);
  g_assert_true (gtk_spinner_get_spinning (find_spinner (check->window)));
  g_assert_null (convene_window_get_registry (check->window));
  check->n_checks++;

  if (check->n_checks == 1)
    ui_test_save_screenshot (check->window, "loading.png");
}

static void
test_loading_first_registry (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *broken = write_broken_registry (f->tmpdir);
  g_autofree char *large = write_large_registry (f->tmpdir, "large.json", "Large");
  g_autofree char *expected = expected_groups ("Large", LARGE_GROUPS);
  g_autofree char *groups = NULL;
  LoadingPageCheck check = { f->window, "Loading “large.json”…", 0 };
  guint ticks;

  convene_application_load_registry (app, broken);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");

  convene_application_load_registry (app, large);
  g_assert_true (convene_application_get_loading (app));
  g_assert_cmpstr (convene_application_get_loading_path (app), ==, large);
  /* What the application has is still the error, until the file is read. */
  g_assert_null (convene_application_get_registry (app));
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, broken);

  ticks = run_while_loading (app, check_loading_page, &check);
  g_assert_cmpuint (ticks, >=, MIN_TICKS);
  g_assert_cmpuint (check.n_checks, >=, MIN_TICKS);

  /* The registry arrived, and the window shows its groups. */
  g_assert_nonnull (convene_application_get_registry (app));
  g_assert_null (convene_application_get_registry_error (app));
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, large);
  g_assert_null (convene_application_get_loading_path (app));
  g_assert_true (convene_window_get_registry (f->window) == convene_application_get_registry (app));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  groups = sidebar_groups (f->window);
  g_assert_cmpstr (groups, ==, expected);
  g_assert_cmpuint (n_spinners (f->window), ==, 0);
}

/* A broken file loaded in a thread: its problems, with their places. */

static void
check_bundled_shown (gpointer data)
{
  ConveneWindow *window = data;

  if (!convene_application_get_loading (app))
    return;

  g_assert_nonnull (convene_application_get_registry (app));
  g_assert_true (convene_window_get_registry (window) == convene_application_get_registry (app));
  g_assert_cmpstr (convene_window_get_page (window), ==, "overview");
}

static void
test_loading_broken (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_broken_registry (f->tmpdir);
  g_autofree char *expected = g_strdup_printf ("%s:4:16: a comma cannot come before “}”", path);
  AdwStatusPage *status;
  GPtrArray *issues;

  convene_application_load_registry (app, path);
  g_assert_true (convene_application_get_loading (app));

  run_while_loading (app, check_bundled_shown, f->window);

  g_assert_null (convene_application_get_registry (app));
  g_assert_error (convene_application_get_registry_error (app),
                  CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  issues = convene_application_get_registry_issues (app);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, ==, 1);

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  g_assert_null (convene_window_get_registry (f->window));
  g_assert_cmpstr (gtk_label_get_text (error_label (f->window)), ==, expected);

  status = find_status_page (f->window);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Could Not Load the Registry");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "broken.json"));

  /* A file that is not there fails the same way, with the reason. */
  {
    g_autofree char *missing = g_build_filename (f->tmpdir, "missing.json", NULL);

    convene_application_load_registry (app, missing);
    run_while_loading (app, NULL, NULL);

    g_assert_error (convene_application_get_registry_error (app), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
    g_assert_nonnull (strstr (adw_status_page_get_description (find_status_page (f->window)),
                              "missing.json"));
  }
}

/* A load started while another runs wins; the other never shows. */

typedef struct
{
  GPtrArray *registries;   /* every registry the application announced */
} Recorder;

static void
registry_notified_cb (ConveneApplication *application,
                      GParamSpec         *pspec,
                      Recorder           *recorder)
{
  ConveneRegistry *registry = convene_application_get_registry (application);

  g_ptr_array_add (recorder->registries, registry ? g_object_ref (registry) : NULL);
}

static void
witness_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  registry = convene_registry_load_from_file_finish (result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  *done = TRUE;
}

static const char *
first_group_name (ConveneRegistry *registry)
{
  g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), 0);

  return convene_group_get_name (group);
}

static void
test_loading_newer_wins (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = write_large_registry (f->tmpdir, "first.json", "First");
  /* The newer file is smaller and comes first: the older one, were it
   * not cancelled, would come after it and replace it.
   */
  g_autofree char *second = write_registry (f->tmpdir, "second.json", "Second", 3, 1000 * 1000);
  g_autofree char *expected = expected_groups ("Second", 3);
  g_autofree char *groups = NULL;
  Recorder recorder = { g_ptr_array_new_with_free_func (g_object_unref) };
  gboolean witness_done = FALSE;
  ConveneRegistry *bundled = convene_application_get_registry (app);
  gulong handler;
  guint ticks;

  handler = g_signal_connect (app, "notify::registry", G_CALLBACK (registry_notified_cb), &recorder);

  /* The same file loaded alongside, uncancelled: when it is done, the
   * first load would have been too.
   */
  convene_registry_load_from_file_async (first, NULL, witness_loaded_cb, &witness_done);
  convene_application_load_registry (app, first);

  /* Let the first load get going. */
  {
    guint started = 0;
    guint tick = g_timeout_add (10, count_tick, &started);

    while (started < 3)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
  }
  g_assert_true (convene_application_get_loading (app));
  g_assert_false (witness_done);

  convene_application_load_registry (app, second);
  g_assert_true (convene_application_get_loading (app));
  g_assert_cmpstr (convene_application_get_loading_path (app), ==, second);

  ticks = run_while_loading (app, check_bundled_shown, f->window);
  g_assert_cmpuint (ticks, >, 0);

  g_assert_cmpstr (convene_application_get_registry_path (app), ==, second);
  groups = sidebar_groups (f->window);
  g_assert_cmpstr (groups, ==, expected);

  /* Past the time the first load would have taken, nothing else came. */
  ui_test_assert_eventually (witness_done);
  ui_test_drain ();

  g_assert_false (convene_application_get_loading (app));
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, second);
  g_clear_pointer (&groups, g_free);
  groups = sidebar_groups (f->window);
  g_assert_cmpstr (groups, ==, expected);

  g_assert_cmpuint (recorder.registries->len, ==, 1);
  g_assert_nonnull (g_ptr_array_index (recorder.registries, 0));
  g_assert_true (g_ptr_array_index (recorder.registries, 0) != bundled);
  g_assert_cmpstr (first_group_name (g_ptr_array_index (recorder.registries, 0)), ==, "Second 0");

  /* The bundled registry also replaces a file still loading. */
  convene_application_load_registry (app, first);
  g_assert_true (convene_application_get_loading (app));
  convene_application_load_registry (app, NULL);
  g_assert_false (convene_application_get_loading (app));
  g_assert_null (convene_application_get_registry_path (app));
  ui_test_drain ();
  g_assert_cmpuint (recorder.registries->len, ==, 2);
  g_assert_cmpstr (first_group_name (g_ptr_array_index (recorder.registries, 1)), ==, "Steering");
  g_assert_cmpuint (n_spinners (f->window), ==, 0);

  g_signal_handler_disconnect (app, handler);
  g_ptr_array_unref (recorder.registries);
}

/* Reload (Ctrl+R): the groups shown stay until the new ones come. */

typedef struct
{
  ConveneWindow *window;
  ConveneRegistry *before;
  const char *groups;
  guint n_checks;
} ReloadCheck;

static void
check_old_groups (gpointer data)
{
  ReloadCheck *check = data;
  g_autofree char *groups = NULL;

  if (!convene_application_get_loading (app))
    return;

  g_assert_true (convene_application_get_registry (app) == check->before);
  g_assert_true (convene_window_get_registry (check->window) == check->before);
  g_assert_cmpstr (convene_window_get_page (check->window), ==, "group");
  groups = sidebar_groups (check->window);
  g_assert_cmpstr (groups, ==, check->groups);

  /* A spinner in the sidebar's header says another one is coming. */
  g_assert_true (gtk_spinner_get_spinning (find_spinner (check->window)));
  check->n_checks++;

  if (check->n_checks == 1)
    ui_test_save_screenshot (check->window, "reloading.png");
}

static void
test_loading_reload (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_large_registry (f->tmpdir, "registry.json", "Large");
  g_autofree char *old_groups = expected_groups ("Large", LARGE_GROUPS);
  g_autofree char *new_groups = expected_groups ("Reloaded", LARGE_GROUPS);
  g_autofree char *groups = NULL;
  ReloadCheck check = { f->window, NULL, old_groups, 0 };
  guint ticks;

  convene_application_load_registry (app, path);
  run_while_loading (app, NULL, NULL);
  groups = sidebar_groups (f->window);
  g_assert_cmpstr (groups, ==, old_groups);
  g_assert_true (convene_window_show_group (f->window, "group-7"));

  /* The file changes on disk; Ctrl+R reads it again. */
  g_free (write_large_registry (f->tmpdir, "registry.json", "Reloaded"));
  check.before = convene_window_get_registry (f->window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  g_assert_true (convene_application_get_loading (app));
  g_assert_cmpstr (convene_application_get_loading_path (app), ==, path);

  ticks = run_while_loading (app, check_old_groups, &check);
  g_assert_cmpuint (ticks, >=, MIN_TICKS);
  g_assert_cmpuint (check.n_checks, >=, MIN_TICKS);

  /* The new groups, and the page of the same group in them. */
  g_assert_true (convene_window_get_registry (f->window) != check.before);
  g_clear_pointer (&groups, g_free);
  groups = sidebar_groups (f->window);
  g_assert_cmpstr (groups, ==, new_groups);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_name (convene_window_get_group (f->window)), ==, "Reloaded 7");
  g_assert_cmpuint (n_spinners (f->window), ==, 0);
}

/* The real startup: `convene --registry FILE --group ID` */

typedef struct
{
  GApplication *application;
  guint ticks_while_loading;
  guint loading_page_seen;
  gboolean loaded;
  gboolean timed_out;
  char *expected_title;
  char *page;
  char *group;
  char *groups;
  gboolean quit_while_loading;
} Startup;

static ConveneWindow *
application_window (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  return CONVENE_IS_WINDOW (window) ? CONVENE_WINDOW (window) : NULL;
}

static gboolean
startup_tick_cb (gpointer data)
{
  Startup *startup = data;
  GApplication *application = startup->application;
  ConveneApplication *convene_app = CONVENE_APPLICATION (application);
  ConveneWindow *window = application_window (application);

  if (convene_application_get_loading (convene_app))
    {
      startup->ticks_while_loading++;

      if (window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          g_strcmp0 (convene_window_get_page (window), "loading") == 0 &&
          g_strcmp0 (adw_status_page_get_title (find_status_page (window)),
                     startup->expected_title) == 0 &&
          gtk_spinner_get_spinning (find_spinner (window)))
        startup->loading_page_seen++;

      if (startup->quit_while_loading && startup->loading_page_seen >= MIN_TICKS)
        {
          g_application_quit (application);
          return G_SOURCE_REMOVE;
        }

      return G_SOURCE_CONTINUE;
    }

  if (convene_application_get_registry (convene_app) != NULL && window != NULL)
    {
      ConveneGroup *group = convene_window_get_group (window);

      startup->loaded = TRUE;
      startup->page = g_strdup (convene_window_get_page (window));
      startup->group = g_strdup (group ? convene_group_get_id (group) : NULL);
      startup->groups = sidebar_groups (window);
    }

  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static gboolean
startup_timeout_cb (gpointer data)
{
  Startup *startup = data;

  startup->timed_out = TRUE;
  g_application_quit (startup->application);
  return G_SOURCE_REMOVE;
}

/* Runs a new application as `test --registry @path [--group @group]`
 * until it has loaded the file, or until it showed the loading page for
 * a while if @quit_while_loading.
 */
static ConveneApplication *
run_application (const char *id,
                 const char *path,
                 const char *group,
                 gboolean    quit_while_loading,
                 Startup    *startup)
{
  ConveneApplication *application = convene_application_new ();
  g_autofree char *name = g_filename_display_basename (path);
  const char *argv[] = { "test-loading-ui", "--registry", path, "--group", group, NULL };
  int argc = group != NULL ? 5 : 3;
  guint tick, timeout;
  int status;

  /* Its own id: the shared application holds the usual one on the bus. */
  g_application_set_application_id (G_APPLICATION (application), id);
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);

  startup->application = G_APPLICATION (application);
  startup->expected_title = g_strdup_printf ("Loading “%s”…", name);
  startup->quit_while_loading = quit_while_loading;

  tick = g_timeout_add (10, startup_tick_cb, startup);
  timeout = g_timeout_add_seconds (TIMEOUT_SECONDS, startup_timeout_cb, startup);

  status = g_application_run (G_APPLICATION (application), argc, (char **)argv);

  g_source_remove (timeout);
  if (startup->timed_out)
    g_source_remove (tick);

  g_assert_cmpint (status, ==, 0);
  g_assert_false (startup->timed_out);

  return application;
}

static void
destroy_application (ConveneApplication *application)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (windows->data);
  ui_test_drain ();

  /* A load under way held no reference: the application goes. */
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *)&application);
  g_object_unref (application);
  g_assert_null (application);
}

static void
startup_clear (Startup *startup)
{
  g_free (startup->expected_title);
  g_free (startup->page);
  g_free (startup->group);
  g_free (startup->groups);
}

static void
test_loading_startup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-test-loading-XXXXXX", NULL);
  g_autofree char *path = write_large_registry (dir, "community.json", "Large");
  g_autofree char *expected = expected_groups ("Large", LARGE_GROUPS);
  ConveneApplication *application;
  Startup startup = { 0 };

  ui_test_reset_settings ();

  application = run_application (APP_ID ".Test.Startup", path, "group-7", FALSE, &startup);

  /* The window showed the loading page while the main loop ran... */
  g_test_message ("%u ticks while loading, the loading page seen in %u",
                  startup.ticks_while_loading, startup.loading_page_seen);
  g_assert_cmpuint (startup.ticks_while_loading, >=, MIN_TICKS);
  g_assert_cmpuint (startup.loading_page_seen, >=, MIN_TICKS);

  /* ...then the groups, and the one asked for on the command line. */
  g_assert_true (startup.loaded);
  g_assert_cmpstr (startup.groups, ==, expected);
  g_assert_cmpstr (startup.page, ==, "group");
  g_assert_cmpstr (startup.group, ==, "group-7");
  g_assert_cmpstr (convene_application_get_registry_path (application), ==, path);

  destroy_application (application);
  startup_clear (&startup);
  ui_test_remove_tree (dir);
}

/* Quitting while the file loads: the load is dropped, the application
 * goes away, and the result, when the thread is done, touches nothing.
 */
static void
test_loading_quit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-test-loading-XXXXXX", NULL);
  g_autofree char *path = write_large_registry (dir, "community.json", "Large");
  ConveneApplication *application;
  Startup startup = { 0 };
  gboolean witness_done = FALSE;

  ui_test_reset_settings ();

  application = run_application (APP_ID ".Test.Quit", path, NULL, TRUE, &startup);

  g_assert_cmpuint (startup.loading_page_seen, >=, MIN_TICKS);
  g_assert_false (startup.loaded);
  g_assert_false (convene_application_get_loading (application));
  g_assert_null (convene_application_get_registry (application));
  g_assert_null (convene_application_get_registry_error (application));

  /* The same file, loaded now, is done after the cancelled load stopped. */
  convene_registry_load_from_file_async (path, NULL, witness_loaded_cb, &witness_done);

  destroy_application (application);

  ui_test_assert_eventually (witness_done);
  ui_test_drain ();

  startup_clear (&startup);
  ui_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;

  /* Only the cache, where avatars would go, is kept apart. */
  cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  ui_test_set_timeout (TIMEOUT_SECONDS);

#define ADD(path, func) \
  g_test_add ("/loading/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("first-registry", test_loading_first_registry);
  ADD ("broken", test_loading_broken);
  ADD ("newer-wins", test_loading_newer_wins);
  ADD ("reload", test_loading_reload);
  g_test_add_func ("/loading/startup", test_loading_startup);
  g_test_add_func ("/loading/quit", test_loading_quit);

#undef ADD

  return g_test_run ();
}
