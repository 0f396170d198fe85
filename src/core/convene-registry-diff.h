/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry.h"

G_BEGIN_DECLS

/* What changed between two versions of a registry, one line per change,
 * the lines `convene --refresh` prints: "+ " added, "- " removed, "~ "
 * changed (the first character tells which):
 *
 *   + group networking
 *   - group config
 *   ~ group networking: name Networking → Network
 *   ~ networking: meeting Thursday 11:00 → Wednesday 10:00
 *   + meeting networking: Tuesday 09:00
 *   + lead networking: kyessenov
 *   + link networking: https://…   / - link networking: https://…
 *   + topic networking: Gateways   / - topic networking: Gateways
 *
 * Groups are compared by id, in the order of the new registry, removed
 * groups last; a group whose id changed but whose name did not is a
 * rename ("~ group old-id → new-id").
 */
GPtrArray *convene_registry_diff (ConveneRegistry *old_registry,
                                  ConveneRegistry *new_registry);

G_END_DECLS
