/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-reminders.h"

#include "convene-launcher.h"
#include "convene-my-week.h"
#include "convene-stars.h"

/* Even with nothing due, look again this often: registries and the week
 * change.
 */
#define RECHECK_SECONDS (60 * 60)

struct _ConveneReminders
{
  GObject parent_instance;

  GApplication *application;   /* weak: the application owns the reminders */
  GSettings *settings;
  ConveneRegistryList *list;

  ConveneRemindersClock clock;
  gpointer clock_data;

  /* id → end of the occurrence (GDateTime), for the ones shown */
  GHashTable *shown;
  GCancellable *cancellable;
  guint timeout_id;
  GDateTime *next_wake;
};

G_DEFINE_FINAL_TYPE (ConveneReminders, convene_reminders, G_TYPE_OBJECT)

enum {
  OPEN_GROUP,
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static GDateTime *
get_now (ConveneReminders *self)
{
  g_assert (CONVENE_IS_REMINDERS (self));

  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_date_time_new_now_utc ();
}

static char *
make_id (ConveneMyWeekEntry *entry)
{
  g_assert (entry != NULL);

  /* One notification per occurrence: the group and the start */
  return g_strdup_printf ("reminder-%s/%s-%" G_GINT64_FORMAT, entry->source_id,
                          convene_group_get_id (entry->group),
                          g_date_time_to_unix (entry->start));
}

static GNotification *
make_notification (ConveneMyWeekEntry *entry,
                   GDateTime          *now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *time = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->start);
  const char *url = convene_meeting_get_url (entry->meeting);
  int minutes;

  g_assert (entry != NULL);

  minutes = (int) ((g_date_time_difference (entry->start, now) + G_TIME_SPAN_MINUTE - 1)
                   / G_TIME_SPAN_MINUTE);
  if (minutes > 0)
    /* Translators: %s is a working group's name */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s starts in %d minute",
                                          "%s starts in %d minutes", minutes),
                             convene_group_get_name (entry->group), minutes);
  else
    /* Translators: %s is a working group's name */
    title = g_strdup_printf (_("%s has started"), convene_group_get_name (entry->group));

  time = g_date_time_format (local, "%H:%M");
  if (entry->stale)
    /* Translators: %s the community, %s the time, %d a number of days */
    body = g_strdup_printf (_("%s, at %s. The registry is more than %d days old: "
                              "the meeting may have moved."),
                            entry->community, time, CONVENE_MY_WEEK_STALE_DAYS);
  else
    /* Translators: %s the community's name, %s the time */
    body = g_strdup_printf (_("%s, at %s"), entry->community, time);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  key = convene_stars_make_key (entry->source_id, convene_group_get_id (entry->group));
  if (url != NULL && convene_launcher_check_uri (url, NULL))
    g_notification_add_button_with_target (notification, _("Join"), "app.join-meeting",
                                           "s", url);
  g_notification_add_button_with_target (notification, _("Open Group"), "app.open-group",
                                         "s", key);
  g_notification_set_default_action_and_target (notification, "app.open-group", "s", key);

  return g_steal_pointer (&notification);
}

static void
schedule (ConveneReminders *self,
          GDateTime        *now,
          GDateTime        *wake);

static gboolean
timeout_cb (gpointer user_data)
{
  ConveneReminders *self = user_data;

  self->timeout_id = 0;
  convene_reminders_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (ConveneReminders *self,
          GDateTime        *now,
          GDateTime        *wake)
{
  GTimeSpan delay;

  g_assert (CONVENE_IS_REMINDERS (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->next_wake, g_date_time_unref);
  if (wake == NULL)
    return;

  self->next_wake = g_date_time_ref (wake);
  delay = MAX (g_date_time_difference (wake, now), 0);
  self->timeout_id = g_timeout_add_seconds ((guint) (delay / G_TIME_SPAN_SECOND) + 1,
                                            timeout_cb, self);
}

static void
keep_earliest (GDateTime **wake,
               GDateTime  *candidate)
{
  if (*wake == NULL || g_date_time_compare (candidate, *wake) < 0)
    {
      g_clear_pointer (wake, g_date_time_unref);
      *wake = g_date_time_ref (candidate);
    }
}

/* Shows what is due, withdraws what ended, and wakes at the next change. */
static void
apply_week (ConveneReminders *self,
            ConveneMyWeek    *week)
{
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GDateTime) wake = g_date_time_add_seconds (now, RECHECK_SECONDS);
  g_auto(GStrv) muted = g_settings_get_strv (self->settings, CONVENE_STARS_MUTED_KEY);
  guint lead = g_settings_get_uint (self->settings, "reminder-minutes");
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  /* Quitting, or the test's application gone: nobody to tell */
  if (self->application == NULL || !g_application_get_is_registered (self->application))
    return;

  for (guint i = 0; week != NULL && lead > 0 && i < week->entries->len; i++)
    {
      ConveneMyWeekEntry *entry = g_ptr_array_index (week->entries, i);
      g_autoptr(GDateTime) due = g_date_time_add_minutes (entry->start, -(int) lead);
      g_autofree char *id = NULL;

      if (convene_stars_contains ((const char * const *) muted, entry->source_id,
                                  convene_group_get_id (entry->group)))
        continue;
      if (g_date_time_compare (entry->end, now) <= 0)
        continue;

      id = make_id (entry);
      if (g_date_time_compare (due, now) > 0)
        {
          keep_earliest (&wake, due);
          continue;
        }

      g_hash_table_add (current, g_strdup (id));
      keep_earliest (&wake, entry->end);
      if (!g_hash_table_contains (self->shown, id))
        {
          g_autoptr(GNotification) notification = make_notification (entry, now);

          g_debug ("Reminding of %s", id);
          g_application_send_notification (self->application, id, notification);
          g_hash_table_insert (self->shown, g_strdup (id), g_date_time_ref (entry->end));
        }
    }

  /* Ended, unstarred, muted or turned off: withdrawn */
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (current, key))
        continue;

      g_debug ("Withdrawing %s", (const char *) key);
      g_application_withdraw_notification (self->application, key);
      g_hash_table_iter_remove (&iter);
    }

  schedule (self, now, lead > 0 ? wake : NULL);
  g_signal_emit (self, signals[CHECKED], 0);
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ConveneReminders) self = user_data;
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GError) error = NULL;

  week = convene_my_week_collect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  apply_week (self, week);
}

static void
settings_changed_cb (ConveneReminders *self,
                     const char       *key,
                     GSettings        *settings)
{
  if (g_strcmp0 (key, CONVENE_STARS_KEY) == 0 || g_strcmp0 (key, CONVENE_STARS_MUTED_KEY) == 0
      || g_strcmp0 (key, "reminder-minutes") == 0)
    convene_reminders_check (self);
}

/* Actions */

static void
open_finish_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!convene_launcher_open_finish (CONVENE_LAUNCHER (object), result, &error))
    g_message ("The meeting could not be opened: %s", error->message);
}

static void
join_meeting_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *url = g_variant_get_string (parameter, NULL);

  /* The launcher checks the scheme; a notification could carry anything */
  convene_launcher_open_async (convene_launcher_get_default (), url, NULL, NULL,
                               open_finish_cb, NULL);
}

static void
open_group_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ConveneReminders *self = user_data;
  g_autofree char *source = NULL;
  g_autofree char *group = NULL;

  if (!convene_stars_split_key (g_variant_get_string (parameter, NULL), &source, &group))
    return;

  g_signal_emit (self, signals[OPEN_GROUP], 0, source, group);
}

/* GObject */

static void
convene_reminders_dispose (GObject *object)
{
  ConveneReminders *self = (ConveneReminders *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (convene_reminders_parent_class)->dispose (object);
}

static void
convene_reminders_finalize (GObject *object)
{
  ConveneReminders *self = (ConveneReminders *) object;

  g_hash_table_unref (self->shown);
  g_clear_pointer (&self->next_wake, g_date_time_unref);

  G_OBJECT_CLASS (convene_reminders_parent_class)->finalize (object);
}

static void
convene_reminders_class_init (ConveneRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_reminders_dispose;
  object_class->finalize = convene_reminders_finalize;

  /**
   * ConveneReminders::open-group:
   * @source_id: the remembered registry
   * @group_id: the group
   *
   * The user asked to see the group of a reminder.
   */
  signals[OPEN_GROUP] = g_signal_new ("open-group", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                      G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ConveneReminders::checked:
   *
   * The reminders were brought up to date with the clock.
   */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
convene_reminders_init (ConveneReminders *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_date_time_unref);
}

/* Public API */

/**
 * convene_reminders_new:
 * @application: the application, registered, that shows the notifications
 * @settings: the application's settings
 * @list: the remembered registries
 *
 * Adds the actions app.join-meeting and app.open-group to @application;
 * nothing is shown before convene_reminders_check().
 *
 * Returns: (transfer full): the reminders
 */
ConveneReminders *
convene_reminders_new (GApplication        *application,
                       GSettings           *settings,
                       ConveneRegistryList *list)
{
  const GActionEntry entries[] = {
    { "join-meeting", join_meeting_cb, "s" },
    { "open-group", open_group_cb, "s" },
  };
  ConveneReminders *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (list), NULL);

  self = g_object_new (CONVENE_TYPE_REMINDERS, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->settings = g_object_ref (settings);
  self->list = g_object_ref (list);

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * convene_reminders_set_clock:
 * @self: the reminders
 * @clock: (nullable): what gives the current time; %NULL for the system's
 * @user_data: for @clock
 *
 * For the tests, which then call convene_reminders_check() as their
 * clock moves.
 */
void
convene_reminders_set_clock (ConveneReminders      *self,
                             ConveneRemindersClock  clock,
                             gpointer               user_data)
{
  g_return_if_fail (CONVENE_IS_REMINDERS (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/**
 * convene_reminders_check:
 * @self: the reminders
 *
 * Reads the week of the starred groups again (in a worker thread) and
 * brings the notifications up to date; ::checked says when.
 */
void
convene_reminders_check (ConveneReminders *self)
{
  g_auto(GStrv) stars = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (CONVENE_IS_REMINDERS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!convene_reminders_get_enabled (self))
    {
      apply_week (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  stars = convene_stars_load (self->settings);
  now = get_now (self);
  convene_my_week_collect_async (self->list, (const char * const *) stars, now, NULL,
                                 self->cancellable, collect_cb, g_object_ref (self));
}

/**
 * convene_reminders_get_enabled:
 * @self: the reminders
 *
 * Returns: whether reminders are on: a lead time and a starred group
 */
gboolean
convene_reminders_get_enabled (ConveneReminders *self)
{
  g_auto(GStrv) stars = NULL;

  g_return_val_if_fail (CONVENE_IS_REMINDERS (self), FALSE);

  if (g_settings_get_uint (self->settings, "reminder-minutes") == 0)
    return FALSE;
  stars = convene_stars_load (self->settings);
  return stars[0] != NULL;
}

/**
 * convene_reminders_get_n_shown:
 * @self: the reminders
 *
 * Returns: how many reminders are shown now
 */
guint
convene_reminders_get_n_shown (ConveneReminders *self)
{
  g_return_val_if_fail (CONVENE_IS_REMINDERS (self), 0);

  return g_hash_table_size (self->shown);
}

/**
 * convene_reminders_get_next_wake:
 * @self: the reminders
 *
 * Returns: (transfer none) (nullable): when the reminders look again
 */
GDateTime *
convene_reminders_get_next_wake (ConveneReminders *self)
{
  g_return_val_if_fail (CONVENE_IS_REMINDERS (self), NULL);

  return self->next_wake;
}
