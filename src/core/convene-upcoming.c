/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-upcoming"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-upcoming.h"

/* What the window shows about time: which meetings of a registry are
 * about to start or running, and which start in the week ahead. It looks
 * at the clock once per refresh, so everything shown agrees on "now",
 * and keeps ONE timer for the whole window, set for the first moment
 * something shown changes:
 *
 * - a meeting's next state change (convene_schedule_get_state());
 * - while a meeting is about to start, the next minute of its countdown
 *   ("Starts in 14 minutes");
 * - a meeting's next start coming within the week ahead;
 * - local midnight, when "tomorrow" becomes "today".
 *
 * Nothing polls. Tests fix the clock with convene_upcoming_set_fixed_now(),
 * which recomputes at once, and read where the timer was set with
 * convene_upcoming_get_next_wake().
 *
 * A registry of thousands of groups is looked at in batches from an idle
 * callback, after the frames waiting to be drawn: until the scan is done
 * (#ConveneUpcoming:pending) the results of the refresh before stay, and
 * a meeting's state is computed on the spot when asked for.
 */
struct _ConveneUpcoming
{
  GObject parent_instance;

  ConveneRegistry *registry;
  GDateTime *fixed_now;

  /* The result of the last refresh. */
  GDateTime *now;
  GDateTime *next_wake;
  GHashTable *states;   /* ConveneMeeting* → ConveneMeetingState */
  GPtrArray *week;      /* ConveneUpcomingEntry*, soonest first */

  guint timeout_id;

  /* The scan under way: the next group to look at, and what it found. */
  guint scan_id;
  guint scan_position;
  GDateTime *scan_limit;
  GDateTime *scan_wake;
  GHashTable *scan_states;
  GPtrArray *scan_week;
};

/* Registries this small are scanned at once; larger ones this many
 * groups per main loop turn.
 */
#define SCAN_AT_ONCE 256
#define SCAN_BATCH 256

G_DEFINE_FINAL_TYPE (ConveneUpcoming, convene_upcoming, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTRY,
  PROP_FIXED_NOW,
  PROP_NEXT_WAKE,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ConveneUpcomingEntry entry;
  guint order;
} Entry;

/* Helpers */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->entry.group);
  g_clear_object (&entry->entry.meeting);
  g_clear_pointer (&entry->entry.start, g_date_time_unref);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *entry_a = *(const Entry * const *)a;
  const Entry *entry_b = *(const Entry * const *)b;
  int cmp = g_date_time_compare (entry_a->entry.start, entry_b->entry.start);

  if (cmp != 0)
    return cmp;

  /* Meetings at the same time stay in the order of the registry. */
  return (entry_a->order > entry_b->order) - (entry_a->order < entry_b->order);
}

/* Keeps in *@earliest the earlier of itself and @candidate, taking it. */
static void
take_earlier (GDateTime **earliest,
              GDateTime  *candidate)
{
  if (candidate == NULL)
    return;

  if (*earliest == NULL || g_date_time_compare (candidate, *earliest) < 0)
    {
      g_clear_pointer (earliest, g_date_time_unref);
      *earliest = candidate;
    }
  else
    {
      g_date_time_unref (candidate);
    }
}

/* While a meeting is about to start, its countdown shows whole minutes,
 * rounded up: "Starts in 15 minutes" until 14 minutes are left.
 */
static GDateTime *
next_countdown_tick (GDateTime *start,
                     GDateTime *now)
{
  GTimeSpan left = g_date_time_difference (start, now);
  gint64 minutes = (left + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;

  if (minutes <= 1)
    return NULL;  /* the next change is the start itself */

  return g_date_time_add (start, -(minutes - 1) * G_TIME_SPAN_MINUTE);
}

static GDateTime *
next_local_midnight (GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local),
                                                      0, 0, 0);

  return today ? g_date_time_add_days (today, 1) : NULL;
}

static void
consider_meeting (ConveneUpcoming  *self,
                  ConveneGroup     *group,
                  ConveneMeeting   *meeting,
                  GDateTime        *limit,
                  GDateTime       **wake)
{
  g_autoptr(GDateTime) next = NULL;
  GDateTime *change = NULL;
  ConveneMeetingState state;

  state = convene_schedule_get_state (meeting, self->now, &change);
  g_hash_table_insert (self->scan_states, meeting, GINT_TO_POINTER (state));
  take_earlier (wake, change);

  next = convene_schedule_next (meeting, self->now);
  if (next == NULL)
    return;

  if (state == CONVENE_MEETING_STATE_SOON)
    take_earlier (wake, next_countdown_tick (next, self->now));

  if (g_date_time_compare (next, limit) <= 0)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->entry.group = group ? g_object_ref (group) : NULL;
      entry->entry.meeting = g_object_ref (meeting);
      entry->entry.start = g_steal_pointer (&next);
      entry->entry.state = state;
      entry->order = self->scan_week->len;
      g_ptr_array_add (self->scan_week, entry);
    }
  else
    {
      take_earlier (wake, g_date_time_add_days (next, -CONVENE_UPCOMING_DAYS));
    }
}

static void
consider_meetings (ConveneUpcoming  *self,
                   ConveneGroup     *group,
                   GListModel       *meetings,
                   GDateTime        *limit,
                   GDateTime       **wake)
{
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);

      consider_meeting (self, group, meeting, limit, wake);
    }
}

static gboolean
wake_cb (gpointer user_data)
{
  ConveneUpcoming *self = user_data;

  self->timeout_id = 0;
  convene_upcoming_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_wake (ConveneUpcoming *self,
               GDateTime       *wake)
{
  GTimeSpan delay;
  guint delay_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->next_wake, g_date_time_unref);

  if (wake == NULL)
    return;

  self->next_wake = g_date_time_ref (wake);

  /* Rounded up, so the wake never comes before the change it is for. */
  delay = MAX (g_date_time_difference (wake, self->now), 0);
  delay_ms = (guint)MIN ((delay + 999) / 1000, (GTimeSpan)G_MAXINT);

  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, wake_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[convene] meeting times");
}

/* Scanning */

static void
stop_scan (ConveneUpcoming *self)
{
  g_clear_handle_id (&self->scan_id, g_source_remove);
  g_clear_pointer (&self->scan_limit, g_date_time_unref);
  g_clear_pointer (&self->scan_wake, g_date_time_unref);
  g_clear_pointer (&self->scan_states, g_hash_table_unref);
  g_clear_pointer (&self->scan_week, g_ptr_array_unref);
}

/* Looks at the meetings of up to @n more groups; returns whether the
 * scan reached the last group.
 */
static gboolean
scan (ConveneUpcoming *self,
      guint            n)
{
  GListModel *groups = G_LIST_MODEL (self->registry);
  guint n_groups = groups ? g_list_model_get_n_items (groups) : 0;
  guint end = MIN (n_groups, self->scan_position + n);

  for (; self->scan_position < end; self->scan_position++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (groups, self->scan_position);

      consider_meetings (self, group, convene_group_get_meetings (group), self->scan_limit,
                         &self->scan_wake);
    }

  return self->scan_position >= n_groups;
}

/* Makes what the scan found the result of the refresh. */
static void
finish_scan (ConveneUpcoming *self)
{
  gboolean was_pending = self->scan_id != 0;
  GDateTime *wake = g_steal_pointer (&self->scan_wake);

  /* Only relative times ("tomorrow") change at midnight. */
  if (wake != NULL)
    take_earlier (&wake, next_local_midnight (self->now));

  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->week, g_ptr_array_unref);
  self->states = g_steal_pointer (&self->scan_states);
  self->week = g_steal_pointer (&self->scan_week);
  g_ptr_array_sort (self->week, compare_entries);

  self->scan_id = 0;
  stop_scan (self);

  schedule_wake (self, wake);
  g_clear_pointer (&wake, g_date_time_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_WAKE]);
  if (was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
scan_cb (gpointer user_data)
{
  ConveneUpcoming *self = user_data;

  if (!scan (self, SCAN_BATCH))
    return G_SOURCE_CONTINUE;

  finish_scan (self);
  return G_SOURCE_REMOVE;
}

/* Vfuncs */

static void
convene_upcoming_dispose (GObject *object)
{
  ConveneUpcoming *self = (ConveneUpcoming *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  stop_scan (self);
  g_hash_table_remove_all (self->states);
  g_ptr_array_set_size (self->week, 0);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (convene_upcoming_parent_class)->dispose (object);
}

static void
convene_upcoming_finalize (GObject *object)
{
  ConveneUpcoming *self = (ConveneUpcoming *)object;

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->next_wake, g_date_time_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->week, g_ptr_array_unref);

  G_OBJECT_CLASS (convene_upcoming_parent_class)->finalize (object);
}

static void
convene_upcoming_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConveneUpcoming *self = CONVENE_UPCOMING (object);

  switch (prop_id)
    {
    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;

    case PROP_FIXED_NOW:
      g_value_set_boxed (value, self->fixed_now);
      break;

    case PROP_NEXT_WAKE:
      g_value_set_boxed (value, self->next_wake);
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, convene_upcoming_get_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_upcoming_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConveneUpcoming *self = CONVENE_UPCOMING (object);

  switch (prop_id)
    {
    case PROP_REGISTRY:
      convene_upcoming_set_registry (self, g_value_get_object (value));
      break;

    case PROP_FIXED_NOW:
      convene_upcoming_set_fixed_now (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_upcoming_class_init (ConveneUpcomingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_upcoming_dispose;
  object_class->finalize = convene_upcoming_finalize;
  object_class->get_property = convene_upcoming_get_property;
  object_class->set_property = convene_upcoming_set_property;

  /**
   * ConveneUpcoming:registry:
   *
   * The registry whose meetings are followed.
   */
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneUpcoming:fixed-now:
   *
   * A time taken as "now" instead of the clock's, for tests; %NULL
   * follows the clock.
   */
  properties[PROP_FIXED_NOW] =
    g_param_spec_boxed ("fixed-now", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneUpcoming:next-wake:
   *
   * When the timer next recomputes, %NULL when nothing will change.
   */
  properties[PROP_NEXT_WAKE] =
    g_param_spec_boxed ("next-wake", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneUpcoming:pending:
   *
   * Whether a refresh is still looking at the meetings of a large
   * registry, in batches from an idle callback.
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConveneUpcoming::changed:
   *
   * Emitted after every refresh: the states, the week and "now" may all
   * have changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
convene_upcoming_init (ConveneUpcoming *self)
{
  self->states = g_hash_table_new (NULL, NULL);
  self->week = g_ptr_array_new_with_free_func (entry_free);
  self->now = g_date_time_new_now_utc ();
}

/* Public API */

/**
 * convene_upcoming_new:
 *
 * Returns: (transfer full): a new #ConveneUpcoming following the clock,
 *   without a registry
 */
ConveneUpcoming *
convene_upcoming_new (void)
{
  return g_object_new (CONVENE_TYPE_UPCOMING, NULL);
}

/**
 * convene_upcoming_get_registry:
 * @self: a #ConveneUpcoming
 *
 * Returns: (transfer none) (nullable): the registry followed
 */
ConveneRegistry *
convene_upcoming_get_registry (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), NULL);
  return self->registry;
}

/**
 * convene_upcoming_set_registry:
 * @self: a #ConveneUpcoming
 * @registry: (nullable): the registry to follow
 *
 * Follows the meetings of @registry, and refreshes.
 */
void
convene_upcoming_set_registry (ConveneUpcoming *self,
                               ConveneRegistry *registry)
{
  g_return_if_fail (CONVENE_IS_UPCOMING (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (!g_set_object (&self->registry, registry))
    return;

  convene_upcoming_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_upcoming_get_now:
 * @self: a #ConveneUpcoming
 *
 * Returns: (transfer none): the time of the last refresh, which every
 *   state and text shown is computed for
 */
GDateTime *
convene_upcoming_get_now (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), NULL);
  return self->now;
}

/**
 * convene_upcoming_get_fixed_now:
 * @self: a #ConveneUpcoming
 *
 * Returns: (transfer none) (nullable): the time taken as now, %NULL when
 *   following the clock
 */
GDateTime *
convene_upcoming_get_fixed_now (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), NULL);
  return self->fixed_now;
}

/**
 * convene_upcoming_set_fixed_now:
 * @self: a #ConveneUpcoming
 * @now: (nullable): the time to take as now, or %NULL to follow the clock
 *
 * Replaces the clock, for tests, and refreshes at once.
 */
void
convene_upcoming_set_fixed_now (ConveneUpcoming *self,
                                GDateTime       *now)
{
  g_return_if_fail (CONVENE_IS_UPCOMING (self));

  if (now != NULL)
    g_date_time_ref (now);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  self->fixed_now = now;

  convene_upcoming_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXED_NOW]);
}

/**
 * convene_upcoming_refresh:
 * @self: a #ConveneUpcoming
 *
 * Reads the clock, recomputes every meeting's state and the week ahead,
 * sets the timer for the next change and emits #ConveneUpcoming::changed.
 * The timer calls this on its own; the window also does when it becomes
 * active again, since the timer does not run while the computer sleeps.
 */
void
convene_upcoming_refresh (ConveneUpcoming *self)
{
  guint n_groups = 0;

  g_return_if_fail (CONVENE_IS_UPCOMING (self));

  stop_scan (self);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = self->fixed_now ? g_date_time_ref (self->fixed_now) : g_date_time_new_now_utc ();

  self->scan_states = g_hash_table_new (NULL, NULL);
  self->scan_week = g_ptr_array_new_with_free_func (entry_free);
  self->scan_position = 0;

  if (self->registry != NULL)
    {
      ConveneCommunity *community = convene_registry_get_community (self->registry);

      n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->registry));
      self->scan_limit = g_date_time_add_days (self->now, CONVENE_UPCOMING_DAYS);

      if (community != NULL)
        consider_meetings (self, NULL, convene_community_get_meetings (community),
                           self->scan_limit, &self->scan_wake);
    }

  if (n_groups <= SCAN_AT_ONCE)
    {
      scan (self, n_groups);
      finish_scan (self);
      return;
    }

  self->scan_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scan_cb, self, NULL);
  g_source_set_name_by_id (self->scan_id, "[convene] meetings of the week");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/**
 * convene_upcoming_get_pending:
 * @self: a #ConveneUpcoming
 *
 * Returns: whether a refresh is still looking at the meetings of a large
 *   registry; meanwhile the week is the one of the refresh before
 */
gboolean
convene_upcoming_get_pending (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), FALSE);
  return self->scan_id != 0;
}

/**
 * convene_upcoming_get_next_wake:
 * @self: a #ConveneUpcoming
 *
 * Returns: (transfer none) (nullable): when the timer is set to refresh,
 *   %NULL when no meeting will ever change
 */
GDateTime *
convene_upcoming_get_next_wake (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), NULL);
  return self->next_wake;
}

/**
 * convene_upcoming_get_meeting_state:
 * @self: a #ConveneUpcoming
 * @meeting: a meeting
 *
 * Returns: the state of @meeting at the last refresh; a meeting not in the
 *   registry is computed on the spot
 */
ConveneMeetingState
convene_upcoming_get_meeting_state (ConveneUpcoming *self,
                                    ConveneMeeting  *meeting)
{
  gpointer state;

  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), CONVENE_MEETING_STATE_NONE);
  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), CONVENE_MEETING_STATE_NONE);

  if (g_hash_table_lookup_extended (self->states, meeting, NULL, &state))
    return GPOINTER_TO_INT (state);

  return convene_schedule_get_state (meeting, self->now, NULL);
}

static ConveneMeetingState
get_state_of (ConveneUpcoming *self,
              GListModel      *meetings)
{
  ConveneMeetingState state = CONVENE_MEETING_STATE_NONE;
  guint n = g_list_model_get_n_items (meetings);

  /* Live wins over soon, soon over nothing. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);

      state = MAX (state, convene_upcoming_get_meeting_state (self, meeting));
    }

  return state;
}

/**
 * convene_upcoming_get_group_state:
 * @self: a #ConveneUpcoming
 * @group: a group
 *
 * Returns: %CONVENE_MEETING_STATE_LIVE if one of the group's own meetings
 *   is running, else %CONVENE_MEETING_STATE_SOON if one is about to start
 */
ConveneMeetingState
convene_upcoming_get_group_state (ConveneUpcoming *self,
                                  ConveneGroup    *group)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), CONVENE_MEETING_STATE_NONE);
  g_return_val_if_fail (CONVENE_IS_GROUP (group), CONVENE_MEETING_STATE_NONE);

  return get_state_of (self, convene_group_get_meetings (group));
}

/**
 * convene_upcoming_get_community_state:
 * @self: a #ConveneUpcoming
 *
 * Returns: the state of the meetings shared by the whole community, as
 *   convene_upcoming_get_group_state() does for a group
 */
ConveneMeetingState
convene_upcoming_get_community_state (ConveneUpcoming *self)
{
  ConveneCommunity *community;

  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), CONVENE_MEETING_STATE_NONE);

  if (self->registry == NULL)
    return CONVENE_MEETING_STATE_NONE;

  community = convene_registry_get_community (self->registry);
  if (community == NULL)
    return CONVENE_MEETING_STATE_NONE;

  return get_state_of (self, convene_community_get_meetings (community));
}

/**
 * convene_upcoming_get_week:
 * @self: a #ConveneUpcoming
 *
 * Lists every meeting, of the community and of each group, whose next
 * start that has not ended is within %CONVENE_UPCOMING_DAYS days of the
 * last refresh: soonest first, meetings at the same time in the order of
 * the registry. A meeting running now is listed, with its start.
 *
 * Returns: (transfer none) (element-type ConveneUpcomingEntry): the
 *   meetings, valid until the next #ConveneUpcoming::changed
 */
GPtrArray *
convene_upcoming_get_week (ConveneUpcoming *self)
{
  g_return_val_if_fail (CONVENE_IS_UPCOMING (self), NULL);
  return self->week;
}
