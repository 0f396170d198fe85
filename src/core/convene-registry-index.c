/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convene-registry-private.h"

/* The registry's indexes: id → position maps, and who leads what (person
 * → roles), built once on first use from the groups, or taken from the
 * cache with the tables of a cached registry. Nothing here scans the
 * registry per call.
 */

/* Building */

void
convene_registry_invalidate_roles (ConveneRegistry *self)
{
  self->roles_valid = FALSE;
  if (self->roles_borrowed)
    {
      self->role_offsets = NULL;
      self->roles = NULL;
      self->roles_borrowed = FALSE;
    }
  g_clear_pointer (&self->role_offsets, g_free);
  g_clear_pointer (&self->roles, g_free);
  g_clear_pointer (&self->extra_roles, g_hash_table_unref);
}

/* The position of @person in the people model, when it is that very object. */
static gboolean
find_person_position (ConveneRegistry *self,
                      ConvenePerson   *person,
                      guint           *position)
{
  guint found;

  g_assert (CONVENE_IS_PERSON (person));

  if (!convene_registry_lookup_position (self->person_positions, convene_person_get_id (person),
                                         &found))
    return FALSE;

  if (!convene_registry_people_holds (self->people, found, person))
    return FALSE;

  *position = found;
  return TRUE;
}

typedef struct
{
  guint person_position;
  ConveneRegistryRole role;
} RoleEntry;

/* One walk over every lead, then a counting sort by person: the entries
 * of each person stay in registry order.
 */
static void
ensure_roles (ConveneRegistry *self)
{
  g_autoptr(GArray) entries = NULL;
  guint n_people;

  if (self->roles_valid)
    return;

  n_people = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  entries = g_array_new (FALSE, FALSE, sizeof (RoleEntry));
  self->extra_roles = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                             (GDestroyNotify)g_array_unref);

  for (guint i = 0; i < self->groups->len; i++)
    {
      ConveneGroup *group = convene_registry_get_group_at (self, i);
      GListModel *leads = convene_group_get_leads (group);
      guint n_leads = g_list_model_get_n_items (leads);

      for (guint j = 0; j < n_leads; j++)
        {
          g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, j);
          ConvenePerson *person = convene_lead_get_person (lead);
          RoleEntry entry = { 0, { i, convene_lead_get_role (lead) } };

          if (find_person_position (self, person, &entry.person_position))
            {
              g_array_append_val (entries, entry);
            }
          else
            {
              GArray *extra = g_hash_table_lookup (self->extra_roles, person);

              if (extra == NULL)
                {
                  extra = g_array_new (FALSE, FALSE, sizeof (ConveneRegistryRole));
                  g_hash_table_insert (self->extra_roles, g_object_ref (person), extra);
                }
              g_array_append_val (extra, entry.role);
            }
        }
    }

  self->role_offsets = g_new0 (guint, n_people + 1);
  self->roles = g_new (ConveneRegistryRole, MAX (entries->len, 1));

  for (guint i = 0; i < entries->len; i++)
    self->role_offsets[g_array_index (entries, RoleEntry, i).person_position + 1]++;
  for (guint p = 0; p < n_people; p++)
    self->role_offsets[p + 1] += self->role_offsets[p];

  {
    g_autofree guint *next = g_memdup2 (self->role_offsets, sizeof (guint) * (n_people + 1));

    for (guint i = 0; i < entries->len; i++)
      {
        const RoleEntry *entry = &g_array_index (entries, RoleEntry, i);

        self->roles[next[entry->person_position]++] = entry->role;
      }
  }

  self->roles_valid = TRUE;
}

/* Public API */

/**
 * convene_registry_get_roles_for_person:
 * @self: a #ConveneRegistry
 * @person: a person
 * @n_roles: (out): the number of entries
 *
 * What @person does in the groups: one entry per lead, with the position
 * of the group in the registry, in registry order. A person with two roles
 * in one group has two entries. The index behind it is built once.
 *
 * Returns: (transfer none) (array length=n_roles) (nullable): the entries,
 *   valid until the registry changes; %NULL when there are none
 */
const ConveneRegistryRole *
convene_registry_get_roles_for_person (ConveneRegistry *self,
                                       ConvenePerson   *person,
                                       guint           *n_roles)
{
  guint position;
  GArray *extra;

  g_return_val_if_fail (n_roles != NULL, NULL);
  *n_roles = 0;
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (CONVENE_IS_PERSON (person), NULL);

  ensure_roles (self);

  if (find_person_position (self, person, &position))
    {
      guint first = self->role_offsets[position];

      *n_roles = self->role_offsets[position + 1] - first;
      return *n_roles > 0 ? &self->roles[first] : NULL;
    }

  extra = self->extra_roles ? g_hash_table_lookup (self->extra_roles, person) : NULL;
  if (extra == NULL)
    return NULL;

  *n_roles = extra->len;
  return (const ConveneRegistryRole *)(gpointer)extra->data;
}

/**
 * convene_registry_get_n_groups_for_person:
 * @self: a #ConveneRegistry
 * @person: a person
 *
 * Returns: how many distinct groups @person leads
 */
guint
convene_registry_get_n_groups_for_person (ConveneRegistry *self,
                                          ConvenePerson   *person)
{
  const ConveneRegistryRole *roles;
  guint n_roles;
  guint n = 0;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), 0);
  g_return_val_if_fail (CONVENE_IS_PERSON (person), 0);

  roles = convene_registry_get_roles_for_person (self, person, &n_roles);

  /* The entries are in registry order, so a group's come together. */
  for (guint i = 0; i < n_roles; i++)
    if (i == 0 || roles[i].group_position != roles[i - 1].group_position)
      n++;

  return n;
}

/**
 * convene_registry_find_group_position:
 * @self: a #ConveneRegistry
 * @group_id: a group id
 * @position: (out) (optional): where the group is in the model
 *
 * Returns: %TRUE if the registry has a group with @group_id
 */
gboolean
convene_registry_find_group_position (ConveneRegistry *self,
                                      const char      *group_id,
                                      guint           *position)
{
  guint found;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  if (!convene_registry_lookup_position (self->group_positions, group_id, &found))
    return FALSE;

  if (position != NULL)
    *position = found;
  return TRUE;
}

/**
 * convene_registry_list_groups_for_person:
 * @self: a #ConveneRegistry
 * @person: a person of the registry
 *
 * Returns: (transfer full): a #GListModel of the #ConveneGroup that @person
 *   leads, each once, in the order of the registry
 */
GListModel *
convene_registry_list_groups_for_person (ConveneRegistry *self,
                                         ConvenePerson   *person)
{
  const ConveneRegistryRole *roles;
  GListStore *store;
  guint n_roles;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (CONVENE_IS_PERSON (person), NULL);

  store = g_list_store_new (CONVENE_TYPE_GROUP);
  roles = convene_registry_get_roles_for_person (self, person, &n_roles);

  for (guint i = 0; i < n_roles; i++)
    {
      if (i > 0 && roles[i].group_position == roles[i - 1].group_position)
        continue;

      g_list_store_append (store, convene_registry_get_group_at (self, roles[i].group_position));
    }

  return G_LIST_MODEL (store);
}

/* Private API */

static gboolean
fill_positions (GHashTable         *positions,
                const char * const *ids,
                guint               n_ids,
                GError            **error)
{
  for (guint i = 0; i < n_ids; i++)
    {
      if (ids[i][0] == '\0' || !g_hash_table_insert (positions, (char *)ids[i],
                                                     GUINT_TO_POINTER (i + 1)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Empty or repeated id “%s” in the table", ids[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* Checks the index from the cache before anything reads it: offsets that
 * only grow and end at the number of roles, positions inside the model.
 */
static gboolean
check_roles (const guint               *offsets,
             gsize                      n_offsets,
             const ConveneRegistryRole *roles,
             gsize                      n_roles,
             guint                      n_people,
             guint                      n_groups,
             GError                   **error)
{
  if (n_offsets != (gsize)n_people + 1 || offsets[0] != 0 || offsets[n_people] != n_roles)
    goto invalid;

  for (guint p = 0; p < n_people; p++)
    if (offsets[p + 1] < offsets[p])
      goto invalid;

  for (gsize i = 0; i < n_roles; i++)
    if (roles[i].group_position >= n_groups || (guint)roles[i].role > CONVENE_ROLE_LAST)
      goto invalid;

  return TRUE;

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Inconsistent role index");
  return FALSE;
}

G_STATIC_ASSERT (sizeof (ConveneRegistryRole) == 2 * sizeof (guint32));

/**
 * convene_registry_new_from_tables:
 * @community: the community
 * @tables: the tables of a cached registry; the columns are taken over
 * @error: return location for a #GError
 *
 * Makes a registry over @tables without making any group or person: only
 * the id → position maps are built. The role index is checked here;
 * entries are read, defensively, when each object is made.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL when the
 *   tables do not fit together
 */
ConveneRegistry *
convene_registry_new_from_tables (ConveneCommunity       *community,
                                  ConveneRegistryTables  *tables,
                                  GError                **error)
{
  g_autoptr(ConveneRegistry) self = NULL;
  const guint *offsets;
  const ConveneRegistryRole *roles;
  gsize n_offsets, n_roles;
  guint n_groups, n_people;

  g_return_val_if_fail (CONVENE_IS_COMMUNITY (community), NULL);
  g_return_val_if_fail (tables != NULL, NULL);

  self = convene_registry_new (community);

  n_groups = tables->groups.n;
  self->group_column = tables->groups;
  memset (&tables->groups, 0, sizeof tables->groups);
  g_ptr_array_set_size (self->groups, n_groups);
  if (!fill_positions (self->group_positions, (const char * const *)self->group_column.ids,
                       n_groups, error))
    return NULL;

  n_people = tables->people.n;
  g_clear_object (&self->people);
  self->people = convene_registry_people_new (&tables->people);
  if (!fill_positions (self->person_positions, convene_registry_people_get_ids (self->people),
                       n_people, error))
    return NULL;

  self->role_offsets_table = g_variant_ref (tables->role_offsets);
  self->roles_table = g_variant_ref (tables->roles);
  offsets = g_variant_get_fixed_array (self->role_offsets_table, &n_offsets, sizeof (guint32));
  roles = g_variant_get_fixed_array (self->roles_table, &n_roles, sizeof (ConveneRegistryRole));
  if (!check_roles (offsets, n_offsets, roles, n_roles, n_people, n_groups, error))
    return NULL;

  self->role_offsets = (guint *)offsets;
  self->roles = (ConveneRegistryRole *)roles;
  self->roles_borrowed = TRUE;
  self->roles_valid = TRUE;

  return g_steal_pointer (&self);
}

/* The position of @person in the people model, if it is that very object. */
gboolean
convene_registry_find_person_position (ConveneRegistry *self,
                                       ConvenePerson   *person,
                                       guint           *position)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (CONVENE_IS_PERSON (person), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  return find_person_position (self, person, position);
}

/**
 * convene_registry_peek_person:
 * @self: a #ConveneRegistry
 * @position: a position in the people model
 *
 * Returns: (transfer none) (nullable): the person there
 */
ConvenePerson *
convene_registry_peek_person (ConveneRegistry *self,
                              guint            position)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return convene_registry_people_peek (self->people, position);
}

/**
 * convene_registry_get_n_materialized:
 * @self: a #ConveneRegistry
 *
 * For tests: how many groups and people exist as objects so far.
 *
 * Returns: the count
 */
guint
convene_registry_get_n_materialized (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), 0);

  if (self->group_column.entries == NULL)
    return self->groups->len + convene_registry_people_get_n_materialized (self->people);

  return self->n_groups_made + convene_registry_people_get_n_materialized (self->people);
}
