/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-issue.h"
#include "convene-registry.h"

G_BEGIN_DECLS

/* The largest file the importer reads. A WORKING-GROUPS.md is a few
 * kilobytes, and cmark-gfm takes seconds on some large pathological inputs.
 */
#define CONVENE_MARKDOWN_MAX_SIZE (4 * 1024 * 1024)

ConveneRegistry *convene_markdown_import      (const char  *text,
                                               gssize       length,
                                               const char  *filename,
                                               const char  *base_url,
                                               GPtrArray  **issues,
                                               GError     **error);
ConveneRegistry *convene_markdown_import_file (const char  *path,
                                               const char  *base_url,
                                               GPtrArray  **issues,
                                               GError     **error);

G_END_DECLS
