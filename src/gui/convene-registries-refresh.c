/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registries"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registries.h"
#include "convene-registries-private.h"
#include "convene-registry-refresh.h"
#include "convene-stars.h"

/* Refreshing the current registry with the command line's code, and the
 * decision and clock of the automatic daily check.
 */

/* Refresh */

/* The changes, and a line for each starred group of @source that the
 * new registry lacks: a star is kept, never dropped silently.
 */
static GPtrArray *
add_missing_stars (ConveneRegistries    *self,
                   ConveneRegistrySource *source,
                   ConveneRefreshResult  *refreshed)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_auto(GStrv) stars = NULL;
  GPtrArray *changes;

  g_assert (CONVENE_IS_REGISTRIES (self));

  if (self->settings == NULL || refreshed->registry == NULL)
    return g_ptr_array_ref (refreshed->changes);

  stars = convene_stars_load (self->settings);
  missing = convene_stars_missing ((const char * const *) stars,
                                   convene_registry_source_get_id (source), refreshed->registry);
  if (missing->len == 0)
    return g_ptr_array_ref (refreshed->changes);

  changes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < refreshed->changes->len; i++)
    g_ptr_array_add (changes, g_strdup (g_ptr_array_index (refreshed->changes, i)));
  for (guint i = 0; i < missing->len; i++)
    g_ptr_array_add (changes, g_strdup (g_ptr_array_index (missing, i)));
  return changes;
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConveneRegistries *self = g_task_get_source_object (task);
  ConveneRegistrySource *source = g_task_get_task_data (task);
  g_autoptr(ConveneRefreshResult) refreshed = NULL;
  GError *error = NULL;

  if ((refreshed = convene_registry_refresh_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The new stored copy is what the window shows; a 304 changes nothing. */
  if (!refreshed->unchanged && convene_registries_get_current (self) == source)
    convene_registry_store_load_source (self->store, source);
  else
    _convene_registries_items_changed (self);

  g_task_return_pointer (task, add_missing_stars (self, source, refreshed),
                         (GDestroyNotify)g_ptr_array_unref);
}

/**
 * convene_registries_refresh_async:
 *
 * Refreshes the current registry from its source (a URL, or the bundled
 * registry's upstream) with convene_registry_refresh_async(), then shows
 * the new stored copy; a file is read again. On failure the registry
 * shown stays.
 */
void
convene_registries_refresh_async (ConveneRegistries   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConveneRegistrySource *source;

  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_registries_refresh_async);

  source = convene_registries_get_current (self);
  if (source == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no registry to refresh"));
      return;
    }
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);

  if (self->hooks.refresh != NULL)
    {
      self->hooks.refresh (self, source, g_steal_pointer (&task), self->hooks_data);
    }
  else if (convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_FILE)
    {
      /* A file has nothing to download: it is read again, where it is;
       * what changed is not known.
       */
      convene_registry_store_reload (self->store);
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    convene_registry_refresh_async (self->list, source, NULL, cancellable, refreshed_cb,
                                    g_steal_pointer (&task));
}

/**
 * convene_registries_refresh_finish:
 *
 * Returns: (transfer full) (nullable): the lines of what changed (empty:
 *   nothing did), or %NULL with @error unset when that is not known
 */
GPtrArray *
convene_registries_refresh_finish (ConveneRegistries  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The daily check */

/**
 * convene_registries_dup_now:
 *
 * Returns: (transfer full): the time by the clock of the daily check
 */
GDateTime *
convene_registries_dup_now (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);

  if (self->hooks.now != NULL)
    return self->hooks.now (self->hooks_data);

  return g_date_time_new_now_utc ();
}

/**
 * convene_registries_should_check:
 *
 * Returns: whether the automatic check is on and due by its clock
 *   (convene_registry_check_due())
 */
gboolean
convene_registries_should_check (ConveneRegistries *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) last = NULL;
  gint64 last_unix;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);

  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "auto-refresh"))
    return FALSE;

  now = convene_registries_dup_now (self);
  last_unix = g_settings_get_int64 (self->settings, "last-refresh-check");
  if (last_unix > 0)
    last = g_date_time_new_from_unix_utc (last_unix);

  if (self->hooks.should_check != NULL)
    return self->hooks.should_check (last, now);

  return convene_registry_check_due (last, now);
}

/**
 * convene_registries_mark_checked:
 *
 * Remembers that the daily check ran now.
 */
void
convene_registries_mark_checked (ConveneRegistries *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  if (self->settings == NULL)
    return;

  now = convene_registries_dup_now (self);
  g_settings_set_int64 (self->settings, "last-refresh-check", g_date_time_to_unix (now));
}
