/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry.h"

/* A loaded registry: a #GListModel of #ConveneGroup in the order of the
 * file, the people they share, and where it all came from. Loading and
 * saving live in convene-registry-loader.c and convene-registry-writer.c.
 */
struct _ConveneRegistry
{
  GObject parent_instance;

  ConveneCommunity *community;
  GPtrArray *groups;
  GHashTable *group_positions;   /* id → position + 1 in groups */
  GListStore *people;
  GHashTable *person_positions;  /* id → position + 1 in people */

  /* Who leads what, built on first use and dropped when a group, a
   * person or a group's leads change: the entries of the person at
   * position p are roles[role_offsets[p]] up to roles[role_offsets[p + 1]],
   * in registry order. A lead whose person the registry does not list
   * has its entries in extra_roles (ConvenePerson → GArray).
   */
  gboolean roles_valid;
  guint *role_offsets;
  ConveneRegistryRole *roles;
  GHashTable *extra_roles;

  char *source_kind;
  char *source_location;
  char *source_date;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConveneRegistry, convene_registry, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_COMMUNITY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Indexes */

static void
invalidate_roles (ConveneRegistry *self)
{
  self->roles_valid = FALSE;
  g_clear_pointer (&self->role_offsets, g_free);
  g_clear_pointer (&self->roles, g_free);
  g_clear_pointer (&self->extra_roles, g_hash_table_unref);
}

static gboolean
lookup_position (GHashTable *positions,
                 const char *id,
                 guint      *position)
{
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (positions, id));

  if (value == 0)
    return FALSE;

  *position = value - 1;
  return TRUE;
}

/* The position of @person in the people model, when it is that very object. */
static gboolean
find_person_position (ConveneRegistry *self,
                      ConvenePerson   *person,
                      guint           *position)
{
  g_autoptr(ConvenePerson) listed = NULL;
  guint found;

  g_assert (CONVENE_IS_PERSON (person));

  if (!lookup_position (self->person_positions, convene_person_get_id (person), &found))
    return FALSE;

  listed = g_list_model_get_item (G_LIST_MODEL (self->people), found);
  if (listed != person)
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
      ConveneGroup *group = g_ptr_array_index (self->groups, i);
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

static void
leads_changed_cb (ConveneRegistry *self)
{
  invalidate_roles (self);
}

/* GListModel */

static GType
convene_registry_get_item_type (GListModel *model)
{
  return CONVENE_TYPE_GROUP;
}

static guint
convene_registry_get_n_items (GListModel *model)
{
  return CONVENE_REGISTRY (model)->groups->len;
}

static gpointer
convene_registry_get_item (GListModel *model,
                           guint       position)
{
  ConveneRegistry *self = CONVENE_REGISTRY (model);

  if (position >= self->groups->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->groups, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = convene_registry_get_item_type;
  iface->get_n_items = convene_registry_get_n_items;
  iface->get_item = convene_registry_get_item;
}

/* Vfuncs */

static void
convene_registry_dispose (GObject *object)
{
  ConveneRegistry *self = (ConveneRegistry *)object;

  if (self->groups != NULL)
    {
      for (guint i = 0; i < self->groups->len; i++)
        {
          ConveneGroup *group = g_ptr_array_index (self->groups, i);

          if (group != NULL)
            g_signal_handlers_disconnect_by_data (convene_group_get_leads (group), self);
        }
    }

  invalidate_roles (self);
  g_clear_object (&self->community);
  g_clear_pointer (&self->group_positions, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->person_positions, g_hash_table_unref);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (convene_registry_parent_class)->dispose (object);
}

static void
convene_registry_finalize (GObject *object)
{
  ConveneRegistry *self = (ConveneRegistry *)object;

  g_clear_pointer (&self->source_kind, g_free);
  g_clear_pointer (&self->source_location, g_free);
  g_clear_pointer (&self->source_date, g_free);

  G_OBJECT_CLASS (convene_registry_parent_class)->finalize (object);
}

static void
convene_registry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConveneRegistry *self = CONVENE_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_COMMUNITY:
      g_value_set_object (value, self->community);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->groups->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConveneRegistry *self = CONVENE_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_COMMUNITY:
      self->community = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registry_class_init (ConveneRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_registry_dispose;
  object_class->finalize = convene_registry_finalize;
  object_class->get_property = convene_registry_get_property;
  object_class->set_property = convene_registry_set_property;

  properties[PROP_COMMUNITY] =
    g_param_spec_object ("community", NULL, NULL, CONVENE_TYPE_COMMUNITY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_registry_init (ConveneRegistry *self)
{
  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->group_positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->people = g_list_store_new (CONVENE_TYPE_PERSON);
  self->person_positions = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API */

/**
 * convene_registry_new:
 * @community: the community the registry describes
 *
 * Returns: (transfer full): a new, empty #ConveneRegistry
 */
ConveneRegistry *
convene_registry_new (ConveneCommunity *community)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (community), NULL);

  return g_object_new (CONVENE_TYPE_REGISTRY, "community", community, NULL);
}

/**
 * convene_registry_get_community:
 * @self: a #ConveneRegistry
 *
 * Returns: (transfer none): the community
 */
ConveneCommunity *
convene_registry_get_community (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return self->community;
}

/**
 * convene_registry_add_group:
 * @self: a #ConveneRegistry
 * @group: the group to append
 *
 * Returns: %FALSE, and adds nothing, if a group with the same id exists
 */
gboolean
convene_registry_add_group (ConveneRegistry *self,
                            ConveneGroup    *group)
{
  const char *id;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (CONVENE_IS_GROUP (group), FALSE);

  id = convene_group_get_id (group);
  if (g_hash_table_contains (self->group_positions, id))
    return FALSE;

  g_ptr_array_add (self->groups, g_object_ref (group));
  g_hash_table_insert (self->group_positions, (char *)id, GUINT_TO_POINTER (self->groups->len));
  g_signal_connect_swapped (convene_group_get_leads (group), "items-changed",
                            G_CALLBACK (leads_changed_cb), self);
  invalidate_roles (self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->groups->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * convene_registry_lookup_group:
 * @self: a #ConveneRegistry
 * @id: a group id
 *
 * Returns: (transfer none) (nullable): the group with @id
 */
ConveneGroup *
convene_registry_lookup_group (ConveneRegistry *self,
                               const char      *id)
{
  guint position;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!lookup_position (self->group_positions, id, &position))
    return NULL;

  return g_ptr_array_index (self->groups, position);
}

/**
 * convene_registry_get_people:
 * @self: a #ConveneRegistry
 *
 * Returns: (transfer none): every person, a #GListModel of #ConvenePerson
 *   in the order of the file
 */
GListModel *
convene_registry_get_people (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return G_LIST_MODEL (self->people);
}

guint
convene_registry_get_n_people (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->people));
}

/**
 * convene_registry_add_person:
 * @self: a #ConveneRegistry
 * @person: the person to add
 *
 * Returns: %FALSE, and adds nothing, if a person with the same id exists
 */
gboolean
convene_registry_add_person (ConveneRegistry *self,
                             ConvenePerson   *person)
{
  const char *id;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (CONVENE_IS_PERSON (person), FALSE);

  id = convene_person_get_id (person);
  if (g_hash_table_contains (self->person_positions, id))
    return FALSE;

  g_list_store_append (self->people, person);
  g_hash_table_insert (self->person_positions, (char *)id,
                       GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (self->people))));
  invalidate_roles (self);
  return TRUE;
}

/**
 * convene_registry_lookup_person:
 * @self: a #ConveneRegistry
 * @id: a person id
 *
 * Returns: (transfer none) (nullable): the person with @id
 */
ConvenePerson *
convene_registry_lookup_person (ConveneRegistry *self,
                                const char      *id)
{
  g_autoptr(ConvenePerson) person = NULL;
  guint position;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!lookup_position (self->person_positions, id, &position))
    return NULL;

  /* The people model holds a reference: the pointer stays valid. */
  person = g_list_model_get_item (G_LIST_MODEL (self->people), position);
  return person;
}

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

  extra = g_hash_table_lookup (self->extra_roles, person);
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

  if (!lookup_position (self->group_positions, group_id, &found))
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
      g_autoptr(ConveneGroup) group = NULL;

      if (i > 0 && roles[i].group_position == roles[i - 1].group_position)
        continue;

      group = g_list_model_get_item (G_LIST_MODEL (self), roles[i].group_position);
      g_list_store_append (store, group);
    }

  return G_LIST_MODEL (store);
}

/**
 * convene_registry_get_group_meetings:
 * @self: a #ConveneRegistry
 * @group: a group of the registry
 * @shared: (out) (optional): set to %TRUE when the meetings are the
 *   community's
 *
 * The meetings @group attends: its own, or when it has none, those the
 * whole community shares (Istio's groups have met in one weekly meeting
 * since 2020). The window, --upcoming and --ics all ask here.
 *
 * Returns: (transfer none): a #GListModel of #ConveneMeeting
 */
GListModel *
convene_registry_get_group_meetings (ConveneRegistry *self,
                                     ConveneGroup    *group,
                                     gboolean        *shared)
{
  GListModel *meetings;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (CONVENE_IS_GROUP (group), NULL);

  meetings = convene_group_get_meetings (group);
  if (g_list_model_get_n_items (meetings) == 0 && self->community != NULL)
    {
      if (shared != NULL)
        *shared = TRUE;
      return convene_community_get_meetings (self->community);
    }

  if (shared != NULL)
    *shared = FALSE;
  return meetings;
}

const char *
convene_registry_get_source_kind (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return self->source_kind;
}

const char *
convene_registry_get_source_location (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return self->source_location;
}

const char *
convene_registry_get_source_date (ConveneRegistry *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  return self->source_date;
}

/**
 * convene_registry_set_source:
 * @self: a #ConveneRegistry
 * @kind: (nullable): the format the registry was made from: "json" or "markdown"
 * @location: (nullable): the file or URL it was made from
 * @date: (nullable): when, as an ISO 8601 date
 *
 * Records where the registry came from.
 */
void
convene_registry_set_source (ConveneRegistry *self,
                             const char      *kind,
                             const char      *location,
                             const char      *date)
{
  g_return_if_fail (CONVENE_IS_REGISTRY (self));

  g_free (self->source_kind);
  g_free (self->source_location);
  g_free (self->source_date);
  self->source_kind = g_strdup (kind);
  self->source_location = g_strdup (location);
  self->source_date = g_strdup (date);
}
