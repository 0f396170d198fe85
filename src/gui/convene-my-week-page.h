/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-my-week.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_MY_WEEK_PAGE (convene_my_week_page_get_type ())

G_DECLARE_FINAL_TYPE (ConveneMyWeekPage, convene_my_week_page,
                      CONVENE, MY_WEEK_PAGE, AdwBin)

GtkWidget *convene_my_week_page_new      (void);
void       convene_my_week_page_set_week (ConveneMyWeekPage *self,
                                          ConveneMyWeek     *week);
guint      convene_my_week_page_get_n_entries (ConveneMyWeekPage *self);

G_END_DECLS
