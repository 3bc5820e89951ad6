/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The GBL4 side of libberofos: UDP sockets around the pure codec. */
#include "config.h"

#include "berofos/berofos.h"

#include "common/clock.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAMES_PER_WAIT 1024   /* bounds a flood of foreign datagrams */

#define MAX_DRAIN 64                /* replies read per drain, bounds a flood */

struct fos_kicker {
	int fd;                        /* non-blocking: a kick never waits */
	struct sockaddr_in to;
	uint8_t frame[16];
	size_t frame_len;
};

static int udp_socket(const char *addr, uint16_t port, struct sockaddr_in *to,
		      char *message, size_t message_len)
{
	int fd, on = 1;

	memset(to, 0, sizeof(*to));
	to->sin_family = AF_INET;
	to->sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &to->sin_addr) != 1) {
		snprintf(message, message_len, "%s is not an IPv4 address", addr);
		return -1;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(message, message_len, "UDP socket: %s", strerror(errno));
		return -1;
	}
	if (to->sin_addr.s_addr == htonl(INADDR_BROADCAST) &&
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) != 0) {
		snprintf(message, message_len, "SO_BROADCAST: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static enum fos_err send_frame(int fd, const struct sockaddr_in *to, const uint8_t *frame,
			       size_t len, char *message, size_t message_len)
{
	ssize_t sent = sendto(fd, frame, len, 0, (const struct sockaddr *)to, sizeof(*to));

	if (sent != (ssize_t)len) {
		char addr[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &to->sin_addr, addr, sizeof(addr));
		snprintf(message, message_len, "sending to %s port %u: %s", addr,
			 (unsigned)ntohs(to->sin_port), sent < 0 ? strerror(errno) : "short send");
		return sent < 0 && (errno == ENETUNREACH || errno == EHOSTUNREACH)
			       ? FOS_E_UNREACHABLE : FOS_E_SYSTEM;
	}
	return FOS_OK;
}

/* udp_socket's failure as an error code: a bad address is the caller's. */
static enum fos_err socket_error(const char *addr)
{
	struct in_addr unused;

	return inet_pton(AF_INET, addr, &unused) == 1 ? FOS_E_SYSTEM : FOS_E_USAGE;
}

/* Waits for datagrams until deadline; calls take() for each valid frame of
 * command cmd.  take returns 1 to stop waiting. */
typedef int (*frame_taker)(const uint8_t *payload, size_t len, void *ctx);

static enum fos_err wait_frames(int fd, uint8_t cmd, int64_t deadline, frame_taker take, void *ctx,
				bool *taken, char *message, size_t message_len)
{
	*taken = false;
	for (int frames = 0; frames < MAX_FRAMES_PER_WAIT; frames++) {
		uint8_t buf[FOS_GBL4_MAX_FRAME];
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		const uint8_t *payload;
		size_t payload_len;
		uint8_t got_cmd;
		int64_t left = deadline - ws_mono_ms();
		ssize_t n;
		int rc;

		if (left <= 0)
			return FOS_OK;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0) {
			snprintf(message, message_len, "poll: %s", strerror(errno));
			return FOS_E_SYSTEM;
		}
		if (rc == 0)
			return FOS_OK;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == ECONNREFUSED) {
				snprintf(message, message_len, "nothing listens on the switch's UDP port");
				return FOS_E_UNREACHABLE;
			}
			continue;
		}
		if (fos_gbl4_decode(buf, (size_t)n, &got_cmd, &payload, &payload_len) != 0 ||
		    got_cmd != cmd)
			continue;            /* foreign or corrupt: dropped, like the vendor client */
		if (take(payload, payload_len, ctx) != 0) {
			*taken = true;
			return FOS_OK;
		}
	}
	return FOS_OK;
}

struct scan_ctx {
	struct fos_netconf *found;
	size_t max, count;
};

static int take_netconf(const uint8_t *payload, size_t len, void *ctx)
{
	struct scan_ctx *scan = ctx;

	if (scan->count < scan->max &&
	    fos_gbl4_netconf_unpack(payload, len, &scan->found[scan->count]) == 0)
		scan->count++;
	return 0;                          /* keep collecting until the timeout */
}

enum fos_err fos_gbl4_scan(const char *addr, uint16_t port, long timeout_ms,
			   struct fos_netconf *found, size_t max, size_t *count,
			   char *message, size_t message_len)
{
	struct scan_ctx scan = { found, max, 0 };
	struct sockaddr_in to;
	uint8_t frame[16];
	size_t len = fos_gbl4_scan_request(frame, sizeof(frame));
	enum fos_err err;
	bool taken;
	int fd;

	*count = 0;
	fd = udp_socket(addr, port, &to, message, message_len);
	if (fd < 0)
		return socket_error(addr);
	err = send_frame(fd, &to, frame, len, message, message_len);
	if (err == FOS_OK)
		err = wait_frames(fd, FOS_GBL4_GET_NETCONF, ws_mono_ms() + timeout_ms, take_netconf,
				  &scan, &taken, message, message_len);
	close(fd);
	*count = scan.count;
	return err;
}

struct mac_ctx {
	const uint8_t *mac;
	bool want_errcode;
	uint8_t errcode;
	bool any_payload;              /* PING, KICK_WDOG: the payload is not read */
};

static int take_mac(const uint8_t *payload, size_t len, void *ctx)
{
	struct mac_ctx *m = ctx;

	if (m->any_payload)
		return 1;
	if (len < 6 || memcmp(payload, m->mac, 6) != 0)
		return 0;
	if (m->want_errcode) {
		if (len < 7)
			return 0;
		m->errcode = payload[6];
	}
	return 1;
}

static enum fos_err request_reply(const char *addr, uint16_t port, const uint8_t *frame,
				  size_t len, uint8_t cmd, struct mac_ctx *m, long timeout_ms,
				  char *message, size_t message_len)
{
	struct sockaddr_in to;
	enum fos_err err;
	bool taken = false;
	int fd;

	fd = udp_socket(addr, port, &to, message, message_len);
	if (fd < 0)
		return socket_error(addr);
	/* Sent to one device, any valid reply of the command is its answer (the
	 * vendor client reads no payload); a broadcast needs the MAC to tell
	 * the answers apart. */
	if (m->any_payload && to.sin_addr.s_addr == htonl(INADDR_BROADCAST))
		m->any_payload = false;
	err = send_frame(fd, &to, frame, len, message, message_len);
	if (err == FOS_OK)
		err = wait_frames(fd, cmd, ws_mono_ms() + timeout_ms, take_mac, m, &taken,
				  message, message_len);
	close(fd);
	if (err == FOS_OK && !taken) {
		char mac[18];

		fos_mac_format(m->mac, mac);
		snprintf(message, message_len, "no answer from the switch %s at %s within %ld ms",
			 mac, addr, timeout_ms);
		err = FOS_E_TIMEOUT;
	}
	return err;
}

/* PING or KICK_WDOG: the request names the switch by its MAC, and any
 * reply of the command from it is the answer. */
static enum fos_err ask_by_mac(const char *addr, uint16_t port, const uint8_t mac[6], uint8_t cmd,
			       long timeout_ms, char *message, size_t message_len)
{
	struct mac_ctx m = { mac, false, 0, true };
	uint8_t frame[16];
	size_t len = cmd == FOS_GBL4_PING ? fos_gbl4_ping_request(mac, frame, sizeof(frame))
					  : fos_gbl4_kick_request(mac, frame, sizeof(frame));

	return request_reply(addr, port, frame, len, cmd, &m, timeout_ms, message, message_len);
}

enum fos_err fos_gbl4_ping(const char *addr, uint16_t port, const uint8_t mac[6],
			   long timeout_ms, char *message, size_t message_len)
{
	return ask_by_mac(addr, port, mac, FOS_GBL4_PING, timeout_ms, message, message_len);
}

enum fos_err fos_gbl4_set_netconf(const char *addr, uint16_t port,
				  const struct fos_netconf *nc, long timeout_ms,
				  char *message, size_t message_len)
{
	struct mac_ctx m = { nc->mac, true, 0, false };
	uint8_t frame[64];
	size_t len = fos_gbl4_set_netconf_request(nc, frame, sizeof(frame));
	enum fos_err err;

	err = request_reply(addr, port, frame, len, FOS_GBL4_SET_NETCONF, &m, timeout_ms,
			    message, message_len);
	if (err == FOS_OK && m.errcode != 0) {
		snprintf(message, message_len,
			 "the switch refused the network settings (error %u; it takes them only in flash mode)",
			 (unsigned)m.errcode);
		return FOS_E_REFUSED;
	}
	return err;
}

enum fos_err fos_kicker_open(struct fos_kicker **out, const char *addr, uint16_t port,
			     const uint8_t mac[6], char *message, size_t message_len)
{
	struct fos_kicker *k = calloc(1, sizeof(*k));

	*out = NULL;
	if (k == NULL) {
		snprintf(message, message_len, "out of memory");
		return FOS_E_SYSTEM;
	}
	k->fd = udp_socket(addr, port, &k->to, message, message_len);
	if (k->fd < 0) {
		free(k);
		return socket_error(addr);
	}
	if (fcntl(k->fd, F_SETFL, fcntl(k->fd, F_GETFL) | O_NONBLOCK) != 0) {
		snprintf(message, message_len, "UDP socket: %s", strerror(errno));
		close(k->fd);
		free(k);
		return FOS_E_SYSTEM;
	}
	k->frame_len = fos_gbl4_kick_request(mac, k->frame, sizeof(k->frame));
	*out = k;
	return FOS_OK;
}

enum fos_err fos_kicker_kick(struct fos_kicker *k, char *message, size_t message_len)
{
	return send_frame(k->fd, &k->to, k->frame, k->frame_len, message, message_len);
}

unsigned fos_kicker_drain(struct fos_kicker *k)
{
	bool broadcast = k->to.sin_addr.s_addr == htonl(INADDR_BROADCAST);
	unsigned acks = 0;

	for (int i = 0; i < MAX_DRAIN; i++) {
		uint8_t buf[FOS_GBL4_MAX_FRAME];
		struct sockaddr_in from;
		socklen_t from_len = sizeof(from);
		ssize_t n = recvfrom(k->fd, buf, sizeof(buf), MSG_DONTWAIT,
				     (struct sockaddr *)&from, &from_len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;                 /* EAGAIN: drained; ICMP errors: nothing to count */
		if (!broadcast && (from.sin_addr.s_addr != k->to.sin_addr.s_addr ||
				   from.sin_port != k->to.sin_port))
			continue;              /* not from the switch we kick */
		if (fos_gbl4_kick_reply_check(buf, (size_t)n) == 0)
			acks++;
	}
	return acks;
}

void fos_kicker_close(struct fos_kicker *k)
{
	if (k == NULL)
		return;
	close(k->fd);
	free(k);
}

enum fos_err fos_gbl4_kick(const char *addr, uint16_t port, const uint8_t mac[6],
			   long timeout_ms, char *message, size_t message_len)
{
	return ask_by_mac(addr, port, mac, FOS_GBL4_KICK_WDOG, timeout_ms, message, message_len);
}
