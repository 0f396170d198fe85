/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-link.h"
#include "convene-rich-text.h"

G_BEGIN_DECLS

gboolean    convene_link_label_is_generic (ConveneLinkKind  kind,
                                           const char      *label);
char       *convene_link_dup_place        (const char      *uri);
GListModel *convene_link_list_new         (GListModel      *links,
                                           GListModel      *meetings,
                                           ConveneRichText *intro);

G_END_DECLS
