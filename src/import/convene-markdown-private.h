/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cmark-gfm.h>

#include "convene-limits.h"
#include "convene-markdown.h"

G_BEGIN_DECLS

/*
 * The WORKING-GROUPS.md importer in parts (the rules are at the top of
 * convene-markdown.c):
 *
 *   convene-markdown.c           the entry points, the document, the title
 *   convene-markdown-nodes.c     issues and their positions, text, nodes, links, rich text
 *   convene-markdown-tables.c    table headers and the groups, artifacts and leads tables
 *   convene-markdown-people.c    people: names, GitHub logins, profiles, companies, groups
 *   convene-markdown-sections.c  blocks, the preamble and the sections of both layouts
 *   convene-markdown-meetings.c  the shared meeting section of the 2026 layout
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_parser, cmark_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

typedef enum
{
  LAYOUT_SECTIONS,
  LAYOUT_TABLE,
} Layout;

typedef enum
{
  TABLE_UNKNOWN,
  TABLE_ARTIFACTS,
  TABLE_LEADS,
  TABLE_GROUPS,
} TableKind;

typedef enum
{
  COLUMN_UNKNOWN,
  COLUMN_AVATAR,
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_PROFILE,
  COLUMN_GROUPS,
  COLUMN_GROUP,
  COLUMN_DESIGN_DOCS,
  COLUMN_SLACK,
  COLUMN_DESCRIPTION,
  COLUMN_ARTIFACT,
  COLUMN_LINK,
} Column;

typedef struct
{
  TableKind kind;
  guint n_columns;
  Column *columns;
} TableHeader;

typedef struct
{
  const char *text;
  gsize length;
  GArray *line_starts;
  const char *filename;
  const char *base_url;
  GPtrArray *issues;
  ConveneRegistry *registry;
  ConveneCommunity *community;
  ConveneRichText *intro;
  ConveneRichText *new_group;
  Layout layout;
  GPtrArray *toc_links;
  GHashTable *anchors;
} Importer;

typedef struct
{
  char *name;
  char *company;
  char *login;
  char *profile_url;
  char *avatar_url;
} LeadRow;

/* convene-markdown-nodes.c */
void            add_issue                (Importer        *self,
                                          cmark_node      *node,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (3, 4);
void            add_issue_at             (Importer        *self,
                                          guint            line,
                                          gsize            byte_column,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (4, 5);
gboolean        text_fits                (Importer        *self,
                                          cmark_node      *node,
                                          const char      *what,
                                          const char      *text,
                                          guint            max_chars);
char           *normalize_space          (const char      *text);
gboolean        contains_word            (const char      *haystack,
                                          const char      *word);
gboolean        is_sentence              (const char      *text);
char          **split_topics             (const char      *text);
gboolean        is_generic_link_text     (const char      *text);
const char     *link_label               (Importer        *self,
                                          cmark_node      *link,
                                          const char      *text);
char           *github_anchor            (const char      *heading);
gboolean        node_is                  (cmark_node      *node,
                                          const char      *type_string);
guint           node_line                (cmark_node      *node);
char           *node_plain_text          (cmark_node      *node);
GPtrArray      *node_links               (cmark_node      *node);
char           *node_image_src           (cmark_node      *node);
char           *resolve_url              (Importer        *self,
                                          cmark_node      *node,
                                          const char      *url,
                                          gboolean         quiet_fragments);
gboolean        classify_url             (const char      *url,
                                          ConveneLinkKind *kind);
gboolean        is_ics_url               (const char      *url);
void            append_rich_paragraph    (Importer        *self,
                                          ConveneRichText *text,
                                          cmark_node      *paragraph);

/* convene-markdown-tables.c */
void            table_header_free        (TableHeader     *header);
TableHeader    *table_header_new         (Importer        *self,
                                          cmark_node      *table);
gboolean        table_has_column         (TableHeader     *header,
                                          Column           column);
void            import_leads_table       (Importer        *self,
                                          cmark_node      *table,
                                          TableHeader     *header,
                                          ConveneGroup    *group);
void            import_artifacts_table   (Importer        *self,
                                          cmark_node      *table,
                                          TableHeader     *header,
                                          ConveneGroup    *group);
void            import_groups_table      (Importer        *self,
                                          cmark_node      *table,
                                          TableHeader     *header);

/* convene-markdown-people.c */
void            lead_row_clear           (LeadRow         *row);
gboolean        group_has_lead           (ConveneGroup    *group,
                                          ConvenePerson   *person);
ConvenePerson  *find_or_add_person       (Importer        *self,
                                          cmark_node      *row,
                                          LeadRow         *lead);
void            read_profile_link        (Importer        *self,
                                          cmark_node      *link,
                                          const char      *person_name,
                                          gboolean         text_is_login,
                                          LeadRow         *lead);
gboolean        is_empty_value           (const char      *text);
void            match_groups             (Importer        *self,
                                          cmark_node      *cell,
                                          const char      *text,
                                          GPtrArray       *groups);

/* convene-markdown-sections.c */
void            warn_block_not_imported  (Importer        *self,
                                          cmark_node      *node);
gboolean        is_html_comment          (cmark_node      *node);
void            import_preamble_block    (Importer        *self,
                                          cmark_node      *node);
void            import_group_section     (Importer        *self,
                                          cmark_node      *heading,
                                          cmark_node      *end);
void            import_community_section (Importer        *self,
                                          cmark_node      *heading,
                                          cmark_node      *end);

/* convene-markdown-meetings.c */
void            import_meetings_section  (Importer        *self,
                                          cmark_node      *heading,
                                          cmark_node      *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TableHeader, table_header_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LeadRow, lead_row_clear)

G_END_DECLS
