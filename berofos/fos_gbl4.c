/* SPDX-License-Identifier: GPL-2.0-or-later */
/* GBL4 frame codec (protocol page 1.3). */
#include "config.h"

#include "berofos/fos_gbl4.h"

#include "common/byteorder.h"
#include "common/mac.h"

#include <stdio.h>
#include <string.h>

static const uint8_t prefix[4] = { 'G', 'B', 'L', 0x04 };

static uint8_t xor_of(const uint8_t *data, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum ^= data[i];
	return sum;
}

size_t fos_gbl4_encode(uint8_t cmd, const uint8_t *payload, size_t payload_len,
		       uint8_t *out, size_t out_size)
{
	size_t len = FOS_GBL4_HEADER_LEN + payload_len + 1;

	if (len > out_size || len > FOS_GBL4_MAX_FRAME)
		return 0;
	memcpy(out, prefix, sizeof(prefix));
	out[4] = cmd;
	if (payload_len > 0)
		memcpy(out + FOS_GBL4_HEADER_LEN, payload, payload_len);
	out[len - 1] = xor_of(out, len - 1);
	return len;
}

int fos_gbl4_decode(const uint8_t *frame, size_t len, uint8_t *cmd,
		    const uint8_t **payload, size_t *payload_len)
{
	if (len < FOS_GBL4_HEADER_LEN + 1 || memcmp(frame, prefix, sizeof(prefix)) != 0)
		return -1;
	if (xor_of(frame, len - 1) != frame[len - 1])
		return -1;
	*cmd = frame[4];
	*payload = frame + FOS_GBL4_HEADER_LEN;
	*payload_len = len - FOS_GBL4_HEADER_LEN - 1;
	return 0;
}

size_t fos_gbl4_scan_request(uint8_t *out, size_t out_size)
{
	return fos_gbl4_encode(FOS_GBL4_GET_NETCONF, NULL, 0, out, out_size);
}

size_t fos_gbl4_kick_request(const uint8_t mac[6], uint8_t *out, size_t out_size)
{
	uint8_t payload[7] = { 0 };

	memcpy(payload, mac, 6);
	return fos_gbl4_encode(FOS_GBL4_KICK_WDOG, payload, sizeof(payload), out, out_size);
}

int fos_gbl4_kick_reply_check(const uint8_t *frame, size_t len)
{
	const uint8_t *payload;
	size_t payload_len;
	uint8_t cmd;

	if (fos_gbl4_decode(frame, len, &cmd, &payload, &payload_len) != 0 ||
	    cmd != FOS_GBL4_KICK_WDOG)
		return -1;
	return 0;
}

size_t fos_gbl4_kick_reply(const uint8_t mac[6], uint8_t *out, size_t out_size)
{
	uint8_t payload[7] = { 0 };

	memcpy(payload, mac, 6);
	return fos_gbl4_encode(FOS_GBL4_KICK_WDOG, payload, sizeof(payload), out, out_size);
}

size_t fos_gbl4_ping_request(const uint8_t mac[6], uint8_t *out, size_t out_size)
{
	uint8_t payload[8] = { 0 };

	memcpy(payload, mac, 6);
	return fos_gbl4_encode(FOS_GBL4_PING, payload, sizeof(payload), out, out_size);
}

size_t fos_gbl4_set_netconf_request(const struct fos_netconf *nc, uint8_t *out, size_t out_size)
{
	uint8_t p[FOS_GBL4_SET_NETCONF_LEN];

	memcpy(p, nc->mac, 6);
	memcpy(p + 6, nc->ip, 4);
	memcpy(p + 10, nc->netmask, 4);
	memcpy(p + 14, nc->gateway, 4);
	p[18] = nc->phy_conf;
	p[19] = nc->options;
	ws_put_be16(p + 20, nc->http_port);
	return fos_gbl4_encode(FOS_GBL4_SET_NETCONF, p, sizeof(p), out, out_size);
}

int fos_gbl4_set_netconf_unpack(const uint8_t *p, size_t len, struct fos_netconf *nc)
{
	if (len != FOS_GBL4_SET_NETCONF_LEN)
		return -1;
	memcpy(nc->mac, p, 6);
	memcpy(nc->ip, p + 6, 4);
	memcpy(nc->netmask, p + 10, 4);
	memcpy(nc->gateway, p + 14, 4);
	nc->phy_conf = p[18];
	nc->options = p[19];
	nc->http_port = ws_get_be16(p + 20);
	return 0;
}

void fos_gbl4_netconf_pack(const struct fos_netconf *nc, uint8_t p[FOS_GBL4_NETCONF_LEN])
{
	memcpy(p, nc->mac, 6);
	ws_put_be16(p + 6, nc->hwmagic);
	p[8] = nc->boot_major;
	p[9] = nc->boot_minor;
	p[10] = nc->fw_major;
	p[11] = nc->fw_minor;
	p[12] = nc->devmode;
	memcpy(p + 13, nc->ip, 4);
	memcpy(p + 17, nc->netmask, 4);
	memcpy(p + 21, nc->gateway, 4);
	p[25] = nc->phy_conf;
	p[26] = nc->phy_state;
	p[27] = nc->options;
	ws_put_be16(p + 28, nc->http_port);
}

int fos_gbl4_netconf_unpack(const uint8_t *p, size_t len, struct fos_netconf *nc)
{
	if (len != FOS_GBL4_NETCONF_LEN)
		return -1;
	memcpy(nc->mac, p, 6);
	nc->hwmagic = ws_get_be16(p + 6);
	nc->boot_major = p[8];
	nc->boot_minor = p[9];
	nc->fw_major = p[10];
	nc->fw_minor = p[11];
	nc->devmode = p[12];
	memcpy(nc->ip, p + 13, 4);
	memcpy(nc->netmask, p + 17, 4);
	memcpy(nc->gateway, p + 21, 4);
	nc->phy_conf = p[25];
	nc->phy_state = p[26];
	nc->options = p[27];
	nc->http_port = ws_get_be16(p + 28);
	return 0;
}

/* Strictly six colon-separated pairs of hex digits (sscanf's %x would also
 * take signs and spaces, "-1:-1:..."). */
int fos_mac_parse(const char *text, uint8_t mac[6])
{
	return ws_mac_parse(text, ":", mac);
}

void fos_mac_format(const uint8_t mac[6], char out[18])
{
	ws_mac_format(mac, out);
}
