/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ARP request/reply frames: the fence guard asks a node on the LAN, the
 * testbed's VIP prober asks for a VIP.
 * Pure: no sockets, so the unit tests and the fuzzer reach it directly. */
#ifndef WS_ARP_FRAME_H
#define WS_ARP_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define PROBE_ETH_ALEN 6
/* Ethernet header (14) + ARP for IPv4 over Ethernet (28). */
#define PROBE_ARP_FRAME_LEN 42

struct probe_arp_reply {
	uint8_t sender_mac[PROBE_ETH_ALEN];
	uint32_t sender_ip;     /* network byte order */
	uint8_t eth_source[PROBE_ETH_ALEN];
};

/* Writes a broadcast "who-has target_ip tell source_ip" into frame, which
 * must hold PROBE_ARP_FRAME_LEN bytes.  IPs in network byte order. */
void probe_arp_build_request(uint8_t frame[PROBE_ARP_FRAME_LEN],
			     const uint8_t source_mac[PROBE_ETH_ALEN],
			     uint32_t source_ip, uint32_t target_ip);

/* Returns 0 and fills reply when frame is an ARP reply (Ethernet, IPv4),
 * -1 for anything else, including truncated frames. */
int probe_arp_parse_reply(const uint8_t *frame, size_t len,
			  struct probe_arp_reply *reply);

#endif
