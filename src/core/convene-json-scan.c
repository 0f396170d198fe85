/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convene-json-scan-private.h"

/* The strict scan of JSON syntax (RFC 8259) that runs before json-glib
 * sees a registry file, and again afterwards to find where each reported
 * value starts. It walks the text with a stack of its own, so nesting is
 * bounded by CONVENE_REGISTRY_MAX_DEPTH rather than by the C stack, and
 * it names the first syntax error with its exact place.
 *
 * The JSON paths the loader reports are built here too: the scan must
 * spell a path exactly as the loader does to find its value again.
 */

typedef struct
{
  gboolean object;
  gboolean hashed;      /* its member names are in the set of its depth */
  guint index;
  gsize path_len;
  guint key_first;      /* its first entry in key_entries */
  gsize keys_len;       /* the length of keys before its names */
} Frame;

/* Up to this many members, a new member name is compared with each one
 * before it: registry objects have about ten, and a set per object
 * would cost more than it saves.
 */
#define LINEAR_KEYS 12

/* A duplicate name is quoted up to this many characters. */
#define QUOTED_KEY_MAX 64

/* Paths */

/* Appends a member to a JSON path: `.name`, or `["odd key"]` for keys that
 * are not identifiers, so no key can pass for a path of the format.
 */
void
convene_json_path_append_member (GString    *path,
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

char *
convene_json_path_member (const char *parent,
                          const char *key)
{
  GString *path = g_string_new (parent);

  convene_json_path_append_member (path, key);
  return g_string_free (path, FALSE);
}

char *
convene_json_path_index (const char *parent,
                         guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* Positions */

/* The 1-based line and column (in characters) of @at; for the one error
 * that stops a load, so a scan from the start is fine.
 */
void
convene_json_position_at (const char *text,
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

static gboolean scanner_fail (ConveneJsonScanner   *s,
                              const char           *at,
                              ConveneRegistryError  code,
                              const char           *format,
                              ...) G_GNUC_PRINTF (4, 5);

static gboolean
scanner_fail (ConveneJsonScanner   *s,
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
scanner_skip_whitespace (ConveneJsonScanner *s)
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
scanner_record (ConveneJsonScanner *s)
{
  ConveneJsonPosition *pos;

  if (s->wanted == NULL)
    return;

  pos = g_hash_table_lookup (s->wanted, s->path->str);
  if (pos == NULL)
    return;

  /* Newlines only occur in whitespace, so col_ptr is on this line. */
  s->col += g_utf8_strlen (s->col_ptr, s->p - s->col_ptr);
  s->col_ptr = s->p;

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
scanner_string (ConveneJsonScanner *s,
                GString            *out)
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
scanner_number (ConveneJsonScanner *s)
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
scanner_literal (ConveneJsonScanner *s)
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
scanner_unexpected (ConveneJsonScanner *s)
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

static gboolean
scanner_duplicate (ConveneJsonScanner *s,
                   const char         *at,
                   const char         *first_at,
                   const char         *name)
{
  g_autofree char *quoted = NULL;
  guint line, column;

  if (g_utf8_strlen (name, -1) > QUOTED_KEY_MAX)
    {
      g_autofree char *start = g_utf8_substring (name, 0, QUOTED_KEY_MAX);

      quoted = g_strconcat (start, "…", NULL);
    }
  else
    quoted = g_strdup (name);

  convene_json_position_at (s->text, first_at, &line, &column);
  return scanner_fail (s, at, CONVENE_REGISTRY_ERROR_INVALID,
                       /* Translators: “duplicate member “name”, first at 3:5”, a line
                        * and a column
                        */
                       _("duplicate member “%s”, first at %u:%u"), quoted, line, column);
}

static GHashTable *
scanner_key_set (ConveneJsonScanner *s,
                 guint               level)
{
  if (s->key_sets->len <= level)
    g_ptr_array_set_size (s->key_sets, level + 1);

  if (s->key_sets->pdata[level] == NULL)
    s->key_sets->pdata[level] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return s->key_sets->pdata[level];
}

/* Scans the member name at s->p into keys, and refuses it when @top
 * (at @level) has a member of that name already. JSON allows duplicates
 * but says their meaning is unpredictable; json-glib keeps the last one,
 * so a registry could show a reader one value and the app another.
 */
static gboolean
scanner_member_name (ConveneJsonScanner *s,
                     Frame              *top,
                     guint               level)
{
  ConveneJsonKey entry = { s->keys->len, s->p };
  const char *name;

  if (!scanner_string (s, s->keys))
    return FALSE;
  g_string_append_c (s->keys, '\0');
  name = s->keys->str + entry.offset;

  if (!top->hashed && s->key_entries->len - top->key_first < LINEAR_KEYS)
    {
      for (guint i = top->key_first; i < s->key_entries->len; i++)
        {
          const ConveneJsonKey *other = &g_array_index (s->key_entries, ConveneJsonKey, i);

          if (strcmp (s->keys->str + other->offset, name) == 0)
            return scanner_duplicate (s, entry.at, other->at, name);
        }
    }
  else
    {
      GHashTable *set = scanner_key_set (s, level);
      gpointer first;

      if (!top->hashed)
        {
          for (guint i = top->key_first; i < s->key_entries->len; i++)
            {
              const ConveneJsonKey *other = &g_array_index (s->key_entries, ConveneJsonKey, i);

              g_hash_table_insert (set, g_strdup (s->keys->str + other->offset),
                                   GUINT_TO_POINTER (i));
            }
          top->hashed = TRUE;
        }

      if (g_hash_table_lookup_extended (set, name, NULL, &first))
        {
          const ConveneJsonKey *other =
            &g_array_index (s->key_entries, ConveneJsonKey, GPOINTER_TO_UINT (first));

          return scanner_duplicate (s, entry.at, other->at, name);
        }

      g_hash_table_insert (set, g_strdup (name), GUINT_TO_POINTER (s->key_entries->len));
    }

  g_array_append_val (s->key_entries, entry);
  return TRUE;
}

/* Forgets the member names of the object @top at @level, which ends. */
static void
scanner_leave_object (ConveneJsonScanner *s,
                      Frame              *top,
                      guint               level)
{
  g_string_truncate (s->keys, top->keys_len);
  g_array_set_size (s->key_entries, top->key_first);
  if (top->hashed)
    g_hash_table_remove_all (s->key_sets->pdata[level]);
}

static void
scanner_enter_element (ConveneJsonScanner *s,
                       Frame              *frame)
{
  if (s->path == NULL)
    return;

  g_string_truncate (s->path, frame->path_len);
  g_string_append_printf (s->path, "[%u]", frame->index);
}

/* Walks the whole document once. Returns %FALSE with the error set on
 * the first syntax error, or when the nesting is too deep.
 */
gboolean
convene_json_scanner_run (ConveneJsonScanner *s)
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
              top->hashed = FALSE;
              top->index = 0;
              top->path_len = s->path != NULL ? s->path->len : 0;
              top->key_first = s->key_entries->len;
              top->keys_len = s->keys->len;
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

          if (!scanner_member_name (s, top, depth - 1))
            return FALSE;

          scanner_skip_whitespace (s);
          if (s->p >= s->end || *s->p != ':')
            return scanner_fail (s, s->p, CONVENE_REGISTRY_ERROR_INVALID,
                                 _("expected “:” after the member name"));
          s->p++;

          if (s->path != NULL)
            {
              g_string_truncate (s->path, top->path_len);
              convene_json_path_append_member (s->path, s->keys->str +
                                               g_array_index (s->key_entries, ConveneJsonKey,
                                                              s->key_entries->len - 1).offset);
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
              if (top->object)
                scanner_leave_object (s, top, depth - 1);
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

void
convene_json_scanner_init (ConveneJsonScanner *s,
                           const char         *text,
                           gsize               length,
                           GHashTable         *wanted)
{
  memset (s, 0, sizeof *s);
  s->text = text;
  s->end = text + length;
  s->p = text;
  s->line = 1;
  s->col_ptr = text;
  s->wanted = wanted;
  if (wanted != NULL)
    s->path = g_string_new (NULL);
  s->keys = g_string_new (NULL);
  s->key_entries = g_array_new (FALSE, FALSE, sizeof (ConveneJsonKey));
  s->key_sets = g_ptr_array_new ();
}

void
convene_json_scanner_clear (ConveneJsonScanner *s)
{
  if (s->path != NULL)
    g_string_free (s->path, TRUE);
  g_string_free (s->keys, TRUE);
  g_array_unref (s->key_entries);
  for (guint i = 0; i < s->key_sets->len; i++)
    g_clear_pointer (&s->key_sets->pdata[i], g_hash_table_unref);
  g_ptr_array_unref (s->key_sets);
  g_clear_pointer (&s->error_message, g_free);
}
