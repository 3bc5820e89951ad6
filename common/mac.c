/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/mac.h"

#include "common/hex.h"

#include <stdio.h>
#include <string.h>

int ws_mac_parse(const char *text, const char *separators, uint8_t mac[WS_MAC_LEN])
{
	uint8_t bytes[WS_MAC_LEN];
	char separator = '\0';

	if (text == NULL || strlen(text) != WS_MAC_TEXT_LEN - 1)
		return -1;
	for (int i = 0; i < WS_MAC_LEN; i++) {
		const char *pair = text + 3 * i;
		int hi = ws_hex_digit(pair[0]), lo = ws_hex_digit(pair[1]);

		if (hi < 0 || lo < 0)
			return -1;
		if (i < WS_MAC_LEN - 1) {
			if (pair[2] == '\0' || strchr(separators, pair[2]) == NULL)
				return -1;
			if (separator == '\0')
				separator = pair[2];
			else if (pair[2] != separator)
				return -1;
		}
		bytes[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(mac, bytes, WS_MAC_LEN);
	return 0;
}

void ws_mac_format(const uint8_t mac[WS_MAC_LEN], char out[WS_MAC_TEXT_LEN])
{
	snprintf(out, WS_MAC_TEXT_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}
