/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2link: one Ethernet interface opened with libpcap for the l2 frame
 * format.  Shared by the Heartbeat plugin and l2ping; it reports errors in
 * a buffer and leaves logging to its caller. */
#ifndef WS_L2LINK_H
#define WS_L2LINK_H

#include <net/if.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hbcomm-l2/l2frame.h"

struct l2link {
	char ifname[IF_NAMESIZE];
	pcap_t *pcap;               /* NULL when closed */
	int fd;                     /* pollable descriptor of pcap */
	unsigned ifindex;           /* of the interface we opened */
	uint8_t own_mac[L2F_MAC_LEN];
	size_t mtu;                 /* clamped to [L2F_MIN_MTU, L2F_MAX_MTU] */
	uint16_t ethertype;
	uint8_t frame[L2F_MAX_FRAME];   /* send buffer */
};

/* What the kernel says of an interface now. */
struct l2link_state {
	unsigned ifindex;           /* 0 when it does not exist */
	bool up;                    /* IFF_UP */
	bool running;               /* IFF_RUNNING: carrier */
};

/* Looks ifname up; fills own MAC and MTU when asked.  Returns 0 or -1. */
int l2link_query(const char *ifname, struct l2link_state *state,
                 uint8_t mac[L2F_MAC_LEN], size_t *mtu,
                 char *error, size_t error_len);

/* Opens ifname (needs CAP_NET_RAW): immediate mode, inbound only, a kernel
 * filter for our EtherType, destination own MAC or broadcast, not from
 * ourselves, and from `peer` when it is not NULL.  Returns 0 or -1. */
int l2link_open(struct l2link *link, const char *ifname, uint16_t ethertype,
                const uint8_t *peer, char *error, size_t error_len);
void l2link_close(struct l2link *link);

/* Frames the kernel dropped for this handle since it was opened (its
 * buffer was full), or 0 when unknown. */
uint64_t l2link_kernel_drops(struct l2link *link);
bool l2link_is_open(const struct l2link *link);

/* Sends msg to dst, fragmented to the link MTU.  Returns the number of
 * frames sent, or -1 with error filled. */
int l2link_send(struct l2link *link, const uint8_t dst[L2F_MAC_LEN],
                enum l2f_type type, uint32_t msg_id,
                const uint8_t *msg, size_t len, char *error, size_t error_len);

/* Sends an already built frame.  Returns 0 or -1. */
int l2link_send_frame(struct l2link *link, const uint8_t *frame, size_t len,
                      char *error, size_t error_len);

/* Waits up to timeout_ms for one frame.  Returns L2LINK_FRAME with
 * the frame and its length set (valid until the next call), L2LINK_TIMEOUT,
 * L2LINK_INTERRUPTED (a signal arrived), or L2LINK_FAILED when the handle
 * is broken (interface gone): the caller closes and reopens. */
enum { L2LINK_FAILED = -1, L2LINK_TIMEOUT = 0, L2LINK_FRAME = 1, L2LINK_INTERRUPTED = 2 };
int l2link_receive(struct l2link *link, int timeout_ms,
                   const uint8_t **frame, size_t *len,
                   char *error, size_t error_len);

#endif
