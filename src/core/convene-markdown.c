/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-markdown"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-markdown.h"

ConveneRegistry *
convene_markdown_import (const char  *text,
                         gssize       length,
                         const char  *filename,
                         const char  *base_url,
                         GPtrArray  **issues,
                         GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "placeholder");
  return NULL;
}

ConveneRegistry *
convene_markdown_import_file (const char  *path,
                              const char  *base_url,
                              GPtrArray  **issues,
                              GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "placeholder");
  return NULL;
}
