/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-context"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-context.h"

/* What the widgets of a window use, handed down from the application:
 * the registry store, the clock of the meetings, the avatar cache, the
 * launcher every link goes through, the settings, and the registries the
 * user keeps (the window's seam to them: see convene-registries.c). Widgets get these
 * from whoever created them, never by looking up their window or the
 * application.
 */
struct _ConveneContext
{
  GObject parent_instance;

  ConveneRegistryStore *store;
  ConveneUpcoming *upcoming;
  ConveneAvatarCache *avatar_cache;
  ConveneLauncher *launcher;
  GSettings *settings;
  ConveneRegistries *registries;
};

G_DEFINE_FINAL_TYPE (ConveneContext, convene_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_UPCOMING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Vfuncs */

static void
convene_context_dispose (GObject *object)
{
  ConveneContext *self = (ConveneContext *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->avatar_cache);
  g_clear_object (&self->launcher);
  g_clear_object (&self->settings);
  g_clear_object (&self->registries);

  G_OBJECT_CLASS (convene_context_parent_class)->dispose (object);
}

static void
convene_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConveneContext *self = CONVENE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_UPCOMING:
      g_value_set_object (value, self->upcoming);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_context_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConveneContext *self = CONVENE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      self->avatar_cache = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_context_constructed (GObject *object)
{
  ConveneContext *self = CONVENE_CONTEXT (object);

  G_OBJECT_CLASS (convene_context_parent_class)->constructed (object);

  self->registries = convene_registries_new (self->store, self->settings);
}

static void
convene_context_class_init (ConveneContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = convene_context_constructed;
  object_class->dispose = convene_context_dispose;
  object_class->get_property = convene_context_get_property;
  object_class->set_property = convene_context_set_property;

  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CONVENE_TYPE_REGISTRY_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPCOMING] =
    g_param_spec_object ("upcoming", NULL, NULL, CONVENE_TYPE_UPCOMING,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_context_init (ConveneContext *self)
{
  self->upcoming = convene_upcoming_new ();
}

/* Public API */

/**
 * convene_context_new:
 * @store: the registry store the windows show
 * @avatar_cache: (nullable): where avatars come from, %NULL for initials only
 * @settings: (nullable): the application's settings, %NULL when the schema
 *   is not installed
 *
 * Returns: (transfer full): a new #ConveneContext
 */
ConveneContext *
convene_context_new (ConveneRegistryStore *store,
                     ConveneAvatarCache   *avatar_cache,
                     GSettings            *settings)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (store), NULL);
  g_return_val_if_fail (avatar_cache == NULL || CONVENE_IS_AVATAR_CACHE (avatar_cache), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CONVENE_TYPE_CONTEXT,
                       "store", store,
                       "avatar-cache", avatar_cache,
                       "settings", settings,
                       NULL);
}

/**
 * convene_context_get_store:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none): the registry store
 */
ConveneRegistryStore *
convene_context_get_store (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->store;
}

/**
 * convene_context_get_upcoming:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none): the clock of the meetings: their states, the
 *   week ahead, and the one timer that keeps them current
 */
ConveneUpcoming *
convene_context_get_upcoming (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->upcoming;
}

/**
 * convene_context_get_avatar_cache:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none) (nullable): the avatar cache
 */
ConveneAvatarCache *
convene_context_get_avatar_cache (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->avatar_cache;
}

/**
 * convene_context_get_launcher:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none): the launcher set with
 *   convene_context_set_launcher(), else the default one
 */
ConveneLauncher *
convene_context_get_launcher (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->launcher != NULL ? self->launcher : convene_launcher_get_default ();
}

void
convene_context_set_launcher (ConveneContext  *self,
                              ConveneLauncher *launcher)
{
  g_return_if_fail (CONVENE_IS_CONTEXT (self));
  g_return_if_fail (launcher == NULL || CONVENE_IS_LAUNCHER (launcher));

  g_set_object (&self->launcher, launcher);
}

/**
 * convene_context_get_settings:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none) (nullable): the settings
 */
GSettings *
convene_context_get_settings (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->settings;
}

/**
 * convene_context_get_registries:
 * @self: a #ConveneContext
 *
 * Returns: (transfer none): the registries the user keeps, over the store
 */
ConveneRegistries *
convene_context_get_registries (ConveneContext *self)
{
  g_return_val_if_fail (CONVENE_IS_CONTEXT (self), NULL);
  return self->registries;
}
