/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convene-avatar-cache-private.h"

/*
 * Layout of the cache directory: one pair of files per avatar URL, named by
 * the SHA-256 of the URL:
 *
 *   <sha256>.png  the image, decoded, cropped to a centred square and scaled
 *                 down to #ConveneAvatarCache:image-size pixels
 *   <sha256>.ini  a key file: the URL, the validators the server sent (ETag,
 *                 Last-Modified), the max-age of its Cache-Control if any
 *                 (MaxAge, seconds) and when the image was last checked (unix
 *                 time)
 *
 * An avatar sent with "Cache-Control: no-store" has neither: it lives in
 * the memory cache only, and an older copy on disk is deleted.
 *
 * Both are written with g_file_set_contents_full() in its consistent mode (a
 * temporary "<name>.XXXXXX" then a rename), so a crash leaves either the old
 * file, the new file, or a stray temporary file that the next start deletes;
 * never a half-written image under the real name.
 *
 * Nothing in the directory is trusted when it is read back: every file is
 * read by read_cache_file(), which takes only a regular file within a size
 * limit (a FIFO there would block the main thread, a huge file fill the
 * memory), and an image is refused on its header when it is larger than
 * the images the cache writes (a decompression bomb is small on disk).
 */

#define SHA256_HEX_LEN              64

/* Far more than a key file of a URL and two validators needs */
#define SIDECAR_MAX_SIZE            (64 * 1024)

/* Helpers: names and files */

char *
key_for_url (const char *url)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
}

char *
image_path_for_key (ConveneAvatarCache *self,
                    const char         *key)
{
  g_autofree char *name = g_strconcat (key, ".png", NULL);

  return g_build_filename (self->cache_dir, name, NULL);
}

char *
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

void
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

/* The most bytes a PNG of @side x @side pixels written by the cache takes:
 * four bytes a pixel and a filter byte a row uncompressed, with room for
 * deflate's stored blocks and the chunks around them.
 */
static gsize
image_max_size (guint side)
{
  return (gsize)side * (4 * side + 1) * 2 + 64 * 1024;
}

/* Reads all of @path when it is a regular file of at most @max_size
 * bytes, without blocking: net/ cannot use core's bounded reader, and
 * needs less of it (the cache's own files, never a FIFO or a device).
 */
static GBytes *
read_cache_file (const char  *path,
                 gsize        max_size,
                 GError     **error)
{
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  GStatBuf st;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not open %s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (guint64)st.st_size > max_size)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s is not a regular file of at most %" G_GSIZE_FORMAT " bytes",
                   path, max_size);
      close (fd);
      return NULL;
    }

  /* One byte more than the size tells whether the file grew meanwhile */
  data = g_malloc (st.st_size + 1);
  for (;;)
    {
      gssize n = read (fd, data + length, st.st_size + 1 - length);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0 || (gsize)(length += n) > (gsize)st.st_size)
        break;
    }

  if (length != (gsize)st.st_size)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s changed while it was read", path);
      close (fd);
      return NULL;
    }

  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

GKeyFile *
read_sidecar (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GBytes) bytes = read_cache_file (path, SIDECAR_MAX_SIZE, NULL);

  if (bytes == NULL || !g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, NULL))
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
GdkTexture *
read_disk_texture (ConveneAvatarCache *self,
                   const char         *key,
                   gint64             *checked,
                   guint              *max_age)
{
  g_autofree char *image_path = image_path_for_key (self, key);
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GKeyFile) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = read_cache_file (image_path, image_max_size (self->image_size), &error);
  if (bytes == NULL && g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return NULL;

  /* gdk-pixbuf rather than gdk_texture_new_from_bytes(): GTK 4.8's PNG
   * loader leaks its buffers on a truncated file. */
  if (bytes != NULL)
    pixbuf = decode_avatar (bytes, image_path, self->image_size, self->image_size, &error);
  if (pixbuf == NULL)
    {
      g_debug ("Dropping unreadable cached avatar %s: %s", image_path, error->message);
      remove_entry_files (self, key);
      return NULL;
    }

  sidecar_path = sidecar_path_for_key (self, key);
  sidecar = read_sidecar (sidecar_path);
  *checked = sidecar != NULL ? g_key_file_get_int64 (sidecar, SIDECAR_GROUP, "Checked", NULL) : 0;
  *max_age = sidecar != NULL ? g_key_file_get_uint64 (sidecar, SIDECAR_GROUP, "MaxAge", NULL) : 0;
  *max_age = MIN (*max_age, CONVENE_AVATAR_CACHE_MAX_AGE);

  return gdk_texture_new_for_pixbuf (pixbuf);
}

gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Helpers: storing, in a worker thread */

void
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

void
store_result_free (gpointer data)
{
  StoreResult *result = data;

  g_clear_object (&result->texture);
  g_free (result);
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
  if (job->max_age > 0)
    g_key_file_set_uint64 (key_file, SIDECAR_GROUP, "MaxAge", job->max_age);

  data = g_key_file_to_data (key_file, &length, NULL);

  return g_file_set_contents_full (job->sidecar_path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
same_file_contents (const char *path,
                    const char *data,
                    gsize       length)
{
  /* A larger file is another image: no need to read it */
  g_autoptr(GBytes) old = read_cache_file (path, length, NULL);

  return old != NULL && g_bytes_get_size (old) == length &&
         memcmp (g_bytes_get_data (old, NULL), data, length) == 0;
}

void
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

      pixbuf = decode_avatar (job->body, job->url, job->image_size,
                              CONVENE_AVATAR_CACHE_MAX_SOURCE_SIDE, &error);
      if (pixbuf == NULL)
        {
          store_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      result->texture = gdk_texture_new_for_pixbuf (pixbuf);

      if (job->no_store)
        {
          /* Changed unless the copy on disk (kept before the server said
           * no-store) shows the same image. */
          result->changed = TRUE;
          if (gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_length, "png", NULL, NULL))
            result->changed = !same_file_contents (job->image_path, png, png_length);
          g_unlink (job->image_path);
          g_unlink (job->sidecar_path);
          g_task_return_pointer (task, result, store_result_free);
          return;
        }

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

/* Helpers: cache size and clearing */

gboolean
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

