/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a read of something that is not a regular file (a FIFO, a
 * terminal, a device) may take before it is given up, in milliseconds;
 * the environment variable CONVENE_READ_TIMEOUT_MS overrides it.
 */
#define CONVENE_READ_TIMEOUT_MS 10000

GBytes *convene_read_file_bounded (const char    *path,
                                   gsize          max_size,
                                   GCancellable  *cancellable,
                                   goffset       *file_size,
                                   GError       **error);

GMappedFile *convene_map_file_bounded (const char  *path,
                                       gsize        max_size,
                                       GError     **error);

G_END_DECLS
