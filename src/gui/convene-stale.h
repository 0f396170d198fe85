/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

int  convene_stale_year      (GDateTime *date,
                              GDateTime *now);
void convene_stale_mark_rows (GtkWidget *root,
                              int        stale_year);

G_END_DECLS
