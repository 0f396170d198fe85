/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry-list.h"

G_BEGIN_DECLS

/* GNOME Shell's org.gnome.Shell.SearchProvider2 over every remembered
 * registry, with the window's matching (convene-search). Result ids are
 * "group:SOURCE-ID/GROUP-ID" and "person:SOURCE-ID/PERSON-ID"; activating
 * one emits ::activate-result (kind "group" or "person", source, id),
 * LaunchSearch ::launch-search (the terms joined by spaces).
 */
#define CONVENE_SEARCH_PROVIDER_PATH RESOURCE_BASE "/SearchProvider"

/* Shell asks for few; a long list helps no one. */
#define CONVENE_SEARCH_PROVIDER_MAX_RESULTS 20

#define CONVENE_TYPE_SEARCH_PROVIDER (convene_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (ConveneSearchProvider, convene_search_provider,
                      CONVENE, SEARCH_PROVIDER, GObject)

ConveneSearchProvider *convene_search_provider_new      (ConveneRegistryList    *list);
gboolean               convene_search_provider_export   (ConveneSearchProvider  *self,
                                                         GDBusConnection        *connection,
                                                         const char             *object_path,
                                                         GError                **error);
void                   convene_search_provider_unexport (ConveneSearchProvider  *self);
void                   convene_search_provider_set_application (ConveneSearchProvider *self,
                                                         GApplication           *application);
char                 **convene_search_provider_search   (ConveneSearchProvider  *self,
                                                         const char * const     *terms);

G_END_DECLS
