/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "convene-avatar-cache.h"
#include "convene-launcher.h"
#include "convene-registries.h"
#include "convene-registry-store.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_CONTEXT (convene_context_get_type ())

G_DECLARE_FINAL_TYPE (ConveneContext, convene_context, CONVENE, CONTEXT, GObject)

ConveneContext       *convene_context_new              (ConveneRegistryStore *store,
                                                        ConveneAvatarCache   *avatar_cache,
                                                        GSettings            *settings);
ConveneRegistryStore *convene_context_get_store        (ConveneContext       *self);
ConveneUpcoming      *convene_context_get_upcoming     (ConveneContext       *self);
ConveneAvatarCache   *convene_context_get_avatar_cache (ConveneContext       *self);
ConveneLauncher      *convene_context_get_launcher     (ConveneContext       *self);
void                  convene_context_set_launcher     (ConveneContext       *self,
                                                        ConveneLauncher      *launcher);
GSettings            *convene_context_get_settings     (ConveneContext       *self);
ConveneRegistries    *convene_context_get_registries   (ConveneContext       *self);

G_END_DECLS
