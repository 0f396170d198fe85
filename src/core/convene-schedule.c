/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-schedule.h"

/* Recurring meetings: reading the schedules communities write by hand
 * ("Wednesdays at 13:00 PT - Biweekly"), computing their next occurrence
 * in the meeting's own time zone, and describing them to the user.
 *
 * The parser reads the text as a sequence of words, numbers and times
 * and collects what each says: a weekday, a start (and maybe an end), a
 * time zone, a frequency, and maybe a start date. Anything contradictory,
 * ambiguous or unsupported makes it give up: no time is better than a
 * wrong one. The rules, in full:
 *
 * - Times are "13:00", "9:00", "09:00", "2PM", "9:00 AM", "9 a.m."; a bare
 *   number ("at 9") is not a time. A range "9:00-9:30" (or "9:00 to 9:30")
 *   gives the end. Further times (another zone's equivalent) are ignored.
 * - A time zone abbreviation means the wall-clock time of its region all
 *   year: "PST" in July still means Pacific time. The table is
 *   convene_schedule_zone_for_name()'s; IANA identifiers
 *   ("America/Los_Angeles") are taken as they are. The first zone named
 *   wins. A fixed offset ("UTC+2") is not supported.
 * - Exactly one weekday may be named (it may be repeated); two different
 *   ones ("Mondays and Thursdays", "Wednesday after the fourth Tuesday")
 *   are not supported.
 * - Frequency: "weekly", "every week", "every Wednesday" or a plural
 *   weekday ("Wednesdays") with no other frequency mean every week;
 *   "biweekly", "bi-weekly", "fortnightly", "every other week/Wednesday",
 *   "alternate Wednesdays" every two weeks; "every N weeks" every N weeks.
 *   A singular weekday with no frequency ("Wednesday at 10:00 PT") may be
 *   a one-off, and is not understood.
 * - Monthly meetings are by ordinal weekday: "first Tuesday", "3rd
 *   Wednesday", "last Wednesday every month", "monthly - third Tuesday".
 *   "every third Wednesday" is only taken as monthly when the text also
 *   speaks of the month, since it could mean every three weeks. Two
 *   ordinals ("1st and 3rd Tuesday") are not supported: taking only the
 *   first would show a wrong next meeting. "monthly" with no ordinal is
 *   only understood when a start date says which week it is (a date on
 *   the first four weeks of its month).
 * - A date after "starting", "start", "from", "since" ("biweekly starting
 *   Thursday June 25th, 2020", "2019 start date: Jan. 11th") is one
 *   occurrence and becomes the anchor when it falls on the meeting's
 *   weekday; other dates are ignored.
 * - "daily", "quarterly", "twice", "cancelled", "suspended", "TBD" and
 *   the like make the text unparseable.
 */

/* Types */

typedef enum
{
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_TIME,
  TOKEN_PUNCT,
} TokenKind;

typedef struct
{
  TokenKind kind;
  char *text;         /* WORD: as written */
  char *folded;       /* WORD: in lower case */
  int value;          /* NUMBER: its value; TIME: minutes after midnight, -1 if impossible */
  guint n_digits;     /* NUMBER */
  gboolean ordinal;   /* NUMBER: written "1st", "2nd", "25th" */
  gboolean meridiem;  /* TIME: written with AM or PM */
  gboolean pm;        /* TIME: written with PM */
  gunichar punct;     /* PUNCT */
  gboolean used;      /* taken by a date, a range or "every N weeks" */
} Token;

typedef struct
{
  GPtrArray *tokens;

  gboolean failed;
  GDateWeekday weekday;
  gboolean weekday_plural;
  gboolean weekday_every;
  int start;
  int end;
  const char *zone;
  guint interval;
  gboolean monthly;
  gboolean month_mentioned;
  int ordinal;
  gboolean every_ordinal;
  GDate anchor_date;
} Scan;

typedef struct
{
  const char *name;
  const char *zone;
} ZoneName;

typedef struct
{
  const char *name;
  int value;
} WordValue;

/* Tables */

G_DEFINE_ENUM_TYPE (ConveneMeetingState, convene_meeting_state,
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_SOON, "soon"),
                    G_DEFINE_ENUM_VALUE (CONVENE_MEETING_STATE_LIVE, "live"))

/* Abbreviations, matched as written. Each names the region whose clock
 * the community means all year round. Ambiguous ones take the meaning
 * open-source communities use: CST is US Central (not China), IST is
 * India (not Ireland or Israel), CET is Central Europe, for which Berlin
 * stands (Paris, Berlin, Warsaw and Rome have shared their rules since
 * 1996).
 */
static const ZoneName zone_abbreviations[] = {
  { "PT", "America/Los_Angeles" },
  { "PST", "America/Los_Angeles" },
  { "PDT", "America/Los_Angeles" },
  { "MT", "America/Denver" },
  { "MST", "America/Denver" },
  { "MDT", "America/Denver" },
  { "CT", "America/Chicago" },
  { "CST", "America/Chicago" },
  { "CDT", "America/Chicago" },
  { "ET", "America/New_York" },
  { "EST", "America/New_York" },
  { "EDT", "America/New_York" },
  { "BRT", "America/Sao_Paulo" },
  { "UTC", "UTC" },
  { "GMT", "UTC" },
  { "BST", "Europe/London" },
  { "WET", "Europe/Lisbon" },
  { "WEST", "Europe/Lisbon" },
  { "CET", "Europe/Berlin" },
  { "CEST", "Europe/Berlin" },
  { "EET", "Europe/Athens" },
  { "EEST", "Europe/Athens" },
  { "IST", "Asia/Kolkata" },
  { "SGT", "Asia/Singapore" },
  { "JST", "Asia/Tokyo" },
  { "KST", "Asia/Seoul" },
  { "AEST", "Australia/Sydney" },
  { "AEDT", "Australia/Sydney" },
  { "NZST", "Pacific/Auckland" },
  { "NZDT", "Pacific/Auckland" },
};

/* Region names, in any case; those that are also ordinary words count
 * only when followed by "time", "standard" or "daylight".
 */
static const ZoneName zone_regions[] = {
  { "pacific", "America/Los_Angeles" },
  { "mountain", "America/Denver" },
  { "central", "America/Chicago" },
  { "eastern", "America/New_York" },
  { "india", "Asia/Kolkata" },
};

static const ZoneName zone_words[] = {
  { "utc", "UTC" },
  { "gmt", "UTC" },
  { "poland", "Europe/Warsaw" },
};

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

/* Words that say the schedule is something this model cannot hold. */
static const char * const unsupported_words[] = {
  "daily", "quarterly", "yearly", "annually", "twice", "thrice",
  "cancelled", "canceled", "suspended", "paused", "hiatus", "discontinued",
  "tbd", "tba",
};

static const char * const start_words[] = {
  "starting", "start", "starts", "started", "from", "since", "beginning", "begins",
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
is_digit (char c)
{
  return c >= '0' && c <= '9';
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
static GPtrArray *
tokenize (const char *text)
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

static Token *
token_at (GPtrArray *tokens,
          int        i)
{
  if (i < 0 || (guint)i >= tokens->len)
    return NULL;
  return g_ptr_array_index (tokens, i);
}

static gboolean
word_is (GPtrArray  *tokens,
         int         i,
         const char *folded)
{
  Token *token = token_at (tokens, i);

  return token != NULL && token->kind == TOKEN_WORD && strcmp (token->folded, folded) == 0;
}

static gboolean
punct_is (GPtrArray *tokens,
          int        i,
          gunichar   c)
{
  Token *token = token_at (tokens, i);

  return token != NULL && token->kind == TOKEN_PUNCT && token->punct == c;
}

static gboolean
word_in (const char         *folded,
         const char * const *words,
         gsize               n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (folded, words[i]) == 0)
      return TRUE;
  return FALSE;
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

static GDateWeekday
weekday_of (const Token *token,
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

static gboolean
is_weekday (GPtrArray *tokens,
            int        i)
{
  gboolean plural;

  return weekday_of (token_at (tokens, i), &plural) != G_DATE_BAD_WEEKDAY;
}

static int
month_of (const Token *token)
{
  int month;

  if (token == NULL || token->kind != TOKEN_WORD ||
      !lookup_value (month_words, G_N_ELEMENTS (month_words), token->folded, &month))
    return 0;
  return month;
}

/* The ordinal a token stands for: 1 to 5, -1 for "last", 0 if none. */
static int
ordinal_of (const Token *token)
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
static int
count_of (const Token *token)
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

static const char *
zone_from_abbreviation (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (zone_abbreviations); i++)
    if (strcmp (zone_abbreviations[i].name, text) == 0)
      return zone_abbreviations[i].zone;
  return NULL;
}

/* GLib reads a zone's file again each time one is created after the
 * last reference went away, and a window asks for the next meeting of
 * every group on each tick: keep the zones met so far.
 */
static GTimeZone *
lookup_zone (const char *identifier)
{
  static GHashTable *zones;
  G_LOCK_DEFINE_STATIC (zones);
  GTimeZone *tz;

  G_LOCK (zones);

  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify)g_time_zone_unref);

  if (!g_hash_table_lookup_extended (zones, identifier, NULL, (gpointer *)&tz))
    {
      /* %NULL for an unknown zone is kept too */
      tz = g_time_zone_new_identifier (identifier);
      g_hash_table_insert (zones, g_strdup (identifier), tz);
    }

  if (tz != NULL)
    g_time_zone_ref (tz);

  G_UNLOCK (zones);

  return tz;
}

static gboolean
zone_exists (const char *identifier)
{
  g_autoptr(GTimeZone) tz = lookup_zone (identifier);

  return tz != NULL;
}

/* The zone named by the word at @i (with the words after it), or %NULL. */
static const char *
zone_at (GPtrArray *tokens,
         int        i)
{
  Token *token = token_at (tokens, i);
  const char *zone;

  if (token == NULL || token->kind != TOKEN_WORD)
    return NULL;

  if ((zone = zone_from_abbreviation (token->text)))
    return zone;

  if (strchr (token->text, '/') != NULL)
    {
      g_auto(GStrv) parts = NULL;

      if (g_ascii_isupper (token->text[0]) && zone_exists (token->text))
        return g_intern_string (token->text);

      /* "PT/PST" */
      parts = g_strsplit (token->text, "/", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if ((zone = zone_from_abbreviation (parts[j])))
          return zone;
      return NULL;
    }

  for (guint j = 0; j < G_N_ELEMENTS (zone_words); j++)
    if (strcmp (zone_words[j].name, token->folded) == 0)
      return zone_words[j].zone;

  if (strcmp (token->folded, "central") == 0 && word_is (tokens, i + 1, "european"))
    return "Europe/Berlin";

  for (guint j = 0; j < G_N_ELEMENTS (zone_regions); j++)
    {
      if (strcmp (zone_regions[j].name, token->folded) == 0 &&
          (word_is (tokens, i + 1, "time") ||
           word_is (tokens, i + 1, "standard") ||
           word_is (tokens, i + 1, "daylight")))
        return zone_regions[j].zone;
    }

  return NULL;
}

/* Dates */

static gboolean
is_year (const Token *token)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->n_digits == 4 && !token->ordinal;
}

static gboolean
is_day_of_month (const Token *token)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->n_digits <= 2 &&
         token->value >= 1 && token->value <= 31;
}

/* Finds the dates in the text ("June 25th, 2020", "Jan. 11th" after a
 * "2019", "25 June 2020", "2020-06-25"), marks their tokens used, and
 * keeps the first one that follows a word like "starting".
 */
static void
scan_dates (Scan *scan)
{
  GPtrArray *tokens = scan->tokens;
  int start_word = -1;

  for (int i = 0; (guint)i < tokens->len; i++)
    {
      Token *token = token_at (tokens, i);
      int day = 0, month = 0, year = 0;
      int first = i, last = i;

      if (token->used)
        continue;

      if (token->kind == TOKEN_WORD &&
          word_in (token->folded, start_words, G_N_ELEMENTS (start_words)))
        {
          if (start_word < 0)
            start_word = i;
          continue;
        }

      if ((month = month_of (token)))
        {
          int j = i + 1;

          if (punct_is (tokens, j, '.'))
            j++;
          if (!is_day_of_month (token_at (tokens, j)))
            continue;
          day = token_at (tokens, j)->value;
          last = j++;
          if (punct_is (tokens, j, ','))
            j++;
          if (is_year (token_at (tokens, j)))
            {
              year = token_at (tokens, j)->value;
              last = j;
            }
          else
            {
              /* "2019 start date: Jan. 11th" */
              for (int k = i - 1; k >= 0 && year == 0; k--)
                if (is_year (token_at (tokens, k)) && !token_at (tokens, k)->used)
                  {
                    year = token_at (tokens, k)->value;
                    token_at (tokens, k)->used = TRUE;
                  }
            }
        }
      else if (is_day_of_month (token) && (month = month_of (token_at (tokens, i + 1))))
        {
          int j = i + 2;

          day = token->value;
          last = i + 1;
          if (punct_is (tokens, j, ','))
            j++;
          if (is_year (token_at (tokens, j)))
            {
              year = token_at (tokens, j)->value;
              last = j;
            }
        }
      else if (is_year (token) && punct_is (tokens, i + 1, '-') &&
               token_at (tokens, i + 2) != NULL && token_at (tokens, i + 2)->kind == TOKEN_NUMBER &&
               punct_is (tokens, i + 3, '-') && is_day_of_month (token_at (tokens, i + 4)))
        {
          year = token->value;
          month = token_at (tokens, i + 2)->value;
          day = token_at (tokens, i + 4)->value;
          last = i + 4;
        }
      else
        {
          continue;
        }

      for (int k = first; k <= last; k++)
        token_at (tokens, k)->used = TRUE;

      if (year != 0 && start_word >= 0 && start_word < first &&
          !g_date_valid (&scan->anchor_date) &&
          month >= 1 && month <= 12 && g_date_valid_dmy (day, month, year))
        g_date_set_dmy (&scan->anchor_date, day, month, year);

      i = last;
    }
}

/* Scanning */

static void
scan_set_interval (Scan  *scan,
                   guint  interval)
{
  if (scan->interval != 0 && scan->interval != interval)
    scan->failed = TRUE;
  scan->interval = interval;
}

static void
scan_set_ordinal (Scan *scan,
                  int   ordinal)
{
  if (ordinal < -1 || ordinal == 0 || ordinal > 5)
    scan->failed = TRUE;
  else if (scan->ordinal != 0 && scan->ordinal != ordinal)
    scan->failed = TRUE;
  scan->ordinal = ordinal;
}

static void
scan_word (Scan *scan,
           int   i)
{
  GPtrArray *tokens = scan->tokens;
  Token *token = token_at (tokens, i);
  GDateWeekday weekday;
  gboolean plural = FALSE;
  int ordinal;

  if ((weekday = weekday_of (token, &plural)) != G_DATE_BAD_WEEKDAY)
    {
      if (scan->weekday != G_DATE_BAD_WEEKDAY && scan->weekday != weekday)
        scan->failed = TRUE;
      scan->weekday = weekday;
      scan->weekday_plural |= plural;

      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each"))
        scan->weekday_every = TRUE;
      else if (word_is (tokens, i - 1, "other") && word_is (tokens, i - 2, "every"))
        scan_set_interval (scan, 2);
      else if (word_is (tokens, i - 1, "alternate"))
        scan_set_interval (scan, 2);
      return;
    }

  if (scan->zone == NULL && (scan->zone = zone_at (tokens, i)) != NULL)
    {
      /* "UTC+2" is a fixed offset, not UTC */
      if (strcmp (scan->zone, "UTC") == 0 &&
          (punct_is (tokens, i + 1, '+') || punct_is (tokens, i + 1, '-')) &&
          token_at (tokens, i + 2) != NULL && token_at (tokens, i + 2)->kind != TOKEN_WORD)
        scan->failed = TRUE;
      return;
    }

  if (strcmp (token->folded, "weekly") == 0)
    {
      scan_set_interval (scan, 1);
    }
  else if (strcmp (token->folded, "biweekly") == 0 ||
           strcmp (token->folded, "bi-weekly") == 0 ||
           strcmp (token->folded, "fortnightly") == 0)
    {
      scan_set_interval (scan, 2);
    }
  else if (strcmp (token->folded, "monthly") == 0)
    {
      scan->monthly = TRUE;
    }
  else if (strcmp (token->folded, "week") == 0 || strcmp (token->folded, "weeks") == 0)
    {
      int count;

      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each") ||
          word_is (tokens, i - 1, "per") || word_is (tokens, i - 1, "a"))
        {
          scan_set_interval (scan, 1);
        }
      else if ((word_is (tokens, i - 2, "every") || word_is (tokens, i - 2, "each")) &&
               (count = count_of (token_at (tokens, i - 1))) > 0)
        {
          token_at (tokens, i - 1)->used = TRUE;
          if (count > 52)
            scan->failed = TRUE;
          else
            scan_set_interval (scan, count);
        }
    }
  else if (strcmp (token->folded, "month") == 0 || strcmp (token->folded, "months") == 0)
    {
      scan->month_mentioned = TRUE;
      if (word_is (tokens, i - 1, "every") || word_is (tokens, i - 1, "each") ||
          word_is (tokens, i - 1, "per") || word_is (tokens, i - 1, "a"))
        scan->monthly = TRUE;
    }
  else if (word_in (token->folded, unsupported_words, G_N_ELEMENTS (unsupported_words)))
    {
      scan->failed = TRUE;
    }
  else if ((ordinal = ordinal_of (token)) != 0 && !token->used &&
           !word_is (tokens, i + 1, "week") && !word_is (tokens, i + 1, "weeks"))
    {
      if (is_weekday (tokens, i + 1))
        {
          scan_set_ordinal (scan, ordinal);
          if (word_is (tokens, i - 1, "every"))
            scan->every_ordinal = TRUE;
        }
      else if (ordinal != -1)
        {
          /* "1st and 3rd", "first meeting": not one ordinal weekday */
          scan->failed = TRUE;
        }
    }
}

static void
scan_time (Scan *scan,
           int   i)
{
  GPtrArray *tokens = scan->tokens;
  Token *token = token_at (tokens, i);
  Token *end;
  int j = i + 1;

  if (token->used || scan->start >= 0)
    return;

  if (token->value < 0)
    {
      scan->failed = TRUE;
      return;
    }

  scan->start = token->value;

  if (punct_is (tokens, j, '-') || punct_is (tokens, j, 0x2013) || punct_is (tokens, j, 0x2014) ||
      word_is (tokens, j, "to") || word_is (tokens, j, "until") || word_is (tokens, j, "till"))
    j++;
  else
    return;

  end = token_at (tokens, j);
  if (end == NULL || end->kind != TOKEN_TIME)
    return;

  end->used = TRUE;
  if (end->value < 0)
    {
      scan->failed = TRUE;
      return;
    }

  /* "1:00-2:00 PM": the meridiem of the end covers the start */
  if (!token->meridiem && end->meridiem && end->pm &&
      scan->start < 12 * 60 && scan->start + 12 * 60 <= end->value)
    scan->start += 12 * 60;

  scan->end = end->value;
}

static void
scan_tokens (Scan *scan)
{
  GPtrArray *tokens = scan->tokens;

  scan_dates (scan);

  for (int i = 0; (guint)i < tokens->len && !scan->failed; i++)
    {
      Token *token = token_at (tokens, i);

      switch (token->kind)
        {
        case TOKEN_WORD:
          scan_word (scan, i);
          break;

        case TOKEN_TIME:
          scan_time (scan, i);
          break;

        case TOKEN_NUMBER:
          /* "every 3rd week" is read at "week" */
          if (token->ordinal && !token->used &&
              !word_is (tokens, i + 1, "week") && !word_is (tokens, i + 1, "weeks"))
            {
              if (is_weekday (tokens, i + 1))
                {
                  scan_set_ordinal (scan, token->value);
                  if (word_is (tokens, i - 1, "every"))
                    scan->every_ordinal = TRUE;
                }
              else
                {
                  scan->failed = TRUE;
                }
            }
          break;

        case TOKEN_PUNCT:
        default:
          break;
        }
    }
}

static void
clear_schedule (ConveneMeeting *meeting)
{
  convene_meeting_set_weekday (meeting, G_DATE_BAD_WEEKDAY);
  convene_meeting_set_start_minute (meeting, -1);
  convene_meeting_set_end_minute (meeting, -1);
  convene_meeting_set_timezone (meeting, NULL);
  convene_meeting_set_interval_weeks (meeting, 0);
  convene_meeting_set_week_of_month (meeting, 0);
}

/* Turns what the scan found into the meeting's structure. */
static gboolean
apply_scan (Scan           *scan,
            ConveneMeeting *meeting)
{
  g_autoptr(GDateTime) anchor = NULL;
  gboolean anchor_fits;
  guint interval = 0;
  int week_of_month = 0;

  if (scan->failed ||
      scan->weekday == G_DATE_BAD_WEEKDAY ||
      scan->start < 0 ||
      scan->zone == NULL)
    return FALSE;

  anchor_fits = g_date_valid (&scan->anchor_date) &&
                g_date_get_weekday (&scan->anchor_date) == scan->weekday;

  if (scan->ordinal != 0)
    {
      if (scan->interval != 0)
        return FALSE;
      /* "every third Wednesday" may mean every three weeks */
      if (scan->every_ordinal && !scan->monthly && !scan->month_mentioned)
        return FALSE;
      week_of_month = scan->ordinal;
    }
  else if (scan->monthly)
    {
      guint day;

      if (scan->interval != 0 || !anchor_fits)
        return FALSE;
      day = g_date_get_day (&scan->anchor_date);
      if (day > 28)
        return FALSE;
      week_of_month = (day - 1) / 7 + 1;
    }
  else if (scan->interval != 0)
    {
      interval = scan->interval;
    }
  else if (scan->weekday_plural || scan->weekday_every)
    {
      interval = 1;
    }
  else
    {
      return FALSE;
    }

  if (anchor_fits)
    {
      g_autoptr(GTimeZone) tz = lookup_zone (scan->zone);
      g_autoptr(GDateTime) local = NULL;

      if (tz != NULL)
        local = g_date_time_new (tz,
                                 g_date_get_year (&scan->anchor_date),
                                 g_date_get_month (&scan->anchor_date),
                                 g_date_get_day (&scan->anchor_date),
                                 scan->start / 60, scan->start % 60, 0);
      if (local != NULL)
        anchor = g_date_time_to_utc (local);
    }

  convene_meeting_set_weekday (meeting, scan->weekday);
  convene_meeting_set_start_minute (meeting, scan->start);
  convene_meeting_set_end_minute (meeting, scan->end);
  convene_meeting_set_timezone (meeting, scan->zone);
  convene_meeting_set_interval_weeks (meeting, interval);
  convene_meeting_set_week_of_month (meeting, week_of_month);
  if (anchor != NULL)
    convene_meeting_set_anchor (meeting, anchor);

  return TRUE;
}

/* Recurrence */

static int
week_index (const GDate *date)
{
  /* Julian day 1 (1 January of year 1) was a Monday */
  return (int)(g_date_get_julian (date) - g_date_get_weekday (date)) / 7;
}

static gboolean
date_matches (ConveneMeeting *meeting,
              const GDate    *date,
              const GDate    *anchor_date)
{
  int week_of_month = convene_meeting_get_week_of_month (meeting);
  guint interval = convene_meeting_get_interval_weeks (meeting);

  if (g_date_get_weekday (date) != convene_meeting_get_weekday (meeting))
    return FALSE;

  if (week_of_month > 0)
    return (g_date_get_day (date) - 1) / 7 + 1 == (guint)week_of_month;

  if (week_of_month == -1)
    return g_date_get_day (date) + 7 > g_date_get_days_in_month (g_date_get_month (date),
                                                                 g_date_get_year (date));

  if (interval > 1)
    {
      int weeks = week_index (date) - week_index (anchor_date);

      return weeks % (int)interval == 0;
    }

  return TRUE;
}

static GTimeZone *
meeting_zone (ConveneMeeting *meeting)
{
  const char *identifier = convene_meeting_get_timezone (meeting);

  if (identifier == NULL)
    return NULL;
  return lookup_zone (identifier);
}

static void
date_from_date_time (GDate     *date,
                     GDateTime *dt)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

/* Public API */

/**
 * convene_schedule_zone_for_name:
 * @name: a time zone as people write it: "PT", "PST", "Pacific Time",
 *   "CET (Central European Time)", "Poland", "America/Los_Angeles"
 *
 * Finds the IANA time zone a community means. Abbreviations stand for
 * the wall-clock time of their region all year: "PST" and "PDT" both give
 * "America/Los_Angeles", whose clock follows daylight saving time. CST is
 * US Central, IST is India, CET and CEST are "Europe/Berlin", UTC and GMT
 * are "UTC".
 *
 * Returns: (nullable): the IANA identifier (an interned string), or %NULL
 *   if @name names no zone this function knows
 */
const char *
convene_schedule_zone_for_name (const char *name)
{
  g_autoptr(GPtrArray) tokens = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  tokens = tokenize (name);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *zone = zone_at (tokens, i);

      if (zone != NULL)
        return g_intern_string (zone);
    }

  return NULL;
}

/**
 * convene_schedule_parse:
 * @text: a schedule as a community wrote it, such as
 *   "Wednesdays at 13:00 PT - Biweekly"; a whole sentence may be given
 * @meeting: the meeting whose structure to fill
 *
 * Reads the weekday, start, end, time zone and frequency of a recurring
 * meeting from @text, following the rules at the top of this file. When
 * @text names a start date ("biweekly starting Tuesday Oct 28, 2025") on
 * the meeting's weekday, it becomes the anchor; otherwise the anchor is
 * left as it is, since it usually comes from a calendar link (see
 * convene_schedule_anchor_from_calendar_url()).
 *
 * Returns: %TRUE if @text was understood; otherwise the structure of
 *   @meeting is left empty (no weekday, start or zone)
 */
gboolean
convene_schedule_parse (const char     *text,
                        ConveneMeeting *meeting)
{
  Scan scan = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), FALSE);
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  scan.tokens = tokenize (text);
  scan.weekday = G_DATE_BAD_WEEKDAY;
  scan.start = -1;
  scan.end = -1;
  g_date_clear (&scan.anchor_date, 1);

  scan_tokens (&scan);
  ok = apply_scan (&scan, meeting);
  if (!ok)
    clear_schedule (meeting);

  g_ptr_array_unref (scan.tokens);
  return ok;
}

/**
 * convene_schedule_parse_parts:
 * @day: the day, such as "Tuesday", "first Wednesday" or
 *   "Thursdays (starting February 15th 2024)"
 * @time: the start, such as "9:00", "09:00" or "2PM"
 * @tz: the time zone, such as "PT (Pacific Time)", "UTC" or "Poland"
 * @frequency: (nullable): such as "biweekly", "monthly - third Tuesday" or
 *   "biweekly starting Thursday June 25th, 2020"
 * @meeting: the meeting whose structure to fill
 *
 * Like convene_schedule_parse() for registries that keep the parts of a
 * schedule in separate fields, as the Kubernetes sigs.yaml does. @time
 * must hold the start and @tz the zone.
 *
 * Returns: %TRUE if the parts were understood; otherwise the structure of
 *   @meeting is left empty
 */
gboolean
convene_schedule_parse_parts (const char     *day,
                              const char     *time,
                              const char     *tz,
                              const char     *frequency,
                              ConveneMeeting *meeting)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) time_tokens = NULL;
  Token *first;

  g_return_val_if_fail (day != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (day, -1, NULL) && g_utf8_validate (time, -1, NULL) &&
                        g_utf8_validate (tz, -1, NULL), FALSE);
  g_return_val_if_fail (frequency == NULL || g_utf8_validate (frequency, -1, NULL), FALSE);
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  /* The time field must start with the time and the zone field must name
   * a zone, so that neither is taken from a stray word elsewhere.
   */
  time_tokens = tokenize (time);
  first = token_at (time_tokens, 0);
  if (first == NULL || first->kind != TOKEN_TIME || convene_schedule_zone_for_name (tz) == NULL)
    {
      clear_schedule (meeting);
      return FALSE;
    }

  /* The time and the zone first: the first of each in the text wins. */
  text = g_strdup_printf ("%s ; %s ; %s ; %s", time, tz, day, frequency ? frequency : "");
  return convene_schedule_parse (text, meeting);
}

/**
 * convene_schedule_anchor_from_calendar_url:
 * @url: a Google Calendar event link, such as
 *   "https://calendar.google.com/event?action=TEMPLATE&tmeid=..."
 *
 * Google Calendar invitation links carry the event in a `tmeid` (or
 * `eid`) parameter: URL-safe base64 without padding of
 * "<event id>_<YYYYMMDDTHHMMSSZ> <organizer>". The time stamp is the start
 * of one occurrence of the series, which tells which weeks a biweekly
 * meeting falls on.
 *
 * Returns: (transfer full) (nullable): the start of that occurrence in
 *   UTC, or %NULL if @url carries no such event
 */
GDateTime *
convene_schedule_anchor_from_calendar_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *padded = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *event = NULL;
  const char *query;
  const char *eid;
  const char *stamp;
  char *space;
  gsize len;
  int fields[6];
  static const int offsets[6] = { 0, 4, 6, 9, 11, 13 };
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || (query = g_uri_get_query (uri)) == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  eid = g_hash_table_lookup (params, "tmeid");
  if (eid == NULL)
    eid = g_hash_table_lookup (params, "eid");
  if (eid == NULL || *eid == '\0')
    return NULL;

  len = strlen (eid);
  padded = g_malloc (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = eid[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/' && !(c == '=' && i + 2 >= len))
        return NULL;
      padded[i] = c;
    }
  while (len % 4 != 0)
    padded[len++] = '=';
  padded[len] = '\0';

  decoded = g_base64_decode (padded, &len);
  if (decoded == NULL || len == 0 || !g_utf8_validate ((const char *)decoded, len, NULL) ||
      memchr (decoded, '\0', len) != NULL)
    return NULL;
  event = g_strndup ((const char *)decoded, len);

  /* "<event id>_<stamp> <organizer>" */
  if ((space = strchr (event, ' ')) != NULL)
    *space = '\0';
  stamp = strrchr (event, '_');
  if (stamp == NULL || stamp == event)
    return NULL;
  stamp++;

  if (strlen (stamp) != 16 || stamp[8] != 'T' || stamp[15] != 'Z')
    return NULL;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      fields[f] = 0;
      for (int k = 0; k < widths[f]; k++)
        {
          char c = stamp[offsets[f] + k];

          if (!is_digit (c))
            return NULL;
          fields[f] = fields[f] * 10 + (c - '0');
        }
    }

  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 ||
      !g_date_valid_dmy (fields[2], fields[1], fields[0]) ||
      fields[3] > 23 || fields[4] > 59 || fields[5] > 59)
    return NULL;

  return g_date_time_new_utc (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
}

/**
 * convene_schedule_is_computable:
 * @meeting: a #ConveneMeeting
 *
 * Whether the dates of @meeting can be computed: it has a schedule, its
 * zone is known to the system, and when it does not meet every week or
 * by ordinal weekday, an anchor says which weeks it falls on.
 *
 * Returns: %TRUE if convene_schedule_next_start() can find occurrences
 */
gboolean
convene_schedule_is_computable (ConveneMeeting *meeting)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), FALSE);

  if (!convene_meeting_has_schedule (meeting))
    return FALSE;

  if (convene_meeting_get_week_of_month (meeting) == 0 &&
      convene_meeting_get_interval_weeks (meeting) > 1 &&
      convene_meeting_get_anchor (meeting) == NULL)
    return FALSE;

  tz = meeting_zone (meeting);
  return tz != NULL;
}

/**
 * convene_schedule_get_duration:
 * @meeting: a #ConveneMeeting
 *
 * An end before the start is on the next day (23:30-00:30 lasts an hour).
 *
 * Returns: how many minutes @meeting lasts: from its start to its end, or
 *   %CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES when no end is known
 */
int
convene_schedule_get_duration (ConveneMeeting *meeting)
{
  int start, end;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES);

  start = convene_meeting_get_start_minute (meeting);
  end = convene_meeting_get_end_minute (meeting);

  if (start < 0 || end < 0 || end == start)
    return CONVENE_SCHEDULE_DEFAULT_DURATION_MINUTES;
  if (end > start)
    return end - start;
  return end + 24 * 60 - start;
}

/**
 * convene_schedule_next_start:
 * @meeting: a #ConveneMeeting
 * @now: the time to look from
 *
 * Finds the first occurrence of @meeting that starts at or after @now.
 * Occurrences are computed on the calendar of the meeting's zone, one
 * local day at a time, so a meeting at 10:00 Pacific stays at 10:00
 * Pacific across daylight saving changes. A meeting every N weeks falls
 * on the weeks (Monday to Sunday, in the meeting's zone) a multiple of N
 * from the week of its anchor.
 *
 * Returns: (transfer full) (nullable): the start, in the meeting's time
 *   zone (convert with g_date_time_to_local()), or %NULL when it cannot be
 *   computed (see convene_schedule_is_computable())
 */
GDateTime *
convene_schedule_next_start (ConveneMeeting *meeting,
                             GDateTime      *now)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GDate date;
  GDate anchor_date;
  GDateWeekday weekday;
  guint interval;
  guint n_weeks;
  int start;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!convene_schedule_is_computable (meeting))
    return NULL;

  tz = meeting_zone (meeting);
  weekday = convene_meeting_get_weekday (meeting);
  interval = convene_meeting_get_interval_weeks (meeting);
  start = convene_meeting_get_start_minute (meeting);

  g_date_clear (&anchor_date, 1);
  if (convene_meeting_get_anchor (meeting) != NULL)
    {
      g_autoptr(GDateTime) local_anchor = g_date_time_to_timezone (convene_meeting_get_anchor (meeting), tz);

      date_from_date_time (&anchor_date, local_anchor);
    }

  if (convene_meeting_get_week_of_month (meeting) != 0)
    n_weeks = 5 * 53;  /* a fifth Wednesday can be months away */
  else if (interval > 1000)
    return NULL;
  else
    n_weeks = interval + 2;

  /* Start the day before, in case a zone's change of day makes a late
   * meeting of yesterday still to come.
   */
  local_now = g_date_time_to_timezone (now, tz);
  date_from_date_time (&date, local_now);
  g_date_subtract_days (&date, 1);
  g_date_add_days (&date, ((int)weekday - (int)g_date_get_weekday (&date) + 7) % 7);

  for (guint i = 0; i < n_weeks; i++, g_date_add_days (&date, 7))
    {
      g_autoptr(GDateTime) occurrence = NULL;

      if (!date_matches (meeting, &date, &anchor_date))
        continue;

      occurrence = g_date_time_new (tz,
                                    g_date_get_year (&date),
                                    g_date_get_month (&date),
                                    g_date_get_day (&date),
                                    start / 60, start % 60, 0);
      if (occurrence != NULL && g_date_time_compare (occurrence, now) >= 0)
        return g_steal_pointer (&occurrence);
    }

  return NULL;
}

/**
 * convene_schedule_next:
 * @meeting: a #ConveneMeeting
 * @now: the time to look from
 *
 * Finds the first occurrence of @meeting that has not ended at @now: the
 * first start after `now - duration` (see convene_schedule_get_duration()),
 * so a meeting in progress counts and one ending exactly at @now does not.
 *
 * Returns: (transfer full) (nullable): its start, in the meeting's time
 *   zone, or %NULL when it cannot be computed
 */
GDateTime *
convene_schedule_next (ConveneMeeting *meeting,
                       GDateTime      *now)
{
  g_autoptr(GDateTime) from = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  from = g_date_time_add (now, -convene_schedule_get_duration (meeting) * G_TIME_SPAN_MINUTE + 1);
  return convene_schedule_next_start (meeting, from);
}

/**
 * convene_schedule_get_state:
 * @meeting: a #ConveneMeeting
 * @now: the current time
 * @next_change: (out) (optional) (transfer full) (nullable): when the
 *   state next changes, %NULL if never
 *
 * Says whether @meeting is running (%CONVENE_MEETING_STATE_LIVE: from its
 * start, included, to its end, excluded), about to start
 * (%CONVENE_MEETING_STATE_SOON: within %CONVENE_SCHEDULE_SOON_MINUTES of its
 * start) or neither. One timer set for @next_change keeps a display up to
 * date.
 *
 * Returns: the state at @now
 */
ConveneMeetingState
convene_schedule_get_state (ConveneMeeting  *meeting,
                            GDateTime       *now,
                            GDateTime      **next_change)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) soon = NULL;

  if (next_change != NULL)
    *next_change = NULL;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), CONVENE_MEETING_STATE_NONE);
  g_return_val_if_fail (now != NULL, CONVENE_MEETING_STATE_NONE);

  start = convene_schedule_next (meeting, now);
  if (start == NULL)
    return CONVENE_MEETING_STATE_NONE;

  end = g_date_time_add_minutes (start, convene_schedule_get_duration (meeting));
  soon = g_date_time_add_minutes (start, -CONVENE_SCHEDULE_SOON_MINUTES);

  if (g_date_time_compare (now, start) >= 0)
    {
      if (next_change != NULL)
        *next_change = g_steal_pointer (&end);
      return CONVENE_MEETING_STATE_LIVE;
    }

  if (g_date_time_compare (now, soon) >= 0)
    {
      if (next_change != NULL)
        *next_change = g_steal_pointer (&start);
      return CONVENE_MEETING_STATE_SOON;
    }

  if (next_change != NULL)
    *next_change = g_steal_pointer (&soon);
  return CONVENE_MEETING_STATE_NONE;
}

/**
 * convene_schedule_format_next:
 * @start: the start of a meeting
 * @now: the current time
 *
 * Formats @start for the user in the local time zone, with how far away
 * it is: "Wed 2 Dec, 22:00 · in 3 days". The distance reads "now" once
 * the meeting has started; "in N minutes" (rounded up) within the hour;
 * "in N hours" (rounded) within six hours or the same day; then
 * "tomorrow" and "in N days" by local calendar days.
 *
 * Returns: (transfer full): the text
 */
char *
convene_schedule_format_next (GDateTime *start,
                              GDateTime *now)
{
  g_autoptr(GDateTime) local_start = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *relative = NULL;
  GTimeSpan diff;
  GDate start_day, today;
  int days;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local_start = g_date_time_to_local (start);
  local_now = g_date_time_to_local (now);

  /* Translators: the date and time of the next meeting, in
   * g_date_time_format() syntax, such as "Wed 2 Dec, 22:00"
   */
  date = g_date_time_format (local_start, C_("meeting time", "%a %-d %b, %H:%M"));
  if (date == NULL)
    date = g_date_time_format (local_start, "%Y-%m-%d %H:%M");

  diff = g_date_time_difference (start, now);
  date_from_date_time (&start_day, local_start);
  date_from_date_time (&today, local_now);
  days = g_date_days_between (&today, &start_day);

  if (diff <= 0)
    {
      /* Translators: a meeting has started */
      relative = g_strdup (C_("meeting time", "now"));
    }
  else if (diff < G_TIME_SPAN_HOUR)
    {
      int minutes = (diff + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;

      relative = g_strdup_printf (ngettext ("in %d minute", "in %d minutes", minutes), minutes);
    }
  else if (diff < 6 * G_TIME_SPAN_HOUR || days == 0)
    {
      int hours = (diff + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;

      relative = g_strdup_printf (ngettext ("in %d hour", "in %d hours", hours), hours);
    }
  else if (days == 1)
    {
      relative = g_strdup (_("tomorrow"));
    }
  else
    {
      relative = g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
    }

  /* Translators: the date of the next meeting, then how far away it is:
   * "Wed 2 Dec, 22:00 · in 3 days"
   */
  return g_strdup_printf (_("%s · %s"), date, relative);
}

/**
 * convene_schedule_describe:
 * @meeting: a #ConveneMeeting
 *
 * Describes the schedule of @meeting for the user, in its own time zone:
 * "Every other Wednesday at 13:00 (America/Los_Angeles)", "The third
 * Tuesday of the month at 16:00–17:00 (America/Los_Angeles)". This is what
 * to show when no date can be computed, such as for a biweekly meeting
 * without an anchor.
 *
 * Returns: (transfer full): the description, or a copy of the meeting's
 *   text when it has no schedule
 */
char *
convene_schedule_describe (ConveneMeeting *meeting)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *time = NULL;
  const char *zone;
  int start, end;
  guint interval;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);

  if (!convene_meeting_has_schedule (meeting))
    return g_strdup (convene_meeting_get_text (meeting));

  /* 1 January 2024 was a Monday: day N of that week is weekday N */
  day = g_date_time_new_utc (2024, 1, convene_meeting_get_weekday (meeting), 0, 0, 0);
  weekday = g_date_time_format (day, "%A");

  start = convene_meeting_get_start_minute (meeting);
  end = convene_meeting_get_end_minute (meeting);
  if (end >= 0 && end != start)
    {
      /* Translators: a meeting's start and end, "9:00–9:30" */
      time = g_strdup_printf (C_("meeting time", "%d:%02d–%d:%02d"),
                              start / 60, start % 60, (end / 60) % 24, end % 60);
    }
  else
    {
      /* Translators: a meeting's start, "13:00" */
      time = g_strdup_printf (C_("meeting time", "%d:%02d"), start / 60, start % 60);
    }

  zone = convene_meeting_get_timezone (meeting);
  interval = convene_meeting_get_interval_weeks (meeting);

  switch (convene_meeting_get_week_of_month (meeting))
    {
    case 1:
      /* Translators: "The first Tuesday of the month at 16:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("The first %s of the month at %s (%s)"), weekday, time, zone);
    case 2:
      return g_strdup_printf (_("The second %s of the month at %s (%s)"), weekday, time, zone);
    case 3:
      return g_strdup_printf (_("The third %s of the month at %s (%s)"), weekday, time, zone);
    case 4:
      return g_strdup_printf (_("The fourth %s of the month at %s (%s)"), weekday, time, zone);
    case 5:
      return g_strdup_printf (_("The fifth %s of the month at %s (%s)"), weekday, time, zone);
    case -1:
      return g_strdup_printf (_("The last %s of the month at %s (%s)"), weekday, time, zone);
    default:
      break;
    }

  if (interval == 1)
    {
      /* Translators: "Every Wednesday at 13:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("Every %s at %s (%s)"), weekday, time, zone);
    }
  if (interval == 2)
    {
      /* Translators: "Every other Wednesday at 13:00 (America/Los_Angeles)" */
      return g_strdup_printf (_("Every other %s at %s (%s)"), weekday, time, zone);
    }

  /* Translators: "Every 4 weeks on Wednesday at 9:00 (America/Los_Angeles)" */
  return g_strdup_printf (ngettext ("Every %u week on %s at %s (%s)",
                                    "Every %u weeks on %s at %s (%s)",
                                    interval),
                          interval, weekday, time, zone);
}
