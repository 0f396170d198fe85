/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"
#include "convene-url.h"

#include <string.h>

/* What every part of the importer leans on: issues located in the file,
 * text clean-up, walking cmark nodes for their text, links and images, URLs
 * made absolute and classified, and paragraphs turned into rich text. */

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
void
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

void
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

/* Whether @text is at most @max_chars characters long, a limit of
 * convene-limits.h. The importer keeps to the loader's limits, so that
 * what it writes loads; a longer text is left out with a warning at
 * @node that names it (@what, such as "the company").
 */
gboolean
text_fits (Importer   *self,
           cmark_node *node,
           const char *what,
           const char *text,
           guint       max_chars)
{
  guint n = 0;

  g_assert (what != NULL);

  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (++n > max_chars)
        {
          add_issue (self, node,
                     /* Translators: %s says what, such as "the company" */
                     ngettext ("%s is longer than %u character; not imported",
                               "%s is longer than %u characters; not imported", max_chars),
                     what, max_chars);
          return FALSE;
        }
    }

  return TRUE;
}

/* Text helpers */

/* Collapses every run of white space (no-break spaces included, since
 * Istio pads cells with "&nbsp;") into one space, and trims the ends.
 */
char *
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

gboolean
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

gboolean
is_sentence (const char *text)
{
  gsize len = strlen (text);

  return len > 0 && strchr (".!?", text[len - 1]) != NULL;
}

char **
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

/* Link texts that say nothing about the link; such links get no label */
static const char * const generic_link_texts[] = {
  "here", "this", "link", "this link", "click here",
};

gboolean
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

/* The label a link keeps: none when its text says nothing of its own
 * ("link", "here") or is too long to be a label.
 */
const char *
link_label (Importer   *self,
            cmark_node *link,
            const char *text)
{
  if (text == NULL || is_generic_link_text (text))
    return NULL;

  if (!text_fits (self, link, _("the link text"), text, CONVENE_MAX_LABEL))
    return NULL;

  return text;
}

/* The anchor GitHub gives a heading: lower case, punctuation dropped,
 * spaces turned into dashes.
 */
char *
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

/* Node helpers */

gboolean
node_is (cmark_node *node,
         const char *type_string)
{
  return node != NULL && g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

guint
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
char *
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
GPtrArray *
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
char *
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

/* URLs */

/* Makes @url absolute. A relative link is resolved against the base URL;
 * without one it cannot be followed, so it is warned about and %NULL is
 * returned. Links to "#anchors" return %NULL quietly when @quiet_fragments.
 */
char *
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

gboolean
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

gboolean
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
void
append_rich_paragraph (Importer        *self,
                       ConveneRichText *text,
                       cmark_node      *paragraph)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (paragraph);
  g_autofree char *plain = node_plain_text (paragraph);
  cmark_event_type event;

  if (!text_fits (self, paragraph, _("the paragraph"), plain, CONVENE_MAX_PARAGRAPH))
    return;

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
