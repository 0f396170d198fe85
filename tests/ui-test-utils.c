/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-ui-test"

#include "config.h"

#include <glib/gstdio.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#include "convene-search-hit.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* Main loop helpers */

static guint timeout_seconds = 10;

/* How many times slower than a normal build this one runs: the number in
 * CONVENE_TEST_SLOWDOWN, else 50 under valgrind, else 1. The waits below
 * are guards against a test that hangs, not bounds on speed, so they
 * grow with it; meson's own timeout (times --timeout-multiplier) is the
 * outer guard.
 */
guint
ui_test_slowdown (void)
{
  static guint slowdown;

  if (slowdown == 0)
    {
      const char *env = g_getenv ("CONVENE_TEST_SLOWDOWN");
      guint64 value = 1;

      if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 1000, &value, NULL))
        slowdown = value;
#ifdef RUNNING_ON_VALGRIND
      else if (RUNNING_ON_VALGRIND)
        slowdown = 50;
#endif
      else
        slowdown = 1;
    }

  return slowdown;
}

/* Sets how long ui_test_assert_eventually() waits in a normal build: a
 * test of slow work allows it more.
 */
void
ui_test_set_timeout (guint seconds)
{
  timeout_seconds = seconds;
}

/* The monotonic time at which ui_test_assert_eventually() gives up */
gint64
ui_test_deadline (void)
{
  return g_get_monotonic_time () +
         (gint64)timeout_seconds * ui_test_slowdown () * G_USEC_PER_SEC;
}

gboolean
ui_test_keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
ui_test_drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  guint frames = 0;
  guint tick = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  ui_test_assert_eventually (frames >= n);
  gtk_widget_remove_tick_callback (widget, tick);
}

/* Lets @n frames of @widget's window pass: layout, paint, and whatever
 * waits for a frame to end.
 */
void
ui_test_wait_frames (gpointer widget,
                     guint    n)
{
  wait_for_frames (GTK_WIDGET (widget), n);
  ui_test_drain ();
}

/* Widget tree helpers */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Only what is on screen: hidden stack pages do not count. */
      if (!gtk_widget_get_mapped (child))
        continue;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);

      collect (child, type, out);
    }
}

/* Returns: (transfer container): the mapped descendants of @root of
 * @type, in tree order
 */
GPtrArray *
ui_test_find_all (gpointer root,
                  GType    type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, out);
  return out;
}

/* The one mapped descendant of @root of @type; anything else is an error. */
gpointer
ui_test_find_one (gpointer root,
                  GType    type)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  if (found->len != 1)
    g_error ("Expected one mapped %s, found %u", g_type_name (type), found->len);

  return g_ptr_array_index (found, 0);
}

/* The first mapped descendant of @root of @type with @css_class, or NULL */
gpointer
ui_test_lookup_css_class (gpointer    root,
                          GType       type,
                          const char *css_class)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (found, i), css_class))
      return g_ptr_array_index (found, i);

  return NULL;
}

/* Returns: (transfer container): the shortcuts of @widget's shortcut
 * controllers, in the order GTK tries them
 */
GPtrArray *
ui_test_list_shortcuts (gpointer widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), j));
    }

  return shortcuts;
}

/* Whether @widget binds @trigger to @action, both as GTK writes them
 * (“<Control>f”, “action(win.search)”)
 */
gboolean
ui_test_has_shortcut (gpointer    widget,
                      const char *trigger,
                      const char *action)
{
  g_autoptr(GPtrArray) shortcuts = ui_test_list_shortcuts (widget);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
      g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

      if (g_strcmp0 (t, trigger) == 0 && g_strcmp0 (a, action) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A launcher that records instead of opening */

G_DEFINE_FINAL_TYPE (UiTestRecordingLauncher, ui_test_recording_launcher, CONVENE_TYPE_LAUNCHER)

static void
ui_test_recording_launcher_launch (ConveneLauncher     *launcher,
                                   const char          *uri,
                                   GtkWindow           *parent,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  UiTestRecordingLauncher *self = UI_TEST_RECORDING_LAUNCHER (launcher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_ptr_array_add (self->uris, g_strdup (uri));
  if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
ui_test_recording_launcher_finalize (GObject *object)
{
  g_ptr_array_unref (UI_TEST_RECORDING_LAUNCHER (object)->uris);
  g_clear_error (&UI_TEST_RECORDING_LAUNCHER (object)->error);
  G_OBJECT_CLASS (ui_test_recording_launcher_parent_class)->finalize (object);
}

static void
ui_test_recording_launcher_class_init (UiTestRecordingLauncherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ui_test_recording_launcher_finalize;
  CONVENE_LAUNCHER_CLASS (klass)->launch = ui_test_recording_launcher_launch;
}

static void
ui_test_recording_launcher_init (UiTestRecordingLauncher *self)
{
  self->uris = g_ptr_array_new_with_free_func (g_free);
}

/* A window's test */

/* Forgets the settings, records what would be opened and makes a
 * temporary directory from @tmpdir_template; the test opens the window.
 */
void
ui_test_fixture_setup (UiTestFixture *f,
                       const char    *tmpdir_template)
{
  ui_test_reset_settings ();

  f->launcher = g_object_new (UI_TEST_TYPE_RECORDING_LAUNCHER, NULL);
  convene_launcher_set_default (CONVENE_LAUNCHER (f->launcher));

  f->tmpdir = ui_test_make_tmpdir (tmpdir_template);
}

void
ui_test_fixture_teardown (UiTestFixture *f)
{
  if (f->window != NULL)
    ui_test_close_window (f->window);

  convene_launcher_set_default (NULL);
  g_clear_object (&f->launcher);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

/* The application, settings, screenshots and files */

/* Returns: (transfer full): the application the tests share, registered
 * without a D-Bus name (a test must not meet a running Convene), with
 * animations off so that what a test looks for is on screen at once.
 */
ConveneApplication *
ui_test_application_new (void)
{
  ConveneApplication *app = convene_application_new ();
  g_autoptr(GError) error = NULL;

  ui_test_reset_settings ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  return app;
}

/* Returns: (transfer none): a new window of @app, handed its context as
 * the application hands it to its own windows.
 */
ConveneWindow *
ui_test_window_new (ConveneApplication *app)
{
  return convene_window_new (GTK_APPLICATION (app), convene_application_get_context (app));
}

/* Opens the search bar of @window, as Ctrl+F does, and types @text. */
void
ui_test_search_for (ConveneWindow *window,
                    const char    *text)
{
  GtkSearchBar *bar;
  GtkEditable *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  bar = ui_test_find_one (window, GTK_TYPE_SEARCH_BAR);
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  entry = GTK_EDITABLE (ui_test_find_one (window, GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (entry, text);
}

/* The results of @window's search as its model has them, shown or not */
guint
ui_test_count_search_hits (ConveneWindow *window)
{
  GListModel *results = convene_window_get_search_results (window);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);

      n += CONVENE_IS_SEARCH_HIT (item);
    }

  return n;
}

/* Forgets the last group and the window's size; no daily check. */
void
ui_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-group");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  /* No test wants a refresh it did not ask for (the daily check is on by
   * default); the daily check's own test turns it on.
   */
  g_settings_set_boolean (settings, "auto-refresh", FALSE);
  g_settings_reset (settings, "last-refresh-check");
}

void
ui_test_close_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_drain ();
}

/* Saves what @widget shows, once a few frames have let layout, styles and
 * icons settle, to screenshots/@name in the build directory, for a person
 * to look at.
 *
 * Returns: (transfer full): the texture saved
 */
GdkTexture *
ui_test_screenshot (gpointer    widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  wait_for_frames (GTK_WIDGET (widget), 3);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);

  return g_steal_pointer (&texture);
}

void
ui_test_save_screenshot (gpointer    widget,
                         const char *name)
{
  g_object_unref (ui_test_screenshot (widget, name));
}

/* Returns: (transfer full): a new directory made from @tmpl, as
 * g_dir_make_tmp() does
 */
char *
ui_test_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return path;
}

/* Makes a temporary directory from @tmpl for XDG_CACHE_HOME, before
 * anything makes the default avatar cache: it must not be the user's;
 * its data/ is CONVENE_DATA_DIR, where the registries are remembered.
 * Not G_TEST_OPTION_ISOLATE_DIRS: without the system's XDG_DATA_DIRS
 * there is no MIME database, and GTK cannot load a single SVG icon.
 *
 * Returns: (transfer full): the directory
 */
char *
ui_test_set_cache_home (const char *tmpl)
{
  char *cache_home = ui_test_make_tmpdir (tmpl);
  g_autofree char *data_dir = g_build_filename (cache_home, "data", NULL);

  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  /* The remembered registries likewise: the program's own, gone with it. */
  g_setenv ("CONVENE_DATA_DIR", data_dir, TRUE);
  return cache_home;
}

/* Removes @path and everything in it; symbolic links are not followed. */
void
ui_test_remove_tree (const char *path)
{
  test_remove_tree (path);
}
