/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry.h"
#include "convene-registry-source.h"

G_BEGIN_DECLS

ConveneRegistry *convene_cli_open_registry     (const char  *location,
                                                GPtrArray  **issues,
                                                GError     **error);
ConveneRegistry *convene_cli_download_registry (const char  *url,
                                                GPtrArray  **issues,
                                                GError     **error);
GBytes          *convene_cli_download_bytes    (const char  *url,
                                                gsize        max_size,
                                                GError     **error);
int              convene_cli_refresh           (const char  *location);
int              convene_cli_list_registries   (void);

/* convene-cli-my-week.c */
void             convene_cli_print_missing_stars (ConveneRegistrySource *source,
                                                  ConveneRegistry       *registry);
int              convene_cli_my_week           (GDateTime   *now);

G_END_DECLS
