/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-window-private.h"

#include "convene-stars.h"

/* The My Week page of the window: the week of the starred groups of
 * every remembered registry, collected in a thread (each registry is read
 * from its stored copy), each time it is shown, and, while it is shown,
 * when the stars change and when the clock passes a meeting's boundary
 * (soon, start, end):
 * its own timer, since the window's clock follows only the registry shown,
 * or the window's clock when a test sets it.
 */

static void collect (ConveneWindow *self);

/* A page not shown is collected when it is shown again. */
static gboolean
is_shown (ConveneWindow *self)
{
  return self->my_week_page != NULL &&
         gtk_stack_get_visible_child (self->content_stack) == GTK_WIDGET (self->my_week_page);
}

static gboolean
tick_cb (gpointer user_data)
{
  ConveneWindow *self = user_data;

  self->my_week_tick_id = 0;
  if (is_shown (self))
    collect (self);
  return G_SOURCE_REMOVE;
}

/* The next time an entry changes state, or drops out of the week. */
static void
schedule_tick (ConveneWindow *self,
               ConveneMyWeek *week,
               GDateTime     *now)
{
  GTimeSpan next = G_MAXINT64;

  g_assert (CONVENE_IS_WINDOW (self));

  g_clear_handle_id (&self->my_week_tick_id, g_source_remove);
  for (guint i = 0; i < week->entries->len; i++)
    {
      ConveneMyWeekEntry *entry = g_ptr_array_index (week->entries, i);
      GTimeSpan times[] = {
        g_date_time_difference (entry->start, now)
          - CONVENE_SCHEDULE_SOON_MINUTES * G_TIME_SPAN_MINUTE,
        g_date_time_difference (entry->start, now),
        entry->end ? g_date_time_difference (entry->end, now) : G_MAXINT64,
      };

      for (guint j = 0; j < G_N_ELEMENTS (times); j++)
        if (times[j] > 0 && times[j] < next)
          next = times[j];
    }

  /* Whatever else happens, the week moves on once an hour. */
  next = MIN (next, G_TIME_SPAN_HOUR);
  self->my_week_tick_id = g_timeout_add_seconds ((guint) (next / G_TIME_SPAN_SECOND) + 1,
                                                 tick_cb, self);
}

static void
collected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autoptr(GError) error = NULL;

  week = convene_my_week_collect_finish (result, &error);
  if (week == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("My Week: %s", error->message);
      return;
    }
  if (self->my_week_page == NULL)
    return;

  convene_my_week_page_set_week (self->my_week_page, week);
  schedule_tick (self, week, convene_upcoming_get_now (self->upcoming));
  self->my_week_pending = FALSE;
}

static void
collect (ConveneWindow *self)
{
  ConveneRegistries *registries = NULL;
  g_auto(GStrv) stars = NULL;
  GDateTime *now;

  g_assert (CONVENE_IS_WINDOW (self));

  if (self->context != NULL)
    registries = convene_context_get_registries (self->context);
  if (registries == NULL || self->settings == NULL)
    return;

  g_cancellable_cancel (self->my_week_cancellable);
  g_clear_object (&self->my_week_cancellable);
  self->my_week_cancellable = g_cancellable_new ();
  self->my_week_pending = TRUE;

  stars = convene_stars_load (self->settings);
  now = convene_upcoming_get_now (self->upcoming);
  convene_registry_list_load (convene_registries_get_list (registries), NULL);
  convene_my_week_collect_async (convene_registries_get_list (registries),
                                 (const char * const *) stars, now, NULL,
                                 self->my_week_cancellable, collected_cb, g_object_ref (self));
}

/* The stars, or the clock, changed */
static void
stars_changed_cb (ConveneWindow *self)
{
  if (is_shown (self))
    collect (self);
}

void
_convene_window_show_my_week (ConveneWindow *self,
                              gboolean       navigate)
{
  g_assert (CONVENE_IS_WINDOW (self));

  if (self->my_week_page == NULL)
    {
      self->my_week_page = CONVENE_MY_WEEK_PAGE (convene_my_week_page_new ());
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->my_week_page), PAGE_MY_WEEK);
      if (self->settings != NULL)
        g_signal_connect_object (self->settings, "changed::" CONVENE_STARS_KEY,
                                 G_CALLBACK (stars_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->upcoming, "notify::fixed-now",
                               G_CALLBACK (stars_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Shown again, it is collected again: a registry may have been
   * refreshed since.
   */
  collect (self);
  _convene_window_set_page (self, PAGE_MY_WEEK, NULL, _("My Week"), navigate);
}

void
_convene_window_dispose_my_week (ConveneWindow *self)
{
  g_cancellable_cancel (self->my_week_cancellable);
  g_clear_object (&self->my_week_cancellable);
  g_clear_handle_id (&self->my_week_tick_id, g_source_remove);
  /* The stack, with the page, goes with the template. */
  self->my_week_page = NULL;
}

/**
 * convene_window_show_my_week:
 * @self: a #ConveneWindow
 *
 * Shows the My Week page, as the sidebar does: Back starts afresh.
 */
void
convene_window_show_my_week (ConveneWindow *self)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  _convene_window_clear_history (self);
  _convene_window_show_my_week (self, TRUE);
}

/**
 * convene_window_get_my_week_pending:
 * @self: a #ConveneWindow
 *
 * Returns: whether the My Week page is being collected
 */
gboolean
convene_window_get_my_week_pending (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  return self->my_week_pending;
}
