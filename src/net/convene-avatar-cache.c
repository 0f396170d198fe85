/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include "convene-avatar-cache.h"
