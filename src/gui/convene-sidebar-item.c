/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-sidebar-item"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-sidebar-item.h"

/* An entry of the sidebar or of the search results that is not a group or
 * a person: the Overview, People, or a heading above a run of rows. The
 * lists are models of these, groups and people (or search hits), and the
 * rows take whichever they are given.
 */
struct _ConveneSidebarItem
{
  GObject parent_instance;

  ConveneSidebarItemKind kind;
  char *title;
  char *icon_name;
};

G_DEFINE_FINAL_TYPE (ConveneSidebarItem, convene_sidebar_item, G_TYPE_OBJECT)

static void
convene_sidebar_item_finalize (GObject *object)
{
  ConveneSidebarItem *self = (ConveneSidebarItem *)object;

  g_free (self->title);
  g_free (self->icon_name);

  G_OBJECT_CLASS (convene_sidebar_item_parent_class)->finalize (object);
}

static void
convene_sidebar_item_class_init (ConveneSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convene_sidebar_item_finalize;
}

static void
convene_sidebar_item_init (ConveneSidebarItem *self)
{
}

/**
 * convene_sidebar_item_new:
 * @kind: what the entry is
 * @title: its text
 * @icon_name: (nullable): a symbolic icon before the text
 *
 * Returns: (transfer full): a new #ConveneSidebarItem
 */
ConveneSidebarItem *
convene_sidebar_item_new (ConveneSidebarItemKind  kind,
                          const char             *title,
                          const char             *icon_name)
{
  ConveneSidebarItem *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CONVENE_TYPE_SIDEBAR_ITEM, NULL);
  self->kind = kind;
  self->title = g_strdup (title);
  self->icon_name = g_strdup (icon_name);

  return self;
}

ConveneSidebarItemKind
convene_sidebar_item_get_kind (ConveneSidebarItem *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ITEM (self), CONVENE_SIDEBAR_ITEM_HEADING);
  return self->kind;
}

const char *
convene_sidebar_item_get_title (ConveneSidebarItem *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ITEM (self), NULL);
  return self->title;
}

const char *
convene_sidebar_item_get_icon_name (ConveneSidebarItem *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ITEM (self), NULL);
  return self->icon_name;
}
