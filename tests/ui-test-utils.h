/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-application.h"
#include "convene-launcher.h"
#include "convene-window.h"

G_BEGIN_DECLS

/* What the UI tests share: the main loop without sleeps, finding widgets
 * on screen, a launcher that records, screenshots and temporary
 * directories. What only one test needs stays in that test.
 */

/* Main loop helpers: no sleeps, only iterations until a condition holds */

guint     ui_test_slowdown        (void);
void      ui_test_set_timeout     (guint seconds);
gint64    ui_test_deadline        (void);
gboolean  ui_test_keep_waking     (gpointer data);
void      ui_test_drain           (void);
void      ui_test_wait_frames     (gpointer widget,
                                   guint    n);

/* Iterates the default main context until @expr holds, failing the test
 * after the timeout (10 seconds unless ui_test_set_timeout() says
 * otherwise). A 10 ms timeout keeps the loop waking up to test @expr.
 */
#define ui_test_assert_eventually(expr)                                                \
  G_STMT_START {                                                                       \
    gint64 deadline_ = ui_test_deadline ();                                            \
    guint tick_ = g_timeout_add (10, ui_test_keep_waking, NULL);                       \
    while (!(expr))                                                                    \
      {                                                                                \
        if (g_get_monotonic_time () > deadline_)                                       \
          g_assertion_message_expr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,       \
                                    "timed out waiting for: " #expr);                  \
        g_main_context_iteration (NULL, TRUE);                                         \
      }                                                                                \
    g_source_remove (tick_);                                                           \
  } G_STMT_END

/* Widget tree helpers: only mapped widgets count */

GPtrArray *ui_test_find_all           (gpointer    root,
                                       GType       type);
gpointer   ui_test_find_one           (gpointer    root,
                                       GType       type);
gpointer   ui_test_lookup_css_class   (gpointer    root,
                                       GType       type,
                                       const char *css_class);
GPtrArray *ui_test_list_shortcuts     (gpointer    widget);
gboolean   ui_test_has_shortcut       (gpointer    widget,
                                       const char *trigger,
                                       const char *action);

/* A launcher that records instead of opening */

#define UI_TEST_TYPE_RECORDING_LAUNCHER (ui_test_recording_launcher_get_type ())
G_DECLARE_FINAL_TYPE (UiTestRecordingLauncher, ui_test_recording_launcher,
                      UI_TEST, RECORDING_LAUNCHER, ConveneLauncher)

/* Public, so that a test reads what would have been opened, and makes
 * every launch fail with @error as a desktop without handlers would.
 */
struct _UiTestRecordingLauncher
{
  ConveneLauncher parent_instance;
  GPtrArray *uris;
  GError *error;
};

/* A window's test: the window, what it would have opened, a directory */

typedef struct
{
  ConveneWindow *window;
  UiTestRecordingLauncher *launcher;
  char *tmpdir;
} UiTestFixture;

void ui_test_fixture_setup    (UiTestFixture *f,
                               const char    *tmpdir_template);
void ui_test_fixture_teardown (UiTestFixture *f);

/* The application, settings, screenshots and files */

ConveneApplication *ui_test_application_new    (void);
ConveneWindow      *ui_test_window_new         (ConveneApplication *app);
void                ui_test_search_for         (ConveneWindow      *window,
                                                const char         *text);
guint               ui_test_count_search_hits  (ConveneWindow      *window);
void                ui_test_reset_settings     (void);
void                ui_test_close_window       (gpointer    window);
GdkTexture         *ui_test_screenshot         (gpointer    widget,
                                                const char *name);
void                ui_test_save_screenshot    (gpointer    widget,
                                                const char *name);
char               *ui_test_make_tmpdir        (const char *tmpl);
char               *ui_test_set_cache_home     (const char *tmpl);
void                ui_test_remove_tree        (const char *path);

G_END_DECLS
