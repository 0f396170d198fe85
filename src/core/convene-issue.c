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

/* Whether @c would break or reorder the one line an issue prints as:
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and
 * the bidirectional embeddings and isolates that can make a terminal show
 * text in another order than it has.
 */
static gboolean
is_unprintable (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Appends @text with what is_unprintable() finds escaped, so that a name
 * or a URL from a registry can never start a line of its own in
 * `--validate` output and pass for another issue or a summary.
 */
static void
append_escaped (GString    *str,
                const char *text)
{
  g_autofree char *valid = NULL;

  /* A file name need not be UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_unprintable (c))
        g_string_append_len (str, p, g_utf8_next_char (p) - p);
      else if (c == '\n')
        g_string_append (str, "\\n");
      else if (c == '\t')
        g_string_append (str, "\\t");
      else if (c == '\r')
        g_string_append (str, "\\r");
      else
        g_string_append_printf (str, "\\u%04X", c);
    }
}

/**
 * convene_issue_to_string:
 * @self: a #ConveneIssue
 *
 * Formats the issue the way compilers do, so editors can jump to it:
 * `FILE:LINE:COL: PATH: message`. Parts that are unknown are left out.
 * Control characters, line separators and bidirectional controls in any
 * part are written as escapes (`\\n`, `\\u001B`), so an issue is always
 * exactly one line.
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
      append_escaped (str, self->file);
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
    {
      append_escaped (str, self->path);
      g_string_append (str, ": ");
    }

  append_escaped (str, self->message);

  return g_string_free (str, FALSE);
}
