/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-cli-sources.h"
#include "convene-registry-download.h"
#include "convene-registry-list.h"
#include "convene-registry-loader.h"
#include "convene-registry-refresh.h"

/* The command-line tools that know sources: a registry named by a file
 * or a URL, --refresh and --registries. They use the remembered list of
 * the window ($XDG_DATA_HOME/convene) and the same refresh code.
 */

static ConveneRegistryList *
open_list (void)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (NULL);
  g_autoptr(GError) error = NULL;

  /* A damaged list is reported and started again, not fatal */
  if (!convene_registry_list_load (list, &error))
    g_printerr ("%s\n", error->message);

  return g_steal_pointer (&list);
}

/* The source @location names, remembered when it is a URL (its stored
 * copy is found through the list); %NULL names the bundled registry. */
static ConveneRegistrySource *
find_source (ConveneRegistryList  *list,
             const char           *location,
             GError              **error)
{
  ConveneRegistrySource *source;

  if (location == NULL)
    return g_object_ref (convene_registry_list_get_bundled (list));

  if (!convene_registry_location_is_url (location))
    return convene_registry_source_new_for_location (location, error);

  source = convene_registry_list_add (list, location, error);
  return source ? g_object_ref (source) : NULL;
}

/* A feed that could not be refreshed is no failure of the registry's */
static void
print_feed_warnings (ConveneRefreshResult *result)
{
  for (guint i = 0; result->feed_warnings != NULL && i < result->feed_warnings->len; i++)
    {
      g_autofree char *line = convene_issue_to_string (g_ptr_array_index (result->feed_warnings,
                                                                          i));

      g_printerr ("%s\n", line);
    }
}

/**
 * convene_cli_open_registry:
 * @location: (nullable): a file, a URL, or %NULL for the bundled registry
 * @issues: (out) (optional): the issues found
 * @error: where to put why it could not be opened
 *
 * Opens what --registry names: a file (Convene JSON or WORKING-GROUPS.md)
 * where it is; a URL from its stored copy, downloading it the first time;
 * the bundled registry from its stored copy when it was refreshed.
 *
 * Returns: (transfer full) (nullable): the registry
 */
ConveneRegistry *
convene_cli_open_registry (const char  *location,
                           GPtrArray  **issues,
                           GError     **error)
{
  g_autoptr(ConveneRegistryList) list = open_list ();
  g_autoptr(ConveneRegistrySource) source = NULL;
  g_autoptr(ConveneRefreshResult) result = NULL;

  source = find_source (list, location, error);
  if (source == NULL)
    return NULL;

  if (convene_registry_source_get_kind (source) != CONVENE_SOURCE_KIND_URL ||
      convene_registry_source_has_stored_copy (source))
    return convene_registry_load_source (source, issues, error);

  result = convene_registry_refresh_sync (list, source, NULL, NULL, error);
  if (result == NULL)
    return NULL;
  print_feed_warnings (result);
  if (issues != NULL)
    *issues = g_steal_pointer (&result->issues);
  return g_steal_pointer (&result->registry);
}

/**
 * convene_cli_download_registry:
 * @url: an http or https URL
 * @issues: (out) (optional): the issues found, located against @url
 * @error: where to put why it is no registry
 *
 * Downloads @url and reads it, storing nothing: what --validate URL checks.
 *
 * Returns: (transfer full) (nullable): the registry
 */
ConveneRegistry *
convene_cli_download_registry (const char  *url,
                               GPtrArray  **issues,
                               GError     **error)
{
  g_autoptr(ConveneDownload) download = NULL;

  if (!convene_download_check_url (url, error))
    return NULL;

  download = convene_download_sync (NULL, url, NULL, NULL, CONVENE_REGISTRY_MAX_SIZE, 0, NULL,
                                    error);
  if (download == NULL)
    return NULL;

  return convene_registry_import_bytes (download->bytes, url, NULL, issues, error);
}

/**
 * convene_cli_download_bytes:
 * @url: an http or https URL
 * @max_size: the most the body may be
 * @error: where to put why nothing came
 *
 * Downloads @url with the registry download's limits (http and https
 * only, redirects included; no credentials; the deadline), storing
 * nothing: what --import URL reads.
 *
 * Returns: (transfer full) (nullable): the body
 */
GBytes *
convene_cli_download_bytes (const char  *url,
                            gsize        max_size,
                            GError     **error)
{
  g_autoptr(ConveneDownload) download = NULL;

  if (!convene_download_check_url (url, error))
    return NULL;

  download = convene_download_sync (NULL, url, NULL, NULL, max_size, 0, NULL, error);
  if (download == NULL)
    return NULL;

  return g_steal_pointer (&download->bytes);
}

/**
 * convene_cli_refresh:
 * @location: (nullable): a URL, or %NULL for the bundled registry's upstream
 *
 * convene --refresh: prints "unchanged" or one change per line.
 *
 * Returns: the exit status: 1 when the refresh failed (the stored copy
 *   is then as it was)
 */
int
convene_cli_refresh (const char *location)
{
  g_autoptr(ConveneRegistryList) list = open_list ();
  g_autoptr(ConveneRegistrySource) source = NULL;
  g_autoptr(ConveneRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  source = find_source (list, location, &error);
  if (source != NULL)
    result = convene_registry_refresh_sync (list, source, NULL, NULL, &error);

  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  print_feed_warnings (result);

  /* The output is for scripts as well as people: not translated */
  if (result->unchanged)
    g_print ("unchanged\n");
  for (guint i = 0; i < result->changes->len; i++)
    g_print ("%s\n", (const char *)g_ptr_array_index (result->changes, i));
  convene_cli_print_missing_stars (source, result->registry);

  return EXIT_SUCCESS;
}

static char *
format_date (GDateTime  *date,
             const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("-");

  local = g_date_time_to_local (date);
  return g_date_time_format (local, format);
}

/**
 * convene_cli_list_registries:
 *
 * convene --registries: one line per remembered registry, tab-separated:
 * id, source, date of the content, last fetched ("-" when never).
 *
 * Returns: the exit status
 */
int
convene_cli_list_registries (void)
{
  g_autoptr(ConveneRegistryList) list = open_list ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *content = format_date (convene_registry_source_get_content_date (source),
                                              "%Y-%m-%d");
      g_autofree char *fetched = format_date (convene_registry_source_get_fetched (source),
                                              "%Y-%m-%dT%H:%M:%S%:z");
      const char *where = convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_BUNDLED
                          ? convene_registry_source_get_upstream (source)
                          : convene_registry_source_get_location (source);

      g_print ("%s\t%s\t%s\t%s\n", convene_registry_source_get_id (source), where, content,
               fetched);
    }

  return EXIT_SUCCESS;
}
