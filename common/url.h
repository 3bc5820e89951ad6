/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host and port of an "http://HOST[:PORT][/PATH]" URL, as berofos.conf
 * and the command lines give the switch.  Pure code. */
#ifndef WS_URL_H
#define WS_URL_H

#include <stddef.h>
#include <stdint.h>

#define WS_HTTP_DEFAULT_PORT 80

/* Splits url into host (without the brackets of an IPv6 literal) and port
 * (80 when the URL names none).  Returns 0, or -1 when url is not http://,
 * has an empty host, a host longer than host_len - 1, or a port that is not
 * a number 1..65535; host and port are then left alone. */
int ws_url_host_port(const char *url, char *host, size_t host_len, uint16_t *port);

#endif
