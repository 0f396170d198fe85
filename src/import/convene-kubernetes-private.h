/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-kubernetes.h"
#include "convene-yaml-private.h"

G_BEGIN_DECLS

/* What the files of the sigs.yaml / tags.yaml importer share: the state
 * of one import (convene-kubernetes.c) and the readers of people, leads,
 * meetings and contacts (convene-kubernetes-members.c). Not installed.
 */

typedef struct
{
  const char *filename;
  const char *base_url;        /* for relative links such as charter.md */
  const char *slack_host;      /* kubernetes.slack.com, cloud-native.slack.com */
  const char *github_org;      /* of the GitHub teams */
  GPtrArray *issues;
  ConveneRegistry *registry;
  GDate today;                 /* a term that ended before it is over */
  guint n_emails;
  ConveneYamlNode *first_email;
} KubeImporter;

void           kube_warn            (KubeImporter     *self,
                                     ConveneYamlNode  *node,
                                     gboolean          at_key,
                                     const char       *format,
                                     ...) G_GNUC_PRINTF (4, 5);
void           kube_warn_unknown    (KubeImporter     *self,
                                     ConveneYamlNode  *mapping,
                                     const char * const *known);
const char    *kube_string          (KubeImporter     *self,
                                     ConveneYamlNode  *mapping,
                                     const char       *key,
                                     guint             max_chars);
char          *kube_url             (KubeImporter     *self,
                                     ConveneYamlNode  *mapping,
                                     const char       *key,
                                     const char       *relative_to);
gboolean       kube_is_list         (KubeImporter     *self,
                                     ConveneYamlNode  *node);

ConvenePerson *kube_import_person   (KubeImporter     *self,
                                     ConveneYamlNode  *entry);
void           kube_import_leadership (KubeImporter   *self,
                                     ConveneYamlNode  *node,
                                     ConveneGroup     *group);
void           kube_import_leads    (KubeImporter     *self,
                                     ConveneYamlNode  *list,
                                     ConveneRole       role,
                                     ConveneGroup     *group);
void           kube_import_meetings (KubeImporter     *self,
                                     ConveneYamlNode  *list,
                                     ConveneGroup     *group);
void           kube_import_contact  (KubeImporter     *self,
                                     ConveneYamlNode  *contact,
                                     ConveneGroup     *group);
void           kube_import_liaisons (KubeImporter     *self,
                                     ConveneYamlNode  *node,
                                     ConveneGroup     *group);

G_END_DECLS
