/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registries"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-registries.h"

/* The one seam between the window and the registries the user keeps.
 *
 * What the window needs: a list of remembered registries (a GListModel of
 * #ConveneRegistryEntry: id, title, source, the date of the content, when
 * it was fetched, the group last shown, whether it may be removed), which
 * one is current, switching and removing, opening a web address,
 * refreshing the current one with a list of what changed, and the
 * decision and clock of the automatic daily check.
 *
 * What backs it today, until the registry sources of issue 9 land in
 * core/ and net/: the bundled registry (always first, never removable)
 * and every file the store loaded while the application runs, in memory;
 * switching loads the entry's file into the store; opening a web address
 * says it is not supported yet; refreshing reloads the store and knows no
 * change list. ConveneRegistriesHooks replaces each of these stand-ins
 * with the real thing, so the window keeps this API when the real model
 * comes: the lead backs the hooks (or this whole file) with it.
 */

/* ConveneRegistryEntry */

struct _ConveneRegistryEntry
{
  GObject parent_instance;

  char *id;
  char *title;
  char *source;
  GDateTime *content_date;
  GDateTime *fetched;
  char *last_group;
};

G_DEFINE_FINAL_TYPE (ConveneRegistryEntry, convene_registry_entry, G_TYPE_OBJECT)

static void
convene_registry_entry_finalize (GObject *object)
{
  ConveneRegistryEntry *self = (ConveneRegistryEntry *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->source);
  g_clear_pointer (&self->content_date, g_date_time_unref);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_free (self->last_group);

  G_OBJECT_CLASS (convene_registry_entry_parent_class)->finalize (object);
}

static void
convene_registry_entry_class_init (ConveneRegistryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convene_registry_entry_finalize;
}

static void
convene_registry_entry_init (ConveneRegistryEntry *self)
{
}

/**
 * convene_registry_entry_new:
 * @id: what identifies the entry: %CONVENE_REGISTRY_ENTRY_BUNDLED, or its source
 * @title: what the user calls it
 * @source: (nullable): the path or address it comes from; %NULL for the bundled one
 *
 * Returns: (transfer full): a new entry
 */
ConveneRegistryEntry *
convene_registry_entry_new (const char *id,
                            const char *title,
                            const char *source)
{
  ConveneRegistryEntry *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CONVENE_TYPE_REGISTRY_ENTRY, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->source = g_strdup (source);
  return self;
}

const char *
convene_registry_entry_get_id (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->id;
}

const char *
convene_registry_entry_get_title (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->title;
}

void
convene_registry_entry_set_title (ConveneRegistryEntry *self,
                                  const char           *title)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_ENTRY (self));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * convene_registry_entry_get_source:
 *
 * Returns: (nullable): the path or address; %NULL for the bundled registry
 */
const char *
convene_registry_entry_get_source (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->source;
}

/**
 * convene_registry_entry_get_content_date:
 *
 * Returns: (nullable) (transfer none): when the content is from
 */
GDateTime *
convene_registry_entry_get_content_date (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->content_date;
}

static void
set_date (GDateTime **field,
          GDateTime  *date)
{
  if (*field == date)
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = date ? g_date_time_ref (date) : NULL;
}

void
convene_registry_entry_set_content_date (ConveneRegistryEntry *self,
                                         GDateTime            *date)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_ENTRY (self));
  set_date (&self->content_date, date);
}

/**
 * convene_registry_entry_get_fetched:
 *
 * Returns: (nullable) (transfer none): when the content was last
 *   downloaded; %NULL for one that never was (a file, the bundled one)
 */
GDateTime *
convene_registry_entry_get_fetched (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->fetched;
}

void
convene_registry_entry_set_fetched (ConveneRegistryEntry *self,
                                    GDateTime            *fetched)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_ENTRY (self));
  set_date (&self->fetched, fetched);
}

/**
 * convene_registry_entry_get_last_group:
 *
 * Returns: (nullable): the id of the group last shown of this registry;
 *   %NULL when none was (the overview)
 */
const char *
convene_registry_entry_get_last_group (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), NULL);
  return self->last_group;
}

void
convene_registry_entry_set_last_group (ConveneRegistryEntry *self,
                                       const char           *group_id)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_ENTRY (self));

  if (group_id != NULL && *group_id == '\0')
    group_id = NULL;

  g_free (self->last_group);
  self->last_group = g_strdup (group_id);
}

gboolean
convene_registry_entry_get_removable (ConveneRegistryEntry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_ENTRY (self), FALSE);
  return g_strcmp0 (self->id, CONVENE_REGISTRY_ENTRY_BUNDLED) != 0;
}

/* ConveneRegistries */

struct _ConveneRegistries
{
  GObject parent_instance;

  ConveneRegistryStore *store;
  GSettings *settings;
  GListStore *entries;

  ConveneRegistriesHooks hooks;
  gpointer hooks_data;
};

G_DEFINE_FINAL_TYPE (ConveneRegistries, convene_registries, G_TYPE_OBJECT)

static guint
find_entry (ConveneRegistries *self,
            const char        *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneRegistryEntry) entry = NULL;

      entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (g_strcmp0 (entry->id, id) == 0)
        return i;
    }

  return G_MAXUINT;
}

/* A registry the store loaded is remembered, with what it says of itself. */
static void
store_loaded_cb (ConveneRegistries    *self,
                 ConveneRegistryStore *store)
{
  ConveneRegistry *registry = convene_registry_store_get_registry (store);
  const char *path = convene_registry_store_get_path (store);
  ConveneRegistryEntry *entry;
  ConveneCommunity *community;

  if (registry == NULL || convene_registry_store_get_error (store) != NULL)
    return;

  entry = convene_registries_get_current (self);
  if (entry == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autoptr(ConveneRegistryEntry) added = convene_registry_entry_new (path, name, path);

      g_list_store_append (self->entries, added);
      entry = added;
    }

  community = convene_registry_get_community (registry);
  if (community != NULL && convene_community_get_name (community) != NULL &&
      *convene_community_get_name (community) != '\0')
    convene_registry_entry_set_title (entry, convene_community_get_name (community));
  convene_registry_entry_set_content_date (entry, convene_registry_store_get_date (store));

  /* A title, a date and which one is current changed: every row bound
   * to the model is made again (a handful of them).
   */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

    g_list_model_items_changed (G_LIST_MODEL (self->entries), 0, n, n);
  }
}

static void
convene_registries_dispose (GObject *object)
{
  ConveneRegistries *self = (ConveneRegistries *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (convene_registries_parent_class)->dispose (object);
}

static void
convene_registries_class_init (ConveneRegistriesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = convene_registries_dispose;
}

static void
convene_registries_init (ConveneRegistries *self)
{
  self->entries = g_list_store_new (CONVENE_TYPE_REGISTRY_ENTRY);
}

/**
 * convene_registries_new:
 * @store: the store the current registry is loaded into
 * @settings: (nullable): where the daily check is switched on and remembered
 *
 * Returns: (transfer full): the registries, with the bundled one
 */
ConveneRegistries *
convene_registries_new (ConveneRegistryStore *store,
                        GSettings            *settings)
{
  ConveneRegistries *self;
  g_autoptr(ConveneRegistryEntry) bundled = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CONVENE_TYPE_REGISTRIES, NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;

  bundled = convene_registry_entry_new (CONVENE_REGISTRY_ENTRY_BUNDLED,
                                        _("Bundled Registry"), NULL);
  g_list_store_append (self->entries, bundled);

  g_signal_connect_object (store, "loaded", G_CALLBACK (store_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (convene_registry_store_get_registry (store) != NULL)
    store_loaded_cb (self, store);

  return self;
}

/**
 * convene_registries_set_hooks:
 * @self: a #ConveneRegistries
 * @hooks: (nullable): what replaces the stand-ins; a %NULL member keeps its stand-in
 * @user_data: passed to the hooks
 *
 * Backs the seam with the real registry sources.
 */
void
convene_registries_set_hooks (ConveneRegistries            *self,
                              const ConveneRegistriesHooks *hooks,
                              gpointer                      user_data)
{
  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  if (hooks != NULL)
    self->hooks = *hooks;
  else
    memset (&self->hooks, 0, sizeof self->hooks);
  self->hooks_data = user_data;
}

/**
 * convene_registries_get_model:
 *
 * Returns: (transfer none): a #GListModel of #ConveneRegistryEntry, the
 *   bundled one first
 */
GListModel *
convene_registries_get_model (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  return G_LIST_MODEL (self->entries);
}

/**
 * convene_registries_lookup:
 *
 * Returns: (transfer none) (nullable): the entry of @id
 */
ConveneRegistryEntry *
convene_registries_lookup (ConveneRegistries *self,
                           const char        *id)
{
  guint position;
  g_autoptr(ConveneRegistryEntry) entry = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);

  if ((position = find_entry (self, id)) == G_MAXUINT)
    return NULL;

  /* The list store holds it. */
  entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  return entry;
}

/**
 * convene_registries_get_current:
 *
 * Returns: (transfer none) (nullable): the entry of the registry the
 *   store holds, %NULL when it holds one not remembered (yet)
 */
ConveneRegistryEntry *
convene_registries_get_current (ConveneRegistries *self)
{
  const char *path;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);

  path = convene_registry_store_get_path (self->store);
  return convene_registries_lookup (self, path != NULL ? path : CONVENE_REGISTRY_ENTRY_BUNDLED);
}

/**
 * convene_registries_switch:
 *
 * Makes the registry of @id the current one: the store loads it.
 *
 * Returns: whether there is such an entry
 */
gboolean
convene_registries_switch (ConveneRegistries  *self,
                           const char         *id,
                           GError            **error)
{
  ConveneRegistryEntry *entry;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((entry = convene_registries_lookup (self, id)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("That registry is no longer in the list"));
      return FALSE;
    }

  convene_registry_store_load (self->store, entry->source);
  return TRUE;
}

/**
 * convene_registries_remove:
 *
 * Forgets the registry of @id; the current one is replaced by the
 * bundled one. The bundled registry always stays.
 *
 * Returns: whether it was removed
 */
gboolean
convene_registries_remove (ConveneRegistries  *self,
                           const char         *id,
                           GError            **error)
{
  guint position;
  gboolean current;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_strcmp0 (id, CONVENE_REGISTRY_ENTRY_BUNDLED) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The registry that comes with Convene cannot be removed"));
      return FALSE;
    }

  if ((position = find_entry (self, id)) == G_MAXUINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("That registry is no longer in the list"));
      return FALSE;
    }

  current = convene_registries_get_current (self) ==
            convene_registries_lookup (self, id);
  g_list_store_remove (self->entries, position);

  if (current)
    convene_registry_store_load (self->store, NULL);

  return TRUE;
}

/**
 * convene_registries_open_uri:
 * @uri: an http or https address, checked by convene_location_check()
 *
 * Returns: whether opening @uri started
 */
gboolean
convene_registries_open_uri (ConveneRegistries  *self,
                             const char         *uri,
                             GError            **error)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->hooks.open_uri != NULL)
    return self->hooks.open_uri (self, uri, self->hooks_data, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Opening registries from the web is not supported yet"));
  return FALSE;
}

/* The stand-in of a refresh: the file again, what changed not known. */
static void
reload_refresh (ConveneRegistries    *self,
                ConveneRegistryEntry *entry,
                GTask                *task)
{
  convene_registry_store_reload (self->store);
  g_task_return_pointer (task, NULL, NULL);
}

/**
 * convene_registries_refresh_async:
 *
 * Refreshes the current registry from its source.
 */
void
convene_registries_refresh_async (ConveneRegistries   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConveneRegistryEntry *entry;

  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_registries_refresh_async);

  entry = convene_registries_get_current (self);
  if (entry == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no registry to refresh"));
      return;
    }

  if (self->hooks.refresh != NULL)
    self->hooks.refresh (self, entry, g_steal_pointer (&task), self->hooks_data);
  else
    reload_refresh (self, entry, task);
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
 * convene_registries_default_should_check:
 *
 * The stand-in decision: at most once a day, and not when the clock went
 * back before the last check.
 */
gboolean
convene_registries_default_should_check (GDateTime *last_check,
                                         GDateTime *now)
{
  GTimeSpan since;

  g_return_val_if_fail (now != NULL, FALSE);

  if (last_check == NULL)
    return TRUE;

  since = g_date_time_difference (now, last_check);
  return since >= G_TIME_SPAN_DAY || since < 0;
}

/**
 * convene_registries_should_check:
 *
 * Returns: whether the automatic check is on and due by its clock
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

  return convene_registries_default_should_check (last, now);
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
