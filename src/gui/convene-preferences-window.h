/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-avatar-cache.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_PREFERENCES_WINDOW (convene_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePreferencesWindow, convene_preferences_window,
                      CONVENE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget          *convene_preferences_window_new              (GtkWindow          *parent,
                                                                 ConveneAvatarCache *avatar_cache,
                                                                 GSettings          *settings);
ConveneAvatarCache *convene_preferences_window_get_avatar_cache (ConvenePreferencesWindow *self);
GSettings          *convene_preferences_window_get_settings     (ConvenePreferencesWindow *self);

G_END_DECLS
