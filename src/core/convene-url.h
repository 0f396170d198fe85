/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONVENE_URL_ERROR (convene_url_error_quark ())

typedef enum
{
  CONVENE_URL_ERROR_EMPTY,     /* no URL at all */
  CONVENE_URL_ERROR_INVALID,   /* not a URL: syntax, white space, control characters */
  CONVENE_URL_ERROR_SCHEME,    /* a scheme other than http, https and mailto */
  CONVENE_URL_ERROR_NO_HOST,   /* a web URL without a host, a mailto without an address */
} ConveneUrlError;

GQuark   convene_url_error_quark (void);
gboolean convene_url_check       (const char  *url,
                                  GError     **error);

G_END_DECLS
