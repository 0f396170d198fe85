/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-avatar-cache.h"
#include "convene-context.h"
#include "convene-registry.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_WINDOW (convene_window_get_type ())

G_DECLARE_FINAL_TYPE (ConveneWindow, convene_window, CONVENE, WINDOW, AdwApplicationWindow)

ConveneWindow      *convene_window_new              (GtkApplication      *application,
                                                     ConveneContext      *context);
ConveneRegistry    *convene_window_get_registry     (ConveneWindow       *self);
void                convene_window_set_registry     (ConveneWindow       *self,
                                                     ConveneRegistry     *registry);
gboolean            convene_window_show_group       (ConveneWindow       *self,
                                                     const char          *group_id);
gboolean            convene_window_show_person      (ConveneWindow       *self,
                                                     const char          *person_id);
void                convene_window_show_overview    (ConveneWindow       *self);
void                convene_window_show_people      (ConveneWindow       *self);
void                convene_window_show_my_week     (ConveneWindow       *self);
gboolean            convene_window_get_my_week_pending (ConveneWindow    *self);
void                convene_window_search           (ConveneWindow       *self,
                                                     const char          *terms);
char               *convene_window_dup_source_id    (ConveneWindow       *self);
gboolean            convene_window_get_group_starred (ConveneWindow      *self);
const char         *convene_window_get_page         (ConveneWindow       *self);
ConveneGroup       *convene_window_get_group        (ConveneWindow       *self);
gboolean            convene_window_open_file        (ConveneWindow       *self,
                                                     GFile               *file);
gboolean            convene_window_open_location    (ConveneWindow       *self,
                                                     const char          *text);
gboolean            convene_window_run_daily_check  (ConveneWindow       *self);
void                convene_window_add_toast        (ConveneWindow       *self,
                                                     const char          *text);
const char         *convene_window_get_last_toast   (ConveneWindow       *self);
GListModel         *convene_window_get_sidebar_model (ConveneWindow      *self);
GListModel         *convene_window_get_search_results (ConveneWindow     *self);
ConveneAvatarCache *convene_window_get_avatar_cache (ConveneWindow       *self);
ConveneUpcoming    *convene_window_get_upcoming     (ConveneWindow       *self);
void                convene_window_set_avatar_cache (ConveneWindow       *self,
                                                     ConveneAvatarCache  *cache);

G_END_DECLS
