/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cli-test-utils.h"

/* The command-line tools, run as the real `convene` binary: exit codes,
 * stdout and stderr as a script would see them.
 */

static void
run_convene (CliRun *run,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  va_start (args, run);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "istio", name, NULL);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
test_cli_version (void)
{
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "convene " PACKAGE_VERSION "\n");
}

static void
test_cli_list_bundled (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_convene (&run, "--list", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 10); /* nine groups and the empty tail */
  g_assert_cmpstr (lines[0], ==, "steering\tSteering\t6\t3");
  g_assert_cmpstr (lines[1], ==, "api-management\tAPI Management\t2\t5");
  g_assert_cmpstr (lines[5], ==, "networking\tNetworking\t4\t5");
  g_assert_cmpstr (lines[6], ==, "performance-and-scalability\tPerformance and Scalability\t2\t5");
  g_assert_cmpstr (lines[8], ==, "test-and-release\tTest and Release\t3\t5");
  g_assert_cmpstr (lines[9], ==, "");
}

static void
test_cli_validate_bundled_copy (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"),
                                            "data", "registry", "istio.json", NULL);

  run_convene (&run, "--validate", path, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "OK: 9 groups, 22 people\n");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_validate_errors (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected_first = NULL;
  g_autofree char *expected_second = NULL;
  g_auto(GStrv) lines = NULL;

  path = write_temp (dir, "bad.json",
                     "{\n"
                     "  \"format_version\": 1,\n"
                     "  \"community\": { \"name\": \"Test\" },\n"
                     "  \"people\": [],\n"
                     "  \"groups\": [\n"
                     "    { \"id\": \"a\", \"name\": \"\" },\n"
                     "    { \"id\": \"b\", \"name\": \"B\",\n"
                     "      \"artifacts\": [ { \"kind\": \"forum\", \"url\": \"javascript:alert(1)\" } ] }\n"
                     "  ]\n"
                     "}\n");

  run_convene (&run, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  /* One error per line, each FILE:LINE:COL: PATH: message */
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (count_lines (run.err), ==, 2);
  expected_first = g_strdup_printf ("%s:6:26: groups[0].name: ", path);
  expected_second = g_strdup_printf ("%s:8:48: groups[1].artifacts[0].url: ", path);
  g_assert_true (g_str_has_prefix (lines[0], expected_first));
  g_assert_true (g_str_has_prefix (lines[1], expected_second));
  g_assert_nonnull (strstr (lines[1], "javascript"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cli_validate_syntax (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "truncated.json", "{\n  \"format_version\": 1,\n  \"groups\": [\n");
  g_autofree char *prefix = g_strdup_printf ("%s:", path);

  run_convene (&run, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_cmpuint (count_lines (run.err), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cli_validate_missing_file (void)
{
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "--validate", "/nonexistent/registry.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/nonexistent/registry.json: "));
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_cli_import_stdout (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *md = fixture ("WORKING-GROUPS-2017-12-11.md");
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled = NULL;
  g_autofree char *bundled_path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"),
                                                    "data", "registry", "istio.json", NULL);

  run_convene (&run, "--import-markdown", md,
               "--base-url", "https://github.com/istio/community/blob/master/", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The bundled registry is exactly this command's output. */
  g_file_get_contents (bundled_path, &bundled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run.out, ==, bundled);

  /* The seed's typo in a profile link is reported, with its line. */
  g_assert_nonnull (strstr (run.err, "WORKING-GROUPS-2017-12-11.md:132:"));
  g_assert_nonnull (strstr (run.err, "githun.com"));
}

static void
test_cli_import_output (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) check = { 0 };
  g_autofree char *md = fixture ("WORKING-GROUPS-2018-03-27.md");
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  run_convene (&run, "--import-markdown", md, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  /* Written atomically: no temporary file is left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing))
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  run_convene (&check, "--validate", out, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpstr (check.out, ==, "OK: 8 groups, 17 people\n");

  g_unlink (out);
  g_rmdir (dir);
}

static void
test_cli_import_unreadable (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);

  run_convene (&run, "--import-markdown", "/nonexistent/WORKING-GROUPS.md", "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "/nonexistent/WORKING-GROUPS.md"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

static void
test_cli_import_keeps_output_on_failure (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *out = write_temp (dir, "out.json", "precious");
  g_autofree char *md = write_temp (dir, "empty.md", "# Nothing here\n\nJust a paragraph.\n");
  g_autofree char *contents = NULL;

  run_convene (&run, "--import-markdown", md, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* Nothing the user had is overwritten by a failed import. */
  g_file_get_contents (out, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "precious");

  g_unlink (out);
  g_unlink (md);
  g_rmdir (dir);
}

static void
test_cli_list_registry (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "small.json",
                                      "{ \"format_version\": 1,\n"
                                      "  \"community\": { \"name\": \"Small\" },\n"
                                      "  \"people\": [ { \"id\": \"ada\", \"name\": \"Ada\" } ],\n"
                                      "  \"groups\": [\n"
                                      "    { \"id\": \"x\", \"name\": \"Ex\",\n"
                                      "      \"artifacts\": [ { \"kind\": \"forum\", \"url\": \"https://example.org/f\" },\n"
                                      "                     { \"kind\": \"notes\", \"url\": \"https://example.org/n\" } ],\n"
                                      "      \"leads\": [ { \"person\": \"ada\", \"role\": \"chair\" } ] },\n"
                                      "    { \"id\": \"y\", \"name\": \"Why\" } ] }\n");

  run_convene (&run, "--list", "--registry", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "x\tEx\t1\t2\ny\tWhy\t0\t0\n");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cli_list_broken_registry (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "v2.json",
                                      "{ \"format_version\": 3, \"community\": { \"name\": \"Future\" },"
                                      " \"groups\": [] }\n");

  run_convene (&run, "--list", "--registry", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "format_version"));

  g_unlink (path);
  g_rmdir (dir);
}

/* --import tells sigs.yaml by its content and writes a registry that
 * loads; the community's charter links resolve against the default base.
 */
static void
test_cli_import_kubernetes (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) check = { 0 };
  g_autofree char *yaml = g_test_build_filename (G_TEST_DIST, "fixtures", "kubernetes",
                                                 "sigs-2026-08-21.yaml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "k8s.json", NULL);
  g_autofree char *json = NULL;

  run_convene (&run, "--import", yaml, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  /* What was not imported is said, with its place */
  g_assert_nonnull (strstr (run.err, "sigs-2026-08-21.yaml:4160:1: warning: gb_rep:"));

  g_assert_true (g_file_get_contents (out, &json, NULL, NULL));
  g_assert_true (g_str_has_prefix (json, "{\n  \"format_version\": 2,\n"));
  g_assert_nonnull (strstr (json, "\"charter_url\": \"https://github.com/kubernetes/community/"
                                  "blob/master/sig-api-machinery/charter.md\""));

  run_convene (&check, "--validate", out, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_true (g_str_has_prefix (check.out, "OK: 271 groups, "));

  g_unlink (out);
  g_rmdir (dir);
}

/* A tags.yaml under a name that says nothing, with the format and the base given */
static void
test_cli_import_format_and_base (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *yaml = g_test_build_filename (G_TEST_DIST, "fixtures", "cncf",
                                                 "tags-2022-10-10.yaml", NULL);

  run_convene (&run, "--import", yaml, "--format", "kubernetes-sigs",
               "--base-url", "https://github.com/cncf/toc/blob/main/tags/", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"name\": \"CNCF\""));
  g_assert_nonnull (strstr (run.out, "\"charter_url\": \"https://github.com/cncf/toc/blob/main/"
                                     "tags/tag-app-delivery/charter.md\""));
  g_assert_null (strstr (run.err, "charter_link"));
}

/* --import reads Markdown as --import-markdown does */
static void
test_cli_import_markdown_detected (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) synonym = { 0 };
  g_autofree char *md = fixture ("WORKING-GROUPS-2017-12-11.md");

  run_convene (&run, "--import", md,
               "--base-url", "https://github.com/istio/community/blob/master/", NULL);
  run_convene (&synonym, "--import-markdown", md,
               "--base-url", "https://github.com/istio/community/blob/master/", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, synonym.out);
  g_assert_cmpstr (run.err, ==, synonym.err);
}

static void
test_cli_import_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *ics = write_temp (dir, "feed.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  g_autofree char *blob = write_temp (dir, "blob.txt", "just some words\n");
  g_autofree char *md = fixture ("WORKING-GROUPS-2017-12-11.md");
  const struct {
    const char *args[5];
    const char *err;
  } cases[] = {
    { { "--import", ics, NULL }, "The calendar has no meeting Convene can use" },
    { { "--import", blob, NULL }, "the format cannot be told" },
    { { "--import", blob, "--format", "csv", NULL }, "unknown format “csv”" },
    { { "--import-markdown", md, "--format", "kubernetes-sigs", NULL }, "--import-markdown reads" },
    { { "--list", "--format", "istio-markdown", NULL }, "--format goes with --import" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_convene (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
                   NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].err) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, run.err, cases[i].err);
    }

  g_unlink (ics);
  g_unlink (blob);
  g_rmdir (dir);
}

/* libical's parser prints some complaints itself ("icalparser.c:786:
 * Encountered END before BEGIN"); the command line says only its own,
 * located, and goes on with the rest of the feed. */
static void
test_cli_import_libical_quiet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convene-cli-XXXXXX", NULL);
  g_autofree char *ics = write_temp (dir, "bad.ics",
                                     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                     "END:VEVENT\r\n"
                                     "BEGIN:VEVENT\r\nUID:x@test\r\nSUMMARY:Weekly\r\n"
                                     "DTSTART:20261103T100000Z\r\n"
                                     "DTEND:20261103T110000Z\r\n"
                                     "RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
                                     "END:VCALENDAR\r\nEND:VCALENDAR\r\n");
  g_autofree char *expected = NULL;
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "--import", ics, NULL);
  expected = g_strdup_printf ("%s:3:1: warning: END:VEVENT closes nothing that was begun "
                              "(no BEGIN:VEVENT before it); the line is ignored\n"
                              "%s:12:1: warning: END:VCALENDAR closes nothing that was begun "
                              "(no BEGIN:VCALENDAR before it); the line is ignored\n", ics, ics);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"Weekly\""));

  g_unlink (ics);
  g_rmdir (dir);
}

static void
test_cli_stray_option (void)
{
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "--output", "/tmp/x.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--import-markdown"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/list/bundled", test_cli_list_bundled);
  g_test_add_func ("/cli/list/registry", test_cli_list_registry);
  g_test_add_func ("/cli/list/broken", test_cli_list_broken_registry);
  g_test_add_func ("/cli/validate/bundled-copy", test_cli_validate_bundled_copy);
  g_test_add_func ("/cli/validate/errors", test_cli_validate_errors);
  g_test_add_func ("/cli/validate/syntax", test_cli_validate_syntax);
  g_test_add_func ("/cli/validate/missing-file", test_cli_validate_missing_file);
  g_test_add_func ("/cli/import/stdout", test_cli_import_stdout);
  g_test_add_func ("/cli/import/output", test_cli_import_output);
  g_test_add_func ("/cli/import/unreadable", test_cli_import_unreadable);
  g_test_add_func ("/cli/import/keeps-output-on-failure", test_cli_import_keeps_output_on_failure);
  g_test_add_func ("/cli/import/kubernetes", test_cli_import_kubernetes);
  g_test_add_func ("/cli/import/format-and-base", test_cli_import_format_and_base);
  g_test_add_func ("/cli/import/markdown-detected", test_cli_import_markdown_detected);
  g_test_add_func ("/cli/import/errors", test_cli_import_errors);
  g_test_add_func ("/cli/import/libical-quiet", test_cli_import_libical_quiet);
  g_test_add_func ("/cli/stray-option", test_cli_stray_option);

  return g_test_run ();
}
