/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry.h"

G_BEGIN_DECLS

char     *convene_registry_to_json (ConveneRegistry  *self);
gboolean  convene_registry_save    (ConveneRegistry  *self,
                                    const char       *path,
                                    GError          **error);

G_END_DECLS
