/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The edge, in pixels, of the square image kept on disk: a 48 px avatar at
 * scale 2. */
#define CONVENE_AVATAR_CACHE_DEFAULT_IMAGE_SIZE 96

/* A response body larger than this is refused. */
#define CONVENE_AVATAR_CACHE_MAX_BYTES (5 * 1024 * 1024)

/* An image wider or higher than this is refused on its header, before it
 * is decoded: at 4096x4096 a PNG takes 64 MB while it decodes. */
#define CONVENE_AVATAR_CACHE_MAX_SOURCE_SIDE 4096

/* The longest a Cache-Control max-age may keep an avatar from being
 * revalidated, when it is longer than ConveneAvatarCache:freshness. */
#define CONVENE_AVATAR_CACHE_MAX_AGE (365 * 24 * 60 * 60)

/* How many redirects one avatar may take before it is given up. */
#define CONVENE_AVATAR_CACHE_MAX_REDIRECTS 5

#define CONVENE_TYPE_AVATAR_CACHE (convene_avatar_cache_get_type ())

G_DECLARE_FINAL_TYPE (ConveneAvatarCache, convene_avatar_cache, CONVENE, AVATAR_CACHE, GObject)

ConveneAvatarCache *convene_avatar_cache_new                     (const char          *cache_dir,
                                                                  SoupSession         *session);
ConveneAvatarCache *convene_avatar_cache_get_default             (void);
const char         *convene_avatar_cache_get_cache_dir           (ConveneAvatarCache  *self);
SoupSession        *convene_avatar_cache_get_session             (ConveneAvatarCache  *self);
guint               convene_avatar_cache_get_image_size          (ConveneAvatarCache  *self);
guint               convene_avatar_cache_get_freshness           (ConveneAvatarCache  *self);
void                convene_avatar_cache_set_freshness           (ConveneAvatarCache  *self,
                                                                  guint                seconds);
guint               convene_avatar_cache_get_max_in_flight       (ConveneAvatarCache  *self);
void                convene_avatar_cache_set_max_in_flight       (ConveneAvatarCache  *self,
                                                                  guint                limit);
guint               convene_avatar_cache_get_timeout             (ConveneAvatarCache  *self);
void                convene_avatar_cache_set_timeout             (ConveneAvatarCache  *self,
                                                                  guint                seconds);
guint               convene_avatar_cache_get_failure_retry_delay (ConveneAvatarCache  *self);
void                convene_avatar_cache_set_failure_retry_delay (ConveneAvatarCache  *self,
                                                                  guint                seconds);
guint               convene_avatar_cache_get_memory_limit        (ConveneAvatarCache  *self);
void                convene_avatar_cache_set_memory_limit        (ConveneAvatarCache  *self,
                                                                  guint                n_textures);
guint               convene_avatar_cache_get_n_pending           (ConveneAvatarCache  *self);
void                convene_avatar_cache_bind_settings           (ConveneAvatarCache  *self,
                                                                  GSettings           *settings);
void                convene_avatar_cache_load_async              (ConveneAvatarCache  *self,
                                                                  const char          *url,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
GdkTexture         *convene_avatar_cache_load_finish             (ConveneAvatarCache  *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
GdkTexture         *convene_avatar_cache_lookup                  (ConveneAvatarCache  *self,
                                                                  const char          *url);
gboolean            convene_avatar_cache_clear                   (ConveneAvatarCache  *self,
                                                                  GError             **error);
guint64             convene_avatar_cache_get_size                (ConveneAvatarCache  *self);

G_END_DECLS
