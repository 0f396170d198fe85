/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVENE_TYPE_PERSON (convene_person_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePerson, convene_person, CONVENE, PERSON, GObject)

ConvenePerson *convene_person_new             (const char    *id,
                                               const char    *name);
const char    *convene_person_get_id          (ConvenePerson *self);
const char    *convene_person_get_name        (ConvenePerson *self);
void           convene_person_set_name        (ConvenePerson *self,
                                               const char    *name);
const char    *convene_person_get_company     (ConvenePerson *self);
void           convene_person_set_company     (ConvenePerson *self,
                                               const char    *company);
const char    *convene_person_get_github      (ConvenePerson *self);
void           convene_person_set_github      (ConvenePerson *self,
                                               const char    *github);
const char    *convene_person_get_profile_url (ConvenePerson *self);
void           convene_person_set_profile_url (ConvenePerson *self,
                                               const char    *profile_url);
const char    *convene_person_get_avatar_url  (ConvenePerson *self);
void           convene_person_set_avatar_url  (ConvenePerson *self,
                                               const char    *avatar_url);
char          *convene_person_make_id         (const char    *github,
                                               const char    *name);

G_END_DECLS
