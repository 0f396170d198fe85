/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry-store.h"

G_BEGIN_DECLS

void _convene_registry_store_load_path (ConveneRegistryStore  *self,
                                        const char            *path,
                                        ConveneRegistrySource *source,
                                        GError                *error);

GDateTime *_convene_registry_store_dup_date  (ConveneRegistry       *registry,
                                             GDateTime             *file_date);

void _convene_registry_store_set_attach (ConveneRegistryStore      *self,
                                         ConveneRegistryAttachFunc  func);

void _convene_registry_store_set_import (ConveneRegistryStore      *self,
                                         ConveneRegistryImportFunc  func);
ConveneRegistry *_convene_registry_store_import_file (const char                 *path,
                                                      ConveneRegistryImportFunc   import,
                                                      GCancellable               *cancellable,
                                                      GPtrArray                 **issues,
                                                      GError                    **error);

G_END_DECLS
