/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-link.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_LINK_ROW (convene_link_row_get_type ())

G_DECLARE_FINAL_TYPE (ConveneLinkRow, convene_link_row, CONVENE, LINK_ROW, AdwActionRow)

GtkWidget  *convene_link_row_new             (const char     *uri,
                                              const char     *title,
                                              const char     *subtitle,
                                              const char     *icon_name);
GtkWidget  *convene_link_row_new_for_link    (ConveneLink    *link);
const char *convene_link_row_get_uri         (ConveneLinkRow *self);
void        convene_link_row_set_uri         (ConveneLinkRow *self,
                                              const char     *uri);
char       *convene_link_row_dup_host        (const char     *uri);

G_END_DECLS
