/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-group"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-group.h"

struct _ConveneGroup
{
  GObject parent_instance;

  char *id;
  char *name;
  char **topics;
  char *description;
  GListStore *links;
  GListStore *meetings;
  GListStore *leads;

  /* Format v2 */
  ConveneGroupKind kind;
  char *parent_id;
  char **liaisons;
  char **calendar_feeds;
};

G_DEFINE_FINAL_TYPE (ConveneGroup, convene_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TOPICS,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Vfuncs */

static void
convene_group_dispose (GObject *object)
{
  ConveneGroup *self = (ConveneGroup *)object;

  g_clear_object (&self->links);
  g_clear_object (&self->meetings);
  g_clear_object (&self->leads);

  G_OBJECT_CLASS (convene_group_parent_class)->dispose (object);
}

static void
convene_group_finalize (GObject *object)
{
  ConveneGroup *self = (ConveneGroup *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->parent_id, g_free);
  g_clear_pointer (&self->liaisons, g_strfreev);
  g_clear_pointer (&self->calendar_feeds, g_strfreev);

  G_OBJECT_CLASS (convene_group_parent_class)->finalize (object);
}

static void
convene_group_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ConveneGroup *self = CONVENE_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TOPICS:
      g_value_set_boxed (value, self->topics);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_group_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ConveneGroup *self = CONVENE_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_TOPICS:
      convene_group_set_topics (self, g_value_get_boxed (value));
      break;

    case PROP_DESCRIPTION:
      convene_group_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_group_class_init (ConveneGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_group_dispose;
  object_class->finalize = convene_group_finalize;
  object_class->get_property = convene_group_get_property;
  object_class->set_property = convene_group_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPICS] =
    g_param_spec_boxed ("topics", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_group_init (ConveneGroup *self)
{
  self->links = g_list_store_new (CONVENE_TYPE_LINK);
  self->meetings = g_list_store_new (CONVENE_TYPE_MEETING);
  self->leads = g_list_store_new (CONVENE_TYPE_LEAD);
  self->topics = g_new0 (char *, 1);
  self->liaisons = g_new0 (char *, 1);
  self->calendar_feeds = g_new0 (char *, 1);
}

/* Public API */

/**
 * convene_group_new:
 * @id: the stable identifier (a slug such as "api-management")
 * @name: the display name
 *
 * Returns: (transfer full): a new #ConveneGroup
 */
ConveneGroup *
convene_group_new (const char *id,
                   const char *name)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (CONVENE_TYPE_GROUP,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
convene_group_get_id (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return self->id;
}

const char *
convene_group_get_name (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return self->name;
}

/**
 * convene_group_get_topics:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): the topics, never %NULL
 */
const char * const *
convene_group_get_topics (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return (const char * const *)self->topics;
}

void
convene_group_set_topics (ConveneGroup       *self,
                          const char * const *topics)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));

  g_strfreev (self->topics);
  self->topics = topics ? g_strdupv ((char **)topics) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPICS]);
}

/**
 * convene_group_dup_topics_text:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer full): the topics joined with commas, for display
 */
char *
convene_group_dup_topics_text (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);

  /* Translators: the separator between the topics of a working group */
  return g_strjoinv (_(", "), self->topics);
}

const char *
convene_group_get_description (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return self->description;
}

void
convene_group_set_description (ConveneGroup *self,
                               const char   *description)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * convene_group_get_links:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): a #GListModel of #ConveneLink
 */
GListModel *
convene_group_get_links (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return G_LIST_MODEL (self->links);
}

void
convene_group_add_link (ConveneGroup *self,
                        ConveneLink  *link)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  g_return_if_fail (CONVENE_IS_LINK (link));
  g_list_store_append (self->links, link);
}

/**
 * convene_group_get_meetings:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): a #GListModel of #ConveneMeeting
 */
GListModel *
convene_group_get_meetings (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return G_LIST_MODEL (self->meetings);
}

void
convene_group_add_meeting (ConveneGroup   *self,
                           ConveneMeeting *meeting)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  g_return_if_fail (CONVENE_IS_MEETING (meeting));
  g_list_store_append (self->meetings, meeting);
}

/**
 * convene_group_get_leads:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): a #GListModel of #ConveneLead
 */
GListModel *
convene_group_get_leads (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return G_LIST_MODEL (self->leads);
}

void
convene_group_add_lead (ConveneGroup *self,
                        ConveneLead  *lead)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  g_return_if_fail (CONVENE_IS_LEAD (lead));
  g_list_store_append (self->leads, lead);
}

/**
 * convene_group_find_link:
 * @self: a #ConveneGroup
 * @kind: the kind of link to look for
 *
 * Returns: (transfer none) (nullable): the first link of @kind
 */
ConveneLink *
convene_group_find_link (ConveneGroup    *self,
                         ConveneLinkKind  kind)
{
  guint n;

  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->links));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (G_LIST_MODEL (self->links), i);

      if (convene_link_get_kind (link) == kind)
        return link;
    }

  return NULL;
}

/**
 * convene_group_make_id:
 * @name: a group name such as "Performance & Scalability"
 *
 * Returns: (transfer full) (nullable): a slug such as
 *   "performance-scalability", or %NULL for a name with no letters or digits
 */
char *
convene_group_make_id (const char *name)
{
  return convene_person_make_id (NULL, name);
}

/* Format v2 */

/* The kinds in the order of the enum, as the registry format names them. */
static const char * const kind_names[] = {
  NULL, "group", "sig", "working-group", "user-group", "committee", "subproject", "tag", "area",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CONVENE_GROUP_KIND_LAST + 1);

ConveneGroupKind
convene_group_get_kind (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), CONVENE_GROUP_KIND_NONE);
  return self->kind;
}

void
convene_group_set_kind (ConveneGroup     *self,
                        ConveneGroupKind  kind)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  g_return_if_fail (kind <= CONVENE_GROUP_KIND_LAST);
  self->kind = kind;
}

/**
 * convene_group_get_parent_id:
 * @self: a #ConveneGroup
 *
 * Returns: (nullable): the id of the group this one belongs to, such as
 *   the SIG of a subproject or the area of a working group
 */
const char *
convene_group_get_parent_id (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return self->parent_id;
}

void
convene_group_set_parent_id (ConveneGroup *self,
                             const char   *parent_id)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  g_free (self->parent_id);
  self->parent_id = g_strdup (parent_id);
}

static void
set_strv (char               ***field,
          const char * const   *strv)
{
  g_strfreev (*field);
  *field = strv != NULL ? g_strdupv ((char **)strv) : g_new0 (char *, 1);
}

/**
 * convene_group_get_liaisons:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): the ids of the people who are the group's
 *   liaisons to a steering body, never %NULL
 */
const char * const *
convene_group_get_liaisons (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return (const char * const *)self->liaisons;
}

void
convene_group_set_liaisons (ConveneGroup       *self,
                            const char * const *person_ids)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  set_strv (&self->liaisons, person_ids);
}

/**
 * convene_group_get_calendar_feeds:
 * @self: a #ConveneGroup
 *
 * Returns: (transfer none): the URLs of the group's iCalendar feeds,
 *   never %NULL
 */
const char * const *
convene_group_get_calendar_feeds (ConveneGroup *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP (self), NULL);
  return (const char * const *)self->calendar_feeds;
}

void
convene_group_set_calendar_feeds (ConveneGroup       *self,
                                  const char * const *urls)
{
  g_return_if_fail (CONVENE_IS_GROUP (self));
  set_strv (&self->calendar_feeds, urls);
}

/**
 * convene_group_kind_to_string:
 * @kind: a #ConveneGroupKind
 *
 * Returns: (nullable): the name of @kind in the registry format, such as
 *   "working-group"; %NULL for %CONVENE_GROUP_KIND_NONE
 */
const char *
convene_group_kind_to_string (ConveneGroupKind kind)
{
  g_return_val_if_fail (kind <= CONVENE_GROUP_KIND_LAST, NULL);
  return kind_names[kind];
}

/**
 * convene_group_kind_from_string:
 * @str: a kind name from the registry format
 * @kind: (out): the kind; %CONVENE_GROUP_KIND_GROUP when unknown
 *
 * Returns: %TRUE if @str names a known kind
 */
gboolean
convene_group_kind_from_string (const char       *str,
                                ConveneGroupKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = CONVENE_GROUP_KIND_GROUP; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  *kind = CONVENE_GROUP_KIND_GROUP;
  return FALSE;
}
