/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the `l2` ha.cf directive parser and its MAC and EtherType
 * parsers, which read administrator-written configuration. */
#include "config.h"

#include "hbcomm-l2/l2conf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2_directive directive;
	uint8_t mac[L2F_MAC_LEN];
	char text[L2_MAC_TEXT_LEN];
	char error[256];
	uint16_t ethertype;
	char *line = malloc(size + 1);

	if (line == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (l2_directive_parse(line, &directive, error, sizeof(error)) == 0) {
		/* An accepted directive names a usable peer. */
		if (!directive.broadcast && l2_mac_is_multicast(directive.peer))
			abort();
		if (directive.ethertype < 0x0600)
			abort();
	}
	if (l2_mac_parse(line, mac) == 0) {
		l2_mac_format(mac, text);
		if (strlen(text) != L2_MAC_TEXT_LEN - 1)
			abort();
	}
	(void)l2_ethertype_parse(line, &ethertype);
	free(line);
	return 0;
}
