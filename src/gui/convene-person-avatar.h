/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-avatar-cache.h"
#include "convene-person.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_PERSON_AVATAR (convene_person_avatar_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePersonAvatar, convene_person_avatar, CONVENE, PERSON_AVATAR, AdwBin)

GtkWidget          *convene_person_avatar_new              (int                  size);
ConvenePerson      *convene_person_avatar_get_person       (ConvenePersonAvatar *self);
void                convene_person_avatar_set_person       (ConvenePersonAvatar *self,
                                                            ConvenePerson       *person);
ConveneAvatarCache *convene_person_avatar_get_avatar_cache (ConvenePersonAvatar *self);
void                convene_person_avatar_set_avatar_cache (ConvenePersonAvatar *self,
                                                            ConveneAvatarCache  *cache);
void                convene_person_avatar_set_picture      (ConvenePersonAvatar *self,
                                                            GdkPaintable        *paintable);
gboolean            convene_person_avatar_get_requested    (ConvenePersonAvatar *self);

G_END_DECLS
