/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2conf: the `l2` ha.cf directive and MAC address text, parsed without
 * touching the system (whether the interface exists is the caller's check),
 * so tests and fuzzers reach every rejection. */
#ifndef WS_L2CONF_H
#define WS_L2CONF_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hbcomm-l2/l2frame.h"

/* Text form "aa:bb:cc:dd:ee:ff" plus NUL. */
#define L2_MAC_TEXT_LEN 18

struct l2_directive {
	char ifname[IF_NAMESIZE];
	bool broadcast;                 /* peer is ff:ff:ff:ff:ff:ff */
	uint8_t peer[L2F_MAC_LEN];
	uint16_t ethertype;
};

/* Parses "aa:bb:cc:dd:ee:ff" (also '-' separated, case-insensitive).
 * Returns 0 or -1. */
int l2_mac_parse(const char *text, uint8_t mac[L2F_MAC_LEN]);
void l2_mac_format(const uint8_t mac[L2F_MAC_LEN], char text[L2_MAC_TEXT_LEN]);
bool l2_mac_is_multicast(const uint8_t mac[L2F_MAC_LEN]);
bool l2_mac_is_zero(const uint8_t mac[L2F_MAC_LEN]);

/* Parses an EtherType "0x88b5" (hex with 0x, or decimal); rejects values
 * below 0x0600 (802.3 lengths) and above 0xffff.  Returns 0 or -1. */
int l2_ethertype_parse(const char *text, uint16_t *ethertype);

/* Parses the rest of an ha.cf line after "l2":
 *   <ifname> <peer-mac>|broadcast [ethertype=0xNNNN]
 * Returns 0, or -1 with a message naming the problem in error. */
int l2_directive_parse(const char *line, struct l2_directive *out,
                       char *error, size_t error_len);

#endif
