/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-person.h"
#include "convene-person-avatar.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_PERSON_ROW (convene_person_row_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePersonRow, convene_person_row, CONVENE, PERSON_ROW, AdwActionRow)

GtkWidget           *convene_person_row_new        (ConvenePerson      *person,
                                                    const char         *subtitle,
                                                    ConveneAvatarCache *avatar_cache);
ConvenePerson       *convene_person_row_get_person (ConvenePersonRow   *self);
void                 convene_person_row_set_person (ConvenePersonRow   *self,
                                                    ConvenePerson      *person);
ConvenePersonAvatar *convene_person_row_get_avatar (ConvenePersonRow   *self);

G_END_DECLS
