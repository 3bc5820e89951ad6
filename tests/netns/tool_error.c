/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "tests/netns/tool_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

int tool_error(const char *format, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}
