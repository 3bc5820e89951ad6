/* SPDX-License-Identifier: GPL-2.0-or-later */
/* GBL4 UDP frames (port 50123): encoder and decoder, pure code.  A frame is
 * "GBL\x04", a command byte, the payload and one XOR checksum byte. */
#ifndef FOS_GBL4_H
#define FOS_GBL4_H

#include <stddef.h>
#include <stdint.h>

#define FOS_GBL4_PORT 50123
#define FOS_GBL4_HEADER_LEN 5
#define FOS_GBL4_MAX_FRAME 600      /* FLASH_PAGE: 5 + 6 + 2 + 512 + 1 */
#define FOS_GBL4_NETCONF_LEN 30
#define FOS_GBL4_SET_NETCONF_LEN 22

enum fos_gbl4_cmd {
	FOS_GBL4_GET_NETCONF = 1,
	FOS_GBL4_SET_NETCONF = 2,
	FOS_GBL4_FLASH_PREP = 3,
	FOS_GBL4_FLASH_PAGE = 4,
	FOS_GBL4_RESET = 5,
	FOS_GBL4_PING = 9,
	FOS_GBL4_KICK_WDOG = 11,
};

/* What GET_NETCONF answers; also the request body of SET_NETCONF (which
 * uses mac, ip, netmask, gateway, phy_conf, options and http_port). */
struct fos_netconf {
	uint8_t mac[6];
	uint16_t hwmagic;
	uint8_t boot_major, boot_minor, fw_major, fw_minor;
	uint8_t devmode;
	uint8_t ip[4], netmask[4], gateway[4];
	uint8_t phy_conf, phy_state, options;
	uint16_t http_port;
};

/* Builds a frame in out (room for FOS_GBL4_MAX_FRAME).  Returns its length,
 * or 0 when the payload is too long. */
size_t fos_gbl4_encode(uint8_t cmd, const uint8_t *payload, size_t payload_len,
		       uint8_t *out, size_t out_size);

/* Checks prefix and checksum.  On success returns 0, sets *cmd and points
 * *payload into frame; returns -1 for anything that is not a GBL4 frame. */
int fos_gbl4_decode(const uint8_t *frame, size_t len, uint8_t *cmd,
		    const uint8_t **payload, size_t *payload_len);

/* Request builders; each returns the frame length. */
size_t fos_gbl4_scan_request(uint8_t *out, size_t out_size);
size_t fos_gbl4_kick_request(const uint8_t mac[6], uint8_t *out, size_t out_size);
size_t fos_gbl4_ping_request(const uint8_t mac[6], uint8_t *out, size_t out_size);
size_t fos_gbl4_set_netconf_request(const struct fos_netconf *nc, uint8_t *out, size_t out_size);

/* KICK_WDOG's reply: a datagram with command byte 11 and a valid checksum;
 * the vendor client waits for it but reads no payload (protocol page 1.3).
 * check returns 0 for such a frame, -1 for anything else.  The emulator
 * answers with the MAC and one zero byte. */
int fos_gbl4_kick_reply_check(const uint8_t *frame, size_t len);
size_t fos_gbl4_kick_reply(const uint8_t mac[6], uint8_t *out, size_t out_size);

/* The 30-byte GET_NETCONF reply payload both ways. */
void fos_gbl4_netconf_pack(const struct fos_netconf *nc, uint8_t out[FOS_GBL4_NETCONF_LEN]);
int fos_gbl4_netconf_unpack(const uint8_t *payload, size_t len, struct fos_netconf *nc);
/* The 22-byte SET_NETCONF request payload back into nc (emulator side). */
int fos_gbl4_set_netconf_unpack(const uint8_t *payload, size_t len, struct fos_netconf *nc);

/* "00:19:32:00:12:1d" <-> 6 bytes.  parse returns 0 or -1. */
int fos_mac_parse(const char *text, uint8_t mac[6]);
void fos_mac_format(const uint8_t mac[6], char out[18]);

#endif
