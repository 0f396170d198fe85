/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry-loader.h"

G_BEGIN_DECLS

/* The version of the cache format; an entry of any other is rebuilt. */
#define CONVENE_REGISTRY_CACHE_VERSION 4

ConveneRegistry *convene_registry_cache_load_file   (const char    *path,
                                                     const char    *cache_dir,
                                                     GCancellable  *cancellable,
                                                     gboolean      *from_cache,
                                                     GPtrArray    **issues,
                                                     GError       **error);
char            *convene_registry_cache_default_dir (void);
char            *convene_registry_cache_entry_path  (const char    *path,
                                                     const char    *cache_dir);

G_END_DECLS
