/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MAC address text: exactly six pairs of hex digits (either case) with one
 * separator between them, "00:19:32:00:12:1d".  Pure code. */
#ifndef WS_MAC_H
#define WS_MAC_H

#include <stdint.h>

#define WS_MAC_LEN 6
#define WS_MAC_TEXT_LEN 18          /* "aa:bb:cc:dd:ee:ff" and its NUL */

/* separators lists the characters allowed between the pairs (":" or ":-");
 * all five must be the same one.  Returns 0, or -1 (mac untouched).  No
 * signs, spaces or single digits, which sscanf's %x or ether_aton take. */
int ws_mac_parse(const char *text, const char *separators, uint8_t mac[WS_MAC_LEN]);
void ws_mac_format(const uint8_t mac[WS_MAC_LEN], char out[WS_MAC_TEXT_LEN]);

#endif
