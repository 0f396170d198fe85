/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "convene-registry-loader.h"
#include "fuzz-common.h"

/* What every fuzz target shares: making GLib's criticals fatal, so that a
 * g_return_if_fail() hit by some input counts as a crash, and the checks
 * on what a loader or importer reports.
 */

void
fuzz_setup (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  /* A critical means our code broke a contract on this input. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fputs ("fuzz: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  fflush (stderr);

  abort ();
}

/* A refusal must say why: an error in the registry domain and, when
 * @need_issue, at least one issue of error severity; every issue complete.
 */
void
fuzz_check_failure (const char   *what,
                    GPtrArray    *issues,
                    const GError *error,
                    gboolean      need_issue)
{
  gboolean has_error = FALSE;

  if (error == NULL)
    fuzz_fail ("%s returned NULL without an error", what);
  if (error->domain != CONVENE_REGISTRY_ERROR)
    fuzz_fail ("%s failed outside the registry error domain: %s", what, error->message);
  if (issues == NULL)
    fuzz_fail ("%s gave no issues array", what);

  for (guint i = 0; i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      if (issue->message == NULL || *issue->message == '\0')
        fuzz_fail ("%s: issue %u has no message", what, i);
      if (issue->severity == CONVENE_SEVERITY_ERROR)
        has_error = TRUE;
    }

  if (need_issue && !has_error)
    fuzz_fail ("%s failed (%s) with no issue of error severity", what, error->message);
}

/* Success may come with warnings, never with errors. */
void
fuzz_check_success (const char *what,
                    GPtrArray  *issues)
{
  if (issues == NULL)
    return;

  for (guint i = 0; i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      if (issue->message == NULL || *issue->message == '\0')
        fuzz_fail ("%s: issue %u has no message", what, i);
      if (issue->severity == CONVENE_SEVERITY_ERROR)
        fuzz_fail ("%s succeeded despite the error “%s”", what, issue->message);
    }
}
