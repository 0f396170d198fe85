/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-loader.h"

G_DEFINE_QUARK (convene-registry-error-quark, convene_registry_error)

ConveneRegistry *
convene_registry_load_from_bytes (GBytes      *bytes,
                                  const char  *filename,
                                  GPtrArray  **issues,
                                  GError     **error)
{
  g_set_error_literal (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID, "placeholder");
  return NULL;
}

ConveneRegistry *
convene_registry_load_from_file (const char  *path,
                                 GPtrArray  **issues,
                                 GError     **error)
{
  g_set_error_literal (error, CONVENE_REGISTRY_ERROR, CONVENE_REGISTRY_ERROR_INVALID, "placeholder");
  return NULL;
}
