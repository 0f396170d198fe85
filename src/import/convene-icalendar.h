/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-community.h"
#include "convene-group.h"
#include "convene-issue.h"
#include "convene-registry.h"

G_BEGIN_DECLS

/* The largest feed the importer reads: a community's calendar of years
 * of meetings is a few hundred kilobytes.
 */
#define CONVENE_ICALENDAR_MAX_SIZE (4 * 1024 * 1024)

#define CONVENE_ICALENDAR_ERROR (convene_icalendar_error_quark ())

typedef enum
{
  CONVENE_ICALENDAR_ERROR_INVALID,
  CONVENE_ICALENDAR_ERROR_TOO_LARGE,
  CONVENE_ICALENDAR_ERROR_EMPTY,
} ConveneIcalendarError;

GQuark           convene_icalendar_error_quark (void);

GPtrArray       *convene_icalendar_read        (const char    *data,
                                                gsize          length,
                                                const char    *filename,
                                                const char    *base_url,
                                                GPtrArray    **issues,
                                                GError       **error);
ConveneRegistry *convene_icalendar_import      (const char    *data,
                                                gsize          length,
                                                const char    *filename,
                                                const char    *base_url,
                                                GPtrArray    **issues,
                                                GError       **error);
gboolean         convene_icalendar_attach      (ConveneGroup  *group,
                                                const char    *data,
                                                gsize          length,
                                                const char    *filename,
                                                const char    *base_url,
                                                GPtrArray    **issues,
                                                GError       **error);
gboolean         convene_icalendar_attach_community (ConveneCommunity  *community,
                                                     const char        *data,
                                                     gsize              length,
                                                     const char        *filename,
                                                     const char        *base_url,
                                                     GPtrArray        **issues,
                                                     GError           **error);

G_END_DECLS
