/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-group.h"
#include "convene-person.h"

G_BEGIN_DECLS

char      *convene_search_normalize    (const char          *text);
char     **convene_search_split_query  (const char          *query);
gboolean   convene_search_match_group  (ConveneGroup        *group,
                                        const char * const  *terms,
                                        char               **why);
gboolean   convene_search_match_person (ConvenePerson       *person,
                                        const char * const  *terms,
                                        char               **why);

G_END_DECLS
