/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registry-feeds"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-test-utils.h"
#include "convene-meeting.h"
#include "convene-registry-feeds.h"
#include "convene-registry-list.h"
#include "convene-registry-refresh.h"
#include "convene-registry-store.h"
#include "registry-test-server.h"
#include "test-utils.h"

/* A registry naming calendar feeds, served by a SoupServer on 127.0.0.1
 * in a thread of its own: the refresh stores the feeds beside the
 * registry, and every later load (the command line offline, the
 * window's store) follows their cancellations and moved occurrences.
 */

/* Networking meets on Tuesdays at 10:00 Berlin time; the whole community
 * on Wednesdays at 09:00 Los Angeles time. */
#define REGISTRY_JSON \
  "{\"format_version\": 2,\n" \
  " \"community\": {\"name\": \"Feeds\",\n" \
  "   \"calendar_feeds\": [\"%s/community.ics\"],\n" \
  "   \"meetings\": [{\"text\": \"Wednesdays at 09:00 PT\", \"weekday\": \"wednesday\",\n" \
  "     \"start\": \"09:00\", \"end\": \"10:00\", \"timezone\": \"America/Los_Angeles\",\n" \
  "     \"interval_weeks\": 1}]},\n" \
  " \"people\": [],\n" \
  " \"groups\": [\n" \
  "  {\"id\": \"networking\", \"name\": \"Networking\",\n" \
  "   \"calendar_feeds\": [\"%s/networking.ics\"],\n" \
  "   \"meetings\": [{\"text\": \"Tuesdays at 10:00 CET\", \"weekday\": \"tuesday\",\n" \
  "     \"start\": \"10:00\", \"end\": \"11:00\", \"timezone\": \"Europe/Berlin\",\n" \
  "     \"interval_weeks\": 1}]},\n" \
  "  {\"id\": \"everyone\", \"name\": \"Everyone\"}]}\n"

/* 8 December cancelled; 15 December moved to 15:00 */
static const char *networking_ics =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\nUID:net@test\r\nSUMMARY:Networking\r\n"
  "DTSTART;TZID=Europe/Berlin:20261103T100000\r\n"
  "DTEND;TZID=Europe/Berlin:20261103T110000\r\n"
  "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
  "EXDATE;TZID=Europe/Berlin:20261208T100000\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:net@test\r\nSUMMARY:Networking\r\n"
  "RECURRENCE-ID;TZID=Europe/Berlin:20261215T100000\r\n"
  "DTSTART;TZID=Europe/Berlin:20261215T150000\r\n"
  "DTEND;TZID=Europe/Berlin:20261215T160000\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* 9 December cancelled by STATUS:CANCELLED */
static const char *community_ics =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\nUID:all@test\r\nSUMMARY:Community\r\n"
  "DTSTART;TZID=America/Los_Angeles:20261104T090000\r\n"
  "DTEND;TZID=America/Los_Angeles:20261104T100000\r\n"
  "RRULE:FREQ=WEEKLY;BYDAY=WE\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:all@test\r\nSUMMARY:Community\r\n"
  "RECURRENCE-ID;TZID=America/Los_Angeles:20261209T090000\r\n"
  "DTSTART;TZID=America/Los_Angeles:20261209T090000\r\n"
  "STATUS:CANCELLED\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

typedef struct
{
  RegistryTestServer *server;   /* answers in a thread of its own */
  char *base;
  char *dir;
} Fixture;

static const char * const feed_paths[] = { "/networking.ics", "/community.ics" };

static void
serve_feeds (Fixture  *fixture,
             gboolean  gone)
{
  registry_test_server_serve (fixture->server, feed_paths[0], gone ? NULL : networking_ics,
                              NULL);
  registry_test_server_serve (fixture->server, feed_paths[1], gone ? NULL : community_ics,
                              NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *registry = NULL;

  fixture->server = registry_test_server_start ();
  fixture->base = registry_test_server_url (fixture->server, "");
  registry = g_strdup_printf (REGISTRY_JSON, fixture->base, fixture->base);
  registry_test_server_serve (fixture->server, "/registry", registry, NULL);
  serve_feeds (fixture, FALSE);

  fixture->dir = g_dir_make_tmp ("convene-feeds-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  registry_test_server_stop (fixture->server);
  g_free (fixture->base);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
run_cli (Fixture *fixture,
         CliRun  *run,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  g_subprocess_launcher_setenv (launcher, "CONVENE_DATA_DIR", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  va_start (args, run);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static guint
hits (Fixture *fixture)
{
  return registry_test_server_hits (fixture->server, "/registry") +
         registry_test_server_hits (fixture->server, feed_paths[0]) +
         registry_test_server_hits (fixture->server, feed_paths[1]);
}

/* The line of --upcoming for @group */
static char *
upcoming_line (const char *out,
               const char *group)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (group, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

        return g_strdup (fields[1]);
      }
  return NULL;
}

static void
assert_upcoming (Fixture    *fixture,
                 const char *url)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *networking = NULL;
  g_autofree char *everyone = NULL;

  run_cli (fixture, &run, "--upcoming", "--registry", url, "--now", "2026-12-07T12:00:00Z",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* Not 8 December 09:00 UTC (cancelled), but the moved 15 December */
  networking = upcoming_line (run.out, "networking");
  g_assert_cmpstr (networking, ==, "2026-12-15T14:00:00+00:00");
  /* The community's feed cancels 9 December for those who attend it */
  everyone = upcoming_line (run.out, "everyone");
  g_assert_cmpstr (everyone, ==, "2026-12-16T17:00:00+00:00");
}

static void
test_cli_feeds (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "/registry", NULL);
  g_auto(CliRun) refresh = { 0 };
  g_auto(CliRun) failed = { 0 };
  g_auto(CliRun) ics = { 0 };
  guint before;

  run_cli (fixture, &refresh, "--refresh", "--registry", url, NULL);
  g_assert_cmpstr (refresh.err, ==, "");
  g_assert_cmpint (refresh.status, ==, 0);
  assert_upcoming (fixture, url);

  /* Offline: the stored copies only, the server is not asked */
  before = hits (fixture);
  assert_upcoming (fixture, url);
  g_assert_cmpuint (hits (fixture), ==, before);

  /* The export follows the feed too */
  run_cli (fixture, &ics, "--ics", "networking", "--registry", url, NULL);
  g_assert_cmpint (ics.status, ==, 0);
  g_assert_nonnull (strstr (ics.out, "EXDATE"));
  g_assert_nonnull (strstr (ics.out, "RECURRENCE-ID"));

  /* Feeds that fail keep their previous copies, and say so */
  serve_feeds (fixture, TRUE);
  run_cli (fixture, &failed, "--refresh", "--registry", url, NULL);
  g_assert_cmpint (failed.status, ==, 0);
  g_assert_nonnull (strstr (failed.err, "/networking.ics"));
  g_assert_nonnull (strstr (failed.err, "previous copy"));
  assert_upcoming (fixture, url);
}

static void
loaded_cb (ConveneRegistryStore *store,
           gpointer              user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* The window's store, through its cache and again from it */
static void
test_store_feeds (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "/registry", NULL);
  g_autofree char *cache = g_build_filename (fixture->dir, "cache", NULL);
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ConveneRegistrySource *source;

  source = convene_registry_list_add (list, url, &error);
  g_assert_no_error (error);
  result = convene_registry_refresh_sync (list, source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->feed_warnings->len, ==, 0);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(ConveneRegistryStore) store = convene_registry_store_new ("/nonexistent");
      g_autoptr(ConveneMeeting) meeting = NULL;
      ConveneGroup *group;
      gboolean loaded = FALSE;

      g_object_set (store, "cache-dir", cache, NULL);
      convene_registry_store_set_attach_func (store, convene_registry_attach_feeds);
      g_signal_connect (store, "loaded", G_CALLBACK (loaded_cb), &loaded);
      convene_registry_store_load_source (store, source);
      while (!loaded)
        g_main_context_iteration (NULL, TRUE);

      g_assert_no_error ((GError *)convene_registry_store_get_error (store));
      g_assert_cmpint (convene_registry_store_get_from_cache (store), ==, round == 1);
      group = convene_registry_lookup_group (convene_registry_store_get_registry (store),
                                             "networking");
      g_assert_nonnull (group);
      meeting = g_list_model_get_item (convene_group_get_meetings (group), 0);
      g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_meetings (group)), ==, 1);
      g_assert_cmpuint (convene_meeting_get_n_exceptions (meeting), ==, 1);
      g_assert_cmpuint (convene_meeting_get_n_moves (meeting), ==, 1);
    }
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* The window's refresh: the feeds are downloaded in the worker thread */
static void
test_async_feeds (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "/registry", NULL);
  g_autoptr(ConveneRegistryList) list = convene_registry_list_new (fixture->dir);
  g_autoptr(ConveneRefreshResult) result = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneMeeting) meeting = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *stored = NULL;
  ConveneRegistrySource *source;
  ConveneGroup *group;

  source = convene_registry_list_add (list, url, &error);
  g_assert_no_error (error);
  convene_registry_refresh_async (list, source, NULL, NULL, refreshed_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = convene_registry_refresh_finish (async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->feed_warnings->len, ==, 0);

  feed = g_strconcat (fixture->base, "/networking.ics", NULL);
  stored = convene_registry_feed_path (source, feed);
  g_assert_true (g_file_test (stored, G_FILE_TEST_EXISTS));
  group = convene_registry_lookup_group (result->registry, "networking");
  meeting = g_list_model_get_item (convene_group_get_meetings (group), 0);
  g_assert_cmpuint (convene_meeting_get_n_exceptions (meeting), ==, 1);
  g_assert_cmpuint (convene_meeting_get_n_moves (meeting), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/registry-feeds/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("cli", test_cli_feeds);
  ADD ("store", test_store_feeds);
  ADD ("async", test_async_feeds);
#undef ADD

  return g_test_run ();
}
