/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One hex digit's value, for the parsers of MAC addresses and %XX escapes. */
#ifndef WS_HEX_H
#define WS_HEX_H

/* 0..15, or -1 when c is not a hex digit (either case). */
static inline int ws_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
