/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person-avatar"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-person-avatar.h"

/* The picture of a person, or their initials. It asks the avatar cache it
 * was handed while it is mapped, and cancels when it is unmapped: a row
 * that a GtkListView recycles or takes away stops waiting at once. A
 * picture the cache already has in memory or on disk is shown when the
 * widget is mapped, before its first frame, so there is no flash of
 * initials; a revalidation that brings a new picture shows it too.
 */
struct _ConvenePersonAvatar
{
  AdwBin parent_instance;

  ConvenePerson *person;
  ConveneAvatarCache *avatar_cache;

  /* While mapped with a URL and a cache */
  GCancellable *cancellable;
  gulong updated_id;

  AdwAvatar *avatar;
};

G_DEFINE_FINAL_TYPE (ConvenePersonAvatar, convene_person_avatar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_PERSON,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
get_url (ConvenePersonAvatar *self)
{
  const char *url = self->person ? convene_person_get_avatar_url (self->person) : NULL;

  return url != NULL && *url != '\0' ? url : NULL;
}

typedef struct
{
  ConvenePersonAvatar *self;
  GCancellable *cancellable;
} Request;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(ConvenePersonAvatar) self = request->self;
  g_autoptr(GCancellable) cancellable = request->cancellable;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  texture = convene_avatar_cache_load_finish (CONVENE_AVATAR_CACHE (object), result, &error);

  if (texture != NULL)
    {
      /* Only the current request: a recycled widget may show someone
       * else by now.
       */
      if (self->cancellable == cancellable && !g_cancellable_is_cancelled (cancellable))
        convene_person_avatar_set_picture (self, GDK_PAINTABLE (texture));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The initials stay; a missing picture is not worth a dialog. */
      g_debug ("No avatar: %s", error->message);
    }
}

static void
updated_cb (ConvenePersonAvatar *self,
            const char          *url,
            GdkTexture          *texture,
            ConveneAvatarCache  *cache)
{
  if (g_strcmp0 (url, get_url (self)) == 0)
    convene_person_avatar_set_picture (self, GDK_PAINTABLE (texture));
}

static void
stop (ConvenePersonAvatar *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->updated_id, self->avatar_cache);
}

static void
start (ConvenePersonAvatar *self)
{
  g_autoptr(GdkTexture) cached = NULL;
  const char *url = get_url (self);
  Request *request;

  g_assert (self->cancellable == NULL);

  if (url == NULL || self->avatar_cache == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* Memory or disk, never the network: a small PNG, quick to decode. */
  cached = convene_avatar_cache_lookup (self->avatar_cache, url);
  if (cached != NULL)
    convene_person_avatar_set_picture (self, GDK_PAINTABLE (cached));

  self->updated_id = g_signal_connect_object (self->avatar_cache, "avatar-updated",
                                              G_CALLBACK (updated_cb), self, G_CONNECT_SWAPPED);

  /* Also with a picture: the cache answers from memory and checks with
   * the server when the picture is older than the freshness.
   */
  self->cancellable = g_cancellable_new ();
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);
  convene_avatar_cache_load_async (self->avatar_cache, url, self->cancellable,
                                   loaded_cb, request);
}

static void
restart (ConvenePersonAvatar *self)
{
  stop (self);
  start (self);
}

/* Vfuncs */

static void
convene_person_avatar_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (convene_person_avatar_parent_class)->map (widget);

  start (CONVENE_PERSON_AVATAR (widget));
}

static void
convene_person_avatar_unmap (GtkWidget *widget)
{
  stop (CONVENE_PERSON_AVATAR (widget));

  GTK_WIDGET_CLASS (convene_person_avatar_parent_class)->unmap (widget);
}

static void
convene_person_avatar_dispose (GObject *object)
{
  ConvenePersonAvatar *self = (ConvenePersonAvatar *)object;

  stop (self);
  g_clear_object (&self->person);
  g_clear_object (&self->avatar_cache);

  G_OBJECT_CLASS (convene_person_avatar_parent_class)->dispose (object);
}

static void
convene_person_avatar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConvenePersonAvatar *self = CONVENE_PERSON_AVATAR (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_SIZE:
      g_value_set_int (value, adw_avatar_get_size (self->avatar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_avatar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConvenePersonAvatar *self = CONVENE_PERSON_AVATAR (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      convene_person_avatar_set_avatar_cache (self, g_value_get_object (value));
      break;

    case PROP_PERSON:
      convene_person_avatar_set_person (self, g_value_get_object (value));
      break;

    case PROP_SIZE:
      adw_avatar_set_size (self->avatar, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_avatar_class_init (ConvenePersonAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_person_avatar_dispose;
  object_class->get_property = convene_person_avatar_get_property;
  object_class->set_property = convene_person_avatar_set_property;

  widget_class->map = convene_person_avatar_map;
  widget_class->unmap = convene_person_avatar_unmap;

  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CONVENE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL, 0, G_MAXINT, 36,
                      (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "personavatar");
}

static void
convene_person_avatar_init (ConvenePersonAvatar *self)
{
  self->avatar = ADW_AVATAR (adw_avatar_new (36, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->avatar));
}

/* Public API */

/**
 * convene_person_avatar_new:
 * @size: the size in pixels
 *
 * Returns: (transfer floating): a new #ConvenePersonAvatar showing nobody
 */
GtkWidget *
convene_person_avatar_new (int size)
{
  return g_object_new (CONVENE_TYPE_PERSON_AVATAR, "size", size, NULL);
}

/**
 * convene_person_avatar_get_person:
 * @self: a #ConvenePersonAvatar
 *
 * Returns: (transfer none) (nullable): the person shown
 */
ConvenePerson *
convene_person_avatar_get_person (ConvenePersonAvatar *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_AVATAR (self), NULL);
  return self->person;
}

void
convene_person_avatar_set_person (ConvenePersonAvatar *self,
                                  ConvenePerson       *person)
{
  g_autofree char *label = NULL;
  const char *name;

  g_return_if_fail (CONVENE_IS_PERSON_AVATAR (self));
  g_return_if_fail (person == NULL || CONVENE_IS_PERSON (person));

  if (!g_set_object (&self->person, person))
    return;

  name = person ? convene_person_get_name (person) : "";
  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_custom_image (self->avatar, NULL);

  /* Translators: the accessible name of a picture; %s is a person */
  label = g_strdup_printf (_("Avatar of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/**
 * convene_person_avatar_get_avatar_cache:
 * @self: a #ConvenePersonAvatar
 *
 * Returns: (transfer none) (nullable): where pictures come from
 */
ConveneAvatarCache *
convene_person_avatar_get_avatar_cache (ConvenePersonAvatar *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_AVATAR (self), NULL);
  return self->avatar_cache;
}

/**
 * convene_person_avatar_set_avatar_cache:
 * @self: a #ConvenePersonAvatar
 * @cache: (nullable): where pictures come from, %NULL for initials only
 */
void
convene_person_avatar_set_avatar_cache (ConvenePersonAvatar *self,
                                        ConveneAvatarCache  *cache)
{
  g_return_if_fail (CONVENE_IS_PERSON_AVATAR (self));
  g_return_if_fail (cache == NULL || CONVENE_IS_AVATAR_CACHE (cache));

  if (self->avatar_cache == cache)
    return;

  stop (self);
  g_set_object (&self->avatar_cache, cache);
  start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVATAR_CACHE]);
}

/**
 * convene_person_avatar_set_picture:
 * @self: a #ConvenePersonAvatar
 * @paintable: (nullable): the picture, or %NULL for initials
 */
void
convene_person_avatar_set_picture (ConvenePersonAvatar *self,
                                   GdkPaintable        *paintable)
{
  g_return_if_fail (CONVENE_IS_PERSON_AVATAR (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  adw_avatar_set_custom_image (self->avatar, paintable);
}

/**
 * convene_person_avatar_get_requested:
 * @self: a #ConvenePersonAvatar
 *
 * Returns: whether a picture is being asked for or watched, which happens
 *   only while mapped with a URL and a cache
 */
gboolean
convene_person_avatar_get_requested (ConvenePersonAvatar *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_AVATAR (self), FALSE);
  return self->cancellable != NULL;
}
