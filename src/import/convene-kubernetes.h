/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-issue.h"
#include "convene-registry.h"

G_BEGIN_DECLS

/* The largest file the importer reads: sigs.yaml is 200 kB. */
#define CONVENE_KUBERNETES_MAX_SIZE (4 * 1024 * 1024)

ConveneRegistry *convene_kubernetes_import      (const char  *text,
                                                 gsize        length,
                                                 const char  *filename,
                                                 const char  *base_url,
                                                 GPtrArray  **issues,
                                                 GError     **error);
ConveneRegistry *convene_kubernetes_import_file (const char  *path,
                                                 const char  *base_url,
                                                 GPtrArray  **issues,
                                                 GError     **error);

G_END_DECLS
