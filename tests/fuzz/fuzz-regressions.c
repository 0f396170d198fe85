/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-regressions"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

/* Runs each fuzz target's entry point, built with the ordinary compiler,
 * over its seed corpus (tests/fuzz/corpus/<target>/) and over the inputs
 * that once made it fail (tests/data/fuzz-regressions/<target>-<name>).
 * A target aborts on a broken invariant, so a regression fails the test
 * like a crash would.
 */

typedef int (*FuzzEntry) (const uint8_t *data,
                          size_t         size);

/* Each is LLVMFuzzerTestOneInput compiled under another name. */
int convene_fuzz_registry_loader (const uint8_t *data,
                                  size_t         size);
int convene_fuzz_markdown        (const uint8_t *data,
                                  size_t         size);
int convene_fuzz_schedule        (const uint8_t *data,
                                  size_t         size);
int convene_fuzz_kubernetes      (const uint8_t *data,
                                  size_t         size);
int convene_fuzz_icalendar       (const uint8_t *data,
                                  size_t         size);

typedef struct
{
  const char *name;
  FuzzEntry entry;
  guint n_seeds;
} Target;

static Target targets[] = {
  { "registry-loader", convene_fuzz_registry_loader, 0 },
  { "markdown", convene_fuzz_markdown, 0 },
  { "schedule", convene_fuzz_schedule, 0 },
  { "kubernetes", convene_fuzz_kubernetes, 0 },
  { "icalendar", convene_fuzz_icalendar, 0 },
};

typedef struct
{
  Target *target;
  char *path;
} Input;

/* Every input, owned here so that the subprocesses exit with nothing
 * unreachable for LeakSanitizer to report.
 */
static GPtrArray *inputs;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

/* Each input runs in a subprocess of its own: a target aborts on failure,
 * and one failing input must not hide the verdict on the others.
 */
static void
test_input (gconstpointer data)
{
  const Input *input = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *exact = NULL;
  gsize length;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_file_get_contents (input->path, &contents, &length, &error);
  g_assert_no_error (error);

  /* An allocation of the input's exact size, as libFuzzer gives it, so
   * that a read past its end is caught by AddressSanitizer when the tests
   * are built with it.
   */
  exact = g_memdup2 (contents, length);
  g_assert_cmpint (input->target->entry (exact, length), ==, 0);
}

static void
test_found (gconstpointer data)
{
  const Target *target = data;

  /* A corpus that went missing must not pass for a clean run. */
  g_test_message ("%s: %u seeds", target->name, target->n_seeds);
  g_assert_cmpuint (target->n_seeds, >, 0);
}

static void
add_input (Target     *target,
           const char *dir,
           const char *file,
           const char *kind)
{
  Input *input = g_new0 (Input, 1);
  g_autofree char *test_path = NULL;

  input->target = target;
  input->path = g_build_filename (dir, file, NULL);
  test_path = g_strdup_printf ("/fuzz-regressions/%s/%s/%s", target->name, kind, file);
  g_ptr_array_add (inputs, input);
  g_test_add_data_func (test_path, input, test_input);
  if (strcmp (kind, "corpus") == 0)
    target->n_seeds++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The names of a directory's files, sorted so the test order is stable. */
static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&names);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (*name != '.')
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

static void
test_misnamed (gconstpointer data)
{
  const char *name = data;

  g_test_message ("%s names no fuzz target: call it <target>-<what>, "
                  "with <target> one of registry-loader, markdown, schedule, kubernetes, "
                  "icalendar", name);
  g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *regressions_dir = NULL;
  g_autoptr(GPtrArray) regressions = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  inputs = g_ptr_array_new_with_free_func (input_free);

  regressions_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "fuzz-regressions", NULL);
  regressions = list_dir (regressions_dir);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      Target *target = &targets[i];
      g_autofree char *corpus_dir = NULL;
      g_autofree char *prefix = g_strconcat (target->name, "-", NULL);
      g_autoptr(GPtrArray) seeds = NULL;
      g_autofree char *found_path = NULL;

      corpus_dir = g_test_build_filename (G_TEST_DIST, "corpus", target->name, NULL);
      seeds = list_dir (corpus_dir);
      for (guint j = 0; j < seeds->len; j++)
        add_input (target, corpus_dir, g_ptr_array_index (seeds, j), "corpus");

      for (guint j = 0; j < regressions->len; j++)
        {
          const char *name = g_ptr_array_index (regressions, j);

          if (g_str_has_prefix (name, prefix))
            add_input (target, regressions_dir, name, "regression");
        }

      found_path = g_strdup_printf ("/fuzz-regressions/%s/found", target->name);
      g_test_add_data_func (found_path, target, test_found);
    }

  for (guint j = 0; j < regressions->len; j++)
    {
      const char *name = g_ptr_array_index (regressions, j);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        {
          g_autofree char *prefix = g_strconcat (targets[i].name, "-", NULL);

          known |= g_str_has_prefix (name, prefix);
        }
      if (!known)
        {
          g_autofree char *test_path = g_strdup_printf ("/fuzz-regressions/misnamed/%s", name);

          g_test_add_data_func (test_path, name, test_misnamed);
        }
    }

  status = g_test_run ();
  g_clear_pointer (&inputs, g_ptr_array_unref);

  return status;
}
