/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2link: libpcap and interface plumbing for the l2 frame format. */
#include "config.h"

#include "hbcomm-l2/l2link.h"

#include <errno.h>
#include <net/if_arp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hbcomm-l2/l2conf.h"

int l2link_query(const char *ifname, struct l2link_state *state,
                 uint8_t mac[L2F_MAC_LEN], size_t *mtu,
                 char *error, size_t error_len)
{
	struct ifreq ifr;
	int sock;
	int rc = -1;

	memset(state, 0, sizeof(*state));
	if (strlen(ifname) >= sizeof(ifr.ifr_name)) {
		snprintf(error, error_len, "interface name '%s' too long", ifname);
		return -1;
	}
	state->ifindex = if_nametoindex(ifname);
	if (state->ifindex == 0) {
		snprintf(error, error_len, "no interface %s: %s", ifname, strerror(errno));
		return -1;
	}
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0) {
		snprintf(error, error_len, "socket: %s", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(sock, SIOCGIFFLAGS, &ifr) != 0) {
		snprintf(error, error_len, "%s: reading flags: %s", ifname, strerror(errno));
		goto out;
	}
	state->up = (ifr.ifr_flags & IFF_UP) != 0;
	state->running = (ifr.ifr_flags & IFF_RUNNING) != 0;
	if (mac != NULL) {
		if (ioctl(sock, SIOCGIFHWADDR, &ifr) != 0) {
			snprintf(error, error_len, "%s: reading MAC: %s", ifname, strerror(errno));
			goto out;
		}
		if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
			snprintf(error, error_len, "%s is not an Ethernet interface", ifname);
			goto out;
		}
		memcpy(mac, ifr.ifr_hwaddr.sa_data, L2F_MAC_LEN);
	}
	if (mtu != NULL) {
		if (ioctl(sock, SIOCGIFMTU, &ifr) != 0) {
			snprintf(error, error_len, "%s: reading MTU: %s", ifname, strerror(errno));
			goto out;
		}
		*mtu = ifr.ifr_mtu < L2F_MIN_MTU ? 0 : (size_t)ifr.ifr_mtu;
		if (*mtu == 0) {
			snprintf(error, error_len, "%s: MTU %d below the %d the l2 format needs",
			         ifname, ifr.ifr_mtu, L2F_MIN_MTU);
			goto out;
		}
		if (*mtu > L2F_MAX_MTU)
			*mtu = L2F_MAX_MTU;
	}
	rc = 0;
out:
	close(sock);
	return rc;
}

/* Builds the kernel filter text.  veth and bridges flood unknown unicast,
 * so the destination check belongs in the kernel, not only in userspace. */
static void build_filter(char *text, size_t len, uint16_t ethertype,
                         const uint8_t own[L2F_MAC_LEN], const uint8_t *peer)
{
	char own_text[L2_MAC_TEXT_LEN], peer_text[L2_MAC_TEXT_LEN];
	int n;

	l2_mac_format(own, own_text);
	n = snprintf(text, len,
	             "ether proto 0x%04x and (ether dst %s or ether broadcast) and not ether src %s",
	             ethertype, own_text, own_text);
	if (peer != NULL && n > 0 && (size_t)n < len) {
		l2_mac_format(peer, peer_text);
		snprintf(text + n, len - (size_t)n, " and ether src %s", peer_text);
	}
}

static int fail_pcap(struct l2link *link, const char *what, char *error, size_t error_len)
{
	snprintf(error, error_len, "%s: %s: %s", link->ifname, what, pcap_geterr(link->pcap));
	l2link_close(link);
	return -1;
}

int l2link_open(struct l2link *link, const char *ifname, uint16_t ethertype,
                const uint8_t *peer, char *error, size_t error_len)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	char filter[256];
	struct bpf_program program;
	struct l2link_state state;
	int rc;

	link->pcap = NULL;
	link->fd = -1;
	if (l2link_query(ifname, &state, link->own_mac, &link->mtu, error, error_len) != 0)
		return -1;
	snprintf(link->ifname, sizeof(link->ifname), "%s", ifname);
	link->ifindex = state.ifindex;
	link->ethertype = ethertype;

	link->pcap = pcap_create(ifname, errbuf);
	if (link->pcap == NULL) {
		snprintf(error, error_len, "%s: pcap_create: %s", ifname, errbuf);
		return -1;
	}
	/* Without immediate mode TPACKET_V3 hands frames over only when a
	 * block fills or times out: heartbeats would arrive late or never. */
	if (pcap_set_immediate_mode(link->pcap, 1) != 0 ||
	    pcap_set_snaplen(link->pcap, (int)(L2F_ETH_HDR_LEN + link->mtu + 4)) != 0 ||
	    pcap_set_promisc(link->pcap, 0) != 0)
		return fail_pcap(link, "pcap_set_*", error, error_len);
	rc = pcap_activate(link->pcap);
	if (rc < 0)
		return fail_pcap(link, "pcap_activate", error, error_len);
	if (pcap_datalink(link->pcap) != DLT_EN10MB) {
		snprintf(error, error_len, "%s: not an Ethernet link", ifname);
		l2link_close(link);
		return -1;
	}
	/* Our own injected frames must not come back to another handle of
	 * this node (heartbeat's reader and writer are separate processes). */
	if (pcap_setdirection(link->pcap, PCAP_D_IN) != 0)
		return fail_pcap(link, "pcap_setdirection", error, error_len);
	build_filter(filter, sizeof(filter), ethertype, link->own_mac, peer);
	if (pcap_compile(link->pcap, &program, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
		return fail_pcap(link, "pcap_compile", error, error_len);
	rc = pcap_setfilter(link->pcap, &program);
	pcap_freecode(&program);
	if (rc != 0)
		return fail_pcap(link, "pcap_setfilter", error, error_len);
	if (pcap_setnonblock(link->pcap, 1, errbuf) != 0) {
		snprintf(error, error_len, "%s: pcap_setnonblock: %s", ifname, errbuf);
		l2link_close(link);
		return -1;
	}
	link->fd = pcap_get_selectable_fd(link->pcap);
	if (link->fd < 0) {
		snprintf(error, error_len, "%s: no selectable descriptor", ifname);
		l2link_close(link);
		return -1;
	}
	return 0;
}

void l2link_close(struct l2link *link)
{
	if (link->pcap != NULL)
		pcap_close(link->pcap);
	link->pcap = NULL;
	link->fd = -1;
}

uint64_t l2link_kernel_drops(struct l2link *link)
{
	struct pcap_stat stats;

	if (link->pcap == NULL || pcap_stats(link->pcap, &stats) != 0)
		return 0;
	return stats.ps_drop;
}

bool l2link_is_open(const struct l2link *link)
{
	return link->pcap != NULL;
}

int l2link_send_frame(struct l2link *link, const uint8_t *frame, size_t len,
                      char *error, size_t error_len)
{
	int sent;

	if (link->pcap == NULL) {
		snprintf(error, error_len, "%s: not open", link->ifname);
		return -1;
	}
	sent = pcap_inject(link->pcap, frame, len);
	if (sent < 0 || (size_t)sent != len) {
		snprintf(error, error_len, "%s: pcap_inject: %s", link->ifname,
		         sent < 0 ? pcap_geterr(link->pcap) : "short write");
		return -1;
	}
	return 0;
}

int l2link_send(struct l2link *link, const uint8_t dst[L2F_MAC_LEN],
                enum l2f_type type, uint32_t msg_id,
                const uint8_t *msg, size_t len, char *error, size_t error_len)
{
	struct l2f_header hdr;
	unsigned count = type == L2F_TYPE_DATA ? l2f_fragment_count(len, link->mtu) : 1;

	if (count == 0) {
		snprintf(error, error_len, "%s: message of %zu bytes cannot be sent (limit %d)",
		         link->ifname, len, L2F_MAX_MSG);
		return -1;
	}
	memcpy(hdr.dst, dst, L2F_MAC_LEN);
	memcpy(hdr.src, link->own_mac, L2F_MAC_LEN);
	hdr.ethertype = link->ethertype;
	hdr.type = type;
	hdr.msg_id = msg_id;
	for (unsigned i = 0; i < count; i++) {
		size_t n = l2f_encode_fragment(link->frame, sizeof(link->frame), &hdr,
		                               msg, len, link->mtu, i);

		if (n == 0) {
			snprintf(error, error_len, "%s: cannot encode fragment %u", link->ifname, i);
			return -1;
		}
		if (l2link_send_frame(link, link->frame, n, error, error_len) != 0)
			return -1;
	}
	return (int)count;
}

int l2link_receive(struct l2link *link, int timeout_ms,
                   const uint8_t **frame, size_t *len,
                   char *error, size_t error_len)
{
	struct pcap_pkthdr *header;
	const u_char *data;
	struct pollfd pfd = { .fd = link->fd, .events = POLLIN };
	int rc;

	if (link->pcap == NULL) {
		snprintf(error, error_len, "%s: not open", link->ifname);
		return L2LINK_FAILED;
	}
	/* A frame may already wait in the ring: poll only when it is empty. */
	rc = pcap_next_ex(link->pcap, &header, &data);
	if (rc == 0) {
		rc = poll(&pfd, 1, timeout_ms);
		if (rc < 0 && errno == EINTR)
			return L2LINK_INTERRUPTED;
		if (rc < 0) {
			snprintf(error, error_len, "%s: poll: %s", link->ifname, strerror(errno));
			return L2LINK_FAILED;
		}
		if (rc == 0)
			return L2LINK_TIMEOUT;
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			snprintf(error, error_len, "%s: interface error (removed or down)", link->ifname);
			return L2LINK_FAILED;
		}
		rc = pcap_next_ex(link->pcap, &header, &data);
	}
	if (rc == 0)
		return L2LINK_TIMEOUT;
	if (rc < 0) {
		snprintf(error, error_len, "%s: pcap_next_ex: %s", link->ifname,
		         pcap_geterr(link->pcap));
		return L2LINK_FAILED;
	}
	*frame = data;
	*len = header->caplen;
	return L2LINK_FRAME;
}
