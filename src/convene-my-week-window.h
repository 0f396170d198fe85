/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-my-week.h"

G_BEGIN_DECLS

GtkWidget *convene_my_week_window_new (GtkApplication *application,
                                       GtkWindow      *parent,
                                       ConveneMyWeek  *week,
                                       GDateTime      *now);

G_END_DECLS
