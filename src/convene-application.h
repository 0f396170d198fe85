/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-context.h"
#include "convene-registry.h"
#include "convene-registry-store.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_APPLICATION (convene_application_get_type ())

G_DECLARE_FINAL_TYPE (ConveneApplication, convene_application, CONVENE, APPLICATION, AdwApplication)

ConveneApplication *convene_application_new                 (void);
ConveneRegistry    *convene_application_get_registry        (ConveneApplication *self);
const GError       *convene_application_get_registry_error  (ConveneApplication *self);
GPtrArray          *convene_application_get_registry_issues (ConveneApplication *self);
const char         *convene_application_get_registry_path   (ConveneApplication *self);
gboolean            convene_application_get_loading         (ConveneApplication *self);
const char         *convene_application_get_loading_path    (ConveneApplication *self);
void                convene_application_load_registry       (ConveneApplication *self,
                                                             const char         *path);
void                convene_application_reload              (ConveneApplication *self);
ConveneContext     *convene_application_get_context         (ConveneApplication *self);
ConveneRegistryStore *convene_application_get_store         (ConveneApplication *self);

G_END_DECLS
