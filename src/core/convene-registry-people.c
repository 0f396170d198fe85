/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-people"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convene-registry-cache-private.h"

/* The registry's people as a #GListModel. Filled by
 * convene_registry_people_append() it is a plain list; made from the
 * columns of a cached registry it holds a slot per person and makes each
 * #ConvenePerson when first asked, then returns that same object every
 * time, so a lead's person is the one this model returns.
 */
struct _ConveneRegistryPeople
{
  GObject parent_instance;

  GPtrArray *items;              /* ConvenePerson, NULL until made */
  ConveneRegistryColumn column;  /* empty for a plain list */
  guint n_materialized;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConveneRegistryPeople, convene_registry_people, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel */

static GType
convene_registry_people_get_item_type (GListModel *model)
{
  return CONVENE_TYPE_PERSON;
}

static guint
convene_registry_people_get_n_items (GListModel *model)
{
  return CONVENE_REGISTRY_PEOPLE (model)->items->len;
}

static gpointer
convene_registry_people_get_item (GListModel *model,
                                  guint       position)
{
  ConvenePerson *person = convene_registry_people_peek (CONVENE_REGISTRY_PEOPLE (model), position);

  return person != NULL ? g_object_ref (person) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = convene_registry_people_get_item_type;
  iface->get_n_items = convene_registry_people_get_n_items;
  iface->get_item = convene_registry_people_get_item;
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
convene_registry_people_dispose (GObject *object)
{
  ConveneRegistryPeople *self = (ConveneRegistryPeople *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (convene_registry_people_parent_class)->dispose (object);
}

static void
convene_registry_people_finalize (GObject *object)
{
  ConveneRegistryPeople *self = (ConveneRegistryPeople *)object;

  convene_registry_column_clear (&self->column);

  G_OBJECT_CLASS (convene_registry_people_parent_class)->finalize (object);
}

static void
convene_registry_people_class_init (ConveneRegistryPeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_registry_people_dispose;
  object_class->finalize = convene_registry_people_finalize;
}

static void
convene_registry_people_init (ConveneRegistryPeople *self)
{
  self->items = g_ptr_array_new_with_free_func (unref_if_made);
}

/* Private API */

/**
 * convene_registry_people_new:
 * @column: (nullable): the people of a cached registry, taken over
 *
 * Returns: (transfer full): an empty model, or one over @column
 */
ConveneRegistryPeople *
convene_registry_people_new (ConveneRegistryColumn *column)
{
  ConveneRegistryPeople *self = g_object_new (CONVENE_TYPE_REGISTRY_PEOPLE, NULL);

  if (column == NULL)
    return self;

  self->column = *column;
  memset (column, 0, sizeof *column);
  g_ptr_array_set_size (self->items, self->column.n);
  return self;
}

void
convene_registry_people_append (ConveneRegistryPeople *self,
                                ConvenePerson         *person)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_PEOPLE (self));
  g_return_if_fail (CONVENE_IS_PERSON (person));

  g_ptr_array_add (self->items, g_object_ref (person));
  self->n_materialized++;
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

/**
 * convene_registry_people_peek:
 * @self: a #ConveneRegistryPeople
 * @position: a position
 *
 * Returns: (transfer none) (nullable): the person at @position, made now
 *   if it was not yet
 */
ConvenePerson *
convene_registry_people_peek (ConveneRegistryPeople *self,
                              guint                  position)
{
  ConvenePerson *person;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_PEOPLE (self), NULL);

  if (position >= self->items->len)
    return NULL;

  person = g_ptr_array_index (self->items, position);
  if (person == NULL)
    {
      g_autoptr(GVariant) entry = convene_registry_column_get_entry (&self->column, position);

      person = convene_registry_cache_make_person (entry, self->column.ids[position]);
      g_ptr_array_index (self->items, position) = person;
      self->n_materialized++;
    }

  return person;
}

/* Whether @person is the very object at @position, without making it. */
gboolean
convene_registry_people_holds (ConveneRegistryPeople *self,
                               guint                  position,
                               ConvenePerson         *person)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_PEOPLE (self), FALSE);

  return position < self->items->len && g_ptr_array_index (self->items, position) == person;
}

/**
 * convene_registry_people_get_ids:
 * @self: a #ConveneRegistryPeople
 *
 * Returns: (transfer none) (nullable): the ids of the table, or %NULL for
 *   a plain list
 */
const char * const *
convene_registry_people_get_ids (ConveneRegistryPeople *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_PEOPLE (self), NULL);
  return (const char * const *)self->column.ids;
}

guint
convene_registry_people_get_n_materialized (ConveneRegistryPeople *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_PEOPLE (self), 0);
  return self->n_materialized;
}
