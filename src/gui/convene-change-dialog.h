/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *convene_change_dialog_new (GtkWindow *parent,
                                      GPtrArray *lines);

G_END_DECLS
