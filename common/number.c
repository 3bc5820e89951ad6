/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/number.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

int ws_parse_llong(const char *text, int base, long long min, long long max, long long *out)
{
	char *end;
	long long value;

	if (text == NULL || *text == '\0' || isspace((unsigned char)*text) || *text == '+')
		return -1;
	errno = 0;
	value = strtoll(text, &end, base);
	if (errno != 0 || *end != '\0' || value < min || value > max)
		return -1;
	*out = value;
	return 0;
}

int ws_parse_long(const char *text, int base, long min, long max, long *out)
{
	long long value;

	if (ws_parse_llong(text, base, min, max, &value) != 0)
		return -1;
	*out = (long)value;
	return 0;
}

int ws_parse_double(const char *text, double min, double max, double *out)
{
	char *end;
	double value;

	if (text == NULL || *text == '\0' || isspace((unsigned char)*text) || *text == '+')
		return -1;
	errno = 0;
	value = strtod(text, &end);
	if (errno != 0 || *end != '\0' || !isfinite(value) || value < min || value > max)
		return -1;
	*out = value;
	return 0;
}
