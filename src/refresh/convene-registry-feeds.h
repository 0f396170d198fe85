/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "convene-registry.h"
#include "convene-registry-source.h"

G_BEGIN_DECLS

/* The iCalendar feeds a registry names (a group's calendar_feeds, the
 * community's for its shared meeting): downloaded by a refresh, each
 * stored beside the source's stored copy (<id>.feed-<hash>.ics), and
 * attached on every load of the source, so that the next meeting,
 * live/soon, --upcoming and the export follow their cancellations and
 * moved occurrences, offline too.
 */

char     *convene_registry_feed_path         (ConveneRegistrySource *source,
                                              const char            *url);
void      convene_registry_download_feeds    (ConveneRegistry       *registry,
                                              ConveneRegistrySource *source,
                                              SoupSession           *session,
                                              GCancellable          *cancellable,
                                              GPtrArray             *warnings);
void      convene_registry_attach_feeds      (ConveneRegistry       *registry,
                                              ConveneRegistrySource *source,
                                              GPtrArray             *issues);

G_END_DECLS
