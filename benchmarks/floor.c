/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bench-floor"

#include "config.h"

#include <adwaita.h>

/* The floor: the least a window of Convene's shape costs to show. An
 * AdwApplication (registered on the session bus like Convene) opens an
 * AdwApplicationWindow of Convene's default size holding an AdwLeaflet: a
 * sidebar with a header bar and a list of nine rows, and a content page
 * with a header bar, a title and an AdwAvatar. It quits after its first
 * painted frame. Nothing is loaded, so the time it takes to show is what
 * GTK, libadwaita and the display cost; benchmarks/launch.py compares
 * Convene with it.
 *
 *   floor      shows the window, quits after the first frame
 */

#define N_SIDEBAR_ROWS 9

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
  g_application_quit (app);
}

static GtkWidget *
make_sidebar (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Floor", NULL));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_add_css_class (list, "navigation-sidebar");
  for (guint i = 0; i < N_SIDEBAR_ROWS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Working group %u", i + 1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "Wednesdays at 13:00");
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "system-users-symbolic");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_size_request (box, 280, -1);

  return box;
}

static GtkWidget *
make_content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *avatar = adw_avatar_new (96, "Łukasz Płotka", TRUE);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Overview", NULL));
  gtk_box_append (GTK_BOX (box), header);

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Working group 1");
  adw_status_page_set_description (ADW_STATUS_PAGE (page), "Designs, builds and documents one "
                                                           "part of the project.");
  adw_status_page_set_child (ADW_STATUS_PAGE (page), avatar);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  return box;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *leaflet = adw_leaflet_new ();
  AdwLeafletPage *sidebar_page;

  sidebar_page = adw_leaflet_append (ADW_LEAFLET (leaflet), make_sidebar ());
  adw_leaflet_page_set_name (sidebar_page, "sidebar");
  adw_leaflet_append (ADW_LEAFLET (leaflet), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_append (ADW_LEAFLET (leaflet), make_content ());

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_present (GTK_WINDOW (window));

  /* Present realizes the window, so it has its frame clock now. */
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.convene.Convene.BenchFloor", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
