/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-cache-private.h"
#include "convene-registry-private.h"

/* A loaded registry: a #GListModel of #ConveneGroup in the order of the
 * file, the people they share, and where it all came from. Loading and
 * saving live in convene-registry-loader.c and convene-registry-writer.c.
 *
 * A registry from the cache (convene-registry-cache.c) keeps its groups
 * and people in the cached GVariant and makes each object when it is
 * first asked for; the slot then holds it, so the same object comes back
 * every time. The indexes come from the cache too. Making objects on
 * demand is why a registry, like any GListModel, belongs to one thread at
 * a time: the loading thread hands it over, and only then is it read.
 */

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

static void leads_changed_cb (ConveneRegistry *self);

/* Private API */

/* The group at @position, made from the table if it was not yet. */
ConveneGroup *
convene_registry_get_group_at (ConveneRegistry *self,
                               guint            position)
{
  ConveneGroup *group;

  g_assert (position < self->groups->len);

  group = g_ptr_array_index (self->groups, position);
  if (group == NULL)
    {
      g_autoptr(GVariant) entry = convene_registry_column_get_entry (&self->group_column, position);

      group = convene_registry_cache_make_group (entry, self->group_column.ids[position], self);
      g_ptr_array_index (self->groups, position) = group;
      self->n_groups_made++;
      g_signal_connect_swapped (convene_group_get_leads (group), "items-changed",
                                G_CALLBACK (leads_changed_cb), self);
    }

  return group;
}

static void
leads_changed_cb (ConveneRegistry *self)
{
  convene_registry_invalidate_roles (self);
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

  return g_object_ref (convene_registry_get_group_at (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = convene_registry_get_item_type;
  iface->get_n_items = convene_registry_get_n_items;
  iface->get_item = convene_registry_get_item;
}

/* Slots not yet made are NULL, and GPtrArray hands those to the free func too. */
static void
unref_if_made (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
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

  convene_registry_invalidate_roles (self);
  g_clear_object (&self->community);
  g_clear_pointer (&self->group_positions, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->person_positions, g_hash_table_unref);
  g_clear_object (&self->people);
  g_clear_pointer (&self->role_offsets_table, g_variant_unref);
  g_clear_pointer (&self->roles_table, g_variant_unref);
  convene_registry_column_clear (&self->group_column);

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
  self->groups = g_ptr_array_new_with_free_func (unref_if_made);
  self->group_positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->people = convene_registry_people_new (NULL);
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
  convene_registry_invalidate_roles (self);
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

  if (!convene_registry_lookup_position (self->group_positions, id, &position))
    return NULL;

  return convene_registry_get_group_at (self, position);
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

  convene_registry_people_append (self->people, person);
  g_hash_table_insert (self->person_positions, (char *)id,
                       GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (self->people))));
  convene_registry_invalidate_roles (self);
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
  guint position;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!convene_registry_lookup_position (self->person_positions, id, &position))
    return NULL;

  return convene_registry_people_peek (self->people, position);
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
