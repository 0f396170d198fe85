/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown-private.h"

#include <string.h>

/* People: a lead row becomes a person, found again by GitHub login or
 * name; the login comes from a profile link; the Groups column names groups
 * loosely. */

/* GitHub logins */

/* Optimal string alignment distance, to spot a host one typo away */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  g_autofree guint *d = g_new0 (guint, (la + 1) * (lb + 1));

#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;

  for (gsize i = 1; i <= la; i++)
    {
      for (gsize j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

          best = MIN (best, D (i - 1, j - 1) + cost);
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = MIN (best, D (i - 2, j - 2) + 1);
          D (i, j) = best;
        }
    }

  return D (la, lb);
#undef D
}

static gboolean
is_github_login (const char *login)
{
  gsize len = strlen (login);

  if (len == 0 || len > 39 || login[0] == '-' || login[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (login[i]) && login[i] != '-')
        return FALSE;
      if (login[i] == '-' && login[i + 1] == '-')
        return FALSE;
    }

  return TRUE;
}

/* The login of a profile page such as "/geeknoid", or %NULL */
static char *
login_from_path (const char *path)
{
  g_autofree char *segment = NULL;
  const char *slash;

  while (*path == '/')
    path++;

  slash = strchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    return NULL;

  segment = slash ? g_strndup (path, slash - path) : g_strdup (path);
  if (!is_github_login (segment))
    return NULL;

  return g_steal_pointer (&segment);
}

/* People */

gboolean
group_has_lead (ConveneGroup  *group,
                ConvenePerson *person)
{
  GListModel *leads = convene_group_get_leads (group);
  guint n = g_list_model_get_n_items (leads);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (convene_lead_get_person (lead) == person)
        return TRUE;
    }

  return FALSE;
}

static ConvenePerson *
find_person_by_name (Importer   *self,
                     const char *id)
{
  GListModel *people = convene_registry_get_people (self->registry);
  guint n = g_list_model_get_n_items (people);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (people, i);
      g_autofree char *name_id = convene_person_make_id (NULL, convene_person_get_name (person));

      if (g_strcmp0 (name_id, id) == 0)
        return person;
    }

  return NULL;
}

/* Keeps what is known of @person and warns when this row says otherwise */
static void
merge_field (Importer      *self,
             cmark_node    *row,
             ConvenePerson *person,
             const char    *old_value,
             const char    *new_value,
             void         (*set) (ConvenePerson *, const char *),
             const char    *what)
{
  if (new_value == NULL || g_strcmp0 (old_value, new_value) == 0)
    return;

  if (old_value == NULL)
    {
      set (person, new_value);
      return;
    }

  /* Translators: the first %s is a person's name, the second what differs
   * ("company", "avatar" or "profile"), then the two values */
  add_issue (self, row, _("%s: this %s “%s” differs from “%s” above; the first is kept"),
             convene_person_get_name (person), what, new_value, old_value);
}

void
lead_row_clear (LeadRow *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->company, g_free);
  g_clear_pointer (&row->login, g_free);
  g_clear_pointer (&row->profile_url, g_free);
  g_clear_pointer (&row->avatar_url, g_free);
}

ConvenePerson *
find_or_add_person (Importer   *self,
                    cmark_node *row,
                    LeadRow    *lead)
{
  g_autofree char *id = convene_person_make_id (lead->login, lead->name);
  ConvenePerson *person;

  if (id == NULL)
    {
      add_issue (self, row, _("lead “%s” has no letters or digits in the name; row not imported"),
                 lead->name);
      return NULL;
    }

  if (!text_fits (self, row, _("the identifier made from this lead’s name"), id, CONVENE_MAX_ID))
    return NULL;

  person = convene_registry_lookup_person (self->registry, id);
  if (person == NULL && lead->login == NULL)
    person = find_person_by_name (self, id);

  if (person == NULL)
    {
      g_autoptr(ConvenePerson) created = convene_person_new (id, lead->name);

      convene_person_set_company (created, lead->company);
      convene_person_set_github (created, lead->login);
      convene_person_set_profile_url (created, lead->profile_url);
      convene_person_set_avatar_url (created, lead->avatar_url);
      convene_registry_add_person (self->registry, created);
      return created;
    }

  if (g_strcmp0 (convene_person_get_name (person), lead->name) != 0)
    {
      if (lead->login != NULL)
        add_issue (self, row,
                   _("“%s” has the same GitHub login “%s” as “%s” above; the first name is kept"),
                   lead->name, lead->login, convene_person_get_name (person));
      else
        add_issue (self, row, _("“%s” is taken to be “%s” above; the first spelling is kept"),
                   lead->name, convene_person_get_name (person));
    }

  merge_field (self, row, person, convene_person_get_github (person), lead->login,
               convene_person_set_github, _("GitHub login"));
  merge_field (self, row, person, convene_person_get_company (person), lead->company,
               convene_person_set_company, _("company"));
  merge_field (self, row, person, convene_person_get_avatar_url (person), lead->avatar_url,
               convene_person_set_avatar_url, _("avatar"));
  merge_field (self, row, person, convene_person_get_profile_url (person), lead->profile_url,
               convene_person_set_profile_url, _("profile"));

  return person;
}

/* Reads a profile link: its URL is the profile, and when it points at a
 * github.com user page its path is the login. A host one typo away from
 * github.com is most likely a typo: the login is taken, the URL is kept
 * as written, and a warning names the host.
 */
void
read_profile_link (Importer   *self,
                   cmark_node *link,
                   const char *person_name,
                   gboolean    text_is_login,
                   LeadRow    *lead)
{
  g_autofree char *url = resolve_url (self, link, cmark_node_get_url (link), FALSE);
  g_autofree char *text = node_plain_text (link);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *login = NULL;
  const char *bare_host;

  if (url == NULL)
    return;

  g_clear_pointer (&lead->profile_url, g_free);
  lead->profile_url = g_strdup (url);

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  bare_host = g_str_has_prefix (host, "www.") ? host + 4 : host;

  if (strcmp (bare_host, "github.com") != 0)
    {
      if (edit_distance (bare_host, "github.com") != 1)
        return;

      add_issue (self, link,
                 _("the profile link of %s points to “%s”, which looks like a misspelling of "
                   "github.com; the URL is kept as written"),
                 person_name, g_uri_get_host (uri));
    }

  login = login_from_path (g_uri_get_path (uri));
  if (login == NULL)
    {
      add_issue (self, link, _("“%s” is not a GitHub profile page; no GitHub login taken"), url);
      return;
    }

  if (text_is_login)
    {
      const char *shown = text[0] == '@' ? text + 1 : text;

      if (is_github_login (shown) && g_ascii_strcasecmp (shown, login) != 0)
        add_issue (self, link,
                   _("the profile link text “%s” differs from the GitHub login “%s” of its "
                     "URL; the URL is trusted"),
                   text, login);
    }

  g_free (lead->login);
  lead->login = g_steal_pointer (&login);
}

gboolean
is_empty_value (const char *text)
{
  return *text == '\0' || g_ascii_strcasecmp (text, "n/a") == 0 ||
         strcmp (text, "-") == 0 || g_ascii_strcasecmp (text, "none") == 0;
}

/* Groups named in the Groups column */

/* A key under which group names match loosely: "Test & Release" and
 * "test and release" give the same key.
 */
static char *
group_key (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "&", -1);
  g_autofree char *joined = g_strjoinv (" and ", parts);

  return convene_group_make_id (joined);
}

static ConveneGroup *
find_group_by_name (Importer   *self,
                    const char *name)
{
  g_autofree char *key = group_key (name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->registry));

  if (key == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self->registry), i);
      g_autofree char *group_name_key = group_key (convene_group_get_name (group));

      if (g_strcmp0 (key, group_name_key) == 0)
        return group;
    }

  return NULL;
}

static void
add_unique_group (GPtrArray    *groups,
                  ConveneGroup *group)
{
  if (!g_ptr_array_find (groups, group, NULL))
    g_ptr_array_add (groups, group);
}

/* "Networking - Control Plane" and "Networking (Control Plane)": the group
 * and the sub-area
 */
static gboolean
split_sub_area (const char  *text,
                char       **base,
                char       **area)
{
  static const char * const separators[] = { " - ", " – ", " — ", ": ", " (" };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *sep = strstr (text, separators[i]);
      g_autofree char *head = NULL;
      g_autofree char *rest = NULL;

      if (sep == NULL)
        continue;

      head = g_strndup (text, sep - text);
      *base = normalize_space (head);
      rest = g_strdup (sep + strlen (separators[i]));
      if (g_str_has_suffix (rest, ")"))
        rest[strlen (rest) - 1] = '\0';
      *area = normalize_space (rest);
      return TRUE;
    }

  return FALSE;
}

void
match_groups (Importer   *self,
              cmark_node *cell,
              const char *text,
              GPtrArray  *groups)
{
  g_auto(GStrv) parts = NULL;
  ConveneGroup *group;

  group = find_group_by_name (self, text);
  if (group != NULL)
    {
      add_unique_group (groups, group);
      return;
    }

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = normalize_space (parts[i]);
      g_autofree char *base = NULL;
      g_autofree char *area = NULL;

      if (*part == '\0')
        continue;

      group = find_group_by_name (self, part);
      if (group != NULL)
        {
          add_unique_group (groups, group);
          continue;
        }

      if (split_sub_area (part, &base, &area) &&
          (group = find_group_by_name (self, base)) != NULL)
        {
          add_unique_group (groups, group);
          add_issue (self, cell,
                     _("“%s” is imported as a lead of %s; the sub-area “%s” has no place in "
                       "the registry"),
                     part, convene_group_get_name (group), area);
          continue;
        }

      /* "Security and Networking": only when every part is a group, since
       * names such as "Extensions and Telemetry" hold an "and" themselves */
        {
          g_auto(GStrv) words = g_strsplit (part, " and ", -1);
          g_autoptr(GPtrArray) found = g_ptr_array_new ();
          gboolean all = g_strv_length (words) > 1;

          for (guint j = 0; all && words[j] != NULL; j++)
            {
              g_autofree char *word = normalize_space (words[j]);

              group = find_group_by_name (self, word);
              if (group == NULL)
                all = FALSE;
              else
                g_ptr_array_add (found, group);
            }

          if (all)
            {
              for (guint j = 0; j < found->len; j++)
                add_unique_group (groups, g_ptr_array_index (found, j));
              continue;
            }
        }

      add_issue (self, cell, _("“%s” does not name a working group of this file"), part);
    }
}
