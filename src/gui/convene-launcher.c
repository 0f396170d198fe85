/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-launcher"

#include "config.h"

#include "convene-launcher.h"
