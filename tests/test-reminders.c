/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "convene-launcher.h"
#include "convene-registry-list.h"
#include "convene-reminders.h"
#include "convene-stars.h"
#include "test-utils.h"
#include "ui-test-utils.h"

/* The reminders observed where a desktop sees them: a notification
 * server stand-in (python3-dbusmock's notification_daemon template) on
 * the session bus records what GApplication's freedesktop backend sends;
 * the clock is injected.
 *
 * Networking (starred), Security (not starred) and Docs (starred, muted)
 * all meet Wednesdays 18:00–19:00 Berlin, 16:00–17:00 UTC in August.
 */
#define REGISTRY \
  "{ \"format_version\": 1, \"community\": { \"name\": \"Alpha\" }, \"groups\": [" \
  "%s ] }"
#define GROUP(id, name, url) \
  "{ \"id\": \"" id "\", \"name\": \"" name "\", \"meetings\": [ { \"text\": \"Wednesdays\"," \
  " \"url\": \"" url "\", \"weekday\": \"wednesday\", \"start\": \"18:00\", \"end\": \"19:00\"," \
  " \"timezone\": \"Europe/Berlin\", \"interval_weeks\": 1 } ] }"

#define MOCK_NAME  "org.freedesktop.Notifications"
#define MOCK_PATH  "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

typedef struct
{
  GSubprocess *mock;
  GDBusConnection *bus;
  GApplication *application;
  GSettings *settings;
  ConveneRegistryList *list;
  ConveneReminders *reminders;
  UiTestRecordingLauncher *launcher;
  GDateTime *now;
  char *dir;
  char *source_id;
  guint checks;
} Fixture;

static GDateTime *
fixture_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_date_time_ref (fixture->now);
}

static void
checked_cb (ConveneReminders *reminders,
            gpointer          user_data)
{
  Fixture *fixture = user_data;

  fixture->checks++;
}

/* Moves the clock and waits for the reminders to look again. */
static void
check_at (Fixture    *fixture,
          const char *now)
{
  guint checks = fixture->checks;

  g_clear_pointer (&fixture->now, g_date_time_unref);
  fixture->now = g_date_time_new_from_iso8601 (now, NULL);
  g_assert_nonnull (fixture->now);
  convene_reminders_check (fixture->reminders);
  while (fixture->checks == checks)
    g_main_context_iteration (NULL, TRUE);
}

static GVariant *
mock_call (Fixture    *fixture,
           const char *method,
           GVariant   *args,
           const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (fixture->bus, MOCK_NAME, MOCK_PATH, MOCK_IFACE, method,
                                       args, reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* The calls the stand-in received of @method, as (tsav) */
static GPtrArray *
mock_calls (Fixture    *fixture,
            const char *method)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariant *call;

  /* The backend sends asynchronously: a round trip through the
   * application's own connection first.
   */
  g_dbus_connection_flush_sync (fixture->bus, NULL, NULL);
  reply = mock_call (fixture, "GetCalls", NULL, "(a(tsav))");
  g_variant_get (reply, "(a(tsav))", &iter);
  while ((call = g_variant_iter_next_value (iter)) != NULL)
    {
      const char *name;

      g_variant_get_child (call, 1, "&s", &name);
      if (strcmp (name, method) == 0)
        g_ptr_array_add (calls, call);
      else
        g_variant_unref (call);
    }

  return calls;
}

static GPtrArray *
wait_calls (Fixture    *fixture,
            const char *method,
            guint       at_least)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  for (;;)
    {
      GPtrArray *calls;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      calls = mock_calls (fixture, method);
      if (calls->len >= at_least || g_get_monotonic_time () > deadline)
        return calls;
      g_ptr_array_unref (calls);
      g_usleep (20 * 1000);
    }
}

static char *
call_arg_string (GVariant *call,
                 guint     n)
{
  g_autoptr(GVariant) args = g_variant_get_child_value (call, 2);
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, n);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  return g_variant_print (value, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GSubprocessLauncher) spawner = NULL;
  g_auto(GStrv) stars = NULL;
  ConveneRegistrySource *source;
  gint64 deadline;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return;

  fixture->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  spawner = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  fixture->mock = g_subprocess_launcher_spawn (spawner, &error, "/usr/bin/python3", "-m",
                                               "dbusmock", "--template", "notification_daemon",
                                               NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  for (;;)
    {
      g_autoptr(GVariant) owner = NULL;

      owner = g_dbus_connection_call_sync (fixture->bus, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "NameHasOwner", g_variant_new ("(s)", MOCK_NAME),
                                           G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
      if (owner != NULL && g_variant_get_boolean (g_variant_get_child_value (owner, 0)))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }

  fixture->dir = g_dir_make_tmp ("convene-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "alpha.json", NULL);
  text = g_strdup_printf (REGISTRY,
                          GROUP ("networking", "Networking", "https://meet.example.org/net") ","
                          GROUP ("security", "Security", "https://meet.example.org/sec") ","
                          GROUP ("docs", "Docs", "https://meet.example.org/docs"));
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  fixture->list = convene_registry_list_new (fixture->dir);
  source = convene_registry_list_add (fixture->list, path, &error);
  g_assert_no_error (error);
  fixture->source_id = g_strdup (convene_registry_source_get_id (source));

  fixture->settings = g_settings_new (APP_ID);
  convene_stars_set (fixture->settings, CONVENE_STARS_KEY, fixture->source_id, "networking",
                     TRUE);
  convene_stars_set (fixture->settings, CONVENE_STARS_KEY, fixture->source_id, "docs", TRUE);
  convene_stars_set (fixture->settings, CONVENE_STARS_MUTED_KEY, fixture->source_id, "docs",
                     TRUE);
  g_settings_set_uint (fixture->settings, "reminder-minutes", 10);

  fixture->launcher = g_object_new (UI_TEST_TYPE_RECORDING_LAUNCHER, NULL);
  convene_launcher_set_default (CONVENE_LAUNCHER (fixture->launcher));

  fixture->application = g_application_new ("io.github.convene.Convene.TestReminders",
                                            G_APPLICATION_NON_UNIQUE);
  g_application_register (fixture->application, NULL, &error);
  g_assert_no_error (error);

  fixture->now = g_date_time_new_from_iso8601 ("2026-08-26T12:00:00Z", NULL);
  fixture->reminders = convene_reminders_new (fixture->application, fixture->settings,
                                              fixture->list);
  convene_reminders_set_clock (fixture->reminders, fixture_clock, fixture);
  g_signal_connect (fixture->reminders, "checked", G_CALLBACK (checked_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mock == NULL)
    return;

  g_clear_object (&fixture->reminders);
  g_clear_object (&fixture->application);
  convene_launcher_set_default (NULL);
  g_clear_object (&fixture->launcher);
  g_settings_reset (fixture->settings, CONVENE_STARS_KEY);
  g_settings_reset (fixture->settings, CONVENE_STARS_MUTED_KEY);
  g_settings_reset (fixture->settings, "reminder-minutes");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->list);
  g_subprocess_force_exit (fixture->mock);
  g_subprocess_wait (fixture->mock, NULL, NULL);
  g_clear_object (&fixture->mock);
  g_clear_object (&fixture->bus);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source_id);
  g_clear_pointer (&fixture->now, g_date_time_unref);
}

static void
test_one_per_occurrence (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *actions = NULL;

  if (fixture->mock == NULL)
    {
      g_test_skip ("No /usr/bin/python3 for python3-dbusmock");
      return;
    }

  /* A minute early: nothing yet */
  check_at (fixture, "2026-08-26T15:49:00Z");
  calls = mock_calls (fixture, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  {
    g_autofree char *wake = g_date_time_format_iso8601 (
      convene_reminders_get_next_wake (fixture->reminders));

    g_assert_cmpstr (wake, ==, "2026-08-26T15:50:00Z");
  }
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Ten minutes before: Networking, not Security (unstarred) or Docs (muted) */
  check_at (fixture, "2026-08-26T15:50:00Z");
  calls = wait_calls (fixture, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);
  summary = call_arg_string (g_ptr_array_index (calls, 0), 3);
  body = call_arg_string (g_ptr_array_index (calls, 0), 4);
  actions = call_arg_string (g_ptr_array_index (calls, 0), 5);
  g_assert_cmpstr (summary, ==, "Networking starts in 10 minutes");
  g_assert_nonnull (strstr (body, "Alpha"));
  g_assert_nonnull (strstr (actions, "app.join-meeting('https://meet.example.org/net')"));
  g_assert_nonnull (strstr (actions, "'Join'"));
  g_assert_nonnull (strstr (actions, "'Open Group'"));
  g_assert_cmpuint (convene_reminders_get_n_shown (fixture->reminders), ==, 1);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Looking again, before and during the meeting: still one */
  check_at (fixture, "2026-08-26T15:55:00Z");
  check_at (fixture, "2026-08-26T16:30:00Z");
  calls = mock_calls (fixture, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = mock_calls (fixture, "CloseNotification");
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* The meeting ended: withdrawn */
  check_at (fixture, "2026-08-26T17:00:00Z");
  calls = wait_calls (fixture, "CloseNotification", 1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpuint (convene_reminders_get_n_shown (fixture->reminders), ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* The next week's occurrence is one more */
  check_at (fixture, "2026-09-02T15:51:00Z");
  calls = wait_calls (fixture, "Notify", 2);
  g_assert_cmpuint (calls->len, ==, 2);

  /* Join, as the server says the user clicked it: through the launcher (the
   * server's ids count from 1)
   */
  {
    g_autoptr(GVariant) reply = NULL;

    reply = mock_call (fixture, "EmitSignal",
                       g_variant_new ("(sss@av)", "org.freedesktop.Notifications",
                                      "ActionInvoked", "us",
                                      g_variant_new_parsed ("[<uint32 2>, <%s>]",
                                                            "app.join-meeting('https://meet.example.org/net')")),
                       NULL);
    while (fixture->launcher->uris->len == 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (fixture->launcher->uris->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (fixture->launcher->uris, 0), ==,
                     "https://meet.example.org/net");
  }
}

static void
test_off_and_unstarred (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  if (fixture->mock == NULL)
    {
      g_test_skip ("No /usr/bin/python3 for python3-dbusmock");
      return;
    }

  /* Turned off: nothing, and nothing to wake for */
  g_settings_set_uint (fixture->settings, "reminder-minutes", 0);
  check_at (fixture, "2026-08-26T15:55:00Z");
  g_assert_false (convene_reminders_get_enabled (fixture->reminders));
  g_assert_null (convene_reminders_get_next_wake (fixture->reminders));

  /* On, but Networking unstarred: Docs is starred and muted */
  g_settings_set_uint (fixture->settings, "reminder-minutes", 10);
  convene_stars_set (fixture->settings, CONVENE_STARS_KEY, fixture->source_id, "networking",
                     FALSE);
  check_at (fixture, "2026-08-26T15:56:00Z");
  calls = mock_calls (fixture, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Unmuted, Docs reminds at once */
  convene_stars_set (fixture->settings, CONVENE_STARS_MUTED_KEY, fixture->source_id, "docs",
                     FALSE);
  check_at (fixture, "2026-08-26T15:57:00Z");
  calls = wait_calls (fixture, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* The freedesktop backend, whatever else the session has */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reminders/one-per-occurrence", Fixture, NULL,
              fixture_set_up, test_one_per_occurrence, fixture_tear_down);
  g_test_add ("/reminders/off-and-unstarred", Fixture, NULL,
              fixture_set_up, test_off_and_unstarred, fixture_tear_down);

  return g_test_run ();
}
