/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry.h"

G_BEGIN_DECLS

/* What only core/ (and the tests) see of the registry: its fields, the
 * tables a cached registry keeps its groups and people in until they are
 * asked for (convene-registry-cache.c), the people model, and
 * convene_registry_get_n_materialized() for the tests to check that by.
 */

/* Declared with its type below; the registry's fields name it. */
typedef struct _ConveneRegistryPeople ConveneRegistryPeople;

/* A column of a cached registry (convene-registry-cache-format.c): the ids
 * of its objects, and their entries, each a GVariant of its own
 * serialized back to back, so that making one object reads one entry and
 * nothing walks the others.
 */
typedef struct
{
  guint n;
  GVariant *id_data;             /* ay: the ids, each ending in NUL */
  const char **ids;              /* n pointers into id_data */
  GBytes *entries;
  GVariant *entry_offsets;       /* au: n + 1 offsets into entries */
  const guint32 *offsets;        /* the data of entry_offsets */
  const GVariantType *entry_type;
} ConveneRegistryColumn;

void      convene_registry_column_clear     (ConveneRegistryColumn       *column);
GVariant *convene_registry_column_get_entry (const ConveneRegistryColumn *column,
                                             guint                        position);

/* The tables of a cached registry; convene_registry_new_from_tables()
 * takes the columns over.
 */
typedef struct
{
  ConveneRegistryColumn groups;
  ConveneRegistryColumn people;
  GVariant *role_offsets;        /* au: n_people + 1 offsets into roles */
  GVariant *roles;               /* a(uu): ConveneRegistryRole, grouped by person */
} ConveneRegistryTables;

/* The registry's fields, for convene-registry.c (the model) and
 * convene-registry-index.c (the indexes).
 */
struct _ConveneRegistry
{
  GObject parent_instance;

  ConveneCommunity *community;
  GPtrArray *groups;             /* ConveneGroup, NULL until made from the table */
  GHashTable *group_positions;   /* id → position + 1 in groups */
  ConveneRegistryPeople *people;
  GHashTable *person_positions;  /* id → position + 1 in people */

  /* The cached groups (n == 0 and no data for a registry built in memory). */
  ConveneRegistryColumn group_column;
  GVariant *role_offsets_table;
  GVariant *roles_table;
  guint n_groups_made;

  /* Who leads what, built on first use and dropped when a group, a
   * person or a group's leads change: the entries of the person at
   * position p are roles[role_offsets[p]] up to roles[role_offsets[p + 1]],
   * in registry order. A lead whose person the registry does not list
   * has its entries in extra_roles (ConvenePerson → GArray).
   */
  gboolean roles_valid;
  gboolean roles_borrowed;       /* role_offsets and roles point into the tables */
  guint *role_offsets;
  ConveneRegistryRole *roles;
  GHashTable *extra_roles;

  char *source_kind;
  char *source_location;
  char *source_date;
};

ConveneGroup *convene_registry_get_group_at     (ConveneRegistry *self,
                                                 guint            position);
void          convene_registry_invalidate_roles (ConveneRegistry *self);

/* Positions are stored plus one, so that 0 means "no such id". */
static inline gboolean
convene_registry_lookup_position (GHashTable *positions,
                                  const char *id,
                                  guint      *position)
{
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (positions, id));

  if (value == 0)
    return FALSE;

  *position = value - 1;
  return TRUE;
}

/* A cached registry, and what its tables need to make their objects. */
ConveneRegistry *convene_registry_new_from_tables        (ConveneCommunity            *community,
                                                          ConveneRegistryTables       *tables,
                                                          GError                     **error);
gboolean         convene_registry_find_person_position   (ConveneRegistry             *self,
                                                          ConvenePerson               *person,
                                                          guint                       *position);
ConvenePerson   *convene_registry_peek_person            (ConveneRegistry             *self,
                                                          guint                        position);
guint            convene_registry_get_n_materialized     (ConveneRegistry             *self);

/* The people model: a GListModel of ConvenePerson whose items may be made
 * on first use from a table.
 */
#define CONVENE_TYPE_REGISTRY_PEOPLE (convene_registry_people_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistryPeople, convene_registry_people,
                      CONVENE, REGISTRY_PEOPLE, GObject)

ConveneRegistryPeople *convene_registry_people_new        (ConveneRegistryColumn *column);
void                   convene_registry_people_append     (ConveneRegistryPeople *self,
                                                           ConvenePerson         *person);
ConvenePerson         *convene_registry_people_peek       (ConveneRegistryPeople *self,
                                                           guint                  position);
gboolean               convene_registry_people_holds      (ConveneRegistryPeople *self,
                                                           guint                  position,
                                                           ConvenePerson         *person);
const char * const    *convene_registry_people_get_ids    (ConveneRegistryPeople *self);
guint                  convene_registry_people_get_n_materialized
                                                          (ConveneRegistryPeople *self);

G_END_DECLS
