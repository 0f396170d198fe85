/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bench-first-frame"

#include "config.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gtk/gtk.h>

/* LD_PRELOAD=libfirst-frame.so PROGRAM ...: how long PROGRAM takes from
 * its start to the first frame that shows content, measured from outside
 * so that it works the same for the floor and for Convene, unchanged.
 *
 * It watches the first window of the program: the first one added to the
 * GtkApplication that g_application_run() runs (interposed), or else the
 * first one passed to gtk_window_present() or _with_time() (interposed
 * too). libgtk-4 is linked with -Bsymbolic, so only the program's own
 * calls reach these wrappers, never GTK's calls to itself; an
 * AdwApplicationWindow is shown like any GtkWindow, present() realizing
 * and mapping it. Once the window is realized, its frame clock exists;
 * after every frame it paints, the default
 * GApplication is asked for a boolean "loading" property. While that is
 * TRUE (Convene: the registry it will show is not on screen yet) the frame
 * does not count, and the end of loading queues a redraw, so the next
 * frame shows the content. The first frame painted without loading ends
 * the process with _exit(0), after writing one line
 *
 *   MILLISECONDS FRAMES
 *
 * to the file $FIRST_FRAME_OUT (standard error without it): the time since
 * the start of the process and how many frames were painted, the counted
 * one included. The start is $FIRST_FRAME_T0_NS, the CLOCK_MONOTONIC time
 * in nanoseconds at which the parent spawned the process (Python's
 * time.monotonic_ns()), or else the process's start time in
 * /proc/self/stat (10 ms granularity). With $FIRST_FRAME_KEEP_RUNNING set,
 * the process goes on after writing the line (benchmarks/avatars.py
 * watches what it does next). With $FIRST_FRAME_COUNT set to a type name,
 * the line goes on with two counts of the widgets of that type in the
 * window at that frame: those mapped, and those of them visible (inside
 * the window and inside every scrolled window they are in).
 */

static GtkWindow *watched;
static guint n_frames;
static gboolean waiting_for_load;

static double
now_ns (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Field 22 of /proc/self/stat, in clock ticks since boot; the command
 * (field 2) may contain spaces, so count from its closing parenthesis.
 */
static double
process_start_boottime_ns (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;

  /* After ")" come fields 3 (state) to 22 (starttime). */
  for (int field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &ticks) != 1)
    return -1;

  return ticks * (1e9 / sysconf (_SC_CLK_TCK));
}

static double
elapsed_ms (void)
{
  const char *t0 = g_getenv ("FIRST_FRAME_T0_NS");

  if (t0 != NULL)
    return (now_ns (CLOCK_MONOTONIC) - g_ascii_strtod (t0, NULL)) / 1e6;

  return (now_ns (CLOCK_BOOTTIME) - process_start_boottime_ns ()) / 1e6;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data);

/* Whether @widget's bounds meet those of @window and of each scrolled
 * window between them.
 */
static gboolean
is_visible_in (GtkWidget *widget,
               GtkWidget *window)
{
  graphene_rect_t bounds, area;

  if (!gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      if (up != window && !GTK_IS_SCROLLED_WINDOW (up))
        continue;
      if (!gtk_widget_compute_bounds (up, window, &area) ||
          !graphene_rect_intersection (&bounds, &area, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
count_widgets (GtkWidget *widget,
               GtkWidget *window,
               GType      type,
               guint     *mapped,
               guint     *visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          (*mapped)++;
          if (is_visible_in (child, window))
            (*visible)++;
        }
      count_widgets (child, window, type, mapped, visible);
    }
}

static void
report_and_exit (GdkFrameClock *frame_clock)
{
  const char *path = g_getenv ("FIRST_FRAME_OUT");
  const char *count = g_getenv ("FIRST_FRAME_COUNT");
  GType type = count != NULL ? g_type_from_name (count) : G_TYPE_INVALID;
  char line[64];
  int fd = STDERR_FILENO;
  int len;

  if (type != G_TYPE_INVALID && watched != NULL)
    {
      guint mapped = 0, visible = 0;

      count_widgets (GTK_WIDGET (watched), GTK_WIDGET (watched), type, &mapped, &visible);
      len = g_snprintf (line, sizeof line, "%.3f %u %u %u\n", elapsed_ms (), n_frames,
                        mapped, visible);
    }
  else
    len = g_snprintf (line, sizeof line, "%.3f %u\n", elapsed_ms (), n_frames);
  if (path != NULL)
    fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0 && write (fd, line, len) != len)
    fd = -1;

  if (g_getenv ("FIRST_FRAME_KEEP_RUNNING") != NULL)
    {
      if (fd != STDERR_FILENO && fd >= 0)
        close (fd);
      g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, NULL);
      return;
    }

  /* No clean-up: what is measured ends with the frame. */
  _exit (fd >= 0 ? 0 : 1);
}

/* Whether the application says the content is not on screen yet. */
static gboolean
app_is_loading (void)
{
  GApplication *app = g_application_get_default ();
  gboolean loading = FALSE;

  if (app == NULL)
    return FALSE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (app), "loading") == NULL)
    return FALSE;

  g_object_get (app, "loading", &loading, NULL);
  return loading;
}

static void
loading_changed_cb (GObject    *app,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  /* The window may have nothing to redraw of its own yet. */
  if (watched != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (watched));
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  n_frames++;

  if (!app_is_loading ())
    {
      report_and_exit (frame_clock);
      return;
    }

  if (!waiting_for_load)
    {
      waiting_for_load = TRUE;
      g_signal_connect (g_application_get_default (), "notify::loading",
                        G_CALLBACK (loading_changed_cb), NULL);
    }
}

static void
connect_frame_clock (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (widget, realize_cb, user_data);
  connect_frame_clock (widget);
}

/* Watches the first window presented, once. */
static void
watch (GtkWindow *window)
{
  if (watched != NULL || !GTK_IS_WINDOW (window))
    return;

  watched = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&watched);

  if (gtk_widget_get_frame_clock (GTK_WIDGET (window)) != NULL)
    connect_frame_clock (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  watch (window);
}

int
g_application_run (GApplication  *application,
                   int            argc,
                   char         **argv)
{
  static int (*real) (GApplication *, int, char **);

  if (real == NULL)
    real = (int (*) (GApplication *, int, char **))dlsym (RTLD_NEXT, "g_application_run");

  if (GTK_IS_APPLICATION (application))
    g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);

  return real (application, argc, argv);
}

void
gtk_window_present_with_time (GtkWindow *window,
                              guint32    timestamp)
{
  static void (*real) (GtkWindow *, guint32);

  if (real == NULL)
    real = (void (*) (GtkWindow *, guint32))dlsym (RTLD_NEXT, "gtk_window_present_with_time");

  real (window, timestamp);
  watch (window);
}

void
gtk_window_present (GtkWindow *window)
{
  static void (*real) (GtkWindow *);

  if (real == NULL)
    real = (void (*) (GtkWindow *))dlsym (RTLD_NEXT, "gtk_window_present");

  real (window);
  watch (window);
}
