/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1 in a thread of its own, for the UI tests:
 * serves one body per path with an ETag, answers 304 to a matching
 * If-None-Match, and records what the last request of a path carried.
 */
typedef struct _RegistryTestServer RegistryTestServer;

RegistryTestServer *registry_test_server_start         (void);
void                registry_test_server_stop          (RegistryTestServer *server);
char               *registry_test_server_url           (RegistryTestServer *server,
                                                        const char         *path);
void                registry_test_server_serve         (RegistryTestServer *server,
                                                        const char         *path,
                                                        const char         *body,
                                                        const char         *etag);
void                registry_test_server_stall         (RegistryTestServer *server,
                                                        const char         *path);
char               *registry_test_server_if_none_match (RegistryTestServer *server,
                                                        const char         *path);
guint               registry_test_server_hits          (RegistryTestServer *server,
                                                        const char         *path);

G_END_DECLS
