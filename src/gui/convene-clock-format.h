/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean  convene_clock_format_is_12h          (void);
void      convene_clock_format_set_12h         (int        twelve_hour);
char     *convene_clock_format_weekday_time    (GDateTime *time);
gulong    convene_clock_format_connect_changed (GCallback  callback,
                                                gpointer   user_data);

G_END_DECLS
