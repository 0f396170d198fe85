/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-download"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-download.h"

/* The download of a registry's source. Everything a server could do to
 * hold the application up or make it read what it should not is bounded
 * here, not left to the caller:
 *
 *  - only http and https, checked for the URL and again for every
 *    redirect (libsoup follows none itself), at most
 *    CONVENE_DOWNLOAD_MAX_REDIRECTS of them, and no credentials;
 *  - a deadline for the whole download, redirects and body included;
 *  - the body read in chunks and refused as soon as it passes the size
 *    limit (or at once when its Content-Length does), so nothing over the
 *    limit is ever kept;
 *  - a body shorter than its Content-Length is an error, not a registry.
 */

#define READ_CHUNK_SIZE (64 * 1024)

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  GInputStream *stream;
  GUri *uri;
  char *url;             /* as the caller gave it, for the messages */
  char *etag;
  char *last_modified;
  gsize max_size;
  guint redirects;
  GByteArray *body;
  GCancellable *cancellable;   /* ours: cancelled by the caller's or the deadline */
  gulong cancelled_id;
  GCancellable *caller_cancellable;
  GSource *timeout_source;
  guint timeout_seconds;
  gboolean timed_out;
} Download;

static void download_send (GTask *task);

void
convene_download_free (ConveneDownload *download)
{
  if (download == NULL)
    return;

  g_clear_pointer (&download->bytes, g_bytes_unref);
  g_free (download->url);
  g_free (download->etag);
  g_free (download->last_modified);
  g_clear_pointer (&download->date, g_date_time_unref);
  g_free (download);
}

static void
download_data_free (Download *data)
{
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_source_unref (data->timeout_source);
    }
  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_object (&data->session);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_object (&data->cancellable);
  g_free (data->url);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

/* Parses @url and refuses what may not be downloaded. */
static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not an http or https address"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” names no server"), url);
      return NULL;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      /* Not repeated back: it may be a password */
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” has a user name or password in it; Convene does not send "
                     "credentials"), shown);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/**
 * convene_download_check_url:
 * @url: an address
 * @error: where to put why it may not be downloaded
 *
 * Returns: whether @url is an http or https URL with a host and without
 *   credentials
 */
gboolean
convene_download_check_url (const char  *url,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = parse_url (url, error);
  return uri != NULL;
}

/* Ends @task with @error, unless the deadline is why it failed. */
static void
download_fail (GTask  *task,
               GError *error)
{
  Download *data = g_task_get_task_data (task);

  if (data->timed_out)
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           ngettext ("The download of “%s” took longer than %u second",
                                     "The download of “%s” took longer than %u seconds",
                                     data->timeout_seconds),
                           data->url, data->timeout_seconds);
    }
  else if (g_cancellable_is_cancelled (data->caller_cancellable))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The download of “%s” was cancelled"), data->url);
    }
  else if (error->domain != G_IO_ERROR || error->code == G_IO_ERROR_FAILED ||
           error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_HOST_NOT_FOUND)
    {
      /* libsoup's and GIO's messages say what but not which download */
      GError *wrapped = g_error_new (G_IO_ERROR,
                                     error->domain == G_IO_ERROR ? error->code : G_IO_ERROR_FAILED,
                                     _("Could not download “%s”: %s"), data->url,
                                     error->message);
      g_clear_error (&error);
      error = wrapped;
    }

  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
download_succeed (GTask    *task,
                  gboolean  unchanged)
{
  Download *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  ConveneDownload *download = g_new0 (ConveneDownload, 1);
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *last_modified = soup_message_headers_get_one (headers, "Last-Modified");

  download->unchanged = unchanged;
  download->url = g_uri_to_string (data->uri);
  if (!unchanged)
    download->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  /* A 304 may leave out the validators: the ones sent still hold. */
  download->etag = g_strdup (etag ? etag : (unchanged ? data->etag : NULL));
  download->last_modified = g_strdup (last_modified ? last_modified
                                      : (unchanged ? data->last_modified : NULL));
  if (download->last_modified != NULL)
    download->date = soup_date_time_new_from_http_string (download->last_modified);

  g_task_return_pointer (task, download, (GDestroyNotify)convene_download_free);
  g_object_unref (task);
}

static GError *
too_large_error (Download *data)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                      _("“%s” is larger than %" G_GSIZE_FORMAT " KB, "
                        "the most a registry may be"),
                      data->url, data->max_size / 1024);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Download *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      download_fail (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);

      /* libsoup ends the stream cleanly when the connection closes early */
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          (goffset)data->body->len != soup_message_headers_get_content_length (headers))
        {
          download_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                            _("The download of “%s” was cut short"),
                                            data->url));
          return;
        }

      g_input_stream_close (data->stream, NULL, NULL);
      download_succeed (task, FALSE);
      return;
    }

  if (data->body->len + size > data->max_size)
    {
      /* Closing now drops the connection instead of reading the rest */
      g_clear_pointer (&data->body, g_byte_array_unref);
      download_fail (task, too_large_error (data));
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), size);
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, task);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Download *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      download_fail (task, error);
      return;
    }

  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);

  if (status == SOUP_STATUS_OK)
    {
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_content_length (headers) > (goffset)data->max_size)
        {
          g_input_stream_close (stream, NULL, NULL);
          download_fail (task, too_large_error (data));
          return;
        }

      data->stream = g_steal_pointer (&stream);
      data->body = g_byte_array_new ();
      g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                       data->cancellable, read_cb, task);
      return;
    }

  g_input_stream_close (stream, NULL, NULL);

  if (status == SOUP_STATUS_NOT_MODIFIED && (data->etag != NULL || data->last_modified != NULL))
    {
      download_succeed (task, TRUE);
      return;
    }

  if (is_redirect (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) target = NULL;
      g_autofree char *target_string = NULL;
      GError *parse_error = NULL;

      if (++data->redirects > CONVENE_DOWNLOAD_MAX_REDIRECTS)
        {
          download_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                                            _("“%s” redirects more than %u times"),
                                            data->url, CONVENE_DOWNLOAD_MAX_REDIRECTS));
          return;
        }

      if (location != NULL)
        target = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
      if (target != NULL)
        target_string = g_uri_to_string (target);
      g_clear_pointer (&target, g_uri_unref);
      if (target_string != NULL)
        target = parse_url (target_string, &parse_error);
      if (target == NULL)
        {
          g_clear_error (&parse_error);
          download_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                            _("“%s” redirects to “%s”, which is not an "
                                              "http or https address without credentials"),
                                            data->url, location ? location : ""));
          return;
        }

      g_uri_unref (data->uri);
      data->uri = g_steal_pointer (&target);
      download_send (task);
      return;
    }

  download_fail (task, g_error_new (G_IO_ERROR,
                                    status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE
                                    ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
                                    _("The server answered “%u %s” for “%s”"),
                                    status, soup_message_get_reason_phrase (data->msg),
                                    data->url));
}

static void
download_send (GTask *task)
{
  Download *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&data->msg);
  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  /* Redirects are followed in send_cb(), to count them and check each. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->msg);
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Download *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * convene_download_async:
 * @session: (nullable): the session to use, %NULL for a new one
 * @url: an http or https URL
 * @etag: (nullable): the ETag of the copy held, sent as If-None-Match
 * @last_modified: (nullable): its Last-Modified, sent as If-Modified-Since
 * @max_size: the largest body accepted, in bytes
 * @timeout_seconds: the deadline of the whole download, 0 for
 *   %CONVENE_DOWNLOAD_TIMEOUT
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Downloads @url (see the top of convene-registry-download.c for the
 * limits). A 304 to a conditional request is a result with %unchanged set.
 */
void
convene_download_async (SoupSession         *session,
                        const char          *url,
                        const char          *etag,
                        const char          *last_modified,
                        gsize                max_size,
                        guint                timeout_seconds,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Download *data;
  GError *error = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);
  g_return_if_fail (max_size > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_download_async);

  uri = parse_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data = g_new0 (Download, 1);
  data->session = session ? g_object_ref (session)
                          : soup_session_new_with_options ("user-agent",
                                                           "Convene/" PACKAGE_VERSION, NULL);
  data->uri = g_steal_pointer (&uri);
  data->url = g_strdup (url);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->max_size = max_size;
  data->timeout_seconds = timeout_seconds > 0 ? timeout_seconds : CONVENE_DOWNLOAD_TIMEOUT;
  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  data->cancellable, NULL);
    }
  /* Not g_timeout_source_new_seconds(): it rounds to whole seconds of the
   * clock and may fire up to a second early.
   */
  data->timeout_source = g_timeout_source_new ((guint) data->timeout_seconds * 1000);
  g_source_set_callback (data->timeout_source, timeout_cb, data, NULL);
  g_source_set_static_name (data->timeout_source, "[convene] registry download deadline");
  g_source_attach (data->timeout_source, g_main_context_get_thread_default ());
  g_task_set_task_data (task, data, (GDestroyNotify)download_data_free);

  download_send (task);
}

/**
 * convene_download_finish:
 * @result: the result given to the callback
 * @error: where to put why the download failed
 *
 * Returns: (transfer full) (nullable): what was downloaded
 */
ConveneDownload *
convene_download_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/**
 * convene_download_sync:
 *
 * convene_download_async() in a main context of its own, for the command
 * line; see there for the arguments. With a %NULL @session a new one is
 * made in that context.
 *
 * Returns: (transfer full) (nullable): what was downloaded
 */
ConveneDownload *
convene_download_sync (SoupSession   *session,
                       const char    *url,
                       const char    *etag,
                       const char    *last_modified,
                       gsize          max_size,
                       guint          timeout_seconds,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  ConveneDownload *download;

  g_main_context_push_thread_default (context);
  convene_download_async (session, url, etag, last_modified, max_size, timeout_seconds,
                          cancellable, sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  download = convene_download_finish (result, error);
  g_main_context_pop_thread_default (context);

  return download;
}
