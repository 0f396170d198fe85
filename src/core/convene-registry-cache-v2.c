/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-cache"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-cache-private.h"

/* The members of registry format v2 in a cache entry: one tuple at the
 * end of each group entry and one at the end of the community, so the
 * v1 part of the entry keeps its shape. Lead terms and meeting links are
 * arrays parallel to the leads and meetings of the entry; a damaged
 * entry whose arrays do not match gets none of them.
 */

static void
add_meeting_extras (GVariantBuilder *builder,
                    GListModel      *meetings)
{
  g_variant_builder_open (builder, G_VARIANT_TYPE ("a(msmsms)"));
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);

      g_variant_builder_add (builder, "(msmsms)", convene_meeting_get_title (meeting),
                             convene_meeting_get_notes_url (meeting),
                             convene_meeting_get_recordings_url (meeting));
    }
  g_variant_builder_close (builder);
}

static void
apply_meeting_extras (GVariant   *extras,
                      GListModel *meetings)
{
  const char *title, *notes, *recordings;
  GVariantIter iter;
  guint i = 0;

  if (g_variant_n_children (extras) != g_list_model_get_n_items (meetings))
    return;

  g_variant_iter_init (&iter, extras);
  while (g_variant_iter_next (&iter, "(m&sm&sm&s)", &title, &notes, &recordings))
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i++);

      convene_meeting_set_title (meeting, title);
      convene_meeting_set_notes_url (meeting, notes);
      convene_meeting_set_recordings_url (meeting, recordings);
    }
}

/* Adds a CONVENE_CACHE_GROUP_V2 for @group. */
void
convene_registry_cache_add_group_v2 (GVariantBuilder *builder,
                                     ConveneGroup    *group)
{
  GListModel *leads = convene_group_get_leads (group);

  g_variant_builder_open (builder, G_VARIANT_TYPE (CONVENE_CACHE_GROUP_V2));
  g_variant_builder_add (builder, "u", (guint32)convene_group_get_kind (group));
  g_variant_builder_add (builder, "ms", convene_group_get_parent_id (group));
  g_variant_builder_add (builder, "^as", convene_group_get_liaisons (group));
  g_variant_builder_add (builder, "^as", convene_group_get_calendar_feeds (group));

  g_variant_builder_open (builder, G_VARIANT_TYPE ("a(msms)"));
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      g_variant_builder_add (builder, "(msms)", convene_lead_get_term_start (lead),
                             convene_lead_get_term_end (lead));
    }
  g_variant_builder_close (builder);

  add_meeting_extras (builder, convene_group_get_meetings (group));
  g_variant_builder_close (builder);
}

/* Applies a CONVENE_CACHE_GROUP_V2 to the group made from its entry. */
void
convene_registry_cache_apply_group_v2 (GVariant     *value,
                                       ConveneGroup *group)
{
  g_autoptr(GVariant) terms = NULL;
  g_autoptr(GVariant) meetings = NULL;
  g_autofree const char **liaisons = NULL;
  g_autofree const char **feeds = NULL;
  GListModel *leads = convene_group_get_leads (group);
  const char *parent, *start, *end;
  guint32 kind;

  g_variant_get (value, "(um&s^a&s^a&s@a(msms)@a(msmsms))", &kind, &parent, &liaisons, &feeds,
                 &terms, &meetings);

  if (kind <= CONVENE_GROUP_KIND_LAST)
    convene_group_set_kind (group, kind);
  convene_group_set_parent_id (group, parent);
  convene_group_set_liaisons (group, liaisons);
  convene_group_set_calendar_feeds (group, feeds);

  /* Leads whose person is gone were left out: then the terms do not match. */
  if (g_variant_n_children (terms) == g_list_model_get_n_items (leads))
    {
      GVariantIter iter;
      guint i = 0;

      g_variant_iter_init (&iter, terms);
      while (g_variant_iter_next (&iter, "(m&sm&s)", &start, &end))
        {
          g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i++);

          convene_lead_set_term (lead, start, end);
        }
    }

  apply_meeting_extras (meetings, convene_group_get_meetings (group));
}

/* Adds a CONVENE_CACHE_COMMUNITY_V2 for @community. */
void
convene_registry_cache_add_community_v2 (GVariantBuilder  *builder,
                                         ConveneCommunity *community)
{
  g_variant_builder_open (builder, G_VARIANT_TYPE (CONVENE_CACHE_COMMUNITY_V2));
  g_variant_builder_add (builder, "^as", convene_community_get_calendar_feeds (community));
  add_meeting_extras (builder, convene_community_get_meetings (community));
  g_variant_builder_close (builder);
}

void
convene_registry_cache_apply_community_v2 (GVariant         *value,
                                           ConveneCommunity *community)
{
  g_autoptr(GVariant) meetings = NULL;
  g_autofree const char **feeds = NULL;

  g_variant_get (value, "(^a&s@a(msmsms))", &feeds, &meetings);
  convene_community_set_calendar_feeds (community, feeds);
  apply_meeting_extras (meetings, convene_community_get_meetings (community));
}
