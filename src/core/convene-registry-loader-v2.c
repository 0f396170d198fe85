/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "convene-registry-loader-private.h"
#include "convene-json-scan-private.h"
#include "convene-url.h"

/* The members format v2 adds (docs/registry-format.md): a group's kind,
 * parent, charter, chat channels, mailing lists, liaisons and calendar
 * feeds, a lead's term, a meeting's title, notes and recordings, and the
 * community's calendar feeds. A file of format_version 1 never reaches
 * these loaders, so it loads exactly as it always did.
 *
 * References between objects (a parent group, a liaison) are checked
 * once the whole document is read, in loader_check_references_v2().
 */

typedef struct
{
  char *path;                  /* of the member that refers */
  char *id;                    /* the id it names */
  gboolean is_group;           /* a group id, else a person id */
} Reference;

static void
reference_free (gpointer data)
{
  Reference *ref = data;

  g_free (ref->path);
  g_free (ref->id);
  g_free (ref);
}

static void
add_reference (Loader     *self,
               const char *path,
               const char *id,
               gboolean    is_group)
{
  Reference *ref = g_new0 (Reference, 1);

  if (self->references == NULL)
    self->references = g_ptr_array_new_with_free_func (reference_free);

  ref->path = g_strdup (path);
  ref->id = g_strdup (id);
  ref->is_group = is_group;
  g_ptr_array_add (self->references, ref);
}

/* "YYYY-MM-DD" with a real day */
static gboolean
is_iso_date (const char *str)
{
  int y, m, d;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
        return FALSE;
    }

  y = atoi (str);
  m = atoi (str + 5);
  d = atoi (str + 8);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* Returns the elements of the array of strings @name, each checked by
 * @is_url or as an id; %NULL when the member is absent.
 */
static GStrv
load_strings (Loader     *self,
              JsonObject *object,
              const char *parent,
              const char *name,
              gboolean    is_url,
              gboolean    names_person)
{
  g_autofree char *path = convene_json_path_member (parent, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array = loader_get_array (self, object, parent, name, 0);

  if (array == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = convene_json_path_index (path, i);
      g_autoptr(GError) error = NULL;
      JsonNode *node = json_array_get_element (array, i);
      const char *str;

      if (!loader_node_has_type (node, EXPECT_STRING))
        {
          loader_report_type (self, item_path, node, EXPECT_STRING);
          continue;
        }

      str = json_node_get_string (node);
      /* A URL's length is convene_url_check()'s to bound */
      if (!is_url && !loader_check_length (self, item_path, str, CONVENE_MAX_ID))
        continue;

      if (*str == '\0')
        {
          loader_report (self, CONVENE_SEVERITY_ERROR, item_path, item_path,
                         _("must not be empty"));
          continue;
        }

      if (is_url && !convene_url_check (str, &error))
        {
          loader_report (self, CONVENE_SEVERITY_ERROR, item_path, item_path, "%s",
                         error->message);
          continue;
        }

      if (names_person)
        add_reference (self, item_path, str, FALSE);
      g_strv_builder_add (builder, str);
    }

  return g_strv_builder_end (builder);
}

/* One element of "chat" or "mailing_lists": a link of @kind, or of the
 * chat kind the element names.
 */
static ConveneLink *
load_channel (Loader          *self,
              JsonObject      *object,
              const char      *path,
              gboolean         is_chat)
{
  ConveneLinkKind kind = CONVENE_LINK_MAILING_LIST;
  const char *label;
  const char *url;

  if (is_chat)
    {
      const char *kind_name = loader_get_string (self, object, path, "kind", REQUIRED | NOT_EMPTY,
                                                 CONVENE_MAX_KEYWORD);

      if (kind_name == NULL)
        return NULL;

      if (!convene_link_kind_from_string (kind_name, &kind) || !convene_link_kind_is_chat (kind))
        {
          g_autofree char *kind_path = convene_json_path_member (path, "kind");

          loader_report (self, CONVENE_SEVERITY_ERROR, kind_path, kind_path,
                         _("unknown chat kind “%s”; use slack, matrix, zulip, discord or irc"),
                         kind_name);
          return NULL;
        }
    }

  label = loader_get_string (self, object, path, is_chat ? "name" : "label",
                             is_chat ? REQUIRED | NOT_EMPTY : 0, CONVENE_MAX_LABEL);
  url = loader_get_url (self, object, path, "url", REQUIRED);
  if (url == NULL || (is_chat && label == NULL))
    return NULL;

  return convene_link_new (kind, label, url);
}

static void
load_channels (Loader       *self,
               JsonObject   *object,
               const char   *parent,
               const char   *name,
               ConveneGroup *group)
{
  g_autofree char *path = convene_json_path_member (parent, name);
  JsonArray *array = loader_get_array (self, object, parent, name, 0);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = convene_json_path_index (path, i);
      JsonObject *item = loader_get_element_object (self, array, i, item_path);
      g_autoptr(ConveneLink) link = NULL;

      if (item != NULL)
        link = load_channel (self, item, item_path, strcmp (name, "chat") == 0);
      if (link != NULL)
        convene_group_add_link (group, link);
    }
}

/**
 * loader_load_group_v2:
 *
 * Reads the v2 members of the group at @path into @group, after its
 * artifacts: the charter first, then chat channels, then mailing lists,
 * the order in which the writer leaves them out of "artifacts".
 */
void
loader_load_group_v2 (Loader       *self,
                      JsonObject   *object,
                      const char   *path,
                      ConveneGroup *group)
{
  g_auto(GStrv) liaisons = NULL;
  g_auto(GStrv) feeds = NULL;
  const char *str;

  g_assert (self->version >= 2);

  if ((str = loader_get_string (self, object, path, "kind", NOT_EMPTY,
                                CONVENE_MAX_KEYWORD)) != NULL)
    {
      ConveneGroupKind kind;

      if (!convene_group_kind_from_string (str, &kind))
        {
          g_autofree char *kind_path = convene_json_path_member (path, "kind");

          loader_report (self, CONVENE_SEVERITY_WARNING, kind_path, kind_path,
                         _("unknown group kind “%s”; it is shown as a group"), str);
        }
      convene_group_set_kind (group, kind);
    }

  if ((str = loader_get_string (self, object, path, "parent", NOT_EMPTY, CONVENE_MAX_ID)) != NULL)
    {
      g_autofree char *parent_path = convene_json_path_member (path, "parent");

      if (g_strcmp0 (str, convene_group_get_id (group)) == 0)
        loader_report (self, CONVENE_SEVERITY_ERROR, parent_path, parent_path,
                       _("a group cannot be its own parent"));
      else
        {
          add_reference (self, parent_path, str, TRUE);
          convene_group_set_parent_id (group, str);
        }
    }

  if ((str = loader_get_url (self, object, path, "charter_url", 0)) != NULL)
    {
      g_autoptr(ConveneLink) charter = convene_link_new (CONVENE_LINK_CHARTER, NULL, str);

      convene_group_add_link (group, charter);
    }

  load_channels (self, object, path, "chat", group);
  load_channels (self, object, path, "mailing_lists", group);

  if ((liaisons = load_strings (self, object, path, "liaisons", FALSE, TRUE)) != NULL)
    convene_group_set_liaisons (group, (const char * const *)liaisons);
  if ((feeds = load_strings (self, object, path, "calendar_feeds", TRUE, FALSE)) != NULL)
    convene_group_set_calendar_feeds (group, (const char * const *)feeds);
}

/* Reads a lead's "term". */
void
loader_load_lead_v2 (Loader      *self,
                     JsonObject  *object,
                     const char  *path,
                     ConveneLead *lead)
{
  g_autofree char *term_path = convene_json_path_member (path, "term");
  const char *dates[2] = { NULL, NULL };
  JsonObject *term;

  g_assert (self->version >= 2);

  term = loader_get_object (self, object, path, "term", 0);
  if (term == NULL)
    return;

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "start" : "end";
      const char *str = loader_get_string (self, term, term_path, name, 0, CONVENE_MAX_KEYWORD);

      if (str != NULL && !is_iso_date (str))
        {
          g_autofree char *date_path = convene_json_path_member (term_path, name);

          loader_report (self, CONVENE_SEVERITY_ERROR, date_path, date_path,
                         _("“%s” is not a date as YYYY-MM-DD"), str);
          continue;
        }
      dates[i] = str;
    }

  if (dates[0] != NULL && dates[1] != NULL && strcmp (dates[0], dates[1]) > 0)
    {
      g_autofree char *end_path = convene_json_path_member (term_path, "end");

      loader_report (self, CONVENE_SEVERITY_ERROR, end_path, end_path,
                     _("the term ends (%s) before it starts (%s)"), dates[1], dates[0]);
      return;
    }

  convene_lead_set_term (lead, dates[0], dates[1]);
}

/* Reads a meeting's title, notes and recordings. */
void
loader_load_meeting_v2 (Loader         *self,
                        JsonObject     *object,
                        const char     *path,
                        ConveneMeeting *meeting)
{
  g_assert (self->version >= 2);

  convene_meeting_set_title (meeting, loader_get_string (self, object, path, "title", NOT_EMPTY,
                                                         CONVENE_MAX_LABEL));
  convene_meeting_set_notes_url (meeting, loader_get_url (self, object, path, "notes_url", 0));
  convene_meeting_set_recordings_url (meeting, loader_get_url (self, object, path,
                                                               "recordings_url", 0));
}

void
loader_load_community_v2 (Loader           *self,
                          JsonObject       *object,
                          ConveneCommunity *community)
{
  g_auto(GStrv) feeds = NULL;

  g_assert (self->version >= 2);

  if ((feeds = load_strings (self, object, "community", "calendar_feeds", TRUE, FALSE)) != NULL)
    convene_community_set_calendar_feeds (community, (const char * const *)feeds);
}

/* Checks that every parent names a group and every liaison a person,
 * and that no group is its own ancestor.
 */
void
loader_check_references_v2 (Loader *self)
{
  guint n_groups;

  if (self->references == NULL || self->registry == NULL)
    return;

  for (guint i = 0; i < self->references->len; i++)
    {
      const Reference *ref = g_ptr_array_index (self->references, i);

      if (ref->is_group && !g_hash_table_contains (self->group_paths, ref->id))
        loader_report (self, CONVENE_SEVERITY_ERROR, ref->path, ref->path,
                       _("unknown parent group “%s”; it must be the id of a group"), ref->id);
      else if (!ref->is_group && convene_registry_lookup_person (self->registry, ref->id) == NULL)
        loader_report (self, CONVENE_SEVERITY_ERROR, ref->path, ref->path,
                       _("unknown person “%s”; every liaison must be listed in “people”"),
                       ref->id);
    }

  /* A cycle of parents: follow each chain at most n_groups steps. */
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->registry));
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self->registry), i);
      const char *parent = convene_group_get_parent_id (group);
      guint steps = 0;

      while (parent != NULL && steps++ <= n_groups)
        {
          ConveneGroup *up = convene_registry_lookup_group (self->registry, parent);

          if (up == NULL)
            break;
          if (up == group)
            {
              const char *group_path = g_hash_table_lookup (self->group_paths,
                                                            convene_group_get_id (group));
              g_autofree char *parent_path = convene_json_path_member (group_path, "parent");

              loader_report (self, CONVENE_SEVERITY_ERROR, parent_path, parent_path,
                             _("the parents of group “%s” lead back to itself"),
                             convene_group_get_id (group));
              break;
            }
          parent = convene_group_get_parent_id (up);
        }
    }
}
