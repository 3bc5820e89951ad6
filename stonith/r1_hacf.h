/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The words of ha.cf's berofos stonith_host line, as r1-peer-fence passes
 * them to the plugin: Heartbeat's own line is the one configuration, so
 * the helper resets the peer exactly as R1 would.  Pure code. */
#ifndef R1_HACF_H
#define R1_HACF_H

#include <stddef.h>

enum r1_hacf_result {
	R1_HACF_FOUND,
	R1_HACF_NOT_THIS,    /* not a "stonith_host * berofos" line */
	R1_HACF_TOO_LONG,    /* the words do not fit in the buffer */
};

/* LINE (one line of ha.cf, without its newline): when it is
 * "stonith_host * berofos WORDS" (any blanks, the host "*" as wsctl writes
 * it), copies WORDS into OUT (NUL-terminated, trailing blanks and a
 * comment removed, inner blanks each one space). */
enum r1_hacf_result r1_hacf_stonith_words(const char *line, char *out, size_t out_size);

#endif
