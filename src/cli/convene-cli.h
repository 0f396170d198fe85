/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int convene_cli_run (GVariantDict *options);

G_END_DECLS
