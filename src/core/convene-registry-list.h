/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry-source.h"

G_BEGIN_DECLS

#define CONVENE_TYPE_REGISTRY_LIST (convene_registry_list_get_type ())

/* The remembered registries: a GListModel of ConveneRegistrySource, the
 * bundled one first and always there, kept in registries.json of its
 * directory beside the stored copies of URL registries (<id>.json).
 */
G_DECLARE_FINAL_TYPE (ConveneRegistryList, convene_registry_list, CONVENE, REGISTRY_LIST, GObject)

char                  *convene_registry_list_default_dir (void);
ConveneRegistryList   *convene_registry_list_new          (const char           *dir);
const char            *convene_registry_list_get_dir      (ConveneRegistryList  *self);
gboolean               convene_registry_list_load         (ConveneRegistryList  *self,
                                                           GError              **error);
gboolean               convene_registry_list_save         (ConveneRegistryList  *self,
                                                           GError              **error);
ConveneRegistrySource *convene_registry_list_get_bundled  (ConveneRegistryList  *self);
ConveneRegistrySource *convene_registry_list_lookup       (ConveneRegistryList  *self,
                                                           const char           *id);
ConveneRegistrySource *convene_registry_list_lookup_location (ConveneRegistryList *self,
                                                           const char           *location);
ConveneRegistrySource *convene_registry_list_add          (ConveneRegistryList  *self,
                                                           const char           *location,
                                                           GError              **error);
gboolean               convene_registry_list_remove       (ConveneRegistryList  *self,
                                                           const char           *id,
                                                           GError              **error);
gboolean               convene_registry_list_write_stored (ConveneRegistryList  *self,
                                                           ConveneRegistrySource *source,
                                                           const char           *contents,
                                                           gsize                 length,
                                                           GError              **error);

G_END_DECLS
