/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-registries.h"

G_BEGIN_DECLS

/* What convene-registries.c and convene-registries-refresh.c share. */
struct _ConveneRegistries
{
  GObject parent_instance;

  ConveneRegistryStore *store;
  GSettings *settings;
  ConveneRegistryList *list;

  /* Opening a URL that has no stored copy yet: its download. */
  GCancellable *download;
  char *downloading;

  ConveneRegistriesHooks hooks;
  gpointer hooks_data;
};

void _convene_registries_items_changed (ConveneRegistries *self);

G_END_DECLS
