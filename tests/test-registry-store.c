/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registry-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "convene-registry-loader.h"
#include "convene-registry-store.h"
#include "test-utils.h"

/* The store: the bundled registry at once, files in a thread through the
 * binary cache, failures kept with their issues, newer loads cancelling
 * older ones. Real files in a temporary directory, the real resource.
 */

typedef struct
{
  char *tmpdir;
  char *cache_dir;
  char *path;
  ConveneRegistryStore *store;
  guint n_loaded;
} Fixture;

static void
loaded_cb (ConveneRegistryStore *store,
           Fixture              *f)
{
  f->n_loaded++;
}

static void
copy_data_file (const char *name,
                const char *dest)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "registry", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (dest, contents, len, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmpdir = g_dir_make_tmp ("convene-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache_dir = g_build_filename (f->tmpdir, "cache", NULL);
  f->path = g_build_filename (f->tmpdir, "registry.json", NULL);
  copy_data_file ("full.json", f->path);

  f->store = convene_registry_store_new ("/io/github/convene/Convene/registry/istio.json");
  g_object_set (f->store, "cache-dir", f->cache_dir, NULL);
  g_signal_connect (f->store, "loaded", G_CALLBACK (loaded_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  /* Cancelled loads finish in their threads: let them. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->cache_dir);
  g_free (f->path);
}

static void
wait_loaded (Fixture *f,
             guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (f->n_loaded < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_store_bundled (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_false (convene_registry_store_get_loaded (f->store));
  g_assert_null (convene_registry_store_get_registry (f->store));

  convene_registry_store_load (f->store, NULL);

  /* At once, without a thread */
  g_assert_cmpuint (f->n_loaded, ==, 1);
  g_assert_true (convene_registry_store_get_loaded (f->store));
  g_assert_false (convene_registry_store_get_loading (f->store));
  g_assert_null (convene_registry_store_get_path (f->store));
  g_assert_nonnull (convene_registry_store_get_registry (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (convene_registry_store_get_registry (f->store))),
                    ==, 9);
}

static void
test_store_file_cached (Fixture       *f,
                        gconstpointer  data)
{
  ConveneRegistry *first;
  guint n_groups;

  convene_registry_store_load (f->store, f->path);
  g_assert_true (convene_registry_store_get_loading (f->store));
  g_assert_cmpstr (convene_registry_store_get_loading_path (f->store), ==, f->path);
  wait_loaded (f, 1);

  g_assert_false (convene_registry_store_get_loading (f->store));
  g_assert_null (convene_registry_store_get_error (f->store));
  g_assert_cmpstr (convene_registry_store_get_path (f->store), ==, f->path);
  first = convene_registry_store_get_registry (f->store);
  g_assert_nonnull (first);
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (first));
  g_assert_cmpuint (n_groups, >, 0);
  g_assert_false (convene_registry_store_get_from_cache (f->store));

  /* Again: from the binary cache, the same content */
  convene_registry_store_reload (f->store);
  wait_loaded (f, 2);
  g_assert_true (convene_registry_store_get_from_cache (f->store));
  g_assert_true (convene_registry_store_get_registry (f->store) != first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (convene_registry_store_get_registry (f->store))),
                    ==, n_groups);

  /* The file changes (here only by white space): parsed again */
  {
    g_autofree char *contents = NULL;
    g_autofree char *changed = NULL;
    g_autoptr(GError) error = NULL;

    g_file_get_contents (f->path, &contents, NULL, &error);
    g_assert_no_error (error);
    changed = g_strconcat (contents, "\n", NULL);
    g_file_set_contents (f->path, changed, -1, &error);
    g_assert_no_error (error);
  }
  convene_registry_store_reload (f->store);
  wait_loaded (f, 3);
  g_assert_false (convene_registry_store_get_from_cache (f->store));
  g_assert_nonnull (convene_registry_store_get_registry (f->store));
}

static void
test_store_failure (Fixture       *f,
                    gconstpointer  data)
{
  const GError *error;
  GPtrArray *issues;
  guint n_issues;

  copy_data_file ("types.json", f->path);
  convene_registry_store_load (f->store, f->path);
  wait_loaded (f, 1);

  error = convene_registry_store_get_error (f->store);
  g_assert_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_null (convene_registry_store_get_registry (f->store));
  g_assert_cmpstr (convene_registry_store_get_path (f->store), ==, f->path);
  issues = convene_registry_store_get_issues (f->store);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, >, 0);
  n_issues = issues->len;
  g_assert_false (convene_registry_store_get_from_cache (f->store));

  /* Nothing was cached for a file that failed: it fails the same again. */
  convene_registry_store_reload (f->store);
  wait_loaded (f, 2);
  g_assert_error (convene_registry_store_get_error (f->store),
                  CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  g_assert_cmpuint (convene_registry_store_get_issues (f->store)->len, ==, n_issues);
}

/* What works is kept: a file that loaded and then fails keeps its last
 * good registry, with the error and the issues of now beside it; another
 * file that fails replaces it.
 */
static void
test_store_keep_last_good (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->tmpdir, "other.json", NULL);
  ConveneRegistry *good;
  GPtrArray *issues;

  convene_registry_store_load (f->store, f->path);
  wait_loaded (f, 1);
  good = convene_registry_store_get_registry (f->store);
  g_assert_nonnull (good);

  copy_data_file ("types.json", f->path);
  convene_registry_store_reload (f->store);
  wait_loaded (f, 2);
  g_assert_true (convene_registry_store_get_registry (f->store) == good);
  g_assert_error (convene_registry_store_get_error (f->store),
                  CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
  issues = convene_registry_store_get_issues (f->store);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, >, 0);
  g_assert_cmpstr (convene_registry_store_get_path (f->store), ==, f->path);

  /* Still broken: still kept. */
  convene_registry_store_load (f->store, f->path);
  wait_loaded (f, 3);
  g_assert_true (convene_registry_store_get_registry (f->store) == good);
  g_assert_nonnull (convene_registry_store_get_error (f->store));

  /* Fixed: a new registry, and no error left. */
  copy_data_file ("full.json", f->path);
  convene_registry_store_reload (f->store);
  wait_loaded (f, 4);
  g_assert_nonnull (convene_registry_store_get_registry (f->store));
  g_assert_true (convene_registry_store_get_registry (f->store) != good);
  g_assert_null (convene_registry_store_get_error (f->store));

  /* Another file that fails is not passed off as this one. */
  copy_data_file ("types.json", other);
  convene_registry_store_load (f->store, other);
  wait_loaded (f, 5);
  g_assert_null (convene_registry_store_get_registry (f->store));
  g_assert_nonnull (convene_registry_store_get_error (f->store));
  g_assert_cmpstr (convene_registry_store_get_path (f->store), ==, other);
}

/* When the data is from: the stated source date, else the file's time. */
static void
test_store_date (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *undated = g_build_filename (f->tmpdir, "undated.json", NULL);
  g_autoptr(GError) error = NULL;
  GDateTime *date;
  struct utimbuf times = { 1500000000, 1500000000 };

  convene_registry_store_load (f->store, NULL);
  date = convene_registry_store_get_date (f->store);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_year (date), ==, 2017);
  g_assert_cmpint (g_date_time_get_month (date), ==, 12);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 11);

  convene_registry_store_load (f->store, f->path);
  wait_loaded (f, 2);
  date = convene_registry_store_get_date (f->store);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_year (date), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (date), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 28);

  g_file_set_contents (undated,
                       "{ \"format_version\": 1, \"community\": { \"name\": \"C\" },\n"
                       "  \"groups\": [ { \"id\": \"a\", \"name\": \"A\" } ] }\n",
                       -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (undated, &times), ==, 0);
  convene_registry_store_load (f->store, undated);
  wait_loaded (f, 3);
  g_assert_nonnull (convene_registry_store_get_registry (f->store));
  date = convene_registry_store_get_date (f->store);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1500000000);
}

static void
test_store_cancel (Fixture       *f,
                   gconstpointer  data)
{
  /* A newer load wins: only its result shows, and only one "loaded". */
  convene_registry_store_load (f->store, f->path);
  convene_registry_store_load (f->store, NULL);
  g_assert_cmpuint (f->n_loaded, ==, 1);
  g_assert_false (convene_registry_store_get_loading (f->store));
  g_assert_null (convene_registry_store_get_path (f->store));

  /* Cancelled: the bundled registry stays. */
  convene_registry_store_load (f->store, f->path);
  g_assert_true (convene_registry_store_cancel (f->store));
  g_assert_false (convene_registry_store_cancel (f->store));
  g_assert_false (convene_registry_store_get_loading (f->store));

  for (guint i = 0; i < 50; i++)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (f->n_loaded, ==, 1);
  g_assert_null (convene_registry_store_get_path (f->store));
  g_assert_nonnull (convene_registry_store_get_registry (f->store));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/registry-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("bundled", test_store_bundled);
  ADD ("file-cached", test_store_file_cached);
  ADD ("failure", test_store_failure);
  ADD ("cancel", test_store_cancel);
  ADD ("keep-last-good", test_store_keep_last_good);
  ADD ("date", test_store_date);

  return g_test_run ();
}
