/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registry-private.h"

G_BEGIN_DECLS

/* The GVariant form of a registry (convene-registry-cache-format.c): the
 * body of a cache entry, and the model objects made back from it one at
 * a time. Nullable strings are maybes; enums are their numeric values.
 */

#define CONVENE_CACHE_RICH_TEXT "aa(sms)"
#define CONVENE_CACHE_LINK      "(umss)"
/* text, url, calendar_url, weekday, start, end, timezone, interval_weeks,
 * week_of_month, anchor (ISO 8601 with its offset) */
/* ... and the slots besides the first: (weekday, start, zone, anchor in Unix
 * seconds or G_MININT64) */
#define CONVENE_CACHE_MEETING   "(smsmsiiimsuimsuaua(uxu)msa(iimsx))"
/* Format v2 (convene-registry-cache-v2.c): calendar feeds, and each
 * meeting's title, notes and recordings */
#define CONVENE_CACHE_COMMUNITY_V2 "(asa(msmsms))"
#define CONVENE_CACHE_COMMUNITY "(sms" CONVENE_CACHE_RICH_TEXT "ms" CONVENE_CACHE_RICH_TEXT \
                                "a" CONVENE_CACHE_LINK "a" CONVENE_CACHE_MEETING \
                                CONVENE_CACHE_COMMUNITY_V2 ")"
/* name, company, github, profile_url, avatar_url */
#define CONVENE_CACHE_PERSON    "(msmsmsmsms)"
/* Format v2: kind, parent, liaisons, calendar feeds, each lead's term,
 * each meeting's title, notes and recordings */
#define CONVENE_CACHE_GROUP_V2  "(umsasasa(msms)a(msmsms))"
/* name, topics, description, links, meetings, leads (person position, role), v2 */
#define CONVENE_CACHE_GROUP     "(sasmsa" CONVENE_CACHE_LINK "a" CONVENE_CACHE_MEETING "a(uu)" \
                                CONVENE_CACHE_GROUP_V2 ")"
/* severity, file is the source, line, column, path, message */
#define CONVENE_CACHE_ISSUE     "(ubuumsmss)"
/* A column: the ids (NUL-terminated, back to back) and where each starts,
 * then the entries (each a serialized GVariant) and the n + 1 offsets
 * that bound them.
 */
#define CONVENE_CACHE_COLUMN    "(ayauayau)"
/* source (kind, location, date), community, groups, people, role offsets,
 * roles, the loader's warnings */
#define CONVENE_CACHE_BODY      "((msmsms)" CONVENE_CACHE_COMMUNITY CONVENE_CACHE_COLUMN \
                                CONVENE_CACHE_COLUMN "aua(uu)a" CONVENE_CACHE_ISSUE ")"

GVariant         *convene_registry_cache_body_new      (ConveneRegistry  *registry,
                                                        GPtrArray        *issues,
                                                        const char       *path,
                                                        GError          **error);
ConveneRegistry  *convene_registry_cache_body_load     (GVariant         *body,
                                                        const char       *path,
                                                        GPtrArray       **issues,
                                                        GError          **error);
ConvenePerson    *convene_registry_cache_make_person   (GVariant         *entry,
                                                        const char       *id);
ConveneGroup     *convene_registry_cache_make_group    (GVariant         *entry,
                                                        const char       *id,
                                                        ConveneRegistry  *registry);

void              convene_registry_cache_add_group_v2       (GVariantBuilder  *builder,
                                                             ConveneGroup     *group);
void              convene_registry_cache_apply_group_v2     (GVariant         *value,
                                                             ConveneGroup     *group);
void              convene_registry_cache_add_community_v2   (GVariantBuilder  *builder,
                                                             ConveneCommunity *community);
void              convene_registry_cache_apply_community_v2 (GVariant         *value,
                                                             ConveneCommunity *community);

G_END_DECLS
