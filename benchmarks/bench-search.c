/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a keystroke in the search entry takes until the search results
 * are filtered, in the real ConveneWindow over a large registry.
 *
 *   bench-search REGISTRY [--reps N]
 *
 * Needs a display (benchmarks/search.py runs it under its own Xvfb). The
 * window is presented with the registry, search is opened, and two word
 * series are typed one character at a time ("l" … "lukasz", "p" …
 * "plotka"), the entry cleared between series, N times over. A keystroke
 * is gtk_editable_set_text() on the GtkSearchEntry: its "changed" signal,
 * which the window handles, is emitted synchronously. It counts as done
 * when both filter models of the results (groups, people) have nothing
 * pending, the main loop running meanwhile as it does for the user; also
 * reported: the next frame painted after that, and how many frames were
 * painted while it filtered. The very first keystroke is reported on its
 * own: it is the one that folds the search keys of every item. Also
 * printed: how many ConveneSidebarRow widgets exist in the whole window,
 * shown or not.
 */
#define G_LOG_DOMAIN "convene-bench-search"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "convene-application.h"
#include "convene-registry-loader.h"
#include "convene-sidebar-row.h"
#include "convene-window.h"

#define SERIES_LENGTH 6

static const char *const series[][SERIES_LENGTH] = {
  { "l", "lu", "luk", "luka", "lukas", "lukasz" },
  { "p", "pl", "plo", "plot", "plotk", "plotka" },
};

typedef struct
{
  GtkFilterListModel *groups;
  GtkFilterListModel *people;
  GtkEditable        *entry;
  GtkWidget          *window;
  guint               paints;
  guint               filter_paints;  /* frames painted while the last key filtered */
  gint64              last_paint;
} Bench;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *b = user_data;

  b->paints++;
  b->last_paint = g_get_monotonic_time ();
}

static gboolean
pending (Bench *b)
{
  return gtk_filter_list_model_get_pending (b->groups) > 0 ||
         gtk_filter_list_model_get_pending (b->people) > 0;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done_paints frames have been painted or
 * @timeout_us passed.
 */
static void
wait_paints (Bench *b,
             guint  done_paints,
             gint64 timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  guint waker = g_timeout_add (5, wake, NULL);

  while (b->paints < done_paints && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Sets the entry to @text and runs the main loop until both filters are
 * done. Returns the time that took in ms; @frame_ms gets the time to the
 * first frame painted after that, or NAN if none came within 100 ms.
 */
static double
keystroke (Bench      *b,
           const char *text,
           double     *frame_ms)
{
  gint64 t0, t1;
  guint paints;

  paints = b->paints;
  t0 = g_get_monotonic_time ();
  gtk_editable_set_text (b->entry, text);
  while (pending (b))
    g_main_context_iteration (NULL, TRUE);
  t1 = g_get_monotonic_time ();
  b->filter_paints = b->paints - paints;

  paints = b->paints;
  wait_paints (b, paints + 1, 100000);
  if (frame_ms != NULL)
    *frame_ms = b->paints > paints ? (b->last_paint - t0) / 1000.0 : NAN;

  /* Let what the frame left (rows bound, idles) finish before the next key. */
  drain ();
  return (t1 - t0) / 1000.0;
}

static void
count_rows (GtkWidget *widget,
            guint     *all,
            guint     *mapped)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CONVENE_IS_SIDEBAR_ROW (child))
        {
          (*all)++;
          if (gtk_widget_get_mapped (child))
            (*mapped)++;
        }
      count_rows (child, all, mapped);
    }
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The results are a flatten model over [group heading, group hits, person
 * heading, person hits]; each hits model maps a filter model.
 */
static GtkFilterListModel *
filter_of_section (GListModel *results,
                   guint       position)
{
  GListModel *sections = gtk_flatten_list_model_get_model (GTK_FLATTEN_LIST_MODEL (results));
  g_autoptr(GObject) section = g_list_model_get_item (sections, position);
  GListModel *filtered;

  g_assert (GTK_IS_MAP_LIST_MODEL (section));
  filtered = gtk_map_list_model_get_model (GTK_MAP_LIST_MODEL (section));
  g_assert (GTK_IS_FILTER_LIST_MODEL (filtered));
  return GTK_FILTER_LIST_MODEL (filtered);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Sorts @values; nearest-rank percentile @p of them. */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  g_array_sort (values, compare_double);
  rank = (guint)ceil (p / 100.0 * values->len);
  return g_array_index (values, double, MAX (rank, 1) - 1);
}

/* The finite values of @values, in a new array. */
static GArray *
finite_values (GArray *values)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < values->len; i++)
    if (isfinite (g_array_index (values, double, i)))
      g_array_append_val (out, g_array_index (values, double, i));
  return out;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(ConveneApplication) app = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all_model = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_frame = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *model_ms[G_N_ELEMENTS (series)][SERIES_LENGTH];
  GArray *frame_ms[G_N_ELEMENTS (series)][SERIES_LENGTH];
  guint hits[G_N_ELEMENTS (series)][SERIES_LENGTH];
  guint paints[G_N_ELEMENTS (series)][SERIES_LENGTH] = { { 0 } };
  guint max_rows = 0, max_mapped = 0;
  const char *path = NULL;
  GListModel *results;
  guint reps = 20;
  Bench b = { 0 };
  double first_model, first_frame;
  gint64 t0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--reps") && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          reps = MAX (n, 1);  /* not MAX (…, atoi (argv[++i])): it would increment twice */
        }
      else if (path == NULL)
        path = argv[i];
      else
        {
          g_printerr ("usage: bench-search REGISTRY [--reps N]\n");
          return 2;
        }
    }
  if (path == NULL)
    {
      g_printerr ("usage: bench-search REGISTRY [--reps N]\n");
      return 2;
    }

  app = convene_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  t0 = g_get_monotonic_time ();
  registry = convene_registry_load_from_file (path, NULL, &error);
  if (registry == NULL)
    g_error ("%s: %s", path, error->message);
  g_print ("search: %s loaded in %.1f ms\n", path, (g_get_monotonic_time () - t0) / 1000.0);

  b.window = GTK_WIDGET (convene_window_new (GTK_APPLICATION (app),
                                             convene_application_get_context (app)));
  convene_window_set_registry (CONVENE_WINDOW (b.window), registry);
  gtk_window_present (GTK_WINDOW (b.window));
  while (!gtk_widget_get_mapped (b.window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (b.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &b);
  wait_paints (&b, 3, 10 * G_USEC_PER_SEC);
  drain ();

  if (!gtk_widget_activate_action (b.window, "win.search", NULL))
    g_error ("no win.search action");
  b.entry = GTK_EDITABLE (find_type (b.window, GTK_TYPE_SEARCH_ENTRY));
  g_assert (b.entry != NULL);
  results = convene_window_get_search_results (CONVENE_WINDOW (b.window));
  b.groups = filter_of_section (results, 1);
  b.people = filter_of_section (results, 3);
  wait_paints (&b, b.paints + 2, G_USEC_PER_SEC);
  drain ();

  {
    guint all = 0, mapped = 0;

    count_rows (b.window, &all, &mapped);
    g_print ("search: before typing, %u ConveneSidebarRow widgets (%u mapped)\n", all, mapped);
  }

  first_model = keystroke (&b, series[0][0], &first_frame);
  g_print ("search: first keystroke ever (\"%s\", folds every key): %.2f ms to the models "
           "(%u frames painted meanwhile), %.2f ms to the next frame\n",
           series[0][0], first_model, b.filter_paints, first_frame);
  keystroke (&b, "", NULL);

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint k = 0; k < SERIES_LENGTH; k++)
      {
        model_ms[s][k] = g_array_new (FALSE, FALSE, sizeof (double));
        frame_ms[s][k] = g_array_new (FALSE, FALSE, sizeof (double));
      }

  for (guint r = 0; r < reps; r++)
    for (guint s = 0; s < G_N_ELEMENTS (series); s++)
      {
        for (guint k = 0; k < SERIES_LENGTH; k++)
          {
            double frame;
            double model = keystroke (&b, series[s][k], &frame);
            guint all = 0, mapped = 0;

            g_array_append_val (model_ms[s][k], model);
            g_array_append_val (frame_ms[s][k], frame);
            g_array_append_val (all_model, model);
            g_array_append_val (all_frame, frame);
            hits[s][k] = g_list_model_get_n_items (G_LIST_MODEL (b.groups)) +
                         g_list_model_get_n_items (G_LIST_MODEL (b.people));
            paints[s][k] += b.filter_paints;
            count_rows (b.window, &all, &mapped);
            max_rows = MAX (max_rows, all);
            max_mapped = MAX (max_mapped, mapped);
          }
        keystroke (&b, "", NULL);
      }

  g_print ("search: %u repetitions; per keystroke to the models filtered and to the next frame, "
           "ms\n", reps);
  g_print ("  %-8s %7s %9s %8s %8s %10s %9s %7s\n",
           "query", "hits", "median", "p95", "max", "frame med", "frame p95", "frames");
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint k = 0; k < SERIES_LENGTH; k++)
      {
        g_autoptr(GArray) frames = finite_values (frame_ms[s][k]);
        double median = percentile (model_ms[s][k], 50);
        double p95 = percentile (model_ms[s][k], 95);
        double max = percentile (model_ms[s][k], 100);

        g_print ("  %-8s %7u %9.2f %8.2f %8.2f %10.2f %9.2f %7.1f\n",
                 series[s][k], hits[s][k], median, p95, max,
                 frames->len ? percentile (frames, 50) : NAN,
                 frames->len ? percentile (frames, 95) : NAN,
                 (double)paints[s][k] / reps);
        g_array_unref (model_ms[s][k]);
        g_array_unref (frame_ms[s][k]);
      }

  {
    g_autoptr(GArray) frames = finite_values (all_frame);
    double median = percentile (all_model, 50);
    double p95 = percentile (all_model, 95);

    g_print ("search: every keystroke (%u): median %.2f ms, p95 %.2f ms (target <= 4, <= 16); "
             "to the next frame median %.2f ms, p95 %.2f ms\n",
             all_model->len, median, p95,
             frames->len ? percentile (frames, 50) : NAN,
             frames->len ? percentile (frames, 95) : NAN);
  }
  g_print ("search: at most %u ConveneSidebarRow widgets in the window while typing "
           "(%u mapped; target < 300)\n", max_rows, max_mapped);

  gtk_window_destroy (GTK_WINDOW (b.window));
  drain ();
  return 0;
}
