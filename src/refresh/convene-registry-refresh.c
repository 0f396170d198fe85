/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-refresh"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-registry-refresh.h"
#include "convene-bounded-read.h"
#include "convene-import.h"
#include "convene-registry-diff.h"
#include "convene-registry-feeds.h"
#include "convene-registry-download.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"

/* A refresh, in the order of the steps:
 *
 *  1. download the source's upstream, conditional on the validators of
 *     the stored copy (net/);
 *  2. a 304 changes nothing but the time of the last fetch;
 *  3. a 200 is imported by its detected format and validated by loading
 *     the Convene JSON it becomes, exactly as the store will load it;
 *  4. only then is the stored copy replaced (atomically), and the
 *     source's validators, dates and format updated;
 *  5. the change list compares the registry before with the one after.
 *
 * Steps 3 to 5 run in a worker thread in the asynchronous form; the
 * source (which the window may show) is changed only in the caller's
 * thread, once everything has worked.
 */

#define BUNDLED_RESOURCE RESOURCE_BASE "/registry/istio.json"

void
convene_refresh_result_free (ConveneRefreshResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->registry);
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_clear_pointer (&result->feed_warnings, g_ptr_array_unref);
  g_free (result);
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

/**
 * convene_registry_detect_format:
 * @bytes: the content of a source
 *
 * Tells the format from the content, not the name, with the importers'
 * own detector (convene_import_detect()): a JSON object is Convene JSON
 * (the loader then checks its format_version), Markdown headings or
 * tables are Istio's WORKING-GROUPS.md, sigs.yaml and tags.yaml are
 * kubernetes-sigs, BEGIN:VCALENDAR is icalendar.
 *
 * Returns: (nullable): the format's name (convene_import_format_to_string()),
 *   or %NULL when the content does not say
 */
const char *
convene_registry_detect_format (GBytes *bytes)
{
  ConveneImportFormat format;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  format = convene_import_detect (data, size, NULL);
  if (format == CONVENE_IMPORT_FORMAT_DETECT)
    return NULL;

  return convene_import_format_to_string (format);
}

/* What relative links of a Markdown file at @location point to: the
 * file's own address, except that a raw file of GitHub links to the
 * pages of its repository (as the bundled registry does), not to more
 * raw files. */
static char *
markdown_base_url (const char *location)
{
  const char *raw = "https://raw.githubusercontent.com/";
  g_auto(GStrv) parts = NULL;
  g_autofree char *dir = NULL;

  if (!convene_registry_location_is_url (location))
    return NULL;
  if (!g_str_has_prefix (location, raw))
    return g_strdup (location);

  /* owner / repository / branch / path */
  parts = g_strsplit (location + strlen (raw), "/", 4);
  if (g_strv_length (parts) < 4)
    return g_strdup (location);

  dir = g_path_get_dirname (parts[3]);
  return g_strdup_printf ("https://github.com/%s/%s/blob/%s/%s%s", parts[0], parts[1], parts[2],
                          g_str_equal (dir, ".") ? "" : dir, g_str_equal (dir, ".") ? "" : "/");
}

/**
 * convene_registry_import_bytes:
 * @bytes: the content of a source
 * @location: where it came from, the file name of located issues
 * @format: (out) (optional): the format found
 * @issues: (out) (optional): the issues found
 * @error: where to put why it is no registry
 *
 * Detects the format of @bytes and reads them. A Markdown file is
 * validated the way a Convene JSON file is: its registry is written as
 * JSON and loaded again.
 *
 * Returns: (transfer full) (nullable): the registry
 */
ConveneRegistry *
convene_registry_import_bytes (GBytes      *bytes,
                               const char  *location,
                               const char **format,
                               GPtrArray  **issues,
                               GError     **error)
{
  g_autoptr(ConveneRegistry) imported = NULL;
  g_autoptr(GPtrArray) local_issues = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autofree char *json = NULL;
  g_autofree char *base_url = NULL;
  ConveneImportFormat import_format = CONVENE_IMPORT_FORMAT_DETECT;
  const char *detected;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (location != NULL, NULL);

  detected = convene_registry_detect_format (bytes);
  if (format != NULL)
    *format = detected;

  if (g_strcmp0 (detected, CONVENE_FORMAT_JSON) == 0)
    return convene_registry_load_from_bytes (bytes, location, issues, error);

  if (detected == NULL)
    {
      g_set_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID,
                   _("%s is neither a Convene registry (JSON) nor a file Convene can import "
                     "(WORKING-GROUPS.md, sigs.yaml, tags.yaml)"),
                   location);
      return NULL;
    }

  convene_import_format_from_string (detected, &import_format);
  if (g_bytes_get_size (bytes) > convene_import_format_get_max_size (import_format))
    {
      g_set_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_TOO_LARGE,
                   _("%s is larger than %u MB, the most a file of this format may be"),
                   location,
                   (guint) (convene_import_format_get_max_size (import_format) / (1024 * 1024)));
      return NULL;
    }

  if (import_format == CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN)
    base_url = markdown_base_url (location);
  imported = convene_import (bytes, import_format, location, base_url, &local_issues, error);
  if (imported == NULL || has_errors (local_issues))
    {
      if (imported != NULL)
        g_set_error (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID,
                     _("%s has errors"), location);
      if (issues != NULL)
        *issues = g_steal_pointer (&local_issues);
      return NULL;
    }

  json = convene_registry_to_json (imported);
  size = strlen (json);
  json_bytes = g_bytes_new_take (g_steal_pointer (&json), size);
  g_clear_pointer (&local_issues, g_ptr_array_unref);
  return convene_registry_load_from_bytes (json_bytes, location, issues, error);
}

/* The registry of @source as it is stored, without its feeds. */
static ConveneRegistry *
load_source_plain (ConveneRegistrySource  *source,
                   GPtrArray             **issues,
                   GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *location;

  g_assert (CONVENE_IS_REGISTRY_SOURCE (source));

  location = convene_registry_source_get_location (source);
  if (convene_registry_source_has_stored_copy (source))
    return convene_registry_load_from_file (convene_registry_source_get_stored_path (source),
                                            issues, error);

  switch (convene_registry_source_get_kind (source))
    {
    case CONVENE_SOURCE_KIND_BUNDLED:
      bytes = g_resources_lookup_data (BUNDLED_RESOURCE, 0, error);
      if (bytes == NULL)
        return NULL;
      return convene_registry_load_from_bytes (bytes, location, issues, error);

    case CONVENE_SOURCE_KIND_FILE:
      /* Bounded and with a deadline, whatever the file is (a FIFO) */
      bytes = convene_read_file_bounded (location, CONVENE_REGISTRY_MAX_SIZE, NULL, NULL, error);
      if (bytes == NULL)
        return NULL;
      return convene_registry_import_bytes (bytes, location, NULL, issues, error);

    case CONVENE_SOURCE_KIND_URL:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s has not been downloaded yet"), location);
      return NULL;
    }
}

/**
 * convene_registry_import_for_store:
 * @bytes: the content of a file that is not Convene JSON
 * @path: its name, the file name of located issues
 * @issues: (out) (optional): the issues found
 * @error: where to put why it is no registry
 *
 * convene_registry_import_bytes() in the shape of a
 * #ConveneRegistryImportFunc, so the window's store reads the formats
 * of import/ too.
 *
 * Returns: (transfer full) (nullable): the registry
 */
ConveneRegistry *
convene_registry_import_for_store (GBytes      *bytes,
                                   const char  *path,
                                   GPtrArray  **issues,
                                   GError     **error)
{
  return convene_registry_import_bytes (bytes, path, NULL, issues, error);
}

/**
 * convene_registry_load_source:
 * @source: a source
 * @issues: (out) (optional): the issues found
 * @error: where to put why it could not be read
 *
 * Reads @source as it is now, without the network: its stored copy when
 * there is one, else the bundled resource or the file; the stored copies
 * of the calendar feeds it names are attached
 * (convene_registry_attach_feeds()).
 *
 * Returns: (transfer full) (nullable): the registry; %NULL with
 *   %G_IO_ERROR_NOT_FOUND for a URL never downloaded
 */
ConveneRegistry *
convene_registry_load_source (ConveneRegistrySource  *source,
                              GPtrArray             **issues,
                              GError                **error)
{
  g_autoptr(GPtrArray) found = NULL;
  ConveneRegistry *registry;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), NULL);

  registry = load_source_plain (source, &found, error);
  if (registry != NULL)
    {
      if (found == NULL)
        found = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
      convene_registry_attach_feeds (registry, source, found);
    }
  if (issues != NULL)
    *issues = g_steal_pointer (&found);
  return registry;
}

/* What a refresh found, before it is applied to the source. */
typedef struct
{
  ConveneRegistryList *list;
  ConveneRegistrySource *source;
  ConveneDownload *download;
  ConveneRefreshResult *result;
  GDateTime *content_date;
  const char *format;
  SoupSession *session;         /* for the feeds; %NULL in a worker thread */
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->list);
  g_clear_object (&refresh->source);
  g_clear_pointer (&refresh->download, convene_download_free);
  g_clear_pointer (&refresh->result, convene_refresh_result_free);
  g_clear_pointer (&refresh->content_date, g_date_time_unref);
  g_clear_object (&refresh->session);
  g_free (refresh);
}

static const char *
refresh_url (ConveneRegistrySource  *source,
             GError                **error)
{
  const char *upstream = convene_registry_source_get_upstream (source);

  if (upstream == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("%s is a file, read where it is: there is nothing to download, "
                   "reload it instead"), convene_registry_source_get_location (source));
  return upstream;
}

/* Steps 3 to 5; may run in a worker thread, touches no shared state but
 * the stored copy's file. */
static gboolean
refresh_process (Refresh  *refresh,
                 GError  **error)
{
  ConveneDownload *download = refresh->download;
  ConveneRefreshResult *result = g_new0 (ConveneRefreshResult, 1);
  g_autoptr(ConveneRegistry) old_registry = NULL;
  g_autoptr(ConveneRegistry) imported = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *json = NULL;
  g_autofree char *date_text = NULL;
  const char *url = convene_registry_source_get_upstream (refresh->source);
  const char *stated;

  refresh->result = result;
  result->changes = g_ptr_array_new_with_free_func (g_free);

  result->feed_warnings = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  if (download->unchanged)
    {
      g_autoptr(ConveneRegistry) stored = load_source_plain (refresh->source, NULL, NULL);

      /* The registry is the same; its feeds may not be */
      if (stored != NULL)
        convene_registry_download_feeds (stored, refresh->source, refresh->session, NULL,
                                         result->feed_warnings);
      result->unchanged = TRUE;
      return TRUE;
    }

  imported = convene_registry_import_bytes (download->bytes, url, &refresh->format, &issues,
                                            error);
  if (imported == NULL)
    {
      /* The located issues say more than "it has errors" */
      if (has_errors (issues))
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint i = 0; i < issues->len; i++)
            {
              g_autofree char *line = convene_issue_to_string (g_ptr_array_index (issues, i));

              if (((ConveneIssue *)g_ptr_array_index (issues, i))->severity ==
                  CONVENE_SEVERITY_ERROR)
                g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line);
            }
          if (error != NULL && *error != NULL)
            g_clear_error (error);
          g_set_error_literal (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID,
                               text->str);
        }
      return FALSE;
    }

  /* When the content is from: what the source says, else what the
   * server says, else (a fresh download of a live file) now. */
  refresh->content_date = download->date ? g_date_time_ref (download->date) : NULL;
  stated = convene_registry_get_source_date (imported);
  if (refresh->content_date == NULL && g_strcmp0 (refresh->format, CONVENE_FORMAT_JSON) == 0 &&
      stated != NULL)
    refresh->content_date = g_date_time_new_from_iso8601 (stated, NULL);
  /* A date alone ("2026-02-20", as registries state it) is no ISO 8601
   * date and time for GLib: the start of that day. */
  if (refresh->content_date == NULL && g_strcmp0 (refresh->format, CONVENE_FORMAT_JSON) == 0 &&
      stated != NULL && strchr (stated, 'T') == NULL)
    {
      g_autofree char *midnight = g_strconcat (stated, "T00:00:00Z", NULL);

      refresh->content_date = g_date_time_new_from_iso8601 (midnight, NULL);
    }
  if (refresh->content_date == NULL)
    refresh->content_date = g_date_time_new_now_utc ();
  date_text = g_date_time_format (refresh->content_date, "%Y-%m-%d");
  convene_registry_set_source (imported, refresh->format, download->url, date_text);

  old_registry = load_source_plain (refresh->source, NULL, NULL);
  if (old_registry != NULL)
    {
      result->changes = (g_ptr_array_unref (result->changes),
                         convene_registry_diff (old_registry, imported));
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (imported)); i++)
        {
          g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (imported), i);

          g_ptr_array_add (result->changes,
                           g_strdup_printf ("+ group %s", convene_group_get_id (group)));
        }
    }
  result->unchanged = result->changes->len == 0;

  json = convene_registry_to_json (imported);
  if (!convene_registry_list_write_stored (refresh->list, refresh->source, json, strlen (json),
                                           error))
    return FALSE;

  /* The stored copy stays the registry alone; its feeds are attached on
   * each load, as here */
  convene_registry_download_feeds (imported, refresh->source, refresh->session, NULL,
                                   result->feed_warnings);
  if (issues == NULL)
    issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  convene_registry_attach_feeds (imported, refresh->source, issues);

  result->registry = g_steal_pointer (&imported);
  result->issues = g_steal_pointer (&issues);
  return TRUE;
}

/* In the caller's thread: the source learns what the refresh found. */
static ConveneRefreshResult *
refresh_apply (Refresh *refresh)
{
  ConveneRegistrySource *source = refresh->source;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  convene_registry_source_set_validators (source, refresh->download->etag,
                                          refresh->download->last_modified);
  convene_registry_source_set_fetched (source, now);
  if (!refresh->download->unchanged)
    {
      convene_registry_source_set_format (source, refresh->format);
      convene_registry_source_set_content_date (source, refresh->content_date);
    }

  /* The copy is in place; a list that cannot be saved only forgets the
   * validators, and the next refresh downloads everything again. */
  if (!convene_registry_list_save (refresh->list, &error))
    g_warning ("Could not save the list of registries: %s", error->message);

  return g_steal_pointer (&refresh->result);
}

static Refresh *
refresh_new (ConveneRegistryList   *list,
             ConveneRegistrySource *source)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  refresh->list = g_object_ref (list);
  refresh->source = g_object_ref (source);
  return refresh;
}

/* A stored copy that is gone cannot be revalidated: ask for all of it. */
static void
validators (ConveneRegistrySource  *source,
            const char            **etag,
            const char            **last_modified)
{
  gboolean held = convene_registry_source_has_stored_copy (source);

  *etag = held ? convene_registry_source_get_etag (source) : NULL;
  *last_modified = held ? convene_registry_source_get_last_modified (source) : NULL;
}

/**
 * convene_registry_refresh_sync:
 * @list: the list @source is in (it saves the source's record)
 * @source: the registry to refresh
 * @session: (nullable): the session, %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put why the refresh failed; the stored copy is then
 *   as it was
 *
 * Refreshes @source from its upstream, blocking (for the command line).
 *
 * Returns: (transfer full) (nullable): what changed
 */
ConveneRefreshResult *
convene_registry_refresh_sync (ConveneRegistryList    *list,
                               ConveneRegistrySource  *source,
                               SoupSession            *session,
                               GCancellable           *cancellable,
                               GError                **error)
{
  Refresh *refresh;
  ConveneRefreshResult *result = NULL;
  const char *url;
  const char *etag;
  const char *last_modified;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (list), NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), NULL);

  if ((url = refresh_url (source, error)) == NULL)
    return NULL;

  refresh = refresh_new (list, source);
  refresh->session = session ? g_object_ref (session) : NULL;
  validators (source, &etag, &last_modified);
  refresh->download = convene_download_sync (session, url, etag, last_modified,
                                             CONVENE_REGISTRY_MAX_SIZE, 0, cancellable, error);
  if (refresh->download != NULL && refresh_process (refresh, error))
    result = refresh_apply (refresh);

  refresh_free (refresh);
  return result;
}

static void
process_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (refresh_process (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
processed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, refresh_apply (g_task_get_task_data (task)),
                         (GDestroyNotify)convene_refresh_result_free);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GTask) worker = NULL;
  GError *error = NULL;

  refresh->download = convene_download_finish (result, &error);
  if (refresh->download == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The worker shares the refresh; the outer task keeps it alive. */
  worker = g_task_new (NULL, g_task_get_cancellable (task), processed_cb,
                       g_object_ref (task));
  g_task_set_task_data (worker, refresh, NULL);
  g_task_set_check_cancellable (worker, FALSE);
  g_task_run_in_thread (worker, process_thread);
}

/**
 * convene_registry_refresh_async:
 * @list: the list @source is in (it saves the source's record)
 * @source: the registry to refresh
 * @session: (nullable): the session, %NULL for a new one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done, in the thread-default main context
 * @user_data: for @callback
 *
 * Refreshes @source from its upstream; see the top of this file. The
 * import, validation and writing run in a worker thread.
 */
void
convene_registry_refresh_async (ConveneRegistryList   *list,
                                ConveneRegistrySource *source,
                                SoupSession           *session,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  const char *url;
  const char *etag;
  const char *last_modified;

  g_return_if_fail (CONVENE_IS_REGISTRY_LIST (list));
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (source));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_registry_refresh_async);
  g_task_set_task_data (task, refresh_new (list, source), (GDestroyNotify)refresh_free);

  if ((url = refresh_url (source, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  validators (source, &etag, &last_modified);
  convene_download_async (session, url, etag, last_modified, CONVENE_REGISTRY_MAX_SIZE, 0,
                          cancellable, downloaded_cb, g_steal_pointer (&task));
}

/**
 * convene_registry_refresh_finish:
 * @result: the result given to the callback
 * @error: where to put why the refresh failed
 *
 * Returns: (transfer full) (nullable): what changed
 */
ConveneRefreshResult *
convene_registry_refresh_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
