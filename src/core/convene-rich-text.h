/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONVENE_TYPE_RICH_TEXT (convene_rich_text_get_type ())

typedef struct _ConveneRichText ConveneRichText;

GType            convene_rich_text_get_type       (void) G_GNUC_CONST;
ConveneRichText *convene_rich_text_new            (void);
ConveneRichText *convene_rich_text_ref            (ConveneRichText *self);
void             convene_rich_text_unref          (ConveneRichText *self);
void             convene_rich_text_add_paragraph  (ConveneRichText *self);
void             convene_rich_text_append         (ConveneRichText *self,
                                                   const char      *text,
                                                   const char      *url);
guint            convene_rich_text_get_n_paragraphs (ConveneRichText *self);
guint            convene_rich_text_get_n_runs     (ConveneRichText *self,
                                                   guint            paragraph);
const char      *convene_rich_text_get_run        (ConveneRichText *self,
                                                   guint            paragraph,
                                                   guint            run,
                                                   const char     **url);
gboolean         convene_rich_text_is_empty       (ConveneRichText *self);
char            *convene_rich_text_to_plain       (ConveneRichText *self);
char            *convene_rich_text_to_markup      (ConveneRichText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConveneRichText, convene_rich_text_unref)

G_END_DECLS
