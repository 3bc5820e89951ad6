/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2conf: parsing of the `l2` directive and of MAC addresses. */
#include "config.h"

#include "hbcomm-l2/l2conf.h"

#include "common/mac.h"
#include "common/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int l2_mac_parse(const char *text, uint8_t mac[L2F_MAC_LEN])
{
	return ws_mac_parse(text, ":-", mac);
}

void l2_mac_format(const uint8_t mac[L2F_MAC_LEN], char text[L2_MAC_TEXT_LEN])
{
	ws_mac_format(mac, text);
}

bool l2_mac_is_multicast(const uint8_t mac[L2F_MAC_LEN])
{
	return (mac[0] & 0x01) != 0;   /* the I/G bit; broadcast included */
}

bool l2_mac_is_zero(const uint8_t mac[L2F_MAC_LEN])
{
	for (int i = 0; i < L2F_MAC_LEN; i++)
		if (mac[i] != 0)
			return false;
	return true;
}

int l2_ethertype_parse(const char *text, uint16_t *ethertype)
{
	long value;

	if (ws_parse_long(text, 0, L2F_MIN_ETHERTYPE, 0xffff, &value) != 0)
		return -1;
	*ethertype = (uint16_t)value;
	return 0;
}

/* Copies the next whitespace-separated word of *line into word. Returns its
 * length (0 at the end of the line) or -1 when it does not fit. */
static int next_word(const char **line, char *word, size_t word_len)
{
	const char *p = *line;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (p[n] != '\0' && p[n] != ' ' && p[n] != '\t' && p[n] != '\n' && p[n] != '#')
		n++;
	*line = p + n;
	if (n >= word_len)
		return -1;
	memcpy(word, p, n);
	word[n] = '\0';
	return (int)n;
}

#define ETHERTYPE_KEY "ethertype="

int l2_directive_parse(const char *line, struct l2_directive *out,
                       char *error, size_t error_len)
{
	char word[64];
	int n;

	memset(out, 0, sizeof(*out));
	out->ethertype = L2F_DEFAULT_ETHERTYPE;
	if (line == NULL)
		line = "";

	n = next_word(&line, out->ifname, sizeof(out->ifname));
	if (n <= 0) {
		snprintf(error, error_len, n == 0 ? "l2: missing interface name (expected: l2 <ifname> <peer-mac>|broadcast [ethertype=0xNNNN])"
		                                  : "l2: interface name too long");
		return -1;
	}
	n = next_word(&line, word, sizeof(word));
	if (n <= 0) {
		snprintf(error, error_len, "l2 %s: missing peer MAC address or 'broadcast'",
		         out->ifname);
		return -1;
	}
	if (strcmp(word, "broadcast") == 0) {
		out->broadcast = true;
		memset(out->peer, 0xff, sizeof(out->peer));
	} else if (l2_mac_parse(word, out->peer) != 0) {
		snprintf(error, error_len, "l2 %s: malformed peer MAC address '%s' (expected aa:bb:cc:dd:ee:ff)",
		         out->ifname, word);
		return -1;
	} else if (l2_mac_is_multicast(out->peer)) {
		snprintf(error, error_len, "l2 %s: peer MAC address %s is a multicast/broadcast address; name the peer's unicast MAC or write 'broadcast'",
		         out->ifname, word);
		return -1;
	} else if (l2_mac_is_zero(out->peer)) {
		snprintf(error, error_len, "l2 %s: peer MAC address %s is all zeros", out->ifname, word);
		return -1;
	}

	n = next_word(&line, word, sizeof(word));
	if (n < 0) {
		snprintf(error, error_len, "l2 %s: option too long", out->ifname);
		return -1;
	}
	if (n > 0) {
		if (strncmp(word, ETHERTYPE_KEY, strlen(ETHERTYPE_KEY)) != 0) {
			snprintf(error, error_len, "l2 %s: unknown option '%s' (only ethertype=0xNNNN)",
			         out->ifname, word);
			return -1;
		}
		if (l2_ethertype_parse(word + strlen(ETHERTYPE_KEY), &out->ethertype) != 0) {
			snprintf(error, error_len, "l2 %s: bad EtherType '%s' (must be 0x0600..0xffff; below is reserved for 802.3 lengths)",
			         out->ifname, word + strlen(ETHERTYPE_KEY));
			return -1;
		}
		n = next_word(&line, word, sizeof(word));
		if (n != 0) {
			snprintf(error, error_len, "l2 %s: unexpected trailing words", out->ifname);
			return -1;
		}
	}
	return 0;
}
