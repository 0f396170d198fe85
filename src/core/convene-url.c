/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-url"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-url.h"

/* The one rule for the links Convene keeps and opens: an absolute http or
 * https URL with a host, or a mailto URL with an address. The loader, the
 * importer and the launcher all ask here, so a link that loads is a link
 * that opens, and the importer never writes one the loader would refuse.
 */

G_DEFINE_QUARK (convene-url-error-quark, convene_url_error)

static gboolean
scheme_is (const char *scheme,
           const char *expected)
{
  return scheme != NULL && g_ascii_strcasecmp (scheme, expected) == 0;
}

/**
 * convene_url_check:
 * @url: (nullable): a URL from a registry or an imported document
 * @error: return location for a #ConveneUrlError, whose message says what
 *   is wrong with @url
 *
 * Returns: %TRUE if @url is an absolute http, https or mailto URL that
 *   Convene may keep and open
 */
gboolean
convene_url_check (const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_EMPTY,
                           _("the URL is empty"));
      return FALSE;
    }

  /* GUri accepts spaces and control characters, which no URL has. */
  for (const char *p = url; *p != '\0'; p++)
    {
      if ((guchar)*p <= 0x20 || *p == 0x7f)
        {
          g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_INVALID,
                       _("“%s” is not a valid URL: it contains a space or a control character"),
                       url);
          return FALSE;
        }
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_INVALID,
                   _("“%s” is not a valid URL: %s"), url, parse_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);

  if (scheme_is (scheme, "mailto"))
    {
      const char *path = g_uri_get_path (uri);

      if (path == NULL || *path == '\0')
        {
          g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_NO_HOST,
                       _("“%s” is not a valid URL: it has no email address"), url);
          return FALSE;
        }

      return TRUE;
    }

  if (!scheme_is (scheme, "http") && !scheme_is (scheme, "https"))
    {
      g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_SCHEME,
                   _("URL scheme “%s” is not allowed; use http, https or mailto"), scheme);
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_NO_HOST,
                   _("“%s” is not a valid URL: it has no host name"), url);
      return FALSE;
    }

  return TRUE;
}
