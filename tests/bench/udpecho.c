/* SPDX-License-Identifier: GPL-2.0-or-later */
/* udpecho: the UDP counterpart of l2ping for the benchmark, so both media
 * are measured by the same kind of user-space program.
 *
 *   udpecho [-c N] [-i interval] [-W timeout] <ipv4> <port>
 *   udpecho --server [-w seconds] [-n max-requests] <port>
 *
 * The client prints one line per reply, "N bytes from IP: seq=S time=T ms",
 * and a summary as l2ping does.  The server echoes every datagram back to
 * its sender until -w seconds or -n requests are done (both bounded).
 * Exit status: 0 when answered, 1 when not, 2 on usage or system errors.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/byteorder.h"
#include "common/clock.h"
#include "common/number.h"

#define MAX_COUNT 100000
#define MIN_INTERVAL 0.001
#define MAX_INTERVAL 60.0
#define MAX_SERVER_SECONDS 3600.0
#define PAYLOAD_LEN 16   /* sequence and send time, like l2ping */

static volatile sig_atomic_t stop_requested;

static void on_signal(int signo)
{
	(void)signo;
	stop_requested = 1;
}

static void usage(FILE *to)
{
	fputs("usage: udpecho [-c N] [-i interval] [-W timeout] <ipv4> <port>\n"
	      "       udpecho --server [-w seconds] [-n max-requests] <port>\n", to);
}

static int parse_port(const char *text, uint16_t *port)
{
	long v;

	if (ws_parse_long(text, 10, 1, 65535, &v) != 0)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static int server(uint16_t port, double seconds, long max_requests)
{
	struct sockaddr_in addr, from;
	socklen_t from_len;
	uint8_t buf[2048];
	uint64_t deadline = (uint64_t)ws_mono_ns() + (uint64_t)(seconds * 1e9);
	long answered = 0;
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("udpecho: socket");
		return 2;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(port);
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		perror("udpecho: bind");
		close(fd);
		return 2;
	}
	printf("udpecho: answering on port %u\n", (unsigned)port);
	if (fflush(stdout) != 0)
		perror("udpecho: stdout");
	while (!stop_requested && answered < max_requests) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t now = (uint64_t)ws_mono_ns();
		ssize_t n;
		int rc;

		if (now >= deadline)
			break;
		rc = poll(&pfd, 1, (int)((deadline - now) / 1000000u) + 1);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			perror("udpecho: poll");
			close(fd);
			return 2;
		}
		if (rc == 0)
			continue;
		from_len = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("udpecho: recvfrom");
			continue;
		}
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, from_len) < 0)
			perror("udpecho: sendto");
		else
			answered++;
	}
	if (close(fd) != 0)
		perror("udpecho: close");
	printf("udpecho: answered %ld requests\n", answered);
	return 0;
}

static int client(const char *host, uint16_t port, long count, double interval, double timeout)
{
	struct sockaddr_in addr;
	uint8_t buf[PAYLOAD_LEN], reply[2048];
	double min_ms = 0, max_ms = 0, sum_ms = 0;
	long sent = 0, received = 0;
	int fd;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "udpecho: '%s' is not an IPv4 address\n", host);
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("udpecho: socket");
		return 2;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		perror("udpecho: connect");
		close(fd);
		return 2;
	}
	printf("UDPECHO %s port %u\n", host, (unsigned)port);
	for (long seq = 0; seq < count && !stop_requested; seq++) {
		uint64_t sent_at = (uint64_t)ws_mono_ns();
		uint64_t next = sent_at + (uint64_t)(interval * 1e9);
		uint64_t give_up = sent_at + (uint64_t)(timeout * 1e9);

		ws_put_be64(buf, (uint64_t)seq);
		ws_put_be64(buf + 8, sent_at);
		if (send(fd, buf, sizeof(buf), 0) < 0) {
			perror("udpecho: send");
		} else {
			sent++;
		}
		/* wait for this reply (or the timeout), then for the interval */
		for (;;) {
			uint64_t now = (uint64_t)ws_mono_ns();
			uint64_t until = now < give_up ? give_up : next;
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			ssize_t n;
			int rc;

			if (now >= until || stop_requested)
				break;
			rc = poll(&pfd, 1, (int)((until - now) / 1000000u) + 1);
			if (rc < 0 && errno != EINTR) {
				perror("udpecho: poll");
				break;
			}
			if (rc <= 0)
				continue;
			n = recv(fd, reply, sizeof(reply), 0);
			if (n < 0) {
				/* ECONNREFUSED: nobody listening yet; keep timing */
				continue;
			}
			if (n == PAYLOAD_LEN) {
				uint64_t rseq = ws_get_be64(reply);
				double ms = (double)((uint64_t)ws_mono_ns() - ws_get_be64(reply + 8)) / 1e6;

				if (rseq == (uint64_t)seq) {
					printf("%zd bytes from %s: seq=%ld time=%.3f ms\n", n, host, seq, ms);
					if (received == 0 || ms < min_ms)
						min_ms = ms;
					if (ms > max_ms)
						max_ms = ms;
					sum_ms += ms;
					received++;
					give_up = now;   /* answered: now just wait for the interval */
				}
			}
		}
	}
	if (close(fd) != 0)
		perror("udpecho: close");
	printf("--- %s udpecho statistics ---\n", host);
	printf("%ld datagrams transmitted, %ld received, %.0f%% loss\n", sent, received,
	       sent > 0 ? 100.0 * (double)(sent - received) / (double)sent : 0.0);
	if (received > 0)
		printf("rtt min/avg/max = %.3f/%.3f/%.3f ms\n", min_ms, sum_ms / (double)received, max_ms);
	return received > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "server", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa;
	bool is_server = false;
	double interval = 1, timeout = 1, seconds = 60, v;
	long count = 5, max_requests = 1000000;
	uint16_t port;
	int c;

	while ((c = getopt_long(argc, argv, "c:i:W:w:n:", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			is_server = true;
			break;
		case 'c':
			if (ws_parse_double(optarg, 1, MAX_COUNT, &v) != 0) {
				fprintf(stderr, "udpecho: count must be 1..%d\n", MAX_COUNT);
				return 2;
			}
			count = (long)v;
			break;
		case 'i':
			if (ws_parse_double(optarg, MIN_INTERVAL, MAX_INTERVAL, &interval) != 0) {
				fprintf(stderr, "udpecho: interval must be %g..%g s\n", MIN_INTERVAL, MAX_INTERVAL);
				return 2;
			}
			break;
		case 'W':
			if (ws_parse_double(optarg, 0.001, MAX_INTERVAL, &timeout) != 0) {
				fprintf(stderr, "udpecho: timeout must be 0.001..%g s\n", MAX_INTERVAL);
				return 2;
			}
			break;
		case 'w':
			if (ws_parse_double(optarg, 0.001, MAX_SERVER_SECONDS, &seconds) != 0) {
				fprintf(stderr, "udpecho: -w must be 0.001..%g s\n", MAX_SERVER_SECONDS);
				return 2;
			}
			break;
		case 'n':
			if (ws_parse_double(optarg, 1, 1e9, &v) != 0) {
				fprintf(stderr, "udpecho: -n must be 1..1e9\n");
				return 2;
			}
			max_requests = (long)v;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;   /* no SA_RESTART: poll returns EINTR */
	if (sigemptyset(&sa.sa_mask) != 0 || sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGTERM, &sa, NULL) != 0) {
		perror("udpecho: sigaction");
		return 2;
	}
	if (is_server) {
		if (argc - optind != 1 || parse_port(argv[optind], &port) != 0) {
			usage(stderr);
			return 2;
		}
		return server(port, seconds, max_requests);
	}
	if (argc - optind != 2 || parse_port(argv[optind + 1], &port) != 0) {
		usage(stderr);
		return 2;
	}
	return client(argv[optind], port, count, interval, timeout);
}
