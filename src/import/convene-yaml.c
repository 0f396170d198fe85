/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-yaml"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <yaml.h>

#include "convene-yaml-private.h"

/* Reading YAML into a tree of ConveneYamlNode with libyaml's event
 * parser. libyaml's own document loader expands nothing but hands out
 * aliases as shared nodes, which a walker then visits once per alias: a
 * "billion laughs" file of a few hundred bytes makes millions of groups.
 * Here an alias is an error, the nesting is bounded, and each node
 * keeps its position for the importer's warnings. Only the first
 * document of a stream is read.
 */

static ConveneYamlNode *
node_new (ConveneYamlKind  kind,
          yaml_mark_t     *mark)
{
  ConveneYamlNode *node = g_new0 (ConveneYamlNode, 1);

  node->kind = kind;
  node->line = mark->line + 1;
  node->column = mark->column + 1;
  if (kind != CONVENE_YAML_SCALAR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_yaml_node_free);

  return node;
}

void
convene_yaml_node_free (ConveneYamlNode *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->value);
  g_free (node->key);
  g_free (node);
}

/* A scalar's text as valid UTF-8 without NUL bytes (an escape can make one). */
static char *
scalar_text (const yaml_event_t *event)
{
  const char *value = (const char *)event->data.scalar.value;
  gsize length = strnlen (value, event->data.scalar.length);

  if (g_utf8_validate (value, length, NULL))
    return g_strndup (value, length);

  return g_utf8_make_valid (value, length);
}

/* Adds @node to the container on top of @stack, or makes it the root.
 * A mapping's children alternate: a key (kept in the next value) and
 * its value. Returns %FALSE with @error set when @node cannot be a key.
 */
static gboolean
add_node (GPtrArray        *stack,
          ConveneYamlNode **root,
          ConveneYamlNode  *node,
          ConveneYamlNode **pending_key,
          GError          **error)
{
  ConveneYamlNode *top = stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;

  if (top == NULL)
    {
      g_assert (*root == NULL);
      *root = node;
      return TRUE;
    }

  if (top->kind == CONVENE_YAML_MAPPING && pending_key[stack->len - 1] == NULL)
    {
      if (node->kind != CONVENE_YAML_SCALAR)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("a mapping key must be a plain value, not a list or mapping"));
          convene_yaml_node_free (node);
          return FALSE;
        }
      pending_key[stack->len - 1] = node;
      return TRUE;
    }

  if (top->kind == CONVENE_YAML_MAPPING)
    {
      ConveneYamlNode *key = pending_key[stack->len - 1];

      node->key = g_steal_pointer (&key->value);
      node->key_line = key->line;
      node->key_column = key->column;
      convene_yaml_node_free (key);
      pending_key[stack->len - 1] = NULL;
    }

  node->parent = top;
  g_ptr_array_add (top->children, node);
  return TRUE;
}

/**
 * convene_yaml_parse:
 * @text: the YAML text, UTF-8
 * @length: its length in bytes
 * @error_line: (out): where the problem is, on failure; 0 when unknown
 * @error_column: (out): its column
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the first document's root node, or
 *   %NULL with @error set; an empty document gives a null scalar
 */
ConveneYamlNode *
convene_yaml_parse (const char  *text,
                    gsize        length,
                    guint       *error_line,
                    guint       *error_column,
                    GError     **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  ConveneYamlNode *pending_key[CONVENE_YAML_MAX_DEPTH + 1] = { NULL };
  ConveneYamlNode *root = NULL;
  yaml_parser_t parser;
  gboolean done = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  *error_line = *error_column = 0;

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not start libyaml");
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *)text, length);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (!done && ok)
    {
      yaml_event_t event;
      ConveneYamlNode *node = NULL;

      if (!yaml_parser_parse (&parser, &event))
        {
          *error_line = parser.problem_mark.line + 1;
          *error_column = parser.problem_mark.column + 1;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("not valid YAML: %s"), parser.problem ? parser.problem : "?");
          ok = FALSE;
          break;
        }

      switch (event.type)
        {
        case YAML_SCALAR_EVENT:
          node = node_new (CONVENE_YAML_SCALAR, &event.start_mark);
          node->value = scalar_text (&event);
          node->plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
          break;

        case YAML_SEQUENCE_START_EVENT:
          node = node_new (CONVENE_YAML_SEQUENCE, &event.start_mark);
          break;

        case YAML_MAPPING_START_EVENT:
          node = node_new (CONVENE_YAML_MAPPING, &event.start_mark);
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          g_assert (stack->len > 0);
          g_clear_pointer (&pending_key[stack->len - 1], convene_yaml_node_free);
          g_ptr_array_remove_index (stack, stack->len - 1);
          break;

        case YAML_ALIAS_EVENT:
          *error_line = event.start_mark.line + 1;
          *error_column = event.start_mark.column + 1;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("aliases (*name) are not supported; write the value out"));
          ok = FALSE;
          break;

        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        default:
          break;
        }

      if (node != NULL)
        {
          gboolean container = node->kind != CONVENE_YAML_SCALAR;

          if (container && stack->len >= CONVENE_YAML_MAX_DEPTH)
            {
              *error_line = node->line;
              *error_column = node->column;
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("nested too deeply: at most %u levels are allowed"),
                           CONVENE_YAML_MAX_DEPTH);
              convene_yaml_node_free (node);
              ok = FALSE;
            }
          else
            {
              guint line = node->line, column = node->column;

              if (!add_node (stack, &root, node, pending_key, error))
                {
                  *error_line = line;
                  *error_column = column;
                  ok = FALSE;
                }
              else if (container)
                g_ptr_array_add (stack, node);
            }
        }

      yaml_event_delete (&event);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pending_key); i++)
    g_clear_pointer (&pending_key[i], convene_yaml_node_free);
  yaml_parser_delete (&parser);

  if (!ok)
    {
      g_clear_pointer (&root, convene_yaml_node_free);
      return NULL;
    }

  if (root == NULL)
    {
      yaml_mark_t start = { 0, 0, 0 };

      root = node_new (CONVENE_YAML_SCALAR, &start);
    }

  return root;
}

/* Accessors */

/* Returns: (nullable): the value of @key in @mapping; the first when it repeats */
ConveneYamlNode *
convene_yaml_lookup (ConveneYamlNode *mapping,
                     const char      *key)
{
  if (mapping == NULL || mapping->kind != CONVENE_YAML_MAPPING)
    return NULL;

  for (guint i = 0; i < mapping->children->len; i++)
    {
      ConveneYamlNode *child = g_ptr_array_index (mapping->children, i);

      if (g_strcmp0 (child->key, key) == 0)
        return child;
    }

  return NULL;
}

/* Returns: (nullable): the text of a scalar that is not null or empty */
const char *
convene_yaml_scalar (ConveneYamlNode *node)
{
  if (node == NULL || node->kind != CONVENE_YAML_SCALAR || convene_yaml_is_null (node))
    return NULL;

  return node->value;
}

const char *
convene_yaml_lookup_string (ConveneYamlNode *mapping,
                            const char      *key)
{
  return convene_yaml_scalar (convene_yaml_lookup (mapping, key));
}

/* A plain scalar "", "~" or "null" (YAML's null), or a missing value */
gboolean
convene_yaml_is_null (ConveneYamlNode *node)
{
  if (node == NULL)
    return TRUE;
  if (node->kind != CONVENE_YAML_SCALAR)
    return FALSE;

  return node->value == NULL || *node->value == '\0' ||
         (node->plain && (strcmp (node->value, "~") == 0 || strcmp (node->value, "null") == 0 ||
                          strcmp (node->value, "Null") == 0 || strcmp (node->value, "NULL") == 0));
}

guint
convene_yaml_n_children (ConveneYamlNode *node)
{
  return node != NULL && node->children != NULL ? node->children->len : 0;
}

ConveneYamlNode *
convene_yaml_child (ConveneYamlNode *node,
                    guint            i)
{
  g_assert (i < convene_yaml_n_children (node));
  return g_ptr_array_index (node->children, i);
}
