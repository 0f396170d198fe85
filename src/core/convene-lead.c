/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-lead"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-lead.h"

/* One person leading one group, in one role. */
struct _ConveneLead
{
  GObject parent_instance;

  ConvenePerson *person;
  ConveneRole role;
  char *term_start;
  char *term_end;
};

G_DEFINE_FINAL_TYPE (ConveneLead, convene_lead, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *name;
  const char *title;
} roles[] = {
  { "lead",      N_("Lead") },
  { "chair",     N_("Chair") },
  { "tech_lead", N_("Technical Lead") },
  { "emeritus",  N_("Emeritus Lead") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (roles) == CONVENE_ROLE_LAST + 1);

/* Vfuncs */

static void
convene_lead_dispose (GObject *object)
{
  ConveneLead *self = (ConveneLead *)object;

  g_clear_object (&self->person);

  G_OBJECT_CLASS (convene_lead_parent_class)->dispose (object);
}

static void
convene_lead_finalize (GObject *object)
{
  ConveneLead *self = (ConveneLead *)object;

  g_clear_pointer (&self->term_start, g_free);
  g_clear_pointer (&self->term_end, g_free);

  G_OBJECT_CLASS (convene_lead_parent_class)->finalize (object);
}

static void
convene_lead_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ConveneLead *self = CONVENE_LEAD (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_lead_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ConveneLead *self = CONVENE_LEAD (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    case PROP_ROLE:
      self->role = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_lead_class_init (ConveneLeadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_lead_dispose;
  object_class->finalize = convene_lead_finalize;
  object_class->get_property = convene_lead_get_property;
  object_class->set_property = convene_lead_set_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CONVENE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL,
                      CONVENE_ROLE_LEAD, CONVENE_ROLE_LAST, CONVENE_ROLE_LEAD,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_lead_init (ConveneLead *self)
{
}

/* Public API */

/**
 * convene_lead_new:
 * @person: who leads
 * @role: how
 *
 * Returns: (transfer full): a new #ConveneLead
 */
ConveneLead *
convene_lead_new (ConvenePerson *person,
                  ConveneRole    role)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (person), NULL);
  g_return_val_if_fail (role <= CONVENE_ROLE_LAST, NULL);

  return g_object_new (CONVENE_TYPE_LEAD,
                       "person", person,
                       "role", role,
                       NULL);
}

/**
 * convene_lead_get_person:
 * @self: a #ConveneLead
 *
 * Returns: (transfer none): the person
 */
ConvenePerson *
convene_lead_get_person (ConveneLead *self)
{
  g_return_val_if_fail (CONVENE_IS_LEAD (self), NULL);
  return self->person;
}

ConveneRole
convene_lead_get_role (ConveneLead *self)
{
  g_return_val_if_fail (CONVENE_IS_LEAD (self), CONVENE_ROLE_LEAD);
  return self->role;
}

const char *
convene_role_to_string (ConveneRole role)
{
  g_return_val_if_fail (role <= CONVENE_ROLE_LAST, "lead");
  return roles[role].name;
}

/**
 * convene_role_from_string:
 * @str: a role name from the registry format
 * @role: (out): the role; %CONVENE_ROLE_LEAD when unknown
 *
 * Returns: %TRUE if @str names a known role
 */
gboolean
convene_role_from_string (const char  *str,
                          ConveneRole *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_strcmp0 (str, roles[i].name) == 0)
        {
          *role = i;
          return TRUE;
        }
    }

  *role = CONVENE_ROLE_LEAD;
  return FALSE;
}

const char *
convene_role_get_title (ConveneRole role)
{
  g_return_val_if_fail (role <= CONVENE_ROLE_LAST, NULL);
  return _(roles[role].title);
}

const char *
convene_lead_get_term_start (ConveneLead *self)
{
  g_return_val_if_fail (CONVENE_IS_LEAD (self), NULL);
  return self->term_start;
}

const char *
convene_lead_get_term_end (ConveneLead *self)
{
  g_return_val_if_fail (CONVENE_IS_LEAD (self), NULL);
  return self->term_end;
}

/**
 * convene_lead_set_term:
 * @self: a #ConveneLead
 * @start: (nullable): the first day of the term, as YYYY-MM-DD
 * @end: (nullable): the last day, as YYYY-MM-DD; %NULL while it lasts
 *
 * Sets the term of a lead (format v2). A lead whose term has ended is
 * usually given the role %CONVENE_ROLE_EMERITUS by whoever reads it.
 */
void
convene_lead_set_term (ConveneLead *self,
                       const char  *start,
                       const char  *end)
{
  g_return_if_fail (CONVENE_IS_LEAD (self));

  g_free (self->term_start);
  self->term_start = g_strdup (start);
  g_free (self->term_end);
  self->term_end = g_strdup (end);
}
