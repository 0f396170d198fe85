/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bench-markdown"

#include "config.h"

#include <stdlib.h>

#include "convene-markdown.h"

/* How long importing a WORKING-GROUPS.md file takes.
 *
 *   bench-markdown FILE   the median and fastest of 50 imports of FILE
 */

#define N_RUNS 50

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  double times[N_RUNS];
  double ms;
  gsize length;
  guint n_groups = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s WORKING-GROUPS.md\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      g_printerr ("bench-markdown: %s\n", error->message);
      return EXIT_FAILURE;
    }
  basename = g_path_get_basename (argv[1]);

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ConveneRegistry) registry = NULL;
      gint64 start = g_get_monotonic_time ();

      registry = convene_markdown_import (text, length, basename,
                                          "https://github.com/istio/community/blob/master/",
                                          NULL, &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (registry == NULL)
        {
          g_printerr ("bench-markdown: %s does not import: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
      n_groups = g_list_model_get_n_items (G_LIST_MODEL (registry));
    }

  qsort (times, N_RUNS, sizeof *times, compare_doubles);
  ms = (times[N_RUNS / 2 - 1] + times[N_RUNS / 2]) / 2;
  g_print ("import %s (%zu bytes, %u groups): %.3f ms median, %.3f ms fastest (of %d), %.1f MiB/s\n",
           basename, length, n_groups, ms, times[0], N_RUNS,
           length / (1024.0 * 1024.0) / (ms / 1000.0));

  return EXIT_SUCCESS;
}
