/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2flood: a bounded flood of hostile frames for the testbed, sent from the
 * observer namespace onto one of its links through a raw AF_PACKET socket.
 *
 *   l2flood --netns NAME --iface IF --mode MODE --dst MAC [--src MAC] [--ethertype 0xNNNN]
 *           [--dst-ip IP --port N] [--size BYTES] --count N --seconds S
 *
 * Modes:
 *   foreign  random payload under a foreign EtherType (0x88b7 unless -e)
 *   junk     random payload under our EtherType, from the interface's MAC
 *   spoof    random payload under our EtherType, source MAC = --src (the
 *            peer's), so it passes the medium's kernel filter
 *   frag     like spoof, but a well-formed l2 header (magic, version, data
 *            type) with random message ids and consistent fragment fields
 *            (default size 256): the frames reach the reassembler, whose
 *            memory must stay bounded
 *   udp      random UDP payload to --dst-ip:--port (stock ucast's port 694),
 *            from the interface's MAC and first IPv4 address
 *
 * Every run is bounded by --count AND --seconds (both required).  --netns
 * NAME is required too: the tool runs only when it is inside the named
 * namespace NAME (ip netns exec NAME ...), the testbed's observer, and
 * never in the host's own, so it can only reach links a test created.  Prints "sent N frames in S s"
 * on stdout.  Exit status 0, or 1 on errors.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <limits.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/byteorder.h"
#include "common/clock.h"
#include "common/mac.h"
#include "common/number.h"
#include "tests/netns/tool_error.h"
#include "hbcomm-l2/l2frame.h"

#define MAX_COUNT 100000000L
#define MAX_SECONDS 600.0
#define MIN_FRAME 60
#define MAX_FRAME 1514
#define DEFAULT_FOREIGN 0x88b7
#define CHECK_CLOCK_EVERY 256

enum mode { MODE_FOREIGN, MODE_JUNK, MODE_SPOOF, MODE_FRAG, MODE_UDP };

struct options {
	const char *netns;
	const char *iface;
	enum mode mode;
	bool have_mode;
	uint8_t dst[WS_MAC_LEN];
	bool have_dst;
	uint8_t src[WS_MAC_LEN];
	bool have_src;
	long ethertype;
	struct in_addr dst_ip;
	bool have_dst_ip;
	long port;
	long size;
	long count;
	double seconds;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int signo)
{
	(void)signo;
	stop_requested = 1;
}

/* xorshift64: fast, good enough for junk. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void fill_random(uint8_t *p, size_t len)
{
	while (len >= 8) {
		uint64_t v = rng();

		memcpy(p, &v, 8);
		p += 8;
		len -= 8;
	}
	if (len > 0) {
		uint64_t v = rng();

		memcpy(p, &v, len);
	}
}

static void usage(FILE *to)
{
	fputs("usage: l2flood --netns NAME --iface IF --mode foreign|junk|spoof|frag|udp --dst MAC\n"
	      "               [--src MAC] [--ethertype 0xNNNN] [--dst-ip IP --port N]\n"
	      "               [--size BYTES] --count N --seconds S\n", to);
}

static int parse_mode(const char *text, enum mode *mode)
{
	static const char *const names[] = { "foreign", "junk", "spoof", "frag", "udp" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(text, names[i]) == 0) {
			*mode = (enum mode)i;
			return 0;
		}
	}
	return -1;
}

static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
		{ "netns", required_argument, NULL, 'N' },
		{ "iface", required_argument, NULL, 'i' },
		{ "mode", required_argument, NULL, 'm' },
		{ "dst", required_argument, NULL, 'd' },
		{ "src", required_argument, NULL, 's' },
		{ "ethertype", required_argument, NULL, 'e' },
		{ "dst-ip", required_argument, NULL, 'a' },
		{ "port", required_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 'z' },
		{ "count", required_argument, NULL, 'c' },
		{ "seconds", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(opt, 0, sizeof(*opt));
	opt->ethertype = -1;
	opt->port = -1;
	opt->size = 0;
	opt->count = -1;
	opt->seconds = -1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'N':
			opt->netns = optarg;
			break;
		case 'i':
			opt->iface = optarg;
			break;
		case 'm':
			if (parse_mode(optarg, &opt->mode) != 0)
				return tool_error("unknown mode '%s'", optarg);
			opt->have_mode = true;
			break;
		case 'd':
			if (ws_mac_parse(optarg, ":", opt->dst) != 0)
				return tool_error("bad MAC '%s'", optarg);
			opt->have_dst = true;
			break;
		case 's':
			if (ws_mac_parse(optarg, ":", opt->src) != 0)
				return tool_error("bad MAC '%s'", optarg);
			opt->have_src = true;
			break;
		case 'e':
			if (ws_parse_long(optarg, 0, 0x0600, 0xffff, &opt->ethertype) != 0)
				return tool_error("bad EtherType '%s'", optarg);
			break;
		case 'a':
			if (inet_pton(AF_INET, optarg, &opt->dst_ip) != 1)
				return tool_error("bad IPv4 address '%s'", optarg);
			opt->have_dst_ip = true;
			break;
		case 'p':
			if (ws_parse_long(optarg, 0, 1, 65535, &opt->port) != 0)
				return tool_error("bad port '%s'", optarg);
			break;
		case 'z':
			if (ws_parse_long(optarg, 0, MIN_FRAME, MAX_FRAME, &opt->size) != 0)
				return tool_error("--size must be %d..%d", MIN_FRAME, MAX_FRAME);
			break;
		case 'c':
			if (ws_parse_long(optarg, 0, 1, MAX_COUNT, &opt->count) != 0)
				return tool_error("--count must be 1..%ld", MAX_COUNT);
			break;
		case 't':
			if (ws_parse_double(optarg, 0, MAX_SECONDS, &opt->seconds) != 0 ||
			    opt->seconds == 0)
				return tool_error("--seconds must be in (0, %g]", MAX_SECONDS);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc || opt->netns == NULL || opt->iface == NULL || !opt->have_mode || !opt->have_dst ||
	    opt->count < 0 || opt->seconds < 0) {
		usage(stderr);
		return -1;
	}
	if ((opt->mode == MODE_SPOOF || opt->mode == MODE_FRAG) && !opt->have_src)
		return tool_error("spoof and frag need --src (the MAC to spoof)");
	if (opt->mode == MODE_UDP && (!opt->have_dst_ip || opt->port < 0))
		return tool_error("udp needs --dst-ip and --port");
	if (opt->ethertype < 0)
		opt->ethertype = opt->mode == MODE_FOREIGN ? DEFAULT_FOREIGN : L2F_DEFAULT_ETHERTYPE;
	if (opt->size == 0)
		opt->size = opt->mode == MODE_UDP ? 242 : opt->mode == MODE_FRAG ? 256 : 128;
	if (opt->mode == MODE_FRAG && opt->size < L2F_ETH_HDR_LEN + L2F_MIN_MTU)
		return tool_error("frag needs --size >= %d (smaller fragments are refused by "
				  "the header check)", L2F_ETH_HDR_LEN + L2F_MIN_MTU);
	return 0;
}

/* Runs only inside the named network namespace NAME (/run/netns/NAME, the
 * testbed's observer) and never in the host's own (PID 1's, when readable),
 * so it can only reach links that a test created. */
static int check_namespace(const char *name)
{
	struct stat self, named, host;
	char path[PATH_MAX];

	if (strchr(name, '/') != NULL || name[0] == '\0' || name[0] == '.' ||
	    (size_t)snprintf(path, sizeof(path), "/run/netns/%s", name) >= sizeof(path)) {
		fprintf(stderr, "l2flood: bad namespace name '%s'\n", name);
		return -1;
	}
	if (stat("/proc/self/ns/net", &self) != 0) {
		perror("l2flood: /proc/self/ns/net");
		return -1;
	}
	if (stat(path, &named) != 0)
		return tool_error("%s: %s", path, strerror(errno));
	if (self.st_dev != named.st_dev || self.st_ino != named.st_ino) {
		fprintf(stderr, "l2flood: not running inside namespace %s "
		        "(use ip netns exec %s l2flood ...)\n", name, name);
		return -1;
	}
	if (stat("/proc/1/ns/net", &host) == 0 &&
	    self.st_dev == host.st_dev && self.st_ino == host.st_ino) {
		fputs("l2flood: refusing to flood from the host's network namespace\n", stderr);
		return -1;
	}
	return 0;
}

static int own_ipv4(const char *iface, struct in_addr *out)
{
	struct ifaddrs *list, *a;
	int rc = -1;

	if (getifaddrs(&list) != 0) {
		perror("l2flood: getifaddrs");
		return -1;
	}
	for (a = list; a != NULL; a = a->ifa_next) {
		if (a->ifa_addr != NULL && a->ifa_addr->sa_family == AF_INET &&
		    strcmp(a->ifa_name, iface) == 0) {
			*out = ((struct sockaddr_in *)(void *)a->ifa_addr)->sin_addr;
			rc = 0;
			break;
		}
	}
	freeifaddrs(list);
	if (rc != 0)
		fprintf(stderr, "l2flood: %s has no IPv4 address\n", iface);
	return rc;
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The fixed part of every frame; build_frame varies the rest. */
struct template {
	uint8_t frame[MAX_FRAME];
	size_t len;
	enum mode mode;
	struct l2f_header l2;      /* frag: the addressing of every fragment */
};

/* frag: the message whose fragments go out, random where one was sent. */
static uint8_t message[L2F_MAX_MSG];

static void build_template(struct template *t, const struct options *opt,
                           const uint8_t own_mac[6], struct in_addr own_ip)
{
	uint8_t *ip, *udp;
	size_t ip_len;

	memset(t, 0, sizeof(*t));
	t->len = (size_t)opt->size;
	t->mode = opt->mode;
	memcpy(t->frame, opt->dst, 6);
	if (opt->mode == MODE_SPOOF || opt->mode == MODE_FRAG)
		memcpy(t->frame + 6, opt->src, 6);
	else
		memcpy(t->frame + 6, own_mac, 6);
	if (opt->mode == MODE_FRAG) {
		memcpy(t->l2.dst, opt->dst, sizeof(t->l2.dst));
		memcpy(t->l2.src, opt->src, sizeof(t->l2.src));
		t->l2.ethertype = (uint16_t)opt->ethertype;
		t->l2.type = L2F_TYPE_DATA;
	}
	if (opt->mode != MODE_UDP) {
		ws_put_be16(t->frame + 12, (uint16_t)opt->ethertype);
		return;
	}
	ws_put_be16(t->frame + 12, ETHERTYPE_IP);
	ip = t->frame + L2F_ETH_HDR_LEN;
	ip_len = t->len - L2F_ETH_HDR_LEN;
	ip[0] = 0x45;
	ws_put_be16(ip + 2, (uint16_t)ip_len);
	ip[6] = 0x40;               /* don't fragment */
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, &own_ip, 4);
	memcpy(ip + 16, &opt->dst_ip, 4);
	ws_put_be16(ip + 10, ip_checksum(ip, 20));
	udp = ip + 20;
	ws_put_be16(udp, 40000);
	ws_put_be16(udp + 2, (uint16_t)opt->port);
	ws_put_be16(udp + 4, (uint16_t)(ip_len - 20));
	/* UDP checksum 0: none (allowed over IPv4), so random payloads stay valid */
}

static void build_frame(struct template *t)
{
	uint8_t *p = t->frame + L2F_ETH_HDR_LEN;
	size_t body = t->len - L2F_ETH_HDR_LEN;

	switch (t->mode) {
	case MODE_FOREIGN:
	case MODE_JUNK:
	case MODE_SPOOF:
		fill_random(p, body);
		break;
	case MODE_FRAG: {
		uint64_t r = rng();
		size_t mtu = body, chunk = mtu - L2F_HDR_LEN;
		/* as many fragments as a maximum-size message of this chunk has */
		unsigned max_count = (unsigned)(L2F_MAX_MSG / chunk);
		unsigned count = 2 + (unsigned)(r % (max_count - 1));
		unsigned index = (unsigned)((r >> 16) % count);
		/* a total that fits the count, so the fragment is accepted */
		size_t total = chunk * (count - 1) + 1 + (size_t)((r >> 40) % chunk);
		size_t offset = (size_t)index * chunk, len;

		t->l2.msg_id = (uint32_t)(r >> 32);
		fill_random(message + offset, total - offset < chunk ? total - offset : chunk);
		len = l2f_encode_fragment(t->frame, sizeof(t->frame), &t->l2, message, total, mtu, index);
		/* The last fragment is shorter: random bytes fill the frame to
		 * --size, which the receiver takes for padding. */
		if (len > 0 && len < t->len)
			fill_random(t->frame + len, t->len - len);
		break;
	}
	case MODE_UDP:
		fill_random(p + 28, body - 28);
		break;
	}
}

int main(int argc, char **argv)
{
	struct options opt;
	struct template t;
	struct sockaddr_ll addr;
	struct ifreq ifr;
	struct in_addr own_ip = { 0 };
	struct sigaction sa;
	uint8_t own_mac[6];
	double start, elapsed;
	long sent = 0, errors = 0, iterations = 0;
	unsigned ifindex;
	int fd;

	if (parse_options(argc, argv, &opt) != 0)
		return 1;
	if (check_namespace(opt.netns) != 0)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	if (sigemptyset(&sa.sa_mask) != 0 || sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGTERM, &sa, NULL) != 0) {
		perror("l2flood: sigaction");
		return 1;
	}
	ifindex = if_nametoindex(opt.iface);
	if (ifindex == 0) {
		fprintf(stderr, "l2flood: %s: %s\n", opt.iface, strerror(errno));
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_RAW, 0);   /* protocol 0: send only */
	if (fd < 0) {
		perror("l2flood: socket(AF_PACKET)");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	if (strlen(opt.iface) >= sizeof(ifr.ifr_name)) {
		fprintf(stderr, "l2flood: interface name too long\n");
		close(fd);
		return 1;
	}
	memcpy(ifr.ifr_name, opt.iface, strlen(opt.iface));
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) != 0) {
		perror("l2flood: SIOCGIFHWADDR");
		close(fd);
		return 1;
	}
	memcpy(own_mac, ifr.ifr_hwaddr.sa_data, 6);
	if (opt.mode == MODE_UDP && own_ipv4(opt.iface, &own_ip) != 0) {
		close(fd);
		return 1;
	}
	rng_state ^= (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);
	build_template(&t, &opt, own_mac, own_ip);

	memset(&addr, 0, sizeof(addr));
	addr.sll_family = AF_PACKET;
	addr.sll_ifindex = (int)ifindex;
	addr.sll_halen = 6;
	memcpy(addr.sll_addr, opt.dst, 6);

	start = ws_mono_s();
	elapsed = 0;
	while (sent < opt.count && !stop_requested) {
		if (iterations++ % CHECK_CLOCK_EVERY == 0) {
			elapsed = ws_mono_s() - start;
			if (elapsed >= opt.seconds)
				break;
		}
		build_frame(&t);
		if (sendto(fd, t.frame, t.len, 0, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
			if (errno == EINTR)
				continue;
			/* a full queue (ENOBUFS) or a link going down: count, go on */
			if (++errors == 1)
				fprintf(stderr, "l2flood: sendto: %s (counting further errors)\n",
				        strerror(errno));
			if (errors >= opt.count)
				break;
			continue;
		}
		sent++;
	}
	elapsed = ws_mono_s() - start;
	if (close(fd) != 0)
		perror("l2flood: close");
	printf("sent %ld frames in %.3f s (%.0f/s), %ld send errors\n", sent, elapsed,
	       elapsed > 0 ? (double)sent / elapsed : 0.0, errors);
	return 0;
}
