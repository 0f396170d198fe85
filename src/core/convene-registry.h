/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-community.h"
#include "convene-group.h"
#include "convene-person.h"

G_BEGIN_DECLS

/* The newest registry format this build reads and writes. */
#define CONVENE_REGISTRY_FORMAT_VERSION 2

/**
 * ConveneRegistryRole:
 * @group_position: the position of the group in the registry's model
 * @role: what the person is in that group
 */
typedef struct
{
  guint group_position;
  ConveneRole role;
} ConveneRegistryRole;

#define CONVENE_TYPE_REGISTRY (convene_registry_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistry, convene_registry, CONVENE, REGISTRY, GObject)

ConveneRegistry  *convene_registry_new                  (ConveneCommunity *community);
ConveneCommunity *convene_registry_get_community        (ConveneRegistry  *self);
gboolean          convene_registry_add_group            (ConveneRegistry  *self,
                                                         ConveneGroup     *group);
ConveneGroup     *convene_registry_lookup_group         (ConveneRegistry  *self,
                                                         const char       *id);
GListModel       *convene_registry_get_people           (ConveneRegistry  *self);
gboolean          convene_registry_add_person           (ConveneRegistry  *self,
                                                         ConvenePerson    *person);
ConvenePerson    *convene_registry_lookup_person        (ConveneRegistry  *self,
                                                         const char       *id);
GListModel       *convene_registry_list_groups_for_person (ConveneRegistry *self,
                                                         ConvenePerson    *person);
const ConveneRegistryRole *
                  convene_registry_get_roles_for_person (ConveneRegistry *self,
                                                         ConvenePerson    *person,
                                                         guint            *n_roles);
guint             convene_registry_get_n_groups_for_person (ConveneRegistry *self,
                                                         ConvenePerson    *person);
gboolean          convene_registry_find_group_position  (ConveneRegistry  *self,
                                                         const char       *group_id,
                                                         guint            *position);
GListModel       *convene_registry_get_group_meetings   (ConveneRegistry  *self,
                                                         ConveneGroup     *group,
                                                         gboolean         *shared);
guint             convene_registry_get_n_people         (ConveneRegistry  *self);
const char       *convene_registry_get_source_kind      (ConveneRegistry  *self);
const char       *convene_registry_get_source_location  (ConveneRegistry  *self);
const char       *convene_registry_get_source_date      (ConveneRegistry  *self);
void              convene_registry_set_source           (ConveneRegistry  *self,
                                                         const char       *kind,
                                                         const char       *location,
                                                         const char       *date);

G_END_DECLS
