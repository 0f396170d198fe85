/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "convene-avatar-cache-private.h"

/* The download of one avatar with libsoup: at most
 * CONVENE_AVATAR_CACHE_MAX_BYTES, redirects followed here and checked, a
 * revalidation with the validators kept on disk, then decoding to a square
 * of ConveneAvatarCache:image-size pixels. */

#define READ_CHUNK_SIZE             (64 * 1024)
#define MAX_SOURCE_SIDE             CONVENE_AVATAR_CACHE_MAX_SOURCE_SIDE

/* A 4096x4096 PNG takes 64 MB while it decodes at full size (gdk-pixbuf
 * scales PNGs only once they are whole): at most this many decode at once,
 * whatever the number of requests in flight. */
#define MAX_CONCURRENT_DECODES      2

static void request_send (Request *req);

/* Helpers: URLs */

GUri *
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

/* Helpers: decoding, in a worker thread */

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
      /* Refused on the header, before any pixel buffer exists: a size of
       * zero tells the module not to allocate one (see
       * GdkPixbufModuleSizeFunc), so the next write fails at once instead
       * of the loader allocating width x height pixels. The caller stops
       * feeding the loader. */
      *target = 0;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
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

/* gdk-pixbuf hands out a truncated PNG or JPEG without an error, the
 * missing rows grey: look for the marker each format ends with. PNG ends
 * with an IEND chunk (its CRC is fixed); a JPEG's last scan (FF DA) must be
 * followed by an end of image (FF D9), which cannot occur inside the
 * entropy-coded data. Other formats are left to their loader. */
static gboolean
body_is_complete (GdkPixbufFormat *format,
                  const guint8    *data,
                  gsize            length)
{
  static const guint8 png_end[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  g_autofree char *name = format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;

  if (g_strcmp0 (name, "png") == 0)
    {
      /* From the end: that is where it is, before any trailing bytes. */
      for (gsize i = length; i >= sizeof png_end; i--)
        {
          if (memcmp (data + i - sizeof png_end, png_end, sizeof png_end) == 0)
            return TRUE;
        }

      return FALSE;
    }

  if (g_strcmp0 (name, "jpeg") == 0)
    {
      gsize last_scan = 0;

      for (gsize i = 0; i + 1 < length; i++)
        {
          if (data[i] == 0xff && data[i + 1] == 0xda)
            last_scan = i;
        }

      for (gsize i = last_scan; last_scan != 0 && i + 1 < length; i++)
        {
          if (data[i] == 0xff && data[i + 1] == 0xd9)
            return TRUE;
        }

      return FALSE;
    }

  return TRUE;
}

GdkPixbuf *
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
  g_signal_handlers_disconnect_by_func (loader, size_prepared_cb, &target);

  if (target == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The avatar at “%s” is more than %u pixels wide or high"),
                   url, MAX_SOURCE_SIDE);
      return NULL;
    }

  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf != NULL && !body_is_complete (gdk_pixbuf_loader_get_format (loader), data, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                   _("The avatar at “%s” is cut short: the image ends early"), url);
      return NULL;
    }

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

/* Decodes run in their own pool of MAX_CONCURRENT_DECODES threads rather
 * than GTask's shared one, so that waiting decodes hold no thread that
 * GIO (the resolver, file operations) needs. */
static void
decode_thread_func (gpointer data,
                    gpointer user_data)
{
  g_autoptr(GTask) task = data;

  store_job_run (task, NULL, g_task_get_task_data (task), NULL);
}

static void
run_in_decode_pool (GTask *task)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (decode_thread_func, NULL,
                                                 MAX_CONCURRENT_DECODES, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  g_thread_pool_push (pool, g_object_ref (task), NULL);
}

/* Helpers: the download */

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
  Request *req = user_data;
  ConveneAvatarCache *self = req->self;
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

      memory_insert (self, url, texture, unix_now (), req->max_age);
      store_result_free (stored);

      g_object_ref (self);
      request_finish (req, texture, NULL);
      if (changed)
        emit_avatar_updated (self, url, texture);
      g_object_unref (self);
    }
  else
    {
      g_autoptr(GdkTexture) texture = NULL;
      MemoryEntry *entry;
      gint64 checked;
      guint max_age;

      store_result_free (stored);

      entry = memory_lookup (self, req->url);
      if (entry != NULL)
        {
          entry->checked = unix_now ();
          entry->max_age = req->max_age;
        }

      texture = cached_texture (self, req->url, &checked, &max_age);
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

/* Reads Cache-Control: whether the image may be written to disk, and its
 * max-age (0 when absent, at most CONVENE_AVATAR_CACHE_MAX_AGE). */
static gboolean
parse_cache_control (SoupMessageHeaders *headers,
                     guint              *max_age)
{
  const char *value = soup_message_headers_get_list (headers, "Cache-Control");
  g_autoptr(GHashTable) params = NULL;
  const char *age;
  gboolean no_store;

  *max_age = 0;
  if (value == NULL)
    return FALSE;

  params = soup_header_parse_param_list (value);
  no_store = g_hash_table_contains (params, "no-store");
  age = g_hash_table_lookup (params, "max-age");
  if (age != NULL && g_ascii_isdigit (*age))
    {
      guint64 seconds = g_ascii_strtoull (age, NULL, 10);

      *max_age = MIN (seconds, CONVENE_AVATAR_CACHE_MAX_AGE);
    }

  return no_store;
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
  gboolean no_store = parse_cache_control (headers, &req->max_age);

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
  job->max_age = req->max_age;
  /* A 304 refers to the image already on disk: no-store counts on a 200 */
  job->no_store = body != NULL && no_store;
  job->image_size = req->self->image_size;

  /* No source object: the worker may drop the task last, and must not
   * finalize the cache (and its session) there. The request holds the
   * cache until store_cb(), which runs in the main context. */
  task = g_task_new (NULL, NULL, store_cb, req);
  g_task_set_source_tag (task, request_store);
  g_task_set_task_data (task, job, store_job_free);
  run_in_decode_pool (task);
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
      SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
      g_autoptr(GBytes) body = NULL;

      /* libsoup ends the stream cleanly when the connection closes before
       * Content-Length bytes arrived: half an image must not be kept. */
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
          && (goffset)req->body->len != soup_message_headers_get_content_length (headers))
        {
          g_autofree char *uri = g_uri_to_string (req->uri);
          goffset expected = soup_message_headers_get_content_length (headers);

          g_input_stream_close (req->stream, NULL, NULL);
          g_clear_object (&req->stream);
          request_fail (req, g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                          _("The avatar at “%s” is cut short: "
                                            "%u of %lld bytes arrived"),
                                          uri, req->body->len, (long long)expected));
          return;
        }

      body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));

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

void
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

