/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "registry-test-server.h"

/* The server answers in its own thread, so the window's main loop (and
 * a blocking wait of the test) cannot hold it up.
 */

typedef struct
{
  char *body;
  char *etag;
  char *if_none_match;
  guint hits;
  gboolean stall;
} Page;

struct _RegistryTestServer
{
  GMutex lock;
  GCond ready;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *base;
  GHashTable *pages;   /* path → Page, protected by lock */
};

static void
page_free (Page *page)
{
  g_free (page->body);
  g_free (page->etag);
  g_free (page->if_none_match);
  g_free (page);
}

static Page *
ensure_page (RegistryTestServer *server,
             const char         *path)
{
  Page *page = g_hash_table_lookup (server->pages, path);

  if (page == NULL)
    {
      page = g_new0 (Page, 1);
      g_hash_table_insert (server->pages, g_strdup (path), page);
    }
  return page;
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RegistryTestServer *server = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *match = soup_message_headers_get_one (request, "If-None-Match");
  Page *page;

  g_mutex_lock (&server->lock);
  page = ensure_page (server, path);
  page->hits++;
  g_free (page->if_none_match);
  page->if_none_match = g_strdup (match);

  if (page->stall)
    {
      /* Headers never come: only cancelling (or the deadline) ends it. */
      soup_server_message_pause (msg);
    }
  else if (page->body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else if (match != NULL && g_strcmp0 (match, page->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      if (page->etag != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag",
                                      page->etag);
      soup_server_message_set_response (msg, g_str_has_suffix (path, ".json")
                                             ? "application/json" : "text/markdown",
                                        SOUP_MEMORY_COPY, page->body, strlen (page->body));
    }
  g_mutex_unlock (&server->lock);
}

static gpointer
server_thread (gpointer user_data)
{
  RegistryTestServer *server = user_data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *uri = NULL;

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, NULL, server_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  uri = g_uri_to_string (uris->data);

  g_mutex_lock (&server->lock);
  server->base = g_strndup (uri, strlen (uri) - 1);   /* without the last / */
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

RegistryTestServer *
registry_test_server_start (void)
{
  RegistryTestServer *server = g_new0 (RegistryTestServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)page_free);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  g_mutex_lock (&server->lock);
  server->thread = g_thread_new ("test server", server_thread, server);
  while (server->base == NULL)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);

  return server;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Stops listening: a connection afterwards is refused. */
void
registry_test_server_stop (RegistryTestServer *server)
{
  if (server == NULL)
    return;

  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_hash_table_unref (server->pages);
  g_free (server->base);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
  g_free (server);
}

char *
registry_test_server_url (RegistryTestServer *server,
                          const char         *path)
{
  return g_strconcat (server->base, path, NULL);
}

void
registry_test_server_serve (RegistryTestServer *server,
                            const char         *path,
                            const char         *body,
                            const char         *etag)
{
  Page *page;

  g_mutex_lock (&server->lock);
  page = ensure_page (server, path);
  g_free (page->body);
  page->body = g_strdup (body);
  g_free (page->etag);
  page->etag = g_strdup (etag);
  g_mutex_unlock (&server->lock);
}

/* Requests of @path are never answered. */
void
registry_test_server_stall (RegistryTestServer *server,
                            const char         *path)
{
  g_mutex_lock (&server->lock);
  ensure_page (server, path)->stall = TRUE;
  g_mutex_unlock (&server->lock);
}

char *
registry_test_server_if_none_match (RegistryTestServer *server,
                                    const char         *path)
{
  char *match;

  g_mutex_lock (&server->lock);
  match = g_strdup (ensure_page (server, path)->if_none_match);
  g_mutex_unlock (&server->lock);
  return match;
}

guint
registry_test_server_hits (RegistryTestServer *server,
                           const char         *path)
{
  guint hits;

  g_mutex_lock (&server->lock);
  hits = ensure_page (server, path)->hits;
  g_mutex_unlock (&server->lock);
  return hits;
}
