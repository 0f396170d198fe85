/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "convene-schedule.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_SIDEBAR_ROW (convene_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (ConveneSidebarRow, convene_sidebar_row, CONVENE, SIDEBAR_ROW, GtkWidget)

GtkWidget           *convene_sidebar_row_new               (ConveneUpcoming     *upcoming);
GObject             *convene_sidebar_row_get_item          (ConveneSidebarRow   *self);
void                 convene_sidebar_row_set_item          (ConveneSidebarRow   *self,
                                                            GObject             *item,
                                                            const char          *subtitle);
const char          *convene_sidebar_row_get_page          (ConveneSidebarRow   *self);
const char          *convene_sidebar_row_get_target        (ConveneSidebarRow   *self);
const char          *convene_sidebar_row_get_title         (ConveneSidebarRow   *self);
const char          *convene_sidebar_row_get_subtitle      (ConveneSidebarRow   *self);
void                 convene_sidebar_row_set_subtitle      (ConveneSidebarRow   *self,
                                                            const char          *subtitle);
ConveneMeetingState  convene_sidebar_row_get_meeting_state (ConveneSidebarRow   *self);
void                 convene_sidebar_row_set_meeting_state (ConveneSidebarRow   *self,
                                                            ConveneMeetingState  state);

G_END_DECLS
