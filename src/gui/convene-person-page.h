/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-registry.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_PERSON_PAGE (convene_person_page_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePersonPage, convene_person_page,
                      CONVENE, PERSON_PAGE, AdwPreferencesPage)

GtkWidget     *convene_person_page_new        (void);
ConvenePerson *convene_person_page_get_person (ConvenePersonPage *self);
void           convene_person_page_set_person (ConvenePersonPage *self,
                                               ConvenePerson     *person,
                                               ConveneRegistry   *registry);
void           convene_person_page_set_avatar (ConvenePersonPage *self,
                                               GdkPaintable      *paintable);

G_END_DECLS
