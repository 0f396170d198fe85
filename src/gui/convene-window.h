/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-application.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_WINDOW (convene_window_get_type ())

G_DECLARE_FINAL_TYPE (ConveneWindow, convene_window, CONVENE, WINDOW, AdwApplicationWindow)

ConveneWindow *convene_window_new        (ConveneApplication *application);
gboolean       convene_window_show_group (ConveneWindow      *self,
                                          const char         *group_id);

G_END_DECLS
