/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "convene-issue.h"

G_BEGIN_DECLS

/* Each target defines FUZZ_ENTRY. Built for libFuzzer it is
 * LLVMFuzzerTestOneInput; the regression test links every target
 * into one program, so there each is compiled with a name of its own
 * (-DCONVENE_FUZZ_ENTRY=...).
 */
#ifdef CONVENE_FUZZ_ENTRY
# define FUZZ_ENTRY CONVENE_FUZZ_ENTRY
#else
# define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int      FUZZ_ENTRY             (const uint8_t *data,
                                 size_t         size);

void     fuzz_setup             (void);
void     fuzz_fail              (const char    *format,
                                 ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;
void     fuzz_check_failure     (const char    *what,
                                 GPtrArray     *issues,
                                 const GError  *error,
                                 gboolean       need_issue);
void     fuzz_check_success     (const char    *what,
                                 GPtrArray     *issues);

G_END_DECLS
