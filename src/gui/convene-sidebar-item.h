/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CONVENE_SIDEBAR_ITEM_OVERVIEW,
  CONVENE_SIDEBAR_ITEM_PEOPLE,
  CONVENE_SIDEBAR_ITEM_HEADING,
  CONVENE_SIDEBAR_ITEM_MY_WEEK,
} ConveneSidebarItemKind;

#define CONVENE_TYPE_SIDEBAR_ITEM (convene_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (ConveneSidebarItem, convene_sidebar_item, CONVENE, SIDEBAR_ITEM, GObject)

ConveneSidebarItem     *convene_sidebar_item_new           (ConveneSidebarItemKind  kind,
                                                            const char             *title,
                                                            const char             *icon_name);
ConveneSidebarItemKind  convene_sidebar_item_get_kind      (ConveneSidebarItem     *self);
const char             *convene_sidebar_item_get_title     (ConveneSidebarItem     *self);
const char             *convene_sidebar_item_get_icon_name (ConveneSidebarItem     *self);

G_END_DECLS
