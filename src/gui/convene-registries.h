/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry-list.h"
#include "convene-registry-store.h"

G_BEGIN_DECLS

/* The window's one seam to the registries the user keeps: see
 * convene-registries.c for what it promises and what backs it today.
 */

/* The id of the registry that comes with Convene, always first. */
#define CONVENE_REGISTRY_ENTRY_BUNDLED CONVENE_BUNDLED_SOURCE_ID

#define CONVENE_TYPE_REGISTRIES (convene_registries_get_type ())

G_DECLARE_FINAL_TYPE (ConveneRegistries, convene_registries, CONVENE, REGISTRIES, GObject)

/* What the tests put in place of the network and the clock. */
typedef struct
{
  /* Instead of downloading: starts opening @uri (http or https,
   * already checked); FALSE and @error when it cannot.
   */
  gboolean   (*open_uri)     (ConveneRegistries     *self,
                              const char            *uri,
                              gpointer               user_data,
                              GError               **error);
  /* Instead of convene_registry_refresh_async(): refreshes @source and
   * completes @task with a GPtrArray of change lines (transfer full;
   * empty: unchanged; %NULL: not known) or an error that says why.
   */
  void       (*refresh)      (ConveneRegistries     *self,
                              ConveneRegistrySource *source,
                              GTask                 *task,
                              gpointer               user_data);
  /* Whether the daily check should run now, given the last one (%NULL:
   * never); %NULL: convene_registry_check_due().
   */
  gboolean   (*should_check) (GDateTime             *last_check,
                              GDateTime             *now);
  /* The clock of the daily check; %NULL: the system's. */
  GDateTime *(*now)          (gpointer               user_data);
} ConveneRegistriesHooks;

ConveneRegistries    *convene_registries_new           (ConveneRegistryStore          *store,
                                                        GSettings                     *settings);
ConveneRegistryList  *convene_registries_get_list      (ConveneRegistries             *self);
gboolean              convene_registries_get_downloading (ConveneRegistries           *self);
const char           *convene_registries_get_downloading_location (ConveneRegistries *self);
gboolean              convene_registries_cancel        (ConveneRegistries             *self);
void                  convene_registries_save          (ConveneRegistries             *self);
const char           *convene_registries_get_title     (ConveneRegistries             *self,
                                                        ConveneRegistrySource         *source);
gboolean              convene_registries_open          (ConveneRegistries             *self,
                                                        const char                    *location,
                                                        GError                       **error);
void                  convene_registries_set_hooks     (ConveneRegistries             *self,
                                                        const ConveneRegistriesHooks  *hooks,
                                                        gpointer                       user_data);
GListModel           *convene_registries_get_model     (ConveneRegistries             *self);
ConveneRegistrySource *convene_registries_lookup        (ConveneRegistries             *self,
                                                        const char                    *id);
ConveneRegistrySource *convene_registries_get_current   (ConveneRegistries             *self);
void                  convene_registries_reload        (ConveneRegistries             *self);
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

G_END_DECLS
