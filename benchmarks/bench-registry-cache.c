/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bench-registry-cache"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "convene-registry-cache.h"

/* How much the binary registry cache saves. For generated registries of
 * 500 and 5,000 groups (5 leads each from a pool of 5 × groups people,
 * Unicode names, 6 links and one meeting per group) it prints, as the
 * median of N_RUNS runs:
 *
 *   bare   json_parser_load_from_data() of the bytes, nothing else
 *   loader convene_registry_load_from_file()
 *   cold   convene_registry_cache_load_file() with no entry: load + write
 *   warm   convene_registry_cache_load_file() from the entry
 *   first  warm, then the first 30 groups and their leads made, as a
 *          window showing its first screen would
 *
 * and the ratios warm/bare and cold/bare.
 *
 *   bench-registry-cache [N_GROUPS...]
 */

#define N_RUNS 7
#define N_LEADS 5
#define N_LINKS 6

static const char * const link_kinds[N_LINKS] = {
  "forum", "notes", "folder", "slack", "wiki", "recordings",
};

/* Generating */

static char *
generate_registry (guint n_groups)
{
  guint n_people = n_groups * N_LEADS;
  GString *out = g_string_new ("{\n  \"format_version\": 1,\n  \"community\": {\n"
                               "    \"name\": \"Gemeinschaft Größe\",\n"
                               "    \"url\": \"https://example.org/community\"\n  },\n"
                               "  \"people\": [\n");

  for (guint i = 0; i < n_people; i++)
    g_string_append_printf (out,
                            "%s    {\n"
                            "      \"id\": \"person-%u\",\n"
                            "      \"name\": \"Zoë Ångström-Łukasiewicz %u 山田\",\n"
                            "      \"company\": \"Société %u\",\n"
                            "      \"github\": \"person-%u\",\n"
                            "      \"profile_url\": \"https://github.com/person-%u\",\n"
                            "      \"avatar_url\": "
                            "\"https://avatars.githubusercontent.com/u/%u?v=4\"\n"
                            "    }",
                            i > 0 ? ",\n" : "", i, i, i % 97, i, i, i + 1000);
  g_string_append (out, "\n  ],\n  \"groups\": [\n");

  for (guint i = 0; i < n_groups; i++)
    {
      g_string_append_printf (out,
                              "%s    {\n"
                              "      \"id\": \"group-%u\",\n"
                              "      \"name\": \"Arbeitsgruppe Übersetzung %u — 翻訳\",\n"
                              "      \"description\": \"Group %u designs, builds and documents one "
                              "part of the project, and reviews the changes to it.\",\n"
                              "      \"topics\": "
                              "[ \"Tópico %u\", \"Ingestion\", \"Médiation\" ],\n"
                              "      \"artifacts\": [\n",
                              i > 0 ? ",\n" : "", i, i, i, i);
      for (guint j = 0; j < N_LINKS; j++)
        g_string_append_printf (out,
                                "        { \"kind\": \"%s\", \"label\": \"Lien %u\", "
                                "\"url\": \"https://example.org/groups/%u/%s\" }%s\n",
                                link_kinds[j], j, i, link_kinds[j], j + 1 < N_LINKS ? "," : "");
      g_string_append_printf (out,
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
                              "        }\n"
                              "      ],\n"
                              "      \"leads\": [\n",
                              i);
      for (guint j = 0; j < N_LEADS; j++)
        g_string_append_printf (out,
                                "        { \"person\": \"person-%u\", \"role\": \"%s\" }%s\n",
                                (i * N_LEADS + j) % n_people, j == 0 ? "chair" : "lead",
                                j + 1 < N_LEADS ? "," : "");
      g_string_append (out, "      ]\n    }");
    }
  g_string_append (out, "\n  ]\n}\n");

  return g_string_free (out, FALSE);
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

static ConveneRegistry *
cache_load_or_die (const char *path,
                   const char *cache_dir,
                   gboolean    expect_cached)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  ConveneRegistry *registry;
  gboolean from_cache;

  registry = convene_registry_cache_load_file (path, cache_dir, NULL, &from_cache, &issues,
                                               &error);
  if (registry == NULL || issues->len > 0 || from_cache != expect_cached)
    {
      g_printerr ("bench-registry-cache: %s: %s\n", path,
                  error ? error->message : from_cache != expect_cached ? "wrong path taken"
                                                                       : "warnings");
      exit (EXIT_FAILURE);
    }

  return registry;
}

static void
run (guint       n_groups,
     const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = generate_registry (n_groups);
  g_autofree char *path = g_build_filename (dir, "registry.json", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autofree char *entry = NULL;
  double bare[N_RUNS], loader[N_RUNS], cold[N_RUNS], warm[N_RUNS], first[N_RUNS];
  double bare_ms, cold_ms, warm_ms;
  gsize length = strlen (text);
  GStatBuf st;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  entry = convene_registry_cache_entry_path (path, cache_dir);

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(ConveneRegistry) registry = NULL;
      double start;

      start = now_ms ();
      if (!json_parser_load_from_data (parser, text, length, &error))
        g_error ("%s", error->message);
      bare[i] = now_ms () - start;

      start = now_ms ();
      registry = convene_registry_load_from_file (path, NULL, &error);
      g_assert_no_error (error);
      loader[i] = now_ms () - start;
      g_clear_object (&registry);

      g_unlink (entry);
      start = now_ms ();
      registry = cache_load_or_die (path, cache_dir, FALSE);
      cold[i] = now_ms () - start;
      g_clear_object (&registry);

      start = now_ms ();
      registry = cache_load_or_die (path, cache_dir, TRUE);
      warm[i] = now_ms () - start;
      g_clear_object (&registry);

      start = now_ms ();
      registry = cache_load_or_die (path, cache_dir, TRUE);
      for (guint j = 0; j < 30; j++)
        {
          g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), j);

          g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (group)), ==,
                            N_LEADS);
        }
      first[i] = now_ms () - start;
    }

  g_assert_cmpint (g_stat (entry, &st), ==, 0);
  bare_ms = median (bare, N_RUNS);
  cold_ms = median (cold, N_RUNS);
  warm_ms = median (warm, N_RUNS);

  g_print ("%u groups, %u people: source %.1f MB, cache entry %.1f MB\n",
           n_groups, n_groups * N_LEADS, length / 1e6, st.st_size / 1e6);
  g_print ("  bare json_parser_load_from_data  %8.1f ms\n", bare_ms);
  g_print ("  loader (load_from_file), cold    %8.1f ms\n", median (loader, N_RUNS));
  g_print ("  cold, loader + writing the cache %8.1f ms\n", cold_ms);
  g_print ("  warm, from the cache             %8.1f ms\n", warm_ms);
  g_print ("  warm + first 30 groups made      %8.1f ms\n", median (first, N_RUNS));
  g_print ("  warm/bare %.3f   cold/bare %.2f   (median of %d)\n",
           warm_ms / bare_ms, cold_ms / bare_ms, N_RUNS);

  g_unlink (entry);
  g_rmdir (cache_dir);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("convene-bench-cache-XXXXXX", &error);

  g_assert_no_error (error);

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        run (strtoul (argv[i], NULL, 10), dir);
    }
  else
    {
      run (500, dir);
      run (5000, dir);
    }

  g_rmdir (dir);
  return EXIT_SUCCESS;
}
