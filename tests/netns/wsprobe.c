/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wsprobe: the testbed's observer.  From the observer namespace it asks
 * "who has VIP?" every few milliseconds and stamps, on CLOCK_MONOTONIC
 * relative to the fault it injects itself, when the VIP first answers from
 * the expected MAC and when each watched log line appears.  Stamping the
 * fault here, not in the calling shell, keeps fork/exec latency out of the
 * measured figures.
 *
 *   wsprobe --iface IF --vip IP --expect-mac MAC [--kill PID | --fault CMD]
 *           [--watch NAME:FILE:REGEX]... [--timeout S] [--interval-ms N]
 *   wsprobe --iface IF --vip IP --holders S
 */
#include "config.h"

#include "common/arp_frame.h"
#include "common/clock.h"
#include "common/mac.h"
#include "common/number.h"
#include "tests/netns/tool_error.h"
#include "tests/netns/probe_watch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WATCHES 16
#define MAX_HOLDERS 16
#define LINE_MAX_BYTES 4096
#define POLL_SLICE_MS 5

struct watch_state {
	struct probe_watch watch;
	int fd;
	off_t start_offset;     /* lines before this offset predate the probe */
	char line[LINE_MAX_BYTES];
	size_t line_length;
	double seen_at;         /* < 0 until the event happened */
};

struct options {
	const char *iface;
	struct in_addr vip;
	bool have_vip;
	uint8_t expect_mac[WS_MAC_LEN];
	bool have_expect_mac;
	pid_t kill_pid;
	const char *fault_command;
	double timeout_s;
	long interval_ms;
	double holders_s;
	struct watch_state watches[MAX_WATCHES];
	int watch_count;
};

struct arp_link {
	int fd;
	int ifindex;
	uint8_t mac[PROBE_ETH_ALEN];
	uint32_t ip;
};

static void usage(FILE *to)
{
	fputs("usage: wsprobe --iface IF --vip IP --expect-mac MAC [--kill PID | --fault CMD]\n"
	      "               [--watch NAME:FILE:REGEX]... [--timeout S] [--interval-ms N]\n"
	      "       wsprobe --iface IF --vip IP --holders S\n", to);
}

static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "vip", required_argument, NULL, 'v' },
		{ "expect-mac", required_argument, NULL, 'm' },
		{ "kill", required_argument, NULL, 'k' },
		{ "fault", required_argument, NULL, 'f' },
		{ "watch", required_argument, NULL, 'w' },
		{ "timeout", required_argument, NULL, 't' },
		{ "interval-ms", required_argument, NULL, 'n' },
		{ "holders", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char error[256];
	long number;
	int c;

	opt->timeout_s = 30;
	opt->interval_ms = 20;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			opt->iface = optarg;
			break;
		case 'v':
			if (inet_pton(AF_INET, optarg, &opt->vip) != 1)
				return tool_error("--vip '%s' is not an IPv4 address", optarg);
			opt->have_vip = true;
			break;
		case 'm':
			if (ws_mac_parse(optarg, ":", opt->expect_mac) != 0)
				return tool_error("--expect-mac '%s' is not a MAC address", optarg);
			opt->have_expect_mac = true;
			break;
		case 'k':
			if (ws_parse_long(optarg, 10, 2, INT_MAX, &number) != 0)
				return tool_error("--kill '%s' is not a PID", optarg);
			opt->kill_pid = (pid_t)number;
			break;
		case 'f':
			opt->fault_command = optarg;
			break;
		case 'w':
			if (opt->watch_count == MAX_WATCHES)
				return tool_error("at most %d --watch", MAX_WATCHES);
			if (probe_watch_parse(optarg, &opt->watches[opt->watch_count].watch,
					      error, sizeof(error)) != 0) {
				fprintf(stderr, "wsprobe: %s\n", error);
				return -1;
			}
			opt->watches[opt->watch_count].fd = -1;
			opt->watches[opt->watch_count].seen_at = -1;
			opt->watch_count++;
			break;
		case 't':
		case 'H': {
			double value;

			if (ws_parse_double(optarg, 0, 3600, &value) != 0 || value == 0)
				return tool_error("'%s' is not a duration in seconds (0-3600]", optarg);
			if (c == 't')
				opt->timeout_s = value;
			else
				opt->holders_s = value;
			break;
		}
		case 'n':
			if (ws_parse_long(optarg, 10, 1, 10000, &opt->interval_ms) != 0)
				return tool_error("--interval-ms '%s' must be 1-10000", optarg);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc || opt->iface == NULL || !opt->have_vip) {
		usage(stderr);
		return -1;
	}
	if (opt->holders_s == 0 && !opt->have_expect_mac)
		return tool_error("--expect-mac is needed unless --holders is given");
	if (opt->kill_pid && opt->fault_command)
		return tool_error("--kill and --fault exclude each other");
	return 0;
}

static int open_arp_link(const char *iface, struct arp_link *link)
{
	struct sockaddr_ll bind_to = { 0 };
	struct ifreq ifr = { 0 };

	if (strlen(iface) >= sizeof(ifr.ifr_name))
		return tool_error("interface name '%s' too long", iface);
	link->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ARP));
	if (link->fd < 0) {
		perror("wsprobe: socket(AF_PACKET)");
		return -1;
	}
	strcpy(ifr.ifr_name, iface);
	if (ioctl(link->fd, SIOCGIFINDEX, &ifr) < 0)
		return tool_error("no interface '%s': %s", iface, strerror(errno));
	link->ifindex = ifr.ifr_ifindex;
	if (ioctl(link->fd, SIOCGIFHWADDR, &ifr) < 0) {
		perror("wsprobe: SIOCGIFHWADDR");
		return -1;
	}
	memcpy(link->mac, ifr.ifr_hwaddr.sa_data, PROBE_ETH_ALEN);
	/* Without an address the request goes out as an ARP probe (0.0.0.0),
	 * which every Linux stack still answers. */
	link->ip = 0;
	ifr.ifr_addr.sa_family = AF_INET;
	if (ioctl(link->fd, SIOCGIFADDR, &ifr) == 0)
		link->ip = ((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr.s_addr;

	bind_to.sll_family = AF_PACKET;
	bind_to.sll_protocol = htons(ETH_P_ARP);
	bind_to.sll_ifindex = link->ifindex;
	if (bind(link->fd, (struct sockaddr *)&bind_to, sizeof(bind_to)) < 0) {
		perror("wsprobe: bind");
		return -1;
	}
	return 0;
}

static int send_who_has(const struct arp_link *link, uint32_t vip)
{
	uint8_t frame[PROBE_ARP_FRAME_LEN];
	struct sockaddr_ll to = { 0 };

	probe_arp_build_request(frame, link->mac, link->ip, vip);
	to.sll_family = AF_PACKET;
	to.sll_ifindex = link->ifindex;
	to.sll_halen = PROBE_ETH_ALEN;
	memset(to.sll_addr, 0xff, PROBE_ETH_ALEN);
	if (sendto(link->fd, frame, sizeof(frame), 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
		/* The bridge port may be down during a link fault: not fatal. */
		if (errno != ENETDOWN && errno != ENXIO) {
			perror("wsprobe: sendto");
			return -1;
		}
	}
	return 0;
}

/* Returns 1 and the answering MAC when a reply for vip arrived, 0 when the
 * frame was something else, -1 on a socket error. */
static int receive_vip_reply(const struct arp_link *link, uint32_t vip,
			     uint8_t mac[PROBE_ETH_ALEN])
{
	uint8_t frame[256];
	struct probe_arp_reply reply;
	ssize_t got = recv(link->fd, frame, sizeof(frame), MSG_DONTWAIT);

	if (got < 0)
		return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
	if (probe_arp_parse_reply(frame, (size_t)got, &reply) != 0 || reply.sender_ip != vip)
		return 0;
	memcpy(mac, reply.sender_mac, PROBE_ETH_ALEN);
	return 1;
}

static void watch_open(struct watch_state *ws, bool at_start)
{
	if (ws->fd >= 0)
		return;
	ws->fd = open(ws->watch.path, O_RDONLY | O_CLOEXEC);
	if (ws->fd < 0)
		return;
	/* Files that exist when we start are read from their current end;
	 * a file created later is read from its beginning. */
	ws->start_offset = at_start ? lseek(ws->fd, 0, SEEK_END) : 0;
	if (ws->start_offset < 0)
		ws->start_offset = 0;
}

static void watch_consume(struct watch_state *ws, double t0)
{
	char chunk[4096];
	ssize_t got;

	watch_open(ws, false);
	if (ws->fd < 0 || ws->seen_at >= 0)
		return;
	while ((got = read(ws->fd, chunk, sizeof(chunk))) > 0) {
		for (ssize_t i = 0; i < got; i++) {
			if (chunk[i] != '\n') {
				if (ws->line_length < sizeof(ws->line) - 1)
					ws->line[ws->line_length++] = chunk[i];
				continue;
			}
			ws->line[ws->line_length] = '\0';
			ws->line_length = 0;
			if (probe_watch_matches(&ws->watch, ws->line)) {
				ws->seen_at = ws_mono_s() - t0;
				printf("%s %.3f\n", ws->watch.name, ws->seen_at);
				fflush(stdout);
				return;
			}
		}
	}
}

static int inject_fault(const struct options *opt)
{
	if (opt->kill_pid) {
		if (kill(opt->kill_pid, SIGKILL) != 0)
			return tool_error("kill %d: %s", (int)opt->kill_pid, strerror(errno));
	} else if (opt->fault_command) {
		int status = system(opt->fault_command);

		if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			return tool_error("fault command failed: %s", opt->fault_command);
	}
	return 0;
}

static int run_takeover(struct options *opt, const struct arp_link *link)
{
	double t0, deadline, next_send = 0;
	double vip_at = -1;
	int pending = opt->watch_count + 1;

	for (int i = 0; i < opt->watch_count; i++)
		watch_open(&opt->watches[i], true);
	t0 = ws_mono_s();
	if (inject_fault(opt) != 0)
		return 2;
	printf("fault 0.000\n");
	fflush(stdout);
	deadline = t0 + opt->timeout_s;
	while (pending > 0 && ws_mono_s() < deadline) {
		uint8_t mac[PROBE_ETH_ALEN];
		struct pollfd pfd = { .fd = link->fd, .events = POLLIN };
		int rc;

		if (vip_at < 0 && ws_mono_s() >= next_send) {
			if (send_who_has(link, opt->vip.s_addr) != 0)
				return 2;
			next_send = ws_mono_s() + (double)opt->interval_ms / 1000.0;
		}
		if (poll(&pfd, 1, POLL_SLICE_MS) < 0 && errno != EINTR) {
			perror("wsprobe: poll");
			return 2;
		}
		while ((rc = receive_vip_reply(link, opt->vip.s_addr, mac)) == 1) {
			if (vip_at < 0 && memcmp(mac, opt->expect_mac, PROBE_ETH_ALEN) == 0) {
				vip_at = ws_mono_s() - t0;
				printf("vip %.3f\n", vip_at);
				fflush(stdout);
			}
		}
		if (rc < 0) {
			perror("wsprobe: recv");
			return 2;
		}
		pending = vip_at < 0 ? 1 : 0;
		for (int i = 0; i < opt->watch_count; i++) {
			watch_consume(&opt->watches[i], t0);
			if (opt->watches[i].seen_at < 0)
				pending++;
		}
	}
	if (vip_at < 0)
		printf("vip -\n");
	for (int i = 0; i < opt->watch_count; i++)
		if (opt->watches[i].seen_at < 0)
			printf("%s -\n", opt->watches[i].watch.name);
	return pending == 0 ? 0 : 1;
}

static int run_holders(const struct options *opt, const struct arp_link *link)
{
	uint8_t holders[MAX_HOLDERS][PROBE_ETH_ALEN];
	int holder_count = 0;
	double deadline = ws_mono_s() + opt->holders_s, next_send = 0;

	while (ws_mono_s() < deadline) {
		uint8_t mac[PROBE_ETH_ALEN];
		struct pollfd pfd = { .fd = link->fd, .events = POLLIN };
		int rc;

		if (ws_mono_s() >= next_send) {
			if (send_who_has(link, opt->vip.s_addr) != 0)
				return 2;
			next_send = ws_mono_s() + (double)opt->interval_ms / 1000.0;
		}
		if (poll(&pfd, 1, POLL_SLICE_MS) < 0 && errno != EINTR)
			return 2;
		while ((rc = receive_vip_reply(link, opt->vip.s_addr, mac)) == 1) {
			bool known = false;

			for (int i = 0; i < holder_count && !known; i++)
				known = memcmp(holders[i], mac, PROBE_ETH_ALEN) == 0;
			if (!known && holder_count < MAX_HOLDERS) {
				memcpy(holders[holder_count++], mac, PROBE_ETH_ALEN);
				printf("%02x:%02x:%02x:%02x:%02x:%02x\n",
				       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
				fflush(stdout);
			}
		}
		if (rc < 0)
			return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt = { 0 };
	struct arp_link link = { .fd = -1 };
	int rc;

	if (parse_options(argc, argv, &opt) != 0)
		return 2;
	if (open_arp_link(opt.iface, &link) != 0)
		return 2;
	rc = opt.holders_s > 0 ? run_holders(&opt, &link) : run_takeover(&opt, &link);
	for (int i = 0; i < opt.watch_count; i++) {
		if (opt.watches[i].fd >= 0)
			close(opt.watches[i].fd);
		probe_watch_free(&opt.watches[i].watch);
	}
	close(link.fd);
	return rc;
}
