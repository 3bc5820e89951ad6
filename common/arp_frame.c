/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/arp_frame.h"

#include "common/byteorder.h"

#include <string.h>

#define ETHERTYPE_ARP_BE0 0x08
#define ETHERTYPE_ARP_BE1 0x06
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2

void probe_arp_build_request(uint8_t frame[PROBE_ARP_FRAME_LEN],
			     const uint8_t source_mac[PROBE_ETH_ALEN],
			     uint32_t source_ip, uint32_t target_ip)
{
	uint8_t *arp = frame + 14;

	memset(frame, 0xff, PROBE_ETH_ALEN);
	memcpy(frame + 6, source_mac, PROBE_ETH_ALEN);
	frame[12] = ETHERTYPE_ARP_BE0;
	frame[13] = ETHERTYPE_ARP_BE1;

	ws_put_be16(arp, 1);            /* hardware: Ethernet */
	ws_put_be16(arp + 2, 0x0800);   /* protocol: IPv4 */
	arp[4] = PROBE_ETH_ALEN;
	arp[5] = 4;
	ws_put_be16(arp + 6, ARP_OP_REQUEST);
	memcpy(arp + 8, source_mac, PROBE_ETH_ALEN);
	memcpy(arp + 14, &source_ip, 4);
	memset(arp + 18, 0, PROBE_ETH_ALEN);
	memcpy(arp + 24, &target_ip, 4);
}

int probe_arp_parse_reply(const uint8_t *frame, size_t len,
			  struct probe_arp_reply *reply)
{
	const uint8_t *arp = frame + 14;

	if (len < PROBE_ARP_FRAME_LEN)
		return -1;
	if (frame[12] != ETHERTYPE_ARP_BE0 || frame[13] != ETHERTYPE_ARP_BE1)
		return -1;
	if (ws_get_be16(arp) != 1 || ws_get_be16(arp + 2) != 0x0800 ||
	    arp[4] != PROBE_ETH_ALEN || arp[5] != 4)
		return -1;
	if (ws_get_be16(arp + 6) != ARP_OP_REPLY)
		return -1;
	memcpy(reply->eth_source, frame + 6, PROBE_ETH_ALEN);
	memcpy(reply->sender_mac, arp + 8, PROBE_ETH_ALEN);
	memcpy(&reply->sender_ip, arp + 14, 4);
	return 0;
}
