/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Integers from text (options, configuration, status files): the whole
 * text or nothing.  Pure code. */
#ifndef WS_NUMBER_H
#define WS_NUMBER_H

/* Parses text in base (10, 16, or 0 for C's prefixes) as a number in
 * min..max.  Leading blanks and signs are refused.  Returns 0, or -1 with
 * *out untouched. */
int ws_parse_long(const char *text, int base, long min, long max, long *out);
int ws_parse_llong(const char *text, int base, long long min, long long max, long long *out);
/* The same for a finite decimal number (seconds, intervals) in min..max. */
int ws_parse_double(const char *text, double min, double max, double *out);

#endif
