/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "convene-cli.h"
#include "convene-cli-output.h"
#include "convene-bounded-read.h"
#include "convene-cli-sources.h"
#include "convene-ics.h"
#include "convene-import.h"
#include "convene-registry-loader.h"
#include "convene-registry-source.h"
#include "convene-registry-writer.h"
#include "convene-schedule.h"

/* The command-line tools: each prints to stdout, reports problems on
 * stderr one per line, and returns the exit status.
 */

/* The status of a command line that combines options that do not go
 * together, as for a usage error of most tools
 */
#define EXIT_USAGE 2

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

/* Writes @text to @output (standard output when %NULL), never over one
 * of @inputs; see convene-cli-output.c for what else is refused.
 */
static gboolean
write_output (const char         *output,
              const char         *text,
              const char * const *inputs)
{
  g_autoptr(GError) error = NULL;

  if (convene_cli_write_output (output != NULL ? output : "-", text, strlen (text),
                                inputs, &error))
    return TRUE;

  g_printerr ("%s\n", error->message);
  return FALSE;
}

/* Loads the registry @path names (a file or a URL: see
 * convene_cli_open_registry()), or the bundled registry when @path is
 * %NULL, and reports what went wrong on stderr.
 */
static ConveneRegistry *
load_registry (const char *path)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  registry = convene_cli_open_registry (path, &issues, &error);

  if (registry == NULL)
    {
      if (has_errors (issues))
        print_issues (issues);
      else if (path != NULL && !convene_registry_location_is_url (path))
        g_printerr ("%s: %s\n", path, error->message);
      else
        g_printerr ("%s\n", error->message);
    }

  return g_steal_pointer (&registry);
}

static int
validate (const char *path)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *people = NULL;
  guint n_groups;
  guint n_people;

  /* A URL is downloaded and checked, never stored; issues name the URL */
  if (convene_registry_location_is_url (path))
    registry = convene_cli_download_registry (path, &issues, &error);
  else
    {
      /* A file: URI (from a file manager) names the file */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autofree char *local = g_str_has_prefix (path, "file:") ? g_file_get_path (file) : NULL;

      registry = convene_registry_load_from_file (local ? local : path, &issues, &error);
    }

  if (registry == NULL)
    {
      if (has_errors (issues))
        print_issues (issues);
      else if (convene_registry_location_is_url (path))
        g_printerr ("%s\n", error->message);
      else
        g_printerr ("%s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  print_issues (issues);

  n_groups = g_list_model_get_n_items (G_LIST_MODEL (registry));
  n_people = convene_registry_get_n_people (registry);
  /* Translators: part of the output of convene --validate, "OK: 9 groups, 22 people" */
  groups = g_strdup_printf (ngettext ("%u group", "%u groups", n_groups), n_groups);
  /* Translators: part of the output of convene --validate, "OK: 9 groups, 22 people" */
  people = g_strdup_printf (ngettext ("%u person", "%u people", n_people), n_people);
  /* Translators: the output of convene --validate for a good registry:
   * "OK: 9 groups, 22 people"
   */
  g_print (_("OK: %s, %s\n"), groups, people);
  return EXIT_SUCCESS;
}

/* Imports @path in @format (%CONVENE_IMPORT_FORMAT_DETECT to tell it
 * from the content, then the name) and writes the registry.
 */
static int
import_file (const char          *path,
             ConveneImportFormat  format,
             const char          *output,
             const char          *base_url)
{
  const char *inputs[] = { path, NULL };
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;

  /* Bounded whatever the file is; each importer has its own, smaller limit.
   * A URL is downloaded with the registry download's limits; its relative
   * links are read against itself unless --base-url says otherwise. */
  if (convene_registry_location_is_url (path))
    {
      bytes = convene_cli_download_bytes (path, convene_import_format_get_max_size (format),
                                          &error);
      if (base_url == NULL)
        base_url = path;
    }
  else
    {
      bytes = convene_read_file_bounded (path, convene_import_format_get_max_size (format), NULL,
                                         NULL, &error);
    }
  if (bytes == NULL && convene_registry_location_is_url (path))
    {
      /* The download's errors name the URL, without a password in it */
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (bytes == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  registry = convene_import (bytes, format, path, base_url, &issues, &error);
  print_issues (issues);

  if (registry == NULL)
    {
      if (!has_errors (issues))
        g_printerr ("%s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  json = convene_registry_to_json (registry);
  if (!write_output (output, json, inputs))
    return EXIT_FAILURE;

  return EXIT_SUCCESS;
}

static int
list (const char *path,
      const char *output)
{
  const char *inputs[] = { path, NULL };
  g_autoptr(ConveneRegistry) registry = load_registry (path);
  g_autoptr(GString) text = NULL;
  guint n;

  if (registry == NULL)
    return EXIT_FAILURE;

  text = g_string_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      g_string_append_printf (text, "%s\t%s\t%u\t%u\n",
                              convene_group_get_id (group),
                              convene_group_get_name (group),
                              g_list_model_get_n_items (convene_group_get_leads (group)),
                              g_list_model_get_n_items (convene_group_get_links (group)));
    }

  if (!write_output (output, text->str, inputs))
    return EXIT_FAILURE;

  return EXIT_SUCCESS;
}

/* One line of --upcoming */
typedef struct
{
  GDateTime *start;
  char *id;
  char *text;
  guint order;
} Upcoming;

static void
upcoming_free (gpointer data)
{
  Upcoming *upcoming = data;

  g_date_time_unref (upcoming->start);
  g_free (upcoming->id);
  g_free (upcoming->text);
  g_free (upcoming);
}

static int
compare_upcoming (gconstpointer a,
                  gconstpointer b)
{
  const Upcoming *ua = *(const Upcoming * const *)a;
  const Upcoming *ub = *(const Upcoming * const *)b;
  int cmp = g_date_time_compare (ua->start, ub->start);

  if (cmp != 0)
    return cmp;
  return (ua->order > ub->order) - (ua->order < ub->order);
}

static void
collect_upcoming (GPtrArray  *lines,
                  GListModel *meetings,
                  const char *id,
                  GDateTime  *now)
{
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GDateTime) start = convene_schedule_next_start (meeting, now);
      Upcoming *upcoming;

      if (start == NULL)
        continue;

      upcoming = g_new0 (Upcoming, 1);
      upcoming->start = g_date_time_to_local (start);
      upcoming->id = g_strdup (id);
      upcoming->text = g_strdup (convene_meeting_get_text (meeting));
      upcoming->order = lines->len;
      g_ptr_array_add (lines, upcoming);
    }
}

/* Prints the next start of every group's meetings whose dates are known,
 * soonest first: group id, the first start at or after @now in the local
 * time zone as ISO 8601 with offset, and the schedule text as the
 * community wrote it.
 */
static int
list_upcoming (const char *path,
               const char *output,
               GDateTime  *now)
{
  const char *inputs[] = { path, NULL };
  g_autoptr(ConveneRegistry) registry = load_registry (path);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) text = NULL;
  guint n;

  if (registry == NULL)
    return EXIT_FAILURE;

  lines = g_ptr_array_new_with_free_func (upcoming_free);

  /* A group without meetings of its own attends the community's */
  n = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      collect_upcoming (lines, convene_registry_get_group_meetings (registry, group, NULL),
                        convene_group_get_id (group), now);
    }

  g_ptr_array_sort (lines, compare_upcoming);

  text = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      const Upcoming *line = g_ptr_array_index (lines, i);
      g_autofree char *time = g_date_time_format (line->start, "%Y-%m-%dT%H:%M:%S%:z");

      g_string_append_printf (text, "%s\t%s\t%s\n", line->id, time, line->text);
    }

  if (!write_output (output, text->str, inputs))
    return EXIT_FAILURE;

  return EXIT_SUCCESS;
}

/* Reads the argument of --now; a time without an offset is local time. */
static GDateTime *
parse_now (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new_from_iso8601 (text, local);
}

static int
print_ics (const char *path,
           const char *group_id,
           const char *output,
           GDateTime  *now)
{
  const char *inputs[] = { path, NULL };
  g_autoptr(ConveneRegistry) registry = load_registry (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  ConveneGroup *group;

  if (registry == NULL)
    return EXIT_FAILURE;

  group = convene_registry_lookup_group (registry, group_id);
  if (group == NULL)
    {
      /* Translators: the option's argument, a working group id */
      g_printerr (_("No working group with the id “%s”; --list shows them"), group_id);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  ics = convene_ics_for_registry_group_at (registry, group, now, &error);
  if (ics == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (!write_output (output, ics, inputs))
    return EXIT_FAILURE;

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
  g_autofree char *import_path = NULL;
  g_autofree char *format_name = NULL;
  ConveneImportFormat format = CONVENE_IMPORT_FORMAT_DETECT;
  g_autofree char *output = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *ics_group = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr(GDateTime) now = NULL;

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
    {
      /* Its report is problems on stderr and a summary on stdout, which
       * a file would split; a shell redirection keeps both as they are.
       */
      if (output != NULL)
        {
          g_printerr ("%s\n", _("--output does not go with --validate, which writes only a "
                                 "report; redirect standard output and standard error instead"));
          return EXIT_USAGE;
        }
      return validate (validate_path);
    }

  if (g_variant_dict_lookup (options, "format", "s", &format_name) &&
      !convene_import_format_from_string (format_name, &format))
    {
      /* Translators: the argument of --format */
      g_printerr (_("unknown format “%s”; use istio-markdown, kubernetes-sigs or icalendar"),
                  format_name);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  if (g_variant_dict_lookup (options, "import", "^ay", &import_path))
    return import_file (import_path, format, output, base_url);

  /* A synonym kept for scripts written before --import */
  if (g_variant_dict_lookup (options, "import-markdown", "^ay", &markdown_path))
    {
      if (format_name != NULL && format != CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN)
        {
          g_printerr ("%s\n", _("--import-markdown reads istio-markdown; use --import for "
                                "other formats"));
          return EXIT_FAILURE;
        }
      return import_file (markdown_path, CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN, output, base_url);
    }

  if (format_name != NULL)
    {
      g_printerr ("%s\n", _("--format goes with --import"));
      return EXIT_FAILURE;
    }

  if (g_variant_dict_contains (options, "refresh"))
    return convene_cli_refresh (registry);

  if (g_variant_dict_contains (options, "registries"))
    return convene_cli_list_registries ();

  if (g_variant_dict_contains (options, "list"))
    return list (registry, output);

  if (g_variant_dict_contains (options, "starred") && !g_variant_dict_contains (options, "upcoming"))
    {
      g_printerr ("%s\n", _("--starred goes with --upcoming"));
      return EXIT_FAILURE;
    }

  g_variant_dict_lookup (options, "ics", "s", &ics_group);
  if (g_variant_dict_lookup (options, "now", "s", &now_text))
    {
      if (ics_group == NULL && !g_variant_dict_contains (options, "upcoming"))
        {
          g_printerr ("%s\n", _("--now goes with --upcoming or --ics"));
          return EXIT_FAILURE;
        }

      if ((now = parse_now (now_text)) == NULL)
        {
          /* Translators: the argument of --now */
          g_printerr (_("“%s” is not a time in ISO 8601 form, such as 2026-08-26T16:00:00Z"), now_text);
          g_printerr ("\n");
          return EXIT_FAILURE;
        }
    }
  else
    {
      now = g_date_time_new_now_utc ();
    }

  if (ics_group != NULL)
    return print_ics (registry, ics_group, output, now);

  if (g_variant_dict_contains (options, "upcoming") && g_variant_dict_contains (options, "starred"))
    return convene_cli_my_week (now);

  if (g_variant_dict_contains (options, "upcoming"))
    return list_upcoming (registry, output, now);

  if (output != NULL || base_url != NULL)
    {
      g_printerr ("%s\n", _("--output goes with --import, --import-markdown, --list, --upcoming or "
                             "--ics, and --base-url with --import or --import-markdown"));
      return EXIT_FAILURE;
    }

  return -1;
}
