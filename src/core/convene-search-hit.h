/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVENE_TYPE_SEARCH_HIT (convene_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (ConveneSearchHit, convene_search_hit, CONVENE, SEARCH_HIT, GObject)

ConveneSearchHit *convene_search_hit_new          (GObject          *item,
                                                   const char * const *terms);
GObject          *convene_search_hit_get_item     (ConveneSearchHit *self);
const char       *convene_search_hit_get_subtitle (ConveneSearchHit *self);

G_END_DECLS
