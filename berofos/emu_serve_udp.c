/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's GBL4 server: discovery, ping and kicks; flash-mode commands are
 * refused as by a device in operational mode. */
#include "config.h"

#include "berofos/emu_io.h"
#include "berofos/emu_log.h"
#include "common/clock.h"
#include "berofos/fos_gbl4.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static void netconf_of(struct emu *e, struct fos_netconf *nc)
{
	memset(nc, 0, sizeof(*nc));
	memcpy(nc->mac, e->mac, 6);
	nc->hwmagic = 0x00bb;
	nc->boot_major = 1;
	nc->boot_minor = 0;
	nc->fw_major = 1;
	nc->fw_minor = 57;
	nc->devmode = e->flash_mode;
	(void)inet_pton(AF_INET, e->st.cfg.v[FOS_K_IP].str, nc->ip);
	(void)inet_pton(AF_INET, e->st.cfg.v[FOS_K_NM].str, nc->netmask);
	(void)inet_pton(AF_INET, e->st.cfg.v[FOS_K_GW].str, nc->gateway);
	nc->phy_conf = 0xff;
	nc->phy_state = 0x07;
	nc->options = (uint8_t)((e->st.cfg.v[FOS_K_DHCP].num ? 0x01 : 0) |
				(e->st.cfg.v[FOS_K_PWD].num ? 0x02 : 0));
	nc->http_port = e->http_port;
}

static void put_ip(struct emu *e, enum fos_key key, const uint8_t ip[4])
{
	snprintf(e->st.cfg.v[key].str, sizeof(e->st.cfg.v[key].str), "%u.%u.%u.%u",
		 ip[0], ip[1], ip[2], ip[3]);
}

/* SET_NETCONF in flash mode: the new settings land in the state at once
 * (a device would use them after its restart). */
static void set_netconf(struct emu *e, const uint8_t *payload, size_t len, const char *peer,
			uint8_t *errcode)
{
	struct fos_netconf nc;
	struct emu_events ev = { .changed = true };

	if (fos_gbl4_set_netconf_unpack(payload, len, &nc) != 0) {
		emu_log(e, "udp from %s: SET_NETCONF with a bad payload", peer);
		*errcode = 2;
		return;
	}
	put_ip(e, FOS_K_IP, nc.ip);
	put_ip(e, FOS_K_NM, nc.netmask);
	put_ip(e, FOS_K_GW, nc.gateway);
	e->st.cfg.v[FOS_K_DHCP].num = nc.options & 0x01;
	snprintf(e->st.cfg.v[FOS_K_DHCP].str, sizeof(e->st.cfg.v[FOS_K_DHCP].str), "%d",
		 nc.options & 0x01);
	emu_log(e, "udp from %s: netconf ip=%s netmask=%s gateway=%s dhcp=%d", peer,
		e->st.cfg.v[FOS_K_IP].str, e->st.cfg.v[FOS_K_NM].str, e->st.cfg.v[FOS_K_GW].str,
		nc.options & 0x01);
	emu_report(e, &ev, "netconf");
	*errcode = 0;
}

void emu_serve_udp(struct emu *e)
{
	uint8_t buf[FOS_GBL4_MAX_FRAME], reply[FOS_GBL4_MAX_FRAME], payload_out[FOS_GBL4_NETCONF_LEN];
	struct sockaddr_in from;
	socklen_t from_len = sizeof(from);
	const uint8_t *payload;
	size_t payload_len, reply_len = 0;
	struct fos_netconf nc;
	struct emu_events ev;
	uint8_t cmd;
	char peer[INET_ADDRSTRLEN];
	ssize_t n = recvfrom(e->udp_fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);

	if (n < 0)
		return;
	inet_ntop(AF_INET, &from.sin_addr, peer, sizeof(peer));
	if (fos_gbl4_decode(buf, (size_t)n, &cmd, &payload, &payload_len) != 0) {
		emu_log(e, "udp from %s: not a GBL4 frame (%zd bytes), dropped", peer, n);
		return;
	}
	if (cmd != FOS_GBL4_GET_NETCONF && !e->any_mac &&
	    (payload_len < 6 || memcmp(payload, e->mac, 6) != 0)) {
		emu_log(e, "udp from %s: cmd %u for another MAC, ignored", peer, (unsigned)cmd);
		return;
	}
	switch (cmd) {
	case FOS_GBL4_GET_NETCONF:
		netconf_of(e, &nc);
		fos_gbl4_netconf_pack(&nc, payload_out);
		reply_len = fos_gbl4_encode(cmd, payload_out, sizeof(payload_out), reply, sizeof(reply));
		emu_log(e, "udp from %s: scan", peer);
		break;
	case FOS_GBL4_KICK_WDOG: {
		bool taken = emu_kick(&e->st, ws_mono_ms(), &ev);

		emu_log(e, "udp from %s: kick %s", peer, taken ? "accepted" :
		      e->st.cfg.v[FOS_K_WSTATE].num == FOS_WSTATE_FAILED ? "ignored (watchdog failed, latched)"
									  : "ignored (watchdog off)");
		emu_report(e, &ev, "kick");
		/* The vendor client waits for this reply (protocol page 1.3). */
		if (!e->no_kick_reply)
			reply_len = fos_gbl4_kick_reply(e->mac, reply, sizeof(reply));
		break;
	}
	case FOS_GBL4_PING:
		memcpy(payload_out, e->mac, 6);
		reply_len = fos_gbl4_encode(cmd, payload_out, 6, reply, sizeof(reply));
		emu_log(e, "udp from %s: ping", peer);
		break;
	case FOS_GBL4_SET_NETCONF:
		if (e->flash_mode) {
			set_netconf(e, payload, payload_len, peer, &payload_out[6]);
			memcpy(payload_out, e->mac, 6);
			reply_len = fos_gbl4_encode(cmd, payload_out, 7, reply, sizeof(reply));
			break;
		}
		/* fall through */
	case FOS_GBL4_RESET:
	case FOS_GBL4_FLASH_PREP:
	case FOS_GBL4_FLASH_PAGE:
		/* Operational mode: these work only in flash mode [doc]. */
		memcpy(payload_out, e->mac, 6);
		payload_out[6] = 1;
		reply_len = fos_gbl4_encode(cmd, payload_out, 7, reply, sizeof(reply));
		emu_log(e, "udp from %s: cmd %u refused (not in flash mode)", peer, (unsigned)cmd);
		break;
	default:
		emu_log(e, "udp from %s: unknown cmd %u, ignored", peer, (unsigned)cmd);
		return;
	}
	if (reply_len > 0 &&
	    sendto(e->udp_fd, reply, reply_len, 0, (struct sockaddr *)&from, from_len) < 0)
		emu_log(e, "udp reply to %s: %s", peer, strerror(errno));
}

