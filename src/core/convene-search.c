/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-search"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-search.h"

/* Matching for the search of the window: every term of the query must
 * occur in some field of a group or person, compared without case and
 * without accents, so "jose" finds "José" and "IBM" finds "ibm". The
 * functions also say which field matched, for the subtitle of a result.
 */

typedef enum
{
  FIELD_NONE,
  FIELD_NAME,
  FIELD_TOPIC,
  FIELD_LEAD,
  FIELD_DESCRIPTION,
} Field;

/* Keys: every field of a group or person folded once, the first time it
 * is searched, and kept on the object. A key holds the folded text and,
 * after a \x1f, the ASCII alternates GLib gives its words, so "lukasz"
 * finds "Łukasz" (whose "Ł" no decomposition removes). A keystroke then
 * costs one strstr() per field, not a fold. The registry's objects do not
 * change once loaded, so keys never go stale.
 */
typedef struct
{
  char *name;
  char *company;
  char *github;
} PersonKeys;

typedef struct
{
  char *name;           /* the name and the id */
  GPtrArray *topics;    /* parallel to convene_group_get_topics() */
  char *description;
} GroupKeys;

static GQuark person_keys_quark;
static GQuark group_keys_quark;

/* Helpers */

static char *
fold (const char *text)
{
  g_autoptr(GString) key = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) alternates = NULL;
  g_autofree char *normalized = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  normalized = convene_search_normalize (text);
  key = g_string_new (normalized);

  tokens = g_str_tokenize_and_fold (text, NULL, &alternates);
  for (guint i = 0; alternates != NULL && alternates[i] != NULL; i++)
    {
      g_string_append_c (key, '\x1f');
      g_string_append (key, alternates[i]);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static void
person_keys_free (gpointer data)
{
  PersonKeys *keys = data;

  g_free (keys->name);
  g_free (keys->company);
  g_free (keys->github);
  g_free (keys);
}

static void
group_keys_free (gpointer data)
{
  GroupKeys *keys = data;

  g_free (keys->name);
  g_ptr_array_unref (keys->topics);
  g_free (keys->description);
  g_free (keys);
}

static void
ensure_quarks (void)
{
  if (G_UNLIKELY (person_keys_quark == 0))
    {
      person_keys_quark = g_quark_from_static_string ("convene-search-person-keys");
      group_keys_quark = g_quark_from_static_string ("convene-search-group-keys");
    }
}

static const PersonKeys *
get_person_keys (ConvenePerson *person)
{
  PersonKeys *keys;

  ensure_quarks ();
  keys = g_object_get_qdata (G_OBJECT (person), person_keys_quark);
  if (keys != NULL)
    return keys;

  keys = g_new0 (PersonKeys, 1);
  keys->name = fold (convene_person_get_name (person));
  keys->company = fold (convene_person_get_company (person));
  keys->github = fold (convene_person_get_github (person));
  g_object_set_qdata_full (G_OBJECT (person), person_keys_quark, keys, person_keys_free);

  return keys;
}

static const GroupKeys *
get_group_keys (ConveneGroup *group)
{
  const char * const *topics;
  g_autofree char *name = NULL;
  GroupKeys *keys;

  ensure_quarks ();
  keys = g_object_get_qdata (G_OBJECT (group), group_keys_quark);
  if (keys != NULL)
    return keys;

  keys = g_new0 (GroupKeys, 1);
  name = g_strjoin ("\x1f", convene_group_get_name (group), convene_group_get_id (group), NULL);
  keys->name = fold (name);
  keys->topics = g_ptr_array_new_with_free_func (g_free);
  topics = convene_group_get_topics (group);
  for (guint i = 0; topics[i] != NULL; i++)
    g_ptr_array_add (keys->topics, fold (topics[i]));
  keys->description = fold (convene_group_get_description (group));
  g_object_set_qdata_full (G_OBJECT (group), group_keys_quark, keys, group_keys_free);

  return keys;
}

static inline gboolean
contains (const char *key,
          const char *normalized_term)
{
  return key != NULL && strstr (key, normalized_term) != NULL;
}

/* The folded names of each role, in the user's language and as the
 * registry writes them ("chair", "tech-lead"), built once.
 */
static const char *
get_role_key (ConveneRole role)
{
  static char *role_keys[CONVENE_ROLE_TECH_LEAD + 1];

  g_assert ((guint)role < G_N_ELEMENTS (role_keys));

  if (role_keys[role] == NULL)
    {
      g_autofree char *title = fold (convene_role_get_title (role));
      g_autofree char *name = fold (convene_role_to_string (role));

      role_keys[role] = g_strconcat (title, "\x1f", name, NULL);
    }

  return role_keys[role];
}

static gboolean
lead_matches (ConveneLead *lead,
              const char  *term)
{
  const PersonKeys *keys = get_person_keys (convene_lead_get_person (lead));

  return contains (keys->name, term) ||
         contains (keys->company, term) ||
         contains (keys->github, term) ||
         contains (get_role_key (convene_lead_get_role (lead)), term);
}

/* Finds the first field of @group that contains @term; for a topic or a
 * lead, also which one.
 */
static Field
find_group_field (ConveneGroup  *group,
                  const char    *term,
                  const char   **topic,
                  ConveneLead  **lead)
{
  const GroupKeys *keys = get_group_keys (group);
  GListModel *leads;
  guint n_leads;

  if (contains (keys->name, term))
    return FIELD_NAME;

  for (guint i = 0; i < keys->topics->len; i++)
    {
      if (contains (g_ptr_array_index (keys->topics, i), term))
        {
          *topic = convene_group_get_topics (group)[i];
          return FIELD_TOPIC;
        }
    }

  leads = convene_group_get_leads (group);
  n_leads = g_list_model_get_n_items (leads);
  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(ConveneLead) item = g_list_model_get_item (leads, i);

      if (lead_matches (item, term))
        {
          *lead = g_steal_pointer (&item);
          return FIELD_LEAD;
        }
    }

  if (contains (keys->description, term))
    return FIELD_DESCRIPTION;

  return FIELD_NONE;
}

/* With several terms, "lin ibm" should name Lin Sun of IBM rather than the
 * first IBM lead: the leads who match the most terms, every one of them
 * ("ibm" on Steering names its three IBM leads), each person once.
 */
static GPtrArray *
find_best_leads (ConveneGroup        *group,
                 const char * const  *terms)
{
  GListModel *leads = convene_group_get_leads (group);
  guint n_leads = g_list_model_get_n_items (leads);
  GPtrArray *best = g_ptr_array_new_with_free_func (g_object_unref);
  guint best_count = 0;

  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);
      gboolean known = FALSE;
      guint count = 0;

      for (guint j = 0; terms[j] != NULL; j++)
        if (lead_matches (lead, terms[j]))
          count++;

      if (count == 0 || count < best_count)
        continue;

      if (count > best_count)
        {
          best_count = count;
          g_ptr_array_set_size (best, 0);
        }

      for (guint j = 0; j < best->len && !known; j++)
        known = convene_lead_get_person (g_ptr_array_index (best, j)) ==
                convene_lead_get_person (lead);
      if (!known)
        g_ptr_array_add (best, g_steal_pointer (&lead));
    }

  return best;
}

static char *
describe_leads (GPtrArray *leads)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char *company = NULL;
  gboolean one_company = TRUE;

  g_assert (leads->len > 0);

  for (guint i = 0; i < leads->len; i++)
    {
      const char *c = convene_person_get_company (convene_lead_get_person (g_ptr_array_index (leads, i)));

      if (i == 0)
        company = c;
      else if (g_strcmp0 (c, company) != 0)
        one_company = FALSE;
    }
  if (company == NULL || *company == '\0')
    one_company = FALSE;

  for (guint i = 0; i < leads->len; i++)
    {
      ConvenePerson *person = convene_lead_get_person (g_ptr_array_index (leads, i));
      const char *c = convene_person_get_company (person);

      if (i > 0)
        /* Translators: between the names of two leads in a search result */
        g_string_append (names, _(", "));
      g_string_append (names, convene_person_get_name (person));
      if (!one_company && c != NULL && *c != '\0')
        /* Translators: a lead's company after their name, in a search result */
        g_string_append_printf (names, _(" (%s)"), c);
    }
  if (one_company)
    g_string_append_printf (names, _(" (%s)"), company);

  if (leads->len == 1)
    /* Translators: a search result; %s is a person and perhaps their company, "Lin Sun (IBM)" */
    return g_strdup_printf (_("Lead: %s"), names->str);

  /* Translators: a search result; %s names several people, "Dan Berg, Lin Sun (IBM)" */
  return g_strdup_printf (_("Leads: %s"), names->str);
}

/* Public API */

/**
 * convene_search_normalize:
 * @text: a UTF-8 string
 *
 * Folds @text for matching: compatibility decomposition, combining marks
 * removed, case folded. "José", "JOSE" and "jose" all become "jose".
 *
 * Returns: (transfer full): the folded text
 */
char *
convene_search_normalize (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
        case G_UNICODE_NON_SPACING_MARK:
          break;

        default:
          g_string_append_unichar (stripped, c);
        }
    }

  return g_utf8_casefold (stripped->str, stripped->len);
}

/**
 * convene_search_split_query:
 * @query: what the user typed
 *
 * Returns: (transfer full): the normalized terms of @query, split at white
 *   space; empty when @query has no terms
 */
char **
convene_search_split_query (const char *query)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  if (query == NULL)
    return g_strv_builder_end (builder);

  normalized = convene_search_normalize (query);
  words = g_strsplit_set (normalized, " \t\n\r", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);

  return g_strv_builder_end (builder);
}

/**
 * convene_search_match_group:
 * @group: a #ConveneGroup
 * @terms: normalized terms from convene_search_split_query()
 * @why: (out) (optional) (nullable) (transfer full): which field matched,
 *   such as "Topic: Tracing" or "Lead: Lin Sun (IBM)"; %NULL when the name
 *   of the group matched
 *
 * Every term must occur in the name, a topic, a lead (name, company,
 * GitHub account or role) or the description of @group.
 *
 * Returns: %TRUE if @group matches
 */
gboolean
convene_search_match_group (ConveneGroup        *group,
                            const char * const  *terms,
                            char               **why)
{
  Field best = FIELD_NONE;
  const char *best_topic = NULL;
  g_autoptr(ConveneLead) best_lead = NULL;

  g_return_val_if_fail (CONVENE_IS_GROUP (group), FALSE);
  g_return_val_if_fail (terms != NULL, FALSE);

  if (why != NULL)
    *why = NULL;

  for (guint i = 0; terms[i] != NULL; i++)
    {
      const char *topic = NULL;
      g_autoptr(ConveneLead) lead = NULL;
      Field field = find_group_field (group, terms[i], &topic, &lead);

      if (field == FIELD_NONE)
        return FALSE;

      /* The subtitle explains the first term that did not match the name. */
      if (best == FIELD_NONE || best == FIELD_NAME)
        {
          best = field;
          best_topic = topic;
          g_set_object (&best_lead, lead);
        }
    }

  if (why == NULL)
    return TRUE;

  switch (best)
    {
    case FIELD_TOPIC:
      /* Translators: a search result; %s is a topic of a working group */
      *why = g_strdup_printf (_("Topic: %s"), best_topic);
      break;

    case FIELD_LEAD:
      {
        g_autoptr(GPtrArray) leads = find_best_leads (group, terms);

        if (leads->len == 0)
          g_ptr_array_add (leads, g_object_ref (best_lead));
        *why = describe_leads (leads);
      }
      break;

    case FIELD_DESCRIPTION:
      *why = g_strdup (_("Matches the description"));
      break;

    case FIELD_NONE:
    case FIELD_NAME:
    default:
      break;
    }

  return TRUE;
}

/**
 * convene_search_match_person:
 * @person: a #ConvenePerson
 * @terms: normalized terms from convene_search_split_query()
 * @why: (out) (optional) (nullable) (transfer full): "Company: IBM" when
 *   a term matched only the company, else %NULL
 *
 * Every term must occur in the name, company or GitHub account of @person.
 *
 * Returns: %TRUE if @person matches
 */
gboolean
convene_search_match_person (ConvenePerson       *person,
                             const char * const  *terms,
                             char               **why)
{
  gboolean company_matched = FALSE;
  const PersonKeys *keys;

  g_return_val_if_fail (CONVENE_IS_PERSON (person), FALSE);
  g_return_val_if_fail (terms != NULL, FALSE);

  if (why != NULL)
    *why = NULL;

  keys = get_person_keys (person);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (contains (keys->name, terms[i]) || contains (keys->github, terms[i]))
        continue;

      if (!contains (keys->company, terms[i]))
        return FALSE;

      company_matched = TRUE;
    }

  if (why != NULL && company_matched)
    /* Translators: a search result; %s is a company */
    *why = g_strdup_printf (_("Company: %s"), convene_person_get_company (person));

  return TRUE;
}
