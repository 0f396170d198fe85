/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "convene-registry-cache.h"
#include "convene-registry-loader.h"
#include "convene-registry-store.h"
#include "convene-registry-store-private.h"

/* The registry the application shows and the state of getting it: the
 * loaded registry or why it failed (with the loader's located issues),
 * and the file being read in a worker thread meanwhile. Windows and the
 * application follow its properties; nobody else keeps a registry.
 *
 * The bundled registry is small and loads at once; a file loads in a
 * thread, and a newer load, cancel() or the end of the store cancels the
 * one under way, whose result never shows.
 *
 * What works is kept: when a file that loaded fails to load again (a
 * reload, or a load of the same path), its last good registry stays
 * :registry while :error and the issues say what is wrong now; both are
 * set at once only then. A failed load of another file replaces the
 * registry with %NULL: showing the old one would pass it off as the new.
 */
struct _ConveneRegistryStore
{
  GObject parent_instance;

  char *bundled_resource;
  /* Where validated registries are kept in binary form; %NULL for none. */
  char *cache_dir;

  ConveneRegistry *registry;
  GPtrArray *issues;
  GError *error;
  char *path;
  gboolean loaded;
  gboolean from_cache;
  /* When the data of the registry is from; %NULL when unknown. */
  GDateTime *date;
  /* Where it came from, when it was loaded by its source (and the source
   * of the load under way): see convene-registry-store-source.c. */
  ConveneRegistrySource *source;
  ConveneRegistrySource *loading_source;
  ConveneRegistryAttachFunc attach;
  ConveneRegistryImportFunc import;   /* files that are not Convene JSON */

  /* The file being read, and how to stop reading it: both %NULL when no
   * load is under way.
   */
  char *loading_path;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (ConveneRegistryStore, convene_registry_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUNDLED_RESOURCE,
  PROP_CACHE_DIR,
  PROP_ERROR,
  PROP_LOADING,
  PROP_LOADING_PATH,
  PROP_PATH,
  PROP_REGISTRY,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

/* Makes a loaded registry, or the failure to load one, the current one,
 * keeping the registry of the same file when it is the failure (see the
 * top of the file). Takes @registry, @issues and @error.
 */
static void
take_result (ConveneRegistryStore *self,
             const char           *path,
             ConveneRegistry      *registry,
             GPtrArray            *issues,
             GError               *error,
             gboolean              from_cache,
             GDateTime            *file_date)
{
  g_assert (registry != NULL || error != NULL);

  if (registry == NULL)
    g_debug ("Failed to load registry %s: %s", path ? path : "(bundled)", error->message);

  if (g_set_object (&self->source, self->loading_source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  g_clear_object (&self->loading_source);

  g_clear_error (&self->error);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  self->error = error;
  self->issues = issues;
  self->loaded = TRUE;

  if (registry == NULL && self->registry != NULL && g_strcmp0 (path, self->path) == 0)
    {
      g_debug ("Keeping the registry that loaded from %s before", path ? path : "(bundled)");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }

  g_clear_object (&self->registry);
  g_clear_pointer (&self->date, g_date_time_unref);
  self->registry = registry;
  self->from_cache = registry != NULL && from_cache;
  if (registry != NULL)
    self->date = _convene_registry_store_dup_date (registry, file_date);

  g_free (self->path);
  self->path = g_strdup (path);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

static void
notify_loading (ConveneRegistryStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* What a load thread hands back: the registry (or the error) and the
 * loader's issues. The registry belongs to the main thread from then on.
 */
typedef struct
{
  char *path;
  char *cache_dir;
  ConveneRegistry *registry;
  GPtrArray *issues;
  gboolean from_cache;
  GDateTime *mtime;
  ConveneRegistrySource *source;
  ConveneRegistryAttachFunc attach;
  ConveneRegistryImportFunc import;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->cache_dir);
  g_clear_object (&data->registry);
  g_clear_pointer (&data->issues, g_ptr_array_unref);
  g_clear_pointer (&data->mtime, g_date_time_unref);
  g_clear_object (&data->source);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  /* A WORKING-GROUPS.md, a sigs.yaml: imported, not cached */
  data->registry = _convene_registry_store_import_file (data->path, data->import, cancellable,
                                                        &data->issues, &error);
  if (data->registry != NULL || error != NULL)
    ;
  else if (data->cache_dir != NULL)
    data->registry = convene_registry_cache_load_file (data->path, data->cache_dir, cancellable,
                                                       &data->from_cache, &data->issues, &error);
  else
    data->registry = convene_registry_load_from_file (data->path, &data->issues, &error);

  g_debug ("Read %s%s", data->path, data->from_cache ? " from the cache" : "");

  /* What the source adds to its registry (its calendar feeds), after the
   * cache, which keeps the registry alone */
  if (data->registry != NULL && data->source != NULL && data->attach != NULL)
    {
      if (data->issues == NULL)
        data->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
      data->attach (data->registry, data->source, data->issues);
    }

  /* How old the data is, for a registry that does not say. */
  if (data->registry != NULL)
    {
      GStatBuf buf;

      if (g_stat (data->path, &buf) == 0)
        data->mtime = g_date_time_new_from_unix_local (buf.st_mtime);
    }

  if (g_task_return_error_if_cancelled (task))
    g_clear_error (&error);
  else if (data->registry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ConveneRegistryStore *self;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    registry = g_steal_pointer (&data->registry);
  issues = g_steal_pointer (&data->issues);

  /* Every load but the current one was cancelled, and so was the current
   * one when the store went away: only an uncancelled load may touch the
   * store, which holds no reference while it waits.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CONVENE_REGISTRY_STORE (user_data);
  g_assert (g_task_get_cancellable (G_TASK (result)) == self->cancellable);

  path = g_steal_pointer (&self->loading_path);
  g_clear_object (&self->cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  take_result (self, path, g_steal_pointer (&registry), g_steal_pointer (&issues),
               g_steal_pointer (&error), data->from_cache, data->mtime);
  notify_loading (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[LOADED], 0);
}

static gboolean
cancel_load (ConveneRegistryStore *self)
{
  if (self->cancellable == NULL)
    return FALSE;

  g_debug ("Cancelling the load of %s", self->loading_path);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loading_source);
  g_clear_pointer (&self->loading_path, g_free);

  return TRUE;
}

/* Vfuncs */

static void
convene_registry_store_dispose (GObject *object)
{
  ConveneRegistryStore *self = (ConveneRegistryStore *)object;

  cancel_load (self);
  g_clear_object (&self->registry);
  g_clear_object (&self->source);
  g_clear_object (&self->loading_source);

  G_OBJECT_CLASS (convene_registry_store_parent_class)->dispose (object);
}

static void
convene_registry_store_finalize (GObject *object)
{
  ConveneRegistryStore *self = (ConveneRegistryStore *)object;

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->loading_path, g_free);
  g_clear_pointer (&self->bundled_resource, g_free);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (convene_registry_store_parent_class)->finalize (object);
}

static void
convene_registry_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ConveneRegistryStore *self = CONVENE_REGISTRY_STORE (object);

  switch (prop_id)
    {
    case PROP_BUNDLED_RESOURCE:
      g_value_set_string (value, self->bundled_resource);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, convene_registry_store_get_loading (self));
      break;

    case PROP_LOADING_PATH:
      g_value_set_string (value, self->loading_path);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registry_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ConveneRegistryStore *self = CONVENE_REGISTRY_STORE (object);

  switch (prop_id)
    {
    case PROP_BUNDLED_RESOURCE:
      self->bundled_resource = g_value_dup_string (value);
      break;

    case PROP_CACHE_DIR:
      g_free (self->cache_dir);
      self->cache_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registry_store_class_init (ConveneRegistryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_registry_store_dispose;
  object_class->finalize = convene_registry_store_finalize;
  object_class->get_property = convene_registry_store_get_property;
  object_class->set_property = convene_registry_store_set_property;

  /**
   * ConveneRegistryStore:bundled-resource:
   *
   * The GResource path of the registry that comes with Convene.
   */
  properties[PROP_BUNDLED_RESOURCE] =
    g_param_spec_string ("bundled-resource", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:cache-dir:
   *
   * Where registry files, once validated, are kept in a binary form that
   * loads in milliseconds (see convene-registry-cache.c); %NULL reads
   * every file with the loader.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:error:
   *
   * Why the registry of #ConveneRegistryStore:path failed to load, or
   * %NULL; then convene_registry_store_get_issues() lists the problems.
   * With a #ConveneRegistryStore:registry, that registry is the one the
   * same file gave before: it failed to load again.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:loading:
   *
   * Whether a registry file is being read. Meanwhile the registry loaded
   * before, if any, stays current.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING_PATH] =
    g_param_spec_string ("loading-path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:path:
   *
   * The file of the current registry (or of the error), %NULL for the
   * bundled registry.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:registry:
   *
   * The current registry; %NULL before the first load and after the
   * load of a new file failed (see #ConveneRegistryStore:error). When a
   * file that loaded fails to load again, its last good registry stays.
   */
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneRegistryStore:source:
   *
   * The source of the current registry when it was loaded with
   * convene_registry_store_load_source(), else %NULL.
   */
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, CONVENE_TYPE_REGISTRY_SOURCE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConveneRegistryStore::loaded:
   *
   * A load finished, with a registry or an error, after every property
   * said so.
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
convene_registry_store_init (ConveneRegistryStore *self)
{
}

/* Public API */

/**
 * convene_registry_store_new:
 * @bundled_resource: the GResource path of the bundled registry
 *
 * Returns: (transfer full): a store with no registry yet
 */
ConveneRegistryStore *
convene_registry_store_new (const char *bundled_resource)
{
  g_return_val_if_fail (bundled_resource != NULL, NULL);

  return g_object_new (CONVENE_TYPE_REGISTRY_STORE,
                       "bundled-resource", bundled_resource,
                       NULL);
}

/**
 * convene_registry_store_get_registry:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable): the current registry
 */
ConveneRegistry *
convene_registry_store_get_registry (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->registry;
}

/**
 * convene_registry_store_get_error:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable): why the last load failed
 */
const GError *
convene_registry_store_get_error (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->error;
}

/**
 * convene_registry_store_get_date:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable): when the data of the current
 *   registry is from: the date its source states, or else the
 *   modification time of its file; %NULL when neither is known
 */
GDateTime *
convene_registry_store_get_date (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->date;
}

/**
 * convene_registry_store_get_issues:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (transfer none) (nullable) (element-type ConveneIssue): what the
 *   loader found wrong with the last file, one entry per problem
 */
GPtrArray *
convene_registry_store_get_issues (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->issues;
}

/**
 * convene_registry_store_get_path:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (nullable): the file of the current registry, %NULL when it is
 *   the bundled one
 */
const char *
convene_registry_store_get_path (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->path;
}

gboolean
convene_registry_store_get_loading (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), FALSE);
  return self->loading_path != NULL;
}

/**
 * convene_registry_store_get_loading_path:
 * @self: a #ConveneRegistryStore
 *
 * Returns: (nullable): the file being read, %NULL when none is
 */
const char *
convene_registry_store_get_loading_path (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), NULL);
  return self->loading_path;
}

/**
 * convene_registry_store_get_loaded:
 * @self: a #ConveneRegistryStore
 *
 * Returns: whether any load has finished, with a registry or an error
 */
gboolean
convene_registry_store_get_loaded (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), FALSE);
  return self->loaded;
}

/**
 * convene_registry_store_get_from_cache:
 * @self: a #ConveneRegistryStore
 *
 * Returns: whether the current registry was read from the binary cache
 *   rather than parsed from its file
 */
gboolean
convene_registry_store_get_from_cache (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), FALSE);
  return self->from_cache;
}

/**
 * convene_registry_store_load:
 * @self: a #ConveneRegistryStore
 * @path: (nullable): a registry file, or %NULL for the bundled one
 *
 * Loads a registry and makes it the current one; on failure
 * #ConveneRegistryStore:error says why, and the registry becomes %NULL
 * unless it came from @path (then it stays: see
 * #ConveneRegistryStore:registry). The bundled
 * registry loads at once; a file in a worker thread, while
 * #ConveneRegistryStore:loading is %TRUE. Any load cancels the one under
 * way.
 */
void
convene_registry_store_load (ConveneRegistryStore *self,
                             const char           *path)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_STORE (self));

  _convene_registry_store_load_path (self, path, NULL, NULL);
}

/* load() of @path on behalf of @source; with @failure, fails at once. */
void
_convene_registry_store_load_path (ConveneRegistryStore  *self,
                                   const char            *path,
                                   ConveneRegistrySource *source,
                                   GError                *failure)
{
  g_autofree char *new_path = g_strdup (path);
  g_autoptr(ConveneRegistrySource) new_source = source ? g_object_ref (source) : NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  gboolean was_loading;

  g_object_freeze_notify (G_OBJECT (self));

  /* @source may be the load under way's, which cancelling forgets */
  was_loading = cancel_load (self);
  g_set_object (&self->loading_source, new_source);

  if (failure != NULL)
    {
      take_result (self, path, NULL, NULL, failure, FALSE, NULL);
      if (was_loading)
        notify_loading (self);
      g_object_thaw_notify (G_OBJECT (self));
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }

  if (new_path != NULL)
    {
      g_debug ("Loading %s in a thread", new_path);

      self->cancellable = g_cancellable_new ();
      self->loading_path = g_steal_pointer (&new_path);

      /* No reference to @self: see loaded_cb(). */
      data = g_new0 (LoadData, 1);
      data->path = g_strdup (self->loading_path);
      data->cache_dir = g_strdup (self->cache_dir);
      data->source = new_source ? g_object_ref (new_source) : NULL;
      data->attach = self->attach;
      data->import = self->import;
      task = g_task_new (NULL, self->cancellable, loaded_cb, self);
      g_task_set_source_tag (task, convene_registry_store_load);
      g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
      g_task_run_in_thread (task, load_thread);
      notify_loading (self);
    }
  else
    {
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (self->bundled_resource, 0, &error);
      g_autofree char *name = g_strconcat ("resource://", self->bundled_resource, NULL);

      if (bytes != NULL)
        registry = convene_registry_load_from_bytes (bytes, name, &issues, &error);

      take_result (self, NULL, g_steal_pointer (&registry), g_steal_pointer (&issues),
                   g_steal_pointer (&error), FALSE, NULL);
      if (was_loading)
        notify_loading (self);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (path == NULL)
    g_signal_emit (self, signals[LOADED], 0);
}

/**
 * convene_registry_store_reload:
 * @self: a #ConveneRegistryStore
 *
 * Reads the current registry file again, or the file being loaded.
 */
void
convene_registry_store_reload (ConveneRegistryStore *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CONVENE_IS_REGISTRY_STORE (self));

  path = g_strdup (self->loading_path ? self->loading_path : self->path);
  _convene_registry_store_load_path (self, path,
                                     self->loading_path ? self->loading_source : self->source,
                                     NULL);
}

/**
 * convene_registry_store_cancel:
 * @self: a #ConveneRegistryStore
 *
 * Stops the load under way, if any; the current registry stays.
 *
 * Returns: whether a load was cancelled
 */
gboolean
convene_registry_store_cancel (ConveneRegistryStore *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (self), FALSE);

  if (!cancel_load (self))
    return FALSE;

  notify_loading (self);
  return TRUE;
}


void
_convene_registry_store_set_import (ConveneRegistryStore      *self,
                                    ConveneRegistryImportFunc  func)
{
  self->import = func;
}

void
_convene_registry_store_set_attach (ConveneRegistryStore      *self,
                                    ConveneRegistryAttachFunc  func)
{
  self->attach = func;
}
