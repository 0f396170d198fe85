/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-refresh"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-registry-feeds.h"
#include "convene-bounded-read.h"
#include "convene-icalendar.h"
#include "convene-issue.h"
#include "convene-registry-download.h"

/* A feed is kept as the last download that was an iCalendar feed: a
 * download that fails, or that is no feed, leaves the previous copy in
 * place and says so; the registry's own stored copy never holds what
 * a feed adds (the feed is attached again on each load), so a feed that
 * drops a cancellation drops it from the registry too.
 */

/**
 * convene_registry_feed_path:
 * @source: a source with a stored copy (a URL, or the bundled registry)
 * @url: a feed the registry names
 *
 * Returns: (transfer full) (nullable): where the copy of @url is kept,
 *   beside the stored copy of @source; %NULL for a file, which has none
 */
char *
convene_registry_feed_path (ConveneRegistrySource *source,
                            const char            *url)
{
  const char *stored;
  g_autofree char *hash = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  stored = convene_registry_source_get_stored_path (source);
  if (stored == NULL)
    return NULL;

  /* The name says nothing of the address, and one address is one file */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  base = g_str_has_suffix (stored, ".json") ? g_strndup (stored, strlen (stored) - 5)
                                            : g_strdup (stored);
  return g_strdup_printf ("%s.feed-%.16s.ics", base, hash);
}

/* Every feed @registry names, each address once, in the order named. */
static GPtrArray *
collect_feeds (ConveneRegistry *registry)
{
  GPtrArray *urls = g_ptr_array_new ();
  const char * const *feeds;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (registry));

  feeds = convene_community_get_calendar_feeds (convene_registry_get_community (registry));
  for (guint k = 0; feeds != NULL && feeds[k] != NULL; k++)
    if (!g_ptr_array_find_with_equal_func (urls, feeds[k], g_str_equal, NULL))
      g_ptr_array_add (urls, (gpointer)feeds[k]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      feeds = convene_group_get_calendar_feeds (group);
      for (guint k = 0; feeds != NULL && feeds[k] != NULL; k++)
        if (!g_ptr_array_find_with_equal_func (urls, feeds[k], g_str_equal, NULL))
          g_ptr_array_add (urls, (gpointer)feeds[k]);
    }

  return urls;
}

static void
add_warning (GPtrArray  *warnings,
             const char *file,
             const char *message)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, convene_issue_new (CONVENE_SEVERITY_WARNING, file, 0, 0, NULL,
                                                  message));
}

/**
 * convene_registry_download_feeds:
 * @registry: a registry just refreshed from @source
 * @source: where it comes from
 * @session: (nullable): the session, %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 * @warnings: (element-type ConveneIssue): where to add why a feed could
 *   not be refreshed
 *
 * Downloads each feed @registry names, with the limits of a registry's
 * download (http(s) only, redirects, deadline) and the size of
 * CONVENE_ICALENDAR_MAX_SIZE, and replaces its stored copy atomically
 * when it is an iCalendar feed. A feed that fails keeps its previous copy.
 */
void
convene_registry_download_feeds (ConveneRegistry       *registry,
                                 ConveneRegistrySource *source,
                                 SoupSession           *session,
                                 GCancellable          *cancellable,
                                 GPtrArray             *warnings)
{
  g_autoptr(GPtrArray) urls = NULL;

  g_return_if_fail (CONVENE_IS_REGISTRY (registry));
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (source));

  urls = collect_feeds (registry);
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      g_autofree char *path = convene_registry_feed_path (source, url);
      g_autoptr(ConveneDownload) download = NULL;
      g_autoptr(GPtrArray) meetings = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      const char *data;
      gsize size;

      if (path == NULL)
        return;

      download = convene_download_sync (session, url, NULL, NULL, CONVENE_ICALENDAR_MAX_SIZE, 0,
                                        cancellable, &error);
      if (download != NULL && download->bytes != NULL)
        {
          data = g_bytes_get_data (download->bytes, &size);
          meetings = convene_icalendar_read (data, size, url, url, NULL, &error);
          if (meetings != NULL)
            g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                      &error);
        }

      if (error == NULL)
        continue;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        /* Translators: the first %s is the reason */
        message = g_strdup_printf (_("The calendar feed could not be refreshed (%s); "
                                     "its previous copy is used"), error->message);
      else
        message = g_strdup_printf (_("The calendar feed could not be downloaded (%s)"),
                                   error->message);
      add_warning (warnings, url, message);
    }
}

static GBytes *
read_feed (ConveneRegistrySource  *source,
           const char             *url,
           GHashTable             *read)
{
  g_autofree char *path = convene_registry_feed_path (source, url);
  GBytes *bytes;

  if (path == NULL)
    return NULL;
  if ((bytes = g_hash_table_lookup (read, url)) != NULL)
    return bytes;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  bytes = convene_read_file_bounded (path, CONVENE_ICALENDAR_MAX_SIZE, NULL, NULL, NULL);
  if (bytes != NULL)
    g_hash_table_insert (read, (gpointer)url, bytes);
  return bytes;
}

/**
 * convene_registry_attach_feeds:
 * @registry: a registry loaded from @source
 * @source: where it comes from
 * @issues: (nullable) (element-type ConveneIssue): where to add the
 *   feeds' warnings
 *
 * Attaches the stored copy of each feed @registry names to its group
 * (convene_icalendar_attach()), or to the community's shared meetings.
 * A feed never downloaded is skipped: the registry's own schedule stands.
 */
void
convene_registry_attach_feeds (ConveneRegistry       *registry,
                               ConveneRegistrySource *source,
                               GPtrArray             *issues)
{
  g_autoptr(GHashTable) read = NULL;
  ConveneCommunity *community;
  const char * const *feeds;
  guint n;

  g_return_if_fail (CONVENE_IS_REGISTRY (registry));
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (source));

  read = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_bytes_unref);
  community = convene_registry_get_community (registry);
  feeds = convene_community_get_calendar_feeds (community);
  for (guint k = 0; feeds != NULL && feeds[k] != NULL; k++)
    {
      GBytes *bytes = read_feed (source, feeds[k], read);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      gsize size;
      const char *data;

      if (bytes == NULL)
        continue;
      data = g_bytes_get_data (bytes, &size);
      if (!convene_icalendar_attach_community (community, data, size, feeds[k], feeds[k], &found,
                                               &error))
        add_warning (issues, feeds[k], error->message);
      for (guint j = 0; issues != NULL && found != NULL && j < found->len; j++)
        g_ptr_array_add (issues, convene_issue_copy (g_ptr_array_index (found, j)));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (registry));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      feeds = convene_group_get_calendar_feeds (group);
      for (guint k = 0; feeds != NULL && feeds[k] != NULL; k++)
        {
          GBytes *bytes = read_feed (source, feeds[k], read);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) found = NULL;
          gsize size;
          const char *data;

          if (bytes == NULL)
            continue;
          data = g_bytes_get_data (bytes, &size);
          if (!convene_icalendar_attach (group, data, size, feeds[k], feeds[k], &found, &error))
            add_warning (issues, feeds[k], error->message);
          for (guint j = 0; issues != NULL && found != NULL && j < found->len; j++)
            g_ptr_array_add (issues, convene_issue_copy (g_ptr_array_index (found, j)));
        }
    }
}
