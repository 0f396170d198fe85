/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registry-sources"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sys/stat.h>

#include "cli-test-utils.h"
#include "convene-registry-diff.h"
#include "convene-registry-download.h"
#include "convene-registry-list.h"
#include "convene-registry-loader.h"
#include "convene-registry-refresh.h"
#include "convene-registry-source.h"
#include "convene-registry-store.h"
#include "convene-registry-writer.h"
#include "test-utils.h"

/* Sources, the remembered list, the download, the refresh and the
 * command line, against a SoupServer on 127.0.0.1. The server runs in a
 * thread of its own, so that the blocking forms (and the `convene`
 * binary, which the test waits for) can talk to it.
 */

#define HUGE_SIZE (CONVENE_REGISTRY_MAX_SIZE + 1024 * 1024)
#define CHUNK_SIZE (1024 * 1024)

typedef struct
{
  GMutex lock;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *base;
  /* What /registry serves, with this ETag (protected by lock) */
  char *body;
  char *etag;
  char *if_none_match;
  guint hits;
  GCond ready;
} Server;

typedef struct
{
  Server server;
  char *dir;
  char *v1;
  char *v2;
} Fixture;

static char *zeros;

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/registry"))
    {
      const char *match = soup_message_headers_get_one (request, "If-None-Match");

      g_mutex_lock (&server->lock);
      server->hits++;
      g_free (server->if_none_match);
      server->if_none_match = g_strdup (match);
      if (server->body == NULL)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
        }
      else if (match != NULL && g_strcmp0 (match, server->etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
        }
      else
        {
          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          if (server->etag != NULL)
            soup_message_headers_replace (response, "ETag", server->etag);
          soup_server_message_set_response (msg, "text/markdown", SOUP_MEMORY_COPY,
                                            server->body, strlen (server->body));
        }
      g_mutex_unlock (&server->lock);
    }
  else if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
    }
  else if (g_str_equal (path, "/to-file"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
    }
  else if (g_str_equal (path, "/to-registry"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/registry");
    }
  else if (g_str_equal (path, "/stall"))
    {
      /* Headers never come: only the deadline ends the wait */
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/huge"))
    {
      /* Says its size: refused from the headers */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, zeros,
                                        HUGE_SIZE);
    }
  else if (g_str_equal (path, "/huge-chunked"))
    {
      /* Does not say: refused while it streams */
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{", 1);
      for (guint i = 0; i < HUGE_SIZE / CHUNK_SIZE; i++)
        soup_message_body_append (body, SOUP_MEMORY_STATIC, zeros, CHUNK_SIZE);
      soup_message_body_complete (body);
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static gpointer
server_thread (gpointer user_data)
{
  Server *server = user_data;
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

static void
server_serve (Server     *server,
              const char *body,
              const char *etag)
{
  g_mutex_lock (&server->lock);
  g_free (server->body);
  server->body = g_strdup (body);
  g_free (server->etag);
  server->etag = g_strdup (etag);
  g_mutex_unlock (&server->lock);
}

static char *
server_url (Server     *server,
            const char *path)
{
  return g_strconcat (server->base, path, NULL);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "istio", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The 2017 file with known edits: Networking meets on another day,
 * Config is gone, Security has another lead, Telemetry is new. */
static char *
make_v2 (const char *v1)
{
  g_autoptr(GString) text = g_string_new (v1);
  const char *config = strstr (text->str, "## Config");
  const char *environments = strstr (text->str, "## Environments");

  g_assert_nonnull (config);
  g_assert_nonnull (environments);
  g_string_erase (text, config - text->str, environments - config);
  g_assert_cmpuint (g_string_replace (text, "[Thursdays at 11:00 PT - Biweekly]"
                                      "(https://plus.google.com/hangouts/_/google.com/istio-net)",
                                      "[Wednesdays at 10:00 PT - Biweekly]"
                                      "(https://plus.google.com/hangouts/_/google.com/istio-net)",
                                      0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "&nbsp; | Michael Elder | IBM | n/a\n",
                                      "&nbsp; | Michael Elder | IBM | n/a\n"
                                      "&nbsp; | Kuat Yessenov | Google | "
                                      "[kyessenov](https://github.com/kyessenov)\n", 0), ==, 1);
  g_string_append (text,
                   "\n## Telemetry\n\nMetrics, logs and traces\n\n"
                   "Artifact | Link\n---|---\n"
                   "Forum | [istio-telemetry@]"
                   "(https://groups.google.com/forum/#!forum/istio-telemetry)\n"
                   "\n&nbsp; | Leads | Company | Profile\n---|---|---|---\n"
                   "&nbsp; | Douglas Reid | Google | "
                   "[douglas-reid](https://github.com/douglas-reid)\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  Server *server = &fixture->server;

  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  g_mutex_lock (&server->lock);
  server->thread = g_thread_new ("test server", server_thread, server);
  while (server->base == NULL)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);

  fixture->dir = g_dir_make_tmp ("convene-sources-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->v1 = read_fixture ("WORKING-GROUPS-2017-12-11.md");
  fixture->v2 = make_v2 (fixture->v1);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  Server *server = &fixture->server;

  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_free (server->base);
  g_free (server->body);
  g_free (server->etag);
  g_free (server->if_none_match);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);

  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->v1);
  g_free (fixture->v2);
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static char *
join_changes (GPtrArray *changes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (text, "%s\n", (char *)g_ptr_array_index (changes, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define V1_GROUPS \
  "+ group steering\n+ group api-management\n+ group config\n+ group environments\n" \
  "+ group integrations\n+ group networking\n+ group performance-and-scalability\n" \
  "+ group security\n+ group test-and-release\n"

#define V2_CHANGES \
  "~ networking: meeting Thursday 11:00 → Wednesday 10:00\n" \
  "+ lead security: kyessenov\n" \
  "+ group telemetry\n" \
  "- group config\n"

/* Tests: the pieces */

static void
test_check_due (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) day_less_minute = g_date_time_add_minutes (now, -(24 * 60 - 1));
  g_autoptr(GDateTime) day_ago = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) future = g_date_time_add_hours (now, 5);

  g_assert_true (convene_registry_check_due (NULL, now));
  g_assert_false (convene_registry_check_due (now, now));
  g_assert_false (convene_registry_check_due (hour_ago, now));
  g_assert_false (convene_registry_check_due (day_less_minute, now));
  g_assert_true (convene_registry_check_due (day_ago, now));
  /* A clock set back must not stop the checks */
  g_assert_true (convene_registry_check_due (future, now));
}

static void
test_location (void)
{
  g_autoptr(ConveneRegistrySource) url = NULL;
  g_autoptr(ConveneRegistrySource) same = NULL;
  g_autoptr(ConveneRegistrySource) file = NULL;
  g_autoptr(ConveneRegistrySource) bundled = convene_registry_source_new_bundled ();
  g_autoptr(GError) error = NULL;

  url = convene_registry_source_new_for_location ("https://example.org/WORKING-GROUPS.md", &error);
  g_assert_no_error (error);
  same = convene_registry_source_new_for_location ("https://example.org/WORKING-GROUPS.md", NULL);
  g_assert_cmpint (convene_registry_source_get_kind (url), ==, CONVENE_SOURCE_KIND_URL);
  g_assert_cmpstr (convene_registry_source_get_id (url), ==,
                   convene_registry_source_get_id (same));
  g_assert_true (g_str_has_prefix (convene_registry_source_get_id (url), "working-groups-"));
  g_assert_cmpstr (convene_registry_source_get_upstream (url), ==,
                   "https://example.org/WORKING-GROUPS.md");

  file = convene_registry_source_new_for_location ("/tmp/a registry.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (convene_registry_source_get_kind (file), ==, CONVENE_SOURCE_KIND_FILE);
  g_assert_null (convene_registry_source_get_upstream (file));
  g_assert_true (g_str_has_prefix (convene_registry_source_get_id (file), "a-registry-"));

  g_assert_cmpstr (convene_registry_source_get_upstream (bundled), ==,
                   "https://raw.githubusercontent.com/istio/community/master/WORKING-GROUPS.md");
  g_assert_cmpint (g_date_time_get_year (convene_registry_source_get_content_date (bundled)),
                   ==, 2017);

  g_assert_null (convene_registry_source_new_for_location ("https://me:secret@example.org/r.json",
                                                           &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  /* The password is not repeated back */
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);
  g_assert_null (convene_registry_source_new_for_location ("ftp://example.org/r.json", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_list_persisted (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRegistryList) again = convene_registry_list_new (fixture->dir);
  g_autoptr(GDateTime) fetched = g_date_time_new_utc (2026, 11, 30, 8, 15, 0);
  g_autoptr(GError) error = NULL;
  ConveneRegistrySource *url;
  ConveneRegistrySource *file;
  ConveneRegistrySource *found;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  url = convene_registry_list_add (list, "https://example.org/registry.json", &error);
  g_assert_no_error (error);
  file = convene_registry_list_add (list, "/tmp/registry.json", &error);
  g_assert_no_error (error);
  /* The same location twice is one registry */
  g_assert_true (convene_registry_list_add (list, "https://example.org/registry.json", NULL)
                 == url);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  convene_registry_source_set_last_group (url, "networking");
  convene_registry_source_set_fetched (url, fetched);
  convene_registry_source_set_validators (url, "\"v7\"", "Mon, 30 Nov 2026 08:00:00 GMT");
  convene_registry_source_set_last_group (convene_registry_list_get_bundled (list), "security");
  g_assert_true (convene_registry_list_save (list, &error));
  g_assert_no_error (error);

  g_assert_true (convene_registry_list_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  found = convene_registry_list_get_bundled (again);
  g_assert_cmpstr (convene_registry_source_get_last_group (found), ==, "security");
  found = convene_registry_list_lookup (again, convene_registry_source_get_id (url));
  g_assert_nonnull (found);
  g_assert_cmpstr (convene_registry_source_get_location (found), ==,
                   "https://example.org/registry.json");
  g_assert_cmpstr (convene_registry_source_get_last_group (found), ==, "networking");
  g_assert_cmpstr (convene_registry_source_get_etag (found), ==, "\"v7\"");
  g_assert_true (g_date_time_equal (convene_registry_source_get_fetched (found), fetched));
  g_assert_true (g_str_has_prefix (convene_registry_source_get_stored_path (found), fixture->dir));
  found = convene_registry_list_lookup_location (again, "/tmp/registry.json");
  g_assert_nonnull (found);
  g_assert_cmpstr (convene_registry_source_get_id (found), ==,
                   convene_registry_source_get_id (file));
  /* A file is read where it is, never copied */
  g_assert_null (convene_registry_source_get_stored_path (found));
}

static void
test_list_bundled_stays (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRegistryList) again = convene_registry_list_new (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  ConveneRegistrySource *url;

  url = convene_registry_list_add (list, "https://example.org/registry.json", NULL);
  id = g_strdup (convene_registry_source_get_id (url));
  stored = g_strdup (convene_registry_source_get_stored_path (url));
  g_assert_true (convene_registry_list_write_stored (list, url, "{}", 2, &error));
  g_assert_true (g_file_test (stored, G_FILE_TEST_EXISTS));

  g_assert_false (convene_registry_list_remove (list, "bundled", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_assert_true (convene_registry_list_remove (list, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));
  g_assert_true (convene_registry_list_save (list, NULL));

  g_assert_true (convene_registry_list_load (again, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (convene_registry_source_get_id (convene_registry_list_get_bundled (again)),
                   ==, "bundled");
}

static char *
json_without_source (ConveneRegistry *registry)
{
  g_autofree char *json = convene_registry_to_json (registry);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);

  g_assert_nonnull (root);
  json_object_remove_member (json_node_get_object (root), "source");
  return json_to_string (root, TRUE);
}

/* The seed file, as upstream serves it, gives the bundled registry: same
 * groups, same links (relative ones to the repository's pages). */
static void
test_import_upstream (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new (fixture->v1, strlen (fixture->v1));
  g_autoptr(ConveneRegistrySource) bundled = convene_registry_source_new_bundled ();
  g_autoptr(ConveneRegistry) seed = convene_registry_load_source (bundled, NULL, NULL);
  g_autoptr(ConveneRegistry) imported = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *seed_json = NULL;
  g_autofree char *imported_json = NULL;
  const char *format = NULL;

  imported = convene_registry_import_bytes (bytes, CONVENE_BUNDLED_UPSTREAM, &format, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (format, ==, CONVENE_FORMAT_ISTIO_MARKDOWN);
  g_assert_nonnull (seed);
  changes = convene_registry_diff (seed, imported);
  lines = join_changes (changes);
  g_assert_cmpstr (lines, ==, "");

  /* Everything else too, the intro's relative links included */
  seed_json = json_without_source (seed);
  imported_json = json_without_source (imported);
  g_assert_cmpstr (imported_json, ==, seed_json);
}

static void
test_detect (void)
{
  g_autoptr(GBytes) json = g_bytes_new_static ("\xef\xbb\xbf  {\"format_version\": 1}", 25);
  g_autoptr(GBytes) markdown = g_bytes_new_static ("Intro\n\n## Networking\n", 21);
  g_autoptr(GBytes) other = g_bytes_new_static ("just words", 10);

  g_assert_cmpstr (convene_registry_detect_format (json), ==, CONVENE_FORMAT_JSON);
  g_assert_cmpstr (convene_registry_detect_format (markdown), ==, CONVENE_FORMAT_ISTIO_MARKDOWN);
  g_assert_null (convene_registry_detect_format (other));
}

static ConveneRegistry *
registry_from_json (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  ConveneRegistry *registry = convene_registry_load_from_bytes (bytes, "test.json", NULL, &error);

  g_assert_no_error (error);
  return registry;
}

static void
test_diff (void)
{
  g_autoptr(ConveneRegistry) before = registry_from_json (
    "{ \"format_version\": 1, \"community\": { \"name\": \"Istio\" },"
    "  \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"github\": \"alogin\" },"
    "               { \"id\": \"b\", \"name\": \"B\" } ],"
    "  \"groups\": ["
    "    { \"id\": \"net\", \"name\": \"Networking\", \"topics\": [ \"Pilot\", \"Envoy\" ],"
    "      \"artifacts\": [ { \"kind\": \"forum\", \"label\": \"F\","
    "                       \"url\": \"https://example.org/notes/1\" } ],"
    "      \"leads\": [ { \"person\": \"a\", \"role\": \"lead\" } ] },"
    "    { \"id\": \"perf\", \"name\": \"Performance\" } ] }");
  g_autoptr(ConveneRegistry) after = registry_from_json (
    "{ \"format_version\": 1, \"community\": { \"name\": \"Istio\" },"
    "  \"people\": [ { \"id\": \"a\", \"name\": \"A\", \"github\": \"alogin\" },"
    "               { \"id\": \"b\", \"name\": \"B\" } ],"
    "  \"groups\": ["
    "    { \"id\": \"net\", \"name\": \"Network\", \"topics\": [ \"Envoy\", \"Gateways\" ],"
    "      \"artifacts\": [ { \"kind\": \"forum\", \"label\": \"F\","
    "                       \"url\": \"https://example.org/notes/2\" } ],"
    "      \"leads\": [ { \"person\": \"b\", \"role\": \"lead\" } ] },"
    "    { \"id\": \"performance\", \"name\": \"Performance\" } ] }");
  g_autoptr(GPtrArray) changes = convene_registry_diff (before, after);
  g_autoptr(GPtrArray) none = convene_registry_diff (after, after);
  g_autofree char *lines = join_changes (changes);

  g_assert_cmpstr (lines, ==,
                   "~ group net: name Networking → Network\n"
                   "- lead net: alogin\n"
                   "+ lead net: b\n"
                   "- link net: https://example.org/notes/1\n"
                   "+ link net: https://example.org/notes/2\n"
                   "- topic net: Pilot\n"
                   "+ topic net: Gateways\n"
                   "~ group perf → performance\n");
  g_assert_cmpuint (none->len, ==, 0);
}

/* Tests: refreshing */

static ConveneRegistrySource *
add_served (Fixture             *fixture,
            ConveneRegistryList *list)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  ConveneRegistrySource *source = convene_registry_list_add (list, url, NULL);

  g_assert_nonnull (source);
  return source;
}

static void
test_refresh_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRegistryList) again = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) first = NULL;
  g_autoptr(ConveneRefreshResult) second = NULL;
  g_autoptr(ConveneRegistry) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  ConveneRegistrySource *source = add_served (fixture, list);

  server_serve (&fixture->server, fixture->v1, "\"one\"");
  first = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (first->unchanged);
  lines = join_changes (first->changes);
  g_assert_cmpstr (lines, ==, V1_GROUPS);
  g_assert_true (convene_registry_source_has_stored_copy (source));
  g_assert_cmpstr (convene_registry_source_get_format (source), ==, CONVENE_FORMAT_ISTIO_MARKDOWN);
  g_assert_cmpstr (convene_registry_source_get_etag (source), ==, "\"one\"");
  g_assert_nonnull (convene_registry_source_get_fetched (source));

  server_serve (&fixture->server, fixture->v2, "\"two\"");
  second = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&lines, g_free);
  lines = join_changes (second->changes);
  g_assert_cmpstr (lines, ==, V2_CHANGES);
  g_assert_nonnull (convene_registry_lookup_group (second->registry, "telemetry"));

  /* The stored copy is the new registry, and what was learnt is saved */
  stored = convene_registry_load_source (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (convene_registry_lookup_group (stored, "telemetry"));
  g_assert_null (convene_registry_lookup_group (stored, "config"));
  g_assert_true (convene_registry_list_load (again, NULL));
  g_assert_cmpstr (convene_registry_source_get_etag (
                     convene_registry_list_lookup (again, convene_registry_source_get_id (source))),
                   ==, "\"two\"");
}

static void
test_refresh_not_modified (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) first = NULL;
  g_autoptr(ConveneRefreshResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ConveneRegistrySource *source = add_served (fixture, list);

  server_serve (&fixture->server, fixture->v1, "\"one\"");
  first = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fixture->server.if_none_match);
  before = read_file (convene_registry_source_get_stored_path (source));

  second = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (second->unchanged);
  g_assert_null (second->registry);
  g_assert_cmpuint (second->changes->len, ==, 0);
  g_assert_cmpstr (fixture->server.if_none_match, ==, "\"one\"");
  after = read_file (convene_registry_source_get_stored_path (source));
  g_assert_cmpstr (before, ==, after);
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_refresh_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) refreshed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  ConveneRegistrySource *source = add_served (fixture, list);

  server_serve (&fixture->server, fixture->v1, "\"one\"");

  /* Cancelled: nothing stored, nothing learnt */
  convene_registry_refresh_async (list, source, NULL, cancellable, async_cb, &cancelled_result);
  g_cancellable_cancel (cancellable);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (convene_registry_refresh_finish (cancelled_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (convene_registry_source_has_stored_copy (source));
  g_assert_null (convene_registry_source_get_fetched (source));

  convene_registry_refresh_async (list, source, NULL, NULL, async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  refreshed = convene_registry_refresh_finish (result, &error);
  g_assert_no_error (error);
  lines = join_changes (refreshed->changes);
  g_assert_cmpstr (lines, ==, V1_GROUPS);
  g_assert_true (convene_registry_source_has_stored_copy (source));
  g_assert_cmpstr (convene_registry_source_get_etag (source), ==, "\"one\"");
}

/* A refresh that fails for @path leaves the stored copy of v1 alone. */
static void
assert_refresh_fails (Fixture    *fixture,
                      const char *path,
                      const char *body,
                      GQuark      domain,
                      int         code)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) first = NULL;
  g_autoptr(ConveneRefreshResult) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ConveneRegistrySource *source = add_served (fixture, list);

  server_serve (&fixture->server, fixture->v1, "\"one\"");
  first = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  before = read_file (convene_registry_source_get_stored_path (source));

  server_serve (&fixture->server, body, "\"two\"");
  if (path != NULL)
    {
      /* The same source, its upstream elsewhere: as if it moved */
      g_autofree char *url = server_url (&fixture->server, path);
      g_autoptr(ConveneRegistrySource) moved = convene_registry_source_new_for_location (url, NULL);

      convene_registry_source_set_stored_path (moved,
                                               convene_registry_source_get_stored_path (source));
      failed = convene_registry_refresh_sync (list, moved, NULL, NULL, &error);
    }
  else
    {
      failed = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
    }
  g_assert_null (failed);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);

  after = read_file (convene_registry_source_get_stored_path (source));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (convene_registry_source_get_etag (source), ==, "\"one\"");
}

static void
test_refresh_broken (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_refresh_fails (fixture, NULL, "{ \"format_version\": 1, \"groups\": [",
                        CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID);
}

static void
test_refresh_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) first = NULL;
  g_autoptr(ConveneRefreshResult) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ConveneRegistrySource *source;

  /* A port that was free a moment ago and has no listener */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/registry",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  source = convene_registry_list_add (list, url, NULL);
  convene_registry_list_write_stored (list, source, "{\"format_version\": 1}", 21, &error);
  g_assert_no_error (error);
  before = read_file (convene_registry_source_get_stored_path (source));

  failed = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_nonnull (strstr (error->message, url));
  after = read_file (convene_registry_source_get_stored_path (source));
  g_assert_cmpstr (before, ==, after);
  g_assert_null (convene_registry_source_get_fetched (source));
}

static void
test_refresh_redirects (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_refresh_fails (fixture, "/loop", fixture->v2, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
}

static void
test_refresh_redirect_to_file (Fixture       *fixture,
                               gconstpointer  data)
{
  assert_refresh_fails (fixture, "/to-file", fixture->v2, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_refresh_too_large (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = server_url (&fixture->server, "/huge-chunked");
  ConveneRegistrySource *source = convene_registry_list_add (list, url, NULL);

  result = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_false (convene_registry_source_has_stored_copy (source));
  g_assert_false (g_file_test (convene_registry_source_get_stored_path (source),
                               G_FILE_TEST_EXISTS));
  g_assert_null (convene_registry_source_get_fetched (source));
}

static void
test_download_limits (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *huge = server_url (&fixture->server, "/huge");
  g_autofree char *redirected = server_url (&fixture->server, "/to-registry");
  g_autofree char *with_user = g_strdup_printf ("http://user:pw@%s/registry",
                                                fixture->server.base + strlen ("http://"));
  g_autoptr(ConveneDownload) download = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused from its Content-Length */
  download = convene_download_sync (NULL, huge, NULL, NULL, CONVENE_REGISTRY_MAX_SIZE, 0, NULL,
                                    &error);
  g_assert_null (download);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  download = convene_download_sync (NULL, with_user, NULL, NULL, 1024, 0, NULL, &error);
  g_assert_null (download);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* A redirect to a good place is followed; the final URL is known */
  server_serve (&fixture->server, fixture->v1, NULL);
  download = convene_download_sync (NULL, redirected, NULL, NULL, 1024 * 1024, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (download->unchanged);
  g_assert_true (g_str_has_suffix (download->url, "/registry"));
  g_assert_cmpuint (g_bytes_get_size (download->bytes), ==, strlen (fixture->v1));
  g_clear_pointer (&download, convene_download_free);

  /* Over a small limit while streaming */
  download = convene_download_sync (NULL, redirected, NULL, NULL, 1000, 0, NULL, &error);
  g_assert_null (download);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

static void
test_download_deadline (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *stall = server_url (&fixture->server, "/stall");
  g_autoptr(ConveneDownload) download = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  download = convene_download_sync (NULL, stall, NULL, NULL, 1024, 1, NULL, &error);
  g_assert_null (download);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "took longer than 1 second"));
  /* It ended because of the deadline, not after some other timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_store_load_source (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRegistryStore) store = convene_registry_store_new (RESOURCE_BASE
                                                                      "/registry/istio.json");
  g_autoptr(ConveneRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ConveneRegistrySource *source = add_served (fixture, list);

  /* Never downloaded: says so, in plain words */
  convene_registry_store_load_source (store, source);
  g_assert_null (convene_registry_store_get_registry (store));
  g_assert_error ((GError *)convene_registry_store_get_error (store), G_IO_ERROR,
                  G_IO_ERROR_NOT_FOUND);
  g_assert_true (convene_registry_store_get_source (store) == source);

  server_serve (&fixture->server, fixture->v2, "\"two\"");
  result = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);

  convene_registry_store_load_source (store, source);
  while (convene_registry_store_get_loading (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error ((GError *)convene_registry_store_get_error (store));
  g_assert_nonnull (convene_registry_store_get_registry (store));
  g_assert_nonnull (convene_registry_lookup_group (convene_registry_store_get_registry (store),
                                                   "telemetry"));
  g_assert_true (convene_registry_store_get_source (store) == source);
  g_assert_true (convene_registry_store_get_fetched (store) ==
                 convene_registry_source_get_fetched (source));
  g_assert_nonnull (convene_registry_store_get_date (store));

  /* The bundled source, never refreshed, is the bundled registry of 2017 */
  convene_registry_store_load_source (store, convene_registry_list_get_bundled (list));
  g_assert_nonnull (convene_registry_store_get_registry (store));
  g_assert_cmpint (g_date_time_get_year (convene_registry_store_get_date (store)), ==, 2017);
}

/* A WORKING-GROUPS.md opened as a file: imported by the store's import
 * function in the loading thread; without one, the JSON loader's error */
static void
test_store_import_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ConveneRegistryStore) store = convene_registry_store_new (RESOURCE_BASE
                                                                      "/registry/istio.json");
  g_autofree char *path = g_build_filename (fixture->dir, "WORKING-GROUPS.md", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, fixture->v1, -1, &error);
  g_assert_no_error (error);

  convene_registry_store_load (store, path);
  while (convene_registry_store_get_loading (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (convene_registry_store_get_registry (store));
  g_assert_nonnull (convene_registry_store_get_error (store));

  convene_registry_store_set_import_func (store, convene_registry_import_for_store);
  convene_registry_store_load (store, path);
  while (convene_registry_store_get_loading (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error ((GError *)convene_registry_store_get_error (store));
  g_assert_nonnull (convene_registry_store_get_registry (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (convene_registry_store_get_registry (store))),
                    ==, 9);
  g_assert_nonnull (convene_registry_lookup_group (convene_registry_store_get_registry (store),
                                                   "networking"));
  g_assert_cmpstr (convene_registry_store_get_path (store), ==, path);

  /* A Convene JSON file still goes the JSON way, through the cache */
  convene_registry_store_load (store, NULL);
  while (convene_registry_store_get_loading (store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (convene_registry_store_get_registry (store));
}

/* A FIFO nobody writes to: the load times out in plain words, and can
 * be cancelled before that, the registry shown before staying. */
static void
test_store_fifo (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ConveneRegistryStore) store = convene_registry_store_new (RESOURCE_BASE
                                                                      "/registry/istio.json");
  g_autoptr(ConveneRegistrySource) source = NULL;
  g_autofree char *fifo = g_build_filename (fixture->dir, "registry.json", NULL);
  const GError *error;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  source = convene_registry_source_new_for_location (fifo, NULL);
  convene_registry_store_load (store, NULL);
  g_assert_nonnull (convene_registry_store_get_registry (store));

  convene_registry_store_load_source (store, source);
  g_assert_true (convene_registry_store_get_loading (store));
  g_assert_true (convene_registry_store_cancel (store));
  g_assert_false (convene_registry_store_get_loading (store));
  g_assert_nonnull (convene_registry_store_get_registry (store));
  g_assert_null (convene_registry_store_get_source (store));

  convene_registry_store_load_source (store, source);
  while (convene_registry_store_get_loading (store))
    g_main_context_iteration (NULL, TRUE);
  error = convene_registry_store_get_error (store);
  g_assert_error ((GError *)error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "Timed out"));
  g_assert_true (convene_registry_store_get_source (store) == source);
}

/* Tests: the command line */

static void
run_cli (Fixture *fixture,
         CliRun  *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  g_subprocess_launcher_setenv (launcher, "CONVENE_DATA_DIR", fixture->dir, TRUE);
  va_start (args, run);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static void
test_cli_refresh (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autofree char *stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ConveneRegistrySource *source;

  server_serve (&fixture->server, fixture->v1, "\"one\"");
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--refresh", "--registry", url, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, V1_GROUPS);
  }

  server_serve (&fixture->server, fixture->v2, "\"two\"");
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, V2_CHANGES);
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "unchanged\n");
    g_assert_cmpstr (fixture->server.if_none_match, ==, "\"two\"");
  }

  g_assert_true (convene_registry_list_load (list, NULL));
  source = convene_registry_list_lookup_location (list, url);
  g_assert_nonnull (source);
  stored = g_strdup (convene_registry_source_get_stored_path (source));
  before = read_file (stored);
  g_assert_nonnull (before);

  /* Broken: the reason, exit 1, the stored copy untouched */
  server_serve (&fixture->server, "{ \"format_version\": 1, \"groups\": [", "\"three\"");
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, url));
  }
  after = read_file (stored);
  g_assert_cmpstr (before, ==, after);

  /* Gone from the server: --list works from the stored copy */
  server_serve (&fixture->server, NULL, NULL);
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--list", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "telemetry\tTelemetry\t1\t1\n"));
    g_assert_null (strstr (run.out, "config\t"));
  }

  {
    g_auto(CliRun) run = { 0 };
    g_autofree char *line = NULL;

    run_cli (fixture, &run, "--registries", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "bundled\thttps://raw.githubusercontent.com/istio/"
                                     "community/master/WORKING-GROUPS.md\t2017-12-11\t-\n"));
    line = g_strdup_printf ("\n%s\t%s\t", convene_registry_source_get_id (source), url);
    g_assert_nonnull (strstr (run.out, line));
  }
}

static void
run_with (CliRun              *run,
          GSubprocessLauncher *launcher,
          ...)
{
  va_list args;

  va_start (args, launcher);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

/* convene --refresh without --registry: the bundled registry from its
 * upstream, compared with the seed; then every tool uses the new copy. */
static void
test_cli_refresh_bundled (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  g_auto(CliRun) refresh = { 0 };
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) registries = { 0 };
  g_auto(CliRun) broken = { 0 };
  g_autofree char *stored = g_build_filename (fixture->dir, "bundled.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *prefix = "bundled\t";

  g_subprocess_launcher_setenv (launcher, "CONVENE_DATA_DIR", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "CONVENE_BUNDLED_UPSTREAM", url, TRUE);

  server_serve (&fixture->server, fixture->v2, "\"two\"");
  run_with (&refresh, launcher, "--refresh", NULL);
  g_assert_cmpstr (refresh.err, ==, "");
  g_assert_cmpint (refresh.status, ==, 0);
  g_assert_cmpstr (refresh.out, ==, V2_CHANGES);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));

  run_with (&list, launcher, "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "\ntelemetry\tTelemetry\t"));

  run_with (&registries, launcher, "--registries", NULL);
  g_assert_true (g_str_has_prefix (registries.out, prefix));
  /* Fetched now, no longer "-" */
  g_assert_null (strstr (registries.out, "\t-\n"));

  before = read_file (stored);
  server_serve (&fixture->server, "{ \"format_version\": 1, \"groups\": [", "\"three\"");
  run_with (&broken, launcher, "--refresh", NULL);
  g_assert_cmpint (broken.status, ==, 1);
  after = read_file (stored);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cli_list_url (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  g_autofree char *refused = server_url (&fixture->server, "/loop");
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) loop = { 0 };

  /* The first time, downloaded */
  server_serve (&fixture->server, fixture->v2, NULL);
  run_cli (fixture, &run, "--list", "--registry", url, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "steering\tSteering\t6\t3\n"));
  g_assert_cmpuint (fixture->server.hits, ==, 1);

  run_cli (fixture, &loop, "--upcoming", "--registry", refused, NULL);
  g_assert_cmpint (loop.status, ==, 1);
  g_assert_nonnull (strstr (loop.err, "redirects more than 5 times"));
}

static void
test_cli_validate_url (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  g_autofree char *location = g_strconcat (url, ":1:", NULL);
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);

  server_serve (&fixture->server, fixture->v1, NULL);
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--validate", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "OK: 9 groups, 22 people\n");
  }

  /* Errors located against the URL */
  server_serve (&fixture->server, "{ \"format_version\": 1, \"groups\": 7 }", NULL);
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "--validate", url, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, location));
  }

  /* Nothing remembered, nothing stored */
  g_assert_true (convene_registry_list_load (list, NULL));
  g_assert_null (convene_registry_list_lookup_location (list, url));
}

/* --import URL downloads with the registry limits, stores nothing */
static void
test_cli_import_url (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *url = server_url (&fixture->server, "/registry");
  g_autofree char *refused = server_url (&fixture->server, "/loop");
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) loop = { 0 };
  g_auto(CliRun) credentials = { 0 };
  g_autofree char *with_user = NULL;

  server_serve (&fixture->server, fixture->v1, NULL);
  run_cli (fixture, &run, "--import", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"format_version\": 2"));
  g_assert_nonnull (strstr (run.out, "\"id\": \"steering\""));
  g_assert_nonnull (strstr (run.out, "\"id\": \"networking\""));
  g_assert_cmpuint (fixture->server.hits, ==, 1);

  run_cli (fixture, &loop, "--import", refused, NULL);
  g_assert_cmpint (loop.status, ==, 1);
  g_assert_nonnull (strstr (loop.err, "redirects more than 5 times"));

  with_user = g_strdup_printf ("http://user:secret@%s", url + strlen ("http://"));
  run_cli (fixture, &credentials, "--import", with_user, NULL);
  g_assert_cmpint (credentials.status, ==, 1);
  g_assert_null (strstr (credentials.err, "secret"));

  /* Nothing remembered */
  g_assert_true (convene_registry_list_load (list, NULL));
  g_assert_null (convene_registry_list_lookup_location (list, url));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("CONVENE_READ_TIMEOUT_MS", "300", TRUE);
  g_test_init (&argc, &argv, NULL);

  zeros = g_malloc0 (HUGE_SIZE);

#define ADD(path, func) \
  g_test_add ("/registry-sources/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/registry-sources/check-due", test_check_due);
  g_test_add_func ("/registry-sources/location", test_location);
  g_test_add_func ("/registry-sources/detect", test_detect);
  g_test_add_func ("/registry-sources/diff", test_diff);
  ADD ("import-upstream", test_import_upstream);
  ADD ("cli/import-url", test_cli_import_url);
  ADD ("store/import-file", test_store_import_file);
  ADD ("list/persisted", test_list_persisted);
  ADD ("list/bundled-stays", test_list_bundled_stays);
  ADD ("refresh/changed", test_refresh_changed);
  ADD ("refresh/not-modified", test_refresh_not_modified);
  ADD ("refresh/async", test_refresh_async);
  ADD ("refresh/broken", test_refresh_broken);
  ADD ("refresh/refused", test_refresh_refused);
  ADD ("refresh/redirect-loop", test_refresh_redirects);
  ADD ("refresh/redirect-to-file", test_refresh_redirect_to_file);
  ADD ("refresh/too-large", test_refresh_too_large);
  ADD ("download/limits", test_download_limits);
  ADD ("download/deadline", test_download_deadline);
  ADD ("store/load-source", test_store_load_source);
  ADD ("store/fifo", test_store_fifo);
  ADD ("cli/refresh", test_cli_refresh);
  ADD ("cli/refresh-bundled", test_cli_refresh_bundled);
  ADD ("cli/list-url", test_cli_list_url);
  ADD ("cli/validate-url", test_cli_validate_url);

  return g_test_run ();
}
