/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-issue"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-issue.h"

G_DEFINE_BOXED_TYPE (ConveneIssue, convene_issue, convene_issue_copy, convene_issue_free)

/**
 * convene_issue_new:
 * @severity: error or warning
 * @file: (nullable): the input file
 * @line: 1-based line, 0 when unknown
 * @column: 1-based column, 0 when unknown
 * @path: (nullable): the location in the document
 * @message: what is wrong
 *
 * Returns: (transfer full): a new #ConveneIssue
 */
ConveneIssue *
convene_issue_new (ConveneSeverity  severity,
                   const char      *file,
                   guint            line,
                   guint            column,
                   const char      *path,
                   const char      *message)
{
  ConveneIssue *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (ConveneIssue, 1);
  self->severity = severity;
  self->file = g_strdup (file);
  self->line = line;
  self->column = column;
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

ConveneIssue *
convene_issue_copy (const ConveneIssue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return convene_issue_new (self->severity, self->file, self->line, self->column,
                            self->path, self->message);
}

void
convene_issue_free (ConveneIssue *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

/**
 * convene_issue_to_string:
 * @self: a #ConveneIssue
 *
 * Formats the issue the way compilers do, so editors can jump to it:
 * `FILE:LINE:COL: PATH: message`. Parts that are unknown are left out.
 *
 * Returns: (transfer full): the formatted issue
 */
char *
convene_issue_to_string (const ConveneIssue *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);

  if (self->file != NULL)
    {
      g_string_append (str, self->file);
      if (self->line > 0)
        {
          g_string_append_printf (str, ":%u", self->line);
          if (self->column > 0)
            g_string_append_printf (str, ":%u", self->column);
        }
      g_string_append (str, ": ");
    }
  else if (self->line > 0)
    {
      g_string_append_printf (str, "%u", self->line);
      if (self->column > 0)
        g_string_append_printf (str, ":%u", self->column);
      g_string_append (str, ": ");
    }

  if (self->severity == CONVENE_SEVERITY_WARNING)
    g_string_append (str, _("warning: "));

  if (self->path != NULL && *self->path != '\0')
    g_string_append_printf (str, "%s: ", self->path);

  g_string_append (str, self->message);

  return g_string_free (str, FALSE);
}
