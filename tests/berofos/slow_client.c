/* SPDX-License-Identifier: GPL-2.0-or-later */
/* slow_client: a slow-loris HTTP client for fosemu's tests.  Connects to
 * 127.0.0.1:PORT and sends one byte of a request head every INTERVAL ms, at
 * most MAX bytes (so it is bounded in count and time), until the server
 * closes the connection.  Prints the milliseconds until the close, or -1
 * when the server kept it open for all MAX bytes.
 *
 *   slow_client PORT INTERVAL_MS MAX_BYTES
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long arg(const char *text, long min, long max)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*text == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "slow_client: bad argument %s\n", text);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const char head[] = "GET /config.txt HTTP/1.0\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	struct sockaddr_in sa = { .sin_family = AF_INET };
	long interval, max;
	long long start;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: slow_client PORT INTERVAL_MS MAX_BYTES\n");
		return 2;
	}
	sa.sin_port = htons((uint16_t)arg(argv[1], 1, 65535));
	interval = arg(argv[2], 1, 10000);
	max = arg(argv[3], 1, (long)sizeof(head) - 1);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		perror("slow_client: connect");
		return 1;
	}
	start = now_ms();
	for (long sent = 0; sent < max; sent++) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char buf[512];
		int rc;

		if (send(fd, head + sent, 1, MSG_NOSIGNAL) != 1) {
			printf("%lld\n", now_ms() - start);
			close(fd);
			return 0;
		}
		rc = poll(&pfd, 1, (int)interval);
		if (rc < 0 && errno != EINTR) {
			perror("slow_client: poll");
			close(fd);
			return 1;
		}
		if (rc > 0 && read(fd, buf, sizeof(buf)) <= 0) {
			printf("%lld\n", now_ms() - start);
			close(fd);
			return 0;
		}
	}
	printf("-1\n");
	close(fd);
	return 0;
}
