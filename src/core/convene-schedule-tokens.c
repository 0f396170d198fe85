/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-schedule-private.h"

/* The lexicon of schedule texts: splitting a text into words, numbers,
 * times and punctuation, and what the words mean (weekdays, months,
 * ordinals, counts). How they combine is convene-schedule-parse.c's.
 */

/* Types */

typedef struct
{
  const char *name;
  int value;
} WordValue;

/* Tables */

static const WordValue ordinal_words[] = {
  { "first", 1 },
  { "second", 2 },
  { "third", 3 },
  { "fourth", 4 },
  { "fifth", 5 },
  { "last", -1 },
};

static const WordValue number_words[] = {
  { "one", 1 },
  { "two", 2 },
  { "three", 3 },
  { "four", 4 },
  { "five", 5 },
  { "six", 6 },
  { "seven", 7 },
  { "eight", 8 },
};

static const WordValue month_words[] = {
  { "january", 1 }, { "jan", 1 },
  { "february", 2 }, { "feb", 2 },
  { "march", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 },
  { "may", 5 },
  { "june", 6 }, { "jun", 6 },
  { "july", 7 }, { "jul", 7 },
  { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sep", 9 }, { "sept", 9 },
  { "october", 10 }, { "oct", 10 },
  { "november", 11 }, { "nov", 11 },
  { "december", 12 }, { "dec", 12 },
};

/* Weekdays, indexed by GDateWeekday - 1. */
static const char * const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Abbreviations count only when capitalized: "Wed", not "wed". */
static const WordValue weekday_abbreviations[] = {
  { "mon", G_DATE_MONDAY },
  { "tue", G_DATE_TUESDAY }, { "tues", G_DATE_TUESDAY },
  { "wed", G_DATE_WEDNESDAY },
  { "thu", G_DATE_THURSDAY }, { "thur", G_DATE_THURSDAY }, { "thurs", G_DATE_THURSDAY },
  { "fri", G_DATE_FRIDAY },
  { "sat", G_DATE_SATURDAY },
  { "sun", G_DATE_SUNDAY },
};

/* Tokens */

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_free (token->folded);
  g_free (token);
}

static gboolean
is_alpha_at (const char *p)
{
  return *p != '\0' && g_unichar_isalpha (g_utf8_get_char (p));
}

static gboolean
is_alnum_at (const char *p)
{
  return *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));
}

/* Matches "am", "pm", "a.m.", "p.m." in any case at @p, not followed by
 * a letter; returns the length matched, 0 if none.
 */
static gsize
match_meridiem (const char *p,
                gboolean   *pm)
{
  const char *q = p;

  if (*q != 'a' && *q != 'A' && *q != 'p' && *q != 'P')
    return 0;
  *pm = (*q == 'p' || *q == 'P');
  q++;
  if (*q == '.')
    q++;
  if (*q != 'm' && *q != 'M')
    return 0;
  q++;
  if (*q == '.')
    q++;
  if (is_alpha_at (q))
    return 0;

  return q - p;
}

/* Reads a number, a time or an ordinal starting at the digit @p. */
static const char *
scan_number (const char *p,
             Token      *token)
{
  const char *q = p;
  const char *after;
  int value = 0;
  int minutes = 0;
  gboolean has_minutes = FALSE;
  gsize meridiem_len;
  gboolean pm = FALSE;

  g_assert (is_digit (*p));

  while (is_digit (*q))
    {
      if (value < 100000)
        value = value * 10 + (*q - '0');
      token->n_digits++;
      q++;
    }

  token->kind = TOKEN_NUMBER;
  token->value = value;

  if (token->n_digits > 2)
    return q;

  if (q[0] == ':' && is_digit (q[1]) && is_digit (q[2]) && !is_digit (q[3]))
    {
      minutes = (q[1] - '0') * 10 + (q[2] - '0');
      has_minutes = TRUE;
      q += 3;
    }

  after = q;
  while (*after == ' ')
    after++;
  meridiem_len = match_meridiem (after, &pm);

  if (meridiem_len > 0)
    {
      token->kind = TOKEN_TIME;
      token->meridiem = TRUE;
      token->pm = pm;
      if (value >= 1 && value <= 12 && minutes < 60)
        token->value = (value % 12 + (pm ? 12 : 0)) * 60 + minutes;
      else
        token->value = -1;
      return after + meridiem_len;
    }

  if (has_minutes)
    {
      token->kind = TOKEN_TIME;
      if (value < 24 && minutes < 60)
        token->value = value * 60 + minutes;
      else
        token->value = -1;
      return q;
    }

  /* 1st, 2nd, 3rd, 25th */
  if ((g_ascii_strncasecmp (q, "st", 2) == 0 ||
       g_ascii_strncasecmp (q, "nd", 2) == 0 ||
       g_ascii_strncasecmp (q, "rd", 2) == 0 ||
       g_ascii_strncasecmp (q, "th", 2) == 0) &&
      !is_alpha_at (q + 2))
    {
      token->ordinal = TRUE;
      return q + 2;
    }

  return q;
}

/* Splits @text into words, numbers, times and single punctuation marks.
 * A word runs over letters and digits, and over "-", "_", "/" and "'"
 * between them, so "bi-weekly" and "America/Los_Angeles" are one word.
 */
GPtrArray *
schedule_tokenize (const char *text)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      Token *token;

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      token = g_new0 (Token, 1);
      g_ptr_array_add (tokens, token);

      if (is_digit (*p))
        {
          p = scan_number (p, token);
        }
      else if (g_unichar_isalpha (c))
        {
          const char *start = p;

          while (*p != '\0')
            {
              if (is_alnum_at (p))
                p = g_utf8_next_char (p);
              else if ((*p == '-' || *p == '_' || *p == '/' || *p == '\'') && is_alnum_at (p + 1))
                p++;
              else
                break;
            }

          token->kind = TOKEN_WORD;
          token->text = g_strndup (start, p - start);
          token->folded = g_utf8_strdown (token->text, -1);
        }
      else
        {
          token->kind = TOKEN_PUNCT;
          token->punct = c;
          p = g_utf8_next_char (p);
        }
    }

  return g_steal_pointer (&tokens);
}

static gboolean
lookup_value (const WordValue *table,
              gsize            n_entries,
              const char      *folded,
              int             *value)
{
  for (gsize i = 0; i < n_entries; i++)
    {
      if (strcmp (table[i].name, folded) == 0)
        {
          *value = table[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

/* Vocabulary */

GDateWeekday
schedule_weekday_of (const Token *token,
                     gboolean    *plural)
{
  int value;

  if (token == NULL || token->kind != TOKEN_WORD)
    return G_DATE_BAD_WEEKDAY;

  for (guint i = 0; i < G_N_ELEMENTS (weekday_names); i++)
    {
      gsize len = strlen (weekday_names[i]);

      if (strncmp (token->folded, weekday_names[i], len) != 0)
        continue;
      if (token->folded[len] == '\0')
        {
          *plural = FALSE;
          return i + 1;
        }
      if (token->folded[len] == 's' && token->folded[len + 1] == '\0')
        {
          *plural = TRUE;
          return i + 1;
        }
    }

  if (g_ascii_isupper (token->text[0]) &&
      lookup_value (weekday_abbreviations, G_N_ELEMENTS (weekday_abbreviations),
                    token->folded, &value))
    {
      *plural = FALSE;
      return value;
    }

  return G_DATE_BAD_WEEKDAY;
}

gboolean
schedule_is_weekday (GPtrArray *tokens,
                     int        i)
{
  gboolean plural;

  return schedule_weekday_of (token_at (tokens, i), &plural) != G_DATE_BAD_WEEKDAY;
}

int
schedule_month_of (const Token *token)
{
  int month;

  if (token == NULL || token->kind != TOKEN_WORD ||
      !lookup_value (month_words, G_N_ELEMENTS (month_words), token->folded, &month))
    return 0;
  return month;
}

/* The ordinal a token stands for: 1 to 5, -1 for "last", 0 if none. */
int
schedule_ordinal_of (const Token *token)
{
  int value;

  if (token == NULL)
    return 0;
  if (token->kind == TOKEN_NUMBER && token->ordinal)
    return token->value;
  if (token->kind == TOKEN_WORD &&
      lookup_value (ordinal_words, G_N_ELEMENTS (ordinal_words), token->folded, &value))
    return value;
  return 0;
}

/* The count a token stands for in "every N weeks", 0 if none. */
int
schedule_count_of (const Token *token)
{
  int value;

  if (token == NULL)
    return 0;
  if (token->kind == TOKEN_NUMBER && token->n_digits <= 2)
    return token->value;
  if (token->kind == TOKEN_WORD &&
      (lookup_value (number_words, G_N_ELEMENTS (number_words), token->folded, &value) ||
       lookup_value (ordinal_words, G_N_ELEMENTS (ordinal_words), token->folded, &value)))
    return value;
  if (token->kind == TOKEN_WORD && strcmp (token->folded, "other") == 0)
    return 2;
  return 0;
}
