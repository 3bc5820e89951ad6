/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "common/url.h"

#include "common/number.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int ws_url_host_port(const char *url, char *host, size_t host_len, uint16_t *port)
{
	const char *start, *end, *after;
	uint16_t value = WS_HTTP_DEFAULT_PORT;
	size_t len;

	if (url == NULL || strncasecmp(url, "http://", 7) != 0)
		return -1;
	start = url + 7;
	if (*start == '[') {
		end = strchr(++start, ']');
		if (end == NULL)
			return -1;
		after = end + 1;
	} else {
		end = start + strcspn(start, ":/");
		after = end;
	}
	len = (size_t)(end - start);
	if (len == 0 || len >= host_len)
		return -1;
	if (*after == ':') {
		char text[8];
		size_t digits = strcspn(after + 1, "/");
		long number;

		if (digits == 0 || digits >= sizeof(text))
			return -1;
		memcpy(text, after + 1, digits);
		text[digits] = '\0';
		if (ws_parse_long(text, 10, 1, 65535, &number) != 0)
			return -1;
		value = (uint16_t)number;
		after += 1 + digits;
	}
	if (*after != '\0' && *after != '/')
		return -1;
	memcpy(host, start, len);
	host[len] = '\0';
	*port = value;
	return 0;
}
