/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-link-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-link-list.h"
#include "convene-meeting.h"

/* Which links a page lists, and what their rows say. A page shows each
 * thing once: a link the intro already names, or that a meeting's Join
 * opens, gets no row of its own, and the same link twice one row. A
 * community's own label ("istio-api-management@", "#docs") says more
 * than a host; a label that only repeats the kind ("Notes" for Meeting
 * Notes, "calendar") says less than where the link goes.
 */

/* Words that say nothing of a link beyond its kind. */
static const char * const generic_words[] = {
  "here", "this", "link", "the", "a", "an", "our", "invite", NULL,
};

static gboolean
word_is_generic (const char      *word,
                 ConveneLinkKind  kind)
{
  g_autofree char *title = g_utf8_casefold (convene_link_kind_get_title (kind), -1);
  g_autofree char *english = NULL;

  if (*word == '\0' || g_strv_contains (generic_words, word) ||
      g_strcmp0 (word, convene_link_kind_to_string (kind)) == 0)
    return TRUE;

  /* The kind's title in the user's language and in English */
  if (strstr (title, word) != NULL)
    return TRUE;

  {
    /* Not translated: the registry's own words are mostly English. */
    static const char * const english_titles[] = {
      "forum", "video call", "calendar invitation", "meeting notes", "document folder",
      "recordings", "wiki", "chat slack", "link",
    };

    english = g_strdup (english_titles[MIN ((guint)kind, G_N_ELEMENTS (english_titles) - 1)]);
  }

  return strstr (english, word) != NULL;
}

/**
 * convene_link_label_is_generic:
 * @kind: the kind of a link
 * @label: (nullable): its label in the registry
 *
 * Returns: whether @label says nothing the kind's title does not: every
 *   word of it is in the title ("Notes", "Calendar Invitation") or says
 *   nothing at all ("here", "link")
 */
gboolean
convene_link_label_is_generic (ConveneLinkKind  kind,
                               const char      *label)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (label == NULL || *label == '\0')
    return TRUE;

  folded = g_utf8_casefold (label, -1);
  words = g_regex_split_simple ("[^[:alnum:]]+", folded, G_REGEX_OPTIMIZE, 0);

  for (guint i = 0; words[i] != NULL; i++)
    if (!word_is_generic (words[i], kind))
      return FALSE;

  return TRUE;
}

/**
 * convene_link_dup_place:
 * @uri: (nullable): a URI
 *
 * Returns: (transfer full) (nullable): where @uri leads, for a subtitle:
 *   its host and path without the query ("calendar.google.com/event"),
 *   the address of a mailto: URI, or %NULL if it has neither
 */
char *
convene_link_dup_place (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *path = NULL;
  const char *host;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return NULL;

  host = g_uri_get_host (parsed);
  if (g_strcmp0 (g_uri_get_scheme (parsed), "mailto") == 0)
    return g_strdup (g_uri_get_path (parsed));
  if (host == NULL || *host == '\0')
    return NULL;

  path = g_uri_unescape_string (g_uri_get_path (parsed), NULL);
  if (path == NULL)
    path = g_strdup (g_uri_get_path (parsed));
  while (*path != '\0' && g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';

  return g_strconcat (host, path, NULL);
}

static void
collect_intro_urls (ConveneRichText *intro,
                    GHashTable      *seen)
{
  if (intro == NULL)
    return;

  for (guint p = 0; p < convene_rich_text_get_n_paragraphs (intro); p++)
    for (guint r = 0; r < convene_rich_text_get_n_runs (intro, p); r++)
      {
        const char *url = NULL;

        convene_rich_text_get_run (intro, p, r, &url);
        if (url != NULL && *url != '\0')
          g_hash_table_add (seen, g_strdup (url));
      }
}

/**
 * convene_link_list_new:
 * @links: (nullable): the #ConveneLink<!-- -->s of a group or community
 * @meetings: (nullable): the #ConveneMeeting<!-- -->s shown on the same page
 * @intro: (nullable): a text shown above the links
 *
 * Returns: (transfer full): the links of @links to list, in order: without
 *   those whose URL a meeting joins or @intro names, and each URL once
 */
GListModel *
convene_link_list_new (GListModel      *links,
                       GListModel      *meetings,
                       ConveneRichText *intro)
{
  GListStore *store = g_list_store_new (CONVENE_TYPE_LINK);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (links == NULL || G_IS_LIST_MODEL (links), NULL);
  g_return_val_if_fail (meetings == NULL || G_IS_LIST_MODEL (meetings), NULL);

  if (links == NULL)
    return G_LIST_MODEL (store);

  collect_intro_urls (intro, seen);

  for (guint i = 0; meetings != NULL && i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      const char *url = convene_meeting_get_url (meeting);

      if (url != NULL && *url != '\0')
        g_hash_table_add (seen, g_strdup (url));
    }

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);
      const char *url = convene_link_get_url (link);

      if (url != NULL && *url != '\0')
        {
          if (g_hash_table_contains (seen, url))
            continue;
          g_hash_table_add (seen, g_strdup (url));
        }

      g_list_store_append (store, link);
    }

  return G_LIST_MODEL (store);
}
