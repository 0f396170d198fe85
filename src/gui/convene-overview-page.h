/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-registry.h"
#include "convene-upcoming.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_OVERVIEW_PAGE (convene_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (ConveneOverviewPage, convene_overview_page,
                      CONVENE, OVERVIEW_PAGE, AdwPreferencesPage)

GtkWidget       *convene_overview_page_new          (void);
ConveneRegistry *convene_overview_page_get_registry (ConveneOverviewPage *self);
void             convene_overview_page_set_registry (ConveneOverviewPage *self,
                                                     ConveneRegistry     *registry);
void             convene_overview_page_set_upcoming (ConveneOverviewPage *self,
                                                     ConveneUpcoming     *upcoming);
void             convene_overview_page_set_fetched  (ConveneOverviewPage *self,
                                                     GDateTime           *fetched);
void             convene_overview_page_set_date     (ConveneOverviewPage *self,
                                                     GDateTime           *date);

G_END_DECLS
