/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry-store.h"

G_BEGIN_DECLS

/* The window's one seam to the registries the user keeps: see
 * convene-registries.c for what it promises and what backs it today.
 */

#define CONVENE_REGISTRY_ENTRY_BUNDLED "bundled"

#define CONVENE_TYPE_REGISTRY_ENTRY (convene_registry_entry_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistryEntry, convene_registry_entry,
                      CONVENE, REGISTRY_ENTRY, GObject)

ConveneRegistryEntry *convene_registry_entry_new              (const char           *id,
                                                               const char           *title,
                                                               const char           *source);
const char           *convene_registry_entry_get_id           (ConveneRegistryEntry *self);
const char           *convene_registry_entry_get_title        (ConveneRegistryEntry *self);
void                  convene_registry_entry_set_title        (ConveneRegistryEntry *self,
                                                               const char           *title);
const char           *convene_registry_entry_get_source       (ConveneRegistryEntry *self);
GDateTime            *convene_registry_entry_get_content_date (ConveneRegistryEntry *self);
void                  convene_registry_entry_set_content_date (ConveneRegistryEntry *self,
                                                               GDateTime            *date);
GDateTime            *convene_registry_entry_get_fetched      (ConveneRegistryEntry *self);
void                  convene_registry_entry_set_fetched      (ConveneRegistryEntry *self,
                                                               GDateTime            *fetched);
const char           *convene_registry_entry_get_last_group   (ConveneRegistryEntry *self);
void                  convene_registry_entry_set_last_group   (ConveneRegistryEntry *self,
                                                               const char           *group_id);
gboolean              convene_registry_entry_get_removable    (ConveneRegistryEntry *self);

#define CONVENE_TYPE_REGISTRIES (convene_registries_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistries, convene_registries, CONVENE, REGISTRIES, GObject)

/* What replaces the stand-ins of today (see convene-registries.c). */
typedef struct
{
  /* Starts opening @uri (http or https, already checked); FALSE and
   * @error when it cannot.
   */
  gboolean   (*open_uri)     (ConveneRegistries     *self,
                              const char            *uri,
                              gpointer               user_data,
                              GError               **error);
  /* Refreshes @entry from its source and completes @task with a
   * GPtrArray of change lines (transfer full; empty: unchanged; %NULL:
   * not known) or an error that says why in plain words.
   */
  void       (*refresh)      (ConveneRegistries     *self,
                              ConveneRegistryEntry  *entry,
                              GTask                 *task,
                              gpointer               user_data);
  /* Whether the daily check should run now, given the last one (%NULL:
   * never).
   */
  gboolean   (*should_check) (GDateTime             *last_check,
                              GDateTime             *now);
  /* The clock of the daily check; %NULL: the system's. */
  GDateTime *(*now)          (gpointer               user_data);
} ConveneRegistriesHooks;

ConveneRegistries    *convene_registries_new           (ConveneRegistryStore          *store,
                                                        GSettings                     *settings);
void                  convene_registries_set_hooks     (ConveneRegistries             *self,
                                                        const ConveneRegistriesHooks  *hooks,
                                                        gpointer                       user_data);
GListModel           *convene_registries_get_model     (ConveneRegistries             *self);
ConveneRegistryEntry *convene_registries_lookup        (ConveneRegistries             *self,
                                                        const char                    *id);
ConveneRegistryEntry *convene_registries_get_current   (ConveneRegistries             *self);
gboolean              convene_registries_switch        (ConveneRegistries             *self,
                                                        const char                    *id,
                                                        GError                       **error);
gboolean              convene_registries_remove        (ConveneRegistries             *self,
                                                        const char                    *id,
                                                        GError                       **error);
gboolean              convene_registries_open_uri      (ConveneRegistries             *self,
                                                        const char                    *uri,
                                                        GError                       **error);
void                  convene_registries_refresh_async (ConveneRegistries             *self,
                                                        GCancellable                  *cancellable,
                                                        GAsyncReadyCallback            callback,
                                                        gpointer                       user_data);
GPtrArray            *convene_registries_refresh_finish (ConveneRegistries            *self,
                                                         GAsyncResult                 *result,
                                                         GError                      **error);
GDateTime            *convene_registries_dup_now       (ConveneRegistries             *self);
gboolean              convene_registries_should_check  (ConveneRegistries             *self);
void                  convene_registries_mark_checked  (ConveneRegistries             *self);
gboolean              convene_registries_default_should_check (GDateTime              *last_check,
                                                               GDateTime              *now);

G_END_DECLS
