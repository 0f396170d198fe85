/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cli-test-utils.h"
#include "convene-my-week.h"
#include "convene-registry-list.h"
#include "convene-stars.h"
#include "test-utils.h"

/* Two communities with a group of the same id, meeting at overlapping
 * times in different zones: Alpha's Networking Wednesdays 18:00–19:00
 * Berlin (16:00 UTC in August), Beta's Networking Wednesdays 09:30 Los
 * Angeles (16:30 UTC), Beta's Docs Tuesdays 10:00 UTC; Alpha's Security
 * meets too, but is not starred.
 */
#define ALPHA \
  "{ \"format_version\": 1, \"community\": { \"name\": \"Alpha\" }, \"groups\": [" \
  " { \"id\": \"networking\", \"name\": \"%s\", \"meetings\": [ { \"text\": \"Wednesdays\"," \
  "   \"url\": \"https://meet.example.org/alpha-net\", \"weekday\": \"wednesday\"," \
  "   \"start\": \"18:00\", \"end\": \"19:00\", \"timezone\": \"Europe/Berlin\", \"interval_weeks\": 1 } ] }" \
  "%s ] }"
#define ALPHA_SECURITY \
  ", { \"id\": \"security\", \"name\": \"Security\", \"meetings\": [ { \"text\": \"Wednesdays\"," \
  "   \"weekday\": \"wednesday\", \"start\": \"18:00\", \"end\": \"19:00\"," \
  "   \"timezone\": \"Europe/Berlin\", \"interval_weeks\": 1 } ] }"
#define BETA \
  "{ \"format_version\": 1, \"community\": { \"name\": \"Beta\" }, \"groups\": [" \
  " { \"id\": \"networking\", \"name\": \"Beta Networking\", \"meetings\": [ { \"text\": \"W\"," \
  "   \"url\": \"https://meet.example.org/beta-net\", \"weekday\": \"wednesday\"," \
  "   \"start\": \"09:30\", \"end\": \"10:30\", \"timezone\": \"America/Los_Angeles\", \"interval_weeks\": 1 } ] }," \
  " { \"id\": \"docs\", \"name\": \"Docs\", \"meetings\": [ { \"text\": \"Tuesdays\"," \
  "   \"weekday\": \"tuesday\", \"start\": \"10:00\", \"end\": \"11:00\"," \
  "   \"timezone\": \"UTC\", \"interval_weeks\": 1 } ] } ] }"

typedef struct
{
  char *dir;
  char *alpha_path;
  char *beta_path;
  ConveneRegistryList *list;
  char *alpha;
  char *beta;
  char **stars;
} Fixture;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *alpha = g_strdup_printf (ALPHA, "Networking", ALPHA_SECURITY);
  ConveneRegistrySource *source;

  fixture->dir = g_dir_make_tmp ("convene-my-week-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->alpha_path = g_build_filename (fixture->dir, "alpha.json", NULL);
  fixture->beta_path = g_build_filename (fixture->dir, "beta.json", NULL);
  write_file (fixture->alpha_path, alpha);
  write_file (fixture->beta_path, BETA);

  fixture->list = convene_registry_list_new (fixture->dir);
  source = convene_registry_list_add (fixture->list, fixture->alpha_path, &error);
  g_assert_no_error (error);
  fixture->alpha = g_strdup (convene_registry_source_get_id (source));
  source = convene_registry_list_add (fixture->list, fixture->beta_path, &error);
  g_assert_no_error (error);
  fixture->beta = g_strdup (convene_registry_source_get_id (source));
  g_assert_true (convene_registry_list_save (fixture->list, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->alpha, !=, fixture->beta);

  fixture->stars = g_new0 (char *, 4);
  fixture->stars[0] = convene_stars_make_key (fixture->beta, "docs");
  fixture->stars[1] = convene_stars_make_key (fixture->alpha, "networking");
  fixture->stars[2] = convene_stars_make_key (fixture->beta, "networking");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->list);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->alpha_path);
  g_free (fixture->beta_path);
  g_free (fixture->alpha);
  g_free (fixture->beta);
  g_strfreev (fixture->stars);
}

/* "START SOURCE/GROUP state" for each entry, in the order given */
static char *
describe_week (Fixture       *fixture,
               ConveneMyWeek *week)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < week->entries->len; i++)
    {
      ConveneMyWeekEntry *entry = g_ptr_array_index (week->entries, i);
      g_autofree char *start = g_date_time_format (entry->start, "%a %H:%M%:z");
      const char *states[] = { "-", "soon", "live" };

      g_string_append_printf (text, "%s %s/%s %s\n", start, entry->community,
                              convene_group_get_id (entry->group), states[entry->state]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Tests: stars */

static void
test_stars_keys (void)
{
  const char *stars[] = { "a-1/networking", "b-2/docs", NULL };
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) removed = NULL;
  g_auto(GStrv) again = NULL;
  g_auto(GStrv) of_a = NULL;
  g_autofree char *source = NULL;
  g_autofree char *group = NULL;

  g_assert_true (convene_stars_contains (stars, "a-1", "networking"));
  g_assert_false (convene_stars_contains (stars, "b-2", "networking"));
  g_assert_false (convene_stars_contains (NULL, "a-1", "networking"));

  added = convene_stars_with (stars, "b-2", "networking", TRUE);
  g_assert_cmpuint (g_strv_length (added), ==, 3);
  g_assert_cmpstr (added[2], ==, "b-2/networking");
  again = convene_stars_with ((const char * const *) added, "b-2", "networking", TRUE);
  g_assert_cmpuint (g_strv_length (again), ==, 3);
  removed = convene_stars_with (stars, "a-1", "networking", FALSE);
  g_assert_cmpuint (g_strv_length (removed), ==, 1);
  g_assert_cmpstr (removed[0], ==, "b-2/docs");

  of_a = convene_stars_for_source ((const char * const *) added, "b-2");
  g_assert_cmpuint (g_strv_length (of_a), ==, 2);
  g_assert_cmpstr (of_a[0], ==, "docs");
  g_assert_cmpstr (of_a[1], ==, "networking");

  g_assert_true (convene_stars_split_key ("src/group/with/slash", &source, &group));
  g_assert_cmpstr (source, ==, "src");
  g_assert_cmpstr (group, ==, "group/with/slash");
  g_assert_false (convene_stars_split_key ("no-slash", NULL, NULL));
  g_assert_false (convene_stars_split_key ("/group", NULL, NULL));
}

static void
test_stars_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) stars = NULL;

  g_settings_reset (settings, CONVENE_STARS_KEY);
  g_assert_false (convene_stars_get (settings, CONVENE_STARS_KEY, "a", "networking"));
  convene_stars_set (settings, CONVENE_STARS_KEY, "a", "networking", TRUE);
  convene_stars_set (settings, CONVENE_STARS_KEY, "b", "networking", TRUE);
  g_assert_true (convene_stars_get (settings, CONVENE_STARS_KEY, "a", "networking"));
  g_assert_false (convene_stars_get (settings, CONVENE_STARS_MUTED_KEY, "a", "networking"));
  convene_stars_set (settings, CONVENE_STARS_KEY, "a", "networking", FALSE);
  stars = convene_stars_load (settings);
  g_assert_cmpuint (g_strv_length (stars), ==, 1);
  g_assert_cmpstr (stars[0], ==, "b/networking");
  g_settings_reset (settings, CONVENE_STARS_KEY);
}

/* Tests: My Week */

static void
test_week_two_registries (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-24T12:00:00Z", NULL);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(ConveneMyWeek) in_berlin = NULL;
  g_autoptr(ConveneMyWeek) in_tokyo = NULL;
  g_autofree char *berlin_text = NULL;
  g_autofree char *tokyo_text = NULL;

  in_berlin = convene_my_week_collect (fixture->list, (const char * const *) fixture->stars,
                                       now, berlin);
  berlin_text = describe_week (fixture, in_berlin);
  g_assert_cmpstr (berlin_text, ==,
                   "Tue 12:00+02:00 Beta/docs -\n"
                   "Wed 18:00+02:00 Alpha/networking -\n"
                   "Wed 18:30+02:00 Beta/networking -\n");
  g_assert_cmpuint (in_berlin->errors->len, ==, 0);
  g_assert_cmpuint (in_berlin->groups->len, ==, 3);

  /* The same meetings, the days shifted in a zone far east */
  in_tokyo = convene_my_week_collect (fixture->list, (const char * const *) fixture->stars,
                                      now, tokyo);
  tokyo_text = describe_week (fixture, in_tokyo);
  g_assert_cmpstr (tokyo_text, ==,
                   "Tue 19:00+09:00 Beta/docs -\n"
                   "Thu 01:00+09:00 Alpha/networking -\n"
                   "Thu 01:30+09:00 Beta/networking -\n");
}

static void
test_week_states (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-26T16:20:00Z", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autofree char *text = NULL;

  /* Alpha's meeting has run 20 minutes, Beta's starts in 10; Alpha's of
   * next week starts 20 minutes before the week ends, Beta's after.
   */
  week = convene_my_week_collect (fixture->list, (const char * const *) fixture->stars, now, utc);
  text = describe_week (fixture, week);
  g_assert_cmpstr (text, ==,
                   "Wed 16:00+00:00 Alpha/networking live\n"
                   "Wed 16:30+00:00 Beta/networking soon\n"
                   "Tue 10:00+00:00 Beta/docs -\n"
                   "Wed 16:00+00:00 Alpha/networking -\n");
}

static void
test_week_no_stars (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-24T12:00:00Z", NULL);
  g_autoptr(ConveneMyWeek) week = convene_my_week_collect (fixture->list, NULL, now, NULL);

  g_assert_cmpuint (week->entries->len, ==, 0);
  g_assert_cmpuint (week->sources->len, ==, 0);
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ConveneMyWeek **week = user_data;
  g_autoptr(GError) error = NULL;

  *week = convene_my_week_collect_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_week_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-24T12:00:00Z", NULL);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autofree char *text = NULL;

  convene_my_week_collect_async (fixture->list, (const char * const *) fixture->stars, now,
                                 berlin, NULL, collect_cb, &week);
  while (week == NULL)
    g_main_context_iteration (NULL, TRUE);
  text = describe_week (fixture, week);
  g_assert_cmpstr (text, ==,
                   "Tue 12:00+02:00 Beta/docs -\n"
                   "Wed 18:00+02:00 Alpha/networking -\n"
                   "Wed 18:30+02:00 Beta/networking -\n");
}

static guint
count (const char *text,
       const char *what)
{
  guint n = 0;

  for (const char *p = strstr (text, what); p != NULL; p = strstr (p + 1, what))
    n++;
  return n;
}

static void
test_week_ics (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-24T12:00:00Z", NULL);
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;

  week = convene_my_week_collect (fixture->list, (const char * const *) fixture->stars, now, NULL);
  ics = convene_my_week_to_ics (week, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (ics, "BEGIN:VCALENDAR"), ==, 1);
  g_assert_cmpuint (count (ics, "BEGIN:VEVENT"), ==, 3);
  g_assert_cmpuint (count (ics, "TZID:Europe/Berlin\r\n"), ==, 1);
  g_assert_nonnull (strstr (ics, "Beta Networking"));
  g_assert_nonnull (strstr (ics, "RRULE:FREQ=WEEKLY"));
  g_assert_null (strstr (ics, "Security"));
}

/* A star follows the group id: a new display name keeps it, a group
 * that left the registry is reported, not dropped.
 */
static void
test_stars_survive_change (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-08-24T12:00:00Z", NULL);
  g_autofree char *renamed = g_strdup_printf (ALPHA, "Networking and Traffic", "");
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *security = convene_stars_make_key (fixture->alpha, "security");
  g_auto(GStrv) stars = convene_stars_with ((const char * const *) fixture->stars, fixture->alpha,
                                            "security", TRUE);
  ConveneRegistry *alpha;

  write_file (fixture->alpha_path, renamed);
  week = convene_my_week_collect (fixture->list, (const char * const *) stars, now, NULL);
  g_assert_cmpuint (week->entries->len, ==, 3);
  g_assert_cmpuint (week->groups->len, ==, 3);

  alpha = convene_my_week_lookup_registry (week, fixture->alpha);
  g_assert_nonnull (alpha);
  g_assert_cmpstr (convene_group_get_name (convene_registry_lookup_group (alpha, "networking")),
                   ==, "Networking and Traffic");
  missing = convene_stars_missing ((const char * const *) stars, fixture->alpha, alpha);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "- starred group security (gone)");
  g_assert_true (g_strv_contains ((const char * const *) stars, security));
}

/* Tests: the command line, the stars in a key file the program reads */

static void
run_cli (Fixture    *fixture,
         CliRun     *run,
         const char *tz,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autoptr(GString) stars = g_string_new ("[io/github/convene/Convene]\nstarred=[");
  va_list args;

  for (guint i = 0; fixture->stars[i] != NULL; i++)
    g_string_append_printf (stars, "%s'%s'", i > 0 ? ", " : "", fixture->stars[i]);
  g_string_append (stars, "]\n");
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  write_file (keyfile, stars->str);

  g_subprocess_launcher_setenv (launcher, "CONVENE_DATA_DIR", fixture->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", tz, TRUE);
  va_start (args, tz);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

static void
test_cli_upcoming_starred (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_auto(CliRun) run = { 0 };

  run_cli (fixture, &run, "Europe/Berlin", "--upcoming", "--starred",
           "--now", "2026-08-26T16:20:00Z", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf (
    "2026-08-26T18:00:00+02:00\t%s/networking\tAlpha\tNetworking\tlive\t"
    "https://meet.example.org/alpha-net\n"
    "2026-08-26T18:30:00+02:00\t%s/networking\tBeta\tBeta Networking\tsoon\t"
    "https://meet.example.org/beta-net\n"
    "2026-09-01T12:00:00+02:00\t%s/docs\tBeta\tDocs\t-\t-\n"
    "2026-09-02T18:00:00+02:00\t%s/networking\tAlpha\tNetworking\t-\t"
    "https://meet.example.org/alpha-net\n",
    fixture->alpha, fixture->beta, fixture->beta, fixture->alpha);
  g_assert_cmpstr (run.out, ==, expected);

  {
    g_auto(CliRun) alone = { 0 };

    run_cli (fixture, &alone, "UTC", "--starred", NULL);
    g_assert_cmpint (alone.status, ==, 1);
    g_assert_cmpstr (alone.err, ==, "--starred goes with --upcoming\n");
  }
}

/* A minimal upstream for --refresh, in a thread of its own since the
 * test waits for the program.
 */
typedef struct
{
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GMutex lock;
  GCond ready;
  char *base;
  const char *body;
} Server;

static void
server_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, server->body,
                                    strlen (server->body));
}

static gpointer
server_thread (gpointer user_data)
{
  Server *server = user_data;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (server->context);
  soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup, NULL, server_cb, server, NULL);
  soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);

  g_mutex_lock (&server->lock);
  server->base = g_uri_to_string (uris->data);
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);
  soup_server_disconnect (soup);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static void
test_cli_refresh_gone_star (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *with_security = g_strdup_printf (ALPHA, "Networking", ALPHA_SECURITY);
  g_autofree char *without = g_strdup_printf (ALPHA, "Networking", "");
  g_autoptr(ConveneRegistrySource) source = NULL;
  g_autofree char *url = NULL;
  g_autofree char *line = NULL;
  Server server = { 0 };
  char **stars;

  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  server.body = with_security;
  g_mutex_lock (&server.lock);
  server.thread = g_thread_new ("server", server_thread, &server);
  while (server.base == NULL)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);
  url = g_strconcat (server.base, "registry.json", NULL);
  source = convene_registry_source_new_for_location (url, NULL);

  stars = convene_stars_with ((const char * const *) fixture->stars,
                              convene_registry_source_get_id (source), "security", TRUE);
  g_strfreev (fixture->stars);
  fixture->stars = stars;

  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "UTC", "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "starred group"));
  }

  /* Security left upstream: the star stays and the change list says so */
  server.body = without;
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "UTC", "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "- starred group security (gone)\n"));
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (fixture, &run, "UTC", "--refresh", "--registry", url, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "- starred group security (gone)\n"));
  }

  g_main_loop_quit (server.loop);
  g_thread_join (server.thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_free (server.base);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stars/keys", test_stars_keys);
  g_test_add_func ("/stars/settings", test_stars_settings);
  g_test_add ("/stars/survive-change", Fixture, NULL,
              fixture_set_up, test_stars_survive_change, fixture_tear_down);
  g_test_add ("/my-week/two-registries", Fixture, NULL,
              fixture_set_up, test_week_two_registries, fixture_tear_down);
  g_test_add ("/my-week/states", Fixture, NULL,
              fixture_set_up, test_week_states, fixture_tear_down);
  g_test_add ("/my-week/no-stars", Fixture, NULL,
              fixture_set_up, test_week_no_stars, fixture_tear_down);
  g_test_add ("/my-week/async", Fixture, NULL,
              fixture_set_up, test_week_async, fixture_tear_down);
  g_test_add ("/my-week/ics", Fixture, NULL,
              fixture_set_up, test_week_ics, fixture_tear_down);
  g_test_add ("/my-week/cli/upcoming-starred", Fixture, NULL,
              fixture_set_up, test_cli_upcoming_starred, fixture_tear_down);
  g_test_add ("/my-week/cli/refresh-gone-star", Fixture, NULL,
              fixture_set_up, test_cli_refresh_gone_star, fixture_tear_down);

  return g_test_run ();
}
