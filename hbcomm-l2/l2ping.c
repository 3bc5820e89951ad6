/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2ping: round-trip time to a peer over the l2 medium's EtherType, the
 * responder that answers it, and the medium's counters.
 *
 *   l2ping [-c N] [-i interval] [-W timeout] [-e ethertype] <ifname> <peer-mac>
 *   l2ping --responder [-w seconds] [-e ethertype] <ifname>
 *   l2ping --stats [ifname]
 *
 * Exit status: 0 when the peer answered (ping), 1 when it did not, 2 on
 * usage or system errors.  Echo requests are also answered by a running
 * `l2` medium's reader. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/byteorder.h"
#include "common/clock.h"
#include "common/number.h"
#include "hbcomm-l2/l2conf.h"
#include "hbcomm-l2/l2frame.h"
#include "hbcomm-l2/l2link.h"
#include "hbcomm-l2/l2stats.h"

#define EXIT_ANSWERED 0
#define EXIT_NO_ANSWER 1
#define EXIT_TROUBLE 2

/* Bounds on every sending loop. */
#define MAX_COUNT 100000
#define MIN_INTERVAL 0.01
#define MAX_INTERVAL 60.0
#define ECHO_PAYLOAD_LEN 16   /* sequence (u64) and send time (u64 ns) */

static volatile sig_atomic_t stop_requested;

static void on_signal(int signo)
{
	(void)signo;
	stop_requested = 1;
}

static int install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;   /* no SA_RESTART: poll returns EINTR */
	if (sigemptyset(&sa.sa_mask) != 0 || sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGTERM, &sa, NULL) != 0) {
		perror("ws-l2ping: sigaction");
		return -1;
	}
	return 0;
}

static void usage(FILE *out)
{
	fputs("usage: ws-l2ping [-c count] [-i interval] [-W timeout] [-e ethertype] <ifname> <peer-mac>\n"
	      "       ws-l2ping --responder [-w seconds] [-e ethertype] <ifname>\n"
	      "       ws-l2ping --stats [ifname]\n", out);
}

/* --- ping ----------------------------------------------------------------- */

struct ping_stats {
	unsigned sent, received, duplicates;
	double min_ms, max_ms, sum_ms;
};

/* Waits until deadline for the reply to `seq`.  Returns 1 when it came. */
static int await_reply(struct l2link *link, const uint8_t peer[L2F_MAC_LEN],
                       uint32_t id_base, uint64_t seq, uint64_t deadline,
                       struct ping_stats *st)
{
	char error[PCAP_ERRBUF_SIZE + 64];
	char peer_text[L2_MAC_TEXT_LEN];
	int answered = 0;

	l2_mac_format(peer, peer_text);
	while (!stop_requested) {
		uint64_t now = (uint64_t)ws_mono_ns();
		const uint8_t *data;
		size_t len;
		struct l2f_frame f;
		int rc;

		if (now >= deadline)
			break;
		rc = l2link_receive(link, (int)((deadline - now) / 1000000u) + 1, &data, &len,
		                    error, sizeof(error));
		if (rc == L2LINK_FAILED) {
			fprintf(stderr, "ws-l2ping: %s\n", error);
			return -1;
		}
		if (rc != L2LINK_FRAME)
			continue;
		if (l2f_decode(data, len, link->ethertype, &f) != L2F_OK ||
		    f.type != L2F_TYPE_ECHO_REPLY || f.payload_len < ECHO_PAYLOAD_LEN ||
		    memcmp(f.src, peer, L2F_MAC_LEN) != 0 ||
		    f.msg_id - id_base > MAX_COUNT)
			continue;
		uint64_t got_seq = ws_get_be64(f.payload);
		double rtt_ms = (double)((uint64_t)ws_mono_ns() - ws_get_be64(f.payload + 8)) / 1e6;

		if (got_seq != seq) {
			if (got_seq < seq)   /* late reply to an earlier probe */
				printf("%zu bytes from %s: seq=%" PRIu64 " time=%.3f ms (late)\n",
				       f.payload_len, peer_text, got_seq, rtt_ms);
			continue;
		}
		if (answered) {
			st->duplicates++;
			printf("%zu bytes from %s: seq=%" PRIu64 " time=%.3f ms (DUP!)\n",
			       f.payload_len, peer_text, got_seq, rtt_ms);
			continue;
		}
		answered = 1;
		st->received++;
		st->sum_ms += rtt_ms;
		if (st->received == 1 || rtt_ms < st->min_ms)
			st->min_ms = rtt_ms;
		if (rtt_ms > st->max_ms)
			st->max_ms = rtt_ms;
		printf("%zu bytes from %s: seq=%" PRIu64 " time=%.3f ms\n",
		       f.payload_len, peer_text, got_seq, rtt_ms);
		fflush(stdout);
	}
	return answered;
}

static int run_ping(const char *ifname, const char *peer_arg, unsigned count,
                    double interval, double timeout, uint16_t ethertype)
{
	struct l2link *link;
	uint8_t peer[L2F_MAC_LEN];
	uint8_t payload[ECHO_PAYLOAD_LEN];
	char error[PCAP_ERRBUF_SIZE + 64];
	struct ping_stats st = { 0 };
	uint32_t id_base = (uint32_t)getpid() << 16;

	if (l2_mac_parse(peer_arg, peer) != 0 || l2_mac_is_multicast(peer)) {
		fprintf(stderr, "ws-l2ping: '%s' is not a unicast MAC address\n", peer_arg);
		return EXIT_TROUBLE;
	}
	link = calloc(1, sizeof(*link));
	if (link == NULL) {
		perror("ws-l2ping");
		return EXIT_TROUBLE;
	}
	if (l2link_open(link, ifname, ethertype, peer, error, sizeof(error)) != 0) {
		fprintf(stderr, "ws-l2ping: %s\n", error);
		free(link);
		return EXIT_TROUBLE;
	}
	printf("L2PING %s via %s, EtherType 0x%04x\n", peer_arg, ifname, ethertype);
	for (unsigned seq = 1; seq <= count && !stop_requested; seq++) {
		uint64_t start = (uint64_t)ws_mono_ns();
		double wait = seq == count ? (timeout > interval ? timeout : interval) : interval;

		ws_put_be64(payload, seq);
		ws_put_be64(payload + 8, start);
		if (l2link_send(link, peer, L2F_TYPE_ECHO_REQUEST, id_base + seq, payload,
		                sizeof(payload), error, sizeof(error)) < 0) {
			fprintf(stderr, "ws-l2ping: %s\n", error);
		} else {
			st.sent++;
		}
		if (await_reply(link, peer, id_base, seq, start + (uint64_t)(wait * 1e9), &st) < 0)
			break;
	}
	l2link_close(link);
	free(link);
	printf("--- %s l2ping statistics ---\n", peer_arg);
	printf("%u frames transmitted, %u received, %u duplicates, %.0f%% loss\n",
	       st.sent, st.received, st.duplicates,
	       st.sent ? 100.0 * (st.sent - st.received) / st.sent : 100.0);
	if (st.received > 0)
		printf("rtt min/avg/max = %.3f/%.3f/%.3f ms\n", st.min_ms,
		       st.sum_ms / st.received, st.max_ms);
	return st.received > 0 ? EXIT_ANSWERED : EXIT_NO_ANSWER;
}

/* --- responder ------------------------------------------------------------ */

static int run_responder(const char *ifname, double seconds, uint16_t ethertype)
{
	struct l2link *link = calloc(1, sizeof(*link));
	char error[PCAP_ERRBUF_SIZE + 64];
	uint64_t deadline = seconds > 0 ? (uint64_t)ws_mono_ns() + (uint64_t)(seconds * 1e9) : UINT64_MAX;
	uint64_t answered = 0;
	int status = EXIT_ANSWERED;

	if (link == NULL) {
		perror("ws-l2ping");
		return EXIT_TROUBLE;
	}
	if (l2link_open(link, ifname, ethertype, NULL, error, sizeof(error)) != 0) {
		fprintf(stderr, "ws-l2ping: %s\n", error);
		free(link);
		return EXIT_TROUBLE;
	}
	printf("ws-l2ping: answering on %s, EtherType 0x%04x\n", ifname, ethertype);
	fflush(stdout);
	while (!stop_requested && (uint64_t)ws_mono_ns() < deadline) {
		const uint8_t *data;
		size_t len, n;
		struct l2f_frame f;
		int rc = l2link_receive(link, 200, &data, &len, error, sizeof(error));

		if (rc == L2LINK_FAILED) {
			fprintf(stderr, "ws-l2ping: %s\n", error);
			status = EXIT_TROUBLE;
			break;
		}
		if (rc != L2LINK_FRAME || l2f_decode(data, len, ethertype, &f) != L2F_OK ||
		    f.type != L2F_TYPE_ECHO_REQUEST)
			continue;
		/* One reply per request received: never more frames out than in. */
		n = l2f_encode_echo_reply(link->frame, sizeof(link->frame), &f, link->own_mac, ethertype);
		if (n > 0 && l2link_send_frame(link, link->frame, n, error, sizeof(error)) == 0)
			answered++;
	}
	printf("ws-l2ping: answered %" PRIu64 " requests\n", answered);
	l2link_close(link);
	free(link);
	return status;
}

/* --- stats ---------------------------------------------------------------- */

static int print_file(const char *path)
{
	char buf[4096];
	size_t n, total = 0;
	FILE *in = fopen(path, "r");

	if (in == NULL) {
		fprintf(stderr, "ws-l2ping: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		total += n;
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	}
	fclose(in);
	if (total == 0)   /* the process of this role has not written yet */
		puts("(no data yet)");
	return 0;
}

static int run_stats(const char *ifname)
{
	const char *dir = l2_status_dir();
	struct dirent **entries;
	int count, shown = 0;
	size_t prefix_len = ifname ? strlen(ifname) : 0;

	count = scandir(dir, &entries, NULL, alphasort);
	if (count < 0) {
		fprintf(stderr, "ws-l2ping: %s: %s (is an l2 medium running?)\n", dir, strerror(errno));
		return EXIT_TROUBLE;
	}
	for (int i = 0; i < count; i++) {
		const char *name = entries[i]->d_name;
		char path[4096];

		if (name[0] != '.' &&
		    (ifname == NULL || (strncmp(name, ifname, prefix_len) == 0 && name[prefix_len] == '-')) &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) < sizeof(path)) {
			printf("%s== %s ==\n", shown ? "\n" : "", name);
			if (print_file(path) == 0)
				shown++;
		}
		free(entries[i]);
	}
	free(entries);
	if (shown == 0) {
		fprintf(stderr, "ws-l2ping: no status in %s%s%s\n", dir,
		        ifname ? " for " : "", ifname ? ifname : "");
		return EXIT_NO_ANSWER;
	}
	return EXIT_ANSWERED;
}

int main(int argc, char **argv)
{
	enum { OPT_RESPONDER = 256, OPT_STATS, OPT_VERSION };
	static const struct option options[] = {
		{ "responder", no_argument, NULL, OPT_RESPONDER },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long count = 5;
	double interval = 1.0, timeout = 1.0, seconds = 0;
	uint16_t ethertype = L2F_DEFAULT_ETHERTYPE;
	int mode = 0, opt;
	long number;

	while ((opt = getopt_long(argc, argv, "c:i:W:w:e:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (ws_parse_long(optarg, 10, 1, MAX_COUNT, &number) != 0) {
				fprintf(stderr, "ws-l2ping: count must be 1..%d\n", MAX_COUNT);
				return EXIT_TROUBLE;
			}
			count = (unsigned long)number;
			break;
		case 'i':
			if (ws_parse_double(optarg, MIN_INTERVAL, MAX_INTERVAL, &interval) != 0) {
				fprintf(stderr, "ws-l2ping: interval must be %g..%g seconds\n",
				        MIN_INTERVAL, MAX_INTERVAL);
				return EXIT_TROUBLE;
			}
			break;
		case 'W':
			if (ws_parse_double(optarg, 0.001, MAX_INTERVAL, &timeout) != 0) {
				fprintf(stderr, "ws-l2ping: timeout must be 0.001..%g seconds\n", MAX_INTERVAL);
				return EXIT_TROUBLE;
			}
			break;
		case 'w':
			if (ws_parse_double(optarg, 0, 1e7, &seconds) != 0) {
				fprintf(stderr, "ws-l2ping: -w wants seconds\n");
				return EXIT_TROUBLE;
			}
			break;
		case 'e':
			if (l2_ethertype_parse(optarg, &ethertype) != 0) {
				fprintf(stderr, "ws-l2ping: bad EtherType '%s' (0x0600..0xffff)\n", optarg);
				return EXIT_TROUBLE;
			}
			break;
		case OPT_RESPONDER:
		case OPT_STATS:
			mode = opt;
			break;
		case 'h':
			usage(stdout);
			return EXIT_ANSWERED;
		case OPT_VERSION:
			puts("ws-l2ping (" PACKAGE_NAME ") " PACKAGE_VERSION);
			return EXIT_ANSWERED;
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	argc -= optind;
	argv += optind;
	if (mode == OPT_STATS) {
		if (argc > 1) {
			usage(stderr);
			return EXIT_TROUBLE;
		}
		return run_stats(argc == 1 ? argv[0] : NULL);
	}
	if (install_signals() != 0)
		return EXIT_TROUBLE;
	if (mode == OPT_RESPONDER) {
		if (argc != 1) {
			usage(stderr);
			return EXIT_TROUBLE;
		}
		return run_responder(argv[0], seconds, ethertype);
	}
	if (argc != 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	return run_ping(argv[0], argv[1], (unsigned)count, interval, timeout, ethertype);
}
