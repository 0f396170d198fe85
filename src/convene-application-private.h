/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "convene-context.h"
#include "convene-registry-store.h"

G_BEGIN_DECLS

void _convene_application_show_about (GtkApplication       *app,
                                      ConveneRegistryStore *store,
                                      ConveneContext       *context);

G_END_DECLS
