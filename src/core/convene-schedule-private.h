/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

#include "convene-meeting.h"

G_BEGIN_DECLS

/* What the files of the schedule code share: the tokens of a schedule
 * text and what their words mean (convene-schedule-tokens.c), the zones
 * (convene-schedule-zones.c), and the calendar day of a time
 * (convene-schedule-recurrence.c). Not installed.
 */

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

/* Tokens (convene-schedule-tokens.c) */

GPtrArray    *schedule_tokenize            (const char  *text);
GDateWeekday  schedule_weekday_of          (const Token *token,
                                            gboolean    *plural);
gboolean      schedule_is_weekday          (GPtrArray   *tokens,
                                            int          i);
int           schedule_month_of            (const Token *token);
int           schedule_ordinal_of          (const Token *token);
int           schedule_count_of            (const Token *token);

/* Zones (convene-schedule-zones.c) */

const char   *schedule_zone_at             (GPtrArray   *tokens,
                                            int          i);
GTimeZone    *schedule_lookup_zone         (const char  *identifier);

/* Recurrence (convene-schedule-recurrence.c) */

void          schedule_date_from_date_time (GDate       *date,
                                            GDateTime   *dt);

/* The engine (convene-schedule-rule.c) */

GDateTime    *schedule_next_start_cached   (ConveneMeeting *meeting,
                                            GDateTime      *from);

/* The small lookups every reader of tokens makes, inline so that each
 * file has them at no cost.
 */

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline Token *
token_at (GPtrArray *tokens,
          int        i)
{
  if (i < 0 || (guint)i >= tokens->len)
    return NULL;
  return g_ptr_array_index (tokens, i);
}

static inline gboolean
word_is (GPtrArray  *tokens,
         int         i,
         const char *folded)
{
  Token *token = token_at (tokens, i);

  return token != NULL && token->kind == TOKEN_WORD && strcmp (token->folded, folded) == 0;
}

static inline gboolean
punct_is (GPtrArray *tokens,
          int        i,
          gunichar   c)
{
  Token *token = token_at (tokens, i);

  return token != NULL && token->kind == TOKEN_PUNCT && token->punct == c;
}

static inline gboolean
word_in (const char         *folded,
         const char * const *words,
         gsize               n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (folded, words[i]) == 0)
      return TRUE;
  return FALSE;
}

G_END_DECLS
