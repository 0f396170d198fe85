/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean convene_cli_write_output (const char         *output,
                                   const char         *contents,
                                   gsize               length,
                                   const char * const *inputs,
                                   GError            **error);

G_END_DECLS
