/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convene-avatar-cache.h"
#include "test-utils.h"

/* Every test talks to a SoupServer on 127.0.0.1 started here; nothing
 * touches the real network. The server's paths say how it answers:
 *
 *   /png/WxH/NAME        a PNG of WxH, ETag "vN" (N = version), 304 on a match
 *   /stripes/WxH/NAME    red on the sides, a blue centred square
 *   /noise/WxH/NAME      random pixels: the worst case for PNG size
 *   /status/CODE/NAME    that status
 *   /stall/NAME          never answers
 *   /drip/NAME           a byte every 200 ms: never idle, never done
 *   /big/cl/NAME         6 MB with a Content-Length
 *   /big/chunked/NAME    6 MB, chunked
 *   /junk/NAME           text labelled image/png
 *   /loop/NAME           redirects to itself
 *   /redirect/NAME       redirects to /png/400x400/NAME
 *   /to-file/NAME        redirects to file:///etc/passwd
 *   /slow/NAME           a 64x64 PNG after hold_ms
 *   /hold/NAME           a 64x64 PNG when the test releases it
 *   /bomb/NAME           a 10000x10000 PNG of ~100 KB (fixture->bomb, built on demand)
 *   /large/NAME          a 4096x4096 PNG, the largest accepted (fixture->large)
 *   /cut/KIND/NAME       a 400x400 image the first time, cut in half; whole later.
 *                        KIND: cl (the connection closes before Content-Length
 *                        bytes), png or jpeg (a whole body holding half an image)
 *   /cc/VALUE/NAME       a 400x400 PNG with Cache-Control: VALUE, ETag "vN", 304 on
 *                        a match
 */

#define LAST_MODIFIED "Wed, 21 Oct 2015 07:28:00 GMT"
#define BIG_SIZE      (6 * 1024 * 1024)

typedef struct
{
  SoupServer *server;
  char       *base;
  char       *dir;
  GHashTable *counts;
  guint       total;
  guint       in_flight;
  guint       max_in_flight;
  guint       version;
  guint       hold_ms;
  gboolean    fail_png;
  char       *last_if_none_match;
  char       *last_user_agent;
  GPtrArray  *held;
  GPtrArray  *drips;
  GBytes     *big;
  GBytes     *bomb;
  GBytes     *large;
} Fixture;

typedef struct
{
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} LoadResult;

/* Images */

static guint32
colour_for_version (guint version)
{
  static const guint32 colours[] = { 0xff0000ff, 0x00ff00ff, 0x0000ffff, 0xffff00ff };

  return colours[version % G_N_ELEMENTS (colours)];
}

static GBytes *
make_png (int     width,
          int     height,
          guint32 rgba,
          guint32 centre_rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  if (centre_rgba != rgba)
    {
      int side = MIN (width, height);
      g_autoptr(GdkPixbuf) centre = gdk_pixbuf_new_subpixbuf (pixbuf,
                                                              (width - side) / 2,
                                                              (height - side) / 2,
                                                              side, side);

      gdk_pixbuf_fill (centre, centre_rgba);
    }

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static GBytes *
make_noise_png (int width,
                int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * rowstride + x] = g_random_int_range (0, 256);

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  static guint32 table[256];
  guint32 crc = 0xffffffff;

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
        table[n] = c;
      }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffff;
}

static void
append_png_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         length)
{
  guint32 be_length = GUINT32_TO_BE ((guint32)length);
  guint32 be_crc;
  guint start;

  g_byte_array_append (png, (const guint8 *)&be_length, 4);
  start = png->len;
  g_byte_array_append (png, (const guint8 *)type, 4);
  g_byte_array_append (png, data, length);
  be_crc = GUINT32_TO_BE (crc32_of (png->data + start, length + 4));
  g_byte_array_append (png, (const guint8 *)&be_crc, 4);
}

/* A black greyscale PNG written by hand, deflating one row at a time: a
 * 10000x10000 image compresses to about 100 KB without the test ever
 * holding its pixels. */
static GBytes *
make_blank_png (guint32 width,
                guint32 height)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  GByteArray *png = g_byte_array_new ();
  g_autofree guint8 *row = g_malloc0 (width + 1);
  g_autofree guint8 *out = g_malloc (64 * 1024);
  guint8 ihdr[13] = { 0, };
  guint32 be;

  be = GUINT32_TO_BE (width);
  memcpy (ihdr, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 8;   /* bits per sample */
  ihdr[9] = 0;   /* greyscale */

  for (guint32 y = 0; y < height; y++)
    {
      gboolean last = y + 1 == height;
      GConverterResult result;
      gsize offset = 0;

      do
        {
          g_autoptr(GError) error = NULL;
          gsize n_read;
          gsize n_written;

          /* Each row is filter byte 0 and zeros */
          result = g_converter_convert (G_CONVERTER (zlib), row + offset, width + 1 - offset,
                                        out, 64 * 1024,
                                        last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                        &n_read, &n_written, &error);
          g_assert_no_error (error);
          offset += n_read;
          g_byte_array_append (idat, out, n_written);
        }
      while (offset < width + 1 || (last && result != G_CONVERTER_FINISHED));
    }

  g_byte_array_append (png, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
  append_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (png, "IDAT", idat->data, idat->len);
  append_png_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

static GBytes *
make_cut_image (const char *kind)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 400);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  /* Noise, so that half the file is half the rows */
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 400 * 3; x++)
      pixels[y * rowstride + x] = g_random_int_range (0, 256);

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length,
                             g_str_equal (kind, "jpeg") ? "jpeg" : "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

/* Sends Content-Length for the whole image, then half of it, and closes. */
static void
respond_cut_connection (SoupServerMessage *msg,
                        GBytes            *image)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: image/png\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           g_bytes_get_size (image));
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, g_bytes_get_data (image, NULL), g_bytes_get_size (image) / 2,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
}

static void
pixel_at (GdkPixbuf *pixbuf,
          int        x,
          int        y,
          guint8     rgb[3])
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  const guint8 *p = pixels + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  memcpy (rgb, p, 3);
}

static void
assert_colour (GdkPixbuf *pixbuf,
               int        x,
               int        y,
               guint32    rgba)
{
  guint8 rgb[3];

  /* Scaling rounds: 254 for 255 is the same colour, 127 would not be */
  pixel_at (pixbuf, x, y, rgb);
  g_assert_cmpint (ABS ((int)rgb[0] - (int)((rgba >> 24) & 0xff)), <=, 3);
  g_assert_cmpint (ABS ((int)rgb[1] - (int)((rgba >> 16) & 0xff)), <=, 3);
  g_assert_cmpint (ABS ((int)rgb[2] - (int)((rgba >> 8) & 0xff)), <=, 3);
}

/* The test server */

static void
server_message_finished_cb (SoupServerMessage *msg,
                            Fixture           *fixture)
{
  g_assert_cmpuint (fixture->in_flight, >, 0);
  fixture->in_flight--;
}

static void
respond_png (SoupServerMessage *msg,
             GBytes            *png)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Last-Modified", LAST_MODIFIED);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static gboolean
release_slow_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  g_autoptr(GBytes) png = make_png (64, 64, 0x336699ff, 0x336699ff);

  respond_png (msg, png);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  SoupServerMessage *msg;
  guint              source_id;
  guint              n_sent;
  gboolean           finished;
} Drip;

static void
drip_free (gpointer data)
{
  Drip *drip = data;

  g_clear_handle_id (&drip->source_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (drip->msg, drip);
  g_clear_object (&drip->msg);
  g_free (drip);
}

static void
drip_finished_cb (SoupServerMessage *msg,
                  Drip              *drip)
{
  drip->finished = TRUE;
}

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  SoupMessageBody *body;

  if (drip->finished)
    {
      drip->source_id = 0;
      return G_SOURCE_REMOVE;
    }

  body = soup_server_message_get_response_body (drip->msg);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "\x89", 1);
  if (++drip->n_sent == 50)
    soup_message_body_complete (body);
  soup_server_message_unpause (drip->msg);

  return G_SOURCE_CONTINUE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 3);
  guint n_parts = g_strv_length (parts);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->counts, path));

  g_hash_table_insert (fixture->counts, g_strdup (path), GUINT_TO_POINTER (count + 1));
  fixture->total++;
  fixture->in_flight++;
  fixture->max_in_flight = MAX (fixture->max_in_flight, fixture->in_flight);
  g_signal_connect (msg, "finished", G_CALLBACK (server_message_finished_cb), fixture);

  g_free (fixture->last_if_none_match);
  fixture->last_if_none_match = g_strdup (soup_message_headers_get_one (request_headers,
                                                                          "If-None-Match"));
  g_free (fixture->last_user_agent);
  fixture->last_user_agent = g_strdup (soup_message_headers_get_one (request_headers,
                                                                       "User-Agent"));

  if (n_parts == 3 && (g_str_equal (parts[0], "png") || g_str_equal (parts[0], "stripes")
                       || g_str_equal (parts[0], "noise")))
    {
      g_autofree char *etag = g_strdup_printf ("\"v%u\"", fixture->version);
      g_autoptr(GBytes) png = NULL;
      int width;
      int height;

      if (fixture->fail_png)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
          return;
        }

      soup_message_headers_replace (headers, "ETag", etag);
      if (g_strcmp0 (soup_message_headers_get_one (request_headers, "If-None-Match"), etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }

      g_assert_cmpint (sscanf (parts[1], "%dx%d", &width, &height), ==, 2);
      if (g_str_equal (parts[0], "png"))
        png = make_png (width, height, colour_for_version (fixture->version),
                        colour_for_version (fixture->version));
      else if (g_str_equal (parts[0], "noise"))
        png = make_noise_png (width, height);
      else
        png = make_png (width, height, 0xff0000ff, 0x0000ffff);
      respond_png (msg, png);
    }
  else if (n_parts == 3 && g_str_equal (parts[0], "status"))
    {
      soup_server_message_set_status (msg, atoi (parts[1]), NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "no", 2);
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "stall"))
    {
      soup_server_message_pause (msg);
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "drip"))
    {
      Drip *drip = g_new0 (Drip, 1);

      drip->msg = g_object_ref (msg);
      g_signal_connect (msg, "finished", G_CALLBACK (drip_finished_cb), drip);
      g_signal_connect (msg, "disconnected", G_CALLBACK (drip_finished_cb), drip);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "image/png", NULL);
      drip->source_id = g_timeout_add (200, drip_cb, drip);
      g_ptr_array_add (fixture->drips, drip);
    }
  else if (n_parts == 3 && g_str_equal (parts[0], "big"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      if (g_str_equal (parts[1], "chunked"))
        {
          SoupMessageBody *body = soup_server_message_get_response_body (msg);
          gsize chunk = 1024 * 1024;

          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
          soup_message_headers_set_content_type (headers, "image/png", NULL);
          for (gsize offset = 0; offset < BIG_SIZE; offset += chunk)
            soup_message_body_append (body, SOUP_MEMORY_STATIC,
                                      (const char *)g_bytes_get_data (fixture->big, NULL) + offset,
                                      chunk);
          soup_message_body_complete (body);
        }
      else
        {
          soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                            g_bytes_get_data (fixture->big, NULL), BIG_SIZE);
        }
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "junk"))
    {
      static const char junk[] = "<html><body>This is not a picture.</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        junk, strlen (junk));
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, path);
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "redirect"))
    {
      g_autofree char *target = g_strdup_printf ("/png/400x400/%s", parts[1]);

      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, target);
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "to-file"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "slow"))
    {
      soup_server_message_pause (msg);
      g_timeout_add (fixture->hold_ms, release_slow_cb, msg);
    }
  else if (n_parts == 2 && (g_str_equal (parts[0], "bomb") || g_str_equal (parts[0], "large")))
    {
      GBytes **png = g_str_equal (parts[0], "bomb") ? &fixture->bomb : &fixture->large;

      if (*png == NULL)
        *png = g_str_equal (parts[0], "bomb") ? make_blank_png (10000, 10000)
                                              : make_blank_png (4096, 4096);
      respond_png (msg, *png);
    }
  else if (n_parts == 3 && g_str_equal (parts[0], "cc"))
    {
      g_autofree char *etag = g_strdup_printf ("\"v%u\"", fixture->version);
      g_autoptr(GBytes) png = NULL;

      soup_message_headers_replace (headers, "ETag", etag);
      soup_message_headers_replace (headers, "Cache-Control", parts[1]);
      if (g_strcmp0 (soup_message_headers_get_one (request_headers, "If-None-Match"), etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }

      png = make_png (400, 400, colour_for_version (fixture->version),
                      colour_for_version (fixture->version));
      respond_png (msg, png);
    }
  else if (n_parts == 3 && g_str_equal (parts[0], "cut"))
    {
      g_autoptr(GBytes) image = make_cut_image (parts[1]);

      if (count > 0)
        respond_png (msg, image);
      else if (g_str_equal (parts[1], "cl"))
        respond_cut_connection (msg, image);
      else
        {
          g_autoptr(GBytes) half = g_bytes_new_from_bytes (image, 0, g_bytes_get_size (image) / 2);

          respond_png (msg, half);
        }
    }
  else if (n_parts == 2 && g_str_equal (parts[0], "hold"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->held, g_object_ref (msg));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint8 *big;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  fixture->dir = g_dir_make_tmp ("convene-avatars-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->drips = g_ptr_array_new_with_free_func (drip_free);
  fixture->version = 1;
  fixture->hold_ms = 100;

  /* A PNG signature followed by noise: only its size matters. */
  big = g_malloc (BIG_SIZE);
  memset (big, 0x5a, BIG_SIZE);
  memcpy (big, "\x89PNG\r\n\x1a\n", 8);
  fixture->big = g_bytes_new_take (big, BIG_SIZE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->held, g_ptr_array_unref);
  g_clear_pointer (&fixture->drips, g_ptr_array_unref);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);

  /* Let the server's sockets go before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->base, g_free);
  g_clear_pointer (&fixture->counts, g_hash_table_unref);
  g_clear_pointer (&fixture->last_if_none_match, g_free);
  g_clear_pointer (&fixture->last_user_agent, g_free);
  g_clear_pointer (&fixture->big, g_bytes_unref);
  g_clear_pointer (&fixture->bomb, g_bytes_unref);
  g_clear_pointer (&fixture->large, g_bytes_unref);
}

static guint
count_for (Fixture    *fixture,
           const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->counts, path));
}

static char *
url_for (Fixture    *fixture,
         const char *path)
{
  return g_strconcat (fixture->base, path, NULL);
}

static void
release_held (Fixture *fixture)
{
  for (guint i = 0; i < fixture->held->len; i++)
    release_slow_cb (g_ptr_array_index (fixture->held, i));
  g_ptr_array_set_size (fixture->held, 0);
}

/* Main loop helpers */

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (10, wake_up_cb, NULL);

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint wake_up = g_timeout_add (5, wake_up_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_up);
}

static gboolean
load_done (gpointer data)
{
  return ((LoadResult *)data)->done;
}

static gboolean
cache_idle (gpointer data)
{
  return convene_avatar_cache_get_n_pending (data) == 0;
}

static gboolean
has_held (gpointer data)
{
  return ((Fixture *)data)->held->len > 0;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadResult *load = user_data;

  g_assert_false (load->done);
  load->texture = convene_avatar_cache_load_finish (CONVENE_AVATAR_CACHE (object), result,
                                                    &load->error);
  g_assert_true ((load->texture == NULL) != (load->error == NULL));
  load->done = TRUE;
}

static void
load_result_clear (LoadResult *load)
{
  g_clear_object (&load->texture);
  g_clear_error (&load->error);
  load->done = FALSE;
}

static void
start_load (ConveneAvatarCache *cache,
            const char         *url,
            GCancellable       *cancellable,
            LoadResult         *load)
{
  load_result_clear (load);
  convene_avatar_cache_load_async (cache, url, cancellable, load_cb, load);
}

static GdkTexture *
load_sync (ConveneAvatarCache  *cache,
           const char          *url,
           GError             **error)
{
  LoadResult load = { 0, };

  start_load (cache, url, NULL, &load);
  wait_until (load_done, &load);
  if (load.error != NULL)
    g_propagate_error (error, g_steal_pointer (&load.error));

  return load.texture;
}

/* Disk helpers */

static char *
entry_path (Fixture    *fixture,
            const char *url,
            const char *extension)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *name = g_strconcat (sha, extension, NULL);

  return g_build_filename (fixture->dir, name, NULL);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static GKeyFile *
load_sidecar (Fixture    *fixture,
              const char *url)
{
  g_autofree char *path = entry_path (fixture, url, ".ini");
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&key_file);
}

static gint64
sidecar_checked (Fixture    *fixture,
                 const char *url)
{
  g_autoptr(GKeyFile) key_file = load_sidecar (fixture, url);

  return g_key_file_get_int64 (key_file, "Avatar", "Checked", NULL);
}

static void
set_sidecar_checked (Fixture    *fixture,
                     const char *url,
                     gint64      checked)
{
  g_autoptr(GKeyFile) key_file = load_sidecar (fixture, url);
  g_autofree char *path = entry_path (fixture, url, ".ini");
  g_autoptr(GError) error = NULL;

  g_key_file_set_int64 (key_file, "Avatar", "Checked", checked);
  g_key_file_save_to_file (key_file, path, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GdkPixbuf *
load_cached_png (Fixture    *fixture,
                 const char *url)
{
  g_autofree char *path = entry_path (fixture, url, ".png");
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  return pixbuf;
}

static gint64
unix_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static ConveneAvatarCache *
new_cache (Fixture *fixture)
{
  return convene_avatar_cache_new (fixture->dir, NULL);
}

static gboolean
weak_ref_cleared (gpointer data)
{
  g_autoptr(GObject) object = g_weak_ref_get (data);

  return object == NULL;
}

/* Once every request has finished nothing else keeps the cache: it goes
 * (as soon as the worker thread of the last decode lets go of its task). */
static void
wait_and_unref (ConveneAvatarCache *cache)
{
  GWeakRef weak;

  wait_until (cache_idle, cache);
  g_weak_ref_init (&weak, cache);
  g_object_unref (cache);
  wait_until (weak_ref_cleared, &weak);
  g_weak_ref_clear (&weak);
}

typedef struct
{
  guint       n_emissions;
  char       *url;
  GdkTexture *texture;
} Updates;

static void
avatar_updated_cb (ConveneAvatarCache *cache,
                   const char         *url,
                   GdkTexture         *texture,
                   Updates            *updates)
{
  updates->n_emissions++;
  g_free (updates->url);
  updates->url = g_strdup (url);
  g_set_object (&updates->texture, texture);
}

static void
updates_clear (Updates *updates)
{
  g_clear_pointer (&updates->url, g_free);
  g_clear_object (&updates->texture);
}

/* Tests: loading */

static void
test_load_first (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree char *url = url_for (fixture, "/png/400x400/alice");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) looked_up = NULL;
  g_autoptr(GdkPixbuf) on_disk = NULL;
  g_autoptr(GKeyFile) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sidecar_url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  Updates updates = { 0, };
  gint64 checked;

  g_signal_connect (cache, "avatar-updated", G_CALLBACK (avatar_updated_cb), &updates);
  g_assert_null (convene_avatar_cache_lookup (cache, url));

  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 96);
  g_assert_cmpuint (count_for (fixture, "/png/400x400/alice"), ==, 1);
  g_assert_cmpuint (fixture->total, ==, 1);
  g_assert_cmpstr (fixture->last_user_agent, ==, "Convene/" PACKAGE_VERSION);
  g_assert_null (fixture->last_if_none_match);

  /* One image and one sidecar, named by the SHA-256 of the URL */
  g_assert_cmpuint (count_files (fixture->dir), ==, 2);
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));
  on_disk = load_cached_png (fixture, url);
  g_assert_cmpint (gdk_pixbuf_get_width (on_disk), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (on_disk), ==, 96);
  assert_colour (on_disk, 48, 48, colour_for_version (1));

  sidecar = load_sidecar (fixture, url);
  sidecar_url = g_key_file_get_string (sidecar, "Avatar", "URL", NULL);
  etag = g_key_file_get_string (sidecar, "Avatar", "ETag", NULL);
  last_modified = g_key_file_get_string (sidecar, "Avatar", "LastModified", NULL);
  checked = g_key_file_get_int64 (sidecar, "Avatar", "Checked", NULL);
  g_assert_cmpstr (sidecar_url, ==, url);
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_cmpstr (last_modified, ==, LAST_MODIFIED);
  g_assert_cmpint (checked, >=, unix_now () - 5);
  g_assert_cmpint (checked, <=, unix_now ());

  g_assert_cmpuint (updates.n_emissions, ==, 1);
  g_assert_cmpstr (updates.url, ==, url);
  g_assert_true (updates.texture == texture);

  /* Later loads come from memory: the same texture, no request */
  again = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_true (again == texture);
  looked_up = convene_avatar_cache_lookup (cache, url);
  g_assert_true (looked_up == texture);
  g_assert_cmpuint (fixture->total, ==, 1);
  g_assert_cmpuint (updates.n_emissions, ==, 1);

  updates_clear (&updates);
  g_signal_handlers_disconnect_by_data (cache, &updates);
}

static void
test_load_shared (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree char *url = url_for (fixture, "/slow/bob");
  g_autofree char *other = url_for (fixture, "/png/400x400/carol");
  LoadResult first = { 0, };
  LoadResult second = { 0, };
  LoadResult third = { 0, };

  start_load (cache, url, NULL, &first);
  start_load (cache, url, NULL, &second);
  start_load (cache, other, NULL, &third);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 2);

  wait_until (load_done, &first);
  wait_until (load_done, &second);
  wait_until (load_done, &third);

  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_no_error (third.error);
  g_assert_true (first.texture == second.texture);
  g_assert_cmpint (gdk_texture_get_width (first.texture), ==, 64);
  g_assert_cmpuint (count_for (fixture, "/slow/bob"), ==, 1);
  g_assert_cmpuint (count_for (fixture, "/png/400x400/carol"), ==, 1);
  g_assert_cmpuint (fixture->total, ==, 2);

  load_result_clear (&first);
  load_result_clear (&second);
  load_result_clear (&third);
}

static void
test_load_warm_start (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *paths[] = { "/png/400x400/a", "/png/64x64/b", "/redirect/c" };
  const int sizes[] = { 96, 64, 96 };
  ConveneAvatarCache *first = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) second = NULL;
  g_autoptr(GdkTexture) instant = NULL;
  g_autofree char *url_a = url_for (fixture, paths[0]);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = url_for (fixture, paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = load_sync (first, url, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, sizes[i]);
    }
  g_assert_cmpuint (fixture->total, ==, 4);
  wait_and_unref (first);

  /* A second start on the same directory: everything from disk */
  second = new_cache (fixture);
  instant = convene_avatar_cache_lookup (second, url_a);
  g_assert_nonnull (instant);
  g_assert_cmpint (gdk_texture_get_width (instant), ==, 96);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = url_for (fixture, paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = load_sync (second, url, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, sizes[i]);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, sizes[i]);
    }

  g_assert_cmpuint (convene_avatar_cache_get_n_pending (second), ==, 0);
  g_assert_cmpuint (fixture->total, ==, 4);
}

static void
test_load_downscale (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) small = NULL;
  g_autofree char *square = url_for (fixture, "/png/400x400/d");
  g_autofree char *tiny = url_for (fixture, "/png/40x40/e");
  g_autofree char *wide = url_for (fixture, "/stripes/300x150/f");
  g_autofree char *tall = url_for (fixture, "/stripes/120x500/g");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (convene_avatar_cache_get_image_size (cache), ==, 96);

  texture = load_sync (cache, square, &error);
  g_assert_no_error (error);
  pixbuf = load_cached_png (fixture, square);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 96);
  g_clear_object (&texture);
  g_clear_object (&pixbuf);

  /* Smaller than the target: kept as it is, never blown up */
  texture = load_sync (cache, tiny, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 40);
  pixbuf = load_cached_png (fixture, tiny);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 40);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 40);
  g_clear_object (&texture);
  g_clear_object (&pixbuf);

  /* Not square: the centred square is kept (all blue), not squashed (red
   * at the edges) */
  texture = load_sync (cache, wide, &error);
  g_assert_no_error (error);
  pixbuf = load_cached_png (fixture, wide);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 96);
  assert_colour (pixbuf, 0, 0, 0x0000ffff);
  assert_colour (pixbuf, 95, 48, 0x0000ffff);
  g_clear_object (&texture);
  g_clear_object (&pixbuf);

  texture = load_sync (cache, tall, &error);
  g_assert_no_error (error);
  pixbuf = load_cached_png (fixture, tall);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 96);
  assert_colour (pixbuf, 48, 0, 0x0000ffff);
  assert_colour (pixbuf, 48, 95, 0x0000ffff);
  g_clear_object (&texture);
  g_clear_object (&pixbuf);

  /* Another size for another UI */
  small = g_object_new (CONVENE_TYPE_AVATAR_CACHE,
                        "cache-dir", fixture->dir,
                        "image-size", 48,
                        NULL);
  g_assert_true (convene_avatar_cache_clear (small, &error));
  g_assert_no_error (error);
  texture = load_sync (small, square, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 48);
  pixbuf = load_cached_png (fixture, square);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 48);
}

/* Tests: revalidation */

static void
test_revalidate_not_modified (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/png/400x400/dave");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  ConveneAvatarCache *first = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) second = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  Updates updates = { 0, };

  texture = load_sync (first, url, &error);
  g_assert_no_error (error);
  g_clear_object (&texture);
  wait_and_unref (first);
  g_assert_cmpuint (fixture->total, ==, 1);

  /* Checked 1000 s ago, fresh for 60 s: due */
  set_sidecar_checked (fixture, url, unix_now () - 1000);
  before = read_bytes (image_path);

  second = new_cache (fixture);
  convene_avatar_cache_set_freshness (second, 60);
  g_signal_connect (second, "avatar-updated", G_CALLBACK (avatar_updated_cb), &updates);

  texture = load_sync (second, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  wait_until (cache_idle, second);

  g_assert_cmpuint (fixture->total, ==, 2);
  g_assert_cmpstr (fixture->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpint (sidecar_checked (fixture, url), >=, unix_now () - 5);
  after = read_bytes (image_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (updates.n_emissions, ==, 0);

  /* Fresh again: no request */
  g_clear_object (&texture);
  texture = load_sync (second, url, &error);
  g_assert_no_error (error);
  wait_until (cache_idle, second);
  g_assert_cmpuint (fixture->total, ==, 2);

  /* Freshness 0: every load revalidates */
  convene_avatar_cache_set_freshness (second, 0);
  g_clear_object (&texture);
  texture = load_sync (second, url, &error);
  g_assert_no_error (error);
  wait_until (cache_idle, second);
  g_assert_cmpuint (fixture->total, ==, 3);
  g_assert_cmpstr (fixture->last_if_none_match, ==, "\"v1\"");

  updates_clear (&updates);
  g_signal_handlers_disconnect_by_data (second, &updates);
}

static void
test_revalidate_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/png/400x400/erin");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(GdkTexture) old = NULL;
  g_autoptr(GdkTexture) stale = NULL;
  g_autoptr(GdkTexture) looked_up = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GKeyFile) sidecar = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  Updates updates = { 0, };

  old = load_sync (cache, url, &error);
  g_assert_no_error (error);
  before = read_bytes (image_path);

  fixture->version = 2;
  convene_avatar_cache_set_freshness (cache, 0);
  g_signal_connect (cache, "avatar-updated", G_CALLBACK (avatar_updated_cb), &updates);

  /* The old image at once, the new one through the signal */
  stale = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_true (stale == old);
  wait_until (cache_idle, cache);

  g_assert_cmpuint (fixture->total, ==, 2);
  g_assert_cmpstr (fixture->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (updates.n_emissions, ==, 1);
  g_assert_cmpstr (updates.url, ==, url);
  g_assert_nonnull (updates.texture);
  g_assert_true (updates.texture != old);
  g_assert_cmpint (gdk_texture_get_width (updates.texture), ==, 96);

  after = read_bytes (image_path);
  g_assert_false (g_bytes_equal (before, after));
  pixbuf = load_cached_png (fixture, url);
  assert_colour (pixbuf, 10, 10, colour_for_version (2));
  sidecar = load_sidecar (fixture, url);
  etag = g_key_file_get_string (sidecar, "Avatar", "ETag", NULL);
  g_assert_cmpstr (etag, ==, "\"v2\"");

  looked_up = convene_avatar_cache_lookup (cache, url);
  g_assert_true (looked_up == updates.texture);

  updates_clear (&updates);
  g_signal_handlers_disconnect_by_data (cache, &updates);
}

static void
test_revalidate_offline (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/png/400x400/frank");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  ConveneAvatarCache *first = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) second = NULL;
  g_autoptr(ConveneAvatarCache) third = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 checked;

  texture = load_sync (first, url, &error);
  g_assert_no_error (error);
  g_clear_object (&texture);
  wait_and_unref (first);
  set_sidecar_checked (fixture, url, unix_now () - 1000);
  before = read_bytes (image_path);

  /* The server fails: the cached image is still used */
  fixture->fail_png = TRUE;
  second = new_cache (fixture);
  convene_avatar_cache_set_freshness (second, 60);
  texture = load_sync (second, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  wait_until (cache_idle, second);
  g_assert_cmpuint (fixture->total, ==, 2);
  checked = sidecar_checked (fixture, url);
  g_assert_cmpint (checked, <=, unix_now () - 1000);

  /* ...and the failure is remembered: no request storm */
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&texture);
      texture = load_sync (second, url, &error);
      g_assert_no_error (error);
      g_assert_nonnull (texture);
    }
  wait_until (cache_idle, second);
  g_assert_cmpuint (fixture->total, ==, 2);

  /* No server at all */
  soup_server_disconnect (fixture->server);
  third = new_cache (fixture);
  convene_avatar_cache_set_freshness (third, 60);
  g_clear_object (&texture);
  texture = load_sync (third, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texture);
  wait_until (cache_idle, third);
  g_clear_object (&texture);
  texture = load_sync (third, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texture);

  after = read_bytes (image_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (sidecar_checked (fixture, url), ==, checked);
}

/* Tests: hostile servers */

/* The growth of the peak resident memory of this process, in KB. The
 * subprocess tests below measure a fresh process, whose resident memory
 * only grows, so the growth of the peak is the cost of the loads. */
static long
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);

  return usage.ru_maxrss;
}

/* Loads N_LOADS avatars PREFIX1, PREFIX2... of SIDE x SIDE pixels at once
 * in a subprocess and hands back the growth of its peak memory. */
static long
run_memory_child (Fixture    *fixture,
                  const char *prefix,
                  guint       side,
                  guint       n_loads,
                  gboolean    expect_refused)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree LoadResult *loads = g_new0 (LoadResult, n_loads);
  g_autofree char *warm_url = url_for (fixture, "/png/64x64/warm");
  g_autoptr(GdkTexture) warm = NULL;
  g_autoptr(GError) error = NULL;
  long before;

  convene_avatar_cache_set_max_in_flight (cache, n_loads);

  /* The image is built before measuring, and a first small load warms up
   * libsoup, the threads and gdk-pixbuf's PNG loader. */
  if (g_str_has_prefix (prefix, "/bomb/"))
    fixture->bomb = make_blank_png (side, side);
  else
    fixture->large = make_blank_png (side, side);
  warm = load_sync (cache, warm_url, &error);
  g_assert_no_error (error);
  wait_until (cache_idle, cache);
  convene_avatar_cache_clear (cache, &error);
  g_assert_no_error (error);

  before = peak_rss_kb ();
  for (guint i = 0; i < n_loads; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s%u", prefix, i + 1);
      g_autofree char *url = url_for (fixture, path);

      start_load (cache, url, NULL, &loads[i]);
    }

  for (guint i = 0; i < n_loads; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s%u", prefix, i + 1);

      wait_until (load_done, &loads[i]);
      if (expect_refused)
        {
          g_assert_error (loads[i].error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_nonnull (strstr (loads[i].error->message, "more than 4096 pixels"));
        }
      else
        {
          g_assert_no_error (loads[i].error);
          g_assert_cmpint (gdk_texture_get_width (loads[i].texture), ==, 96);
        }
      g_assert_cmpuint (count_for (fixture, path), ==, 1);
      load_result_clear (&loads[i]);
    }
  wait_until (cache_idle, cache);

  g_assert_cmpuint (count_files (fixture->dir), ==, expect_refused ? 0 : 2 * n_loads);

  return peak_rss_kb () - before;
}

/* The child writes its figure where the parent can print it. */
static void
run_memory_test (Fixture    *fixture,
                 const char *what)
{
  g_autofree char *figure_path = g_build_filename (fixture->dir, "rss", NULL);
  g_autofree char *figure = NULL;

  g_setenv ("CONVENE_TEST_RSS_FILE", figure_path, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CONVENE_TEST_RSS_FILE");

  if (g_file_get_contents (figure_path, &figure, NULL, NULL))
    g_test_message ("%s: peak memory grew by %s KB", what, figure);
  g_test_trap_assert_passed ();
}

static void
write_figure (long growth)
{
  g_autofree char *text = g_strdup_printf ("%ld", growth);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_getenv ("CONVENE_TEST_RSS_FILE"), text, -1, &error);
  g_assert_no_error (error);
}

/* Eight 10000x10000 PNGs at once: refused on their header, before
 * gdk-pixbuf allocates their 300 MB of pixels each. */
static void
test_hostile_bomb (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      long growth = run_memory_child (fixture, "/bomb/b", 10000, 8, TRUE);

      write_figure (growth);
      g_assert_cmpint (growth, <, 64 * 1024);
      return;
    }

  run_memory_test (fixture, "eight 10000x10000 PNGs");
}

/* Eight 4096x4096 PNGs at once are accepted, 48 MB of pixels each, but
 * decoded at most two at a time. */
static void
test_hostile_decode_limit (Fixture       *fixture,
                           gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      long growth = run_memory_child (fixture, "/large/l", 4096, 8, FALSE);

      write_figure (growth);
      g_assert_cmpint (growth, <, 160 * 1024);
      return;
    }

  run_memory_test (fixture, "eight 4096x4096 PNGs");
}

/* A body shorter than its Content-Length, or a whole body holding half an
 * image: refused, nothing written; the next, whole answer is kept. */
static void
test_hostile_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  const struct {
    const char *path;
    const char *message_part;
  } cases[] = {
    { "/cut/cl/rose", "bytes arrived" },
    { "/cut/png/sam", "the image ends early" },
    { "/cut/jpeg/tom", "the image ends early" },
  };
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);

  convene_avatar_cache_set_failure_retry_delay (cache, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = url_for (fixture, cases[i].path);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GdkPixbuf) on_disk = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].path);

      texture = load_sync (cache, url, &error);
      g_assert_null (texture);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      g_assert_nonnull (strstr (error->message, "is cut short"));
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_assert_nonnull (strstr (error->message, fixture->base));
      g_assert_cmpuint (count_for (fixture, cases[i].path), ==, 1);
      wait_until (cache_idle, cache);
      g_assert_cmpuint (count_files (fixture->dir), ==, 2 * i);
      g_assert_null (convene_avatar_cache_lookup (cache, url));

      g_clear_error (&error);
      texture = load_sync (cache, url, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
      g_assert_cmpuint (count_for (fixture, cases[i].path), ==, 2);
      g_assert_cmpuint (count_files (fixture->dir), ==, 2 * (i + 1));
      on_disk = load_cached_png (fixture, url);
      g_assert_cmpint (gdk_pixbuf_get_width (on_disk), ==, 96);
    }
}

/* Cache-Control: no-store is shown and kept in memory, never written; an
 * older copy on disk goes. */
static void
test_cache_control_no_store (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/cc/no-store/uma");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) second = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) looked_up = NULL;
  g_autoptr(GError) error = NULL;
  Updates updates = { 0, };

  g_signal_connect (cache, "avatar-updated", G_CALLBACK (avatar_updated_cb), &updates);
  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  wait_until (cache_idle, cache);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_cmpuint (updates.n_emissions, ==, 1);

  /* The session keeps it in memory: no second request */
  again = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_true (again == texture);
  looked_up = convene_avatar_cache_lookup (cache, url);
  g_assert_true (looked_up == texture);
  g_assert_cmpuint (count_for (fixture, "/cc/no-store/uma"), ==, 1);

  /* The next session has nothing on disk and asks again */
  second = new_cache (fixture);
  g_assert_null (convene_avatar_cache_lookup (second, url));
  g_clear_object (&again);
  again = load_sync (second, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_for (fixture, "/cc/no-store/uma"), ==, 2);
  wait_until (cache_idle, second);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);

  /* A copy written before the server said no-store is deleted once the
   * answer says it */
  g_file_set_contents (image_path, "stale", -1, &error);
  g_assert_no_error (error);
  convene_avatar_cache_set_freshness (second, 0);
  g_clear_object (&again);
  again = load_sync (second, url, &error);
  g_assert_no_error (error);
  wait_until (cache_idle, second);
  g_assert_cmpuint (count_for (fixture, "/cc/no-store/uma"), ==, 3);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);

  updates_clear (&updates);
  g_signal_handlers_disconnect_by_data (cache, &updates);
}

/* A max-age longer than the freshness setting postpones revalidation; a
 * shorter one does not shorten it. */
static void
test_cache_control_max_age (Fixture       *fixture,
                            gconstpointer  data)
{
  const struct {
    const char *path;
    guint       max_age;
    gint64      age;
    guint       n_requests;
  } cases[] = {
    /* freshness is 60 s */
    { "/cc/max-age=3600/vera", 3600, 120, 1 },
    { "/cc/max-age=3600/walt", 3600, 4000, 2 },
    { "/cc/max-age=30/xena", 30, 45, 1 },
    { "/cc/max-age=30/yann", 30, 120, 2 },
    { "/cc/public,%20max-age=99999999999/zoe", 365 * 24 * 60 * 60, 400 * 24 * 60 * 60, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = url_for (fixture, cases[i].path);
      g_autoptr(ConveneAvatarCache) first = new_cache (fixture);
      g_autoptr(ConveneAvatarCache) second = new_cache (fixture);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GKeyFile) sidecar = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      g_test_message ("%s", cases[i].path);
      convene_avatar_cache_set_freshness (first, 60);
      convene_avatar_cache_set_freshness (second, 60);

      texture = load_sync (first, url, &error);
      g_assert_no_error (error);
      wait_until (cache_idle, first);
      sidecar = load_sidecar (fixture, url);
      g_assert_cmpuint (g_key_file_get_uint64 (sidecar, "Avatar", "MaxAge", NULL), ==,
                        cases[i].max_age);

      /* A second cache, with an empty memory cache, reads the age from disk */
      set_sidecar_checked (fixture, url, unix_now () - cases[i].age);
      g_clear_object (&texture);
      texture = load_sync (second, url, &error);
      g_assert_no_error (error);
      g_assert_nonnull (texture);
      wait_until (cache_idle, second);
      path = g_uri_unescape_string (cases[i].path, NULL);
      g_assert_cmpuint (count_for (fixture, path), ==, cases[i].n_requests);
    }
}

/* Tests: errors */

typedef struct
{
  const char *path;
  int         code;
  const char *message_part;
  guint       n_requests;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "/status/404/gina", G_IO_ERROR_NOT_FOUND, "404", 1 },
  { "/status/500/hank", G_IO_ERROR_FAILED, "500", 1 },
  { "/status/403/ivy", G_IO_ERROR_FAILED, "403", 1 },
  { "/stall/jack", G_IO_ERROR_TIMED_OUT, "avatar at", 1 },
  { "/drip/jill", G_IO_ERROR_TIMED_OUT, "did not arrive within 1 second", 1 },
  { "/big/cl/kate", G_IO_ERROR_MESSAGE_TOO_LARGE, "larger than 5 MB", 1 },
  { "/big/chunked/liam", G_IO_ERROR_MESSAGE_TOO_LARGE, "larger than 5 MB", 1 },
  { "/junk/mona", G_IO_ERROR_INVALID_DATA, "is not an image", 1 },
  { "/loop/nick", G_IO_ERROR_TOO_MANY_LINKS, "redirects more than 5 times", 6 },
  { "/to-file/olga", G_IO_ERROR_INVALID_ARGUMENT, "file:///etc/passwd", 1 },
};

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);

  convene_avatar_cache_set_timeout (cache, 1);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autofree char *url = url_for (fixture, c->path);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GdkTexture) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again_error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_test_message ("%s", c->path);

      texture = load_sync (cache, url, &error);
      g_assert_null (texture);
      g_assert_error (error, G_IO_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, c->message_part));
      g_assert_nonnull (strstr (error->message, fixture->base));
      g_assert_cmpuint (count_for (fixture, c->path), ==, c->n_requests);
      g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 0);
      /* The stall and the drip are cut by the 1 s timeout, not left
       * hanging (the drip would take 10 s) */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

      /* Nothing was written */
      g_assert_cmpuint (count_files (fixture->dir), ==, 0);
      g_assert_null (convene_avatar_cache_lookup (cache, url));

      /* Within the retry delay: the same error, no request */
      again = load_sync (cache, url, &again_error);
      g_assert_null (again);
      g_assert_error (again_error, G_IO_ERROR, c->code);
      g_assert_cmpuint (count_for (fixture, c->path), ==, c->n_requests);
    }
}

static void
test_errors_retry_delay (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree char *url = url_for (fixture, "/status/404/paul");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (convene_avatar_cache_get_failure_retry_delay (cache), ==, 3600);
  convene_avatar_cache_set_failure_retry_delay (cache, 1);

  texture = load_sync (cache, url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  texture = load_sync (cache, url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->total, ==, 1);

  /* After the delay the server is asked again */
  spin (1100);
  texture = load_sync (cache, url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->total, ==, 2);

  /* 0 remembers nothing */
  convene_avatar_cache_set_failure_retry_delay (cache, 0);
  texture = load_sync (cache, url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->total, ==, 3);
}

static void
test_errors_not_http (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *urls[] = {
    "file:///etc/passwd",
    "ftp://127.0.0.1/avatar.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "",
    "not a url",
    "http://",
    "/png/400x400/relative",
  };
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;

      texture = load_sync (cache, urls[i], &error);
      g_assert_null (texture);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (convene_avatar_cache_lookup (cache, urls[i]));
    }

  g_assert_cmpuint (fixture->total, ==, 0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

static void
test_redirect_follow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree char *url = url_for (fixture, "/redirect/quinn");
  g_autofree char *target = url_for (fixture, "/png/400x400/quinn");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autofree char *target_path = entry_path (fixture, target, ".png");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  g_assert_cmpuint (count_for (fixture, "/redirect/quinn"), ==, 1);
  g_assert_cmpuint (count_for (fixture, "/png/400x400/quinn"), ==, 1);

  /* Stored under the address the caller asked for */
  g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
}

/* Tests: scheduling */

static void
run_in_flight (Fixture *fixture,
               guint    max_in_flight,
               guint    n_urls,
               guint    first)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree LoadResult *loads = g_new0 (LoadResult, n_urls);
  guint total = fixture->total;

  convene_avatar_cache_set_max_in_flight (cache, max_in_flight);
  fixture->max_in_flight = 0;
  fixture->hold_ms = 50;

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/person%u", first + i);
      g_autofree char *url = url_for (fixture, path);

      start_load (cache, url, NULL, &loads[i]);
    }
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, n_urls);

  for (guint i = 0; i < n_urls; i++)
    {
      wait_until (load_done, &loads[i]);
      g_assert_no_error (loads[i].error);
      g_assert_cmpint (gdk_texture_get_width (loads[i].texture), ==, 64);
      load_result_clear (&loads[i]);
    }

  g_assert_cmpuint (fixture->total - total, ==, n_urls);
  g_assert_cmpuint (fixture->max_in_flight, ==, max_in_flight);
}

static void
test_in_flight_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);

  g_assert_cmpuint (convene_avatar_cache_get_max_in_flight (cache), ==, 6);
  run_in_flight (fixture, 6, 20, 0);
  run_in_flight (fixture, 2, 8, 100);
}

static void
test_cancel_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url_a = url_for (fixture, "/hold/ruth");
  g_autofree char *url_b = url_for (fixture, "/hold/sam");
  g_autofree char *url_c = url_for (fixture, "/hold/tina");
  LoadResult a = { 0, };
  LoadResult b = { 0, };
  LoadResult c = { 0, };

  convene_avatar_cache_set_max_in_flight (cache, 1);

  start_load (cache, url_a, NULL, &a);
  wait_until (has_held, fixture);
  start_load (cache, url_b, cancellable, &b);
  start_load (cache, url_c, NULL, &c);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 3);

  /* A row scrolled away: its queued request goes */
  g_cancellable_cancel (cancellable);
  wait_until (load_done, &b);
  g_assert_error (b.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (a.done);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 2);

  release_held (fixture);
  wait_until (load_done, &a);
  g_assert_no_error (a.error);

  /* The next one on the wire is c, never b */
  wait_until (has_held, fixture);
  release_held (fixture);
  wait_until (load_done, &c);
  g_assert_no_error (c.error);
  wait_until (cache_idle, cache);

  g_assert_cmpuint (count_for (fixture, "/hold/ruth"), ==, 1);
  g_assert_cmpuint (count_for (fixture, "/hold/sam"), ==, 0);
  g_assert_cmpuint (count_for (fixture, "/hold/tina"), ==, 1);
  g_assert_null (convene_avatar_cache_lookup (cache, url_b));

  load_result_clear (&a);
  load_result_clear (&b);
  load_result_clear (&c);
}

static void
test_cancel_shared (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url_a = url_for (fixture, "/hold/uma");
  g_autofree char *url_b = url_for (fixture, "/hold/vic");
  LoadResult a = { 0, };
  LoadResult b1 = { 0, };
  LoadResult b2 = { 0, };

  convene_avatar_cache_set_max_in_flight (cache, 1);

  start_load (cache, url_a, NULL, &a);
  wait_until (has_held, fixture);
  start_load (cache, url_b, cancellable, &b1);
  start_load (cache, url_b, NULL, &b2);

  g_cancellable_cancel (cancellable);
  wait_until (load_done, &b1);
  g_assert_error (b1.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 2);

  /* The other caller still gets it */
  release_held (fixture);
  wait_until (has_held, fixture);
  release_held (fixture);
  wait_until (load_done, &b2);
  g_assert_no_error (b2.error);
  g_assert_cmpint (gdk_texture_get_width (b2.texture), ==, 64);
  g_assert_cmpuint (count_for (fixture, "/hold/vic"), ==, 1);

  wait_until (load_done, &a);
  load_result_clear (&a);
  load_result_clear (&b1);
  load_result_clear (&b2);
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) already = g_cancellable_new ();
  g_autofree char *url = url_for (fixture, "/hold/wendy");
  g_autoptr(GdkTexture) cached = NULL;
  LoadResult load = { 0, };

  /* Cancelled before it starts: nothing happens at all */
  g_cancellable_cancel (already);
  start_load (cache, url, already, &load);
  wait_until (load_done, &load);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 0);

  start_load (cache, url, cancellable, &load);
  wait_until (has_held, fixture);
  g_cancellable_cancel (cancellable);
  wait_until (load_done, &load);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The caller is told at once; the download on the wire still fills the
   * cache for the next time the row shows up */
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (cache), ==, 1);
  release_held (fixture);
  wait_until (cache_idle, cache);
  cached = convene_avatar_cache_lookup (cache, url);
  g_assert_nonnull (cached);
  g_assert_cmpuint (count_for (fixture, "/hold/wendy"), ==, 1);

  load_result_clear (&load);
}

/* Tests: memory and disk */

static void
test_memory_lru (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autofree char *u1 = url_for (fixture, "/png/100x100/xena");
  g_autofree char *u2 = url_for (fixture, "/png/100x100/yuri");
  g_autofree char *u3 = url_for (fixture, "/png/100x100/zoe");
  g_autoptr(GdkTexture) t1 = NULL;
  g_autoptr(GdkTexture) t2 = NULL;
  g_autoptr(GdkTexture) t3 = NULL;
  g_autoptr(GdkTexture) l1 = NULL;
  g_autoptr(GdkTexture) l1_again = NULL;
  g_autoptr(GdkTexture) l2 = NULL;
  g_autoptr(GdkTexture) l3 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (convene_avatar_cache_get_memory_limit (cache), ==, 256);
  convene_avatar_cache_set_memory_limit (cache, 2);

  t1 = load_sync (cache, u1, &error);
  g_assert_no_error (error);
  t2 = load_sync (cache, u2, &error);
  g_assert_no_error (error);

  /* Using u1 makes u2 the oldest */
  l1 = convene_avatar_cache_lookup (cache, u1);
  g_assert_true (l1 == t1);

  t3 = load_sync (cache, u3, &error);
  g_assert_no_error (error);

  l1_again = convene_avatar_cache_lookup (cache, u1);
  g_assert_true (l1_again == t1);
  l3 = convene_avatar_cache_lookup (cache, u3);
  g_assert_true (l3 == t3);

  /* u2 left memory: decoded again from disk, a new texture */
  l2 = convene_avatar_cache_lookup (cache, u2);
  g_assert_nonnull (l2);
  g_assert_true (l2 != t2);
  g_assert_cmpint (gdk_texture_get_width (l2), ==, 96);
  g_assert_cmpuint (fixture->total, ==, 3);
}

static void
test_disk_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/png/400x400/abby");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autofree char *sidecar_path = entry_path (fixture, url, ".ini");
  ConveneAvatarCache *first = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) second = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  texture = load_sync (first, url, &error);
  g_assert_no_error (error);
  g_clear_object (&texture);
  wait_and_unref (first);

  /* Truncate the image, as a writer without rename would after a crash */
  png = read_bytes (image_path);
  g_file_set_contents (image_path, g_bytes_get_data (png, NULL), g_bytes_get_size (png) / 2,
                       &error);
  g_assert_no_error (error);

  second = new_cache (fixture);
  g_assert_null (convene_avatar_cache_lookup (second, url));
  g_assert_false (g_file_test (image_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar_path, G_FILE_TEST_EXISTS));

  texture = load_sync (second, url, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
  g_assert_cmpuint (fixture->total, ==, 2);
  pixbuf = load_cached_png (fixture, url);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
}

/* Loads @path from the server into the disk cache of a cache that goes. */
static char *
cache_on_disk (Fixture    *fixture,
               const char *path)
{
  ConveneAvatarCache *cache = new_cache (fixture);
  g_autofree char *url = url_for (fixture, path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_clear_object (&texture);
  wait_and_unref (cache);

  return g_steal_pointer (&url);
}

/* Replaces @path by a sparse file of @size bytes: it takes no disk. */
static void
make_sparse (const char *path,
             goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
}

static void
make_fifo (const char *path)
{
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
}

/* Files in the cache directory that the cache did not write that way: a
 * FIFO (which would block the main thread reading it), a 1 GiB file, and
 * a 10000x10000 PNG of 100 KB (300 MB of pixels). An image among them is
 * a miss, removed and downloaded again; a key file among them leaves a
 * good image shown. Either way at once, and in bounded memory.
 */
static void
test_disk_hostile_files (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *refused[] = { "/png/400x400/fifo", "/png/400x400/huge", "/png/400x400/bomb" };
  const char *kept[] = { "/png/400x400/fifo-ini", "/png/400x400/huge-ini" };
  g_autoptr(ConveneAvatarCache) cache = NULL;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GError) error = NULL;
  long before;
  long growth;

  if (!g_test_subprocess ())
    {
      run_memory_test (fixture, "hostile files in the avatar cache");
      return;
    }

  bomb = make_blank_png (10000, 10000);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *url = cache_on_disk (fixture, refused[i]);
      g_autofree char *image_path = entry_path (fixture, url, ".png");

      if (i == 0)
        make_fifo (image_path);
      else if (i == 1)
        make_sparse (image_path, (goffset)1024 * 1024 * 1024);
      else
        g_file_set_contents (image_path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb),
                             &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *url = cache_on_disk (fixture, kept[i]);
      g_autofree char *sidecar_path = entry_path (fixture, url, ".ini");

      if (i == 0)
        make_fifo (sidecar_path);
      else
        make_sparse (sidecar_path, (goffset)1024 * 1024 * 1024);
    }

  before = peak_rss_kb ();
  cache = new_cache (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *url = url_for (fixture, refused[i]);
      g_autofree char *image_path = entry_path (fixture, url, ".png");
      g_autofree char *sidecar_path = entry_path (fixture, url, ".ini");

      g_test_message ("%s", refused[i]);
      g_assert_null (convene_avatar_cache_lookup (cache, url));
      g_assert_false (g_file_test (image_path, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (sidecar_path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *url = url_for (fixture, kept[i]);
      g_autoptr(GdkTexture) texture = NULL;

      g_test_message ("%s", kept[i]);
      texture = convene_avatar_cache_lookup (cache, url);
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
    }
  growth = peak_rss_kb () - before;
  write_figure (growth);
  g_assert_cmpint (growth, <, 64 * 1024);

  /* The refused images are downloaded again */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *url = url_for (fixture, refused[i]);
      g_autoptr(GdkTexture) texture = load_sync (cache, url, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
      g_assert_cmpuint (count_for (fixture, refused[i]), ==, 2);
    }
  wait_until (cache_idle, cache);
}

static void
test_disk_stray_temporary (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/png/400x400/ben");
  g_autofree char *image_path = entry_path (fixture, url, ".png");
  g_autofree char *temp_image = g_strconcat (image_path, ".Xy12Ab", NULL);
  g_autofree char *temp_sidecar = NULL;
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr(GBytes) png = make_png (400, 400, 0xff0000ff, 0xff0000ff);
  g_autoptr(ConveneAvatarCache) cache = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sidecar_path = entry_path (fixture, url, ".ini");

  temp_sidecar = g_strconcat (sidecar_path, ".Q1w2e3", NULL);

  /* What a kill between write and rename leaves behind */
  g_file_set_contents (temp_image, g_bytes_get_data (png, NULL), g_bytes_get_size (png) / 2,
                       &error);
  g_assert_no_error (error);
  g_file_set_contents (temp_sidecar, "[Avatar]\nURL=", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (notes, "not ours", -1, &error);
  g_assert_no_error (error);

  cache = new_cache (fixture);
  g_assert_false (g_file_test (temp_image, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (temp_sidecar, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
  g_assert_null (convene_avatar_cache_lookup (cache, url));
  g_assert_cmpuint (convene_avatar_cache_get_size (cache), ==, 0);

  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->total, ==, 1);

  /* Clearing deletes only the cache's own files */
  g_assert_true (convene_avatar_cache_clear (cache, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

/* The child writes three avatars, then the file size limit kills it
 * (SIGXFSZ) in the middle of writing the fourth: a real crash at the worst
 * moment, at the same place every run. */
static void
test_disk_kill_mid_write (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *env_dir = g_getenv ("CONVENE_TEST_CRASH_DIR");
  const char *kept[] = { "/png/400x400/kept0", "/png/300x300/kept1", "/stripes/300x150/kept2" };
  const char *killed_path = "/png/400x400/killed";
  g_autoptr(ConveneAvatarCache) cache = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_base = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *killed_sha = NULL;
  g_autofree char *killed_temp_prefix = NULL;
  g_autofree char *temp_path = NULL;
  const char *name;
  guint n_files = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(ConveneAvatarCache) child_cache = convene_avatar_cache_new (env_dir, NULL);
      struct rlimit no_core = { 0, 0 };
      struct rlimit tiny_files = { 32, 32 };

      g_rmdir (fixture->dir);
      for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
        {
          g_autofree char *url = url_for (fixture, kept[i]);
          g_autoptr(GdkTexture) child_texture = load_sync (child_cache, url, &error);

          g_assert_no_error (error);
        }

      setrlimit (RLIMIT_CORE, &no_core);
      setrlimit (RLIMIT_FSIZE, &tiny_files);
      killed = url_for (fixture, killed_path);
      texture = load_sync (child_cache, killed, &error);
      g_assert_not_reached ();
    }

  g_setenv ("CONVENE_TEST_CRASH_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CONVENE_TEST_CRASH_DIR");
  g_assert_false (g_test_trap_has_passed ());
  g_assert_false (g_test_trap_reached_timeout ());

  /* The child served itself on another port: find its address from a
   * sidecar it wrote. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  while (child_base == NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autofree char *url = NULL;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
      g_assert_no_error (error);
      url = g_key_file_get_string (key_file, "Avatar", "URL", NULL);
      g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
      child_base = g_strndup (url, strstr (url + strlen ("http://"), "/") - url);
    }
  g_assert_nonnull (child_base);
  g_clear_pointer (&dir, g_dir_close);

  /* The three finished avatars are whole; the fourth exists only as a
   * cut-off temporary file, never under its real name. */
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *url = g_strconcat (child_base, kept[i], NULL);
      g_autoptr(GdkPixbuf) pixbuf = load_cached_png (fixture, url);
      g_autoptr(GKeyFile) sidecar = load_sidecar (fixture, url);
      g_autofree char *sidecar_url = g_key_file_get_string (sidecar, "Avatar", "URL", NULL);

      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
      g_assert_cmpstr (sidecar_url, ==, url);
    }

  killed = g_strconcat (child_base, killed_path, NULL);
  killed_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, killed, -1);
  killed_temp_prefix = g_strconcat (killed_sha, ".png.", NULL);

  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      n_files++;
      if (g_str_has_prefix (name, killed_sha))
        {
          GStatBuf st;

          g_assert_null (temp_path);
          g_assert_true (g_str_has_prefix (name, killed_temp_prefix));
          temp_path = g_build_filename (fixture->dir, name, NULL);
          g_assert_cmpint (g_stat (temp_path, &st), ==, 0);
          /* GLib preallocates the whole length first, which the limit
           * may already refuse: at most the 32 bytes the limit allows */
          g_assert_cmpint (st.st_size, <=, 32);
        }
    }
  g_assert_nonnull (temp_path);
  g_assert_cmpuint (n_files, ==, 2 * G_N_ELEMENTS (kept) + 1);

  /* The next start deletes the leftover; the avatar counts as absent */
  cache = new_cache (fixture);
  g_assert_false (g_file_test (temp_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 2 * G_N_ELEMENTS (kept));
  g_assert_null (convene_avatar_cache_lookup (cache, killed));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *url = g_strconcat (child_base, kept[i], NULL);

      g_clear_object (&texture);
      texture = convene_avatar_cache_lookup (cache, url);
      g_assert_nonnull (texture);
    }
}

/* The child writes avatars until a timer kills it, wherever it is. */
static void
test_disk_kill_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *env_dir = g_getenv ("CONVENE_TEST_CRASH_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(ConveneAvatarCache) cache = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_images = 0;
  guint n_temporary = 0;

  if (g_test_subprocess ())
    {
      /* The child downloads and writes avatars until it is killed */
      g_autoptr(ConveneAvatarCache) child_cache = convene_avatar_cache_new (env_dir, NULL);

      /* Its own empty fixture directory: nobody tears down after a kill */
      g_rmdir (fixture->dir);

      for (guint i = 0; ; i++)
        {
          g_autofree char *path = g_strdup_printf ("/png/%ux%u/crash%u", 200 + i % 300,
                                                   200 + i % 300, i);
          g_autofree char *url = url_for (fixture, path);
          g_autoptr(GdkTexture) texture = NULL;
          g_autoptr(GError) error = NULL;

          texture = load_sync (child_cache, url, &error);
          g_assert_no_error (error);
        }
    }

  g_setenv ("CONVENE_TEST_CRASH_DIR", fixture->dir, TRUE);
  /* The child never ends by itself: the timeout kills it with SIGALRM,
   * wherever it is, a write included. */
  g_test_trap_subprocess (NULL, 2 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CONVENE_TEST_CRASH_DIR");
  g_assert_false (g_test_trap_has_passed ());

  /* Whatever is under a real name is complete */
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (strlen (name) >= 68);
      if (strlen (name) > 68)
        {
          /* <sha>.png.XXXXXX or <sha>.ini.XXXXXX: an interrupted write */
          g_assert_true (name[68] == '.');
          n_temporary++;
        }
      else if (g_str_has_suffix (name, ".png"))
        {
          g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

          g_assert_no_error (error);
          g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
          g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 96);
          n_images++;
        }
      else
        {
          g_autoptr(GKeyFile) key_file = g_key_file_new ();

          g_assert_true (g_str_has_suffix (name, ".ini"));
          g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
          g_assert_no_error (error);
          g_ptr_array_add (urls, g_key_file_get_string (key_file, "Avatar", "URL", &error));
          g_assert_no_error (error);
        }
    }
  g_test_message ("%u images, %u sidecars, %u temporary files after the kill",
                  n_images, urls->len, n_temporary);
  g_assert_cmpuint (n_images, >, 0);

  /* The next start removes the leftovers and reads every complete entry */
  cache = new_cache (fixture);
  g_assert_cmpuint (count_files (fixture->dir), ==, n_images + urls->len);
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      g_autoptr(GdkTexture) texture = convene_avatar_cache_lookup (cache, url);
      g_autofree char *image_path = entry_path (fixture, url, ".png");

      /* A sidecar is written after its image */
      g_assert_true (g_file_test (image_path, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 96);
    }
}

static void
test_clear_and_size (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  const char *paths[] = { "/png/400x400/cleo", "/png/400x400/dan" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *url = url_for (fixture, paths[0]);
  guint64 expected = 0;

  g_assert_cmpuint (convene_avatar_cache_get_size (cache), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *each = url_for (fixture, paths[i]);
      const char *extensions[] = { ".png", ".ini" };

      g_clear_object (&texture);
      texture = load_sync (cache, each, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < G_N_ELEMENTS (extensions); j++)
        {
          g_autofree char *path = entry_path (fixture, each, extensions[j]);
          GStatBuf st;

          g_assert_cmpint (g_stat (path, &st), ==, 0);
          expected += st.st_size;
        }
    }

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (convene_avatar_cache_get_size (cache), ==, expected);

  g_assert_true (convene_avatar_cache_clear (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (convene_avatar_cache_get_size (cache), ==, 0);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_null (convene_avatar_cache_lookup (cache, url));

  g_clear_object (&texture);
  texture = load_sync (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_for (fixture, paths[0]), ==, 2);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ConveneAvatarCache) cache = new_cache (fixture);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpuint (convene_avatar_cache_get_freshness (cache), ==, 7 * 24 * 3600);

  g_settings_set_uint (settings, "avatar-freshness-days", 2);
  convene_avatar_cache_bind_settings (cache, settings);
  g_assert_cmpuint (convene_avatar_cache_get_freshness (cache), ==, 2 * 24 * 3600);

  g_settings_set_uint (settings, "avatar-freshness-days", 0);
  g_assert_cmpuint (convene_avatar_cache_get_freshness (cache), ==, 0);

  g_settings_reset (settings, "avatar-freshness-days");
  g_assert_cmpuint (convene_avatar_cache_get_freshness (cache), ==, 7 * 24 * 3600);
}

/* Run with -m perf: how long showing a cached avatar takes, for photos
 * (noise, which compresses worst) of GitHub's 460 px */
static void
test_perf_lookup (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint n = 100;
  ConveneAvatarCache *warm = new_cache (fixture);
  g_autoptr(ConveneAvatarCache) cold = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double disk = 0;
  double memory = 0;

  if (!g_test_perf ())
    {
      g_test_skip ("only with -m perf");
      g_object_unref (warm);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/noise/460x460/perf%u", i);
      g_autofree char *url = url_for (fixture, path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = load_sync (warm, url, &error);

      g_assert_no_error (error);
    }
  wait_and_unref (warm);

  cold = new_cache (fixture);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *path = g_strdup_printf ("/noise/460x460/perf%u", i);
          g_autofree char *url = url_for (fixture, path);
          g_autoptr(GdkTexture) texture = convene_avatar_cache_lookup (cold, url);

          g_assert_nonnull (texture);
        }
      if (pass == 0)
        disk = g_timer_elapsed (timer, NULL) * 1000 / n;
      else
        memory = g_timer_elapsed (timer, NULL) * 1000 / n;
    }

  g_test_minimized_result (disk, "disk lookup: %.3f ms per avatar", disk);
  g_test_minimized_result (memory, "memory lookup: %.4f ms per avatar", memory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/avatar-cache/load/first", test_load_first);
  ADD ("/avatar-cache/load/shared", test_load_shared);
  ADD ("/avatar-cache/load/warm-start", test_load_warm_start);
  ADD ("/avatar-cache/load/downscale", test_load_downscale);
  ADD ("/avatar-cache/revalidate/not-modified", test_revalidate_not_modified);
  ADD ("/avatar-cache/revalidate/changed", test_revalidate_changed);
  ADD ("/avatar-cache/revalidate/offline", test_revalidate_offline);
  ADD ("/avatar-cache/errors/responses", test_errors);
  ADD ("/avatar-cache/errors/retry-delay", test_errors_retry_delay);
  ADD ("/avatar-cache/errors/not-http", test_errors_not_http);
  ADD ("/avatar-cache/redirect/follow", test_redirect_follow);
  ADD ("/avatar-cache/queue/in-flight-limit", test_in_flight_limit);
  ADD ("/avatar-cache/cancel/queued", test_cancel_queued);
  ADD ("/avatar-cache/cancel/shared", test_cancel_shared);
  ADD ("/avatar-cache/cancel/in-flight", test_cancel_in_flight);
  ADD ("/avatar-cache/memory/lru", test_memory_lru);
  ADD ("/avatar-cache/disk/corrupt", test_disk_corrupt);
  ADD ("/avatar-cache/disk/stray-temporary", test_disk_stray_temporary);
  ADD ("/avatar-cache/disk/hostile-files", test_disk_hostile_files);
  ADD ("/avatar-cache/disk/kill-mid-write", test_disk_kill_mid_write);
  ADD ("/avatar-cache/disk/kill-anywhere", test_disk_kill_anywhere);
  ADD ("/avatar-cache/disk/clear-and-size", test_clear_and_size);
  ADD ("/avatar-cache/settings/freshness", test_settings);
  ADD ("/avatar-cache/hostile/bomb", test_hostile_bomb);
  ADD ("/avatar-cache/hostile/decode-limit", test_hostile_decode_limit);
  ADD ("/avatar-cache/hostile/truncated", test_hostile_truncated);
  ADD ("/avatar-cache/cache-control/no-store", test_cache_control_no_store);
  ADD ("/avatar-cache/cache-control/max-age", test_cache_control_max_age);
  ADD ("/avatar-cache/perf/lookup", test_perf_lookup);

#undef ADD

  return g_test_run ();
}
