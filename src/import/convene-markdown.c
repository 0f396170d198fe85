/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"

#include <string.h>

#include <glib/gstdio.h>

#include <cmark-gfm-extension_api.h>

#include "convene-bounded-read.h"
#include "convene-registry-loader.h"

/* The WORKING-GROUPS.md importer. The file is parsed with cmark-gfm (with
 * its table extension) and the importer walks the top-level blocks. Istio
 * has used two layouts:
 *
 * Sections (2017–2018): a "# Istio Working Groups" title, introduction
 * paragraphs, a bullet list of the groups (a table of contents), then one
 * "## Group" section per group holding a paragraph of topics, an
 * "Artifact | Link" table and a "&nbsp; | Leads | Company | Profile" table.
 *
 * Table (2026): the same title and introduction, then one
 * "Group | Design Docs | Slack Channel | Description" table, a
 * "Working group meetings" section describing one meeting all groups share,
 * and a "Working group leads" section with one
 * "&nbsp; | Name | Company | Groups" table.
 *
 * The layout is the table one when the part before the first "##" heading
 * holds a groups table; otherwise every "##" section that has an artifacts
 * or a leads table is a group. Rules for what goes where:
 *
 * - The community name is the title minus " Working Groups".
 * - Before the first section, a paragraph that mentions a "new group" or a
 *   "new working group" is the community's new_group text; a paragraph
 *   ending with ":" right before a list or table only introduces it; every
 *   other paragraph is the community intro. The paragraph that mentions
 *   "design docs" also gives design_docs_url: the link whose text ends
 *   in "drive" or "folder", else the one to drive.google.com.
 * - A list made only of links to "#anchors" is a table of contents: it is
 *   not imported, but each anchor is checked against the headings.
 * - In a group section, a paragraph that reads as a sentence (it ends with
 *   ".", "!" or "?") is description; the first paragraph that does not is
 *   the comma-separated topic list. Later paragraphs go to the description,
 *   so nothing is lost.
 * - In the groups table the Description column is the description, as
 *   written; it is not split into topics. A link in the Slack Channel
 *   column that does not go to Slack (Product Security's "Report a
 *   vulnerability") becomes an "other" link, with a warning.
 * - A "Community Meeting VC" artifact also makes a meeting: its link text
 *   is the schedule, its URL the call, and the "Community Meeting Calendar"
 *   row its calendar URL.
 * - In the meetings section the schedule is the phrase that starts at the
 *   first weekday ("Wednesdays at 9:00 AM PST"); links are sorted by host:
 *   the call, the notes, calendars (an ICS feed becomes the meeting's
 *   calendar URL), forums.
 * - The Groups column of the leads table names groups loosely: names are
 *   matched ignoring case and "&" versus "and"; a list ("Security,
 *   Extensions and Telemetry") names several groups; "Networking - Control
 *   Plane" is a lead of Networking, and a warning says which sub-area was
 *   left out, since the registry has no place for it.
 * - A person is identified by GitHub login, else by name; the first
 *   spelling of a name, company, avatar and profile is kept, and any later
 *   difference is a warning. The login is the single path segment of a
 *   github.com profile link (a host one typo away from github.com, such as
 *   githun.com, is warned about but still gives the login; the URL is kept
 *   as written).
 * - Relative links are resolved against the base URL; without one they
 *   stay plain text. Links to "#anchors" in prose stay plain text.
 * - Whatever cannot be mapped (a row, a column, a paragraph, a section) is
 *   reported as a warning with its line; nothing is dropped silently.
 * - The source is "markdown", the file's base name and the date in that
 *   name, so that importing the same file always gives the same output.
 */

/* Not every packaging of cmark-gfm ships cmark-gfm-core-extensions.h (see
 * STYLE.md), so the one function needed from it is declared here.
 */
void cmark_gfm_core_extensions_ensure_registered (void);

/* "YYYY-MM-DD" anywhere in @basename, or %NULL */
static char *
date_from_basename (const char *basename)
{
  gsize len = strlen (basename);

  for (gsize i = 0; i + 10 <= len; i++)
    {
      const char *p = basename + i;
      gboolean shape = TRUE;

      for (guint j = 0; j < 10 && shape; j++)
        shape = (j == 4 || j == 7) ? p[j] == '-' : g_ascii_isdigit (p[j]);

      if (shape && (i + 10 == len || !g_ascii_isdigit (p[10])) &&
          (i == 0 || !g_ascii_isdigit (p[-1])))
        {
          guint year = g_ascii_strtoull (p, NULL, 10);
          guint month = g_ascii_strtoull (p + 5, NULL, 10);
          guint day = g_ascii_strtoull (p + 8, NULL, 10);

          if (year >= 1 && year <= G_MAXUINT16 && g_date_valid_dmy (day, month, year))
            return g_strndup (p, 10);
        }
    }

  return NULL;
}

/* The document */

static void
check_table_of_contents (Importer *self)
{
  for (guint i = 0; i < self->toc_links->len; i++)
    {
      cmark_node *link = g_ptr_array_index (self->toc_links, i);
      const char *anchor = cmark_node_get_url (link) + 1;

      if (!g_hash_table_contains (self->anchors, anchor))
        add_issue (self, link, _("the table of contents links to “#%s”, but no heading has "
                                 "that anchor"), anchor);
    }
}

static void
collect_anchors (Importer   *self,
                 cmark_node *document)
{
  for (cmark_node *node = cmark_node_first_child (document); node; node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) == CMARK_NODE_HEADING)
        {
          g_autofree char *text = node_plain_text (node);

          g_hash_table_add (self->anchors, github_anchor (text));
        }
    }
}

static cmark_node *
find_title (cmark_node *document)
{
  for (cmark_node *node = cmark_node_first_child (document); node; node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) == CMARK_NODE_HEADING &&
          cmark_node_get_heading_level (node) == 1)
        return node;
    }

  return NULL;
}

static char *
community_name_from_title (const char *title)
{
  static const char suffix[] = " working groups";
  gsize len = strlen (title);
  gsize suffix_len = strlen (suffix);

  if (len >= suffix_len && g_ascii_strcasecmp (title + len - suffix_len, suffix) == 0)
    {
      g_autofree char *head = g_strndup (title, len - suffix_len);

      return normalize_space (head);
    }

  return g_strdup (title);
}

static gboolean
is_section_heading (cmark_node *node,
                    cmark_node *title)
{
  return node != title &&
         cmark_node_get_type (node) == CMARK_NODE_HEADING &&
         cmark_node_get_heading_level (node) <= 2;
}

static void
import_document (Importer   *self,
                 cmark_node *document,
                 cmark_node *title)
{
  cmark_node *node = cmark_node_first_child (document);

  collect_anchors (self, document);

  /* The preamble: everything before the first section */
  for (; node != NULL && !is_section_heading (node, title); node = cmark_node_next (node))
    {
      if (node != title)
        import_preamble_block (self, node);
    }

  while (node != NULL)
    {
      cmark_node *heading = node;

      for (node = cmark_node_next (node);
           node != NULL && !is_section_heading (node, title);
           node = cmark_node_next (node))
        ;

      if (self->layout == LAYOUT_TABLE)
        import_community_section (self, heading, node);
      else
        import_group_section (self, heading, node);
    }

  check_table_of_contents (self);
}

static GArray *
find_line_starts (const char *text,
                  gsize       length)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  g_array_append_val (starts, zero);
  for (gsize i = 0; i < length; i++)
    {
      gsize next = i + 1;

      if (text[i] == '\r' && next < length && text[next] == '\n')
        continue;
      if (text[i] == '\n' || text[i] == '\r')
        g_array_append_val (starts, next);
    }

  return starts;
}

static void
set_too_large_error (GError **error,
                     gsize    size)
{
  GFormatSizeFlags flags = G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT;
  g_autofree char *size_text = g_format_size_full (size, flags);
  g_autofree char *limit_text = g_format_size_full (CONVENE_MARKDOWN_MAX_SIZE, flags);

  g_set_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE,
               _("the file is too large: %s, more than the %s a working groups file may have"),
               size_text, limit_text);
}

/* The errors of reading the file in the domains this importer has always
 * used: CONVENE_REGISTRY_ERROR_TOO_LARGE, and G_FILE_ERROR for what the
 * system refused. A timeout stays a G_IO_ERROR.
 */
static void
set_read_error (GError  **error,
                GError   *read_error,
                goffset   size)
{
  static const struct
  {
    GIOErrorEnum io;
    GFileError file;
  } codes[] = {
    { G_IO_ERROR_NOT_FOUND, G_FILE_ERROR_NOENT },
    { G_IO_ERROR_PERMISSION_DENIED, G_FILE_ERROR_ACCES },
    { G_IO_ERROR_IS_DIRECTORY, G_FILE_ERROR_ISDIR },
    { G_IO_ERROR_NOT_DIRECTORY, G_FILE_ERROR_NOTDIR },
    { G_IO_ERROR_FILENAME_TOO_LONG, G_FILE_ERROR_NAMETOOLONG },
    { G_IO_ERROR_TOO_MANY_LINKS, G_FILE_ERROR_LOOP },
    { G_IO_ERROR_NO_SPACE, G_FILE_ERROR_NOSPC },
  };
  g_autoptr(GError) owned = read_error;

  g_assert (read_error != NULL);

  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      if (size > CONVENE_MARKDOWN_MAX_SIZE)
        set_too_large_error (error, size);
      else
        g_set_error_literal (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE,
                             read_error->message);
      return;
    }

  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&owned));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (read_error->code == (int)codes[i].io)
      {
        g_set_error_literal (error, G_FILE_ERROR, codes[i].file, read_error->message);
        return;
      }

  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, read_error->message);
}

static cmark_node *
parse_markdown (const char  *text,
                gsize        length,
                GError     **error)
{
  static gsize registered = 0;
  g_autoptr(cmark_parser) parser = NULL;
  cmark_syntax_extension *table;

  if (g_once_init_enter (&registered))
    {
      cmark_gfm_core_extensions_ensure_registered ();
      g_once_init_leave (&registered, 1);
    }

  table = cmark_find_syntax_extension ("table");
  if (table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("the cmark-gfm table extension is missing"));
      return NULL;
    }

  parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  cmark_parser_attach_syntax_extension (parser, table);
  cmark_parser_feed (parser, text, length);

  return cmark_parser_finish (parser);
}

/* Public API */

/**
 * convene_markdown_import:
 * @text: the Markdown text of a WORKING-GROUPS.md file
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 * @filename: (nullable): the file @text came from, for the issues and the
 *   registry's source (its base name, and the date in it if any)
 * @base_url: (nullable): the URL relative links are resolved against, such
 *   as "https://github.com/istio/community/blob/master/"
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   what could not be imported, with where
 * @error: return location for a #GError
 *
 * Imports a working groups file in either of the layouts Istio has used
 * (see the top of convene-markdown.c). The registry's source is "markdown",
 * the base name of @filename, and the date written in that name
 * (YYYY-MM-DD) when there is one, else today: the same file always gives
 * the same registry.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with
 *   @error set: %CONVENE_REGISTRY_ERROR_INVALID when @text is not UTF-8 (the
 *   message gives the line) or holds no working groups,
 *   %CONVENE_REGISTRY_ERROR_TOO_LARGE when it is longer than
 *   %CONVENE_MARKDOWN_MAX_SIZE, %G_IO_ERROR_INVALID_ARGUMENT when @base_url
 *   is not absolute
 */
ConveneRegistry *
convene_markdown_import (const char  *text,
                         gssize       length,
                         const char  *filename,
                         const char  *base_url,
                         GPtrArray  **issues,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  g_autoptr(cmark_node) document = NULL;
  g_autoptr(ConveneCommunity) community = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneRichText) intro = NULL;
  g_autoptr(ConveneRichText) new_group = NULL;
  g_autoptr(GArray) line_starts = NULL;
  g_autoptr(GPtrArray) toc_links = g_ptr_array_new ();
  g_autoptr(GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *date = NULL;
  const char *end = NULL;
  cmark_node *title;
  Importer importer = { 0, };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issues != NULL)
    *issues = g_ptr_array_ref (found);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  if ((gsize)length > CONVENE_MARKDOWN_MAX_SIZE)
    {
      set_too_large_error (error, length);
      return NULL;
    }

  if (base_url != NULL && g_uri_peek_scheme (base_url) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("the base URL “%s” is not an absolute URL"), base_url);
      return NULL;
    }

  /* A byte order mark is not part of the text */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  line_starts = find_line_starts (text, length);

  if (!g_utf8_validate_len (text, length, &end))
    {
      guint line = 1;
      gsize line_start = 0;

      for (guint i = 1; i < line_starts->len; i++)
        {
          if (g_array_index (line_starts, gsize, i) > (gsize)(end - text))
            break;
          line = i + 1;
          line_start = g_array_index (line_starts, gsize, i);
        }

      g_set_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID,
                   _("invalid UTF-8 on line %u, column %u"),
                   line, (guint)g_utf8_strlen (text + line_start, end - text - line_start) + 1);
      return NULL;
    }

  document = parse_markdown (text, length, error);
  if (document == NULL)
    return NULL;

  importer.text = text;
  importer.length = length;
  importer.line_starts = line_starts;
  importer.filename = filename;
  importer.base_url = base_url;
  importer.issues = found;
  importer.layout = LAYOUT_SECTIONS;
  importer.toc_links = toc_links;
  importer.anchors = anchors;

  title = find_title (document);
  if (title != NULL)
    {
      g_autofree char *title_text = node_plain_text (title);

      name = community_name_from_title (title_text);
      if (!text_fits (&importer, title, _("the community name"), name, CONVENE_MAX_NAME))
        g_clear_pointer (&name, g_free);
    }

  if (name == NULL || *name == '\0')
    {
      g_autofree char *base = filename ? g_path_get_basename (filename) : NULL;
      char *dot = base ? strrchr (base, '.') : NULL;

      /* A registry needs a community name: take the file's */
      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (name);
      name = (base != NULL && *base != '\0' && strcmp (base, ".") != 0 && strcmp (base, "/") != 0 &&
              g_utf8_strlen (base, -1) <= CONVENE_MAX_NAME)
        ? g_steal_pointer (&base) : g_strdup (_("Community"));
      add_issue_at (&importer, title ? node_line (title) : 0, 1,
                    _("no “# Name Working Groups” title: the community is called “%s”"), name);
    }

  community = convene_community_new (name);
  registry = convene_registry_new (community);
  intro = convene_rich_text_new ();
  new_group = convene_rich_text_new ();

  importer.community = community;
  importer.registry = registry;
  importer.intro = intro;
  importer.new_group = new_group;

  import_document (&importer, document, title);

  if (g_list_model_get_n_items (G_LIST_MODEL (registry)) == 0)
    {
      g_set_error_literal (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID,
                           _("no working groups found: expected “## Group” sections with an "
                             "“Artifact | Link” or leads table, or a “Group | Design Docs | "
                             "Slack Channel | Description” table"));
      return NULL;
    }

  if (!convene_rich_text_is_empty (intro))
    convene_community_set_intro (community, intro);
  if (!convene_rich_text_is_empty (new_group))
    convene_community_set_new_group (community, new_group);

  if (filename != NULL)
    {
      basename = g_path_get_basename (filename);
      date = date_from_basename (basename);
    }

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = g_date_time_format (now, "%Y-%m-%d");
    }

  convene_registry_set_source (registry, "markdown", basename, date);

  return g_steal_pointer (&registry);
}

/**
 * convene_markdown_import_file:
 * @path: the WORKING-GROUPS.md file to read
 * @base_url: (nullable): the URL relative links are resolved against
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   what could not be imported, with where
 * @error: return location for a #GError
 *
 * Reads @path through convene_read_file_bounded() and imports it with
 * convene_markdown_import(). Whatever @path is (a FIFO, /dev/zero), the
 * read stops past %CONVENE_MARKDOWN_MAX_SIZE and, for what is not a
 * regular file, after the read timeout.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set (a #G_FILE_ERROR naming @path when it cannot be read,
 *   %CONVENE_REGISTRY_ERROR_TOO_LARGE when it is too large,
 *   %G_IO_ERROR_TIMED_OUT when it did not end in time)
 */
ConveneRegistry *
convene_markdown_import_file (const char  *path,
                              const char  *base_url,
                              GPtrArray  **issues,
                              GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size = -1;
  const char *contents;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issues != NULL)
    *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);

  /* Bounded whatever the file is: a huge regular file is refused before
   * it is read, /dev/zero after the limit, a FIFO after the timeout.
   */
  bytes = convene_read_file_bounded (path, CONVENE_MARKDOWN_MAX_SIZE, NULL, &size, &read_error);
  if (bytes == NULL)
    {
      set_read_error (error, g_steal_pointer (&read_error), size);
      return NULL;
    }

  if (issues != NULL)
    g_clear_pointer (issues, g_ptr_array_unref);

  contents = g_bytes_get_data (bytes, &length);
  return convene_markdown_import (contents != NULL ? contents : "", length, path, base_url,
                                  issues, error);
}
