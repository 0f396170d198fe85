/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "convene-registry-store.h"
#include "convene-registry-store-private.h"
#include "convene-bounded-read.h"
#include "convene-registry-loader.h"

/* Loading a registry by its source rather than by a path. The store
 * reads only Convene JSON and never the network (it is core/): a URL
 * registry, and a bundled registry that was refreshed, are read from
 * their stored copy, which the refresh (src/refresh/) writes once it has
 * imported and validated a download. A file is read where it is.
 */

/* The source date of @registry (an ISO 8601 date, or date and time), or
 * else @file_date, the modification time of its file.
 */
GDateTime *
_convene_registry_store_dup_date (ConveneRegistry *registry,
                                  GDateTime       *file_date)
{
  const char *source_date = convene_registry_get_source_date (registry);
  int year, month, day;
  char end;

  if (source_date != NULL && strchr (source_date, 'T') != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      GDateTime *date = g_date_time_new_from_iso8601 (source_date, local);

      if (date != NULL)
        return date;
    }
  else if (source_date != NULL &&
           sscanf (source_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
           g_date_valid_dmy (day, month, year))
    {
      return g_date_time_new_local (year, month, day, 0, 0, 0);
    }

  return file_date ? g_date_time_ref (file_date) : NULL;
}

/**
 * convene_registry_store_load_source:
 * @self: a #ConveneRegistryStore
 * @source: where the registry comes from
 *
 * Loads the registry of @source as convene_registry_store_load() does,
 * from its stored copy when it has one, and makes @source
 * #ConveneRegistryStore:source. A URL that has no stored copy yet fails
 * with %G_IO_ERROR_NOT_FOUND: refresh it first.
 */
void
convene_registry_store_load_source (ConveneRegistryStore  *self,
                                    ConveneRegistrySource *source)
{
  const char *stored;

  g_return_if_fail (CONVENE_IS_REGISTRY_STORE (self));
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (source));

  stored = convene_registry_source_get_stored_path (source);
  if (convene_registry_source_has_stored_copy (source))
    {
      _convene_registry_store_load_path (self, stored, source, NULL);
      return;
    }

  switch (convene_registry_source_get_kind (source))
    {
    case CONVENE_SOURCE_KIND_BUNDLED:
      _convene_registry_store_load_path (self, NULL, source, NULL);
      break;

    case CONVENE_SOURCE_KIND_FILE:
      _convene_registry_store_load_path (self, convene_registry_source_get_location (source),
                                         source, NULL);
      break;

    case CONVENE_SOURCE_KIND_URL:
    default:
      _convene_registry_store_load_path (
        self, stored, source,
        /* Translators: a web address */
        g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s has not been downloaded yet"),
                     convene_registry_source_get_location (source)));
      break;
    }
}

/**
 * convene_registry_store_get_fetched:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable): when the source of the current
 *   registry was last fetched; %NULL for a file or a registry never fetched
 */
GDateTime *
convene_registry_store_get_fetched (ConveneRegistryStore *self)
{
  ConveneRegistrySource *source;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);

  source = convene_registry_store_get_source (self);
  return source ? convene_registry_source_get_fetched (source) : NULL;
}

/**
 * convene_registry_store_get_source:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable): see #ConveneRegistryStore:source
 */
ConveneRegistrySource *
convene_registry_store_get_source (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);

  ConveneRegistrySource *source = NULL;

  g_object_get (self, "source", &source, NULL);
  if (source != NULL)
    g_object_unref (source);  /* the store holds it */
  return source;
}

/**
 * convene_registry_store_set_attach_func:
 * @self: a #ConveneRegistryStore
 * @func: (nullable): what to call on each registry loaded by its source
 *
 * The store is core/ and reads only Convene JSON; what a source keeps
 * beside its stored copy (the calendar feeds of src/refresh/) is added by
 * @func, in the loading thread, before the registry is shown.
 */
void
convene_registry_store_set_attach_func (ConveneRegistryStore      *self,
                                        ConveneRegistryAttachFunc  func)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_STORE (self));

  _convene_registry_store_set_attach (self, func);
}

/**
 * convene_registry_store_set_import_func:
 * @self: a #ConveneRegistryStore
 * @func: (nullable): what reads a file that is not Convene JSON
 *
 * Without it the store reads Convene JSON only. With it, a regular file
 * whose content does not start as a JSON object is read (bounded) and
 * handed to @func in the loading thread, so `convene WORKING-GROUPS.md`
 * and Open File… of a sigs.yaml show the imported registry.
 */
void
convene_registry_store_set_import_func (ConveneRegistryStore      *self,
                                        ConveneRegistryImportFunc  func)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_STORE (self));

  _convene_registry_store_set_import (self, func);
}

/* Whether @path is a regular file whose first text is not a JSON object:
 * one that an importer reads. FIFOs and the like go the JSON way, whose
 * reader times out on them. */
static gboolean
is_imported_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  char head[256];
  gssize n;
  gssize i = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return FALSE;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, NULL);
  if (n <= 0)
    return FALSE;

  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && g_ascii_isspace (head[i]))
    i++;

  return i < n && head[i] != '{';
}

/* In the loading thread: @path read through @import when it is a file an
 * importer reads, else %NULL with neither @error nor @issues set. */
ConveneRegistry *
_convene_registry_store_import_file (const char                 *path,
                                     ConveneRegistryImportFunc   import,
                                     GCancellable               *cancellable,
                                     GPtrArray                 **issues,
                                     GError                    **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (import == NULL || path == NULL || g_str_has_prefix (path, "resource://") ||
      !is_imported_file (path))
    return NULL;

  bytes = convene_read_file_bounded (path, CONVENE_REGISTRY_MAX_SIZE, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  return import (bytes, path, issues, error);
}
