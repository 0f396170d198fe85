/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char      *convene_location_check      (const char  *text,
                                        GError     **error);
GtkWidget *convene_location_dialog_new (GtkWindow   *parent);

G_END_DECLS
