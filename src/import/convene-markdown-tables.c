/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"
#include "convene-schedule.h"

#include <string.h>

/* Tables: what a header's columns mean, and the rows of the three kinds
 * of table Istio writes: leads, artifacts (2017 layout) and groups (2026). */

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

/* Tables */

static cmark_node *
table_cell (cmark_node *row,
            guint       index)
{
  cmark_node *cell = cmark_node_first_child (row);

  for (guint i = 0; cell != NULL && i < index; i++)
    cell = cmark_node_next (cell);

  return cell;
}

TableHeader *
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

void
table_header_free (TableHeader *header)
{
  g_free (header->columns);
  g_free (header);
}

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

gboolean
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
          if (!text_fits (self, cell, _("the name of this lead"), text, CONVENE_MAX_NAME))
            return;
          lead.name = g_strdup (text);
          if (links->len > 0)
            read_profile_link (self, g_ptr_array_index (links, 0), text, FALSE, &lead);
          break;

        case COLUMN_COMPANY:
          if (!is_empty_value (text) &&
              text_fits (self, cell, _("the company"), text, CONVENE_MAX_NAME))
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

void
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

void
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

          link = convene_link_new (kind, link_label (self, link_node, label), url);
          convene_group_add_link (group, link);

          if (kind == CONVENE_LINK_MEETING && (label == NULL || *g_strstrip (label) == '\0'))
            {
              add_issue (self, link_node,
                         _("the meeting link has no text saying when it meets; "
                           "imported as a link only"));
            }
          else if (kind == CONVENE_LINK_MEETING &&
                   text_fits (self, link_node, _("the meeting text"), label,
                              CONVENE_MAX_MEETING_TEXT))
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

      link = convene_link_new (link_kind, link_label (self, link_node, label), url);
      convene_group_add_link (group, link);
    }
}

void
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
      cmark_node *name_cell = table_cell (row, name_column) ? table_cell (row, name_column) : row;
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

      if (!text_fits (self, name_cell, _("the group name"), name, CONVENE_MAX_NAME) ||
          !text_fits (self, name_cell, _("the identifier made from the group name"), id,
                      CONVENE_MAX_ID))
        continue;

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

                if (*text != '\0' &&
                    text_fits (self, cell, _("the description"), text, CONVENE_MAX_PARAGRAPH))
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
