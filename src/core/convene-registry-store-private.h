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

G_END_DECLS
