/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli-test-utils.h"

/* The command-line tools against what a careless or hostile command line
 * hands them: an --output that is the input, a device, a FIFO or a link;
 * temporaries left by a killed run; an input that never ends (/dev/zero)
 * or never comes (a FIFO without a writer).
 */

/* The read timeout the runs get, in place of the default 10 s */
#define TIMEOUT_MS "300"
#define TIMEOUT_TEXT "0.300 s"

typedef struct
{
  char *dir;
  char *markdown;   /* a copy of a seed WORKING-GROUPS.md */
  char *registry;   /* a copy of the bundled registry */
} Fixture;

/* What a file was: its bytes and its mode, to show it is untouched */
typedef struct
{
  char *contents;
  gsize length;
  mode_t mode;
} Snapshot;

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

/* Like run_convene(), with the read timeout shortened */
static void
run_convene_timeout (CliRun *run,
                     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  g_subprocess_launcher_setenv (launcher, "CONVENE_READ_TIMEOUT_MS", TIMEOUT_MS, TRUE);
  va_start (args, run);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static char *
copy_into (const char *dir,
           const char *source,
           const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *md = g_test_build_filename (G_TEST_DIST, "fixtures", "istio",
                                               "WORKING-GROUPS-2018-03-27.md", NULL);
  g_autofree char *json = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"),
                                            "data", "registry", "istio.json", NULL);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("convene-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->markdown = copy_into (fixture->dir, md, "WORKING-GROUPS.md");
  fixture->registry = copy_into (fixture->dir, json, "registry.json");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) listing = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_free (fixture->dir);
  g_free (fixture->markdown);
  g_free (fixture->registry);
}

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  snapshot->mode = st.st_mode;
  g_file_get_contents (path, &snapshot->contents, &snapshot->length, &error);
  g_assert_no_error (error);
}

static void
snapshot_assert_same (Snapshot   *snapshot,
                      const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode, ==, snapshot->mode);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, snapshot->contents, snapshot->length);

  g_clear_pointer (&snapshot->contents, g_free);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;

  return n;
}

static void
assert_refused (const CliRun *run,
                const char   *output,
                const char   *why)
{
  g_autofree char *expected = g_strdup_printf ("Refusing to write to “%s”: %s\n", output, why);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_suffix (run->err, expected));
}

#define IS_INPUT "it is the input file; write the output to another file"
#define IS_LINK "it is a symbolic link; give the path of the file it points to"
#define NOT_REGULAR "it exists and is not a regular file"

/* --import-markdown in.md --output in.md, directly, through a symbolic
 * link either way, and through a hard link.
 */
static void
test_output_is_markdown_input (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *soft = g_build_filename (fixture->dir, "link.md", NULL);
  g_autofree char *hard = g_build_filename (fixture->dir, "hard.md", NULL);
  const char *cases[][2] = {
    { fixture->markdown, fixture->markdown },
    { fixture->markdown, soft },
    { soft, fixture->markdown },
    { fixture->markdown, hard },
  };
  Snapshot before;

  g_assert_cmpint (symlink ("WORKING-GROUPS.md", soft), ==, 0);
  g_assert_cmpint (link (fixture->markdown, hard), ==, 0);
  g_assert_cmpint (g_chmod (fixture->markdown, 0640), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };

      snapshot_take (&before, fixture->markdown);
      run_convene (&run, "--import-markdown", cases[i][0], "--output", cases[i][1], NULL);
      assert_refused (&run, cases[i][1], IS_INPUT);
      snapshot_assert_same (&before, fixture->markdown);
    }

  /* Nothing was left beside them: the input, its two links */
  g_assert_cmpuint (count_files (fixture->dir), ==, 4);
}

/* --ics ID --registry reg.json --output reg.json */
static void
test_output_is_registry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  Snapshot before;

  snapshot_take (&before, fixture->registry);
  run_convene (&run, "--ics", "networking", "--registry", fixture->registry,
               "--output", fixture->registry, NULL);
  assert_refused (&run, fixture->registry, IS_INPUT);
  snapshot_assert_same (&before, fixture->registry);
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

/* A FIFO stays a FIFO, and nothing blocks on it */
static void
test_output_fifo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *fifo = g_build_filename (fixture->dir, "out.json", NULL);
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  run_convene (&run, "--import-markdown", fixture->markdown, "--output", fifo, NULL);
  assert_refused (&run, fifo, NOT_REGULAR);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

/* A device node is never replaced: as root, a rename would do it */
static void
test_output_device (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  GStatBuf before, after;

  g_assert_cmpint (g_lstat ("/dev/null", &before), ==, 0);
  run_convene (&run, "--ics", "networking", "--output", "/dev/null", NULL);
  assert_refused (&run, "/dev/null", NOT_REGULAR);
  g_assert_cmpint (g_lstat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpint (after.st_rdev, ==, before.st_rdev);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
}

/* A directory is not a regular file either */
static void
test_output_directory (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };

  run_convene (&run, "--ics", "networking", "--output", fixture->dir, NULL);
  assert_refused (&run, fixture->dir, NOT_REGULAR);
  g_assert_true (g_file_test (fixture->dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

/* A link to a regular file that is not an input is refused too: the
 * rename would replace the link, not its target.
 */
static void
test_output_symlink (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *target = g_build_filename (fixture->dir, "target.ics", NULL);
  g_autofree char *soft = g_build_filename (fixture->dir, "link.ics", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "dangling.ics", NULL);
  g_autofree char *read_back = NULL;
  g_auto(CliRun) again = { 0 };
  Snapshot before;

  g_assert_true (g_file_set_contents (target, "precious\n", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0604), ==, 0);
  g_assert_cmpint (symlink ("target.ics", soft), ==, 0);
  g_assert_cmpint (symlink ("nowhere.ics", dangling), ==, 0);

  snapshot_take (&before, target);
  run_convene (&run, "--ics", "networking", "--output", soft, NULL);
  assert_refused (&run, soft, IS_LINK);
  snapshot_assert_same (&before, target);
  read_back = g_file_read_link (soft, NULL);
  g_assert_cmpstr (read_back, ==, "target.ics");

  run_convene (&again, "--ics", "networking", "--output", dangling, NULL);
  assert_refused (&again, dangling, IS_LINK);
  g_assert_false (g_file_test (dangling, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (count_files (fixture->dir), ==, 5);
}

/* An existing target gets the new contents and keeps its mode; a new one
 * gets 0666 less the umask.
 */
static void
test_output_keeps_mode (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) fresh = { 0 };
  g_auto(CliRun) stdout_run = { 0 };
  g_autofree char *out = g_build_filename (fixture->dir, "out.ics", NULL);
  g_autofree char *created = g_build_filename (fixture->dir, "new.ics", NULL);
  g_autofree char *contents = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  umask (mask);
  g_assert_true (g_file_set_contents (out, "old\n", -1, NULL));
  g_assert_cmpint (g_chmod (out, 0640), ==, 0);

  run_convene (&run, "--ics", "networking", "--now", "2018-04-01T00:00:00Z",
               "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* The same bytes as on standard output, with "-" */
  run_convene (&stdout_run, "--ics", "networking", "--now", "2018-04-01T00:00:00Z",
               "-o", "-", NULL);
  g_assert_cmpint (stdout_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (stdout_run.out, "BEGIN:VCALENDAR"));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, stdout_run.out);
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));

  run_convene (&fresh, "--ics", "networking", "--output", created, NULL);
  g_assert_cmpint (fresh.status, ==, 0);
  g_assert_cmpint (g_stat (created, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~mask);

  /* The two copies and the two outputs: no temporary left */
  g_assert_cmpuint (count_files (fixture->dir), ==, 4);
}

/* --list and --upcoming write what they print to --output, through the
 * same checks as the other tools: the same bytes as on standard output,
 * never over their input.
 */
static void
test_output_list_upcoming (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *tools[][3] = {
    { "--list", NULL, NULL },
    { "--upcoming", "--now", "2018-04-01T00:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_auto(CliRun) printed = { 0 };
      g_auto(CliRun) written = { 0 };
      g_auto(CliRun) over_input = { 0 };
      g_autofree char *out = g_build_filename (fixture->dir, "out.txt", NULL);
      g_autofree char *contents = NULL;
      Snapshot before;

      g_test_message ("%s", tools[i][0]);
      run_convene (&printed, tools[i][0], "--registry", fixture->registry,
                   tools[i][1], tools[i][2], NULL);
      g_assert_cmpint (printed.status, ==, 0);
      g_assert_cmpstr (printed.err, ==, "");
      g_assert_cmpuint (strlen (printed.out), >, 0);

      run_convene (&written, tools[i][0], "--registry", fixture->registry, "--output", out,
                   tools[i][1], tools[i][2], NULL);
      g_assert_cmpint (written.status, ==, 0);
      g_assert_cmpstr (written.err, ==, "");
      g_assert_cmpstr (written.out, ==, "");
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, printed.out);
      g_assert_cmpint (g_unlink (out), ==, 0);

      snapshot_take (&before, fixture->registry);
      run_convene (&over_input, tools[i][0], "--registry", fixture->registry,
                   "--output", fixture->registry, tools[i][1], tools[i][2], NULL);
      assert_refused (&over_input, fixture->registry, IS_INPUT);
      snapshot_assert_same (&before, fixture->registry);
      g_assert_cmpuint (count_files (fixture->dir), ==, 2);
    }
}

/* --validate writes a report, not a file: --output is refused as a usage
 * error (status 2) before anything is read, and nothing is created.
 */
static void
test_output_validate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *out = g_build_filename (fixture->dir, "report.txt", NULL);

  run_convene (&run, "--validate", fixture->registry, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "--output does not go with --validate, which writes only a "
                   "report; redirect standard output and standard error instead\n");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
}

/* A run killed mid-write leaves ".NAME.convene-PID-XXXXXX"; the next
 * write of NAME removes those of processes that are gone, and leaves
 * those of a write still running and those of other files.
 */
static void
test_output_stale_temporaries (Fixture       *fixture,
                               gconstpointer  data)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) check = { 0 };
  g_autofree char *out = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *no_pid = g_build_filename (fixture->dir, ".out.json.convene-abc123", NULL);
  g_autofree char *gone = g_build_filename (fixture->dir, ".out.json.convene-999999999-Xy12zq",
                                            NULL);
  g_autofree char *live_name = g_strdup_printf (".out.json.convene-%d-AbCdEf", (int)getpid ());
  g_autofree char *live = g_build_filename (fixture->dir, live_name, NULL);
  g_autofree char *other = g_build_filename (fixture->dir, ".other.json.convene-abc123", NULL);

  g_assert_true (g_file_set_contents (no_pid, "{ \"half", -1, NULL));
  g_assert_true (g_file_set_contents (gone, "{ \"half", -1, NULL));
  g_assert_true (g_file_set_contents (live, "{ \"half", -1, NULL));
  g_assert_true (g_file_set_contents (other, "{ \"half", -1, NULL));

  run_convene (&run, "--import-markdown", fixture->markdown, "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_false (g_file_test (no_pid, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  /* The two copies, the output, and the two temporaries left alone */
  g_assert_cmpuint (count_files (fixture->dir), ==, 5);

  run_convene (&check, "--validate", out, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpstr (check.out, ==, "OK: 8 groups, 17 people\n");
}

/* The largest resident set of any child so far, in bytes */
static guint64
children_max_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  return (guint64)usage.ru_maxrss * 1024;
}

/* AddressSanitizer keeps freed blocks in quarantine (256 MB at most) and
 * its shadow memory besides: what a reader that stops at its limit uses
 * is then larger, still far below what one that does not stop takes.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONVENE_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(CONVENE_TEST_ASAN)
#define MAX_CHILD_RSS (500 * 1000 * 1000)
#else
#define MAX_CHILD_RSS (200 * 1000 * 1000)
#endif

/* /dev/zero is a character device that never ends: the readers stop one
 * byte past their limit instead of filling the memory. With the usual
 * read timeout: the short one of the FIFO tests is less than a slow build
 * (ASan, valgrind) takes to read 64 MiB.
 */
static void
test_read_dev_zero (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(CliRun) markdown = { 0 };
  g_auto(CliRun) validate = { 0 };
  g_auto(CliRun) list = { 0 };

  run_convene (&markdown, "--import-markdown", "/dev/zero", NULL);
  g_assert_cmpint (markdown.status, ==, 1);
  g_assert_cmpstr (markdown.out, ==, "");
  g_assert_cmpstr (markdown.err, ==, "/dev/zero: /dev/zero is larger than 4 MiB\n");
  g_assert_cmpuint (children_max_rss (), <, MAX_CHILD_RSS);

  run_convene (&validate, "--validate", "/dev/zero", NULL);
  g_assert_cmpint (validate.status, ==, 1);
  g_assert_cmpstr (validate.out, ==, "");
  g_assert_cmpstr (validate.err, ==, "/dev/zero: /dev/zero is larger than 64 MiB\n");
  g_assert_cmpuint (children_max_rss (), <, MAX_CHILD_RSS);

  run_convene (&list, "--list", "--registry", "/dev/zero", NULL);
  g_assert_cmpint (list.status, ==, 1);
  g_assert_cmpstr (list.err, ==, validate.err);
  g_assert_cmpuint (children_max_rss (), <, MAX_CHILD_RSS);
}

/* A FIFO nobody writes to: every reader gives up after the timeout */
static void
test_read_fifo_without_writer (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "registry.fifo", NULL);
  g_autofree char *expected = NULL;
  const char *argvs[][3] = {
    { "--validate", fifo, NULL },
    { "--list", "--registry", fifo },
    { "--import-markdown", fifo, NULL },
    { "--upcoming", "--registry", fifo },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  expected = g_strdup_printf ("%s: Timed out reading %s after " TIMEOUT_TEXT "\n", fifo, fifo);

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_auto(CliRun) run = { 0 };
      gint64 start = g_get_monotonic_time ();

      run_convene_timeout (&run, argvs[i][0], argvs[i][1], argvs[i][2], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
      /* It waited for a writer rather than taking the FIFO for empty */
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
    }
}

typedef struct
{
  const char *fifo;
  const char *contents;
  gsize length;
} FifoWriter;

/* Opens the FIFO once a reader has (until then opening fails with ENXIO),
 * writes everything and closes it.
 */
static gpointer
fifo_writer_thread (gpointer data)
{
  FifoWriter *writer = data;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char *p = writer->contents;
  gsize left = writer->length;
  int fd;

  while ((fd = g_open (writer->fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
    {
      g_assert_cmpint (errno, ==, ENXIO);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }

  g_assert_cmpint (fcntl (fd, F_SETFL, 0), ==, 0);
  while (left > 0)
    {
      gssize n = write (fd, p, left);

      g_assert_cmpint (n, >, 0);
      p += n;
      left -= n;
    }
  close (fd);

  return NULL;
}

/* A FIFO with a writer is read to its end like a file */
static void
test_read_fifo_with_writer (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "registry.fifo", NULL);
  g_autofree char *contents = NULL;
  g_auto(CliRun) validate = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) list_file = { 0 };
  FifoWriter writer;
  GThread *thread;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_get_contents (fixture->registry, &contents, &writer.length, NULL));
  writer.fifo = fifo;
  writer.contents = contents;

  thread = g_thread_new ("fifo-writer", fifo_writer_thread, &writer);
  run_convene (&validate, "--validate", fifo, NULL);
  g_thread_join (thread);
  g_assert_cmpstr (validate.err, ==, "");
  g_assert_cmpstr (validate.out, ==, "OK: 9 groups, 22 people\n");
  g_assert_cmpint (validate.status, ==, 0);

  thread = g_thread_new ("fifo-writer", fifo_writer_thread, &writer);
  run_convene (&list, "--list", "--registry", fifo, NULL);
  g_thread_join (thread);
  g_assert_cmpint (list.status, ==, 0);
  run_convene (&list_file, "--list", "--registry", fixture->registry, NULL);
  g_assert_cmpstr (list.out, ==, list_file.out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/hostile-cli/output/markdown-input", test_output_is_markdown_input);
  ADD ("/hostile-cli/output/registry-input", test_output_is_registry);
  ADD ("/hostile-cli/output/fifo", test_output_fifo);
  ADD ("/hostile-cli/output/device", test_output_device);
  ADD ("/hostile-cli/output/directory", test_output_directory);
  ADD ("/hostile-cli/output/symlink", test_output_symlink);
  ADD ("/hostile-cli/output/keeps-mode", test_output_keeps_mode);
  ADD ("/hostile-cli/output/stale-temporaries", test_output_stale_temporaries);
  ADD ("/hostile-cli/output/list-upcoming", test_output_list_upcoming);
  ADD ("/hostile-cli/output/validate", test_output_validate);
  ADD ("/hostile-cli/read/dev-zero", test_read_dev_zero);
  ADD ("/hostile-cli/read/fifo-without-writer", test_read_fifo_without_writer);
  ADD ("/hostile-cli/read/fifo-with-writer", test_read_fifo_with_writer);

#undef ADD

  return g_test_run ();
}
