/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's HTTP: only what the berofos speaks.  Parses one request head
 * (request line, Authorization: Basic) and splits the query.  Pure code. */
#ifndef EMU_HTTP_H
#define EMU_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "berofos/emu_state.h"

#define EMU_HTTP_MAX_PARAMS 16
#define EMU_HTTP_HEAD_MAX 8192

struct emu_request {
	char method[16];
	char path[256];               /* without the query */
	struct emu_param params[EMU_HTTP_MAX_PARAMS];
	size_t param_count;
	bool has_query;
	bool has_auth;
	bool auth_header;             /* any Authorization header, parsed or not */
	char user[64];
	char password[64];
};

/* Parses the head (up to and including the blank line).  Returns 0, or the
 * HTTP status to answer (400, 414, 431, 505) when the request is malformed. */
int emu_http_parse(const char *head, size_t len, struct emu_request *req);

/* Decodes %XX and '+' in place; returns -1 on a bad escape or a NUL. */
int emu_url_decode(char *text);

/* Reason phrase of the statuses fosemu sends. */
const char *emu_http_reason(int status);

#endif
