/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-registry.h"
#include "convene-group.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_GROUP_PAGE (convene_group_page_get_type ())

G_DECLARE_FINAL_TYPE (ConveneGroupPage, convene_group_page, CONVENE, GROUP_PAGE, AdwPreferencesPage)

GtkWidget    *convene_group_page_new          (void);
ConveneGroup *convene_group_page_get_group    (ConveneGroupPage *self);
void          convene_group_page_set_group    (ConveneGroupPage *self,
                                               ConveneGroup     *group,
                                               ConveneRegistry  *registry);
void          convene_group_page_set_upcoming (ConveneGroupPage *self,
                                               ConveneUpcoming  *upcoming);

G_END_DECLS
