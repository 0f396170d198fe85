/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-issue.h"
#include "convene-registry.h"

G_BEGIN_DECLS

#define CONVENE_REGISTRY_ERROR (convene_registry_error_quark ())

/* The largest registry file the loader reads, in bytes (64 MiB). */
#define CONVENE_REGISTRY_MAX_SIZE (64 * 1024 * 1024)

/* The deepest nesting of arrays and objects the loader accepts. */
#define CONVENE_REGISTRY_MAX_DEPTH 64

typedef enum
{
  CONVENE_REGISTRY_ERROR_INVALID,      /* syntax or content errors; see the issues */
  CONVENE_REGISTRY_ERROR_UNSUPPORTED,  /* a format_version newer than this build */
  CONVENE_REGISTRY_ERROR_TOO_LARGE,    /* nesting or size beyond the limits */
} ConveneRegistryError;

GQuark           convene_registry_error_quark    (void);
ConveneRegistry *convene_registry_load_from_file  (const char  *path,
                                                   GPtrArray  **issues,
                                                   GError     **error);
ConveneRegistry *convene_registry_load_from_bytes (GBytes      *bytes,
                                                   const char  *filename,
                                                   GPtrArray  **issues,
                                                   GError     **error);
void             convene_registry_load_from_file_async  (const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
ConveneRegistry *convene_registry_load_from_file_finish (GAsyncResult        *result,
                                                         GPtrArray          **issues,
                                                         GError             **error);

G_END_DECLS
