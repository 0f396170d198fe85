/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bench-loader"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "convene-registry-loader.h"

/* How fast the registry loader reads large registries, how much memory it
 * takes, and how fast it refuses what it must refuse. The registries are
 * generated in memory: many groups, each with links, meetings and leads.
 *
 *   bench-loader            all the figures
 *   bench-loader --once N   one load of an N MiB registry, for callgrind
 *                           (--toggle-collect=convene_registry_load_from_bytes)
 */

#define MIB (1024 * 1024)
#define N_RUNS 5

/* Generating */

static void
append_person (GString *out,
               guint    n)
{
  g_string_append_printf (out,
                          "    {\n"
                          "      \"id\": \"person-%u\",\n"
                          "      \"name\": \"Person Number %u\",\n"
                          "      \"company\": \"Company %u\",\n"
                          "      \"github\": \"person-%u\",\n"
                          "      \"profile_url\": \"https://github.com/person-%u\",\n"
                          "      \"avatar_url\": \"https://avatars.githubusercontent.com/u/%u?s=400&v=4\"\n"
                          "    }",
                          n, n, n % 97, n, n, n + 1000);
}

static void
append_group (GString *out,
              guint    n,
              guint    n_people)
{
  g_string_append_printf (out,
                          "    {\n"
                          "      \"id\": \"group-%u\",\n"
                          "      \"name\": \"Working Group %u\",\n"
                          "      \"description\": \"Group %u designs, builds and documents one part of "
                          "the project, and reviews the changes to it.\",\n"
                          "      \"topics\": [ \"Topic %u\", \"Ingestion\", \"Mediation\" ],\n"
                          "      \"artifacts\": [\n"
                          "        { \"kind\": \"forum\", \"label\": \"group-%u@\", "
                          "\"url\": \"https://groups.google.com/forum/#!forum/group-%u\" },\n"
                          "        { \"kind\": \"notes\", \"label\": \"Notes\", "
                          "\"url\": \"https://docs.google.com/document/d/%08u/edit\" },\n"
                          "        { \"kind\": \"folder\", \"label\": \"Folder\", "
                          "\"url\": \"https://drive.google.com/drive/folders/%08u\" },\n"
                          "        { \"kind\": \"slack\", \"label\": \"#group-%u\", "
                          "\"url\": \"https://example.slack.com/messages/group-%u\" },\n"
                          "        { \"kind\": \"wiki\", \"label\": \"Wiki\", "
                          "\"url\": \"https://github.com/example/community/wiki/group-%u\" }\n"
                          "      ],\n"
                          "      \"meetings\": [\n"
                          "        {\n"
                          "          \"text\": \"Wednesdays at 13:00 PT - Biweekly\",\n"
                          "          \"url\": \"https://meet.google.com/grp-%05u\",\n"
                          "          \"weekday\": \"wednesday\",\n"
                          "          \"start\": \"13:00\",\n"
                          "          \"end\": \"13:30\",\n"
                          "          \"timezone\": \"America/Los_Angeles\",\n"
                          "          \"interval_weeks\": 2,\n"
                          "          \"anchor\": \"2017-12-20T21:00:00Z\"\n"
                          "        },\n"
                          "        {\n"
                          "          \"text\": \"Last Thursday of the month at 16:00 UTC\",\n"
                          "          \"weekday\": \"thursday\",\n"
                          "          \"start\": \"16:00\",\n"
                          "          \"timezone\": \"UTC\",\n"
                          "          \"week_of_month\": -1\n"
                          "        }\n"
                          "      ],\n"
                          "      \"leads\": [\n"
                          "        { \"person\": \"person-%u\", \"role\": \"chair\" },\n"
                          "        { \"person\": \"person-%u\", \"role\": \"chair\" },\n"
                          "        { \"person\": \"person-%u\", \"role\": \"tech_lead\" }\n"
                          "      ]\n"
                          "    }",
                          n, n, n, n, n, n, n, n, n, n, n, n,
                          n % n_people, (n + 1) % n_people, (n + 2) % n_people);
}

/* A registry of about @size bytes, and how many groups it holds. */
static GBytes *
generate_registry (gsize  size,
                   guint *n_groups_out)
{
  g_autoptr(GString) groups = g_string_new (NULL);
  GString *out;
  guint n_groups = 0;
  guint n_people;

  /* A group with its person takes about 2 KiB. */
  n_people = MAX (3, size / 2200);

  out = g_string_sized_new (size + 64 * 1024);
  g_string_append (out,
                   "{\n"
                   "  \"format_version\": 1,\n"
                   "  \"community\": {\n"
                   "    \"name\": \"Benchmark\",\n"
                   "    \"url\": \"https://github.com/example/community\"\n"
                   "  },\n"
                   "  \"people\": [\n");
  for (guint i = 0; i < n_people; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n");
      append_person (out, i);
    }
  g_string_append (out, "\n  ],\n  \"groups\": [\n");

  while (out->len + groups->len < size || n_groups == 0)
    {
      if (n_groups > 0)
        g_string_append (groups, ",\n");
      append_group (groups, n_groups++, n_people);
    }

  g_string_append_len (out, groups->str, groups->len);
  g_string_append (out, "\n  ]\n}\n");

  *n_groups_out = n_groups;
  return g_string_free_to_bytes (out);
}

/* Measuring */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  /* kilobytes on Linux */
}

/* Loads @bytes once and exits unless it loads without a single issue:
 * the figures are for the clean path, not for reporting problems.
 */
static ConveneRegistry *
load_or_die (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  ConveneRegistry *registry;

  registry = convene_registry_load_from_bytes (bytes, "bench.json", &issues, &error);
  if (registry == NULL || issues->len > 0)
    {
      g_printerr ("bench-loader: the generated registry has %u issues: %s\n", issues->len,
                  error ? error->message : "(warnings only)");
      exit (EXIT_FAILURE);
    }

  return registry;
}

static void
bench_throughput (guint size_mib)
{
  g_autoptr(GBytes) bytes = NULL;
  double times[N_RUNS];
  double ms;
  guint n_groups;

  bytes = generate_registry ((gsize)size_mib * MIB, &n_groups);

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(ConveneRegistry) registry = NULL;
      double start = now_ms ();

      registry = load_or_die (bytes);
      times[i] = now_ms () - start;
    }

  ms = median (times, N_RUNS);
  g_print ("load %2u MiB (%zu bytes, %u groups): %8.1f ms per load, %6.1f MiB/s (median of %d)\n",
           size_mib, g_bytes_get_size (bytes), n_groups, ms,
           g_bytes_get_size (bytes) / (double)MIB / (ms / 1000.0), N_RUNS);
}

/* Runs in a child forked while the process is still small, so that its
 * peak is the load's and not that of a larger benchmark before it.
 */
static void
bench_peak_rss (guint size_mib)
{
  pid_t pid;
  int status;

  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("bench-loader: fork: %s\n", g_strerror (errno));
      return;
    }

  if (pid == 0)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      double at_start, before, after;
      guint n_groups;

      at_start = peak_rss_mib ();
      bytes = generate_registry ((gsize)size_mib * MIB, &n_groups);
      before = peak_rss_mib ();
      registry = load_or_die (bytes);
      after = peak_rss_mib ();

      g_print ("peak RSS after loading %u MiB: %.1f MiB (%.1f MiB with the text alone, "
               "%.1f MiB at start): the load adds %.1f MiB, %.1f times the text\n",
               size_mib, after, before, at_start, after - before,
               (after - before) / ((double)g_bytes_get_size (bytes) / MIB));
      fflush (stdout);
      _exit (EXIT_SUCCESS);
    }

  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_printerr ("bench-loader: the peak RSS measurement failed\n");
}

/* Times how long the loader takes to refuse @bytes, checking that it
 * refuses it as too large.
 */
static void
bench_rejection (const char *what,
                 GBytes     *bytes)
{
  double times[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      double start = now_ms ();

      registry = convene_registry_load_from_bytes (bytes, "bench.json", NULL, &error);
      times[i] = now_ms () - start;

      if (!g_error_matches (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE))
        {
          g_printerr ("bench-loader: %s was not refused as too large (%s)\n",
                      what, error ? error->message : "it loaded");
          exit (EXIT_FAILURE);
        }
    }

  g_print ("reject %s: %.3f ms (median of %d)\n", what, median (times, N_RUNS), N_RUNS);
}

static void
bench_rejections (void)
{
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) deep_arrays = NULL;
  g_autoptr(GBytes) deep_objects = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const gsize huge_size = 100 * (gsize)MIB;
  const guint depth = 100000;
  double times[N_RUNS];

  /* 100 MiB of a plausible start, then spaces */
  text = g_string_sized_new (huge_size);
  g_string_append (text, "{ \"format_version\": 1, \"groups\": [");
  while (text->len < huge_size)
    g_string_append_c (text, ' ');
  huge = g_string_free_to_bytes (g_steal_pointer (&text));
  bench_rejection ("100 MiB in memory", huge);

  /* The same from a file: refused by its size before it is read. */
  dir = g_dir_make_tmp ("convene-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "huge.json", NULL);
  g_file_set_contents (path, g_bytes_get_data (huge, NULL), g_bytes_get_size (huge), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      double start = now_ms ();

      registry = convene_registry_load_from_file (path, NULL, &load_error);
      times[i] = now_ms () - start;
      if (!g_error_matches (load_error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE))
        {
          g_printerr ("bench-loader: a 100 MiB file was not refused as too large (%s)\n",
                      load_error ? load_error->message : "it loaded");
          exit (EXIT_FAILURE);
        }
    }
  g_print ("reject 100 MiB file: %.3f ms (median of %d)\n", median (times, N_RUNS), N_RUNS);
  g_unlink (path);
  g_rmdir (dir);

  /* [[[[...]]]] and {"a":{"a":...}} 100,000 deep */
  text = g_string_sized_new (depth * 6 + 64);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  deep_arrays = g_string_free_to_bytes (g_steal_pointer (&text));
  bench_rejection ("100,000-deep arrays", deep_arrays);

  text = g_string_sized_new (depth * 6 + 64);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '}');
  deep_objects = g_string_free_to_bytes (g_steal_pointer (&text));
  bench_rejection ("100,000-deep objects", deep_objects);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1, 10, 50 };

  if (argc == 3 && strcmp (argv[1], "--once") == 0)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      guint n_groups;

      bytes = generate_registry ((gsize)atoi (argv[2]) * MIB, &n_groups);
      registry = load_or_die (bytes);
      g_print ("loaded %zu bytes, %u groups once\n", g_bytes_get_size (bytes), n_groups);
      return EXIT_SUCCESS;
    }
  else if (argc != 1)
    {
      g_printerr ("usage: %s [--once SIZE_MIB]\n", argv[0]);
      return EXIT_FAILURE;
    }

  bench_peak_rss (10);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench_throughput (sizes[i]);

  bench_rejections ();

  return EXIT_SUCCESS;
}
