/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the bundled registry comes from: Istio's community repository at
 * commit 9ef47a8 (11 December 2017), and where its newer versions are.
 */
#define CONVENE_BUNDLED_SOURCE_ID     "bundled"
#define CONVENE_BUNDLED_SEED_COMMIT   "9ef47a8"
#define CONVENE_BUNDLED_SEED_DATE     "2017-12-11"
#define CONVENE_BUNDLED_UPSTREAM \
  "https://raw.githubusercontent.com/istio/community/master/WORKING-GROUPS.md"

/* The formats a source may hold, as the registry list stores them; the
 * importers of other formats add their own names.
 */
#define CONVENE_FORMAT_JSON            "convene-json"
#define CONVENE_FORMAT_ISTIO_MARKDOWN  "istio-markdown"

/* At most one automatic check of a source per this many seconds (a day). */
#define CONVENE_REGISTRY_CHECK_INTERVAL (24 * 60 * 60)

typedef enum
{
  CONVENE_SOURCE_KIND_BUNDLED,   /* the registry compiled in; refreshes from its upstream */
  CONVENE_SOURCE_KIND_FILE,      /* a local file, read where it is */
  CONVENE_SOURCE_KIND_URL,       /* an http(s) URL, read from its stored copy */
} ConveneSourceKind;

#define CONVENE_TYPE_REGISTRY_SOURCE (convene_registry_source_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistrySource, convene_registry_source,
                      CONVENE, REGISTRY_SOURCE, GObject)

ConveneRegistrySource *convene_registry_source_new_bundled    (void);
ConveneRegistrySource *convene_registry_source_new_for_location (const char          *location,
                                                               GError             **error);
gboolean               convene_registry_location_is_url       (const char          *location);
char                  *convene_registry_location_make_id      (const char          *location);

const char            *convene_registry_source_get_id          (ConveneRegistrySource *self);
ConveneSourceKind      convene_registry_source_get_kind        (ConveneRegistrySource *self);
const char            *convene_registry_source_get_location    (ConveneRegistrySource *self);
const char            *convene_registry_source_get_upstream    (ConveneRegistrySource *self);
const char            *convene_registry_source_get_format      (ConveneRegistrySource *self);
void                   convene_registry_source_set_format      (ConveneRegistrySource *self,
                                                                const char            *format);
GDateTime             *convene_registry_source_get_content_date (ConveneRegistrySource *self);
void                   convene_registry_source_set_content_date (ConveneRegistrySource *self,
                                                                GDateTime             *date);
GDateTime             *convene_registry_source_get_fetched     (ConveneRegistrySource *self);
void                   convene_registry_source_set_fetched     (ConveneRegistrySource *self,
                                                                GDateTime             *date);
const char            *convene_registry_source_get_etag        (ConveneRegistrySource *self);
const char            *convene_registry_source_get_last_modified (ConveneRegistrySource *self);
void                   convene_registry_source_set_validators  (ConveneRegistrySource *self,
                                                                const char            *etag,
                                                                const char            *modified);
const char            *convene_registry_source_get_stored_path (ConveneRegistrySource *self);
void                   convene_registry_source_set_stored_path (ConveneRegistrySource *self,
                                                                const char            *path);
gboolean               convene_registry_source_has_stored_copy (ConveneRegistrySource *self);
const char            *convene_registry_source_get_last_group  (ConveneRegistrySource *self);
void                   convene_registry_source_set_last_group  (ConveneRegistrySource *self,
                                                                const char            *group_id);
const char            *convene_registry_source_get_title       (ConveneRegistrySource *self);
void                   convene_registry_source_set_title       (ConveneRegistrySource *self,
                                                                const char            *title);

gboolean               convene_registry_check_due              (GDateTime             *last_check,
                                                                GDateTime             *now);

G_END_DECLS
