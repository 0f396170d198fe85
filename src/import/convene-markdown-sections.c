/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"

#include <string.h>

/* Blocks and sections: the preamble before the first section, a "## Group"
 * section per group (2017 layout), and the leads section (2026 layout);
 * what has no place in the registry is warned about. */

/* Blocks */

/* Warns that @node, a block of a kind with no place in the registry here,
 * is left out
 */
void
warn_block_not_imported (Importer   *self,
                         cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      add_issue (self, node, _("this paragraph is not imported"));
      return;

    case CMARK_NODE_LIST:
      add_issue (self, node, _("this list is not imported"));
      return;

    case CMARK_NODE_CODE_BLOCK:
      add_issue (self, node, _("this code block is not imported"));
      return;

    case CMARK_NODE_BLOCK_QUOTE:
      add_issue (self, node, _("this quotation is not imported"));
      return;

    case CMARK_NODE_HTML_BLOCK:
      add_issue (self, node, _("this HTML block is not imported"));
      return;

    case CMARK_NODE_HEADING:
      add_issue (self, node, _("this heading is not imported"));
      return;

    default:
      break;
    }

  if (node_is (node, "table"))
    add_issue (self, node, _("this table is not imported"));
  else
    add_issue (self, node, _("this block is not imported"));
}

/* A paragraph that ends with ":" right before a list or a table */
static gboolean
is_lead_in (cmark_node *paragraph)
{
  g_autofree char *text = node_plain_text (paragraph);
  cmark_node *next = cmark_node_next (paragraph);

  return g_str_has_suffix (text, ":") && next != NULL &&
         (cmark_node_get_type (next) == CMARK_NODE_LIST || node_is (next, "table"));
}

gboolean
is_html_comment (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  g_autofree char *stripped = g_strstrip (g_strdup (literal ? literal : ""));

  return g_str_has_prefix (stripped, "<!--") && g_str_has_suffix (stripped, "-->");
}

/* Handles the blocks that carry no data wherever they stand: headings and
 * rules are skipped, comments too, and other HTML is reported. Returns
 * whether @node was one of them.
 */
static gboolean
skip_layout_block (Importer   *self,
                   cmark_node *node,
                   gboolean    headings)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      return headings;

    case CMARK_NODE_THEMATIC_BREAK:
      return TRUE;

    case CMARK_NODE_HTML_BLOCK:
      if (!is_html_comment (node))
        warn_block_not_imported (self, node);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A list whose items are only links to anchors of this file */
static gboolean
collect_table_of_contents (Importer   *self,
                           cmark_node *list)
{
  g_autoptr(cmark_iter) iter = cmark_iter_new (list);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch ((int)cmark_node_get_type (cur))
        {
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_PARAGRAPH:
          break;

        case CMARK_NODE_LINK:
          {
            const char *url = cmark_node_get_url (cur);

            if (url == NULL || url[0] != '#')
              return FALSE;
            g_ptr_array_add (links, cur);
            cmark_iter_reset (iter, cur, CMARK_EVENT_EXIT);
          }
          break;

        case CMARK_NODE_TEXT:
          {
            g_autofree char *text = normalize_space (cmark_node_get_literal (cur));

            if (*text != '\0')
              return FALSE;
          }
          break;

        default:
          return FALSE;
        }
    }

  if (links->len == 0)
    return FALSE;

  g_ptr_array_extend (self->toc_links, links, NULL, NULL);
  return TRUE;
}

/* The link that gives the design docs location (see the top comment) */
static cmark_node *
find_design_docs_link (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    {
      g_autofree char *text = node_plain_text (g_ptr_array_index (links, i));
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (g_str_has_suffix (folded, "drive") || g_str_has_suffix (folded, "folder"))
        return g_ptr_array_index (links, i);
    }

  for (guint i = 0; i < links->len; i++)
    {
      ConveneLinkKind kind;

      if (classify_url (cmark_node_get_url (g_ptr_array_index (links, i)), &kind) &&
          kind == CONVENE_LINK_FOLDER)
        return g_ptr_array_index (links, i);
    }

  return NULL;
}

static void
import_preamble_paragraph (Importer   *self,
                           cmark_node *paragraph)
{
  g_autofree char *text = node_plain_text (paragraph);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (is_lead_in (paragraph))
    return;

  if (strstr (folded, "new group") != NULL || strstr (folded, "new working group") != NULL)
    {
      append_rich_paragraph (self, self->new_group, paragraph);
      return;
    }

  append_rich_paragraph (self, self->intro, paragraph);

  if (strstr (folded, "design doc") != NULL &&
      convene_community_get_design_docs_url (self->community) == NULL)
    {
      g_autoptr(GPtrArray) links = node_links (paragraph);
      cmark_node *link = find_design_docs_link (links);
      g_autofree char *url = NULL;

      if (link == NULL)
        {
          add_issue (self, paragraph,
                     _("this paragraph is about design docs but links to no folder"));
          return;
        }

      url = resolve_url (self, link, cmark_node_get_url (link), FALSE);
      if (url != NULL)
        convene_community_set_design_docs_url (self->community, url);
    }
}

void
import_preamble_block (Importer   *self,
                       cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      import_preamble_paragraph (self, node);
      return;

    case CMARK_NODE_LIST:
      if (!collect_table_of_contents (self, node))
        warn_block_not_imported (self, node);
      return;

    default:
      if (skip_layout_block (self, node, FALSE))
        return;
      break;
    }

  if (node_is (node, "table"))
    {
      g_autoptr(TableHeader) header = table_header_new (self, node);

      if (header->kind == TABLE_GROUPS)
        {
          self->layout = LAYOUT_TABLE;
          import_groups_table (self, node, header);
        }
      else
        {
          add_issue (self, node, _("this table is not a working groups table; not imported"));
        }
      return;
    }

  warn_block_not_imported (self, node);
}

/* Sections (2017 layout): one per group */

/* The topics a group keeps, NULL-terminated: as many as a registry may
 * hold, each no longer than a topic may be.
 */
static GPtrArray *
keep_topics (Importer   *self,
             cmark_node *node,
             char      **topics)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; topics[i] != NULL; i++)
    {
      if (kept->len == CONVENE_MAX_TOPICS)
        {
          add_issue (self, node,
                     ngettext ("more than %u topic; the rest are not imported",
                               "more than %u topics; the rest are not imported",
                               CONVENE_MAX_TOPICS),
                     CONVENE_MAX_TOPICS);
          break;
        }

      if (text_fits (self, node, _("a topic"), topics[i], CONVENE_MAX_TOPIC))
        g_ptr_array_add (kept, topics[i]);
    }

  g_ptr_array_add (kept, NULL);
  return kept;
}

void
import_group_section (Importer   *self,
                      cmark_node *heading,
                      cmark_node *end)
{
  g_autofree char *name = node_plain_text (heading);
  g_autofree char *id = convene_group_make_id (name);
  g_autoptr(ConveneGroup) group = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  guint description_chars = 0;
  gboolean has_topics = FALSE;
  gboolean has_table = FALSE;

  if (id == NULL)
    {
      add_issue (self, heading, _("section “%s” has no letters or digits in its title; "
                                  "not imported"), name);
      return;
    }

  if (!text_fits (self, heading, _("the group name"), name, CONVENE_MAX_NAME) ||
      !text_fits (self, heading, _("the identifier made from the group name"), id, CONVENE_MAX_ID))
    return;

  if (convene_registry_lookup_group (self->registry, id) != NULL)
    {
      add_issue (self, heading, _("group “%s” appears twice; the second is not imported"), name);
      return;
    }

  group = convene_group_new (id, name);

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      switch ((int)cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          {
            g_autofree char *text = node_plain_text (node);

            if (is_lead_in (node))
              break;

            if (!has_topics && !has_table && !is_sentence (text))
              {
                g_auto(GStrv) topics = split_topics (text);
                g_autoptr(GPtrArray) kept = keep_topics (self, node, topics);

                convene_group_set_topics (group, (const char * const *)kept->pdata);
                has_topics = TRUE;
              }
            else
              {
                guint n_chars = g_utf8_strlen (text, -1) + (description_chars > 0 ? 2 : 0);

                /* The paragraphs become one description, which has the limit */
                if (description_chars + n_chars > CONVENE_MAX_PARAGRAPH)
                  {
                    add_issue (self, node,
                               ngettext ("this paragraph would make the description longer "
                                         "than %u character; not imported",
                                         "this paragraph would make the description longer "
                                         "than %u characters; not imported",
                                         CONVENE_MAX_PARAGRAPH),
                               CONVENE_MAX_PARAGRAPH);
                    break;
                  }

                if (description->len > 0)
                  g_string_append (description, "\n\n");
                g_string_append (description, text);
                description_chars += n_chars;
              }
          }
          continue;

        default:
          if (skip_layout_block (self, node, TRUE))
            continue;
          break;
        }

      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind == TABLE_ARTIFACTS)
            {
              import_artifacts_table (self, node, header, group);
              has_table = TRUE;
            }
          else if (header->kind == TABLE_LEADS)
            {
              import_leads_table (self, node, header, group);
              has_table = TRUE;
            }
          else
            {
              add_issue (self, node, _("this table is neither an artifacts nor a leads table; "
                                       "not imported"));
            }
          continue;
        }

      warn_block_not_imported (self, node);
    }

  if (!has_table)
    {
      add_issue (self, heading,
                 _("section “%s” has no artifacts or leads table, so it is not a working "
                   "group; not imported"),
                 name);
      return;
    }

  if (description->len > 0)
    convene_group_set_description (group, description->str);

  convene_registry_add_group (self->registry, group);
}

/* Sections (2026 layout): the leads, and anything else */

void
import_community_section (Importer   *self,
                          cmark_node *heading,
                          cmark_node *end)
{
  g_autofree char *title = node_plain_text (heading);
  g_autofree char *folded = g_utf8_casefold (title, -1);
  gboolean has_leads = FALSE;

  if (strstr (folded, "meeting") != NULL)
    {
      import_meetings_section (self, heading, end);
      return;
    }

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind == TABLE_LEADS)
            has_leads = TRUE;
        }
    }

  if (!has_leads)
    {
      add_issue (self, heading, _("section “%s” is not imported"), title);
      return;
    }

  for (cmark_node *node = cmark_node_next (heading); node != end; node = cmark_node_next (node))
    {
      switch ((int)cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          if (!is_lead_in (node))
            warn_block_not_imported (self, node);
          continue;

        default:
          if (skip_layout_block (self, node, TRUE))
            continue;
          break;
        }

      if (node_is (node, "table"))
        {
          g_autoptr(TableHeader) header = table_header_new (self, node);

          if (header->kind != TABLE_LEADS)
            add_issue (self, node, _("this table is not a leads table; not imported"));
          else if (!table_has_column (header, COLUMN_GROUPS))
            add_issue (self, node, _("this leads table has no Groups column; not imported"));
          else
            import_leads_table (self, node, header, NULL);
          continue;
        }

      warn_block_not_imported (self, node);
    }
}
