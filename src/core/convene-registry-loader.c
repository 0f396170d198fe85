/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "convene-registry-loader.h"
#include "convene-url.h"

/* Reading a registry file (format v1, docs/registry-format.md) into a
 * #ConveneRegistry, checking everything on the way and reporting every
 * problem with its place in the file.
 *
 * The bytes go through three gates before json-glib sees them: the size
 * limit, UTF-8 validation, and a strict scan of the JSON syntax that also
 * bounds the nesting (json-glib 1.6 parses recursively and overflows the
 * stack on deep input; it also accepts comments, single quotes and
 * trailing garbage, and gives no usable positions). json-glib then builds
 * the tree, the tree is checked against the format, and the same scanner
 * runs once more to find the line and column of each problem by its JSON
 * path, which json-glib does not keep.
 */

/* More issues than this only bury the first ones. */
#define MAX_ISSUES 1000

/* Reading a file goes in chunks of this size. */
#define READ_CHUNK (64 * 1024)

typedef struct
{
  guint line;
  guint column;
} Position;

typedef struct
{
  gboolean object;
  guint index;
  gsize path_len;
} Frame;

/* An iterative scanner of strict JSON (RFC 8259). It checks the syntax
 * and the depth, and when @wanted is set it records the position of the
 * start of each value whose path is a key of @wanted.
 */
typedef struct
{
  const char *text;
  const char *end;
  const char *p;

  /* The current line, and the number of characters from its start to
   * col_ptr, so that positions cost nothing on the way forward.
   */
  guint line;
  const char *col_ptr;
  guint col;

  GHashTable *wanted;   /* path → Position */
  GString *path;
  GString *key;

  const char *error_at;
  char *error_message;
  ConveneRegistryError error_code;
} Scanner;

typedef enum
{
  REQUIRED  = 1 << 0,
  NOT_EMPTY = 1 << 1,
} MemberFlags;

typedef enum
{
  EXPECT_STRING,
  EXPECT_INTEGER,
  EXPECT_ARRAY,
  EXPECT_OBJECT,
} Expected;

/* The state of one load: where the issues go, and what the content
 * checks need to remember across the document.
 */
typedef struct
{
  const char *filename;
  GPtrArray *issues;           /* of ConveneIssue */
  GPtrArray *locations;        /* of char *: the path whose value locates each issue */
  guint n_errors;
  gboolean too_many;
  ConveneRegistryError code;
  ConveneRegistry *registry;
  GHashTable *group_paths;     /* group id → path of the group */
  GHashTable *person_paths;    /* person id → path of the person */
  GHashTable *timezones;       /* identifier → GTimeZone, or NULL when unknown */
} Loader;

/* What a load in a thread hands back: a task returns one value. */
typedef struct
{
  ConveneRegistry *registry;
  GPtrArray *issues;           /* of ConveneIssue */
  GError *error;
} LoadResult;

static const char * const weekday_names[] = {
  NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

G_DEFINE_QUARK (convene-registry-error-quark, convene_registry_error)

/* Paths */

/* Appends a member to a JSON path: `.name`, or `["odd key"]` for keys that
 * are not identifiers, so no key can pass for a path of the format.
 */
static void
path_append_member (GString    *path,
                    const char *key)
{
  gboolean plain = *key != '\0' && !g_ascii_isdigit (*key);

  for (const char *k = key; plain && *k != '\0'; k++)
    plain = g_ascii_isalnum (*k) || *k == '_';

  if (plain)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
      return;
    }

  g_string_append (path, "[\"");
  for (const char *k = key; *k != '\0'; k++)
    {
      if (*k == '"' || *k == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *k);
    }
  g_string_append (path, "\"]");
}

static char *
member_path (const char *parent,
             const char *key)
{
  GString *path = g_string_new (parent);

  path_append_member (path, key);
  return g_string_free (path, FALSE);
}

static char *
index_path (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* Positions */

/* The 1-based line and column (in characters) of @at; for the one error
 * that stops a load, so a scan from the start is fine.
 */
static void
position_at (const char *text,
             const char *at,
             guint      *line,
             guint      *column)
{
  const char *line_start = text;
  guint n = 1;

  for (;;)
    {
      const char *nl = memchr (line_start, '\n', at - line_start);

      if (nl == NULL)
        break;
      n++;
      line_start = nl + 1;
    }

  *line = n;
  *column = g_utf8_strlen (line_start, at - line_start) + 1;
}

/* Scanner */

static gboolean scanner_fail (Scanner              *s,
                              const char           *at,
                              ConveneRegistryError  code,
                              const char           *format,
                              ...) G_GNUC_PRINTF (4, 5);

static gboolean
scanner_fail (Scanner              *s,
              const char           *at,
              ConveneRegistryError  code,
              const char           *format,
              ...)
{
  va_list args;

  g_assert (s->error_message == NULL);

  va_start (args, format);
  s->error_message = g_strdup_vprintf (format, args);
  va_end (args);
  s->error_at = at;
  s->error_code = code;
  return FALSE;
}

static void
scanner_skip_whitespace (Scanner *s)
{
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '\n')
        {
          s->p++;
          s->line++;
          s->col_ptr = s->p;
          s->col = 0;
        }
      else if (c == ' ' || c == '\t' || c == '\r')
        s->p++;
      else
        break;
    }
}

static void
scanner_record (Scanner *s)
{
  Position *pos;

  if (s->wanted == NULL)
    return;

  pos = g_hash_table_lookup (s->wanted, s->path->str);
  if (pos == NULL)
    return;

  /* Newlines only occur in whitespace, so col_ptr is on this line. */
  s->col += g_utf8_strlen (s->col_ptr, s->p - s->col_ptr);
  s->col_ptr = s->p;

  /* A duplicate member overwrites: json-glib keeps the last one too. */
  pos->line = s->line;
  pos->column = s->col + 1;
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *value)
{
  *value = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = (*value << 4) | digit;
    }

  return TRUE;
}

/* Scans the string at s->p (the opening quote); decodes it into @out
 * when @out is set.
 */
static gboolean
scanner_string (Scanner *s,
                GString *out)
{
  const char *start = s->p;
  const char *p = start + 1;

  for (;;)
    {
      guchar c;

      if (p >= s->end)
        return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                             _("the file ends inside the string that starts here"));

      c = *p;

      if (c == '"')
        {
          s->p = p + 1;
          return TRUE;
        }

      if (c == '\n' || c == '\r')
        return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                             _("line break inside a string: close the string on its line, "
                               "or write the line break as \\n"));

      if (c < 0x20)
        return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                             _("control character inside a string: write it as an escape "
                               "such as \\t or \\u001b"));

      if (c != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, c);
          p++;
          continue;
        }

      if (p + 1 >= s->end)
        return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                             _("the file ends inside the string that starts here"));

      switch (p[1])
        {
        case '"': case '\\': case '/':
          c = p[1];
          break;
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 't':
          c = '\t';
          break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (p + 2, s->end, &u))
              return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                                   _("invalid escape: \\u needs four hexadecimal digits"));

            if (u == 0)
              return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                                   _("strings cannot contain the character U+0000"));

            if (u >= 0xDC00 && u <= 0xDFFF)
              return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                                   _("invalid escape: a low surrogate without a high one"));

            if (u >= 0xD800 && u <= 0xDBFF)
              {
                gunichar low;

                if (s->end - (p + 6) < 2 || p[6] != '\\' || p[7] != 'u' ||
                    !read_hex4 (p + 8, s->end, &low) || low < 0xDC00 || low > 0xDFFF)
                  return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                                       _("invalid escape: a high surrogate must be followed "
                                         "by a low surrogate"));

                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
              }

            if (out != NULL)
              g_string_append_unichar (out, u);
            p += 6;
            continue;
          }
        default:
          return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                               _("invalid escape in a string: the escapes are "
                                 "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"));
        }

      if (out != NULL)
        g_string_append_c (out, c);
      p += 2;
    }
}

static gboolean
scanner_number (Scanner *s)
{
  const char *start = s->p;
  const char *p = start;
  const char *end = s->end;

  if (*p == '-')
    p++;

  if (p < end && *p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                             _("invalid number: leading zeros are not allowed"));
    }
  else if (p < end && g_ascii_isdigit (*p))
    {
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  else
    return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                         _("invalid number: a digit must follow the minus sign"));

  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                             _("invalid number: a digit must follow the decimal point"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return scanner_fail (s, start, CONVENE_REGISTRY_ERROR_INVALID,
                             _("invalid number: a digit must follow the exponent"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  s->p = p;
  return TRUE;
}

static gboolean
scanner_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if ((gsize)(s->end - s->p) >= len && memcmp (s->p, literals[i], len) == 0)
        {
          s->p += len;
          return TRUE;
        }
    }

  return FALSE;
}

/* Explains the character at s->p where a value should start. */
static gboolean
scanner_unexpected (Scanner *s)
{
  const char *p = s->p;

  if (*p == '\'')
    return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                         _("strings must be in double quotes"));

  if (*p == '/')
    return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                         _("comments are not allowed in JSON"));

  if ((guchar)*p < 0x20 || *p == 0x7f)
    return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                         _("unexpected control character, expected a value"));

  if (g_ascii_isalpha (*p))
    {
      const char *word_end = p;
      g_autofree char *word = NULL;

      while (word_end < s->end && word_end - p < 32 && g_ascii_isalnum (*word_end))
        word_end++;
      word = g_strndup (p, word_end - p);

      return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                           _("unexpected “%s”, expected a value: a string in double quotes, "
                             "a number, an object, an array, true, false or null"),
                           word);
    }
  else
    {
      char utf8[7] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), utf8);
      return scanner_fail (s, p, CONVENE_REGISTRY_ERROR_INVALID,
                           _("unexpected “%s”, expected a value"), utf8);
    }
}

static void
scanner_enter_element (Scanner *s,
                       Frame   *frame)
{
  if (s->path == NULL)
    return;

  g_string_truncate (s->path, frame->path_len);
  g_string_append_printf (s->path, "[%u]", frame->index);
}

/* Walks the whole document once. Returns %FALSE with the error set on
 * the first syntax error, or when the nesting is too deep.
 */
static gboolean
scanner_run (Scanner *s)
{
  Frame stack[CONVENE_REGISTRY_MAX_DEPTH];
  guint depth = 0;
  enum { VALUE, MEMBER, AFTER_VALUE } state = VALUE;

  for (;;)
    {
      Frame *top = depth > 0 ? &stack[depth - 1] : NULL;
      char c;

      switch (state)
        {
        case VALUE:
          scanner_skip_whitespace (s);
          if (s->p >= s->end)
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 _("the file ends where a value should be"));

          scanner_record (s);
          c = *s->p;

          if (c == '{' || c == '[')
            {
              if (depth == CONVENE_REGISTRY_MAX_DEPTH)
                return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_TOO_LARGE,
                                     _("arrays and objects are nested more than %d levels deep"),
                                     CONVENE_REGISTRY_MAX_DEPTH);

              top = &stack[depth++];
              top->object = (c == '{');
              top->index = 0;
              top->path_len = s->path != NULL ? s->path->len : 0;
              s->p++;

              scanner_skip_whitespace (s);
              if (s->p < s->end && *s->p == (top->object ? '}' : ']'))
                {
                  s->p++;
                  depth--;
                  state = AFTER_VALUE;
                }
              else if (top->object)
                state = MEMBER;
              else
                scanner_enter_element (s, top);
            }
          else if (c == '"')
            {
              if (!scanner_string (s, NULL))
                return FALSE;
              state = AFTER_VALUE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scanner_number (s))
                return FALSE;
              state = AFTER_VALUE;
            }
          else if (scanner_literal (s))
            state = AFTER_VALUE;
          else
            return scanner_unexpected (s);
          break;

        case MEMBER:
          scanner_skip_whitespace (s);
          if (s->p >= s->end)
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 _("the file ends where a member name should be"));

          if (*s->p != '"')
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 _("expected a member name in double quotes"));

          if (s->key != NULL)
            g_string_truncate (s->key, 0);
          if (!scanner_string (s, s->key))
            return FALSE;

          scanner_skip_whitespace (s);
          if (s->p >= s->end || *s->p != ':')
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 _("expected “:” after the member name"));
          s->p++;

          if (s->path != NULL)
            {
              g_string_truncate (s->path, top->path_len);
              path_append_member (s->path, s->key->str);
            }
          state = VALUE;
          break;

        case AFTER_VALUE:
          scanner_skip_whitespace (s);

          if (top == NULL)
            {
              if (s->p < s->end)
                return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                     _("unexpected text after the end of the JSON document"));
              return TRUE;
            }

          if (s->p >= s->end)
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 top->object
                                   ? _("the file ends inside an object: expected “,” or “}”")
                                   : _("the file ends inside an array: expected “,” or “]”"));

          c = *s->p;
          if (c == ',')
            {
              const char *comma = s->p;

              s->p++;
              scanner_skip_whitespace (s);
              if (s->p < s->end && *s->p == (top->object ? '}' : ']'))
                return scanner_fail (s, comma, CONVENE_REGISTRY_ERROR_INVALID,
                                     top->object ? _("a comma cannot come before “}”")
                                                 : _("a comma cannot come before “]”"));

              if (top->object)
                state = MEMBER;
              else
                {
                  top->index++;
                  scanner_enter_element (s, top);
                  state = VALUE;
                }
            }
          else if (c == (top->object ? '}' : ']'))
            {
              s->p++;
              if (s->path != NULL)
                g_string_truncate (s->path, top->path_len);
              depth--;
            }
          else
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 top->object
                                   ? _("expected “,” or “}” after the member")
                                   : _("expected “,” or “]” after the array element"));
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
scanner_init (Scanner    *s,
              const char *text,
              gsize       length,
              GHashTable *wanted)
{
  memset (s, 0, sizeof *s);
  s->text = text;
  s->end = text + length;
  s->p = text;
  s->line = 1;
  s->col_ptr = text;
  s->wanted = wanted;
  if (wanted != NULL)
    {
      s->path = g_string_new (NULL);
      s->key = g_string_new (NULL);
    }
}

static void
scanner_clear (Scanner *s)
{
  if (s->path != NULL)
    g_string_free (s->path, TRUE);
  if (s->key != NULL)
    g_string_free (s->key, TRUE);
  g_clear_pointer (&s->error_message, g_free);
}

/* Reporting */

static void report (Loader          *self,
                    ConveneSeverity  severity,
                    const char      *path,
                    const char      *locate,
                    const char      *format,
                    ...) G_GNUC_PRINTF (5, 6);

/* Records an issue about @path, found at the value of @locate (usually
 * @path itself; the enclosing object when @path is missing).
 */
static void
report (Loader          *self,
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

static const char *
describe_node (JsonNode *node)
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

static void
report_type (Loader     *self,
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
      report (self, CONVENE_SEVERITY_ERROR, path, path,
              _("expected a string, found %s"), describe_node (node));
      break;
    case EXPECT_INTEGER:
      report (self, CONVENE_SEVERITY_ERROR, path, path,
              _("expected a whole number, found %s"), describe_node (node));
      break;
    case EXPECT_ARRAY:
      report (self, CONVENE_SEVERITY_ERROR, path, path,
              _("expected an array, found %s"), describe_node (node));
      break;
    case EXPECT_OBJECT:
      report (self, CONVENE_SEVERITY_ERROR, path, path,
              _("expected an object, found %s"), describe_node (node));
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
node_has_type (JsonNode *node,
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
static JsonNode *
get_member (Loader      *self,
            JsonObject  *object,
            const char  *parent,
            const char  *name,
            Expected     expected,
            MemberFlags  flags)
{
  g_autofree char *path = member_path (parent, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      if (flags & REQUIRED)
        report (self, CONVENE_SEVERITY_ERROR, path, parent,
                _("required member is missing"));
      return NULL;
    }

  if (JSON_NODE_HOLDS_NULL (node) && !(flags & REQUIRED))
    return NULL;

  if (!node_has_type (node, expected))
    {
      report_type (self, path, node, expected);
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

static const char *
get_string (Loader      *self,
            JsonObject  *object,
            const char  *parent,
            const char  *name,
            MemberFlags  flags)
{
  JsonNode *node = get_member (self, object, parent, name, EXPECT_STRING, flags);
  const char *str;

  if (node == NULL)
    return NULL;

  str = json_node_get_string (node);
  if ((flags & NOT_EMPTY) && is_blank (str))
    {
      g_autofree char *path = member_path (parent, name);

      report (self, CONVENE_SEVERITY_ERROR, path, path, _("must not be empty"));
      return NULL;
    }

  return str;
}

static JsonArray *
get_array (Loader      *self,
           JsonObject  *object,
           const char  *parent,
           const char  *name,
           MemberFlags  flags)
{
  JsonNode *node = get_member (self, object, parent, name, EXPECT_ARRAY, flags);

  return node != NULL ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (Loader      *self,
            JsonObject  *object,
            const char  *parent,
            const char  *name,
            MemberFlags  flags)
{
  JsonNode *node = get_member (self, object, parent, name, EXPECT_OBJECT, flags);

  return node != NULL ? json_node_get_object (node) : NULL;
}

/* Returns the element @index of @array as an object, or %NULL after
 * reporting that it is not one.
 */
static JsonObject *
get_element_object (Loader     *self,
                    JsonArray  *array,
                    guint       index,
                    const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report_type (self, path, node, EXPECT_OBJECT);
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

  report (self, CONVENE_SEVERITY_ERROR, path, path, "%s", error->message);
  return FALSE;
}

static const char *
get_url (Loader      *self,
         JsonObject  *object,
         const char  *parent,
         const char  *name,
         MemberFlags  flags)
{
  const char *url = get_string (self, object, parent, name, flags | NOT_EMPTY);
  g_autofree char *path = NULL;

  if (url == NULL)
    return NULL;

  path = member_path (parent, name);
  return check_url (self, path, url) ? url : NULL;
}

/* Returns whether an integer member in [@min, @max] is present; reports
 * one out of range.
 */
static gboolean
get_int (Loader     *self,
         JsonObject *object,
         const char *parent,
         const char *name,
         int         min,
         int         max,
         gint64     *value)
{
  JsonNode *node = get_member (self, object, parent, name, EXPECT_INTEGER, 0);

  if (node == NULL)
    return FALSE;

  *value = json_node_get_int (node);
  if (*value < min || *value > max)
    {
      g_autofree char *path = member_path (parent, name);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *value);

      report (self, CONVENE_SEVERITY_ERROR, path, path,
              /* Translators: “7 is out of range; it must be from -1 to 5” */
              _("%s is out of range; it must be from %d to %d"),
              number, min, max);
      return FALSE;
    }

  return TRUE;
}

/* Parsers of single values */

/* "HH:MM", 00:00 to @max_minutes. */
static gboolean
parse_time (const char *str,
            int         max_minutes,
            int        *minutes)
{
  int h, m;

  if (strlen (str) != 5 ||
      !g_ascii_isdigit (str[0]) || !g_ascii_isdigit (str[1]) || str[2] != ':' ||
      !g_ascii_isdigit (str[3]) || !g_ascii_isdigit (str[4]))
    return FALSE;

  h = (str[0] - '0') * 10 + (str[1] - '0');
  m = (str[3] - '0') * 10 + (str[4] - '0');
  if (m > 59 || h * 60 + m > max_minutes)
    return FALSE;

  *minutes = h * 60 + m;
  return TRUE;
}

static GDateWeekday
parse_weekday (const char *str)
{
  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    {
      if (g_ascii_strcasecmp (str, weekday_names[i]) == 0)
        return i;
    }

  return G_DATE_BAD_WEEKDAY;
}

/* An ISO 8601 date and time that says its offset: parsing it with two
 * different default zones gives the same instant only then.
 */
static GDateTime *
parse_anchor (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) other = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (str, utc);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (str, other);

  if (a == NULL || b == NULL || !g_date_time_equal (a, b))
    return NULL;

  return g_steal_pointer (&a);
}

static gboolean
is_iso_date (const char *str)
{
  int y, m, d;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
        return FALSE;
    }

  y = atoi (str);
  m = atoi (str + 5);
  d = atoi (str + 8);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* Content */

static ConveneRichText *
load_rich_text (Loader     *self,
                JsonObject *object,
                const char *parent,
                const char *name)
{
  g_autoptr(ConveneRichText) text = convene_rich_text_new ();
  g_autofree char *path = member_path (parent, name);
  JsonArray *paragraphs;

  paragraphs = get_array (self, object, parent, name, 0);
  if (paragraphs == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      g_autofree char *para_path = index_path (path, i);
      JsonNode *para_node = json_array_get_element (paragraphs, i);
      JsonArray *runs;

      if (!JSON_NODE_HOLDS_ARRAY (para_node))
        {
          report_type (self, para_path, para_node, EXPECT_ARRAY);
          continue;
        }

      convene_rich_text_add_paragraph (text);
      runs = json_node_get_array (para_node);

      for (guint j = 0; j < json_array_get_length (runs); j++)
        {
          g_autofree char *run_path = index_path (para_path, j);
          JsonObject *run = get_element_object (self, runs, j, run_path);
          const char *run_text;
          const char *url;

          if (run == NULL)
            continue;

          run_text = get_string (self, run, run_path, "text", REQUIRED);
          url = get_url (self, run, run_path, "url", 0);

          if (run_text != NULL)
            convene_rich_text_append (text, run_text, url);
        }
    }

  return g_steal_pointer (&text);
}

static ConveneLink *
load_artifact (Loader     *self,
               JsonObject *object,
               const char *path)
{
  ConveneLinkKind kind = CONVENE_LINK_OTHER;
  const char *kind_name;
  const char *label;
  const char *url;

  kind_name = get_string (self, object, path, "kind", 0);
  if (kind_name != NULL && !convene_link_kind_from_string (kind_name, &kind))
    {
      g_autofree char *kind_path = member_path (path, "kind");

      report (self, CONVENE_SEVERITY_WARNING, kind_path, kind_path,
              _("unknown artifact kind “%s”; it is shown as a plain link"), kind_name);
    }

  label = get_string (self, object, path, "label", 0);
  url = get_url (self, object, path, "url", REQUIRED);

  if (url == NULL)
    return NULL;

  return convene_link_new (kind, label, url);
}

/* Loads one element of an array of objects; %NULL when it is invalid. */
typedef GObject *(*LoadElementFunc) (Loader     *self,
                                     JsonObject *object,
                                     const char *path);

/* Returns the valid elements of the array member @name of @object, a
 * #GPtrArray of what @load_element makes; invalid ones are reported and
 * left out.
 */
static GPtrArray *
load_objects (Loader          *self,
              JsonObject      *object,
              const char      *parent,
              const char      *name,
              LoadElementFunc  load_element)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = member_path (parent, name);
  JsonArray *array = get_array (self, object, parent, name, 0);

  if (array == NULL)
    return g_steal_pointer (&result);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (path, i);
      JsonObject *item = get_element_object (self, array, i, item_path);
      GObject *element = NULL;

      if (item != NULL)
        element = load_element (self, item, item_path);
      if (element != NULL)
        g_ptr_array_add (result, element);
    }

  return g_steal_pointer (&result);
}

static ConveneMeeting *
load_meeting (Loader     *self,
              JsonObject *object,
              const char *path)
{
  g_autoptr(ConveneMeeting) meeting = NULL;
  const char *text;
  const char *str;
  gint64 interval = 0;
  gint64 week = 0;
  gboolean valid = TRUE;

  text = get_string (self, object, path, "text", REQUIRED | NOT_EMPTY);
  meeting = convene_meeting_new (text != NULL ? text : "");
  valid = text != NULL;

  convene_meeting_set_url (meeting, get_url (self, object, path, "url", 0));
  convene_meeting_set_calendar_url (meeting, get_url (self, object, path, "calendar_url", 0));

  if ((str = get_string (self, object, path, "weekday", NOT_EMPTY)) != NULL)
    {
      GDateWeekday weekday = parse_weekday (str);

      if (weekday != G_DATE_BAD_WEEKDAY)
        convene_meeting_set_weekday (meeting, weekday);
      else
        {
          g_autofree char *weekday_path = member_path (path, "weekday");

          report (self, CONVENE_SEVERITY_ERROR, weekday_path, weekday_path,
                  _("unknown weekday “%s”; use monday, tuesday, wednesday, thursday, "
                    "friday, saturday or sunday"), str);
        }
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "start" : "end";
      int minutes;

      if ((str = get_string (self, object, path, name, NOT_EMPTY)) == NULL)
        continue;

      if (parse_time (str, i == 0 ? 23 * 60 + 59 : 24 * 60, &minutes))
        {
          if (i == 0)
            convene_meeting_set_start_minute (meeting, minutes);
          else
            convene_meeting_set_end_minute (meeting, minutes);
        }
      else
        {
          g_autofree char *time_path = member_path (path, name);

          report (self, CONVENE_SEVERITY_ERROR, time_path, time_path,
                  _("“%s” is not a time of day; write it as HH:MM, such as 09:30 or 17:00"),
                  str);
        }
    }

  if ((str = get_string (self, object, path, "timezone", NOT_EMPTY)) != NULL)
    {
      GTimeZone *tz;

      /* GLib forgets a zone as soon as it is unreferenced, and reading
       * one is slow: keep each for the length of the load.
       */
      if (!g_hash_table_lookup_extended (self->timezones, str, NULL, (gpointer *)&tz))
        {
          tz = g_time_zone_new_identifier (str);
          g_hash_table_insert (self->timezones, g_strdup (str), tz);
        }

      if (tz != NULL)
        convene_meeting_set_timezone (meeting, str);
      else
        {
          g_autofree char *tz_path = member_path (path, "timezone");

          report (self, CONVENE_SEVERITY_ERROR, tz_path, tz_path,
                  _("unknown time zone “%s”; use an IANA identifier such as "
                    "America/Los_Angeles or UTC"), str);
        }
    }

  if (get_int (self, object, path, "interval_weeks", 0, 52, &interval))
    convene_meeting_set_interval_weeks (meeting, interval);

  if (get_int (self, object, path, "week_of_month", -1, 5, &week))
    {
      if (week != 0 && interval != 0)
        {
          g_autofree char *week_path = member_path (path, "week_of_month");

          report (self, CONVENE_SEVERITY_ERROR, week_path, week_path,
                  _("a meeting is either every few weeks or monthly: "
                    "interval_weeks and week_of_month cannot both be set"));
        }
      else
        convene_meeting_set_week_of_month (meeting, week);
    }

  if ((str = get_string (self, object, path, "anchor", NOT_EMPTY)) != NULL)
    {
      g_autoptr(GDateTime) anchor = parse_anchor (str);

      if (anchor != NULL)
        convene_meeting_set_anchor (meeting, anchor);
      else
        {
          g_autofree char *anchor_path = member_path (path, "anchor");

          report (self, CONVENE_SEVERITY_ERROR, anchor_path, anchor_path,
                  _("“%s” is not an ISO 8601 date and time with an offset, "
                    "such as 2017-12-20T21:00:00Z"), str);
        }
    }

  return valid ? g_steal_pointer (&meeting) : NULL;
}

static ConveneCommunity *
load_community (Loader     *self,
                JsonObject *root)
{
  g_autoptr(ConveneCommunity) community = NULL;
  g_autoptr(ConveneRichText) intro = NULL;
  g_autoptr(ConveneRichText) new_group = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  JsonObject *object;
  const char *name;

  object = get_object (self, root, "", "community", REQUIRED);
  if (object == NULL)
    return convene_community_new ("");

  name = get_string (self, object, "community", "name", REQUIRED | NOT_EMPTY);
  community = convene_community_new (name != NULL ? name : "");

  convene_community_set_url (community, get_url (self, object, "community", "url", 0));
  if ((intro = load_rich_text (self, object, "community", "intro")) != NULL)
    convene_community_set_intro (community, intro);
  convene_community_set_design_docs_url (community,
                                         get_url (self, object, "community", "design_docs_url", 0));
  if ((new_group = load_rich_text (self, object, "community", "new_group")) != NULL)
    convene_community_set_new_group (community, new_group);

  links = load_objects (self, object, "community", "links", (LoadElementFunc)load_artifact);
  for (guint i = 0; i < links->len; i++)
    convene_community_add_link (community, g_ptr_array_index (links, i));

  meetings = load_objects (self, object, "community", "meetings", (LoadElementFunc)load_meeting);
  for (guint i = 0; i < meetings->len; i++)
    convene_community_add_meeting (community, g_ptr_array_index (meetings, i));

  return g_steal_pointer (&community);
}

static void
load_person (Loader     *self,
             JsonObject *object,
             const char *path)
{
  g_autoptr(ConvenePerson) person = NULL;
  const char *id;
  const char *name;
  const char *first;

  id = get_string (self, object, path, "id", REQUIRED | NOT_EMPTY);
  name = get_string (self, object, path, "name", REQUIRED | NOT_EMPTY);

  person = convene_person_new (id != NULL ? id : "-", name);
  convene_person_set_company (person, get_string (self, object, path, "company", 0));
  convene_person_set_github (person, get_string (self, object, path, "github", 0));
  convene_person_set_profile_url (person, get_url (self, object, path, "profile_url", 0));
  convene_person_set_avatar_url (person, get_url (self, object, path, "avatar_url", 0));

  if (id == NULL)
    return;

  /* The id of a person whose name is wrong is still taken: the leads
   * that name it must not be reported as unknown on top.
   */
  if ((first = g_hash_table_lookup (self->person_paths, id)) != NULL)
    {
      g_autofree char *id_path = member_path (path, "id");

      report (self, CONVENE_SEVERITY_ERROR, id_path, id_path,
              _("duplicate person id “%s”, already used by %s"), id, first);
      return;
    }

  g_hash_table_insert (self->person_paths, g_strdup (id), g_strdup (path));
  convene_registry_add_person (self->registry, person);
}

static void
load_lead (Loader       *self,
           JsonObject   *object,
           const char   *path,
           ConveneGroup *group)
{
  g_autoptr(ConveneLead) lead = NULL;
  ConveneRole role = CONVENE_ROLE_LEAD;
  ConvenePerson *person;
  const char *id;
  const char *role_name;

  id = get_string (self, object, path, "person", REQUIRED | NOT_EMPTY);
  person = id != NULL ? convene_registry_lookup_person (self->registry, id) : NULL;
  if (id != NULL && person == NULL)
    {
      g_autofree char *person_path = member_path (path, "person");

      report (self, CONVENE_SEVERITY_ERROR, person_path, person_path,
              _("unknown person “%s”; every lead must be listed in “people”"), id);
    }

  role_name = get_string (self, object, path, "role", 0);
  if (role_name != NULL && !convene_role_from_string (role_name, &role))
    {
      g_autofree char *role_path = member_path (path, "role");

      report (self, CONVENE_SEVERITY_WARNING, role_path, role_path,
              _("unknown role “%s”; it is shown as lead"), role_name);
    }

  if (person == NULL)
    return;

  lead = convene_lead_new (person, role);
  convene_group_add_lead (group, lead);
}

static void
load_group (Loader     *self,
            JsonObject *object,
            const char *path)
{
  g_autoptr(ConveneGroup) group = NULL;
  g_autofree char *leads_path = member_path (path, "leads");
  g_autofree char *topics_path = member_path (path, "topics");
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  const char *id;
  const char *name;
  const char *first;
  JsonArray *array;

  id = get_string (self, object, path, "id", REQUIRED | NOT_EMPTY);
  name = get_string (self, object, path, "name", REQUIRED | NOT_EMPTY);
  group = convene_group_new (id != NULL ? id : "", name != NULL ? name : "");

  if ((array = get_array (self, object, path, "topics", 0)) != NULL)
    {
      g_autoptr(GStrvBuilder) topics = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (node_has_type (node, EXPECT_STRING))
            g_strv_builder_add (topics, json_node_get_string (node));
          else
            {
              g_autofree char *topic_path = index_path (topics_path, i);

              report_type (self, topic_path, node, EXPECT_STRING);
            }
        }

      strv = g_strv_builder_end (topics);
      convene_group_set_topics (group, (const char * const *)strv);
    }

  convene_group_set_description (group, get_string (self, object, path, "description", 0));

  links = load_objects (self, object, path, "artifacts", (LoadElementFunc)load_artifact);
  for (guint i = 0; i < links->len; i++)
    convene_group_add_link (group, g_ptr_array_index (links, i));

  meetings = load_objects (self, object, path, "meetings", (LoadElementFunc)load_meeting);
  for (guint i = 0; i < meetings->len; i++)
    convene_group_add_meeting (group, g_ptr_array_index (meetings, i));

  if ((array = get_array (self, object, path, "leads", 0)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *lead_path = index_path (leads_path, i);
          JsonObject *lead = get_element_object (self, array, i, lead_path);

          if (lead != NULL)
            load_lead (self, lead, lead_path, group);
        }
    }

  if (id == NULL)
    return;

  if ((first = g_hash_table_lookup (self->group_paths, id)) != NULL)
    {
      g_autofree char *id_path = member_path (path, "id");

      report (self, CONVENE_SEVERITY_ERROR, id_path, id_path,
              _("duplicate group id “%s”, already used by %s"), id, first);
      return;
    }

  g_hash_table_insert (self->group_paths, g_strdup (id), g_strdup (path));
  if (name != NULL)
    convene_registry_add_group (self->registry, group);
}

static void
load_source (Loader     *self,
             JsonObject *root)
{
  JsonObject *object = get_object (self, root, "", "source", 0);
  const char *kind = NULL;
  const char *location = NULL;
  const char *date = NULL;

  if (object == NULL)
    {
      convene_registry_set_source (self->registry, "json", self->filename, NULL);
      return;
    }

  kind = get_string (self, object, "source", "kind", NOT_EMPTY);
  location = get_string (self, object, "source", "location", 0);
  date = get_string (self, object, "source", "date", 0);

  if (date != NULL && !is_iso_date (date))
    {
      report (self, CONVENE_SEVERITY_WARNING, "source.date", "source.date",
              _("“%s” is not a date as YYYY-MM-DD"), date);
      date = NULL;
    }

  convene_registry_set_source (self->registry,
                               kind != NULL ? kind : "json",
                               location != NULL ? location : self->filename,
                               date);
}

/* Returns %FALSE when the version stops the load. */
static gboolean
check_version (Loader     *self,
               JsonObject *root)
{
  JsonNode *node = get_member (self, root, "", "format_version", EXPECT_INTEGER, REQUIRED);
  g_autofree char *number = NULL;
  gint64 version;

  if (node == NULL)
    return TRUE;

  version = json_node_get_int (node);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  if (version > CONVENE_REGISTRY_FORMAT_VERSION)
    {
      report (self, CONVENE_SEVERITY_ERROR, "format_version", "format_version",
              _("format_version %s is newer than this version of Convene "
                "understands (%d); update Convene"),
              number, CONVENE_REGISTRY_FORMAT_VERSION);
      if (self->n_errors == 1)
        self->code = CONVENE_REGISTRY_ERROR_UNSUPPORTED;
      return FALSE;
    }

  if (version < 1)
    report (self, CONVENE_SEVERITY_ERROR, "format_version", "format_version",
            _("format_version %s is not valid; the first version is 1"),
            number);

  return TRUE;
}

static void
load_document (Loader   *self,
               JsonNode *root_node)
{
  g_autoptr(ConveneCommunity) community = NULL;
  JsonObject *root;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      report (self, CONVENE_SEVERITY_ERROR, "", "",
              _("a registry is a JSON object, but the file holds %s"),
              describe_node (root_node));
      return;
    }

  root = json_node_get_object (root_node);

  if (!check_version (self, root))
    return;

  community = load_community (self, root);
  self->registry = convene_registry_new (community);

  if ((array = get_array (self, root, "", "people", 0)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = index_path ("people", i);
          JsonObject *person = get_element_object (self, array, i, path);

          if (person != NULL)
            load_person (self, person, path);
        }
    }

  if ((array = get_array (self, root, "", "groups", REQUIRED)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = index_path ("groups", i);
          JsonObject *group = get_element_object (self, array, i, path);

          if (group != NULL)
            load_group (self, group, path);
        }
    }

  load_source (self, root);
}

/* Fills in the line and column of every issue by scanning the text once
 * more, this time following the paths.
 */
static void
locate_issues (Loader     *self,
               const char *text,
               gsize       length)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  Scanner s;

  for (guint i = 0; i < self->locations->len; i++)
    {
      const char *locate = g_ptr_array_index (self->locations, i);

      if (locate != NULL && !g_hash_table_contains (wanted, locate))
        g_hash_table_insert (wanted, (char *)locate, g_new0 (Position, 1));
    }

  if (g_hash_table_size (wanted) == 0)
    return;

  scanner_init (&s, text, length, wanted);
  scanner_run (&s);
  scanner_clear (&s);

  for (guint i = 0; i < self->issues->len; i++)
    {
      ConveneIssue *issue = g_ptr_array_index (self->issues, i);
      const char *locate = g_ptr_array_index (self->locations, i);
      Position *pos = locate != NULL ? g_hash_table_lookup (wanted, locate) : NULL;

      if (pos != NULL)
        {
          issue->line = pos->line;
          issue->column = pos->column;
        }
    }
}

/* Adds the one issue that stops a load before its content is read. */
static void
report_at (Loader               *self,
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

static void
report_too_large (Loader *self,
                  gsize   size)
{
  g_autofree char *size_str = g_format_size (size);
  g_autofree char *limit_str = g_format_size_full (CONVENE_REGISTRY_MAX_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message =
    g_strdup_printf (_("the file is too large (%s); a registry may be at most %s"),
                     size_str, limit_str);

  report_at (self, CONVENE_REGISTRY_ERROR_TOO_LARGE, 0, 0, message);
}

static void
free_timezone (gpointer data)
{
  if (data != NULL)
    g_time_zone_unref (data);
}

static void
loader_init (Loader     *self,
             const char *filename)
{
  memset (self, 0, sizeof *self);
  self->filename = filename;
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  self->locations = g_ptr_array_new_with_free_func (g_free);
  self->code = CONVENE_REGISTRY_ERROR_INVALID;
  self->group_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->person_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->timezones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_timezone);
}

/* Hands the issues out and turns the first error into @error. */
static ConveneRegistry *
loader_finish (Loader     *self,
               GPtrArray **issues,
               GError    **error)
{
  ConveneRegistry *registry = NULL;

  if (self->n_errors > 0)
    {
      for (guint i = 0; i < self->issues->len; i++)
        {
          const ConveneIssue *issue = g_ptr_array_index (self->issues, i);

          if (issue->severity == CONVENE_SEVERITY_ERROR)
            {
              g_autofree char *message = convene_issue_to_string (issue);

              g_set_error_literal (error, CONVENE_REGISTRY_ERROR, self->code, message);
              break;
            }
        }
      g_clear_object (&self->registry);
    }
  else
    registry = g_steal_pointer (&self->registry);

  if (issues != NULL)
    *issues = g_steal_pointer (&self->issues);

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->group_paths, g_hash_table_unref);
  g_clear_pointer (&self->person_paths, g_hash_table_unref);
  g_clear_pointer (&self->timezones, g_hash_table_unref);
  g_clear_object (&self->registry);

  return registry;
}

/* Checks what must hold before json-glib may see the text. Returns
 * %FALSE after reporting why not.
 */
static gboolean
check_text (Loader     *self,
            const char *text,
            gsize       length)
{
  const char *bad = NULL;
  gboolean blank = TRUE;
  Scanner s;
  gboolean ok;

  if (length == 0)
    {
      report_at (self, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (text, length, &bad))
    {
      guint line, column;

      position_at (text, bad, &line, &column);
      report_at (self, CONVENE_REGISTRY_ERROR_INVALID, line, column,
                 *bad == '\0' ? _("the file contains a NUL byte; it is not a text file")
                              : _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  for (gsize i = 0; i < length && blank; i++)
    blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
  if (blank)
    {
      report_at (self, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, _("the file is empty"));
      return FALSE;
    }

  scanner_init (&s, text, length, NULL);
  ok = scanner_run (&s);
  if (!ok)
    {
      guint line, column;

      position_at (text, s.error_at, &line, &column);
      report_at (self, s.error_code, line, column, s.error_message);
    }
  scanner_clear (&s);

  return ok;
}

/* Loading, with a way to stop */

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->registry);
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/* Drops what was found and sets @error when @cancellable was cancelled:
 * a load nobody waits for any more stops at the next of these checks.
 */
static gboolean
load_cancelled (Loader        *self,
                GCancellable  *cancellable,
                GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  loader_finish (self, NULL, NULL);
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}

/* The loads behind the public functions: between its stages, a load
 * looks at @cancellable (which may be %NULL) and gives up with
 * %G_IO_ERROR_CANCELLED.
 */
static ConveneRegistry *
load_bytes (GBytes        *bytes,
            const char    *filename,
            GCancellable  *cancellable,
            GPtrArray    **issues,
            GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *text;
  gsize length;
  Loader self;

  loader_init (&self, filename);
  text = g_bytes_get_data (bytes, &length);

  if (length > CONVENE_REGISTRY_MAX_SIZE)
    {
      report_too_large (&self, length);
      return loader_finish (&self, issues, error);
    }

  /* A byte order mark is not part of the text; editors do not count it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!check_text (&self, text, length))
    return loader_finish (&self, issues, error);

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      guint line = 0, column = 0;
      const char *message = strstr (parse_error->message, "Parse error: ");

      /* The scan above is stricter than json-glib, so this is for the
       * unforeseen; json-glib's message reads "<data>:LINE:COL: ...".
       */
      if (sscanf (parse_error->message, "<data>:%u:%u:", &line, &column) != 2)
        line = column = 0;
      report_at (&self, CONVENE_REGISTRY_ERROR_INVALID, line, column,
                 message != NULL ? message + strlen ("Parse error: ") : parse_error->message);
      return loader_finish (&self, issues, error);
    }

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  load_document (&self, json_parser_get_root (parser));

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  if (self.issues->len > 0)
    locate_issues (&self, text, length);

  return loader_finish (&self, issues, error);
}

static ConveneRegistry *
load_file (const char    *path,
           GCancellable  *cancellable,
           GPtrArray    **issues,
           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size = -1;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    goto io_error;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);

  if (size > CONVENE_REGISTRY_MAX_SIZE)
    {
      Loader self;

      loader_init (&self, path);
      report_too_large (&self, size);
      return loader_finish (&self, issues, error);
    }

  /* The size can be unknown (a pipe) or wrong (a file still growing):
   * read at most one byte more than the limit either way.
   */
  buffer = g_byte_array_sized_new (size > 0 ? size + 1 : READ_CHUNK);
  for (;;)
    {
      gsize old_len = buffer->len;
      gssize n_read;

      g_byte_array_set_size (buffer, old_len + READ_CHUNK);
      n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + old_len,
                                    READ_CHUNK, cancellable, error);
      if (n_read < 0)
        goto io_error;

      g_byte_array_set_size (buffer, old_len + n_read);
      if (n_read == 0)
        break;

      if (buffer->len > CONVENE_REGISTRY_MAX_SIZE)
        {
          Loader self;

          loader_init (&self, path);
          report_too_large (&self, buffer->len);
          return loader_finish (&self, issues, error);
        }
    }

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return load_bytes (bytes, path, cancellable, issues, error);

io_error:
  if (issues != NULL)
    *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  return NULL;
}

/* Runs in a worker thread: everything it touches is its own. */
static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  LoadResult *result = g_new0 (LoadResult, 1);

  result->registry = load_file (path, cancellable, &result->issues, &result->error);

  /* An error and issues go together, and a task returns one value. */
  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&result->error));
      load_result_free (result);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)load_result_free);
}

/* Public API */

/**
 * convene_registry_load_from_bytes:
 * @bytes: the contents of a registry file
 * @filename: (nullable): the name to report issues against
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found, errors and warnings, in the order of the checks
 * @error: return location for a #GError
 *
 * Reads a registry in the JSON format v1 (docs/registry-format.md) and
 * checks it. Each issue carries @filename, a line, a column and the JSON
 * path of the value it is about. Warnings alone do not stop the load.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set, in the %CONVENE_REGISTRY_ERROR domain, to the first error
 */
ConveneRegistry *
convene_registry_load_from_bytes (GBytes      *bytes,
                                  const char  *filename,
                                  GPtrArray  **issues,
                                  GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (bytes, filename, NULL, issues, error);
}

/**
 * convene_registry_load_from_file:
 * @path: the registry file
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found
 * @error: return location for a #GError
 *
 * Like convene_registry_load_from_bytes(), for a file. A file larger than
 * %CONVENE_REGISTRY_MAX_SIZE is refused before it is read. Errors reading
 * the file are reported in the #G_IO_ERROR domain, without issues.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error set
 */
ConveneRegistry *
convene_registry_load_from_file (const char  *path,
                                 GPtrArray  **issues,
                                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_file (path, NULL, issues, error);
}

/**
 * convene_registry_load_from_file_async:
 * @path: the registry file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 *   when the registry is loaded or failed to load
 * @user_data: data for @callback
 *
 * Loads a registry file like convene_registry_load_from_file(), in a
 * worker thread, so a large file does not hold up the caller's main
 * loop. Cancelling @cancellable completes the operation at once with
 * %G_IO_ERROR_CANCELLED; the thread stops at its next check.
 */
void
convene_registry_load_from_file_async (const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_registry_load_from_file_async);
  g_task_set_name (task, "[convene] load registry file");
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* The loader keeps no state outside the thread, so an abandoned load
   * may finish on its own while the caller goes on.
   */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * convene_registry_load_from_file_finish:
 * @result: the #GAsyncResult passed to the callback
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found; left %NULL when the load was cancelled
 * @error: return location for a #GError
 *
 * Finishes convene_registry_load_from_file_async(). The registry, the
 * issues and the error are those convene_registry_load_from_file()
 * would have given, or %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error set
 */
ConveneRegistry *
convene_registry_load_from_file_finish (GAsyncResult  *result,
                                        GPtrArray    **issues,
                                        GError       **error)
{
  LoadResult *load;
  ConveneRegistry *registry;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        convene_registry_load_from_file_async, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  if (issues != NULL)
    *issues = g_steal_pointer (&load->issues);
  if (load->error != NULL)
    g_propagate_error (error, g_steal_pointer (&load->error));
  registry = g_steal_pointer (&load->registry);

  load_result_free (load);

  return registry;
}
