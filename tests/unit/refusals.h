/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table-driven checks of a parser's refusals for the cmocka unit tests: a
 * row is an input the parser must refuse with -1 and a word its error
 * message must hold.  Include after <cmocka.h>. */
#ifndef WS_TEST_REFUSALS_H
#define WS_TEST_REFUSALS_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct refusal {
	const char *text;               /* the input; NULL is an input too */
	const char *named;              /* in the error message; NULL: not checked */
};

#define REFUSALS_LEN(table) (sizeof(table) / sizeof((table)[0]))

/* The parser under test as the table calls it: ctx is the test's state
 * (the object parsed into), err receives the message. */
typedef int (*refusal_parser)(void *ctx, const char *text, char *err, size_t err_len);

/* Defines NAME, a refusal_parser returning CALL: the parser under test
 * called with ctx, text, err_buf and err_len, so that each test file states
 * only how its parser takes them and not the adapter around the call. */
#define REFUSAL_PARSER(name, call)                                              \
	static int name(void *ctx, const char *text, char *err_buf, size_t err_len) \
	{                                                                        \
		return (call);                                                   \
	}

static inline void assert_refusals(const struct refusal *rows, size_t n, refusal_parser parse,
				   void *ctx)
{
	char err[256];

	for (size_t i = 0; i < n; i++) {
		/* Names the row in the log, for a failure to point at it. */
		print_message("refused: '%s'\n", rows[i].text != NULL ? rows[i].text : "(null)");
		err[0] = '\0';
		assert_int_equal(parse(ctx, rows[i].text, err, sizeof(err)), -1);
		if (rows[i].named != NULL)
			assert_non_null(strstr(err, rows[i].named));
	}
}

#endif
