/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-kubernetes.h"

G_BEGIN_DECLS

/* A YAML document as a small tree (convene-yaml.c), read with libyaml's
 * event parser: every node knows its line and column, the nesting is
 * bounded, and aliases are refused rather than expanded, so a small
 * hostile file cannot make the importer walk a huge graph. Not installed.
 */

/* The largest file read, and the deepest nesting; sigs.yaml is 200 kB
 * and nests eight levels.
 */
#define CONVENE_YAML_MAX_SIZE  CONVENE_KUBERNETES_MAX_SIZE
#define CONVENE_YAML_MAX_DEPTH 64

typedef enum
{
  CONVENE_YAML_SCALAR,
  CONVENE_YAML_SEQUENCE,
  CONVENE_YAML_MAPPING,
} ConveneYamlKind;

typedef struct _ConveneYamlNode ConveneYamlNode;

struct _ConveneYamlNode
{
  ConveneYamlKind kind;
  guint line;                  /* 1-based */
  guint column;                /* 1-based, in characters */
  char *value;                 /* a scalar's text; a mapping entry's key */
  gboolean plain;              /* a scalar written without quotes */
  ConveneYamlNode *parent;
  GPtrArray *children;         /* sequence items; mapping values, each with its key in ->key */
  char *key;                   /* the key this node is the value of, in a mapping */
  guint key_line;
  guint key_column;
};

ConveneYamlNode *convene_yaml_parse         (const char       *text,
                                             gsize             length,
                                             guint            *error_line,
                                             guint            *error_column,
                                             GError          **error);
void             convene_yaml_node_free     (ConveneYamlNode  *node);
ConveneYamlNode *convene_yaml_lookup        (ConveneYamlNode  *mapping,
                                             const char       *key);
const char      *convene_yaml_lookup_string (ConveneYamlNode  *mapping,
                                             const char       *key);
const char      *convene_yaml_scalar        (ConveneYamlNode  *node);
gboolean         convene_yaml_is_null       (ConveneYamlNode  *node);
guint            convene_yaml_n_children    (ConveneYamlNode  *node);
ConveneYamlNode *convene_yaml_child         (ConveneYamlNode  *node,
                                             guint             i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneYamlNode, convene_yaml_node_free)

G_END_DECLS
