/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-icalendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-icalendar-private.h"
#include "convene-issue.h"

/* What the importer looks at before libical: where each event is (libical
 * keeps no positions), and the lines libical would complain about on
 * stderr itself. Its parser prints some complaints with fprintf()
 * whatever icalerror_set_error_state() says ("icalparser.c:786:
 * Encountered END before BEGIN"), which would clutter the command line's
 * output and say nothing of where: such a line is a located warning here
 * and is left out of what libical reads. The others it records in the
 * components (X-LIC-ERROR), which say nothing on stderr.
 */

static gboolean
line_is (const char *line,
         const char *tag)
{
  return g_ascii_strncasecmp (line, tag, strlen (tag)) == 0;
}

/**
 * convene_icalendar_scan_lines:
 * @text: a feed, UTF-8
 * @filename: (nullable): where it came from, for the warnings
 * @event_lines: (element-type guint): where to add the line of each
 *   BEGIN:VEVENT, in order
 * @issues: (element-type ConveneIssue): where to add the warnings
 *
 * Folded lines (a continuation starts with a space or a tab) count as
 * lines of the file; a BEGIN or END is never a continuation.
 *
 * Returns: (transfer full): @text without the END lines that close
 *   nothing (the lines libical complains of)
 */
char *
convene_icalendar_scan_lines (const char *text,
                              const char *filename,
                              GArray     *event_lines,
                              GPtrArray  *issues)
{
  GString *kept = g_string_sized_new (strlen (text));
  /* The components open, innermost last, and how many of each name: a
   * hostile feed may open hundreds of thousands */
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) n_open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint line = 1;
  const char *p = text;

  g_assert (text != NULL);

  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      const char *next = end != NULL ? end + 1 : p + strlen (p);

      if (line_is (p, "BEGIN:"))
        {
          char *name = g_strndup (p + 6, strcspn (p + 6, "\r\n"));

          if (line_is (p, "BEGIN:VEVENT"))
            g_array_append_val (event_lines, line);
          g_ptr_array_add (open, g_ascii_strup (g_strstrip (name), -1));
          g_free (name);
          name = g_ptr_array_index (open, open->len - 1);
          g_hash_table_insert (n_open, g_strdup (name),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_open,
                                                                                        name)) + 1));
        }
      else if (line_is (p, "END:"))
        {
          g_autofree char *raw = g_strndup (p + 4, strcspn (p + 4, "\r\n"));
          g_autofree char *name = g_ascii_strup (g_strstrip (raw), -1);
          g_autofree char *message = NULL;

          /* libical closes the innermost component whatever END names,
           * and complains only when none is open; an END of a component
           * not open at all is dropped, so that what follows stays where
           * it was written */
          if (g_hash_table_lookup (n_open, name) != NULL)
            {
              const char *top = g_ptr_array_index (open, open->len - 1);
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_open, top));

              if (n > 1)
                g_hash_table_insert (n_open, g_strdup (top), GUINT_TO_POINTER (n - 1));
              else
                g_hash_table_remove (n_open, top);
              g_ptr_array_remove_index (open, open->len - 1);
              g_string_append_len (kept, p, next - p);
              p = next;
              line++;
              continue;
            }

          if (g_utf8_strlen (name, -1) > 40)
            *g_utf8_offset_to_pointer (name, 40) = '\0';
          /* Translators: %s is a component name such as VEVENT */
          message = g_strdup_printf (_("END:%s closes nothing that was begun (no BEGIN:%s "
                                       "before it); the line is ignored"), name, name);
          g_ptr_array_add (issues, convene_issue_new (CONVENE_SEVERITY_WARNING, filename, line,
                                                      1, NULL, message));
          p = next;
          line++;
          continue;
        }

      g_string_append_len (kept, p, next - p);
      p = next;
      line++;
    }

  return g_string_free (kept, FALSE);
}
