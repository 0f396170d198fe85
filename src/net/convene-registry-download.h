/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Downloading a registry's source: bytes and headers only, no type of
 * core/. Redirects are followed here, each checked (http or https, no
 * credentials), at most CONVENE_DOWNLOAD_MAX_REDIRECTS; the whole download
 * has a deadline; a body over the size limit is refused as soon as it
 * exceeds it. Errors are in G_IO_ERROR with messages in plain words.
 */
#define CONVENE_DOWNLOAD_MAX_REDIRECTS 5
#define CONVENE_DOWNLOAD_TIMEOUT       30   /* seconds */

typedef struct
{
  gboolean   unchanged;       /* 304 Not Modified: @bytes is %NULL */
  GBytes    *bytes;           /* the body of a 200 */
  char      *url;             /* where it came from, after redirects */
  char      *etag;            /* the response's ETag, or the one sent on a 304 */
  char      *last_modified;   /* the response's Last-Modified, likewise */
  GDateTime *date;            /* Last-Modified as a time, %NULL when none */
} ConveneDownload;

void             convene_download_free      (ConveneDownload      *download);
gboolean         convene_download_check_url (const char           *url,
                                             GError              **error);
void             convene_download_async     (SoupSession          *session,
                                             const char           *url,
                                             const char           *etag,
                                             const char           *last_modified,
                                             gsize                 max_size,
                                             guint                 timeout_seconds,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
ConveneDownload *convene_download_finish    (GAsyncResult         *result,
                                             GError              **error);
ConveneDownload *convene_download_sync      (SoupSession          *session,
                                             const char           *url,
                                             const char           *etag,
                                             const char           *last_modified,
                                             gsize                 max_size,
                                             guint                 timeout_seconds,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneDownload, convene_download_free)

G_END_DECLS
