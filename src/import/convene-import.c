/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convene-import.h"
#include "convene-icalendar.h"
#include "convene-kubernetes.h"
#include "convene-markdown.h"
#include "convene-registry-loader.h"

/* One way in for every format a community publishes: the command line's
 * --import and the registry sources hand over bytes, a format (or
 * CONVENE_IMPORT_FORMAT_DETECT) and the base URL of relative links, and
 * get back a registry and the issues found, each located in the input.
 *
 * Detection looks at the content first, so that a file saved under any
 * name imports: a JSON object with "format_version", BEGIN:VCALENDAR, a
 * YAML document with one of sigs.yaml's or tags.yaml's top-level keys, a
 * Markdown heading. Only when the content says nothing does the name's
 * extension decide.
 */

G_DEFINE_QUARK (convene-import-error-quark, convene_import_error)

static const char * const format_names[] = {
  NULL, "convene-json", "istio-markdown", "kubernetes-sigs", "icalendar",
};

G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == CONVENE_IMPORT_FORMAT_ICALENDAR + 1);

/* How much of the beginning detection looks at */
#define DETECT_WINDOW (64 * 1024)

/**
 * convene_import_format_to_string:
 * @format: a #ConveneImportFormat
 *
 * Returns: (nullable): the name the command line uses for @format, such as
 *   "kubernetes-sigs"; %NULL for %CONVENE_IMPORT_FORMAT_DETECT
 */
const char *
convene_import_format_to_string (ConveneImportFormat format)
{
  g_return_val_if_fail (format <= CONVENE_IMPORT_FORMAT_ICALENDAR, NULL);
  return format_names[format];
}

/**
 * convene_import_format_from_string:
 * @str: a format name: convene-json, istio-markdown, kubernetes-sigs or icalendar
 * @format: (out): the format
 *
 * Returns: %TRUE if @str names a format
 */
gboolean
convene_import_format_from_string (const char          *str,
                                   ConveneImportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = CONVENE_IMPORT_FORMAT_CONVENE_JSON; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_strcmp0 (str, format_names[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * convene_import_format_get_max_size:
 * @format: a #ConveneImportFormat
 *
 * Returns: the largest input @format's importer reads, in bytes; for
 *   %CONVENE_IMPORT_FORMAT_DETECT the largest of all, so that a reader
 *   may bound what it reads before the format is known
 */
gsize
convene_import_format_get_max_size (ConveneImportFormat format)
{
  switch (format)
    {
    case CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN:
      return CONVENE_MARKDOWN_MAX_SIZE;
    case CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS:
      return CONVENE_KUBERNETES_MAX_SIZE;
    case CONVENE_IMPORT_FORMAT_ICALENDAR:
    case CONVENE_IMPORT_FORMAT_CONVENE_JSON:
    case CONVENE_IMPORT_FORMAT_DETECT:
    default:
      return CONVENE_REGISTRY_MAX_SIZE;
    }
}

/* Whether some line of @text (up to @end) starts with @prefix */
static gboolean
has_line_starting (const char *text,
                   const char *end,
                   const char *prefix)
{
  gsize n = strlen (prefix);

  for (const char *line = text; line < end; )
    {
      const char *next = memchr (line, '\n', end - line);

      if ((gsize)(end - line) >= n && strncmp (line, prefix, n) == 0)
        return TRUE;
      if (next == NULL)
        break;
      line = next + 1;
    }

  return FALSE;
}

static ConveneImportFormat
detect_from_content (const char *text,
                     gsize       length)
{
  static const char * const yaml_keys[] = {
    "sigs:", "workinggroups:", "usergroups:", "committees:", "tags:",
  };
  const char *end = text + MIN (length, DETECT_WINDOW);
  const char *p = text;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;

  if (p < end && *p == '{' && g_strstr_len (p, end - p, "\"format_version\"") != NULL)
    return CONVENE_IMPORT_FORMAT_CONVENE_JSON;

  if ((gsize)(end - p) >= 15 && g_ascii_strncasecmp (p, "BEGIN:VCALENDAR", 15) == 0)
    return CONVENE_IMPORT_FORMAT_ICALENDAR;

  /* Before Markdown: a YAML comment looks like a heading */
  for (guint i = 0; i < G_N_ELEMENTS (yaml_keys); i++)
    if (has_line_starting (text, end, yaml_keys[i]))
      return CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS;

  if (has_line_starting (text, end, "# ") || has_line_starting (text, end, "## "))
    return CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN;

  return CONVENE_IMPORT_FORMAT_DETECT;
}

static ConveneImportFormat
detect_from_name (const char *name)
{
  static const struct {
    const char *suffix;
    ConveneImportFormat format;
  } suffixes[] = {
    { ".json", CONVENE_IMPORT_FORMAT_CONVENE_JSON },
    { ".md", CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN },
    { ".markdown", CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN },
    { ".yaml", CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { ".yml", CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { ".ics", CONVENE_IMPORT_FORMAT_ICALENDAR },
    { ".ical", CONVENE_IMPORT_FORMAT_ICALENDAR },
  };
  g_autofree char *down = NULL;
  g_autofree char *path = NULL;
  const char *query;

  if (name == NULL)
    return CONVENE_IMPORT_FORMAT_DETECT;

  /* A URL's query and fragment are not part of the name */
  query = strpbrk (name, "?#");
  path = query != NULL && strstr (name, "://") != NULL ? g_strndup (name, query - name)
                                                       : g_strdup (name);
  down = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (down, suffixes[i].suffix))
      return suffixes[i].format;

  return CONVENE_IMPORT_FORMAT_DETECT;
}

/**
 * convene_import_detect:
 * @text: the beginning of the input, or all of it
 * @length: its length in bytes
 * @name: (nullable): the file name or URL it came from
 *
 * Tells the format of an input from its content (a JSON object with
 * "format_version"; BEGIN:VCALENDAR; YAML with a top-level sigs:,
 * workinggroups:, usergroups:, committees: or tags:; a Markdown heading),
 * or when the content does not say, from the extension of @name.
 *
 * Returns: the format, or %CONVENE_IMPORT_FORMAT_DETECT when neither says
 */
ConveneImportFormat
convene_import_detect (const char *text,
                       gsize       length,
                       const char *name)
{
  ConveneImportFormat format;

  g_return_val_if_fail (text != NULL || length == 0, CONVENE_IMPORT_FORMAT_DETECT);

  format = text != NULL ? detect_from_content (text, length) : CONVENE_IMPORT_FORMAT_DETECT;
  if (format == CONVENE_IMPORT_FORMAT_DETECT)
    format = detect_from_name (name);

  return format;
}

/**
 * convene_import:
 * @bytes: the input
 * @format: its format, or %CONVENE_IMPORT_FORMAT_DETECT
 * @name: (nullable): the file name or URL it came from: issues are
 *   reported against it, and detection falls back to its extension
 * @base_url: (nullable): where relative links are resolved (Markdown,
 *   sigs.yaml); ignored by formats without relative links
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found, errors and warnings, located in the input
 * @error: return location for a #GError
 *
 * Imports @bytes as @format: a Convene registry is loaded and checked as
 * convene_registry_load_from_bytes() does, the other formats are
 * converted. The one dispatch for the command line and registry sources.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set: %CONVENE_IMPORT_ERROR_UNKNOWN_FORMAT when the format cannot be
 *   told, or the importer's own error
 */
ConveneRegistry *
convene_import (GBytes               *bytes,
                ConveneImportFormat   format,
                const char           *name,
                const char           *base_url,
                GPtrArray           **issues,
                GError              **error)
{
  const char *text;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format <= CONVENE_IMPORT_FORMAT_ICALENDAR, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";

  if (format == CONVENE_IMPORT_FORMAT_DETECT)
    format = convene_import_detect (text, length, name);

  switch (format)
    {
    case CONVENE_IMPORT_FORMAT_CONVENE_JSON:
      return convene_registry_load_from_bytes (bytes, name, issues, error);

    case CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN:
      return convene_markdown_import (text, length, name, base_url, issues, error);

    case CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS:
      return convene_kubernetes_import (text, length, name, base_url, issues, error);

    case CONVENE_IMPORT_FORMAT_ICALENDAR:
      return convene_icalendar_import (text, length, name, base_url, issues, error);

    case CONVENE_IMPORT_FORMAT_DETECT:
    default:
      if (issues != NULL)
        *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
      g_set_error_literal (error, CONVENE_IMPORT_ERROR, CONVENE_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("the format cannot be told from the content or the name; name "
                             "it: convene-json, istio-markdown, kubernetes-sigs or icalendar"));
      return NULL;
    }
}
