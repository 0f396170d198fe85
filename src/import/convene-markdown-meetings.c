/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"
#include "convene-schedule.h"

#include <string.h>

/* The meetings section of the 2026 layout: one meeting all groups share,
 * its schedule phrase found in the prose, its links sorted by host. */

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

static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

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
  if (!text_fits (self, paragraph, _("the meeting text"), shared->text, CONVENE_MAX_MEETING_TEXT))
    {
      g_clear_pointer (&shared->text, g_free);
      return;
    }
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

  link = convene_link_new (kind, link_label (self, link_node, label), url);
  convene_community_add_link (self->community, link);
}

void
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
