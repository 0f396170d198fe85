/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *convene_icalendar_scan_lines (const char *text,
                                    const char *filename,
                                    GArray     *event_lines,
                                    GPtrArray  *issues);

G_END_DECLS
