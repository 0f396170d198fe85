/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-search-hit"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-search.h"
#include "convene-search-hit.h"

/* One result of a search: the group or person that matched and the line
 * that says why (the matching topic, lead or company), or what a row of
 * it says anyway (its topics, its company). The search results are a
 * model of these, mapped from the filtered groups and people.
 */
struct _ConveneSearchHit
{
  GObject parent_instance;

  GObject *item;
  char *subtitle;
};

G_DEFINE_FINAL_TYPE (ConveneSearchHit, convene_search_hit, G_TYPE_OBJECT)

static void
convene_search_hit_finalize (GObject *object)
{
  ConveneSearchHit *self = (ConveneSearchHit *)object;

  g_clear_object (&self->item);
  g_free (self->subtitle);

  G_OBJECT_CLASS (convene_search_hit_parent_class)->finalize (object);
}

static void
convene_search_hit_class_init (ConveneSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convene_search_hit_finalize;
}

static void
convene_search_hit_init (ConveneSearchHit *self)
{
}

/**
 * convene_search_hit_new:
 * @item: a #ConveneGroup or #ConvenePerson that matched @terms
 * @terms: (nullable): the terms, from convene_search_split_query()
 *
 * Returns: (transfer full): a new #ConveneSearchHit
 */
ConveneSearchHit *
convene_search_hit_new (GObject            *item,
                        const char * const *terms)
{
  ConveneSearchHit *self;
  g_autofree char *why = NULL;

  g_return_val_if_fail (CONVENE_IS_GROUP (item) || CONVENE_IS_PERSON (item), NULL);

  self = g_object_new (CONVENE_TYPE_SEARCH_HIT, NULL);
  self->item = g_object_ref (item);

  if (CONVENE_IS_GROUP (item))
    {
      if (terms != NULL && convene_search_match_group (CONVENE_GROUP (item), terms, &why) && why)
        self->subtitle = g_steal_pointer (&why);
      else
        self->subtitle = convene_group_dup_topics_text (CONVENE_GROUP (item));
    }
  else
    {
      if (terms != NULL && convene_search_match_person (CONVENE_PERSON (item), terms, &why) && why)
        self->subtitle = g_steal_pointer (&why);
      else
        self->subtitle = g_strdup (convene_person_get_company (CONVENE_PERSON (item)));
    }

  return self;
}

/**
 * convene_search_hit_get_item:
 * @self: a #ConveneSearchHit
 *
 * Returns: (transfer none): the #ConveneGroup or #ConvenePerson
 */
GObject *
convene_search_hit_get_item (ConveneSearchHit *self)
{
  g_return_val_if_fail (CONVENE_IS_SEARCH_HIT (self), NULL);
  return self->item;
}

/**
 * convene_search_hit_get_subtitle:
 * @self: a #ConveneSearchHit
 *
 * Returns: (nullable): what the result row says under the name
 */
const char *
convene_search_hit_get_subtitle (ConveneSearchHit *self)
{
  g_return_val_if_fail (CONVENE_IS_SEARCH_HIT (self), NULL);
  return self->subtitle;
}
