/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-community"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-community.h"

/* The community as a whole: its intro, where design documents live, how to
 * propose a group, and what all groups share (links, a common meeting).
 */
struct _ConveneCommunity
{
  GObject parent_instance;

  char *name;
  char *url;
  char *design_docs_url;
  ConveneRichText *intro;
  ConveneRichText *new_group;
  GListStore *links;
  GListStore *meetings;
  char **calendar_feeds;       /* format v2 */
};

G_DEFINE_FINAL_TYPE (ConveneCommunity, convene_community, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_URL,
  PROP_DESIGN_DOCS_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Vfuncs */

static void
convene_community_dispose (GObject *object)
{
  ConveneCommunity *self = (ConveneCommunity *)object;

  g_clear_object (&self->links);
  g_clear_object (&self->meetings);

  G_OBJECT_CLASS (convene_community_parent_class)->dispose (object);
}

static void
convene_community_finalize (GObject *object)
{
  ConveneCommunity *self = (ConveneCommunity *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->design_docs_url, g_free);
  g_clear_pointer (&self->intro, convene_rich_text_unref);
  g_clear_pointer (&self->new_group, convene_rich_text_unref);
  g_clear_pointer (&self->calendar_feeds, g_strfreev);

  G_OBJECT_CLASS (convene_community_parent_class)->finalize (object);
}

static void
convene_community_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ConveneCommunity *self = CONVENE_COMMUNITY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_DESIGN_DOCS_URL:
      g_value_set_string (value, self->design_docs_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_community_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ConveneCommunity *self = CONVENE_COMMUNITY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_URL:
      convene_community_set_url (self, g_value_get_string (value));
      break;

    case PROP_DESIGN_DOCS_URL:
      convene_community_set_design_docs_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_community_class_init (ConveneCommunityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_community_dispose;
  object_class->finalize = convene_community_finalize;
  object_class->get_property = convene_community_get_property;
  object_class->set_property = convene_community_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESIGN_DOCS_URL] =
    g_param_spec_string ("design-docs-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_community_init (ConveneCommunity *self)
{
  self->intro = convene_rich_text_new ();
  self->new_group = convene_rich_text_new ();
  self->links = g_list_store_new (CONVENE_TYPE_LINK);
  self->meetings = g_list_store_new (CONVENE_TYPE_MEETING);
  self->calendar_feeds = g_new0 (char *, 1);
}

/* Public API */

/**
 * convene_community_new:
 * @name: the community's name, such as "Istio"
 *
 * Returns: (transfer full): a new #ConveneCommunity
 */
ConveneCommunity *
convene_community_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (CONVENE_TYPE_COMMUNITY, "name", name, NULL);
}

const char *
convene_community_get_name (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return self->name;
}

const char *
convene_community_get_url (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return self->url;
}

void
convene_community_set_url (ConveneCommunity *self,
                           const char       *url)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));

  if (g_strcmp0 (self->url, url) == 0)
    return;

  g_free (self->url);
  self->url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * convene_community_get_intro:
 * @self: a #ConveneCommunity
 *
 * Returns: (transfer none): the intro paragraphs, never %NULL
 */
ConveneRichText *
convene_community_get_intro (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return self->intro;
}

void
convene_community_set_intro (ConveneCommunity *self,
                             ConveneRichText  *intro)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));
  g_return_if_fail (intro != NULL);

  convene_rich_text_ref (intro);
  g_clear_pointer (&self->intro, convene_rich_text_unref);
  self->intro = intro;
}

const char *
convene_community_get_design_docs_url (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return self->design_docs_url;
}

void
convene_community_set_design_docs_url (ConveneCommunity *self,
                                       const char       *url)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));

  if (g_strcmp0 (self->design_docs_url, url) == 0)
    return;

  g_free (self->design_docs_url);
  self->design_docs_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIGN_DOCS_URL]);
}

/**
 * convene_community_get_new_group:
 * @self: a #ConveneCommunity
 *
 * Returns: (transfer none): how to propose a new group, never %NULL
 */
ConveneRichText *
convene_community_get_new_group (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return self->new_group;
}

void
convene_community_set_new_group (ConveneCommunity *self,
                                 ConveneRichText  *new_group)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));
  g_return_if_fail (new_group != NULL);

  convene_rich_text_ref (new_group);
  g_clear_pointer (&self->new_group, convene_rich_text_unref);
  self->new_group = new_group;
}

/**
 * convene_community_get_links:
 * @self: a #ConveneCommunity
 *
 * Returns: (transfer none): the links every group shares, a #GListModel of
 *   #ConveneLink
 */
GListModel *
convene_community_get_links (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return G_LIST_MODEL (self->links);
}

void
convene_community_add_link (ConveneCommunity *self,
                            ConveneLink      *link)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));
  g_return_if_fail (CONVENE_IS_LINK (link));
  g_list_store_append (self->links, link);
}

/**
 * convene_community_get_meetings:
 * @self: a #ConveneCommunity
 *
 * Returns: (transfer none): the meetings all groups share, a #GListModel of
 *   #ConveneMeeting
 */
GListModel *
convene_community_get_meetings (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return G_LIST_MODEL (self->meetings);
}

void
convene_community_add_meeting (ConveneCommunity *self,
                               ConveneMeeting   *meeting)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));
  g_return_if_fail (CONVENE_IS_MEETING (meeting));
  g_list_store_append (self->meetings, meeting);
}

/**
 * convene_community_get_calendar_feeds:
 * @self: a #ConveneCommunity
 *
 * Returns: (transfer none): the URLs of the iCalendar feeds the whole
 *   community publishes (format v2), never %NULL
 */
const char * const *
convene_community_get_calendar_feeds (ConveneCommunity *self)
{
  g_return_val_if_fail (CONVENE_IS_COMMUNITY (self), NULL);
  return (const char * const *)self->calendar_feeds;
}

void
convene_community_set_calendar_feeds (ConveneCommunity   *self,
                                      const char * const *urls)
{
  g_return_if_fail (CONVENE_IS_COMMUNITY (self));
  g_strfreev (self->calendar_feeds);
  self->calendar_feeds = urls != NULL ? g_strdupv ((char **)urls) : g_new0 (char *, 1);
}
