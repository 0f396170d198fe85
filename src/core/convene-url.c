/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-url"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convene-url.h"

/* The one rule for the links Convene keeps and opens: an absolute http or
 * https URL with a host, or a mailto URL with an address. The loader, the
 * importer and the launcher all ask here, so a link that loads is a link
 * that opens, and the importer never writes one the loader would refuse.
 *
 * Beyond syntax, it refuses what makes a link other than it looks:
 * characters that are invisible or reorder the text around them (a
 * reader would see another address than the one opened), a backslash in
 * the authority (browsers read it as a slash, GUri as part of the user
 * or host), and a mailto URL with fields other than the subject, body and
 * copies (mail clients take `attach=` and the like to attach local files).
 * A host in another script needs nothing here: GUri gives it as
 * punycode (xn--), and that is what the app shows.
 */

G_DEFINE_QUARK (convene-url-error-quark, convene_url_error)

/* Bidirectional embeddings, overrides and isolates, zero-width characters
 * and the Unicode line separators.
 */
static gboolean
is_hidden (gunichar c)
{
  return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029 || (c >= 0x80 && c <= 0x9f);
}

static gboolean
mailto_fields_allowed (const char *query)
{
  static const char * const allowed[] = { "subject", "body", "cc", "bcc" };
  g_auto(GStrv) fields = NULL;

  if (query == NULL)
    return TRUE;

  fields = g_strsplit (query, "&", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *eq = strchr (fields[i], '=');
      g_autofree char *raw = eq ? g_strndup (fields[i], eq - fields[i]) : g_strdup (fields[i]);
      g_autofree char *name = g_uri_unescape_string (raw, NULL);
      gboolean known = FALSE;

      if (*fields[i] == '\0')
        continue;
      if (name == NULL)
        return FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (allowed) && !known; j++)
        known = g_ascii_strcasecmp (name, allowed[j]) == 0;
      if (!known)
        return FALSE;
    }

  return TRUE;
}

/* Whether the authority (from "//" to the path, query or fragment) has a
 * backslash.
 */
static gboolean
authority_has_backslash (const char *url)
{
  const char *p = strstr (url, "//");
  const char *colon = strchr (url, ':');

  if (p == NULL || colon == NULL || p != colon + 1)
    return FALSE;

  for (p += 2; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++)
    {
      if (*p == '\\')
        return TRUE;
    }

  return FALSE;
}

/* Whether @str has at most @max characters, looking no further. */
static gboolean
utf8_at_most (const char *str,
              gsize       max)
{
  for (gsize n = 0; *str != '\0'; str = g_utf8_next_char (str))
    {
      if (++n > max)
        return FALSE;
    }

  return TRUE;
}

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

  if (!g_utf8_validate (url, -1, NULL))
    {
      g_set_error_literal (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_INVALID,
                           _("the URL is not valid UTF-8"));
      return FALSE;
    }

  if (!utf8_at_most (url, CONVENE_URL_MAX_LENGTH))
    {
      g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_INVALID,
                   _("the URL is longer than %d characters"), CONVENE_URL_MAX_LENGTH);
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

  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_hidden (c))
        {
          g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_UNSAFE,
                       _("“%s” is not allowed: it contains the invisible character U+%04X"),
                       url, c);
          return FALSE;
        }
    }

  if (authority_has_backslash (url))
    {
      g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_UNSAFE,
                   _("“%s” is not allowed: it has a backslash before its path"), url);
      return FALSE;
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

      if (!mailto_fields_allowed (g_uri_get_query (uri)))
        {
          g_set_error (error, CONVENE_URL_ERROR, CONVENE_URL_ERROR_UNSAFE,
                       _("“%s” is not allowed: an email link may only set subject, body, "
                         "cc and bcc"), url);
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
