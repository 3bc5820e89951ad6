/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Request-head parsing for fosemu. */
#include "config.h"

#include "berofos/emu_http.h"

#include "common/hex.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int emu_url_decode(char *text)
{
	char *out = text;

	for (const char *in = text; *in != '\0'; in++) {
		if (*in == '%') {
			int hi, lo;

			if ((hi = ws_hex_digit(in[1])) < 0 || (lo = ws_hex_digit(in[2])) < 0 || (hi == 0 && lo == 0))
				return -1;
			*out++ = (char)(hi << 4 | lo);
			in += 2;
		} else
			*out++ = *in == '+' ? ' ' : *in;
	}
	*out = '\0';
	return 0;
}

static int split_query(char *query, struct emu_request *req)
{
	char *save = NULL;

	for (char *pair = strtok_r(query, "&", &save); pair != NULL; pair = strtok_r(NULL, "&", &save)) {
		struct emu_param *p;
		char *eq = strchr(pair, '=');

		if (req->param_count >= EMU_HTTP_MAX_PARAMS)
			return 414;
		p = &req->params[req->param_count];
		if (eq != NULL)
			*eq = '\0';
		if (strlen(pair) >= sizeof(p->key) || (eq != NULL && strlen(eq + 1) >= sizeof(p->value)))
			return 400;
		snprintf(p->key, sizeof(p->key), "%s", pair);
		snprintf(p->value, sizeof(p->value), "%s", eq != NULL ? eq + 1 : "");
		if (emu_url_decode(p->key) != 0 || emu_url_decode(p->value) != 0)
			return 400;
		req->param_count++;
	}
	return 0;
}

/* "Authorization: Basic base64(user:password)". */
static void parse_auth(const char *value, struct emu_request *req)
{
	guchar *decoded;
	gsize decoded_len;
	char *colon;
	char text[160];

	while (*value == ' ')
		value++;
	if (strncasecmp(value, "Basic ", 6) != 0)
		return;
	value += 6;
	if (strlen(value) > 200)
		return;
	decoded = g_base64_decode(value, &decoded_len);
	if (decoded == NULL)
		return;
	if (decoded_len < sizeof(text) && memchr(decoded, '\0', decoded_len) == NULL) {
		memcpy(text, decoded, decoded_len);
		text[decoded_len] = '\0';
		colon = strchr(text, ':');
		if (colon != NULL && (size_t)(colon - text) < sizeof(req->user) &&
		    strlen(colon + 1) < sizeof(req->password)) {
			*colon = '\0';
			memcpy(req->user, text, (size_t)(colon - text) + 1);
			memcpy(req->password, colon + 1, strlen(colon + 1) + 1);
			req->has_auth = true;
		}
		explicit_bzero(text, sizeof(text));
	}
	explicit_bzero(decoded, decoded_len);
	g_free(decoded);
}

int emu_http_parse(const char *head, size_t len, struct emu_request *req)
{
	char buf[EMU_HTTP_HEAD_MAX + 1];
	char target[1024];
	char version[16];
	char *line, *save = NULL, *query;
	int rc;

	memset(req, 0, sizeof(*req));
	if (len > EMU_HTTP_HEAD_MAX)
		return 431;
	if (memchr(head, '\0', len) != NULL)
		return 400;
	memcpy(buf, head, len);
	buf[len] = '\0';
	line = strtok_r(buf, "\r\n", &save);
	if (line == NULL)
		return 400;
	if (sscanf(line, "%15s %1023s %15s", req->method, target, version) != 3)
		return strlen(line) > 1000 ? 414 : 400;
	if (strncmp(version, "HTTP/1.", 7) != 0)
		return 505;
	if (target[0] != '/')
		return 400;
	query = strchr(target, '?');
	if (query != NULL) {
		*query++ = '\0';
		req->has_query = true;
	}
	if (strlen(target) >= sizeof(req->path))
		return 414;
	snprintf(req->path, sizeof(req->path), "%s", target);
	if (query != NULL && (rc = split_query(query, req)) != 0)
		return rc;
	while ((line = strtok_r(NULL, "\r\n", &save)) != NULL)
		if (strncasecmp(line, "Authorization:", 14) == 0) {
			req->auth_header = true;
			parse_auth(line + 14, req);
		}
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

const char *emu_http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 505: return "HTTP Version Not Supported";
	}
	return "Error";
}
