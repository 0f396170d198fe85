/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-avatar-cache.h"

G_BEGIN_DECLS

/*
 * The avatar cache is one object in four files that share its struct:
 *
 *   convene-avatar-cache.c  the object: properties, signal, session, settings
 *   convene-avatar-queue.c  loads: memory cache, failures, shared queued requests
 *   convene-avatar-fetch.c  the libsoup download and the decoding
 *   convene-avatar-store.c  the files on disk
 */

#define SIDECAR_GROUP "Avatar"

typedef struct
{
  ConveneAvatarCache *self;
  char               *url;
  char               *key;
  GUri               *uri;
  GPtrArray          *waiters;
  GCancellable       *cancellable;
  GSource            *timeout_source;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *body;
  char               *etag;
  char               *last_modified;
  guint               max_age;
  guint               redirects;
  guint               background : 1;
  guint               in_flight : 1;
  guint               timed_out : 1;
  guint               conditional : 1;
} Request;

typedef struct
{
  GList       link;
  char       *url;
  GdkTexture *texture;
  gint64      checked;
  guint       max_age;
} MemoryEntry;

typedef struct
{
  GBytes *body;
  char   *url;
  char   *image_path;
  char   *sidecar_path;
  char   *etag;
  char   *last_modified;
  gint64  checked;
  guint   max_age;
  guint   image_size;
  guint   no_store : 1;
} StoreJob;

typedef struct
{
  GdkTexture *texture;
  gboolean    changed;
} StoreResult;

struct _ConveneAvatarCache
{
  GObject      parent_instance;

  char        *cache_dir;
  SoupSession *session;
  gboolean     owns_session;

  guint        image_size;
  guint        freshness;
  guint        max_in_flight;
  guint        timeout;
  guint        failure_retry_delay;
  guint        memory_limit;

  /* url → MemoryEntry; the queue orders them, most recently used first */
  GHashTable  *memory;
  GQueue       lru;

  /* url → Request, queued or in flight; the queue holds the ones waiting */
  GHashTable  *requests;
  GQueue       queue;
  guint        n_in_flight;

  /* url → Failure */
  GHashTable  *failures;
};

/* convene-avatar-cache.c */
void         notify_n_pending             (ConveneAvatarCache  *self);
void         emit_avatar_updated          (ConveneAvatarCache  *self,
                                           const char          *url,
                                           GdkTexture          *texture);

/* convene-avatar-queue.c */
void         memory_entry_free            (gpointer             data);
MemoryEntry *memory_lookup                (ConveneAvatarCache  *self,
                                           const char          *url);
void         memory_trim                  (ConveneAvatarCache  *self);
void         memory_insert                (ConveneAvatarCache  *self,
                                           const char          *url,
                                           GdkTexture          *texture,
                                           gint64               checked,
                                           guint                max_age);
void         memory_clear                 (ConveneAvatarCache  *self);
GdkTexture  *cached_texture               (ConveneAvatarCache  *self,
                                           const char          *url,
                                           gint64              *checked,
                                           guint               *max_age);
void         failure_free                 (gpointer             data);
void         pump_queue                   (ConveneAvatarCache  *self);
void         request_finish               (Request             *req,
                                           GdkTexture          *texture,
                                           const GError        *error);
void         request_fail                 (Request             *req,
                                           GError              *error);

/* convene-avatar-fetch.c */
GUri        *parse_http_url               (const char          *url,
                                           GError             **error);
GdkPixbuf   *decode_avatar                (GBytes              *body,
                                           const char          *url,
                                           guint                image_size,
                                           guint                max_side,
                                           GError             **error);
void         request_start                (Request             *req);

/* convene-avatar-store.c */
char        *key_for_url                  (const char          *url);
char        *image_path_for_key           (ConveneAvatarCache  *self,
                                           const char          *key);
char        *sidecar_path_for_key         (ConveneAvatarCache  *self,
                                           const char          *key);
void         remove_stray_temporary_files (ConveneAvatarCache  *self);
GKeyFile    *read_sidecar                 (const char          *path);
GdkTexture  *read_disk_texture            (ConveneAvatarCache  *self,
                                           const char          *key,
                                           gint64              *checked,
                                           guint               *max_age);
gint64       unix_now                     (void);
void         store_job_free               (gpointer             data);
void         store_result_free            (gpointer             data);
void         store_job_run                (GTask               *task,
                                           gpointer             source_object,
                                           gpointer             task_data,
                                           GCancellable        *cancellable);
gboolean     delete_cache_files           (ConveneAvatarCache  *self,
                                           gboolean             count_only,
                                           guint64             *size,
                                           GError             **error);

G_END_DECLS
