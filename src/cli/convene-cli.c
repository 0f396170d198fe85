/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "convene-cli.h"
#include "convene-markdown.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"

/* The command-line tools: each prints to stdout, reports problems on
 * stderr one per line, and returns the exit status.
 */

#define BUNDLED_REGISTRY RESOURCE_BASE "/registry/istio.json"

/* Helpers */

static void
print_issues (GPtrArray *issues)
{
  if (issues == NULL)
    return;

  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = convene_issue_to_string (g_ptr_array_index (issues, i));

      g_printerr ("%s\n", line);
    }
}

static gboolean
has_errors (GPtrArray *issues)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == CONVENE_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}

/* Loads @path, or the bundled registry when @path is %NULL, and reports
 * what went wrong on stderr.
 */
static ConveneRegistry *
load_registry (const char *path)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      registry = convene_registry_load_from_file (path, &issues, &error);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (BUNDLED_REGISTRY, 0, &error);

      if (bytes != NULL)
        registry = convene_registry_load_from_bytes (bytes, "resource://" BUNDLED_REGISTRY,
                                                     &issues, &error);
    }

  if (registry == NULL)
    {
      if (has_errors (issues))
        print_issues (issues);
      else
        g_printerr ("%s: %s\n", path ? path : BUNDLED_REGISTRY, error->message);
    }

  return g_steal_pointer (&registry);
}

static int
validate (const char *path)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = convene_registry_load_from_file (path, &issues, &error);

  if (registry == NULL)
    {
      if (has_errors (issues))
        print_issues (issues);
      else
        g_printerr ("%s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  print_issues (issues);
  /* Translators: the output of convene --validate for a good registry */
  g_print (_("OK: %u groups, %u people\n"),
           g_list_model_get_n_items (G_LIST_MODEL (registry)),
           convene_registry_get_n_people (registry));
  return EXIT_SUCCESS;
}

static int
import_markdown (const char *path,
                 const char *output,
                 const char *base_url)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = convene_markdown_import_file (path, base_url, &issues, &error);
  print_issues (issues);

  if (registry == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  if (output != NULL)
    {
      if (!convene_registry_save (registry, output, &error))
        {
          g_printerr ("%s: %s\n", output, error->message);
          return EXIT_FAILURE;
        }
    }
  else
    {
      g_autofree char *json = convene_registry_to_json (registry);

      fputs (json, stdout);
      fflush (stdout);
    }

  return EXIT_SUCCESS;
}

static int
list (const char *path)
{
  g_autoptr(ConveneRegistry) registry = load_registry (path);
  guint n;

  if (registry == NULL)
    return EXIT_FAILURE;

  n = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      g_print ("%s\t%s\t%u\t%u\n",
               convene_group_get_id (group),
               convene_group_get_name (group),
               g_list_model_get_n_items (convene_group_get_leads (group)),
               g_list_model_get_n_items (convene_group_get_links (group)));
    }

  return EXIT_SUCCESS;
}

/* Public API */

/**
 * convene_cli_run:
 * @options: the parsed command-line options
 *
 * Runs the command-line tool that @options ask for, if any.
 *
 * Returns: the exit status, or -1 when no tool was asked for and the
 *   application should start as usual
 */
int
convene_cli_run (GVariantDict *options)
{
  g_autofree char *validate_path = NULL;
  g_autofree char *markdown_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (options != NULL, EXIT_FAILURE);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("convene %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  g_variant_dict_lookup (options, "output", "^ay", &output);
  g_variant_dict_lookup (options, "registry", "^ay", &registry);
  g_variant_dict_lookup (options, "base-url", "s", &base_url);

  if (g_variant_dict_lookup (options, "validate", "^ay", &validate_path))
    return validate (validate_path);

  if (g_variant_dict_lookup (options, "import-markdown", "^ay", &markdown_path))
    return import_markdown (markdown_path, output, base_url);

  if (g_variant_dict_contains (options, "list"))
    return list (registry);

  if (output != NULL || base_url != NULL)
    {
      g_printerr ("%s\n", _("--output and --base-url go with --import-markdown"));
      return EXIT_FAILURE;
    }

  return -1;
}
