/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a run of the real `convene` binary left: its exit status, stdout
 * and stderr.
 */
typedef struct
{
  int status;
  char *out;
  char *err;
} CliRun;

void                 cli_run_clear            (CliRun              *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

GSubprocessLauncher *cli_test_launcher_new    (void);
void                 cli_test_run_valist      (CliRun              *run,
                                               GSubprocessLauncher *launcher,
                                               va_list              args);

G_END_DECLS
