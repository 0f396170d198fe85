/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-group.h"
#include "convene-registry.h"

G_BEGIN_DECLS

#define CONVENE_ICS_ERROR (convene_ics_error_quark ())

/**
 * ConveneIcsError:
 * @CONVENE_ICS_ERROR_NO_MEETING: nothing to export: no meeting has a
 *   computable date and time
 * @CONVENE_ICS_ERROR_TIMEZONE: a meeting's time zone is unknown to libical
 *
 * Errors of the iCalendar export.
 */
typedef enum
{
  CONVENE_ICS_ERROR_NO_MEETING,
  CONVENE_ICS_ERROR_TIMEZONE,
} ConveneIcsError;

GQuark  convene_ics_error_quark     (void);
char   *convene_ics_for_group       (ConveneGroup    *group,
                                     GError         **error);
char   *convene_ics_for_group_at    (ConveneGroup    *group,
                                     GDateTime       *now,
                                     GError         **error);
char   *convene_ics_for_registry_group_at (ConveneRegistry *registry,
                                          ConveneGroup    *group,
                                          GDateTime       *now,
                                          GError         **error);
char   *convene_ics_for_registry    (ConveneRegistry *registry,
                                     GError         **error);
char   *convene_ics_for_registry_at (ConveneRegistry *registry,
                                     GDateTime       *now,
                                     GError         **error);

G_END_DECLS
