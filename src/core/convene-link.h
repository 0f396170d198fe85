/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CONVENE_LINK_FORUM,
  CONVENE_LINK_MEETING,
  CONVENE_LINK_CALENDAR,
  CONVENE_LINK_NOTES,
  CONVENE_LINK_FOLDER,
  CONVENE_LINK_RECORDINGS,
  CONVENE_LINK_WIKI,
  CONVENE_LINK_SLACK,
  CONVENE_LINK_OTHER,
} ConveneLinkKind;

#define CONVENE_TYPE_LINK (convene_link_get_type ())

G_DECLARE_FINAL_TYPE (ConveneLink, convene_link, CONVENE, LINK, GObject)

ConveneLink     *convene_link_new              (ConveneLinkKind  kind,
                                                const char      *label,
                                                const char      *url);
ConveneLinkKind  convene_link_get_kind         (ConveneLink     *self);
const char      *convene_link_get_label        (ConveneLink     *self);
const char      *convene_link_get_url          (ConveneLink     *self);
const char      *convene_link_kind_to_string   (ConveneLinkKind  kind);
gboolean         convene_link_kind_from_string (const char      *str,
                                                ConveneLinkKind *kind);
const char      *convene_link_kind_get_icon_name (ConveneLinkKind kind);
const char      *convene_link_kind_get_title   (ConveneLinkKind  kind);

G_END_DECLS
