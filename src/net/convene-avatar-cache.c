/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "convene-avatar-cache.h"

/*
 * Layout of the cache directory: one pair of files per avatar URL, named by
 * the SHA-256 of the URL:
 *
 *   <sha256>.png  the image, decoded, cropped to a centred square and scaled
 *                 down to #ConveneAvatarCache:image-size pixels
 *   <sha256>.ini  a key file: the URL, the validators the server sent (ETag,
 *                 Last-Modified) and when the image was last checked (unix
 *                 time)
 *
 * Both are written with g_file_set_contents_full() in its consistent mode (a
 * temporary "<name>.XXXXXX" then a rename), so a crash leaves either the old
 * file, the new file, or a stray temporary file that the next start deletes;
 * never a half-written image under the real name.
 */

#define DEFAULT_FRESHNESS           (7 * 24 * 60 * 60)
#define DEFAULT_TIMEOUT             30
#define MAX_CONNECT_TIMEOUT         10
#define DEFAULT_MAX_IN_FLIGHT       6
#define MAX_IN_FLIGHT_LIMIT         16
#define DEFAULT_FAILURE_RETRY_DELAY (60 * 60)
#define DEFAULT_MEMORY_LIMIT        256
#define IDLE_TIMEOUT                60
#define READ_CHUNK_SIZE             (64 * 1024)
#define MAX_SOURCE_SIDE             4096
#define SHA256_HEX_LEN              64
#define SIDECAR_GROUP               "Avatar"

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

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
} MemoryEntry;

typedef struct
{
  GError *error;
  gint64  until;
} Failure;

typedef struct
{
  GBytes *body;
  char   *url;
  char   *image_path;
  char   *sidecar_path;
  char   *etag;
  char   *last_modified;
  gint64  checked;
  guint   image_size;
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

static void request_send  (Request *req);
static void request_start (Request *req);

G_DEFINE_FINAL_TYPE (ConveneAvatarCache, convene_avatar_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  PROP_SESSION,
  PROP_IMAGE_SIZE,
  PROP_FRESHNESS,
  PROP_MAX_IN_FLIGHT,
  PROP_TIMEOUT,
  PROP_FAILURE_RETRY_DELAY,
  PROP_MEMORY_LIMIT,
  PROP_N_PENDING,
  N_PROPS
};

enum {
  AVATAR_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers: names and files */

static char *
key_for_url (const char *url)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
}

static char *
image_path_for_key (ConveneAvatarCache *self,
                    const char         *key)
{
  g_autofree char *name = g_strconcat (key, ".png", NULL);

  return g_build_filename (self->cache_dir, name, NULL);
}

static char *
sidecar_path_for_key (ConveneAvatarCache *self,
                      const char         *key)
{
  g_autofree char *name = g_strconcat (key, ".ini", NULL);

  return g_build_filename (self->cache_dir, name, NULL);
}

typedef enum {
  CACHE_FILE_OTHER,
  CACHE_FILE_ENTRY,
  CACHE_FILE_TEMPORARY,
} CacheFileKind;

/* Tells our own files apart from anything else in the directory, so that
 * clearing never deletes a file the cache did not write. */
static CacheFileKind
classify_file_name (const char *name)
{
  const char *suffix;

  for (guint i = 0; i < SHA256_HEX_LEN; i++)
    {
      if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
        return CACHE_FILE_OTHER;
    }

  suffix = name + SHA256_HEX_LEN;
  if (!g_str_has_prefix (suffix, ".png") && !g_str_has_prefix (suffix, ".ini"))
    return CACHE_FILE_OTHER;

  suffix += strlen (".png");
  if (*suffix == '\0')
    return CACHE_FILE_ENTRY;

  /* g_file_set_contents_full() writes "<name>.XXXXXX" and renames it */
  if (suffix[0] == '.' && suffix[1] != '\0')
    return CACHE_FILE_TEMPORARY;

  return CACHE_FILE_OTHER;
}

static void
remove_stray_temporary_files (ConveneAvatarCache *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (self->cache_dir, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (classify_file_name (name) == CACHE_FILE_TEMPORARY)
        {
          g_autofree char *path = g_build_filename (self->cache_dir, name, NULL);

          g_debug ("Removing %s, left behind by an interrupted write", path);
          g_unlink (path);
        }
    }
}

static GKeyFile *
read_sidecar (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;

  return g_steal_pointer (&key_file);
}

static void
remove_entry_files (ConveneAvatarCache *self,
                    const char         *key)
{
  g_autofree char *image_path = image_path_for_key (self, key);
  g_autofree char *sidecar_path = sidecar_path_for_key (self, key);

  g_unlink (image_path);
  g_unlink (sidecar_path);
}

/* Reads one avatar from disk. A file that does not decode is treated as
 * absent and removed, so it is downloaded again. */
static GdkTexture *
read_disk_texture (ConveneAvatarCache *self,
                   const char         *key,
                   gint64             *checked)
{
  g_autofree char *image_path = image_path_for_key (self, key);
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GKeyFile) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  /* gdk-pixbuf rather than gdk_texture_new_from_bytes(): GTK 4.8's PNG
   * loader leaks its buffers on a truncated file. */
  pixbuf = gdk_pixbuf_new_from_file (image_path, &error);
  if (pixbuf == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("Dropping unreadable cached avatar %s: %s", image_path, error->message);
          remove_entry_files (self, key);
        }
      return NULL;
    }

  sidecar_path = sidecar_path_for_key (self, key);
  sidecar = read_sidecar (sidecar_path);
  *checked = sidecar != NULL ? g_key_file_get_int64 (sidecar, SIDECAR_GROUP, "Checked", NULL) : 0;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

static gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Helpers: memory cache */

static void
memory_entry_free (gpointer data)
{
  MemoryEntry *entry = data;

  g_clear_pointer (&entry->url, g_free);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static MemoryEntry *
memory_lookup (ConveneAvatarCache *self,
               const char         *url)
{
  MemoryEntry *entry = g_hash_table_lookup (self->memory, url);

  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
    }

  return entry;
}

static void
memory_trim (ConveneAvatarCache *self)
{
  while (self->lru.length > self->memory_limit)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);
      MemoryEntry *entry = oldest->data;

      g_hash_table_remove (self->memory, entry->url);
    }
}

static void
memory_insert (ConveneAvatarCache *self,
               const char         *url,
               GdkTexture         *texture,
               gint64              checked)
{
  MemoryEntry *entry = memory_lookup (self, url);

  if (entry == NULL)
    {
      entry = g_new0 (MemoryEntry, 1);
      entry->link.data = entry;
      entry->url = g_strdup (url);
      g_hash_table_insert (self->memory, entry->url, entry);
      g_queue_push_head_link (&self->lru, &entry->link);
    }

  g_set_object (&entry->texture, texture);
  entry->checked = checked;

  memory_trim (self);
}

static void
memory_clear (ConveneAvatarCache *self)
{
  g_hash_table_remove_all (self->memory);
  g_queue_init (&self->lru);
}

/* The memory cache first, then the disk; never the network. */
static GdkTexture *
cached_texture (ConveneAvatarCache *self,
                const char         *url,
                gint64             *checked)
{
  MemoryEntry *entry;
  g_autofree char *key = NULL;
  GdkTexture *texture;

  entry = memory_lookup (self, url);
  if (entry != NULL)
    {
      *checked = entry->checked;
      return g_object_ref (entry->texture);
    }

  key = key_for_url (url);
  texture = read_disk_texture (self, key, checked);
  if (texture != NULL)
    memory_insert (self, url, texture, *checked);

  return texture;
}

/* Helpers: failures */

static void
failure_free (gpointer data)
{
  Failure *failure = data;

  g_clear_error (&failure->error);
  g_free (failure);
}

static const GError *
failure_lookup (ConveneAvatarCache *self,
                const char         *url)
{
  Failure *failure = g_hash_table_lookup (self->failures, url);

  if (failure == NULL)
    return NULL;

  if (g_get_monotonic_time () >= failure->until)
    {
      g_hash_table_remove (self->failures, url);
      return NULL;
    }

  return failure->error;
}

static void
failure_remember (ConveneAvatarCache *self,
                  const char         *url,
                  const GError       *error)
{
  Failure *failure;

  if (self->failure_retry_delay == 0)
    return;

  failure = g_new0 (Failure, 1);
  failure->error = g_error_copy (error);
  failure->until = g_get_monotonic_time () + (gint64)self->failure_retry_delay * G_USEC_PER_SEC;
  g_hash_table_insert (self->failures, g_strdup (url), failure);
}

/* Helpers: URLs */

static GUri *
parse_http_url (const char  *url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The avatar address “%s” is not a valid URL"), url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The avatar address “%s” is not an http or https URL"), url);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The avatar address “%s” has no host"), url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* Helpers: decoding and storing, in a worker thread */

static void
store_job_free (gpointer data)
{
  StoreJob *job = data;

  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->url, g_free);
  g_clear_pointer (&job->image_path, g_free);
  g_clear_pointer (&job->sidecar_path, g_free);
  g_clear_pointer (&job->etag, g_free);
  g_clear_pointer (&job->last_modified, g_free);
  g_free (job);
}

static void
store_result_free (gpointer data)
{
  StoreResult *result = data;

  g_clear_object (&result->texture);
  g_free (result);
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  guint *target = user_data;
  int shorter;

  if (width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE)
    {
      /* Too large to decode safely; the caller stops feeding the loader. */
      *target = 0;
      return;
    }

  /* Let the decoder scale while it decodes (cheap for JPEG): the shorter
   * side becomes the target size, the centred square is cut out later. */
  shorter = MIN (width, height);
  if (shorter > (int)*target)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int)((gint64)width * *target / shorter)),
                                MAX (1, (int)((gint64)height * *target / shorter)));
}

static GdkPixbuf *
decode_avatar (GBytes      *body,
               const char  *url,
               guint        image_size,
               GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *data;
  gsize length;
  gsize offset = 0;
  guint target = image_size;
  gboolean ok = TRUE;
  GdkPixbuf *pixbuf;
  int width;
  int height;
  int side;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &target);

  data = g_bytes_get_data (body, &length);
  /* A small first chunk: the header tells the size before many pixels are
   * decoded, so an oversized image is refused early. */
  while (ok && offset < length && target != 0)
    {
      gsize chunk = MIN (length - offset, offset == 0 ? (gsize)4096 : (gsize)READ_CHUNK_SIZE);

      ok = gdk_pixbuf_loader_write (loader, data + offset, chunk, &local_error);
      offset += chunk;
    }

  /* Always close, even after an error, or the loader complains. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (target == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The avatar at “%s” is more than %u pixels wide or high"),
                   url, MAX_SOURCE_SIDE);
      return NULL;
    }

  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The avatar at “%s” is not an image: %s"), url,
                   local_error != NULL ? local_error->message : _("no picture in the data"));
      return NULL;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  side = MIN (width, height);

  /* Avatars are shown round: keep the centred square, never stretch. */
  square = gdk_pixbuf_new_subpixbuf (oriented, (width - side) / 2, (height - side) / 2, side, side);
  if ((guint)side <= image_size)
    return gdk_pixbuf_copy (square);

  return gdk_pixbuf_scale_simple (square, image_size, image_size, GDK_INTERP_BILINEAR);
}

static gboolean
write_sidecar (StoreJob  *job,
               GError   **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_string (key_file, SIDECAR_GROUP, "URL", job->url);
  if (job->etag != NULL)
    g_key_file_set_string (key_file, SIDECAR_GROUP, "ETag", job->etag);
  if (job->last_modified != NULL)
    g_key_file_set_string (key_file, SIDECAR_GROUP, "LastModified", job->last_modified);
  g_key_file_set_int64 (key_file, SIDECAR_GROUP, "Checked", job->checked);

  data = g_key_file_to_data (key_file, &length, NULL);

  return g_file_set_contents_full (job->sidecar_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
same_file_contents (const char *path,
                    const char *data,
                    gsize       length)
{
  g_autofree char *old = NULL;
  gsize old_length;

  if (!g_file_get_contents (path, &old, &old_length, NULL))
    return FALSE;

  return old_length == length && memcmp (old, data, length) == 0;
}

static void
store_job_run (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr(GError) error = NULL;
  StoreResult *result;

  result = g_new0 (StoreResult, 1);

  if (job->body != NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autofree char *png = NULL;
      gsize png_length;

      pixbuf = decode_avatar (job->body, job->url, job->image_size, &error);
      if (pixbuf == NULL)
        {
          store_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      result->texture = gdk_texture_new_for_pixbuf (pixbuf);

      if (!gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_length, "png", &error, NULL))
        {
          g_warning ("Could not encode the avatar from %s: %s", job->url, error->message);
          g_clear_error (&error);
        }
      else if (same_file_contents (job->image_path, png, png_length))
        {
          result->changed = FALSE;
        }
      else
        {
          result->changed = TRUE;
          if (!g_file_set_contents_full (job->image_path, png, png_length,
                                         G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
            {
              /* The avatar still shows; only the disk copy is missing. */
              g_warning ("Could not cache the avatar from %s: %s", job->url, error->message);
              g_clear_error (&error);
            }
        }
    }

  if (!write_sidecar (job, &error))
    {
      g_warning ("Could not write %s: %s", job->sidecar_path, error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, result, store_result_free);
}

/* Helpers: waiters */

static gboolean
waiter_cancelled_idle_cb (gpointer user_data);

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) source = NULL;

  /* This may run in another thread, and disconnecting from inside the
   * handler would deadlock: finish the work from the task's context. */
  source = g_idle_source_new ();
  g_source_set_callback (source, waiter_cancelled_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[convene] avatar load cancelled");
  g_source_attach (source, g_task_get_context (task));
}

static Waiter *
waiter_new (GTask *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (waiter_cancelled_cb),
                                                  g_object_ref (task),
                                                  g_object_unref);

  return waiter;
}

static void
waiter_disconnect (Waiter *waiter)
{
  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancelled_id);
  waiter->cancelled_id = 0;
}

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  waiter_disconnect (waiter);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

/* Disconnects first: the callback may well cancel its cancellable. */
static void
waiter_return (Waiter       *waiter,
               GdkTexture   *texture,
               const GError *error)
{
  waiter_disconnect (waiter);

  if (texture != NULL)
    g_task_return_pointer (waiter->task, g_object_ref (texture), g_object_unref);
  else
    g_task_return_error (waiter->task, g_error_copy (error));
}

/* Helpers: requests */

static void
notify_n_pending (ConveneAvatarCache *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static Request *
request_new (ConveneAvatarCache *self,
             const char         *url,
             GUri               *uri)
{
  Request *req = g_new0 (Request, 1);

  req->self = g_object_ref (self);
  req->url = g_strdup (url);
  req->key = key_for_url (url);
  req->uri = g_uri_ref (uri);
  req->waiters = g_ptr_array_new_with_free_func (waiter_free);

  g_hash_table_insert (self->requests, req->url, req);
  g_queue_push_tail (&self->queue, req);
  notify_n_pending (self);

  return req;
}

static void
request_free (Request *req)
{
  g_assert (req->waiters->len == 0);

  if (req->timeout_source != NULL)
    g_source_destroy (req->timeout_source);
  g_clear_pointer (&req->timeout_source, g_source_unref);
  g_clear_pointer (&req->waiters, g_ptr_array_unref);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->url, g_free);
  g_clear_pointer (&req->key, g_free);
  g_clear_pointer (&req->etag, g_free);
  g_clear_pointer (&req->last_modified, g_free);
  g_clear_object (&req->self);
  g_free (req);
}

static void
pump_queue (ConveneAvatarCache *self)
{
  while (self->n_in_flight < self->max_in_flight && self->queue.length > 0)
    request_start (g_queue_pop_head (&self->queue));
}

/* Hands the result to every caller waiting for this URL, forgets the
 * request, and lets the next one in the queue start. */
static void
request_finish (Request      *req,
                GdkTexture   *texture,
                const GError *error)
{
  ConveneAvatarCache *self = req->self;
  g_autoptr(GPtrArray) waiters = NULL;

  g_assert (texture != NULL || error != NULL);

  g_hash_table_remove (self->requests, req->url);
  if (req->in_flight)
    self->n_in_flight--;
  else
    g_queue_remove (&self->queue, req);

  waiters = g_steal_pointer (&req->waiters);
  req->waiters = g_ptr_array_new ();

  /* The request is gone before any caller hears of it, so a caller that
   * loads again from its callback starts afresh. */
  g_object_ref (self);
  notify_n_pending (self);
  pump_queue (self);
  request_free (req);

  for (guint i = 0; i < waiters->len; i++)
    waiter_return (g_ptr_array_index (waiters, i), texture, error);

  g_clear_pointer (&waiters, g_ptr_array_unref);
  g_object_unref (self);
}

static void
request_fail (Request *req,
              GError  *error)
{
  g_autoptr(GError) owned = error;

  /* Remembered so that the next loads neither hit the server again nor
   * revalidate: while it lasts, an image on disk keeps being used. */
  g_debug ("%s", error->message);
  failure_remember (req->self, req->url, error);
  request_finish (req, NULL, error);
}

static gboolean
request_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_clear_pointer (&req->timeout_source, g_source_unref);
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static GError *
request_error (Request *req,
               GError  *error)
{
  g_autoptr(GError) owned = error;
  g_autofree char *uri = g_uri_to_string (req->uri);

  if (req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                        ngettext ("The avatar at “%s” did not arrive within %u second",
                                  "The avatar at “%s” did not arrive within %u seconds",
                                  req->self->timeout),
                        uri, req->self->timeout);

  return g_error_new (error->domain, error->code,
                      _("Could not download the avatar at “%s”: %s"), uri, error->message);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ConveneAvatarCache *self = CONVENE_AVATAR_CACHE (object);
  Request *req = user_data;
  g_autoptr(GError) error = NULL;
  StoreResult *stored;

  stored = g_task_propagate_pointer (G_TASK (result), &error);
  if (stored == NULL)
    {
      request_fail (req, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove (self->failures, req->url);

  if (stored->texture != NULL)
    {
      g_autofree char *url = g_strdup (req->url);
      g_autoptr(GdkTexture) texture = g_object_ref (stored->texture);
      gboolean changed = stored->changed;

      memory_insert (self, url, texture, unix_now ());
      store_result_free (stored);

      g_object_ref (self);
      request_finish (req, texture, NULL);
      if (changed)
        g_signal_emit (self, signals[AVATAR_UPDATED], 0, url, texture);
      g_object_unref (self);
    }
  else
    {
      g_autoptr(GdkTexture) texture = NULL;
      MemoryEntry *entry;
      gint64 checked;

      store_result_free (stored);

      entry = memory_lookup (self, req->url);
      if (entry != NULL)
        entry->checked = unix_now ();

      texture = cached_texture (self, req->url, &checked);
      if (texture == NULL && req->waiters->len > 0)
        {
          /* The image went away while the server said "not modified"
           * (the cache was cleared): ask again without validators. */
          req->conditional = FALSE;
          request_send (req);
          return;
        }

      if (texture != NULL)
        request_finish (req, texture, NULL);
      else
        {
          g_autoptr(GError) gone = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                _("The cached avatar for “%s” was removed"),
                                                req->url);
          request_finish (req, NULL, gone);
        }
    }
}

static void
request_store (Request *req,
               GBytes  *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  g_autoptr(GTask) task = NULL;
  StoreJob *job;
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *last_modified = soup_message_headers_get_one (headers, "Last-Modified");

  /* The whole-request deadline covers the network only. */
  if (req->timeout_source != NULL)
    g_source_destroy (req->timeout_source);
  g_clear_pointer (&req->timeout_source, g_source_unref);

  job = g_new0 (StoreJob, 1);
  job->body = body != NULL ? g_bytes_ref (body) : NULL;
  job->url = g_strdup (req->url);
  job->image_path = image_path_for_key (req->self, req->key);
  job->sidecar_path = sidecar_path_for_key (req->self, req->key);
  /* A 304 may leave the validators out: keep the ones we sent. */
  if (body == NULL)
    {
      etag = etag != NULL ? etag : req->etag;
      last_modified = last_modified != NULL ? last_modified : req->last_modified;
    }
  job->etag = g_strdup (etag);
  job->last_modified = g_strdup (last_modified);
  job->checked = unix_now ();
  job->image_size = req->self->image_size;

  task = g_task_new (req->self, NULL, store_cb, req);
  g_task_set_source_tag (task, request_store);
  g_task_set_task_data (task, job, store_job_free);
  g_task_run_in_thread (task, store_job_run);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      g_clear_object (&req->stream);
      request_fail (req, request_error (req, g_steal_pointer (&error)));
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));

      g_input_stream_close (req->stream, NULL, NULL);
      g_clear_object (&req->stream);
      request_store (req, body);
      return;
    }

  if (req->body->len + size > CONVENE_AVATAR_CACHE_MAX_BYTES)
    {
      g_autofree char *uri = g_uri_to_string (req->uri);

      /* Closing early drops the connection instead of reading the rest. */
      g_input_stream_close (req->stream, NULL, NULL);
      g_clear_object (&req->stream);
      request_fail (req, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                      _("The avatar at “%s” is larger than %u MB"),
                                      uri, CONVENE_AVATAR_CACHE_MAX_BYTES / (1024 * 1024)));
      return;
    }

  g_byte_array_append (req->body, g_bytes_get_data (bytes, NULL), size);
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   req->cancellable, read_cb, req);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  SoupMessageHeaders *headers;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      request_fail (req, request_error (req, g_steal_pointer (&error)));
      return;
    }

  status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);
  uri = g_uri_to_string (req->uri);

  if (status == SOUP_STATUS_OK)
    {
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
          && soup_message_headers_get_content_length (headers) > CONVENE_AVATAR_CACHE_MAX_BYTES)
        {
          g_input_stream_close (stream, NULL, NULL);
          request_fail (req, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                          _("The avatar at “%s” is larger than %u MB"),
                                          uri, CONVENE_AVATAR_CACHE_MAX_BYTES / (1024 * 1024)));
          return;
        }

      req->stream = g_steal_pointer (&stream);
      req->body = g_byte_array_new ();
      g_input_stream_read_bytes_async (req->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                       req->cancellable, read_cb, req);
      return;
    }

  g_input_stream_close (stream, NULL, NULL);

  if (status == SOUP_STATUS_NOT_MODIFIED && req->conditional)
    {
      request_store (req, NULL);
      return;
    }

  if (status == SOUP_STATUS_MOVED_PERMANENTLY
      || status == SOUP_STATUS_FOUND
      || status == SOUP_STATUS_SEE_OTHER
      || status == SOUP_STATUS_TEMPORARY_REDIRECT
      || status == SOUP_STATUS_PERMANENT_REDIRECT)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) target = NULL;
      g_autoptr(GError) parse_error = NULL;

      if (++req->redirects > CONVENE_AVATAR_CACHE_MAX_REDIRECTS)
        {
          request_fail (req, g_error_new (G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                                          _("The avatar at “%s” redirects more than %u times"),
                                          req->url, CONVENE_AVATAR_CACHE_MAX_REDIRECTS));
          return;
        }

      if (location != NULL)
        target = g_uri_parse_relative (req->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
      if (target != NULL)
        {
          g_autofree char *target_string = g_uri_to_string (target);

          g_clear_pointer (&target, g_uri_unref);
          target = parse_http_url (target_string, &parse_error);
        }
      if (target == NULL)
        {
          request_fail (req, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                          _("The avatar at “%s” redirects to “%s”, "
                                            "which is not an http or https URL"),
                                          uri, location != NULL ? location : ""));
          return;
        }

      g_uri_unref (req->uri);
      req->uri = g_steal_pointer (&target);
      request_send (req);
      return;
    }

  request_fail (req, g_error_new (G_IO_ERROR,
                                  status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE
                                  ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                                  _("The server answered “%u %s” for the avatar at “%s”"),
                                  status, soup_message_get_reason_phrase (req->msg), uri));
}

static void
request_send (Request *req)
{
  SoupMessageHeaders *headers;

  g_clear_object (&req->msg);
  req->msg = soup_message_new_from_uri (SOUP_METHOD_GET, req->uri);
  /* Redirects are followed here, to count them and to check where they go. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "image/png,image/jpeg,image/*;q=0.8");
  if (req->conditional)
    {
      if (req->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", req->etag);
      if (req->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", req->last_modified);
    }

  soup_session_send_async (req->self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->cancellable, send_cb, req);
}

static void
request_start (Request *req)
{
  ConveneAvatarCache *self = req->self;
  g_autofree char *image_path = image_path_for_key (self, req->key);

  req->in_flight = TRUE;
  self->n_in_flight++;

  /* Revalidate what is on disk; download what is not. */
  if (g_file_test (image_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *sidecar_path = sidecar_path_for_key (self, req->key);
      g_autoptr(GKeyFile) sidecar = read_sidecar (sidecar_path);

      if (sidecar != NULL)
        {
          req->etag = g_key_file_get_string (sidecar, SIDECAR_GROUP, "ETag", NULL);
          req->last_modified = g_key_file_get_string (sidecar, SIDECAR_GROUP, "LastModified", NULL);
        }
      req->conditional = req->etag != NULL || req->last_modified != NULL;
    }

  req->cancellable = g_cancellable_new ();
  req->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (req->timeout_source, request_timeout_cb, req, NULL);
  g_source_set_static_name (req->timeout_source, "[convene] avatar request timeout");
  g_source_attach (req->timeout_source, g_main_context_get_thread_default ());

  request_send (req);
}

static void
start_revalidation (ConveneAvatarCache *self,
                    const char         *url)
{
  g_autoptr(GUri) uri = parse_http_url (url, NULL);
  Request *req;

  g_assert (uri != NULL);

  req = request_new (self, url, uri);
  req->background = TRUE;
  pump_queue (self);
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  ConveneAvatarCache *self = g_task_get_source_object (task);
  const char *url = g_task_get_task_data (task);
  Request *req = g_hash_table_lookup (self->requests, url);
  gboolean found = FALSE;

  if (req == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < req->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (req->waiters, i);

      if (waiter->task == task)
        {
          g_ptr_array_remove_index (req->waiters, i);
          found = TRUE;
          break;
        }
    }

  if (!found)
    return G_SOURCE_REMOVE;

  g_task_return_error_if_cancelled (task);

  /* Nobody wants it any more and it has not started: drop it. A request
   * already on the wire finishes and fills the cache for next time. */
  if (req->waiters->len == 0 && !req->in_flight && !req->background)
    {
      g_hash_table_remove (self->requests, req->url);
      g_queue_remove (&self->queue, req);
      request_free (req);
      notify_n_pending (self);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
needs_revalidation (ConveneAvatarCache *self,
                    const char         *url,
                    gint64              checked)
{
  if (checked + (gint64)self->freshness > unix_now ())
    return FALSE;

  return !g_hash_table_contains (self->requests, url) && failure_lookup (self, url) == NULL;
}

static gboolean
freshness_from_days (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 24 * 60 * 60);
  return TRUE;
}

static gboolean
delete_cache_files (ConveneAvatarCache  *self,
                    gboolean             count_only,
                    guint64             *size,
                    GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (self->cache_dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (classify_file_name (name) == CACHE_FILE_OTHER)
        continue;

      path = g_build_filename (self->cache_dir, name, NULL);
      if (count_only)
        {
          if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
            *size += st.st_size;
          continue;
        }

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not delete “%s”: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

/* Vfuncs */

static void
convene_avatar_cache_constructed (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      guint connect_timeout = MIN (self->timeout, MAX_CONNECT_TIMEOUT);

      self->owns_session = TRUE;
      self->session = soup_session_new_with_options ("user-agent", "Convene/" PACKAGE_VERSION,
                                                     "timeout", connect_timeout,
                                                     "idle-timeout", IDLE_TIMEOUT,
                                                     "max-conns", MAX_IN_FLIGHT_LIMIT * 2,
                                                     "max-conns-per-host", MAX_IN_FLIGHT_LIMIT,
                                                     NULL);
    }

  if (g_mkdir_with_parents (self->cache_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_warning ("Could not create the avatar cache %s: %s; avatars will not be kept",
                 self->cache_dir, g_strerror (saved_errno));
    }

  remove_stray_temporary_files (self);
}

static void
convene_avatar_cache_dispose (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  memory_clear (self);
  g_hash_table_remove_all (self->failures);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->dispose (object);
}

static void
convene_avatar_cache_finalize (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  /* Each request holds a reference, so none can be left here. */
  g_assert (g_hash_table_size (self->requests) == 0);

  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->finalize (object);
}

static void
convene_avatar_cache_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConveneAvatarCache *self = CONVENE_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_IMAGE_SIZE:
      g_value_set_uint (value, self->image_size);
      break;

    case PROP_FRESHNESS:
      g_value_set_uint (value, self->freshness);
      break;

    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_FAILURE_RETRY_DELAY:
      g_value_set_uint (value, self->failure_retry_delay);
      break;

    case PROP_MEMORY_LIMIT:
      g_value_set_uint (value, self->memory_limit);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, convene_avatar_cache_get_n_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_avatar_cache_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConveneAvatarCache *self = CONVENE_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_IMAGE_SIZE:
      self->image_size = g_value_get_uint (value);
      break;

    case PROP_FRESHNESS:
      convene_avatar_cache_set_freshness (self, g_value_get_uint (value));
      break;

    case PROP_MAX_IN_FLIGHT:
      convene_avatar_cache_set_max_in_flight (self, g_value_get_uint (value));
      break;

    case PROP_TIMEOUT:
      convene_avatar_cache_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_FAILURE_RETRY_DELAY:
      convene_avatar_cache_set_failure_retry_delay (self, g_value_get_uint (value));
      break;

    case PROP_MEMORY_LIMIT:
      convene_avatar_cache_set_memory_limit (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_avatar_cache_class_init (ConveneAvatarCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = convene_avatar_cache_constructed;
  object_class->dispose = convene_avatar_cache_dispose;
  object_class->finalize = convene_avatar_cache_finalize;
  object_class->get_property = convene_avatar_cache_get_property;
  object_class->set_property = convene_avatar_cache_set_property;

  /**
   * ConveneAvatarCache:cache-dir:
   *
   * The directory holding one PNG and one key file per avatar URL.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:session:
   *
   * The session every request goes through; the cache makes its own when
   * none is given.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:image-size:
   *
   * The edge in pixels of the square images kept on disk and handed out.
   */
  properties[PROP_IMAGE_SIZE] =
    g_param_spec_uint ("image-size", NULL, NULL,
                       16, 1024, CONVENE_AVATAR_CACHE_DEFAULT_IMAGE_SIZE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:freshness:
   *
   * Seconds a cached avatar is used before it is revalidated with the server.
   */
  properties[PROP_FRESHNESS] =
    g_param_spec_uint ("freshness", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_FRESHNESS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:max-in-flight:
   *
   * How many requests may be on the network at once; more wait in a queue.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, MAX_IN_FLIGHT_LIMIT, DEFAULT_MAX_IN_FLIGHT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:timeout:
   *
   * Seconds one whole request (redirects and body included) may take.
   * Connecting gets at most ten of them.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:failure-retry-delay:
   *
   * Seconds a failed URL is answered with its error without asking the
   * server again; 0 forgets failures at once.
   */
  properties[PROP_FAILURE_RETRY_DELAY] =
    g_param_spec_uint ("failure-retry-delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_FAILURE_RETRY_DELAY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:memory-limit:
   *
   * How many decoded textures the memory cache keeps; the least recently
   * used go first.
   */
  properties[PROP_MEMORY_LIMIT] =
    g_param_spec_uint ("memory-limit", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_MEMORY_LIMIT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:n-pending:
   *
   * How many URLs are queued or being downloaded.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConveneAvatarCache::avatar-updated:
   * @self: the cache
   * @url: the avatar URL
   * @texture: the new image
   *
   * Emitted when a download stored a new image for @url: the first time,
   * or when a revalidation found that the image changed. Widgets showing
   * @url can show @texture.
   */
  signals[AVATAR_UPDATED] =
    g_signal_new ("avatar-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, GDK_TYPE_TEXTURE);
}

static void
convene_avatar_cache_init (ConveneAvatarCache *self)
{
  self->image_size = CONVENE_AVATAR_CACHE_DEFAULT_IMAGE_SIZE;
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, memory_entry_free);
  self->requests = g_hash_table_new (g_str_hash, g_str_equal);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, failure_free);
  g_queue_init (&self->lru);
  g_queue_init (&self->queue);
}

/* Public API */

/**
 * convene_avatar_cache_new:
 * @cache_dir: the directory to keep avatars in; created if missing
 * @session: (nullable): the session to download with, or %NULL for one of
 *   the cache's own (user agent "Convene/VERSION")
 *
 * Returns: (transfer full): a new #ConveneAvatarCache
 */
ConveneAvatarCache *
convene_avatar_cache_new (const char  *cache_dir,
                          SoupSession *session)
{
  g_return_val_if_fail (cache_dir != NULL && *cache_dir != '\0', NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (CONVENE_TYPE_AVATAR_CACHE,
                       "cache-dir", cache_dir,
                       "session", session,
                       NULL);
}

/**
 * convene_avatar_cache_get_default:
 *
 * The application's cache, in `$XDG_CACHE_HOME/io.github.convene.Convene/avatars`
 * (inside Flatpak, the application's own cache directory). Main thread only.
 *
 * Returns: (transfer none): the shared #ConveneAvatarCache
 */
ConveneAvatarCache *
convene_avatar_cache_get_default (void)
{
  static ConveneAvatarCache *default_cache;

  if (default_cache == NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "avatars", NULL);

      default_cache = convene_avatar_cache_new (dir, NULL);
      g_object_add_weak_pointer (G_OBJECT (default_cache), (gpointer *)&default_cache);
    }

  return default_cache;
}

const char *
convene_avatar_cache_get_cache_dir (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);

  return self->cache_dir;
}

/**
 * convene_avatar_cache_get_session:
 * @self: a #ConveneAvatarCache
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
convene_avatar_cache_get_session (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);

  return self->session;
}

guint
convene_avatar_cache_get_image_size (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->image_size;
}

guint
convene_avatar_cache_get_freshness (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->freshness;
}

void
convene_avatar_cache_set_freshness (ConveneAvatarCache *self,
                                    guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));

  if (self->freshness == seconds)
    return;

  self->freshness = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRESHNESS]);
}

guint
convene_avatar_cache_get_max_in_flight (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->max_in_flight;
}

void
convene_avatar_cache_set_max_in_flight (ConveneAvatarCache *self,
                                        guint               limit)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (limit >= 1 && limit <= MAX_IN_FLIGHT_LIMIT);

  if (self->max_in_flight == limit)
    return;

  self->max_in_flight = limit;
  pump_queue (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

guint
convene_avatar_cache_get_timeout (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->timeout;
}

void
convene_avatar_cache_set_timeout (ConveneAvatarCache *self,
                                  guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (seconds >= 1);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->owns_session)
    soup_session_set_timeout (self->session, MIN (seconds, MAX_CONNECT_TIMEOUT));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
convene_avatar_cache_get_failure_retry_delay (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->failure_retry_delay;
}

void
convene_avatar_cache_set_failure_retry_delay (ConveneAvatarCache *self,
                                              guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));

  if (self->failure_retry_delay == seconds)
    return;

  self->failure_retry_delay = seconds;
  g_hash_table_remove_all (self->failures);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_RETRY_DELAY]);
}

guint
convene_avatar_cache_get_memory_limit (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->memory_limit;
}

void
convene_avatar_cache_set_memory_limit (ConveneAvatarCache *self,
                                       guint               n_textures)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (n_textures >= 1);

  if (self->memory_limit == n_textures)
    return;

  self->memory_limit = n_textures;
  memory_trim (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_LIMIT]);
}

/**
 * convene_avatar_cache_get_n_pending:
 * @self: a #ConveneAvatarCache
 *
 * Returns: how many URLs are queued or being downloaded
 */
guint
convene_avatar_cache_get_n_pending (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return g_hash_table_size (self->requests);
}

/**
 * convene_avatar_cache_bind_settings:
 * @self: a #ConveneAvatarCache
 * @settings: settings of the `io.github.convene.Convene` schema
 *
 * Follows the `avatar-freshness-days` key with #ConveneAvatarCache:freshness.
 */
void
convene_avatar_cache_bind_settings (ConveneAvatarCache *self,
                                    GSettings          *settings)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "avatar-freshness-days",
                                self, "freshness",
                                G_SETTINGS_BIND_GET,
                                freshness_from_days, NULL, NULL, NULL);
}

/**
 * convene_avatar_cache_load_async:
 * @self: a #ConveneAvatarCache
 * @url: an http or https URL of an image
 * @cancellable: (nullable): cancels this caller's interest
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Gets the avatar at @url. A cached image is returned at once (and
 * revalidated in the background when older than
 * #ConveneAvatarCache:freshness, see #ConveneAvatarCache::avatar-updated);
 * otherwise it is downloaded, decoded, scaled and stored. Callers asking
 * for the same URL share one request. Cancelling a load that waits in the
 * queue takes it out of the queue unless another caller still wants it.
 *
 * A URL that failed recently fails again at once, without a request, for
 * #ConveneAvatarCache:failure-retry-delay seconds.
 */
void
convene_avatar_cache_load_async (ConveneAvatarCache  *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  const GError *failure;
  Request *req;
  gint64 checked;

  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_avatar_cache_load_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  uri = parse_http_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  texture = cached_texture (self, url, &checked);
  if (texture != NULL)
    {
      if (needs_revalidation (self, url, checked))
        start_revalidation (self, url);

      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  failure = failure_lookup (self, url);
  if (failure != NULL)
    {
      g_task_return_error (task, g_error_copy (failure));
      return;
    }

  req = g_hash_table_lookup (self->requests, url);
  if (req == NULL)
    req = request_new (self, url, uri);

  g_ptr_array_add (req->waiters, waiter_new (task));
  pump_queue (self);
}

/**
 * convene_avatar_cache_load_finish:
 * @self: a #ConveneAvatarCache
 * @result: the result passed to the callback
 * @error: return location for an error: %G_IO_ERROR_CANCELLED,
 *   %G_IO_ERROR_INVALID_ARGUMENT (not an http URL), %G_IO_ERROR_NOT_FOUND,
 *   %G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_MESSAGE_TOO_LARGE,
 *   %G_IO_ERROR_INVALID_DATA (not an image), %G_IO_ERROR_TOO_MANY_LINKS
 *   (redirect loop), %G_IO_ERROR_FAILED (another HTTP status) or a network
 *   error
 *
 * Returns: (transfer full): the avatar, a square of at most
 *   #ConveneAvatarCache:image-size pixels, or %NULL with @error set
 */
GdkTexture *
convene_avatar_cache_load_finish (ConveneAvatarCache  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == convene_avatar_cache_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * convene_avatar_cache_lookup:
 * @self: a #ConveneAvatarCache
 * @url: an avatar URL
 *
 * Looks @url up in the memory cache, then on disk (a small PNG, quick to
 * decode), never on the network and without revalidating: for showing an
 * avatar at once. Call convene_avatar_cache_load_async() as well to keep
 * it fresh.
 *
 * Returns: (transfer full) (nullable): the cached avatar, or %NULL
 */
GdkTexture *
convene_avatar_cache_lookup (ConveneAvatarCache *self,
                             const char         *url)
{
  gint64 checked;

  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return cached_texture (self, url, &checked);
}

/**
 * convene_avatar_cache_clear:
 * @self: a #ConveneAvatarCache
 * @error: return location for an error
 *
 * Deletes every cached avatar from disk and memory and forgets failures.
 * Downloads under way still complete.
 *
 * Returns: %TRUE on success
 */
gboolean
convene_avatar_cache_clear (ConveneAvatarCache  *self,
                            GError             **error)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memory_clear (self);
  g_hash_table_remove_all (self->failures);

  return delete_cache_files (self, FALSE, NULL, error);
}

/**
 * convene_avatar_cache_get_size:
 * @self: a #ConveneAvatarCache
 *
 * Returns: the bytes the cache's files take on disk
 */
guint64
convene_avatar_cache_get_size (ConveneAvatarCache *self)
{
  guint64 size = 0;

  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  delete_cache_files (self, TRUE, &size, NULL);

  return size;
}
