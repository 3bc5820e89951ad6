/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Walking "key=value" text (config.txt, status files) a line at a time.
 * Pure code. */
#ifndef WS_LINES_H
#define WS_LINES_H

#include <stdbool.h>
#include <stddef.h>

/* Takes the line of text[0..len) that starts at *pos and moves *pos past
 * its LF.  Returns 1 with the line, without the LF (and without a CR
 * before it when strip_cr), as a string in buf; 0 when the line was
 * skipped because it does not fit in size - 1 bytes or holds a NUL; -1 at
 * the end of the text. */
int ws_next_line(const char *text, size_t len, size_t *pos, bool strip_cr,
		 char *buf, size_t size);

#endif
