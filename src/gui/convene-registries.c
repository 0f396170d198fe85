/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registries"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-registries.h"
#include "convene-registries-private.h"
#include "convene-registry-refresh.h"

/* The one seam between the window and the registries the user keeps.
 *
 * Its model is the #ConveneRegistryList of core/ itself (a GListModel of
 * #ConveneRegistrySource, the bundled one first, kept in registries.json
 * of $XDG_DATA_HOME/convene or $CONVENE_DATA_DIR): one list, not a copy,
 * so the window, `convene --registries` and `convene --refresh` see the
 * same registries, dates and stored copies. The current registry is the
 * store's :source. Opening a URL and refreshing go through src/refresh,
 * the same code as the command line's; the store then loads the stored
 * copy, so everything works offline afterwards.
 *
 * gui/ links src/refresh (and with it import/) rather than having the
 * application set hooks: the window then refreshes the same way in the
 * tests, which build windows without the application's help, and the
 * hooks stay what the tests put in place of the network and the clock.
 */

G_DEFINE_FINAL_TYPE (ConveneRegistries, convene_registries, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOWNLOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_convene_registries_items_changed (ConveneRegistries *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  /* A title, a date and which one is current changed: every row bound
   * to the model is made again (a handful of them).
   */
  g_list_model_items_changed (G_LIST_MODEL (self->list), 0, n, n);
}

/* A registry the store loaded is remembered, with what it says of itself. */
static void
store_loaded_cb (ConveneRegistries    *self,
                 ConveneRegistryStore *store)
{
  ConveneRegistry *registry = convene_registry_store_get_registry (store);
  const char *path = convene_registry_store_get_path (store);
  ConveneRegistrySource *source;
  ConveneCommunity *community;

  if (registry == NULL || convene_registry_store_get_error (store) != NULL)
    return;

  source = convene_registries_get_current (self);
  if (source == NULL && path != NULL)
    source = convene_registry_list_add (self->list, path, NULL);
  if (source == NULL)
    return;

  community = convene_registry_get_community (registry);
  if (community != NULL && convene_community_get_name (community) != NULL &&
      *convene_community_get_name (community) != '\0')
    convene_registry_source_set_title (source, convene_community_get_name (community));

  /* A download's date is the refresh's to say (Last-Modified, or what
   * the content states); a file's is what the store found.
   */
  if (convene_registry_source_get_kind (source) != CONVENE_SOURCE_KIND_URL ||
      convene_registry_source_get_content_date (source) == NULL)
    convene_registry_source_set_content_date (source, convene_registry_store_get_date (store));

  convene_registries_save (self);
  _convene_registries_items_changed (self);
}

static void
convene_registries_dispose (GObject *object)
{
  ConveneRegistries *self = (ConveneRegistries *)object;

  convene_registries_cancel (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (convene_registries_parent_class)->dispose (object);
}

static void
convene_registries_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConveneRegistries *self = CONVENE_REGISTRIES (object);

  switch (prop_id)
    {
    case PROP_DOWNLOADING:
      g_value_set_boolean (value, convene_registries_get_downloading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registries_class_init (ConveneRegistriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_registries_dispose;
  object_class->get_property = convene_registries_get_property;

  /**
   * ConveneRegistries:downloading:
   *
   * Whether a registry opened from a URL is being downloaded for the
   * first time (the window shows its loading page, with Cancel).
   */
  properties[PROP_DOWNLOADING] =
    g_param_spec_boolean ("downloading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConveneRegistries::open-failed:
   * @message: why, in plain words
   *
   * Opening a URL failed; the registry shown stays.
   */
  signals[OPEN_FAILED] =
    g_signal_new ("open-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
convene_registries_init (ConveneRegistries *self)
{
}

/**
 * convene_registries_new:
 * @store: the store the current registry is loaded into
 * @settings: (nullable): where the daily check is switched on and remembered
 *
 * Returns: (transfer full): the registries of convene_registry_list_default_dir()
 */
ConveneRegistries *
convene_registries_new (ConveneRegistryStore *store,
                        GSettings            *settings)
{
  ConveneRegistries *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CONVENE_TYPE_REGISTRIES, NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->list = convene_registry_list_new (NULL);

  /* A damaged list starts again with the bundled registry: not fatal. */
  if (!convene_registry_list_load (self->list, &error))
    g_warning ("%s", error->message);

  g_signal_connect_object (store, "loaded", G_CALLBACK (store_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (convene_registry_store_get_registry (store) != NULL)
    store_loaded_cb (self, store);

  return self;
}

/**
 * convene_registries_set_hooks:
 * @self: a #ConveneRegistries
 * @hooks: (nullable): what replaces the network or the clock; a %NULL
 *   member keeps the real one
 * @user_data: passed to the hooks
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
 * convene_registries_get_list:
 *
 * Returns: (transfer none): the remembered registries
 */
ConveneRegistryList *
convene_registries_get_list (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  return self->list;
}

/**
 * convene_registries_get_model:
 *
 * Returns: (transfer none): a #GListModel of #ConveneRegistrySource, the
 *   bundled one first: the list itself
 */
GListModel *
convene_registries_get_model (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  return G_LIST_MODEL (self->list);
}

/**
 * convene_registries_save:
 *
 * Keeps the list as it is now (a last group, a title); a list that cannot
 * be written only forgets, so this warns.
 */
void
convene_registries_save (ConveneRegistries *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  if (!convene_registry_list_save (self->list, &error))
    g_warning ("Could not save the list of registries: %s", error->message);
}

/**
 * convene_registries_get_title:
 *
 * Returns: what to call @source: its community's name when it was
 *   loaded once, else its file's or address's name
 */
const char *
convene_registries_get_title (ConveneRegistries     *self,
                              ConveneRegistrySource *source)
{
  const char *title;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), NULL);

  if ((title = convene_registry_source_get_title (source)) != NULL && *title != '\0')
    return title;
  if (convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_BUNDLED)
    return _("Bundled Registry");
  return convene_registry_source_get_location (source);
}

/**
 * convene_registries_lookup:
 *
 * Returns: (transfer none) (nullable): the source of @id
 */
ConveneRegistrySource *
convene_registries_lookup (ConveneRegistries *self,
                           const char        *id)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);

  return id != NULL ? convene_registry_list_lookup (self->list, id) : NULL;
}

/**
 * convene_registries_get_current:
 *
 * Returns: (transfer none) (nullable): the source of the registry the
 *   store holds, %NULL when it holds one not remembered (yet)
 */
ConveneRegistrySource *
convene_registries_get_current (ConveneRegistries *self)
{
  ConveneRegistrySource *source;
  const char *path;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);

  if ((source = convene_registry_store_get_source (self->store)) != NULL)
    return convene_registry_list_lookup (self->list, convene_registry_source_get_id (source));

  /* Loaded by its path, not its source (convene_registry_store_load()). */
  path = convene_registry_store_get_path (self->store);
  if (path == NULL)
    return convene_registry_list_get_bundled (self->list);
  return convene_registry_list_lookup_location (self->list, path);
}

/* Opening a URL the first time: its download */

typedef struct
{
  ConveneRegistries *self;
  ConveneRegistrySource *source;
  GCancellable *cancellable;
  gboolean added;
} Opening;

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->self);
  g_object_unref (opening->source);
  g_object_unref (opening->cancellable);
  g_free (opening);
}

static void
set_downloading (ConveneRegistries *self,
                 GCancellable      *cancellable,
                 const char        *location)
{
  g_clear_object (&self->download);
  g_clear_pointer (&self->downloading, g_free);
  self->download = cancellable ? g_object_ref (cancellable) : NULL;
  self->downloading = g_strdup (location);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOADING]);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Opening *opening = user_data;
  ConveneRegistries *self = opening->self;
  g_autoptr(ConveneRefreshResult) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  refreshed = convene_registry_refresh_finish (result, &error);

  if (self->download == opening->cancellable)
    set_downloading (self, NULL, NULL);

  /* Cancelled after the download was complete, the copy is in place. */
  if (refreshed == NULL && !convene_registry_source_has_stored_copy (opening->source))
    {
      /* Nothing to show for it: not remembered either. */
      if (opening->added)
        {
          convene_registry_list_remove (self->list,
                                        convene_registry_source_get_id (opening->source), NULL);
          convene_registries_save (self);
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: the first %s is a web address, the second says why */
          g_autofree char *message = g_strdup_printf (_("Could not open %s: %s"),
                                                      convene_registry_source_get_location (
                                                        opening->source),
                                                      error->message);

          g_signal_emit (self, signals[OPEN_FAILED], 0, message);
        }
      opening_free (opening);
      return;
    }

  if (!g_cancellable_is_cancelled (opening->cancellable))
    convene_registry_store_load_source (self->store, opening->source);
  opening_free (opening);
}

static gboolean
open_source (ConveneRegistries     *self,
             ConveneRegistrySource *source,
             gboolean               added,
             GError               **error)
{
  Opening *opening;

  if (convene_registry_source_get_kind (source) != CONVENE_SOURCE_KIND_URL ||
      convene_registry_source_has_stored_copy (source))
    {
      convene_registries_cancel (self);
      convene_registry_store_load_source (self->store, source);
      return TRUE;
    }

  if (self->hooks.open_uri != NULL)
    return self->hooks.open_uri (self, convene_registry_source_get_location (source),
                                 self->hooks_data, error);

  convene_registries_cancel (self);

  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->source = g_object_ref (source);
  opening->cancellable = g_cancellable_new ();
  opening->added = added;
  set_downloading (self, opening->cancellable, convene_registry_source_get_location (source));

  convene_registry_refresh_async (self->list, source, NULL, opening->cancellable,
                                  downloaded_cb, opening);
  return TRUE;
}

/**
 * convene_registries_open:
 * @location: (nullable): a file's path, an http(s) URL, or %NULL for the
 *   bundled registry
 *
 * Remembers @location and shows its registry: a file where it is, a URL
 * from its stored copy, downloading it the first time (see
 * #ConveneRegistries:downloading and ::open-failed).
 *
 * Returns: whether opening started
 */
gboolean
convene_registries_open (ConveneRegistries  *self,
                         const char         *location,
                         GError            **error)
{
  ConveneRegistrySource *source;
  gboolean added;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);

  if (location == NULL)
    return open_source (self, convene_registry_list_get_bundled (self->list), FALSE, error);

  /* A file is remembered once it loaded (see store_loaded_cb()), so a
   * mistyped path does not stay in the list.
   */
  if (!convene_registry_location_is_url (location))
    {
      g_autoptr(ConveneRegistrySource) file = NULL;

      if ((source = convene_registry_list_lookup_location (self->list, location)) != NULL)
        return open_source (self, source, FALSE, error);
      if ((file = convene_registry_source_new_for_location (location, error)) == NULL)
        return FALSE;
      return open_source (self, file, FALSE, error);
    }

  added = convene_registry_list_lookup_location (self->list, location) == NULL;
  if ((source = convene_registry_list_add (self->list, location, error)) == NULL)
    return FALSE;
  if (added)
    convene_registries_save (self);

  return open_source (self, source, added, error);
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

  return convene_registries_open (self, uri, error);
}

gboolean
convene_registries_get_downloading (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  return self->download != NULL;
}

/**
 * convene_registries_get_downloading_location:
 *
 * Returns: (nullable): the URL being downloaded
 */
const char *
convene_registries_get_downloading_location (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), NULL);
  return self->downloading;
}

/**
 * convene_registries_cancel:
 *
 * Stops the download of a URL being opened; the registry shown stays.
 *
 * Returns: whether one was under way
 */
gboolean
convene_registries_cancel (ConveneRegistries *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);

  if (self->download == NULL)
    return FALSE;

  g_cancellable_cancel (self->download);
  set_downloading (self, NULL, NULL);
  return TRUE;
}

/**
 * convene_registries_reload:
 *
 * Reads the current registry again through its source, so a copy that
 * `convene --refresh` stored meanwhile is what shows; a file being loaded
 * is started again.
 */
void
convene_registries_reload (ConveneRegistries *self)
{
  ConveneRegistrySource *source;

  g_return_if_fail (CONVENE_IS_REGISTRIES (self));

  source = convene_registries_get_current (self);
  if (convene_registry_store_get_loading (self->store) || source == NULL ||
      convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_FILE)
    convene_registry_store_reload (self->store);
  else
    convene_registry_store_load_source (self->store, source);
}

/**
 * convene_registries_switch:
 *
 * Makes the registry of @id the current one: the store loads it.
 *
 * Returns: whether there is such a registry
 */
gboolean
convene_registries_switch (ConveneRegistries  *self,
                           const char         *id,
                           GError            **error)
{
  ConveneRegistrySource *source;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((source = convene_registries_lookup (self, id)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("That registry is no longer in the list"));
      return FALSE;
    }

  return open_source (self, source, FALSE, error);
}

/**
 * convene_registries_remove:
 *
 * Forgets the registry of @id and deletes its stored copy; the current
 * one is replaced by the bundled one, which always stays.
 *
 * Returns: whether it was removed
 */
gboolean
convene_registries_remove (ConveneRegistries  *self,
                           const char         *id,
                           GError            **error)
{
  ConveneRegistrySource *source;
  gboolean current;

  g_return_val_if_fail (CONVENE_IS_REGISTRIES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_strcmp0 (id, CONVENE_BUNDLED_SOURCE_ID) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The registry that comes with Convene cannot be removed"));
      return FALSE;
    }

  if ((source = convene_registries_lookup (self, id)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("That registry is no longer in the list"));
      return FALSE;
    }

  current = convene_registries_get_current (self) == source;
  if (!convene_registry_list_remove (self->list, id, error))
    return FALSE;
  convene_registries_save (self);

  if (current)
    convene_registries_open (self, NULL, NULL);

  return TRUE;
}
