/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fence guard's ARP probe on the LAN (see lan_probe.h). */
#include "config.h"

#include "stonith/lan_probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/arp_frame.h"
#include "common/clock.h"

#define PROBE_REQUESTS 3

struct lan_iface {
	char name[IF_NAMESIZE];
	unsigned int index;
	uint32_t source_ip;
	uint8_t mac[PROBE_ETH_ALEN];
};

/* The up, non-loopback interface with an IPv4 subnet that holds ipv4, and
 * its MAC (from the AF_PACKET entry of the same name). */
static int find_iface(uint32_t ipv4, struct lan_iface *out, char *msg, size_t msg_len)
{
	struct ifaddrs *all, *ifa;
	bool found = false, have_mac = false;

	if (getifaddrs(&all) != 0) {
		snprintf(msg, msg_len, "getifaddrs: %s", strerror(errno));
		return -1;
	}
	for (ifa = all; ifa != NULL && !found; ifa = ifa->ifa_next) {
		const struct sockaddr_in *addr = (const void *)ifa->ifa_addr;
		const struct sockaddr_in *mask = (const void *)ifa->ifa_netmask;

		if (addr == NULL || mask == NULL || addr->sin_family != AF_INET ||
		    !(ifa->ifa_flags & IFF_UP) || (ifa->ifa_flags & IFF_LOOPBACK))
			continue;
		if ((addr->sin_addr.s_addr & mask->sin_addr.s_addr) !=
		    (ipv4 & mask->sin_addr.s_addr) || addr->sin_addr.s_addr == ipv4)
			continue;
		snprintf(out->name, sizeof(out->name), "%s", ifa->ifa_name);
		out->source_ip = addr->sin_addr.s_addr;
		found = true;
	}
	for (ifa = all; ifa != NULL && found && !have_mac; ifa = ifa->ifa_next) {
		const struct sockaddr_ll *ll = (const void *)ifa->ifa_addr;

		if (ll == NULL || ll->sll_family != AF_PACKET || ll->sll_halen != PROBE_ETH_ALEN ||
		    strcmp(ifa->ifa_name, out->name) != 0)
			continue;
		memcpy(out->mac, ll->sll_addr, PROBE_ETH_ALEN);
		out->index = (unsigned int)ll->sll_ifindex;
		have_mac = true;
	}
	freeifaddrs(all);
	if (!found) {
		snprintf(msg, msg_len, "no local IPv4 subnet holds the address");
		return -1;
	}
	if (!have_mac) {
		snprintf(msg, msg_len, "%s has no Ethernet address", out->name);
		return -1;
	}
	return 0;
}

static int open_arp_socket(const struct lan_iface *ifc, char *msg, size_t msg_len)
{
	struct sockaddr_ll bind_to = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = (int)ifc->index,
	};
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ARP));

	if (fd < 0) {
		snprintf(msg, msg_len, "ARP socket: %s", strerror(errno));
		return -1;
	}
	if (bind(fd, (const struct sockaddr *)&bind_to, sizeof(bind_to)) != 0) {
		snprintf(msg, msg_len, "ARP socket on %s: %s", ifc->name, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int send_request(int fd, const struct lan_iface *ifc, uint32_t ipv4)
{
	uint8_t frame[PROBE_ARP_FRAME_LEN];
	struct sockaddr_ll to = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = (int)ifc->index, .sll_halen = PROBE_ETH_ALEN,
	};

	memset(to.sll_addr, 0xff, PROBE_ETH_ALEN);
	probe_arp_build_request(frame, ifc->mac, ifc->source_ip, ipv4);
	return sendto(fd, frame, sizeof(frame), 0, (const struct sockaddr *)&to, sizeof(to)) ==
	       (ssize_t)sizeof(frame) ? 0 : -1;
}

/* Drains the socket; true when one of the frames is ipv4's answer. */
static bool read_answers(int fd, uint32_t ipv4)
{
	uint8_t frame[256];
	struct probe_arp_reply reply;
	ssize_t got;

	while ((got = recv(fd, frame, sizeof(frame), 0)) > 0)
		if (probe_arp_parse_reply(frame, (size_t)got, &reply) == 0 && reply.sender_ip == ipv4)
			return true;
	return false;
}

enum bfg_peer bff_lan_probe(uint32_t ipv4, long timeout_ms, char *msg, size_t msg_len)
{
	struct lan_iface ifc;
	int64_t start = ws_mono_ms(), deadline = start + timeout_ms;
	long step_ms = timeout_ms / PROBE_REQUESTS > 0 ? timeout_ms / PROBE_REQUESTS : 1;
	int sent = 0, fd;
	bool answered = false;

	if (find_iface(ipv4, &ifc, msg, msg_len) != 0)
		return BFG_PEER_UNKNOWN;
	fd = open_arp_socket(&ifc, msg, msg_len);
	if (fd < 0)
		return BFG_PEER_UNKNOWN;
	for (int64_t now = start; !answered && now < deadline; now = ws_mono_ms()) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int64_t next_send = start + (int64_t)sent * step_ms;
		int64_t wake = sent < PROBE_REQUESTS && next_send < deadline ? next_send : deadline;

		if (sent < PROBE_REQUESTS && now >= next_send) {
			if (send_request(fd, &ifc, ipv4) != 0 && sent == 0) {
				snprintf(msg, msg_len, "ARP request on %s: %s", ifc.name, strerror(errno));
				close(fd);
				return BFG_PEER_UNKNOWN;
			}
			sent++;
			continue;
		}
		if (poll(&pfd, 1, (int)(wake > now ? wake - now : 0)) > 0)
			answered = read_answers(fd, ipv4);
	}
	close(fd);
	snprintf(msg, msg_len, "%s ARP on %s after %d request(s) in %lld ms",
		 answered ? "answers" : "does not answer", ifc.name, sent, (long long)(ws_mono_ms() - start));
	return answered ? BFG_PEER_ANSWERS : BFG_PEER_SILENT;
}
