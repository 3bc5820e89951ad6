/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's HTTP server: one connection at a time, one request each, the
 * statuses a device sends. */
#include "config.h"

#include "berofos/emu_http.h"
#include "berofos/emu_io.h"
#include "berofos/emu_log.h"
#include "common/clock.h"
#include "berofos/berofos.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* For the whole request head, not per read: fosemu serves one connection
 * at a time, and a client trickling bytes must not hold up the watchdog. */
#define REQUEST_TIMEOUT_MS 500

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static void respond(int fd, int status, const char *type, const char *body)
{
	char head[512];
	size_t body_len = strlen(body);
	int n;

	n = snprintf(head, sizeof(head),
		     "HTTP/1.0 %d %s\r\nServer: fosemu\r\nConnection: close\r\n"
		     "Content-Type: %s\r\nContent-Length: %zu\r\n%s\r\n",
		     status, emu_http_reason(status), type, body_len,
		     status == 401 ? "WWW-Authenticate: Basic realm=\"berofos\"\r\n" :
		     status == 405 ? "Allow: GET\r\n" : "");
	if (n > 0 && (size_t)n < sizeof(head) && write_all(fd, head, (size_t)n) == 0)
		(void)write_all(fd, body, body_len);
}

static bool authorized(struct emu *e, const struct emu_request *req)
{
	if (!e->st.cfg.v[FOS_K_PWD].num)
		return true;
	if (!req->has_auth || strcmp(req->password, e->st.apwd) != 0)
		return false;
	return !e->check_user || strcmp(req->user, FOS_DEFAULT_USER) == 0;
}

/* Query text for the log, with the password masked. */
static void describe(const struct emu_request *req, char *out, size_t len)
{
	size_t used = (size_t)snprintf(out, len, "%s %s", req->method, req->path);

	for (size_t i = 0; i < req->param_count && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%c%s=%s", i == 0 ? '?' : '&',
					 req->params[i].key,
					 strcmp(req->params[i].key, "apwd") == 0 ? "***" : req->params[i].value);
}

/* config.txt as firmware that writes booleans "checked" (true) or empty
 * (false) does: page with its boolean lines rewritten, into out.  Returns
 * the length, or size when out is too small. */
static size_t checked_bools(const char *page, char *out, size_t size)
{
	size_t used = 0;

	while (*page != '\0') {
		const char *nl = strchr(page, '\n');
		size_t len = nl != NULL ? (size_t)(nl - page) : strlen(page);
		const char *eq = memchr(page, '=', len);
		char key[32];
		int k = -1, n;

		if (eq != NULL && (size_t)(eq - page) < sizeof(key)) {
			memcpy(key, page, (size_t)(eq - page));
			key[eq - page] = '\0';
			k = fos_key_lookup(key);
		}
		if (k >= 0 && fos_key_info((enum fos_key)k)->type == FOS_T_BOOL)
			n = snprintf(out + used, size - used, "%s=%s%s", key,
				     page + len - eq == 2 && eq[1] == '1' ? "checked" : "",
				     nl != NULL ? "\n" : "");
		else
			n = snprintf(out + used, size - used, "%.*s%s", (int)len, page, nl != NULL ? "\n" : "");
		if (n < 0 || (size_t)n >= size - used)
			return size;
		used += (size_t)n;
		page += len + (nl != NULL);
	}
	return used;
}

/* Keeps the connection open and unanswered, as a switch whose answer got
 * lost; the oldest such connection is closed when the list is full. */
static void stall(struct emu *e, int fd)
{
	if (e->stalled_count == STALLED_MAX) {
		close(e->stalled[0]);
		memmove(e->stalled, e->stalled + 1, sizeof(int) * (STALLED_MAX - 1));
		e->stalled_count--;
	}
	e->stalled[e->stalled_count++] = fd;
}

static bool names_param(const struct emu_request *req, const char *key)
{
	for (size_t i = 0; key != NULL && i < req->param_count; i++)
		if (strcmp(req->params[i].key, key) == 0)
			return true;
	return false;
}

/* The --bad-value fault: the line "key=..." of page becomes "key=value". */
static int rewrite_line(char *page, size_t size, const char *key, const char *value)
{
	char copy[4096];
	size_t key_len = strlen(key);
	char *line = page;

	while (line != NULL && *line != '\0') {
		char *nl = strchr(line, '\n');

		if (strncmp(line, key, key_len) == 0 && line[key_len] == '=') {
			snprintf(copy, sizeof(copy), "%s", nl != NULL ? nl : "");
			line[key_len + 1] = '\0';
			if ((size_t)snprintf(line + key_len + 1, size - (size_t)(line + key_len + 1 - page),
					     "%s%s", value, copy) >= size - (size_t)(line + key_len + 1 - page))
				return -1;
			return 0;
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

/* Answers one request; returns its status, or -1 when fd was kept open by
 * a fault (the caller must not close it). */
static int handle_request(struct emu *e, int fd, const char *head, size_t len)
{
	static char page[4096], page2[4096];
	struct emu_request req;
	struct emu_events ev;
	char what[768], error[128] = "";
	int status = emu_http_parse(head, len, &req);

	if (status != 0) {
		respond(fd, status, "text/plain", "bad request\n");
		emu_log(e, "http malformed request -> %d", status);
		return status;
	}
	describe(&req, what, sizeof(what));
	if (strcmp(req.method, "GET") != 0 && strcmp(req.method, "HEAD") != 0)
		status = 405;
	else if (strcmp(req.path, "/config.txt") == 0 && !req.has_query) {
		if (e->config_needs_auth && !authorized(e, &req))
			status = 401;
		else {
			emu_tick(&e->st, ws_mono_ms(), &ev);
			emu_report(e, &ev, "watchdog");
			if (fos_devpage_format(&e->st.cfg, e->final_lf, page, sizeof(page)) >= sizeof(page) ||
			    (e->bad_key != NULL &&
			     rewrite_line(page, sizeof(page), e->bad_key, e->bad_value) != 0) ||
			    (e->checked_bools && checked_bools(page, page2, sizeof(page2)) >= sizeof(page2)))
				status = 500;
			else {
				respond(fd, 200, "text/plain", e->checked_bools ? page2 : page);
				status = 200;
			}
		}
	} else if (strcmp(req.path, "/") == 0 && req.has_query) {
		if (!authorized(e, &req))
			status = 401;
		else if (names_param(&req, e->drop_request)) {
			emu_log(e, "fault: http %s dropped unapplied, connection left unanswered", what);
			stall(e, fd);
			status = -1;
		} else {
			status = emu_apply_set(&e->st, req.params, req.param_count, ws_mono_ms(), &ev,
					       error, sizeof(error));
			if (status == 200 && names_param(&req, e->drop_reply)) {
				emu_report(e, &ev, "http");
				emu_log(e, "fault: http %s applied, its reply dropped", what);
				stall(e, fd);
				status = -1;
			} else if (status == 200) {
				respond(fd, 200, e->set_body == BODY_HTML ? "text/html" : "text/plain",
					e->set_body == BODY_HTML ? "<html><body>OK</body></html>\n" :
					e->set_body == BODY_TEXT ? "OK\n" : "");
				emu_report(e, &ev, "http");
			}
		}
	} else
		status = 404;                  /* no web UI, no other page */
	if (status == -1) {
		explicit_bzero(&req, sizeof(req));
		return -1;
	}
	if (status != 200)
		respond(fd, status, "text/plain", status == 401 ? "authorization required\n" :
			error[0] != '\0' ? error : "error\n");
	emu_log(e, "http %s user=%s auth=%s -> %d%s%s", what, req.has_auth ? req.user : "-",
		req.auth_header ? "sent" : "none", status, error[0] != '\0' ? " " : "", error);
	explicit_bzero(&req, sizeof(req));
	return status;
}

void emu_serve_http(struct emu *e)
{
	char head[EMU_HTTP_HEAD_MAX + 1];
	struct timeval tv = { 0, REQUEST_TIMEOUT_MS * 1000 };
	long long deadline = ws_mono_ms() + REQUEST_TIMEOUT_MS;
	size_t len = 0;
	char *end = NULL;
	int fd = accept4(e->http_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (e->stall_http) {
		stall(e, fd);
		emu_log(e, "fault: http connection accepted and left unanswered");
		return;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0) {
		close(fd);
		return;
	}
	while (end == NULL && len < EMU_HTTP_HEAD_MAX) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = deadline - ws_mono_ms();
		ssize_t n;
		int rc;

		if (left <= 0) {
			emu_log(e, "http request head not complete within %d ms, connection closed",
				REQUEST_TIMEOUT_MS);
			break;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			break;
		if (rc == 0)
			continue;              /* the deadline check ends the loop */
		n = read(fd, head + len, EMU_HTTP_HEAD_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		head[len] = '\0';
		end = strstr(head, "\r\n\r\n");
	}
	if (end != NULL && handle_request(e, fd, head, (size_t)(end - head) + 4) < 0) {
		explicit_bzero(head, sizeof(head));
		return;                        /* kept open by a fault */
	}
	if (end == NULL && len >= EMU_HTTP_HEAD_MAX)
		respond(fd, 431, "text/plain", "request head too large\n");
	explicit_bzero(head, sizeof(head));
	close(fd);
}

