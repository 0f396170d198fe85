/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "convene-registry-loader.h"

G_BEGIN_DECLS

/* What the registry loader's files share about the strict JSON scan and
 * the JSON paths (convene-json-scan.c). Not installed.
 */

/* Where a value starts: 1-based, the column counted in characters. */
typedef struct
{
  guint line;
  guint column;
} ConveneJsonPosition;

typedef struct
{
  gsize offset;         /* in ConveneJsonScanner.keys */
  const char *at;       /* the opening quote in the text */
} ConveneJsonKey;

/* An iterative scanner of strict JSON (RFC 8259). It checks the syntax
 * and the depth, and when @wanted is set it records the position of the
 * start of each value whose path is a key of @wanted.
 */
typedef struct
{
  const char *text;
  const char *end;
  const char *p;

  /* The current line, and the number of characters from its start to
   * col_ptr, so that positions cost nothing on the way forward.
   */
  guint line;
  const char *col_ptr;
  guint col;

  GHashTable *wanted;   /* path → ConveneJsonPosition */
  GString *path;

  /* The member names of the objects being scanned, to find a duplicate:
   * the decoded names one after another, each followed by a NUL; where
   * each starts in it and in the text; and, for the objects with many
   * members, a set of the names per depth.
   */
  GString *keys;
  GArray *key_entries;  /* of ConveneJsonKey */
  GPtrArray *key_sets;  /* of GHashTable, by depth */

  const char *error_at;
  char *error_message;
  ConveneRegistryError error_code;
} ConveneJsonScanner;

void     convene_json_path_append_member (GString            *path,
                                          const char         *key);
char    *convene_json_path_member        (const char         *parent,
                                          const char         *key);
char    *convene_json_path_index         (const char         *parent,
                                          guint               index);

void     convene_json_position_at        (const char         *text,
                                          const char         *at,
                                          guint              *line,
                                          guint              *column);

void     convene_json_scanner_init       (ConveneJsonScanner *s,
                                          const char         *text,
                                          gsize               length,
                                          GHashTable         *wanted);
gboolean convene_json_scanner_run        (ConveneJsonScanner *s);
void     convene_json_scanner_clear      (ConveneJsonScanner *s);

G_END_DECLS
