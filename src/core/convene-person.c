/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-limits.h"
#include "convene-person.h"

struct _ConvenePerson
{
  GObject parent_instance;

  char *id;
  char *name;
  char *company;
  char *github;
  char *profile_url;
  char *avatar_url;
};

G_DEFINE_FINAL_TYPE (ConvenePerson, convene_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_GITHUB,
  PROP_PROFILE_URL,
  PROP_AVATAR_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_string (ConvenePerson  *self,
            char          **field,
            const char     *value,
            int             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Vfuncs */

static void
convene_person_finalize (GObject *object)
{
  ConvenePerson *self = (ConvenePerson *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->github, g_free);
  g_clear_pointer (&self->profile_url, g_free);
  g_clear_pointer (&self->avatar_url, g_free);

  G_OBJECT_CLASS (convene_person_parent_class)->finalize (object);
}

static void
convene_person_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConvenePerson *self = CONVENE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_GITHUB:
      g_value_set_string (value, self->github);
      break;

    case PROP_PROFILE_URL:
      g_value_set_string (value, self->profile_url);
      break;

    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConvenePerson *self = CONVENE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      convene_person_set_name (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      convene_person_set_company (self, g_value_get_string (value));
      break;

    case PROP_GITHUB:
      convene_person_set_github (self, g_value_get_string (value));
      break;

    case PROP_PROFILE_URL:
      convene_person_set_profile_url (self, g_value_get_string (value));
      break;

    case PROP_AVATAR_URL:
      convene_person_set_avatar_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_class_init (ConvenePersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convene_person_finalize;
  object_class->get_property = convene_person_get_property;
  object_class->set_property = convene_person_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GITHUB] =
    g_param_spec_string ("github", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROFILE_URL] =
    g_param_spec_string ("profile-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AVATAR_URL] =
    g_param_spec_string ("avatar-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_person_init (ConvenePerson *self)
{
}

/* Public API */

/**
 * convene_person_new:
 * @id: the stable identifier: the GitHub login, else a slug of the name
 * @name: the display name
 *
 * Returns: (transfer full): a new #ConvenePerson
 */
ConvenePerson *
convene_person_new (const char *id,
                    const char *name)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (CONVENE_TYPE_PERSON,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
convene_person_get_id (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->id;
}

const char *
convene_person_get_name (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->name;
}

void
convene_person_set_name (ConvenePerson *self,
                         const char    *name)
{
  g_return_if_fail (CONVENE_IS_PERSON (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
convene_person_get_company (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->company;
}

void
convene_person_set_company (ConvenePerson *self,
                            const char    *company)
{
  g_return_if_fail (CONVENE_IS_PERSON (self));
  set_string (self, &self->company, company, PROP_COMPANY);
}

const char *
convene_person_get_github (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->github;
}

void
convene_person_set_github (ConvenePerson *self,
                           const char    *github)
{
  g_return_if_fail (CONVENE_IS_PERSON (self));
  set_string (self, &self->github, github, PROP_GITHUB);
}

const char *
convene_person_get_profile_url (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->profile_url;
}

void
convene_person_set_profile_url (ConvenePerson *self,
                                const char    *profile_url)
{
  g_return_if_fail (CONVENE_IS_PERSON (self));
  set_string (self, &self->profile_url, profile_url, PROP_PROFILE_URL);
}

const char *
convene_person_get_avatar_url (ConvenePerson *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (self), NULL);
  return self->avatar_url;
}

void
convene_person_set_avatar_url (ConvenePerson *self,
                               const char    *avatar_url)
{
  g_return_if_fail (CONVENE_IS_PERSON (self));
  set_string (self, &self->avatar_url, avatar_url, PROP_AVATAR_URL);
}

/**
 * convene_person_make_id:
 * @github: (nullable): the GitHub login
 * @name: (nullable): the display name
 *
 * A person is identified by the lower-cased GitHub login when there is one,
 * else by a slug of the name, so the same lead in several groups is one
 * person.
 *
 * Returns: (transfer full) (nullable): the identifier, or %NULL when both
 *   are empty
 */
char *
convene_person_make_id (const char *github,
                        const char *name)
{
  g_autoptr(GString) slug = NULL;
  g_autofree char *normalized = NULL;
  gboolean dash = FALSE;
  guint n_chars = 0;

  /* An id never exceeds what the loader accepts, so an imported registry
   * always loads again.
   */
  if (github != NULL && *github != '\0')
    {
      g_autofree char *down = g_utf8_strdown (github, -1);

      if (g_utf8_strlen (down, -1) <= CONVENE_MAX_ID)
        return g_steal_pointer (&down);

      *g_utf8_offset_to_pointer (down, CONVENE_MAX_ID) = '\0';
      return g_steal_pointer (&down);
    }

  if (name == NULL || *name == '\0')
    return NULL;

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return NULL;

  slug = g_string_new (NULL);
  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (n_chars + (dash && slug->len > 0 ? 2 : 1) > CONVENE_MAX_ID)
            break;
          if (dash && slug->len > 0)
            {
              g_string_append_c (slug, '-');
              n_chars++;
            }
          g_string_append_unichar (slug, g_unichar_tolower (c));
          n_chars++;
          dash = FALSE;
        }
      else if (g_unichar_ismark (c))
        continue;
      else
        dash = TRUE;
    }

  if (slug->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&slug), FALSE);
}
