/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/lines.h"

#include <string.h>

int ws_next_line(const char *text, size_t len, size_t *pos, bool strip_cr,
		 char *buf, size_t size)
{
	const char *line = text + *pos;
	const char *nl;
	size_t line_len;

	if (*pos >= len)
		return -1;
	nl = memchr(line, '\n', len - *pos);
	line_len = nl != NULL ? (size_t)(nl - line) : len - *pos;
	*pos += line_len + (nl != NULL);
	if (strip_cr && line_len > 0 && line[line_len - 1] == '\r')
		line_len--;
	if (line_len >= size || memchr(line, '\0', line_len) != NULL)
		return 0;
	memcpy(buf, line, line_len);
	buf[line_len] = '\0';
	return 1;
}
