/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-issue.h"
#include "convene-registry.h"

G_BEGIN_DECLS

/**
 * ConveneImportFormat:
 * @CONVENE_IMPORT_FORMAT_DETECT: not known: detect it from the content,
 *   then from the name
 * @CONVENE_IMPORT_FORMAT_CONVENE_JSON: a Convene registry (JSON, any version)
 * @CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN: Istio's WORKING-GROUPS.md
 * @CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS: Kubernetes' sigs.yaml or CNCF's tags.yaml
 * @CONVENE_IMPORT_FORMAT_ICALENDAR: an iCalendar feed (.ics)
 *
 * The formats convene_import() reads.
 */
typedef enum
{
  CONVENE_IMPORT_FORMAT_DETECT,
  CONVENE_IMPORT_FORMAT_CONVENE_JSON,
  CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN,
  CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS,
  CONVENE_IMPORT_FORMAT_ICALENDAR,
} ConveneImportFormat;

#define CONVENE_IMPORT_ERROR (convene_import_error_quark ())

typedef enum
{
  CONVENE_IMPORT_ERROR_UNKNOWN_FORMAT,  /* neither the content nor the name says */
  CONVENE_IMPORT_ERROR_NOT_SUPPORTED,   /* a format this build cannot import yet */
} ConveneImportError;

GQuark               convene_import_error_quark      (void);
const char          *convene_import_format_to_string (ConveneImportFormat   format);
gboolean             convene_import_format_from_string (const char         *str,
                                                        ConveneImportFormat *format);
gsize                convene_import_format_get_max_size (ConveneImportFormat format);
ConveneImportFormat  convene_import_detect           (const char           *text,
                                                      gsize                 length,
                                                      const char           *name);
ConveneRegistry     *convene_import                  (GBytes               *bytes,
                                                      ConveneImportFormat   format,
                                                      const char           *name,
                                                      const char           *base_url,
                                                      GPtrArray           **issues,
                                                      GError              **error);

G_END_DECLS
