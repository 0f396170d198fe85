/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-avatar-cache.h"
#include "convene-registry.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_PEOPLE_PAGE (convene_people_page_get_type ())

G_DECLARE_FINAL_TYPE (ConvenePeoplePage, convene_people_page,
                      CONVENE, PEOPLE_PAGE, AdwBin)

GtkWidget       *convene_people_page_new          (void);
ConveneRegistry *convene_people_page_get_registry (ConvenePeoplePage *self);
void             convene_people_page_set_registry (ConvenePeoplePage *self,
                                                   ConveneRegistry   *registry);
GListModel      *convene_people_page_get_model    (ConvenePeoplePage *self);
GtkListView     *convene_people_page_get_list_view (ConvenePeoplePage *self);

G_END_DECLS
