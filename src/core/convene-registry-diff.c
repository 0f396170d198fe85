/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-diff"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-diff.h"

/* The change list after a refresh: what a reader of the community's
 * file would want told (groups, leads, meeting times, links, topics),
 * one line each. The words "group", "lead", "meeting", "link", "topic"
 * and the arrow are part of the format `convene --refresh` prints and
 * scripts read, so they are not translated; the weekday names are.
 */

static const char *weekday_names[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
  N_("Saturday"), N_("Sunday"),
};

/* "Thursday 11:00" when the schedule was understood, else the text. */
static char *
describe_meeting (ConveneMeeting *meeting)
{
  GDateWeekday weekday = convene_meeting_get_weekday (meeting);
  int start = convene_meeting_get_start_minute (meeting);

  if (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY && start >= 0)
    return g_strdup_printf ("%s %02d:%02d", _(weekday_names[weekday]), start / 60, start % 60);

  return g_strdup (convene_meeting_get_text (meeting));
}

static const char *
lead_login (ConveneLead *lead)
{
  ConvenePerson *person = convene_lead_get_person (lead);
  const char *github = convene_person_get_github (person);

  return github != NULL && *github != '\0' ? github : convene_person_get_id (person);
}

/* The logins, URLs or topics of a group, to compare as sets (in order). */
static GPtrArray *
group_leads (ConveneGroup *group)
{
  GListModel *leads = convene_group_get_leads (group);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      g_ptr_array_add (result, (gpointer)lead_login (lead));
    }
  return result;
}

static GPtrArray *
group_links (ConveneGroup *group)
{
  GListModel *links = convene_group_get_links (group);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(ConveneLink) link = g_list_model_get_item (links, i);

      g_ptr_array_add (result, (gpointer)convene_link_get_url (link));
    }
  return result;
}

static GPtrArray *
group_topics (ConveneGroup *group)
{
  const char * const *topics = convene_group_get_topics (group);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    g_ptr_array_add (result, (gpointer)topics[i]);
  return result;
}

static gboolean
holds (GPtrArray  *array,
       const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* "- what id: x" for what left, "+ what id: x" for what came. */
static void
diff_sets (GPtrArray  *changes,
           const char *what,
           const char *id,
           GPtrArray  *old_items,
           GPtrArray  *new_items)
{
  for (guint i = 0; i < old_items->len; i++)
    if (!holds (new_items, g_ptr_array_index (old_items, i)))
      g_ptr_array_add (changes, g_strdup_printf ("- %s %s: %s", what, id,
                                                 (char *)g_ptr_array_index (old_items, i)));
  for (guint i = 0; i < new_items->len; i++)
    if (!holds (old_items, g_ptr_array_index (new_items, i)))
      g_ptr_array_add (changes, g_strdup_printf ("+ %s %s: %s", what, id,
                                                 (char *)g_ptr_array_index (new_items, i)));
}

static void
diff_meetings (GPtrArray  *changes,
               const char *id,
               GListModel *old_meetings,
               GListModel *new_meetings)
{
  guint n_old = g_list_model_get_n_items (old_meetings);
  guint n_new = g_list_model_get_n_items (new_meetings);

  /* Meetings have no ids: the first against the first, and so on. */
  for (guint i = 0; i < MAX (n_old, n_new); i++)
    {
      g_autoptr(ConveneMeeting) old_meeting = i < n_old ? g_list_model_get_item (old_meetings, i)
                                                        : NULL;
      g_autoptr(ConveneMeeting) new_meeting = i < n_new ? g_list_model_get_item (new_meetings, i)
                                                        : NULL;
      g_autofree char *old_text = old_meeting ? describe_meeting (old_meeting) : NULL;
      g_autofree char *new_text = new_meeting ? describe_meeting (new_meeting) : NULL;

      if (new_meeting == NULL)
        {
          g_ptr_array_add (changes, g_strdup_printf ("- meeting %s: %s", id, old_text));
        }
      else if (old_meeting == NULL)
        {
          g_ptr_array_add (changes, g_strdup_printf ("+ meeting %s: %s", id, new_text));
        }
      else if (g_strcmp0 (old_text, new_text) != 0)
        {
          g_ptr_array_add (changes, g_strdup_printf ("~ %s: meeting %s → %s", id,
                                                     old_text, new_text));
        }
      else if (g_strcmp0 (convene_meeting_get_text (old_meeting),
                          convene_meeting_get_text (new_meeting)) != 0)
        {
          /* Same day and time, something else said differently (the zone) */
          g_ptr_array_add (changes, g_strdup_printf ("~ %s: meeting %s → %s", id,
                                                     convene_meeting_get_text (old_meeting),
                                                     convene_meeting_get_text (new_meeting)));
        }
    }
}

static void
diff_group (GPtrArray    *changes,
            const char   *id,
            ConveneGroup *old_group,
            ConveneGroup *new_group)
{
  g_autoptr(GPtrArray) old_leads = group_leads (old_group);
  g_autoptr(GPtrArray) new_leads = group_leads (new_group);
  g_autoptr(GPtrArray) old_links = group_links (old_group);
  g_autoptr(GPtrArray) new_links = group_links (new_group);
  g_autoptr(GPtrArray) old_topics = group_topics (old_group);
  g_autoptr(GPtrArray) new_topics = group_topics (new_group);

  if (g_strcmp0 (convene_group_get_name (old_group), convene_group_get_name (new_group)) != 0)
    g_ptr_array_add (changes, g_strdup_printf ("~ group %s: name %s → %s", id,
                                               convene_group_get_name (old_group),
                                               convene_group_get_name (new_group)));

  diff_meetings (changes, id, convene_group_get_meetings (old_group),
                 convene_group_get_meetings (new_group));
  diff_sets (changes, "lead", id, old_leads, new_leads);
  diff_sets (changes, "link", id, old_links, new_links);
  diff_sets (changes, "topic", id, old_topics, new_topics);
}

/* A group of @registry with @name whose id is not in @other, or %NULL. */
static ConveneGroup *
find_renamed (ConveneRegistry *registry,
              ConveneRegistry *other,
              const char      *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (registry));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      if (g_strcmp0 (convene_group_get_name (group), name) == 0 &&
          convene_registry_lookup_group (other, convene_group_get_id (group)) == NULL)
        return group;
    }

  return NULL;
}

/**
 * convene_registry_diff:
 * @old_registry: the registry before
 * @new_registry: the registry after
 *
 * Lists what changed; see the top of convene-registry-diff.h for the lines.
 *
 * Returns: (transfer full) (element-type utf8): the lines, empty when
 *   nothing a reader would notice changed
 */
GPtrArray *
convene_registry_diff (ConveneRegistry *old_registry,
                       ConveneRegistry *new_registry)
{
  GPtrArray *changes;
  GListModel *old_groups;
  GListModel *new_groups;

  g_return_val_if_fail (CONVENE_IS_REGISTRY (old_registry), NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY (new_registry), NULL);

  changes = g_ptr_array_new_with_free_func (g_free);
  old_groups = G_LIST_MODEL (old_registry);
  new_groups = G_LIST_MODEL (new_registry);

  for (guint i = 0; i < g_list_model_get_n_items (new_groups); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (new_groups, i);
      const char *id = convene_group_get_id (group);
      ConveneGroup *old_group = convene_registry_lookup_group (old_registry, id);

      if (old_group == NULL)
        old_group = find_renamed (old_registry, new_registry, convene_group_get_name (group));

      if (old_group == NULL)
        {
          g_ptr_array_add (changes, g_strdup_printf ("+ group %s", id));
          continue;
        }

      if (g_strcmp0 (convene_group_get_id (old_group), id) != 0)
        g_ptr_array_add (changes, g_strdup_printf ("~ group %s → %s",
                                                   convene_group_get_id (old_group), id));
      diff_group (changes, id, old_group, group);
    }

  for (guint i = 0; i < g_list_model_get_n_items (old_groups); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (old_groups, i);
      const char *id = convene_group_get_id (group);

      if (convene_registry_lookup_group (new_registry, id) == NULL &&
          find_renamed (new_registry, old_registry, convene_group_get_name (group)) == NULL)
        g_ptr_array_add (changes, g_strdup_printf ("- group %s", id));
    }

  return changes;
}
