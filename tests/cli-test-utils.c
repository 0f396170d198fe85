/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli-test-utils.h"

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Returns: (transfer full): a launcher that pipes stdout and stderr, in
 * the C locale, without a display: the command-line tools must work
 * without a display or a session bus.
 */
GSubprocessLauncher *
cli_test_launcher_new (void)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  return launcher;
}

/* Runs $CONVENE_BIN with the NULL-terminated arguments @args from
 * @launcher, and waits for it to exit.
 */
void
cli_test_run_valist (CliRun              *run,
                     GSubprocessLauncher *launcher,
                     va_list              args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_ptr_array_add (argv, (char *)g_getenv ("CONVENE_BIN"));
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}
