/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "convene-registry.h"
#include "convene-registry-list.h"
#include "convene-registry-source.h"

G_BEGIN_DECLS

/* Refreshing a remembered registry from its source, for the command line
 * and the window alike: download (conditional) → detect the format →
 * import → validate → replace the stored copy atomically, only when
 * valid → the list of changes. On any failure the stored copy and the
 * source's record stay as they were.
 *
 * Cancelling stops the download at once; once the download is complete
 * the (short) import and write run to their end, so a refresh cancelled
 * then reports %G_IO_ERROR_CANCELLED with a valid new copy in place.
 * After a successful refresh, convene_registry_store_load_source() (or
 * _reload()) shows the new copy; the store itself never downloads.
 */
typedef struct
{
  gboolean         unchanged;   /* 304, or the same registry again */
  ConveneRegistry *registry;    /* the new registry; %NULL when unchanged by a 304 */
  GPtrArray       *changes;     /* lines of convene_registry_diff(); empty when unchanged */
  GPtrArray       *issues;      /* warnings of the import (ConveneIssue) */
  GPtrArray       *feed_warnings; /* calendar feeds that could not be refreshed (ConveneIssue) */
} ConveneRefreshResult;

void                  convene_refresh_result_free     (ConveneRefreshResult  *result);

const char           *convene_registry_detect_format  (GBytes                *bytes);
ConveneRegistry      *convene_registry_import_bytes   (GBytes                *bytes,
                                                       const char            *location,
                                                       const char           **format,
                                                       GPtrArray            **issues,
                                                       GError               **error);
ConveneRegistry      *convene_registry_load_source    (ConveneRegistrySource *source,
                                                       GPtrArray            **issues,
                                                       GError               **error);
void                  convene_registry_refresh_async  (ConveneRegistryList   *list,
                                                       ConveneRegistrySource *source,
                                                       SoupSession           *session,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
ConveneRefreshResult *convene_registry_refresh_finish (GAsyncResult          *result,
                                                       GError               **error);
ConveneRefreshResult *convene_registry_refresh_sync   (ConveneRegistryList   *list,
                                                       ConveneRegistrySource *source,
                                                       SoupSession           *session,
                                                       GCancellable          *cancellable,
                                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneRefreshResult, convene_refresh_result_free)

ConveneRegistry      *convene_registry_import_for_store (GBytes                *bytes,
                                                        const char            *path,
                                                        GPtrArray            **issues,
                                                        GError               **error);

G_END_DECLS
