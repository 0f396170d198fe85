/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-person.h"

G_BEGIN_DECLS

typedef enum
{
  CONVENE_ROLE_LEAD,
  CONVENE_ROLE_CHAIR,
  CONVENE_ROLE_TECH_LEAD,
  CONVENE_ROLE_EMERITUS,       /* format v2 */
} ConveneRole;

#define CONVENE_ROLE_LAST CONVENE_ROLE_EMERITUS

#define CONVENE_TYPE_LEAD (convene_lead_get_type ())

G_DECLARE_FINAL_TYPE (ConveneLead, convene_lead, CONVENE, LEAD, GObject)

ConveneLead   *convene_lead_new              (ConvenePerson *person,
                                              ConveneRole    role);
ConvenePerson *convene_lead_get_person       (ConveneLead   *self);
ConveneRole    convene_lead_get_role         (ConveneLead   *self);
const char    *convene_role_to_string        (ConveneRole    role);
gboolean       convene_role_from_string      (const char    *str,
                                              ConveneRole   *role);
const char    *convene_role_get_title        (ConveneRole    role);

/* Format v2: the term, dates as YYYY-MM-DD, each optional */
const char    *convene_lead_get_term_start   (ConveneLead   *self);
const char    *convene_lead_get_term_end     (ConveneLead   *self);
void           convene_lead_set_term         (ConveneLead   *self,
                                              const char    *start,
                                              const char    *end);

G_END_DECLS
