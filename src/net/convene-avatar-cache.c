/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>

#include "convene-avatar-cache-private.h"

/* The object: its properties and signal, the session, the settings
 * binding, construction and clearing. The rest of the cache lives in
 * convene-avatar-queue.c (loads), convene-avatar-fetch.c (downloads) and
 * convene-avatar-store.c (files). */

#define DEFAULT_FRESHNESS           (7 * 24 * 60 * 60)
#define DEFAULT_TIMEOUT             30
#define MAX_CONNECT_TIMEOUT         10
#define DEFAULT_MAX_IN_FLIGHT       6
#define MAX_IN_FLIGHT_LIMIT         16
#define DEFAULT_FAILURE_RETRY_DELAY (60 * 60)
#define DEFAULT_MEMORY_LIMIT        256
#define IDLE_TIMEOUT                60

G_DEFINE_FINAL_TYPE (ConveneAvatarCache, convene_avatar_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  PROP_SESSION,
  PROP_IMAGE_SIZE,
  PROP_FRESHNESS,
  PROP_MAX_IN_FLIGHT,
  PROP_TIMEOUT,
  PROP_FAILURE_RETRY_DELAY,
  PROP_MEMORY_LIMIT,
  PROP_N_PENDING,
  N_PROPS
};

enum {
  AVATAR_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers: the other parts notify and emit through these, since the pspecs
 * and the signal id live here. */

void
notify_n_pending (ConveneAvatarCache *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

void
emit_avatar_updated (ConveneAvatarCache *self,
                     const char         *url,
                     GdkTexture         *texture)
{
  g_signal_emit (self, signals[AVATAR_UPDATED], 0, url, texture);
}

static gboolean
freshness_from_days (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 24 * 60 * 60);
  return TRUE;
}

/* Vfuncs */

static void
convene_avatar_cache_constructed (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      guint connect_timeout = MIN (self->timeout, MAX_CONNECT_TIMEOUT);

      self->owns_session = TRUE;
      self->session = soup_session_new_with_options ("user-agent", "Convene/" PACKAGE_VERSION,
                                                     "timeout", connect_timeout,
                                                     "idle-timeout", IDLE_TIMEOUT,
                                                     "max-conns", MAX_IN_FLIGHT_LIMIT * 2,
                                                     "max-conns-per-host", MAX_IN_FLIGHT_LIMIT,
                                                     NULL);
    }

  if (g_mkdir_with_parents (self->cache_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_warning ("Could not create the avatar cache %s: %s; avatars will not be kept",
                 self->cache_dir, g_strerror (saved_errno));
    }

  remove_stray_temporary_files (self);
}

static void
convene_avatar_cache_dispose (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  memory_clear (self);
  g_hash_table_remove_all (self->failures);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->dispose (object);
}

static void
convene_avatar_cache_finalize (GObject *object)
{
  ConveneAvatarCache *self = (ConveneAvatarCache *)object;

  /* Each request holds a reference, so none can be left here. */
  g_assert (g_hash_table_size (self->requests) == 0);

  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (convene_avatar_cache_parent_class)->finalize (object);
}

static void
convene_avatar_cache_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConveneAvatarCache *self = CONVENE_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_IMAGE_SIZE:
      g_value_set_uint (value, self->image_size);
      break;

    case PROP_FRESHNESS:
      g_value_set_uint (value, self->freshness);
      break;

    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_FAILURE_RETRY_DELAY:
      g_value_set_uint (value, self->failure_retry_delay);
      break;

    case PROP_MEMORY_LIMIT:
      g_value_set_uint (value, self->memory_limit);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, convene_avatar_cache_get_n_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_avatar_cache_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConveneAvatarCache *self = CONVENE_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_IMAGE_SIZE:
      self->image_size = g_value_get_uint (value);
      break;

    case PROP_FRESHNESS:
      convene_avatar_cache_set_freshness (self, g_value_get_uint (value));
      break;

    case PROP_MAX_IN_FLIGHT:
      convene_avatar_cache_set_max_in_flight (self, g_value_get_uint (value));
      break;

    case PROP_TIMEOUT:
      convene_avatar_cache_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_FAILURE_RETRY_DELAY:
      convene_avatar_cache_set_failure_retry_delay (self, g_value_get_uint (value));
      break;

    case PROP_MEMORY_LIMIT:
      convene_avatar_cache_set_memory_limit (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_avatar_cache_class_init (ConveneAvatarCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = convene_avatar_cache_constructed;
  object_class->dispose = convene_avatar_cache_dispose;
  object_class->finalize = convene_avatar_cache_finalize;
  object_class->get_property = convene_avatar_cache_get_property;
  object_class->set_property = convene_avatar_cache_set_property;

  /**
   * ConveneAvatarCache:cache-dir:
   *
   * The directory holding one PNG and one key file per avatar URL.
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:session:
   *
   * The session every request goes through; the cache makes its own when
   * none is given.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:image-size:
   *
   * The edge in pixels of the square images kept on disk and handed out.
   */
  properties[PROP_IMAGE_SIZE] =
    g_param_spec_uint ("image-size", NULL, NULL,
                       16, 1024, CONVENE_AVATAR_CACHE_DEFAULT_IMAGE_SIZE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:freshness:
   *
   * Seconds a cached avatar is used before it is revalidated with the server;
   * a longer max-age in the response's Cache-Control wins, up to
   * %CONVENE_AVATAR_CACHE_MAX_AGE. An avatar sent with no-store is never
   * written to disk.
   */
  properties[PROP_FRESHNESS] =
    g_param_spec_uint ("freshness", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_FRESHNESS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:max-in-flight:
   *
   * How many requests may be on the network at once; more wait in a queue.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, MAX_IN_FLIGHT_LIMIT, DEFAULT_MAX_IN_FLIGHT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:timeout:
   *
   * Seconds one whole request (redirects and body included) may take.
   * Connecting gets at most ten of them.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:failure-retry-delay:
   *
   * Seconds a failed URL is answered with its error without asking the
   * server again; 0 forgets failures at once.
   */
  properties[PROP_FAILURE_RETRY_DELAY] =
    g_param_spec_uint ("failure-retry-delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_FAILURE_RETRY_DELAY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:memory-limit:
   *
   * How many decoded textures the memory cache keeps; the least recently
   * used go first.
   */
  properties[PROP_MEMORY_LIMIT] =
    g_param_spec_uint ("memory-limit", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_MEMORY_LIMIT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                        | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneAvatarCache:n-pending:
   *
   * How many URLs are queued or being downloaded.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConveneAvatarCache::avatar-updated:
   * @self: the cache
   * @url: the avatar URL
   * @texture: the new image
   *
   * Emitted when a download stored a new image for @url: the first time,
   * or when a revalidation found that the image changed. Widgets showing
   * @url can show @texture.
   */
  signals[AVATAR_UPDATED] =
    g_signal_new ("avatar-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, GDK_TYPE_TEXTURE);
}

static void
convene_avatar_cache_init (ConveneAvatarCache *self)
{
  self->image_size = CONVENE_AVATAR_CACHE_DEFAULT_IMAGE_SIZE;
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, memory_entry_free);
  self->requests = g_hash_table_new (g_str_hash, g_str_equal);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, failure_free);
  g_queue_init (&self->lru);
  g_queue_init (&self->queue);
}

/* Public API */

/**
 * convene_avatar_cache_new:
 * @cache_dir: the directory to keep avatars in; created if missing
 * @session: (nullable): the session to download with, or %NULL for one of
 *   the cache's own (user agent "Convene/VERSION")
 *
 * Returns: (transfer full): a new #ConveneAvatarCache
 */
ConveneAvatarCache *
convene_avatar_cache_new (const char  *cache_dir,
                          SoupSession *session)
{
  g_return_val_if_fail (cache_dir != NULL && *cache_dir != '\0', NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (CONVENE_TYPE_AVATAR_CACHE,
                       "cache-dir", cache_dir,
                       "session", session,
                       NULL);
}

/**
 * convene_avatar_cache_get_default:
 *
 * The application's cache, in `$XDG_CACHE_HOME/io.github.convene.Convene/avatars`
 * (inside Flatpak, the application's own cache directory). Main thread only.
 *
 * Returns: (transfer none): the shared #ConveneAvatarCache
 */
ConveneAvatarCache *
convene_avatar_cache_get_default (void)
{
  static ConveneAvatarCache *default_cache;

  if (default_cache == NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "avatars", NULL);

      default_cache = convene_avatar_cache_new (dir, NULL);
      g_object_add_weak_pointer (G_OBJECT (default_cache), (gpointer *)&default_cache);
    }

  return default_cache;
}

const char *
convene_avatar_cache_get_cache_dir (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);

  return self->cache_dir;
}

/**
 * convene_avatar_cache_get_session:
 * @self: a #ConveneAvatarCache
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
convene_avatar_cache_get_session (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);

  return self->session;
}

guint
convene_avatar_cache_get_image_size (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->image_size;
}

guint
convene_avatar_cache_get_freshness (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->freshness;
}

void
convene_avatar_cache_set_freshness (ConveneAvatarCache *self,
                                    guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));

  if (self->freshness == seconds)
    return;

  self->freshness = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRESHNESS]);
}

guint
convene_avatar_cache_get_max_in_flight (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->max_in_flight;
}

void
convene_avatar_cache_set_max_in_flight (ConveneAvatarCache *self,
                                        guint               limit)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (limit >= 1 && limit <= MAX_IN_FLIGHT_LIMIT);

  if (self->max_in_flight == limit)
    return;

  self->max_in_flight = limit;
  pump_queue (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

guint
convene_avatar_cache_get_timeout (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->timeout;
}

void
convene_avatar_cache_set_timeout (ConveneAvatarCache *self,
                                  guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (seconds >= 1);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->owns_session)
    soup_session_set_timeout (self->session, MIN (seconds, MAX_CONNECT_TIMEOUT));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
convene_avatar_cache_get_failure_retry_delay (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->failure_retry_delay;
}

void
convene_avatar_cache_set_failure_retry_delay (ConveneAvatarCache *self,
                                              guint               seconds)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));

  if (self->failure_retry_delay == seconds)
    return;

  self->failure_retry_delay = seconds;
  g_hash_table_remove_all (self->failures);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_RETRY_DELAY]);
}

guint
convene_avatar_cache_get_memory_limit (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return self->memory_limit;
}

void
convene_avatar_cache_set_memory_limit (ConveneAvatarCache *self,
                                       guint               n_textures)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (n_textures >= 1);

  if (self->memory_limit == n_textures)
    return;

  self->memory_limit = n_textures;
  memory_trim (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_LIMIT]);
}

/**
 * convene_avatar_cache_get_n_pending:
 * @self: a #ConveneAvatarCache
 *
 * Returns: how many URLs are queued or being downloaded
 */
guint
convene_avatar_cache_get_n_pending (ConveneAvatarCache *self)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  return g_hash_table_size (self->requests);
}

/**
 * convene_avatar_cache_bind_settings:
 * @self: a #ConveneAvatarCache
 * @settings: settings of the `io.github.convene.Convene` schema
 *
 * Follows the `avatar-freshness-days` key with #ConveneAvatarCache:freshness.
 */
void
convene_avatar_cache_bind_settings (ConveneAvatarCache *self,
                                    GSettings          *settings)
{
  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "avatar-freshness-days",
                                self, "freshness",
                                G_SETTINGS_BIND_GET,
                                freshness_from_days, NULL, NULL, NULL);
}

/**
 * convene_avatar_cache_clear:
 * @self: a #ConveneAvatarCache
 * @error: return location for an error
 *
 * Deletes every cached avatar from disk and memory and forgets failures.
 * Downloads under way still complete.
 *
 * Returns: %TRUE on success
 */
gboolean
convene_avatar_cache_clear (ConveneAvatarCache  *self,
                            GError             **error)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memory_clear (self);
  g_hash_table_remove_all (self->failures);

  return delete_cache_files (self, FALSE, NULL, error);
}

/**
 * convene_avatar_cache_get_size:
 * @self: a #ConveneAvatarCache
 *
 * Returns: the bytes the cache's files take on disk
 */
guint64
convene_avatar_cache_get_size (ConveneAvatarCache *self)
{
  guint64 size = 0;

  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), 0);

  delete_cache_files (self, TRUE, &size, NULL);

  return size;
}
