/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest texts a registry may hold, in characters, so that no text
 * can hold up the window laying it out. The loader refuses more, the
 * Markdown importer leaves more out, and docs/registry-format.md and the
 * JSON Schema (data/convene-registry.schema.json) say the same.
 */
#define CONVENE_MAX_ID            100
#define CONVENE_MAX_NAME          200
#define CONVENE_MAX_LABEL         200
#define CONVENE_MAX_KEYWORD       100     /* kinds, roles, weekdays, times, zones, dates */
#define CONVENE_MAX_TOPIC         200
#define CONVENE_MAX_TOPICS        50
#define CONVENE_MAX_MEETING_TEXT  500
#define CONVENE_MAX_PARAGRAPH     10000   /* a description, a paragraph of rich text */

G_END_DECLS
