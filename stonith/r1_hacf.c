/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ha.cf's berofos stonith_host words (r1_hacf.h). */
#include "config.h"

#include "stonith/r1_hacf.h"

#include <stdbool.h>
#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static const char *skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

/* P at WORD followed by a blank: the text after the blanks, else NULL. */
static const char *after_word(const char *p, const char *word)
{
	size_t len = strlen(word);

	if (strncmp(p, word, len) != 0 || !is_blank(p[len]))
		return NULL;
	return skip_blanks(p + len);
}

enum r1_hacf_result r1_hacf_stonith_words(const char *line, char *out, size_t out_size)
{
	const char *p = skip_blanks(line);
	size_t used = 0;

	p = after_word(p, "stonith_host");
	if (p != NULL)
		p = after_word(p, "*");
	if (p != NULL)
		p = after_word(p, "berofos");
	if (p == NULL || *p == '\0' || *p == '#' || out_size == 0)
		return R1_HACF_NOT_THIS;
	while (*p != '\0' && *p != '#') {
		char c = *p;

		if (is_blank(c)) {
			/* A run of blanks is one space, and none at the end. */
			p = skip_blanks(p);
			if (*p == '\0' || *p == '#')
				break;
			c = ' ';
		} else {
			p++;
		}
		if (used + 1 >= out_size)
			return R1_HACF_TOO_LONG;
		out[used++] = c;
	}
	out[used] = '\0';
	return R1_HACF_FOUND;
}
