/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2stats: status file names and text of the l2 medium's counters. */
#include "config.h"

#include "hbcomm-l2/l2stats.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *l2_status_dir(void)
{
	const char *dir = getenv(L2_STATUS_DIR_ENV);

	return dir != NULL && *dir != '\0' ? dir : L2_STATUS_DIR;
}

int l2_status_path(char *path, size_t len, const char *dir, const char *ifname,
                   const uint8_t peer[L2F_MAC_LEN], bool broadcast, const char *role)
{
	int n;

	if (broadcast)
		n = snprintf(path, len, "%s/%s-broadcast.%s", dir, ifname, role);
	else
		n = snprintf(path, len, "%s/%s-%02x%02x%02x%02x%02x%02x.%s", dir, ifname,
		             peer[0], peer[1], peer[2], peer[3], peer[4], peer[5], role);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

struct text {
	char *buf;
	size_t len, used;
	bool overflow;
};

static void add(struct text *t, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *format, ...)
{
	va_list ap;
	int n;

	if (t->overflow)
		return;
	va_start(ap, format);
	n = vsnprintf(t->buf + t->used, t->len - t->used, format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->len - t->used)
		t->overflow = true;
	else
		t->used += (size_t)n;
}

size_t l2_status_format(char *buf, size_t len, const char *ifname,
                        const char *peer_text, const char *role,
                        const struct l2_link_counters *c, int64_t unix_time)
{
	struct text t = { .buf = buf, .len = len };

	if (len == 0)
		return 0;
	add(&t, "interface %s\npeer %s\nrole %s\nupdated %" PRId64 "\n",
	    ifname, peer_text, role, unix_time);
	add(&t, "link %s\ncarrier %s\n", c->link_open ? "open" : "closed",
	    c->carrier ? "yes" : "no");
	add(&t, "frames %" PRIu64 "\nmessages %" PRIu64 "\nerrors %" PRIu64 "\n",
	    c->frames, c->messages, c->errors);
	add(&t, "reopens %" PRIu64 "\n", c->reopens);
	if (role[0] == 'r') {
		add(&t, "echo_requests %" PRIu64 "\necho_replies %" PRIu64 "\n",
		    c->echo_requests, c->echo_replies);
		add(&t, "own_frames %" PRIu64 "\nmisaddressed %" PRIu64 "\n",
		    c->own_frames, c->misaddressed);
		add(&t, "kernel_drops %" PRIu64 "\n", c->kernel_drops);
		for (unsigned i = 1; i < L2F_STATUS_COUNT; i++)
			add(&t, "dropped_%s %" PRIu64 "\n", l2f_status_name((enum l2f_status)i),
			    c->dropped.drops[i]);
		add(&t, "reasm_partial %u\nreasm_bytes %zu\n", c->reasm_partial, c->reasm_bytes);
	}
	return t.overflow ? 0 : t.used;
}
