/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONVENE_URL_ERROR (convene_url_error_quark ())

/* The longest URL kept, in characters: browsers and servers commonly
 * stop at about 2000, and a longer link is most likely not one.
 */
#define CONVENE_URL_MAX_LENGTH 2048

typedef enum
{
  CONVENE_URL_ERROR_EMPTY,     /* no URL at all */
  CONVENE_URL_ERROR_INVALID,   /* not a URL: syntax, white space, control characters */
  CONVENE_URL_ERROR_SCHEME,    /* a scheme other than http, https and mailto */
  CONVENE_URL_ERROR_NO_HOST,   /* a web URL without a host, a mailto without an address */
  CONVENE_URL_ERROR_UNSAFE,    /* hidden or reordering characters, a mailto asking for more */
} ConveneUrlError;

GQuark   convene_url_error_quark (void);
gboolean convene_url_check       (const char  *url,
                                  GError     **error);

G_END_DECLS
