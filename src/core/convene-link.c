/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-link"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-link.h"

struct _ConveneLink
{
  GObject parent_instance;

  ConveneLinkKind kind;
  char *label;
  char *url;
};

G_DEFINE_FINAL_TYPE (ConveneLink, convene_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_LABEL,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds in the order of the enum: the name used in the JSON format,
 * a symbolic icon and a title for the UI.
 */
static const struct {
  const char *name;
  const char *icon_name;
  const char *title;
} kinds[] = {
  { "forum",      "mail-unread-symbolic",          N_("Forum") },
  { "meeting",    "camera-video-symbolic",         N_("Video Call") },
  { "calendar",   "x-office-calendar-symbolic",    N_("Calendar Invitation") },
  { "notes",      "accessories-text-editor-symbolic", N_("Meeting Notes") },
  { "folder",     "folder-symbolic",               N_("Document Folder") },
  { "recordings", "media-playback-start-symbolic", N_("Recordings") },
  { "wiki",       "accessories-dictionary-symbolic", N_("Wiki") },
  { "slack",      "user-available-symbolic",       N_("Chat") },
  { "other",      "web-browser-symbolic",          N_("Link") },
  { "charter",    "text-x-generic-symbolic",       N_("Charter") },
  { "mailing-list", "mail-send-symbolic",          N_("Mailing List") },
  { "matrix",     "user-available-symbolic",       N_("Matrix Room") },
  { "zulip",      "user-available-symbolic",       N_("Zulip Stream") },
  { "discord",    "user-available-symbolic",       N_("Discord Channel") },
  { "irc",        "user-available-symbolic",       N_("IRC Channel") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == CONVENE_LINK_N_KINDS);

/* Vfuncs */

static void
convene_link_finalize (GObject *object)
{
  ConveneLink *self = (ConveneLink *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (convene_link_parent_class)->finalize (object);
}

static void
convene_link_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ConveneLink *self = CONVENE_LINK (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_link_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ConveneLink *self = CONVENE_LINK (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_link_class_init (ConveneLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convene_link_finalize;
  object_class->get_property = convene_link_get_property;
  object_class->set_property = convene_link_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      CONVENE_LINK_FORUM, CONVENE_LINK_N_KINDS - 1, CONVENE_LINK_OTHER,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_link_init (ConveneLink *self)
{
}

/* Public API */

/**
 * convene_link_new:
 * @kind: what the link points at
 * @label: (nullable): the text the community gave the link
 * @url: the URL
 *
 * Returns: (transfer full): a new #ConveneLink
 */
ConveneLink *
convene_link_new (ConveneLinkKind  kind,
                  const char      *label,
                  const char      *url)
{
  g_return_val_if_fail (kind < CONVENE_LINK_N_KINDS, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (CONVENE_TYPE_LINK,
                       "kind", kind,
                       "label", label,
                       "url", url,
                       NULL);
}

ConveneLinkKind
convene_link_get_kind (ConveneLink *self)
{
  g_return_val_if_fail (CONVENE_IS_LINK (self), CONVENE_LINK_OTHER);
  return self->kind;
}

const char *
convene_link_get_label (ConveneLink *self)
{
  g_return_val_if_fail (CONVENE_IS_LINK (self), NULL);
  return self->label;
}

const char *
convene_link_get_url (ConveneLink *self)
{
  g_return_val_if_fail (CONVENE_IS_LINK (self), NULL);
  return self->url;
}

/**
 * convene_link_kind_to_string:
 * @kind: a #ConveneLinkKind
 *
 * Returns: the name of @kind in the registry format, such as "forum"
 */
const char *
convene_link_kind_to_string (ConveneLinkKind kind)
{
  g_return_val_if_fail (kind < CONVENE_LINK_N_KINDS, "other");
  return kinds[kind].name;
}

/**
 * convene_link_kind_from_string:
 * @str: a kind name from the registry format
 * @kind: (out): where to store the kind; %CONVENE_LINK_OTHER when unknown
 *
 * Returns: %TRUE if @str names a known kind
 */
gboolean
convene_link_kind_from_string (const char      *str,
                               ConveneLinkKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (str, kinds[i].name) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  *kind = CONVENE_LINK_OTHER;
  return FALSE;
}

const char *
convene_link_kind_get_icon_name (ConveneLinkKind kind)
{
  g_return_val_if_fail (kind < CONVENE_LINK_N_KINDS, NULL);
  return kinds[kind].icon_name;
}

/**
 * convene_link_kind_get_title:
 * @kind: a #ConveneLinkKind
 *
 * Returns: a translated, human-readable name of @kind
 */
const char *
convene_link_kind_get_title (ConveneLinkKind kind)
{
  g_return_val_if_fail (kind < CONVENE_LINK_N_KINDS, NULL);
  return _(kinds[kind].title);
}

/**
 * convene_link_kind_is_chat:
 * @kind: a #ConveneLinkKind
 *
 * Chat channels are links of their own kinds (Slack, Matrix, Zulip,
 * Discord, IRC): format v2 writes them in a group's "chat" member.
 *
 * Returns: %TRUE if @kind is a chat channel
 */
gboolean
convene_link_kind_is_chat (ConveneLinkKind kind)
{
  return kind == CONVENE_LINK_SLACK || kind == CONVENE_LINK_MATRIX || kind == CONVENE_LINK_ZULIP ||
         kind == CONVENE_LINK_DISCORD || kind == CONVENE_LINK_IRC;
}
