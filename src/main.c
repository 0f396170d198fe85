/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "convene-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConveneApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* CONVENE_LOCALEDIR points at the translations built in the build tree,
   * so tests (and translators) can run the uninstalled app in their language. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CONVENE_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = convene_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
