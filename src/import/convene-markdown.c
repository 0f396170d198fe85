/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown.h"
#include "convene-url.h"

#include <string.h>

#include <glib/gstdio.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>

#include "convene-registry-loader.h"
#include "convene-schedule.h"

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_parser, cmark_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

typedef enum
{
  LAYOUT_SECTIONS,
  LAYOUT_TABLE,
} Layout;

typedef enum
{
  TABLE_UNKNOWN,
  TABLE_ARTIFACTS,
  TABLE_LEADS,
  TABLE_GROUPS,
} TableKind;

typedef enum
{
  COLUMN_UNKNOWN,
  COLUMN_AVATAR,
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_PROFILE,
  COLUMN_GROUPS,
  COLUMN_GROUP,
  COLUMN_DESIGN_DOCS,
  COLUMN_SLACK,
  COLUMN_DESCRIPTION,
  COLUMN_ARTIFACT,
  COLUMN_LINK,
} Column;

typedef struct
{
  TableKind kind;
  guint n_columns;
  Column *columns;
} TableHeader;

typedef struct
{
  const char *text;
  gsize length;
  GArray *line_starts;
  const char *filename;
  const char *base_url;
  GPtrArray *issues;
  ConveneRegistry *registry;
  ConveneCommunity *community;
  ConveneRichText *intro;
  ConveneRichText *new_group;
  Layout layout;
  GPtrArray *toc_links;
  GHashTable *anchors;
} Importer;

/* A paragraph flattened to text, remembering which text node each byte
 * came from so that a phrase found in it can be located in the file.
 */
typedef struct
{
  gsize offset;
  cmark_node *node;
} Segment;

typedef struct
{
  char *text;
  guint line;
  guint column;
  char *url;
  char *calendar_url;
  char *ics_url;
  guint cadence_weeks;
} SharedMeeting;

static const struct
{
  const char *title;
  Column column;
} column_titles[] = {
  { "", COLUMN_AVATAR },
  { "avatar", COLUMN_AVATAR },
  { "leads", COLUMN_NAME },
  { "lead", COLUMN_NAME },
  { "name", COLUMN_NAME },
  { "company", COLUMN_COMPANY },
  { "affiliation", COLUMN_COMPANY },
  { "profile", COLUMN_PROFILE },
  { "github", COLUMN_PROFILE },
  { "groups", COLUMN_GROUPS },
  { "working groups", COLUMN_GROUPS },
  { "group", COLUMN_GROUP },
  { "working group", COLUMN_GROUP },
  { "design docs", COLUMN_DESIGN_DOCS },
  { "slack channel", COLUMN_SLACK },
  { "slack", COLUMN_SLACK },
  { "description", COLUMN_DESCRIPTION },
  { "artifact", COLUMN_ARTIFACT },
  { "artifacts", COLUMN_ARTIFACT },
  { "link", COLUMN_LINK },
  { "links", COLUMN_LINK },
};

/* The first column of an artifacts table, as Istio wrote it */
static const struct
{
  const char *name;
  ConveneLinkKind kind;
} artifact_kinds[] = {
  { "forum", CONVENE_LINK_FORUM },
  { "community meeting vc", CONVENE_LINK_MEETING },
  { "community meeting calendar", CONVENE_LINK_CALENDAR },
  { "meeting notes", CONVENE_LINK_NOTES },
  { "document folder", CONVENE_LINK_FOLDER },
  { "recorded meetings", CONVENE_LINK_RECORDINGS },
  { "slack", CONVENE_LINK_SLACK },
};

/* What a link is, judged by where it goes, for links that no table row
 * names: those of the meetings section, the design docs and Slack columns
 */
static const struct
{
  const char *domain;
  const char *path_prefix;
  ConveneLinkKind kind;
} link_hosts[] = {
  { "meet.google.com", NULL, CONVENE_LINK_MEETING },
  { "plus.google.com", "/hangouts/", CONVENE_LINK_MEETING },
  { "zoom.us", NULL, CONVENE_LINK_MEETING },
  { "teams.microsoft.com", NULL, CONVENE_LINK_MEETING },
  { "meet.jit.si", NULL, CONVENE_LINK_MEETING },
  { "webex.com", NULL, CONVENE_LINK_MEETING },
  { "calendar.google.com", NULL, CONVENE_LINK_CALENDAR },
  { "docs.google.com", "/document/", CONVENE_LINK_NOTES },
  { "hackmd.io", NULL, CONVENE_LINK_NOTES },
  { "drive.google.com", NULL, CONVENE_LINK_FOLDER },
  { "groups.google.com", NULL, CONVENE_LINK_FORUM },
  { "youtube.com", NULL, CONVENE_LINK_RECORDINGS },
  { "youtu.be", NULL, CONVENE_LINK_RECORDINGS },
  { "slack.com", NULL, CONVENE_LINK_SLACK },
};

/* Link texts that say nothing about the link; such links get no label */
static const char * const generic_link_texts[] = {
  "here", "this", "link", "this link", "click here",
};

static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static void add_issue (Importer   *self,
                       cmark_node *node,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

/* Issues */

static void
position_of_offset (Importer *self,
                    guint     line,
                    gsize     byte_column,
                    guint    *column)
{
  gsize start, end;

  g_assert (line >= 1 && line <= self->line_starts->len);

  start = g_array_index (self->line_starts, gsize, line - 1);
  end = line < self->line_starts->len ? g_array_index (self->line_starts, gsize, line)
                                      : self->length;
  if (byte_column < 1)
    byte_column = 1;
  if (start + byte_column - 1 > end)
    byte_column = end - start + 1;

  *column = g_utf8_strlen (self->text + start, byte_column - 1) + 1;
}

static void
add_issue_valist (Importer   *self,
                  guint       line,
                  gsize       byte_column,
                  const char *format,
                  va_list     args) G_GNUC_PRINTF (4, 0);

static void
add_issue_valist (Importer   *self,
                  guint       line,
                  gsize       byte_column,
                  const char *format,
                  va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  guint column = 0;

  if (line >= 1 && line <= self->line_starts->len)
    position_of_offset (self, line, byte_column, &column);
  else
    line = 0;

  g_ptr_array_add (self->issues,
                   convene_issue_new (CONVENE_SEVERITY_WARNING, self->filename,
                                      line, column, NULL, message));
}

/* Warns about @node, located at its start (or its parent's, for nodes such
 * as soft breaks that carry no position).
 */
static void
add_issue (Importer   *self,
           cmark_node *node,
           const char *format,
           ...)
{
  va_list args;
  int line = 0;
  int column = 0;

  for (; node != NULL; node = cmark_node_parent (node))
    {
      line = cmark_node_get_start_line (node);
      column = cmark_node_get_start_column (node);
      if (line > 0)
        break;
    }

  va_start (args, format);
  add_issue_valist (self, MAX (line, 0), MAX (column, 1), format, args);
  va_end (args);
}

static void add_issue_at (Importer   *self,
                          guint       line,
                          gsize       byte_column,
                          const char *format,
                          ...) G_GNUC_PRINTF (4, 5);

static void
add_issue_at (Importer   *self,
              guint       line,
              gsize       byte_column,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  add_issue_valist (self, line, byte_column, format, args);
  va_end (args);
}

/* Text helpers */

/* Collapses every run of white space (no-break spaces included, since
 * Istio pads cells with "&nbsp;") into one space, and trims the ends.
 */
static char *
normalize_space (const char *text)
{
  GString *str = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B)
        {
          space = TRUE;
          continue;
        }

      if (space && str->len > 0)
        g_string_append_c (str, ' ');
      space = FALSE;
      g_string_append_unichar (str, c);
    }

  return g_string_free (str, FALSE);
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = normalize_space (text);

  return g_utf8_casefold (normalized, -1);
}

static gboolean
contains_word (const char *haystack,
               const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (haystack, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean start_ok = p == haystack || !g_ascii_isalnum (p[-1]);
      gboolean end_ok = !g_ascii_isalnum (p[len]);

      if (start_ok && end_ok)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_sentence (const char *text)
{
  gsize len = strlen (text);

  return len > 0 && strchr (".!?", text[len - 1]) != NULL;
}

static char **
split_topics (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GPtrArray *topics = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *topic = normalize_space (parts[i]);

      if (*topic == '\0')
        {
          g_free (topic);
          continue;
        }
      g_ptr_array_add (topics, topic);
    }

  g_ptr_array_add (topics, NULL);
  return (char **)g_ptr_array_free (topics, FALSE);
}

static gboolean
is_generic_link_text (const char *text)
{
  g_autofree char *folded = fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (generic_link_texts); i++)
    {
      if (strcmp (folded, generic_link_texts[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The anchor GitHub gives a heading: lower case, punctuation dropped,
 * spaces turned into dashes.
 */
static char *
github_anchor (const char *heading)
{
  g_autofree char *lower = g_utf8_strdown (heading, -1);
  GString *str = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (str, '-');
      else if (g_unichar_isalnum (c) || c == '-' || c == '_')
        g_string_append_unichar (str, c);
    }

  return g_string_free (str, FALSE);
}

/* A key under which group names match loosely: "Test & Release" and
 * "test and release" give the same key.
 */
static char *
group_key (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "&", -1);
  g_autofree char *joined = g_strjoinv (" and ", parts);

  return convene_group_make_id (joined);
}

/* Optimal string alignment distance, to spot a host one typo away */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  g_autofree guint *d = g_new0 (guint, (la + 1) * (lb + 1));

#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;

  for (gsize i = 1; i <= la; i++)
    {
      for (gsize j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

          best = MIN (best, D (i - 1, j - 1) + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, D (i - 2, j - 2) + 1);
          D (i, j) = best;
        }
    }

  return D (la, lb);
#undef D
}

static gboolean
host_matches (const char *host,
              const char *domain)
{
  gsize hl = strlen (host);
  gsize dl = strlen (domain);

  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;

  return hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, domain) == 0;
}

static gboolean
is_github_login (const char *login)
{
  gsize len = strlen (login);

  if (len == 0 || len > 39 || login[0] == '-' || login[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (login[i]) && login[i] != '-')
        return FALSE;
      if (login[i] == '-' && login[i + 1] == '-')
        return FALSE;
    }

  return TRUE;
}

/* The login of a profile page such as "/geeknoid", or %NULL */
static char *
login_from_path (const char *path)
{
  g_autofree char *segment = NULL;
  const char *slash;

  while (*path == '/')
    path++;

  slash = strchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    return NULL;

  segment = slash ? g_strndup (path, slash - path) : g_strdup (path);
  if (!is_github_login (segment))
    return NULL;

  return g_steal_pointer (&segment);
}

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

/* Node helpers */

static gboolean
node_is (cmark_node *node,
         const char *type_string)
{
  return node != NULL && g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

static guint
node_line (cmark_node *node)
{
  for (; node != NULL; node = cmark_node_parent (node))
    {
      int line = cmark_node_get_start_line (node);

      if (line > 0)
        return line;
    }

  return 0;
}

/* The text of @node and its descendants, white space normalized; walked
 * with an iterator, not recursion, so deep nesting cannot exhaust the stack.
 */
static char *
node_plain_text (cmark_node *node)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (node);
  g_autoptr(GString) str = g_string_new (NULL);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int)cmark_node_get_type (cur))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (str, cmark_node_get_literal (cur));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (str, ' ');
          break;

        default:
          break;
        }
    }

  return normalize_space (str->str);
}

/* Every link under @node, in document order */
static GPtrArray *
node_links (cmark_node *node)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (node);
  GPtrArray *links = g_ptr_array_new ();
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (cur) == CMARK_NODE_LINK)
        g_ptr_array_add (links, cur);
    }

  return links;
}

/* The src of the first <img> (or Markdown image) under @node */
static char *
node_image_src (cmark_node *node)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);
      const char *p;

      if (event != CMARK_EVENT_ENTER)
        continue;

      if (cmark_node_get_type (cur) == CMARK_NODE_IMAGE)
        return g_strdup (cmark_node_get_url (cur));

      if (cmark_node_get_type (cur) != CMARK_NODE_HTML_INLINE)
        continue;

      p = cmark_node_get_literal (cur);
      if (p == NULL || g_ascii_strncasecmp (p, "<img", 4) != 0 || !g_ascii_isspace (p[4]))
        continue;

      /* Attributes: name, optionally "=" and a quoted or bare value */
      p += 4;
      while (*p != '\0' && *p != '>')
        {
          const char *name, *value;
          gsize name_len, value_len;

          while (g_ascii_isspace (*p) || *p == '/')
            p++;
          name = p;
          while (*p != '\0' && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
            p++;
          name_len = p - name;
          while (g_ascii_isspace (*p))
            p++;
          if (*p != '=')
            {
              if (name_len == 0 && *p != '\0' && *p != '>')
                p++;
              continue;
            }
          p++;
          while (g_ascii_isspace (*p))
            p++;

          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;

              value = p;
              while (*p != '\0' && *p != quote)
                p++;
              value_len = p - value;
              if (*p == quote)
                p++;
            }
          else
            {
              value = p;
              while (*p != '\0' && !g_ascii_isspace (*p) && *p != '>')
                p++;
              value_len = p - value;
            }

          if (name_len == 3 && g_ascii_strncasecmp (name, "src", 3) == 0)
            {
              g_autofree char *raw = g_strndup (value, value_len);
              g_auto(GStrv) parts = g_strsplit (raw, "&amp;", -1);

              return g_strjoinv ("&", parts);
            }
        }
    }

  return NULL;
}

static cmark_node *
table_cell (cmark_node *row,
            guint       index)
{
  cmark_node *cell = cmark_node_first_child (row);

  for (guint i = 0; cell != NULL && i < index; i++)
    cell = cmark_node_next (cell);

  return cell;
}

/* URLs */

/* Makes @url absolute. A relative link is resolved against the base URL;
 * without one it cannot be followed, so it is warned about and %NULL is
 * returned. Links to "#anchors" return %NULL quietly when @quiet_fragments.
 */
static char *
resolve_url (Importer   *self,
             cmark_node *node,
             const char *url,
             gboolean    quiet_fragments)
{
  g_autoptr(GError) error = NULL;
  char *resolved;

  if (url == NULL || *url == '\0')
    {
      add_issue (self, node, _("the link has no URL"));
      return NULL;
    }

  if (g_uri_peek_scheme (url) != NULL)
    {
      /* Only what the loader accepts is kept, so every import loads. */
      if (!convene_url_check (url, &error))
        {
          add_issue (self, node, _("link not imported: %s"), error->message);
          return NULL;
        }
      return g_strdup (url);
    }

  if (url[0] == '#' && quiet_fragments)
    return NULL;

  if (self->base_url == NULL)
    {
      add_issue (self, node,
                 _("relative link “%s” needs a base URL to be resolved; kept as plain text"),
                 url);
      return NULL;
    }

  resolved = g_uri_resolve_relative (self->base_url, url, G_URI_FLAGS_PARSE_RELAXED, &error);
  if (resolved == NULL)
    {
      add_issue (self, node, _("cannot resolve the relative link “%s”: %s"), url, error->message);
      return NULL;
    }

  if (!convene_url_check (resolved, &error))
    {
      add_issue (self, node, _("link not imported: %s"), error->message);
      g_clear_pointer (&resolved, g_free);
    }

  return resolved;
}

static gboolean
classify_url (const char      *url,
              ConveneLinkKind *kind)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host;
  const char *path;

  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "webcal") == 0 ||
      g_str_has_suffix (path, ".ics"))
    {
      *kind = CONVENE_LINK_CALENDAR;
      return TRUE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (link_hosts); i++)
    {
      if (host_matches (host, link_hosts[i].domain) &&
          (link_hosts[i].path_prefix == NULL || g_str_has_prefix (path, link_hosts[i].path_prefix)))
        {
          *kind = link_hosts[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_ics_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);

  return uri != NULL &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "webcal") == 0 ||
          g_str_has_suffix (g_uri_get_path (uri), ".ics"));
}

/* Rich text */

/* Appends @paragraph to @text as a new paragraph: links stay links (made
 * absolute), emphasis and inline HTML are flattened to their text.
 */
static void
append_rich_paragraph (Importer        *self,
                       ConveneRichText *text,
                       cmark_node      *paragraph)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (paragraph);
  cmark_event_type event;

  convene_rich_text_add_paragraph (text);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int)cmark_node_get_type (cur))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          convene_rich_text_append (text, cmark_node_get_literal (cur), NULL);
          break;

        case CMARK_NODE_SOFTBREAK:
          convene_rich_text_append (text, " ", NULL);
          break;

        case CMARK_NODE_LINEBREAK:
          convene_rich_text_append (text, "\n", NULL);
          break;

        case CMARK_NODE_LINK:
          {
            g_autofree char *label = node_plain_text (cur);
            g_autofree char *url = resolve_url (self, cur, cmark_node_get_url (cur), TRUE);

            if (*label == '\0' && url != NULL)
              convene_rich_text_append (text, url, url);
            else
              convene_rich_text_append (text, label, url);
            cmark_iter_reset (iter, cur, CMARK_EVENT_EXIT);
          }
          break;

        case CMARK_NODE_IMAGE:
          {
            g_autofree char *alt = node_plain_text (cur);

            convene_rich_text_append (text, alt, NULL);
            cmark_iter_reset (iter, cur, CMARK_EVENT_EXIT);
          }
          break;

        default:
          break;
        }
    }
}

/* Tables */

static TableHeader *
table_header_new (Importer   *self,
                  cmark_node *table)
{
  TableHeader *header = g_new0 (TableHeader, 1);
  cmark_node *row = cmark_node_first_child (table);
  gboolean has[COLUMN_LINK + 1] = { FALSE, };
  guint i = 0;

  if (!node_is (row, "table_header"))
    return header;

  for (cmark_node *cell = cmark_node_first_child (row); cell; cell = cmark_node_next (cell))
    header->n_columns++;
  header->columns = g_new0 (Column, header->n_columns);

  for (cmark_node *cell = cmark_node_first_child (row); cell; cell = cmark_node_next (cell), i++)
    {
      g_autofree char *title = node_plain_text (cell);
      g_autofree char *folded = g_utf8_casefold (title, -1);

      header->columns[i] = COLUMN_UNKNOWN;
      for (guint j = 0; j < G_N_ELEMENTS (column_titles); j++)
        {
          if (strcmp (folded, column_titles[j].title) == 0)
            {
              /* A second column of the same meaning is not understood */
              if (!has[column_titles[j].column])
                header->columns[i] = column_titles[j].column;
              break;
            }
        }
      has[header->columns[i]] = TRUE;
    }

  if (has[COLUMN_ARTIFACT] && has[COLUMN_LINK])
    header->kind = TABLE_ARTIFACTS;
  else if (has[COLUMN_NAME])
    header->kind = TABLE_LEADS;
  else if (has[COLUMN_GROUP])
    header->kind = TABLE_GROUPS;
  else
    header->kind = TABLE_UNKNOWN;

  return header;
}

static void
table_header_free (TableHeader *header)
{
  g_free (header->columns);
  g_free (header);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TableHeader, table_header_free)

static gboolean
column_allowed (TableKind kind,
                Column    column,
                Layout    layout)
{
  switch (kind)
    {
    case TABLE_ARTIFACTS:
      return column == COLUMN_ARTIFACT || column == COLUMN_LINK;

    case TABLE_LEADS:
      return column == COLUMN_AVATAR || column == COLUMN_NAME || column == COLUMN_COMPANY ||
             column == COLUMN_PROFILE || (column == COLUMN_GROUPS && layout == LAYOUT_TABLE);

    case TABLE_GROUPS:
      return column == COLUMN_GROUP || column == COLUMN_DESIGN_DOCS ||
             column == COLUMN_SLACK || column == COLUMN_DESCRIPTION;

    case TABLE_UNKNOWN:
    default:
      return FALSE;
    }
}

/* Warns once per column that this kind of table does not carry */
static void
check_columns (Importer    *self,
               cmark_node  *table,
               TableHeader *header)
{
  cmark_node *cell = cmark_node_first_child (cmark_node_first_child (table));

  for (guint i = 0; i < header->n_columns; i++, cell = cell ? cmark_node_next (cell) : NULL)
    {
      g_autofree char *title = NULL;

      if (column_allowed (header->kind, header->columns[i], self->layout))
        continue;

      title = node_plain_text (cell);
      add_issue (self, cell, _("column “%s” of this table is not imported"), title);
    }
}

/* cmark-gfm drops the cells of a row beyond the header's count without a
 * word; what follows the last kept cell on the row's line tells.
 */
static void
check_row_width (Importer   *self,
                 cmark_node *row)
{
  cmark_node *last = cmark_node_last_child (row);
  int line = cmark_node_get_start_line (row);
  gsize line_start, from, to;

  /* Cells cmark-gfm added to fill a short row have no position */
  while (last != NULL && cmark_node_get_start_column (last) == 0)
    last = cmark_node_previous (last);

  if (last == NULL || line < 1 || (guint)line > self->line_starts->len ||
      cmark_node_get_end_line (row) != line || cmark_node_get_end_line (last) != line)
    return;

  line_start = g_array_index (self->line_starts, gsize, line - 1);
  from = line_start + MAX (cmark_node_get_end_column (last), 0);
  to = MIN (line_start + MAX (cmark_node_get_end_column (row), 0), self->length);

  for (gsize i = from; i < to; i++)
    {
      if (self->text[i] != '|' && !g_ascii_isspace (self->text[i]))
        {
          add_issue_at (self, line, i - line_start + 1,
                        _("this row has more cells than the table has columns; the extra "
                          "cells are not imported"));
          return;
        }
    }
}

static gboolean
table_has_column (TableHeader *header,
                  Column       column)
{
  for (guint i = 0; i < header->n_columns; i++)
    {
      if (header->columns[i] == column)
        return TRUE;
    }

  return FALSE;
}

/* People */

static gboolean
group_has_lead (ConveneGroup  *group,
                ConvenePerson *person)
{
  GListModel *leads = convene_group_get_leads (group);
  guint n = g_list_model_get_n_items (leads);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (convene_lead_get_person (lead) == person)
        return TRUE;
    }

  return FALSE;
}

static ConvenePerson *
find_person_by_name (Importer   *self,
                     const char *id)
{
  GListModel *people = convene_registry_get_people (self->registry);
  guint n = g_list_model_get_n_items (people);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (people, i);
      g_autofree char *name_id = convene_person_make_id (NULL, convene_person_get_name (person));

      if (g_strcmp0 (name_id, id) == 0)
        return person;
    }

  return NULL;
}

/* Keeps what is known of @person and warns when this row says otherwise */
static void
merge_field (Importer      *self,
             cmark_node    *row,
             ConvenePerson *person,
             const char    *old_value,
             const char    *new_value,
             void         (*set) (ConvenePerson *, const char *),
             const char    *what)
{
  if (new_value == NULL || g_strcmp0 (old_value, new_value) == 0)
    return;

  if (old_value == NULL)
    {
      set (person, new_value);
      return;
    }

  /* Translators: the first %s is a person's name, the second what differs
   * ("company", "avatar" or "profile"), then the two values */
  add_issue (self, row, _("%s: this %s “%s” differs from “%s” above; the first is kept"),
             convene_person_get_name (person), what, new_value, old_value);
}

typedef struct
{
  char *name;
  char *company;
  char *login;
  char *profile_url;
  char *avatar_url;
} LeadRow;

static void
lead_row_clear (LeadRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->company, g_free);
  g_clear_pointer (&row->login, g_free);
  g_clear_pointer (&row->profile_url, g_free);
  g_clear_pointer (&row->avatar_url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LeadRow, lead_row_clear)

static ConvenePerson *
find_or_add_person (Importer   *self,
                    cmark_node *row,
                    LeadRow    *lead)
{
  g_autofree char *id = convene_person_make_id (lead->login, lead->name);
  ConvenePerson *person;

  if (id == NULL)
    {
      add_issue (self, row, _("lead “%s” has no letters or digits in the name; row not imported"),
                 lead->name);
      return NULL;
    }

  person = convene_registry_lookup_person (self->registry, id);
  if (person == NULL && lead->login == NULL)
    person = find_person_by_name (self, id);

  if (person == NULL)
    {
      g_autoptr(ConvenePerson) created = convene_person_new (id, lead->name);

      convene_person_set_company (created, lead->company);
      convene_person_set_github (created, lead->login);
      convene_person_set_profile_url (created, lead->profile_url);
      convene_person_set_avatar_url (created, lead->avatar_url);
      convene_registry_add_person (self->registry, created);
      return created;
    }

  if (g_strcmp0 (convene_person_get_name (person), lead->name) != 0)
    {
      if (lead->login != NULL)
        add_issue (self, row,
                   _("“%s” has the same GitHub login “%s” as “%s” above; the first name is kept"),
                   lead->name, lead->login, convene_person_get_name (person));
      else
        add_issue (self, row, _("“%s” is taken to be “%s” above; the first spelling is kept"),
                   lead->name, convene_person_get_name (person));
    }

  merge_field (self, row, person, convene_person_get_github (person), lead->login,
               convene_person_set_github, _("GitHub login"));
  merge_field (self, row, person, convene_person_get_company (person), lead->company,
               convene_person_set_company, _("company"));
  merge_field (self, row, person, convene_person_get_avatar_url (person), lead->avatar_url,
               convene_person_set_avatar_url, _("avatar"));
  merge_field (self, row, person, convene_person_get_profile_url (person), lead->profile_url,
               convene_person_set_profile_url, _("profile"));

  return person;
}

/* Reads a profile link: its URL is the profile, and when it points at a
 * github.com user page its path is the login. A host one typo away from
 * github.com is most likely a typo: the login is taken, the URL is kept
 * as written, and a warning names the host.
 */
static void
read_profile_link (Importer   *self,
                   cmark_node *link,
                   const char *person_name,
                   gboolean    text_is_login,
                   LeadRow    *lead)
{
  g_autofree char *url = resolve_url (self, link, cmark_node_get_url (link), FALSE);
  g_autofree char *text = node_plain_text (link);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *login = NULL;
  const char *bare_host;

  if (url == NULL)
    return;

  g_clear_pointer (&lead->profile_url, g_free);
  lead->profile_url = g_strdup (url);

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  bare_host = g_str_has_prefix (host, "www.") ? host + 4 : host;

  if (strcmp (bare_host, "github.com") != 0)
    {
      if (edit_distance (bare_host, "github.com") != 1)
        return;

      add_issue (self, link,
                 _("the profile link of %s points to “%s”, which looks like a misspelling of "
                   "github.com; the URL is kept as written"),
                 person_name, g_uri_get_host (uri));
    }

  login = login_from_path (g_uri_get_path (uri));
  if (login == NULL)
    {
      add_issue (self, link, _("“%s” is not a GitHub profile page; no GitHub login taken"), url);
      return;
    }

  if (text_is_login)
    {
      const char *shown = text[0] == '@' ? text + 1 : text;

      if (is_github_login (shown) && g_ascii_strcasecmp (shown, login) != 0)
        add_issue (self, link,
                   _("the profile link text “%s” differs from the GitHub login “%s” of its "
                     "URL; the URL is trusted"),
                   text, login);
    }

  g_free (lead->login);
  lead->login = g_steal_pointer (&login);
}

static gboolean
is_empty_value (const char *text)
{
  return *text == '\0' || g_ascii_strcasecmp (text, "n/a") == 0 ||
         strcmp (text, "-") == 0 || g_ascii_strcasecmp (text, "none") == 0;
}

/* Groups named in the Groups column */

static ConveneGroup *
find_group_by_name (Importer   *self,
                    const char *name)
{
  g_autofree char *key = group_key (name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->registry));

  if (key == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self->registry), i);
      g_autofree char *group_name_key = group_key (convene_group_get_name (group));

      if (g_strcmp0 (key, group_name_key) == 0)
        return group;
    }

  return NULL;
}

static void
add_unique_group (GPtrArray    *groups,
                  ConveneGroup *group)
{
  if (!g_ptr_array_find (groups, group, NULL))
    g_ptr_array_add (groups, group);
}

/* "Networking - Control Plane" and "Networking (Control Plane)": the group
 * and the sub-area
 */
static gboolean
split_sub_area (const char  *text,
                char       **base,
                char       **area)
{
  static const char * const separators[] = { " - ", " – ", " — ", ": ", " (" };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *sep = strstr (text, separators[i]);
      g_autofree char *head = NULL;
      g_autofree char *rest = NULL;

      if (sep == NULL)
        continue;

      head = g_strndup (text, sep - text);
      *base = normalize_space (head);
      rest = g_strdup (sep + strlen (separators[i]));
      if (g_str_has_suffix (rest, ")"))
        rest[strlen (rest) - 1] = '\0';
      *area = normalize_space (rest);
      return TRUE;
    }

  return FALSE;
}

static void
match_groups (Importer   *self,
              cmark_node *cell,
              const char *text,
              GPtrArray  *groups)
{
  g_auto(GStrv) parts = NULL;
  ConveneGroup *group;

  group = find_group_by_name (self, text);
  if (group != NULL)
    {
      add_unique_group (groups, group);
      return;
    }

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = normalize_space (parts[i]);
      g_autofree char *base = NULL;
      g_autofree char *area = NULL;

      if (*part == '\0')
        continue;

      group = find_group_by_name (self, part);
      if (group != NULL)
        {
          add_unique_group (groups, group);
          continue;
        }

      if (split_sub_area (part, &base, &area) &&
          (group = find_group_by_name (self, base)) != NULL)
        {
          add_unique_group (groups, group);
          add_issue (self, cell,
                     _("“%s” is imported as a lead of %s; the sub-area “%s” has no place in "
                       "the registry"),
                     part, convene_group_get_name (group), area);
          continue;
        }

      /* "Security and Networking": only when every part is a group, since
       * names such as "Extensions and Telemetry" hold an "and" themselves */
        {
          g_auto(GStrv) words = g_strsplit (part, " and ", -1);
          g_autoptr(GPtrArray) found = g_ptr_array_new ();
          gboolean all = g_strv_length (words) > 1;

          for (guint j = 0; all && words[j] != NULL; j++)
            {
              g_autofree char *word = normalize_space (words[j]);

              group = find_group_by_name (self, word);
              if (group == NULL)
                all = FALSE;
              else
                g_ptr_array_add (found, group);
            }

          if (all)
            {
              for (guint j = 0; j < found->len; j++)
                add_unique_group (groups, g_ptr_array_index (found, j));
              continue;
            }
        }

      add_issue (self, cell, _("“%s” does not name a working group of this file"), part);
    }
}

/* Leads tables */

static void
import_lead_row (Importer     *self,
                 cmark_node   *row,
                 TableHeader  *header,
                 ConveneGroup *group)
{
  g_auto(LeadRow) lead = { NULL, };
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  cmark_node *groups_cell = NULL;
  cmark_node *cell = cmark_node_first_child (row);
  ConvenePerson *person;

  for (guint i = 0; i < header->n_columns; i++, cell = cell ? cmark_node_next (cell) : NULL)
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) links = NULL;

      if (cell == NULL || !column_allowed (TABLE_LEADS, header->columns[i], self->layout))
        continue;

      text = node_plain_text (cell);
      links = node_links (cell);

      switch (header->columns[i])
        {
        case COLUMN_AVATAR:
          {
            g_autofree char *src = node_image_src (cell);

            if (src != NULL)
              lead.avatar_url = resolve_url (self, cell, src, FALSE);
            else if (*text != '\0')
              add_issue (self, cell, _("“%s” is not an avatar image; not imported"), text);
          }
          break;

        case COLUMN_NAME:
          lead.name = g_strdup (text);
          if (links->len > 0)
            read_profile_link (self, g_ptr_array_index (links, 0), text, FALSE, &lead);
          break;

        case COLUMN_COMPANY:
          if (!is_empty_value (text))
            lead.company = g_strdup (text);
          break;

        case COLUMN_PROFILE:
          if (links->len > 0)
            read_profile_link (self, g_ptr_array_index (links, 0),
                               lead.name ? lead.name : text, TRUE, &lead);
          else if (!is_empty_value (text))
            add_issue (self, cell, _("profile “%s” is not a link; not imported"), text);
          break;

        case COLUMN_GROUPS:
          groups_cell = cell;
          break;

        case COLUMN_UNKNOWN:
        case COLUMN_GROUP:
        case COLUMN_DESIGN_DOCS:
        case COLUMN_SLACK:
        case COLUMN_DESCRIPTION:
        case COLUMN_ARTIFACT:
        case COLUMN_LINK:
        default:
          break;
        }

      if (links->len > 1 &&
          (header->columns[i] == COLUMN_NAME || header->columns[i] == COLUMN_PROFILE))
        add_issue (self, cell, _("only the first link of this cell is imported"));
    }

  if (lead.name == NULL || *lead.name == '\0')
    {
      add_issue (self, row, _("this lead has no name; row not imported"));
      return;
    }

  if (group != NULL)
    {
      g_ptr_array_add (groups, group);
    }
  else if (groups_cell != NULL)
    {
      g_autofree char *text = node_plain_text (groups_cell);

      match_groups (self, groups_cell, text, groups);
    }

  if (groups->len == 0)
    {
      add_issue (self, row, _("%s leads no working group of this file; row not imported"),
                 lead.name);
      return;
    }

  person = find_or_add_person (self, row, &lead);
  if (person == NULL)
    return;

  for (guint i = 0; i < groups->len; i++)
    {
      ConveneGroup *lead_group = g_ptr_array_index (groups, i);
      g_autoptr(ConveneLead) convene_lead = NULL;

      if (group_has_lead (lead_group, person))
        {
          add_issue (self, row, _("%s is already a lead of %s"),
                     lead.name, convene_group_get_name (lead_group));
          continue;
        }

      convene_lead = convene_lead_new (person, CONVENE_ROLE_LEAD);
      convene_group_add_lead (lead_group, convene_lead);
    }
}

static void
import_leads_table (Importer     *self,
                    cmark_node   *table,
                    TableHeader  *header,
                    ConveneGroup *group)
{
  check_columns (self, table, header);

  for (cmark_node *row = cmark_node_next (cmark_node_first_child (table));
       row != NULL;
       row = cmark_node_next (row))
    {
      check_row_width (self, row);
      import_lead_row (self, row, header, group);
    }
}

/* Artifacts tables */

static ConveneLinkKind
artifact_kind (const char *name,
               gboolean   *known)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  *known = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (artifact_kinds); i++)
    {
      if (strcmp (folded, artifact_kinds[i].name) == 0)
        return artifact_kinds[i].kind;
    }

  if (g_str_has_suffix (folded, "wiki"))
    return CONVENE_LINK_WIKI;
  if (contains_word (folded, "slack"))
    return CONVENE_LINK_SLACK;

  *known = FALSE;
  return CONVENE_LINK_OTHER;
}

typedef struct
{
  char *text;
  char *url;
  cmark_node *row;
} VideoCall;

static void
video_call_free (gpointer data)
{
  VideoCall *call = data;

  g_free (call->text);
  g_free (call->url);
  g_free (call);
}

static void
import_artifacts_table (Importer     *self,
                        cmark_node   *table,
                        TableHeader  *header,
                        ConveneGroup *group)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (video_call_free);
  g_autoptr(GPtrArray) calendars = g_ptr_array_new_with_free_func (g_free);
  int artifact_column = -1;
  int link_column = -1;

  check_columns (self, table, header);

  for (guint i = 0; i < header->n_columns; i++)
    {
      if (header->columns[i] == COLUMN_ARTIFACT)
        artifact_column = i;
      else if (header->columns[i] == COLUMN_LINK)
        link_column = i;
    }

  g_assert (artifact_column >= 0 && link_column >= 0);

  for (cmark_node *row = cmark_node_next (cmark_node_first_child (table));
       row != NULL;
       row = cmark_node_next (row))
    {
      cmark_node *link_cell = table_cell (row, link_column);
      g_autofree char *name = node_plain_text (table_cell (row, artifact_column));
      g_autoptr(GPtrArray) links = node_links (link_cell);
      ConveneLinkKind kind;
      gboolean known;

      check_row_width (self, row);

      if (links->len == 0)
        {
          g_autofree char *text = node_plain_text (link_cell);

          add_issue (self, row, _("artifact “%s” has no link (“%s”); row not imported"),
                     name, text);
          continue;
        }

      kind = artifact_kind (name, &known);
      if (!known)
        add_issue (self, row, _("artifact “%s” is not a known kind; imported as another link"),
                   name);

      for (guint i = 0; i < links->len; i++)
        {
          cmark_node *link_node = g_ptr_array_index (links, i);
          g_autofree char *label = node_plain_text (link_node);
          g_autofree char *url = resolve_url (self, link_node, cmark_node_get_url (link_node),
                                              FALSE);
          g_autoptr(ConveneLink) link = NULL;

          if (url == NULL)
            continue;

          link = convene_link_new (kind, is_generic_link_text (label) ? NULL : label, url);
          convene_group_add_link (group, link);

          if (kind == CONVENE_LINK_MEETING && (label == NULL || *g_strstrip (label) == '\0'))
            {
              add_issue (self, link_node,
                         _("the meeting link has no text saying when it meets; "
                           "imported as a link only"));
            }
          else if (kind == CONVENE_LINK_MEETING)
            {
              VideoCall *call = g_new0 (VideoCall, 1);

              call->text = g_strdup (label);
              call->url = g_strdup (url);
              call->row = row;
              g_ptr_array_add (calls, call);
            }
          else if (kind == CONVENE_LINK_CALENDAR)
            {
              g_ptr_array_add (calendars, g_strdup (url));
            }
        }
    }

  /* Each call pairs with the calendar row in the same position, or with
   * the only one */
  for (guint i = 0; i < calls->len; i++)
    {
      VideoCall *call = g_ptr_array_index (calls, i);
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (call->text);
      const char *calendar_url = NULL;

      if (calendars->len > 0)
        calendar_url = g_ptr_array_index (calendars, MIN (i, calendars->len - 1));

      convene_meeting_set_url (meeting, call->url);
      convene_meeting_set_calendar_url (meeting, calendar_url);

      if (!convene_schedule_parse (call->text, meeting))
        add_issue (self, call->row, _("cannot understand the meeting time “%s”"), call->text);

      if (calendar_url != NULL)
        {
          g_autoptr(GDateTime) anchor = convene_schedule_anchor_from_calendar_url (calendar_url);

          if (anchor != NULL)
            convene_meeting_set_anchor (meeting, anchor);
        }

      convene_group_add_meeting (group, meeting);
    }
}

/* Groups tables (2026 layout) */

static void
add_column_links (Importer        *self,
                  ConveneGroup    *group,
                  cmark_node      *cell,
                  ConveneLinkKind  kind,
                  const char      *column)
{
  g_autoptr(GPtrArray) links = node_links (cell);

  if (links->len == 0)
    {
      g_autofree char *text = node_plain_text (cell);

      if (*text != '\0')
        add_issue (self, cell, _("%s of %s: “%s” is not a link; not imported"),
                   column, convene_group_get_name (group), text);
      return;
    }

  for (guint i = 0; i < links->len; i++)
    {
      cmark_node *link_node = g_ptr_array_index (links, i);
      g_autofree char *label = node_plain_text (link_node);
      g_autofree char *url = resolve_url (self, link_node, cmark_node_get_url (link_node), FALSE);
      g_autoptr(ConveneLink) link = NULL;
      ConveneLinkKind link_kind = kind;

      if (url == NULL)
        continue;

      /* The Slack column sometimes holds another kind of link, such as
       * where to report vulnerabilities: it must not get a Slack icon */
      if (kind == CONVENE_LINK_SLACK)
        {
          ConveneLinkKind found;

          if (!classify_url (url, &found) || found != CONVENE_LINK_SLACK)
            {
              link_kind = CONVENE_LINK_OTHER;
              add_issue (self, link_node,
                         _("%s of %s: “%s” is not a Slack link; imported as another link"),
                         column, convene_group_get_name (group), url);
            }
        }

      link = convene_link_new (link_kind, is_generic_link_text (label) ? NULL : label, url);
      convene_group_add_link (group, link);
    }
}

static void
import_groups_table (Importer    *self,
                     cmark_node  *table,
                     TableHeader *header)
{
  int name_column = -1;

  check_columns (self, table, header);

  for (guint i = 0; i < header->n_columns; i++)
    {
      if (header->columns[i] == COLUMN_GROUP)
        name_column = i;
    }

  g_assert (name_column >= 0);

  for (cmark_node *row = cmark_node_next (cmark_node_first_child (table));
       row != NULL;
       row = cmark_node_next (row))
    {
      g_autofree char *name = node_plain_text (table_cell (row, name_column));
      g_autofree char *id = convene_group_make_id (name);
      g_autoptr(ConveneGroup) group = NULL;
      cmark_node *cell;

      check_row_width (self, row);

      if (id == NULL)
        {
          add_issue (self, row, _("this group has no name; row not imported"));
          continue;
        }

      if (convene_registry_lookup_group (self->registry, id) != NULL)
        {
          add_issue (self, row, _("group “%s” appears twice; the second is not imported"), name);
          continue;
        }

      group = convene_group_new (id, name);
      cell = cmark_node_first_child (row);

      for (guint i = 0; i < header->n_columns; i++, cell = cell ? cmark_node_next (cell) : NULL)
        {
          if (cell == NULL)
            continue;

          switch (header->columns[i])
            {
            case COLUMN_GROUP:
              {
                /* A name that links somewhere keeps the link */
                g_autoptr(GPtrArray) links = node_links (cell);

                if (links->len > 0)
                  add_column_links (self, group, cell, CONVENE_LINK_OTHER, name);
              }
              break;

            case COLUMN_DESIGN_DOCS:
              add_column_links (self, group, cell, CONVENE_LINK_FOLDER, _("Design Docs"));
              break;

            case COLUMN_SLACK:
              add_column_links (self, group, cell, CONVENE_LINK_SLACK, _("Slack Channel"));
              break;

            case COLUMN_DESCRIPTION:
              {
                g_autofree char *text = node_plain_text (cell);

                if (*text != '\0')
                  convene_group_set_description (group, text);
              }
              break;

            case COLUMN_UNKNOWN:
            case COLUMN_AVATAR:
            case COLUMN_NAME:
            case COLUMN_COMPANY:
            case COLUMN_PROFILE:
            case COLUMN_GROUPS:
            case COLUMN_ARTIFACT:
            case COLUMN_LINK:
            default:
              break;
            }
        }

      convene_registry_add_group (self->registry, group);
    }
}

/* Blocks */

/* Warns that @node, a block of a kind with no place in the registry here,
 * is left out
 */
static void
warn_block_not_imported (Importer   *self,
                         cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      add_issue (self, node, _("this paragraph is not imported"));
      return;

    case CMARK_NODE_LIST:
      add_issue (self, node, _("this list is not imported"));
      return;

    case CMARK_NODE_CODE_BLOCK:
      add_issue (self, node, _("this code block is not imported"));
      return;

    case CMARK_NODE_BLOCK_QUOTE:
      add_issue (self, node, _("this quotation is not imported"));
      return;

    case CMARK_NODE_HTML_BLOCK:
      add_issue (self, node, _("this HTML block is not imported"));
      return;

    case CMARK_NODE_HEADING:
      add_issue (self, node, _("this heading is not imported"));
      return;

    default:
      break;
    }

  if (node_is (node, "table"))
    add_issue (self, node, _("this table is not imported"));
  else
    add_issue (self, node, _("this block is not imported"));
}

/* A paragraph that ends with ":" right before a list or a table */
static gboolean
is_lead_in (cmark_node *paragraph)
{
  g_autofree char *text = node_plain_text (paragraph);
  cmark_node *next = cmark_node_next (paragraph);

  return g_str_has_suffix (text, ":") && next != NULL &&
         (cmark_node_get_type (next) == CMARK_NODE_LIST || node_is (next, "table"));
}

static gboolean
is_html_comment (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  g_autofree char *stripped = g_strstrip (g_strdup (literal ? literal : ""));

  return g_str_has_prefix (stripped, "<!--") && g_str_has_suffix (stripped, "-->");
}

/* Handles the blocks that carry no data wherever they stand: headings and
 * rules are skipped, comments too, and other HTML is reported. Returns
 * whether @node was one of them.
 */
static gboolean
skip_layout_block (Importer   *self,
                   cmark_node *node,
                   gboolean    headings)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      return headings;

    case CMARK_NODE_THEMATIC_BREAK:
      return TRUE;

    case CMARK_NODE_HTML_BLOCK:
      if (!is_html_comment (node))
        warn_block_not_imported (self, node);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A list whose items are only links to anchors of this file */
static gboolean
collect_table_of_contents (Importer   *self,
                           cmark_node *list)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (list);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int)cmark_node_get_type (cur))
        {
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_PARAGRAPH:
          break;

        case CMARK_NODE_LINK:
          {
            const char *url = cmark_node_get_url (cur);

            if (url == NULL || url[0] != '#')
              return FALSE;
            g_ptr_array_add (links, cur);
            cmark_iter_reset (iter, cur, CMARK_EVENT_EXIT);
          }
          break;

        case CMARK_NODE_TEXT:
          {
            g_autofree char *text = normalize_space (cmark_node_get_literal (cur));

            if (*text != '\0')
              return FALSE;
          }
          break;

        default:
          return FALSE;
        }
    }

  if (links->len == 0)
    return FALSE;

  g_ptr_array_extend (self->toc_links, links, NULL, NULL);
  return TRUE;
}

/* The link that gives the design docs location (see the top comment) */
static cmark_node *
find_design_docs_link (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    {
      g_autofree char *text = node_plain_text (g_ptr_array_index (links, i));
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (g_str_has_suffix (folded, "drive") || g_str_has_suffix (folded, "folder"))
        return g_ptr_array_index (links, i);
    }

  for (guint i = 0; i < links->len; i++)
    {
      ConveneLinkKind kind;

      if (classify_url (cmark_node_get_url (g_ptr_array_index (links, i)), &kind) &&
          kind == CONVENE_LINK_FOLDER)
        return g_ptr_array_index (links, i);
    }

  return NULL;
}

static void
import_preamble_paragraph (Importer   *self,
                           cmark_node *paragraph)
{
  g_autofree char *text = node_plain_text (paragraph);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (is_lead_in (paragraph))
    return;

  if (strstr (folded, "new group") != NULL || strstr (folded, "new working group") != NULL)
    {
      append_rich_paragraph (self, self->new_group, paragraph);
      return;
    }

  append_rich_paragraph (self, self->intro, paragraph);

  if (strstr (folded, "design doc") != NULL &&
      convene_community_get_design_docs_url (self->community) == NULL)
    {
      g_autoptr(GPtrArray) links = node_links (paragraph);
      cmark_node *link = find_design_docs_link (links);
      g_autofree char *url = NULL;

      if (link == NULL)
        {
          add_issue (self, paragraph,
                     _("this paragraph is about design docs but links to no folder"));
          return;
        }

      url = resolve_url (self, link, cmark_node_get_url (link), FALSE);
      if (url != NULL)
        convene_community_set_design_docs_url (self->community, url);
    }
}

static void
import_preamble_block (Importer   *self,
                       cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      import_preamble_paragraph (self, node);
      return;

    case CMARK_NODE_LIST:
      if (!collect_table_of_contents (self, node))
        warn_block_not_imported (self, node);
      return;

    default:
      if (skip_layout_block (self, node, FALSE))
        return;
      break;
    }

  if (node_is (node, "table"))
    {
      g_autoptr(TableHeader) header = table_header_new (self, node);

      if (header->kind == TABLE_GROUPS)
        {
          self->layout = LAYOUT_TABLE;
          import_groups_table (self, node, header);
        }
      else
        {
          add_issue (self, node, _("this table is not a working groups table; not imported"));
        }
      return;
    }

  warn_block_not_imported (self, node);
}

/* Sections (2017 layout): one per group */

static void
import_group_section (Importer   *self,
                      cmark_node *heading,
                      cmark_node *end)
{
  g_autofree char *name = node_plain_text (heading);
  g_autofree char *id = convene_group_make_id (name);
  g_autoptr(ConveneGroup) group = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  gboolean has_topics = FALSE;
  gboolean has_table = FALSE;

  if (id == NULL)
    {
      add_issue (self, heading, _("section “%s” has no letters or digits in its title; "
                                  "not imported"), name);
      return;
    }

  if (convene_registry_lookup_group (self->registry, id) != NULL)
    {
      add_issue (self, heading, _("group “%s” appears twice; the second is not imported"), name);
      return;
    }

  group = convene_group_new (id, name);

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      switch ((int)cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          {
            g_autofree char *text = node_plain_text (node);

            if (is_lead_in (node))
              break;

            if (!has_topics && !has_table && !is_sentence (text))
              {
                g_auto(GStrv) topics = split_topics (text);

                convene_group_set_topics (group, (const char * const *)topics);
                has_topics = TRUE;
              }
            else
              {
                if (description->len > 0)
                  g_string_append (description, "\n\n");
                g_string_append (description, text);
              }
          }
          continue;

        default:
          if (skip_layout_block (self, node, TRUE))
            continue;
          break;
        }

      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind == TABLE_ARTIFACTS)
            {
              import_artifacts_table (self, node, header, group);
              has_table = TRUE;
            }
          else if (header->kind == TABLE_LEADS)
            {
              import_leads_table (self, node, header, group);
              has_table = TRUE;
            }
          else
            {
              add_issue (self, node, _("this table is neither an artifacts nor a leads table; "
                                       "not imported"));
            }
          continue;
        }

      warn_block_not_imported (self, node);
    }

  if (!has_table)
    {
      add_issue (self, heading,
                 _("section “%s” has no artifacts or leads table, so it is not a working "
                   "group; not imported"),
                 name);
      return;
    }

  if (description->len > 0)
    convene_group_set_description (group, description->str);

  convene_registry_add_group (self->registry, group);
}

/* Sections (2026 layout): the shared meeting */

/* Finds the schedule phrase in @text: from the first weekday ("every
 * other" included) to the end of its sentence.
 */
static gboolean
find_schedule_phrase (const char *text,
                      gsize      *start,
                      gsize      *end,
                      guint      *cadence_weeks)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  gsize len = strlen (lower);
  gsize sentence = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (lower[i] == '.' && (lower[i + 1] == ' ' || lower[i + 1] == '\0'))
        sentence = i + 1;

      if (i > 0 && g_ascii_isalnum (lower[i - 1]))
        continue;

      for (guint d = 0; d < G_N_ELEMENTS (weekdays); d++)
        {
          gsize day_len = strlen (weekdays[d]);
          gsize after = i + day_len;
          gsize j;
          g_autofree char *sentence_text = NULL;

          if (strncmp (lower + i, weekdays[d], day_len) != 0)
            continue;
          if (lower[after] == 's')
            after++;
          if (g_ascii_isalnum (lower[after]))
            continue;

          *start = i;
          if (i >= 12 && strncmp (lower + i - 12, "every other ", 12) == 0)
            *start = i - 12;
          else if (i >= 6 && strncmp (lower + i - 6, "every ", 6) == 0)
            *start = i - 6;

          /* The sentence ends at ". " (not the dots of "a.m."), ";" or the end */
          for (j = after; j < len; j++)
            {
              if (lower[j] == ';' || lower[j] == '\n')
                break;
              if (lower[j] == '.' && (lower[j + 1] == ' ' || lower[j + 1] == '\0') &&
                  !(j >= 3 && lower[j - 1] == 'm' && lower[j - 2] == '.' &&
                    (lower[j - 3] == 'a' || lower[j - 3] == 'p')))
                break;
            }
          while (j > *start && (lower[j - 1] == ' ' || lower[j - 1] == ','))
            j--;
          *end = j;

          /* The cadence may stand outside the phrase: "share a weekly
           * meeting, on Wednesdays at 9:00 AM PST" */
          sentence_text = g_strndup (lower + sentence, j - sentence);
          if (contains_word (sentence_text, "biweekly") ||
              strstr (sentence_text, "every other") != NULL ||
              strstr (sentence_text, "every two weeks") != NULL)
            *cadence_weeks = 2;
          else if (contains_word (sentence_text, "weekly"))
            *cadence_weeks = 1;
          else
            *cadence_weeks = 0;

          return TRUE;
        }
    }

  return FALSE;
}

static void
find_meeting_in_paragraph (Importer      *self,
                           cmark_node    *paragraph,
                           SharedMeeting *shared)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (paragraph);
  g_autoptr(GString) flat = g_string_new (NULL);
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree char *phrase = NULL;
  cmark_event_type event;
  gsize start, end;
  guint cadence;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);
      Segment segment = { flat->len, cur };

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int)cmark_node_get_type (cur))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_array_append_val (segments, segment);
          g_string_append (flat, cmark_node_get_literal (cur));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (flat, ' ');
          break;

        default:
          break;
        }
    }

  if (!find_schedule_phrase (flat->str, &start, &end, &cadence))
    return;

  phrase = g_strndup (flat->str + start, end - start);
  shared->text = normalize_space (phrase);
  shared->cadence_weeks = cadence;

  for (guint i = segments->len; i > 0; i--)
    {
      Segment *segment = &g_array_index (segments, Segment, i - 1);

      if (segment->offset <= start)
        {
          shared->line = node_line (segment->node);
          shared->column = cmark_node_get_start_column (segment->node) + (start - segment->offset);
          break;
        }
    }
}

static void
import_meeting_link (Importer      *self,
                     cmark_node    *link_node,
                     SharedMeeting *shared)
{
  g_autofree char *label = node_plain_text (link_node);
  g_autofree char *url = resolve_url (self, link_node, cmark_node_get_url (link_node), TRUE);
  g_autoptr(ConveneLink) link = NULL;
  ConveneLinkKind kind;

  if (url == NULL)
    return;

  if (!classify_url (url, &kind))
    {
      kind = CONVENE_LINK_OTHER;
      add_issue (self, link_node, _("the meetings section links to “%s”, which is neither a "
                                    "call, notes nor a calendar; imported as another link"), url);
    }

  if (kind == CONVENE_LINK_MEETING && shared->url == NULL)
    {
      shared->url = g_steal_pointer (&url);
      return;
    }

  if (kind == CONVENE_LINK_CALENDAR)
    {
      if (is_ics_url (url) && shared->ics_url == NULL)
        shared->ics_url = g_strdup (url);
      if (shared->calendar_url == NULL)
        shared->calendar_url = g_strdup (url);
    }

  link = convene_link_new (kind, is_generic_link_text (label) ? NULL : label, url);
  convene_community_add_link (self->community, link);
}

static void
import_meetings_section (Importer   *self,
                         cmark_node *heading,
                         cmark_node *end)
{
  SharedMeeting shared = { NULL, };
  g_autoptr(ConveneMeeting) meeting = NULL;
  const char *calendar_url;
  gboolean parsed;

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      g_autoptr(cmark_iter) iter = NULL;
      cmark_event_type event;

      if (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK && is_html_comment (node))
        continue;

      if (cmark_node_get_type (node) != CMARK_NODE_PARAGRAPH &&
          cmark_node_get_type (node) != CMARK_NODE_LIST)
        {
          warn_block_not_imported (self, node);
          continue;
        }

      iter = cmark_iter_new (node);
      while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        {
          cmark_node *cur = cmark_iter_get_node (iter);

          if (event != CMARK_EVENT_ENTER)
            continue;

          if (cmark_node_get_type (cur) == CMARK_NODE_PARAGRAPH && shared.text == NULL)
            find_meeting_in_paragraph (self, cur, &shared);
          else if (cmark_node_get_type (cur) == CMARK_NODE_LINK)
            import_meeting_link (self, cur, &shared);
        }
    }

  if (shared.text == NULL)
    {
      g_autofree char *title = node_plain_text (heading);

      add_issue (self, heading, _("section “%s” gives no meeting day and time"), title);
      if (shared.url != NULL)
        {
          g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_MEETING, NULL, shared.url);

          convene_community_add_link (self->community, link);
        }
      goto out;
    }

  calendar_url = shared.ics_url ? shared.ics_url : shared.calendar_url;
  meeting = convene_meeting_new (shared.text);
  convene_meeting_set_url (meeting, shared.url);
  convene_meeting_set_calendar_url (meeting, calendar_url);

  parsed = convene_schedule_parse (shared.text, meeting);

  /* The cadence the sentence gave outside the phrase fills the gap */
  if (shared.cadence_weeks > 0 &&
      convene_meeting_get_interval_weeks (meeting) == 0 &&
      convene_meeting_get_week_of_month (meeting) == 0)
    convene_meeting_set_interval_weeks (meeting, shared.cadence_weeks);

  if (!parsed && !convene_meeting_has_schedule (meeting))
    add_issue_at (self, shared.line, shared.column, _("cannot understand the meeting time “%s”"),
                  shared.text);

  if (calendar_url != NULL)
    {
      g_autoptr(GDateTime) anchor = convene_schedule_anchor_from_calendar_url (calendar_url);

      if (anchor != NULL)
        convene_meeting_set_anchor (meeting, anchor);
    }

  convene_community_add_meeting (self->community, meeting);

out:
  g_free (shared.text);
  g_free (shared.url);
  g_free (shared.calendar_url);
  g_free (shared.ics_url);
}

/* Sections (2026 layout): the leads, and anything else */

static void
import_community_section (Importer   *self,
                          cmark_node *heading,
                          cmark_node *end)
{
  g_autofree char *title = node_plain_text (heading);
  g_autofree char *folded = g_utf8_casefold (title, -1);
  gboolean has_leads = FALSE;

  if (strstr (folded, "meeting") != NULL)
    {
      import_meetings_section (self, heading, end);
      return;
    }

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind == TABLE_LEADS)
            has_leads = TRUE;
        }
    }

  if (!has_leads)
    {
      add_issue (self, heading, _("section “%s” is not imported"), title);
      return;
    }

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      switch ((int)cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          if (!is_lead_in (node))
            warn_block_not_imported (self, node);
          continue;

        default:
          if (skip_layout_block (self, node, TRUE))
            continue;
          break;
        }

      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind != TABLE_LEADS)
            add_issue (self, node, _("this table is not a leads table; not imported"));
          else if (!table_has_column (header, COLUMN_GROUPS))
            add_issue (self, node, _("this leads table has no Groups column; not imported"));
          else
            import_leads_table (self, node, header, NULL);
          continue;
        }

      warn_block_not_imported (self, node);
    }
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
    }

  if (name == NULL || *name == '\0')
    {
      g_autofree char *base = filename ? g_path_get_basename (filename) : NULL;
      char *dot = base ? strrchr (base, '.') : NULL;

      /* A registry needs a community name: take the file's */
      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (name);
      name = (base != NULL && *base != '\0' && strcmp (base, ".") != 0 && strcmp (base, "/") != 0)
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
 * Reads @path and imports it with convene_markdown_import().
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set (a #G_FILE_ERROR naming @path when it cannot be read)
 */
ConveneRegistry *
convene_markdown_import_file (const char  *path,
                              const char  *base_url,
                              GPtrArray  **issues,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issues != NULL)
    *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);

  /* Refuse a huge file before reading it */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) &&
      (guint64)st.st_size > CONVENE_MARKDOWN_MAX_SIZE)
    {
      set_too_large_error (error, st.st_size);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (issues != NULL)
    g_clear_pointer (issues, g_ptr_array_unref);

  return convene_markdown_import (contents, length, path, base_url, issues, error);
}
