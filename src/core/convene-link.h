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
  /* Format v2; after OTHER so the numbers of the v1 kinds stay */
  CONVENE_LINK_CHARTER,
  CONVENE_LINK_MAILING_LIST,
  CONVENE_LINK_MATRIX,
  CONVENE_LINK_ZULIP,
  CONVENE_LINK_DISCORD,
  CONVENE_LINK_IRC,
  CONVENE_LINK_N_KINDS,
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
gboolean         convene_link_kind_is_chat     (ConveneLinkKind  kind);

G_END_DECLS
