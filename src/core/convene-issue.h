/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CONVENE_SEVERITY_ERROR,
  CONVENE_SEVERITY_WARNING,
} ConveneSeverity;

/**
 * ConveneIssue:
 * @severity: an error makes the input unusable; a warning does not
 * @file: (nullable): the file the input came from
 * @line: 1-based line, 0 when unknown
 * @column: 1-based column in characters, 0 when unknown
 * @path: (nullable): where in the document, such as "groups[3].leads[1].name"
 * @message: what is wrong, translated
 *
 * One problem found in an input file, with where it is.
 */
typedef struct
{
  ConveneSeverity severity;
  char *file;
  guint line;
  guint column;
  char *path;
  char *message;
} ConveneIssue;

#define CONVENE_TYPE_ISSUE (convene_issue_get_type ())

GType         convene_issue_get_type  (void) G_GNUC_CONST;
ConveneIssue *convene_issue_new       (ConveneSeverity     severity,
                                       const char         *file,
                                       guint               line,
                                       guint               column,
                                       const char         *path,
                                       const char         *message);
ConveneIssue *convene_issue_copy      (const ConveneIssue *self);
void          convene_issue_free      (ConveneIssue       *self);
char         *convene_issue_to_string (const ConveneIssue *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneIssue, convene_issue_free)

G_END_DECLS
