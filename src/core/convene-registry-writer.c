/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-writer"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-registry-writer.h"

char *
convene_registry_to_json (ConveneRegistry *self)
{
  return g_strdup ("{}\n");
}

gboolean
convene_registry_save (ConveneRegistry  *self,
                       const char       *path,
                       GError          **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "placeholder");
  return FALSE;
}
