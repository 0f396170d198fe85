/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "convene-registry-loader-private.h"
#include "convene-json-scan-private.h"
#include "convene-url.h"

/* How a load reports what is wrong: each issue names the JSON path of
 * the value it is about; the typed member reads below report a missing
 * or mistyped member themselves, so the member loaders only check
 * meaning. Once the document is read, one more scan of the text gives
 * each issue its line and column, so an issue prints as
 * FILE:LINE:COL: PATH: message.
 */

/* More issues than this only bury the first ones. */
#define MAX_ISSUES 1000

/* Reporting */

/* Records an issue about @path, found at the value of @locate (usually
 * @path itself; the enclosing object when @path is missing).
 */
void
loader_report (Loader          *self,
               ConveneSeverity  severity,
               const char      *path,
               const char      *locate,
               const char      *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (severity == CONVENE_SEVERITY_ERROR)
    self->n_errors++;

  if (self->issues->len >= MAX_ISSUES)
    {
      if (!self->too_many)
        {
          g_autofree char *note =
            g_strdup_printf (_("too many problems; only the first %u are listed"), MAX_ISSUES);

          self->too_many = TRUE;
          g_ptr_array_add (self->issues,
                           convene_issue_new (CONVENE_SEVERITY_WARNING, self->filename,
                                              0, 0, NULL, note));
          g_ptr_array_add (self->locations, NULL);
        }
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->issues,
                   convene_issue_new (severity, self->filename, 0, 0, path, message));
  g_ptr_array_add (self->locations, g_strdup (locate));
}

const char *
loader_describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      /* JSON keywords are not translated. */
      return json_node_get_boolean (node) ? "true" : "false";
    case G_TYPE_DOUBLE:
      return _("a decimal number");
    case G_TYPE_INT64:
    default:
      return _("a number");
    }
}

void
loader_report_type (Loader     *self,
                    const char *path,
                    JsonNode   *node,
                    Expected    expected)
{
  /* Translators: in each message, %s describes a JSON value, such as
   * "an array" or "a number".
   */
  switch (expected)
    {
    case EXPECT_STRING:
      loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                     _("expected a string, found %s"), loader_describe_node (node));
      break;
    case EXPECT_INTEGER:
      loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                     _("expected a whole number, found %s"), loader_describe_node (node));
      break;
    case EXPECT_ARRAY:
      loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                     _("expected an array, found %s"), loader_describe_node (node));
      break;
    case EXPECT_OBJECT:
      loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                     _("expected an object, found %s"), loader_describe_node (node));
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
loader_node_has_type (JsonNode *node,
                      Expected  expected)
{
  switch (expected)
    {
    case EXPECT_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case EXPECT_INTEGER:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case EXPECT_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case EXPECT_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      g_assert_not_reached ();
    }
}

/* Member access */

/* Returns the member @name of @object when present and of the @expected
 * type, reporting a missing required member or a wrong type. A null
 * optional member counts as absent.
 */
JsonNode *
loader_get_member (Loader      *self,
                   JsonObject  *object,
                   const char  *parent,
                   const char  *name,
                   Expected     expected,
                   MemberFlags  flags)
{
  g_autofree char *path = convene_json_path_member (parent, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      if (flags & REQUIRED)
        loader_report (self, CONVENE_SEVERITY_ERROR, path, parent,
                       _("required member is missing"));
      return NULL;
    }

  if (JSON_NODE_HOLDS_NULL (node) && !(flags & REQUIRED))
    return NULL;

  if (!loader_node_has_type (node, expected))
    {
      loader_report_type (self, path, node, expected);
      return NULL;
    }

  return node;
}

static gboolean
is_blank (const char *str)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Returns whether @str has at most @max_chars characters; reports it
 * when not. Counts no further than the limit.
 */
gboolean
loader_check_length (Loader     *self,
                     const char *path,
                     const char *str,
                     guint       max_chars)
{
  guint n = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (++n > max_chars)
        {
          loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                         ngettext ("too long: at most %u character is allowed",
                                   "too long: at most %u characters are allowed", max_chars),
                         max_chars);
          return FALSE;
        }
    }

  return TRUE;
}

const char *
loader_get_string (Loader      *self,
                   JsonObject  *object,
                   const char  *parent,
                   const char  *name,
                   MemberFlags  flags,
                   guint        max_chars)
{
  JsonNode *node = loader_get_member (self, object, parent, name, EXPECT_STRING, flags);
  const char *str;

  if (node == NULL)
    return NULL;

  str = json_node_get_string (node);
  if ((flags & NOT_EMPTY) && is_blank (str))
    {
      g_autofree char *path = convene_json_path_member (parent, name);

      loader_report (self, CONVENE_SEVERITY_ERROR, path, path, _("must not be empty"));
      return NULL;
    }

  if (max_chars > 0)
    {
      g_autofree char *path = convene_json_path_member (parent, name);

      if (!loader_check_length (self, path, str, max_chars))
        return NULL;
    }

  return str;
}

JsonArray *
loader_get_array (Loader      *self,
                  JsonObject  *object,
                  const char  *parent,
                  const char  *name,
                  MemberFlags  flags)
{
  JsonNode *node = loader_get_member (self, object, parent, name, EXPECT_ARRAY, flags);

  return node != NULL ? json_node_get_array (node) : NULL;
}

JsonObject *
loader_get_object (Loader      *self,
                   JsonObject  *object,
                   const char  *parent,
                   const char  *name,
                   MemberFlags  flags)
{
  JsonNode *node = loader_get_member (self, object, parent, name, EXPECT_OBJECT, flags);

  return node != NULL ? json_node_get_object (node) : NULL;
}

/* Returns the element @index of @array as an object, or %NULL after
 * reporting that it is not one.
 */
JsonObject *
loader_get_element_object (Loader     *self,
                           JsonArray  *array,
                           guint       index,
                           const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loader_report_type (self, path, node, EXPECT_OBJECT);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Returns whether @url is one the app may open (see convene-url.c);
 * reports why not.
 */
static gboolean
check_url (Loader     *self,
           const char *path,
           const char *url)
{
  g_autoptr(GError) error = NULL;

  if (convene_url_check (url, &error))
    return TRUE;

  loader_report (self, CONVENE_SEVERITY_ERROR, path, path, "%s", error->message);
  return FALSE;
}

const char *
loader_get_url (Loader      *self,
                JsonObject  *object,
                const char  *parent,
                const char  *name,
                MemberFlags  flags)
{
  /* convene_url_check() bounds the length. */
  const char *url = loader_get_string (self, object, parent, name, flags | NOT_EMPTY, 0);
  g_autofree char *path = NULL;

  if (url == NULL)
    return NULL;

  path = convene_json_path_member (parent, name);
  return check_url (self, path, url) ? url : NULL;
}

/* Returns whether an integer member in [@min, @max] is present; reports
 * one out of range.
 */
gboolean
loader_get_int (Loader     *self,
                JsonObject *object,
                const char *parent,
                const char *name,
                int         min,
                int         max,
                gint64     *value)
{
  JsonNode *node = loader_get_member (self, object, parent, name, EXPECT_INTEGER, 0);

  if (node == NULL)
    return FALSE;

  *value = json_node_get_int (node);
  if (*value < min || *value > max)
    {
      g_autofree char *path = convene_json_path_member (parent, name);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *value);

      loader_report (self, CONVENE_SEVERITY_ERROR, path, path,
                     /* Translators: “7 is out of range; it must be from -1 to 5” */
                     _("%s is out of range; it must be from %d to %d"),
                     number, min, max);
      return FALSE;
    }

  return TRUE;
}

/* Locating */

/* Fills in the line and column of every issue by scanning the text once
 * more, this time following the paths.
 */
void
loader_locate_issues (Loader     *self,
                      const char *text,
                      gsize       length)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ConveneJsonScanner s;

  for (guint i = 0; i < self->locations->len; i++)
    {
      const char *locate = g_ptr_array_index (self->locations, i);

      if (locate != NULL && !g_hash_table_contains (wanted, locate))
        g_hash_table_insert (wanted, (char *)locate, g_new0 (ConveneJsonPosition, 1));
    }

  if (g_hash_table_size (wanted) == 0)
    return;

  convene_json_scanner_init (&s, text, length, wanted);
  convene_json_scanner_run (&s);
  convene_json_scanner_clear (&s);

  for (guint i = 0; i < self->issues->len; i++)
    {
      ConveneIssue *issue = g_ptr_array_index (self->issues, i);
      const char *locate = g_ptr_array_index (self->locations, i);
      ConveneJsonPosition *pos = locate != NULL ? g_hash_table_lookup (wanted, locate) : NULL;

      if (pos != NULL)
        {
          issue->line = pos->line;
          issue->column = pos->column;
        }
    }
}

/* Adds the one issue that stops a load before its content is read. */
void
loader_report_at (Loader               *self,
                  ConveneRegistryError  code,
                  guint                 line,
                  guint                 column,
                  const char           *message)
{
  self->n_errors++;
  self->code = code;
  g_ptr_array_add (self->issues,
                   convene_issue_new (CONVENE_SEVERITY_ERROR, self->filename,
                                      line, column, NULL, message));
  g_ptr_array_add (self->locations, NULL);
}

void
loader_report_too_large (Loader *self,
                         gsize   size)
{
  g_autofree char *size_str = g_format_size (size);
  g_autofree char *limit_str = g_format_size_full (CONVENE_REGISTRY_MAX_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message =
    g_strdup_printf (_("the file is too large (%s); a registry may be at most %s"),
                     size_str, limit_str);

  loader_report_at (self, CONVENE_REGISTRY_ERROR_TOO_LARGE, 0, 0, message);
}
