/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry.h"
#include "convene-registry-source.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_REGISTRY_STORE (convene_registry_store_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistryStore, convene_registry_store, CONVENE, REGISTRY_STORE, GObject)

/* Called in the loading thread with a registry just read for @source,
 * to add what the source keeps beside it (refresh/'s calendar feeds). */
typedef void (*ConveneRegistryAttachFunc) (ConveneRegistry       *registry,
                                           ConveneRegistrySource *source,
                                           GPtrArray             *issues);

/* Called in the loading thread for a regular file that is not Convene
 * JSON (a WORKING-GROUPS.md, a sigs.yaml, an .ics): core/ reads JSON
 * only, and the application hands in the importers of import/. */
typedef ConveneRegistry *(*ConveneRegistryImportFunc) (GBytes      *bytes,
                                                       const char  *path,
                                                       GPtrArray  **issues,
                                                       GError     **error);

ConveneRegistryStore *convene_registry_store_new              (const char            *bundled_resource);
ConveneRegistry      *convene_registry_store_get_registry     (ConveneRegistryStore  *self);
const GError         *convene_registry_store_get_error        (ConveneRegistryStore  *self);
GDateTime            *convene_registry_store_get_date         (ConveneRegistryStore  *self);
GPtrArray            *convene_registry_store_get_issues       (ConveneRegistryStore  *self);
const char           *convene_registry_store_get_path         (ConveneRegistryStore  *self);
gboolean              convene_registry_store_get_loading      (ConveneRegistryStore  *self);
const char           *convene_registry_store_get_loading_path (ConveneRegistryStore  *self);
gboolean              convene_registry_store_get_loaded       (ConveneRegistryStore  *self);
gboolean              convene_registry_store_get_from_cache   (ConveneRegistryStore  *self);
void                  convene_registry_store_load             (ConveneRegistryStore  *self,
                                                               const char            *path);
void                  convene_registry_store_reload           (ConveneRegistryStore  *self);
gboolean              convene_registry_store_cancel           (ConveneRegistryStore  *self);
void                  convene_registry_store_load_source      (ConveneRegistryStore  *self,
                                                               ConveneRegistrySource *source);
ConveneRegistrySource *convene_registry_store_get_source      (ConveneRegistryStore  *self);
GDateTime            *convene_registry_store_get_fetched      (ConveneRegistryStore  *self);
void                  convene_registry_store_set_attach_func  (ConveneRegistryStore  *self,
                                                               ConveneRegistryAttachFunc func);
void                  convene_registry_store_set_import_func  (ConveneRegistryStore  *self,
                                                               ConveneRegistryImportFunc func);

G_END_DECLS
