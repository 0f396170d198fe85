/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#include "convene-application.h"
#include "convene-upcoming.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* Every page wide (1280×800) and narrow (360×640), light and dark, as
 * PNGs under _build/tests/screenshots/ for a person to look at; German
 * when run as test-screenshots-ui-de. At 360 px no label of the window
 * may be cut down to an ellipsis or stick out of its row: that is what a
 * German "Beginnt in 12 Minuten" did to a meeting's title.
 */

/* Wednesday 9:00 in Berlin, the day before Networking meets */
#define NOW "2026-03-04T08:00:00Z"

static ConveneApplication *app;
static const char *language = "en";

typedef struct
{
  const char *name;
  int width;
  int height;
} Size;

static const Size sizes[] = {
  { "wide", 1280, 800 },
  { "narrow", 360, 640 },
};

/* The smallest width a cut-short label may keep: about three letters. */
#define MIN_ELLIPSIZED_WIDTH 24

/* The nearest ancestor of @widget that is a row, or its window */
static GtkWidget *
find_row (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_LIST_BOX_ROW (w) || GTK_IS_WINDOW (w))
      return w;

  return NULL;
}

/* Every mapped label of @window with text: whether it is cut short to
 * almost nothing, or lies partly outside its row.
 */
static guint
check_labels (GtkWidget  *window,
              const char *where)
{
  g_autoptr(GPtrArray) labels = ui_test_find_all (window, GTK_TYPE_LABEL);
  guint problems = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      GtkWidget *row;
      graphene_rect_t bounds;
      int width = gtk_widget_get_width (label);

      if (text == NULL || *text == '\0' || gtk_widget_get_child_visible (label) == FALSE)
        continue;

      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))) &&
          width < MIN_ELLIPSIZED_WIDTH)
        {
          g_test_message ("%s: “%s” is cut down to %d px", where, text, width);
          problems++;
        }

      row = find_row (label);
      if (row == NULL || !gtk_widget_compute_bounds (label, row, &bounds))
        continue;

      if (bounds.origin.x < -0.5 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (row) + 0.5)
        {
          g_test_message ("%s: “%s” spans %g–%g px of a %s %d px wide", where, text,
                          bounds.origin.x, bounds.origin.x + bounds.size.width,
                          G_OBJECT_TYPE_NAME (row), gtk_widget_get_width (row));
          problems++;
        }
    }

  return problems;
}

static ConveneWindow *
open_window (const Size *size)
{
  ConveneWindow *window = ui_test_window_new (app);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);

  convene_window_set_avatar_cache (window, NULL);
  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  gtk_window_set_default_size (GTK_WINDOW (window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (window));

  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             gtk_widget_get_width (GTK_WIDGET (window)) > size->width - 16 &&
                             gtk_widget_get_width (GTK_WIDGET (window)) <= size->width);
  ui_test_drain ();
  return window;
}

typedef enum
{
  PAGE_OVERVIEW,
  PAGE_GROUP,
  PAGE_GROUP_SOON,
  PAGE_GROUP_LIVE,
  PAGE_PEOPLE,
  PAGE_PERSON,
  N_PAGES
} Page;

static const char * const page_names[] = {
  "overview", "group", "group-soon", "group-live", "people", "person",
};

/* Networking meets on Thursday 5 March at 20:00 in Berlin. */
#define NETWORKING_START "2026-03-05T19:00:00Z"

static void
set_now (ConveneWindow *window,
         const char    *iso,
         int            seconds)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) now = g_date_time_add_seconds (base, seconds);

  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
}

static void
show_page (ConveneWindow *window,
           Page           page)
{
  switch (page)
    {
    case PAGE_OVERVIEW:
      convene_window_show_overview (window);
      break;
    case PAGE_GROUP:
      g_assert_true (convene_window_show_group (window, "networking"));
      break;
    case PAGE_GROUP_SOON:
      /* "Starts in 12 minutes", the longest status */
      set_now (window, NETWORKING_START, -12 * 60);
      g_assert_true (convene_window_show_group (window, "networking"));
      break;
    case PAGE_GROUP_LIVE:
      set_now (window, NETWORKING_START, 5 * 60);
      g_assert_true (convene_window_show_group (window, "networking"));
      break;
    case PAGE_PEOPLE:
      set_now (window, NOW, 0);
      convene_window_show_people (window);
      break;
    case PAGE_PERSON:
      g_assert_true (convene_window_show_person (window, "andraxylia"));
      break;
    case N_PAGES:
    default:
      g_assert_not_reached ();
    }

  ui_test_drain ();
}

static void
test_pages (gconstpointer data)
{
  const Size *size = data;
  AdwStyleManager *style = adw_style_manager_get_default ();
  const gboolean narrow = size->width < 500;
  guint problems = 0;

  ui_test_reset_settings ();
  convene_application_load_registry (app, NULL);

  for (guint dark = 0; dark < 2; dark++)
    {
      ConveneWindow *window;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      window = open_window (size);

      for (Page page = 0; page < N_PAGES; page++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s-%s-%s.png", language, page_names[page],
                                                   size->name, dark ? "dark" : "light");

          show_page (window, page);
          ui_test_save_screenshot (window, name);
          if (narrow)
            problems += check_labels (GTK_WIDGET (window), name);
        }

      ui_test_close_window (window);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (problems, ==, 0);
}

/* The check itself: a label squeezed into a few pixels is found. */
static void
test_check_finds_squeezed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new ("Beginnt in 12 Minuten");
  GtkWidget *filler = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (filler, 340, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 100);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_eventually (gtk_widget_get_mapped (label) && gtk_widget_get_width (label) > 0);
  ui_test_wait_frames (window, 2);

  g_assert_cmpuint (check_labels (window, "squeezed"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Local time is Berlin's whatever the machine. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();

  if (g_strcmp0 (g_getenv ("LANGUAGE"), "de") == 0)
    {
      /* As test-i18n: a German locale if there is one, else C.UTF-8,
       * where glibc still honours LANGUAGE.
       */
      language = "de";
      g_unsetenv ("LC_ALL");
      g_unsetenv ("LC_MESSAGES");
    }
  else
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_unsetenv ("LANGUAGE");
    }

  g_test_init (&argc, &argv, NULL);

  if (g_str_equal (language, "de"))
    {
      gboolean german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;

      if (!german && setlocale (LC_ALL, "C.UTF-8") == NULL)
        g_error ("neither a German nor the C.UTF-8 locale is available");
      /* gtk_init() calls setlocale (LC_ALL, "") again: the environment
       * must say the same, or dates come out in English. */
      g_setenv ("LC_ALL", german ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CONVENE_PO_BUILDDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  app = ui_test_application_new ();

  g_test_add_func ("/screenshots/check-finds-squeezed", test_check_finds_squeezed);
  g_test_add_data_func ("/screenshots/wide", &sizes[0], test_pages);
  g_test_add_data_func ("/screenshots/narrow", &sizes[1], test_pages);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
